/* cmd_report: `capnet report profile`: the capacity-building profile of a network's
 * teams (or one team) as a readable table, JSON, CSV or an XLSX workbook. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/profile/profile.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"

static const char *const teams_table_columns[] = {
	"team_id",	"team",		"grounded", "customized", "created",  "collaborative",
	"job_embedded", "months",	"in_classrooms", "on_track", "train_the_trainer", NULL};

static const char report_usage[] =
	"usage: capnet report profile --network ID [--team ID]\n"
	"           [--view teams|components|evidence] [--format table|json|csv|xlsx]\n"
	"           [--output FILE]\n"
	"The capacity-building profile of every team of a network side by side (or of\n"
	"one team), each component with the records behind it, and the train-the-trainer\n"
	"flag with its reason. Shares are fractions from 0 to 1; empty when there is\n"
	"nothing to measure.\n"
	"  table   readable report (default); with --view, that table\n"
	"  json    the whole profile with its evidence\n"
	"  csv     one --view (default teams; components with --team)\n"
	"  xlsx    a workbook with a sheet per view; needs --output\n"
	"Thresholds are the settings similarity.duplicate_min (0.9) and similarity.new_below\n"
	"(0.3): see capnet setting.\n";

static void pct_or_dash(FILE *f, const struct profile_component *c)
{
	if (c->measured)
		fprintf(f, "%3d%%", (int)(c->share * 100.0 + 0.5));
	else
		fputs("   -", f);
}

/* The readable report of one team: components, then with evidence the records. */
static void print_team(FILE *f, const struct profile *p, int evidence)
{
	fprintf(f, "%s (team %lld, %s, %s)\n", p->team_name, (long long)p->team_id,
		p->district_name, p->school_year);
	if (p->plan_id)
		fprintf(f, "plan %lld: %s%s\n", (long long)p->plan_id, p->plan_title,
			p->template_id ? " (from a template)" : "");
	else
		fputs("no plan for this school year yet\n", f);
	fprintf(f, "%s: %s\n", p->train_the_trainer.flagged ? "FLAGGED" : "flag",
		p->train_the_trainer.reason);
	for (int k = 0; k < PROFILE_KIND_COUNT; k++) {
		const struct profile_component *c = &p->c[k];
		fputs("  ", f);
		pct_or_dash(f, c);
		fprintf(f, "  %-32s %s", c->title, c->summary);
		if (c->guskey_level)
			fprintf(f, " [Guskey %d: %s]", c->guskey_level,
				profile_guskey_label(c->guskey_level));
		fputc('\n', f);
		for (size_t i = 0; evidence && i < c->nevidence; i++) {
			const struct profile_evidence *e = &c->evidence[i];
			int note = e->note != NULL && e->note[0] != '\0';
			fprintf(f, "        %s %s %lld %s%s%s: %s%s%s%s\n", e->counts ? "+" : "-",
				e->entity, (long long)e->id, e->title ? e->title : "",
				e->date ? ", " : "", e->date ? e->date : "", e->value,
				note ? " (" : "", note ? e->note : "", note ? ")" : "");
		}
	}
}

static int report_profile(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"network", 1, NULL}, {"team", 1, NULL},
					       {"view", 1, NULL},    {"format", 1, NULL},
					       {"output", 1, NULL},  {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		fputs(report_usage, stdout);
		return CLI_OK;
	}
	if (a.npos > 0)
		return cli_usage("report profile takes no argument '%s' (see --help)", a.pos[0]);
	int64_t network = 0, team = 0;
	if (!args_has(&a, "network"))
		return cli_usage("report profile needs --network ID (see --help)");
	if (cli_id(args_get(&a, "network"), "--network", &network))
		return CLI_USAGE;
	if (args_has(&a, "team") && cli_id(args_get(&a, "team"), "--team", &team))
		return CLI_USAGE;
	const char *format = args_has(&a, "format") ? args_get(&a, "format") : "table";
	int xlsx = strcmp(format, "xlsx") == 0;
	enum output_format fmt = OUTPUT_TABLE;
	if (!xlsx && output_format_parse(format, &fmt))
		return cli_usage("--format is one of table, json, csv, xlsx");
	const char *output = args_get(&a, "output");
	if (xlsx && output == NULL)
		return cli_usage("--format xlsx writes a binary workbook: give --output FILE%s",
				 isatty(STDOUT_FILENO) ? "" : " (it is never written to a pipe)");
	int view = -1;
	if (args_has(&a, "view")) {
		for (int v = 0; v < PROFILE_VIEW_COUNT; v++)
			if (strcmp(args_get(&a, "view"), profile_view_names[v]) == 0)
				view = v;
		if (view < 0)
			return cli_usage("--view '%s' is not one of teams, components, evidence",
					 args_get(&a, "view"));
	}
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	struct profile_network net;
	struct profile one;
	const struct profile *teams;
	size_t n;
	if (team != 0) {
		if (profile_team(c->db, c->a, team, &one, &err))
			return cli_fail(&err);
		if (one.network_id != network) {
			cn_err_field(&err, CN_ERR_INPUT, "team",
				     "team %lld is in network %lld, not in network %lld",
				     (long long)team, (long long)one.network_id, (long long)network);
			return cli_fail(&err);
		}
		teams = &one;
		n = 1;
	} else {
		if (profile_network(c->db, c->a, network, &net, &err))
			return cli_fail(&err);
		teams = net.teams;
		n = net.count;
	}
	if (xlsx) {
		struct buf file = BUF_INIT;
		FILE *out = NULL;
		int bad = profile_report(c->a, teams, n, "xlsx", PROFILE_VIEW_TEAMS, &file, &err);
		if (!bad && ((out = fopen(output, "wb")) == NULL ||
			     fwrite(file.data, 1, file.len, out) != file.len))
			bad = cn_err_field(&err, CN_ERR_INPUT, "output", "%s cannot be written", output);
		if (out != NULL && fclose(out) != 0 && !bad)
			bad = cn_err_field(&err, CN_ERR_INPUT, "output", "%s could not be written",
					   output);
		buf_free(&file);
		if (bad)
			return cli_fail(&err);
		fprintf(stderr, "capnet: wrote %s (%zu team%s)\n", output, n, n == 1 ? "" : "s");
		return CLI_OK;
	}
	FILE *f = stdout;
	if (output != NULL && (f = fopen(output, "w")) == NULL) {
		cn_err_field(&err, CN_ERR_INPUT, "output", "%s cannot be written", output);
		return cli_fail(&err);
	}
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_JSON) {
		if (team != 0)
			profile_json(&w, &one);
		else
			profile_network_json(&w, &net);
		output_print(f, fmt, buf_str(&b), NULL);
	} else if (fmt == OUTPUT_TABLE && view < 0 && team != 0) {
		print_team(f, &one, 1);
	} else if (fmt == OUTPUT_TABLE && view < 0) {
		fprintf(f, "%s (%s): %zu teams, %zu flagged\n", net.name, net.school_year, n,
			net.flagged);
		table_json(&w, profile_table(c->a, teams, n, PROFILE_VIEW_TEAMS));
		output_print(f, fmt, buf_str(&b), teams_table_columns);
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%s: %s\n", teams[i].team_name, teams[i].train_the_trainer.reason);
	} else if (fmt == OUTPUT_CSV) {
		if (view < 0)
			view = team != 0 ? PROFILE_VIEW_COMPONENTS : PROFILE_VIEW_TEAMS;
		profile_report(c->a, teams, n, "csv", (enum profile_view)view, &b, &err);
		fwrite(b.data, 1, b.len, f);
	} else {
		if (view < 0)
			view = team != 0 ? PROFILE_VIEW_COMPONENTS : PROFILE_VIEW_TEAMS;
		table_json(&w, profile_table(c->a, teams, n, (enum profile_view)view));
		output_print(f, fmt, buf_str(&b), NULL);
	}
	buf_free(&b);
	if (f != stdout && fclose(f) != 0) {
		cn_err_field(&err, CN_ERR_INPUT, "output", "%s could not be written", output);
		return cli_fail(&err);
	}
	return CLI_OK;
}

int cmd_report(struct cli *c, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	if (strcmp(sub, "profile") == 0)
		return report_profile(c, argc - 2, argv + 2);
	printf("usage: capnet report profile --network ID [--team ID] [options]\n"
	       "Run `capnet report profile --help` for the options.\n");
	return strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 ? CLI_OK : CLI_USAGE;
}
