/* form: what browsers send decodes to what people typed; bad input is named. */
#include "testlib.h"

#include "core/buf.h"
#include "http/form.h"

static void test_decoding(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form f;
	struct cn_err err = {0};
	const char *body = "email=ana%40grrec.org&note=I+can+add+fractions%21&tag=a&tag=b&"
			   "empty=&bare&pct=100%&pct2=%zz&utf=%C3%A9t%C3%A9&&";
	assert_int_equal(form_parse(a, body, strlen(body), &f, &err), 0);
	assert_string_equal(form_get(&f, "email"), "ana@grrec.org");
	assert_string_equal(form_get(&f, "note"), "I can add fractions!");
	assert_string_equal(form_get(&f, "empty"), "");
	assert_string_equal(form_get(&f, "bare"), "");
	assert_string_equal(form_get(&f, "pct"), "100%");
	assert_string_equal(form_get(&f, "pct2"), "%zz");
	assert_string_equal(form_get(&f, "utf"), "été");
	assert_null(form_get(&f, "missing"));
	const char **tags = form_all(&f, a, "tag");
	assert_string_equal(tags[0], "a");
	assert_string_equal(tags[1], "b");
	assert_null(tags[2]);
	arena_free(a);
}

static void test_bad_input_is_named(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form f;
	struct cn_err err = {0};
	const char *bad_utf8 = "title=ok&body=%FF%FE";
	assert_int_equal(form_parse(a, bad_utf8, strlen(bad_utf8), &f, &err), -1);
	assert_string_equal(err.field, "body");
	const char *nul = "name=a%00b";
	assert_int_equal(form_parse(a, nul, strlen(nul), &f, &err), -1);
	assert_string_equal(err.field, "name");
	struct buf many = BUF_INIT;
	for (int i = 0; i < FORM_MAX_FIELDS + 1; i++)
		buf_printf(&many, "f%d=x&", i);
	assert_int_equal(form_parse(a, many.data, many.len, &f, &err), -1);
	assert_int_equal(err.kind, CN_ERR_TOO_LARGE);
	buf_free(&many);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decoding),
		cmocka_unit_test(test_bad_input_is_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
