/* planpage: loading a plan for the plan pages, and the plan editor (see planpage.h). */
#include "web/plan/planpage.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "app/delivery/delivery.h"
#include "app/network/network.h"
#include "app/plan/plan.h"
#include "app/plan/plan_review.h"
#include "app/plan/plan_template.h"
#include "app/plan/plan_version.h"
#include "app/plan/schedule.h"
#include "app/tz.h"
#include "http/allow.h"

const char *const planpage_kind_labels[] = {"Study",	   "Try out",   "Create a deliverable",
					    "Deliver PD",  "Structure", "Policy",
					    NULL};
const char *const planpage_action_status_labels[] = {"Planned", "In progress", "Done", "Dropped",
						     NULL};
const char *const planpage_progress_labels[] = {"Met", "On track", "At risk", "Off track", NULL};
const char *const planpage_guskey_values[] = {"1", "2", "3", "4", "5", NULL};
const char *const planpage_guskey_labels[] = {
	"1 participants' reactions", "2 participants' learning",
	"3 organizational support and change", "4 participants' use of new knowledge and skills",
	"5 student learning outcomes", NULL};

static const char *const pp_recurrences[] = {"weekly", "biweekly", "monthly", NULL};
static const char *const pp_recurrence_labels[] = {"Weekly", "Every two weeks",
						   "Monthly on a weekday", NULL};
static const char *const pp_weekdays[] = {"monday", "tuesday", "wednesday", "thursday",
					  "friday", NULL};
static const char *const pp_weekday_labels[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
						"Friday", NULL};
static const char *const pp_weeks[] = {"1", "2", "3", "4", "5", NULL};
static const char *const pp_week_labels[] = {"First", "Second", "Third", "Fourth", "Last", NULL};

int planpage_read(struct http_req *rq, int64_t plan_id, struct planpage *pp, struct cn_err *err)
{
	memset(pp, 0, sizeof(*pp));
	if (plan_view_load(rq->db, rq->a, plan_id, &pp->full, err) ||
	    plan_view_hide(&pp->full, rq->policy, err))
		return -1;
	struct rec *plan = pp->plan = pp->full.plan;
	pp->is_template = rec_int(plan, "is_template") != 0;
	if (!pp->is_template && teampage_get(rq, rec_int(plan, "team_id"), &pp->team, err))
		return -1;
	if (rec_get(rq->db, rq->a, &network_entity, rec_int(plan, "network_id"), &pp->network,
		    err))
		return -1;
	pp->scope = pp->team.scope;
	pp->scope.network_id = pp->network->id;
	return 0;
}

int planpage_get(struct http_req *rq, int64_t plan_id, struct planpage *pp, struct cn_err *err)
{
	if (planpage_read(rq, plan_id, pp, err))
		return -1;
	struct plan_may may;
	if (plan_view_may(rq->db, http_policy(rq), &rq->who, rq->a, &pp->full, &may, err))
		return -1;
	pp->may_edit = may.edit;
	pp->may_mark = may.mark;
	pp->may_check = may.check;
	pp->may_status = may.status;
	pp->moves = may.moves;
	pp->may_review = may.review;
	pp->may_schedule = may.schedule;
	return 0;
}

void planpage_crumbs(struct page *p, const struct planpage *pp, const char *here)
{
	struct http_req *rq = p->rq;
	const char *title = rec_text(pp->plan, "title");
	const char *href = here ? page_href(rq, "/plans/%lld", pp->plan->id) : NULL;
	if (pp->is_template) {
		page_crumbs(p, "Plans", "/plans", title, href, here, NULL, NULL);
		return;
	}
	page_crumbs(p, "Networks", "/networks", rec_text(pp->network, "name"),
		    page_href(rq, "/networks/%lld", pp->network->id), pp->team.district,
		    page_href(rq, "/teams/%lld", pp->team.team->id), "Plans",
		    teampage_href(rq, &pp->team, "plans"), title, href, here, NULL, NULL);
}

int planpage_refused(struct http_req *rq, struct http_resp *rs, int64_t plan_id,
		     const struct cn_err *why, struct cn_err *err)
{
	if (!page_refused(why) && why->kind != CN_ERR_THROTTLED) {
		*err = *why;
		return -1;
	}
	struct planpage pp;
	if (planpage_get(rq, plan_id, &pp, err))
		return -1;
	return planpage_show(rq, rs, &pp, why, err);
}

/* A section card with its heading (id names it). */
static void pp_section(struct page *p, const char *id, const char *title)
{
	html_open(&p->h, "section", "class", "card", "aria-labelledby", id, NULL);
	html_elem(&p->h, "h2", title, "id", id, NULL);
}

static void pp_dd(struct page *p, const char *term, const char *value)
{
	html_elem(&p->h, "dt", term, NULL);
	html_elem(&p->h, "dd", value ? value : "-", NULL);
}

static void pp_facts(struct page *p, const struct planpage *pp)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	const struct plan_full *f = &pp->full;
	html_open(h, "dl", NULL);
	if (!pp->is_template)
		pp_dd(p, "District", f->district_name);
	pp_dd(p, "Network", f->network_name);
	pp_dd(p, "School year", rec_text(pp->plan, "school_year"));
	pp_dd(p, "Status", page_humanize(rq, rec_text(pp->plan, "status")));
	if (!rec_is_null(pp->plan, "template_id")) {
		html_elem(h, "dt", "Started from the template", NULL);
		html_open(h, "dd", NULL);
		html_elem(h, "a", f->template_title, "href",
			  page_href(rq, "/plans/%lld", rec_int(pp->plan, "template_id")), NULL);
		html_close(h);
	}
	if (!rec_is_null(pp->plan, "assessment_id")) {
		html_elem(h, "dt", "Answers the needs assessment", NULL);
		html_open(h, "dd", NULL);
		html_elem(h, "a", "The team's assessment", "href",
			  page_href(rq, "/assessments/%lld", rec_int(pp->plan, "assessment_id")),
			  NULL);
		html_close(h);
	}
	pp_dd(p, "Latest saved version",
	      f->latest_version ? arena_printf(rq->a, "%lld", (long long)f->latest_version)
				: "none yet");
	html_close(h);
}

/* The status workflow: the statuses the actor may move the plan to, with a note; and
 * why an approved plan cannot be changed. */
static void pp_workflow(struct page *p, const struct planpage *pp)
{
	struct http_req *rq = p->rq;
	const char *const *next = pp->moves;
	if (pp->version == 0 && strcmp(rec_text(pp->plan, "status"), "approved") == 0)
		html_elem(&p->h, "p",
			  pp->is_template
				  ? "This template is approved, so its goals and actions are "
				    "read-only. To change them, a facilitator of the network "
				    "reopens it (Move the plan to: Draft)."
				  : "This plan is approved, so its goals, actions and PLC "
				    "schedules are read-only. To change them, the district lead "
				    "reopens it (Move the plan to: Draft) and submits it for "
				    "approval again; progress checks and reviews go on meanwhile.",
			  "class", "notice", "id", "approved-note", NULL);
	if (!pp->may_status || next == NULL || next[0] == NULL)
		return;
	size_t n = 0;
	while (next[n] != NULL)
		n++;
	const char **labels = arena_alloc(rq->a, sizeof(*labels) * (n + 1));
	for (size_t i = 0; i <= n; i++)
		labels[i] = next[i] ? page_humanize(rq, next[i]) : NULL;
	pp_section(p, "workflow", "Status");
	page_form_begin(p, page_href(rq, "/plans/%lld/status", pp->plan->id), NULL);
	page_select(p, "new_status", "Move the plan to", next, labels, NULL, 1);
	page_input(p, "status_note", "Note for the saved version", "text", NULL,
		   "Submitting, approving and returning save a version", 0);
	page_submit(p, "Change the status");
	html_close(&p->h);
	html_close(&p->h);
}

static void pp_goal(struct page *p, const struct planpage *pp, const struct plan_goal_full *g)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	const struct rec *r = g->goal;
	html_open(h, "article", "class", "goal", "aria-labelledby",
		  arena_printf(rq->a, "goal-%lld", (long long)r->id), NULL);
	html_elem(h, "h3", rec_text(r, "title"), "id",
		  arena_printf(rq->a, "goal-%lld", (long long)r->id), NULL);
	html_open(h, "dl", NULL);
	pp_dd(p, "Baseline", rec_text(r, "baseline"));
	pp_dd(p, "Target", rec_text(r, "target"));
	pp_dd(p, "Deadline", rec_text(r, "deadline"));
	pp_dd(p, "Measure", rec_text(r, "measure"));
	pp_dd(p, "Assessed needs", plan_view_needs_text(rq->a, g));
	html_close(h);
	if (g->nprogress > 0) {
		static const char *const heads[] = {"Checked on", "Status", "Evidence",
						    "Next steps", "Guskey level", NULL};
		page_table_begin(p, arena_printf(rq->a, "Progress checks of %s",
						 rec_text(r, "title")),
				 0, heads, 0);
		for (size_t i = 0; i < g->nprogress; i++) {
			const struct plan_progress *c = &g->progress[i];
			int good = strcmp(c->status, "met") == 0 || strcmp(c->status, "on_track") == 0;
			html_open(h, "tr", NULL);
			html_elem(h, "th", c->checked_on, "scope", "row", NULL);
			html_open(h, "td", NULL);
			html_elem(h, "span", page_humanize(rq, c->status), "class",
				  good ? "status-good" : "status-bad", NULL);
			html_close(h);
			html_elem(h, "td", c->evidence, NULL);
			html_elem(h, "td", c->next_steps, NULL);
			html_elem(h, "td", plan_guskey_label((int)c->guskey_level), NULL);
			html_close(h);
		}
		page_table_end(p);
	}
	if (pp->may_edit) {
		html_open(h, "p", NULL);
		html_elem(h, "a", arena_printf(rq->a, "Edit the goal: %s", rec_text(r, "title")),
			  "href",
			  arena_printf(rq->a, "/plans/%lld/goals/%lld", (long long)pp->plan->id,
				       (long long)r->id),
			  NULL);
		html_close(h);
	}
	html_close(h);
}

/* The goals as choices for a select (value id, label title), NULL-terminated. */
static void pp_goal_choices(struct http_req *rq, const struct planpage *pp, const char ***values,
			    const char ***labels)
{
	size_t n = pp->full.ngoals;
	*values = arena_alloc(rq->a, sizeof(**values) * (n + 1));
	*labels = arena_alloc(rq->a, sizeof(**labels) * (n + 1));
	for (size_t i = 0; i < n; i++) {
		(*values)[i] = arena_printf(rq->a, "%lld", (long long)pp->full.goals[i].goal->id);
		(*labels)[i] = rec_text(pp->full.goals[i].goal, "title");
	}
	(*values)[n] = (*labels)[n] = NULL;
}

static void pp_goals(struct page *p, const struct planpage *pp)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	pp_section(p, "goals", "Goals");
	if (pp->full.ngoals == 0)
		html_elem(h, "p", "No goals yet.", "class", "muted", NULL);
	else if (pp->version == 0) {
		html_open(h, "p", NULL);
		html_elem(h, "a", "Library items recommended for each goal, with the reasons",
			  "href", page_href(rq, "/plans/%lld/recommendations", pp->plan->id),
			  NULL);
		html_close(h);
	}
	for (size_t i = 0; i < pp->full.ngoals; i++)
		pp_goal(p, pp, &pp->full.goals[i]);
	if (pp->may_edit) {
		html_elem(h, "h3", "Add a goal", NULL);
		page_form_begin(p, page_href(rq, "/plans/%lld/goals", pp->plan->id), NULL);
		page_input(p, "g_title", "Where the district wants to be", "text", NULL, NULL, 1);
		page_input(p, "g_baseline", "Baseline: where it is now", "text", NULL, NULL, 0);
		page_input(p, "g_target", "Target", "text", NULL, NULL, 0);
		page_input(p, "g_deadline", "Deadline", "date", NULL, NULL, 0);
		page_textarea(p, "g_measure", "How the team will know", NULL, NULL, 0, NULL);
		page_submit(p, "Add the goal");
		html_close(h);
	}
	html_close(h);
}

/* The status cell of action r on an approved plan: its status is still the district's
 * to move along as the plan is carried out (the form sends the status alone). */
static void pp_action_status_form(struct page *p, const struct planpage *pp, const struct rec *r)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	const char *id = arena_printf(rq->a, "status-%lld", (long long)r->id);
	const char *status = rec_text(r, "status");
	html_open(h, "td", NULL);
	page_form_begin(p,
			arena_printf(rq->a, "/plans/%lld/actions/%lld", (long long)pp->plan->id,
				     (long long)r->id),
			"inline");
	page_version(p, r);
	html_elem(h, "label", arena_printf(rq->a, "Status of %s", rec_text(r, "title")), "for",
		  id, "class", "visually-hidden", NULL);
	html_open(h, "select", "id", id, "name", "a_status", NULL);
	for (size_t i = 0; plan_action_statuses[i] != NULL; i++)
		html_elem(h, "option", planpage_action_status_labels[i], "value",
			  plan_action_statuses[i], "selected",
			  strcmp(status, plan_action_statuses[i]) == 0 ? "" : NULL, NULL);
	html_close(h);
	html_elem(h, "button", "Set", "type", "submit", "class", "secondary", "aria-label",
		  arena_printf(rq->a, "Set the status of %s", rec_text(r, "title")), NULL);
	html_close(h);
	html_close(h);
}

static void pp_actions(struct page *p, const struct planpage *pp)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	pp_section(p, "actions", "Actions");
	if (pp->full.nactions == 0)
		html_elem(h, "p", "No actions yet.", "class", "muted", NULL);
	static const char *const heads[] = {"Action", "Kind",  "Goal",   "Owner",
					    "Dates",  "Status", "Linked", NULL};
	if (pp->full.nactions > 0)
		page_table_begin(p, "The plan's actions", 0, heads, 0);
	for (size_t i = 0; i < pp->full.nactions; i++) {
		const struct plan_action_full *a = &pp->full.actions[i];
		const struct rec *r = a->action;
		const struct plan_goal_full *g = plan_view_goal(&pp->full, rec_int(r, "goal_id"));
		html_open(h, "tr", "id", arena_printf(rq->a, "action-%lld", (long long)r->id), NULL);
		html_open(h, "th", "scope", "row", NULL);
		if (pp->may_edit)
			html_elem(h, "a", rec_text(r, "title"), "href",
				  arena_printf(rq->a, "/plans/%lld/actions/%lld",
					       (long long)pp->plan->id, (long long)r->id),
				  NULL);
		else
			html_text(h, rec_text(r, "title"));
		html_close(h);
		html_elem(h, "td", page_humanize(rq, rec_text(r, "kind")), NULL);
		html_elem(h, "td", g ? rec_text(g->goal, "title") : "-", NULL);
		html_elem(h, "td", a->owner ? a->owner : "-", NULL);
		html_open(h, "td", NULL);
		html_textf(h, "%s to %s", rec_text(r, "starts_on") ? rec_text(r, "starts_on") : "?",
			   rec_text(r, "due_on") ? rec_text(r, "due_on") : "?");
		html_close(h);
		if (pp->may_mark)
			pp_action_status_form(p, pp, r);
		else
			html_elem(h, "td", page_humanize(rq, rec_text(r, "status")), NULL);
		html_open(h, "td", NULL);
		for (size_t k = 0; k < a->nlinks; k++) {
			const struct plan_link *l = &a->links[k];
			int item = strcmp(l->kind, "library_item") == 0;
			if (k > 0)
				html_text(h, "; ");
			html_elem(h, "a", plan_view_link_text(rq->a, l), "href",
				  page_href(rq, item ? "/library/%lld" : "/deliverables/%lld", l->id),
				  NULL);
		}
		html_close(h);
		html_close(h);
	}
	if (pp->full.nactions > 0)
		page_table_end(p);
	if (pp->may_edit) {
		struct teampage_choices people = {0};
		struct cn_err ignored = {0};
		if (!pp->is_template && teampage_people(rq, &pp->team, &people, &ignored) != 0)
			people.values = people.labels = NULL;
		const char **goals, **goal_labels;
		pp_goal_choices(rq, pp, &goals, &goal_labels);
		html_elem(h, "h3", "Add an action", NULL);
		page_form_begin(p, page_href(rq, "/plans/%lld/actions", pp->plan->id), NULL);
		page_input(p, "a_title", "What the team will do", "text", NULL, NULL, 1);
		page_select(p, "a_kind", "Kind", plan_action_kinds, planpage_kind_labels, NULL, 1);
		page_select(p, "a_goal_id", "The goal it serves", goals, goal_labels, NULL, 0);
		if (people.values != NULL)
			page_select(p, "a_owner_id", "Owner", people.values, people.labels, NULL,
				    0);
		page_input(p, "a_starts_on", "Starts on", "date", NULL, NULL, 0);
		page_input(p, "a_due_on", "Due on", "date", NULL, NULL, 0);
		page_submit(p, "Add the action");
		html_close(h);
	}
	html_close(h);
}

static void pp_progress_form(struct page *p, const struct planpage *pp)
{
	struct http_req *rq = p->rq;
	if (!pp->may_check || pp->full.ngoals == 0)
		return;
	const char **goals, **goal_labels;
	pp_goal_choices(rq, pp, &goals, &goal_labels);
	pp_section(p, "progress", "Check progress");
	page_form_begin(p, page_href(rq, "/plans/%lld/progress", pp->plan->id), NULL);
	page_select(p, "pc_goal_id", "Goal", goals, goal_labels, NULL, 1);
	page_input(p, "pc_checked_on", "Checked on", "date", NULL, "Default: today", 0);
	page_radios(p, "pc_status", "Where the goal stands", plan_progress_statuses,
		    planpage_progress_labels, NULL, 1);
	page_textarea(p, "pc_evidence", "Evidence", NULL, "What shows it", 0, NULL);
	page_textarea(p, "pc_next_steps", "Next steps", NULL, NULL, 0, NULL);
	page_select(p, "pc_guskey_level", "Guskey level of the evidence", planpage_guskey_values,
		    planpage_guskey_labels, NULL, 0);
	page_submit(p, "Record the check");
	html_close(&p->h);
	html_close(&p->h);
}

static const char *pp_recurrence_text(struct http_req *rq, const struct rec *s)
{
	const char *day = page_humanize(rq, rec_text(s, "weekday"));
	const char *rec = rec_text(s, "recurrence");
	if (strcmp(rec, "monthly") == 0) {
		int64_t w = rec_int(s, "week_of_month");
		return arena_printf(rq->a, "Monthly, %s %s",
				    w >= 1 && w <= 5 ? pp_week_labels[w - 1] : "first", day);
	}
	return arena_printf(rq->a, "%s, %s", strcmp(rec, "weekly") == 0 ? "Weekly" : "Every two weeks",
			    day);
}

static int pp_schedules(struct page *p, const struct planpage *pp, struct cn_err *err)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	if (pp->is_template)
		return 0;
	struct rec_list l;
	if (page_list_all(rq, &plc_schedule_entity, "plan_id", pp->plan->id, &l, err))
		return -1;
	struct teampage_choices schools;
	if (teampage_schools(rq, &pp->team, &schools, err))
		return -1;
	pp_section(p, "schedule", "PLC schedule");
	html_open(h, "p", NULL);
	html_text(h, "Each schedule plans PD sessions across the school year, skipping breaks. ");
	html_elem(h, "a", "The team's PD sessions and walkthroughs", "href",
		  teampage_href(rq, &pp->team, "delivery"), NULL);
	html_close(h);
	static const char *const heads[] = {"School", "When", "Start", "Minutes", "Format",
					    "Dates", "", NULL};
	if (l.count > 0)
		page_table_begin(p, "The plan's PLC schedules", 0, heads, 1u << 3);
	for (size_t i = 0; i < l.count; i++) {
		const struct rec *s = l.items[i];
		const char *school = teampage_choice_label(&schools, rec_int(s, "school_id"));
		html_open(h, "tr", NULL);
		html_elem(h, "th", school ? school : "-", "scope", "row", NULL);
		html_elem(h, "td", pp_recurrence_text(rq, s), NULL);
		html_elem(h, "td", arena_printf(rq->a, "%s %s", rec_text(s, "start_time"),
						rec_text(s, "tz")),
			  NULL);
		html_elem(h, "td", arena_printf(rq->a, "%lld", (long long)rec_int(s, "minutes")),
			  "class", "num", NULL);
		html_elem(h, "td", page_humanize(rq, rec_text(s, "pd_format")), NULL);
		html_elem(h, "td",
			  arena_printf(rq->a, "%s to %s",
				       rec_text(s, "starts_on") ? rec_text(s, "starts_on")
								: "start of year",
				       rec_text(s, "ends_on") ? rec_text(s, "ends_on")
							      : "end of year"),
			  NULL);
		html_open(h, "td", NULL);
		if (pp->may_schedule)
			page_button_form(p,
					 arena_printf(rq->a, "/plans/%lld/schedules/%lld/generate",
						      (long long)pp->plan->id, (long long)s->id),
					 "Plan the sessions", "secondary");
		html_close(h);
		html_close(h);
	}
	if (l.count > 0)
		page_table_end(p);
	if (pp->may_schedule && schools.count > 0) {
		const char **actions = arena_alloc(rq->a, sizeof(*actions) * (pp->full.nactions + 1));
		const char **labels = arena_alloc(rq->a, sizeof(*labels) * (pp->full.nactions + 1));
		for (size_t i = 0; i <= pp->full.nactions; i++) {
			const struct rec *a = i < pp->full.nactions ? pp->full.actions[i].action : NULL;
			actions[i] = a ? arena_printf(rq->a, "%lld", (long long)a->id) : NULL;
			labels[i] = a ? rec_text(a, "title") : NULL;
		}
		html_elem(h, "h3", "Add a PLC schedule", NULL);
		page_form_begin(p, page_href(rq, "/plans/%lld/schedules", pp->plan->id), NULL);
		page_select(p, "s_school_id", "School", schools.values, schools.labels, NULL, 1);
		page_select(p, "s_action_id", "The action it carries out", actions, labels, NULL, 0);
		page_select(p, "s_recurrence", "Recurs", pp_recurrences, pp_recurrence_labels,
			    "weekly", 1);
		page_select(p, "s_weekday", "Weekday", pp_weekdays, pp_weekday_labels, "tuesday",
			    1);
		page_select(p, "s_week_of_month", "Week of the month (monthly only)", pp_weeks,
			    pp_week_labels, NULL, 0);
		page_input(p, "s_start_time", "Start time", "time", "15:30", NULL, 1);
		page_input(p, "s_minutes", "Minutes", "number", "60", NULL, 1);
		page_select(p, "s_tz", "Time zone", tz_choices, tz_labels, NULL, 1);
		page_select(p, "s_pd_format", "Format", delivery_formats, delivery_format_labels,
			    "plc", 1);
		page_input(p, "s_title", "Title of each session", "text", "PLC", NULL, 1);
		page_input(p, "s_starts_on", "First day", "date", NULL,
			   "Default: the school year's first day", 0);
		page_input(p, "s_ends_on", "Last day", "date", NULL,
			   "Default: the school year's last day", 0);
		page_submit(p, "Add the schedule");
		html_close(h);
	}
	html_close(h);
	return 0;
}

static int pp_departure(struct page *p, const struct planpage *pp, struct cn_err *err)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	if (rec_is_null(pp->plan, "template_id"))
		return 0;
	struct plan_departure d;
	if (plan_template_departure(rq->db, rq->a, pp->plan->id, &d, err))
		return -1;
	pp_section(p, "departure", "Departure from the template");
	html_open(h, "p", NULL);
	html_textf(h,
		   "%d%% departs from \"%s\": goals %zu added, %zu removed, %zu changed, %zu "
		   "kept; actions %zu added, %zu removed, %zu changed, %zu kept.",
		   (int)(d.departure * 100.0 + 0.5), d.template_title ? d.template_title : "",
		   d.goals_added, d.goals_removed, d.goals_changed, d.goals_kept, d.actions_added,
		   d.actions_removed, d.actions_changed, d.actions_kept);
	html_close(h);
	static const char *const heads[] = {"Item", "What", "Change", "Fields changed", NULL};
	if (d.count > 0)
		page_table_begin(p, "What changed against the template", 0, heads, 0);
	for (size_t i = 0; i < d.count; i++) {
		const struct plan_departure_item *it = &d.items[i];
		html_open(h, "tr", NULL);
		html_elem(h, "th", it->title, "scope", "row", NULL);
		html_elem(h, "td", page_humanize(rq, it->what), NULL);
		html_elem(h, "td", page_humanize(rq, it->change), NULL);
		html_elem(h, "td", it->fields ? it->fields : "-", NULL);
		html_close(h);
	}
	if (d.count > 0)
		page_table_end(p);
	html_close(h);
	return 0;
}

static int pp_versions(struct page *p, const struct planpage *pp, struct cn_err *err)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	struct plan_version_info *v;
	size_t n;
	if (plan_version_list(rq->db, rq->a, pp->plan->id, &v, &n, err))
		return -1;
	pp_section(p, "versions", "Versions");
	if (n == 0)
		html_elem(h, "p", "No version saved yet.", "class", "muted", NULL);
	static const char *const heads[] = {"Version", "Saved", "By", "Status", "Note", NULL};
	if (n > 0)
		page_table_begin(p, "Saved versions, oldest first", 0, heads, 1u);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", "class", "num", NULL);
		html_elem(h, "a", arena_printf(rq->a, "Version %lld", (long long)v[i].number),
			  "href",
			  arena_printf(rq->a, "/plans/%lld/versions/%lld", (long long)pp->plan->id,
				       (long long)v[i].number),
			  NULL);
		html_close(h);
		html_elem(h, "td", v[i].created_at, NULL);
		html_elem(h, "td", v[i].author ? v[i].author : "capnet", NULL);
		html_elem(h, "td", page_humanize(rq, v[i].status), NULL);
		html_elem(h, "td", v[i].note, NULL);
		html_close(h);
	}
	if (n > 0)
		page_table_end(p);
	if (pp->may_edit) {
		page_form_begin(p, page_href(rq, "/plans/%lld/versions", pp->plan->id), NULL);
		page_input(p, "version_note", "Note", "text", NULL, "What this version holds", 0);
		page_submit(p, "Save a version");
		html_close(h);
	}
	html_close(h);
	return 0;
}

static int pp_reviews(struct page *p, const struct planpage *pp, struct cn_err *err)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	if (pp->is_template)
		return 0;
	struct plan_review *r;
	size_t n;
	if (plan_review_list(rq->db, rq->a, pp->plan->id, &r, &n, err))
		return -1;
	pp_section(p, "reviews", "Facilitator review");
	if (n == 0)
		html_elem(h, "p", "No review comments yet.", "class", "muted", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "blockquote", NULL);
		html_elem(h, "p", r[i].comments, "class", "prose", NULL);
		html_open(h, "footer", NULL);
		html_textf(h, "%s, %s", r[i].reviewer ? r[i].reviewer : "capnet", r[i].created_at);
		html_close(h);
		html_close(h);
	}
	if (pp->may_review) {
		page_form_begin(p, page_href(rq, "/plans/%lld/reviews", pp->plan->id), NULL);
		page_textarea(p, "comments", "Review comments", NULL,
			      "The team's members get a notice", 1, NULL);
		page_submit(p, "Add the review");
		html_close(h);
	}
	html_close(h);
	return 0;
}

static void pp_exports(struct page *p, const struct planpage *pp)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	static const char *const formats[] = {"csv", "xlsx", "pdf"};
	static const char *const labels[] = {"CSV", "Spreadsheet (XLSX)", "Printable PDF"};
	pp_section(p, "exports", "Download");
	html_open(h, "ul", NULL);
	for (int i = 0; i < 3; i++) {
		html_open(h, "li", NULL);
		html_elem(h, "a", labels[i], "href",
			  arena_printf(rq->a, "/plans/%lld/export.%s", (long long)pp->plan->id,
				       formats[i]),
			  NULL);
		html_close(h);
	}
	if (!pp->is_template) {
		html_open(h, "li", NULL);
		html_elem(h, "a", "The plan and 704 KAR 3:035 (a page)", "href",
			  arena_printf(rq->a, "/plans/%lld/kar", (long long)pp->plan->id), NULL);
		html_close(h);
	}
	html_close(h);
	html_close(h);
}

int planpage_show(struct http_req *rq, struct http_resp *rs, struct planpage *pp,
		  const struct cn_err *error, struct cn_err *err)
{
	struct page p;
	page_begin(&p, rq, rs, rec_text(pp->plan, "title"), PAGE_NAV_PLANS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	planpage_crumbs(&p, pp, NULL);
	html_elem(h, "h1", rec_text(pp->plan, "title"), NULL);
	const char *done = http_query(rq, "done");
	if (done != NULL)
		page_notice(&p, "Saved.");
	page_errors(&p);
	pp_facts(&p, pp);
	pp_workflow(&p, pp);
	pp_goals(&p, pp);
	pp_actions(&p, pp);
	pp_progress_form(&p, pp);
	int depth = html_depth(h);
	if (pp_schedules(&p, pp, err) || pp_departure(&p, pp, err) || pp_versions(&p, pp, err) ||
	    pp_reviews(&p, pp, err)) {
		html_close_to(h, depth); /* the error page replaces it */
		return -1;
	}
	pp_exports(&p, pp);
	page_end(&p);
	return 0;
}

/* Saved versions: the JSON snapshot (plan_view_json) read back into goals and actions
 * that the editor's read-only parts show. Texts are copied into the request's arena. */

static const char *pp_json_text(struct http_req *rq, const json_t *o, const char *key,
				const char *fallback)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? arena_strdup(rq->a, s) : fallback;
}

static int64_t pp_json_int(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

/* A record of e with id and the text fields of o that it has. */
static int pp_json_rec(struct http_req *rq, const struct rec_entity *e, const json_t *o,
		       const char *const *fields, struct rec **out, struct cn_err *err)
{
	*out = rec_new(rq->a, e);
	(*out)->id = pp_json_int(o, "id");
	for (size_t i = 0; fields[i] != NULL; i++) {
		const char *v = pp_json_text(rq, o, fields[i], NULL);
		if (v != NULL && rec_put_text(*out, rq->a, fields[i], v, err))
			return -1;
	}
	return 0;
}

static int pp_json_goal(struct http_req *rq, const json_t *o, struct plan_goal_full *g,
			struct cn_err *err)
{
	static const char *const fields[] = {"title", "baseline", "target", "deadline", "measure",
					     NULL};
	if (pp_json_rec(rq, &plan_goal_entity, o, fields, &g->goal, err))
		return -1;
	const json_t *needs = json_object_get(o, "needs");
	const json_t *checks = json_object_get(o, "progress");
	g->nneeds = json_array_size(needs);
	g->needs = arena_alloc(rq->a, sizeof(*g->needs) * (g->nneeds + 1));
	for (size_t k = 0; k < g->nneeds; k++) {
		const json_t *n = json_array_get(needs, k);
		g->needs[k] = (struct plan_need){
			.assessment_id = pp_json_int(n, "assessment_id"),
			.indicator_id = pp_json_int(n, "indicator_id"),
			.code = pp_json_text(rq, n, "code", ""),
			.text = pp_json_text(rq, n, "text", ""),
			.standard = pp_json_text(rq, n, "standard", NULL),
			.capacity_level = pp_json_text(rq, n, "capacity_level", NULL),
			.school_year = pp_json_text(rq, n, "school_year", ""),
			.current_level = pp_json_int(n, "current_level"),
			.target_level = pp_json_int(n, "target_level"),
			.priority = pp_json_text(rq, n, "priority", NULL),
		};
	}
	g->nprogress = json_array_size(checks);
	g->progress = arena_alloc(rq->a, sizeof(*g->progress) * (g->nprogress + 1));
	for (size_t k = 0; k < g->nprogress; k++) {
		const json_t *c = json_array_get(checks, k);
		g->progress[k] = (struct plan_progress){
			.id = pp_json_int(c, "id"),
			.checked_on = pp_json_text(rq, c, "checked_on", ""),
			.status = pp_json_text(rq, c, "status", ""),
			.evidence = pp_json_text(rq, c, "evidence", NULL),
			.next_steps = pp_json_text(rq, c, "next_steps", NULL),
			.guskey_level = pp_json_int(c, "guskey_level"),
			.author_id = pp_json_int(c, "author_id"),
		};
	}
	return 0;
}

static int pp_json_action(struct http_req *rq, const json_t *o, struct plan_action_full *a,
			  struct cn_err *err)
{
	static const char *const fields[] = {"title", "kind", "starts_on", "due_on", "status",
					     NULL};
	if (pp_json_rec(rq, &plan_action_entity, o, fields, &a->action, err))
		return -1;
	int64_t goal = pp_json_int(o, "goal_id");
	if (goal != 0 && rec_put_int(a->action, "goal_id", goal, err))
		return -1;
	a->owner = pp_json_text(rq, o, "owner", NULL);
	const json_t *links = json_object_get(o, "links");
	a->nlinks = json_array_size(links);
	a->links = arena_alloc(rq->a, sizeof(*a->links) * (a->nlinks + 1));
	for (size_t k = 0; k < a->nlinks; k++) {
		const json_t *l = json_array_get(links, k);
		a->links[k] = (struct plan_link){
			.kind = pp_json_text(rq, l, "kind", ""),
			.id = pp_json_int(l, "id"),
			.title = pp_json_text(rq, l, "title", ""),
			.evidence_tier = pp_json_int(l, "evidence_tier"),
			.status = pp_json_text(rq, l, "status", NULL),
		};
	}
	return 0;
}

int planpage_version(struct http_req *rq, struct planpage *pp, int64_t number,
		     struct plan_version_info *info, struct cn_err *err)
{
	const char *snapshot = NULL;
	if (plan_version_get(rq->db, rq->a, rq->policy, pp->plan->id, number, info, &snapshot,
			     err))
		return -1;
	json_error_t jerr;
	json_t *root = json_loads(snapshot, 0, &jerr);
	if (!json_is_object(root)) {
		json_decref(root);
		return cn_err_set(err, CN_ERR_INTERNAL,
				  "version %lld of plan %lld holds no plan that can be read (%s)",
				  (long long)number, (long long)pp->plan->id, jerr.text);
	}
	struct plan_full *f = &pp->full;
	const json_t *goals = json_object_get(root, "goals");
	const json_t *actions = json_object_get(root, "actions");
	pp->now = *f;
	pp->version = number;
	pp->version_title = pp_json_text(rq, root, "title", rec_text(pp->plan, "title"));
	pp->version_status = pp_json_text(rq, root, "status", info->status);
	pp->version_year = pp_json_text(rq, root, "school_year", NULL);
	pp->may_edit = pp->may_check = pp->may_status = pp->may_review = pp->may_schedule = 0;
	f->ngoals = json_array_size(goals);
	f->goals = arena_alloc(rq->a, sizeof(*f->goals) * (f->ngoals + 1));
	f->nactions = json_array_size(actions);
	f->actions = arena_alloc(rq->a, sizeof(*f->actions) * (f->nactions + 1));
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < f->ngoals; i++)
		rc = pp_json_goal(rq, json_array_get(goals, i), &f->goals[i], err);
	for (size_t i = 0; rc == 0 && i < f->nactions; i++)
		rc = pp_json_action(rq, json_array_get(actions, i), &f->actions[i], err);
	json_decref(root);
	return rc;
}

void planpage_version_write(struct page *p, const struct planpage *pp,
			    const struct plan_version_info *info)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	const char *here = arena_printf(rq->a, "Version %lld", (long long)pp->version);
	planpage_crumbs(p, pp, here);
	html_elem(h, "h1", arena_printf(rq->a, "%s: %s", here, pp->version_title), NULL);
	html_open(h, "p", "class", "muted", NULL);
	html_text(h, "The plan as it was when this version was saved; it is never changed. ");
	html_elem(h, "a", "What has changed since", "href", "#compare", NULL);
	html_text(h, " | ");
	html_elem(h, "a", "The plan as it is now", "href",
		  page_href(rq, "/plans/%lld", pp->plan->id), NULL);
	html_close(h);
	pp_section(p, "version", "This version");
	html_open(h, "dl", NULL);
	pp_dd(p, "Version", arena_printf(rq->a, "%lld", (long long)info->number));
	pp_dd(p, "Saved by", info->author ? info->author : "capnet");
	pp_dd(p, "Saved on", info->created_at);
	pp_dd(p, "Note", info->note);
	pp_dd(p, "Status", page_humanize(rq, pp->version_status));
	pp_dd(p, "Title", pp->version_title);
	pp_dd(p, "School year", pp->version_year);
	html_close(h);
	html_close(h);
	pp_goals(p, pp);
	pp_actions(p, pp);
}
