/* batch: all-or-none runs of a use case's steps (see batch.h). */
#include "app/batch.h"

int batch_all(struct store *db, size_t n, int (*step)(void *ctx, size_t i, struct cn_err *err),
	      void *ctx, size_t *failed, struct cn_err *err)
{
	if (n == 0)
		return 0;
	if (store_begin(db, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (step(ctx, i, err)) {
			if (failed != NULL)
				*failed = i;
			store_rollback(db);
			return -1;
		}
	return store_commit(db, err);
}
