/* challenge: the challenges of a needs assessment (assessment.h). */
#ifndef CN_CHALLENGE_H
#define CN_CHALLENGE_H

#include "app/record.h"

/* challenge: assessment_id, description, kind (technical or adaptive), reason. */
extern const struct rec_entity challenge_entity;

#endif
