/* membership: a person's role (admin, facilitator, district_lead, member, partner) in
 * an organization. */
#ifndef CN_MEMBERSHIP_H
#define CN_MEMBERSHIP_H

#include "app/record.h"

/* membership: person_id, org_id, role, title, source (manual or oneroster), active. */
extern const struct rec_entity membership_entity;

#endif
