/* arena: chunks chained in a list; large requests get a chunk of their own so a
 * big allocation does not waste the rest of the current chunk. */
#include "core/arena.h"
#include "core/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_CHUNK = 16384, ARENA_ALIGN = 16 };

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	size_t used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena {
	struct arena_chunk *head;
	size_t total;
};

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	struct arena_chunk *c = a->head;
	while (c != NULL) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

static struct arena_chunk *arena_chunk_new(size_t size)
{
	struct arena_chunk *c = xmalloc(sizeof(*c) + size);
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

void *arena_alloc(struct arena *a, size_t n)
{
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need == 0)
		need = ARENA_ALIGN;
	a->total += need;
	if (need > ARENA_CHUNK / 4) {
		/* A big block goes behind the head so the head keeps its free space. */
		struct arena_chunk *c = arena_chunk_new(need);
		c->used = need;
		if (a->head != NULL) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			a->head = c;
		}
		memset(c->data, 0, need);
		return c->data;
	}
	if (a->head == NULL || a->head->size - a->head->used < need) {
		struct arena_chunk *c = arena_chunk_new(ARENA_CHUNK);
		c->next = a->head;
		a->head = c;
	}
	void *p = a->head->data + a->head->used;
	a->head->used += need;
	memset(p, 0, need);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
	if (s == NULL)
		return NULL;
	return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *d = arena_alloc(a, (size_t)n + 1);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	return d;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *d = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return d;
}

size_t arena_used(const struct arena *a)
{
	return a->total;
}

void *arena_grow(struct arena *a, void *items, size_t size, size_t count, size_t *cap)
{
	if (count < *cap)
		return items;
	size_t more = *cap ? *cap * 2 : 8;
	void *bigger = arena_alloc(a, size * more);
	if (count > 0)
		memcpy(bigger, items, size * count);
	*cap = more;
	return bigger;
}
