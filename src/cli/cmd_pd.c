/* cmd_pd: what district teams record between network meetings: `pd schedule` (PLC
 * schedules and the planned sessions they generate), `pd session` (PD sessions,
 * planned or delivered, with lineage), `pd attendee`, `walkthrough` and
 * `reflection`. */
#include <stdio.h>
#include <string.h>

#include "app/delivery/delivery.h"
#include "app/plan/schedule.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"
#include "app/delivery/reflection.h"

static const char *const schedule_columns[] = {"id",	     "plan_id",	   "school_id", "recurrence",
					       "weekday",    "week_of_month", "start_time", "minutes",
					       "starts_on",  "ends_on",	   NULL};
static const char *const session_columns[] = {"id",	 "team_id", "held_on",	  "start_time",
					      "minutes", "pd_format", "status",	  "title",
					      "unchanged_redelivery", NULL};
static const char *const walkthrough_columns[] = {"id",	     "team_id",	 "school_id",
						  "observed_on", "item_id", "observed", NULL};
static const char *const reflection_columns[] = {"id",	   "meeting_id", "person_id", "team_id",
						 "shared", "distill",	 NULL};
static const char *const day_columns[] = {"date", "skipped_for", NULL};
static const char *const people_columns[] = {"person_id", "name", "email", NULL};

static int is_help(const char *s)
{
	return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

static int print_json(const struct buf *b, enum output_format fmt, const char *const *cols)
{
	if (output_print(stdout, fmt, buf_str(b), cols) != 0) {
		fprintf(stderr, "capnet: internal error: bad output\n");
		return CLI_FAIL;
	}
	return CLI_OK;
}

/* Parses `VERB ID [options]` with cli_verb_args: CLI_OK with *id and *fmt set and the
 * database open; -1 after --help; else the exit code. */
static int id_verb(struct cli *c, int argc, char **argv, const struct args_opt *opts,
		   const char *usage, const char *what, struct args *a, int64_t *id,
		   enum output_format *fmt)
{
	int rc = cli_verb_args(c, argc, argv, opts, 1, usage, a);
	if (rc != CLI_OK)
		return rc;
	if (cli_id(a->pos[0], what, id) || cli_format(a, fmt))
		return CLI_USAGE;
	return CLI_OK;
}

/* `pd schedule generate ID`. */
static int schedule_generate_cmd(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	static const char usage[] =
		"capnet pd schedule generate SCHEDULE [--format table|json|csv]\n"
		"Creates a planned PD session for every day of the schedule, skipping\n"
		"breaks. Running it again adds only what is missing, removes planned\n"
		"sessions nobody edited that no longer fit the schedule, and never\n"
		"touches delivered, cancelled or edited sessions. Lists the days.";
	struct args a;
	int64_t id;
	enum output_format fmt;
	int rc = id_verb(c, argc, argv, opts, usage, "schedule", &a, &id, &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct cn_err err = {0};
	struct schedule_result res;
	if (schedule_generate(c->db, &c->who, c->a, id, &res, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_JSON) {
		schedule_result_json(&w, &res);
	} else {
		jw_arr_begin(&w);
		for (size_t i = 0; i < res.days.count; i++) {
			jw_obj_begin(&w);
			jw_kv_str(&w, "date", res.days.items[i].date);
			jw_kv_str(&w, "skipped_for", res.days.items[i].skipped_for);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
	}
	rc = print_json(&b, fmt, day_columns);
	buf_free(&b);
	fprintf(stderr,
		"capnet: schedule %lld: %zu sessions added, %zu kept, %zu removed, %zu left as "
		"they are; %zu of %zu days skipped for breaks (%s)\n",
		(long long)id, res.added, res.kept, res.removed, res.untouched,
		res.days.count - res.days.kept, res.days.count, res.breaks_source);
	return rc;
}

static int pd_schedule(struct cli *c, int argc, char **argv)
{
	if (argc < 1 || is_help(argv[0])) {
		printf("usage: capnet pd schedule VERB ...   (PLC schedules)\n");
		entity_cmd_help(&plc_schedule_entity, "pd schedule");
		printf("  capnet pd schedule generate ID        create its planned sessions\n"
		       "Example: a PLC on the second Tuesday of each month at 15:30:\n"
		       "  capnet pd schedule add --plan-id 2 --school-id 6 --recurrence monthly \\\n"
		       "      --weekday tuesday --week-of-month 2 --start-time 15:30 --minutes 60\n");
		return argc < 1 ? CLI_USAGE : CLI_OK;
	}
	if (strcmp(argv[0], "generate") == 0)
		return schedule_generate_cmd(c, argc - 1, argv + 1);
	return entity_cmd(c, &plc_schedule_entity, "pd schedule", argv[0], argc - 1, argv + 1,
			  schedule_columns);
}

/* `pd session deliver ID [--FIELD VALUE ...]`. */
static int session_deliver(struct cli *c, int argc, char **argv)
{
	struct args a;
	if (args_parse(argc, argv, NULL, 1, &a))
		return CLI_USAGE;
	if (a.help || a.npos != 1) {
		printf("usage: capnet pd session deliver ID [--held-on D] [--minutes N]\n"
		       "                              [--changes-note TEXT] [--guskey-level N] ...\n"
		       "Marks a planned session delivered, with any field that changed.\n");
		return a.help ? CLI_OK : CLI_USAGE;
	}
	int64_t id;
	if (cli_id(a.pos[0], "PD session", &id))
		return CLI_USAGE;
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	struct rec *ch = rec_new(c->a, &pd_session_entity);
	for (size_t i = 0; i < a.nopt; i++) {
		char field[128];
		snprintf(field, sizeof(field), "%s", a.name[i]);
		for (char *p = field; *p; p++)
			if (*p == '-')
				*p = '_';
		if (strcmp(field, "format") == 0)
			continue;
		if (strcmp(field, "status") == 0 || rec_field_index(ch->entity, field) < 0)
			return cli_usage("--%s is not a field deliver can set (see --help)",
					 a.name[i]);
		if (rec_set_text(ch, c->a, field, a.value[i], &err))
			return cli_fail(&err);
	}
	struct rec *saved = NULL;
	if (delivery_session_deliver(c->db, &c->who, c->a, id, ch, &saved, &err))
		return cli_fail(&err);
	return entity_print_rec(saved, fmt);
}

static int pd_session(struct cli *c, int argc, char **argv)
{
	if (argc < 1 || is_help(argv[0])) {
		printf("usage: capnet pd session VERB ...   (PD sessions a team delivers)\n");
		entity_cmd_help(&pd_session_entity, "pd session");
		printf("  capnet pd session deliver ID [--FIELD VALUE]   mark a planned one delivered\n"
		       "A session passed on from a network meeting or deliverable keeps that\n"
		       "lineage (--source-meeting-id, --source-deliverable-id, --source-version-id);\n"
		       "--changes-note says what the team changed. With a source and no note it\n"
		       "is marked an unchanged re-delivery. Example:\n"
		       "  capnet pd session add --team-id 2 --school-id 6 --title 'Grade 4 PLC' \\\n"
		       "      --held-on 2026-10-13 --start-time 15:30 --minutes 60 --pd-format plc \\\n"
		       "      --source-meeting-id 1 --changes-note 'used our own exit tickets'\n");
		return argc < 1 ? CLI_USAGE : CLI_OK;
	}
	if (strcmp(argv[0], "deliver") == 0)
		return session_deliver(c, argc - 1, argv + 1);
	return entity_cmd(c, &pd_session_entity, "pd session", argv[0], argc - 1, argv + 1,
			  session_columns);
}

static int pd_attendee(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	static const char usage[] =
		"usage: capnet pd attendee add SESSION PERSON [PERSON ...]\n"
		"       capnet pd attendee remove SESSION PERSON\n"
		"       capnet pd attendee list SESSION [--format table|json|csv]\n"
		"PERSON is an id or an email address. Adding is all or nothing.\n";
	const char *verb = argc > 0 ? argv[0] : "";
	int add = strcmp(verb, "add") == 0, rem = strcmp(verb, "remove") == 0;
	int list = strcmp(verb, "list") == 0;
	struct args a;
	if (!add && !rem && !list) {
		fputs(usage, stdout);
		return is_help(verb) ? CLI_OK : CLI_USAGE;
	}
	if (args_parse(argc - 1, argv + 1, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		fputs(usage, stdout);
		return CLI_OK;
	}
	if (a.npos < 1 || (list && a.npos != 1) || (rem && a.npos != 2) || (add && a.npos < 2))
		return cli_usage("%s", usage);
	int64_t session;
	if (cli_id(a.pos[0], "session", &session))
		return CLI_USAGE;
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	if (list) {
		struct network_people people;
		if (delivery_attendees(c->db, c->a, session, &people, &err))
			return cli_fail(&err);
		struct buf b = BUF_INIT;
		struct jw w;
		jw_init(&w, &b);
		network_people_json(&w, &people);
		int rc = print_json(&b, fmt, people_columns);
		buf_free(&b);
		return rc;
	}
	size_t n = a.npos - 1;
	int64_t *ids = arena_alloc(c->a, sizeof(int64_t) * n);
	for (size_t i = 0; i < n; i++) {
		int rc = cli_person(c, a.pos[i + 1], "person", &ids[i]);
		if (rc != CLI_OK)
			return rc;
	}
	if (add ? delivery_attendees_add(c->db, &c->who, session, ids, n, &err)
		: delivery_attendee_remove(c->db, &c->who, session, ids[0], &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: %zu %s PD session %lld\n", n,
		add ? (n == 1 ? "attendee added to" : "attendees added to")
		    : "attendee removed from",
		(long long)session);
	return CLI_OK;
}

int cmd_pd(struct cli *c, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	if (strcmp(sub, "schedule") == 0)
		return pd_schedule(c, argc - 2, argv + 2);
	if (strcmp(sub, "session") == 0)
		return pd_session(c, argc - 2, argv + 2);
	if (strcmp(sub, "attendee") == 0)
		return pd_attendee(c, argc - 2, argv + 2);
	printf("usage: capnet pd schedule|session|attendee VERB ...\n"
	       "  capnet pd schedule add|list|show|update|delete|generate   PLC schedules\n"
	       "  capnet pd session add|list|show|update|delete|deliver     PD sessions\n"
	       "  capnet pd attendee add|remove|list                        who attended\n"
	       "Run `capnet pd schedule --help` (and so on) for each.\n");
	return is_help(sub) ? CLI_OK : CLI_USAGE;
}

int cmd_walkthrough(struct cli *c, int argc, char **argv)
{
	if (argc < 2 || is_help(argv[1])) {
		printf("usage: capnet walkthrough VERB ...   (classroom evidence, Guskey level 4)\n");
		entity_cmd_help(&walkthrough_entity, "walkthrough");
		printf("Example:\n"
		       "  capnet walkthrough add --team-id 2 --school-id 6 --observed-on 2026-10-20 \\\n"
		       "      --item-id 1 --observed true --note 'number talk in 3 of 4 rooms'\n");
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	return entity_cmd(c, &walkthrough_entity, "walkthrough", argv[1], argc - 2, argv + 2,
			  walkthrough_columns);
}

/* `reflection share ID [--private]`. */
static int reflection_share_cmd(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"private", 0, NULL}, {"format", 1, NULL},
					       {NULL, 0, NULL}};
	static const char usage[] =
		"capnet reflection share ID [--private]\n"
		"Shares the reflection with its author's team, or with --private makes it\n"
		"visible to its author only again.";
	struct args a;
	int64_t id;
	enum output_format fmt;
	int rc = id_verb(c, argc, argv, opts, usage, "reflection", &a, &id, &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct cn_err err = {0};
	struct rec *saved = NULL;
	if (reflection_share(c->db, &c->who, c->a, id, !args_has(&a, "private"), &saved, &err))
		return cli_fail(&err);
	return entity_print_rec(saved, fmt);
}

int cmd_reflection(struct cli *c, int argc, char **argv)
{
	if (argc < 2 || is_help(argv[1])) {
		printf("usage: capnet reflection VERB ...   (reflections on network meetings)\n");
		entity_cmd_help(&reflection_entity, "reflection");
		printf("  capnet reflection share ID [--private]   share with the author's team\n"
		       "A reflection is private to its author until shared. Example:\n"
		       "  capnet reflection add --meeting-id 1 --person-id 3 \\\n"
		       "      --distill 'Number talks build fluency' \\\n"
		       "      --contextualize 'Start with grade 3 at Apollo'\n");
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	if (strcmp(argv[1], "share") == 0)
		return reflection_share_cmd(c, argc - 2, argv + 2);
	return entity_cmd(c, &reflection_entity, "reflection", argv[1], argc - 2, argv + 2,
			  reflection_columns);
}
