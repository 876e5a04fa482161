/* store: the backend-neutral half of the storage interface: URL dispatch, the
 * per-connection statement cache, nested transactions and migrations. The dialects
 * live in store_sqlite.c (and store_pg.c). */
#include "store/store.h"
#include "store/store_backend.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/timeutil.h"

enum { STORE_CACHE_SLOTS = 512 };

static const char STORE_COMMIT[] = "COMMIT";
static const char STORE_ROLLBACK[] = "ROLLBACK";

enum { STORE_ANSWER_KEYS = 4, STORE_ANSWER_TEXT = 64 };

/* One value of an answer set's row, read every way a caller may ask for it. */
struct store_cell {
	int64_t i;
	double d;
	size_t text; /* offset of the text in the set's texts, or STORE_NULL */
};
#define STORE_NULL ((size_t)-1)

/* A statement's rows for every key of a set (store_answer_load). Rows are kept as
 * read: the key columns, the "has a row" flag, then the keyed statement's columns. */
struct store_answer {
	const char *sql; /* the keyed statement it answers */
	int nkeys, ncols, width;
	struct store_cell *cells;
	struct buf texts; /* every cell's text, each ended by a NUL */
	size_t nrows;
	/* The runs of rows of one key, found by a hash of the first key: slots hold a
	 * run's index + 1 (0 empty); nslots is a power of two. */
	struct store_run *runs;
	size_t nruns;
	size_t *slots, nslots;
	struct store_answer *next;
};

struct store_run {
	size_t start, end;
};

/* A parameter bound to a statement that an answer set may answer. */
struct store_key {
	int set, is_text;
	int64_t i;
	char text[STORE_ANSWER_TEXT];
};

struct store_stmt {
	struct store *st;
	const char *sql; /* cache key: the address of a constant */
	void *h;
	int busy;
	int cached;
	int started; /* stepped since prepared or reset: counted once */
	/* Answered from a set: the set, the keys bound, and the rows [row, end) being
	 * given (row - 1 is the current one once stepped). */
	struct store_answer *answer;
	struct store_key keys[STORE_ANSWER_KEYS];
	int answering;
	size_t row, end;
};

struct store {
	const struct store_backend *be;
	void *conn;
	int tx_depth;
	int tx_doomed;
	int tx_read; /* the transaction is store_begin_read's */
	uint64_t statements;
	struct store_answer *answers;
	struct store_stmt cache[STORE_CACHE_SLOTS];
};

int store_open(const char *url, struct store **out, struct cn_err *err)
{
	const struct store_backend *be = NULL;
	const char *target = url;
	if (url == NULL || url[0] == '\0')
		return cn_err_field(err, CN_ERR_INPUT, "db", "no database given; use --db sqlite:PATH");
	if (strncmp(url, "sqlite:", 7) == 0) {
		be = &store_sqlite_backend;
		target = url + 7;
	} else if (strncmp(url, "postgresql:", 11) == 0 || strncmp(url, "postgres:", 9) == 0) {
		be = &store_pg_backend; /* libpq takes the URL as it is */
	} else if (strchr(url, ':') == NULL || strchr(url, '/') != NULL) {
		be = &store_sqlite_backend; /* a bare path */
	} else {
		return cn_err_field(err, CN_ERR_INPUT, "db",
				    "'%s' is not a database URL; use sqlite:PATH", url);
	}
	if (target[0] == '\0')
		return cn_err_field(err, CN_ERR_INPUT, "db", "the sqlite: URL has no file path");
	void *conn = NULL;
	if (be->open(target, &conn, err) != 0)
		return -1;
	struct store *st = xcalloc(1, sizeof(*st));
	st->be = be;
	st->conn = conn;
	*out = st;
	return 0;
}

void store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->tx_depth > 0)
		st->be->exec(st->conn, STORE_ROLLBACK, NULL);
	store_answer_clear(st);
	for (int i = 0; i < STORE_CACHE_SLOTS; i++)
		if (st->cache[i].h != NULL)
			st->be->finalize(st->cache[i].h);
	st->be->close(st->conn);
	free(st);
}

void store_url_display(const char *url, char *out, size_t size)
{
	const char *scheme = strstr(url, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	if (at == NULL || colon == NULL || colon > at) {
		snprintf(out, size, "%s", url);
		return;
	}
	snprintf(out, size, "%.*s:***%s", (int)(colon - url), url, at);
}

const char *store_backend_name(const struct store *st)
{
	return st->be->name;
}

int store_lost(const struct store *st)
{
	return st->be->lost != NULL && st->be->lost(st->conn);
}

int store_exec(struct store *st, const char *sql, struct cn_err *err)
{
	st->statements++;
	return st->be->exec(st->conn, sql, err);
}

uint64_t store_statements(const struct store *st)
{
	return st->statements;
}

/* BEGIN, COMMIT or ROLLBACK: through the statement cache where the backend says that
 * saves work (SQLite parses every exec'd statement anew), else exec'd. */
static int store_tx(struct store *st, const char *sql, struct cn_err *err)
{
	st->statements++;
	if (!st->be->tx_prepared)
		return st->be->exec(st->conn, sql, err);
	struct store_stmt *q = store_prepare(st, sql, err);
	if (q == NULL)
		return -1;
	int rc = st->be->step(st->conn, q->h, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int store_begin(struct store *st, struct cn_err *err)
{
	if (st->tx_read)
		return cn_err_set(err, CN_ERR_INTERNAL, "a write was attempted in a read transaction");
	if (st->tx_depth++ > 0)
		return 0;
	st->tx_doomed = 0;
	if (store_tx(st, st->be->begin_sql, err) != 0) {
		st->tx_depth = 0;
		return -1;
	}
	return 0;
}

int store_begin_read(struct store *st, struct cn_err *err)
{
	if (st->tx_depth > 0)
		return cn_err_set(err, CN_ERR_INTERNAL, "a read transaction inside another one");
	if (store_tx(st, st->be->begin_read_sql, err) != 0)
		return -1;
	st->tx_depth = 1;
	st->tx_doomed = 0;
	st->tx_read = 1;
	return 0;
}

int store_commit(struct store *st, struct cn_err *err)
{
	if (st->tx_depth == 0)
		return cn_err_set(err, CN_ERR_INTERNAL, "commit without a transaction");
	if (--st->tx_depth > 0)
		return 0;
	st->tx_read = 0;
	store_answer_clear(st);
	if (st->tx_doomed) {
		store_tx(st, STORE_ROLLBACK, NULL);
		return cn_err_set(err, CN_ERR_INTERNAL,
				  "the transaction was rolled back by an earlier failure");
	}
	if (store_tx(st, STORE_COMMIT, err) != 0) {
		store_tx(st, STORE_ROLLBACK, NULL);
		return -1;
	}
	return 0;
}

void store_rollback(struct store *st)
{
	if (st->tx_depth == 0)
		return;
	if (--st->tx_depth > 0) {
		st->tx_doomed = 1;
		return;
	}
	st->tx_read = 0;
	store_answer_clear(st);
	store_tx(st, STORE_ROLLBACK, NULL);
}

int store_in_transaction(const struct store *st)
{
	return st->tx_depth > 0;
}

static size_t store_slot(const char *sql)
{
	uintptr_t p = (uintptr_t)sql;
	return (size_t)((p >> 3) ^ (p >> 13)) % STORE_CACHE_SLOTS;
}

/* The answer set for sql, or NULL. */
static struct store_answer *store_answer_of(struct store *st, const char *sql)
{
	for (struct store_answer *a = st->answers; a != NULL; a = a->next)
		if (a->sql == sql)
			return a;
	return NULL;
}

/* q handed out by store_prepare: nothing run yet, answered from a set if one has it. */
static struct store_stmt *store_handed(struct store_stmt *q)
{
	q->started = 0;
	q->answering = 0;
	memset(q->keys, 0, sizeof(q->keys));
	q->answer = q->st->answers != NULL ? store_answer_of(q->st, q->sql) : NULL;
	return q;
}

struct store_stmt *store_prepare(struct store *st, const char *sql, struct cn_err *err)
{
	size_t slot = store_slot(sql);
	for (int probe = 0; probe < 8; probe++) {
		struct store_stmt *c = &st->cache[(slot + (size_t)probe) % STORE_CACHE_SLOTS];
		if (c->sql == sql && c->h != NULL) {
			if (c->busy)
				break; /* the same statement nested: use a fresh one */
			c->busy = 1;
			return store_handed(c);
		}
		if (c->sql == NULL) {
			void *h = st->be->prepare(st->conn, sql, err);
			if (h == NULL)
				return NULL;
			c->st = st;
			c->sql = sql;
			c->h = h;
			c->busy = 1;
			c->cached = 1;
			return store_handed(c);
		}
	}
	void *h = st->be->prepare(st->conn, sql, err);
	if (h == NULL)
		return NULL;
	struct store_stmt *q = xcalloc(1, sizeof(*q));
	q->st = st;
	q->sql = sql;
	q->h = h;
	q->busy = 1;
	return store_handed(q);
}

struct store_stmt *store_prepare_once(struct store *st, const char *sql, struct cn_err *err)
{
	void *h = st->be->prepare(st->conn, sql, err);
	if (h == NULL)
		return NULL;
	struct store_stmt *q = xcalloc(1, sizeof(*q));
	q->st = st;
	q->sql = sql;
	q->h = h;
	q->busy = 1;
	return q;
}

void store_answer_clear(struct store *st)
{
	while (st->answers != NULL) {
		struct store_answer *a = st->answers;
		st->answers = a->next;
		buf_free(&a->texts);
		free(a->cells);
		free(a->runs);
		free(a->slots);
		free(a);
	}
}

/* The hash of a first key: an integer's value, or a text's FNV-1a. */
static uint64_t store_key_hash(int is_text, int64_t i, const char *text)
{
	uint64_t h = 1469598103934665603u;
	if (!is_text)
		return ((uint64_t)i * 0x9e3779b97f4a7c15u) >> 7;
	for (const char *c = text; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211u;
	return h;
}

/* Whether the set's first key column holds text (then it is hashed as text). */
static int store_answer_text_key(const struct store_answer *a, const struct store_cell *row)
{
	if (row[0].text == STORE_NULL)
		return 0;
	char num[32];
	snprintf(num, sizeof(num), "%lld", (long long)row[0].i);
	return strcmp(num, a->texts.data + row[0].text) != 0;
}

static int store_answer_row_is(const struct store_answer *a, size_t r, const struct store_stmt *q);

/* Indexes the runs of rows with the same keys. */
static void store_answer_index(struct store_answer *a)
{
	a->runs = xcalloc(a->nrows + 1, sizeof(*a->runs));
	for (size_t r = 0; r < a->nrows;) {
		const struct store_cell *first = &a->cells[r * (size_t)a->width];
		size_t end = r + 1;
		for (; end < a->nrows; end++) {
			const struct store_cell *row = &a->cells[end * (size_t)a->width];
			int same = 1;
			for (int k = 0; k < a->nkeys && same; k++)
				same = (row[k].text == STORE_NULL) == (first[k].text == STORE_NULL) &&
				       (row[k].text == STORE_NULL ||
					strcmp(a->texts.data + row[k].text, a->texts.data + first[k].text) == 0);
			if (!same)
				break;
		}
		a->runs[a->nruns++] = (struct store_run){r, end};
		r = end;
	}
	for (a->nslots = 16; a->nslots < 2 * a->nruns; a->nslots *= 2)
		;
	a->slots = xcalloc(a->nslots, sizeof(*a->slots));
	for (size_t i = 0; i < a->nruns; i++) {
		const struct store_cell *row = &a->cells[a->runs[i].start * (size_t)a->width];
		int text = store_answer_text_key(a, row);
		uint64_t h = store_key_hash(text, row[0].i,
					    row[0].text == STORE_NULL ? "" : a->texts.data + row[0].text);
		size_t slot = (size_t)h & (a->nslots - 1);
		while (a->slots[slot] != 0)
			slot = (slot + 1) & (a->nslots - 1);
		a->slots[slot] = i + 1;
	}
}

int store_answer_load(struct store *st, const char *keyed_sql, int nkeys, const char *set_sql,
		      const int64_t *params, int nparams, struct cn_err *err)
{
	if (nkeys < 1 || nkeys > STORE_ANSWER_KEYS)
		return cn_err_set(err, CN_ERR_INTERNAL, "an answer set has 1 to %d keys, not %d",
				  STORE_ANSWER_KEYS, nkeys);
	struct store_stmt *q = store_prepare(st, set_sql, err);
	if (q == NULL)
		return -1;
	for (int i = 0; i < nparams; i++)
		store_bind_int(q, i + 1, params[i]);
	struct store_answer *a = xcalloc(1, sizeof(*a));
	a->sql = keyed_sql;
	a->nkeys = nkeys;
	size_t cap = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		if (a->width == 0) {
			a->width = store_col_count(q);
			a->ncols = a->width - nkeys - 1;
		}
		if (a->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			a->cells = xrealloc(a->cells, sizeof(*a->cells) * cap * (size_t)a->width);
		}
		struct store_cell *row = &a->cells[a->nrows++ * (size_t)a->width];
		for (int c = 0; c < a->width; c++) {
			row[c].i = st->be->col_int(q->h, c);
			row[c].d = st->be->col_double(q->h, c);
			const char *t = st->be->col_is_null(q->h, c) ? NULL : st->be->col_text(q->h, c);
			row[c].text = t ? a->texts.len : STORE_NULL;
			if (t != NULL)
				buf_append(&a->texts, t, strlen(t) + 1);
		}
	}
	store_done(q);
	if (rc < 0 || (a->nrows > 0 && a->ncols < 0)) {
		buf_free(&a->texts);
		free(a->cells);
		free(a);
		return rc < 0 ? -1 : cn_err_set(err, CN_ERR_INTERNAL, "an answer set lacks its keys");
	}
	store_answer_index(a);
	/* A newer set for the same statement replaces the older. */
	for (struct store_answer **p = &st->answers; *p != NULL; p = &(*p)->next)
		if ((*p)->sql == keyed_sql) {
			struct store_answer *old = *p;
			*p = old->next;
			old->next = NULL;
			struct store_answer *keep = st->answers;
			st->answers = old;
			store_answer_clear(st);
			st->answers = keep;
			break;
		}
	a->next = st->answers;
	st->answers = a;
	return 0;
}

/* Whether row r of a has q's keys. */
static int store_answer_row_is(const struct store_answer *a, size_t r, const struct store_stmt *q)
{
	const struct store_cell *row = &a->cells[r * (size_t)a->width];
	for (int k = 0; k < a->nkeys; k++) {
		const struct store_key *key = &q->keys[k];
		if (key->set == 2) {
			if (row[k].text != STORE_NULL)
				return 0;
		} else if (row[k].text == STORE_NULL) {
			return 0;
		} else if (key->is_text ? strcmp(a->texts.data + row[k].text, key->text) != 0
					: row[k].i != key->i) {
			return 0;
		}
	}
	return 1;
}

/* Finds q's rows in its answer set: 1 found (q answers from it now), 0 when the set
 * does not hold q's keys (q runs on the database). */
static int store_answer_find(struct store_stmt *q)
{
	const struct store_answer *a = q->answer;
	for (int k = 0; k < a->nkeys; k++)
		if (!q->keys[k].set)
			return 0;
	if (a->nslots == 0 || q->keys[0].set == 2)
		return 0; /* a NULL first key: never in a set's index */
	const struct store_key *k0 = &q->keys[0];
	uint64_t h = store_key_hash(k0->is_text, k0->i, k0->text);
	for (size_t slot = (size_t)h & (a->nslots - 1); a->slots[slot] != 0;
	     slot = (slot + 1) & (a->nslots - 1)) {
		const struct store_run *run = &a->runs[a->slots[slot] - 1];
		if (!store_answer_row_is(a, run->start, q))
			continue;
		q->answering = 1;
		q->row = run->start;
		q->end = run->end;
		return 1;
	}
	return 0;
}

/* The cell of the current answered row for column col (0-based, the keyed
 * statement's), or NULL when out of range. */
static const struct store_cell *store_answer_cell(const struct store_stmt *q, int col)
{
	const struct store_answer *a = q->answer;
	if (q->row == 0 || col < 0 || col >= a->ncols)
		return NULL;
	return &a->cells[(q->row - 1) * (size_t)a->width + (size_t)(a->nkeys + 1 + col)];
}

/* Remembers parameter idx of a statement an answer set may answer. */
static void store_key_set(struct store_stmt *q, int idx, int is_null, int64_t i, const char *text)
{
	if (q->answer == NULL || idx < 1 || idx > STORE_ANSWER_KEYS)
		return;
	struct store_key *k = &q->keys[idx - 1];
	k->set = is_null ? 2 : 1;
	k->is_text = text != NULL;
	k->i = i;
	if (text != NULL) {
		if (strlen(text) >= sizeof(k->text))
			k->set = 0; /* never in a set: the database answers */
		else
			snprintf(k->text, sizeof(k->text), "%s", text);
	}
}

const struct store_backend *store_backend_of(struct store *st)
{
	return st->be;
}

void *store_conn_of(struct store *st)
{
	return st->conn;
}

void store_bind_int(struct store_stmt *q, int idx, int64_t v)
{
	store_key_set(q, idx, 0, v, NULL);
	q->st->be->bind_int(q->h, idx, v);
}

void store_bind_double(struct store_stmt *q, int idx, double v)
{
	if (q->answer != NULL && idx >= 1 && idx <= STORE_ANSWER_KEYS)
		q->keys[idx - 1].set = 0; /* sets are keyed by ids and text only */
	q->st->be->bind_double(q->h, idx, v);
}

void store_bind_text(struct store_stmt *q, int idx, const char *s)
{
	store_key_set(q, idx, s == NULL, 0, s);
	if (s == NULL)
		q->st->be->bind_null(q->h, idx);
	else
		q->st->be->bind_text(q->h, idx, s);
}

void store_bind_null(struct store_stmt *q, int idx)
{
	store_key_set(q, idx, 1, 0, NULL);
	q->st->be->bind_null(q->h, idx);
}

void store_bind_id(struct store_stmt *q, int idx, int64_t v)
{
	if (v == 0)
		store_bind_null(q, idx);
	else
		store_bind_int(q, idx, v);
}

int store_step(struct store_stmt *q, struct cn_err *err)
{
	if (!q->started) {
		q->started = 1;
		if (q->answer == NULL || !store_answer_find(q))
			q->st->statements++;
	}
	if (q->answering) {
		const struct store_answer *a = q->answer;
		while (q->row < q->end && a->cells[q->row * (size_t)a->width + (size_t)a->nkeys].i == 0)
			q->row++; /* a row that only says the key is held */
		if (q->row >= q->end) {
			q->row = q->end = 0; /* past the last row: no columns */
			return 0;
		}
		q->row++;
		return 1;
	}
	int rc = q->st->be->step(q->st->conn, q->h, err);
	if (rc < 0 && q->st->tx_depth > 0)
		q->st->tx_doomed = 1;
	return rc;
}

int64_t store_col_int(struct store_stmt *q, int col)
{
	if (q->answering) {
		const struct store_cell *c = store_answer_cell(q, col);
		return c ? c->i : 0;
	}
	return q->st->be->col_int(q->h, col);
}

double store_col_double(struct store_stmt *q, int col)
{
	if (q->answering) {
		const struct store_cell *c = store_answer_cell(q, col);
		return c ? c->d : 0;
	}
	return q->st->be->col_double(q->h, col);
}

const char *store_col_text(struct store_stmt *q, int col)
{
	if (q->answering) {
		const struct store_cell *c = store_answer_cell(q, col);
		return c && c->text != STORE_NULL ? q->answer->texts.data + c->text : NULL;
	}
	return q->st->be->col_text(q->h, col);
}

int store_col_is_null(struct store_stmt *q, int col)
{
	if (q->answering) {
		const struct store_cell *c = store_answer_cell(q, col);
		return c == NULL || c->text == STORE_NULL;
	}
	return q->st->be->col_is_null(q->h, col);
}

int store_col_count(struct store_stmt *q)
{
	if (q->answer != NULL && q->answering)
		return q->answer->ncols;
	return q->st->be->col_count(q->h);
}

const char *store_col_name(struct store_stmt *q, int col)
{
	if (q->answering)
		return "";
	return q->st->be->col_name(q->h, col);
}

char *store_col_dup(struct store_stmt *q, int col, struct arena *a)
{
	return arena_strdup(a, store_col_text(q, col));
}

void store_reset(struct store_stmt *q)
{
	q->started = 0;
	q->answering = 0;
	memset(q->keys, 0, sizeof(q->keys));
	q->st->be->reset(q->h);
}

void store_done(struct store_stmt *q)
{
	if (q == NULL)
		return;
	if (q->cached) {
		q->st->be->reset(q->h);
		q->answer = NULL;
		q->answering = 0;
		q->busy = 0;
		return;
	}
	q->st->be->finalize(q->h);
	free(q);
}

int64_t store_changes(struct store *st)
{
	return st->be->changes(st->conn);
}

int store_data_version(struct store *st, uint64_t *out, struct cn_err *err)
{
	if (st->be->data_version_sql == NULL)
		return 0;
	struct store_stmt *q = store_prepare(st, st->be->data_version_sql, err);
	if (q == NULL)
		return -1;
	int rc = store_step(q, err);
	uint64_t h = 1469598103934665603u; /* FNV-1a of the value's text */
	for (const char *c = rc == 1 ? store_col_text(q, 0) : NULL; c != NULL && *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211u;
	store_done(q);
	if (rc != 1)
		return rc < 0 ? -1 : cn_err_set(err, CN_ERR_INTERNAL, "no data version was read");
	if (st->be->total_changes != NULL)
		h = (h ^ (uint64_t)st->be->total_changes(st->conn)) * 1099511628211u;
	*out = h;
	return 1;
}

int store_run(struct store *st, const char *sql, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(st, sql, err);
	if (q == NULL)
		return -1;
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int store_query_int(struct store *st, const char *sql, const int64_t *params, int n,
		    int64_t *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(st, sql, err);
	if (q == NULL)
		return -1;
	for (int i = 0; i < n; i++)
		store_bind_int(q, i + 1, params[i]);
	int rc = store_step(q, err);
	if (rc == 1)
		*out = store_col_int(q, 0);
	store_done(q);
	return rc;
}

int store_backup(struct store *st, const char *path, struct cn_err *err)
{
	if (st->be->backup == NULL)
		return cn_err_set(err, CN_ERR_INPUT,
				  "a %s database is backed up with its own tools, not by capnet",
				  st->be->name);
	return st->be->backup(st->conn, path, err);
}

const char *store_dialect_sql(const struct store *st, const char *sqlite_sql,
			      const char *pg_sql)
{
	return st->be->dialect == STORE_DIALECT_PG ? pg_sql : sqlite_sql;
}

int store_integrity_check(struct store *st, char *out, unsigned long size, struct cn_err *err)
{
	return st->be->integrity_check(st->conn, out, size, err);
}

/* Migrations. The version table is created here so that every backend keeps it the
 * same way; its SQL is plain enough for both dialects. */
static const char SQL_VERSION_TABLE[] =
	"CREATE TABLE IF NOT EXISTS schema_migration ("
	" version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";
static const char SQL_VERSION_GET[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migration";
static const char SQL_VERSION_ADD[] =
	"INSERT INTO schema_migration (version, applied_at) VALUES (?, ?)";

int store_schema_latest(void)
{
	return STORE_MIGRATION_COUNT;
}

int store_schema_version(struct store *st, int *version, struct cn_err *err)
{
	if (store_exec(st, SQL_VERSION_TABLE, err) != 0)
		return -1;
	struct store_stmt *q = store_prepare(st, SQL_VERSION_GET, err);
	if (q == NULL)
		return -1;
	int rc = store_step(q, err);
	if (rc == 1)
		*version = (int)store_col_int(q, 0);
	store_done(q);
	return rc == 1 ? 0 : -1;
}

int store_migrate(struct store *st, int *applied, struct cn_err *err)
{
	int version = 0, count = 0;
	if (applied != NULL)
		*applied = 0;
	if (store_schema_version(st, &version, err) != 0)
		return -1;
	if (version > STORE_MIGRATION_COUNT)
		return cn_err_set(err, CN_ERR_CONFLICT,
				  "the database has schema version %d but this capnet knows only "
				  "up to %d; use a newer capnet",
				  version, STORE_MIGRATION_COUNT);
	for (int v = version + 1; v <= STORE_MIGRATION_COUNT; v++) {
		if (store_begin(st, err) != 0)
			return -1;
		char now[TIME_ISO_LEN];
		time_now_utc(now);
		struct store_stmt *q = NULL;
		const struct store_migration *m = &store_migrations[v - 1];
		char *portable = st->be->portable_ddl ? st->be->portable_ddl(m->portable) : NULL;
		int rc = store_exec(st, portable ? portable : m->portable, err);
		free(portable);
		if (rc != 0)
			goto fail;
		const char *dialect = st->be->dialect == STORE_DIALECT_PG ? m->pg : m->sqlite;
		if (dialect != NULL && store_exec(st, dialect, err) != 0)
			goto fail;
		q = store_prepare(st, SQL_VERSION_ADD, err);
		if (q == NULL)
			goto fail;
		store_bind_int(q, 1, v);
		store_bind_text(q, 2, now);
		if (store_step(q, err) < 0)
			goto fail;
		store_done(q);
		if (store_commit(st, err) != 0)
			return -1;
		count++;
		continue;
	fail:
		store_done(q);
		store_rollback(st);
		char msg[sizeof(err->msg)];
		snprintf(msg, sizeof(msg), "%s", err->msg);
		return cn_err_set(err, CN_ERR_INTERNAL, "migration %d failed: %s", v, msg);
	}
	if (applied != NULL)
		*applied = count;
	return 0;
}

int store_require_current(struct store *st, struct cn_err *err)
{
	int version = 0;
	if (store_schema_version(st, &version, err) != 0)
		return -1;
	if (version == STORE_MIGRATION_COUNT)
		return 0;
	if (version > STORE_MIGRATION_COUNT)
		return cn_err_set(err, CN_ERR_CONFLICT,
				  "the database has schema version %d but this capnet knows only "
				  "up to %d; use a newer capnet",
				  version, STORE_MIGRATION_COUNT);
	return cn_err_set(err, CN_ERR_CONFLICT,
			  "the database is at schema version %d, this capnet needs %d; "
			  "run `capnet init` to migrate it",
			  version, STORE_MIGRATION_COUNT);
}

/* Full-text search: the backend-neutral half. Words and tags are cleaned here into
 * plain tokens, so that no user text ever reaches the match syntax unquoted. */

enum {
	STORE_TOKEN_MAX = 64,
	STORE_TITLE_WORDS = 64, /* title words indexed as "_t_" tags */
	/* Candidates ranked per search (see store.h): the most recent matches, and the
	 * most recent title matches when there are more. A word-any search, which looks
	 * for related documents, ranks twice as many. */
	STORE_RANK_RECENT = STORE_SEARCH_RANKED * 7 / 10,
	STORE_RANK_TITLE = STORE_SEARCH_RANKED - STORE_RANK_RECENT,
	STORE_ANY_FACTOR = 2,
	STORE_PREFIX_MIN = 3,   /* bytes of a last word taken as a prefix */
	STORE_PREFIX_RARE = 20, /* ... when fewer documents have it as a word */
};

size_t store_search_words(struct arena *a, const char *text, const char **out, size_t max)
{
	size_t n = 0;
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	while (*s && n < max) {
		while (*s && !(isalnum(*s) || *s >= 0x80))
			s++;
		const unsigned char *start = s;
		while (*s && (isalnum(*s) || *s >= 0x80))
			s++;
		size_t len = (size_t)(s - start);
		if (len == 0)
			continue;
		if (len > STORE_TOKEN_MAX) {
			len = STORE_TOKEN_MAX;
			while (len > 0 && (start[len] & 0xc0) == 0x80)
				len--; /* never cut a UTF-8 sequence */
		}
		char *w = arena_strndup(a, (const char *)start, len);
		for (char *p = w; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		out[n++] = w;
	}
	return n;
}

/* Index tokens: "_k_<kind>" first, then "_f<n>_<kind>_<facet>" for each facet of
 * [a-z0-9_] (n the length of kind, so that no two kinds' facets can meet), anything
 * else being refused by the caller's contract and so dropped here rather than
 * trusted. A search needs the kind token only when it has no facet: its facets
 * already name the kind, and leaving out the kind's list, as long as the index,
 * spares the backend walking it. */
static size_t store_tags(struct arena *a, const char *kind, const char *facets, int search,
			 const char **out, size_t max)
{
	size_t n = 0;
	out[n++] = arena_printf(a, "_k_%s", kind);
	const char *s = facets ? facets : "";
	while (*s && n < max) {
		while (*s == ' ')
			s++;
		const char *start = s;
		while (*s && *s != ' ')
			s++;
		size_t len = (size_t)(s - start);
		if (len == 0 || len > STORE_TOKEN_MAX)
			continue;
		int ok = 1;
		for (size_t i = 0; i < len; i++)
			if (!(islower((unsigned char)start[i]) || isdigit((unsigned char)start[i]) ||
			      start[i] == '_'))
				ok = 0;
		if (ok)
			out[n++] = arena_printf(a, "_f%zu_%s_%.*s", strlen(kind), kind, (int)len,
						start);
	}
	if (search && n > 1) {
		memmove(out, out + 1, sizeof(char *) * (n - 1));
		n--;
	}
	return n;
}

/* The search entry of (kind, id) into *entry: 1 found, 0 none (*entry = 0), -1 error. */
static int store_search_entry(struct store *st, const char *kind, int64_t id, int64_t *entry,
			      struct cn_err *err)
{
	struct store_stmt *q = store_prepare(st, st->be->search_find_sql, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, kind);
	store_bind_int(q, 2, id);
	int step = store_step(q, err);
	*entry = step == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	return step;
}

/* Title and body as indexed: '_' becomes a space, so that only tags hold it. */
static char *store_untag(struct arena *a, const char *s)
{
	char *c = arena_strdup(a, s ? s : "");
	for (char *p = c; *p; p++)
		if (*p == '_')
			*p = ' ';
	return c;
}

int store_search_put(struct store *st, const char *kind, int64_t id, const char *title,
		     const char *body, const char *facets, struct cn_err *err)
{
	struct arena *a = arena_new();
	const char *tags[STORE_SEARCH_FACETS + 1], *tw[STORE_TITLE_WORDS];
	size_t ntags = store_tags(a, kind, facets, 0, tags, sizeof(tags) / sizeof(tags[0]));
	size_t ntw = store_search_words(a, title, tw, STORE_TITLE_WORDS);
	struct buf tagline = BUF_INIT;
	for (size_t i = 0; i < ntags; i++) {
		if (i)
			buf_putc(&tagline, ' ');
		buf_puts(&tagline, tags[i]);
	}
	for (size_t i = 0; i < ntw; i++)
		buf_printf(&tagline, " _t_%s", tw[i]);
	int rc = -1;
	if (st->be->search_put != NULL) {
		rc = st->be->search_put(st->conn, kind, id, store_untag(a, title),
					store_untag(a, body), buf_str(&tagline), err);
		if (rc != 0 && st->tx_depth > 0)
			st->tx_doomed = 1;
		goto out;
	}
	/* The entry, made if new. No RETURNING here: a statement with RETURNING opens a
	 * statement savepoint, and every savepoint makes FTS5 flush its pending terms to
	 * disk, which made a bulk import (one put per item) several times slower. */
	int64_t entry = 0;
	int fresh = 0, step;
	if (store_search_entry(st, kind, id, &entry, err) < 0)
		goto out;
	if (entry == 0) {
		struct store_stmt *add = store_prepare(st, st->be->search_entry_sql, err);
		if (add == NULL)
			goto out;
		store_bind_text(add, 1, kind);
		store_bind_int(add, 2, id);
		step = store_step(add, err);
		store_done(add);
		if (step < 0 || store_search_entry(st, kind, id, &entry, err) != 1)
			goto out;
		fresh = 1;
	}
	struct store_stmt *q = NULL;
	if (!fresh) {
		q = store_prepare(st, st->be->search_delete_sql, err);
		if (q == NULL)
			goto out;
		store_bind_int(q, 1, entry);
		step = store_step(q, err);
		store_done(q);
		if (step < 0)
			goto out;
	}
	q = store_prepare(st, st->be->search_insert_sql, err);
	if (q == NULL)
		goto out;
	store_bind_int(q, 1, entry);
	store_bind_text(q, 2, store_untag(a, title));
	store_bind_text(q, 3, store_untag(a, body));
	store_bind_text(q, 4, buf_str(&tagline));
	step = store_step(q, err);
	store_done(q);
	rc = step < 0 ? -1 : 0;
out:
	buf_free(&tagline);
	arena_free(a);
	return rc;
}

int store_search_remove(struct store *st, const char *kind, int64_t id, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(st, st->be->search_remove_sql, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, kind);
	store_bind_int(q, 2, id);
	int step = store_step(q, err);
	int64_t entry = step == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (step <= 0)
		return step;
	q = store_prepare(st, st->be->search_delete_sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, entry);
	step = store_step(q, err);
	store_done(q);
	return step < 0 ? -1 : 0;
}

/* Ranked candidates, keyed by index entry until the page is mapped to ids. */
struct store_cands {
	struct store_hit *h;
	size_t n, cap;
};

/* Runs one candidate query: the match expression, word phrases from `first`. Adds
 * each entry not already in c (entries of c before `seen` are sorted newest first,
 * as every query returns them). Returns the number of rows, or -1. */
static long store_cands_run(struct store *st, const char *match, size_t first, size_t nwords,
			    long limit, struct store_cands *c, size_t seen, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(st, st->be->search_query_sql, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, match);
	store_bind_int(q, 2, (int64_t)first);
	store_bind_int(q, 3, (int64_t)nwords);
	store_bind_int(q, 4, limit);
	long rows = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		rows++;
		int64_t entry = store_col_int(q, 0);
		size_t lo = 0, hi = seen;
		while (lo < hi) { /* descending order */
			size_t mid = (lo + hi) / 2;
			if (c->h[mid].id > entry)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < seen && c->h[lo].id == entry)
			continue;
		if (c->n == c->cap)
			continue; /* the row past the limit only counts */
		c->h[c->n].id = entry;
		c->h[c->n].score = store_col_double(q, 1);
		c->h[c->n].matched = (uint32_t)store_col_int(q, 2);
		c->n++;
	}
	store_done(q);
	return rc < 0 ? -1 : rows;
}

static int store_hit_order(const void *x, const void *y)
{
	const struct store_hit *a = x, *b = y;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

/* Gathers the candidates of one way of matching (STORE_MATCH_* in how) into c: the
 * most recent `recent` matches and, when more match, the most recent `title` title
 * matches. Returns how many matched in the first query (at most recent + 1), or -1. */
static long store_cands_gather(struct store *st, const char *const *w, size_t nw,
			       const char *const *tags, size_t nt, unsigned how, long recent,
			       long title, struct store_cands *c, struct cn_err *err)
{
	struct buf match = BUF_INIT;
	st->be->search_match(w, nw, tags, nt, how, &match);
	c->n = 0;
	c->cap = (size_t)recent;
	long rows = store_cands_run(st, buf_str(&match), 0, nw, recent + 1, c, 0, err);
	if (rows > recent && nw > 0 && title > 0) {
		size_t seen = c->n;
		c->cap = (size_t)(recent + title);
		buf_reset(&match);
		st->be->search_match(w, nw, tags, nt, how | STORE_MATCH_TITLE, &match);
		if (store_cands_run(st, buf_str(&match), nw, nw, title, c, seen, err) < 0)
			rows = -1;
	}
	buf_free(&match);
	return rows;
}

static int store_search_run(struct store *st, struct arena *a, const char *kind,
			    const char *words, const char *facets, int any, int limit, int offset,
			    struct store_hit **hits, size_t *count, struct cn_err *err)
{
	*hits = NULL;
	*count = 0;
	if (limit < 1 || limit > STORE_SEARCH_MAX)
		return cn_err_field(err, CN_ERR_INPUT, "limit", "%d is out of range; use 1 to %d",
				    limit, STORE_SEARCH_MAX);
	if (offset < 0)
		return cn_err_field(err, CN_ERR_INPUT, "offset", "cannot be negative");
	const char *w[STORE_SEARCH_WORDS], *tags[STORE_SEARCH_FACETS + 1];
	size_t nw = store_search_words(a, words, w, STORE_SEARCH_WORDS);
	size_t nt = store_tags(a, kind, facets, 1, tags, sizeof(tags) / sizeof(tags[0]));
	if (any && nw == 0)
		return cn_err_field(err, CN_ERR_INPUT, "words", "give at least one word");
	long recent = STORE_RANK_RECENT, title = STORE_RANK_TITLE;
	if (any) {
		recent *= STORE_ANY_FACTOR;
		title *= STORE_ANY_FACTOR;
	}
	struct store_cands c = {arena_alloc(a, sizeof(struct store_hit) * (size_t)(recent + title)),
				0, 0};
	unsigned how = any ? STORE_MATCH_ANY : 0;
	long rows = store_cands_gather(st, w, nw, tags, nt, how, recent, title, &c, err);
	/* A prefix can stand for many words, whose lists the backend must merge in full.
	 * So the last word is taken as a prefix only when the search does not fill the
	 * page with it as a word and it looks unfinished ("fract"): at least
	 * STORE_PREFIX_MIN bytes, and in fewer than STORE_PREFIX_RARE documents. */
	if (rows >= 0 && !any && nw > 0 && rows < (long)offset + limit &&
	    strlen(w[nw - 1]) >= STORE_PREFIX_MIN) {
		struct store_cands probe = {
			arena_alloc(a, sizeof(struct store_hit) * (STORE_PREFIX_RARE + 1)), 0, 0};
		const char *kind_tag = arena_printf(a, "_k_%s", kind);
		long alone = store_cands_gather(st, &w[nw - 1], 1, &kind_tag, 1, 0,
						STORE_PREFIX_RARE, 0, &probe, err);
		if (alone >= 0 && alone < STORE_PREFIX_RARE)
			alone = store_cands_gather(st, w, nw, tags, nt, how | STORE_MATCH_PREFIX,
						   recent, title, &c, err);
		if (alone < 0)
			rows = -1;
	}
	if (rows < 0)
		return -1;
	qsort(c.h, c.n, sizeof(*c.h), store_hit_order);
	size_t from = (size_t)offset < c.n ? (size_t)offset : c.n;
	size_t n = c.n - from < (size_t)limit ? c.n - from : (size_t)limit;
	struct store_hit *out = arena_alloc(a, sizeof(*out) * (n ? n : 1));
	uint32_t all = nw >= 32 ? 0xffffffffu : ((uint32_t)1 << nw) - 1;
	for (size_t i = 0; i < n; i++) {
		out[i] = c.h[from + i];
		if (!any)
			out[i].matched = all;
		struct store_stmt *q = store_prepare(st, st->be->search_ref_sql, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, out[i].id);
		int rc = store_step(q, err);
		out[i].id = rc == 1 ? store_col_int(q, 0) : 0;
		store_done(q);
		if (rc < 0)
			return -1;
	}
	*hits = out;
	*count = n;
	return 0;
}

int store_search(struct store *st, struct arena *a, const char *kind, const char *words,
		 const char *facets, int limit, int offset, struct store_hit **hits,
		 size_t *count, struct cn_err *err)
{
	return store_search_run(st, a, kind, words, facets, 0, limit, offset, hits, count, err);
}

int store_search_any(struct store *st, struct arena *a, const char *kind, const char *words,
		     const char *facets, int limit, struct store_hit **hits, size_t *count,
		     struct cn_err *err)
{
	return store_search_run(st, a, kind, words, facets, 1, limit, 0, hits, count, err);
}
