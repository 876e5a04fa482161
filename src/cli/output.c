/* output: JSON in, table/JSON/CSV out. jansson parses the JSON our own writer made. */
#include "cli/output.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/table.h"
#include "core/utf8.h"
#include "io/table_write.h"

enum { OUTPUT_CELL_MAX = 48 };

int output_format_parse(const char *s, enum output_format *out)
{
	if (s == NULL || strcmp(s, "table") == 0)
		*out = OUTPUT_TABLE;
	else if (strcmp(s, "json") == 0)
		*out = OUTPUT_JSON;
	else if (strcmp(s, "csv") == 0)
		*out = OUTPUT_CSV;
	else {
		fprintf(stderr, "capnet: --format '%s' is not one of table, json, csv\n", s);
		return -1;
	}
	return 0;
}

/* A cell's text into b: strings as they are, numbers, true/false, "" for null. */
static void output_cell(struct buf *b, const json_t *v)
{
	buf_reset(b);
	if (v == NULL || json_is_null(v))
		return;
	if (json_is_string(v))
		buf_append(b, json_string_value(v), json_string_length(v));
	else if (json_is_integer(v))
		buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		buf_printf(b, "%g", json_real_value(v));
	else if (json_is_true(v))
		buf_puts(b, "true");
	else if (json_is_false(v))
		buf_puts(b, "false");
	else {
		char *s = json_dumps(v, JSON_COMPACT);
		buf_puts(b, s);
		free(s);
	}
}

/* The columns to show: the given ones, or the scalar keys of the first row. */
static size_t output_columns(const json_t *rows, const char *const *columns, const char ***out)
{
	size_t n = 0;
	if (columns != NULL) {
		while (columns[n] != NULL)
			n++;
		*out = xcalloc(n + 1, sizeof(char *));
		for (size_t i = 0; i < n; i++)
			(*out)[i] = columns[i];
		return n;
	}
	const json_t *first = json_array_get(rows, 0);
	*out = xcalloc(json_object_size(first) + 1, sizeof(char *));
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)first, key, v)
	{
		if (!json_is_object(v) && !json_is_array(v))
			(*out)[n++] = key;
	}
	return n;
}

/* Writes s into f padded with spaces to width characters, cut with "..." if longer. */
static void output_padded(FILE *f, const char *s, size_t width, int last)
{
	size_t n = strlen(s), chars = utf8_length(s, n);
	if (chars > OUTPUT_CELL_MAX) {
		size_t bytes = 0, c = 0;
		while (bytes < n && c < OUTPUT_CELL_MAX - 3) {
			bytes++;
			while (bytes < n && ((unsigned char)s[bytes] & 0xC0) == 0x80)
				bytes++;
			c++;
		}
		fprintf(f, "%.*s...", (int)bytes, s);
		chars = OUTPUT_CELL_MAX;
	} else {
		fputs(s, f);
	}
	if (!last)
		for (size_t i = chars; i < width + 2; i++)
			fputc(' ', f);
}

/* Replaces new lines and tabs so a cell stays on its line. */
static void output_flatten(struct buf *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] == '\n' || b->data[i] == '\r' || b->data[i] == '\t')
			b->data[i] = ' ';
}

static void output_table(FILE *f, const json_t *rows, const char **cols, size_t ncols)
{
	size_t nrows = json_array_size(rows);
	size_t *width = xcalloc(ncols ? ncols : 1, sizeof(size_t));
	struct buf b = BUF_INIT;
	for (size_t c = 0; c < ncols; c++)
		width[c] = utf8_length(cols[c], strlen(cols[c]));
	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < ncols; c++) {
			output_cell(&b, json_object_get(json_array_get(rows, r), cols[c]));
			size_t w = utf8_length(buf_str(&b), b.len);
			if (w > OUTPUT_CELL_MAX)
				w = OUTPUT_CELL_MAX;
			if (w > width[c])
				width[c] = w;
		}
	for (size_t c = 0; c < ncols; c++)
		output_padded(f, cols[c], width[c], c + 1 == ncols);
	fputc('\n', f);
	for (size_t r = 0; r < nrows; r++) {
		for (size_t c = 0; c < ncols; c++) {
			output_cell(&b, json_object_get(json_array_get(rows, r), cols[c]));
			output_flatten(&b);
			output_padded(f, buf_str(&b), width[c], c + 1 == ncols);
		}
		fputc('\n', f);
	}
	buf_free(&b);
	free(width);
}

static void output_record(FILE *f, const json_t *obj)
{
	size_t width = 0;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)obj, key, v)
	{
		if (strlen(key) > width)
			width = strlen(key);
	}
	struct buf b = BUF_INIT;
	json_object_foreach((json_t *)obj, key, v)
	{
		output_cell(&b, v);
		fprintf(f, "%-*s  %s\n", (int)width, key, buf_str(&b));
	}
	buf_free(&b);
}

/* CSV through the one CSV writer (io/table_write.h), which neutralizes formulas: the
 * JSON rows become a table whose strings are text cells and whose numbers stay
 * numbers. */
static void output_csv(FILE *f, const json_t *rows, const char **cols, size_t ncols)
{
	struct arena *a = arena_new();
	struct table *t = table_new(a, "rows", cols);
	struct buf b = BUF_INIT;
	for (size_t r = 0; r < json_array_size(rows); r++) {
		table_row(t);
		for (size_t c = 0; c < ncols; c++) {
			const json_t *v = json_object_get(json_array_get(rows, r), cols[c]);
			if (json_is_integer(v)) {
				table_int(t, json_integer_value(v));
			} else if (json_is_real(v)) {
				table_number(t, json_real_value(v));
			} else if (v == NULL || json_is_null(v)) {
				table_empty(t);
			} else {
				output_cell(&b, v);
				table_text(t, buf_str(&b));
			}
		}
	}
	const struct table *one[] = {t};
	buf_reset(&b);
	table_csv(one, 1, &b);
	fwrite(b.data, 1, b.len, f);
	buf_free(&b);
	arena_free(a);
}

int output_print(FILE *f, enum output_format fmt, const char *json, const char *const *columns)
{
	if (fmt == OUTPUT_JSON) {
		fputs(json, f);
		fputc('\n', f);
		return 0;
	}
	json_error_t jerr;
	json_t *root = json_loads(json, JSON_DECODE_ANY, &jerr);
	if (root == NULL)
		return -1;
	if (json_is_object(root)) {
		if (fmt == OUTPUT_TABLE) {
			output_record(f, root);
			json_decref(root);
			return 0;
		}
		json_t *arr = json_array();
		json_array_append_new(arr, root);
		root = arr;
	}
	const char **cols = NULL;
	size_t ncols = output_columns(root, columns, &cols);
	if (fmt == OUTPUT_CSV)
		output_csv(f, root, cols, ncols);
	else if (json_array_size(root) == 0)
		fputs("(none)\n", f);
	else
		output_table(f, root, cols, ncols);
	free(cols);
	json_decref(root);
	return 0;
}
