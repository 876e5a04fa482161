/* relationship: a formal link between two organizations (DESIGN §2). */
#ifndef CN_RELATIONSHIP_H
#define CN_RELATIONSHIP_H

#include "app/record.h"

/* relationship: kind (partnership, mou, service), from_org_id, to_org_id (two different
 * organizations), since, note. */
extern const struct rec_entity relationship_entity;

#endif
