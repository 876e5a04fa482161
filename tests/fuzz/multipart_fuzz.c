/* Fuzz target: multipart/form-data decoding never crashes or reads outside the body;
 * a file's bytes lie inside the body, plain values and names are UTF-8 without NUL.
 * The input's first line is the Content-Type header, the rest the body. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "http/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d = (const char *)data;
	const char *nl = memchr(d, '\n', size);
	size_t tlen = nl ? (size_t)(nl - d) : 0;
	if (tlen > 200)
		return 0;
	char type[201];
	memcpy(type, d, tlen);
	type[tlen] = '\0';
	size_t off = nl ? tlen + 1 : 0;
	/* The body in its own allocation, so that reading past it is caught. */
	char *body = malloc(size - off + 1);
	memcpy(body, d + off, size - off);
	body[size - off] = '\0';
	struct arena *a = arena_new();
	struct multipart m;
	struct cn_err err;
	if (multipart_parse(a, type, body, size - off, &m, &err) == 0) {
		if (m.n > MULTIPART_MAX_PARTS)
			abort();
		for (size_t i = 0; i < m.n; i++) {
			const struct multipart_part *p = &m.parts[i];
			if (!utf8_valid(p->name, strlen(p->name), NULL))
				abort();
			if (p->filename != NULL &&
			    (p->data < body || p->data + p->len > body + (size - off)))
				abort();
			if (p->filename == NULL &&
			    (strlen(p->data) != p->len || !utf8_valid(p->data, p->len, NULL)))
				abort();
		}
	}
	arena_free(a);
	free(body);
	return 0;
}
