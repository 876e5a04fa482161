/* notify: notifications by email, their preferences, digests and unsubscribing; see
 * notify.h. */
#include "app/mail/notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/audit.h"
#include "app/mail/letter.h"
#include "app/mail/outbox.h"
#include "app/org/person.h"
#include "core/buf.h"
#include "core/timeutil.h"

const char *const notify_kinds[NOTIFY_KIND_COUNT] = {"plan_submitted", "plan_decided",
						     "source_updated", "meeting", "deliverable"};
const char *const notify_kind_labels[NOTIFY_KIND_COUNT] = {
    "A plan is submitted for your review", "Your team's plan is approved or returned",
    "A source of your adaptation has a new version"};
const char *const notify_modes[NOTIFY_MODE_COUNT] = {"email", "in_app", "digest"};

static const char SQL_NOTIFY_PERSON[] =
    "SELECT email, given_name || ' ' || family_name FROM person WHERE id = ?1 AND active = 1"
    " AND email IS NOT NULL";
static const char SQL_NOTIFY_MODE[] =
    "SELECT mode FROM notify_pref WHERE person_id = ?1 AND kind = ?2";
static const char SQL_NOTIFY_MODES[] = "SELECT kind, mode FROM notify_pref WHERE person_id = ?1";
static const char SQL_NOTIFY_SET[] =
    "INSERT INTO notify_pref (person_id, kind, mode) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (person_id, kind) DO UPDATE SET mode = excluded.mode";
static const char SQL_NOTIFY_TOKEN_ADD[] =
    "INSERT INTO notify_unsubscribe (token_hash, person_id, kind, created_at)"
    " VALUES (?, ?, ?, ?)";
static const char SQL_NOTIFY_TOKEN[] =
    "SELECT person_id, kind FROM notify_unsubscribe WHERE token_hash = ?1";
static const char SQL_NOTIFY_DIGEST_ADD[] =
    "INSERT INTO notify_digest (person_id, kind, subject, link, created_at)"
    " VALUES (?, ?, ?, ?, ?)";
static const char SQL_NOTIFY_DIGEST_DUE[] =
    "SELECT person_id FROM notify_digest WHERE sent_at IS NULL GROUP BY person_id"
    " HAVING MIN(created_at) <= ?1 ORDER BY person_id LIMIT 100";
/* Takes the entries in the statement that marks them, so that two processes never put
 * one entry in two digests. */
static const char SQL_NOTIFY_DIGEST_TAKE[] =
    "UPDATE notify_digest SET sent_at = ?2 WHERE person_id = ?1 AND sent_at IS NULL"
    " RETURNING id, subject, link";

static int notify_kind_index(const char *kind)
{
	for (int i = 0; i < NOTIFY_KIND_COUNT; i++)
		if (kind != NULL && strcmp(kind, notify_kinds[i]) == 0)
			return i;
	return -1;
}

static enum notify_mode notify_mode_of(const char *mode)
{
	for (int i = 0; i < NOTIFY_MODE_COUNT; i++)
		if (mode != NULL && strcmp(mode, notify_modes[i]) == 0)
			return (enum notify_mode)i;
	return NOTIFY_EMAIL;
}

/* Runs sql with one integer and one text parameter; *text (in a) gets column 0 of
 * the first row, NULL when none. */
static int notify_lookup(struct store *db, struct arena *a, const char *sql, int64_t id,
			 const char *s, const char **text, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	if (s != NULL)
		store_bind_text(q, 2, s);
	int rc = store_step(q, err);
	*text = rc == 1 ? store_col_dup(q, 0, a) : NULL;
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int notify_person(struct store *db, struct arena *a, int64_t person_id, enum notify_kind kind,
		  const char *subject, const char *what, const char *path, struct cn_err *err)
{
	return notify_person_ics(db, a, person_id, kind, subject, what, path, NULL, NULL, err);
}

int notify_person_ics(struct store *db, struct arena *a, int64_t person_id, enum notify_kind kind,
		      const char *subject, const char *what, const char *path,
		      const char *(*make_ics)(void *ctx, const char *email, const char *name),
		      void *ctx, struct cn_err *err)
{
	const char *mode = NULL, *url = NULL;
	if (notify_lookup(db, a, SQL_NOTIFY_MODE, person_id, notify_kinds[kind], &mode, err))
		return -1;
	enum notify_mode m = notify_mode_of(mode);
	if (m == NOTIFY_IN_APP)
		return 0;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	if (m == NOTIFY_DIGEST) {
		struct store_stmt *q = store_prepare(db, SQL_NOTIFY_DIGEST_ADD, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, person_id);
		store_bind_text(q, 2, notify_kinds[kind]);
		store_bind_text(q, 3, subject);
		store_bind_text(q, 4, path);
		store_bind_text(q, 5, now);
		int rc = store_step(q, err);
		store_done(q);
		return rc < 0 ? -1 : 0;
	}
	struct store_stmt *q = store_prepare(db, SQL_NOTIFY_PERSON, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, person_id);
	int rc = store_step(q, err);
	const char *email = rc == 1 ? store_col_dup(q, 0, a) : NULL;
	const char *name = rc == 1 ? store_col_dup(q, 1, a) : NULL;
	store_done(q);
	if (rc < 0)
		return -1;
	if (email == NULL)
		return 0; /* nobody to mail: inactive, or without an address */
	char secret[48], hash[65];
	person_secret_new(secret);
	person_secret_hash(secret, hash);
	q = store_prepare(db, SQL_NOTIFY_TOKEN_ADD, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, hash);
	store_bind_int(q, 2, person_id);
	store_bind_text(q, 3, notify_kinds[kind]);
	store_bind_text(q, 4, now);
	rc = store_step(q, err);
	store_done(q);
	const char *unsubscribe = NULL;
	if (rc < 0 || outbox_link(db, a, path, &url, err) ||
	    outbox_link(db, a, arena_printf(a, "/mail/unsubscribe?token=%s", secret), &unsubscribe,
			err))
		return -1;
	struct letter l;
	letter_begin(&l, name);
	letter_para(&l, what);
	letter_link(&l, "Open it in capnet", url);
	letter_note(&l, arena_printf(a,
				     "You get this because of your notification choices (\"%s\"). "
				     "Change them on your account page: %s",
				     notify_kind_labels[kind], unsubscribe));
	struct outbox_message msg = {.kind = notify_kinds[kind],
				     .person_id = person_id,
				     .to_addr = email,
				     .to_name = name,
				     .subject = subject,
				     .ics = make_ics ? make_ics(ctx, email, name) : NULL,
				     .unsubscribe_url = unsubscribe};
	letter_end(&l, a, &msg.text, &msg.html);
	return outbox_queue(db, &msg, NULL, err);
}

int notify_people(struct store *db, struct arena *a, const char *sql, int64_t id, int64_t except,
		  enum notify_kind kind, const char *subject, const char *what, const char *path,
		  const char *(*make_ics)(void *ctx, const char *email, const char *name),
		  void *ctx, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	int64_t *people = NULL;
	size_t n = 0, cap = 0;
	int rc;
	/* Read whole before notifying: the statement is done before the next one runs. */
	while ((rc = store_step(q, err)) == 1) {
		if (store_col_int(q, 0) == except)
			continue;
		people = arena_grow(a, people, sizeof(*people), n, &cap);
		people[n++] = store_col_int(q, 0);
	}
	store_done(q);
	for (size_t i = 0; rc >= 0 && i < n; i++)
		rc = notify_person_ics(db, a, people[i], kind, subject, what, path, make_ics, ctx,
				       err);
	return rc < 0 ? -1 : 0;
}

int notify_prefs(struct store *db, int64_t person_id, enum notify_mode modes[NOTIFY_KIND_COUNT],
		 struct cn_err *err)
{
	for (int i = 0; i < NOTIFY_KIND_COUNT; i++)
		modes[i] = NOTIFY_EMAIL;
	struct store_stmt *q = store_prepare(db, SQL_NOTIFY_MODES, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, person_id);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		int k = notify_kind_index(store_col_text(q, 0));
		if (k >= 0)
			modes[k] = notify_mode_of(store_col_text(q, 1));
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* Inside a transaction: stores the choice and audits it. */
static int notify_store_pref(struct store *db, const struct actor *who, int64_t person_id,
			     const char *kind, const char *mode, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_NOTIFY_SET, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, person_id);
	store_bind_text(q, 2, kind);
	store_bind_text(q, 3, mode);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		return -1;
	char after[160];
	snprintf(after, sizeof(after), "{\"kind\":\"%s\",\"mode\":\"%s\"}", kind, mode);
	return audit_record(db, who, "update", "notify_pref", person_id, NULL, after, err);
}

int notify_pref_set(struct store *db, const struct actor *who, int64_t person_id, const char *kind,
		    const char *mode, struct cn_err *err)
{
	if (notify_kind_index(kind) < 0)
		return cn_err_field(err, CN_ERR_INPUT, "kind", "'%s' is not a kind of notification",
				    kind ? kind : "");
	int known = 0;
	for (int i = 0; i < NOTIFY_MODE_COUNT; i++)
		known |= mode != NULL && strcmp(mode, notify_modes[i]) == 0;
	if (!known)
		return cn_err_field(err, CN_ERR_INPUT, kind,
				    "choose email, in_app or digest, not '%s'", mode ? mode : "");
	if (store_begin(db, err))
		return -1;
	if (notify_store_pref(db, who, person_id, kind, mode, err)) {
		store_rollback(db);
		return -1;
	}
	return store_commit(db, err);
}

int notify_unsubscribe(struct store *db, const char *token, const char **label, struct cn_err *err)
{
	char hash[65];
	person_secret_hash(token != NULL && strlen(token) < 100 ? token : "", hash);
	if (store_begin(db, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_NOTIFY_TOKEN, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, hash);
	int rc = store_step(q, err);
	int64_t person = rc == 1 ? store_col_int(q, 0) : 0;
	int k = rc == 1 ? notify_kind_index(store_col_text(q, 1)) : -1;
	store_done(q);
	if (rc < 0)
		goto fail;
	if (k < 0) {
		cn_err_field(err, CN_ERR_NOT_FOUND, "token",
			     "This unsubscribe link is not known; change your notification choices "
			     "on your account page instead.");
		goto fail;
	}
	char label_text[48];
	snprintf(label_text, sizeof(label_text), "person:%lld", (long long)person);
	struct actor self = {.person_id = person, .label = label_text};
	if (notify_store_pref(db, &self, person, notify_kinds[k], "in_app", err))
		goto fail;
	*label = notify_kind_labels[k];
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

struct notify_entry {
	int64_t id;
	const char *subject;
	const char *link;
};

static int notify_entry_cmp(const void *x, const void *y)
{
	const struct notify_entry *a = x, *b = y;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* One person's digest, in its own transaction. */
static int notify_digest_one(struct store *db, struct arena *a, int64_t person, int *sent,
			     struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	if (store_begin(db, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_NOTIFY_DIGEST_TAKE, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, person);
	store_bind_text(q, 2, now);
	struct notify_entry *items = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		items = arena_grow(a, items, sizeof(*items), n, &cap);
		items[n].id = store_col_int(q, 0);
		items[n].subject = store_col_dup(q, 1, a);
		items[n++].link = store_col_dup(q, 2, a);
	}
	store_done(q);
	if (rc < 0)
		goto fail;
	if (n > 1)
		qsort(items, n, sizeof(*items), notify_entry_cmp);
	q = store_prepare(db, SQL_NOTIFY_PERSON, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, person);
	rc = store_step(q, err);
	const char *email = rc == 1 ? store_col_dup(q, 0, a) : NULL;
	const char *name = rc == 1 ? store_col_dup(q, 1, a) : NULL;
	store_done(q);
	if (rc < 0)
		goto fail;
	if (email != NULL && n > 0) {
		struct letter l;
		letter_begin(&l, name);
		letter_para(&l, "Here is what happened in capnet since your last digest:");
		for (size_t i = 0; i < n; i++) {
			const char *url = NULL;
			if (items[i].link == NULL) {
				letter_para(&l, items[i].subject);
				continue;
			}
			if (outbox_link(db, a, items[i].link, &url, err))
				goto fail;
			letter_link(&l, items[i].subject, url);
		}
		const char *account = NULL;
		if (outbox_link(db, a, "/account", &account, err))
			goto fail;
		letter_note(&l, arena_printf(a,
					     "You get this digest because of your notification "
					     "choices; change them on your account page: %s",
					     account));
		struct outbox_message m = {.kind = "digest",
					   .person_id = person,
					   .to_addr = email,
					   .to_name = name,
					   .subject = "capnet: your weekly digest"};
		letter_end(&l, a, &m.text, &m.html);
		if (outbox_queue(db, &m, NULL, err))
			goto fail;
		(*sent)++;
	}
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

int notify_digest_round(struct store *db, int period_seconds, int *sent, struct cn_err *err)
{
	*sent = 0;
	char cutoff[TIME_ISO_LEN];
	time_format_utc(time(NULL) - period_seconds, cutoff);
	struct arena *a = arena_new();
	int64_t people[100];
	size_t n = 0;
	struct store_stmt *q = store_prepare(db, SQL_NOTIFY_DIGEST_DUE, err);
	int rc = q == NULL ? -1 : 0;
	if (q != NULL) {
		store_bind_text(q, 1, cutoff);
		while ((rc = store_step(q, err)) == 1 && n < 100)
			people[n++] = store_col_int(q, 0);
		store_done(q);
	}
	for (size_t i = 0; rc >= 0 && i < n; i++)
		rc = notify_digest_one(db, a, people[i], sent, err);
	arena_free(a);
	return rc < 0 ? -1 : 0;
}
