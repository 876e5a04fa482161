/* notice: source-updated notices for the owners of adaptations, and who may see them. */
#include "app/notice.h"

#include <string.h>

#include "app/audit.h"
#include "app/mail/notify.h"
#include "core/buf.h"
#include "core/timeutil.h"

static const char SQL_NOTICE_DERIVED[] =
	"SELECT d.id, d.title, sv.number, s.title, nv.number"
	" FROM deliverable_version nv JOIN deliverable s ON s.id = nv.deliverable_id"
	" JOIN deliverable_version sv ON sv.deliverable_id = nv.deliverable_id"
	" JOIN deliverable d ON d.derived_from_version_id = sv.id"
	" WHERE nv.id = ?1 AND sv.number < nv.number ORDER BY d.id";
/* Contributors, the creator and the team's leads who still belong to its district. */
static const char SQL_NOTICE_OWNERS[] =
	"SELECT person_id FROM deliverable_contributor WHERE deliverable_id = ?1"
	" UNION SELECT m.person_id FROM team_member m JOIN deliverable d ON d.team_id = m.team_id"
	"  JOIN team t ON t.id = m.team_id"
	"  WHERE d.id = ?1 AND m.role = 'lead' AND EXISTS (SELECT 1 FROM membership ms"
	"  JOIN organization o ON o.id = ms.org_id WHERE ms.person_id = m.person_id"
	"  AND ms.active = 1"
	"  AND (o.id = t.district_id OR (o.kind = 'school' AND o.parent_id = t.district_id)))"
	" UNION SELECT created_by FROM deliverable WHERE id = ?1 AND created_by IS NOT NULL"
	" ORDER BY 1";
static const char SQL_NOTICE_EXISTS[] =
	"SELECT id FROM notice WHERE person_id = ?1 AND deliverable_id = ?2"
	" AND source_version_id = ?3";
static const char SQL_NOTICE_ADD[] =
	"INSERT INTO notice (person_id, kind, deliverable_id, source_version_id, message,"
	" created_at) VALUES (?1, ?6, ?2, ?3, ?4, ?5) RETURNING id";
/* The deliverable's title, the version's number and the name of the person who acted. */
static const char SQL_NOTICE_EVENT[] =
	"SELECT d.title, v.number, COALESCE(p.given_name || ' ' || p.family_name, 'someone')"
	" FROM deliverable_version v JOIN deliverable d ON d.id = v.deliverable_id"
	" LEFT JOIN person p ON p.id = ?2 WHERE v.id = ?1";
#define NOTICE_COLS                                                                           \
	"n.id, n.person_id, n.kind, n.deliverable_id, d.title, n.source_version_id,"         \
	" v.deliverable_id, v.number, n.message, n.seen_at, n.created_at, n.plan_id, p.title"
static const char SQL_NOTICE_LIST[] =
	"SELECT " NOTICE_COLS " FROM notice n LEFT JOIN deliverable d ON d.id = n.deliverable_id"
	" LEFT JOIN deliverable_version v ON v.id = n.source_version_id"
	" LEFT JOIN plan p ON p.id = n.plan_id"
	" WHERE n.person_id = ?1 AND (?2 = 1 OR n.seen_at IS NULL)"
	" ORDER BY n.created_at DESC, n.id DESC";
static const char SQL_NOTICE_GET[] =
	"SELECT " NOTICE_COLS " FROM notice n LEFT JOIN deliverable d ON d.id = n.deliverable_id"
	" LEFT JOIN deliverable_version v ON v.id = n.source_version_id"
	" LEFT JOIN plan p ON p.id = n.plan_id WHERE n.id = ?1";
static const char SQL_NOTICE_SEEN[] =
	"UPDATE notice SET seen_at = ?1 WHERE id = ?2 AND seen_at IS NULL";

/* Notifies the owners of one adaptation; ids[] are its owners. */
static int notice_owners(struct store *db, int64_t deliverable_id, int64_t **out, size_t *n,
			 struct arena *a, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_NOTICE_OWNERS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, deliverable_id);
	size_t cap = 8;
	*out = arena_alloc(a, sizeof(int64_t) * cap);
	*n = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		*out = arena_grow(a, *out, sizeof(**out), *n, &cap);
		(*out)[(*n)++] = store_col_int(q, 0);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int notice_tell_owners(struct store *db, const struct actor *who, struct arena *a,
		       int64_t deliverable_id, const char *subject, const char *what,
		       struct cn_err *err)
{
	return notify_people(db, a, SQL_NOTICE_OWNERS, deliverable_id, who->person_id,
			     NOTIFY_DELIVERABLE, subject, what,
			     arena_printf(a, "/deliverables/%lld", (long long)deliverable_id), NULL,
			     NULL, err);
}

/* A source_updated notice is given once per person, adaptation and source version;
 * the others once per event. */
static int notice_add(struct store *db, const struct actor *who, struct arena *a,
		      const char *kind, int64_t person, int64_t deliverable_id,
		      int64_t version_id, const char *message, struct cn_err *err)
{
	struct store_stmt *q;
	int rc;
	if (strcmp(kind, "source_updated") == 0) {
		q = store_prepare(db, SQL_NOTICE_EXISTS, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, person);
		store_bind_int(q, 2, deliverable_id);
		store_bind_int(q, 3, version_id);
		rc = store_step(q, err);
		store_done(q);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
	}
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	q = store_prepare(db, SQL_NOTICE_ADD, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, person);
	store_bind_int(q, 2, deliverable_id);
	store_bind_int(q, 3, version_id);
	store_bind_text(q, 4, message);
	store_bind_text(q, 5, now);
	store_bind_text(q, 6, kind);
	rc = store_step(q, err);
	int64_t id = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc != 1)
		return rc == 0 ? cn_err_set(err, CN_ERR_INTERNAL, "the notice was not stored") : -1;
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_int(&w, "person_id", person);
	jw_kv_str(&w, "kind", kind);
	jw_kv_int(&w, "deliverable_id", deliverable_id);
	jw_kv_int(&w, "source_version_id", version_id);
	jw_obj_end(&w);
	rc = audit_record(db, who, "create", "notice", id, NULL, buf_str(&b), err);
	buf_free(&b);
	if (rc == 0)
		rc = notify_person(db, a, person, NOTIFY_SOURCE_UPDATED,
				   "A source of your adaptation has a new version", message,
				   arena_printf(a, "/notices/%lld/compare", (long long)id), err);
	return rc;
}

struct notice_target {
	int64_t deliverable_id;
	const char *title, *source_title;
	int64_t from_number, new_number;
};

int notice_source_published(struct store *db, const struct actor *who, struct arena *a,
			    int64_t version_id, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_NOTICE_DERIVED, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, version_id);
	size_t cap = 8, n = 0;
	struct notice_target *t = arena_alloc(a, sizeof(*t) * cap);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		t = arena_grow(a, t, sizeof(*t), n, &cap);
		t[n++] = (struct notice_target){store_col_int(q, 0), store_col_dup(q, 1, a),
						store_col_dup(q, 3, a), store_col_int(q, 2),
						store_col_int(q, 4)};
	}
	store_done(q);
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int64_t *owners;
		size_t nowners;
		if (notice_owners(db, t[i].deliverable_id, &owners, &nowners, a, err))
			return -1;
		char *msg = arena_printf(
			a,
			"\"%s\" has a new published version %lld; \"%s\" was adapted from version "
			"%lld and is unchanged: compare them and take what you want",
			t[i].source_title, (long long)t[i].new_number, t[i].title,
			(long long)t[i].from_number);
		for (size_t k = 0; k < nowners; k++)
			if (notice_add(db, who, a, "source_updated", owners[k], t[i].deliverable_id,
				       version_id, msg, err))
				return -1;
	}
	return 0;
}

int notice_deliverable_event(struct store *db, const struct actor *who, struct arena *a,
			     enum notice_event ev, int64_t deliverable_id, int64_t version_id,
			     int64_t by, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_NOTICE_EVENT, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, version_id);
	store_bind_int(q, 2, by);
	int rc = store_step(q, err);
	const char *title = rc == 1 ? store_col_dup(q, 0, a) : NULL;
	int64_t number = rc == 1 ? store_col_int(q, 1) : 0;
	const char *name = rc == 1 ? store_col_dup(q, 2, a) : NULL;
	store_done(q);
	if (rc != 1)
		return rc < 0 ? -1 : cn_err_set(err, CN_ERR_INTERNAL, "no version %lld to tell of",
						(long long)version_id);
	int saved = ev == NOTICE_VERSION_SAVED;
	char *msg = arena_printf(a, "%s %s version %lld of \"%s\"%s", name,
				 saved ? "saved" : "reviewed", (long long)number, title,
				 saved ? ": compare it with the one before" : ": read the review");
	int64_t *owners;
	size_t n;
	if (notice_owners(db, deliverable_id, &owners, &n, a, err))
		return -1;
	for (size_t k = 0; k < n; k++)
		if (owners[k] != by &&
		    notice_add(db, who, a, saved ? "version_saved" : "review_added", owners[k],
			       deliverable_id, version_id, msg, err))
			return -1;
	return 0;
}

static void notice_read(struct store_stmt *q, struct arena *a, struct notice *n)
{
	n->id = store_col_int(q, 0);
	n->person_id = store_col_int(q, 1);
	n->kind = store_col_dup(q, 2, a);
	n->deliverable_id = store_col_int(q, 3);
	n->deliverable_title = store_col_dup(q, 4, a);
	n->source_version_id = store_col_int(q, 5);
	n->source_deliverable_id = store_col_int(q, 6);
	n->source_number = store_col_int(q, 7);
	n->message = store_col_dup(q, 8, a);
	n->seen_at = store_col_dup(q, 9, a);
	n->created_at = store_col_dup(q, 10, a);
	n->plan_id = store_col_int(q, 11);
	n->plan_title = store_col_dup(q, 12, a);
}

int notice_list(struct store *db, struct arena *a, int64_t person_id, int all,
		struct notices *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_NOTICE_LIST, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, person_id);
	store_bind_int(q, 2, all ? 1 : 0);
	size_t cap = 8;
	out->items = arena_alloc(a, sizeof(*out->items) * cap);
	out->count = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		out->items = arena_grow(a, out->items, sizeof(*out->items), out->count, &cap);
		notice_read(q, a, &out->items[out->count++]);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* The one answer for a notice that is missing or someone else's. */
static int notice_not_found(int64_t id, struct cn_err *err)
{
	return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no notice with id %lld", (long long)id);
}

int notice_get(struct store *db, struct arena *a, int64_t id, struct notice *out,
	       struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_NOTICE_GET, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	if (rc == 1)
		notice_read(q, a, out);
	store_done(q);
	if (rc == 0)
		return notice_not_found(id, err);
	return rc < 0 ? -1 : 0;
}

int notice_allow(struct policy *p, const struct actor *who, enum policy_verb verb,
		 const struct notice *n, struct cn_err *err)
{
	struct policy_scope s = {.owner_id = n != NULL ? n->person_id : who->person_id};
	if (policy_check_scope(p, verb, "notice", &s, err) == 0)
		return 0;
	if (n != NULL && err->kind == CN_ERR_FORBIDDEN)
		notice_not_found(n->id, err);
	return -1;
}

int notice_get_allowed(struct store *db, struct arena *a, struct policy *p,
		       const struct actor *who, enum policy_verb verb, int64_t id,
		       struct notice *out, struct cn_err *err)
{
	if (notice_get(db, a, id, out, err))
		return -1;
	return notice_allow(p, who, verb, out, err);
}

int notice_seen(struct store *db, const struct actor *who, int64_t id, struct cn_err *err)
{
	struct arena *a = arena_new();
	struct notice n;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	if (store_begin(db, err)) {
		arena_free(a);
		return -1;
	}
	if (notice_get(db, a, id, &n, err))
		goto fail;
	if (n.seen_at == NULL) {
		struct store_stmt *q = store_prepare(db, SQL_NOTICE_SEEN, err);
		if (q == NULL)
			goto fail;
		store_bind_text(q, 1, now);
		store_bind_int(q, 2, id);
		int rc = store_step(q, err);
		store_done(q);
		char *after = arena_printf(a, "{\"seen_at\":\"%s\"}", now);
		if (rc < 0 || audit_record(db, who, "update", "notice", id, "{\"seen_at\":null}",
					   after, err))
			goto fail;
	}
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
	arena_free(a);
	return -1;
}

int notice_compare(struct store *db, struct arena *a, int64_t id, struct diff *out,
		   struct deliverable_version *source, struct deliverable_version *own,
		   struct cn_err *err)
{
	struct notice n;
	struct deliverable_version mine;
	if (notice_get(db, a, id, &n, err) ||
	    deliverable_version_find(db, a, n.deliverable_id, 0, &mine, err))
		return -1;
	return deliverable_diff(db, a, mine.id, n.source_version_id, out, own, source, err);
}

void notice_json(struct jw *w, const struct notice *n)
{
	jw_obj_begin(w);
	jw_kv_int(w, "id", n->id);
	jw_kv_int(w, "person_id", n->person_id);
	jw_kv_str(w, "kind", n->kind);
	jw_kv_id(w, "deliverable_id", n->deliverable_id);
	jw_kv_str(w, "deliverable", n->deliverable_title);
	jw_kv_id(w, "source_version_id", n->source_version_id);
	jw_kv_id(w, "source_deliverable_id", n->source_deliverable_id);
	jw_kv_id(w, "source_number", n->source_number);
	jw_kv_str(w, "message", n->message);
	jw_kv_str(w, "seen_at", n->seen_at);
	jw_kv_str(w, "created_at", n->created_at);
	jw_obj_end(w);
}

void notices_json(struct jw *w, const struct notices *n)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < n->count; i++)
		notice_json(w, &n->items[i]);
	jw_arr_end(w);
}
