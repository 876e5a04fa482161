/* audit: the append-only record of every change: who, when, what, before and after. */
#ifndef CN_AUDIT_H
#define CN_AUDIT_H
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/store.h"

/* Writes one event inside the caller's transaction. action is one of create, update,
 * delete, import, sign_in, sign_out, other. before/after are JSON text or NULL. */
int audit_record(struct store *db, const struct actor *who, const char *action,
		 const char *entity, int64_t entity_id, const char *before, const char *after,
		 struct cn_err *err);

#endif
