/* utf8: validation of outside text. */
#ifndef CN_UTF8_H
#define CN_UTF8_H
#include <stddef.h>

/* 1 if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF) and
 * has no NUL byte; 0 otherwise. If bad_at is not NULL it gets the offset of the
 * first bad byte. */
int utf8_valid(const char *s, size_t n, size_t *bad_at);
/* Number of code points in a valid UTF-8 string of n bytes. */
size_t utf8_length(const char *s, size_t n);

#endif
