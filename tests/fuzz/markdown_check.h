/* markdown_check: what rendered Markdown must never contain, checked tag by tag: only
 * the elements and attributes cmark writes for CommonMark, no <script>, no event
 * handler, and link and image addresses that markdown_url_safe() allows. Shared by
 * the fuzz target and the unit test. Header-only, for tests. */
#ifndef CN_MARKDOWN_CHECK_H
#define CN_MARKDOWN_CHECK_H
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "io/markdown.h"

static int markdown_check_in(const char *name, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == n && strncmp(list[i], name, n) == 0)
			return 1;
	return 0;
}

/* 0 if html is safe; else -1 with the reason in why. */
static int markdown_check_html(const char *html, char *why, size_t size)
{
	static const char *const tags[] = {
		"p",  "h1", "h2",  "h3",	 "h4",	"h5", "h6",  "em", "strong", "a", "img",
		"code", "pre", "blockquote", "ul", "ol", "li", "hr", "br",	   NULL};
	static const char *const attrs[] = {"href", "src", "alt", "title", "start", "class", NULL};
	static const char omitted[] = "<!-- raw HTML omitted -->";
	for (const char *p = strchr(html, '<'); p != NULL; p = strchr(p + 1, '<')) {
		if (strncmp(p, omitted, sizeof(omitted) - 1) == 0)
			continue;
		const char *s = p + 1 + (p[1] == '/');
		size_t n = 0;
		while (isalnum((unsigned char)s[n]))
			n++;
		if (!markdown_check_in(s, n, tags)) {
			snprintf(why, size, "unexpected tag at: %.40s", p);
			return -1;
		}
		const char *end = strchr(s, '>');
		if (end == NULL) {
			snprintf(why, size, "unterminated tag at: %.40s", p);
			return -1;
		}
		/* Attributes: name="value", values never hold '"' (cmark escapes it). */
		const char *q = s + n;
		while (q < end) {
			while (q < end && (*q == ' ' || *q == '/'))
				q++;
			if (q >= end)
				break;
			size_t an = 0;
			while (isalpha((unsigned char)q[an]))
				an++;
			if (an == 0 || q[an] != '=' || q[an + 1] != '"' ||
			    !markdown_check_in(q, an, attrs)) {
				snprintf(why, size, "unexpected attribute at: %.40s", q);
				return -1;
			}
			const char *v = q + an + 2, *ve = strchr(v, '"');
			if (ve == NULL || ve > end) {
				snprintf(why, size, "unterminated attribute at: %.40s", q);
				return -1;
			}
			char value[4096];
			snprintf(value, sizeof(value), "%.*s", (int)(ve - v), v);
			int is_url = (an == 4 && strncmp(q, "href", 4) == 0) ||
				     (an == 3 && strncmp(q, "src", 3) == 0);
			if (is_url && !markdown_url_safe(value, q[0] == 's')) {
				snprintf(why, size, "unsafe address: %.60s", value);
				return -1;
			}
			q = ve + 1;
		}
		p = end;
	}
	if (strcasestr(html, "<script") != NULL) {
		snprintf(why, size, "a <script> tag");
		return -1;
	}
	return 0;
}

#endif
