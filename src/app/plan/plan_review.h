/* plan_review: a facilitator's review comments on a district's plan (DESIGN §2,
 * review). The reviewer must facilitate the plan's network or be an admin; the team's
 * members get a notice of each review. */
#ifndef CN_PLAN_REVIEW_H
#define CN_PLAN_REVIEW_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

enum { PLAN_REVIEW_MAX = 10000 };

/* Adds a review. reviewer_id 0 = the actor's person (the operator must name one).
 * comments: 1..PLAN_REVIEW_MAX characters. *review_id may be NULL. Audited. */
int plan_review_add(struct store *db, const struct actor *who, int64_t plan_id,
		    int64_t reviewer_id, const char *comments, int64_t *review_id,
		    struct cn_err *err);

struct plan_review {
	int64_t id;
	int64_t reviewer_id;
	const char *reviewer;
	const char *comments;
	const char *created_at;
};

/* A plan's reviews, oldest first, in a (CN_ERR_NOT_FOUND for no plan). */
int plan_review_list(struct store *db, struct arena *a, int64_t plan_id,
		     struct plan_review **out, size_t *count, struct cn_err *err);
void plan_review_list_json(struct jw *w, const struct plan_review *r, size_t n);

#endif
