/* oidc: discovery, keys, the token request and the ID token's checks. librhonabwy
 * (JWKS import, lookup by kid, RS256/ES256 over GnuTLS) checks signatures; the claims
 * are checked here, one rule of Core §3.1.3.7 at a time. */
#include "io/oidc.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <rhonabwy.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"

enum { OIDC_MAX_BODY = 512 * 1024, OIDC_TIMEOUT = 10 };

static pthread_once_t oidc_once = PTHREAD_ONCE_INIT;

static void oidc_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	r_global_init();
}

int oidc_issuer_ok(const char *url)
{
	if (url == NULL || strlen(url) > 500 || strpbrk(url, "?#\"<> \t\r\n") != NULL)
		return 0;
	if (strncasecmp(url, "https://", 8) == 0)
		return url[8] != '\0' && url[8] != '/';
	static const char *const local[] = {"http://127.0.0.1", "http://[::1]", "http://localhost"};
	for (size_t i = 0; i < sizeof(local) / sizeof(local[0]); i++) {
		size_t n = strlen(local[i]);
		if (strncasecmp(url, local[i], n) == 0 &&
		    (url[n] == ':' || url[n] == '/' || url[n] == '\0'))
			return 1;
	}
	return 0;
}

static size_t oidc_write(char *data, size_t size, size_t n, void *ctx)
{
	struct buf *b = ctx;
	if (b->len + size * n > OIDC_MAX_BODY)
		return 0;
	buf_append(b, data, size * n);
	return size * n;
}

/* GET url, or POST form when form is not NULL. The body in *out (in a), the status in
 * *status. Unreachable: CN_ERR_UNAVAILABLE naming url. */
static int oidc_http(struct arena *a, const char *url, const char *form, long *status,
		     const char **out, struct cn_err *err)
{
	pthread_once(&oidc_once, oidc_init);
	CURL *c = curl_easy_init();
	if (c == NULL)
		return cn_err_set(err, CN_ERR_INTERNAL, "libcurl could not start");
	struct buf b = BUF_INIT;
	struct curl_slist *h = curl_slist_append(NULL, "Accept: application/json");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)OIDC_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, oidc_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "capnet");
	if (form != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
	CURLcode rc = curl_easy_perform(c);
	int ret = 0;
	if (rc != CURLE_OK) {
		ret = cn_err_set(err, CN_ERR_UNAVAILABLE, "could not reach %s: %s", url,
				 curl_easy_strerror(rc));
	} else {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
		*out = arena_strndup(a, b.len ? b.data : "", b.len);
	}
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	buf_free(&b);
	return ret;
}

static const char *oidc_str(struct arena *a, json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s != NULL ? arena_strdup(a, s) : NULL;
}

int oidc_discover(struct arena *a, const char *issuer, struct oidc_meta *out, struct cn_err *err)
{
	size_t n = strlen(issuer);
	const char *url = arena_printf(a, "%.*s/.well-known/openid-configuration",
				       (int)(n > 0 && issuer[n - 1] == '/' ? n - 1 : n), issuer);
	long status = 0;
	const char *body;
	if (oidc_http(a, url, NULL, &status, &body, err))
		return -1;
	if (status != 200)
		return cn_err_set(err, CN_ERR_UNAVAILABLE,
				  "%s answered %ld, not the provider's discovery document", url, status);
	json_t *doc = json_loads(body, 0, NULL);
	if (!json_is_object(doc)) {
		json_decref(doc);
		return cn_err_set(err, CN_ERR_INPUT, "%s is not a JSON discovery document", url);
	}
	out->issuer = oidc_str(a, doc, "issuer");
	out->authorization_endpoint = oidc_str(a, doc, "authorization_endpoint");
	out->token_endpoint = oidc_str(a, doc, "token_endpoint");
	out->jwks_uri = oidc_str(a, doc, "jwks_uri");
	json_decref(doc);
	/* Discovery §4.3: the issuer in the document must be the one asked for. */
	if (out->issuer == NULL || strcmp(out->issuer, issuer) != 0)
		return cn_err_field(err, CN_ERR_INPUT, "issuer",
				    "the discovery document at %s names the issuer '%s', not '%s': "
				    "give the issuer exactly as the provider writes it",
				    url, out->issuer ? out->issuer : "", issuer);
	const char *missing = out->authorization_endpoint == NULL ? "authorization_endpoint"
			      : out->token_endpoint == NULL	   ? "token_endpoint"
			      : out->jwks_uri == NULL		   ? "jwks_uri"
								   : NULL;
	if (missing != NULL)
		return cn_err_set(err, CN_ERR_INPUT, "the discovery document at %s has no %s", url,
				  missing);
	return 0;
}

int oidc_fetch_jwks(struct arena *a, const char *uri, const char **json, struct cn_err *err)
{
	long status = 0;
	const char *body;
	if (oidc_http(a, uri, NULL, &status, &body, err))
		return -1;
	if (status != 200)
		return cn_err_set(err, CN_ERR_UNAVAILABLE, "the provider's keys at %s answered %ld",
				  uri, status);
	pthread_once(&oidc_once, oidc_init);
	jwks_t *ks = NULL;
	int ok = r_jwks_init(&ks) == RHN_OK && r_jwks_import_from_json_str(ks, body) == RHN_OK &&
		 r_jwks_size(ks) > 0;
	r_jwks_free(ks);
	if (!ok)
		return cn_err_set(err, CN_ERR_INPUT, "%s does not hold a key set (JWKS) capnet can read",
				  uri);
	*json = body;
	return 0;
}

/* key=value&... with values percent-encoded (application/x-www-form-urlencoded). */
static void oidc_form_add(struct buf *b, CURL *c, const char *key, const char *value)
{
	char *v = curl_easy_escape(c, value, 0);
	buf_printf(b, "%s%s=%s", b->len ? "&" : "", key, v ? v : "");
	curl_free(v);
}

int oidc_exchange_code(struct arena *a, const struct oidc_meta *m, const char *client_id,
		       const char *client_secret, const char *code, const char *redirect_uri,
		       const char *verifier, const char **id_token, struct cn_err *err)
{
	pthread_once(&oidc_once, oidc_init);
	CURL *c = curl_easy_init();
	if (c == NULL)
		return cn_err_set(err, CN_ERR_INTERNAL, "libcurl could not start");
	struct buf f = BUF_INIT;
	oidc_form_add(&f, c, "grant_type", "authorization_code");
	oidc_form_add(&f, c, "code", code);
	oidc_form_add(&f, c, "redirect_uri", redirect_uri);
	oidc_form_add(&f, c, "code_verifier", verifier);
	oidc_form_add(&f, c, "client_id", client_id);
	oidc_form_add(&f, c, "client_secret", client_secret);
	curl_easy_cleanup(c);
	long status = 0;
	const char *body;
	int rc = oidc_http(a, m->token_endpoint, buf_str(&f), &status, &body, err);
	buf_free(&f);
	if (rc)
		return -1;
	json_t *doc = json_loads(body, 0, NULL);
	if (status != 200) {
		const char *e = json_string_value(json_object_get(doc, "error"));
		const char *d = json_string_value(json_object_get(doc, "error_description"));
		cn_err_set(err, CN_ERR_UNAUTHENTICATED,
			   "the provider refused the sign-in code (%ld %s%s%s)", status,
			   e ? e : "no error code", d ? ": " : "", d ? d : "");
		json_decref(doc);
		return -1;
	}
	const char *t = json_string_value(json_object_get(doc, "id_token"));
	if (t == NULL) {
		json_decref(doc);
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "the provider's token answer holds no ID token: is \"openid\" among "
				  "the provider's scopes?");
	}
	*id_token = arena_strdup(a, t);
	json_decref(doc);
	return 0;
}

static void oidc_b64url(const unsigned char *bin, size_t n, char out[OIDC_SECRET_LEN])
{
	sodium_bin2base64(out, OIDC_SECRET_LEN, bin, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void oidc_random(char out[OIDC_SECRET_LEN])
{
	unsigned char r[32];
	randombytes_buf(r, sizeof(r));
	oidc_b64url(r, sizeof(r), out);
}

void oidc_pkce_challenge(const char *verifier, char out[OIDC_SECRET_LEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)verifier, strlen(verifier));
	oidc_b64url(h, sizeof(h), out);
}

static int oidc_refuse(struct cn_err *err, const char *why)
{
	return cn_err_set(err, CN_ERR_UNAUTHENTICATED, "the provider's ID token was refused: %s",
			  why);
}

static int oidc_true(json_t *v)
{
	return json_is_true(v) || (json_is_string(v) && (strcmp(json_string_value(v), "true") == 0 ||
							   strcmp(json_string_value(v), "1") == 0));
}

/* The claims' checks, on a token whose signature is good. */
static int oidc_claims_check(struct arena *a, json_t *cl, const struct oidc_expect *x,
			     struct oidc_claims *out, struct cn_err *err)
{
	const char *iss = json_string_value(json_object_get(cl, "iss"));
	if (iss == NULL || strcmp(iss, x->issuer) != 0)
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "the provider's ID token was refused: it was issued by '%s', not "
				  "by '%s'",
				  iss ? iss : "nobody", x->issuer);
	json_t *aud = json_object_get(cl, "aud");
	int ours = 0, others = 0;
	if (json_is_string(aud)) {
		ours = strcmp(json_string_value(aud), x->client_id) == 0;
		others = !ours;
	} else if (json_is_array(aud)) {
		size_t i;
		json_t *v;
		json_array_foreach(aud, i, v)
		{
			if (json_is_string(v) && strcmp(json_string_value(v), x->client_id) == 0)
				ours = 1;
			else
				others = 1;
		}
	}
	if (!ours)
		return oidc_refuse(err, "it is meant for another application (its audience is not "
					"this provider's client id)");
	const char *azp = json_string_value(json_object_get(cl, "azp"));
	if ((others && azp == NULL) || (azp != NULL && strcmp(azp, x->client_id) != 0))
		return oidc_refuse(err, "it was issued to another application (azp)");
	json_t *exp = json_object_get(cl, "exp"), *iat = json_object_get(cl, "iat");
	if (!json_is_integer(exp) || !json_is_integer(iat))
		return oidc_refuse(err, "it has no expiry or issue time (exp, iat)");
	if ((time_t)json_integer_value(exp) + x->skew <= x->now)
		return oidc_refuse(err, "it has expired");
	if ((time_t)json_integer_value(iat) - x->skew > x->now)
		return oidc_refuse(err, "it was issued in the future (is a clock wrong?)");
	const char *nonce = json_string_value(json_object_get(cl, "nonce"));
	if (nonce == NULL || x->nonce == NULL || strcmp(nonce, x->nonce) != 0)
		return oidc_refuse(err, "it was not issued for this sign-in (nonce)");
	const char *sub = json_string_value(json_object_get(cl, "sub"));
	if (sub == NULL || sub[0] == '\0' || strlen(sub) > 255)
		return oidc_refuse(err, "it names no account (sub)");
	memset(out, 0, sizeof(*out));
	out->subject = arena_strdup(a, sub);
	out->email = oidc_str(a, cl, "email");
	/* Some providers send the flag as a string. Microsoft Entra ID sends no
	 * email_verified; its optional claim xms_edov (the email's domain is verified by
	 * its owner, the tenant) says the same. */
	out->email_verified = oidc_true(json_object_get(cl, "email_verified")) ||
			      oidc_true(json_object_get(cl, "xms_edov"));
	out->given_name = oidc_str(a, cl, "given_name");
	out->family_name = oidc_str(a, cl, "family_name");
	out->name = oidc_str(a, cl, "name");
	return 0;
}

int oidc_verify(struct arena *a, const char *id_token, const char *jwks, const struct oidc_expect *x,
		struct oidc_claims *out, struct cn_err *err)
{
	pthread_once(&oidc_once, oidc_init);
	jwt_t *jwt = NULL;
	jwks_t *ks = NULL;
	jwk_t *key = NULL;
	json_t *cl = NULL;
	int ret = -1;
	if (r_jwt_init(&jwt) != RHN_OK || r_jwks_init(&ks) != RHN_OK) {
		cn_err_set(err, CN_ERR_INTERNAL, "librhonabwy could not start");
		goto out;
	}
	/* r_jwt_parse refuses unsigned tokens (alg "none"). */
	if (id_token == NULL || r_jwt_parse(jwt, id_token, 0) != RHN_OK) {
		oidc_refuse(err, "it is not a signed JSON Web Token");
		goto out;
	}
	jwa_alg alg = r_jwt_get_sign_alg(jwt);
	if (alg != R_JWA_ALG_RS256 && alg != R_JWA_ALG_ES256) {
		oidc_refuse(err, "it is signed with an algorithm capnet does not accept (RS256 or "
				 "ES256 only)");
		goto out;
	}
	if (jwks == NULL || r_jwks_import_from_json_str(ks, jwks) != RHN_OK) {
		ret = OIDC_UNKNOWN_KID;
		goto out;
	}
	const char *kid = r_jwt_get_header_str_value(jwt, "kid");
	if (kid != NULL)
		key = r_jwks_get_by_kid(ks, kid);
	else if (r_jwks_size(ks) == 1)
		key = r_jwks_get_at(ks, 0);
	if (key == NULL) {
		ret = OIDC_UNKNOWN_KID;
		goto out;
	}
	if (r_jwt_verify_signature(jwt, key, 0) != RHN_OK) {
		oidc_refuse(err, "its signature does not match the provider's key");
		goto out;
	}
	cl = r_jwt_get_full_claims_json_t(jwt);
	if (!json_is_object(cl)) {
		oidc_refuse(err, "it holds no claims");
		goto out;
	}
	ret = oidc_claims_check(a, cl, x, out, err);
out:
	json_decref(cl);
	r_jwk_free(key);
	r_jwks_free(ks);
	r_jwt_free(jwt);
	return ret;
}
