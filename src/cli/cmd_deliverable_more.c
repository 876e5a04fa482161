/* cmd_deliverable_more: `capnet deliverable review|notices|target|contributor ...`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/deliverable/deliverable.h"
#include "app/deliverable/deliverable_contributor.h"
#include "app/deliverable/deliverable_review.h"
#include "app/notice.h"
#include "app/deliverable/target.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"

static int more_print(struct buf *b, enum output_format fmt, const char *const *columns)
{
	int rc = output_print(stdout, fmt, buf_str(b), columns) ? CLI_FAIL : CLI_OK;
	buf_free(b);
	return rc;
}

#define MORE_ARGS(want, usage)                                                                \
	struct args a;                                                                        \
	enum output_format fmt;                                                               \
	int rc_ = cli_verb_args(c, argc, argv, opts, want, usage, &a);                        \
	if (rc_ != CLI_OK)                                                                    \
		return rc_ < 0 ? CLI_OK : rc_;                                                \
	if (cli_format(&a, &fmt))                                                             \
		return CLI_USAGE

/* Contributors. */

int cmd_deliverable_contributor(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	const char *verb = argc > 0 ? argv[0] : "";
	int is_list = strcmp(verb, "list") == 0;
	if (!is_list && strcmp(verb, "add") != 0 && strcmp(verb, "remove") != 0) {
		printf("usage: capnet deliverable contributor add|remove ID PERSON\n"
		       "       capnet deliverable contributor list ID\n"
		       "A contributor is someone on a team of the deliverable's network, of any\n"
		       "district: they read its drafts, save versions and review them.\n"
		       "PERSON is an id or an email address.\n");
		return strcmp(verb, "--help") == 0 ? CLI_OK : CLI_USAGE;
	}
	argc--, argv++;
	MORE_ARGS(is_list ? 1 : 2, "capnet deliverable contributor add|remove|list ID [PERSON]");
	int64_t id, person = 0;
	if (cli_id(a.pos[0], "deliverable", &id))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (is_list) {
		struct deliverable_contributors list;
		struct rec *d = NULL;
		if (rec_get(c->db, c->a, &deliverable_entity, id, &d, &err) ||
		    deliverable_contributors(c->db, c->a, id, &list, &err))
			return cli_fail(&err);
		struct buf b = BUF_INIT;
		struct jw w;
		jw_init(&w, &b);
		deliverable_contributors_json(&w, &list);
		static const char *const cols[] = {"person_id", "name", "district", NULL};
		return more_print(&b, fmt, fmt == OUTPUT_TABLE ? cols : NULL);
	}
	int rc = cli_person(c, a.pos[1], "PERSON", &person);
	if (rc != CLI_OK)
		return rc;
	int add = strcmp(verb, "add") == 0;
	if (add ? deliverable_contributor_add(c->db, &c->who, id, person, &err)
		: deliverable_contributor_remove(c->db, &c->who, id, person, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: person %lld %s deliverable %lld\n", (long long)person,
		add ? "contributes to" : "no longer contributes to", (long long)id);
	return CLI_OK;
}

/* Reviews. */

static int review_score_arg(const struct args *a, const char *flag, int *out)
{
	const char *v = args_get(a, flag);
	if (v == NULL) {
		*out = REVIEW_NOT_SCORED;
		return 0;
	}
	char *end;
	long n = strtol(v, &end, 10);
	if (v[0] == '\0' || *end != '\0' || n < 0 || n > REVIEW_SCORE_MAX) {
		cli_usage("--%s: '%s' is not a score; use 0 (not met) to 3 (fully met)", flag, v);
		return -1;
	}
	*out = (int)n;
	return 0;
}

static int review_add(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"number", 1, NULL},
		{"reviewer", 1, NULL},
		{"alignment", 1, NULL},
		{"key-shifts", 1, NULL},
		{"instructional-supports", 1, NULL},
		{"assessment", 1, NULL},
		{"alignment-comment", 1, NULL},
		{"key-shifts-comment", 1, NULL},
		{"instructional-supports-comment", 1, NULL},
		{"assessment-comment", 1, NULL},
		{"comments", 1, NULL},
		{"format", 1, NULL},
		{NULL, 0, NULL}};
	MORE_ARGS(1, "capnet deliverable review add ID --reviewer PERSON [--number N]\n"
		     "           [--alignment 0-3] [--key-shifts 0-3]\n"
		     "           [--instructional-supports 0-3] [--assessment 0-3]\n"
		     "           [--DIMENSION-comment TEXT] [--comments TEXT]\n"
		     "Scores version N (default: the latest) on the EQuIP-style dimensions:\n"
		     "0 not met, 1 partly, 2 mostly, 3 fully. At least one dimension.");
	int64_t id, number = 0, reviewer = 0;
	if (cli_id(a.pos[0], "deliverable", &id) ||
	    (args_has(&a, "number") && cli_id(args_get(&a, "number"), "--number", &number)))
		return CLI_USAGE;
	struct deliverable_review in = {0};
	static const char *const flags[REVIEW_DIMENSION_COUNT] = {
		"alignment", "key-shifts", "instructional-supports", "assessment"};
	for (int i = 0; i < REVIEW_DIMENSION_COUNT; i++) {
		if (review_score_arg(&a, flags[i], &in.score[i]))
			return CLI_USAGE;
		char flag[64];
		snprintf(flag, sizeof(flag), "%s-comment", flags[i]);
		in.comment[i] = args_get(&a, flag);
	}
	in.comments = args_get(&a, "comments");
	if (!args_has(&a, "reviewer"))
		return cli_usage("--reviewer is required");
	int rc = cli_person(c, args_get(&a, "reviewer"), "--reviewer", &reviewer);
	if (rc != CLI_OK)
		return rc;
	in.reviewer_id = reviewer;
	struct cn_err err = {0};
	struct deliverable_version v;
	int64_t rid;
	if (deliverable_version_find(c->db, c->a, id, number, &v, &err) ||
	    deliverable_review_add(c->db, &c->who, v.id, &in, &rid, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: review %lld of version %lld of deliverable %lld recorded\n",
		(long long)rid, (long long)v.number, (long long)id);
	return CLI_OK;
}

static int review_list(struct cli *c, int argc, char **argv, int summary)
{
	static const struct args_opt opts[] = {{"number", 1, NULL}, {"format", 1, NULL},
					       {NULL, 0, NULL}};
	MORE_ARGS(1, "capnet deliverable review list|summary ID [--number N]\n"
		     "list: each review; summary: the mean of each dimension per version.");
	int64_t id, number = 0, vid = 0;
	if (cli_id(a.pos[0], "deliverable", &id) ||
	    (args_has(&a, "number") && cli_id(args_get(&a, "number"), "--number", &number)))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (number != 0) {
		struct deliverable_version v;
		if (deliverable_version_find(c->db, c->a, id, number, &v, &err))
			return cli_fail(&err);
		vid = v.id;
	}
	struct deliverable_reviews r;
	if (deliverable_reviews(c->db, c->a, id, vid, &r, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	static const char *const list_cols[] = {"id", "version_number", "reviewer", "alignment",
						"key_shifts", "instructional_supports",
						"assessment", "comments", NULL};
	static const char *const sum_cols[] = {"version_number", "reviews", "alignment",
					       "key_shifts", "instructional_supports",
					       "assessment", NULL};
	if (summary) {
		struct deliverable_review_summaries s;
		deliverable_review_summarize(c->a, &r, &s);
		deliverable_review_summaries_json(&w, &s);
	} else {
		deliverable_reviews_json(&w, &r);
	}
	return more_print(&b, fmt, fmt == OUTPUT_TABLE ? (summary ? sum_cols : list_cols) : NULL);
}

int cmd_deliverable_review(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 0 ? argv[0] : "";
	if (strcmp(verb, "add") == 0)
		return review_add(c, argc - 1, argv + 1);
	if (strcmp(verb, "list") == 0 || strcmp(verb, "summary") == 0)
		return review_list(c, argc - 1, argv + 1, strcmp(verb, "summary") == 0);
	printf("usage: capnet deliverable review add ID --reviewer PERSON --alignment 0-3 ...\n"
	       "       capnet deliverable review list ID [--number N]\n"
	       "       capnet deliverable review summary ID\n");
	return strcmp(verb, "--help") == 0 ? CLI_OK : CLI_USAGE;
}

/* Notices. */

static int notices_list(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"person", 1, NULL}, {"all", 0, NULL},
					       {"format", 1, NULL}, {NULL, 0, NULL}};
	MORE_ARGS(0, "capnet deliverable notices list --person PERSON [--all]\n"
		     "A person's unseen notices (--all: seen ones too), newest first.");
	if (!args_has(&a, "person"))
		return cli_usage("--person is required: whose notices");
	int64_t person;
	int rc = cli_person(c, args_get(&a, "person"), "--person", &person);
	if (rc != CLI_OK)
		return rc;
	struct notices n;
	struct cn_err err = {0};
	if (notice_list(c->db, c->a, person, args_has(&a, "all"), &n, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	notices_json(&w, &n);
	static const char *const cols[] = {"id", "deliverable_id", "source_version_id",
					   "created_at", "seen_at", "message", NULL};
	return more_print(&b, fmt, fmt == OUTPUT_TABLE ? cols : NULL);
}

static int notices_one(struct cli *c, const char *verb, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	static const char usage[] =
		"capnet deliverable notices seen NOTICE\n"
		"       capnet deliverable notices compare NOTICE [--format unified|json]\n"
		"compare shows what taking the new source version would change in your latest\n"
		"version; take what you want with `deliverable save`, then mark it seen.";
	if (a.help) {
		printf("usage: %s\n", usage);
		return CLI_OK;
	}
	int64_t id;
	if (a.npos != 1)
		return cli_usage("usage: %s", usage);
	if (cli_id(a.pos[0], "notice", &id))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	if (strcmp(verb, "seen") == 0) {
		if (notice_seen(c->db, &c->who, id, &err))
			return cli_fail(&err);
		fprintf(stderr, "capnet: notice %lld is marked seen\n", (long long)id);
		return CLI_OK;
	}
	struct diff d;
	struct deliverable_version src, own;
	if (notice_compare(c->db, c->a, id, &d, &src, &own, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	const char *format = args_get(&a, "format");
	if (format != NULL && strcmp(format, "json") == 0) {
		struct jw w;
		jw_init(&w, &b);
		diff_json(&w, &d, DIFF_CONTEXT);
		buf_putc(&b, '\n');
	} else if (format == NULL || strcmp(format, "unified") == 0) {
		char *la = arena_printf(c->a, "yours: deliverable %lld version %lld",
					(long long)own.deliverable_id, (long long)own.number);
		char *lb = arena_printf(c->a, "source: deliverable %lld version %lld",
					(long long)src.deliverable_id, (long long)src.number);
		diff_unified(&d, la, lb, DIFF_CONTEXT, &b);
	} else {
		return cli_usage("--format for compare is unified or json, not '%s'", format);
	}
	fwrite(buf_str(&b), 1, b.len, stdout);
	buf_free(&b);
	return CLI_OK;
}

int cmd_deliverable_notices(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 0 ? argv[0] : "";
	if (strcmp(verb, "list") == 0)
		return notices_list(c, argc - 1, argv + 1);
	if (strcmp(verb, "seen") == 0 || strcmp(verb, "compare") == 0)
		return notices_one(c, verb, argc - 1, argv + 1);
	printf("usage: capnet deliverable notices list --person PERSON [--all]\n"
	       "       capnet deliverable notices compare NOTICE [--format unified|json]\n"
	       "       capnet deliverable notices seen NOTICE\n"
	       "A notice says that a deliverable you adapted has a new published version.\n"
	       "Your adaptation is never changed: compare, take what you want into a save,\n"
	       "then mark the notice seen (which also dismisses it).\n");
	return strcmp(verb, "--help") == 0 ? CLI_OK : CLI_USAGE;
}

/* Learning targets. */

static const char *const target_columns[] = {"id", "position", "kind", "cf_item_id",
					     "statement", NULL};

static int target_print(struct cli *c, int64_t id, enum output_format fmt)
{
	struct rec *t = NULL;
	struct cn_err err = {0};
	if (rec_get(c->db, c->a, &learning_target_entity, id, &t, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	rec_to_json(&w, t);
	return more_print(&b, fmt, NULL);
}

static int target_add(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"standard", 1, NULL}, {"kind", 1, NULL},
					       {"statement", 1, NULL}, {"format", 1, NULL},
					       {NULL, 0, NULL}};
	MORE_ARGS(1, "capnet deliverable target add SET --standard STANDARD --kind KIND\n"
		     "           --statement \"I can ...\"\n"
		     "SET is a learning_target_set deliverable; STANDARD a standard's id, CASE\n"
		     "identifier or code; KIND knowledge, reasoning, skill (performance skill) or\n"
		     "product. The target goes last; use move to place it.");
	int64_t set, item = 0;
	if (cli_id(a.pos[0], "deliverable", &set))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (!args_has(&a, "standard"))
		return cli_usage("--standard is required: the standard this target deconstructs");
	if (deliverable_standard_resolve(c->db, args_get(&a, "standard"), &item, &err))
		return cli_fail(&err);
	struct rec *r = rec_new(c->a, &learning_target_entity);
	if (rec_set_int(r, "deliverable_id", set, &err) ||
	    rec_set_int(r, "cf_item_id", item, &err) ||
	    (args_has(&a, "kind") && rec_set_text(r, c->a, "kind", args_get(&a, "kind"), &err)) ||
	    (args_has(&a, "statement") &&
	     rec_set_text(r, c->a, "statement", args_get(&a, "statement"), &err)) ||
	    rec_create(c->db, &c->who, c->a, r, &err))
		return cli_fail(&err);
	return target_print(c, r->id, fmt);
}

static int target_list_cmd(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	MORE_ARGS(1, "capnet deliverable target list SET [--format table|json|csv]");
	int64_t set;
	if (cli_id(a.pos[0], "deliverable", &set))
		return CLI_USAGE;
	struct rec_list l;
	struct cn_err err = {0};
	if (target_list(c->db, c->a, set, &l, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_arr_begin(&w);
	for (size_t i = 0; i < l.count; i++)
		rec_to_json(&w, l.items[i]);
	jw_arr_end(&w);
	return more_print(&b, fmt, fmt == OUTPUT_TABLE ? target_columns : NULL);
}

static int target_one(struct cli *c, const char *verb, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"standard", 1, NULL},	 {"kind", 1, NULL},	 {"statement", 1, NULL},
		{"to", 1, NULL},	 {"if-version", 1, NULL}, {"format", 1, NULL},
		{NULL, 0, NULL}};
	MORE_ARGS(1, "capnet deliverable target show TARGET\n"
		     "       capnet deliverable target update TARGET [--statement T] [--kind K]\n"
		     "                                        [--standard STANDARD] [--if-version N]\n"
		     "       capnet deliverable target move TARGET --to POSITION\n"
		     "       capnet deliverable target delete TARGET [--if-version N]");
	int64_t id, expected = 0, to = 0;
	if (cli_id(a.pos[0], "target", &id) ||
	    (args_has(&a, "if-version") &&
	     cli_id(args_get(&a, "if-version"), "--if-version", &expected)))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (strcmp(verb, "show") == 0)
		return target_print(c, id, fmt);
	if (strcmp(verb, "move") == 0) {
		if (!args_has(&a, "to") || cli_id(args_get(&a, "to"), "--to", &to))
			return args_has(&a, "to") ? CLI_USAGE
						  : cli_usage("--to POSITION is required (1 = first)");
		if (target_move(c->db, &c->who, c->a, id, to, &err))
			return cli_fail(&err);
		return target_print(c, id, fmt);
	}
	if (strcmp(verb, "delete") == 0) {
		if (target_delete(c->db, &c->who, c->a, id, expected, &err))
			return cli_fail(&err);
		fprintf(stderr, "capnet: deleted learning target %lld\n", (long long)id);
		return CLI_OK;
	}
	struct rec *ch = rec_new(c->a, &learning_target_entity);
	int64_t item;
	if (args_has(&a, "standard") &&
	    (deliverable_standard_resolve(c->db, args_get(&a, "standard"), &item, &err) ||
	     rec_set_int(ch, "cf_item_id", item, &err)))
		return cli_fail(&err);
	if ((args_has(&a, "kind") && rec_set_text(ch, c->a, "kind", args_get(&a, "kind"), &err)) ||
	    (args_has(&a, "statement") &&
	     rec_set_text(ch, c->a, "statement", args_get(&a, "statement"), &err)) ||
	    rec_update(c->db, &c->who, c->a, id, expected, ch, NULL, &err))
		return cli_fail(&err);
	return target_print(c, id, fmt);
}

int cmd_deliverable_target(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 0 ? argv[0] : "";
	if (strcmp(verb, "add") == 0)
		return target_add(c, argc - 1, argv + 1);
	if (strcmp(verb, "list") == 0)
		return target_list_cmd(c, argc - 1, argv + 1);
	if (strcmp(verb, "show") == 0 || strcmp(verb, "update") == 0 ||
	    strcmp(verb, "move") == 0 || strcmp(verb, "delete") == 0)
		return target_one(c, verb, argc - 1, argv + 1);
	printf("usage: capnet deliverable target add SET --standard STANDARD --kind KIND\n"
	       "                                  --statement \"I can ...\"\n"
	       "       capnet deliverable target list SET\n"
	       "       capnet deliverable target show|update|move|delete TARGET ...\n"
	       "Learning targets deconstruct a standard into ordered \"I can\" statements:\n"
	       "knowledge, reasoning, skill (performance skill) or product targets.\n");
	return strcmp(verb, "--help") == 0 ? CLI_OK : CLI_USAGE;
}
