/* plan: starting from an assessment or a template, the departure measure, the status
 * workflow, versions, reviews, progress, need links and recommendations. */
#include "testapp.h"

#include <jansson.h>

#include "app/assessment/assessment.h"
#include "app/assessment/instrument.h"
#include "app/network/network.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "app/plan/plan.h"
#include "app/plan/plan_recommend.h"
#include "app/plan/plan_review.h"
#include "app/plan/plan_status.h"
#include "app/plan/plan_template.h"
#include "app/plan/plan_version.h"
#include "app/plan/plan_view.h"
#include "app/network/team.h"
#include "app/access/policy.h"
#include "app/org/membership.h"

static void sql(struct testdb *t, const char *s)
{
	struct cn_err err = {0};
	if (store_exec(t->db, s, &err))
		fail_msg("%s: %s", s, err.msg);
}

/* Orgs: state 1, coop 2, districts 3 and 4. Network 1 (2026-27) with teams 1 (district
 * 3) and 2 (district 4); network 2. People: 1 facilitator of network 1, 2 on team 1,
 * 3 on team 2. Assessment 1 of team 1 on the default instrument. */
static void world(struct testdb *t, struct arena *a)
{
	struct cn_err err = {0};
	testapp_make(t, a, &org_entity, (const char *[]){"kind", "state", "name", "KDE", NULL});
	testapp_make(t, a, &org_entity,
	     (const char *[]){"kind", "cooperative", "name", "GRREC", "parent_id", "1", NULL});
	testapp_make(t, a, &org_entity,
	     (const char *[]){"kind", "district", "name", "Daviess", "parent_id", "2", NULL});
	testapp_make(t, a, &org_entity,
	     (const char *[]){"kind", "district", "name", "Owensboro", "parent_id", "2", NULL});
	testapp_make(t, a, &network_entity,
	     (const char *[]){"name", "Math", "content_area", "mathematics", "school_year",
			      "2026-27", NULL});
	testapp_make(t, a, &network_entity,
	     (const char *[]){"name", "ELA", "content_area", "english_language_arts",
			      "school_year", "2026-27", NULL});
	testapp_make(t, a, &team_entity, (const char *[]){"network_id", "1", "district_id", "3", NULL});
	testapp_make(t, a, &team_entity, (const char *[]){"network_id", "1", "district_id", "4", NULL});
	const char *people[][2] = {{"Ana", "ana@grrec.org"}, {"Dee", "dee@daviess.org"},
				   {"Oz", "oz@owensboro.org"}};
	for (int i = 0; i < 3; i++)
		testapp_make(t, a, &person_entity,
		     (const char *[]){"given_name", people[i][0], "family_name", "X", "email",
				      people[i][1], NULL});
	testapp_make(t, a, &membership_entity,
	     (const char *[]){"person_id", "2", "org_id", "3", "role", "district_lead", NULL});
	testapp_make(t, a, &membership_entity,
	     (const char *[]){"person_id", "3", "org_id", "4", "role", "member", NULL});
	assert_int_equal(network_facilitator_add(t->db, &t->who, 1, 1, &err), 0);
	assert_int_equal(team_member_set(t->db, &t->who, 1, 2, "lead", &err), 0);
	assert_int_equal(team_member_set(t->db, &t->who, 2, 3, "member", &err), 0);
	testapp_make(t, a, &assessment_entity, (const char *[]){"team_id", "1", NULL});
}

static void rate(struct testdb *t, int64_t as, const char *code, int cur, int target,
		 const char *priority)
{
	struct cn_err err = {0};
	int64_t ind = 0;
	struct assessment_rating_in in = {cur, target, NULL, priority};
	if (assessment_indicator(t->db, as, code, &ind, &err) ||
	    assessment_rate(t->db, &t->who, as, ind, &in, &err))
		fail_msg("rate %s: %s", code, err.msg);
}

static int64_t plan_from_assessment(struct testdb *t, size_t *goals)
{
	struct cn_err err = {0};
	int64_t id = 0;
	if (plan_create_from_assessment(t->db, &t->who, 1, NULL, &id, goals, &err))
		fail_msg("from assessment: %s: %s", err.field, err.msg);
	return id;
}

static void test_start_from_assessment_proposes_high_gaps(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	rate(t, 1, "LC.2", 2, 4, "high");
	rate(t, 1, "DA.2", 1, 3, "high");
	rate(t, 1, "LE.1", 3, 3, "high");   /* no gap */
	rate(t, 1, "RE.1", 1, 4, "medium"); /* not high */
	size_t goals = 0;
	int64_t id = plan_from_assessment(t, &goals);
	assert_int_equal(goals, 2);
	struct plan_full p;
	assert_int_equal(plan_view_load(t->db, a, id, &p, &err), 0);
	assert_int_equal(rec_int(p.plan, "team_id"), 1);
	assert_int_equal(rec_int(p.plan, "assessment_id"), 1);
	assert_string_equal(rec_text(p.plan, "status"), "draft");
	assert_non_null(strstr(rec_text(p.plan, "title"), "Daviess"));
	assert_int_equal(p.ngoals, 2);
	const struct rec *g = p.goals[0].goal;
	assert_true(strncmp(rec_text(g, "title"), "LC.2: PLC time", 14) == 0);
	assert_string_equal(rec_text(g, "baseline"), "level 2 of 4 (emerging)");
	assert_string_equal(rec_text(g, "target"), "level 4 of 4 (sustained)");
	assert_string_equal(rec_text(g, "deadline"), "2027-06-30");
	assert_int_equal(p.goals[0].nneeds, 1);
	assert_string_equal(p.goals[0].needs[0].code, "LC.2");
	assert_int_equal(p.goals[0].needs[0].current_level, 2);
	assert_string_equal(p.goals[1].needs[0].code, "DA.2");
	/* One live plan per team and year. */
	int64_t again = 0;
	assert_int_equal(plan_create_from_assessment(t->db, &t->who, 1, NULL, &again, NULL, &err),
			 -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM plan"), 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM plan_goal"), 2);
	arena_free(a);
	testdb_close(t);
}

static void test_need_links_stay_in_the_district(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	rate(t, 1, "LC.2", 2, 4, "high");
	int64_t other = testapp_make(t, a, &assessment_entity, (const char *[]){"team_id", "2", NULL});
	rate(t, other, "LC.2", 1, 4, "high");
	int64_t plan = plan_from_assessment(t, NULL);
	int64_t goal = testapp_make(t, a, &plan_goal_entity,
			    (const char *[]){"plan_id", "1", "title", "Coaching for all", NULL});
	(void)plan;
	int64_t lc2 = 0, lc3 = 0;
	assessment_indicator(t->db, 1, "LC.2", &lc2, &err);
	assessment_indicator(t->db, 1, "LC.3", &lc3, &err);
	assert_int_equal(plan_goal_link_need(t->db, &t->who, goal, other, lc2, &err), -1);
	assert_string_equal(err.field, "assessment_id");
	assert_int_equal(plan_goal_link_need(t->db, &t->who, goal, 1, lc3, &err), -1);
	assert_string_equal(err.field, "indicator");
	assert_non_null(strstr(err.msg, "not rated"));
	assert_int_equal(plan_goal_link_need(t->db, &t->who, goal, 1, lc2, &err), 0);
	assert_int_equal(plan_goal_link_need(t->db, &t->who, goal, 1, lc2, &err), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM goal_need"), 2);
	assert_int_equal(plan_goal_unlink_need(t->db, &t->who, goal, 1, lc2, &err), 0);
	assert_int_equal(plan_goal_unlink_need(t->db, &t->who, goal, 1, lc2, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	/* An action's goal must be in the same plan; dates in order. */
	struct rec *act = rec_new(a, &plan_action_entity);
	rec_set_text(act, a, "plan_id", "1", &err);
	rec_set_text(act, a, "kind", "try_out", &err);
	rec_set_text(act, a, "title", "Try number talks", &err);
	rec_set_text(act, a, "starts_on", "2026-10-01", &err);
	rec_set_text(act, a, "due_on", "2026-09-01", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, act, &err), -1);
	assert_string_equal(err.field, "due_on");
	arena_free(a);
	testdb_close(t);
}

/* A template of network 1: goals 1-3 (ids of this plan), actions with one library link. */
static int64_t template_plan(struct testdb *t, struct arena *a)
{
	int64_t tpl = testapp_make(t, a, &plan_entity,
			   (const char *[]){"network_id", "1", "is_template", "true", "title",
					    "Math network template", NULL});
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)tpl);
	const char *titles[] = {"Every school has weekly PLC time", "Teachers use number talks",
				"Common formative assessments in grades 3-5"};
	int64_t goals[3];
	for (int i = 0; i < 3; i++)
		goals[i] = testapp_make(t, a, &plan_goal_entity,
				(const char *[]){"plan_id", id, "title", titles[i], "deadline",
						 "2027-05-31", NULL});
	char g0[24], g1[24];
	snprintf(g0, sizeof(g0), "%lld", (long long)goals[0]);
	snprintf(g1, sizeof(g1), "%lld", (long long)goals[1]);
	testapp_make(t, a, &plan_action_entity,
	     (const char *[]){"plan_id", id, "goal_id", g0, "kind", "structure", "title",
			      "Set the PLC schedule", "due_on", "2026-09-30", NULL});
	testapp_make(t, a, &plan_action_entity,
	     (const char *[]){"plan_id", id, "goal_id", g1, "kind", "try_out", "title",
			      "Try number talks at the network meeting", NULL});
	testapp_make(t, a, &plan_action_entity,
	     (const char *[]){"plan_id", id, "goal_id", g1, "kind", "deliver_pd", "title",
			      "Number talks in PLCs", "starts_on", "2026-10-01", "due_on",
			      "2027-04-30", NULL});
	testapp_make(t, a, &plan_action_entity,
	     (const char *[]){"plan_id", id, "kind", "study", "title", "Read the research", NULL});
	return tpl;
}

static void library_item(struct testdb *t, int64_t id, const char *title, const char *body,
			 int tier, int64_t network)
{
	struct cn_err err = {0};
	static const char sql_add[] =
		"INSERT INTO library_item (id, network_id, kind, title, summary, evidence_tier,"
		" created_at, updated_at) VALUES (?1, ?2, 'strategy', ?3, ?4, ?5, 'x', 'x')";
	struct store_stmt *q = store_prepare(t->db, sql_add, &err);
	assert_non_null(q);
	store_bind_int(q, 1, id);
	store_bind_id(q, 2, network);
	store_bind_text(q, 3, title);
	store_bind_text(q, 4, body);
	store_bind_id(q, 5, tier);
	assert_int_equal(store_step(q, &err), 0);
	store_done(q);
	assert_int_equal(store_search_put(t->db, "library", id, title, body, "", &err), 0);
}

static const struct plan_departure_item *dep_item(const struct plan_departure *d,
						  const char *what, const char *change, size_t nth)
{
	for (size_t i = 0; i < d->count; i++)
		if (strcmp(d->items[i].what, what) == 0 && strcmp(d->items[i].change, change) == 0 &&
		    nth-- == 0)
			return &d->items[i];
	return NULL;
}

static void test_template_copy_and_departure(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	library_item(t, 1, "Number talks", "Short daily routines", 2, 0);
	int64_t tpl = template_plan(t, a);
	struct plan_full tp;
	assert_int_equal(plan_view_load(t->db, a, tpl, &tp, &err), 0);
	assert_int_equal(plan_action_link(t->db, &t->who, tp.actions[1].action->id, 1, 0, &err), 0);
	int64_t plan = 0;
	/* Team 2 of network 1 starts from it; a team of another network cannot. */
	testapp_make(t, a, &team_entity, (const char *[]){"network_id", "2", "district_id", "3", NULL});
	assert_int_equal(plan_template_start(t->db, &t->who, tpl, 3, NULL, &plan, &err), -1);
	assert_string_equal(err.field, "template_id");
	assert_int_equal(plan_template_start(t->db, &t->who, tpl, 2, NULL, &plan, &err), 0);
	struct plan_departure d;
	assert_int_equal(plan_template_departure(t->db, a, plan, &d, &err), 0);
	assert_true(d.has_template);
	assert_int_equal(d.goals_kept, 3);
	assert_int_equal(d.actions_kept, 4);
	assert_true(d.departure == 0.0);
	struct plan_full p;
	assert_int_equal(plan_view_load(t->db, a, plan, &p, &err), 0);
	assert_int_equal(rec_int(p.plan, "template_id"), tpl);
	assert_int_equal(rec_int(p.goals[0].goal, "template_goal_id"), tp.goals[0].goal->id);
	assert_int_equal(rec_int(p.actions[0].action, "template_action_id"),
			 tp.actions[0].action->id);
	assert_int_equal(rec_int(p.actions[0].action, "goal_id"), p.goals[0].goal->id);
	assert_int_equal(p.actions[1].nlinks, 1);
	/* Customize: reword a goal and move its deadline (not a departure) and change its
	 * target (one), remove a goal, add a goal; change an action's date and owner (not a
	 * departure), unlink an action's item, add an action. */
	struct rec *ch = rec_new(a, &plan_goal_entity);
	rec_set_text(ch, a, "title", "Every school has PLC time twice a week", &err);
	rec_set_text(ch, a, "deadline", "2027-03-31", &err);
	rec_set_text(ch, a, "target", "Every PLC meets twice a week", &err);
	assert_int_equal(rec_update(t->db, &t->who, a, p.goals[0].goal->id, 0, ch, NULL, &err), 0);
	assert_int_equal(plan_goal_remove(t->db, &t->who, p.goals[2].goal->id, &err), 0);
	char pid[24];
	snprintf(pid, sizeof(pid), "%lld", (long long)plan);
	testapp_make(t, a, &plan_goal_entity,
	     (const char *[]){"plan_id", pid, "title", "Families see student work", NULL});
	struct rec *ach = rec_new(a, &plan_action_entity);
	rec_set_text(ach, a, "due_on", "2026-10-15", &err);
	rec_set_text(ach, a, "owner_id", "3", &err); /* owners are not departure */
	assert_int_equal(rec_update(t->db, &t->who, a, p.actions[0].action->id, 0, ach, NULL, &err),
			 0);
	assert_int_equal(plan_action_unlink(t->db, &t->who, p.actions[1].action->id, 1, 0, &err),
			 0);
	testapp_make(t, a, &plan_action_entity,
	     (const char *[]){"plan_id", pid, "kind", "policy", "title", "Board counts PLC hours",
			      NULL});
	assert_int_equal(plan_template_departure(t->db, a, plan, &d, &err), 0);
	assert_int_equal(d.goals_added, 1);
	assert_int_equal(d.goals_removed, 1);
	assert_int_equal(d.goals_changed, 1);
	assert_int_equal(d.goals_kept, 1);
	assert_int_equal(d.actions_added, 1);
	assert_int_equal(d.actions_removed, 0);
	assert_int_equal(d.actions_changed, 1);
	assert_int_equal(d.actions_kept, 3);
	/* (1 + 1 + 1 + 1 + 1) / (3 + 4 + 2): what the plan sets out to do, not its dates. */
	assert_true(d.departure > 0.55 && d.departure < 0.56);
	const struct plan_departure_item *it = dep_item(&d, "goal", "changed", 0);
	assert_non_null(it);
	assert_string_equal(it->fields, "target");
	assert_non_null(dep_item(&d, "goal", "removed", 0));
	assert_string_equal(dep_item(&d, "goal", "added", 0)->title, "Families see student work");
	assert_string_equal(dep_item(&d, "action", "changed", 0)->fields, "links");
	assert_null(dep_item(&d, "action", "changed", 1));
	/* A goal whose title says something else is a departure. */
	ch = rec_new(a, &plan_goal_entity);
	rec_set_text(ch, a, "title", "Families see student work every month", &err);
	assert_int_equal(rec_update(t->db, &t->who, a, p.goals[1].goal->id, 0, ch, NULL, &err), 0);
	assert_int_equal(plan_template_departure(t->db, a, plan, &d, &err), 0);
	assert_int_equal(d.goals_changed, 2);
	assert_string_equal(dep_item(&d, "goal", "changed", 1)->fields, "title");
	assert_string_equal(dep_item(&d, "action", "added", 0)->title, "Board counts PLC hours");
	/* The template's copied goals stay. */
	assert_int_equal(plan_goal_remove(t->db, &t->who, tp.goals[0].goal->id, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	/* A plan without template. */
	assert_int_equal(plan_template_departure(t->db, a, tpl, &d, &err), 0);
	assert_false(d.has_template);
	arena_free(a);
	testdb_close(t);
}

static void test_status_transitions(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	int64_t plan = plan_from_assessment(t, NULL);
	assert_int_equal(plan_status_set(t->db, &t->who, plan, "approved", NULL, 0, &err),
			 -1);
	assert_string_equal(err.field, "status");
	assert_non_null(strstr(err.msg, "submitted for review first"));
	assert_int_equal(plan_status_set(t->db, &t->who, plan, "done", NULL, 0, &err), -1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM plan_version"), 0);
	assert_int_equal(plan_status_set(t->db, &t->who, plan, "submitted", NULL, 0, &err),
			 0);
	/* A team member cannot approve; the network's facilitator can. */
	struct actor dee = {2, "person:2", 0}, ana = {1, "person:1", 0};
	assert_int_equal(plan_status_set(t->db, &dee, plan, "approved", NULL, 0, &err), -1);
	assert_int_equal(err.kind, CN_ERR_FORBIDDEN);
	assert_int_equal(plan_status_set(t->db, &ana, plan, "approved", "fine", 0, &err), 0);
	assert_int_equal(plan_status_set(t->db, &ana, plan, "approved", NULL, 0, &err), -1);
	assert_non_null(strstr(err.msg, "already approved"));
	assert_int_equal(plan_status_set(t->db, &t->who, plan, "draft", "revise", 0, &err),
			 0);
	assert_int_equal(plan_status_set(t->db, &t->who, plan, "archived", NULL, 0, &err), 0);
	assert_int_equal(plan_status_set(t->db, &t->who, plan, "draft", NULL, 0, &err), -1);
	/* Every change saved a version whose note tells it. */
	struct plan_version_info *v;
	size_t n;
	assert_int_equal(plan_version_list(t->db, a, plan, &v, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(v[1].note, "status: submitted -> approved; fine");
	assert_string_equal(v[1].status, "approved");
	assert_int_equal(v[1].author_id, 1);
	/* An archived plan is read-only. */
	struct rec *g = rec_new(a, &plan_goal_entity);
	rec_set_text(g, a, "plan_id", "1", &err);
	rec_set_text(g, a, "title", "late", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, g, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	/* A new plan for the year is allowed once the old one is archived. */
	int64_t next = plan_from_assessment(t, NULL);
	assert_true(next > plan);
	arena_free(a);
	testdb_close(t);
}

static void test_version_snapshots_keep_the_past(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	rate(t, 1, "LC.2", 2, 4, "high");
	int64_t plan = plan_from_assessment(t, NULL);
	int64_t n1 = 0, n2 = 0;
	assert_int_equal(plan_version_save(t->db, &t->who, plan, "first draft", &n1, &err),
			 0);
	testapp_make(t, a, &plan_action_entity,
	     (const char *[]){"plan_id", "1", "goal_id", "1", "kind", "study", "title",
			      "Study PLC protocols", NULL});
	assert_int_equal(plan_version_save(t->db, &t->who, plan, NULL, &n2, &err), 0);
	assert_int_equal(n1, 1);
	assert_int_equal(n2, 2);
	struct plan_version_info info;
	const char *snap = NULL;
	assert_int_equal(plan_version_get(t->db, a, NULL, plan, 1, &info, &snap, &err), 0);
	assert_string_equal(info.note, "first draft");
	json_t *old = json_loads(snap, 0, NULL);
	assert_non_null(old);
	assert_int_equal(json_array_size(json_object_get(old, "goals")), 1);
	assert_int_equal(json_array_size(json_object_get(old, "actions")), 0);
	json_t *g = json_array_get(json_object_get(old, "goals"), 0);
	json_t *need = json_array_get(json_object_get(g, "needs"), 0);
	assert_string_equal(json_string_value(json_object_get(need, "code")), "LC.2");
	json_decref(old);
	assert_int_equal(plan_version_get(t->db, a, NULL, plan, 2, &info, &snap, &err), 0);
	json_t *now = json_loads(snap, 0, NULL);
	assert_int_equal(json_array_size(json_object_get(now, "actions")), 1);
	json_decref(now);
	assert_int_equal(plan_version_get(t->db, a, NULL, plan, 3, &info, &snap, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	arena_free(a);
	testdb_close(t);
}

/* A person saves PLAN_VERSION_PER_MINUTE versions of a plan a minute, and a plan keeps
 * PLAN_VERSION_MAX saved on demand; a change of status is neither refused nor counted. */
static void test_version_caps(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	rate(t, 1, "LC.2", 2, 4, "high");
	int64_t plan = plan_from_assessment(t, NULL);
	struct actor dee = {2, "person:2", 0};
	for (int i = 0; i < PLAN_VERSION_PER_MINUTE; i++)
		assert_int_equal(plan_version_save(t->db, &dee, plan, NULL, NULL, &err), 0);
	int64_t number = 0;
	assert_int_equal(plan_version_save(t->db, &dee, plan, "one more", &number, &err),
			 -1);
	assert_int_equal(err.kind, CN_ERR_THROTTLED);
	assert_true(err.retry_after >= 1 && err.retry_after <= 60);
	assert_non_null(strstr(err.msg, "you saved 10 versions of plan 1 in the last minute, "
					"the most it takes from one person"));
	assert_non_null(strstr(err.msg, "nothing was saved: wait"));
	assert_int_equal(number, 0);
	/* Another person still saves one, and a change of status saves its version. */
	assert_int_equal(plan_version_save(t->db, &t->who, plan, NULL, &number, &err), 0);
	assert_int_equal(number, 11);
	assert_int_equal(plan_status_set(t->db, &t->who, plan, "submitted", NULL, 0, &err), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM plan WHERE status = 'submitted'"),
			 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM plan_version"), 12);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM plan_version WHERE on_demand = 0"),
			 1);
	/* Saved long ago, up to the cap of versions saved on demand. */
	sql(t, "UPDATE plan_version SET created_at = '2026-01-05T10:00:00Z'");
	for (int n = 13; n <= PLAN_VERSION_MAX + 1; n++) {
		char *q = arena_printf(a,
				       "INSERT INTO plan_version (plan_id, number, snapshot, "
				       "created_at) VALUES (1, %d, '{}', '2026-01-05T10:00:00Z')",
				       n);
		sql(t, q);
	}
	assert_int_equal(plan_version_save(t->db, &dee, plan, NULL, &number, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "plan 1 has 200 versions saved on demand, the most a "
					"plan keeps"));
	assert_non_null(strstr(err.msg, "export?format=pdf"));
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM plan_version"),
			 PLAN_VERSION_MAX + 1);
	assert_int_equal(plan_status_set(t->db, &t->who, plan, "draft", NULL, 0, &err), 0);
	assert_int_equal(testdb_count(t, "SELECT MAX(number) FROM plan_version"),
			 PLAN_VERSION_MAX + 2);
	arena_free(a);
	testdb_close(t);
}

/* However few, a plan's versions hold at most PLAN_VERSION_BYTES_MAX of snapshots. */
static void test_version_bytes_cap(void **state)
{
	(void)state;
	static const char add[] = "INSERT INTO plan_version (plan_id, number, snapshot, created_at)"
				  " VALUES (1, 1, ?1, '2026-01-05T10:00:00Z')";
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	int64_t plan = plan_from_assessment(t, NULL);
	size_t big = PLAN_VERSION_BYTES_MAX - 100;
	char *snap = malloc(big + 1);
	memset(snap, 'x', big);
	snap[big] = '\0';
	struct store_stmt *q = store_prepare(t->db, add, &err);
	assert_non_null(q);
	store_bind_text(q, 1, snap);
	assert_true(store_step(q, &err) >= 0);
	store_done(q);
	free(snap);
	assert_int_equal(plan_version_save(t->db, &t->who, plan, NULL, NULL, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "plan 1's versions saved on demand hold 49 MB and this "
					"one would add"));
	assert_non_null(strstr(err.msg, "past the 50 MB a plan keeps, so this one was not saved"));
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM plan_version"), 1);
	/* A change of status still saves its version. */
	assert_int_equal(plan_status_set(t->db, &t->who, plan, "submitted", NULL, 0, &err),
			 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM plan_version"), 2);
	arena_free(a);
	testdb_close(t);
}

static void test_reviews_and_progress(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	rate(t, 1, "LC.2", 2, 4, "high");
	int64_t plan = plan_from_assessment(t, NULL), review = 0;
	assert_int_equal(plan_review_add(t->db, &t->who, plan, 0, "Good", &review, &err), -1);
	assert_string_equal(err.field, "reviewer_id");
	assert_int_equal(plan_review_add(t->db, &t->who, plan, 3, "Good", &review, &err), -1);
	assert_int_equal(err.kind, CN_ERR_FORBIDDEN);
	assert_int_equal(plan_review_add(t->db, &t->who, plan, 1, "", &review, &err), -1);
	assert_string_equal(err.field, "comments");
	assert_int_equal(
		plan_review_add(t->db, &t->who, plan, 1, "Link goal 1 to a PLC action", &review, &err),
		0);
	struct plan_review *r;
	size_t n;
	assert_int_equal(plan_review_list(t->db, a, plan, &r, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].reviewer, "Ana X");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM notice WHERE person_id = 2"
					 " AND kind = 'review'"),
			 1);
	/* Progress checks: today by default, Guskey level 1-5. */
	struct rec *pc = rec_new(a, &progress_check_entity);
	rec_set_text(pc, a, "goal_id", "1", &err);
	rec_set_text(pc, a, "status", "on_track", &err);
	assert_int_equal(rec_set_text(pc, a, "guskey_level", "6", &err), -1);
	assert_string_equal(err.field, "guskey_level");
	rec_set_text(pc, a, "guskey_level", "4", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, pc, &err), 0);
	assert_int_equal(strlen(rec_text(pc, "checked_on")), 10);
	/* A person records progress in their own name only; the system may name anyone. */
	struct actor ana = {1, "person:1", 0};
	struct rec *mine = rec_new(a, &progress_check_entity);
	rec_set_text(mine, a, "goal_id", "1", &err);
	rec_set_text(mine, a, "status", "on_track", &err);
	rec_set_text(mine, a, "author_id", "2", &err);
	assert_int_equal(rec_create(t->db, &ana, a, mine, &err), -1);
	assert_string_equal(err.field, "author_id");
	rec_set_null(mine, "author_id", &err);
	mine->given[rec_field_index(&progress_check_entity, "author_id")] = 0;
	assert_int_equal(rec_create(t->db, &ana, a, mine, &err), 0);
	assert_int_equal(rec_int(mine, "author_id"), 1);
	struct rec *other = rec_new(a, &progress_check_entity);
	rec_set_text(other, a, "author_id", "2", &err);
	assert_int_equal(rec_update(t->db, &ana, a, mine->id, 0, other, NULL, &err), -1);
	assert_string_equal(err.field, "author_id");
	assert_int_equal(rec_update(t->db, &t->who, a, mine->id, 0, other, NULL, &err), 0);
	struct plan_full p;
	assert_int_equal(plan_view_load(t->db, a, plan, &p, &err), 0);
	assert_string_equal(plan_view_latest(&p.goals[0])->status, "on_track");
	arena_free(a);
	testdb_close(t);
}

static const struct plan_recommendation *rec_for(const struct plan_recommend_goal *g,
						 int64_t item)
{
	for (size_t i = 0; i < g->count; i++)
		if (g->items[i].item_id == item)
			return &g->items[i];
	return NULL;
}

static void test_recommendations_with_reasons(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	world(t, a);
	library_item(t, 1, "Protected PLC schedules", "Building weekly collaboration time", 1, 0);
	library_item(t, 2, "A protocol for PLC meetings", "Agenda, norms and a schedule", 4, 0);
	library_item(t, 3, "Close reading", "Annotating complex texts", 1, 0);
	library_item(t, 4, "Schedule audit", "Find protected time", 1, 2); /* network 2 */
	library_item(t, 5, "Master schedule design", "Protected blocks", 2, 0);
	/* Try-outs of items 1 and 2, by people of both teams. */
	sql(t, "INSERT INTO tryout (person_id, item_id, rating, would_work, created_at,"
	       " updated_at) VALUES (3, 2, 5, 'yes', 'x', 'x'), (1, 2, 5, 'yes', 'x', 'x'),"
	       " (2, 2, 1, 'no', 'x', 'x'), (3, 1, 1, 'no', 'x', 'x')");
	int64_t plan = testapp_make(t, a, &plan_entity, (const char *[]){"team_id", "1", NULL});
	testapp_make(t, a, &plan_goal_entity,
	     (const char *[]){"plan_id", "1", "title", "Protected PLC schedules in every school",
			      NULL});
	testapp_make(t, a, &plan_action_entity,
	     (const char *[]){"plan_id", "1", "goal_id", "1", "kind", "structure", "title",
			      "Redo the master schedule", NULL});
	assert_int_equal(plan_action_link(t->db, &t->who, 1, 5, 0, &err), 0);
	struct plan_recommendations r;
	assert_int_equal(plan_recommend(t->db, a, plan, 0, 10, &r, &err), 0);
	assert_int_equal(r.ngoals, 1);
	const struct plan_recommend_goal *g = &r.goals[0];
	assert_null(rec_for(g, 3)); /* no word matches */
	assert_null(rec_for(g, 4)); /* another network's */
	assert_null(rec_for(g, 5)); /* already linked */
	const struct plan_recommendation *one = rec_for(g, 1), *two = rec_for(g, 2);
	assert_non_null(one);
	assert_non_null(two);
	assert_int_equal(g->items[0].item_id, 1);
	/* The library's recommender: its reason names the matched words, the evidence
	 * tier and the try-outs. */
	assert_int_equal(one->nmatched, 3);
	assert_int_equal(one->nreasons, 1);
	assert_non_null(strstr(one->reasons[0], "matches protected"));
	assert_non_null(strstr(one->reasons[0], "ESSA tier 1 (strong evidence)"));
	assert_non_null(strstr(one->reasons[0], "tried 1 time"));
	assert_int_equal(two->tryouts, 3);
	assert_non_null(strstr(two->reasons[0], "average rating 3.7 of 5; 2 of 3 said it would"));
	assert_true(one->score > two->score);
	assert_int_equal(plan_recommend(t->db, a, plan, 99, 10, &r, &err), -1);
	assert_string_equal(err.field, "goal");
	assert_int_equal(plan_recommend(t->db, a, plan, 0, 51, &r, &err), -1);
	assert_string_equal(err.field, "limit");
	arena_free(a);
	testdb_close(t);
}

/* plan_view_may as person id sees plan: what the plan page offers them. */
static struct plan_may may_of(struct testdb *t, struct arena *a, int64_t person, int64_t plan)
{
	struct cn_err err = {0};
	struct actor who = {.person_id = person, .label = "test"};
	struct plan_full p;
	struct plan_may may;
	if (plan_view_load(t->db, a, plan, &p, &err) ||
	    plan_view_may(t->db, policy_new(a, t->db, &who), &who, a, &p, &may, &err))
		fail_msg("may: %s", err.msg);
	return may;
}

/* The district's lead keeps the plan; the network's facilitator reviews it and does
 * not edit it; another district may do nothing; once approved, the content is closed
 * and only the actions move along. */
static void test_plan_view_may_says_what_each_person_may_do(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	world(t, a);
	rate(t, 1, "LC.2", 2, 4, "high");
	size_t goals = 0;
	int64_t plan = plan_from_assessment(t, &goals);
	struct plan_may lead = may_of(t, a, 2, plan);
	assert_true(lead.edit && lead.check && lead.schedule);
	assert_false(lead.mark || lead.review);
	struct plan_may fac = may_of(t, a, 1, plan);
	assert_true(fac.review);
	assert_false(fac.edit);
	struct plan_may other = may_of(t, a, 3, plan);
	assert_false(other.edit || other.check || other.review || other.status || other.schedule);
	sql(t, "UPDATE plan SET status = 'approved'");
	lead = may_of(t, a, 2, plan);
	assert_true(lead.mark && lead.check);
	assert_false(lead.edit || lead.schedule);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plan_view_may_says_what_each_person_may_do),
		cmocka_unit_test(test_start_from_assessment_proposes_high_gaps),
		cmocka_unit_test(test_need_links_stay_in_the_district),
		cmocka_unit_test(test_template_copy_and_departure),
		cmocka_unit_test(test_status_transitions),
		cmocka_unit_test(test_version_snapshots_keep_the_past),
		cmocka_unit_test(test_version_caps),
		cmocka_unit_test(test_version_bytes_cap),
		cmocka_unit_test(test_reviews_and_progress),
		cmocka_unit_test(test_recommendations_with_reasons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
