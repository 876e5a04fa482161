/* cmd_standards: `capnet standards` (list frameworks, browse a tree, show an item,
 * find by code or words) and `capnet import case FILE`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/standards/standards.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/mem.h"

/* Reads the whole file (or standard input for "-") into memory, refusing more than
 * CASE_MAX_BYTES before reading it all. The caller frees *data. */
static int read_input(const char *path, char **data, size_t *len, struct cn_err *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL)
		return cn_err_field(err, CN_ERR_INPUT, "FILE", "cannot open %s: %s", path,
				    strerror(errno));
	struct stat st;
	if (f != stdin && fstat(fileno(f), &st) == 0 && (size_t)st.st_size > CASE_MAX_BYTES) {
		fclose(f);
		cn_err_set(err, CN_ERR_TOO_LARGE,
			   "the file is %lld bytes; at most %zu (100 MB) are accepted",
			   (long long)st.st_size, CASE_MAX_BYTES);
		cn_err_at(err, path, 0, 0);
		return -1;
	}
	size_t cap = f != stdin && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap) {
			if (cap > CASE_MAX_BYTES)
				break;
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int failed = ferror(f);
	if (f != stdin)
		fclose(f);
	if (failed) {
		free(buf);
		return cn_err_field(err, CN_ERR_INPUT, "FILE", "cannot read %s", path);
	}
	if (n > CASE_MAX_BYTES) {
		free(buf);
		cn_err_set(err, CN_ERR_TOO_LARGE, "the input is over %zu bytes (100 MB)",
			   CASE_MAX_BYTES);
		cn_err_at(err, path, 0, 0);
		return -1;
	}
	*data = buf;
	*len = n;
	return 0;
}

/* The start every verb here shares once its options are parsed: the number of
 * positional arguments, --format, and the database. CLI_OK or the exit code. */
static int verb_start(struct cli *c, const struct args *a, size_t npos, const char *usage,
		      enum output_format *fmt)
{
	if (a->npos != npos)
		return npos == 0 ? cli_usage("%s takes no argument '%s' (see --help)", usage,
					     a->pos[0])
				 : cli_usage("usage: %s (see --help)", usage);
	if (cli_format(a, fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	return CLI_OK;
}

static void import_progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	fprintf(stderr, "\rcapnet: writing items %zu/%zu", done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

int import_case(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"dry-run", 0, NULL}, {"format", 1, NULL},
					       {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc - 1, argv + 1, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet import case FILE [--dry-run] [--format table|json|csv]\n"
		       "Imports a 1EdTech CASE 1.0 package (a CFPackage JSON file, bare or as\n"
		       "{\"CFPackage\": ...}; - reads standard input): the framework, its items\n"
		       "in their isChildOf hierarchy, and its other associations. Importing the\n"
		       "same framework again updates it by identifier: changed statements are\n"
		       "updated, items no longer in the package are kept and marked withdrawn.\n"
		       "All or nothing: on any error nothing is changed.\n"
		       "  --dry-run   check the package and show the counts; change nothing\n");
		return CLI_OK;
	}
	enum output_format fmt;
	int rc = verb_start(c, &a, 1, "capnet import case FILE", &fmt);
	if (rc != CLI_OK)
		return rc;
	struct cn_err err = {0};
	char *data = NULL;
	size_t len = 0;
	if (read_input(a.pos[0], &data, &len, &err))
		return cli_fail(&err);
	struct standards_import_opts io = {.dry_run = args_has(&a, "dry-run")};
	if (c->tty) {
		io.progress = import_progress;
		io.progress_ctx = c;
	}
	struct standards_import_result r;
	rc = standards_import_bytes(c->db, &c->who, c->a, data, len, a.pos[0], &io, &r, &err);
	free(data);
	if (rc)
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	standards_import_result_json(&w, &r);
	static const char *const columns[] = {
		"framework_id",	   "identifier",	   "title",
		"created",	   "changed", "items",		   "items_added",
		"items_updated",   "items_moved",	   "items_unchanged",
		"items_withdrawn", "associations",	   "associations_added",
		"associations_updated", "associations_unchanged", "associations_removed",
		"warning_count",   NULL};
	if (fmt == OUTPUT_TABLE)
		printf("framework     %lld  %s\n"
		       "identifier    %s\n"
		       "items         %zu: %zu added, %zu updated, %zu moved, %zu unchanged, "
		       "%zu withdrawn\n"
		       "associations  %zu: %zu added, %zu updated, %zu unchanged, %zu removed\n"
		       "warnings      %zu\n",
		       (long long)r.framework_id, r.title, r.identifier, r.items, r.items_added,
		       r.items_updated, r.items_moved, r.items_unchanged, r.items_withdrawn,
		       r.associations, r.associations_added, r.associations_updated,
		       r.associations_unchanged, r.associations_removed, r.warning_count);
	else
		output_print(stdout, fmt, buf_str(&b), columns);
	buf_free(&b);
	for (size_t i = 0; i < r.nwarnings; i++)
		fprintf(stderr, "capnet: warning: %s\n", r.warnings[i]);
	if (r.warning_count > r.nwarnings)
		fprintf(stderr, "capnet: warning: ... and %zu more\n",
			r.warning_count - r.nwarnings);
	if (io.dry_run)
		fprintf(stderr, "capnet: dry run: the package is fine; nothing was changed\n");
	else
		fprintf(stderr, "capnet: %s framework %lld \"%s\"\n",
			r.created   ? "imported new"
			: r.changed ? "updated"
				    : "nothing changed in",
			(long long)r.framework_id, r.title);
	return CLI_OK;
}

/* Resolves a framework given as id or identifier; exit code. */
static int framework_arg(struct cli *c, const char *key, struct standards_framework *fw)
{
	struct cn_err err = {0};
	if (standards_framework_find(c->db, c->a, key, fw, &err))
		return cli_fail(&err);
	return CLI_OK;
}

/* Parses a whole number option in lo..hi into *out (unchanged when absent). */
static int number_arg(const struct args *a, const char *name, long lo, long hi, int *out)
{
	const char *s = args_get(a, name);
	if (s == NULL)
		return CLI_OK;
	char *end = NULL;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < lo || v > hi)
		return cli_usage("--%s must be a number from %ld to %ld", name, lo, hi);
	*out = (int)v;
	return CLI_OK;
}

/* The text that stands for an item in one line: its short statement, else the full. */
static const char *item_label(const struct standards_item *it)
{
	return it->abbreviated_statement != NULL ? it->abbreviated_statement : it->full_statement;
}

static int standards_list(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet standards list [--format table|json|csv]\n"
		       "Lists the imported standards frameworks with their item counts.\n");
		return CLI_OK;
	}
	enum output_format fmt;
	int rc = verb_start(c, &a, 0, "standards list", &fmt);
	if (rc != CLI_OK)
		return rc;
	struct cn_err err = {0};
	struct standards_framework *list = NULL;
	size_t n = 0;
	if (standards_frameworks(c->db, c->a, &list, &n, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_arr_begin(&w);
	for (size_t i = 0; i < n; i++)
		standards_framework_json(&w, &list[i]);
	jw_arr_end(&w);
	static const char *const columns[] = {"id",	       "title",		"item_count",
					      "adoption_status", "version_label", "identifier",
					      NULL};
	output_print(stdout, fmt, buf_str(&b), fmt == OUTPUT_TABLE ? columns : NULL);
	buf_free(&b);
	return CLI_OK;
}

/* Rows of a tree for a table (code indented by depth) or CSV (flat, with depth). */
static void tree_rows(struct jw *w, const struct standards_items *tree, int indent)
{
	struct buf code = BUF_INIT;
	jw_arr_begin(w);
	for (size_t i = 0; i < tree->count; i++) {
		const struct standards_item *it = &tree->items[i];
		buf_reset(&code);
		for (int d = 0; indent && d < it->depth && d < 20; d++)
			buf_puts(&code, "  ");
		buf_puts(&code, it->human_coding_scheme ? it->human_coding_scheme : "-");
		jw_obj_begin(w);
		jw_kv_int(w, "depth", it->depth);
		jw_kv_int(w, "id", it->id);
		jw_kv_id(w, "parent_id", it->parent_id);
		jw_kv_int(w, "position", it->position);
		jw_kv_str(w, "code", buf_str(&code));
		jw_kv_str(w, "item_type", it->item_type);
		jw_kv_str(w, "statement", indent ? item_label(it) : it->full_statement);
		jw_kv_int(w, "children", it->child_count);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	buf_free(&code);
}

static int standards_tree_cmd(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"depth", 1, NULL}, {"under", 1, NULL}, {"format", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet standards tree FRAMEWORK [--depth N] [--under ITEM]\n"
		       "                             [--format table|json|csv]\n"
		       "Shows a framework's items as a tree in reading order. FRAMEWORK is an\n"
		       "id or identifier; ITEM an id, identifier or code.\n"
		       "  --depth N     only the first N levels\n"
		       "  --under ITEM  only what is below ITEM\n"
		       "JSON nests each item's children; CSV lists every item with its depth.\n");
		return CLI_OK;
	}
	enum output_format fmt;
	int depth = 0;
	if (number_arg(&a, "depth", 1, 1000, &depth))
		return CLI_USAGE;
	int rc = verb_start(c, &a, 1, "capnet standards tree FRAMEWORK [--depth N] [--under ITEM]",
			    &fmt);
	if (rc != CLI_OK)
		return rc;
	struct cn_err err = {0};
	struct standards_framework fw;
	rc = framework_arg(c, a.pos[0], &fw);
	if (rc != CLI_OK)
		return rc;
	struct standards_item under = {0};
	if (args_has(&a, "under") &&
	    standards_item_find(c->db, c->a, args_get(&a, "under"), fw.id, &under, &err))
		return cli_fail(&err);
	struct standards_items tree;
	if (standards_tree(c->db, c->a, fw.id, under.id, depth, &tree, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_JSON)
		standards_tree_json(&w, &tree);
	else
		tree_rows(&w, &tree, fmt == OUTPUT_TABLE);
	static const char *const table[] = {"id", "code", "statement", NULL};
	static const char *const csv[] = {"depth",     "id",	    "parent_id", "position",
					  "code",      "item_type", "statement", "children",
					  NULL};
	output_print(stdout, fmt, buf_str(&b), fmt == OUTPUT_TABLE ? table : csv);
	buf_free(&b);
	return CLI_OK;
}

/* One line naming an item: "CODE  statement (id N)". */
static void print_item_line(const char *indent, const struct standards_item *it)
{
	printf("%s%s%s%s  (id %lld)\n", indent, it->human_coding_scheme ? it->human_coding_scheme : "",
	       it->human_coding_scheme ? "  " : "", item_label(it), (long long)it->id);
}

static void print_detail(const struct standards_detail *d)
{
	const struct standards_item *it = &d->item;
	printf("%s%s%s\n", it->human_coding_scheme ? it->human_coding_scheme : "",
	       it->human_coding_scheme ? "  " : "", it->full_statement);
	printf("id %lld, identifier %s", (long long)it->id, it->identifier);
	if (it->item_type != NULL)
		printf(", %s", it->item_type);
	if (it->neducation_levels > 0) {
		printf(", grade%s ", it->neducation_levels > 1 ? "s" : "");
		for (size_t i = 0; i < it->neducation_levels; i++)
			printf("%s%s", i ? "," : "", it->education_levels[i]);
	}
	printf("\n");
	if (it->abbreviated_statement != NULL)
		printf("short: %s\n", it->abbreviated_statement);
	if (it->notes != NULL)
		printf("notes: %s\n", it->notes);
	if (it->withdrawn_at != NULL)
		printf("withdrawn: not in the framework's last import (%s)\n", it->withdrawn_at);
	printf("framework: %s (id %lld)\n", d->framework.title, (long long)d->framework.id);
	if (d->path.count > 0) {
		printf("path:\n");
		for (size_t i = 0; i < d->path.count; i++)
			print_item_line("  ", &d->path.items[i]);
	}
	if (d->children.count > 0) {
		printf("children:\n");
		for (size_t i = 0; i < d->children.count; i++)
			print_item_line("  ", &d->children.items[i]);
	}
	if (d->nlinks > 0) {
		printf("associations:\n");
		for (size_t i = 0; i < d->nlinks; i++) {
			const struct standards_link *l = &d->links[i];
			struct buf other = BUF_INIT;
			if (l->other_item_id != 0)
				buf_printf(&other, "%s (id %lld)",
					   l->other_code ? l->other_code : l->other_statement,
					   (long long)l->other_item_id);
			else
				buf_printf(&other, "%s%s%s",
					   l->other_title ? l->other_title : l->other_identifier,
					   l->other_uri ? " " : "", l->other_uri ? l->other_uri : "");
			if (l->outgoing)
				printf("  this %s %s", l->type, buf_str(&other));
			else
				printf("  %s %s this", buf_str(&other), l->type);
			buf_free(&other);
			printf("\n");
		}
	}
}

static int standards_show(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"framework", 1, NULL}, {"format", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet standards show ITEM [--framework FRAMEWORK]\n"
		       "                             [--format table|json|csv]\n"
		       "Shows one standard with its path, children and associations. ITEM is\n"
		       "an id, a CASE identifier or a code (--framework picks among frameworks\n"
		       "that share a code).\n");
		return CLI_OK;
	}
	enum output_format fmt;
	int rc = verb_start(c, &a, 1, "capnet standards show ITEM", &fmt);
	if (rc != CLI_OK)
		return rc;
	struct cn_err err = {0};
	struct standards_framework fw = {0};
	if (args_has(&a, "framework") &&
	    (rc = framework_arg(c, args_get(&a, "framework"), &fw)) != CLI_OK)
		return rc;
	struct standards_item it;
	struct standards_detail d;
	if (standards_item_find(c->db, c->a, a.pos[0], fw.id, &it, &err) ||
	    standards_detail(c->db, c->a, it.id, &d, &err))
		return cli_fail(&err);
	if (fmt == OUTPUT_TABLE) {
		print_detail(&d);
		return CLI_OK;
	}
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_JSON)
		standards_detail_json(&w, &d);
	else
		standards_item_json(&w, &d.item);
	output_print(stdout, fmt, buf_str(&b), NULL);
	buf_free(&b);
	return CLI_OK;
}

/* Hits as flat rows, the path as codes (or short statements) joined by " > ". */
static void hit_rows(struct jw *w, const struct standards_hit *hits, size_t n)
{
	struct buf path = BUF_INIT;
	jw_arr_begin(w);
	for (size_t i = 0; i < n; i++) {
		const struct standards_item *it = &hits[i].item;
		buf_reset(&path);
		for (size_t k = 0; k < hits[i].path.count; k++) {
			const struct standards_item *p = &hits[i].path.items[k];
			buf_printf(&path, "%s%s", k ? " > " : "",
				   p->human_coding_scheme ? p->human_coding_scheme : item_label(p));
		}
		jw_obj_begin(w);
		jw_kv_int(w, "id", it->id);
		jw_kv_int(w, "framework_id", it->framework_id);
		jw_kv_str(w, "code", it->human_coding_scheme);
		jw_kv_str(w, "statement", it->full_statement);
		jw_kv_str(w, "path", buf_str(&path));
		jw_obj_end(w);
	}
	jw_arr_end(w);
	buf_free(&path);
}

static int standards_find_cmd(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"code", 1, NULL},  {"words", 1, NULL},	 {"framework", 1, NULL},
		{"level", 1, NULL}, {"limit", 1, NULL},	 {"offset", 1, NULL},
		{"format", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet standards find --code PREFIX | --words \"WORDS\"\n"
		       "                             [--framework FRAMEWORK] [--level LEVEL]\n"
		       "                             [--limit N] [--offset N]\n"
		       "                             [--format table|json|csv]\n"
		       "Finds standards by the start of their code (any case: --code 6.rp) or\n"
		       "by words in their statements, best first (the last word may be\n"
		       "unfinished: --words \"ratio reason\"). Each hit shows its path.\n"
		       "  --level LEVEL  with --words: only this education level (06, KG, ...)\n"
		       "  --limit N      at most N hits (default 50, at most 1000)\n");
		return CLI_OK;
	}
	if (args_has(&a, "code") == args_has(&a, "words"))
		return cli_usage("give --code PREFIX or --words \"WORDS\" (one of them)");
	if (args_has(&a, "level") && !args_has(&a, "words"))
		return cli_usage("--level goes with --words");
	struct standards_query q = {.code_prefix = args_get(&a, "code"),
				    .words = args_get(&a, "words"),
				    .level = args_get(&a, "level")};
	enum output_format fmt;
	if (number_arg(&a, "limit", 1, STANDARDS_FIND_MAX, &q.limit) ||
	    number_arg(&a, "offset", 0, 1000000, &q.offset))
		return CLI_USAGE;
	int rc = verb_start(c, &a, 0, "standards find", &fmt);
	if (rc != CLI_OK)
		return rc;
	struct cn_err err = {0};
	if (args_has(&a, "framework")) {
		struct standards_framework fw;
		if ((rc = framework_arg(c, args_get(&a, "framework"), &fw)) != CLI_OK)
			return rc;
		q.framework_id = fw.id;
	}
	struct standards_hit *hits = NULL;
	size_t n = 0;
	if (standards_find(c->db, c->a, &q, &hits, &n, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_JSON)
		standards_hits_json(&w, hits, n);
	else
		hit_rows(&w, hits, n);
	static const char *const table[] = {"id", "code", "statement", "path", NULL};
	output_print(stdout, fmt, buf_str(&b), fmt == OUTPUT_TABLE ? table : NULL);
	buf_free(&b);
	return CLI_OK;
}

int cmd_standards(struct cli *c, int argc, char **argv)
{
	const char *verb = argc >= 2 ? argv[1] : "";
	if (strcmp(verb, "list") == 0)
		return standards_list(c, argc - 2, argv + 2);
	if (strcmp(verb, "tree") == 0)
		return standards_tree_cmd(c, argc - 2, argv + 2);
	if (strcmp(verb, "show") == 0)
		return standards_show(c, argc - 2, argv + 2);
	if (strcmp(verb, "find") == 0)
		return standards_find_cmd(c, argc - 2, argv + 2);
	int help = strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0;
	if (!help && argc >= 2)
		return cli_usage("'%s' is not a standards command (see capnet standards --help)",
				 verb);
	printf("usage: capnet standards VERB ...   (academic standards, as CASE frameworks)\n"
	       "  capnet standards list                       the imported frameworks\n"
	       "  capnet standards tree FRAMEWORK [--depth N] [--under ITEM]\n"
	       "  capnet standards show ITEM                  a standard, its path, children\n"
	       "                                              and associations\n"
	       "  capnet standards find --code PREFIX | --words \"WORDS\" [--framework F]\n"
	       "  capnet import case FILE                     import a CASE 1.0 package\n"
	       "Run `capnet standards VERB --help` for the options.\n");
	return help ? CLI_OK : CLI_USAGE;
}
