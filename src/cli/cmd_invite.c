/* cmd_invite: `capnet invite`: invites a person by email (app/access/account.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/account.h"
#include "cli/cli.h"

int cmd_invite(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
	    {"email", 1, "the address the invitation goes to; they sign in with it"},
	    {"given-name", 1, "their given name"},
	    {"family-name", 1, "their family name"},
	    {"org", 1, "the organization id of their first role"},
	    {"role", 1, "admin, facilitator, district_lead, member or partner"},
	    {NULL, 0, NULL}};
	struct args a;
	int rc =
	    cli_verb_args(c, argc - 1, argv + 1, opts, 0,
			  "capnet invite --email ADDRESS --given-name NAME --family-name NAME "
			  "--org ID --role ROLE\n"
			  "Makes the person with a first role and mails them a link, good once "
			  "for 7 days, to\n"
			  "choose a password (the outbox: capnet mail list). Inviting again "
			  "someone who has\n"
			  "not chosen one yet replaces the link.",
			  &a);
	if (rc < 0)
		return CLI_OK;
	if (rc != CLI_OK)
		return rc;
	int64_t org = 0;
	if (!args_has(&a, "org") || cli_id(args_get(&a, "org"), "--org", &org))
		return cli_usage("invite needs --org ID (see capnet invite --help)");
	struct account_invitation in = {.email = args_get(&a, "email"),
					.given_name = args_get(&a, "given-name"),
					.family_name = args_get(&a, "family-name"),
					.org_id = org,
					.role = args_get(&a, "role")};
	struct cn_err err = {0};
	int64_t id = 0;
	int resent = 0;
	if (account_invite(c->db, &c->who, c->a, &in, &id, &resent, &err))
		return cli_fail(&err);
	printf("%lld\n", (long long)id);
	fprintf(stderr, "capnet: invitation %s to %s\n", resent ? "sent again" : "queued",
		in.email);
	return CLI_OK;
}
