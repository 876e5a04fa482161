/* target: "I can" statements, order, copying with an adapted set, and the CASE export
 * of a stored set checked against the CASE 1.0 package schema. */
#include "deliverable_fixture.h"

#include "app/setting.h"
#include "app/deliverable/target.h"
#include "schema_check.h"

static const char SCHEMA[] = "tests/fixtures/case/schema/case-v1p0-cfpackage-schema.json";

static int64_t add_target(struct fixture *f, int64_t set, int64_t item, const char *kind,
			  const char *statement, struct cn_err *err)
{
	struct rec *r = rec_new(f->a, &learning_target_entity);
	if (rec_set_int(r, "deliverable_id", set, err) || rec_set_int(r, "cf_item_id", item, err) ||
	    rec_set_text(r, f->a, "kind", kind, err) ||
	    rec_set_text(r, f->a, "statement", statement, err) ||
	    rec_create(f->t->db, &f->t->who, f->a, r, err))
		return -1;
	return r->id;
}

static void test_statements_start_with_i_can(void **state)
{
	(void)state;
	struct cn_err err = {0};
	assert_int_equal(target_check_statement("I can add fractions.", &err), 0);
	assert_int_equal(target_check_statement("  i CAN\texplain a denominator", &err), 0);
	assert_int_equal(target_check_statement("Students will add fractions", &err), -1);
	assert_string_equal(err.field, "statement");
	assert_non_null(strstr(err.msg, "must start with \"I can\""));
	assert_non_null(strstr(err.msg, "begins \"Students will add fractions\""));
	assert_int_equal(target_check_statement("I can", &err), -1);
	assert_int_equal(target_check_statement("I cannot stop", &err), -1);
	assert_int_equal(target_check_statement("", &err), -1);
}

static void test_targets_belong_to_a_set_and_keep_order(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t unit = fx_deliverable(f, f->team_a, "unit", "Unit", f->dee, NULL);
	assert_int_equal(add_target(f, unit, f->std1, "knowledge", "I can name parts.", &err), -1);
	assert_string_equal(err.field, "deliverable_id");
	assert_non_null(strstr(err.msg, "learning_target_set"));
	int64_t set = fx_deliverable(f, f->team_a, "learning_target_set", "Fractions targets",
				     f->dee, NULL);
	assert_int_equal(add_target(f, set, 77, "knowledge", "I can name parts.", &err), -1);
	assert_string_equal(err.field, "cf_item_id");
	assert_int_equal(add_target(f, set, f->std1, "feeling", "I can name parts.", &err), -1);
	assert_string_equal(err.field, "kind");
	assert_int_equal(add_target(f, set, f->std1, "knowledge", "Know the parts.", &err), -1);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM learning_target"), 0);
	int64_t t1 = add_target(f, set, f->std1, "knowledge", "I can tell what a denominator means.", &err);
	int64_t t2 = add_target(f, set, f->std1, "reasoning", "I can explain why pieces must match.", &err);
	int64_t t3 = add_target(f, set, f->std2, "skill", "I can add fractions with unlike denominators.", &err);
	assert_true(t1 > 0 && t2 > 0 && t3 > 0);
	/* Adding targets aligned the set to their standards. */
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM deliverable_standard"), 2);
	struct rec_list l;
	assert_int_equal(target_list(f->t->db, f->a, set, &l, &err), 0);
	assert_int_equal(l.count, 3);
	assert_int_equal(rec_int(l.items[2], "position"), 3);
	const char *ident = rec_text(l.items[0], "identifier");
	assert_int_equal(strlen(ident), 36);
	/* Move the skill first; positions are 1..n again. */
	assert_int_equal(target_move(f->t->db, &f->t->who, f->a, t3, 1, &err), 0);
	assert_int_equal(target_list(f->t->db, f->a, set, &l, &err), 0);
	assert_int_equal(l.items[0]->id, t3);
	assert_int_equal(l.items[1]->id, t1);
	assert_int_equal(rec_int(l.items[2], "position"), 3);
	assert_int_equal(target_move(f->t->db, &f->t->who, f->a, t3, 4, &err), -1);
	assert_non_null(strstr(err.msg, "use 1 to 3"));
	/* Edit keeps the identifier; an edit must still be "I can". */
	struct rec *ch = rec_new(f->a, &learning_target_entity);
	rec_set_text(ch, f->a, "statement", "Students explain", &err);
	assert_int_equal(rec_update(f->t->db, &f->t->who, f->a, t1, 0, ch, NULL, &err), -1);
	rec_set_text(ch, f->a, "statement", "I can say what the denominator counts.", &err);
	struct rec *saved = NULL;
	assert_int_equal(rec_update(f->t->db, &f->t->who, f->a, t1, 0, ch, &saved, &err), 0);
	assert_string_equal(rec_text(saved, "identifier"), ident);
	/* Delete renumbers. */
	assert_int_equal(target_delete(f->t->db, &f->t->who, f->a, t3, 0, &err), 0);
	assert_int_equal(target_list(f->t->db, f->a, set, &l, &err), 0);
	assert_int_equal(l.count, 2);
	assert_int_equal(rec_int(l.items[0], "position"), 1);
	assert_int_equal(l.items[0]->id, t1);
	fx_close(f);
}

static void test_adapted_set_gets_its_own_targets(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t set = fx_deliverable(f, f->team_a, "learning_target_set", "Targets", f->dee,
				     "The targets.");
	add_target(f, set, f->std1, "knowledge", "I can tell what a denominator means.", &err);
	fx_status(f, set, "submit");
	fx_status(f, set, "publish");
	struct deliverable_version v;
	assert_int_equal(deliverable_version_find(f->t->db, f->a, set, 1, &v, &err), 0);
	struct deliverable_derive in = {f->team_b, f->ray, "Owensboro targets", "Our words."};
	struct rec *r = NULL;
	assert_int_equal(deliverable_derive(f->t->db, &f->t->who, f->a, v.id, &in, &r, &err), 0);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM learning_target"), 2);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(DISTINCT identifier) FROM learning_target"), 2);
	fx_close(f);
}

static void test_export_of_a_stored_set_is_valid_case(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t set = fx_deliverable(f, f->team_a, "learning_target_set", "Fractions targets",
				     f->dee, NULL);
	struct buf out = BUF_INIT;
	assert_int_equal(target_export_case(f->t->db, f->a, set, &out, &err), -1);
	assert_non_null(strstr(err.msg, "no learning targets yet"));
	add_target(f, set, f->std1, "knowledge", "I can tell what a denominator means.", &err);
	add_target(f, set, f->std1, "skill", "I can add fractions with \"unlike\" denominators.", &err);
	add_target(f, set, f->std2, "product", "I can write a fraction word problem.", &err);
	assert_int_equal(setting_set(f->t->db, &f->t->who, SETTING_CASE_BASE_URI,
				     "https://standards.example.org/capnet/", &err), 0);
	assert_int_equal(target_export_case(f->t->db, f->a, set, &out, &err), 0);
	struct buf errs = BUF_INIT;
	int n = schema_check_text(SCHEMA, buf_str(&out), &errs);
	if (n != 0)
		fail_msg("%d problems:\n%s\n%s", n, buf_str(&errs), buf_str(&out));
	const char *j = buf_str(&out);
	assert_non_null(strstr(j, "\"creator\":\"Daviess County\""));
	assert_non_null(strstr(j, "\"humanCodingScheme\":\"KY.5.NF.1-LT2\""));
	assert_non_null(strstr(j, "\"identifier\":\"b8d2f3e1-0000-4000-8000-000000000001\","
				  "\"uri\":\"https://case.example/uri/b8d2f3e1"));
	assert_non_null(strstr(j, "\"identifier\":\"http://asn.example/S2\",\"uri\":\"http://asn.example/S2\""));
	assert_non_null(strstr(j, "\"uri\":\"https://standards.example.org/capnet/"));
	buf_free(&errs);
	buf_free(&out);
	int64_t unit = fx_deliverable(f, f->team_a, "unit", "Unit", f->dee, NULL);
	assert_int_equal(target_export_case(f->t->db, f->a, unit, &out, &err), -1);
	assert_non_null(strstr(err.msg, "only a learning_target_set exports"));
	buf_free(&out);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statements_start_with_i_can),
		cmocka_unit_test(test_targets_belong_to_a_set_and_keep_order),
		cmocka_unit_test(test_adapted_set_gets_its_own_targets),
		cmocka_unit_test(test_export_of_a_stored_set_is_valid_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
