/* cmd_import: `capnet import FORMAT ...`: data from other systems. FORMAT is the first
 * word so that other formats (CASE standards) join as siblings. */
#include <stdio.h>
#include <string.h>

#include "app/org/roster.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"

static const char oneroster_help[] =
	"usage: capnet import oneroster DIR|ZIP [--mode auto|bulk|delta] [--dry-run]\n"
	"                               [--link-by-email] [--parent-id ID] [--strict]\n"
	"                               [--format table|json]\n"
	"Imports a OneRoster 1.1 CSV bundle (a folder or a .zip holding manifest.csv and\n"
	"orgs.csv, users.csv, academicSessions.csv) in one transaction: if anything is\n"
	"wrong, nothing is written and the error names the file, line and column.\n"
	"Importing the same bundle again changes nothing; records are matched by sourcedId.\n"
	"\n"
	"  --mode auto|bulk|delta  auto (default): as manifest.csv says for each file;\n"
	"                          bulk or delta: for every file the manifest lists\n"
	"  --dry-run               check everything and print the summary; write nothing\n"
	"  --link-by-email         a user whose email belongs to a person added by hand\n"
	"                          becomes that person (default: an error)\n"
	"  --parent-id ID          put the bundle's top organizations under organization\n"
	"                          ID (e.g. the regional cooperative)\n"
	"  --strict                refuse the bundle when a reference does not resolve\n"
	"                          (default: import the row without it, with a warning)\n"
	"  --format table|json     the summary as text (default) or JSON\n"
	"\n"
	"What becomes what:\n"
	"  orgs.csv     state, national -> state; district, local -> district;\n"
	"               school -> school (under its district); department -> not stored,\n"
	"               its users join the department's school\n"
	"  users.csv    teacher, aide, proctor -> member of each of their organizations;\n"
	"               administrator -> district_lead of a district, member of a school;\n"
	"               student, parent, guardian, relative -> not stored, only counted;\n"
	"               enabledUser false -> inactive; an empty email -> no sign-in until\n"
	"               one is set; passwords in the file are never read\n"
	"  academicSessions.csv  schoolYear, term, semester, gradingPeriod; schoolYear\n"
	"               2027 -> school year 2026-27\n"
	"References real exports carry that capnet cannot follow are warnings naming the\n"
	"file, line and column, not refusals (unless --strict): a parentSourcedId or\n"
	"orgSourcedIds entry that is nowhere is left empty; a school under a school is\n"
	"attached to the district it can be traced to; a school with no district is not\n"
	"imported.\n"
	"Status tobedeleted deactivates, never erases; status inactive (OneRoster 1.0)\n"
	"stores the row as inactive. A bulk file is complete for the\n"
	"organizations it covers: people, organizations and sessions imported before,\n"
	"now absent and under those organizations, are deactivated (the summary counts\n"
	"them). Empty optional values do not erase what capnet has.\n"
	"Exit status: 0 imported (or checked), 1 the bundle was refused, 2 usage error.\n";

struct import_progress {
	int drawn;
};

/* Draws "rows done / total" on the terminal. */
static void import_progress(void *ctx, size_t done, size_t total)
{
	struct import_progress *p = ctx;
	if (total < 2000)
		return;
	int width = 30, filled = total ? (int)((double)done / (double)total * width) : width;
	if (filled > width)
		filled = width;
	fprintf(stderr, "\rimporting [%.*s%*s] %zu / %zu rows", filled,
		"##############################", width - filled, "", done, total);
	if (done >= total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
	p->drawn = done < total;
}

static void import_print_table(const struct oneroster *in, const struct roster_summary *s,
			       const char *path)
{
	printf("%s %s\n", s->dry_run ? "checked (dry run, nothing was written):" : "imported",
	       path);
	printf("files:");
	for (int f = 0; f < OR_FILE_COUNT; f++)
		printf(" %s %s%s", oneroster_file_name((enum oneroster_file)f),
		       oneroster_mode_name(in->mode[f]), f + 1 < OR_FILE_COUNT ? "," : "\n");
	printf("%-18s %8s %8s %12s %10s\n", "", "created", "updated", "deactivated", "unchanged");
	static const char *const labels[ROSTER_KIND_COUNT] = {"organizations", "people",
							      "memberships", "academic sessions"};
	size_t absent = 0;
	for (int k = 0; k < ROSTER_KIND_COUNT; k++) {
		const struct roster_counts *n = &s->n[k];
		printf("%-18s %8zu %8zu %12zu %10zu\n", labels[k], n->created, n->updated,
		       n->deactivated, n->unchanged);
		absent += n->absent;
	}
	if (absent > 0) {
		printf("deactivated because a bulk file no longer has them:");
		int first = 1;
		for (int k = 0; k < ROSTER_KIND_COUNT; k++)
			if (s->n[k].absent > 0) {
				printf("%s %zu %s", first ? "" : ",", s->n[k].absent, labels[k]);
				first = 0;
			}
		printf("\n");
	}
	if (s->departments > 0)
		printf("departments folded into their school: %zu\n", s->departments);
	printf("users not stored:");
	for (size_t i = 0; i < ROSTER_NOT_STORED; i++)
		printf("%s %zu %s", i ? "," : "", s->skipped[roster_not_stored[i]],
		       oneroster_role_name(roster_not_stored[i]));
	printf("\n");
	if (s->unknown_deletions > 0)
		printf("tobedeleted rows naming nothing capnet has: %zu\n", s->unknown_deletions);
	if (s->inactive > 0)
		printf("rows with status inactive, stored as inactive: %zu\n", s->inactive);
	if (s->nwarnings > 0)
		printf("rows imported with warnings (see above): %zu\n", s->nwarnings);
}

static int import_oneroster(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"mode", 1, NULL},	    {"dry-run", 0, NULL},   {"link-by-email", 0, NULL},
		{"parent-id", 1, NULL}, {"format", 1, NULL}, {"strict", 0, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		fputs(oneroster_help, stdout);
		return CLI_OK;
	}
	if (a.npos != 1)
		return cli_usage("usage: capnet import oneroster DIR|ZIP [options] (see --help)");
	struct oneroster_opts ro = {.mode = OR_MODE_ABSENT, .keep_roles = roster_keep_roles()};
	const char *mode = args_get(&a, "mode");
	if (mode != NULL && strcmp(mode, "bulk") == 0)
		ro.mode = OR_MODE_BULK;
	else if (mode != NULL && strcmp(mode, "delta") == 0)
		ro.mode = OR_MODE_DELTA;
	else if (mode != NULL && strcmp(mode, "auto") != 0)
		return cli_usage("--mode: '%s' is not auto, bulk or delta", mode);
	const char *format = args_get(&a, "format");
	int json = format != NULL && strcmp(format, "json") == 0;
	if (format != NULL && !json && strcmp(format, "table") != 0)
		return cli_usage("--format: '%s' is not table or json", format);
	struct roster_opts o = {.dry_run = args_has(&a, "dry-run"),
				.link_by_email = args_has(&a, "link-by-email"),
				.strict = args_has(&a, "strict")};
	if (args_has(&a, "parent-id") && cli_id(args_get(&a, "parent-id"), "--parent-id",
						&o.parent_id))
		return CLI_USAGE;
	struct import_progress prog = {0};
	if (c->tty) {
		o.progress = import_progress;
		o.progress_ctx = &prog;
	}
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	struct oneroster in;
	if (oneroster_read(a.pos[0], c->a, &ro, &in, &err)) {
		int rc = cli_fail(&err);
		fprintf(stderr, "capnet: nothing was imported\n");
		return rc;
	}
	struct roster_summary s;
	if (roster_import(c->db, &c->who, c->a, &in, &o, &s, &err)) {
		if (prog.drawn)
			fputs("\r\033[K", stderr);
		int rc = cli_fail(&err);
		fprintf(stderr, "capnet: nothing was imported\n");
		return rc;
	}
	for (size_t i = 0; i < s.nwarnings; i++)
		fprintf(stderr, "capnet: warning: %s:%ld: column \"%s\": %s\n", s.warnings[i].file,
			s.warnings[i].line, s.warnings[i].column, s.warnings[i].message);
	if (json) {
		struct buf b = BUF_INIT;
		struct jw w;
		jw_init(&w, &b);
		roster_summary_json(&w, &in, &s);
		printf("%s\n", buf_str(&b));
		buf_free(&b);
		return CLI_OK;
	}
	for (size_t i = 0; i < in.nnotes; i++)
		fprintf(stderr, "capnet: note: %s\n", in.notes[i]);
	import_print_table(&in, &s, a.pos[0]);
	return CLI_OK;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	const char *format = argc > 1 ? argv[1] : "";
	if (strcmp(format, "oneroster") == 0)
		return import_oneroster(c, argc - 2, argv + 2);
	if (strcmp(format, "case") == 0)
		return import_case(c, argc - 1, argv + 1);
	int help = strcmp(format, "--help") == 0 || strcmp(format, "-h") == 0;
	FILE *f = help ? stdout : stderr;
	if (!help && format[0] != '\0')
		fprintf(stderr, "capnet: '%s' is not a format capnet imports\n", format);
	fprintf(f, "usage: capnet import FORMAT ...\n"
		   "Formats:\n"
		   "  oneroster DIR|ZIP   organizations, people and school years from a OneRoster\n"
		   "                      1.1 CSV bundle (see capnet import oneroster --help)\n"
		   "  case FILE           academic standards from a 1EdTech CASE 1.0 package\n"
		   "                      (see capnet import case --help)\n");
	return help ? CLI_OK : CLI_USAGE;
}
