/* table: building and reading typed grids (table.h). */
#include "core/table.h"

#include <string.h>

struct table *table_new(struct arena *a, const char *name, const char *const *columns)
{
	struct table *t = arena_alloc(a, sizeof(*t));
	t->a = a;
	t->name = name;
	t->columns = columns;
	while (columns[t->ncols] != NULL)
		t->ncols++;
	return t;
}

void table_row(struct table *t)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct table_cell *cells = arena_alloc(t->a, sizeof(*cells) * cap * t->ncols);
		if (t->nrows)
			memcpy(cells, t->cells, sizeof(*cells) * t->nrows * t->ncols);
		t->cells = cells;
		t->cap = cap;
	}
	t->nrows++;
	t->at = 0;
}

static struct table_cell *table_next(struct table *t)
{
	if (t->nrows == 0 || t->at >= t->ncols)
		return NULL;
	return &t->cells[(t->nrows - 1) * t->ncols + t->at++];
}

static struct table_cell *table_named(struct table *t, const char *column)
{
	if (t->nrows == 0)
		return NULL;
	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(t->columns[c], column) == 0)
			return &t->cells[(t->nrows - 1) * t->ncols + c];
	return NULL;
}

void table_set_text(struct table *t, const char *column, const char *s)
{
	struct table_cell *c = table_named(t, column);
	if (c != NULL) {
		c->type = s != NULL ? TABLE_TEXT : TABLE_EMPTY;
		c->text = s != NULL ? arena_strdup(t->a, s) : NULL;
	}
}

void table_set_number(struct table *t, const char *column, double v)
{
	struct table_cell *c = table_named(t, column);
	if (c != NULL) {
		c->type = TABLE_NUMBER;
		c->number = v;
		c->text = NULL;
	}
}

void table_text(struct table *t, const char *s)
{
	struct table_cell *c = table_next(t);
	if (c != NULL && s != NULL) {
		c->type = TABLE_TEXT;
		c->text = arena_strdup(t->a, s);
	}
}

void table_int(struct table *t, int64_t v)
{
	struct table_cell *c = table_next(t);
	if (c != NULL) {
		c->type = TABLE_INT;
		c->i = v;
	}
}

void table_number(struct table *t, double v)
{
	struct table_cell *c = table_next(t);
	if (c != NULL) {
		c->type = TABLE_NUMBER;
		c->number = v;
	}
}

void table_empty(struct table *t)
{
	table_next(t);
}

const struct table_cell *table_at(const struct table *t, size_t r, size_t c)
{
	return &t->cells[r * t->ncols + c];
}

void table_json(struct jw *w, const struct table *t)
{
	jw_arr_begin(w);
	for (size_t r = 0; r < t->nrows; r++) {
		jw_obj_begin(w);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct table_cell *cell = table_at(t, r, c);
			jw_key(w, t->columns[c]);
			switch (cell->type) {
			case TABLE_TEXT:
				jw_str(w, cell->text);
				break;
			case TABLE_INT:
				jw_int(w, cell->i);
				break;
			case TABLE_NUMBER:
				jw_double(w, cell->number);
				break;
			case TABLE_EMPTY:
				jw_null(w);
				break;
			}
		}
		jw_obj_end(w);
	}
	jw_arr_end(w);
}
