/* library: library items, their labels, citations and alignments, and the search
 * entry kept for each. Searching is in library_search.c. */
#include "app/library/library.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app/audit.h"
#include "app/network/network.h"
#include "app/org/person.h"
#include "core/buf.h"
#include "io/markdown.h"

const char *const library_kinds[] = {"strategy", "resource", "tool", "research", NULL};
const char *const library_kind_labels[] = {"Strategy", "Resource", "Tool", "Research summary",
					   NULL};
const char *const library_tier_choices[] = {"1", "2", "3", "4", "none", NULL};
const char *const library_grade_bands[] = {"k_2", "3_5", "6_8", "9_12", "adult", NULL};

static const struct rec_field library_fields[] = {
	{.name = "network_id", .type = REC_REF, .ref = &network_entity,
	 .help = "the network whose library holds it; none for the statewide library"},
	{.name = "kind", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = library_kinds,
	 .help = "strategy, resource, tool or research (a research summary)"},
	{.name = "title", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 200,
	 .help = "e.g. Number talks"},
	{.name = "summary", .type = REC_LONGTEXT, .max = 1000,
	 .help = "a few sentences: what it is and when to use it"},
	{.name = "body", .type = REC_LONGTEXT, .max = 30000,
	 .help = "the full description, in Markdown"},
	{.name = "evidence_tier", .type = REC_INT, .min = 1, .max = 4,
	 .help = "ESSA tier: 1 strong, 2 moderate, 3 promising, 4 rationale; empty if none"},
	{.name = "license", .type = REC_TEXT, .max = 200, .help = "e.g. CC BY 4.0"},
	{.name = "url", .type = REC_URL, .help = "where the original lives"},
	{.name = "created_by", .type = REC_REF, .flags = REC_READONLY | REC_FIXED,
	 .ref = &person_entity, .help = "who added it"},
};

static const struct rec_filter library_filters[] = {
	{.name = "kind", .type = REC_ENUM, .choices = library_kinds, .help = "only this kind"},
	{.name = "network_id", .type = REC_REF, .help = "only items of this network"},
	{.name = "content_area",
	 .where = "EXISTS (SELECT 1 FROM library_label l WHERE l.item_id = library_item.id"
		  " AND l.facet = 'content_area' AND l.value = ?)",
	 .type = REC_ENUM, .choices = network_content_areas,
	 .help = "only items for this content area"},
	{.name = "grade_band",
	 .where = "EXISTS (SELECT 1 FROM library_label l WHERE l.item_id = library_item.id"
		  " AND l.facet = 'grade_band' AND l.value = ?)",
	 .type = REC_ENUM, .choices = library_grade_bands,
	 .help = "only items for this grade band (k_2, 3_5, 6_8, 9_12, adult)"},
	{.name = "tag",
	 .where = "EXISTS (SELECT 1 FROM library_label l WHERE l.item_id = library_item.id"
		  " AND l.facet = 'tag' AND l.value = ?)",
	 .type = REC_TEXT, .help = "only items with this tag (as stored)"},
	{.name = "evidence_tier", .type = REC_INT, .help = "only items of this ESSA tier"},
};

static const char SQL_LABELS_GET[] =
	"SELECT facet, value FROM library_label WHERE item_id = ?1 ORDER BY facet, value";
static const char SQL_LABELS_CLEAR[] =
	"DELETE FROM library_label WHERE item_id = ?1 AND facet = ?2";
static const char SQL_LABEL_ADD[] =
	"INSERT INTO library_label (item_id, facet, value) VALUES (?1, ?2, ?3)";
static const char SQL_CITATIONS_GET[] =
	"SELECT text, url FROM library_citation WHERE item_id = ?1 ORDER BY position, id";
static const char SQL_CITATIONS_CLEAR[] = "DELETE FROM library_citation WHERE item_id = ?1";
static const char SQL_CITATION_ADD[] =
	"INSERT INTO library_citation (item_id, text, url, position) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_ALIGNMENTS_GET[] =
	"SELECT a.cf_item_id, c.human_coding_scheme, c.full_statement, f.title"
	" FROM library_alignment a JOIN cf_item c ON c.id = a.cf_item_id"
	" JOIN framework f ON f.id = c.framework_id"
	" WHERE a.item_id = ?1 ORDER BY f.title, c.human_coding_scheme, c.id";
static const char SQL_ALIGNED_TO[] = /* after the entity's columns (rec_list_where) */
	"WHERE id IN (SELECT item_id FROM library_alignment WHERE cf_item_id = ?1)"
	" ORDER BY title, id";
static const char SQL_ALIGNMENTS_CLEAR[] = "DELETE FROM library_alignment WHERE item_id = ?1";
static const char SQL_ALIGNMENT_ADD[] =
	"INSERT INTO library_alignment (item_id, cf_item_id) VALUES (?1, ?2)";
static const char SQL_CF_ITEM_EXISTS[] = "SELECT id FROM cf_item WHERE id = ?1";

static int library_after_write(struct store *db, struct arena *a, const struct rec *saved,
			       struct cn_err *err);

const struct rec_entity library_item_entity = {
	.name = "library_item",
	.plural = "library-items",
	.title = "library item",
	.fields = library_fields,
	.nfields = sizeof(library_fields) / sizeof(library_fields[0]),
	.filters = library_filters,
	.nfilters = sizeof(library_filters) / sizeof(library_filters[0]),
	.table = "library_item",
	.check = NULL,
	.after_write = library_after_write,
};

/* Citations are checked against this shape, so they follow the record rules. */
static const struct rec_field citation_fields[] = {
	{.name = "text", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 1000},
	{.name = "url", .type = REC_URL},
};
static const struct rec_entity citation_shape = {
	.name = "citation",
	.plural = "citations",
	.title = "citation",
	.fields = citation_fields,
	.nfields = sizeof(citation_fields) / sizeof(citation_fields[0]),
};

/* Labels. */

int library_tag_slug(struct arena *a, const char *input, const char **out, struct cn_err *err)
{
	size_t n = strlen(input);
	char *slug = arena_alloc(a, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)input[i];
		if (isalnum(c) && c < 0x80) {
			slug[k++] = (char)tolower(c);
		} else if (c == ' ' || c == '-' || c == '_' || c == '/' || c == '.' || c == '\t') {
			if (k > 0 && slug[k - 1] != '-')
				slug[k++] = '-';
		} else {
			return cn_err_field(err, CN_ERR_INPUT, "tags",
					    "'%.60s' has a character a tag cannot hold (byte %zu); "
					    "use letters a-z, digits and '-'",
					    input, i + 1);
		}
	}
	while (k > 0 && slug[k - 1] == '-')
		k--;
	slug[k] = '\0';
	if (k == 0)
		return cn_err_field(err, CN_ERR_INPUT, "tags", "a tag cannot be empty");
	if (k > LIBRARY_TAG_LEN)
		return cn_err_field(err, CN_ERR_INPUT, "tags",
				    "'%.60s' is %zu characters long; a tag has at most %d", slug, k,
				    LIBRARY_TAG_LEN);
	*out = slug;
	return 0;
}

const char *library_area_code(const char *input)
{
	return rec_choice_find(network_content_areas, input);
}

const char *library_band_code(const char *input)
{
	char s[32];
	snprintf(s, sizeof(s), "%s", input);
	for (char *p = s; *p; p++)
		if (*p == '/')
			*p = '_';
	if (strcasecmp(s, "pd") == 0 || strcasecmp(s, "adult_pd") == 0 ||
	    strcasecmp(s, "adult-pd") == 0)
		return "adult";
	return rec_choice_find(library_grade_bands, s);
}

static int library_has(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static int library_choice_error(const char *field, const char *value,
				const char *const *choices, struct cn_err *err)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; choices[i] != NULL; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", choices[i]);
	cn_err_field(err, CN_ERR_INPUT, field, "'%.60s' is not one of: %s", value, buf_str(&b));
	buf_free(&b);
	return -1;
}

/* The codes of n inputs (each through code(), none twice) into *out, or an error on
 * field that lists the choices. */
static int library_codes_clean(struct arena *a, const char *const *in, size_t n,
			       const char *(*code)(const char *), const char *field,
			       const char *const *choices, const char ***out, size_t *nout,
			       struct cn_err *err)
{
	*out = arena_alloc(a, sizeof(char *) * (n + 1));
	*nout = 0;
	for (size_t i = 0; i < n; i++) {
		const char *c = code(in[i]);
		if (c == NULL)
			return library_choice_error(field, in[i], choices, err);
		if (!library_has(*out, *nout, c))
			(*out)[(*nout)++] = c;
	}
	return 0;
}

/* Checks and normalizes the parts of in that are set into out (arrays in a). */
static int library_links_clean(struct arena *a, const struct library_links *in,
			       struct library_links *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	out->set = in->set;
	if (in->set & LIBRARY_SET_TAGS) {
		out->tags = arena_alloc(a, sizeof(char *) * (in->ntags + 1));
		for (size_t i = 0; i < in->ntags; i++) {
			const char *slug;
			if (library_tag_slug(a, in->tags[i], &slug, err))
				return -1;
			if (!library_has(out->tags, out->ntags, slug))
				out->tags[out->ntags++] = slug;
		}
		if (out->ntags > LIBRARY_TAGS_MAX)
			return cn_err_field(err, CN_ERR_INPUT, "tags",
					    "%zu tags given; an item has at most %d", out->ntags,
					    LIBRARY_TAGS_MAX);
	}
	if ((in->set & LIBRARY_SET_AREAS) &&
	    library_codes_clean(a, in->areas, in->nareas, library_area_code, "content_areas",
				network_content_areas, &out->areas, &out->nareas, err))
		return -1;
	if ((in->set & LIBRARY_SET_BANDS) &&
	    library_codes_clean(a, in->bands, in->nbands, library_band_code, "grade_bands",
				library_grade_bands, &out->bands, &out->nbands, err))
		return -1;
	if (in->set & LIBRARY_SET_CITATIONS) {
		if (in->ncitations > LIBRARY_CITATIONS_MAX)
			return cn_err_field(err, CN_ERR_INPUT, "citations",
					    "%zu citations given; an item has at most %d",
					    in->ncitations, LIBRARY_CITATIONS_MAX);
		out->citations = arena_alloc(a, sizeof(struct library_citation) *
							(in->ncitations + 1));
		for (size_t i = 0; i < in->ncitations; i++) {
			struct rec *c = rec_new(a, &citation_shape);
			if (rec_set_text(c, a, "text", in->citations[i].text ? in->citations[i].text
									     : "",
					 err) ||
			    rec_put_text(c, a, "url", in->citations[i].url, err)) {
				char field[sizeof(err->field)];
				snprintf(field, sizeof(field), "%s", err->field);
				snprintf(err->field, sizeof(err->field), "citations[%zu].%.40s", i,
					 field);
				return -1;
			}
			out->citations[i].text = rec_text(c, "text");
			out->citations[i].url = rec_text(c, "url");
		}
		out->ncitations = in->ncitations;
	}
	if (in->set & LIBRARY_SET_ALIGNMENTS) {
		out->alignments = arena_alloc(a, sizeof(int64_t) * (in->nalignments + 1));
		for (size_t i = 0; i < in->nalignments; i++) {
			int64_t id = in->alignments[i];
			if (id <= 0)
				return cn_err_field(err, CN_ERR_INPUT, "alignments",
						    "%lld is not an id", (long long)id);
			int seen = 0;
			for (size_t k = 0; k < out->nalignments; k++)
				seen |= out->alignments[k] == id;
			if (!seen)
				out->alignments[out->nalignments++] = id;
		}
		if (out->nalignments > LIBRARY_ALIGNMENTS_MAX)
			return cn_err_field(err, CN_ERR_INPUT, "alignments",
					    "%zu standards given; an item aligns to at most %d",
					    out->nalignments, LIBRARY_ALIGNMENTS_MAX);
	}
	return 0;
}

/* Runs a statement binding (id, text, text-or-NULL / int) and nothing returned. */
static int library_run(struct store *db, const char *sql, int64_t id, const char *s2,
		       const char *s3, int64_t i4, int nparams, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	if (nparams >= 2)
		store_bind_text(q, 2, s2);
	if (nparams >= 3)
		store_bind_text(q, 3, s3);
	if (nparams >= 4)
		store_bind_int(q, 4, i4);
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

static int library_labels_store(struct store *db, int64_t id, const char *facet,
				const char *const *values, size_t n, struct cn_err *err)
{
	if (library_run(db, SQL_LABELS_CLEAR, id, facet, NULL, 0, 2, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (library_run(db, SQL_LABEL_ADD, id, facet, values[i], 0, 3, err))
			return -1;
	return 0;
}

/* Replaces the parts of l that are set (inside the caller's transaction). */
static int library_links_store(struct store *db, int64_t id, const struct library_links *l,
			       struct cn_err *err)
{
	if ((l->set & LIBRARY_SET_TAGS) &&
	    library_labels_store(db, id, "tag", l->tags, l->ntags, err))
		return -1;
	if ((l->set & LIBRARY_SET_AREAS) &&
	    library_labels_store(db, id, "content_area", l->areas, l->nareas, err))
		return -1;
	if ((l->set & LIBRARY_SET_BANDS) &&
	    library_labels_store(db, id, "grade_band", l->bands, l->nbands, err))
		return -1;
	if (l->set & LIBRARY_SET_CITATIONS) {
		if (library_run(db, SQL_CITATIONS_CLEAR, id, NULL, NULL, 0, 1, err))
			return -1;
		for (size_t i = 0; i < l->ncitations; i++)
			if (library_run(db, SQL_CITATION_ADD, id, l->citations[i].text,
					l->citations[i].url, (int64_t)i + 1, 4, err))
				return -1;
	}
	if (l->set & LIBRARY_SET_ALIGNMENTS) {
		if (library_run(db, SQL_ALIGNMENTS_CLEAR, id, NULL, NULL, 0, 1, err))
			return -1;
		for (size_t i = 0; i < l->nalignments; i++) {
			struct store_stmt *q = store_prepare(db, SQL_CF_ITEM_EXISTS, err);
			if (q == NULL)
				return -1;
			store_bind_int(q, 1, l->alignments[i]);
			int rc = store_step(q, err);
			store_done(q);
			if (rc < 0)
				return -1;
			if (rc == 0)
				return cn_err_field(err, CN_ERR_INPUT, "alignments",
						    "there is no standard (CASE item) with id %lld; "
						    "import the framework first",
						    (long long)l->alignments[i]);
			q = store_prepare(db, SQL_ALIGNMENT_ADD, err);
			if (q == NULL)
				return -1;
			store_bind_int(q, 1, id);
			store_bind_int(q, 2, l->alignments[i]);
			rc = store_step(q, err);
			store_done(q);
			if (rc < 0)
				return -1;
		}
	}
	return 0;
}

static size_t library_band_rank(const char *code)
{
	size_t i = 0;
	while (library_grade_bands[i] != NULL && strcmp(library_grade_bands[i], code) != 0)
		i++;
	return i;
}

/* Puts grade bands in school order: k_2 before 3_5. */
static void library_bands_order(const char **bands, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t k = i;
		     k > 0 && library_band_rank(bands[k - 1]) > library_band_rank(bands[k]); k--) {
			const char *x = bands[k];
			bands[k] = bands[k - 1];
			bands[k - 1] = x;
		}
}

const char *library_band_label(const char *code)
{
	static const char *const labels[] = {"K-2", "3-5", "6-8", "9-12", "adult/PD"};
	size_t i = library_band_rank(code);
	return i < sizeof(labels) / sizeof(labels[0]) ? labels[i] : code;
}

/* Reads every part of item id's links, and the alignments with their standards. */
static int library_links_load(struct store *db, struct arena *a, int64_t id,
			      struct library_links *l, struct library_alignment **aligned,
			      struct cn_err *err)
{
	memset(l, 0, sizeof(*l));
	l->set = LIBRARY_SET_ALL;
	size_t ctag = 0, carea = 0, cband = 0, ccit = 0, cal = 0;
	struct store_stmt *q = store_prepare(db, SQL_LABELS_GET, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		const char *facet = store_col_text(q, 0);
		char *value = store_col_dup(q, 1, a);
		if (strcmp(facet, "tag") == 0) {
			l->tags = arena_grow(a, l->tags, sizeof(char *), l->ntags, &ctag);
			l->tags[l->ntags++] = value;
		} else if (strcmp(facet, "content_area") == 0) {
			l->areas = arena_grow(a, l->areas, sizeof(char *), l->nareas, &carea);
			l->areas[l->nareas++] = value;
		} else {
			l->bands = arena_grow(a, l->bands, sizeof(char *), l->nbands, &cband);
			l->bands[l->nbands++] = value;
		}
	}
	store_done(q);
	if (rc < 0)
		return -1;
	library_bands_order(l->bands, l->nbands);
	q = store_prepare(db, SQL_CITATIONS_GET, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	while ((rc = store_step(q, err)) == 1) {
		l->citations = arena_grow(a, l->citations, sizeof(struct library_citation),
					  l->ncitations, &ccit);
		l->citations[l->ncitations].text = store_col_dup(q, 0, a);
		l->citations[l->ncitations].url = store_col_dup(q, 1, a);
		l->ncitations++;
	}
	store_done(q);
	if (rc < 0)
		return -1;
	q = store_prepare(db, SQL_ALIGNMENTS_GET, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	struct library_alignment *al = NULL;
	size_t calf = 0;
	while ((rc = store_step(q, err)) == 1) {
		l->alignments =
			arena_grow(a, l->alignments, sizeof(int64_t), l->nalignments, &cal);
		al = arena_grow(a, al, sizeof(*al), l->nalignments, &calf);
		struct library_alignment *x = &al[l->nalignments];
		x->cf_item_id = store_col_int(q, 0);
		x->code = store_col_dup(q, 1, a);
		x->statement = store_col_dup(q, 2, a);
		x->framework = store_col_dup(q, 3, a);
		l->alignments[l->nalignments++] = x->cf_item_id;
	}
	store_done(q);
	if (aligned != NULL)
		*aligned = al;
	return rc < 0 ? -1 : 0;
}

/* Search entry: title; summary, body and citations as the body; facets kind_*,
 * tier_* (tier_N, and tier_le_K for every K >= N, so "at least tier K" is one
 * facet), net_<id> or net_none, area_*, band_*, tag_* ('-' as '_'). */
static int library_reindex(struct store *db, struct arena *a, const struct rec *item,
			   struct cn_err *err)
{
	struct library_links l;
	if (library_links_load(db, a, item->id, &l, NULL, err))
		return -1;
	struct buf body = BUF_INIT, facets = BUF_INIT;
	buf_printf(&body, "%s\n%s", rec_text(item, "summary") ? rec_text(item, "summary") : "",
		   rec_text(item, "body") ? rec_text(item, "body") : "");
	for (size_t i = 0; i < l.ncitations; i++)
		buf_printf(&body, "\n%s", l.citations[i].text);
	buf_printf(&facets, "kind_%s", rec_text(item, "kind"));
	int64_t tier = rec_int(item, "evidence_tier");
	if (tier >= 1 && tier <= 4) {
		buf_printf(&facets, " tier_%lld", (long long)tier);
		for (int64_t k = tier; k <= 4; k++)
			buf_printf(&facets, " tier_le_%lld", (long long)k);
	} else {
		buf_puts(&facets, " tier_none");
	}
	if (rec_int(item, "network_id") != 0)
		buf_printf(&facets, " net_%lld", (long long)rec_int(item, "network_id"));
	else
		buf_puts(&facets, " net_none");
	for (size_t i = 0; i < l.nareas; i++)
		buf_printf(&facets, " area_%s", l.areas[i]);
	for (size_t i = 0; i < l.nbands; i++)
		buf_printf(&facets, " band_%s", l.bands[i]);
	for (size_t i = 0; i < l.ntags; i++) {
		buf_puts(&facets, " tag_");
		for (const char *p = l.tags[i]; *p; p++)
			buf_putc(&facets, *p == '-' ? '_' : *p);
	}
	int rc = store_search_put(db, "library", item->id, rec_text(item, "title"),
				  buf_str(&body), buf_str(&facets), err);
	buf_free(&body);
	buf_free(&facets);
	return rc;
}

static int library_after_write(struct store *db, struct arena *a, const struct rec *saved,
			       struct cn_err *err)
{
	return library_reindex(db, a, saved, err);
}

static char *library_links_text(struct arena *a, const struct library_links *l)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	library_links_json(&w, l);
	char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* Stores the links of saved item r, audits the change (as an update of the item;
 * before is null for a new item) and re-indexes the item. */
static int library_links_save(struct store *db, const struct actor *who, struct arena *a,
			      const struct rec *r, const struct library_links *l, int created,
			      struct cn_err *err)
{
	struct library_links old, now;
	if (library_links_load(db, a, r->id, &old, NULL, err) ||
	    library_links_store(db, r->id, l, err) ||
	    library_links_load(db, a, r->id, &now, NULL, err))
		return -1;
	const char *before = library_links_text(a, &old), *after = library_links_text(a, &now);
	if (strcmp(before, after) != 0 &&
	    audit_record(db, who, "update", library_item_entity.name, r->id,
			 created ? NULL : before, after, err))
		return -1;
	return library_reindex(db, a, r, err);
}

int library_create(struct store *db, const struct actor *who, struct arena *a, struct rec *r,
		   const struct library_links *links, struct cn_err *err)
{
	struct library_links clean = {0};
	if (links != NULL && library_links_clean(a, links, &clean, err))
		return -1;
	if (who->person_id != 0 && rec_put_int(r, "created_by", who->person_id, err))
		return -1;
	if (store_begin(db, err))
		return -1;
	if (rec_create(db, who, a, r, err))
		goto fail;
	if (clean.set != 0 && library_links_save(db, who, a, r, &clean, 1, err))
		goto fail;
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

int library_update(struct store *db, const struct actor *who, struct arena *a, int64_t id,
		   int64_t expected_version, const struct rec *changes,
		   const struct library_links *links, struct rec **out, struct cn_err *err)
{
	struct library_links clean = {0};
	if (links != NULL && library_links_clean(a, links, &clean, err))
		return -1;
	if (changes == NULL)
		changes = rec_new(a, &library_item_entity);
	if (store_begin(db, err))
		return -1;
	struct rec *saved = NULL;
	if (rec_update(db, who, a, id, expected_version, changes, &saved, err))
		goto fail;
	if (clean.set != 0 && library_links_save(db, who, a, saved, &clean, 0, err))
		goto fail;
	if (store_commit(db, err))
		return -1;
	if (out != NULL)
		*out = saved;
	return 0;
fail:
	store_rollback(db);
	return -1;
}

int library_get(struct store *db, struct arena *a, int64_t id, int with_html,
		struct library_view *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	if (rec_get(db, a, &library_item_entity, id, &out->item, err) ||
	    library_links_load(db, a, id, &out->links, &out->alignments, err) ||
	    tryout_summary(db, a, id, &out->tryouts, err))
		return -1;
	const char *body = rec_text(out->item, "body");
	if (with_html) {
		char *html = NULL;
		if (markdown_html(a, body ? body : "", body ? strlen(body) : 0, "body", &html, err))
			return -1;
		out->body_html = html;
	}
	return 0;
}

int library_aligned_to(struct store *db, struct arena *a, int64_t cf_item_id,
		       struct rec_list *out, struct cn_err *err)
{
	return rec_list_where(db, a, &library_item_entity, SQL_ALIGNED_TO, cf_item_id, out, err);
}

static void library_strings_json(struct jw *w, const char *key, const char *const *v, size_t n)
{
	jw_key(w, key);
	jw_arr_begin(w);
	for (size_t i = 0; i < n; i++)
		jw_str(w, v[i]);
	jw_arr_end(w);
}

static void library_citations_json(struct jw *w, const struct library_links *l)
{
	jw_key(w, "citations");
	jw_arr_begin(w);
	for (size_t i = 0; i < l->ncitations; i++) {
		jw_obj_begin(w);
		jw_kv_str(w, "text", l->citations[i].text);
		jw_kv_str(w, "url", l->citations[i].url);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

/* The members shared by the links and the view: labels and citations. */
static void library_labels_json(struct jw *w, const struct library_links *l)
{
	library_strings_json(w, "tags", l->tags, l->ntags);
	library_strings_json(w, "content_areas", l->areas, l->nareas);
	library_strings_json(w, "grade_bands", l->bands, l->nbands);
	library_citations_json(w, l);
}

void library_links_json(struct jw *w, const struct library_links *l)
{
	jw_obj_begin(w);
	library_labels_json(w, l);
	jw_key(w, "alignments");
	jw_arr_begin(w);
	for (size_t i = 0; i < l->nalignments; i++)
		jw_int(w, l->alignments[i]);
	jw_arr_end(w);
	jw_obj_end(w);
}

void library_view_json(struct jw *w, const struct library_view *v)
{
	const struct library_links *l = &v->links;
	jw_obj_begin(w);
	rec_fields_json(w, v->item);
	library_labels_json(w, l);
	jw_key(w, "alignments");
	jw_arr_begin(w);
	for (size_t i = 0; i < l->nalignments; i++) {
		const struct library_alignment *x = &v->alignments[i];
		jw_obj_begin(w);
		jw_kv_int(w, "cf_item_id", x->cf_item_id);
		jw_kv_str(w, "code", x->code);
		jw_kv_str(w, "statement", x->statement);
		jw_kv_str(w, "framework", x->framework);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "tryouts");
	tryout_summary_json(w, &v->tryouts);
	if (v->body_html != NULL)
		jw_kv_str(w, "body_html", v->body_html);
	jw_obj_end(w);
}
