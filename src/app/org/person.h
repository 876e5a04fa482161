/* person: people (user accounts), their roles in organizations (memberships are in
 * membership.h; DESIGN §5), passwords and bearer tokens. */
#ifndef CN_PERSON_H
#define CN_PERSON_H
#include <stdint.h>

#include "app/record.h"

extern const struct rec_entity person_entity;

enum { PERSON_PASSWORD_MIN = 10, PERSON_PASSWORD_MAX = 256 };

/* Finds a person by email (any case): 1 found (*id set), 0 not, -1 error. */
int person_find_email(struct store *db, const char *email, int64_t *id, struct cn_err *err);
int person_find_sourced(struct store *db, const char *sourced_id, int64_t *id,
			struct cn_err *err);
/* Adds person p (as rec_create: p->id set) and, when given, their membership m
 * (person_id set here) and password, all or none in one transaction, so that a person
 * is never left half made (without the role or password asked for). m and password
 * may be NULL. Errors name the field (org_id, role, password, ...). */
int person_create(struct store *db, const struct actor *who, struct arena *a, struct rec *p,
		  struct rec *m, const char *password, struct cn_err *err);
/* Sets the password (argon2id through libsodium) and ends every session of the person;
 * audited without the secret. */
int person_set_password(struct store *db, const struct actor *who, int64_t person_id,
			const char *password, struct cn_err *err);
/* 1 if password matches the person's (active, with a password), 0 if not, -1 error.
 * Takes about the same time whether or not the person exists. */
int person_check_password(struct store *db, const char *email, const char *password,
			  int64_t *person_id, struct cn_err *err);
/* Creates a bearer token for the API for person_id. *token gets the secret (shown
 * once, stored only hashed) allocated in a; *token_id its id. (Calendar subscriptions
 * have their own tokens: app/network/calendar_token.h.) */
int person_token_create(struct store *db, const struct actor *who, struct arena *a,
			int64_t person_id, const char *name, char **token, int64_t *token_id,
			struct cn_err *err);
/* The person a live API token belongs to: 1 found, 0 unknown or revoked, -1 error. */
int person_token_check(struct store *db, const char *token, int64_t *person_id,
		       int64_t *token_id, struct cn_err *err);
int person_token_revoke(struct store *db, const struct actor *who, int64_t token_id,
			struct cn_err *err);
/* Whether person_id is of district_id for the work of network_id: an active membership
 * in the district or one of its schools, or a facilitator of the network (by
 * network_facilitator, or an active facilitator membership in the organization that
 * runs it). A seat on a team counts for nothing. The one rule for a team's members
 * (app/network/network.c) and for the people a district's records name. 1 yes, 0 no, -1 error. */
int person_of_district(struct store *db, int64_t person_id, int64_t district_id,
		       int64_t network_id, struct cn_err *err);
/* Reads at once whether each member of each team of network_id is of the team's
 * district: person_of_district then answers for them without a statement each, until
 * the transaction ends (store_answer_load). */
int person_of_district_read_all(struct store *db, int64_t network_id, struct cn_err *err);
/* The person a district's record names (a plan action's owner, a PD session's
 * facilitator, a walkthrough's observer) is someone of that district, so that no
 * record of one district speaks for, or shows the name of, a person of another
 * (person_of_district). Checked when field of r names a person anew (other than old's,
 * old NULL on create); 0 when it holds or field is null, else -1 with CN_ERR_INPUT
 * naming field. The record engine has checked before that the actor may read the
 * person named. */
int person_check_of_district(struct store *db, const struct rec *r, const struct rec *old,
			     const char *field, int64_t district_id, int64_t network_id,
			     struct cn_err *err);
/* Hex SHA-256 of a secret, as stored for tokens and session ids (65 bytes). */
void person_secret_hash(const char *secret, char out[65]);
/* A fresh random secret: 32 bytes as base64url without padding (44 bytes). */
void person_secret_new(char out[48]);

#endif
