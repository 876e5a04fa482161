/* case_write: the CFPackage of a learning-target set is valid against the CASE 1.0
 * CFPackage JSON schema (a copy under tests/fixtures/case/schema, and the shared one
 * when present), hangs each target under its document and points it at its standard,
 * and comes out the same twice. */
#include "testlib.h"

#include <jansson.h>

#include "io/case_write.h"
#include "schema_check.h"

static const char SCHEMA[] = "tests/fixtures/case/schema/case-v1p0-cfpackage-schema.json";
static const char SHARED_SCHEMA[] = "/work/shared/data/case/schema/case-v1p0-cfpackage-schema.json";

static const char *const grade5[] = {"05"};

static const struct case_target targets[] = {
	{"6f1c1c1e-0b5a-4b1e-9d1f-2a6c7f3e9b01", "I can explain what a denominator tells me.",
	 "knowledge", "5.NF.1-LT1", 1, "2026-09-01T12:00:00Z",
	 {"c5a2f9f0-7a3b-11e7-8cf7-a6006ad3dba0", "https://case.example.org/uri/c5a2f9f0-7a3b-11e7-8cf7-a6006ad3dba0", "5.NF.1"},
	 grade5, 1},
	{"6f1c1c1e-0b5a-4b1e-9d1f-2a6c7f3e9b02", "I can add fractions with unlike denominators.",
	 "skill", "5.NF.1-LT2", 2, "2026-09-01T12:00:00Z",
	 {"c5a2f9f0-7a3b-11e7-8cf7-a6006ad3dba0", NULL, "5.NF.1"}, grade5, 1},
	/* A standard whose identifier is not a UUID and that has no stored uri. */
	{"6f1c1c1e-0b5a-4b1e-9d1f-2a6c7f3e9b03", "I can write a word problem about fractions.",
	 "product", NULL, 1, "2026-09-02T08:30:00Z", {"KY.MA.5.NF.2 (draft)", NULL, "Word problems"},
	 NULL, 0},
};

static const struct case_target_set set = {
	"0f9e1d2c-3b4a-4596-8786-a5b4c3d2e1f0", "Grade 5 fractions: learning targets",
	"Daviess County Public Schools", NULL, "mathematics", "Draft", "2026-09-02T08:30:00Z",
	"https://capnet.example/uri/", targets, 3};

static char *write_set(void)
{
	struct buf b = BUF_INIT;
	case_write_targets(&set, &b);
	return buf_detach(&b);
}

static void test_export_is_valid_against_the_schema(void **state)
{
	(void)state;
	char *doc = write_set();
	struct buf errs = BUF_INIT;
	int n = schema_check_text(SCHEMA, doc, &errs);
	if (n != 0)
		fail_msg("%d schema problems:\n%s", n, buf_str(&errs));
	buf_free(&errs);
	free(doc);
}

static void test_the_checker_catches_a_broken_package(void **state)
{
	(void)state;
	struct buf errs = BUF_INIT;
	/* An item without uri, a bad identifier and an unknown association type. */
	const char *bad = "{\"CFDocument\":{\"identifier\":\"x\",\"uri\":\"https://a/b\","
			  "\"creator\":\"c\",\"title\":\"t\",\"lastChangeDateTime\":\"yesterday\"},"
			  "\"CFItems\":[{\"identifier\":\"6f1c1c1e-0b5a-4b1e-9d1f-2a6c7f3e9b01\","
			  "\"fullStatement\":\"s\",\"lastChangeDateTime\":\"2026-01-01T00:00:00Z\"}],"
			  "\"CFAssociations\":[{\"associationType\":\"isParentOf\"}],\"extra\":1}";
	int n = schema_check_text(SCHEMA, bad, &errs);
	const char *e = buf_str(&errs);
	assert_true(n >= 5);
	assert_non_null(strstr(e, "/CFDocument/identifier: 'x' does not match"));
	assert_non_null(strstr(e, "/CFDocument/lastChangeDateTime: 'yesterday' is not a date-time"));
	assert_non_null(strstr(e, "/CFItems/0: lacks required property uri"));
	assert_non_null(strstr(e, "/CFAssociations/0/associationType: is not one of the enum"));
	assert_non_null(strstr(e, "/extra: is not allowed here"));
	buf_free(&errs);
}

static void test_targets_hang_under_the_document_and_point_at_their_standards(void **state)
{
	(void)state;
	char *doc = write_set();
	json_error_t je;
	json_t *p = json_loads(doc, 0, &je);
	assert_non_null(p);
	json_t *items = json_object_get(p, "CFItems");
	json_t *assoc = json_object_get(p, "CFAssociations");
	assert_int_equal(json_array_size(items), 3);
	assert_int_equal(json_array_size(assoc), 6);
	/* Each target hangs under the package's own document, in the set's order. */
	for (size_t i = 0; i < 3; i++) {
		json_t *up = json_array_get(assoc, i);
		assert_string_equal(json_string_value(json_object_get(up, "associationType")),
				    "isChildOf");
		assert_string_equal(json_string_value(json_object_get(
					json_object_get(up, "destinationNodeURI"), "identifier")),
				    set.identifier);
		assert_int_equal(json_integer_value(json_object_get(up, "sequenceNumber")),
				 (json_int_t)i + 1);
	}
	json_t *levels = json_object_get(json_array_get(items, 0), "educationLevel");
	assert_int_equal(json_array_size(levels), 1);
	assert_string_equal(json_string_value(json_array_get(levels, 0)), "05");
	assert_null(json_object_get(json_array_get(items, 2), "educationLevel"));
	json_t *item = json_array_get(items, 1);
	assert_string_equal(json_string_value(json_object_get(item, "CFItemType")), "Learning Target");
	assert_string_equal(json_string_value(json_object_get(item, "uri")),
			    "https://capnet.example/uri/6f1c1c1e-0b5a-4b1e-9d1f-2a6c7f3e9b02");
	assert_string_equal(json_string_value(json_object_get(item, "humanCodingScheme")),
			    "5.NF.1-LT2");
	/* ... and points at the standard it deconstructs. */
	json_t *a1 = json_array_get(assoc, 3 + 1);
	assert_string_equal(json_string_value(json_object_get(a1, "associationType")), "isPartOf");
	json_t *origin = json_object_get(a1, "originNodeURI");
	json_t *dest = json_object_get(a1, "destinationNodeURI");
	assert_string_equal(json_string_value(json_object_get(origin, "identifier")),
			    targets[1].identifier);
	assert_string_equal(json_string_value(json_object_get(dest, "identifier")),
			    "c5a2f9f0-7a3b-11e7-8cf7-a6006ad3dba0");
	assert_string_equal(json_string_value(json_object_get(dest, "title")), "5.NF.1");
	/* No stored uri: a UUID standard is named by urn:uuid, another under our base. */
	assert_string_equal(json_string_value(json_object_get(dest, "uri")),
			    "urn:uuid:c5a2f9f0-7a3b-11e7-8cf7-a6006ad3dba0");
	json_t *d2 = json_object_get(json_array_get(assoc, 3 + 2), "destinationNodeURI");
	assert_string_equal(json_string_value(json_object_get(d2, "uri")),
			    "https://capnet.example/uri/KY.MA.5.NF.2%20%28draft%29");
	assert_int_equal(json_integer_value(json_object_get(a1, "sequenceNumber")), 2);
	json_decref(p);
	free(doc);
}

static void test_export_is_stable(void **state)
{
	(void)state;
	char *one = write_set(), *two = write_set();
	assert_string_equal(one, two);
	free(one);
	free(two);
}

static void test_valid_against_the_shared_schema(void **state)
{
	(void)state;
	if (access(SHARED_SCHEMA, R_OK) != 0)
		skip();
	char *doc = write_set();
	struct buf errs = BUF_INIT;
	int n = schema_check_text(SHARED_SCHEMA, doc, &errs);
	if (n != 0)
		fail_msg("%d schema problems:\n%s", n, buf_str(&errs));
	buf_free(&errs);
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_is_valid_against_the_schema),
		cmocka_unit_test(test_the_checker_catches_a_broken_package),
		cmocka_unit_test(test_targets_hang_under_the_document_and_point_at_their_standards),
		cmocka_unit_test(test_export_is_stable),
		cmocka_unit_test(test_valid_against_the_shared_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
