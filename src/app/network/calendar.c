/* calendar: building the iCalendar feeds from meetings and PD sessions (calendar.h). */
#include "app/network/calendar.h"

#include <string.h>

#include "app/setting.h"
#include "core/timeutil.h"

static const char SQL_NETWORK_NAME[] = "SELECT name FROM network WHERE id = ?1";
static const char SQL_MEETINGS[] =
	"SELECT id, title, starts_at, ends_at, tz, place, link, notes, uid, version, created_at,"
	" updated_at FROM meeting WHERE network_id = ?1 ORDER BY starts_at, id";
static const char SQL_TEAM_NAME[] =
	"SELECT t.name || ': PD sessions (' || n.name || ')' FROM team t"
	" JOIN network n ON n.id = t.network_id WHERE t.id = ?1";
static const char SQL_SESSIONS[] =
	"SELECT s.id, s.title, s.held_on, s.start_time, s.tz, s.minutes, s.pd_format, s.status,"
	" s.uid, s.version, s.created_at, s.updated_at, o.name, s.changes_note,"
	" COALESCE(s.source_meeting_id, 0), COALESCE(s.source_deliverable_id, 0),"
	" COALESCE(s.source_version_id, 0), p.given_name || ' ' || p.family_name"
	" FROM pd_session s LEFT JOIN organization o ON o.id = s.school_id"
	" LEFT JOIN person p ON p.id = s.facilitator_id"
	" WHERE s.team_id = ?1 ORDER BY s.held_on, s.id";

static const char *calendar_base(struct store *db, struct arena *a, struct cn_err *err)
{
	const char *base = NULL;
	if (setting_get(db, a, SETTING_SITE_BASE_URL, &base, err))
		return NULL;
	size_t n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	return arena_strndup(a, base, n);
}

/* The calendar's name from sql (?1 = id); CN_ERR_NOT_FOUND naming what when absent. */
static int calendar_name(struct store *db, struct arena *a, const char *sql, int64_t id,
			 const char *what, const char **name, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	if (rc == 1)
		*name = store_col_dup(q, 0, a);
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no %s with id %lld", what,
				  (long long)id);
	return rc < 0 ? -1 : 0;
}

static time_t calendar_instant(const char *s)
{
	time_t t = 0;
	if (s == NULL || time_parse_utc(s, &t))
		return 0;
	return t;
}

/* "YYYY-MM-DDTHH:MM:SS" local wall time of a stored UTC instant in zone tz. */
static const char *calendar_wall(struct arena *a, const char *utc, const char *tz)
{
	char local[TIME_ISO_LEN];
	time_format_local(calendar_instant(utc), tz, local);
	return arena_strndup(a, local, 19);
}

static struct ical_event *calendar_grow(struct arena *a, struct ical_event *ev, size_t n,
					size_t *cap)
{
	if (n < *cap)
		return ev;
	size_t ncap = *cap ? *cap * 2 : 32;
	struct ical_event *bigger = arena_alloc(a, sizeof(*bigger) * ncap);
	if (n)
		memcpy(bigger, ev, sizeof(*bigger) * n);
	*cap = ncap;
	return bigger;
}

int calendar_network(struct store *db, struct arena *a, int64_t network_id,
		     struct ical_calendar *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	const char *base = calendar_base(db, a, err);
	if (base == NULL)
		return -1;
	if (calendar_name(db, a, SQL_NETWORK_NAME, network_id, "network", &out->name, err))
		return -1;
	int rc;
	struct store_stmt *q = store_prepare(db, SQL_MEETINGS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, network_id);
	struct ical_event *ev = NULL;
	size_t n = 0, cap = 0;
	while ((rc = store_step(q, err)) == 1) {
		ev = calendar_grow(a, ev, n, &cap);
		struct ical_event *e = &ev[n++];
		memset(e, 0, sizeof(*e));
		const char *tz = store_col_dup(q, 4, a);
		e->summary = store_col_dup(q, 1, a);
		e->tz = tz;
		e->start = calendar_wall(a, store_col_text(q, 2), tz);
		e->end = calendar_wall(a, store_col_text(q, 3), tz);
		e->location = store_col_dup(q, 5, a);
		const char *link = store_col_text(q, 6), *notes = store_col_text(q, 7);
		if (e->location == NULL && link != NULL)
			e->location = arena_strdup(a, link);
		if (link != NULL || notes != NULL)
			e->description = arena_printf(a, "%s%s%s%s", notes ? notes : "",
						      notes && link ? "\n\n" : "",
						      link ? "Join online: " : "", link ? link : "");
		e->uid = store_col_dup(q, 8, a);
		e->sequence = (int)store_col_int(q, 9) - 1;
		e->created = calendar_instant(store_col_text(q, 10));
		e->stamp = calendar_instant(store_col_text(q, 11));
		/* The meeting's page (web/network/pages_meeting.c). */
		e->url = arena_printf(a, "%s/meetings/%lld", base, (long long)store_col_int(q, 0));
		e->status = "CONFIRMED";
	}
	store_done(q);
	if (rc < 0)
		return -1;
	out->events = ev;
	out->count = n;
	return 0;
}

static const char *calendar_format_name(const char *format)
{
	if (strcmp(format, "plc") == 0)
		return "PLC";
	if (strcmp(format, "coaching") == 0)
		return "coaching";
	if (strcmp(format, "whole_group") == 0)
		return "whole-group session";
	return "professional learning";
}

int calendar_team(struct store *db, struct arena *a, int64_t team_id,
		  struct ical_calendar *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	const char *base = calendar_base(db, a, err);
	if (base == NULL)
		return -1;
	if (calendar_name(db, a, SQL_TEAM_NAME, team_id, "team", &out->name, err))
		return -1;
	int rc;
	struct store_stmt *q = store_prepare(db, SQL_SESSIONS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, team_id);
	struct ical_event *ev = NULL;
	size_t n = 0, cap = 0;
	while ((rc = store_step(q, err)) == 1) {
		ev = calendar_grow(a, ev, n, &cap);
		struct ical_event *e = &ev[n++];
		memset(e, 0, sizeof(*e));
		const char *day = store_col_text(q, 2), *start = store_col_text(q, 3);
		e->summary = store_col_dup(q, 1, a);
		if (start != NULL) {
			e->start = arena_printf(a, "%sT%s", day, start);
			e->tz = store_col_dup(q, 4, a);
			e->minutes = (int)store_col_int(q, 5);
		} else {
			e->start = arena_strdup(a, day);
		}
		const char *status = store_col_text(q, 7);
		e->status = strcmp(status, "planned") == 0     ? "TENTATIVE"
			    : strcmp(status, "cancelled") == 0 ? "CANCELLED"
							       : "CONFIRMED";
		e->uid = store_col_dup(q, 8, a);
		e->sequence = (int)store_col_int(q, 9) - 1;
		e->created = calendar_instant(store_col_text(q, 10));
		e->stamp = calendar_instant(store_col_text(q, 11));
		e->location = store_col_dup(q, 12, a);
		int64_t meeting = store_col_int(q, 14), deliv = store_col_int(q, 15);
		int64_t version = store_col_int(q, 16);
		const char *changes = store_col_text(q, 13), *fac = store_col_text(q, 17);
		struct buf d = BUF_INIT;
		buf_printf(&d, "%s, %lld minutes (%s)", calendar_format_name(store_col_text(q, 6)),
			   (long long)store_col_int(q, 5), status);
		if (fac != NULL)
			buf_printf(&d, "\nFacilitator: %s", fac);
		if (meeting != 0)
			buf_printf(&d, "\nFrom network meeting %lld", (long long)meeting);
		if (deliv != 0)
			buf_printf(&d, "\nUses deliverable %lld version %lld", (long long)deliv,
				   (long long)version);
		if (changes != NULL)
			buf_printf(&d, "\nWhat we changed: %s", changes);
		e->description = arena_strdup(a, buf_str(&d));
		buf_free(&d);
		/* The session's page (web/delivery/pages_delivery.c). */
		e->url = arena_printf(a, "%s/sessions/%lld", base, (long long)store_col_int(q, 0));
	}
	store_done(q);
	if (rc < 0)
		return -1;
	out->events = ev;
	out->count = n;
	return 0;
}
