/* multipart: a bounded parser of multipart/form-data bodies (RFC 7578, with the body
 * syntax of RFC 2046 §5.1.1), for forms that upload files. Nothing is copied but the
 * names and the plain fields' values: a file's content points into the body. Outside
 * input: every count and size is checked before it is used, names and plain values
 * must be UTF-8 without NUL, and a body that does not end with its closing boundary
 * is refused. */
#ifndef CN_MULTIPART_H
#define CN_MULTIPART_H
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

enum {
	MULTIPART_MAX_PARTS = 32,
	MULTIPART_MAX_HEADER = 8192,   /* bytes of one part's header block */
	MULTIPART_MAX_BOUNDARY = 70,   /* RFC 2046 §5.1.1 */
	MULTIPART_MAX_FILENAME = 255,  /* characters */
};

struct multipart_part {
	const char *name;	  /* the field's name (in the arena) */
	const char *filename;	  /* a file's name without folders (in the arena); NULL for
				   * a plain field */
	const char *content_type; /* as sent (in the arena), or NULL */
	/* A plain field: its value, NUL-terminated, in the arena. A file: its bytes,
	 * pointing into the body (valid as long as the body), not NUL-terminated. */
	const char *data;
	size_t len;
};

struct multipart {
	struct multipart_part *parts; /* in the order sent */
	size_t n;
};

/* 1 if the Content-Type value content_type (may be NULL) is multipart/form-data. */
int multipart_is(const char *content_type);
/* Parses body[0..len) sent with Content-Type content_type into out (names, plain values
 * and the parts array allocated in a). Fails with CN_ERR_INPUT saying what is wrong
 * (no or bad boundary, a part without a name, a missing closing boundary, a plain value
 * that is not UTF-8 or holds a NUL, too many parts) and CN_ERR_TOO_LARGE for a header
 * block or plain value over its limit. */
int multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len,
		    struct multipart *out, struct cn_err *err);
/* The last part called name, or NULL. */
const struct multipart_part *multipart_get(const struct multipart *m, const char *name);
/* The value of the last plain field called name, or NULL (absent, or a file). */
const char *multipart_value(const struct multipart *m, const char *name);

#endif
