/* plan_view: reads a whole plan in a fixed number of queries (plan, goals, needs,
 * progress, actions, owners, links), whatever its size, and renders it as JSON. */
#include "app/plan/plan_view.h"

#include <string.h>

#include "app/deliverable/deliverable.h"
#include "app/assessment/instrument.h"
#include "app/org/person.h"
#include "app/plan/plan.h"
#include "app/plan/plan_status.h"
#include "app/access/policy.h"

static const char SQL_VIEW_HEAD[] =
	"SELECT n.name, n.content_area, t.name, COALESCE(t.district_id, 0), o.name, tp.title,"
	" (SELECT COALESCE(MAX(number), 0) FROM plan_version v WHERE v.plan_id = p.id)"
	" FROM plan p JOIN network n ON n.id = p.network_id LEFT JOIN team t ON t.id = p.team_id"
	" LEFT JOIN organization o ON o.id = t.district_id"
	" LEFT JOIN plan tp ON tp.id = p.template_id WHERE p.id = ?1";
/* The plan's goals, and its actions, in order (after the entity's columns:
 * rec_list_where). */
static const char SQL_VIEW_IN_ORDER[] = "WHERE plan_id = ?1 ORDER BY position, id";
static const char SQL_VIEW_NEEDS[] =
	"SELECT gn.goal_id, gn.assessment_id, gn.indicator_id, i.code, i.text, i.standard,"
	" i.capacity_level, a.school_year, r.current_level, r.target_level, r.priority"
	" FROM goal_need gn JOIN plan_goal g ON g.id = gn.goal_id"
	" JOIN indicator i ON i.id = gn.indicator_id JOIN assessment a ON a.id = gn.assessment_id"
	" LEFT JOIN assessment_rating r ON r.assessment_id = gn.assessment_id"
	"  AND r.indicator_id = gn.indicator_id"
	" WHERE g.plan_id = ?1 ORDER BY gn.goal_id, a.school_year, i.position, i.id";
static const char SQL_VIEW_PROGRESS[] =
	"SELECT pc.goal_id, pc.id, pc.checked_on, pc.status, pc.evidence, pc.next_steps,"
	" COALESCE(pc.guskey_level, 0), COALESCE(pc.author_id, 0) FROM progress_check pc"
	" JOIN plan_goal g ON g.id = pc.goal_id WHERE g.plan_id = ?1"
	" ORDER BY pc.goal_id, pc.checked_on, pc.id";
static const char SQL_VIEW_OWNERS[] =
	"SELECT a.id, p.given_name || ' ' || p.family_name FROM plan_action a"
	" JOIN person p ON p.id = a.owner_id WHERE a.plan_id = ?1";
static const char SQL_VIEW_LINKS[] =
	"SELECT l.action_id, COALESCE(l.library_item_id, 0), COALESCE(l.deliverable_id, 0),"
	" COALESCE(li.title, d.title), COALESCE(li.evidence_tier, 0), d.status"
	" FROM action_link l JOIN plan_action a ON a.id = l.action_id"
	" LEFT JOIN library_item li ON li.id = l.library_item_id"
	" LEFT JOIN deliverable d ON d.id = l.deliverable_id"
	" WHERE a.plan_id = ?1 ORDER BY l.action_id, l.library_item_id, l.deliverable_id";

/* Index of the goal with this id, or -1. */
static long plan_view_goal_index(const struct plan_full *p, int64_t id)
{
	for (size_t i = 0; i < p->ngoals; i++)
		if (p->goals[i].goal->id == id)
			return (long)i;
	return -1;
}

/* Index of the action with this id, or -1. */
static long plan_view_action_index(const struct plan_full *p, int64_t id)
{
	for (size_t i = 0; i < p->nactions; i++)
		if (p->actions[i].action->id == id)
			return (long)i;
	return -1;
}

/* Reads one row of SQL_VIEW_NEEDS (column 0 is the goal) into its goal. */
static void plan_view_need_row(struct arena *a, struct plan_goal_full *g, size_t *cap,
			       struct store_stmt *q)
{
	g->needs = arena_grow(a, g->needs, sizeof(*g->needs), g->nneeds, cap);
	struct plan_need *n = &g->needs[g->nneeds++];
	n->assessment_id = store_col_int(q, 1);
	n->indicator_id = store_col_int(q, 2);
	n->code = store_col_dup(q, 3, a);
	n->text = store_col_dup(q, 4, a);
	n->standard = store_col_dup(q, 5, a);
	n->capacity_level = store_col_dup(q, 6, a);
	n->school_year = store_col_dup(q, 7, a);
	n->current_level = store_col_int(q, 8);
	n->target_level = store_col_int(q, 9);
	n->priority = store_col_dup(q, 10, a);
}

/* Reads one row of SQL_VIEW_PROGRESS (column 0 is the goal) into its goal. */
static void plan_view_progress_row(struct arena *a, struct plan_goal_full *g, size_t *cap,
				   struct store_stmt *q)
{
	g->progress = arena_grow(a, g->progress, sizeof(*g->progress), g->nprogress, cap);
	struct plan_progress *c = &g->progress[g->nprogress++];
	c->id = store_col_int(q, 1);
	c->checked_on = store_col_dup(q, 2, a);
	c->status = store_col_dup(q, 3, a);
	c->evidence = store_col_dup(q, 4, a);
	c->next_steps = store_col_dup(q, 5, a);
	c->guskey_level = store_col_int(q, 6);
	c->author_id = store_col_int(q, 7);
}

/* Runs sql (?1 = the plan; column 0 of each row a goal id) and hands each row to row
 * with its goal and that goal's array capacity. */
static int plan_view_goal_rows(struct store *db, struct arena *a, struct plan_full *p,
			       const char *sql,
			       void (*row)(struct arena *, struct plan_goal_full *, size_t *,
					   struct store_stmt *),
			       struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p->plan->id);
	size_t *cap = arena_alloc(a, sizeof(size_t) * (p->ngoals + 1));
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		long gi = plan_view_goal_index(p, store_col_int(q, 0));
		if (gi >= 0)
			row(a, &p->goals[gi], &cap[gi], q);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

static int plan_view_actions(struct store *db, struct arena *a, struct plan_full *p,
			     struct cn_err *err)
{
	struct rec_list acts;
	if (rec_list_where(db, a, &plan_action_entity, SQL_VIEW_IN_ORDER, p->plan->id, &acts, err))
		return -1;
	p->nactions = acts.count;
	p->actions = arena_alloc(a, sizeof(*p->actions) * (acts.count + 1));
	for (size_t i = 0; i < acts.count; i++)
		p->actions[i].action = acts.items[i];
	struct store_stmt *q = store_prepare(db, SQL_VIEW_OWNERS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p->plan->id);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		long ai = plan_view_action_index(p, store_col_int(q, 0));
		if (ai >= 0)
			p->actions[ai].owner = store_col_dup(q, 1, a);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	q = store_prepare(db, SQL_VIEW_LINKS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p->plan->id);
	size_t *cap = arena_alloc(a, sizeof(size_t) * (p->nactions + 1));
	while ((rc = store_step(q, err)) == 1) {
		long ai = plan_view_action_index(p, store_col_int(q, 0));
		if (ai < 0)
			continue;
		struct plan_action_full *act = &p->actions[ai];
		act->links = arena_grow(a, act->links, sizeof(*act->links), act->nlinks, &cap[ai]);
		struct plan_link *l = &act->links[act->nlinks++];
		int64_t lib = store_col_int(q, 1);
		l->kind = lib ? "library_item" : "deliverable";
		l->id = lib ? lib : store_col_int(q, 2);
		l->title = store_col_dup(q, 3, a);
		l->evidence_tier = store_col_int(q, 4);
		l->status = store_col_dup(q, 5, a);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int plan_view_load(struct store *db, struct arena *a, int64_t plan_id, struct plan_full *out,
		   struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	if (rec_get(db, a, &plan_entity, plan_id, &out->plan, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_VIEW_HEAD, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, plan_id);
	int rc = store_step(q, err);
	if (rc == 1) {
		out->network_name = store_col_dup(q, 0, a);
		out->content_area = store_col_dup(q, 1, a);
		out->team_name = store_col_dup(q, 2, a);
		out->district_id = store_col_int(q, 3);
		out->district_name = store_col_dup(q, 4, a);
		out->template_title = store_col_dup(q, 5, a);
		out->latest_version = store_col_int(q, 6);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	struct rec_list goals;
	if (rec_list_where(db, a, &plan_goal_entity, SQL_VIEW_IN_ORDER, plan_id, &goals, err))
		return -1;
	out->ngoals = goals.count;
	out->goals = arena_alloc(a, sizeof(*out->goals) * (goals.count + 1));
	for (size_t i = 0; i < goals.count; i++)
		out->goals[i].goal = goals.items[i];
	if (plan_view_goal_rows(db, a, out, SQL_VIEW_NEEDS, plan_view_need_row, err) ||
	    plan_view_goal_rows(db, a, out, SQL_VIEW_PROGRESS, plan_view_progress_row, err) ||
	    plan_view_actions(db, a, out, err))
		return -1;
	return 0;
}

const struct plan_progress *plan_view_latest(const struct plan_goal_full *g)
{
	return g->nprogress > 0 ? &g->progress[g->nprogress - 1] : NULL;
}

const struct plan_goal_full *plan_view_goal(const struct plan_full *p, int64_t goal_id)
{
	long i = plan_view_goal_index(p, goal_id);
	return i < 0 ? NULL : &p->goals[i];
}

const char plan_view_hidden_deliverable[] = "a deliverable you may not see";
const char plan_view_hidden_person[] = "a person you may not see";

int plan_view_hide(struct plan_full *p, struct policy *reader, struct cn_err *err)
{
	for (size_t i = 0; i < p->nactions; i++) {
		struct plan_action_full *act = &p->actions[i];
		int64_t owner = rec_int(act->action, "owner_id");
		int may = owner == 0 ? 1 : -2;
		for (size_t k = 0; may == -2 && k < i; k++) /* an owner of many actions */
			if (rec_int(p->actions[k].action, "owner_id") == owner)
				may = p->actions[k].owner != plan_view_hidden_person;
		if (may == -2)
			may = policy_may_read(reader, &person_entity, owner, err);
		if (may < 0)
			return -1;
		if (may == 0)
			act->owner = plan_view_hidden_person;
		for (size_t k = 0; k < act->nlinks; k++) {
			struct plan_link *l = &act->links[k];
			if (strcmp(l->kind, "deliverable") != 0)
				continue;
			may = policy_may_read(reader, &deliverable_entity, l->id, err);
			if (may < 0)
				return -1;
			if (may == 0) {
				l->title = plan_view_hidden_deliverable;
				l->status = NULL;
			}
		}
	}
	return 0;
}

const char *plan_view_need_text(struct arena *a, const struct plan_need *n)
{
	if (n->current_level == 0)
		return arena_printf(a, "%s (%s, not rated)", n->code, n->school_year);
	return arena_printf(a, "%s (%lld -> %lld, %s priority, %s)", n->code,
			    (long long)n->current_level, (long long)n->target_level,
			    n->priority ? n->priority : "medium", n->school_year);
}

const char *plan_view_link_text(struct arena *a, const struct plan_link *l)
{
	return arena_printf(a, "%s %lld: %s",
			    strcmp(l->kind, "library_item") == 0 ? "library item" : "deliverable",
			    (long long)l->id, l->title ? l->title : "");
}

static void plan_view_need_json(struct jw *w, const struct plan_need *n)
{
	jw_obj_begin(w);
	jw_kv_int(w, "assessment_id", n->assessment_id);
	jw_kv_str(w, "school_year", n->school_year);
	jw_kv_int(w, "indicator_id", n->indicator_id);
	jw_kv_str(w, "code", n->code);
	jw_kv_str(w, "standard", n->standard);
	jw_kv_str(w, "capacity_level", n->capacity_level);
	jw_kv_str(w, "text", n->text);
	jw_kv_id(w, "current_level", n->current_level);
	jw_kv_id(w, "target_level", n->target_level);
	jw_kv_str(w, "priority", n->priority);
	jw_obj_end(w);
}

static void plan_view_check_json(struct jw *w, const struct plan_progress *c)
{
	jw_obj_begin(w);
	jw_kv_int(w, "id", c->id);
	jw_kv_str(w, "checked_on", c->checked_on);
	jw_kv_str(w, "status", c->status);
	jw_kv_str(w, "evidence", c->evidence);
	jw_kv_str(w, "next_steps", c->next_steps);
	jw_kv_id(w, "guskey_level", c->guskey_level);
	jw_kv_str(w, "guskey", plan_guskey_label((int)c->guskey_level));
	jw_kv_id(w, "author_id", c->author_id);
	jw_obj_end(w);
}

static void plan_view_goal_json(struct jw *w, const struct plan_goal_full *g)
{
	const struct rec *r = g->goal;
	jw_obj_begin(w);
	jw_kv_int(w, "id", r->id);
	jw_kv_int(w, "version", r->version);
	jw_kv_int(w, "position", rec_int(r, "position"));
	jw_kv_str(w, "title", rec_text(r, "title"));
	jw_kv_str(w, "baseline", rec_text(r, "baseline"));
	jw_kv_str(w, "target", rec_text(r, "target"));
	jw_kv_str(w, "deadline", rec_text(r, "deadline"));
	jw_kv_str(w, "measure", rec_text(r, "measure"));
	jw_kv_id(w, "template_goal_id", rec_int(r, "template_goal_id"));
	jw_key(w, "needs");
	jw_arr_begin(w);
	for (size_t i = 0; i < g->nneeds; i++)
		plan_view_need_json(w, &g->needs[i]);
	jw_arr_end(w);
	jw_key(w, "progress");
	jw_arr_begin(w);
	for (size_t i = 0; i < g->nprogress; i++)
		plan_view_check_json(w, &g->progress[i]);
	jw_arr_end(w);
	jw_obj_end(w);
}

static void plan_view_action_json(struct jw *w, const struct plan_action_full *act)
{
	const struct rec *r = act->action;
	jw_obj_begin(w);
	jw_kv_int(w, "id", r->id);
	jw_kv_int(w, "version", r->version);
	jw_kv_int(w, "position", rec_int(r, "position"));
	jw_kv_id(w, "goal_id", rec_int(r, "goal_id"));
	jw_kv_str(w, "kind", rec_text(r, "kind"));
	jw_kv_str(w, "title", rec_text(r, "title"));
	jw_kv_id(w, "owner_id", rec_int(r, "owner_id"));
	jw_kv_str(w, "owner", act->owner);
	jw_kv_str(w, "starts_on", rec_text(r, "starts_on"));
	jw_kv_str(w, "due_on", rec_text(r, "due_on"));
	jw_kv_str(w, "status", rec_text(r, "status"));
	jw_kv_id(w, "template_action_id", rec_int(r, "template_action_id"));
	jw_key(w, "links");
	jw_arr_begin(w);
	for (size_t i = 0; i < act->nlinks; i++) {
		const struct plan_link *l = &act->links[i];
		jw_obj_begin(w);
		jw_kv_str(w, "kind", l->kind);
		jw_kv_int(w, "id", l->id);
		jw_kv_str(w, "title", l->title);
		if (strcmp(l->kind, "library_item") == 0)
			jw_kv_id(w, "evidence_tier", l->evidence_tier);
		else
			jw_kv_str(w, "status", l->status);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

void plan_view_json(struct jw *w, const struct plan_full *p)
{
	const struct rec *r = p->plan;
	jw_obj_begin(w);
	jw_kv_int(w, "id", r->id);
	jw_kv_int(w, "version", r->version);
	jw_kv_str(w, "title", rec_text(r, "title"));
	jw_kv_str(w, "status", rec_text(r, "status"));
	jw_kv_bool(w, "is_template", rec_int(r, "is_template") != 0);
	jw_kv_str(w, "school_year", rec_text(r, "school_year"));
	jw_kv_int(w, "network_id", rec_int(r, "network_id"));
	jw_kv_str(w, "network", p->network_name);
	jw_kv_str(w, "content_area", p->content_area);
	jw_kv_id(w, "team_id", rec_int(r, "team_id"));
	jw_kv_str(w, "team", p->team_name);
	jw_kv_id(w, "district_id", p->district_id);
	jw_kv_str(w, "district", p->district_name);
	jw_kv_id(w, "template_id", rec_int(r, "template_id"));
	jw_kv_str(w, "template", p->template_title);
	jw_kv_id(w, "assessment_id", rec_int(r, "assessment_id"));
	jw_key(w, "goals");
	jw_arr_begin(w);
	for (size_t i = 0; i < p->ngoals; i++)
		plan_view_goal_json(w, &p->goals[i]);
	jw_arr_end(w);
	jw_key(w, "actions");
	jw_arr_begin(w);
	for (size_t i = 0; i < p->nactions; i++)
		plan_view_action_json(w, &p->actions[i]);
	jw_arr_end(w);
	jw_kv_str(w, "created_at", r->created_at);
	jw_kv_str(w, "updated_at", r->updated_at);
	jw_obj_end(w);
}

const char *plan_view_needs_text(struct arena *a, const struct plan_goal_full *g)
{
	char *out = NULL;
	for (size_t k = 0; k < g->nneeds; k++) {
		const char *n = plan_view_need_text(a, &g->needs[k]);
		out = out ? arena_printf(a, "%s; %s", out, n) : arena_strdup(a, n);
	}
	return out;
}

const char *plan_view_links_text(struct arena *a, const struct plan_action_full *act)
{
	char *out = NULL;
	for (size_t k = 0; k < act->nlinks; k++) {
		const char *l = plan_view_link_text(a, &act->links[k]);
		out = out ? arena_printf(a, "%s; %s", out, l) : arena_strdup(a, l);
	}
	return out;
}

void plan_view_goals_json(struct jw *w, const struct plan_full *p)
{
	struct arena *a = arena_new();
	jw_arr_begin(w);
	for (size_t i = 0; i < p->ngoals; i++) {
		const struct plan_goal_full *g = &p->goals[i];
		const struct plan_progress *last = plan_view_latest(g);
		jw_obj_begin(w);
		jw_kv_int(w, "id", g->goal->id);
		jw_kv_int(w, "position", rec_int(g->goal, "position"));
		jw_kv_str(w, "title", rec_text(g->goal, "title"));
		jw_kv_str(w, "baseline", rec_text(g->goal, "baseline"));
		jw_kv_str(w, "target", rec_text(g->goal, "target"));
		jw_kv_str(w, "deadline", rec_text(g->goal, "deadline"));
		jw_kv_str(w, "measure", rec_text(g->goal, "measure"));
		jw_kv_str(w, "needs", plan_view_needs_text(a, g));
		jw_kv_str(w, "progress", last ? last->status : NULL);
		jw_kv_str(w, "checked_on", last ? last->checked_on : NULL);
		jw_kv_id(w, "template_goal_id", rec_int(g->goal, "template_goal_id"));
		jw_obj_end(w);
	}
	jw_arr_end(w);
	arena_free(a);
}

void plan_view_actions_json(struct jw *w, const struct plan_full *p)
{
	struct arena *a = arena_new();
	jw_arr_begin(w);
	for (size_t i = 0; i < p->nactions; i++) {
		const struct plan_action_full *act = &p->actions[i];
		const struct rec *r = act->action;
		jw_obj_begin(w);
		jw_kv_int(w, "id", r->id);
		jw_kv_id(w, "goal_id", rec_int(r, "goal_id"));
		jw_kv_str(w, "kind", rec_text(r, "kind"));
		jw_kv_str(w, "title", rec_text(r, "title"));
		jw_kv_str(w, "owner", act->owner);
		jw_kv_str(w, "starts_on", rec_text(r, "starts_on"));
		jw_kv_str(w, "due_on", rec_text(r, "due_on"));
		jw_kv_str(w, "status", rec_text(r, "status"));
		jw_kv_str(w, "links", plan_view_links_text(a, act));
		jw_kv_id(w, "template_action_id", rec_int(r, "template_action_id"));
		jw_obj_end(w);
	}
	jw_arr_end(w);
	arena_free(a);
}

void plan_view_progress_json(struct jw *w, const struct plan_full *p)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < p->ngoals; i++) {
		const struct plan_goal_full *g = &p->goals[i];
		for (size_t k = 0; k < g->nprogress; k++) {
			const struct plan_progress *c = &g->progress[k];
			jw_obj_begin(w);
			jw_kv_int(w, "id", c->id);
			jw_kv_int(w, "goal_id", g->goal->id);
			jw_kv_str(w, "goal", rec_text(g->goal, "title"));
			jw_kv_str(w, "checked_on", c->checked_on);
			jw_kv_str(w, "status", c->status);
			jw_kv_id(w, "guskey_level", c->guskey_level);
			jw_kv_str(w, "evidence", c->evidence);
			jw_kv_str(w, "next_steps", c->next_steps);
			jw_obj_end(w);
		}
	}
	jw_arr_end(w);
}

int plan_view_may(struct store *db, struct policy *policy, const struct actor *who,
		  struct arena *a, const struct plan_full *p, struct plan_may *out,
		  struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	const struct rec *plan = p->plan;
	int is_template = rec_int(plan, "is_template") != 0;
	int archived = strcmp(rec_text(plan, "status"), "archived") == 0;
	struct policy_scope scope = {.network_id = rec_int(plan, "network_id"),
				     .district_id = p->district_id};
	out->edit = policy_may(policy, POLICY_UPDATE, "plan", plan, err);
	out->status = policy_may(policy, POLICY_UPDATE, "plan_status", plan, err);
	if (out->edit < 0 || out->status < 0)
		return -1;
	if (!is_template) {
		out->review = policy_may(policy, POLICY_CREATE, "plan_review", plan, err);
		out->check = policy_may_scope(policy, POLICY_CREATE, "progress_check", &scope, err);
		out->schedule = policy_may_scope(policy, POLICY_CREATE, "plc_schedule", &scope, err);
		if (out->review < 0 || out->check < 0 || out->schedule < 0)
			return -1;
	}
	/* Only the moves the actor may make are offered (a member makes none). */
	if (out->status && plan_status_choices(db, a, who, plan, &out->moves, err))
		return -1;
	out->status = out->status && out->moves[0] != NULL;
	struct cn_err locked = {0};
	if (plan_content_open(plan, &locked)) { /* approved or archived: read-only */
		out->mark = out->edit && !archived && !is_template;
		out->edit = out->schedule = 0;
	}
	if (archived)
		out->check = 0;
	return 0;
}
