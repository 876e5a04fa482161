/* json: a streaming JSON writer into a buf. It places commas itself and escapes
 * every string (RFC 8259 §7), so callers cannot produce malformed JSON.
 * Parsing untrusted JSON is jansson's job, not this module's. */
#ifndef CN_JSON_H
#define CN_JSON_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

enum { JW_MAX_DEPTH = 64 };

struct jw {
	struct buf *out;
	int depth;
	unsigned char need_comma[JW_MAX_DEPTH];
	int after_key;
};

void jw_init(struct jw *w, struct buf *out);
void jw_obj_begin(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr_begin(struct jw *w);
void jw_arr_end(struct jw *w);
void jw_key(struct jw *w, const char *key);
/* NULL writes null. */
void jw_str(struct jw *w, const char *s);
void jw_strn(struct jw *w, const char *s, size_t n);
void jw_int(struct jw *w, int64_t v);
void jw_double(struct jw *w, double v);
void jw_bool(struct jw *w, int v);
void jw_null(struct jw *w);
/* Writes already-serialized JSON as one value. Only for text this process produced
 * with a jw or jansson: it is not checked. */
void jw_raw_trusted(struct jw *w, const char *json, size_t n);

/* key + value in one call. */
void jw_kv_str(struct jw *w, const char *key, const char *s);
void jw_kv_int(struct jw *w, const char *key, int64_t v);
/* Writes null when v is 0: for optional references, where 0 is never an id. */
void jw_kv_id(struct jw *w, const char *key, int64_t v);
void jw_kv_bool(struct jw *w, const char *key, int v);
void jw_kv_double(struct jw *w, const char *key, double v);

/* Appends s as a JSON string literal, quotes included. */
void json_escape(struct buf *out, const char *s, size_t n);

#endif
