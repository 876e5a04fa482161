/* audit: the audit log over the API, for admins: every change with who, when, and the
 * record before and after, newest first, filtered by entity, record, actor and time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "app/audit.h"
#include "core/timeutil.h"
#include "core/utf8.h"

struct audit_params {
	struct audit_query q;
	struct arena *a;
	struct cn_err *err;
};

static int audit_id(const char *name, const char *v, int64_t *out, struct cn_err *err)
{
	char *end = NULL;
	long long n = v != NULL ? strtoll(v, &end, 10) : 0;
	if (v == NULL || v[0] == '\0' || *end != '\0' || n <= 0)
		return cn_err_field(err, CN_ERR_INPUT, name, "'%s' is not an id", v ? v : "");
	*out = n;
	return 0;
}

static int audit_param(void *ctx, const char *name, const char *value)
{
	struct audit_params *p = ctx;
	const char *v = value != NULL ? value : "";
	if (strcmp(name, "entity") == 0) {
		if (strlen(v) == 0 || strlen(v) > 64 || !utf8_valid(v, strlen(v), NULL))
			return cn_err_field(p->err, CN_ERR_INPUT, name,
					    "give an entity name such as team or meeting");
		p->q.entity = v;
		return 0;
	}
	if (strcmp(name, "entity_id") == 0)
		return audit_id(name, v, &p->q.entity_id, p->err);
	if (strcmp(name, "actor_id") == 0)
		return audit_id(name, v, &p->q.actor_id, p->err);
	if (strcmp(name, "cursor") == 0)
		return audit_id(name, v, &p->q.cursor, p->err);
	if (strcmp(name, "limit") == 0) {
		char *end = NULL;
		long n = strtol(v, &end, 10);
		if (v[0] == '\0' || *end != '\0' || n < 1 || n > REC_LIST_MAX)
			return cn_err_field(p->err, CN_ERR_INPUT, name,
					    "'%s' is not a number from 1 to %d", v, REC_LIST_MAX);
		p->q.limit = (int)n;
		return 0;
	}
	if (strcmp(name, "since") == 0) {
		time_t t;
		if (time_parse_utc(v, &t) == 0) {
			p->q.since = v;
			return 0;
		}
		if (time_check_date(v, name, p->err))
			return cn_err_field(p->err, CN_ERR_INPUT, name,
					    "'%.40s' is not a date (YYYY-MM-DD) or an instant "
					    "(YYYY-MM-DDTHH:MM:SSZ)",
					    v);
		p->q.since = arena_printf(p->a, "%sT00:00:00Z", v);
		return 0;
	}
	return cn_err_field(p->err, CN_ERR_INPUT, name,
			    "is not a query parameter of the audit log; use entity, entity_id, "
			    "actor_id, since, limit, cursor");
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
		const struct audit_event *e = &items[i];
		jw_obj_begin(&w);
		jw_kv_int(&w, "id", e->id);
		jw_kv_str(&w, "at", e->at);
		jw_kv_id(&w, "actor_id", e->actor_id);
		jw_kv_str(&w, "actor", e->actor_label);
		jw_kv_str(&w, "action", e->action);
		jw_kv_str(&w, "entity", e->entity);
		jw_kv_id(&w, "entity_id", e->entity_id);
		/* before/after were written as JSON by capnet itself (record.c, audit.c). */
		jw_key(&w, "before");
		if (e->before != NULL)
			jw_raw_trusted(&w, e->before, strlen(e->before));
		else
			jw_null(&w);
		jw_key(&w, "after");
		if (e->after != NULL)
			jw_raw_trusted(&w, e->after, strlen(e->after));
		else
			jw_null(&w);
		jw_obj_end(&w);
	}
	api_items_end(&w, 1, next);
	return 0;
}

static const struct route_field audit_query_fields[] = {
	{"entity", "string", 0, NULL, "only events of this entity (team, meeting, ...)"},
	{"entity_id", "integer", 0, NULL, "only events of this record"},
	{"actor_id", "integer", 0, NULL, "only events by this person"},
	{"since", "string", 0, NULL, "only events at or after this date or instant"},
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
