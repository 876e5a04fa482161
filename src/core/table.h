/* table: a named grid of typed cells (text, whole number, number, empty) under a
 * header row, built row by row in an arena. Reports are built once as tables and
 * written as JSON, CSV or XLSX without each writer knowing the report. */
#ifndef CN_TABLE_H
#define CN_TABLE_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/json.h"

enum table_cell_type { TABLE_EMPTY, TABLE_TEXT, TABLE_INT, TABLE_NUMBER };

struct table_cell {
	enum table_cell_type type;
	const char *text; /* TABLE_TEXT */
	int64_t i;        /* TABLE_INT */
	double number;    /* TABLE_NUMBER */
};

struct table {
	const char *name;            /* e.g. the sheet name */
	const char *const *columns;  /* NULL-terminated; not copied */
	size_t ncols;
	struct table_cell *cells;    /* nrows * ncols, row by row */
	size_t nrows;
	size_t cap;                  /* rows allocated */
	size_t at;                   /* cells written in the current row */
	struct arena *a;
};

/* A new empty table in a; columns must outlive it. */
struct table *table_new(struct arena *a, const char *name, const char *const *columns);
/* Starts a new row; cells not written stay empty. */
void table_row(struct table *t);
/* Write the next cell of the current row (ignored past the last column). Text is
 * copied; NULL text is an empty cell. */
void table_text(struct table *t, const char *s);
void table_int(struct table *t, int64_t v);
void table_number(struct table *t, double v);
void table_empty(struct table *t);
/* Set the cell of column `column` in the current row, by name (for rows written out
 * of column order); unknown columns are ignored. Text is copied; NULL is empty. */
void table_set_text(struct table *t, const char *column, const char *s);
void table_set_number(struct table *t, const char *column, double v);
/* The cell at row r, column c. */
const struct table_cell *table_at(const struct table *t, size_t r, size_t c);
/* An array of objects keyed by column name; empty cells are null. */
void table_json(struct jw *w, const struct table *t);

#endif
