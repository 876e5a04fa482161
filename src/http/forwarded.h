/* forwarded: the client's address behind reverse proxies that capnet trusts
 * (`capnet serve --trusted-proxy ADDR`). A proxy appends the address it was reached
 * from to X-Forwarded-For (nginx: `proxy_set_header X-Forwarded-For
 * $proxy_add_x_forwarded_for;`); anything to the left of that was written by the
 * client, so only the right-most address not itself a trusted proxy is believed, and
 * only when the connection comes from a trusted proxy. Outside input: the header is
 * parsed with bounds, and what comes out is an address written by inet_ntop. */
#ifndef CN_FORWARDED_H
#define CN_FORWARDED_H
#include <stddef.h>

#include "core/err.h"

enum { FORWARDED_MAX_PROXIES = 32, FORWARDED_ADDR_LEN = 46 /* INET6_ADDRSTRLEN */ };

/* One trusted address or network: family (AF_INET, AF_INET6), the address and how
 * many of its leading bits must match. */
struct forwarded_net {
	int family;
	unsigned char addr[16];
	unsigned bits;
};

/* The trusted proxies; all zero trusts none, and then X-Forwarded-For is ignored. */
struct forwarded_trust {
	struct forwarded_net net[FORWARDED_MAX_PROXIES];
	size_t n;
};

/* Adds spec to t: an IPv4 or IPv6 address ("10.0.0.5", "::1"), or a network in CIDR
 * notation ("10.0.0.0/8", "fd00::/8"). -1 with err (CN_ERR_INPUT, field
 * "trusted-proxy") when it is neither, or when t is full. */
int forwarded_trust_add(struct forwarded_trust *t, const char *spec, struct cn_err *err);

/* 1 if t trusts no proxy at all. */
int forwarded_trust_none(const struct forwarded_trust *t);

/* The client's address, written into out (FORWARDED_ADDR_LEN bytes). peer is the
 * connection's address as text. When peer is a trusted proxy, xff (the
 * X-Forwarded-For values joined by commas in the order received; may be NULL) is read
 * from the right: the first address that is not a trusted proxy is the client; when
 * every address is trusted, the left-most; a part that is not an address stops the
 * reading, leaving the last address believed. Otherwise out is peer. */
void forwarded_client(const struct forwarded_trust *t, const char *peer, const char *xff,
		      char out[FORWARDED_ADDR_LEN]);

#endif
