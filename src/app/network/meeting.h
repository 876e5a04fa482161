/* meeting: a network meeting, with its instants in UTC and its time zone. Its agenda
 * items are in agenda.h, its attendance in attendance.h. */
#ifndef CN_MEETING_H
#define CN_MEETING_H

#include "app/record.h"

/* meeting: network_id, title, starts_at, ends_at (local input in tz; at most 24 hours),
 * tz, place, link, notes, uid (stable calendar identifier, set by capnet). */
extern const struct rec_entity meeting_entity;

#endif
