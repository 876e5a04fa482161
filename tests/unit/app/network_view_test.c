/* network_view: a network as each person sees it. A district's member sees their own
 * team with its members and only counts the other district's; the network's
 * facilitator sees both teams and may add meetings and teams (from the districts with
 * none yet); someone of no district of the network is told there is no such network. */
#include "testlib.h"

#include "app/access/policy.h"
#include "app/network/network_view.h"

/* Network 1 with a past and an upcoming meeting; districts A (team 1, Ana) and B
 * (team 2, Bo), and C with no team; Cy facilitates; Di belongs nowhere. */
static const char SEED[] =
	"INSERT INTO network (id, name, content_area, school_year, created_at, updated_at)"
	" VALUES (1, 'Math', 'mathematics', '2026-27', 't', 't');"
	"INSERT INTO meeting (id, network_id, title, starts_at, ends_at, tz, uid, created_at,"
	" updated_at) VALUES"
	" (1, 1, 'Past', '2001-09-15T14:00:00Z', '2001-09-15T20:00:00Z', 'America/Chicago',"
	"  'u1', 't', 't'),"
	" (2, 1, 'Next', '2099-09-15T14:00:00Z', '2099-09-15T20:00:00Z', 'America/Denver',"
	"  'u2', 't', 't');"
	"INSERT INTO person (id, given_name, family_name, email, created_at, updated_at) VALUES"
	" (1, 'Ana', 'Ruiz', 'ana@a.org', 't', 't'), (2, 'Bo', 'Lee', 'bo@b.org', 't', 't'),"
	" (3, 'Cy', 'Fox', 'cy@coop.org', 't', 't'), (4, 'Di', 'Kim', 'di@x.org', 't', 't');"
	"INSERT INTO organization (id, kind, name, created_at, updated_at) VALUES"
	" (1, 'district', 'District A', 't', 't'), (2, 'district', 'District B', 't', 't'),"
	" (3, 'district', 'District C', 't', 't');"
	"INSERT INTO membership (person_id, org_id, role, created_at, updated_at) VALUES"
	" (1, 1, 'member', 't', 't'), (2, 2, 'member', 't', 't');"
	"INSERT INTO network_facilitator (network_id, person_id) VALUES (1, 3);"
	"INSERT INTO team (id, network_id, district_id, name, created_at, updated_at) VALUES"
	" (1, 1, 1, 'Team A', 't', 't'), (2, 1, 2, 'Team B', 't', 't');"
	"INSERT INTO team_member (team_id, person_id, role) VALUES (1, 1, 'lead'),"
	" (2, 2, 'member');";

static int view_as(struct testdb *t, struct arena *a, int64_t person, unsigned parts,
		   struct network_view *v, struct cn_err *err)
{
	struct actor who = {.person_id = person, .label = "test"};
	return network_view_load(t->db, policy_new(a, t->db, &who), a, 1, parts, v, err);
}

static void test_network_view_shows_what_each_person_may_read_and_do(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	if (store_exec(t->db, SEED, &err))
		fail_msg("seed: %s", err.msg);
	struct network_view v;

	if (view_as(t, a, 1, NETWORK_VIEW_ALL, &v, &err))
		fail_msg("member: %s", err.msg);
	assert_int_equal(v.teams.count, 2);
	assert_int_equal(v.teams_seen, 1);
	assert_true(v.team_seen[0] && !v.team_seen[1]);
	assert_string_equal(v.districts_of[0], "District A");
	assert_int_equal(v.members[0].count, 1);
	assert_string_equal(v.members[0].items[0].role, "lead");
	assert_int_equal(v.nprofiles, 1);
	assert_int_equal(v.profile_seen[0]->team_id, 1);
	assert_int_equal(v.nupcoming, 1);
	assert_string_equal(rec_text(v.upcoming[0], "title"), "Next");
	assert_int_equal(v.npast, 1);
	assert_string_equal(v.zone, "America/Denver");
	assert_false(v.may.add_meeting || v.may.add_team || v.may.edit);

	if (view_as(t, a, 3, NETWORK_VIEW_ALL, &v, &err))
		fail_msg("facilitator: %s", err.msg);
	assert_int_equal(v.teams_seen, 2);
	assert_int_equal(v.nprofiles, 2);
	assert_true(v.facilitators_seen);
	assert_int_equal(v.facilitators.count, 1);
	assert_true(v.may.add_meeting && v.may.add_team);
	assert_string_equal(v.district_names[0], "District C");
	assert_null(v.districts[1]);

	/* The API's include reads the teams alone: the same teams, nothing else. */
	if (view_as(t, a, 1, NETWORK_VIEW_TEAMS, &v, &err))
		fail_msg("teams: %s", err.msg);
	assert_int_equal(v.teams_seen, 1);
	assert_null(v.members);

	assert_int_equal(view_as(t, a, 4, NETWORK_VIEW_ALL, &v, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_network_view_shows_what_each_person_may_read_and_do),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
