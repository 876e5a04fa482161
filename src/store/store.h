/* store: the storage interface. One struct store is one database connection; it is
 * not shared between threads (open one per thread). Statements are portable SQL with
 * `?` placeholders, kept as constants in the module that runs them; the backend
 * (SQLite now) handles its dialect. Nothing above src/store knows which backend runs.
 *
 * Typical use:
 *	struct store_stmt *q = store_prepare(db, SQL_ORG_GET, err);
 *	if (q == NULL) return -1;
 *	store_bind_int(q, 1, id);
 *	int rc = store_step(q, err);   // 1 row, 0 done, -1 error
 *	...
 *	store_done(q);                  // always, once per prepare
 */
#ifndef CN_STORE_H
#define CN_STORE_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

struct store;
struct store_stmt;

#define STORE_DEFAULT_URL "sqlite:capnet.db"

/* Opens the database at url ("sqlite:PATH"; a bare path means sqlite). Does not
 * migrate. On success *out is a connection the caller closes with store_close(). */
int store_open(const char *url, struct store **out, struct cn_err *err);
void store_close(struct store *st);
/* url with any password replaced by "***", for messages and logs. */
void store_url_display(const char *url, char *out, size_t size);
/* "sqlite" or "postgresql". */
const char *store_backend_name(const struct store *st);
/* 1 when the connection to the database server was found lost and is not made again
 * yet (the next statement tries): whatever failed with it failed for that reason.
 * Always 0 on SQLite. */
int store_lost(const struct store *st);

/* Applies every migration newer than the database's schema version, each in its own
 * transaction. *applied (may be NULL) gets how many ran. */
int store_migrate(struct store *st, int *applied, struct cn_err *err);
/* The schema version of the database (0 if never migrated) and of this program. */
int store_schema_version(struct store *st, int *version, struct cn_err *err);
int store_schema_latest(void);
/* Fails with a message telling to run `capnet init` when the database is older or
 * newer than this program. */
int store_require_current(struct store *st, struct cn_err *err);

/* Transactions nest: only the outermost begin/commit reach the database. A rollback
 * at any depth dooms the whole transaction: the outermost commit then rolls back and
 * fails. store_begin takes the write lock at once, so writers queue instead of
 * failing midway. */
int store_begin(struct store *st, struct cn_err *err);
int store_commit(struct store *st, struct cn_err *err);
void store_rollback(struct store *st);
int store_in_transaction(const struct store *st);
/* A read-only transaction: the reads until store_commit see one snapshot and share
 * one round of locking (a request's several reads). Only at depth 0; a store_begin
 * inside it fails, so that a write never hides in a read. */
int store_begin_read(struct store *st, struct cn_err *err);

/* A number that differs whenever the database may have changed since it was last
 * read, through this connection or any other, in any process: 1 with *out set, 0 when
 * the backend cannot tell, -1 on error. For caches of what was read: read it before
 * the reads it guards (in the same transaction), so that what they see is never older
 * than it. */
int store_data_version(struct store *st, uint64_t *out, struct cn_err *err);

/* Of two constant statements that do one thing, the one in this backend's dialect:
 * for the rare statement no portable SQL can express (row locks that skip rows other
 * transactions hold, PostgreSQL's FOR UPDATE SKIP LOCKED). Both must take the same
 * parameters and give the same columns. */
const char *store_dialect_sql(const struct store *st, const char *sqlite_sql,
			      const char *pg_sql);

/* Runs SQL without parameters (may hold several statements). */
int store_exec(struct store *st, const char *sql, struct cn_err *err);

/* Returns a statement ready to bind, or NULL with err set. sql must be a string that
 * outlives the connection (a constant): prepared statements are cached by its address.
 * The caller must call store_done() on it exactly once. */
struct store_stmt *store_prepare(struct store *st, const char *sql, struct cn_err *err);
/* The same for SQL made at run time (not a constant): never cached, finalized by
 * store_done(). For store-internal tools only; the domain's SQL is constant. */
struct store_stmt *store_prepare_once(struct store *st, const char *sql, struct cn_err *err);
/* Parameters are 1-based. Text is copied; NULL text binds SQL NULL. */
void store_bind_int(struct store_stmt *q, int idx, int64_t v);
void store_bind_double(struct store_stmt *q, int idx, double v);
void store_bind_text(struct store_stmt *q, int idx, const char *s);
void store_bind_null(struct store_stmt *q, int idx);
/* Binds v, or NULL when v is 0 (optional references). */
void store_bind_id(struct store_stmt *q, int idx, int64_t v);
/* 1 when a row is ready, 0 when done, -1 on error (err set; constraint failures are
 * CN_ERR_CONFLICT, a busy or unreachable database CN_ERR_UNAVAILABLE). */
int store_step(struct store_stmt *q, struct cn_err *err);
/* Columns are 0-based. Text is valid until the next step or done; NULL for SQL NULL. */
int64_t store_col_int(struct store_stmt *q, int col);
double store_col_double(struct store_stmt *q, int col);
const char *store_col_text(struct store_stmt *q, int col);
int store_col_is_null(struct store_stmt *q, int col);
/* Number of result columns of a prepared statement, and a column's name. */
int store_col_count(struct store_stmt *q);
const char *store_col_name(struct store_stmt *q, int col);
/* The column's text copied into a (NULL for SQL NULL). */
char *store_col_dup(struct store_stmt *q, int col, struct arena *a);
/* Clears results and bindings so the statement can run again, keeping it. */
void store_reset(struct store_stmt *q);
/* Releases the statement (back to the cache). NULL is allowed. */
void store_done(struct store_stmt *q);
/* Rows changed by the last finished INSERT/UPDATE/DELETE on this connection. */
int64_t store_changes(struct store *st);

/* Statements sent to the database through this connection so far: each run of a
 * prepared statement, each store_exec, each BEGIN, COMMIT and ROLLBACK sent. A run
 * answered from an answer set (below) is not one. For logs and tests. */
uint64_t store_statements(const struct store *st);

/* Answer sets: set-based reads for code that runs one statement per key (per team, per
 * plan). store_answer_load runs set_sql once, with params[i] bound to ?i+1 as integers,
 * and keeps its rows: columns 0 .. nkeys-1 are a key (the values keyed_sql's
 * parameters ?1 .. ?nkeys take), column nkeys is 1 for a row of keyed_sql's answer
 * and 0 for a row that only says the set holds the key (so a key whose answer has no
 * rows has one such row), and the rest are keyed_sql's columns. A key's rows are
 * together, those with 1 in the order keyed_sql gives them. From then on, until
 * store_answer_clear or the end of the outermost transaction, each run of keyed_sql
 * (the same constant) whose parameters ?1 .. ?nkeys are bound to a key of the set
 * (integers or text, as bound) is answered from those rows without reaching the
 * database; a key the set does not hold runs on the database as usual. So the set
 * must give exactly what keyed_sql would, in the same snapshot: read both in one
 * transaction. A newer set for keyed_sql replaces the older. nkeys is 1 to 4. */
int store_answer_load(struct store *st, const char *keyed_sql, int nkeys, const char *set_sql,
		      const int64_t *params, int nparams, struct cn_err *err);
void store_answer_clear(struct store *st);

/* Runs a statement that changes rows, with no result rows: prepare, bind nothing,
 * step, done. For statements with parameters use the calls above. */
int store_run(struct store *st, const char *sql, struct cn_err *err);
/* Runs a query with n integer parameters (params[i] bound to ?i+1) and reads column 0
 * of its first row as an integer into *out: 1 when a row was read, 0 when there was
 * none, -1 on error. For counts, existence checks and single ids. */
int store_query_int(struct store *st, const char *sql, const int64_t *params, int n,
		    int64_t *out, struct cn_err *err);

/* Full-text search. The backend keeps the index (SQLite FTS5; PostgreSQL's tsvector
 * later). A document is (kind, id): a title, a body, and facet tokens. facets is a
 * space-separated list of tokens of [a-z0-9_] chosen by the caller, e.g.
 * "kind_strategy area_mathematics tier_1"; a search may require some of them, which
 * is how filters combine with ranking in one query. Writes join the caller's
 * transaction.
 *
 * Ranking is BM25F: title words weigh ten times body words, rare words more than
 * common ones (document frequencies are estimated from a sample of each word's
 * matches, so scores are comparable within one search, not across searches). To keep
 * every search fast however common its words, at most STORE_SEARCH_RANKED matching
 * documents are ranked: when more match, those ranked are the most recently indexed
 * matches together with the most recently indexed matches that have every word in
 * their title. So a page past the first STORE_SEARCH_RANKED hits is empty, and a
 * search for a very common word ranks a recent part of its matches. */
struct store_hit {
	int64_t id;
	double score;     /* higher is better */
	uint32_t matched; /* bit i set: word i of store_search_words(words) is in the document */
};
enum {
	STORE_SEARCH_WORDS = 16,   /* words of a search that count */
	STORE_SEARCH_MAX = 1000,   /* largest limit */
	STORE_SEARCH_FACETS = 48,  /* facet tokens of a document that are kept */
	STORE_SEARCH_RANKED = 500  /* documents ranked per search, at most */
};
/* Indexes (or re-indexes) document (kind, id). kind is [a-z0-9_]. */
int store_search_put(struct store *st, const char *kind, int64_t id, const char *title,
		     const char *body, const char *facets, struct cn_err *err);
int store_search_remove(struct store *st, const char *kind, int64_t id, struct cn_err *err);
/* Documents of kind matching every word of `words` and every token of `facets` (may
 * be NULL or ""), best first. Stemming finds "routines" for "routine". The last word
 * also matches as a prefix, so that typing "fract" finds "fractions", when it looks
 * unfinished: when the page is not full without it, the word has at least three
 * letters, and fewer than twenty documents have it as a whole word. words may be empty when facets
 * are given: hits then come newest first. At most limit (1 .. STORE_SEARCH_MAX) hits
 * from offset; *hits is allocated in a. Only the first STORE_SEARCH_WORDS words
 * count; every hit's matched has all their bits. */
int store_search(struct store *st, struct arena *a, const char *kind, const char *words,
		 const char *facets, int limit, int offset, struct store_hit **hits,
		 size_t *count, struct cn_err *err);
/* Documents of kind having at least one of the words (whole words, with stemming;
 * no prefixes) and every facet token, best first: for finding documents related to a
 * passage of text. Each hit's matched says which words it has. words must hold at
 * least one word. */
int store_search_any(struct store *st, struct arena *a, const char *kind, const char *words,
		     const char *facets, int limit, struct store_hit **hits, size_t *count,
		     struct cn_err *err);
/* Splits text into the words a search uses, in order: runs of ASCII letters and
 * digits and of non-ASCII bytes, lower-cased, each at most 64 bytes (cut at a
 * character boundary). At most max words; out[i] are allocated in a. Returns how many. */
size_t store_search_words(struct arena *a, const char *text, const char **out, size_t max);

/* Copying a whole installation between databases (any backends). `to` must be
 * migrated to the same schema version and hold no rows. Every table is copied in
 * one transaction on `to`; then both sides are read again and compared per table by
 * row count and by an order-independent checksum of the rows' values. Fails with
 * CN_ERR_CONFLICT naming the first table that differs. progress (may be NULL) is
 * called now and then with the table and the rows copied of it so far. */
struct store_copy_table {
	const char *name;
	int64_t rows;
	char checksum[17]; /* hex; the same on both sides */
};
struct store_copy_report {
	struct store_copy_table *tables;
	size_t count;
	int64_t rows;
};
int store_copy(struct store *from, struct store *to, struct arena *a,
	       void (*progress)(void *ctx, const char *table, int64_t rows), void *ctx,
	       struct store_copy_report *out, struct cn_err *err);

/* Every table's row count and checksum (as store_copy compares them), in creation
 * order; the strings live in a. */
int store_digest(struct store *st, struct arena *a, struct store_copy_report *out,
		 struct cn_err *err);

/* A consistent copy of the whole database into a new file at path, made while other
 * connections (a running `capnet serve`) go on reading and writing: SQLite's online
 * backup, read from one snapshot. The copy is written beside path and renamed into
 * place, so path never holds half a copy. CN_ERR_CONFLICT when path exists;
 * CN_ERR_INPUT on a backend that cannot (PostgreSQL: its own pg_dump does it). */
int store_backup(struct store *st, const char *path, struct cn_err *err);

/* "ok" or the first problem found by the backend's integrity check, into out. */
int store_integrity_check(struct store *st, char *out, unsigned long size, struct cn_err *err);

#endif
