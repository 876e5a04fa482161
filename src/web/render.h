/* render: how pages show the texts people write in capnet: Markdown bodies
 * (deliverable versions, library items) and the differences between two versions of a
 * text. Both go through the escaping writer (web/html.h). */
#ifndef CN_RENDER_H
#define CN_RENDER_H
#include <stddef.h>

#include "core/arena.h"
#include "core/diff.h"
#include "web/html.h"

/* Writes body (n bytes of Markdown) inside <div class="md">: raw HTML in it is never
 * passed through, links keep only web addresses, and its headings start at h3 (under
 * the page's h1 and the h2 of its section). a holds scratch memory. */
void render_markdown(struct html *h, struct arena *a, const char *body, size_t n);

/* Writes d as a unified diff table (class "diff"): hunks with `context` equal lines
 * around the changes, removed lines in <del>, added lines in <ins>, each with its line
 * numbers in the old and the new text. caption names the two texts compared. When
 * nothing differs, says so. a holds scratch memory. */
void render_diff(struct html *h, struct arena *a, const struct diff *d, size_t context,
		 const char *caption);

#endif
