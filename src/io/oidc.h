/* oidc: the relying party's side of OpenID Connect 1.0 that needs the network or
 * cryptography, and nothing of capnet's domain: the provider's discovery document
 * (OpenID Connect Discovery 1.0 §4), its keys (JWKS, RFC 7517 §5), the token request
 * of the authorization code flow (OpenID Connect Core 1.0 §3.1.3) with PKCE S256
 * (RFC 7636 §4.2), and the ID token's checks (Core §3.1.3.7). HTTP through libcurl,
 * JSON through jansson, JOSE through librhonabwy. Every error is a sentence a person
 * (an admin reading the log) can act on. */
#ifndef CN_OIDC_H
#define CN_OIDC_H
#include <stddef.h>
#include <time.h>

#include "core/arena.h"
#include "core/err.h"

/* What a provider's discovery document says; strings in the arena given. */
struct oidc_meta {
	const char *issuer;
	const char *authorization_endpoint;
	const char *token_endpoint;
	const char *jwks_uri;
};

/* 1 when url is an issuer capnet accepts: https, or http to this machine only
 * (127.0.0.1, [::1], localhost: for tests and development), without query or fragment. */
int oidc_issuer_ok(const char *url);

/* Reads issuer's discovery document (issuer + "/.well-known/openid-configuration").
 * Unreachable, not JSON, an issuer that differs from the one asked for, or an endpoint
 * missing: CN_ERR_UNAVAILABLE (unreachable) or CN_ERR_INPUT, saying which. */
int oidc_discover(struct arena *a, const char *issuer, struct oidc_meta *out, struct cn_err *err);

/* Fetches the key set at uri; *json (in a) is the document as served, checked to be a
 * JWKS with at least one key. */
int oidc_fetch_jwks(struct arena *a, const char *uri, const char **json, struct cn_err *err);

/* Exchanges an authorization code for tokens at m->token_endpoint (client_secret_post,
 * with the PKCE verifier); *id_token (in a) is the ID token returned. A refusal by the
 * provider is CN_ERR_UNAUTHENTICATED quoting its error code and description. */
int oidc_exchange_code(struct arena *a, const struct oidc_meta *m, const char *client_id,
		       const char *client_secret, const char *code, const char *redirect_uri,
		       const char *verifier, const char **id_token, struct cn_err *err);

enum { OIDC_SECRET_LEN = 44 }; /* 32 random bytes in base64url without padding, NUL */

/* A new random state, nonce or PKCE verifier (43 characters of base64url). */
void oidc_random(char out[OIDC_SECRET_LEN]);
/* The PKCE S256 challenge of verifier: BASE64URL(SHA-256(verifier)) (RFC 7636 §4.2). */
void oidc_pkce_challenge(const char *verifier, char out[OIDC_SECRET_LEN]);

/* What the ID token must say. */
struct oidc_expect {
	const char *issuer;
	const char *client_id;
	const char *nonce;
	time_t now;
	int skew; /* seconds of clock difference tolerated on exp and iat */
};

/* What capnet reads from a valid ID token; strings in the arena given. */
struct oidc_claims {
	const char *subject;
	const char *email; /* NULL when absent */
	int email_verified; /* email_verified true, or (Entra ID) xms_edov true */
	const char *given_name, *family_name, *name; /* NULL when absent */
};

enum { OIDC_UNKNOWN_KID = 1 };

/* Checks id_token against the key set jwks (JSON text) and x: signed with RS256 or
 * ES256 by the key its header's kid names (or the set's only key when it names none),
 * iss equal to x->issuer, aud naming x->client_id (azp, required when aud names
 * others, equal to it), exp not past and iat not ahead beyond x->skew, nonce equal to
 * x->nonce, a sub. 0 with *out filled; OIDC_UNKNOWN_KID when the kid is not in the set
 * (fetch the keys again, then call again); -1 with CN_ERR_UNAUTHENTICATED saying
 * which check failed. email_verified is reported, not required: the caller decides. */
int oidc_verify(struct arena *a, const char *id_token, const char *jwks, const struct oidc_expect *x,
		struct oidc_claims *out, struct cn_err *err);

#endif
