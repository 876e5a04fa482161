/* health: readiness of the database behind this process (see health.h). */
#include "app/health.h"

int health_ready(struct store *db, struct cn_err *err)
{
	if (store_require_current(db, err)) {
		err->kind = CN_ERR_UNAVAILABLE;
		return -1;
	}
	return 0;
}
