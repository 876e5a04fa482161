/* deliverable_review: rubric reviews (tables review and review_score). */
#include "app/deliverable/deliverable_review.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/deliverable/deliverable.h"
#include "app/notice.h"
#include "app/org/person.h"
#include "app/notice.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/utf8.h"

const char *const review_dimension_names[REVIEW_DIMENSION_COUNT] = {
	[REVIEW_ALIGNMENT] = "alignment",
	[REVIEW_KEY_SHIFTS] = "key_shifts",
	[REVIEW_INSTRUCTIONAL_SUPPORTS] = "instructional_supports",
	[REVIEW_ASSESSMENT] = "assessment",
};

static const char SQL_REVIEW_STATUS[] =
	"SELECT d.status, d.id, v.number FROM deliverable_version v"
	" JOIN deliverable d ON d.id = v.deliverable_id WHERE v.id = ?1";
static const char SQL_REVIEW_EXISTS[] =
	"SELECT id FROM review WHERE deliverable_version_id = ?1 AND reviewer_id = ?2";
static const char SQL_REVIEW_ADD[] =
	"INSERT INTO review (deliverable_version_id, reviewer_id, comments, created_at)"
	" VALUES (?1, ?2, ?3, ?4) RETURNING id";
static const char SQL_SCORE_ADD[] =
	"INSERT INTO review_score (review_id, dimension, score, comment) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_REVIEW_LIST[] =
	"SELECT r.id, r.deliverable_version_id, v.number, r.reviewer_id,"
	" p.given_name || ' ' || p.family_name, r.comments, r.created_at"
	" FROM review r JOIN deliverable_version v ON v.id = r.deliverable_version_id"
	" JOIN person p ON p.id = r.reviewer_id"
	" WHERE v.deliverable_id = ?1 AND (?2 IS NULL OR v.id = ?2) ORDER BY v.number, r.id";
static const char SQL_SCORE_LIST[] =
	"SELECT dimension, score, comment FROM review_score WHERE review_id = ?1";

int review_dimension_index(const char *name)
{
	for (int i = 0; i < REVIEW_DIMENSION_COUNT; i++) {
		const char *d = review_dimension_names[i];
		size_t k = 0;
		while (d[k] != '\0' && (name[k] == d[k] || (name[k] == '-' && d[k] == '_')))
			k++;
		if (d[k] == '\0' && name[k] == '\0')
			return i;
	}
	return -1;
}

static int review_text_ok(const char *field, const char *s, struct cn_err *err)
{
	if (s == NULL)
		return 0;
	size_t n = strlen(s);
	if (!utf8_valid(s, n, NULL) || utf8_length(s, n) > REVIEW_COMMENT_MAX)
		return cn_err_field(err, CN_ERR_INPUT, field,
				    "must be UTF-8 text of at most %d characters", REVIEW_COMMENT_MAX);
	return 0;
}

/* Form checks that need no database. */
static int review_check_input(const struct deliverable_review *in, struct cn_err *err)
{
	int scored = 0;
	for (int i = 0; i < REVIEW_DIMENSION_COUNT; i++) {
		int s = in->score[i];
		if (s == REVIEW_NOT_SCORED) {
			if (in->comment[i] != NULL && in->comment[i][0] != '\0')
				return cn_err_field(err, CN_ERR_INPUT, review_dimension_names[i],
						    "has a comment but no score; score it 0 to 3");
			continue;
		}
		if (s < 0 || s > REVIEW_SCORE_MAX)
			return cn_err_field(err, CN_ERR_INPUT, review_dimension_names[i],
					    "%d is not a score; use 0 (not met) to 3 (fully met)", s);
		scored++;
		char field[64];
		snprintf(field, sizeof(field), "%s_comment", review_dimension_names[i]);
		if (review_text_ok(field, in->comment[i], err))
			return -1;
	}
	if (scored == 0)
		return cn_err_field(err, CN_ERR_INPUT, "score",
				    "score at least one dimension: alignment, key_shifts, "
				    "instructional_supports or assessment (0 to 3)");
	return review_text_ok("comments", in->comments, err);
}

int deliverable_review_add(struct store *db, const struct actor *who, int64_t version_id,
			   const struct deliverable_review *in, int64_t *id, struct cn_err *err)
{
	if (review_check_input(in, err))
		return -1;
	int64_t reviewer = in->reviewer_id ? in->reviewer_id : who->person_id;
	if (!who->is_system && reviewer != who->person_id)
		return cn_err_field(err, CN_ERR_INPUT, "reviewer_id",
				    "a review's reviewer is the person who writes it; leave the "
				    "reviewer out");
	if (reviewer == 0)
		return cn_err_field(err, CN_ERR_INPUT, "reviewer_id", "name the reviewer");
	struct arena *a = arena_new();
	struct rec *p = NULL;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	if (store_begin(db, err)) {
		arena_free(a);
		return -1;
	}
	if (rec_get(db, a, &person_entity, reviewer, &p, err)) {
		cn_err_field(err, err->kind == CN_ERR_NOT_FOUND ? CN_ERR_INPUT : err->kind,
			     "reviewer_id", "there is no person with id %lld", (long long)reviewer);
		goto fail;
	}
	struct store_stmt *q = store_prepare(db, SQL_REVIEW_STATUS, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, version_id);
	int rc = store_step(q, err);
	char *status = rc == 1 ? store_col_dup(q, 0, a) : NULL;
	int64_t dlv = rc == 1 ? store_col_int(q, 1) : 0;
	store_done(q);
	if (rc <= 0) {
		if (rc == 0)
			cn_err_set(err, CN_ERR_NOT_FOUND, "there is no deliverable version with id %lld",
				   (long long)version_id);
		goto fail;
	}
	if (strcmp(status, "draft") == 0) {
		cn_err_set(err, CN_ERR_CONFLICT,
			   "deliverable %lld is a draft; submit it for review before reviewing it",
			   (long long)dlv);
		goto fail;
	}
	q = store_prepare(db, SQL_REVIEW_EXISTS, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, version_id);
	store_bind_int(q, 2, reviewer);
	rc = store_step(q, err);
	int64_t other = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc != 0) {
		if (rc == 1)
			cn_err_set(err, CN_ERR_CONFLICT,
				   "person %lld already reviewed this version (review %lld)",
				   (long long)reviewer, (long long)other);
		goto fail;
	}
	q = store_prepare(db, SQL_REVIEW_ADD, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, version_id);
	store_bind_int(q, 2, reviewer);
	store_bind_text(q, 3, in->comments && in->comments[0] ? in->comments : NULL);
	store_bind_text(q, 4, now);
	rc = store_step(q, err);
	int64_t rid = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc != 1) {
		if (rc == 0)
			cn_err_set(err, CN_ERR_INTERNAL, "the review was not stored");
		goto fail;
	}
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_int(&w, "deliverable_version_id", version_id);
	jw_kv_int(&w, "reviewer_id", reviewer);
	for (int i = 0; i < REVIEW_DIMENSION_COUNT; i++) {
		if (in->score[i] == REVIEW_NOT_SCORED)
			continue;
		jw_kv_int(&w, review_dimension_names[i], in->score[i]);
		q = store_prepare(db, SQL_SCORE_ADD, err);
		if (q == NULL)
			break;
		store_bind_int(q, 1, rid);
		store_bind_text(q, 2, review_dimension_names[i]);
		store_bind_int(q, 3, in->score[i]);
		store_bind_text(q, 4, in->comment[i] && in->comment[i][0] ? in->comment[i] : NULL);
		rc = store_step(q, err);
		store_done(q);
		if (rc < 0) {
			q = NULL;
			break;
		}
	}
	jw_obj_end(&w);
	rc = q == NULL ? -1 : audit_record(db, who, "create", "review", rid, NULL, buf_str(&b), err);
	buf_free(&b);
	if (rc == 0)
		rc = notice_deliverable_event(db, who, a, NOTICE_REVIEW_ADDED, dlv, version_id,
					      reviewer, err);
	if (rc == 0)
		rc = notice_tell_owners(
			db, who, a, dlv, arena_printf(a, "A review of deliverable %lld", (long long)dlv),
			arena_printf(a, "%s %s reviewed deliverable %lld.", rec_text(p, "given_name"),
				     rec_text(p, "family_name"), (long long)dlv),
			err);
	if (rc)
		goto fail;
	arena_free(a);
	if (store_commit(db, err))
		return -1;
	if (id != NULL)
		*id = rid;
	return 0;
fail:
	store_rollback(db);
	arena_free(a);
	return -1;
}

int deliverable_reviews(struct store *db, struct arena *a, int64_t deliverable_id,
			int64_t version_id, struct deliverable_reviews *out, struct cn_err *err)
{
	struct rec *d = NULL;
	if (rec_get(db, a, &deliverable_entity, deliverable_id, &d, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_REVIEW_LIST, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, deliverable_id);
	store_bind_id(q, 2, version_id);
	size_t cap = 8;
	out->items = arena_alloc(a, sizeof(*out->items) * cap);
	out->count = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		out->items = arena_grow(a, out->items, sizeof(*out->items), out->count, &cap);
		struct deliverable_review *r = &out->items[out->count++];
		memset(r, 0, sizeof(*r));
		r->id = store_col_int(q, 0);
		r->version_id = store_col_int(q, 1);
		r->version_number = store_col_int(q, 2);
		r->reviewer_id = store_col_int(q, 3);
		r->reviewer_name = store_col_dup(q, 4, a);
		r->comments = store_col_dup(q, 5, a);
		r->created_at = store_col_dup(q, 6, a);
		for (int i = 0; i < REVIEW_DIMENSION_COUNT; i++)
			r->score[i] = REVIEW_NOT_SCORED;
	}
	store_done(q);
	if (rc < 0)
		return -1;
	for (size_t k = 0; k < out->count; k++) {
		struct deliverable_review *r = &out->items[k];
		q = store_prepare(db, SQL_SCORE_LIST, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, r->id);
		while ((rc = store_step(q, err)) == 1) {
			int i = review_dimension_index(store_col_text(q, 0));
			if (i < 0)
				continue; /* a dimension this version of capnet does not know */
			r->score[i] = (int)store_col_int(q, 1);
			r->comment[i] = store_col_dup(q, 2, a);
		}
		store_done(q);
		if (rc < 0)
			return -1;
	}
	return 0;
}

void deliverable_review_summarize(struct arena *a, const struct deliverable_reviews *r,
				  struct deliverable_review_summaries *out)
{
	out->items = arena_alloc(a, sizeof(*out->items) * (r->count ? r->count : 1));
	out->count = 0;
	double sum[REVIEW_DIMENSION_COUNT];
	for (size_t k = 0; k < r->count; k++) {
		const struct deliverable_review *x = &r->items[k];
		struct deliverable_review_summary *s = out->count ? &out->items[out->count - 1] : NULL;
		if (s == NULL || s->version_id != x->version_id) {
			s = &out->items[out->count++];
			memset(s, 0, sizeof(*s));
			memset(sum, 0, sizeof(sum));
			s->version_id = x->version_id;
			s->version_number = x->version_number;
		}
		s->reviews++;
		for (int i = 0; i < REVIEW_DIMENSION_COUNT; i++) {
			if (x->score[i] == REVIEW_NOT_SCORED)
				continue;
			s->scored[i]++;
			sum[i] += x->score[i];
			s->mean[i] = sum[i] / (double)s->scored[i];
		}
	}
}

void deliverable_reviews_json(struct jw *w, const struct deliverable_reviews *r)
{
	jw_arr_begin(w);
	for (size_t k = 0; k < r->count; k++) {
		const struct deliverable_review *x = &r->items[k];
		jw_obj_begin(w);
		jw_kv_int(w, "id", x->id);
		jw_kv_int(w, "version_id", x->version_id);
		jw_kv_int(w, "version_number", x->version_number);
		jw_kv_int(w, "reviewer_id", x->reviewer_id);
		jw_kv_str(w, "reviewer", x->reviewer_name);
		for (int i = 0; i < REVIEW_DIMENSION_COUNT; i++) {
			jw_key(w, review_dimension_names[i]);
			if (x->score[i] == REVIEW_NOT_SCORED)
				jw_null(w);
			else
				jw_int(w, x->score[i]);
		}
		jw_key(w, "dimension_comments");
		jw_obj_begin(w);
		for (int i = 0; i < REVIEW_DIMENSION_COUNT; i++)
			if (x->comment[i] != NULL)
				jw_kv_str(w, review_dimension_names[i], x->comment[i]);
		jw_obj_end(w);
		jw_kv_str(w, "comments", x->comments);
		jw_kv_str(w, "created_at", x->created_at);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

void deliverable_review_summaries_json(struct jw *w, const struct deliverable_review_summaries *s)
{
	jw_arr_begin(w);
	for (size_t k = 0; k < s->count; k++) {
		const struct deliverable_review_summary *x = &s->items[k];
		jw_obj_begin(w);
		jw_kv_int(w, "version_id", x->version_id);
		jw_kv_int(w, "version_number", x->version_number);
		jw_kv_int(w, "reviews", (int64_t)x->reviews);
		for (int i = 0; i < REVIEW_DIMENSION_COUNT; i++) {
			jw_key(w, review_dimension_names[i]);
			if (x->scored[i] == 0)
				jw_null(w);
			else
				jw_double(w, x->mean[i]);
		}
		jw_obj_end(w);
	}
	jw_arr_end(w);
}
