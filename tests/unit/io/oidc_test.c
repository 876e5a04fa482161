/* oidc: the ID token's checks (OpenID Connect Core 1.0 §3.1.3.7) against tokens made
 * here with keys made here: a good token passes; a tampered one, one for another
 * audience, an expired one, one with another nonce or issuer, an unsigned one and one
 * signed by a key not in the set are refused, each saying why; PKCE S256 matches
 * RFC 7636's example. */
#include "testlib.h"

#include <jansson.h>
#include <rhonabwy.h>
#include <time.h>

#include "io/oidc.h"

static jwk_t *priv_rsa, *priv_ec, *priv_other;
static char *jwks_json; /* the public halves of rsa and ec (not other) */

static int setup(void **state)
{
	(void)state;
	r_global_init();
	jwk_t *pub_rsa, *pub_ec, *pub_other;
	jwks_t *ks;
	r_jwk_init(&priv_rsa), r_jwk_init(&pub_rsa), r_jwk_init(&priv_ec), r_jwk_init(&pub_ec);
	r_jwk_init(&priv_other), r_jwk_init(&pub_other), r_jwks_init(&ks);
	assert_int_equal(r_jwk_generate_key_pair(priv_rsa, pub_rsa, R_KEY_TYPE_RSA, 2048, "rsa1"),
			 RHN_OK);
	assert_int_equal(r_jwk_generate_key_pair(priv_ec, pub_ec, R_KEY_TYPE_EC, 256, "ec1"), RHN_OK);
	assert_int_equal(
		r_jwk_generate_key_pair(priv_other, pub_other, R_KEY_TYPE_RSA, 2048, "rsa2"), RHN_OK);
	r_jwks_append_jwk(ks, pub_rsa);
	r_jwks_append_jwk(ks, pub_ec);
	jwks_json = r_jwks_export_to_json_str(ks, 0);
	r_jwk_free(pub_rsa), r_jwk_free(pub_ec), r_jwk_free(pub_other), r_jwks_free(ks);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	r_jwk_free(priv_rsa), r_jwk_free(priv_ec), r_jwk_free(priv_other);
	r_free(jwks_json);
	return 0;
}

#define ISS "https://idp.example.org"
#define AUD "capnet-client"
#define NONCE "n-0S6_WzA2Mj"

/* A token with these claims, signed by key with alg. */
static char *token(jwk_t *key, jwa_alg alg, const char *claims_json)
{
	jwt_t *jwt;
	r_jwt_init(&jwt);
	json_t *cl = json_loads(claims_json, 0, NULL);
	assert_non_null(cl);
	r_jwt_set_full_claims_json_t(jwt, cl);
	json_decref(cl);
	r_jwt_set_sign_alg(jwt, alg);
	char *t = r_jwt_serialize_signed(jwt, key, 0);
	r_jwt_free(jwt);
	assert_non_null(t);
	return t;
}

static char *claims(long exp_delta, const char *aud, const char *nonce)
{
	static char buf[1024];
	time_t now = time(NULL);
	snprintf(buf, sizeof(buf),
		 "{\"iss\":\"" ISS "\",\"sub\":\"248289761001\",\"aud\":%s,\"exp\":%lld,"
		 "\"iat\":%lld,\"nonce\":\"%s\",\"email\":\"jane@tradewater.kyschools.us\","
		 "\"email_verified\":true,\"given_name\":\"Jane\",\"family_name\":\"Doe\"}",
		 aud, (long long)(now + exp_delta), (long long)now, nonce);
	return buf;
}

static int verify(const char *t, struct oidc_claims *c, struct cn_err *err)
{
	struct arena *a = arena_new();
	struct oidc_expect x = {ISS, AUD, NONCE, time(NULL), 60};
	int rc = oidc_verify(a, t, jwks_json, &x, c, err);
	if (rc == 0) /* the claims outlive the arena for the asserts */
		c->email = c->email && strcmp(c->email, "jane@tradewater.kyschools.us") == 0 ? "jane" : "?";
	arena_free(a);
	return rc;
}

static void test_good_rs256_and_es256(void **state)
{
	(void)state;
	struct oidc_claims c;
	struct cn_err err = {0};
	char *t = token(priv_rsa, R_JWA_ALG_RS256, claims(300, "\"" AUD "\"", NONCE));
	assert_int_equal(verify(t, &c, &err), 0);
	assert_string_equal(c.email, "jane");
	assert_true(c.email_verified);
	r_free(t);
	t = token(priv_ec, R_JWA_ALG_ES256, claims(300, "[\"" AUD "\"]", NONCE));
	assert_int_equal(verify(t, &c, &err), 0);
	r_free(t);
}

static void test_tampered_refused(void **state)
{
	(void)state;
	struct oidc_claims c;
	struct cn_err err = {0};
	char *t = token(priv_rsa, R_JWA_ALG_RS256, claims(300, "\"" AUD "\"", NONCE));
	/* Another payload (a later expiry) under the first token's signature. */
	char *u = token(priv_rsa, R_JWA_ALG_RS256, claims(99999, "\"" AUD "\"", NONCE));
	char spliced[4096];
	const char *p1 = strchr(t, '.'), *s1 = strrchr(t, '.');
	const char *p2 = strchr(u, '.'), *s2 = strrchr(u, '.');
	snprintf(spliced, sizeof(spliced), "%.*s%.*s%s", (int)(p1 - t), t, (int)(s2 - p2), p2, s1);
	assert_int_equal(verify(spliced, &c, &err), -1);
	assert_int_equal(err.kind, CN_ERR_UNAUTHENTICATED);
	assert_non_null(strstr(err.msg, "signature"));
	r_free(t);
	r_free(u);
}

static void test_wrong_audience_refused(void **state)
{
	(void)state;
	struct oidc_claims c;
	struct cn_err err = {0};
	char *t = token(priv_rsa, R_JWA_ALG_RS256, claims(300, "\"another-app\"", NONCE));
	assert_int_equal(verify(t, &c, &err), -1);
	assert_non_null(strstr(err.msg, "another application"));
	r_free(t);
	/* Ours among others, without azp saying it is ours: refused too. */
	t = token(priv_rsa, R_JWA_ALG_RS256, claims(300, "[\"" AUD "\",\"x\"]", NONCE));
	assert_int_equal(verify(t, &c, &err), -1);
	assert_non_null(strstr(err.msg, "azp"));
	r_free(t);
}

static void test_expired_refused(void **state)
{
	(void)state;
	struct oidc_claims c;
	struct cn_err err = {0};
	char *t = token(priv_rsa, R_JWA_ALG_RS256, claims(-120, "\"" AUD "\"", NONCE));
	assert_int_equal(verify(t, &c, &err), -1);
	assert_non_null(strstr(err.msg, "expired"));
	r_free(t);
	/* Within the skew it still passes. */
	t = token(priv_rsa, R_JWA_ALG_RS256, claims(-30, "\"" AUD "\"", NONCE));
	assert_int_equal(verify(t, &c, &err), 0);
	r_free(t);
}

static void test_nonce_and_issuer_refused(void **state)
{
	(void)state;
	struct oidc_claims c;
	struct cn_err err = {0};
	char *t = token(priv_rsa, R_JWA_ALG_RS256, claims(300, "\"" AUD "\"", "other-nonce"));
	assert_int_equal(verify(t, &c, &err), -1);
	assert_non_null(strstr(err.msg, "nonce"));
	r_free(t);
	struct arena *a = arena_new();
	t = token(priv_rsa, R_JWA_ALG_RS256, claims(300, "\"" AUD "\"", NONCE));
	struct oidc_expect x = {"https://evil.example", AUD, NONCE, time(NULL), 60};
	assert_int_equal(oidc_verify(a, t, jwks_json, &x, &c, &err), -1);
	assert_non_null(strstr(err.msg, "issued by"));
	arena_free(a);
	r_free(t);
}

static void test_unknown_key_and_unsigned(void **state)
{
	(void)state;
	struct oidc_claims c;
	struct cn_err err = {0};
	char *t = token(priv_other, R_JWA_ALG_RS256, claims(300, "\"" AUD "\"", NONCE));
	assert_int_equal(verify(t, &c, &err), OIDC_UNKNOWN_KID);
	r_free(t);
	/* alg "none": header {"alg":"none"}, no signature. */
	assert_int_equal(verify("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", &c, &err), -1);
	assert_int_equal(err.kind, CN_ERR_UNAUTHENTICATED);
	assert_int_equal(verify("not a token", &c, &err), -1);
}

/* email_verified is reported as the token says; Entra ID's xms_edov counts as it. */
static void test_email_verified(void **state)
{
	(void)state;
	struct oidc_claims c;
	struct cn_err err = {0};
	time_t now = time(NULL);
	char cl[600];
	const char *flags[] = {"\"email_verified\":false", "", "\"xms_edov\":true",
			       "\"email_verified\":\"true\""};
	int want[] = {0, 0, 1, 1};
	for (size_t i = 0; i < 4; i++) {
		snprintf(cl, sizeof(cl),
			 "{\"iss\":\"" ISS "\",\"sub\":\"s\",\"aud\":\"" AUD "\",\"exp\":%lld,"
			 "\"iat\":%lld,\"nonce\":\"" NONCE "\",\"email\":\"u@x.org\"%s%s}",
			 (long long)now + 300, (long long)now, flags[i][0] ? "," : "", flags[i]);
		char *t = token(priv_rsa, R_JWA_ALG_RS256, cl);
		assert_int_equal(verify(t, &c, &err), 0);
		assert_int_equal(c.email_verified, want[i]);
		r_free(t);
	}
}

static void test_pkce_s256(void **state)
{
	(void)state;
	char out[OIDC_SECRET_LEN];
	/* RFC 7636 Appendix B. */
	oidc_pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", out);
	assert_string_equal(out, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
	oidc_random(out);
	assert_int_equal(strlen(out), 43);
}

static void test_issuer_rule(void **state)
{
	(void)state;
	assert_true(oidc_issuer_ok("https://accounts.google.com"));
	assert_true(oidc_issuer_ok("http://127.0.0.1:8443/oidc"));
	assert_false(oidc_issuer_ok("http://idp.example.org"));
	assert_false(oidc_issuer_ok("https://idp.example.org/?a=b"));
	assert_false(oidc_issuer_ok("http://127.0.0.1.evil.example"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_rs256_and_es256),
		cmocka_unit_test(test_tampered_refused),
		cmocka_unit_test(test_wrong_audience_refused),
		cmocka_unit_test(test_expired_refused),
		cmocka_unit_test(test_nonce_and_issuer_refused),
		cmocka_unit_test(test_unknown_key_and_unsigned),
		cmocka_unit_test(test_email_verified),
		cmocka_unit_test(test_pkce_s256),
		cmocka_unit_test(test_issuer_rule),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
