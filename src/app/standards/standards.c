/* standards: browsing and finding standards, and the JSON of every standards type.
 * The import is in standards_import.c; the interface of both is app/standards/standards.h. */
#include "app/standards/standards.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

#define STANDARDS_ITEM_COLS                                                                    \
	"i.id, i.framework_id, i.parent_id, i.position, i.identifier, i.uri,"                  \
	" i.human_coding_scheme, i.full_statement, i.abbreviated_statement, i.item_type,"      \
	" i.education_levels, i.language, i.notes, i.last_change, i.withdrawn_at,"             \
	" i.created_at, i.updated_at"
#define STANDARDS_CHILD_COUNT                                                                  \
	", (SELECT COUNT(*) FROM cf_item c WHERE c.framework_id = i.framework_id"                \
	" AND c.parent_id = i.id AND c.withdrawn_at IS NULL)"

static const char SQL_FW_COLS_LIST[] =
	"SELECT f.id, f.identifier, f.uri, f.title, f.creator, f.publisher, f.version_label,"
	" f.adoption_status, f.subject, f.language, f.last_change, f.version, f.created_at,"
	" f.updated_at, (SELECT COUNT(*) FROM cf_item i WHERE i.framework_id = f.id"
	" AND i.withdrawn_at IS NULL) FROM framework f ORDER BY f.title, f.id";
static const char SQL_FW_GET[] =
	"SELECT f.id, f.identifier, f.uri, f.title, f.creator, f.publisher, f.version_label,"
	" f.adoption_status, f.subject, f.language, f.last_change, f.version, f.created_at,"
	" f.updated_at, (SELECT COUNT(*) FROM cf_item i WHERE i.framework_id = f.id"
	" AND i.withdrawn_at IS NULL) FROM framework f WHERE f.id = ?1";
static const char SQL_FW_BY_IDENTIFIER[] = "SELECT id FROM framework WHERE identifier = ?1";
static const char SQL_ITEM_GET[] =
	"SELECT " STANDARDS_ITEM_COLS STANDARDS_CHILD_COUNT " FROM cf_item i WHERE i.id = ?1";
static const char SQL_ITEM_BY_IDENTIFIER[] = "SELECT id FROM cf_item WHERE identifier = ?1";
static const char SQL_ITEM_BY_CODE[] =
	"SELECT i.id, f.title FROM cf_item i JOIN framework f ON f.id = i.framework_id"
	" WHERE lower(i.human_coding_scheme) = ?1 AND (?2 IS NULL OR i.framework_id = ?2)"
	" AND i.withdrawn_at IS NULL ORDER BY i.id LIMIT 6";
static const char SQL_CHILDREN_TOP[] =
	"SELECT " STANDARDS_ITEM_COLS STANDARDS_CHILD_COUNT " FROM cf_item i"
	" WHERE i.framework_id = ?1 AND i.parent_id IS NULL AND i.withdrawn_at IS NULL"
	" ORDER BY i.position, i.id";
static const char SQL_CHILDREN[] =
	"SELECT " STANDARDS_ITEM_COLS STANDARDS_CHILD_COUNT " FROM cf_item i"
	" WHERE i.framework_id = ?1 AND i.parent_id = ?2 AND i.withdrawn_at IS NULL"
	" ORDER BY i.position, i.id";
/* The whole framework, children of one parent together in order (top level first). */
static const char SQL_TREE[] =
	"SELECT " STANDARDS_ITEM_COLS " FROM cf_item i"
	" WHERE i.framework_id = ?1 AND i.withdrawn_at IS NULL"
	" ORDER BY COALESCE(i.parent_id, 0), i.position, i.id";
static const char SQL_PATH[] =
	"WITH RECURSIVE up(id, depth) AS ("
	" SELECT parent_id, 1 FROM cf_item WHERE id = ?1 AND parent_id IS NOT NULL"
	" UNION ALL SELECT c.parent_id, up.depth + 1 FROM cf_item c JOIN up ON c.id = up.id"
	" WHERE c.parent_id IS NOT NULL AND up.depth < 1000)"
	" SELECT " STANDARDS_ITEM_COLS " FROM up JOIN cf_item i ON i.id = up.id"
	" ORDER BY up.depth DESC";
/* Codes from ?1 (a lower-cased prefix) up to ?2 (the prefix and the last code point):
 * a range, so that the index on lower(human_coding_scheme) serves it. */
static const char SQL_CODE_FIND[] =
	"SELECT " STANDARDS_ITEM_COLS STANDARDS_CHILD_COUNT " FROM cf_item i"
	" WHERE lower(i.human_coding_scheme) >= ?1 AND lower(i.human_coding_scheme) < ?2"
	" AND (?3 IS NULL OR i.framework_id = ?3) AND i.withdrawn_at IS NULL"
	" ORDER BY lower(i.human_coding_scheme), i.id LIMIT ?4 OFFSET ?5";
static const char SQL_LINKS[] =
	"SELECT a.id, a.identifier, a.association_type, a.origin_identifier,"
	" a.destination_identifier, a.origin_title, a.origin_uri, a.destination_title,"
	" a.destination_uri, a.sequence_number, o.id, o.human_coding_scheme, o.full_statement,"
	" o.parent_id, d.id, d.human_coding_scheme, d.full_statement"
	" FROM cf_association a LEFT JOIN cf_item o ON o.identifier = a.origin_identifier"
	" LEFT JOIN cf_item d ON d.identifier = a.destination_identifier"
	" WHERE a.origin_identifier = ?1 OR a.destination_identifier = ?1"
	" ORDER BY a.association_type, COALESCE(a.sequence_number, 0), a.id";

/* The last code point, U+10FFFF: no valid UTF-8 text sorts after prefix + it. */
static const char CODE_PREFIX_END[] = "\xF4\x8F\xBF\xBF";

void standards_facet(struct buf *b, const char *prefix, const char *value)
{
	char tok[41];
	size_t n = 0;
	int gap = 0;
	for (const char *s = value ? value : ""; *s && n < sizeof(tok) - 1; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x80 && isalnum(ch)) {
			if (gap && n > 0)
				tok[n++] = '_';
			if (n < sizeof(tok) - 1)
				tok[n++] = (char)tolower(ch);
			gap = 0;
		} else {
			gap = 1;
		}
	}
	tok[n] = '\0';
	if (n == 0)
		return;
	if (b->len > 0)
		buf_putc(b, ' ');
	buf_printf(b, "%s%s", prefix, tok);
}

/* Rows. */

static void framework_row(struct store_stmt *q, struct arena *a, struct standards_framework *f)
{
	memset(f, 0, sizeof(*f));
	f->id = store_col_int(q, 0);
	f->identifier = store_col_dup(q, 1, a);
	f->uri = store_col_dup(q, 2, a);
	f->title = store_col_dup(q, 3, a);
	f->creator = store_col_dup(q, 4, a);
	f->publisher = store_col_dup(q, 5, a);
	f->version_label = store_col_dup(q, 6, a);
	f->adoption_status = store_col_dup(q, 7, a);
	f->subject = store_col_dup(q, 8, a);
	f->language = store_col_dup(q, 9, a);
	f->last_change = store_col_dup(q, 10, a);
	f->version = store_col_int(q, 11);
	f->created_at = store_col_dup(q, 12, a);
	f->updated_at = store_col_dup(q, 13, a);
	f->item_count = store_col_int(q, 14);
}

/* Education levels are stored joined with commas. */
static void item_levels(struct arena *a, const char *s, struct standards_item *it)
{
	it->education_levels = NULL;
	it->neducation_levels = 0;
	if (s == NULL || *s == '\0')
		return;
	size_t n = 1;
	for (const char *p = s; *p; p++)
		n += *p == ',';
	it->education_levels = arena_alloc(a, sizeof(char *) * n);
	while (*s) {
		const char *end = strchr(s, ',');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		if (len > 0)
			it->education_levels[it->neducation_levels++] = arena_strndup(a, s, len);
		s += len + (end != NULL);
	}
}

static void item_row(struct store_stmt *q, struct arena *a, struct standards_item *it,
		     int with_count)
{
	memset(it, 0, sizeof(*it));
	it->id = store_col_int(q, 0);
	it->framework_id = store_col_int(q, 1);
	it->parent_id = store_col_int(q, 2);
	it->position = store_col_int(q, 3);
	it->identifier = store_col_dup(q, 4, a);
	it->uri = store_col_dup(q, 5, a);
	it->human_coding_scheme = store_col_dup(q, 6, a);
	it->full_statement = store_col_dup(q, 7, a);
	it->abbreviated_statement = store_col_dup(q, 8, a);
	it->item_type = store_col_dup(q, 9, a);
	item_levels(a, store_col_text(q, 10), it);
	it->language = store_col_dup(q, 11, a);
	it->notes = store_col_dup(q, 12, a);
	it->last_change = store_col_dup(q, 13, a);
	it->withdrawn_at = store_col_dup(q, 14, a);
	it->created_at = store_col_dup(q, 15, a);
	it->updated_at = store_col_dup(q, 16, a);
	if (with_count)
		it->child_count = store_col_int(q, 17);
}

/* Runs q (bound) and collects its item rows into out. */
static int items_collect(struct store_stmt *q, struct arena *a, int with_count,
			 struct standards_items *out, struct cn_err *err)
{
	size_t cap = 0;
	out->items = NULL;
	out->count = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		out->items = arena_grow(a, out->items, sizeof(*out->items), out->count, &cap);
		item_row(q, a, &out->items[out->count++], with_count);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* Frameworks. */

int standards_frameworks(struct store *db, struct arena *a, struct standards_framework **out,
			 size_t *count, struct cn_err *err)
{
	*out = NULL;
	*count = 0;
	struct store_stmt *q = store_prepare(db, SQL_FW_COLS_LIST, err);
	if (q == NULL)
		return -1;
	size_t cap = 0;
	struct standards_framework *list = NULL;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		list = arena_grow(a, list, sizeof(*list), *count, &cap);
		framework_row(q, a, &list[(*count)++]);
	}
	store_done(q);
	*out = list;
	return rc < 0 ? -1 : 0;
}

int standards_framework_get(struct store *db, struct arena *a, int64_t id,
			    struct standards_framework *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_FW_GET, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	if (rc == 1)
		framework_row(q, a, out);
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND,
				  "there is no framework with id %lld; see `capnet standards list`",
				  (long long)id);
	return rc < 0 ? -1 : 0;
}

/* The id of key when it is a whole positive number, else 0. */
static int64_t standards_numeric(const char *key)
{
	if (key == NULL || *key == '\0' || strlen(key) > 18)
		return 0;
	for (const char *p = key; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return strtoll(key, NULL, 10);
}

/* Looks one id up by identifier with sql; 0 when absent. */
static int standards_by_identifier(struct store *db, const char *sql, const char *key,
				   int64_t *id, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, key);
	int rc = store_step(q, err);
	*id = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int standards_framework_find(struct store *db, struct arena *a, const char *key,
			     struct standards_framework *out, struct cn_err *err)
{
	int64_t id = standards_numeric(key);
	if (id == 0 && standards_by_identifier(db, SQL_FW_BY_IDENTIFIER, key, &id, err))
		return -1;
	if (id == 0)
		return cn_err_field(err, CN_ERR_NOT_FOUND, "framework",
				    "no framework has the id or identifier '%.100s'; see `capnet "
				    "standards list`",
				    key ? key : "");
	return standards_framework_get(db, a, id, out, err);
}

/* Items. */

int standards_item_get(struct store *db, struct arena *a, int64_t id,
		       struct standards_item *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_ITEM_GET, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	if (rc == 1)
		item_row(q, a, out, 1);
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no standard with id %lld",
				  (long long)id);
	return rc < 0 ? -1 : 0;
}

/* ASCII lower case, as SQL lower() does it. */
static char *standards_lower(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

int standards_item_find(struct store *db, struct arena *a, const char *key,
			int64_t framework_id, struct standards_item *out, struct cn_err *err)
{
	if (key == NULL || *key == '\0')
		return cn_err_field(err, CN_ERR_INPUT, "item", "give an id, identifier or code");
	int64_t id = standards_numeric(key);
	if (id != 0 && standards_item_get(db, a, id, out, err) == 0)
		return 0;
	if (id != 0 && err->kind != CN_ERR_NOT_FOUND)
		return -1;
	if (standards_by_identifier(db, SQL_ITEM_BY_IDENTIFIER, key, &id, err))
		return -1;
	if (id != 0)
		return standards_item_get(db, a, id, out, err);
	/* A code: several frameworks may use it (or a sloppy package twice). */
	struct store_stmt *q = store_prepare(db, SQL_ITEM_BY_CODE, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, standards_lower(a, key));
	store_bind_id(q, 2, framework_id);
	struct buf which = BUF_INIT;
	int rc, n = 0;
	while ((rc = store_step(q, err)) == 1) {
		if (n++ == 0)
			id = store_col_int(q, 0);
		buf_printf(&which, "%s%lld (%s)", n > 1 ? ", " : "", (long long)store_col_int(q, 0),
			   store_col_text(q, 1));
	}
	store_done(q);
	if (rc < 0) {
		buf_free(&which);
		return -1;
	}
	if (n > 1) {
		cn_err_field(err, CN_ERR_CONFLICT, "item",
			     "the code '%.60s' names several standards: %.300s%s; give an id or "
			     "--framework",
			     key, buf_str(&which), n > 5 ? ", ..." : "");
		buf_free(&which);
		return -1;
	}
	buf_free(&which);
	if (n == 0)
		return cn_err_field(err, CN_ERR_NOT_FOUND, "item",
				    "no standard has the id, identifier or code '%.100s'", key);
	return standards_item_get(db, a, id, out, err);
}

int standards_children(struct store *db, struct arena *a, int64_t framework_id,
		       int64_t parent_id, struct standards_items *out, struct cn_err *err)
{
	struct store_stmt *q =
		store_prepare(db, parent_id == 0 ? SQL_CHILDREN_TOP : SQL_CHILDREN, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, framework_id);
	if (parent_id != 0)
		store_bind_int(q, 2, parent_id);
	return items_collect(q, a, 1, out, err);
}

/* In all (sorted by parent), the first row whose parent is at least parent. */
static size_t tree_lower_bound(const struct standards_items *all, int64_t parent)
{
	size_t lo = 0, hi = all->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (all->items[mid].parent_id < parent)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The run of children of parent in all: [*from, *to). */
static void tree_children(const struct standards_items *all, int64_t parent, size_t *from,
			  size_t *to)
{
	*from = tree_lower_bound(all, parent);
	*to = *from;
	while (*to < all->count && all->items[*to].parent_id == parent)
		(*to)++;
}

int standards_tree(struct store *db, struct arena *a, int64_t framework_id, int64_t under_id,
		   int max_depth, struct standards_items *out, struct cn_err *err)
{
	out->items = NULL;
	out->count = 0;
	if (under_id != 0) {
		struct standards_item under;
		if (standards_item_get(db, a, under_id, &under, err))
			return -1;
		if (framework_id != 0 && under.framework_id != framework_id)
			return cn_err_field(err, CN_ERR_INPUT, "under",
					    "standard %lld is in framework %lld, not %lld",
					    (long long)under_id, (long long)under.framework_id,
					    (long long)framework_id);
		framework_id = under.framework_id;
	} else {
		struct standards_framework fw;
		if (standards_framework_get(db, a, framework_id, &fw, err))
			return -1;
	}
	struct store_stmt *q = store_prepare(db, SQL_TREE, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, framework_id);
	struct standards_items all;
	if (items_collect(q, a, 0, &all, err))
		return -1;
	out->items = arena_alloc(a, sizeof(struct standards_item) * (all.count ? all.count : 1));
	/* Depth first with an explicit stack of sibling runs. */
	struct run {
		size_t next, end;
	} *stack = xmalloc(sizeof(struct run) * (all.count + 1));
	size_t depth = 0;
	tree_children(&all, under_id, &stack[0].next, &stack[0].end);
	for (;;) {
		struct run *r = &stack[depth];
		if (r->next == r->end) {
			if (depth == 0)
				break;
			depth--;
			continue;
		}
		struct standards_item *it = &out->items[out->count++];
		*it = all.items[r->next++];
		it->depth = (int)depth;
		size_t from, to;
		tree_children(&all, it->id, &from, &to);
		it->child_count = (int64_t)(to - from);
		if (from < to && (max_depth <= 0 || (int)depth + 1 < max_depth) &&
		    depth + 1 <= all.count) {
			depth++;
			stack[depth].next = from;
			stack[depth].end = to;
		}
	}
	free(stack);
	return 0;
}

int standards_path(struct store *db, struct arena *a, int64_t item_id,
		   struct standards_items *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_PATH, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, item_id);
	if (items_collect(q, a, 0, out, err))
		return -1;
	for (size_t i = 0; i < out->count; i++)
		out->items[i].depth = (int)i;
	return 0;
}

/* Associations of the item, without the isChildOf ones the path and children already
 * show. */
static int standards_links(struct store *db, struct arena *a, struct standards_detail *d,
			   struct cn_err *err)
{
	const struct standards_item *it = &d->item;
	const char *parent = d->path.count > 0 ? d->path.items[d->path.count - 1].identifier
					       : d->framework.identifier;
	struct store_stmt *q = store_prepare(db, SQL_LINKS, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, it->identifier);
	size_t cap = 0;
	d->links = NULL;
	d->nlinks = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		int outgoing = strcmp(store_col_text(q, 3), it->identifier) == 0;
		const char *type = store_col_text(q, 2);
		if (strcmp(type, "isChildOf") == 0) {
			if (outgoing && strcmp(store_col_text(q, 4), parent) == 0)
				continue; /* the path shows it */
			if (!outgoing && store_col_int(q, 13) == it->id)
				continue; /* the children show it */
		}
		d->links = arena_grow(a, d->links, sizeof(*d->links), d->nlinks, &cap);
		struct standards_link *l = &d->links[d->nlinks++];
		memset(l, 0, sizeof(*l));
		l->id = store_col_int(q, 0);
		l->identifier = store_col_dup(q, 1, a);
		l->type = arena_strdup(a, type);
		l->outgoing = outgoing;
		int end = outgoing ? 4 : 3;	 /* the other end's identifier */
		int meta = outgoing ? 7 : 5;	 /* its title, uri */
		int item = outgoing ? 14 : 10;	 /* capnet's item: id, code, statement */
		l->other_identifier = store_col_dup(q, end, a);
		l->other_title = store_col_dup(q, meta, a);
		l->other_uri = store_col_dup(q, meta + 1, a);
		l->other_item_id = store_col_int(q, item);
		l->other_code = store_col_dup(q, item + 1, a);
		l->other_statement = store_col_dup(q, item + 2, a);
		l->has_sequence = !store_col_is_null(q, 9);
		l->sequence = store_col_int(q, 9);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int standards_detail(struct store *db, struct arena *a, int64_t item_id,
		     struct standards_detail *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	if (standards_item_get(db, a, item_id, &out->item, err) ||
	    standards_framework_get(db, a, out->item.framework_id, &out->framework, err) ||
	    standards_path(db, a, item_id, &out->path, err) ||
	    standards_children(db, a, out->item.framework_id, item_id, &out->children, err) ||
	    standards_links(db, a, out, err))
		return -1;
	return 0;
}

/* Finding. */

static int standards_find_code(struct store *db, struct arena *a,
			       const struct standards_query *qy, int limit,
			       struct standards_hit **out, size_t *count, struct cn_err *err)
{
	const char *prefix = standards_lower(a, qy->code_prefix);
	struct store_stmt *q = store_prepare(db, SQL_CODE_FIND, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, prefix);
	store_bind_text(q, 2, arena_printf(a, "%s%s", prefix, CODE_PREFIX_END));
	store_bind_id(q, 3, qy->framework_id);
	store_bind_int(q, 4, limit);
	store_bind_int(q, 5, qy->offset);
	struct standards_items items;
	if (items_collect(q, a, 1, &items, err))
		return -1;
	*out = arena_alloc(a, sizeof(struct standards_hit) * (items.count ? items.count : 1));
	for (size_t i = 0; i < items.count; i++)
		(*out)[(*count)++].item = items.items[i];
	return 0;
}

static int standards_find_words(struct store *db, struct arena *a,
				const struct standards_query *qy, int limit,
				struct standards_hit **out, size_t *count, struct cn_err *err)
{
	struct buf facets = BUF_INIT;
	if (qy->framework_id != 0)
		buf_printf(&facets, "fw_%lld", (long long)qy->framework_id);
	if (qy->level != NULL && *qy->level != '\0') {
		size_t before = facets.len;
		standards_facet(&facets, "level_", qy->level);
		if (facets.len == before) {
			buf_free(&facets);
			return cn_err_field(err, CN_ERR_INPUT, "level",
					    "'%.40s' is not an education level such as 06 or KG",
					    qy->level);
		}
	}
	struct store_hit *hits = NULL;
	size_t n = 0;
	int rc = store_search(db, a, "standard", qy->words, buf_str(&facets), limit, qy->offset,
			      &hits, &n, err);
	buf_free(&facets);
	if (rc)
		return -1;
	*out = arena_alloc(a, sizeof(struct standards_hit) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		struct standards_hit *h = &(*out)[*count];
		if (standards_item_get(db, a, hits[i].id, &h->item, err)) {
			if (err->kind == CN_ERR_NOT_FOUND)
				continue;
			return -1;
		}
		h->score = hits[i].score;
		(*count)++;
	}
	return 0;
}

int standards_find(struct store *db, struct arena *a, const struct standards_query *q,
		   struct standards_hit **out, size_t *count, struct cn_err *err)
{
	*out = NULL;
	*count = 0;
	int by_code = q->code_prefix != NULL && *q->code_prefix != '\0';
	int by_words = q->words != NULL && *q->words != '\0';
	if (by_code == by_words)
		return cn_err_field(err, CN_ERR_INPUT, by_code ? "words" : "code",
				    "give either a code prefix or words to find");
	int limit = q->limit == 0 ? STANDARDS_FIND_DEFAULT : q->limit;
	if (limit < 1 || limit > STANDARDS_FIND_MAX)
		return cn_err_field(err, CN_ERR_INPUT, "limit", "%d is out of range; use 1 to %d",
				    limit, STANDARDS_FIND_MAX);
	if (q->offset < 0)
		return cn_err_field(err, CN_ERR_INPUT, "offset", "cannot be negative");
	if (q->framework_id != 0) {
		struct standards_framework fw;
		if (standards_framework_get(db, a, q->framework_id, &fw, err))
			return -1;
	}
	if (by_code ? standards_find_code(db, a, q, limit, out, count, err)
		    : standards_find_words(db, a, q, limit, out, count, err))
		return -1;
	for (size_t i = 0; i < *count; i++)
		if (standards_path(db, a, (*out)[i].item.id, &(*out)[i].path, err))
			return -1;
	return 0;
}

/* JSON. */

void standards_framework_json(struct jw *w, const struct standards_framework *f)
{
	jw_obj_begin(w);
	jw_kv_int(w, "id", f->id);
	jw_kv_str(w, "identifier", f->identifier);
	jw_kv_str(w, "title", f->title);
	jw_kv_str(w, "uri", f->uri);
	jw_kv_str(w, "creator", f->creator);
	jw_kv_str(w, "publisher", f->publisher);
	jw_kv_str(w, "version_label", f->version_label);
	jw_kv_str(w, "adoption_status", f->adoption_status);
	jw_kv_str(w, "subject", f->subject);
	jw_kv_str(w, "language", f->language);
	jw_kv_str(w, "last_change", f->last_change);
	jw_kv_int(w, "item_count", f->item_count);
	jw_kv_int(w, "version", f->version);
	jw_kv_str(w, "created_at", f->created_at);
	jw_kv_str(w, "updated_at", f->updated_at);
	jw_obj_end(w);
}

static void item_fields(struct jw *w, const struct standards_item *it)
{
	jw_kv_int(w, "id", it->id);
	jw_kv_int(w, "framework_id", it->framework_id);
	jw_kv_id(w, "parent_id", it->parent_id);
	jw_kv_int(w, "position", it->position);
	jw_kv_str(w, "identifier", it->identifier);
	jw_kv_str(w, "human_coding_scheme", it->human_coding_scheme);
	jw_kv_str(w, "abbreviated_statement", it->abbreviated_statement);
	jw_kv_str(w, "full_statement", it->full_statement);
	jw_kv_str(w, "item_type", it->item_type);
	jw_key(w, "education_levels");
	jw_arr_begin(w);
	for (size_t i = 0; i < it->neducation_levels; i++)
		jw_str(w, it->education_levels[i]);
	jw_arr_end(w);
	jw_kv_str(w, "language", it->language);
	jw_kv_str(w, "notes", it->notes);
	jw_kv_str(w, "uri", it->uri);
	jw_kv_str(w, "last_change", it->last_change);
	jw_kv_str(w, "withdrawn_at", it->withdrawn_at);
	jw_kv_int(w, "child_count", it->child_count);
	jw_kv_str(w, "created_at", it->created_at);
	jw_kv_str(w, "updated_at", it->updated_at);
}

void standards_item_json(struct jw *w, const struct standards_item *it)
{
	jw_obj_begin(w);
	item_fields(w, it);
	jw_obj_end(w);
}

void standards_items_json(struct jw *w, const struct standards_items *items)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < items->count; i++)
		standards_item_json(w, &items->items[i]);
	jw_arr_end(w);
}

/* Nesting stops here (the writer's depth is bounded): deeper items are listed among
 * the children of their ancestor at this depth. Real frameworks have fewer than ten
 * levels. */
enum { STANDARDS_JSON_TREE_DEPTH = 24 };

static int tree_depth(const struct standards_item *it)
{
	return it->depth < STANDARDS_JSON_TREE_DEPTH ? it->depth : STANDARDS_JSON_TREE_DEPTH;
}

/* Writes the items from i on that are at depth, each with its subtree; returns the
 * index after them. */
static size_t tree_level(struct jw *w, const struct standards_items *tree, size_t i, int depth)
{
	while (i < tree->count && tree_depth(&tree->items[i]) == depth) {
		jw_obj_begin(w);
		item_fields(w, &tree->items[i]);
		jw_key(w, "children");
		jw_arr_begin(w);
		i++;
		if (depth < STANDARDS_JSON_TREE_DEPTH)
			i = tree_level(w, tree, i, depth + 1);
		jw_arr_end(w);
		jw_obj_end(w);
	}
	return i;
}

void standards_tree_json(struct jw *w, const struct standards_items *tree)
{
	jw_arr_begin(w);
	size_t i = 0;
	while (i < tree->count) {
		/* A tree list starts at depth 0; anything else is written flat. */
		size_t next = tree_level(w, tree, i, tree_depth(&tree->items[i]));
		i = next > i ? next : i + 1;
	}
	jw_arr_end(w);
}

/* The short form of an item in paths. */
static void item_brief(struct jw *w, const struct standards_item *it)
{
	jw_obj_begin(w);
	jw_kv_int(w, "id", it->id);
	jw_kv_str(w, "identifier", it->identifier);
	jw_kv_str(w, "human_coding_scheme", it->human_coding_scheme);
	jw_kv_str(w, "abbreviated_statement", it->abbreviated_statement);
	jw_kv_str(w, "full_statement", it->full_statement);
	jw_obj_end(w);
}

static void path_json(struct jw *w, const struct standards_items *path)
{
	jw_key(w, "path");
	jw_arr_begin(w);
	for (size_t i = 0; i < path->count; i++)
		item_brief(w, &path->items[i]);
	jw_arr_end(w);
}

void standards_detail_json(struct jw *w, const struct standards_detail *d)
{
	jw_obj_begin(w);
	item_fields(w, &d->item);
	jw_key(w, "framework");
	jw_obj_begin(w);
	jw_kv_int(w, "id", d->framework.id);
	jw_kv_str(w, "identifier", d->framework.identifier);
	jw_kv_str(w, "title", d->framework.title);
	jw_obj_end(w);
	path_json(w, &d->path);
	jw_key(w, "children");
	standards_items_json(w, &d->children);
	jw_key(w, "associations");
	jw_arr_begin(w);
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct standards_link *l = &d->links[i];
		jw_obj_begin(w);
		jw_kv_int(w, "id", l->id);
		jw_kv_str(w, "identifier", l->identifier);
		jw_kv_str(w, "association_type", l->type);
		jw_kv_str(w, "direction", l->outgoing ? "outgoing" : "incoming");
		jw_kv_str(w, "other_identifier", l->other_identifier);
		jw_kv_str(w, "other_title", l->other_title);
		jw_kv_str(w, "other_uri", l->other_uri);
		jw_kv_id(w, "other_item_id", l->other_item_id);
		jw_kv_str(w, "other_human_coding_scheme", l->other_code);
		jw_kv_str(w, "other_full_statement", l->other_statement);
		if (l->has_sequence)
			jw_kv_int(w, "sequence_number", l->sequence);
		else
			jw_kv_str(w, "sequence_number", NULL);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

void standards_hits_json(struct jw *w, const struct standards_hit *hits, size_t count)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < count; i++) {
		jw_obj_begin(w);
		item_fields(w, &hits[i].item);
		jw_kv_double(w, "score", hits[i].score);
		path_json(w, &hits[i].path);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}
