/* entities: every declared entity, for front ends that serve them all alike (the
 * CLI's generic commands, the JSON API, the OpenAPI document). */
#ifndef CN_ENTITIES_H
#define CN_ENTITIES_H
#include <stddef.h>

#include "app/record.h"

/* NULL-terminated list. */
extern const struct rec_entity *const entities_all[];
/* By singular name ("organization") or plural ("organizations"); NULL if none. */
const struct rec_entity *entities_find(const char *name);

#endif
