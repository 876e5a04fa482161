/* indicator: the indicators of a needs-assessment instrument (instrument.h). */
#ifndef CN_INDICATOR_H
#define CN_INDICATOR_H

#include "app/record.h"

/* indicator: instrument_id, code, capacity_level, standard, text, position (set by
 * capnet: last on create; moved with instrument_indicator_move). */
extern const struct rec_entity indicator_entity;

#endif
