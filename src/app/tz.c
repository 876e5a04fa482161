/* tz: the time-zone choices of the forms (see tz.h). */
#include "app/tz.h"

#include <string.h>

const char *const tz_choices[] = {"America/New_York", "America/Chicago", NULL};
const char *const tz_labels[] = {"Eastern time (America/New_York)",
				 "Central time (America/Chicago)", NULL};

void tz_choices_with(struct arena *a, const char *current, const char *const **choices,
		     const char *const **labels)
{
	size_t n = 0;
	int known = current == NULL || current[0] == '\0';
	for (; tz_choices[n] != NULL; n++)
		known |= current != NULL && strcmp(current, tz_choices[n]) == 0;
	*choices = tz_choices;
	*labels = tz_labels;
	if (known)
		return;
	const char **c = arena_alloc(a, sizeof(*c) * (n + 2));
	const char **l = arena_alloc(a, sizeof(*l) * (n + 2));
	for (size_t i = 0; i < n; i++) {
		c[i] = tz_choices[i];
		l[i] = tz_labels[i];
	}
	c[n] = l[n] = current;
	c[n + 1] = l[n + 1] = NULL;
	*choices = c;
	*labels = l;
}
