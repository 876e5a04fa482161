/* deliverables: what the API does with a deliverable beyond its fields (which entity.c
 * serves): saving versions and reading them, the differences between two versions,
 * status changes (submit, publish, return, withdraw), reviews on the EQuIP-style
 * rubric, adapting a published version for a team (derive), lineage both ways with
 * each adaptation's similarity to its source, the CASE export of a learning-target
 * set, and the signed-in person's notices. Policy rules: "deliverable" (reading,
 * writing, submitting, withdrawing), "deliverable_publish" (publishing and returning,
 * by facilitators), "deliverable_review" and "notice". The rules themselves are in
 * app/deliverable*.h, app/notice.h and app/deliverable/target.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "app/deliverable/deliverable.h"
#include "app/deliverable/deliverable_contributor.h"
#include "app/deliverable/deliverable_lineage.h"
#include "app/deliverable/deliverable_review.h"
#include "app/notice.h"
#include "app/deliverable/target.h"
#include "core/diff.h"
#include "app/network/team.h"

/* Answers with the deliverable as stored now, with its ETag. */
static int dl_send(struct http_req *rq, struct http_resp *rs, int64_t id, int status,
		   struct cn_err *err)
{
	struct rec *now = NULL;
	if (rec_get(rq->db, rq->a, &deliverable_entity, id, &now, err))
		return -1;
	api_send_rec(rq, rs, now, status);
	return 0;
}

/* The versions of d the caller may see: all of them for its district, its contributors
 * and its network's facilitators, the published ones for everyone else. */
static int dl_versions(struct http_req *rq, const struct rec *d, struct deliverable_versions *v,
		       int *drafts, struct cn_err *err)
{
	int all = http_can_read(rq, "deliverable_version", d, err);
	if (all < 0 || deliverable_versions(rq->db, rq->a, d->id, v, err))
		return -1;
	if (!all)
		deliverable_versions_keep_published(v);
	if (drafts != NULL)
		*drafts = all;
	return 0;
}

/* Version number of d (0: the latest the caller may see), refused as missing when the
 * caller may not see it. */
static int dl_version_find(struct http_req *rq, const struct rec *d, int64_t number,
			   struct deliverable_version *out, struct cn_err *err)
{
	struct deliverable_versions v;
	int drafts = 0;
	if (dl_versions(rq, d, &v, &drafts, err))
		return -1;
	if (number == 0 && v.count > 0)
		number = v.items[v.count - 1].number;
	for (size_t i = 0; i < v.count && number != 0; i++)
		if (v.items[i].number == number)
			return deliverable_version_find(rq->db, rq->a, d->id, number, out, err);
	if (number == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "deliverable %lld has no version yet%s",
				  (long long)d->id, drafts ? "; save one first" : " that you may see");
	return cn_err_set(err, CN_ERR_NOT_FOUND, "deliverable %lld has no version %lld%s",
			  (long long)d->id, (long long)number, drafts ? "" : " that you may see");
}

/* A whole number from a checked body field (NULL: 0). */
static int64_t dl_number(const char *v) { return v != NULL ? strtoll(v, NULL, 10) : 0; }

/* Versions. */

/* GET /api/v1/deliverables/{id}/versions: oldest first, without bodies. The ETag is
 * the deliverable's, which every save changes. */
static int versions_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d = rq->record;
	struct deliverable_versions v;
	if (dl_versions(rq, d, &v, NULL, err))
		return -1;
	api_etag(rq, rs, d);
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_key(&w, "items");
	deliverable_versions_json(&w, &v);
	jw_obj_end(&w);
	return 0;
}

/* POST /api/v1/deliverables/{id}/versions: If-Match (the deliverable's ETag) and/or
 * based_on (the version number the text started from) guard against overwriting a
 * save made meanwhile; one of them is required. The author is the caller. */
static int versions_post(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d = rq->record;
	const char *values[3];
	if (api_body_fields(rq, values, err))
		return -1;
	struct deliverable_save in = {
	    .body = values[0], .change_note = values[1], .based_on = dl_number(values[2])};
	if (http_header(rq, "If-Match") != NULL || in.based_on == 0) {
		int64_t expected = 0;
		if (api_if_match(rq, d, &expected, err)) {
			if (err->kind == CN_ERR_PRECONDITION)
				cn_err_set(
				    err, CN_ERR_PRECONDITION,
				    "send If-Match with the deliverable's ETag, or based_on "
				    "with the version number your text started from, so that "
				    "a version saved meanwhile is not overwritten");
			return -1;
		}
		if (expected != 0 && expected != d->version) {
			char etag[64];
			rec_etag(d, etag, sizeof(etag));
			return cn_err_set(
			    err, CN_ERR_STALE,
			    "the deliverable changed since you read it (its ETag is "
			    "now %s); read its versions again, compare, and save again",
			    etag);
		}
	}
	struct deliverable_version v;
	if (deliverable_save(rq->db, &rq->who, rq->a, d->id, &in, &v, err))
		return -1;
	struct rec *now = NULL;
	if (rec_get(rq->db, rq->a, &deliverable_entity, d->id, &now, err))
		return -1;
	api_etag(rq, rs, now);
	http_resp_header(rs, "Location",
			 arena_printf(rq->a, "/api/v1/deliverables/%lld/versions/%lld",
				      (long long)d->id, (long long)v.number));
	struct jw w;
	api_json(rs, &w, 201);
	deliverable_version_json(&w, &v);
	return 0;
}

/* GET /api/v1/deliverables/{id}/versions/{number}: one version with its body. */
static int version_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d = rq->record;
	int64_t number;
	struct deliverable_version v;
	if (http_param_id(rq, "number", &number, err) ||
	    dl_version_find(rq, d, number, &v, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	deliverable_version_json(&w, &v);
	return 0;
}

/* GET /api/v1/deliverables/{id}/diff?from=N&to=M: to defaults to the latest version,
 * from to the one before it. */
static int diff_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d = rq->record;
	struct deliverable_versions all;
	if (dl_versions(rq, d, &all, NULL, err))
		return -1;
	if (all.count == 0)
		return cn_err_set(err, CN_ERR_CONFLICT,
				  "deliverable %lld has no version yet, so there is nothing to "
				  "compare",
				  (long long)d->id);
	int64_t to = all.items[all.count - 1].number, from = 0;
	if (api_query_int(rq, "to", 1, INT64_MAX, &to, err) < 0)
		return -1;
	from = to > 1 ? to - 1 : to;
	if (api_query_int(rq, "from", 1, INT64_MAX, &from, err) < 0)
		return -1;
	struct deliverable_version a, b;
	struct diff df;
	if (dl_version_find(rq, d, from, &a, err))
		return cn_err_field(err, err->kind == CN_ERR_NOT_FOUND ? CN_ERR_INPUT : err->kind,
				    "from", "deliverable %lld has no version %lld",
				    (long long)d->id, (long long)from);
	if (dl_version_find(rq, d, to, &b, err))
		return cn_err_field(err, err->kind == CN_ERR_NOT_FOUND ? CN_ERR_INPUT : err->kind,
				    "to", "deliverable %lld has no version %lld", (long long)d->id,
				    (long long)to);
	if (deliverable_diff(rq->db, rq->a, a.id, b.id, &df, NULL, NULL, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	a.body = b.body = NULL; /* the lines below carry the text */
	jw_key(&w, "from");
	deliverable_version_json(&w, &a);
	jw_key(&w, "to");
	deliverable_version_json(&w, &b);
	jw_key(&w, "diff");
	diff_json(&w, &df, DIFF_CONTEXT);
	jw_obj_end(&w);
	return 0;
}

/* Status. */

/* POST /api/v1/deliverables/{id}/submit|publish|return|withdraw [If-Match] */
static int status_post(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const char *action = strrchr(rq->path, '/') + 1;
	struct rec *d = rq->record;
	int64_t expected = 0;
	if ((http_header(rq, "If-Match") != NULL && api_if_match(rq, d, &expected, err)) ||
	    deliverable_transition(rq->db, &rq->who, rq->a, d->id, action, expected, NULL, err))
		return -1;
	return dl_send(rq, rs, d->id, 200, err);
}

/* Reviews. */

/* The version of number, or the latest when number is 0; a missing one names field. */
static int review_version(struct http_req *rq, const struct rec *d, int64_t number,
			  const char *field, struct deliverable_version *v, struct cn_err *err)
{
	if (dl_version_find(rq, d, number, v, err) == 0)
		return 0;
	if (err->kind != CN_ERR_NOT_FOUND)
		return -1;
	if (number == 0)
		return cn_err_set(err, CN_ERR_CONFLICT,
				  "deliverable %lld has no version yet, so there is nothing to "
				  "review",
				  (long long)d->id);
	return cn_err_field(err, CN_ERR_INPUT, field, "deliverable %lld has no version %lld",
			    (long long)d->id, (long long)number);
}

/* The reviews (of one version when version_id is not 0) and their means. */
static int reviews_answer(struct http_req *rq, struct http_resp *rs, const struct rec *d,
			  int64_t version_id, int status, struct cn_err *err)
{
	struct deliverable_reviews r;
	struct deliverable_review_summaries s;
	if (deliverable_reviews(rq->db, rq->a, d->id, version_id, &r, err))
		return -1;
	deliverable_review_summarize(rq->a, &r, &s);
	struct jw w;
	api_json(rs, &w, status);
	jw_obj_begin(&w);
	jw_key(&w, "items");
	deliverable_reviews_json(&w, &r);
	jw_key(&w, "summaries");
	deliverable_review_summaries_json(&w, &s);
	jw_obj_end(&w);
	return 0;
}

/* GET /api/v1/deliverables/{id}/reviews[?version=N] */
static int reviews_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d = rq->record;
	int64_t number = 0;
	struct deliverable_version v = {0};
	if (api_query_int(rq, "version", 1, INT64_MAX, &number, err) < 0 ||
	    (number != 0 && review_version(rq, d, number, "version", &v, err)))
		return -1;
	return reviews_answer(rq, rs, d, v.id, 200, err);
}

/* The review body: the version, a score and a comment per dimension, overall comments. */
static const struct route_field review_body[] = {
    {"version", "integer", 0, NULL, "the version number to review (default: the latest)"},
    {"alignment", "integer", 0, NULL, "alignment to the standards, 0 (not met) to 3 (fully met)"},
    {"key_shifts", "integer", 0, NULL, "the key shifts in the standards, 0 to 3"},
    {"instructional_supports", "integer", 0, NULL, "instructional supports, 0 to 3"},
    {"assessment", "integer", 0, NULL, "monitoring student progress, 0 to 3"},
    {"alignment_comment", "string", 0, NULL, "why that score"},
    {"key_shifts_comment", "string", 0, NULL, "why that score"},
    {"instructional_supports_comment", "string", 0, NULL, "why that score"},
    {"assessment_comment", "string", 0, NULL, "why that score"},
    {"comments", "string", 0, NULL, "overall: what is strong, what would make it better"},
    {NULL, NULL, 0, NULL, NULL},
};

/* POST /api/v1/deliverables/{id}/reviews: 201 with the version's reviews. */
static int reviews_post(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d = rq->record;
	const char *values[sizeof(review_body) / sizeof(review_body[0])];
	struct deliverable_version v;
	if (api_body_fields(rq, values, err) ||
	    review_version(rq, d, dl_number(values[0]), "version", &v, err))
		return -1;
	struct deliverable_review in = {0};
	for (int k = 0; k < REVIEW_DIMENSION_COUNT; k++) {
		const char *score = values[1 + k];
		long long n = score != NULL ? strtoll(score, NULL, 10) : 0;
		/* Out of range stays out of range: the app names the dimension. */
		in.score[k] = score == NULL		      ? REVIEW_NOT_SCORED
			      : n < 0 || n > REVIEW_SCORE_MAX ? REVIEW_SCORE_MAX + 1
							      : (int)n;
		in.comment[k] = values[1 + REVIEW_DIMENSION_COUNT + k];
	}
	in.comments = values[1 + 2 * REVIEW_DIMENSION_COUNT];
	if (deliverable_review_add(rq->db, &rq->who, v.id, &in, NULL, err))
		return -1;
	return reviews_answer(rq, rs, d, v.id, 201, err);
}

/* Contributors. */

/* Answers with deliverable id's contributors and how many districts they come from. */
static int contributors_answer(struct http_req *rq, struct http_resp *rs, int64_t id, int status,
			       struct cn_err *err)
{
	struct deliverable_contributors c;
	if (deliverable_contributors(rq->db, rq->a, id, &c, err))
		return -1;
	struct jw w;
	api_json(rs, &w, status);
	jw_obj_begin(&w);
	jw_key(&w, "items");
	deliverable_contributors_json(&w, &c);
	jw_kv_int(&w, "districts", (int64_t)c.districts);
	jw_obj_end(&w);
	return 0;
}

/* GET /api/v1/deliverables/{id}/contributors */
static int contributors_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return contributors_answer(rq, rs, rq->record->id, 200, err);
}

static const struct route_field contributor_body[] = {
    {"person_id", "integer", 1, NULL,
     "a person on a team of the deliverable's network (any district)"},
    {NULL, NULL, 0, NULL, NULL},
};

/* POST /api/v1/deliverables/{id}/contributors: 201 with the contributors. */
static int contributors_post(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *d = rq->record;
	const char *values[1];
	if (api_body_fields(rq, values, err) ||
	    deliverable_contributor_add(rq->db, &rq->who, d->id, dl_number(values[0]), err))
		return -1;
	return contributors_answer(rq, rs, d->id, 201, err);
}

/* DELETE /api/v1/deliverables/{id}/contributors/{person_id}: 204. */
static int contributors_delete(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *d = rq->record;
	int64_t person;
	if (http_param_id(rq, "person_id", &person, err) ||
	    deliverable_contributor_remove(rq->db, &rq->who, d->id, person, err))
		return -1;
	api_no_content(rs);
	return 0;
}

/* Adapting. */

/* The version to adapt: number, or the latest published one. */
static int derive_source(struct http_req *rq, const struct rec *d, int64_t number,
			 struct deliverable_version *out, struct cn_err *err)
{
	if (number != 0)
		return review_version(rq, d, number, "version", out, err);
	struct deliverable_versions v;
	if (deliverable_versions(rq->db, rq->a, d->id, &v, err))
		return -1;
	for (size_t i = v.count; i-- > 0;)
		if (v.items[i].published_at != NULL) {
			*out = v.items[i];
			return 0;
		}
	return cn_err_set(err, CN_ERR_CONFLICT,
			  "only published versions can be adapted, and deliverable %lld has none "
			  "yet",
			  (long long)d->id);
}

static const struct route_field derive_body[] = {
    {"team_id", "integer", 1, NULL, "the team that adapts it (the new deliverable is theirs)"},
    {"context_note", "string", 1, NULL, "what you will change for your schools, and why"},
    {"title", "string", 0, NULL, "the new deliverable's title (default: the source's)"},
    {"version", "integer", 0, NULL, "the published version to adapt (default: the latest)"},
    {NULL, NULL, 0, NULL, NULL},
};

/* POST /api/v1/deliverables/{id}/derive: 201 with the team's new deliverable. */
static int derive_post(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d = rq->record, *team = NULL, *made = NULL;
	const char *values[4];
	struct deliverable_version src;
	if (http_allow_any(rq, POLICY_CREATE, "deliverable", err) ||
	    api_body_fields(rq, values, err))
		return -1;
	struct deliverable_derive in = {
	    .team_id = dl_number(values[0]), .context_note = values[1], .title = values[2]};
	if (rec_get(rq->db, rq->a, &team_entity, in.team_id, &team, err))
		return cn_err_field(err, err->kind == CN_ERR_NOT_FOUND ? CN_ERR_INPUT : err->kind,
				    "team_id", "there is no team with id %lld",
				    (long long)in.team_id);
	/* The new deliverable as the policy sees it: the team's, in the team's network. */
	struct rec *probe = rec_new(rq->a, &deliverable_entity);
	if (rec_put_int(probe, "network_id", rec_int(team, "network_id"), err) ||
	    rec_put_int(probe, "team_id", team->id, err) ||
	    policy_check(rq->policy, POLICY_CREATE, "deliverable", probe, err) ||
	    derive_source(rq, d, dl_number(values[3]), &src, err) ||
	    deliverable_derive(rq->db, &rq->who, rq->a, src.id, &in, &made, err))
		return -1;
	http_resp_header(rs, "Location",
			 arena_printf(rq->a, "/api/v1/deliverables/%lld", (long long)made->id));
	api_send_rec(rq, rs, made, 201);
	return 0;
}

/* Keeps the steps of links[0..*n) whose deliverable the caller may read. */
static int lineage_visible(struct http_req *rq, struct deliverable_link *links, size_t *n,
			   struct cn_err *err)
{
	size_t kept = 0;
	for (size_t i = 0; i < *n; i++) {
		struct rec *other = NULL;
		if (rec_get(rq->db, rq->a, &deliverable_entity, links[i].deliverable_id, &other,
			    err))
			return -1;
		int can = http_can_read(rq, "deliverable", other, err);
		if (can < 0)
			return -1;
		if (can)
			links[kept++] = links[i];
	}
	*n = kept;
	return 0;
}

/* GET /api/v1/deliverables/{id}/lineage: sources up to the original and every
 * adaptation, each adaptation with its latest version's similarity to its source and
 * its class; steps the caller may not read are left out. */
static int lineage_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d = rq->record;
	struct deliverable_lineage l;
	if (deliverable_lineage(rq->db, rq->a, d->id, &l, err) ||
	    lineage_visible(rq, l.sources, &l.nsources, err) ||
	    lineage_visible(rq, l.derivatives, &l.nderivatives, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	deliverable_lineage_json(&w, &l);
	return 0;
}

/* GET /api/v1/deliverables/{id}/case: a learning-target set as a CASE 1.0 package. */
static int case_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d = rq->record;
	struct jw w;
	api_json(rs, &w, 200);
	if (target_export_case(rq->db, rq->a, d->id, &rs->body, err)) {
		buf_reset(&rs->body);
		return -1;
	}
	return 0;
}

/* Standards: the deliverable's alignments, read with it and changed by those who may
 * update it (the CLI's `deliverable standard`, the standards page). */

static int standards_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *d = rq->record;
	struct deliverable_standards s;
	if (deliverable_standards(rq->db, rq->a, d->id, &s, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_key(&w, "items");
	deliverable_standards_json(&w, &s);
	jw_obj_end(&w);
	return 0;
}

/* PUT aligns the deliverable to the standard (already aligned: no change), DELETE
 * removes the alignment. */
static int standard_change(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *d = rq->record;
	int64_t item = 0;
	if (http_param_id(rq, "standard_id", &item, err))
		return -1;
	if (strcmp(rq->method, "PUT") == 0
		? deliverable_standard_add(rq->db, &rq->who, d->id, item, err)
		: deliverable_standard_remove(rq->db, &rq->who, d->id, item, err))
		return -1;
	api_no_content(rs);
	return 0;
}

/* Notices: a person's own; anyone else's is "not found" (notice_allow). */

static int notice_load(struct http_req *rq, enum policy_verb verb, struct notice *n,
		       struct cn_err *err)
{
	int64_t id;
	if (http_param_id(rq, "id", &id, err))
		return -1;
	return notice_get_allowed(rq->db, rq->a, http_policy(rq), &rq->who, verb, id, n, err);
}

/* GET /api/v1/notices[?all=1]: the caller's notices, newest first; unseen ones only
 * unless all=1. */
static int notices_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int64_t all = 0;
	struct notices list;
	if (notice_allow(http_policy(rq), &rq->who, POLICY_READ, NULL, err) ||
	    api_query_int(rq, "all", 0, 1, &all, err) < 0 ||
	    notice_list(rq->db, rq->a, rq->who.person_id, (int)all, &list, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_key(&w, "items");
	notices_json(&w, &list);
	jw_obj_end(&w);
	return 0;
}

/* GET /api/v1/notices/{id}/compare: the adaptation's latest version against the new
 * source version. */
static int notice_compare_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct notice n;
	struct diff df;
	struct deliverable_version source, own;
	if (notice_load(rq, POLICY_READ, &n, err) ||
	    notice_compare(rq->db, rq->a, n.id, &df, &source, &own, err))
		return -1;
	source.body = own.body = NULL;
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_key(&w, "notice");
	notice_json(&w, &n);
	jw_key(&w, "own");
	deliverable_version_json(&w, &own);
	jw_key(&w, "source");
	deliverable_version_json(&w, &source);
	jw_key(&w, "diff");
	diff_json(&w, &df, DIFF_CONTEXT);
	jw_obj_end(&w);
	return 0;
}

/* POST /api/v1/notices/{id}/seen */
static int notice_seen_post(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct notice n;
	if (notice_load(rq, POLICY_UPDATE, &n, err) || notice_seen(rq->db, &rq->who, n.id, err) ||
	    notice_get(rq->db, rq->a, n.id, &n, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	notice_json(&w, &n);
	return 0;
}

static const struct route_field save_body[] = {
    {"body", "string", 1, NULL, "the text (Markdown, UTF-8, up to 200 KB)"},
    {"change_note", "string", 0, NULL, "what changed in this version, and why"},
    {"based_on", "integer", 0, NULL,
     "the latest version number your text started from: a newer one answers 412"},
    {NULL, NULL, 0, NULL, NULL},
};
static const struct route_field diff_query[] = {
    {"from", "integer", 0, NULL, "the older version number (default: the one before to)"},
    {"to", "integer", 0, NULL, "the newer version number (default: the latest)"},
    {NULL, NULL, 0, NULL, NULL},
};
static const struct route_field reviews_query[] = {
    {"version", "integer", 0, NULL, "the reviews of this version number only"},
    {NULL, NULL, 0, NULL, NULL},
};
static const struct route_field notices_query[] = {
    {"all", "integer", 0, NULL, "1: seen notices too"},
    {NULL, NULL, 0, NULL, NULL},
};

#define DLV "/api/v1/deliverables/{id}"

/* The deliverable of the path, which the actor may do the route's verb on under its
 * rule; one is derived by those who may read it (the route's rule is asked with the
 * deliverable about to be). */
static const struct route_load dl_deliverable = {&deliverable_entity, "id", NULL, NULL, 0};
static const struct route_load dl_source = {&deliverable_entity, "id", NULL, NULL, 1};

static const struct route deliverable_routes[] = {
    {"GET", DLV "/versions", versions_get, "deliverable", POLICY_READ, NULL, 0,
     "The deliverable's versions, oldest first (ETag: the deliverable's)", NULL, NULL, &dl_deliverable},
    {"POST", DLV "/versions", versions_post, "deliverable_version", POLICY_CREATE, NULL, 0,
     "Save a new version as the caller (its district's team or a contributor; If-Match with "
     "the deliverable's ETag, or based_on; stale: 412). Saved while published, it is a "
     "revision: submit it for review; others see the published version until it is published",
     save_body, NULL, &dl_deliverable},
    {"GET", DLV "/contributors", contributors_get, "deliverable_contributor", POLICY_READ, NULL,
     0, "The deliverable's contributors, with their districts", NULL, NULL, &dl_deliverable},
    {"POST", DLV "/contributors", contributors_post, "deliverable_contributor", POLICY_CREATE,
     NULL, 0,
     "Add a contributor from any district of the network (the deliverable's owners): they "
     "read its drafts, save versions and review them",
     contributor_body, NULL, &dl_deliverable},
    {"DELETE", DLV "/contributors/{person_id}", contributors_delete, "deliverable_contributor",
     POLICY_DELETE, NULL, 0, "Remove a contributor (the deliverable's owners)", NULL, NULL, &dl_deliverable},
    {"GET", DLV "/versions/{number}", version_get, "deliverable", POLICY_READ, NULL, 0,
     "One version with its text", NULL, NULL, &dl_deliverable},
    {"GET", DLV "/diff", diff_get, "deliverable", POLICY_READ, NULL, 0,
     "The differences between two versions (line by line, as hunks)", NULL, diff_query, &dl_deliverable},
    {"POST", DLV "/submit", status_post, "deliverable", POLICY_UPDATE, NULL, 0,
     "Submit a draft for review", NULL, NULL, &dl_deliverable},
    {"POST", DLV "/publish", status_post, "deliverable_publish", POLICY_UPDATE, NULL, 0,
     "Publish a deliverable in review (its network's facilitators)", NULL, NULL, &dl_deliverable},
    {"POST", DLV "/return", status_post, "deliverable_publish", POLICY_UPDATE, NULL, 0,
     "Return a deliverable in review to draft (its network's facilitators)", NULL, NULL, &dl_deliverable},
    {"POST", DLV "/withdraw", status_post, "deliverable", POLICY_UPDATE, NULL, 0,
     "Withdraw a published deliverable to draft", NULL, NULL, &dl_deliverable},
    {"GET", DLV "/reviews", reviews_get, "deliverable_review", POLICY_READ, NULL, 0,
     "Reviews of the deliverable's versions, with the mean of each dimension", NULL, reviews_query, &dl_deliverable},
    {"POST", DLV "/reviews", reviews_post, "deliverable_review", POLICY_CREATE, NULL, 0,
     "Review a version on the EQuIP-style rubric (0-3 per dimension, with comments)", review_body,
     NULL, &dl_deliverable},
    {"POST", DLV "/derive", derive_post, "deliverable", POLICY_CREATE, NULL, 0,
     "Adapt a published version for a team: a new deliverable with a contextualization "
     "note",
     derive_body, NULL, &dl_source},
    {"GET", DLV "/lineage", lineage_get, "deliverable", POLICY_READ, NULL, 0,
     "Where it was adapted from and its adaptations, each with its similarity and class "
     "(duplicate, adapted, new)",
     NULL, NULL, &dl_deliverable},
    {"GET", DLV "/standards", standards_get, "deliverable", POLICY_READ, NULL, 0,
     "The standards the deliverable is aligned to", NULL, NULL, &dl_deliverable},
    {"PUT", DLV "/standards/{standard_id}", standard_change, "deliverable", POLICY_UPDATE, NULL,
     0, "Align the deliverable to a standard (its id; already aligned: no change)", NULL, NULL, &dl_deliverable},
    {"DELETE", DLV "/standards/{standard_id}", standard_change, "deliverable", POLICY_UPDATE,
     NULL, 0, "Remove the deliverable's alignment to a standard", NULL, NULL, &dl_deliverable},
    {"GET", DLV "/case", case_get, "deliverable", POLICY_READ, NULL, 0,
     "A learning-target set as a CASE 1.0 CFPackage", NULL, NULL, &dl_deliverable},
    {"GET", "/api/v1/notices", notices_get, "notice", POLICY_READ, NULL, 0,
     "The caller's notices (a source of their adaptations published a new version)", NULL,
     notices_query},
    {"GET", "/api/v1/notices/{id}/compare", notice_compare_get, "notice", POLICY_READ, NULL, 0,
     "The adaptation's latest version against the new source version", NULL, NULL},
    {"POST", "/api/v1/notices/{id}/seen", notice_seen_post, "notice", POLICY_UPDATE, NULL, 0,
     "Mark a notice seen", NULL, NULL},
};

size_t api_deliverable_routes(const struct route **out)
{
	*out = deliverable_routes;
	return sizeof(deliverable_routes) / sizeof(deliverable_routes[0]);
}
