/* chart: SVG written through the escaping writer, like every other element. */
#include "web/chart.h"

#include <stdio.h>

#include "core/buf.h"

enum { CHART_W = 640, CHART_LABEL_W = 220, CHART_ROW = 28, CHART_PAD = 8 };

void chart_bars(struct html *h, const char *id, const char *title, const struct chart_bar *bars,
		size_t n, double max)
{
	char viewbox[64], title_id[80], wb[BUF_INT_LEN], yb[BUF_INT_LEN], xb[BUF_INT_LEN],
		tyb[BUF_INT_LEN];
	int height = (int)n * CHART_ROW + 2 * CHART_PAD;
	snprintf(viewbox, sizeof(viewbox), "0 0 %d %d", CHART_W, height);
	snprintf(title_id, sizeof(title_id), "%s-title", id);
	html_open(h, "svg", "class", "chart", "viewBox", viewbox, "role", "img", "aria-labelledby",
		  title_id, "xmlns", "http://www.w3.org/2000/svg", NULL);
	html_elem(h, "title", title, "id", title_id, NULL);
	int track = CHART_W - CHART_LABEL_W - 70;
	for (size_t i = 0; i < n; i++) {
		double v = bars[i].value;
		if (!(v >= 0))
			v = 0;
		if (max > 0 && v > max)
			v = max;
		int top = CHART_PAD + (int)i * CHART_ROW;
		int len = max > 0 ? (int)(track * v / max + 0.5) : 0;
		const char *y = buf_int_text(top + 4, yb), *ty = buf_int_text(top + 18, tyb);
		const char *x = buf_int_text(CHART_LABEL_W, xb);
		html_elem(h, "text", bars[i].label, "x", "0", "y", ty, NULL);
		const char *w = buf_int_text(track, wb);
		/* In SVG, unlike HTML, an element without an end tag stays open: the bars
		 * are closed explicitly so that they do not swallow the labels after them. */
		html_open(h, "rect", "class", "track", "x", x, "y", y, "width", w, "height", "18",
			  NULL);
		html_close(h);
		w = buf_int_text(len, wb);
		html_open(h, "rect", "class", "bar", "x", x, "y", y, "width", w, "height", "18",
			  NULL);
		html_close(h);
		x = buf_int_text(CHART_LABEL_W + track + 6, xb);
		html_elem(h, "text", bars[i].display, "x", x, "y", ty, NULL);
	}
	html_close(h);
}

void chart_table(struct html *h, const char *caption, const char *label_head,
		 const char *value_head, const struct chart_bar *bars, size_t n)
{
	int d = html_depth(h);
	html_open(h, "div", "class", "table-wrap", NULL);
	html_open(h, "table", NULL);
	html_elem(h, "caption", caption, NULL);
	html_open(h, "thead", NULL);
	html_open(h, "tr", NULL);
	html_elem(h, "th", label_head, "scope", "col", NULL);
	html_elem(h, "th", value_head, "scope", "col", "class", "num", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "tr", NULL);
		html_elem(h, "th", bars[i].label, "scope", "row", NULL);
		html_elem(h, "td", bars[i].display, "class", "num", NULL);
		html_close(h);
	}
	html_close_to(h, d);
}
