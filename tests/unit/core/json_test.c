/* json writer: commas, nesting and escaping produce valid JSON for any text. */
#include "testlib.h"

#include <jansson.h>

#include "core/buf.h"
#include "core/json.h"

static void test_nesting_and_commas(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_int(&w, "a", 1);
	jw_key(&w, "list");
	jw_arr_begin(&w);
	jw_int(&w, 1);
	jw_str(&w, NULL);
	jw_obj_begin(&w);
	jw_obj_end(&w);
	jw_arr_end(&w);
	jw_kv_bool(&w, "ok", 1);
	jw_kv_id(&w, "parent", 0);
	jw_obj_end(&w);
	assert_string_equal(buf_str(&b), "{\"a\":1,\"list\":[1,null,{}],\"ok\":true,\"parent\":null}");
	buf_free(&b);
}

static void test_escaping_round_trips(void **state)
{
	(void)state;
	const char *nasty = "quote\" back\\ nl\n tab\t ctl\x01 </script> & é 中";
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_str(&w, "k", nasty);
	jw_obj_end(&w);
	assert_null(strstr(buf_str(&b), "</script>"));
	json_error_t e;
	json_t *j = json_loads(buf_str(&b), 0, &e);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "k")), nasty);
	json_decref(j);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nesting_and_commas),
		cmocka_unit_test(test_escaping_round_trips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
