/* agenda: a meeting's materials come in agenda order with their titles; another
 * meeting's never show. Linking and unlinking them is audited and refuses what does
 * not exist or is linked already. Moving an item swaps it with its neighbour and
 * numbers the agenda afresh; an item at the edge stays. */
#include "testlib.h"

#include "app/network/agenda.h"

/* Two meetings of one network; the first has two agenda items linking library items
 * and a deliverable, the second one item. Plain rows, so that the test needs nothing
 * but the schema. */
static const char SEED[] =
	"INSERT INTO organization (id, kind, name, created_at, updated_at) VALUES"
	" (1, 'state', 'KDE', 't', 't');"
	"INSERT INTO network (id, name, content_area, school_year, created_at, updated_at)"
	" VALUES (1, 'Math', 'mathematics', '2026-27', 't', 't');"
	"INSERT INTO meeting (id, network_id, title, starts_at, ends_at, tz, uid, created_at,"
	" updated_at) VALUES"
	" (1, 1, 'M1', '2026-09-15T14:00:00Z', '2026-09-15T20:00:00Z', 'America/Chicago', 'u1',"
	"  't', 't'),"
	" (2, 1, 'M2', '2026-11-10T14:00:00Z', '2026-11-10T20:00:00Z', 'America/Chicago', 'u2',"
	"  't', 't');"
	"INSERT INTO agenda_item (id, meeting_id, position, kind, title, created_at, updated_at)"
	" VALUES (10, 1, 2, 'collaborate', 'Build targets', 't', 't'),"
	" (11, 1, 1, 'try_out', 'Try number talks', 't', 't'),"
	" (12, 2, 1, 'present', 'Other meeting', 't', 't');"
	"INSERT INTO library_item (id, kind, title, created_at, updated_at) VALUES"
	" (5, 'strategy', 'Number talks', 't', 't'), (6, 'tool', 'Exit tickets', 't', 't');"
	"INSERT INTO deliverable (id, network_id, kind, title, identifier, created_at, updated_at)"
	" VALUES (7, 1, 'learning_target_set', 'Grade 5 targets', 'd7', 't', 't');"
	"INSERT INTO agenda_item_link (agenda_item_id, library_item_id, deliverable_id) VALUES"
	" (10, NULL, 7), (10, 6, NULL), (11, 5, NULL), (12, 6, NULL);";

static struct testdb *seeded(void)
{
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	if (store_exec(t->db, SEED, &err))
		fail_msg("seed: %s", err.msg);
	return t;
}

static void test_materials_in_agenda_order(void **state)
{
	(void)state;
	struct testdb *t = seeded();
	struct cn_err err = {0};
	struct arena *a = arena_new();
	struct agenda_material *m;
	size_t n;
	assert_int_equal(agenda_materials(t->db, a, 1, &m, &n, &err), 0);
	assert_int_equal(n, 3);
	/* Position 1's item first, then position 2's: its library item before its
	 * deliverable. */
	assert_int_equal(m[0].agenda_item_id, 11);
	assert_string_equal(m[0].agenda_title, "Try number talks");
	assert_string_equal(m[0].entity, "library_item");
	assert_string_equal(m[0].title, "Number talks");
	assert_string_equal(m[0].detail, "strategy");
	assert_string_equal(m[1].title, "Exit tickets");
	assert_string_equal(m[2].entity, "deliverable");
	assert_int_equal(m[2].id, 7);
	assert_string_equal(m[2].title, "Grade 5 targets");
	assert_string_equal(m[2].detail, "draft");
	assert_int_equal(agenda_materials(t->db, a, 99, &m, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_null(m);
	arena_free(a);
	testdb_close(t);
}

static void test_link_and_unlink_materials(void **state)
{
	(void)state;
	struct testdb *t = seeded();
	struct cn_err err = {0};
	struct arena *a = arena_new();
	struct agenda_material *m;
	size_t n;
	int64_t audited = testdb_count(t, "SELECT COUNT(*) FROM audit_event");
	assert_int_equal(agenda_material_add(t->db, &t->who, 11, "library_item", 6, &err), 0);
	assert_int_equal(agenda_material_add(t->db, &t->who, 11, "deliverable", 7, &err), 0);
	assert_int_equal(agenda_materials(t->db, a, 1, &m, &n, &err), 0);
	assert_int_equal(n, 5);
	assert_int_equal(m[1].agenda_item_id, 11);
	assert_string_equal(m[1].title, "Exit tickets");
	assert_string_equal(m[2].entity, "deliverable");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE"
					 " entity = 'agenda_item_link' AND action = 'create'"),
			 2);

	/* Refusals name the field and change nothing. */
	assert_int_equal(agenda_material_add(t->db, &t->who, 11, "library_item", 6, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_string_equal(err.field, "library_item_id");
	assert_int_equal(agenda_material_add(t->db, &t->who, 11, "library_item", 99, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	assert_string_equal(err.field, "library_item_id");
	assert_int_equal(agenda_material_add(t->db, &t->who, 99, "deliverable", 7, &err), -1);
	assert_string_equal(err.field, "agenda_item_id");
	assert_int_equal(agenda_material_add(t->db, &t->who, 11, "meeting", 1, &err), -1);
	assert_int_equal(err.kind, CN_ERR_INPUT);
	assert_string_equal(err.field, "entity");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), audited + 2);

	assert_int_equal(agenda_material_remove(t->db, &t->who, 11, "deliverable", 7, &err), 0);
	assert_int_equal(agenda_material_remove(t->db, &t->who, 11, "deliverable", 7, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	assert_int_equal(agenda_materials(t->db, a, 1, &m, &n, &err), 0);
	assert_int_equal(n, 4);
	arena_free(a);
	testdb_close(t);
}

/* The positions and titles of meeting 1's agenda in order, joined by spaces. */
static void agenda_order(struct testdb *t, char *out, size_t size)
{
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec_list l;
	assert_int_equal(agenda_items(t->db, a, 1, &l, &err), 0);
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < l.count; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%lld:%s", i ? " " : "",
				      (long long)rec_int(l.items[i], "position"),
				      rec_text(l.items[i], "title"));
	arena_free(a);
}

static void test_move_swaps_and_renumbers(void **state)
{
	(void)state;
	struct testdb *t = seeded();
	struct cn_err err = {0};
	char order[256];
	assert_int_equal(store_exec(t->db,
				    "INSERT INTO agenda_item (id, meeting_id, position, kind, title,"
				    " created_at, updated_at) VALUES (13, 1, 7, 'reflect', 'Exit',"
				    " 't', 't')",
				    &err),
			 0);
	assert_int_equal(agenda_item_move(t->db, &t->who, 13, 1, &err), 0);
	agenda_order(t, order, sizeof(order));
	assert_string_equal(order, "1:Try number talks 2:Exit 3:Build targets");
	assert_int_equal(agenda_item_move(t->db, &t->who, 11, 1, &err), 0);
	agenda_order(t, order, sizeof(order));
	assert_string_equal(order, "1:Try number talks 2:Exit 3:Build targets");
	assert_int_equal(agenda_item_move(t->db, &t->who, 11, 0, &err), 0);
	agenda_order(t, order, sizeof(order));
	assert_string_equal(order, "1:Exit 2:Try number talks 3:Build targets");
	assert_int_equal(agenda_item_move(t->db, &t->who, 10, 0, &err), 0);
	agenda_order(t, order, sizeof(order));
	assert_string_equal(order, "1:Exit 2:Try number talks 3:Build targets");
	/* The other meeting's agenda is untouched. */
	struct arena *a = arena_new();
	struct rec *other = NULL;
	assert_int_equal(rec_get(t->db, a, &agenda_item_entity, 12, &other, &err), 0);
	assert_int_equal(rec_int(other, "position"), 1);
	arena_free(a);
	assert_int_equal(agenda_item_move(t->db, &t->who, 99, 1, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_materials_in_agenda_order),
	    cmocka_unit_test(test_link_and_unlink_materials),
	    cmocka_unit_test(test_move_swaps_and_renumbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
