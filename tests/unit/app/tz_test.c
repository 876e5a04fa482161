/* tz: the forms offer Kentucky's two zones, the first the default; a record's own zone
 * outside them is offered too, so that editing the record keeps it. */
#include "testlib.h"

#include "app/tz.h"

static void test_choices_keep_a_records_zone(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *const *c, *const *l;
	tz_choices_with(a, NULL, &c, &l);
	assert_string_equal(c[0], "America/New_York");
	assert_string_equal(l[1], "Central time (America/Chicago)");
	assert_null(c[2]);
	tz_choices_with(a, "America/Chicago", &c, &l);
	assert_null(c[2]);
	tz_choices_with(a, "America/Denver", &c, &l);
	assert_string_equal(c[2], "America/Denver");
	assert_string_equal(l[2], "America/Denver");
	assert_null(c[3]);
	assert_null(l[3]);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_choices_keep_a_records_zone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
