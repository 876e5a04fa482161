/* academic_session: school years, terms, semesters and grading periods. */
#ifndef CN_ACADEMIC_SESSION_H
#define CN_ACADEMIC_SESSION_H

#include "app/record.h"

/* academic_session: title, kind (schoolYear, term, semester, gradingPeriod), school_year,
 * starts_on, ends_on (not before starts_on), parent_id, org_id, sourced_id, active. */
extern const struct rec_entity academic_session_entity;

#endif
