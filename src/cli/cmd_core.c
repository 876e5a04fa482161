/* cmd_core: init, user, token, org and relationship commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "app/assessment/instrument.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"
#include "app/org/relationship.h"
#include "app/org/membership.h"

int cmd_init(struct cli *c, int argc, char **argv)
{
	struct args a;
	if (args_parse(argc - 1, argv + 1, NULL, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet [--db URL] init\n"
		       "Creates the database if it does not exist and applies every schema\n"
		       "migration it lacks. Safe to run again: it changes nothing when current.\n");
		return CLI_OK;
	}
	if (a.npos > 0)
		return cli_usage("init takes no arguments");
	struct cn_err err = {0};
	if (store_open(c->db_url, &c->db, &err))
		return cli_fail(&err);
	int applied = 0;
	int64_t instrument = 0;
	if (store_migrate(c->db, &applied, &err) ||
	    instrument_default(c->db, &c->who, &instrument, &err))
		return cli_fail(&err);
	char shown[512];
	store_url_display(c->db_url, shown, sizeof(shown));
	fprintf(stderr, "capnet: %s is at schema version %d (%d migration%s applied)\n", shown,
		store_schema_latest(), applied, applied == 1 ? "" : "s");
	return CLI_OK;
}

/* Reads a password: a line from standard input when asked or when it is not a
 * terminal, else prompted twice without echo. Never from the command line, where
 * other users of the machine could see it. */
static int read_password(struct cli *c, int from_stdin, char **out)
{
	char line[512];
	if (from_stdin || !isatty(STDIN_FILENO)) {
		if (fgets(line, sizeof(line), stdin) == NULL)
			return cli_usage("no password on standard input");
		line[strcspn(line, "\r\n")] = '\0';
		*out = arena_strdup(c->a, line);
		return CLI_OK;
	}
	struct termios old, quiet;
	tcgetattr(STDIN_FILENO, &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	char again[512];
	fputs("New password: ", stderr);
	tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	char *ok1 = fgets(line, sizeof(line), stdin);
	fputs("\nAgain: ", stderr);
	char *ok2 = fgets(again, sizeof(again), stdin);
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	fputc('\n', stderr);
	if (ok1 == NULL || ok2 == NULL)
		return cli_usage("no password given");
	line[strcspn(line, "\r\n")] = '\0';
	again[strcspn(again, "\r\n")] = '\0';
	if (strcmp(line, again) != 0)
		return cli_usage("the two passwords differ; nothing was changed");
	*out = arena_strdup(c->a, line);
	return CLI_OK;
}

/* A person by id or email. */
static int find_person(struct cli *c, const char *key, int64_t *id)
{
	struct cn_err err = {0};
	if (strchr(key, '@') != NULL) {
		int rc = person_find_email(c->db, key, id, &err);
		if (rc < 0)
			return cli_fail(&err);
		if (rc == 0) {
			fprintf(stderr, "capnet: no person has the email %s\n", key);
			return CLI_FAIL;
		}
		return CLI_OK;
	}
	if (cli_id(key, "person", id))
		return CLI_USAGE;
	struct rec *p = NULL;
	if (rec_get(c->db, c->a, &person_entity, *id, &p, &err))
		return cli_fail(&err);
	return CLI_OK;
}

static const char *const person_columns[] = {"id", "given_name", "family_name", "email", "active",
					     NULL};

static int user_add(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"given-name", 1, NULL}, {"family-name", 1, NULL}, {"email", 1, NULL},
		{"username", 1, NULL},   {"org", 1, NULL},	   {"role", 1, NULL},
		{"title", 1, NULL},	 {"password-stdin", 0, NULL}, {"no-password", 0, NULL},
		{"format", 1, NULL},	 {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet user add --given-name G --family-name F --email E\n"
		       "                       [--org ID --role ROLE [--title T]]\n"
		       "                       [--password-stdin | --no-password]\n"
		       "Adds a person who can sign in. The password is read from standard input\n"
		       "(--password-stdin) or asked for twice on a terminal; --no-password adds\n"
		       "the person without one (they cannot sign in until `user passwd`).\n"
		       "ROLE is admin, facilitator, district_lead, member or partner.\n");
		return CLI_OK;
	}
	if (a.npos > 0)
		return cli_usage("user add takes no argument '%s'", a.pos[0]);
	if (args_has(&a, "role") != args_has(&a, "org"))
		return cli_usage("--org and --role go together");
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	char *password = NULL;
	if (!args_has(&a, "no-password")) {
		int rc = read_password(c, args_has(&a, "password-stdin"), &password);
		if (rc != CLI_OK)
			return rc;
	}
	struct rec *p = rec_new(c->a, &person_entity);
	static const char *const fields[] = {"given_name", "family_name", "email", "username",
					     NULL};
	for (size_t i = 0; fields[i] != NULL; i++)
		if (args_has(&a, fields[i]) &&
		    rec_set_text(p, c->a, fields[i], args_get(&a, fields[i]), &err))
			return cli_fail(&err);
	if (rec_is_null(p, "email"))
		return cli_usage("--email is required: it is how the person signs in");
	struct rec *m = NULL;
	if (args_has(&a, "org")) {
		m = rec_new(c->a, &membership_entity);
		if (rec_set_text(m, c->a, "org_id", args_get(&a, "org"), &err) ||
		    rec_set_text(m, c->a, "role", args_get(&a, "role"), &err) ||
		    (args_has(&a, "title") &&
		     rec_set_text(m, c->a, "title", args_get(&a, "title"), &err)))
			return cli_fail(&err);
	}
	if (person_create(c->db, &c->who, c->a, p, m, password, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	rec_to_json(&w, p);
	output_print(stdout, fmt, buf_str(&b), NULL);
	buf_free(&b);
	return CLI_OK;
}

static int user_passwd(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"password-stdin", 0, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help || a.npos != 1) {
		printf("usage: capnet user passwd EMAIL|ID [--password-stdin]\n"
		       "Sets a person's password (at least %d characters).\n",
		       PERSON_PASSWORD_MIN);
		return a.help ? CLI_OK : CLI_USAGE;
	}
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	int64_t id;
	int rc = find_person(c, a.pos[0], &id);
	if (rc != CLI_OK)
		return rc;
	char *password = NULL;
	rc = read_password(c, args_has(&a, "password-stdin"), &password);
	if (rc != CLI_OK)
		return rc;
	if (person_set_password(c->db, &c->who, id, password, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: password changed for person %lld\n", (long long)id);
	return CLI_OK;
}

static int user_role(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"org", 1, NULL},   {"role", 1, NULL},
					       {"title", 1, NULL}, {"remove", 0, NULL},
					       {"format", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help || a.npos != 1) {
		printf("usage: capnet user role EMAIL|ID [--org ID --role ROLE [--title T]]\n"
		       "                        [--remove]\n"
		       "Without --org lists the person's roles; with it adds the role (or ends\n"
		       "it with --remove). ROLE: admin, facilitator, district_lead, member,\n"
		       "partner.\n");
		return a.help ? CLI_OK : CLI_USAGE;
	}
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	int64_t id;
	int rc = find_person(c, a.pos[0], &id);
	if (rc != CLI_OK)
		return rc;
	char idtext[32];
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if (!args_has(&a, "org")) {
		struct rec_query q = {.filter = {idtext}, .limit = REC_LIST_MAX};
		struct rec_list list;
		if (rec_list(c->db, c->a, &membership_entity, &q, &list, &err))
			return cli_fail(&err);
		struct buf b = BUF_INIT;
		struct jw w;
		jw_init(&w, &b);
		jw_arr_begin(&w);
		for (size_t i = 0; i < list.count; i++)
			rec_to_json(&w, list.items[i]);
		jw_arr_end(&w);
		static const char *const cols[] = {"id", "org_id", "role", "title", "active", NULL};
		output_print(stdout, fmt, buf_str(&b), fmt == OUTPUT_TABLE ? cols : NULL);
		buf_free(&b);
		return CLI_OK;
	}
	if (!args_has(&a, "role"))
		return cli_usage("--org needs --role");
	struct rec_query q = {.filter = {idtext, args_get(&a, "org"), args_get(&a, "role")}};
	struct rec_list list;
	if (rec_list(c->db, c->a, &membership_entity, &q, &list, &err))
		return cli_fail(&err);
	if (args_has(&a, "remove")) {
		if (list.count == 0) {
			fprintf(stderr, "capnet: person %lld has no such role there\n",
				(long long)id);
			return CLI_FAIL;
		}
		struct rec *changes = rec_new(c->a, &membership_entity);
		if (rec_set_text(changes, c->a, "active", "false", &err) ||
		    rec_update(c->db, &c->who, c->a, list.items[0]->id, 0, changes, NULL, &err))
			return cli_fail(&err);
		fprintf(stderr, "capnet: role ended\n");
		return CLI_OK;
	}
	struct rec *m = rec_new(c->a, &membership_entity);
	if (args_has(&a, "title") && rec_set_text(m, c->a, "title", args_get(&a, "title"), &err))
		return cli_fail(&err);
	if (list.count > 0) {
		if (rec_set_text(m, c->a, "active", "true", &err) ||
		    rec_update(c->db, &c->who, c->a, list.items[0]->id, 0, m, NULL, &err))
			return cli_fail(&err);
	} else if (rec_put_int(m, "person_id", id, &err) ||
		   rec_set_text(m, c->a, "org_id", args_get(&a, "org"), &err) ||
		   rec_set_text(m, c->a, "role", args_get(&a, "role"), &err) ||
		   rec_create(c->db, &c->who, c->a, m, &err)) {
		return cli_fail(&err);
	}
	fprintf(stderr, "capnet: person %lld is %s of organization %s\n", (long long)id,
		args_get(&a, "role"), args_get(&a, "org"));
	return CLI_OK;
}

int cmd_user(struct cli *c, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		printf("usage: capnet user VERB ...\n"
		       "  capnet user add --given-name G --family-name F --email E [...]\n"
		       "  capnet user list [--q TEXT] [--org-id ID] [--format table|json|csv]\n"
		       "  capnet user show ID\n"
		       "  capnet user update ID --FIELD VALUE\n"
		       "  capnet user passwd EMAIL|ID [--password-stdin]\n"
		       "  capnet user role EMAIL|ID [--org ID --role ROLE] [--remove]\n");
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	if (strcmp(argv[1], "add") == 0)
		return user_add(c, argc - 2, argv + 2);
	if (strcmp(argv[1], "passwd") == 0)
		return user_passwd(c, argc - 2, argv + 2);
	if (strcmp(argv[1], "role") == 0)
		return user_role(c, argc - 2, argv + 2);
	return entity_cmd(c, &person_entity, "user", argv[1], argc - 2, argv + 2, person_columns);
}

int cmd_token(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"email", 1, NULL}, {"name", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	const char *verb = argc > 1 ? argv[1] : "";
	if (argc < 2 || args_parse(argc - 2, argv + 2, opts, 0, &a) || a.help ||
	    (strcmp(verb, "create") != 0 && strcmp(verb, "revoke") != 0)) {
		int asked = argc >= 2 && (a.help || strcmp(verb, "--help") == 0);
		printf("usage: capnet token create --email E [--name NAME]\n"
		       "       capnet token revoke ID\n"
		       "create prints a new bearer token for the API. It is shown once and\n"
		       "stored only as a hash. The token acts as its person, with that person's\n"
		       "rights. Calendar subscriptions have their own: `capnet calendar-token`.\n");
		return asked ? CLI_OK : CLI_USAGE;
	}
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	if (strcmp(verb, "revoke") == 0) {
		int64_t id;
		if (a.npos != 1 || cli_id(a.pos[0], "token", &id))
			return cli_usage("usage: capnet token revoke ID");
		if (person_token_revoke(c->db, &c->who, id, &err))
			return cli_fail(&err);
		fprintf(stderr, "capnet: token %lld revoked\n", (long long)id);
		return CLI_OK;
	}
	if (!args_has(&a, "email") || a.npos > 0)
		return cli_usage("usage: capnet token create --email E [--name NAME]");
	int64_t person;
	int rc = find_person(c, args_get(&a, "email"), &person);
	if (rc != CLI_OK)
		return rc;
	const char *name = args_has(&a, "name") ? args_get(&a, "name") : "cli";
	char *token = NULL;
	int64_t token_id = 0;
	if (person_token_create(c->db, &c->who, c->a, person, name, &token, &token_id, &err))
		return cli_fail(&err);
	printf("%s\n", token);
	fprintf(stderr, "capnet: token %lld for person %lld; keep it secret, it is not shown again\n",
		(long long)token_id, (long long)person);
	return CLI_OK;
}

static const char *const org_columns[] = {"id", "kind", "name", "parent_id", "identifier",
					  "active", NULL};

int cmd_org(struct cli *c, int argc, char **argv)
{
	return entity_top(c, &org_entity, "org", "organizations", argc, argv, org_columns);
}

int cmd_relationship(struct cli *c, int argc, char **argv)
{
	return entity_top(c, &relationship_entity, "relationship",
			  "formal links between organizations", argc, argv, NULL);
}
