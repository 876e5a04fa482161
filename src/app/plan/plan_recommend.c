/* plan_recommend: library items for a plan's goals, through the library's one
 * recommender (library_recommend): each goal's text (its title, measure, and the needs
 * it is linked to with their standards) is the passage recommended for. */
#include "app/plan/plan_recommend.h"

#include <stdlib.h>
#include <string.h>

#include "app/assessment/instrument.h"
#include "app/library/library.h"
#include "app/plan/plan_view.h"
#include "core/buf.h"

/* Hits asked for beyond the limit and the linked items, for other networks' items. */
enum { PLAN_RECOMMEND_SPARE = 10 };

static const char SQL_LINKED[] =
	"SELECT l.library_item_id FROM action_link l JOIN plan_action a ON a.id = l.action_id"
	" WHERE a.plan_id = ?1 AND l.library_item_id IS NOT NULL";

static int plan_id_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
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

/* The passage a goal is recommended for, the most telling words first (in a). */
static const char *plan_recommend_text(struct arena *a, const struct plan_goal_full *g)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s", rec_text(g->goal, "title"));
	const char *measure = rec_text(g->goal, "measure");
	if (measure != NULL)
		buf_printf(&b, " %s", measure);
	for (size_t i = 0; i < g->nneeds; i++)
		buf_printf(&b, " %s %s", g->needs[i].text ? g->needs[i].text : "",
			   instrument_standard_title(g->needs[i].standard));
	const char *text = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return text;
}

/* Fills r from the library's hit. */
static void plan_recommend_from_hit(struct arena *a, struct plan_recommendation *r,
				    const struct library_hit *h)
{
	memset(r, 0, sizeof(*r));
	r->item_id = h->id;
	r->title = h->title;
	r->kind = h->kind;
	r->evidence_tier = h->tier;
	r->matched = h->matched;
	r->nmatched = h->nmatched;
	r->tryouts = h->tryouts.count;
	r->rating = h->tryouts.rating_avg;
	r->would_work = h->tryouts.yes;
	r->score = h->score;
	r->reasons = arena_alloc(a, sizeof(char *));
	r->reasons[0] = h->reason;
	r->nreasons = h->reason != NULL;
}

/* One goal's recommendations: the library's, of the plan's network or statewide, not
 * yet linked to the plan, at most limit. */
static int plan_recommend_goal(struct store *db, struct arena *a, const struct plan_full *p,
			       const struct plan_goal_full *gf, const int64_t *linked,
			       size_t nlinked, size_t limit, struct plan_recommend_goal *g,
			       struct cn_err *err)
{
	g->goal_id = gf->goal->id;
	g->title = rec_text(gf->goal, "title");
	g->items = arena_alloc(a, sizeof(*g->items) * (limit + 1));
	const char *text = plan_recommend_text(a, gf);
	int64_t network = rec_int(p->plan, "network_id");
	/* Ask for a few more than needed, as some may be left out; every hit costs its
	 * try-out summary. When too many were left out, ask for all the library gives. */
	size_t ask = limit + nlinked + PLAN_RECOMMEND_SPARE;
	for (;;) {
		struct library_results res;
		if (ask > LIBRARY_RESULTS_MAX)
			ask = LIBRARY_RESULTS_MAX;
		if (library_recommend(db, a, text, NULL, (int)ask, &res, err)) {
			if (err->kind != CN_ERR_INPUT || strcmp(err->field, "text") != 0)
				return -1;
			cn_err_clear(err); /* no significant word: nothing to recommend */
			return 0;
		}
		g->words = res.words;
		g->nwords = res.nwords;
		g->count = 0;
		for (size_t i = 0; i < res.count && g->count < limit; i++) {
			const struct library_hit *h = &res.hits[i];
			if ((h->network_id != 0 && h->network_id != network) ||
			    (nlinked > 0 && bsearch(&h->id, linked, nlinked, sizeof(*linked),
						    plan_id_cmp) != NULL))
				continue;
			plan_recommend_from_hit(a, &g->items[g->count++], h);
		}
		if (g->count == limit || res.count < ask || ask == LIBRARY_RESULTS_MAX)
			return 0;
		ask = LIBRARY_RESULTS_MAX;
	}
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
	for (size_t i = 0; i < p.ngoals; i++) {
		if (goal_id != 0 && p.goals[i].goal->id != goal_id)
			continue;
		struct plan_recommend_goal *g = &out->goals[out->ngoals++];
		memset(g, 0, sizeof(*g));
		if (plan_recommend_goal(db, a, &p, &p.goals[i], linked, nlinked, (size_t)limit, g,
					err))
			return -1;
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
	jw_kv_double(w, "score", (double)(int64_t)(r->score * 1000.0 + 0.5) / 1000.0);
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
	jw_arr_begin(w);
	for (size_t i = 0; i < r->ngoals; i++) {
		const struct plan_recommend_goal *g = &r->goals[i];
		for (size_t k = 0; k < g->count; k++) {
			const struct plan_recommendation *it = &g->items[k];
			jw_obj_begin(w);
			jw_kv_int(w, "goal_id", g->goal_id);
			jw_kv_int(w, "rank", (int64_t)k + 1);
			jw_kv_int(w, "item_id", it->item_id);
			jw_kv_str(w, "title", it->title);
			jw_kv_str(w, "kind", it->kind);
			jw_kv_double(w, "score",
				     (double)(int64_t)(it->score * 1000.0 + 0.5) / 1000.0);
			jw_kv_str(w, "reasons", it->nreasons ? it->reasons[0] : NULL);
			jw_obj_end(w);
		}
	}
	jw_arr_end(w);
}
