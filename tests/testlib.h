/* testlib: shared by unit tests: a fresh migrated database in a temporary folder.
 * Header-only so that each test binary stays one file plus the library. */
#ifndef CN_TESTLIB_H
#define CN_TESTLIB_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/actor.h"
#include "store/store.h"

struct testdb {
	char dir[64];
	char url[512];
	char pgname[64]; /* the PostgreSQL database made for this test, or "" */
	struct store *db;
	struct actor who;
};

/* Runs one statement on the PostgreSQL cluster named by CAPNET_TEST_PG. */
static inline void testdb_pg_admin(const char *sql)
{
	struct store *admin = NULL;
	struct cn_err err = {0};
	if (store_open(getenv("CAPNET_TEST_PG"), &admin, &err) != 0)
		fail_msg("CAPNET_TEST_PG: %s", err.msg);
	if (store_exec(admin, sql, &err) != 0)
		fail_msg("%s: %s", sql, err.msg);
	store_close(admin);
}

/* A migrated database in a new temporary folder; testdb_close removes it. With
 * CAPNET_TEST_PG set to a throwaway cluster's URL (tests/pg_cluster.sh), a new
 * PostgreSQL database instead. */
static inline struct testdb *testdb_open(void)
{
	static int serial;
	struct testdb *t = calloc(1, sizeof(*t));
	snprintf(t->dir, sizeof(t->dir), "/tmp/capnet-unit.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	const char *pg = getenv("CAPNET_TEST_PG");
	if (pg != NULL && pg[0] != '\0') {
		char sql[128];
		snprintf(t->pgname, sizeof(t->pgname), "u%d_%d", (int)getpid(), ++serial);
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", t->pgname);
		testdb_pg_admin(sql);
		const char *q = strchr(pg, '?');
		snprintf(t->url, sizeof(t->url), "postgresql:///%s%s", t->pgname, q ? q : "");
	} else {
		snprintf(t->url, sizeof(t->url), "sqlite:%s/test.db", t->dir);
	}
	struct cn_err err = {0};
	if (store_open(t->url, &t->db, &err) != 0 || store_migrate(t->db, NULL, &err) != 0)
		fail_msg("test database: %s", err.msg);
	t->who = actor_system("test");
	return t;
}

static inline void testdb_close(struct testdb *t)
{
	char path[160];
	store_close(t->db);
	if (t->pgname[0] != '\0') {
		char sql[128];
		snprintf(sql, sizeof(sql), "DROP DATABASE %s WITH (FORCE)", t->pgname);
		testdb_pg_admin(sql);
	}
	const char *suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/test.db%s", t->dir, suffix[i]);
		unlink(path);
	}
	rmdir(t->dir);
	free(t);
}

/* Counts rows of a query without parameters that returns one integer. */
static inline int64_t testdb_count(struct testdb *t, const char *sql)
{
	struct cn_err err = {0};
	struct store_stmt *q = store_prepare(t->db, sql, &err);
	assert_non_null(q);
	assert_int_equal(store_step(q, &err), 1);
	int64_t n = store_col_int(q, 0);
	store_done(q);
	return n;
}

/* The bytes of tests/fixtures/<path> (tests run from the top of the tree), with a NUL
 * after them; *len gets their number. The caller frees the result. */
static inline char *testlib_fixture(const char *path, size_t *len)
{
	char full[256];
	snprintf(full, sizeof(full), "tests/fixtures/%s", path);
	FILE *f = fopen(full, "rb");
	if (f == NULL)
		fail_msg("cannot open %s", full);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	data[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return data;
}

#endif
