/* csvread: a streaming CSV reader (RFC 4180, through libcsv) for imports. It yields one
 * record at a time with the line it starts on, maps header names to columns (ignoring
 * case), and copes with what real exports contain: a UTF-8 byte order mark, CRLF or LF
 * line ends, no final newline, blank lines, quoted fields holding commas and newlines.
 * It refuses, naming the file, line and column: invalid UTF-8 or NUL bytes, misplaced
 * quotes, a quote left open, records whose field count differs from the header's, and
 * input over the limits. */
#ifndef CN_CSVREAD_H
#define CN_CSVREAD_H
#include <stddef.h>

#include "core/err.h"

enum {
	CSVREAD_MAX_FIELD = 64 * 1024,          /* bytes in one field */
	CSVREAD_MAX_FIELDS = 1000,              /* fields in one record */
};
#define CSVREAD_MAX_BYTES ((size_t)200 * 1024 * 1024) /* bytes in one file */

struct csvread_limits {
	size_t max_field;  /* 0 = CSVREAD_MAX_FIELD */
	size_t max_fields; /* 0 = CSVREAD_MAX_FIELDS */
	size_t max_bytes;  /* 0 = CSVREAD_MAX_BYTES */
};

/* Where the bytes come from: fills buf with up to n bytes; returns how many (0 at the
 * end), or -1 after setting err. */
typedef long (*csvread_source)(void *ctx, char *buf, size_t n, struct cn_err *err);

struct csvread;

struct csvread_record {
	long line;                /* 1-based line where the record starts */
	size_t count;             /* number of fields */
	const char *const *field; /* NUL-terminated UTF-8, valid until the next call */
	const size_t *len;        /* byte length of each field */
};

/* A reader of the file called name (used in errors) reading through src(ctx). lim may
 * be NULL for the defaults. The caller frees it with csvread_close(). */
struct csvread *csvread_new(const char *name, csvread_source src, void *ctx,
			    const struct csvread_limits *lim);
/* A reader over n bytes at data, which must outlive it. */
struct csvread *csvread_new_mem(const char *name, const char *data, size_t n,
				const struct csvread_limits *lim);
void csvread_close(struct csvread *r);

/* Reads the first record as the header. Fails on an empty file, an empty or repeated
 * column name. After it, every record must have as many fields as the header. */
int csvread_header(struct csvread *r, struct cn_err *err);
/* The column index of name, ignoring ASCII case; -1 when absent. */
int csvread_column(const struct csvread *r, const char *name);
size_t csvread_columns(const struct csvread *r);
/* The header name of column i (as written), valid until csvread_close(). */
const char *csvread_column_name(const struct csvread *r, size_t i);
/* The file name given to csvread_new. */
const char *csvread_name(const struct csvread *r);

/* The next record: 1 with *rec filled, 0 at the end of the input, -1 with err set
 * (err names the file and line; for a field, the column). Blank lines are skipped. */
int csvread_next(struct csvread *r, struct csvread_record *rec, struct cn_err *err);

#endif
