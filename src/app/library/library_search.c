/* library_search: finding library items: ranked full-text search with filters, and
 * recommendations for a passage of text with the reasons for each. Both go through
 * the store's search interface (store.h); filters are the facet tokens library.c
 * indexes each item with. */
#include "app/library/library.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"

static const char SQL_LIBRARY_BRIEF[] =
	"SELECT kind, title, summary, evidence_tier, network_id FROM library_item WHERE id = ?1";

static const char *const tier_names[] = {"", "strong evidence", "moderate evidence",
					 "promising evidence", "demonstrates a rationale"};

int library_filter_set(struct library_filter *f, struct arena *a, const char *name,
		       const char *value, struct cn_err *err)
{
	const char *v = value ? value : "";
	if (strcmp(name, "kind") == 0) {
		f->kind = rec_choice_find(library_kinds, v);
		if (f->kind == NULL)
			return cn_err_field(err, CN_ERR_INPUT, "kind",
					    "'%.60s' is not one of: strategy, resource, tool, "
					    "research",
					    v);
	} else if (strcmp(name, "content_area") == 0 || strcmp(name, "area") == 0) {
		f->content_area = library_area_code(v);
		if (f->content_area == NULL)
			return cn_err_field(err, CN_ERR_INPUT, "content_area",
					    "'%.60s' is not a content area, such as mathematics, "
					    "english_language_arts, science or leadership",
					    v);
	} else if (strcmp(name, "grade_band") == 0 || strcmp(name, "band") == 0) {
		f->grade_band = library_band_code(v);
		if (f->grade_band == NULL)
			return cn_err_field(err, CN_ERR_INPUT, "grade_band",
					    "'%.60s' is not one of: K-2, 3-5, 6-8, 9-12, adult", v);
	} else if (strcmp(name, "tag") == 0) {
		if (library_tag_slug(a, v, &f->tag, err)) {
			snprintf(err->field, sizeof(err->field), "tag");
			return -1;
		}
	} else if (strcmp(name, "tier") == 0 || strcmp(name, "min_tier") == 0) {
		int is_min = name[0] == 'm';
		int t = 0;
		if (!is_min && strcmp(v, "none") == 0)
			t = LIBRARY_TIER_NONE;
		else if (strlen(v) == 1 && v[0] >= '1' && v[0] <= '4')
			t = v[0] - '0';
		else
			return cn_err_field(err, CN_ERR_INPUT, name,
					    "'%.60s' is not an ESSA evidence tier; use 1 (strong), 2 "
					    "(moderate), 3 (promising) or 4 (rationale)%s",
					    v, is_min ? "" : ", or none");
		if (is_min)
			f->tier_at_least = t;
		else
			f->tier = t;
	} else if (strcmp(name, "network_id") == 0) {
		if (strcmp(v, "statewide") == 0) {
			f->statewide = 1;
			f->network_id = 0;
			return 0;
		}
		char *end = NULL;
		long long id = strtoll(v, &end, 10);
		if (v[0] == '\0' || *end != '\0' || id <= 0)
			return cn_err_field(err, CN_ERR_INPUT, "network_id",
					    "'%.60s' is not a network id (or 'statewide')", v);
		f->network_id = id;
		f->statewide = 0;
	} else {
		return cn_err_field(err, CN_ERR_INPUT, name, "is not a library search filter");
	}
	return 0;
}

/* The facet tokens of f (see library_reindex in library.c). */
static void library_facets(const struct library_filter *f, struct buf *out)
{
	if (f == NULL)
		return;
	if (f->kind != NULL)
		buf_printf(out, " kind_%s", f->kind);
	if (f->content_area != NULL)
		buf_printf(out, " area_%s", f->content_area);
	if (f->grade_band != NULL)
		buf_printf(out, " band_%s", f->grade_band);
	if (f->tag != NULL) {
		buf_puts(out, " tag_");
		for (const char *p = f->tag; *p; p++)
			buf_putc(out, *p == '-' ? '_' : *p);
	}
	if (f->tier == LIBRARY_TIER_NONE)
		buf_puts(out, " tier_none");
	else if (f->tier >= 1 && f->tier <= 4)
		buf_printf(out, " tier_%d", f->tier);
	if (f->tier_at_least >= 1 && f->tier_at_least <= 4)
		buf_printf(out, " tier_le_%d", f->tier_at_least);
	if (f->statewide)
		buf_puts(out, " net_none");
	else if (f->network_id > 0)
		buf_printf(out, " net_%lld", (long long)f->network_id);
}

static int library_check_text(const char *field, const char *s, size_t max,
			      struct cn_err *err)
{
	size_t n = strlen(s), bad = 0;
	if (n > max)
		return cn_err_field(err, CN_ERR_TOO_LARGE, field,
				    "is %zu bytes long; at most %zu are searched", n, max);
	if (!utf8_valid(s, n, &bad))
		return cn_err_field(err, CN_ERR_INPUT, field, "is not valid UTF-8 text (byte %zu)",
				    bad + 1);
	return 0;
}

/* Common English words that say nothing about what an item is for. A search leaves
 * them out: they match nearly every item, so they neither narrow nor rank, and their
 * long lists make a search slow. A search of only such words lists the items its
 * filters pass, or without a filter searches for the words after all. */
static const char *const stop_words[] = {
	"a", "about", "above", "after", "again", "against", "all", "also", "an", "and", "any",
	"are", "as", "at", "be", "because", "been", "before", "being", "below", "between",
	"both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during",
	"each", "few", "for", "from", "further", "had", "has", "have", "having", "her", "here",
	"hers", "him", "his", "how", "if", "in", "into", "is", "it", "its", "itself", "just",
	"more", "most", "much", "must", "no", "not", "now", "of", "off", "on", "once", "only",
	"or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so",
	"some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
	"they", "this", "those", "through", "to", "too", "under", "until", "up", "use", "very",
	"was", "way", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
	"why", "will", "with", "within", "would", "you", "your", NULL};

static int library_common_word(const char *w)
{
	for (size_t i = 0; stop_words[i] != NULL; i++)
		if (strcmp(stop_words[i], w) == 0)
			return 1;
	return 0;
}

/* Recommendations also leave out words under three letters and numbers. */
static int library_stop_word(const char *w)
{
	return strlen(w) < 3 || strspn(w, "0123456789") == strlen(w) || library_common_word(w);
}

/* Fills the hits of out from the store's, skipping any whose item has gone. full:
 * the try-out summary with districts (else brief). */
static int library_hits(struct store *db, struct arena *a, const struct store_hit *sh, size_t n,
			int full, struct library_results *out, struct cn_err *err)
{
	out->hits = arena_alloc(a, sizeof(struct library_hit) * (n ? n : 1));
	out->count = 0;
	for (size_t i = 0; i < n; i++) {
		struct store_stmt *q = store_prepare(db, SQL_LIBRARY_BRIEF, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, sh[i].id);
		int rc = store_step(q, err);
		struct library_hit *h = &out->hits[out->count];
		if (rc == 1) {
			h->id = sh[i].id;
			h->score = sh[i].score;
			h->kind = store_col_dup(q, 0, a);
			h->title = store_col_dup(q, 1, a);
			h->summary = store_col_dup(q, 2, a);
			h->tier = (int)store_col_int(q, 3);
			h->network_id = store_col_int(q, 4);
		}
		store_done(q);
		if (rc < 0)
			return -1;
		if (rc == 0)
			continue;
		h->matched = arena_alloc(a, sizeof(char *) * (out->nwords + 1));
		for (size_t k = 0; k < out->nwords && k < 32; k++)
			if (sh[i].matched & ((uint32_t)1 << k))
				h->matched[h->nmatched++] = out->words[k];
		if (full ? tryout_summary(db, a, h->id, &h->tryouts, err)
			 : tryout_summary_brief(db, h->id, &h->tryouts, err))
			return -1;
		out->count++;
	}
	return 0;
}

int library_search(struct store *db, struct arena *a, const char *words,
		   const struct library_filter *f, int limit, int offset,
		   struct library_results *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	if (words == NULL)
		words = "";
	if (library_check_text("words", words, LIBRARY_QUERY_MAX, err))
		return -1;
	if (limit < 1 || limit > LIBRARY_RESULTS_MAX)
		return cn_err_field(err, CN_ERR_INPUT, "limit", "%d is out of range; use 1 to %d",
				    limit, LIBRARY_RESULTS_MAX);
	const char **all = arena_alloc(a, sizeof(char *) * STORE_SEARCH_WORDS);
	size_t nall = store_search_words(a, words, all, STORE_SEARCH_WORDS);
	out->words = arena_alloc(a, sizeof(char *) * STORE_SEARCH_WORDS);
	for (size_t i = 0; i < nall; i++)
		if (!library_common_word(all[i]))
			out->words[out->nwords++] = all[i];
	/* Only common words: with a filter, the filter alone; else the words after all. */
	struct buf facets = BUF_INIT;
	library_facets(f, &facets);
	if (out->nwords == 0 && facets.len == 0) {
		memcpy(out->words, all, sizeof(char *) * nall);
		out->nwords = nall;
	}
	struct buf kept = BUF_INIT;
	for (size_t i = 0; i < out->nwords; i++)
		buf_printf(&kept, "%s%s", i ? " " : "", out->words[i]);
	struct store_hit *sh = NULL;
	size_t n = 0;
	int rc = store_search(db, a, "library", buf_str(&kept), buf_str(&facets), limit, offset,
			      &sh, &n, err);
	buf_free(&kept);
	buf_free(&facets);
	if (rc)
		return -1;
	return library_hits(db, a, sh, n, 0, out, err);
}

/* Whether w, or w with or without a final 's', is among the n words already kept. */
static int library_word_kept(const char *const *kept, size_t n, const char *w)
{
	size_t len = strlen(w);
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(kept[i]);
		if (strcmp(kept[i], w) == 0 ||
		    (k + 1 == len && w[k] == 's' && strncmp(kept[i], w, k) == 0) ||
		    (len + 1 == k && kept[i][len] == 's' && strncmp(kept[i], w, len) == 0))
			return 1;
	}
	return 0;
}

static void library_reason(struct arena *a, struct library_hit *h)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "matches ");
	for (size_t i = 0; i < h->nmatched; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", h->matched[i]);
	if (h->tier >= 1 && h->tier <= 4)
		buf_printf(&b, "; ESSA tier %d (%s)", h->tier, tier_names[h->tier]);
	else
		buf_puts(&b, "; no ESSA evidence tier");
	const struct tryout_summary *t = &h->tryouts;
	if (t->count == 0) {
		buf_puts(&b, "; not tried yet");
	} else {
		buf_printf(&b, "; tried %lld time%s", (long long)t->count,
			   t->count == 1 ? "" : "s");
		if (t->teams > 0)
			buf_printf(&b, " by %lld team%s in %zu district%s", (long long)t->teams,
				   t->teams == 1 ? "" : "s", t->ndistricts,
				   t->ndistricts == 1 ? "" : "s");
		buf_printf(&b, ", average rating %.1f of 5; %lld of %lld said it would work here",
			   t->rating_avg, (long long)t->yes, (long long)t->count);
	}
	h->reason = arena_strdup(a, buf_str(&b));
	buf_free(&b);
}

int library_recommend(struct store *db, struct arena *a, const char *text,
		      const struct library_filter *f, int limit, struct library_results *out,
		      struct cn_err *err)
{
	enum { SCAN = 512 };
	memset(out, 0, sizeof(*out));
	if (text == NULL)
		text = "";
	if (library_check_text("text", text, LIBRARY_TEXT_MAX, err))
		return -1;
	if (limit < 1 || limit > LIBRARY_RESULTS_MAX)
		return cn_err_field(err, CN_ERR_INPUT, "limit", "%d is out of range; use 1 to %d",
				    limit, LIBRARY_RESULTS_MAX);
	const char **all = arena_alloc(a, sizeof(char *) * SCAN);
	size_t nall = store_search_words(a, text, all, SCAN);
	out->words = arena_alloc(a, sizeof(char *) * STORE_SEARCH_WORDS);
	struct buf joined = BUF_INIT;
	for (size_t i = 0; i < nall && out->nwords < STORE_SEARCH_WORDS; i++) {
		if (library_stop_word(all[i]) || library_word_kept(out->words, out->nwords, all[i]))
			continue;
		out->words[out->nwords++] = all[i];
		buf_printf(&joined, "%s%s", joined.len ? " " : "", all[i]);
	}
	if (out->nwords == 0) {
		buf_free(&joined);
		return cn_err_field(err, CN_ERR_INPUT, "text",
				    "has no word to look for; describe the need in a few words");
	}
	struct buf facets = BUF_INIT;
	library_facets(f, &facets);
	struct store_hit *sh = NULL;
	size_t n = 0;
	int rc = store_search_any(db, a, "library", buf_str(&joined), buf_str(&facets), limit,
				  &sh, &n, err);
	buf_free(&joined);
	buf_free(&facets);
	if (rc || library_hits(db, a, sh, n, 1, out, err))
		return -1;
	for (size_t i = 0; i < out->count; i++)
		library_reason(a, &out->hits[i]);
	return 0;
}

void library_results_json(struct jw *w, const struct library_results *r)
{
	jw_obj_begin(w);
	jw_key(w, "words");
	jw_arr_begin(w);
	for (size_t i = 0; i < r->nwords; i++)
		jw_str(w, r->words[i]);
	jw_arr_end(w);
	jw_key(w, "hits");
	jw_arr_begin(w);
	for (size_t i = 0; i < r->count; i++) {
		const struct library_hit *h = &r->hits[i];
		jw_obj_begin(w);
		jw_kv_int(w, "id", h->id);
		jw_kv_str(w, "kind", h->kind);
		jw_kv_str(w, "title", h->title);
		jw_kv_str(w, "summary", h->summary);
		jw_key(w, "evidence_tier");
		if (h->tier >= 1 && h->tier <= 4)
			jw_int(w, h->tier);
		else
			jw_null(w);
		jw_kv_id(w, "network_id", h->network_id);
		jw_kv_double(w, "score", (double)(int64_t)(h->score * 1000.0 + 0.5) / 1000.0);
		jw_key(w, "matched");
		jw_arr_begin(w);
		for (size_t k = 0; k < h->nmatched; k++)
			jw_str(w, h->matched[k]);
		jw_arr_end(w);
		jw_key(w, "tryouts");
		tryout_summary_json(w, &h->tryouts);
		if (h->reason != NULL)
			jw_kv_str(w, "reason", h->reason);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}
