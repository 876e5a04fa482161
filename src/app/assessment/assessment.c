/* assessment: assessments, ratings, removing challenges (challenge.c declares them),
 * and the comparison of two assessments.
 * A team has at most one assessment per school year. Ratings are keyed by indicator;
 * comparisons match indicators by code so that they work across a network's copy of
 * an instrument. */
#include "app/assessment/assessment.h"

#include <ctype.h>
#include <string.h>

#include "app/audit.h"
#include "app/batch.h"
#include "app/assessment/instrument.h"
#include "app/network/network.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "app/network/team.h"
#include "app/assessment/challenge.h"

const char *const assessment_priorities[] = {"high", "medium", "low", NULL};
static const char *const assessment_statuses[] = {"draft", "submitted", NULL};

static const char SQL_ASSESSMENT_TOUCH[] =
	"UPDATE assessment SET updated_at = ?2, version = version + 1 WHERE id = ?1";
static const char SQL_ASSESSMENT_TAKEN[] =
	"SELECT id FROM assessment WHERE team_id = ?1 AND school_year = ?2";
static const char SQL_INSTRUMENT_OWNER[] =
	"SELECT COALESCE(network_id, 0) FROM instrument WHERE id = ?1";
static const char SQL_ASSESSMENT_HEAD[] =
	"SELECT t.name, t.district_id, o.name, t.network_id, i.name FROM assessment a"
	" JOIN team t ON t.id = a.team_id JOIN organization o ON o.id = t.district_id"
	" JOIN instrument i ON i.id = a.instrument_id WHERE a.id = ?1";
static const char SQL_ASSESSMENT_ITEMS[] =
	"SELECT i.id, i.code, i.standard, i.capacity_level, i.text, r.current_level,"
	" r.target_level, r.evidence, r.priority FROM indicator i"
	" LEFT JOIN assessment_rating r ON r.indicator_id = i.id AND r.assessment_id = ?1"
	" WHERE i.instrument_id = ?2 ORDER BY i.position, i.id";
static const char SQL_ASSESSMENT_CHALLENGES[] =
	"SELECT id, description, kind, reason FROM challenge WHERE assessment_id = ?1 ORDER BY id";
static const char SQL_INDICATOR_OF[] =
	"SELECT code FROM indicator WHERE id = ?1 AND instrument_id = ?2";
static const char SQL_RATING_GET[] =
	"SELECT current_level, target_level, evidence, priority FROM assessment_rating"
	" WHERE assessment_id = ?1 AND indicator_id = ?2";
static const char SQL_RATING_SET[] =
	"INSERT INTO assessment_rating (assessment_id, indicator_id, current_level, target_level,"
	" evidence, priority) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	" ON CONFLICT (assessment_id, indicator_id) DO UPDATE SET"
	" current_level = excluded.current_level, target_level = excluded.target_level,"
	" evidence = excluded.evidence, priority = excluded.priority";
static const char SQL_PREVIOUS_KEY[] =
	"SELECT t.district_id, a.school_year, n.content_area FROM assessment a"
	" JOIN team t ON t.id = a.team_id JOIN network n ON n.id = t.network_id WHERE a.id = ?1";
static const char SQL_PREVIOUS[] =
	"SELECT a.id FROM assessment a JOIN team t ON t.id = a.team_id"
	" JOIN network n ON n.id = t.network_id"
	" WHERE t.district_id = ?1 AND a.school_year < ?2 AND a.id <> ?3"
	" ORDER BY CASE WHEN n.content_area = ?4 THEN 0 ELSE 1 END, a.school_year DESC, a.id DESC"
	" LIMIT 1";
static const char SQL_CHALLENGE_DELETE[] = "DELETE FROM challenge WHERE id = ?1";

int assessment_open(struct store *db, struct arena *a, int64_t id, struct rec **out,
			   struct cn_err *err)
{
	if (rec_get(db, a, &assessment_entity, id, out, err))
		return -1;
	if (strcmp(rec_text(*out, "status"), "submitted") == 0)
		return cn_err_set(err, CN_ERR_CONFLICT,
				  "assessment %lld was submitted; set its status back to draft "
				  "(`capnet assessment update %lld --status draft`) to change it",
				  (long long)id, (long long)id);
	return 0;
}

/* Assessments. */

static const struct rec_field assessment_fields[] = {
	{.name = "team_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED, .ref = &team_entity,
	 .help = "the district team that assesses itself"},
	{.name = "instrument_id", .type = REC_REF, .flags = REC_FIXED, .ref = &instrument_entity,
	 .help = "the instrument (default: the network's own, else capnet's default)"},
	{.name = "school_year", .type = REC_SCHOOL_YEAR, .flags = REC_FIXED,
	 .help = "e.g. 2026-27 (default: the network's school year)"},
	{.name = "status", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = assessment_statuses,
	 .def = "draft", .help = "draft or submitted (submitted is closed to changes)"},
	{.name = "assessed_on", .type = REC_DATE, .help = "the day the team met to rate"},
};

static const struct rec_filter assessment_filters[] = {
	{.name = "team_id", .type = REC_REF, .help = "assessments of this team"},
	{.name = "school_year", .type = REC_SCHOOL_YEAR, .help = "only this school year"},
	{.name = "network_id", .type = REC_REF,
	 .where = "team_id IN (SELECT id FROM team WHERE network_id = ?)",
	 .help = "assessments of this network's teams"},
	{.name = "district_id", .type = REC_REF,
	 .where = "team_id IN (SELECT id FROM team WHERE district_id = ?)",
	 .help = "assessments of this district"},
	{.name = "status", .type = REC_ENUM, .choices = assessment_statuses,
	 .help = "only this status"},
};

static int assessment_check(struct store *db, struct arena *a, struct rec *r,
			    const struct rec *old, struct cn_err *err)
{
	if (old != NULL)
		return 0;
	struct rec *team = NULL, *net = NULL;
	if (rec_get(db, a, &team_entity, rec_int(r, "team_id"), &team, err) ||
	    rec_get(db, a, &network_entity, rec_int(team, "network_id"), &net, err))
		return -1;
	if (rec_is_null(r, "school_year") &&
	    rec_put_text(r, a, "school_year", rec_text(net, "school_year"), err))
		return -1;
	if (rec_is_null(r, "instrument_id")) {
		int64_t inst = 0;
		int rc = instrument_of_network(db, net->id, &inst, err);
		if (rc < 0)
			return -1;
		struct actor seed = actor_system("capnet");
		if (rc == 0 && instrument_default(db, &seed, &inst, err))
			return -1;
		if (rec_put_int(r, "instrument_id", inst, err))
			return -1;
	}
	int64_t owner = 0;
	int64_t instrument = rec_int(r, "instrument_id");
	if (store_query_int(db, SQL_INSTRUMENT_OWNER, &instrument, 1, &owner, err) < 0)
		return -1;
	if (owner != 0 && owner != net->id)
		return cn_err_field(err, CN_ERR_INPUT, "instrument_id",
				    "instrument %lld belongs to network %lld; team %lld is in "
				    "network %lld (use that network's instrument or capnet's "
				    "default)",
				    (long long)rec_int(r, "instrument_id"), (long long)owner,
				    (long long)team->id, (long long)net->id);
	int64_t other = 0;
	struct store_stmt *q = store_prepare(db, SQL_ASSESSMENT_TAKEN, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, team->id);
	store_bind_text(q, 2, rec_text(r, "school_year"));
	int rc = store_step(q, err);
	if (rc == 1)
		other = store_col_int(q, 0);
	store_done(q);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return cn_err_field(err, CN_ERR_CONFLICT, "school_year",
				    "team %lld already has assessment %lld for %s; rate that one",
				    (long long)team->id, (long long)other,
				    rec_text(r, "school_year"));
	return 0;
}

const struct rec_entity assessment_entity = {
	.name = "assessment",
	.plural = "assessments",
	.title = "assessment",
	.fields = assessment_fields,
	.nfields = sizeof(assessment_fields) / sizeof(assessment_fields[0]),
	.filters = assessment_filters,
	.nfilters = sizeof(assessment_filters) / sizeof(assessment_filters[0]),
	.table = "assessment",
	.check = assessment_check,
};

int assessment_challenge_remove(struct store *db, const struct actor *who, int64_t challenge_id,
				struct cn_err *err)
{
	struct arena *a = arena_new();
	if (store_begin(db, err))
		goto fail_arena;
	struct rec *ch = NULL, *as = NULL;
	if (rec_get(db, a, &challenge_entity, challenge_id, &ch, err) ||
	    assessment_open(db, a, rec_int(ch, "assessment_id"), &as, err))
		goto fail;
	struct store_stmt *q = store_prepare(db, SQL_CHALLENGE_DELETE, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, challenge_id);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (audit_record(db, who, "delete", "challenge", challenge_id, rec_json_text(a, ch), NULL,
			 err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

/* Ratings. */

static int assessment_check_level(const char *field, int64_t v, struct cn_err *err)
{
	if (v < ASSESSMENT_LEVEL_MIN || v > ASSESSMENT_LEVEL_MAX)
		return cn_err_field(err, CN_ERR_INPUT, field,
				    "%lld is out of range; rate from 1 (%s) to 4 (%s)",
				    (long long)v, instrument_scale_label(1),
				    instrument_scale_label(4));
	return 0;
}

static int assessment_check_rating(const struct assessment_rating_in *in, struct cn_err *err)
{
	if (assessment_check_level("current_level", in->current_level, err) ||
	    assessment_check_level("target_level", in->target_level, err))
		return -1;
	if (in->target_level < in->current_level)
		return cn_err_field(err, CN_ERR_INPUT, "target_level",
				    "the target (%lld) is below the current level (%lld); a target "
				    "is where the district wants to be, at least where it is",
				    (long long)in->target_level, (long long)in->current_level);
	if (in->priority != NULL) {
		int ok = 0;
		for (size_t i = 0; assessment_priorities[i] != NULL; i++)
			ok |= strcmp(in->priority, assessment_priorities[i]) == 0;
		if (!ok)
			return cn_err_field(err, CN_ERR_INPUT, "priority",
					    "'%s' is not one of: high, medium, low", in->priority);
	}
	if (in->evidence != NULL) {
		size_t n = strlen(in->evidence), bad = 0;
		if (!utf8_valid(in->evidence, n, &bad))
			return cn_err_field(err, CN_ERR_INPUT, "evidence",
					    "is not valid UTF-8 text (byte %zu)", bad + 1);
		if (utf8_length(in->evidence, n) > ASSESSMENT_EVIDENCE_MAX)
			return cn_err_field(err, CN_ERR_INPUT, "evidence",
					    "is %zu characters long; at most %d are allowed",
					    utf8_length(in->evidence, n), ASSESSMENT_EVIDENCE_MAX);
	}
	return 0;
}

static void assessment_rating_json(struct buf *b, const char *code, int64_t current,
				   int64_t target, const char *evidence, const char *priority)
{
	struct jw w;
	jw_init(&w, b);
	jw_obj_begin(&w);
	jw_kv_str(&w, "change", "rating");
	jw_kv_str(&w, "indicator", code);
	jw_kv_int(&w, "current_level", current);
	jw_kv_int(&w, "target_level", target);
	jw_kv_str(&w, "evidence", evidence);
	jw_kv_str(&w, "priority", priority);
	jw_obj_end(&w);
}

int assessment_rate(struct store *db, const struct actor *who, int64_t assessment_id,
		    int64_t indicator_id, const struct assessment_rating_in *in,
		    struct cn_err *err)
{
	if (assessment_check_rating(in, err))
		return -1;
	const char *priority = in->priority ? in->priority : "medium";
	const char *evidence = in->evidence && in->evidence[0] ? in->evidence : NULL;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct arena *a = arena_new();
	struct buf before = BUF_INIT, after = BUF_INIT;
	if (store_begin(db, err))
		goto fail_arena;
	struct rec *as = NULL;
	if (assessment_open(db, a, assessment_id, &as, err))
		goto fail;
	struct store_stmt *q = store_prepare(db, SQL_INDICATOR_OF, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, indicator_id);
	store_bind_int(q, 2, rec_int(as, "instrument_id"));
	int rc = store_step(q, err);
	char *code = rc == 1 ? store_col_dup(q, 0, a) : NULL;
	store_done(q);
	if (rc < 0)
		goto fail;
	if (rc == 0) {
		cn_err_field(err, CN_ERR_INPUT, "indicator",
			     "indicator %lld is not in instrument %lld of assessment %lld",
			     (long long)indicator_id, (long long)rec_int(as, "instrument_id"),
			     (long long)assessment_id);
		goto fail;
	}
	q = store_prepare(db, SQL_RATING_GET, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, assessment_id);
	store_bind_int(q, 2, indicator_id);
	rc = store_step(q, err);
	if (rc == 1)
		assessment_rating_json(&before, code, store_col_int(q, 0), store_col_int(q, 1),
				       store_col_text(q, 2), store_col_text(q, 3));
	store_done(q);
	if (rc < 0)
		goto fail;
	q = store_prepare(db, SQL_RATING_SET, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, assessment_id);
	store_bind_int(q, 2, indicator_id);
	store_bind_int(q, 3, in->current_level);
	store_bind_int(q, 4, in->target_level);
	store_bind_text(q, 5, evidence);
	store_bind_text(q, 6, priority);
	rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	q = store_prepare(db, SQL_ASSESSMENT_TOUCH, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, assessment_id);
	store_bind_text(q, 2, now);
	rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	assessment_rating_json(&after, code, in->current_level, in->target_level, evidence,
			       priority);
	if (audit_record(db, who, "update", "assessment", assessment_id,
			 before.len ? buf_str(&before) : NULL, buf_str(&after), err))
		goto fail;
	buf_free(&before);
	buf_free(&after);
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
fail_arena:
	buf_free(&before);
	buf_free(&after);
	arena_free(a);
	return -1;
}

struct assessment_batch {
	struct store *db;
	const struct actor *who;
	int64_t assessment_id;
	const struct assessment_rating_of *ratings;
};

static int assessment_rate_one(void *ctx, size_t i, struct cn_err *err)
{
	const struct assessment_batch *b = ctx;
	return assessment_rate(b->db, b->who, b->assessment_id, b->ratings[i].indicator_id,
			       &b->ratings[i].in, err);
}

int assessment_rate_all(struct store *db, const struct actor *who, int64_t assessment_id,
			const struct assessment_rating_of *ratings, size_t n, size_t *failed,
			struct cn_err *err)
{
	struct assessment_batch b = {db, who, assessment_id, ratings};
	return batch_all(db, n, assessment_rate_one, &b, failed, err);
}

int assessment_indicator(struct store *db, int64_t assessment_id, const char *key, int64_t *id,
			 struct cn_err *err)
{
	struct arena *a = arena_new();
	struct rec *as = NULL;
	int rc = rec_get(db, a, &assessment_entity, assessment_id, &as, err);
	if (rc == 0) {
		int64_t inst = rec_int(as, "instrument_id");
		rc = instrument_indicator_find(db, inst, key, id, err);
		if (rc == 0)
			cn_err_field(err, CN_ERR_INPUT, "indicator",
				     "there is no indicator '%s' in instrument %lld; see `capnet "
				     "assessment instrument show %lld`",
				     key ? key : "", (long long)inst, (long long)inst);
		rc = rc == 1 ? 0 : -1;
	}
	arena_free(a);
	return rc;
}

/* Loading and rendering. */

int assessment_load(struct store *db, struct arena *a, int64_t id, struct assessment_full *out,
		    struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	if (rec_get(db, a, &assessment_entity, id, &out->assessment, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_ASSESSMENT_HEAD, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	if (rc == 1) {
		out->team_name = store_col_dup(q, 0, a);
		out->district_id = store_col_int(q, 1);
		out->district_name = store_col_dup(q, 2, a);
		out->network_id = store_col_int(q, 3);
		out->instrument_name = store_col_dup(q, 4, a);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	q = store_prepare(db, SQL_ASSESSMENT_ITEMS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	store_bind_int(q, 2, rec_int(out->assessment, "instrument_id"));
	size_t cap = 0;
	while ((rc = store_step(q, err)) == 1) {
		out->items = arena_grow(a, out->items, sizeof(*out->items), out->count, &cap);
		struct assessment_item *it = &out->items[out->count++];
		it->indicator_id = store_col_int(q, 0);
		it->code = store_col_dup(q, 1, a);
		it->standard = store_col_dup(q, 2, a);
		it->capacity_level = store_col_dup(q, 3, a);
		it->text = store_col_dup(q, 4, a);
		it->rated = !store_col_is_null(q, 5);
		it->current_level = store_col_int(q, 5);
		it->target_level = store_col_int(q, 6);
		it->evidence = store_col_dup(q, 7, a);
		it->priority = store_col_dup(q, 8, a);
		out->rated += (size_t)it->rated;
	}
	store_done(q);
	if (rc < 0)
		return -1;
	q = store_prepare(db, SQL_ASSESSMENT_CHALLENGES, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	cap = 0;
	while ((rc = store_step(q, err)) == 1) {
		out->challenges = arena_grow(a, out->challenges, sizeof(*out->challenges), out->nchallenges, &cap);
		struct assessment_challenge *c = &out->challenges[out->nchallenges++];
		c->id = store_col_int(q, 0);
		c->description = store_col_dup(q, 1, a);
		c->kind = store_col_dup(q, 2, a);
		c->reason = store_col_dup(q, 3, a);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

static int64_t assessment_gap(int64_t current, int64_t target)
{
	return target > current ? target - current : 0;
}

void assessment_items_json(struct jw *w, const struct assessment_full *as)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < as->count; i++) {
		const struct assessment_item *it = &as->items[i];
		jw_obj_begin(w);
		jw_kv_int(w, "indicator_id", it->indicator_id);
		jw_kv_str(w, "code", it->code);
		jw_kv_str(w, "standard", it->standard);
		jw_kv_str(w, "capacity_level", it->capacity_level);
		jw_kv_str(w, "text", it->text);
		jw_kv_bool(w, "rated", it->rated);
		jw_kv_id(w, "current_level", it->current_level);
		jw_kv_id(w, "target_level", it->target_level);
		if (it->rated)
			jw_kv_int(w, "gap", assessment_gap(it->current_level, it->target_level));
		else
			jw_kv_str(w, "gap", NULL);
		jw_kv_str(w, "priority", it->priority);
		jw_kv_str(w, "evidence", it->evidence);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void assessment_challenge_list_json(struct jw *w, const struct assessment_challenge *c,
					   size_t n)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < n; i++) {
		jw_obj_begin(w);
		jw_kv_int(w, "id", c[i].id);
		jw_kv_str(w, "kind", c[i].kind);
		jw_kv_str(w, "description", c[i].description);
		jw_kv_str(w, "reason", c[i].reason);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

void assessment_challenges_json(struct jw *w, const struct assessment_full *as)
{
	assessment_challenge_list_json(w, as->challenges, as->nchallenges);
}

void assessment_json(struct jw *w, const struct assessment_full *as)
{
	const struct rec *r = as->assessment;
	jw_obj_begin(w);
	jw_kv_int(w, "id", r->id);
	jw_kv_int(w, "version", r->version);
	jw_kv_int(w, "team_id", rec_int(r, "team_id"));
	jw_kv_str(w, "team", as->team_name);
	jw_kv_int(w, "district_id", as->district_id);
	jw_kv_str(w, "district", as->district_name);
	jw_kv_int(w, "network_id", as->network_id);
	jw_kv_int(w, "instrument_id", rec_int(r, "instrument_id"));
	jw_kv_str(w, "instrument", as->instrument_name);
	jw_kv_str(w, "school_year", rec_text(r, "school_year"));
	jw_kv_str(w, "status", rec_text(r, "status"));
	jw_kv_str(w, "assessed_on", rec_text(r, "assessed_on"));
	jw_kv_int(w, "indicators", (int64_t)as->count);
	jw_kv_int(w, "rated", (int64_t)as->rated);
	size_t high = 0;
	for (size_t i = 0; i < as->count; i++)
		high += as->items[i].rated && as->items[i].priority != NULL &&
			strcmp(as->items[i].priority, "high") == 0 &&
			as->items[i].target_level > as->items[i].current_level;
	jw_kv_int(w, "high_priority_gaps", (int64_t)high);
	jw_key(w, "items");
	assessment_items_json(w, as);
	jw_key(w, "challenges");
	assessment_challenges_json(w, as);
	jw_kv_str(w, "created_at", r->created_at);
	jw_kv_str(w, "updated_at", r->updated_at);
	jw_obj_end(w);
}

/* Comparison. */

int assessment_previous(struct store *db, int64_t id, int64_t *prev, struct cn_err *err)
{
	struct arena *a = arena_new();
	struct store_stmt *q = store_prepare(db, SQL_PREVIOUS_KEY, err);
	int rc = -1;
	if (q == NULL)
		goto out;
	store_bind_int(q, 1, id);
	rc = store_step(q, err);
	int64_t district = rc == 1 ? store_col_int(q, 0) : 0;
	char *year = rc == 1 ? store_col_dup(q, 1, a) : NULL;
	char *area = rc == 1 ? store_col_dup(q, 2, a) : NULL;
	store_done(q);
	if (rc == 0) {
		rc = cn_err_set(err, CN_ERR_NOT_FOUND, "there is no assessment with id %lld",
				(long long)id);
		goto out;
	}
	if (rc < 0)
		goto out;
	q = store_prepare(db, SQL_PREVIOUS, err);
	rc = -1;
	if (q == NULL)
		goto out;
	store_bind_int(q, 1, district);
	store_bind_text(q, 2, year);
	store_bind_int(q, 3, id);
	store_bind_text(q, 4, area);
	rc = store_step(q, err);
	if (rc == 1)
		*prev = store_col_int(q, 0);
	store_done(q);
out:
	arena_free(a);
	return rc;
}

/* Lower case with runs of white space made one space, for matching descriptions. */
static char *assessment_norm(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1);
	size_t n = 0;
	int space = 1;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			space = 1;
			continue;
		}
		if (space && n > 0)
			out[n++] = ' ';
		space = 0;
		out[n++] = (char)tolower((unsigned char)*s);
	}
	out[n] = '\0';
	return out;
}

static int assessment_has_challenge(struct arena *a, const struct assessment_full *in,
				    const char *norm)
{
	for (size_t i = 0; i < in->nchallenges; i++)
		if (strcmp(assessment_norm(a, in->challenges[i].description), norm) == 0)
			return 1;
	return 0;
}

static void assessment_move_set(struct assessment_move *m, const struct assessment_item *now,
				const struct assessment_item *before)
{
	const struct assessment_item *any = now ? now : before;
	m->code = any->code;
	m->text = any->text;
	m->standard = any->standard;
	m->capacity_level = any->capacity_level;
	if (before != NULL && before->rated) {
		m->before_current = before->current_level;
		m->before_target = before->target_level;
		m->gap_before = assessment_gap(before->current_level, before->target_level);
	}
	if (now != NULL && now->rated) {
		m->now_current = now->current_level;
		m->now_target = now->target_level;
		m->gap_now = assessment_gap(now->current_level, now->target_level);
	}
	if (m->before_current && m->now_current)
		m->movement = m->now_current > m->before_current   ? "up"
			      : m->now_current < m->before_current ? "down"
								   : "same";
	else
		m->movement = m->now_current ? "new" : "not_rated";
	m->gap_closed = m->gap_before > 0 && m->now_current != 0 &&
			m->now_current >= m->before_target;
}

int assessment_compare(struct store *db, struct arena *a, int64_t id, int64_t before,
		       struct assessment_comparison *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	if (before == 0) {
		int rc = assessment_previous(db, id, &before, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return cn_err_set(err, CN_ERR_NOT_FOUND,
					  "the district has no assessment of a school year before "
					  "assessment %lld's; name one with --with",
					  (long long)id);
	}
	if (before == id)
		return cn_err_field(err, CN_ERR_INPUT, "with",
				    "compare assessment %lld with another one", (long long)id);
	struct assessment_full now, old;
	if (assessment_load(db, a, id, &now, err) || assessment_load(db, a, before, &old, err))
		return -1;
	if (now.district_id != old.district_id)
		return cn_err_field(err, CN_ERR_INPUT, "with",
				    "assessment %lld is %s's and %lld is %s's; compare a district "
				    "with itself",
				    (long long)id, now.district_name, (long long)before,
				    old.district_name);
	out->now_id = id;
	out->before_id = before;
	out->now_year = rec_text(now.assessment, "school_year");
	out->before_year = rec_text(old.assessment, "school_year");
	out->moves = arena_alloc(a, sizeof(*out->moves) * (now.count + old.count + 1));
	unsigned char *used = arena_alloc(a, old.count + 1);
	for (size_t i = 0; i < now.count; i++) {
		const struct assessment_item *match = NULL;
		for (size_t k = 0; k < old.count && match == NULL; k++)
			if (!used[k] && strcmp(old.items[k].code, now.items[i].code) == 0) {
				match = &old.items[k];
				used[k] = 1;
			}
		if (!now.items[i].rated && (match == NULL || !match->rated))
			continue;
		assessment_move_set(&out->moves[out->nmoves++], &now.items[i], match);
	}
	for (size_t k = 0; k < old.count; k++)
		if (!used[k] && old.items[k].rated)
			assessment_move_set(&out->moves[out->nmoves++], NULL, &old.items[k]);
	for (size_t i = 0; i < out->nmoves; i++) {
		const char *mv = out->moves[i].movement;
		out->up += strcmp(mv, "up") == 0;
		out->down += strcmp(mv, "down") == 0;
		out->same += strcmp(mv, "same") == 0;
		out->gaps_closed += (size_t)out->moves[i].gap_closed;
	}
	size_t cap = now.nchallenges + old.nchallenges + 1;
	out->new_challenges = arena_alloc(a, sizeof(struct assessment_challenge) * cap);
	out->continuing = arena_alloc(a, sizeof(struct assessment_challenge) * cap);
	out->resolved = arena_alloc(a, sizeof(struct assessment_challenge) * cap);
	for (size_t i = 0; i < now.nchallenges; i++) {
		const char *norm = assessment_norm(a, now.challenges[i].description);
		if (assessment_has_challenge(a, &old, norm))
			out->continuing[out->ncontinuing++] = now.challenges[i];
		else
			out->new_challenges[out->nnew++] = now.challenges[i];
	}
	for (size_t i = 0; i < old.nchallenges; i++)
		if (!assessment_has_challenge(a, &now,
					      assessment_norm(a, old.challenges[i].description)))
			out->resolved[out->nresolved++] = old.challenges[i];
	return 0;
}

void assessment_moves_json(struct jw *w, const struct assessment_comparison *c)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < c->nmoves; i++) {
		const struct assessment_move *m = &c->moves[i];
		jw_obj_begin(w);
		jw_kv_str(w, "code", m->code);
		jw_kv_str(w, "standard", m->standard);
		jw_kv_str(w, "capacity_level", m->capacity_level);
		jw_kv_str(w, "movement", m->movement);
		jw_kv_id(w, "before_current", m->before_current);
		jw_kv_id(w, "now_current", m->now_current);
		jw_kv_id(w, "before_target", m->before_target);
		jw_kv_id(w, "now_target", m->now_target);
		jw_kv_int(w, "gap_before", m->gap_before);
		jw_kv_int(w, "gap_now", m->gap_now);
		jw_kv_bool(w, "gap_closed", m->gap_closed);
		jw_kv_str(w, "text", m->text);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

void assessment_compare_json(struct jw *w, const struct assessment_comparison *c)
{
	jw_obj_begin(w);
	jw_kv_int(w, "assessment_id", c->now_id);
	jw_kv_str(w, "school_year", c->now_year);
	jw_kv_int(w, "previous_id", c->before_id);
	jw_kv_str(w, "previous_school_year", c->before_year);
	jw_key(w, "summary");
	jw_obj_begin(w);
	jw_kv_int(w, "up", (int64_t)c->up);
	jw_kv_int(w, "down", (int64_t)c->down);
	jw_kv_int(w, "same", (int64_t)c->same);
	jw_kv_int(w, "gaps_closed", (int64_t)c->gaps_closed);
	jw_kv_int(w, "new_challenges", (int64_t)c->nnew);
	jw_kv_int(w, "resolved_challenges", (int64_t)c->nresolved);
	jw_obj_end(w);
	jw_key(w, "indicators");
	assessment_moves_json(w, c);
	jw_key(w, "new_challenges");
	assessment_challenge_list_json(w, c->new_challenges, c->nnew);
	jw_key(w, "resolved_challenges");
	assessment_challenge_list_json(w, c->resolved, c->nresolved);
	jw_key(w, "continuing_challenges");
	assessment_challenge_list_json(w, c->continuing, c->ncontinuing);
	jw_obj_end(w);
}
