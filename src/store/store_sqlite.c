/* store_sqlite: the SQLite backend. WAL so readers never block the writer,
 * synchronous=FULL so an acknowledged commit survives power loss, foreign keys on,
 * a busy timeout so writers wait for each other instead of failing. */
#include "store/store_backend.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static int sqlite_fail(sqlite3 *db, int rc, struct cn_err *err)
{
	int primary = rc & 0xff;
	const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	if (primary == SQLITE_CONSTRAINT)
		return cn_err_set(err, CN_ERR_CONFLICT, "the change conflicts with stored data (%s)",
				  msg);
	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		return cn_err_set(err, CN_ERR_UNAVAILABLE,
				  "the database is busy; try again in a moment (%s)", msg);
	if (primary == SQLITE_TOOBIG)
		return cn_err_set(err, CN_ERR_TOO_LARGE, "a value is too large (%s)", msg);
	return cn_err_set(err, CN_ERR_INTERNAL, "database error: %s", msg);
}

static const char SQLITE_PRAGMAS[] = "PRAGMA journal_mode=WAL;"
				     "PRAGMA synchronous=FULL;"
				     "PRAGMA foreign_keys=ON;"
				     "PRAGMA cache_size=-32768;"
				     "PRAGMA mmap_size=268435456;"
				     "PRAGMA temp_store=MEMORY;";

static int sqlite_open(const char *target, void **conn, struct cn_err *err)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(target, &db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		cn_err_field(err, CN_ERR_UNAVAILABLE, "db", "cannot open database '%s': %s",
			     target, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 10000);
	sqlite3_extended_result_codes(db, 1);
	char *msg = NULL;
	rc = sqlite3_exec(db, SQLITE_PRAGMAS, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		cn_err_field(err, CN_ERR_UNAVAILABLE, "db", "cannot use database '%s': %s", target,
			     msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		sqlite3_close(db);
		return -1;
	}
	*conn = db;
	return 0;
}

static void sqlite_close(void *conn)
{
	sqlite3_close_v2(conn);
}

static int sqlite_exec(void *conn, const char *sql, struct cn_err *err)
{
	int rc = sqlite3_exec(conn, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sqlite_fail(conn, rc, err);
	return 0;
}

static void *sqlite_prepare(void *conn, const char *sql, struct cn_err *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v3(conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK) {
		sqlite_fail(conn, rc, err);
		return NULL;
	}
	return stmt;
}

static void sqlite_finalize(void *stmt)
{
	sqlite3_finalize(stmt);
}

static void sqlite_reset(void *stmt)
{
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
}

static void sqlite_bind_int(void *stmt, int idx, int64_t v)
{
	sqlite3_bind_int64(stmt, idx, v);
}

static void sqlite_bind_double(void *stmt, int idx, double v)
{
	sqlite3_bind_double(stmt, idx, v);
}

static void sqlite_bind_text(void *stmt, int idx, const char *s)
{
	sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT);
}

static void sqlite_bind_null(void *stmt, int idx)
{
	sqlite3_bind_null(stmt, idx);
}

static int sqlite_step(void *conn, void *stmt, struct cn_err *err)
{
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	sqlite_fail(conn, rc, err);
	sqlite3_reset(stmt);
	return -1;
}

static int64_t sqlite_col_int(void *stmt, int col)
{
	return sqlite3_column_int64(stmt, col);
}

static double sqlite_col_double(void *stmt, int col)
{
	return sqlite3_column_double(stmt, col);
}

static const char *sqlite_col_text(void *stmt, int col)
{
	return (const char *)sqlite3_column_text(stmt, col);
}

static int sqlite_col_is_null(void *stmt, int col)
{
	return sqlite3_column_type(stmt, col) == SQLITE_NULL;
}

static int sqlite_col_count(void *stmt)
{
	return sqlite3_column_count(stmt);
}

static const char *sqlite_col_name(void *stmt, int col)
{
	return sqlite3_column_name(stmt, col);
}

static int64_t sqlite_changes(void *conn)
{
	return sqlite3_changes64(conn);
}

static int sqlite_integrity_check(void *conn, char *out, unsigned long size, struct cn_err *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(conn, "PRAGMA integrity_check", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return sqlite_fail(conn, rc, err);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return sqlite_fail(conn, rc, err);
	return 0;
}

/* FTS5 (https://sqlite.org/fts5.html §3): every token becomes a quoted string, so
 * that no operator can be injected; the last word also matches as a prefix; tags
 * are matched in the tags column only. bm25 is negated so that higher is better. */
static void sqlite_search_match(const char *const *words, size_t nwords,
				const char *const *tags, size_t ntags, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < nwords && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s{title body} : \"%s\"%s",
				      n ? " AND " : "", words[i], i + 1 == nwords ? " *" : "");
	for (size_t i = 0; i < ntags && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%stags : \"%s\"", n ? " AND " : "",
				      tags[i]);
}

static const char SQLITE_SEARCH_FIND[] =
	"SELECT id FROM search_entry WHERE kind = ?1 AND ref_id = ?2";
static const char SQLITE_SEARCH_ENTRY[] =
	"INSERT INTO search_entry (kind, ref_id) VALUES (?1, ?2)";
static const char SQLITE_SEARCH_DELETE[] = "DELETE FROM search_fts WHERE rowid = ?1";
static const char SQLITE_SEARCH_INSERT[] =
	"INSERT INTO search_fts (rowid, title, body, tags) VALUES (?1, ?2, ?3, ?4)";
static const char SQLITE_SEARCH_REMOVE[] =
	"DELETE FROM search_entry WHERE kind = ?1 AND ref_id = ?2 RETURNING id";
static const char SQLITE_SEARCH_DUMP[] =
	"SELECT rowid, title, body, tags FROM search_fts ORDER BY rowid";
static const char SQLITE_SEARCH_QUERY[] =
	"SELECT e.ref_id, -bm25(search_fts, 10.0, 1.0, 0.0) AS score"
	" FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid"
	" WHERE search_fts MATCH ?1 ORDER BY bm25(search_fts, 10.0, 1.0, 0.0), e.ref_id"
	" LIMIT ?2 OFFSET ?3";

const struct store_backend store_sqlite_backend = {
	.name = "sqlite",
	.open = sqlite_open,
	.close = sqlite_close,
	.exec = sqlite_exec,
	.prepare = sqlite_prepare,
	.finalize = sqlite_finalize,
	.reset = sqlite_reset,
	.bind_int = sqlite_bind_int,
	.bind_double = sqlite_bind_double,
	.bind_text = sqlite_bind_text,
	.bind_null = sqlite_bind_null,
	.step = sqlite_step,
	.col_int = sqlite_col_int,
	.col_double = sqlite_col_double,
	.col_text = sqlite_col_text,
	.col_is_null = sqlite_col_is_null,
	.col_count = sqlite_col_count,
	.col_name = sqlite_col_name,
	.changes = sqlite_changes,
	.begin_sql = "BEGIN IMMEDIATE",
	.dialect = STORE_DIALECT_SQLITE,
	.portable_ddl = NULL,
	.integrity_check = sqlite_integrity_check,
	.search_find_sql = SQLITE_SEARCH_FIND,
	.search_entry_sql = SQLITE_SEARCH_ENTRY,
	.search_delete_sql = SQLITE_SEARCH_DELETE,
	.search_insert_sql = SQLITE_SEARCH_INSERT,
	.search_remove_sql = SQLITE_SEARCH_REMOVE,
	.search_query_sql = SQLITE_SEARCH_QUERY,
	.search_match = sqlite_search_match,
	.search_dump_sql = SQLITE_SEARCH_DUMP,
	.after_copy = NULL,
	.defer_constraints_sql = "PRAGMA defer_foreign_keys = ON",
};
