/* outbox: queuing, claiming and recording messages; see outbox.h. Instants are UTC text,
 * so "due" is a comparison of strings. */
#include "app/mail/outbox.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/audit.h"
#include "app/mail/letter.h"
#include "app/setting.h"
#include "core/timeutil.h"

const char *const outbox_statuses[4] = {"queued", "sending", "sent", "failed"};

static const char SQL_OUTBOX_ADD[] =
    "INSERT INTO mail_outbox (kind, person_id, to_addr, to_name, subject, text_body,"
    " html_body, ics, unsubscribe_url, status, attempts, next_attempt_at, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?10, ?10) RETURNING id";

#define OUTBOX_COLUMNS                                                                             \
	"id, kind, COALESCE(person_id, 0), to_addr, to_name, subject, text_body, html_body,"       \
	" ics, unsubscribe_url, status, attempts, next_attempt_at, last_error, claimed_by,"        \
	" claimed_at, created_at, sent_at"

/* Claiming: the rows due, in one statement that marks them, so that two claimers never
 * both get a row. ?1 worker, ?2 now, ?3 the oldest claim still alive, ?4 limit. On
 * SQLite the statement holds the database's write lock; on PostgreSQL the rows another
 * claimer has locked are skipped rather than waited for. */
#define OUTBOX_CLAIM_HEAD                                                                          \
	"UPDATE mail_outbox SET status = 'sending', claimed_by = ?1, claimed_at = ?2,"             \
	" attempts = attempts + 1 WHERE id IN (SELECT id FROM mail_outbox"                         \
	" WHERE (status = 'queued' AND next_attempt_at <= ?2)"                                     \
	" OR (status = 'sending' AND claimed_at <= ?3) ORDER BY id LIMIT ?4"
static const char SQL_OUTBOX_CLAIM_SQLITE[] = OUTBOX_CLAIM_HEAD ") RETURNING " OUTBOX_COLUMNS;
static const char SQL_OUTBOX_CLAIM_PG[] =
    OUTBOX_CLAIM_HEAD " FOR UPDATE SKIP LOCKED) RETURNING " OUTBOX_COLUMNS;

static const char SQL_OUTBOX_SENT[] =
    "UPDATE mail_outbox SET status = 'sent', sent_at = ?3, last_error = NULL"
    " WHERE id = ?1 AND status = 'sending' AND claimed_by = ?2";
static const char SQL_OUTBOX_AGAIN[] =
    "UPDATE mail_outbox SET status = ?3, next_attempt_at = ?4, last_error = ?5"
    " WHERE id = ?1 AND status = 'sending' AND claimed_by = ?2";
static const char SQL_OUTBOX_ATTEMPTS[] = "SELECT attempts FROM mail_outbox WHERE id = ?1";
static const char SQL_OUTBOX_LIST[] =
    "SELECT " OUTBOX_COLUMNS " FROM mail_outbox WHERE (?1 IS NULL OR status = ?1)"
    " ORDER BY id DESC LIMIT ?2";
static const char SQL_OUTBOX_COUNTS[] = "SELECT status, COUNT(*) FROM mail_outbox GROUP BY status";

/* A plain check that catches typing mistakes; the mail server has the last word. */
static int outbox_address_ok(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') || strlen(s) > 254)
		return 0;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c <= 0x20 || *c == 0x7f || strchr("<>()[]\\,;:\"", *c))
			return 0;
	return 1;
}

static const char SQL_OUTBOX_DISCARD[] = "DELETE FROM mail_outbox WHERE status = 'queued'";
static const char SQL_DIGEST_DISCARD[] = "DELETE FROM notify_digest WHERE sent_at IS NULL";

int outbox_discard_queued(struct store *db, struct cn_err *err)
{
	if (!store_in_transaction(db))
		return cn_err_set(err, CN_ERR_INTERNAL, "the outbox is emptied only in a transaction");
	return store_exec(db, SQL_OUTBOX_DISCARD, err) || store_exec(db, SQL_DIGEST_DISCARD, err) ? -1 : 0;
}

int outbox_queue(struct store *db, const struct outbox_message *m, int64_t *id, struct cn_err *err)
{
	if (!store_in_transaction(db))
		return cn_err_set(err, CN_ERR_INTERNAL,
				  "a message is queued only with the change that causes it");
	if (!outbox_address_ok(m->to_addr))
		return cn_err_field(err, CN_ERR_INPUT, "to_addr",
				    "'%s' is not an email address; write it as name@example.org",
				    m->to_addr ? m->to_addr : "");
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct store_stmt *q = store_prepare(db, SQL_OUTBOX_ADD, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, m->kind);
	store_bind_id(q, 2, m->person_id);
	store_bind_text(q, 3, m->to_addr);
	store_bind_text(q, 4, m->to_name);
	store_bind_text(q, 5, m->subject);
	store_bind_text(q, 6, m->text);
	store_bind_text(q, 7, m->html);
	store_bind_text(q, 8, m->ics);
	store_bind_text(q, 9, m->unsubscribe_url);
	store_bind_text(q, 10, now);
	int rc = store_step(q, err);
	if (rc == 1 && id != NULL)
		*id = store_col_int(q, 0);
	store_done(q);
	return rc == 1 ? 0 : -1;
}

int outbox_link(struct store *db, struct arena *a, const char *path, const char **url,
		struct cn_err *err)
{
	const char *base = NULL;
	if (setting_get(db, a, SETTING_SITE_BASE_URL, &base, err))
		return -1;
	size_t n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	*url = arena_printf(a, "%.*s%s", (int)n, base, path);
	return 0;
}

int outbox_queue_test(struct store *db, const struct actor *who, struct arena *a,
		      const char *to_addr, const char *to_name, int64_t *id, struct cn_err *err)
{
	const char *home = NULL;
	if (outbox_link(db, a, "/", &home, err))
		return -1;
	struct letter l;
	letter_begin(&l, to_name);
	letter_para(&l, "This message checks that capnet can send email. "
			"Nothing needs to be done.");
	letter_link(&l, "Open capnet", home);
	struct outbox_message m = {.kind = "test",
				   .to_addr = to_addr,
				   .to_name = to_name,
				   .subject = "capnet: a test message"};
	letter_end(&l, a, &m.text, &m.html);
	if (store_begin(db, err))
		return -1;
	int64_t got = 0;
	if (outbox_queue(db, &m, &got, err) ||
	    audit_record(db, who, "create", "mail_outbox", got, NULL, NULL, err)) {
		store_rollback(db);
		return -1;
	}
	if (store_commit(db, err))
		return -1;
	if (id != NULL)
		*id = got;
	return 0;
}

static void outbox_read(struct store_stmt *q, struct arena *a, struct outbox_item *m)
{
	m->id = store_col_int(q, 0);
	m->kind = store_col_dup(q, 1, a);
	m->person_id = store_col_int(q, 2);
	m->to_addr = store_col_dup(q, 3, a);
	m->to_name = store_col_dup(q, 4, a);
	m->subject = store_col_dup(q, 5, a);
	m->text = store_col_dup(q, 6, a);
	m->html = store_col_dup(q, 7, a);
	m->ics = store_col_dup(q, 8, a);
	m->unsubscribe_url = store_col_dup(q, 9, a);
	m->status = store_col_dup(q, 10, a);
	m->attempts = store_col_int(q, 11);
	m->next_attempt_at = store_col_dup(q, 12, a);
	m->last_error = store_col_dup(q, 13, a);
	m->claimed_by = store_col_dup(q, 14, a);
	m->claimed_at = store_col_dup(q, 15, a);
	m->created_at = store_col_dup(q, 16, a);
	m->sent_at = store_col_dup(q, 17, a);
}

/* Runs q's rows into *items. */
static int outbox_rows(struct store_stmt *q, struct arena *a, struct outbox_item **items,
		       size_t *count, struct cn_err *err)
{
	size_t cap = 0;
	*items = NULL;
	*count = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		*items = arena_grow(a, *items, sizeof(**items), *count, &cap);
		outbox_read(q, a, &(*items)[(*count)++]);
	}
	return rc;
}

static int outbox_by_id(const void *x, const void *y)
{
	const struct outbox_item *a = x, *b = y;
	return a->id < b->id ? -1 : a->id > b->id;
}

int outbox_claim(struct store *db, struct arena *a, const char *worker, int lease_seconds,
		 int limit, struct outbox_item **items, size_t *count, struct cn_err *err)
{
	char now[TIME_ISO_LEN], lease[TIME_ISO_LEN];
	time_t t = time(NULL);
	time_format_utc(t, now);
	time_format_utc(t - lease_seconds, lease);
	if (store_begin(db, err))
		return -1;
	struct store_stmt *q = store_prepare(
	    db, store_dialect_sql(db, SQL_OUTBOX_CLAIM_SQLITE, SQL_OUTBOX_CLAIM_PG), err);
	if (q == NULL) {
		store_rollback(db);
		return -1;
	}
	store_bind_text(q, 1, worker);
	store_bind_text(q, 2, now);
	store_bind_text(q, 3, lease);
	store_bind_int(q, 4, limit);
	int rc = outbox_rows(q, a, items, count, err);
	store_done(q);
	if (rc < 0) {
		store_rollback(db);
		return -1;
	}
	/* RETURNING gives no order: messages go out in the order they were queued. */
	if (*count > 1)
		qsort(*items, *count, sizeof(**items), outbox_by_id);
	return store_commit(db, err);
}

int outbox_sent(struct store *db, int64_t id, const char *worker, struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct store_stmt *q = store_prepare(db, SQL_OUTBOX_SENT, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	store_bind_text(q, 2, worker);
	store_bind_text(q, 3, now);
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int outbox_failed(struct store *db, int64_t id, const char *worker, const char *error,
		  int permanent, int retry_seconds, int max_attempts, struct cn_err *err)
{
	int64_t attempts = 0;
	int64_t param = id;
	if (store_query_int(db, SQL_OUTBOX_ATTEMPTS, &param, 1, &attempts, err) < 0)
		return -1;
	long long delay = retry_seconds;
	for (int64_t i = 1; i < attempts && delay < 86400; i++)
		delay *= 2;
	if (delay > 86400)
		delay = 86400;
	char next[TIME_ISO_LEN];
	time_format_utc(time(NULL) + (time_t)delay, next);
	int give_up = permanent || attempts >= max_attempts;
	struct store_stmt *q = store_prepare(db, SQL_OUTBOX_AGAIN, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	store_bind_text(q, 2, worker);
	store_bind_text(q, 3, give_up ? "failed" : "queued");
	store_bind_text(q, 4, next);
	store_bind_text(q, 5, error);
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int outbox_list(struct store *db, struct arena *a, const char *status, int limit,
		struct outbox_item **items, size_t *count, struct cn_err *err)
{
	if (status != NULL) {
		size_t i = 0;
		while (i < 4 && strcmp(outbox_statuses[i], status) != 0)
			i++;
		if (i == 4)
			return cn_err_field(
			    err, CN_ERR_INPUT, "status",
			    "status '%s' is not one of queued, sending, sent, failed", status);
	}
	struct store_stmt *q = store_prepare(db, SQL_OUTBOX_LIST, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, status);
	store_bind_int(q, 2, limit);
	int rc = outbox_rows(q, a, items, count, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int outbox_counts(struct store *db, int64_t counts[4], struct cn_err *err)
{
	memset(counts, 0, 4 * sizeof(counts[0]));
	struct store_stmt *q = store_prepare(db, SQL_OUTBOX_COUNTS, err);
	if (q == NULL)
		return -1;
	int rc;
	while ((rc = store_step(q, err)) == 1)
		for (int i = 0; i < 4; i++)
			if (strcmp(store_col_text(q, 0), outbox_statuses[i]) == 0)
				counts[i] = store_col_int(q, 1);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

void outbox_item_json(struct jw *w, const struct outbox_item *m)
{
	jw_obj_begin(w);
	jw_kv_int(w, "id", m->id);
	jw_kv_str(w, "kind", m->kind);
	jw_kv_id(w, "person_id", m->person_id);
	jw_kv_str(w, "to", m->to_addr);
	jw_kv_str(w, "subject", m->subject);
	jw_kv_str(w, "status", m->status);
	jw_kv_int(w, "attempts", m->attempts);
	jw_kv_str(w, "next_attempt_at", m->next_attempt_at);
	jw_kv_str(w, "last_error", m->last_error);
	jw_kv_str(w, "claimed_by", m->claimed_by);
	jw_kv_str(w, "created_at", m->created_at);
	jw_kv_str(w, "sent_at", m->sent_at);
	jw_obj_end(w);
}
