/* store_sqlite: the SQLite backend. WAL so readers never block the writer,
 * synchronous=FULL so an acknowledged commit survives power loss, foreign keys on,
 * a busy timeout so writers wait for each other instead of failing. */
#include "store/store_backend.h"

#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"

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

/* mmap_size: reads of a database up to 2 GB (SQLite's default ceiling) go through the
 * mapping instead of pread into the page cache; a search touches index pages spread
 * over the whole file, and a 256 MB map left most of them to pread. */
static const char SQLITE_PRAGMAS[] = "PRAGMA journal_mode=WAL;"
				     "PRAGMA synchronous=FULL;"
				     "PRAGMA foreign_keys=ON;"
				     "PRAGMA cache_size=-32768;"
				     "PRAGMA mmap_size=2147418112;"
				     "PRAGMA temp_store=MEMORY;";

static int sqlite_search_register(sqlite3 *db);

/* Before SQLite's first use: no memory statistics. Debian's SQLite is built without
 * lookaside, so every small allocation is a malloc, and with statistics on each one
 * takes a process-wide mutex that the server's worker threads then queue on. */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sqlite_open(const char *target, void **conn, struct cn_err *err)
{
	pthread_once(&sqlite_once, sqlite_setup);
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
	rc = sqlite_search_register(db);
	if (rc != SQLITE_OK) {
		cn_err_field(err, CN_ERR_INTERNAL, "db",
			     "this SQLite has no usable FTS5 full-text search (%s)",
			     sqlite3_errstr(rc));
		sqlite3_close(db);
		return -1;
	}
	*conn = db;
	return 0;
}

static int64_t sqlite_total_changes(void *conn)
{
	return sqlite3_total_changes64(conn);
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

/* The online backup API (sqlite.org/backup.html) in one step: the whole database
 * is read in one read transaction, so the copy is one snapshot, and in WAL mode
 * writers are not held up meanwhile. */
static int sqlite_backup(void *conn, const char *path, struct cn_err *err)
{
	if (access(path, F_OK) == 0)
		return cn_err_field(err, CN_ERR_CONFLICT, "to",
				    "%s already exists; back up to a new file (e.g. one named "
				    "by the date)",
				    path);
	size_t n = strlen(path);
	char *tmp = xmalloc(n + 16);
	snprintf(tmp, n + 16, "%s.part", path);
	unlink(tmp);
	sqlite3 *dest = NULL;
	int rc = sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(dest, "main", conn, "main");
		if (b == NULL) {
			rc = sqlite3_errcode(dest);
		} else {
			do {
				rc = sqlite3_backup_step(b, -1);
				if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
					sqlite3_sleep(50);
			} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
			int fin = sqlite3_backup_finish(b);
			rc = rc == SQLITE_DONE ? fin : rc;
		}
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		cn_err_field(err, CN_ERR_INTERNAL, "to", "cannot write the backup %s: %s", path,
			     dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc));
		sqlite3_close(dest);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	sqlite3_close(dest);
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		free(tmp);
		return cn_err_field(err, CN_ERR_INTERNAL, "to", "cannot move the backup into %s",
				    path);
	}
	free(tmp);
	return 0;
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

/* FTS5 match expressions (https://sqlite.org/fts5.html §3): every token becomes a
 * quoted string, so that no operator can be injected. No column filters are needed:
 * tags all start with '_', which title and body never hold (see store_backend.h). */
static void sqlite_search_words(const char *const *words, size_t nwords, const char *prefix,
				unsigned how, struct buf *out)
{
	int any = (how & STORE_MATCH_ANY) != 0;
	buf_putc(out, '(');
	for (size_t i = 0; i < nwords; i++)
		buf_printf(out, "%s\"%s%s\"%s", i ? (any ? " OR " : " AND ") : "", prefix,
			   words[i], (how & STORE_MATCH_PREFIX) && i + 1 == nwords ? " *" : "");
	buf_putc(out, ')');
}

static void sqlite_search_match(const char *const *words, size_t nwords,
				const char *const *tags, size_t ntags, unsigned how,
				struct buf *out)
{
	if (nwords > 0) {
		if (how & STORE_MATCH_TITLE) {
			sqlite_search_words(words, nwords, "_t_", how, out);
			buf_puts(out, " AND ");
		}
		sqlite_search_words(words, nwords, "", how, out);
	}
	for (size_t i = 0; i < ntags; i++)
		buf_printf(out, "%s\"%s\"", nwords > 0 || i > 0 ? " AND " : "", tags[i]);
}

/* Ranking: two FTS5 auxiliary functions (https://sqlite.org/fts5.html §7), both
 * called as f(search_fts, FIRST, N) where phrases FIRST .. FIRST+N-1 of the match
 * expression are the search words (the others are tags, which never count).
 *
 * capnet_rank is BM25F (Robertson & Zaragoza 2009, §3.4): per word, the term
 * frequencies of title and body, each normalized by its column's length, are
 * weighted 10 : 1 and summed before saturation (k1 = 1.2, b = 0.75), times the
 * word's idf = ln(1 + N / df). FTS5's own bm25() counts df by reading a word's whole
 * list of documents on every search, which for a common word costs more than the
 * rest of the search; here df is estimated from its first SQLITE_DF_SAMPLE
 * documents: N * SAMPLE / (the span of rowids they cover), as rowids are dense. */
enum { SQLITE_DF_SAMPLE = 1000, SQLITE_RANK_WORDS = 32 };

struct sqlite_rank_query {
	double idf[SQLITE_RANK_WORDS];
	double avglen[2];
};

struct sqlite_df_count {
	int n;
	sqlite3_int64 first, last;
};

static int sqlite_df_row(const Fts5ExtensionApi *api, Fts5Context *ctx, void *p)
{
	struct sqlite_df_count *d = p;
	d->last = api->xRowid(ctx);
	if (d->n++ == 0)
		d->first = d->last;
	return d->n >= SQLITE_DF_SAMPLE ? SQLITE_DONE : SQLITE_OK;
}

/* The per-search figures, computed on the first row and kept as auxdata. */
static struct sqlite_rank_query *sqlite_rank_query(const Fts5ExtensionApi *api, Fts5Context *ctx,
						   int first, int n)
{
	struct sqlite_rank_query *q = api->xGetAuxdata(ctx, 0);
	if (q != NULL)
		return q;
	q = sqlite3_malloc(sizeof(*q));
	if (q == NULL)
		return NULL;
	sqlite3_int64 rows = 0;
	api->xRowCount(ctx, &rows);
	for (int c = 0; c < 2; c++) {
		sqlite3_int64 total = 0;
		api->xColumnTotalSize(ctx, c, &total);
		q->avglen[c] = rows > 0 && total > rows ? (double)total / (double)rows : 1.0;
	}
	for (int i = 0; i < n; i++) {
		struct sqlite_df_count d = {0, 0, 0};
		api->xQueryPhrase(ctx, first + i, &d, sqlite_df_row);
		double df = d.n;
		if (d.n >= SQLITE_DF_SAMPLE && d.last > d.first)
			df = (double)d.n * (double)rows / (double)(d.last - d.first + 1);
		if (df > (double)rows)
			df = (double)rows;
		q->idf[i] = log(1.0 + (double)rows / (df > 0.5 ? df : 0.5));
	}
	if (api->xSetAuxdata(ctx, q, sqlite3_free) != SQLITE_OK)
		return NULL; /* xSetAuxdata has freed q */
	return q;
}

static void sqlite_rank_args(sqlite3_value **args, int nargs, int *first, int *n)
{
	*first = nargs >= 2 ? sqlite3_value_int(args[0]) : 0;
	*n = nargs >= 2 ? sqlite3_value_int(args[1]) : 0;
	if (*n > SQLITE_RANK_WORDS)
		*n = SQLITE_RANK_WORDS;
	if (*n < 0 || *first < 0)
		*n = 0;
}

static void sqlite_rank(const Fts5ExtensionApi *api, Fts5Context *ctx, sqlite3_context *out,
			int nargs, sqlite3_value **args)
{
	static const double weight[2] = {10.0, 1.0}, k1 = 1.2, b = 0.75;
	int first, n;
	sqlite_rank_args(args, nargs, &first, &n);
	if (n == 0) {
		sqlite3_result_double(out, 0.0);
		return;
	}
	struct sqlite_rank_query *q = sqlite_rank_query(api, ctx, first, n);
	if (q == NULL) {
		sqlite3_result_error_nomem(out);
		return;
	}
	int len[2] = {0, 0};
	api->xColumnSize(ctx, 0, &len[0]);
	api->xColumnSize(ctx, 1, &len[1]);
	double score = 0.0;
	for (int i = 0; i < n; i++) {
		Fts5PhraseIter it;
		int col = -1, off = 0, tf[2] = {0, 0};
		if (api->xPhraseFirst(ctx, first + i, &it, &col, &off) != SQLITE_OK)
			continue;
		for (; col >= 0; api->xPhraseNext(ctx, &it, &col, &off))
			if (col < 2)
				tf[col]++;
		double t = 0.0;
		for (int c = 0; c < 2; c++)
			t += weight[c] * tf[c] / (1.0 - b + b * len[c] / q->avglen[c]);
		score += q->idf[i] * t * (k1 + 1.0) / (t + k1);
	}
	sqlite3_result_double(out, score);
}

/* capnet_matched: bit i set when word i is in the row. */
static void sqlite_matched(const Fts5ExtensionApi *api, Fts5Context *ctx, sqlite3_context *out,
			   int nargs, sqlite3_value **args)
{
	int first, n;
	sqlite_rank_args(args, nargs, &first, &n);
	sqlite3_int64 mask = 0;
	for (int i = 0; i < n; i++) {
		Fts5PhraseIter it;
		int col = -1, off = 0;
		if (api->xPhraseFirst(ctx, first + i, &it, &col, &off) == SQLITE_OK && col >= 0)
			mask |= (sqlite3_int64)1 << i;
	}
	sqlite3_result_int64(out, mask);
}

/* Registers the ranking functions on a new connection. */
static int sqlite_search_register(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(stmt);
	rc = sqlite3_finalize(stmt);
	if (rc != SQLITE_OK || api == NULL || api->iVersion < 2)
		return rc != SQLITE_OK ? rc : SQLITE_ERROR;
	rc = api->xCreateFunction(api, "capnet_rank", NULL, sqlite_rank, NULL);
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "capnet_matched", NULL, sqlite_matched, NULL);
	return rc;
}

static const char SQLITE_SEARCH_FIND[] =
	"SELECT id FROM search_entry WHERE kind = ?1 AND ref_id = ?2";
static const char SQLITE_SEARCH_ENTRY[] =
	"INSERT INTO search_entry (kind, ref_id) VALUES (?1, ?2)";
/* Each entry is kept under the negative of its id: FTS5 walks its lists much faster
 * forwards (in ascending rowid order) than backwards, and so forwards is newest
 * first. */
static const char SQLITE_SEARCH_DELETE[] = "DELETE FROM search_fts WHERE rowid = -?1";
static const char SQLITE_SEARCH_INSERT[] =
	"INSERT INTO search_fts (rowid, title, body, tags) VALUES (-?1, ?2, ?3, ?4)";
static const char SQLITE_SEARCH_REMOVE[] =
	"DELETE FROM search_entry WHERE kind = ?1 AND ref_id = ?2 RETURNING id";
static const char SQLITE_SEARCH_DUMP[] =
	"SELECT -rowid, title, body, tags FROM search_fts ORDER BY rowid DESC";
/* FTS5 walks matches in rowid order, so LIMIT bounds the work however many match. */
static const char SQLITE_SEARCH_QUERY[] =
	"SELECT -rowid, capnet_rank(search_fts, ?2, ?3), capnet_matched(search_fts, ?2, ?3)"
	" FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid LIMIT ?4";
static const char SQLITE_SEARCH_REF[] = "SELECT ref_id FROM search_entry WHERE id = ?1";

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
	.begin_read_sql = "BEGIN",
	.tx_prepared = 1,
	/* Moves with every commit of another connection or process; this connection's
	 * own changes are counted by total_changes. */
	.data_version_sql = "PRAGMA data_version",
	.total_changes = sqlite_total_changes,
	.dialect = STORE_DIALECT_SQLITE,
	.portable_ddl = NULL,
	.integrity_check = sqlite_integrity_check,
	.backup = sqlite_backup,
	.search_find_sql = SQLITE_SEARCH_FIND,
	.search_entry_sql = SQLITE_SEARCH_ENTRY,
	.search_delete_sql = SQLITE_SEARCH_DELETE,
	.search_insert_sql = SQLITE_SEARCH_INSERT,
	.search_remove_sql = SQLITE_SEARCH_REMOVE,
	.search_query_sql = SQLITE_SEARCH_QUERY,
	.search_ref_sql = SQLITE_SEARCH_REF,
	.search_match = sqlite_search_match,
	.search_dump_sql = SQLITE_SEARCH_DUMP,
	.after_copy = NULL,
	.defer_constraints_sql = "PRAGMA defer_foreign_keys = ON",
};
