/* store: transactions, migrations, URLs; the contracts every module relies on. */
#include "testlib.h"

static const char SQL_ADD[] = "INSERT INTO setting (key, value) VALUES (?1, ?2)";
static const char SQL_COUNT[] = "SELECT COUNT(*) FROM setting";

static int add(struct testdb *t, const char *key, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(t->db, SQL_ADD, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, key);
	store_bind_text(q, 2, "v");
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

static void test_nested_transactions_are_all_or_nothing(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	assert_int_equal(store_begin(t->db, &err), 0);
	assert_int_equal(add(t, "a", &err), 0);
	assert_int_equal(store_begin(t->db, &err), 0); /* an inner unit of work */
	assert_int_equal(add(t, "b", &err), 0);
	store_rollback(t->db); /* it fails ... */
	assert_true(store_in_transaction(t->db));
	/* ... so the outer commit must not keep half the work. */
	assert_int_equal(store_commit(t->db, &err), -1);
	assert_false(store_in_transaction(t->db));
	assert_int_equal(testdb_count(t, SQL_COUNT), 0);
	/* A clean nested pair commits once, at the outermost level. */
	assert_int_equal(store_begin(t->db, &err), 0);
	assert_int_equal(store_begin(t->db, &err), 0);
	assert_int_equal(add(t, "c", &err), 0);
	assert_int_equal(store_commit(t->db, &err), 0);
	assert_int_equal(store_commit(t->db, &err), 0);
	assert_int_equal(testdb_count(t, SQL_COUNT), 1);
	testdb_close(t);
}

static void test_constraint_failure_is_a_conflict(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	assert_int_equal(add(t, "k", &err), 0);
	assert_int_equal(add(t, "k", &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	testdb_close(t);
}

static void test_audit_log_is_append_only(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db,
				    "INSERT INTO audit_event (at, actor_label, action, entity)"
				    " VALUES ('2026-01-01T00:00:00Z', 'test', 'other', 'x')",
				    &err),
			 0);
	assert_int_equal(store_exec(t->db, "UPDATE audit_event SET entity = 'y'", &err), -1);
	assert_int_equal(store_exec(t->db, "DELETE FROM audit_event", &err), -1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE entity = 'x'"), 1);
	testdb_close(t);
}

static void test_migrate_is_idempotent_and_versions_are_checked(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	int applied = -1, version = 0;
	assert_int_equal(store_migrate(t->db, &applied, &err), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(store_schema_version(t->db, &version, &err), 0);
	assert_int_equal(version, store_schema_latest());
	assert_int_equal(store_require_current(t->db, &err), 0);
	char ok[64];
	assert_int_equal(store_integrity_check(t->db, ok, sizeof(ok), &err), 0);
	assert_string_equal(ok, "ok");
	testdb_close(t);

	char dir[] = "/tmp/capnet-store.XXXXXX", url[128];
	assert_non_null(mkdtemp(dir));
	snprintf(url, sizeof(url), "sqlite:%s/new.db", dir);
	struct store *fresh = NULL;
	assert_int_equal(store_open(url, &fresh, &err), 0);
	assert_int_equal(store_require_current(fresh, &err), -1);
	assert_non_null(strstr(err.msg, "capnet init"));
	store_close(fresh);
	snprintf(url, sizeof(url), "%s/new.db", dir);
	unlink(url);
	rmdir(dir);
}

/* The reads of a read transaction see one snapshot: what another connection commits
 * in between is seen only after it; and a read that reads nothing, or one after
 * another, leaves the connection ready. */
static void test_a_read_sees_one_snapshot(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	struct store *other = NULL;
	assert_int_equal(store_open(t->url, &other, &err), 0);
	assert_int_equal(store_begin_read(t->db, &err), 0);
	assert_int_equal(testdb_count(t, SQL_COUNT), 0);
	struct store_stmt *q = store_prepare(other, SQL_ADD, &err);
	assert_non_null(q);
	store_bind_text(q, 1, "seen-later");
	store_bind_text(q, 2, "v");
	assert_int_equal(store_step(q, &err), 0);
	store_done(q);
	assert_int_equal(testdb_count(t, SQL_COUNT), 0);
	assert_int_equal(store_commit(t->db, &err), 0);
	assert_int_equal(store_begin_read(t->db, &err), 0);
	assert_int_equal(store_commit(t->db, &err), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(store_begin_read(t->db, &err), 0);
		assert_int_equal(testdb_count(t, SQL_COUNT), 1);
		assert_int_equal(store_commit(t->db, &err), 0);
	}
	assert_int_equal(add(t, "after", &err), 0);
	assert_int_equal(testdb_count(t, SQL_COUNT), 2);
	store_close(other);
	testdb_close(t);
}

static void test_urls(void **state)
{
	(void)state;
	struct store *st = NULL;
	struct cn_err err = {0};
	assert_int_equal(store_open("mysql://x", &st, &err), -1);
	assert_string_equal(err.field, "db");
	assert_int_equal(store_open("sqlite:", &st, &err), -1);
	assert_int_equal(store_open("sqlite:/nonexistent-dir/x.db", &st, &err), -1);
	assert_int_equal(err.kind, CN_ERR_UNAVAILABLE);
	char out[128];
	store_url_display("postgresql://capnet:hunter2hunter2@db.example.org/capnet", out,
			  sizeof(out));
	assert_string_equal(out, "postgresql://capnet:***@db.example.org/capnet");
	store_url_display("sqlite:capnet.db", out, sizeof(out));
	assert_string_equal(out, "sqlite:capnet.db");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested_transactions_are_all_or_nothing),
		cmocka_unit_test(test_constraint_failure_is_a_conflict),
		cmocka_unit_test(test_audit_log_is_append_only),
		cmocka_unit_test(test_migrate_is_idempotent_and_versions_are_checked),
		cmocka_unit_test(test_a_read_sees_one_snapshot),
		cmocka_unit_test(test_urls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
