/* deliverable_review: quality reviews of deliverable versions on EQuIP-style rubric
 * dimensions (alignment to the standards, the key shifts, instructional supports,
 * assessment), each scored 0-3 with an optional comment, plus overall comments; and
 * per-version summaries (the mean of each dimension). A version can be reviewed while
 * its deliverable is in review or published; each reviewer reviews a version once. */
#ifndef CN_DELIVERABLE_REVIEW_H
#define CN_DELIVERABLE_REVIEW_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

enum review_dimension {
	REVIEW_ALIGNMENT,
	REVIEW_KEY_SHIFTS,
	REVIEW_INSTRUCTIONAL_SUPPORTS,
	REVIEW_ASSESSMENT,
	REVIEW_DIMENSION_COUNT
};

enum { REVIEW_SCORE_MAX = 3, REVIEW_COMMENT_MAX = 2000, REVIEW_NOT_SCORED = -1 };

/* "alignment", "key_shifts", "instructional_supports", "assessment". */
extern const char *const review_dimension_names[REVIEW_DIMENSION_COUNT];

struct deliverable_review {
	int64_t id;
	int64_t version_id;
	int64_t version_number;
	int64_t reviewer_id; /* 0 = the actor's person, on input */
	const char *reviewer_name;
	int score[REVIEW_DIMENSION_COUNT];           /* 0..3 or REVIEW_NOT_SCORED */
	const char *comment[REVIEW_DIMENSION_COUNT]; /* may be NULL */
	const char *comments;                        /* overall; may be NULL */
	const char *created_at;
};

struct deliverable_reviews {
	struct deliverable_review *items;
	size_t count;
};

struct deliverable_review_summary {
	int64_t version_id;
	int64_t version_number;
	size_t reviews;
	size_t scored[REVIEW_DIMENSION_COUNT]; /* reviews that scored the dimension */
	double mean[REVIEW_DIMENSION_COUNT];   /* valid when scored > 0 */
};

struct deliverable_review_summaries {
	struct deliverable_review_summary *items; /* versions with reviews, oldest first */
	size_t count;
};

/* Index of a dimension name (also accepts '-' for '_'), or -1. */
int review_dimension_index(const char *name);
/* Adds in (reviewer, scores, comments) as a review of version_id; at least one
 * dimension must be scored. *id (may be NULL) gets the new review's id. */
int deliverable_review_add(struct store *db, const struct actor *who, int64_t version_id,
			   const struct deliverable_review *in, int64_t *id, struct cn_err *err);
/* Reviews of a deliverable's versions (only version_id's when not 0), oldest first. */
int deliverable_reviews(struct store *db, struct arena *a, int64_t deliverable_id,
			int64_t version_id, struct deliverable_reviews *out, struct cn_err *err);
/* Means per dimension for each reviewed version. */
void deliverable_review_summarize(struct arena *a, const struct deliverable_reviews *r,
				  struct deliverable_review_summaries *out);

void deliverable_reviews_json(struct jw *w, const struct deliverable_reviews *r);
void deliverable_review_summaries_json(struct jw *w, const struct deliverable_review_summaries *s);

#endif
