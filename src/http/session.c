/* session: credentials to actor. */
#include "http/session.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app/person.h"
#include "http/form.h"
#include "http/multipart.h"
#include "http/server.h"

int http_authenticate(struct http_req *rq, struct cn_err *err)
{
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
		int rc = person_token_check(rq->db, token, "api", &person, &token_id, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
					  "the bearer token is unknown or revoked; create a new one "
					  "with `capnet token create`");
		rq->who.person_id = person;
		rq->who.label = arena_printf(rq->a, "token:%lld", (long long)token_id);
		rq->by_token = 1;
		return 0;
	}
	const char *cookie = http_cookie(rq, HTTP_SESSION_COOKIE);
	if (cookie == NULL || cookie[0] == '\0')
		return 0;
	int rc = auth_session_find(rq->db, &rq->cfg->auth, cookie, &rq->session, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return 0;
	rq->who.person_id = rq->session.person_id;
	rq->who.label = arena_printf(rq->a, "person:%lld", (long long)rq->session.person_id);
	rq->by_cookie = 1;
	return 0;
}

int http_check_csrf(const struct http_req *rq, struct cn_err *err)
{
	if (!rq->by_cookie || strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0 ||
	    strcmp(rq->method, "OPTIONS") == 0)
		return 0;
	if (auth_csrf_ok(&rq->session, http_header(rq, "X-CSRF-Token")))
		return 0;
	/* A web form carries the token as its "csrf" field instead of a header. */
	const char *type = http_header(rq, "Content-Type");
	if (type != NULL && strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0) {
		struct form f;
		struct cn_err ferr;
		if (form_parse(rq->a, rq->body, rq->body_len, &f, &ferr) == 0 &&
		    auth_csrf_ok(&rq->session, form_get(&f, "csrf")))
			return 0;
		return cn_err_set(err, CN_ERR_FORBIDDEN,
				  "the form is out of date or was not sent by capnet's own page; "
				  "reload the page and send it again");
	}
	/* An upload form carries it as a plain field of its multipart body. */
	if (multipart_is(type)) {
		struct multipart m;
		struct cn_err merr;
		if (multipart_parse(rq->a, type, rq->body, rq->body_len, &m, &merr) == 0 &&
		    auth_csrf_ok(&rq->session, multipart_value(&m, "csrf")))
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
