/* deliverable_contributor: co-creating across districts. A deliverable's owners (its
 * district's team, or for a network's own deliverable its facilitators) add people of
 * other districts of the same network as contributors, and remove them. Contributors
 * read its drafts, save versions (as themselves), compare versions and review them
 * (policy rules "deliverable", "deliverable_version", "deliverable_review"); they do
 * not change its fields, status or contributors. Saving a version also makes its author
 * a contributor (app/deliverable/deliverable.h). */
#ifndef CN_DELIVERABLE_CONTRIBUTOR_H
#define CN_DELIVERABLE_CONTRIBUTOR_H
#include <stdint.h>

#include "app/deliverable/deliverable.h"

/* Adds person_id to deliverable id's contributors, with the district of their team in
 * its network. The person must sit on a team of that network while belonging to its
 * district; anyone else is refused on field person_id with one message, whether the
 * person exists or not. Adding a contributor again changes nothing. Audited. */
int deliverable_contributor_add(struct store *db, const struct actor *who, int64_t id,
				int64_t person_id, struct cn_err *err);
/* Removes person_id from deliverable id's contributors (CN_ERR_NOT_FOUND if not one).
 * Their versions keep their author. Audited. */
int deliverable_contributor_remove(struct store *db, const struct actor *who, int64_t id,
				   int64_t person_id, struct cn_err *err);
/* The people who may be added: on a team of the deliverable's network while belonging
 * to its district, not yet contributors; by district, then name. In a. */
int deliverable_contributor_candidates(struct store *db, struct arena *a, int64_t id,
				       struct deliverable_contributors *out, struct cn_err *err);

#endif
