/* uuid: RFC 9562 identifiers as 36-character lower-case text. Random ones (version 4)
 * for new records; name-based ones (version 8 over SHA-256, RFC 9562 §5.8 and §B.2) for
 * identifiers that must come out the same every time from the same inputs. */
#ifndef CN_UUID_H
#define CN_UUID_H

enum { UUID_TEXT_LEN = 37 }; /* 36 characters and the NUL */

/* A fresh random UUID (libsodium's generator) into out. */
void uuid_random(char out[UUID_TEXT_LEN]);
/* The UUID named by (space, name): SHA-256 of space, a NUL byte and name, cut to 128
 * bits with the version (8) and variant bits set. Same inputs, same UUID. */
void uuid_named(const char *space, const char *name, char out[UUID_TEXT_LEN]);
/* 1 if s is 8-4-4-4-12 hexadecimal digits (either case), 0 if not. */
int uuid_valid(const char *s);

#endif
