/* entity_cmd: add, list, show, update and delete for any declared entity. Field flags
 * and their help come from the declaration, so the CLI and the API accept the same
 * fields with the same rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"

static const char *entity_type_hint(enum rec_type t)
{
	switch (t) {
	case REC_INT:
		return "N";
	case REC_REF:
		return "ID";
	case REC_BOOL:
		return "true|false";
	case REC_DATE:
		return "YYYY-MM-DD";
	case REC_DATETIME:
		return "YYYY-MM-DDTHH:MM";
	case REC_SCHOOL_YEAR:
		return "YYYY-YY";
	case REC_ENUM:
		return "CHOICE";
	case REC_TZ:
		return "ZONE";
	case REC_EMAIL:
		return "EMAIL";
	case REC_URL:
		return "URL";
	default:
		return "TEXT";
	}
}

static void entity_flag_name(const char *field, char *out, size_t size)
{
	snprintf(out, size, "%s", field);
	for (char *p = out; *p; p++)
		if (*p == '_')
			*p = '-';
}

static void entity_fields_help(const struct rec_entity *e, int for_update)
{
	for (size_t i = 0; i < e->nfields; i++) {
		const struct rec_field *f = &e->fields[i];
		if (f->flags & REC_READONLY)
			continue;
		if (for_update && (f->flags & REC_FIXED))
			continue;
		char flag[64], left[128];
		entity_flag_name(f->name, flag, sizeof(flag));
		snprintf(left, sizeof(left), "--%s %s", flag, entity_type_hint(f->type));
		printf("  %-34s %s%s\n", left, f->help ? f->help : "",
		       (!for_update && (f->flags & REC_REQUIRED) && f->def == NULL) ? " (required)"
										  : "");
	}
}

void entity_cmd_help(const struct rec_entity *e, const char *cmd)
{
	printf("  capnet %s add --FIELD VALUE ...     create a %s\n", cmd, e->title);
	printf("  capnet %s list [--FILTER VALUE ...] list %s (--format table|json|csv)\n", cmd,
	       e->plural);
	printf("  capnet %s show ID                   one %s\n", cmd, e->title);
	printf("  capnet %s update ID --FIELD VALUE   change fields\n", cmd);
	if (e->deletable)
		printf("  capnet %s delete ID                 delete it\n", cmd);
	printf("Run `capnet %s VERB --help` for the fields.\n", cmd);
}

/* Prints one record or a list as fmt. */
static int entity_print(const char *json, enum output_format fmt, const char *const *columns)
{
	if (output_print(stdout, fmt, json, columns) != 0) {
		fprintf(stderr, "capnet: internal error: bad output\n");
		return CLI_FAIL;
	}
	return CLI_OK;
}

int entity_print_rec(const struct rec *r, enum output_format fmt)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	rec_to_json(&w, r);
	int rc = entity_print(buf_str(&b), fmt, NULL);
	buf_free(&b);
	return rc;
}

int entity_set_fields(struct cli *c, struct rec *r, const struct args *a,
		      const char *const *own, int for_update)
{
	for (size_t i = 0; i < a->nopt; i++) {
		char field[128];
		snprintf(field, sizeof(field), "%s", a->name[i]);
		for (char *p = field; *p; p++)
			if (*p == '-')
				*p = '_';
		int is_own = 0;
		for (size_t k = 0; own[k] != NULL; k++)
			if (strcmp(own[k], field) == 0)
				is_own = 1;
		if (is_own)
			continue;
		int idx = rec_field_index(r->entity, field);
		if (idx < 0)
			return cli_usage("--%s is not a field of %s (see --help)", a->name[i],
					 r->entity->title);
		if (for_update && (r->entity->fields[idx].flags & REC_FIXED))
			return cli_usage("--%s cannot be changed after creation", a->name[i]);
		struct cn_err err = {0};
		if (rec_set_text(r, c->a, field, a->value[i], &err) != 0)
			return cli_fail(&err);
	}
	return CLI_OK;
}

static int entity_add(struct cli *c, const struct rec_entity *e, const char *cmd, int argc,
		      char **argv)
{
	struct args a;
	if (args_parse(argc, argv, NULL, 1, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet %s add --FIELD VALUE ... [--format table|json|csv]\n"
		       "Creates a %s.\n",
		       cmd, e->title);
		entity_fields_help(e, 0);
		return CLI_OK;
	}
	if (a.npos > 0)
		return cli_usage("%s add takes no argument '%s'; give fields as --name value", cmd,
				 a.pos[0]);
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	struct rec *r = rec_new(c->a, e);
	static const char *const own[] = {"format", NULL};
	int rc = entity_set_fields(c, r, &a, own, 0);
	if (rc != CLI_OK)
		return rc;
	if (rec_create(c->db, &c->who, c->a, r, &err))
		return cli_fail(&err);
	return entity_print_rec(r, fmt);
}

static int entity_list(struct cli *c, const struct rec_entity *e, const char *cmd, int argc,
		       char **argv, const char *const *columns)
{
	struct args_opt opts[16] = {{"format", 1, NULL}, {"limit", 1, NULL}, {"cursor", 1, NULL},
				    {"all", 0, NULL}};
	/* Filters are typed as flags, with '-' for '_' (--network-id), as fields are. */
	char flags[12][64];
	size_t n = 4;
	for (size_t i = 0; i < e->nfilters && i < 12 && n < 15; i++) {
		entity_flag_name(e->filters[i].name, flags[i], sizeof(flags[i]));
		opts[n++] = (struct args_opt){flags[i], 1, e->filters[i].help};
	}
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet %s list [options]\nLists %s, oldest first.\n", cmd,
		       e->plural);
		for (size_t i = 0; i < e->nfilters; i++) {
			char flag[64], left[100];
			entity_flag_name(e->filters[i].name, flag, sizeof(flag));
			snprintf(left, sizeof(left), "--%s %s", flag,
				 entity_type_hint(e->filters[i].type));
			printf("  %-28s %s\n", left, e->filters[i].help);
		}
		printf("  %-28s %s\n", "--limit N", "at most N (default 50, at most 1000)");
		printf("  %-28s %s\n", "--cursor ID", "continue after this id");
		printf("  %-28s %s\n", "--all", "every page");
		printf("  %-28s %s\n", "--format table|json|csv", "output format (default table)");
		return CLI_OK;
	}
	if (a.npos > 0)
		return cli_usage("%s list takes no argument '%s'", cmd, a.pos[0]);
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct rec_query q = {0};
	for (size_t i = 0; i < e->nfilters && i < 8; i++)
		q.filter[i] = args_get(&a, flags[i]);
	struct cn_err err = {0};
	if (args_has(&a, "limit")) {
		char *end;
		long v = strtol(args_get(&a, "limit"), &end, 10);
		if (*end != '\0' || v < 1 || v > REC_LIST_MAX)
			return cli_usage("--limit must be a number from 1 to %d", REC_LIST_MAX);
		q.limit = (int)v;
	}
	if (args_has(&a, "cursor") && cli_id(args_get(&a, "cursor"), "--cursor", &q.cursor))
		return CLI_USAGE;
	int all = args_has(&a, "all");
	if (all && q.limit == 0)
		q.limit = REC_LIST_MAX;
	if (cli_db(c, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_arr_begin(&w);
	int64_t next = 0;
	for (;;) {
		struct rec_list list;
		if (rec_list(c->db, c->a, e, &q, &list, &err)) {
			buf_free(&b);
			return cli_fail(&err);
		}
		for (size_t i = 0; i < list.count; i++)
			rec_to_json(&w, list.items[i]);
		next = list.next_cursor;
		if (!all || next == 0)
			break;
		q.cursor = next;
	}
	jw_arr_end(&w);
	int rc = entity_print(buf_str(&b), fmt, fmt == OUTPUT_TABLE ? columns : NULL);
	buf_free(&b);
	if (next != 0 && !all)
		fprintf(stderr, "capnet: more %s follow; use --cursor %lld or --all\n", e->plural,
			(long long)next);
	return rc;
}

static int entity_one(struct cli *c, const struct rec_entity *e, const char *cmd,
		      const char *verb, int argc, char **argv)
{
	struct args a;
	if (args_parse(argc, argv, NULL, 1, &a))
		return CLI_USAGE;
	int is_update = strcmp(verb, "update") == 0;
	if (a.help) {
		printf("usage: capnet %s %s ID%s\n", cmd, verb,
		       is_update ? " --FIELD VALUE ... [--if-version N]" :
		       strcmp(verb, "show") == 0 ? " [--format table|json|csv]" : " [--if-version N]");
		if (is_update) {
			printf("Changes the given fields; --if-version refuses the change if "
			       "someone else changed the %s since version N.\n",
			       e->title);
			entity_fields_help(e, 1);
		}
		return CLI_OK;
	}
	if (a.npos != 1)
		return cli_usage("usage: capnet %s %s ID (see --help)", cmd, verb);
	int64_t id, expected = 0;
	if (cli_id(a.pos[0], e->title, &id))
		return CLI_USAGE;
	if (args_has(&a, "if-version") && cli_id(args_get(&a, "if-version"), "--if-version",
						 &expected))
		return CLI_USAGE;
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	if (strcmp(verb, "show") == 0) {
		if (a.nopt > (size_t)args_has(&a, "format"))
			return cli_usage("show takes only --format");
		struct rec *r = NULL;
		if (rec_get(c->db, c->a, e, id, &r, &err))
			return cli_fail(&err);
		return entity_print_rec(r, fmt);
	}
	if (is_update) {
		struct rec *changes = rec_new(c->a, e);
		static const char *const own[] = {"format", "if_version", NULL};
		int rc = entity_set_fields(c, changes, &a, own, 1);
		if (rc != CLI_OK)
			return rc;
		struct rec *saved = NULL;
		if (rec_update(c->db, &c->who, c->a, id, expected, changes, &saved, &err))
			return cli_fail(&err);
		return entity_print_rec(saved, fmt);
	}
	if (rec_delete(c->db, &c->who, c->a, e, id, expected, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: deleted %s %lld\n", e->title, (long long)id);
	return CLI_OK;
}

int entity_cmd(struct cli *c, const struct rec_entity *e, const char *cmd, const char *verb,
	       int argc, char **argv, const char *const *columns)
{
	if (strcmp(verb, "add") == 0)
		return entity_add(c, e, cmd, argc, argv);
	if (strcmp(verb, "list") == 0)
		return entity_list(c, e, cmd, argc, argv, columns);
	if (strcmp(verb, "show") == 0 || strcmp(verb, "update") == 0 ||
	    (strcmp(verb, "delete") == 0 && e->deletable))
		return entity_one(c, e, cmd, verb, argc, argv);
	return cli_usage("'%s' is not a %s command (see capnet %s --help)", verb, cmd, cmd);
}

int entity_top(struct cli *c, const struct rec_entity *e, const char *cmd,
		      const char *what, int argc, char **argv, const char *const *columns)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		printf("usage: capnet %s VERB ...   (%s)\n", cmd, what);
		entity_cmd_help(e, cmd);
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	return entity_cmd(c, e, cmd, argv[1], argc - 2, argv + 2, columns);
}
