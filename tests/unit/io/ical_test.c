/* ical: the writer's output parsed back with libical's parser: required properties
 * (RFC 5545 §3.6, §3.6.1), a VTIMEZONE for every TZID used (§3.6.5), and local times
 * that stay local across a DST change. */
#include "testlib.h"

#include <libical/ical.h>

#include "core/buf.h"
#include "io/ical.h"

static icalcomponent *parse(const struct ical_calendar *cal)
{
	struct buf b = BUF_INIT;
	struct cn_err err = {0};
	if (ical_write(cal, &b, &err) != 0)
		fail_msg("write: %s: %s", err.field, err.msg);
	assert_non_null(strstr(buf_str(&b), "\r\n"));
	icalcomponent *c = icalparser_parse_string(buf_str(&b));
	buf_free(&b);
	assert_non_null(c);
	assert_int_equal(icalcomponent_isa(c), ICAL_VCALENDAR_COMPONENT);
	return c;
}

/* The UTC instant of an event's DTSTART, resolved through the calendar's own
 * VTIMEZONE. */
static time_t start_utc(icalcomponent *cal, icalcomponent *ev)
{
	icalproperty *p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	icalparameter *tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	assert_non_null(tzid);
	icaltimezone *zone = icalcomponent_get_timezone(cal, icalparameter_get_tzid(tzid));
	assert_non_null(zone);
	struct icaltimetype t = icalproperty_get_dtstart(p);
	return icaltime_as_timet_with_zone(t, zone);
}

static void test_required_properties_and_timezones(void **state)
{
	(void)state;
	struct ical_event ev[] = {
		{.uid = "meeting-1@capnet", .summary = "Meeting 1: Number talks",
		 .location = "GRREC, Room 4", .url = "http://localhost:8080/networks/1/meetings/1",
		 .description = "Bring: student work; calculators", .tz = "America/Chicago",
		 .start = "2026-09-15T09:00", .end = "2026-09-15T15:00", .stamp = 1790000000},
		{.uid = "meeting-2@capnet", .summary = "Meeting 2", .tz = "America/New_York",
		 .start = "2026-10-20T09:00:00", .end = "2026-10-20T15:00:00", .stamp = 1790000000,
		 .status = "CANCELLED"},
		{.uid = "pd-1@capnet", .summary = "All-day data day", .start = "2026-11-03",
		 .stamp = 1790000000},
	};
	struct ical_calendar cal = {"Green River, Mathematics", ev, 3, NULL};
	icalcomponent *c = parse(&cal);
	icalproperty *v = icalcomponent_get_first_property(c, ICAL_VERSION_PROPERTY);
	assert_non_null(v);
	assert_string_equal(icalproperty_get_version(v), "2.0");
	assert_non_null(icalcomponent_get_first_property(c, ICAL_PRODID_PROPERTY));
	int zones = 0, events = 0;
	for (icalcomponent *z = icalcomponent_get_first_component(c, ICAL_VTIMEZONE_COMPONENT);
	     z != NULL; z = icalcomponent_get_next_component(c, ICAL_VTIMEZONE_COMPONENT))
		zones++;
	assert_int_equal(zones, 2);
	for (icalcomponent *e = icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT);
	     e != NULL; e = icalcomponent_get_next_component(c, ICAL_VEVENT_COMPONENT)) {
		events++;
		assert_non_null(icalcomponent_get_first_property(e, ICAL_UID_PROPERTY));
		assert_non_null(icalcomponent_get_first_property(e, ICAL_DTSTAMP_PROPERTY));
		assert_non_null(icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY));
	}
	assert_int_equal(events, 3);
	icalcomponent *m1 = icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(m1), "meeting-1@capnet");
	assert_string_equal(icalcomponent_get_location(m1), "GRREC, Room 4");
	assert_string_equal(icalcomponent_get_description(m1), "Bring: student work; calculators");
	/* 09:00 CDT is 14:00 UTC; 09:00 EDT is 13:00 UTC. */
	assert_int_equal(start_utc(c, m1), 1789480800);
	icalcomponent *m2 = icalcomponent_get_next_component(c, ICAL_VEVENT_COMPONENT);
	assert_int_equal(start_utc(c, m2), 1792501200);
	assert_int_equal(icalcomponent_get_status(m2), ICAL_STATUS_CANCELLED);
	icalcomponent *day = icalcomponent_get_next_component(c, ICAL_VEVENT_COMPONENT);
	assert_true(icalcomponent_get_dtstart(day).is_date);
	assert_int_equal(icalcomponent_get_dtend(day).day, 4);
	icalcomponent_free(c);
}

static void test_local_time_kept_across_dst(void **state)
{
	(void)state;
	/* A 15:30 PLC the Tuesday before and after DST ends (2026-11-01). */
	struct ical_event ev[] = {
		{.uid = "pd-a@capnet", .summary = "PLC", .tz = "America/New_York",
		 .start = "2026-10-27T15:30", .minutes = 60, .stamp = 1790000000},
		{.uid = "pd-b@capnet", .summary = "PLC", .tz = "America/New_York",
		 .start = "2026-11-03T15:30", .minutes = 60, .stamp = 1790000000},
	};
	struct ical_calendar cal = {NULL, ev, 2, NULL};
	icalcomponent *c = parse(&cal);
	icalcomponent *a = icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT);
	icalcomponent *b = icalcomponent_get_next_component(c, ICAL_VEVENT_COMPONENT);
	time_t ta = start_utc(c, a), tb = start_utc(c, b);
	struct tm tm;
	gmtime_r(&ta, &tm);
	assert_int_equal(tm.tm_hour, 19); /* EDT: UTC-4 */
	gmtime_r(&tb, &tm);
	assert_int_equal(tm.tm_hour, 20); /* EST: UTC-5 */
	assert_int_equal(icalcomponent_get_dtend(b).hour, 16);
	assert_int_equal(icalcomponent_get_dtend(b).minute, 30);
	icalcomponent_free(c);
}

static void test_bad_events_are_named(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct cn_err err = {0};
	struct ical_event bad_zone = {.uid = "x@capnet", .summary = "X", .tz = "Mars/Olympus",
				      .start = "2026-10-27T15:30", .minutes = 60};
	struct ical_calendar cal = {NULL, &bad_zone, 1, NULL};
	assert_int_equal(ical_write(&cal, &b, &err), -1);
	assert_string_equal(err.field, "x@capnet");
	struct ical_event bad_day = {.uid = "y@capnet", .summary = "Y", .start = "2026-02-30"};
	cal.events = &bad_day;
	assert_int_equal(ical_write(&cal, &b, &err), -1);
	assert_string_equal(err.field, "y@capnet");
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_required_properties_and_timezones),
		cmocka_unit_test(test_local_time_kept_across_dst),
		cmocka_unit_test(test_bad_events_are_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
