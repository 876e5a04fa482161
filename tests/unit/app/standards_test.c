/* standards: importing CASE packages (hierarchy, order, re-import, all or nothing) and
 * browsing and finding what was imported, through app/standards/standards.h. */
#include "testlib.h"

#include <jansson.h>

#include "app/standards/standards.h"
#include "core/buf.h"

/* Imports a fixture file; fails the test on error. */
static struct standards_import_result import_file(struct testdb *t, struct arena *a,
						  const char *name)
{
	size_t len;
	char *data = testlib_fixture(arena_printf(a, "case/%s", name), &len);
	struct standards_import_result r;
	struct cn_err err = {0};
	if (standards_import_bytes(t->db, &t->who, a, data, len, name, NULL, &r, &err))
		fail_msg("%s: %s: %s", name, err.field, err.msg);
	free(data);
	return r;
}

/* Imports text; returns the result code, err set on failure. */
static int import_text(struct testdb *t, struct arena *a, const char *text,
		       struct standards_import_result *r, struct cn_err *err)
{
	return standards_import_bytes(t->db, &t->who, a, text, strlen(text), "pkg.json", NULL, r,
				      err);
}

/* The tree's codes (or "-") joined with depth marks: "A >B >>C". */
static const char *tree_codes(struct testdb *t, struct arena *a, int64_t fw)
{
	struct standards_items tree;
	struct cn_err err = {0};
	if (standards_tree(t->db, a, fw, 0, 0, &tree, &err))
		fail_msg("tree: %s", err.msg);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < tree.count; i++) {
		if (i)
			buf_putc(&b, ' ');
		for (int d = 0; d < tree.items[i].depth; d++)
			buf_putc(&b, '>');
		const char *code = tree.items[i].human_coding_scheme;
		buf_puts(&b, code ? code : "-");
	}
	char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* A digest of what an import writes, to show that a failed one changed nothing. */
static int64_t content_digest(struct testdb *t)
{
	return testdb_count(t, "SELECT COUNT(*) * 1000000 + COALESCE(SUM(length(full_statement)"
			       " + position * 7 + COALESCE(parent_id, 0) * 13), 0) FROM cf_item") +
	       testdb_count(t, "SELECT COUNT(*) * 1000 FROM cf_association") +
	       testdb_count(t, "SELECT COUNT(*) * 100000 + COALESCE(SUM(version), 0) FROM framework") +
	       testdb_count(t, "SELECT COUNT(*) * 10 FROM search_entry");
}

static const char BASIC_TREE[] =
	"- >KY.6.RP.A >>KY.6.RP.1 >>KY.6.RP.2 >>KY.6.RP.3 >>>KY.6.RP.3a >>>KY.6.RP.3b"
	" >KY.7.RP.A >>KY.7.RP.2 >>KY.7.RP.3 >>KY.7.RP.1";

static void test_import_builds_the_ordered_hierarchy(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct standards_import_result r = import_file(t, a, "basic.json");
	assert_true(r.created);
	assert_true(r.changed);
	assert_int_equal(r.items_added, 11);
	assert_int_equal(r.associations_added, 15);
	assert_int_equal(r.warning_count, 0);
	/* isChildOf builds the tree; siblings by sequenceNumber (7.RP: 2, 3, 1), else by
	 * code (6.RP.3 comes first in the package). */
	assert_string_equal(tree_codes(t, a, r.framework_id), BASIC_TREE);
	/* Every association is kept, one audit event records the import. */
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM cf_association"), 15);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE action = 'import'"
					 " AND entity = 'framework'"),
			 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), 1);
	struct standards_framework fw;
	struct cn_err err = {0};
	assert_int_equal(standards_framework_find(t->db, a, "c5d7a0e0-0001-4000-8000-000000000001",
						  &fw, &err),
			 0);
	assert_int_equal(fw.id, r.framework_id);
	assert_int_equal(fw.item_count, 11);
	assert_string_equal(fw.publisher, "Sample State Department of Education");
	arena_free(a);
	testdb_close(t);
}

static void test_string_sequence_numbers_and_pre_1_0_names(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct standards_import_result r = import_file(t, a, "prerelease.json");
	/* "1" before "2" even though the second has a code and the first none. */
	assert_string_equal(tree_codes(t, a, r.framework_id), "SCI.MS-PS1-5 >- >SCI.MS-PS1-5.a");
	struct standards_item it;
	struct cn_err err = {0};
	assert_int_equal(standards_item_find(t->db, a, "sci.ms-ps1-5", 0, &it, &err), 0);
	assert_int_equal(it.neducation_levels, 3);
	assert_string_equal(it.item_type, "Standard");
	assert_int_equal(it.child_count, 2);
	arena_free(a);
	testdb_close(t);
}

static void test_codes_sort_as_people_read_them(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct standards_import_result r;
	struct cn_err err = {0};
	const char *pkg =
		"{\"CFDocument\": {\"identifier\": \"d\", \"title\": \"T\"}, \"CFItems\": ["
		"{\"identifier\": \"x10\", \"humanCodingScheme\": \"L1.10\", \"fullStatement\": \"ten\"},"
		"{\"identifier\": \"x2\", \"humanCodingScheme\": \"l1.2\", \"fullStatement\": \"two\"},"
		"{\"identifier\": \"xn\", \"fullStatement\": \"no code\"},"
		"{\"identifier\": \"x1\", \"humanCodingScheme\": \"L1.1\", \"fullStatement\": \"one\"}],"
		"\"CFAssociations\": []}";
	assert_int_equal(import_text(t, a, pkg, &r, &err), 0);
	assert_string_equal(tree_codes(t, a, r.framework_id), "L1.1 l1.2 L1.10 -");
	/* Items without isChildOf are at the top, and the import says so. */
	assert_int_equal(r.warning_count, 1);
	assert_non_null(strstr(r.warnings[0], "4 items have no isChildOf association"));
	arena_free(a);
	testdb_close(t);
}

static void test_reimport_is_idempotent(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct standards_import_result first = import_file(t, a, "basic.json");
	int64_t before = content_digest(t);
	struct standards_import_result again = import_file(t, a, "basic.json");
	assert_false(again.created);
	assert_false(again.changed);
	assert_int_equal(again.framework_id, first.framework_id);
	assert_int_equal(again.items_unchanged, 11);
	assert_int_equal(again.associations_unchanged, 15);
	assert_int_equal(content_digest(t), before);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM framework"), 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM search_entry"), 11);
	arena_free(a);
	testdb_close(t);
}

static void test_reimport_updates_by_identifier(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct standards_import_result first = import_file(t, a, "basic.json");
	struct standards_import_result r = import_file(t, a, "updated.json");
	assert_int_equal(r.framework_id, first.framework_id);
	assert_true(r.changed);
	assert_int_equal(r.items_added, 1);	/* 6.RP.3c */
	assert_int_equal(r.items_updated, 1);	/* 6.RP.2's statement */
	assert_int_equal(r.items_moved, 3);	/* 7.RP.1 moved first */
	assert_int_equal(r.items_unchanged, 6);
	assert_int_equal(r.items_withdrawn, 1); /* 6.RP.3b */
	assert_int_equal(r.associations_added, 1);
	assert_int_equal(r.associations_updated, 1);
	assert_int_equal(r.associations_removed, 2);
	assert_string_equal(tree_codes(t, a, r.framework_id),
			    "- >KY.6.RP.A >>KY.6.RP.1 >>KY.6.RP.2 >>KY.6.RP.3 >>>KY.6.RP.3a"
			    " >>>KY.6.RP.3c >KY.7.RP.A >>KY.7.RP.1 >>KY.7.RP.2 >>KY.7.RP.3");
	struct cn_err err = {0};
	struct standards_item it;
	assert_int_equal(standards_item_find(t->db, a, "KY.6.RP.2", 0, &it, &err), 0);
	assert_non_null(strstr(it.full_statement, "unit pricing"));
	/* The withdrawn item stays (targets may point to it), found by identifier. */
	assert_int_equal(standards_item_find(t->db, a, "c5d7a0e0-0111-4000-8000-000000000111", 0,
					     &it, &err),
			 0);
	assert_non_null(it.withdrawn_at);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM cf_item"), 12);
	struct standards_framework fw;
	assert_int_equal(standards_framework_get(t->db, a, r.framework_id, &fw, &err), 0);
	assert_int_equal(fw.version, 2);
	assert_int_equal(fw.item_count, 11);
	/* The search follows: the new words are found, the withdrawn item is not. */
	struct standards_query q = {.words = "unit pricing"};
	struct standards_hit *hits;
	size_t n;
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), 0);
	assert_int_equal(n, 1); /* 6.RP.2 says it now; 6.RP.3b, which said it, is gone */
	assert_string_equal(hits[0].item.human_coding_scheme, "KY.6.RP.2");
	arena_free(a);
	testdb_close(t);
}

static void test_withdrawn_items_come_back(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	import_file(t, a, "basic.json");
	import_file(t, a, "updated.json");
	struct standards_import_result r = import_file(t, a, "basic.json");
	assert_int_equal(r.items_withdrawn, 1); /* 6.RP.3c, new in the update */
	assert_int_equal(r.items_updated, 2);	/* 6.RP.3b back, 6.RP.2 restored */
	assert_string_equal(tree_codes(t, a, r.framework_id), BASIC_TREE);
	struct standards_query q = {.words = "unit pricing"};
	struct standards_hit *hits;
	size_t n;
	struct cn_err err = {0};
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].item.human_coding_scheme, "KY.6.RP.3b");
	assert_null(hits[0].item.withdrawn_at);
	arena_free(a);
	testdb_close(t);
}

static void test_a_broken_package_changes_nothing(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	import_file(t, a, "basic.json");
	int64_t before = content_digest(t);
	int64_t audits = testdb_count(t, "SELECT COUNT(*) FROM audit_event");
	struct standards_import_result r;
	struct cn_err err = {0};
	/* Valid until its last item, which lacks its statement. */
	size_t len;
	char *data = testlib_fixture("case/updated.json", &len);
	char *cut = strstr(data, "\"fullStatement\": \"Find a percent");
	assert_non_null(cut);
	memcpy(cut, "\"fullStatemenX", 14);
	assert_int_equal(standards_import_bytes(t->db, &t->who, a, data, len, "u.json", NULL, &r,
						&err),
			 -1);
	assert_string_equal(err.field, "CFItems[10].fullStatement");
	assert_non_null(strstr(err.msg, "c5d7a0e0-0112-4000-8000-000000000112"));
	free(data);
	/* An item of another framework: found while writing, after the framework row
	 * was written; all of it is rolled back. */
	const char *thief =
		"{\"CFDocument\": {\"identifier\": \"other\", \"title\": \"Other\"}, \"CFItems\": ["
		"{\"identifier\": \"new-1\", \"fullStatement\": \"fine\"},"
		"{\"identifier\": \"c5d7a0e0-0103-4000-8000-000000000103\", \"fullStatement\": \"x\"}]}";
	assert_int_equal(import_text(t, a, thief, &r, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_string_equal(err.field, "CFItems[1].identifier");
	assert_non_null(strstr(err.msg, "already belongs to framework 1 (Sample Academic"));
	assert_int_equal(content_digest(t), before);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), audits);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM framework"), 1);
	arena_free(a);
	testdb_close(t);
}

static const char LOOP[] =
	"{\"CFDocument\": {\"identifier\": \"d\", \"title\": \"T\"}, \"CFItems\": ["
	"{\"identifier\": \"a\", \"fullStatement\": \"A\"},"
	"{\"identifier\": \"b\", \"fullStatement\": \"B\"},"
	"{\"identifier\": \"c\", \"fullStatement\": \"C\"}],"
	"\"CFAssociations\": ["
	"{\"identifier\": \"1\", \"associationType\": \"isChildOf\", \"originNodeURI\":"
	" {\"identifier\": \"c\"}, \"destinationNodeURI\": {\"identifier\": \"d\"}},"
	"{\"identifier\": \"2\", \"associationType\": \"isChildOf\", \"originNodeURI\":"
	" {\"identifier\": \"a\"}, \"destinationNodeURI\": {\"identifier\": \"b\"}},"
	"{\"identifier\": \"3\", \"associationType\": \"isChildOf\", \"originNodeURI\":"
	" {\"identifier\": \"b\"}, \"destinationNodeURI\": {\"identifier\": \"a\"}}]}";

static void test_a_loop_of_parents_is_refused(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct standards_import_result r;
	struct cn_err err = {0};
	assert_int_equal(import_text(t, a, LOOP, &r, &err), -1);
	assert_int_equal(err.kind, CN_ERR_INPUT);
	assert_string_equal(err.field, "CFAssociations[2]");
	assert_non_null(strstr(err.msg, "form a loop: a -> b -> a"));
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM framework"), 0);
	/* An item its own parent is a loop too. */
	const char *self =
		"{\"CFDocument\": {\"identifier\": \"d\", \"title\": \"T\"}, \"CFItems\": ["
		"{\"identifier\": \"a\", \"fullStatement\": \"A\"}], \"CFAssociations\": ["
		"{\"identifier\": \"1\", \"associationType\": \"isChildOf\", \"originNodeURI\":"
		" {\"identifier\": \"a\"}, \"destinationNodeURI\": {\"identifier\": \"a\"}}]}";
	assert_int_equal(import_text(t, a, self, &r, &err), -1);
	assert_non_null(strstr(err.msg, "a -> a"));
	arena_free(a);
	testdb_close(t);
}

static void test_dangling_and_double_parents_are_reported(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct standards_import_result r;
	struct cn_err err = {0};
	const char *pkg =
		"{\"CFDocument\": {\"identifier\": \"d\", \"title\": \"T\"}, \"CFItems\": ["
		"{\"identifier\": \"p\", \"humanCodingScheme\": \"P\", \"fullStatement\": \"P\"},"
		"{\"identifier\": \"q\", \"humanCodingScheme\": \"Q\", \"fullStatement\": \"Q\"},"
		"{\"identifier\": \"lost\", \"humanCodingScheme\": \"L\", \"fullStatement\": \"L\"},"
		"{\"identifier\": \"two\", \"humanCodingScheme\": \"T\", \"fullStatement\": \"T\"}],"
		"\"CFAssociations\": ["
		"{\"identifier\": \"1\", \"associationType\": \"isChildOf\", \"originNodeURI\":"
		" {\"identifier\": \"p\"}, \"destinationNodeURI\": {\"identifier\": \"d\"}},"
		"{\"identifier\": \"2\", \"associationType\": \"isChildOf\", \"originNodeURI\":"
		" {\"identifier\": \"q\"}, \"destinationNodeURI\": {\"identifier\": \"d\"}},"
		"{\"identifier\": \"3\", \"associationType\": \"isChildOf\", \"originNodeURI\":"
		" {\"identifier\": \"lost\"}, \"destinationNodeURI\": {\"identifier\": \"nowhere\"}},"
		"{\"identifier\": \"4\", \"associationType\": \"isChildOf\", \"originNodeURI\":"
		" {\"identifier\": \"two\"}, \"destinationNodeURI\": {\"identifier\": \"d\"}},"
		"{\"identifier\": \"5\", \"associationType\": \"isChildOf\", \"originNodeURI\":"
		" {\"identifier\": \"two\"}, \"destinationNodeURI\": {\"identifier\": \"q\"}},"
		"{\"identifier\": \"6\", \"associationType\": \"isChildOf\", \"originNodeURI\":"
		" {\"identifier\": \"two\"}, \"destinationNodeURI\": {\"identifier\": \"p\"}},"
		"{\"identifier\": \"7\", \"associationType\": \"isChildOf\", \"originNodeURI\":"
		" {\"identifier\": \"elsewhere\"}, \"destinationNodeURI\": {\"identifier\": \"p\"}}]}";
	assert_int_equal(import_text(t, a, pkg, &r, &err), 0);
	/* The lost item at the top; the double child under its first item parent. */
	assert_string_equal(tree_codes(t, a, r.framework_id), "L P Q >T");
	assert_int_equal(r.warning_count, 3);
	const char *all = arena_printf(a, "%s|%s|%s", r.warnings[0], r.warnings[1], r.warnings[2]);
	assert_non_null(strstr(all, "association 7: its origin elsewhere is not an item"));
	assert_non_null(strstr(all, "association 3: item lost is a child of nowhere, which is "
				    "neither in this package nor its document"));
	assert_non_null(strstr(all, "item two has 3 isChildOf parents; it is placed under q"));
	/* Every association is kept all the same. */
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM cf_association"), 7);
	arena_free(a);
	testdb_close(t);
}

static void test_dry_run_writes_nothing(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	size_t len;
	char *data = testlib_fixture("case/basic.json", &len);
	struct standards_import_opts opts = {.dry_run = 1};
	struct standards_import_result r;
	struct cn_err err = {0};
	assert_int_equal(
		standards_import_bytes(t->db, &t->who, a, data, len, "b.json", &opts, &r, &err), 0);
	assert_int_equal(r.items_added, 11);
	assert_int_equal(r.framework_id, 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM cf_item"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM search_entry"), 0);
	free(data);
	arena_free(a);
	testdb_close(t);
}

static void test_find_by_code_prefix_with_paths(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct standards_import_result basic = import_file(t, a, "basic.json");
	import_file(t, a, "prerelease.json");
	struct standards_query q = {.code_prefix = "ky.6.rp.3"};
	struct standards_hit *hits;
	size_t n;
	struct cn_err err = {0};
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(hits[0].item.human_coding_scheme, "KY.6.RP.3");
	assert_string_equal(hits[1].item.human_coding_scheme, "KY.6.RP.3a");
	/* The path runs from the top: domain, cluster, standard. */
	assert_int_equal(hits[1].path.count, 3);
	assert_null(hits[1].path.items[0].human_coding_scheme);
	assert_string_equal(hits[1].path.items[1].human_coding_scheme, "KY.6.RP.A");
	assert_string_equal(hits[1].path.items[2].human_coding_scheme, "KY.6.RP.3");
	/* Limits and frameworks. */
	q.code_prefix = "KY.";
	q.limit = 2;
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), 0);
	assert_int_equal(n, 2);
	q.limit = 0;
	q.code_prefix = "SCI";
	q.framework_id = basic.framework_id;
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), 0);
	assert_int_equal(n, 0);
	q.framework_id = 0;
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), 0);
	assert_int_equal(n, 2);
	/* Text that is not a code prefix of anything, and LIKE's own signs, find nothing. */
	q.code_prefix = "KY%";
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), 0);
	assert_int_equal(n, 0);
	q.code_prefix = "";
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), -1);
	assert_int_equal(err.kind, CN_ERR_INPUT);
	arena_free(a);
	testdb_close(t);
}

static void test_find_by_words(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct standards_import_result basic = import_file(t, a, "basic.json");
	struct standards_import_result sci = import_file(t, a, "prerelease.json");
	struct standards_query q = {.words = "ratio languag"};
	struct standards_hit *hits;
	size_t n;
	struct cn_err err = {0};
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), 0);
	assert_true(n >= 1);
	/* The abbreviated statement is in the title, which weighs most. */
	assert_string_equal(hits[0].item.human_coding_scheme, "KY.6.RP.1");
	assert_true(hits[0].score > 0);
	assert_int_equal(hits[0].path.count, 2);
	/* Education level and framework filter. */
	q.words = "proportional";
	q.level = "07";
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), 0);
	assert_int_equal(n, 4); /* the domain (06 and 07), the 7.RP cluster, 7.RP.2, 7.RP.3 */
	for (size_t i = 0; i < n; i++) {
		const struct standards_item *it = &hits[i].item;
		assert_string_equal(it->education_levels[it->neducation_levels - 1], "07");
	}
	q.level = "!!";
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), -1);
	assert_string_equal(err.field, "level");
	q.level = NULL;
	q.words = "atoms";
	q.framework_id = basic.framework_id;
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), 0);
	assert_int_equal(n, 0);
	q.framework_id = sci.framework_id;
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), 0);
	assert_int_equal(n, 2); /* "atoms" and, stemmed, "atomic" */
	q.framework_id = 999;
	assert_int_equal(standards_find(t->db, a, &q, &hits, &n, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	arena_free(a);
	testdb_close(t);
}

static void test_items_by_id_identifier_or_code(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct standards_import_result first = import_file(t, a, "basic.json");
	struct standards_item it, again;
	struct cn_err err = {0};
	assert_int_equal(standards_item_find(t->db, a, "http://asn.jesandco.org/resources/S9000001",
					     0, &it, &err),
			 0);
	assert_string_equal(it.human_coding_scheme, "KY.6.RP.3a");
	char id[32];
	snprintf(id, sizeof(id), "%lld", (long long)it.id);
	assert_int_equal(standards_item_find(t->db, a, id, 0, &again, &err), 0);
	assert_string_equal(again.identifier, it.identifier);
	assert_int_equal(standards_item_find(t->db, a, "nothing", 0, &it, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	/* The same code in a second framework: ambiguous unless the framework is given. */
	const char *copy =
		"{\"CFDocument\": {\"identifier\": \"d2\", \"title\": \"Copy\"}, \"CFItems\": ["
		"{\"identifier\": \"k1\", \"humanCodingScheme\": \"KY.6.RP.1\", \"fullStatement\": "
		"\"x\"}]}";
	struct standards_import_result r;
	assert_int_equal(import_text(t, a, copy, &r, &err), 0);
	assert_int_equal(standards_item_find(t->db, a, "ky.6.rp.1", 0, &it, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "(Copy)"));
	assert_int_equal(standards_item_find(t->db, a, "ky.6.rp.1", first.framework_id, &it, &err),
			 0);
	assert_int_equal(it.framework_id, first.framework_id);
	arena_free(a);
	testdb_close(t);
}

static void test_detail_children_and_associations(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	import_file(t, a, "basic.json");
	struct standards_item it;
	struct standards_detail d;
	struct cn_err err = {0};
	assert_int_equal(standards_item_find(t->db, a, "KY.6.RP.3", 0, &it, &err), 0);
	assert_int_equal(standards_detail(t->db, a, it.id, &d, &err), 0);
	assert_int_equal(d.path.count, 2);
	assert_int_equal(d.children.count, 2);
	assert_string_equal(d.children.items[0].human_coding_scheme, "KY.6.RP.3a");
	/* Its isChildOf links are the path and the children; what remains: the exact
	 * match in a framework capnet does not have. */
	assert_int_equal(d.nlinks, 1);
	assert_string_equal(d.links[0].type, "exactMatchOf");
	assert_true(d.links[0].outgoing);
	assert_int_equal(d.links[0].other_item_id, 0);
	assert_string_equal(d.links[0].other_title, "CCSS.Math.Content.6.RP.A.3");
	/* Incoming links name the item capnet has for the other end. */
	assert_int_equal(standards_item_find(t->db, a, "KY.6.RP.2", 0, &it, &err), 0);
	assert_int_equal(standards_detail(t->db, a, it.id, &d, &err), 0);
	assert_int_equal(d.nlinks, 2);
	for (size_t i = 0; i < d.nlinks; i++) {
		assert_false(d.links[i].outgoing);
		assert_true(d.links[i].other_item_id > 0);
	}
	/* One level at a time. */
	struct standards_items level;
	assert_int_equal(standards_children(t->db, a, it.framework_id, 0, &level, &err), 0);
	assert_int_equal(level.count, 1);
	assert_int_equal(level.items[0].child_count, 2);
	assert_int_equal(standards_children(t->db, a, it.framework_id, level.items[0].id, &level,
					    &err),
			 0);
	assert_int_equal(level.count, 2);
	assert_string_equal(level.items[1].human_coding_scheme, "KY.7.RP.A");
	arena_free(a);
	testdb_close(t);
}

static void test_tree_under_depth_and_json(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct standards_import_result r = import_file(t, a, "basic.json");
	struct standards_items tree;
	struct cn_err err = {0};
	assert_int_equal(standards_tree(t->db, a, r.framework_id, 0, 2, &tree, &err), 0);
	assert_int_equal(tree.count, 3); /* the domain and its two clusters */
	struct standards_item cluster;
	assert_int_equal(standards_item_find(t->db, a, "KY.6.RP.A", 0, &cluster, &err), 0);
	assert_int_equal(standards_tree(t->db, a, r.framework_id, cluster.id, 0, &tree, &err), 0);
	assert_int_equal(tree.count, 5);
	assert_int_equal(tree.items[0].depth, 0);
	assert_int_equal(tree.items[4].depth, 1);
	assert_int_equal(tree.items[2].child_count, 2);
	assert_int_equal(standards_tree(t->db, a, r.framework_id + 1, cluster.id, 0, &tree, &err),
			 -1);
	assert_int_equal(standards_tree(t->db, a, 77, 0, 0, &tree, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	/* JSON nests children; the whole tree is one valid document. */
	assert_int_equal(standards_tree(t->db, a, r.framework_id, 0, 0, &tree, &err), 0);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	standards_tree_json(&w, &tree);
	json_error_t jerr;
	json_t *root = json_loads(buf_str(&b), 0, &jerr);
	assert_non_null(root);
	assert_int_equal(json_array_size(root), 1);
	json_t *clusters = json_object_get(json_array_get(root, 0), "children");
	assert_int_equal(json_array_size(clusters), 2);
	json_t *rp3 = json_array_get(json_object_get(json_array_get(clusters, 0), "children"), 2);
	assert_string_equal(json_string_value(json_object_get(rp3, "human_coding_scheme")),
			    "KY.6.RP.3");
	assert_int_equal(json_array_size(json_object_get(rp3, "children")), 2);
	json_decref(root);
	buf_free(&b);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_builds_the_ordered_hierarchy),
		cmocka_unit_test(test_string_sequence_numbers_and_pre_1_0_names),
		cmocka_unit_test(test_codes_sort_as_people_read_them),
		cmocka_unit_test(test_reimport_is_idempotent),
		cmocka_unit_test(test_reimport_updates_by_identifier),
		cmocka_unit_test(test_withdrawn_items_come_back),
		cmocka_unit_test(test_a_broken_package_changes_nothing),
		cmocka_unit_test(test_a_loop_of_parents_is_refused),
		cmocka_unit_test(test_dangling_and_double_parents_are_reported),
		cmocka_unit_test(test_dry_run_writes_nothing),
		cmocka_unit_test(test_find_by_code_prefix_with_paths),
		cmocka_unit_test(test_find_by_words),
		cmocka_unit_test(test_items_by_id_identifier_or_code),
		cmocka_unit_test(test_detail_children_and_associations),
		cmocka_unit_test(test_tree_under_depth_and_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
