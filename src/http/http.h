/* http: what a route handler sees of one request and fills in of its response. The
 * types are free of libmicrohttpd so that JSON (src/api) and HTML (src/web) handlers
 * share them; server.c fills them from the real connection. */
#ifndef CN_HTTP_H
#define CN_HTTP_H
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "app/access/auth.h"
#include "core/arena.h"
#include "core/buf.h"
#include "http/form.h"
#include "store/store.h"

enum { HTTP_MAX_PARAMS = 4, HTTP_MAX_HEADERS = 8 };

struct route;
struct policy;
struct http_config;

struct http_req {
	struct arena *a;        /* freed when the request ends */
	struct store *db;       /* this worker thread's connection, never shared */
	const struct http_config *cfg;
	const char *method;     /* "GET", "POST", ... */
	const char *path;       /* the path without the query string */
	const char *client;     /* the peer's address as text */
	const char *body;       /* NUL-terminated copy of the body ("" if none) */
	size_t body_len;
	const struct route *route;
	const char *param_name[HTTP_MAX_PARAMS]; /* from the route's {name} segments */
	const char *param_value[HTTP_MAX_PARAMS];
	size_t nparams;
	struct actor who;       /* person_id 0 when nobody is signed in */
	int by_cookie;          /* signed in by session cookie: writes need the CSRF token */
	int by_token;           /* signed in by bearer token */
	struct auth_session session; /* when by_cookie */
	struct policy *policy;  /* decides for who; made when the request is dispatched */
	int policy_asked;       /* set by every policy check: a route that never asks fails */
	/* The record the route declares (route.load), read and allowed by the server
	 * before the handler runs; NULL for a route that declares none. In a. */
	struct rec *record;
	struct form *form;      /* the urlencoded body once decoded (page_form), or NULL */
	void *conn;             /* the server's connection (opaque) */
};

struct http_resp {
	int status;
	const char *content_type;
	struct buf body;
	const char *hname[HTTP_MAX_HEADERS];
	const char *hvalue[HTTP_MAX_HEADERS];
	size_t nheaders;
};

/* A query parameter, a request header, a cookie (NULL if absent). Valid for the
 * request. */
const char *http_query(const struct http_req *rq, const char *name);
const char *http_header(const struct http_req *rq, const char *name);
const char *http_cookie(const struct http_req *rq, const char *name);
/* Calls fn for every query parameter in order; stops at and returns fn's first
 * non-zero result. value may be NULL for "?flag". */
int http_query_each(const struct http_req *rq,
		    int (*fn)(void *ctx, const char *name, const char *value), void *ctx);
/* The value of path parameter name ("id"), or NULL. */
const char *http_param(const struct http_req *rq, const char *name);
/* Path parameter name as an id: 0, or -1 with err "not found" (404) when it is not a
 * whole number above 0, as no record has such an id. */
int http_param_id(const struct http_req *rq, const char *name, int64_t *out, struct cn_err *err);

/* Adds a response header; name and value must live as long as the request (constants
 * or the request's arena). Headers past HTTP_MAX_HEADERS are dropped. */
void http_resp_header(struct http_resp *rs, const char *name, const char *value);
/* Retry-After (RFC 9110 §10.2.3) when err says how long to wait (err->retry_after):
 * the error writers of the API and of the pages call it, so that no handler does. */
void http_retry_after(struct http_req *rq, struct http_resp *rs, const struct cn_err *err);

#endif
