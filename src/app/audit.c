/* audit: writing events. The table refuses UPDATE and DELETE (see the schema). */
#include "app/audit.h"

#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "app/record.h"
#include "core/utf8.h"

enum { AUDIT_LIMIT_MAX = REC_LIST_MAX };

static const char SQL_AUDIT_ADD[] =
	"INSERT INTO audit_event (at, actor_id, actor_label, action, entity, entity_id,"
	" before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

static const char SQL_AUDIT_LIST[] =
	"SELECT id, at, actor_id, actor_label, action, entity, entity_id, before_json, after_json"
	" FROM audit_event WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2)"
	" AND (?3 IS NULL OR actor_id = ?3) AND (?4 IS NULL OR at >= ?4)"
	" AND (?5 IS NULL OR id < ?5) AND (?7 IS NULL OR at <= ?7) ORDER BY id DESC LIMIT ?6";

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
	store_bind_text(q, 7, in->until);
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

/* A positive id from v into *out, or an error naming name. */
static int audit_id(const char *name, const char *v, int64_t *out, struct cn_err *err)
{
	char *end = NULL;
	long long n = strtoll(v, &end, 10);
	if (*end != '\0' || n <= 0)
		return cn_err_field(err, CN_ERR_INPUT, name, "'%.40s' is not an id", v);
	*out = n;
	return 0;
}

int audit_query_set(struct audit_query *q, struct arena *a, const char *name,
		    const char *value, struct cn_err *err)
{
	const char *v = value != NULL ? value : "";
	if (v[0] == '\0' && strcmp(name, "entity") != 0 && strcmp(name, "limit") != 0)
		return 0;
	if (strcmp(name, "entity") == 0) {
		if (strlen(v) == 0 || strlen(v) > 64 || !utf8_valid(v, strlen(v), NULL))
			return cn_err_field(err, CN_ERR_INPUT, name,
					    "give an entity name such as team or meeting");
		q->entity = arena_strdup(a, v);
		return 0;
	}
	if (strcmp(name, "entity_id") == 0)
		return audit_id(name, v, &q->entity_id, err);
	if (strcmp(name, "actor_id") == 0)
		return audit_id(name, v, &q->actor_id, err);
	if (strcmp(name, "cursor") == 0)
		return audit_id(name, v, &q->cursor, err);
	if (strcmp(name, "limit") == 0) {
		char *end = NULL;
		long n = strtol(v, &end, 10);
		if (v[0] == '\0' || *end != '\0' || n < 1 || n > AUDIT_LIMIT_MAX)
			return cn_err_field(err, CN_ERR_INPUT, name,
					    "'%.20s' is not a number from 1 to %d", v,
					    AUDIT_LIMIT_MAX);
		q->limit = (int)n;
		return 0;
	}
	int since = strcmp(name, "since") == 0;
	if (since || strcmp(name, "until") == 0) {
		time_t t;
		const char **to = since ? &q->since : &q->until;
		if (time_parse_utc(v, &t) == 0) {
			*to = arena_strdup(a, v);
			return 0;
		}
		if (time_check_date(v, name, err))
			return cn_err_field(err, CN_ERR_INPUT, name,
					    "'%.40s' is not a date (YYYY-MM-DD) or an instant "
					    "(YYYY-MM-DDTHH:MM:SSZ)",
					    v);
		*to = arena_printf(a, "%sT%s", v, since ? "00:00:00Z" : "23:59:59Z");
		return 0;
	}
	return cn_err_field(err, CN_ERR_INPUT, name,
			    "is not a filter of the audit log; use entity, entity_id, actor_id, "
			    "since, until, limit, cursor");
}

void audit_event_json(struct jw *w, const struct audit_event *e, int with_changes)
{
	jw_obj_begin(w);
	jw_kv_int(w, "id", e->id);
	jw_kv_str(w, "at", e->at);
	jw_kv_id(w, "actor_id", e->actor_id);
	jw_kv_str(w, "actor", e->actor_label);
	jw_kv_str(w, "action", e->action);
	jw_kv_str(w, "entity", e->entity);
	jw_kv_id(w, "entity_id", e->entity_id);
	if (with_changes) {
		/* before/after were written as JSON by capnet itself (record.c, audit.c). */
		jw_key(w, "before");
		if (e->before != NULL)
			jw_raw_trusted(w, e->before, strlen(e->before));
		else
			jw_null(w);
		jw_key(w, "after");
		if (e->after != NULL)
			jw_raw_trusted(w, e->after, strlen(e->after));
		else
			jw_null(w);
	}
	jw_obj_end(w);
}
