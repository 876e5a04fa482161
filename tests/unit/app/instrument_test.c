/* instrument: which instrument a network's teams assess with, and why a rated
 * indicator cannot be removed, in words a facilitator reads. */
#include "testapp.h"

#include "app/assessment/assessment.h"
#include "app/assessment/instrument.h"
#include "app/network/network.h"
#include "app/org/org.h"
#include "app/network/team.h"

/* A cooperative (1), a district (2), networks 1 and 2, a team of the district in
 * network 1 (1). */
static void world(struct testdb *t, struct arena *a)
{
	testapp_make(t, a, &org_entity,
		     (const char *[]){"kind", "cooperative", "name", "GRREC", NULL});
	testapp_make(t, a, &org_entity,
		     (const char *[]){"kind", "district", "name", "Daviess", "parent_id", "1", NULL});
	testapp_make(t, a, &network_entity,
		     (const char *[]){"name", "Math", "content_area", "mathematics", "school_year",
				      "2026-27", NULL});
	testapp_make(t, a, &network_entity,
		     (const char *[]){"name", "ELA", "content_area", "english_language_arts",
				      "school_year", "2026-27", NULL});
	testapp_make(t, a, &team_entity,
		     (const char *[]){"network_id", "1", "district_id", "2", NULL});
}

static int64_t started_on(struct testdb *t, struct arena *a, const char *year)
{
	struct cn_err err = {0};
	int64_t as = testapp_make(t, a, &assessment_entity,
				  (const char *[]){"team_id", "1", "school_year", year, NULL});
	struct rec *r = NULL;
	if (rec_get(t->db, a, &assessment_entity, as, &r, &err))
		fail_msg("assessment: %s", err.msg);
	return rec_int(r, "instrument_id");
}

static void test_network_assesses_with_its_newest_copy(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	int64_t def = 0, first = 0, second = 0, id = -1;
	assert_int_equal(instrument_default(t->db, &t->who, &def, &err), 0);
	/* No copy yet: the default. */
	assert_int_equal(instrument_of_network(t->db, 1, &id, &err), 0);
	assert_int_equal(started_on(t, a, "2026-27"), def);
	/* The network's copy, then a newer one: the newest is used; another network's
	 * copy changes nothing. */
	assert_int_equal(instrument_copy(t->db, &t->who, def, 1, "Ours", &first, &err), 0);
	assert_int_equal(instrument_of_network(t->db, 1, &id, &err), 1);
	assert_int_equal(id, first);
	assert_int_equal(started_on(t, a, "2027-28"), first);
	assert_int_equal(instrument_copy(t->db, &t->who, first, 1, "Ours, revised", &second, &err),
			 0);
	int64_t other = 0;
	assert_int_equal(instrument_copy(t->db, &t->who, def, 2, NULL, &other, &err), 0);
	assert_int_equal(instrument_of_network(t->db, 1, &id, &err), 1);
	assert_int_equal(id, second);
	assert_int_equal(started_on(t, a, "2028-29"), second);
	assert_int_equal(instrument_of_network(t->db, 2, &id, &err), 1);
	assert_int_equal(id, other);
	arena_free(a);
	testdb_close(t);
}

static void test_rated_indicator_stays_and_says_why(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	int64_t def = 0, copy = 0, lc1 = 0;
	assert_int_equal(instrument_default(t->db, &t->who, &def, &err), 0);
	assert_int_equal(instrument_copy(t->db, &t->who, def, 1, NULL, &copy, &err), 0);
	int64_t as = testapp_make(t, a, &assessment_entity, (const char *[]){"team_id", "1", NULL});
	assert_int_equal(assessment_indicator(t->db, as, "LC.1", &lc1, &err), 0);
	struct assessment_rating_in in = {1, 3, NULL, "high"};
	assert_int_equal(assessment_rate(t->db, &t->who, as, lc1, &in, &err), 0);
	int before = testdb_count(t, "SELECT COUNT(*) FROM indicator");
	assert_int_equal(instrument_indicator_remove(t->db, &t->who, lc1, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_string_equal(err.field, "indicator");
	assert_string_equal(err.msg, "LC.1 cannot be removed: it is rated in 1 assessment. It "
				     "stays so that those records keep their meaning; edit its "
				     "text instead.");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM indicator"), before);
	/* One nobody rated goes. */
	int64_t lc2 = 0;
	assert_int_equal(assessment_indicator(t->db, as, "LC.2", &lc2, &err), 0);
	assert_int_equal(instrument_indicator_remove(t->db, &t->who, lc2, &err), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM indicator"), before - 1);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_network_assesses_with_its_newest_copy),
		cmocka_unit_test(test_rated_indicator_stays_and_says_why),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
