/* Folder app/assessment: a district team's needs assessment.
 *   assessment.c/h  assessments, ratings, comparison of two years
 *   challenge.c/h   the challenges an assessment names, technical or adaptive
 *   instrument.c/h  instruments, a network's copy; capnet's default instrument
 *   indicator.c/h   the indicators of an instrument
 */
/* assessment: a district team's needs assessment for a school year (DESIGN §1, §2). The
 * team rates each indicator of an instrument (app/assessment/instrument.h): where the district is
 * now and where it wants to be (levels 1-4), the evidence, and a priority. It records
 * its challenges, each classified technical (a known fix exists) or adaptive (no
 * prescribed fix: the people involved must learn and change), with the reason. Two
 * assessments of the same district can be compared to see what moved.
 *
 * A submitted assessment is closed: set its status back to draft to change it. */
#ifndef CN_ASSESSMENT_H
#define CN_ASSESSMENT_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

extern const struct rec_entity assessment_entity;

enum { ASSESSMENT_LEVEL_MIN = 1, ASSESSMENT_LEVEL_MAX = 4, ASSESSMENT_EVIDENCE_MAX = 4000 };

/* "high", "medium", "low", NULL. */
extern const char *const assessment_priorities[];

struct assessment_rating_in {
	int64_t current_level; /* 1..4 */
	int64_t target_level;  /* 1..4 */
	const char *evidence;  /* may be NULL */
	const char *priority;  /* high, medium or low; NULL = medium */
};

/* Rates (or rates again) indicator_id in the assessment. The indicator must belong to
 * the assessment's instrument. Errors name the field: current_level, target_level,
 * evidence, priority, indicator. Audited. */
int assessment_rate(struct store *db, const struct actor *who, int64_t assessment_id,
		    int64_t indicator_id, const struct assessment_rating_in *in,
		    struct cn_err *err);
/* One indicator's rating in a batch. */
struct assessment_rating_of {
	int64_t indicator_id;
	struct assessment_rating_in in;
};
/* Rates ratings[0..n) in the assessment (the page's "rate all indicators" form), all or
 * none, in one transaction: each is checked and audited as by assessment_rate. When one
 * is refused nothing is written, *failed (may be NULL) is its index and err names its
 * field as assessment_rate does. n = 0 writes nothing and succeeds. */
int assessment_rate_all(struct store *db, const struct actor *who, int64_t assessment_id,
			const struct assessment_rating_of *ratings, size_t n, size_t *failed,
			struct cn_err *err);
/* Finds the indicator of the assessment's instrument by code or id (see
 * instrument_indicator_find); CN_ERR_INPUT on field "indicator" naming the instrument
 * when there is none. */
int assessment_indicator(struct store *db, int64_t assessment_id, const char *key, int64_t *id,
			 struct cn_err *err);
/* Reads assessment id into *out (in a) when it may still change: CN_ERR_CONFLICT,
 * saying how to reopen it, when it was submitted. */
int assessment_open(struct store *db, struct arena *a, int64_t id, struct rec **out,
		    struct cn_err *err);
/* Removes a challenge (not from a submitted assessment). Audited. */
int assessment_challenge_remove(struct store *db, const struct actor *who, int64_t challenge_id,
				struct cn_err *err);

struct assessment_item {
	int64_t indicator_id;
	const char *code;
	const char *standard;
	const char *capacity_level;
	const char *text;
	int rated;
	int64_t current_level, target_level; /* 0 when not rated */
	const char *evidence;
	const char *priority;
};

struct assessment_challenge {
	int64_t id;
	const char *description;
	const char *kind; /* technical | adaptive */
	const char *reason;
};

struct assessment_full {
	struct rec *assessment;
	const char *team_name;
	int64_t district_id;
	const char *district_name;
	int64_t network_id;
	const char *instrument_name;
	struct assessment_item *items; /* every indicator of the instrument, in order */
	size_t count;
	size_t rated;
	struct assessment_challenge *challenges;
	size_t nchallenges;
};

/* An assessment with its ratings (every indicator, rated or not) and challenges, in a. */
int assessment_load(struct store *db, struct arena *a, int64_t id, struct assessment_full *out,
		    struct cn_err *err);
/* The whole assessment as one JSON object (ratings under "items"). */
void assessment_json(struct jw *w, const struct assessment_full *as);
/* The items alone as an array (for tables): code, standard, level, current, target,
 * gap, priority, evidence. */
void assessment_items_json(struct jw *w, const struct assessment_full *as);
/* The challenges alone as an array. */
void assessment_challenges_json(struct jw *w, const struct assessment_full *as);

/* The same district's most recent assessment of an earlier school year, preferring a
 * network of the same content area: 1 found (*prev set), 0 none, -1 error. */
int assessment_previous(struct store *db, int64_t id, int64_t *prev, struct cn_err *err);

struct assessment_move {
	const char *code;
	const char *text;
	const char *standard;
	const char *capacity_level;
	int64_t before_current, before_target; /* 0 = not rated before */
	int64_t now_current, now_target;       /* 0 = not rated now */
	const char *movement; /* up, down, same, new (rated now only), not_rated (before only) */
	int64_t gap_before, gap_now; /* target - current, at least 0 */
	int gap_closed; /* there was a gap and the current level now reaches the old target */
};

struct assessment_comparison {
	int64_t now_id, before_id;
	const char *now_year, *before_year;
	struct assessment_move *moves; /* by the current instrument's order, then the rest */
	size_t nmoves;
	size_t up, down, same, gaps_closed;
	struct assessment_challenge *new_challenges, *resolved, *continuing;
	size_t nnew, nresolved, ncontinuing;
};

/* Compares assessment id with before (0 = assessment_previous; CN_ERR_NOT_FOUND when
 * there is none). Indicators are matched by code, so a network's copy of the default
 * compares with the default. Challenges are matched by their description. In a. */
int assessment_compare(struct store *db, struct arena *a, int64_t id, int64_t before,
		       struct assessment_comparison *out, struct cn_err *err);
void assessment_compare_json(struct jw *w, const struct assessment_comparison *c);
/* The moves alone as an array (for tables). */
void assessment_moves_json(struct jw *w, const struct assessment_comparison *c);

#endif
