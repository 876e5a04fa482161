/* meta: the routes about the server itself: liveness, readiness (the database answers
 * and its schema is current) and the OpenAPI document. */
#include <pthread.h>
#include <string.h>

#include "api/api.h"
#include "api/resource.h"
#include "app/health.h"

static int meta_health(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	(void)rq, (void)err;
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_kv_str(&w, "status", "ok");
	jw_obj_end(&w);
	return 0;
}

static int meta_ready(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (health_ready(rq->db, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_kv_str(&w, "status", "ready");
	jw_obj_end(&w);
	return 0;
}

static struct buf meta_doc = BUF_INIT;
static pthread_once_t meta_doc_once = PTHREAD_ONCE_INIT;

static void meta_doc_build(void)
{
	api_openapi(api_table(), &meta_doc);
}

static int meta_openapi(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	(void)rq, (void)err;
	pthread_once(&meta_doc_once, meta_doc_build);
	struct jw w;
	api_json(rs, &w, 200);
	buf_append(&rs->body, meta_doc.data, meta_doc.len);
	return 0;
}

static const struct route meta_routes[] = {
	{"GET", "/healthz", meta_health, NULL, POLICY_READ, NULL,
	 ROUTE_PUBLIC | ROUTE_NO_AUTH | ROUTE_NO_DB,
	 "The process is alive", NULL, NULL},
	{"GET", "/readyz", meta_ready, NULL, POLICY_READ, NULL, ROUTE_PUBLIC | ROUTE_NO_AUTH,
	 "The database answers and its schema is current", NULL, NULL},
	{"GET", "/api/v1/openapi.json", meta_openapi, NULL, POLICY_READ, NULL,
	 ROUTE_PUBLIC | ROUTE_NO_AUTH | ROUTE_NO_DB, "This API as an OpenAPI 3.1 document", NULL, NULL},
};

size_t api_meta_routes(const struct route **out)
{
	*out = meta_routes;
	return sizeof(meta_routes) / sizeof(meta_routes[0]);
}
