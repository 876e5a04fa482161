/* diff_fuzz: the line diff on arbitrary pairs of texts (the input split at its first
 * 0xff byte). Checks that the script rebuilds both texts line by line and that the
 * unified and JSON renderings do not fail. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/diff.h"
#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Appends each line of side (DIFF_DELETE: old, DIFF_INSERT: new) with '\n'. */
static void rebuild(const struct diff *d, enum diff_op skip, struct buf *out)
{
	for (size_t i = 0; i < d->count; i++) {
		if (d->lines[i].op == skip)
			continue;
		buf_append(out, d->lines[i].text, d->lines[i].len);
		buf_putc(out, '\n');
	}
}

/* The text as the diff sees it: every line ends in '\n'. */
static void normalize(const char *s, size_t n, struct buf *out)
{
	buf_append(out, s, n);
	if (n > 0 && s[n - 1] != '\n')
		buf_putc(out, '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *a = (const char *)data;
	const char *sep = memchr(data, 0xff, size);
	size_t na = sep ? (size_t)(sep - a) : size;
	const char *b = sep ? sep + 1 : "";
	size_t nb = sep ? size - na - 1 : 0;
	struct arena *ar = arena_new();
	struct diff d;
	if (diff_texts(ar, a, na, b, nb, &d, NULL) == 0) {
		struct buf got = BUF_INIT, want = BUF_INIT;
		rebuild(&d, DIFF_INSERT, &got);
		normalize(a, na, &want);
		if (got.len != want.len || (got.len && memcmp(got.data, want.data, got.len)))
			abort();
		buf_reset(&got);
		buf_reset(&want);
		rebuild(&d, DIFF_DELETE, &got);
		normalize(b, nb, &want);
		if (got.len != want.len || (got.len && memcmp(got.data, want.data, got.len)))
			abort();
		buf_reset(&got);
		diff_unified(&d, "a", "b", DIFF_CONTEXT, &got);
		struct jw w;
		jw_init(&w, &got);
		diff_json(&w, &d, DIFF_CONTEXT);
		buf_free(&got);
		buf_free(&want);
	}
	arena_free(ar);
	return 0;
}
