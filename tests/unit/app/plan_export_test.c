/* plan_export: a plan as PDF (a real PDF with a sane page count), XLSX (a ZIP workbook
 * with the five sheets and the plan's text) and CSV (parsed back cell by cell), and
 * the 704 KAR 3:035 view built from the plan's records. */
#include "testapp.h"

#include <csv.h>

#include "app/assessment/assessment.h"
#include "app/network/network.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "app/plan/plan.h"
#include "app/plan/plan_export.h"
#include "app/plan/plan_kar.h"
#include "core/buf.h"
#include "app/network/team.h"
#include "app/org/membership.h"


/* A district plan (1) with ngoals goals (goal 1 linked to need LC.2), an action per
 * goal, a progress check on goal 1, and a PLC session for action 1. */
static int64_t plan_fixture(struct testdb *t, struct arena *a, int ngoals)
{
	struct cn_err err = {0};
	testapp_make(t, a, &org_entity, (const char *[]){"kind", "state", "name", "KDE", NULL});
	testapp_make(t, a, &org_entity,
	     (const char *[]){"kind", "district", "name", "Daviess County Public Schools",
			      "parent_id", "1", NULL});
	testapp_make(t, a, &network_entity,
	     (const char *[]){"name", "Green River Mathematics Leadership Network",
			      "content_area", "mathematics", "school_year", "2026-27", NULL});
	testapp_make(t, a, &team_entity, (const char *[]){"network_id", "1", "district_id", "2", NULL});
	testapp_make(t, a, &person_entity,
	     (const char *[]){"given_name", "Dee", "family_name", "Núñez", "email", "dee@d.org",
			      NULL});
	testapp_make(t, a, &membership_entity,
	     (const char *[]){"person_id", "1", "org_id", "2", "role", "district_lead", NULL});
	assert_int_equal(team_member_set(t->db, &t->who, 1, 1, "lead", &err), 0);
	testapp_make(t, a, &assessment_entity, (const char *[]){"team_id", "1", NULL});
	int64_t lc2 = 0;
	struct assessment_rating_in in = {2, 4, "PLCs meet once a month", "high"};
	assert_int_equal(assessment_indicator(t->db, 1, "LC.2", &lc2, &err), 0);
	assert_int_equal(assessment_rate(t->db, &t->who, 1, lc2, &in, &err), 0);
	int64_t plan = testapp_make(t, a, &plan_entity, (const char *[]){"team_id", "1", NULL});
	for (int i = 0; i < ngoals; i++) {
		char title[200], id[24];
		snprintf(title, sizeof(title),
			 i == 1 ? "=HYPERLINK(\"http://x\") goal %d"
				: "Goal %d: every teacher studies student work in a PLC each week, "
				  "with protocols the team adapted for its own schools",
			 i + 1);
		int64_t g = testapp_make(t, a, &plan_goal_entity,
				 (const char *[]){"plan_id", "1", "title", title, "baseline",
						  "monthly PLCs", "target", "weekly PLCs", "deadline",
						  "2027-05-31", "measure",
						  "PLC logs and walkthroughs, reviewed each quarter",
						  NULL});
		snprintf(id, sizeof(id), "%lld", (long long)g);
		testapp_make(t, a, &plan_action_entity,
		     (const char *[]){"plan_id", "1", "goal_id", id, "kind", "deliver_pd", "title",
				      "Lead PLC cycles on student work", "owner_id", "1",
				      "starts_on", "2026-09-01", "due_on", "2027-04-30", NULL});
	}
	assert_int_equal(plan_goal_link_need(t->db, &t->who, 1, 1, lc2, &err), 0);
	testapp_make(t, a, &progress_check_entity,
	     (const char *[]){"goal_id", "1", "checked_on", "2026-12-01", "status", "on_track",
			      "evidence", "18 of 20 PLCs met weekly", "next_steps",
			      "Add a protocol for grade 5", "guskey_level", "3", NULL});
	const char *months[] = {"2026-09-10", "2026-10-08", "2026-11-12"};
	for (int i = 0; i < 3; i++) {
		struct store_stmt *q = store_prepare(t->db,
				  "INSERT INTO pd_session (team_id, action_id, title, held_on, minutes,"
				  " pd_format, facilitator_id, uid, created_at, updated_at) VALUES (1, 1,"
				  " 'PLC cycle', ?1, 45, 'plc', 1, ?1, 'x', 'x')",
				  &err);
		assert_non_null(q);
		store_bind_text(q, 1, months[i]);
		assert_int_equal(store_step(q, &err), 0);
		store_done(q);
	}
	return plan;
}

static void test_pdf_is_a_pdf_with_sane_pages(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	int64_t plan = plan_fixture(t, a, 2);
	struct buf b = BUF_INIT;
	int pages = 0;
	assert_int_equal(plan_export(t->db, plan, NULL, PLAN_EXPORT_PDF, &b, &pages, &err), 0);
	assert_true(b.len > 2000);
	assert_memory_equal(b.data, "%PDF-", 5);
	assert_non_null(memmem(b.data, b.len, "%%EOF", 5));
	assert_int_equal(testapp_pdf_pages(&b), pages);
	assert_true(pages >= 1 && pages <= 3);
	buf_free(&b);
	arena_free(a);
	testdb_close(t);
	/* A long plan runs over several pages, each counted. */
	t = testdb_open();
	a = arena_new();
	plan = plan_fixture(t, a, 40);
	assert_int_equal(plan_export(t->db, plan, NULL, PLAN_EXPORT_PDF, &b, &pages, &err), 0);
	assert_int_equal(testapp_pdf_pages(&b), pages);
	assert_true(pages >= 5 && pages <= 40);
	buf_free(&b);
	arena_free(a);
	testdb_close(t);
}

static void test_xlsx_is_a_workbook_with_the_plan(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	int64_t plan = plan_fixture(t, a, 2);
	struct buf b = BUF_INIT;
	assert_int_equal(plan_export(t->db, plan, NULL, PLAN_EXPORT_XLSX, &b, NULL, &err), 0);
	assert_true(b.len > 1000);
	assert_memory_equal(b.data, "PK\x03\x04", 4);
	char *book = testapp_zip_entry(&b, "xl/workbook.xml");
	assert_non_null(book);
	const char *sheets[] = {"\"plan\"", "\"goals\"", "\"needs\"", "\"actions\"",
				"\"progress\""};
	for (int i = 0; i < 5; i++)
		assert_non_null(strstr(book, sheets[i]));
	free(book);
	char *strings = testapp_zip_entry(&b, "xl/sharedStrings.xml");
	assert_non_null(strings);
	assert_non_null(strstr(strings, "Lead PLC cycles on student work"));
	assert_non_null(strstr(strings, "18 of 20 PLCs met weekly"));
	assert_non_null(strstr(strings, "Dee Núñez"));
	free(strings);
	char *s5 = testapp_zip_entry(&b, "xl/worksheets/sheet5.xml");
	assert_non_null(s5);
	assert_null(strstr(s5, "<f>")); /* no formulas, ever */
	free(s5);
	buf_free(&b);
	arena_free(a);
	testdb_close(t);
}

struct csv_rows {
	char *cell[64][40];
	int row, col, rows;
};

static void csv_on_cell(void *s, size_t n, void *data)
{
	struct csv_rows *r = data;
	if (r->row < 64 && r->col < 40)
		r->cell[r->row][r->col] = strndup(s, n);
	r->col++;
}

static void csv_on_row(int c, void *data)
{
	(void)c;
	struct csv_rows *r = data;
	r->row++;
	r->rows++;
	r->col = 0;
}

static int csv_column(const struct csv_rows *r, const char *name)
{
	for (int c = 0; c < 40 && r->cell[0][c]; c++)
		if (strcmp(r->cell[0][c], name) == 0)
			return c;
	fail_msg("no column %s", name);
	return -1;
}

static void test_csv_parses_back(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	int64_t plan = plan_fixture(t, a, 2);
	struct buf b = BUF_INIT;
	assert_int_equal(plan_export(t->db, plan, NULL, PLAN_EXPORT_CSV, &b, NULL, &err), 0);
	struct csv_parser p;
	struct csv_rows *r = calloc(1, sizeof(*r));
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
	assert_int_equal(csv_parse(&p, b.data, b.len, csv_on_cell, csv_on_row, r), b.len);
	assert_int_equal(csv_fini(&p, csv_on_cell, csv_on_row, r), 0);
	csv_free(&p);
	/* header, plan, 2 goals, 1 need, 2 actions, 1 progress check */
	assert_int_equal(r->rows, 8);
	assert_string_equal(r->cell[0][0], "section");
	int title = csv_column(r, "title"), status = csv_column(r, "status");
	int evidence = csv_column(r, "evidence"), owner = csv_column(r, "owner");
	assert_string_equal(r->cell[1][0], "plan");
	assert_string_equal(r->cell[1][status], "draft");
	assert_string_equal(r->cell[2][0], "goals");
	assert_true(strncmp(r->cell[2][title], "Goal 1: every teacher", 21) == 0);
	/* A cell a spreadsheet would run as a formula is kept as text. */
	assert_string_equal(r->cell[3][title], "'=HYPERLINK(\"http://x\") goal 2");
	assert_string_equal(r->cell[4][0], "needs");
	assert_string_equal(r->cell[4][csv_column(r, "code")], "LC.2");
	assert_string_equal(r->cell[5][0], "actions");
	assert_string_equal(r->cell[5][owner], "Dee Núñez");
	assert_string_equal(r->cell[7][0], "progress");
	assert_string_equal(r->cell[7][evidence], "18 of 20 PLCs met weekly");
	for (int i = 0; i < 64; i++)
		for (int c = 0; c < 40; c++)
			free(r->cell[i][c]);
	free(r);
	buf_free(&b);
	arena_free(a);
	testdb_close(t);
}

static void test_kar_view_names_records_and_limits(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	int64_t plan = plan_fixture(t, a, 2);
	struct plan_kar k;
	assert_int_equal(plan_kar_evidence(t->db, a, NULL, plan, &k, &err), 0);
	/* Goal 1 is linked to a need but no action links aligned materials: partly. */
	assert_string_equal(k.items[KAR_ALIGNED].status, "partly evidenced");
	assert_string_equal(k.items[KAR_ALIGNED].records[0].kind, "goal");
	assert_string_equal(k.items[KAR_CONTENT_PEDAGOGY].status, "no records");
	/* PLC sessions in three months, led by the team's lead. */
	assert_string_equal(k.items[KAR_ONGOING].status, "evidenced");
	assert_string_equal(k.items[KAR_EDUCATOR_FACILITATED].status, "evidenced");
	assert_string_equal(k.items[KAR_COLLABORATIVE].status, "evidenced");
	/* One progress check but no second version or review yet. */
	assert_string_equal(k.items[KAR_CONTINUOUS_IMPROVEMENT].status, "partly evidenced");
	for (int i = 0; i < KAR_COUNT; i++) {
		assert_non_null(k.items[i].limits);
		assert_true(strlen(k.items[i].limits) > 20);
	}
	arena_free(a);
	testdb_close(t);
}

static void test_format_names(void **state)
{
	(void)state;
	struct cn_err err = {0};
	enum plan_export_format f;
	assert_int_equal(plan_export_format_parse("PDF", &f, &err), 0);
	assert_int_equal(f, PLAN_EXPORT_PDF);
	assert_int_equal(plan_export_format_parse("docx", &f, &err), -1);
	assert_string_equal(err.field, "format");
	assert_string_equal(plan_export_media_type(PLAN_EXPORT_PDF), "application/pdf");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_is_a_pdf_with_sane_pages),
		cmocka_unit_test(test_xlsx_is_a_workbook_with_the_plan),
		cmocka_unit_test(test_csv_parses_back),
		cmocka_unit_test(test_kar_view_names_records_and_limits),
		cmocka_unit_test(test_format_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
