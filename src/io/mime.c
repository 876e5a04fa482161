/* mime: composing email messages; see mime.h. Bodies are sent base64-encoded (RFC 2045
 * §6.8), which keeps every line short and any UTF-8 intact through any relay. */
#include "io/mime.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

enum { MIME_LINE = 76 };

static const char mime_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* n bytes of p as base64 without line breaks. */
static void mime_base64(struct buf *out, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		buf_putc(out, mime_b64[(v >> 18) & 63]);
		buf_putc(out, mime_b64[(v >> 12) & 63]);
		buf_putc(out, i + 1 < n ? mime_b64[(v >> 6) & 63] : '=');
		buf_putc(out, i + 2 < n ? mime_b64[v & 63] : '=');
	}
}

/* A body as base64 in lines of 76. */
static void mime_base64_lines(struct buf *out, const char *s)
{
	size_t n = strlen(s);
	/* 57 bytes make 76 characters. */
	for (size_t i = 0; i < n; i += 57) {
		mime_base64(out, (const unsigned char *)s + i, n - i < 57 ? n - i : 57);
		buf_puts(out, "\r\n");
	}
}

/* 1 when s may stand in a header as is: printable ASCII and spaces. */
static int mime_plain(const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c < 0x20 || *c > 0x7e)
			return 0;
	return 1;
}

/* Length of the UTF-8 sequence starting with byte c (1 for a stray byte). */
static size_t mime_utf8_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

void mime_header_text(struct buf *out, const char *text, size_t used)
{
	/* Line breaks (and other controls) become spaces: a value never starts a header. */
	char *clean = xstrdup(text);
	for (char *c = clean; *c; c++)
		if ((*c > 0 && *c < 0x20) || *c == 0x7f)
			*c = ' ';
	if (mime_plain(clean)) {
		buf_puts(out, clean);
		free(clean);
		return;
	}
	/* RFC 2047 §2: an encoded-word is at most 75 characters, and a line holding one at
	 * most 76; §5: encoded-words are separated by folding white space, which a reader
	 * drops between them. Each word holds whole characters (§5 (3)). */
	const unsigned char *p = (const unsigned char *)clean;
	while (*p) {
		size_t room = used + 12 + 8 <= MIME_LINE ? (MIME_LINE - used - 12) / 4 * 3 : 6;
		size_t take = 0;
		while (p[take]) {
			size_t l = mime_utf8_len(p[take]);
			for (size_t k = 1; k < l; k++)
				if (p[take + k] == 0)
					l = k;
			if (take + l > room && take > 0)
				break;
			take += l;
		}
		if ((const char *)p != clean)
			buf_puts(out, "\r\n ");
		buf_puts(out, "=?UTF-8?B?");
		mime_base64(out, p, take);
		buf_puts(out, "?=");
		used = 1;
		p += take;
	}
	free(clean);
}

/* "Name <addr>" with the name quoted or encoded; addr stripped of what may not be in
 * one. */
static void mime_address(struct buf *out, const char *name, const char *addr, size_t used)
{
	if (name != NULL && name[0] != '\0') {
		char *clean = xstrdup(name);
		for (char *c = clean; *c; c++)
			if ((*c > 0 && *c < 0x20) || *c == 0x7f)
				*c = ' ';
		if (mime_plain(clean)) {
			/* A quoted-string (RFC 5322 §3.2.4), so that any punctuation is text. */
			buf_putc(out, '"');
			for (const char *c = clean; *c; c++) {
				if (*c == '"' || *c == '\\')
					buf_putc(out, '\\');
				buf_putc(out, *c);
			}
			buf_putc(out, '"');
		} else {
			mime_header_text(out, clean, used);
		}
		free(clean);
		buf_puts(out, " ");
	}
	buf_putc(out, '<');
	for (const char *c = addr; *c; c++)
		if ((unsigned char)*c > 0x20 && *c != '<' && *c != '>' && *c != 0x7f)
			buf_putc(out, *c);
	buf_putc(out, '>');
}

/* RFC 5322 §3.3 date, in UTC, without the locale. */
static void mime_date(struct buf *out, time_t t)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	gmtime_r(&t, &tm);
	buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
		   months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* A header value that is ASCII by contract (ids, URLs): line breaks dropped. */
static void mime_header_ascii(struct buf *out, const char *s)
{
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c >= 0x20 && *c != 0x7f)
			buf_putc(out, *c);
}

static void mime_part(struct buf *out, const char *boundary, const char *type, const char *body)
{
	buf_printf(out, "--%s\r\nContent-Type: %s\r\nContent-Transfer-Encoding: base64\r\n\r\n",
		   boundary, type);
	mime_base64_lines(out, body);
}

void mime_write(const struct mime_msg *m, struct buf *out)
{
	unsigned char raw[12];
	randombytes_buf(raw, sizeof(raw));
	/* "=_" never occurs in base64 lines, so the boundary cannot occur in a part. */
	struct buf bnd = BUF_INIT;
	buf_puts(&bnd, "=_capnet_");
	mime_base64(&bnd, raw, sizeof(raw));
	for (char *c = (char *)buf_str(&bnd); *c; c++)
		if (*c == '+' || *c == '/')
			*c = '.';
	const char *boundary = buf_str(&bnd);

	buf_puts(out, "Date: ");
	mime_date(out, m->date);
	buf_puts(out, "\r\nFrom: ");
	mime_address(out, m->from_name, m->from_addr, 6);
	buf_puts(out, "\r\nTo: ");
	mime_address(out, m->to_name, m->to_addr, 4);
	buf_puts(out, "\r\nSubject: ");
	mime_header_text(out, m->subject, 9);
	buf_puts(out, "\r\nMessage-ID: <");
	mime_header_ascii(out, m->message_id);
	buf_puts(out, ">\r\n");
	if (m->unsubscribe_url != NULL) {
		buf_puts(out, "List-Unsubscribe: <");
		mime_header_ascii(out, m->unsubscribe_url);
		buf_puts(out, ">\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
	}
	buf_puts(out, "Auto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n");
	buf_printf(out, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n", boundary);
	buf_puts(out, "This is a message in MIME format.\r\n");
	mime_part(out, boundary, "text/plain; charset=UTF-8", m->text);
	mime_part(out, boundary, "text/html; charset=UTF-8", m->html);
	if (m->ics != NULL) {
		char type[96];
		snprintf(type, sizeof(type), "text/calendar; charset=UTF-8; method=%s",
			 m->ics_method != NULL && strcmp(m->ics_method, "CANCEL") == 0 ? "CANCEL"
										       : "REQUEST");
		mime_part(out, boundary, type, m->ics);
	}
	buf_printf(out, "--%s--\r\n", boundary);
	buf_free(&bnd);
}
