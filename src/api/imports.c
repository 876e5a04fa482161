/* imports: OneRoster bundles over the API, for admins, as the import page runs them: the
 * bundle (a .zip) is the request's body, the import runs in the background
 * (app/import_job.h), and GET /api/v1/imports/{id} tells how it ended, with the summary
 * and each warning's file, line and column. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "app/import_job.h"
#include "http/server.h"

/* How long POST waits for the import to end before answering that it runs. */
enum { IMPORTS_API_WAIT_MS = 2000 };

/* The job as JSON: its result (the import's summary) is the app's own JSON, kept as
 * the import wrote it. */
static void imports_job_json(struct jw *w, const struct import_job *j)
{
	jw_obj_begin(w);
	jw_kv_int(w, "id", j->id);
	jw_kv_str(w, "kind", import_job_kind_names[j->kind]);
	jw_kv_str(w, "filename", j->filename);
	jw_kv_bool(w, "dry_run", j->dry_run);
	jw_kv_str(w, "status", j->status);
	jw_key(w, "summary");
	if (j->result != NULL && j->result[0] != '\0')
		jw_raw_trusted(w, j->result, strlen(j->result));
	else
		jw_null(w);
	jw_kv_str(w, "error", j->error);
	jw_kv_str(w, "started_at", j->started_at);
	jw_kv_str(w, "finished_at", j->finished_at);
	jw_obj_end(w);
}

static int imports_answer(struct http_req *rq, struct http_resp *rs, int64_t id, int status,
			  struct cn_err *err)
{
	struct import_job j;
	if (import_job_get(rq->db, rq->a, id, &j, err))
		return -1;
	struct jw w;
	api_json(rs, &w, strcmp(j.status, "running") == 0 ? 202 : status);
	imports_job_json(&w, &j);
	return 0;
}

/* A yes/no query parameter: absent, "", "0" or "false" is no. */
static int imports_flag(struct http_req *rq, const char *name)
{
	const char *v = http_query(rq, name);
	return v != NULL && v[0] != '\0' && strcmp(v, "0") != 0 && strcmp(v, "false") != 0;
}

/* POST /api/v1/imports/oneroster: 201 with the job when it ended within two seconds,
 * else 202 (GET its address until it has). */
static int imports_oneroster(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_CREATE, "organization", err))
		return -1;
	int64_t parent = 0;
	if (api_query_id(rq, "parent_id", &parent, err) < 0)
		return -1;
	if (rq->body_len == 0)
		return cn_err_field(err, CN_ERR_INPUT, "body",
				    "send the OneRoster bundle (.zip) as the request's body");
	const char *name = http_query(rq, "filename");
	struct import_job_request jr = {.kind = IMPORT_JOB_ONEROSTER,
					.db_url = rq->cfg->db_url,
					.person_id = rq->who.person_id,
					.filename = name && name[0] ? name : "the request's body",
					.data = rq->body,
					.len = rq->body_len,
					.dry_run = imports_flag(rq, "dry_run"),
					.parent_id = parent,
					.strict = imports_flag(rq, "strict")};
	int64_t id = 0;
	if (import_job_start(rq->db, &jr, &id, err))
		return -1;
	import_job_wait(id, IMPORTS_API_WAIT_MS);
	http_resp_header(rs, "Location", arena_printf(rq->a, "/api/v1/imports/%lld", (long long)id));
	return imports_answer(rq, rs, id, 201, err);
}

/* GET /api/v1/imports/{id} */
static int imports_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int64_t id;
	if (http_allow_any(rq, POLICY_CREATE, "organization", err) ||
	    http_param_id(rq, "id", &id, err))
		return -1;
	return imports_answer(rq, rs, id, 200, err);
}

static const struct route_field imports_query[] = {
    {"filename", "string", 0, NULL, "the bundle's name, for messages (e.g. daviess.zip)"},
    {"dry_run", "boolean", 0, NULL, "check and count, write nothing"},
    {"strict", "boolean", 0, NULL,
     "refuse the bundle at the first reference that does not resolve (default: import what "
     "is sound and warn about the rest)"},
    {"parent_id", "integer", 0, NULL, "the organization the bundle's top organizations go under"},
    {NULL, NULL, 0, NULL, NULL},
};

static const struct route imports_routes[] = {
    {"POST", "/api/v1/imports/oneroster", imports_oneroster, "organization", POLICY_CREATE, NULL,
     ROUTE_UPLOAD,
     "Import a OneRoster 1.1 bundle (.zip as the body, admins): 201 with the summary and its "
     "warnings (file, line, column) when done, 202 while it runs; 409 while another runs",
     NULL, imports_query},
    {"GET", "/api/v1/imports/{id}", imports_get, "organization", POLICY_CREATE, NULL, 0,
     "An import: running, done (its summary and warnings) or failed (what was wrong, with "
     "file, line and column)",
     NULL, NULL},
};

size_t api_imports_routes(const struct route **out)
{
	*out = imports_routes;
	return sizeof(imports_routes) / sizeof(imports_routes[0]);
}
