/* mime: the composed message's headers (RFC 5322, RFC 2047 encoded-words, RFC 8058
 * one-click unsubscribing) and structure (RFC 2046 multipart/alternative). The bodies
 * are read back end to end with Python's email package in tests/e2e/mail_outbox.sh. */
#include "testlib.h"

#include "core/buf.h"
#include "io/mime.h"

static const struct mime_msg base = {
    .from_addr = "capnet@kde.example",
    .from_name = "capnet",
    .to_addr = "zoe@example.org",
    .to_name = "Zoë Ñúñez",
    .subject = "Plan approved",
    .text = "Hello",
    .html = "<p>Hello</p>",
    .message_id = "capnet.1.20261207000000@kde.example",
    .date = 1796688000, /* Tue, 08 Dec 2026 00:00:00 +0000 */
};

static char *compose(const struct mime_msg *m)
{
	struct buf b = BUF_INIT;
	mime_write(m, &b);
	return buf_detach(&b);
}

/* Every line ends in CRLF and is at most 78 octets. */
static void assert_lines_ok(const char *s)
{
	const char *line = s;
	for (const char *c = s; *c; c++) {
		if (*c == '\n') {
			assert_true(c > s && c[-1] == '\r');
			assert_true(c - line <= 79);
			line = c + 1;
		}
	}
}

static void test_headers(void **state)
{
	(void)state;
	char *s = compose(&base);
	assert_non_null(strstr(s, "Date: Tue, 08 Dec 2026 00:00:00 +0000\r\n"));
	assert_non_null(strstr(s, "From: \"capnet\" <capnet@kde.example>\r\n"));
	/* "Zoë Ñúñez" in UTF-8, base64: a B encoded-word (RFC 2047 §4.1). */
	assert_non_null(strstr(s, "To: =?UTF-8?B?Wm/DqyDDkcO6w7Fleg==?= <zoe@example.org>\r\n"));
	assert_non_null(strstr(s, "Subject: Plan approved\r\n"));
	assert_non_null(strstr(s, "Message-ID: <capnet.1.20261207000000@kde.example>\r\n"));
	assert_non_null(strstr(s, "MIME-Version: 1.0\r\n"));
	assert_non_null(strstr(s, "Content-Type: multipart/alternative; boundary=\""));
	assert_null(strstr(s, "List-Unsubscribe"));
	assert_null(strstr(s, "text/calendar"));
	assert_lines_ok(s);
	free(s);
}

static void test_parts_in_order(void **state)
{
	(void)state;
	struct mime_msg m = base;
	m.ics = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n";
	m.ics_method = "CANCEL";
	char *s = compose(&m);
	const char *text = strstr(s, "Content-Type: text/plain; charset=UTF-8\r\n");
	const char *html = strstr(s, "Content-Type: text/html; charset=UTF-8\r\n");
	const char *ics =
	    strstr(s, "Content-Type: text/calendar; charset=UTF-8; method=CANCEL\r\n");
	assert_true(text != NULL && html != NULL && ics != NULL && text < html && html < ics);
	/* "Hello" in base64, and the closing boundary last. */
	assert_non_null(strstr(text, "\r\n\r\nSGVsbG8=\r\n"));
	const char *b = strstr(s, "boundary=\"") + 10;
	size_t n = strcspn(b, "\"");
	char close[128];
	snprintf(close, sizeof(close), "\r\n--%.*s--\r\n", (int)n, b);
	assert_non_null(strstr(s, close));
	assert_int_equal(strlen(strstr(s, close)), strlen(close));
	free(s);
}

static void test_unsubscribe(void **state)
{
	(void)state;
	struct mime_msg m = base;
	m.unsubscribe_url = "https://capnet.example.org/unsubscribe/abc";
	char *s = compose(&m);
	assert_non_null(strstr(s,
			       "List-Unsubscribe: <https://capnet.example.org/unsubscribe/abc>\r\n"
			       "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
	free(s);
}

static void test_long_names_fold_and_nothing_injects(void **state)
{
	(void)state;
	struct mime_msg m = base;
	m.subject = "Réunion déplacée : l'équipe de Ñúñez se retrouve jeudi à la bibliothèque "
		    "municipale, salle 3, après le déjeuner";
	m.to_name = "Plain\r\nBcc: victim@example.org";
	char *s = compose(&m);
	assert_lines_ok(s);
	assert_null(strstr(s, "\r\nBcc:"));
	assert_non_null(strstr(s, "To: \"Plain  Bcc: victim@example.org\" <zoe@example.org>\r\n"));
	/* The subject is encoded-words on folded lines, each word whole characters. */
	const char *subj = strstr(s, "Subject: =?UTF-8?B?");
	assert_non_null(subj);
	assert_non_null(strstr(subj, "?=\r\n =?UTF-8?B?"));
	free(s);
}

static void test_header_text_plain_stays(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	mime_header_text(&b, "Plan approved", 9);
	assert_string_equal(buf_str(&b), "Plan approved");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_headers),
	    cmocka_unit_test(test_parts_in_order),
	    cmocka_unit_test(test_unsubscribe),
	    cmocka_unit_test(test_long_names_fold_and_nothing_injects),
	    cmocka_unit_test(test_header_text_plain_stays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
