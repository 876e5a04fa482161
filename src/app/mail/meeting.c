/* meeting (mail): meeting notifications with their calendar part; see meeting.h. */
#include "app/mail/meeting.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/mail/notify.h"
#include "app/mail/outbox.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "io/ical.h"

static const char SQL_MAIL_MEETING_PEOPLE[] =
    "SELECT DISTINCT m.person_id FROM team_member m JOIN team t ON t.id = m.team_id"
    " WHERE t.network_id = ?1 ORDER BY m.person_id";

struct mail_meeting_ctx {
	struct arena *a;
	struct ical_event ev;
	const char *method;
};

/* The calendar for one person: ATTENDEE is them, so that their calendar program offers
 * to accept it. NULL when libical refuses (the message then goes without it). */
static const char *mail_meeting_ics(void *arg, const char *email, const char *name)
{
	struct mail_meeting_ctx *c = arg;
	struct ical_event ev = c->ev;
	ev.attendee = arena_printf(c->a, "mailto:%s", email);
	ev.attendee_name = name;
	struct ical_calendar cal = {NULL, &ev, 1, c->method};
	struct buf b = BUF_INIT;
	struct cn_err ignored = {0};
	const char *out =
	    ical_write(&cal, &b, &ignored) == 0 ? arena_strdup(c->a, buf_str(&b)) : NULL;
	buf_free(&b);
	return out;
}

/* A stored UTC instant as the local wall time ical_event takes ("YYYY-MM-DDTHH:MM:SS"). */
static const char *mail_meeting_local(struct arena *a, const char *utc, const char *tz)
{
	time_t t = 0;
	char local[TIME_ISO_LEN];
	if (time_parse_utc(utc, &t) != 0)
		return utc;
	time_format_local(t, tz, local);
	return arena_strndup(a, local, 19);
}

int mail_meeting(struct store *db, struct arena *a, const struct rec *m, int sequence,
		 enum mail_meeting_change change, struct cn_err *err)
{
	const char *tz = rec_text(m, "tz"), *title = rec_text(m, "title");
	const char *start = mail_meeting_local(a, rec_text(m, "starts_at"), tz);
	const char *path = arena_printf(a, "/meetings/%lld", (long long)m->id);
	const char *url = NULL, *base = NULL;
	if (outbox_link(db, a, path, &url, err) || outbox_link(db, a, "", &base, err))
		return -1;
	const char *host = strstr(base, "://") ? strstr(base, "://") + 3 : base;
	size_t hl = strcspn(host, ":/");
	struct mail_meeting_ctx c = {
	    .a = a,
	    .method = change == MAIL_MEETING_CANCELLED ? "CANCEL" : "REQUEST",
	    .ev = {.uid = rec_text(m, "uid"),
		   .summary = title,
		   .location = rec_text(m, "place"),
		   .url = url,
		   .description = rec_text(m, "notes"),
		   .status = change == MAIL_MEETING_CANCELLED ? "CANCELLED" : "CONFIRMED",
		   .tz = tz,
		   .start = start,
		   .end = mail_meeting_local(a, rec_text(m, "ends_at"), tz),
		   .stamp = time(NULL),
		   .sequence = sequence,
		   .organizer = arena_printf(a, "mailto:noreply@%.*s", (int)hl, host),
		   .organizer_name = "capnet"}};
	char when[17];
	snprintf(when, sizeof(when), "%.10s %.5s", start, start + 11);
	static const char *const verbs[] = {"scheduled", "moved", "cancelled"};
	const char *subject = arena_printf(a, "Meeting %s: %s, %s", verbs[change], title, when);
	const char *what =
	    change == MAIL_MEETING_CANCELLED
		? arena_printf(a, "The meeting \"%s\" of %s (%s) is cancelled.", title, when, tz)
	    : change == MAIL_MEETING_MOVED
		? arena_printf(a, "The meeting \"%s\" now takes place %s (%s).", title, when, tz)
		: arena_printf(a, "A meeting of your network is scheduled: \"%s\", %s (%s).", title,
			       when, tz);
	return notify_people(db, a, SQL_MAIL_MEETING_PEOPLE, rec_int(m, "network_id"), 0,
			     NOTIFY_MEETING, subject, what, path, mail_meeting_ics, &c, err);
}
