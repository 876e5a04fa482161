/* plan_recommend: ranking library items for goals. Each of the goal's words is searched
 * on its own through store_search (which requires every word of a query), so that an
 * item matching some of the words is found and the matched words can be named. */
#include "app/plan_recommend.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "app/instrument.h"
#include "app/plan_view.h"

enum { PLAN_RECOMMEND_HITS = 200, PLAN_RECOMMEND_WORD_MIN = 3, PLAN_RECOMMEND_CANDIDATES = 48 };

/* Words too common in goals and indicators to tell items apart. */
static const char *const stop_words[] = {
	"all", "and", "any", "are", "but", "can", "did", "for", "get", "had", "has", "her", "his",
	"how", "its", "let", "may", "new", "not", "now", "one", "our", "out", "own", "per", "see",
	"set", "the", "too", "two", "use", "was", "way", "who", "why", "yet", "you",
	"about", "above", "after", "also", "assessment", "before", "being", "both", "could",
	"district", "districts", "does", "each", "established", "emerging", "every", "evidence",
	"from", "have", "into", "least", "level", "levels", "make", "more", "most", "needs",
	"next", "only", "other", "over", "rate", "rates", "same", "school", "schools", "should",
	"such", "sustained", "team", "teams", "than", "that", "their", "them", "then", "there",
	"these", "they", "this", "those", "very", "what", "when", "where", "which", "while",
	"will", "with", "would", "year", "years", "your", NULL};

static const char SQL_ITEM[] =
	"SELECT title, kind, COALESCE(evidence_tier, 0), COALESCE(network_id, 0)"
	" FROM library_item WHERE id = ?1";
static const char SQL_TRYOUTS[] =
	"SELECT COUNT(*), COALESCE(AVG(rating), 0),"
	" COALESCE(SUM(CASE WHEN would_work = 'yes' THEN 1 ELSE 0 END), 0) FROM tryout"
	" WHERE item_id = ?1 AND person_id NOT IN (SELECT person_id FROM team_member"
	"  WHERE team_id = ?2)";
static const char SQL_LINKED[] =
	"SELECT l.library_item_id FROM action_link l JOIN plan_action a ON a.id = l.action_id"
	" WHERE a.plan_id = ?1 AND l.library_item_id IS NOT NULL";

struct plan_word {
	const char *word;
	int weight;   /* 2 for the goal's title, 1 for the rest */
	size_t order; /* first seen, for a stable order */
};

static int plan_recommend_stop(const char *w)
{
	for (size_t i = 0; stop_words[i] != NULL; i++)
		if (strcmp(stop_words[i], w) == 0)
			return 1;
	return 0;
}

/* Adds the words of text to words[0..*n) (lower case, new ones only, at most max). */
static void plan_recommend_words(struct arena *a, const char *text, int weight,
				 struct plan_word *words, size_t *n, size_t max)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	for (size_t len = 0; *s && *n < max; s += len ? len : 1) {
		/* A word: letters and digits, and bytes of other scripts. */
		for (len = 0; s[len] && (isalnum(s[len]) || s[len] >= 0x80); len++)
			;
		const unsigned char *start = s;
		if (len < PLAN_RECOMMEND_WORD_MIN || len > 40 || isdigit(*start))
			continue;
		char *w = arena_strndup(a, (const char *)start, len);
		for (char *p = w; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (plan_recommend_stop(w))
			continue;
		int seen = 0;
		for (size_t i = 0; i < *n && !seen; i++)
			seen = strcmp(words[i].word, w) == 0;
		if (!seen) {
			words[*n] = (struct plan_word){w, weight, *n};
			(*n)++;
		}
	}
}

static int plan_recommend_word_cmp(const void *x, const void *y)
{
	const struct plan_word *a = x, *b = y;
	if (a->weight != b->weight)
		return b->weight - a->weight;
	size_t la = strlen(a->word), lb = strlen(b->word);
	if (la != lb)
		return la < lb ? 1 : -1;
	return a->order < b->order ? -1 : a->order > b->order;
}

struct plan_candidate {
	int64_t id;
	int relevance;
	double search_score;
	const char **matched;
	size_t nmatched, cap;
};

static struct plan_candidate *plan_recommend_candidate(struct arena *a,
						       struct plan_candidate **list, size_t *n,
						       size_t *cap, int64_t id)
{
	for (size_t i = 0; i < *n; i++)
		if ((*list)[i].id == id)
			return &(*list)[i];
	*list = arena_grow(a, *list, sizeof(**list), *n, cap);
	struct plan_candidate *c = &(*list)[(*n)++];
	memset(c, 0, sizeof(*c));
	c->id = id;
	return c;
}

static const char *plan_recommend_tier_text(int64_t tier)
{
	switch (tier) {
	case 1:
		return "strong evidence";
	case 2:
		return "moderate evidence";
	case 3:
		return "promising evidence";
	case 4:
		return "demonstrates a rationale";
	default:
		return NULL;
	}
}

static double plan_recommend_tier_points(int64_t tier)
{
	static const double points[] = {0, 3, 2, 1, 0.5};
	return tier >= 1 && tier <= 4 ? points[tier] : 0;
}

/* Fills the item's details, try-outs, score and reasons. 0 = keep, 1 = not visible
 * to this plan's network, -1 = error. */
static int plan_recommend_fill(struct store *db, struct arena *a, const struct plan_full *p,
			       const struct plan_candidate *c, struct plan_recommendation *r,
			       struct cn_err *err)
{
	memset(r, 0, sizeof(*r));
	r->item_id = c->id;
	r->matched = c->matched;
	r->nmatched = c->nmatched;
	struct store_stmt *q = store_prepare(db, SQL_ITEM, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, c->id);
	int rc = store_step(q, err);
	int64_t network = 0;
	if (rc == 1) {
		r->title = store_col_dup(q, 0, a);
		r->kind = store_col_dup(q, 1, a);
		r->evidence_tier = store_col_int(q, 2);
		network = store_col_int(q, 3);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	if (rc == 0 || (network != 0 && network != rec_int(p->plan, "network_id")))
		return 1;
	q = store_prepare(db, SQL_TRYOUTS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, c->id);
	store_bind_id(q, 2, rec_int(p->plan, "team_id"));
	rc = store_step(q, err);
	if (rc == 1) {
		r->tryouts = store_col_int(q, 0);
		r->rating = store_col_double(q, 1);
		r->would_work = store_col_int(q, 2);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	double tryout_points = 0;
	if (r->tryouts > 0) {
		double weight = (double)(r->tryouts < 5 ? r->tryouts : 5) / 5.0;
		tryout_points = (r->rating - 3.0) * 2.0 * weight;
	}
	r->score = 2.0 * c->relevance + plan_recommend_tier_points(r->evidence_tier) +
		   tryout_points + c->search_score * 1e-6;
	r->reasons = arena_alloc(a, sizeof(char *) * 3);
	char *words = NULL;
	for (size_t i = 0; i < c->nmatched; i++)
		words = words ? arena_printf(a, "%s, %s", words, c->matched[i])
			      : arena_strdup(a, c->matched[i]);
	r->reasons[r->nreasons++] = arena_printf(a, "matches the goal's words: %s", words);
	const char *tier = plan_recommend_tier_text(r->evidence_tier);
	r->reasons[r->nreasons++] =
		tier ? arena_printf(a, "evidence tier %lld (%s)", (long long)r->evidence_tier, tier)
		     : arena_strdup(a, "no evidence tier recorded");
	if (r->tryouts > 0)
		r->reasons[r->nreasons++] = arena_printf(
			a, "rated %.1f of 5 in %lld try-out%s by other teams; %lld said it would "
			   "work in their district",
			r->rating, (long long)r->tryouts, r->tryouts == 1 ? "" : "s",
			(long long)r->would_work);
	else
		r->reasons[r->nreasons++] = arena_strdup(a, "not yet tried out by other teams");
	return 0;
}

static int plan_recommend_cmp(const void *x, const void *y)
{
	const struct plan_recommendation *a = x, *b = y;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->item_id < b->item_id ? -1 : a->item_id > b->item_id;
}

static int plan_recommend_linked(const int64_t *linked, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (linked[i] == id)
			return 1;
	return 0;
}

static int plan_recommend_goal(struct store *db, struct arena *a, const struct plan_full *p,
			       const struct plan_goal_full *g, const int64_t *linked,
			       size_t nlinked, int limit, struct plan_recommend_goal *out,
			       struct cn_err *err)
{
	struct plan_word words[PLAN_RECOMMEND_CANDIDATES];
	size_t nw = 0;
	plan_recommend_words(a, rec_text(g->goal, "title"), 2, words, &nw,
			     PLAN_RECOMMEND_CANDIDATES);
	plan_recommend_words(a, rec_text(g->goal, "measure"), 1, words, &nw,
			     PLAN_RECOMMEND_CANDIDATES);
	for (size_t i = 0; i < g->nneeds; i++) {
		plan_recommend_words(a, g->needs[i].text, 1, words, &nw, PLAN_RECOMMEND_CANDIDATES);
		plan_recommend_words(a, instrument_standard_title(g->needs[i].standard), 1, words,
				     &nw, PLAN_RECOMMEND_CANDIDATES);
	}
	/* The most telling words: the title's first, then the longer ones. */
	qsort(words, nw, sizeof(words[0]), plan_recommend_word_cmp);
	if (nw > PLAN_RECOMMEND_WORDS)
		nw = PLAN_RECOMMEND_WORDS;
	out->goal_id = g->goal->id;
	out->title = rec_text(g->goal, "title");
	out->words = arena_alloc(a, sizeof(char *) * (nw + 1));
	out->nwords = nw;
	struct plan_candidate *cands = NULL;
	size_t ncand = 0, cap = 0;
	for (size_t i = 0; i < nw; i++) {
		out->words[i] = words[i].word;
		struct store_hit *hits = NULL;
		size_t nh = 0;
		if (store_search(db, a, "library", words[i].word, NULL, PLAN_RECOMMEND_HITS, 0,
				 &hits, &nh, err))
			return -1;
		for (size_t k = 0; k < nh; k++) {
			if (plan_recommend_linked(linked, nlinked, hits[k].id))
				continue;
			struct plan_candidate *c =
				plan_recommend_candidate(a, &cands, &ncand, &cap, hits[k].id);
			c->relevance += words[i].weight;
			c->search_score += hits[k].score;
			c->matched =
				arena_grow(a, c->matched, sizeof(char *), c->nmatched, &c->cap);
			c->matched[c->nmatched++] = words[i].word;
		}
	}
	struct plan_recommendation *recs = arena_alloc(a, sizeof(*recs) * (ncand + 1));
	size_t n = 0;
	for (size_t i = 0; i < ncand; i++) {
		int rc = plan_recommend_fill(db, a, p, &cands[i], &recs[n], err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			n++;
	}
	qsort(recs, n, sizeof(*recs), plan_recommend_cmp);
	out->items = recs;
	out->count = n < (size_t)limit ? n : (size_t)limit;
	return 0;
}

int plan_recommend(struct store *db, struct arena *a, int64_t plan_id, int64_t goal_id,
		   int limit, struct plan_recommendations *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	if (limit == 0)
		limit = PLAN_RECOMMEND_DEFAULT;
	if (limit < 1 || limit > PLAN_RECOMMEND_MAX)
		return cn_err_field(err, CN_ERR_INPUT, "limit", "%d is out of range; use 1 to %d",
				    limit, PLAN_RECOMMEND_MAX);
	struct plan_full p;
	if (plan_view_load(db, a, plan_id, &p, err))
		return -1;
	if (goal_id != 0 && plan_view_goal(&p, goal_id) == NULL)
		return cn_err_field(err, CN_ERR_INPUT, "goal",
				    "goal %lld is not a goal of plan %lld", (long long)goal_id,
				    (long long)plan_id);
	int64_t *linked = NULL;
	size_t nlinked = 0, cap = 0;
	struct store_stmt *q = store_prepare(db, SQL_LINKED, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, plan_id);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		linked = arena_grow(a, linked, sizeof(*linked), nlinked, &cap);
		linked[nlinked++] = store_col_int(q, 0);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	out->plan_id = plan_id;
	out->goals = arena_alloc(a, sizeof(*out->goals) * (p.ngoals + 1));
	for (size_t i = 0; i < p.ngoals; i++) {
		if (goal_id != 0 && p.goals[i].goal->id != goal_id)
			continue;
		if (plan_recommend_goal(db, a, &p, &p.goals[i], linked, nlinked, limit,
					&out->goals[out->ngoals], err))
			return -1;
		out->ngoals++;
	}
	return 0;
}

/* key: [strings] */
static void plan_recommend_strings(struct jw *w, const char *key, const char *const *s,
				   size_t n)
{
	jw_key(w, key);
	jw_arr_begin(w);
	for (size_t i = 0; i < n; i++)
		jw_str(w, s[i]);
	jw_arr_end(w);
}

static void plan_recommend_item_json(struct jw *w, const struct plan_recommendation *r,
				     size_t rank)
{
	jw_obj_begin(w);
	jw_kv_int(w, "rank", (int64_t)rank);
	jw_kv_int(w, "item_id", r->item_id);
	jw_kv_str(w, "title", r->title);
	jw_kv_str(w, "kind", r->kind);
	jw_kv_id(w, "evidence_tier", r->evidence_tier);
	jw_kv_double(w, "score", r->score);
	plan_recommend_strings(w, "matched_words", r->matched, r->nmatched);
	jw_kv_int(w, "tryouts", r->tryouts);
	if (r->tryouts > 0)
		jw_kv_double(w, "average_rating", r->rating);
	else
		jw_kv_str(w, "average_rating", NULL);
	jw_kv_int(w, "would_work", r->would_work);
	plan_recommend_strings(w, "reasons", r->reasons, r->nreasons);
	jw_obj_end(w);
}

void plan_recommend_json(struct jw *w, const struct plan_recommendations *r)
{
	jw_obj_begin(w);
	jw_kv_int(w, "plan_id", r->plan_id);
	jw_key(w, "goals");
	jw_arr_begin(w);
	for (size_t i = 0; i < r->ngoals; i++) {
		const struct plan_recommend_goal *g = &r->goals[i];
		jw_obj_begin(w);
		jw_kv_int(w, "goal_id", g->goal_id);
		jw_kv_str(w, "title", g->title);
		plan_recommend_strings(w, "searched_words", g->words, g->nwords);
		jw_key(w, "items");
		jw_arr_begin(w);
		for (size_t k = 0; k < g->count; k++)
			plan_recommend_item_json(w, &g->items[k], k + 1);
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

void plan_recommend_rows_json(struct jw *w, const struct plan_recommendations *r)
{
	struct arena *a = arena_new();
	jw_arr_begin(w);
	for (size_t i = 0; i < r->ngoals; i++) {
		const struct plan_recommend_goal *g = &r->goals[i];
		for (size_t k = 0; k < g->count; k++) {
			const struct plan_recommendation *it = &g->items[k];
			char *reasons = NULL;
			for (size_t n = 0; n < it->nreasons; n++) {
				const char *one = it->reasons[n];
				reasons = reasons ? arena_printf(a, "%s; %s", reasons, one)
						  : arena_strdup(a, one);
			}
			jw_obj_begin(w);
			jw_kv_int(w, "goal_id", g->goal_id);
			jw_kv_int(w, "rank", (int64_t)k + 1);
			jw_kv_int(w, "item_id", it->item_id);
			jw_kv_str(w, "title", it->title);
			jw_kv_str(w, "kind", it->kind);
			jw_kv_double(w, "score", it->score);
			jw_kv_str(w, "reasons", reasons);
			jw_obj_end(w);
		}
	}
	jw_arr_end(w);
	arena_free(a);
}
