/* diff: unified output as GNU diff -u writes it, the structured hunks, and a property
 * check that every script rebuilds both texts and is as short as the LCS allows. */
#include "testlib.h"

#include "core/diff.h"
#include "core/mem.h"

static char *unified(const char *a, const char *b)
{
	struct arena *ar = arena_new();
	struct diff d;
	struct cn_err err = {0};
	assert_int_equal(diff_texts(ar, a, strlen(a), b, strlen(b), &d, &err), 0);
	struct buf out = BUF_INIT;
	diff_unified(&d, "v1", "v2", DIFF_CONTEXT, &out);
	char *s = xstrdup(buf_str(&out));
	buf_free(&out);
	arena_free(ar);
	return s;
}

static void expect_unified(const char *a, const char *b, const char *want)
{
	char *got = unified(a, b);
	assert_string_equal(got, want);
	free(got);
}

static void test_identical_texts_have_no_hunks(void **state)
{
	(void)state;
	expect_unified("", "", "");
	expect_unified("one\ntwo\n", "one\ntwo\n", "");
	/* A missing final newline is not a difference. */
	expect_unified("one\ntwo", "one\ntwo\n", "");
}

static void test_unified_output_matches_gnu_diff(void **state)
{
	(void)state;
	expect_unified("a\nb\nc\n", "a\nB\nc\n",
		       "--- v1\n+++ v2\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
	expect_unified("", "x\n", "--- v1\n+++ v2\n@@ -0,0 +1 @@\n+x\n");
	expect_unified("x\ny\n", "", "--- v1\n+++ v2\n@@ -1,2 +0,0 @@\n-x\n-y\n");
	/* Changes far apart make two hunks with three lines of context each. */
	expect_unified("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
		       "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n",
		       "--- v1\n+++ v2\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n"
		       "@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n");
	/* Changes six equal lines apart share one hunk. */
	expect_unified("1\n2\n3\n4\n5\n6\n7\n8\n", "one\n2\n3\n4\n5\n6\n7\neight\n",
		       "--- v1\n+++ v2\n@@ -1,8 +1,8 @@\n-1\n+one\n 2\n 3\n 4\n 5\n 6\n 7\n"
		       "-8\n+eight\n");
	/* An insertion in the middle. */
	expect_unified("a\nb\nc\nd\n", "a\nb\nnew\nc\nd\n",
		       "--- v1\n+++ v2\n@@ -1,4 +1,5 @@\n a\n b\n+new\n c\n d\n");
}

static void test_json_hunks_carry_line_numbers(void **state)
{
	(void)state;
	struct arena *ar = arena_new();
	struct diff d;
	struct cn_err err = {0};
	const char *a = "# Unit\nI can add fractions.\n", *b = "# Unit\nI can add \"unlike\" fractions.\n";
	assert_int_equal(diff_texts(ar, a, strlen(a), b, strlen(b), &d, &err), 0);
	struct buf out = BUF_INIT;
	struct jw w;
	jw_init(&w, &out);
	diff_json(&w, &d, DIFF_CONTEXT);
	assert_string_equal(buf_str(&out),
			    "{\"added\":1,\"removed\":1,\"hunks\":[{\"a_start\":1,\"a_count\":2,"
			    "\"b_start\":1,\"b_count\":2,\"lines\":["
			    "{\"op\":\"equal\",\"a\":1,\"b\":1,\"text\":\"# Unit\"},"
			    "{\"op\":\"delete\",\"a\":2,\"b\":null,\"text\":\"I can add fractions.\"},"
			    "{\"op\":\"insert\",\"a\":null,\"b\":2,"
			    "\"text\":\"I can add \\\"unlike\\\" fractions.\"}]}]}");
	buf_free(&out);
	arena_free(ar);
}

/* Length of the longest common subsequence of two line arrays, by dynamic programming. */
static size_t lcs_len(const char *a, size_t n, const char *b, size_t m)
{
	size_t *row = calloc(m + 1, sizeof(size_t)), *prev = calloc(m + 1, sizeof(size_t));
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++)
			row[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1
			       : row[j - 1] > prev[j] ? row[j - 1] : prev[j];
		memcpy(prev, row, (m + 1) * sizeof(size_t));
	}
	size_t r = prev[m];
	free(row);
	free(prev);
	return r;
}

static void test_scripts_rebuild_both_texts_and_are_shortest(void **state)
{
	(void)state;
	unsigned seed = 12345;
	for (int round = 0; round < 400; round++) {
		/* Texts of one-letter lines from a small alphabet, so lines repeat a lot. */
		char la[64], lb[64], ta[128], tb[128];
		size_t n = (seed = seed * 1103515245 + 12345) >> 16 & 31;
		size_t m = (seed = seed * 1103515245 + 12345) >> 16 & 31;
		for (size_t i = 0; i < n; i++)
			la[i] = (char)('a' + ((seed = seed * 1103515245 + 12345) >> 16) % 4);
		for (size_t i = 0; i < m; i++)
			lb[i] = (char)('a' + ((seed = seed * 1103515245 + 12345) >> 16) % 4);
		for (size_t i = 0; i < n; i++)
			ta[2 * i] = la[i], ta[2 * i + 1] = '\n';
		for (size_t i = 0; i < m; i++)
			tb[2 * i] = lb[i], tb[2 * i + 1] = '\n';
		struct arena *ar = arena_new();
		struct diff d;
		struct cn_err err = {0};
		assert_int_equal(diff_texts(ar, ta, 2 * n, tb, 2 * m, &d, &err), 0);
		char ra[64], rb[64];
		size_t na = 0, nb = 0, equal = 0;
		for (size_t k = 0; k < d.count; k++) {
			const struct diff_line *l = &d.lines[k];
			assert_int_equal(l->len, 1);
			if (l->op != DIFF_INSERT) {
				assert_int_equal(l->a_line, na + 1);
				ra[na++] = l->text[0];
			}
			if (l->op != DIFF_DELETE) {
				assert_int_equal(l->b_line, nb + 1);
				rb[nb++] = l->text[0];
			}
			equal += l->op == DIFF_EQUAL;
		}
		assert_int_equal(na, n);
		assert_int_equal(nb, m);
		assert_memory_equal(ra, la, n);
		assert_memory_equal(rb, lb, m);
		assert_int_equal(equal, lcs_len(la, n, lb, m));
		assert_int_equal(d.removed, n - equal);
		assert_int_equal(d.added, m - equal);
		arena_free(ar);
	}
}

static void test_long_texts_with_few_changes(void **state)
{
	(void)state;
	struct buf a = BUF_INIT, b = BUF_INIT;
	for (int i = 0; i < 5000; i++) {
		buf_printf(&a, "line %d of the unit plan\n", i);
		if (i % 1000 == 500)
			buf_printf(&b, "line %d as our district wrote it\n", i);
		else
			buf_printf(&b, "line %d of the unit plan\n", i);
	}
	struct arena *ar = arena_new();
	struct diff d;
	struct cn_err err = {0};
	assert_int_equal(diff_texts(ar, a.data, a.len, b.data, b.len, &d, &err), 0);
	assert_int_equal(d.added, 5);
	assert_int_equal(d.removed, 5);
	struct diff_hunk *h;
	assert_int_equal(diff_hunks(ar, &d, DIFF_CONTEXT, &h), 5);
	assert_int_equal(h[0].a_start, 498);
	arena_free(ar);
	buf_free(&a);
	buf_free(&b);
}

static void test_too_many_lines_is_refused(void **state)
{
	(void)state;
	size_t n = (size_t)DIFF_MAX_LINES + 1;
	char *big = malloc(n);
	memset(big, '\n', n);
	struct arena *ar = arena_new();
	struct diff d;
	struct cn_err err = {0};
	assert_int_equal(diff_texts(ar, big, n, "x", 1, &d, &err), -1);
	assert_int_equal(err.kind, CN_ERR_TOO_LARGE);
	assert_non_null(strstr(err.msg, "lines"));
	arena_free(ar);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical_texts_have_no_hunks),
		cmocka_unit_test(test_unified_output_matches_gnu_diff),
		cmocka_unit_test(test_json_hunks_carry_line_numbers),
		cmocka_unit_test(test_scripts_rebuild_both_texts_and_are_shortest),
		cmocka_unit_test(test_long_texts_with_few_changes),
		cmocka_unit_test(test_too_many_lines_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
