/* table: CSV of one table and of several (the union of columns with a section
 * column), the formula guard, and XLSX sheet names Excel accepts. */
#include "testapp.h"

#include "core/buf.h"
#include "io/table_write.h"

static const char *const cols_a[] = {"id", "title", NULL};
static const char *const cols_b[] = {"id", "status", "title", NULL};

static void test_csv_one_and_many(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct table *x = table_new(a, "goals", cols_a);
	table_row(x);
	table_set_number(x, "id", 7);
	table_set_text(x, "title", "Say \"hi\", then go");
	table_set_text(x, "no such column", "ignored");
	table_row(x);
	table_set_text(x, "title", "-5% absences");
	struct buf b = BUF_INIT;
	const struct table *one[] = {x};
	table_csv(one, 1, &b);
	assert_string_equal(buf_str(&b), "\"id\",\"title\"\r\n"
					 "\"7\",\"Say \"\"hi\"\", then go\"\r\n"
					 "\"\",\"'-5% absences\"\r\n");
	buf_reset(&b);
	struct table *y = table_new(a, "actions", cols_b);
	table_row(y);
	table_set_number(y, "id", 1.5);
	table_set_text(y, "status", "done");
	const struct table *two[] = {x, y};
	table_csv(two, 2, &b);
	const char *want = "\"section\",\"id\",\"title\",\"status\"\r\n"
			   "\"goals\",\"7\",\"Say \"\"hi\"\", then go\",\"\"\r\n"
			   "\"goals\",\"\",\"'-5% absences\",\"\"\r\n"
			   "\"actions\",\"1.5\",\"\",\"done\"\r\n";
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
	arena_free(a);
}

/* Every text cell a spreadsheet would run as a formula or shift (= + - @, tab, carriage
 * return first) gets a leading apostrophe; numbers, negative ones too, stay numbers. */
static void test_csv_neutralizes_formulas(void **state)
{
	(void)state;
	static const char *const cols[] = {"name", "n", NULL};
	static const char *const bad[] = {"=HYPERLINK(\"http://x\",\"y\")", "+1", "-1", "@SUM(A1)",
					  "\tx", "\rx"};
	struct arena *a = arena_new();
	struct table *t = table_new(a, "orgs", cols);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		table_row(t);
		table_text(t, bad[i]);
		table_number(t, -2.5);
	}
	table_row(t);
	table_text(t, "plain = fine");
	table_int(t, -3);
	struct buf b = BUF_INIT;
	const struct table *one[] = {t};
	table_csv(one, 1, &b);
	assert_string_equal(buf_str(&b), "\"name\",\"n\"\r\n"
					 "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"-2.5\"\r\n"
					 "\"'+1\",\"-2.5\"\r\n"
					 "\"'-1\",\"-2.5\"\r\n"
					 "\"'@SUM(A1)\",\"-2.5\"\r\n"
					 "\"'\tx\",\"-2.5\"\r\n"
					 "\"'\rx\",\"-2.5\"\r\n"
					 "\"plain = fine\",\"-3\"\r\n");
	buf_free(&b);
	arena_free(a);
}

static void test_xlsx_sheet_names(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct table *x = table_new(a, "a very long sheet name: with [odd] chars*?/\\", cols_a);
	table_row(x);
	table_set_text(x, "title", "t");
	struct table *y = table_new(a, "", cols_a);
	const struct table *both[] = {x, y};
	struct buf b = BUF_INIT;
	struct cn_err err = {0};
	assert_int_equal(table_xlsx(both, 2, &b, &err), 0);
	char *book = testapp_zip_entry(&b, "xl/workbook.xml");
	assert_non_null(book);
	assert_non_null(strstr(book, "name=\"a very long sheet name_ with _o\""));
	assert_non_null(strstr(book, "name=\"Sheet2\""));
	free(book);
	char *sheet2 = testapp_zip_entry(&b, "xl/worksheets/sheet2.xml");
	assert_non_null(sheet2);
	free(sheet2);
	buf_free(&b);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_one_and_many),
		cmocka_unit_test(test_csv_neutralizes_formulas),
		cmocka_unit_test(test_xlsx_sheet_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
