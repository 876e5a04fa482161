/* pages_sso: single sign-on in the browser: the "Sign in with ..." buttons start a
 * flow (POST /sso/{id}/start, guarded as the password form is), the provider sends the
 * person back to /sso/callback, which signs them in or shows a page saying what
 * happened and what to do; and the admins' page of providers (list, connect, remove). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/sso/sso.h"
#include "http/allow.h"
#include "http/server.h"
#include "http/session.h"
#include "web/admin/admin.h"
#include "web/page.h"
#include "web/web.h"

/* A page saying why signing in did not work, with the way back; status from why. */
static int sso_trouble(struct http_req *rq, struct http_resp *rs, const struct cn_err *why)
{
	struct page p;
	page_begin(&p, rq, rs, "Sign-in did not work", PAGE_NAV_NONE);
	struct html *h = &p.h;
	rs->status = cn_err_http_status(why->kind);
	html_elem(h, "h1", "Sign-in did not work", NULL);
	html_open(h, "div", "class", "errors", "role", "alert", NULL);
	html_elem(h, "p", why->msg, NULL);
	html_close(h);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to the sign-in page", "href", "/signin", NULL);
	html_close(h);
	page_end(&p);
	return 0;
}

/* POST /sso/{id}/start: from the sign-in page's button. */
static int sso_start_page(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	int64_t id;
	if (page_form(rq, &f, err) || page_id(rq, "id", &id, err))
		return -1;
	struct cn_err why = {0};
	if (http_check_origin(rq, &why) || http_check_signin(rq, form_get(&f, "csrf"), &why)) {
		cn_err_set(&why, CN_ERR_FORBIDDEN,
			   "This sign-in form is out of date or was sent from another site. Go "
			   "back to the sign-in page and choose again.");
		return sso_trouble(rq, rs, &why);
	}
	char browser[AUTH_SECRET_LEN];
	const char *url;
	if (sso_start(rq->db, rq->a, id, page_next(form_get(&f, "next")), browser, &url, &why)) {
		if (why.kind == CN_ERR_INTERNAL) {
			*err = why;
			return -1;
		}
		return sso_trouble(rq, rs, &why);
	}
	http_sso_cookie(rq, rs, browser);
	rs->status = 303;
	http_resp_header(rs, "Location", url);
	return 0;
}

/* GET /sso/callback?code=...&state=... (or error=...): where providers send people. */
static int sso_callback_page(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct sso_callback cb = {
		.state = http_query(rq, "state"),
		.code = http_query(rq, "code"),
		.error = http_query(rq, "error"),
		.error_description = http_query(rq, "error_description"),
		.browser = http_cookie(rq, HTTP_SSO_COOKIE),
		.client = rq->client,
	};
	char secret[AUTH_SECRET_LEN];
	struct auth_session s;
	const char *next = NULL;
	struct cn_err why = {0};
	http_sso_cookie(rq, rs, NULL);
	if (sso_finish(rq->db, rq->a, &rq->cfg->auth, &cb, secret, &s, &next, &why)) {
		if (why.kind == CN_ERR_INTERNAL) {
			*err = why;
			return -1;
		}
		return sso_trouble(rq, rs, &why);
	}
	http_session_cookie(rq, rs, secret);
	page_redirect(rs, page_next(next));
	return 0;
}

/* The admins' page: providers, then the form to connect one. */
static int sso_admin_page(struct http_req *rq, struct http_resp *rs, const struct cn_err *error,
			  struct cn_err *err)
{
	struct sso_provider *list;
	size_t n;
	const char *redirect;
	if (sso_provider_list(rq->db, rq->a, &list, &n, err) ||
	    sso_redirect_uri(rq->db, rq->a, &redirect, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Sign-in providers", PAGE_NAV_ADMIN);
	struct html *h = &p.h;
	admin_crumbs(&p, "Sign-in providers");
	html_elem(h, "h1", "Sign-in providers", NULL);
	html_open(h, "p", NULL);
	html_text(h, "People sign in with their district's own accounts through these OpenID "
		     "Connect providers; passwords still work for people who have one. Register "
		     "this redirect address with the provider: ");
	html_elem(h, "code", redirect, NULL);
	html_close(h);
	if (http_query(rq, "done") != NULL)
		page_notice(&p, strcmp(http_query(rq, "done"), "removed") == 0
					? "The provider was removed."
					: "The provider was connected.");
	if (n == 0) {
		html_elem(h, "p", "No provider is connected yet.", "class", "muted", NULL);
	} else {
		static const char *const cols[] = {"Name", "Issuer", "Client id", "Domains",
						   "New people", "", NULL};
		page_table_begin(&p, "Connected providers", 0, cols, 0);
		for (size_t i = 0; i < n; i++) {
			html_open(h, "tr", NULL);
			html_elem(h, "td", list[i].name, NULL);
			html_elem(h, "td", list[i].issuer, NULL);
			html_elem(h, "td", list[i].client_id, NULL);
			html_open(h, "td", NULL);
			for (size_t j = 0; j < list[i].ndomains; j++)
				html_elem(h, "div",
					  arena_printf(rq->a, "%s: %s", list[i].domains[j].domain,
						       list[i].domains[j].district_name),
					  NULL);
			html_close(h);
			html_elem(h, "td",
				  list[i].allow_create ? "join their district as members"
						       : "ask an admin",
				  NULL);
			html_open(h, "td", NULL);
			page_button_form(&p,
					 arena_printf(rq->a, "/admin/sso/%lld/remove",
						      (long long)list[i].id),
					 arena_printf(rq->a, "Remove %s", list[i].name), "danger");
			html_close(h);
			html_close(h);
		}
		page_table_end(&p);
	}
	html_elem(h, "h2", "Connect a provider", NULL);
	if (error != NULL)
		page_show_error(&p, error);
	page_errors(&p);
	html_open(h, "div", "class", "card", NULL);
	page_form_begin(&p, "/admin/sso", NULL);
	page_input(&p, "name", "Name on the sign-in button", "text", page_value(&p, "name", NULL),
		   "e.g. Sign in with Tradewater Google", 1);
	page_input(&p, "issuer", "Issuer", "url", page_value(&p, "issuer", NULL),
		   "e.g. https://accounts.google.com", 1);
	page_input(&p, "client_id", "Client id", "text", page_value(&p, "client_id", NULL), NULL, 1);
	page_input(&p, "client_secret", "Client secret", "password", NULL, NULL, 1);
	page_input(&p, "scopes", "Scopes", "text",
		   page_value(&p, "scopes", "openid email profile"), NULL, 1);
	page_textarea(&p, "domains", "Email domains and their districts",
		      page_value(&p, "domains", NULL),
		      "One a line: tradewater.kyschools.us = Tradewater County (or the district's id)",
		      0, NULL);
	page_checkbox(&p, "allow_create", "Make a person of these domains who is not in capnet yet "
					  "a member of their district",
		      0, NULL);
	page_submit(&p, "Connect the provider");
	html_close(h);
	html_close(h);
	page_end(&p);
	return 0;
}

static int sso_admin(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_READ, "sso_provider", err))
		return -1;
	return sso_admin_page(rq, rs, NULL, err);
}

static int sso_admin_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	if (http_allow_any(rq, POLICY_CREATE, "sso_provider", err) || page_form(rq, &f, err))
		return -1;
	struct sso_provider in = {
		.name = form_get(&f, "name"),
		.issuer = form_get(&f, "issuer"),
		.client_id = form_get(&f, "client_id"),
		.client_secret = form_get(&f, "client_secret"),
		.scopes = form_get(&f, "scopes"),
		.allow_create = form_get(&f, "allow_create") != NULL,
	};
	struct cn_err why = {0};
	const char *domains = form_get(&f, "domains");
	size_t cap = 0;
	for (const char *line = domains; line != NULL && *line != '\0';) {
		size_t len = strcspn(line, "\r\n");
		const char *text = arena_strndup(rq->a, line, len);
		line += len;
		line += strspn(line, "\r\n");
		if (strspn(text, " \t") == strlen(text))
			continue;
		in.domains = arena_grow(rq->a, in.domains, sizeof(*in.domains), in.ndomains, &cap);
		if (sso_domain_parse(rq->a, text, "domains", &in.domains[in.ndomains++], &why))
			return sso_admin_page(rq, rs, &why, err);
	}
	int64_t id;
	if (sso_provider_add(rq->db, &rq->who, rq->a, &in, &id, &why)) {
		if (!page_refused(&why) && why.kind != CN_ERR_UNAVAILABLE) {
			*err = why;
			return -1;
		}
		if (why.kind == CN_ERR_UNAVAILABLE)
			snprintf(why.field, sizeof(why.field), "issuer");
		return sso_admin_page(rq, rs, &why, err);
	}
	page_redirect(rs, "/admin/sso?done=added");
	return 0;
}

static int sso_admin_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int64_t id;
	if (http_allow_any(rq, POLICY_DELETE, "sso_provider", err) || page_id(rq, "id", &id, err) ||
	    sso_provider_remove(rq->db, &rq->who, id, err))
		return -1;
	page_redirect(rs, "/admin/sso?done=removed");
	return 0;
}

static const struct route sso_routes[] = {
	{"POST", "/sso/{id}/start", sso_start_page, NULL, POLICY_READ, NULL,
	 ROUTE_PUBLIC | ROUTE_NO_CSRF, "start signing in with a provider", NULL, NULL},
	{"GET", "/sso/callback", sso_callback_page, NULL, POLICY_READ, NULL,
	 ROUTE_PUBLIC | ROUTE_WRITES, "where a sign-in provider sends people back", NULL, NULL},
	{"GET", "/admin/sso", sso_admin, "sso_provider", POLICY_READ, NULL, 0,
	 "sign-in providers: list and connect", NULL, NULL},
	{"POST", "/admin/sso", sso_admin_add, "sso_provider", POLICY_CREATE, NULL, 0,
	 "connect a sign-in provider", NULL, NULL},
	{"POST", "/admin/sso/{id}/remove", sso_admin_remove, "sso_provider", POLICY_DELETE, NULL, 0,
	 "remove a sign-in provider", NULL, NULL},
};

const struct web_routes web_routes_sso = {sso_routes, sizeof(sso_routes) / sizeof(sso_routes[0])};
