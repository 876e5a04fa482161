/* smtp: delivery of one message with libcurl's SMTP client; see smtp.h. */
#include "io/smtp.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_once_t smtp_once = PTHREAD_ONCE_INIT;

static void smtp_init_once(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

void smtp_global_init(void) { pthread_once(&smtp_once, smtp_init_once); }

struct smtp_reader {
	const char *p;
	size_t left;
};

static size_t smtp_read(char *dst, size_t size, size_t n, void *ctx)
{
	struct smtp_reader *r = ctx;
	size_t take = size * n < r->left ? size * n : r->left;
	memcpy(dst, r->p, take);
	r->p += take;
	r->left -= take;
	return take;
}

int smtp_send(const struct smtp_config *c, const char *from, const char *to, const char *data,
	      size_t len, struct cn_err *err)
{
	smtp_global_init();
	CURL *h = curl_easy_init();
	if (h == NULL)
		return cn_err_set(err, CN_ERR_INTERNAL, "could not start an SMTP client");
	char why[CURL_ERROR_SIZE] = "";
	char mail_from[512];
	snprintf(mail_from, sizeof(mail_from), "<%s>", from);
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	struct smtp_reader r = {data, len};
	curl_easy_setopt(h, CURLOPT_URL, c->url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	if (c->user != NULL)
		curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
	if (c->password != NULL)
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->password);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, smtp_read);
	curl_easy_setopt(h, CURLOPT_READDATA, &r);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, why);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, c->timeout > 0 ? c->timeout : 60L);
	CURLcode rc = curl_easy_perform(h);
	long reply = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	if (rc == CURLE_OK)
		return 0;
	const char *detail = why[0] ? why : curl_easy_strerror(rc);
	if (reply >= 500 && reply < 600)
		return cn_err_set(err, CN_ERR_INPUT,
				  "the mail server refused the message for %s (%ld): %s", to, reply,
				  detail);
	if (reply > 0)
		return cn_err_set(err, CN_ERR_UNAVAILABLE, "the mail server answered %ld: %s",
				  reply, detail);
	return cn_err_set(err, CN_ERR_UNAVAILABLE, "could not deliver to the mail server: %s",
			  detail);
}

void smtp_url_display(const char *url, char *out, size_t size)
{
	const char *scheme = strstr(url, "://");
	const char *at = strrchr(url, '@');
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	if (scheme == NULL || at == NULL || colon == NULL || colon > at) {
		snprintf(out, size, "%s", url);
		return;
	}
	snprintf(out, size, "%.*s:***%s", (int)(colon - url), url, at);
}
