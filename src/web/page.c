/* page: the layout and form helpers shared by every page (see page.h). */
#include "web/page.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/network/network.h"
#include "app/org/person.h"
#include "app/access/policy.h"
#include "core/timeutil.h"
#include "http/allow.h"
#include "http/session.h"

static const struct {
	const char *label;
	const char *href;
} page_navs[PAGE_NAV_COUNT] = {
	[PAGE_NAV_DASHBOARD] = {"Dashboard", "/dashboard"},
	[PAGE_NAV_NETWORKS] = {"Networks", "/networks"},
	[PAGE_NAV_LIBRARY] = {"Library", "/library"},
	[PAGE_NAV_STANDARDS] = {"Standards", "/standards"},
	[PAGE_NAV_DELIVERABLES] = {"Deliverables", "/deliverables"},
	[PAGE_NAV_PLANS] = {"Plans", "/plans"},
	[PAGE_NAV_ADMIN] = {"Admin", "/admin"},
};

int page_form(struct http_req *rq, struct form *f, struct cn_err *err)
{
	if (rq->form != NULL) { /* decoded once a request */
		*f = *rq->form;
		return 0;
	}
	memset(f, 0, sizeof(*f));
	const char *type = http_header(rq, "Content-Type");
	int urlencoded = rq->body_len > 0 && type != NULL &&
			 strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0;
	if (form_parse(rq->a, urlencoded ? rq->body : "", urlencoded ? rq->body_len : 0, f, err))
		return -1;
	rq->form = arena_alloc(rq->a, sizeof(*rq->form));
	*rq->form = *f;
	return 0;
}

static void page_header(struct page *p, enum page_nav nav)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	html_elem(h, "a", "Skip to content", "class", "skip", "href", "#main", NULL);
	html_open(h, "header", "class", "site", NULL);
	html_open(h, "div", "class", "bar", NULL);
	html_elem(h, "a", "capnet", "class", "brand", "href", rq->who.person_id ? "/dashboard" : "/",
		  NULL);
	if (rq->who.person_id != 0) {
		struct cn_err err = {0};
		int admin = rq->policy != NULL && policy_is_admin(rq->policy, &err) == 1;
		html_open(h, "nav", "class", "main", "aria-label", "Main", NULL);
		html_open(h, "ul", NULL);
		for (int i = PAGE_NAV_DASHBOARD; i < PAGE_NAV_COUNT; i++) {
			if (i == PAGE_NAV_ADMIN && !admin)
				continue;
			html_open(h, "li", NULL);
			html_elem(h, "a", page_navs[i].label, "href", page_navs[i].href, "aria-current",
				  i == (int)nav ? "page" : NULL, NULL);
			html_close(h);
		}
		html_close(h);
		html_close(h);
		struct rec *me = NULL;
		if (rec_get(rq->db, rq->a, &person_entity, rq->who.person_id, &me, &err) == 0) {
			/* The name leads to the person's own account page (password, mail). */
			html_open(h, "span", "class", "who", NULL);
			html_open(h, "a", "href", "/account", NULL);
			html_textf(h, "%s %s", rec_text(me, "given_name"), rec_text(me, "family_name"));
			html_close(h);
			html_close(h);
		}
		page_button_form(p, "/signout", "Sign out", NULL);
	}
	html_close(h);
	html_close(h);
}

void page_begin(struct page *p, struct http_req *rq, struct http_resp *rs, const char *title,
		enum page_nav nav)
{
	memset(p, 0, sizeof(*p));
	p->rq = rq;
	p->rs = rs;
	struct cn_err err;
	if (strcmp(rq->method, "POST") == 0)
		page_form(rq, &p->form, &err);
	rs->content_type = "text/html; charset=utf-8";
	http_resp_header(rs, "Cache-Control", "no-store");
	buf_reset(&rs->body);
	html_init(&p->h, &rs->body);
	html_raw_trusted(&p->h, "<!DOCTYPE html>\n"); /* a constant */
	html_open(&p->h, "html", "lang", "en", NULL);
	html_open(&p->h, "head", NULL);
	html_void(&p->h, "meta", "charset", "utf-8", NULL);
	html_void(&p->h, "meta", "name", "viewport", "content", "width=device-width, initial-scale=1",
		  NULL);
	html_open(&p->h, "title", NULL);
	html_textf(&p->h, "%s - capnet", title);
	html_close(&p->h);
	html_void(&p->h, "link", "rel", "stylesheet", "href", "/static/capnet.css", NULL);
	html_close(&p->h);
	html_open(&p->h, "body", NULL);
	page_header(p, nav);
	html_open(&p->h, "main", "id", "main", "tabindex", "-1", NULL);
}

void page_end(struct page *p)
{
	html_close(&p->h); /* main */
	html_open(&p->h, "footer", "class", "site", NULL);
	html_text(&p->h, "capnet: capacity-building leadership networks");
	html_close(&p->h);
	html_close_to(&p->h, 0);
}

void page_redirect(struct http_resp *rs, const char *location)
{
	rs->status = 303;
	rs->content_type = "text/plain; charset=utf-8";
	buf_reset(&rs->body);
	http_resp_header(rs, "Location", location);
}

void page_form_begin(struct page *p, const char *action, const char *css_class)
{
	html_open(&p->h, "form", "method", "post", "action", action, "class",
		  css_class ? css_class : "stack", NULL);
	if (p->rq->by_cookie)
		html_void(&p->h, "input", "type", "hidden", "name", "csrf", "value",
			  p->rq->session.csrf_token, NULL);
}

void page_upload_form_begin(struct page *p, const char *action)
{
	html_open(&p->h, "form", "method", "post", "action", action, "enctype",
		  "multipart/form-data", "class", "stack", NULL);
	if (p->rq->by_cookie)
		html_void(&p->h, "input", "type", "hidden", "name", "csrf", "value",
			  p->rq->session.csrf_token, NULL);
}

const char *page_value(const struct page *p, const char *name, const char *fallback)
{
	const char *v = form_get(&p->form, name);
	return v != NULL ? v : fallback;
}

static int page_field_has_error(const struct page *p, const char *name)
{
	return p->error != NULL && strcmp(p->error->field, name) == 0;
}

/* The label, hint and error of a field; sets describedby to the ids to point at. */
static void page_label(struct page *p, const char *name, const char *label, const char *hint,
		       int required, char *describedby, size_t size)
{
	struct html *h = &p->h;
	describedby[0] = '\0';
	html_open(h, "label", "for", name, NULL);
	html_text(h, label);
	if (required)
		html_elem(h, "span", " (required)", "class", "muted", NULL);
	html_close(h);
	size_t n = 0;
	if (hint != NULL) {
		char id[120];
		snprintf(id, sizeof(id), "%s-hint", name);
		html_elem(h, "span", hint, "class", "hint", "id", id, NULL);
		n += (size_t)snprintf(describedby + n, size - n, "%s", id);
	}
	if (page_field_has_error(p, name)) {
		char id[120];
		snprintf(id, sizeof(id), "%s-error", name);
		html_elem(h, "p", p->error->msg, "class", "field-error", "id", id, NULL);
		if (n < size)
			snprintf(describedby + n, size - n, "%s%s", n ? " " : "", id);
	}
}

void page_input(struct page *p, const char *name, const char *label, const char *type,
		const char *value, const char *hint, int required)
{
	char describedby[256];
	page_label(p, name, label, hint, required, describedby, sizeof(describedby));
	int bad = page_field_has_error(p, name);
	int secret = strcmp(type, "password") == 0;
	html_void(&p->h, "input", "id", name, "name", name, "type", type, "value",
		  secret ? NULL : page_value(p, name, value), "required", required ? "" : NULL,
		  "aria-invalid", bad ? "true" : NULL, "aria-describedby",
		  describedby[0] ? describedby : NULL, "autocomplete",
		  secret ? "current-password" : (strcmp(type, "email") == 0 ? "email" : NULL),
		  NULL);
}

void page_textarea(struct page *p, const char *name, const char *label, const char *value,
		   const char *hint, int required, const char *css_class)
{
	char describedby[256];
	page_label(p, name, label, hint, required, describedby, sizeof(describedby));
	html_open(&p->h, "textarea", "id", name, "name", name, "class", css_class, "required",
		  required ? "" : NULL, "aria-invalid", page_field_has_error(p, name) ? "true" : NULL,
		  "aria-describedby", describedby[0] ? describedby : NULL, NULL);
	/* The parser drops one new line right after <textarea>: this one, not the text's. */
	html_raw_trusted(&p->h, "\n");
	html_text(&p->h, page_value(p, name, value));
	html_close(&p->h);
}

void page_select(struct page *p, const char *name, const char *label,
		 const char *const *choices, const char *const *labels, const char *selected,
		 int required)
{
	char describedby[256];
	page_label(p, name, label, NULL, required, describedby, sizeof(describedby));
	const char *current = page_value(p, name, selected);
	html_open(&p->h, "select", "id", name, "name", name, "required", required ? "" : NULL,
		  "aria-invalid", page_field_has_error(p, name) ? "true" : NULL,
		  "aria-describedby", describedby[0] ? describedby : NULL, NULL);
	if (!required)
		html_elem(&p->h, "option", "(none)", "value", "", NULL);
	for (size_t i = 0; choices[i] != NULL; i++)
		html_elem(&p->h, "option", labels && labels[i] ? labels[i] : choices[i], "value",
			  choices[i], "selected",
			  current != NULL && strcmp(current, choices[i]) == 0 ? "" : NULL, NULL);
	html_close(&p->h);
}

void page_checkbox(struct page *p, const char *name, const char *label, int checked,
		   const char *hint)
{
	struct html *h = &p->h;
	char hint_id[120];
	snprintf(hint_id, sizeof(hint_id), "%s-hint", name);
	if (p->form.n > 0)
		checked = form_get(&p->form, name) != NULL;
	html_open(h, "div", "class", "check", NULL);
	html_void(h, "input", "type", "checkbox", "id", name, "name", name, "value", "1", "checked",
		  checked ? "" : NULL, "aria-describedby", hint ? hint_id : NULL, NULL);
	html_elem(h, "label", label, "for", name, NULL);
	if (hint != NULL)
		html_elem(h, "span", hint, "class", "hint", "id", hint_id, NULL);
	html_close(h);
}

void page_radios(struct page *p, const char *name, const char *legend,
		 const char *const *choices, const char *const *labels, const char *selected,
		 int required)
{
	struct html *h = &p->h;
	int bad = page_field_has_error(p, name);
	char error_id[120];
	snprintf(error_id, sizeof(error_id), "%s-error", name);
	html_open(h, "fieldset", "id", name, "aria-describedby", bad ? error_id : NULL, NULL);
	html_open(h, "legend", NULL);
	html_text(h, legend);
	if (required)
		html_elem(h, "span", " (required)", "class", "muted", NULL);
	html_close(h);
	if (bad)
		html_elem(h, "p", p->error->msg, "class", "field-error", "id", error_id, NULL);
	const char *current = page_value(p, name, selected);
	for (size_t i = 0; choices[i] != NULL; i++) {
		char id[160];
		snprintf(id, sizeof(id), "%s-%s", name, choices[i]);
		html_open(h, "div", "class", "choice", NULL);
		html_void(h, "input", "type", "radio", "id", id, "name", name, "value", choices[i],
			  "checked", current != NULL && strcmp(current, choices[i]) == 0 ? "" : NULL,
			  "required", required && i == 0 ? "" : NULL, NULL);
		html_elem(h, "label", labels && labels[i] ? labels[i] : choices[i], "for", id, NULL);
		html_close(h);
	}
	html_close(h);
}

void page_submit(struct page *p, const char *label)
{
	html_elem(&p->h, "button", label, "type", "submit", NULL);
}

void page_button_form(struct page *p, const char *action, const char *label,
		      const char *css_class)
{
	page_version_button(p, action, label, css_class, NULL);
}

void page_version_button(struct page *p, const char *action, const char *label,
			 const char *css_class, const struct rec *r)
{
	page_form_begin(p, action, "inline");
	if (r != NULL)
		page_version(p, r);
	html_elem(&p->h, "button", label, "type", "submit", "class", css_class, NULL);
	html_close(&p->h);
}

void page_errors(struct page *p)
{
	if (p->error == NULL)
		return;
	struct html *h = &p->h;
	html_open(h, "div", "class", "errors", "role", "alert", NULL);
	html_elem(h, "h2", "There is a problem", NULL);
	html_open(h, "p", NULL);
	if (p->error->field[0] != '\0') {
		char href[160];
		snprintf(href, sizeof(href), "#%s", p->error->field);
		html_elem(h, "a", p->error->msg, "href", href, NULL);
	} else {
		html_text(h, p->error->msg);
	}
	html_close(h);
	html_close(h);
}

void page_crumbs(struct page *p, ...)
{
	struct html *h = &p->h;
	html_open(h, "nav", "class", "crumbs", "aria-label", "Breadcrumb", NULL);
	html_open(h, "ol", NULL);
	va_list ap;
	va_start(ap, p);
	const char *label;
	while ((label = va_arg(ap, const char *)) != NULL) {
		const char *href = va_arg(ap, const char *);
		html_open(h, "li", NULL);
		if (href != NULL)
			html_elem(h, "a", label, "href", href, NULL);
		else
			html_elem(h, "span", label, "aria-current", "page", NULL);
		html_close(h);
	}
	va_end(ap);
	html_close(h);
	html_close(h);
}

void page_notice(struct page *p, const char *text)
{
	html_elem(&p->h, "p", text, "class", "notice", "role", "status", NULL);
}

/* The local wall time of utc in tz into tm; the "+HH:MM" form into iso. */
static int page_local(const char *utc, const char *tz, struct tm *tm, char iso[TIME_ISO_LEN])
{
	time_t t;
	if (utc == NULL || tz == NULL || time_parse_utc(utc, &t) != 0)
		return -1;
	time_format_local(t, tz, iso);
	memset(tm, 0, sizeof(*tm));
	return strptime(iso, "%Y-%m-%dT%H:%M:%S", tm) == NULL ? -1 : 0;
}

void page_time(struct page *p, const char *utc, const char *ends, const char *tz, int show_tz)
{
	struct html *h = &p->h;
	struct tm tm, tm_end;
	char iso[TIME_ISO_LEN], iso_end[TIME_ISO_LEN], text[64];
	if (page_local(utc, tz, &tm, iso) != 0) {
		html_text(h, utc);
		return;
	}
	strftime(text, sizeof(text), "%a %-d %b %Y, %-I:%M %p", &tm);
	html_elem(h, "time", text, "datetime", iso, NULL);
	if (ends != NULL && page_local(ends, tz, &tm_end, iso_end) == 0) {
		int same_day = tm.tm_year == tm_end.tm_year && tm.tm_mon == tm_end.tm_mon &&
			       tm.tm_mday == tm_end.tm_mday;
		strftime(text, sizeof(text), same_day ? "%-I:%M %p" : "%a %-d %b %Y, %-I:%M %p",
			 &tm_end);
		html_text(h, " to ");
		html_elem(h, "time", text, "datetime", iso_end, NULL);
	}
	if (show_tz) {
		html_text(h, " ");
		html_elem(h, "span", tz, "class", "muted", NULL);
	}
}

const char *page_humanize(struct http_req *rq, const char *value)
{
	if (value == NULL)
		return NULL;
	char *s = arena_strdup(rq->a, value);
	for (char *c = s; *c; c++)
		if (*c == '_')
			*c = ' ';
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

int page_id(struct http_req *rq, const char *name, int64_t *out, struct cn_err *err)
{
	return http_param_id(rq, name, out, err);
}

int page_load(struct http_req *rq, const struct rec_entity *e, const char *rule,
	      struct rec **out, struct cn_err *err)
{
	int64_t id;
	if (page_id(rq, "id", &id, err) || rec_get(rq->db, rq->a, e, id, out, err))
		return -1;
	return http_allow_record(rq, POLICY_READ, rule, *out, err);
}

int page_list_all(struct http_req *rq, const struct rec_entity *e, const char *filter,
		  int64_t id, struct rec_list *out, struct cn_err *err)
{
	int i = rec_filter_index(e, filter);
	if (i < 0 || i >= 8)
		return cn_err_set(err, CN_ERR_INTERNAL, "%s has no filter %s", e->name, filter);
	struct rec_query q = {.limit = REC_LIST_MAX};
	q.filter[i] = arena_printf(rq->a, "%lld", (long long)id);
	return rec_list(rq->db, rq->a, e, &q, out, err);
}

int page_my_networks(struct http_req *rq, struct rec_list *out, struct cn_err *err)
{
	int admin = policy_is_admin(rq->policy, err);
	if (admin < 0)
		return -1;
	struct rec_query q = {.limit = REC_LIST_MAX};
	if (!admin)
		q.filter[3] = arena_printf(rq->a, "%lld", (long long)rq->who.person_id);
	return rec_list(rq->db, rq->a, &network_entity, &q, out, err);
}

int page_fields(struct rec *r, struct arena *a, const struct form *f, const char *prefix,
		const struct route_field *fields, enum page_edit how, struct cn_err *why)
{
	for (size_t i = 0; fields != NULL && fields[i].name != NULL; i++) {
		const char *field = fields[i].name;
		const char *name = arena_printf(a, "%s%s", prefix, field);
		const char *v = form_get(f, name);
		if (v == NULL || (v[0] == '\0' && how == PAGE_NEW))
			continue;
		if (v[0] != '\0' ? rec_set_text(r, a, field, v, why) : rec_set_null(r, field, why)) {
			snprintf(why->field, sizeof(why->field), "%s", name);
			return -1;
		}
	}
	return 0;
}

void page_field_prefix(struct cn_err *why, const char *prefix)
{
	if (why->field[0] == '\0' || strncmp(why->field, prefix, strlen(prefix)) == 0)
		return;
	char name[sizeof(why->field) + 8];
	snprintf(name, sizeof(name), "%s%s", prefix, why->field);
	snprintf(why->field, sizeof(why->field), "%.100s", name);
}

void page_version(struct page *p, const struct rec *r)
{
	html_void(&p->h, "input", "type", "hidden", "name", "version", "value",
		  arena_printf(p->rq->a, "%lld", (long long)r->version), NULL);
}

int64_t page_form_version(const struct form *f)
{
	const char *v = form_get(f, "version");
	long long n = v ? strtoll(v, NULL, 10) : 0;
	return n > 0 ? n : 0;
}

int page_update(struct http_req *rq, const struct form *f, const char *prefix, int64_t id,
		struct rec *changes, struct cn_err *why)
{
	if (page_fields(changes, rq->a, f, prefix, rq->route->body, PAGE_CHANGES, why))
		return -1;
	if (rec_update(rq->db, &rq->who, rq->a, id, page_form_version(f), changes, NULL, why)) {
		page_field_prefix(why, prefix);
		return -1;
	}
	return 0;
}

int page_refused(const struct cn_err *why)
{
	return why->kind == CN_ERR_INPUT || why->kind == CN_ERR_CONFLICT ||
	       why->kind == CN_ERR_STALE;
}

void page_show_error(struct page *p, const struct cn_err *why)
{
	if (why == NULL || why->kind == CN_OK)
		return;
	p->error = why;
	p->rs->status = cn_err_http_status(why->kind);
	http_retry_after(p->rq, p->rs, why);
}

int64_t page_cursor(struct http_req *rq)
{
	const char *v = http_query(rq, "cursor");
	char *end = NULL;
	long long c = v ? strtoll(v, &end, 10) : 0;
	return v != NULL && *end == '\0' && c > 0 ? c : 0;
}

const char *page_href(struct http_req *rq, const char *fmt, int64_t id)
{
	return arena_printf(rq->a, fmt, (long long)id);
}

void page_table_begin(struct page *p, const char *caption, int visible,
		      const char *const *heads, unsigned num)
{
	struct html *h = &p->h;
	html_open(h, "div", "class", "table-wrap", NULL);
	html_open(h, "table", NULL);
	html_elem(h, "caption", caption, "class", visible ? NULL : "visually-hidden", NULL);
	html_open(h, "thead", NULL);
	html_open(h, "tr", NULL);
	for (unsigned i = 0; heads[i] != NULL; i++)
		html_elem(h, "th", heads[i], "scope", "col", "class",
			  i < 32 && (num >> i & 1u) ? "num" : NULL, NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", NULL);
}

void page_table_end(struct page *p)
{
	html_close(&p->h); /* tbody */
	html_close(&p->h); /* table */
	html_close(&p->h); /* wrapper */
}

int page_query_id(struct http_req *rq, const char *name, int64_t *out, struct cn_err *err)
{
	const char *v = http_query(rq, name);
	if (v == NULL || v[0] == '\0')
		return 0;
	char *end = NULL;
	long long id = strtoll(v, &end, 10);
	if (*end != '\0' || id <= 0)
		return cn_err_field(err, CN_ERR_INPUT, name, "%s must be a positive whole number", name);
	*out = id;
	return 1;
}

void page_error(struct http_req *rq, struct http_resp *rs, const struct cn_err *err)
{
	if (err->kind == CN_ERR_UNAUTHENTICATED ||
	    (err->kind == CN_ERR_FORBIDDEN && rq->who.person_id == 0)) {
		const char *next = strcmp(rq->method, "GET") == 0 ? rq->path : "/dashboard";
		struct buf loc = BUF_INIT;
		buf_puts(&loc, "/signin?next=");
		for (const char *c = next; *c; c++) {
			if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			    (*c >= '0' && *c <= '9') || strchr("/-_.", *c))
				buf_putc(&loc, *c);
			else
				buf_printf(&loc, "%%%02X", (unsigned char)*c);
		}
		page_redirect(rs, arena_strdup(rq->a, buf_str(&loc)));
		buf_free(&loc);
		return;
	}
	static const char *const titles[CN_ERR_KIND_COUNT] = {
		[CN_ERR_INPUT] = "That request could not be understood",
		[CN_ERR_NOT_FOUND] = "Page not found",
		[CN_ERR_FORBIDDEN] = "Not allowed",
		[CN_ERR_CONFLICT] = "That clashes with other records",
		[CN_ERR_STALE] = "Someone else changed this first",
		[CN_ERR_MEDIA_TYPE] = "That kind of form is not taken here",
		[CN_ERR_TOO_LARGE] = "Too large",
		[CN_ERR_THROTTLED] = "Too many attempts",
		[CN_ERR_UNAVAILABLE] = "Temporarily unavailable",
		[CN_ERR_INTERNAL] = "Something went wrong",
	};
	int kind = (unsigned)err->kind < CN_ERR_KIND_COUNT ? (int)err->kind : CN_ERR_INTERNAL;
	if (kind == CN_ERR_INTERNAL)
		fprintf(stderr, "capnet: %s %s: %s\n", rq->method, rq->path, err->msg);
	const char *title = titles[kind] ? titles[kind] : "Something went wrong";
	struct page p;
	page_begin(&p, rq, rs, title, PAGE_NAV_NONE);
	rs->status = cn_err_http_status(err->kind);
	http_retry_after(rq, rs, err);
	html_elem(&p.h, "h1", title, NULL);
	if (err->kind == CN_ERR_INTERNAL)
		html_elem(&p.h, "p", "The problem has been logged. Please try again in a moment.",
			  NULL);
	else
		html_elem(&p.h, "p", err->msg, NULL);
	html_open(&p.h, "p", NULL);
	html_elem(&p.h, "a", "Go to your dashboard", "href", "/dashboard", NULL);
	html_close(&p.h);
	page_end(&p);
}

const char *page_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strncmp(next, "/signin", 7) == 0 || strncmp(next, "/sso/", 5) == 0 ||
	    strlen(next) > 500)
		return "/dashboard";
	for (const char *c = next; *c; c++)
		if ((unsigned char)*c < 0x21 || *c == 0x7f)
			return "/dashboard";
	return next;
}
