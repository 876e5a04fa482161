/* batch: the one way a use case does several changes all or none (a page's form that
 * rates every indicator, marks everyone's attendance, ...): each item is one step of
 * the same app function, and the batch is one transaction. */
#ifndef CN_BATCH_H
#define CN_BATCH_H
#include <stddef.h>

#include "core/err.h"
#include "store/store.h"

/* Calls step(ctx, i, err) for i = 0..n-1 in one transaction on db, and commits when
 * every step succeeded. When one fails the transaction rolls back (nothing is written),
 * *failed (may be NULL) is its index and err is the step's. n = 0 does nothing. */
int batch_all(struct store *db, size_t n, int (*step)(void *ctx, size_t i, struct cn_err *err),
	      void *ctx, size_t *failed, struct cn_err *err);

#endif
