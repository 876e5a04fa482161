/* delivery: PD sessions, attendees and walkthroughs. The records other
 * modules own (plan actions, deliverables, library items) are checked here with their
 * own small queries, so that delivery does not depend on those modules' code; only
 * their entity declarations are named, so that the record engine checks the actor may
 * read the plan action and the deliverable a session names. */
#include "app/delivery/delivery.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/deliverable/deliverable.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "app/plan/plan.h"
#include "app/access/policy.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "app/network/meeting.h"
#include "app/network/team.h"

const char *const delivery_formats[] = {"plc", "coaching", "whole_group", "other", NULL};
const char *const delivery_format_labels[] = {"PLC", "Coaching", "Whole-group day", "Other", NULL};
static const char *const session_statuses[] = {"planned", "delivered", "cancelled", NULL};

/* Queries shared by the checks: each takes ids, returns integer columns. */
static const char SQL_TEAM_INFO[] =
	"SELECT t.district_id, t.network_id, n.school_year FROM team t"
	" JOIN network n ON n.id = t.network_id WHERE t.id = ?1";
static const char SQL_ORG_PARENT[] =
	"SELECT parent_id, CASE WHEN kind = 'school' THEN 1 ELSE 0 END, name"
	" FROM organization WHERE id = ?1";
static const char SQL_ACTION_TEAM[] =
	"SELECT COALESCE(p.team_id, 0), p.is_template FROM plan_action a"
	" JOIN plan p ON p.id = a.plan_id WHERE a.id = ?1";
static const char SQL_DELIVERABLE_EXISTS[] = "SELECT id FROM deliverable WHERE id = ?1";
static const char SQL_VERSION_DELIVERABLE[] =
	"SELECT deliverable_id FROM deliverable_version WHERE id = ?1";
static const char SQL_LATEST_VERSION[] =
	"SELECT id FROM deliverable_version WHERE deliverable_id = ?1"
	" ORDER BY number DESC LIMIT 1";
static const char SQL_LIBRARY_ITEM_EXISTS[] = "SELECT id FROM library_item WHERE id = ?1";

/* Runs sql with ?1 = p1 (and ?2 = p2 when not 0) and reads up to n integer columns of
 * the first row into out: 1 row found, 0 none, -1 error. */
static int delivery_row(struct store *db, const char *sql, int64_t p1, int64_t p2,
			int64_t *out, int n, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p1);
	if (p2 != 0)
		store_bind_int(q, 2, p2);
	int rc = store_step(q, err);
	for (int i = 0; rc == 1 && i < n; i++)
		out[i] = store_col_int(q, i);
	store_done(q);
	return rc;
}

int delivery_school_year_bounds(const char *sy, char from[11], char to[11])
{
	int y = 0, yy = 0;
	if (sy == NULL || strlen(sy) != 7 || sscanf(sy, "%4d-%2d", &y, &yy) != 2 ||
	    yy != (y + 1) % 100)
		return -1;
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%04d-07-01", y % 10000);
	memcpy(from, tmp, 11);
	snprintf(tmp, sizeof(tmp), "%04d-06-30", (y + 1) % 10000);
	memcpy(to, tmp, 11);
	return 0;
}

/* The team's district, network and school year into the out parameters. */
static int delivery_team(struct store *db, struct arena *a, int64_t team_id, int64_t *district,
			 int64_t *network, const char **school_year, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_TEAM_INFO, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, team_id);
	int rc = store_step(q, err);
	if (rc == 1) {
		*district = store_col_int(q, 0);
		*network = store_col_int(q, 1);
		*school_year = store_col_dup(q, 2, a);
	}
	store_done(q);
	if (rc == 0)
		return cn_err_field(err, CN_ERR_INPUT, "team_id", "there is no team with id %lld",
				    (long long)team_id);
	return rc < 0 ? -1 : 0;
}

/* school_id (if set) must be a school of the team's district. */
static int delivery_check_school(struct store *db, struct arena *a, const struct rec *r,
				 int64_t district, struct cn_err *err)
{
	int64_t school = rec_int(r, "school_id");
	if (school == 0)
		return 0;
	struct store_stmt *q = store_prepare(db, SQL_ORG_PARENT, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, school);
	int rc = store_step(q, err);
	int64_t parent = rc == 1 ? store_col_int(q, 0) : 0;
	int is_school = rc == 1 && store_col_int(q, 1) == 1;
	char *name = rc == 1 ? store_col_dup(q, 2, a) : NULL;
	store_done(q);
	if (rc < 0)
		return -1;
	if (!is_school)
		return cn_err_field(err, CN_ERR_INPUT, "school_id",
				    "organization %lld is not a school", (long long)school);
	if (parent != district)
		return cn_err_field(err, CN_ERR_INPUT, "school_id",
				    "%s (%lld) is not a school of the team's district (%lld)", name,
				    (long long)school, (long long)district);
	return 0;
}

/* A date field must fall in the team's school year. */
static int delivery_check_in_year(const struct rec *r, const char *field, const char *sy,
				  struct cn_err *err)
{
	char from[11], to[11];
	const char *d = rec_text(r, field);
	if (d == NULL || delivery_school_year_bounds(sy, from, to))
		return 0;
	if (strcmp(d, from) < 0 || strcmp(d, to) > 0)
		return cn_err_field(err, CN_ERR_INPUT, field,
				    "%s is outside the team's school year %s (%s to %s)", d, sy,
				    from, to);
	return 0;
}

static int delivery_check_exists(struct store *db, const char *sql, const struct rec *r,
				 const char *field, const char *what, struct cn_err *err)
{
	int64_t id = rec_int(r, field), found = 0;
	if (id == 0)
		return 0;
	int rc = delivery_row(db, sql, id, 0, &found, 1, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return cn_err_field(err, CN_ERR_INPUT, field, "there is no %s with id %lld", what,
				    (long long)id);
	return 0;
}

/* PD sessions. */

static const struct rec_field session_fields[] = {
	{.name = "team_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED, .ref = &team_entity,
	 .help = "the district team that delivers it"},
	{.name = "school_id", .type = REC_REF, .ref = &org_entity,
	 .help = "the school (of the team's district) where it is held"},
	{.name = "action_id", .type = REC_REF, .ref = &plan_action_entity,
	 .help = "the plan action it carries out"},
	{.name = "schedule_id", .type = REC_REF, .flags = REC_READONLY,
	 .help = "the PLC schedule that planned it"},
	{.name = "scheduled_on", .type = REC_DATE, .flags = REC_READONLY,
	 .help = "the day its schedule planned it for"},
	{.name = "title", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 200,
	 .help = "e.g. Grade 4 PLC: number talks"},
	{.name = "held_on", .type = REC_DATE, .flags = REC_REQUIRED,
	 .help = "the day, in the team's school year"},
	{.name = "start_time", .type = REC_TEXT, .max = 5, .help = "local start, HH:MM"},
	{.name = "tz", .type = REC_TZ, .def = "America/New_York",
	 .help = "IANA time zone (default America/New_York; western Kentucky America/Chicago)"},
	{.name = "minutes", .type = REC_INT, .flags = REC_REQUIRED, .min = 1,
	 .max = DELIVERY_MINUTES_MAX, .help = "length in minutes (a six-hour day is 360)"},
	{.name = "pd_format", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = delivery_formats,
	 .help = "plc, coaching, whole_group or other"},
	{.name = "status", .type = REC_ENUM, .choices = session_statuses, .def = "delivered",
	 .help = "planned, delivered (default) or cancelled"},
	{.name = "facilitator_id", .type = REC_REF, .ref = &person_entity,
	 .help = "the person who led it"},
	{.name = "source_meeting_id", .type = REC_REF, .ref = &meeting_entity,
	 .help = "the network meeting whose learning it passes on"},
	{.name = "source_deliverable_id", .type = REC_REF, .ref = &deliverable_entity,
	 .help = "the deliverable whose materials it uses"},
	{.name = "source_version_id", .type = REC_REF,
	 .help = "the deliverable version used (default: its latest version)"},
	{.name = "changes_note", .type = REC_LONGTEXT, .max = 5000,
	 .help = "what the team changed from the source for its own schools"},
	{.name = "unchanged_redelivery", .type = REC_BOOL, .flags = REC_READONLY,
	 .help = "true when it has a source and no changes_note"},
	{.name = "guskey_level", .type = REC_INT, .min = 1, .max = 5,
	 .help = "Guskey level of evidence collected: 1 reactions .. 5 student outcomes"},
	{.name = "uid", .type = REC_TEXT, .flags = REC_READONLY | REC_FIXED, .max = 100,
	 .help = "stable calendar identifier"},
};

static const struct rec_filter session_filters[] = {
	{.name = "team_id", .type = REC_REF, .help = "sessions of this team"},
	{.name = "status", .type = REC_ENUM, .choices = session_statuses, .help = "only this status"},
	{.name = "pd_format", .type = REC_ENUM, .choices = delivery_formats,
	 .help = "only this format"},
	{.name = "school_id", .type = REC_REF, .help = "sessions at this school"},
	{.name = "from", .type = REC_DATE, .where = "held_on >= ?",
	 .help = "held on or after this day"},
	{.name = "to", .type = REC_DATE, .where = "held_on <= ?",
	 .help = "held on or before this day"},
	{.name = "schedule_id", .type = REC_REF, .help = "sessions of this PLC schedule"},
};

/* The action must belong to the team's own plan. */
static int session_check_action(struct store *db, const struct rec *r, struct cn_err *err)
{
	int64_t action = rec_int(r, "action_id"), row[2] = {0, 0};
	if (action == 0)
		return 0;
	int rc = delivery_row(db, SQL_ACTION_TEAM, action, 0, row, 2, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return cn_err_field(err, CN_ERR_INPUT, "action_id",
				    "there is no plan action with id %lld", (long long)action);
	if (row[1] == 1 || row[0] != rec_int(r, "team_id"))
		return cn_err_field(err, CN_ERR_INPUT, "action_id",
				    "plan action %lld is not in a plan of team %lld",
				    (long long)action, (long long)rec_int(r, "team_id"));
	return 0;
}

/* Lineage: a version names its deliverable; a deliverable alone is pinned to its
 * latest version, so the session keeps pointing at what was actually used. */
static int session_check_source(struct store *db, struct rec *r, struct cn_err *err)
{
	int64_t deliv = rec_int(r, "source_deliverable_id");
	int64_t version = rec_int(r, "source_version_id");
	if (delivery_check_exists(db, SQL_DELIVERABLE_EXISTS, r, "source_deliverable_id",
				  "deliverable", err))
		return -1;
	if (version != 0) {
		int64_t owner = 0;
		int rc = delivery_row(db, SQL_VERSION_DELIVERABLE, version, 0, &owner, 1, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return cn_err_field(err, CN_ERR_INPUT, "source_version_id",
					    "there is no deliverable version with id %lld",
					    (long long)version);
		/* Not naming the version's own deliverable, which the actor may not read. */
		if (deliv != 0 && owner != deliv)
			return cn_err_field(err, CN_ERR_INPUT, "source_version_id",
					    "version %lld is not a version of deliverable %lld",
					    (long long)version, (long long)deliv);
		if (deliv == 0 && rec_put_int(r, "source_deliverable_id", owner, err))
			return -1;
	} else if (deliv != 0) {
		int64_t latest = 0;
		int rc = delivery_row(db, SQL_LATEST_VERSION, deliv, 0, &latest, 1, err);
		if (rc < 0)
			return -1;
		if (rc == 1 && rec_put_int(r, "source_version_id", latest, err))
			return -1;
	}
	int has_source = !rec_is_null(r, "source_meeting_id") ||
			 !rec_is_null(r, "source_deliverable_id");
	return rec_put_int(r, "unchanged_redelivery", has_source && rec_is_null(r, "changes_note"),
			   err);
}

static int session_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
			 struct cn_err *err)
{
	int64_t district = 0, network = 0;
	const char *sy = NULL;
	if (delivery_team(db, a, rec_int(r, "team_id"), &district, &network, &sy, err) ||
	    delivery_check_school(db, a, r, district, err) ||
	    delivery_check_in_year(r, "held_on", sy, err) || session_check_action(db, r, err) ||
	    session_check_source(db, r, err) ||
	    person_check_of_district(db, r, old, "facilitator_id", district, network, err))
		return -1;
	if (!rec_is_null(r, "start_time") &&
	    time_check_clock(rec_text(r, "start_time"), "start_time", err))
		return -1;
	/* A planned session may be ahead; a delivered one happened. */
	const char *status = rec_text(r, "status");
	if ((status == NULL || strcmp(status, "delivered") == 0) &&
	    time_check_not_future(rec_text(r, "held_on"), "held_on", "a delivered PD session",
				  err))
		return -1;
	if (old == NULL && rec_is_null(r, "uid")) {
		char secret[48];
		person_secret_new(secret);
		secret[22] = '\0';
		if (rec_put_text(r, a, "uid", arena_printf(a, "pd-%s@capnet", secret), err))
			return -1;
	}
	return 0;
}

const struct rec_entity pd_session_entity = {
	.name = "pd_session",
	.plural = "pd-sessions",
	.title = "PD session",
	.fields = session_fields,
	.nfields = sizeof(session_fields) / sizeof(session_fields[0]),
	.filters = session_filters,
	.nfilters = sizeof(session_filters) / sizeof(session_filters[0]),
	.table = "pd_session",
	.deletable = 1,
	.check = session_check,
};

int delivery_session_deliver(struct store *db, const struct actor *who, struct arena *a,
			     int64_t session_id, const struct rec *changes, struct rec **out,
			     struct cn_err *err)
{
	struct rec *old = NULL;
	if (rec_get(db, a, &pd_session_entity, session_id, &old, err))
		return -1;
	if (strcmp(rec_text(old, "status"), "delivered") == 0)
		return cn_err_set(err, CN_ERR_CONFLICT,
				  "PD session %lld was already delivered on %s; change it with "
				  "`pd session update`",
				  (long long)session_id, rec_text(old, "held_on"));
	struct rec *ch = rec_new(a, &pd_session_entity);
	if (changes != NULL) {
		memcpy(ch->v, changes->v, sizeof(struct rec_value) * pd_session_entity.nfields);
		memcpy(ch->given, changes->given, pd_session_entity.nfields);
	}
	if (rec_put_text(ch, a, "status", "delivered", err))
		return -1;
	return rec_update(db, who, a, session_id, old->version, ch, out, err);
}

/* Attendees. */

static const char SQL_ATTENDEE_ADD[] =
	"INSERT INTO pd_attendance (session_id, person_id) VALUES (?1, ?2)"
	" ON CONFLICT (session_id, person_id) DO NOTHING";
static const char SQL_ATTENDEE_REMOVE[] =
	"DELETE FROM pd_attendance WHERE session_id = ?1 AND person_id = ?2";
static const char SQL_ATTENDEE_LIST[] =
	"SELECT p.id, p.given_name || ' ' || p.family_name, p.email, 'attendee', 0"
	" FROM pd_attendance x JOIN person p ON p.id = x.person_id"
	" WHERE x.session_id = ?1 ORDER BY p.family_name, p.given_name, p.id";

static int delivery_attendee_audit(struct store *db, const struct actor *who, int64_t session_id,
				   const char *change, const int64_t *ids, size_t n,
				   struct cn_err *err)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_str(&w, "change", change);
	jw_key(&w, "person_ids");
	jw_arr_begin(&w);
	for (size_t i = 0; i < n; i++)
		jw_int(&w, ids[i]);
	jw_arr_end(&w);
	jw_obj_end(&w);
	int rc = audit_record(db, who, "update", pd_session_entity.name, session_id, NULL,
			      buf_str(&b), err);
	buf_free(&b);
	return rc;
}

int delivery_session_create(struct store *db, const struct actor *who, struct arena *a,
			    struct rec *r, const int64_t *person_ids, size_t n, struct cn_err *err)
{
	if (store_begin(db, err))
		return -1;
	if (rec_create(db, who, a, r, err) ||
	    (n > 0 && delivery_attendees_add(db, who, r->id, person_ids, n, err))) {
		store_rollback(db);
		return -1;
	}
	return store_commit(db, err);
}

int delivery_attendees_add(struct store *db, const struct actor *who, int64_t session_id,
			   const int64_t *person_ids, size_t n, struct cn_err *err)
{
	struct arena *a = arena_new();
	struct rec *s = NULL;
	if (store_begin(db, err)) {
		arena_free(a);
		return -1;
	}
	if (rec_get(db, a, &pd_session_entity, session_id, &s, err))
		goto fail;
	/* An attendee is a person the actor may read: naming one shows their name. */
	struct policy *p = policy_new(a, db, who);
	for (size_t i = 0; i < n; i++) {
		if (policy_check_ref(p, &person_entity, person_ids[i], "person_id", err))
			goto fail;
		struct store_stmt *q = store_prepare(db, SQL_ATTENDEE_ADD, err);
		if (q == NULL)
			goto fail;
		store_bind_int(q, 1, session_id);
		store_bind_int(q, 2, person_ids[i]);
		int rc = store_step(q, err);
		store_done(q);
		if (rc < 0)
			goto fail;
	}
	if (delivery_attendee_audit(db, who, session_id, "attendees added", person_ids, n, err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
	arena_free(a);
	return -1;
}

int delivery_attendee_remove(struct store *db, const struct actor *who, int64_t session_id,
			     int64_t person_id, struct cn_err *err)
{
	if (store_begin(db, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_ATTENDEE_REMOVE, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, session_id);
	store_bind_int(q, 2, person_id);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (store_changes(db) == 0) {
		cn_err_set(err, CN_ERR_NOT_FOUND, "person %lld is not an attendee of PD session %lld",
			   (long long)person_id, (long long)session_id);
		goto fail;
	}
	if (delivery_attendee_audit(db, who, session_id, "attendee removed", &person_id, 1, err))
		goto fail;
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

int delivery_attendees(struct store *db, struct arena *a, int64_t session_id,
		       struct network_people *out, struct cn_err *err)
{
	struct rec *s = NULL;
	if (rec_get(db, a, &pd_session_entity, session_id, &s, err))
		return -1;
	return network_people_query(db, a, SQL_ATTENDEE_LIST, session_id, out, err);
}

/* Walkthroughs. */

static const struct rec_field walkthrough_fields[] = {
	{.name = "team_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED, .ref = &team_entity,
	 .help = "the district team whose evidence it is"},
	{.name = "school_id", .type = REC_REF, .flags = REC_REQUIRED, .ref = &org_entity,
	 .help = "the school visited (of the team's district)"},
	{.name = "observed_on", .type = REC_DATE, .flags = REC_REQUIRED,
	 .help = "the day of the visit, in the team's school year"},
	{.name = "item_id", .type = REC_REF, .help = "the library item (strategy) looked for"},
	{.name = "observed", .type = REC_BOOL, .flags = REC_REQUIRED,
	 .help = "true if the strategy was seen in use"},
	{.name = "note", .type = REC_LONGTEXT, .max = 5000, .help = "what was seen"},
	{.name = "observer_id", .type = REC_REF, .ref = &person_entity,
	 .help = "who visited"},
};

static const struct rec_filter walkthrough_filters[] = {
	{.name = "team_id", .type = REC_REF, .help = "walkthroughs of this team"},
	{.name = "school_id", .type = REC_REF, .help = "walkthroughs at this school"},
	{.name = "item_id", .type = REC_REF, .help = "walkthroughs looking for this item"},
	{.name = "observed", .type = REC_BOOL, .help = "only seen (true) or not seen (false)"},
};

static int walkthrough_check(struct store *db, struct arena *a, struct rec *r,
			     const struct rec *old, struct cn_err *err)
{
	int64_t district = 0, network = 0;
	const char *sy = NULL;
	if (delivery_team(db, a, rec_int(r, "team_id"), &district, &network, &sy, err) ||
	    delivery_check_school(db, a, r, district, err) ||
	    delivery_check_in_year(r, "observed_on", sy, err) ||
	    time_check_not_future(rec_text(r, "observed_on"), "observed_on", "a walkthrough",
				  err) ||
	    delivery_check_exists(db, SQL_LIBRARY_ITEM_EXISTS, r, "item_id", "library item", err) ||
	    person_check_of_district(db, r, old, "observer_id", district, network, err))
		return -1;
	return 0;
}

const struct rec_entity walkthrough_entity = {
	.name = "walkthrough",
	.plural = "walkthroughs",
	.title = "walkthrough",
	.fields = walkthrough_fields,
	.nfields = sizeof(walkthrough_fields) / sizeof(walkthrough_fields[0]),
	.filters = walkthrough_filters,
	.nfilters = sizeof(walkthrough_filters) / sizeof(walkthrough_filters[0]),
	.table = "walkthrough",
	.deletable = 1,
	.check = walkthrough_check,
};
