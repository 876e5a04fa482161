/* person: people, passwords and tokens. Secrets never reach the audit
 * log or the database in the clear: passwords are argon2id hashes, tokens SHA-256. */
#include "app/org/person.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/org/org.h"
#include "core/timeutil.h"
#include "core/utf8.h"

static const struct rec_field person_fields[] = {
	{.name = "given_name", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 100,
	 .help = "first name"},
	{.name = "family_name", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 100,
	 .help = "last name"},
	{.name = "email", .type = REC_EMAIL, .help = "sign-in address; unique"},
	{.name = "username", .type = REC_TEXT, .max = 100, .help = "the district's user name"},
	{.name = "active", .type = REC_BOOL, .def = "true",
	 .help = "false stops sign-in; history stays"},
	{.name = "sourced_id", .type = REC_TEXT, .flags = REC_READONLY, .max = 255,
	 .help = "the OneRoster sourcedId it was imported from"},
};

static const struct rec_filter person_filters[] = {
	{.name = "q", .type = REC_TEXT,
	 .where = "given_name || ' ' || family_name LIKE '%' || ? || '%'"
		  " OR email LIKE '%' || ? || '%'",
	 .help = "name or email contains this text"},
	{.name = "org_id", .type = REC_REF,
	 .where = "EXISTS (SELECT 1 FROM membership m WHERE m.person_id = person.id"
		  " AND m.org_id = ? AND m.active = 1)",
	 .help = "members of this organization"},
	{.name = "active", .type = REC_BOOL, .help = "only active (true) or inactive (false)"},
};

static const char SQL_PERSON_BY_EMAIL[] = "SELECT id FROM person WHERE email = ?1";
static const char SQL_PERSON_BY_SOURCED[] = "SELECT id FROM person WHERE sourced_id = ?1";
static const char SQL_PERSON_SET_PASSWORD[] =
	"UPDATE person SET password_hash = ?1, updated_at = ?2, version = version + 1"
	" WHERE id = ?3";
/* Deactivating a person or changing their password ends every session of theirs:
 * whoever knew the old password is out. */
static const char SQL_PERSON_END_SESSIONS[] = "DELETE FROM auth_session WHERE person_id = ?1";
static const char SQL_PERSON_PASSWORD[] =
	"SELECT id, password_hash FROM person WHERE email = ?1 AND active = 1";

static int person_find(struct store *db, const char *sql, const char *key, int64_t *id,
		       struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, key);
	int rc = store_step(q, err);
	if (rc == 1)
		*id = store_col_int(q, 0);
	store_done(q);
	return rc;
}

int person_find_email(struct store *db, const char *email, int64_t *id, struct cn_err *err)
{
	char lower[256];
	size_t n = strlen(email);
	if (n >= sizeof(lower))
		return 0;
	for (size_t i = 0; i <= n; i++)
		lower[i] = (char)((email[i] >= 'A' && email[i] <= 'Z') ? email[i] + 32 : email[i]);
	return person_find(db, SQL_PERSON_BY_EMAIL, lower, id, err);
}

int person_find_sourced(struct store *db, const char *sourced_id, int64_t *id,
			struct cn_err *err)
{
	return person_find(db, SQL_PERSON_BY_SOURCED, sourced_id, id, err);
}

static int person_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
			struct cn_err *err)
{
	(void)a, (void)old;
	const char *email = rec_text(r, "email");
	if (email == NULL)
		return 0;
	int64_t other = 0;
	int rc = person_find_email(db, email, &other, err);
	if (rc < 0)
		return -1;
	if (rc == 1 && other != r->id)
		return cn_err_field(err, CN_ERR_CONFLICT, "email",
				    "%s is already the address of person %lld", email,
				    (long long)other);
	return 0;
}

/* A deactivated person's sessions end with the change, so that reactivating them later
 * does not bring old sessions back. (Sign-in, sessions and tokens also check that the
 * person is active.) */
static int person_after_write(struct store *db, struct arena *a, const struct rec *saved,
			      struct cn_err *err)
{
	(void)a;
	if (rec_int(saved, "active"))
		return 0;
	struct store_stmt *q = store_prepare(db, SQL_PERSON_END_SESSIONS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, saved->id);
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

const struct rec_entity person_entity = {
	.name = "person",
	.plural = "people",
	.title = "person",
	.fields = person_fields,
	.nfields = sizeof(person_fields) / sizeof(person_fields[0]),
	.filters = person_filters,
	.nfilters = sizeof(person_filters) / sizeof(person_filters[0]),
	.table = "person",
	.check = person_check,
	.after_write = person_after_write,
};

static int person_password_ok(const char *password, struct cn_err *err)
{
	size_t n = strlen(password);
	if (!utf8_valid(password, n, NULL))
		return cn_err_field(err, CN_ERR_INPUT, "password", "is not valid UTF-8 text");
	size_t chars = utf8_length(password, n);
	if (chars < PERSON_PASSWORD_MIN)
		return cn_err_field(err, CN_ERR_INPUT, "password",
				    "is %zu characters; use at least %d (a short sentence works)",
				    chars, PERSON_PASSWORD_MIN);
	if (n > PERSON_PASSWORD_MAX)
		return cn_err_field(err, CN_ERR_INPUT, "password", "is longer than %d bytes",
				    PERSON_PASSWORD_MAX);
	return 0;
}

static int person_sodium(struct cn_err *err)
{
	if (sodium_init() < 0)
		return cn_err_set(err, CN_ERR_INTERNAL, "libsodium could not start");
	return 0;
}

int person_set_password(struct store *db, const struct actor *who, int64_t person_id,
			const char *password, struct cn_err *err)
{
	if (person_password_ok(password, err) || person_sodium(err))
		return -1;
	char hash[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return cn_err_set(err, CN_ERR_INTERNAL, "out of memory hashing the password");
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	if (store_begin(db, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_PERSON_SET_PASSWORD, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, hash);
	store_bind_text(q, 2, now);
	store_bind_int(q, 3, person_id);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (store_changes(db) != 1) {
		cn_err_set(err, CN_ERR_NOT_FOUND, "there is no person with id %lld",
			   (long long)person_id);
		goto fail;
	}
	q = store_prepare(db, SQL_PERSON_END_SESSIONS, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, person_id);
	rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (audit_record(db, who, "update", "person", person_id, NULL,
			 "{\"password\":\"changed\",\"sessions\":\"ended\"}", err))
		goto fail;
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

int person_create(struct store *db, const struct actor *who, struct arena *a, struct rec *p,
		  struct rec *m, const char *password, struct cn_err *err)
{
	if (store_begin(db, err))
		return -1;
	if (rec_create(db, who, a, p, err))
		goto fail;
	if (m != NULL &&
	    (rec_put_int(m, "person_id", p->id, err) || rec_create(db, who, a, m, err)))
		goto fail;
	if (password != NULL && person_set_password(db, who, p->id, password, err))
		goto fail;
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

/* A hash checked for unknown people, so that timing does not reveal who exists. */
static char person_dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t person_dummy_once = PTHREAD_ONCE_INIT;

static void person_dummy_init(void)
{
	char secret[48];
	person_secret_new(secret);
	if (crypto_pwhash_str(person_dummy_hash, secret, strlen(secret),
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		abort();
}

int person_check_password(struct store *db, const char *email, const char *password,
			  int64_t *person_id, struct cn_err *err)
{
	if (person_sodium(err))
		return -1;
	pthread_once(&person_dummy_once, person_dummy_init);
	char hash[crypto_pwhash_STRBYTES] = "";
	int64_t id = 0;
	char lower[256];
	size_t n = strlen(email);
	if (n < sizeof(lower)) {
		for (size_t i = 0; i <= n; i++)
			lower[i] = (char)((email[i] >= 'A' && email[i] <= 'Z') ? email[i] + 32
										: email[i]);
		struct store_stmt *q = store_prepare(db, SQL_PERSON_PASSWORD, err);
		if (q == NULL)
			return -1;
		store_bind_text(q, 1, lower);
		int rc = store_step(q, err);
		if (rc == 1 && !store_col_is_null(q, 1)) {
			id = store_col_int(q, 0);
			snprintf(hash, sizeof(hash), "%s", store_col_text(q, 1));
		}
		store_done(q);
		if (rc < 0)
			return -1;
	}
	size_t plen = strlen(password);
	if (plen > PERSON_PASSWORD_MAX)
		plen = PERSON_PASSWORD_MAX;
	int ok = crypto_pwhash_str_verify(id ? hash : person_dummy_hash, password, plen) == 0;
	if (!ok || id == 0)
		return 0;
	*person_id = id;
	return 1;
}

void person_secret_hash(const char *secret, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)secret, strlen(secret));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void person_secret_new(char out[48])
{
	unsigned char raw[32];
	if (sodium_init() < 0)
		abort();
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, 48, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static const char SQL_TOKEN_ADD[] =
	"INSERT INTO api_token (person_id, token_hash, name, created_at)"
	" VALUES (?1, ?2, ?3, ?4) RETURNING id";
static const char SQL_TOKEN_CHECK[] =
	"SELECT t.id, t.person_id FROM api_token t JOIN person p ON p.id = t.person_id"
	" WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND p.active = 1";
static const char SQL_TOKEN_REVOKE[] =
	"UPDATE api_token SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL";

int person_token_create(struct store *db, const struct actor *who, struct arena *a,
			int64_t person_id, const char *name, char **token, int64_t *token_id,
			struct cn_err *err)
{
	char secret[48], hash[65], now[TIME_ISO_LEN];
	person_secret_new(secret);
	person_secret_hash(secret, hash);
	time_now_utc(now);
	if (store_begin(db, err))
		return -1;
	struct rec *p = NULL;
	if (rec_get(db, a, &person_entity, person_id, &p, err))
		goto fail;
	struct store_stmt *q = store_prepare(db, SQL_TOKEN_ADD, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, person_id);
	store_bind_text(q, 2, hash);
	store_bind_text(q, 3, name);
	store_bind_text(q, 4, now);
	int rc = store_step(q, err);
	int64_t id = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc != 1)
		goto fail;
	char after[160];
	snprintf(after, sizeof(after), "{\"person_id\":%lld}", (long long)person_id);
	if (audit_record(db, who, "create", "api_token", id, NULL, after, err))
		goto fail;
	if (store_commit(db, err))
		return -1;
	*token = arena_strdup(a, secret);
	if (token_id != NULL)
		*token_id = id;
	return 0;
fail:
	store_rollback(db);
	return -1;
}

int person_token_check(struct store *db, const char *token, int64_t *person_id,
		       int64_t *token_id, struct cn_err *err)
{
	char hash[65];
	if (strlen(token) > 128)
		return 0;
	person_secret_hash(token, hash);
	struct store_stmt *q = store_prepare(db, SQL_TOKEN_CHECK, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, hash);
	int rc = store_step(q, err);
	if (rc == 1) {
		if (token_id != NULL)
			*token_id = store_col_int(q, 0);
		*person_id = store_col_int(q, 1);
	}
	store_done(q);
	return rc;
}

int person_token_revoke(struct store *db, const struct actor *who, int64_t token_id,
			struct cn_err *err)
{
	return audit_revoke(db, who, SQL_TOKEN_REVOKE, "api_token", "token", token_id, err);
}

/* The one rule of who is of a district for a network's work (person_of_district). */
static const char SQL_PERSON_OF_DISTRICT[] =
	"SELECT CASE WHEN EXISTS (SELECT 1 FROM membership m JOIN organization o ON o.id = m.org_id"
	"  WHERE m.person_id = ?1 AND m.active = 1"
	"  AND (o.id = ?2 OR (o.kind = 'school' AND o.parent_id = ?2)"
	"  OR (m.role = 'facilitator' AND o.id = (SELECT region_id FROM network WHERE id = ?3))))"
	" OR EXISTS (SELECT 1 FROM network_facilitator WHERE person_id = ?1 AND network_id = ?3)"
	" THEN 1 ELSE 0 END";

/* SQL_PERSON_OF_DISTRICT for every member of every team of network ?1 (an answer set,
 * store_answer_load): keyed by person, the team's district and network. */
static const char SET_PERSON_OF_DISTRICT[] =
	"SELECT m.person_id, t.district_id, t.network_id, 1,"
	" CASE WHEN EXISTS (SELECT 1 FROM membership x JOIN organization o ON o.id = x.org_id"
	"  WHERE x.person_id = m.person_id AND x.active = 1"
	"  AND (o.id = t.district_id OR (o.kind = 'school' AND o.parent_id = t.district_id)"
	"  OR (x.role = 'facilitator' AND o.id = (SELECT region_id FROM network WHERE id = t.network_id))))"
	" OR EXISTS (SELECT 1 FROM network_facilitator f WHERE f.person_id = m.person_id"
	"  AND f.network_id = t.network_id)"
	" THEN 1 ELSE 0 END"
	" FROM team t JOIN team_member m ON m.team_id = t.id WHERE t.network_id = ?1";

int person_of_district_read_all(struct store *db, int64_t network_id, struct cn_err *err)
{
	return store_answer_load(db, SQL_PERSON_OF_DISTRICT, 3, SET_PERSON_OF_DISTRICT, &network_id,
				 1, err);
}

int person_of_district(struct store *db, int64_t person_id, int64_t district_id,
		       int64_t network_id, struct cn_err *err)
{
	int64_t params[3] = {person_id, district_id, network_id}, n = 0;
	if (store_query_int(db, SQL_PERSON_OF_DISTRICT, params, 3, &n, err) < 0)
		return -1;
	return n != 0;
}

int person_check_of_district(struct store *db, const struct rec *r, const struct rec *old,
			     const char *field, int64_t district_id, int64_t network_id,
			     struct cn_err *err)
{
	int64_t person = rec_int(r, field);
	if (person == 0 || (old != NULL && rec_int(old, field) == person))
		return 0;
	int of = person_of_district(db, person, district_id, network_id, err);
	if (of < 0)
		return -1;
	if (of == 0)
		return cn_err_field(err, CN_ERR_INPUT, field,
				    "person %lld is not of this %s's district; name an active "
				    "member of the district (or of one of its schools) or a "
				    "facilitator of the network",
				    (long long)person, r->entity->title);
	return 0;
}
