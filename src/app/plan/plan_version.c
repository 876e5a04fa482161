/* plan_version: saving and reading plan versions. The snapshot is the plan view's JSON
 * (plan_view_json) of the whole plan at the time; it is read back through
 * plan_view_hide with the reader's policy, so that a version shows the plan as it was
 * and no more than its reader may read now. */
#include "app/plan/plan_version.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/audit.h"
#include "app/plan/plan.h"
#include "app/plan/plan_view.h"
#include "app/access/policy.h"
#include "core/buf.h"
#include "core/timeutil.h"

enum { PLAN_VERSION_NOTE_MAX = 2000 };

static const char SQL_VERSION_NEXT[] =
	"SELECT COALESCE(MAX(number), 0) + 1 FROM plan_version WHERE plan_id = ?1";
static const char SQL_VERSION_ADD[] =
	"INSERT INTO plan_version (plan_id, number, snapshot, author_id, note, created_at,"
	" on_demand) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char SQL_VERSION_LIST[] =
	"SELECT v.id, v.number, COALESCE(v.author_id, 0), p.given_name || ' ' || p.family_name,"
	" v.note, v.created_at, v.snapshot FROM plan_version v"
	" LEFT JOIN person p ON p.id = v.author_id WHERE v.plan_id = ?1 ORDER BY v.number";
static const char SQL_VERSION_GET[] =
	"SELECT v.id, v.number, COALESCE(v.author_id, 0), p.given_name || ' ' || p.family_name,"
	" v.note, v.created_at, v.snapshot FROM plan_version v"
	" LEFT JOIN person p ON p.id = v.author_id WHERE v.plan_id = ?1 AND v.number = ?2";
static const char SQL_PLAN_EXISTS[] = "SELECT id FROM plan WHERE id = ?1";
static const char SQL_VERSION_HELD[] =
	"SELECT COUNT(*), COALESCE(SUM(LENGTH(snapshot)), 0) FROM plan_version"
	" WHERE plan_id = ?1 AND on_demand = 1";
static const char SQL_VERSION_RECENT[] =
	"SELECT COUNT(*), COALESCE(MIN(created_at), '') FROM plan_version"
	" WHERE plan_id = ?1 AND on_demand = 1 AND COALESCE(author_id, 0) = ?3"
	" AND created_at > ?2";

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

/* Refuses a version saved on demand by author (0 = the operator) when they saved
 * PLAN_VERSION_PER_MINUTE of the plan in the last minute; in the caller's transaction,
 * before the snapshot is made. */
static int plan_version_rate(struct store *db, int64_t plan_id, int64_t author,
			     struct cn_err *err)
{
	time_t now = time(NULL);
	char since[TIME_ISO_LEN];
	time_format_utc(now - 60, since);
	struct store_stmt *q = store_prepare(db, SQL_VERSION_RECENT, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, plan_id);
	store_bind_text(q, 2, since);
	store_bind_int(q, 3, author);
	int rc = store_step(q, err);
	int64_t recent = rc == 1 ? store_col_int(q, 0) : 0;
	time_t first = now;
	if (rc == 1 && time_parse_utc(store_col_text(q, 1), &first) != 0)
		first = now;
	store_done(q);
	if (rc < 0)
		return -1;
	if (recent < PLAN_VERSION_PER_MINUTE)
		return 0;
	long wait = (long)(first + 60 - now);
	wait = wait < 1 ? 1 : wait > 60 ? 60 : wait;
	cn_err_set(err, CN_ERR_THROTTLED,
		   "you saved %lld versions of plan %lld in the last minute, the most it "
		   "takes from one person; nothing was saved: wait %ld second%s and save "
		   "again (a change of status still saves its version)",
		   (long long)recent, (long long)plan_id, wait, wait == 1 ? "" : "s");
	if (err != NULL)
		err->retry_after = wait;
	return -1;
}

/* Refuses a version saved on demand of `size` bytes that would take the plan's versions
 * saved on demand past PLAN_VERSION_MAX or PLAN_VERSION_BYTES_MAX bytes of snapshots,
 * saying what to do instead. */
static int plan_version_cap(struct store *db, int64_t plan_id, size_t size, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_VERSION_HELD, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, plan_id);
	int rc = store_step(q, err);
	int64_t count = rc == 1 ? store_col_int(q, 0) : 0;
	int64_t bytes = rc == 1 ? store_col_int(q, 1) : 0;
	store_done(q);
	if (rc < 0)
		return -1;
	char why[200];
	if (count >= PLAN_VERSION_MAX)
		snprintf(why, sizeof(why),
			 "plan %lld has %lld versions saved on demand, the most a plan keeps",
			 (long long)plan_id, (long long)count);
	else if (bytes + (int64_t)size > PLAN_VERSION_BYTES_MAX)
		snprintf(why, sizeof(why),
			 "plan %lld's versions saved on demand hold %lld MB and this one would "
			 "add %lld KB, "
			 "past the %d MB a plan keeps",
			 (long long)plan_id, (long long)(bytes / 1000000),
			 (long long)(size / 1000), PLAN_VERSION_BYTES_MAX / 1000000);
	else
		return 0;
	return cn_err_set(err, CN_ERR_CONFLICT,
			  "%s, so this one was not saved; the versions stay readable, a change "
			  "of status still saves one, and the plan as it is now can be exported "
			  "(GET /api/v1/plans/%lld/export?format=pdf, or PDF on the plan's page)",
			  why, (long long)plan_id);
}

/* Saves a version: on demand (capped, counted against the caps) or for a change of
 * status (neither). */
static int plan_version_add(struct store *db, const struct actor *who, int64_t plan_id,
			    const char *note, int on_demand, int64_t *number,
			    struct cn_err *err)
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
	/* The snapshot holds the whole plan; what a reader may not read is hidden when
	 * it is read (plan_version_get). */
	if ((on_demand && plan_version_rate(db, plan_id, who->person_id, err)) ||
	    plan_view_load(db, a, plan_id, &p, err))
		goto fail;
	struct jw w;
	jw_init(&w, &snap);
	plan_view_json(&w, &p);
	if (on_demand && plan_version_cap(db, plan_id, snap.len, err))
		goto fail;
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
	store_bind_int(q, 7, on_demand ? 1 : 0);
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
	jw_kv_bool(&w, "on_demand", on_demand);
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

int plan_version_save(struct store *db, const struct actor *who, int64_t plan_id,
		      const char *note, int64_t *number, struct cn_err *err)
{
	return plan_version_add(db, who, plan_id, note, 1, number, err);
}

int plan_version_save_change(struct store *db, const struct actor *who, int64_t plan_id,
			     const char *note, struct cn_err *err)
{
	return plan_version_add(db, who, plan_id, note, 0, NULL, err);
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

/* Hides in plan (a snapshot's plan_view_json object) what reader may not read now, by
 * plan_view_hide's rules: the snapshot's actions (owner ids and names, links) are read
 * into a plan_full, hidden there and written back. */
static int plan_version_hide(struct arena *a, json_t *plan, struct policy *reader,
			     struct cn_err *err)
{
	json_t *acts = json_object_get(plan, "actions");
	struct plan_full p = {0};
	p.nactions = json_array_size(acts);
	p.actions = arena_alloc(a, sizeof(*p.actions) * (p.nactions + 1));
	for (size_t i = 0; i < p.nactions; i++) {
		json_t *o = json_array_get(acts, i), *links = json_object_get(o, "links");
		struct plan_action_full *act = &p.actions[i];
		act->action = rec_new(a, &plan_action_entity);
		json_int_t owner = json_integer_value(json_object_get(o, "owner_id"));
		if (owner != 0 && rec_put_int(act->action, "owner_id", owner, err))
			return -1;
		act->owner = json_string_value(json_object_get(o, "owner"));
		act->nlinks = json_array_size(links);
		act->links = arena_alloc(a, sizeof(*act->links) * (act->nlinks + 1));
		for (size_t k = 0; k < act->nlinks; k++) {
			json_t *l = json_array_get(links, k);
			const char *kind = json_string_value(json_object_get(l, "kind"));
			act->links[k].kind = kind ? kind : "";
			act->links[k].id = json_integer_value(json_object_get(l, "id"));
		}
	}
	if (plan_view_hide(&p, reader, err))
		return -1;
	for (size_t i = 0; i < p.nactions; i++) {
		json_t *o = json_array_get(acts, i), *links = json_object_get(o, "links");
		const struct plan_action_full *act = &p.actions[i];
		if (act->owner == plan_view_hidden_person)
			json_object_set_new(o, "owner", json_string(plan_view_hidden_person));
		for (size_t k = 0; k < act->nlinks; k++) {
			if (act->links[k].title != plan_view_hidden_deliverable)
				continue;
			json_t *l = json_array_get(links, k);
			json_object_set_new(l, "title", json_string(plan_view_hidden_deliverable));
			json_object_set_new(l, "status", json_null());
		}
	}
	return 0;
}

/* The snapshot as reader may read it, in a. */
static int plan_version_for(struct arena *a, struct policy *reader, int64_t plan_id,
			    int64_t number, const char **snapshot, struct cn_err *err)
{
	json_error_t jerr;
	json_t *root = json_loads(*snapshot, 0, &jerr);
	if (!json_is_object(root)) {
		json_decref(root);
		return cn_err_set(err, CN_ERR_INTERNAL,
				  "version %lld of plan %lld holds no plan that can be read (%s)",
				  (long long)number, (long long)plan_id, jerr.text);
	}
	int rc = plan_version_hide(a, root, reader, err);
	char *text = rc == 0 ? json_dumps(root, JSON_COMPACT) : NULL;
	json_decref(root);
	if (rc == 0 && text == NULL)
		return cn_err_set(err, CN_ERR_INTERNAL, "version %lld could not be written out",
				  (long long)number);
	if (text != NULL)
		*snapshot = arena_strdup(a, text);
	free(text);
	return rc;
}

int plan_version_get(struct store *db, struct arena *a, struct policy *reader, int64_t plan_id,
		     int64_t number, struct plan_version_info *info, const char **snapshot,
		     struct cn_err *err)
{
	if (plan_version_plan_exists(db, plan_id, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_VERSION_GET, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, plan_id);
	store_bind_int(q, 2, number);
	const char *snap = NULL;
	int rc = store_step(q, err);
	if (rc == 1)
		plan_version_read(q, a, info, &snap);
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "plan %lld has no version %lld",
				  (long long)plan_id, (long long)number);
	if (rc < 0)
		return -1;
	if (snapshot == NULL)
		return 0;
	if (reader != NULL && plan_version_for(a, reader, plan_id, number, &snap, err))
		return -1;
	*snapshot = snap;
	return 0;
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
