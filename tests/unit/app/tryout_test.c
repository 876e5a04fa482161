/* tryout: recording try-outs (checked field by field) and the per-item summary: the
 * count, the average and spread of ratings, "would it work here?", and per district
 * the teams whose members tried the item. */
#include "library_fixture.h"

#include "app/delivery/tryout.h"
#include "core/buf.h"
#include "app/network/meeting.h"
#include "app/network/team.h"
#include "app/org/membership.h"

struct world {
	int64_t item, other_item;
	int64_t math, ela;          /* networks */
	int64_t daviess, owensboro; /* districts */
	int64_t m1, e1;             /* a meeting of each network */
	int64_t ana, bo, cy, dee;   /* people */
};

static int64_t id_of(struct rec *r)
{
	return r->id;
}

static const char *kv(struct arena *a, const char *k, int64_t v)
{
	return arena_printf(a, "%s=%lld", k, (long long)v);
}

/* Two districts; Daviess has a team in the math and the ELA network, Owensboro in
 * math only. Ana and Bo are on Daviess's math team, Ana also on its ELA team; Cy is
 * on Owensboro's team; Dee is on no team. */
static void world_build(struct testdb *t, struct arena *a, struct world *w)
{
	struct cn_err err = {0};
	int64_t s = id_of(fx_rec(t, a, &org_entity, "kind=state", "name=KDE", NULL));
	w->daviess = id_of(fx_rec(t, a, &org_entity, "kind=district", "name=Daviess County",
				  kv(a, "parent_id", s), NULL));
	w->owensboro = id_of(fx_rec(t, a, &org_entity, "kind=district",
				    "name=Owensboro Independent", kv(a, "parent_id", s), NULL));
	w->math = id_of(fx_rec(t, a, &network_entity, "name=Math", "content_area=mathematics",
			       "school_year=2026-27", NULL));
	w->ela = id_of(fx_rec(t, a, &network_entity, "name=ELA",
			      "content_area=english_language_arts", "school_year=2026-27", NULL));
	int64_t dm = id_of(fx_rec(t, a, &team_entity, kv(a, "network_id", w->math),
				  kv(a, "district_id", w->daviess), NULL));
	int64_t de = id_of(fx_rec(t, a, &team_entity, kv(a, "network_id", w->ela),
				  kv(a, "district_id", w->daviess), NULL));
	int64_t om = id_of(fx_rec(t, a, &team_entity, kv(a, "network_id", w->math),
				  kv(a, "district_id", w->owensboro), NULL));
	const char *names[] = {"Ana", "Bo", "Cy", "Dee"};
	int64_t *people[] = {&w->ana, &w->bo, &w->cy, &w->dee};
	for (int i = 0; i < 4; i++)
		*people[i] = id_of(fx_rec(t, a, &person_entity,
					  arena_printf(a, "given_name=%s", names[i]),
					  "family_name=Teacher", NULL));
	int64_t orgs[] = {w->daviess, w->daviess, w->owensboro};
	for (int i = 0; i < 3; i++) /* a team's members belong to its district */
		fx_rec(t, a, &membership_entity, kv(a, "person_id", *people[i]),
		       kv(a, "org_id", orgs[i]), "role=member", NULL);
	assert_int_equal(team_member_set(t->db, &t->who, dm, w->ana, "lead", &err), 0);
	assert_int_equal(team_member_set(t->db, &t->who, de, w->ana, "member", &err), 0);
	assert_int_equal(team_member_set(t->db, &t->who, dm, w->bo, "member", &err), 0);
	assert_int_equal(team_member_set(t->db, &t->who, om, w->cy, "lead", &err), 0);
	w->m1 = id_of(fx_rec(t, a, &meeting_entity, kv(a, "network_id", w->math),
			     "title=Meeting 1", "starts_at=2026-09-15T09:00",
			     "ends_at=2026-09-15T15:00", NULL));
	w->e1 = id_of(fx_rec(t, a, &meeting_entity, kv(a, "network_id", w->ela),
			     "title=ELA 1", "starts_at=2026-09-16T09:00",
			     "ends_at=2026-09-16T15:00", NULL));
	w->item = fx_item(t, a, "strategy", "Number talks", NULL, NULL, 1, NULL, NULL, NULL)->id;
	w->other_item = fx_item(t, a, "tool", "Exit tickets", NULL, NULL, 0, NULL, NULL, NULL)->id;
}

static int tryout_add(struct testdb *t, struct arena *a, int64_t item, int64_t person,
		      int64_t meeting, const char *rating, const char *would_work,
		      struct cn_err *err)
{
	struct rec *r = rec_new(a, &tryout_entity);
	if (rec_set_int(r, "item_id", item, err) || rec_set_int(r, "person_id", person, err) ||
	    (meeting && rec_set_int(r, "meeting_id", meeting, err)) ||
	    rec_set_text(r, a, "rating", rating, err) ||
	    rec_set_text(r, a, "would_work", would_work, err) ||
	    rec_set_text(r, a, "note", "Worked with grade 4.", err))
		return -1;
	return rec_create(t->db, &t->who, a, r, err);
}

static void test_recording_checks_each_field(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct world w;
	world_build(t, a, &w);
	assert_int_equal(tryout_add(t, a, w.item, w.ana, w.m1, "6", "yes", &err), -1);
	assert_string_equal(err.field, "rating");
	assert_non_null(strstr(err.msg, "use 1 to 5"));
	assert_int_equal(tryout_add(t, a, w.item, w.ana, w.m1, "0", "yes", &err), -1);
	assert_int_equal(tryout_add(t, a, w.item, w.ana, w.m1, "4", "sometimes", &err), -1);
	assert_string_equal(err.field, "would_work");
	assert_non_null(strstr(err.msg, "yes, maybe, no"));
	assert_int_equal(tryout_add(t, a, 999, w.ana, w.m1, "4", "yes", &err), -1);
	assert_string_equal(err.field, "item_id");
	assert_non_null(strstr(err.msg, "no library item with id 999"));
	assert_int_equal(tryout_add(t, a, w.item, 999, 0, "4", "yes", &err), -1);
	assert_string_equal(err.field, "person_id");
	assert_int_equal(tryout_add(t, a, w.item, w.ana, 999, "4", "yes", &err), -1);
	assert_string_equal(err.field, "meeting_id");
	struct rec *r = rec_new(a, &tryout_entity);
	rec_set_int(r, "item_id", w.item, &err);
	rec_set_int(r, "person_id", w.ana, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "rating");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM tryout"), 0);
	assert_int_equal(tryout_add(t, a, w.item, w.ana, w.m1, "4", "Maybe", &err), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM tryout WHERE would_work = 'maybe'"),
			 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE entity = 'tryout'"),
			 1);
	arena_free(a);
	testdb_close(t);
}

static void test_summary_counts_teams_per_district(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct world w;
	world_build(t, a, &w);
	struct tryout_summary s;
	assert_int_equal(tryout_summary(t->db, a, w.item, &s, &err), 0);
	assert_int_equal(s.count, 0);
	assert_int_equal(s.ndistricts, 0);
	/* At the math meeting Ana counts for Daviess's math team only, not its ELA team. */
	assert_int_equal(tryout_add(t, a, w.item, w.ana, w.m1, "5", "yes", &err), 0);
	assert_int_equal(tryout_add(t, a, w.item, w.bo, w.m1, "4", "yes", &err), 0);
	assert_int_equal(tryout_add(t, a, w.item, w.cy, w.m1, "2", "no", &err), 0);
	assert_int_equal(tryout_add(t, a, w.item, w.dee, 0, "3", "maybe", &err), 0);
	assert_int_equal(tryout_add(t, a, w.other_item, w.cy, 0, "1", "no", &err), 0);
	assert_int_equal(tryout_summary(t->db, a, w.item, &s, &err), 0);
	assert_int_equal(s.count, 4);
	assert_true(s.rating_avg > 3.49 && s.rating_avg < 3.51);
	assert_int_equal(s.ratings[0], 0);
	assert_int_equal(s.ratings[1], 1);
	assert_int_equal(s.ratings[4], 1);
	assert_int_equal(s.yes, 2);
	assert_int_equal(s.maybe, 1);
	assert_int_equal(s.no, 1);
	assert_int_equal(s.ndistricts, 2);
	assert_string_equal(s.districts[0].name, "Daviess County");
	assert_int_equal(s.districts[0].teams, 1);
	assert_int_equal(s.districts[0].people, 2);
	assert_string_equal(s.districts[1].name, "Owensboro Independent");
	assert_int_equal(s.districts[1].teams, 1);
	assert_int_equal(s.teams, 2);
	/* Without a meeting, every team of the person counts: Ana's ELA team too. */
	assert_int_equal(tryout_add(t, a, w.item, w.ana, 0, "5", "yes", &err), 0);
	assert_int_equal(tryout_summary(t->db, a, w.item, &s, &err), 0);
	assert_int_equal(s.districts[0].teams, 2);
	assert_int_equal(s.teams, 3);
	/* At the ELA meeting, the ELA team. */
	assert_int_equal(tryout_add(t, a, w.other_item, w.ana, w.e1, "4", "yes", &err), 0);
	assert_int_equal(tryout_summary(t->db, a, w.other_item, &s, &err), 0);
	assert_int_equal(s.count, 2);
	assert_int_equal(s.teams, 2); /* Cy's Owensboro team, Ana's Daviess ELA team */
	struct buf b = BUF_INIT;
	struct jw j;
	jw_init(&j, &b);
	tryout_summary_json(&j, &s);
	assert_string_equal(buf_str(&b),
			    "{\"count\":2,\"rating_avg\":2.5,\"ratings\":[1,0,0,1,0],"
			    "\"would_work\":{\"yes\":1,\"maybe\":0,\"no\":1},\"teams\":2,"
			    "\"districts\":[{\"district_id\":2,\"name\":\"Daviess County\",\"teams\":1,"
			    "\"people\":1},{\"district_id\":3,\"name\":\"Owensboro Independent\","
			    "\"teams\":1,\"people\":1}]}");
	buf_free(&b);
	struct rec_list l;
	assert_int_equal(tryout_list(t->db, a, w.item, &l, &err), 0);
	assert_int_equal(l.count, 5);
	assert_int_equal(rec_int(l.items[0], "person_id"), w.ana);
	assert_int_equal(tryout_list(t->db, a, 999, &l, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recording_checks_each_field),
		cmocka_unit_test(test_summary_counts_teams_per_district),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
