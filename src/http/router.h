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

/* The record a route acts on (DESIGN §4): before the handler runs, the server reads the
 * record of rec whose id is in path parameter param, refuses it unless it belongs where
 * the path says (owner_field holds the id in path parameter owner_param), and asks the
 * policy whether the actor may do the route's verb on it under the route's rule
 * (route.entity; a rule other than rec's own is asked after rec's own read; see
 * parent). A record
 * that is not stored, not where the path says, or that the actor may not read is "not
 * found" (404); one they may read but not act on, 403. The handler finds it in
 * rq->record. */
struct route_load {
	const struct rec_entity *rec;
	const char *param;	 /* "id", "gid" */
	const char *owner_field; /* NULL, or "plan_id" ... */
	const char *owner_param; /* ... which must hold the id in this path parameter ("id") */
	/* The record is the parent of what the route adds (a plan for POST .../goals):
	 * the server only asks whether the actor may read it, under its own rule, and the
	 * handler asks the route's rule with the record it is about to add. */
	int parent;
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
	/* Request body fields, name NULL ends; or NULL. A page's form names the fields of
	 * the record it edits (page_fields, page_update). */
	const struct route_field *body;
	const struct route_field *query; /* query parameters, name NULL ends; or NULL */
	const struct route_load *load;   /* the record it acts on, or NULL (list, create) */
};

/* Route tables are written positionally: one that stops before `load` (ten fields, as
 * every table did before routes declared their record) leaves it NULL, as C leaves
 * every field not given, so that warning is not wanted where routes are declared. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* Reads and authorizes rq->route's declared record into rq->record (see route_load):
 * 0, or -1 with err. Does nothing for a route that declares none. */
int router_load(struct http_req *rq, struct cn_err *err);

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
