/* session: who sent a request, from its credentials, and the session cookie. A bearer
 * token (`Authorization: Bearer ...`, made by `capnet token create`) acts as its person
 * and needs no CSRF token; the session cookie does, on every write. Shared by the JSON
 * API and the web pages. */
#ifndef CN_HTTP_SESSION_H
#define CN_HTTP_SESSION_H
#include "core/err.h"
#include "http/http.h"

#define HTTP_SESSION_COOKIE "capnet_session"

/* Sets rq->who (and by_cookie / by_token / session) from the Authorization header or
 * the session cookie. No credentials: nobody is signed in, returns 0. A bearer token
 * that is unknown or revoked: CN_ERR_UNAUTHENTICATED. An unknown or expired cookie
 * counts as no credentials. */
int http_authenticate(struct http_req *rq, struct cn_err *err);

/* For a request signed in by cookie that changes something (not GET/HEAD/OPTIONS):
 * the X-CSRF-Token header, or for a web form its "csrf" field, must carry the
 * session's token, else CN_ERR_FORBIDDEN. */
int http_check_csrf(const struct http_req *rq, struct cn_err *err);

/* Adds the Set-Cookie header that starts a session with secret, or (secret NULL) ends
 * it. HttpOnly, SameSite=Lax, Path=/, Secure when the server is set so. */
void http_session_cookie(struct http_req *rq, struct http_resp *rs, const char *secret);

#endif
