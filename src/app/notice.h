/* notice: telling people that something changed. The source a deliverable was adapted
 * from has a newly published version; a co-created deliverable has a new version or a
 * new review (its owners and contributors are told). The adaptation is never changed; its
 * owners (contributors, the team's leads, its creator) each get a notice, can compare
 * the new source version with their own latest version, take what they want into a
 * normal save (app/deliverable/deliverable.h), and mark the notice seen. A facilitator's review of a
 * plan (app/plan/plan_review.h) tells the team's members with a notice too. */
#ifndef CN_NOTICE_H
#define CN_NOTICE_H
#include <stddef.h>
#include <stdint.h>

#include "app/deliverable/deliverable.h"
#include "app/access/policy.h"

struct notice {
	int64_t id;
	int64_t person_id;
	const char *kind;            /* "source_updated", "version_saved", "review_added" (of a
				      * deliverable), or "review" of a plan */
	int64_t deliverable_id;      /* the adaptation (0 for a plan's review) */
	const char *deliverable_title;
	int64_t source_version_id;   /* the newly published source version */
	int64_t source_deliverable_id;
	int64_t source_number;
	const char *message;
	const char *seen_at;         /* NULL while unseen */
	const char *created_at;
	int64_t plan_id;             /* a review's plan, else 0 */
	const char *plan_title;
};

struct notices {
	struct notice *items;
	size_t count;
};

/* Inside the caller's transaction: version_id has just been published; tells the
 * owners of every deliverable adapted from an older version of the same deliverable.
 * A person gets one notice per adaptation and source version. */
int notice_source_published(struct store *db, const struct actor *who, struct arena *a,
			    int64_t version_id, struct cn_err *err);
/* Inside the caller's transaction: tells the owners of deliverable_id (contributors,
 * the team's leads, its creator), but the actor, by email as each chose
 * (app/mail/notify.h, kind deliverable): a new version or a review. */
int notice_tell_owners(struct store *db, const struct actor *who, struct arena *a,
		       int64_t deliverable_id, const char *subject, const char *what,
		       struct cn_err *err);
enum notice_event { NOTICE_VERSION_SAVED, NOTICE_REVIEW_ADDED };

/* Inside the caller's transaction: version_id of deliverable_id has just been saved
 * (NOTICE_VERSION_SAVED) or reviewed (NOTICE_REVIEW_ADDED) by person by; tells its
 * owners and contributors, all but by, each with one notice naming the version by its
 * number. */
int notice_deliverable_event(struct store *db, const struct actor *who, struct arena *a,
			     enum notice_event ev, int64_t deliverable_id, int64_t version_id,
			     int64_t by, struct cn_err *err);
/* A person's notices, newest first; only unseen ones unless all. In a. */
int notice_list(struct store *db, struct arena *a, int64_t person_id, int all,
		struct notices *out, struct cn_err *err);
int notice_get(struct store *db, struct arena *a, int64_t id, struct notice *out,
	       struct cn_err *err);
/* May the actor who (the actor of policy p) do verb on notice n, or on their own
 * notices when n is NULL (a list)? A notice is its person's alone (policy rule
 * "notice"): anyone else's is refused as CN_ERR_NOT_FOUND "there is no notice with id
 * N", the same answer as for a missing one. 0 allowed, -1 with err. */
int notice_allow(struct policy *p, const struct actor *who, enum policy_verb verb,
		 const struct notice *n, struct cn_err *err);
/* notice_get, then notice_allow: the notice id, in a, when the actor may do verb on it. */
int notice_get_allowed(struct store *db, struct arena *a, struct policy *p,
		       const struct actor *who, enum policy_verb verb, int64_t id,
		       struct notice *out, struct cn_err *err);
/* Marks it seen (dismissed); seeing it again changes nothing. Audited. */
int notice_seen(struct store *db, const struct actor *who, int64_t id, struct cn_err *err);
/* The differences from the adaptation's latest version to the new source version: what
 * taking the source would change. *source and *own (may be NULL) get the two versions.
 * All in a. */
int notice_compare(struct store *db, struct arena *a, int64_t id, struct diff *out,
		   struct deliverable_version *source, struct deliverable_version *own,
		   struct cn_err *err);

void notice_json(struct jw *w, const struct notice *n);
void notices_json(struct jw *w, const struct notices *n);

#endif
