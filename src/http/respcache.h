/* respcache: each worker thread's last few answers to GET and HEAD requests, given
 * again without running the route while nothing they were made from can have changed:
 * the same method, path and query, the same credentials (the same session, or the
 * same bearer token, or none), the same database version (store_data_version: no
 * commit through any connection, in any process, since), and the same second of the
 * clock (pages that depend on the time read it to the second). Credentials are still
 * checked on every request before the cache is asked, and a route's answer is kept
 * only when it was a 200 that set no cookie. */
#ifndef CN_RESPCACHE_H
#define CN_RESPCACHE_H
#include <time.h>

#include "core/err.h"
#include "http/http.h"

/* What an answer is kept under. */
struct respcache_ticket {
	const char *key;  /* NULL: this request is not cached (the key is in rq's arena) */
	uint64_t version; /* the database's, read in the request's snapshot */
	time_t second;    /* the clock's, before the route ran */
};

/* The ticket of rq, after authentication: 0, or -1 with err set. */
int respcache_ticket(struct http_req *rq, struct respcache_ticket *t, struct cn_err *err);

/* 1 with rs filled (status, content type, headers, body) from the cache, 0 when
 * nothing is kept for t. */
int respcache_get(const struct http_req *rq, const struct respcache_ticket *t,
		  struct http_resp *rs);

/* Keeps rs under t when it may be given again: a 200 without Set-Cookie, made within
 * the ticket's second. */
void respcache_put(const struct http_req *rq, const struct respcache_ticket *t,
		   const struct http_resp *rs);

#endif
