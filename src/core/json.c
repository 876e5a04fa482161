/* json: streaming writer. */
#include "core/json.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void jw_init(struct jw *w, struct buf *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

/* Called before every value: a comma unless first in its container or after a key. */
static void jw_sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0) {
		if (w->need_comma[w->depth - 1])
			buf_putc(w->out, ',');
		w->need_comma[w->depth - 1] = 1;
	}
}

static void jw_open(struct jw *w, char c)
{
	jw_sep(w);
	buf_putc(w->out, c);
	if (w->depth < JW_MAX_DEPTH)
		w->need_comma[w->depth] = 0;
	w->depth++;
}

static void jw_close(struct jw *w, char c)
{
	if (w->depth > 0)
		w->depth--;
	buf_putc(w->out, c);
}

void jw_obj_begin(struct jw *w) { jw_open(w, '{'); }
void jw_obj_end(struct jw *w) { jw_close(w, '}'); }
void jw_arr_begin(struct jw *w) { jw_open(w, '['); }
void jw_arr_end(struct jw *w) { jw_close(w, ']'); }

/* 1 for the bytes json_escape must replace. */
static const unsigned char json_special[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
	[0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
	[0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
	[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
	[0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1,  ['\\'] = 1, [0x7f] = 1,
	['<'] = 1,  ['>'] = 1,  ['&'] = 1,
};

void json_escape(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	buf_putc(out, '"');
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!json_special[c])
			continue;
		const char *rep;
		char u[7];
		if (c == '"')
			rep = "\\\"";
		else if (c == '\\')
			rep = "\\\\";
		else if (c == '\n')
			rep = "\\n";
		else if (c == '\r')
			rep = "\\r";
		else if (c == '\t')
			rep = "\\t";
		else {
			/* Controls, and < > & so that JSON embedded in HTML cannot close a
			 * script element. */
			memcpy(u, "\\u00", 4);
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			u[6] = '\0';
			rep = u;
		}
		buf_append(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_append(out, s + start, n - start);
	buf_putc(out, '"');
}

void jw_key(struct jw *w, const char *key)
{
	jw_sep(w);
	json_escape(w->out, key, strlen(key));
	buf_putc(w->out, ':');
	w->after_key = 1;
}

void jw_strn(struct jw *w, const char *s, size_t n)
{
	jw_sep(w);
	json_escape(w->out, s, n);
}

void jw_str(struct jw *w, const char *s)
{
	if (s == NULL) {
		jw_null(w);
		return;
	}
	jw_strn(w, s, strlen(s));
}

void jw_int(struct jw *w, int64_t v)
{
	jw_sep(w);
	buf_put_int(w->out, v);
}

void jw_double(struct jw *w, double v)
{
	jw_sep(w);
	if (!isfinite(v))
		buf_puts(w->out, "null");
	else
		buf_printf(w->out, "%.15g", v);
}

void jw_bool(struct jw *w, int v)
{
	jw_sep(w);
	buf_puts(w->out, v ? "true" : "false");
}

void jw_null(struct jw *w)
{
	jw_sep(w);
	buf_puts(w->out, "null");
}

void jw_raw_trusted(struct jw *w, const char *json, size_t n)
{
	jw_sep(w);
	buf_append(w->out, json, n);
}

void jw_kv_str(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

void jw_kv_int(struct jw *w, const char *key, int64_t v)
{
	jw_key(w, key);
	jw_int(w, v);
}

void jw_kv_id(struct jw *w, const char *key, int64_t v)
{
	jw_key(w, key);
	if (v == 0)
		jw_null(w);
	else
		jw_int(w, v);
}

void jw_kv_bool(struct jw *w, const char *key, int v)
{
	jw_key(w, key);
	jw_bool(w, v);
}

void jw_kv_double(struct jw *w, const char *key, double v)
{
	jw_key(w, key);
	jw_double(w, v);
}
