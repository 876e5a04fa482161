/* pdf_doc: layout over pages: long paragraphs and tables break across pages with the
 * page count printed right, a word longer than a line is broken, and an empty
 * document is one page. */
#include "testapp.h"

#include "core/buf.h"
#include "io/pdf_doc.h"

static int render(struct pdf_doc *d, struct buf *b)
{
	struct cn_err err = {0};
	int pages = 0;
	if (pdf_doc_render(d, b, &pages, &err))
		fail_msg("render: %s", err.msg);
	assert_memory_equal(b->data, "%PDF-", 5);
	assert_int_equal(testapp_pdf_pages(b), pages);
	return pages;
}

static void test_empty_document_is_one_page(void **state)
{
	(void)state;
	struct pdf_doc *d = pdf_doc_new(NULL, NULL);
	struct buf b = BUF_INIT;
	assert_int_equal(render(d, &b), 1);
	buf_free(&b);
	pdf_doc_free(d);
}

static void test_long_text_and_tables_break_across_pages(void **state)
{
	(void)state;
	struct pdf_doc *d = pdf_doc_new("Long", "Footer text");
	struct buf text = BUF_INIT, b = BUF_INIT;
	for (int i = 0; i < 600; i++)
		buf_puts(&text, "capacity building means adapting, not duplicating; ");
	pdf_doc_title(d, "A long document");
	pdf_doc_text(d, buf_str(&text));
	/* One word far wider than a line, and text in other scripts. */
	char word[3000];
	memset(word, 'x', sizeof(word) - 1);
	word[sizeof(word) - 1] = '\0';
	pdf_doc_field(d, "Word", word);
	pdf_doc_field(d, "Names", "Núñez, Ørsted, Łódź, 東京");
	static const double widths[] = {0.2, 0.8};
	static const char *const head[] = {"#", "Row"};
	pdf_doc_table(d, 2, widths, head);
	for (int i = 0; i < 200; i++) {
		char n[16];
		snprintf(n, sizeof(n), "%d", i + 1);
		const char *cells[] = {n, i == 5 ? buf_str(&text) : "a short row"};
		pdf_doc_row(d, cells);
	}
	int pages = render(d, &b);
	assert_true(pages >= 8 && pages <= 60);
	buf_free(&text);
	buf_free(&b);
	pdf_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_document_is_one_page),
		cmocka_unit_test(test_long_text_and_tables_break_across_pages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
