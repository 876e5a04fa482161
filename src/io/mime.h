/* mime: an email message as bytes (RFC 5322 with MIME, RFC 2045/2046): a
 * multipart/alternative of plain text and HTML (and, for an invitation, a text/calendar
 * part, RFC 6047), names and subjects outside ASCII as RFC 2047 encoded-words, and on
 * notifications List-Unsubscribe with List-Unsubscribe-Post (RFC 8058) so that a mail
 * program offers one-click unsubscribing. No domain knowledge. */
#ifndef CN_MIME_H
#define CN_MIME_H
#include <time.h>

#include "core/buf.h"

struct mime_msg {
	const char *from_addr; /* "capnet@example.org" */
	const char *from_name; /* may be NULL */
	const char *to_addr;
	const char *to_name;	/* may be NULL */
	const char *subject;	/* UTF-8 */
	const char *text;	/* the plain-text body, UTF-8 */
	const char *html;	/* the HTML body, a whole document, UTF-8 */
	const char *ics;	/* a VCALENDAR (RFC 5545) or NULL */
	const char *ics_method; /* its METHOD ("REQUEST", "CANCEL"), with ics */
	const char *message_id; /* "id@domain" without the angle brackets */
	time_t date;
	const char *unsubscribe_url; /* https URL taking a POST (RFC 8058), or NULL */
};

/* Appends the whole message to out, CRLF line ends, every line under 78 octets. Header
 * values are stripped of line breaks, so no value can add a header. */
void mime_write(const struct mime_msg *m, struct buf *out);

/* Appends text as a header value: as is when it is printable ASCII, else as RFC 2047
 * "B" encoded-words of UTF-8 (whole characters each, folded onto continuation lines).
 * used is how much of the line is taken before it (for folding). */
void mime_header_text(struct buf *out, const char *text, size_t used);

#endif
