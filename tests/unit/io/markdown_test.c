/* markdown: Markdown renders to HTML, and nothing in the input can put script, event
 * handlers, raw HTML or unsafe addresses into the page. */
#include "testlib.h"

#include <dirent.h>

#include "fuzz/markdown_check.h"
#include "io/markdown.h"

static char *render(struct arena *a, const char *md)
{
	struct cn_err err = {0};
	char *html = NULL;
	if (markdown_html(a, md, strlen(md), "body", &html, &err) != 0)
		fail_msg("render: %s", err.msg);
	char why[200];
	if (markdown_check_html(html, why, sizeof(why)) != 0)
		fail_msg("unsafe output for %s: %s\n%s", md, why, html);
	return html;
}

static void test_renders_commonmark(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(render(a, "# Number talks\n\nA *short* daily **routine**.\n"),
			    "<h1>Number talks</h1>\n<p>A <em>short</em> daily "
			    "<strong>routine</strong>.</p>\n");
	assert_string_equal(render(a, "1. Pose\n2. Share\n"),
			    "<ol>\n<li>Pose</li>\n<li>Share</li>\n</ol>\n");
	assert_string_equal(render(a, "[guide](https://ies.ed.gov/ncee/wwc/) and "
				      "[contact](mailto:ana@grrec.org) and [item](/library/3) "
				      "and [below](#steps)"),
			    "<p><a href=\"https://ies.ed.gov/ncee/wwc/\">guide</a> and "
			    "<a href=\"mailto:ana@grrec.org\">contact</a> and "
			    "<a href=\"/library/3\">item</a> and <a href=\"#steps\">below</a></p>\n");
	assert_string_equal(render(a, "![chart](https://example.org/c.png)"),
			    "<p><img src=\"https://example.org/c.png\" alt=\"chart\" /></p>\n");
	arena_free(a);
}

static void test_raw_html_is_dropped(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *h = render(a, "<script>alert(1)</script>\n\nText");
	assert_null(strstr(h, "alert"));
	assert_non_null(strstr(h, "raw HTML omitted"));
	h = render(a, "Hi <img src=x onerror=alert(1)> there <b onclick=\"x()\">b</b>");
	assert_null(strstr(h, "onerror"));
	assert_null(strstr(h, "onclick"));
	assert_null(strstr(h, "<img"));
	assert_null(strstr(h, "<b"));
	h = render(a, "<div>\n<iframe src=\"https://evil.example\"></iframe>\n</div>\n");
	assert_null(strstr(h, "iframe"));
	h = render(a, "<SCRIPT SRC=//evil.example/x.js></SCRIPT>");
	assert_null(strcasestr(h, "script"));
	/* As code it is shown, escaped. */
	assert_string_equal(render(a, "`<script>`"), "<p><code>&lt;script&gt;</code></p>\n");
	arena_free(a);
}

static void test_unsafe_addresses_are_emptied(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *bad[] = {
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](javascript&#58;alert(1))",
		"[x](java&#x09;script:alert(1))",
		"<javascript:alert(1)>",
		"[x](vbscript:msgbox)",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		"[x](file:///etc/passwd)",
		"[x][r]\n\n[r]: javascript:alert(1)",
		"![x](data:image/svg+xml;base64,PHN2Zz4=)",
		"![x](javascript:alert(1))",
		"![x](mailto:a@b.org)",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *h = render(a, bad[i]);
		if (strstr(h, "href=\"\"") == NULL && strstr(h, "src=\"\"") == NULL)
			fail_msg("%s kept its address: %s", bad[i], h);
	}
	/* Quotes cannot break out of an attribute. */
	char *h = render(a, "[x](https://a.org/\"onmouseover=\"alert(1) \"t\\\" onclick=\\\"y\")");
	assert_null(strstr(h, "onmouseover=\""));
	assert_null(strstr(h, "onclick=\""));
	arena_free(a);
}

static void test_refuses_bad_input(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct cn_err err = {0};
	char *html = NULL;
	assert_int_equal(markdown_html(a, "ok \xff", 4, "body", &html, &err), -1);
	assert_int_equal(err.kind, CN_ERR_INPUT);
	assert_string_equal(err.field, "body");
	assert_non_null(strstr(err.msg, "byte 4"));
	assert_int_equal(markdown_html(a, "a\0b", 3, "body", &html, &err), -1);
	assert_int_equal(err.kind, CN_ERR_INPUT);
	size_t n = MARKDOWN_INPUT_MAX + 1;
	char *big = arena_alloc(a, n + 1);
	memset(big, 'a', n);
	assert_int_equal(markdown_html(a, big, n, "summary", &html, &err), -1);
	assert_int_equal(err.kind, CN_ERR_TOO_LARGE);
	assert_string_equal(err.field, "summary");
	assert_int_equal(markdown_html(a, big, n - 1, "summary", &html, &err), 0);
	arena_free(a);
}

/* Every seed of the fuzz corpus renders safely (tests run from the top of the tree). */
static void test_fuzz_seeds(void **state)
{
	(void)state;
	const char *dir = "tests/fuzz/corpus/markdown";
	DIR *d = opendir(dir);
	if (d == NULL)
		fail_msg("%s: cannot open it; run the tests from the top of the tree", dir);
	int seen = 0;
	struct dirent *e;
	static char buf[MARKDOWN_INPUT_MAX + 1];
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char file[600];
		snprintf(file, sizeof(file), "%s/%s", dir, e->d_name);
		FILE *f = fopen(file, "rb");
		if (f == NULL)
			continue;
		size_t n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		struct arena *a = arena_new();
		struct cn_err err = {0};
		char *html = NULL;
		if (markdown_html(a, buf, n, "body", &html, &err) == 0) {
			char why[200];
			if (markdown_check_html(html, why, sizeof(why)) != 0)
				fail_msg("%s: %s", e->d_name, why);
		}
		arena_free(a);
		seen++;
	}
	closedir(d);
	assert_true(seen > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_renders_commonmark),
		cmocka_unit_test(test_raw_html_is_dropped),
		cmocka_unit_test(test_unsafe_addresses_are_emptied),
		cmocka_unit_test(test_refuses_bad_input),
		cmocka_unit_test(test_fuzz_seeds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
