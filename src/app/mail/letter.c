/* letter: plain text and HTML bodies of one message; see letter.h. The HTML is a small
 * self-contained document with inline styles, as mail programs drop style sheets. */
#include "app/mail/letter.h"

#include <string.h>

static void letter_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&#39;");
			break;
		default:
			buf_putc(b, *s);
		}
	}
}

void letter_begin(struct letter *l, const char *name)
{
	memset(l, 0, sizeof(*l));
	buf_puts(&l->html, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
			   "<title>capnet</title></head>\n<body style=\"font-family:sans-serif;"
			   "line-height:1.5;color:#1a1a1a;max-width:40em\">\n");
	int named = name != NULL && name[0] != '\0';
	buf_printf(&l->text, "Hello%s%s,\n\n", named ? " " : "", named ? name : "");
	buf_puts(&l->html, "<p>Hello");
	if (named) {
		buf_putc(&l->html, ' ');
		letter_escape(&l->html, name);
	}
	buf_puts(&l->html, ",</p>\n");
}

void letter_para(struct letter *l, const char *text)
{
	buf_printf(&l->text, "%s\n\n", text);
	buf_puts(&l->html, "<p>");
	letter_escape(&l->html, text);
	buf_puts(&l->html, "</p>\n");
}

void letter_link(struct letter *l, const char *label, const char *url)
{
	buf_printf(&l->text, "%s:\n%s\n\n", label, url);
	buf_puts(&l->html, "<p><a style=\"display:inline-block;padding:.5em 1em;"
			   "background:#1d4f91;color:#ffffff;text-decoration:none;"
			   "border-radius:4px\" href=\"");
	letter_escape(&l->html, url);
	buf_puts(&l->html, "\">");
	letter_escape(&l->html, label);
	buf_puts(&l->html, "</a></p>\n");
}

void letter_note(struct letter *l, const char *text)
{
	buf_printf(&l->text, "-- \n%s\n", text);
	buf_puts(&l->html, "<p style=\"font-size:.85em;color:#555555\">");
	letter_escape(&l->html, text);
	buf_puts(&l->html, "</p>\n");
}

void letter_end(struct letter *l, struct arena *a, const char **text, const char **html)
{
	buf_puts(&l->html, "</body></html>\n");
	*text = arena_strdup(a, buf_str(&l->text));
	*html = arena_strdup(a, buf_str(&l->html));
	buf_free(&l->text);
	buf_free(&l->html);
}
