/* pages_core: the pages every person meets first: the stylesheet and other assets,
 * signing in and out, and the dashboard (my networks, next meetings, my actions,
 * notices). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/access/auth.h"
#include "app/network/network.h"
#include "app/notice.h"
#include "app/org/person.h"
#include "app/plan/plan.h"
#include "app/access/policy.h"
#include "app/sso/sso.h"
#include "core/timeutil.h"
#include "http/allow.h"
#include "http/server.h"
#include "http/session.h"
#include "web/assets.h"
#include "web/deliverable/dlv.h"
#include "web/page.h"
#include "web/web.h"
#include "app/network/meeting.h"

static int core_static(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct web_asset *asset = web_asset_find(http_param(rq, "name"));
	if (asset == NULL)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no such file");
	http_resp_header(rs, "ETag", asset->etag);
	http_resp_header(rs, "Cache-Control", "public, max-age=3600");
	const char *match = http_header(rq, "If-None-Match");
	if (match != NULL && strcmp(match, asset->etag) == 0) {
		rs->status = 304;
		return 0;
	}
	rs->content_type = asset->content_type;
	buf_append(&rs->body, asset->data, asset->size);
	return 0;
}

/* The sign-in form, its CSRF token bound to the visitor's pre-session cookie. */
static void core_signin_page(struct page *p, const char *next)
{
	struct html *h = &p->h;
	const char *token = http_signin_token(p->rq, p->rs);
	html_elem(h, "h1", "Sign in to capnet", NULL);
	html_elem(h, "p",
		  "capnet runs capacity-building leadership networks: meetings, district "
		  "teams, plans, and the evidence of capacity built.",
		  "class", "muted", NULL);
	page_errors(p);
	html_open(h, "div", "class", "card", NULL);
	page_form_begin(p, "/signin", NULL);
	html_void(h, "input", "type", "hidden", "name", "csrf", "value", token, NULL);
	html_void(h, "input", "type", "hidden", "name", "next", "value", next, NULL);
	page_input(p, "email", "Email address", "email", NULL, NULL, 1);
	page_input(p, "password", "Password", "password", NULL, NULL, 1);
	page_submit(p, "Sign in");
	html_close(h);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Forgot your password?", "href", "/signin/forgot", NULL);
	html_close(h);
	html_close(h);
	/* The connected providers, each a button that starts its flow; a list that cannot
	 * be read leaves the password form alone. */
	struct sso_provider *list = NULL;
	size_t n = 0;
	struct cn_err ignored = {0};
	if (sso_provider_list(p->rq->db, p->rq->a, &list, &n, &ignored) || n == 0)
		return;
	html_open(h, "div", "class", "card", NULL);
	html_elem(h, "h2", "Or sign in with your district account", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "form", "method", "post", "action",
			  arena_printf(p->rq->a, "/sso/%lld/start", (long long)list[i].id), NULL);
		html_void(h, "input", "type", "hidden", "name", "csrf", "value", token, NULL);
		html_void(h, "input", "type", "hidden", "name", "next", "value", next, NULL);
		html_elem(h, "button", list[i].name, "type", "submit", NULL);
		html_close(h);
	}
	html_close(h);
}

static int core_signin_form(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	(void)err;
	if (rq->who.person_id != 0) {
		page_redirect(rs, page_next(http_query(rq, "next")));
		return 0;
	}
	struct page p;
	page_begin(&p, rq, rs, "Sign in", PAGE_NAV_NONE);
	core_signin_page(&p, page_next(http_query(rq, "next")));
	page_end(&p);
	return 0;
}

static int core_signin(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	const char *email = form_get(&f, "email"), *password = form_get(&f, "password");
	const char *next = page_next(form_get(&f, "next"));
	char secret[AUTH_SECRET_LEN];
	struct auth_session s;
	struct cn_err why = {0};
	/* Login CSRF: another site must not sign this browser in to an account of its
	 * choosing, so the form must be capnet's own, sent from capnet. */
	if (http_check_origin(rq, &why) || http_check_signin(rq, form_get(&f, "csrf"), &why)) {
		cn_err_set(&why, CN_ERR_FORBIDDEN,
			   "This sign-in form is out of date or was sent from another site. Sign "
			   "in again below.");
	} else if (email == NULL || password == NULL || email[0] == '\0' || password[0] == '\0') {
		cn_err_field(&why, CN_ERR_INPUT, email && email[0] ? "password" : "email",
			     "Enter your email address and your password.");
	} else if (auth_sign_in(rq->db, &rq->cfg->auth, email, password, rq->client, secret, &s,
				&why) == 0) {
		http_session_cookie(rq, rs, secret);
		page_redirect(rs, next);
		return 0;
	}
	if (why.kind != CN_ERR_INPUT && why.kind != CN_ERR_UNAUTHENTICATED &&
	    why.kind != CN_ERR_THROTTLED && why.kind != CN_ERR_FORBIDDEN) {
		*err = why;
		return -1;
	}
	if (why.kind == CN_ERR_UNAUTHENTICATED)
		cn_err_field(&why, CN_ERR_UNAUTHENTICATED, "email",
			     "The email address or the password is not right.");
	if (why.kind == CN_ERR_THROTTLED) {
		long wait = why.retry_after;
		cn_err_field(&why, CN_ERR_THROTTLED, "email",
			     "Too many failed sign-ins; try again in %ld minutes.", (wait + 59) / 60);
		why.retry_after = wait;
	}
	struct page p;
	page_begin(&p, rq, rs, "Sign in", PAGE_NAV_NONE);
	page_show_error(&p, &why);
	core_signin_page(&p, next);
	page_end(&p);
	return 0;
}

static int core_signout(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (rq->by_cookie && auth_sign_out(rq->db, &rq->session, err))
		return -1;
	http_session_cookie(rq, rs, NULL);
	page_redirect(rs, "/signin");
	return 0;
}

static int core_root(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	(void)err;
	page_redirect(rs, rq->who.person_id ? "/dashboard" : "/signin");
	return 0;
}

/* When an instant "YYYY-MM-DDTHH:MM:SS+HH:MM" is, as people read it. */
static void core_when(struct html *h, const char *local)
{
	struct tm tm = {0};
	if (local == NULL || strptime(local, "%Y-%m-%dT%H:%M", &tm) == NULL) {
		html_text(h, local);
		return;
	}
	char text[64];
	strftime(text, sizeof(text), "%a %-d %b %Y, %-I:%M %p", &tm);
	html_open(h, "time", "datetime", local, NULL);
	html_text(h, text);
	html_close(h);
}

static int core_dashboard_meetings(struct page *p, const struct rec_list *networks,
				   struct cn_err *err)
{
	struct html *h = &p->h;
	char today[TIME_ISO_LEN];
	time_now_utc(today);
	today[10] = '\0';
	html_elem(h, "h2", "Next meetings", "id", "next-meetings", NULL);
	int shown = 0;
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < networks->count; i++) {
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)networks->items[i]->id);
		struct rec_query q = {.filter = {id, today}, .limit = REC_LIST_MAX};
		struct rec_list meetings;
		if (rec_list(p->rq->db, p->rq->a, &meeting_entity, &q, &meetings, err))
			return -1;
		/* The two soonest: the list comes in the order the meetings were added. */
		const struct rec *soon[2] = {NULL, NULL};
		for (size_t k = 0; k < meetings.count; k++) {
			const struct rec *m = meetings.items[k];
			const char *at = rec_text(m, "starts_at");
			if (soon[0] == NULL || strcmp(at, rec_text(soon[0], "starts_at")) < 0) {
				soon[1] = soon[0];
				soon[0] = m;
			} else if (soon[1] == NULL || strcmp(at, rec_text(soon[1], "starts_at")) < 0) {
				soon[1] = m;
			}
		}
		for (size_t k = 0; k < 2 && soon[k] != NULL; k++) {
			struct buf json = BUF_INIT;
			struct jw w;
			jw_init(&w, &json);
			rec_to_json(&w, soon[k]);
			/* The local time with its offset, as the record renders it. */
			const char *at = strstr(buf_str(&json), "\"starts_at\":\"");
			char local[TIME_ISO_LEN] = "";
			if (at != NULL)
				snprintf(local, sizeof(local), "%.25s", at + 13);
			buf_free(&json);
			html_open(h, "li", NULL);
			char *href = arena_printf(p->rq->a, "/meetings/%lld", (long long)soon[k]->id);
			html_elem(h, "a", rec_text(soon[k], "title"), "href", href, NULL);
			html_text(h, " - ");
			core_when(h, local);
			html_text(h, " - ");
			html_text(h, rec_text(networks->items[i], "name"));
			html_close(h);
			shown++;
		}
	}
	html_close(h);
	if (!shown)
		html_elem(h, "p", "No meetings are scheduled in your networks.", "class", "muted",
			  NULL);
	return 0;
}

/* My actions: the plan actions the person owns that are not done (nor dropped), in
 * the plans they may read, due first. */
static int core_dashboard_actions(struct page *p, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	char me[24];
	snprintf(me, sizeof(me), "%lld", (long long)rq->who.person_id);
	struct rec_query q = {.filter = {NULL, NULL, NULL, me}, .limit = REC_LIST_MAX};
	struct rec_list l;
	if (rec_list(rq->db, rq->a, &plan_action_entity, &q, &l, err))
		return -1;
	html_elem(h, "h2", "My actions", "id", "my-actions", NULL);
	int shown = 0;
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < l.count; i++) {
		const struct rec *a = l.items[i];
		const char *status = rec_text(a, "status");
		if (strcmp(status, "done") == 0 || strcmp(status, "dropped") == 0)
			continue;
		struct rec *plan = NULL;
		if (rec_get(rq->db, rq->a, &plan_entity, rec_int(a, "plan_id"), &plan, err))
			return -1;
		int can = http_can_read(rq, "plan", plan, err);
		if (can < 0)
			return -1;
		if (!can)
			continue;
		html_open(h, "li", NULL);
		html_elem(h, "a", rec_text(a, "title"), "href",
			  arena_printf(rq->a, "/plans/%lld#actions", (long long)plan->id), NULL);
		html_textf(h, " - %s", status[0] == 'p' ? "planned" : "in progress");
		if (rec_text(a, "due_on") != NULL)
			html_textf(h, ", due %s", rec_text(a, "due_on"));
		html_text(h, " - ");
		html_text(h, rec_text(plan, "title"));
		html_close(h);
		shown++;
	}
	html_close(h);
	if (!shown)
		html_elem(h, "p", "No open actions in your plans.", "class", "muted", NULL);
	return 0;
}

static int core_dashboard(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (rq->who.person_id == 0) /* to the sign-in page, and back here after it */
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED, "sign in to see your dashboard");
	struct rec *me = NULL;
	if (rec_get(rq->db, rq->a, &person_entity, rq->who.person_id, &me, err) ||
	    http_allow_record(rq, POLICY_READ, "person", me, err))
		return -1;
	int admin = policy_is_admin(rq->policy, err);
	if (admin < 0)
		return -1;
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)rq->who.person_id);
	struct rec_query q = {.limit = 50};
	if (!admin)
		q.filter[3] = id;
	struct rec_list networks;
	if (rec_list(rq->db, rq->a, &network_entity, &q, &networks, err))
		return -1;
	/* Only those the person may read: a seat on a team whose district they no longer
	 * belong to lists nothing. */
	if (http_keep_readable(rq, "network", &networks, err))
		return -1;
	struct notices notices;
	if (notice_list(rq->db, rq->a, rq->who.person_id, 0, &notices, err))
		return -1;

	struct page p;
	page_begin(&p, rq, rs, "Dashboard", PAGE_NAV_DASHBOARD);
	struct html *h = &p.h;
	html_open(h, "h1", NULL);
	html_textf(h, "Welcome, %s", rec_text(me, "given_name"));
	html_close(h);
	html_open(h, "div", "class", "grid two", NULL);

	html_open(h, "section", "class", "card", "aria-labelledby", "my-networks", NULL);
	html_elem(h, "h2", admin ? "All networks" : "My networks", "id", "my-networks", NULL);
	if (networks.count == 0)
		html_elem(h, "p", "You are not in a network yet.", "class", "muted", NULL);
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < networks.count; i++) {
		const struct rec *n = networks.items[i];
		html_open(h, "li", NULL);
		char *href = arena_printf(rq->a, "/networks/%lld", (long long)n->id);
		html_elem(h, "a", rec_text(n, "name"), "href", href, NULL);
		html_textf(h, " (%s)", rec_text(n, "school_year"));
		html_close(h);
	}
	html_close(h);
	html_close(h);

	html_open(h, "section", "class", "card", "aria-labelledby", "next-meetings", NULL);
	int depth = html_depth(h);
	if (core_dashboard_meetings(&p, &networks, err)) {
		html_close_to(h, depth);
		html_elem(h, "p", "The meetings could not be read.", NULL);
	}
	html_close(h);

	html_open(h, "section", "class", "card", "aria-labelledby", "my-actions", NULL);
	depth = html_depth(h);
	if (core_dashboard_actions(&p, err)) {
		html_close_to(h, depth);
		html_elem(h, "p", "Your actions could not be read.", NULL);
	}
	html_close(h);

	html_open(h, "section", "class", "card", "aria-labelledby", "notices", NULL);
	html_elem(h, "h2", "Notices", "id", "notices", NULL);
	if (notices.count == 0)
		html_elem(h, "p", "Nothing new.", "class", "muted", NULL);
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < notices.count; i++) {
		const struct notice *n = &notices.items[i];
		html_open(h, "li", NULL);
		dlv_notice_link(rq, h, n);
		html_text(h, ": ");
		html_text(h, n->message);
		html_close(h);
	}
	html_close(h);
	html_close(h);

	html_close(h); /* grid */
	page_end(&p);
	return 0;
}

static const struct route core_routes[] = {
	{"GET", "/static/{name}", core_static, NULL, POLICY_READ, NULL,
	 ROUTE_PUBLIC | ROUTE_NO_AUTH | ROUTE_NO_DB, "a stylesheet or other asset", NULL, NULL},
	{"GET", "/", core_root, NULL, POLICY_READ, NULL, ROUTE_PUBLIC, "the start page", NULL,
	 NULL},
	{"GET", "/signin", core_signin_form, NULL, POLICY_READ, NULL, ROUTE_PUBLIC,
	 "the sign-in form", NULL, NULL},
	{"POST", "/signin", core_signin, NULL, POLICY_READ, NULL, ROUTE_PUBLIC | ROUTE_NO_CSRF,
	 "sign in", NULL, NULL},
	{"POST", "/signout", core_signout, NULL, POLICY_READ, NULL, ROUTE_PUBLIC, "sign out", NULL,
	 NULL},
	{"GET", "/dashboard", core_dashboard, "person", POLICY_READ, NULL, 0,
	 "my networks, next meetings, notices", NULL, NULL},
};

const struct web_routes web_routes_core = {core_routes, sizeof(core_routes) / sizeof(core_routes[0])};
