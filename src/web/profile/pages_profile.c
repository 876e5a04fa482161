/* Folder web/profile: a team's page and its capacity-building profile
 * (pages_profile.c). */
/* pages_profile: a district team's page (its network, members, and the pages of its
 * work, with forms for its district's lead, the network's facilitators and the admins
 * to add people of the district to the team and to remove them) and its capacity-building profile for the school year (DESIGN §2): each
 * component with its share in a chart and in a table, the summary, Guskey's level of
 * the evidence it rests on, and the records behind it, each linked to its own page;
 * and the train-the-trainer flag with its reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/network/network.h"
#include "app/plan/plan.h"
#include "app/profile/profile.h"
#include "http/allow.h"
#include "web/chart.h"
#include "web/network/calendar_page.h"
#include "web/page.h"
#include "web/plan/teampage.h"
#include "web/web.h"
#include "app/network/team.h"

static const char *const pf_roles[] = {"member", "lead", NULL};
static const char *const pf_role_labels[] = {"Member", "Lead", NULL};

/* The people of the team's district not on the team yet, as choices. */
static int pf_candidates(struct http_req *rq, const struct teampage *t,
			 const struct network_people *m, struct teampage_choices *out,
			 struct cn_err *err)
{
	struct network_people all;
	if (team_district_people(rq->db, rq->a, t->team->id, &all, err))
		return -1;
	teampage_choices_init(rq, out, all.count);
	for (size_t i = 0; i < all.count; i++) {
		size_t k = 0;
		while (k < m->count && m->items[k].person_id != all.items[i].person_id)
			k++;
		if (k == m->count)
			teampage_choices_add(rq, out, all.items[i].person_id,
					     all.items[i].email ? arena_printf(rq->a, "%s (%s)",
									       all.items[i].name,
									       all.items[i].email)
								: all.items[i].name);
	}
	return 0;
}

/* The members list, with a remove button each and the add form for those who may. */
static int pf_members(struct page *p, const struct teampage *t, const struct network_people *m,
		      struct cn_err *err)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	int may_add = teampage_may(rq, t, POLICY_CREATE, "team_member", err);
	int may_remove = may_add < 0 ? -1 : teampage_may(rq, t, POLICY_DELETE, "team_member", err);
	if (may_remove < 0)
		return -1;
	struct teampage_choices c = {0};
	if (may_add && pf_candidates(rq, t, m, &c, err))
		return -1;
	html_open(h, "section", "class", "card", "aria-labelledby", "members", NULL);
	html_elem(h, "h2", "Members", "id", "members", NULL);
	if (m->count == 0)
		html_elem(h, "p", "No members yet.", "class", "muted", NULL);
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < m->count; i++) {
		html_open(h, "li", NULL);
		html_text(h, m->items[i].name);
		if (strcmp(m->items[i].role, "lead") == 0)
			html_text(h, " (lead)");
		if (may_remove) {
			html_text(h, " ");
			page_form_begin(p,
					arena_printf(rq->a, "/teams/%lld/members/%lld/remove",
						     (long long)t->team->id,
						     (long long)m->items[i].person_id),
					"inline");
			html_open(h, "button", "type", "submit", "class", "secondary", NULL);
			html_text(h, "Remove");
			html_elem(h, "span", arena_printf(rq->a, " %s", m->items[i].name), "class",
				  "visually-hidden", NULL);
			html_close(h);
			html_close(h);
		}
		html_close(h);
	}
	html_close(h);
	if (may_add) {
		html_elem(h, "h3", "Add a member", "id", "add-member", NULL);
		if (c.count == 0) {
			html_open(h, "p", "class", "muted", NULL);
			html_textf(h, "Everyone of %s in capnet is on the team.", t->district);
			html_close(h);
		} else {
			page_form_begin(p, teampage_href(rq, t, "members"), NULL);
			page_select(p, "person_id", arena_printf(rq->a, "Person of %s", t->district),
				    c.values, c.labels, NULL, 1);
			page_radios(p, "role", "Role on the team", pf_roles, pf_role_labels, "member",
				    1);
			page_submit(p, "Add to the team");
			html_close(h);
		}
	}
	html_close(h);
	return 0;
}

/* Writes the team page; error (may be NULL) is the members form's refusal. */
static int pf_team_page(struct http_req *rq, struct http_resp *rs, const struct teampage *tp,
			const struct cn_err *error, struct cn_err *err)
{
	const struct teampage t = *tp;
	struct network_people m;
	struct rec_list plans;
	if (team_members(rq->db, rq->a, t.team->id, &m, err) ||
	    page_list_all(rq, &plan_entity, "team_id", t.team->id, &plans, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, t.district, PAGE_NAV_PLANS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	teampage_crumbs(&p, &t, NULL);
	html_elem(h, "h1", t.district, NULL);
	const char *done = http_query(rq, "done");
	if (done != NULL && strcmp(done, "member") == 0)
		page_notice(&p, "The member was added.");
	else if (done != NULL && strcmp(done, "member_removed") == 0)
		page_notice(&p, "The member was removed from the team.");
	page_errors(&p);
	html_open(h, "p", NULL);
	html_textf(h, "District team in %s, %s.", rec_text(t.network, "name"),
		   rec_text(t.network, "school_year"));
	html_close(h);
	html_open(h, "div", "class", "grid two", NULL);
	html_open(h, "section", "class", "card", "aria-labelledby", "work", NULL);
	html_elem(h, "h2", "The team's work", "id", "work", NULL);
	static const char *const what[] = {"assessments", "plans", "delivery", "profile"};
	static const char *const labels[] = {"Needs assessments", "Plans",
					     "PD sessions and walkthroughs",
					     "Capacity-building profile"};
	html_open(h, "ul", NULL);
	for (int i = 0; i < 4; i++) {
		html_open(h, "li", NULL);
		html_elem(h, "a", labels[i], "href", teampage_href(rq, &t, what[i]), NULL);
		html_close(h);
	}
	for (size_t i = 0; i < plans.count; i++) {
		html_open(h, "li", NULL);
		html_elem(h, "a", rec_text(plans.items[i], "title"), "href",
			  page_href(rq, "/plans/%lld", plans.items[i]->id), NULL);
		html_textf(h, " (%s)", rec_text(plans.items[i], "status"));
		html_close(h);
	}
	html_close(h);
	html_close(h);
	if (pf_members(&p, &t, &m, err))
		return -1;
	html_close(h);
	calendar_page_card(&p, page_href(rq, "/teams/%lld/calendar", t.team->id),
			   "this team's PD sessions");
	page_end(&p);
	return 0;
}

/* GET /teams/{id}: the team and the pages of its work. */
static int pf_team(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct teampage t;
	if (teampage_of(rq, rq->record, &t, err))
		return -1;
	return pf_team_page(rq, rs, &t, NULL, err);
}

/* POST /teams/{id}/members: a person of the team's district joins it as lead or
 * member. */
static int pf_member_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct teampage t;
	struct form f;
	struct network_people m;
	struct teampage_choices c;
	if (teampage_of(rq, rq->record, &t, err) || page_form(rq, &f, err) ||
	    http_allow_scope(rq, POLICY_CREATE, "team_member", &t.scope, err) ||
	    team_members(rq->db, rq->a, t.team->id, &m, err) ||
	    pf_candidates(rq, &t, &m, &c, err))
		return -1;
	const char *person = form_get(&f, "person_id"), *role = form_get(&f, "role");
	struct cn_err why = {0};
	size_t k = 0;
	while (person != NULL && k < c.count && strcmp(c.values[k], person) != 0)
		k++;
	if (person == NULL || person[0] == '\0')
		cn_err_field(&why, CN_ERR_INPUT, "person_id", "Choose the person to add.");
	else if (k == c.count)
		cn_err_field(&why, CN_ERR_INPUT, "person_id",
			     "Choose a person of %s who is not on the team yet.", t.district);
	else if (team_member_set(rq->db, &rq->who, t.team->id,
					 strtoll(person, NULL, 10), role ? role : "", &why) == 0) {
		page_redirect(rs, arena_printf(rq->a, "/teams/%lld?done=member#members",
					       (long long)t.team->id));
		return 0;
	}
	if (!page_refused(&why)) {
		*err = why;
		return -1;
	}
	return pf_team_page(rq, rs, &t, &why, err);
}

/* POST /teams/{id}/members/{person}/remove */
static int pf_member_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct teampage t;
	int64_t person;
	if (teampage_of(rq, rq->record, &t, err) || page_id(rq, "person", &person, err) ||
	    http_allow_scope(rq, POLICY_DELETE, "team_member", &t.scope, err) ||
	    team_member_remove(rq->db, &rq->who, t.team->id, person, err))
		return -1;
	page_redirect(rs, arena_printf(rq->a, "/teams/%lld?done=member_removed#members",
				       (long long)t.team->id));
	return 0;
}

/* The page of a record behind a component, or NULL when it has none. */
static const char *pf_href(struct http_req *rq, const struct profile *pr,
			   const struct profile_evidence *e)
{
	if (strcmp(e->entity, "deliverable") == 0)
		return page_href(rq, "/deliverables/%lld", e->id);
	if (strcmp(e->entity, "pd_session") == 0)
		return page_href(rq, "/sessions/%lld", e->id);
	if (strcmp(e->entity, "walkthrough") == 0)
		return page_href(rq, "/walkthroughs/%lld", e->id);
	int removed = e->value != NULL && strcmp(e->value, "removed") == 0;
	int64_t plan = removed ? pr->template_id : pr->plan_id;
	if (plan == 0)
		return NULL;
	if (strcmp(e->entity, "plan_goal") == 0)
		return arena_printf(rq->a, "/plans/%lld#goal-%lld", (long long)plan,
				    (long long)e->id);
	if (strcmp(e->entity, "plan_action") == 0)
		return arena_printf(rq->a, "/plans/%lld#action-%lld", (long long)plan,
				    (long long)e->id);
	return NULL;
}

static const char *pf_share(struct http_req *rq, const struct profile_component *c)
{
	if (!c->measured)
		return "not measured";
	return arena_printf(rq->a, "%d%% (%lld of %lld)", (int)(c->share * 100.0 + 0.5),
			    (long long)c->numerator, (long long)c->denominator);
}

static const char *pf_guskey(struct http_req *rq, int level)
{
	const char *label = profile_guskey_label(level);
	return label ? arena_printf(rq->a, "Guskey level %d: %s", level, label) : NULL;
}

static void pf_component(struct page *p, const struct profile *pr,
			 const struct profile_component *c)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	const char *id = arena_printf(rq->a, "c-%s", c->key);
	html_open(h, "section", "class", "card", "aria-labelledby", id, NULL);
	html_elem(h, "h2", c->title, "id", id, NULL);
	html_open(h, "p", NULL);
	html_elem(h, "strong", pf_share(rq, c), NULL);
	html_text(h, ". ");
	html_text(h, c->summary);
	html_close(h);
	const char *guskey = pf_guskey(rq, c->guskey_level);
	if (guskey != NULL)
		html_elem(h, "p", arena_printf(rq->a, "Evidence at %s.", guskey), "class", "tag",
			  NULL);
	if (c->nmetrics > 0) {
		html_open(h, "ul", NULL);
		for (size_t i = 0; i < c->nmetrics; i++) {
			html_open(h, "li", NULL);
			html_textf(h, "%s: %g", page_humanize(rq, c->metrics[i].name),
				   c->metrics[i].value);
			html_close(h);
		}
		html_close(h);
	}
	if (c->nevidence == 0) {
		html_elem(h, "p", "No records behind it yet.", "class", "muted", NULL);
		html_close(h);
		return;
	}
	static const char *const heads[] = {"Record", "Day",	    "What it shows", "Counts",
					    "Guskey level", "Detail", NULL};
	page_table_begin(p, arena_printf(rq->a, "The records behind: %s", c->title), 0, heads, 0);
	for (size_t i = 0; i < c->nevidence; i++) {
		const struct profile_evidence *e = &c->evidence[i];
		const char *href = pf_href(rq, pr, e);
		const char *what = arena_printf(rq->a, "%s %lld: %s",
						page_humanize(rq, e->entity), (long long)e->id,
						e->title ? e->title : "");
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		if (href != NULL)
			html_elem(h, "a", what, "href", href, NULL);
		else
			html_text(h, what);
		html_close(h);
		html_elem(h, "td", e->date ? e->date : "-", NULL);
		html_open(h, "td", NULL);
		html_text(h, e->value);
		if (e->has_number)
			html_textf(h, " (%g)", e->number);
		html_close(h);
		html_elem(h, "td", e->counts ? "Yes" : "No", NULL);
		html_elem(h, "td", e->guskey_level ? profile_guskey_label(e->guskey_level) : "-",
			  NULL);
		html_elem(h, "td", e->note ? e->note : "-", NULL);
		html_close(h);
	}
	page_table_end(p);
	html_close(h);
}

/* GET /teams/{id}/profile */
static int pf_profile(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct teampage t;
	struct profile pr;
	if (teampage_of(rq, rq->record, &t, err) || profile_team(rq->db, rq->a, t.team->id, &pr, err))
		return -1;
	struct page p;
	const char *title =
		arena_printf(rq->a, "Capacity-building profile: %s, %s", t.district, pr.school_year);
	page_begin(&p, rq, rs, title, PAGE_NAV_PLANS);
	struct html *h = &p.h;
	teampage_crumbs(&p, &t, "Profile");
	html_elem(h, "h1", title, NULL);
	html_open(h, "p", NULL);
	html_text(h, "Worked out from the team's own records for the school year. ");
	if (pr.plan_id != 0) {
		html_text(h, "Plan: ");
		html_elem(h, "a", pr.plan_title, "href", page_href(rq, "/plans/%lld", pr.plan_id),
			  NULL);
		html_text(h, ".");
	} else {
		html_text(h, "The team has no plan for the year yet.");
	}
	html_close(h);

	html_open(h, "section", "class", "card", "aria-labelledby", "ttt", NULL);
	html_elem(h, "h2", "Train the trainer?", "id", "ttt", NULL);
	html_open(h, "p", NULL);
	html_elem(h, "span", pr.train_the_trainer.flagged ? "Flagged" : "Not flagged", "class",
		  pr.train_the_trainer.flagged ? "status-bad" : "status-good", NULL);
	html_text(h, ": ");
	html_text(h, pr.train_the_trainer.reason);
	html_close(h);
	html_close(h);

	struct chart_bar bars[PROFILE_KIND_COUNT];
	for (int k = 0; k < PROFILE_KIND_COUNT; k++) {
		const struct profile_component *c = &pr.c[k];
		bars[k].label = c->title;
		bars[k].value = c->measured ? c->share * 100.0 : 0.0;
		bars[k].display = pf_share(rq, c);
	}
	html_open(h, "section", "class", "card", "aria-labelledby", "shares", NULL);
	html_elem(h, "h2", "The components at a glance", "id", "shares", NULL);
	chart_bars(h, "profile-shares", "Share of each component", bars, PROFILE_KIND_COUNT, 100.0);
	chart_table(h, "The components: the numbers", "Component", "Share", bars,
		    PROFILE_KIND_COUNT);
	html_close(h);
	for (int k = 0; k < PROFILE_KIND_COUNT; k++)
		pf_component(&p, &pr, &pr.c[k]);
	page_end(&p);
	return 0;
}

static const struct route profile_routes[] = {
	{"GET", "/teams/{id}", pf_team, "team", POLICY_READ, NULL, 0,
	 "a district team and the pages of its work", NULL, NULL, &teampage_team},
	{"POST", "/teams/{id}/members", pf_member_add, "team_member", POLICY_CREATE, NULL, 0,
	 "add a person of the district to its team", NULL, NULL, &teampage_team},
	{"POST", "/teams/{id}/members/{person}/remove", pf_member_remove, "team_member",
	 POLICY_DELETE, NULL, 0, "remove a person from a team", NULL, NULL, &teampage_team},
	{"GET", "/teams/{id}/profile", pf_profile, "team", POLICY_READ, NULL, 0,
	 "a team's capacity-building profile with the records behind it", NULL, NULL, &teampage_team},
};

const struct web_routes web_routes_profile = {profile_routes,
					      sizeof(profile_routes) / sizeof(profile_routes[0])};
