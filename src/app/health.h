/* health: whether this process can serve requests: its database answers and holds the
 * schema this program expects (GET /readyz). Liveness needs no module: a process that
 * answers is alive. */
#ifndef CN_HEALTH_H
#define CN_HEALTH_H

#include "core/err.h"
#include "store/store.h"

/* 0 when db answers and its schema is current; else -1 with CN_ERR_UNAVAILABLE (a load
 * balancer sends the requests elsewhere) and a message saying what to do, e.g. run
 * `capnet init` to migrate an older schema. */
int health_ready(struct store *db, struct cn_err *err);

#endif
