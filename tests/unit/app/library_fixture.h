/* library_fixture: records the library and try-out tests build on: any declared
 * record from "field=value" pairs, and standards inserted the way the CASE import
 * stores them. Header-only, for tests. */
#ifndef CN_LIBRARY_FIXTURE_H
#define CN_LIBRARY_FIXTURE_H
#include "testlib.h"

#include "app/library/library.h"
#include "app/org/org.h"
#include "app/org/person.h"

/* Creates a record of e from "field=value" strings ending with NULL. */
static inline struct rec *fx_rec(struct testdb *t, struct arena *a, const struct rec_entity *e,
				 ...)
{
	struct cn_err err = {0};
	struct rec *r = rec_new(a, e);
	va_list ap;
	va_start(ap, e);
	for (const char *kv = va_arg(ap, const char *); kv != NULL; kv = va_arg(ap, const char *)) {
		const char *eq = strchr(kv, '=');
		char *name = arena_strndup(a, kv, (size_t)(eq - kv));
		if (rec_set_text(r, a, name, eq + 1, &err))
			fail_msg("%s %s: %s", e->name, name, err.msg);
	}
	va_end(ap);
	if (rec_create(t->db, &t->who, a, r, &err))
		fail_msg("create %s: %s: %s", e->name, err.field, err.msg);
	return r;
}

/* A framework (once) and one of its items; returns the item's id. */
static inline int64_t fx_standard(struct testdb *t, const char *code, const char *statement)
{
	static const char sql_fw[] =
		"INSERT INTO framework (identifier, title, created_at, updated_at)"
		" VALUES ('fw-ky-math', 'Kentucky Academic Standards for Mathematics',"
		" '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
		" ON CONFLICT (identifier) DO NOTHING";
	static const char sql_item[] =
		"INSERT INTO cf_item (framework_id, identifier, human_coding_scheme, full_statement,"
		" created_at, updated_at) SELECT id, ?1, ?1, ?2, '2026-01-01T00:00:00Z',"
		" '2026-01-01T00:00:00Z' FROM framework WHERE identifier = 'fw-ky-math'"
		" RETURNING id";
	struct cn_err err = {0};
	assert_int_equal(store_run(t->db, sql_fw, &err), 0);
	struct store_stmt *q = store_prepare(t->db, sql_item, &err);
	assert_non_null(q);
	store_bind_text(q, 1, code);
	store_bind_text(q, 2, statement);
	assert_int_equal(store_step(q, &err), 1);
	int64_t id = store_col_int(q, 0);
	store_done(q);
	return id;
}

/* A library item; tags, areas and bands as comma lists (NULL for none); tier 0 for
 * none. */
static inline struct rec *fx_item(struct testdb *t, struct arena *a, const char *kind,
				  const char *title, const char *summary, const char *body, int tier,
				  const char *tags, const char *areas, const char *bands)
{
	struct cn_err err = {0};
	struct rec *r = rec_new(a, &library_item_entity);
	assert_int_equal(rec_set_text(r, a, "kind", kind, &err), 0);
	assert_int_equal(rec_set_text(r, a, "title", title, &err), 0);
	if (summary)
		assert_int_equal(rec_set_text(r, a, "summary", summary, &err), 0);
	if (body)
		assert_int_equal(rec_set_text(r, a, "body", body, &err), 0);
	if (tier)
		assert_int_equal(rec_set_int(r, "evidence_tier", tier, &err), 0);
	struct library_links l = {.set = LIBRARY_SET_TAGS | LIBRARY_SET_AREAS | LIBRARY_SET_BANDS};
	const char *lists[3] = {tags, areas, bands};
	const char ***outs[3] = {&l.tags, &l.areas, &l.bands};
	size_t *counts[3] = {&l.ntags, &l.nareas, &l.nbands};
	for (int k = 0; k < 3; k++) {
		*outs[k] = arena_alloc(a, sizeof(char *) * 16);
		for (char *s = arena_strdup(a, lists[k] ? lists[k] : ""), *p; (p = strsep(&s, ","));)
			if (*p)
				(*outs[k])[(*counts[k])++] = p;
	}
	if (library_create(t->db, &t->who, a, r, &l, &err))
		fail_msg("create %s: %s: %s", title, err.field, err.msg);
	return r;
}

#endif
