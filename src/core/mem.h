/* mem: allocation that never returns NULL. Out of memory aborts here, in one place,
 * so no caller carries an untested NULL check. */
#ifndef CN_MEM_H
#define CN_MEM_H
#include <stddef.h>

/* Each returns memory the caller frees with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
