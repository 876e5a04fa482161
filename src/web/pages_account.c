/* pages_account: getting in without a shell (app/access/account.h): the page an
 * invitation's link opens to set a first password, "forgot your password" and the
 * reset link's page, and /account, where a signed-in person changes their password.
 * The public forms carry the sign-in form's CSRF token (bound to the visitor's
 * pre-session cookie) and are checked as it is. Setting a password signs the person
 * in. */
#include <stdio.h>
#include <string.h>

#include "app/access/account.h"
#include "app/access/auth.h"
#include "app/mail/notify.h"
#include "app/org/person.h"
#include "http/allow.h"
#include "http/server.h"
#include "http/session.h"
#include "web/page.h"
#include "web/web.h"

/* "invitation" for /welcome, "reset" for /reset. */
static const char *account_purpose(const struct http_req *rq)
{
	return strncmp(rq->path, "/welcome", 8) == 0 ? "invitation" : "reset";
}

/* The form choosing a password for the link's token. */
static void account_choose_page(struct page *p, const char *purpose, const char *token,
				const char *email, const char *name)
{
	struct html *h = &p->h;
	int invite = strcmp(purpose, "invitation") == 0;
	html_elem(h, "h1", invite ? "Welcome to capnet" : "Choose a new password", NULL);
	if (name != NULL)
		html_elem(h, "p", arena_printf(p->rq->a, "%s, you sign in as %s.", name, email),
			  NULL);
	page_errors(p);
	html_open(h, "div", "class", "card", NULL);
	page_form_begin(p, invite ? "/welcome" : "/reset", NULL);
	html_void(h, "input", "type", "hidden", "name", "csrf", "value",
		  http_signin_token(p->rq, p->rs), NULL);
	html_void(h, "input", "type", "hidden", "name", "token", "value", token, NULL);
	page_input(p, "password", "Password", "password", NULL,
		   "At least 10 characters; a few words you remember are best.", 1);
	page_input(p, "password2", "The same password again", "password", NULL, NULL, 1);
	page_submit(p, invite ? "Set password and sign in" : "Save password and sign in");
	html_close(h);
	html_close(h);
}

/* The page for a link that no longer works. */
static void account_dead_link(struct page *p, const struct cn_err *why)
{
	html_elem(&p->h, "h1", "This link no longer works", NULL);
	html_elem(&p->h, "p", why->msg, NULL);
	html_open(&p->h, "p", NULL);
	html_elem(&p->h, "a", "Forgot your password?", "href", "/signin/forgot", NULL);
	html_close(&p->h);
}

/* GET /welcome?token=..., GET /reset?token=... */
static int account_choose_form(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const char *purpose = account_purpose(rq), *token = http_query(rq, "token");
	int64_t person = 0;
	const char *email = NULL, *name = NULL;
	struct cn_err why = {0};
	struct page p;
	if (account_link_find(rq->db, rq->a, purpose, token, &person, &email, &name, &why)) {
		if (why.kind != CN_ERR_NOT_FOUND) {
			*err = why;
			return -1;
		}
		page_begin(&p, rq, rs, "Link no longer works", PAGE_NAV_NONE);
		rs->status = 404;
		account_dead_link(&p, &why);
		page_end(&p);
		return 0;
	}
	page_begin(&p, rq, rs, strcmp(purpose, "reset") == 0 ? "New password" : "Welcome",
		   PAGE_NAV_NONE);
	account_choose_page(&p, purpose, token, email, name);
	page_end(&p);
	return 0;
}

/* POST /welcome, POST /reset: sets the password and signs in. */
static int account_choose(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	const char *purpose = account_purpose(rq), *token = form_get(&f, "token");
	const char *password = form_get(&f, "password"), *again = form_get(&f, "password2");
	struct cn_err why = {0};
	const char *email = NULL;
	if (http_check_origin(rq, &why) || http_check_signin(rq, form_get(&f, "csrf"), &why)) {
		cn_err_set(&why, CN_ERR_FORBIDDEN,
			   "This form is out of date or was sent from another site; send it "
			   "again.");
	} else if (password == NULL || again == NULL || strcmp(password, again) != 0) {
		cn_err_field(&why, CN_ERR_INPUT, "password2",
			     "The two passwords differ; type the same one twice.");
	} else if (account_link_use(rq->db, rq->a, purpose, token, password, &email, &why) == 0) {
		char secret[AUTH_SECRET_LEN];
		struct auth_session s;
		if (auth_sign_in(rq->db, &rq->cfg->auth, email, password, rq->client, secret, &s,
				 &why) == 0) {
			http_session_cookie(rq, rs, secret);
			page_redirect(rs, "/dashboard");
			return 0;
		}
		page_redirect(rs, "/signin");
		return 0;
	}
	if (!page_refused(&why) && why.kind != CN_ERR_FORBIDDEN && why.kind != CN_ERR_NOT_FOUND) {
		*err = why;
		return -1;
	}
	struct page p;
	page_begin(&p, rq, rs, "Choose a password", PAGE_NAV_NONE);
	page_show_error(&p, &why);
	if (why.kind == CN_ERR_NOT_FOUND)
		account_dead_link(&p, &why);
	else
		account_choose_page(&p, purpose, token ? token : "", NULL, NULL);
	page_end(&p);
	return 0;
}

static void account_forgot_page(struct page *p)
{
	struct html *h = &p->h;
	html_elem(h, "h1", "Forgot your password?", NULL);
	html_elem(h, "p",
		  "Give the address you sign in with; a link to choose a new password will be "
		  "sent there.",
		  NULL);
	page_errors(p);
	html_open(h, "div", "class", "card", NULL);
	page_form_begin(p, "/signin/forgot", NULL);
	html_void(h, "input", "type", "hidden", "name", "csrf", "value",
		  http_signin_token(p->rq, p->rs), NULL);
	page_input(p, "email", "Email address", "email", NULL, NULL, 1);
	page_submit(p, "Send the link");
	html_close(h);
	html_close(h);
}

/* GET /signin/forgot */
static int account_forgot_form(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	(void)err;
	struct page p;
	page_begin(&p, rq, rs, "Forgot password", PAGE_NAV_NONE);
	account_forgot_page(&p);
	page_end(&p);
	return 0;
}

/* POST /signin/forgot: the same answer whether or not the address is known. */
static int account_forgot(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct cn_err why = {0};
	if (http_check_origin(rq, &why) || http_check_signin(rq, form_get(&f, "csrf"), &why))
		cn_err_set(&why, CN_ERR_FORBIDDEN,
			   "This form is out of date or was sent from another site; send it "
			   "again.");
	else
		account_reset_request(rq->db, rq->a, form_get(&f, "email"), rq->client, &why);
	struct page p;
	if (why.kind == CN_OK) {
		page_begin(&p, rq, rs, "Forgot password", PAGE_NAV_NONE);
		html_elem(&p.h, "h1", "Check your email", NULL);
		html_elem(&p.h, "p",
			  "If an account has this address, a link to choose a new password is on "
			  "its way. It works once, for one hour.",
			  NULL);
		html_open(&p.h, "p", NULL);
		html_elem(&p.h, "a", "Back to sign in", "href", "/signin", NULL);
		html_close(&p.h);
		page_end(&p);
		return 0;
	}
	if (!page_refused(&why) && why.kind != CN_ERR_FORBIDDEN && why.kind != CN_ERR_THROTTLED) {
		*err = why;
		return -1;
	}
	page_begin(&p, rq, rs, "Forgot password", PAGE_NAV_NONE);
	page_show_error(&p, &why);
	account_forgot_page(&p);
	page_end(&p);
	return 0;
}

/* The signed-in person's own record, asked of the policy as every page does. */
static int account_self(struct http_req *rq, struct cn_err *err)
{
	struct rec *me = NULL;
	return rec_get(rq->db, rq->a, &person_entity, rq->who.person_id, &me, err) ||
	       http_allow_record(rq, POLICY_READ, "person", me, err);
}

static int account_page_render(struct http_req *rq, struct http_resp *rs, const struct cn_err *why)
{
	struct page p;
	page_begin(&p, rq, rs, "Account", PAGE_NAV_NONE);
	struct html *h = &p.h;
	html_elem(h, "h1", "Your account", NULL);
	const char *done = http_query(rq, "done");
	if (why != NULL)
		page_show_error(&p, why);
	else if (done != NULL && strcmp(done, "password") == 0)
		page_notice(&p, "Your password is changed. Every other session of yours has "
				"ended.");
	html_open(h, "section", "class", "card", "aria-labelledby", "password-h", NULL);
	html_elem(h, "h2", "Change your password", "id", "password-h", NULL);
	page_errors(&p);
	page_form_begin(&p, "/account/password", NULL);
	page_input(&p, "current_password", "Current password", "password", NULL, NULL, 1);
	page_input(&p, "password", "New password", "password", NULL, "At least 10 characters.", 1);
	page_input(&p, "password2", "The new password again", "password", NULL, NULL, 1);
	page_submit(&p, "Change password");
	html_close(h);
	html_close(h);

	enum notify_mode modes[NOTIFY_KIND_COUNT];
	struct cn_err ignored = {0};
	if (notify_prefs(rq->db, rq->who.person_id, modes, &ignored))
		memset(modes, 0, sizeof(modes));
	static const char *const labels[] = {"By email", "In capnet only", "In a weekly digest",
					     NULL};
	html_open(h, "section", "class", "card", "aria-labelledby", "mail-h", NULL);
	html_elem(h, "h2", "Notifications", "id", "mail-h", NULL);
	if (done != NULL && strcmp(done, "mail") == 0)
		page_notice(&p, "Your notification choices are saved.");
	page_form_begin(&p, "/account/mail", NULL);
	for (int i = 0; i < NOTIFY_KIND_COUNT; i++)
		page_radios(&p, notify_kinds[i], notify_kind_labels[i],
			    (const char *const *)notify_modes, labels, notify_modes[modes[i]], 1);
	page_submit(&p, "Save notification choices");
	html_close(h);
	html_close(h);
	page_end(&p);
	return 0;
}

/* POST /account/mail */
static int account_mail(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	if (account_self(rq, err) || page_form(rq, &f, err))
		return -1;
	for (int i = 0; i < NOTIFY_KIND_COUNT; i++) {
		const char *mode = form_get(&f, notify_kinds[i]);
		struct cn_err why = {0};
		if (mode != NULL && notify_pref_set(rq->db, &rq->who, rq->who.person_id,
						    notify_kinds[i], mode, &why)) {
			if (!page_refused(&why)) {
				*err = why;
				return -1;
			}
			return account_page_render(rq, rs, &why);
		}
	}
	page_redirect(rs, "/account?done=mail#mail-h");
	return 0;
}

/* GET /mail/unsubscribe?token=...: a button, so that following the link changes
 * nothing by itself (mail scanners follow links); POST /mail/unsubscribe, from the
 * button or from a mail program's one-click unsubscribing (RFC 8058 §3.1: a POST with
 * body List-Unsubscribe=One-Click, without cookies), sets the kind to in-app only. */
static int account_unsubscribe_form(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	(void)err;
	struct page p;
	page_begin(&p, rq, rs, "Unsubscribe", PAGE_NAV_NONE);
	html_elem(&p.h, "h1", "Stop these emails?", NULL);
	html_elem(&p.h, "p",
		  "You will still see these notifications in capnet, and can choose again on "
		  "your account page.",
		  NULL);
	html_open(&p.h, "form", "method", "post", "action",
		  arena_printf(rq->a, "/mail/unsubscribe?token=%s",
			       http_query(rq, "token") ? http_query(rq, "token") : ""),
		  NULL);
	html_void(&p.h, "input", "type", "hidden", "name", "List-Unsubscribe", "value", "One-Click",
		  NULL);
	html_elem(&p.h, "button", "Unsubscribe", "type", "submit", NULL);
	html_close(&p.h);
	page_end(&p);
	return 0;
}

static int account_unsubscribe(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const char *label = NULL;
	struct cn_err why = {0};
	if (notify_unsubscribe(rq->db, http_query(rq, "token"), &label, &why)) {
		if (why.kind != CN_ERR_NOT_FOUND) {
			*err = why;
			return -1;
		}
	}
	struct page p;
	page_begin(&p, rq, rs, "Unsubscribe", PAGE_NAV_NONE);
	if (why.kind == CN_ERR_NOT_FOUND) {
		rs->status = 404;
		html_elem(&p.h, "h1", "This link is not known", NULL);
		html_elem(&p.h, "p", why.msg, NULL);
	} else {
		html_elem(&p.h, "h1", "You are unsubscribed", NULL);
		html_elem(&p.h, "p",
			  arena_printf(rq->a,
				       "\"%s\" now shows in capnet only, without email. Choose "
				       "again on your account page.",
				       label),
			  NULL);
	}
	page_end(&p);
	return 0;
}

/* GET /account */
static int account_page(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (account_self(rq, err))
		return -1;
	return account_page_render(rq, rs, NULL);
}

/* POST /account/password */
static int account_password(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	if (account_self(rq, err) || page_form(rq, &f, err))
		return -1;
	const char *password = form_get(&f, "password"), *again = form_get(&f, "password2");
	struct cn_err why = {0};
	if (password == NULL || again == NULL || strcmp(password, again) != 0) {
		cn_err_field(&why, CN_ERR_INPUT, "password2",
			     "The two new passwords differ; type the same one twice.");
	} else if (account_password_change(rq->db, &rq->who, rq->a,
					   form_get(&f, "current_password"), password, &why) == 0) {
		/* Every session ended with the change, this one too: a new one begins. */
		char secret[AUTH_SECRET_LEN];
		struct auth_session s;
		const char *email = NULL;
		struct rec *me = NULL;
		if (rec_get(rq->db, rq->a, &person_entity, rq->who.person_id, &me, &why) == 0 &&
		    (email = rec_text(me, "email")) != NULL &&
		    auth_sign_in(rq->db, &rq->cfg->auth, email, password, rq->client, secret, &s,
				 &why) == 0) {
			http_session_cookie(rq, rs, secret);
			page_redirect(rs, "/account?done=password");
			return 0;
		}
		page_redirect(rs, "/signin");
		return 0;
	}
	if (!page_refused(&why)) {
		*err = why;
		return -1;
	}
	return account_page_render(rq, rs, &why);
}

static const struct route account_routes[] = {
    {"GET", "/welcome", account_choose_form, NULL, POLICY_READ, NULL, ROUTE_PUBLIC,
     "an invitation's link: choose a password", NULL, NULL},
    {"POST", "/welcome", account_choose, NULL, POLICY_READ, NULL, ROUTE_PUBLIC | ROUTE_NO_CSRF,
     "set a first password and sign in", NULL, NULL},
    {"GET", "/reset", account_choose_form, NULL, POLICY_READ, NULL, ROUTE_PUBLIC,
     "a password reset's link: choose a new password", NULL, NULL},
    {"POST", "/reset", account_choose, NULL, POLICY_READ, NULL, ROUTE_PUBLIC | ROUTE_NO_CSRF,
     "set a new password and sign in", NULL, NULL},
    {"GET", "/signin/forgot", account_forgot_form, NULL, POLICY_READ, NULL, ROUTE_PUBLIC,
     "forgot your password: ask for a link", NULL, NULL},
    {"POST", "/signin/forgot", account_forgot, NULL, POLICY_READ, NULL,
     ROUTE_PUBLIC | ROUTE_NO_CSRF, "mail a reset link (same answer for any address)", NULL, NULL},
    {"POST", "/account/mail", account_mail, "person", POLICY_READ, NULL, 0,
     "your notification choices", NULL, NULL},
    {"GET", "/mail/unsubscribe", account_unsubscribe_form, NULL, POLICY_READ, NULL, ROUTE_PUBLIC,
     "an unsubscribe link: confirm", NULL, NULL},
    {"POST", "/mail/unsubscribe", account_unsubscribe, NULL, POLICY_READ, NULL,
     ROUTE_PUBLIC | ROUTE_NO_CSRF, "one-click unsubscribe (RFC 8058)", NULL, NULL},
    {"GET", "/account", account_page, "person", POLICY_READ, NULL, 0, "your account: password",
     NULL, NULL},
    {"POST", "/account/password", account_password, "person", POLICY_READ, NULL, 0,
     "change your password", NULL, NULL},
};

const struct web_routes web_routes_account = {account_routes,
					      sizeof(account_routes) / sizeof(account_routes[0])};
