/* form: urlencoded decoding. */
#include "http/form.h"

#include <string.h>

#include "core/utf8.h"

static int form_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes s[0..n) with '+' as space; a '%' not followed by two hex digits is
 * kept as it is (as browsers do). *out_len gets the decoded length. */
static char *form_decode(struct arena *a, const char *s, size_t n, size_t *out_len)
{
	char *d = arena_alloc(a, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			d[k++] = ' ';
		} else if (s[i] == '%' && i + 2 < n && form_hex(s[i + 1]) >= 0 &&
			   form_hex(s[i + 2]) >= 0) {
			d[k++] = (char)(form_hex(s[i + 1]) * 16 + form_hex(s[i + 2]));
			i += 2;
		} else {
			d[k++] = s[i];
		}
	}
	d[k] = '\0';
	*out_len = k;
	return d;
}

int form_parse(struct arena *a, const char *body, size_t len, struct form *f,
	       struct cn_err *err)
{
	f->n = 0;
	f->name = arena_alloc(a, sizeof(char *) * FORM_MAX_FIELDS);
	f->value = arena_alloc(a, sizeof(char *) * FORM_MAX_FIELDS);
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && body[end] != '&')
			end++;
		if (end > i) {
			size_t eq = i;
			while (eq < end && body[eq] != '=')
				eq++;
			if (f->n == FORM_MAX_FIELDS)
				return cn_err_set(err, CN_ERR_TOO_LARGE,
						  "the form has more than %d fields",
						  FORM_MAX_FIELDS);
			size_t nlen = 0, vlen = 0;
			char *name = form_decode(a, body + i, eq - i, &nlen);
			char *value = eq < end ? form_decode(a, body + eq + 1, end - eq - 1, &vlen)
					       : arena_strdup(a, "");
			if (nlen > FORM_MAX_NAME || !utf8_valid(name, nlen, NULL))
				return cn_err_set(err, CN_ERR_INPUT,
						  "the form has a field with a bad name");
			if (vlen > FORM_MAX_VALUE)
				return cn_err_field(err, CN_ERR_TOO_LARGE, name,
						    "%s is longer than %d bytes", name,
						    FORM_MAX_VALUE);
			size_t bad = 0;
			if (!utf8_valid(value, vlen, &bad))
				return cn_err_field(err, CN_ERR_INPUT, name, "%s %s (byte %zu)", name,
						    value[bad] == '\0' ? "holds a NUL byte"
									: "is not valid UTF-8 text",
						    bad + 1);
			f->name[f->n] = name;
			f->value[f->n] = value;
			f->n++;
		}
		i = end + 1;
	}
	return 0;
}

const char *form_get(const struct form *f, const char *name)
{
	const char *v = NULL;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->name[i], name) == 0)
			v = f->value[i];
	return v;
}

const char **form_all(const struct form *f, struct arena *a, const char *name)
{
	const char **out = arena_alloc(a, sizeof(char *) * (f->n + 1));
	size_t k = 0;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->name[i], name) == 0)
			out[k++] = f->value[i];
	out[k] = NULL;
	return out;
}
