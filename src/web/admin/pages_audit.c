/* pages_audit: GET /admin/audit, the audit log for admins (issue 18), as `capnet audit`
 * and GET /api/v1/audit give it: every change, newest first, filtered by who made it,
 * the kind of record, one record and a time span (audit_query_set reads the filters for
 * all three), a page at a time, each with the record before and after. */
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/org/person.h"
#include "http/allow.h"
#include "web/admin/admin.h"
#include "web/page.h"
#include "web/web.h"

enum { AUDIT_PAGE = 50 };

/* The filters of the form, as the query gives them and the links carry them on. */
static const char *const audit_filters[] = {"entity", "entity_id", "since", "until", NULL};

/* The query string of the filters (and the actor) given, for the page links. */
static const char *audit_page_qs(struct http_req *rq, const char *actor)
{
	const char *qs = arena_printf(rq->a, "actor=%s", admin_qs(rq, actor));
	for (size_t i = 0; audit_filters[i] != NULL; i++)
		qs = arena_printf(rq->a, "%s&%s=%s", qs, audit_filters[i],
				  admin_qs(rq, http_query(rq, audit_filters[i])));
	return qs;
}

/* The filters into q; a bad one is shown beside its field (why), not an error page. */
static int audit_page_query(struct http_req *rq, const char *actor, struct audit_query *q,
			    struct cn_err *why, struct cn_err *err)
{
	for (size_t i = 0; audit_filters[i] != NULL; i++) {
		const char *v = http_query(rq, audit_filters[i]);
		if (v != NULL && v[0] != '\0' &&
		    audit_query_set(q, rq->a, audit_filters[i], v, why))
			return 0;
	}
	const char *cursor = http_query(rq, "cursor");
	if (cursor != NULL && audit_query_set(q, rq->a, "cursor", cursor, why))
		return 0;
	if (actor == NULL || actor[0] == '\0')
		return 0;
	if (strchr(actor, '@') == NULL) {
		/* A refused id is in why, shown beside the field. */
		if (audit_query_set(q, rq->a, "actor_id", actor, why))
			snprintf(why->field, sizeof(why->field), "actor");
		return 0;
	}
	int found = person_find_email(rq->db, actor, &q->actor_id, err);
	if (found < 0)
		return -1;
	if (found == 0)
		cn_err_field(why, CN_ERR_INPUT, "actor", "nobody has the email address %.100s",
			     actor);
	return 0;
}

static void audit_page_changes(struct html *h, const struct audit_event *e)
{
	if (e->before == NULL && e->after == NULL)
		return;
	html_open(h, "details", NULL);
	html_elem(h, "summary", "Before and after", NULL);
	if (e->before != NULL) {
		html_elem(h, "h3", "Before", NULL);
		html_elem(h, "pre", e->before, NULL);
	}
	if (e->after != NULL) {
		html_elem(h, "h3", "After", NULL);
		html_elem(h, "pre", e->after, NULL);
	}
	html_close(h);
}

/* GET /admin/audit[?actor=&entity=&entity_id=&since=&until=&cursor=] */
static int audit_page(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_READ, "audit_event", err))
		return -1;
	const char *actor = http_query(rq, "actor");
	struct audit_query q = {.limit = AUDIT_PAGE};
	struct cn_err why = {0};
	if (audit_page_query(rq, actor, &q, &why, err))
		return -1;
	struct audit_event *items = NULL;
	size_t n = 0;
	int64_t next = 0;
	if (why.kind == CN_OK && audit_list(rq->db, rq->a, &q, &items, &n, &next, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Audit log", PAGE_NAV_ADMIN);
	page_show_error(&p, &why);
	struct html *h = &p.h;
	admin_crumbs(&p, "Audit log");
	html_elem(h, "h1", "Audit log", NULL);
	html_elem(h, "p", "Every change, from the pages, the API and the command line, newest "
			  "first: who made it, when, and the record before and after.", NULL);
	page_errors(&p);
	html_open(h, "form", "method", "get", "action", "/admin/audit", "role", "search", "class",
		  "stack", NULL);
	page_input(&p, "actor", "Who", "text", actor, "An email address or a person's id", 0);
	page_input(&p, "entity", "Kind of record", "text", http_query(rq, "entity"),
		   "For example plan, team, meeting, deliverable", 0);
	page_input(&p, "entity_id", "Record id", "text", http_query(rq, "entity_id"),
		   "One record of that kind", 0);
	page_input(&p, "since", "Since", "date", http_query(rq, "since"), NULL, 0);
	page_input(&p, "until", "Until", "date", http_query(rq, "until"), NULL, 0);
	page_submit(&p, "Filter");
	html_close(h);
	static const char *const heads[] = {"When", "Who", "Action", "Record", "Changes", NULL};
	page_table_begin(&p, "Changes", 0, heads, 0);
	for (size_t i = 0; i < n; i++) {
		const struct audit_event *e = &items[i];
		html_open(h, "tr", NULL);
		html_open(h, "td", NULL);
		page_time(&p, e->at, NULL, NULL, 0);
		html_close(h);
		html_elem(h, "td", e->actor_label, NULL);
		html_elem(h, "td", page_humanize(rq, e->action), NULL);
		html_open(h, "td", NULL);
		if (e->entity_id != 0)
			html_textf(h, "%s %lld", e->entity, (long long)e->entity_id);
		else
			html_text(h, e->entity);
		html_close(h);
		html_open(h, "td", NULL);
		audit_page_changes(h, e);
		html_close(h);
		html_close(h);
	}
	page_table_end(&p);
	if (n == 0)
		html_elem(h, "p", "No change matches.", "class", "muted", NULL);
	html_open(h, "p", NULL);
	if (q.cursor != 0) {
		html_elem(h, "a", "Newest", "href",
			  arena_printf(rq->a, "/admin/audit?%s", audit_page_qs(rq, actor)), NULL);
		html_text(h, " ");
	}
	if (next != 0)
		html_elem(h, "a", "Older changes", "rel", "next", "href",
			  arena_printf(rq->a, "/admin/audit?%s&cursor=%lld", audit_page_qs(rq, actor),
				       (long long)next),
			  NULL);
	html_close(h);
	page_end(&p);
	return 0;
}

static const struct route audit_page_routes[] = {
	{"GET", "/admin/audit", audit_page, "audit_event", POLICY_READ, NULL, 0,
	 "the audit log, filtered and paginated (admins)", NULL, NULL},
};

const struct web_routes web_routes_audit = {
	audit_page_routes, sizeof(audit_page_routes) / sizeof(audit_page_routes[0])};
