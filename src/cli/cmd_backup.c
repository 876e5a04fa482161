/* cmd_backup: `capnet backup` (a consistent copy of a SQLite installation while it
 * serves) and `capnet restore` (a backup into a new, empty database, verified table by
 * table as migrate-data verifies its copy). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char backup_help[] =
	"usage: capnet backup --to FILE [--format table|json|csv]\n"
	"Copies the whole SQLite database into FILE, a new SQLite file, while `capnet\n"
	"serve` goes on running: SQLite's online backup reads one consistent snapshot.\n"
	"FILE must not exist (name it by the date); it appears only once complete. The\n"
	"copy is then checked (PRAGMA integrity_check) and each table's rows and checksum\n"
	"are printed; `capnet restore` verifies the same figures.\n"
	"On PostgreSQL capnet does not back up: it prints the pg_dump command to use.\n"
	"Example (nightly, e.g. from cron or a systemd timer):\n"
	"  capnet backup --to /var/backups/capnet/capnet-$(date +%F).db\n";

static const char restore_help[] =
	"usage: capnet restore --from FILE [--format table|json|csv]\n"
	"Copies every record of the backup FILE (made by `capnet backup`) into the\n"
	"database (--db or $CAPNET_DB), which must be new and empty: it is initialized to\n"
	"the current schema first. Both are then read again and every table's row count\n"
	"and checksum compared, as `capnet migrate-data` does. The database may be SQLite\n"
	"or PostgreSQL. Stop `capnet serve` on the target meanwhile. Example:\n"
	"  capnet --db sqlite:/var/lib/capnet/capnet.db restore --from capnet-2026-12-07.db\n";

/* Prints the pg_dump command that backs up the PostgreSQL database at url into path. */
static int backup_pg(const struct cli *c, const char *path)
{
	char shown[1024];
	store_url_display(c->db_url, shown, sizeof(shown));
	char *secret = strstr(shown, ":***@"); /* pg_dump reads the password elsewhere */
	if (secret != NULL)
		memmove(secret, secret + 4, strlen(secret + 4) + 1);
	fprintf(stderr,
		"capnet: this is a PostgreSQL database; use pg_dump, which makes a consistent "
		"copy while capnet serves (the password comes from ~/.pgpass or PGPASSWORD):\n");
	printf("pg_dump --format=custom --file='%s' '%s'\n", path, shown);
	fprintf(stderr, "capnet: restore it into a new database with pg_restore --dbname=URL "
			"FILE; nothing was backed up\n");
	return CLI_FAIL;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"to", 1, NULL}, {"format", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc - 1, argv + 1, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		fputs(backup_help, stdout);
		return CLI_OK;
	}
	if (!args_has(&a, "to") || a.npos > 0)
		return cli_usage("usage: capnet backup --to FILE (see --help)");
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	const char *path = args_get(&a, "to");
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	if (strcmp(store_backend_name(c->db), "postgresql") == 0)
		return backup_pg(c, path);
	if (store_backup(c->db, path, &err))
		return cli_fail(&err);
	struct store *copy = NULL;
	char url[4200];
	snprintf(url, sizeof(url), "sqlite:%s", path);
	char check[512] = "";
	struct store_copy_report report;
	int rc = CLI_FAIL;
	if (store_open(url, &copy, &err) ||
	    store_integrity_check(copy, check, sizeof(check), &err) ||
	    store_digest(copy, c->a, &report, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (strcmp(check, "ok") != 0) {
		fprintf(stderr, "capnet: the backup %s fails its integrity check: %s\n", path,
			check);
		goto out;
	}
	cli_print_tables(fmt, &report, NULL);
	fprintf(stderr, "capnet: backed up %lld rows in %zu tables to %s (integrity ok)\n",
		(long long)report.rows, report.count, path);
	rc = CLI_OK;
out:
	store_close(copy);
	return rc;
}

int cmd_restore(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"from", 1, NULL}, {"format", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc - 1, argv + 1, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		fputs(restore_help, stdout);
		return CLI_OK;
	}
	if (!args_has(&a, "from") || a.npos > 0)
		return cli_usage("usage: capnet restore --from FILE (see --help)");
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	const char *path = args_get(&a, "from");
	struct cn_err err = {0};
	FILE *probe = fopen(path, "rb");
	if (probe == NULL) {
		cn_err_field(&err, CN_ERR_INPUT, "from", "%s cannot be read", path);
		return cli_fail(&err);
	}
	fclose(probe);
	char url[4200];
	snprintf(url, sizeof(url), "sqlite:%s", path);
	struct store *from = NULL, *to = NULL;
	int rc = CLI_FAIL;
	if (store_open(url, &from, &err) || store_require_current(from, &err)) {
		cn_err_field(&err, err.kind, "from", "%s: %s", path, err.msg);
		rc = cli_fail(&err);
		goto out;
	}
	if (store_open(c->db_url, &to, &err) || store_migrate(to, NULL, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	struct store_copy_report report;
	if (store_copy(from, to, c->a, NULL, NULL, &report, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	cli_print_tables(fmt, &report, "same in both");
	fprintf(stderr, "capnet: restored and verified %lld rows in %zu tables from %s\n",
		(long long)report.rows, report.count, path);
	rc = CLI_OK;
out:
	store_close(from);
	store_close(to);
	return rc;
}
