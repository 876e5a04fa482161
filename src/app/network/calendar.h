/* calendar: the iCalendar feeds of capnet: a network's meetings, and a district team's
 * PD sessions (planned ones tentative, cancelled ones cancelled). Each event keeps the
 * record's stable uid; times are the record's own local times in its own zone. Links
 * point at the web pages under the setting site.base_url (default
 * http://localhost:8080/). */
#ifndef CN_CALENDAR_H
#define CN_CALENDAR_H
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "io/ical.h"
#include "store/store.h"

/* The feed of network_id's meetings into out (everything in a). CN_ERR_NOT_FOUND for
 * no such network. */
int calendar_network(struct store *db, struct arena *a, int64_t network_id,
		     struct ical_calendar *out, struct cn_err *err);
/* The feed of team_id's PD sessions into out (everything in a). */
int calendar_team(struct store *db, struct arena *a, int64_t team_id,
		  struct ical_calendar *out, struct cn_err *err);

#endif
