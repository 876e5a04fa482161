/* audit: the append-only record of every change: who, when, what, before and after. */
#ifndef CN_AUDIT_H
#define CN_AUDIT_H
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "store/store.h"

/* Writes one event inside the caller's transaction. action is one of create, update,
 * delete, import, sign_in, sign_out, other. before/after are JSON text or NULL. */
int audit_record(struct store *db, const struct actor *who, const char *action,
		 const char *entity, int64_t entity_id, const char *before, const char *after,
		 struct cn_err *err);

/* Revokes one credential in its own transaction: runs revoke_sql (?1 the current
 * instant, ?2 id), which must change exactly one row (else CN_ERR_NOT_FOUND, "there is
 * no live <what> with id N", nothing changed), and records it as a delete of entity id. */
int audit_revoke(struct store *db, const struct actor *who, const char *revoke_sql,
		 const char *entity, const char *what, int64_t id, struct cn_err *err);

struct audit_event {
	int64_t id;
	const char *at;
	int64_t actor_id; /* 0 for the system */
	const char *actor_label;
	const char *action;
	const char *entity;
	int64_t entity_id;
	const char *before; /* JSON text or NULL */
	const char *after;
};

struct audit_query {
	const char *entity; /* NULL = any */
	int64_t entity_id;  /* 0 = any */
	int64_t actor_id;   /* 0 = any */
	const char *since;  /* instant "YYYY-MM-DDTHH:MM:SSZ"; NULL = any */
	const char *until;  /* instant: events at or before it; NULL = any */
	int64_t cursor;     /* events older than this id; 0 = from the newest */
	int limit;          /* 1..1000 */
};

/* Sets one filter of q from text, as the API's query, the command line's options and
 * the audit page's form give it: entity (a name such as team), entity_id, actor_id,
 * since and until (a date YYYY-MM-DD, since from its start and until to its end, or an
 * instant YYYY-MM-DDTHH:MM:SSZ), limit (1..1000), cursor (an event id). An empty value
 * leaves the filter unset. Anything else names the field in err. Text kept in q lives
 * in a. */
int audit_query_set(struct audit_query *q, struct arena *a, const char *name,
		    const char *value, struct cn_err *err);

/* Events matching q, newest first, in a; *next gets the cursor of the next page (0 if
 * this is the last). */
int audit_list(struct store *db, struct arena *a, const struct audit_query *q,
	       struct audit_event **items, size_t *count, int64_t *next, struct cn_err *err);

/* One event as JSON: id, at, actor_id, actor, action, entity, entity_id and, when
 * with_changes, before and after (the record's JSON, or null). */
void audit_event_json(struct jw *w, const struct audit_event *e, int with_changes);

#endif
