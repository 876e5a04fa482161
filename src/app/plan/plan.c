/* plan: plans, goals, actions and progress checks as declared entities, and the
 * operations that are not plain edits: starting a plan from an assessment, removing
 * goals and actions, linking needs and library items, and the status workflow. */
#include "app/plan/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/assessment/assessment.h"
#include "app/audit.h"
#include "app/deliverable/deliverable.h"
#include "app/assessment/instrument.h"
#include "app/library/library.h"
#include "app/network/network.h"
#include "app/org/person.h"
#include "app/access/policy.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "app/network/team.h"

const char *const plan_statuses[] = {"draft", "submitted", "approved", "archived", NULL};
const char *const plan_action_kinds[] = {"study",      "try_out",   "create_deliverable",
					 "deliver_pd", "structure", "policy",
					 NULL};
const char *const plan_action_statuses[] = {"planned", "in_progress", "done", "dropped", NULL};
const char *const plan_progress_statuses[] = {"met", "on_track", "at_risk", "off_track", NULL};
static const char *const guskey_labels[] = {
	"participants' reactions", "participants' learning", "organizational support and change",
	"participants' use of new knowledge and skills", "student learning outcomes"};

enum { PLAN_TITLE_MAX = 300 };

static const char SQL_PLAN_TAKEN[] =
	"SELECT id FROM plan WHERE team_id = ?1 AND school_year = ?2 AND status <> 'archived'"
	" AND is_template = 0";
static const char SQL_PLAN_OWNER[] =
	"SELECT p.network_id, COALESCE(p.team_id, 0), COALESCE(t.district_id, 0) FROM plan p"
	" LEFT JOIN team t ON t.id = p.team_id WHERE p.id = ?1";
static const char SQL_ASSESSMENT_DISTRICT[] =
	"SELECT t.district_id, a.instrument_id FROM assessment a JOIN team t ON t.id = a.team_id"
	" WHERE a.id = ?1";
static const char SQL_FACILITATES[] =
	"SELECT CASE WHEN EXISTS (SELECT 1 FROM network_facilitator"
	"  WHERE network_id = ?1 AND person_id = ?2)"
	" OR EXISTS (SELECT 1 FROM membership WHERE person_id = ?2 AND role = 'admin'"
	"  AND active = 1) THEN 1 ELSE 0 END";

static const char SQL_GOAL_NEXT[] =
	"SELECT COALESCE(MAX(position), 0) + 1 FROM plan_goal WHERE plan_id = ?1";
static const char SQL_GOAL_COPIES[] = "SELECT COUNT(*) FROM plan_goal WHERE template_goal_id = ?1";
static const char SQL_GOAL_DELETE[] = "DELETE FROM plan_goal WHERE id = ?1";
static const char SQL_NEED_RATED[] =
	"SELECT i.code, r.indicator_id FROM indicator i LEFT JOIN assessment_rating r"
	" ON r.indicator_id = i.id AND r.assessment_id = ?3"
	" WHERE i.id = ?1 AND i.instrument_id = ?2";
static const char SQL_NEED_ADD[] =
	"INSERT INTO goal_need (goal_id, assessment_id, indicator_id) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (goal_id, assessment_id, indicator_id) DO NOTHING";
static const char SQL_NEED_REMOVE[] =
	"DELETE FROM goal_need WHERE goal_id = ?1 AND assessment_id = ?2 AND indicator_id = ?3";

static const char SQL_ACTION_NEXT[] =
	"SELECT COALESCE(MAX(position), 0) + 1 FROM plan_action WHERE plan_id = ?1";
static const char SQL_ACTION_COPIES[] =
	"SELECT COUNT(*) FROM plan_action WHERE template_action_id = ?1";
static const char SQL_ACTION_DELETE[] = "DELETE FROM plan_action WHERE id = ?1";
static const char SQL_LINK_LIBRARY_COUNT[] =
	"SELECT COUNT(*) FROM action_link WHERE action_id = ?1 AND library_item_id = ?2";
static const char SQL_LINK_DELIVERABLE_COUNT[] =
	"SELECT COUNT(*) FROM action_link WHERE action_id = ?1 AND deliverable_id = ?2";
static const char SQL_LINK_ADD[] =
	"INSERT INTO action_link (action_id, library_item_id, deliverable_id) VALUES (?1, ?2, ?3)";
static const char SQL_LINK_REMOVE[] =
	"DELETE FROM action_link WHERE action_id = ?1 AND (library_item_id = ?2"
	" OR deliverable_id = ?3)";

const char *plan_guskey_label(int level)
{
	return level >= 1 && level <= 5 ? guskey_labels[level - 1] : NULL;
}

static int plan_archived(const struct rec *plan, struct cn_err *err)
{
	if (strcmp(rec_text(plan, "status"), "archived") != 0)
		return 0;
	return cn_err_set(err, CN_ERR_CONFLICT,
			  "plan %lld is archived and is kept as it was; start a new plan to "
			  "change it",
			  (long long)plan->id);
}

int plan_content_open(const struct rec *plan, struct cn_err *err)
{
	if (plan_archived(plan, err))
		return -1;
	if (strcmp(rec_text(plan, "status"), "approved") != 0)
		return 0;
	long long id = (long long)plan->id;
	return cn_err_set(err, CN_ERR_CONFLICT,
			  "plan %lld is approved and read-only; %s reopens it first (moves it "
			  "back to draft: `capnet plan status %lld draft`, PUT "
			  "/api/v1/plans/%lld/status with {\"status\":\"draft\"}, or \"Change "
			  "the status\" on the plan's page), and it is submitted for approval "
			  "again after the change",
			  id,
			  rec_int(plan, "is_template") ? "a facilitator of its network"
						       : "the district lead",
			  id, id);
}

/* Reads a plan whose progress may still be recorded (not archived). */
static int plan_live(struct store *db, struct arena *a, int64_t plan_id, struct rec **out,
		     struct cn_err *err)
{
	if (rec_get(db, a, &plan_entity, plan_id, out, err))
		return -1;
	return plan_archived(*out, err);
}

/* Reads a plan whose content may still change (plan_content_open). */
static int plan_editable(struct store *db, struct arena *a, int64_t plan_id, struct rec **out,
			 struct cn_err *err)
{
	if (rec_get(db, a, &plan_entity, plan_id, out, err))
		return -1;
	return plan_content_open(*out, err);
}

int plan_content_check(struct store *db, struct arena *a, int64_t plan_id, struct cn_err *err)
{
	struct rec *plan = NULL;
	return plan_editable(db, a, plan_id, &plan, err);
}

/* s cut to at most max characters at a word boundary, with "..." when cut; in a. */
static char *plan_cut(struct arena *a, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (utf8_length(s, n) <= max)
		return arena_strdup(a, s);
	size_t bytes = 0, chars = 0, last_space = 0;
	while (bytes < n && chars < max - 3) {
		if (s[bytes] == ' ')
			last_space = bytes;
		bytes++;
		while (bytes < n && ((unsigned char)s[bytes] & 0xC0) == 0x80)
			bytes++;
		chars++;
	}
	if (last_space > bytes / 2)
		bytes = last_space;
	return arena_printf(a, "%.*s...", (int)bytes, s);
}

/* Plans. */

static const struct rec_field plan_fields[] = {
	{.name = "network_id", .type = REC_REF, .flags = REC_FIXED, .ref = &network_entity,
	 .help = "the network (default: the team's)"},
	{.name = "team_id", .type = REC_REF, .flags = REC_FIXED, .ref = &team_entity,
	 .help = "the district team whose plan it is (none for a network template)"},
	{.name = "school_year", .type = REC_SCHOOL_YEAR, .flags = REC_FIXED,
	 .help = "e.g. 2026-27 (default: the network's)"},
	{.name = "title", .type = REC_TEXT, .max = PLAN_TITLE_MAX,
	 .help = "default: '<team> professional learning plan <year>'"},
	{.name = "is_template", .type = REC_BOOL, .flags = REC_FIXED, .def = "false",
	 .help = "true for a network template that teams start from"},
	{.name = "template_id", .type = REC_REF, .flags = REC_READONLY | REC_FIXED,
	 .ref = &plan_entity, .help = "the template the plan started from"},
	{.name = "assessment_id", .type = REC_REF, .ref = &assessment_entity,
	 .help = "the needs assessment the plan answers"},
	{.name = "status", .type = REC_ENUM, .flags = REC_READONLY, .choices = plan_statuses,
	 .def = "draft",
	 .help = "draft, submitted, approved or archived (change with `plan status`)"},
};

static const struct rec_filter plan_filters[] = {
	{.name = "network_id", .type = REC_REF, .help = "plans of this network"},
	{.name = "team_id", .type = REC_REF, .help = "plans of this team"},
	{.name = "district_id", .type = REC_REF,
	 .where = "team_id IN (SELECT id FROM team WHERE district_id = ?)",
	 .help = "plans of this district"},
	{.name = "school_year", .type = REC_SCHOOL_YEAR, .help = "only this school year"},
	{.name = "is_template", .type = REC_BOOL,
	 .help = "templates (true) or district plans (false)"},
	{.name = "status", .type = REC_ENUM, .choices = plan_statuses, .help = "only this status"},
};

static int plan_check_template(struct rec *r, struct cn_err *err)
{
	if (!rec_is_null(r, "team_id"))
		return cn_err_field(err, CN_ERR_INPUT, "team_id",
				    "a template belongs to its network, not to a team; teams start "
				    "from it with `capnet plan create --from-template`");
	if (rec_is_null(r, "network_id"))
		return cn_err_field(err, CN_ERR_INPUT, "network_id",
				    "a template needs its network");
	if (!rec_is_null(r, "assessment_id"))
		return cn_err_field(err, CN_ERR_INPUT, "assessment_id",
				    "a template is not linked to one district's assessment");
	return 0;
}

static int plan_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
		      struct cn_err *err)
{
	if (old != NULL && plan_content_open(old, err))
		return -1;
	int is_template = rec_int(r, "is_template") != 0;
	struct rec *team = NULL, *net = NULL;
	if (is_template) {
		if (plan_check_template(r, err))
			return -1;
	} else {
		if (rec_is_null(r, "team_id"))
			return cn_err_field(err, CN_ERR_INPUT, "team_id",
					    "is required (or --is-template true for a network "
					    "template)");
		if (rec_get(db, a, &team_entity, rec_int(r, "team_id"), &team, err))
			return -1;
		if (rec_is_null(r, "network_id") &&
		    rec_put_int(r, "network_id", rec_int(team, "network_id"), err))
			return -1;
		if (rec_int(r, "network_id") != rec_int(team, "network_id"))
			return cn_err_field(err, CN_ERR_INPUT, "network_id",
					    "team %lld is in network %lld, not %lld",
					    (long long)team->id,
					    (long long)rec_int(team, "network_id"),
					    (long long)rec_int(r, "network_id"));
	}
	if (rec_get(db, a, &network_entity, rec_int(r, "network_id"), &net, err))
		return -1;
	if (rec_is_null(r, "school_year") &&
	    rec_put_text(r, a, "school_year", rec_text(net, "school_year"), err))
		return -1;
	if (rec_is_null(r, "title")) {
		const char *who = is_template ? rec_text(net, "name") : rec_text(team, "name");
		const char *what = is_template ? "plan template" : "professional learning plan";
		char *title = arena_printf(a, "%s %s %s", who, what, rec_text(r, "school_year"));
		if (rec_put_text(r, a, "title", plan_cut(a, title, PLAN_TITLE_MAX), err))
			return -1;
	}
	if (!is_template && !rec_is_null(r, "assessment_id")) {
		int64_t district = 0;
		int64_t as = rec_int(r, "assessment_id");
		if (store_query_int(db, SQL_ASSESSMENT_DISTRICT, &as, 1, &district, err) < 0)
			return -1;
		if (district != rec_int(team, "district_id"))
			return cn_err_field(err, CN_ERR_INPUT, "assessment_id",
					    "assessment %lld is another district's",
					    (long long)rec_int(r, "assessment_id"));
	}
	if (old == NULL && !is_template) {
		struct store_stmt *q = store_prepare(db, SQL_PLAN_TAKEN, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, team->id);
		store_bind_text(q, 2, rec_text(r, "school_year"));
		int rc = store_step(q, err);
		int64_t other = rc == 1 ? store_col_int(q, 0) : 0;
		store_done(q);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return cn_err_field(err, CN_ERR_CONFLICT, "team_id",
					    "team %lld already has plan %lld for %s; revise that "
					    "one (or archive it first)",
					    (long long)team->id, (long long)other,
					    rec_text(r, "school_year"));
	}
	return 0;
}

const struct rec_entity plan_entity = {
	.name = "plan",
	.plural = "plans",
	.title = "plan",
	.fields = plan_fields,
	.nfields = sizeof(plan_fields) / sizeof(plan_fields[0]),
	.filters = plan_filters,
	.nfilters = sizeof(plan_filters) / sizeof(plan_filters[0]),
	.table = "plan",
	.check = plan_check,
};

/* Goals. */

static const struct rec_field goal_fields[] = {
	{.name = "plan_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED, .ref = &plan_entity,
	 .help = "the plan"},
	{.name = "title", .type = REC_TEXT, .flags = REC_REQUIRED, .max = PLAN_TITLE_MAX,
	 .help = "where the district wants to be"},
	{.name = "baseline", .type = REC_TEXT, .max = 300, .help = "where it is now"},
	{.name = "target", .type = REC_TEXT, .max = 300, .help = "the level or value it aims for"},
	{.name = "deadline", .type = REC_DATE, .help = "by when (YYYY-MM-DD)"},
	{.name = "measure", .type = REC_LONGTEXT, .max = 2000,
	 .help = "how the team will know it got there"},
	{.name = "template_goal_id", .type = REC_REF, .flags = REC_READONLY | REC_FIXED,
	 .ref = &plan_goal_entity, .help = "the template goal it was copied from"},
	{.name = "position", .type = REC_INT, .flags = REC_READONLY, .min = 1, .max = 10000,
	 .help = "order in the plan"},
};

static const struct rec_filter goal_filters[] = {
	{.name = "plan_id", .type = REC_REF, .help = "goals of this plan"},
};

/* Fills position with the next one of the plan on create. */
static int plan_next_position(struct store *db, struct rec *r, const char *sql,
			      struct cn_err *err)
{
	if (!rec_is_null(r, "position"))
		return 0;
	int64_t next = 1;
	int64_t plan = rec_int(r, "plan_id");
	if (store_query_int(db, sql, &plan, 1, &next, err) < 0)
		return -1;
	return rec_put_int(r, "position", next > 10000 ? 10000 : next, err);
}

static int goal_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
		      struct cn_err *err)
{
	(void)old;
	struct rec *plan = NULL;
	if (plan_editable(db, a, rec_int(r, "plan_id"), &plan, err))
		return -1;
	return plan_next_position(db, r, SQL_GOAL_NEXT, err);
}

const struct rec_entity plan_goal_entity = {
	.name = "plan_goal",
	.plural = "plan-goals",
	.title = "goal",
	.fields = goal_fields,
	.nfields = sizeof(goal_fields) / sizeof(goal_fields[0]),
	.filters = goal_filters,
	.nfilters = sizeof(goal_filters) / sizeof(goal_filters[0]),
	.table = "plan_goal",
	.check = goal_check,
};

/* Actions. */

static const struct rec_field action_fields[] = {
	{.name = "plan_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED, .ref = &plan_entity,
	 .help = "the plan"},
	{.name = "goal_id", .type = REC_REF, .ref = &plan_goal_entity,
	 .help = "the goal it serves (a goal of the same plan)"},
	{.name = "kind", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = plan_action_kinds,
	 .help = "study, try_out, create_deliverable, deliver_pd, structure or policy"},
	{.name = "title", .type = REC_TEXT, .flags = REC_REQUIRED, .max = PLAN_TITLE_MAX,
	 .help = "what the team will do"},
	{.name = "owner_id", .type = REC_REF, .ref = &person_entity, .help = "who sees it through"},
	{.name = "starts_on", .type = REC_DATE, .help = "first day (YYYY-MM-DD)"},
	{.name = "due_on", .type = REC_DATE, .help = "due day (YYYY-MM-DD)"},
	{.name = "status", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = plan_action_statuses,
	 .def = "planned", .help = "planned, in_progress, done or dropped"},
	{.name = "template_action_id", .type = REC_REF, .flags = REC_READONLY | REC_FIXED,
	 .ref = &plan_action_entity, .help = "the template action it was copied from"},
	{.name = "position", .type = REC_INT, .flags = REC_READONLY, .min = 1, .max = 10000,
	 .help = "order in the plan"},
};

static const struct rec_filter action_filters[] = {
	{.name = "plan_id", .type = REC_REF, .help = "actions of this plan"},
	{.name = "goal_id", .type = REC_REF, .help = "actions serving this goal"},
	{.name = "status", .type = REC_ENUM, .choices = plan_action_statuses,
	 .help = "only this status"},
	{.name = "owner_id", .type = REC_REF, .help = "actions this person owns"},
};

static int action_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
			struct cn_err *err)
{
	struct rec *plan = NULL, *goal = NULL;
	/* Carrying out an approved plan moves its actions along (in progress, done): a
	 * change of the status alone needs the plan live, not open for changes. */
	int status_only = old != NULL && rec_changes_only(r, old, "status");
	if ((status_only ? plan_live : plan_editable)(db, a, rec_int(r, "plan_id"), &plan, err))
		return -1;
	if (!rec_is_null(r, "goal_id")) {
		if (rec_get(db, a, &plan_goal_entity, rec_int(r, "goal_id"), &goal, err))
			return -1;
		if (rec_int(goal, "plan_id") != plan->id)
			return cn_err_field(err, CN_ERR_INPUT, "goal_id",
					    "goal %lld belongs to plan %lld, not to plan %lld",
					    (long long)goal->id,
					    (long long)rec_int(goal, "plan_id"),
					    (long long)plan->id);
	}
	const char *start = rec_text(r, "starts_on"), *due = rec_text(r, "due_on");
	if (start != NULL && due != NULL && strcmp(due, start) < 0)
		return cn_err_field(err, CN_ERR_INPUT, "due_on", "%s is before the start %s", due,
				    start);
	int64_t network = 0, team = 0, district = 0;
	if (!rec_is_null(r, "owner_id") &&
	    (plan_owner(db, plan->id, &network, &team, &district, err) ||
	     person_check_of_district(db, r, old, "owner_id", district, network, err)))
		return -1;
	return plan_next_position(db, r, SQL_ACTION_NEXT, err);
}

const struct rec_entity plan_action_entity = {
	.name = "plan_action",
	.plural = "plan-actions",
	.title = "action",
	.fields = action_fields,
	.nfields = sizeof(action_fields) / sizeof(action_fields[0]),
	.filters = action_filters,
	.nfilters = sizeof(action_filters) / sizeof(action_filters[0]),
	.table = "plan_action",
	.check = action_check,
};

/* Progress checks. */

static const struct rec_field progress_fields[] = {
	{.name = "goal_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &plan_goal_entity, .help = "the goal checked"},
	{.name = "checked_on", .type = REC_DATE, .help = "the day of the check (default today)"},
	{.name = "status", .type = REC_ENUM, .flags = REC_REQUIRED,
	 .choices = plan_progress_statuses, .help = "met, on_track, at_risk or off_track"},
	{.name = "evidence", .type = REC_LONGTEXT, .max = 4000, .help = "what shows it"},
	{.name = "next_steps", .type = REC_LONGTEXT, .max = 4000,
	 .help = "what the team does next"},
	{.name = "guskey_level", .type = REC_INT, .min = 1, .max = 5,
	 .help = "Guskey level of the evidence: 1 reactions, 2 learning, 3 organizational "
		 "support, 4 use in practice, 5 student outcomes"},
	{.name = "author_id", .type = REC_REF, .ref = &person_entity,
	 .help = "who checked: the person who records it (only the command line names another)"},
};

static const struct rec_filter progress_filters[] = {
	{.name = "goal_id", .type = REC_REF, .help = "checks of this goal"},
	{.name = "plan_id", .type = REC_REF,
	 .where = "goal_id IN (SELECT id FROM plan_goal WHERE plan_id = ?)",
	 .help = "checks of this plan's goals"},
	{.name = "status", .type = REC_ENUM, .choices = plan_progress_statuses,
	 .help = "only this status"},
};

static int progress_check_rules(struct store *db, struct arena *a, struct rec *r,
				const struct rec *old, struct cn_err *err)
{
	(void)old;
	struct rec *goal = NULL, *plan = NULL;
	if (rec_get(db, a, &plan_goal_entity, rec_int(r, "goal_id"), &goal, err) ||
	    plan_live(db, a, rec_int(goal, "plan_id"), &plan, err))
		return -1;
	if (rec_int(plan, "is_template"))
		return cn_err_field(err, CN_ERR_INPUT, "goal_id",
				    "goal %lld is a template's; progress is checked on a "
				    "district's plan",
				    (long long)goal->id);
	if (rec_is_null(r, "checked_on")) {
		char now[TIME_ISO_LEN];
		time_now_utc(now);
		now[10] = '\0';
		return rec_put_text(r, a, "checked_on", now, err);
	}
	return time_check_not_future(rec_text(r, "checked_on"), "checked_on",
				     "a progress check", err);
}

const struct rec_entity progress_check_entity = {
	.name = "progress_check",
	.plural = "progress-checks",
	.title = "progress check",
	.fields = progress_fields,
	.nfields = sizeof(progress_fields) / sizeof(progress_fields[0]),
	.filters = progress_filters,
	.nfilters = sizeof(progress_filters) / sizeof(progress_filters[0]),
	.table = "progress_check",
	.check = progress_check_rules,
	.actor_field = "author_id",
};

/* Starting from an assessment. */

/* "2027-06-30" for school year "2026-27": the deadline of a year's goals. */
static char *plan_year_end(struct arena *a, const char *school_year)
{
	return arena_printf(a, "%d-06-30", atoi(school_year) + 1);
}

int plan_create_from_assessment(struct store *db, const struct actor *who, int64_t assessment_id,
				const char *title, int64_t *plan_id, size_t *goals,
				struct cn_err *err)
{
	struct arena *a = arena_new();
	size_t made = 0;
	if (store_begin(db, err))
		goto fail_arena;
	struct assessment_full as;
	if (assessment_load(db, a, assessment_id, &as, err)) {
		if (err->kind == CN_ERR_NOT_FOUND)
			cn_err_field(err, CN_ERR_INPUT, "assessment_id",
				     "there is no assessment with id %lld",
				     (long long)assessment_id);
		goto fail;
	}
	const char *year = rec_text(as.assessment, "school_year");
	struct rec *plan = rec_new(a, &plan_entity);
	if (rec_put_int(plan, "team_id", rec_int(as.assessment, "team_id"), err) ||
	    rec_put_int(plan, "assessment_id", assessment_id, err) ||
	    rec_put_text(plan, a, "school_year", year, err) ||
	    (title != NULL && rec_set_text(plan, a, "title", title, err)) ||
	    rec_create(db, who, a, plan, err))
		goto fail;
	for (size_t i = 0; i < as.count; i++) {
		const struct assessment_item *it = &as.items[i];
		if (!it->rated || strcmp(it->priority, "high") != 0 ||
		    it->target_level <= it->current_level)
			continue;
		struct rec *g = rec_new(a, &plan_goal_entity);
		char *gt = arena_printf(a, "%s: %s", it->code, it->text);
		gt = plan_cut(a, gt, PLAN_TITLE_MAX);
		char *base = arena_printf(a, "level %lld of 4 (%s)", (long long)it->current_level,
					  instrument_scale_label((int)it->current_level));
		char *target = arena_printf(a, "level %lld of 4 (%s)", (long long)it->target_level,
					    instrument_scale_label((int)it->target_level));
		char *measure = arena_printf(a,
					     "The team rates %s at level %lld or above in its next "
					     "needs assessment, with evidence.",
					     it->code, (long long)it->target_level);
		if (rec_put_int(g, "plan_id", plan->id, err) ||
		    rec_put_text(g, a, "title", gt, err) ||
		    rec_put_text(g, a, "baseline", base, err) ||
		    rec_put_text(g, a, "target", target, err) ||
		    rec_put_text(g, a, "deadline", plan_year_end(a, year), err) ||
		    rec_put_text(g, a, "measure", measure, err) || rec_create(db, who, a, g, err) ||
		    plan_goal_link_need(db, who, g->id, assessment_id, it->indicator_id, err))
			goto fail;
		made++;
	}
	if (store_commit(db, err))
		goto fail_arena;
	*plan_id = plan->id;
	if (goals != NULL)
		*goals = made;
	arena_free(a);
	return 0;
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

/* Removing goals and actions. */

static int plan_remove(struct store *db, const struct actor *who, const struct rec_entity *e,
		       int64_t id, const char *copies_sql, const char *delete_sql,
		       struct cn_err *err)
{
	struct arena *a = arena_new();
	if (store_begin(db, err))
		goto fail_arena;
	struct rec *r = NULL, *plan = NULL;
	if (rec_get(db, a, e, id, &r, err) ||
	    plan_editable(db, a, rec_int(r, "plan_id"), &plan, err))
		goto fail;
	int64_t copies = 0;
	if (store_query_int(db, copies_sql, &id, 1, &copies, err) < 0)
		goto fail;
	if (copies > 0) {
		cn_err_set(err, CN_ERR_CONFLICT,
			   "%s %lld of template %lld was copied into %lld plan%s; it stays so "
			   "that their departure from the template can be measured (edit it "
			   "instead)",
			   e->title, (long long)id, (long long)plan->id, (long long)copies,
			   copies == 1 ? "" : "s");
		goto fail;
	}
	struct store_stmt *q = store_prepare(db, delete_sql, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0) {
		if (err->kind == CN_ERR_CONFLICT)
			cn_err_set(err, CN_ERR_CONFLICT,
				   "%s %lld has PD sessions or a PLC schedule linked to it; "
				   "set its status to dropped instead",
				   e->title, (long long)id);
		goto fail;
	}
	if (audit_record(db, who, "delete", e->name, id, rec_json_text(a, r), NULL, err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

int plan_goal_remove(struct store *db, const struct actor *who, int64_t goal_id,
		     struct cn_err *err)
{
	return plan_remove(db, who, &plan_goal_entity, goal_id, SQL_GOAL_COPIES, SQL_GOAL_DELETE,
			   err);
}

int plan_action_remove(struct store *db, const struct actor *who, int64_t action_id,
		       struct cn_err *err)
{
	return plan_remove(db, who, &plan_action_entity, action_id, SQL_ACTION_COPIES,
			   SQL_ACTION_DELETE, err);
}

/* Links. */

/* Audits a link change on the owning record: {"change": what, key: id, ...}. */
static int plan_link_audit(struct store *db, const struct actor *who, const char *entity,
			   int64_t id, const char *what, const char *key1, int64_t v1,
			   const char *key2, int64_t v2, struct cn_err *err)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_str(&w, "change", what);
	jw_kv_id(&w, key1, v1);
	if (key2 != NULL)
		jw_kv_id(&w, key2, v2);
	jw_obj_end(&w);
	int rc = audit_record(db, who, "update", entity, id, NULL, buf_str(&b), err);
	buf_free(&b);
	return rc;
}

/* Checks a goal may link the need; in the caller's transaction. */
static int plan_need_allowed(struct store *db, struct arena *a, int64_t goal_id,
			     int64_t assessment_id, int64_t indicator_id, struct cn_err *err)
{
	struct rec *goal = NULL, *plan = NULL;
	if (rec_get(db, a, &plan_goal_entity, goal_id, &goal, err) ||
	    plan_editable(db, a, rec_int(goal, "plan_id"), &plan, err))
		return -1;
	if (rec_int(plan, "is_template"))
		return cn_err_field(err, CN_ERR_INPUT, "goal_id",
				    "goal %lld is a template's; each team links its own needs "
				    "once it starts from the template",
				    (long long)goal_id);
	int64_t network = 0, team = 0, district = 0, as_district = 0, instrument = 0;
	if (plan_owner(db, plan->id, &network, &team, &district, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_ASSESSMENT_DISTRICT, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, assessment_id);
	int rc = store_step(q, err);
	if (rc == 1) {
		as_district = store_col_int(q, 0);
		instrument = store_col_int(q, 1);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return cn_err_field(err, CN_ERR_INPUT, "assessment_id",
				    "there is no assessment with id %lld",
				    (long long)assessment_id);
	if (as_district != district)
		return cn_err_field(err, CN_ERR_INPUT, "assessment_id",
				    "assessment %lld is another district's; link needs from your "
				    "own district's assessments",
				    (long long)assessment_id);
	q = store_prepare(db, SQL_NEED_RATED, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, indicator_id);
	store_bind_int(q, 2, instrument);
	store_bind_int(q, 3, assessment_id);
	rc = store_step(q, err);
	char *code = rc == 1 ? store_col_dup(q, 0, a) : NULL;
	int rated = rc == 1 && !store_col_is_null(q, 1);
	store_done(q);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return cn_err_field(err, CN_ERR_INPUT, "indicator",
				    "indicator %lld is not in the instrument of assessment %lld",
				    (long long)indicator_id, (long long)assessment_id);
	if (!rated)
		return cn_err_field(err, CN_ERR_INPUT, "indicator",
				    "%s is not rated in assessment %lld; a goal links to an "
				    "assessed need, so rate it first",
				    code, (long long)assessment_id);
	return 0;
}

/* Runs a statement binding ?1..?3 to three ids (0 binds NULL); sets *changed. */
static int plan_run3(struct store *db, const char *sql, int64_t p1, int64_t p2, int64_t p3,
		     int64_t *changed, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p1);
	store_bind_id(q, 2, p2);
	store_bind_id(q, 3, p3);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		return -1;
	*changed = store_changes(db);
	return 0;
}

int plan_goal_link_need(struct store *db, const struct actor *who, int64_t goal_id,
			int64_t assessment_id, int64_t indicator_id, struct cn_err *err)
{
	struct arena *a = arena_new();
	int64_t changed = 0;
	if (store_begin(db, err))
		goto fail_arena;
	if (plan_need_allowed(db, a, goal_id, assessment_id, indicator_id, err) ||
	    plan_run3(db, SQL_NEED_ADD, goal_id, assessment_id, indicator_id, &changed, err))
		goto fail;
	if (changed > 0 && plan_link_audit(db, who, "plan_goal", goal_id, "need linked",
					   "assessment_id", assessment_id, "indicator_id",
					   indicator_id, err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

int plan_goal_unlink_need(struct store *db, const struct actor *who, int64_t goal_id,
			  int64_t assessment_id, int64_t indicator_id, struct cn_err *err)
{
	struct arena *a = arena_new();
	int64_t changed = 0;
	if (store_begin(db, err))
		goto fail_arena;
	struct rec *goal = NULL, *plan = NULL;
	if (rec_get(db, a, &plan_goal_entity, goal_id, &goal, err) ||
	    plan_editable(db, a, rec_int(goal, "plan_id"), &plan, err) ||
	    plan_run3(db, SQL_NEED_REMOVE, goal_id, assessment_id, indicator_id, &changed, err))
		goto fail;
	if (changed == 0) {
		cn_err_set(err, CN_ERR_NOT_FOUND,
			   "goal %lld is not linked to indicator %lld of assessment %lld",
			   (long long)goal_id, (long long)indicator_id, (long long)assessment_id);
		goto fail;
	}
	if (plan_link_audit(db, who, "plan_goal", goal_id, "need unlinked", "assessment_id",
			    assessment_id, "indicator_id", indicator_id, err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

/* Checks the link target: exactly one of the two, and one the actor may read (a
 * deliverable another district keeps as a draft is refused as if it did not exist). */
static int plan_link_target(struct store *db, struct arena *a, const struct actor *who,
			    int64_t library_item_id, int64_t deliverable_id, struct cn_err *err)
{
	if ((library_item_id != 0) == (deliverable_id != 0))
		return cn_err_field(err, CN_ERR_INPUT, "library_item_id",
				    "link either a library item or a deliverable, one at a time");
	struct policy *p = policy_new(a, db, who);
	return library_item_id
		       ? policy_check_ref(p, &library_item_entity, library_item_id,
					  "library_item_id", err)
		       : policy_check_ref(p, &deliverable_entity, deliverable_id, "deliverable_id",
					  err);
}

int plan_action_link(struct store *db, const struct actor *who, int64_t action_id,
		     int64_t library_item_id, int64_t deliverable_id, struct cn_err *err)
{
	struct arena *a = arena_new();
	if (store_begin(db, err))
		goto fail_arena;
	struct rec *action = NULL, *plan = NULL;
	if (rec_get(db, a, &plan_action_entity, action_id, &action, err) ||
	    plan_editable(db, a, rec_int(action, "plan_id"), &plan, err) ||
	    plan_link_target(db, a, who, library_item_id, deliverable_id, err))
		goto fail;
	int64_t have = 0, changed = 0;
	const char *count_sql =
		library_item_id ? SQL_LINK_LIBRARY_COUNT : SQL_LINK_DELIVERABLE_COUNT;
	int64_t params[2] = {action_id, library_item_id ? library_item_id : deliverable_id};
	if (store_query_int(db, count_sql, params, 2, &have, err) < 0)
		goto fail;
	if (have == 0 &&
	    (plan_run3(db, SQL_LINK_ADD, action_id, library_item_id, deliverable_id, &changed,
		       err) ||
	     plan_link_audit(db, who, "plan_action", action_id, "linked", "library_item_id",
			     library_item_id, "deliverable_id", deliverable_id, err)))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

int plan_action_unlink(struct store *db, const struct actor *who, int64_t action_id,
		       int64_t library_item_id, int64_t deliverable_id, struct cn_err *err)
{
	if ((library_item_id != 0) == (deliverable_id != 0))
		return cn_err_field(err, CN_ERR_INPUT, "library_item_id",
				    "unlink either a library item or a deliverable, one at a time");
	struct arena *a = arena_new();
	int64_t changed = 0;
	if (store_begin(db, err))
		goto fail_arena;
	struct rec *action = NULL, *plan = NULL;
	if (rec_get(db, a, &plan_action_entity, action_id, &action, err) ||
	    plan_editable(db, a, rec_int(action, "plan_id"), &plan, err) ||
	    plan_run3(db, SQL_LINK_REMOVE, action_id, library_item_id, deliverable_id, &changed,
		      err))
		goto fail;
	if (changed == 0) {
		cn_err_set(err, CN_ERR_NOT_FOUND, "action %lld is not linked to %s %lld",
			   (long long)action_id, library_item_id ? "library item" : "deliverable",
			   (long long)(library_item_id ? library_item_id : deliverable_id));
		goto fail;
	}
	if (plan_link_audit(db, who, "plan_action", action_id, "unlinked", "library_item_id",
			    library_item_id, "deliverable_id", deliverable_id, err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

int plan_text_check(const char *field, const char *s, size_t max, int required,
		    struct cn_err *err)
{
	if (s == NULL || s[0] == '\0')
		return required ? cn_err_field(err, CN_ERR_INPUT, field, "is required") : 0;
	size_t n = strlen(s), bad = 0;
	if (!utf8_valid(s, n, &bad))
		return cn_err_field(err, CN_ERR_INPUT, field, "is not valid UTF-8 text (byte %zu)",
				    bad + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)
			return cn_err_field(err, CN_ERR_INPUT, field,
					    "has a control character at byte %zu", i + 1);
	}
	size_t chars = utf8_length(s, n);
	if (chars > max)
		return cn_err_field(err, CN_ERR_INPUT, field,
				    "is %zu characters long; at most %zu are allowed", chars, max);
	return 0;
}

/* Ownership. */

int plan_owner(struct store *db, int64_t plan_id, int64_t *network_id, int64_t *team_id,
	       int64_t *district_id, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_PLAN_OWNER, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, plan_id);
	int rc = store_step(q, err);
	if (rc == 1) {
		*network_id = store_col_int(q, 0);
		*team_id = store_col_int(q, 1);
		*district_id = store_col_int(q, 2);
	}
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no plan with id %lld",
				  (long long)plan_id);
	return rc < 0 ? -1 : 0;
}

int plan_person_facilitates(struct store *db, int64_t person_id, int64_t network_id,
			    struct cn_err *err)
{
	int64_t yes = 0;
	if (person_id == 0)
		return 0;
	if (store_query_int(db, SQL_FACILITATES, (int64_t[]){network_id, person_id}, 2, &yes,
			    err) < 0)
		return -1;
	return yes != 0;
}
