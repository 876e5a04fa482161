/* store_backend: what a storage backend provides to store.c. Private to src/store. */
#ifndef CN_STORE_BACKEND_H
#define CN_STORE_BACKEND_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct store;

/* How search_match combines the words. */
enum { STORE_MATCH_ANY = 1, STORE_MATCH_TITLE = 2, STORE_MATCH_PREFIX = 4 };

struct store_backend {
	const char *name;
	/* Opens the connection; *conn gets the backend's handle. */
	int (*open)(const char *target, void **conn, struct cn_err *err);
	void (*close)(void *conn);
	int (*exec)(void *conn, const char *sql, struct cn_err *err);
	/* A prepared statement handle, or NULL with err set. */
	void *(*prepare)(void *conn, const char *sql, struct cn_err *err);
	void (*finalize)(void *stmt);
	void (*reset)(void *stmt);
	void (*bind_int)(void *stmt, int idx, int64_t v);
	void (*bind_double)(void *stmt, int idx, double v);
	void (*bind_text)(void *stmt, int idx, const char *s);
	void (*bind_null)(void *stmt, int idx);
	int (*step)(void *conn, void *stmt, struct cn_err *err);
	int64_t (*col_int)(void *stmt, int col);
	double (*col_double)(void *stmt, int col);
	const char *(*col_text)(void *stmt, int col);
	int (*col_is_null)(void *stmt, int col);
	int (*col_count)(void *stmt);
	const char *(*col_name)(void *stmt, int col);
	int64_t (*changes)(void *conn);
	/* 1 when the connection was found lost (see store_lost); NULL: never. */
	int (*lost)(void *conn);
	const char *begin_sql;
	const char *begin_read_sql; /* a read-only transaction (store_begin_read) */
	int tx_prepared; /* BEGIN/COMMIT/ROLLBACK go through the statement cache, not exec */
	/* For store_data_version: a query whose one value (as text) changes with every
	 * commit of other connections (NULL when the backend cannot tell), and, when that
	 * value misses this connection's own changes, the rows it has changed so far. */
	const char *data_version_sql;
	int64_t (*total_changes)(void *conn);
	/* Which dialect part of each migration this backend runs, and how it
	 * rewrites the portable part (NULL: as is). Returns a string the caller frees. */
	int dialect; /* STORE_DIALECT_* */
	char *(*portable_ddl)(const char *sql);
	int (*integrity_check)(void *conn, char *out, unsigned long size, struct cn_err *err);
	/* store_backup; NULL when the backend has its own tool for it. */
	int (*backup)(void *conn, const char *path, struct cn_err *err);
	/* Full-text search: the statements of each dialect; see store_search in store.h.
	 * Index tokens in the tags column all start with '_' ("_k_<kind>", "_f_<facet>",
	 * "_t_<title word>") and title and body hold no '_', so that no word of a search,
	 * nor a word prefix, can ever match a tag. */
	const char *search_find_sql;   /* ?1 kind, ?2 id -> entry id (no row if none) */
	const char *search_entry_sql;  /* ?1 kind, ?2 id: adds the entry (no RETURNING) */
	const char *search_delete_sql; /* ?1 entry id */
	const char *search_insert_sql; /* ?1 entry id, ?2 title, ?3 body, ?4 tags */
	const char *search_remove_sql; /* ?1 kind, ?2 id */
	/* The whole of store_search_put (the entry made if new, the document added or
	 * replaced), or NULL: the statements above, one by one. tags as search_insert_sql
	 * takes them. Inside a transaction the backend may hold the document back and send
	 * it with others just before the next statement of the connection. */
	int (*search_put)(void *conn, const char *kind, int64_t id, const char *title,
			  const char *body, const char *tags, struct cn_err *err);
	/* ?1 match expression, ?2 index of the first word phrase in it, ?3 number of
	 * words, ?4 limit -> entry id, score (higher is better), bit mask of the words
	 * found; most recently indexed first. */
	const char *search_query_sql;
	const char *search_ref_sql;  /* ?1 entry id -> ref_id */
	const char *search_dump_sql; /* -> entry id, title, body, tags (space-separated) */
	/* After rows with explicit ids were copied into table: let new ids follow them.
	 * NULL when the backend needs nothing. */
	int (*after_copy)(void *conn, const char *table, struct cn_err *err);
	/* Postpones foreign-key checks to the end of the current transaction. */
	const char *defer_constraints_sql;
	/* Builds the backend's match expression into out from clean words and tag
	 * tokens: every tag, and every word, or with STORE_MATCH_ANY at least one word.
	 * STORE_MATCH_PREFIX: the last word also matches as a prefix. STORE_MATCH_TITLE:
	 * the words must be in the title; in SQLite's expression they are written twice,
	 * first as "_t_<word>" tags, so the words proper start at phrase nwords. */
	void (*search_match)(const char *const *words, size_t nwords, const char *const *tags,
			     size_t ntags, unsigned how, struct buf *out);
};

extern const struct store_backend store_sqlite_backend;

enum { STORE_DIALECT_SQLITE, STORE_DIALECT_PG };

/* For store-internal modules (copy.c): a connection's backend and its handle. */
const struct store_backend *store_backend_of(struct store *st);
void *store_conn_of(struct store *st);

/* The schema (schema_sqlite.c): migration i + 1 at index i. */
struct store_migration {
	const char *portable;
	const char *sqlite;
	const char *pg;
};
#define STORE_MIGRATION_COUNT 8
extern const struct store_migration store_migrations[STORE_MIGRATION_COUNT];
extern const struct store_backend store_pg_backend;

#endif
