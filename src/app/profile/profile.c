/* profile: computing the capacity-building profile (profile.h). Every component reads
 * a handful of indexed queries keyed by the team or its plan; assembly (grouping,
 * comparing titles, counting months) is done here in C. */
#include "app/profile/profile.h"

#include <stdio.h>
#include <string.h>

#include "app/plan/plan_template.h"
#include "app/plan/plan_view.h"
#include "app/setting.h"
#include "core/buf.h"

static const char SQL_TEAM[] =
	"SELECT t.id, t.name, t.network_id, t.district_id, o.name, n.name, n.school_year"
	" FROM team t JOIN organization o ON o.id = t.district_id"
	" JOIN network n ON n.id = t.network_id WHERE t.id = ?1";
/* The team's plan for the year: the newest one not archived, else the newest. */
static const char SQL_PLAN[] =
	"SELECT id, title, COALESCE(template_id, 0) FROM plan"
	" WHERE team_id = ?1 AND school_year = ?2 AND is_template = 0"
	" ORDER BY CASE WHEN status = 'archived' THEN 1 ELSE 0 END, id DESC LIMIT 1";
static const char SQL_GOAL_NEEDS[] =
	"SELECT g.id, g.title, g.deadline, i.code, n.indicator_id FROM plan_goal g"
	" LEFT JOIN goal_need n ON n.goal_id = g.id"
	" LEFT JOIN indicator i ON i.id = n.indicator_id"
	" WHERE g.plan_id = ?1 ORDER BY g.position, g.id, i.code";
static const char SQL_DERIVED[] =
	"SELECT d.id, d.title, d.derived_from_version_id, v.number, v.source_similarity,"
	" v.created_at FROM deliverable d"
	" LEFT JOIN deliverable_version v ON v.deliverable_id = d.id AND v.number ="
	"  (SELECT MAX(x.number) FROM deliverable_version x WHERE x.deliverable_id = d.id)"
	" WHERE (d.team_id = ?1 OR (d.network_id = ?2 AND d.id IN (SELECT y.deliverable_id FROM"
	"  deliverable_contributor y WHERE y.district_id = ?3)))"
	" AND d.derived_from_version_id IS NOT NULL ORDER BY d.id";
/* The original deliverables (not derived) the team made or co-created (a contributor
 * from its district), with their latest version. */
static const char SQL_ORIGINALS[] =
	"SELECT d.id, d.title, v.number, v.created_at FROM deliverable d"
	" JOIN deliverable_version v ON v.deliverable_id = d.id AND v.number ="
	"  (SELECT MAX(x.number) FROM deliverable_version x WHERE x.deliverable_id = d.id)"
	" WHERE (d.team_id = ?1 OR (d.network_id = ?2 AND d.id IN (SELECT y.deliverable_id FROM"
	"  deliverable_contributor y WHERE y.district_id = ?3)))"
	" AND d.derived_from_version_id IS NULL ORDER BY d.id";
static const char SQL_CONTRIBUTORS[] =
	"SELECT d.id, d.title, c.district_id, o.name FROM deliverable d"
	" LEFT JOIN deliverable_contributor c ON c.deliverable_id = d.id"
	" LEFT JOIN organization o ON o.id = c.district_id"
	" WHERE d.network_id = ?2 AND (d.team_id = ?1 OR d.id IN"
	"  (SELECT y.deliverable_id FROM deliverable_contributor y WHERE y.district_id = ?3))"
	" ORDER BY d.id, c.district_id";
static const char SQL_SESSIONS[] =
	"SELECT s.id, s.title, s.held_on, s.pd_format, s.minutes, COALESCE(s.guskey_level, 0),"
	" s.unchanged_redelivery, COALESCE(s.source_meeting_id, 0),"
	" COALESCE(s.source_deliverable_id, 0),"
	" COALESCE((SELECT v.number FROM deliverable_version v WHERE v.id = s.source_version_id),"
	"  0),"
	" (SELECT COUNT(*) FROM pd_attendance x WHERE x.session_id = s.id)"
	" FROM pd_session s WHERE s.team_id = ?1 AND s.status = 'delivered'"
	" ORDER BY s.held_on, s.id";
static const char SQL_STRATEGIES[] =
	"SELECT DISTINCT l.library_item_id FROM action_link l"
	" JOIN plan_action p ON p.id = l.action_id"
	" WHERE p.plan_id = ?1 AND l.library_item_id IS NOT NULL";
static const char SQL_WALKTHROUGHS[] =
	"SELECT w.id, w.observed_on, COALESCE(w.item_id, 0), li.title, w.observed, o.name"
	" FROM walkthrough w LEFT JOIN library_item li ON li.id = w.item_id"
	" LEFT JOIN organization o ON o.id = w.school_id"
	" WHERE w.team_id = ?1 ORDER BY w.observed_on, w.id";
static const char SQL_LAST_CHECKS[] =
	"SELECT g.id, g.title, COALESCE(pc.id, 0), pc.checked_on, pc.status,"
	" COALESCE(pc.guskey_level, 0) FROM plan_goal g"
	" LEFT JOIN progress_check pc ON pc.id = (SELECT x.id FROM progress_check x"
	"  WHERE x.goal_id = g.id ORDER BY x.checked_on DESC, x.id DESC LIMIT 1)"
	" WHERE g.plan_id = ?1 ORDER BY g.position, g.id";
static const char SQL_NETWORK[] = "SELECT name, school_year FROM network WHERE id = ?1";
static const char SQL_NETWORK_TEAMS[] =
	"SELECT id FROM team WHERE network_id = ?1 ORDER BY name, id";

/* Set-based reads for profile_network (store_answer_load): each statement above that
 * runs once per team or per plan, answered for every team of network ?1 at once. Each
 * gives the key (the team, or the plan the profile reads: the team's plan for the
 * year and, for the template comparison, the plan's template), 1 for a row of the
 * keyed statement or 0 for a key with none, then exactly the keyed statement's columns
 * in its order. A test compares the profiles read both ways. */
#define PROFILE_SET_TEAMS " FROM team t WHERE t.network_id = ?1"
/* The plans read: the teams' plans of the network's year (SQL_PLAN chooses one of
 * them for each team; a set may hold more keys than are asked for). */
#define PROFILE_SET_PLANS                                                                 \
	"WITH k AS MATERIALIZED (SELECT p.id FROM team t JOIN network n ON n.id = t.network_id" \
	" JOIN plan p ON p.team_id = t.id AND p.school_year = n.school_year"                  \
	" AND p.is_template = 0 WHERE t.network_id = ?1)"
static const char SET_TEAM[] =
	"SELECT t.id, 1, t.id, t.name, t.network_id, t.district_id, o.name, n.name, n.school_year"
	" FROM team t JOIN organization o ON o.id = t.district_id"
	" JOIN network n ON n.id = t.network_id WHERE t.network_id = ?1";
static const char SET_PLAN[] =
	"SELECT t.id, n.school_year, CASE WHEN p.id IS NULL THEN 0 ELSE 1 END,"
	" p.id, p.title, COALESCE(p.template_id, 0)"
	" FROM team t JOIN network n ON n.id = t.network_id"
	" LEFT JOIN plan p ON p.id = (SELECT x.id FROM plan x WHERE x.team_id = t.id"
	"  AND x.school_year = n.school_year AND x.is_template = 0"
	"  ORDER BY CASE WHEN x.status = 'archived' THEN 1 ELSE 0 END, x.id DESC LIMIT 1)"
	" WHERE t.network_id = ?1";
static const char SET_GOAL_NEEDS[] =
	PROFILE_SET_PLANS
	" SELECT k.id, CASE WHEN g.id IS NULL THEN 0 ELSE 1 END,"
	" g.id, g.title, g.deadline, i.code, gn.indicator_id FROM k"
	" LEFT JOIN plan_goal g ON g.plan_id = k.id"
	" LEFT JOIN goal_need gn ON gn.goal_id = g.id"
	" LEFT JOIN indicator i ON i.id = gn.indicator_id"
	" WHERE k.id IS NOT NULL ORDER BY k.id, g.position, g.id, i.code";
/* A team's deliverables: its own, and those of the network its district co-created (a
 * contributor from it), keyed as SQL_DERIVED and SQL_ORIGINALS are (team, network,
 * district). */
#define PROFILE_SET_TEAM_DELIVERABLES                                                            \
	" LEFT JOIN (SELECT t2.id AS team_id, d2.id AS deliverable_id FROM team t2"              \
	"  JOIN deliverable d2 ON d2.team_id = t2.id WHERE t2.network_id = ?1"                  \
	"  UNION SELECT t3.id, y.deliverable_id FROM team t3"                                    \
	"  JOIN deliverable_contributor y ON y.district_id = t3.district_id"                     \
	"  JOIN deliverable d3 ON d3.id = y.deliverable_id AND d3.network_id = t3.network_id"   \
	"  WHERE t3.network_id = ?1) td ON td.team_id = t.id"
#define PROFILE_SET_LATEST_VERSION                                                               \
	" LEFT JOIN deliverable_version v ON v.deliverable_id = d.id AND v.number ="              \
	"  (SELECT MAX(x.number) FROM deliverable_version x WHERE x.deliverable_id = d.id)"
static const char SET_DERIVED[] =
	"SELECT t.id, t.network_id, t.district_id, CASE WHEN d.id IS NULL THEN 0 ELSE 1 END,"
	" d.id, d.title, d.derived_from_version_id, v.number, v.source_similarity,"
	" v.created_at FROM team t" PROFILE_SET_TEAM_DELIVERABLES
	" LEFT JOIN deliverable d ON d.id = td.deliverable_id AND d.derived_from_version_id IS NOT NULL"
	PROFILE_SET_LATEST_VERSION " WHERE t.network_id = ?1 ORDER BY t.id, d.id";
static const char SET_ORIGINALS[] =
	"SELECT t.id, t.network_id, t.district_id, CASE WHEN v.id IS NULL THEN 0 ELSE 1 END,"
	" d.id, d.title, v.number, v.created_at FROM team t" PROFILE_SET_TEAM_DELIVERABLES
	" LEFT JOIN deliverable d ON d.id = td.deliverable_id AND d.derived_from_version_id IS NULL"
	PROFILE_SET_LATEST_VERSION " WHERE t.network_id = ?1 ORDER BY t.id, d.id";
static const char SET_CONTRIBUTORS[] =
	"SELECT t.id, t.network_id, t.district_id, CASE WHEN d.id IS NULL THEN 0 ELSE 1 END,"
	" d.id, d.title, c.district_id, o.name FROM team t"
	" LEFT JOIN (SELECT t2.id AS team_id, d2.id AS deliverable_id FROM team t2"
	"  JOIN deliverable d2 ON d2.team_id = t2.id AND d2.network_id = t2.network_id"
	"  WHERE t2.network_id = ?1"
	"  UNION SELECT t3.id, y.deliverable_id FROM team t3"
	"  JOIN deliverable_contributor y ON y.district_id = t3.district_id"
	"  JOIN deliverable d3 ON d3.id = y.deliverable_id AND d3.network_id = t3.network_id"
	"  WHERE t3.network_id = ?1) td ON td.team_id = t.id"
	" LEFT JOIN deliverable d ON d.id = td.deliverable_id"
	" LEFT JOIN deliverable_contributor c ON c.deliverable_id = d.id"
	" LEFT JOIN organization o ON o.id = c.district_id"
	" WHERE t.network_id = ?1 ORDER BY t.id, d.id, c.district_id";
static const char SET_SESSIONS[] =
	"SELECT t.id, CASE WHEN s.id IS NULL THEN 0 ELSE 1 END,"
	" s.id, s.title, s.held_on, s.pd_format, s.minutes, COALESCE(s.guskey_level, 0),"
	" s.unchanged_redelivery, COALESCE(s.source_meeting_id, 0),"
	" COALESCE(s.source_deliverable_id, 0),"
	" COALESCE((SELECT v.number FROM deliverable_version v WHERE v.id = s.source_version_id),"
	"  0),"
	" (SELECT COUNT(*) FROM pd_attendance x WHERE x.session_id = s.id)"
	" FROM team t LEFT JOIN pd_session s ON s.team_id = t.id AND s.status = 'delivered'"
	" WHERE t.network_id = ?1 ORDER BY t.id, s.held_on, s.id";
static const char SET_STRATEGIES[] =
	PROFILE_SET_PLANS
	" SELECT DISTINCT k.id, CASE WHEN l.library_item_id IS NULL THEN 0 ELSE 1 END,"
	" l.library_item_id FROM k LEFT JOIN plan_action p ON p.plan_id = k.id"
	" LEFT JOIN action_link l ON l.action_id = p.id AND l.library_item_id IS NOT NULL"
	" WHERE k.id IS NOT NULL ORDER BY 1, 2, 3";
static const char SET_WALKTHROUGHS[] =
	"SELECT t.id, CASE WHEN w.id IS NULL THEN 0 ELSE 1 END,"
	" w.id, w.observed_on, COALESCE(w.item_id, 0), li.title, w.observed, o.name"
	" FROM team t LEFT JOIN walkthrough w ON w.team_id = t.id"
	" LEFT JOIN library_item li ON li.id = w.item_id"
	" LEFT JOIN organization o ON o.id = w.school_id"
	" WHERE t.network_id = ?1 ORDER BY t.id, w.observed_on, w.id";
static const char SET_LAST_CHECKS[] =
	PROFILE_SET_PLANS
	" SELECT k.id, CASE WHEN g.id IS NULL THEN 0 ELSE 1 END,"
	" g.id, g.title, COALESCE(pc.id, 0), pc.checked_on, pc.status,"
	" COALESCE(pc.guskey_level, 0) FROM k"
	" LEFT JOIN plan_goal g ON g.plan_id = k.id"
	" LEFT JOIN progress_check pc ON pc.id = (SELECT x.id FROM progress_check x"
	"  WHERE x.goal_id = g.id ORDER BY x.checked_on DESC, x.id DESC LIMIT 1)"
	" WHERE k.id IS NOT NULL ORDER BY k.id, g.position, g.id";

static const struct {
	const char *keyed, *set;
	int nkeys;
} profile_sets[] = {
	{SQL_TEAM, SET_TEAM, 1},
	{SQL_PLAN, SET_PLAN, 2},
	{SQL_GOAL_NEEDS, SET_GOAL_NEEDS, 1},
	{SQL_DERIVED, SET_DERIVED, 3},
	{SQL_ORIGINALS, SET_ORIGINALS, 3},
	{SQL_CONTRIBUTORS, SET_CONTRIBUTORS, 3},
	{SQL_SESSIONS, SET_SESSIONS, 1},
	{SQL_STRATEGIES, SET_STRATEGIES, 1},
	{SQL_WALKTHROUGHS, SET_WALKTHROUGHS, 1},
	{SQL_LAST_CHECKS, SET_LAST_CHECKS, 1},
};

/* Reads what the profiles of every team of the network need, a statement per kind of
 * record for all teams at once; the per-team reads are then answered from memory. */
static int profile_sets_load(struct store *db, int64_t network_id, struct cn_err *err)
{
	for (size_t i = 0; i < sizeof(profile_sets) / sizeof(profile_sets[0]); i++)
		if (store_answer_load(db, profile_sets[i].keyed, profile_sets[i].nkeys,
				      profile_sets[i].set, &network_id, 1, err))
			return -1;
	return 0;
}

static const char *const kind_keys[PROFILE_KIND_COUNT] = {
	"grounded", "customized", "created", "collaborative", "job_embedded", "in_classrooms",
	"on_track"};
static const char *const kind_titles[PROFILE_KIND_COUNT] = {
	"Grounded in assessed needs",
	"Customized, not prepackaged",
	"Created, not duplicated",
	"Collaborative across districts",
	"Job-embedded and sustained",
	"In classrooms",
	"On track"};
/* The Guskey level each component's evidence is at (on_track: its checks' own). */
static const int kind_guskey[PROFILE_KIND_COUNT] = {0, 0, 2, 3, 3, 4, 0};

const char *const profile_view_names[PROFILE_VIEW_COUNT] = {"teams", "components", "evidence"};

const char *profile_guskey_label(int level)
{
	static const char *const labels[] = {NULL,
					     "reactions",
					     "learning",
					     "organizational support",
					     "use of new knowledge and skills",
					     "student outcomes"};
	return level >= 1 && level <= 5 ? labels[level] : NULL;
}

/* Adding evidence to a component: capacity is kept beside it while computing. */
struct evlist {
	struct profile_component *c;
	size_t cap;
	struct arena *a;
};

static struct profile_evidence *ev_add(struct evlist *l, const char *entity, int64_t id,
				       const char *title)
{
	struct profile_component *c = l->c;
	if (c->nevidence == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct profile_evidence *bigger = arena_alloc(l->a, sizeof(*bigger) * cap);
		if (c->nevidence)
			memcpy(bigger, c->evidence, sizeof(*bigger) * c->nevidence);
		c->evidence = bigger;
		l->cap = cap;
	}
	struct profile_evidence *e = &c->evidence[c->nevidence++];
	memset(e, 0, sizeof(*e));
	e->entity = entity;
	e->id = id;
	e->title = title;
	return e;
}

static void metric(struct profile_component *c, const char *name, double v)
{
	if (c->nmetrics < PROFILE_METRICS_MAX)
		c->metrics[c->nmetrics++] = (struct profile_metric){name, v};
}

static void measured(struct profile_component *c, int64_t num, int64_t den)
{
	c->numerator = num;
	c->denominator = den;
	c->measured = den > 0;
	c->share = den > 0 ? (double)num / (double)den : 0.0;
}

static int pct(double share)
{
	return (int)(share * 100.0 + 0.5);
}

/* The team's deliverables and those its district co-created in the network. */
static struct store_stmt *prep_team_deliverables(struct store *db, const char *sql,
						 const struct profile *p, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q != NULL) {
		store_bind_int(q, 1, p->team_id);
		store_bind_int(q, 2, p->network_id);
		store_bind_int(q, 3, p->district_id);
	}
	return q;
}

static struct store_stmt *prep1(struct store *db, const char *sql, int64_t p1, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q != NULL)
		store_bind_int(q, 1, p1);
	return q;
}

/* grounded: goals linked to an assessed need. */
static int profile_grounded(struct store *db, struct arena *a, struct profile *p,
			    struct cn_err *err)
{
	struct profile_component *c = &p->c[PROFILE_GROUNDED];
	struct evlist l = {c, 0, a};
	if (p->plan_id == 0) {
		c->summary = "no plan for this school year yet";
		return 0;
	}
	struct store_stmt *q = prep1(db, SQL_GOAL_NEEDS, p->plan_id, err);
	if (q == NULL)
		return -1;
	int64_t linked = 0, goals = 0;
	struct profile_evidence *e = NULL;
	struct buf needs = BUF_INIT;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		int64_t id = store_col_int(q, 0);
		if (e == NULL || e->id != id) {
			if (e != NULL)
				e->note = arena_strdup(a, buf_str(&needs));
			buf_reset(&needs);
			e = ev_add(&l, "plan_goal", id, store_col_dup(q, 1, a));
			e->date = store_col_dup(q, 2, a);
			e->value = "not linked to a need";
			goals++;
		}
		if (!store_col_is_null(q, 4)) {
			if (!e->counts)
				linked++;
			e->counts = 1;
			e->number += 1;
			e->has_number = 1;
			e->value = "linked to an assessed need";
			const char *code = store_col_text(q, 3);
			buf_printf(&needs, "%sneed %s", needs.len ? ", " : "", code ? code : "?");
		}
	}
	if (e != NULL)
		e->note = arena_strdup(a, buf_str(&needs));
	buf_free(&needs);
	store_done(q);
	if (rc < 0)
		return -1;
	measured(c, linked, goals);
	c->summary = goals == 0 ? "the plan has no goals yet"
				: arena_printf(a, "%lld of %lld plan goals (%d%%) are linked to an "
						  "assessed need",
					       (long long)linked, (long long)goals, pct(c->share));
	return 0;
}

/* customized, for a plan the team wrote itself (no template): fully its own, with its
 * goals and the assessed needs behind them as the evidence. */
static int profile_own_plan(struct store *db, struct arena *a, struct profile *p,
			    struct cn_err *err)
{
	struct profile_component *c = &p->c[PROFILE_CUSTOMIZED];
	struct evlist l = {c, 0, a};
	struct plan_full plan;
	if (plan_view_load(db, a, p->plan_id, &plan, err))
		return -1;
	int64_t needs = 0;
	for (size_t i = 0; i < plan.ngoals; i++) {
		const struct plan_goal_full *g = &plan.goals[i];
		struct profile_evidence *e = ev_add(&l, "plan_goal", g->goal->id,
						    rec_text(g->goal, "title"));
		e->value = "the team's own goal";
		e->counts = 1;
		struct buf b = BUF_INIT;
		for (size_t k = 0; k < g->nneeds; k++)
			buf_printf(&b, "%sneed %s", k ? ", " : "",
				   g->needs[k].code ? g->needs[k].code : "?");
		e->note = b.len ? arena_strdup(a, buf_str(&b)) : "no assessed need linked yet";
		buf_free(&b);
		needs += g->nneeds > 0;
	}
	measured(c, (int64_t)plan.ngoals, (int64_t)plan.ngoals);
	metric(c, "goals", (double)plan.ngoals);
	metric(c, "goals_from_needs", (double)needs);
	c->summary = plan.ngoals == 0
			 ? "the team writes its own plan (not from a template); it has no goals "
			   "yet"
			 : arena_printf(a,
					"the team wrote its own plan, not from a template: all %zu "
					"goals are its own, %lld from its assessed needs",
					plan.ngoals, (long long)needs);
	return 0;
}

/* customized: departure from the template, measured as `capnet plan departure` and the
 * plan page measure it (plan_template_departure); the plan's own when there is none. */
static int profile_customized(struct store *db, struct arena *a, struct profile *p,
			      struct cn_err *err)
{
	struct profile_component *c = &p->c[PROFILE_CUSTOMIZED];
	struct evlist l = {c, 0, a};
	if (p->plan_id == 0) {
		c->summary = "not applicable: no plan for this school year yet";
		return 0;
	}
	if (p->template_id == 0)
		return profile_own_plan(db, a, p, err);
	struct plan_departure d;
	if (plan_template_departure(db, a, p->plan_id, &d, err))
		return -1;
	for (size_t i = 0; i < d.count; i++) {
		const struct plan_departure_item *it = &d.items[i];
		int goal = strcmp(it->what, "goal") == 0;
		int removed = strcmp(it->change, "removed") == 0;
		struct profile_evidence *e =
			ev_add(&l, goal ? "plan_goal" : "plan_action",
			       removed ? it->template_item_id : it->plan_item_id, it->title);
		e->value = strcmp(it->change, "kept") == 0 ? "kept as in the template" : it->change;
		e->counts = strcmp(it->change, "kept") != 0;
		e->note = removed ? "in the template, not in the plan"
			  : it->template_title == NULL
			      ? "not in the template"
			  : it->fields != NULL
			      ? arena_printf(a, "template %s %lld: %s; its own in: %s", it->what,
					     (long long)it->template_item_id, it->template_title,
					     it->fields)
			      : arena_printf(a, "template %s %lld: %s", it->what,
					     (long long)it->template_item_id, it->template_title);
	}
	size_t departed = d.goals_added + d.goals_removed + d.goals_changed + d.actions_added +
			  d.actions_removed + d.actions_changed;
	measured(c, (int64_t)departed,
		 (int64_t)(d.template_goals + d.template_actions + d.goals_added + d.actions_added));
	metric(c, "goals_added", (double)d.goals_added);
	metric(c, "goals_removed", (double)d.goals_removed);
	metric(c, "goals_changed", (double)d.goals_changed);
	metric(c, "goals_kept", (double)d.goals_kept);
	metric(c, "actions_added", (double)d.actions_added);
	metric(c, "actions_removed", (double)d.actions_removed);
	metric(c, "actions_changed", (double)d.actions_changed);
	metric(c, "actions_kept", (double)d.actions_kept);
	c->summary = arena_printf(
		a,
		"from template plan %lld: goals %zu added, %zu removed, %zu changed, %zu kept;"
		" actions %zu added, %zu removed, %zu changed, %zu kept (%d%% departs in what it "
		"sets out to do)",
		(long long)p->template_id, d.goals_added, d.goals_removed, d.goals_changed,
		d.goals_kept, d.actions_added, d.actions_removed, d.actions_changed, d.actions_kept,
		pct(c->share));
	return 0;
}

/* created: similarity of derived deliverables to their source. */
static int profile_created(struct store *db, struct arena *a, struct profile *p,
			   const struct similarity_thresholds *th, struct cn_err *err)
{
	struct profile_component *c = &p->c[PROFILE_CREATED];
	struct evlist l = {c, 0, a};
	struct store_stmt *q = prep_team_deliverables(db, SQL_DERIVED, p, err);
	if (q == NULL)
		return -1;
	int64_t dup = 0, adapted = 0, fresh = 0, unmeasured = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		struct profile_evidence *e =
			ev_add(&l, "deliverable", store_col_int(q, 0), store_col_dup(q, 1, a));
		const char *made = store_col_text(q, 5);
		e->date = made ? arena_strndup(a, made, 10) : NULL;
		e->guskey_level = 2;
		if (store_col_is_null(q, 4)) {
			e->value = "not measured";
			e->note = arena_printf(a, "derived from version %lld; no similarity yet",
					       (long long)store_col_int(q, 2));
			unmeasured++;
			continue;
		}
		double s = store_col_double(q, 4);
		e->number = s;
		e->has_number = 1;
		e->note = arena_printf(a, "version %lld vs source version %lld: similarity %.2f",
				       (long long)store_col_int(q, 3),
				       (long long)store_col_int(q, 2), s);
		enum similarity_class cls = similarity_classify(s, th);
		e->value = similarity_class_name(cls);
		e->counts = cls != SIMILARITY_DUPLICATE;
		dup += cls == SIMILARITY_DUPLICATE;
		adapted += cls == SIMILARITY_ADAPTED;
		fresh += cls == SIMILARITY_NEW;
	}
	store_done(q);
	if (rc < 0)
		return -1;
	/* Originals are created, not duplicated: each counts as new. */
	int64_t original = 0;
	q = prep_team_deliverables(db, SQL_ORIGINALS, p, err);
	if (q == NULL)
		return -1;
	while ((rc = store_step(q, err)) == 1) {
		struct profile_evidence *e =
			ev_add(&l, "deliverable", store_col_int(q, 0), store_col_dup(q, 1, a));
		const char *made = store_col_text(q, 3);
		e->date = made ? arena_strndup(a, made, 10) : NULL;
		e->guskey_level = 2;
		e->value = "new";
		e->counts = 1;
		e->note = arena_printf(a, "an original, not derived from another; at version %lld",
				       (long long)store_col_int(q, 2));
		original++;
	}
	store_done(q);
	if (rc < 0)
		return -1;
	fresh += original;
	measured(c, adapted + fresh, dup + adapted + fresh);
	metric(c, "duplicate", (double)dup);
	metric(c, "adapted", (double)adapted);
	metric(c, "new", (double)fresh);
	metric(c, "not_measured", (double)unmeasured);
	metric(c, "original", (double)original);
	if (!c->measured)
		c->summary = arena_printf(a,
					  "not applicable: the team has no deliverable with a "
					  "saved version%s",
					  unmeasured ? " measured against its source yet" : "");
	else
		c->summary = arena_printf(
			a,
			"%lld of %lld deliverables created or adapted (%d%%): %lld duplicate "
			"(similarity >= %.2f), %lld adapted, %lld new (< %.2f or original: %lld)",
			(long long)(adapted + fresh), (long long)c->denominator, pct(c->share),
			(long long)dup, th->duplicate_min, (long long)adapted, (long long)fresh,
			th->new_below, (long long)original);
	return 0;
}

/* collaborative: deliverables with contributors from more than one district. */
static int profile_collaborative(struct store *db, struct arena *a, struct profile *p,
				 struct cn_err *err)
{
	struct profile_component *c = &p->c[PROFILE_COLLABORATIVE];
	struct evlist l = {c, 0, a};
	struct store_stmt *q = store_prepare(db, SQL_CONTRIBUTORS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p->team_id);
	store_bind_int(q, 2, p->network_id);
	store_bind_int(q, 3, p->district_id);
	int64_t total = 0, collab = 0, last_district = -1;
	struct profile_evidence *e = NULL;
	struct buf names = BUF_INIT;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		int64_t id = store_col_int(q, 0);
		if (e == NULL || e->id != id) {
			if (e != NULL)
				e->note = arena_strdup(a, buf_str(&names));
			buf_reset(&names);
			e = ev_add(&l, "deliverable", id, store_col_dup(q, 1, a));
			e->has_number = 1;
			e->guskey_level = 3;
			e->value = "one district";
			last_district = -1;
			total++;
		}
		if (store_col_is_null(q, 2))
			continue;
		int64_t d = store_col_int(q, 2);
		if (d == last_district)
			continue;
		last_district = d;
		e->number += 1;
		const char *name = store_col_text(q, 3);
		buf_printf(&names, "%s%s", names.len ? "; " : "", name ? name : "?");
		if (e->number > 1 && !e->counts) {
			e->counts = 1;
			e->value = "several districts";
			collab++;
		}
	}
	if (e != NULL)
		e->note = arena_strdup(a, buf_str(&names));
	buf_free(&names);
	store_done(q);
	if (rc < 0)
		return -1;
	measured(c, collab, total);
	c->summary = total == 0 ? "the team has no deliverables in this network yet"
				: arena_printf(a,
					       "%lld of %lld deliverables (%d%%) have contributors "
					       "from more than one district",
					       (long long)collab, (long long)total, pct(c->share));
	return 0;
}

/* job_embedded: formats and spread of delivered PD. */
static int profile_job_embedded(struct store *db, struct arena *a, struct profile *p,
				struct cn_err *err)
{
	struct profile_component *c = &p->c[PROFILE_JOB_EMBEDDED];
	struct evlist l = {c, 0, a};
	struct store_stmt *q = prep1(db, SQL_SESSIONS, p->team_id, err);
	if (q == NULL)
		return -1;
	int64_t minutes = 0, embedded = 0, whole = 0, sessions = 0, attend = 0, unchanged = 0;
	int64_t months = 0, redelivered = 0;
	char last_month[8] = "";
	struct buf month_list = BUF_INIT;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		struct profile_evidence *e =
			ev_add(&l, "pd_session", store_col_int(q, 0), store_col_dup(q, 1, a));
		const char *held = store_col_text(q, 2);
		e->date = arena_strdup(a, held);
		const char *fmt = store_col_text(q, 3);
		int64_t m = store_col_int(q, 4), n = store_col_int(q, 10);
		e->value = arena_strdup(a, fmt);
		e->number = (double)m;
		e->has_number = 1;
		e->guskey_level = (int)store_col_int(q, 5);
		e->counts = strcmp(fmt, "plc") == 0 || strcmp(fmt, "coaching") == 0;
		int64_t meeting = store_col_int(q, 7), deliv = store_col_int(q, 8);
		int64_t number = store_col_int(q, 9); /* the version's number, not its row id */
		int same = (int)store_col_int(q, 6);
		const char *lineage =
			meeting ? arena_printf(a, "from meeting %lld", (long long)meeting)
			: deliv && number
			    ? arena_printf(a, "from deliverable %lld version %lld", (long long)deliv,
					   (long long)number)
			: deliv ? arena_printf(a, "from deliverable %lld", (long long)deliv)
				: "the team's own";
		redelivered += meeting != 0 || deliv != 0;
		e->note = arena_printf(a, "%lld min, %lld attendees, %s%s", (long long)m,
				       (long long)n, lineage,
				       same ? ", re-delivered unchanged" : "");
		minutes += m;
		embedded += e->counts ? m : 0;
		whole += strcmp(fmt, "whole_group") == 0 ? m : 0;
		attend += n;
		unchanged += same;
		sessions++;
		if (strncmp(held, last_month, 7) != 0) {
			/* Rows come in date order, so a new month is a month not seen. */
			memcpy(last_month, held, 7);
			last_month[7] = '\0';
			months++;
			buf_printf(&month_list, "%s%s", month_list.len ? ", " : "", last_month);
		}
	}
	store_done(q);
	if (rc < 0) {
		buf_free(&month_list);
		return -1;
	}
	measured(c, embedded, minutes);
	metric(c, "sessions", (double)sessions);
	metric(c, "minutes", (double)minutes);
	metric(c, "minutes_plc_or_coaching", (double)embedded);
	metric(c, "minutes_whole_group", (double)whole);
	metric(c, "months", (double)months);
	metric(c, "attendances", (double)attend);
	metric(c, "unchanged_redeliveries", (double)unchanged);
	metric(c, "redeliveries", (double)redelivered);
	c->summary = sessions == 0
			     ? "no PD sessions delivered yet"
			     : arena_printf(a,
					    "%lld of %lld delivered PD minutes (%d%%) in PLC or "
					    "coaching; %lld whole-group; %lld session%s in %lld "
					    "month%s (%s)",
					    (long long)embedded, (long long)minutes, pct(c->share),
					    (long long)whole, (long long)sessions,
					    sessions == 1 ? "" : "s", (long long)months,
					    months == 1 ? "" : "s", buf_str(&month_list));
	buf_free(&month_list);
	return 0;
}

/* in_classrooms: walkthroughs that saw the plan's strategies. */
static int profile_in_classrooms(struct store *db, struct arena *a, struct profile *p,
				 struct cn_err *err)
{
	struct profile_component *c = &p->c[PROFILE_IN_CLASSROOMS];
	struct evlist l = {c, 0, a};
	size_t nitems = 0, cap = 16;
	int64_t *items = arena_alloc(a, sizeof(int64_t) * cap);
	int rc;
	if (p->plan_id != 0) {
		struct store_stmt *q = prep1(db, SQL_STRATEGIES, p->plan_id, err);
		if (q == NULL)
			return -1;
		while ((rc = store_step(q, err)) == 1) {
			if (nitems == cap) {
				int64_t *bigger = arena_alloc(a, sizeof(int64_t) * cap * 2);
				memcpy(bigger, items, sizeof(int64_t) * cap);
				items = bigger;
				cap *= 2;
			}
			items[nitems++] = store_col_int(q, 0);
		}
		store_done(q);
		if (rc < 0)
			return -1;
	}
	unsigned char *seen = arena_alloc(a, nitems + 1);
	struct store_stmt *q = prep1(db, SQL_WALKTHROUGHS, p->team_id, err);
	if (q == NULL)
		return -1;
	int64_t looked = 0, observed = 0, other = 0;
	while ((rc = store_step(q, err)) == 1) {
		int64_t item = store_col_int(q, 2);
		const char *title = store_col_text(q, 3);
		struct profile_evidence *e = ev_add(
			&l, "walkthrough", store_col_int(q, 0),
			arena_printf(a, "%s: %s", store_col_text(q, 5) ? store_col_text(q, 5) : "?",
				     title ? title : "no strategy named"));
		e->date = store_col_dup(q, 1, a);
		e->guskey_level = 4;
		int obs = (int)store_col_int(q, 4);
		size_t k = 0;
		while (k < nitems && items[k] != item)
			k++;
		if (item == 0 || k == nitems) {
			e->value = obs ? "observed, not a plan strategy" : "not a plan strategy";
			other++;
			continue;
		}
		looked++;
		e->value = obs ? "observed" : "not observed";
		e->note = arena_printf(a, "library item %lld", (long long)item);
		if (obs) {
			e->counts = 1;
			observed++;
			seen[k] = 1;
		}
	}
	store_done(q);
	if (rc < 0)
		return -1;
	int64_t strategies_seen = 0;
	for (size_t k = 0; k < nitems; k++)
		strategies_seen += seen[k];
	measured(c, observed, looked);
	metric(c, "plan_strategies", (double)nitems);
	metric(c, "plan_strategies_observed", (double)strategies_seen);
	metric(c, "walkthroughs_other", (double)other);
	if (nitems == 0)
		c->summary = arena_printf(a,
					  "the plan links no strategies (library items) to its "
					  "actions; %lld walkthroughs recorded",
					  (long long)other);
	else if (looked == 0)
		c->summary = arena_printf(a,
					  "no walkthrough has looked for the plan's %zu "
					  "strategies yet",
					  nitems);
	else
		c->summary = arena_printf(a,
					  "%lld of %lld walkthroughs (%d%%) observed a plan "
					  "strategy; %lld of %zu strategies seen in classrooms",
					  (long long)observed, (long long)looked, pct(c->share),
					  (long long)strategies_seen, nitems);
	return 0;
}

/* on_track: each goal's last progress check. */
static int profile_on_track(struct store *db, struct arena *a, struct profile *p,
			    struct cn_err *err)
{
	struct profile_component *c = &p->c[PROFILE_ON_TRACK];
	struct evlist l = {c, 0, a};
	if (p->plan_id == 0) {
		c->summary = "no plan for this school year yet";
		return 0;
	}
	struct store_stmt *q = prep1(db, SQL_LAST_CHECKS, p->plan_id, err);
	if (q == NULL)
		return -1;
	int64_t goals = 0, ok = 0, unchecked = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		struct profile_evidence *e =
			ev_add(&l, "plan_goal", store_col_int(q, 0), store_col_dup(q, 1, a));
		goals++;
		if (store_col_int(q, 2) == 0) {
			e->value = "not checked yet";
			unchecked++;
			continue;
		}
		const char *status = store_col_text(q, 4);
		e->date = store_col_dup(q, 3, a);
		e->value = arena_strdup(a, status);
		e->guskey_level = (int)store_col_int(q, 5);
		e->note = arena_printf(a, "progress check %lld", (long long)store_col_int(q, 2));
		if (e->guskey_level > c->guskey_level)
			c->guskey_level = e->guskey_level;
		if (strcmp(status, "met") == 0 || strcmp(status, "on_track") == 0) {
			e->counts = 1;
			ok++;
		}
	}
	store_done(q);
	if (rc < 0)
		return -1;
	measured(c, ok, goals);
	metric(c, "not_checked", (double)unchecked);
	c->summary = goals == 0 ? "the plan has no goals yet"
				: arena_printf(a,
					       "%lld of %lld goals (%d%%) met or on track at their "
					       "last progress check; %lld not checked yet",
					       (long long)ok, (long long)goals, pct(c->share),
					       (long long)unchecked);
	return 0;
}

static double metric_of(const struct profile_component *c, const char *name)
{
	for (size_t i = 0; i < c->nmetrics; i++)
		if (strcmp(c->metrics[i].name, name) == 0)
			return c->metrics[i].value;
	return 0;
}

/* The train-the-trainer flag, with its reason (DESIGN §2): the pattern is duplication,
 * whatever the format. Any of its signs flags a team: most of its deliverables copy
 * their source; most of its sessions that re-deliver network materials do so
 * unchanged; its plan keeps the template in substance (departs under
 * PROFILE_KEPT_BELOW). One-off whole-group days make it worse (said in the reason);
 * they do not define it. */
static void profile_flag(struct arena *a, struct profile *p)
{
	const struct profile_component *cr = &p->c[PROFILE_CREATED];
	const struct profile_component *je = &p->c[PROFILE_JOB_EMBEDDED];
	const struct profile_component *cu = &p->c[PROFILE_CUSTOMIZED];
	double dup = metric_of(cr, "duplicate"), meas = (double)cr->denominator;
	double minutes = metric_of(je, "minutes"), whole = metric_of(je, "minutes_whole_group");
	double months = metric_of(je, "months"), unchanged = metric_of(je, "unchanged_redeliveries");
	double redelivered = metric_of(je, "redeliveries");
	int copies = meas > 0 && dup * 2 > meas;
	int same = redelivered > 0 && unchanged * 2 > redelivered;
	int kept = p->template_id != 0 && cu->measured && cu->share < PROFILE_KEPT_BELOW;
	int whole_most = minutes > 0 && whole * 2 > minutes;
	int few_months = minutes > 0 && months <= PROFILE_FEW_MONTHS;
	p->train_the_trainer.flagged = copies || same || kept;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s: ", p->train_the_trainer.flagged ? "train the trainer" : "not flagged");
	if (meas > 0)
		buf_printf(&b, "%.0f of %.0f deliverables duplicate their source%s", dup, meas,
			   copies ? " (most are copies)" : "");
	else
		buf_printf(&b, "no deliverables yet");
	if (redelivered > 0)
		buf_printf(&b, "; %.0f of %.0f sessions re-delivering network materials did so "
			       "unchanged%s",
			   unchanged, redelivered, same ? " (most)" : "");
	if (p->template_id != 0 && cu->measured)
		buf_printf(&b, "; the plan departs %d%% from its template%s", pct(cu->share),
			   kept ? " (kept in substance)" : "");
	if (minutes > 0)
		buf_printf(&b, "; %.0f of %.0f PD minutes (%d%%) were whole-group, in %.0f month%s",
			   whole, minutes, pct(whole / minutes), months, months == 1 ? "" : "s");
	if (p->train_the_trainer.flagged && (whole_most || few_months))
		buf_printf(&b, ", which makes it worse (%s)",
			   whole_most && few_months ? "one-off whole-group days"
			   : whole_most		    ? "mostly whole-group"
						    : "not sustained through the year");
	p->train_the_trainer.reason = arena_strdup(a, buf_str(&b));
	buf_free(&b);
}

static int profile_team_with(struct store *db, struct arena *a, int64_t team_id,
			     const struct similarity_thresholds *th, struct profile *p,
			     struct cn_err *err)
{
	memset(p, 0, sizeof(*p));
	struct store_stmt *q = prep1(db, SQL_TEAM, team_id, err);
	if (q == NULL)
		return -1;
	int rc = store_step(q, err);
	if (rc == 1) {
		p->team_id = store_col_int(q, 0);
		p->team_name = store_col_dup(q, 1, a);
		p->network_id = store_col_int(q, 2);
		p->district_id = store_col_int(q, 3);
		p->district_name = store_col_dup(q, 4, a);
		p->network_name = store_col_dup(q, 5, a);
		p->school_year = store_col_dup(q, 6, a);
	}
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no team with id %lld",
				  (long long)team_id);
	if (rc < 0)
		return -1;
	q = prep1(db, SQL_PLAN, team_id, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 2, p->school_year);
	rc = store_step(q, err);
	if (rc == 1) {
		p->plan_id = store_col_int(q, 0);
		p->plan_title = store_col_dup(q, 1, a);
		p->template_id = store_col_int(q, 2);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	for (int k = 0; k < PROFILE_KIND_COUNT; k++) {
		p->c[k].kind = (enum profile_kind)k;
		p->c[k].key = kind_keys[k];
		p->c[k].title = kind_titles[k];
		p->c[k].guskey_level = kind_guskey[k];
	}
	if (profile_grounded(db, a, p, err) || profile_customized(db, a, p, err) ||
	    profile_created(db, a, p, th, err) || profile_collaborative(db, a, p, err) ||
	    profile_job_embedded(db, a, p, err) || profile_in_classrooms(db, a, p, err) ||
	    profile_on_track(db, a, p, err))
		return -1;
	profile_flag(a, p);
	return 0;
}

int profile_team(struct store *db, struct arena *a, int64_t team_id, struct profile *out,
		 struct cn_err *err)
{
	struct similarity_thresholds th;
	if (setting_thresholds(db, &th, err))
		return -1;
	return profile_team_with(db, a, team_id, &th, out, err);
}

int profile_network(struct store *db, struct arena *a, int64_t network_id,
		    struct profile_network *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	out->network_id = network_id;
	if (setting_thresholds(db, &out->thresholds, err))
		return -1;
	struct store_stmt *q = prep1(db, SQL_NETWORK, network_id, err);
	if (q == NULL)
		return -1;
	int rc = store_step(q, err);
	if (rc == 1) {
		out->name = store_col_dup(q, 0, a);
		out->school_year = store_col_dup(q, 1, a);
	}
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no network with id %lld",
				  (long long)network_id);
	if (rc < 0)
		return -1;
	q = prep1(db, SQL_NETWORK_TEAMS, network_id, err);
	if (q == NULL)
		return -1;
	size_t cap = 16, n = 0;
	int64_t *ids = arena_alloc(a, sizeof(int64_t) * cap);
	while ((rc = store_step(q, err)) == 1) {
		if (n == cap) {
			int64_t *bigger = arena_alloc(a, sizeof(int64_t) * cap * 2);
			memcpy(bigger, ids, sizeof(int64_t) * cap);
			ids = bigger;
			cap *= 2;
		}
		ids[n++] = store_col_int(q, 0);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	out->teams = arena_alloc(a, sizeof(struct profile) * (n ? n : 1));
	rc = n > 1 ? profile_sets_load(db, network_id, err) : 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = profile_team_with(db, a, ids[i], &out->thresholds, &out->teams[i], err);
		out->flagged += (size_t)out->teams[i].train_the_trainer.flagged;
	}
	store_answer_clear(db);
	if (rc)
		return -1;
	out->count = n;
	return 0;
}
