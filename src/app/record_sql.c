/* record_sql: the statements of declared entities, built from their declarations once
 * per entity (and per tail of rec_list_where) at first use, thread-safe, and kept for
 * the life of the process (part of the record module; the contract is in record.h). */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "app/record.h"
#include "core/buf.h"
#include "core/mem.h"

/* The statements built from declarations: one node per entity (tail NULL: its rec_sql)
 * and one per entity and tail (rec_list_where). Nodes are only ever added, at the head,
 * under the lock, and never freed, so that readers walk the list without it and the
 * store may cache prepared statements by the text's address. */
struct rec_built {
	const struct rec_entity *e;
	const char *tail;
	struct rec_sql sql; /* tail: the select is sql.get */
	struct rec_built *next;
};
static _Atomic(struct rec_built *) rec_built_head;
static pthread_mutex_t rec_built_lock = PTHREAD_MUTEX_INITIALIZER;

static void rec_sql_param(struct buf *b, size_t n)
{
	buf_putc(b, '?');
	buf_put_int(b, (int64_t)n);
}

/* For each field in order, "<name>, " (names), "?<i>, " (params) or "<name> = ?<i>, "
 * (both). */
static void rec_sql_fields(struct buf *b, const struct rec_entity *e, int names, int params)
{
	for (size_t i = 0; i < e->nfields; i++) {
		if (names)
			buf_puts(b, e->fields[i].name);
		if (names && params)
			buf_puts(b, " = ");
		if (params)
			rec_sql_param(b, i + 1);
		buf_puts(b, ", ");
	}
}

/* "SELECT id, version, created_at, updated_at, <fields> FROM <table>" */
static void rec_sql_select(struct buf *b, const struct rec_entity *e)
{
	buf_puts(b, "SELECT id, version, created_at, updated_at");
	for (size_t i = 0; i < e->nfields; i++) {
		buf_puts(b, ", ");
		buf_puts(b, e->fields[i].name);
	}
	buf_puts(b, " FROM ");
	buf_puts(b, e->table);
}

static char *rec_sql_take(struct buf *b)
{
	char *s = xstrdup(buf_str(b));
	buf_reset(b);
	return s;
}

static void rec_sql_build(const struct rec_entity *e, struct rec_sql *out)
{
	struct buf b = BUF_INIT;
	size_t nf = e->nfields, nq = e->nfilters < 8 ? e->nfilters : 8;
	rec_sql_select(&b, e);
	buf_puts(&b, " WHERE id = ?1");
	out->get = rec_sql_take(&b);

	rec_sql_select(&b, e);
	buf_puts(&b, " WHERE ");
	for (size_t i = 0; i < nq; i++) {
		const struct rec_filter *f = &e->filters[i];
		buf_putc(&b, '(');
		rec_sql_param(&b, i + 1);
		buf_puts(&b, " IS NULL OR ");
		if (f->where == NULL) {
			buf_puts(&b, f->name);
			buf_puts(&b, " = ");
			rec_sql_param(&b, i + 1);
		}
		for (const char *c = f->where; c != NULL && *c != '\0'; c++) {
			if (*c == '?')
				rec_sql_param(&b, i + 1);
			else
				buf_putc(&b, *c);
		}
		buf_puts(&b, ") AND ");
	}
	buf_puts(&b, "id > ");
	rec_sql_param(&b, nq + 1);
	buf_puts(&b, " ORDER BY id LIMIT ");
	rec_sql_param(&b, nq + 2);
	out->list = rec_sql_take(&b);

	buf_puts(&b, "INSERT INTO ");
	buf_puts(&b, e->table);
	buf_puts(&b, " (");
	rec_sql_fields(&b, e, 1, 0);
	buf_puts(&b, "created_at, updated_at) VALUES (");
	rec_sql_fields(&b, e, 0, 1);
	rec_sql_param(&b, nf + 1);
	buf_puts(&b, ", ");
	rec_sql_param(&b, nf + 1);
	buf_puts(&b, ") RETURNING id");
	out->insert = rec_sql_take(&b);

	buf_puts(&b, "UPDATE ");
	buf_puts(&b, e->table);
	buf_puts(&b, " SET ");
	rec_sql_fields(&b, e, 1, 1);
	buf_puts(&b, "updated_at = ");
	rec_sql_param(&b, nf + 1);
	buf_puts(&b, ", version = version + 1 WHERE id = ");
	rec_sql_param(&b, nf + 2);
	buf_puts(&b, " AND version = ");
	rec_sql_param(&b, nf + 3);
	out->update = rec_sql_take(&b);

	out->del = NULL;
	if (e->deletable) {
		buf_puts(&b, "DELETE FROM ");
		buf_puts(&b, e->table);
		buf_puts(&b, " WHERE id = ?1");
		out->del = rec_sql_take(&b);
	}
	buf_free(&b);
}

static const struct rec_built *rec_built_find(const struct rec_entity *e, const char *tail)
{
	for (const struct rec_built *n =
		 atomic_load_explicit(&rec_built_head, memory_order_acquire);
	     n != NULL; n = n->next)
		if (n->e == e && n->tail == tail)
			return n;
	return NULL;
}

/* The node for (e, tail), built under the lock the first time it is asked for. */
static const struct rec_built *rec_built_get(const struct rec_entity *e, const char *tail)
{
	const struct rec_built *found = rec_built_find(e, tail);
	if (found != NULL)
		return found;
	pthread_mutex_lock(&rec_built_lock);
	found = rec_built_find(e, tail);
	if (found == NULL) {
		struct rec_built *n = xmalloc(sizeof(*n));
		memset(n, 0, sizeof(*n));
		n->e = e;
		n->tail = tail;
		if (tail == NULL) {
			rec_sql_build(e, &n->sql);
		} else {
			struct buf b = BUF_INIT;
			rec_sql_select(&b, e);
			buf_putc(&b, ' ');
			buf_puts(&b, tail);
			n->sql.get = rec_sql_take(&b);
			buf_free(&b);
		}
		n->next = atomic_load_explicit(&rec_built_head, memory_order_relaxed);
		atomic_store_explicit(&rec_built_head, n, memory_order_release);
		found = n;
	}
	pthread_mutex_unlock(&rec_built_lock);
	return found;
}

const struct rec_sql *rec_sql(const struct rec_entity *e)
{
	return &rec_built_get(e, NULL)->sql;
}

const char *rec_sql_where(const struct rec_entity *e, const char *tail)
{
	return rec_built_get(e, tail)->sql.get;
}
