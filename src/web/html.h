/* html: the escaping HTML writer. Every byte of data that reaches a page goes through
 * it: text and attribute values are escaped for their context, URL attributes accept
 * only safe schemes, and elements close in order. Tag and attribute names are
 * constants from our code, never data. */
#ifndef CN_HTML_H
#define CN_HTML_H
#include <stddef.h>

#include "core/buf.h"

enum { HTML_MAX_DEPTH = 64 };

struct html {
	struct buf *out;
	int depth;
	const char *open[HTML_MAX_DEPTH];
};

void html_init(struct html *h, struct buf *out);
/* <tag name="value" ...>: the variadic part is name, value pairs ended by NULL. A
 * NULL value leaves the attribute out; "" writes a bare boolean attribute (e.g.
 * "required", ""). href, src, action and formaction values must be relative
 * ("/", "?", "#") or http(s): or mailto:, else they become "#". */
void html_open(struct html *h, const char *tag, ...) __attribute__((sentinel));
/* A void element (input, img, meta, link, br): no content, no closing tag. */
void html_void(struct html *h, const char *tag, ...) __attribute__((sentinel));
/* Closes the innermost open element. */
void html_close(struct html *h);
/* Closes elements until `depth` are left open (html_depth() before opening). */
void html_close_to(struct html *h, int depth);
int html_depth(const struct html *h);
/* Escaped text. NULL writes nothing. */
void html_text(struct html *h, const char *s);
void html_textn(struct html *h, const char *s, size_t n);
void html_textf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* <tag attrs>text</tag> in one call; attributes as in html_open. */
void html_elem(struct html *h, const char *tag, const char *text, ...)
	__attribute__((sentinel));
/* Writes markup that is already safe: only for our own constants and for HTML that
 * a sanitizer produced (cmark with CMARK_OPT_SAFE). The caller states why. */
void html_raw_trusted(struct html *h, const char *markup);

/* Escapes s for text and attribute contexts into out (& < > " '). */
void html_escape(struct buf *out, const char *s, size_t n);
/* 1 if url may be used in href/src/action as it is. */
int html_url_safe(const char *url);

#endif
