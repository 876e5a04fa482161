/* cmd_calendar_token: `capnet calendar-token create|list|revoke`: calendar subscription
 * addresses for a person, each with its own revocable token (app/network/calendar_token.h). */
#include <stdio.h>
#include <string.h>

#include "app/network/calendar_token.h"
#include "cli/cli.h"
#include "core/json.h"

static const char *const token_columns[] = {"id",	  "person_id",	"scope", "name",
					    "created_at", "revoked_at", NULL};

static int token_create(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"network", 1, "the network whose meetings the calendar shows"},
		{"team", 1, "or the team whose PD sessions it shows"},
		{"email", 1, "the person it is for: email or id (required)"},
		{NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 0,
			       "capnet calendar-token create --network ID|--team ID --email PERSON\n"
			       "Prints the subscription address /calendar/TOKEN.ics (put the site's\n"
			       "address before it). The token is shown once and stored only as a\n"
			       "hash; the calendar shows only what the person may read.",
			       &a);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (!args_has(&a, "email") || args_has(&a, "network") == args_has(&a, "team"))
		return cli_usage("calendar-token create needs --email and exactly one of --network "
				 "ID or --team ID");
	int network = args_has(&a, "network");
	int64_t id = 0, person = 0;
	if (cli_id(args_get(&a, network ? "network" : "team"), network ? "--network" : "--team",
		   &id))
		return CLI_USAGE;
	rc = cli_person(c, args_get(&a, "email"), "--email", &person);
	if (rc != CLI_OK)
		return rc;
	struct cn_err err = {0};
	char *secret = NULL;
	struct calendar_token t;
	if (calendar_token_create(c->db, &c->who, c->a, person, network ? id : 0, network ? 0 : id,
				  &secret, &t, &err))
		return cli_fail(&err);
	printf("%s\n", calendar_token_path(c->a, secret));
	fprintf(stderr,
		"capnet: calendar token %lld for person %lld (%s %s); the address is not shown "
		"again\n",
		(long long)t.id, (long long)person, t.scope, t.name);
	return CLI_OK;
}

static int token_list(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"email", 1, "only this person's: email or id"},
					       {"format", 1, "table, json or csv"},
					       {NULL, 0, NULL}};
	struct args a;
	enum output_format fmt;
	int rc = cli_verb_args(c, argc, argv, opts, 0,
			       "capnet calendar-token list [--email PERSON] [--format F]\n"
			       "Calendar tokens, newest first, live and revoked.",
			       &a);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	int64_t person = 0;
	if (args_has(&a, "email") &&
	    (rc = cli_person(c, args_get(&a, "email"), "--email", &person)) != CLI_OK)
		return rc;
	struct cn_err err = {0};
	struct calendar_token *t = NULL;
	size_t n = 0;
	if (calendar_token_list(c->db, c->a, person, &t, &n, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_arr_begin(&w);
	for (size_t i = 0; i < n; i++)
		calendar_token_json(&w, &t[i]);
	jw_arr_end(&w);
	rc = cli_print(&b, fmt, token_columns);
	buf_free(&b);
	return rc;
}

static int token_revoke(struct cli *c, int argc, char **argv)
{
	struct args a;
	int64_t id;
	int rc = cli_verb_args(c, argc, argv, NULL, 1,
			       "capnet calendar-token revoke ID\n"
			       "The address stops working at once.",
			       &a);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "calendar token", &id))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (calendar_token_revoke(c->db, &c->who, id, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: calendar token %lld revoked\n", (long long)id);
	return CLI_OK;
}

static const struct cli_verb token_verbs[] = {
	{"create", token_create, "create --network ID|--team ID --email PERSON"},
	{"list", token_list, "list [--email PERSON] [--format table|json|csv]"},
	{"revoke", token_revoke, "revoke ID"},
	{NULL, NULL, NULL},
};

int cmd_calendar_token(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, "calendar-token",
			    "calendar subscription addresses, each with its own revocable token",
			    token_verbs, argc - 1, argv + 1);
}
