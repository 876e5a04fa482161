/* csvread: records, their line numbers, the quirks of real exports, and every refusal
 * naming its file, line and column. */
#include "testlib.h"

#include "core/buf.h"
#include "io/csvread.h"

/* Reads all of s; returns the reader (header read) for further checks. */
static struct csvread *open_str(const char *s, const struct csvread_limits *lim)
{
	return csvread_new_mem("t.csv", s, strlen(s), lim);
}

static void test_bom_crlf_no_final_newline_and_header_case(void **state)
{
	(void)state;
	struct cn_err err = {0};
	struct csvread *r = open_str("\xEF\xBB\xBFsourcedId,Name\r\na,Alpha\r\n\r\nb,\"Beta, B\"", NULL);
	assert_int_equal(csvread_header(r, &err), 0);
	assert_int_equal(csvread_column(r, "sourcedid"), 0);
	assert_int_equal(csvread_column(r, "NAME"), 1);
	assert_int_equal(csvread_column(r, "email"), -1);
	struct csvread_record rec;
	assert_int_equal(csvread_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 2);
	assert_string_equal(rec.field[0], "a");
	assert_string_equal(rec.field[1], "Alpha");
	assert_int_equal(csvread_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 4); /* the blank line is skipped but counted */
	assert_string_equal(rec.field[1], "Beta, B");
	assert_int_equal(csvread_next(r, &rec, &err), 0);
	csvread_close(r);
}

static void test_quoted_newlines_keep_line_numbers(void **state)
{
	(void)state;
	struct cn_err err = {0};
	struct csvread *r = open_str("id,note\n1,\"two\nlines\"\n2,\"say \"\"hi\"\"\"\n3,x\n", NULL);
	assert_int_equal(csvread_header(r, &err), 0);
	struct csvread_record rec;
	assert_int_equal(csvread_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 2);
	assert_string_equal(rec.field[1], "two\nlines");
	assert_int_equal(csvread_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 4);
	assert_string_equal(rec.field[1], "say \"hi\"");
	assert_int_equal(csvread_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 5);
	csvread_close(r);
}

static void test_lines_across_buffer_refills(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_puts(&b, "id,text\n");
	for (int i = 0; i < 5000; i++)
		buf_printf(&b, "%d,\"row %d with some text, to fill the buffer\"\r\n", i, i);
	struct cn_err err = {0};
	struct csvread *r = csvread_new_mem("big.csv", b.data, b.len, NULL);
	assert_int_equal(csvread_header(r, &err), 0);
	struct csvread_record rec;
	int n = 0;
	while (csvread_next(r, &rec, &err) == 1) {
		assert_int_equal(rec.line, n + 2);
		assert_int_equal(atoi(rec.field[0]), n);
		n++;
	}
	assert_int_equal(n, 5000);
	csvread_close(r);
	buf_free(&b);
}

/* Reads s to its end and expects a failure whose formatted text contains want. */
static void expect_fail(const char *s, const struct csvread_limits *lim, const char *want)
{
	struct cn_err err = {0};
	struct csvread *r = open_str(s, lim);
	int rc = csvread_header(r, &err);
	struct csvread_record rec;
	while (rc == 0 && (rc = csvread_next(r, &rec, &err)) == 1)
		rc = 0;
	csvread_close(r);
	char line[600];
	cn_err_format(&err, line, sizeof(line));
	if (rc != -1 || strstr(line, want) == NULL)
		fail_msg("wanted an error with \"%s\", got rc %d: %s", want, rc, line);
}

static void test_refusals_name_line_and_column(void **state)
{
	(void)state;
	expect_fail("id,name\n1,ok\n2,bad\xff\n", NULL,
		    "t.csv:3: column \"name\": is not valid UTF-8 (byte 4 of the field is 0xFF)");
	expect_fail("id,name\n1,\"two\nli\xc3nes\"\n", NULL, "t.csv:3: column \"name\": is not valid UTF-8");
	static const char nul[] = "id,name\n1,a\0b\n";
	struct cn_err err = {0};
	struct csvread *r = csvread_new_mem("t.csv", nul, sizeof(nul) - 1, NULL);
	struct csvread_record rec;
	assert_int_equal(csvread_header(r, &err), 0);
	assert_int_equal(csvread_next(r, &rec, &err), -1);
	assert_non_null(strstr(err.msg, "NUL byte"));
	assert_string_equal(err.field, "column \"name\"");
	csvread_close(r);
	expect_fail("id,name,email\n1,a,b\n2,c\n", NULL,
		    "t.csv:3: has 2 fields but the header has 3");
	expect_fail("id,name\n1,ab\"c\n", NULL, "t.csv:2: a double quote is misplaced (byte 5");
	expect_fail("id,name\n1,\"abc\n2,x\n", NULL, "t.csv:2: a quoted field opened here is never closed");
	expect_fail("", NULL, "t.csv: is empty");
	expect_fail("id,ID\n", NULL, "names column \"ID\" twice");
	expect_fail("id,,x\n", NULL, "column 2 has no name");
	struct csvread_limits small = {.max_field = 8, .max_fields = 3, .max_bytes = 64};
	expect_fail("id,name\n1,abcdefghijk\n", &small, "t.csv:2: column \"name\": is 11 bytes long; at most 8");
	expect_fail("a,b,c,d\n", &small, "has more than 3 fields");
	expect_fail("id,name\n1,a\n2,b\n3,c\n4,d\n5,e\n6,f\n7,g\n8,h\n9,i\n10,j\n11,k\n12,l\n13,m\n14,n\n", &small,
		    "t.csv: is larger than 64 bytes");
	expect_fail("id,name\n1,\"aaaaaaaaa\naaaaaaaaaaaa\n", &small, "longer than 8 bytes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bom_crlf_no_final_newline_and_header_case),
		cmocka_unit_test(test_quoted_newlines_keep_line_numbers),
		cmocka_unit_test(test_lines_across_buffer_refills),
		cmocka_unit_test(test_refusals_name_line_and_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
