/* delivery: PD sessions and their lineage, attendees, walkthroughs, reflections. */
#include "testlib.h"

#include "app/delivery/delivery.h"
#include "app/entities.h"
#include "app/delivery/reflection.h"

static const char WORLD[] =
	"INSERT INTO organization (id, kind, name, parent_id, created_at, updated_at) VALUES"
	" (1, 'state', 'KDE', NULL, 'x', 'x'), (2, 'district', 'Daviess County', 1, 'x', 'x'),"
	" (3, 'school', 'Apollo Elementary', 2, 'x', 'x'),"
	" (4, 'district', 'Other', 1, 'x', 'x'), (5, 'school', 'Elsewhere', 4, 'x', 'x');"
	"INSERT INTO person (id, given_name, family_name, email, created_at, updated_at) VALUES"
	" (1, 'Dee', 'Lead', 'dee@d.org', 'x', 'x'), (2, 'Tia', 'Teacher', 'tia@d.org', 'x', 'x'),"
	" (3, 'Ana', 'Facilitator', 'ana@f.org', 'x', 'x'), (4, 'Oz', 'Out', 'oz@o.org', 'x', 'x');"
	"INSERT INTO network (id, name, content_area, school_year, created_at, updated_at)"
	" VALUES (1, 'Math', 'mathematics', '2026-27', 'x', 'x');"
	"INSERT INTO network_facilitator (network_id, person_id) VALUES (1, 3);"
	"INSERT INTO team (id, network_id, district_id, name, created_at, updated_at)"
	" VALUES (1, 1, 2, 'Daviess', 'x', 'x'), (2, 1, 4, 'Other', 'x', 'x');"
	"INSERT INTO team_member (team_id, person_id, role) VALUES (1, 1, 'lead'), (1, 2, 'member');"
	"INSERT INTO meeting (id, network_id, title, starts_at, ends_at, tz, uid, created_at,"
	" updated_at) VALUES (1, 1, 'Meeting 1', '2026-09-15T13:00:00Z', '2026-09-15T19:00:00Z',"
	" 'America/New_York', 'm1@test', 'x', 'x');"
	"INSERT INTO plan (id, network_id, team_id, school_year, title, created_at, updated_at)"
	" VALUES (1, 1, 1, '2026-27', 'Daviess plan', 'x', 'x'),"
	" (2, 1, 2, '2026-27', 'Other plan', 'x', 'x');"
	"INSERT INTO plan_action (id, plan_id, kind, title, created_at, updated_at) VALUES"
	" (1, 1, 'deliver_pd', 'PLC', 'x', 'x'), (2, 2, 'deliver_pd', 'Theirs', 'x', 'x');"
	"INSERT INTO deliverable (id, network_id, kind, title, identifier, created_at, updated_at)"
	" VALUES (1, 1, 'unit', 'Number talks unit', 'd-1', 'x', 'x');"
	"INSERT INTO deliverable_version (id, deliverable_id, number, body, created_at) VALUES"
	" (1, 1, 1, 'v1', 'x'), (2, 1, 2, 'v2', 'x');"
	"INSERT INTO library_item (id, kind, title, created_at, updated_at)"
	" VALUES (1, 'strategy', 'Number talks', 'x', 'x');";

static struct rec *session(struct arena *a, struct cn_err *err)
{
	struct rec *r = rec_new(a, &pd_session_entity);
	rec_set_int(r, "team_id", 1, err);
	rec_set_int(r, "school_id", 3, err);
	rec_set_text(r, a, "title", "Grade 4 PLC", err);
	rec_set_text(r, a, "held_on", "2026-10-13", err);
	rec_set_int(r, "minutes", 60, err);
	rec_set_text(r, a, "pd_format", "plc", err);
	return r;
}

static void test_session_lineage(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, WORLD, &err), 0);
	/* From a deliverable: pinned to its latest version; no note: unchanged. */
	struct rec *r = session(a, &err);
	rec_set_int(r, "source_deliverable_id", 1, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), 0);
	assert_int_equal(rec_int(r, "source_version_id"), 2);
	assert_int_equal(rec_int(r, "unchanged_redelivery"), 1);
	assert_string_equal(rec_text(r, "status"), "delivered");
	assert_non_null(strstr(rec_text(r, "uid"), "@capnet"));
	/* Saying what changed clears the flag; the lineage stays. */
	struct rec *ch = rec_new(a, &pd_session_entity);
	rec_set_text(ch, a, "changes_note", "our own students' work", &err);
	struct rec *saved = NULL;
	assert_int_equal(rec_update(t->db, &t->who, a, r->id, 0, ch, &saved, &err), 0);
	assert_int_equal(rec_int(saved, "unchanged_redelivery"), 0);
	assert_int_equal(rec_int(saved, "source_version_id"), 2);
	assert_string_equal(rec_text(saved, "uid"), rec_text(r, "uid"));
	/* A version alone names its deliverable; a version of another deliverable is
	 * refused. */
	r = session(a, &err);
	rec_set_int(r, "source_version_id", 1, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), 0);
	assert_int_equal(rec_int(r, "source_deliverable_id"), 1);
	r = session(a, &err);
	rec_set_int(r, "source_version_id", 9, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "source_version_id");
	/* From a meeting. */
	r = session(a, &err);
	rec_set_int(r, "source_meeting_id", 1, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), 0);
	assert_int_equal(rec_int(r, "unchanged_redelivery"), 1);
	arena_free(a);
	testdb_close(t);
}

static void test_session_rules(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, WORLD, &err), 0);
	struct rec *r = session(a, &err);
	rec_set_int(r, "school_id", 5, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "school_id");
	assert_non_null(strstr(err.msg, "not a school of the team's district"));
	r = session(a, &err);
	rec_set_text(r, a, "held_on", "2027-07-01", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "held_on");
	assert_non_null(strstr(err.msg, "2026-07-01 to 2027-06-30"));
	r = session(a, &err);
	rec_set_int(r, "action_id", 2, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "action_id");
	r = session(a, &err);
	assert_int_equal(rec_set_text(r, a, "pd_format", "webinar", &err), -1);
	assert_non_null(strstr(err.msg, "plc, coaching, whole_group, other"));
	assert_int_equal(rec_set_int(r, "minutes", 721, &err), -1);
	rec_set_text(r, a, "start_time", "3pm", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "start_time");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM pd_session"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), 0);
	arena_free(a);
	testdb_close(t);
}

static void test_attendees_all_or_nothing(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, WORLD, &err), 0);
	struct rec *r = session(a, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), 0);
	int64_t bad[] = {1, 2, 99};
	assert_int_equal(delivery_attendees_add(t->db, &t->who, r->id, bad, 3, &err), -1);
	assert_non_null(strstr(err.msg, "99"));
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM pd_attendance"), 0);
	int64_t ok[] = {1, 2, 2};
	assert_int_equal(delivery_attendees_add(t->db, &t->who, r->id, ok, 3, &err), 0);
	struct network_people people;
	assert_int_equal(delivery_attendees(t->db, a, r->id, &people, &err), 0);
	assert_int_equal(people.count, 2);
	assert_string_equal(people.items[0].name, "Dee Lead");
	assert_int_equal(delivery_attendee_remove(t->db, &t->who, r->id, 2, &err), 0);
	assert_int_equal(delivery_attendee_remove(t->db, &t->who, r->id, 2, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE entity ="
					 " 'pd_session' AND action = 'update'"),
			 2);
	/* The lead names only people they may read: their district's, not Oz of none. */
	assert_int_equal(store_exec(t->db,
				    "INSERT INTO membership (person_id, org_id, role, created_at,"
				    " updated_at) VALUES (1, 2, 'district_lead', 'x', 'x'),"
				    " (2, 3, 'member', 'x', 'x')",
				    &err),
			 0);
	struct actor dee = {1, "person:1", 0};
	int64_t out[] = {4}, theirs[] = {2};
	assert_int_equal(delivery_attendees_add(t->db, &dee, r->id, out, 1, &err), -1);
	assert_string_equal(err.field, "person_id");
	assert_string_equal(err.msg, "there is no person with id 4 that you may see");
	assert_int_equal(delivery_attendees_add(t->db, &dee, r->id, theirs, 1, &err), 0);
	arena_free(a);
	testdb_close(t);
}

/* A session logged with its attendees is one step: an attendee refused leaves no
 * session behind either. */
static void test_session_create_with_attendees(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, WORLD, &err), 0);
	int64_t audit = testdb_count(t, "SELECT COUNT(*) FROM audit_event");
	struct rec *r = session(a, &err);
	int64_t bad[] = {1, 99};
	assert_int_equal(delivery_session_create(t->db, &t->who, a, r, bad, 2, &err), -1);
	assert_string_equal(err.field, "person_id");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM pd_session"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM pd_attendance"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), audit);
	r = session(a, &err);
	int64_t ok[] = {1, 2};
	assert_int_equal(delivery_session_create(t->db, &t->who, a, r, ok, 2, &err), 0);
	assert_true(r->id > 0);
	struct network_people people;
	assert_int_equal(delivery_attendees(t->db, a, r->id, &people, &err), 0);
	assert_int_equal(people.count, 2);
	/* Without attendees it is the session alone. */
	r = session(a, &err);
	assert_int_equal(delivery_session_create(t->db, &t->who, a, r, NULL, 0, &err), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM pd_session"), 2);
	arena_free(a);
	testdb_close(t);
}

static void test_walkthrough(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, WORLD, &err), 0);
	struct rec *w = rec_new(a, &walkthrough_entity);
	rec_set_int(w, "team_id", 1, &err);
	rec_set_int(w, "school_id", 3, &err);
	rec_set_text(w, a, "observed_on", "2026-10-20", &err);
	rec_set_int(w, "item_id", 7, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, w, &err), -1);
	assert_string_equal(err.field, "observed");
	rec_set_text(w, a, "observed", "yes", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, w, &err), -1);
	assert_string_equal(err.field, "item_id");
	rec_set_int(w, "item_id", 1, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, w, &err), 0);
	assert_int_equal(rec_int(w, "observed"), 1);
	arena_free(a);
	testdb_close(t);
}

static void test_reflection_privacy_facts(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, WORLD, &err), 0);
	struct rec *r = rec_new(a, &reflection_entity);
	rec_set_int(r, "meeting_id", 1, &err);
	rec_set_int(r, "person_id", 2, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_non_null(strstr(err.msg, "at least one of distill"));
	rec_set_text(r, a, "distill", "Number talks build fluency", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), 0);
	assert_int_equal(rec_int(r, "shared"), 0);
	assert_int_equal(rec_int(r, "team_id"), 1);
	struct reflection_audience aud;
	assert_int_equal(reflection_audience_get(t->db, r->id, &aud, &err), 0);
	assert_int_equal(aud.author_id, 2);
	assert_int_equal(aud.team_id, 1);
	assert_int_equal(aud.network_id, 1);
	assert_false(aud.shared);
	assert_int_equal(reflection_share(t->db, &t->who, a, r->id, 1, NULL, &err), 0);
	assert_int_equal(reflection_audience_get(t->db, r->id, &aud, &err), 0);
	assert_true(aud.shared);
	/* One per person and meeting. */
	struct rec *again = rec_new(a, &reflection_entity);
	rec_set_int(again, "meeting_id", 1, &err);
	rec_set_int(again, "person_id", 2, &err);
	rec_set_text(again, a, "synthesize", "x", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, again, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	/* A facilitator reflects without a team, and so cannot share; an outsider cannot
	 * reflect at all. */
	struct rec *fac = rec_new(a, &reflection_entity);
	rec_set_int(fac, "meeting_id", 1, &err);
	rec_set_int(fac, "person_id", 3, &err);
	rec_set_text(fac, a, "contextualize", "Pace the next meeting", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, fac, &err), 0);
	assert_true(rec_is_null(fac, "team_id"));
	assert_int_equal(reflection_share(t->db, &t->who, a, fac->id, 1, NULL, &err), -1);
	assert_string_equal(err.field, "shared");
	rec_set_int(fac, "person_id", 4, &err);
	fac->id = 0;
	assert_int_equal(rec_create(t->db, &t->who, a, fac, &err), -1);
	assert_string_equal(err.field, "person_id");
	assert_int_equal(reflection_audience_get(t->db, 99, &aud, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_session_lineage),
		cmocka_unit_test(test_session_rules),
		cmocka_unit_test(test_attendees_all_or_nothing),
		cmocka_unit_test(test_session_create_with_attendees),
		cmocka_unit_test(test_walkthrough),
		cmocka_unit_test(test_reflection_privacy_facts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
