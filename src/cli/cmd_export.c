/* cmd_export: `capnet export ical`: the iCalendar feed of a network's meetings or of a
 * team's PD sessions, the same feed a calendar subscription gets. */
#include <stdio.h>
#include <string.h>

#include "app/network/calendar.h"
#include "cli/cli.h"
#include "core/buf.h"

static int export_ical(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"network", 1, NULL}, {"team", 1, NULL},
					       {"output", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet export ical --network ID | --team ID [--output FILE]\n"
		       "Prints an iCalendar (RFC 5545) feed: a network's meetings, or a district\n"
		       "team's PD sessions (planned ones tentative). Events keep stable UIDs and\n"
		       "their own time zones, each described by a VTIMEZONE.\n");
		return CLI_OK;
	}
	if (a.npos > 0 || args_has(&a, "network") == args_has(&a, "team"))
		return cli_usage("export ical needs exactly one of --network ID or --team ID");
	int64_t id;
	int network = args_has(&a, "network");
	if (cli_id(args_get(&a, network ? "network" : "team"), network ? "--network" : "--team",
		   &id))
		return CLI_USAGE;
	struct cn_err err = {0};
	struct ical_calendar cal;
	if (cli_db(c, &err) ||
	    (network ? calendar_network(c->db, c->a, id, &cal, &err)
		     : calendar_team(c->db, c->a, id, &cal, &err)))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	if (ical_write(&cal, &b, &err)) {
		buf_free(&b);
		return cli_fail(&err);
	}
	const char *output = args_get(&a, "output");
	FILE *f = output ? fopen(output, "w") : stdout;
	int ok = f != NULL && fwrite(b.data, 1, b.len, f) == b.len;
	if (f != NULL && f != stdout && fclose(f) != 0)
		ok = 0;
	buf_free(&b);
	if (!ok) {
		cn_err_field(&err, CN_ERR_INPUT, "output", "%s could not be written",
			     output ? output : "standard output");
		return cli_fail(&err);
	}
	fprintf(stderr, "capnet: %zu event%s\n", cal.count, cal.count == 1 ? "" : "s");
	return CLI_OK;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	if (strcmp(sub, "ical") == 0)
		return export_ical(c, argc - 2, argv + 2);
	printf("usage: capnet export ical --network ID | --team ID [--output FILE]\n");
	return strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 ? CLI_OK : CLI_USAGE;
}
