/* cmd_library: the library from the command line: items (add, list, show, update)
 * with their tags, content areas, grade bands, citations and standards; ranked
 * search; recommendations for a text; and try-outs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/library/library.h"
#include "app/delivery/tryout.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/utf8.h"
#include "io/markdown.h"

static const char *const item_columns[] = {"id", "kind", "title", "evidence_tier", "network_id",
					   NULL};
static const char *const tryout_columns[] = {"id",	   "person_id", "meeting_id", "rating",
					     "would_work", "note",	"created_at", NULL};

/* Options of add and update that are not item fields. */
static const char *const item_own_options[] = {
	"format",   "tag",   "area",	 "content_area",  "band",      "grade_band", "citation",
	"align",    "tier",  "evidence_tier", "body_file", "if_version", "html", NULL};

static const char item_options_help[] =
	"  --kind strategy|resource|tool|research\n"
	"  --title TEXT                 at most 200 characters\n"
	"  --summary TEXT               a few sentences\n"
	"  --body-file FILE             the body, in Markdown (- reads standard input)\n"
	"  --tier 1|2|3|4|none          ESSA evidence tier: 1 strong, 2 moderate, 3 promising,\n"
	"                               4 demonstrates a rationale\n"
	"  --license TEXT               e.g. CC BY 4.0\n"
	"  --url URL                    where the original lives\n"
	"  --network-id ID              the network's library (default: statewide)\n"
	"  --tag T[,T...]               tags (repeat or comma-separate; '' clears)\n"
	"  --area A[,A...]              content areas, e.g. mathematics, science\n"
	"  --band B[,B...]              grade bands: K-2, 3-5, 6-8, 9-12, adult\n"
	"  --citation TEXT              one citation (repeat, in order); a web address at\n"
	"                               its end becomes its link\n"
	"  --align ID[,ID...]           standards (CASE item ids) it is aligned to\n"
	"  --format table|json|csv      output format (default table)\n";

static int opt_is(const char *name, const char *want)
{
	for (; *name && *want; name++, want++)
		if (*name != *want && !(strchr("-_", *name) && strchr("-_", *want)))
			return 0;
	return *name == *want;
}

/* Appends the pieces of value (split at commas unless whole) to *list. */
static void add_pieces(struct arena *a, const char *value, int whole, const char ***list,
		       size_t *n, size_t *cap)
{
	char *copy = arena_strdup(a, value);
	for (char *s = copy, *p; (p = whole ? s : strsep(&s, ",")) != NULL;) {
		while (*p == ' ')
			p++;
		size_t len = strlen(p);
		while (len > 0 && p[len - 1] == ' ')
			p[--len] = '\0';
		if (*p != '\0') {
			*list = arena_grow(a, *list, sizeof(char *), *n, cap);
			(*list)[(*n)++] = p;
		}
		if (whole)
			break;
	}
}

/* The links given as options; l->set says which. Returns an exit code. */
static int links_from_args(struct cli *c, const struct args *a, struct library_links *l)
{
	memset(l, 0, sizeof(*l));
	size_t ctag = 0, carea = 0, cband = 0, ccit = 0, cal = 0, nal = 0;
	const char **cites = NULL, **aligns = NULL;
	for (size_t i = 0; i < a->nopt; i++) {
		const char *n = a->name[i], *v = a->value[i];
		if (opt_is(n, "tag")) {
			l->set |= LIBRARY_SET_TAGS;
			add_pieces(c->a, v, 0, &l->tags, &l->ntags, &ctag);
		} else if (opt_is(n, "area") || opt_is(n, "content_area")) {
			l->set |= LIBRARY_SET_AREAS;
			add_pieces(c->a, v, 0, &l->areas, &l->nareas, &carea);
		} else if (opt_is(n, "band") || opt_is(n, "grade_band")) {
			l->set |= LIBRARY_SET_BANDS;
			add_pieces(c->a, v, 0, &l->bands, &l->nbands, &cband);
		} else if (opt_is(n, "citation")) {
			l->set |= LIBRARY_SET_CITATIONS;
			add_pieces(c->a, v, 1, &cites, &l->ncitations, &ccit);
		} else if (opt_is(n, "align")) {
			l->set |= LIBRARY_SET_ALIGNMENTS;
			add_pieces(c->a, v, 0, &aligns, &nal, &cal);
		}
	}
	l->citations = arena_alloc(c->a, sizeof(struct library_citation) * (l->ncitations + 1));
	for (size_t i = 0; i < l->ncitations; i++) {
		char *text = arena_strdup(c->a, cites[i]);
		char *last = strrchr(text, ' ');
		char *url = last ? last + 1 : NULL;
		if (url != NULL && url[0] == '<' && url[strlen(url) - 1] == '>') {
			url[strlen(url) - 1] = '\0';
			url++;
		}
		if (url != NULL &&
		    (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0)) {
			*last = '\0';
			l->citations[i].url = url;
		}
		l->citations[i].text = text;
	}
	l->alignments = arena_alloc(c->a, sizeof(int64_t) * (nal + 1));
	for (size_t i = 0; i < nal; i++)
		if (cli_id(aligns[i], "--align", &l->alignments[i]))
			return CLI_USAGE;
	l->nalignments = nal;
	return CLI_OK;
}

/* Reads the body from path ("-": standard input), checked for size and UTF-8; a bad
 * byte is reported at its line and column. */
static int read_body(struct cli *c, const char *path, char **out)
{
	size_t n = 0;
	char *text = NULL;
	int rc = cli_read_file(c, path, MARKDOWN_INPUT_MAX, &text, &n);
	if (rc != CLI_OK)
		return rc;
	size_t bad = 0;
	if (!utf8_valid(text, n, &bad)) {
		long line = 1, col = 1;
		for (size_t i = 0; i < bad; i++) {
			if (text[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
				col++;
			}
		}
		struct cn_err err = {0};
		cn_err_field(&err, CN_ERR_INPUT, "body",
			     text[bad] == '\0' ? "has a NUL byte (byte %zu); it must be text"
					       : "is not valid UTF-8 text (byte %zu); save it as UTF-8",
			     bad + 1);
		cn_err_at(&err, strcmp(path, "-") == 0 ? "standard input" : path, line, col);
		return cli_fail(&err);
	}
	*out = text;
	return CLI_OK;
}

/* Sets the item fields of add and update from the options onto r. */
static int item_fields(struct cli *c, struct rec *r, const struct args *a, int for_update)
{
	int rc = entity_set_fields(c, r, a, item_own_options, for_update);
	if (rc != CLI_OK)
		return rc;
	struct cn_err err = {0};
	const char *tier = args_has(a, "tier") ? args_get(a, "tier") : args_get(a, "evidence_tier");
	if (tier != NULL && (strcmp(tier, "none") == 0 || tier[0] == '\0'
				     ? rec_set_null(r, "evidence_tier", &err)
				     : rec_set_text(r, c->a, "evidence_tier", tier, &err)))
		return cli_fail(&err);
	if (args_has(a, "body_file")) {
		char *body = NULL;
		rc = read_body(c, args_get(a, "body_file"), &body);
		if (rc != CLI_OK)
			return rc;
		if (rec_set_text(r, c->a, "body", body, &err))
			return cli_fail(&err);
	}
	return CLI_OK;
}

static void print_list(const char *label, const char *const *v, size_t n)
{
	printf("%-14s", label);
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i ? ", " : "", v[i]);
	printf("%s\n", n ? "" : "-");
}

/* The readable form of show. */
static void print_view(struct arena *a, const struct library_view *v)
{
	static const char *const tiers[] = {"not rated", "1 (strong evidence)",
					    "2 (moderate evidence)", "3 (promising evidence)",
					    "4 (demonstrates a rationale)"};
	const struct rec *r = v->item;
	const struct library_links *l = &v->links;
	int64_t tier = rec_int(r, "evidence_tier");
	printf("%s\n", rec_text(r, "title"));
	printf("%-14s%s, id %lld, version %lld\n", "kind", rec_text(r, "kind"), (long long)r->id,
	       (long long)r->version);
	printf("%-14s%s\n", "ESSA tier", tiers[tier >= 1 && tier <= 4 ? tier : 0]);
	if (rec_int(r, "network_id"))
		printf("%-14snetwork %lld\n", "library", (long long)rec_int(r, "network_id"));
	else
		printf("%-14sstatewide\n", "library");
	print_list("content areas", l->areas, l->nareas);
	const char **bands = arena_alloc(a, sizeof(char *) * (l->nbands + 1));
	for (size_t i = 0; i < l->nbands; i++)
		bands[i] = library_band_label(l->bands[i]);
	print_list("grade bands", bands, l->nbands);
	print_list("tags", l->tags, l->ntags);
	if (rec_text(r, "license"))
		printf("%-14s%s\n", "license", rec_text(r, "license"));
	if (rec_text(r, "url"))
		printf("%-14s%s\n", "source", rec_text(r, "url"));
	if (rec_text(r, "summary"))
		printf("\n%s\n", rec_text(r, "summary"));
	if (l->ncitations > 0)
		printf("\nCitations\n");
	for (size_t i = 0; i < l->ncitations; i++)
		printf("  %zu. %s%s%s\n", i + 1, l->citations[i].text,
		       l->citations[i].url ? " " : "",
		       l->citations[i].url ? l->citations[i].url : "");
	if (l->nalignments > 0)
		printf("\nStandards\n");
	for (size_t i = 0; i < l->nalignments; i++)
		printf("  %-14s %s\n", v->alignments[i].code ? v->alignments[i].code : "",
		       v->alignments[i].statement);
	const struct tryout_summary *t = &v->tryouts;
	if (t->count == 0) {
		printf("\nTry-outs      none yet\n");
	} else {
		printf("\nTry-outs      %lld, average rating %.1f of 5; would work here: %lld yes, "
		       "%lld maybe, %lld no\n",
		       (long long)t->count, t->rating_avg, (long long)t->yes, (long long)t->maybe,
		       (long long)t->no);
		for (size_t i = 0; i < t->ndistricts; i++)
			printf("  %s: %lld team%s, %lld %s\n", t->districts[i].name,
			       (long long)t->districts[i].teams, t->districts[i].teams == 1 ? "" : "s",
			       (long long)t->districts[i].people,
			       t->districts[i].people == 1 ? "person" : "people");
	}
	if (rec_text(r, "body"))
		printf("\n%s\n", rec_text(r, "body"));
}

/* Prints item id as show does. */
static int show_item(struct cli *c, int64_t id, enum output_format fmt, int with_html)
{
	struct cn_err err = {0};
	struct library_view v;
	if (library_get(c->db, c->a, id, with_html, &v, &err))
		return cli_fail(&err);
	if (fmt == OUTPUT_TABLE) {
		print_view(c->a, &v);
		return CLI_OK;
	}
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	library_view_json(&w, &v);
	output_print(stdout, fmt, buf_str(&b), NULL);
	buf_free(&b);
	return CLI_OK;
}

static int item_add_update(struct cli *c, int is_update, int argc, char **argv)
{
	struct args a;
	if (args_parse(argc, argv, NULL, 1, &a))
		return CLI_USAGE;
	if (a.help) {
		printf(is_update ? "usage: capnet library update ID [options] [--if-version N]\n"
				   "Changes the options given; a list option replaces that list.\n"
				 : "usage: capnet library add --kind K --title T [options]\n"
				   "Adds an item to the library.\n");
		fputs(item_options_help, stdout);
		return CLI_OK;
	}
	int64_t id = 0, expected = 0;
	if (is_update) {
		if (a.npos != 1)
			return cli_usage("usage: capnet library update ID [options] (see --help)");
		if (cli_id(a.pos[0], "library item", &id))
			return CLI_USAGE;
		if (args_has(&a, "if_version") &&
		    cli_id(args_get(&a, "if_version"), "--if-version", &expected))
			return CLI_USAGE;
	} else if (a.npos > 0) {
		return cli_usage("library add takes no argument '%s'; give fields as --name value",
				 a.pos[0]);
	}
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct library_links links;
	int rc = links_from_args(c, &a, &links);
	if (rc != CLI_OK)
		return rc;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	struct rec *r = rec_new(c->a, &library_item_entity);
	rc = item_fields(c, r, &a, is_update);
	if (rc != CLI_OK)
		return rc;
	if (is_update ? library_update(c->db, &c->who, c->a, id, expected, r, &links, NULL, &err)
		      : library_create(c->db, &c->who, c->a, r, &links, &err))
		return cli_fail(&err);
	return show_item(c, is_update ? id : r->id, fmt, 0);
}

static int item_show(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {"html", 0, NULL},
					       {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet library show ID [--format table|json|csv] [--html]\n"
		       "Shows an item with its labels, citations, standards and try-outs;\n"
		       "--html adds the body rendered as HTML (JSON and CSV).\n");
		return CLI_OK;
	}
	int64_t id;
	enum output_format fmt;
	if (a.npos != 1)
		return cli_usage("usage: capnet library show ID");
	if (cli_id(a.pos[0], "library item", &id) || cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	return show_item(c, id, fmt, args_has(&a, "html"));
}

/* list: the generic list, with the short names of search accepted too. */
static int item_list(struct cli *c, int argc, char **argv)
{
	static const char *const alias[][2] = {{"--area", "--content-area"},
					       {"--band", "--grade-band"},
					       {"--tier", "--evidence-tier"}};
	char **args = arena_alloc(c->a, sizeof(char *) * ((size_t)argc + 1));
	for (int i = 0; i < argc; i++) {
		args[i] = argv[i];
		for (size_t k = 0; k < sizeof(alias) / sizeof(alias[0]); k++)
			if (strcmp(argv[i], alias[k][0]) == 0)
				args[i] = (char *)alias[k][1];
		/* A tag is matched as stored: normalize it as the item's tags were. */
		if (i > 0 && strcmp(argv[i - 1], "--tag") == 0) {
			const char *slug;
			struct cn_err err = {0};
			if (library_tag_slug(c->a, argv[i], &slug, &err))
				return cli_fail(&err);
			args[i] = (char *)slug;
		}
	}
	return entity_cmd(c, &library_item_entity, "library", "list", argc, args, item_columns);
}

static const struct args_opt search_opts[] = {
	{"kind", 1, NULL},	  {"area", 1, NULL},	   {"content-area", 1, NULL},
	{"band", 1, NULL},	  {"grade-band", 1, NULL}, {"tier", 1, NULL},
	{"min-tier", 1, NULL},	  {"tag", 1, NULL},	   {"network-id", 1, NULL},
	{"limit", 1, NULL},	  {"offset", 1, NULL},	   {"format", 1, NULL},
	{NULL, 0, NULL}};

static const char search_filters_help[] =
	"  --kind strategy|resource|tool|research\n"
	"  --area A                 content area, e.g. mathematics\n"
	"  --band B                 grade band: K-2, 3-5, 6-8, 9-12, adult\n"
	"  --tier N|none            exactly ESSA tier N (1..4), or not rated\n"
	"  --min-tier N             tier N or stronger (tier 1 is the strongest)\n"
	"  --tag T                  items with this tag\n"
	"  --network-id ID          items of this network ('statewide': of none)\n"
	"  --limit N                at most N results (default 10, at most 100)\n"
	"  --format table|json|csv  output format (default table)\n";

/* Parses the words (all positionals, joined), the filters and the limits. */
static int search_args(struct cli *c, const struct args *a, const char **words,
		       struct library_filter *f, int *limit, int *offset)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < a->npos; i++)
		buf_printf(&b, "%s%s", i ? " " : "", a->pos[i]);
	*words = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	memset(f, 0, sizeof(*f));
	static const char *const names[][2] = {
		{"kind", "kind"},	  {"area", "area"},	 {"content_area", "area"},
		{"band", "band"},	  {"grade_band", "band"}, {"tier", "tier"},
		{"min_tier", "min_tier"}, {"tag", "tag"},	 {"network_id", "network_id"}};
	struct cn_err err = {0};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v = args_get(a, names[i][0]);
		if (v != NULL && library_filter_set(f, c->a, names[i][1], v, &err))
			return cli_fail(&err);
	}
	*limit = 10;
	*offset = 0;
	const char *s = args_get(a, "limit");
	char *end = NULL;
	if (s != NULL) {
		long v = strtol(s, &end, 10);
		if (*end != '\0' || v < 1 || v > LIBRARY_RESULTS_MAX)
			return cli_usage("--limit must be a number from 1 to %d",
					 LIBRARY_RESULTS_MAX);
		*limit = (int)v;
	}
	s = args_get(a, "offset");
	if (s != NULL) {
		long v = strtol(s, &end, 10);
		if (*end != '\0' || v < 0 || v > STORE_SEARCH_RANKED)
			return cli_usage("--offset must be a number from 0 to %d",
					 STORE_SEARCH_RANKED);
		*offset = (int)v;
	}
	return CLI_OK;
}

/* One flat row per hit, for tables and CSV. */
static void hits_flat_json(struct jw *w, const struct library_results *r, int with_reason)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < r->count; i++) {
		const struct library_hit *h = &r->hits[i];
		jw_obj_begin(w);
		jw_kv_int(w, "id", h->id);
		jw_kv_str(w, "kind", h->kind);
		jw_kv_str(w, "title", h->title);
		jw_key(w, "tier");
		if (h->tier >= 1)
			jw_int(w, h->tier);
		else
			jw_null(w);
		jw_kv_double(w, "score", (double)(int64_t)(h->score * 100.0 + 0.5) / 100.0);
		struct buf m = BUF_INIT;
		for (size_t k = 0; k < h->nmatched; k++)
			buf_printf(&m, "%s%s", k ? " " : "", h->matched[k]);
		jw_kv_str(w, "matched", buf_str(&m));
		buf_free(&m);
		jw_kv_int(w, "tried", h->tryouts.count);
		jw_key(w, "rating");
		if (h->tryouts.count > 0)
			jw_double(w, (double)(int64_t)(h->tryouts.rating_avg * 10.0 + 0.5) / 10.0);
		else
			jw_null(w);
		if (with_reason)
			jw_kv_str(w, "reason", h->reason);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static int print_results(const struct library_results *r, enum output_format fmt,
			 int recommend)
{
	static const char *const cols[] = {"id",     "kind",  "title", "tier",
					   "score", "matched", "tried", "rating", NULL};
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_JSON)
		library_results_json(&w, r);
	else
		hits_flat_json(&w, r, recommend);
	if (recommend && fmt == OUTPUT_TABLE) {
		for (size_t i = 0; i < r->count; i++)
			printf("%zu. %s (%s, id %lld)\n   %s\n", i + 1, r->hits[i].title,
			       r->hits[i].kind, (long long)r->hits[i].id, r->hits[i].reason);
		if (r->count == 0)
			printf("(none)\n");
	} else {
		output_print(stdout, fmt, buf_str(&b), fmt == OUTPUT_TABLE ? cols : NULL);
	}
	buf_free(&b);
	return CLI_OK;
}

static int library_find(struct cli *c, int recommend, int argc, char **argv)
{
	struct args a;
	if (args_parse(argc, argv, search_opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		if (recommend)
			printf("usage: capnet library recommend \"TEXT\" [filters]\n"
			       "Items for a need or a goal, best first, each with why: the words it\n"
			       "matched, its evidence tier and how its try-outs went.\n");
		else
			printf("usage: capnet library search \"WORDS\" [filters] [--offset N]\n"
			       "Items with every word (the last may be the start of a word), best\n"
			       "first: title words count most, rare words more than common ones.\n");
		fputs(search_filters_help, stdout);
		return CLI_OK;
	}
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	const char *words;
	struct library_filter f;
	int limit = 10, offset = 0;
	int rc = search_args(c, &a, &words, &f, &limit, &offset);
	if (rc != CLI_OK)
		return rc;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	struct library_results r;
	if (recommend ? library_recommend(c->db, c->a, words, &f, limit, &r, &err)
		      : library_search(c->db, c->a, words, &f, limit, offset, &r, &err))
		return cli_fail(&err);
	return print_results(&r, fmt, recommend);
}

static int tryout_add(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"person", 1, NULL}, {"meeting", 1, NULL}, {"rating", 1, NULL},
		{"would-work", 1, NULL}, {"note", 1, NULL}, {"format", 1, NULL}, {NULL, 0, NULL}};
	static const char usage[] =
		"usage: capnet library tryout add ITEM --person P [--meeting M] --rating N\n"
		"                                  --would-work yes|maybe|no [--note TEXT]\n"
		"Records that a person tried library item ITEM. P is an id or an email address;\n"
		"the rating is 1 (it went poorly) to 5 (very well); --would-work: would it work in\n"
		"your district?\n";
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		fputs(usage, stdout);
		return CLI_OK;
	}
	int64_t item;
	enum output_format fmt;
	if (a.npos != 1)
		return cli_usage("usage: capnet library tryout add ITEM --person P ... "
				 "(see --help)");
	if (cli_id(a.pos[0], "library item", &item) || cli_format(&a, &fmt))
		return CLI_USAGE;
	if (!args_has(&a, "person"))
		return cli_usage("--person is required: who tried it (an id or an email)");
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	int64_t person = 0;
	int rc = cli_person(c, args_get(&a, "person"), "--person", &person);
	if (rc != CLI_OK)
		return rc;
	struct rec *r = rec_new(c->a, &tryout_entity);
	if (rec_set_int(r, "item_id", item, &err) || rec_set_int(r, "person_id", person, &err))
		return cli_fail(&err);
	static const char *const fields[][2] = {{"meeting", "meeting_id"},
						{"rating", "rating"},
						{"would_work", "would_work"},
						{"note", "note"}};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *v = args_get(&a, fields[i][0]);
		if (v != NULL && rec_set_text(r, c->a, fields[i][1], v, &err))
			return cli_fail(&err);
	}
	if (rec_create(c->db, &c->who, c->a, r, &err))
		return cli_fail(&err);
	return entity_print_rec(r, fmt);
}

static int tryout_list_cmd(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc, argv, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		printf("usage: capnet library tryout list ITEM [--format table|json|csv]\n"
		       "The try-outs of an item, oldest first, and their summary.\n");
		return CLI_OK;
	}
	int64_t item;
	enum output_format fmt;
	if (a.npos != 1)
		return cli_usage("usage: capnet library tryout list ITEM");
	if (cli_id(a.pos[0], "library item", &item) || cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	struct rec_list l;
	struct tryout_summary s;
	if (cli_db(c, &err) || tryout_list(c->db, c->a, item, &l, &err) ||
	    tryout_summary(c->db, c->a, item, &s, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_JSON) {
		jw_obj_begin(&w);
		jw_key(&w, "summary");
		tryout_summary_json(&w, &s);
		jw_key(&w, "tryouts");
	}
	jw_arr_begin(&w);
	for (size_t i = 0; i < l.count; i++)
		rec_to_json(&w, l.items[i]);
	jw_arr_end(&w);
	if (fmt == OUTPUT_JSON)
		jw_obj_end(&w);
	output_print(stdout, fmt, buf_str(&b), fmt == OUTPUT_TABLE ? tryout_columns : NULL);
	buf_free(&b);
	if (fmt == OUTPUT_TABLE && s.count > 0)
		printf("%lld try-out%s, average rating %.1f of 5; would work here: %lld yes, %lld "
		       "maybe, %lld no; %lld team%s\n",
		       (long long)s.count, s.count == 1 ? "" : "s", s.rating_avg, (long long)s.yes,
		       (long long)s.maybe, (long long)s.no, (long long)s.teams,
		       s.teams == 1 ? "" : "s");
	return CLI_OK;
}

static int library_tryout(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 0 ? argv[0] : "";
	if (strcmp(verb, "add") == 0)
		return tryout_add(c, argc - 1, argv + 1);
	if (strcmp(verb, "list") == 0)
		return tryout_list_cmd(c, argc - 1, argv + 1);
	if (strcmp(verb, "show") == 0 || strcmp(verb, "update") == 0 || strcmp(verb, "delete") == 0)
		return entity_cmd(c, &tryout_entity, "library tryout", verb, argc - 1, argv + 1,
				  tryout_columns);
	printf("usage: capnet library tryout add ITEM --person P [--meeting M] --rating N\n"
	       "                                  --would-work yes|maybe|no [--note TEXT]\n"
	       "       capnet library tryout list ITEM\n"
	       "       capnet library tryout show|update|delete TRYOUT\n");
	return strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 ? CLI_OK : CLI_USAGE;
}

int cmd_library(struct cli *c, int argc, char **argv)
{
	const char *verb = argc >= 2 ? argv[1] : "";
	if (strcmp(verb, "add") == 0 || strcmp(verb, "update") == 0)
		return item_add_update(c, verb[0] == 'u', argc - 2, argv + 2);
	if (strcmp(verb, "show") == 0)
		return item_show(c, argc - 2, argv + 2);
	if (strcmp(verb, "list") == 0)
		return item_list(c, argc - 2, argv + 2);
	if (strcmp(verb, "search") == 0 || strcmp(verb, "recommend") == 0)
		return library_find(c, verb[0] == 'r', argc - 2, argv + 2);
	if (strcmp(verb, "tryout") == 0)
		return library_tryout(c, argc - 2, argv + 2);
	printf("usage: capnet library VERB ...   (strategies, resources, tools, research)\n"
	       "  capnet library add --kind K --title T [options]   add an item\n"
	       "  capnet library list [--kind K] [--area A] [--band B] [--tag T] [--tier N]\n"
	       "  capnet library show ID                          an item with everything\n"
	       "  capnet library update ID [options]              change it\n"
	       "  capnet library search \"WORDS\" [filters]         ranked search\n"
	       "  capnet library recommend \"TEXT\" [filters]       items for a need, with why\n"
	       "  capnet library tryout add|list ...              who tried it, how it went\n"
	       "Run `capnet library VERB --help` for the options. For example:\n"
	       "  capnet library add --kind strategy --title 'Number talks' --tier 2 \\\n"
	       "      --area mathematics --band K-2,3-5 --tag number-sense \\\n"
	       "      --citation 'Parrish, S. (2014). Number Talks. Math Solutions.' \\\n"
	       "      --body-file number-talks.md\n");
	return argc < 2 || (strcmp(verb, "--help") != 0 && strcmp(verb, "-h") != 0) ? CLI_USAGE
										     : CLI_OK;
}
