/* problem: errors as RFC 9457 problem details (application/problem+json). The status
 * comes from cn_err_http_status alone; "field", "line" and "column" are extension
 * members naming where the input was wrong. An internal error's own text stays in the
 * server's log: clients get a plain sentence. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/resource.h"

void api_problem_json(const struct cn_err *err, struct buf *out)
{
	char type[64];
	const char *name = cn_err_kind_name(err->kind);
	size_t n = (size_t)snprintf(type, sizeof(type), "urn:capnet:problem:");
	for (size_t i = 0; name[i] != '\0' && n + 1 < sizeof(type); i++)
		type[n++] = name[i] == ' ' ? '-' : name[i];
	type[n] = '\0';
	int internal = err->kind == CN_ERR_INTERNAL;
	struct jw w;
	jw_init(&w, out);
	jw_obj_begin(&w);
	jw_kv_str(&w, "type", type);
	jw_kv_str(&w, "title", name);
	jw_kv_int(&w, "status", cn_err_http_status(err->kind));
	jw_kv_str(&w, "detail", internal ? "capnet failed to answer; the error is in its log"
					 : err->msg);
	if (!internal && err->field[0] != '\0')
		jw_kv_str(&w, "field", err->field);
	if (err->line > 0)
		jw_kv_int(&w, "line", err->line);
	if (err->column > 0)
		jw_kv_int(&w, "column", err->column);
	jw_obj_end(&w);
}

void api_problem(struct http_req *rq, struct http_resp *rs, const struct cn_err *err)
{
	if (err->kind == CN_ERR_INTERNAL) {
		char line[1024];
		cn_err_format(err, line, sizeof(line));
		fprintf(stderr, "capnet: %s %s: %s\n", rq->method, rq->path, line);
	}
	/* RFC 9110 §11.6.1 and RFC 6750 §3: a 401 names the scheme that would do. */
	if (err->kind == CN_ERR_UNAUTHENTICATED)
		http_resp_header(rs, "WWW-Authenticate",
				 http_header(rq, "Authorization") != NULL
					 ? "Bearer realm=\"capnet\", error=\"invalid_token\""
					 : "Bearer realm=\"capnet\"");
	http_retry_after(rq, rs, err);
	rs->status = cn_err_http_status(err->kind);
	rs->content_type = "application/problem+json";
	int cached = 0;
	for (size_t i = 0; i < rs->nheaders; i++)
		cached |= strcasecmp(rs->hname[i], "Cache-Control") == 0;
	if (!cached) /* api_json may have set it before the handler failed */
		http_resp_header(rs, "Cache-Control", "no-store");
	buf_reset(&rs->body);
	api_problem_json(err, &rs->body);
}
