/* standards_import: a CASE package into framework, cf_item and cf_association (part of
 * the standards module, app/standards/standards.h).
 *
 * First the hierarchy is resolved in memory (no database): each item's parent from
 * its isChildOf associations (CASE 1.0 §4.3: origin = child, destination = parent item
 * or the document), its place among its siblings, and a check that the parents form
 * no loop. Then one transaction writes everything, parents before children, with
 * cached statements and the framework's existing rows loaded into maps once, so that
 * no item costs a lookup query. */
#include "app/standards/standards.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/strmap.h"
#include "core/timeutil.h"

static const char SQL_FW_BY_IDENTIFIER[] = "SELECT id FROM framework WHERE identifier = ?1";
static const char SQL_FW_INSERT[] =
	"INSERT INTO framework (identifier, uri, title, creator, publisher, version_label,"
	" adoption_status, subject, language, last_change, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11) RETURNING id";
static const char SQL_FW_UPDATE[] =
	"UPDATE framework SET uri = ?2, title = ?3, creator = ?4, publisher = ?5,"
	" version_label = ?6, adoption_status = ?7, subject = ?8, language = ?9,"
	" last_change = ?10, updated_at = ?11, version = version + 1"
	" WHERE id = ?1 AND (uri IS DISTINCT FROM ?2 OR title IS DISTINCT FROM ?3"
	" OR creator IS DISTINCT FROM ?4 OR publisher IS DISTINCT FROM ?5"
	" OR version_label IS DISTINCT FROM ?6 OR adoption_status IS DISTINCT FROM ?7"
	" OR subject IS DISTINCT FROM ?8 OR language IS DISTINCT FROM ?9"
	" OR last_change IS DISTINCT FROM ?10)";
static const char SQL_FW_TOUCH[] =
	"UPDATE framework SET updated_at = ?2, version = version + 1 WHERE id = ?1";
static const char SQL_ITEMS_OF_FW[] =
	"SELECT id, identifier, withdrawn_at FROM cf_item WHERE framework_id = ?1";
static const char SQL_ITEM_INSERT[] =
	"INSERT INTO cf_item (framework_id, identifier, uri, human_coding_scheme,"
	" full_statement, abbreviated_statement, item_type, education_levels, language, notes,"
	" last_change, parent_id, position, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) RETURNING id";
/* Changes only what differs, so that an unchanged item is neither written nor
 * re-indexed; coming back clears withdrawn_at. */
static const char SQL_ITEM_UPDATE[] =
	"UPDATE cf_item SET uri = ?2, human_coding_scheme = ?3, full_statement = ?4,"
	" abbreviated_statement = ?5, item_type = ?6, education_levels = ?7, language = ?8,"
	" notes = ?9, last_change = ?10, withdrawn_at = NULL, updated_at = ?11"
	" WHERE id = ?1 AND (uri IS DISTINCT FROM ?2 OR human_coding_scheme IS DISTINCT FROM ?3"
	" OR full_statement IS DISTINCT FROM ?4 OR abbreviated_statement IS DISTINCT FROM ?5"
	" OR item_type IS DISTINCT FROM ?6 OR education_levels IS DISTINCT FROM ?7"
	" OR language IS DISTINCT FROM ?8 OR notes IS DISTINCT FROM ?9"
	" OR last_change IS DISTINCT FROM ?10 OR withdrawn_at IS NOT NULL)";
static const char SQL_ITEM_PLACE[] =
	"UPDATE cf_item SET parent_id = ?2, position = ?3 WHERE id = ?1"
	" AND (parent_id IS DISTINCT FROM ?2 OR position <> ?3)";
static const char SQL_ITEM_WITHDRAW[] =
	"UPDATE cf_item SET withdrawn_at = ?2, updated_at = ?2 WHERE id = ?1";
static const char SQL_ITEM_OWNER[] =
	"SELECT f.id, f.title FROM cf_item i JOIN framework f ON f.id = i.framework_id"
	" WHERE i.identifier = ?1";
static const char SQL_ITEM_KNOWN[] =
	"SELECT human_coding_scheme, framework_id FROM cf_item WHERE identifier = ?1";
static const char SQL_ASSOCS_OF_FW[] =
	"SELECT id, identifier FROM cf_association WHERE framework_id = ?1";
static const char SQL_ASSOC_INSERT[] =
	"INSERT INTO cf_association (framework_id, identifier, association_type,"
	" origin_identifier, destination_identifier, origin_title, origin_uri,"
	" destination_title, destination_uri, sequence_number, last_change)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char SQL_ASSOC_UPDATE[] =
	"UPDATE cf_association SET association_type = ?2, origin_identifier = ?3,"
	" destination_identifier = ?4, origin_title = ?5, origin_uri = ?6,"
	" destination_title = ?7, destination_uri = ?8, sequence_number = ?9, last_change = ?10"
	" WHERE id = ?1 AND (association_type IS DISTINCT FROM ?2"
	" OR origin_identifier IS DISTINCT FROM ?3 OR destination_identifier IS DISTINCT FROM ?4"
	" OR origin_title IS DISTINCT FROM ?5 OR origin_uri IS DISTINCT FROM ?6"
	" OR destination_title IS DISTINCT FROM ?7 OR destination_uri IS DISTINCT FROM ?8"
	" OR sequence_number IS DISTINCT FROM ?9 OR last_change IS DISTINCT FROM ?10)";
static const char SQL_ASSOC_DELETE[] = "DELETE FROM cf_association WHERE id = ?1";
static const char SQL_ASSOC_OWNER[] =
	"SELECT f.id, f.title FROM cf_association s JOIN framework f ON f.id = s.framework_id"
	" WHERE s.identifier = ?1";

enum { IMPORT_PROGRESS_EVERY = 500, IMPORT_LOOP_SHOWN = 6 };

/* Where the hierarchy puts one item. */
struct place {
	long parent;	   /* index of the parent item, or -1 for the top */
	long assoc;	   /* the isChildOf association chosen, or -1 */
	int rank;	   /* of that association's destination: 3 item, 2 document, 1 outside */
	int parents;	   /* isChildOf associations of this item */
	int64_t position;  /* 1-based among siblings */
	int64_t id;	   /* cf_item id once written */
	int reindex;	   /* new or changed: its search entry is (re)written */
};

/* A sibling being ordered. */
struct sibling {
	const struct case_item *item;
	int has_seq;
	int64_t seq;
};

struct import {
	struct store *db;
	struct arena *a;
	const struct case_package *pkg;
	struct standards_import_result *out;
	struct cn_err *err;
	struct place *place;
	size_t *order; /* item indexes, every parent before its children */
	struct strmap *index; /* item identifier -> index + 1 */
	char now[TIME_ISO_LEN];
	int64_t fw;
	struct {
		const char *sql; /* finds the owner of identifier; NULL: no conflict */
		const char *what, *list, *identifier;
		size_t index;
	} conflict;
};

static void import_warn(struct import *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void import_warn(struct import *im, const char *fmt, ...)
{
	struct standards_import_result *r = im->out;
	r->warning_count++;
	if (r->nwarnings == STANDARDS_WARNINGS_MAX)
		return;
	va_list ap;
	va_start(ap, fmt);
	r->warnings[r->nwarnings++] = arena_vprintf(im->a, fmt, ap);
	va_end(ap);
}

/* Compares codes as people read them: digit runs by value ("L1.2" before "L1.10"),
 * letters without regard to case. */
static int natural_cmp(const char *x, const char *y)
{
	while (*x && *y) {
		if (isdigit((unsigned char)*x) && isdigit((unsigned char)*y)) {
			while (*x == '0' && isdigit((unsigned char)x[1]))
				x++;
			while (*y == '0' && isdigit((unsigned char)y[1]))
				y++;
			size_t nx = 0, ny = 0;
			while (isdigit((unsigned char)x[nx]))
				nx++;
			while (isdigit((unsigned char)y[ny]))
				ny++;
			if (nx != ny)
				return nx < ny ? -1 : 1;
			int c = memcmp(x, y, nx);
			if (c != 0)
				return c;
			x += nx;
			y += ny;
			continue;
		}
		int cx = tolower((unsigned char)*x), cy = tolower((unsigned char)*y);
		if (cx != cy)
			return cx < cy ? -1 : 1;
		x++;
		y++;
	}
	return (*x != '\0') - (*y != '\0');
}

/* Sibling order: sequenceNumber (numbered first), code, statement, package order. */
static int sibling_cmp(const void *pa, const void *pb)
{
	const struct sibling *a = pa, *b = pb;
	if (a->has_seq != b->has_seq)
		return a->has_seq ? -1 : 1;
	if (a->has_seq && a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	const char *ca = a->item->human_coding_scheme, *cb = b->item->human_coding_scheme;
	if ((ca == NULL) != (cb == NULL))
		return ca != NULL ? -1 : 1;
	int c = ca != NULL ? natural_cmp(ca, cb) : 0;
	if (c == 0 && ca != NULL)
		c = strcmp(ca, cb);
	if (c == 0)
		c = natural_cmp(a->item->full_statement, b->item->full_statement);
	if (c == 0)
		c = a->item->index < b->item->index ? -1 : a->item->index > b->item->index;
	return c;
}

static long import_index_of(const struct import *im, const char *identifier)
{
	void *v = strmap_get(im->index, identifier);
	return v != NULL ? (long)((uintptr_t)v - 1) : -1;
}

/* " (it is KY.6.RP.1 in framework 3)" when capnet has an item of that identifier
 * (a learning-target package names the standards it refines), else "". Looked up
 * only for the warnings that are kept. */
static const char *import_known(struct import *im, const char *identifier)
{
	if (im->out->nwarnings == STANDARDS_WARNINGS_MAX)
		return "";
	struct cn_err ignored = {0};
	struct store_stmt *q = store_prepare(im->db, SQL_ITEM_KNOWN, &ignored);
	if (q == NULL)
		return "";
	store_bind_text(q, 1, identifier);
	const char *known = "";
	if (store_step(q, &ignored) == 1)
		known = arena_printf(im->a, " (it is %s in framework %lld)",
				     store_col_is_null(q, 0) ? "an item" : store_col_text(q, 0),
				     (long long)store_col_int(q, 1));
	store_done(q);
	return known;
}

/* Chooses each item's parent: an item of the package over the document over a node
 * outside the package; the first association of the best kind wins. */
static void import_parents(struct import *im)
{
	const struct case_package *pkg = im->pkg;
	for (size_t i = 0; i < pkg->nassociations; i++) {
		const struct case_association *as = &pkg->associations[i];
		if (strcmp(as->type, "isChildOf") != 0)
			continue;
		long child = import_index_of(im, as->origin.identifier);
		if (child < 0) {
			import_warn(im,
				    "association %s: its origin %s is not an item of this package; "
				    "kept as an association only",
				    as->identifier, as->origin.identifier);
			continue;
		}
		struct place *p = &im->place[child];
		p->parents++;
		long parent = import_index_of(im, as->destination.identifier);
		int rank = parent >= 0 ? 3
			   : strcmp(as->destination.identifier, pkg->doc.identifier) == 0 ? 2
											    : 1;
		if (rank > p->rank) {
			p->rank = rank;
			p->parent = rank == 3 ? parent : -1;
			p->assoc = (long)i;
		}
	}
	size_t orphans = 0;
	for (size_t i = 0; i < pkg->nitems; i++) {
		const struct place *p = &im->place[i];
		const struct case_item *it = &pkg->items[i];
		if (p->assoc < 0) {
			orphans++;
			continue;
		}
		const struct case_association *as = &pkg->associations[p->assoc];
		if (p->rank == 1)
			import_warn(im,
				    "association %s: item %s is a child of %s, which is neither in "
				    "this package nor its document%s; the item is placed at the top",
				    as->identifier, it->identifier, as->destination.identifier,
				    import_known(im, as->destination.identifier));
		if (p->parents > 1)
			import_warn(im,
				    "item %s has %d isChildOf parents; it is placed under %s "
				    "(association %s), the others are kept as associations",
				    it->identifier, p->parents, as->destination.identifier,
				    as->identifier);
	}
	if (orphans > 0)
		import_warn(im,
			    "%zu item%s no isChildOf association; placed at the top of the "
			    "framework",
			    orphans, orphans == 1 ? " has" : "s have");
}

/* Fails if following parents from some item comes back to it. */
static int import_check_loops(struct import *im)
{
	size_t n = im->pkg->nitems;
	unsigned char *state = xcalloc(n ? n : 1, 1); /* 0 new, 1 on the path, 2 done */
	long *path = xmalloc(sizeof(long) * (n ? n : 1));
	int rc = 0;
	for (size_t start = 0; start < n && rc == 0; start++) {
		size_t len = 0;
		long i = (long)start;
		while (i >= 0 && state[i] == 0) {
			state[i] = 1;
			path[len++] = i;
			i = im->place[i].parent;
		}
		if (i >= 0 && state[i] == 1) {
			/* The loop is the part of the path from i on. */
			size_t from = 0;
			while (path[from] != i)
				from++;
			struct buf b = BUF_INIT;
			for (size_t k = from; k < len && k - from < IMPORT_LOOP_SHOWN; k++)
				buf_printf(&b, "%s -> ", im->pkg->items[path[k]].identifier);
			buf_printf(&b, "%s%s", len - from > IMPORT_LOOP_SHOWN ? "... -> " : "",
				   im->pkg->items[i].identifier);
			const struct case_association *as =
				&im->pkg->associations[im->place[path[len - 1]].assoc];
			char field[64];
			snprintf(field, sizeof(field), "CFAssociations[%zu]", as->index);
			cn_err_field(im->err, CN_ERR_INPUT, field,
				     "isChildOf associations form a loop: %s; an item cannot be "
				     "its own ancestor (association %s)",
				     buf_str(&b), as->identifier);
			buf_free(&b);
			rc = -1;
		}
		for (size_t k = 0; k < len; k++)
			state[path[k]] = 2;
	}
	free(state);
	free(path);
	return rc;
}

/* Positions among siblings, and an order of writing with parents first. */
static void import_order(struct import *im)
{
	const struct case_package *pkg = im->pkg;
	size_t n = pkg->nitems;
	/* Children grouped by parent (slot n = the top), by counting. */
	size_t *start = xcalloc(n + 2, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		long p = im->place[i].parent;
		start[(p < 0 ? n : (size_t)p) + 1]++;
	}
	for (size_t k = 1; k < n + 2; k++)
		start[k] += start[k - 1];
	size_t *fill = xmalloc(sizeof(size_t) * (n + 1));
	memcpy(fill, start, sizeof(size_t) * (n + 1));
	struct sibling *sib = xmalloc(sizeof(struct sibling) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		long p = im->place[i].parent;
		long as = im->place[i].assoc;
		struct sibling *s = &sib[fill[p < 0 ? n : (size_t)p]++];
		s->item = &pkg->items[i];
		s->has_seq = as >= 0 && pkg->associations[as].has_sequence;
		s->seq = s->has_seq ? pkg->associations[as].sequence : 0;
	}
	for (size_t k = 0; k <= n; k++) {
		size_t count = start[k + 1] - start[k];
		if (count > 1)
			qsort(sib + start[k], count, sizeof(struct sibling), sibling_cmp);
		for (size_t j = 0; j < count; j++)
			im->place[sib[start[k] + j].item->index].position = (int64_t)j + 1;
	}
	/* Breadth first from the top: a parent is always written before its children. */
	size_t head = 0, tail = 0;
	for (size_t j = start[n]; j < start[n + 1]; j++)
		im->order[tail++] = sib[j].item->index;
	while (head < tail) {
		size_t parent = im->order[head++];
		for (size_t j = start[parent]; j < start[parent + 1]; j++)
			im->order[tail++] = sib[j].item->index;
	}
	free(start);
	free(fill);
	free(sib);
}

/* The hierarchy, in memory. */
static int import_plan(struct import *im)
{
	size_t n = im->pkg->nitems;
	im->place = arena_alloc(im->a, sizeof(struct place) * (n ? n : 1));
	im->order = arena_alloc(im->a, sizeof(size_t) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		im->place[i].parent = -1;
		im->place[i].assoc = -1;
		strmap_put(im->index, im->pkg->items[i].identifier, (void *)(uintptr_t)(i + 1));
	}
	import_parents(im);
	if (import_check_loops(im))
		return -1;
	import_order(im);
	return 0;
}

static int import_index_item(struct import *im, const struct case_item *it, int64_t id)
{
	struct buf title = BUF_INIT, facets = BUF_INIT;
	if (it->human_coding_scheme != NULL)
		buf_puts(&title, it->human_coding_scheme);
	if (it->abbreviated_statement != NULL) {
		if (title.len > 0)
			buf_putc(&title, ' ');
		buf_puts(&title, it->abbreviated_statement);
	}
	buf_printf(&facets, "fw_%lld", (long long)im->fw);
	if (it->item_type != NULL)
		standards_facet(&facets, "type_", it->item_type);
	for (size_t k = 0; k < it->neducation_levels; k++)
		standards_facet(&facets, "level_", it->education_levels[k]);
	int rc = store_search_put(im->db, "standard", id, buf_str(&title), it->full_statement,
				  buf_str(&facets), im->err);
	buf_free(&title);
	buf_free(&facets);
	return rc;
}

/* Notes which row an insert refused, to name its owner once the transaction is
 * rolled back (PostgreSQL runs nothing more in a failed transaction). */
static int import_conflict(struct import *im, const char *sql, const char *what,
			   const char *list, size_t index, const char *identifier)
{
	if (im->err->kind != CN_ERR_CONFLICT)
		return -1;
	im->conflict.sql = sql;
	im->conflict.what = what;
	im->conflict.list = list;
	im->conflict.index = index;
	im->conflict.identifier = identifier;
	return -1;
}

/* After the rollback: the framework that already has the refused identifier. */
static void import_conflict_explain(struct import *im)
{
	struct cn_err ignored = {0};
	struct store_stmt *q = store_prepare(im->db, im->conflict.sql, &ignored);
	if (q == NULL)
		return;
	store_bind_text(q, 1, im->conflict.identifier);
	if (store_step(q, &ignored) == 1) {
		char field[64];
		snprintf(field, sizeof(field), "%s[%zu].identifier", im->conflict.list,
			 im->conflict.index);
		cn_err_field(im->err, CN_ERR_CONFLICT, field,
			     "%s %.100s already belongs to framework %lld (%.100s); an identifier "
			     "names one %s in one framework",
			     im->conflict.what, im->conflict.identifier,
			     (long long)store_col_int(q, 0), store_col_text(q, 1), im->conflict.what);
	}
	store_done(q);
}

static int import_framework(struct import *im)
{
	const struct case_document *d = &im->pkg->doc;
	struct store_stmt *q = store_prepare(im->db, SQL_FW_BY_IDENTIFIER, im->err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, d->identifier);
	int rc = store_step(q, im->err);
	im->fw = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc < 0)
		return -1;
	im->out->created = im->fw == 0;
	q = store_prepare(im->db, im->fw == 0 ? SQL_FW_INSERT : SQL_FW_UPDATE, im->err);
	if (q == NULL)
		return -1;
	int k = 1;
	if (im->fw == 0)
		store_bind_text(q, k++, d->identifier);
	else
		store_bind_int(q, k++, im->fw);
	const char *values[] = {d->uri,	    d->title,   d->creator,  d->publisher, d->version,
				d->adoption_status, d->subject, d->language, d->last_change};
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		store_bind_text(q, k++, values[i]);
	store_bind_text(q, k, im->now);
	rc = store_step(q, im->err);
	if (rc == 1)
		im->fw = store_col_int(q, 0);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* Binds the item's content as ?first .. ?first+9: uri, code, full, abbreviated, type,
 * levels, language, notes, last change. */
static void import_bind_item(struct store_stmt *q, int first, const struct case_item *it,
			     struct buf *levels)
{
	buf_reset(levels);
	for (size_t k = 0; k < it->neducation_levels; k++) {
		if (k)
			buf_putc(levels, ',');
		buf_puts(levels, it->education_levels[k]);
	}
	const char *values[] = {it->uri,
				it->human_coding_scheme,
				it->full_statement,
				it->abbreviated_statement,
				it->item_type,
				levels->len > 0 ? buf_str(levels) : NULL,
				it->language,
				it->notes,
				it->last_change};
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		store_bind_text(q, first + (int)i, values[i]);
}

/* The framework's rows before the import, by identifier and in a list. */
struct existing {
	int64_t id;
	int seen;      /* the package has it */
	int withdrawn; /* items: withdrawn before this import */
};

struct existing_rows {
	struct strmap *by_identifier; /* -> struct existing */
	struct existing **all;
	size_t count;
};

/* Loads the rows sql lists (id, identifier[, withdrawn_at]) for the framework. */
static int import_load(struct import *im, const char *sql, int with_state,
		       struct existing_rows *out)
{
	out->by_identifier = strmap_new();
	out->all = NULL;
	out->count = 0;
	struct store_stmt *q = store_prepare(im->db, sql, im->err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, im->fw);
	size_t cap = 0;
	int rc;
	while ((rc = store_step(q, im->err)) == 1) {
		struct existing *e = arena_alloc(im->a, sizeof(*e));
		e->id = store_col_int(q, 0);
		e->withdrawn = with_state && !store_col_is_null(q, 2);
		strmap_put(out->by_identifier, store_col_text(q, 1), e);
		out->all = arena_grow(im->a, out->all, sizeof(*out->all), out->count, &cap);
		out->all[out->count++] = e;
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* Runs sql on each row the package no longer has (?1 = id; for items ?2 = now, and
 * the item leaves the search). *count gets how many. */
static int import_unseen(struct import *im, const struct existing_rows *old, const char *sql,
			 int items, size_t *count)
{
	for (size_t k = 0; k < old->count; k++) {
		const struct existing *e = old->all[k];
		if (e->seen || e->withdrawn)
			continue;
		struct store_stmt *q = store_prepare(im->db, sql, im->err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, e->id);
		if (items)
			store_bind_text(q, 2, im->now);
		int step = store_step(q, im->err);
		store_done(q);
		if (step < 0 || (items && store_search_remove(im->db, "standard", e->id, im->err)))
			return -1;
		(*count)++;
	}
	return 0;
}

static int import_item(struct import *im, size_t i, const struct existing_rows *old,
		       struct buf *levels)
{
	const struct case_item *it = &im->pkg->items[i];
	struct place *p = &im->place[i];
	int64_t parent = p->parent >= 0 ? im->place[p->parent].id : 0;
	struct existing *e = strmap_get(old->by_identifier, it->identifier);
	struct store_stmt *q;
	int rc;
	if (e == NULL) {
		q = store_prepare(im->db, SQL_ITEM_INSERT, im->err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, im->fw);
		store_bind_text(q, 2, it->identifier);
		import_bind_item(q, 3, it, levels);
		store_bind_id(q, 12, parent);
		store_bind_int(q, 13, p->position);
		store_bind_text(q, 14, im->now);
		rc = store_step(q, im->err);
		p->id = rc == 1 ? store_col_int(q, 0) : 0;
		store_done(q);
		if (rc != 1)
			return import_conflict(im, SQL_ITEM_OWNER, "item", "CFItems", it->index,
					       it->identifier);
		im->out->items_added++;
		p->reindex = 1;
		return 0;
	}
	e->seen = 1;
	p->id = e->id;
	q = store_prepare(im->db, SQL_ITEM_UPDATE, im->err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, e->id);
	import_bind_item(q, 2, it, levels);
	store_bind_text(q, 11, im->now);
	rc = store_step(q, im->err);
	store_done(q);
	if (rc < 0)
		return -1;
	int changed = store_changes(im->db) > 0;
	q = store_prepare(im->db, SQL_ITEM_PLACE, im->err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, e->id);
	store_bind_id(q, 2, parent);
	store_bind_int(q, 3, p->position);
	rc = store_step(q, im->err);
	store_done(q);
	if (rc < 0)
		return -1;
	if (changed) {
		im->out->items_updated++;
		p->reindex = 1;
		return 0;
	}
	if (store_changes(im->db) > 0)
		im->out->items_moved++;
	else
		im->out->items_unchanged++;
	return 0;
}

/* Writes every item, parents first; old maps the framework's existing items. */
static int import_items(struct import *im, const struct standards_import_opts *opts,
			const struct existing_rows *old)
{
	struct buf levels = BUF_INIT;
	int rc = 0;
	size_t n = im->pkg->nitems;
	for (size_t k = 0; k < n && rc == 0; k++) {
		rc = import_item(im, im->order[k], old, &levels);
		if (opts != NULL && opts->progress != NULL &&
		    ((k + 1) % IMPORT_PROGRESS_EVERY == 0 || k + 1 == n))
			opts->progress(opts->progress_ctx, k + 1, n);
	}
	buf_free(&levels);
	return rc;
}

/* The search entries of new and changed items. Written after every other row: once
 * the full-text index has pending terms in the transaction, each statement that
 * opens a savepoint (an INSERT ... RETURNING) makes it flush them. */
static int import_search(struct import *im)
{
	for (size_t i = 0; i < im->pkg->nitems; i++)
		if (im->place[i].reindex &&
		    import_index_item(im, &im->pkg->items[i], im->place[i].id))
			return -1;
	return 0;
}

/* Binds an association's values as ?first .. ?first+8 (type, ends, sequence, change). */
static void import_bind_assoc(struct store_stmt *q, int first,
			      const struct case_association *as)
{
	const char *values[] = {as->type,		 as->origin.identifier,
				as->destination.identifier, as->origin.title,
				as->origin.uri,		 as->destination.title,
				as->destination.uri};
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		store_bind_text(q, first + (int)i, values[i]);
	if (as->has_sequence)
		store_bind_int(q, first + 7, as->sequence);
	else
		store_bind_null(q, first + 7);
	store_bind_text(q, first + 8, as->last_change);
}

/* Writes every association; those the package no longer has are removed (nothing
 * else points to them). */
static int import_associations(struct import *im)
{
	struct existing_rows old;
	int rc = -1;
	if (import_load(im, SQL_ASSOCS_OF_FW, 0, &old))
		goto out;
	for (size_t i = 0; i < im->pkg->nassociations; i++) {
		const struct case_association *as = &im->pkg->associations[i];
		struct existing *e = strmap_get(old.by_identifier, as->identifier);
		struct store_stmt *q =
			store_prepare(im->db, e == NULL ? SQL_ASSOC_INSERT : SQL_ASSOC_UPDATE, im->err);
		if (q == NULL)
			goto out;
		if (e == NULL) {
			store_bind_int(q, 1, im->fw);
			store_bind_text(q, 2, as->identifier);
			import_bind_assoc(q, 3, as);
		} else {
			e->seen = 1;
			store_bind_int(q, 1, e->id);
			import_bind_assoc(q, 2, as);
		}
		int step = store_step(q, im->err);
		store_done(q);
		if (step < 0) {
			if (e == NULL)
				import_conflict(im, SQL_ASSOC_OWNER, "association", "CFAssociations",
						as->index, as->identifier);
			goto out;
		}
		if (e == NULL)
			im->out->associations_added++;
		else if (store_changes(im->db) > 0)
			im->out->associations_updated++;
		else
			im->out->associations_unchanged++;
	}
	rc = import_unseen(im, &old, SQL_ASSOC_DELETE, 0, &im->out->associations_removed);
out:
	strmap_free(old.by_identifier);
	return rc;
}

static int import_audit(struct import *im, const struct actor *who, int fw_changed)
{
	struct standards_import_result *r = im->out;
	int changed = fw_changed || r->items_added || r->items_updated || r->items_moved ||
		      r->items_withdrawn || r->associations_added || r->associations_updated ||
		      r->associations_removed;
	im->out->changed = changed || r->created;
	if (changed && !fw_changed && !r->created) {
		struct store_stmt *q = store_prepare(im->db, SQL_FW_TOUCH, im->err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, im->fw);
		store_bind_text(q, 2, im->now);
		int rc = store_step(q, im->err);
		store_done(q);
		if (rc < 0)
			return -1;
	}
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	standards_import_result_json(&w, r);
	int rc = audit_record(im->db, who, "import", "framework", im->fw, NULL, buf_str(&b),
			      im->err);
	buf_free(&b);
	return rc;
}

int standards_import(struct store *db, const struct actor *who, struct arena *a,
		     const struct case_package *pkg, const struct standards_import_opts *opts,
		     struct standards_import_result *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	out->identifier = pkg->doc.identifier;
	out->title = pkg->doc.title;
	out->items = pkg->nitems;
	out->associations = pkg->nassociations;
	struct import im = {.db = db, .a = a, .pkg = pkg, .out = out, .err = err};
	im.index = strmap_new();
	struct existing_rows old = {0}; /* the framework's items before */
	time_now_utc(im.now);
	int rc = -1;
	if (import_plan(&im))
		goto out;
	if (store_begin(db, err))
		goto out;
	if (import_framework(&im))
		goto fail;
	int fw_changed = !out->created && store_changes(db) > 0;
	/* Items the package no longer has are kept, marked withdrawn, out of the search. */
	if (import_load(&im, SQL_ITEMS_OF_FW, 1, &old) || import_items(&im, opts, &old) ||
	    import_associations(&im) || import_search(&im) ||
	    import_unseen(&im, &old, SQL_ITEM_WITHDRAW, 1, &out->items_withdrawn) ||
	    import_audit(&im, who, fw_changed))
		goto fail;
	out->framework_id = im.fw;
	if (opts != NULL && opts->dry_run) {
		store_rollback(db);
		if (out->created)
			out->framework_id = 0;
		rc = 0;
		goto out;
	}
	rc = store_commit(db, err);
	goto out;
fail:
	store_rollback(db);
	if (im.conflict.sql != NULL)
		import_conflict_explain(&im);
out:
	strmap_free(old.by_identifier);
	strmap_free(im.index);
	return rc;
}

int standards_import_bytes(struct store *db, const struct actor *who, struct arena *a,
			   const char *data, size_t len, const char *source,
			   const struct standards_import_opts *opts,
			   struct standards_import_result *out, struct cn_err *err)
{
	struct case_package pkg;
	if (case_read(a, data, len, source, &pkg, err))
		return -1;
	return standards_import(db, who, a, &pkg, opts, out, err);
}

void standards_import_result_json(struct jw *w, const struct standards_import_result *r)
{
	jw_obj_begin(w);
	jw_kv_id(w, "framework_id", r->framework_id);
	jw_kv_str(w, "identifier", r->identifier);
	jw_kv_str(w, "title", r->title);
	jw_kv_bool(w, "created", r->created);
	jw_kv_bool(w, "changed", r->changed);
	jw_kv_int(w, "items", (int64_t)r->items);
	jw_kv_int(w, "items_added", (int64_t)r->items_added);
	jw_kv_int(w, "items_updated", (int64_t)r->items_updated);
	jw_kv_int(w, "items_moved", (int64_t)r->items_moved);
	jw_kv_int(w, "items_unchanged", (int64_t)r->items_unchanged);
	jw_kv_int(w, "items_withdrawn", (int64_t)r->items_withdrawn);
	jw_kv_int(w, "associations", (int64_t)r->associations);
	jw_kv_int(w, "associations_added", (int64_t)r->associations_added);
	jw_kv_int(w, "associations_updated", (int64_t)r->associations_updated);
	jw_kv_int(w, "associations_unchanged", (int64_t)r->associations_unchanged);
	jw_kv_int(w, "associations_removed", (int64_t)r->associations_removed);
	jw_kv_int(w, "warning_count", (int64_t)r->warning_count);
	jw_key(w, "warnings");
	jw_arr_begin(w);
	for (size_t i = 0; i < r->nwarnings; i++)
		jw_str(w, r->warnings[i]);
	jw_arr_end(w);
	jw_obj_end(w);
}
