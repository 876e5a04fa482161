/* plan_review: facilitator reviews of plans, stored in the review table (whose other
 * rows review deliverable versions), and the notices they send to the team. */
#include "app/plan/plan_review.h"

#include <string.h>

#include "app/audit.h"
#include "app/org/person.h"
#include "app/plan/plan.h"
#include "core/buf.h"
#include "core/timeutil.h"

static const char SQL_REVIEW_ADD[] =
	"INSERT INTO review (plan_id, reviewer_id, comments, created_at) VALUES (?1, ?2, ?3, ?4)"
	" RETURNING id";
/* The team's members who still belong to its district: a seat alone reads nothing. */
static const char SQL_REVIEW_NOTIFY[] =
	"INSERT INTO notice (person_id, kind, plan_id, message, created_at)"
	" SELECT m.person_id, 'review', ?1, ?2, ?3 FROM team_member m JOIN team t ON t.id = m.team_id"
	" WHERE m.team_id = ?4 AND EXISTS (SELECT 1 FROM membership ms"
	"  JOIN organization o ON o.id = ms.org_id WHERE ms.person_id = m.person_id"
	"  AND ms.active = 1"
	"  AND (o.id = t.district_id OR (o.kind = 'school' AND o.parent_id = t.district_id)))";
static const char SQL_REVIEW_LIST[] =
	"SELECT r.id, r.reviewer_id, p.given_name || ' ' || p.family_name, r.comments,"
	" r.created_at FROM review r JOIN person p ON p.id = r.reviewer_id"
	" WHERE r.plan_id = ?1 ORDER BY r.id";

int plan_review_add(struct store *db, const struct actor *who, int64_t plan_id,
		    int64_t reviewer_id, const char *comments, int64_t *review_id,
		    struct cn_err *err)
{
	if (reviewer_id == 0)
		reviewer_id = who->person_id;
	if (reviewer_id == 0)
		return cn_err_field(err, CN_ERR_INPUT, "reviewer_id",
				    "name the facilitator who reviews (--reviewer)");
	if (plan_text_check("comments", comments, PLAN_REVIEW_MAX, 1, err))
		return -1;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct arena *a = arena_new();
	if (store_begin(db, err))
		goto fail_arena;
	int64_t network = 0, team = 0, district = 0;
	if (plan_owner(db, plan_id, &network, &team, &district, err))
		goto fail;
	struct rec *reviewer = NULL;
	if (rec_get(db, a, &person_entity, reviewer_id, &reviewer, err)) {
		if (err->kind == CN_ERR_NOT_FOUND)
			cn_err_field(err, CN_ERR_INPUT, "reviewer_id",
				     "there is no person with id %lld", (long long)reviewer_id);
		goto fail;
	}
	int ok = plan_person_facilitates(db, reviewer_id, network, err);
	if (ok < 0)
		goto fail;
	if (!ok) {
		cn_err_set(err, CN_ERR_FORBIDDEN,
			   "%s %s does not facilitate network %lld; plans are reviewed by their "
			   "network's facilitators",
			   rec_text(reviewer, "given_name"), rec_text(reviewer, "family_name"),
			   (long long)network);
		goto fail;
	}
	struct store_stmt *q = store_prepare(db, SQL_REVIEW_ADD, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, plan_id);
	store_bind_int(q, 2, reviewer_id);
	store_bind_text(q, 3, comments);
	store_bind_text(q, 4, now);
	int rc = store_step(q, err);
	int64_t id = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc != 1)
		goto fail;
	if (team != 0) {
		q = store_prepare(db, SQL_REVIEW_NOTIFY, err);
		if (q == NULL)
			goto fail;
		char *msg = arena_printf(a, "%s %s reviewed plan %lld",
					 rec_text(reviewer, "given_name"),
					 rec_text(reviewer, "family_name"), (long long)plan_id);
		store_bind_int(q, 1, plan_id);
		store_bind_text(q, 2, msg);
		store_bind_text(q, 3, now);
		store_bind_int(q, 4, team);
		rc = store_step(q, err);
		store_done(q);
		if (rc < 0)
			goto fail;
	}
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_int(&w, "plan_id", plan_id);
	jw_kv_int(&w, "reviewer_id", reviewer_id);
	jw_kv_str(&w, "comments", comments);
	jw_obj_end(&w);
	rc = audit_record(db, who, "create", "review", id, NULL, buf_str(&b), err);
	buf_free(&b);
	if (rc)
		goto fail;
	if (store_commit(db, err))
		goto fail_arena;
	if (review_id != NULL)
		*review_id = id;
	arena_free(a);
	return 0;
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

int plan_review_list(struct store *db, struct arena *a, int64_t plan_id,
		     struct plan_review **out, size_t *count, struct cn_err *err)
{
	*out = NULL;
	*count = 0;
	int64_t network = 0, team = 0, district = 0;
	if (plan_owner(db, plan_id, &network, &team, &district, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_REVIEW_LIST, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, plan_id);
	size_t cap = 0, n = 0;
	struct plan_review *r = NULL;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		r = arena_grow(a, r, sizeof(*r), n, &cap);
		r[n].id = store_col_int(q, 0);
		r[n].reviewer_id = store_col_int(q, 1);
		r[n].reviewer = store_col_dup(q, 2, a);
		r[n].comments = store_col_dup(q, 3, a);
		r[n].created_at = store_col_dup(q, 4, a);
		n++;
	}
	store_done(q);
	if (rc < 0)
		return -1;
	*out = r;
	*count = n;
	return 0;
}

void plan_review_list_json(struct jw *w, const struct plan_review *r, size_t n)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < n; i++) {
		jw_obj_begin(w);
		jw_kv_int(w, "id", r[i].id);
		jw_kv_int(w, "reviewer_id", r[i].reviewer_id);
		jw_kv_str(w, "reviewer", r[i].reviewer);
		jw_kv_str(w, "comments", r[i].comments);
		jw_kv_str(w, "created_at", r[i].created_at);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}
