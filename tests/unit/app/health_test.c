/* health: the server is ready when its database answers with the schema this program
 * expects; an older schema is "unavailable", with the command that fixes it. */
#include "testlib.h"

#include "app/health.h"

static void test_ready_needs_the_current_schema(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	assert_int_equal(health_ready(t->db, &err), 0);
	assert_int_equal(store_exec(t->db,
				    "DELETE FROM schema_migration WHERE version ="
				    " (SELECT MAX(version) FROM schema_migration)",
				    &err),
			 0);
	assert_int_equal(health_ready(t->db, &err), -1);
	assert_int_equal(err.kind, CN_ERR_UNAVAILABLE);
	assert_non_null(strstr(err.msg, "capnet init"));
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ready_needs_the_current_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
