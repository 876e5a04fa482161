/* calendar_token: calendar subscription tokens (calendar_token.h). */
#include "app/network/calendar_token.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/network/calendar.h"
#include "app/network/network.h"
#include "app/org/person.h"
#include "app/access/policy.h"
#include "core/timeutil.h"
#include "app/network/team.h"

enum { CALENDAR_TOKEN_MAX = 128 };

#define CALENDAR_TOKEN_COLS                                                                     \
	"SELECT c.id, c.person_id, COALESCE(c.network_id, 0), COALESCE(c.team_id, 0),"         \
	" COALESCE(n.name, t.name), c.created_at, c.revoked_at FROM calendar_token c"           \
	" LEFT JOIN network n ON n.id = c.network_id LEFT JOIN team t ON t.id = c.team_id"

static const char SQL_ADD[] =
	"INSERT INTO calendar_token (token_hash, person_id, network_id, team_id, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
static const char SQL_GET[] = CALENDAR_TOKEN_COLS " WHERE c.id = ?1";
static const char SQL_LIST[] =
	CALENDAR_TOKEN_COLS " WHERE (?1 = 0 OR c.person_id = ?1) ORDER BY c.id DESC";
static const char SQL_FIND[] =
	CALENDAR_TOKEN_COLS " JOIN person p ON p.id = c.person_id AND p.active = 1"
	" WHERE c.token_hash = ?1 AND c.revoked_at IS NULL";
static const char SQL_REVOKE[] =
	"UPDATE calendar_token SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL";

static void calendar_token_row(struct store_stmt *q, struct arena *a, struct calendar_token *t)
{
	t->id = store_col_int(q, 0);
	t->person_id = store_col_int(q, 1);
	t->network_id = store_col_int(q, 2);
	t->team_id = store_col_int(q, 3);
	t->scope = t->network_id != 0 ? "network" : "team";
	t->name = store_col_dup(q, 4, a);
	t->created_at = store_col_dup(q, 5, a);
	t->revoked_at = store_col_dup(q, 6, a);
}

/* The one row sql finds for key (an id or a hash): 1, 0 none, -1 error. */
static int calendar_token_one(struct store *db, struct arena *a, const char *sql, int64_t id,
			      const char *hash, struct calendar_token *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	if (hash != NULL)
		store_bind_text(q, 1, hash);
	else
		store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	if (rc == 1)
		calendar_token_row(q, a, out);
	store_done(q);
	return rc;
}

/* Whether the token's creator may still read its network or team: 1, 0, -1. */
static int calendar_token_allowed(struct store *db, struct arena *a,
				  const struct calendar_token *t, struct cn_err *err)
{
	struct actor creator = {.person_id = t->person_id, .label = "calendar"};
	struct policy *p = policy_new(a, db, &creator);
	const struct rec_entity *e = t->network_id ? &network_entity : &team_entity;
	struct rec *r = NULL;
	if (rec_get(db, a, e, t->network_id ? t->network_id : t->team_id, &r, err))
		return -1;
	if (policy_check(p, POLICY_READ, e->name, r, err) == 0)
		return 1;
	if (err->kind != CN_ERR_FORBIDDEN)
		return -1;
	cn_err_clear(err);
	return 0;
}

int calendar_token_create(struct store *db, const struct actor *who, struct arena *a,
			  int64_t person_id, int64_t network_id, int64_t team_id, char **secret,
			  struct calendar_token *out, struct cn_err *err)
{
	if ((network_id != 0) == (team_id != 0))
		return cn_err_field(err, CN_ERR_INPUT, network_id ? "team_id" : "network_id",
				    "give exactly one of network_id (its meetings) and team_id "
				    "(its PD sessions)");
	struct rec *r = NULL;
	if (rec_get(db, a, &person_entity, person_id, &r, err))
		return -1;
	struct calendar_token want = {.person_id = person_id, .network_id = network_id,
				      .team_id = team_id};
	int may = calendar_token_allowed(db, a, &want, err);
	if (may < 0 && err->kind != CN_ERR_NOT_FOUND)
		return -1;
	if (may <= 0)
		return cn_err_field(err, CN_ERR_NOT_FOUND, network_id ? "network_id" : "team_id",
				    "there is no %s with id %lld that person %lld may read; a "
				    "calendar shows only what its creator may see",
				    network_id ? "network" : "team",
				    (long long)(network_id ? network_id : team_id),
				    (long long)person_id);
	char token[48], hash[65], now[TIME_ISO_LEN];
	person_secret_new(token);
	person_secret_hash(token, hash);
	time_now_utc(now);
	if (store_begin(db, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_ADD, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, hash);
	store_bind_int(q, 2, person_id);
	store_bind_id(q, 3, network_id);
	store_bind_id(q, 4, team_id);
	store_bind_text(q, 5, now);
	int rc = store_step(q, err);
	int64_t id = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc != 1)
		goto fail;
	char after[160];
	snprintf(after, sizeof(after), "{\"person_id\":%lld,\"%s\":%lld}", (long long)person_id,
		 network_id ? "network_id" : "team_id",
		 (long long)(network_id ? network_id : team_id));
	if (audit_record(db, who, "create", "calendar_token", id, NULL, after, err))
		goto fail;
	if (store_commit(db, err))
		return -1;
	*secret = arena_strdup(a, token);
	if (out != NULL)
		return calendar_token_get(db, a, id, out, err);
	return 0;
fail:
	store_rollback(db);
	return -1;
}

int calendar_token_list(struct store *db, struct arena *a, int64_t person_id,
			struct calendar_token **out, size_t *n, struct cn_err *err)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	struct store_stmt *q = store_prepare(db, SQL_LIST, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, person_id);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		*out = arena_grow(a, *out, sizeof(**out), *n, &cap);
		calendar_token_row(q, a, &(*out)[(*n)++]);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int calendar_token_get(struct store *db, struct arena *a, int64_t id, struct calendar_token *out,
		       struct cn_err *err)
{
	int rc = calendar_token_one(db, a, SQL_GET, id, NULL, out, err);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no calendar token with id %lld",
				  (long long)id);
	return rc < 0 ? -1 : 0;
}

int calendar_token_revoke(struct store *db, const struct actor *who, int64_t id,
			  struct cn_err *err)
{
	return audit_revoke(db, who, SQL_REVOKE, "calendar_token", "calendar token", id, err);
}

int calendar_token_feed(struct store *db, struct arena *a, const char *token, struct buf *out,
			struct cn_err *err)
{
	size_t n = strlen(token);
	if (n > 4 && strcmp(token + n - 4, ".ics") == 0)
		n -= 4;
	struct calendar_token t = {0};
	int rc = 0;
	if (n > 0 && n <= CALENDAR_TOKEN_MAX) {
		char hash[65];
		person_secret_hash(arena_strndup(a, token, n), hash);
		rc = calendar_token_one(db, a, SQL_FIND, 0, hash, &t, err);
		if (rc == 1)
			rc = calendar_token_allowed(db, a, &t, err);
	}
	if (rc < 0)
		return -1;
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND,
				  "there is no calendar at this address; it may have been revoked");
	struct ical_calendar cal;
	if (t.network_id ? calendar_network(db, a, t.network_id, &cal, err)
			 : calendar_team(db, a, t.team_id, &cal, err))
		return -1;
	return ical_write(&cal, out, err);
}

const char *calendar_token_path(struct arena *a, const char *secret)
{
	return arena_printf(a, "/calendar/%s.ics", secret);
}

void calendar_token_fields_json(struct jw *w, const struct calendar_token *t)
{
	jw_kv_int(w, "id", t->id);
	jw_kv_int(w, "person_id", t->person_id);
	jw_kv_str(w, "scope", t->scope);
	jw_kv_id(w, "network_id", t->network_id);
	jw_kv_id(w, "team_id", t->team_id);
	jw_kv_str(w, "name", t->name);
	jw_kv_str(w, "created_at", t->created_at);
	jw_kv_str(w, "revoked_at", t->revoked_at);
}

void calendar_token_json(struct jw *w, const struct calendar_token *t)
{
	jw_obj_begin(w);
	calendar_token_fields_json(w, t);
	jw_obj_end(w);
}
