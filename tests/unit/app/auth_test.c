/* auth: sign-in throttling. Failures lock an account after a few, and a client address
 * only after many: made-up emails sent from one address (an office's, or a proxy's that
 * everybody shares) must not lock out the other people there. */
#include "testapp.h"

#include <pthread.h>

#include "app/access/auth.h"
#include "app/org/person.h"

static const char PASSWORD[] = "a long enough password";

/* Each test's database with Ada (ada@x.org) and Bo (bo@x.org), and the default
 * throttling. */
struct fixture {
	struct testdb *t;
	struct arena *a;
	struct auth_config cfg;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->t = testdb_open();
	f->a = arena_new();
	testapp_person(f->t, f->a, "ada@x.org", PASSWORD);
	testapp_person(f->t, f->a, "bo@x.org", PASSWORD);
	auth_config_default(&f->cfg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	arena_free(f->a);
	testdb_close(f->t);
	free(f);
	return 0;
}

/* Signs in from client; returns CN_OK or the error's kind. */
static enum cn_err_kind sign_in(struct fixture *f, const char *email, const char *password,
				const char *client)
{
	char session[AUTH_SECRET_LEN];
	struct auth_session s;
	struct cn_err err = {0};
	if (auth_sign_in(f->t->db, &f->cfg, email, password, client, session, &s, &err) == 0)
		return CN_OK;
	if (err.kind == CN_ERR_THROTTLED)
		assert_true(err.retry_after > 0);
	return err.kind;
}

/* n failed sign-ins from client, each with another made-up email. */
static void made_up_failures(struct fixture *f, int n, const char *client)
{
	for (int i = 0; i < n; i++) {
		char email[40];
		snprintf(email, sizeof(email), "nobody%d@x.org", i);
		assert_int_equal(sign_in(f, email, "guess", client), CN_ERR_UNAUTHENTICATED);
	}
}

static void test_made_up_emails_do_not_lock_the_address(void **state)
{
	struct fixture *f = *state;
	made_up_failures(f, 10, "203.0.113.7");
	assert_int_equal(sign_in(f, "ada@x.org", PASSWORD, "203.0.113.7"), CN_OK);
}

static void test_an_account_locks_after_a_few(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(f->cfg.max_failures, 5);
	assert_int_equal(f->cfg.max_address_failures, 100);
	for (int i = 0; i < 5; i++)
		assert_int_equal(sign_in(f, "Ada@x.org", "guess", "203.0.113.7"),
				 CN_ERR_UNAUTHENTICATED);
	/* From anywhere, even with the right password, for the locked account only. */
	assert_int_equal(sign_in(f, "ada@x.org", PASSWORD, "198.51.100.1"), CN_ERR_THROTTLED);
	assert_int_equal(sign_in(f, "bo@x.org", PASSWORD, "203.0.113.7"), CN_OK);
}

static void test_an_address_locks_at_its_ceiling(void **state)
{
	struct fixture *f = *state;
	f->cfg.max_address_failures = 8; /* the default 100, scaled down to keep it quick */
	made_up_failures(f, 8, "2001:db8::7");
	assert_int_equal(sign_in(f, "ada@x.org", PASSWORD, "2001:db8::7"), CN_ERR_THROTTLED);
	assert_int_equal(sign_in(f, "ada@x.org", PASSWORD, "2001:db8::8"), CN_OK);
}

/* Guessers at once, each with its own database connection, as parallel requests in
 * several threads or processes are. */
enum { GUESSERS = 4, GUESSES = 5 };

struct guesser {
	struct fixture *f;
	int n;
	enum cn_err_kind kind[GUESSES];
};

static void *guess(void *arg)
{
	struct guesser *g = arg;
	struct store *db = NULL;
	struct cn_err err = {0};
	if (store_open(g->f->t->url, &db, &err))
		return NULL;
	for (int i = 0; i < GUESSES; i++) {
		char session[AUTH_SECRET_LEN], client[40];
		struct auth_session s;
		snprintf(client, sizeof(client), "198.51.100.%d", g->n);
		cn_err_clear(&err);
		auth_sign_in(db, &g->f->cfg, "ada@x.org", "guess", client, session, &s, &err);
		g->kind[i] = err.kind;
	}
	store_close(db);
	return NULL;
}

static void test_parallel_guesses_are_each_counted_and_few_are_checked(void **state)
{
	struct fixture *f = *state;
	pthread_t th[GUESSERS];
	struct guesser g[GUESSERS];
	for (int i = 0; i < GUESSERS; i++) {
		g[i] = (struct guesser){.f = f, .n = i};
		assert_int_equal(pthread_create(&th[i], NULL, guess, &g[i]), 0);
	}
	int checked = 0, refused = 0;
	for (int i = 0; i < GUESSERS; i++) {
		pthread_join(th[i], NULL);
		for (int j = 0; j < GUESSES; j++) {
			checked += g[i].kind[j] == CN_ERR_UNAUTHENTICATED;
			refused += g[i].kind[j] == CN_ERR_THROTTLED;
		}
	}
	/* Every guess is counted; only the first max_failures of them had a password
	 * checked, the rest were refused unheard. */
	assert_int_equal(checked + refused, GUESSERS * GUESSES);
	assert_int_equal(checked, f->cfg.max_failures);
	struct cn_err err = {0};
	struct store_stmt *q = store_prepare(
		f->t->db, "SELECT failures FROM login_throttle WHERE key = 'account:ada@x.org'", &err);
	assert_non_null(q);
	assert_int_equal(store_step(q, &err), 1);
	assert_int_equal(store_col_int(q, 0), GUESSERS * GUESSES);
	store_done(q);
	assert_int_equal(sign_in(f, "ada@x.org", PASSWORD, "203.0.113.7"), CN_ERR_THROTTLED);
}

/* A successful sign-in is not held against its address: a proxy that many people
 * share signs them all in. */
static void test_sign_ins_do_not_count_against_the_address(void **state)
{
	struct fixture *f = *state;
	f->cfg.max_address_failures = 3;
	for (int i = 0; i < 6; i++)
		assert_int_equal(sign_in(f, "ada@x.org", PASSWORD, "203.0.113.7"), CN_OK);
	made_up_failures(f, 2, "203.0.113.7");
	assert_int_equal(sign_in(f, "bo@x.org", PASSWORD, "203.0.113.7"), CN_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_made_up_emails_do_not_lock_the_address, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_an_account_locks_after_a_few, setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_address_locks_at_its_ceiling, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_parallel_guesses_are_each_counted_and_few_are_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_ins_do_not_count_against_the_address,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
