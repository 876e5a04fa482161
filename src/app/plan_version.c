/* plan_version: saving and reading plan versions. The snapshot is the plan view's JSON
 * (plan_view_json), so a version shows the plan exactly as pages and the API showed it
 * at the time. */
#include "app/plan_version.h"

#include <jansson.h>
#include <string.h>

#include "app/audit.h"
#include "app/plan.h"
#include "app/plan_view.h"
#include "core/buf.h"
#include "core/timeutil.h"

enum { PLAN_VERSION_NOTE_MAX = 2000 };

static const char SQL_VERSION_NEXT[] =
	"SELECT COALESCE(MAX(number), 0) + 1 FROM plan_version WHERE plan_id = ?1";
static const char SQL_VERSION_ADD[] =
	"INSERT INTO plan_version (plan_id, number, snapshot, author_id, note, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
static const char SQL_VERSION_LIST[] =
	"SELECT v.id, v.number, COALESCE(v.author_id, 0), p.given_name || ' ' || p.family_name,"
	" v.note, v.created_at, v.snapshot FROM plan_version v"
	" LEFT JOIN person p ON p.id = v.author_id WHERE v.plan_id = ?1 ORDER BY v.number";
static const char SQL_VERSION_GET[] =
	"SELECT v.id, v.number, COALESCE(v.author_id, 0), p.given_name || ' ' || p.family_name,"
	" v.note, v.created_at, v.snapshot FROM plan_version v"
	" LEFT JOIN person p ON p.id = v.author_id WHERE v.plan_id = ?1 AND v.number = ?2";
static const char SQL_PLAN_EXISTS[] = "SELECT id FROM plan WHERE id = ?1";

int plan_version_save(struct store *db, const struct actor *who, int64_t plan_id,
		      const char *note, int64_t *number, struct cn_err *err)
{
	if (plan_text_check("note", note, PLAN_VERSION_NOTE_MAX, 0, err))
		return -1;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct arena *a = arena_new();
	struct buf snap = BUF_INIT, after = BUF_INIT;
	if (store_begin(db, err))
		goto fail_arena;
	struct plan_full p;
	if (plan_view_load(db, a, plan_id, &p, err))
		goto fail;
	struct jw w;
	jw_init(&w, &snap);
	plan_view_json(&w, &p);
	struct store_stmt *q = store_prepare(db, SQL_VERSION_NEXT, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, plan_id);
	int rc = store_step(q, err);
	int64_t next = rc == 1 ? store_col_int(q, 0) : 1;
	store_done(q);
	if (rc < 0)
		goto fail;
	q = store_prepare(db, SQL_VERSION_ADD, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, plan_id);
	store_bind_int(q, 2, next);
	store_bind_text(q, 3, buf_str(&snap));
	store_bind_id(q, 4, who->person_id);
	store_bind_text(q, 5, note && note[0] ? note : NULL);
	store_bind_text(q, 6, now);
	rc = store_step(q, err);
	int64_t id = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc != 1)
		goto fail;
	jw_init(&w, &after);
	jw_obj_begin(&w);
	jw_kv_int(&w, "plan_id", plan_id);
	jw_kv_int(&w, "number", next);
	jw_kv_str(&w, "note", note && note[0] ? note : NULL);
	jw_kv_str(&w, "status", rec_text(p.plan, "status"));
	jw_obj_end(&w);
	if (audit_record(db, who, "create", "plan_version", id, NULL, buf_str(&after), err))
		goto fail;
	if (store_commit(db, err))
		goto fail_arena;
	if (number != NULL)
		*number = next;
	buf_free(&snap);
	buf_free(&after);
	arena_free(a);
	return 0;
fail:
	store_rollback(db);
fail_arena:
	buf_free(&snap);
	buf_free(&after);
	arena_free(a);
	return -1;
}

/* The plan's status recorded in a snapshot, in a; NULL if unreadable. */
static const char *plan_version_status(struct arena *a, const char *snapshot)
{
	json_t *root = json_loads(snapshot ? snapshot : "", 0, NULL);
	const char *s = json_string_value(json_object_get(root, "status"));
	char *out = s ? arena_strdup(a, s) : NULL;
	json_decref(root);
	return out;
}

static void plan_version_read(struct store_stmt *q, struct arena *a, struct plan_version_info *v,
			      const char **snapshot)
{
	v->id = store_col_int(q, 0);
	v->number = store_col_int(q, 1);
	v->author_id = store_col_int(q, 2);
	v->author = store_col_dup(q, 3, a);
	v->note = store_col_dup(q, 4, a);
	v->created_at = store_col_dup(q, 5, a);
	v->status = plan_version_status(a, store_col_text(q, 6));
	if (snapshot != NULL)
		*snapshot = store_col_dup(q, 6, a);
}

static int plan_version_plan_exists(struct store *db, int64_t plan_id, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_PLAN_EXISTS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, plan_id);
	int rc = store_step(q, err);
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no plan with id %lld",
				  (long long)plan_id);
	return rc < 0 ? -1 : 0;
}

int plan_version_list(struct store *db, struct arena *a, int64_t plan_id,
		      struct plan_version_info **out, size_t *count, struct cn_err *err)
{
	*out = NULL;
	*count = 0;
	if (plan_version_plan_exists(db, plan_id, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_VERSION_LIST, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, plan_id);
	size_t cap = 0, n = 0;
	struct plan_version_info *v = NULL;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		v = arena_grow(a, v, sizeof(*v), n, &cap);
		plan_version_read(q, a, &v[n++], NULL);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	*out = v;
	*count = n;
	return 0;
}

int plan_version_get(struct store *db, struct arena *a, int64_t plan_id, int64_t number,
		     struct plan_version_info *info, const char **snapshot, struct cn_err *err)
{
	if (plan_version_plan_exists(db, plan_id, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_VERSION_GET, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, plan_id);
	store_bind_int(q, 2, number);
	int rc = store_step(q, err);
	if (rc == 1)
		plan_version_read(q, a, info, snapshot);
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "plan %lld has no version %lld",
				  (long long)plan_id, (long long)number);
	return rc < 0 ? -1 : 0;
}

void plan_version_list_json(struct jw *w, const struct plan_version_info *v, size_t n)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < n; i++) {
		jw_obj_begin(w);
		jw_kv_int(w, "number", v[i].number);
		jw_kv_str(w, "status", v[i].status);
		jw_kv_str(w, "created_at", v[i].created_at);
		jw_kv_id(w, "author_id", v[i].author_id);
		jw_kv_str(w, "author", v[i].author);
		jw_kv_str(w, "note", v[i].note);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}
