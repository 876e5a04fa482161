/* profile: the capacity-building profile on two hand-built districts (fixture
 * tests/fixtures/delivery/profile_world.sql): one that duplicates everything and
 * delivers one six-hour whole-group day, one that customizes, adapts and runs
 * monthly PLCs. */
#include <time.h>

#include "testlib.h"

#include "app/delivery/delivery.h"
#include "app/profile/profile.h"
#include "app/setting.h"
#include "core/buf.h"
#include "core/json.h"
#include "demo/demo.h"

static void load_world(struct testdb *t)
{
	char path[512];
	snprintf(path, sizeof(path), "%s", __FILE__);
	char *slash = strrchr(path, '/');
	assert_non_null(slash);
	snprintf(slash, sizeof(path) - (size_t)(slash - path),
		 "/../../fixtures/delivery/profile_world.sql");
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	struct cn_err err = {0};
	if (store_exec(t->db, buf_str(&b), &err) != 0)
		fail_msg("fixture: %s", err.msg);
	buf_free(&b);
}

/* A delivered session through the entity, as a team would record it. */
static int64_t session(struct testdb *t, struct arena *a, int64_t team, int64_t school,
		       const char *day, int minutes, const char *format, int64_t meeting,
		       const char *changes)
{
	struct cn_err err = {0};
	struct rec *r = rec_new(a, &pd_session_entity);
	assert_int_equal(rec_set_int(r, "team_id", team, &err), 0);
	assert_int_equal(rec_set_int(r, "school_id", school, &err), 0);
	assert_int_equal(rec_set_text(r, a, "title", "PD", &err), 0);
	assert_int_equal(rec_set_text(r, a, "held_on", day, &err), 0);
	assert_int_equal(rec_set_text(r, a, "start_time", "08:00", &err), 0);
	assert_int_equal(rec_set_int(r, "minutes", minutes, &err), 0);
	assert_int_equal(rec_set_text(r, a, "pd_format", format, &err), 0);
	if (meeting)
		assert_int_equal(rec_set_int(r, "source_meeting_id", meeting, &err), 0);
	if (changes)
		assert_int_equal(rec_set_text(r, a, "changes_note", changes, &err), 0);
	if (rec_create(t->db, &t->who, a, r, &err) != 0)
		fail_msg("session %s: %s: %s", day, err.field, err.msg);
	return r->id;
}

static struct testdb *world(struct arena *a)
{
	struct testdb *t = testdb_open();
	load_world(t);
	/* Copyville: one six-hour whole-group day, the meeting's materials unchanged. */
	session(t, a, 1, 5, "2026-08-10", 360, "whole_group", 1, NULL);
	/* Adaptford: a one-hour PLC every month from September to May. */
	static const char *const days[] = {"2026-09-08", "2026-10-13", "2026-11-10",
					   "2026-12-08", "2027-01-12", "2027-02-09",
					   "2027-03-09", "2027-04-13", "2027-05-11"};
	for (size_t i = 0; i < 9; i++)
		session(t, a, 2, 6, days[i], 60, "plc", i == 0 ? 1 : 0,
			i == 0 ? "used our own students' work instead of the sample" : NULL);
	return t;
}

static const struct profile_evidence *find_ev(const struct profile_component *c,
					      const char *entity, int64_t id)
{
	for (size_t i = 0; i < c->nevidence; i++)
		if (strcmp(c->evidence[i].entity, entity) == 0 && c->evidence[i].id == id)
			return &c->evidence[i];
	fail_msg("no evidence %s %lld in %s", entity, (long long)id, c->key);
	return NULL;
}

static double metric(const struct profile_component *c, const char *name)
{
	for (size_t i = 0; i < c->nmetrics; i++)
		if (strcmp(c->metrics[i].name, name) == 0)
			return c->metrics[i].value;
	fail_msg("no metric %s in %s", name, c->key);
	return -1;
}

static void test_duplicating_district_is_flagged_and_each_component_says_why(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct testdb *t = world(a);
	struct cn_err err = {0};
	struct profile p;
	assert_int_equal(profile_team(t->db, a, 1, &p, &err), 0);
	assert_int_equal(p.plan_id, 2);
	assert_int_equal(p.template_id, 1);
	/* grounded: neither goal is linked to a need, and each goal is listed. */
	const struct profile_component *g = &p.c[PROFILE_GROUNDED];
	assert_true(g->measured);
	assert_int_equal(g->numerator, 0);
	assert_int_equal(g->denominator, 2);
	assert_int_equal(g->nevidence, 2);
	assert_string_equal(find_ev(g, "plan_goal", 3)->value, "not linked to a need");
	/* customized: taken as is, every goal and action kept. */
	const struct profile_component *cu = &p.c[PROFILE_CUSTOMIZED];
	assert_int_equal(cu->numerator, 0);
	assert_int_equal(cu->denominator, 4);
	assert_non_null(strstr(cu->summary, "goals 0 added, 0 removed, 0 changed, 2 kept"));
	assert_string_equal(find_ev(cu, "plan_action", 3)->value, "kept as in the template");
	/* created: both derived deliverables duplicate their source. */
	const struct profile_component *cr = &p.c[PROFILE_CREATED];
	assert_int_equal(cr->numerator, 0);
	assert_int_equal(cr->denominator, 2);
	assert_string_equal(find_ev(cr, "deliverable", 2)->value, "duplicate");
	assert_true(find_ev(cr, "deliverable", 3)->number > 0.94);
	assert_int_equal(cr->guskey_level, 2);
	/* collaborative: only its own district contributed. */
	const struct profile_component *co = &p.c[PROFILE_COLLABORATIVE];
	assert_int_equal(co->numerator, 0);
	assert_string_equal(find_ev(co, "deliverable", 2)->note, "Copyville Independent");
	/* job-embedded: 0 of 360 minutes, one month, re-delivered unchanged. */
	const struct profile_component *je = &p.c[PROFILE_JOB_EMBEDDED];
	assert_int_equal(je->numerator, 0);
	assert_int_equal(je->denominator, 360);
	assert_true(metric(je, "months") == 1);
	assert_true(metric(je, "unchanged_redeliveries") == 1);
	assert_string_equal(je->evidence[0].value, "whole_group");
	assert_non_null(strstr(je->evidence[0].note, "re-delivered unchanged"));
	/* in classrooms: its only walkthrough looked for a strategy not in the plan. */
	const struct profile_component *ic = &p.c[PROFILE_IN_CLASSROOMS];
	assert_false(ic->measured);
	assert_string_equal(ic->evidence[0].value, "observed, not a plan strategy");
	assert_int_equal(ic->evidence[0].guskey_level, 4);
	/* on track: the one checked goal is off track; the other never checked. */
	const struct profile_component *ot = &p.c[PROFILE_ON_TRACK];
	assert_int_equal(ot->numerator, 0);
	assert_string_equal(find_ev(ot, "plan_goal", 3)->value, "off_track");
	assert_string_equal(find_ev(ot, "plan_goal", 4)->value, "not checked yet");
	/* The flag, with its reason spelled out. */
	assert_true(p.train_the_trainer.flagged);
	const char *why = p.train_the_trainer.reason;
	assert_non_null(strstr(why, "2 of 2 deliverables duplicate their source (most are copies)"));
	assert_non_null(strstr(why, "1 of 1 sessions re-delivering network materials did so "
				    "unchanged (most)"));
	assert_non_null(strstr(why, "the plan departs 0% from its template (kept in substance)"));
	assert_non_null(strstr(why, "360 of 360 PD minutes (100%) were whole-group, in 1 month"));
	assert_non_null(strstr(why, "makes it worse (one-off whole-group days)"));
	testdb_close(t);
	arena_free(a);
}

static void test_customizing_district_is_not_flagged(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct testdb *t = world(a);
	struct cn_err err = {0};
	struct profile p;
	assert_int_equal(profile_team(t->db, a, 2, &p, &err), 0);
	const struct profile_component *g = &p.c[PROFILE_GROUNDED];
	assert_int_equal(g->numerator, 2);
	assert_int_equal(g->denominator, 2);
	assert_string_equal(find_ev(g, "plan_goal", 6)->note, "need D2, need LC1");
	/* Goal 5 changed, goal 6 added, template goal 2 removed; action 5 kept, 6 added,
	 * template action 2 removed: 5 departures of 6 items. */
	const struct profile_component *cu = &p.c[PROFILE_CUSTOMIZED];
	assert_int_equal(cu->numerator, 5);
	assert_int_equal(cu->denominator, 6);
	assert_string_equal(find_ev(cu, "plan_goal", 5)->value, "changed");
	assert_non_null(strstr(find_ev(cu, "plan_goal", 5)->note, "Every teacher uses"));
	assert_non_null(strstr(find_ev(cu, "plan_goal", 5)->note, "the team's assessed need"));
	assert_string_equal(find_ev(cu, "plan_goal", 6)->value, "added");
	assert_string_equal(find_ev(cu, "plan_goal", 2)->value, "removed");
	assert_string_equal(find_ev(cu, "plan_action", 2)->value, "removed");
	/* The latest version decides: deliverable 4 went from 0.92 to 0.55. */
	const struct profile_component *cr = &p.c[PROFILE_CREATED];
	assert_int_equal(cr->numerator, 2);
	assert_string_equal(find_ev(cr, "deliverable", 4)->value, "adapted");
	assert_string_equal(find_ev(cr, "deliverable", 5)->value, "new");
	const struct profile_component *co = &p.c[PROFILE_COLLABORATIVE];
	assert_int_equal(co->numerator, 1);
	assert_int_equal(co->denominator, 2);
	assert_string_equal(find_ev(co, "deliverable", 4)->note,
			    "Adaptford County; Partnerton County");
	const struct profile_component *je = &p.c[PROFILE_JOB_EMBEDDED];
	assert_int_equal(je->numerator, 540);
	assert_int_equal(je->denominator, 540);
	assert_true(metric(je, "months") == 9);
	assert_true(metric(je, "unchanged_redeliveries") == 0);
	const struct profile_component *ic = &p.c[PROFILE_IN_CLASSROOMS];
	assert_int_equal(ic->numerator, 2);
	assert_int_equal(ic->denominator, 3);
	assert_true(metric(ic, "plan_strategies") == 2);
	assert_true(metric(ic, "plan_strategies_observed") == 1);
	/* The last check counts: goal 5 went from at risk to on track. */
	const struct profile_component *ot = &p.c[PROFILE_ON_TRACK];
	assert_int_equal(ot->numerator, 2);
	assert_string_equal(find_ev(ot, "plan_goal", 5)->value, "on_track");
	assert_int_equal(find_ev(ot, "plan_goal", 5)->guskey_level, 4);
	assert_int_equal(ot->guskey_level, 5);
	assert_false(p.train_the_trainer.flagged);
	assert_non_null(strstr(p.train_the_trainer.reason, "not flagged: 0 of 2 deliverables"));
	assert_non_null(strstr(p.train_the_trainer.reason, "in 9 months"));
	testdb_close(t);
	arena_free(a);
}

static void test_network_view_and_thresholds_from_settings(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct testdb *t = world(a);
	struct cn_err err = {0};
	struct profile_network n;
	assert_int_equal(profile_network(t->db, a, 1, &n, &err), 0);
	assert_int_equal(n.count, 2);
	assert_int_equal(n.flagged, 1);
	/* Ordered by team name: Adaptford, then Copyville. */
	assert_string_equal(n.teams[0].team_name, "Adaptford County");
	assert_true(n.teams[1].train_the_trainer.flagged);
	struct table *tt = profile_table(a, n.teams, n.count, PROFILE_VIEW_TEAMS);
	assert_int_equal(tt->nrows, 2);
	assert_int_equal(table_at(tt, 1, 13)->type, TABLE_TEXT);
	assert_string_equal(table_at(tt, 1, 13)->text, "yes");
	assert_int_equal(table_at(tt, 0, 9)->type, TABLE_NUMBER); /* job_embedded share */
	struct table *ev = profile_table(a, n.teams, n.count, PROFILE_VIEW_EVIDENCE);
	assert_true(ev->nrows > 20);
	assert_int_equal(profile_network(t->db, a, 99, &n, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	/* A stricter duplicate threshold makes Copyville's quiz (0.95) adapted: one of
	 * two is no longer "most"; its kept template and unchanged re-delivery still flag
	 * it. */
	assert_int_equal(setting_set(t->db, &t->who, "similarity.duplicate_min", "0.96", &err), 0);
	struct profile p;
	assert_int_equal(profile_team(t->db, a, 1, &p, &err), 0);
	assert_string_equal(find_ev(&p.c[PROFILE_CREATED], "deliverable", 3)->value, "adapted");
	assert_true(p.train_the_trainer.flagged);
	assert_null(strstr(p.train_the_trainer.reason, "most are copies"));
	testdb_close(t);
	arena_free(a);
}

/* Monthly PLCs that re-deliver the network's materials unchanged are still
 * duplication: the format does not hide the pattern. */
static void test_monthly_unchanged_redelivery_is_flagged(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct testdb *t = world(a);
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, "UPDATE pd_session SET unchanged_redelivery = 1,"
					   " source_meeting_id = 1, changes_note = NULL"
					   " WHERE team_id = 2",
				    &err),
			 0);
	struct profile p;
	assert_int_equal(profile_team(t->db, a, 2, &p, &err), 0);
	assert_true(p.train_the_trainer.flagged);
	const char *why = p.train_the_trainer.reason;
	assert_non_null(strstr(why, "9 of 9 sessions re-delivering network materials did so "
				    "unchanged (most)"));
	assert_null(strstr(why, "makes it worse"));
	testdb_close(t);
	arena_free(a);
}

static void test_plan_without_template_and_team_without_plan(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct testdb *t = world(a);
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, "UPDATE plan SET template_id = NULL WHERE id = 3;"
					   "INSERT INTO deliverable (id, network_id, team_id, kind,"
					   " title, identifier, created_at, updated_at) VALUES (90, 1,"
					   " 2, 'unit', 'Our own fractions unit', 'd-90', 'x', 'x');"
					   "INSERT INTO deliverable_version (id, deliverable_id, number, body,"
					   " created_at) VALUES (900, 90, 1, 'ours', '2026-10-01T00:00:00Z');"
					   "INSERT INTO team (id, network_id, district_id, name,"
					   " created_at, updated_at) VALUES (3, 1, 7, 'Partnerton',"
					   " 'x', 'x');",
				    &err),
			 0);
	struct profile p;
	assert_int_equal(profile_team(t->db, a, 2, &p, &err), 0);
	/* Written from the team's own assessment: fully customized, its goals and their
	 * needs the evidence. */
	const struct profile_component *cu = &p.c[PROFILE_CUSTOMIZED];
	assert_true(cu->measured);
	assert_int_equal(cu->numerator, 2);
	assert_int_equal(cu->denominator, 2);
	assert_non_null(strstr(cu->summary, "wrote its own plan"));
	assert_non_null(strstr(find_ev(cu, "plan_goal", 6)->note, "need D2"));
	/* An original deliverable is created: new, and listed. */
	const struct profile_component *cr = &p.c[PROFILE_CREATED];
	assert_string_equal(find_ev(cr, "deliverable", 90)->value, "new");
	assert_int_equal(cr->numerator, 3);
	assert_int_equal(cr->denominator, 3);
	assert_int_equal(profile_team(t->db, a, 3, &p, &err), 0);
	assert_int_equal(p.plan_id, 0);
	assert_string_equal(p.c[PROFILE_GROUNDED].summary, "no plan for this school year yet");
	/* Partnerton contributed to Adaptford's unit, so it shows as collaborative, and the
	 * unit counts toward what it created: co-creating is creating. */
	assert_int_equal(p.c[PROFILE_COLLABORATIVE].numerator, 1);
	assert_true(p.c[PROFILE_CREATED].measured);
	assert_false(p.train_the_trainer.flagged);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	profile_json(&w, &p);
	assert_non_null(strstr(buf_str(&b), "\"plan\":null"));
	assert_non_null(strstr(buf_str(&b), "\"key\":\"in_classrooms\""));
	buf_free(&b);
	testdb_close(t);
	arena_free(a);
}


/* The changes the set-based reads must follow: records moved between teams and
 * plans, statuses changed, links and checks removed, teams added and moved. Ids are
 * drawn at random (an id that does not exist changes nothing; a change the schema
 * refuses is skipped). */
static const char *const random_changes[] = {
	"UPDATE pd_session SET team_id = ?1 WHERE id = ?2",
	"UPDATE pd_session SET status = 'planned' WHERE id = ?2 AND ?1 > 0",
	"UPDATE pd_session SET pd_format = 'plc', minutes = ?1 WHERE id = ?2",
	"UPDATE walkthrough SET team_id = ?1 WHERE id = ?2",
	"UPDATE walkthrough SET observed = 1 - observed WHERE id = ?2 AND ?1 > 0",
	"DELETE FROM goal_need WHERE goal_id = ?2 AND ?1 > 0",
	"DELETE FROM progress_check WHERE id = ?2 AND ?1 > 0",
	"UPDATE deliverable SET team_id = ?1 WHERE id = ?2",
	"DELETE FROM deliverable_contributor WHERE deliverable_id = ?2 AND ?1 > 0",
	"UPDATE plan SET status = 'archived' WHERE id = ?2 AND ?1 > 0",
	"UPDATE plan SET team_id = ?1 WHERE id = ?2",
	"DELETE FROM plan_goal WHERE id = ?2 AND ?1 > 0",
	"DELETE FROM action_link WHERE action_id = ?2 AND ?1 > 0",
	"UPDATE team SET network_id = 1 + ?2 % 3 WHERE id = ?1",
	"INSERT INTO team (network_id, district_id, name, created_at, updated_at)"
	" SELECT 1 + ?2 % 3, id, 'Team ' || name, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'"
	" FROM organization WHERE id = ?1",
};

/* profile_json of p, in a. */
static const char *profile_text(struct arena *a, const struct profile *p)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	profile_json(&w, p);
	const char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* Every network's profiles, read for all teams at once, equal each team's profile
 * read alone; returns the number of teams compared. */
static size_t compare_networks(struct testdb *t, unsigned seed, int round)
{
	struct cn_err err = {0};
	size_t compared = 0;
	int64_t networks = testdb_count(t, "SELECT COALESCE(MAX(id), 0) FROM network");
	for (int64_t n = 1; n <= networks; n++) {
		struct arena *a = arena_new();
		struct profile_network net;
		if (profile_network(t->db, a, n, &net, &err))
			fail_msg("network %lld: %s", (long long)n, err.msg);
		for (size_t i = 0; i < net.count; i++) {
			struct profile alone;
			if (profile_team(t->db, a, net.teams[i].team_id, &alone, &err))
				fail_msg("team: %s", err.msg);
			const char *set = profile_text(a, &net.teams[i]);
			const char *one = profile_text(a, &alone);
			if (strcmp(set, one) != 0)
				fail_msg("seed %u round %d: team %lld differs:\n%s\n%s", seed, round,
					 (long long)alone.team_id, set, one);
			compared++;
		}
		arena_free(a);
	}
	return compared;
}

/* A database holding the full demo. */
static struct testdb *demo_world(void)
{
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	struct demo_summary sum;
	if (demo_load(t->db, &t->who, DEMO_FULL, &sum, &err))
		fail_msg("demo: %s", err.msg);
	return t;
}

static void test_network_profiles_read_at_once_equal_each_teams_after_random_changes(
	void **state)
{
	(void)state;
	struct testdb *t = demo_world();
	struct cn_err err = {0};
	unsigned seed = (unsigned)time(NULL);
	srand(seed);
	size_t compared = compare_networks(t, seed, 0);
	assert_true(compared >= 8);
	const size_t nchanges = sizeof(random_changes) / sizeof(random_changes[0]);
	int64_t teams = testdb_count(t, "SELECT MAX(id) FROM team");
	int64_t most = testdb_count(t, "SELECT MAX(id) FROM organization");
	for (int round = 1; round <= 40; round++) {
		for (int k = 0; k < 5; k++) {
			const char *sql = random_changes[(size_t)rand() % nchanges];
			struct store_stmt *q = store_prepare(t->db, sql, &err);
			assert_non_null(q);
			store_bind_int(q, 1, 1 + rand() % (strstr(sql, "organization") ? most : teams));
			store_bind_int(q, 2, 1 + rand() % 60);
			(void)store_step(q, &err); /* refused changes are skipped */
			store_done(q);
		}
		compared += compare_networks(t, seed, round);
	}
	assert_true(compared > 8 * 40);
	testdb_close(t);
}

/* The statements a network's profiles take do not grow with its teams. */
static void test_network_profile_statements_do_not_grow_with_teams(void **state)
{
	(void)state;
	struct testdb *t = demo_world();
	struct cn_err err = {0};
	uint64_t counts[2];
	for (int i = 0; i < 2; i++) {
		for (int d = 0; i == 1 && d < 6; d++)
			if (store_exec(t->db,
				       "INSERT INTO organization (kind, name, created_at, updated_at)"
				       " VALUES ('district', 'Another district',"
				       " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
				       &err))
				fail_msg("district: %s", err.msg);
		if (i == 1 && store_exec(t->db,
					"INSERT INTO team (network_id, district_id, name, created_at,"
					" updated_at) SELECT 1, o.id, 'Team ' || o.name,"
					" '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'"
					" FROM organization o WHERE o.kind = 'district' AND NOT EXISTS"
					" (SELECT 1 FROM team x WHERE x.network_id = 1"
					" AND x.district_id = o.id)",
					&err))
			fail_msg("teams: %s", err.msg);
		struct arena *a = arena_new();
		struct profile_network net;
		uint64_t before = store_statements(t->db);
		assert_int_equal(profile_network(t->db, a, 1, &net, &err), 0);
		counts[i] = store_statements(t->db) - before;
		if (i == 1)
			assert_true(net.count > 8);
		arena_free(a);
	}
	assert_true(counts[0] > 0);
	assert_int_equal(counts[1], counts[0]);
	testdb_close(t);
}

int main(void)
{
	/* The world's Adaptford PLCs run to May 2027: the profile is read at the year's end. */
	setenv("CAPNET_TODAY", "2027-06-30", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duplicating_district_is_flagged_and_each_component_says_why),
		cmocka_unit_test(test_customizing_district_is_not_flagged),
		cmocka_unit_test(test_network_view_and_thresholds_from_settings),
		cmocka_unit_test(test_monthly_unchanged_redelivery_is_flagged),
		cmocka_unit_test(test_plan_without_template_and_team_without_plan),
		cmocka_unit_test(test_network_profiles_read_at_once_equal_each_teams_after_random_changes),
		cmocka_unit_test(test_network_profile_statements_do_not_grow_with_teams),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
