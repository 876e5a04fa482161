/* auth: sign-in throttling. Failures lock an account after a few, and a client address
 * only after many: made-up emails sent from one address (an office's, or a proxy's that
 * everybody shares) must not lock out the other people there. */
#include "testlib.h"

#include "app/auth.h"
#include "app/person.h"

static const char PASSWORD[] = "a long enough password";

static void add_person(struct testdb *t, struct arena *a, const char *email)
{
	struct cn_err err = {0};
	struct rec *r = rec_new(a, &person_entity);
	if (rec_set_text(r, a, "given_name", "Ada", &err) ||
	    rec_set_text(r, a, "family_name", "Byron", &err) ||
	    rec_set_text(r, a, "email", email, &err) || rec_create(t->db, &t->who, a, r, &err) ||
	    person_set_password(t->db, &t->who, r->id, PASSWORD, &err))
		fail_msg("%s", err.msg);
}

/* Signs in from client; returns CN_OK or the error's kind. */
static enum cn_err_kind sign_in(struct testdb *t, const struct auth_config *cfg, const char *email,
				const char *password, const char *client)
{
	char session[AUTH_SECRET_LEN];
	struct auth_session s;
	int retry = 0;
	struct cn_err err = {0};
	if (auth_sign_in(t->db, cfg, email, password, client, session, &s, &retry, &err) == 0)
		return CN_OK;
	if (err.kind == CN_ERR_THROTTLED)
		assert_true(retry > 0);
	return err.kind;
}

static void test_made_up_emails_do_not_lock_the_address(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	add_person(t, a, "ada@x.org");
	struct auth_config cfg;
	auth_config_default(&cfg);
	for (int i = 0; i < 10; i++) {
		char email[40];
		snprintf(email, sizeof(email), "nobody%d@x.org", i);
		assert_int_equal(sign_in(t, &cfg, email, "guess", "203.0.113.7"),
				 CN_ERR_UNAUTHENTICATED);
	}
	assert_int_equal(sign_in(t, &cfg, "ada@x.org", PASSWORD, "203.0.113.7"), CN_OK);
	arena_free(a);
	testdb_close(t);
}

static void test_an_account_locks_after_a_few(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	add_person(t, a, "ada@x.org");
	add_person(t, a, "bo@x.org");
	struct auth_config cfg;
	auth_config_default(&cfg);
	assert_int_equal(cfg.max_failures, 5);
	assert_int_equal(cfg.max_address_failures, 100);
	for (int i = 0; i < 5; i++)
		assert_int_equal(sign_in(t, &cfg, "Ada@x.org", "guess", "203.0.113.7"),
				 CN_ERR_UNAUTHENTICATED);
	/* From anywhere, even with the right password, for the locked account only. */
	assert_int_equal(sign_in(t, &cfg, "ada@x.org", PASSWORD, "198.51.100.1"),
			 CN_ERR_THROTTLED);
	assert_int_equal(sign_in(t, &cfg, "bo@x.org", PASSWORD, "203.0.113.7"), CN_OK);
	arena_free(a);
	testdb_close(t);
}

static void test_an_address_locks_at_its_ceiling(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	add_person(t, a, "ada@x.org");
	struct auth_config cfg;
	auth_config_default(&cfg);
	cfg.max_address_failures = 8; /* the default 100, scaled down to keep the test quick */
	for (int i = 0; i < 8; i++) {
		char email[40];
		snprintf(email, sizeof(email), "nobody%d@x.org", i);
		assert_int_equal(sign_in(t, &cfg, email, "guess", "2001:db8::7"),
				 CN_ERR_UNAUTHENTICATED);
	}
	assert_int_equal(sign_in(t, &cfg, "ada@x.org", PASSWORD, "2001:db8::7"), CN_ERR_THROTTLED);
	assert_int_equal(sign_in(t, &cfg, "ada@x.org", PASSWORD, "2001:db8::8"), CN_OK);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_made_up_emails_do_not_lock_the_address),
		cmocka_unit_test(test_an_account_locks_after_a_few),
		cmocka_unit_test(test_an_address_locks_at_its_ceiling),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
