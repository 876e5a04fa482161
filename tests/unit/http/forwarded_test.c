/* forwarded: X-Forwarded-For is believed only from a trusted proxy, and then only as
 * far as the right-most address that is not itself a trusted proxy. */
#include "testlib.h"

#include "http/forwarded.h"

static struct forwarded_trust trust(const char *const *specs)
{
	struct forwarded_trust t;
	memset(&t, 0, sizeof(t));
	struct cn_err err = {0};
	for (size_t i = 0; specs[i] != NULL; i++)
		if (forwarded_trust_add(&t, specs[i], &err))
			fail_msg("%s: %s", specs[i], err.msg);
	return t;
}

static void expect(const struct forwarded_trust *t, const char *peer, const char *xff,
		   const char *want)
{
	char out[FORWARDED_ADDR_LEN];
	forwarded_client(t, peer, xff, out);
	if (strcmp(out, want) != 0)
		fail_msg("peer %s, X-Forwarded-For %s: got %s, wanted %s", peer, xff ? xff : "(none)",
			 out, want);
}

static void test_only_a_trusted_peer_is_believed(void **state)
{
	(void)state;
	static const char *const none[] = {NULL};
	struct forwarded_trust nobody = trust(none);
	assert_true(forwarded_trust_none(&nobody));
	expect(&nobody, "127.0.0.1", "203.0.113.7", "127.0.0.1");
	static const char *const proxy[] = {"127.0.0.1", NULL};
	struct forwarded_trust t = trust(proxy);
	assert_false(forwarded_trust_none(&t));
	expect(&t, "127.0.0.1", "203.0.113.7", "203.0.113.7");
	expect(&t, "127.0.0.1", NULL, "127.0.0.1");
	expect(&t, "127.0.0.1", "", "127.0.0.1");
	expect(&t, "198.51.100.9", "203.0.113.7", "198.51.100.9"); /* not a proxy of ours */
}

static void test_the_right_most_untrusted_address(void **state)
{
	(void)state;
	static const char *const proxies[] = {"127.0.0.1", "10.0.0.0/8", "fd00::/8", NULL};
	struct forwarded_trust t = trust(proxies);
	/* The client wrote the left part; the proxy appended what it saw. */
	expect(&t, "127.0.0.1", "1.1.1.1, 203.0.113.7", "203.0.113.7");
	/* Through two proxies of ours. */
	expect(&t, "127.0.0.1", "forged, 203.0.113.7 , 10.1.2.3", "203.0.113.7");
	/* Every address is a proxy: the left-most. */
	expect(&t, "127.0.0.1", "10.0.0.9,10.0.0.8", "10.0.0.9");
	/* Garbage stops the reading at the last address believed. */
	expect(&t, "127.0.0.1", "203.0.113.7, not-an-address, 10.0.0.8", "10.0.0.8");
	expect(&t, "127.0.0.1", "unknown", "127.0.0.1");
	expect(&t, "127.0.0.1", ",", "127.0.0.1");
	/* IPv6, with brackets and ports, written back plainly. */
	expect(&t, "127.0.0.1", "[2001:DB8::1]:4711", "2001:db8::1");
	expect(&t, "127.0.0.1", "2001:db8::1, fd12::1", "2001:db8::1");
	expect(&t, "127.0.0.1", "203.0.113.7:5000", "203.0.113.7");
	expect(&t, "127.0.0.1", "::ffff:203.0.113.7", "203.0.113.7");
	/* Not in 10.0.0.0/8: believed as the client. */
	expect(&t, "127.0.0.1", "10.0.0.1, 11.0.0.1", "11.0.0.1");
}

static void test_bad_proxies_are_named(void **state)
{
	(void)state;
	static const char *const bad[] = {"",	      "example.org", "10.0.0.0/33", "10.0.0.5:80",
					  "10.0.0.0/", "10.0.0.0/x", "::1/129",	    "[::1]",
					  "10.0.0.0/-1", NULL};
	for (size_t i = 0; bad[i] != NULL; i++) {
		struct forwarded_trust t;
		memset(&t, 0, sizeof(t));
		struct cn_err err = {0};
		if (forwarded_trust_add(&t, bad[i], &err) == 0)
			fail_msg("accepted '%s'", bad[i]);
		assert_string_equal(err.field, "trusted-proxy");
	}
	struct forwarded_trust t;
	memset(&t, 0, sizeof(t));
	struct cn_err err = {0};
	for (int i = 0; i < FORWARDED_MAX_PROXIES; i++)
		assert_int_equal(forwarded_trust_add(&t, "10.0.0.1", &err), 0);
	assert_int_equal(forwarded_trust_add(&t, "10.0.0.1", &err), -1);
	/* A network's bits past its prefix are ignored: 10.1.2.3/8 is 10.0.0.0/8. */
	static const char *const loose[] = {"10.1.2.3/8", "2001:db8::/127", NULL};
	t = trust(loose);
	expect(&t, "10.200.0.1", "203.0.113.7", "203.0.113.7");
	expect(&t, "2001:db8::1", "203.0.113.7", "203.0.113.7");
	expect(&t, "2001:db8::2", "203.0.113.7", "2001:db8::2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_a_trusted_peer_is_believed),
		cmocka_unit_test(test_the_right_most_untrusted_address),
		cmocka_unit_test(test_bad_proxies_are_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
