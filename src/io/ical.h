/* ical: writes iCalendar (RFC 5545) feeds with libical. Events carry local wall times
 * and an IANA zone; the feed gets one VTIMEZONE per zone used (RFC 5545 §3.6.5), from
 * libical's built-in zone data, truncated to the years the events span, with the zone
 * name as TZID so that DTSTART;TZID=America/Chicago:... reads plainly. No domain
 * knowledge: the app layer fills the events. */
#ifndef CN_ICAL_H
#define CN_ICAL_H
#include <stddef.h>
#include <time.h>

#include "core/buf.h"
#include "core/err.h"

struct ical_event {
	const char *uid;         /* stable across exports (§3.8.4.7) */
	const char *summary;
	const char *location;    /* may be NULL */
	const char *url;         /* may be NULL */
	const char *description; /* may be NULL */
	const char *status;      /* NULL, "TENTATIVE", "CONFIRMED" or "CANCELLED" */
	const char *tz;          /* IANA zone of start and end; NULL for an all-day event */
	const char *start;       /* "YYYY-MM-DDTHH:MM[:SS]" local, or "YYYY-MM-DD" all day */
	const char *end;         /* the same form as start; NULL: start + minutes */
	int minutes;             /* used when end is NULL (0 for all-day: one day) */
	time_t stamp;            /* DTSTAMP: when the record was last changed (§3.8.7.2) */
	time_t created;          /* 0 = omitted */
	int sequence;            /* revision number (§3.8.7.4) */
	/* For an invitation (RFC 5546 iTIP): "mailto:..." addresses, or NULL. */
	const char *organizer;   /* who sends it (§3.8.4.3) */
	const char *organizer_name;
	const char *attendee;    /* who it is sent to (§3.8.4.1) */
	const char *attendee_name;
};

struct ical_calendar {
	const char *name; /* X-WR-CALNAME shown by calendar programs */
	const struct ical_event *events;
	size_t count;
	const char *method; /* "REQUEST" or "CANCEL" for an invitation (RFC 5546), or NULL */
};

/* Appends the whole VCALENDAR to out (CRLF lines, folded at 75 octets by libical).
 * Fails (CN_ERR_INPUT naming the event's uid) on an unknown zone or a bad time. */
int ical_write(const struct ical_calendar *cal, struct buf *out, struct cn_err *err);

#endif
