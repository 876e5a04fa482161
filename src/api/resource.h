/* resource: what every API resource file shares: asking the policy, reading path ids
 * and bodies, writing JSON answers and problems. A resource file (network.c,
 * session.c, ...) holds the handlers of one family and lists its routes. */
#ifndef CN_API_RESOURCE_H
#define CN_API_RESOURCE_H
#include <jansson.h>

#include "app/access/policy.h"
#include "core/json.h"
#include "http/allow.h"
#include "http/router.h"


/* Reads the stored record of e with the id in path parameter "id" and checks that the
 * actor may do verb on it (see api_allow_record). */
int api_load(struct http_req *rq, const struct rec_entity *e, const char *param, enum policy_verb verb,
	     struct rec **out, struct cn_err *err);

/* 0 when the request says its body is JSON (Content-Type application/json), else -1
 * with err saying how to send it. */
int api_json_type(const struct http_req *rq, struct cn_err *err);
/* Query parameter name as a whole number in min..max: 1 with *out set, 0 when it is
 * absent or empty (*out untouched), -1 with a field error naming it. */
int api_query_int(const struct http_req *rq, const char *name, int64_t min, int64_t max,
		  int64_t *out, struct cn_err *err);

/* The version named by the If-Match header for record r: 0 for "*", else the version
 * of r's ETag ("id-version"). Missing: CN_ERR_PRECONDITION (428); another record's
 * or unreadable: CN_ERR_STALE (412). */
int api_if_match(const struct http_req *rq, const struct rec *r, int64_t *version,
		 struct cn_err *err);

/* The request body as a JSON object (Content-Type application/json). The caller
 * json_decref()s *root. */
int api_body(struct http_req *rq, json_t **root, struct cn_err *err);
/* The body checked against the route's declared fields; see api_fields_from_json. */
int api_body_fields(struct http_req *rq, const char **values, struct cn_err *err);

/* Starts a JSON answer with status; write the value with w. */
void api_json(struct http_resp *rs, struct jw *w, int status);
/* Sets the ETag header of the answer to r's. */
void api_etag(struct http_req *rq, struct http_resp *rs, const struct rec *r);
/* Writes a JSON array of every record of e that q matches (all pages) and the actor
 * may read under the policy rule entity. */
int api_readable_json(struct http_req *rq, const struct rec_entity *e, struct rec_query q,
		      const char *entity, struct jw *w, struct cn_err *err);
/* Answers with one record and its ETag. */
void api_send_rec(struct http_req *rq, struct http_resp *rs, const struct rec *r, int status);
/* Starts a 200 answer {"items":[ ... and ends it ]}, with "next_cursor" (a string, or
 * null when next is 0) for paged lists. */
void api_items_begin(struct http_resp *rs, struct jw *w);
void api_items_end(struct jw *w, int paged, int64_t next);
/* Answers 204 No Content. */
void api_no_content(struct http_resp *rs);

/* Renders err as an RFC 9457 problem (the API table's error renderer). */
void api_problem(struct http_req *rq, struct http_resp *rs, const struct cn_err *err);
/* Writes the problem JSON of err into out (for the renderer and tests). */
void api_problem_json(const struct cn_err *err, struct buf *out);

/* A list embedded in a record's JSON by `?include=NAME` (a network's teams). */
struct api_include {
	const struct rec_entity *owner;
	const char *name;
	int (*write)(struct http_req *rq, const struct rec *owner, struct jw *w,
		     struct cn_err *err);
};
/* NULL-owner terminated; defined with the resources they belong to. */
extern const struct api_include api_includes[];

/* Typed routes' inputs (issue 5). An integer body value as api_fields_from_json gives
 * it (text), or 0 when absent. */
int64_t api_value_int(const char *value);
/* Refuses a query parameter the route does not declare (route.query), naming it and
 * the ones it takes. */
int api_query_check(struct http_req *rq, struct cn_err *err);
/* Query parameter name as an id, 0 when absent; anything else names the field. */
int api_query_id(const struct http_req *rq, const char *name, int64_t *out, struct cn_err *err);

/* Generic handlers for declared entities (entity.c); route.rec names the entity. */
int api_entity_list(struct http_req *rq, struct http_resp *rs, struct cn_err *err);
int api_entity_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err);
int api_entity_create(struct http_req *rq, struct http_resp *rs, struct cn_err *err);
int api_entity_update(struct http_req *rq, struct http_resp *rs, struct cn_err *err);
int api_entity_delete(struct http_req *rq, struct http_resp *rs, struct cn_err *err);

/* The routes of each family, for the table (routes.c). */
size_t api_meta_routes(const struct route **out);
size_t api_session_routes(const struct route **out);
size_t api_network_routes(const struct route **out);
size_t api_audit_routes(const struct route **out);
size_t api_imports_routes(const struct route **out);
size_t api_sso_routes(const struct route **out);
/* Standards, deliverables and the library (issue 4). */
size_t api_standards_routes(const struct route **out);
size_t api_deliverable_routes(const struct route **out);
size_t api_library_routes(const struct route **out);
size_t api_plans_routes(const struct route **out);
size_t api_profile_routes(const struct route **out);
size_t api_calendar_routes(const struct route **out);
size_t api_delivery_routes(const struct route **out);

#endif
