/* html writer: data never becomes markup. */
#include "testlib.h"

#include "web/html.h"

static void test_text_and_attributes_are_escaped(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct html h;
	html_init(&h, &b);
	html_open(&h, "p", "title", "\"><script>alert(1)</script>", "data-x", "a'b", NULL);
	html_text(&h, "<img src=x onerror=alert(1)> & 'quotes'");
	html_close(&h);
	assert_string_equal(buf_str(&b),
			    "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" "
			    "data-x=\"a&#39;b\">&lt;img src=x onerror=alert(1)&gt; &amp; "
			    "&#39;quotes&#39;</p>");
	buf_free(&b);
}

static void test_unsafe_urls_are_neutralized(void **state)
{
	(void)state;
	const char *bad[] = {"javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:x",
			     "data:text/html,<b>", "vbscript:x", "//evil.example/x", "/\\evil",
			     "java\tscript:x", NULL};
	for (int i = 0; bad[i] != NULL; i++) {
		struct buf b = BUF_INIT;
		struct html h;
		html_init(&h, &b);
		html_elem(&h, "a", "x", "href", bad[i], NULL);
		if (strcmp(buf_str(&b), "<a href=\"#\">x</a>") != 0)
			fail_msg("%s gave %s", bad[i], buf_str(&b));
		buf_free(&b);
	}
	const char *good[] = {"/networks/1", "?q=math", "#main", "https://ed.gov/x?a=1&b=2",
			      "mailto:ana@grrec.org", NULL};
	for (int i = 0; good[i] != NULL; i++)
		assert_true(html_url_safe(good[i]));
}

static void test_nesting_and_boolean_attributes(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct html h;
	html_init(&h, &b);
	int d = html_depth(&h);
	html_open(&h, "form", "method", "post", "action", "/session", NULL);
	html_open(&h, "label", "for", "email", NULL);
	html_text(&h, "Email");
	html_close(&h);
	html_void(&h, "input", "id", "email", "name", "email", "required", "", "value", "",
		  "class", NULL, NULL);
	html_open(&h, "div", NULL);
	html_close_to(&h, d);
	assert_string_equal(buf_str(&b), "<form method=\"post\" action=\"/session\"><label "
					 "for=\"email\">Email</label><input id=\"email\" "
					 "name=\"email\" required value=\"\"><div></div></form>");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_and_attributes_are_escaped),
		cmocka_unit_test(test_unsafe_urls_are_neutralized),
		cmocka_unit_test(test_nesting_and_boolean_attributes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
