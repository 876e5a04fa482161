/* main: capnet's command line. Global options come before the command; each command
 * parses its own. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/org/person.h"
#include "cli/cli.h"
#include "core/arena.h"

struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{"init", cmd_init, "create the database or bring its schema up to date"},
	{"demo", cmd_demo, "load a demo into an empty database; print its sign-in accounts"},
	{"serve", cmd_serve, "serve the JSON API over HTTP"},
	{"invite", cmd_invite, "invite a person by email to choose a password"},
	{"user", cmd_user, "people who sign in: add, list, passwd, role"},
	{"sso", cmd_sso, "single sign-on: OpenID Connect providers: add, list, remove"},
	{"token", cmd_token, "bearer tokens for integrations: create, revoke"},
	{"org", cmd_org, "organizations: state agency, cooperatives, districts, schools, ..."},
	{"relationship", cmd_relationship, "partnerships, MOUs and services between organizations"},
	{"network", cmd_network, "leadership networks and their facilitators"},
	{"team", cmd_team, "district teams in a network and their members"},
	{"meeting", cmd_meeting, "network meetings, agendas and attendance"},
	{"migrate-data", cmd_migrate_data, "copy an installation to another database, verified"},
	{"backup", cmd_backup, "a consistent copy of a SQLite database while it serves"},
	{"restore", cmd_restore, "a backup into a new, empty database, verified"},
	{"deliverable", cmd_deliverable, "deliverables: versions, reviews, adaptations, targets"},
	{"mail", cmd_mail, "the outbox of email: list what is queued, sent or failed"},
	{"setting", cmd_setting, "site settings: similarity thresholds, CASE base URI"},
	{"standards", cmd_standards, "academic standards frameworks: list, tree, show, find"},
	{"import", cmd_import, "bring data in: OneRoster 1.1 rosters, CASE standards"},
	{"pd", cmd_pd, "PLC schedules, PD sessions the teams deliver, and attendees"},
	{"walkthrough", cmd_walkthrough, "classroom walkthroughs: is a strategy in use?"},
	{"reflection", cmd_reflection, "reflections on network meetings, private or shared"},
	{"report", cmd_report, "reports: the capacity-building profile"},
	{"export", cmd_export, "exports: iCalendar feeds of meetings and PD sessions"},
	{"assessment", cmd_assessment, "needs assessments: instruments, ratings, challenges"},
	{"plan", cmd_plan, "professional-learning plans: goals, actions, versions, exports"},
	{"library", cmd_library, "strategies, resources, tools and research; search; try-outs"},
	{"calendar-token", cmd_calendar_token, "calendar subscription addresses: create, list, revoke"},
	{"audit", cmd_audit, "the audit log: every change, by whom, when; filters"},
	{"routes", cmd_routes, "what serve answers: the API's and the pages' routes"},
	{NULL, NULL, NULL},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: capnet [--db URL] COMMAND [ARGS]\n\n"
		   "capnet runs capacity-building leadership networks: meetings, district\n"
		   "teams, needs assessments, plans, and the evidence of capacity built.\n\n"
		   "Commands:\n");
	for (const struct command *c = commands; c->name != NULL; c++)
		fprintf(f, "  %-13s %s\n", c->name, c->summary);
	fprintf(f, "\nOptions:\n"
		   "  --db URL      database (default: $CAPNET_DB, else %s)\n"
		   "  --help        this text; `capnet COMMAND --help` for a command\n"
		   "  --version     print the version\n\n"
		   "Exit status: 0 ok, 1 failure, 2 usage error.\n",
		STORE_DEFAULT_URL);
}

int cli_db(struct cli *c, struct cn_err *err)
{
	if (c->db != NULL)
		return 0;
	if (store_open(c->db_url, &c->db, err))
		return -1;
	if (store_require_current(c->db, err)) {
		store_close(c->db);
		c->db = NULL;
		return -1;
	}
	return 0;
}

int cli_fail(const struct cn_err *err)
{
	char line[1024];
	cn_err_format(err, line, sizeof(line));
	fprintf(stderr, "capnet: %s\n", line);
	return cn_err_exit_code(err->kind) ? cn_err_exit_code(err->kind) : CLI_FAIL;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("capnet: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return CLI_USAGE;
}

int cli_id(const char *s, const char *what, int64_t *out)
{
	char *end = NULL;
	long long v = s ? strtoll(s, &end, 10) : 0;
	if (s == NULL || *s == '\0' || *end != '\0' || v <= 0) {
		cli_usage("%s: '%s' is not an id (a positive whole number)", what, s ? s : "");
		return -1;
	}
	*out = v;
	return 0;
}

int cli_person(struct cli *c, const char *s, const char *what, int64_t *out)
{
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	if (s == NULL || strchr(s, '@') == NULL) {
		if (cli_id(s, what, out))
			return CLI_USAGE;
		struct rec *p = NULL;
		if (rec_get(c->db, c->a, &person_entity, *out, &p, &err))
			return cli_fail(&err);
		return CLI_OK;
	}
	int rc = person_find_email(c->db, s, out, &err);
	if (rc < 0)
		return cli_fail(&err);
	if (rc == 0) {
		fprintf(stderr, "capnet: %s: no person has the email %s\n", what, s);
		return CLI_FAIL;
	}
	return CLI_OK;
}

int cli_read_file(struct cli *c, const char *path, size_t max, char **out, size_t *n)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "capnet: %s: %s\n", path, strerror(errno));
		return CLI_FAIL;
	}
	char *buf = arena_alloc(c->a, max + 2);
	size_t got = fread(buf, 1, max + 1, f);
	int bad = ferror(f);
	if (!is_stdin)
		fclose(f);
	if (bad) {
		fprintf(stderr, "capnet: %s: cannot read it\n", is_stdin ? "standard input" : path);
		return CLI_FAIL;
	}
	if (got > max) {
		fprintf(stderr, "capnet: %s: is larger than %zu bytes, the most allowed\n",
			is_stdin ? "standard input" : path, max);
		return CLI_FAIL;
	}
	buf[got] = '\0';
	*out = buf;
	*n = got;
	return CLI_OK;
}

int cli_verb_args(struct cli *c, int argc, char **argv, const struct args_opt *opts,
		  size_t want, const char *usage, struct args *a)
{
	if (args_parse(argc, argv, opts, 0, a))
		return CLI_USAGE;
	if (a->help) {
		printf("usage: %s\n", usage);
		for (const struct args_opt *o = opts; o != NULL && o->name != NULL; o++) {
			char left[64];
			if (o->help == NULL)
				continue;
			snprintf(left, sizeof(left), "--%s%s", o->name, o->takes_value ? " X" : "");
			printf("  %-26s %s\n", left, o->help);
		}
		return -1;
	}
	if (a->npos != want)
		return cli_usage("usage: %s", usage);
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	return CLI_OK;
}

int cli_format(const struct args *a, enum output_format *out)
{
	return output_format_parse(args_get(a, "format"), out);
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	const char *env = getenv("CAPNET_DB");
	c.db_url = env != NULL && env[0] != '\0' ? env : STORE_DEFAULT_URL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return CLI_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("capnet 0.1.0 (schema %d)\n", store_schema_latest());
			return CLI_OK;
		} else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			c.db_url = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			c.db_url = argv[i] + 5;
		} else {
			fprintf(stderr, "capnet: unknown option %s\n", argv[i]);
			usage(stderr);
			return CLI_USAGE;
		}
	}
	if (i == argc) {
		usage(stderr);
		return CLI_USAGE;
	}
	const struct command *cmd = NULL;
	for (const struct command *k = commands; k->name != NULL; k++)
		if (strcmp(k->name, argv[i]) == 0)
			cmd = k;
	if (cmd == NULL) {
		fprintf(stderr, "capnet: '%s' is not a command; see capnet --help\n", argv[i]);
		return CLI_USAGE;
	}
	/* A --db after the command is accepted too, as people type it there. */
	int n = 0;
	char **rest = calloc((size_t)(argc - i) + 1, sizeof(char *));
	for (int k = i; k < argc; k++) {
		if (strcmp(argv[k], "--db") == 0 && k + 1 < argc) {
			c.db_url = argv[++k];
			continue;
		}
		if (strncmp(argv[k], "--db=", 5) == 0) {
			c.db_url = argv[k] + 5;
			continue;
		}
		rest[n++] = argv[k];
	}
	char label[64];
	const char *user = getenv("USER");
	snprintf(label, sizeof(label), "cli:%s", user ? user : "operator");
	c.who = actor_system(label);
	c.a = arena_new();
	c.tty = isatty(STDERR_FILENO);
	int rc = cmd->run(&c, n, rest);
	store_close(c.db);
	arena_free(c.a);
	free(rest);
	return rc;
}
