/* forwarded: X-Forwarded-For behind trusted proxies (see forwarded.h). */
#include "http/forwarded.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* Addresses read from the header's right end at most: a longer chain of proxies is
 * not a deployment anyone runs. */
enum { FORWARDED_MAX_HOPS = 64, FORWARDED_MAX_TEXT = 64 };

/* The address in s[0..n) into *out (bits 32 or 128): "1.2.3.4", "1.2.3.4:80", "::1",
 * "[::1]" or "[::1]:80". An IPv4 address mapped into IPv6 (::ffff:1.2.3.4) counts as
 * the IPv4 one. 0, or -1 when s is not an address. */
static int forwarded_parse(const char *s, size_t n, struct forwarded_net *out)
{
	char text[FORWARDED_MAX_TEXT];
	if (n == 0 || n >= sizeof(text))
		return -1;
	memcpy(text, s, n);
	text[n] = '\0';
	char *host = text;
	if (text[0] == '[') {
		char *close = strchr(text, ']');
		if (close == NULL || (close[1] != '\0' && close[1] != ':'))
			return -1;
		*close = '\0';
		host = text + 1;
	} else {
		char *colon = strchr(text, ':');
		if (colon != NULL && strchr(colon + 1, ':') == NULL)
			*colon = '\0'; /* IPv4 with a port */
	}
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, host, out->addr) == 1) {
		out->family = AF_INET;
		out->bits = 32;
		return 0;
	}
	if (inet_pton(AF_INET6, host, out->addr) != 1)
		return -1;
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (memcmp(out->addr, mapped, sizeof(mapped)) == 0) {
		memmove(out->addr, out->addr + 12, 4);
		memset(out->addr + 4, 0, 12);
		out->family = AF_INET;
		out->bits = 32;
		return 0;
	}
	out->family = AF_INET6;
	out->bits = 128;
	return 0;
}

int forwarded_trust_add(struct forwarded_trust *t, const char *spec, struct cn_err *err)
{
	if (t->n == FORWARDED_MAX_PROXIES)
		return cn_err_field(err, CN_ERR_INPUT, "trusted-proxy",
				    "at most %d trusted proxies; name their network instead "
				    "(10.0.0.0/24)",
				    FORWARDED_MAX_PROXIES);
	const char *slash = strchr(spec, '/');
	size_t n = slash != NULL ? (size_t)(slash - spec) : strlen(spec);
	struct forwarded_net net;
	int bad = spec[0] == '[' || forwarded_parse(spec, n, &net) != 0 ||
		  strchr(spec, ']') != NULL;
	if (!bad && net.family == AF_INET && memchr(spec, ':', n) != NULL)
		bad = 1; /* a port or a mapped address: say it plainly instead */
	if (!bad && slash != NULL) {
		char *end = NULL;
		long bits = strtol(slash + 1, &end, 10);
		if (slash[1] < '0' || slash[1] > '9' || *end != '\0' || bits < 0 ||
		    bits > (long)net.bits)
			bad = 1;
		else
			net.bits = (unsigned)bits;
	}
	if (bad)
		return cn_err_field(err, CN_ERR_INPUT, "trusted-proxy",
				    "'%.80s' is not an IPv4 or IPv6 address (10.0.0.5, ::1) or a "
				    "network (10.0.0.0/24)",
				    spec);
	t->net[t->n++] = net;
	return 0;
}

int forwarded_trust_none(const struct forwarded_trust *t)
{
	return t->n == 0;
}

static int forwarded_trusted(const struct forwarded_trust *t, const struct forwarded_net *a)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct forwarded_net *net = &t->net[i];
		if (net->family != a->family)
			continue;
		unsigned whole = net->bits / 8, rest = net->bits % 8;
		if (memcmp(net->addr, a->addr, whole) != 0)
			continue;
		unsigned char mask = (unsigned char)(0xff00u >> rest);
		if (rest == 0 || (net->addr[whole] & mask) == (a->addr[whole] & mask))
			return 1;
	}
	return 0;
}

static void forwarded_text(const struct forwarded_net *a, char out[FORWARDED_ADDR_LEN])
{
	if (inet_ntop(a->family, a->addr, out, FORWARDED_ADDR_LEN) == NULL)
		snprintf(out, FORWARDED_ADDR_LEN, "unknown");
}

void forwarded_client(const struct forwarded_trust *t, const char *peer, const char *xff,
		      char out[FORWARDED_ADDR_LEN])
{
	struct forwarded_net believed;
	if (forwarded_parse(peer, strlen(peer), &believed) != 0) {
		snprintf(out, FORWARDED_ADDR_LEN, "%s", peer);
		return;
	}
	if (xff != NULL && forwarded_trusted(t, &believed)) {
		size_t end = strlen(xff);
		for (int hop = 0; hop < FORWARDED_MAX_HOPS; hop++) {
			size_t start = end;
			while (start > 0 && xff[start - 1] != ',')
				start--;
			size_t a = start, b = end;
			while (a < b && (xff[a] == ' ' || xff[a] == '\t'))
				a++;
			while (b > a && (xff[b - 1] == ' ' || xff[b - 1] == '\t'))
				b--;
			struct forwarded_net hopper;
			if (forwarded_parse(xff + a, b - a, &hopper) != 0)
				break;
			believed = hopper;
			if (!forwarded_trusted(t, &hopper) || start == 0)
				break;
			end = start - 1;
		}
	}
	forwarded_text(&believed, out);
}
