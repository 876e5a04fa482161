/* cmd_mail: `capnet mail list|test`: the outbox of messages capnet sends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/mail/outbox.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"

static void mail_help(void)
{
	printf("usage: capnet mail list [--status queued|sending|sent|failed] [--limit N]\n"
	       "                        [--format table|json|csv]\n"
	       "       capnet mail test --to ADDRESS [--name NAME]\n"
	       "The outbox: every message capnet sends (invitations, password resets,\n"
	       "notifications) is kept with its status, attempts and last error, newest first.\n"
	       "`capnet serve --smtp-url URL` delivers it; without one, messages wait there.\n"
	       "`test` queues a short message to ADDRESS, to check the mail settings.\n");
}

int cmd_mail(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"status", 1, NULL}, {"limit", 1, NULL},
					       {"format", 1, NULL}, {"to", 1, NULL},
					       {"name", 1, NULL},   {NULL, 0, NULL}};
	const char *verb = argc > 1 ? argv[1] : "";
	int known = strcmp(verb, "list") == 0 || strcmp(verb, "test") == 0;
	struct args a;
	if (!known || args_parse(argc - 2, argv + 2, opts, 0, &a) || a.help || a.npos != 0) {
		int help =
		    known ? a.help : (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0);
		mail_help();
		return help ? CLI_OK : CLI_USAGE;
	}
	struct cn_err err = {0};
	if (strcmp(verb, "test") == 0) {
		if (!args_has(&a, "to"))
			return cli_usage("mail test needs --to ADDRESS");
		int64_t id = 0;
		if (cli_db(c, &err) || outbox_queue_test(c->db, &c->who, c->a, args_get(&a, "to"),
							 args_get(&a, "name"), &id, &err))
			return cli_fail(&err);
		printf("%lld\n", (long long)id);
		fprintf(stderr, "capnet: message %lld queued for %s\n", (long long)id,
			args_get(&a, "to"));
		return CLI_OK;
	}
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	long limit = 100;
	if (args_has(&a, "limit")) {
		char *end = NULL;
		limit = strtol(args_get(&a, "limit"), &end, 10);
		if (*end != '\0' || limit < 1 || limit > 10000)
			return cli_usage("--limit must be a whole number from 1 to 10000");
	}
	struct outbox_item *items;
	size_t n;
	if (cli_db(c, &err) ||
	    outbox_list(c->db, c->a, args_get(&a, "status"), (int)limit, &items, &n, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_arr_begin(&w);
	for (size_t i = 0; i < n; i++)
		outbox_item_json(&w, &items[i]);
	jw_arr_end(&w);
	static const char *const columns[] = {"id",	    "created_at", "kind",     "to",
					      "subject",    "status",	  "attempts", "sent_at",
					      "last_error", NULL};
	output_print(stdout, fmt, buf_str(&b), columns);
	buf_free(&b);
	return CLI_OK;
}
