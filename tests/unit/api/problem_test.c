/* problem: errors as RFC 9457 problem JSON, and request body decoding that names the
 * line, column or field. */
#include "testlib.h"

#include <jansson.h>

#include "api/decode.h"
#include "api/resource.h"
#include "app/network/meeting.h"

static json_t *problem(const struct cn_err *err)
{
	struct buf b = BUF_INIT;
	api_problem_json(err, &b);
	json_error_t jerr;
	json_t *j = json_loads(buf_str(&b), 0, &jerr);
	if (j == NULL)
		fail_msg("not JSON: %s", buf_str(&b));
	buf_free(&b);
	return j;
}

static void test_field_error(void **state)
{
	(void)state;
	struct cn_err err = {0};
	cn_err_field(&err, CN_ERR_INPUT, "name", "is required");
	json_t *j = problem(&err);
	assert_string_equal(json_string_value(json_object_get(j, "type")),
			    "urn:capnet:problem:bad-input");
	assert_int_equal(json_integer_value(json_object_get(j, "status")), 400);
	assert_string_equal(json_string_value(json_object_get(j, "detail")), "is required");
	assert_string_equal(json_string_value(json_object_get(j, "field")), "name");
	assert_null(json_object_get(j, "line"));
	json_decref(j);
}

static void test_status_of_every_kind(void **state)
{
	(void)state;
	static const int want[CN_ERR_KIND_COUNT] = {
		[CN_ERR_INPUT] = 400,	     [CN_ERR_NOT_FOUND] = 404,	 [CN_ERR_UNAUTHENTICATED] = 401,
		[CN_ERR_FORBIDDEN] = 403,    [CN_ERR_CONFLICT] = 409,	 [CN_ERR_STALE] = 412,
		[CN_ERR_PRECONDITION] = 428, [CN_ERR_METHOD] = 405, [CN_ERR_MEDIA_TYPE] = 415,	 [CN_ERR_TOO_LARGE] = 413,
		[CN_ERR_THROTTLED] = 429,    [CN_ERR_UNAVAILABLE] = 503, [CN_ERR_INTERNAL] = 500,
	};
	for (int k = CN_ERR_INPUT; k < CN_ERR_KIND_COUNT; k++) {
		struct cn_err err = {0};
		cn_err_set(&err, (enum cn_err_kind)k, "x");
		json_t *j = problem(&err);
		assert_int_equal(json_integer_value(json_object_get(j, "status")), want[k]);
		json_decref(j);
	}
}

static void test_internal_detail_stays_in_the_log(void **state)
{
	(void)state;
	struct cn_err err = {0};
	cn_err_set(&err, CN_ERR_INTERNAL, "database error: disk I/O error at /var/secret");
	json_t *j = problem(&err);
	assert_null(strstr(json_string_value(json_object_get(j, "detail")), "secret"));
	json_decref(j);
}

static void test_decode_syntax_names_line_and_column(void **state)
{
	(void)state;
	struct cn_err err = {0};
	json_t *root = NULL;
	const char body[] = "{\n  \"a\": 1,\n  \"b\": tru\n}";
	assert_int_equal(api_json_parse(body, strlen(body), &root, &err), -1);
	assert_int_equal(err.kind, CN_ERR_INPUT);
	assert_int_equal(err.line, 3);
	assert_true(err.column >= 8);
	const char utf8[] = "{\"a\":\n\"\xc3\xa9t\xe9\"}";
	assert_int_equal(api_json_parse(utf8, strlen(utf8), &root, &err), -1);
	assert_non_null(strstr(err.msg, "UTF-8"));
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 4);
	const char nul[] = "{\"a\":\"x\0y\"}";
	assert_int_equal(api_json_parse(nul, sizeof(nul) - 1, &root, &err), -1);
	assert_non_null(strstr(err.msg, "NUL"));
	assert_int_equal(api_json_parse("[1]", 3, &root, &err), -1);
	assert_int_equal(api_json_parse("", 0, &root, &err), -1);
}

static void test_decode_fields(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct cn_err err = {0};
	json_t *root = NULL;
	const char ok[] = "{\"network_id\":1,\"title\":\"M\",\"place\":null}";
	assert_int_equal(api_json_parse(ok, strlen(ok), &root, &err), 0);
	struct rec *r = rec_new(a, &meeting_entity);
	assert_int_equal(api_rec_from_json(a, root, r, &err), 0);
	assert_int_equal(rec_int(r, "network_id"), 1);
	assert_string_equal(rec_text(r, "title"), "M");
	json_decref(root);
	static const char *const bad[][2] = {
		{"{\"network_id\":\"1\"}", "network_id"}, {"{\"title\":5}", "title"},
		{"{\"title\":[\"x\"]}", "title"},	    {"{\"colour\":\"red\"}", "colour"},
		{"{\"uid\":\"x\"}", "uid"},		    {"{\"network_id\":1.5}", "network_id"},
		{"{\"title\":\"a\\nb\"}", "title"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(api_json_parse(bad[i][0], strlen(bad[i][0]), &root, &err), 0);
		r = rec_new(a, &meeting_entity);
		assert_int_equal(api_rec_from_json(a, root, r, &err), -1);
		assert_int_equal(err.kind, CN_ERR_INPUT);
		assert_string_equal(err.field, bad[i][1]);
		json_decref(root);
	}
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_error),
		cmocka_unit_test(test_status_of_every_kind),
		cmocka_unit_test(test_internal_detail_stays_in_the_log),
		cmocka_unit_test(test_decode_syntax_names_line_and_column),
		cmocka_unit_test(test_decode_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
