/* pages_plan: district teams' professional-learning plans (DESIGN §2). The plans page
 * (the teams a person may see, with their plans, and the network templates); a team's
 * plans with the form to start one from its needs assessment (each high-priority gap
 * proposes a goal) or from a network template; the plan editor (web/plan/planpage.c); its
 * status workflow, saved versions, facilitator reviews, the library items recommended
 * per goal with their reasons, and the CSV, XLSX and PDF downloads. Goals, actions,
 * progress checks and PLC schedules are changed in pages_plan_edit.c. */
#include <stdio.h>
#include <string.h>

#include "app/assessment/assessment.h"
#include "app/network/network.h"
#include "app/plan/plan.h"
#include "app/plan/plan_export.h"
#include "app/plan/plan_recommend.h"
#include "app/plan/plan_review.h"
#include "app/plan/plan_status.h"
#include "app/plan/plan_template.h"
#include "app/plan/plan_version.h"
#include "app/access/policy.h"
#include "http/allow.h"
#include "web/page.h"
#include "web/plan/planpage.h"
#include "web/plan/teampage.h"
#include "web/web.h"
#include "app/network/team.h"

/* A network's plan templates (district plans when templates is 0). */
static int plan_of_network(struct http_req *rq, int64_t network_id, int templates,
			   struct rec_list *out, struct cn_err *err)
{
	struct rec_query q = {.limit = REC_LIST_MAX};
	q.filter[0] = arena_printf(rq->a, "%lld", (long long)network_id);
	q.filter[4] = templates ? "true" : "false";
	return rec_list(rq->db, rq->a, &plan_entity, &q, out, err);
}

/* One team's row of the plans page: its plans the actor may read, and its pages. */
static int plan_team_row(struct page *p, const struct rec *team, struct cn_err *err)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	struct teampage t;
	if (teampage_get(rq, team->id, &t, err))
		return -1;
	struct rec_list plans;
	if (page_list_all(rq, &plan_entity, "team_id", team->id, &plans, err))
		return -1;
	html_open(h, "tr", NULL);
	html_open(h, "th", "scope", "row", NULL);
	html_elem(h, "a", t.district, "href", page_href(rq, "/teams/%lld", team->id), NULL);
	html_close(h);
	html_open(h, "td", NULL);
	int shown = 0;
	for (size_t i = 0; i < plans.count; i++) {
		int can = http_can_read(rq, "plan", plans.items[i], err);
		if (can < 0)
			return -1;
		if (!can)
			continue;
		html_text(h, shown++ ? "; " : "");
		html_elem(h, "a", rec_text(plans.items[i], "title"), "href",
			  page_href(rq, "/plans/%lld", plans.items[i]->id), NULL);
		html_textf(h, " (%s)", rec_text(plans.items[i], "status"));
	}
	if (!shown)
		html_elem(h, "span", "No plan yet", "class", "muted", NULL);
	html_close(h);
	html_open(h, "td", NULL);
	html_elem(h, "a", "Assessments", "href", teampage_href(rq, &t, "assessments"), NULL);
	html_text(h, " | ");
	html_elem(h, "a", "Plans", "href", teampage_href(rq, &t, "plans"), NULL);
	html_text(h, " | ");
	html_elem(h, "a", "PD and walkthroughs", "href", teampage_href(rq, &t, "delivery"), NULL);
	html_text(h, " | ");
	html_elem(h, "a", "Profile", "href", teampage_href(rq, &t, "profile"), NULL);
	html_close(h);
	html_close(h);
	return 0;
}

/* A network's template about to be made, as the policy sees it. */
static struct rec *plan_new_template(struct http_req *rq, int64_t network_id, struct cn_err *err)
{
	struct rec *r = rec_new(rq->a, &plan_entity);
	if (rec_put_int(r, "network_id", network_id, err) || rec_put_int(r, "is_template", 1, err))
		return NULL;
	return r;
}

/* The prefix of the fields of a network's "New template" form ("tpl3_"): the plans page
 * has one form per network. */
static const char *plan_template_prefix(struct http_req *rq, int64_t network_id)
{
	return arena_printf(rq->a, "tpl%lld_", (long long)network_id);
}

/* The "New template" form of network net, for those who keep its templates. */
static int plan_template_form(struct page *p, const struct rec *net, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct rec *r = plan_new_template(rq, net->id, err);
	int may = r ? http_may_record(rq, POLICY_CREATE, "plan", r, err) : -1;
	if (may <= 0)
		return may;
	const char *pre = plan_template_prefix(rq, net->id);
	html_elem(&p->h, "h3", "New template", NULL);
	page_form_begin(p, page_href(rq, "/networks/%lld/plan-templates", net->id), NULL);
	page_input(p, arena_printf(rq->a, "%stitle", pre), "Title of the template", "text", NULL,
		   "The network's teams start their plans from it", 1);
	page_input(p, arena_printf(rq->a, "%sschool_year", pre), "School year", "text",
		   rec_text(net, "school_year"), "e.g. 2026-27", 1);
	page_submit(p, "Create the template");
	html_close(&p->h);
	return 0;
}

/* The templates of every network that the actor may read (a partner reads them all),
 * for someone in no network. */
static int plan_all_templates(struct page *p, struct cn_err *err)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	struct rec_query q = {.limit = REC_LIST_MAX};
	struct rec_list l;
	q.filter[4] = "true";
	if (rec_list(rq->db, rq->a, &plan_entity, &q, &l, err))
		return -1;
	int shown = 0;
	for (size_t i = 0; i < l.count; i++) {
		struct rec *net = NULL;
		int see = http_can_read(rq, "plan", l.items[i], err);
		if (see < 0)
			return -1;
		if (!see)
			continue;
		if (rec_get(rq->db, rq->a, &network_entity, rec_int(l.items[i], "network_id"), &net,
			    err))
			return -1;
		if (shown++ == 0) {
			html_open(h, "section", "class", "card", "aria-labelledby", "templates", NULL);
			html_elem(h, "h2", "Network plan templates", "id", "templates", NULL);
			html_open(h, "ul", NULL);
		}
		html_open(h, "li", NULL);
		html_elem(h, "a", rec_text(l.items[i], "title"), "href",
			  page_href(rq, "/plans/%lld", l.items[i]->id), NULL);
		html_textf(h, " (%s)", rec_text(net, "name"));
		html_close(h);
	}
	if (shown) {
		html_close(h);
		html_close(h);
	}
	return 0;
}

/* The plans page: per network, the teams the person may see with their plans, and the
 * network's templates with the form to make one; error (may be NULL) beside its field. */
static int plan_index_page(struct http_req *rq, struct http_resp *rs, const struct cn_err *error,
			   struct cn_err *err)
{
	/* Someone in no team (a partner) gets the page, saying so. */
	int may = http_allow_any(rq, POLICY_READ, "team", err);
	if (may != 0 && err->kind != CN_ERR_FORBIDDEN)
		return -1;
	cn_err_clear(err);
	struct rec_list nets = {0};
	if (may == 0 && page_my_networks(rq, &nets, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Plans", PAGE_NAV_PLANS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	html_elem(h, "h1", "Plans", NULL);
	page_errors(&p);
	html_elem(h, "p",
		  "Each district team assesses its needs, builds its own plan from them, and "
		  "checks its progress across the year.",
		  "class", "muted", NULL);
	int depth = html_depth(h);
	for (size_t n = 0; n < nets.count; n++) {
		const struct rec *net = nets.items[n];
		int can = http_can_read(rq, "network", net, err);
		if (can < 0)
			goto fail;
		if (!can)
			continue;
		struct rec_list teams, templates;
		if (page_list_all(rq, &team_entity, "network_id", net->id, &teams, err) ||
		    plan_of_network(rq, net->id, 1, &templates, err))
			goto fail;
		const char *id = arena_printf(rq->a, "net-%lld", (long long)net->id);
		html_open(h, "section", "class", "card", "aria-labelledby", id, NULL);
		html_elem(h, "h2", rec_text(net, "name"), "id", id, NULL);
		static const char *const heads[] = {"District team", "Plans", "Pages", NULL};
		int rows = 0;
		for (size_t i = 0; i < teams.count; i++) {
			int see = http_can_read(rq, "team", teams.items[i], err);
			if (see < 0)
				goto fail;
			if (!see)
				continue;
			if (rows++ == 0)
				page_table_begin(&p, arena_printf(rq->a, "Teams of %s",
								  rec_text(net, "name")),
						 0, heads, 0);
			if (plan_team_row(&p, teams.items[i], err))
				goto fail;
		}
		if (rows > 0)
			page_table_end(&p);
		else
			html_elem(h, "p", "No team you may see.", "class", "muted", NULL);
		int shown = 0;
		for (size_t i = 0; i < templates.count; i++) {
			int see = http_can_read(rq, "plan", templates.items[i], err);
			if (see < 0)
				goto fail;
			if (!see)
				continue;
			if (shown++ == 0) {
				html_elem(h, "h3", "Plan templates", NULL);
				html_open(h, "ul", NULL);
			}
			html_open(h, "li", NULL);
			html_elem(h, "a", rec_text(templates.items[i], "title"), "href",
				  page_href(rq, "/plans/%lld", templates.items[i]->id), NULL);
			html_close(h);
		}
		if (shown)
			html_close(h);
		if (plan_template_form(&p, net, err))
			goto fail;
		html_close(h);
	}
	if (nets.count == 0) {
		html_elem(h, "p", "You are not in a network yet.", "class", "muted", NULL);
		if (plan_all_templates(&p, err))
			goto fail;
	}
	page_end(&p);
	return 0;
fail:
	html_close_to(h, depth); /* the error page replaces it */
	return -1;
}

/* GET /plans */
static int plan_index(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return plan_index_page(rq, rs, NULL, err);
}

static const struct route_field plan_template_fields[] = {
	{.name = "title"}, {.name = "school_year"}, {.name = NULL},
};

/* POST /networks/{id}/plan-templates: a facilitator makes a template for her network
 * (policy rule "plan", asked with the template about to be) and goes to its editor. */
static int plan_template_new(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *net = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct rec *r = plan_new_template(rq, net->id, err);
	if (r == NULL || http_allow_record(rq, POLICY_CREATE, "plan", r, err))
		return -1;
	const char *pre = plan_template_prefix(rq, net->id);
	const char *title = form_get(&f, arena_printf(rq->a, "%stitle", pre));
	struct cn_err why = {0};
	if (title == NULL || title[0] == '\0')
		cn_err_field(&why, CN_ERR_INPUT, "title", "give the template a title");
	else if (page_fields(r, rq->a, &f, pre, rq->route->body, PAGE_NEW, &why) == 0 &&
		 rec_create(rq->db, &rq->who, rq->a, r, &why) == 0) {
		page_redirect(rs, page_href(rq, "/plans/%lld?done=template", r->id));
		return 0;
	}
	page_field_prefix(&why, pre);
	if (!page_refused(&why)) {
		*err = why;
		return -1;
	}
	return plan_index_page(rq, rs, &why, err);
}

/* The page of a team's plans, with error (may be NULL) beside the start form. */
static int plan_team_page(struct http_req *rq, struct http_resp *rs, const struct teampage *t,
			  const struct cn_err *error, struct cn_err *err)
{
	struct rec_list plans, assessments, templates;
	if (page_list_all(rq, &plan_entity, "team_id", t->team->id, &plans, err) ||
	    page_list_all(rq, &assessment_entity, "team_id", t->team->id, &assessments, err) ||
	    plan_of_network(rq, t->network->id, 1, &templates, err))
		return -1;
	struct rec *start = rec_new(rq->a, &plan_entity);
	if (rec_put_int(start, "team_id", t->team->id, err) ||
	    rec_put_int(start, "network_id", t->network->id, err))
		return -1;
	int may_start = http_may_record(rq, POLICY_CREATE, "plan", start, err);
	if (may_start < 0)
		return -1;
	struct page p;
	const char *title = arena_printf(rq->a, "Plans: %s", t->district);
	page_begin(&p, rq, rs, title, PAGE_NAV_PLANS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	teampage_crumbs(&p, t, "Plans");
	html_elem(h, "h1", title, NULL);
	page_errors(&p);
	if (plans.count == 0)
		html_elem(h, "p", "The team has no plan yet.", "class", "muted", NULL);
	static const char *const heads[] = {"Plan", "School year", "Status", NULL};
	if (plans.count > 0)
		page_table_begin(&p, "The team's plans", 0, heads, 0);
	for (size_t i = 0; i < plans.count; i++) {
		const struct rec *r = plans.items[i];
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", rec_text(r, "title"), "href", page_href(rq, "/plans/%lld", r->id),
			  NULL);
		html_close(h);
		html_elem(h, "td", rec_text(r, "school_year"), NULL);
		html_elem(h, "td", page_humanize(rq, rec_text(r, "status")), NULL);
		html_close(h);
	}
	if (plans.count > 0)
		page_table_end(&p);
	if (may_start) {
		size_t n = assessments.count + templates.count;
		const char **values = arena_alloc(rq->a, sizeof(*values) * (n + 2));
		const char **labels = arena_alloc(rq->a, sizeof(*labels) * (n + 2));
		size_t k = 0;
		for (size_t i = 0; i < assessments.count; i++, k++) {
			values[k] = arena_printf(rq->a, "assessment:%lld",
						 (long long)assessments.items[i]->id);
			labels[k] = arena_printf(rq->a, "The needs assessment of %s",
						 rec_text(assessments.items[i], "school_year"));
		}
		for (size_t i = 0; i < templates.count; i++, k++) {
			values[k] = arena_printf(rq->a, "template:%lld",
						 (long long)templates.items[i]->id);
			labels[k] = arena_printf(rq->a, "The network's template: %s",
						 rec_text(templates.items[i], "title"));
		}
		values[k] = "blank";
		labels[k++] = "A blank plan";
		values[k] = labels[k] = NULL;
		html_open(h, "section", "class", "card", "aria-labelledby", "start", NULL);
		html_elem(h, "h2", "Start a plan", "id", "start", NULL);
		html_elem(h, "p",
			  "From the assessment, each high-priority gap (a target above the "
			  "current level) proposes a goal linked to its need. From a template, "
			  "its goals and actions are copied and capnet measures how far the plan "
			  "departs from it.",
			  "class", "muted", NULL);
		page_form_begin(&p, teampage_href(rq, t, "plans"), NULL);
		page_radios(&p, "source", "Start from", values, labels, values[0], 1);
		page_input(&p, "title", "Title", "text", NULL,
			   "Default: the team's name, professional learning plan, the year", 0);
		page_submit(&p, "Start the plan");
		html_close(h);
		html_close(h);
	}
	page_end(&p);
	return 0;
}

/* GET /teams/{id}/plans */
static int plan_team(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct teampage t;
	if (teampage_of(rq, rq->record, &t, err))
		return -1;
	return plan_team_page(rq, rs, &t, NULL, err);
}

/* POST /teams/{id}/plans: source is "assessment:ID", "template:ID" or "blank". */
static int plan_start(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct teampage t;
	struct form f;
	if (teampage_of(rq, rq->record, &t, err) || page_form(rq, &f, err))
		return -1;
	struct rec *r = rec_new(rq->a, &plan_entity);
	if (rec_put_int(r, "team_id", t.team->id, err) ||
	    rec_put_int(r, "network_id", t.network->id, err) ||
	    http_allow_record(rq, POLICY_CREATE, "plan", r, err))
		return -1;
	const char *source = form_get(&f, "source");
	const char *title = form_get(&f, "title");
	if (title != NULL && title[0] == '\0')
		title = NULL;
	long long from = 0;
	int64_t plan_id = 0;
	struct cn_err why = {0};
	if (title != NULL && plan_text_check("title", title, 200, 0, &why))
		return plan_team_page(rq, rs, &t, &why, err);
	if (source != NULL && sscanf(source, "assessment:%lld", &from) == 1 && from > 0) {
		struct rec *as = NULL;
		if (rec_get(rq->db, rq->a, &assessment_entity, from, &as, err) ||
		    http_allow_record(rq, POLICY_READ, "assessment", as, err))
			return -1;
		if (rec_int(as, "team_id") != t.team->id)
			cn_err_field(&why, CN_ERR_INPUT, "source",
				     "choose one of this team's assessments");
		else
			plan_create_from_assessment(rq->db, &rq->who, from, title, &plan_id, NULL,
						    &why);
	} else if (source != NULL && sscanf(source, "template:%lld", &from) == 1 && from > 0) {
		plan_template_start(rq->db, &rq->who, from, t.team->id, title, &plan_id, &why);
	} else if (source != NULL && strcmp(source, "blank") == 0) {
		if ((title == NULL || rec_set_text(r, rq->a, "title", title, &why) == 0) &&
		    rec_create(rq->db, &rq->who, rq->a, r, &why) == 0)
			plan_id = r->id;
	} else {
		cn_err_field(&why, CN_ERR_INPUT, "source",
			     "choose what to start from: an assessment, a template or a blank plan");
	}
	if (plan_id == 0) {
		if (strcmp(why.field, "team_id") == 0 || strcmp(why.field, "template_id") == 0 ||
		    strcmp(why.field, "assessment_id") == 0)
			snprintf(why.field, sizeof(why.field), "source");
		if (!page_refused(&why)) {
			*err = why;
			return -1;
		}
		return plan_team_page(rq, rs, &t, &why, err);
	}
	page_redirect(rs, page_href(rq, "/plans/%lld?done=started", plan_id));
	return 0;
}

/* GET /plans/{id} */
static int plan_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	if (planpage_get(rq, rq->record->id, &pp, err))
		return -1;
	return planpage_show(rq, rs, &pp, NULL, err);
}

/* POST /plans/{id}/status: the district's lead submits, reopens and archives; a
 * facilitator approves or returns it (plan_status_set says who may). */
static int plan_status(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	const char *status = form_get(&f, "new_status");
	const char *note = form_get(&f, "status_note");
	struct cn_err why = {0};
	if (plan_status_set(rq->db, &rq->who, plan->id, status ? status : "",
			    note && note[0] ? note : NULL, 0, &why)) {
		if (strcmp(why.field, "status") == 0 || why.field[0] == '\0')
			snprintf(why.field, sizeof(why.field), "new_status");
		if (why.kind == CN_ERR_FORBIDDEN)
			why.kind = CN_ERR_CONFLICT; /* shown beside the choice it refuses */
		return planpage_refused(rq, rs, plan->id, &why, err);
	}
	page_redirect(rs, page_href(rq, "/plans/%lld?done=status#workflow", plan->id));
	return 0;
}

/* POST /plans/{id}/versions */
static int plan_version(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	const char *note = form_get(&f, "version_note");
	struct cn_err why = {0};
	if (plan_version_save(rq->db, &rq->who, plan->id, note && note[0] ? note : NULL, NULL,
			      &why)) {
		snprintf(why.field, sizeof(why.field), "version_note");
		return planpage_refused(rq, rs, plan->id, &why, err);
	}
	page_redirect(rs, page_href(rq, "/plans/%lld?done=version#versions", plan->id));
	return 0;
}

/* POST /plans/{id}/reviews */
static int plan_review(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	const char *comments = form_get(&f, "comments");
	struct cn_err why = {0};
	if (plan_review_add(rq->db, &rq->who, plan->id, 0, comments ? comments : "", NULL,
			    &why)) {
		snprintf(why.field, sizeof(why.field), "comments");
		return planpage_refused(rq, rs, plan->id, &why, err);
	}
	page_redirect(rs, page_href(rq, "/plans/%lld?done=review#reviews", plan->id));
	return 0;
}

/* One line of what changed since a version. */
struct plan_change {
	const char *title, *what, *change, *fields;
};

/* a and b differ in text field name (either may be null). */
static int plan_differs(const struct rec *a, const struct rec *b, const char *name)
{
	const char *x = rec_text(a, name), *y = rec_text(b, name);
	return (x == NULL) != (y == NULL) || (x != NULL && strcmp(x, y) != 0);
}

/* The labels of the fields of then and now that differ ("deadline, status"), or NULL. */
static const char *plan_fields_changed(struct http_req *rq, const struct rec *then,
				       const struct rec *now, const char *const *fields,
				       const char *extra)
{
	const char *out = extra;
	for (size_t i = 0; fields[i] != NULL; i++) {
		if (!plan_differs(then, now, fields[i]))
			continue;
		const char *label = page_humanize(rq, fields[i]);
		out = out ? arena_printf(rq->a, "%s, %s", out, label) : label;
	}
	return out;
}

/* Adds a row to ch (room for it was made). */
static void plan_change_add(struct plan_change *ch, size_t *n, const char *title,
			    const char *what, const char *change, const char *fields)
{
	ch[(*n)++] = (struct plan_change){title, what, change, fields};
}

/* The goals and actions of the version (pp->full) against the plan now (pp->now):
 * removed, changed (with the fields, and progress checks recorded since) and added. */
static size_t plan_changes(struct http_req *rq, const struct planpage *pp,
			   struct plan_change **out)
{
	static const char *const goal_fields[] = {"title", "baseline", "target", "deadline",
						  "measure", NULL};
	static const char *const action_fields[] = {"title", "kind", "starts_on", "due_on",
						    "status", NULL};
	const struct plan_full *then = &pp->full, *now = &pp->now;
	size_t n = 0, room = then->ngoals + now->ngoals + then->nactions + now->nactions;
	struct plan_change *ch = arena_alloc(rq->a, sizeof(*ch) * (room + 1));
	for (size_t i = 0; i < then->ngoals; i++) {
		const struct plan_goal_full *g = &then->goals[i];
		const struct plan_goal_full *g2 = plan_view_goal(now, g->goal->id);
		const char *title = rec_text(g->goal, "title");
		if (g2 == NULL) {
			plan_change_add(ch, &n, title, "Goal", "Removed", NULL);
			continue;
		}
		const char *checks = g2->nprogress > g->nprogress
					     ? arena_printf(rq->a, "%zu new progress check%s",
							    g2->nprogress - g->nprogress,
							    g2->nprogress - g->nprogress > 1 ? "s" : "")
					     : NULL;
		const char *f = plan_fields_changed(rq, g->goal, g2->goal, goal_fields, checks);
		if (f != NULL)
			plan_change_add(ch, &n, title, "Goal", "Changed", f);
	}
	for (size_t i = 0; i < now->ngoals; i++)
		if (plan_view_goal(then, now->goals[i].goal->id) == NULL)
			plan_change_add(ch, &n, rec_text(now->goals[i].goal, "title"), "Goal",
					"Added", NULL);
	for (size_t i = 0; i < then->nactions; i++) {
		const struct plan_action_full *a = &then->actions[i], *a2 = NULL;
		for (size_t k = 0; k < now->nactions && a2 == NULL; k++)
			if (now->actions[k].action->id == a->action->id)
				a2 = &now->actions[k];
		const char *title = rec_text(a->action, "title");
		if (a2 == NULL) {
			plan_change_add(ch, &n, title, "Action", "Removed", NULL);
			continue;
		}
		int owner = (a->owner == NULL) != (a2->owner == NULL) ||
			    (a->owner != NULL && strcmp(a->owner, a2->owner) != 0);
		int goal = rec_int(a->action, "goal_id") != rec_int(a2->action, "goal_id");
		const char *extra = goal ? (owner ? "Goal, Owner" : "Goal") : owner ? "Owner" : NULL;
		const char *f = plan_fields_changed(rq, a->action, a2->action, action_fields, extra);
		if (f != NULL)
			plan_change_add(ch, &n, title, "Action", "Changed", f);
	}
	for (size_t i = 0; i < now->nactions; i++) {
		int found = 0;
		for (size_t k = 0; k < then->nactions && !found; k++)
			found = then->actions[k].action->id == now->actions[i].action->id;
		if (!found)
			plan_change_add(ch, &n, rec_text(now->actions[i].action, "title"), "Action",
					"Added", NULL);
	}
	*out = ch;
	return n;
}

/* The section comparing the version with the plan now. */
static void plan_version_compare(struct page *p, const struct planpage *pp)
{
	struct html *h = &p->h;
	struct plan_change *ch;
	size_t n = plan_changes(p->rq, pp, &ch);
	html_open(h, "section", "class", "card", "aria-labelledby", "compare", NULL);
	html_elem(h, "h2", "Compared with the plan now", "id", "compare", NULL);
	if (n == 0)
		html_elem(h, "p", "Nothing has changed since this version.", "class", "muted", NULL);
	static const char *const heads[] = {"Item", "What", "Change", "Fields changed", NULL};
	if (n > 0)
		page_table_begin(p, "What changed since this version", 0, heads, 0);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "tr", NULL);
		html_elem(h, "th", ch[i].title, "scope", "row", NULL);
		html_elem(h, "td", ch[i].what, NULL);
		html_elem(h, "td", ch[i].change, NULL);
		html_elem(h, "td", ch[i].fields ? ch[i].fields : "-", NULL);
		html_close(h);
	}
	if (n > 0)
		page_table_end(p);
	html_close(h);
}

/* GET /plans/{id}/versions/{n}: a saved version as it was, and what changed since. */
static int plan_version_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	struct plan_version_info info;
	int64_t number;
	if (planpage_read(rq, rq->record->id, &pp, err) || page_id(rq, "n", &number, err) ||
	    planpage_version(rq, &pp, number, &info, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs,
		   arena_printf(rq->a, "Version %lld: %s", (long long)number, pp.version_title),
		   PAGE_NAV_PLANS);
	planpage_version_write(&p, &pp, &info);
	plan_version_compare(&p, &pp);
	page_end(&p);
	return 0;
}

/* GET /plans/{id}/export.csv, .xlsx and .pdf: the format is the path's extension. */
static int plan_download(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	enum plan_export_format fmt;
	const char *ext = strrchr(rq->path, '.');
	if (ext == NULL || plan_export_format_parse(ext + 1, &fmt, err))
		return -1;
	buf_reset(&rs->body);
	if (plan_export(rq->db, plan->id, rq->policy, fmt, &rs->body, NULL, err))
		return -1;
	rs->content_type = plan_export_media_type(fmt);
	http_resp_header(rs, "Content-Disposition",
			 arena_printf(rq->a, "attachment; filename=\"plan-%lld.%s\"",
				      (long long)plan->id, plan_export_extension(fmt)));
	http_resp_header(rs, "Cache-Control", "no-store");
	return 0;
}

/* GET /plans/{id}/recommendations: library items per goal, with the reasons. */
static int plan_recommendations(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	struct plan_recommendations r;
	if (planpage_read(rq, rq->record->id, &pp, err) ||
	    plan_recommend(rq->db, rq->a, pp.plan->id, 0, 0, &r, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Recommended library items", PAGE_NAV_PLANS);
	struct html *h = &p.h;
	planpage_crumbs(&p, &pp, "Recommendations");
	html_elem(h, "h1", "Recommended library items", NULL);
	html_elem(h, "p",
		  "For each goal, library items ranked by the goal's words they match, their "
		  "evidence tier, and how other teams rated them when they tried them out. "
		  "Items already linked to the plan's actions are left out.",
		  "class", "muted", NULL);
	if (r.ngoals == 0)
		html_elem(h, "p", "The plan has no goals yet.", "class", "muted", NULL);
	for (size_t g = 0; g < r.ngoals; g++) {
		const struct plan_recommend_goal *goal = &r.goals[g];
		const char *id = arena_printf(rq->a, "goal-%lld", (long long)goal->goal_id);
		html_open(h, "section", "class", "card", "aria-labelledby", id, NULL);
		html_elem(h, "h2", goal->title, "id", id, NULL);
		if (goal->count == 0)
			html_elem(h, "p", "No library item matches this goal's words.", "class",
				  "muted", NULL);
		html_open(h, "ol", NULL);
		for (size_t i = 0; i < goal->count; i++) {
			const struct plan_recommendation *it = &goal->items[i];
			html_open(h, "li", NULL);
			html_elem(h, "a", it->title, "href", page_href(rq, "/library/%lld", it->item_id),
				  NULL);
			html_open(h, "ul", NULL);
			for (size_t k = 0; k < it->nreasons; k++)
				html_elem(h, "li", it->reasons[k], NULL);
			html_close(h);
			html_close(h);
		}
		html_close(h);
		html_close(h);
	}
	page_end(&p);
	return 0;
}

/* The plan of the path, read and authorized (the route's rule and verb asked with it)
 * before the handler runs. */
static const struct route_load plan_of_path = {&plan_entity, "id", NULL, NULL, 0};
/* The network a template is made for, which the actor may read. */
static const struct route_load plan_network = {&network_entity, "id", NULL, NULL, 1};

static const struct route plan_routes[] = {
    {"GET", "/plans", plan_index, "team", POLICY_READ, NULL, 0,
     "the teams a person may see, their plans and the network templates", NULL, NULL, NULL},
    {"GET", "/teams/{id}/plans", plan_team, "team", POLICY_READ, NULL, 0, "a team's plans", NULL,
     NULL, &teampage_team},
    {"POST", "/networks/{id}/plan-templates", plan_template_new, "plan", POLICY_CREATE, NULL, 0,
     "make a plan template for the network", plan_template_fields, NULL, &plan_network},
    {"POST", "/teams/{id}/plans", plan_start, "plan", POLICY_CREATE, NULL, 0,
     "start a plan from an assessment, a template or blank", NULL, NULL, &teampage_team},
    {"GET", "/plans/{id}", plan_show, "plan", POLICY_READ, NULL, 0, "the plan editor", NULL, NULL,
     &plan_of_path},
    {"POST", "/plans/{id}/status", plan_status, "plan_status", POLICY_UPDATE, NULL, 0,
     "change a plan's status", NULL, NULL, &plan_of_path},
    {"POST", "/plans/{id}/versions", plan_version, "plan", POLICY_UPDATE, NULL, 0,
     "save a version of a plan", NULL, NULL, &plan_of_path},
    {"GET", "/plans/{id}/versions/{n}", plan_version_show, "plan", POLICY_READ, NULL, 0,
     "a saved version of a plan as it was", NULL, NULL, &plan_of_path},
    {"POST", "/plans/{id}/reviews", plan_review, "plan_review", POLICY_CREATE, NULL, 0,
     "review a plan", NULL, NULL, &plan_of_path},
    {"GET", "/plans/{id}/export.csv", plan_download, "plan", POLICY_READ, NULL, 0, "a plan as CSV",
     NULL, NULL, &plan_of_path},
    {"GET", "/plans/{id}/export.xlsx", plan_download, "plan", POLICY_READ, NULL, 0,
     "a plan as a spreadsheet", NULL, NULL, &plan_of_path},
    {"GET", "/plans/{id}/export.pdf", plan_download, "plan", POLICY_READ, NULL, 0,
     "a plan as a printable PDF", NULL, NULL, &plan_of_path},
    {"GET", "/plans/{id}/recommendations", plan_recommendations, "plan", POLICY_READ, NULL, 0,
     "library items recommended per goal, with the reasons", NULL, NULL, &plan_of_path},
};

const struct web_routes web_routes_plan = {plan_routes,
					   sizeof(plan_routes) / sizeof(plan_routes[0])};
