/* table_write: tables (core/table.h) written as CSV (RFC 4180) or as an XLSX
 * workbook (one sheet per table, through libxlsxwriter). Several tables
 * in one CSV become one table: a first column "section" names each row's table, and
 * the columns are the union of the tables' columns in the order first seen.
 *
 * This is the one CSV writer: every CSV capnet makes (list commands' --format csv,
 * reports, plan exports) goes through table_csv. Text cells that a spreadsheet would
 * run as a formula (starting with = + - @, tab or carriage return) are written with a
 * leading apostrophe; number cells are not touched. XLSX cells are always plain
 * strings or numbers, never formulas. */
#ifndef CN_TABLE_WRITE_H
#define CN_TABLE_WRITE_H
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/table.h"

/* Appends the tables as CSV to out (CRLF line ends, every cell quoted). */
void table_csv(const struct table *const *tables, size_t n, struct buf *out);
/* Writes the tables as an XLSX workbook into out (bold, frozen header row; column
 * widths from the contents). Uses a temporary file under $TMPDIR, removed before
 * returning. */
int table_xlsx(const struct table *const *tables, size_t n, struct buf *out,
	       struct cn_err *err);
/* The same written straight to the file at path (replacing it). */
int table_xlsx_file(const char *path, const struct table *const *tables, size_t n,
		    struct cn_err *err);

#endif
