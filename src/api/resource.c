/* resource: helpers shared by the API's resource files. */
#include "api/resource.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/decode.h"

int api_load(struct http_req *rq, const struct rec_entity *e, const char *param, enum policy_verb verb,
	     struct rec **out, struct cn_err *err)
{
	int64_t id;
	if (http_param_id(rq, param, &id, err) || rec_get(rq->db, rq->a, e, id, out, err))
		return -1;
	return http_allow_record(rq, verb, e->name, *out, err);
}

int api_json_type(const struct http_req *rq, struct cn_err *err)
{
	const char *ct = http_header(rq, "Content-Type");
	if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0 ||
	    (ct[16] != '\0' && ct[16] != ';' && ct[16] != ' '))
		return cn_err_set(err, CN_ERR_MEDIA_TYPE,
				  "this route takes JSON: send the body with the header "
				  "Content-Type: application/json%s%.60s%s",
				  ct != NULL ? " (not " : "", ct != NULL ? ct : "", ct != NULL ? ")" : "");
	return 0;
}

int api_body(struct http_req *rq, json_t **root, struct cn_err *err)
{
	if (api_json_type(rq, err))
		return -1;
	return api_json_parse(rq->body, rq->body_len, root, err);
}

int api_query_int(const struct http_req *rq, const char *name, int64_t min, int64_t max,
		  int64_t *out, struct cn_err *err)
{
	const char *v = http_query(rq, name);
	if (v == NULL || v[0] == '\0')
		return 0;
	char *end = NULL;
	long long n = strtoll(v, &end, 10);
	if (*end != '\0' || n < min || n > max)
		return cn_err_field(err, CN_ERR_INPUT, name,
				    "'%.40s' is not a whole number from %lld to %lld", v,
				    (long long)min, (long long)max);
	*out = n;
	return 1;
}

int api_body_fields(struct http_req *rq, const char **values, struct cn_err *err)
{
	json_t *root = NULL;
	if (api_body(rq, &root, err))
		return -1;
	int rc = api_fields_from_json(rq->a, root, rq->route->body, values, err);
	json_decref(root);
	return rc;
}

int api_if_match(const struct http_req *rq, const struct rec *r, int64_t *version,
		 struct cn_err *err)
{
	const char *m = http_header(rq, "If-Match");
	if (m == NULL)
		return cn_err_set(err, CN_ERR_PRECONDITION,
				  "send the header If-Match with the ETag from GET of the %s, so "
				  "that a change made meanwhile by someone else is not overwritten",
				  r->entity->title);
	if (strcmp(m, "*") == 0) {
		*version = 0;
		return 0;
	}
	long long id = 0, v = 0;
	char tail = 0;
	if (sscanf(m, "\"%lld-%lld\"%c", &id, &v, &tail) != 2 || id != r->id || v <= 0) {
		char etag[64];
		rec_etag(r, etag, sizeof(etag));
		return cn_err_set(err, CN_ERR_STALE,
				  "If-Match %.60s does not match the %s's ETag %s; read it again",
				  m, r->entity->title, etag);
	}
	*version = v;
	return 0;
}

void api_json(struct http_resp *rs, struct jw *w, int status)
{
	rs->status = status;
	rs->content_type = "application/json";
	http_resp_header(rs, "Cache-Control", "no-store");
	buf_reset(&rs->body);
	jw_init(w, &rs->body);
}

void api_etag(struct http_req *rq, struct http_resp *rs, const struct rec *r)
{
	char etag[64];
	rec_etag(r, etag, sizeof(etag));
	http_resp_header(rs, "ETag", arena_strdup(rq->a, etag));
}

int api_readable_json(struct http_req *rq, const struct rec_entity *e, struct rec_query q,
		      const char *entity, struct jw *w, struct cn_err *err)
{
	jw_arr_begin(w);
	for (;;) {
		struct rec_list page;
		if (rec_list(rq->db, rq->a, e, &q, &page, err))
			return -1;
		for (size_t i = 0; i < page.count; i++) {
			int can = http_can_read(rq, entity, page.items[i], err);
			if (can < 0)
				return -1;
			if (can)
				rec_to_json(w, page.items[i]);
		}
		if (page.next_cursor == 0)
			break;
		q.cursor = page.next_cursor;
	}
	jw_arr_end(w);
	return 0;
}

void api_send_rec(struct http_req *rq, struct http_resp *rs, const struct rec *r, int status)
{
	api_etag(rq, rs, r);
	struct jw w;
	api_json(rs, &w, status);
	rec_to_json(&w, r);
}

void api_items_begin(struct http_resp *rs, struct jw *w)
{
	api_json(rs, w, 200);
	jw_obj_begin(w);
	jw_key(w, "items");
	jw_arr_begin(w);
}

void api_items_end(struct jw *w, int paged, int64_t next)
{
	jw_arr_end(w);
	if (paged) {
		jw_key(w, "next_cursor");
		if (next != 0) {
			char c[24];
			snprintf(c, sizeof(c), "%lld", (long long)next);
			jw_str(w, c);
		} else {
			jw_null(w);
		}
	}
	jw_obj_end(w);
}

void api_no_content(struct http_resp *rs)
{
	rs->status = 204;
	rs->content_type = NULL;
	buf_reset(&rs->body);
}

/* Typed routes' inputs (issue 5). */

int64_t api_value_int(const char *value)
{
	return value != NULL ? strtoll(value, NULL, 10) : 0;
}

struct resource_query {
	const struct route_field *declared;
	const char *bad;
};

static int resource_query_known(void *ctx, const char *name, const char *value)
{
	(void)value;
	struct resource_query *rq = ctx;
	for (size_t i = 0; rq->declared != NULL && rq->declared[i].name != NULL; i++)
		if (strcmp(rq->declared[i].name, name) == 0)
			return 0;
	rq->bad = name;
	return -1;
}

int api_query_check(struct http_req *rq, struct cn_err *err)
{
	struct resource_query q = {rq->route->query, NULL};
	if (http_query_each(rq, resource_query_known, &q) == 0)
		return 0;
	char names[300] = "";
	size_t n = 0;
	for (size_t i = 0; q.declared != NULL && q.declared[i].name != NULL && n < sizeof(names); i++)
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s", n ? ", " : "",
				      q.declared[i].name);
	if (n == 0)
		return cn_err_field(err, CN_ERR_INPUT, q.bad, "this request takes no query parameter");
	return cn_err_field(err, CN_ERR_INPUT, q.bad, "is not a query parameter here; use %s",
			    names);
}

int api_query_id(const struct http_req *rq, const char *name, int64_t *out, struct cn_err *err)
{
	const char *s = http_query(rq, name);
	char *end = NULL;
	*out = 0;
	if (s == NULL)
		return 0;
	long long v = strtoll(s, &end, 10);
	if (s[0] < '1' || s[0] > '9' || *end != '\0' || v <= 0)
		return cn_err_field(err, CN_ERR_INPUT, name, "'%.40s' is not an id; ids are whole numbers",
				    s);
	*out = v;
	return 0;
}
