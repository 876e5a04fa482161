/* page: what every HTML page shares: the layout (skip link, header with the
 * navigation the signed-in person may use, main landmark, footer), forms with the
 * CSRF token and errors next to their fields, redirects, and the error page. Pages are
 * written through the escaping writer (web/html.h) only.
 *
 * A page handler looks like:
 *	struct page p;
 *	page_begin(&p, rq, rs, "Networks", PAGE_NAV_NETWORKS);
 *	html_elem(&p.h, "h1", "Networks", NULL);
 *	...
 *	page_end(&p);
 */
#ifndef CN_PAGE_H
#define CN_PAGE_H
#include <stdint.h>

#include "core/err.h"
#include "http/form.h"
#include "http/http.h"
#include "web/html.h"

enum page_nav {
	PAGE_NAV_NONE,
	PAGE_NAV_DASHBOARD,
	PAGE_NAV_NETWORKS,
	PAGE_NAV_LIBRARY,
	PAGE_NAV_STANDARDS,
	PAGE_NAV_DELIVERABLES,
	PAGE_NAV_PLANS,
	PAGE_NAV_ADMIN,
	PAGE_NAV_COUNT
};

struct page {
	struct http_req *rq;
	struct http_resp *rs;
	struct html h;
	struct form form; /* the POSTed form (empty for GET) */
	const struct cn_err *error; /* a validation error to show beside its field */
};

/* Starts an HTML page titled title ("capnet" is appended), with nav marking the
 * current section. The POST body, if any, is decoded into p->form. */
void page_begin(struct page *p, struct http_req *rq, struct http_resp *rs, const char *title,
		enum page_nav nav);
/* Closes the page. */
void page_end(struct page *p);

/* Decodes the request's urlencoded form into f (for handlers that act before
 * rendering). */
int page_form(struct http_req *rq, struct form *f, struct cn_err *err);
/* A 303 redirect to location (a path of ours), e.g. after a successful POST. */
void page_redirect(struct http_resp *rs, const char *location);

/* <form method="post" action=...> with the hidden CSRF field; close with html_close. */
void page_form_begin(struct page *p, const char *action, const char *css_class);
/* A labelled input. type: text, email, password, date, datetime-local, number, url,
 * search. value may be NULL; when p->error names this field its message is shown
 * under the label (aria-describedby) and the input is marked aria-invalid. */
void page_input(struct page *p, const char *name, const char *label, const char *type,
		const char *value, const char *hint, int required);
void page_textarea(struct page *p, const char *name, const char *label, const char *value,
		   const char *hint, int required, const char *css_class);
/* A labelled select; choices and their labels NULL-terminated (labels may be NULL to
 * show the choices themselves). */
void page_select(struct page *p, const char *name, const char *label,
		 const char *const *choices, const char *const *labels, const char *selected,
		 int required);
/* A group of radio buttons in a fieldset whose legend is legend; the error of field
 * name is shown under the legend. choices/labels as page_select. */
void page_radios(struct page *p, const char *name, const char *legend,
		 const char *const *choices, const char *const *labels, const char *selected,
		 int required);
void page_submit(struct page *p, const char *label);
/* A one-button form that POSTs to action (delete, publish, sign out ...). */
void page_button_form(struct page *p, const char *action, const char *label,
		      const char *css_class);
/* Shows why (when it is an error, not CN_OK) beside its field and answers with its
 * status (400, 409, 412 ...): for re-rendering a form. why must outlive the page. */
void page_show_error(struct page *p, const struct cn_err *why);
/* The error box at the top of a form when p->error is set (with a link to the field). */
void page_errors(struct page *p);
/* The value to show in field name: what was posted (so input is kept on errors), else
 * fallback. */
const char *page_value(const struct page *p, const char *name, const char *fallback);

/* Breadcrumbs: pairs of label, href (href NULL for the current page), NULL-ended. */
void page_crumbs(struct page *p, ...) __attribute__((sentinel));
/* A notice box (role=status), e.g. "Saved." after a redirect with ?done=... */
void page_notice(struct page *p, const char *text);
/* An integer path parameter ("id"), or -1 with err (404) when it is not one. */
int page_id(struct http_req *rq, const char *name, int64_t *out, struct cn_err *err);

/* A positive integer query parameter ("?under=12"): 1 with *out set, 0 when absent or
 * empty, -1 with err (CN_ERR_INPUT naming it) when it is something else. */
int page_query_id(struct http_req *rq, const char *name, int64_t *out, struct cn_err *err);

/* Renders err as an HTML error page (the web table's error renderer); a request
 * without a signed-in person is sent to the sign-in page instead. */
void page_error(struct http_req *rq, struct http_resp *rs, const struct cn_err *err);

#endif
