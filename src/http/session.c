/* session: credentials to actor.
 *
 * Each worker thread remembers the last few credentials it found in the database, for
 * at most one second, and only while the database has not changed at all since: any
 * commit anywhere (a sign-out, a revoked token, a deactivated person, an expired or
 * touched session; in this process or another) makes store_data_version move and
 * every remembered credential is looked up again. A cached answer is therefore the
 * one the database gives now, up to a session whose expiry time passes within that
 * second. */
#include "http/session.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app/org/person.h"
#include "http/form.h"
#include "http/multipart.h"
#include "http/server.h"

enum {
	SESSION_CACHED = 8,
	SESSION_SECRET_MAX = 128,
	SESSION_SIGNIN_LEN = 43,	     /* a pre-session secret, and its token */
	SESSION_SIGNIN_SECONDS = 24 * 3600, /* how long a sign-in form stays usable */
	SESSION_HOST_MAX = 256,
};

/* A credential found live in the database. */
struct session_cached {
	const struct store *db; /* the connection it was read on, whose version... */
	uint64_t version;       /* ...was this */
	time_t at;              /* when it was read */
	int by_token;
	size_t len;
	char secret[SESSION_SECRET_MAX + 1];
	int64_t person_id, token_id;
	struct auth_session session;
};

static _Thread_local struct session_cached session_cache[SESSION_CACHED];
static _Thread_local unsigned session_cache_next;

/* 1 with *out the remembered credential for secret, 0 when there is none, -1 on
 * error. *version gets the database's version (0 when it cannot tell, and then
 * nothing is remembered). */
static int session_recall(struct http_req *rq, int by_token, const char *secret,
			  uint64_t *version, const struct session_cached **out, struct cn_err *err)
{
	*version = 0;
	if (rq->db == NULL)
		return 0;
	int rc = store_data_version(rq->db, version, err);
	if (rc <= 0) {
		*version = 0;
		return rc;
	}
	size_t len = strlen(secret);
	time_t now = time(NULL);
	for (size_t i = 0; i < SESSION_CACHED; i++) {
		const struct session_cached *c = &session_cache[i];
		if (c->db == rq->db && c->version == *version && now == c->at &&
		    c->by_token == by_token && c->len == len &&
		    sodium_memcmp(c->secret, secret, len) == 0) {
			*out = c;
			return 1;
		}
	}
	return 0;
}

static void session_remember(struct http_req *rq, uint64_t version, int by_token,
			     const char *secret, int64_t person_id, int64_t token_id,
			     const struct auth_session *session)
{
	size_t len = strlen(secret);
	if (version == 0 || len > SESSION_SECRET_MAX)
		return;
	struct session_cached *c = &session_cache[session_cache_next++ % SESSION_CACHED];
	memset(c, 0, sizeof(*c));
	c->db = rq->db;
	c->version = version;
	c->at = time(NULL);
	c->by_token = by_token;
	c->len = len;
	memcpy(c->secret, secret, len + 1);
	c->person_id = person_id;
	c->token_id = token_id;
	if (session != NULL)
		c->session = *session;
}

int http_authenticate(struct http_req *rq, struct cn_err *err)
{
	uint64_t version = 0;
	const char *auth = http_header(rq, "Authorization");
	if (auth != NULL) {
		if (strncasecmp(auth, "Bearer ", 7) != 0)
			return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
					  "the Authorization header must be `Bearer TOKEN` with a "
					  "token from `capnet token create`");
		const char *token = auth + 7;
		while (*token == ' ')
			token++;
		int64_t person = 0, token_id = 0;
		const struct session_cached *c = NULL;
		int found = session_recall(rq, 1, token, &version, &c, err);
		if (found < 0)
			return -1;
		if (found) {
			person = c->person_id;
			token_id = c->token_id;
		} else {
			int rc = person_token_check(rq->db, token, &person, &token_id, err);
			if (rc < 0)
				return -1;
			if (rc == 0)
				return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
						  "the bearer token is unknown or revoked; create a "
						  "new one with `capnet token create`");
			session_remember(rq, version, 1, token, person, token_id, NULL);
		}
		rq->who.person_id = person;
		rq->who.label = arena_printf(rq->a, "token:%lld", (long long)token_id);
		rq->by_token = 1;
		return 0;
	}
	const char *cookie = http_cookie(rq, HTTP_SESSION_COOKIE);
	if (cookie == NULL || cookie[0] == '\0')
		return 0;
	const struct session_cached *c = NULL;
	int found = session_recall(rq, 0, cookie, &version, &c, err);
	if (found < 0)
		return -1;
	if (found) {
		rq->session = c->session;
	} else {
		int rc = auth_session_find(rq->db, &rq->cfg->auth, cookie, &rq->session, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return 0;
		session_remember(rq, version, 0, cookie, rq->session.person_id, 0, &rq->session);
	}
	rq->who.person_id = rq->session.person_id;
	rq->who.label = arena_printf(rq->a, "person:%lld", (long long)rq->session.person_id);
	rq->by_cookie = 1;
	return 0;
}

static int session_safe_method(const struct http_req *rq)
{
	return strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0 ||
	       strcmp(rq->method, "OPTIONS") == 0;
}

/* The host name of s, lowercased, into out: s is an origin or URL
 * ("https://user@Host:8443/path") when url, else a Host header ("host:8080",
 * "[::1]:8080"). 0, or -1 when s has none ("null", no scheme, too long). */
static int session_host(const char *s, int url, char out[SESSION_HOST_MAX])
{
	if (url) {
		const char *scheme = strstr(s, "://");
		if (scheme == NULL || scheme == s)
			return -1;
		s = scheme + 3;
	}
	size_t n = strcspn(s, "/?#");
	const char *at = memchr(s, '@', n);
	if (at != NULL) {
		n -= (size_t)(at + 1 - s);
		s = at + 1;
	}
	if (s[0] == '[') {
		const char *close = memchr(s, ']', n);
		if (close == NULL)
			return -1;
		n = (size_t)(close + 1 - s);
	} else {
		const char *colon = memchr(s, ':', n);
		if (colon != NULL)
			n = (size_t)(colon - s);
	}
	if (n == 0 || n >= SESSION_HOST_MAX)
		return -1;
	for (size_t i = 0; i < n; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	out[n] = '\0';
	return 0;
}

int http_check_origin(const struct http_req *rq, struct cn_err *err)
{
	if (session_safe_method(rq))
		return 0;
	const char *what = "Origin", *from = http_header(rq, "Origin");
	if (from == NULL) {
		what = "Referer";
		from = http_header(rq, "Referer");
	}
	if (from == NULL)
		return 0; /* not a browser, or one that says nothing: the token decides */
	const char *host = http_header(rq, "Host");
	char a[SESSION_HOST_MAX], b[SESSION_HOST_MAX];
	if (host != NULL && session_host(from, 1, a) == 0 && session_host(host, 0, b) == 0 &&
	    strcmp(a, b) == 0)
		return 0;
	return cn_err_set(err, CN_ERR_FORBIDDEN,
			  "this was sent from another site (%s: %.100s), not from capnet's own "
			  "page; open the page on capnet and send it again",
			  what, from);
}

int http_check_csrf(const struct http_req *rq, struct cn_err *err)
{
	if (!rq->by_cookie || session_safe_method(rq))
		return 0;
	if (http_check_origin(rq, err))
		return -1;
	if (auth_csrf_ok(&rq->session, http_header(rq, "X-CSRF-Token")))
		return 0;
	/* A web form carries the token as its "csrf" field instead of a header. */
	const char *type = http_header(rq, "Content-Type");
	if (type != NULL && strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0) {
		struct form f;
		struct cn_err ferr;
		if (form_parse(rq->a, rq->body, rq->body_len, &f, &ferr) != 0) {
			*err = ferr; /* bad input, named: not a forged form */
			return -1;
		}
		if (auth_csrf_ok(&rq->session, form_get(&f, "csrf")))
			return 0;
		return cn_err_set(err, CN_ERR_FORBIDDEN,
				  "the form is out of date or was not sent by capnet's own page; "
				  "reload the page and send it again");
	}
	/* An upload form carries it as a plain field of its multipart body. */
	if (multipart_is(type)) {
		struct multipart m;
		struct cn_err merr;
		if (multipart_parse(rq->a, type, rq->body, rq->body_len, &m, &merr) != 0) {
			*err = merr;
			return -1;
		}
		if (auth_csrf_ok(&rq->session, multipart_value(&m, "csrf")))
			return 0;
		return cn_err_set(err, CN_ERR_FORBIDDEN,
				  "the upload form is out of date or was not sent by capnet's own "
				  "page; reload the page and send it again");
	}
	return cn_err_set(err, CN_ERR_FORBIDDEN,
			  "a change made with the session cookie needs the X-CSRF-Token header "
			  "with the csrf_token given at sign-in (GET /api/v1/session shows it)");
}

void http_session_cookie(struct http_req *rq, struct http_resp *rs, const char *secret)
{
	const char *secure = rq->cfg->secure_cookies ? "; Secure" : "";
	const char *value =
		secret != NULL
			? arena_printf(rq->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s",
				       HTTP_SESSION_COOKIE, secret, rq->cfg->auth.absolute_seconds,
				       secure)
			: arena_printf(rq->a, "%s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s",
				       HTTP_SESSION_COOKIE, secure);
	http_resp_header(rs, "Set-Cookie", value);
}

/* The token of a pre-session secret: a hash of it, so that the page never shows the
 * HttpOnly cookie's own value. */
static void session_signin_token(const char *secret, char out[SESSION_SIGNIN_LEN + 1])
{
	static const char domain[] = "capnet sign-in form";
	unsigned char hash[32];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof(hash));
	crypto_generichash_update(&st, (const unsigned char *)domain, sizeof(domain));
	crypto_generichash_update(&st, (const unsigned char *)secret, strlen(secret));
	crypto_generichash_final(&st, hash, sizeof(hash));
	sodium_bin2base64(out, SESSION_SIGNIN_LEN + 1, hash, sizeof(hash),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* The request's pre-session secret when it is one capnet could have made, else NULL. */
static const char *session_signin_secret(const struct http_req *rq)
{
	const char *v = http_cookie(rq, HTTP_SIGNIN_COOKIE);
	if (v == NULL || strlen(v) != SESSION_SIGNIN_LEN)
		return NULL;
	for (const char *c = v; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
			return NULL;
	return v;
}

void http_sso_cookie(struct http_req *rq, struct http_resp *rs, const char *secret)
{
	http_resp_header(rs, "Set-Cookie",
			 arena_printf(rq->a, "%s=%s; Path=/sso/; HttpOnly; SameSite=Lax; Max-Age=%d%s",
				      HTTP_SSO_COOKIE, secret ? secret : "", secret ? 600 : 0,
				      rq->cfg->secure_cookies ? "; Secure" : ""));
}

const char *http_signin_token(struct http_req *rq, struct http_resp *rs)
{
	const char *secret = session_signin_secret(rq);
	if (secret == NULL) {
		char fresh[48];
		person_secret_new(fresh);
		secret = arena_strdup(rq->a, fresh);
	}
	http_resp_header(rs, "Set-Cookie",
			 arena_printf(rq->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s",
				      HTTP_SIGNIN_COOKIE, secret, SESSION_SIGNIN_SECONDS,
				      rq->cfg->secure_cookies ? "; Secure" : ""));
	char *token = arena_alloc(rq->a, SESSION_SIGNIN_LEN + 1);
	session_signin_token(secret, token);
	return token;
}

int http_check_signin(const struct http_req *rq, const char *given, struct cn_err *err)
{
	const char *secret = session_signin_secret(rq);
	char want[SESSION_SIGNIN_LEN + 1];
	if (secret != NULL && given != NULL && strlen(given) == SESSION_SIGNIN_LEN) {
		session_signin_token(secret, want);
		if (sodium_memcmp(want, given, SESSION_SIGNIN_LEN) == 0)
			return 0;
	}
	return cn_err_set(err, CN_ERR_FORBIDDEN,
			  "the sign-in form is out of date or was not sent by capnet's own "
			  "page; sign in again with the form");
}
