/* pdf_doc: blocks of a document and their layout on US Letter pages with cairo's PDF
 * surface. Layout runs twice: the first pass (output discarded) counts the pages so
 * that the second can print "page N of M". Words are wrapped here with cairo's text
 * measurements; a word wider than the line is broken between characters. */
#include "io/pdf_doc.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/mem.h"

/* US Letter in points, margins, type sizes. */
#define PAGE_W 612.0
#define PAGE_H 792.0
#define MARGIN_X 54.0
#define MARGIN_TOP 54.0
#define MARGIN_BOTTOM 64.0
#define TEXT_W (PAGE_W - 2 * MARGIN_X)
#define SIZE_TITLE 18.0
#define SIZE_HEADING 13.5
#define SIZE_SUBHEADING 11.0
#define SIZE_TEXT 10.0
#define SIZE_TABLE 8.5
#define SIZE_FOOTER 8.0
#define LEADING 1.3
#define CELL_PAD 3.0

enum pdf_block_kind { PDF_TITLE, PDF_HEADING, PDF_SUBHEADING, PDF_TEXT, PDF_FIELD, PDF_TABLE,
		      PDF_ROW, PDF_SPACE };

struct pdf_block {
	enum pdf_block_kind kind;
	const char *text;
	const char *label;
	size_t ncols;
	double widths[PDF_DOC_MAX_COLS];
	const char *cells[PDF_DOC_MAX_COLS];
	size_t table; /* PDF_ROW: index of its PDF_TABLE block */
	double space;
};

struct pdf_doc {
	struct arena *a;
	const char *title;
	const char *footer;
	struct pdf_block *blocks;
	size_t n, cap;
	long table; /* index of the last table started, or -1 */
};

struct pdf_layout {
	const struct pdf_doc *d;
	cairo_t *cr;
	int draw;
	int page;  /* 1-based */
	int total; /* pages, known in the drawing pass */
	double y;  /* top of the next line */
	long table; /* the table whose rows are being laid out, or -1 */
	struct arena *a;
};

struct pdf_doc *pdf_doc_new(const char *title, const char *footer)
{
	struct arena *a = arena_new();
	struct pdf_doc *d = arena_alloc(a, sizeof(*d));
	d->a = a;
	d->title = arena_strdup(a, title);
	d->footer = arena_strdup(a, footer);
	d->table = -1;
	return d;
}

void pdf_doc_free(struct pdf_doc *d)
{
	if (d != NULL)
		arena_free(d->a);
}

static struct pdf_block *pdf_doc_add(struct pdf_doc *d, enum pdf_block_kind kind,
				     const char *text)
{
	d->blocks = arena_grow(d->a, d->blocks, sizeof(*d->blocks), d->n, &d->cap);
	struct pdf_block *b = &d->blocks[d->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->text = arena_strdup(d->a, text);
	return b;
}

void pdf_doc_title(struct pdf_doc *d, const char *text)
{
	pdf_doc_add(d, PDF_TITLE, text ? text : "");
}

void pdf_doc_heading(struct pdf_doc *d, const char *text)
{
	pdf_doc_add(d, PDF_HEADING, text ? text : "");
}

void pdf_doc_subheading(struct pdf_doc *d, const char *text)
{
	pdf_doc_add(d, PDF_SUBHEADING, text ? text : "");
}

void pdf_doc_text(struct pdf_doc *d, const char *text)
{
	if (text != NULL && text[0] != '\0')
		pdf_doc_add(d, PDF_TEXT, text);
}

void pdf_doc_field(struct pdf_doc *d, const char *label, const char *value)
{
	struct pdf_block *b = pdf_doc_add(d, PDF_FIELD, value && value[0] ? value : "-");
	b->label = arena_printf(d->a, "%s: ", label);
}

void pdf_doc_table(struct pdf_doc *d, size_t ncols, const double *widths,
		   const char *const *header)
{
	if (ncols == 0 || ncols > PDF_DOC_MAX_COLS)
		ncols = ncols == 0 ? 1 : PDF_DOC_MAX_COLS;
	struct pdf_block *b = pdf_doc_add(d, PDF_TABLE, NULL);
	b->ncols = ncols;
	for (size_t c = 0; c < ncols; c++) {
		b->widths[c] = widths[c];
		b->cells[c] = arena_strdup(d->a, header[c]);
	}
	d->table = (long)(d->n - 1);
}

void pdf_doc_row(struct pdf_doc *d, const char *const *cells)
{
	if (d->table < 0)
		return;
	size_t ncols = d->blocks[d->table].ncols;
	struct pdf_block *b = pdf_doc_add(d, PDF_ROW, NULL);
	b->table = (size_t)d->table;
	b->ncols = ncols;
	for (size_t c = 0; c < ncols; c++)
		b->cells[c] = arena_strdup(d->a, cells[c] ? cells[c] : "");
}

void pdf_doc_space(struct pdf_doc *d, double points)
{
	pdf_doc_add(d, PDF_SPACE, NULL)->space = points;
}

/* Layout. */

static void pdf_font(cairo_t *cr, double size, int bold)
{
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

static double pdf_width(cairo_t *cr, const char *s)
{
	cairo_text_extents_t e;
	cairo_text_extents(cr, s, &e);
	return e.x_advance;
}

struct pdf_lines {
	const char **line;
	size_t n, cap;
};

static void pdf_push(struct arena *a, struct pdf_lines *l, const char *s, size_t len)
{
	l->line = arena_grow(a, l->line, sizeof(char *), l->n, &l->cap);
	l->line[l->n++] = arena_strndup(a, s, len);
}

/* Breaks a word wider than width between characters, pushing all but the last piece;
 * returns the length of the last piece (which starts at *start). */
static size_t pdf_break_word(struct pdf_layout *L, struct pdf_lines *out, const char **start,
			     size_t len, double width)
{
	const char *w = *start;
	for (;;) {
		size_t fit = 0, k = 0;
		while (k < len) {
			size_t next = k + 1;
			while (next < len && ((unsigned char)w[next] & 0xC0) == 0x80)
				next++;
			char *piece = arena_strndup(L->a, w, next);
			if (pdf_width(L->cr, piece) > width && fit > 0)
				break;
			fit = next;
			k = next;
		}
		if (fit >= len) {
			*start = w;
			return len;
		}
		pdf_push(L->a, out, w, fit);
		w += fit;
		len -= fit;
	}
}

/* Wraps text to width with the current font into lines (in L->a). */
static struct pdf_lines pdf_wrap(struct pdf_layout *L, const char *text, double width)
{
	struct pdf_lines out = {0};
	const char *p = text ? text : "";
	do {
		const char *end = strchr(p, '\n');
		size_t plen = end ? (size_t)(end - p) : strlen(p);
		char *line = arena_strdup(L->a, "");
		int any = 0;
		size_t i = 0;
		while (i < plen) {
			while (i < plen && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r'))
				i++;
			size_t s = i;
			while (i < plen && p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
				i++;
			if (i == s)
				break;
			const char *word = p + s;
			size_t wlen = i - s;
			char *cand = any ? arena_printf(L->a, "%s %.*s", line, (int)wlen, word)
					 : arena_strndup(L->a, word, wlen);
			if (pdf_width(L->cr, cand) <= width) {
				line = cand;
				any = 1;
				continue;
			}
			if (any)
				pdf_push(L->a, &out, line, strlen(line));
			wlen = pdf_break_word(L, &out, &word, wlen, width);
			line = arena_strndup(L->a, word, wlen);
			any = 1;
		}
		pdf_push(L->a, &out, line, strlen(line));
		p = end ? end + 1 : NULL;
	} while (p != NULL);
	return out;
}

static void pdf_footer(struct pdf_layout *L)
{
	if (!L->draw)
		return;
	char *text = arena_printf(L->a, "%s%spage %d of %d", L->d->footer ? L->d->footer : "",
				  L->d->footer ? " - " : "", L->page, L->total);
	pdf_font(L->cr, SIZE_FOOTER, 0);
	cairo_set_source_rgb(L->cr, 0.35, 0.35, 0.35);
	double w = pdf_width(L->cr, text);
	if (w > TEXT_W) {
		text = arena_printf(L->a, "page %d of %d", L->page, L->total);
		w = pdf_width(L->cr, text);
	}
	cairo_move_to(L->cr, (PAGE_W - w) / 2, PAGE_H - 30);
	cairo_show_text(L->cr, text);
	cairo_set_source_rgb(L->cr, 0, 0, 0);
}

static void pdf_table_header(struct pdf_layout *L, const struct pdf_block *t);

static void pdf_new_page(struct pdf_layout *L)
{
	pdf_footer(L);
	if (L->draw)
		cairo_show_page(L->cr);
	L->page++;
	L->y = MARGIN_TOP;
	if (L->table >= 0)
		pdf_table_header(L, &L->d->blocks[L->table]);
}

/* Makes room for h points, starting a page if needed (never on an empty page). */
static void pdf_need(struct pdf_layout *L, double h)
{
	if (L->y + h > PAGE_H - MARGIN_BOTTOM && L->y > MARGIN_TOP + 0.5)
		pdf_new_page(L);
}

static void pdf_lines_at(struct pdf_layout *L, const struct pdf_lines *lines, double x,
			 double size)
{
	double lh = size * LEADING;
	for (size_t i = 0; i < lines->n; i++) {
		pdf_need(L, lh);
		if (L->draw) {
			cairo_move_to(L->cr, x, L->y + size);
			cairo_show_text(L->cr, lines->line[i]);
		}
		L->y += lh;
	}
}

static void pdf_paragraph(struct pdf_layout *L, const char *text, double size, int bold,
			  double before, double after, double keep)
{
	pdf_font(L->cr, size, bold);
	struct pdf_lines lines = pdf_wrap(L, text, TEXT_W);
	if (L->y > MARGIN_TOP + 0.5)
		L->y += before;
	pdf_need(L, size * LEADING * (double)(lines.n < 2 ? lines.n : 2) + keep);
	pdf_lines_at(L, &lines, MARGIN_X, size);
	L->y += after;
}

static void pdf_field(struct pdf_layout *L, const struct pdf_block *b)
{
	pdf_font(L->cr, SIZE_TEXT, 1);
	double lw = pdf_width(L->cr, b->label);
	if (lw > TEXT_W * 0.4)
		lw = TEXT_W * 0.4;
	struct pdf_lines label = pdf_wrap(L, b->label, lw + 1);
	pdf_font(L->cr, SIZE_TEXT, 0);
	struct pdf_lines value = pdf_wrap(L, b->text, TEXT_W - lw);
	double lh = SIZE_TEXT * LEADING;
	size_t n = label.n > value.n ? label.n : value.n;
	for (size_t i = 0; i < n; i++) {
		pdf_need(L, lh);
		if (L->draw && i < label.n) {
			pdf_font(L->cr, SIZE_TEXT, 1);
			cairo_move_to(L->cr, MARGIN_X, L->y + SIZE_TEXT);
			cairo_show_text(L->cr, label.line[i]);
		}
		if (L->draw && i < value.n) {
			pdf_font(L->cr, SIZE_TEXT, 0);
			cairo_move_to(L->cr, MARGIN_X + lw, L->y + SIZE_TEXT);
			cairo_show_text(L->cr, value.line[i]);
		}
		L->y += lh;
	}
	L->y += 1;
}

/* Wraps a row's cells into lines[]; returns the row's height. A row taller than a
 * page is cut with "...". */
static double pdf_row_lines(struct pdf_layout *L, const struct pdf_block *t,
			    const char *const *cells, int bold, struct pdf_lines *lines)
{
	double lh = SIZE_TABLE * LEADING;
	size_t most = 1;
	pdf_font(L->cr, SIZE_TABLE, bold);
	for (size_t c = 0; c < t->ncols; c++) {
		lines[c] = pdf_wrap(L, cells[c], t->widths[c] * TEXT_W - 2 * CELL_PAD);
		if (lines[c].n > most)
			most = lines[c].n;
	}
	size_t room = (size_t)((PAGE_H - MARGIN_BOTTOM - MARGIN_TOP - 3 * lh) / lh);
	if (most > room) {
		for (size_t c = 0; c < t->ncols; c++)
			if (lines[c].n > room) {
				lines[c].n = room;
				lines[c].line[room - 1] =
					arena_printf(L->a, "%s...", lines[c].line[room - 1]);
			}
		most = room;
	}
	return (double)most * lh + 2 * CELL_PAD;
}

/* Lays out one row of cells (the header when bold), breaking the page before a row
 * that does not fit (the new page repeats the header). */
static void pdf_cells(struct pdf_layout *L, const struct pdf_block *t, const char *const *cells,
		      int bold)
{
	double lh = SIZE_TABLE * LEADING;
	struct pdf_lines lines[PDF_DOC_MAX_COLS];
	double h = pdf_row_lines(L, t, cells, bold, lines);
	if (!bold)
		pdf_need(L, h);
	pdf_font(L->cr, SIZE_TABLE, bold);
	if (L->draw) {
		double x = MARGIN_X;
		for (size_t c = 0; c < t->ncols; c++) {
			double w = t->widths[c] * TEXT_W;
			cairo_rectangle(L->cr, x, L->y, w, h);
			if (bold) {
				cairo_set_source_rgb(L->cr, 0.9, 0.9, 0.9);
				cairo_fill_preserve(L->cr);
			}
			cairo_set_source_rgb(L->cr, 0.6, 0.6, 0.6);
			cairo_set_line_width(L->cr, 0.5);
			cairo_stroke(L->cr);
			cairo_set_source_rgb(L->cr, 0, 0, 0);
			for (size_t i = 0; i < lines[c].n; i++) {
				cairo_move_to(L->cr, x + CELL_PAD,
					      L->y + CELL_PAD + (double)i * lh + SIZE_TABLE);
				cairo_show_text(L->cr, lines[c].line[i]);
			}
			x += w;
		}
	}
	L->y += h;
}

static void pdf_table_header(struct pdf_layout *L, const struct pdf_block *t)
{
	pdf_cells(L, t, t->cells, 1);
}

static void pdf_layout_run(struct pdf_layout *L)
{
	const struct pdf_doc *d = L->d;
	L->page = 1;
	L->y = MARGIN_TOP;
	L->table = -1;
	for (size_t i = 0; i < d->n; i++) {
		const struct pdf_block *b = &d->blocks[i];
		if (b->kind != PDF_ROW)
			L->table = -1;
		switch (b->kind) {
		case PDF_TITLE:
			pdf_paragraph(L, b->text, SIZE_TITLE, 1, 0, 6, 0);
			break;
		case PDF_HEADING:
			pdf_paragraph(L, b->text, SIZE_HEADING, 1, 12, 4, 3 * SIZE_TEXT * LEADING);
			break;
		case PDF_SUBHEADING:
			pdf_paragraph(L, b->text, SIZE_SUBHEADING, 1, 8, 2,
				      2 * SIZE_TEXT * LEADING);
			break;
		case PDF_TEXT:
			pdf_paragraph(L, b->text, SIZE_TEXT, 0, 0, 3, 0);
			break;
		case PDF_FIELD:
			pdf_field(L, b);
			break;
		case PDF_TABLE: {
			/* The header stays with the first row. */
			struct pdf_lines lines[PDF_DOC_MAX_COLS];
			double h = pdf_row_lines(L, b, b->cells, 1, lines);
			if (i + 1 < d->n && d->blocks[i + 1].kind == PDF_ROW)
				h += pdf_row_lines(L, b, d->blocks[i + 1].cells, 0, lines);
			pdf_need(L, h);
			pdf_table_header(L, b);
			break;
		}
		case PDF_ROW:
			L->table = (long)b->table;
			pdf_cells(L, &d->blocks[b->table], b->cells, 0);
			break;
		case PDF_SPACE:
			L->y += b->space;
			break;
		}
	}
	pdf_footer(L);
	if (L->draw)
		cairo_show_page(L->cr);
}

static cairo_status_t pdf_write_buf(void *closure, const unsigned char *data, unsigned int n)
{
	buf_append(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t pdf_write_none(void *closure, const unsigned char *data, unsigned int n)
{
	(void)closure, (void)data, (void)n;
	return CAIRO_STATUS_SUCCESS;
}

/* cairo's toy font API keeps font caches (its own and fontconfig's) for the life of
 * the process; they are released at exit so that leak checkers see a clean process. */
static void pdf_doc_release_fonts(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

static void pdf_doc_register_release(void)
{
	atexit(pdf_doc_release_fonts);
}

int pdf_doc_render(struct pdf_doc *d, struct buf *out, int *pages, struct cn_err *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, pdf_doc_register_release);
	int total = 0;
	for (int pass = 0; pass < 2; pass++) {
		cairo_surface_t *s = cairo_pdf_surface_create_for_stream(
			pass ? pdf_write_buf : pdf_write_none, pass ? out : NULL, PAGE_W, PAGE_H);
		if (pass) {
			if (d->title != NULL)
				cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
							       d->title);
			cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "capnet");
		}
		cairo_t *cr = cairo_create(s);
		struct pdf_layout L = {.d = d, .cr = cr, .draw = pass, .total = total};
		L.a = arena_new();
		pdf_layout_run(&L);
		arena_free(L.a);
		total = L.page;
		cairo_status_t st = cairo_status(cr);
		cairo_destroy(cr);
		cairo_surface_finish(s);
		if (st == CAIRO_STATUS_SUCCESS)
			st = cairo_surface_status(s);
		cairo_surface_destroy(s);
		if (st != CAIRO_STATUS_SUCCESS)
			return cn_err_set(err, CN_ERR_INTERNAL, "cannot draw the PDF: %s",
					  cairo_status_to_string(st));
	}
	if (pages != NULL)
		*pages = total;
	return 0;
}
