/* chart: bars scale to the maximum, labels are escaped, the numbers are in a table. */
#include "testlib.h"

#include "web/chart.h"

static void test_bars_scale_and_escape(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct html h;
	html_init(&h, &b);
	struct chart_bar bars[] = {{"Daviess <County>", 0.5, "50%"}, {"Owensboro", 1.0, "100%"},
				   {"Over", 7.0, "700%"}, {"Negative", -1, "-"}};
	chart_bars(&h, "pd", "Share of PD minutes in PLCs", bars, 4, 1.0);
	const char *s = buf_str(&b);
	assert_non_null(strstr(s, "role=\"img\""));
	assert_non_null(strstr(s, "<title id=\"pd-title\">Share of PD minutes in PLCs</title>"));
	assert_non_null(strstr(s, "Daviess &lt;County&gt;"));
	assert_null(strstr(s, "<County>"));
	assert_non_null(strstr(s, "class=\"bar\" x=\"220\" y=\"12\" width=\"175\""));
	assert_non_null(strstr(s, "class=\"bar\" x=\"220\" y=\"40\" width=\"350\""));
	assert_non_null(strstr(s, "class=\"bar\" x=\"220\" y=\"68\" width=\"350\"")); /* capped */
	assert_non_null(strstr(s, "class=\"bar\" x=\"220\" y=\"96\" width=\"0\""));
	/* Closed, so that the value label after a bar is not inside it. */
	assert_non_null(strstr(s, "width=\"175\" height=\"18\"></rect><text"));
	assert_int_equal(html_depth(&h), 0);
	buf_reset(&b);
	chart_table(&h, "PD minutes in PLCs", "Team", "Share", bars, 2);
	assert_non_null(strstr(buf_str(&b), "<th scope=\"row\">Owensboro</th><td class=\"num\">100%"));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bars_scale_and_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
