/* sender: the thread of `capnet serve` that delivers the outbox (app/mail/outbox.h)
 * over SMTP (io/smtp.h): every few seconds it claims the messages that are due, makes
 * each a MIME message (io/mime.h), hands it to the mail server and records the outcome;
 * a failure is tried again later, waiting twice as long each time, until max_attempts.
 * Without an SMTP URL no sender runs and messages wait in the outbox. */
#ifndef CN_SENDER_H
#define CN_SENDER_H

#include "core/err.h"
#include "store/store.h"

struct mail_config {
	const char *db_url;	   /* the sender opens its own connection */
	const char *smtp_url;	   /* NULL: no sender */
	const char *smtp_user;	   /* may be NULL */
	const char *smtp_password; /* may be NULL */
	const char *from;	   /* the sender's address (default "capnet@localhost") */
	const char *from_name;	   /* its name (default "capnet") */
	int interval;		   /* seconds between looks at the outbox (default 5) */
	int retry_seconds;	   /* the first wait after a failure (default 60) */
	int max_attempts;	   /* attempts before a message fails for good (default 8) */
	int lease_seconds;	   /* a claim older than this is taken over (default 600) */
	int smtp_timeout;	   /* seconds for one message (default 60) */
	int digest_seconds;	   /* a digest goes out once its oldest entry is this old
				    * (default a week) */
};

void mail_config_default(struct mail_config *cfg);

/* Starts the sender thread when cfg->smtp_url is set (cfg and its strings must live
 * until mail_sender_stop). Remembers the configuration for mail_sender_describe either
 * way. */
int mail_sender_start(const struct mail_config *cfg, struct cn_err *err);
/* Stops the thread (after the message in hand, if any) and waits for it. */
void mail_sender_stop(void);

/* What this process's sender does, for the admin page: 1 when it sends (*url gets the
 * SMTP URL without its password, *from the sender's address, both static), 0 when
 * messages wait. */
int mail_sender_describe(const char **url, const char **from);

/* One round: claims what is due as worker and delivers it. *sent gets how many were
 * accepted by the mail server. -1 only when the database failed. */
int mail_sender_round(struct store *db, const struct mail_config *cfg, const char *worker,
		      int *sent, struct cn_err *err);

#endif
