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
	"SELECT li.title, li.kind, COALESCE(li.evidence_tier, 0), COALESCE(li.network_id, 0),"
	" COUNT(t.id), COALESCE(AVG(t.rating), 0),"
	" COALESCE(SUM(CASE WHEN t.would_work = 'yes' THEN 1 ELSE 0 END), 0)"
	" FROM library_item li LEFT JOIN tryout t ON t.item_id = li.id"
	"  AND t.person_id NOT IN (SELECT person_id FROM team_member WHERE team_id = ?2)"
	" WHERE li.id = ?1 GROUP BY li.id, li.title, li.kind, li.evidence_tier, li.network_id";
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

/* One search hit: item id found by word `word` of goal `goal`. */
struct plan_hit {
	int64_t id;
	size_t goal; /* index into the goals being recommended for */
	size_t word; /* index into that goal's words */
	double score;
};

/* What a page of recommendations needs to know about one library item; read once per
 * call, however many goals found it. */
struct plan_item {
	int visible; /* the library's (network_id NULL) or the plan's network's */
	const char *title;
	const char *kind;
	int64_t tier;
	int64_t tryouts;
	double rating;
	int64_t would_work;
};

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

/* Reads item id's details and its try-outs by people outside team_id (0: everyone). */
static int plan_recommend_item(struct store *db, struct arena *a, int64_t id, int64_t network,
			       int64_t team, struct plan_item *it, struct cn_err *err)
{
	memset(it, 0, sizeof(*it));
	struct store_stmt *q = store_prepare(db, SQL_ITEM, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	store_bind_id(q, 2, team);
	int rc = store_step(q, err);
	if (rc == 1) {
		int64_t owner = store_col_int(q, 3);
		it->visible = owner == 0 || owner == network;
		it->title = store_col_dup(q, 0, a);
		it->kind = store_col_dup(q, 1, a);
		it->tier = store_col_int(q, 2);
		it->tryouts = store_col_int(q, 4);
		it->rating = store_col_double(q, 5);
		it->would_work = store_col_int(q, 6);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* The score of an item with this relevance (see plan_recommend.h). */
static double plan_recommend_points(const struct plan_item *it, int relevance,
				    double search_score)
{
	double tryout_points = 0;
	if (it->tryouts > 0) {
		double weight = (double)(it->tryouts < 5 ? it->tryouts : 5) / 5.0;
		tryout_points = (it->rating - 3.0) * 2.0 * weight;
	}
	return 2.0 * relevance + plan_recommend_tier_points(it->tier) + tryout_points +
	       search_score * 1e-6;
}

/* The most the item parts of a score can add: tier 1 and the best try-outs. */
#define PLAN_RECOMMEND_BONUS_MAX (3.0 + 4.0 + 0.01)

/* Fills r's details from the item and writes its reasons. */
static void plan_recommend_explain(struct arena *a, struct plan_recommendation *r,
				   const struct plan_item *it)
{
	r->title = it->title;
	r->kind = it->kind;
	r->evidence_tier = it->tier;
	r->tryouts = it->tryouts;
	r->rating = it->rating;
	r->would_work = it->would_work;
	r->reasons = arena_alloc(a, sizeof(char *) * 3);
	char *words = NULL;
	for (size_t i = 0; i < r->nmatched; i++)
		words = words ? arena_printf(a, "%s, %s", words, r->matched[i])
			      : arena_strdup(a, r->matched[i]);
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
}

static int plan_recommend_cmp(const void *x, const void *y)
{
	const struct plan_recommendation *a = x, *b = y;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->item_id < b->item_id ? -1 : a->item_id > b->item_id;
}

static int plan_hit_cmp(const void *x, const void *y)
{
	const struct plan_hit *a = x, *b = y;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	if (a->goal != b->goal)
		return a->goal < b->goal ? -1 : 1;
	return a->word < b->word ? -1 : a->word > b->word;
}

static int plan_id_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

/* The words to search for a goal, the most telling first (in a). */
static struct plan_word *plan_recommend_goal_words(struct arena *a,
						   const struct plan_goal_full *g, size_t *n)
{
	struct plan_word *words = arena_alloc(a, sizeof(*words) * PLAN_RECOMMEND_CANDIDATES);
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
	/* The title's words first, then the longer ones. */
	qsort(words, nw, sizeof(words[0]), plan_recommend_word_cmp);
	*n = nw > PLAN_RECOMMEND_WORDS ? PLAN_RECOMMEND_WORDS : nw;
	return words;
}

/* The library items already linked to the plan's actions, sorted (in a). */
static int plan_recommend_linked(struct store *db, struct arena *a, int64_t plan_id,
				 int64_t **out, size_t *n, struct cn_err *err)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	struct store_stmt *q = store_prepare(db, SQL_LINKED, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, plan_id);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		*out = arena_grow(a, *out, sizeof(**out), *n, &cap);
		(*out)[(*n)++] = store_col_int(q, 0);
	}
	store_done(q);
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), plan_id_cmp);
	return rc < 0 ? -1 : 0;
}

/* One goal's candidate: an item and the run of hits (its matched words) that found it. */
struct plan_cand {
	size_t item;	  /* index into the call's items */
	size_t first_hit; /* hits[first_hit .. first_hit + nhits) */
	size_t nhits;
	int relevance;
	double search_score;
};

static int plan_cand_cmp(const void *x, const void *y)
{
	const struct plan_cand *a = x, *b = y;
	if (a->relevance != b->relevance)
		return a->relevance < b->relevance ? 1 : -1;
	if (a->search_score != b->search_score)
		return a->search_score < b->search_score ? 1 : -1;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* Items found by the sorted hits, read at most once per call. */
struct plan_items {
	int64_t *ids; /* sorted, unique */
	struct plan_item *info;
	unsigned char *loaded;
	size_t count;
};

/* Ranks one goal's candidates into g->items (best first, at most limit), reading an
 * item only while it could still enter the top: a candidate whose words cannot outscore
 * the current last place, whatever its tier and try-outs, ends the search. */
static int plan_recommend_rank(struct store *db, struct arena *a, const struct plan_full *p,
			       const struct plan_hit *hits, const struct plan_word *words,
			       struct plan_cand *cands, size_t ncand, struct plan_items *items,
			       size_t limit, struct plan_recommend_goal *g, struct cn_err *err)
{
	if (ncand > 1)
		qsort(cands, ncand, sizeof(*cands), plan_cand_cmp);
	g->items = arena_alloc(a, sizeof(*g->items) * (limit + 1));
	for (size_t i = 0; i < ncand; i++) {
		const struct plan_cand *c = &cands[i];
		if (g->count == limit &&
		    2.0 * c->relevance + PLAN_RECOMMEND_BONUS_MAX < g->items[limit - 1].score)
			break;
		struct plan_item *it = &items->info[c->item];
		if (!items->loaded[c->item]) {
			if (plan_recommend_item(db, a, items->ids[c->item],
						rec_int(p->plan, "network_id"),
						rec_int(p->plan, "team_id"), it, err))
				return -1;
			items->loaded[c->item] = 1;
		}
		if (!it->visible)
			continue;
		struct plan_recommendation r = {0};
		r.item_id = items->ids[c->item];
		r.score = plan_recommend_points(it, c->relevance, c->search_score);
		if (g->count == limit && plan_recommend_cmp(&r, &g->items[limit - 1]) >= 0)
			continue;
		r.matched = arena_alloc(a, sizeof(char *) * c->nhits);
		for (size_t h = 0; h < c->nhits; h++)
			r.matched[r.nmatched++] = words[hits[c->first_hit + h].word].word;
		/* Insert in order into the top list. */
		size_t at = g->count < limit ? g->count++ : limit - 1;
		while (at > 0 && plan_recommend_cmp(&r, &g->items[at - 1]) < 0) {
			g->items[at] = g->items[at - 1];
			at--;
		}
		g->items[at] = r;
	}
	for (size_t i = 0; i < g->count; i++) {
		const int64_t *k = bsearch(&g->items[i].item_id, items->ids, items->count,
					   sizeof(int64_t), plan_id_cmp);
		plan_recommend_explain(a, &g->items[i], &items->info[k - items->ids]);
	}
	return 0;
}

/* Splits the sorted hits into the items found and each goal's candidates, then ranks
 * each goal's. */
static int plan_recommend_collect(struct store *db, struct arena *a, const struct plan_full *p,
				  const struct plan_hit *hits, size_t nhits,
				  struct plan_word **words, size_t limit,
				  struct plan_recommendations *out, struct cn_err *err)
{
	struct plan_items items = {0};
	items.ids = arena_alloc(a, sizeof(int64_t) * (nhits + 1));
	struct plan_cand **cands = arena_alloc(a, sizeof(*cands) * (out->ngoals + 1));
	size_t *ncand = arena_alloc(a, sizeof(size_t) * (out->ngoals + 1));
	size_t *cap = arena_alloc(a, sizeof(size_t) * (out->ngoals + 1));
	for (size_t i = 0; i < nhits;) {
		if (items.count == 0 || items.ids[items.count - 1] != hits[i].id)
			items.ids[items.count++] = hits[i].id;
		size_t gi = hits[i].goal, stop = i;
		struct plan_cand c = {items.count - 1, i, 0, 0, 0};
		while (stop < nhits && hits[stop].id == hits[i].id && hits[stop].goal == gi) {
			c.relevance += words[gi][hits[stop].word].weight;
			c.search_score += hits[stop].score;
			stop++;
		}
		c.nhits = stop - i;
		cands[gi] = arena_grow(a, cands[gi], sizeof(**cands), ncand[gi], &cap[gi]);
		cands[gi][ncand[gi]++] = c;
		i = stop;
	}
	items.info = arena_alloc(a, sizeof(*items.info) * (items.count + 1));
	items.loaded = arena_alloc(a, items.count + 1);
	for (size_t gi = 0; gi < out->ngoals; gi++)
		if (plan_recommend_rank(db, a, p, hits, words[gi], cands[gi], ncand[gi], &items,
					limit, &out->goals[gi], err))
			return -1;
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
	int64_t *linked;
	size_t nlinked;
	if (plan_recommend_linked(db, a, plan_id, &linked, &nlinked, err))
		return -1;
	out->plan_id = plan_id;
	out->goals = arena_alloc(a, sizeof(*out->goals) * (p.ngoals + 1));
	struct plan_word **words = arena_alloc(a, sizeof(*words) * (p.ngoals + 1));
	struct plan_hit *hits = NULL;
	size_t nhits = 0, cap = 0;
	for (size_t i = 0; i < p.ngoals; i++) {
		if (goal_id != 0 && p.goals[i].goal->id != goal_id)
			continue;
		size_t gi = out->ngoals++, nw = 0;
		struct plan_recommend_goal *g = &out->goals[gi];
		words[gi] = plan_recommend_goal_words(a, &p.goals[i], &nw);
		g->goal_id = p.goals[i].goal->id;
		g->title = rec_text(p.goals[i].goal, "title");
		g->words = arena_alloc(a, sizeof(char *) * (nw + 1));
		g->nwords = nw;
		for (size_t w = 0; w < nw; w++) {
			g->words[w] = words[gi][w].word;
			struct store_hit *found = NULL;
			size_t nf = 0;
			if (store_search(db, a, "library", g->words[w], NULL, PLAN_RECOMMEND_HITS, 0,
					 &found, &nf, err))
				return -1;
			for (size_t k = 0; k < nf; k++) {
				if (nlinked > 0 && bsearch(&found[k].id, linked, nlinked,
							   sizeof(*linked), plan_id_cmp) != NULL)
					continue;
				hits = arena_grow(a, hits, sizeof(*hits), nhits, &cap);
				hits[nhits++] = (struct plan_hit){found[k].id, gi, w, found[k].score};
			}
		}
	}
	if (nhits > 1)
		qsort(hits, nhits, sizeof(*hits), plan_hit_cmp);
	return plan_recommend_collect(db, a, &p, hits, nhits, words, (size_t)limit, out, err);
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
