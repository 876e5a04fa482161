/* sso: signing in with a district's own accounts through OpenID Connect providers
 * (DESIGN §4 Sign-in). Providers are data: an admin connects one (its name on the
 * sign-in page, issuer, client id and secret, scopes), says which email domains it
 * vouches for and which district each belongs to, and whether a person of such a
 * domain who is not yet in capnet is made a member of that district on first sign-in.
 *
 * The flow is the authorization code flow with PKCE S256, state and nonce (OpenID
 * Connect Core 1.0 §3.1). Its state lives in the database (table sso_flow), bound to
 * the browser that started it by a cookie secret, used once, for ten minutes, so that
 * any capnet process may finish a flow another started. The provider's keys are kept
 * in the database and fetched again when a token names a key not among them.
 *
 * A person is found by the provider's subject once linked (table sso_link), by a
 * verified email address the first time (then linked). Every sign-in, link and made
 * account is audited; every refusal is audited too (action "other" on the provider),
 * for the admins to read, and returned as an error a person can act on. */
#ifndef CN_SSO_H
#define CN_SSO_H
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "app/access/auth.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "store/store.h"

/* One email domain a provider vouches for, and its district. */
struct sso_domain {
	const char *domain;        /* lower case, "tradewater.kyschools.us" */
	int64_t district_id;       /* on input 0 = find the district by district_name */
	const char *district_name; /* as read; on input the name when district_id is 0 */
};

struct sso_provider {
	int64_t id;
	const char *name;   /* the button: "Sign in with Tradewater Google" */
	const char *issuer; /* https://accounts.google.com */
	const char *client_id;
	const char *client_secret; /* on input only: never read back out of capnet */
	const char *scopes;        /* space separated; default "openid email profile" */
	int allow_create;          /* new people of a listed domain become members */
	struct sso_domain *domains;
	size_t ndomains;
	const char *created_at;
};

/* Connects a provider (admins only: CN_ERR_FORBIDDEN otherwise). Checks every field
 * (naming it), that scopes hold "openid", that each district exists and is a
 * district, and that the issuer's discovery document can be read and names the same
 * issuer. *id gets the new provider's id. Audited (the secret never). */
int sso_provider_add(struct store *db, const struct actor *who, struct arena *a,
		     const struct sso_provider *in, int64_t *id, struct cn_err *err);
/* Every provider, oldest first, with its domains, without secrets; in a. Anyone may
 * list them: the sign-in page shows their names. */
int sso_provider_list(struct store *db, struct arena *a, struct sso_provider **out, size_t *n,
		      struct cn_err *err);
/* One provider as sso_provider_list shows it; CN_ERR_NOT_FOUND naming the id. */
int sso_provider_get(struct store *db, struct arena *a, int64_t id, struct sso_provider *out,
		     struct cn_err *err);
/* Writes p as the API and the CLI show it: id, name, issuer, client_id, scopes,
 * allow_create, domains [{domain, district_id, district}], created_at; never the
 * secret. */
void sso_provider_write(struct jw *w, const struct sso_provider *p);
/* Disconnects a provider (admins only), its domains and flows under way; the links of
 * people to their provider accounts stay (by issuer). Audited. */
int sso_provider_remove(struct store *db, const struct actor *who, int64_t id, struct cn_err *err);

/* Reads "domain=district" (district an id or the exact name of a district) into *out,
 * in a; the domain lower-cased and checked. CN_ERR_INPUT naming field. */
int sso_domain_parse(struct arena *a, const char *text, const char *field, struct sso_domain *out,
		     struct cn_err *err);

/* The address the provider sends people back to (register it with the provider):
 * site.base_url followed by "sso/callback"; in a. */
int sso_redirect_uri(struct store *db, struct arena *a, const char **out, struct cn_err *err);

/* Starts a sign-in with provider id: reads its discovery document, records a new flow
 * (state, nonce, PKCE verifier) bound to browser (a new secret written there, for a
 * cookie) and to next (where to go afterwards), and gives *url, the provider's
 * authorization address to send the browser to (in a). Provider unreachable:
 * CN_ERR_UNAVAILABLE, audited. */
int sso_start(struct store *db, struct arena *a, int64_t provider_id, const char *next,
	      char browser[AUTH_SECRET_LEN], const char **url, struct cn_err *err);

/* What the provider sent back to the callback address (its query parameters), and
 * the browser's cookie secret from sso_start (NULL when absent). */
struct sso_callback {
	const char *state, *code, *error, *error_description;
	const char *browser;
	const char *client; /* the client's address, for the log */
};

/* Finishes a sign-in: the flow is used up whatever happens; the code is exchanged for
 * an ID token, which is checked (oidc_verify, with 60 s of clock skew; email_verified
 * required), the person found, linked or made, and a session started (session_id,
 * *s, as auth_sign_in). *next (in a) is where the person was going. Every refusal is
 * audited and is CN_ERR_UNAUTHENTICATED (the sign-in failed: expired or replayed
 * state, another browser, a refused consent, a bad token), CN_ERR_FORBIDDEN (the
 * person may not sign in: unverified email, switched off, not in capnet; the message
 * says whom to ask) or CN_ERR_UNAVAILABLE (the provider could not be reached). */
int sso_finish(struct store *db, struct arena *a, const struct auth_config *cfg,
	       const struct sso_callback *cb, char session_id[AUTH_SECRET_LEN],
	       struct auth_session *s, const char **next, struct cn_err *err);

#endif
