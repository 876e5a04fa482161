/* entity: list, get, create, update and delete for every declared entity, driven by
 * its declaration (fields, filters, SQL) and asking the policy under the entity's
 * name. Lists return only what the actor may read: pages are filtered row by row and
 * refilled from the next rows, so a page is never padded with hidden records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/decode.h"
#include "api/resource.h"

/* How many underlying pages one list request may scan while filtering. */
enum { ENTITY_SCAN_PAGES = 20 };

struct entity_query {
	const struct rec_entity *e;
	struct rec_query q;
	struct cn_err *err;
};

static int entity_number(const char *name, const char *v, long long min, long long max,
			 long long *out, struct cn_err *err)
{
	char *end = NULL;
	long long n = v != NULL ? strtoll(v, &end, 10) : 0;
	if (v == NULL || v[0] == '\0' || *end != '\0' || n < min || n > max)
		return cn_err_field(err, CN_ERR_INPUT, name, "'%s' is not a number from %lld to %lld",
				    v != NULL ? v : "", min, max);
	*out = n;
	return 0;
}

static int entity_query_param(void *ctx, const char *name, const char *value)
{
	struct entity_query *eq = ctx;
	long long n;
	if (strcmp(name, "limit") == 0) {
		if (entity_number(name, value, 1, REC_LIST_MAX, &n, eq->err))
			return -1;
		eq->q.limit = (int)n;
		return 0;
	}
	if (strcmp(name, "cursor") == 0) {
		if (entity_number(name, value, 0, INT64_MAX, &n, eq->err))
			return -1;
		eq->q.cursor = n;
		return 0;
	}
	int i = rec_filter_index(eq->e, name);
	if (i >= 0 && i < 8) {
		eq->q.filter[i] = value != NULL ? value : "";
		return 0;
	}
	char names[400];
	size_t k = (size_t)snprintf(names, sizeof(names), "limit, cursor");
	for (size_t f = 0; f < eq->e->nfilters && k < sizeof(names); f++)
		k += (size_t)snprintf(names + k, sizeof(names) - k, ", %s", eq->e->filters[f].name);
	return cn_err_field(eq->err, CN_ERR_INPUT, name,
			    "is not a query parameter of %s; use %s", eq->e->plural, names);
}

int api_entity_list(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec_entity *e = rq->route->rec;
	if (http_allow_any(rq, POLICY_READ, e->name, err))
		return -1;
	struct entity_query eq = {.e = e, .err = err};
	if (http_query_each(rq, entity_query_param, &eq))
		return -1;
	int limit = eq.q.limit ? eq.q.limit : REC_LIST_DEFAULT;
	struct rec **items = arena_alloc(rq->a, sizeof(*items) * (size_t)limit);
	size_t count = 0;
	int64_t next = 0;
	for (int pages = 0;; pages++) {
		struct rec_list page;
		if (rec_list(rq->db, rq->a, e, &eq.q, &page, err))
			return -1;
		size_t i = 0;
		for (; i < page.count && count < (size_t)limit; i++) {
			int can = http_can_read(rq, e->name, page.items[i], err);
			if (can < 0)
				return -1;
			if (can)
				items[count++] = page.items[i];
		}
		if (count == (size_t)limit) {
			next = (i < page.count || page.next_cursor) ? items[count - 1]->id : 0;
			break;
		}
		if (page.next_cursor == 0)
			break;
		eq.q.cursor = page.next_cursor;
		if (pages + 1 == ENTITY_SCAN_PAGES) {
			next = page.next_cursor; /* a short page; the client goes on from here */
			break;
		}
	}
	struct jw w;
	api_items_begin(rs, &w);
	for (size_t i = 0; i < count; i++)
		rec_to_json(&w, items[i]);
	api_items_end(&w, 1, next);
	return 0;
}

/* The includes asked for by `?include=a,b` for entity e, checked. */
static int entity_includes(struct http_req *rq, const struct rec_entity *e,
			   const struct api_include **out, size_t *n, struct cn_err *err)
{
	*n = 0;
	const char *list = http_query(rq, "include");
	if (list == NULL)
		return 0;
	char *copy = arena_strdup(rq->a, list), *save = NULL;
	for (char *name = strtok_r(copy, ",", &save); name != NULL; name = strtok_r(NULL, ",", &save)) {
		const struct api_include *inc = NULL;
		for (size_t i = 0; api_includes[i].owner != NULL; i++)
			if (api_includes[i].owner == e && strcmp(api_includes[i].name, name) == 0)
				inc = &api_includes[i];
		if (inc == NULL || *n == 4)
			return cn_err_field(err, CN_ERR_INPUT, "include",
					    "'%.60s' cannot be included in a %s", name, e->title);
		out[(*n)++] = inc;
	}
	return 0;
}

int api_entity_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec_entity *e = rq->route->rec;
	struct rec *r = rq->record;
	const struct api_include *inc[4];
	size_t ninc = 0;
	if (entity_includes(rq, e, inc, &ninc, err))
		return -1;
	if (ninc == 0) {
		api_send_rec(rq, rs, r, 200);
		return 0;
	}
	api_etag(rq, rs, r);
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	rec_fields_json(&w, r);
	for (size_t i = 0; i < ninc; i++) {
		jw_key(&w, inc[i]->name);
		if (inc[i]->write(rq, r, &w, err))
			return -1;
	}
	jw_obj_end(&w);
	return 0;
}

/* The record's fields from the JSON body into r. */
static int entity_decode(struct http_req *rq, struct rec *r, struct cn_err *err)
{
	json_t *root = NULL;
	if (api_body(rq, &root, err))
		return -1;
	int rc = api_rec_from_json(rq->a, root, r, err);
	json_decref(root);
	return rc;
}

int api_entity_create(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec_entity *e = rq->route->rec;
	if (http_allow_any(rq, POLICY_CREATE, e->name, err))
		return -1;
	struct rec *r = rec_new(rq->a, e);
	if (entity_decode(rq, r, err) || policy_check(rq->policy, POLICY_CREATE, e->name, r, err) ||
	    rec_create(rq->db, &rq->who, rq->a, r, err))
		return -1;
	http_resp_header(rs, "Location",
			 arena_printf(rq->a, "/api/v1/%s/%lld", e->plural, (long long)r->id));
	api_send_rec(rq, rs, r, 201);
	return 0;
}

int api_entity_update(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec_entity *e = rq->route->rec;
	const struct rec *old = rq->record;
	int64_t version = 0;
	if (api_if_match(rq, old, &version, err))
		return -1;
	struct rec *changes = rec_new(rq->a, e);
	if (entity_decode(rq, changes, err))
		return -1;
	/* The record as it would be, so that rules on field values see the new ones. */
	struct rec *merged = rec_new(rq->a, e);
	merged->id = old->id;
	merged->version = old->version;
	for (size_t i = 0; i < e->nfields; i++)
		merged->v[i] = changes->given[i] ? changes->v[i] : old->v[i];
	struct rec *saved = NULL;
	if (policy_check(rq->policy, POLICY_UPDATE, e->name, merged, err) ||
	    rec_update(rq->db, &rq->who, rq->a, old->id, version, changes, &saved, err))
		return -1;
	api_send_rec(rq, rs, saved, 200);
	return 0;
}

int api_entity_delete(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec_entity *e = rq->route->rec;
	const struct rec *old = rq->record;
	int64_t version = 0;
	if (api_if_match(rq, old, &version, err) ||
	    rec_delete(rq->db, &rq->who, rq->a, e, old->id, version, err))
		return -1;
	api_no_content(rs);
	return 0;
}
