/* meeting: a network meeting. It keeps its instants in UTC and its zone, so that a
 * meeting in America/Chicago is shown at its own local time everywhere. */
#include "app/network/meeting.h"

#include <string.h>

#include "app/mail/meeting.h"
#include "app/network/network.h"
#include "app/org/person.h"
#include "core/timeutil.h"

static const struct rec_field meeting_fields[] = {
	{.name = "network_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &network_entity, .help = "the network that meets"},
	{.name = "title", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 200,
	 .help = "e.g. Meeting 2: Formative assessment"},
	{.name = "starts_at", .type = REC_DATETIME, .flags = REC_REQUIRED, .tz_field = "tz",
	 .help = "local start, YYYY-MM-DDTHH:MM, in the meeting's time zone"},
	{.name = "ends_at", .type = REC_DATETIME, .flags = REC_REQUIRED, .tz_field = "tz",
	 .help = "local end, YYYY-MM-DDTHH:MM"},
	{.name = "tz", .type = REC_TZ, .flags = REC_REQUIRED, .def = "America/New_York",
	 .help = "IANA time zone, e.g. America/Chicago (default America/New_York)"},
	{.name = "place", .type = REC_TEXT, .max = 300, .help = "where it meets"},
	{.name = "link", .type = REC_URL, .help = "video link for online meetings"},
	{.name = "notes", .type = REC_LONGTEXT, .max = 10000, .help = "notes for participants"},
	{.name = "uid", .type = REC_TEXT, .flags = REC_READONLY | REC_FIXED, .max = 100,
	 .help = "stable calendar identifier"},
};

static const struct rec_filter meeting_filters[] = {
	{.name = "network_id", .type = REC_REF, .help = "meetings of this network"},
	{.name = "from", .type = REC_DATE, .where = "starts_at >= ?",
	 .help = "meetings starting on or after this day (UTC)"},
	{.name = "to", .type = REC_DATE, .where = "starts_at < ?",
	 .help = "meetings starting before this day (UTC)"},
};

static int meeting_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
			 struct cn_err *err)
{
	if (strcmp(rec_text(r, "ends_at"), rec_text(r, "starts_at")) <= 0)
		return cn_err_field(err, CN_ERR_INPUT, "ends_at",
				    "the meeting must end after it starts");
	time_t s, e;
	if (time_parse_utc(rec_text(r, "starts_at"), &s) == 0 &&
	    time_parse_utc(rec_text(r, "ends_at"), &e) == 0 && e - s > 24 * 3600)
		return cn_err_field(err, CN_ERR_INPUT, "ends_at",
				    "a meeting lasts at most 24 hours; enter each day as its own "
				    "meeting");
	if (old == NULL && rec_is_null(r, "uid")) {
		char secret[48];
		person_secret_new(secret);
		secret[22] = '\0';
		char *uid = arena_printf(a, "meeting-%s@capnet", secret);
		if (rec_put_text(r, a, "uid", uid, err))
			return -1;
	}
	/* Moved (its times, zone or place changed): the teams are told with the change,
	 * in its transaction. */
	static const char *const moves[] = {"starts_at", "ends_at", "tz", "place"};
	int moved = 0;
	for (size_t i = 0; old != NULL && i < sizeof(moves) / sizeof(moves[0]); i++) {
		const char *x = rec_text(r, moves[i]), *y = rec_text(old, moves[i]);
		moved |= (x == NULL) != (y == NULL) || (x != NULL && strcmp(x, y) != 0);
	}
	if (moved)
		return mail_meeting(db, a, r, (int)old->version, MAIL_MEETING_MOVED, err);
	return 0;
}

/* A meeting made: the teams are told (a meeting changed is told of in meeting_check,
 * which knows what it was). */
static int meeting_after_write(struct store *db, struct arena *a, const struct rec *saved,
			       struct cn_err *err)
{
	return saved->version == 1 ? mail_meeting(db, a, saved, 0, MAIL_MEETING_SCHEDULED, err) : 0;
}

/* A meeting deleted is cancelled in the teams' calendars. */
static int meeting_check_delete(struct store *db, struct arena *a, const struct rec *old,
				struct cn_err *err)
{
	return mail_meeting(db, a, old, (int)old->version, MAIL_MEETING_CANCELLED, err);
}

const struct rec_entity meeting_entity = {
	.name = "meeting",
	.plural = "meetings",
	.title = "meeting",
	.fields = meeting_fields,
	.nfields = sizeof(meeting_fields) / sizeof(meeting_fields[0]),
	.filters = meeting_filters,
	.nfilters = sizeof(meeting_filters) / sizeof(meeting_filters[0]),
	.table = "meeting",
	.deletable = 1,
	.check = meeting_check,
	.check_delete = meeting_check_delete,
	.after_write = meeting_after_write,
};
