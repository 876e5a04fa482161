/* chart: small inline SVG charts for pages. A chart is a picture of numbers that the
 * page also shows in a table (chart_table), so nobody depends on seeing it. */
#ifndef CN_CHART_H
#define CN_CHART_H
#include <stddef.h>

#include "web/html.h"

struct chart_bar {
	const char *label;   /* e.g. a team's name */
	double value;	     /* 0 .. max */
	const char *display; /* the value as people read it, e.g. "75%" or "9 months" */
};

/* A horizontal bar chart. id must be unique on the page (it names the title). */
void chart_bars(struct html *h, const char *id, const char *title, const struct chart_bar *bars,
		size_t n, double max);
/* The same numbers as a table with a caption. */
void chart_table(struct html *h, const char *caption, const char *label_head,
		 const char *value_head, const struct chart_bar *bars, size_t n);

#endif
