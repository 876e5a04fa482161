/* multipart: upload forms as browsers send them decode into their fields and files;
 * bodies that are cut short, malformed or over a limit are refused with a reason. */
#include "testlib.h"

#include "core/buf.h"
#include "http/multipart.h"

static const char TYPE[] = "multipart/form-data; boundary=----capnetXyZ";

static const char BODY[] =
	"------capnetXyZ\r\n"
	"Content-Disposition: form-data; name=\"csrf\"\r\n"
	"\r\n"
	"tok123\r\n"
	"------capnetXyZ\r\n"
	"Content-Disposition: form-data; name=\"file\"; filename=\"C:\\\\Users\\\\ana\\\\roster.zip\"\r\n"
	"Content-Type: application/zip\r\n"
	"\r\n"
	"PK\x03\x04\x00\r\n--not-the-boundary\xff\r\n"
	"------capnetXyZ\r\n"
	"content-disposition: form-data; name=\"note\"\r\n"
	"\r\n"
	"\xc3\xa9t\xc3\xa9\r\n"
	"------capnetXyZ\r\n"
	"Content-Disposition: form-data; name=\"empty\"\r\n"
	"\r\n"
	"\r\n"
	"------capnetXyZ--\r\n"
	"epilogue is ignored";

static void test_fields_and_files(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct multipart m;
	struct cn_err err = {0};
	if (multipart_parse(a, TYPE, BODY, sizeof(BODY) - 1, &m, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(m.n, 4);
	assert_string_equal(multipart_value(&m, "csrf"), "tok123");
	assert_string_equal(multipart_value(&m, "note"), "été");
	assert_string_equal(multipart_value(&m, "empty"), "");
	const struct multipart_part *f = multipart_get(&m, "file");
	assert_non_null(f);
	assert_string_equal(f->filename, "roster.zip");
	assert_string_equal(f->content_type, "application/zip");
	const char content[] = "PK\x03\x04\x00\r\n--not-the-boundary\xff";
	assert_int_equal(f->len, sizeof(content) - 1);
	assert_memory_equal(f->data, content, f->len);
	assert_null(multipart_value(&m, "file")); /* a file is not a plain value */
	assert_null(multipart_get(&m, "missing"));
	arena_free(a);
}

static void test_preamble_and_quoted_boundary(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct multipart m;
	struct cn_err err = {0};
	const char type[] = "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"";
	const char body[] = "preamble text\r\n--a b  \r\nContent-Disposition: form-data; "
			    "name=x\r\n\r\n1\r\n--a b--";
	if (multipart_parse(a, type, body, sizeof(body) - 1, &m, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(m.n, 1);
	assert_string_equal(multipart_value(&m, "x"), "1");
	assert_true(multipart_is("multipart/form-data"));
	assert_false(multipart_is("multipart/form-datax"));
	assert_false(multipart_is("application/x-www-form-urlencoded"));
	assert_false(multipart_is(NULL));
	arena_free(a);
}

/* Each bad body is refused, its message containing `says`. */
static void refused(const char *type, const char *body, size_t len, enum cn_err_kind kind,
		    const char *says)
{
	struct arena *a = arena_new();
	struct multipart m;
	struct cn_err err = {0};
	if (multipart_parse(a, type, body, len, &m, &err) == 0)
		fail_msg("accepted: %.*s", (int)len, body);
	assert_int_equal(err.kind, kind);
	if (strstr(err.msg, says) == NULL)
		fail_msg("message lacks '%s': %s", says, err.msg);
	arena_free(a);
}

static void test_bad_bodies_are_refused(void **state)
{
	(void)state;
	const char *part = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n";
	struct buf b = BUF_INIT;
	refused("text/plain", "x", 1, CN_ERR_INPUT, "not multipart");
	refused("multipart/form-data", "x", 1, CN_ERR_INPUT, "no boundary");
	refused("multipart/form-data; boundary=\"unterminated", "x", 1, CN_ERR_INPUT, "boundary");
	refused("multipart/form-data; boundary=b", "no boundary here", 16, CN_ERR_INPUT,
		"does not contain its boundary");
	buf_puts(&b, part);
	refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_INPUT,
		"cut short"); /* no closing boundary after the last part */
	buf_reset(&b);
	buf_puts(&b, "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv");
	refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_INPUT,
		"without its closing boundary");
	buf_reset(&b);
	buf_puts(&b, "--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--");
	refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_INPUT,
		"no Content-Disposition");
	buf_reset(&b);
	buf_puts(&b, "--b\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nv\r\n--b--");
	refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_INPUT, "no name");
	buf_reset(&b);
	buf_puts(&b, "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--b--");
	refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_INPUT, "not form-data");
	buf_reset(&b);
	buf_puts(&b, "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\xfe\r\n--b--");
	refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_INPUT, "not UTF-8");
	buf_reset(&b);
	buf_puts(&b, "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx");
	buf_append(&b, "\0", 1);
	buf_puts(&b, "y\r\n--b--");
	refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_INPUT, "NUL");
	buf_reset(&b);
	/* An overlong file name names its field, in bytes past the buffer or in characters. */
	for (int i = 0; i < 2; i++) {
		buf_puts(&b, "--b\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"");
		for (int k = 0; k < (i == 0 ? 1100 : 256); k++)
			buf_putc(&b, 'a');
		buf_puts(&b, "\"\r\n\r\nv\r\n--b--");
		refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_INPUT,
			"upload: the file's name is longer than 255 characters");
		buf_reset(&b);
	}
	/* An overlong or unclosed parameter other than the file name is named as such. */
	buf_puts(&b, "--b\r\nContent-Disposition: form-data; name=\"upload\"; note=\"");
	for (int k = 0; k < 1100; k++)
		buf_putc(&b, 'a');
	buf_puts(&b, "\"; filename=\"a.csv\"\r\n\r\nv\r\n--b--");
	refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_INPUT,
		"upload: the Content-Disposition parameter note is longer than");
	buf_reset(&b);
	buf_puts(&b, "--b\r\nContent-Disposition: form-data; note=\"");
	for (int k = 0; k < 1100; k++)
		buf_putc(&b, 'a');
	buf_puts(&b, "\"; name=\"upload\"\r\n\r\nv\r\n--b--");
	refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_INPUT,
		"part 1 of the upload: the Content-Disposition parameter note is longer than");
	buf_reset(&b);
	buf_puts(&b, "--b\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.csv");
	buf_puts(&b, "\r\n\r\nv\r\n--b--");
	refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_INPUT,
		"upload: the Content-Disposition parameter filename has an unclosed quote");
	buf_reset(&b);
	buf_puts(&b, "--b\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Long: ");
	for (int i = 0; i < MULTIPART_MAX_HEADER; i++)
		buf_putc(&b, 'h');
	buf_puts(&b, "\r\n\r\nv\r\n--b--");
	refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_TOO_LARGE, "8 KiB");
	buf_reset(&b);
	for (int i = 0; i < MULTIPART_MAX_PARTS + 1; i++)
		buf_puts(&b, part);
	buf_puts(&b, "--b--");
	refused("multipart/form-data; boundary=b", b.data, b.len, CN_ERR_TOO_LARGE,
		"more than 32 parts");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_files),
		cmocka_unit_test(test_preamble_and_quoted_boundary),
		cmocka_unit_test(test_bad_bodies_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
