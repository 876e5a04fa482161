/* uuid: formatting 16 bytes as RFC 9562 text. */
#include "core/uuid.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

static void uuid_format(unsigned char b[16], unsigned version, char out[UUID_TEXT_LEN])
{
	b[6] = (unsigned char)((b[6] & 0x0f) | (version << 4));
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, UUID_TEXT_LEN,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
		 b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
		 b[15]);
}

void uuid_random(char out[UUID_TEXT_LEN])
{
	if (sodium_init() < 0)
		abort(); /* no source of randomness: nothing safe to do */
	unsigned char b[16];
	randombytes_buf(b, sizeof(b));
	uuid_format(b, 4, out);
}

void uuid_named(const char *space, const char *name, char out[UUID_TEXT_LEN])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)space, strlen(space) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)name, strlen(name));
	crypto_hash_sha256_final(&st, h);
	uuid_format(h, 8, out);
}

int uuid_valid(const char *s)
{
	for (int i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return 0;
	}
	return s[36] == '\0';
}
