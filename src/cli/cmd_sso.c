/* cmd_sso: `capnet sso add|list|remove`: the OpenID Connect providers people sign in
 * with (app/sso/sso.h). */
#include <stdio.h>
#include <string.h>

#include "app/sso/sso.h"
#include "cli/cli.h"
#include "core/json.h"

static const char *const sso_columns[] = {"id", "name", "issuer", "client_id", "allow_create",
					  "domains", NULL};

static int sso_add(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"name", 1, "the sign-in button's text, e.g. \"Sign in with Tradewater Google\""},
		{"issuer", 1, "the provider's issuer, e.g. https://accounts.google.com"},
		{"client-id", 1, "the client id the provider gave capnet"},
		{"client-secret-file", 1, "a file holding the client secret (- reads standard input)"},
		{"client-secret", 1, "or the secret itself (seen by other users in the process list)"},
		{"scopes", 1, "space separated, with openid (default \"openid email profile\")"},
		{"domain", 1, "DOMAIN=DISTRICT (name or id), once per email domain the provider "
			      "vouches for"},
		{"allow-create", 0, "make a person of such a domain who is not in capnet yet a "
				    "member of that district at first sign-in"},
		{NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 0,
			       "capnet sso add --name TEXT --issuer URL --client-id ID\n"
			       "       (--client-secret-file FILE | --client-secret SECRET)\n"
			       "       [--scopes \"openid email profile\"] [--domain DOMAIN=DISTRICT ...]\n"
			       "       [--allow-create]\n"
			       "Connects an OpenID Connect provider; its discovery document must be\n"
			       "readable now. Register the redirect address it prints with the provider.",
			       &a);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct sso_provider in = {
		.name = args_get(&a, "name"),
		.issuer = args_get(&a, "issuer"),
		.client_id = args_get(&a, "client-id"),
		.client_secret = args_get(&a, "client-secret"),
		.scopes = args_get(&a, "scopes"),
		.allow_create = args_has(&a, "allow-create"),
	};
	const char *file = args_get(&a, "client-secret-file");
	if (file != NULL) {
		char *text;
		size_t n;
		if ((rc = cli_read_file(c, file, 4096, &text, &n)) != CLI_OK)
			return rc;
		while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
			text[--n] = '\0';
		in.client_secret = text;
	}
	struct cn_err err = {0};
	in.domains = arena_alloc(c->a, (a.nopt + 1) * sizeof(*in.domains));
	for (size_t i = 0; i < a.nopt; i++)
		if (strcmp(a.name[i], "domain") == 0 &&
		    sso_domain_parse(c->a, a.value[i], "--domain", &in.domains[in.ndomains++], &err))
			return cli_fail(&err);
	int64_t id;
	const char *redirect;
	if (sso_provider_add(c->db, &c->who, c->a, &in, &id, &err) ||
	    sso_redirect_uri(c->db, c->a, &redirect, &err))
		return cli_fail(&err);
	printf("%lld\n", (long long)id);
	fprintf(stderr, "capnet: provider %lld connected; its redirect address is %s\n",
		(long long)id, redirect);
	return CLI_OK;
}

static int sso_list(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, "table, json or csv"}, {NULL, 0, NULL}};
	struct args a;
	enum output_format fmt;
	int rc = cli_verb_args(c, argc, argv, opts, 0,
			       "capnet sso list [--format table|json|csv]\n"
			       "The connected providers and the domains they vouch for (never secrets).",
			       &a);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct sso_provider *list;
	size_t n;
	struct cn_err err = {0};
	if (sso_provider_list(c->db, c->a, &list, &n, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_arr_begin(&w);
	for (size_t i = 0; i < n; i++)
		sso_provider_write(&w, &list[i]);
	jw_arr_end(&w);
	rc = cli_print(&b, fmt, sso_columns);
	buf_free(&b);
	return rc;
}

static int sso_remove(struct cli *c, int argc, char **argv)
{
	struct args a;
	int64_t id;
	int rc = cli_verb_args(c, argc, argv, NULL, 1,
			       "capnet sso remove ID\n"
			       "Its button leaves the sign-in page and sign-ins under way with it\n"
			       "fail; people's links to their provider accounts stay.",
			       &a);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "provider", &id))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (sso_provider_remove(c->db, &c->who, id, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: provider %lld removed\n", (long long)id);
	return CLI_OK;
}

static const struct cli_verb sso_verbs[] = {
	{"add", sso_add,
	 "add --name TEXT --issuer URL --client-id ID --client-secret-file FILE "
	 "[--scopes S] [--domain DOMAIN=DISTRICT ...] [--allow-create]"},
	{"list", sso_list, "list [--format table|json|csv]"},
	{"remove", sso_remove, "remove ID"},
	{NULL, NULL, NULL},
};

int cmd_sso(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, "sso",
			    "single sign-on: the OpenID Connect providers people sign in with",
			    sso_verbs, argc - 1, argv + 1);
}
