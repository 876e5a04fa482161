/* pages_deliverables: the deliverables a person may see, with filters; creating one;
 * one deliverable's page (its facts, standards, contributors with their districts,
 * versions, the current text, lineage both ways with how much each adaptation still
 * is its source, reviews, learning targets); and its status buttons (submit, publish,
 * return, withdraw), each offered and checked by the policy. Editing, differences,
 * reviews and adapting are in pages_deliverable_edit.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/deliverable/deliverable.h"
#include "app/deliverable/deliverable_contributor.h"
#include "app/deliverable/deliverable_lineage.h"
#include "app/deliverable/deliverable_review.h"
#include "app/network/network.h"
#include "app/deliverable/target.h"
#include "http/allow.h"
#include "web/deliverable/dlv.h"
#include "web/network/materials.h"
#include "web/page.h"
#include "web/render.h"
#include "web/web.h"
#include "app/network/team.h"

enum { LIST_PAGE = 50, LIST_SCAN_MAX = 2000, LINEAGE_SHOWN = 100 };

/* What a redirect's ?done= says; anything else is not shown. */
static const struct {
	const char *code, *text;
} done_texts[] = {
    {"created", "The deliverable was created."},
    {"saved", "The new version was saved."},
    {"submit", "Submitted for review."},
    {"publish", "Published. Every team in the network can now see and adapt it."},
    {"return", "Returned to draft."},
    {"withdraw", "Withdrawn: it is a draft again."},
    {"reviewed", "Your review was saved."},
    {"derived", "Your team's adaptation was created. Change it for your schools and save."},
    {"added", "The contributor was added: they can read the drafts, save versions and review."},
    {"removed", "The contributor was removed."},
};

static void dlv_done_notice(struct page *p)
{
	const char *done = http_query(p->rq, "done");
	for (size_t i = 0; done != NULL && i < sizeof(done_texts) / sizeof(done_texts[0]); i++)
		if (strcmp(done, done_texts[i].code) == 0)
			page_notice(p, done_texts[i].text);
}

static const char *status_class(const char *status)
{
	if (strcmp(status, "published") == 0)
		return "status-good";
	return strcmp(status, "in_review") == 0 ? "status-warn" : NULL;
}

/* The list. */

struct list_filter {
	int64_t network;
	const char *kind, *status;
};

static int list_read_filter(struct http_req *rq, struct list_filter *f, struct cn_err *why)
{
	memset(f, 0, sizeof(*f));
	if (page_query_id(rq, "network", &f->network, why) < 0)
		return -1;
	const char *const *sets[] = {dlv_kinds, dlv_statuses};
	const char *names[] = {"kind", "status"};
	const char **out[] = {&f->kind, &f->status};
	for (int k = 0; k < 2; k++) {
		const char *v = http_query(rq, names[k]);
		if (v == NULL || v[0] == '\0')
			continue;
		int ok = 0;
		for (size_t i = 0; sets[k][i] != NULL; i++)
			ok |= strcmp(sets[k][i], v) == 0;
		if (!ok)
			return cn_err_field(why, CN_ERR_INPUT, names[k],
					    "Choose one of the %s listed.",
					    names[k] == names[0] ? "kinds" : "statuses");
		*out[k] = v;
	}
	return 0;
}

static void list_filter_form(struct page *p, const struct list_filter *f,
			     const struct rec_list *networks)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	const char **ids = arena_alloc(rq->a, sizeof(char *) * (networks->count + 1));
	const char **names = arena_alloc(rq->a, sizeof(char *) * (networks->count + 1));
	for (size_t i = 0; i < networks->count; i++) {
		ids[i] = arena_printf(rq->a, "%lld", (long long)networks->items[i]->id);
		names[i] = rec_text(networks->items[i], "name");
	}
	char net[24] = "";
	if (f->network)
		snprintf(net, sizeof(net), "%lld", (long long)f->network);
	html_open(h, "form", "method", "get", "action", "/deliverables", "class", "stack filters",
		  "aria-label", "Filter deliverables", NULL);
	html_open(h, "div", "class", "grid three", NULL);
	html_open(h, "div", NULL);
	page_select(p, "network", "Network", ids, names, net, 0);
	html_close(h);
	html_open(h, "div", NULL);
	page_select(p, "kind", "Kind", dlv_kinds, dlv_kind_labels, f->kind, 0);
	html_close(h);
	html_open(h, "div", NULL);
	page_select(p, "status", "Status", dlv_statuses, dlv_status_labels, f->status, 0);
	html_close(h);
	html_close(h);
	page_submit(p, "Show");
	html_close(h);
}

/* Rows of the list the person may read: up to LIST_PAGE of them after cursor. */
static int list_rows(struct http_req *rq, const struct list_filter *f, int64_t cursor,
		     struct rec **rows, size_t *n, int64_t *next, struct cn_err *err)
{
	char net[24];
	snprintf(net, sizeof(net), "%lld", (long long)f->network);
	struct rec_query q = {.filter = {f->network ? net : NULL, NULL, f->kind, f->status},
			      .cursor = cursor,
			      .limit = LIST_PAGE};
	*n = 0;
	*next = 0;
	for (size_t scanned = 0; scanned < LIST_SCAN_MAX;) {
		struct rec_list page;
		if (rec_list(rq->db, rq->a, &deliverable_entity, &q, &page, err))
			return -1;
		for (size_t i = 0; i < page.count; i++) {
			if (*n == LIST_PAGE) {
				*next = rows[*n - 1]->id;
				return 0;
			}
			int can = http_can_read(rq, "deliverable", page.items[i], err);
			if (can < 0)
				return -1;
			if (can)
				rows[(*n)++] = page.items[i];
		}
		scanned += page.count;
		if (page.next_cursor == 0)
			return 0;
		q.cursor = page.next_cursor;
	}
	*next = q.cursor; /* many rows hidden from this person: let them go on */
	return 0;
}

/* GET /deliverables?network=&kind=&status=&after= */
static int dlv_list(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_READ, "deliverable", err))
		return -1;
	struct cn_err why = {0};
	struct list_filter f;
	int64_t after = 0;
	if (list_read_filter(rq, &f, &why) == 0)
		page_query_id(rq, "after", &after, &why);
	struct rec *rows[LIST_PAGE];
	size_t n = 0;
	int64_t next = 0;
	if (why.kind == CN_OK && list_rows(rq, &f, after, rows, &n, &next, err))
		return -1;
	int admin = policy_is_admin(rq->policy, err);
	if (admin < 0)
		return -1;
	char me[24];
	snprintf(me, sizeof(me), "%lld", (long long)rq->who.person_id);
	struct rec_query nq = {.limit = REC_LIST_MAX};
	if (!admin)
		nq.filter[3] = me;
	struct rec_list networks;
	if (rec_list(rq->db, rq->a, &network_entity, &nq, &networks, err))
		return -1;
	struct cn_err create_err = {0};
	int can_create =
	    policy_check_any(rq->policy, POLICY_CREATE, "deliverable", &create_err) == 0;

	struct page p;
	page_begin(&p, rq, rs, "Deliverables", PAGE_NAV_DELIVERABLES);
	struct html *h = &p.h;
	page_show_error(&p, &why);
	html_elem(h, "h1", "Deliverables", NULL);
	if (can_create)
		html_elem(h, "a", "New deliverable", "href", "/deliverables/new", "class", "button",
			  NULL);
	html_elem(h, "a", "Your notices", "href", "/notices", "class", "button secondary", NULL);
	page_errors(&p);
	list_filter_form(&p, &f, &networks);
	if (why.kind == CN_OK && n == 0)
		html_elem(h, "p", "No deliverables you can see match.", "class", "muted", NULL);
	if (n > 0) {
		html_open(h, "div", "class", "table-wrap", NULL);
		html_open(h, "table", NULL);
		html_elem(h, "caption", "Deliverables you can see", "class", "visually-hidden",
			  NULL);
		html_open(h, "thead", NULL);
		html_open(h, "tr", NULL);
		static const char *const heads[] = {"Title",   "Kind", "Status",
						    "Network", "Team", "Last changed"};
		for (size_t i = 0; i < 6; i++)
			html_elem(h, "th", heads[i], "scope", "col", NULL);
		html_close(h);
		html_close(h);
		html_open(h, "tbody", NULL);
		for (size_t i = 0; i < n; i++) {
			const struct rec *d = rows[i];
			html_open(h, "tr", NULL);
			html_open(h, "td", NULL);
			html_elem(h, "a", rec_text(d, "title"), "href", dlv_href(rq->a, d->id, ""),
				  NULL);
			html_close(h);
			html_elem(h, "td", dlv_kind_label(rec_text(d, "kind")), NULL);
			html_elem(h, "td", dlv_status_label(rec_text(d, "status")), "class",
				  status_class(rec_text(d, "status")), NULL);
			html_elem(h, "td", dlv_name(rq, &network_entity, rec_int(d, "network_id")),
				  NULL);
			html_elem(h, "td", dlv_name(rq, &team_entity, rec_int(d, "team_id")), NULL);
			html_elem(h, "td", d->updated_at, NULL);
			html_close(h);
		}
		html_close(h);
		html_close(h);
		html_close(h);
	}
	if (next != 0) {
		struct buf more = BUF_INIT;
		buf_printf(&more, "/deliverables?after=%lld", (long long)next);
		if (f.network)
			buf_printf(&more, "&network=%lld", (long long)f.network);
		if (f.kind) /* a choice from our own list: no escaping needed in the query */
			buf_printf(&more, "&kind=%s", f.kind);
		if (f.status)
			buf_printf(&more, "&status=%s", f.status);
		html_open(h, "p", NULL);
		html_elem(h, "a", "More deliverables", "href", buf_str(&more), "rel", "next", NULL);
		html_close(h);
		buf_free(&more);
	}
	page_end(&p);
	return 0;
}

/* Creating one. */

static void new_form(struct page *p, const char *const *teams, const char *const *labels,
		     size_t nteams)
{
	struct html *h = &p->h;
	page_crumbs(p, "Deliverables", "/deliverables", "New", NULL, NULL);
	html_elem(h, "h1", "New deliverable", NULL);
	page_errors(p);
	if (nteams == 0) {
		html_elem(h, "p",
			  "You are not on a district team that may create deliverables. Ask your "
			  "district lead or the network's facilitator to add you to your team.",
			  "class", "muted", NULL);
		return;
	}
	page_form_begin(p, "/deliverables/new", NULL);
	page_select(p, "team_id", "Team", teams, labels, nteams == 1 ? teams[0] : NULL, 1);
	page_select(p, "kind", "Kind", dlv_kinds, dlv_kind_labels, NULL, 1);
	page_input(p, "title", "Title", "text", NULL, "For example: Grade 5 fractions unit", 1);
	page_textarea(p, "body", "First version (Markdown)", NULL,
		      "Optional: you can write it later on the deliverable's page.", 0, "editor");
	page_input(p, "change_note", "Change note", "text", NULL, "What this version is", 0);
	page_submit(p, "Create deliverable");
	html_close(h);
}

static const struct route_field dlv_new_fields[] = {
	{.name = "kind"}, {.name = "title"}, {.name = NULL},
};

/* GET and POST /deliverables/new */
static int dlv_new(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_CREATE, "deliverable", err))
		return -1;
	const char **teams, **labels;
	size_t nteams;
	if (dlv_team_choices(rq, &teams, &labels, &nteams, err))
		return -1;
	struct cn_err why = {0};
	if (strcmp(rq->method, "POST") == 0) {
		struct form f;
		if (page_form(rq, &f, err))
			return -1;
		int64_t team_id = 0;
		const char *team = form_get(&f, "team_id");
		for (size_t i = 0; team != NULL && i < nteams; i++)
			if (strcmp(team, teams[i]) == 0)
				team_id = (int64_t)strtoll(team, NULL, 10);
		struct rec *d = rec_new(rq->a, &deliverable_entity);
		struct rec *t = NULL;
		const char *body = dlv_text(rq->a, form_get(&f, "body"));
		if (team_id == 0) {
			cn_err_field(&why, CN_ERR_INPUT, "team_id", "Choose your team.");
		} else if (rec_get(rq->db, rq->a, &team_entity, team_id, &t, err) ||
			   rec_put_int(d, "team_id", team_id, err) ||
			   rec_put_int(d, "network_id", rec_int(t, "network_id"), err)) {
			return -1;
		} else if (page_fields(d, rq->a, &f, "", rq->route->body, PAGE_NEW, &why) == 0) {
			if (http_allow_record(rq, POLICY_CREATE, "deliverable", d, err))
				return -1;
			if (deliverable_create(rq->db, &rq->who, rq->a, d, 0,
					       body && body[0] ? body : NULL,
					       form_get(&f, "change_note"), &why) == 0) {
				page_redirect(rs, dlv_href(rq->a, d->id, "?done=created"));
				return 0;
			}
		}
		if (why.kind == CN_ERR_INTERNAL || why.kind == CN_ERR_UNAVAILABLE) {
			*err = why;
			return -1;
		}
	}
	struct page p;
	page_begin(&p, rq, rs, "New deliverable", PAGE_NAV_DELIVERABLES);
	page_show_error(&p, &why);
	new_form(&p, teams, labels, nteams);
	page_end(&p);
	return 0;
}

/* One deliverable's page. */

static void detail_fact(struct html *h, const char *name, const char *value)
{
	if (value == NULL)
		return;
	html_elem(h, "dt", name, NULL);
	html_elem(h, "dd", value, NULL);
}

/* The buttons the person may use, each asked of the policy. */
static void detail_actions(struct page *p, const struct rec *d, int has_version,
			   int is_published_version, int has_revision)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	const char *status = rec_text(d, "status");
	int can_update = dlv_can(rq, POLICY_UPDATE, "deliverable", d);
	int can_publish = dlv_can(rq, POLICY_UPDATE, "deliverable_publish", d);
	int can_save = dlv_can(rq, POLICY_CREATE, "deliverable_version", d);
	html_open(h, "div", "class", "actions", NULL);
	if (can_save && strcmp(status, "in_review") != 0)
		html_elem(h, "a", has_version ? "Edit the text" : "Write the first version", "href",
			  dlv_href(rq->a, d->id, "/edit"), "class", "button", NULL);
	if (can_update && has_version && strcmp(status, "draft") == 0)
		page_button_form(p, dlv_href(rq->a, d->id, "/submit"), "Submit for review", NULL);
	if (can_update && has_revision && strcmp(status, "published") == 0)
		page_button_form(p, dlv_href(rq->a, d->id, "/submit"),
				 "Submit the new version for review", NULL);
	if (can_publish && strcmp(status, "in_review") == 0) {
		page_button_form(p, dlv_href(rq->a, d->id, "/publish"), "Publish", NULL);
		page_button_form(p, dlv_href(rq->a, d->id, "/return"), "Return to draft",
				 "secondary");
	}
	if (can_update && strcmp(status, "published") == 0)
		page_button_form(p, dlv_href(rq->a, d->id, "/withdraw"), "Withdraw", "secondary");
	if (has_version && strcmp(status, "draft") != 0 &&
	    dlv_can(rq, POLICY_CREATE, "deliverable_review", d))
		html_elem(h, "a", "Review it", "href", dlv_href(rq->a, d->id, "/review"), "class",
			  "button secondary", NULL);
	struct cn_err no = {0};
	if (is_published_version &&
	    policy_check_any(rq->policy, POLICY_CREATE, "deliverable", &no) == 0)
		html_elem(h, "a", "Adapt it for your team", "href",
			  dlv_href(rq->a, d->id, "/derive"), "class", "button secondary", NULL);
	if (can_update)
		html_elem(h, "a", "Change standards", "href", dlv_href(rq->a, d->id, "/standards"),
			  "class", "button secondary", NULL);
	if (has_version)
		html_elem(h, "a", "Compare versions", "href", dlv_href(rq->a, d->id, "/diff"),
			  "class", "button secondary", NULL);
	html_close(h);
}

static int detail_standards(struct page *p, const struct rec *d, struct cn_err *err)
{
	struct html *h = &p->h;
	struct deliverable_standards s;
	if (deliverable_standards(p->rq->db, p->rq->a, d->id, &s, err))
		return -1;
	html_elem(h, "h2", "Standards", "id", "standards", NULL);
	if (s.count == 0) {
		html_elem(h, "p", "Not aligned to a standard yet.", "class", "muted", NULL);
		return 0;
	}
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < s.count; i++) {
		html_open(h, "li", NULL);
		html_open(h, "a", "href",
			  arena_printf(p->rq->a, "/standards/items/%lld",
				       (long long)s.items[i].cf_item_id),
			  NULL);
		html_text(h, s.items[i].code ? s.items[i].code : s.items[i].identifier);
		html_close(h);
		html_text(h, " ");
		html_text(h, s.items[i].statement);
		html_close(h);
	}
	html_close(h);
	return 0;
}

/* The person picker: the network's people of any district who do not contribute yet. */
static int detail_contributor_form(struct page *p, const struct rec *d, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	struct deliverable_contributors c;
	if (deliverable_contributor_candidates(rq->db, rq->a, d->id, &c, err))
		return -1;
	if (c.count == 0) {
		html_elem(h, "p", "Everyone on the network's teams contributes already.", "class",
			  "muted", NULL);
		return 0;
	}
	const char **ids = arena_alloc(rq->a, sizeof(char *) * (c.count + 1));
	const char **labels = arena_alloc(rq->a, sizeof(char *) * (c.count + 1));
	for (size_t i = 0; i < c.count; i++) {
		ids[i] = arena_printf(rq->a, "%lld", (long long)c.items[i].person_id);
		labels[i] = arena_printf(rq->a, "%s (%s)", c.items[i].name,
					 c.items[i].district_name ? c.items[i].district_name : "");
	}
	ids[c.count] = labels[c.count] = NULL;
	page_form_begin(p, dlv_href(rq->a, d->id, "/contributors"), "stack");
	page_select(p, "person_id", "Add a contributor from the network's teams", ids, labels,
		    NULL, 1);
	page_submit(p, "Add contributor");
	html_close(h);
	return 0;
}

static int detail_contributors(struct page *p, const struct rec *d, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	struct deliverable_contributors c;
	if (deliverable_contributors(rq->db, rq->a, d->id, &c, err))
		return -1;
	int owner = dlv_can(rq, POLICY_CREATE, "deliverable_contributor", d);
	html_open(h, "h2", "id", "contributors", NULL);
	html_text(h, "Contributors");
	html_close(h);
	if (c.count == 0)
		html_elem(h, "p", "Nobody has saved a version yet.", "class", "muted", NULL);
	if (c.count > 0) {
		html_open(h, "p", "class", "muted", NULL);
		html_textf(h, "%zu %s from %zu district%s.", c.count,
			   c.count == 1 ? "person" : "people", c.districts,
			   c.districts == 1 ? "" : "s");
		html_close(h);
	}
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < c.count; i++) {
		html_open(h, "li", NULL);
		html_text(h, c.items[i].name);
		if (c.items[i].district_name != NULL) {
			html_text(h, ", ");
			html_text(h, c.items[i].district_name);
		}
		if (owner) {
			html_text(h, " ");
			page_button_form(p,
					 arena_printf(rq->a, "/deliverables/%lld/contributors/%lld/remove",
						      (long long)d->id,
						      (long long)c.items[i].person_id),
					 "Remove", "secondary");
		}
		html_close(h);
	}
	html_close(h);
	return owner ? detail_contributor_form(p, d, err) : 0;
}

static void detail_similarity(struct html *h, int has, double similarity, const char *cls)
{
	if (!has || cls == NULL)
		return;
	html_open(h, "span", "class", "tag", NULL);
	html_textf(h, "%s, %.0f%% the same as its source", cls, similarity * 100.0);
	html_close(h);
}

static void detail_versions(struct page *p, const struct rec *d,
			    const struct deliverable_versions *v)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	html_elem(h, "h2", "Versions", "id", "versions", NULL);
	if (v->count == 0) {
		html_elem(h, "p", "No version has been saved yet.", "class", "muted", NULL);
		return;
	}
	html_open(h, "div", "class", "table-wrap", NULL);
	html_open(h, "table", NULL);
	html_elem(h, "caption", "Every saved version, the newest last", "class", "visually-hidden",
		  NULL);
	html_open(h, "thead", NULL);
	html_open(h, "tr", NULL);
	static const char *const heads[] = {"Version",	  "Author",    "Saved",	 "Change note",
					    "Adaptation", "Published", "Changes"};
	for (size_t i = 0; i < 7; i++)
		html_elem(h, "th", heads[i], "scope", "col", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", NULL);
	for (size_t i = 0; i < v->count; i++) {
		const struct deliverable_version *x = &v->items[i];
		html_open(h, "tr", NULL);
		html_open(h, "td", NULL);
		html_open(h, "a", "href",
			  arena_printf(rq->a, "/deliverables/%lld?version=%lld#text",
				       (long long)d->id, (long long)x->number),
			  NULL);
		html_textf(h, "Version %lld", (long long)x->number);
		html_close(h);
		html_close(h);
		html_elem(h, "td", x->author_name, NULL);
		html_elem(h, "td", x->created_at, NULL);
		html_elem(h, "td", x->change_note, NULL);
		html_open(h, "td", NULL);
		detail_similarity(h, x->has_similarity, x->similarity, x->similarity_class);
		html_close(h);
		html_elem(h, "td", x->published_at ? "Yes" : "No", NULL);
		html_open(h, "td", NULL);
		/* From the version listed before it: a reader who sees only published
		 * versions compares published with published. */
		if (i > 0) {
			long long before = (long long)v->items[i - 1].number;
			html_open(h, "a", "href",
				  arena_printf(rq->a, "/deliverables/%lld/diff?from=%lld&to=%lld",
					       (long long)d->id, before, (long long)x->number),
				  NULL);
			html_textf(h, "Changes from version %lld", before);
			html_close(h);
		}
		html_close(h);
		html_close(h);
	}
	html_close(h);
	html_close(h);
	html_close(h);
}

/* A lineage step, when the person may read it; its note for adaptations. */
static int detail_link(struct page *p, const struct deliverable_link *l, int derivative, int *shown,
		       struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	struct rec *other = NULL;
	if (rec_get(rq->db, rq->a, &deliverable_entity, l->deliverable_id, &other, err))
		return -1;
	int can = http_can_read(rq, "deliverable", other, err);
	if (can <= 0)
		return can;
	if ((*shown)++ == 0)
		html_open(h, "ul", NULL);
	html_open(h, "li", NULL);
	html_elem(h, "a", l->title, "href", dlv_href(rq->a, l->deliverable_id, ""), NULL);
	if (l->team_name != NULL) {
		html_text(h, " by ");
		html_text(h, l->team_name);
	}
	html_textf(h, derivative ? " (from version %lld)" : " (version %lld)",
		   (long long)l->version_number);
	if (l->depth > 1)
		html_textf(h, ", %d steps away", l->depth);
	html_text(h, " ");
	detail_similarity(h, l->has_similarity, l->similarity, l->similarity_class);
	const char *note = rec_text(other, "context_note");
	if (derivative && note != NULL) {
		html_open(h, "blockquote", "class", "note", NULL);
		html_elem(h, "span", "What they changed and why: ", "class", "muted", NULL);
		html_text(h, note);
		html_close(h);
	}
	html_close(h);
	return 1;
}

static int detail_lineage(struct page *p, const struct rec *d, struct cn_err *err)
{
	struct html *h = &p->h;
	struct deliverable_lineage l;
	if (deliverable_lineage(p->rq->db, p->rq->a, d->id, &l, err))
		return -1;
	html_elem(h, "h2", "Lineage", "id", "lineage", NULL);
	const char *note = rec_text(d, "context_note");
	int shown = 0;
	if (l.nsources > 0) {
		html_elem(h, "h3", "Adapted from", NULL);
		for (size_t i = 0; i < l.nsources && i < LINEAGE_SHOWN; i++)
			if (detail_link(p, &l.sources[i], 0, &shown, err) < 0)
				return -1;
		if (shown)
			html_close(h);
		else
			html_elem(h, "p", "A deliverable you cannot see.", "class", "muted", NULL);
		if (note != NULL) {
			html_elem(h, "h3", "What this team changed for its schools, and why", NULL);
			html_elem(h, "p", note, "class", "note", NULL);
		}
	}
	html_elem(h, "h3", "Adaptations of it", NULL);
	shown = 0;
	for (size_t i = 0; i < l.nderivatives && i < LINEAGE_SHOWN; i++)
		if (detail_link(p, &l.derivatives[i], 1, &shown, err) < 0)
			return -1;
	if (shown)
		html_close(h);
	else
		html_elem(h, "p", "No adaptations you can see.", "class", "muted", NULL);
	return 0;
}

static int detail_reviews(struct page *p, const struct rec *d, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	struct deliverable_reviews r;
	if (deliverable_reviews(rq->db, rq->a, d->id, 0, &r, err))
		return -1;
	struct deliverable_review_summaries s;
	deliverable_review_summarize(rq->a, &r, &s);
	html_elem(h, "h2", "Reviews", "id", "reviews", NULL);
	if (r.count == 0) {
		html_elem(h, "p", "Not reviewed yet.", "class", "muted", NULL);
		return 0;
	}
	html_open(h, "div", "class", "table-wrap", NULL);
	html_open(h, "table", NULL);
	html_elem(h, "caption", "Mean scores per version (0 to 3)", NULL);
	html_open(h, "thead", NULL);
	html_open(h, "tr", NULL);
	html_elem(h, "th", "Version", "scope", "col", NULL);
	html_elem(h, "th", "Reviews", "scope", "col", "class", "num", NULL);
	for (int k = 0; k < REVIEW_DIMENSION_COUNT; k++)
		html_elem(h, "th", dlv_dimension_labels[k], "scope", "col", "class", "num", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", NULL);
	for (size_t i = 0; i < s.count; i++) {
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_textf(h, "Version %lld", (long long)s.items[i].version_number);
		html_close(h);
		html_open(h, "td", "class", "num", NULL);
		html_textf(h, "%zu", s.items[i].reviews);
		html_close(h);
		for (int k = 0; k < REVIEW_DIMENSION_COUNT; k++) {
			html_open(h, "td", "class", "num", NULL);
			if (s.items[i].scored[k])
				html_textf(h, "%.1f", s.items[i].mean[k]);
			else
				html_text(h, "-");
			html_close(h);
		}
		html_close(h);
	}
	html_close(h);
	html_close(h);
	html_close(h);
	for (size_t i = 0; i < r.count; i++) {
		const struct deliverable_review *x = &r.items[i];
		html_open(h, "article", "class", "card review", NULL);
		html_open(h, "h3", NULL);
		html_textf(h, "%s on version %lld",
			   x->reviewer_name ? x->reviewer_name : "A reviewer",
			   (long long)x->version_number);
		html_close(h);
		html_open(h, "ul", NULL);
		for (int k = 0; k < REVIEW_DIMENSION_COUNT; k++) {
			if (x->score[k] == REVIEW_NOT_SCORED)
				continue;
			html_open(h, "li", NULL);
			html_textf(h, "%s: %d of 3", dlv_dimension_labels[k], x->score[k]);
			if (x->comment[k] != NULL) {
				html_text(h, ". ");
				html_text(h, x->comment[k]);
			}
			html_close(h);
		}
		html_close(h);
		if (x->comments != NULL)
			html_elem(h, "p", x->comments, NULL);
		html_close(h);
	}
	return 0;
}

static int detail_targets(struct page *p, const struct rec *d, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	struct rec_list t;
	if (target_list(rq->db, rq->a, d->id, &t, err))
		return -1;
	html_elem(h, "h2", "Learning targets", "id", "targets", NULL);
	if (t.count == 0)
		html_elem(h, "p", "No learning targets yet.", "class", "muted", NULL);
	html_open(h, "ol", NULL);
	for (size_t i = 0; i < t.count; i++) {
		html_open(h, "li", NULL);
		html_text(h, rec_text(t.items[i], "statement"));
		html_text(h, " ");
		html_elem(h, "span", rec_text(t.items[i], "kind"), "class", "tag", NULL);
		html_close(h);
	}
	html_close(h);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Work on the learning targets", "href",
		  dlv_href(rq->a, d->id, "/targets"), NULL);
	html_text(h, " - ");
	html_elem(h, "a", "Download them as CASE JSON", "href",
		  dlv_href(rq->a, d->id, "/case.json"), "download", "", NULL);
	html_close(h);
	return 0;
}

/* The version shown: ?version=N, else the latest the person may see (versions);
 * 0 when there is none. */
static int detail_body(struct page *p, const struct rec *d, int64_t number,
		       const struct deliverable_versions *versions, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	html_elem(h, "h2", "Text", "id", "text", NULL);
	struct deliverable_version v;
	if (versions->count == 0) {
		html_elem(h, "p", "Nothing has been written yet.", "class", "muted", NULL);
		return 0;
	}
	if (deliverable_version_find(rq->db, rq->a, d->id,
				     number ? number : versions->items[versions->count - 1].number,
				     &v, err))
		return -1;
	html_open(h, "p", "class", "muted", NULL);
	html_textf(h, "Version %lld, saved %s by %s", (long long)v.number, v.created_at,
		   v.author_name ? v.author_name : "someone");
	if (v.change_note != NULL)
		html_textf(h, ": %s", v.change_note);
	html_close(h);
	render_markdown(h, rq->a, v.body, v.body_len);
	return 0;
}

/* GET /deliverables/{id}[?version=N] */
static int dlv_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	int64_t number = 0;
	if (dlv_load(rq, POLICY_READ, &d, err) || page_query_id(rq, "version", &number, err) < 0)
		return -1;
	struct deliverable_versions versions;
	if (dlv_versions(rq, d, &versions, NULL, err))
		return -1;
	int published_version = 0;
	for (size_t i = 0; i < versions.count; i++)
		published_version |= versions.items[i].published_at != NULL;
	int shown = number == 0;
	for (size_t i = 0; i < versions.count && !shown; i++)
		shown = versions.items[i].number == number;
	if (!shown)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "deliverable %lld has no version %lld",
				  (long long)d->id, (long long)number);
	int has_revision = versions.count > 0 && published_version &&
			   versions.items[versions.count - 1].published_at == NULL;
	struct page p;
	page_begin(&p, rq, rs, rec_text(d, "title"), PAGE_NAV_DELIVERABLES);
	struct html *h = &p.h;
	dlv_top(&p, d, NULL, "");
	dlv_done_notice(&p);
	const char *status = rec_text(d, "status");
	html_open(h, "dl", "class", "facts", NULL);
	detail_fact(h, "Kind", dlv_kind_label(rec_text(d, "kind")));
	html_elem(h, "dt", "Status", NULL);
	html_elem(h, "dd", dlv_status_label(status), "class", status_class(status), NULL);
	detail_fact(h, "Network", dlv_name(rq, &network_entity, rec_int(d, "network_id")));
	detail_fact(h, "Team", dlv_name(rq, &team_entity, rec_int(d, "team_id")));
	const struct deliverable_version *last =
	    versions.count ? &versions.items[versions.count - 1] : NULL;
	if (last != NULL && last->has_similarity && last->similarity_class != NULL) {
		html_elem(h, "dt", "Against its source", NULL);
		html_open(h, "dd", NULL);
		detail_similarity(h, 1, last->similarity, last->similarity_class);
		html_close(h);
	}
	html_close(h);
	detail_actions(&p, d, versions.count > 0, published_version, has_revision);
	if (detail_standards(&p, d, err) || detail_body(&p, d, number, &versions, err))
		return -1;
	if (strcmp(rec_text(d, "kind"), "learning_target_set") == 0 && detail_targets(&p, d, err))
		return -1;
	detail_versions(&p, d, &versions);
	if (detail_contributors(&p, d, err) || detail_lineage(&p, d, err) ||
	    detail_reviews(&p, d, err) || materials_card(&p, "deliverable", d->id, err))
		return -1;
	page_end(&p);
	return 0;
}

/* POST /deliverables/{id}/submit|publish|return|withdraw */
static int dlv_status(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const char *action = strrchr(rq->path, '/') + 1;
	int by_facilitator = strcmp(action, "publish") == 0 || strcmp(action, "return") == 0;
	struct rec *d;
	if (dlv_load(rq, POLICY_READ, &d, err) ||
	    http_allow_record(rq, POLICY_UPDATE,
			      by_facilitator ? "deliverable_publish" : "deliverable", d, err) ||
	    deliverable_transition(rq->db, &rq->who, rq->a, d->id, action, 0, NULL, err))
		return -1;
	page_redirect(rs,
		      arena_printf(rq->a, "/deliverables/%lld?done=%s", (long long)d->id, action));
	return 0;
}

/* POST /deliverables/{id}/contributors (person_id) and
 * /deliverables/{id}/contributors/{person_id}/remove: the owners' person picker. */
static int dlv_contributor(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	struct form f;
	int remove = strcmp(strrchr(rq->path, '/') + 1, "remove") == 0;
	int64_t person = 0;
	if (dlv_load(rq, POLICY_READ, &d, err) ||
	    http_allow_record(rq, remove ? POLICY_DELETE : POLICY_CREATE, "deliverable_contributor",
			      d, err) ||
	    page_form(rq, &f, err))
		return -1;
	if (remove) {
		if (page_id(rq, "person_id", &person, err))
			return -1;
	} else {
		const char *v = form_get(&f, "person_id");
		person = v != NULL ? strtoll(v, NULL, 10) : 0;
	}
	if (remove ? deliverable_contributor_remove(rq->db, &rq->who, d->id, person, err)
		   : deliverable_contributor_add(rq->db, &rq->who, d->id, person, err))
		return -1;
	page_redirect(rs, arena_printf(rq->a, "/deliverables/%lld?done=%s#contributors",
				       (long long)d->id, remove ? "removed" : "added"));
	return 0;
}

static const struct route dlv_routes[] = {
    {"GET", "/deliverables", dlv_list, "deliverable", POLICY_READ, NULL, 0,
     "deliverables the person may see", NULL, NULL},
    {"GET", "/deliverables/new", dlv_new, "deliverable", POLICY_CREATE, NULL, 0,
     "the form for a new deliverable", NULL, NULL},
    {"POST", "/deliverables/new", dlv_new, "deliverable", POLICY_CREATE, NULL, 0,
     "create a deliverable", dlv_new_fields, NULL},
    {"GET", "/deliverables/{id}", dlv_show, "deliverable", POLICY_READ, NULL, 0, "one deliverable",
     NULL, NULL},
    {"POST", "/deliverables/{id}/submit", dlv_status, "deliverable", POLICY_UPDATE, NULL, 0,
     "submit for review", NULL, NULL},
    {"POST", "/deliverables/{id}/publish", dlv_status, "deliverable_publish", POLICY_UPDATE, NULL,
     0, "publish", NULL, NULL},
    {"POST", "/deliverables/{id}/return", dlv_status, "deliverable_publish", POLICY_UPDATE, NULL, 0,
     "return to draft", NULL, NULL},
    {"POST", "/deliverables/{id}/withdraw", dlv_status, "deliverable", POLICY_UPDATE, NULL, 0,
     "withdraw a published deliverable", NULL, NULL},
    {"POST", "/deliverables/{id}/contributors", dlv_contributor, "deliverable_contributor",
     POLICY_CREATE, NULL, 0, "add a contributor from the network's teams", NULL, NULL},
    {"POST", "/deliverables/{id}/contributors/{person_id}/remove", dlv_contributor,
     "deliverable_contributor", POLICY_DELETE, NULL, 0, "remove a contributor", NULL, NULL},
};

const struct web_routes web_routes_deliverables = {dlv_routes,
						   sizeof(dlv_routes) / sizeof(dlv_routes[0])};
