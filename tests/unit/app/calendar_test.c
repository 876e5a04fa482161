/* calendar: the feeds built from stored meetings and PD sessions, parsed back. */
#include "testlib.h"

#include <libical/ical.h>

#include "app/network/calendar.h"
#include "app/delivery/delivery.h"
#include "app/setting.h"
#include "core/buf.h"

static const char WORLD[] =
	"INSERT INTO organization (id, kind, name, parent_id, created_at, updated_at) VALUES"
	" (1, 'state', 'KDE', NULL, 'x', 'x'), (2, 'district', 'Daviess County', 1, 'x', 'x'),"
	" (3, 'school', 'Apollo Elementary', 2, 'x', 'x');"
	"INSERT INTO network (id, name, content_area, school_year, created_at, updated_at)"
	" VALUES (1, 'Math', 'mathematics', '2026-27', 'x', 'x');"
	"INSERT INTO team (id, network_id, district_id, name, created_at, updated_at)"
	" VALUES (1, 1, 2, 'Daviess', 'x', 'x');"
	"INSERT INTO meeting (id, network_id, title, starts_at, ends_at, tz, place, link, uid,"
	" version, created_at, updated_at) VALUES"
	" (1, 1, 'West', '2026-09-15T14:00:00Z', '2026-09-15T20:00:00Z', 'America/Chicago',"
	"  'Owensboro', NULL, 'meeting-west@capnet', 3, '2026-06-01T00:00:00Z',"
	"  '2026-06-02T10:00:00Z'),"
	" (2, 1, 'East', '2026-10-20T13:00:00Z', '2026-10-20T19:00:00Z', 'America/New_York',"
	"  NULL, 'https://meet.example.org/x', 'meeting-east@capnet', 1, '2026-06-01T00:00:00Z',"
	"  '2026-06-01T00:00:00Z');";

static icalcomponent *feed(struct testdb *t, struct arena *a, int team, int64_t id)
{
	struct cn_err err = {0};
	struct ical_calendar cal;
	int rc = team ? calendar_team(t->db, a, id, &cal, &err)
		      : calendar_network(t->db, a, id, &cal, &err);
	if (rc != 0)
		fail_msg("%s", err.msg);
	struct buf b = BUF_INIT;
	assert_int_equal(ical_write(&cal, &b, &err), 0);
	icalcomponent *c = icalparser_parse_string(buf_str(&b));
	buf_free(&b);
	assert_non_null(c);
	return c;
}

static void test_network_meetings_in_two_zones(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, WORLD, &err), 0);
	assert_int_equal(setting_set(t->db, &t->who, "site.base_url", "https://capnet.ky.gov/",
				     &err),
			 0);
	icalcomponent *c = feed(t, a, 0, 1);
	assert_non_null(icalcomponent_get_timezone(c, "America/Chicago"));
	assert_non_null(icalcomponent_get_timezone(c, "America/New_York"));
	icalcomponent *west = icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(west), "meeting-west@capnet");
	struct icaltimetype s = icalcomponent_get_dtstart(west);
	assert_int_equal(s.hour, 9); /* local Chicago time */
	icalproperty *url = icalcomponent_get_first_property(west, ICAL_URL_PROPERTY);
	assert_string_equal(icalproperty_get_url(url), "https://capnet.ky.gov/meetings/1");
	icalproperty *seq = icalcomponent_get_first_property(west, ICAL_SEQUENCE_PROPERTY);
	assert_int_equal(icalproperty_get_sequence(seq), 2);
	struct icaltimetype stamp = icalcomponent_get_dtstamp(west);
	assert_int_equal(stamp.hour, 10); /* DTSTAMP: when the record last changed */
	icalcomponent *east = icalcomponent_get_next_component(c, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_location(east), "https://meet.example.org/x");
	assert_int_equal(icalcomponent_get_dtstart(east).hour, 9);
	icalcomponent_free(c);
	arena_free(a);
	testdb_close(t);
}

static void test_team_sessions_keep_uid_and_status(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db, WORLD, &err), 0);
	struct rec *r = rec_new(a, &pd_session_entity);
	rec_set_int(r, "team_id", 1, &err);
	rec_set_int(r, "school_id", 3, &err);
	rec_set_text(r, a, "title", "Grade 4 PLC", &err);
	rec_set_text(r, a, "held_on", "2026-11-03", &err);
	rec_set_text(r, a, "start_time", "15:30", &err);
	rec_set_text(r, a, "tz", "America/Chicago", &err);
	rec_set_int(r, "minutes", 45, &err);
	rec_set_text(r, a, "pd_format", "plc", &err);
	rec_set_text(r, a, "status", "planned", &err);
	rec_set_int(r, "source_meeting_id", 1, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), 0);
	icalcomponent *c = feed(t, a, 1, 1);
	icalcomponent *e = icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(e), rec_text(r, "uid"));
	assert_int_equal(icalcomponent_get_status(e), ICAL_STATUS_TENTATIVE);
	assert_int_equal(icalcomponent_get_dtend(e).minute, 15);
	assert_string_equal(icalcomponent_get_location(e), "Apollo Elementary");
	assert_non_null(strstr(icalcomponent_get_description(e), "From network meeting 1"));
	icalcomponent_free(c);
	/* Delivered later: same UID, confirmed, a higher SEQUENCE. */
	assert_int_equal(delivery_session_deliver(t->db, &t->who, a, r->id, NULL, NULL, &err), 0);
	c = feed(t, a, 1, 1);
	e = icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(e), rec_text(r, "uid"));
	assert_int_equal(icalcomponent_get_status(e), ICAL_STATUS_CONFIRMED);
	icalproperty *seq = icalcomponent_get_first_property(e, ICAL_SEQUENCE_PROPERTY);
	assert_int_equal(icalproperty_get_sequence(seq), 1);
	icalcomponent_free(c);
	struct ical_calendar cal;
	assert_int_equal(calendar_team(t->db, a, 42, &cal, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_network_meetings_in_two_zones),
		cmocka_unit_test(test_team_sessions_keep_uid_and_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
