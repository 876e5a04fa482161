/* case reader: CASE 1.0 packages, their real-world variants, and every kind of
 * malformed input, each refused with the place and field named. */
#include "testlib.h"

#include "io/case.h"

/* Reads text as a package; returns case_read's result. */
static int read_text(struct arena *a, const char *text, struct case_package *pkg,
		     struct cn_err *err)
{
	return case_read(a, text, strlen(text), "pkg.json", pkg, err);
}

/* Reads text expecting a refusal whose field is `field` and whose message holds
 * `words`. */
static void refused(const char *text, const char *field, const char *words)
{
	struct arena *a = arena_new();
	struct case_package pkg;
	struct cn_err err = {0};
	if (read_text(a, text, &pkg, &err) == 0)
		fail_msg("accepted: %s", text);
	assert_int_equal(err.kind, CN_ERR_INPUT);
	if (field != NULL && strcmp(err.field, field) != 0)
		fail_msg("field '%s', wanted '%s' (%s)", err.field, field, err.msg);
	if (strstr(err.msg, words) == NULL)
		fail_msg("message '%s' lacks '%s'", err.msg, words);
	assert_string_equal(err.file, "pkg.json");
	arena_free(a);
}

#define DOC "\"CFDocument\": {\"identifier\": \"d1\", \"title\": \"Doc\"}"

static const struct case_item *item_by_id(const struct case_package *p, const char *id)
{
	for (size_t i = 0; i < p->nitems; i++)
		if (strcmp(p->items[i].identifier, id) == 0)
			return &p->items[i];
	fail_msg("no item %s", id);
	return NULL;
}

static void test_reads_a_wrapped_1_0_package(void **state)
{
	(void)state;
	size_t len;
	char *data = testlib_fixture("case/basic.json", &len);
	struct arena *a = arena_new();
	struct case_package p;
	struct cn_err err = {0};
	if (case_read(a, data, len, "basic.json", &p, &err))
		fail_msg("%s: %s", err.field, err.msg);
	assert_string_equal(p.doc.identifier, "c5d7a0e0-0001-4000-8000-000000000001");
	assert_string_equal(p.doc.title, "Sample Academic Standards for Mathematics");
	assert_string_equal(p.doc.subject, "Mathematics");
	assert_string_equal(p.doc.adoption_status, "Adopted");
	assert_int_equal(p.nitems, 11);
	assert_int_equal(p.nassociations, 15);
	/* A domain without humanCodingScheme, with two levels. */
	const struct case_item *domain = &p.items[0];
	assert_null(domain->human_coding_scheme);
	assert_string_equal(domain->item_type, "Domain");
	assert_int_equal(domain->neducation_levels, 2);
	assert_string_equal(domain->education_levels[1], "07");
	/* The type of an item given only by a CFItemTypeURI on another host. */
	assert_string_equal(p.items[1].item_type, "Cluster");
	/* An ASN URI is an identifier like any other. */
	const struct case_item *asn = item_by_id(&p, "http://asn.jesandco.org/resources/S9000001");
	assert_string_equal(asn->human_coding_scheme, "KY.6.RP.3a");
	const struct case_item *one = item_by_id(&p, "c5d7a0e0-0103-4000-8000-000000000103");
	assert_string_equal(one->abbreviated_statement, "Ratio language");
	assert_non_null(strstr(one->notes, "wings"));
	/* Associations: sequence numbers, and ends outside the package kept as given. */
	assert_string_equal(p.associations[0].type, "isChildOf");
	assert_true(p.associations[0].has_sequence);
	assert_int_equal(p.associations[0].sequence, 1);
	assert_false(p.associations[3].has_sequence);
	const struct case_association *match = &p.associations[12];
	assert_string_equal(match->type, "exactMatchOf");
	assert_string_equal(match->destination.identifier, "6b9bf846-d7cc-11e8-824f-0242ac160002");
	assert_string_equal(match->destination.title, "CCSS.Math.Content.6.RP.A.3");
	arena_free(a);
	free(data);
}

static void test_reads_pre_1_0_field_names(void **state)
{
	(void)state;
	size_t len;
	char *data = testlib_fixture("case/prerelease.json", &len);
	struct arena *a = arena_new();
	struct case_package p;
	struct cn_err err = {0};
	if (case_read(a, data, len, "prerelease.json", &p, &err))
		fail_msg("%s: %s", err.field, err.msg);
	assert_string_equal(p.doc.identifier, "http://asn.jesandco.org/resources/D2000001");
	const struct case_item *std = &p.items[0];
	/* educationalLevel as one string with commas. */
	assert_int_equal(std->neducation_levels, 3);
	assert_string_equal(std->education_levels[0], "06");
	assert_string_equal(std->education_levels[2], "08");
	/* CFItemTypeURI as a bare URI, and as a link without title: CFDefinitions names
	 * the type. */
	assert_string_equal(std->item_type, "Standard");
	assert_string_equal(p.items[1].item_type, "Clarification Statement");
	assert_null(p.items[1].last_change); /* null is absent */
	assert_string_equal(p.items[1].list_enumeration, "2");
	/* originNodeIdentifier beside a link without identifier; a destination given as
	 * the document's URI string. */
	const struct case_association *top = &p.associations[0];
	assert_string_equal(top->origin.identifier, "http://asn.jesandco.org/resources/S2000010");
	assert_string_equal(top->origin.title, "SCI.MS-PS1-5");
	assert_string_equal(top->destination.identifier, p.doc.identifier);
	/* A destination found through an item's uri; sequence numbers as strings. */
	assert_string_equal(p.associations[1].destination.identifier,
			    "http://asn.jesandco.org/resources/S2000010");
	assert_true(p.associations[1].has_sequence);
	assert_int_equal(p.associations[1].sequence, 2);
	assert_string_equal(p.associations[2].destination.identifier,
			    "http://asn.jesandco.org/resources/S2000010");
	assert_int_equal(p.associations[2].sequence, 1);
	arena_free(a);
	free(data);
}

static void test_not_json_names_line_and_column(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct case_package p;
	struct cn_err err = {0};
	const char *text = "{\n  \"CFDocument\": {\n    \"identifier\": \"d1\",,\n  }\n}\n";
	assert_int_equal(read_text(a, text, &p, &err), -1);
	assert_int_equal(err.line, 3);
	assert_true(err.column > 20);
	assert_non_null(strstr(err.msg, "not valid JSON"));
	char line[1024];
	cn_err_format(&err, line, sizeof(line));
	assert_non_null(strstr(line, "pkg.json:3:"));
	/* A key twice in one object is refused too, with its place. */
	text = "{" DOC ",\n\"CFItems\": [], \"CFItems\": []}";
	assert_int_equal(read_text(a, text, &p, &err), -1);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.msg, "duplicate"));
	assert_int_equal(read_text(a, "", &p, &err), -1);
	assert_non_null(strstr(err.msg, "empty"));
	arena_free(a);
}

static void test_bad_bytes_are_refused_with_their_place(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct case_package p;
	struct cn_err err = {0};
	const char bad[] = "{\"CFDocument\":\n {\"title\": \"Caf\xe9\"}}";
	assert_int_equal(read_text(a, bad, &p, &err), -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 16);
	assert_non_null(strstr(err.msg, "not valid UTF-8"));
	const char nul[] = "{\"CFDocument\": \"a\0b\"}";
	assert_int_equal(case_read(a, nul, sizeof(nul) - 1, "pkg.json", &p, &err), -1);
	assert_non_null(strstr(err.msg, "NUL"));
	/* Over the limit: refused before a byte is read. */
	assert_int_equal(case_read(a, "{}", CASE_MAX_BYTES + 1, "big.json", &p, &err), -1);
	assert_int_equal(err.kind, CN_ERR_TOO_LARGE);
	/* A byte order mark is no problem. */
	const char bom[] = "\xEF\xBB\xBF{" DOC "}";
	assert_int_equal(read_text(a, bom, &p, &err), 0);
	assert_int_equal(p.nitems, 0);
	arena_free(a);
}

static void test_not_a_package(void **state)
{
	(void)state;
	refused("[1, 2]", "", "the top level is an array");
	refused("{\"CFItems\": []}", "", "it has no CFDocument");
	refused("{\"CFPackage\": [1]}", "CFPackage", "must be an object, not an array");
	refused("{\"CFDocument\": {\"title\": \"Doc\"}}", "CFDocument.identifier", "is missing");
	refused("{\"CFDocument\": {\"identifier\": \"d1\"}}", "CFDocument.title", "is missing");
	refused("{" DOC ", \"CFItems\": {}}", "CFItems", "must be an array, not an object");
}

static void test_items_without_identifier_or_statement(void **state)
{
	(void)state;
	refused("{" DOC ", \"CFItems\": [{\"identifier\": \"i1\", \"fullStatement\": \"x\"},"
		" {\"humanCodingScheme\": \"6.RP.1\", \"fullStatement\": \"x\"}]}",
		"CFItems[1].identifier", "(item coded 6.RP.1)");
	refused("{" DOC ", \"CFItems\": [{\"identifier\": \"i1\", \"fullStatement\": \"x\"},"
		" {\"identifier\": \"i2\", \"humanCodingScheme\": \"6.RP.1\"}]}",
		"CFItems[1].fullStatement", "every CFItem needs the text of its standard (item i2)");
	refused("{" DOC ", \"CFItems\": [{\"identifier\": \"i1\", \"fullStatement\": \"\"}]}",
		"CFItems[0].fullStatement", "is missing or empty");
	refused("{" DOC ", \"CFItems\": [42]}", "CFItems[0]", "must be an object, not a number");
	refused("{" DOC ", \"CFItems\": [{\"identifier\": \" i1\", \"fullStatement\": \"x\"}]}",
		"CFItems[0].identifier", "spaces at its start or end");
}

static void test_wrong_types_are_named(void **state)
{
	(void)state;
	refused("{" DOC ", \"CFItems\": [{\"identifier\": \"i1\", \"fullStatement\": 5}]}",
		"CFItems[0].fullStatement", "must be a string, not a number (item i1)");
	refused("{" DOC ", \"CFItems\": [{\"identifier\": 7, \"fullStatement\": \"x\"}]}",
		"CFItems[0].identifier", "must be a string, not a number");
	refused("{" DOC ", \"CFItems\": [{\"identifier\": \"i1\", \"fullStatement\": \"x\","
		" \"educationLevel\": 6}]}",
		"CFItems[0].educationLevel", "must be an array of strings");
	refused("{" DOC ", \"CFItems\": [{\"identifier\": \"i1\", \"fullStatement\": \"x\","
		" \"educationLevel\": [\"06\", 7]}]}",
		"CFItems[0].educationLevel", "value 2 must be a string");
	char many[1024] = "{" DOC ", \"CFItems\": [{\"identifier\": \"i1\", \"fullStatement\": "
			  "\"x\", \"educationalLevel\": \"01";
	for (int i = 0; i < 64; i++)
		strcat(many, ",02");
	strcat(many, "\"}]}");
	refused(many, "CFItems[0].educationalLevel", "has more than 64 values");
	refused("{" DOC ", \"CFItems\": [{\"identifier\": \"i1\", \"fullStatement\": \"x\","
		" \"CFItemTypeURI\": [1]}]}",
		"CFItems[0].CFItemTypeURI", "must be a link object");
	refused("{" DOC ", \"CFAssociations\": [{\"identifier\": \"a1\", \"associationType\":"
		" \"isChildOf\", \"originNodeURI\": {\"identifier\": \"i1\"}, \"destinationNodeURI\":"
		" {\"identifier\": \"d1\"}, \"sequenceNumber\": \"first\"}]}",
		"CFAssociations[0].sequenceNumber", "'first' is not a whole number");
	refused("{" DOC ", \"CFAssociations\": [{\"identifier\": \"a1\", \"associationType\":"
		" \"isChildOf\", \"originNodeURI\": {\"identifier\": \"i1\"}, \"destinationNodeURI\":"
		" {\"identifier\": \"d1\"}, \"sequenceNumber\": true}]}",
		"CFAssociations[0].sequenceNumber", "must be a whole number");
	refused("{" DOC ", \"CFAssociations\": [{\"identifier\": \"a1\", \"associationType\":"
		" \"isChildOf\", \"originNodeURI\": {\"identifier\": 12}, \"destinationNodeURI\":"
		" {\"identifier\": \"d1\"}}]}",
		"CFAssociations[0].originNodeURI.identifier", "must be a string");
}

static void test_associations_need_type_and_ends(void **state)
{
	(void)state;
	refused("{" DOC ", \"CFAssociations\": [{\"identifier\": \"a1\", \"associationType\":"
		" \"isParentOf\", \"originNodeURI\": {\"identifier\": \"i1\"}, \"destinationNodeURI\":"
		" {\"identifier\": \"d1\"}}]}",
		"CFAssociations[0].associationType", "'isParentOf' is not a CASE association type");
	refused("{" DOC ", \"CFAssociations\": [{\"identifier\": \"a1\", \"associationType\":"
		" \"isChildOf\", \"destinationNodeURI\": {\"identifier\": \"d1\"}}]}",
		"CFAssociations[0].originNodeURI", "an association needs both of its ends");
	refused("{" DOC ", \"CFAssociations\": [{\"associationType\": \"isChildOf\"}]}",
		"CFAssociations[0].identifier", "is missing");
	/* Spelling is forgiven in case only; extension types pass as they are. */
	struct arena *a = arena_new();
	struct case_package p;
	struct cn_err err = {0};
	assert_int_equal(read_text(a, "{" DOC ", \"CFAssociations\": [{\"identifier\": \"a1\","
				  " \"associationType\": \"ischildof\", \"originNodeURI\": \"u1\","
				  " \"destinationNodeURI\": {\"identifier\": \"d1\"}}, {\"identifier\":"
				  " \"a2\", \"associationType\": \"ext:alignsTo\", \"originNodeURI\":"
				  " \"u1\", \"destinationNodeURI\": \"u2\"}]}",
				  &p, &err),
			 0);
	assert_string_equal(p.associations[0].type, "isChildOf");
	assert_string_equal(p.associations[1].type, "ext:alignsTo");
	/* An end known only by a URI outside the package keeps the URI as identifier. */
	assert_string_equal(p.associations[0].origin.identifier, "u1");
	assert_string_equal(p.associations[0].origin.uri, "u1");
	assert_null(case_association_type("isParentOf"));
	arena_free(a);
}

static void test_identifiers_used_twice(void **state)
{
	(void)state;
	refused("{" DOC ", \"CFItems\": [{\"identifier\": \"i1\", \"fullStatement\": \"x\"},"
		" {\"identifier\": \"i1\", \"fullStatement\": \"y\"}]}",
		"CFItems[1].identifier", "is used twice: CFItems[0] has it too (item i1)");
	refused("{" DOC ", \"CFItems\": [{\"identifier\": \"d1\", \"fullStatement\": \"x\"}]}",
		"CFItems[0].identifier", "CFDocument has it too");
	refused("{" DOC ", \"CFAssociations\": [{\"identifier\": \"a1\", \"associationType\":"
		" \"isPeerOf\", \"originNodeURI\": \"u1\", \"destinationNodeURI\": \"u2\"},"
		" {\"identifier\": \"a1\", \"associationType\": \"isPeerOf\", \"originNodeURI\":"
		" \"u2\", \"destinationNodeURI\": \"u1\"}]}",
		"CFAssociations[1].identifier", "is used twice");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_a_wrapped_1_0_package),
		cmocka_unit_test(test_reads_pre_1_0_field_names),
		cmocka_unit_test(test_not_json_names_line_and_column),
		cmocka_unit_test(test_bad_bytes_are_refused_with_their_place),
		cmocka_unit_test(test_not_a_package),
		cmocka_unit_test(test_items_without_identifier_or_statement),
		cmocka_unit_test(test_wrong_types_are_named),
		cmocka_unit_test(test_associations_need_type_and_ends),
		cmocka_unit_test(test_identifiers_used_twice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
