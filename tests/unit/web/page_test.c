/* page: the one edit path of pages, a form onto a record. A field sent with a value is
 * set, one sent empty is cleared on an edit (a required one refused, naming the form's
 * field) and left to its default on a create, one not sent is left alone; the form's
 * version is the one it was read at. */
#include "testlib.h"

#include "app/plan/plan.h"
#include "web/page.h"

/* A goal form as a route declares it. */
static const struct route_field goal_fields[] = {
	{"title", "string", 1, NULL, NULL},    {"baseline", "string", 0, NULL, NULL},
	{"target", "string", 0, NULL, NULL},   {"deadline", "string", 0, NULL, NULL},
	{NULL, NULL, 0, NULL, NULL},
};

static void parse(struct arena *a, const char *body, struct form *f)
{
	struct cn_err err = {0};
	if (form_parse(a, body, strlen(body), f, &err))
		fail_msg("%s", err.msg);
}

static int given(const struct rec *r, const char *field)
{
	return r->given[rec_field_index(r->entity, field)];
}

static void test_an_edit_clears_what_is_sent_empty_and_keeps_what_is_not_sent(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form f;
	parse(a, "g_title=Fluency&g_baseline=&g_deadline=2027-05-31", &f);
	struct rec *r = rec_new(a, &plan_goal_entity);
	struct cn_err why = {0};
	assert_int_equal(page_fields(r, a, &f, "g_", goal_fields, PAGE_CHANGES, &why), 0);
	assert_string_equal(rec_text(r, "title"), "Fluency");
	assert_true(given(r, "baseline"));
	assert_true(rec_is_null(r, "baseline"));
	assert_false(given(r, "target"));
	assert_string_equal(rec_text(r, "deadline"), "2027-05-31");
	arena_free(a);
}

static void test_a_required_field_sent_empty_is_refused_by_its_form_name(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form f;
	parse(a, "g_title=&g_baseline=3", &f);
	struct rec *r = rec_new(a, &plan_goal_entity);
	struct cn_err why = {0};
	assert_int_equal(page_fields(r, a, &f, "g_", goal_fields, PAGE_CHANGES, &why), -1);
	assert_int_equal(why.kind, CN_ERR_INPUT);
	assert_string_equal(why.field, "g_title");
	assert_non_null(strstr(why.msg, "required"));
	arena_free(a);
}

static void test_a_bad_value_is_refused_by_its_form_name(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form f;
	parse(a, "g_title=Fluency&g_deadline=May", &f);
	struct rec *r = rec_new(a, &plan_goal_entity);
	struct cn_err why = {0};
	assert_int_equal(page_fields(r, a, &f, "g_", goal_fields, PAGE_NEW, &why), -1);
	assert_string_equal(why.field, "g_deadline");
	arena_free(a);
}

static void test_a_create_leaves_what_is_sent_empty_to_its_default(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form f;
	parse(a, "title=Fluency&baseline=", &f);
	struct rec *r = rec_new(a, &plan_goal_entity);
	struct cn_err why = {0};
	assert_int_equal(page_fields(r, a, &f, "", goal_fields, PAGE_NEW, &why), 0);
	assert_string_equal(rec_text(r, "title"), "Fluency");
	assert_false(given(r, "baseline"));
	arena_free(a);
}

static void test_the_version_a_form_was_read_at(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form f;
	parse(a, "version=7", &f);
	assert_int_equal(page_form_version(&f), 7);
	parse(a, "title=x", &f);
	assert_int_equal(page_form_version(&f), 0); /* none sent: saved whatever came since */
	parse(a, "version=-3", &f);
	assert_int_equal(page_form_version(&f), 0);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_an_edit_clears_what_is_sent_empty_and_keeps_what_is_not_sent),
	    cmocka_unit_test(test_a_required_field_sent_empty_is_refused_by_its_form_name),
	    cmocka_unit_test(test_a_bad_value_is_refused_by_its_form_name),
	    cmocka_unit_test(test_a_create_leaves_what_is_sent_empty_to_its_default),
	    cmocka_unit_test(test_the_version_a_form_was_read_at),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
