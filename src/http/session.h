/* session: who sent a request, from its credentials, and the session cookie. A bearer
 * token (`Authorization: Bearer ...`, made by `capnet token create`) acts as its person
 * and needs no CSRF token; the session cookie does, on every write, and such a write
 * must not come from another site (Origin, Referer). Signing in is guarded the same
 * way, with a token bound to a pre-session cookie, so that another site cannot sign a
 * browser in to an account of its choosing (login CSRF). Shared by the JSON API and
 * the web pages. */
#ifndef CN_HTTP_SESSION_H
#define CN_HTTP_SESSION_H
#include "core/err.h"
#include "http/http.h"

#define HTTP_SESSION_COOKIE "capnet_session"
#define HTTP_SIGNIN_COOKIE "capnet_signin"
#define HTTP_SSO_COOKIE "capnet_sso"

/* Sets rq->who (and by_cookie / by_token / session) from the Authorization header or
 * the session cookie. No credentials: nobody is signed in, returns 0. A bearer token
 * that is unknown or revoked: CN_ERR_UNAUTHENTICATED. An unknown or expired cookie
 * counts as no credentials. */
int http_authenticate(struct http_req *rq, struct cn_err *err);

/* For a request signed in by cookie that changes something (not GET/HEAD/OPTIONS):
 * it must not come from another site (http_check_origin), and the X-CSRF-Token header,
 * or for a web form its "csrf" field, must carry the session's token, else
 * CN_ERR_FORBIDDEN. A form whose fields are bad input (a NUL byte, an overlong file
 * name) is CN_ERR_INPUT naming the field. */
int http_check_csrf(const struct http_req *rq, struct cn_err *err);

/* For a request that changes something: 0 when it names no other site as where it was
 * sent from, that is when its Origin header (lacking one, its Referer) is absent or
 * names the host the request was sent to (its Host header; scheme and port aside);
 * else CN_ERR_FORBIDDEN saying where it came from. Browsers send Origin with every
 * cross-site POST, so a proxy must pass the Host the browser used. */
int http_check_origin(const struct http_req *rq, struct cn_err *err);

/* The sign-in form's CSRF token, in rq's arena. It is bound to the pre-session cookie
 * HTTP_SIGNIN_COOKIE: the request's own when it carries one, else a new one; either
 * way rs gets its Set-Cookie (so that the response cache never gives the form to
 * another visitor). */
const char *http_signin_token(struct http_req *rq, struct http_resp *rs);

/* 0 when given is the sign-in token of the request's pre-session cookie; else
 * CN_ERR_FORBIDDEN (the form is out of date, or was not sent by capnet's page). */
int http_check_signin(const struct http_req *rq, const char *given, struct cn_err *err);

/* Adds the Set-Cookie header that starts a session with secret, or (secret NULL) ends
 * it. HttpOnly, SameSite=Lax, Path=/, Secure when the server is set so. */
void http_session_cookie(struct http_req *rq, struct http_resp *rs, const char *secret);

/* Adds the Set-Cookie header binding a single sign-on flow to this browser (secret,
 * for ten minutes, sent only to /sso/), or (secret NULL) ending it. */
void http_sso_cookie(struct http_req *rq, struct http_resp *rs, const char *secret);

#endif
