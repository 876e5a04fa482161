/* pages_plan_edit: changing a plan's parts (DESIGN §2): adding goals and actions from
 * the plan editor, a goal's page (its fields, the assessed needs it answers), an
 * action's page (its fields, owner, dates, status, the library items and deliverables
 * it links), progress checks, and PLC schedules with the sessions they plan. Forms
 * that fail show the page again with the error beside its field and the input kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/assessment/assessment.h"
#include "app/deliverable/deliverable.h"
#include "app/plan/plan.h"
#include "app/plan/schedule.h"
#include "http/allow.h"
#include "web/page.h"
#include "web/plan/planpage.h"
#include "web/plan/teampage.h"
#include "web/web.h"

static const char *const pe_goal_fields[] = {"title", "baseline", "target", "deadline",
					     "measure", NULL};
static const char *const pe_action_fields[] = {"title",	  "kind",   "goal_id", "owner_id",
					       "starts_on", "due_on", "status",  NULL};
static const char *const pe_progress_fields[] = {"goal_id",    "checked_on", "status",
						 "evidence",   "next_steps", "guskey_level",
						 NULL};
static const char *const pe_schedule_fields[] = {
	"school_id", "action_id", "recurrence", "weekday", "week_of_month", "start_time",
	"minutes",   "tz",	  "pd_format",	"title",   "starts_on",	    "ends_on",
	NULL};

/* The plan's part named by path parameter name ("gid", "aid") as a record of e, which
 * must belong to the plan (else 404). */
static int pe_part(struct http_req *rq, const struct planpage *pp, const struct rec_entity *e,
		   const char *name, struct rec **out, struct cn_err *err)
{
	int64_t id;
	if (page_id(rq, name, &id, err) || rec_get(rq->db, rq->a, e, id, out, err))
		return -1;
	if (rec_int(*out, "plan_id") != pp->plan->id)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "plan %lld has no %s %lld",
				  (long long)pp->plan->id, e->title, (long long)id);
	return 0;
}

/* The plan of the path and the POSTed form (f may be NULL). */
static int pe_load(struct http_req *rq, struct planpage *pp, struct form *f, struct cn_err *err)
{
	if (planpage_load(rq, pp, err))
		return -1;
	return f ? page_form(rq, f, err) : 0;
}

/* A new part of the plan (goal, action) that the actor may add under its own policy
 * rule: a district's plan is its own (a facilitator is refused, 403, saying so). */
static int pe_new_part(struct http_req *rq, const struct planpage *pp, const struct rec_entity *e,
		       struct rec **out, struct cn_err *err)
{
	*out = rec_new(rq->a, e);
	if (rec_put_int(*out, "plan_id", pp->plan->id, err))
		return -1;
	return http_allow_record(rq, POLICY_CREATE, e->name, *out, err);
}

/* Creates r from the form's prefixed fields; the editor again on refusal. */
static int pe_create(struct http_req *rq, struct http_resp *rs, struct planpage *pp,
		     const struct form *f, struct rec *r, const char *prefix,
		     const char *const *fields, const char *anchor, struct cn_err *err)
{
	struct cn_err why = {0};
	if (page_fields(r, rq->a, f, prefix, fields, PAGE_NEW, &why))
		return planpage_refused(rq, rs, pp, &why, err);
	if (rec_create(rq->db, &rq->who, rq->a, r, &why)) {
		page_field_prefix(&why, prefix);
		return planpage_refused(rq, rs, pp, &why, err);
	}
	page_redirect(rs, arena_printf(rq->a, "/plans/%lld?done=1#%s", (long long)pp->plan->id,
				       anchor));
	return 0;
}

/* POST /plans/{id}/goals */
static int pe_goal_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	struct form f;
	struct rec *r;
	if (pe_load(rq, &pp, &f, err) || pe_new_part(rq, &pp, &plan_goal_entity, &r, err))
		return -1;
	return pe_create(rq, rs, &pp, &f, r, "g_", pe_goal_fields, "goals", err);
}

/* POST /plans/{id}/actions */
static int pe_action_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	struct form f;
	struct rec *r;
	if (pe_load(rq, &pp, &f, err) || pe_new_part(rq, &pp, &plan_action_entity, &r, err))
		return -1;
	return pe_create(rq, rs, &pp, &f, r, "a_", pe_action_fields, "actions", err);
}

/* POST /plans/{id}/progress: the district and the network's facilitators record
 * checks (policy rule "progress_check", asked with the check of the goal chosen). */
static int pe_progress_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	struct form f;
	if (pe_load(rq, &pp, &f, err) ||
	    http_allow_scope(rq, POLICY_CREATE, "progress_check", &pp.scope, err))
		return -1;
	struct rec *r = rec_new(rq->a, &progress_check_entity);
	if (rec_put_int(r, "author_id", rq->who.person_id, err))
		return -1;
	const char *goal = form_get(&f, "pc_goal_id");
	long long gid = goal ? atoll(goal) : 0;
	if (gid > 0 && plan_view_goal(&pp.full, gid) == NULL) {
		struct cn_err why = {0};
		cn_err_field(&why, CN_ERR_INPUT, "pc_goal_id", "choose one of the plan's goals");
		return planpage_refused(rq, rs, &pp, &why, err);
	}
	if (gid > 0 && (rec_put_int(r, "goal_id", gid, err) ||
			http_allow_record(rq, POLICY_CREATE, "progress_check", r, err)))
		return -1;
	return pe_create(rq, rs, &pp, &f, r, "pc_", pe_progress_fields, "goals", err);
}

/* POST /plans/{id}/schedules */
static int pe_schedule_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	struct form f;
	if (planpage_load(rq, &pp, err) || page_form(rq, &f, err))
		return -1;
	struct rec *r = rec_new(rq->a, &plc_schedule_entity);
	if (rec_put_int(r, "plan_id", pp.plan->id, err) ||
	    http_allow_record(rq, POLICY_CREATE, "plc_schedule", r, err))
		return -1;
	return pe_create(rq, rs, &pp, &f, r, "s_", pe_schedule_fields, "schedule", err);
}

/* POST /plans/{id}/schedules/{sid}/generate */
static int pe_schedule_generate(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	struct rec *s = NULL;
	if (planpage_load(rq, &pp, err) ||
	    pe_part(rq, &pp, &plc_schedule_entity, "sid", &s, err) ||
	    http_allow_record(rq, POLICY_UPDATE, "plc_schedule", s, err))
		return -1;
	struct schedule_result res;
	struct cn_err why = {0};
	if (schedule_generate(rq->db, &rq->who, rq->a, s->id, &res, &why))
		return planpage_refused(rq, rs, &pp, &why, err);
	page_redirect(rs, page_href(rq, "/plans/%lld?done=schedule#schedule", pp.plan->id));
	return 0;
}

/* The goal page: its fields, and the needs it answers with forms to link more. */
static int pe_goal_page(struct http_req *rq, struct http_resp *rs, struct planpage *pp,
			const struct plan_goal_full *g, const struct cn_err *error,
			struct cn_err *err)
{
	const struct rec *goal = g->goal;
	/* Needs come from the plan's assessment, else the team's assessments. */
	struct assessment_full as = {0};
	int64_t as_id = rec_int(pp->plan, "assessment_id");
	if (as_id == 0 && !pp->is_template) {
		struct rec_list l;
		if (page_list_all(rq, &assessment_entity, "team_id", pp->team.team->id, &l, err))
			return -1;
		if (l.count > 0)
			as_id = l.items[l.count - 1]->id;
	}
	if (as_id != 0 && assessment_load(rq->db, rq->a, as_id, &as, err))
		return -1;
	struct page p;
	const char *title = arena_printf(rq->a, "Goal: %s", rec_text(goal, "title"));
	page_begin(&p, rq, rs, title, PAGE_NAV_PLANS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	const char *base = arena_printf(rq->a, "/plans/%lld/goals/%lld", (long long)pp->plan->id,
					(long long)goal->id);
	planpage_crumbs(&p, pp, "Goal");
	html_elem(h, "h1", title, NULL);
	page_errors(&p);
	html_open(h, "section", "class", "card", "aria-labelledby", "goal", NULL);
	html_elem(h, "h2", "The goal", "id", "goal", NULL);
	page_form_begin(&p, base, NULL);
	page_version(&p, goal);
	page_input(&p, "g_title", "Where the district wants to be", "text",
		   rec_text(goal, "title"), NULL, 1);
	page_input(&p, "g_baseline", "Baseline: where it is now", "text",
		   rec_text(goal, "baseline"), NULL, 0);
	page_input(&p, "g_target", "Target", "text", rec_text(goal, "target"), NULL, 0);
	page_input(&p, "g_deadline", "Deadline", "date", rec_text(goal, "deadline"), NULL, 0);
	page_textarea(&p, "g_measure", "How the team will know", rec_text(goal, "measure"), NULL,
		      0, NULL);
	page_submit(&p, "Save the goal");
	html_close(h);
	html_close(h);

	html_open(h, "section", "class", "card", "aria-labelledby", "needs", NULL);
	html_elem(h, "h2", "Assessed needs it answers", "id", "needs", NULL);
	if (g->nneeds == 0)
		html_elem(h, "p", "Not linked to an assessed need yet.", "class", "muted", NULL);
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < g->nneeds; i++) {
		const struct plan_need *n = &g->needs[i];
		html_open(h, "li", NULL);
		html_text(h, plan_view_need_text(rq->a, n));
		html_text(h, ": ");
		html_text(h, n->text);
		html_text(h, " ");
		page_form_begin(&p, arena_printf(rq->a, "%s/unlink", base), "inline");
		html_void(h, "input", "type", "hidden", "name", "need", "value",
			  arena_printf(rq->a, "%lld:%lld", (long long)n->assessment_id,
				       (long long)n->indicator_id),
			  NULL);
		html_elem(h, "button", "Unlink", "type", "submit", "class", "secondary",
			  "aria-label", arena_printf(rq->a, "Unlink %s", n->code), NULL);
		html_close(h);
		html_close(h);
	}
	html_close(h);
	size_t rated = 0;
	for (size_t i = 0; i < as.count; i++)
		rated += (size_t)as.items[i].rated;
	if (rated > 0) {
		const char **values = arena_alloc(rq->a, sizeof(*values) * (rated + 1));
		const char **labels = arena_alloc(rq->a, sizeof(*labels) * (rated + 1));
		size_t k = 0;
		for (size_t i = 0; i < as.count; i++) {
			const struct assessment_item *it = &as.items[i];
			if (!it->rated)
				continue;
			values[k] = arena_printf(rq->a, "%lld:%lld", (long long)as_id,
						 (long long)it->indicator_id);
			labels[k++] = arena_printf(rq->a, "%s (%lld -> %lld, %s): %s", it->code,
						   (long long)it->current_level,
						   (long long)it->target_level,
						   it->priority ? it->priority : "medium", it->text);
		}
		values[k] = labels[k] = NULL;
		page_form_begin(&p, arena_printf(rq->a, "%s/link", base), NULL);
		page_select(&p, "need", "Link an assessed need", values, labels, NULL, 1);
		page_submit(&p, "Link the need");
		html_close(h);
	}
	html_close(h);
	html_open(h, "section", "class", "card", "aria-labelledby", "remove", NULL);
	html_elem(h, "h2", "Remove the goal", "id", "remove", NULL);
	page_button_form(&p, arena_printf(rq->a, "%s/remove", base), "Remove the goal",
			 "secondary");
	html_close(h);
	page_end(&p);
	return 0;
}

/* The goal of the path in the plan of the path, on which the actor may do verb
 * (policy rule "plan_goal", asked with the goal). */
static int pe_goal_load(struct http_req *rq, struct planpage *pp, enum policy_verb verb,
			const struct plan_goal_full **g, struct cn_err *err)
{
	struct rec *goal = NULL;
	if (pe_load(rq, pp, NULL, err) || pe_part(rq, pp, &plan_goal_entity, "gid", &goal, err) ||
	    http_allow_record(rq, verb, "plan_goal", goal, err))
		return -1;
	*g = plan_view_goal(&pp->full, goal->id);
	return *g ? 0 : cn_err_set(err, CN_ERR_NOT_FOUND, "there is no such goal");
}

static int pe_goal_refused(struct http_req *rq, struct http_resp *rs, struct planpage *pp,
			   const struct plan_goal_full *g, const struct cn_err *why,
			   struct cn_err *err)
{
	if (!page_refused(why)) {
		*err = *why;
		return -1;
	}
	return pe_goal_page(rq, rs, pp, g, why, err);
}

/* GET /plans/{id}/goals/{gid} */
static int pe_goal_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	const struct plan_goal_full *g;
	if (pe_goal_load(rq, &pp, POLICY_UPDATE, &g, err))
		return -1;
	return pe_goal_page(rq, rs, &pp, g, NULL, err);
}

/* POST /plans/{id}/goals/{gid} */
static int pe_goal_save(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	const struct plan_goal_full *g;
	struct form f;
	if (pe_goal_load(rq, &pp, POLICY_UPDATE, &g, err) || page_form(rq, &f, err))
		return -1;
	struct cn_err why = {0};
	if (page_update(rq, &f, "g_", pe_goal_fields, g->goal->id,
			rec_new(rq->a, &plan_goal_entity), &why))
		return pe_goal_refused(rq, rs, &pp, g, &why, err);
	page_redirect(rs, page_href(rq, "/plans/%lld?done=goal#goals", pp.plan->id));
	return 0;
}

/* "A:I" of a need field into its assessment and indicator. */
static int pe_need(const struct form *f, int64_t *as, int64_t *ind, struct cn_err *why)
{
	const char *v = form_get(f, "need");
	long long a = 0, i = 0;
	if (v == NULL || sscanf(v, "%lld:%lld", &a, &i) != 2 || a <= 0 || i <= 0)
		return cn_err_field(why, CN_ERR_INPUT, "need", "choose an assessed need");
	*as = a;
	*ind = i;
	return 0;
}

/* POST /plans/{id}/goals/{gid}/link and /unlink */
static int pe_goal_need(struct http_req *rq, struct http_resp *rs, int link, struct cn_err *err)
{
	struct planpage pp;
	const struct plan_goal_full *g;
	struct form f;
	if (pe_goal_load(rq, &pp, POLICY_UPDATE, &g, err) || page_form(rq, &f, err))
		return -1;
	int64_t as = 0, ind = 0;
	struct cn_err why = {0};
	if (pe_need(&f, &as, &ind, &why) ||
	    (link ? plan_goal_link_need(rq->db, &rq->who, g->goal->id, as, ind, &why)
		  : plan_goal_unlink_need(rq->db, &rq->who, g->goal->id, as, ind, &why))) {
		if (why.field[0] != '\0' || why.kind == CN_ERR_NOT_FOUND) {
			snprintf(why.field, sizeof(why.field), "need");
			why.kind = CN_ERR_INPUT;
		}
		return pe_goal_refused(rq, rs, &pp, g, &why, err);
	}
	page_redirect(rs, arena_printf(rq->a, "/plans/%lld/goals/%lld#needs",
				       (long long)pp.plan->id, (long long)g->goal->id));
	return 0;
}

static int pe_goal_link(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return pe_goal_need(rq, rs, 1, err);
}

static int pe_goal_unlink(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return pe_goal_need(rq, rs, 0, err);
}

/* POST /plans/{id}/goals/{gid}/remove */
static int pe_goal_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	const struct plan_goal_full *g;
	if (pe_goal_load(rq, &pp, POLICY_DELETE, &g, err))
		return -1;
	struct cn_err why = {0};
	if (plan_goal_remove(rq->db, &rq->who, g->goal->id, &why))
		return pe_goal_refused(rq, rs, &pp, g, &why, err);
	page_redirect(rs, page_href(rq, "/plans/%lld?done=removed#goals", pp.plan->id));
	return 0;
}

/* The action page: its fields, its links and the forms to change them. */
static int pe_action_page(struct http_req *rq, struct http_resp *rs, struct planpage *pp,
			  const struct plan_action_full *act, const struct cn_err *error,
			  struct cn_err *err)
{
	const struct rec *a = act->action;
	struct teampage_choices people = {0};
	struct rec_list dlv = {0};
	if (!pp->is_template &&
	    (teampage_people(rq, &pp->team, &people, err) ||
	     page_list_all(rq, &deliverable_entity, "team_id", pp->team.team->id, &dlv, err)))
		return -1;
	const char **goals = arena_alloc(rq->a, sizeof(*goals) * (pp->full.ngoals + 1));
	const char **goal_labels = arena_alloc(rq->a, sizeof(*goal_labels) * (pp->full.ngoals + 1));
	for (size_t i = 0; i <= pp->full.ngoals; i++) {
		const struct rec *g = i < pp->full.ngoals ? pp->full.goals[i].goal : NULL;
		goals[i] = g ? arena_printf(rq->a, "%lld", (long long)g->id) : NULL;
		goal_labels[i] = g ? rec_text(g, "title") : NULL;
	}
	const char **dv = arena_alloc(rq->a, sizeof(*dv) * (dlv.count + 1));
	const char **dl = arena_alloc(rq->a, sizeof(*dl) * (dlv.count + 1));
	for (size_t i = 0; i <= dlv.count; i++) {
		dv[i] = i < dlv.count ? arena_printf(rq->a, "%lld", (long long)dlv.items[i]->id) : NULL;
		dl[i] = i < dlv.count ? rec_text(dlv.items[i], "title") : NULL;
	}
	struct page p;
	const char *title = arena_printf(rq->a, "Action: %s", rec_text(a, "title"));
	page_begin(&p, rq, rs, title, PAGE_NAV_PLANS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	const char *base = arena_printf(rq->a, "/plans/%lld/actions/%lld", (long long)pp->plan->id,
					(long long)a->id);
	const char *owner = rec_is_null(a, "owner_id")
				    ? NULL
				    : arena_printf(rq->a, "%lld", (long long)rec_int(a, "owner_id"));
	const char *goal = rec_is_null(a, "goal_id")
				   ? NULL
				   : arena_printf(rq->a, "%lld", (long long)rec_int(a, "goal_id"));
	planpage_crumbs(&p, pp, "Action");
	html_elem(h, "h1", title, NULL);
	page_errors(&p);
	html_open(h, "section", "class", "card", "aria-labelledby", "action", NULL);
	html_elem(h, "h2", "The action", "id", "action", NULL);
	page_form_begin(&p, base, NULL);
	page_version(&p, a);
	page_input(&p, "a_title", "What the team will do", "text", rec_text(a, "title"), NULL, 1);
	page_select(&p, "a_kind", "Kind", plan_action_kinds, planpage_kind_labels,
		    rec_text(a, "kind"), 1);
	page_select(&p, "a_goal_id", "The goal it serves", goals, goal_labels, goal, 0);
	if (people.values != NULL)
		page_select(&p, "a_owner_id", "Owner", people.values, people.labels, owner, 0);
	page_input(&p, "a_starts_on", "Starts on", "date", rec_text(a, "starts_on"), NULL, 0);
	page_input(&p, "a_due_on", "Due on", "date", rec_text(a, "due_on"), NULL, 0);
	page_select(&p, "a_status", "Status", plan_action_statuses, planpage_action_status_labels,
		    rec_text(a, "status"), 1);
	page_submit(&p, "Save the action");
	html_close(h);
	html_close(h);

	html_open(h, "section", "class", "card", "aria-labelledby", "links", NULL);
	html_elem(h, "h2", "Library items and deliverables", "id", "links", NULL);
	if (act->nlinks == 0)
		html_elem(h, "p", "Nothing linked yet.", "class", "muted", NULL);
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < act->nlinks; i++) {
		const struct plan_link *l = &act->links[i];
		int item = strcmp(l->kind, "library_item") == 0;
		html_open(h, "li", NULL);
		html_elem(h, "a", plan_view_link_text(rq->a, l), "href",
			  page_href(rq, item ? "/library/%lld" : "/deliverables/%lld", l->id), NULL);
		html_text(h, " ");
		page_form_begin(&p, arena_printf(rq->a, "%s/unlink", base), "inline");
		html_void(h, "input", "type", "hidden", "name", item ? "l_item" : "l_deliverable",
			  "value", arena_printf(rq->a, "%lld", (long long)l->id), NULL);
		html_elem(h, "button", "Unlink", "type", "submit", "class", "secondary",
			  "aria-label", arena_printf(rq->a, "Unlink %s", l->title), NULL);
		html_close(h);
		html_close(h);
	}
	html_close(h);
	page_form_begin(&p, arena_printf(rq->a, "%s/link", base), NULL);
	page_input(&p, "l_item", "Library item number", "number", NULL,
		   "The number in the library item's address, /library/NUMBER", 0);
	if (dlv.count > 0)
		page_select(&p, "l_deliverable", "Or one of the team's deliverables", dv, dl, NULL,
			    0);
	page_submit(&p, "Link");
	html_close(h);
	html_close(h);
	html_open(h, "section", "class", "card", "aria-labelledby", "remove", NULL);
	html_elem(h, "h2", "Remove the action", "id", "remove", NULL);
	html_elem(h, "p", "An action with PD sessions is dropped instead.", "class", "muted", NULL);
	page_button_form(&p, arena_printf(rq->a, "%s/remove", base), "Remove the action",
			 "secondary");
	html_close(h);
	page_end(&p);
	return 0;
}

/* The action of the path in the plan of the path, on which the actor may do verb
 * (policy rule "plan_action", asked with the action). */
static int pe_action_load(struct http_req *rq, struct planpage *pp, enum policy_verb verb,
			  const struct plan_action_full **act, struct cn_err *err)
{
	struct rec *a = NULL;
	if (pe_load(rq, pp, NULL, err) || pe_part(rq, pp, &plan_action_entity, "aid", &a, err) ||
	    http_allow_record(rq, verb, "plan_action", a, err))
		return -1;
	for (size_t i = 0; i < pp->full.nactions; i++)
		if (pp->full.actions[i].action->id == a->id) {
			*act = &pp->full.actions[i];
			return 0;
		}
	return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no such action");
}

static int pe_action_refused(struct http_req *rq, struct http_resp *rs, struct planpage *pp,
			     const struct plan_action_full *act, const struct cn_err *why,
			     struct cn_err *err)
{
	if (!page_refused(why)) {
		*err = *why;
		return -1;
	}
	return pe_action_page(rq, rs, pp, act, why, err);
}

/* GET /plans/{id}/actions/{aid} */
static int pe_action_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	const struct plan_action_full *act;
	if (pe_action_load(rq, &pp, POLICY_UPDATE, &act, err))
		return -1;
	return pe_action_page(rq, rs, &pp, act, NULL, err);
}

/* POST /plans/{id}/actions/{aid} */
static int pe_action_save(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	const struct plan_action_full *act;
	struct form f;
	if (pe_action_load(rq, &pp, POLICY_UPDATE, &act, err) || page_form(rq, &f, err))
		return -1;
	struct cn_err why = {0};
	if (page_update(rq, &f, "a_", pe_action_fields, act->action->id,
			rec_new(rq->a, &plan_action_entity), &why))
		return pe_action_refused(rq, rs, &pp, act, &why, err);
	page_redirect(rs, page_href(rq, "/plans/%lld?done=action#actions", pp.plan->id));
	return 0;
}

/* A positive id in form field name: 1 given, 0 empty, -1 with why naming it. */
static int pe_form_id(const struct form *f, const char *name, int64_t *out, struct cn_err *why)
{
	const char *v = form_get(f, name);
	*out = 0;
	if (v == NULL || v[0] == '\0')
		return 0;
	char *end = NULL;
	long long id = strtoll(v, &end, 10);
	if (*end != '\0' || id <= 0)
		return cn_err_field(why, CN_ERR_INPUT, name, "enter a number such as 12");
	*out = id;
	return 1;
}

/* POST /plans/{id}/actions/{aid}/link and /unlink */
static int pe_action_links(struct http_req *rq, struct http_resp *rs, int link,
			   struct cn_err *err)
{
	struct planpage pp;
	const struct plan_action_full *act;
	struct form f;
	if (pe_action_load(rq, &pp, POLICY_UPDATE, &act, err) || page_form(rq, &f, err))
		return -1;
	int64_t item = 0, dlv = 0;
	struct cn_err why = {0};
	int has_item = pe_form_id(&f, "l_item", &item, &why);
	int has_dlv = has_item < 0 ? -1 : pe_form_id(&f, "l_deliverable", &dlv, &why);
	if (has_item < 0 || has_dlv < 0)
		return pe_action_refused(rq, rs, &pp, act, &why, err);
	if (has_item + has_dlv != 1) {
		cn_err_field(&why, CN_ERR_INPUT, "l_item",
			     "give a library item's number or choose a deliverable (one of them)");
		return pe_action_refused(rq, rs, &pp, act, &why, err);
	}
	if (link ? plan_action_link(rq->db, &rq->who, act->action->id, item, dlv, &why)
		 : plan_action_unlink(rq->db, &rq->who, act->action->id, item, dlv, &why)) {
		snprintf(why.field, sizeof(why.field), "%s", has_item ? "l_item" : "l_deliverable");
		if (why.kind == CN_ERR_NOT_FOUND)
			why.kind = CN_ERR_INPUT;
		return pe_action_refused(rq, rs, &pp, act, &why, err);
	}
	page_redirect(rs, arena_printf(rq->a, "/plans/%lld/actions/%lld#links",
				       (long long)pp.plan->id, (long long)act->action->id));
	return 0;
}

static int pe_action_link(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return pe_action_links(rq, rs, 1, err);
}

static int pe_action_unlink(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return pe_action_links(rq, rs, 0, err);
}

/* POST /plans/{id}/actions/{aid}/remove */
static int pe_action_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	const struct plan_action_full *act;
	if (pe_action_load(rq, &pp, POLICY_DELETE, &act, err))
		return -1;
	struct cn_err why = {0};
	if (plan_action_remove(rq->db, &rq->who, act->action->id, &why))
		return pe_action_refused(rq, rs, &pp, act, &why, err);
	page_redirect(rs, page_href(rq, "/plans/%lld?done=removed#actions", pp.plan->id));
	return 0;
}

#define PE_ROUTE(m, path, fn, rule, verb, what) {m, path, fn, rule, verb, NULL, 0, what, NULL, NULL}

static const struct route plan_edit_routes[] = {
	PE_ROUTE("POST", "/plans/{id}/goals", pe_goal_add, "plan_goal", POLICY_CREATE,
		 "add a goal"),
	PE_ROUTE("GET", "/plans/{id}/goals/{gid}", pe_goal_show, "plan_goal", POLICY_UPDATE,
		 "a goal and its needs"),
	PE_ROUTE("POST", "/plans/{id}/goals/{gid}", pe_goal_save, "plan_goal", POLICY_UPDATE,
		 "change a goal"),
	PE_ROUTE("POST", "/plans/{id}/goals/{gid}/link", pe_goal_link, "plan_goal",
		 POLICY_UPDATE, "link a goal to an assessed need"),
	PE_ROUTE("POST", "/plans/{id}/goals/{gid}/unlink", pe_goal_unlink, "plan_goal",
		 POLICY_UPDATE, "unlink a need"),
	PE_ROUTE("POST", "/plans/{id}/goals/{gid}/remove", pe_goal_remove, "plan_goal",
		 POLICY_DELETE, "remove a goal"),
	PE_ROUTE("POST", "/plans/{id}/actions", pe_action_add, "plan_action", POLICY_CREATE,
		 "add an action"),
	PE_ROUTE("GET", "/plans/{id}/actions/{aid}", pe_action_show, "plan_action", POLICY_UPDATE,
		 "an action and its links"),
	PE_ROUTE("POST", "/plans/{id}/actions/{aid}", pe_action_save, "plan_action", POLICY_UPDATE,
		 "change an action"),
	PE_ROUTE("POST", "/plans/{id}/actions/{aid}/link", pe_action_link, "plan_action",
		 POLICY_UPDATE, "link a library item or deliverable"),
	PE_ROUTE("POST", "/plans/{id}/actions/{aid}/unlink", pe_action_unlink, "plan_action",
		 POLICY_UPDATE, "unlink a library item or deliverable"),
	PE_ROUTE("POST", "/plans/{id}/actions/{aid}/remove", pe_action_remove, "plan_action",
		 POLICY_DELETE, "remove an action"),
	PE_ROUTE("POST", "/plans/{id}/progress", pe_progress_add, "progress_check", POLICY_CREATE,
		 "record a progress check"),
	PE_ROUTE("POST", "/plans/{id}/schedules", pe_schedule_add, "plc_schedule", POLICY_CREATE,
		 "add a PLC schedule"),
	PE_ROUTE("POST", "/plans/{id}/schedules/{sid}/generate", pe_schedule_generate,
		 "plc_schedule", POLICY_UPDATE, "plan the sessions of a PLC schedule"),
};

#undef PE_ROUTE

const struct web_routes web_routes_plan_edit = {
	plan_edit_routes, sizeof(plan_edit_routes) / sizeof(plan_edit_routes[0])};
