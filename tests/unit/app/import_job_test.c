/* import_job: imports run on their own thread and connection; how each ended is
 * recorded, with the summary or the error, and nothing is written by a failed one. */
#include "testlib.h"

#include "app/import_job.h"
#include "core/arena.h"

static const char WORLD[] =
	"INSERT INTO person (id, given_name, family_name, email, created_at, updated_at) VALUES"
	" (1, 'Teresa', 'Vaughn', 'teresa@x.org', 'x', 'x');";

static struct testdb *open_world(void)
{
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	if (store_exec(t->db, WORLD, &err))
		fail_msg("%s", err.msg);
	return t;
}

/* Starts an import of data and waits for it to end; returns its id. */
static int64_t run_job(struct testdb *t, enum import_job_kind kind, const char *filename,
		       const char *data, size_t len, int dry_run)
{
	struct import_job_request rq = {.kind = kind,
					.db_url = t->url,
					.person_id = 1,
					.filename = filename,
					.data = data,
					.len = len,
					.dry_run = dry_run};
	struct cn_err err = {0};
	int64_t id = 0;
	if (import_job_start(t->db, &rq, &id, &err))
		fail_msg("%s", err.msg);
	while (!import_job_wait(id, 1000))
		;
	return id;
}

static void test_case_package_imported_in_the_background(void **state)
{
	(void)state;
	struct testdb *t = open_world();
	size_t len = 0;
	char *data = testlib_fixture("case/basic.json", &len);
	int64_t id = run_job(t, IMPORT_JOB_CASE, "basic.json", data, len, 0);
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct import_job j;
	assert_int_equal(import_job_get(t->db, a, id, &j, &err), 0);
	assert_string_equal(j.status, "done");
	assert_int_equal(j.kind, IMPORT_JOB_CASE);
	assert_string_equal(j.filename, "basic.json");
	assert_string_equal(j.person, "Teresa Vaughn");
	assert_non_null(j.finished_at);
	assert_null(j.error);
	assert_non_null(strstr(j.result, "\"items_added\":11"));
	assert_int_equal(j.tracked, 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM cf_item"), 11);
	/* The import acted as the person who started it. */
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE action = 'import'"
					 " AND actor_id = 1"),
			 1);
	free(data);
	arena_free(a);
	testdb_close(t);
}

static void test_failed_import_says_where_and_writes_nothing(void **state)
{
	(void)state;
	struct testdb *t = open_world();
	static const char broken[] = "{\"CFPackage\": {\n  \"CFDocument\": [}\n}";
	int64_t id = run_job(t, IMPORT_JOB_CASE, "broken.json", broken, sizeof(broken) - 1, 0);
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct import_job j;
	assert_int_equal(import_job_get(t->db, a, id, &j, &err), 0);
	assert_string_equal(j.status, "failed");
	assert_null(j.result);
	assert_non_null(strstr(j.error, "broken.json:2:"));
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM framework"), 0);

	static const char notzip[] = "not a zip archive";
	int64_t id2 = run_job(t, IMPORT_JOB_ONEROSTER, "roster.zip", notzip, sizeof(notzip) - 1, 0);
	assert_int_equal(import_job_get(t->db, a, id2, &j, &err), 0);
	assert_string_equal(j.status, "failed");
	assert_non_null(strstr(j.error, "is not a readable zip archive"));
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM organization"), 0);

	struct import_job *recent = NULL;
	size_t n = 0;
	assert_int_equal(import_job_recent(t->db, a, 10, &recent, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(recent[0].id, id2); /* newest first */
	assert_int_equal(recent[1].id, id);
	assert_int_equal(import_job_get(t->db, a, id2 + 1, &j, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	arena_free(a);
	testdb_close(t);
}

static void test_dry_run_counts_and_writes_nothing(void **state)
{
	(void)state;
	struct testdb *t = open_world();
	size_t len = 0;
	char *data = testlib_fixture("case/basic.json", &len);
	int64_t id = run_job(t, IMPORT_JOB_CASE, "basic.json", data, len, 1);
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct import_job j;
	assert_int_equal(import_job_get(t->db, a, id, &j, &err), 0);
	assert_string_equal(j.status, "done");
	assert_int_equal(j.dry_run, 1);
	assert_non_null(strstr(j.result, "\"items_added\":11"));
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM cf_item"), 0);
	free(data);
	arena_free(a);
	import_job_drain();
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_case_package_imported_in_the_background),
	    cmocka_unit_test(test_failed_import_says_where_and_writes_nothing),
	    cmocka_unit_test(test_dry_run_counts_and_writes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
