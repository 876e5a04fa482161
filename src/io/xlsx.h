/* xlsx: writes tables (core/table.h) as an Office Open XML workbook with
 * libxlsxwriter: one worksheet per table, a bold header row, numbers stored as
 * numbers, text as text. */
#ifndef CN_XLSX_H
#define CN_XLSX_H
#include <stddef.h>

#include "core/err.h"
#include "core/table.h"

/* Writes the tables to a new file at path (replacing it). Sheet names are the tables'
 * names, cut to Excel's 31 characters. */
int xlsx_write(const char *path, const struct table *const *tables, size_t n,
	       struct cn_err *err);

#endif
