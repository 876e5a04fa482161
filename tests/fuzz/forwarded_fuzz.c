/* Fuzz target: X-Forwarded-For from a trusted proxy never crashes the reader, and what
 * it names is an address (written back by inet_ntop) or the proxy itself. The first
 * byte picks the peer, the rest is the header. */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/forwarded.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const peers[] = {"127.0.0.1", "10.9.8.7", "198.51.100.1", "fd00::1"};
	static const char *const proxies[] = {"127.0.0.1", "10.0.0.0/8", "fd00::/8", "::1"};
	struct forwarded_trust t;
	memset(&t, 0, sizeof(t));
	for (size_t i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++)
		if (forwarded_trust_add(&t, proxies[i], NULL))
			abort();
	if (size == 0)
		return 0;
	const char *peer = peers[data[0] % 4];
	char *xff = malloc(size);
	memcpy(xff, data + 1, size - 1);
	xff[size - 1] = '\0';
	char out[FORWARDED_ADDR_LEN];
	forwarded_client(&t, peer, xff, out);
	unsigned char bin[16];
	if (strlen(out) >= FORWARDED_ADDR_LEN ||
	    (inet_pton(AF_INET, out, bin) != 1 && inet_pton(AF_INET6, out, bin) != 1))
		abort();
	/* The same text as a trusted proxy's spec is either refused or taken. */
	struct cn_err err;
	forwarded_trust_add(&t, xff, &err);
	free(xff);
	return 0;
}
