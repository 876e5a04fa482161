/* html: escaping writer (see html.h). Follows the HTML Living Standard's rules for
 * character references in text and quoted attribute values (§13.1.2.6, §13.2.4). */
#include "web/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void html_init(struct html *h, struct buf *out)
{
	memset(h, 0, sizeof(*h));
	h->out = out;
}

/* 1 for the bytes html_escape must replace. */
static const unsigned char html_special[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1, ['\0'] = 1,
};

void html_escape(struct buf *out, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		if (!html_special[(unsigned char)s[i]])
			continue;
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		case '\0':
			rep = "\xEF\xBF\xBD"; /* U+FFFD: a NUL never reaches the page */
			break;
		default:
			continue;
		}
		buf_append(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_append(out, s + start, n - start);
}

int html_url_safe(const char *url)
{
	if (url == NULL)
		return 0;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	if (url[0] == '/' && url[1] != '/' && url[1] != '\\')
		return 1;
	if (url[0] == '?' || url[0] == '#')
		return 1;
	return strncasecmp(url, "https://", 8) == 0 || strncasecmp(url, "http://", 7) == 0 ||
	       strncasecmp(url, "mailto:", 7) == 0;
}

static int html_is_url_attr(const char *name)
{
	switch (name[0]) { /* most attributes are none of these: one comparison */
	case 'h':
		return strcmp(name, "href") == 0;
	case 's':
		return strcmp(name, "src") == 0;
	case 'a':
		return strcmp(name, "action") == 0;
	case 'f':
		return strcmp(name, "formaction") == 0;
	default:
		return 0;
	}
}

static void html_attrs(struct html *h, va_list ap)
{
	const char *name;
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *value = va_arg(ap, const char *);
		if (value == NULL)
			continue;
		buf_putc(h->out, ' ');
		buf_puts(h->out, name);
		int url = html_is_url_attr(name);
		if (value[0] == '\0' && !url && strcmp(name, "value") != 0 &&
		    strcmp(name, "alt") != 0 && strncmp(name, "aria-", 5) != 0) {
			continue; /* a boolean attribute */
		}
		if (url && !html_url_safe(value))
			value = "#";
		buf_puts(h->out, "=\"");
		html_escape(h->out, value, strlen(value));
		buf_putc(h->out, '"');
	}
}

/* <tag attrs...>: the start tag of html_open and html_void. */
static void html_start_tag(struct html *h, const char *tag, va_list ap)
{
	buf_putc(h->out, '<');
	buf_puts(h->out, tag);
	html_attrs(h, ap);
	buf_putc(h->out, '>');
}

void html_open(struct html *h, const char *tag, ...)
{
	va_list ap;
	va_start(ap, tag);
	html_start_tag(h, tag, ap);
	va_end(ap);
	if (h->depth < HTML_MAX_DEPTH)
		h->open[h->depth] = tag;
	h->depth++;
}

void html_void(struct html *h, const char *tag, ...)
{
	va_list ap;
	va_start(ap, tag);
	html_start_tag(h, tag, ap);
	va_end(ap);
}

void html_close(struct html *h)
{
	if (h->depth == 0)
		return;
	h->depth--;
	if (h->depth < HTML_MAX_DEPTH) {
		buf_puts(h->out, "</");
		buf_puts(h->out, h->open[h->depth]);
		buf_putc(h->out, '>');
	}
}

void html_close_to(struct html *h, int depth)
{
	while (h->depth > depth)
		html_close(h);
}

int html_depth(const struct html *h)
{
	return h->depth;
}

void html_textn(struct html *h, const char *s, size_t n)
{
	if (s != NULL)
		html_escape(h->out, s, n);
}

void html_text(struct html *h, const char *s)
{
	if (s != NULL)
		html_escape(h->out, s, strlen(s));
}

void html_textf(struct html *h, const char *fmt, ...)
{
	struct buf tmp = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&tmp, fmt, ap);
	va_end(ap);
	html_escape(h->out, buf_str(&tmp), tmp.len);
	buf_free(&tmp);
}

void html_elem(struct html *h, const char *tag, const char *text, ...)
{
	va_list ap;
	buf_putc(h->out, '<');
	buf_puts(h->out, tag);
	va_start(ap, text);
	html_attrs(h, ap);
	va_end(ap);
	buf_putc(h->out, '>');
	html_text(h, text);
	buf_puts(h->out, "</");
	buf_puts(h->out, tag);
	buf_putc(h->out, '>');
}

void html_raw_trusted(struct html *h, const char *markup)
{
	buf_puts(h->out, markup);
}
