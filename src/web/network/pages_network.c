/* pages_network: the networks a person may see, and one network's page: its facts and
 * facilitators, its meetings (upcoming and past, at their own local time), its
 * district teams and the teams' capacity-building profiles side by side, with forms
 * for facilitators to add a meeting and for admins to add a facilitator. Admins and
 * facilitators add district teams; admins remove facilitators. What a person sees of
 * a network is what the policy lets them read:
 * other districts' teams stay hidden, only their number shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/network/network_view.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "app/access/policy.h"
#include "app/profile/profile.h"
#include "app/tz.h"
#include "core/timeutil.h"
#include "http/allow.h"
#include "web/chart.h"
#include "web/network/calendar_page.h"
#include "web/page.h"
#include "web/web.h"
#include "app/network/meeting.h"
#include "app/network/team.h"
#include "app/org/membership.h"

static const struct route_field net_meeting_fields[] = {
	{.name = "title"}, {.name = "starts_at"}, {.name = "ends_at"}, {.name = "tz"},
	{.name = "place"}, {.name = "link"}, {.name = NULL},
};

enum { NET_LIST_PAGE = 50 };

/* The name of organization id, or NULL when there is none or it cannot be read. */
static const char *net_org_name(struct http_req *rq, int64_t id)
{
	struct rec *org = NULL;
	struct cn_err ignored = {0};
	if (id == 0 || rec_get(rq->db, rq->a, &org_entity, id, &org, &ignored) != 0)
		return NULL;
	return rec_text(org, "name");
}

/* 1 if the signed-in person holds the partner role somewhere, 0 if not, -1 on error. */
static int net_is_partner(struct http_req *rq, struct cn_err *err)
{
	char me[24];
	snprintf(me, sizeof(me), "%lld", (long long)rq->who.person_id);
	struct rec_query q = {.filter = {me, NULL, "partner"}, .limit = 1};
	struct rec_list l;
	if (rec_list(rq->db, rq->a, &membership_entity, &q, &l, err))
		return -1;
	return l.count > 0;
}

/* GET /networks: admins see every network, partners every network they may read,
 * everyone else the networks they facilitate or have a team in. */
static int net_list(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int may = http_allow_any(rq, POLICY_READ, "network", err);
	if (may != 0 && err->kind != CN_ERR_FORBIDDEN)
		return -1;
	cn_err_clear(err);
	struct rec_list nets = {0};
	if (may == 0) {
		int admin = policy_is_admin(rq->policy, err);
		int partner = admin ? 0 : net_is_partner(rq, err);
		if (admin < 0 || partner < 0)
			return -1;
		char me[24];
		snprintf(me, sizeof(me), "%lld", (long long)rq->who.person_id);
		struct rec_query q = {.cursor = page_cursor(rq), .limit = NET_LIST_PAGE};
		if (!admin && !partner)
			q.filter[3] = me;
		if (rec_list(rq->db, rq->a, &network_entity, &q, &nets, err))
			return -1;
	}
	/* The page's networks the actor may read, kept in nets. */
	if (http_keep_readable(rq, "network", &nets, err))
		return -1;
	size_t shown = nets.count;
	struct page p;
	page_begin(&p, rq, rs, "Networks", PAGE_NAV_NETWORKS);
	struct html *h = &p.h;
	html_elem(h, "h1", "Networks", NULL);
	struct policy_scope anywhere = {0};
	int may_create = http_may_scope(rq, POLICY_CREATE, "network", &anywhere, err);
	if (may_create < 0)
		return -1;
	if (may_create)
		html_elem(h, "a", "New network", "href", "/networks/new", "class", "button", NULL);
	if (shown == 0)
		html_elem(h, "p", "You are not in a network yet.", "class", "muted", NULL);
	static const char *const heads[] = {"Network", "Content area", "School year", "Region",
					    NULL};
	if (shown > 0)
		page_table_begin(&p, "Leadership networks you can see", 1, heads, 0);
	for (size_t i = 0; i < shown; i++) {
		const struct rec *n = nets.items[i];
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", rec_text(n, "name"), "href", page_href(rq, "/networks/%lld", n->id),
			  NULL);
		html_close(h);
		html_elem(h, "td", page_humanize(rq, rec_text(n, "content_area")), NULL);
		html_elem(h, "td", rec_text(n, "school_year"), NULL);
		html_elem(h, "td", net_org_name(rq, rec_int(n, "region_id")), NULL);
		html_close(h);
	}
	if (shown > 0)
		page_table_end(&p);
	if (nets.next_cursor != 0) {
		html_open(h, "p", NULL);
		html_elem(h, "a", "Next page", "href",
			  page_href(rq, "/networks?cursor=%lld", nets.next_cursor), "rel", "next",
			  NULL);
		html_close(h);
	}
	page_end(&p);
	return 0;
}

static void net_facts(struct page *p, const struct network_view *v)
{
	struct html *h = &p->h;
	const struct rec *n = v->network;
	html_open(h, "section", "class", "card", "aria-labelledby", "about", NULL);
	html_elem(h, "h2", "About this network", "id", "about", NULL);
	html_open(h, "dl", NULL);
	html_elem(h, "dt", "Content area", NULL);
	html_elem(h, "dd", page_humanize(p->rq, rec_text(n, "content_area")), NULL);
	html_elem(h, "dt", "Region", NULL);
	html_elem(h, "dd", v->region ? v->region : "Statewide", NULL);
	html_elem(h, "dt", "School year", NULL);
	html_elem(h, "dd", rec_text(n, "school_year"), NULL);
	html_elem(h, "dt", "Status", NULL);
	html_elem(h, "dd", rec_int(n, "active") ? "Active" : "Ended", NULL);
	if (v->facilitators_seen) {
		html_elem(h, "dt", "Facilitators", NULL);
		html_open(h, "dd", NULL);
		if (v->facilitators.count == 0)
			html_text(h, "None yet");
		for (size_t i = 0; i < v->facilitators.count; i++) {
			const struct network_person *f = &v->facilitators.items[i];
			if (i > 0)
				html_text(h, ", ");
			if (f->email != NULL)
				html_elem(h, "a", f->name, "href",
					  arena_printf(p->rq->a, "mailto:%s", f->email), NULL);
			else
				html_text(h, f->name);
		}
		html_close(h);
	}
	html_close(h);
	if (rec_text(n, "description") != NULL)
		html_elem(h, "p", rec_text(n, "description"), "class", "prose", NULL);
	html_close(h);
}

static void net_meeting_table(struct page *p, const char *caption, struct rec **ms, size_t n)
{
	struct html *h = &p->h;
	if (n == 0)
		return;
	static const char *const heads[] = {"Meeting", "When (local time)", "Where", NULL};
	page_table_begin(p, caption, 1, heads, 0);
	for (size_t i = 0; i < n; i++) {
		const struct rec *m = ms[i];
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", rec_text(m, "title"), "href",
			  page_href(p->rq, "/meetings/%lld", m->id), NULL);
		html_close(h);
		html_open(h, "td", NULL);
		page_time(p, rec_text(m, "starts_at"), rec_text(m, "ends_at"), rec_text(m, "tz"), 1);
		html_close(h);
		html_open(h, "td", NULL);
		html_text(h, rec_text(m, "place"));
		if (rec_text(m, "link") != NULL) {
			if (rec_text(m, "place") != NULL)
				html_text(h, "; ");
			html_elem(h, "a", "join online", "href", rec_text(m, "link"), NULL);
		}
		html_close(h);
		html_close(h);
	}
	page_table_end(p);
}

static void net_meetings(struct page *p, const struct network_view *v)
{
	struct html *h = &p->h;
	html_open(h, "section", "class", "card", "aria-labelledby", "meetings", NULL);
	html_elem(h, "h2", "Meetings", "id", "meetings", NULL);
	if (v->nupcoming + v->npast == 0)
		html_elem(h, "p", "No meetings are scheduled yet.", "class", "muted", NULL);
	net_meeting_table(p, "Upcoming meetings", v->upcoming, v->nupcoming);
	net_meeting_table(p, "Past meetings, latest first", v->past, v->npast);
	html_close(h);
}

static void net_teams(struct page *p, const struct network_view *v)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	html_open(h, "section", "class", "card", "aria-labelledby", "teams", NULL);
	html_elem(h, "h2", "District teams", "id", "teams", NULL);
	html_open(h, "p", NULL);
	html_textf(h, "%zu district %s take part.", v->teams.count,
		   v->teams.count == 1 ? "team" : "teams");
	if (v->teams_seen < v->teams.count)
		html_text(h, " You see the teams whose records you may read.");
	html_close(h);
	if (v->teams_seen > 0) {
		static const char *const heads[] = {"District", "Lead", "Members", NULL};
		page_table_begin(p, "Teams", 0, heads, 1u << 2);
		for (size_t i = 0; i < v->teams.count; i++) {
			if (!v->team_seen[i])
				continue;
			const struct rec *t = v->teams.items[i];
			const struct network_people *m = &v->members[i];
			const char *district = v->districts_of[i];
			html_open(h, "tr", NULL);
			html_open(h, "th", "scope", "row", NULL);
			html_elem(h, "a", district ? district : rec_text(t, "name"), "href",
				  page_href(rq, "/teams/%lld", t->id), NULL);
			html_close(h);
			html_open(h, "td", NULL);
			int leads = 0;
			for (size_t k = 0; k < m->count; k++)
				if (strcmp(m->items[k].role, "lead") == 0) {
					html_text(h, leads++ ? ", " : "");
					html_text(h, m->items[k].name);
				}
			if (leads == 0)
				html_elem(h, "span", "No lead yet", "class", "muted", NULL);
			html_close(h);
			html_open(h, "td", "class", "num", NULL);
			html_textf(h, "%zu", m->count);
			html_close(h);
			html_close(h);
		}
		page_table_end(p);
	}
	html_close(h);
}

/* The teams' capacity-building profiles side by side: per component a bar chart and
 * the same numbers in a table, then the train-the-trainer flag with its reason. */
static void net_profiles(struct page *p, const struct network_view *v)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	if (v->nprofiles == 0)
		return;
	html_open(h, "section", "class", "card", "aria-labelledby", "profiles", NULL);
	html_elem(h, "h2", "Capacity-building profiles", "id", "profiles", NULL);
	html_elem(h, "p",
		  "Each share is worked out from the team's own records for the school year: "
		  "plans, deliverables, PD sessions, walkthroughs and progress checks.",
		  "class", "muted", NULL);
	struct chart_bar *bars = arena_alloc(rq->a, sizeof(*bars) * v->nprofiles);
	for (int k = 0; k < PROFILE_KIND_COUNT; k++) {
		const char *title = v->profile_seen[0]->c[k].title;
		for (size_t i = 0; i < v->nprofiles; i++) {
			const struct profile *t = v->profile_seen[i];
			const struct profile_component *c = &t->c[k];
			bars[i].label = t->district_name ? t->district_name : t->team_name;
			bars[i].value = c->measured ? c->share * 100.0 : 0.0;
			bars[i].display =
				c->measured ? arena_printf(rq->a, "%d%% (%lld of %lld)",
							   (int)(c->share * 100.0 + 0.5),
							   (long long)c->numerator,
							   (long long)c->denominator)
					    : "not measured";
		}
		html_elem(h, "h3", title, NULL);
		char *id = arena_printf(rq->a, "profile-%s", v->profile_seen[0]->c[k].key);
		chart_bars(h, id, arena_printf(rq->a, "%s, share per team", title), bars,
			   v->nprofiles, 100.0);
		chart_table(h, arena_printf(rq->a, "%s: the numbers", title), "Team", "Share", bars,
			    v->nprofiles);
	}
	html_elem(h, "h3", "Train the trainer?", NULL);
	html_elem(h, "p", "Each team's name leads to its profile with the records behind it.",
		  "class", "muted", NULL);
	static const char *const heads[] = {"Team", "Flagged", "Why", NULL};
	page_table_begin(p, "Duplicated materials delivered in one-off whole-group days, per team",
			 1, heads, 0);
	for (size_t i = 0; i < v->nprofiles; i++) {
		const struct profile *t = v->profile_seen[i];
		int flagged = t->train_the_trainer.flagged;
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", t->district_name ? t->district_name : t->team_name, "href",
			  page_href(rq, "/teams/%lld/profile", t->team_id), NULL);
		html_close(h);
		html_open(h, "td", NULL);
		html_elem(h, "span", flagged ? "Yes" : "No", "class",
			  flagged ? "status-bad" : "status-good", NULL);
		html_close(h);
		html_elem(h, "td", t->train_the_trainer.reason, NULL);
		html_close(h);
	}
	page_table_end(p);
	html_close(h);
}

/* The way to the network's needs-assessment instruments (pages_instrument.c). */
static void net_instruments(struct page *p, const struct network_view *v)
{
	struct html *h = &p->h;
	html_open(h, "section", "class", "card", "aria-labelledby", "instruments", NULL);
	html_elem(h, "h2", "Needs assessment", "id", "instruments", NULL);
	html_open(h, "p", NULL);
	html_elem(h, "a",
		  v->may.copy_instrument ? "The network's instruments: copy and edit"
					 : "The instrument the network's teams assess with",
		  "href", page_href(p->rq, "/networks/%lld/instruments", v->network->id), NULL);
	html_close(h);
	html_close(h);
}

/* A button per facilitator that removes them from the network (admins). */
static void net_facilitator_buttons(struct page *p, const struct network_view *v)
{
	struct html *h = &p->h;
	if (!v->may.remove_facilitator || v->facilitators.count == 0)
		return;
	html_elem(h, "h3", "Remove a facilitator", NULL);
	html_open(h, "ul", "class", "actions", NULL);
	for (size_t i = 0; i < v->facilitators.count; i++) {
		const struct network_person *f = &v->facilitators.items[i];
		html_open(h, "li", NULL);
		page_button_form(p,
				 arena_printf(p->rq->a, "/networks/%lld/facilitators/%lld/remove",
					      (long long)v->network->id, (long long)f->person_id),
				 arena_printf(p->rq->a, "Remove %s", f->name), "secondary");
		html_close(h);
	}
	html_close(h);
}

/* Adding a district team: the districts with no team here yet; the name defaults to
 * the district's. */
static void net_team_form(struct page *p, const struct network_view *v)
{
	struct html *h = &p->h;
	if (!v->may.add_team)
		return;
	html_open(h, "section", "class", "card", "aria-labelledby", "add-team", NULL);
	html_elem(h, "h2", "Add a district team", "id", "add-team", NULL);
	if (v->districts[0] == NULL) {
		html_elem(h, "p", "Every district already has a team in this network.", "class",
			  "muted", NULL);
		html_close(h);
		return;
	}
	page_form_begin(p, page_href(p->rq, "/networks/%lld/teams", v->network->id), NULL);
	page_select(p, "district_id", "District", v->districts, v->district_names, NULL, 1);
	page_input(p, "name", "Team name", "text", NULL, "Leave empty to use the district's name",
		   0);
	page_submit(p, "Add team");
	html_close(h);
	html_close(h);
}

static void net_forms(struct page *p, const struct network_view *v)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	if (v->may.add_meeting) {
		html_open(h, "section", "class", "card", "aria-labelledby", "add-meeting", NULL);
		html_elem(h, "h2", "Add a meeting", "id", "add-meeting", NULL);
		page_form_begin(p, page_href(rq, "/networks/%lld/meetings", v->network->id), NULL);
		page_input(p, "title", "Title", "text", NULL, "e.g. Meeting 5: Number routines", 1);
		page_input(p, "starts_at", "Starts", "datetime-local", NULL,
			   "Local time in the meeting's time zone", 1);
		page_input(p, "ends_at", "Ends", "datetime-local", NULL, NULL, 1);
		page_select(p, "tz", "Time zone", tz_choices, tz_labels,
			    v->zone ? v->zone : tz_choices[0], 1);
		page_input(p, "place", "Place", "text", NULL, NULL, 0);
		page_input(p, "link", "Link for joining online", "url", NULL, "https://...", 0);
		page_submit(p, "Add meeting");
		html_close(h);
		html_close(h);
	}
	if (v->may.add_facilitator) {
		html_open(h, "section", "class", "card", "aria-labelledby", "add-facilitator", NULL);
		html_elem(h, "h2", "Add a facilitator", "id", "add-facilitator", NULL);
		page_form_begin(p, page_href(rq, "/networks/%lld/facilitators", v->network->id), NULL);
		page_input(p, "email", "Email address", "email", NULL,
			   "The person needs a capnet account (Admin, People)", 1);
		page_submit(p, "Add facilitator");
		html_close(h);
		net_facilitator_buttons(p, v);
		html_close(h);
	}
	net_team_form(p, v);
}

/* The notice after a setup form sent the person back here. */
static void net_setup_notice(struct page *p, const char *done)
{
	static const char *const notices[][2] = {
		{"created", "The network was created. Add its facilitators, teams and meetings."},
		{"saved", "The details were saved."},
		{"team", "The team was added."},
		{"facilitator_removed", "The facilitator was removed."},
		{"meeting_deleted", "The meeting was deleted."},
	};
	for (size_t i = 0; done != NULL && i < sizeof(notices) / sizeof(notices[0]); i++)
		if (strcmp(done, notices[i][0]) == 0)
			page_notice(p, notices[i][1]);
}

/* Writes the network page; error (may be NULL) is a form's validation error, shown
 * beside its field with the posted input kept, answered with its status. */
static int net_page(struct http_req *rq, struct http_resp *rs, struct rec *net,
		    const struct cn_err *error, struct cn_err *err)
{
	struct network_view v;
	if (network_view_load(rq->db, http_policy(rq), rq->a, net->id, NETWORK_VIEW_ALL, &v, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, rec_text(net, "name"), PAGE_NAV_NETWORKS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	page_crumbs(&p, "Networks", "/networks", rec_text(net, "name"), NULL, NULL);
	html_elem(h, "h1", rec_text(net, "name"), NULL);
	const char *done = http_query(rq, "done");
	if (done != NULL && strcmp(done, "meeting") == 0)
		page_notice(&p, "The meeting was added.");
	else if (done != NULL && strcmp(done, "facilitator") == 0)
		page_notice(&p, "The facilitator was added.");
	net_setup_notice(&p, done);
	if (v.may.edit)
		html_elem(h, "a", "Edit the details", "href",
			  page_href(rq, "/networks/%lld/edit", net->id), "class", "button secondary",
			  NULL);
	page_errors(&p);
	net_facts(&p, &v);
	net_meetings(&p, &v);
	net_teams(&p, &v);
	net_profiles(&p, &v);
	net_instruments(&p, &v);
	net_forms(&p, &v);
	calendar_page_card(&p, page_href(rq, "/networks/%lld/calendar", net->id),
			   "this network's meetings");
	page_end(&p);
	return 0;
}

/* GET /networks/{id} */
static int net_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *net = rq->record;
	return net_page(rq, rs, net, NULL, err);
}

/* The network page again with the form's refusal beside its field; any other failure
 * is the request's error. */
static int net_refused(struct http_req *rq, struct http_resp *rs, struct rec *net,
		       const struct cn_err *why, struct cn_err *err)
{
	if (!page_refused(why)) {
		*err = *why;
		return -1;
	}
	return net_page(rq, rs, net, why, err);
}

/* POST /networks/{id}/meetings */
static int net_meeting_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *net = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct rec *m = rec_new(rq->a, &meeting_entity);
	if (rec_put_int(m, "network_id", net->id, err) ||
	    http_allow_record(rq, POLICY_CREATE, "meeting", m, err))
		return -1;
	struct cn_err why = {0};
	if (page_fields(m, rq->a, &f, "", rq->route->body, PAGE_NEW, &why) ||
	    rec_create(rq->db, &rq->who, rq->a, m, &why))
		return net_refused(rq, rs, net, &why, err);
	page_redirect(rs, page_href(rq, "/networks/%lld?done=meeting#meetings", net->id));
	return 0;
}

/* POST /networks/{id}/facilitators */
static int net_facilitator_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *net = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct policy_scope s = {.network_id = net->id};
	if (http_allow_scope(rq, POLICY_CREATE, "network_facilitator", &s, err))
		return -1;
	struct cn_err why = {0};
	const char *email = form_get(&f, "email");
	int64_t person = 0;
	if (email == NULL || email[0] == '\0') {
		cn_err_field(&why, CN_ERR_INPUT, "email",
			     "Enter the email address of the person who will facilitate.");
		return net_refused(rq, rs, net, &why, err);
	}
	int found = person_find_email(rq->db, email, &person, err);
	if (found < 0)
		return -1;
	if (found == 0) {
		cn_err_field(&why, CN_ERR_INPUT, "email",
			     "Nobody in capnet has the email address %s; add the person under "
			     "Admin, People first.",
			     email);
		return net_refused(rq, rs, net, &why, err);
	}
	if (network_facilitator_add(rq->db, &rq->who, net->id, person, &why))
		return net_refused(rq, rs, net, &why, err);
	page_redirect(rs, page_href(rq, "/networks/%lld?done=facilitator#about", net->id));
	return 0;
}

static const struct route_field net_team_fields[] = {
	{.name = "district_id"}, {.name = "name"}, {.name = NULL},
};

/* POST /networks/{id}/teams: a district's team joins the network. */
static int net_team_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *net = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct rec *t = rec_new(rq->a, &team_entity);
	struct policy_scope s = {.network_id = net->id};
	if (rec_put_int(t, "network_id", net->id, err) ||
	    http_allow_scope(rq, POLICY_CREATE, "team", &s, err))
		return -1;
	struct cn_err why = {0};
	if (page_fields(t, rq->a, &f, "", rq->route->body, PAGE_NEW, &why))
		return net_refused(rq, rs, net, &why, err);
	if (rec_is_null(t, "district_id")) {
		cn_err_field(&why, CN_ERR_INPUT, "district_id", "Choose the team's district.");
		return net_refused(rq, rs, net, &why, err);
	}
	if (http_allow_record(rq, POLICY_CREATE, "team", t, err))
		return -1;
	if (rec_create(rq->db, &rq->who, rq->a, t, &why))
		return net_refused(rq, rs, net, &why, err);
	page_redirect(rs, page_href(rq, "/networks/%lld?done=team#teams", net->id));
	return 0;
}

/* POST /networks/{id}/facilitators/{person}/remove */
static int net_facilitator_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *net = rq->record;
	int64_t person;
	if (page_id(rq, "person", &person, err))
		return -1;
	struct policy_scope s = {.network_id = net->id};
	if (http_allow_scope(rq, POLICY_DELETE, "network_facilitator", &s, err) ||
	    network_facilitator_remove(rq->db, &rq->who, net->id, person, err))
		return -1;
	page_redirect(rs, page_href(rq, "/networks/%lld?done=facilitator_removed#about", net->id));
	return 0;
}

/* The network of the path, which the actor may read (else 404); the route's rule is
 * asked by its handler, with what it adds. */
static const struct route_load net_network = {&network_entity, "id", NULL, NULL, 1};

static const struct route network_routes[] = {
    {"GET", "/networks", net_list, "network", POLICY_READ, NULL, 0,
     "the networks the signed-in person may see", NULL, NULL},
    {"GET", "/networks/{id}", net_show, "network", POLICY_READ, NULL, 0,
     "a network: facts, facilitators, meetings, teams", NULL, NULL, &net_network},
    {"POST", "/networks/{id}/meetings", net_meeting_add, "meeting", POLICY_CREATE, NULL, 0,
     "add a meeting to a network", net_meeting_fields, NULL, &net_network},
    {"POST", "/networks/{id}/facilitators", net_facilitator_add, "network_facilitator",
     POLICY_CREATE, NULL, 0, "add a facilitator to a network", NULL, NULL, &net_network},
    {"POST", "/networks/{id}/teams", net_team_add, "team", POLICY_CREATE, NULL, 0,
     "add a district team to a network", net_team_fields, NULL, &net_network},
    {"POST", "/networks/{id}/facilitators/{person}/remove", net_facilitator_remove,
     "network_facilitator", POLICY_DELETE, NULL, 0, "remove a facilitator from a network", NULL,
     NULL, &net_network},
};

const struct web_routes web_routes_network = {network_routes,
					      sizeof(network_routes) / sizeof(network_routes[0])};
