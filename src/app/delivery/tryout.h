/* tryout: a participant tried a library item, usually at a network meeting, and says
 * how it went (a rating of 1 to 5) and whether it would work in their district (yes,
 * maybe, no). Per item, a summary counts them, averages the ratings and counts, per
 * district, the teams whose members tried it. */
#ifndef CN_TRYOUT_H
#define CN_TRYOUT_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

/* Fields: item_id, person_id, meeting_id (optional), rating, would_work, note. */
extern const struct rec_entity tryout_entity;

struct tryout_district {
	int64_t district_id;
	const char *name;
	int64_t teams;  /* distinct teams of the district whose members tried the item */
	int64_t people; /* distinct people of those teams who tried it */
};

struct tryout_summary {
	int64_t count;
	double rating_avg;     /* 0 when count is 0 */
	int64_t ratings[5];    /* how many rated 1 .. 5 */
	int64_t yes, maybe, no; /* "would it work here?" */
	int64_t teams;         /* distinct teams, all districts */
	struct tryout_district *districts; /* by district name */
	size_t ndistricts;
};

/* A person's team for a try-out is their team in the meeting's network; for a
 * try-out without a meeting, every team they are on. Membership is read now, so a
 * person who left a team no longer counts for it. *out's arrays live in a. */
int tryout_summary(struct store *db, struct arena *a, int64_t item_id,
		   struct tryout_summary *out, struct cn_err *err);
/* Only count, average and the would-work counts (one query; districts left empty). */
int tryout_summary_brief(struct store *db, int64_t item_id, struct tryout_summary *out,
			 struct cn_err *err);
/* The try-outs of an item, oldest first; records live in a. */
int tryout_list(struct store *db, struct arena *a, int64_t item_id, struct rec_list *out,
		struct cn_err *err);

/* {"count":..,"rating_avg":..,"ratings":[..5],"would_work":{"yes":..,"maybe":..,"no":..},
 *  "teams":..,"districts":[{"district_id","name","teams","people"}]} */
void tryout_summary_json(struct jw *w, const struct tryout_summary *s);

#endif
