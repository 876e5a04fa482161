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
	struct store_hit *h;
	/* A title match ranks above a body match; other kinds never appear. */
	assert_int_equal(find(t, a, "library", "number", NULL, &h), 2);
	assert_int_equal(h[0].id, 1);
	assert_true(h[0].score > h[1].score);
	/* The last word is also a prefix; stemming finds "routine". */
	assert_int_equal(find(t, a, "library", "routine mat", NULL, &h), 1);
	assert_int_equal(h[0].id, 1);
	/* Facets filter. */
	assert_int_equal(find(t, a, "library", "number", "kind_tool", &h), 1);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranking_prefix_and_facets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
