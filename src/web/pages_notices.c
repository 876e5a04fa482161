/* pages_notices: a person's notices (the source of one of their adaptations published
 * a new version), comparing their adaptation's latest version with that new source
 * version, and marking a notice seen. A notice is its person's alone (policy rule
 * "notice"): anyone else's is "not found". */
#include <stdio.h>
#include <string.h>

#include "app/notice.h"
#include "core/diff.h"
#include "http/allow.h"
#include "web/deliverable/dlv.h"
#include "web/page.h"
#include "web/render.h"
#include "web/web.h"

/* The notice of path parameter id, when it is the person's (notice_allow). */
static int notices_load(struct http_req *rq, enum policy_verb verb, struct notice *n,
			struct cn_err *err)
{
	int64_t id;
	if (page_id(rq, "id", &id, err))
		return -1;
	return notice_get_allowed(rq->db, rq->a, http_policy(rq), &rq->who, verb, id, n, err);
}

/* GET /notices[?all=1] */
static int notices_list(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (notice_allow(http_policy(rq), &rq->who, POLICY_READ, NULL, err))
		return -1;
	const char *all_q = http_query(rq, "all");
	int all = all_q != NULL && strcmp(all_q, "1") == 0;
	struct notices list;
	if (notice_list(rq->db, rq->a, rq->who.person_id, all, &list, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Notices", PAGE_NAV_DELIVERABLES);
	struct html *h = &p.h;
	page_crumbs(&p, "Deliverables", "/deliverables", "Notices", NULL, NULL);
	html_elem(h, "h1", "Notices", NULL);
	const char *done = http_query(rq, "done");
	if (done != NULL && strcmp(done, "seen") == 0)
		page_notice(&p, "Marked as seen.");
	html_elem(h, "p",
		  "When a deliverable your team adapted publishes a new version, you are told "
		  "here. Your adaptation is never changed: compare, take what you want into your "
		  "next version, and mark the notice seen.",
		  "class", "muted", NULL);
	html_open(h, "p", NULL);
	if (all)
		html_elem(h, "a", "Show only new notices", "href", "/notices", NULL);
	else
		html_elem(h, "a", "Show seen notices too", "href", "/notices?all=1", NULL);
	html_close(h);
	if (list.count == 0)
		html_elem(h, "p", "Nothing new.", "class", "muted", NULL);
	html_open(h, "ul", "class", "notices", NULL);
	for (size_t i = 0; i < list.count; i++) {
		const struct notice *n = &list.items[i];
		html_open(h, "li", "class", "card", NULL);
		html_open(h, "p", NULL);
		dlv_notice_link(rq, h, n);
		html_text(h, ": ");
		html_text(h, n->message);
		html_close(h);
		html_open(h, "p", "class", "muted", NULL);
		html_text(h, n->created_at);
		if (n->seen_at != NULL)
			html_textf(h, "; seen %s", n->seen_at);
		html_close(h);
		if (n->plan_id == 0) {
			html_open(h, "a", "href",
				  arena_printf(rq->a, "/notices/%lld/compare", (long long)n->id),
				  "class", "button secondary", NULL);
			html_text(h, "Compare with your version");
			html_elem(h, "span", arena_printf(rq->a, " of %s", n->deliverable_title),
				  "class", "visually-hidden", NULL);
			html_close(h);
		}
		if (n->seen_at == NULL) {
			page_form_begin(&p,
					arena_printf(rq->a, "/notices/%lld/seen", (long long)n->id),
					"inline");
			html_open(h, "button", "type", "submit", NULL);
			html_text(h, "Mark seen");
			html_elem(h, "span",
				  arena_printf(rq->a, ": %s",
					       n->plan_id ? n->plan_title : n->deliverable_title),
				  "class", "visually-hidden", NULL);
			html_close(h);
			html_close(h);
		}
		html_close(h);
	}
	html_close(h);
	page_end(&p);
	return 0;
}

/* GET /notices/{id}/compare */
static int notices_compare(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct notice n;
	struct diff df;
	struct deliverable_version source, own;
	if (notices_load(rq, POLICY_READ, &n, err) ||
	    notice_compare(rq->db, rq->a, n.id, &df, &source, &own, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Compare", PAGE_NAV_DELIVERABLES);
	struct html *h = &p.h;
	page_crumbs(&p, "Deliverables", "/deliverables", "Notices", "/notices", "Compare", NULL,
		    NULL);
	html_open(h, "h1", NULL);
	html_text(h, "What the new source version would change in ");
	html_text(h, n.deliverable_title);
	html_close(h);
	html_open(h, "p", NULL);
	html_textf(h, "From your latest version (%lld) to the source's new version (%lld). ",
		   (long long)own.number, (long long)source.number);
	html_elem(h, "a", "Your adaptation", "href", dlv_href(rq->a, n.deliverable_id, ""), NULL);
	html_text(h, " - ");
	html_elem(h, "a", "The source", "href", dlv_href(rq->a, n.source_deliverable_id, ""), NULL);
	html_close(h);
	char *caption = arena_printf(rq->a, "Your version %lld against source version %lld",
				     (long long)own.number, (long long)source.number);
	render_diff(h, rq->a, &df, DIFF_CONTEXT, caption);
	if (n.seen_at == NULL)
		page_button_form(&p, arena_printf(rq->a, "/notices/%lld/seen", (long long)n.id),
				 "Mark seen", NULL);
	page_end(&p);
	return 0;
}

/* POST /notices/{id}/seen */
static int notices_seen(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct notice n;
	if (notices_load(rq, POLICY_UPDATE, &n, err) || notice_seen(rq->db, &rq->who, n.id, err))
		return -1;
	page_redirect(rs, "/notices?done=seen");
	return 0;
}

static const struct route notices_routes[] = {
    {"GET", "/notices", notices_list, "notice", POLICY_READ, NULL, 0, "my notices", NULL, NULL},
    {"GET", "/notices/{id}/compare", notices_compare, "notice", POLICY_READ, NULL, 0,
     "my adaptation against the new source version", NULL, NULL},
    {"POST", "/notices/{id}/seen", notices_seen, "notice", POLICY_UPDATE, NULL, 0,
     "mark a notice seen", NULL, NULL},
};

const struct web_routes web_routes_notices = {notices_routes,
					      sizeof(notices_routes) / sizeof(notices_routes[0])};
