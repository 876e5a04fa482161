/* sender: the delivering thread; see sender.h. */
#include "app/mail/sender.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/mail/notify.h"
#include "app/mail/outbox.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "io/mime.h"
#include "io/smtp.h"

enum { SENDER_BATCH = 20 };

/* A cheap look, without a lock, whether anything is due: most rounds find nothing. */
static const char SQL_SENDER_DUE[] =
    "SELECT COUNT(*) FROM mail_outbox WHERE (status = 'queued' AND next_attempt_at <= ?)"
    " OR status = 'sending'";

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	int running;
	int stop;
	struct mail_config cfg;
	char url[512];
	char worker[128];
} sender = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

void mail_config_default(struct mail_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->from = "capnet@localhost";
	cfg->from_name = "capnet";
	cfg->interval = 5;
	cfg->retry_seconds = 60;
	cfg->max_attempts = 8;
	cfg->lease_seconds = 600;
	cfg->smtp_timeout = 60;
	cfg->digest_seconds = 7 * 86400;
}

/* Delivers one claimed message and records how it went. */
static int sender_deliver(struct store *db, const struct mail_config *cfg, const char *worker,
			  const struct outbox_item *m, int *sent, struct cn_err *err)
{
	const char *at = strrchr(cfg->from, '@');
	char message_id[256];
	/* Stable across attempts, so that a receiver may tell a message tried twice. */
	snprintf(message_id, sizeof(message_id), "capnet.%lld.%.4s%.2s%.2s%.2s%.2s%.2s@%s",
		 (long long)m->id, m->created_at, m->created_at + 5, m->created_at + 8,
		 m->created_at + 11, m->created_at + 14, m->created_at + 17,
		 at ? at + 1 : "localhost");
	struct mime_msg mm = {.from_addr = cfg->from,
			      .from_name = cfg->from_name,
			      .to_addr = m->to_addr,
			      .to_name = m->to_name,
			      .subject = m->subject,
			      .text = m->text,
			      .html = m->html,
			      .ics = m->ics,
			      .ics_method =
				  m->ics && strstr(m->ics, "METHOD:CANCEL") ? "CANCEL" : "REQUEST",
			      .message_id = message_id,
			      .date = time(NULL),
			      .unsubscribe_url = m->unsubscribe_url};
	struct buf b = BUF_INIT;
	mime_write(&mm, &b);
	struct smtp_config sc = {cfg->smtp_url, cfg->smtp_user, cfg->smtp_password,
				 cfg->smtp_timeout};
	struct cn_err why = {0};
	int rc = smtp_send(&sc, cfg->from, m->to_addr, buf_str(&b), b.len, &why);
	buf_free(&b);
	if (rc == 0) {
		(*sent)++;
		fprintf(stderr, "capnet: mail %lld (%s) sent to %s\n", (long long)m->id, m->kind,
			m->to_addr);
		return outbox_sent(db, m->id, worker, err);
	}
	fprintf(stderr, "capnet: mail %lld (%s) to %s not sent: %s\n", (long long)m->id, m->kind,
		m->to_addr, why.msg);
	return outbox_failed(db, m->id, worker, why.msg, why.kind == CN_ERR_INPUT,
			     cfg->retry_seconds, cfg->max_attempts, err);
}

int mail_sender_round(struct store *db, const struct mail_config *cfg, const char *worker,
		      int *sent, struct cn_err *err)
{
	*sent = 0;
	for (;;) {
		struct arena *a = arena_new();
		struct outbox_item *items = NULL;
		size_t n = 0;
		int rc =
		    outbox_claim(db, a, worker, cfg->lease_seconds, SENDER_BATCH, &items, &n, err);
		for (size_t i = 0; rc == 0 && i < n; i++)
			rc = sender_deliver(db, cfg, worker, &items[i], sent, err);
		arena_free(a);
		if (rc != 0)
			return -1;
		if (n < SENDER_BATCH)
			return 0;
	}
}

/* 1 when something may be due (queued and due, or claimed by someone). */
static int sender_anything(struct store *db, struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct store_stmt *q = store_prepare(db, SQL_SENDER_DUE, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, now);
	int rc = store_step(q, err);
	int64_t n = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	return rc < 0 ? -1 : n > 0;
}

static void *sender_run(void *arg)
{
	(void)arg;
	struct store *db = NULL;
	pthread_mutex_lock(&sender.lock);
	while (!sender.stop) {
		pthread_mutex_unlock(&sender.lock);
		struct cn_err err = {0};
		int sent = 0;
		if (db == NULL && store_open(sender.cfg.db_url, &db, &err) != 0) {
			fprintf(stderr, "capnet: mail sender: %s\n", err.msg);
			db = NULL;
		} else if (db != NULL) {
			int digests = 0;
			if (notify_digest_round(db, sender.cfg.digest_seconds, &digests, &err))
				fprintf(stderr, "capnet: mail sender: digests: %s\n", err.msg);
			int due = sender_anything(db, &err);
			if (due < 0 || (due > 0 && mail_sender_round(db, &sender.cfg, sender.worker,
								     &sent, &err) != 0))
				fprintf(stderr, "capnet: mail sender: %s\n", err.msg);
		}
		pthread_mutex_lock(&sender.lock);
		if (sender.stop)
			break;
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += sender.cfg.interval;
		pthread_cond_timedwait(&sender.wake, &sender.lock, &until);
	}
	pthread_mutex_unlock(&sender.lock);
	if (db != NULL)
		store_close(db);
	return NULL;
}

int mail_sender_start(const struct mail_config *cfg, struct cn_err *err)
{
	sender.cfg = *cfg;
	if (cfg->smtp_url == NULL || cfg->smtp_url[0] == '\0')
		return 0;
	smtp_url_display(cfg->smtp_url, sender.url, sizeof(sender.url));
	char host[64] = "";
	gethostname(host, sizeof(host) - 1);
	snprintf(sender.worker, sizeof(sender.worker), "%s:%ld:%lld", host, (long)getpid(),
		 (long long)time(NULL));
	smtp_global_init();
	sender.stop = 0;
	if (pthread_create(&sender.thread, NULL, sender_run, NULL) != 0)
		return cn_err_set(err, CN_ERR_INTERNAL, "could not start the mail sender");
	sender.running = 1;
	return 0;
}

void mail_sender_stop(void)
{
	if (!sender.running)
		return;
	pthread_mutex_lock(&sender.lock);
	sender.stop = 1;
	pthread_cond_signal(&sender.wake);
	pthread_mutex_unlock(&sender.lock);
	pthread_join(sender.thread, NULL);
	sender.running = 0;
}

int mail_sender_describe(const char **url, const char **from)
{
	if (!sender.running)
		return 0;
	*url = sender.url;
	*from = sender.cfg.from;
	return 1;
}
