/* plan_status: who moves a district's plan along its workflow, and an approved plan's
 * content, read-only to everyone until the district's lead reopens it (plan.h). On a
 * fixture: district A's team in network 1 with its lead and a member, the network's
 * facilitator, an admin and a member of district B; plan 1 is district A's, with a
 * goal, an action and a PLC schedule. */
#include "testapp.h"

#include "app/library/library.h"
#include "app/plan/plan.h"
#include "app/plan/plan_review.h"
#include "app/plan/plan_status.h"
#include "app/plan/plan_version.h"
#include "app/access/policy.h"
#include "app/plan/schedule.h"

static const char FIXTURE[] =
	"INSERT INTO organization (id, kind, name, parent_id, created_at, updated_at) VALUES"
	" (1,'state','KDE',NULL,'t','t'), (2,'cooperative','GR',1,'t','t'),"
	" (3,'district','A',2,'t','t'), (4,'district','B',2,'t','t'),"
	" (5,'school','A Elementary',3,'t','t');"
	"INSERT INTO person (id, given_name, family_name, created_at, updated_at) VALUES"
	" (1,'Ann','Admin','t','t'), (2,'Fay','Fac','t','t'), (3,'Lee','LeadA','t','t'),"
	" (4,'Mia','MemberA','t','t'), (5,'Max','MemberB','t','t');"
	"INSERT INTO membership (person_id, org_id, role, created_at, updated_at) VALUES"
	" (1,1,'admin','t','t'), (2,2,'facilitator','t','t'), (3,3,'district_lead','t','t'),"
	" (4,3,'member','t','t'), (5,4,'member','t','t');"
	"INSERT INTO network (id, name, content_area, school_year, created_at, updated_at) VALUES"
	" (1,'N1','mathematics','2026-27','t','t');"
	"INSERT INTO network_facilitator VALUES (1, 2);"
	"INSERT INTO team (id, network_id, district_id, name, created_at, updated_at) VALUES"
	" (1,1,3,'A','t','t');"
	"INSERT INTO team_member VALUES (1,3,'lead'), (1,4,'member');"
	"INSERT INTO plan (id, network_id, team_id, school_year, title, created_at, updated_at)"
	" VALUES (1,1,1,'2026-27','Plan A','t','t');";

enum { ADMIN = 1, FAC = 2, LEAD = 3, MEMBER = 4 };

struct fx {
	struct testdb *t;
	struct arena *a;
	int64_t goal, action, schedule, item;
};

static struct actor person(int64_t id)
{
	return (struct actor){id, "test", 0};
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->t = testdb_open();
	f->a = arena_new();
	struct cn_err err = {0};
	if (store_exec(f->t->db, FIXTURE, &err))
		fail_msg("fixture: %s", err.msg);
	f->goal = testapp_make(f->t, f->a, &plan_goal_entity,
			       (const char *[]){"plan_id", "1", "title", "PLCs weekly", NULL});
	f->action = testapp_make(f->t, f->a, &plan_action_entity,
				 (const char *[]){"plan_id", "1", "kind", "study", "title",
						  "Study protocols", NULL});
	f->schedule = testapp_make(f->t, f->a, &plc_schedule_entity,
				   (const char *[]){"plan_id", "1", "school_id", "5", "recurrence",
						    "weekly", "weekday", "tuesday", "start_time",
						    "15:30", "minutes", "45", NULL});
	f->item = testapp_make(f->t, f->a, &library_item_entity,
			       (const char *[]){"kind", "tool", "title", "Protocol", NULL});
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_free(f->a);
	testdb_close(f->t);
	free(f);
	return 0;
}

/* Moves plan 1 to status as actor id (0 = the operator); returns the error kind. */
static enum cn_err_kind move(struct fx *f, int64_t id, const char *status, struct cn_err *err)
{
	struct actor who = id ? person(id) : f->t->who;
	cn_err_clear(err);
	plan_status_set(f->t->db, &who, 1, status, NULL, 0, err);
	return err->kind;
}

static const char *plan_status(struct fx *f)
{
	struct rec *plan = NULL;
	struct cn_err err = {0};
	if (rec_get(f->t->db, f->a, &plan_entity, 1, &plan, &err))
		fail_msg("plan 1: %s", err.msg);
	return rec_text(plan, "status");
}

/* The moves person id is offered, joined by spaces. */
static const char *moves(struct fx *f, int64_t id)
{
	struct rec *plan = NULL;
	struct cn_err err = {0};
	const char **v = NULL;
	struct actor who = person(id);
	if (rec_get(f->t->db, f->a, &plan_entity, 1, &plan, &err) ||
	    plan_status_choices(f->t->db, f->a, &who, plan, &v, &err))
		fail_msg("choices: %s", err.msg);
	char *out = arena_strdup(f->a, "");
	for (size_t i = 0; v[i] != NULL; i++)
		out = arena_printf(f->a, "%s%s%s", out, i ? " " : "", v[i]);
	return out;
}

static void test_members_do_not_move_the_plan(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	/* The policy lets the member read where the plan stands, not move it. */
	struct rec *plan = NULL;
	struct actor mia = person(MEMBER);
	assert_int_equal(rec_get(f->t->db, f->a, &plan_entity, 1, &plan, &err), 0);
	struct policy *p = policy_new(f->a, f->t->db, &mia);
	assert_int_equal(policy_check(p, POLICY_READ, "plan_status", plan, &err), 0);
	assert_int_equal(policy_check(p, POLICY_UPDATE, "plan_status", plan, &err), -1);
	assert_int_equal(err.kind, CN_ERR_FORBIDDEN);

	assert_string_equal(moves(f, MEMBER), "");
	assert_string_equal(moves(f, FAC), "");
	assert_string_equal(moves(f, LEAD), "submitted archived");
	assert_int_equal(move(f, MEMBER, "submitted", &err), CN_ERR_FORBIDDEN);
	assert_string_equal(err.field, "status");
	assert_non_null(strstr(err.msg, "submitted for approval only by its district's lead"));
	assert_int_equal(move(f, FAC, "submitted", &err), CN_ERR_FORBIDDEN);
	assert_int_equal(move(f, LEAD, "submitted", &err), CN_OK);
	/* A submitted plan: the facilitator approves or returns it, the lead may take it
	 * back; the member does neither. */
	assert_string_equal(moves(f, FAC), "draft approved");
	assert_string_equal(moves(f, LEAD), "draft archived");
	assert_string_equal(moves(f, MEMBER), "");
	assert_int_equal(move(f, MEMBER, "draft", &err), CN_ERR_FORBIDDEN);
	assert_int_equal(move(f, LEAD, "approved", &err), CN_ERR_FORBIDDEN);
	assert_int_equal(move(f, FAC, "approved", &err), CN_OK);
	/* Approved: only the lead (or an admin) reopens or archives it. */
	assert_string_equal(moves(f, MEMBER), "");
	assert_string_equal(moves(f, FAC), "");
	assert_string_equal(moves(f, LEAD), "draft archived");
	assert_string_equal(moves(f, ADMIN), "draft archived");
	assert_int_equal(move(f, MEMBER, "draft", &err), CN_ERR_FORBIDDEN);
	assert_non_null(strstr(err.msg, "an approved plan is reopened (moved back to draft) "
					"only by its district's lead or an admin; plan 1 stays "
					"approved"));
	assert_int_equal(move(f, MEMBER, "archived", &err), CN_ERR_FORBIDDEN);
	assert_int_equal(move(f, FAC, "draft", &err), CN_ERR_FORBIDDEN);
	assert_int_equal(move(f, FAC, "archived", &err), CN_ERR_FORBIDDEN);
	assert_string_equal(plan_status(f), "approved");
	int64_t events = testdb_count(f->t, "SELECT COUNT(*) FROM audit_event");
	assert_int_equal(move(f, LEAD, "draft", &err), CN_OK);
	assert_string_equal(plan_status(f), "draft");
	/* The reopening is audited, with its version. */
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM audit_event"
					    " WHERE entity = 'plan' AND entity_id = 1"
					    " AND actor_id = 3 AND action = 'update'"
					    " AND before_json LIKE '%\"status\":\"approved\"%'"
					    " AND after_json LIKE '%\"status\":\"draft\"%'"),
			 1);
	assert_true(testdb_count(f->t, "SELECT COUNT(*) FROM audit_event") > events);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM plan_version WHERE plan_id = 1"
					    " AND note = 'status: approved -> draft (reopened for "
					    "changes)' AND author_id = 3"),
			 1);
	assert_int_equal(move(f, MEMBER, "archived", &err), CN_ERR_FORBIDDEN);
	assert_int_equal(move(f, LEAD, "archived", &err), CN_OK);
}

/* DESIGN §5: an admin may do everything, so approves a submitted plan as the network's
 * facilitator does; the refusal of anyone else says who may. */
static void test_admins_approve(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	assert_int_equal(move(f, LEAD, "submitted", &err), CN_OK);
	assert_string_equal(moves(f, ADMIN), "draft approved archived");
	assert_int_equal(move(f, MEMBER, "approved", &err), CN_ERR_FORBIDDEN);
	assert_string_equal(err.field, "status");
	assert_non_null(strstr(err.msg, "a plan is approved only by a facilitator of its network "
					"(network 1) or an admin; plan 1 stays submitted"));
	assert_int_equal(move(f, LEAD, "approved", &err), CN_ERR_FORBIDDEN);
	assert_int_equal(move(f, ADMIN, "approved", &err), CN_OK);
	assert_string_equal(plan_status(f), "approved");
}

/* Expects the last call refused as an approved plan's change, naming the reopening. */
static void refused_approved(int rc, const struct cn_err *err)
{
	assert_int_equal(rc, -1);
	assert_int_equal(err->kind, CN_ERR_CONFLICT);
	assert_non_null(strstr(err->msg, "plan 1 is approved and read-only; the district lead "
					 "reopens it first"));
	assert_non_null(strstr(err->msg, "PUT /api/v1/plans/1/status"));
}

static int update(struct fx *f, const struct actor *who, const struct rec_entity *e, int64_t id,
		  const char *field, const char *value, struct cn_err *err)
{
	struct rec *ch = rec_new(f->a, e);
	cn_err_clear(err);
	if (rec_set_text(ch, f->a, field, value, err))
		fail_msg("%s: %s", field, err->msg);
	return rec_update(f->t->db, who, f->a, id, 0, ch, NULL, err);
}

static int create(struct fx *f, const struct actor *who, const struct rec_entity *e,
		  const char *const *kv, struct cn_err *err)
{
	struct rec *r = rec_new(f->a, e);
	cn_err_clear(err);
	for (size_t i = 0; kv[i] != NULL; i += 2)
		if (rec_set_text(r, f->a, kv[i], kv[i + 1], err))
			fail_msg("%s: %s", kv[i], err->msg);
	return rec_create(f->t->db, who, f->a, r, err);
}

static void test_an_approved_plan_is_read_only(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	assert_int_equal(move(f, 0, "submitted", &err), CN_OK);
	assert_int_equal(move(f, 0, "approved", &err), CN_OK);
	struct actor lee = person(LEAD), mia = person(MEMBER), fay = person(FAC);
	struct actor *op = &f->t->who;
	const char *digest_sql =
		"SELECT COUNT(*) FROM plan_goal WHERE title = 'PLCs weekly' AND version = 1";
	/* The plan, its goals, actions, links and schedules, for the member, the lead and
	 * the operator alike. */
	refused_approved(update(f, &mia, &plan_goal_entity, f->goal, "title", "Mine", &err), &err);
	refused_approved(update(f, &lee, &plan_goal_entity, f->goal, "title", "Mine", &err), &err);
	refused_approved(update(f, op, &plan_goal_entity, f->goal, "measure", "m", &err), &err);
	refused_approved(update(f, &lee, &plan_action_entity, f->action, "title", "A2", &err),
			 &err);
	refused_approved(update(f, &lee, &plan_entity, 1, "title", "Renamed", &err), &err);
	refused_approved(update(f, &lee, &plc_schedule_entity, f->schedule, "minutes", "50", &err),
			 &err);
	refused_approved(create(f, &mia, &plan_goal_entity,
				(const char *[]){"plan_id", "1", "title", "New", NULL}, &err),
			 &err);
	refused_approved(create(f, &lee, &plan_action_entity,
				(const char *[]){"plan_id", "1", "kind", "policy", "title", "New",
						 NULL},
				&err),
			 &err);
	refused_approved(create(f, &lee, &plc_schedule_entity,
				(const char *[]){"plan_id", "1", "school_id", "5", "recurrence",
						 "weekly", "weekday", "monday", "start_time",
						 "15:30", "minutes", "30", NULL},
				&err),
			 &err);
	refused_approved(plan_goal_remove(f->t->db, &lee, f->goal, &err), &err);
	refused_approved(plan_action_remove(f->t->db, &lee, f->action, &err), &err);
	refused_approved(plan_action_link(f->t->db, &lee, f->action, f->item, 0, &err), &err);
	refused_approved(rec_delete(f->t->db, &lee, f->a, &plc_schedule_entity, f->schedule, 0,
				    &err),
			 &err);
	assert_int_equal(testdb_count(f->t, digest_sql), 1);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM plan_goal"), 1);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM plc_schedule"), 1);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM action_link"), 0);
	/* Carrying it out goes on: progress checks and reviews. */
	char goal[24];
	snprintf(goal, sizeof(goal), "%lld", (long long)f->goal);
	assert_int_equal(create(f, &mia, &progress_check_entity,
				(const char *[]){"goal_id", goal, "status", "on_track", NULL},
				&err),
			 0);
	assert_int_equal(plan_review_add(f->t->db, &fay, 1, FAC, "On track", NULL, &err), 0);
	/* Once the lead reopens it, the district changes it again. */
	assert_int_equal(move(f, LEAD, "draft", &err), CN_OK);
	assert_int_equal(update(f, &mia, &plan_goal_entity, f->goal, "title", "PLCs twice a week",
				&err),
			 0);
	assert_int_equal(rec_delete(f->t->db, &lee, f->a, &plc_schedule_entity, f->schedule, 0,
				    &err),
			 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_members_do_not_move_the_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_admins_approve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_approved_plan_is_read_only, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
