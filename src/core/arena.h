/* arena: a region allocator for one request or one command. Everything allocated from
 * an arena is freed at once by arena_free(); nothing in it is freed alone. */
#ifndef CN_ARENA_H
#define CN_ARENA_H
#include <stdarg.h>
#include <stddef.h>

struct arena;

/* A new empty arena; the caller frees it with arena_free(). */
struct arena *arena_new(void);
/* Frees the arena and everything allocated from it. NULL is allowed. */
void arena_free(struct arena *a);
/* Zeroed memory, aligned for any type, valid until arena_free(a). */
void *arena_alloc(struct arena *a, size_t n);
/* Copies; valid until arena_free(a). arena_strdup(a, NULL) returns NULL. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
/* Room for one more element in an array kept in a: when count == *cap, returns a copy
 * of items (count elements of size bytes) with twice the room (8 when *cap is 0) and
 * updates *cap; else returns items. The old array stays in a until arena_free(a). */
void *arena_grow(struct arena *a, void *items, size_t size, size_t count, size_t *cap);
/* Bytes handed out so far (for limits and tests). */
size_t arena_used(const struct arena *a);

#endif
