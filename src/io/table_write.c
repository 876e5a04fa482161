/* table_write: tables (core/table.h) as CSV (libcsv quotes each cell) or XLSX
 * (libxlsxwriter writes a file; table_xlsx reads it back into the caller's buffer). */
#include "io/table_write.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/mem.h"
#include "core/utf8.h"

enum { TABLE_SHEET_NAME_MAX = 31, TABLE_WIDTH_MIN = 8, TABLE_WIDTH_MAX = 60 };

/* CSV. */

/* Appends s as one quoted CSV cell. Text from user data (text = 1) that a spreadsheet
 * would read as a formula or shift into another cell (= + - @, tab or carriage return
 * first; OWASP "CSV injection") gets a leading apostrophe; numbers are written as
 * they are, so -3 stays a number. */
static void table_csv_cell(struct buf *out, const char *s, int text)
{
	size_t n = strlen(s);
	int formula = text && n > 0 && strchr("=+-@\t\r", s[0]) != NULL;
	char *src = xmalloc(n + 2);
	size_t k = 0;
	if (formula)
		src[k++] = '\'';
	memcpy(src + k, s, n);
	k += n;
	size_t need = csv_write(NULL, 0, src, k);
	char *dst = xmalloc(need + 1);
	csv_write(dst, need, src, k);
	buf_append(out, dst, need);
	free(dst);
	free(src);
}

static void table_csv_value(struct buf *out, const struct table_cell *c)
{
	char num[64];
	if (c == NULL || c->type == TABLE_EMPTY) {
		table_csv_cell(out, "", 0);
	} else if (c->type == TABLE_NUMBER) {
		snprintf(num, sizeof(num), "%.15g", c->number);
		table_csv_cell(out, num, 0);
	} else if (c->type == TABLE_INT) {
		snprintf(num, sizeof(num), "%lld", (long long)c->i);
		table_csv_cell(out, num, 0);
	} else {
		table_csv_cell(out, c->text ? c->text : "", 1);
	}
}

/* Index of column name in t, or -1. */
static long table_column(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(t->columns[c], name) == 0)
			return (long)c;
	return -1;
}

void table_csv(const struct table *const *tables, size_t n, struct buf *out)
{
	if (n == 1) {
		const struct table *t = tables[0];
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				buf_putc(out, ',');
			table_csv_cell(out, t->columns[c], 1);
		}
		buf_puts(out, "\r\n");
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				if (c)
					buf_putc(out, ',');
				table_csv_value(out, &t->cells[r * t->ncols + c]);
			}
			buf_puts(out, "\r\n");
		}
		return;
	}
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += tables[i]->ncols;
	const char **cols = xcalloc(total + 1, sizeof(char *));
	size_t ncols = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; c < tables[i]->ncols; c++) {
			size_t k = 0;
			while (k < ncols && strcmp(cols[k], tables[i]->columns[c]) != 0)
				k++;
			if (k == ncols)
				cols[ncols++] = tables[i]->columns[c];
		}
	table_csv_cell(out, "section", 1);
	for (size_t k = 0; k < ncols; k++) {
		buf_putc(out, ',');
		table_csv_cell(out, cols[k], 1);
	}
	buf_puts(out, "\r\n");
	for (size_t i = 0; i < n; i++) {
		const struct table *t = tables[i];
		for (size_t r = 0; r < t->nrows; r++) {
			table_csv_cell(out, t->name, 1);
			for (size_t k = 0; k < ncols; k++) {
				long c = table_column(t, cols[k]);
				buf_putc(out, ',');
				const struct table_cell *cell =
					c < 0 ? NULL : &t->cells[r * t->ncols + (size_t)c];
				table_csv_value(out, cell);
			}
			buf_puts(out, "\r\n");
		}
	}
	free(cols);
}

/* XLSX. */

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\, not empty. */
static void table_sheet_name(const char *name, size_t index, char out[128])
{
	size_t k = 0, chars = 0;
	for (const char *p = name; *p && chars < TABLE_SHEET_NAME_MAX && k < 120; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c & 0xC0) != 0x80)
			chars++;
		out[k++] = strchr("[]:*?/\\", c) != NULL ? '_' : (char)c;
	}
	/* Never end inside a multi-byte character. */
	while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0xC0)
		k--;
	out[k] = '\0';
	if (k == 0)
		snprintf(out, 128, "Sheet%zu", index + 1);
}

static int table_xlsx_sheet(lxw_workbook *wb, const struct table *t, size_t index,
			    lxw_format *bold, lxw_format *wrap)
{
	char name[128];
	table_sheet_name(t->name, index, name);
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	if (ws == NULL)
		return -1;
	for (size_t c = 0; c < t->ncols; c++) {
		size_t width = utf8_length(t->columns[c], strlen(t->columns[c])) + 2;
		for (size_t r = 0; r < t->nrows; r++) {
			const struct table_cell *cell = &t->cells[r * t->ncols + c];
			size_t w = cell->type == TABLE_TEXT && cell->text
					   ? utf8_length(cell->text, strlen(cell->text)) + 2
				   : cell->type == TABLE_EMPTY ? 0
							       : 10;
			if (w > width)
				width = w;
		}
		if (width < TABLE_WIDTH_MIN)
			width = TABLE_WIDTH_MIN;
		int wide = width > TABLE_WIDTH_MAX;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
				     (double)(wide ? TABLE_WIDTH_MAX : width), wide ? wrap : NULL);
		lxw_error e = worksheet_write_string(ws, 0, (lxw_col_t)c, t->columns[c], bold);
		if (e != LXW_NO_ERROR)
			return -1;
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const struct table_cell *cell = &t->cells[r * t->ncols + c];
			lxw_error e = LXW_NO_ERROR;
			if (cell->type == TABLE_NUMBER || cell->type == TABLE_INT)
				e = worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
							   cell->type == TABLE_INT ? (double)cell->i
										   : cell->number,
							   NULL);
			else if (cell->type == TABLE_TEXT && cell->text != NULL && cell->text[0] != '\0')
				e = worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
							   cell->text, NULL);
			if (e != LXW_NO_ERROR)
				return -1;
		}
	worksheet_freeze_panes(ws, 1, 0);
	if (t->ncols > 0)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows, (lxw_col_t)(t->ncols - 1));
	return 0;
}

/* Reads the whole file at path into out. */
static int table_read_file(const char *path, struct buf *out, struct cn_err *err)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return cn_err_set(err, CN_ERR_INTERNAL, "cannot read the workbook back: %s",
				  strerror(errno));
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(out, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return cn_err_set(err, CN_ERR_INTERNAL, "cannot read the workbook back");
	return 0;
}

int table_xlsx_file(const char *path, const struct table *const *tables, size_t n,
		    struct cn_err *err)
{
	lxw_workbook *wb = workbook_new(path);
	if (wb == NULL)
		return cn_err_set(err, CN_ERR_INPUT, "cannot write a workbook at %s", path);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_bg_color(bold, 0xE8E8E8);
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	int failed = 0;
	for (size_t i = 0; i < n && !failed; i++)
		failed = table_xlsx_sheet(wb, tables[i], i, bold, wrap) != 0;
	lxw_error e = workbook_close(wb);
	if (failed || e != LXW_NO_ERROR)
		return cn_err_set(err, CN_ERR_INTERNAL, "cannot write the workbook: %s",
				  e != LXW_NO_ERROR ? lxw_strerror(e) : "a sheet was refused");
	return 0;
}

int table_xlsx(const struct table *const *tables, size_t n, struct buf *out,
	       struct cn_err *err)
{
	const char *tmp = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/capnet-xlsx.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return cn_err_set(err, CN_ERR_INTERNAL, "cannot make a temporary file in %s: %s",
				  tmp && tmp[0] ? tmp : "/tmp", strerror(errno));
	close(fd);
	int rc = table_xlsx_file(path, tables, n, err);
	if (rc == 0)
		rc = table_read_file(path, out, err);
	unlink(path);
	return rc;
}
