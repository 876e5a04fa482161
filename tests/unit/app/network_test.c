/* network: attendance for a meeting is recorded all or none; a refused mark half-way
 * writes nothing and says which one it was. */
#include "testlib.h"

#include "app/network/network.h"
#include "app/network/attendance.h"

/* One network with one meeting, and two people of its one district's team (attendees
 * are of the network's teams). Plain rows, so that the test needs nothing but the
 * schema. */
static const char SEED[] =
	"INSERT INTO network (id, name, content_area, school_year, created_at, updated_at)"
	" VALUES (1, 'Math', 'mathematics', '2026-27', 't', 't');"
	"INSERT INTO meeting (id, network_id, title, starts_at, ends_at, tz, uid, created_at,"
	" updated_at) VALUES"
	" (1, 1, 'M1', '2026-09-15T14:00:00Z', '2026-09-15T20:00:00Z', 'America/Chicago', 'u1',"
	"  't', 't');"
	"INSERT INTO person (id, given_name, family_name, created_at, updated_at) VALUES"
	" (1, 'Ana', 'Ruiz', 't', 't'), (2, 'Bo', 'Lee', 't', 't');"
	"INSERT INTO organization (id, kind, name, created_at, updated_at) VALUES"
	" (1, 'district', 'District A', 't', 't');"
	"INSERT INTO membership (person_id, org_id, role, created_at, updated_at) VALUES"
	" (1, 1, 'member', 't', 't'), (2, 1, 'member', 't', 't');"
	"INSERT INTO team (id, network_id, district_id, name, created_at, updated_at) VALUES"
	" (1, 1, 1, 'District A', 't', 't');"
	"INSERT INTO team_member (team_id, person_id, role) VALUES (1, 1, 'member'),"
	" (1, 2, 'member');";

static void test_attendance_set_all_is_all_or_none(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	if (store_exec(t->db, SEED, &err))
		fail_msg("seed: %s", err.msg);
	int64_t audit = testdb_count(t, "SELECT COUNT(*) FROM audit_event");
	struct attendance_mark marks[] = {{1, "present"}, {2, "late"}};
	size_t failed = 99;
	assert_int_equal(attendance_set_all(t->db, &t->who, 1, marks, 2, &failed, &err), -1);
	assert_int_equal(failed, 1);
	assert_string_equal(err.field, "status");
	marks[1] = (struct attendance_mark){99, "absent"};
	assert_int_equal(attendance_set_all(t->db, &t->who, 1, marks, 2, &failed, &err), -1);
	assert_int_equal(failed, 1);
	assert_string_equal(err.field, "person_id");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM attendance"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), audit);
	marks[1].person_id = 2;
	assert_int_equal(attendance_set_all(t->db, &t->who, 1, marks, 2, &failed, &err), 0);
	struct network_people people;
	assert_int_equal(attendance_list(t->db, a, 1, &people, &err), 0);
	assert_int_equal(people.count, 2);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM attendance WHERE status = 'absent'"),
			 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), audit + 2);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_attendance_set_all_is_all_or_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
