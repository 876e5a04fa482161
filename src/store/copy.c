/* copy: moves an installation between databases, whatever their backends, and
 * proves the copy whole. Unlike the rest of capnet, the statements here are made at
 * run time: they name tables and columns read from capnet's own schema (checked to
 * be plain identifiers), never anything from input; every value is still bound. */
#include "store/store.h"
#include "store/store_backend.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"

static int copy_ident_ok(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* The tables of the schema in creation order (so referenced before referencing),
 * read from the portable part of every migration. search_entry is included; the
 * backends' own full-text tables are copied separately. */
static size_t copy_tables(struct arena *a, const char ***out)
{
	size_t cap = 128, n = 0;
	const char **names = arena_alloc(a, sizeof(char *) * cap);
	for (int v = 0; v < STORE_MIGRATION_COUNT; v++) {
		const char *p = store_migrations[v].portable;
		while ((p = strstr(p, "CREATE TABLE ")) != NULL) {
			p += 13;
			size_t len = strcspn(p, " (");
			char *name = arena_strndup(a, p, len);
			if (copy_ident_ok(name) && n < cap)
				names[n++] = name;
		}
	}
	*out = names;
	return n;
}

/* Values as both backends print them: REAL columns differ in digits (SQLite
 * "%.15g", PostgreSQL shortest round trip), so decimals are compared at 15 digits. */
static void copy_norm(const char *v, char *out, size_t size)
{
	char *end = NULL;
	if (v != NULL && strchr(v, '.') != NULL) {
		double d = strtod(v, &end);
		if (end != v && *end == '\0') {
			snprintf(out, size, "%.15g", d);
			return;
		}
	}
	snprintf(out, size, "%s", v ? v : "");
}

/* Row count and the sum of every row's BLAKE2b digest (order-independent). */
static int copy_digest(struct store *st, const char *sql, int64_t *rows, char hex[17],
		       struct cn_err *err)
{
	struct store_stmt *q = store_prepare_once(st, sql, err);
	if (q == NULL)
		return -1;
	uint64_t sum = 0;
	int64_t n = 0;
	int rc;
	char norm[64];
	while ((rc = store_step(q, err)) == 1) {
		crypto_generichash_state h;
		crypto_generichash_init(&h, NULL, 0, 8);
		int cols = store_col_count(q);
		for (int c = 0; c < cols; c++) {
			const char *v = store_col_text(q, c);
			if (v == NULL) {
				crypto_generichash_update(&h, (const unsigned char *)"\x01N", 2);
			} else {
				const char *use = v;
				if (strlen(v) < sizeof(norm) - 1) {
					copy_norm(v, norm, sizeof(norm));
					use = norm;
				}
				crypto_generichash_update(&h, (const unsigned char *)use, strlen(use));
			}
			crypto_generichash_update(&h, (const unsigned char *)"\x1f", 1);
		}
		unsigned char d[8];
		crypto_generichash_final(&h, d, sizeof(d));
		uint64_t x = 0;
		memcpy(&x, d, sizeof(x));
		sum += x;
		n++;
	}
	store_done(q);
	if (rc < 0)
		return -1;
	*rows = n;
	snprintf(hex, 17, "%016llx", (unsigned long long)sum);
	return 0;
}

/* Copies one table: SELECT every column from `from`, INSERT them into `to`. */
static int copy_table(struct store *from, struct store *to, struct arena *a, const char *table,
		      void (*progress)(void *, const char *, int64_t), void *ctx, int64_t *done,
		      struct cn_err *err)
{
	char *select = arena_printf(a, "SELECT * FROM %s", table);
	struct store_stmt *q = store_prepare_once(from, select, err);
	if (q == NULL)
		return -1;
	int cols = store_col_count(q);
	struct buf ins = BUF_INIT;
	buf_printf(&ins, "INSERT INTO %s (", table);
	for (int c = 0; c < cols; c++) {
		const char *name = store_col_name(q, c);
		if (!copy_ident_ok(name)) {
			store_done(q);
			buf_free(&ins);
			return cn_err_set(err, CN_ERR_INTERNAL, "%s has an odd column name", table);
		}
		buf_printf(&ins, "%s%s", c ? ", " : "", name);
	}
	buf_puts(&ins, ") VALUES (");
	for (int c = 0; c < cols; c++)
		buf_printf(&ins, "%s?%d", c ? ", " : "", c + 1);
	buf_puts(&ins, ")");
	struct store_stmt *w = store_prepare_once(to, buf_str(&ins), err);
	int rc = w == NULL ? -1 : 0;
	int64_t n = 0;
	while (rc == 0 && (rc = store_step(q, err)) == 1) {
		for (int c = 0; c < cols; c++)
			store_bind_text(w, c + 1, store_col_text(q, c));
		if (store_step(w, err) < 0) {
			rc = -1;
			break;
		}
		store_reset(w);
		rc = 0;
		if (++n % 5000 == 0 && progress != NULL)
			progress(ctx, table, n);
	}
	store_done(w);
	store_done(q);
	buf_free(&ins);
	*done = n;
	return rc < 0 ? -1 : 0;
}

static const char SQL_COPY_VERSION[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migration";

static int copy_version(struct store *st, int *v, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(st, SQL_COPY_VERSION, err);
	if (q == NULL)
		return -1;
	int rc = store_step(q, err);
	*v = rc == 1 ? (int)store_col_int(q, 0) : 0;
	store_done(q);
	return rc == 1 ? 0 : -1;
}

/* The full-text index is a backend's own table; its rows move through the two
 * backends' dump and insert statements. */
static int copy_search(struct store *from, struct store *to, struct cn_err *err)
{
	const struct store_backend *fb = store_backend_of(from), *tb = store_backend_of(to);
	struct store_stmt *q = store_prepare(from, fb->search_dump_sql, err);
	if (q == NULL)
		return -1;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		struct store_stmt *w = store_prepare(to, tb->search_insert_sql, err);
		if (w == NULL) {
			rc = -1;
			break;
		}
		store_bind_int(w, 1, store_col_int(q, 0));
		store_bind_text(w, 2, store_col_text(q, 1));
		store_bind_text(w, 3, store_col_text(q, 2));
		store_bind_text(w, 4, store_col_text(q, 3));
		int s = store_step(w, err);
		store_done(w);
		if (s < 0) {
			rc = -1;
			break;
		}
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int store_digest(struct store *st, struct arena *a, struct store_copy_report *out,
		 struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	if (sodium_init() < 0)
		return cn_err_set(err, CN_ERR_INTERNAL, "libsodium could not start");
	const char **tables = NULL;
	size_t n = copy_tables(a, &tables);
	out->tables = arena_alloc(a, sizeof(struct store_copy_table) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		struct store_copy_table *t = &out->tables[out->count++];
		t->name = tables[i];
		if (copy_digest(st, arena_printf(a, "SELECT * FROM %s", tables[i]), &t->rows,
				t->checksum, err))
			return -1;
		out->rows += t->rows;
	}
	return 0;
}

int store_copy(struct store *from, struct store *to, struct arena *a,
	       void (*progress)(void *ctx, const char *table, int64_t rows), void *ctx,
	       struct store_copy_report *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	if (sodium_init() < 0)
		return cn_err_set(err, CN_ERR_INTERNAL, "libsodium could not start");
	int vf = 0, vt = 0;
	if (copy_version(from, &vf, err) || copy_version(to, &vt, err))
		return -1;
	if (vf != STORE_MIGRATION_COUNT || vt != STORE_MIGRATION_COUNT)
		return cn_err_set(err, CN_ERR_CONFLICT,
				  "both databases must be at schema version %d (source %d, target "
				  "%d); run `capnet init` on each first",
				  STORE_MIGRATION_COUNT, vf, vt);
	const char **tables = NULL;
	size_t n = copy_tables(a, &tables);
	out->tables = arena_alloc(a, sizeof(struct store_copy_table) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		char *count = arena_printf(a, "SELECT COUNT(*) FROM %s", tables[i]);
		struct store_stmt *q = store_prepare_once(to, count, err);
		if (q == NULL)
			return -1;
		int rc = store_step(q, err);
		int64_t rows = rc == 1 ? store_col_int(q, 0) : 0;
		store_done(q);
		if (rc != 1)
			return -1;
		if (rows > 0)
			return cn_err_set(err, CN_ERR_CONFLICT,
					  "the target already holds data (%lld rows in %s); copy "
					  "into a new, empty database",
					  (long long)rows, tables[i]);
	}
	const struct store_backend *tb = store_backend_of(to);
	if (store_begin(to, err))
		return -1;
	if (store_exec(to, tb->defer_constraints_sql, err))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		int64_t rows = 0;
		if (copy_table(from, to, a, tables[i], progress, ctx, &rows, err))
			goto fail;
		if (tb->after_copy != NULL && tb->after_copy(store_conn_of(to), tables[i], err))
			goto fail;
		if (progress != NULL)
			progress(ctx, tables[i], rows);
	}
	if (copy_search(from, to, err))
		goto fail;
	if (store_commit(to, err))
		return -1;
	/* Read both sides again: the copy is proven by what is stored, not by what was
	 * sent. */
	for (size_t i = 0; i < n; i++) {
		char *all = arena_printf(a, "SELECT * FROM %s", tables[i]);
		struct store_copy_table *t = &out->tables[out->count++];
		char other[17];
		int64_t other_rows = 0;
		t->name = tables[i];
		if (copy_digest(from, all, &t->rows, t->checksum, err) ||
		    copy_digest(to, all, &other_rows, other, err))
			return -1;
		if (other_rows != t->rows || strcmp(other, t->checksum) != 0)
			return cn_err_set(err, CN_ERR_CONFLICT,
					  "table %s differs after the copy: %lld rows (checksum %s) "
					  "in the source, %lld rows (checksum %s) in the target",
					  tables[i], (long long)t->rows, t->checksum,
					  (long long)other_rows, other);
		out->rows += t->rows;
	}
	return 0;
fail:
	store_rollback(to);
	return -1;
}
