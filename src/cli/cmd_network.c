/* cmd_network: network, team and meeting commands: the generic verbs, plus who
 * facilitates, who is on a team, the agenda, and attendance. */
#include <stdio.h>
#include <string.h>

#include "app/network/agenda.h"
#include "app/access/policy.h"
#include "app/network/network.h"
#include "app/network/network_view.h"
#include "app/org/person.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"
#include "app/network/agenda.h"
#include "app/network/attendance.h"
#include "app/network/meeting.h"
#include "app/network/team.h"

static const char *const people_columns[] = {"person_id", "name", "email", "role", NULL};

/* Prints people as a table/JSON/CSV. */
static int print_people(const struct network_people *people, enum output_format fmt)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	network_people_json(&w, people);
	output_print(stdout, fmt, buf_str(&b), people_columns);
	buf_free(&b);
	return CLI_OK;
}

/* Resolves "ID" or an email to a person id. */
static int person_arg(struct cli *c, const char *s, int64_t *id)
{
	struct cn_err err = {0};
	if (strchr(s, '@') == NULL)
		return cli_id(s, "person", id) ? CLI_USAGE : CLI_OK;
	int rc = person_find_email(c->db, s, id, &err);
	if (rc < 0)
		return cli_fail(&err);
	if (rc == 0) {
		fprintf(stderr, "capnet: no person has the email %s\n", s);
		return CLI_FAIL;
	}
	return CLI_OK;
}

/* Parses `VERB OWNER [PERSON] [options]` for the link subcommands. */
static int link_args(struct cli *c, int argc, char **argv, const struct args_opt *opts,
		     size_t want_pos, const char *usage, struct args *a, int64_t *owner,
		     int64_t *person, enum output_format *fmt)
{
	if (args_parse(argc, argv, opts, 0, a))
		return CLI_USAGE;
	if (a->help) {
		printf("usage: %s\n", usage);
		return -1;
	}
	if (a->npos != want_pos)
		return cli_usage("usage: %s", usage);
	if (cli_format(a, fmt))
		return CLI_USAGE;
	if (cli_id(a->pos[0], "first argument", owner))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	if (want_pos > 1)
		return person_arg(c, a->pos[1], person);
	return CLI_OK;
}

static int network_facilitator(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	static const char usage[] = "capnet network facilitator add|remove NETWORK PERSON\n"
				    "       capnet network facilitator list NETWORK\n"
				    "PERSON is an id or an email address.";
	const char *verb = argc > 0 ? argv[0] : "";
	int is_list = strcmp(verb, "list") == 0;
	if (!is_list && strcmp(verb, "add") != 0 && strcmp(verb, "remove") != 0) {
		printf("usage: %s\n", usage);
		return strcmp(verb, "--help") == 0 ? CLI_OK : CLI_USAGE;
	}
	struct args a;
	int64_t net = 0, person = 0;
	enum output_format fmt;
	int rc = link_args(c, argc - 1, argv + 1, opts, is_list ? 1 : 2, usage, &a, &net, &person,
			   &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct cn_err err = {0};
	if (is_list) {
		struct network_people people;
		if (network_facilitators(c->db, c->a, net, &people, &err))
			return cli_fail(&err);
		return print_people(&people, fmt);
	}
	if (strcmp(verb, "add") == 0 ? network_facilitator_add(c->db, &c->who, net, person, &err)
				     : network_facilitator_remove(c->db, &c->who, net, person, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: person %lld %s network %lld\n", (long long)person,
		strcmp(verb, "add") == 0 ? "now facilitates" : "no longer facilitates",
		(long long)net);
	return CLI_OK;
}

/* capnet network view NETWORK: the network as its page shows it (network_view.h),
 * as JSON: what the operator may read and do. */
static int network_view_cmd(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 1, "capnet network view NETWORK", &a);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	int64_t id = 0;
	if (cli_id(a.pos[0], "network", &id))
		return CLI_USAGE;
	struct cn_err err = {0};
	struct network_view v;
	if (network_view_load(c->db, policy_new(c->a, c->db, &c->who), c->a, id, NETWORK_VIEW_ALL,
			      &v, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	network_view_json(&w, &v);
	printf("%s\n", buf_str(&b));
	buf_free(&b);
	return CLI_OK;
}

static const char *const network_columns[] = {"id", "name", "content_area", "school_year",
					      "region_id", "active", NULL};

int cmd_network(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "facilitator") == 0)
		return network_facilitator(c, argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "view") == 0)
		return network_view_cmd(c, argc - 2, argv + 2);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		printf("usage: capnet network VERB ...   (leadership networks)\n");
		entity_cmd_help(&network_entity, "network");
		printf("  capnet network facilitator add|remove|list NETWORK [PERSON]\n");
		printf("  capnet network view NETWORK          its teams, meetings, profiles (JSON)\n");
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	return entity_cmd(c, &network_entity, "network", argv[1], argc - 2, argv + 2,
			  network_columns);
}

static int team_member(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"role", 1, NULL}, {"format", 1, NULL},
					       {NULL, 0, NULL}};
	static const char usage[] = "capnet team member add TEAM PERSON [--role lead|member]\n"
				    "       capnet team member remove TEAM PERSON\n"
				    "       capnet team member list TEAM\n"
				    "PERSON is an id or an email address; the role defaults to member.";
	const char *verb = argc > 0 ? argv[0] : "";
	int is_list = strcmp(verb, "list") == 0;
	if (!is_list && strcmp(verb, "add") != 0 && strcmp(verb, "remove") != 0) {
		printf("usage: %s\n", usage);
		return strcmp(verb, "--help") == 0 ? CLI_OK : CLI_USAGE;
	}
	struct args a;
	int64_t team = 0, person = 0;
	enum output_format fmt;
	int rc = link_args(c, argc - 1, argv + 1, opts, is_list ? 1 : 2, usage, &a, &team, &person,
			   &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct cn_err err = {0};
	if (is_list) {
		struct network_people people;
		if (team_members(c->db, c->a, team, &people, &err))
			return cli_fail(&err);
		return print_people(&people, fmt);
	}
	if (strcmp(verb, "add") == 0) {
		const char *role = args_has(&a, "role") ? args_get(&a, "role") : "member";
		if (team_member_set(c->db, &c->who, team, person, role, &err))
			return cli_fail(&err);
		fprintf(stderr, "capnet: person %lld is %s of team %lld\n", (long long)person,
			strcmp(role, "lead") == 0 ? "lead" : "a member", (long long)team);
		return CLI_OK;
	}
	if (team_member_remove(c->db, &c->who, team, person, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: person %lld left team %lld\n", (long long)person, (long long)team);
	return CLI_OK;
}

static const char *const team_columns[] = {"id", "network_id", "district_id", "name", NULL};

int cmd_team(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "member") == 0)
		return team_member(c, argc - 2, argv + 2);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		printf("usage: capnet team VERB ...   (a district's team in a network)\n");
		entity_cmd_help(&team_entity, "team");
		printf("  capnet team member add|remove|list TEAM [PERSON] [--role lead|member]\n");
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	return entity_cmd(c, &team_entity, "team", argv[1], argc - 2, argv + 2, team_columns);
}

static const char *const agenda_columns[] = {"id", "position", "kind", "title", "minutes", NULL};

static int meeting_agenda(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 0 ? argv[0] : "";
	if (strcmp(verb, "list") == 0) {
		static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
		static const char usage[] = "capnet meeting agenda list MEETING";
		struct args a;
		int64_t meeting = 0;
		enum output_format fmt;
		int rc = link_args(c, argc - 1, argv + 1, opts, 1, usage, &a, &meeting, NULL, &fmt);
		if (rc != CLI_OK)
			return rc < 0 ? CLI_OK : rc;
		struct cn_err err = {0};
		struct rec *m = NULL;
		struct rec_list items;
		if (rec_get(c->db, c->a, &meeting_entity, meeting, &m, &err) ||
		    agenda_items(c->db, c->a, meeting, &items, &err))
			return cli_fail(&err);
		struct buf b = BUF_INIT;
		struct jw w;
		jw_init(&w, &b);
		jw_arr_begin(&w);
		for (size_t i = 0; i < items.count; i++)
			rec_to_json(&w, items.items[i]);
		jw_arr_end(&w);
		output_print(stdout, fmt, buf_str(&b), fmt == OUTPUT_TABLE ? agenda_columns : NULL);
		buf_free(&b);
		return CLI_OK;
	}
	if (strcmp(verb, "add") == 0 || strcmp(verb, "show") == 0 || strcmp(verb, "update") == 0 ||
	    strcmp(verb, "delete") == 0)
		return entity_cmd(c, &agenda_item_entity, "meeting agenda", verb, argc - 1, argv + 1,
				  agenda_columns);
	printf("usage: capnet meeting agenda add --meeting-id ID --kind KIND --title T\n"
	       "                                [--minutes N] [--position N] [--notes TEXT]\n"
	       "       capnet meeting agenda list MEETING\n"
	       "       capnet meeting agenda show|update|delete ITEM\n"
	       "KIND: present, try_out, collaborate, plan, reflect.\n");
	return strcmp(verb, "--help") == 0 ? CLI_OK : CLI_USAGE;
}

static int meeting_attend(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"status", 1, NULL}, {"format", 1, NULL},
					       {NULL, 0, NULL}};
	static const char usage[] =
		"capnet meeting attend MEETING PERSON [--status present|absent|excused]\n"
		"       capnet meeting attendance MEETING\n"
		"PERSON is an id or an email address; the status defaults to present.";
	struct args a;
	int64_t meeting = 0, person = 0;
	enum output_format fmt;
	int rc = link_args(c, argc, argv, opts, 2, usage, &a, &meeting, &person, &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	const char *status = args_has(&a, "status") ? args_get(&a, "status") : "present";
	struct cn_err err = {0};
	if (attendance_set(c->db, &c->who, meeting, person, status, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: person %lld %s at meeting %lld\n", (long long)person, status,
		(long long)meeting);
	return CLI_OK;
}

static int meeting_attendance(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	int64_t meeting = 0;
	enum output_format fmt;
	int rc = link_args(c, argc, argv, opts, 1, "capnet meeting attendance MEETING", &a,
			   &meeting, NULL, &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct cn_err err = {0};
	struct rec *m = NULL;
	struct network_people people;
	if (rec_get(c->db, c->a, &meeting_entity, meeting, &m, &err) ||
	    attendance_list(c->db, c->a, meeting, &people, &err))
		return cli_fail(&err);
	return print_people(&people, fmt);
}

/* `meeting materials list MEETING` and `meeting materials add|remove AGENDA_ITEM
 * --library-item ID | --deliverable ID`: what an agenda links to, as the meeting page's
 * materials and GET /meetings/{id}/materials show it. */
static int meeting_materials(struct cli *c, int argc, char **argv)
{
	static const char usage[] =
		"capnet meeting materials list MEETING [--format table|json|csv]\n"
		"       capnet meeting materials add|remove AGENDA_ITEM --library-item ID\n"
		"       capnet meeting materials add|remove AGENDA_ITEM --deliverable ID\n"
		"The library items and deliverables a meeting's agenda items link to, in agenda\n"
		"order; add links one to an agenda item, remove unlinks it.";
	static const char *const columns[] = {"agenda_item_id", "agenda_title", "entity", "id",
					      "title", "kind", "status", NULL};
	static const struct args_opt opts[] = {
		{"library-item", 1, "a library item's id"},
		{"deliverable", 1, "or a deliverable's id"},
		{"format", 1, "table, json or csv (list)"},
		{NULL, 0, NULL}};
	const char *verb = argc > 0 ? argv[0] : "";
	int list = strcmp(verb, "list") == 0;
	if (!list && strcmp(verb, "add") != 0 && strcmp(verb, "remove") != 0) {
		printf("usage: %s\n", usage);
		return strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 ? CLI_OK : CLI_USAGE;
	}
	struct args a;
	int64_t owner = 0;
	enum output_format fmt;
	int rc = link_args(c, argc - 1, argv + 1, opts, 1, usage, &a, &owner, NULL, &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct cn_err err = {0};
	if (list) {
		struct rec *m = NULL;
		struct agenda_material *items = NULL;
		size_t n = 0;
		if (rec_get(c->db, c->a, &meeting_entity, owner, &m, &err) ||
		    agenda_materials(c->db, c->a, owner, &items, &n, &err))
			return cli_fail(&err);
		struct buf b = BUF_INIT;
		struct jw w;
		jw_init(&w, &b);
		jw_arr_begin(&w);
		for (size_t i = 0; i < n; i++)
			agenda_material_json(&w, &items[i]);
		jw_arr_end(&w);
		rc = cli_print(&b, fmt, columns);
		buf_free(&b);
		return rc;
	}
	int lib = args_has(&a, "library-item");
	if (lib == args_has(&a, "deliverable"))
		return cli_usage("meeting materials %s needs exactly one of --library-item ID or "
				 "--deliverable ID",
				 verb);
	int64_t id = 0;
	const char *flag = lib ? "--library-item" : "--deliverable";
	if (cli_id(args_get(&a, flag + 2), flag, &id))
		return CLI_USAGE;
	const char *entity = lib ? "library_item" : "deliverable";
	if (strcmp(verb, "add") == 0 ? agenda_material_add(c->db, &c->who, owner, entity, id, &err)
				     : agenda_material_remove(c->db, &c->who, owner, entity, id, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: %s %lld %s agenda item %lld\n", lib ? "library item" : "deliverable",
		(long long)id, strcmp(verb, "add") == 0 ? "linked to" : "unlinked from",
		(long long)owner);
	return CLI_OK;
}

static const char *const meeting_columns[] = {"id", "network_id", "title", "starts_at", "tz",
					      "place", NULL};

int cmd_meeting(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "agenda") == 0)
		return meeting_agenda(c, argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "attend") == 0)
		return meeting_attend(c, argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "attendance") == 0)
		return meeting_attendance(c, argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "materials") == 0)
		return meeting_materials(c, argc - 2, argv + 2);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		printf("usage: capnet meeting VERB ...   (network meetings)\n");
		entity_cmd_help(&meeting_entity, "meeting");
		printf("  capnet meeting agenda add|list|show|update|delete ...\n"
		       "  capnet meeting attend MEETING PERSON [--status present|absent|excused]\n"
		       "  capnet meeting attendance MEETING\n"
		       "  capnet meeting materials list|add|remove ...   what the agenda links to\n"
		       "Times are local to the meeting's --tz (default America/New_York), e.g.\n"
		       "  capnet meeting add --network-id 1 --title 'Meeting 1' \\\n"
		       "      --starts-at 2026-09-15T09:00 --ends-at 2026-09-15T15:00 \\\n"
		       "      --tz America/Chicago --place 'Green River Co-op, Room 4'\n");
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	return entity_cmd(c, &meeting_entity, "meeting", argv[1], argc - 2, argv + 2,
			  meeting_columns);
}
