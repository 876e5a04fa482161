/* pages_kar: GET /plans/{id}/kar, the plan against Kentucky's 704 KAR 3:035 as a page
 * (issue 18), as GET /api/v1/plans/{id}/kar and the plan's PDF give it: for each
 * expectation, whether records evidence it, which records count, the records the reader
 * may open, and what capnet cannot show. Not a compliance verdict (app/plan/plan_kar.h). */
#include <string.h>

#include "app/plan/plan.h"
#include "app/plan/plan_kar.h"
#include "web/page.h"
#include "web/plan/planpage.h"
#include "web/web.h"

/* The page of a record the evidence names, or NULL when it has none of its own. */
static const char *kar_href(struct http_req *rq, const struct plan_kar_record *r)
{
	static const char *const pages[][2] = {
		{"deliverable", "/deliverables/%lld"}, {"library_item", "/library/%lld"},
		{"pd_session", "/sessions/%lld"},
	};
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		if (strcmp(r->kind, pages[i][0]) == 0)
			return page_href(rq, pages[i][1], r->id);
	return NULL;
}

static int kar_page(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct planpage pp;
	struct plan_kar k;
	if (planpage_read(rq, rq->record->id, &pp, err) ||
	    plan_kar_evidence(rq->db, rq->a, rq->policy, pp.plan->id, &k, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "704 KAR 3:035", PAGE_NAV_PLANS);
	struct html *h = &p.h;
	planpage_crumbs(&p, &pp, "704 KAR 3:035");
	html_elem(h, "h1", "The plan and 704 KAR 3:035", NULL);
	html_elem(h, "p",
		  "Kentucky asks that professional learning be aligned with standards and the "
		  "improvement plan, focused on content and pedagogy, collaborative, facilitated "
		  "by educators, focused on continuous improvement, and ongoing. For each, the "
		  "records of this plan that speak to it, and what capnet cannot show: read them "
		  "and judge; this is not a compliance verdict.",
		  NULL);
	for (int i = 0; i < KAR_COUNT; i++) {
		const struct plan_kar_item *it = &k.items[i];
		const char *id = arena_printf(rq->a, "kar-%s", it->key);
		html_open(h, "section", "class", "card", "aria-labelledby", id, NULL);
		html_elem(h, "h2", it->title, "id", id, NULL);
		html_open(h, "p", NULL);
		html_elem(h, "strong", page_humanize(rq, it->status), NULL);
		html_textf(h, ": %zu record%s. %s", it->count, it->count == 1 ? "" : "s", it->how);
		html_close(h);
		if (it->count > 0) {
			html_open(h, "ul", NULL);
			for (size_t r = 0; r < it->count; r++) {
				const struct plan_kar_record *rec = &it->records[r];
				const char *href = kar_href(rq, rec);
				html_open(h, "li", NULL);
				if (href != NULL)
					html_elem(h, "a", rec->text, "href", href, NULL);
				else
					html_text(h, rec->text);
				html_close(h);
			}
			html_close(h);
		}
		html_open(h, "p", "class", "muted", NULL);
		html_textf(h, "What capnet cannot show: %s", it->limits);
		html_close(h);
		html_close(h);
	}
	html_open(h, "p", NULL);
	html_elem(h, "a", "The same as a printable PDF", "href",
		  page_href(rq, "/plans/%lld/export.pdf", pp.plan->id), NULL);
	html_close(h);
	page_end(&p);
	return 0;
}

static const struct route_load kar_plan = {&plan_entity, "id", NULL, NULL, 0};

static const struct route kar_page_routes[] = {
	{"GET", "/plans/{id}/kar", kar_page, "plan", POLICY_READ, NULL, 0,
	 "the plan against 704 KAR 3:035, with its records", NULL, NULL, &kar_plan},
};

const struct web_routes web_routes_kar = {kar_page_routes,
					  sizeof(kar_page_routes) / sizeof(kar_page_routes[0])};
