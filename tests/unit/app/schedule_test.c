/* schedule: recurrence rules, breaks, the default calendar, and generating planned
 * sessions again without duplicating or touching delivered ones. */
#include "testlib.h"

#include "app/delivery/delivery.h"
#include "app/plan/schedule.h"

static const char WORLD[] =
	"INSERT INTO organization (id, kind, name, parent_id, created_at, updated_at) VALUES"
	" (1, 'state', 'KDE', NULL, 'x', 'x'), (2, 'district', 'Daviess County', 1, 'x', 'x'),"
	" (3, 'school', 'Apollo Elementary', 2, 'x', 'x'),"
	" (4, 'district', 'Other', 1, 'x', 'x'), (5, 'school', 'Elsewhere', 4, 'x', 'x');"
	"INSERT INTO network (id, name, content_area, school_year, created_at, updated_at)"
	" VALUES (1, 'Math', 'mathematics', '2026-27', 'x', 'x');"
	"INSERT INTO team (id, network_id, district_id, name, created_at, updated_at)"
	" VALUES (1, 1, 2, 'Daviess', 'x', 'x');"
	"INSERT INTO plan (id, network_id, team_id, school_year, title, is_template, created_at,"
	" updated_at) VALUES (1, 1, 1, '2026-27', 'Plan', 0, 'x', 'x'),"
	" (2, 1, NULL, '2026-27', 'Template', 1, 'x', 'x');"
	"INSERT INTO plan_action (id, plan_id, kind, title, created_at, updated_at) VALUES"
	" (1, 1, 'deliver_pd', 'PLC', 'x', 'x'), (2, 2, 'deliver_pd', 'Template PLC', 'x', 'x');";

static void dates(const struct schedule_days *d, char *out, size_t size, int kept_only)
{
	out[0] = '\0';
	size_t n = 0;
	for (size_t i = 0; i < d->count; i++) {
		if (kept_only && d->items[i].skipped_for != NULL)
			continue;
		n += (size_t)snprintf(out + n, size - n, "%s%s", n ? " " : "", d->items[i].date);
	}
}

static void test_weekly_biweekly_monthly(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct schedule_days d;
	char got[2048];
	struct schedule_rule weekly = {SCHEDULE_WEEKLY, 2, 0, "2026-09-01", "2026-09-30"};
	schedule_days(&weekly, NULL, 0, a, &d);
	dates(&d, got, sizeof(got), 0);
	assert_string_equal(got, "2026-09-01 2026-09-08 2026-09-15 2026-09-22 2026-09-29");
	/* Every two weeks on Thursday, starting from the first Thursday on or after the
	 * first day. */
	struct schedule_rule biweekly = {SCHEDULE_BIWEEKLY, 4, 0, "2026-09-01", "2026-10-31"};
	schedule_days(&biweekly, NULL, 0, a, &d);
	dates(&d, got, sizeof(got), 0);
	assert_string_equal(got, "2026-09-03 2026-09-17 2026-10-01 2026-10-15 2026-10-29");
	/* The second Tuesday of each month. */
	struct schedule_rule second_tue = {SCHEDULE_MONTHLY, 2, 2, "2026-08-15", "2027-01-31"};
	schedule_days(&second_tue, NULL, 0, a, &d);
	dates(&d, got, sizeof(got), 0);
	assert_string_equal(got, "2026-09-08 2026-10-13 2026-11-10 2026-12-08 2027-01-12");
	/* 5 = the last Friday, in months with four or five of them. */
	struct schedule_rule last_fri = {SCHEDULE_MONTHLY, 5, 5, "2026-10-01", "2026-12-31"};
	schedule_days(&last_fri, NULL, 0, a, &d);
	dates(&d, got, sizeof(got), 0);
	assert_string_equal(got, "2026-10-30 2026-11-27 2026-12-25");
	arena_free(a);
}

static void test_breaks_are_skipped(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct schedule_days d;
	char got[2048];
	struct schedule_break winter = {"Winter break", "2026-12-19", "2027-01-03"};
	struct schedule_rule weekly = {SCHEDULE_WEEKLY, 2, 0, "2026-12-01", "2027-01-20"};
	schedule_days(&weekly, &winter, 1, a, &d);
	dates(&d, got, sizeof(got), 1);
	assert_string_equal(got, "2026-12-01 2026-12-08 2026-12-15 2027-01-05 2027-01-12 "
				 "2027-01-19");
	assert_int_equal(d.count, 8);
	assert_int_equal(d.kept, 6);
	assert_string_equal(d.items[3].date, "2026-12-22");
	assert_string_equal(d.items[3].skipped_for, "Winter break");
	/* A biweekly cadence keeps its rhythm across a break rather than shifting. */
	struct schedule_rule biweekly = {SCHEDULE_BIWEEKLY, 2, 0, "2026-12-08", "2027-01-31"};
	schedule_days(&biweekly, &winter, 1, a, &d);
	dates(&d, got, sizeof(got), 1);
	assert_string_equal(got, "2026-12-08 2027-01-05 2027-01-19");
	/* The default calendar: Thanksgiving Wednesday-Friday, December 21 - January 1,
	 * the first week of April. */
	struct schedule_break def[3];
	assert_int_equal(schedule_default_breaks("2026-27", a, def), 3);
	assert_string_equal(def[0].starts_on, "2026-11-25");
	assert_string_equal(def[0].ends_on, "2026-11-27");
	assert_string_equal(def[1].starts_on, "2026-12-21");
	assert_string_equal(def[1].ends_on, "2027-01-01");
	assert_string_equal(def[2].starts_on, "2027-04-05");
	assert_string_equal(def[2].ends_on, "2027-04-09");
	arena_free(a);
}

static struct rec *schedule(struct testdb *t, struct arena *a, const char *recurrence,
			    const char *weekday, const char *week, struct cn_err *err)
{
	struct rec *r = rec_new(a, &plc_schedule_entity);
	rec_set_int(r, "plan_id", 1, err);
	rec_set_int(r, "school_id", 3, err);
	rec_set_int(r, "action_id", 1, err);
	rec_set_text(r, a, "recurrence", recurrence, err);
	rec_set_text(r, a, "weekday", weekday, err);
	if (week != NULL)
		rec_set_text(r, a, "week_of_month", week, err);
	rec_set_text(r, a, "start_time", "15:30", err);
	rec_set_int(r, "minutes", 60, err);
	rec_set_text(r, a, "tz", "America/Chicago", err);
	if (rec_create(t->db, &t->who, a, r, err) != 0)
		return NULL;
	return r;
}

static void test_schedule_rules_are_checked(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, WORLD, &err), 0);
	assert_null(schedule(t, a, "monthly", "tuesday", NULL, &err));
	assert_string_equal(err.field, "week_of_month");
	assert_null(schedule(t, a, "weekly", "tuesday", "2", &err));
	assert_string_equal(err.field, "week_of_month");
	struct rec *r = rec_new(a, &plc_schedule_entity);
	rec_set_int(r, "plan_id", 1, &err);
	rec_set_int(r, "school_id", 5, &err);
	rec_set_text(r, a, "recurrence", "weekly", &err);
	rec_set_text(r, a, "weekday", "monday", &err);
	rec_set_text(r, a, "start_time", "25:00", &err);
	rec_set_int(r, "minutes", 60, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "school_id"); /* a school of another district */
	rec_set_int(r, "school_id", 3, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "start_time");
	rec_set_text(r, a, "start_time", "07:45", &err);
	rec_set_text(r, a, "starts_on", "2027-08-01", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "starts_on");
	assert_non_null(strstr(err.msg, "outside the plan's school year 2026-27"));
	rec_set_text(r, a, "starts_on", "", &err);
	rec_set_int(r, "plan_id", 2, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_non_null(strstr(err.msg, "template"));
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM plc_schedule"), 0);
	arena_free(a);
	testdb_close(t);
}

static void test_generate_is_idempotent_and_spares_delivered(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, WORLD, &err), 0);
	/* The district's own winter break replaces the default calendar. */
	assert_int_equal(store_exec(t->db,
				    "INSERT INTO school_break (org_id, school_year, name, starts_on,"
				    " ends_on) VALUES (2, '2026-27', 'Winter break', '2026-12-19',"
				    " '2027-01-03');"
				    "INSERT INTO academic_session (title, kind, school_year,"
				    " starts_on, ends_on, org_id, created_at, updated_at) VALUES"
				    " ('2026-27', 'schoolYear', '2026-27', '2026-08-12',"
				    " '2027-05-21', 2, 'x', 'x');",
				    &err),
			 0);
	struct rec *s = schedule(t, a, "monthly", "tuesday", "2", &err);
	if (s == NULL)
		fail_msg("%s: %s", err.field, err.msg);
	assert_string_equal(rec_text(s, "starts_on"), "2026-08-12");
	assert_string_equal(rec_text(s, "ends_on"), "2027-05-21");
	struct schedule_result res;
	assert_int_equal(schedule_generate(t->db, &t->who, a, s->id, &res, &err), 0);
	assert_string_equal(res.breaks_source, "school_break");
	/* September to May: nine second Tuesdays, none in the break. */
	assert_int_equal(res.added, 9);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM pd_session WHERE status ="
					 " 'planned' AND pd_format = 'plc' AND team_id = 1"),
			 9);
	/* Deliver one (moved a day later) and cancel another; generating again adds
	 * nothing, keeps the rest and leaves those two alone. */
	struct rec *ch = rec_new(a, &pd_session_entity);
	rec_set_text(ch, a, "held_on", "2026-10-14", &err);
	int64_t oct = testdb_count(t, "SELECT id FROM pd_session WHERE held_on = '2026-10-13'");
	assert_int_equal(delivery_session_deliver(t->db, &t->who, a, oct, ch, NULL, &err), 0);
	assert_int_equal(delivery_session_deliver(t->db, &t->who, a, oct, NULL, NULL, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	int64_t nov = testdb_count(t, "SELECT id FROM pd_session WHERE held_on = '2026-11-10'");
	struct rec *cancel = rec_new(a, &pd_session_entity);
	rec_set_text(cancel, a, "status", "cancelled", &err);
	assert_int_equal(rec_update(t->db, &t->who, a, nov, 0, cancel, NULL, &err), 0);
	assert_int_equal(schedule_generate(t->db, &t->who, a, s->id, &res, &err), 0);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.kept, 7);
	assert_int_equal(res.untouched, 2);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM pd_session"), 9);
	/* Changing the schedule to the first Tuesday replaces the untouched planned
	 * sessions and still spares the delivered and cancelled ones. */
	struct rec *first = rec_new(a, &plc_schedule_entity);
	rec_set_text(first, a, "week_of_month", "1", &err);
	assert_int_equal(rec_update(t->db, &t->who, a, s->id, 0, first, NULL, &err), 0);
	assert_int_equal(schedule_generate(t->db, &t->who, a, s->id, &res, &err), 0);
	assert_int_equal(res.removed, 7);
	assert_int_equal(res.added, 9);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM pd_session WHERE status ="
					 " 'delivered' AND held_on = '2026-10-14'"),
			 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM pd_session"), 11);
	/* Every created and removed session is in the audit log. */
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE entity ="
					 " 'pd_session' AND action = 'delete'"),
			 7);
	arena_free(a);
	testdb_close(t);
}

static void test_generate_uses_default_calendar(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, WORLD, &err), 0);
	struct rec *s = schedule(t, a, "weekly", "wednesday", NULL, &err);
	assert_non_null(s);
	struct schedule_result res;
	assert_int_equal(schedule_generate(t->db, &t->who, a, s->id, &res, &err), 0);
	assert_string_equal(res.breaks_source, "default calendar");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM pd_session WHERE held_on IN"
					 " ('2026-11-25', '2026-12-23', '2026-12-30', '2027-04-07')"),
			 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM pd_session WHERE held_on ="
					 " '2026-12-16'"),
			 1);
	assert_int_equal(res.days.count - res.days.kept, 4);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekly_biweekly_monthly),
		cmocka_unit_test(test_breaks_are_skipped),
		cmocka_unit_test(test_schedule_rules_are_checked),
		cmocka_unit_test(test_generate_is_idempotent_and_spares_delivered),
		cmocka_unit_test(test_generate_uses_default_calendar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
