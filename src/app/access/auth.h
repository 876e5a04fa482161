/* auth: signing in and out, sessions and sign-in throttling. Sessions live in the
 * database (table auth_session) so that any capnet process can serve any request; the
 * session id is a random secret known only to the client and stored hashed. Nothing
 * here knows about HTTP: the server turns cookies and headers into these calls, and
 * web pages will share them. */
#ifndef CN_AUTH_H
#define CN_AUTH_H
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

struct auth_config {
	int idle_seconds;     /* a session unused this long ends (default 2 hours) */
	int absolute_seconds; /* a session ends this long after sign-in (default 12 hours) */
	int max_failures;     /* failed sign-ins allowed per window for one account (default 5) */
	int max_address_failures; /* ... from one client address (default 100): many people
				   * may share one (an office's network, a proxy) */
	int window_seconds;   /* the counting window (default 15 minutes) */
	int lock_seconds;     /* how long sign-in is refused once over (default 15 minutes) */
};

/* The defaults above. */
void auth_config_default(struct auth_config *cfg);

enum { AUTH_SECRET_LEN = 48, AUTH_HASH_LEN = 65 };

/* A live session, as found from its secret. */
struct auth_session {
	int64_t person_id;
	char id_hash[AUTH_HASH_LEN];
	char csrf_token[AUTH_SECRET_LEN];
	int stale; /* its last use is over a minute old: auth_session_touch it */
};

/* Signs a person in with email and password from client (an address, for throttling).
 * On success fills session_id (the secret for the cookie; shown once) and *out, and
 * records a sign_in audit event. Wrong credentials: CN_ERR_UNAUTHENTICATED; too many
 * recent failures for the account (max_failures) or from the address (the much higher
 * max_address_failures, so that made-up emails sent from one address do not lock out
 * everybody else there): CN_ERR_THROTTLED with err->retry_after set. Every attempt is
 * counted before the password is checked, so that attempts made at once are refused
 * past the limit too. Every call that is not refused takes about the same time whether
 * or not the email exists. */
int auth_sign_in(struct store *db, const struct auth_config *cfg, const char *email,
		 const char *password, const char *client, char session_id[AUTH_SECRET_LEN],
		 struct auth_session *out, struct cn_err *err);

/* Starts a session for person_id, whom a caller has already identified (a sign-in
 * provider vouched for them; auth_sign_in after the password): fills session_id and
 * *out as auth_sign_in does and records a sign_in audit event whose "after" is how
 * (JSON text saying how they signed in, or NULL). Inside the caller's transaction when
 * there is one. The caller checks that the person is active. */
int auth_sign_in_as(struct store *db, const struct auth_config *cfg, int64_t person_id,
		    const char *how, char session_id[AUTH_SECRET_LEN], struct auth_session *out,
		    struct cn_err *err);

/* Looks a session secret up: 1 live (*out filled), 0 unknown or expired, -1 error.
 * Only reads, so that it can share a request's read transaction. */
int auth_session_find(struct store *db, const struct auth_config *cfg, const char *session_id,
		      struct auth_session *out, struct cn_err *err);
/* Records that a session found stale (s->stale) was used now, which keeps it from
 * expiring while idle; refreshed at most once a minute so reads do not become writes. */
int auth_session_touch(struct store *db, const struct auth_session *s, struct cn_err *err);

/* Ends the session whose hash is id_hash (from auth_session_find), audited. */
int auth_sign_out(struct store *db, const struct auth_session *s, struct cn_err *err);

/* 1 if the CSRF token given by a client matches the session's, in constant time. */
int auth_csrf_ok(const struct auth_session *s, const char *given);

#endif
