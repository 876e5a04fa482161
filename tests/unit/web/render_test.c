/* render: Markdown bodies and differences as pages show them: data never becomes
 * markup, removed and added lines are marked, equal texts say so. */
#include "testlib.h"

#include "web/render.h"

static const char *render(struct buf *b, const char *old_text, const char *new_text,
			  struct arena *a)
{
	struct diff d;
	struct cn_err err = {0};
	if (diff_texts(a, old_text, strlen(old_text), new_text, strlen(new_text), &d, &err))
		fail_msg("%s", err.msg);
	struct html h;
	html_init(&h, b);
	render_diff(&h, a, &d, DIFF_CONTEXT, "From 1 to 2");
	assert_int_equal(html_depth(&h), 0);
	return buf_str(b);
}

static void test_diff_marks_removed_and_added_lines(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct buf b = BUF_INIT;
	const char *html =
	    render(&b, "# Title\nkeep\n<old> & gone\n", "# Title\nkeep\n\"new\" line\n", a);
	assert_non_null(strstr(html, "<del>&lt;old&gt; &amp; gone</del>"));
	assert_non_null(strstr(html, "<ins>&quot;new&quot; line</ins>"));
	assert_non_null(strstr(html, "1 line removed, 1 line added."));
	assert_non_null(strstr(html, "<caption>From 1 to 2</caption>"));
	/* Line numbers of both texts beside each line. */
	assert_non_null(
	    strstr(html, "<tr class=\"removed\"><td class=\"num\">3</td><td class=\"num\"></td>"));
	assert_non_null(
	    strstr(html, "<tr class=\"added\"><td class=\"num\"></td><td class=\"num\">3</td>"));
	assert_null(strstr(html, "<old>"));
	buf_free(&b);
	arena_free(a);
}

static void test_equal_texts_say_so(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct buf b = BUF_INIT;
	const char *html = render(&b, "same\n", "same", a);
	assert_non_null(strstr(html, "The two texts are the same."));
	assert_null(strstr(html, "<table"));
	buf_free(&b);
	arena_free(a);
}

static void test_markdown_never_passes_markup_through(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct buf b = BUF_INIT;
	struct html h;
	html_init(&h, &b);
	const char *md = "# Ratios\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n"
			 "<img src=x onerror=alert(1)>\n";
	render_markdown(&h, a, md, strlen(md));
	assert_int_equal(html_depth(&h), 0);
	const char *html = buf_str(&b);
	assert_non_null(strstr(html, "<div class=\"md\">"));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "href=\"javascript:"));
	assert_non_null(strstr(html, "<h3>Ratios</h3>")); /* under the page's h1 and h2 */
	buf_free(&b);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_diff_marks_removed_and_added_lines),
	    cmocka_unit_test(test_equal_texts_say_so),
	    cmocka_unit_test(test_markdown_never_passes_markup_through),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
