/* smtp: hands one message to a mail server over SMTP with libcurl. smtp:// upgrades to
 * TLS with STARTTLS when the server offers it (and goes on in clear when it does not);
 * smtps:// is TLS from the start. No domain knowledge. */
#ifndef CN_SMTP_H
#define CN_SMTP_H
#include <stddef.h>

#include "core/err.h"

struct smtp_config {
	const char *url;      /* "smtp://host:port", "smtps://host"; user:password@ allowed */
	const char *user;     /* NULL: none, or as in the URL */
	const char *password; /* with user */
	long timeout;	      /* seconds for the whole exchange */
};

/* Calls curl_global_init once; call before any thread starts. */
void smtp_global_init(void);

/* Sends data (len bytes, CRLF lines) from from to to. 0 when the server accepted it;
 * -1 with err: CN_ERR_INPUT when the server refused it for good (a 5xx reply: the
 * message names the reply), CN_ERR_UNAVAILABLE when it may go through later (no
 * connection, a 4xx reply, a timeout). */
int smtp_send(const struct smtp_config *c, const char *from, const char *to, const char *data,
	      size_t len, struct cn_err *err);

/* url with any password replaced by "***", for messages and pages. */
void smtp_url_display(const char *url, char *out, size_t size);

#endif
