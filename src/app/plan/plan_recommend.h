/* plan_recommend: library items recommended for a plan's goals, through the library's
 * one recommender (library_recommend in library.h), each with the reason it ranks
 * where it does: the goal's words it matches (from the goal, its measure and the needs
 * it is linked to), its evidence tier (ESSA 1-4), and how the teams that tried it out
 * at network meetings rated it. Only items of the plan's network and the statewide
 * library are recommended, and items already linked to the plan's actions are left
 * out. Searching goes through the store's search index (kind "library"), so only
 * indexed library items are found; the ranking is the library's. */
#ifndef CN_PLAN_RECOMMEND_H
#define CN_PLAN_RECOMMEND_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

enum { PLAN_RECOMMEND_DEFAULT = 5, PLAN_RECOMMEND_MAX = 50 };

struct plan_recommendation {
	int64_t item_id;
	const char *title;
	const char *kind;
	int64_t evidence_tier; /* 0 = none */
	const char **matched;  /* the goal's words it matched */
	size_t nmatched;
	int64_t tryouts; /* try-outs of the item (tryout_summary) */
	double rating;	 /* their average rating, 1..5; 0 when none */
	int64_t would_work;
	double score;	      /* the library's; only for the order */
	const char **reasons; /* the library's reason, one sentence */
	size_t nreasons;
};

struct plan_recommend_goal {
	int64_t goal_id;
	const char *title;
	const char **words; /* the words searched for */
	size_t nwords;
	struct plan_recommendation *items; /* best first */
	size_t count;
};

struct plan_recommendations {
	int64_t plan_id;
	struct plan_recommend_goal *goals;
	size_t ngoals;
};

/* Recommendations for every goal of plan_id, or only goal_id (not 0), at most limit
 * per goal (0 = PLAN_RECOMMEND_DEFAULT; 1..PLAN_RECOMMEND_MAX). In a. */
int plan_recommend(struct store *db, struct arena *a, int64_t plan_id, int64_t goal_id,
		   int limit, struct plan_recommendations *out, struct cn_err *err);
void plan_recommend_json(struct jw *w, const struct plan_recommendations *r);
/* One row per recommendation (goal_id, rank, item_id, title, score, reasons joined). */
void plan_recommend_rows_json(struct jw *w, const struct plan_recommendations *r);

#endif
