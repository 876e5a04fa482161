/* openapi: the OpenAPI 3.1 document of a route table, generated from the routes and
 * the entity declarations (field types, bounds, choices, help as descriptions), so
 * that the document cannot drift from what the server does. */
#include <stdio.h>
#include <string.h>

#include "api/answers.h"
#include "api/api.h"
#include "api/resource.h"
#include "app/entities.h"

static void oa_type(struct jw *w, const char *type, int nullable)
{
	jw_key(w, "type");
	if (!nullable) {
		jw_str(w, type);
		return;
	}
	jw_arr_begin(w);
	jw_str(w, type);
	jw_str(w, "null");
	jw_arr_end(w);
}

static void oa_choices(struct jw *w, const char *const *choices)
{
	jw_key(w, "enum");
	jw_arr_begin(w);
	for (size_t i = 0; choices[i] != NULL; i++)
		jw_str(w, choices[i]);
	jw_arr_end(w);
}

/* The JSON schema of one declared field. */
static void oa_field(struct jw *w, const struct rec_field *f, int nullable)
{
	jw_obj_begin(w);
	switch (f->type) {
	case REC_INT:
		oa_type(w, "integer", nullable);
		if (f->min || f->max) {
			jw_kv_int(w, "minimum", f->min);
			jw_kv_int(w, "maximum", f->max);
		}
		break;
	case REC_REF:
		oa_type(w, "integer", nullable);
		jw_kv_int(w, "minimum", 1);
		break;
	case REC_BOOL:
		oa_type(w, "boolean", nullable);
		break;
	case REC_ENUM:
		oa_type(w, "string", nullable);
		oa_choices(w, f->choices);
		break;
	case REC_DATE:
		oa_type(w, "string", nullable);
		jw_kv_str(w, "format", "date");
		break;
	case REC_DATETIME:
		oa_type(w, "string", nullable);
		jw_kv_str(w, "format", "date-time");
		break;
	case REC_EMAIL:
		oa_type(w, "string", nullable);
		jw_kv_str(w, "format", "email");
		break;
	case REC_URL:
		oa_type(w, "string", nullable);
		jw_kv_str(w, "format", "uri");
		break;
	case REC_SCHOOL_YEAR:
		oa_type(w, "string", nullable);
		jw_kv_str(w, "pattern", "^[0-9]{4}-[0-9]{2}$");
		break;
	case REC_TEXT:
	case REC_LONGTEXT:
		oa_type(w, "string", nullable);
		jw_kv_int(w, "maxLength", f->max ? f->max : (f->type == REC_TEXT ? 200 : 100000));
		break;
	default:
		oa_type(w, "string", nullable);
		break;
	}
	char desc[400];
	if (f->type == REC_REF && f->ref != NULL && (f->flags & (REC_READONLY | REC_REF_UNREAD)))
		snprintf(desc, sizeof(desc), "%s (the id of a %s)", f->help ? f->help : "",
			 f->ref->title);
	else if (f->type == REC_REF && f->ref != NULL)
		snprintf(desc, sizeof(desc),
			 "%s (the id of a %s you may read; another is refused with 400 naming "
			 "the field, as one that does not exist is)",
			 f->help ? f->help : "", f->ref->title);
	else
		snprintf(desc, sizeof(desc), "%s", f->help ? f->help : "");
	jw_kv_str(w, "description", desc);
	if (f->flags & REC_READONLY)
		jw_kv_bool(w, "readOnly", 1);
	jw_obj_end(w);
}

enum oa_schema { OA_RECORD, OA_CREATE, OA_PATCH };

/* The schema of an entity as returned (OA_RECORD), as sent to create it, or to patch. */
static void oa_entity_schema(struct jw *w, const struct rec_entity *e, enum oa_schema kind)
{
	jw_obj_begin(w);
	jw_kv_str(w, "type", "object");
	jw_kv_str(w, "description", e->title);
	jw_key(w, "properties");
	jw_obj_begin(w);
	if (kind == OA_RECORD) {
		jw_key(w, "id");
		jw_obj_begin(w);
		jw_kv_str(w, "type", "integer");
		jw_obj_end(w);
		jw_key(w, "version");
		jw_obj_begin(w);
		jw_kv_str(w, "type", "integer");
		jw_kv_str(w, "description", "counts changes; the ETag is \"id-version\"");
		jw_obj_end(w);
	}
	for (size_t i = 0; i < e->nfields; i++) {
		const struct rec_field *f = &e->fields[i];
		if (kind != OA_RECORD && (f->flags & REC_READONLY))
			continue;
		if (kind == OA_PATCH && (f->flags & REC_FIXED))
			continue;
		jw_key(w, f->name);
		oa_field(w, f, !(f->flags & REC_REQUIRED));
	}
	if (kind == OA_RECORD) {
		static const char *const times[] = {"created_at", "updated_at"};
		for (size_t i = 0; i < 2; i++) {
			jw_key(w, times[i]);
			jw_obj_begin(w);
			jw_kv_str(w, "type", "string");
			jw_kv_str(w, "format", "date-time");
			jw_obj_end(w);
		}
	}
	jw_obj_end(w);
	if (kind != OA_PATCH) {
		jw_key(w, "required");
		jw_arr_begin(w);
		for (size_t i = 0; i < e->nfields; i++) {
			const struct rec_field *f = &e->fields[i];
			if ((f->flags & REC_REQUIRED) && (kind == OA_RECORD || f->def == NULL))
				jw_str(w, f->name);
		}
		jw_arr_end(w);
	}
	if (kind != OA_RECORD)
		jw_kv_bool(w, "additionalProperties", 0);
	jw_obj_end(w);
}

static void oa_ref(struct jw *w, const char *name, const char *suffix)
{
	char ref[160];
	snprintf(ref, sizeof(ref), "#/components/schemas/%s%s", name, suffix);
	jw_obj_begin(w);
	jw_kv_str(w, "$ref", ref);
	jw_obj_end(w);
}

/* A parameter; path parameters are always required, others when required says so. */
static void oa_param(struct jw *w, const char *name, const char *in, int required,
		     const char *type, const char *const *choices, const char *help)
{
	jw_obj_begin(w);
	jw_kv_str(w, "name", name);
	jw_kv_str(w, "in", in);
	jw_kv_bool(w, "required", required || strcmp(in, "path") == 0);
	if (help != NULL)
		jw_kv_str(w, "description", help);
	jw_key(w, "schema");
	jw_obj_begin(w);
	jw_kv_str(w, "type", type);
	if (choices != NULL)
		oa_choices(w, choices);
	jw_obj_end(w);
	jw_obj_end(w);
}

/* Path parameters that are not ids, and answers that are not JSON (issue 5). */
static const char *oa_path_help(const char *name)
{
	if (strcmp(name, "indicator") == 0)
		return "the indicator's code (LC.2) or id";
	if (strcmp(name, "token") == 0)
		return "the calendar token followed by .ics";
	return NULL;
}

static const char *const oa_export_media[] = {
	"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/pdf", NULL};
static const char *const oa_calendar_media[] = {"text/calendar", NULL};
static const char *const oa_report_media[] = {
	"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", NULL};

/* The media types of a route's answer when it is not JSON, else NULL. */
static const char *const *oa_media(const struct route *r)
{
	if (strcmp(r->pattern, "/api/v1/plans/{id}/export") == 0)
		return oa_export_media;
	if (strcmp(r->pattern, "/calendar/{token}") == 0)
		return oa_calendar_media;
	if (strcmp(r->pattern, "/api/v1/networks/{id}/profile/export") == 0)
		return oa_report_media;
	return NULL;
}

static void oa_media_content(struct jw *w, const char *const *media)
{
	jw_key(w, "content");
	jw_obj_begin(w);
	for (size_t i = 0; media[i] != NULL; i++) {
		jw_key(w, media[i]);
		jw_obj_begin(w);
		jw_key(w, "schema");
		jw_obj_begin(w);
		jw_kv_str(w, "type", "string");
		jw_obj_end(w);
		jw_obj_end(w);
	}
	jw_obj_end(w);
}

static const char *oa_filter_type(enum rec_type t)
{
	return t == REC_REF || t == REC_INT ? "integer" : t == REC_BOOL ? "boolean" : "string";
}

static void oa_parameters(struct jw *w, const struct route *r)
{
	jw_key(w, "parameters");
	jw_arr_begin(w);
	for (const char *p = strchr(r->pattern, '{'); p != NULL; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		char name[64];
		snprintf(name, sizeof(name), "%.*s", (int)(end - p - 1), p + 1);
		oa_param(w, name, "path", 1, oa_path_help(name) ? "string" : "integer", NULL,
			 oa_path_help(name));
	}
	if (r->fn == api_entity_list) {
		oa_param(w, "limit", "query", 0, "integer", NULL, "at most this many (default 50, at most 1000)");
		oa_param(w, "cursor", "query", 0, "string", NULL, "the next_cursor of the previous page");
		for (size_t i = 0; i < r->rec->nfilters; i++) {
			const struct rec_filter *f = &r->rec->filters[i];
			oa_param(w, f->name, "query", 0, oa_filter_type(f->type), f->choices, f->help);
		}
	}
	if (r->fn == api_entity_get)
		for (size_t i = 0; api_includes[i].owner != NULL; i++)
			if (api_includes[i].owner == r->rec)
				oa_param(w, "include", "query", 0, "string", NULL,
					 "embed related lists, e.g. include=teams");
	for (size_t i = 0; r->query != NULL && r->query[i].name != NULL; i++)
		oa_param(w, r->query[i].name, "query", r->query[i].required,
			 r->query[i].type, r->query[i].choices,
			 r->query[i].help);
	if (strcmp(r->method, "PATCH") == 0 || (r->rec != NULL && strcmp(r->method, "DELETE") == 0)) {
		jw_obj_begin(w);
		jw_kv_str(w, "name", "If-Match");
		jw_kv_str(w, "in", "header");
		jw_kv_bool(w, "required", 1);
		jw_kv_str(w, "description", "the ETag from GET; missing: 428, stale: 412");
		jw_key(w, "schema");
		jw_obj_begin(w);
		jw_kv_str(w, "type", "string");
		jw_obj_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void oa_body_fields(struct jw *w, const struct route_field *fields)
{
	jw_obj_begin(w);
	jw_kv_str(w, "type", "object");
	jw_key(w, "properties");
	jw_obj_begin(w);
	for (size_t i = 0; fields[i].name != NULL; i++) {
		jw_key(w, fields[i].name);
		jw_obj_begin(w);
		jw_kv_str(w, "type", fields[i].type);
		if (fields[i].choices != NULL)
			oa_choices(w, fields[i].choices);
		jw_kv_str(w, "description", fields[i].help);
		jw_obj_end(w);
	}
	jw_obj_end(w);
	jw_key(w, "required");
	jw_arr_begin(w);
	for (size_t i = 0; fields[i].name != NULL; i++)
		if (fields[i].required)
			jw_str(w, fields[i].name);
	jw_arr_end(w);
	jw_kv_bool(w, "additionalProperties", 0);
	jw_obj_end(w);
}

static void oa_content(struct jw *w, const char *type)
{
	jw_key(w, "content");
	jw_obj_begin(w);
	jw_key(w, type);
	jw_obj_begin(w);
	jw_key(w, "schema");
}

/* Writes the answers api_answers documents for r (answers.h); 0 if it has none. */
static int oa_documented_answers(struct jw *w, const struct route *r)
{
	int n = 0;
	for (size_t i = 0; api_answers[i].method != NULL; i++) {
		const struct api_answer *a = &api_answers[i];
		if (strcmp(a->method, r->method) != 0 || strcmp(a->pattern, r->pattern) != 0)
			continue;
		char status[8];
		snprintf(status, sizeof(status), "%d", a->status);
		jw_key(w, status);
		jw_obj_begin(w);
		jw_kv_str(w, "description", a->description);
		oa_content(w, "application/json");
		api_answer_schema(w, a->shape);
		jw_obj_end(w);
		jw_obj_end(w);
		jw_obj_end(w);
		n++;
	}
	return n;
}

/* The answer of a route that serves a declared entity, a non-JSON document, or
 * nothing (204). */
static void oa_generic_answer(struct jw *w, const struct route *r)
{
	const struct rec_entity *e = r->rec;
	int no_content = strcmp(r->method, "DELETE") == 0 || strcmp(r->method, "PUT") == 0;
	jw_key(w, no_content ? "204" : strcmp(r->method, "POST") == 0 ? "201" : "200");
	jw_obj_begin(w);
	jw_kv_str(w, "description", no_content ? "done" : "the answer");
	if (!no_content && oa_media(r) != NULL) {
		oa_media_content(w, oa_media(r));
	} else if (!no_content) {
		oa_content(w, "application/json");
		if (e != NULL && r->fn == api_entity_list) {
			jw_obj_begin(w);
			jw_kv_str(w, "type", "object");
			jw_key(w, "properties");
			jw_obj_begin(w);
			jw_key(w, "items");
			jw_obj_begin(w);
			jw_kv_str(w, "type", "array");
			jw_key(w, "items");
			oa_ref(w, e->name, "");
			jw_obj_end(w);
			jw_key(w, "next_cursor");
			jw_obj_begin(w);
			oa_type(w, "string", 1);
			jw_obj_end(w);
			jw_obj_end(w);
			jw_obj_end(w);
		} else if (e != NULL) {
			oa_ref(w, e->name, "");
		} else {
			jw_obj_begin(w);
			jw_kv_str(w, "type", "object");
			jw_obj_end(w);
		}
		jw_obj_end(w);
		jw_obj_end(w);
	}
	jw_obj_end(w);
}

static void oa_operation(struct jw *w, const struct route *r)
{
	char op[200];
	size_t n = (size_t)snprintf(op, sizeof(op), "%s", r->method);
	for (const char *p = r->pattern; *p != '\0' && n + 1 < sizeof(op); p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '/')
			op[n++] = *p == '/' ? '_' : *p;
	op[n] = '\0';
	for (char *p = op; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	jw_obj_begin(w);
	jw_kv_str(w, "operationId", op);
	jw_kv_str(w, "summary", r->summary);
	if (r->entity != NULL)
		jw_kv_str(w, "x-policy", r->entity);
	if (r->flags & ROUTE_PUBLIC) {
		jw_key(w, "security");
		jw_arr_begin(w);
		jw_arr_end(w);
	}
	oa_parameters(w, r);
	const struct rec_entity *e = r->rec;
	int body = e != NULL && (strcmp(r->method, "POST") == 0 || strcmp(r->method, "PATCH") == 0);
	/* An upload without declared fields is a document of its own format (a CASE
	 * package): an object, described by the route's summary. */
	int upload = e == NULL && r->body == NULL && (r->flags & ROUTE_UPLOAD);
	if (body || r->body != NULL || upload) {
		jw_key(w, "requestBody");
		jw_obj_begin(w);
		jw_kv_bool(w, "required", 1);
		oa_content(w, "application/json");
		if (r->body != NULL) {
			oa_body_fields(w, r->body);
		} else if (upload) {
			jw_obj_begin(w);
			jw_kv_str(w, "type", "object");
			jw_obj_end(w);
		} else {
			oa_ref(w, e->name, strcmp(r->method, "POST") == 0 ? "_create" : "_patch");
		}
		jw_obj_end(w);
		jw_obj_end(w);
		jw_obj_end(w);
	}
	jw_key(w, "responses");
	jw_obj_begin(w);
	if (!oa_documented_answers(w, r))
		oa_generic_answer(w, r);
	jw_key(w, "default");
	jw_obj_begin(w);
	jw_kv_str(w, "description", "a problem (RFC 9457)");
	oa_content(w, "application/problem+json");
	oa_ref(w, "problem", "");
	jw_obj_end(w);
	jw_obj_end(w);
	jw_obj_end(w);
	jw_obj_end(w);
	jw_obj_end(w);
}

static void oa_problem_schema(struct jw *w)
{
	static const char *const strings[] = {"type", "title", "detail", "field"};
	jw_obj_begin(w);
	jw_kv_str(w, "type", "object");
	jw_key(w, "properties");
	jw_obj_begin(w);
	for (size_t i = 0; i < 4; i++) {
		jw_key(w, strings[i]);
		jw_obj_begin(w);
		jw_kv_str(w, "type", "string");
		jw_obj_end(w);
	}
	static const char *const ints[] = {"status", "line", "column"};
	for (size_t i = 0; i < 3; i++) {
		jw_key(w, ints[i]);
		jw_obj_begin(w);
		jw_kv_str(w, "type", "integer");
		jw_obj_end(w);
	}
	jw_obj_end(w);
	jw_obj_end(w);
}

void api_openapi(const struct route_table *t, struct buf *out)
{
	struct jw w;
	jw_init(&w, out);
	jw_obj_begin(&w);
	jw_kv_str(&w, "openapi", "3.1.0");
	jw_key(&w, "info");
	jw_obj_begin(&w);
	jw_kv_str(&w, "title", "capnet API");
	jw_kv_str(&w, "version", "1");
	jw_kv_str(&w, "description",
		  "Capacity-building leadership networks: organizations, people, networks, "
		  "teams, meetings. Sign in with POST /api/v1/session (cookie + X-CSRF-Token "
		  "on writes) or send Authorization: Bearer TOKEN. Errors are RFC 9457 "
		  "problems; a request body in another type than application/json is 415.");
	jw_obj_end(&w);
	/* Relative: the server that answered for this document (OpenAPI 3.1 §4.8.5), so
	 * the same document is right behind any address or proxy. */
	jw_key(&w, "servers");
	jw_arr_begin(&w);
	jw_obj_begin(&w);
	jw_kv_str(&w, "url", "/");
	jw_kv_str(&w, "description", "the capnet server this document was fetched from");
	jw_obj_end(&w);
	jw_arr_end(&w);
	jw_key(&w, "security");
	jw_arr_begin(&w);
	static const char *const schemes[] = {"bearer", "cookie"};
	for (size_t i = 0; i < 2; i++) {
		jw_obj_begin(&w);
		jw_key(&w, schemes[i]);
		jw_arr_begin(&w);
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "paths");
	jw_obj_begin(&w);
	for (size_t i = 0; i < t->n; i++) {
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(t->routes[k].pattern, t->routes[i].pattern) == 0;
		if (seen)
			continue;
		jw_key(&w, t->routes[i].pattern);
		jw_obj_begin(&w);
		for (size_t k = i; k < t->n; k++) {
			if (strcmp(t->routes[k].pattern, t->routes[i].pattern) != 0)
				continue;
			char method[8];
			size_t m = 0;
			for (; t->routes[k].method[m] != '\0' && m + 1 < sizeof(method); m++)
				method[m] = (char)(t->routes[k].method[m] + 32);
			method[m] = '\0';
			jw_key(&w, method);
			oa_operation(&w, &t->routes[k]);
		}
		jw_obj_end(&w);
	}
	jw_obj_end(&w);
	jw_key(&w, "components");
	jw_obj_begin(&w);
	jw_key(&w, "securitySchemes");
	jw_obj_begin(&w);
	jw_key(&w, "bearer");
	jw_obj_begin(&w);
	jw_kv_str(&w, "type", "http");
	jw_kv_str(&w, "scheme", "bearer");
	jw_kv_str(&w, "description", "a token from `capnet token create`");
	jw_obj_end(&w);
	jw_key(&w, "cookie");
	jw_obj_begin(&w);
	jw_kv_str(&w, "type", "apiKey");
	jw_kv_str(&w, "in", "cookie");
	jw_kv_str(&w, "name", "capnet_session");
	jw_obj_end(&w);
	jw_obj_end(&w);
	jw_key(&w, "schemas");
	jw_obj_begin(&w);
	jw_key(&w, "problem");
	oa_problem_schema(&w);
	for (size_t i = 0; api_answer_shapes[i].name != NULL; i++) {
		jw_key(&w, api_answer_shapes[i].name);
		api_answer_schema(&w, api_answer_shapes[i].shape);
	}
	for (size_t i = 0; entities_all[i] != NULL; i++) {
		const struct rec_entity *e = entities_all[i];
		char name[96];
		jw_key(&w, e->name);
		oa_entity_schema(&w, e, OA_RECORD);
		snprintf(name, sizeof(name), "%s_create", e->name);
		jw_key(&w, name);
		oa_entity_schema(&w, e, OA_CREATE);
		snprintf(name, sizeof(name), "%s_patch", e->name);
		jw_key(&w, name);
		oa_entity_schema(&w, e, OA_PATCH);
	}
	jw_obj_end(&w);
	jw_obj_end(&w);
	jw_obj_end(&w);
}
