/* Folder app/org: organizations and people.
 *   org.c/h               organizations and their hierarchy
 *   relationship.c/h      formal links between organizations
 *   academic_session.c/h  school years and terms
 *   person.c/h            people, passwords, tokens, who is of a district
 *   membership.c/h        a person's role in an organization
 *   roster.c/h            applying a OneRoster bundle, all or nothing
 */
/* org: organizations (state agency, cooperatives, districts, schools, higher
 * education, partners). Relationships between them are in relationship.h, school years
 * and terms in academic_session.h. */
#ifndef CN_ORG_H
#define CN_ORG_H
#include <stdint.h>

#include "app/record.h"

extern const struct rec_entity org_entity;

/* The kind of organization id ("district", ...) into a, or NULL with err set. */
const char *org_kind(struct store *db, struct arena *a, int64_t id, struct cn_err *err);
/* 1 if an organization of kind may sit under one of kind parent_kind: a school under a
 * district; a district under a cooperative or the state agency; a cooperative under
 * the state agency; anything else under the state agency or a cooperative. */
int org_parent_allowed(const char *kind, const char *parent_kind);
/* Finds an organization by its OneRoster sourcedId: 1 found (*id set), 0 not, -1 error. */
int org_find_sourced(struct store *db, const char *sourced_id, int64_t *id, struct cn_err *err);

#endif
