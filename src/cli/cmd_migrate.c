/* cmd_migrate: `capnet migrate-data`, moving an installation to another database
 * (typically SQLite to PostgreSQL) and proving the copy whole. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"

static void migrate_progress(void *ctx, const char *table, int64_t rows)
{
	struct cli *c = ctx;
	if (c->tty)
		fprintf(stderr, "\r\033[Kcopying %s: %lld rows", table, (long long)rows);
}

void cli_print_tables(enum output_format fmt, const struct store_copy_report *r,
		      const char *verified)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_arr_begin(&w);
	for (size_t i = 0; i < r->count; i++) {
		jw_obj_begin(&w);
		jw_kv_str(&w, "table", r->tables[i].name);
		jw_kv_int(&w, "rows", r->tables[i].rows);
		jw_kv_str(&w, "checksum", r->tables[i].checksum);
		if (verified != NULL)
			jw_kv_str(&w, "verified", verified);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	output_print(stdout, fmt, buf_str(&b), NULL);
	buf_free(&b);
}

int cmd_migrate_data(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"from", 1, NULL}, {"to", 1, NULL},
					       {"format", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc - 1, argv + 1, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet migrate-data --from URL --to URL [--format table|json|csv]\n"
		       "Copies every record of the database at --from into the database at --to,\n"
		       "which must be new and empty (it is initialized to the current schema\n"
		       "first), in one transaction; then reads both again and compares every\n"
		       "table's row count and checksum. Stop every `capnet serve` using the\n"
		       "source first, so nothing changes during the copy. Example:\n"
		       "  capnet migrate-data --from sqlite:capnet.db \\\n"
		       "      --to 'postgresql://capnet@db.example.org/capnet'\n");
		return CLI_OK;
	}
	if (!args_has(&a, "from") || !args_has(&a, "to") || a.npos > 0)
		return cli_usage("usage: capnet migrate-data --from URL --to URL (see --help)");
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	struct store *from = NULL, *to = NULL;
	int rc = CLI_FAIL;
	if (store_open(args_get(&a, "from"), &from, &err) || store_require_current(from, &err)) {
		cn_err_field(&err, err.kind, "from", "%s", err.msg);
		rc = cli_fail(&err);
		goto out;
	}
	if (store_open(args_get(&a, "to"), &to, &err) || store_migrate(to, NULL, &err)) {
		char msg[sizeof(err.msg)];
		snprintf(msg, sizeof(msg), "%s", err.msg);
		cn_err_field(&err, err.kind, "to", "%s", msg);
		rc = cli_fail(&err);
		goto out;
	}
	struct store_copy_report report;
	int copied = store_copy(from, to, c->a, migrate_progress, c, &report, &err);
	if (c->tty)
		fprintf(stderr, "\r\033[K");
	if (copied != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	cli_print_tables(fmt, &report, "same in both");
	fprintf(stderr, "capnet: copied and verified %lld rows in %zu tables\n",
		(long long)report.rows, report.count);
	rc = CLI_OK;
out:
	store_close(from);
	store_close(to);
	return rc;
}
