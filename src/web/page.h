/* page: what every HTML page shares: the layout (skip link, header with the
 * navigation the signed-in person may use, main landmark, footer), forms with the
 * CSRF token and errors next to their fields, the one way a form becomes a record
 * (page_fields, page_update), redirects, and the error page. Pages are
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

#include "app/record.h"
#include "core/err.h"
#include "http/form.h"
#include "http/http.h"
#include "http/router.h"
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
 * rendering); decoded once a request, page_begin shows the same input again. */
int page_form(struct http_req *rq, struct form *f, struct cn_err *err);
/* A 303 redirect to location (a path of ours), e.g. after a successful POST. */
void page_redirect(struct http_resp *rs, const char *location);

/* <form method="post" action=...> with the hidden CSRF field; close with html_close. */
void page_form_begin(struct page *p, const char *action, const char *css_class);
/* The same for a file upload: enctype multipart/form-data (the CSRF token is its
 * first part). */
void page_upload_form_begin(struct page *p, const char *action);
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
/* A labelled checkbox sending value "1"; checked shows it ticked unless a POSTed form
 * (kept input) says otherwise. */
void page_checkbox(struct page *p, const char *name, const char *label, int checked,
		   const char *hint);
/* A group of radio buttons in a fieldset whose legend is legend; the error of field
 * name is shown under the legend. choices/labels as page_select. */
void page_radios(struct page *p, const char *name, const char *legend,
		 const char *const *choices, const char *const *labels, const char *selected,
		 int required);
void page_submit(struct page *p, const char *label);
/* A one-button form that POSTs to action (delete, publish, sign out ...). */
void page_button_form(struct page *p, const char *action, const char *label,
		      const char *css_class);
/* The same for a change to r (submit, open again): the form carries the version of r
 * it was read at (page_version). */
void page_version_button(struct page *p, const char *action, const char *label,
			 const char *css_class, const struct rec *r);
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
/* An instant stored in UTC ("YYYY-MM-DDTHH:MM:SSZ") as people read it in zone tz:
 * <time datetime="...+HH:MM">Tue 15 Sep 2026, 9:00 AM</time>. With ends (may be NULL)
 * a range: the end's time alone when it falls on the same local day. The zone's name
 * follows when show_tz. */
void page_time(struct page *p, const char *utc, const char *ends, const char *tz, int show_tz);
/* An enumeration value as people read it: "english_language_arts" -> "English
 * language arts", "try_out" -> "Try out". In the request's arena; NULL stays NULL. */
const char *page_humanize(struct http_req *rq, const char *value);
/* An integer path parameter ("id"), or -1 with err (404) when it is not one
 * (http_param_id). */
int page_id(struct http_req *rq, const char *name, int64_t *out, struct cn_err *err);

/* Records and forms. */

/* The record of entity e named by the path parameter "id" that the actor may read
 * under the policy rule `rule`: one they may not read is not found (404). *out lives in
 * the request's arena. */
int page_load(struct http_req *rq, const struct rec_entity *e, const char *rule,
	      struct rec **out, struct cn_err *err);
/* Every record of e (up to REC_LIST_MAX, by id) whose list filter `filter` is id, e.g.
 * the meetings of network 3: page_list_all(rq, &meeting_entity, "network_id", 3, ...).
 * Records live in the request's arena; the caller asks the policy about them. */
int page_list_all(struct http_req *rq, const struct rec_entity *e, const char *filter,
		  int64_t id, struct rec_list *out, struct cn_err *err);
/* The networks the signed-in person facilitates or has a team in (every network for an
 * admin), up to REC_LIST_MAX, in the request's arena. */
int page_my_networks(struct http_req *rq, struct rec_list *out, struct cn_err *err);

/* One edit path: every page that creates or changes a record puts the form onto it
 * here. The form names field F of the record "<prefix>F" (prefix "" when the page has
 * one form; several forms on one page each use their own, "g_", "a_").
 *
 * PAGE_NEW: r is a record about to be created; PAGE_CHANGES: r holds the changes to a
 * stored record (rec_update). */
enum page_edit { PAGE_NEW, PAGE_CHANGES };
/* Sets onto r each of fields (a route's declared form, rq->route->body: name NULL
 * ends) that the form sends: a value is parsed and checked as the entity declares it;
 * an empty value clears the field of a stored record (a required one is refused) and
 * leaves a new one to its default; a field the form does not send is left as it is
 * (small forms send one field). why names the form's field ("g_baseline"). */
int page_fields(struct rec *r, struct arena *a, const struct form *f, const char *prefix,
		const struct route_field *fields, enum page_edit how, struct cn_err *why);
/* Names the form's field in why ("title" -> "g_title") after the app refused the
 * record (rec_create, rec_update). */
void page_field_prefix(struct cn_err *why, const char *prefix);
/* The hidden field "version" of an edit form: the version of r the form was read at. */
void page_version(struct page *p, const struct rec *r);
/* The version the POSTed form was read at (page_version), 0 when it sends none. */
int64_t page_form_version(const struct form *f);
/* Saves the fields the route declares (rq->route->body, through page_fields,
 * PAGE_CHANGES) with whatever changes already holds (a record of the entity from
 * rec_new, e.g. a checkbox the page reads itself) onto stored record id: refused as
 * stale (412) when someone saved it since the version the form was read at. why names
 * the form's field. */
int page_update(struct http_req *rq, const struct form *f, const char *prefix, int64_t id,
		struct rec *changes, struct cn_err *why);
/* 1 if why refuses the form's input (bad input, a clash with other records, a form read
 * before someone else's save): the page shows it beside its field with the input kept;
 * 0 if it is the request's own error. */
int page_refused(const struct cn_err *why);
/* "?cursor=N" of a list page as an id; 0 when absent or not one. */
int64_t page_cursor(struct http_req *rq);
/* fmt ("/meetings/%lld") with id, in the request's arena. */
const char *page_href(struct http_req *rq, const char *fmt, int64_t id);

/* A table in its scrolling wrapper, its caption (for screen readers only unless
 * visible), the column heads (NULL-terminated; bit i of num marks column i as numbers,
 * aligned right), and <tbody> opened: rows follow, then page_table_end. */
void page_table_begin(struct page *p, const char *caption, int visible,
		      const char *const *heads, unsigned num);
void page_table_end(struct page *p);
/* A positive integer query parameter ("?under=12"): 1 with *out set, 0 when absent or
 * empty, -1 with err (CN_ERR_INPUT naming it) when it is something else. */
int page_query_id(struct http_req *rq, const char *name, int64_t *out, struct cn_err *err);

/* Where to go after signing in (a "next" parameter): next when it is a path of ours
 * (never another site, nor the sign-in pages themselves), else "/dashboard". */
const char *page_next(const char *next);

/* Renders err as an HTML error page (the web table's error renderer); a request
 * without a signed-in person is sent to the sign-in page instead. */
void page_error(struct http_req *rq, struct http_resp *rs, const struct cn_err *err);

#endif
