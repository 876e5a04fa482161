/* demo: the demo loads a whole, believable year into an empty database, through the
 * app layer, in one transaction; every role can sign in with the demo password. Most
 * tests read one database loaded once (loading hashes five passwords). */
#include "testlib.h"

#include "demo/demo.h"
#include "app/org/person.h"
#include "app/profile/profile.h"
#include "app/network/agenda.h"
#include "app/network/team.h"

static struct testdb *loaded;
static struct demo_summary summary;

static int load_once(void **state)
{
	(void)state;
	loaded = testdb_open();
	struct cn_err err = {0};
	if (demo_load(loaded->db, &loaded->who, DEMO_FULL, &summary, &err) != 0)
		fail_msg("demo_load: %s: %s", err.field, err.msg);
	return 0;
}

static int close_loaded(void **state)
{
	(void)state;
	testdb_close(loaded);
	return 0;
}

static int64_t count(const char *sql)
{
	return testdb_count(loaded, sql);
}

/* The query's one number is want; on failure the message shows the query. */
static void expect_count(int64_t want, const char *sql)
{
	int64_t got = count(sql);
	if (got != want)
		fail_msg("got %lld, wanted %lld: %s", (long long)got, (long long)want, sql);
}

static void expect_at_least(int64_t min, const char *sql)
{
	int64_t got = count(sql);
	if (got < min)
		fail_msg("got %lld, wanted at least %lld: %s", (long long)got, (long long)min, sql);
}

static void test_organizations_form_the_state_hierarchy(void **state)
{
	(void)state;
	expect_count(1, "SELECT COUNT(*) FROM organization WHERE kind = 'state'");
	expect_count(2, "SELECT COUNT(*) FROM organization WHERE kind = 'cooperative' AND"
			" parent_id = (SELECT id FROM organization WHERE kind = 'state')");
	expect_count(8, "SELECT COUNT(*) FROM organization WHERE kind = 'district'");
	/* Four districts under each cooperative. */
	expect_count(2, "SELECT COUNT(*) FROM organization c WHERE kind = 'cooperative'"
			" AND (SELECT COUNT(*) FROM organization d WHERE d.parent_id = c.id"
			" AND d.kind = 'district') = 4");
	/* Every school sits under a district, and every district has 2-4 schools. */
	expect_count(0, "SELECT COUNT(*) FROM organization s LEFT JOIN organization d"
			" ON d.id = s.parent_id WHERE s.kind = 'school'"
			" AND (d.kind IS NULL OR d.kind <> 'district')");
	expect_count(8, "SELECT COUNT(*) FROM organization d WHERE kind = 'district'"
			" AND (SELECT COUNT(*) FROM organization s WHERE s.parent_id = d.id)"
			" BETWEEN 2 AND 4");
	expect_count(1, "SELECT COUNT(*) FROM organization WHERE kind = 'higher_ed'");
	/* The university has an MOU or partnership with a cooperative. */
	expect_at_least(1, "SELECT COUNT(*) FROM relationship r"
			   " JOIN organization a ON a.id = r.from_org_id"
			   " JOIN organization b ON b.id = r.to_org_id"
			   " WHERE r.kind IN ('mou', 'partnership')"
			   " AND ((a.kind = 'higher_ed' AND b.kind = 'cooperative')"
			   " OR (b.kind = 'higher_ed' AND a.kind = 'cooperative'))");
	expect_at_least(3, "SELECT COUNT(*) FROM relationship");
	assert_int_equal(summary.organizations, count("SELECT COUNT(*) FROM organization"));
	assert_int_equal(summary.districts, 8);
	assert_int_equal(summary.cooperatives, 2);
	assert_int_equal(summary.universities, 1);
}

static void test_networks_have_a_team_per_district_with_one_lead(void **state)
{
	(void)state;
	expect_count(2, "SELECT COUNT(*) FROM network WHERE school_year = '2026-27'");
	expect_count(2, "SELECT COUNT(*) FROM network");
	expect_count(2, "SELECT COUNT(DISTINCT content_area) FROM network"
			" WHERE content_area IN ('mathematics', 'english_language_arts')");
	/* Each network has one or two facilitators, who work for a cooperative. */
	expect_count(2, "SELECT COUNT(*) FROM network n WHERE (SELECT COUNT(*)"
			" FROM network_facilitator f WHERE f.network_id = n.id) BETWEEN 1 AND 2");
	expect_count(0, "SELECT COUNT(*) FROM network_facilitator f WHERE NOT EXISTS"
			" (SELECT 1 FROM membership m JOIN organization o ON o.id = m.org_id"
			" WHERE m.person_id = f.person_id AND m.role = 'facilitator'"
			" AND o.kind = 'cooperative')");
	/* Every district has a team in every network. */
	expect_count(0, "SELECT COUNT(*) FROM network n, organization d"
			" WHERE d.kind = 'district' AND NOT EXISTS (SELECT 1 FROM team t"
			" WHERE t.network_id = n.id AND t.district_id = d.id)");
	expect_count(16, "SELECT COUNT(*) FROM team");
	/* Exactly one lead and two or three members per team, all staff of its district
	 * with a job title. */
	expect_count(16, "SELECT COUNT(*) FROM team t WHERE (SELECT COUNT(*) FROM team_member m"
			 " WHERE m.team_id = t.id AND m.role = 'lead') = 1"
			 " AND (SELECT COUNT(*) FROM team_member m WHERE m.team_id = t.id"
			 " AND m.role = 'member') BETWEEN 2 AND 3");
	expect_count(0, "SELECT COUNT(*) FROM team_member tm JOIN team t ON t.id = tm.team_id"
			" WHERE NOT EXISTS (SELECT 1 FROM membership m"
			" WHERE m.person_id = tm.person_id AND m.org_id = t.district_id"
			" AND m.title IS NOT NULL AND m.role = CASE tm.role"
			" WHEN 'lead' THEN 'district_lead' ELSE 'member' END)");
	assert_int_equal(summary.team_members, count("SELECT COUNT(*) FROM team_member"));
}

static void test_meetings_have_agendas_of_every_kind(void **state)
{
	(void)state;
	expect_count(2, "SELECT COUNT(*) FROM network n"
			" WHERE (SELECT COUNT(*) FROM meeting m WHERE m.network_id = n.id) = 4");
	/* One meeting in each of September, November, February and April. */
	expect_count(2, "SELECT COUNT(*) FROM network n WHERE (SELECT"
			" COUNT(DISTINCT substr(m.starts_at, 1, 7)) FROM meeting m"
			" WHERE m.network_id = n.id AND substr(m.starts_at, 1, 7)"
			" IN ('2026-09', '2026-11', '2027-02', '2027-04')) = 4");
	/* 4-6 items each, covering present, try_out, collaborate, plan and reflect. */
	expect_count(8, "SELECT COUNT(*) FROM meeting m WHERE (SELECT COUNT(*)"
			" FROM agenda_item a WHERE a.meeting_id = m.id) BETWEEN 4 AND 6"
			" AND (SELECT COUNT(DISTINCT kind) FROM agenda_item a"
			" WHERE a.meeting_id = m.id) = 5");
	expect_count(0, "SELECT COUNT(*) FROM meeting WHERE place IS NULL");
	/* Drawn from the seeds. */
	expect_at_least(1, "SELECT COUNT(*) FROM agenda_item WHERE title LIKE '%number talk%'");
	expect_at_least(1, "SELECT COUNT(*) FROM agenda_item WHERE title LIKE '%learning target%'");
	expect_at_least(1, "SELECT COUNT(*) FROM agenda_item WHERE title LIKE '%formative%'");
	expect_at_least(1, "SELECT COUNT(*) FROM agenda_item WHERE title LIKE '%PLC%'");
	assert_int_equal(summary.agenda_items, count("SELECT COUNT(*) FROM agenda_item"));
}

static void test_meeting_times_are_utc_in_the_network_zone(void **state)
{
	(void)state;
	expect_count(0, "SELECT COUNT(*) FROM meeting"
			" WHERE starts_at NOT LIKE '____-__-__T__:__:__Z'"
			" OR ends_at NOT LIKE '____-__-__T__:__:__Z'");
	/* The western cooperative's network meets on Central time, the eastern on Eastern. */
	expect_count(4, "SELECT COUNT(*) FROM meeting m JOIN network n ON n.id = m.network_id"
			" WHERE n.content_area = 'mathematics' AND m.tz = 'America/Chicago'");
	expect_count(4, "SELECT COUNT(*) FROM meeting m JOIN network n ON n.id = m.network_id"
			" WHERE n.content_area = 'english_language_arts'"
			" AND m.tz = 'America/New_York'");
	/* 9:00 in Central time is 14:00 UTC in September (CDT), 15:00 in February (CST). */
	expect_count(2, "SELECT COUNT(*) FROM meeting WHERE tz = 'America/Chicago' AND"
			" starts_at IN ('2026-09-15T14:00:00Z', '2027-02-09T15:00:00Z')");
	expect_count(2, "SELECT COUNT(*) FROM meeting WHERE tz = 'America/New_York' AND"
			" starts_at IN ('2026-09-22T12:30:00Z', '2027-02-16T13:30:00Z')");
}

static void test_attendance_of_the_meetings_held(void **state)
{
	(void)state;
	/* Taken at the September and November meetings only. */
	expect_count(4, "SELECT COUNT(DISTINCT meeting_id) FROM attendance");
	expect_count(0, "SELECT COUNT(*) FROM attendance a JOIN meeting m"
			" ON m.id = a.meeting_id WHERE m.starts_at >= '2027-01-01'");
	/* Most were present; a few absent or excused. */
	int64_t total = count("SELECT COUNT(*) FROM attendance");
	int64_t present = count("SELECT COUNT(*) FROM attendance WHERE status = 'present'");
	assert_true(present * 10 >= total * 9);
	expect_at_least(1, "SELECT COUNT(*) FROM attendance WHERE status = 'absent'");
	expect_at_least(1, "SELECT COUNT(*) FROM attendance WHERE status = 'excused'");
	/* Everyone on a team was recorded at each meeting held by their network. */
	expect_count(0, "SELECT COUNT(*) FROM team_member tm"
			" JOIN team t ON t.id = tm.team_id"
			" JOIN meeting m ON m.network_id = t.network_id"
			" WHERE m.starts_at < '2027-01-01' AND NOT EXISTS (SELECT 1"
			" FROM attendance a WHERE a.meeting_id = m.id"
			" AND a.person_id = tm.person_id)");
	assert_int_equal(summary.attendance, total);
}

static const char SQL_ROLE_ORG_KIND[] =
	"SELECT o.kind FROM membership m JOIN organization o ON o.id = m.org_id"
	" WHERE m.person_id = ?1 AND m.role = ?2";

static void test_every_role_can_sign_in(void **state)
{
	(void)state;
	static const char *const roles[] = {"admin", "facilitator", "district_lead", "member",
					    "partner"};
	static const char *const kinds[] = {"state", "cooperative", "district", "district",
					    "higher_ed"};
	struct cn_err err = {0};
	assert_int_equal(summary.naccounts, DEMO_ACCOUNT_COUNT);
	for (size_t i = 0; i < DEMO_ACCOUNT_COUNT; i++) {
		const struct demo_account *ac = &summary.accounts[i];
		assert_string_equal(ac->role, roles[i]);
		int64_t id = 0, other = 0;
		int rc = person_check_password(loaded->db, ac->email, DEMO_PASSWORD, &id, &err);
		assert_int_equal(rc, 1);
		rc = person_check_password(loaded->db, ac->email, "not the password", &other, &err);
		assert_int_equal(rc, 0);
		/* The account holds its role in an organization of the right kind. */
		struct store_stmt *q = store_prepare(loaded->db, SQL_ROLE_ORG_KIND, &err);
		assert_non_null(q);
		store_bind_int(q, 1, id);
		store_bind_text(q, 2, ac->role);
		assert_int_equal(store_step(q, &err), 1);
		assert_string_equal(store_col_text(q, 0), kinds[i]);
		store_done(q);
	}
	/* The facilitator runs a network; the lead and the member are on the same team. */
	expect_count(1, "SELECT COUNT(*) FROM network_facilitator f JOIN person p"
			" ON p.id = f.person_id"
			" WHERE p.email = 'facilitator@demo.capnet.example'");
	expect_count(1, "SELECT COUNT(*) FROM team_member a"
			" JOIN person pa ON pa.id = a.person_id"
			" JOIN team_member b ON b.team_id = a.team_id"
			" JOIN person pb ON pb.id = b.person_id"
			" WHERE pa.email = 'lead@demo.capnet.example' AND a.role = 'lead'"
			" AND pb.email = 'member@demo.capnet.example' AND b.role = 'member'");
	/* Only the role accounts have passwords. */
	expect_count(DEMO_ACCOUNT_COUNT,
		     "SELECT COUNT(*) FROM person WHERE password_hash IS NOT NULL");
}

static void test_everything_is_audited(void **state)
{
	(void)state;
	assert_int_equal(count("SELECT COUNT(*) FROM audit_event WHERE action = 'create'"
			       " AND entity = 'organization'"),
			 count("SELECT COUNT(*) FROM organization"));
	assert_int_equal(count("SELECT COUNT(*) FROM audit_event WHERE action = 'create'"
			       " AND entity = 'person'"),
			 count("SELECT COUNT(*) FROM person"));
	assert_int_equal(count("SELECT COUNT(*) FROM audit_event WHERE action = 'create'"
			       " AND entity = 'agenda_item'"),
			 count("SELECT COUNT(*) FROM agenda_item"));
}

/* The mathematics network's profile: every team measured, only Harrods Creek flagged,
 * and for the reasons the seeds give (duplicated materials, whole-group days). */
static void test_the_profile_flags_only_the_duplicating_team(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct profile_network pn;
	int64_t math = count("SELECT id FROM network WHERE content_area = 'mathematics'");
	if (profile_network(loaded->db, a, math, &pn, &err))
		fail_msg("profile_network: %s", err.msg);
	assert_int_equal(pn.count, 8);
	assert_int_equal(pn.flagged, 1);
	for (size_t i = 0; i < pn.count; i++) {
		const struct profile *p = &pn.teams[i];
		int copier = strcmp(p->district_name, "Harrods Creek Independent Schools") == 0;
		assert_int_equal(p->train_the_trainer.flagged, copier);
		assert_true(p->plan_id != 0);
		assert_true(p->c[PROFILE_JOB_EMBEDDED].measured);
		assert_true(p->c[PROFILE_ON_TRACK].measured);
		if (copier) {
			assert_non_null(strstr(p->train_the_trainer.reason, "duplicate their source"));
			assert_true(p->template_id != 0);
			assert_true(p->c[PROFILE_JOB_EMBEDDED].share < 0.5);
		} else {
			assert_true(p->c[PROFILE_GROUNDED].share > 0.99);
			assert_true(p->c[PROFILE_JOB_EMBEDDED].share > 0.99);
		}
	}
	arena_free(a);
}

/* The network's learning-target set: two districts wrote it; one adaptation and one
 * copy of it, both told of its newer version. */
static void test_deliverables_are_co_authored_adapted_and_copied(void **state)
{
	(void)state;
	expect_count(2, "SELECT COUNT(DISTINCT district_id) FROM deliverable_contributor"
			" WHERE deliverable_id = 1");
	expect_count(1, "SELECT COUNT(*) FROM deliverable_version v JOIN deliverable d"
			" ON d.id = v.deliverable_id WHERE d.derived_from_version_id IS NOT NULL"
			" AND v.number = 2 AND v.source_similarity BETWEEN 0.3 AND 0.9");
	expect_count(1, "SELECT COUNT(*) FROM deliverable d WHERE d.derived_from_version_id"
			" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deliverable_version v WHERE"
			" v.deliverable_id = d.id AND v.number > 1)");
	expect_count(2, "SELECT COUNT(DISTINCT deliverable_id) FROM notice"
			" WHERE kind = 'source_updated'");
	expect_at_least(12, "SELECT COUNT(*) FROM library_item");
	expect_at_least(20, "SELECT COUNT(*) FROM cf_item");
}

/* Every team assessed, planned and delivered; last year's assessments exist to compare. */
static void test_every_team_has_its_year_of_work(void **state)
{
	(void)state;
	expect_count(16, "SELECT COUNT(DISTINCT team_id) FROM assessment"
			 " WHERE school_year = '2026-27' AND status = 'submitted'");
	expect_at_least(1, "SELECT COUNT(*) FROM assessment WHERE school_year = '2025-26'");
	expect_count(16, "SELECT COUNT(*) FROM plan WHERE is_template = 0");
	expect_count(16, "SELECT COUNT(DISTINCT team_id) FROM pd_session"
			 " WHERE status = 'delivered'");
	expect_count(0, "SELECT COUNT(*) FROM pd_session WHERE status = 'delivered'"
			" AND held_on > '2026-11-22'");
	expect_at_least(1, "SELECT COUNT(*) FROM reflection WHERE shared = 1");
	expect_at_least(1, "SELECT COUNT(*) FROM reflection WHERE shared = 0");
	assert_int_equal(count("SELECT COUNT(*) FROM audit_event WHERE action = 'create'"
			       " AND entity = 'pd_session'"),
			 count("SELECT COUNT(*) FROM pd_session"));
}

static void test_a_database_with_data_is_refused_unchanged(void **state)
{
	(void)state;
	int64_t audit = count("SELECT COUNT(*) FROM audit_event");
	int64_t people = count("SELECT COUNT(*) FROM person");
	struct demo_summary again;
	struct cn_err err = {0};
	assert_int_equal(demo_load(loaded->db, &loaded->who, DEMO_FULL, &again, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "empty database"));
	assert_int_equal(count("SELECT COUNT(*) FROM audit_event"), audit);
	assert_int_equal(count("SELECT COUNT(*) FROM person"), people);
	struct demo_existing ex;
	assert_int_equal(demo_count_existing(loaded->db, &ex, &err), 0);
	assert_false(demo_is_empty(&ex));
	assert_int_equal(ex.people, people);
	/* The accounts of the earlier load can be shown again. */
	assert_int_equal(demo_accounts_present(loaded->db, &again, &err), 0);
	assert_int_equal(again.naccounts, DEMO_ACCOUNT_COUNT);
	assert_string_equal(again.accounts[0].email, "admin@demo.capnet.example");
}

/* A failure midway (here the attendance table is missing, so the attendance step
 * fails after organizations, people, networks and meetings) leaves nothing behind. */
static void test_all_or_nothing(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	struct demo_existing ex;
	assert_int_equal(demo_count_existing(t->db, &ex, &err), 0);
	assert_true(demo_is_empty(&ex));
	assert_int_equal(store_exec(t->db, "DROP TABLE attendance", &err), 0);
	struct demo_summary s;
	assert_int_equal(demo_load(t->db, &t->who, DEMO_FULL, &s, &err), -1);
	assert_non_null(strstr(err.msg, "attendance"));
	assert_int_equal(s.organizations, 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM organization"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM person"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM meeting"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), 0);
	assert_int_equal(demo_accounts_present(t->db, &s, &err), 0);
	assert_int_equal(s.naccounts, 0);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest loaded_tests[] = {
		cmocka_unit_test(test_organizations_form_the_state_hierarchy),
		cmocka_unit_test(test_networks_have_a_team_per_district_with_one_lead),
		cmocka_unit_test(test_meetings_have_agendas_of_every_kind),
		cmocka_unit_test(test_meeting_times_are_utc_in_the_network_zone),
		cmocka_unit_test(test_attendance_of_the_meetings_held),
		cmocka_unit_test(test_every_role_can_sign_in),
		cmocka_unit_test(test_everything_is_audited),
		cmocka_unit_test(test_the_profile_flags_only_the_duplicating_team),
		cmocka_unit_test(test_deliverables_are_co_authored_adapted_and_copied),
		cmocka_unit_test(test_every_team_has_its_year_of_work),
		cmocka_unit_test(test_a_database_with_data_is_refused_unchanged),
	};
	const struct CMUnitTest own_tests[] = {
		cmocka_unit_test(test_all_or_nothing),
	};
	int failed = cmocka_run_group_tests_name("demo loaded once", loaded_tests, load_once,
						 close_loaded);
	return failed + cmocka_run_group_tests_name("demo", own_tests, NULL, NULL);
}
