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

/* The forms, as their routes declare them: the fields of the record each edits. */
static const struct route_field pe_goal_form[] = {
	{"title", "string", 1, NULL, "where the district wants to be"},
	{"baseline", "string", 0, NULL, "where it is now"},
	{"target", "string", 0, NULL, NULL},
	{"deadline", "string", 0, NULL, "a date, YYYY-MM-DD"},
	{"measure", "string", 0, NULL, "how the team will know"},
	{NULL, NULL, 0, NULL, NULL},
};
static const struct route_field pe_action_form[] = {
	{"title", "string", 1, NULL, "what the team will do"},
	{"kind", "string", 1, plan_action_kinds, NULL},
	{"goal_id", "integer", 0, NULL, "the goal it serves"},
	{"owner_id", "integer", 0, NULL, "a member of the team"},
	{"starts_on", "string", 0, NULL, NULL},
	{"due_on", "string", 0, NULL, NULL},
	{"status", "string", 1, plan_action_statuses, NULL},
	{NULL, NULL, 0, NULL, NULL},
};
static const struct route_field pe_progress_form[] = {
	{"goal_id", "integer", 1, NULL, "one of the plan's goals"},
	{"checked_on", "string", 1, NULL, NULL},
	{"status", "string", 1, NULL, "met, on track, at risk or off track"},
	{"evidence", "string", 0, NULL, NULL},
	{"next_steps", "string", 0, NULL, NULL},
	{"guskey_level", "integer", 0, NULL, "1 to 5"},
	{NULL, NULL, 0, NULL, NULL},
};
static const struct route_field pe_schedule_form[] = {
	{"school_id", "integer", 0, NULL, NULL},  {"action_id", "integer", 0, NULL, NULL},
	{"recurrence", "string", 1, NULL, NULL},  {"weekday", "string", 1, NULL, NULL},
	{"week_of_month", "integer", 0, NULL, NULL}, {"start_time", "string", 1, NULL, NULL},
	{"minutes", "integer", 1, NULL, NULL},	  {"tz", "string", 0, NULL, NULL},
	{"pd_format", "string", 0, NULL, NULL},	  {"title", "string", 0, NULL, NULL},
	{"starts_on", "string", 1, NULL, NULL},	  {"ends_on", "string", 1, NULL, NULL},
	{NULL, NULL, 0, NULL, NULL},
};

/* Creates r from the form's prefixed fields (the route's declared form); the editor
 * again on refusal. */
static int pe_create(struct http_req *rq, struct http_resp *rs, const struct form *f,
		     struct rec *r, const char *prefix, const char *anchor, struct cn_err *err)
{
	struct cn_err why = {0};
	int64_t plan_id = rq->record->id;
	if (page_fields(r, rq->a, f, prefix, rq->route->body, PAGE_NEW, &why))
		return planpage_refused(rq, rs, plan_id, &why, err);
	if (rec_create(rq->db, &rq->who, rq->a, r, &why)) {
		page_field_prefix(&why, prefix);
		return planpage_refused(rq, rs, plan_id, &why, err);
	}
	page_redirect(rs, arena_printf(rq->a, "/plans/%lld?done=1#%s", (long long)plan_id, anchor));
	return 0;
}

/* The parts of a plan its editor adds (the route's rule names one), each with its
 * form's prefix and the editor's section that shows it. */
static const struct {
	const struct rec_entity *e;
	const char *prefix, *anchor;
} pe_parts[] = {
    {&plan_goal_entity, "g_", "goals"},
    {&plan_action_entity, "a_", "actions"},
    {&plc_schedule_entity, "s_", "schedule"},
};

/* POST /plans/{id}/goals, /actions and /schedules: a part of the route's plan (which
 * the actor may read: route_load with parent), which the actor may add under its rule,
 * asked with the part about to be. */
static int pe_part_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	size_t i = 0;
	while (strcmp(pe_parts[i].e->name, rq->route->entity) != 0)
		i++;
	struct form f;
	struct rec *r = rec_new(rq->a, pe_parts[i].e);
	if (page_form(rq, &f, err) || rec_put_int(r, "plan_id", rq->record->id, err) ||
	    http_allow_record(rq, POLICY_CREATE, pe_parts[i].e->name, r, err))
		return -1;
	return pe_create(rq, rs, &f, r, pe_parts[i].prefix, pe_parts[i].anchor, err);
}

/* POST /plans/{id}/progress: the district and the network's facilitators record
 * checks (policy rule "progress_check", asked with the check of the goal chosen). */
static int pe_progress_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	struct form f;
	if (planpage_read(rq, rq->record->id, &pp, err) || page_form(rq, &f, err) ||
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
		return planpage_refused(rq, rs, pp.plan->id, &why, err);
	}
	if (gid > 0 && (rec_put_int(r, "goal_id", gid, err) ||
			http_allow_record(rq, POLICY_CREATE, "progress_check", r, err)))
		return -1;
	return pe_create(rq, rs, &f, r, "pc_", "goals", err);
}

/* POST /plans/{id}/schedules/{sid}/generate */
static int pe_schedule_generate(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *s = rq->record;
	int64_t plan_id = rec_int(s, "plan_id");
	struct schedule_result res;
	struct cn_err why = {0};
	if (schedule_generate(rq->db, &rq->who, rq->a, s->id, &res, &why))
		return planpage_refused(rq, rs, plan_id, &why, err);
	page_redirect(rs, page_href(rq, "/plans/%lld?done=schedule#schedule", plan_id));
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

/* The page of the route's goal or action (loaded and authorized by the route), with
 * why (NULL, or a refusal shown beside its field with the input kept). The plan is read
 * only now, for the page. */
static int pe_part_answer(struct http_req *rq, struct http_resp *rs, const struct cn_err *why,
			  struct cn_err *err)
{
	if (why != NULL && !page_refused(why)) {
		*err = *why;
		return -1;
	}
	const struct rec *part = rq->record;
	struct planpage pp;
	if (planpage_read(rq, rec_int(part, "plan_id"), &pp, err))
		return -1;
	if (part->entity == &plan_goal_entity) {
		const struct plan_goal_full *g = plan_view_goal(&pp.full, part->id);
		if (g != NULL)
			return pe_goal_page(rq, rs, &pp, g, why, err);
	}
	for (size_t i = 0; i < pp.full.nactions; i++)
		if (part->entity == &plan_action_entity && pp.full.actions[i].action->id == part->id)
			return pe_action_page(rq, rs, &pp, &pp.full.actions[i], why, err);
	return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no such %s", part->entity->title);
}

/* The form's prefix and where the plan editor shows the route's goal or action. */
static void pe_part_names(const struct rec *part, const char **prefix, const char **done)
{
	int goal = part->entity == &plan_goal_entity;
	*prefix = goal ? "g_" : "a_";
	*done = goal ? "goal#goals" : "action#actions";
}

/* GET /plans/{id}/goals/{gid} and /plans/{id}/actions/{aid} */
static int pe_part_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return pe_part_answer(rq, rs, NULL, err);
}

/* POST /plans/{id}/goals/{gid} and /plans/{id}/actions/{aid}: the fields the route
 * declares (pe_goal_form, pe_action_form) onto the goal or action, as of the version
 * the form was read at. */
static int pe_part_save(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *part = rq->record;
	const char *prefix, *done;
	pe_part_names(part, &prefix, &done);
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct cn_err why = {0};
	if (page_update(rq, &f, prefix, part->id, rec_new(rq->a, part->entity), &why))
		return pe_part_answer(rq, rs, &why, err);
	page_redirect(rs, arena_printf(rq->a, "/plans/%lld?done=%s", (long long)rec_int(part, "plan_id"),
				       done));
	return 0;
}

/* POST /plans/{id}/goals/{gid}/remove and /plans/{id}/actions/{aid}/remove (an action
 * with PD sessions is dropped instead). */
static int pe_part_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *part = rq->record;
	int goal = part->entity == &plan_goal_entity;
	struct cn_err why = {0};
	if (goal ? plan_goal_remove(rq->db, &rq->who, part->id, &why)
		 : plan_action_remove(rq->db, &rq->who, part->id, &why))
		return pe_part_answer(rq, rs, &why, err);
	page_redirect(rs, arena_printf(rq->a, "/plans/%lld?done=removed#%s",
				       (long long)rec_int(part, "plan_id"), goal ? "goals" : "actions"));
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
static int pe_goal_need(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int link = strstr(rq->path, "/unlink") == NULL;
	const struct rec *goal = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	int64_t as = 0, ind = 0;
	struct cn_err why = {0};
	if (pe_need(&f, &as, &ind, &why) ||
	    (link ? plan_goal_link_need(rq->db, &rq->who, goal->id, as, ind, &why)
		  : plan_goal_unlink_need(rq->db, &rq->who, goal->id, as, ind, &why))) {
		if (why.field[0] != '\0' || why.kind == CN_ERR_NOT_FOUND) {
			snprintf(why.field, sizeof(why.field), "need");
			why.kind = CN_ERR_INPUT;
		}
		return pe_part_answer(rq, rs, &why, err);
	}
	page_redirect(rs, arena_printf(rq->a, "/plans/%lld/goals/%lld#needs",
				       (long long)rec_int(goal, "plan_id"), (long long)goal->id));
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
static int pe_action_links(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int link = strstr(rq->path, "/unlink") == NULL;
	const struct rec *act = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	int64_t item = 0, dlv = 0;
	struct cn_err why = {0};
	int has_item = pe_form_id(&f, "l_item", &item, &why);
	int has_dlv = has_item < 0 ? -1 : pe_form_id(&f, "l_deliverable", &dlv, &why);
	if (has_item < 0 || has_dlv < 0)
		return pe_part_answer(rq, rs, &why, err);
	if (has_item + has_dlv != 1) {
		cn_err_field(&why, CN_ERR_INPUT, "l_item",
			     "give a library item's number or choose a deliverable (one of them)");
		return pe_part_answer(rq, rs, &why, err);
	}
	if (link ? plan_action_link(rq->db, &rq->who, act->id, item, dlv, &why)
		 : plan_action_unlink(rq->db, &rq->who, act->id, item, dlv, &why)) {
		snprintf(why.field, sizeof(why.field), "%s", has_item ? "l_item" : "l_deliverable");
		if (why.kind == CN_ERR_NOT_FOUND)
			why.kind = CN_ERR_INPUT;
		return pe_part_answer(rq, rs, &why, err);
	}
	page_redirect(rs, arena_printf(rq->a, "/plans/%lld/actions/%lld#links",
				       (long long)rec_int(act, "plan_id"), (long long)act->id));
	return 0;
}

/* What the routes load: the plan a part is added to, or the part of the path, which
 * must be the plan's. */
static const struct route_load pe_plan = {&plan_entity, "id", NULL, NULL, 1};
static const struct route_load pe_goal = {&plan_goal_entity, "gid", "plan_id", "id", 0};
static const struct route_load pe_action = {&plan_action_entity, "aid", "plan_id", "id", 0};
static const struct route_load pe_schedule = {&plc_schedule_entity, "sid", "plan_id", "id", 0};

#define PE_ROUTE(m, path, fn, rule, verb, what, form, load)                                     \
	{m, path, fn, rule, verb, NULL, 0, what, form, NULL, load}

static const struct route plan_edit_routes[] = {
    PE_ROUTE("POST", "/plans/{id}/goals", pe_part_add, "plan_goal", POLICY_CREATE, "add a goal",
	     pe_goal_form, &pe_plan),
    PE_ROUTE("GET", "/plans/{id}/goals/{gid}", pe_part_show, "plan_goal", POLICY_UPDATE,
	     "a goal and its needs", NULL, &pe_goal),
    PE_ROUTE("POST", "/plans/{id}/goals/{gid}", pe_part_save, "plan_goal", POLICY_UPDATE,
	     "change a goal", pe_goal_form, &pe_goal),
    PE_ROUTE("POST", "/plans/{id}/goals/{gid}/link", pe_goal_need, "plan_goal", POLICY_UPDATE,
	     "link a goal to an assessed need", NULL, &pe_goal),
    PE_ROUTE("POST", "/plans/{id}/goals/{gid}/unlink", pe_goal_need, "plan_goal", POLICY_UPDATE,
	     "unlink a need", NULL, &pe_goal),
    PE_ROUTE("POST", "/plans/{id}/goals/{gid}/remove", pe_part_remove, "plan_goal", POLICY_DELETE,
	     "remove a goal", NULL, &pe_goal),
    PE_ROUTE("POST", "/plans/{id}/actions", pe_part_add, "plan_action", POLICY_CREATE,
	     "add an action", pe_action_form, &pe_plan),
    PE_ROUTE("GET", "/plans/{id}/actions/{aid}", pe_part_show, "plan_action", POLICY_UPDATE,
	     "an action and its links", NULL, &pe_action),
    PE_ROUTE("POST", "/plans/{id}/actions/{aid}", pe_part_save, "plan_action", POLICY_UPDATE,
	     "change an action", pe_action_form, &pe_action),
    PE_ROUTE("POST", "/plans/{id}/actions/{aid}/link", pe_action_links, "plan_action",
	     POLICY_UPDATE, "link a library item or deliverable", NULL, &pe_action),
    PE_ROUTE("POST", "/plans/{id}/actions/{aid}/unlink", pe_action_links, "plan_action",
	     POLICY_UPDATE, "unlink a library item or deliverable", NULL, &pe_action),
    PE_ROUTE("POST", "/plans/{id}/actions/{aid}/remove", pe_part_remove, "plan_action",
	     POLICY_DELETE, "remove an action", NULL, &pe_action),
    PE_ROUTE("POST", "/plans/{id}/progress", pe_progress_add, "progress_check", POLICY_CREATE,
	     "record a progress check", pe_progress_form, &pe_plan),
    PE_ROUTE("POST", "/plans/{id}/schedules", pe_part_add, "plc_schedule", POLICY_CREATE,
	     "add a PLC schedule", pe_schedule_form, &pe_plan),
    PE_ROUTE("POST", "/plans/{id}/schedules/{sid}/generate", pe_schedule_generate, "plc_schedule",
	     POLICY_UPDATE, "plan the sessions of a PLC schedule", NULL, &pe_schedule),
};

#undef PE_ROUTE

const struct web_routes web_routes_plan_edit = {
	plan_edit_routes, sizeof(plan_edit_routes) / sizeof(plan_edit_routes[0])};
