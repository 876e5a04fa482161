/* plans: needs assessments and plans beyond their records (issue 5): rating an
 * assessment's indicators and comparing it with the team's previous one; starting a
 * plan from an assessment or a network template; a plan's departure from its
 * template, its library recommendations, versions, facilitator reviews, status and
 * exports. Instruments, indicators, assessments, challenges, plans, goals, actions and
 * progress checks themselves are declared entities served by entity.c. Every handler
 * asks the policy with the record it acts on (app/access/policy.c, "Needs assessments and
 * plans"). */
#include <stdio.h>
#include <string.h>

#include "api/resource.h"
#include "app/assessment/assessment.h"
#include "app/deliverable/deliverable.h"
#include "app/entities.h"
#include "app/assessment/instrument.h"
#include "app/library/library.h"
#include "app/network/network.h"
#include "app/plan/plan.h"
#include "app/plan/plan_export.h"
#include "app/plan/plan_kar.h"
#include "app/plan/plan_recommend.h"
#include "app/plan/plan_review.h"
#include "app/plan/plan_status.h"
#include "app/plan/plan_template.h"
#include "app/plan/plan_version.h"
#include "app/plan/plan_view.h"
#include "app/network/team.h"
#include "app/assessment/indicator.h"
#include "app/assessment/challenge.h"

/* Assessments. */

static int ratings_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *as = rq->record;
	struct assessment_full full;
	if (assessment_load(rq->db, rq->a, as->id, &full, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	assessment_json(&w, &full);
	return 0;
}

static int rating_put(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *as = rq->record;
	const char *v[4];
	int64_t indicator = 0;
	if (api_body_fields(rq, v, err))
		return -1;
	struct assessment_rating_in in = {api_value_int(v[0]), api_value_int(v[1]), v[2], v[3]};
	if (assessment_indicator(rq->db, as->id, http_param(rq, "indicator"), &indicator, err) ||
	    assessment_rate(rq->db, &rq->who, as->id, indicator, &in, err))
		return -1;
	api_no_content(rs);
	return 0;
}

static int compare_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *as = rq->record;
	struct rec *before = NULL;
	int64_t with = 0;
	if (api_query_check(rq, err) || api_query_id(rq, "with", &with, err))
		return -1;
	if (with == 0) {
		int found = assessment_previous(rq->db, as->id, &with, err);
		if (found < 0)
			return -1;
		if (found == 0)
			return cn_err_set(err, CN_ERR_NOT_FOUND,
					  "assessment %lld has no earlier assessment of the same "
					  "district to compare with; name one with ?with=ID",
					  (long long)as->id);
	}
	struct assessment_comparison cmp;
	if (rec_get(rq->db, rq->a, &assessment_entity, with, &before, err) ||
	    http_allow_record(rq, POLICY_READ, "assessment", before, err) ||
	    assessment_compare(rq->db, rq->a, as->id, with, &cmp, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	assessment_compare_json(&w, &cmp);
	return 0;
}

/* Plans. */

/* Answers 201 with the whole plan just started. */
static int plan_started(struct http_req *rq, struct http_resp *rs, int64_t plan_id,
			struct cn_err *err)
{
	struct plan_full p;
	if (plan_view_load(rq->db, rq->a, plan_id, &p, err) ||
	    plan_view_hide(&p, rq->policy, err))
		return -1;
	http_resp_header(rs, "Location", arena_printf(rq->a, "/api/v1/plans/%lld", (long long)plan_id));
	struct jw w;
	api_json(rs, &w, 201);
	plan_view_json(&w, &p);
	return 0;
}

/* May the actor start a plan for team_id? The plan about to be, as the policy sees it. */
static int plan_may_start(struct http_req *rq, const struct rec *team, struct cn_err *err)
{
	struct rec *plan = rec_new(rq->a, &plan_entity);
	if (rec_put_int(plan, "team_id", team->id, err) ||
	    rec_put_int(plan, "network_id", rec_int(team, "network_id"), err) ||
	    http_allow_any(rq, POLICY_CREATE, "plan", err))
		return -1;
	return policy_check(rq->policy, POLICY_CREATE, "plan", plan, err);
}

/* The record of entity e whose id is in body field `field`, which the actor may read
 * (one it may not is "not found", 404, naming the field). */
static int plan_input(struct http_req *rq, const struct rec_entity *e, const char *field,
		      const char *value, struct rec **out, struct cn_err *err)
{
	if (rec_get(rq->db, rq->a, e, api_value_int(value), out, err) == 0 &&
	    http_allow_record(rq, POLICY_READ, e->name, *out, err) == 0)
		return 0;
	if (err->kind == CN_ERR_NOT_FOUND)
		cn_err_field(err, CN_ERR_NOT_FOUND, field, "there is no %s with id %s", e->title,
			     value);
	return -1;
}

static int from_assessment(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const char *v[2];
	struct rec *as = NULL, *team = NULL;
	int64_t plan_id = 0;
	if (api_body_fields(rq, v, err) ||
	    plan_input(rq, &assessment_entity, "assessment_id", v[0], &as, err) ||
	    rec_get(rq->db, rq->a, &team_entity, rec_int(as, "team_id"), &team, err) ||
	    plan_may_start(rq, team, err) ||
	    plan_create_from_assessment(rq->db, &rq->who, as->id, v[1], &plan_id, NULL, err))
		return -1;
	return plan_started(rq, rs, plan_id, err);
}

static int from_template(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const char *v[3];
	struct rec *tmpl = NULL, *team = NULL;
	int64_t plan_id = 0;
	if (api_body_fields(rq, v, err) ||
	    plan_input(rq, &plan_entity, "template_id", v[0], &tmpl, err) ||
	    plan_input(rq, &team_entity, "team_id", v[1], &team, err) ||
	    plan_may_start(rq, team, err) ||
	    plan_template_start(rq->db, &rq->who, tmpl->id, team->id, v[2], &plan_id, err))
		return -1;
	return plan_started(rq, rs, plan_id, err);
}

static int plan_view_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	struct plan_full p;
	if (plan_view_load(rq->db, rq->a, plan->id, &p, err) ||
	    plan_view_hide(&p, rq->policy, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	plan_view_json(&w, &p);
	return 0;
}

static int departure_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	struct plan_departure d;
	if (plan_template_departure(rq->db, rq->a, plan->id, &d, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	plan_template_departure_json(&w, &d);
	return 0;
}

static int recommendations_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	int64_t goal = 0, limit = 0;
	if (api_query_check(rq, err) || api_query_id(rq, "goal_id", &goal, err) ||
	    api_query_id(rq, "limit", &limit, err))
		return -1;
	if (limit > PLAN_RECOMMEND_MAX)
		return cn_err_field(err, CN_ERR_INPUT, "limit", "%lld is out of range; use 1 to %d",
				    (long long)limit, PLAN_RECOMMEND_MAX);
	struct plan_recommendations r;
	if (plan_recommend(rq->db, rq->a, plan->id, goal, (int)limit, &r, err)) {
		if (strcmp(err->field, "goal") == 0)
			snprintf(err->field, sizeof(err->field), "goal_id");
		return -1;
	}
	struct jw w;
	api_json(rs, &w, 200);
	plan_recommend_json(&w, &r);
	return 0;
}

static int versions_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	struct plan_version_info *v = NULL;
	size_t n = 0;
	if (plan_version_list(rq->db, rq->a, plan->id, &v, &n, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_key(&w, "items");
	plan_version_list_json(&w, v, n);
	jw_obj_end(&w);
	return 0;
}

static int version_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	int64_t number = 0;
	struct plan_version_info info;
	const char *snapshot = NULL;
	if (http_param_id(rq, "number", &number, err) ||
	    plan_version_get(rq->db, rq->a, rq->policy, plan->id, number, &info, &snapshot,
			     err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_kv_int(&w, "number", info.number);
	jw_kv_id(&w, "author_id", info.author_id);
	jw_kv_str(&w, "author", info.author);
	jw_kv_str(&w, "note", info.note);
	jw_kv_str(&w, "created_at", info.created_at);
	jw_kv_str(&w, "status", info.status);
	jw_key(&w, "plan");
	/* The snapshot was written by plan_view_json when the version was saved, and
	 * again by jansson with what the reader may not read hidden. */
	jw_raw_trusted(&w, snapshot, strlen(snapshot));
	jw_obj_end(&w);
	return 0;
}

static int version_post(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	const char *v[1];
	int64_t number = 0;
	if (api_body_fields(rq, v, err))
		return -1;
	/* A plan that took its versions for the minute: 429 with Retry-After (err's). */
	if (plan_version_save(rq->db, &rq->who, plan->id, v[0], &number, err))
		return -1;
	http_resp_header(rs, "Location",
			 arena_printf(rq->a, "/api/v1/plans/%lld/versions/%lld", (long long)plan->id,
				      (long long)number));
	struct jw w;
	api_json(rs, &w, 201);
	jw_obj_begin(&w);
	jw_kv_int(&w, "plan_id", plan->id);
	jw_kv_int(&w, "number", number);
	jw_obj_end(&w);
	return 0;
}

static int reviews_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	struct plan_review *r = NULL;
	size_t n = 0;
	if (plan_review_list(rq->db, rq->a, plan->id, &r, &n, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_key(&w, "items");
	plan_review_list_json(&w, r, n);
	jw_obj_end(&w);
	return 0;
}

static int review_post(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	const char *v[1];
	int64_t id = 0;
	if (api_body_fields(rq, v, err) ||
	    plan_review_add(rq->db, &rq->who, plan->id, rq->who.person_id, v[0], &id, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 201);
	jw_obj_begin(&w);
	jw_kv_int(&w, "id", id);
	jw_kv_int(&w, "plan_id", plan->id);
	jw_kv_int(&w, "reviewer_id", rq->who.person_id);
	jw_kv_str(&w, "comments", v[0]);
	jw_obj_end(&w);
	return 0;
}

static int status_put(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	const char *v[2];
	if (api_body_fields(rq, v, err) ||
	    plan_status_set(rq->db, &rq->who, plan->id, v[0], v[1], 0, err))
		return -1;
	api_no_content(rs);
	return 0;
}

static int export_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	enum plan_export_format f;
	const char *format = http_query(rq, "format");
	if (api_query_check(rq, err) ||
	    plan_export_format_parse(format != NULL ? format : "", &f, err))
		return -1;
	struct buf out = BUF_INIT;
	if (plan_export(rq->db, plan->id, rq->policy, f, &out, NULL, err)) {
		buf_free(&out);
		return -1;
	}
	rs->status = 200;
	rs->content_type = plan_export_media_type(f);
	http_resp_header(rs, "Cache-Control", "no-store");
	buf_reset(&rs->body);
	buf_append(&rs->body, out.data, out.len);
	buf_free(&out);
	http_resp_header(rs, "Content-Disposition",
			 arena_printf(rq->a, "attachment; filename=\"plan-%lld.%s\"",
				      (long long)plan->id, plan_export_extension(f)));
	return 0;
}

/* Instruments, and removing what the record engine never deletes. */

static int instrument_copy_post(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *src = rq->record;
	struct rec *net = NULL;
	const char *v[2];
	int64_t id = 0;
	struct instrument_full full;
	if (api_body_fields(rq, v, err) ||
	    plan_input(rq, &network_entity, "network_id", v[0], &net, err))
		return -1;
	struct rec *copy = rec_new(rq->a, &instrument_entity);
	if (rec_put_int(copy, "network_id", net->id, err) ||
	    http_allow_any(rq, POLICY_CREATE, "instrument", err) ||
	    policy_check(rq->policy, POLICY_CREATE, "instrument", copy, err) ||
	    instrument_copy(rq->db, &rq->who, src->id, net->id, v[1], &id, err) ||
	    instrument_load(rq->db, rq->a, id, &full, err))
		return -1;
	http_resp_header(rs, "Location", arena_printf(rq->a, "/api/v1/instruments/%lld", (long long)id));
	struct jw w;
	api_json(rs, &w, 201);
	instrument_json(&w, &full);
	return 0;
}

static int remove_delete(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *r = rq->record;
	const struct rec_entity *e = r->entity;
	int rc = e == &challenge_entity   ? assessment_challenge_remove(rq->db, &rq->who, r->id, err)
		 : e == &plan_goal_entity ? plan_goal_remove(rq->db, &rq->who, r->id, err)
		 : e == &indicator_entity ? instrument_indicator_remove(rq->db, &rq->who, r->id, err)
					  : plan_action_remove(rq->db, &rq->who, r->id, err);
	if (rc)
		return -1;
	api_no_content(rs);
	return 0;
}

/* A goal's link to an assessed need: an indicator (code or id) of an assessment of
 * the plan's district. */
static int need_change(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *goal = rq->record;
	struct rec *as = NULL;
	int64_t as_id = 0, indicator = 0;
	if (http_param_id(rq, "assessment_id", &as_id, err) ||
	    rec_get(rq->db, rq->a, &assessment_entity, as_id, &as, err) ||
	    http_allow_record(rq, POLICY_READ, "assessment", as, err) ||
	    assessment_indicator(rq->db, as->id, http_param(rq, "indicator"), &indicator, err))
		return -1;
	if (strcmp(rq->method, "PUT") == 0
		    ? plan_goal_link_need(rq->db, &rq->who, goal->id, as->id, indicator, err)
		    : plan_goal_unlink_need(rq->db, &rq->who, goal->id, as->id, indicator, err))
		return -1;
	api_no_content(rs);
	return 0;
}

/* An action's link to a library item or a deliverable the caller may read (404 as
 * for none, the path naming it); a link to one they may no longer read can still be
 * removed. */
static int link_change(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *action = rq->record;
	struct rec *target = NULL;
	int library = http_param(rq, "item_id") != NULL;
	const struct rec_entity *e = library ? &library_item_entity : &deliverable_entity;
	int64_t id = 0;
	if (http_param_id(rq, library ? "item_id" : "deliverable_id", &id, err))
		return -1;
	if (strcmp(rq->method, "PUT") == 0 &&
	    (rec_get(rq->db, rq->a, e, id, &target, err) ||
	     http_allow_record(rq, POLICY_READ, e->name, target, err)))
		return -1;
	int64_t item = library ? id : 0, deliverable = library ? 0 : id;
	if (strcmp(rq->method, "PUT") == 0
		    ? plan_action_link(rq->db, &rq->who, action->id, item, deliverable, err)
		    : plan_action_unlink(rq->db, &rq->who, action->id, item, deliverable, err))
		return -1;
	api_no_content(rs);
	return 0;
}

static int kar_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *plan = rq->record;
	struct plan_kar k;
	if (plan_kar_evidence(rq->db, rq->a, rq->policy, plan->id, &k, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	plan_kar_json(&w, &k);
	return 0;
}

#define PLANS_LEVELS "1 not yet, 2 emerging, 3 established, 4 sustained"
static const char *const export_formats[] = {"csv", "xlsx", "pdf", NULL};

static const struct route_field rating_body[] = {
	{"current_level", "integer", 1, NULL, PLANS_LEVELS},
	{"target_level", "integer", 1, NULL, PLANS_LEVELS},
	{"evidence", "string", 0, NULL, "what the rating rests on"},
	{"priority", "string", 0, assessment_priorities, "high, medium (default) or low"},
	{NULL, NULL, 0, NULL, NULL},
};
static const struct route_field compare_query[] = {
	{"with", "integer", 0, NULL, "the earlier assessment (default: the district's previous)"},
	{NULL, NULL, 0, NULL, NULL},
};
static const struct route_field from_assessment_body[] = {
	{"assessment_id", "integer", 1, NULL, "each high-priority gap proposes a goal"},
	{"title", "string", 0, NULL, "default: '<team> professional learning plan <year>'"},
	{NULL, NULL, 0, NULL, NULL},
};
static const struct route_field from_template_body[] = {
	{"template_id", "integer", 1, NULL, "a template of the team's network"},
	{"team_id", "integer", 1, NULL, "the district team whose plan it is"},
	{"title", "string", 0, NULL, "default: '<team> professional learning plan <year>'"},
	{NULL, NULL, 0, NULL, NULL},
};
static const struct route_field recommend_query[] = {
	{"goal_id", "integer", 0, NULL, "only this goal"},
	{"limit", "integer", 0, NULL, "at most this many items per goal (default 5, at most 50)"},
	{NULL, NULL, 0, NULL, NULL},
};
static const struct route_field version_body[] = {
	{"note", "string", 0, NULL, "what this version is (at most 2000 characters)"},
	{NULL, NULL, 0, NULL, NULL},
};
static const struct route_field review_body[] = {
	{"comments", "string", 1, NULL, "the review (at most 10000 characters)"},
	{NULL, NULL, 0, NULL, NULL},
};
static const struct route_field status_body[] = {
	{"status", "string", 1, plan_statuses,
	 "draft -> submitted -> approved -> archived; submitted or approved may go back to "
	 "draft (an approved plan is read-only until its district lead reopens it so)"},
	{"note", "string", 0, NULL, "saved with the version the change makes"},
	{NULL, NULL, 0, NULL, NULL},
};
static const struct route_field export_query[] = {
	{"format", "string", 1, export_formats, "csv, xlsx or pdf (a printable plan)"},
	{NULL, NULL, 0, NULL, NULL},
};

static const struct route_field copy_body[] = {
	{"network_id", "integer", 1, NULL, "the network the copy is for"},
	{"name", "string", 0, NULL, "default: '<source> (copy for <network>)'"},
	{NULL, NULL, 0, NULL, NULL},
};

/* The record each route acts on (route_load): the plan, assessment, instrument or part
 * of the path. An instrument is copied by those who may read it (parent); the route's
 * rule is asked with the copy. */
static const struct route_load plans_plan = {&plan_entity, "id", NULL, NULL, 0};
static const struct route_load plans_assessment = {&assessment_entity, "id", NULL, NULL, 0};
static const struct route_load plans_instrument = {&instrument_entity, "id", NULL, NULL, 1};
static const struct route_load plans_indicator = {&indicator_entity, "id", NULL, NULL, 0};
static const struct route_load plans_challenge = {&challenge_entity, "id", NULL, NULL, 0};
static const struct route_load plans_goal = {&plan_goal_entity, "id", NULL, NULL, 0};
static const struct route_load plans_action = {&plan_action_entity, "id", NULL, NULL, 0};

static const struct route plans_routes[] = {
	{"POST", "/api/v1/instruments/{id}/copies", instrument_copy_post, "instrument",
	 POLICY_CREATE, NULL, 0, "Copy an instrument with its indicators for a network, to edit",
	 copy_body, NULL, &plans_instrument},
	{"DELETE", "/api/v1/indicators/{id}", remove_delete, "indicator", POLICY_DELETE,
	 NULL, 0, "Remove an indicator from a network's copy (not once rated)", NULL,
	 NULL, &plans_indicator},
	{"DELETE", "/api/v1/challenges/{id}", remove_delete, "challenge", POLICY_DELETE,
	 NULL, 0, "Remove a challenge (not from a submitted assessment)", NULL, NULL, &plans_challenge},
	{"DELETE", "/api/v1/plan-goals/{id}", remove_delete, "plan_goal", POLICY_DELETE,
	 NULL, 0, "Remove a goal (a template goal that plans came from stays)", NULL,
	 NULL, &plans_goal},
	{"DELETE", "/api/v1/plan-actions/{id}", remove_delete, "plan_action", POLICY_DELETE,
	 NULL, 0, "Remove an action (one with PD sessions is dropped instead)",
	 NULL, NULL, &plans_action},
	{"PUT", "/api/v1/plan-goals/{id}/needs/{assessment_id}/{indicator}", need_change,
	 "plan_goal", POLICY_UPDATE, NULL, 0,
	 "Link the goal to an assessed need (an indicator rated in an assessment)", NULL, NULL, &plans_goal},
	{"DELETE", "/api/v1/plan-goals/{id}/needs/{assessment_id}/{indicator}", need_change,
	 "plan_goal", POLICY_UPDATE, NULL, 0, "Unlink the goal from a need", NULL, NULL, &plans_goal},
	{"PUT", "/api/v1/plan-actions/{id}/library-items/{item_id}", link_change, "plan_action",
	 POLICY_UPDATE, NULL, 0, "Link a library item to the action", NULL, NULL, &plans_action},
	{"DELETE", "/api/v1/plan-actions/{id}/library-items/{item_id}", link_change, "plan_action",
	 POLICY_UPDATE, NULL, 0, "Unlink a library item from the action", NULL, NULL, &plans_action},
	{"PUT", "/api/v1/plan-actions/{id}/deliverables/{deliverable_id}", link_change,
	 "plan_action", POLICY_UPDATE, NULL, 0, "Link a deliverable to the action", NULL, NULL, &plans_action},
	{"DELETE", "/api/v1/plan-actions/{id}/deliverables/{deliverable_id}", link_change,
	 "plan_action", POLICY_UPDATE, NULL, 0, "Unlink a deliverable from the action", NULL,
	 NULL, &plans_action},
	{"GET", "/api/v1/plans/{id}/kar", kar_get, "plan", POLICY_READ, NULL, 0,
	 "How the plan meets each expectation of 704 KAR 3:035, with the records the reader may "
	 "read",
	 NULL, NULL, &plans_plan},
	{"GET", "/api/v1/assessments/{id}/ratings", ratings_get, "assessment", POLICY_READ, NULL, 0,
	 "The assessment with every indicator (rated or not) and its challenges", NULL, NULL, &plans_assessment},
	{"PUT", "/api/v1/assessments/{id}/ratings/{indicator}", rating_put, "assessment",
	 POLICY_UPDATE, NULL, 0,
	 "Rate an indicator (by code, e.g. LC.2, or id): current and target level, evidence, "
	 "priority",
	 rating_body, NULL, &plans_assessment},
	{"GET", "/api/v1/assessments/{id}/compare", compare_get, "assessment", POLICY_READ, NULL, 0,
	 "Compare with the team's previous assessment: what moved", NULL, compare_query, &plans_assessment},
	{"POST", "/api/v1/plans/from-assessment", from_assessment, "plan", POLICY_CREATE, NULL, 0,
	 "Start a plan from an assessment: each high-priority gap proposes a goal",
	 from_assessment_body, NULL},
	{"POST", "/api/v1/plans/from-template", from_template, "plan", POLICY_CREATE, NULL, 0,
	 "Start a team's plan from a network template (its goals and actions copied)",
	 from_template_body, NULL},
	{"GET", "/api/v1/plans/{id}/view", plan_view_get, "plan", POLICY_READ, NULL, 0,
	 "The whole plan: goals with needs and progress, actions with owners and links", NULL,
	 NULL, &plans_plan},
	{"GET", "/api/v1/plans/{id}/departure", departure_get, "plan", POLICY_READ, NULL, 0,
	 "How far the plan departs from its template: goals and actions added, removed, changed",
	 NULL, NULL, &plans_plan},
	{"GET", "/api/v1/plans/{id}/recommendations", recommendations_get, "plan", POLICY_READ, NULL,
	 0,
	 "Library items for each goal, ranked, with the reasons (matched words, evidence tier, "
	 "try-out ratings)",
	 NULL, recommend_query, &plans_plan},
	{"GET", "/api/v1/plans/{id}/versions", versions_get, "plan", POLICY_READ, NULL, 0,
	 "The plan's saved versions, oldest first", NULL, NULL, &plans_plan},
	{"POST", "/api/v1/plans/{id}/versions", version_post, "plan", POLICY_UPDATE, NULL, 0,
	 "Save a version of the plan as it is now (at most 10 a minute per person, 200 a plan: "
	 "429 with Retry-After, 409)",
	 version_body, NULL, &plans_plan},
	{"GET", "/api/v1/plans/{id}/versions/{number}", version_get, "plan", POLICY_READ, NULL, 0,
	 "One saved version with its snapshot of the plan; a linked deliverable or an owner the "
	 "reader may not read now is hidden in it, as in the plan's view",
	 NULL, NULL, &plans_plan},
	{"GET", "/api/v1/plans/{id}/reviews", reviews_get, "plan_review", POLICY_READ, NULL, 0,
	 "The facilitators' review comments on the plan", NULL, NULL, &plans_plan},
	{"POST", "/api/v1/plans/{id}/reviews", review_post, "plan_review", POLICY_CREATE, NULL, 0,
	 "Add a review comment (the network's facilitators); the team is told", review_body, NULL, &plans_plan},
	{"PUT", "/api/v1/plans/{id}/status", status_put, "plan_status", POLICY_UPDATE, NULL, 0,
	 "Move the plan along its workflow: the district lead submits, reopens (approved to "
	 "draft) and archives it; a facilitator (or an admin) approves or returns it; saves a "
	 "version, whatever versions were saved on demand",
	 status_body, NULL, &plans_plan},
	{"GET", "/api/v1/plans/{id}/export", export_get, "plan", POLICY_READ, NULL, 0,
	 "The plan as CSV, XLSX or a printable PDF", NULL, export_query, &plans_plan},
};

size_t api_plans_routes(const struct route **out)
{
	*out = plans_routes;
	return sizeof(plans_routes) / sizeof(plans_routes[0]);
}
