/* strmap: open addressing with linear probing, kept at most half full. */
#include "core/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

struct strmap_slot {
	char *key; /* owned; NULL = empty */
	uint64_t hash;
	void *value;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap; /* a power of two */
	size_t count;
};

static uint64_t strmap_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

struct strmap *strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof(*m));
	m->cap = 64;
	m->slots = xcalloc(m->cap, sizeof(struct strmap_slot));
	return m;
}

void strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	free(m);
}

static struct strmap_slot *strmap_find(const struct strmap *m, const char *key, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct strmap_slot *s = &m->slots[i];
		if (s->key == NULL || (s->hash == h && strcmp(s->key, key) == 0))
			return s;
	}
}

static void strmap_grow(struct strmap *m)
{
	struct strmap_slot *old = m->slots;
	size_t old_cap = m->cap;
	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(struct strmap_slot));
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i].key == NULL)
			continue;
		*strmap_find(m, old[i].key, old[i].hash) = old[i];
	}
	free(old);
}

void *strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_slot *s = strmap_find(m, key, strmap_hash(key));
	return s->key ? s->value : NULL;
}

void *strmap_put(struct strmap *m, const char *key, void *value)
{
	if (2 * (m->count + 1) > m->cap)
		strmap_grow(m);
	uint64_t h = strmap_hash(key);
	struct strmap_slot *s = strmap_find(m, key, h);
	if (s->key != NULL) {
		void *old = s->value;
		s->value = value;
		return old;
	}
	s->key = xstrdup(key);
	s->hash = h;
	s->value = value;
	m->count++;
	return NULL;
}

size_t strmap_count(const struct strmap *m)
{
	return m->count;
}
