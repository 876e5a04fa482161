/* audit: the audit log over the API, for admins: every change with who, when, and the
 * record before and after, newest first, filtered by entity, record, actor and time. */
#include "api/resource.h"
#include "app/audit.h"

struct audit_params {
	struct audit_query q;
	struct arena *a;
	struct cn_err *err;
};

static int audit_param(void *ctx, const char *name, const char *value)
{
	struct audit_params *p = ctx;
	return audit_query_set(&p->q, p->a, name, value, p->err);
}

static int audit_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_READ, "audit_event", err))
		return -1;
	struct audit_params p = {.q = {.limit = REC_LIST_DEFAULT}, .a = rq->a, .err = err};
	if (http_query_each(rq, audit_param, &p))
		return -1;
	struct audit_event *items = NULL;
	size_t n = 0;
	int64_t next = 0;
	if (audit_list(rq->db, rq->a, &p.q, &items, &n, &next, err))
		return -1;
	struct jw w;
	api_items_begin(rs, &w);
	for (size_t i = 0; i < n; i++) {
		audit_event_json(&w, &items[i], 1);
	}
	api_items_end(&w, 1, next);
	return 0;
}

static const struct route_field audit_query_fields[] = {
	{"entity", "string", 0, NULL, "only events of this entity (team, meeting, ...)"},
	{"entity_id", "integer", 0, NULL, "only events of this record"},
	{"actor_id", "integer", 0, NULL, "only events by this person"},
	{"since", "string", 0, NULL, "only events at or after this date or instant"},
	{"until", "string", 0, NULL, "only events at or before this date (to its end) or instant"},
	{"limit", "integer", 0, NULL, "at most this many (default 50, at most 1000)"},
	{"cursor", "string", 0, NULL, "the next_cursor of the previous page"},
	{NULL, NULL, 0, NULL, NULL},
};

static const struct route audit_routes[] = {
	{"GET", "/api/v1/audit", audit_get, "audit_event", POLICY_READ, NULL, 0,
	 "The audit log, newest first (admins)", NULL, audit_query_fields},
};

size_t api_audit_routes(const struct route **out)
{
	*out = audit_routes;
	return sizeof(audit_routes) / sizeof(audit_routes[0]);
}
