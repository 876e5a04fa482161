/* target: the learning_target entity, its order, copying a set, and the CASE export. */
#include "app/deliverable/target.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app/audit.h"
#include "app/deliverable/deliverable.h"
#include "app/setting.h"
#include "core/timeutil.h"
#include "core/uuid.h"
#include "io/case_write.h"

static const char *const target_kinds[] = {"knowledge", "reasoning", "skill", "product", NULL};

static const struct rec_field target_fields[] = {
	{.name = "deliverable_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &deliverable_entity, .help = "the learning_target_set it belongs to"},
	{.name = "cf_item_id", .type = REC_REF, .flags = REC_REQUIRED,
	 .help = "the standard (CASE item) it deconstructs"},
	{.name = "kind", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = target_kinds,
	 .help = "knowledge, reasoning, skill (performance skill) or product"},
	{.name = "statement", .type = REC_TEXT, .flags = REC_REQUIRED, .max = TARGET_STATEMENT_MAX,
	 .help = "\"I can ...\", in words a student understands"},
	{.name = "position", .type = REC_INT, .flags = REC_READONLY, .min = 1, .max = 100000,
	 .help = "its place in the set (changed by move)"},
	{.name = "identifier", .type = REC_TEXT, .flags = REC_READONLY | REC_FIXED, .max = 36,
	 .help = "a UUID, its CASE identifier"},
};

static const struct rec_filter target_filters[] = {
	{.name = "deliverable_id", .type = REC_REF, .help = "targets of this set"},
	{.name = "cf_item_id", .type = REC_REF, .help = "targets of this standard"},
	{.name = "kind", .type = REC_ENUM, .choices = target_kinds, .help = "only this kind"},
};

static const char SQL_TARGET_ORDERED[] = /* after the entity's columns (rec_list_where) */
	"WHERE deliverable_id = ?1 ORDER BY position, id";
static const char SQL_TARGET_NEXT[] =
	"SELECT COALESCE(MAX(position), 0) + 1 FROM learning_target WHERE deliverable_id = ?1";
static const char SQL_TARGET_SET_POSITION[] =
	"UPDATE learning_target SET position = ?1, updated_at = ?3, version = version + 1"
	" WHERE id = ?2 AND position <> ?1";
static const char SQL_SET_KIND[] = "SELECT kind FROM deliverable WHERE id = ?1";
static const char SQL_ITEM_EXISTS[] = "SELECT id FROM cf_item WHERE id = ?1";
static const char SQL_ALIGN[] =
	"INSERT INTO deliverable_standard (deliverable_id, cf_item_id) VALUES (?1, ?2)"
	" ON CONFLICT (deliverable_id, cf_item_id) DO NOTHING";
static const char SQL_EXPORT_TARGETS[] =
	"SELECT t.identifier, t.statement, t.kind, t.updated_at, i.identifier, i.uri,"
	" i.human_coding_scheme, i.full_statement, t.cf_item_id, i.education_levels"
	" FROM learning_target t JOIN cf_item i ON i.id = t.cf_item_id"
	" WHERE t.deliverable_id = ?1 ORDER BY t.position, t.id";
static const char SQL_EXPORT_OWNER[] =
	"SELECT n.name, o.name, n.content_area FROM deliverable d"
	" JOIN network n ON n.id = d.network_id LEFT JOIN team t ON t.id = d.team_id"
	" LEFT JOIN organization o ON o.id = t.district_id WHERE d.id = ?1";

int target_check_statement(const char *s, struct cn_err *err)
{
	if (s == NULL)
		return cn_err_field(err, CN_ERR_INPUT, "statement", "is required");
	while (isspace((unsigned char)*s))
		s++;
	const char *rest = s + 5;
	int ok = strncasecmp(s, "I can", 5) == 0 && isspace((unsigned char)rest[0]);
	while (ok && isspace((unsigned char)*rest))
		rest++;
	if (!ok || *rest == '\0')
		return cn_err_field(err, CN_ERR_INPUT, "statement",
				    "must start with \"I can\" and say what the learner can do, "
				    "e.g. \"I can compare two fractions with different "
				    "denominators\"; this one begins \"%.40s\"",
				    s);
	return 0;
}

static int64_t target_scalar(struct store *db, const char *sql, int64_t p, int *found,
			     struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return *found = -1;
	store_bind_int(q, 1, p);
	int rc = store_step(q, err);
	int64_t v = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	*found = rc;
	return v;
}

static int target_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
			struct cn_err *err)
{
	if (target_check_statement(rec_text(r, "statement"), err))
		return -1;
	int64_t set = rec_int(r, "deliverable_id");
	struct store_stmt *q = store_prepare(db, SQL_SET_KIND, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, set);
	int rc = store_step(q, err);
	char *kind = rc == 1 ? store_col_dup(q, 0, a) : NULL;
	store_done(q);
	if (rc < 0)
		return -1;
	if (kind == NULL || strcmp(kind, "learning_target_set") != 0)
		return cn_err_field(err, CN_ERR_INPUT, "deliverable_id",
				    "deliverable %lld is %s; learning targets belong to a "
				    "deliverable of kind learning_target_set",
				    (long long)set, kind ? kind : "missing");
	int64_t item = rec_int(r, "cf_item_id");
	int found;
	target_scalar(db, SQL_ITEM_EXISTS, item, &found, err);
	if (found < 0)
		return -1;
	if (found == 0)
		return cn_err_field(err, CN_ERR_INPUT, "cf_item_id",
				    "there is no standard (CASE item) with id %lld", (long long)item);
	if (old == NULL) {
		int64_t next = target_scalar(db, SQL_TARGET_NEXT, set, &found, err);
		char id[UUID_TEXT_LEN];
		uuid_random(id);
		if (found < 0 || rec_put_int(r, "position", next, err) ||
		    rec_put_text(r, a, "identifier", id, err))
			return -1;
	}
	/* A target aligns its set to the standard it deconstructs. */
	q = store_prepare(db, SQL_ALIGN, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, set);
	store_bind_int(q, 2, item);
	rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

const struct rec_entity learning_target_entity = {
	.name = "learning_target",
	.plural = "learning-targets",
	.title = "learning target",
	.fields = target_fields,
	.nfields = sizeof(target_fields) / sizeof(target_fields[0]),
	.filters = target_filters,
	.nfilters = sizeof(target_filters) / sizeof(target_filters[0]),
	.table = "learning_target",
	.deletable = 1,
	.check = target_check,
};

int target_list(struct store *db, struct arena *a, int64_t deliverable_id, struct rec_list *out,
		struct cn_err *err)
{
	struct rec *d = NULL;
	if (rec_get(db, a, &deliverable_entity, deliverable_id, &d, err))
		return -1;
	return rec_list_where(db, a, &learning_target_entity, SQL_TARGET_ORDERED, deliverable_id, out,
			   err);
}

/* Writes positions 1..n in the order of list (moved may be NULL). */
static int target_renumber(struct store *db, struct rec **items, size_t n, struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	for (size_t i = 0; i < n; i++) {
		struct store_stmt *q = store_prepare(db, SQL_TARGET_SET_POSITION, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, (int64_t)i + 1);
		store_bind_int(q, 2, items[i]->id);
		store_bind_text(q, 3, now);
		int rc = store_step(q, err);
		store_done(q);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int target_move(struct store *db, const struct actor *who, struct arena *a, int64_t id,
		int64_t position, struct cn_err *err)
{
	struct rec *t = NULL;
	struct rec_list list;
	if (store_begin(db, err))
		return -1;
	if (rec_get(db, a, &learning_target_entity, id, &t, err) ||
	    target_list(db, a, rec_int(t, "deliverable_id"), &list, err))
		goto fail;
	if (position < 1 || position > (int64_t)list.count) {
		cn_err_field(err, CN_ERR_INPUT, "position",
			     "%lld is out of range; the set has %zu targets, so use 1 to %zu",
			     (long long)position, list.count, list.count);
		goto fail;
	}
	size_t from = 0;
	while (list.items[from]->id != id)
		from++;
	struct rec *moved = list.items[from];
	size_t to = (size_t)position - 1;
	if (from < to)
		memmove(&list.items[from], &list.items[from + 1], sizeof(struct rec *) * (to - from));
	else if (from > to)
		memmove(&list.items[to + 1], &list.items[to], sizeof(struct rec *) * (from - to));
	list.items[to] = moved;
	if (target_renumber(db, list.items, list.count, err))
		goto fail;
	char *before = arena_printf(a, "{\"position\":%zu}", from + 1);
	char *after = arena_printf(a, "{\"position\":%zu}", to + 1);
	if (audit_record(db, who, "update", "learning_target", id, before, after, err))
		goto fail;
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

int target_delete(struct store *db, const struct actor *who, struct arena *a, int64_t id,
		  int64_t expected_version, struct cn_err *err)
{
	struct rec *t = NULL;
	struct rec_list list;
	if (store_begin(db, err))
		return -1;
	if (rec_get(db, a, &learning_target_entity, id, &t, err) ||
	    rec_delete(db, who, a, &learning_target_entity, id, expected_version, err) ||
	    target_list(db, a, rec_int(t, "deliverable_id"), &list, err) ||
	    target_renumber(db, list.items, list.count, err)) {
		store_rollback(db);
		return -1;
	}
	return store_commit(db, err);
}

int target_copy_set(struct store *db, struct arena *a, int64_t from_id, int64_t to_id,
		    struct cn_err *err)
{
	struct rec_list list;
	if (rec_list_where(db, a, &learning_target_entity, SQL_TARGET_ORDERED, from_id, &list, err))
		return -1;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	for (size_t i = 0; i < list.count; i++) {
		const struct rec *t = list.items[i];
		char id[UUID_TEXT_LEN];
		uuid_random(id);
		struct store_stmt *q = store_prepare(db, rec_sql(&learning_target_entity)->insert, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, to_id);
		store_bind_int(q, 2, rec_int(t, "cf_item_id"));
		store_bind_text(q, 3, rec_text(t, "kind"));
		store_bind_text(q, 4, rec_text(t, "statement"));
		store_bind_int(q, 5, rec_int(t, "position"));
		store_bind_text(q, 6, id);
		store_bind_text(q, 7, now);
		int rc = store_step(q, err);
		store_done(q);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The standard's education levels ("05,06", as the CASE import stores them) as the
 * target's educationLevel list. */
static void target_levels(struct arena *a, char *levels, struct case_target *x)
{
	size_t n = 0, cap = 0;
	const char **list = NULL;
	char *save = NULL;
	for (char *tok = levels ? strtok_r(levels, ",", &save) : NULL; tok;
	     tok = strtok_r(NULL, ",", &save)) {
		list = arena_grow(a, list, sizeof(*list), n, &cap);
		list[n++] = tok;
	}
	x->levels = list;
	x->nlevels = n;
}

int target_export_case(struct store *db, struct arena *a, int64_t deliverable_id,
		       struct buf *out, struct cn_err *err)
{
	struct rec *d = NULL;
	if (rec_get(db, a, &deliverable_entity, deliverable_id, &d, err))
		return -1;
	if (strcmp(rec_text(d, "kind"), "learning_target_set") != 0)
		return cn_err_set(err, CN_ERR_INPUT,
				  "deliverable %lld is %s; only a learning_target_set exports as "
				  "CASE",
				  (long long)deliverable_id, rec_text(d, "kind"));
	struct case_target_set s = {0};
	s.identifier = rec_text(d, "identifier");
	s.title = rec_text(d, "title");
	s.last_change = d->updated_at;
	s.description = rec_text(d, "context_note");
	s.adoption_status = strcmp(rec_text(d, "status"), "published") == 0 ? "Adopted" : "Draft";
	if (setting_get(db, a, SETTING_CASE_BASE_URI, &s.base_uri, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_EXPORT_OWNER, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, deliverable_id);
	int rc = store_step(q, err);
	if (rc == 1) {
		s.creator = store_col_is_null(q, 1) ? store_col_dup(q, 0, a) : store_col_dup(q, 1, a);
		s.subject = store_col_dup(q, 2, a);
	}
	store_done(q);
	if (rc != 1)
		return rc < 0 ? -1 : cn_err_set(err, CN_ERR_INTERNAL, "the set's network is missing");
	q = store_prepare(db, SQL_EXPORT_TARGETS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, deliverable_id);
	size_t cap = 16;
	struct case_target *t = arena_alloc(a, sizeof(*t) * cap);
	int64_t *items = arena_alloc(a, sizeof(int64_t) * cap);
	while ((rc = store_step(q, err)) == 1) {
		size_t cap2 = cap;
		t = arena_grow(a, t, sizeof(*t), s.count, &cap);
		items = arena_grow(a, items, sizeof(*items), s.count, &cap2);
		struct case_target *x = &t[s.count];
		items[s.count] = store_col_int(q, 8);
		x->identifier = store_col_dup(q, 0, a);
		x->statement = store_col_dup(q, 1, a);
		x->kind = store_col_dup(q, 2, a);
		x->last_change = store_col_dup(q, 3, a);
		x->standard.identifier = store_col_dup(q, 4, a);
		x->standard.uri = store_col_dup(q, 5, a);
		const char *code = store_col_dup(q, 6, a);
		x->standard.title = code ? code : store_col_dup(q, 7, a);
		/* The nth target of a standard is its sequence and names its code. */
		x->sequence = 1;
		for (size_t k = 0; k < s.count; k++)
			x->sequence += items[k] == items[s.count];
		x->code = code ? arena_printf(a, "%s-LT%lld", code, (long long)x->sequence) : NULL;
		target_levels(a, store_col_dup(q, 9, a), x);
		s.count++;
	}
	store_done(q);
	if (rc < 0)
		return -1;
	if (s.count == 0)
		return cn_err_set(err, CN_ERR_CONFLICT,
				  "deliverable %lld has no learning targets yet; add targets "
				  "before exporting it",
				  (long long)deliverable_id);
	s.targets = t;
	case_write_targets(&s, out);
	return 0;
}
