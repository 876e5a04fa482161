/* pages_mail: the admins' view of the outbox (app/mail/outbox.h): how many messages
 * wait, are being sent, went out or failed, and the latest of them, with a status
 * filter. The page says whether this process delivers mail and, when it does not, that
 * messages wait until `capnet serve` runs with an SMTP URL. */
#include <stdio.h>
#include <string.h>

#include "app/mail/outbox.h"
#include "app/mail/sender.h"
#include "web/admin/admin.h"
#include "web/page.h"
#include "web/web.h"

enum { MAIL_PAGE = 100 };

/* GET /admin/mail */
static int mail_page(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (admin_gate(rq, err))
		return -1;
	const char *status = http_query(rq, "status");
	if (status != NULL && status[0] == '\0')
		status = NULL;
	int64_t counts[4];
	struct outbox_item *items;
	size_t n;
	if (outbox_counts(rq->db, counts, err) ||
	    outbox_list(rq->db, rq->a, status, MAIL_PAGE, &items, &n, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Mail", PAGE_NAV_ADMIN);
	struct html *h = &p.h;
	admin_crumbs(&p, "Mail");
	html_elem(h, "h1", "Mail", NULL);
	const char *url = NULL, *from = NULL;
	if (mail_sender_describe(&url, &from))
		html_elem(h, "p",
			  arena_printf(rq->a, "Mail is sent through %s from %s.", url, from), NULL);
	else
		page_notice(&p, "No mail server is set: messages wait in the outbox until "
				"capnet serve runs with --smtp-url (or CAPNET_SMTP_URL).");
	html_open(h, "ul", "class", "grid three", NULL);
	for (int i = 0; i < 4; i++) {
		html_open(h, "li", "class", "card", NULL);
		html_open(h, "a", "href",
			  arena_printf(rq->a, "/admin/mail?status=%s", outbox_statuses[i]), NULL);
		html_textf(h, "%s: %lld", page_humanize(rq, outbox_statuses[i]),
			   (long long)counts[i]);
		html_close(h);
		html_close(h);
	}
	html_close(h);
	static const char *const heads[] = {"Queued at", "To",	    "Subject",	  "Kind", "Status",
					    "Attempts",	 "Sent at", "Last error", NULL};
	/* Addresses and errors make the table wider than a phone: its wrapper scrolls, so
	 * it takes the keyboard focus (WCAG 2.1.1) and is named as a region. */
	html_open(h, "div", "class", "table-wrap", "tabindex", "0", "role", "region", "aria-label",
		  "Messages", NULL);
	html_open(h, "table", NULL);
	html_elem(h, "caption", status ? page_humanize(rq, status) : "Latest messages", NULL);
	html_open(h, "thead", NULL);
	html_open(h, "tr", NULL);
	for (size_t i = 0; heads[i] != NULL; i++)
		html_elem(h, "th", heads[i], "scope", "col", "class", i == 5 ? "num" : NULL, NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", NULL);
	for (size_t i = 0; i < n; i++) {
		const struct outbox_item *m = &items[i];
		html_open(h, "tr", NULL);
		html_open(h, "td", NULL);
		page_time(&p, m->created_at, NULL, "UTC", 0);
		html_close(h);
		html_elem(h, "td", m->to_addr, NULL);
		html_elem(h, "th", m->subject, "scope", "row", NULL);
		html_elem(h, "td", page_humanize(rq, m->kind), NULL);
		html_elem(h, "td", page_humanize(rq, m->status), NULL);
		html_elem(h, "td", arena_printf(rq->a, "%lld", (long long)m->attempts), "class", "num",
			  NULL);
		html_open(h, "td", NULL);
		if (m->sent_at != NULL)
			page_time(&p, m->sent_at, NULL, "UTC", 0);
		html_close(h);
		html_elem(h, "td", m->last_error, NULL);
		html_close(h);
	}
	html_close(h);
	html_close(h);
	html_close(h);
	if (n == 0)
		html_elem(h, "p", "No messages.", "class", "muted", NULL);
	page_end(&p);
	return 0;
}

static const struct route mail_routes[] = {
    {"GET", "/admin/mail", mail_page, "organization", POLICY_CREATE, NULL, 0,
     "the outbox: queued, sent and failed mail", NULL, NULL},
};

const struct web_routes web_routes_mail = {mail_routes,
					   sizeof(mail_routes) / sizeof(mail_routes[0])};
