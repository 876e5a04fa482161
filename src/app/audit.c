/* audit: writing events. The table refuses UPDATE and DELETE (see the schema). */
#include "app/audit.h"

#include "core/timeutil.h"

static const char SQL_AUDIT_ADD[] =
	"INSERT INTO audit_event (at, actor_id, actor_label, action, entity, entity_id,"
	" before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

static const char SQL_AUDIT_LIST[] =
	"SELECT id, at, actor_id, actor_label, action, entity, entity_id, before_json, after_json"
	" FROM audit_event WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2)"
	" AND (?3 IS NULL OR actor_id = ?3) AND (?4 IS NULL OR at >= ?4)"
	" AND (?5 IS NULL OR id < ?5) ORDER BY id DESC LIMIT ?6";

int audit_record(struct store *db, const struct actor *who, const char *action,
		 const char *entity, int64_t entity_id, const char *before, const char *after,
		 struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct store_stmt *q = store_prepare(db, SQL_AUDIT_ADD, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, now);
	store_bind_id(q, 2, who->person_id);
	store_bind_text(q, 3, who->label ? who->label : "unknown");
	store_bind_text(q, 4, action);
	store_bind_text(q, 5, entity);
	store_bind_id(q, 6, entity_id);
	store_bind_text(q, 7, before);
	store_bind_text(q, 8, after);
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int audit_revoke(struct store *db, const struct actor *who, const char *revoke_sql,
		 const char *entity, const char *what, int64_t id, struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	if (store_begin(db, err))
		return -1;
	struct store_stmt *q = store_prepare(db, revoke_sql, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, now);
	store_bind_int(q, 2, id);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (store_changes(db) != 1) {
		cn_err_set(err, CN_ERR_NOT_FOUND, "there is no live %s with id %lld", what,
			   (long long)id);
		goto fail;
	}
	if (audit_record(db, who, "delete", entity, id, NULL, NULL, err))
		goto fail;
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

int audit_list(struct store *db, struct arena *a, const struct audit_query *in,
	       struct audit_event **items, size_t *count, int64_t *next, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_AUDIT_LIST, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, in->entity);
	store_bind_id(q, 2, in->entity_id);
	store_bind_id(q, 3, in->actor_id);
	store_bind_text(q, 4, in->since);
	store_bind_id(q, 5, in->cursor);
	store_bind_int(q, 6, in->limit + 1);
	*items = arena_alloc(a, sizeof(struct audit_event) * ((size_t)in->limit + 1));
	*count = 0;
	*next = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		if (*count == (size_t)in->limit) {
			*next = (*items)[*count - 1].id;
			break;
		}
		struct audit_event *e = &(*items)[(*count)++];
		e->id = store_col_int(q, 0);
		e->at = store_col_dup(q, 1, a);
		e->actor_id = store_col_int(q, 2);
		e->actor_label = store_col_dup(q, 3, a);
		e->action = store_col_dup(q, 4, a);
		e->entity = store_col_dup(q, 5, a);
		e->entity_id = store_col_int(q, 6);
		e->before = store_col_dup(q, 7, a);
		e->after = store_col_dup(q, 8, a);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}
