/* account: invitations, password resets and password changes; see account.h. */
#include "app/access/account.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/audit.h"
#include "app/mail/letter.h"
#include "app/mail/outbox.h"
#include "app/org/membership.h"
#include "app/org/person.h"
#include "app/access/policy.h"
#include "core/timeutil.h"

/* Whether the actor leads the district of organization ?2 (the district itself or the
 * district a school is part of). */
static const char SQL_ACCOUNT_LEADS[] =
    "SELECT COUNT(*) FROM membership m JOIN organization o ON o.id = m.org_id"
    " JOIN organization t ON t.id = ?2 AND t.kind IN ('district','school')"
    " WHERE m.person_id = ?1 AND m.active = 1 AND m.role = 'district_lead'"
    " AND o.kind = 'district'"
    " AND o.id = CASE WHEN t.kind = 'school' THEN t.parent_id ELSE t.id END";
static const char SQL_ACCOUNT_PERSON[] =
    "SELECT id, email, given_name || ' ' || family_name,"
    " CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END, active FROM person WHERE id = ?1";
static const char SQL_ACCOUNT_REPLACE[] =
    "UPDATE account_link SET replaced_at = ?3 WHERE person_id = ?1 AND purpose = ?2"
    " AND used_at IS NULL AND replaced_at IS NULL";
static const char SQL_ACCOUNT_LINK_ADD[] =
    "INSERT INTO account_link (person_id, purpose, token_hash, created_at, expires_at)"
    " VALUES (?, ?, ?, ?, ?) RETURNING id";
static const char SQL_ACCOUNT_LINK_FIND[] =
    "SELECT l.id, p.id, p.email, p.given_name || ' ' || p.family_name FROM account_link l"
    " JOIN person p ON p.id = l.person_id WHERE l.token_hash = ?1 AND l.purpose = ?2"
    " AND l.used_at IS NULL AND l.replaced_at IS NULL AND l.expires_at > ?3"
    " AND p.active = 1";
static const char SQL_ACCOUNT_LINK_USED[] =
    "UPDATE account_link SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL";
static const char SQL_ACCOUNT_REQUEST_ADD[] =
    "INSERT INTO account_request (email, client, at) VALUES (?, ?, ?)";
static const char SQL_ACCOUNT_REQUESTS_CLIENT[] =
    "SELECT COUNT(*), MIN(at) FROM account_request WHERE client = ?1 AND at > ?2";
static const char SQL_ACCOUNT_RESETS_SENT[] =
    "SELECT COUNT(*) FROM account_link WHERE person_id = ?1 AND purpose = 'reset'"
    " AND created_at > ?2";
static const char SQL_ACCOUNT_REQUESTS_FORGET[] = "DELETE FROM account_request WHERE at < ?1";

struct account_person {
	int64_t id;
	const char *email;
	const char *name;
	int has_password;
	int active;
};

static int account_person_get(struct store *db, struct arena *a, int64_t id,
			      struct account_person *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_ACCOUNT_PERSON, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	if (rc == 1) {
		out->id = store_col_int(q, 0);
		out->email = store_col_dup(q, 1, a);
		out->name = store_col_dup(q, 2, a);
		out->has_password = (int)store_col_int(q, 3);
		out->active = (int)store_col_int(q, 4);
	}
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no person with id %lld",
				  (long long)id);
	return rc < 0 ? -1 : 0;
}

/* Inside the caller's transaction: replaces person's live links of purpose with a new
 * one valid for seconds; *url (in a) gets the link to page ("/welcome"). */
static int account_link_new(struct store *db, struct arena *a, int64_t person, const char *purpose,
			    int seconds, const char *page, const char **url, struct cn_err *err)
{
	char secret[48], hash[65], now[TIME_ISO_LEN], until[TIME_ISO_LEN];
	person_secret_new(secret);
	person_secret_hash(secret, hash);
	time_t t = time(NULL);
	time_format_utc(t, now);
	time_format_utc(t + seconds, until);
	struct store_stmt *q = store_prepare(db, SQL_ACCOUNT_REPLACE, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, person);
	store_bind_text(q, 2, purpose);
	store_bind_text(q, 3, now);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		return -1;
	q = store_prepare(db, SQL_ACCOUNT_LINK_ADD, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, person);
	store_bind_text(q, 2, purpose);
	store_bind_text(q, 3, hash);
	store_bind_text(q, 4, now);
	store_bind_text(q, 5, until);
	rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		return -1;
	return outbox_link(db, a, arena_printf(a, "%s?token=%s", page, secret), url, err);
}

/* May the actor invite into org_id with role? The policy of invitations, here so that
 * the API, the pages and the command line share it. */
static int account_invite_allow(struct store *db, const struct actor *who, struct arena *a,
				const struct account_invitation *in, struct cn_err *err)
{
	struct policy *p = policy_new(a, db, who);
	int admin = policy_is_admin(p, err);
	if (admin < 0)
		return -1;
	if (admin)
		return 0;
	int64_t params[2] = {who->person_id, in->org_id}, leads = 0;
	if (store_query_int(db, SQL_ACCOUNT_LEADS, params, 2, &leads, err) < 0)
		return -1;
	if (leads == 0)
		return cn_err_field(
		    err, CN_ERR_FORBIDDEN, "org_id",
		    "you may invite people only into a district you lead, or one of "
		    "its schools; ask an admin");
	if (in->role == NULL ||
	    (strcmp(in->role, "member") != 0 && strcmp(in->role, "district_lead") != 0))
		return cn_err_field(err, CN_ERR_FORBIDDEN, "role",
				    "a district lead may invite with the role member or "
				    "district_lead; ask an admin for the %s role",
				    in->role ? in->role : "");
	return 0;
}

/* The invitation's message, queued. */
static int account_invite_mail(struct store *db, struct arena *a, const struct account_person *ap,
			       const char *url, struct cn_err *err)
{
	struct letter l;
	letter_begin(&l, ap->name);
	letter_para(&l, "You are invited to capnet, where your leadership network keeps its "
			"meetings, plans and the evidence of capacity built.");
	letter_para(&l, "Choose a password to sign in. The link works once, for 7 days.");
	letter_link(&l, "Set your password", url);
	letter_note(&l, "You get this message because someone in your network invited you. "
			"If you did not expect it, you may ignore it.");
	struct outbox_message m = {.kind = "invitation",
				   .person_id = ap->id,
				   .to_addr = ap->email,
				   .to_name = ap->name,
				   .subject = "You are invited to capnet"};
	letter_end(&l, a, &m.text, &m.html);
	return outbox_queue(db, &m, NULL, err);
}

int account_invite(struct store *db, const struct actor *who, struct arena *a,
		   const struct account_invitation *in, int64_t *person_id, int *resent,
		   struct cn_err *err)
{
	*resent = 0;
	if (in->email == NULL || in->email[0] == '\0')
		return cn_err_field(err, CN_ERR_INPUT, "email", "email is required");
	if (in->org_id <= 0)
		return cn_err_field(err, CN_ERR_INPUT, "org_id", "org_id is required");
	if (account_invite_allow(db, who, a, in, err))
		return -1;
	if (store_begin(db, err))
		return -1;
	int64_t id = 0;
	int found = person_find_email(db, in->email, &id, err);
	if (found < 0)
		goto fail;
	struct account_person ap;
	if (found) {
		if (account_person_get(db, a, id, &ap, err))
			goto fail;
		if (ap.has_password || !ap.active) {
			cn_err_field(err, CN_ERR_CONFLICT, "email",
				     "%s already has an account; they sign in, or reset their "
				     "password from the sign-in page",
				     in->email);
			goto fail;
		}
		*resent = 1;
	} else {
		struct rec *p = rec_new(a, &person_entity), *m = rec_new(a, &membership_entity);
		if (rec_put_text(p, a, "given_name", in->given_name, err) ||
		    rec_put_text(p, a, "family_name", in->family_name, err) ||
		    rec_put_text(p, a, "email", in->email, err) ||
		    rec_put_int(m, "org_id", in->org_id, err) ||
		    rec_put_text(m, a, "role", in->role, err) ||
		    person_create(db, who, a, p, m, NULL, err))
			goto fail;
		id = p->id;
		if (account_person_get(db, a, id, &ap, err))
			goto fail;
	}
	const char *url = NULL;
	if (account_link_new(db, a, id, "invitation", ACCOUNT_INVITATION_SECONDS, "/welcome", &url,
			     err) ||
	    account_invite_mail(db, a, &ap, url, err) ||
	    audit_record(db, who, "create", "invitation", id, NULL,
			 *resent ? "{\"invitation\":\"sent again\"}" : "{\"invitation\":\"sent\"}",
			 err))
		goto fail;
	if (store_commit(db, err))
		return -1;
	*person_id = id;
	return 0;
fail:
	store_rollback(db);
	return -1;
}

int account_reset_request(struct store *db, struct arena *a, const char *email, const char *client,
			  struct cn_err *err)
{
	if (email == NULL || email[0] == '\0' || strlen(email) > 254)
		return cn_err_field(err, CN_ERR_INPUT, "email", "Enter your email address.");
	char now[TIME_ISO_LEN], hour_ago[TIME_ISO_LEN], day_ago[TIME_ISO_LEN];
	time_t t = time(NULL);
	time_format_utc(t, now);
	time_format_utc(t - 3600, hour_ago);
	time_format_utc(t - 86400, day_ago);
	const struct actor system = actor_system("reset");
	if (store_begin(db, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_ACCOUNT_REQUESTS_CLIENT, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, client ? client : "");
	store_bind_text(q, 2, hour_ago);
	int rc = store_step(q, err);
	int64_t asked = rc == 1 ? store_col_int(q, 0) : 0;
	time_t first = t;
	if (rc == 1 && !store_col_is_null(q, 1))
		time_parse_utc(store_col_text(q, 1), &first);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (asked >= ACCOUNT_RESETS_PER_CLIENT) {
		store_rollback(db);
		cn_err_field(err, CN_ERR_THROTTLED, "email",
			     "Too many password resets were asked for from here; try again later.");
		err->retry_after = (long)(first + 3600 - t) > 1 ? (long)(first + 3600 - t) : 1;
		return -1;
	}
	q = store_prepare(db, SQL_ACCOUNT_REQUEST_ADD, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, email);
	store_bind_text(q, 2, client ? client : "");
	store_bind_text(q, 3, now);
	rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	q = store_prepare(db, SQL_ACCOUNT_REQUESTS_FORGET, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, day_ago);
	rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	int64_t id = 0;
	int found = person_find_email(db, email, &id, err);
	if (found < 0)
		goto fail;
	struct account_person ap;
	if (found && account_person_get(db, a, id, &ap, err))
		goto fail;
	if (found && ap.active) {
		struct store_stmt *c = store_prepare(db, SQL_ACCOUNT_RESETS_SENT, err);
		if (c == NULL)
			goto fail;
		store_bind_int(c, 1, id);
		store_bind_text(c, 2, hour_ago);
		rc = store_step(c, err);
		int64_t sent = rc == 1 ? store_col_int(c, 0) : 0;
		store_done(c);
		if (rc < 0)
			goto fail;
		if (sent >= ACCOUNT_RESETS_PER_ADDRESS) {
			if (audit_record(db, &system, "other", "password_reset", id, NULL,
					 "{\"reset\":\"not sent: too many this hour\"}", err))
				goto fail;
		} else {
			const char *url = NULL;
			if (account_link_new(db, a, id, "reset", ACCOUNT_RESET_SECONDS, "/reset",
					     &url, err))
				goto fail;
			struct letter l;
			letter_begin(&l, ap.name);
			letter_para(&l,
				    "Someone, probably you, asked to reset your capnet password.");
			letter_para(&l, "Choose a new password with this link. It works once, for "
					"one hour; signing in elsewhere ends when you do.");
			letter_link(&l, "Choose a new password", url);
			letter_note(&l, "If you did not ask for this, ignore this message: your "
					"password stays as it is.");
			struct outbox_message m = {.kind = "reset",
						   .person_id = id,
						   .to_addr = ap.email,
						   .to_name = ap.name,
						   .subject = "Reset your capnet password"};
			letter_end(&l, a, &m.text, &m.html);
			if (outbox_queue(db, &m, NULL, err) ||
			    audit_record(db, &system, "create", "password_reset", id, NULL,
					 "{\"reset\":\"link sent\"}", err))
				goto fail;
		}
	}
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

/* The link row id for secret, or CN_ERR_NOT_FOUND. */
static int account_link_lookup(struct store *db, struct arena *a, const char *purpose,
			       const char *secret, int64_t *link, int64_t *person_id,
			       const char **email, const char **name, struct cn_err *err)
{
	if (secret == NULL || strlen(secret) > 100)
		secret = "";
	char hash[65], now[TIME_ISO_LEN];
	person_secret_hash(secret, hash);
	time_now_utc(now);
	struct store_stmt *q = store_prepare(db, SQL_ACCOUNT_LINK_FIND, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, hash);
	store_bind_text(q, 2, purpose);
	store_bind_text(q, 3, now);
	int rc = store_step(q, err);
	if (rc == 1) {
		*link = store_col_int(q, 0);
		*person_id = store_col_int(q, 1);
		*email = store_col_dup(q, 2, a);
		if (name != NULL)
			*name = store_col_dup(q, 3, a);
	}
	store_done(q);
	if (rc == 0)
		return cn_err_field(err, CN_ERR_NOT_FOUND, "token",
				    "This link no longer works: it was used already, it has "
				    "expired, or a newer one replaced it. %s",
				    strcmp(purpose, "reset") == 0
					? "Ask for a new one from the sign-in page."
					: "Ask whoever invited you to send the invitation again.");
	return rc < 0 ? -1 : 0;
}

int account_link_find(struct store *db, struct arena *a, const char *purpose, const char *secret,
		      int64_t *person_id, const char **email, const char **name, struct cn_err *err)
{
	int64_t link = 0;
	return account_link_lookup(db, a, purpose, secret, &link, person_id, email, name, err);
}

int account_link_use(struct store *db, struct arena *a, const char *purpose, const char *secret,
		     const char *password, const char **email, struct cn_err *err)
{
	if (store_begin(db, err))
		return -1;
	int64_t link = 0, person = 0;
	if (account_link_lookup(db, a, purpose, secret, &link, &person, email, NULL, err))
		goto fail;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct store_stmt *q = store_prepare(db, SQL_ACCOUNT_LINK_USED, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, link);
	store_bind_text(q, 2, now);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (store_changes(db) != 1) {
		cn_err_field(err, CN_ERR_NOT_FOUND, "token", "This link was used already.");
		goto fail;
	}
	char label[48];
	snprintf(label, sizeof(label), "person:%lld", (long long)person);
	struct actor self = {.person_id = person, .label = label};
	if (person_set_password(db, &self, person, password, err) ||
	    audit_record(db, &self, "update",
			 strcmp(purpose, "reset") == 0 ? "password_reset" : "invitation", person,
			 NULL, "{\"link\":\"used\"}", err))
		goto fail;
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

int account_password_change(struct store *db, const struct actor *who, struct arena *a,
			    const char *current, const char *password, struct cn_err *err)
{
	struct account_person ap;
	if (account_person_get(db, a, who->person_id, &ap, err))
		return -1;
	int64_t id = 0;
	int ok = person_check_password(db, ap.email, current ? current : "", &id, err);
	if (ok < 0)
		return -1;
	if (!ok || id != who->person_id)
		return cn_err_field(err, CN_ERR_INPUT, "current_password",
				    "The current password is not right.");
	return person_set_password(db, who, who->person_id, password, err);
}
