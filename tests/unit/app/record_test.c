/* record: the engine behind every declared entity. Checked through the organization,
 * network and meeting declarations, and every entity's SQL against its contract. */
#include "testlib.h"

#include "app/entities.h"
#include "app/network.h"
#include "app/org.h"
#include "core/buf.h"

static void test_every_entity_sql_matches_its_declaration(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	for (size_t i = 0; entities_all[i] != NULL; i++) {
		const struct rec_entity *e = entities_all[i];
		const char *sqls[] = {e->sql_get, e->sql_list, e->sql_insert, e->sql_update,
				      e->sql_delete};
		for (size_t k = 0; k < 5; k++) {
			if (sqls[k] == NULL)
				continue;
			struct store_stmt *q = store_prepare(t->db, sqls[k], &err);
			if (q == NULL)
				fail_msg("%s: %s", e->name, err.msg);
			if (k < 2 && store_col_count(q) != (int)e->nfields + 4)
				fail_msg("%s: SELECT has %d columns, declaration %zu + 4", e->name,
					 store_col_count(q), e->nfields);
			store_done(q);
		}
	}
	testdb_close(t);
}

static struct rec *org(struct testdb *t, struct arena *a, const char *kind, const char *name,
		       int64_t parent)
{
	struct cn_err err = {0};
	struct rec *r = rec_new(a, &org_entity);
	assert_int_equal(rec_set_text(r, a, "kind", kind, &err), 0);
	assert_int_equal(rec_set_text(r, a, "name", name, &err), 0);
	if (parent)
		assert_int_equal(rec_set_int(r, "parent_id", parent, &err), 0);
	if (rec_create(t->db, &t->who, a, r, &err) != 0)
		fail_msg("create %s: %s: %s", name, err.field, err.msg);
	return r;
}

static void test_create_validates_and_names_the_field(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *r = rec_new(a, &org_entity);
	assert_int_equal(rec_set_text(r, a, "kind", "county", &err), -1);
	assert_string_equal(err.field, "kind");
	assert_non_null(strstr(err.msg, "county"));
	assert_int_equal(rec_set_text(r, a, "name", "bad\x01name", &err), -1);
	assert_string_equal(err.field, "name");
	assert_int_equal(rec_set_text(r, a, "name", "bad \xff utf8", &err), -1);
	assert_non_null(strstr(err.msg, "UTF-8"));
	assert_int_equal(rec_set_text(r, a, "sourced_id", "x", &err), -1); /* read-only */
	assert_int_equal(rec_set_text(r, a, "nonsense", "x", &err), -1);
	/* A missing required field is named; nothing is stored. */
	assert_int_equal(rec_set_text(r, a, "kind", "District", &err), 0);
	assert_string_equal(rec_text(r, "kind"), "district");
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "name");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM organization"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), 0);
	arena_free(a);
	testdb_close(t);
}

static void test_references_and_hierarchy(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *state_org = org(t, a, "state", "Kentucky Department of Education", 0);
	struct rec *district = org(t, a, "district", "Daviess County", state_org->id);
	struct rec *r = rec_new(a, &org_entity);
	rec_set_text(r, a, "kind", "school", &err);
	rec_set_text(r, a, "name", "Apollo High", &err);
	rec_set_int(r, "parent_id", 999, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "parent_id");
	assert_non_null(strstr(err.msg, "999"));
	rec_set_int(r, "parent_id", state_org->id, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_non_null(strstr(err.msg, "cannot be under a state"));
	rec_set_int(r, "parent_id", district->id, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM organization"), 3);
	arena_free(a);
	testdb_close(t);
}

/* Choices declared in camelCase (OneRoster's "schoolYear") match in any case and are
 * stored as declared. */
static void test_choices_match_in_any_case(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *r = rec_new(a, &academic_session_entity);
	assert_int_equal(rec_set_text(r, a, "kind", "schoolYear", &err), 0);
	assert_string_equal(rec_text(r, "kind"), "schoolYear");
	assert_int_equal(rec_set_text(r, a, "kind", "SCHOOLYEAR", &err), 0);
	assert_string_equal(rec_text(r, "kind"), "schoolYear");
	assert_int_equal(rec_set_text(r, a, "kind", "school year", &err), -1);
	assert_string_equal(err.field, "kind");
	arena_free(a);
}

static void test_update_checks_version_and_audits(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *s = org(t, a, "state", "KDE", 0);
	struct rec *ch = rec_new(a, &org_entity);
	rec_set_text(ch, a, "name", "Kentucky Department of Education", &err);
	struct rec *saved = NULL;
	assert_int_equal(rec_update(t->db, &t->who, a, s->id, 1, ch, &saved, &err), 0);
	assert_int_equal(saved->version, 2);
	assert_string_equal(rec_text(saved, "name"), "Kentucky Department of Education");
	/* A second editor still holding version 1 is refused; the first edit stays. */
	rec_set_text(ch, a, "name", "Other", &err);
	assert_int_equal(rec_update(t->db, &t->who, a, s->id, 1, ch, &saved, &err), -1);
	assert_int_equal(err.kind, CN_ERR_STALE);
	struct rec *now = NULL;
	assert_int_equal(rec_get(t->db, a, &org_entity, s->id, &now, &err), 0);
	assert_string_equal(rec_text(now, "name"), "Kentucky Department of Education");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE action = 'update'"
					 " AND before_json LIKE '%\"KDE\"%'"
					 " AND after_json LIKE '%Kentucky Department%'"),
			 1);
	arena_free(a);
	testdb_close(t);
}

static void test_list_filters_and_pages(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *s = org(t, a, "state", "KDE", 0);
	char name[32];
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "District %d", i);
		org(t, a, "district", name, s->id);
	}
	struct rec_query q = {.filter = {"district"}, .limit = 2};
	struct rec_list l;
	int seen = 0;
	do {
		assert_int_equal(rec_list(t->db, a, &org_entity, &q, &l, &err), 0);
		seen += (int)l.count;
		q.cursor = l.next_cursor;
	} while (l.next_cursor != 0);
	assert_int_equal(seen, 5);
	struct rec_query bad = {.filter = {"county"}};
	assert_int_equal(rec_list(t->db, a, &org_entity, &bad, &l, &err), -1);
	assert_string_equal(err.field, "kind");
	arena_free(a);
	testdb_close(t);
}

static void test_meeting_times_keep_their_zone(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *n = rec_new(a, &network_entity);
	rec_set_text(n, a, "name", "Mathematics Leadership Network", &err);
	rec_set_text(n, a, "content_area", "mathematics", &err);
	rec_set_text(n, a, "school_year", "2026-27", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, n, &err), 0);
	struct rec *m = rec_new(a, &meeting_entity);
	rec_set_int(m, "network_id", n->id, &err);
	rec_set_text(m, a, "title", "Meeting 1", &err);
	rec_set_text(m, a, "tz", "America/Chicago", &err);
	rec_set_text(m, a, "starts_at", "2026-09-15T09:00", &err);
	rec_set_text(m, a, "ends_at", "2026-09-15T15:00", &err);
	if (rec_create(t->db, &t->who, a, m, &err))
		fail_msg("%s: %s", err.field, err.msg);
	assert_string_equal(rec_text(m, "starts_at"), "2026-09-15T14:00:00Z");
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	rec_to_json(&w, m);
	assert_non_null(strstr(buf_str(&b), "\"starts_at\":\"2026-09-15T09:00:00-05:00\""));
	buf_free(&b);
	/* In January the same zone is six hours behind UTC. */
	struct rec *ch = rec_new(a, &meeting_entity);
	rec_set_text(ch, a, "starts_at", "2027-01-12T09:00", &err);
	rec_set_text(ch, a, "ends_at", "2027-01-12T08:00", &err);
	assert_int_equal(rec_update(t->db, &t->who, a, m->id, 0, ch, NULL, &err), -1);
	assert_string_equal(err.field, "ends_at");
	rec_set_text(ch, a, "ends_at", "2027-01-12T15:00", &err);
	struct rec *saved = NULL;
	assert_int_equal(rec_update(t->db, &t->who, a, m->id, 0, ch, &saved, &err), 0);
	assert_string_equal(rec_text(saved, "starts_at"), "2027-01-12T15:00:00Z");
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_entity_sql_matches_its_declaration),
		cmocka_unit_test(test_create_validates_and_names_the_field),
		cmocka_unit_test(test_references_and_hierarchy),
		cmocka_unit_test(test_choices_match_in_any_case),
		cmocka_unit_test(test_update_checks_version_and_audits),
		cmocka_unit_test(test_list_filters_and_pages),
		cmocka_unit_test(test_meeting_times_keep_their_zone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
