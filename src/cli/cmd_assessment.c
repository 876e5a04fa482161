/* cmd_assessment: `capnet assessment ...`: instruments and their indicators, a team's
 * assessments, ratings, challenges, and the comparison with an earlier year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/assessment/assessment.h"
#include "app/assessment/instrument.h"
#include "cli/cli.h"
#include "core/json.h"
#include "app/assessment/indicator.h"
#include "app/assessment/challenge.h"

static const char *const instrument_columns[] = {"id", "name", "network_id", "based_on_id",
						 NULL};
static const char *const indicator_columns[] = {"code", "standard", "capacity_level", "text",
						NULL};
static const char *const assessment_columns[] = {"id",	       "team_id", "school_year",
						 "status",     "instrument_id", "assessed_on",
						 NULL};
static const char *const item_columns[] = {"code",	  "capacity_level", "current_level",
					   "target_level", "gap",	      "priority",
					   "evidence",	  NULL};
static const char *const challenge_columns[] = {"id", "kind", "description", "reason", NULL};
static const char *const move_columns[] = {"code",	     "movement",     "before_current",
					   "now_current",    "before_target", "now_target",
					   "gap_closed",     NULL};

/* Prints "title:" and then a table of the JSON array in b (table format only). */
static void section(const char *title, struct buf *b, const char *const *columns)
{
	printf("\n%s:\n", title);
	output_print(stdout, OUTPUT_TABLE, buf_str(b), columns);
	buf_reset(b);
}

/* Instruments. */

static int instrument_list(struct cli *c, int argc, char **argv)
{
	return entity_cmd(c, &instrument_entity, "assessment instrument", "list", argc, argv,
			  instrument_columns);
}

static int instrument_show(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"format", 1, "table, json or csv (csv: the indicators)"}, {NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 1, "capnet assessment instrument show INSTRUMENT", &a);
	int64_t id;
	enum output_format fmt;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "instrument", &id) || cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	struct instrument_full in;
	if (instrument_load(c->db, c->a, id, &in, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_JSON) {
		instrument_json(&w, &in);
		rc = cli_print(&b, fmt, NULL);
	} else if (fmt == OUTPUT_CSV) {
		instrument_indicators_json(&w, &in);
		rc = cli_print(&b, fmt, NULL);
	} else {
		printf("instrument %lld: %s%s\n", (long long)id, rec_text(in.instrument, "name"),
		       in.shipped ? " (capnet's default; copy it to edit)" : "");
		printf("levels: 1 %s, 2 %s, 3 %s, 4 %s\n", instrument_scale_label(1),
		       instrument_scale_label(2), instrument_scale_label(3),
		       instrument_scale_label(4));
		instrument_indicators_json(&w, &in);
		section("Indicators", &b, indicator_columns);
	}
	buf_free(&b);
	return rc;
}

static int instrument_copy_verb(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"network-id", 1, "the network the copy is for (required)"},
		{"name", 1, "the copy's name (default: the source's, for the network)"},
		{NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 1,
			  "capnet assessment instrument copy INSTRUMENT --network-id N [--name NAME]\n"
			  "Copies an instrument and its indicators for a network; edit the copy.",
			  &a);
	int64_t src, net;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "instrument", &src) ||
	    cli_id(args_get(&a, "network-id"), "--network-id", &net))
		return CLI_USAGE;
	struct cn_err err = {0};
	int64_t id = 0;
	if (instrument_copy(c->db, &c->who, src, net, args_get(&a, "name"), &id, &err))
		return cli_fail(&err);
	printf("%lld\n", (long long)id);
	fprintf(stderr, "capnet: instrument %lld is a copy of %lld for network %lld\n",
		(long long)id, (long long)src, (long long)net);
	return CLI_OK;
}

static int indicator_add(struct cli *c, int argc, char **argv)
{
	int n;
	char **args = cli_pos_as_flag(c, argc, argv, "instrument-id", &n);
	return entity_cmd(c, &indicator_entity, "assessment instrument indicator", "add", n, args,
			  NULL);
}

static int indicator_update(struct cli *c, int argc, char **argv)
{
	return entity_cmd(c, &indicator_entity, "assessment instrument indicator", "update", argc,
			  argv, NULL);
}

static int indicator_move(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"position", 1, "the new position; 1 is first"},
					       {NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 1,
			  "capnet assessment instrument indicator move INDICATOR --position N", &a);
	int64_t id, pos;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "indicator", &id) ||
	    cli_id(args_get(&a, "position"), "--position", &pos))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (instrument_indicator_move(c->db, &c->who, id, pos, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: indicator %lld moved\n", (long long)id);
	return CLI_OK;
}

static int indicator_remove(struct cli *c, int argc, char **argv)
{
	struct args a;
	int rc = cli_verb_args(c, argc, argv, NULL, 1, "capnet assessment instrument indicator remove INDICATOR",
			  &a);
	int64_t id;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "indicator", &id))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (instrument_indicator_remove(c->db, &c->who, id, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: indicator %lld removed\n", (long long)id);
	return CLI_OK;
}

static const struct cli_verb indicator_verbs[] = {
	{"add", indicator_add,
	 "add INSTRUMENT --code C --capacity-level L --standard S --text T"},
	{"update", indicator_update, "update INDICATOR [--code C] [--text T] [--standard S] ..."},
	{"move", indicator_move, "move INDICATOR --position N"},
	{"remove", indicator_remove, "remove INDICATOR"},
	{NULL, NULL, NULL},
};

static int instrument_indicator(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, "assessment instrument indicator",
			    "indicators of a network's copy; capacity levels: people, "
			    "organizational, institutional",
			    indicator_verbs, argc, argv);
}

static const struct cli_verb instrument_verbs[] = {
	{"list", instrument_list, "list [--network-id N]"},
	{"show", instrument_show, "show INSTRUMENT [--format table|json|csv]"},
	{"copy", instrument_copy_verb, "copy INSTRUMENT --network-id N [--name NAME]"},
	{"indicator", instrument_indicator, "indicator add|update|move|remove ..."},
	{NULL, NULL, NULL},
};

static int assessment_instrument(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, "assessment instrument",
			    "instruments: indicators by the seven Kentucky Professional Learning "
			    "Standards and capacity level",
			    instrument_verbs, argc, argv);
}

/* Assessments. */

static int assessment_create(struct cli *c, int argc, char **argv)
{
	return entity_cmd(c, &assessment_entity, "assessment", "add", argc, argv,
			  assessment_columns);
}

static int assessment_list(struct cli *c, int argc, char **argv)
{
	return entity_cmd(c, &assessment_entity, "assessment", "list", argc, argv,
			  assessment_columns);
}

static int assessment_update(struct cli *c, int argc, char **argv)
{
	return entity_cmd(c, &assessment_entity, "assessment", "update", argc, argv, NULL);
}

static int assessment_show(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"format", 1, "table, json or csv (csv: the ratings)"}, {NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 1, "capnet assessment show ASSESSMENT [--format F]", &a);
	int64_t id;
	enum output_format fmt;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "assessment", &id) || cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	struct assessment_full as;
	if (assessment_load(c->db, c->a, id, &as, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_TABLE) {
		const struct rec *r = as.assessment;
		printf("assessment %lld: %s, %s (%s)\n", (long long)id, as.district_name,
		       rec_text(r, "school_year"), rec_text(r, "status"));
		printf("instrument %lld: %s\n", (long long)rec_int(r, "instrument_id"),
		       as.instrument_name);
		printf("rated %zu of %zu indicators\n", as.rated, as.count);
		assessment_items_json(&w, &as);
		section("Ratings", &b, item_columns);
		assessment_challenges_json(&w, &as);
		section("Challenges", &b, challenge_columns);
		rc = CLI_OK;
	} else {
		if (fmt == OUTPUT_JSON)
			assessment_json(&w, &as);
		else
			assessment_items_json(&w, &as);
		rc = cli_print(&b, fmt, NULL);
	}
	buf_free(&b);
	return rc;
}

/* Parses a level given on the command line; the range is the app's to check. */
static int level_arg(const char *s, const char *field, int64_t *out, struct cn_err *err)
{
	char *end = NULL;
	long long v = s ? strtoll(s, &end, 10) : 0;
	if (s == NULL || *s == '\0' || *end != '\0')
		return cn_err_field(err, CN_ERR_INPUT, field, "'%s' is not a level from 1 to 4",
				    s ? s : "");
	*out = v;
	return 0;
}

static int assessment_rate_verb(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"current", 1, "where the district is now, 1-4 (required)"},
		{"target", 1, "where it wants to be, 1-4 (required)"},
		{"priority", 1, "high, medium (default) or low"},
		{"evidence", 1, "what the rating rests on"},
		{NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 2,
			  "capnet assessment rate ASSESSMENT INDICATOR --current N --target N\n"
			  "                        [--priority high|medium|low] [--evidence TEXT]\n"
			  "INDICATOR is its code (LC.2) or id. Levels: 1 not yet, 2 emerging,\n"
			  "3 established, 4 sustained. Rating again replaces the rating.",
			  &a);
	int64_t id, indicator;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "assessment", &id))
		return CLI_USAGE;
	if (!args_has(&a, "current") || !args_has(&a, "target"))
		return cli_usage("rate needs --current and --target (levels 1 to 4)");
	struct cn_err err = {0};
	struct assessment_rating_in in = {0};
	in.priority = args_get(&a, "priority");
	in.evidence = args_get(&a, "evidence");
	if (level_arg(args_get(&a, "current"), "current_level", &in.current_level, &err) ||
	    level_arg(args_get(&a, "target"), "target_level", &in.target_level, &err) ||
	    assessment_indicator(c->db, id, a.pos[1], &indicator, &err) ||
	    assessment_rate(c->db, &c->who, id, indicator, &in, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: %s rated %lld -> %lld in assessment %lld\n", a.pos[1],
		(long long)in.current_level, (long long)in.target_level, (long long)id);
	return CLI_OK;
}

static int challenge_add(struct cli *c, int argc, char **argv)
{
	int n;
	char **args = cli_pos_as_flag(c, argc, argv, "assessment-id", &n);
	return entity_cmd(c, &challenge_entity, "assessment challenge", "add", n, args, NULL);
}

static int challenge_list(struct cli *c, int argc, char **argv)
{
	int n;
	char **args = cli_pos_as_flag(c, argc, argv, "assessment-id", &n);
	return entity_cmd(c, &challenge_entity, "assessment challenge", "list", n, args,
			  challenge_columns);
}

static int challenge_update(struct cli *c, int argc, char **argv)
{
	return entity_cmd(c, &challenge_entity, "assessment challenge", "update", argc, argv, NULL);
}

static int challenge_remove(struct cli *c, int argc, char **argv)
{
	struct args a;
	int rc = cli_verb_args(c, argc, argv, NULL, 1, "capnet assessment challenge remove CHALLENGE", &a);
	int64_t id;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "challenge", &id))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (assessment_challenge_remove(c->db, &c->who, id, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: challenge %lld removed\n", (long long)id);
	return CLI_OK;
}

static const struct cli_verb challenge_verbs[] = {
	{"add", challenge_add,
	 "add ASSESSMENT --kind technical|adaptive --description TEXT --reason TEXT\n"
	 "      technical: a known fix exists and can be applied (e.g. a schedule conflict);\n"
	 "      adaptive: no prescribed fix, the people involved must learn and change\n"
	 "      (e.g. teachers unsure a new practice fits their students)"},
	{"list", challenge_list, "list ASSESSMENT [--kind K] [--format table|json|csv]"},
	{"update", challenge_update, "update CHALLENGE [--kind K] [--description T] [--reason T]"},
	{"remove", challenge_remove, "remove CHALLENGE"},
	{NULL, NULL, NULL},
};

static int assessment_challenge(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, "assessment challenge",
			    "challenges, each technical or adaptive, with the reason",
			    challenge_verbs, argc, argv);
}

static int assessment_compare_verb(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"with", 1, "the earlier assessment (default: the district's previous year)"},
		{"format", 1, "table, json or csv (csv: the indicators)"},
		{NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 1, "capnet assessment compare ASSESSMENT [--with EARLIER]",
			  &a);
	int64_t id, with = 0;
	enum output_format fmt;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "assessment", &id) || cli_format(&a, &fmt) ||
	    (args_has(&a, "with") && cli_id(args_get(&a, "with"), "--with", &with)))
		return CLI_USAGE;
	struct cn_err err = {0};
	struct assessment_comparison cmp;
	if (assessment_compare(c->db, c->a, id, with, &cmp, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_TABLE) {
		printf("assessment %lld (%s) compared with %lld (%s)\n", (long long)cmp.now_id,
		       cmp.now_year, (long long)cmp.before_id, cmp.before_year);
		printf("%zu up, %zu down, %zu the same; %zu gap%s closed\n", cmp.up, cmp.down,
		       cmp.same, cmp.gaps_closed, cmp.gaps_closed == 1 ? "" : "s");
		assessment_moves_json(&w, &cmp);
		section("Indicators", &b, move_columns);
		jw_arr_begin(&w);
		for (size_t i = 0; i < cmp.nnew; i++) {
			jw_obj_begin(&w);
			jw_kv_str(&w, "change", "new");
			jw_kv_str(&w, "kind", cmp.new_challenges[i].kind);
			jw_kv_str(&w, "description", cmp.new_challenges[i].description);
			jw_obj_end(&w);
		}
		for (size_t i = 0; i < cmp.nresolved; i++) {
			jw_obj_begin(&w);
			jw_kv_str(&w, "change", "resolved");
			jw_kv_str(&w, "kind", cmp.resolved[i].kind);
			jw_kv_str(&w, "description", cmp.resolved[i].description);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		static const char *const cols[] = {"change", "kind", "description", NULL};
		section("Challenges", &b, cols);
		rc = CLI_OK;
	} else {
		if (fmt == OUTPUT_JSON)
			assessment_compare_json(&w, &cmp);
		else
			assessment_moves_json(&w, &cmp);
		rc = cli_print(&b, fmt, NULL);
	}
	buf_free(&b);
	return rc;
}

static const struct cli_verb assessment_verbs[] = {
	{"instrument", assessment_instrument, "instrument list|show|copy|indicator ..."},
	{"create", assessment_create,
	 "create --team-id T [--school-year Y] [--instrument-id I] [--assessed-on DATE]"},
	{"list", assessment_list,
	 "list [--team-id T] [--network-id N] [--school-year Y] [--format table|json|csv]"},
	{"show", assessment_show, "show ASSESSMENT [--format table|json|csv]"},
	{"update", assessment_update,
	 "update ASSESSMENT [--status draft|submitted] [--assessed-on D]"},
	{"rate", assessment_rate_verb,
	 "rate ASSESSMENT INDICATOR --current N --target N [--priority P] [--evidence T]"},
	{"challenge", assessment_challenge, "challenge add|list|update|remove ..."},
	{"compare", assessment_compare_verb, "compare ASSESSMENT [--with EARLIER] [--format F]"},
	{NULL, NULL, NULL},
};

int cmd_assessment(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, "assessment",
			    "a district team's needs assessment: rate each indicator 1-4 now and "
			    "as a target, record challenges (technical: a known fix; adaptive: "
			    "people must learn and change)",
			    assessment_verbs, argc - 1, argv + 1);
}
