/* cmd_audit: `capnet audit`: the audit log (app/audit.h), newest first, filtered by
 * actor, entity, record and time, as GET /api/v1/audit and the /admin/audit page show
 * it. The command line acts as the operator, who reads everything. */
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "cli/cli.h"
#include "core/json.h"

static const char *const audit_columns[] = {"id",     "at",	"actor", "action",
					    "entity", "entity_id", NULL};

int cmd_audit(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"actor", 1, "only changes by this person: email or id"},
		{"entity", 1, "only changes of this kind of record, e.g. plan, team, meeting"},
		{"entity-id", 1, "only changes of this record (with --entity)"},
		{"since", 1, "only changes at or after this date (YYYY-MM-DD) or instant"},
		{"until", 1, "only changes at or before this date (to its end) or instant"},
		{"limit", 1, "at most this many (default 50, at most 1000)"},
		{"cursor", 1, "the next page: the cursor the previous page printed"},
		{"format", 1, "table, json (with before and after) or csv"},
		{NULL, 0, NULL}};
	struct args a;
	enum output_format fmt;
	int rc = cli_verb_args(c, argc - 1, argv + 1, opts, 0,
			       "capnet audit [--actor PERSON] [--entity E [--entity-id N]]\n"
			       "             [--since DATE] [--until DATE] [--limit N] [--cursor N]\n"
			       "             [--format table|json|csv]\n"
			       "Every change, newest first: when, who, what, and (with --format json)\n"
			       "the record before and after. A page ends with the cursor of the next\n"
			       "on standard error. For example:\n"
			       "  capnet audit --entity plan --entity-id 3 --since 2026-09-01",
			       &a);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	struct audit_query q = {.limit = REC_LIST_DEFAULT};
	static const char *const filters[][2] = {
		{"entity", "entity"}, {"entity-id", "entity_id"}, {"since", "since"},
		{"until", "until"},   {"limit", "limit"},	  {"cursor", "cursor"}};
	for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++)
		if (args_has(&a, filters[i][0]) &&
		    audit_query_set(&q, c->a, filters[i][1], args_get(&a, filters[i][0]), &err)) {
			snprintf(err.field, sizeof(err.field), "--%s", filters[i][0]);
			return cli_fail(&err);
		}
	if (args_has(&a, "actor") &&
	    (rc = cli_person(c, args_get(&a, "actor"), "--actor", &q.actor_id)) != CLI_OK)
		return rc;
	struct audit_event *items = NULL;
	size_t n = 0;
	int64_t next = 0;
	if (audit_list(c->db, c->a, &q, &items, &n, &next, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_arr_begin(&w);
	for (size_t i = 0; i < n; i++) {
		audit_event_json(&w, &items[i], fmt == OUTPUT_JSON);
	}
	jw_arr_end(&w);
	rc = cli_print(&b, fmt, audit_columns);
	buf_free(&b);
	if (next != 0)
		fprintf(stderr, "capnet: more changes: --cursor %lld\n", (long long)next);
	return rc;
}
