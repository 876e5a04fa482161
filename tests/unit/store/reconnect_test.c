/* store on PostgreSQL: a connection whose session the server ends (a restart, an
 * administrator) comes back by itself between transactions, with its statements
 * prepared again; a session lost inside a transaction takes the transaction with it
 * and nothing of it runs outside. The session is ended with pg_terminate_backend,
 * as a restart ends it. On SQLite there is nothing to reconnect: skipped. */
#include "testlib.h"

static const char SQL_ADD[] = "INSERT INTO setting (key, value) VALUES ('k' || ?1, 'v') RETURNING 1";
static const char SQL_COUNT[] = "SELECT COUNT(*) FROM setting";
static const char SQL_PID[] = "SELECT pg_backend_pid()";

/* Adds setting "k<n>" with a statement prepared once per session. */
static int add(struct testdb *t, int64_t n, struct cn_err *err)
{
	int64_t one = 0;
	return store_query_int(t->db, SQL_ADD, &n, 1, &one, err) == 1 ? 0 : -1;
}

static int64_t backend_pid(struct testdb *t)
{
	int64_t pid = 0;
	struct cn_err err = {0};
	assert_int_equal(store_query_int(t->db, SQL_PID, NULL, 0, &pid, &err), 1);
	return pid;
}

/* Ends the session of backend pid from another connection, waiting until it is gone. */
static void terminate(int64_t pid)
{
	char sql[96];
	snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(%lld, 10000)", (long long)pid);
	testdb_pg_admin(sql);
}

static void test_an_ended_session_comes_back_between_transactions(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	assert_int_equal(add(t, 1, &err), 0); /* prepared on the first session */
	int64_t first = backend_pid(t);
	terminate(first);
	/* The very next statement goes to a new session, prepared there again. */
	assert_int_equal(add(t, 2, &err), 0);
	assert_true(backend_pid(t) != first);
	assert_int_equal(testdb_count(t, SQL_COUNT), 2);
	/* A transaction on the new session. */
	assert_int_equal(store_begin(t->db, &err), 0);
	assert_int_equal(add(t, 3, &err), 0);
	assert_int_equal(store_commit(t->db, &err), 0);
	assert_int_equal(testdb_count(t, SQL_COUNT), 3);
	testdb_close(t);
}

static void test_a_session_lost_in_a_transaction_loses_all_of_it(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	assert_int_equal(store_begin(t->db, &err), 0);
	assert_int_equal(add(t, 4, &err), 0);
	terminate(backend_pid(t));
	assert_int_equal(add(t, 5, &err), -1);
	assert_int_equal(err.kind, CN_ERR_UNAVAILABLE);
	assert_true(store_lost(t->db)); /* what failed, failed for that */
	/* Later statements of the transaction fail too, rather than run on their own. */
	memset(&err, 0, sizeof(err));
	assert_int_equal(add(t, 6, &err), -1);
	assert_int_equal(err.kind, CN_ERR_UNAVAILABLE);
	assert_int_equal(store_commit(t->db, &err), -1);
	assert_false(store_in_transaction(t->db));
	/* The next statement reconnects; nothing of the transaction was kept. */
	assert_int_equal(testdb_count(t, SQL_COUNT), 0);
	assert_false(store_lost(t->db));
	assert_int_equal(add(t, 7, &err), 0);
	assert_int_equal(testdb_count(t, SQL_COUNT), 1);

	/* Lost just before the commit: the commit says so. */
	assert_int_equal(store_begin(t->db, &err), 0);
	assert_int_equal(add(t, 8, &err), 0);
	terminate(backend_pid(t));
	memset(&err, 0, sizeof(err));
	assert_int_equal(store_commit(t->db, &err), -1);
	assert_int_equal(err.kind, CN_ERR_UNAVAILABLE);
	assert_int_equal(testdb_count(t, SQL_COUNT), 1);
	testdb_close(t);
}

int main(void)
{
	const char *pg = getenv("CAPNET_TEST_PG");
	if (pg == NULL || pg[0] == '\0') {
		printf("ok 1 - reconnecting concerns PostgreSQL only # SKIP\n");
		return 0;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_ended_session_comes_back_between_transactions),
		cmocka_unit_test(test_a_session_lost_in_a_transaction_loses_all_of_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
