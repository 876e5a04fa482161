/* person: deactivating a person stops sign-in at once: their sessions end (and stay
 * ended when they are reactivated), their API tokens stop working while they are
 * inactive, and a new sign-in is refused until they are reactivated. */
#include "testapp.h"

#include "app/access/auth.h"
#include "app/org/person.h"
#include "app/org/membership.h"

static const char PASSWORD[] = "a long enough password";

/* Creates a person with a password; returns their id. */
static int64_t add_person(struct testdb *t, struct arena *a, const char *email)
{
	return testapp_person(t, a, email, PASSWORD);
}

static void set_active(struct testdb *t, struct arena *a, int64_t id, int active)
{
	struct cn_err err = {0};
	struct rec *changes = rec_new(a, &person_entity);
	if (rec_set_int(changes, "active", active, &err) ||
	    rec_update(t->db, &t->who, a, id, 0, changes, NULL, &err))
		fail_msg("%s", err.msg);
}

static int sign_in(struct testdb *t, const char *email, char session[AUTH_SECRET_LEN],
		   struct cn_err *err)
{
	struct auth_config cfg;
	auth_config_default(&cfg);
	struct auth_session s;
	return auth_sign_in(t->db, &cfg, email, PASSWORD, "127.0.0.1", session, &s, err);
}

static int session_live(struct testdb *t, const char *session)
{
	struct auth_config cfg;
	auth_config_default(&cfg);
	struct auth_session s;
	struct cn_err err = {0};
	int rc = auth_session_find(t->db, &cfg, session, &s, &err);
	assert_int_not_equal(rc, -1);
	return rc;
}

static int token_live(struct testdb *t, const char *token)
{
	int64_t person = 0, id = 0;
	struct cn_err err = {0};
	int rc = person_token_check(t->db, token, &person, &id, &err);
	assert_int_not_equal(rc, -1);
	return rc;
}

static void test_deactivation_ends_sessions(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	int64_t ada = add_person(t, a, "ada@x.org");
	int64_t other = add_person(t, a, "other@x.org");
	char session[AUTH_SECRET_LEN], kept[AUTH_SECRET_LEN];
	assert_int_equal(sign_in(t, "ada@x.org", session, &err), 0);
	assert_int_equal(sign_in(t, "other@x.org", kept, &err), 0);
	char *token = NULL;
	assert_int_equal(person_token_create(t->db, &t->who, a, ada, "laptop", &token, NULL,
					     &err),
			 0);
	assert_int_equal(session_live(t, session), 1);
	assert_int_equal(token_live(t, token), 1);

	set_active(t, a, ada, 0);
	assert_int_equal(session_live(t, session), 0);
	assert_int_equal(token_live(t, token), 0);
	assert_int_equal(session_live(t, kept), 1); /* others' sessions go on */
	char again[AUTH_SECRET_LEN];
	assert_int_equal(sign_in(t, "ada@x.org", again, &err), -1);
	assert_int_equal(err.kind, CN_ERR_UNAUTHENTICATED);

	/* Reactivated: the old session stays ended; she signs in anew; her token works. */
	set_active(t, a, ada, 1);
	assert_int_equal(session_live(t, session), 0);
	assert_int_equal(token_live(t, token), 1);
	memset(&err, 0, sizeof(err));
	assert_int_equal(sign_in(t, "ada@x.org", again, &err), 0);
	assert_int_equal(session_live(t, again), 1);
	(void)other;
	arena_free(a);
	testdb_close(t);
}

/* A change that leaves the person active keeps their sessions. */
static void test_other_changes_keep_sessions(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	int64_t ada = add_person(t, a, "ada@x.org");
	char session[AUTH_SECRET_LEN];
	assert_int_equal(sign_in(t, "ada@x.org", session, &err), 0);
	struct rec *changes = rec_new(a, &person_entity);
	assert_int_equal(rec_set_text(changes, a, "family_name", "Lovelace", &err), 0);
	assert_int_equal(rec_update(t->db, &t->who, a, ada, 0, changes, NULL, &err), 0);
	assert_int_equal(session_live(t, session), 1);
	arena_free(a);
	testdb_close(t);
}

static struct rec *new_person(struct arena *a, const char *email)
{
	struct cn_err err = {0};
	struct rec *p = rec_new(a, &person_entity);
	if (rec_set_text(p, a, "given_name", "Ada", &err) ||
	    rec_set_text(p, a, "family_name", "Byron", &err) ||
	    rec_set_text(p, a, "email", email, &err))
		fail_msg("%s", err.msg);
	return p;
}

static struct rec *new_membership(struct arena *a, const char *org, const char *role)
{
	struct cn_err err = {0};
	struct rec *m = rec_new(a, &membership_entity);
	if (rec_set_text(m, a, "org_id", org, &err) || rec_set_text(m, a, "role", role, &err))
		fail_msg("%s", err.msg);
	return m;
}

/* A person is added with their role and password in one step: a role refused (an
 * organization that does not exist) or a password too short leaves no person behind. */
static void test_create_is_all_or_none(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	assert_int_equal(store_exec(t->db,
				    "INSERT INTO organization (id, kind, name, created_at, updated_at)"
				    " VALUES (1, 'state', 'KDE', 'x', 'x')",
				    &err),
			 0);
	int64_t people = testdb_count(t, "SELECT COUNT(*) FROM person");
	int64_t audit = testdb_count(t, "SELECT COUNT(*) FROM audit_event");
	struct rec *p = new_person(a, "ada@x.org");
	struct rec *nowhere = new_membership(a, "99", "member");
	assert_int_equal(person_create(t->db, &t->who, a, p, nowhere, NULL, &err), -1);
	assert_string_equal(err.field, "org_id");
	p = new_person(a, "ada@x.org");
	assert_int_equal(person_create(t->db, &t->who, a, p, new_membership(a, "1", "member"),
				       "short", &err),
			 -1);
	assert_string_equal(err.field, "password");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM person"), people);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM membership"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), audit);
	p = new_person(a, "ada@x.org");
	struct rec *m = new_membership(a, "1", "admin");
	assert_int_equal(person_create(t->db, &t->who, a, p, m, PASSWORD, &err), 0);
	assert_true(p->id > 0);
	assert_int_equal(rec_int(m, "person_id"), p->id);
	int64_t id = 0;
	assert_int_equal(person_check_password(t->db, "ada@x.org", PASSWORD, &id, &err), 1);
	assert_int_equal(id, p->id);
	/* Without a role or password it is the person alone. */
	p = new_person(a, "bo@x.org");
	assert_int_equal(person_create(t->db, &t->who, a, p, NULL, NULL, &err), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM person"), people + 2);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM membership"), 1);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deactivation_ends_sessions),
		cmocka_unit_test(test_other_changes_keep_sessions),
		cmocka_unit_test(test_create_is_all_or_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
