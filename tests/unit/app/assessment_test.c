/* assessment: the default instrument, network copies, rating and challenge rules, and
 * the comparison of a district's assessments across years. */
#include "testapp.h"

#include "app/assessment/assessment.h"
#include "app/assessment/instrument.h"
#include "app/network/network.h"
#include "app/org/org.h"
#include "app/network/team.h"
#include "app/assessment/indicator.h"
#include "app/assessment/challenge.h"


/* A state agency (1), cooperative (2), two districts (3, 4), networks for 2025-26 (1)
 * and 2026-27 (2), and teams of district 3 in both (1, 2) and of district 4 (3). */
static void world(struct testdb *t, struct arena *a)
{
	testapp_make(t, a, &org_entity, (const char *[]){"kind", "state", "name", "KDE", NULL});
	testapp_make(t, a, &org_entity,
	     (const char *[]){"kind", "cooperative", "name", "GRREC", "parent_id", "1", NULL});
	testapp_make(t, a, &org_entity,
	     (const char *[]){"kind", "district", "name", "Daviess", "parent_id", "2", NULL});
	testapp_make(t, a, &org_entity,
	     (const char *[]){"kind", "district", "name", "Owensboro", "parent_id", "2", NULL});
	testapp_make(t, a, &network_entity,
	     (const char *[]){"name", "Math 25", "content_area", "mathematics", "school_year",
			      "2025-26", NULL});
	testapp_make(t, a, &network_entity,
	     (const char *[]){"name", "Math 26", "content_area", "mathematics", "school_year",
			      "2026-27", NULL});
	testapp_make(t, a, &team_entity, (const char *[]){"network_id", "1", "district_id", "3", NULL});
	testapp_make(t, a, &team_entity, (const char *[]){"network_id", "2", "district_id", "3", NULL});
	testapp_make(t, a, &team_entity, (const char *[]){"network_id", "2", "district_id", "4", NULL});
}

/* The world and an assessment of team 1 (district 3, 2025-26); returns its id. */
static int64_t world_assessment(struct testdb *t, struct arena *a)
{
	world(t, a);
	return testapp_make(t, a, &assessment_entity, (const char *[]){"team_id", "1", NULL});
}

static int64_t indicator(struct testdb *t, int64_t assessment, const char *code)
{
	struct cn_err err = {0};
	int64_t id = 0;
	if (assessment_indicator(t->db, assessment, code, &id, &err))
		fail_msg("indicator %s: %s", code, err.msg);
	return id;
}

static void rate(struct testdb *t, int64_t assessment, const char *code, int cur, int target,
		 const char *priority)
{
	struct cn_err err = {0};
	struct assessment_rating_in in = {cur, target, NULL, priority};
	if (assessment_rate(t->db, &t->who, assessment, indicator(t, assessment, code), &in, &err))
		fail_msg("rate %s: %s: %s", code, err.field, err.msg);
}

static void test_default_instrument_covers_standards_and_levels(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	int64_t id = 0, again = 0;
	assert_int_equal(instrument_default(t->db, &t->who, &id, &err), 0);
	assert_int_equal(instrument_default(t->db, &t->who, &again, &err), 0);
	assert_int_equal(id, again);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM instrument"), 1);
	struct instrument_full in;
	assert_int_equal(instrument_load(t->db, a, id, &in, &err), 0);
	assert_true(in.shipped);
	assert_true(in.count >= 21 && in.count <= 28);
	for (size_t s = 0; instrument_standards[s] != NULL; s++) {
		size_t n = 0;
		for (size_t i = 0; i < in.count; i++)
			n += strcmp(in.indicators[i].standard, instrument_standards[s]) == 0;
		if (n < 3)
			fail_msg("standard %s has %zu indicators", instrument_standards[s], n);
	}
	for (size_t l = 0; instrument_capacity_levels[l] != NULL; l++) {
		size_t n = 0;
		for (size_t i = 0; i < in.count; i++)
			n += strcmp(in.indicators[i].capacity_level, instrument_capacity_levels[l]) == 0;
		if (n < 5)
			fail_msg("level %s has %zu indicators", instrument_capacity_levels[l], n);
	}
	for (size_t i = 0; i < in.count; i++) {
		assert_true(strlen(in.indicators[i].text) > 40);
		assert_int_equal(in.indicators[i].position, (int64_t)i + 1);
	}
	/* The default is never edited. */
	struct rec *ch = rec_new(a, &instrument_entity);
	assert_int_equal(rec_set_text(ch, a, "name", "Mine", &err), 0);
	assert_int_equal(rec_update(t->db, &t->who, a, id, 0, ch, NULL, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "copy it"));
	assert_int_equal(instrument_indicator_remove(t->db, &t->who, in.indicators[0].id, &err),
			 -1);
	assert_int_equal(instrument_indicator_move(t->db, &t->who, in.indicators[0].id, 3, &err),
			 -1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM indicator"), (int64_t)in.count);
	arena_free(a);
	testdb_close(t);
}

static void test_copy_is_editable(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	int64_t def = 0, copy = 0;
	assert_int_equal(instrument_default(t->db, &t->who, &def, &err), 0);
	assert_int_equal(instrument_copy(t->db, &t->who, def, 2, NULL, &copy, &err), 0);
	struct instrument_full in;
	assert_int_equal(instrument_load(t->db, a, copy, &in, &err), 0);
	assert_false(in.shipped);
	assert_int_equal(in.count, 24);
	assert_int_equal(rec_int(in.instrument, "based_on_id"), def);
	assert_non_null(strstr(rec_text(in.instrument, "name"), "Math 26"));
	/* Add, move, remove. */
	int64_t added = testapp_make(t, a, &indicator_entity,
			     (const char *[]){"instrument_id", "2", "code", "lc.5", "capacity_level",
					      "people", "standard", "learning_communities", "text",
					      "Teachers observe each other's lessons.", NULL});
	struct rec *r = NULL;
	assert_int_equal(rec_get(t->db, a, &indicator_entity, added, &r, &err), 0);
	assert_string_equal(rec_text(r, "code"), "LC.5");
	assert_int_equal(rec_int(r, "position"), 25);
	struct rec *dup = rec_new(a, &indicator_entity);
	rec_set_text(dup, a, "instrument_id", "2", &err);
	rec_set_text(dup, a, "code", "LC.5", &err);
	rec_set_text(dup, a, "capacity_level", "people", &err);
	rec_set_text(dup, a, "standard", "data", &err);
	rec_set_text(dup, a, "text", "again", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, dup, &err), -1);
	assert_string_equal(err.field, "code");
	assert_int_equal(instrument_indicator_move(t->db, &t->who, added, 1, &err), 0);
	assert_int_equal(instrument_load(t->db, a, copy, &in, &err), 0);
	assert_int_equal(in.indicators[0].id, added);
	assert_string_equal(in.indicators[1].code, "LC.1");
	assert_int_equal(in.indicators[24].position, 25);
	assert_int_equal(instrument_indicator_remove(t->db, &t->who, added, &err), 0);
	assert_int_equal(instrument_load(t->db, a, copy, &in, &err), 0);
	assert_int_equal(in.count, 24);
	/* A rated indicator stays. */
	int64_t as = testapp_make(t, a, &assessment_entity, (const char *[]){"team_id", "2", NULL});
	struct rec *asr = NULL;
	assert_int_equal(rec_get(t->db, a, &assessment_entity, as, &asr, &err), 0);
	assert_int_equal(rec_int(asr, "instrument_id"), copy); /* the network's own */
	assert_string_equal(rec_text(asr, "school_year"), "2026-27");
	rate(t, as, "LC.1", 2, 3, "high");
	assert_int_equal(instrument_indicator_remove(t->db, &t->who, indicator(t, as, "LC.1"), &err),
			 -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "rated in 1 assessment"));
	/* Another network's instrument cannot be used. */
	struct rec *bad = rec_new(a, &assessment_entity);
	rec_set_text(bad, a, "team_id", "1", &err);
	rec_set_text(bad, a, "instrument_id", "2", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, bad, &err), -1);
	assert_string_equal(err.field, "instrument_id");
	arena_free(a);
	testdb_close(t);
}

static void test_rating_validation_changes_nothing(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	int64_t as = world_assessment(t, a);
	int64_t lc1 = indicator(t, as, "lc.1"), audit = testdb_count(t, "SELECT COUNT(*) FROM "
								       "audit_event");
	struct {
		struct assessment_rating_in in;
		const char *field;
	} bad[] = {
		{{5, 4, NULL, NULL}, "current_level"},
		{{0, 4, NULL, NULL}, "current_level"},
		{{2, 5, NULL, NULL}, "target_level"},
		{{3, 2, NULL, NULL}, "target_level"},
		{{2, 3, NULL, "urgent"}, "priority"},
		{{2, 3, "bad \xff text", NULL}, "evidence"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(assessment_rate(t->db, &t->who, as, lc1, &bad[i].in, &err), -1);
		assert_string_equal(err.field, bad[i].field);
	}
	assert_int_equal(assessment_indicator(t->db, as, "ZZ.9", &lc1, &err), -1);
	assert_string_equal(err.field, "indicator");
	assert_non_null(strstr(err.msg, "ZZ.9"));
	struct assessment_rating_in ok = {2, 3, NULL, NULL};
	assert_int_equal(assessment_rate(t->db, &t->who, as, 99999, &ok, &err), -1);
	assert_string_equal(err.field, "indicator");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM assessment_rating"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), audit);
	/* Rating again replaces; the default priority is medium. */
	rate(t, as, "LC.1", 1, 2, NULL);
	rate(t, as, "LC.1", 2, 4, "high");
	struct assessment_full full;
	assert_int_equal(assessment_load(t->db, a, as, &full, &err), 0);
	assert_int_equal(full.rated, 1);
	assert_int_equal(full.items[0].current_level, 2);
	assert_string_equal(full.items[0].priority, "high");
	/* One assessment per team and year. */
	struct rec *twice = rec_new(a, &assessment_entity);
	rec_set_text(twice, a, "team_id", "1", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, twice, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	arena_free(a);
	testdb_close(t);
}

/* Rating several indicators is all or none: a refused rating half-way writes nothing and
 * says which one it was. */
static void test_rate_all_is_all_or_none(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	int64_t as = world_assessment(t, a);
	int64_t audit = testdb_count(t, "SELECT COUNT(*) FROM audit_event");
	struct assessment_rating_of three[] = {
		{indicator(t, as, "LC.1"), {1, 3, "minutes of PLC meetings", "high"}},
		{indicator(t, as, "LC.2"), {3, 2, NULL, NULL}},
		{indicator(t, as, "LC.3"), {2, 2, NULL, NULL}},
	};
	size_t failed = 99;
	assert_int_equal(assessment_rate_all(t->db, &t->who, as, three, 3, &failed, &err), -1);
	assert_int_equal(failed, 1);
	assert_string_equal(err.field, "target_level");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM assessment_rating"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), audit);
	three[1].in.target_level = 4;
	assert_int_equal(assessment_rate_all(t->db, &t->who, as, three, 3, &failed, &err), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM assessment_rating"), 3);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), audit + 3);
	struct assessment_full full;
	assert_int_equal(assessment_load(t->db, a, as, &full, &err), 0);
	assert_int_equal(full.rated, 3);
	assert_string_equal(full.items[0].evidence, "minutes of PLC meetings");
	/* Nothing to rate is not an error and writes nothing. */
	assert_int_equal(assessment_rate_all(t->db, &t->who, as, three, 0, &failed, &err), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), audit + 3);
	arena_free(a);
	testdb_close(t);
}

static void test_challenges_need_a_reason_and_submitted_is_closed(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	int64_t as = world_assessment(t, a);
	struct rec *ch = rec_new(a, &challenge_entity);
	rec_set_text(ch, a, "assessment_id", "1", &err);
	rec_set_text(ch, a, "description", "Teachers doubt the new routine", &err);
	assert_int_equal(rec_set_text(ch, a, "kind", "political", &err), -1);
	assert_string_equal(err.field, "kind");
	rec_set_text(ch, a, "kind", "adaptive", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, ch, &err), -1);
	assert_string_equal(err.field, "reason");
	rec_set_text(ch, a, "reason", "Beliefs change through experience, not a fix", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, ch, &err), 0);
	struct rec *sub = rec_new(a, &assessment_entity);
	rec_set_text(sub, a, "status", "submitted", &err);
	assert_int_equal(rec_update(t->db, &t->who, a, as, 0, sub, NULL, &err), 0);
	struct assessment_rating_in in = {1, 2, NULL, NULL};
	assert_int_equal(assessment_rate(t->db, &t->who, as, indicator(t, as, "DA.1"), &in, &err),
			 -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "back to draft"));
	assert_int_equal(assessment_challenge_remove(t->db, &t->who, ch->id, &err), -1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM challenge"), 1);
	arena_free(a);
	testdb_close(t);
}

static void add_challenge(struct testdb *t, struct arena *a, int64_t as, const char *desc,
			  const char *kind)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)as);
	testapp_make(t, a, &challenge_entity,
	     (const char *[]){"assessment_id", id, "description", desc, "kind", kind, "reason",
			      "because", NULL});
}

static const struct assessment_move *move(const struct assessment_comparison *c,
					  const char *code)
{
	for (size_t i = 0; i < c->nmoves; i++)
		if (strcmp(c->moves[i].code, code) == 0)
			return &c->moves[i];
	fail_msg("no move for %s", code);
	return NULL;
}

static void test_compare_with_previous_year(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	int64_t def = 0, copy = 0;
	assert_int_equal(instrument_default(t->db, &t->who, &def, &err), 0);
	int64_t before = testapp_make(t, a, &assessment_entity, (const char *[]){"team_id", "1", NULL});
	assert_int_equal(instrument_copy(t->db, &t->who, def, 2, "Ours", &copy, &err), 0);
	int64_t now = testapp_make(t, a, &assessment_entity, (const char *[]){"team_id", "2", NULL});
	int64_t other = testapp_make(t, a, &assessment_entity, (const char *[]){"team_id", "3", NULL});
	rate(t, before, "LC.1", 2, 3, "high");
	rate(t, before, "LC.2", 3, 3, NULL);
	rate(t, before, "DA.1", 3, 4, NULL);
	rate(t, before, "RE.1", 1, 2, NULL);
	rate(t, now, "LC.1", 3, 4, NULL);
	rate(t, now, "LC.2", 3, 3, NULL);
	rate(t, now, "DA.1", 2, 4, "high");
	rate(t, now, "LE.1", 1, 3, NULL);
	add_challenge(t, a, before, "Teachers doubt  PLC time matters", "adaptive");
	add_challenge(t, a, before, "No substitute coverage", "technical");
	add_challenge(t, a, now, "teachers doubt PLC time matters", "adaptive");
	add_challenge(t, a, now, "New principals at two schools", "adaptive");
	int64_t prev = 0;
	assert_int_equal(assessment_previous(t->db, now, &prev, &err), 1);
	assert_int_equal(prev, before);
	assert_int_equal(assessment_previous(t->db, before, &prev, &err), 0);
	struct assessment_comparison c;
	assert_int_equal(assessment_compare(t->db, a, now, 0, &c, &err), 0);
	assert_int_equal(c.before_id, before);
	assert_string_equal(move(&c, "LC.1")->movement, "up");
	assert_true(move(&c, "LC.1")->gap_closed);
	assert_string_equal(move(&c, "LC.2")->movement, "same");
	assert_false(move(&c, "LC.2")->gap_closed);
	assert_string_equal(move(&c, "DA.1")->movement, "down");
	assert_int_equal(move(&c, "DA.1")->gap_now, 2);
	assert_string_equal(move(&c, "LE.1")->movement, "new");
	assert_string_equal(move(&c, "RE.1")->movement, "not_rated");
	assert_int_equal(c.up, 1);
	assert_int_equal(c.down, 1);
	assert_int_equal(c.same, 1);
	assert_int_equal(c.gaps_closed, 1);
	assert_int_equal(c.nnew, 1);
	assert_string_equal(c.new_challenges[0].description, "New principals at two schools");
	assert_int_equal(c.nresolved, 1);
	assert_string_equal(c.resolved[0].description, "No substitute coverage");
	assert_int_equal(c.ncontinuing, 1);
	/* No earlier year; another district. */
	assert_int_equal(assessment_compare(t->db, a, before, 0, &c, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	assert_int_equal(assessment_compare(t->db, a, now, other, &c, &err), -1);
	assert_string_equal(err.field, "with");
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_instrument_covers_standards_and_levels),
		cmocka_unit_test(test_copy_is_editable),
		cmocka_unit_test(test_rating_validation_changes_nothing),
		cmocka_unit_test(test_rate_all_is_all_or_none),
		cmocka_unit_test(test_challenges_need_a_reason_and_submitted_is_closed),
		cmocka_unit_test(test_compare_with_previous_year),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
