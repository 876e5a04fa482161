/* account: people getting in by themselves (DESIGN §4, Sign-in). An invitation makes
 * the person (with a first role) and mails a one-time link to a page where they set a
 * password; a forgotten password is reset the same way. A link's secret is shown only
 * in the message and stored hashed; it is used once, and a newer link of the same kind
 * replaces it. Every step is audited; the messages go through the outbox in the same
 * transaction. */
#ifndef CN_ACCOUNT_H
#define CN_ACCOUNT_H
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

enum {
	ACCOUNT_INVITATION_SECONDS = 7 * 86400,
	ACCOUNT_RESET_SECONDS = 3600,
	ACCOUNT_RESETS_PER_ADDRESS = 3, /* reset messages per email address an hour */
	ACCOUNT_RESETS_PER_CLIENT = 20	/* reset requests from one client an hour */
};

struct account_invitation {
	const char *email;
	const char *given_name;
	const char *family_name;
	int64_t org_id;
	const char *role; /* membership role */
};

/* Invites: admins anyone, with any role; a district lead only into a district she
 * leads (or one of its schools), with the role member or district_lead (else
 * CN_ERR_FORBIDDEN naming org_id or role). A new address makes the person and the
 * membership; a person invited before who has not yet set a password gets a new link
 * that replaces the old; a person who has one is refused (CN_ERR_CONFLICT naming
 * email: they sign in, or reset their password). The message is queued in the same
 * transaction. *person_id gets the person's id; *resent 1 when they existed. */
int account_invite(struct store *db, const struct actor *who, struct arena *a,
		   const struct account_invitation *in, int64_t *person_id, int *resent,
		   struct cn_err *err);

/* A reset asked for email from client (an address): when a person with an active
 * account has this address and fewer than ACCOUNT_RESETS_PER_ADDRESS resets were
 * mailed to it this past hour, a link valid for an hour is mailed. The answer is the
 * same whether or not the address is known; only too many requests from one client
 * (ACCOUNT_RESETS_PER_CLIENT an hour) are refused, CN_ERR_THROTTLED with retry_after. */
int account_reset_request(struct store *db, struct arena *a, const char *email, const char *client,
			  struct cn_err *err);

/* The person a live link of purpose ("invitation", "reset") belongs to: 0 with *email
 * and *name (in a) set, or -1 with CN_ERR_NOT_FOUND saying that the link was used,
 * has expired or was replaced. */
int account_link_find(struct store *db, struct arena *a, const char *purpose, const char *secret,
		      int64_t *person_id, const char **email, const char **name,
		      struct cn_err *err);

/* Uses a live link: sets password (the rules of person_set_password, which ends every
 * session), marks the link used, audited, in one transaction. *email (in a) gets the
 * address to sign in with. A link used at once by two requests works for one. */
int account_link_use(struct store *db, struct arena *a, const char *purpose, const char *secret,
		     const char *password, const char **email, struct cn_err *err);

/* The signed-in person changes their own password, giving the current one
 * (CN_ERR_INPUT naming current_password when it is wrong). Ends every session. */
int account_password_change(struct store *db, const struct actor *who, struct arena *a,
			    const char *current, const char *password, struct cn_err *err);

#endif
