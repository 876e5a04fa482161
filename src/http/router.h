/* router: route tables and matching. A route is a method, a path pattern whose
 * "{name}" segments match one path segment each, a handler, and the policy action it
 * performs (DESIGN §5). The API's table lives in src/api, the web pages' in src/web;
 * the server tries the tables in order. */
#ifndef CN_ROUTER_H
#define CN_ROUTER_H
#include <stddef.h>

#include "app/access/policy.h"
#include "app/record.h"
#include "core/arena.h"
#include "core/err.h"
#include "http/http.h"

/* Fills rs and returns 0, or returns -1 with err set (the table renders it). */
typedef int (*route_fn)(struct http_req *rq, struct http_resp *rs, struct cn_err *err);

enum route_flag {
	ROUTE_PUBLIC = 1 << 0,  /* no sign-in needed; the route asks no policy */
	ROUTE_NO_CSRF = 1 << 1, /* a cookie-signed write without CSRF token (sign-in) */
	ROUTE_UPLOAD = 1 << 2,  /* the body may be as large as the upload limit */
	ROUTE_NO_AUTH = 1 << 3, /* credentials are not even looked at (health checks) */
	ROUTE_NO_DB = 1 << 4,   /* answers without the database: rq->db is NULL (liveness) */
	ROUTE_WRITES = 1 << 5,  /* a GET that changes something (the page a sign-in provider
				 * sends people back to): no read transaction around it; the
				 * use case it calls opens its own */
};

/* A documented input field of a route that does not serve a declared entity. */
struct route_field {
	const char *name;
	const char *type; /* an OpenAPI type: "string", "integer", "boolean" */
	int required;
	const char *const *choices; /* NULL-terminated, or NULL */
	const char *help;
};

struct route {
	const char *method;  /* GET, POST, PUT, PATCH, DELETE */
	const char *pattern; /* "/api/v1/teams/{id}/members/{person_id}" */
	route_fn fn;
	const char *entity;  /* the policy rule it acts on ("team_member"); NULL if public */
	enum policy_verb verb;
	const struct rec_entity *rec; /* the declared entity it serves, or NULL */
	unsigned flags;
	const char *summary;             /* one line, for OpenAPI */
	const struct route_field *body;  /* request body fields, name NULL ends; or NULL */
	const struct route_field *query; /* query parameters, name NULL ends; or NULL */
};

struct route_table {
	/* Requests no table has a route for get their error from the table with the
	 * longest prefix of their path ("/api/" for JSON, "" for HTML pages). */
	const char *prefix;
	const struct route *routes;
	size_t n;
	/* Renders err as this table's error response (JSON problem or HTML page). */
	void (*render_error)(struct http_req *rq, struct http_resp *rs, const struct cn_err *err);
};

struct router_match {
	const char *name[HTTP_MAX_PARAMS];
	const char *value[HTTP_MAX_PARAMS]; /* copies in the arena given to router_match */
	size_t n;
	char allow[64]; /* when the path matched but not the method: "GET, PATCH" */
};

/* The route of routes[0..n) for method and path, with its parameters in m (values
 * allocated in a), or NULL: then m->allow is non-empty when the path exists with other
 * methods (405), empty when it does not (404). HEAD matches GET routes. */
const struct route *router_match(const struct route *routes, size_t n, const char *method,
				 const char *path, struct arena *a, struct router_match *m);

#endif
