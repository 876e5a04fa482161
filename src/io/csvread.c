/* csvread: libcsv does the quoting (RFC 4180 §2); this module feeds it one line at a
 * time so that every record knows the line it starts on, queues the records libcsv
 * reports through its callbacks, and checks what libcsv does not: encoding, limits
 * and the field count. */
#include "io/csvread.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/utf8.h"

enum { CSVREAD_CHUNK = 64 * 1024 };

struct csvread_pending {
	long line;
	size_t first; /* index of its first field in offs/lens */
	size_t count;
};

struct csvread {
	char *name;
	csvread_source src;
	void *ctx;
	const char *mem; /* for csvread_new_mem */
	size_t mem_len, mem_pos;
	struct csvread_limits lim;
	struct csv_parser p;

	char *in; /* input buffer */
	size_t in_len, in_pos, total;
	int eof, started, finished;

	long cur_line;   /* line of the bytes being fed */
	size_t line_off; /* bytes of that line fed before */
	long start_line; /* line where the record being built started */
	int between;     /* no record is being built */

	struct buf data; /* field bytes, each NUL-terminated */
	size_t *offs, *lens;
	size_t nf, capf, rec_first;
	struct csvread_pending *q;
	size_t qhead, qn, qcap;
	const char **out; /* pointers handed out with a record */
	size_t out_cap;

	char **cols; /* header names */
	size_t ncols;
	int have_header;

	int failed; /* set by a callback; cb_err says why */
	struct cn_err cb_err;
};

static long csvread_mem_source(void *ctx, char *buf, size_t n, struct cn_err *err)
{
	(void)err;
	struct csvread *r = ctx;
	size_t left = r->mem_len - r->mem_pos;
	if (n > left)
		n = left;
	if (n > 0)
		memcpy(buf, r->mem + r->mem_pos, n);
	r->mem_pos += n;
	return (long)n;
}

struct csvread *csvread_new(const char *name, csvread_source src, void *ctx,
			    const struct csvread_limits *lim)
{
	struct csvread *r = xcalloc(1, sizeof(*r));
	r->name = xstrdup(name);
	r->src = src;
	r->ctx = ctx;
	if (lim != NULL)
		r->lim = *lim;
	if (r->lim.max_field == 0)
		r->lim.max_field = CSVREAD_MAX_FIELD;
	if (r->lim.max_fields == 0)
		r->lim.max_fields = CSVREAD_MAX_FIELDS;
	if (r->lim.max_bytes == 0)
		r->lim.max_bytes = CSVREAD_MAX_BYTES;
	/* Strict: a quote inside an unquoted field, or text after a closing quote, is an
	 * error rather than a guess; so is a quoted field still open at the end. */
	csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI);
	r->in = xmalloc(CSVREAD_CHUNK);
	r->cur_line = 1;
	r->between = 1;
	return r;
}

struct csvread *csvread_new_mem(const char *name, const char *data, size_t n,
				const struct csvread_limits *lim)
{
	struct csvread *r = csvread_new(name, csvread_mem_source, NULL, lim);
	r->ctx = r;
	r->mem = data;
	r->mem_len = n;
	return r;
}

void csvread_close(struct csvread *r)
{
	if (r == NULL)
		return;
	csv_free(&r->p);
	for (size_t i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	free(r->name);
	free(r->in);
	buf_free(&r->data);
	free(r->offs);
	free(r->lens);
	free(r->q);
	free(r->out);
	free(r);
}

const char *csvread_name(const struct csvread *r)
{
	return r->name;
}

/* Fills err with a problem at line (and column col of the header when col >= 0). */
static int csvread_fail(const struct csvread *r, struct cn_err *err, long line, long col,
			enum cn_err_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static int csvread_fail(const struct csvread *r, struct cn_err *err, long line, long col,
			enum cn_err_kind kind, const char *fmt, ...)
{
	char msg[400], field[128] = "";
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (col >= 0 && r->have_header && (size_t)col < r->ncols)
		snprintf(field, sizeof(field), "column \"%.100s\"", r->cols[col]);
	else if (col >= 0)
		snprintf(field, sizeof(field), "field %ld", col + 1);
	if (field[0] != '\0')
		cn_err_field(err, kind, field, "%s", msg);
	else
		cn_err_set(err, kind, "%s", msg);
	cn_err_at(err, r->name, line, 0);
	return -1;
}

static void csvread_on_field(void *s, size_t len, void *data)
{
	struct csvread *r = data;
	if (r->failed)
		return;
	size_t index = r->nf - r->rec_first;
	long line = r->between ? r->cur_line : r->start_line;
	if (index >= r->lim.max_fields) {
		r->failed = 1;
		csvread_fail(r, &r->cb_err, line, -1, CN_ERR_TOO_LARGE,
			     "has more than %zu fields; is this a CSV file?", r->lim.max_fields);
		return;
	}
	if (len > r->lim.max_field) {
		r->failed = 1;
		csvread_fail(r, &r->cb_err, line, (long)index, CN_ERR_TOO_LARGE,
			     "is %zu bytes long; at most %zu are allowed in one field", len,
			     r->lim.max_field);
		return;
	}
	if (r->nf == r->capf) {
		r->capf = r->capf ? 2 * r->capf : 64;
		r->offs = xrealloc(r->offs, r->capf * sizeof(size_t));
		r->lens = xrealloc(r->lens, r->capf * sizeof(size_t));
	}
	r->offs[r->nf] = r->data.len;
	r->lens[r->nf] = len;
	r->nf++;
	if (len > 0)
		buf_append(&r->data, s, len);
	buf_append(&r->data, "", 1);
}

static void csvread_on_record(int c, void *data)
{
	(void)c;
	struct csvread *r = data;
	long line = r->between ? r->cur_line : r->start_line;
	r->between = 1;
	if (r->failed)
		return;
	size_t count = r->nf - r->rec_first;
	if (count == 1 && r->lens[r->rec_first] == 0) { /* a line of spaces */
		r->nf = r->rec_first;
		return;
	}
	if (r->qn == r->qcap) {
		r->qcap = r->qcap ? 2 * r->qcap : 8;
		r->q = xrealloc(r->q, r->qcap * sizeof(*r->q));
	}
	r->q[r->qn++] = (struct csvread_pending){line, r->rec_first, count};
	r->rec_first = r->nf;
}

/* Refills the input buffer; skips a UTF-8 byte order mark at the very start. */
static int csvread_fill(struct csvread *r, struct cn_err *err)
{
	r->in_len = r->in_pos = 0;
	while (!r->eof && r->in_len < (r->started ? 1 : 3)) {
		long n = r->src(r->ctx, r->in + r->in_len, CSVREAD_CHUNK - r->in_len, err);
		if (n < 0) {
			if (err->file[0] == '\0')
				cn_err_at(err, r->name, 0, 0);
			return -1;
		}
		if (n == 0)
			r->eof = 1;
		r->in_len += (size_t)n;
		r->total += (size_t)n;
		if (r->total > r->lim.max_bytes && r->lim.max_bytes >= 1024 * 1024)
			return csvread_fail(r, err, 0, -1, CN_ERR_TOO_LARGE,
					    "is larger than %zu MB, the most one file may hold",
					    r->lim.max_bytes / (1024 * 1024));
		if (r->total > r->lim.max_bytes)
			return csvread_fail(r, err, 0, -1, CN_ERR_TOO_LARGE,
					    "is larger than %zu bytes, the most one file may hold",
					    r->lim.max_bytes);
	}
	if (!r->started) {
		r->started = 1;
		if (r->in_len >= 3 && memcmp(r->in, "\xEF\xBB\xBF", 3) == 0)
			r->in_pos = 3;
	}
	return 0;
}

/* Moves the fields of a record still being built to the front of the storage, once
 * every queued record has been handed out. */
static void csvread_compact(struct csvread *r)
{
	r->qhead = r->qn = 0;
	size_t keep = r->nf - r->rec_first;
	size_t from = keep ? r->offs[r->rec_first] : r->data.len;
	size_t bytes = r->data.len - from;
	if (bytes > 0)
		memmove(r->data.data, r->data.data + from, bytes);
	r->data.len = bytes;
	for (size_t i = 0; i < keep; i++) {
		r->offs[i] = r->offs[r->rec_first + i] - from;
		r->lens[i] = r->lens[r->rec_first + i];
	}
	r->nf = keep;
	r->rec_first = 0;
}

/* Feeds libcsv until a record is queued or the input ends. */
static int csvread_feed(struct csvread *r, struct cn_err *err)
{
	while (r->qhead == r->qn && !r->finished) {
		if (r->in_pos == r->in_len) {
			if (csvread_fill(r, err))
				return -1;
			if (r->in_len == r->in_pos && r->eof) {
				long open_line = r->start_line;
				if (csv_fini(&r->p, csvread_on_field, csvread_on_record, r) != 0)
					return csvread_fail(r, err, open_line, -1, CN_ERR_INPUT,
							    "a quoted field opened here is never "
							    "closed; add the closing double quote");
				r->finished = 1;
				break;
			}
		}
		const char *s = r->in + r->in_pos;
		size_t left = r->in_len - r->in_pos;
		const char *nl = memchr(s, '\n', left);
		size_t n = nl ? (size_t)(nl - s) + 1 : left;
		if (r->between) {
			for (size_t i = 0; i < n; i++)
				if (s[i] != '\r' && s[i] != '\n' && s[i] != ' ' && s[i] != '\t') {
					r->start_line = r->cur_line;
					r->between = 0;
					break;
				}
		}
		size_t done = csv_parse(&r->p, s, n, csvread_on_field, csvread_on_record, r);
		if (r->failed) {
			*err = r->cb_err;
			return -1;
		}
		if (done != n)
			return csvread_fail(r, err, r->cur_line, -1, CN_ERR_INPUT,
					    "a double quote is misplaced (byte %zu of the line): a "
					    "field holding quotes must be wholly in double quotes, "
					    "with each quote inside it doubled",
					    r->line_off + done + 1);
		if (r->p.entry_pos > r->lim.max_field)
			return csvread_fail(r, err, r->start_line, -1, CN_ERR_TOO_LARGE,
					    "a field is longer than %zu bytes (a quote left open?)",
					    r->lim.max_field);
		r->in_pos += n;
		r->line_off += n;
		if (nl != NULL) {
			r->cur_line++;
			r->line_off = 0;
		}
	}
	if (r->failed) {
		*err = r->cb_err;
		return -1;
	}
	return 0;
}

/* Checks every field of a record is UTF-8 without NUL; names the line of the bad
 * byte, counting the newlines inside quoted fields before it. */
static int csvread_check_text(const struct csvread *r, const struct csvread_pending *pe,
			      struct cn_err *err)
{
	long line = pe->line;
	for (size_t i = 0; i < pe->count; i++) {
		const char *f = r->data.data + r->offs[pe->first + i];
		size_t n = r->lens[pe->first + i], bad = 0;
		if (!utf8_valid(f, n, &bad)) {
			for (size_t k = 0; k < bad; k++)
				line += f[k] == '\n';
			if (f[bad] == '\0')
				return csvread_fail(r, err, line, (long)i, CN_ERR_INPUT,
						    "has a NUL byte (byte %zu of the field); "
						    "text files never do",
						    bad + 1);
			return csvread_fail(r, err, line, (long)i, CN_ERR_INPUT,
					    "is not valid UTF-8 (byte %zu of the field is 0x%02X); "
					    "save the file as UTF-8",
					    bad + 1, (unsigned char)f[bad]);
		}
		for (size_t k = 0; k < n; k++)
			line += f[k] == '\n';
	}
	return 0;
}

int csvread_next(struct csvread *r, struct csvread_record *rec, struct cn_err *err)
{
	if (r->qhead == r->qn) {
		csvread_compact(r);
		if (csvread_feed(r, err))
			return -1;
		if (r->qhead == r->qn)
			return 0;
	}
	const struct csvread_pending *pe = &r->q[r->qhead++];
	if (csvread_check_text(r, pe, err))
		return -1;
	if (r->have_header && pe->count != r->ncols)
		return csvread_fail(r, err, pe->line, -1, CN_ERR_INPUT,
				    "has %zu fields but the header has %zu; look for a missing "
				    "or extra comma, or a quote left open",
				    pe->count, r->ncols);
	if (pe->count > r->out_cap) {
		r->out_cap = pe->count;
		r->out = xrealloc(r->out, r->out_cap * sizeof(char *));
	}
	for (size_t i = 0; i < pe->count; i++)
		r->out[i] = r->data.data + r->offs[pe->first + i];
	rec->line = pe->line;
	rec->count = pe->count;
	rec->field = r->out;
	rec->len = r->lens + pe->first;
	return 1;
}

/* Copies s without surrounding ASCII white space. */
static char *csvread_trimmed(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return xstrndup(s, n);
}

int csvread_header(struct csvread *r, struct cn_err *err)
{
	struct csvread_record rec;
	int rc = csvread_next(r, &rec, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return csvread_fail(r, err, 0, -1, CN_ERR_INPUT,
				    "is empty; it needs at least its header line");
	r->cols = xcalloc(rec.count, sizeof(char *));
	r->ncols = rec.count;
	for (size_t i = 0; i < rec.count; i++)
		r->cols[i] = csvread_trimmed(rec.field[i]);
	for (size_t i = 0; i < rec.count; i++) {
		if (r->cols[i][0] == '\0')
			return csvread_fail(r, err, rec.line, -1, CN_ERR_INPUT,
					    "the header's column %zu has no name", i + 1);
		for (size_t k = 0; k < i; k++)
			if (strcasecmp(r->cols[i], r->cols[k]) == 0)
				return csvread_fail(r, err, rec.line, -1, CN_ERR_INPUT,
						    "the header names column \"%s\" twice "
						    "(columns %zu and %zu)",
						    r->cols[i], k + 1, i + 1);
	}
	r->have_header = 1;
	return 0;
}

int csvread_column(const struct csvread *r, const char *name)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (strcasecmp(r->cols[i], name) == 0)
			return (int)i;
	return -1;
}

size_t csvread_columns(const struct csvread *r)
{
	return r->ncols;
}

const char *csvread_column_name(const struct csvread *r, size_t i)
{
	return i < r->ncols ? r->cols[i] : NULL;
}
