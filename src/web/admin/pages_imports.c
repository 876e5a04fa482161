/* pages_imports: the admins' imports. A OneRoster 1.1 bundle (.zip) or a CASE 1.0
 * package (.json) uploaded from the browser runs in the background (app/import_job.h)
 * and is applied all or nothing. Its page shows the progress while it runs (read again
 * on each visit; a small script, where scripts run, keeps it current), then the counts
 * or the error with its file, line and column. The imports page lists the recent
 * imports. Only admins pass. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import_job.h"
#include "app/access/policy.h"
#include "core/json.h"
#include "http/allow.h"
#include "http/multipart.h"
#include "http/server.h"
#include "web/admin/admin.h"
#include "web/page.h"
#include "web/web.h"

enum {
	IMPORTS_RECENT = 20,
	/* A small file is done by then: the admin sees the outcome at once, without a
	 * page of progress in between. */
	IMPORTS_WAIT_MS = 2000,
};

static const char ROSTER_FILE[] = "roster_file", CASE_FILE[] = "case_file";

/* What the upload forms show again after a refusal. */
struct imports_form {
	enum import_job_kind kind;
	int dry_run;
	int strict;
	const char *parent_id;
	struct cn_err error;
};

static const char *imports_kind_title(enum import_job_kind k)
{
	return k == IMPORT_JOB_CASE ? "Standards (CASE)" : "Roster (OneRoster)";
}

static const char *imports_status_text(const struct import_job *j)
{
	if (strcmp(j->status, "running") == 0)
		return "Running";
	if (strcmp(j->status, "failed") == 0)
		return "Failed: nothing was changed";
	return j->dry_run ? "Checked: nothing was written" : "Imported";
}

static void imports_recent(struct page *p, const struct import_job *jobs, size_t n)
{
	struct html *h = &p->h;
	html_open(h, "section", "class", "card", "aria-labelledby", "recent", NULL);
	html_elem(h, "h2", "Recent imports", "id", "recent", NULL);
	if (n == 0) {
		html_elem(h, "p", "No imports yet.", "class", "muted", NULL);
		html_close(h);
		return;
	}
	static const char *const cols[] = {"File", "Kind", "Started", "By", "Outcome", NULL};
	page_table_begin(p, "Recent imports, newest first", 0, cols, 0);
	for (size_t i = 0; i < n; i++) {
		const struct import_job *j = &jobs[i];
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", j->filename, "href",
			  page_href(p->rq, "/admin/imports/%lld", j->id), NULL);
		html_close(h);
		html_elem(h, "td", imports_kind_title(j->kind), NULL);
		html_open(h, "td", NULL);
		page_time(p, j->started_at, NULL, "UTC", 1);
		html_close(h);
		html_elem(h, "td", j->person, NULL);
		html_elem(h, "td", imports_status_text(j), NULL);
		html_close(h);
	}
	page_table_end(p);
	html_close(h);
}

/* The imports page: the two upload forms, with f's refusal beside its file field,
 * and the recent imports. */
static int imports_page(struct http_req *rq, struct http_resp *rs, const struct imports_form *f,
			struct cn_err *err)
{
	const char **parent_ids, **parent_labels;
	static const char *const tops[] = {"state", "cooperative", NULL};
	if (admin_org_choices(rq, tops, &parent_ids, &parent_labels, err))
		return -1;
	struct import_job *jobs = NULL;
	size_t njobs = 0;
	if (import_job_recent(rq->db, rq->a, IMPORTS_RECENT, &jobs, &njobs, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Imports", PAGE_NAV_ADMIN);
	struct html *h = &p.h;
	admin_crumbs(&p, "Imports");
	html_elem(h, "h1", "Imports", NULL);
	if (f != NULL && f->error.kind != CN_OK) {
		page_show_error(&p, &f->error);
		page_errors(&p);
	}
	int roster = f != NULL && f->kind == IMPORT_JOB_ONEROSTER;
	int cases = f != NULL && f->kind == IMPORT_JOB_CASE;

	html_open(h, "section", "class", "card", "aria-labelledby", "oneroster", NULL);
	html_elem(h, "h2", "Rosters: OneRoster 1.1", "id", "oneroster", NULL);
	html_elem(h, "p",
		  "A .zip of a OneRoster 1.1 CSV bundle: manifest.csv, orgs.csv, users.csv and "
		  "academicSessions.csv. Organizations, staff and school years are matched by "
		  "sourcedId; if anything is wrong, nothing is written and the error names the "
		  "file, line and column. A large bundle takes a minute: its page shows how far "
		  "it has got.",
		  "class", "muted", NULL);
	page_upload_form_begin(&p, "/admin/imports/oneroster");
	page_input(&p, ROSTER_FILE, "OneRoster bundle (.zip)", "file", NULL, NULL, 1);
	page_select(&p, "parent_id", "Put the bundle's top organizations under", parent_ids,
		    parent_labels, roster ? f->parent_id : NULL, 0);
	page_checkbox(&p, "roster_dry_run", "Check only: show what would change, write nothing",
		      roster && f->dry_run, NULL);
	page_checkbox(&p, "roster_strict",
		      "Strict: refuse the file if a reference does not resolve (otherwise such "
		      "rows are imported without it and listed as warnings)",
		      roster && f->strict, NULL);
	page_submit(&p, "Import roster");
	html_close(h);
	html_close(h);

	html_open(h, "section", "class", "card", "aria-labelledby", "case", NULL);
	html_elem(h, "h2", "Standards: CASE 1.0", "id", "case", NULL);
	html_elem(h, "p",
		  "A CASE 1.0 CFPackage as a .json file. Importing the same framework again "
		  "updates it by identifier; items the package no longer has are kept, marked "
		  "withdrawn.",
		  "class", "muted", NULL);
	page_upload_form_begin(&p, "/admin/imports/case");
	page_input(&p, CASE_FILE, "CASE package (.json)", "file", NULL, NULL, 1);
	page_checkbox(&p, "case_dry_run", "Check only: show what would change, write nothing",
		      cases && f->dry_run, NULL);
	page_submit(&p, "Import standards");
	html_close(h);
	html_close(h);
	imports_recent(&p, jobs, njobs);
	page_end(&p);
	return 0;
}

/* GET /admin/imports */
static int imports_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (admin_gate(rq, err))
		return -1;
	return imports_page(rq, rs, NULL, err);
}

/* Reads the upload of field into rq's memory, or puts the refusal beside the field. */
static const struct multipart_part *imports_upload(struct http_req *rq, const char *field,
						   struct multipart *m, struct imports_form *f)
{
	if (multipart_parse(rq->a, http_header(rq, "Content-Type"), rq->body, rq->body_len, m,
			    &f->error)) {
		char msg[sizeof(f->error.msg)];
		snprintf(msg, sizeof(msg), "%s", f->error.msg);
		cn_err_field(&f->error, f->error.kind, field, "The upload could not be read: %s",
			     msg);
		return NULL;
	}
	const struct multipart_part *part = multipart_get(m, field);
	if (part == NULL || part->filename == NULL || part->len == 0) {
		cn_err_field(&f->error, CN_ERR_INPUT, field, "Choose a file to upload.");
		return NULL;
	}
	return part;
}

/* Starts the import of an upload and sends the admin to its page, once it is done or
 * after a short wait. */
static int imports_start(struct http_req *rq, struct http_resp *rs, enum import_job_kind kind,
			 const char *field, const char *dry_field, struct cn_err *err)
{
	if (admin_gate(rq, err))
		return -1;
	struct imports_form f = {.kind = kind};
	struct multipart m;
	const struct multipart_part *part = imports_upload(rq, field, &m, &f);
	if (part == NULL)
		return imports_page(rq, rs, &f, err);
	f.dry_run = multipart_value(&m, dry_field) != NULL;
	struct import_job_request jr = {.kind = kind,
					.db_url = rq->cfg->db_url,
					.person_id = rq->who.person_id,
					.filename =
					    part->filename[0] ? part->filename : "the upload",
					.data = part->data,
					.len = part->len,
					.dry_run = f.dry_run};
	if (kind == IMPORT_JOB_ONEROSTER) {
		f.strict = multipart_value(&m, "roster_strict") != NULL;
		jr.strict = f.strict;
		f.parent_id = multipart_value(&m, "parent_id");
		if (f.parent_id != NULL && f.parent_id[0] != '\0') {
			char *end = NULL;
			long long id = strtoll(f.parent_id, &end, 10);
			if (*end != '\0' || id <= 0) {
				cn_err_field(&f.error, CN_ERR_INPUT, "parent_id",
					     "'%s' is not an organization's id", f.parent_id);
				return imports_page(rq, rs, &f, err);
			}
			jr.parent_id = id;
		}
	}
	int64_t id = 0;
	struct cn_err why = {0};
	if (import_job_start(rq->db, &jr, &id, &why)) {
		if (why.kind != CN_ERR_CONFLICT) {
			*err = why;
			return -1;
		}
		cn_err_field(&f.error, CN_ERR_CONFLICT, field, "%s was not imported: %s",
			     jr.filename, why.msg);
		return imports_page(rq, rs, &f, err);
	}
	import_job_wait(id, IMPORTS_WAIT_MS);
	page_redirect(rs, page_href(rq, "/admin/imports/%lld", id));
	return 0;
}

/* POST /admin/imports/oneroster */
static int imports_roster(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return imports_start(rq, rs, IMPORT_JOB_ONEROSTER, ROSTER_FILE, "roster_dry_run", err);
}

/* POST /admin/imports/case */
static int imports_case(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return imports_start(rq, rs, IMPORT_JOB_CASE, CASE_FILE, "case_dry_run", err);
}

/* The job of path parameter id, for admins only. */
static int imports_job(struct http_req *rq, struct import_job *j, struct cn_err *err)
{
	int64_t id = 0;
	if (admin_gate(rq, err) || page_id(rq, "id", &id, err))
		return -1;
	return import_job_get(rq->db, rq->a, id, j, err);
}

static size_t imports_count(const json_t *o, const char *key)
{
	json_int_t v = json_integer_value(json_object_get(o, key));
	return v > 0 ? (size_t)v : 0;
}

static void imports_count_row(struct html *h, const char *label, const size_t *v, size_t n)
{
	html_open(h, "tr", NULL);
	html_elem(h, "th", label, "scope", "row", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "td", "class", "num", NULL);
		html_textf(h, "%zu", v[i]);
		html_close(h);
	}
	html_close(h);
}

/* Each string of array key of o as a list item. */
static void imports_list_items(struct html *h, const json_t *o, const char *key)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(o, key), i, s)
	{
		if (json_is_string(s))
			html_elem(h, "li", json_string_value(s), NULL);
	}
}

/* A roster's summary (roster_summary_json). */
static void imports_roster_result(struct page *p, const json_t *r)
{
	struct html *h = &p->h;
	static const char *const keys[] = {"organizations", "people", "memberships",
					   "academic_sessions"};
	static const char *const labels[] = {"Organizations", "People", "Memberships",
					     "School years and terms"};
	static const char *const cols[] = {"Records",	  "Created",   "Updated",
					   "Deactivated", "Unchanged", NULL};
	page_table_begin(p, "What the roster changed", 1, cols, 0x1eu);
	size_t absent = 0;
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const json_t *n = json_object_get(r, keys[k]);
		size_t v[4] = {imports_count(n, "created"), imports_count(n, "updated"),
			       imports_count(n, "deactivated"), imports_count(n, "unchanged")};
		imports_count_row(h, labels[k], v, 4);
		absent += imports_count(n, "absent_from_bulk");
	}
	page_table_end(p);
	html_open(h, "ul", NULL);
	if (absent > 0) {
		html_open(h, "li", NULL);
		html_textf(h, "Deactivated because a bulk file no longer has them: %zu.", absent);
		html_close(h);
	}
	size_t departments = imports_count(r, "departments_folded");
	if (departments > 0) {
		html_open(h, "li", NULL);
		html_textf(h, "Departments folded into their school: %zu.", departments);
		html_close(h);
	}
	html_open(h, "li", NULL);
	html_text(h, "Users not stored:");
	const char *role;
	json_t *n;
	int first = 1;
	json_object_foreach(json_object_get(r, "users_not_stored"), role, n)
	{
		html_textf(h, "%s %lld %s", first ? "" : ",", (long long)json_integer_value(n),
			   role);
		first = 0;
	}
	html_text(h, ".");
	html_close(h);
	size_t inactive = imports_count(r, "inactive");
	if (inactive > 0) {
		html_open(h, "li", NULL);
		html_textf(h, "Rows with status inactive, stored as inactive: %zu.", inactive);
		html_close(h);
	}
	imports_list_items(h, r, "notes");
	html_close(h);
	const json_t *warnings = json_object_get(r, "warnings");
	if (json_array_size(warnings) == 0)
		return;
	html_elem(h, "h3", "Warnings: imported with less than the row asked for", "id",
		  "warnings", NULL);
	html_open(h, "ul", "class", "warnings", NULL);
	size_t i;
	json_t *w;
	json_array_foreach(warnings, i, w)
	{
		html_open(h, "li", NULL);
		html_textf(h, "%s:%lld: column \"%s\": %s",
			   json_string_value(json_object_get(w, "file")),
			   (long long)json_integer_value(json_object_get(w, "line")),
			   json_string_value(json_object_get(w, "column")),
			   json_string_value(json_object_get(w, "message")));
		html_close(h);
	}
	html_close(h);
}

/* A CASE package's outcome (standards_import_result_json). */
static void imports_case_result(struct page *p, const json_t *r)
{
	struct html *h = &p->h;
	html_open(h, "p", NULL);
	html_textf(h, "Framework %s%s (%s).", json_string_value(json_object_get(r, "title")),
		   json_is_true(json_object_get(r, "created")) ? " was new" : "",
		   json_string_value(json_object_get(r, "identifier")));
	html_close(h);
	static const char *const cols[] = {
	    "Records", "Added", "Updated", "Unchanged", "Withdrawn or removed", NULL};
	page_table_begin(p, "What the package changed", 1, cols, 0x1eu);
	size_t items[4] = {imports_count(r, "items_added"),
			   imports_count(r, "items_updated") + imports_count(r, "items_moved"),
			   imports_count(r, "items_unchanged"),
			   imports_count(r, "items_withdrawn")};
	imports_count_row(h, "Items", items, 4);
	size_t assoc[4] = {
	    imports_count(r, "associations_added"), imports_count(r, "associations_updated"),
	    imports_count(r, "associations_unchanged"), imports_count(r, "associations_removed")};
	imports_count_row(h, "Associations", assoc, 4);
	page_table_end(p);
	size_t warnings = imports_count(r, "warning_count");
	if (warnings > 0) {
		html_open(h, "h3", NULL);
		html_textf(h, "Warnings (%zu)", warnings);
		html_close(h);
		html_open(h, "ul", NULL);
		imports_list_items(h, r, "warnings");
		html_close(h);
	}
}

/* "Writing records: 1,200 of 50,000." and the like, in the request's arena. */
static const char *imports_progress_text(struct http_req *rq, const struct import_job *j)
{
	if (!j->tracked)
		return "Running on another server process since it started; its outcome shows "
		       "here when it ends. If the server was restarted meanwhile, the import did "
		       "not finish and nothing was written: upload the file again.";
	if (j->total == 0)
		return arena_printf(rq->a, "Running: %s.", j->phase);
	return arena_printf(rq->a, "Running: %s, %zu of %zu.", j->phase, j->done, j->total);
}

/* GET /admin/imports/{id} */
static int imports_job_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct import_job j;
	if (imports_job(rq, &j, err))
		return -1;
	int running = strcmp(j.status, "running") == 0;
	struct page p;
	const char *title = arena_printf(rq->a, "Import of %s", j.filename);
	page_begin(&p, rq, rs, title, PAGE_NAV_ADMIN);
	struct html *h = &p.h;
	page_crumbs(&p, "Admin", "/admin", "Imports", "/admin/imports", j.filename, NULL, NULL);
	html_elem(h, "h1", title, NULL);
	html_open(h, "dl", "class", "facts", NULL);
	html_elem(h, "dt", "Kind", NULL);
	html_elem(h, "dd", imports_kind_title(j.kind), NULL);
	html_elem(h, "dt", "Started by", NULL);
	html_open(h, "dd", NULL);
	html_text(h, j.person);
	html_text(h, ", ");
	page_time(&p, j.started_at, NULL, "UTC", 1);
	html_close(h);
	if (j.finished_at != NULL) {
		html_elem(h, "dt", "Ended", NULL);
		html_open(h, "dd", NULL);
		page_time(&p, j.finished_at, NULL, "UTC", 1);
		html_close(h);
	}
	html_elem(h, "dt", "Outcome", NULL);
	html_elem(h, "dd", imports_status_text(&j), NULL);
	html_close(h);

	if (running) {
		html_open(h, "section", "class", "card", "aria-labelledby", "progress", NULL);
		html_elem(h, "h2", "Progress", "id", "progress", NULL);
		html_elem(h, "p", imports_progress_text(rq, &j), "id", "import-status", "role",
			  "status", "data-poll",
			  page_href(rq, "/admin/imports/%lld/progress", j.id), NULL);
		if (j.tracked && j.total > 0) {
			char done[32], total[32];
			snprintf(done, sizeof(done), "%zu", j.done);
			snprintf(total, sizeof(total), "%zu", j.total);
			html_elem(h, "progress", arena_printf(rq->a, "%s of %s", done, total), "id",
				  "import-bar", "max", total, "value", done, "aria-labelledby",
				  "import-status", NULL);
		}
		html_open(h, "p", NULL);
		html_elem(h, "a", "Show the latest progress", "href",
			  page_href(rq, "/admin/imports/%lld", j.id), NULL);
		html_close(h);
		html_close(h);
		html_open(h, "script", "src", "/static/import.js", "defer", "defer", NULL);
		html_close(h);
	} else if (strcmp(j.status, "failed") == 0) {
		html_open(h, "div", "class", "errors", "role", "alert", NULL);
		html_elem(h, "h2", "The import failed; nothing was changed", NULL);
		html_elem(h, "p", j.error, NULL);
		html_close(h);
		html_open(h, "p", NULL);
		html_elem(h, "a", "Upload a corrected file", "href", "/admin/imports", NULL);
		html_close(h);
	} else {
		json_error_t jerr;
		json_t *r = json_loads(j.result ? j.result : "{}", 0, &jerr);
		html_open(h, "section", "class", "card", "aria-labelledby", "result", NULL);
		html_elem(h, "h2", j.dry_run ? "What would change" : "What changed", "id", "result",
			  NULL);
		page_notice(&p, j.dry_run ? "The file is valid. Nothing was written (a check only)."
					  : "The import is done: everything was written in one "
					    "transaction.");
		if (r != NULL && j.kind == IMPORT_JOB_ONEROSTER)
			imports_roster_result(&p, r);
		else if (r != NULL)
			imports_case_result(&p, r);
		json_decref(r);
		html_close(h);
		html_open(h, "p", NULL);
		html_elem(h, "a", "Back to imports", "href", "/admin/imports", NULL);
		html_close(h);
	}
	page_end(&p);
	return 0;
}

/* GET /admin/imports/{id}/progress: the job's state as JSON, for the page's script. */
static int imports_job_progress(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct import_job j;
	if (imports_job(rq, &j, err))
		return -1;
	rs->content_type = "application/json";
	http_resp_header(rs, "Cache-Control", "no-store");
	buf_reset(&rs->body);
	struct jw w;
	jw_init(&w, &rs->body);
	jw_obj_begin(&w);
	jw_kv_str(&w, "status", j.status);
	jw_kv_str(&w, "text",
		  strcmp(j.status, "running") == 0 ? imports_progress_text(rq, &j)
						   : imports_status_text(&j));
	jw_kv_int(&w, "done", (int64_t)j.done);
	jw_kv_int(&w, "total", (int64_t)j.total);
	jw_obj_end(&w);
	return 0;
}

static const struct route imports_routes[] = {
	{"GET", "/admin/imports", imports_show, "organization", POLICY_CREATE, NULL, 0,
	 "the import forms and the recent imports", NULL, NULL},
	{"POST", "/admin/imports/oneroster", imports_roster, "organization", POLICY_CREATE, NULL,
	 ROUTE_UPLOAD, "import a OneRoster 1.1 bundle (.zip)", NULL, NULL},
	{"POST", "/admin/imports/case", imports_case, "organization", POLICY_CREATE, NULL, ROUTE_UPLOAD,
	 "import a CASE 1.0 package (.json)", NULL, NULL},
	{"GET", "/admin/imports/{id}", imports_job_show, "organization", POLICY_CREATE, NULL, 0,
	 "an import: its progress, then what it changed or why it failed", NULL, NULL},
	{"GET", "/admin/imports/{id}/progress", imports_job_progress, "organization", POLICY_CREATE,
	 NULL, 0, "an import's progress as JSON", NULL, NULL},
};

const struct web_routes web_routes_imports = {imports_routes,
					      sizeof(imports_routes) / sizeof(imports_routes[0])};
