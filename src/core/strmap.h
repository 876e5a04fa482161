/* strmap: a hash map from text keys to pointers, for lookups that would otherwise be
 * one query per row (imports resolving identifiers). Open addressing, FNV-1a. */
#ifndef CN_STRMAP_H
#define CN_STRMAP_H
#include <stddef.h>

struct strmap;

/* A new empty map; the caller frees it with strmap_free(). */
struct strmap *strmap_new(void);
/* Frees the map and its copies of the keys, not the values. NULL is allowed. */
void strmap_free(struct strmap *m);
/* The value stored under key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);
/* Stores value (not NULL) under key, copying the key; returns the value it replaced,
 * or NULL when the key is new. */
void *strmap_put(struct strmap *m, const char *key, void *value);
size_t strmap_count(const struct strmap *m);

#endif
