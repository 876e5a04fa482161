/* outbox: the messages capnet sends by email (table mail_outbox). A message is queued
 * inside the transaction of the change that causes it, so that it exists exactly when
 * the change does: nothing is lost when the process dies, nothing is sent for a change
 * rolled back. The sender (app/mail/sender.h) claims due messages, delivers them and
 * records each outcome here. A claim is a lease: a message claimed by a process that
 * died (status still "sending" after the lease) is claimed again by another. */
#ifndef CN_OUTBOX_H
#define CN_OUTBOX_H
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "store/store.h"

/* What to send: the parts the sender makes the MIME message of (io/mime.h). */
struct outbox_message {
	const char *kind;  /* "invitation", "reset", "test", a notification kind */
	int64_t person_id; /* the person it is for, or 0 */
	const char *to_addr;
	const char *to_name; /* may be NULL */
	const char *subject;
	const char *text;	     /* plain-text body */
	const char *html;	     /* HTML body (made with the escaping writer) */
	const char *ics;	     /* an iCalendar invitation or cancellation, or NULL */
	const char *unsubscribe_url; /* notifications: the one-click URL, else NULL */
};

/* Inside the caller's transaction (CN_ERR_INTERNAL outside one): queues m, due now.
 * *id (may be NULL) gets its id. CN_ERR_INPUT naming to_addr when it is not an address. */
int outbox_queue(struct store *db, const struct outbox_message *m, int64_t *id, struct cn_err *err);

/* Inside the caller's transaction: drops every message still queued and every digest
 * entry not yet sent (the demo, whose people are made up, mails nobody). */
int outbox_discard_queued(struct store *db, struct cn_err *err);

/* A link to path ("/signin") under the setting site.base_url, in a. */
int outbox_link(struct store *db, struct arena *a, const char *path, const char **url,
		struct cn_err *err);

/* Queues a short message to check the mail settings, in its own transaction, audited. */
int outbox_queue_test(struct store *db, const struct actor *who, struct arena *a,
		      const char *to_addr, const char *to_name, int64_t *id, struct cn_err *err);

struct outbox_item {
	int64_t id;
	const char *kind;
	int64_t person_id;
	const char *to_addr;
	const char *to_name;
	const char *subject;
	const char *text;
	const char *html;
	const char *ics;
	const char *unsubscribe_url;
	const char *status; /* "queued", "sending", "sent", "failed" */
	int64_t attempts;
	const char *next_attempt_at;
	const char *last_error;
	const char *claimed_by;
	const char *claimed_at;
	const char *created_at;
	const char *sent_at;
};

/* In its own transaction: claims up to limit messages that are due (queued with their
 * next attempt now or past, or claimed longer than lease_seconds ago by a process that
 * has not reported since) for worker (a name unique to the process), counting an
 * attempt for each. Several processes on one database never claim one message at
 * once. *items in a, in the order the messages were queued. */
int outbox_claim(struct store *db, struct arena *a, const char *worker, int lease_seconds,
		 int limit, struct outbox_item **items, size_t *count, struct cn_err *err);
/* The claimed message id was accepted by the mail server. 0 also when the claim was
 * lost meanwhile (nothing changed then). */
int outbox_sent(struct store *db, int64_t id, const char *worker, struct cn_err *err);
/* The attempt failed with error: the message is queued again after
 * retry_seconds * 2^(attempts-1) (at most a day), or failed for good when permanent or
 * after max_attempts attempts. */
int outbox_failed(struct store *db, int64_t id, const char *worker, const char *error,
		  int permanent, int retry_seconds, int max_attempts, struct cn_err *err);

/* Messages of status (NULL: any), newest first, at most limit; *items in a.
 * CN_ERR_INPUT naming status when it is not one of the four. */
int outbox_list(struct store *db, struct arena *a, const char *status, int limit,
		struct outbox_item **items, size_t *count, struct cn_err *err);
/* How many messages have each status: queued, sending, sent, failed. */
int outbox_counts(struct store *db, int64_t counts[4], struct cn_err *err);
extern const char *const outbox_statuses[4];

/* One message as JSON, without its bodies. */
void outbox_item_json(struct jw *w, const struct outbox_item *m);

#endif
