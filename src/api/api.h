/* api: the JSON API under /api/v1 (DESIGN §3). Its route table is built once from
 * the resource files (one per family of resources, src/api/<family>.c) and from the
 * declared entities (app/entities.c), which each get list, get, create, update and,
 * where declared, delete. The OpenAPI document is generated from the same table. */
#ifndef CN_API_H
#define CN_API_H
#include <stddef.h>

#include "core/buf.h"
#include "http/router.h"

/* The API's route table; built on first call, then shared read-only by all threads. */
const struct route_table *api_table(void);

/* Writes the OpenAPI 3.1 document of the routes of t into out. */
void api_openapi(const struct route_table *t, struct buf *out);

#endif
