/* tz: the time zones a form offers for a meeting, a PD session or a PD schedule:
 * Kentucky's two, Eastern and Central (the western cooperatives keep Central time).
 * Any IANA zone is accepted where a zone is stored (time_tz_valid); these are only
 * the choices shown, with their labels, written once for every page. */
#ifndef CN_TZ_H
#define CN_TZ_H

#include "core/arena.h"

/* "America/New_York", "America/Chicago", NULL, and their labels in the same order
 * ("Eastern time (America/New_York)", ...). The first is the default. */
extern const char *const tz_choices[];
extern const char *const tz_labels[];

/* The choices and labels, with current added last (labelled by its name) when it is a
 * zone not among them, so that a record's own zone stays chosen on its edit form.
 * current may be NULL. The lists are NULL-terminated, in a. */
void tz_choices_with(struct arena *a, const char *current, const char *const **choices,
		     const char *const **labels);

#endif
