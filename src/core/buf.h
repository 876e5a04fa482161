/* buf: a growable byte buffer, always NUL-terminated for convenience. */
#ifndef CN_BUF_H
#define CN_BUF_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char *data; /* owned; NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
enum { BUF_INT_LEN = 24 };
/* v in decimal, written at the end of out; returns where it starts (within out). */
const char *buf_int_text(int64_t v, char out[BUF_INT_LEN]);
/* Appends v in decimal. */
void buf_put_int(struct buf *b, int64_t v);
/* The contents as a string ("" when empty); valid until the next change to b. */
const char *buf_str(const struct buf *b);
void buf_reset(struct buf *b);
/* Frees the storage; b can be used again. */
void buf_free(struct buf *b);
/* Hands the storage to the caller (who frees it with free()); b is left empty. */
char *buf_detach(struct buf *b);

#endif
