/* table: rows of text and number cells under named columns, written as CSV (RFC 4180)
 * or as an XLSX workbook (one sheet per table, through libxlsxwriter). Several tables
 * in one CSV become one table: a first column "section" names each row's table, and
 * the columns are the union of the tables' columns in the order first seen.
 *
 * CSV cells that a spreadsheet would run as a formula (text starting with = + - or @)
 * are written with a leading apostrophe; XLSX cells are always plain strings or
 * numbers, never formulas. */
#ifndef CN_IO_TABLE_H
#define CN_IO_TABLE_H
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

struct table_cell {
	int is_number;
	double number;
	const char *text; /* NULL = empty */
};

struct table {
	struct arena *a;
	const char *name; /* sheet name; cut to 31 characters, []:*?/\ replaced */
	const char *const *columns;
	size_t ncols;
	struct table_cell *cells; /* nrows * ncols */
	size_t nrows, cap; /* cap counts rows */
};

/* A new empty table living in a; columns is NULL-terminated and must outlive it. */
struct table *table_new(struct arena *a, const char *name, const char *const *columns);
/* Starts a new row of empty cells; the setters below fill the last row. */
void table_row(struct table *t);
/* Sets the cell of column `column` (a name given to table_new; others are ignored).
 * Text is copied into the table's arena; NULL leaves the cell empty. */
void table_text(struct table *t, const char *column, const char *s);
void table_number(struct table *t, const char *column, double v);

/* Appends the tables as CSV to out (CRLF line ends, every cell quoted). */
void table_csv(const struct table *const *tables, size_t n, struct buf *out);
/* Writes the tables as an XLSX workbook into out (bold, frozen header row; column
 * widths from the contents). Uses a temporary file under $TMPDIR, removed before
 * returning. */
int table_xlsx(const struct table *const *tables, size_t n, struct buf *out,
	       struct cn_err *err);

#endif
