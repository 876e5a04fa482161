/* auth: sessions and throttling. A failed sign-in counts against both the account
 * (its email) and the client address, in table login_throttle, so several processes
 * share the count; over its limit (a few for an account, many for an address, which
 * a whole office or everyone behind a proxy may share), sign-in is refused until the
 * lock ends. */
#include "app/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/person.h"
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
static const char SQL_THROTTLE_GET[] =
	"SELECT failures, window_start, locked_until FROM login_throttle WHERE key = ?1";
static const char SQL_THROTTLE_PUT[] =
	"INSERT INTO login_throttle (key, failures, window_start, locked_until)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,"
	" window_start = excluded.window_start, locked_until = excluded.locked_until";
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

/* Seconds until key's lock ends (0 = not locked), or -1 on error. */
static long auth_locked_for(struct store *db, const char *key, time_t now, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_THROTTLE_GET, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, key);
	int rc = store_step(q, err);
	long left = 0;
	time_t until;
	if (rc == 1 && !store_col_is_null(q, 2) && time_parse_utc(store_col_text(q, 2), &until) == 0 &&
	    until > now)
		left = (long)(until - now);
	store_done(q);
	return rc < 0 ? -1 : left;
}

/* Counts one failure against key, locked once it has max failures in the window. */
static int auth_fail(struct store *db, const struct auth_config *cfg, const char *key, int max,
		     time_t now, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_THROTTLE_GET, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, key);
	int rc = store_step(q, err);
	int64_t failures = 0;
	time_t start = now;
	if (rc == 1) {
		time_t t;
		failures = store_col_int(q, 0);
		if (time_parse_utc(store_col_text(q, 1), &t) == 0 && now - t < cfg->window_seconds)
			start = t;
		else
			failures = 0;
	}
	store_done(q);
	if (rc < 0)
		return -1;
	failures++;
	char start_s[TIME_ISO_LEN], until_s[TIME_ISO_LEN];
	time_format_utc(start, start_s);
	time_format_utc(now + cfg->lock_seconds, until_s);
	q = store_prepare(db, SQL_THROTTLE_PUT, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, key);
	store_bind_int(q, 2, failures);
	store_bind_text(q, 3, start_s);
	store_bind_text(q, 4, failures >= max ? until_s : NULL);
	rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
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

/* Refuses when the account or the address is locked. */
static int auth_check_throttle(struct store *db, const char *account, const char *addr, time_t now,
			       int *retry_after, struct cn_err *err)
{
	long a = auth_locked_for(db, account, now, err);
	if (a < 0)
		return -1;
	long b = auth_locked_for(db, addr, now, err);
	if (b < 0)
		return -1;
	long left = a > b ? a : b;
	if (left == 0)
		return 0;
	*retry_after = (int)left;
	return cn_err_set(err, CN_ERR_THROTTLED,
			  "too many failed sign-ins %s; try again in %ld minute%s",
			  a > 0 ? "for this account" : "from this address", (left + 59) / 60,
			  (left + 59) / 60 == 1 ? "" : "s");
}

int auth_sign_in(struct store *db, const struct auth_config *cfg, const char *email,
		 const char *password, const char *client, char session_id[AUTH_SECRET_LEN],
		 struct auth_session *out, int *retry_after, struct cn_err *err)
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
	if (auth_check_throttle(db, account, addr, now, retry_after, err))
		return -1;
	int64_t person_id = 0;
	int ok = person_check_password(db, email, password, &person_id, err);
	if (ok < 0)
		return -1;
	if (store_begin(db, err))
		return -1;
	if (!ok) {
		if (auth_fail(db, cfg, account, cfg->max_failures, now, err) ||
		    auth_fail(db, cfg, addr, cfg->max_address_failures, now, err))
			goto fail;
		if (store_commit(db, err))
			return -1;
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "the email or the password is wrong; check both and try again");
	}
	char now_s[TIME_ISO_LEN], exp_s[TIME_ISO_LEN];
	time_format_utc(now, now_s);
	time_format_utc(now + cfg->absolute_seconds, exp_s);
	person_secret_new(session_id);
	memset(out, 0, sizeof(*out));
	out->person_id = person_id;
	person_secret_hash(session_id, out->id_hash);
	person_secret_new(out->csrf_token);
	if (auth_keyed(db, SQL_THROTTLE_CLEAR, account, err) ||
	    auth_keyed(db, SQL_SESSION_PURGE, now_s, err))
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
	if (audit_record(db, &who, "sign_in", "person", person_id, NULL, NULL, err))
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
