/* form: decoding application/x-www-form-urlencoded bodies and query strings (the
 * WHATWG URL Standard's urlencoded parser, §5.1) into name/value pairs, with limits.
 * Values are checked to be UTF-8 without NUL before any handler sees them. */
#ifndef CN_FORM_H
#define CN_FORM_H
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

enum { FORM_MAX_FIELDS = 256, FORM_MAX_VALUE = 200000, FORM_MAX_NAME = 100 };

struct form {
	const char **name;
	const char **value;
	size_t n;
};

/* Decodes body[0..len) into f (everything allocated in a). Fails with CN_ERR_INPUT
 * naming the field when a value is not UTF-8, holds a NUL, or a limit is passed. */
int form_parse(struct arena *a, const char *body, size_t len, struct form *f,
	       struct cn_err *err);
/* The last value of name, or NULL. */
const char *form_get(const struct form *f, const char *name);
/* Every value of name (for repeated fields such as checkboxes), NULL-terminated, in a. */
const char **form_all(const struct form *f, struct arena *a, const char *name);

#endif
