/* cmd_deliverable: `capnet deliverable`: create, list, show, update, save, versions,
 * body, diff, status changes, standards, derive, lineage and the CASE export. Reviews,
 * notices and learning targets are in cmd_deliverable_more.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/deliverable/deliverable.h"
#include "app/deliverable/deliverable_lineage.h"
#include "app/deliverable/target.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"

static const char *const deliverable_columns[] = {"id", "network_id", "team_id", "kind",
						  "title", "status", NULL};
static const char *const version_columns[] = {"number", "id", "author", "created_at",
					      "published_at", "source_similarity",
					      "similarity_class", "change_note", NULL};

#define DLV_ARGS(want, usage)                                                                 \
	struct args a;                                                                        \
	int rc_ = cli_verb_args(c, argc, argv, opts, want, usage, &a);                             \
	if (rc_ != CLI_OK)                                                                    \
		return rc_ < 0 ? CLI_OK : rc_

static int dlv_print(struct buf *b, enum output_format fmt, const char *const *columns)
{
	int rc = output_print(stdout, fmt, buf_str(b), columns) ? CLI_FAIL : CLI_OK;
	buf_free(b);
	return rc;
}

/* The body: --file PATH ("-" = standard input), else standard input. */
static int dlv_body(struct cli *c, const struct args *a, char **body)
{
	const char *path = args_has(a, "file") ? args_get(a, "file") : "-";
	size_t n;
	int rc = cli_read_file(c, path, DELIVERABLE_BODY_MAX, body, &n);
	if (rc != CLI_OK)
		return rc;
	struct cn_err err = {0};
	if (deliverable_check_body(*body, n, &err)) {
		cn_err_at(&err, strcmp(path, "-") ? path : "standard input", 0, 0);
		return cli_fail(&err);
	}
	return CLI_OK;
}

static int dlv_create(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"network-id", 1, NULL}, {"team-id", 1, NULL}, {"kind", 1, NULL},
		{"title", 1, NULL},	 {"author", 1, NULL},  {"file", 1, NULL},
		{"note", 1, NULL},	 {"format", 1, NULL},  {NULL, 0, NULL}};
	DLV_ARGS(0, "capnet deliverable create --network-id ID --kind KIND --title TITLE\n"
		    "           [--team-id ID] [--author PERSON] [--file PATH|- [--note TEXT]]\n"
		    "KIND: learning_target_set, instructional_resource, assessment, unit, other.\n"
		    "With --file (\"-\" = standard input) its text is saved as version 1 by\n"
		    "--author (an id or email), who becomes its first contributor.");
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	struct rec *r = rec_new(c->a, &deliverable_entity);
	static const char *const fields[] = {"network_id", "team_id", "kind", "title", NULL};
	for (size_t i = 0; fields[i] != NULL; i++)
		if (args_has(&a, fields[i]) &&
		    rec_set_text(r, c->a, fields[i], args_get(&a, fields[i]), &err))
			return cli_fail(&err);
	int64_t author = 0;
	if (args_has(&a, "author")) {
		int rc = cli_person(c, args_get(&a, "author"), "--author", &author);
		if (rc != CLI_OK)
			return rc;
	}
	char *body = NULL;
	if (args_has(&a, "file")) {
		if (author == 0)
			return cli_usage("--file needs --author: every version has its author");
		int rc = dlv_body(c, &a, &body);
		if (rc != CLI_OK)
			return rc;
	}
	if (deliverable_create(c->db, &c->who, c->a, r, author, body, args_get(&a, "note"), &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	rec_to_json(&w, r);
	return dlv_print(&b, fmt, NULL);
}

static int dlv_save(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"author", 1, NULL},   {"file", 1, NULL},
					       {"note", 1, NULL},     {"based-on", 1, NULL},
					       {"format", 1, NULL},   {NULL, 0, NULL}};
	DLV_ARGS(1, "capnet deliverable save ID --author PERSON [--file PATH|-] [--note TEXT]\n"
		    "                           [--based-on N]\n"
		    "Saves a new version written by PERSON, who must be on the deliverable's\n"
		    "district team or one of its contributors (see `contributor add`); the text\n"
		    "comes from --file or standard input (at most 200 KB of UTF-8). --based-on N\n"
		    "refuses the save if a version newer than N was saved meanwhile. Saved while\n"
		    "published, it is a revision: submit and publish it for others to see it.");
	int64_t id, author = 0, based = 0;
	enum output_format fmt;
	if (cli_id(a.pos[0], "deliverable", &id) || cli_format(&a, &fmt) ||
	    (args_has(&a, "based-on") && cli_id(args_get(&a, "based-on"), "--based-on", &based)))
		return CLI_USAGE;
	if (!args_has(&a, "author"))
		return cli_usage("--author is required: every version has its author");
	int rc = cli_person(c, args_get(&a, "author"), "--author", &author);
	char *body = NULL;
	if (rc != CLI_OK || (rc = dlv_body(c, &a, &body)) != CLI_OK)
		return rc;
	struct deliverable_save in = {author, body, args_get(&a, "note"), based};
	struct deliverable_version v;
	struct cn_err err = {0};
	if (deliverable_save(c->db, &c->who, c->a, id, &in, &v, &err))
		return cli_fail(&err);
	v.body = NULL;
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	deliverable_version_json(&w, &v);
	fprintf(stderr, "capnet: saved version %lld of deliverable %lld\n", (long long)v.number,
		(long long)id);
	return dlv_print(&b, fmt, NULL);
}

static int dlv_versions(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	DLV_ARGS(1, "capnet deliverable versions ID [--format table|json|csv]\n"
		    "Each version with author, date, and for an adaptation its similarity to\n"
		    "the source version and class (duplicate, adapted, new).");
	int64_t id;
	enum output_format fmt;
	if (cli_id(a.pos[0], "deliverable", &id) || cli_format(&a, &fmt))
		return CLI_USAGE;
	struct deliverable_versions v;
	struct cn_err err = {0};
	if (deliverable_versions(c->db, c->a, id, &v, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	deliverable_versions_json(&w, &v);
	return dlv_print(&b, fmt, fmt == OUTPUT_TABLE ? version_columns : NULL);
}

static int dlv_body_cmd(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"number", 1, NULL}, {NULL, 0, NULL}};
	DLV_ARGS(1, "capnet deliverable body ID [--number N]\n"
		    "Prints the text of version N (default: the latest).");
	int64_t id, number = 0;
	if (cli_id(a.pos[0], "deliverable", &id) ||
	    (args_has(&a, "number") && cli_id(args_get(&a, "number"), "--number", &number)))
		return CLI_USAGE;
	struct deliverable_version v;
	struct cn_err err = {0};
	if (deliverable_version_find(c->db, c->a, id, number, &v, &err))
		return cli_fail(&err);
	fwrite(v.body, 1, v.body_len, stdout);
	return CLI_OK;
}

/* Prints a diff as unified text or JSON. */
static int dlv_print_diff(const struct diff *d, const char *la, const char *lb,
			  const char *format)
{
	struct buf b = BUF_INIT;
	if (format != NULL && strcmp(format, "json") == 0) {
		struct jw w;
		jw_init(&w, &b);
		diff_json(&w, d, DIFF_CONTEXT);
		buf_putc(&b, '\n');
	} else if (format == NULL || strcmp(format, "unified") == 0) {
		diff_unified(d, la, lb, DIFF_CONTEXT, &b);
	} else {
		return cli_usage("--format for a diff is unified or json, not '%s'", format);
	}
	fwrite(buf_str(&b), 1, b.len, stdout);
	buf_free(&b);
	return CLI_OK;
}

static int dlv_diff(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"from", 1, NULL}, {"to", 1, NULL},
					       {"versions", 0, NULL}, {"format", 1, NULL},
					       {NULL, 0, NULL}};
	static const char usage[] =
		"capnet deliverable diff ID --from N [--to M] [--format unified|json]\n"
		"       capnet deliverable diff --versions VERSION_ID VERSION_ID\n"
		"Shows what changed from version N to version M (default: the latest) as a\n"
		"unified diff or as JSON hunks; --versions compares any two versions by id,\n"
		"e.g. a source version and its adaptation.";
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: %s\n", usage);
		return CLI_OK;
	}
	int by_ids = args_has(&a, "versions");
	if (a.npos != (by_ids ? 2u : 1u) || (!by_ids && !args_has(&a, "from")))
		return cli_usage("usage: %s", usage);
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	int64_t from_id, to_id;
	if (by_ids) {
		if (cli_id(a.pos[0], "version", &from_id) || cli_id(a.pos[1], "version", &to_id))
			return CLI_USAGE;
	} else {
		int64_t id, n_from, n_to = 0;
		if (cli_id(a.pos[0], "deliverable", &id) ||
		    cli_id(args_get(&a, "from"), "--from", &n_from) ||
		    (args_has(&a, "to") && cli_id(args_get(&a, "to"), "--to", &n_to)))
			return CLI_USAGE;
		struct deliverable_version va, vb;
		if (deliverable_version_find(c->db, c->a, id, n_from, &va, &err) ||
		    deliverable_version_find(c->db, c->a, id, n_to, &vb, &err))
			return cli_fail(&err);
		from_id = va.id, to_id = vb.id;
	}
	struct diff d;
	struct deliverable_version va, vb;
	if (deliverable_diff(c->db, c->a, from_id, to_id, &d, &va, &vb, &err))
		return cli_fail(&err);
	char *la = arena_printf(c->a, "deliverable %lld version %lld", (long long)va.deliverable_id,
				(long long)va.number);
	char *lb = arena_printf(c->a, "deliverable %lld version %lld", (long long)vb.deliverable_id,
				(long long)vb.number);
	return dlv_print_diff(&d, la, lb, args_get(&a, "format"));
}

static int dlv_status(struct cli *c, const char *action, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"if-version", 1, NULL}, {"format", 1, NULL},
					       {NULL, 0, NULL}};
	DLV_ARGS(1, "capnet deliverable submit|publish|return|withdraw ID [--if-version N]\n"
		    "submit: draft -> in_review; publish: in_review -> published;\n"
		    "return: in_review -> draft; withdraw: published -> draft.\n"
		    "Publishing tells the owners of every adaptation of an older version.");
	int64_t id, expected = 0;
	enum output_format fmt;
	if (cli_id(a.pos[0], "deliverable", &id) || cli_format(&a, &fmt) ||
	    (args_has(&a, "if-version") &&
	     cli_id(args_get(&a, "if-version"), "--if-version", &expected)))
		return CLI_USAGE;
	struct rec *r = NULL;
	struct cn_err err = {0};
	if (deliverable_transition(c->db, &c->who, c->a, id, action, expected, &r, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: deliverable %lld is now %s\n", (long long)id,
		rec_text(r, "status"));
	return CLI_OK;
}

static int dlv_standard(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	const char *verb = argc > 0 ? argv[0] : "";
	int is_list = strcmp(verb, "list") == 0;
	if (!is_list && strcmp(verb, "add") != 0 && strcmp(verb, "remove") != 0) {
		printf("usage: capnet deliverable standard add|remove ID STANDARD\n"
		       "       capnet deliverable standard list ID\n"
		       "STANDARD is a standard's id, CASE identifier or code (e.g. KY.5.NF.1).\n");
		return strcmp(verb, "--help") == 0 ? CLI_OK : CLI_USAGE;
	}
	argc--, argv++;
	DLV_ARGS(is_list ? 1 : 2, "capnet deliverable standard add|remove|list ID [STANDARD]");
	int64_t id, item = 0;
	enum output_format fmt;
	if (cli_id(a.pos[0], "deliverable", &id) || cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (is_list) {
		struct deliverable_standards s;
		struct rec *d = NULL;
		if (rec_get(c->db, c->a, &deliverable_entity, id, &d, &err) ||
		    deliverable_standards(c->db, c->a, id, &s, &err))
			return cli_fail(&err);
		struct buf b = BUF_INIT;
		struct jw w;
		jw_init(&w, &b);
		deliverable_standards_json(&w, &s);
		static const char *const cols[] = {"cf_item_id", "code", "statement", NULL};
		return dlv_print(&b, fmt, fmt == OUTPUT_TABLE ? cols : NULL);
	}
	if (deliverable_standard_resolve(c->db, a.pos[1], &item, &err))
		return cli_fail(&err);
	if (strcmp(verb, "add") == 0 ? deliverable_standard_add(c->db, &c->who, id, item, &err)
				     : deliverable_standard_remove(c->db, &c->who, id, item, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: deliverable %lld %s standard %lld\n", (long long)id,
		strcmp(verb, "add") == 0 ? "is aligned to" : "is no longer aligned to",
		(long long)item);
	return CLI_OK;
}

static int dlv_derive(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"number", 1, NULL}, {"version-id", 1, NULL}, {"team-id", 1, NULL},
		{"author", 1, NULL}, {"note", 1, NULL},	      {"title", 1, NULL},
		{"format", 1, NULL}, {NULL, 0, NULL}};
	DLV_ARGS(1, "capnet deliverable derive SOURCE_ID --team-id ID --author PERSON\n"
		    "           --note \"what we changed for our schools and why\"\n"
		    "           [--number N | --version-id ID] [--title TITLE]\n"
		    "Adapts a published version (default: the latest published one) into the\n"
		    "team's own deliverable; its version 1 starts as a copy of the source text.");
	int64_t id, number = 0, vid = 0, team = 0, author = 0;
	enum output_format fmt;
	if (cli_id(a.pos[0], "deliverable", &id) || cli_format(&a, &fmt) ||
	    (args_has(&a, "number") && cli_id(args_get(&a, "number"), "--number", &number)) ||
	    (args_has(&a, "version-id") &&
	     cli_id(args_get(&a, "version-id"), "--version-id", &vid)) ||
	    (args_has(&a, "team-id") && cli_id(args_get(&a, "team-id"), "--team-id", &team)))
		return CLI_USAGE;
	if (!args_has(&a, "author"))
		return cli_usage("--author is required: the adaptation's first version has an author");
	int rc = cli_person(c, args_get(&a, "author"), "--author", &author);
	if (rc != CLI_OK)
		return rc;
	struct cn_err err = {0};
	struct deliverable_version v;
	if (vid == 0) {
		/* The newest published version unless a number is given. */
		struct deliverable_versions all;
		if (deliverable_versions(c->db, c->a, id, &all, &err))
			return cli_fail(&err);
		for (size_t i = 0; i < all.count; i++)
			if ((number == 0 && all.items[i].published_at != NULL) ||
			    all.items[i].number == number)
				vid = all.items[i].id;
		if (vid == 0) {
			if (number != 0)
				fprintf(stderr, "capnet: deliverable %lld has no version %lld\n",
					(long long)id, (long long)number);
			else
				fprintf(stderr, "capnet: deliverable %lld has no published version "
						"to adapt\n",
					(long long)id);
			return CLI_FAIL;
		}
	} else if (deliverable_version_get(c->db, c->a, vid, &v, &err)) {
		return cli_fail(&err);
	}
	struct deliverable_derive in = {team, author, args_get(&a, "title"), args_get(&a, "note")};
	struct rec *r = NULL;
	if (deliverable_derive(c->db, &c->who, c->a, vid, &in, &r, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	rec_to_json(&w, r);
	return dlv_print(&b, fmt, NULL);
}

static int dlv_lineage(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	DLV_ARGS(1, "capnet deliverable lineage ID [--format table|json]\n"
		    "Where it was adapted from (up to the original) and every adaptation of it.");
	int64_t id;
	enum output_format fmt;
	if (cli_id(a.pos[0], "deliverable", &id) || cli_format(&a, &fmt))
		return CLI_USAGE;
	struct deliverable_lineage l;
	struct cn_err err = {0};
	if (deliverable_lineage(c->db, c->a, id, &l, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	if (fmt == OUTPUT_JSON) {
		struct jw w;
		jw_init(&w, &b);
		deliverable_lineage_json(&w, &l);
		buf_putc(&b, '\n');
	} else {
		buf_printf(&b, "adapted from:%s\n", l.nsources ? "" : " (an original)");
		for (size_t i = 0; i < l.nsources; i++)
			buf_printf(&b, "  %*s<- deliverable %lld version %lld \"%s\" (%s)\n",
				   (int)i * 2, "", (long long)l.sources[i].deliverable_id,
				   (long long)l.sources[i].version_number, l.sources[i].title,
				   l.sources[i].team_name ? l.sources[i].team_name : "no team");
		buf_printf(&b, "adaptations:%s\n", l.nderivatives ? "" : " (none)");
		for (size_t i = 0; i < l.nderivatives; i++) {
			const struct deliverable_link *k = &l.derivatives[i];
			buf_printf(&b, "  %*s-> deliverable %lld \"%s\" (%s) from version %lld",
				   (k->depth - 1) * 2, "", (long long)k->deliverable_id, k->title,
				   k->team_name ? k->team_name : "no team",
				   (long long)k->version_number);
			if (k->has_similarity)
				buf_printf(&b, ": %s, similarity %.2f", k->similarity_class,
					   k->similarity);
			buf_putc(&b, '\n');
		}
	}
	fwrite(buf_str(&b), 1, b.len, stdout);
	buf_free(&b);
	return CLI_OK;
}

/* The table form of show: a summary a person reads. */
static int dlv_show_text(struct cli *c, int64_t id)
{
	struct cn_err err = {0};
	struct rec *d = NULL;
	struct deliverable_standards s;
	struct deliverable_contributors k;
	struct deliverable_versions v;
	struct deliverable_lineage l;
	if (rec_get(c->db, c->a, &deliverable_entity, id, &d, &err) ||
	    deliverable_standards(c->db, c->a, id, &s, &err) ||
	    deliverable_contributors(c->db, c->a, id, &k, &err) ||
	    deliverable_versions(c->db, c->a, id, &v, &err) ||
	    deliverable_lineage(c->db, c->a, id, &l, &err))
		return cli_fail(&err);
	printf("deliverable %lld: %s\n", (long long)id, rec_text(d, "title"));
	printf("  kind        %s\n  status      %s\n  network     %lld\n", rec_text(d, "kind"),
	       rec_text(d, "status"), (long long)rec_int(d, "network_id"));
	if (rec_int(d, "team_id"))
		printf("  team        %lld\n", (long long)rec_int(d, "team_id"));
	printf("  identifier  %s\n", rec_text(d, "identifier"));
	if (rec_text(d, "context_note"))
		printf("  context     %s\n", rec_text(d, "context_note"));
	printf("standards:%s\n", s.count ? "" : " (none)");
	for (size_t i = 0; i < s.count; i++)
		printf("  %s  %s\n", s.items[i].code ? s.items[i].code : s.items[i].identifier,
		       s.items[i].statement);
	printf("contributors (%zu, from %zu district%s):\n", k.count, k.districts,
	       k.districts == 1 ? "" : "s");
	for (size_t i = 0; i < k.count; i++)
		printf("  %s <%s>%s%s\n", k.items[i].name, k.items[i].email ? k.items[i].email : "",
		       k.items[i].district_name ? ", " : "",
		       k.items[i].district_name ? k.items[i].district_name : "");
	printf("versions:%s\n", v.count ? "" : " (none yet)");
	for (size_t i = 0; i < v.count; i++) {
		const struct deliverable_version *x = &v.items[i];
		printf("  %lld  %s  %s%s", (long long)x->number, x->created_at,
		       x->author_name ? x->author_name : "?", x->published_at ? "  published" : "");
		if (x->has_similarity)
			printf("  %s (similarity %.2f)", x->similarity_class, x->similarity);
		printf("%s%s\n", x->change_note ? "  - " : "", x->change_note ? x->change_note : "");
	}
	fflush(stdout);
	char *args[] = {arena_printf(c->a, "%lld", (long long)id), NULL};
	return dlv_lineage(c, 1, args);
}

static int dlv_show(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	DLV_ARGS(1, "capnet deliverable show ID [--format table|json]\n"
		    "The deliverable with its standards, contributors and their districts,\n"
		    "versions (with the adaptation class of each) and lineage both ways.");
	int64_t id;
	enum output_format fmt;
	if (cli_id(a.pos[0], "deliverable", &id) || cli_format(&a, &fmt))
		return CLI_USAGE;
	if (fmt != OUTPUT_JSON)
		return dlv_show_text(c, id);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	struct cn_err err = {0};
	if (deliverable_detail_json(c->db, c->a, &w, id, &err)) {
		buf_free(&b);
		return cli_fail(&err);
	}
	buf_putc(&b, '\n');
	fwrite(buf_str(&b), 1, b.len, stdout);
	buf_free(&b);
	return CLI_OK;
}

static int dlv_export(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"output", 1, NULL}, {NULL, 0, NULL}};
	DLV_ARGS(2, "capnet deliverable export case ID [--output FILE]\n"
		    "Writes a learning-target set as a CASE 1.0 package (JSON) to FILE or\n"
		    "standard output. URIs start with the case.base_uri setting.");
	if (strcmp(a.pos[0], "case") != 0)
		return cli_usage("'%s' is not an export format; use case", a.pos[0]);
	int64_t id;
	if (cli_id(a.pos[1], "deliverable", &id))
		return CLI_USAGE;
	struct buf b = BUF_INIT;
	struct cn_err err = {0};
	if (target_export_case(c->db, c->a, id, &b, &err)) {
		buf_free(&b);
		return cli_fail(&err);
	}
	buf_putc(&b, '\n');
	const char *path = args_get(&a, "output");
	FILE *f = path ? fopen(path, "wb") : stdout;
	int ok = f != NULL && fwrite(buf_str(&b), 1, b.len, f) == b.len;
	if (path != NULL && f != NULL && fclose(f) != 0)
		ok = 0;
	buf_free(&b);
	if (!ok) {
		fprintf(stderr, "capnet: %s: cannot write it\n", path ? path : "standard output");
		return CLI_FAIL;
	}
	return CLI_OK;
}

static void dlv_help(void)
{
	printf("usage: capnet deliverable VERB ...   (what teams create together)\n"
	       "  create --network-id ID --kind KIND --title T [--team-id ID]\n"
	       "         [--author PERSON --file PATH|-]     a new deliverable (and version 1)\n"
	       "  list [--network-id ID] [--team-id ID] [--kind K] [--status S]\n"
	       "  show ID                                  everything about one, lineage too\n"
	       "  update ID --title T | --team-id ID | --context-note T\n"
	       "  save ID --author PERSON [--file PATH|-] [--note T]   a new version\n"
	       "  versions ID                              versions with adaptation class\n"
	       "  body ID [--number N]                     the text of a version\n"
	       "  diff ID --from N [--to M] [--format unified|json]\n"
	       "  diff --versions VERSION_ID VERSION_ID\n"
	       "  submit|publish|return|withdraw ID        status changes\n"
	       "  standard add|remove|list ID [STANDARD]   standards alignments\n"
	       "  contributor add|remove|list ID [PERSON]  co-authors from other districts\n"
	       "  review add|list|summary ID ...           rubric reviews of versions\n"
	       "  derive SOURCE_ID --team-id ID --author PERSON --note T   adapt a published one\n"
	       "  lineage ID                               sources and adaptations\n"
	       "  notices list|seen|compare ...            new versions of adapted sources\n"
	       "  target add|list|show|update|move|delete ...   learning targets of a set\n"
	       "  export case ID [--output FILE]           a learning-target set as CASE 1.0\n"
	       "PERSON is an id or an email address. Run `capnet deliverable VERB --help`.\n");
}

int cmd_deliverable(struct cli *c, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		dlv_help();
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	const char *verb = argv[1];
	int n = argc - 2;
	char **rest = argv + 2;
	if (strcmp(verb, "create") == 0)
		return dlv_create(c, n, rest);
	if (strcmp(verb, "list") == 0 || strcmp(verb, "update") == 0)
		return entity_cmd(c, &deliverable_entity, "deliverable", verb, n, rest,
				  deliverable_columns);
	if (strcmp(verb, "show") == 0)
		return dlv_show(c, n, rest);
	if (strcmp(verb, "save") == 0)
		return dlv_save(c, n, rest);
	if (strcmp(verb, "versions") == 0)
		return dlv_versions(c, n, rest);
	if (strcmp(verb, "body") == 0)
		return dlv_body_cmd(c, n, rest);
	if (strcmp(verb, "diff") == 0)
		return dlv_diff(c, n, rest);
	if (strcmp(verb, "submit") == 0 || strcmp(verb, "publish") == 0 ||
	    strcmp(verb, "return") == 0 || strcmp(verb, "withdraw") == 0)
		return dlv_status(c, verb, n, rest);
	if (strcmp(verb, "standard") == 0)
		return dlv_standard(c, n, rest);
	if (strcmp(verb, "derive") == 0)
		return dlv_derive(c, n, rest);
	if (strcmp(verb, "lineage") == 0)
		return dlv_lineage(c, n, rest);
	if (strcmp(verb, "export") == 0)
		return dlv_export(c, n, rest);
	if (strcmp(verb, "review") == 0)
		return cmd_deliverable_review(c, n, rest);
	if (strcmp(verb, "contributor") == 0)
		return cmd_deliverable_contributor(c, n, rest);
	if (strcmp(verb, "notices") == 0)
		return cmd_deliverable_notices(c, n, rest);
	if (strcmp(verb, "target") == 0)
		return cmd_deliverable_target(c, n, rest);
	return cli_usage("'%s' is not a deliverable command (see capnet deliverable --help)", verb);
}
