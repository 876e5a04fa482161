/* batch: the steps run in order in one transaction; a step that fails stops the batch,
 * undoes the steps before it and says which it was. */
#include "testlib.h"

#include "app/batch.h"

struct run {
	struct testdb *t;
	size_t refuse; /* the index of the step that refuses */
};

/* Inserts a setting per step; the step at index refuse refuses. */
static int step(void *ctx, size_t i, struct cn_err *err)
{
	const struct run *r = ctx;
	if (i == r->refuse)
		return cn_err_field(err, CN_ERR_INPUT, "status", "step %zu refused", i);
	return store_exec(r->t->db,
			  "INSERT INTO setting (key, value) VALUES"
			  " ('k' || (SELECT COUNT(*) FROM setting), 'v')",
			  err);
}

static void test_all_or_none(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	int64_t before = testdb_count(t, "SELECT COUNT(*) FROM setting");
	struct run r = {t, 2};
	size_t failed = 99;
	assert_int_equal(batch_all(t->db, 4, step, &r, &failed, &err), -1);
	assert_int_equal(failed, 2);
	assert_string_equal(err.field, "status");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM setting"), before);
	r.refuse = 99;
	assert_int_equal(batch_all(t->db, 4, step, &r, &failed, &err), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM setting"), before + 4);
	assert_int_equal(batch_all(t->db, 0, step, &r, &failed, &err), 0);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_all_or_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
