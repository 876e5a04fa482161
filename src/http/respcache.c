/* respcache: the answers are kept per worker thread (each thread has its own database
 * connection, and a version belongs to its connection), in a few slots reused in turn;
 * a thread's slots are freed when the thread ends. */
#include "http/respcache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/mem.h"

enum { RESPCACHE_SLOTS = 16, RESPCACHE_MAX_BODY = 512 * 1024 };

struct respcache_entry {
	const struct store *db;
	uint64_t version;
	time_t second;
	uint64_t hash;
	char *key;
	int status;
	char *content_type;
	size_t nheaders;
	char *hname[HTTP_MAX_HEADERS];
	char *hvalue[HTTP_MAX_HEADERS];
	char *body;
	size_t len;
};

struct respcache {
	struct respcache_entry slot[RESPCACHE_SLOTS];
	unsigned next;
};

static pthread_key_t respcache_tls;
static pthread_once_t respcache_once = PTHREAD_ONCE_INIT;

static void respcache_entry_clear(struct respcache_entry *e)
{
	free(e->key);
	free(e->content_type);
	for (size_t i = 0; i < e->nheaders; i++) {
		free(e->hname[i]);
		free(e->hvalue[i]);
	}
	free(e->body);
	memset(e, 0, sizeof(*e));
}

static void respcache_free(void *p)
{
	struct respcache *c = p;
	for (size_t i = 0; i < RESPCACHE_SLOTS; i++)
		respcache_entry_clear(&c->slot[i]);
	free(c);
}

static void respcache_init(void)
{
	pthread_key_create(&respcache_tls, respcache_free);
}

static struct respcache *respcache_mine(int create)
{
	pthread_once(&respcache_once, respcache_init);
	struct respcache *c = pthread_getspecific(respcache_tls);
	if (c == NULL && create) {
		c = xcalloc(1, sizeof(*c));
		pthread_setspecific(respcache_tls, c);
	}
	return c;
}

/* FNV-1a, to skip most slots without comparing keys. */
static uint64_t respcache_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Each query parameter as "<length>:<name>=<length>:<value>;" so that no two different
 * sets of parameters give the same text; a parameter without value as "<length>:<name>;". */
static int respcache_param(void *ctx, const char *name, const char *value)
{
	struct buf *b = ctx;
	buf_printf(b, "%zu:%s", strlen(name), name);
	if (value != NULL)
		buf_printf(b, "=%zu:%s", strlen(value), value);
	buf_putc(b, ';');
	return 0;
}

int respcache_ticket(struct http_req *rq, struct respcache_ticket *t, struct cn_err *err)
{
	memset(t, 0, sizeof(*t));
	if (rq->db == NULL) /* a route that answers without the database */
		return 0;
	if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0)
		return 0;
	if (http_header(rq, "If-None-Match") != NULL || http_header(rq, "Range") != NULL)
		return 0;
	int rc = store_data_version(rq->db, &t->version, err);
	if (rc <= 0)
		return rc;
	t->second = time(NULL);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s %s\n", rq->method, rq->path);
	if (rq->by_cookie)
		buf_printf(&b, "session %s", rq->session.id_hash);
	else if (rq->by_token)
		buf_printf(&b, "%s", rq->who.label);
	else
		buf_puts(&b, "anonymous");
	buf_printf(&b, " %lld\n", (long long)rq->who.person_id);
	http_query_each(rq, respcache_param, &b);
	t->key = arena_strdup(rq->a, buf_str(&b));
	buf_free(&b);
	return 0;
}

int respcache_get(const struct http_req *rq, const struct respcache_ticket *t,
		  struct http_resp *rs)
{
	struct respcache *c = respcache_mine(0);
	if (c == NULL || t->key == NULL)
		return 0;
	uint64_t hash = respcache_hash(t->key);
	for (size_t i = 0; i < RESPCACHE_SLOTS; i++) {
		const struct respcache_entry *e = &c->slot[i];
		if (e->key == NULL || e->hash != hash || e->db != rq->db ||
		    e->version != t->version || e->second != t->second || strcmp(e->key, t->key) != 0)
			continue;
		rs->status = e->status;
		rs->content_type = e->content_type ? arena_strdup(rq->a, e->content_type) : NULL;
		rs->nheaders = 0;
		for (size_t k = 0; k < e->nheaders; k++)
			http_resp_header(rs, arena_strdup(rq->a, e->hname[k]),
					 arena_strdup(rq->a, e->hvalue[k]));
		buf_reset(&rs->body);
		buf_append(&rs->body, e->body, e->len);
		return 1;
	}
	return 0;
}

void respcache_put(const struct http_req *rq, const struct respcache_ticket *t,
		   const struct http_resp *rs)
{
	if (t->key == NULL || rs->status != 200 || rs->body.len > RESPCACHE_MAX_BODY ||
	    time(NULL) != t->second)
		return;
	const char *key = t->key;
	for (size_t k = 0; k < rs->nheaders; k++)
		if (strcmp(rs->hname[k], "Set-Cookie") == 0)
			return;
	struct respcache *c = respcache_mine(1);
	uint64_t hash = respcache_hash(key);
	struct respcache_entry *e = NULL;
	for (size_t i = 0; i < RESPCACHE_SLOTS && e == NULL; i++)
		if (c->slot[i].key != NULL && c->slot[i].hash == hash &&
		    strcmp(c->slot[i].key, key) == 0)
			e = &c->slot[i];
	if (e == NULL)
		e = &c->slot[c->next++ % RESPCACHE_SLOTS];
	respcache_entry_clear(e);
	e->db = rq->db;
	e->version = t->version;
	e->second = t->second;
	e->hash = hash;
	e->key = xstrdup(key);
	e->status = rs->status;
	e->content_type = rs->content_type ? xstrdup(rs->content_type) : NULL;
	e->nheaders = rs->nheaders;
	for (size_t k = 0; k < rs->nheaders; k++) {
		e->hname[k] = xstrdup(rs->hname[k]);
		e->hvalue[k] = xstrdup(rs->hvalue[k]);
	}
	e->len = rs->body.len;
	e->body = xmalloc(e->len + 1);
	if (e->len > 0)
		memcpy(e->body, rs->body.data, e->len);
	e->body[e->len] = '\0';
}
