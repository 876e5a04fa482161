/* Fuzz target: urlencoded form decoding never crashes, and what it accepts is UTF-8
 * without NUL. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "http/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct form f;
	struct cn_err err;
	if (form_parse(a, (const char *)data, size, &f, &err) == 0)
		for (size_t i = 0; i < f.n; i++)
			if (!utf8_valid(f.value[i], strlen(f.value[i]), NULL))
				abort();
	arena_free(a);
	return 0;
}
