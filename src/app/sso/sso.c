/* sso: providers as data, and the sign-in flow's steps around io/oidc. Network calls
 * (discovery, keys, the token request) are made outside any transaction, so that a
 * slow provider never holds the database's write lock. */
#include "app/sso/sso.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/audit.h"
#include "app/org/membership.h"
#include "app/org/person.h"
#include "app/access/policy.h"
#include "app/setting.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "io/oidc.h"

enum { SSO_FLOW_SECONDS = 600, SSO_SKEW = 60, SSO_MAX_DOMAINS = 50 };

static const char SQL_PROVIDER_ADD[] =
	"INSERT INTO sso_provider (name, issuer, client_id, client_secret, scopes, allow_create,"
	" created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char SQL_PROVIDER_BY_ISSUER[] = "SELECT id FROM sso_provider WHERE issuer = ?1";
static const char SQL_DOMAIN_ADD[] =
	"INSERT INTO sso_domain (provider_id, domain, district_id) VALUES (?1, ?2, ?3)";
static const char SQL_PROVIDER_LIST[] =
	"SELECT id, name, issuer, client_id, scopes, allow_create, created_at FROM sso_provider"
	" ORDER BY id";
static const char SQL_PROVIDER_GET[] =
	"SELECT id, name, issuer, client_id, scopes, allow_create, created_at FROM sso_provider"
	" WHERE id = ?1";
static const char SQL_PROVIDER_SECRETS[] =
	"SELECT client_secret, jwks FROM sso_provider WHERE id = ?1";
static const char SQL_PROVIDER_JWKS[] =
	"UPDATE sso_provider SET jwks = ?1, jwks_at = ?2 WHERE id = ?3";
static const char SQL_PROVIDER_DELETE[] = "DELETE FROM sso_provider WHERE id = ?1";
static const char SQL_DOMAINS_OF[] =
	"SELECT d.domain, d.district_id, o.name FROM sso_domain d"
	" JOIN organization o ON o.id = d.district_id WHERE d.provider_id = ?1 ORDER BY d.domain";
static const char SQL_DISTRICT_BY_ID[] =
	"SELECT id, name FROM organization WHERE id = ?1 AND kind = 'district' AND active = 1";
static const char SQL_DISTRICT_BY_NAME[] =
	"SELECT id, name FROM organization WHERE lower(name) = lower(?1) AND kind = 'district'"
	" AND active = 1 ORDER BY id";
static const char SQL_FLOW_PURGE[] = "DELETE FROM sso_flow WHERE expires_at < ?1";
static const char SQL_FLOW_ADD[] =
	"INSERT INTO sso_flow (state_hash, provider_id, browser_hash, nonce, verifier, next,"
	" expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
/* Used up in one statement, so that two processes given the same state cannot both
 * go on with it. */
static const char SQL_FLOW_USE[] =
	"UPDATE sso_flow SET used_at = ?2 WHERE state_hash = ?1 AND used_at IS NULL"
	" RETURNING provider_id, browser_hash, nonce, verifier, next, expires_at";
static const char SQL_FLOW_SEEN[] = "SELECT provider_id FROM sso_flow WHERE state_hash = ?1";
static const char SQL_LINK_FIND[] =
	"SELECT l.person_id, p.active FROM sso_link l JOIN person p ON p.id = l.person_id"
	" WHERE l.issuer = ?1 AND l.subject = ?2";
static const char SQL_LINK_ADD[] =
	"INSERT INTO sso_link (person_id, issuer, subject, provider_id, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
static const char SQL_PERSON_ACTIVE[] = "SELECT active FROM person WHERE id = ?1";
static const char SQL_DOMAIN_DISTRICT[] =
	"SELECT d.district_id FROM sso_domain d JOIN organization o ON o.id = d.district_id"
	" WHERE d.provider_id = ?1 AND d.domain = ?2 AND o.active = 1";
static const char SQL_ADMINS[] =
	"SELECT DISTINCT p.id, p.given_name, p.family_name, p.email FROM person p"
	" JOIN membership m ON m.person_id = p.id"
	" WHERE m.role = 'admin' AND m.active = 1 AND p.active = 1 ORDER BY p.id LIMIT 3";

/* Only admins manage providers (the CLI's operator is one). */
static int sso_admin_only(struct store *db, const struct actor *who, struct arena *a,
			  struct cn_err *err)
{
	struct policy *p = policy_new(a, db, who);
	int rc = policy_is_admin(p, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return cn_err_set(err, CN_ERR_FORBIDDEN,
				  "only an admin may connect or remove sign-in providers");
	return 0;
}

static int sso_text(const char *v, const char *field, size_t max, struct cn_err *err)
{
	if (v == NULL || v[0] == '\0')
		return cn_err_field(err, CN_ERR_INPUT, field, "%s is required", field);
	if (strlen(v) > max || !utf8_valid(v, strlen(v), NULL))
		return cn_err_field(err, CN_ERR_INPUT, field,
				    "%s must be text of at most %zu characters", field, max);
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20)
			return cn_err_field(err, CN_ERR_INPUT, field,
					    "%s must be one line without control characters", field);
	return 0;
}

int sso_domain_parse(struct arena *a, const char *text, const char *field, struct sso_domain *out,
		     struct cn_err *err)
{
	const char *eq = text != NULL ? strchr(text, '=') : NULL;
	if (eq == NULL || eq == text || eq[1] == '\0')
		return cn_err_field(err, CN_ERR_INPUT, field,
				    "'%.80s' is not a domain and its district: write it like "
				    "tradewater.kyschools.us=Tradewater County (or =the district's id)",
				    text ? text : "");
	const char *b = text, *e = eq;
	while (*b == ' ')
		b++;
	while (e > b && e[-1] == ' ')
		e--;
	char *d = arena_strndup(a, b, (size_t)(e - b));
	int dots = 0;
	for (char *c = d; *c; c++) {
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
		dots += *c == '.';
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '.'))
			dots = -100;
	}
	if (dots < 1 || strlen(d) > 253 || d[0] == '.' || d[strlen(d) - 1] == '.')
		return cn_err_field(err, CN_ERR_INPUT, field,
				    "'%.80s' is not an email domain such as tradewater.kyschools.us", d);
	const char *who = eq + 1;
	while (*who == ' ')
		who++;
	char *end = NULL;
	long long id = strtoll(who, &end, 10);
	out->domain = d;
	out->district_id = (*who != '\0' && *end == '\0' && id > 0) ? id : 0;
	out->district_name = arena_strdup(a, who);
	return 0;
}

/* Finds the district the domain names (by id, else by name) and fills its id and name. */
static int sso_district(struct store *db, struct arena *a, struct sso_domain *d, struct cn_err *err)
{
	struct store_stmt *q =
		store_prepare(db, d->district_id ? SQL_DISTRICT_BY_ID : SQL_DISTRICT_BY_NAME, err);
	if (q == NULL)
		return -1;
	if (d->district_id)
		store_bind_int(q, 1, d->district_id);
	else
		store_bind_text(q, 1, d->district_name);
	int rc = store_step(q, err);
	if (rc == 1) {
		d->district_id = store_col_int(q, 0);
		d->district_name = store_col_dup(q, 1, a);
	}
	store_done(q);
	if (rc == 0)
		return cn_err_field(err, CN_ERR_INPUT, "domains",
				    "there is no active district '%.100s' for %s: give a district's "
				    "name or id (capnet org list --kind district)",
				    d->district_name, d->domain);
	return rc < 0 ? -1 : 0;
}

/* Checks in's fields and resolves its domains' districts in place. */
static int sso_provider_check(struct store *db, struct arena *a, struct sso_provider *in,
			      struct cn_err *err)
{
	struct sso_domain *domains = in->domains;
	if (sso_text(in->name, "name", 100, err) || sso_text(in->issuer, "issuer", 500, err) ||
	    sso_text(in->client_id, "client_id", 500, err) ||
	    sso_text(in->client_secret, "client_secret", 2000, err) ||
	    sso_text(in->scopes, "scopes", 500, err))
		return -1;
	if (!oidc_issuer_ok(in->issuer))
		return cn_err_field(err, CN_ERR_INPUT, "issuer",
				    "'%.100s' is not an issuer: give the https address the provider "
				    "names as its issuer, such as https://accounts.google.com",
				    in->issuer);
	char padded[512];
	snprintf(padded, sizeof(padded), " %s ", in->scopes);
	if (strstr(padded, " openid ") == NULL)
		return cn_err_field(err, CN_ERR_INPUT, "scopes",
				    "the scopes must include openid (e.g. \"openid email profile\")");
	if (in->ndomains > SSO_MAX_DOMAINS)
		return cn_err_field(err, CN_ERR_INPUT, "domains", "at most %d domains per provider",
				    SSO_MAX_DOMAINS);
	for (size_t i = 0; i < in->ndomains; i++) {
		if (sso_district(db, a, &domains[i], err))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (strcmp(domains[j].domain, domains[i].domain) == 0)
				return cn_err_field(err, CN_ERR_INPUT, "domains",
						    "%s is listed twice", domains[i].domain);
	}
	return 0;
}

/* The provider as JSON for the audit log (as sso_provider_write: never the secret). */
static const char *sso_provider_json(struct arena *a, const struct sso_provider *p)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	sso_provider_write(&w, p);
	const char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

int sso_provider_add(struct store *db, const struct actor *who, struct arena *a,
		     const struct sso_provider *in, int64_t *id, struct cn_err *err)
{
	if (sso_admin_only(db, who, a, err))
		return -1;
	struct sso_provider p = *in;
	if (p.scopes == NULL || p.scopes[0] == '\0')
		p.scopes = "openid email profile";
	p.domains = arena_alloc(a, (p.ndomains + 1) * sizeof(*p.domains));
	if (p.ndomains > 0)
		memcpy(p.domains, in->domains, p.ndomains * sizeof(*p.domains));
	if (sso_provider_check(db, a, &p, err))
		return -1;
	struct store_stmt *dup = store_prepare(db, SQL_PROVIDER_BY_ISSUER, err);
	if (dup == NULL)
		return -1;
	store_bind_text(dup, 1, p.issuer);
	int taken = store_step(dup, err);
	store_done(dup);
	if (taken < 0)
		return -1;
	if (taken)
		return cn_err_field(err, CN_ERR_CONFLICT, "issuer",
				    "a provider with the issuer %s is connected already; remove it "
				    "first to connect it again",
				    p.issuer);
	/* The issuer must answer as one, before anyone is sent to it. */
	struct oidc_meta meta;
	if (oidc_discover(a, p.issuer, &meta, err)) {
		if (err->field[0] == '\0')
			snprintf(err->field, sizeof(err->field), "issuer");
		return -1;
	}
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	if (store_begin(db, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_PROVIDER_ADD, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, p.name);
	store_bind_text(q, 2, p.issuer);
	store_bind_text(q, 3, p.client_id);
	store_bind_text(q, 4, p.client_secret);
	store_bind_text(q, 5, p.scopes);
	store_bind_int(q, 6, p.allow_create ? 1 : 0);
	store_bind_text(q, 7, now);
	int rc = store_step(q, err);
	if (rc == 1)
		*id = store_col_int(q, 0);
	store_done(q);
	if (rc <= 0) {
		if (err->kind == CN_ERR_CONFLICT)
			cn_err_field(err, CN_ERR_CONFLICT, "issuer",
				     "a provider with the issuer %s is connected already; remove it "
				     "first to connect it again",
				     p.issuer);
		goto fail;
	}
	for (size_t i = 0; i < p.ndomains; i++) {
		q = store_prepare(db, SQL_DOMAIN_ADD, err);
		if (q == NULL)
			goto fail;
		store_bind_int(q, 1, *id);
		store_bind_text(q, 2, p.domains[i].domain);
		store_bind_int(q, 3, p.domains[i].district_id);
		rc = store_step(q, err);
		store_done(q);
		if (rc < 0)
			goto fail;
	}
	p.id = *id;
	p.created_at = now;
	if (audit_record(db, who, "create", "sso_provider", *id, NULL, sso_provider_json(a, &p), err))
		goto fail;
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

static void sso_provider_row(struct store_stmt *q, struct arena *a, struct sso_provider *p)
{
	memset(p, 0, sizeof(*p));
	p->id = store_col_int(q, 0);
	p->name = store_col_dup(q, 1, a);
	p->issuer = store_col_dup(q, 2, a);
	p->client_id = store_col_dup(q, 3, a);
	p->scopes = store_col_dup(q, 4, a);
	p->allow_create = (int)store_col_int(q, 5);
	p->created_at = store_col_dup(q, 6, a);
}

static int sso_domains_of(struct store *db, struct arena *a, struct sso_provider *p,
			  struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_DOMAINS_OF, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p->id);
	size_t cap = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		p->domains = arena_grow(a, p->domains, sizeof(*p->domains), p->ndomains, &cap);
		struct sso_domain *d = &p->domains[p->ndomains++];
		d->domain = store_col_dup(q, 0, a);
		d->district_id = store_col_int(q, 1);
		d->district_name = store_col_dup(q, 2, a);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int sso_provider_list(struct store *db, struct arena *a, struct sso_provider **out, size_t *n,
		      struct cn_err *err)
{
	*out = NULL;
	*n = 0;
	struct store_stmt *q = store_prepare(db, SQL_PROVIDER_LIST, err);
	if (q == NULL)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		*out = arena_grow(a, *out, sizeof(**out), *n, &cap);
		sso_provider_row(q, a, &(*out)[(*n)++]);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < *n; i++)
		if (sso_domains_of(db, a, &(*out)[i], err))
			return -1;
	return 0;
}

int sso_provider_get(struct store *db, struct arena *a, int64_t id, struct sso_provider *out,
		     struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_PROVIDER_GET, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	if (rc == 1)
		sso_provider_row(q, a, out);
	store_done(q);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return cn_err_field(err, CN_ERR_NOT_FOUND, "id", "there is no sign-in provider %lld",
				    (long long)id);
	return sso_domains_of(db, a, out, err);
}

int sso_provider_remove(struct store *db, const struct actor *who, int64_t id, struct cn_err *err)
{
	struct arena *a = arena_new();
	struct sso_provider p;
	int ret = -1;
	if (sso_admin_only(db, who, a, err) || store_begin(db, err))
		goto out;
	if (sso_provider_get(db, a, id, &p, err))
		goto fail;
	struct store_stmt *q = store_prepare(db, SQL_PROVIDER_DELETE, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0 || audit_record(db, who, "delete", "sso_provider", id, sso_provider_json(a, &p),
				   NULL, err))
		goto fail;
	ret = store_commit(db, err);
	goto out;
fail:
	store_rollback(db);
out:
	arena_free(a);
	return ret;
}

void sso_provider_write(struct jw *w, const struct sso_provider *p)
{
	jw_obj_begin(w);
	jw_kv_int(w, "id", p->id);
	jw_kv_str(w, "name", p->name);
	jw_kv_str(w, "issuer", p->issuer);
	jw_kv_str(w, "client_id", p->client_id);
	jw_kv_str(w, "scopes", p->scopes);
	jw_kv_bool(w, "allow_create", p->allow_create);
	jw_key(w, "domains");
	jw_arr_begin(w);
	for (size_t i = 0; i < p->ndomains; i++) {
		jw_obj_begin(w);
		jw_kv_str(w, "domain", p->domains[i].domain);
		jw_kv_int(w, "district_id", p->domains[i].district_id);
		jw_kv_str(w, "district", p->domains[i].district_name);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_kv_str(w, "created_at", p->created_at);
	jw_obj_end(w);
}

int sso_redirect_uri(struct store *db, struct arena *a, const char **out, struct cn_err *err)
{
	const char *base;
	if (setting_get(db, a, SETTING_SITE_BASE_URL, &base, err))
		return -1;
	*out = arena_printf(a, "%ssso/callback", base);
	return 0;
}

/* The provider's secret and cached keys (in a). */
static int sso_secrets(struct store *db, struct arena *a, int64_t id, const char **secret,
		       const char **jwks, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_PROVIDER_SECRETS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	if (rc == 1) {
		*secret = store_col_dup(q, 0, a);
		*jwks = store_col_dup(q, 1, a);
	}
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "this sign-in provider has been removed from capnet; sign in "
				  "another way");
	return rc < 0 ? -1 : 0;
}

/* Records a refused or failed sign-in for the admins (in its own transaction), and
 * says it on the server's log. err is kept as it is. */
static void sso_log_failure(struct store *db, struct arena *a, int64_t provider_id,
			    const char *client, const char *email, const struct cn_err *why)
{
	char msg[600];
	cn_err_format(why, msg, sizeof(msg));
	fprintf(stderr, "capnet: single sign-on (provider %lld) refused%s%s: %s\n",
		(long long)provider_id, email ? " for " : "", email ? email : "", msg);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_str(&w, "outcome", "sign-in refused");
	jw_kv_str(&w, "reason", msg);
	jw_kv_str(&w, "email", email);
	jw_kv_str(&w, "client", client);
	jw_obj_end(&w);
	struct actor who = {0, "sso", 0};
	struct cn_err e2 = {0};
	const char *after = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	if (store_begin(db, &e2) == 0) {
		if (audit_record(db, &who, "other", "sso_provider", provider_id, NULL, after, &e2) ||
		    store_commit(db, &e2))
			store_rollback(db);
	}
}

int sso_start(struct store *db, struct arena *a, int64_t provider_id, const char *next,
	      char browser[AUTH_SECRET_LEN], const char **url, struct cn_err *err)
{
	struct sso_provider p;
	const char *redirect;
	if (sso_provider_get(db, a, provider_id, &p, err) || sso_redirect_uri(db, a, &redirect, err))
		return -1;
	struct oidc_meta meta;
	if (oidc_discover(a, p.issuer, &meta, err)) {
		struct cn_err why = *err;
		cn_err_set(err, CN_ERR_UNAVAILABLE,
			   "%s cannot be reached right now, so capnet cannot send you there to "
			   "sign in. Try again in a few minutes, or sign in with your password.",
			   p.name);
		sso_log_failure(db, a, provider_id, NULL, NULL, &why);
		return -1;
	}
	char state[OIDC_SECRET_LEN], nonce[OIDC_SECRET_LEN], verifier[OIDC_SECRET_LEN];
	char challenge[OIDC_SECRET_LEN], state_hash[AUTH_HASH_LEN], browser_hash[AUTH_HASH_LEN];
	oidc_random(state);
	oidc_random(nonce);
	oidc_random(verifier);
	oidc_pkce_challenge(verifier, challenge);
	person_secret_new(browser);
	person_secret_hash(state, state_hash);
	person_secret_hash(browser, browser_hash);
	time_t now = time(NULL);
	char now_s[TIME_ISO_LEN], exp_s[TIME_ISO_LEN];
	time_format_utc(now, now_s);
	time_format_utc(now + SSO_FLOW_SECONDS, exp_s);
	if (store_begin(db, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_FLOW_PURGE, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, now_s);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0 || (q = store_prepare(db, SQL_FLOW_ADD, err)) == NULL)
		goto fail;
	store_bind_text(q, 1, state_hash);
	store_bind_int(q, 2, provider_id);
	store_bind_text(q, 3, browser_hash);
	store_bind_text(q, 4, nonce);
	store_bind_text(q, 5, verifier);
	store_bind_text(q, 6, next);
	store_bind_text(q, 7, exp_s);
	rc = store_step(q, err);
	store_done(q);
	if (rc < 0 || store_commit(db, err))
		goto fail;
	struct buf u = BUF_INIT;
	buf_printf(&u, "%s%s", meta.authorization_endpoint,
		   strchr(meta.authorization_endpoint, '?') ? "&" : "?");
	const char *keys[] = {"response_type", "client_id", "redirect_uri", "scope", "state",
			      "nonce", "code_challenge", "code_challenge_method"};
	const char *vals[] = {"code", p.client_id, redirect, p.scopes, state, nonce, challenge, "S256"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		buf_printf(&u, "%s%s=", i ? "&" : "", keys[i]);
		for (const unsigned char *c = (const unsigned char *)vals[i]; *c; c++) {
			if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
			    (*c >= '0' && *c <= '9') || strchr("-._~", *c) != NULL)
				buf_putc(&u, (char)*c);
			else
				buf_printf(&u, "%%%02X", *c);
		}
	}
	*url = arena_strdup(a, buf_str(&u));
	buf_free(&u);
	return 0;
fail:
	store_rollback(db);
	return -1;
}

struct sso_flow {
	int64_t provider_id;
	const char *browser_hash, *nonce, *verifier, *next;
	time_t expires;
};

/* Uses the flow of state up: 0 with *f filled, or -1 with a refusal a person can act on
 * (f->provider_id still set when the flow was known, for the log). */
static int sso_flow_use(struct store *db, struct arena *a, const struct sso_callback *cb,
			struct sso_flow *f, struct cn_err *err)
{
	memset(f, 0, sizeof(*f));
	if (cb->state == NULL || strlen(cb->state) >= OIDC_SECRET_LEN + 8)
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "This sign-in link does not come from a sign-in started here. "
				  "Start again from the sign-in page.");
	char hash[AUTH_HASH_LEN], now_s[TIME_ISO_LEN];
	person_secret_hash(cb->state, hash);
	time_t now = time(NULL);
	time_format_utc(now, now_s);
	if (store_begin(db, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_FLOW_USE, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, hash);
	store_bind_text(q, 2, now_s);
	int rc = store_step(q, err);
	if (rc == 1) {
		f->provider_id = store_col_int(q, 0);
		f->browser_hash = store_col_dup(q, 1, a);
		f->nonce = store_col_dup(q, 2, a);
		f->verifier = store_col_dup(q, 3, a);
		f->next = store_col_dup(q, 4, a);
		if (time_parse_utc(store_col_text(q, 5), &f->expires))
			f->expires = 0;
	}
	store_done(q);
	if (rc < 0)
		goto fail;
	int seen = 0;
	if (rc == 0) {
		int64_t pid = 0;
		q = store_prepare(db, SQL_FLOW_SEEN, err);
		if (q == NULL)
			goto fail;
		store_bind_text(q, 1, hash);
		seen = store_step(q, err);
		if (seen == 1)
			pid = store_col_int(q, 0);
		store_done(q);
		if (seen < 0)
			goto fail;
		f->provider_id = pid;
	}
	if (store_commit(db, err))
		return -1;
	if (rc == 0 && seen)
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "This sign-in link has been used already, and works only once. "
				  "Start again from the sign-in page.");
	if (rc == 0)
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "This sign-in link is unknown or out of date. Start again from the "
				  "sign-in page.");
	if (now >= f->expires)
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "This sign-in took more than %d minutes and has expired. Start "
				  "again from the sign-in page.",
				  SSO_FLOW_SECONDS / 60);
	char given[AUTH_HASH_LEN];
	if (cb->browser == NULL || strlen(cb->browser) >= AUTH_SECRET_LEN)
		given[0] = '\0';
	else
		person_secret_hash(cb->browser, given);
	if (strcmp(given, f->browser_hash) != 0)
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "This sign-in was started in another browser (or its cookie was "
				  "lost). Start again from the sign-in page in this browser.");
	return 0;
fail:
	store_rollback(db);
	return -1;
}

/* Verifies the ID token, fetching the provider's keys again once when it is signed
 * by a key capnet has not seen (the provider rotated its keys). */
static int sso_verify(struct store *db, struct arena *a, int64_t provider_id,
		      const struct oidc_meta *meta, const char *jwks, const char *id_token,
		      const struct oidc_expect *x, struct oidc_claims *c, struct cn_err *err)
{
	int rc = jwks != NULL ? oidc_verify(a, id_token, jwks, x, c, err) : OIDC_UNKNOWN_KID;
	if (rc != OIDC_UNKNOWN_KID)
		return rc;
	if (oidc_fetch_jwks(a, meta->jwks_uri, &jwks, err))
		return -1;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	if (store_begin(db, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_PROVIDER_JWKS, err);
	if (q == NULL) {
		store_rollback(db);
		return -1;
	}
	store_bind_text(q, 1, jwks);
	store_bind_text(q, 2, now);
	store_bind_int(q, 3, provider_id);
	int st = store_step(q, err);
	store_done(q);
	if (st < 0) {
		store_rollback(db);
		return -1;
	}
	if (store_commit(db, err))
		return -1;
	rc = oidc_verify(a, id_token, jwks, x, c, err);
	if (rc == OIDC_UNKNOWN_KID)
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "the provider's ID token was refused: it is signed with a key the "
				  "provider does not publish");
	return rc;
}

/* "Ask Ada Admin (ada@example.org)": whom a person turned away should ask. */
static const char *sso_admins(struct store *db, struct arena *a)
{
	struct cn_err e = {0};
	struct store_stmt *q = store_prepare(db, SQL_ADMINS, &e);
	if (q == NULL)
		return "an administrator of capnet";
	struct buf b = BUF_INIT;
	int n = 0;
	while (store_step(q, &e) == 1) {
		const char *email = store_col_text(q, 3);
		buf_printf(&b, "%s%s %s%s%s%s", n++ ? ", or " : "", store_col_text(q, 1),
			   store_col_text(q, 2), email ? " (" : "", email ? email : "",
			   email ? ")" : "");
	}
	store_done(q);
	const char *out = n ? arena_printf(a, "capnet's administrator%s: %s", n > 1 ? "s" : "",
					   buf_str(&b))
			    : "an administrator of capnet";
	buf_free(&b);
	return out;
}

static int sso_link_add(struct store *db, struct arena *a, int64_t person_id, const char *issuer,
			const struct oidc_claims *c, int64_t provider_id, struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct store_stmt *q = store_prepare(db, SQL_LINK_ADD, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, person_id);
	store_bind_text(q, 2, issuer);
	store_bind_text(q, 3, c->subject);
	store_bind_int(q, 4, provider_id);
	store_bind_text(q, 5, now);
	int rc = store_step(q, err);
	int64_t id = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc <= 0)
		return -1;
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_id(&w, "person_id", person_id);
	jw_kv_str(&w, "issuer", issuer);
	jw_kv_str(&w, "subject", c->subject);
	jw_kv_str(&w, "email", c->email);
	jw_obj_end(&w);
	const char *after = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	char label[40];
	snprintf(label, sizeof(label), "person:%lld", (long long)person_id);
	struct actor who = {person_id, label, 0};
	return audit_record(db, &who, "create", "sso_link", id, NULL, after, err);
}

/* Makes a member of district for c (names from the token, else the email's). */
static int sso_person_make(struct store *db, struct arena *a, const struct oidc_claims *c,
			   int64_t district_id, const char *provider_name, int64_t *id,
			   struct cn_err *err)
{
	const char *given = c->given_name, *family = c->family_name;
	if (given == NULL || given[0] == '\0' || family == NULL || family[0] == '\0') {
		const char *full = c->name != NULL && c->name[0] ? c->name : c->email;
		const char *sp = strrchr(full, ' ');
		if (sp != NULL && sp != full && sp[1] != '\0') {
			given = arena_strndup(a, full, (size_t)(sp - full));
			family = sp + 1;
		} else {
			given = arena_strndup(a, full, strcspn(full, "@"));
			family = "-";
		}
	}
	struct rec *p = rec_new(a, &person_entity), *m = rec_new(a, &membership_entity);
	char label[140];
	snprintf(label, sizeof(label), "sso:%s", provider_name);
	struct actor who = actor_system(label);
	if (rec_set_text(p, a, "given_name", given, err) ||
	    rec_set_text(p, a, "family_name", family, err) ||
	    rec_set_text(p, a, "email", c->email, err) ||
	    rec_set_int(m, "org_id", district_id, err) || rec_set_text(m, a, "role", "member", err) ||
	    person_create(db, &who, a, p, m, NULL, err))
		return -1;
	*id = p->id;
	return 0;
}

/* Finds, links or makes the person c names, in the caller's transaction. */
static int sso_person(struct store *db, struct arena *a, const struct sso_provider *p,
		      const struct oidc_claims *c, int64_t *person_id, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_LINK_FIND, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, p->issuer);
	store_bind_text(q, 2, c->subject);
	int rc = store_step(q, err);
	int active = 0;
	if (rc == 1) {
		*person_id = store_col_int(q, 0);
		active = (int)store_col_int(q, 1);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		rc = person_find_email(db, c->email, person_id, err);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			int64_t act = 0;
			if (store_query_int(db, SQL_PERSON_ACTIVE, person_id, 1, &act, err) < 0)
				return -1;
			active = (int)act;
			if (active && sso_link_add(db, a, *person_id, p->issuer, c, p->id, err))
				return -1;
		}
	}
	if (rc == 1 && !active)
		return cn_err_set(err, CN_ERR_FORBIDDEN,
				  "Your capnet account (%s) is switched off, so you cannot sign in. "
				  "If you think it should not be, ask %s.",
				  c->email, sso_admins(db, a));
	if (rc == 1)
		return 0;
	const char *at = strrchr(c->email, '@');
	char domain[256];
	snprintf(domain, sizeof(domain), "%s", at ? at + 1 : "");
	for (char *d = domain; *d; d++)
		if (*d >= 'A' && *d <= 'Z')
			*d = (char)(*d + 32);
	int64_t district = 0;
	q = store_prepare(db, SQL_DOMAIN_DISTRICT, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p->id);
	store_bind_text(q, 2, domain);
	rc = store_step(q, err);
	if (rc == 1)
		district = store_col_int(q, 0);
	store_done(q);
	if (rc < 0)
		return -1;
	if (district == 0 || !p->allow_create)
		return cn_err_set(err, CN_ERR_FORBIDDEN,
				  "%s vouches for %s, but there is no capnet account with that "
				  "address yet. Ask %s to add you; then sign in here again.",
				  p->name, c->email, sso_admins(db, a));
	if (sso_person_make(db, a, c, district, p->name, person_id, err))
		return -1;
	return sso_link_add(db, a, *person_id, p->issuer, c, p->id, err);
}

int sso_finish(struct store *db, struct arena *a, const struct auth_config *cfg,
	       const struct sso_callback *cb, char session_id[AUTH_SECRET_LEN],
	       struct auth_session *s, const char **next, struct cn_err *err)
{
	struct sso_flow f;
	struct sso_provider p = {0};
	struct oidc_claims c = {0};
	if (sso_flow_use(db, a, cb, &f, err))
		goto refused;
	if (cb->error != NULL) {
		if (strcmp(cb->error, "access_denied") == 0)
			cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				   "You are not signed in: the sign-in was cancelled, or permission "
				   "to share your account with capnet was refused. To sign in, try "
				   "again and accept, or use your password.");
		else
			cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				   "The provider could not sign you in (it said \"%.60s%s%.200s\"). "
				   "Try again, or sign in with your password.",
				   cb->error, cb->error_description ? ": " : "",
				   cb->error_description ? cb->error_description : "");
		goto refused;
	}
	const char *secret = NULL, *jwks = NULL, *redirect, *id_token;
	struct oidc_meta meta;
	if (sso_provider_get(db, a, f.provider_id, &p, err) ||
	    sso_secrets(db, a, f.provider_id, &secret, &jwks, err) ||
	    sso_redirect_uri(db, a, &redirect, err))
		goto refused;
	if (cb->code == NULL || cb->code[0] == '\0') {
		cn_err_set(err, CN_ERR_UNAUTHENTICATED,
			   "The provider sent you back without a sign-in code. Start again from "
			   "the sign-in page.");
		goto refused;
	}
	if (oidc_discover(a, p.issuer, &meta, err) ||
	    oidc_exchange_code(a, &meta, p.client_id, secret, cb->code, redirect, f.verifier,
			       &id_token, err))
		goto unreachable;
	struct oidc_expect x = {p.issuer, p.client_id, f.nonce, time(NULL), SSO_SKEW};
	if (sso_verify(db, a, p.id, &meta, jwks, id_token, &x, &c, err))
		goto unreachable;
	if (c.email == NULL || !c.email_verified) {
		cn_err_set(err, CN_ERR_FORBIDDEN,
			   "%s has not verified the email address %s, and capnet signs people in "
			   "only by verified addresses. Verify it with %s, or ask %s.",
			   p.name, c.email ? c.email : "(none given)", p.name, sso_admins(db, a));
		goto refused;
	}
	int64_t person_id = 0;
	if (store_begin(db, err))
		goto refused;
	struct buf how = BUF_INIT;
	struct jw w;
	jw_init(&w, &how);
	jw_obj_begin(&w);
	jw_kv_str(&w, "via", "sso");
	jw_kv_id(&w, "provider_id", p.id);
	jw_kv_str(&w, "provider", p.name);
	jw_kv_str(&w, "email", c.email);
	jw_obj_end(&w);
	int rc = sso_person(db, a, &p, &c, &person_id, err) ||
		 auth_sign_in_as(db, cfg, person_id, buf_str(&how), session_id, s, err);
	buf_free(&how);
	if (rc) {
		store_rollback(db);
		goto refused;
	}
	if (store_commit(db, err))
		goto refused;
	*next = f.next;
	return 0;
unreachable:
	if (err->kind == CN_ERR_UNAVAILABLE) {
		struct cn_err why = *err;
		sso_log_failure(db, a, f.provider_id, cb->client, c.email, &why);
		return cn_err_set(err, CN_ERR_UNAVAILABLE,
				  "%s cannot be reached right now, so the sign-in could not be "
				  "finished. Try again in a few minutes, or sign in with your "
				  "password.",
				  p.name ? p.name : "The sign-in provider");
	}
	if (err->kind == CN_ERR_UNAUTHENTICATED || err->kind == CN_ERR_INPUT) {
		struct cn_err why = *err;
		sso_log_failure(db, a, f.provider_id, cb->client, c.email, &why);
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "%s's answer could not be trusted, so you are not signed in. Start "
				  "again from the sign-in page; if it happens again, tell %s (the "
				  "details are in capnet's audit log).",
				  p.name ? p.name : "The sign-in provider", sso_admins(db, a));
	}
refused:
	if (err->kind != CN_ERR_INTERNAL)
		sso_log_failure(db, a, f.provider_id, cb->client, c.email, err);
	return -1;
}
