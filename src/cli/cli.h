/* cli: what every command shares: the database URL, the connection, the arena for
 * the command, and the actor (the operator, acting as admin). Commands return the
 * process exit code: 0 ok, 1 failure, 2 usage. */
#ifndef CN_CLI_H
#define CN_CLI_H
#include "app/actor.h"
#include "app/record.h"
#include "cli/args.h"
#include "cli/output.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "store/store.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

struct cli {
	const char *db_url;
	struct store *db; /* opened by cli_db() */
	struct arena *a;
	struct actor who;
	int tty; /* stderr is a terminal: progress may be drawn */
};

/* Opens the database and checks its schema is current (else tells to run init). */
int cli_db(struct cli *c, struct cn_err *err);
/* Prints the error to stderr as "capnet: where: what" and returns its exit code. */
int cli_fail(const struct cn_err *err);
/* Prints a usage problem and returns CLI_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parses a positive id from a positional argument named what; -1 after printing. */
int cli_id(const char *s, const char *what, int64_t *out);
/* Resolves a person given as an id or an email address; on failure prints and returns
 * the exit code (CLI_OK on success). Opens the database. */
int cli_person(struct cli *c, const char *s, const char *what, int64_t *out);
/* Reads a whole file (path "-" = standard input) of at most max bytes into a; *n gets
 * its length. On failure prints and returns the exit code (CLI_OK on success). */
int cli_read_file(struct cli *c, const char *path, size_t max, char **out, size_t *n);
/* Parses a verb's options and its `want` positionals: on --help prints "usage: ..." and
 * the help of each option that has one, and returns -1; on a usage error prints it and returns CLI_USAGE; else opens the database
 * and returns CLI_OK (or the failure's exit code). */
int cli_verb_args(struct cli *c, int argc, char **argv, const struct args_opt *opts,
		  size_t want, const char *usage, struct args *a);
/* The --format option as output_format; -1 after printing. */
int cli_format(const struct args *a, enum output_format *out);

/* Generic commands of a declared entity: add, list, show, update, delete.
 * columns picks the table columns of list (NULL = all). Returns an exit code; 2 when
 * verb is not one of them. */
int entity_cmd(struct cli *c, const struct rec_entity *e, const char *cmd, const char *verb,
	       int argc, char **argv, const char *const *columns);
/* `capnet CMD VERB ...` for an entity with only the generic verbs; what describes
 * the entity in the help line. */
int entity_top(struct cli *c, const struct rec_entity *e, const char *cmd, const char *what,
	       int argc, char **argv, const char *const *columns);
/* Prints one record to standard output as fmt; returns an exit code. */
int entity_print_rec(const struct rec *r, enum output_format fmt);
/* Sets every option of a (parsed with extra_ok) onto r as a field, except those
 * named in own (NULL-terminated, '_' for '-'). for_update refuses fixed fields.
 * Returns an exit code, after printing the problem when not CLI_OK. */
int entity_set_fields(struct cli *c, struct rec *r, const struct args *a,
		      const char *const *own, int for_update);
/* Prints the verbs of entity_cmd for cmd's --help. */
void entity_cmd_help(const struct rec_entity *e, const char *cmd);

/* Verbs of a command (verbs.c). */
struct cli_verb {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv); /* argv[0] is the first argument */
	const char *usage;				  /* "add PLAN --title T ..." */
};
/* Runs the verb argv[0] from verbs (NULL-name terminated). --help, no verb or an
 * unknown one prints every verb's usage (exit 0 for --help, else 2). */
int cli_dispatch(struct cli *c, const char *cmd, const char *what, const struct cli_verb *verbs,
		 int argc, char **argv);
/* argv with its first positional argument written as "--flag VALUE" (every option
 * taking a value), for verbs that hand a parent id to the generic entity verbs. In
 * c->a. */
char **cli_pos_as_flag(struct cli *c, int argc, char **argv, const char *flag, int *out_argc);
/* Prints JSON in fmt (see output_print). */
int cli_print(const struct buf *json, enum output_format fmt, const char *const *columns);
/* Writes data to path ("-" = standard output). */
int cli_write_file(const char *path, const struct buf *data);

/* Commands (cmd_*.c). argv[0] is the command name. */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_token(struct cli *c, int argc, char **argv);
int cmd_org(struct cli *c, int argc, char **argv);
int cmd_relationship(struct cli *c, int argc, char **argv);
int cmd_network(struct cli *c, int argc, char **argv);
int cmd_team(struct cli *c, int argc, char **argv);
int cmd_meeting(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_migrate_data(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
/* Prints a per-table report (store_copy, store_digest) in fmt: table, rows, checksum
 * and, when verified is not NULL, a column "verified" holding it (cmd_migrate.c). */
void cli_print_tables(enum output_format fmt, const struct store_copy_report *r,
		      const char *verified);
int cmd_deliverable(struct cli *c, int argc, char **argv);
int cmd_setting(struct cli *c, int argc, char **argv);
int cmd_sso(struct cli *c, int argc, char **argv);
int cmd_mail(struct cli *c, int argc, char **argv);
int cmd_invite(struct cli *c, int argc, char **argv);
/* Parts of `capnet deliverable` in their own files. */
int cmd_deliverable_review(struct cli *c, int argc, char **argv);
int cmd_deliverable_contributor(struct cli *c, int argc, char **argv);
int cmd_deliverable_notices(struct cli *c, int argc, char **argv);
int cmd_deliverable_target(struct cli *c, int argc, char **argv);
int cmd_standards(struct cli *c, int argc, char **argv);
/* `capnet import case FILE ...`; argv[0] is "case" (cmd_standards.c). */
int import_case(struct cli *c, int argc, char **argv);
int cmd_pd(struct cli *c, int argc, char **argv);
int cmd_walkthrough(struct cli *c, int argc, char **argv);
int cmd_reflection(struct cli *c, int argc, char **argv);
int cmd_report(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_assessment(struct cli *c, int argc, char **argv);
int cmd_plan(struct cli *c, int argc, char **argv);
int cmd_library(struct cli *c, int argc, char **argv);
int cmd_calendar_token(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);
int cmd_routes(struct cli *c, int argc, char **argv);

#endif
