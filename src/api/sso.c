/* sso: the sign-in providers over the API, for admins: list, read, connect, remove.
 * A provider's client secret goes in and never comes out. */
#include <string.h>

#include "api/decode.h"
#include "api/resource.h"
#include "app/sso/sso.h"
#include "http/allow.h"

static int sso_list(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct sso_provider *list;
	size_t n;
	if (http_allow_any(rq, POLICY_READ, "sso_provider", err) ||
	    sso_provider_list(rq->db, rq->a, &list, &n, err))
		return -1;
	struct jw w;
	api_items_begin(rs, &w);
	for (size_t i = 0; i < n; i++)
		sso_provider_write(&w, &list[i]);
	api_items_end(&w, 0, 0);
	return 0;
}

static int sso_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int64_t id;
	struct sso_provider p;
	if (http_allow_any(rq, POLICY_READ, "sso_provider", err) || http_param_id(rq, "id", &id, err) ||
	    sso_provider_get(rq->db, rq->a, id, &p, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	sso_provider_write(&w, &p);
	return 0;
}

static const struct route_field sso_body[] = {
	{"name", "string", 1, NULL, "the sign-in button's text, e.g. Sign in with Tradewater Google"},
	{"issuer", "string", 1, NULL, "the provider's issuer, e.g. https://accounts.google.com"},
	{"client_id", "string", 1, NULL, "the client id the provider gave capnet"},
	{"client_secret", "string", 1, NULL, "the client secret (never shown again)"},
	{"scopes", "string", 0, NULL, "space separated, with openid (default: openid email profile)"},
	{"allow_create", "boolean", 0, NULL,
	 "make a person of a listed domain who is not in capnet a member of its district"},
	{"domains", "array", 0, NULL,
	 "strings \"domain=district\" (the district's name or id), e.g. "
	 "\"tradewater.kyschools.us=Tradewater County\""},
	{NULL, NULL, 0, NULL, NULL},
};

static int sso_create(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	json_t *root = NULL;
	if (http_allow_any(rq, POLICY_CREATE, "sso_provider", err) || api_body(rq, &root, err))
		return -1;
	struct sso_provider in = {0};
	int ret = -1;
	const char *key;
	json_t *v;
	json_object_foreach(root, key, v)
	{
		size_t i = 0;
		while (sso_body[i].name != NULL && strcmp(sso_body[i].name, key) != 0)
			i++;
		if (sso_body[i].name == NULL) {
			cn_err_field(err, CN_ERR_INPUT, key,
				     "is not a field of a sign-in provider; the fields are name, "
				     "issuer, client_id, client_secret, scopes, allow_create, domains");
			goto out;
		}
		if (strcmp(key, "allow_create") == 0) {
			if (!json_is_boolean(v)) {
				cn_err_field(err, CN_ERR_INPUT, key, "must be true or false");
				goto out;
			}
			in.allow_create = json_is_true(v);
		} else if (strcmp(key, "domains") == 0) {
			if (!json_is_array(v)) {
				cn_err_field(err, CN_ERR_INPUT, key,
					     "must be a list of \"domain=district\" strings");
				goto out;
			}
			in.ndomains = json_array_size(v);
			in.domains = arena_alloc(rq->a, (in.ndomains + 1) * sizeof(*in.domains));
			for (size_t j = 0; j < in.ndomains; j++)
				if (sso_domain_parse(rq->a, json_string_value(json_array_get(v, j)),
						     "domains", &in.domains[j], err))
					goto out;
		} else {
			if (!json_is_string(v)) {
				cn_err_field(err, CN_ERR_INPUT, key, "must be a string");
				goto out;
			}
			const char *s = arena_strdup(rq->a, json_string_value(v));
			if (strcmp(key, "name") == 0)
				in.name = s;
			else if (strcmp(key, "issuer") == 0)
				in.issuer = s;
			else if (strcmp(key, "client_id") == 0)
				in.client_id = s;
			else if (strcmp(key, "client_secret") == 0)
				in.client_secret = s;
			else
				in.scopes = s;
		}
	}
	int64_t id;
	struct sso_provider p;
	if (sso_provider_add(rq->db, &rq->who, rq->a, &in, &id, err) ||
	    sso_provider_get(rq->db, rq->a, id, &p, err))
		goto out;
	struct jw w;
	api_json(rs, &w, 201);
	http_resp_header(rs, "Location", arena_printf(rq->a, "/api/v1/sso/providers/%lld", (long long)id));
	sso_provider_write(&w, &p);
	ret = 0;
out:
	json_decref(root);
	return ret;
}

static int sso_delete(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int64_t id;
	if (http_allow_any(rq, POLICY_DELETE, "sso_provider", err) || http_param_id(rq, "id", &id, err) ||
	    sso_provider_remove(rq->db, &rq->who, id, err))
		return -1;
	api_no_content(rs);
	return 0;
}

static const struct route sso_routes[] = {
	{"GET", "/api/v1/sso/providers", sso_list, "sso_provider", POLICY_READ, NULL, 0,
	 "The connected sign-in providers, without secrets (admins)", NULL, NULL},
	{"POST", "/api/v1/sso/providers", sso_create, "sso_provider", POLICY_CREATE, NULL, 0,
	 "Connect an OpenID Connect sign-in provider (admins); its discovery document must be "
	 "readable",
	 sso_body, NULL},
	{"GET", "/api/v1/sso/providers/{id}", sso_get, "sso_provider", POLICY_READ, NULL, 0,
	 "One sign-in provider, without its secret (admins)", NULL, NULL},
	{"DELETE", "/api/v1/sso/providers/{id}", sso_delete, "sso_provider", POLICY_DELETE, NULL, 0,
	 "Remove a sign-in provider (admins); people's links to their accounts stay", NULL, NULL},
};

size_t api_sso_routes(const struct route **out)
{
	*out = sso_routes;
	return sizeof(sso_routes) / sizeof(sso_routes[0]);
}
