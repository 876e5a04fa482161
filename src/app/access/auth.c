/* auth: sessions and throttling. Every sign-in attempt counts against both the
 * account (its email) and the client address, in table login_throttle, so several
 * processes share the count; it is counted before the password is checked, in one
 * statement, so that attempts made at once cannot each slip under the limit. Past the
 * limit (a few for an account, many for an address, which a whole office or everyone
 * behind a proxy may share), sign-in is refused unheard until the lock ends. A
 * successful sign-in clears the account's count and takes its attempt back from the
 * address's. */
#include "app/access/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/org/person.h"
#include "core/timeutil.h"

static const char SQL_SESSION_ADD[] =
	"INSERT INTO auth_session (id_hash, person_id, csrf_token, created_at, expires_at,"
	" last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?4)";
static const char SQL_SESSION_PURGE[] = "DELETE FROM auth_session WHERE expires_at < ?1";
static const char SQL_SESSION_GET[] =
	"SELECT s.person_id, s.csrf_token, s.expires_at, s.last_seen_at FROM auth_session s"
	" JOIN person p ON p.id = s.person_id WHERE s.id_hash = ?1 AND p.active = 1";
static const char SQL_SESSION_TOUCH[] =
	"UPDATE auth_session SET last_seen_at = ?1 WHERE id_hash = ?2";
static const char SQL_SESSION_DELETE[] = "DELETE FROM auth_session WHERE id_hash = ?1";
#define THROTTLE_ENDED                                                                        \
	"((login_throttle.locked_until IS NULL AND login_throttle.window_start < ?3)"          \
	" OR login_throttle.locked_until <= ?2)"
/* One attempt counted against ?1 at once, in one statement so that parallel attempts
 * (threads, processes) each count: a new window starts when the last one has passed
 * unlocked or its lock has ended; the lock (until ?4) starts at the ?5th attempt.
 * ?2 is now, ?3 the oldest window start still counting. */
static const char SQL_THROTTLE_COUNT[] =
	"INSERT INTO login_throttle (key, failures, window_start, locked_until)"
	" VALUES (?1, 1, ?2, CASE WHEN ?5 <= 1 THEN ?4 END) ON CONFLICT (key) DO UPDATE SET"
	" failures = CASE WHEN " THROTTLE_ENDED " THEN 1 ELSE login_throttle.failures + 1 END,"
	" window_start = CASE WHEN " THROTTLE_ENDED " THEN ?2 ELSE login_throttle.window_start END,"
	" locked_until = CASE WHEN " THROTTLE_ENDED " THEN CASE WHEN ?5 <= 1 THEN ?4 END"
	"  WHEN login_throttle.locked_until IS NOT NULL THEN login_throttle.locked_until"
	"  WHEN login_throttle.failures + 1 >= ?5 THEN ?4 END"
	" RETURNING failures, locked_until";
/* A successful attempt given back (?2 is the ceiling), so that sign-ins through a
 * shared address do not lock it. */
static const char SQL_THROTTLE_GIVE_BACK[] =
	"UPDATE login_throttle SET failures = failures - 1,"
	" locked_until = CASE WHEN failures - 1 < ?2 THEN NULL ELSE locked_until END"
	" WHERE key = ?1 AND failures > 0";
static const char SQL_THROTTLE_CLEAR[] = "DELETE FROM login_throttle WHERE key = ?1";

void auth_config_default(struct auth_config *cfg)
{
	cfg->idle_seconds = 2 * 3600;
	cfg->absolute_seconds = 12 * 3600;
	cfg->max_failures = 5;
	cfg->max_address_failures = 100;
	cfg->window_seconds = 15 * 60;
	cfg->lock_seconds = 15 * 60;
}

static void auth_actor(int64_t person_id, char *label, size_t size, struct actor *out)
{
	snprintf(label, size, "person:%lld", (long long)person_id);
	out->person_id = person_id;
	out->label = label;
	out->is_system = 0;
}

/* Counts an attempt against key before its password is checked, so that parallel
 * attempts past max are refused unheard: 1 if this attempt is within max (*left = 0),
 * 0 if past it (*left = seconds until the lock ends), -1 on error. */
static int auth_attempt(struct store *db, const struct auth_config *cfg, const char *key, int max,
			time_t now, long *left, struct cn_err *err)
{
	char now_s[TIME_ISO_LEN], start_s[TIME_ISO_LEN], until_s[TIME_ISO_LEN];
	time_format_utc(now, now_s);
	time_format_utc(now - cfg->window_seconds, start_s);
	time_format_utc(now + cfg->lock_seconds, until_s);
	struct store_stmt *q = store_prepare(db, SQL_THROTTLE_COUNT, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, key);
	store_bind_text(q, 2, now_s);
	store_bind_text(q, 3, start_s);
	store_bind_text(q, 4, until_s);
	store_bind_int(q, 5, max);
	int rc = store_step(q, err);
	int64_t n = 0;
	time_t until = now;
	if (rc == 1) {
		n = store_col_int(q, 0);
		if (store_col_is_null(q, 1) || time_parse_utc(store_col_text(q, 1), &until))
			until = now + cfg->lock_seconds;
	}
	store_done(q);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return cn_err_set(err, CN_ERR_INTERNAL, "counting a sign-in attempt returned nothing");
	*left = n > max ? (long)(until > now ? until - now : 1) : 0;
	return n <= max;
}

static int auth_keyed(struct store *db, const char *sql, const char *key, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, key);
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* Takes back the attempt a successful sign-in counted against key. */
static int auth_give_back(struct store *db, const char *key, int max, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_THROTTLE_GIVE_BACK, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, key);
	store_bind_int(q, 2, max);
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* Counts the attempt against the account and the address; refuses it when either is
 * past its ceiling. */
static int auth_throttle(struct store *db, const struct auth_config *cfg, const char *account,
			 const char *addr, time_t now, struct cn_err *err)
{
	long a = 0, b = 0;
	int ok_a = auth_attempt(db, cfg, account, cfg->max_failures, now, &a, err);
	if (ok_a < 0)
		return -1;
	int ok_b = auth_attempt(db, cfg, addr, cfg->max_address_failures, now, &b, err);
	if (ok_b < 0)
		return -1;
	if (ok_a && ok_b)
		return 0;
	long left = a > b ? a : b;
	cn_err_set(err, CN_ERR_THROTTLED, "too many failed sign-ins %s; try again in %ld minute%s",
		   !ok_a ? "for this account" : "from this address", (left + 59) / 60,
		   (left + 59) / 60 == 1 ? "" : "s");
	err->retry_after = left;
	return -1;
}

int auth_sign_in(struct store *db, const struct auth_config *cfg, const char *email,
		 const char *password, const char *client, char session_id[AUTH_SECRET_LEN],
		 struct auth_session *out, struct cn_err *err)
{
	char account[300], addr[100];
	size_t n = (size_t)snprintf(account, sizeof(account), "account:");
	for (size_t i = 0; email[i] != '\0' && n + 1 < sizeof(account); i++) {
		char ch = email[i];
		account[n++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
	}
	account[n] = '\0';
	snprintf(addr, sizeof(addr), "address:%s", client ? client : "unknown");
	time_t now = time(NULL);
	if (auth_throttle(db, cfg, account, addr, now, err))
		return -1;
	int64_t person_id = 0;
	int ok = person_check_password(db, email, password, &person_id, err);
	if (ok < 0)
		return -1;
	if (!ok) /* counted already, as every attempt is */
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "the email or the password is wrong; check both and try again");
	if (store_begin(db, err))
		return -1;
	if (auth_keyed(db, SQL_THROTTLE_CLEAR, account, err) ||
	    auth_give_back(db, addr, cfg->max_address_failures, err) ||
	    auth_sign_in_as(db, cfg, person_id, NULL, session_id, out, err)) {
		store_rollback(db);
		return -1;
	}
	return store_commit(db, err);
}

int auth_sign_in_as(struct store *db, const struct auth_config *cfg, int64_t person_id,
		    const char *how, char session_id[AUTH_SECRET_LEN], struct auth_session *out,
		    struct cn_err *err)
{
	if (store_begin(db, err))
		return -1;
	time_t now = time(NULL);
	char now_s[TIME_ISO_LEN], exp_s[TIME_ISO_LEN];
	time_format_utc(now, now_s);
	time_format_utc(now + cfg->absolute_seconds, exp_s);
	person_secret_new(session_id);
	memset(out, 0, sizeof(*out));
	out->person_id = person_id;
	person_secret_hash(session_id, out->id_hash);
	person_secret_new(out->csrf_token);
	if (auth_keyed(db, SQL_SESSION_PURGE, now_s, err))
		goto fail;
	struct store_stmt *q = store_prepare(db, SQL_SESSION_ADD, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, out->id_hash);
	store_bind_int(q, 2, person_id);
	store_bind_text(q, 3, out->csrf_token);
	store_bind_text(q, 4, now_s);
	store_bind_text(q, 5, exp_s);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	char label[40];
	struct actor who;
	auth_actor(person_id, label, sizeof(label), &who);
	if (audit_record(db, &who, "sign_in", "person", person_id, NULL, how, err))
		goto fail;
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

int auth_session_find(struct store *db, const struct auth_config *cfg, const char *session_id,
		      struct auth_session *out, struct cn_err *err)
{
	if (strlen(session_id) >= AUTH_SECRET_LEN)
		return 0;
	char hash[AUTH_HASH_LEN];
	person_secret_hash(session_id, hash);
	struct store_stmt *q = store_prepare(db, SQL_SESSION_GET, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, hash);
	int rc = store_step(q, err);
	time_t now = time(NULL), expires = 0, seen = 0;
	if (rc == 1) {
		out->stale = 0;
		out->person_id = store_col_int(q, 0);
		snprintf(out->csrf_token, sizeof(out->csrf_token), "%s", store_col_text(q, 1));
		snprintf(out->id_hash, sizeof(out->id_hash), "%s", hash);
		if (time_parse_utc(store_col_text(q, 2), &expires) || time_parse_utc(store_col_text(q, 3), &seen))
			expires = 0;
	}
	store_done(q);
	if (rc <= 0)
		return rc;
	if (now >= expires || now - seen >= cfg->idle_seconds)
		return 0;
	out->stale = now - seen >= 60;
	return 1;
}

int auth_session_touch(struct store *db, const struct auth_session *s, struct cn_err *err)
{
	char now_s[TIME_ISO_LEN];
	time_now_utc(now_s);
	struct store_stmt *q = store_prepare(db, SQL_SESSION_TOUCH, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, now_s);
	store_bind_text(q, 2, s->id_hash);
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int auth_sign_out(struct store *db, const struct auth_session *s, struct cn_err *err)
{
	if (store_begin(db, err))
		return -1;
	char label[40];
	struct actor who;
	auth_actor(s->person_id, label, sizeof(label), &who);
	if (auth_keyed(db, SQL_SESSION_DELETE, s->id_hash, err) ||
	    audit_record(db, &who, "sign_out", "person", s->person_id, NULL, NULL, err)) {
		store_rollback(db);
		return -1;
	}
	return store_commit(db, err);
}

int auth_csrf_ok(const struct auth_session *s, const char *given)
{
	size_t n = strlen(s->csrf_token);
	if (given == NULL || n == 0 || strlen(given) != n)
		return 0;
	return sodium_memcmp(s->csrf_token, given, n) == 0;
}
