/* store search: ranked full-text search with facet filters, through store.h only. */
#include "testlib.h"

static void put(struct testdb *t, const char *kind, int64_t id, const char *title,
		const char *body, const char *facets)
{
	struct cn_err err = {0};
	if (store_search_put(t->db, kind, id, title, body, facets, &err))
		fail_msg("put: %s", err.msg);
}

static size_t find(struct testdb *t, struct arena *a, const char *kind, const char *words,
		   const char *facets, struct store_hit **hits)
{
	struct cn_err err = {0};
	size_t n = 0;
	if (store_search(t->db, a, kind, words, facets, 10, 0, hits, &n, &err))
		fail_msg("search: %s", err.msg);
	return n;
}

static void test_ranking_prefix_and_facets(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	put(t, "library", 1, "Number talks", "Short daily routines about mental math strategies.",
	    "kind_strategy area_mathematics tier_2");
	put(t, "library", 2, "Exit tickets", "Formative assessment: number sense check at the end.",
	    "kind_tool area_mathematics");
	put(t, "library", 3, "Close reading", "Annotating complex texts.",
	    "kind_strategy area_english_language_arts");
	put(t, "standard", 1, "Number talks", "not a library item", "");
	put(t, "standard", 2, "Number sense", "a standard with a library facet", "kind_tool");
	struct store_hit *h;
	/* A title match ranks above a body match; other kinds never appear. */
	assert_int_equal(find(t, a, "library", "number", NULL, &h), 2);
	assert_int_equal(h[0].id, 1);
	assert_true(h[0].score > h[1].score);
	/* The last word is also a prefix when it looks unfinished; stemming finds
	 * "routine". */
	assert_int_equal(find(t, a, "library", "routine mat", NULL, &h), 1);
	assert_int_equal(h[0].id, 1);
	assert_int_equal(find(t, a, "library", "num", NULL, &h), 2);
	/* Facets filter, within the kind: the standard with the same facet is not found. */
	assert_int_equal(find(t, a, "library", "number", "kind_tool", &h), 1);
	assert_int_equal(h[0].id, 2);
	assert_int_equal(find(t, a, "standard", "number", "kind_tool", &h), 1);
	assert_int_equal(h[0].id, 2);
	assert_int_equal(find(t, a, "library", "", "kind_strategy", &h), 2);
	/* Operators and quotes in user text are words, never syntax ("or" and "not"
	 * may be dropped as stop words, but "fractions" must still match). */
	assert_int_equal(find(t, a, "library", "\"number\" OR NOT fractions * (talks", NULL, &h),
			 0);
	assert_int_equal(find(t, a, "library", "talks\" OR \"reading", NULL, &h), 0);
	/* Re-indexing replaces; removing removes. */
	put(t, "library", 1, "Math talks", "", "kind_strategy");
	assert_int_equal(find(t, a, "library", "number", NULL, &h), 1);
	struct cn_err err = {0};
	assert_int_equal(store_search_remove(t->db, "library", 2, &err), 0);
	assert_int_equal(find(t, a, "library", "number", NULL, &h), 0);
	arena_free(a);
	testdb_close(t);
}

static void test_words_never_match_tags(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	put(t, "library", 1, "Tiered tasks", "A body that mentions kind_tool and _k_library.",
	    "kind_strategy");
	put(t, "library", 2, "Karaoke fluency", "Reading aloud.", "kind_tool");
	struct store_hit *h;
	/* A prefix finds words, never the tag tokens: item 2's facet kind_tool is not
	 * a word starting with "kin". */
	assert_int_equal(find(t, a, "library", "kin", NULL, &h), 1);
	assert_int_equal(h[0].id, 1);
	assert_int_equal(find(t, a, "library", "flu", NULL, &h), 1);
	assert_int_equal(h[0].id, 2);
	/* One or two letters are too short to be taken as a prefix. */
	assert_int_equal(find(t, a, "library", "fl", NULL, &h), 0);
	/* Facet-like text in a body is only words: the facet is not there. */
	assert_int_equal(find(t, a, "library", "", "kind_tool", &h), 1);
	assert_int_equal(h[0].id, 2);
	assert_int_equal(find(t, a, "library", "kind tool", NULL, &h), 1);
	assert_int_equal(h[0].id, 1);
	assert_int_equal(h[0].matched, 3);
	arena_free(a);
	testdb_close(t);
}

static void test_any_word_reports_which_matched(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	put(t, "library", 1, "Fraction number lines", "Students place fractions on number lines.",
	    "area_mathematics");
	put(t, "library", 2, "Number talks", "Mental math routines.", "area_mathematics");
	put(t, "library", 3, "Close reading", "Annotating complex texts.", "area_ela");
	struct cn_err err = {0};
	struct store_hit *h;
	size_t n = 0;
	/* Words: fractions placed number line -> bits 0 1 2 3. */
	assert_int_equal(store_search_any(t->db, a, "library", "fractions placed number line", NULL,
					  10, &h, &n, &err),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].id, 1); /* more of the words, and in its title */
	assert_int_equal(h[0].matched, 0xf);
	assert_int_equal(h[1].id, 2);
	assert_int_equal(h[1].matched, 0x4); /* number */
	assert_true(h[0].score > h[1].score);
	assert_int_equal(store_search_any(t->db, a, "library", "number reading", "area_ela", 10,
					  &h, &n, &err),
			 0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].id, 3);
	assert_int_equal(h[0].matched, 2);
	assert_int_equal(store_search_any(t->db, a, "library", " ,; ", NULL, 10, &h, &n, &err), -1);
	assert_string_equal(err.field, "words");
	arena_free(a);
	testdb_close(t);
}

/* With more matches than are ranked, an old document with the words in its title is
 * still found first. */
static void test_title_matches_beyond_the_ranked_window(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_begin(t->db, &err), 0);
	put(t, "library", 1, "Fluency routines", "Short daily practice for reading.", "band_k_2");
	for (int i = 2; i <= STORE_SEARCH_RANKED + 200; i++) {
		char title[64];
		snprintf(title, sizeof(title), "Item %d", i);
		put(t, "library", i, title, "Practice reading with fluency partners every day.",
		    i % 2 ? "band_k_2" : "band_3_5");
	}
	assert_int_equal(store_commit(t->db, &err), 0);
	struct store_hit *h;
	assert_int_equal(find(t, a, "library", "fluency", NULL, &h), 10);
	assert_int_equal(h[0].id, 1);
	assert_int_equal(find(t, a, "library", "fluency", "band_k_2", &h), 10);
	assert_int_equal(h[0].id, 1);
	/* Past the ranked window a page is empty. */
	size_t n = 0;
	assert_int_equal(store_search(t->db, a, "library", "fluency", NULL, 10, STORE_SEARCH_RANKED,
				      &h, &n, &err),
			 0);
	assert_int_equal(n, 0);
	arena_free(a);
	testdb_close(t);
}

/* A whole word found in many documents is not taken as a prefix, even when the
 * search finds little: expanding it would merge long lists for nothing. */
static void test_prefix_only_for_unfinished_words(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	for (int i = 1; i <= 25; i++)
		put(t, "library", i, "Math routines", "Daily math practice.", "area_mathematics");
	put(t, "library", 26, "Mathematics discourse", "Talk moves.", "area_science");
	struct store_hit *h;
	assert_int_equal(find(t, a, "library", "math", "area_science", &h), 0);
	assert_int_equal(find(t, a, "library", "mathem", "area_science", &h), 1);
	assert_int_equal(h[0].id, 26);
	arena_free(a);
	testdb_close(t);
}

static void test_search_words(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *w[4];
	assert_int_equal(store_search_words(a, "Number-Talks, K_2 café!", w, 4), 4);
	assert_string_equal(w[0], "number");
	assert_string_equal(w[1], "talks");
	assert_string_equal(w[2], "k");
	assert_string_equal(w[3], "2");
	char long_word[80];
	memset(long_word, 'a', 63);
	memcpy(long_word + 63, "\xc3\xa9" "b", 4); /* 'é' straddles the 64-byte cut */
	assert_int_equal(store_search_words(a, long_word, w, 4), 1);
	assert_int_equal(strlen(w[0]), 63);
	assert_int_equal(store_search_words(a, "x y z", w, 2), 2);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranking_prefix_and_facets),
		cmocka_unit_test(test_words_never_match_tags),
		cmocka_unit_test(test_any_word_reports_which_matched),
		cmocka_unit_test(test_title_matches_beyond_the_ranked_window),
		cmocka_unit_test(test_prefix_only_for_unfinished_words),
		cmocka_unit_test(test_search_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
