/* render: Markdown bodies and differences between versions, for pages (see render.h). */
#include "web/render.h"

#include <stdio.h>
#include <string.h>

#include "io/markdown.h"

/* Moves the headings cmark wrote two levels down (h1 -> h3, ... at most h6), so that
 * a body's headings come under the page's own h1 and h2. cmark's safe output holds no
 * raw HTML, so every "<hN>" in it is one of its headings. */
static void render_shift_headings(char *html)
{
	for (char *c = html; (c = strchr(c, '<')) != NULL; c++) {
		char *d = c[1] == '/' ? c + 2 : c + 1;
		if (d[0] == 'h' && d[1] >= '1' && d[1] <= '6' && d[2] == '>')
			d[1] = (char)(d[1] + 2 > '6' ? '6' : d[1] + 2);
	}
}

void render_markdown(struct html *h, struct arena *a, const char *body, size_t n)
{
	char *safe = NULL;
	struct cn_err err = {0};
	html_open(h, "div", "class", "md", NULL);
	if (markdown_html(a, body, n, "body", &safe, &err) == 0) {
		render_shift_headings(safe);
		html_raw_trusted(h, safe); /* cmark's safe rendering: no raw HTML, safe links */
	} else {
		/* Too large or not text for the renderer: shown as the text it is. */
		html_open(h, "pre", "class", "source", NULL);
		html_textn(h, body, n);
		html_close(h);
	}
	html_close(h);
}

static void render_diff_line(struct html *h, const struct diff_line *l)
{
	static const char *const classes[] = {"same", "removed", "added"};
	static const char *const marks[] = {" ", "-", "+"};
	static const char *const spoken[] = {NULL, "removed: ", "added: "};
	char a_line[24] = "", b_line[24] = "";
	if (l->a_line)
		snprintf(a_line, sizeof(a_line), "%zu", l->a_line);
	if (l->b_line)
		snprintf(b_line, sizeof(b_line), "%zu", l->b_line);
	html_open(h, "tr", "class", classes[l->op], NULL);
	html_elem(h, "td", a_line, "class", "num", NULL);
	html_elem(h, "td", b_line, "class", "num", NULL);
	html_elem(h, "td", marks[l->op], "class", "mark", "aria-hidden", "true", NULL);
	html_open(h, "td", "class", "text", NULL);
	if (spoken[l->op] != NULL)
		html_elem(h, "span", spoken[l->op], "class", "visually-hidden", NULL);
	if (l->op != DIFF_EQUAL)
		html_open(h, l->op == DIFF_DELETE ? "del" : "ins", NULL);
	html_textn(h, l->text, l->len);
	if (l->op != DIFF_EQUAL)
		html_close(h);
	html_close(h);
	html_close(h);
}

void render_diff(struct html *h, struct arena *a, const struct diff *d, size_t context,
		 const char *caption)
{
	struct diff_hunk *hunks = NULL;
	size_t nhunks = diff_hunks(a, d, context, &hunks);
	html_open(h, "div", "class", "diff", NULL);
	html_open(h, "p", NULL);
	html_textf(h, "%zu line%s removed, %zu line%s added.", d->removed,
		   d->removed == 1 ? "" : "s", d->added, d->added == 1 ? "" : "s");
	html_close(h);
	if (nhunks == 0) {
		html_elem(h, "p", "The two texts are the same.", NULL);
		html_close(h);
		return;
	}
	html_open(h, "div", "class", "table-wrap", NULL);
	html_open(h, "table", NULL);
	html_elem(h, "caption", caption, NULL);
	html_open(h, "thead", NULL);
	html_open(h, "tr", NULL);
	html_elem(h, "th", "Old line", "scope", "col", "class", "num", NULL);
	html_elem(h, "th", "New line", "scope", "col", "class", "num", NULL);
	html_open(h, "th", "scope", "col", NULL);
	html_elem(h, "span", "Change", "class", "visually-hidden", NULL);
	html_close(h);
	html_elem(h, "th", "Text", "scope", "col", NULL);
	html_close(h);
	html_close(h);
	for (size_t k = 0; k < nhunks; k++) {
		const struct diff_hunk *hk = &hunks[k];
		html_open(h, "tbody", NULL);
		html_open(h, "tr", "class", "hunk", NULL);
		html_open(h, "th", "colspan", "4", "scope", "rowgroup", NULL);
		html_textf(h, "Lines %zu-%zu of the old text, %zu-%zu of the new", hk->a_start,
			   hk->a_start + (hk->a_count ? hk->a_count - 1 : 0), hk->b_start,
			   hk->b_start + (hk->b_count ? hk->b_count - 1 : 0));
		html_close(h);
		html_close(h);
		for (size_t i = hk->first; i < hk->first + hk->count; i++)
			render_diff_line(h, &d->lines[i]);
		html_close(h);
	}
	html_close(h);
	html_close(h);
	html_close(h);
}
