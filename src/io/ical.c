/* ical: the iCalendar writer (ical.h). */
#include "io/ical.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ICAL_PRODID "-//capnet//capnet 0.1//EN"

/* Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]" as a floating (zone-less) time. */
static int ical_parse_wall(const char *s, struct icaltimetype *out)
{
	int y, mo, d, h = 0, mi = 0, se = 0;
	size_t n = s ? strlen(s) : 0;
	struct icaltimetype t = icaltime_null_time();
	if (n == 10 && sscanf(s, "%4d-%2d-%2d", &y, &mo, &d) == 3) {
		t.is_date = 1;
	} else if ((n == 16 && sscanf(s, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) == 5) ||
		   (n == 19 &&
		    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se) == 6)) {
		t.is_date = 0;
	} else {
		return -1;
	}
	t.year = y;
	t.month = mo;
	t.day = d;
	t.hour = h;
	t.minute = mi;
	t.second = se;
	if (!icaltime_is_valid_time(t) || mo < 1 || mo > 12 || d < 1 ||
	    d > icaltime_days_in_month(mo, y) || h > 23 || mi > 59 || se > 59)
		return -1;
	*out = t;
	return 0;
}

static icalproperty *ical_wall_prop(icalproperty *p, const char *tz)
{
	if (tz != NULL)
		icalproperty_add_parameter(p, icalparameter_new_tzid(tz));
	return p;
}

/* A VTIMEZONE for zone tz covering the years from..to, with TZID = tz. */
static icalcomponent *ical_vtimezone(const char *tz, int from, int to)
{
	icaltimezone *zone = icaltimezone_get_builtin_timezone(tz);
	if (zone == NULL)
		return NULL;
	icalcomponent *vtz = icalcomponent_new_clone(icaltimezone_get_component(zone));
	icalproperty *id = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	if (id != NULL)
		icalproperty_set_tzid(id, tz);
	struct icaltimetype start = icaltime_null_time(), end = icaltime_null_time();
	start.year = from;
	start.month = 1;
	start.day = 1;
	end.year = to + 1;
	end.month = 1;
	end.day = 1;
	start = icaltime_set_timezone(&start, icaltimezone_get_utc_timezone());
	end = icaltime_set_timezone(&end, icaltimezone_get_utc_timezone());
	icaltimezone_truncate_vtimezone(vtz, start, end, 1);
	return vtz;
}

static int ical_bad(struct cn_err *err, const struct ical_event *e, const char *what)
{
	return cn_err_field(err, CN_ERR_INPUT, e->uid ? e->uid : "event", "%s", what);
}

/* One VEVENT, or NULL with err set. */
static icalcomponent *ical_event_component(const struct ical_event *e, struct cn_err *err)
{
	struct icaltimetype start, end;
	if (e->uid == NULL || e->summary == NULL) {
		ical_bad(err, e, "an event needs a UID and a SUMMARY");
		return NULL;
	}
	if (ical_parse_wall(e->start, &start)) {
		ical_bad(err, e, "the start is not a date or date and time");
		return NULL;
	}
	if (!start.is_date && (e->tz == NULL || icaltimezone_get_builtin_timezone(e->tz) == NULL)) {
		ical_bad(err, e, "the time zone is not known");
		return NULL;
	}
	if (e->end != NULL) {
		if (ical_parse_wall(e->end, &end) || end.is_date != start.is_date) {
			ical_bad(err, e, "the end is not of the same form as the start");
			return NULL;
		}
	} else {
		struct icaldurationtype dur = icaldurationtype_null_duration();
		if (start.is_date)
			dur.days = 1;
		else
			dur.minutes = (unsigned)(e->minutes > 0 ? e->minutes : 0);
		end = icaltime_add(start, dur);
	}
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	struct icaltimetype stamp =
		icaltime_from_timet_with_zone(e->stamp, 0, icaltimezone_get_utc_timezone());
	icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
	icalcomponent_add_property(ev, icalproperty_new_lastmodified(stamp));
	if (e->created != 0)
		icalcomponent_add_property(
			ev, icalproperty_new_created(icaltime_from_timet_with_zone(
				    e->created, 0, icaltimezone_get_utc_timezone())));
	icalcomponent_add_property(ev, icalproperty_new_sequence(e->sequence));
	const char *tz = start.is_date ? NULL : e->tz;
	icalcomponent_add_property(ev, ical_wall_prop(icalproperty_new_dtstart(start), tz));
	icalcomponent_add_property(ev, ical_wall_prop(icalproperty_new_dtend(end), tz));
	icalcomponent_add_property(ev, icalproperty_new_summary(e->summary));
	if (e->location != NULL)
		icalcomponent_add_property(ev, icalproperty_new_location(e->location));
	if (e->url != NULL)
		icalcomponent_add_property(ev, icalproperty_new_url(e->url));
	if (e->description != NULL)
		icalcomponent_add_property(ev, icalproperty_new_description(e->description));
	if (e->status != NULL) {
		icalproperty_status st = strcmp(e->status, "CANCELLED") == 0   ? ICAL_STATUS_CANCELLED
					 : strcmp(e->status, "TENTATIVE") == 0 ? ICAL_STATUS_TENTATIVE
									       : ICAL_STATUS_CONFIRMED;
		icalcomponent_add_property(ev, icalproperty_new_status(st));
	}
	if (e->organizer != NULL) {
		icalproperty *o = icalproperty_new_organizer(e->organizer);
		if (e->organizer_name != NULL)
			icalproperty_add_parameter(o, icalparameter_new_cn(e->organizer_name));
		icalcomponent_add_property(ev, o);
	}
	if (e->attendee != NULL) {
		icalproperty *at = icalproperty_new_attendee(e->attendee);
		if (e->attendee_name != NULL)
			icalproperty_add_parameter(at, icalparameter_new_cn(e->attendee_name));
		icalproperty_add_parameter(at, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
		icalproperty_add_parameter(at, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
		icalproperty_add_parameter(at, icalparameter_new_rsvp(ICAL_RSVP_TRUE));
		icalcomponent_add_property(ev, at);
	}
	return ev;
}

int ical_write(const struct ical_calendar *cal, struct buf *out, struct cn_err *err)
{
	icalcomponent *vcal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(vcal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(vcal, icalproperty_new_prodid(ICAL_PRODID));
	icalcomponent_add_property(vcal, icalproperty_new_calscale("GREGORIAN"));
	if (cal->method != NULL)
		icalcomponent_add_property(
			vcal, icalproperty_new_method(strcmp(cal->method, "CANCEL") == 0
							      ? ICAL_METHOD_CANCEL
							      : ICAL_METHOD_REQUEST));
	if (cal->name != NULL) {
		icalproperty *name = icalproperty_new_x(cal->name);
		icalproperty_set_x_name(name, "X-WR-CALNAME");
		icalcomponent_add_property(vcal, name);
	}
	/* Zones used, with the years they must cover. */
	const char **zones = calloc(cal->count + 1, sizeof(char *));
	int *from = calloc(cal->count + 1, sizeof(int)), *to = calloc(cal->count + 1, sizeof(int));
	size_t nzones = 0;
	icalcomponent **events = calloc(cal->count + 1, sizeof(icalcomponent *));
	int rc = -1;
	for (size_t i = 0; i < cal->count; i++) {
		events[i] = ical_event_component(&cal->events[i], err);
		if (events[i] == NULL)
			goto out;
		const struct ical_event *e = &cal->events[i];
		if (e->tz == NULL || strlen(e->start) == 10)
			continue;
		int year = 0;
		sscanf(e->start, "%4d", &year);
		size_t k = 0;
		while (k < nzones && strcmp(zones[k], e->tz) != 0)
			k++;
		if (k == nzones) {
			zones[nzones++] = e->tz;
			from[k] = to[k] = year;
		}
		from[k] = year < from[k] ? year : from[k];
		to[k] = year > to[k] ? year : to[k];
	}
	for (size_t k = 0; k < nzones; k++) {
		icalcomponent *vtz = ical_vtimezone(zones[k], from[k], to[k]);
		if (vtz == NULL) {
			cn_err_set(err, CN_ERR_INPUT, "time zone %s is not known", zones[k]);
			goto out;
		}
		icalcomponent_add_component(vcal, vtz);
	}
	for (size_t i = 0; i < cal->count; i++) {
		icalcomponent_add_component(vcal, events[i]);
		events[i] = NULL;
	}
	char *text = icalcomponent_as_ical_string_r(vcal);
	if (text == NULL) {
		cn_err_set(err, CN_ERR_INTERNAL, "the calendar could not be written: %s",
			   icalerror_strerror(icalerrno));
		goto out;
	}
	buf_puts(out, text);
	free(text);
	rc = 0;
out:
	for (size_t i = 0; i < cal->count; i++)
		if (events[i] != NULL)
			icalcomponent_free(events[i]);
	free(events);
	free(zones);
	free(from);
	free(to);
	icalcomponent_free(vcal);
	return rc;
}
