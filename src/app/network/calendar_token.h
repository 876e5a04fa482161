/* calendar_token: calendar subscriptions (issue 5, "a subscription URL with its own
 * revocable token"). A person makes a token for the feed of one network (its meetings)
 * or one team (its PD sessions); the token alone opens the feed at
 * /calendar/TOKEN.ics, for calendar programs that cannot sign in. The token is shown
 * once and stored only as a hash (as bearer tokens are, app/org/person.h); it works until
 * it is revoked, and only while its creator may still read the network or team, so a
 * person who leaves a team stops sharing its calendar without anyone remembering to
 * revoke. Creating and revoking are audited. */
#ifndef CN_CALENDAR_TOKEN_H
#define CN_CALENDAR_TOKEN_H
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"
#include "store/store.h"

struct calendar_token {
	int64_t id;
	int64_t person_id;  /* who made it */
	int64_t network_id; /* exactly one of network_id and team_id is set */
	int64_t team_id;
	const char *scope;  /* "network" or "team" */
	const char *name;   /* the network's or the team's name */
	const char *created_at;
	const char *revoked_at; /* NULL while live */
};

/* Makes a token for person_id for the feed of network_id or team_id (exactly one not
 * 0; fields "network_id" / "team_id" name what is wrong or missing, or, with
 * CN_ERR_NOT_FOUND, one that is absent or the person may not read). *secret gets the
 * token (in a; shown once), *out (may be NULL) the stored record. Audited. */
int calendar_token_create(struct store *db, const struct actor *who, struct arena *a,
			  int64_t person_id, int64_t network_id, int64_t team_id, char **secret,
			  struct calendar_token *out, struct cn_err *err);
/* The tokens made by person_id (0: everyone's), newest first, live and revoked, in a. */
int calendar_token_list(struct store *db, struct arena *a, int64_t person_id,
			struct calendar_token **out, size_t *n, struct cn_err *err);
/* One token by id (CN_ERR_NOT_FOUND if none), in a. */
int calendar_token_get(struct store *db, struct arena *a, int64_t id, struct calendar_token *out,
		       struct cn_err *err);
/* Revokes a live token; CN_ERR_NOT_FOUND when there is no live token with that id.
 * Audited. */
int calendar_token_revoke(struct store *db, const struct actor *who, int64_t id,
			  struct cn_err *err);

/* The iCalendar feed (RFC 5545) that token opens, written to out; the token may end in
 * ".ics". CN_ERR_NOT_FOUND (saying nothing more) for an unknown or revoked token, or
 * one whose creator may no longer read its network or team. Temporary memory in a. */
int calendar_token_feed(struct store *db, struct arena *a, const char *token, struct buf *out,
			struct cn_err *err);

/* "/calendar/TOKEN.ics", in a. */
const char *calendar_token_path(struct arena *a, const char *secret);
/* {"id","person_id","scope","network_id","team_id","name","created_at","revoked_at"} */
void calendar_token_json(struct jw *w, const struct calendar_token *t);
/* The same members, inside an object the caller has begun. */
void calendar_token_fields_json(struct jw *w, const struct calendar_token *t);

#endif
