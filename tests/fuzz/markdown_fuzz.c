/* markdown_fuzz: any bytes through the Markdown rendering path; the output must pass
 * markdown_check_html (no script, no event handler, only safe addresses). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "markdown_check.h"
#include "core/arena.h"
#include "io/markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct cn_err err = {0};
	char *html = NULL;
	if (markdown_html(a, (const char *)data, size, "body", &html, &err) == 0) {
		char why[200];
		if (markdown_check_html(html, why, sizeof(why)) != 0) {
			fprintf(stderr, "unsafe output: %s\n", why);
			abort();
		}
	}
	arena_free(a);
	return 0;
}
