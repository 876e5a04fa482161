/* network: networks, teams, meetings, agenda items, and the people linked to them.
 * A team is one district in one network; its members are people, each lead or member.
 * A meeting keeps its instants in UTC and its zone, so that a meeting in
 * America/Chicago is shown at its own local time everywhere. */
#include "app/network.h"

#include <stdio.h>
#include <string.h>

#include "app/agenda.h"
#include "app/audit.h"
#include "app/batch.h"
#include "app/mail/meeting.h"
#include "app/org.h"
#include "app/person.h"
#include "core/buf.h"
#include "core/timeutil.h"

const char *const network_content_areas[] = {
	"mathematics",	"english_language_arts", "science",	    "social_studies",
	"arts_humanities", "world_languages",	   "career_technical", "health_physical_education",
	"early_childhood", "special_education",   "english_learners", "leadership",
	"other",	   NULL};
const char *const team_roles[] = {"lead", "member", NULL};
const char *const attendance_statuses[] = {"present", "absent", "excused", NULL};
const char *const attendance_status_labels[] = {"Present", "Absent", "Excused", NULL};

/* Networks. */

static const struct rec_field network_fields[] = {
	{.name = "name", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 200,
	 .help = "e.g. Green River Mathematics Leadership Network"},
	{.name = "content_area", .type = REC_ENUM, .flags = REC_REQUIRED,
	 .choices = network_content_areas,
	 .help = "mathematics, english_language_arts, science, ... or other"},
	{.name = "region_id", .type = REC_REF, .ref = &org_entity,
	 .help = "the cooperative (or state agency) that runs it"},
	{.name = "school_year", .type = REC_SCHOOL_YEAR, .flags = REC_REQUIRED,
	 .help = "e.g. 2026-27"},
	{.name = "description", .type = REC_LONGTEXT, .max = 5000, .help = "purpose and focus"},
	{.name = "active", .type = REC_BOOL, .def = "true", .help = "false once it has ended"},
};

static const struct rec_filter network_filters[] = {
	{.name = "school_year", .type = REC_SCHOOL_YEAR, .help = "only this school year"},
	{.name = "region_id", .type = REC_REF, .help = "only networks of this region"},
	{.name = "content_area", .type = REC_ENUM, .choices = network_content_areas,
	 .help = "only this content area"},
	{.name = "person_id", .type = REC_REF,
	 .help = "networks this person facilitates or belongs to"},
};

static const char SQL_NETWORK_GET[] =
	"SELECT id, version, created_at, updated_at, name, content_area, region_id, school_year,"
	" description, active FROM network WHERE id = ?1";
static const char SQL_NETWORK_LIST[] =
	"SELECT id, version, created_at, updated_at, name, content_area, region_id, school_year,"
	" description, active FROM network n"
	" WHERE (?1 IS NULL OR school_year = ?1) AND (?2 IS NULL OR region_id = ?2)"
	" AND (?3 IS NULL OR content_area = ?3)"
	" AND (?4 IS NULL OR EXISTS (SELECT 1 FROM network_facilitator f"
	"  WHERE f.network_id = n.id AND f.person_id = ?4)"
	"  OR EXISTS (SELECT 1 FROM team t JOIN team_member m ON m.team_id = t.id"
	"  WHERE t.network_id = n.id AND m.person_id = ?4))"
	" AND id > ?5 ORDER BY id LIMIT ?6";
static const char SQL_NETWORK_INSERT[] =
	"INSERT INTO network (name, content_area, region_id, school_year, description, active,"
	" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id";
static const char SQL_NETWORK_UPDATE[] =
	"UPDATE network SET name = ?1, content_area = ?2, region_id = ?3, school_year = ?4,"
	" description = ?5, active = ?6, updated_at = ?7, version = version + 1"
	" WHERE id = ?8 AND version = ?9";

static int network_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
			 struct cn_err *err)
{
	(void)old;
	int64_t region = rec_int(r, "region_id");
	if (region == 0)
		return 0;
	const char *kind = org_kind(db, a, region, err);
	if (kind == NULL)
		return -1;
	if (strcmp(kind, "cooperative") != 0 && strcmp(kind, "state") != 0)
		return cn_err_field(err, CN_ERR_INPUT, "region_id",
				    "organization %lld is a %s; a network's region is a "
				    "cooperative or the state agency",
				    (long long)region, kind);
	return 0;
}

const struct rec_entity network_entity = {
	.name = "network",
	.plural = "networks",
	.title = "network",
	.fields = network_fields,
	.nfields = sizeof(network_fields) / sizeof(network_fields[0]),
	.filters = network_filters,
	.nfilters = sizeof(network_filters) / sizeof(network_filters[0]),
	.sql_get = SQL_NETWORK_GET,
	.sql_list = SQL_NETWORK_LIST,
	.sql_insert = SQL_NETWORK_INSERT,
	.sql_update = SQL_NETWORK_UPDATE,
	.sql_delete = NULL,
	.check = network_check,
};

/* Teams. */

static const struct rec_field team_fields[] = {
	{.name = "network_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &network_entity, .help = "the network"},
	{.name = "district_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &org_entity, .help = "the district the team comes from"},
	{.name = "name", .type = REC_TEXT, .max = 200,
	 .help = "defaults to the district's name"},
};

static const struct rec_filter team_filters[] = {
	{.name = "network_id", .type = REC_REF, .help = "teams of this network"},
	{.name = "district_id", .type = REC_REF, .help = "teams of this district"},
};

static const char SQL_TEAM_GET[] =
	"SELECT id, version, created_at, updated_at, network_id, district_id, name"
	" FROM team WHERE id = ?1";
static const char SQL_TEAM_LIST[] =
	"SELECT id, version, created_at, updated_at, network_id, district_id, name FROM team"
	" WHERE (?1 IS NULL OR network_id = ?1) AND (?2 IS NULL OR district_id = ?2)"
	" AND id > ?3 ORDER BY id LIMIT ?4";
static const char SQL_TEAM_INSERT[] =
	"INSERT INTO team (network_id, district_id, name, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?4) RETURNING id";
static const char SQL_TEAM_UPDATE[] =
	"UPDATE team SET network_id = ?1, district_id = ?2, name = ?3, updated_at = ?4,"
	" version = version + 1 WHERE id = ?5 AND version = ?6";
static const char SQL_TEAM_DELETE[] = "DELETE FROM team WHERE id = ?1";
static const char SQL_TEAM_EXISTS[] =
	"SELECT id FROM team WHERE network_id = ?1 AND district_id = ?2";

static int team_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
		      struct cn_err *err)
{
	int64_t district = rec_int(r, "district_id");
	struct rec *org = NULL;
	if (rec_get(db, a, &org_entity, district, &org, err))
		return -1;
	if (strcmp(rec_text(org, "kind"), "district") != 0)
		return cn_err_field(err, CN_ERR_INPUT, "district_id",
				    "organization %lld is a %s; a team comes from a district",
				    (long long)district, rec_text(org, "kind"));
	if (rec_is_null(r, "name") && rec_put_text(r, a, "name", rec_text(org, "name"), err))
		return -1;
	if (old != NULL)
		return 0;
	struct store_stmt *q = store_prepare(db, SQL_TEAM_EXISTS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, rec_int(r, "network_id"));
	store_bind_int(q, 2, district);
	int rc = store_step(q, err);
	int64_t other = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return cn_err_field(err, CN_ERR_CONFLICT, "district_id",
				    "%s already has a team in this network (team %lld)",
				    rec_text(org, "name"), (long long)other);
	return 0;
}

const struct rec_entity team_entity = {
	.name = "team",
	.plural = "teams",
	.title = "team",
	.fields = team_fields,
	.nfields = sizeof(team_fields) / sizeof(team_fields[0]),
	.filters = team_filters,
	.nfilters = sizeof(team_filters) / sizeof(team_filters[0]),
	.sql_get = SQL_TEAM_GET,
	.sql_list = SQL_TEAM_LIST,
	.sql_insert = SQL_TEAM_INSERT,
	.sql_update = SQL_TEAM_UPDATE,
	.sql_delete = SQL_TEAM_DELETE,
	.check = team_check,
};

/* Meetings. */

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
	{.name = "from", .type = REC_DATE, .help = "meetings starting on or after this day (UTC)"},
	{.name = "to", .type = REC_DATE, .help = "meetings starting before this day (UTC)"},
};

static const char SQL_MEETING_GET[] =
	"SELECT id, version, created_at, updated_at, network_id, title, starts_at, ends_at, tz,"
	" place, link, notes, uid FROM meeting WHERE id = ?1";
static const char SQL_MEETING_LIST[] =
	"SELECT id, version, created_at, updated_at, network_id, title, starts_at, ends_at, tz,"
	" place, link, notes, uid FROM meeting"
	" WHERE (?1 IS NULL OR network_id = ?1) AND (?2 IS NULL OR starts_at >= ?2)"
	" AND (?3 IS NULL OR starts_at < ?3) AND id > ?4 ORDER BY id LIMIT ?5";
static const char SQL_MEETING_INSERT[] =
	"INSERT INTO meeting (network_id, title, starts_at, ends_at, tz, place, link, notes, uid,"
	" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"
	" RETURNING id";
static const char SQL_MEETING_UPDATE[] =
	"UPDATE meeting SET network_id = ?1, title = ?2, starts_at = ?3, ends_at = ?4, tz = ?5,"
	" place = ?6, link = ?7, notes = ?8, uid = ?9, updated_at = ?10, version = version + 1"
	" WHERE id = ?11 AND version = ?12";
static const char SQL_MEETING_DELETE[] = "DELETE FROM meeting WHERE id = ?1";

static int meeting_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
			 struct cn_err *err)
{
	(void)db;
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
	.sql_get = SQL_MEETING_GET,
	.sql_list = SQL_MEETING_LIST,
	.sql_insert = SQL_MEETING_INSERT,
	.sql_update = SQL_MEETING_UPDATE,
	.sql_delete = SQL_MEETING_DELETE,
	.check = meeting_check,
	.check_delete = meeting_check_delete,
	.after_write = meeting_after_write,
};

/* Agenda items. */

static const struct rec_field agenda_fields[] = {
	{.name = "meeting_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &meeting_entity, .help = "the meeting"},
	{.name = "position", .type = REC_INT, .min = 1, .max = 1000,
	 .help = "order in the agenda (default: last)"},
	{.name = "kind", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = agenda_kinds,
	 .help = "present, try_out, collaborate, plan or reflect"},
	{.name = "title", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 200,
	 .help = "what happens"},
	{.name = "minutes", .type = REC_INT, .min = 1, .max = 600, .help = "planned length"},
	{.name = "notes", .type = REC_LONGTEXT, .max = 10000, .help = "details"},
};

static const struct rec_filter agenda_filters[] = {
	{.name = "meeting_id", .type = REC_REF, .help = "items of this meeting"},
};

static const char SQL_AGENDA_GET[] =
	"SELECT id, version, created_at, updated_at, meeting_id, position, kind, title, minutes,"
	" notes FROM agenda_item WHERE id = ?1";
static const char SQL_AGENDA_LIST[] =
	"SELECT id, version, created_at, updated_at, meeting_id, position, kind, title, minutes,"
	" notes FROM agenda_item WHERE (?1 IS NULL OR meeting_id = ?1)"
	" AND id > ?2 ORDER BY id LIMIT ?3";
static const char SQL_AGENDA_ORDERED[] =
	"SELECT id, version, created_at, updated_at, meeting_id, position, kind, title, minutes,"
	" notes FROM agenda_item WHERE meeting_id = ?1 ORDER BY position, id";
static const char SQL_AGENDA_INSERT[] =
	"INSERT INTO agenda_item (meeting_id, position, kind, title, minutes, notes, created_at,"
	" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id";
static const char SQL_AGENDA_UPDATE[] =
	"UPDATE agenda_item SET meeting_id = ?1, position = ?2, kind = ?3, title = ?4,"
	" minutes = ?5, notes = ?6, updated_at = ?7, version = version + 1"
	" WHERE id = ?8 AND version = ?9";
static const char SQL_AGENDA_DELETE[] = "DELETE FROM agenda_item WHERE id = ?1";
static const char SQL_AGENDA_NEXT[] =
	"SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?1";

static int agenda_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
			struct cn_err *err)
{
	(void)a, (void)old;
	if (!rec_is_null(r, "position"))
		return 0;
	struct store_stmt *q = store_prepare(db, SQL_AGENDA_NEXT, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, rec_int(r, "meeting_id"));
	int rc = store_step(q, err);
	int64_t next = rc == 1 ? store_col_int(q, 0) : 1;
	store_done(q);
	if (rc < 0)
		return -1;
	return rec_put_int(r, "position", next > 1000 ? 1000 : next, err);
}

const struct rec_entity agenda_item_entity = {
	.name = "agenda_item",
	.plural = "agenda-items",
	.title = "agenda item",
	.fields = agenda_fields,
	.nfields = sizeof(agenda_fields) / sizeof(agenda_fields[0]),
	.filters = agenda_filters,
	.nfilters = sizeof(agenda_filters) / sizeof(agenda_filters[0]),
	.sql_get = SQL_AGENDA_GET,
	.sql_list = SQL_AGENDA_LIST,
	.sql_insert = SQL_AGENDA_INSERT,
	.sql_update = SQL_AGENDA_UPDATE,
	.sql_delete = SQL_AGENDA_DELETE,
	.check = agenda_check,
};

int agenda_items(struct store *db, struct arena *a, int64_t meeting_id, struct rec_list *out,
		 struct cn_err *err)
{
	return rec_list_by(db, a, &agenda_item_entity, SQL_AGENDA_ORDERED, meeting_id, out, err);
}

/* People linked to networks, teams and meetings. */

static const char SQL_FAC_ADD[] =
	"INSERT INTO network_facilitator (network_id, person_id) VALUES (?1, ?2)"
	" ON CONFLICT (network_id, person_id) DO NOTHING";
static const char SQL_FAC_REMOVE[] =
	"DELETE FROM network_facilitator WHERE network_id = ?1 AND person_id = ?2";
static const char SQL_FAC_LIST[] =
	"SELECT p.id, p.given_name || ' ' || p.family_name, p.email, 'facilitator', 0"
	" FROM network_facilitator f JOIN person p ON p.id = f.person_id"
	" WHERE f.network_id = ?1 ORDER BY p.family_name, p.given_name, p.id";
static const char SQL_MEMBER_SET[] =
	"INSERT INTO team_member (team_id, person_id, role) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (team_id, person_id) DO UPDATE SET role = excluded.role";
static const char SQL_MEMBER_REMOVE[] =
	"DELETE FROM team_member WHERE team_id = ?1 AND person_id = ?2";
static const char SQL_MEMBER_LIST[] =
	"SELECT p.id, p.given_name || ' ' || p.family_name, p.email, m.role, m.team_id"
	" FROM team_member m JOIN person p ON p.id = m.person_id"
	" WHERE m.team_id = ?1 ORDER BY m.role, p.family_name, p.given_name, p.id";
static const char SQL_DISTRICT_PEOPLE[] =
	"SELECT p.id, p.given_name || ' ' || p.family_name, p.email, NULL, 0 FROM person p"
	" WHERE p.active = 1 AND EXISTS (SELECT 1 FROM team t JOIN organization o"
	"  ON o.id = t.district_id OR (o.kind = 'school' AND o.parent_id = t.district_id)"
	"  JOIN membership m ON m.org_id = o.id"
	"  WHERE t.id = ?1 AND m.person_id = p.id AND m.active = 1)"
	" ORDER BY p.family_name, p.given_name, p.id";
static const char SQL_ATTEND_SET[] =
	"INSERT INTO attendance (meeting_id, person_id, status, recorded_at)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (meeting_id, person_id)"
	" DO UPDATE SET status = excluded.status, recorded_at = excluded.recorded_at";
/* Whether ?2 may attend meeting ?1: a facilitator of its network, or on a team of it
 * with an active membership in the team's district or one of its schools. */
static const char SQL_MAY_ATTEND[] =
	"SELECT COUNT(*) FROM meeting mt WHERE mt.id = ?1"
	" AND (EXISTS (SELECT 1 FROM network_facilitator f"
	"  WHERE f.network_id = mt.network_id AND f.person_id = ?2)"
	"  OR EXISTS (SELECT 1 FROM team t JOIN team_member tm ON tm.team_id = t.id"
	"  JOIN membership m ON m.person_id = tm.person_id AND m.active = 1"
	"  JOIN organization o ON o.id = m.org_id"
	"  WHERE t.network_id = mt.network_id AND tm.person_id = ?2"
	"  AND t.district_id = CASE WHEN o.kind = 'school' THEN o.parent_id ELSE o.id END))";
static const char SQL_ATTEND_LIST[] =
	"SELECT p.id, p.given_name || ' ' || p.family_name, p.email, a.status,"
	" COALESCE((SELECT t.id FROM team t JOIN team_member tm ON tm.team_id = t.id"
	"  WHERE t.network_id = mt.network_id AND tm.person_id = p.id), 0)"
	" FROM attendance a JOIN person p ON p.id = a.person_id"
	" JOIN meeting mt ON mt.id = a.meeting_id"
	" WHERE a.meeting_id = ?1 ORDER BY p.family_name, p.given_name, p.id";

/* A team's members belong to its district (DESIGN §5, issue 12): refuses person_id for
 * team unless they are of its district for its network's work (person_of_district),
 * with the same message whether or not the person exists. Runs inside the change's
 * transaction. */
static int team_member_may_join(struct store *db, struct arena *a, const struct rec *team,
				int64_t person_id, struct cn_err *err)
{
	int of = person_of_district(db, person_id, rec_int(team, "district_id"),
				    rec_int(team, "network_id"), err);
	if (of < 0)
		return -1;
	if (of)
		return 0;
	const char *district = NULL;
	struct rec *org = NULL;
	struct cn_err ignored = {0};
	if (rec_get(db, a, &org_entity, rec_int(team, "district_id"), &org, &ignored) == 0)
		district = rec_text(org, "name");
	return cn_err_field(err, CN_ERR_INPUT, "person_id",
			    "person %lld has no active membership in %s or one of its schools; "
			    "a team's members belong to its district (or facilitate the "
			    "network): give them a membership there first",
			    (long long)person_id, district ? district : "the team's district");
}

/* A meeting's attendees are its network's (issue 12): its facilitators, and the people
 * on its teams who belong to their team's district. Refused for anyone else, with the
 * same message whether or not the person exists. */
static int attendance_may_attend(struct store *db, struct arena *a, const struct rec *meeting,
				 int64_t person_id, struct cn_err *err)
{
	(void)a;
	struct store_stmt *q = store_prepare(db, SQL_MAY_ATTEND, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, meeting->id);
	store_bind_int(q, 2, person_id);
	int rc = store_step(q, err);
	int64_t n = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc < 0)
		return -1;
	if (n > 0)
		return 0;
	return cn_err_field(err, CN_ERR_INPUT, "person_id",
			    "person %lld is on no team of this meeting's network (with a "
			    "membership in the team's district) and does not facilitate it; "
			    "a meeting's attendance is its network's people's",
			    (long long)person_id);
}

/* Runs one link change (both ids, an optional text and the time bound as ?1 ?2 ?3 ?4),
 * audited as an update of the owning record. may_link, when not NULL, is asked first
 * within the transaction whether the person may be linked to the owner. */
static int network_link(struct store *db, const struct actor *who, const char *sql,
			const struct rec_entity *owner, int64_t owner_id, int64_t person_id,
			const char *text, int with_time, const char *what, int must_change,
			int (*may_link)(struct store *db, struct arena *a, const struct rec *owner,
					int64_t person_id, struct cn_err *err),
			struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct arena *a = arena_new();
	if (store_begin(db, err)) {
		arena_free(a);
		return -1;
	}
	struct rec *o = NULL, *p = NULL;
	if (rec_get(db, a, owner, owner_id, &o, err))
		goto fail;
	/* With may_link, a person who does not exist is refused as one who may not be
	 * linked: the answer tells nothing about who exists. */
	if (rec_get(db, a, &person_entity, person_id, &p, err) &&
	    (err->kind != CN_ERR_NOT_FOUND || may_link == NULL)) {
		cn_err_field(err, err->kind == CN_ERR_NOT_FOUND ? CN_ERR_INPUT : err->kind,
			     "person_id", "there is no person with id %lld", (long long)person_id);
		goto fail;
	}
	if (may_link != NULL && may_link(db, a, o, person_id, err))
		goto fail;
	if (p == NULL) {
		cn_err_field(err, CN_ERR_INPUT, "person_id", "there is no person with id %lld",
			     (long long)person_id);
		goto fail;
	}
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, owner_id);
	store_bind_int(q, 2, person_id);
	if (text != NULL)
		store_bind_text(q, 3, text);
	if (with_time)
		store_bind_text(q, 4, now);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (must_change && store_changes(db) == 0) {
		cn_err_set(err, CN_ERR_NOT_FOUND, "person %lld is not %s %s %lld",
			   (long long)person_id, what, owner->title, (long long)owner_id);
		goto fail;
	}
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_str(&w, "change", what);
	jw_kv_int(&w, "person_id", person_id);
	if (text != NULL)
		jw_kv_str(&w, "value", text);
	jw_obj_end(&w);
	rc = audit_record(db, who, "update", owner->name, owner_id, NULL, buf_str(&b), err);
	buf_free(&b);
	if (rc)
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
	arena_free(a);
	return -1;
}

int network_people_query(struct store *db, struct arena *a, const char *sql, int64_t id,
			 struct network_people *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	size_t cap = 16;
	out->items = arena_alloc(a, sizeof(struct network_person) * cap);
	out->count = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		if (out->count == cap) {
			struct network_person *bigger =
				arena_alloc(a, sizeof(struct network_person) * cap * 2);
			memcpy(bigger, out->items, sizeof(struct network_person) * cap);
			out->items = bigger;
			cap *= 2;
		}
		struct network_person *p = &out->items[out->count++];
		p->person_id = store_col_int(q, 0);
		p->name = store_col_dup(q, 1, a);
		p->email = store_col_dup(q, 2, a);
		p->role = store_col_dup(q, 3, a);
		p->team_id = store_col_int(q, 4);
		p->former = 0;
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

static int network_check_choice(const char *const *choices, const char *field, const char *v,
				struct cn_err *err)
{
	for (size_t i = 0; choices[i] != NULL; i++)
		if (v != NULL && strcmp(choices[i], v) == 0)
			return 0;
	return cn_err_field(err, CN_ERR_INPUT, field, "'%s' is not one of: %s, %s%s%s",
			    v ? v : "", choices[0], choices[1], choices[2] ? ", " : "",
			    choices[2] ? choices[2] : "");
}

int network_facilitator_add(struct store *db, const struct actor *who, int64_t network_id,
			    int64_t person_id, struct cn_err *err)
{
	return network_link(db, who, SQL_FAC_ADD, &network_entity, network_id, person_id, NULL, 0,
			    "facilitator of", 0, NULL, err);
}

int network_facilitator_remove(struct store *db, const struct actor *who, int64_t network_id,
			       int64_t person_id, struct cn_err *err)
{
	return network_link(db, who, SQL_FAC_REMOVE, &network_entity, network_id, person_id, NULL, 0,
			    "a facilitator of", 1, NULL, err);
}

int network_facilitators(struct store *db, struct arena *a, int64_t network_id,
			 struct network_people *out, struct cn_err *err)
{
	return network_people_query(db, a, SQL_FAC_LIST, network_id, out, err);
}

int team_member_set(struct store *db, const struct actor *who, int64_t team_id,
		    int64_t person_id, const char *role, struct cn_err *err)
{
	if (network_check_choice(team_roles, "role", role, err))
		return -1;
	return network_link(db, who, SQL_MEMBER_SET, &team_entity, team_id, person_id, role, 0,
			    "member of", 0, team_member_may_join, err);
}

int team_member_remove(struct store *db, const struct actor *who, int64_t team_id,
		       int64_t person_id, struct cn_err *err)
{
	return network_link(db, who, SQL_MEMBER_REMOVE, &team_entity, team_id, person_id, NULL, 0,
			    "a member of", 1, NULL, err);
}

int team_members(struct store *db, struct arena *a, int64_t team_id, struct network_people *out,
		 struct cn_err *err)
{
	struct rec *team = NULL;
	if (rec_get(db, a, &team_entity, team_id, &team, err) ||
	    network_people_query(db, a, SQL_MEMBER_LIST, team_id, out, err))
		return -1;
	for (size_t i = 0; i < out->count; i++) {
		struct network_person *p = &out->items[i];
		int of = person_of_district(db, p->person_id, rec_int(team, "district_id"),
					    rec_int(team, "network_id"), err);
		if (of < 0)
			return -1;
		if (of)
			continue;
		p->former = 1;
		p->email = NULL;
		p->name = arena_printf(a, "%s (membership ended)", p->name);
	}
	return 0;
}

int team_district_people(struct store *db, struct arena *a, int64_t team_id,
			 struct network_people *out, struct cn_err *err)
{
	return network_people_query(db, a, SQL_DISTRICT_PEOPLE, team_id, out, err);
}

int attendance_set(struct store *db, const struct actor *who, int64_t meeting_id,
		   int64_t person_id, const char *status, struct cn_err *err)
{
	if (network_check_choice(attendance_statuses, "status", status, err))
		return -1;
	return network_link(db, who, SQL_ATTEND_SET, &meeting_entity, meeting_id, person_id,
			    status, 1, "attendance at", 0, attendance_may_attend, err);
}

struct attendance_batch {
	struct store *db;
	const struct actor *who;
	int64_t meeting_id;
	const struct attendance_mark *marks;
};

static int attendance_set_one(void *ctx, size_t i, struct cn_err *err)
{
	const struct attendance_batch *b = ctx;
	return attendance_set(b->db, b->who, b->meeting_id, b->marks[i].person_id,
			      b->marks[i].status, err);
}

int attendance_set_all(struct store *db, const struct actor *who, int64_t meeting_id,
		       const struct attendance_mark *marks, size_t n, size_t *failed,
		       struct cn_err *err)
{
	struct attendance_batch b = {db, who, meeting_id, marks};
	return batch_all(db, n, attendance_set_one, &b, failed, err);
}

int attendance_list(struct store *db, struct arena *a, int64_t meeting_id,
		    struct network_people *out, struct cn_err *err)
{
	return network_people_query(db, a, SQL_ATTEND_LIST, meeting_id, out, err);
}

void network_people_json(struct jw *w, const struct network_people *people)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < people->count; i++) {
		const struct network_person *p = &people->items[i];
		jw_obj_begin(w);
		jw_kv_int(w, "person_id", p->person_id);
		jw_kv_str(w, "name", p->name);
		jw_kv_str(w, "email", p->email);
		jw_kv_str(w, "role", p->role);
		if (p->team_id != 0)
			jw_kv_int(w, "team_id", p->team_id);
		if (p->former)
			jw_kv_bool(w, "membership_ended", 1);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}
