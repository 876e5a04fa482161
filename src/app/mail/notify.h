/* notify: telling people by email what happened to their work. Each notification is
 * queued inside the transaction of the change (app/mail/outbox.h). Each person
 * chooses per kind: by email (the default), in the app only (no mail), or in a weekly
 * digest. Every notification mail carries a one-click unsubscribe link (RFC 8058)
 * that sets its kind to in the app only. */
#ifndef CN_NOTIFY_H
#define CN_NOTIFY_H
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

enum notify_kind {
	NOTIFY_PLAN_SUBMITTED, /* a plan awaits review: to the network's facilitators */
	NOTIFY_PLAN_DECIDED,   /* a plan approved or returned: to the team's leads */
	NOTIFY_SOURCE_UPDATED, /* a source of an adaptation changed: to its owners */
	NOTIFY_MEETING,	       /* a meeting scheduled, moved or cancelled: to the teams */
	NOTIFY_DELIVERABLE,    /* a deliverable's new version or review: to its owners */
	NOTIFY_KIND_COUNT
};
extern const char *const notify_kinds[NOTIFY_KIND_COUNT];	/* "plan_submitted", ... */
extern const char *const notify_kind_labels[NOTIFY_KIND_COUNT]; /* for people */

enum notify_mode { NOTIFY_EMAIL, NOTIFY_IN_APP, NOTIFY_DIGEST, NOTIFY_MODE_COUNT };
extern const char *const notify_modes[NOTIFY_MODE_COUNT]; /* "email", "in_app", "digest" */

/* Inside the caller's transaction: tells person_id about something of kind: subject
 * (one line), what (a paragraph) and a link to path (under site.base_url), as the
 * person chose: a message now, an entry of the next digest, or nothing. */
int notify_person(struct store *db, struct arena *a, int64_t person_id, enum notify_kind kind,
		  const char *subject, const char *what, const char *path, struct cn_err *err);
/* The same with an iCalendar invitation or cancellation (RFC 6047) made for the
 * person by make_ics (given their address and name; NULL: none) attached to the
 * message. A digest entry carries no calendar. */
int notify_person_ics(struct store *db, struct arena *a, int64_t person_id, enum notify_kind kind,
		      const char *subject, const char *what, const char *path,
		      const char *(*make_ics)(void *ctx, const char *email, const char *name),
		      void *ctx, struct cn_err *err);

/* notify_person_ics for each person whose id sql (?1 = id) gives in its first column,
 * but except (the person who made the change: 0 for none): the one way the modules
 * that notify pick the people to tell. */
int notify_people(struct store *db, struct arena *a, const char *sql, int64_t id, int64_t except,
		  enum notify_kind kind, const char *subject, const char *what, const char *path,
		  const char *(*make_ics)(void *ctx, const char *email, const char *name),
		  void *ctx, struct cn_err *err);

/* The person's choice for each kind, into modes. */
int notify_prefs(struct store *db, int64_t person_id, enum notify_mode modes[NOTIFY_KIND_COUNT],
		 struct cn_err *err);
/* Sets the choice of kind (its name) to mode (its name); CN_ERR_INPUT naming the
 * kind when either is unknown. Audited. */
int notify_pref_set(struct store *db, const struct actor *who, int64_t person_id, const char *kind,
		    const char *mode, struct cn_err *err);
/* One-click unsubscribing: the kind the secret token was mailed for becomes in the
 * app only for its person, audited. *label (static) gets the kind's label.
 * CN_ERR_NOT_FOUND for an unknown token. Using it again changes nothing. */
int notify_unsubscribe(struct store *db, const char *token, const char **label, struct cn_err *err);

/* Queues a digest for every person whose oldest entry waiting is older than
 * period_seconds, each in its own transaction. *sent gets how many. */
int notify_digest_round(struct store *db, int period_seconds, int *sent, struct cn_err *err);

#endif
