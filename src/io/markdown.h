/* markdown: CommonMark (https://spec.commonmark.org/0.30/) to an HTML fragment with
 * cmark, safe to place in a page whatever the input: raw HTML is never passed
 * through and links and images only keep web addresses. */
#ifndef CN_MARKDOWN_H
#define CN_MARKDOWN_H
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

/* The largest input rendered, in bytes. */
enum { MARKDOWN_INPUT_MAX = 128 * 1024 };

/* Renders md (len bytes; need not be NUL-terminated) as an HTML fragment into *html,
 * allocated in a and valid until arena_free(a).
 *
 * Safety: raw HTML blocks and inline HTML become the comment "<!-- raw HTML omitted
 * -->"; every text and attribute is escaped; a link keeps its address only when it
 * is relative (a path or a #fragment) or uses http, https or mailto, and an image
 * only when relative or http or https: any other (javascript:, vbscript:, data:,
 * file:, ...) is emptied.
 *
 * Refuses, naming `field` in err: input over MARKDOWN_INPUT_MAX bytes
 * (CN_ERR_TOO_LARGE), invalid UTF-8 or a NUL byte (CN_ERR_INPUT). */
int markdown_html(struct arena *a, const char *md, size_t len, const char *field, char **html,
		  struct cn_err *err);

/* 1 if url may stay in an href (image: in a src) by the rule above, else 0. */
int markdown_url_safe(const char *url, int image);

#endif
