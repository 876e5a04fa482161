/* Folder web/delivery: a team's PD sessions and walkthroughs (pages_delivery.c). */
/* pages_delivery: what a district team delivers between network meetings (DESIGN §2):
 * its PD sessions (school, day, minutes, format, facilitator, attendees, the plan
 * action, and the network meeting or deliverable it came from with what the team
 * changed) and classroom walkthroughs (a strategy of the plan seen in use, or not).
 * The team's list with the forms to log both; a session's page (delivering a planned
 * one, adding and removing attendees); a walkthrough's page. The district reads them;
 * its lead keeps them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/deliverable/deliverable.h"
#include "app/delivery/delivery.h"
#include "app/library/library.h"
#include "app/network/network.h"
#include "app/org/person.h"
#include "app/plan/plan.h"
#include "app/plan/plan_view.h"
#include "app/tz.h"
#include "http/allow.h"
#include "web/page.h"
#include "web/plan/planpage.h"
#include "web/plan/teampage.h"
#include "web/web.h"
#include "app/network/meeting.h"

static const char *const dv_statuses[] = {"delivered", "planned", "cancelled", NULL};
static const char *const dv_status_labels[] = {"Delivered", "Planned", "Cancelled", NULL};
static const char *const dv_yes_no[] = {"true", "false", NULL};
static const char *const dv_seen_labels[] = {"Seen in use", "Not seen", NULL};
static const struct route_field dv_session_fields[] = {
	{.name = "title"}, {.name = "school_id"}, {.name = "held_on"}, {.name = "start_time"},
	{.name = "tz"}, {.name = "minutes"}, {.name = "pd_format"}, {.name = "status"},
	{.name = "facilitator_id"}, {.name = "action_id"}, {.name = "source_meeting_id"},
	{.name = "source_deliverable_id"}, {.name = "changes_note"}, {.name = "guskey_level"},
	{.name = NULL},
};
static const struct route_field dv_walk_fields[] = {
	{.name = "school_id"}, {.name = "observed_on"}, {.name = "item_id"},
	{.name = "observed"}, {.name = "note"}, {.name = NULL},
};

/* What the forms offer: the team's schools and people, its plans' actions and the
 * library items they link, the network's meetings and the deliverables it may read. */
struct dv_choices {
	struct teampage_choices schools, people, actions, items, meetings, deliverables;
};

static int dv_read_choices(struct http_req *rq, const struct teampage *t, struct dv_choices *c,
			   struct cn_err *err)
{
	memset(c, 0, sizeof(*c));
	struct rec_list plans, meetings, dlv;
	if (teampage_schools(rq, t, &c->schools, err) || teampage_people(rq, t, &c->people, err) ||
	    page_list_all(rq, &plan_entity, "team_id", t->team->id, &plans, err) ||
	    page_list_all(rq, &meeting_entity, "network_id", t->network->id, &meetings, err) ||
	    page_list_all(rq, &deliverable_entity, "network_id", t->network->id, &dlv, err))
		return -1;
	size_t nact = 0, nitems = 0;
	struct plan_full *full = arena_alloc(rq->a, sizeof(*full) * (plans.count + 1));
	for (size_t i = 0; i < plans.count; i++) {
		if (plan_view_load(rq->db, rq->a, plans.items[i]->id, &full[i], err))
			return -1;
		nact += full[i].nactions;
		for (size_t k = 0; k < full[i].nactions; k++)
			nitems += full[i].actions[k].nlinks;
	}
	teampage_choices_init(rq, &c->actions, nact);
	teampage_choices_init(rq, &c->items, nitems);
	for (size_t i = 0; i < plans.count; i++)
		for (size_t k = 0; k < full[i].nactions; k++) {
			const struct plan_action_full *a = &full[i].actions[k];
			teampage_choices_add(rq, &c->actions, a->action->id, rec_text(a->action, "title"));
			for (size_t l = 0; l < a->nlinks; l++)
				if (strcmp(a->links[l].kind, "library_item") == 0 &&
				    teampage_choice_label(&c->items, a->links[l].id) == NULL)
					teampage_choices_add(rq, &c->items, a->links[l].id, a->links[l].title);
		}
	teampage_choices_init(rq, &c->meetings, meetings.count);
	for (size_t i = 0; i < meetings.count; i++)
		teampage_choices_add(rq, &c->meetings, meetings.items[i]->id, rec_text(meetings.items[i], "title"));
	teampage_choices_init(rq, &c->deliverables, dlv.count);
	for (size_t i = 0; i < dlv.count; i++) {
		int can = http_can_read(rq, "deliverable", dlv.items[i], err);
		if (can < 0)
			return -1;
		if (can)
			teampage_choices_add(rq, &c->deliverables, dlv.items[i]->id, rec_text(dlv.items[i], "title"));
	}
	return 0;
}

static const char *dv_label(const struct teampage_choices *c, const struct rec *r,
			    const char *field)
{
	return rec_is_null(r, field) ? NULL : teampage_choice_label(c, rec_int(r, field));
}

/* A list's card: heading, a line when it is empty, else its table begun (rows follow,
 * then page_table_end unless count is 0, then html_close). */
static void dv_list_begin(struct page *p, const char *id, const char *title, const char *none,
			  const char *caption, const char *const *heads, unsigned num, size_t count)
{
	html_open(&p->h, "section", "class", "card", "aria-labelledby", id, NULL);
	html_elem(&p->h, "h2", title, "id", id, NULL);
	if (count == 0)
		html_elem(&p->h, "p", none, "class", "muted", NULL);
	else
		page_table_begin(p, caption, 0, heads, num);
}

static void dv_sessions(struct page *p, const struct teampage *t, const struct rec_list *l,
			const struct dv_choices *c)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	static const char *const heads[] = {"Session", "Day",	 "School",	 "Minutes",
					    "Format",  "Status", "Came from", NULL};
	dv_list_begin(p, "sessions", "PD sessions", "No PD sessions yet.",
		      arena_printf(rq->a, "PD sessions of %s", t->district), heads, 1u << 3,
		      l->count);
	for (size_t i = 0; i < l->count; i++) {
		const struct rec *s = l->items[i];
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", rec_text(s, "title"), "href", page_href(rq, "/sessions/%lld", s->id),
			  NULL);
		html_close(h);
		html_elem(h, "td", rec_text(s, "held_on"), NULL);
		html_elem(h, "td", dv_label(&c->schools, s, "school_id"), NULL);
		html_elem(h, "td", arena_printf(rq->a, "%lld", (long long)rec_int(s, "minutes")),
			  "class", "num", NULL);
		html_elem(h, "td", page_humanize(rq, rec_text(s, "pd_format")), NULL);
		html_elem(h, "td", page_humanize(rq, rec_text(s, "status")), NULL);
		const char *from = dv_label(&c->meetings, s, "source_meeting_id");
		if (from == NULL)
			from = dv_label(&c->deliverables, s, "source_deliverable_id");
		html_elem(h, "td", from ? from : "-", NULL);
		html_close(h);
	}
	if (l->count > 0)
		page_table_end(p);
	html_close(h);
}

static void dv_walkthroughs(struct page *p, const struct teampage *t, const struct rec_list *l,
			    const struct dv_choices *c)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	static const char *const heads[] = {"Day", "School", "Strategy looked for", "Seen", NULL};
	dv_list_begin(p, "walkthroughs", "Classroom walkthroughs", "No walkthroughs yet.",
		      arena_printf(rq->a, "Walkthroughs of %s", t->district), heads, 0, l->count);
	for (size_t i = 0; i < l->count; i++) {
		const struct rec *w = l->items[i];
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", rec_text(w, "observed_on"), "href",
			  page_href(rq, "/walkthroughs/%lld", w->id), NULL);
		html_close(h);
		html_elem(h, "td", dv_label(&c->schools, w, "school_id"), NULL);
		const char *item = dv_label(&c->items, w, "item_id");
		html_elem(h, "td",
			  item ? item
			       : (rec_is_null(w, "item_id")
					  ? "-"
					  : arena_printf(rq->a, "library item %lld",
							 (long long)rec_int(w, "item_id"))),
			  NULL);
		html_elem(h, "td", rec_int(w, "observed") ? "Yes" : "No", NULL);
		html_close(h);
	}
	if (l->count > 0)
		page_table_end(p);
	html_close(h);
}

static void dv_session_form(struct page *p, const struct teampage *t, const struct dv_choices *c)
{
	struct http_req *rq = p->rq;
	html_open(&p->h, "section", "class", "card", "aria-labelledby", "log-session", NULL);
	html_elem(&p->h, "h2", "Log a PD session", "id", "log-session", NULL);
	page_form_begin(p, teampage_href(rq, t, "sessions"), NULL);
	page_input(p, "ps_title", "Title", "text", NULL, "e.g. Grade 4 PLC: number talks", 1);
	page_select(p, "ps_school_id", "School", c->schools.values, c->schools.labels, NULL, 0);
	page_input(p, "ps_held_on", "Day", "date", NULL, NULL, 1);
	page_input(p, "ps_start_time", "Start time", "time", NULL, NULL, 0);
	page_select(p, "ps_tz", "Time zone", tz_choices, tz_labels, NULL, 1);
	page_input(p, "ps_minutes", "Minutes", "number", NULL, "A six-hour day is 360", 1);
	page_select(p, "ps_pd_format", "Format", delivery_formats, delivery_format_labels, NULL, 1);
	page_select(p, "ps_status", "Status", dv_statuses, dv_status_labels, "delivered", 1);
	page_select(p, "ps_facilitator_id", "Facilitator", c->people.values, c->people.labels,
		    NULL, 0);
	html_open(&p->h, "fieldset", NULL);
	html_elem(&p->h, "legend", "Attendees from the team", NULL);
	for (size_t i = 0; i < c->people.count; i++)
		page_checkbox(p, arena_printf(rq->a, "ps_attendee_%s", c->people.values[i]),
			      c->people.labels[i], 0, NULL);
	html_close(&p->h);
	page_select(p, "ps_action_id", "The plan action it carries out", c->actions.values,
		    c->actions.labels, NULL, 0);
	page_select(p, "ps_source_meeting_id", "The network meeting it came from",
		    c->meetings.values, c->meetings.labels, NULL, 0);
	page_select(p, "ps_source_deliverable_id", "Or the deliverable whose materials it uses",
		    c->deliverables.values, c->deliverables.labels, NULL, 0);
	page_textarea(p, "ps_changes_note", "What the team changed for its own schools", NULL,
		      "Left empty, a session from a source counts as re-delivered unchanged", 0,
		      NULL);
	page_select(p, "ps_guskey_level", "Guskey level of the evidence collected",
		    planpage_guskey_values, planpage_guskey_labels, NULL, 0);
	page_submit(p, "Log the session");
	html_close(&p->h);
	html_close(&p->h);
}

static void dv_walk_form(struct page *p, const struct teampage *t, const struct dv_choices *c)
{
	struct http_req *rq = p->rq;
	html_open(&p->h, "section", "class", "card", "aria-labelledby", "log-walkthrough", NULL);
	html_elem(&p->h, "h2", "Log a classroom walkthrough", "id", "log-walkthrough", NULL);
	page_form_begin(p, teampage_href(rq, t, "walkthroughs"), NULL);
	page_select(p, "w_school_id", "School", c->schools.values, c->schools.labels, NULL, 1);
	page_input(p, "w_observed_on", "Day of the visit", "date", NULL, NULL, 1);
	if (c->items.count > 0)
		page_select(p, "w_item_id", "The plan's strategy looked for", c->items.values,
			    c->items.labels, NULL, 0);
	else
		page_input(p, "w_item_id", "Library item (strategy) number", "number", NULL,
			   "Link strategies to the plan's actions to choose them here", 0);
	page_radios(p, "w_observed", "Was it seen in use?", dv_yes_no, dv_seen_labels, NULL, 1);
	page_textarea(p, "w_note", "What was seen", NULL, NULL, 0, NULL);
	page_submit(p, "Log the walkthrough");
	html_close(&p->h);
	html_close(&p->h);
}

/* The team's delivery page; error (may be NULL) beside its field in a form. */
static int dv_team_page(struct http_req *rq, struct http_resp *rs, const struct teampage *t,
			const struct cn_err *error, struct cn_err *err)
{
	struct rec_list sessions, walks;
	struct dv_choices c;
	if (page_list_all(rq, &pd_session_entity, "team_id", t->team->id, &sessions, err) ||
	    page_list_all(rq, &walkthrough_entity, "team_id", t->team->id, &walks, err) ||
	    dv_read_choices(rq, t, &c, err))
		return -1;
	int may = teampage_may(rq, t, POLICY_CREATE, "pd_session", err);
	int may_walk = teampage_may(rq, t, POLICY_CREATE, "walkthrough", err);
	if (may < 0 || may_walk < 0)
		return -1;
	struct page p;
	const char *title = arena_printf(rq->a, "PD and walkthroughs: %s", t->district);
	page_begin(&p, rq, rs, title, PAGE_NAV_PLANS);
	page_show_error(&p, error);
	teampage_crumbs(&p, t, "PD and walkthroughs");
	html_elem(&p.h, "h1", title, NULL);
	const char *done = http_query(rq, "done");
	if (done != NULL)
		page_notice(&p, strcmp(done, "walkthrough") == 0 ? "The walkthrough was logged."
								  : "The session was logged.");
	page_errors(&p);
	dv_sessions(&p, t, &sessions, &c);
	dv_walkthroughs(&p, t, &walks, &c);
	if (may)
		dv_session_form(&p, t, &c);
	if (may_walk)
		dv_walk_form(&p, t, &c);
	page_end(&p);
	return 0;
}

/* GET /teams/{id}/delivery */
static int dv_team(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct teampage t;
	if (teampage_of(rq, rq->record, &t, err))
		return -1;
	return dv_team_page(rq, rs, &t, NULL, err);
}

static int dv_refused(struct http_req *rq, struct http_resp *rs, const struct teampage *t,
		      struct cn_err *why, const char *prefix, struct cn_err *err)
{
	if (!page_refused(why)) {
		*err = *why;
		return -1;
	}
	page_field_prefix(why, prefix);
	return dv_team_page(rq, rs, t, why, err);
}

/* The people of choices whose checkbox "<prefix><id>" f ticks: their ids in *out (in
 * the request's arena); returns how many. */
static size_t dv_ticked(struct http_req *rq, const struct form *f, const char *prefix,
			const struct teampage_choices *choices, int64_t **out)
{
	*out = arena_alloc(rq->a, sizeof(**out) * (choices->count + 1));
	size_t n = 0;
	for (size_t i = 0; i < choices->count; i++)
		if (form_get(f, arena_printf(rq->a, "%s%s", prefix, choices->values[i])) != NULL)
			(*out)[n++] = atoll(choices->values[i]);
	return n;
}

/* POST /teams/{id}/sessions: the session and its attendees, all or nothing
 * (delivery_session_create). */
static int dv_session_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct teampage t;
	struct form f;
	if (teampage_of(rq, rq->record, &t, err) || page_form(rq, &f, err))
		return -1;
	struct rec *s = rec_new(rq->a, &pd_session_entity);
	if (rec_put_int(s, "team_id", t.team->id, err) ||
	    http_allow_record(rq, POLICY_CREATE, "pd_session", s, err))
		return -1;
	struct teampage_choices people;
	if (teampage_people(rq, &t, &people, err))
		return -1;
	int64_t *attendees;
	size_t n = dv_ticked(rq, &f, "ps_attendee_", &people, &attendees);
	struct cn_err why = {0};
	if (page_fields(s, rq->a, &f, "ps_", rq->route->body, PAGE_NEW, &why))
		return dv_refused(rq, rs, &t, &why, "ps_", err);
	if (delivery_session_create(rq->db, &rq->who, rq->a, s, attendees, n, &why))
		return dv_refused(rq, rs, &t, &why, "ps_", err);
	page_redirect(rs, page_href(rq, "/sessions/%lld?done=logged", s->id));
	return 0;
}

/* POST /teams/{id}/walkthroughs */
static int dv_walk_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct teampage t;
	struct form f;
	if (teampage_of(rq, rq->record, &t, err) || page_form(rq, &f, err))
		return -1;
	struct rec *w = rec_new(rq->a, &walkthrough_entity);
	if (rec_put_int(w, "team_id", t.team->id, err) ||
	    rec_put_int(w, "observer_id", rq->who.person_id, err) ||
	    http_allow_record(rq, POLICY_CREATE, "walkthrough", w, err))
		return -1;
	struct cn_err why = {0};
	if (page_fields(w, rq->a, &f, "w_", rq->route->body, PAGE_NEW, &why) ||
	    rec_create(rq->db, &rq->who, rq->a, w, &why))
		return dv_refused(rq, rs, &t, &why, "w_", err);
	page_redirect(rs, page_href(rq, "/walkthroughs/%lld?done=logged", w->id));
	return 0;
}

static void dv_dd(struct page *p, const char *term, const char *value)
{
	html_elem(&p->h, "dt", term, NULL);
	html_elem(&p->h, "dd", value ? value : "-", NULL);
}

static int dv_attending(const struct network_people *att, int64_t person_id)
{
	for (size_t i = 0; i < att->count; i++)
		if (att->items[i].person_id == person_id)
			return 1;
	return 0;
}

/* Who may be added to a session: the team's people and the district's active members,
 * less those listed already. */
static int dv_addable(struct http_req *rq, const struct teampage *t,
		      const struct network_people *att, struct teampage_choices *out,
		      struct cn_err *err)
{
	struct teampage_choices team;
	struct rec_list staff;
	if (teampage_people(rq, t, &team, err) ||
	    page_list_all(rq, &person_entity, "org_id", t->scope.district_id, &staff, err))
		return -1;
	teampage_choices_init(rq, out, team.count + staff.count);
	for (size_t i = 0; i < team.count; i++) {
		int64_t id = atoll(team.values[i]);
		if (!dv_attending(att, id))
			teampage_choices_add(rq, out, id, team.labels[i]);
	}
	for (size_t i = 0; i < staff.count; i++) {
		const struct rec *r = staff.items[i];
		if (rec_int(r, "active") && !dv_attending(att, r->id) &&
		    teampage_choice_label(out, r->id) == NULL)
			teampage_choices_add(rq, out, r->id,
					     arena_printf(rq->a, "%s %s", rec_text(r, "given_name"),
							  rec_text(r, "family_name")));
	}
	return 0;
}

/* The attendees; for those who may change the session (add not NULL: the people
 * they may add), each with a button to remove them, and the form to add people. */
static void dv_attendees_card(struct page *p, const struct rec *s,
			      const struct network_people *att, const struct teampage_choices *add)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	html_open(h, "section", "class", "card", "aria-labelledby", "attendees", NULL);
	html_elem(h, "h2", "Attendees", "id", "attendees", NULL);
	if (att->count == 0)
		html_elem(h, "p", "No attendees recorded.", "class", "muted", NULL);
	else
		html_open(h, "ul", NULL);
	for (size_t i = 0; i < att->count; i++) {
		const struct network_person *a = &att->items[i];
		if (add == NULL) {
			html_elem(h, "li", a->name, NULL);
			continue;
		}
		html_open(h, "li", NULL);
		html_text(h, a->name);
		html_text(h, " ");
		page_form_begin(p,
				arena_printf(rq->a, "/sessions/%lld/attendees/%lld/remove",
					     (long long)s->id, (long long)a->person_id),
				"inline");
		html_open(h, "button", "type", "submit", "class", "secondary", NULL);
		html_text(h, "Remove");
		html_elem(h, "span", arena_printf(rq->a, " %s", a->name), "class", "visually-hidden",
			  NULL);
		html_close(h);
		html_close(h);
		html_close(h);
	}
	if (att->count > 0)
		html_close(h);
	if (add != NULL && add->count > 0) {
		page_form_begin(p, page_href(rq, "/sessions/%lld/attendees", s->id), NULL);
		int bad = p->error != NULL && strcmp(p->error->field, "attendee") == 0;
		html_open(h, "fieldset", "id", "attendee", "aria-describedby",
			  bad ? "attendee-error" : NULL, NULL);
		html_elem(h, "legend", "Add people of the district who attended", NULL);
		if (bad)
			html_elem(h, "p", p->error->msg, "class", "field-error", "id", "attendee-error",
				  NULL);
		for (size_t i = 0; i < add->count; i++)
			page_checkbox(p, arena_printf(rq->a, "attendee_%s", add->values[i]),
				      add->labels[i], 0, NULL);
		html_close(h);
		page_submit(p, "Add attendees");
		html_close(h);
	}
	html_close(h);
}

/* The session page; error (may be NULL) beside its field in the deliver form. */
static int dv_session_page(struct http_req *rq, struct http_resp *rs, struct rec *s,
			   const struct cn_err *error, struct cn_err *err)
{
	struct teampage t;
	struct dv_choices c;
	struct network_people att;
	if (teampage_get(rq, rec_int(s, "team_id"), &t, err) || dv_read_choices(rq, &t, &c, err) ||
	    delivery_attendees(rq->db, rq->a, s->id, &att, err))
		return -1;
	int may = http_may_scope(rq, POLICY_UPDATE, "pd_session", &t.scope, err);
	struct teampage_choices add;
	if (may < 0 || (may && dv_addable(rq, &t, &att, &add, err)))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, rec_text(s, "title"), PAGE_NAV_PLANS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	teampage_crumbs(&p, &t, "PD session");
	html_elem(h, "h1", rec_text(s, "title"), NULL);
	if (http_query(rq, "done") != NULL)
		page_notice(&p, "Saved.");
	page_errors(&p);
	html_open(h, "dl", NULL);
	dv_dd(&p, "Day", rec_text(s, "held_on"));
	dv_dd(&p, "Start", rec_text(s, "start_time"));
	dv_dd(&p, "School", dv_label(&c.schools, s, "school_id"));
	dv_dd(&p, "Minutes", arena_printf(rq->a, "%lld", (long long)rec_int(s, "minutes")));
	dv_dd(&p, "Format", page_humanize(rq, rec_text(s, "pd_format")));
	dv_dd(&p, "Status", page_humanize(rq, rec_text(s, "status")));
	dv_dd(&p, "Facilitator", dv_label(&c.people, s, "facilitator_id"));
	dv_dd(&p, "Plan action", dv_label(&c.actions, s, "action_id"));
	html_elem(h, "dt", "Came from", NULL);
	html_open(h, "dd", NULL);
	if (!rec_is_null(s, "source_meeting_id"))
		html_elem(h, "a", dv_label(&c.meetings, s, "source_meeting_id"), "href",
			  page_href(rq, "/meetings/%lld", rec_int(s, "source_meeting_id")), NULL);
	else if (!rec_is_null(s, "source_deliverable_id"))
		html_elem(h, "a", dv_label(&c.deliverables, s, "source_deliverable_id"), "href",
			  page_href(rq, "/deliverables/%lld", rec_int(s, "source_deliverable_id")),
			  NULL);
	else
		html_text(h, "The team's own session");
	html_close(h);
	dv_dd(&p, "What the team changed",
	      rec_text(s, "changes_note")
		      ? rec_text(s, "changes_note")
		      : (rec_int(s, "unchanged_redelivery") ? "Nothing: re-delivered unchanged"
							    : NULL));
	dv_dd(&p, "Guskey level", plan_guskey_label((int)rec_int(s, "guskey_level")));
	html_close(h);
	dv_attendees_card(&p, s, &att, may ? &add : NULL);
	if (may && strcmp(rec_text(s, "status"), "delivered") != 0) {
		html_open(h, "section", "class", "card", "aria-labelledby", "deliver", NULL);
		html_elem(h, "h2", "Mark it delivered", "id", "deliver", NULL);
		page_form_begin(&p, page_href(rq, "/sessions/%lld/deliver", s->id), NULL);
		page_input(&p, "held_on", "Day", "date", rec_text(s, "held_on"), NULL, 1);
		page_input(&p, "minutes", "Minutes", "number",
			   arena_printf(rq->a, "%lld", (long long)rec_int(s, "minutes")), NULL, 1);
		page_textarea(&p, "changes_note", "What the team changed", rec_text(s, "changes_note"),
			      NULL, 0, NULL);
		page_submit(&p, "Mark delivered");
		html_close(h);
		html_close(h);
	}
	page_end(&p);
	return 0;
}

/* GET /sessions/{id} */
static int dv_session_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return dv_session_page(rq, rs, rq->record, NULL, err);
}

/* The session page again with why beside its field, when why refuses the form's
 * input; else why is the request's error. */
static int dv_session_refused(struct http_req *rq, struct http_resp *rs, struct rec *s,
			      struct cn_err *why, struct cn_err *err)
{
	if (!page_refused(why)) {
		*err = *why;
		return -1;
	}
	return dv_session_page(rq, rs, s, why, err);
}

static const struct route_field dv_deliver_fields[] = {
	{.name = "held_on"}, {.name = "minutes"}, {.name = "changes_note"}, {.name = NULL},
};

/* POST /sessions/{id}/deliver */
static int dv_session_deliver(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *s = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct rec *changes = rec_new(rq->a, &pd_session_entity);
	struct cn_err why = {0};
	if (page_fields(changes, rq->a, &f, "", rq->route->body, PAGE_CHANGES, &why) ||
	    delivery_session_deliver(rq->db, &rq->who, rq->a, s->id, changes, NULL, &why))
		return dv_session_refused(rq, rs, s, &why, err);
	page_redirect(rs, page_href(rq, "/sessions/%lld?done=delivered", s->id));
	return 0;
}

/* POST /sessions/{id}/attendees: the people ticked ("attendee_<person>"), of those
 * the form offers, all or none. */
static int dv_attendees_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *s = rq->record;
	struct form f;
	struct teampage t;
	struct network_people att;
	struct teampage_choices add;
	if (page_form(rq, &f, err) ||
	    teampage_get(rq, rec_int(s, "team_id"), &t, err) ||
	    delivery_attendees(rq->db, rq->a, s->id, &att, err) ||
	    dv_addable(rq, &t, &att, &add, err))
		return -1;
	int64_t *ids;
	size_t n = dv_ticked(rq, &f, "attendee_", &add, &ids);
	struct cn_err why = {0};
	if (n == 0)
		cn_err_field(&why, CN_ERR_INPUT, "attendee",
			     "tick the people who attended to add them");
	if (n == 0 || delivery_attendees_add(rq->db, &rq->who, s->id, ids, n, &why))
		return dv_session_refused(rq, rs, s, &why, err);
	page_redirect(rs, page_href(rq, "/sessions/%lld?done=attendees#attendees", s->id));
	return 0;
}

/* POST /sessions/{id}/attendees/{pid}/remove */
static int dv_attendee_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *s = rq->record;
	int64_t person;
	if (page_id(rq, "pid", &person, err) ||
	    delivery_attendee_remove(rq->db, &rq->who, s->id, person, err))
		return -1;
	page_redirect(rs, page_href(rq, "/sessions/%lld?done=attendees#attendees", s->id));
	return 0;
}

/* GET /walkthroughs/{id} */
static int dv_walk_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *w = rq->record;
	struct teampage t;
	struct teampage_choices schools;
	if (teampage_get(rq, rec_int(w, "team_id"), &t, err) ||
	    teampage_schools(rq, &t, &schools, err))
		return -1;
	struct rec *item = NULL;
	struct cn_err ignored = {0};
	if (!rec_is_null(w, "item_id"))
		(void)rec_get(rq->db, rq->a, &library_item_entity, rec_int(w, "item_id"), &item,
			      &ignored);
	struct page p;
	const char *title = arena_printf(rq->a, "Walkthrough on %s", rec_text(w, "observed_on"));
	page_begin(&p, rq, rs, title, PAGE_NAV_PLANS);
	struct html *h = &p.h;
	teampage_crumbs(&p, &t, "Walkthrough");
	html_elem(h, "h1", title, NULL);
	if (http_query(rq, "done") != NULL)
		page_notice(&p, "The walkthrough was logged.");
	html_open(h, "dl", NULL);
	dv_dd(&p, "School", dv_label(&schools, w, "school_id"));
	html_elem(h, "dt", "Strategy looked for", NULL);
	html_open(h, "dd", NULL);
	if (item != NULL)
		html_elem(h, "a", rec_text(item, "title"), "href",
			  page_href(rq, "/library/%lld", item->id), NULL);
	else
		html_text(h, "-");
	html_close(h);
	dv_dd(&p, "Seen in use", rec_int(w, "observed") ? "Yes" : "No");
	dv_dd(&p, "What was seen", rec_text(w, "note"));
	dv_dd(&p, "Guskey level", "4 participants' use of new knowledge and skills");
	html_close(h);
	html_open(h, "p", NULL);
	html_elem(h, "a", "All of the team's PD and walkthroughs", "href",
		  teampage_href(rq, &t, "delivery"), NULL);
	html_close(h);
	page_end(&p);
	return 0;
}

/* The session or walkthrough of the path, which the actor may do the route's verb on. */
static const struct route_load dv_session = {&pd_session_entity, "id", NULL, NULL, 0};
static const struct route_load dv_walkthrough = {&walkthrough_entity, "id", NULL, NULL, 0};

static const struct route delivery_routes[] = {
	{"GET", "/teams/{id}/delivery", dv_team, "team", POLICY_READ, NULL, 0,
	 "a team's PD sessions and walkthroughs", NULL, NULL, &teampage_team},
	{"POST", "/teams/{id}/sessions", dv_session_add, "pd_session", POLICY_CREATE, NULL, 0,
	 "log a PD session", dv_session_fields, NULL, &teampage_team},
	{"POST", "/teams/{id}/walkthroughs", dv_walk_add, "walkthrough", POLICY_CREATE, NULL, 0,
	 "log a classroom walkthrough", dv_walk_fields, NULL, &teampage_team},
	{"GET", "/sessions/{id}", dv_session_show, "pd_session", POLICY_READ, NULL, 0,
	 "a PD session", NULL, NULL, &dv_session},
	{"POST", "/sessions/{id}/deliver", dv_session_deliver, "pd_session", POLICY_UPDATE, NULL, 0,
	 "mark a planned session delivered", dv_deliver_fields, NULL, &dv_session},
	{"POST", "/sessions/{id}/attendees", dv_attendees_add, "pd_session", POLICY_UPDATE, NULL, 0,
	 "add attendees to a PD session", NULL, NULL, &dv_session},
	{"POST", "/sessions/{id}/attendees/{pid}/remove", dv_attendee_remove, "pd_session",
	 POLICY_UPDATE, NULL, 0, "remove an attendee from a PD session", NULL, NULL, &dv_session},
	{"GET", "/walkthroughs/{id}", dv_walk_show, "walkthrough", POLICY_READ, NULL, 0,
	 "a classroom walkthrough", NULL, NULL, &dv_walkthrough},
};

const struct web_routes web_routes_delivery = {
	delivery_routes, sizeof(delivery_routes) / sizeof(delivery_routes[0])};
