/* policy: decisions by role and scope, through the public interface, on a small
 * fixture: district A and B with teams in network 1, a facilitator, a lead and members;
 * reflections private unless shared; no seat on a team, membership or team member
 * added widens anyone's reach (issue 12). */
#include "testlib.h"

#include "app/network/network.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "app/access/policy.h"
#include "app/delivery/tryout.h"
#include "app/network/attendance.h"
#include "app/network/meeting.h"
#include "app/network/team.h"
#include "app/org/membership.h"

static const char FIXTURE[] =
	"INSERT INTO organization (id, kind, name, parent_id, created_at, updated_at) VALUES"
	" (1,'state','KDE',NULL,'t','t'), (2,'cooperative','GR',1,'t','t'),"
	" (3,'district','A',2,'t','t'), (4,'district','B',2,'t','t'),"
	" (5,'school','A High',3,'t','t');"
	"INSERT INTO person (id, given_name, family_name, created_at, updated_at) VALUES"
	" (1,'Ann','Admin','t','t'), (2,'Fay','Fac','t','t'), (3,'Lee','LeadA','t','t'),"
	" (4,'Mia','MemberA','t','t'), (5,'Max','MemberB','t','t'), (6,'Sue','SchoolA','t','t'),"
	" (7,'Sam','Spare','t','t'), (8,'Eve','Leaving','t','t');"
	"INSERT INTO membership (person_id, org_id, role, created_at, updated_at) VALUES"
	" (1,1,'admin','t','t'), (2,2,'facilitator','t','t'), (3,3,'district_lead','t','t'),"
	" (4,3,'member','t','t'), (5,4,'member','t','t'), (6,5,'member','t','t'),"
	" (8,3,'member','t','t');"
	"INSERT INTO network (id, name, content_area, region_id, school_year, created_at,"
	" updated_at) VALUES (1,'N1','mathematics',2,'2026-27','t','t'),"
	" (2,'N2','science',NULL,'2026-27','t','t');"
	"INSERT INTO network_facilitator VALUES (1, 2);"
	"INSERT INTO team (id, network_id, district_id, name, created_at, updated_at) VALUES"
	" (1,1,3,'A','t','t'), (2,1,4,'B','t','t');"
	"INSERT INTO team_member VALUES (1,4,'member'), (2,5,'member'), (1,8,'member');"
	"INSERT INTO meeting (id, network_id, title, starts_at, ends_at, tz, uid, created_at,"
	" updated_at) VALUES (1,1,'M','2026-09-15T14:00:00Z','2026-09-15T20:00:00Z','UTC','u1',"
	" 't','t');";

struct fx {
	struct testdb *t;
	struct arena *a;
};

static struct policy *as(struct fx *f, int64_t person)
{
	struct actor who = {person, "test", 0};
	return policy_new(f->a, f->t->db, &who);
}

static int check(struct fx *f, int64_t person, enum policy_verb verb, const char *entity,
		 const struct rec_entity *e, int64_t id)
{
	struct cn_err err = {0};
	struct rec *r = NULL;
	if (rec_get(f->t->db, f->a, e, id, &r, &err))
		fail_msg("no %s %lld", e->name, (long long)id);
	int rc = policy_check(as(f, person), verb, entity, r, &err);
	if (rc != 0 && err.kind != CN_ERR_FORBIDDEN)
		fail_msg("%s: %s", entity, err.msg);
	return rc == 0;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->t = testdb_open();
	f->a = arena_new();
	struct cn_err err = {0};
	if (store_exec(f->t->db, FIXTURE, &err))
		fail_msg("fixture: %s", err.msg);
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

static void test_districts_see_their_own_team_only(void **state)
{
	struct fx *f = *state;
	assert_true(check(f, 1, POLICY_READ, "team", &team_entity, 2));    /* admin */
	assert_true(check(f, 2, POLICY_READ, "team", &team_entity, 2));    /* facilitator */
	assert_true(check(f, 3, POLICY_READ, "team", &team_entity, 1));    /* lead A, own */
	assert_false(check(f, 3, POLICY_READ, "team", &team_entity, 2));   /* lead A, other */
	assert_true(check(f, 4, POLICY_READ, "team", &team_entity, 1));    /* member A */
	assert_false(check(f, 4, POLICY_READ, "team", &team_entity, 2));
	assert_true(check(f, 6, POLICY_READ, "team", &team_entity, 1));    /* a school's staff */
	assert_true(check(f, 3, POLICY_UPDATE, "team", &team_entity, 1));
	assert_false(check(f, 4, POLICY_UPDATE, "team", &team_entity, 1)); /* members read only */
	assert_false(check(f, 3, POLICY_DELETE, "team", &team_entity, 1));
}

static void test_network_records(void **state)
{
	struct fx *f = *state;
	assert_true(check(f, 4, POLICY_READ, "network", &network_entity, 1));
	assert_false(check(f, 4, POLICY_READ, "network", &network_entity, 2));
	assert_true(check(f, 2, POLICY_UPDATE, "network", &network_entity, 1));
	assert_false(check(f, 2, POLICY_UPDATE, "network", &network_entity, 2));
	assert_true(check(f, 2, POLICY_UPDATE, "meeting", &meeting_entity, 1));
	assert_false(check(f, 4, POLICY_UPDATE, "meeting", &meeting_entity, 1));
}

static void test_nobody_signed_in(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	assert_int_equal(policy_check_any(as(f, 0), POLICY_READ, "organization", &err), -1);
	assert_int_equal(err.kind, CN_ERR_UNAUTHENTICATED);
	struct actor system = actor_system("cli:test");
	assert_int_equal(policy_check_any(policy_new(f->a, f->t->db, &system), POLICY_READ,
					  "audit_event", &err),
			 0);
	assert_int_equal(policy_check_any(as(f, 3), POLICY_READ, "audit_event", &err), -1);
	assert_int_equal(err.kind, CN_ERR_FORBIDDEN);
	assert_non_null(strstr(err.msg, "admins"));
}

static void test_lead_gives_only_the_member_role(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	struct rec *m = rec_new(f->a, &membership_entity);
	rec_put_int(m, "person_id", 4, &err); /* someone of her district alone */
	rec_put_int(m, "org_id", 3, &err);
	rec_put_text(m, f->a, "role", "member", &err);
	assert_int_equal(policy_check(as(f, 3), POLICY_CREATE, "membership", m, &err), 0);
	rec_put_text(m, f->a, "role", "admin", &err);
	assert_int_equal(policy_check(as(f, 3), POLICY_CREATE, "membership", m, &err), -1);
	assert_string_equal(err.field, "role");
	assert_int_equal(policy_check(as(f, 1), POLICY_CREATE, "membership", m, &err), 0);
	rec_put_text(m, f->a, "role", "member", &err);
	rec_put_int(m, "org_id", 4, &err); /* another district */
	assert_int_equal(policy_check(as(f, 3), POLICY_CREATE, "membership", m, &err), -1);
}

/* put runs sql on the fixture (a change behind the policy's back). */
static void put(struct fx *f, const char *sql)
{
	struct cn_err err = {0};
	if (store_exec(f->t->db, sql, &err))
		fail_msg("%s: %s", sql, err.msg);
}

static struct rec *membership(struct fx *f, int64_t person, int64_t org)
{
	struct cn_err err = {0};
	struct rec *m = rec_new(f->a, &membership_entity);
	rec_put_int(m, "person_id", person, &err);
	rec_put_int(m, "org_id", org, &err);
	rec_put_text(m, f->a, "role", "member", &err);
	return m;
}

static void test_lead_pulls_nobody_of_another_organization_in(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	/* Member B into district A: refused, naming the person and who may. */
	assert_int_equal(policy_check(as(f, 3), POLICY_CREATE, "membership", membership(f, 5, 3),
				      &err),
			 -1);
	assert_int_equal(err.kind, CN_ERR_FORBIDDEN);
	assert_string_equal(err.field, "person_id");
	assert_non_null(strstr(err.msg, "person 5: you may add only people of your district who "
					"belong to no other organization; ask an admin"));
	assert_non_null(strstr(err.msg, "ask an admin"));
	/* The admin, the facilitator (of the cooperative), into a school of A: refused. */
	assert_int_equal(policy_check(as(f, 3), POLICY_CREATE, "membership", membership(f, 1, 5),
				      &err),
			 -1);
	assert_non_null(strstr(err.msg, "person 1: you may add only people of your district"));
	assert_int_equal(policy_check(as(f, 3), POLICY_CREATE, "membership", membership(f, 2, 3),
				      &err),
			 -1);
	/* A person of A alone may get a school's membership too; an admin gives any. */
	assert_int_equal(policy_check(as(f, 3), POLICY_CREATE, "membership", membership(f, 4, 5),
				      &err),
			 0);
	assert_int_equal(policy_check(as(f, 1), POLICY_CREATE, "membership", membership(f, 5, 3),
				      &err),
			 0);
}

/* Whether the lead (3) may give person a membership in district A. */
static int lead_adds(struct fx *f, int64_t person, struct cn_err *err)
{
	return policy_check(as(f, 3), POLICY_CREATE, "membership", membership(f, person, 3), err) ==
	       0;
}

static void test_lead_takes_over_no_former_admin_nor_spare_account(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	/* A former admin: the membership ended, no active one left. */
	put(f, "INSERT INTO membership (person_id, org_id, role, active, created_at, updated_at)"
	       " VALUES (7,1,'admin',0,'t','t')");
	assert_false(lead_adds(f, 7, &err));
	assert_int_equal(err.kind, CN_ERR_FORBIDDEN);
	assert_string_equal(err.field, "person_id");
	assert_non_null(strstr(err.msg, "person 7: you may add only people of your district"));
	/* Had an admin made them one of A anyway, the lead still would not change them. */
	put(f, "INSERT INTO membership (person_id, org_id, role, created_at, updated_at)"
	       " VALUES (7,3,'member','t','t')");
	assert_true(check(f, 3, POLICY_READ, "person", &person_entity, 7));
	assert_false(check(f, 3, POLICY_UPDATE, "person", &person_entity, 7));
	/* One who left district B for good is not hers either. */
	put(f, "UPDATE membership SET active = 0 WHERE person_id = 5");
	assert_false(lead_adds(f, 5, &err));
	/* A person of no organization: only one the lead made herself. */
	put(f, "INSERT INTO person (id, given_name, family_name, created_at, updated_at) VALUES"
	       " (9,'Sid','Spare','t','t'), (10,'Nia','New','t','t');"
	       "INSERT INTO audit_event (at, actor_id, actor_label, action, entity, entity_id)"
	       " VALUES ('t', 1, 'a', 'create', 'person', 9), ('t', 3, 'l', 'create', 'person', 10)");
	assert_false(lead_adds(f, 9, &err));
	char seen[sizeof(err.msg)];
	memcpy(seen, err.msg, sizeof(seen));
	assert_true(lead_adds(f, 10, &err));
	/* One that does not exist: the same refusal as for one that does. */
	assert_false(lead_adds(f, 99, &err));
	assert_int_equal(err.kind, CN_ERR_FORBIDDEN);
	assert_string_equal(err.msg + strlen("person 99"), seen + strlen("person 9"));
}

static void test_lead_reactivates_no_membership_of_another_district(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	/* Member B was of A too (an admin's doing); the admin ended it. */
	put(f, "INSERT INTO membership (id, person_id, org_id, role, active, created_at,"
	       " updated_at) VALUES (50,5,3,'member',0,'t','t')");
	struct rec *m = NULL;
	assert_int_equal(rec_get(f->t->db, f->a, &membership_entity, 50, &m, &err), 0);
	rec_put_int(m, "active", 1, &err);
	assert_int_equal(policy_check(as(f, 3), POLICY_UPDATE, "membership", m, &err), -1);
	assert_string_equal(err.field, "person_id");
	assert_int_equal(policy_check(as(f, 1), POLICY_UPDATE, "membership", m, &err), 0);
	/* Her own member's membership, ended and made active again: hers to do. */
	put(f, "UPDATE membership SET active = 0 WHERE person_id = 4");
	int64_t id = testdb_count(f->t, "SELECT id FROM membership WHERE person_id = 4");
	assert_int_equal(rec_get(f->t->db, f->a, &membership_entity, id, &m, &err), 0);
	rec_put_int(m, "active", 1, &err);
	assert_int_equal(policy_check(as(f, 3), POLICY_UPDATE, "membership", m, &err), 0);
}

static void test_a_seat_without_membership_gives_no_district(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	int64_t d = -1;
	assert_int_equal(policy_team_district(as(f, 3), 8, 1, &d, &err), 0);
	assert_int_equal(d, 3);
	put(f, "UPDATE membership SET active = 0 WHERE person_id = 8");
	assert_int_equal(policy_team_district(as(f, 3), 8, 1, &d, &err), 0);
	assert_int_equal(d, 0);
}

static void test_attendees_are_the_networks(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	struct actor system = actor_system("cli:test");
	/* The admin is on no team of network 1: not even the operator records her. */
	assert_int_equal(attendance_set(f->t->db, &system, 1, 1, "present", &err), -1);
	assert_int_equal(err.kind, CN_ERR_INPUT);
	assert_string_equal(err.field, "person_id");
	char seen[sizeof(err.msg)];
	memcpy(seen, err.msg, sizeof(seen));
	assert_int_equal(attendance_set(f->t->db, &system, 1, 99, "present", &err), -1);
	assert_string_equal(err.msg + strlen("person 99"), seen + strlen("person 9"));
	/* A member of team A; the network's facilitator. */
	assert_int_equal(attendance_set(f->t->db, &system, 1, 4, "present", &err), 0);
	assert_int_equal(attendance_set(f->t->db, &system, 1, 2, "present", &err), 0);
	/* Seated on team A, the membership ended: no longer. */
	put(f, "UPDATE membership SET active = 0 WHERE person_id = 8");
	assert_int_equal(attendance_set(f->t->db, &system, 1, 8, "present", &err), -1);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM attendance"), 2);
}

static void test_a_seat_on_her_team_makes_no_one_hers(void **state)
{
	struct fx *f = *state;
	const struct rec_entity *p = &person_entity;
	put(f, "INSERT INTO team_member VALUES (1,1,'member'), (1,5,'member')");
	assert_false(check(f, 3, POLICY_UPDATE, "person", p, 1)); /* the admin */
	assert_false(check(f, 3, POLICY_UPDATE, "person", p, 5)); /* member B */
	assert_false(check(f, 3, POLICY_READ, "person", p, 5));
	assert_false(check(f, 4, POLICY_READ, "person", p, 5));
}

static void test_lead_changes_only_people_of_her_district_alone(void **state)
{
	struct fx *f = *state;
	const struct rec_entity *p = &person_entity;
	assert_true(check(f, 3, POLICY_UPDATE, "person", p, 4));
	assert_false(check(f, 3, POLICY_UPDATE, "person", p, 7)); /* of no organization */
	/* Member A, also of district B (an admin gave it): read, not changed. */
	put(f, "INSERT INTO membership (person_id, org_id, role, created_at, updated_at)"
	       " VALUES (4,4,'member','t','t')");
	assert_true(check(f, 3, POLICY_READ, "person", p, 4));
	assert_false(check(f, 3, POLICY_UPDATE, "person", p, 4));
	/* The admin, once also of district A: read, never changed. */
	put(f, "INSERT INTO membership (person_id, org_id, role, created_at, updated_at)"
	       " VALUES (1,3,'member','t','t')");
	assert_true(check(f, 3, POLICY_READ, "person", p, 1));
	assert_false(check(f, 3, POLICY_UPDATE, "person", p, 1));
	/* Staff of a school of A facilitating a network: not hers to change either. */
	put(f, "INSERT INTO network_facilitator VALUES (2, 6)");
	assert_false(check(f, 3, POLICY_UPDATE, "person", p, 6));
	assert_true(check(f, 1, POLICY_UPDATE, "person", p, 6));
	assert_true(check(f, 6, POLICY_UPDATE, "person", p, 6)); /* oneself */
}

static void test_access_follows_active_memberships(void **state)
{
	struct fx *f = *state;
	assert_true(check(f, 8, POLICY_READ, "team", &team_entity, 1));
	assert_true(check(f, 8, POLICY_READ, "network", &network_entity, 1));
	assert_true(check(f, 2, POLICY_READ, "person", &person_entity, 8));
	put(f, "UPDATE membership SET active = 0 WHERE person_id = 8");
	/* Still on team A, but no longer of district A: nothing of it. */
	assert_false(check(f, 8, POLICY_READ, "team", &team_entity, 1));
	assert_false(check(f, 8, POLICY_READ, "network", &network_entity, 1));
	assert_false(check(f, 8, POLICY_READ, "meeting", &meeting_entity, 1));
	assert_false(check(f, 3, POLICY_READ, "person", &person_entity, 8));
	assert_false(check(f, 2, POLICY_READ, "person", &person_entity, 8));
	assert_true(check(f, 8, POLICY_READ, "person", &person_entity, 8));
}

static void test_team_members_belong_to_its_district(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	struct actor system = actor_system("cli:test");
	/* Even the operator: member B on team A, refused naming the person. */
	assert_int_equal(team_member_set(f->t->db, &system, 1, 5, "member", &err), -1);
	assert_int_equal(err.kind, CN_ERR_INPUT);
	assert_string_equal(err.field, "person_id");
	assert_non_null(strstr(err.msg, "person 5 has no active membership in A"));
	assert_int_equal(team_member_set(f->t->db, &system, 1, 1, "member", &err), -1);
	assert_int_equal(team_member_set(f->t->db, &system, 1, 7, "member", &err), -1);
	/* A school's staff of A; the facilitator of network 1's cooperative. */
	assert_int_equal(team_member_set(f->t->db, &system, 1, 6, "member", &err), 0);
	assert_int_equal(team_member_set(f->t->db, &system, 1, 2, "member", &err), 0);
	/* Network 2 has no cooperative: its teams are its districts' people only. */
	put(f, "INSERT INTO team (id, network_id, district_id, name, created_at, updated_at)"
	       " VALUES (3,2,3,'A2','t','t')");
	assert_int_equal(team_member_set(f->t->db, &system, 3, 2, "member", &err), -1);
	/* A membership ended is no membership. */
	put(f, "UPDATE membership SET active = 0 WHERE person_id = 4");
	assert_int_equal(team_member_set(f->t->db, &system, 3, 4, "member", &err), -1);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM team_member WHERE team_id = 3"),
			 0);
}

static void test_reflections_are_private_unless_shared(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	/* person 4 (district A) wrote it at meeting 1 of network 1. */
	struct policy_scope s = {.network_id = 1, .district_id = 3, .owner_id = 4,
				 .is_private = 1, .shared = 0};
	assert_int_equal(policy_check_scope(as(f, 4), POLICY_READ, "reflection", &s, &err), 0);
	assert_int_equal(policy_check_scope(as(f, 4), POLICY_UPDATE, "reflection", &s, &err), 0);
	assert_int_equal(policy_check_scope(as(f, 3), POLICY_READ, "reflection", &s, &err), -1);
	assert_int_equal(policy_check_scope(as(f, 2), POLICY_READ, "reflection", &s, &err), -1);
	assert_int_equal(policy_check_scope(as(f, 1), POLICY_READ, "reflection", &s, &err), -1);
	s.shared = 1;
	assert_int_equal(policy_check_scope(as(f, 3), POLICY_READ, "reflection", &s, &err), 0);
	assert_int_equal(policy_check_scope(as(f, 2), POLICY_READ, "reflection", &s, &err), 0);
	assert_int_equal(policy_check_scope(as(f, 5), POLICY_READ, "reflection", &s, &err), -1);
	assert_int_equal(policy_check_scope(as(f, 3), POLICY_UPDATE, "reflection", &s, &err), -1);
	/* The form promises the admins read what is shared. */
	assert_int_equal(policy_check_scope(as(f, 1), POLICY_READ, "reflection", &s, &err), 0);
	assert_int_equal(policy_check_scope(as(f, 1), POLICY_UPDATE, "reflection", &s, &err), -1);
}

/* A try-out (its note) is its person's district's: the person, the district's lead and
 * members, the facilitators of the person's networks and admins; not another district,
 * not a partner. */
static void test_tryouts_are_their_districts(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	if (store_exec(f->t->db,
		       "INSERT INTO organization (id, kind, name, parent_id, created_at, updated_at)"
		       " VALUES (6,'partner','U',1,'t','t');"
		       "INSERT INTO person (id, given_name, family_name, created_at, updated_at)"
		       " VALUES (9,'Pat','Partner','t','t');"
		       "INSERT INTO membership (person_id, org_id, role, created_at, updated_at)"
		       " VALUES (9,6,'partner','t','t');"
		       "INSERT INTO library_item (id, kind, title, created_at, updated_at)"
		       " VALUES (1,'strategy','Number talks','t','t');"
		       "INSERT INTO tryout (id, item_id, person_id, rating, would_work, note,"
		       " created_at, updated_at) VALUES (1,1,4,4,'yes','Grade 4 loved it','t','t');",
		       &err))
		fail_msg("fixture: %s", err.msg);
	const struct rec_entity *t = &tryout_entity;
	assert_true(check(f, 4, POLICY_READ, "tryout", t, 1));  /* the person */
	assert_true(check(f, 3, POLICY_READ, "tryout", t, 1));  /* their district's lead */
	assert_true(check(f, 6, POLICY_READ, "tryout", t, 1));  /* a school's staff of A */
	assert_true(check(f, 2, POLICY_READ, "tryout", t, 1));  /* their network's facilitator */
	assert_true(check(f, 1, POLICY_READ, "tryout", t, 1));  /* an admin */
	assert_false(check(f, 5, POLICY_READ, "tryout", t, 1)); /* another district */
	assert_false(check(f, 9, POLICY_READ, "tryout", t, 1)); /* a partner */
	assert_false(check(f, 3, POLICY_UPDATE, "tryout", t, 1));
	assert_int_equal(policy_check_any(as(f, 9), POLICY_READ, "tryout", &err), 0);
}

/* Naming a record: only one the actor may read, refused as one that is not there. */
static void test_references_name_readable_records(void **state)
{
	struct fx *f = *state;
	struct cn_err err = {0};
	assert_int_equal(policy_may_read(as(f, 3), &person_entity, 4, &err), 1);
	assert_int_equal(policy_may_read(as(f, 3), &person_entity, 5, &err), 0);
	assert_int_equal(policy_may_read(as(f, 3), &person_entity, 99, &err), 0);
	assert_int_equal(policy_check_ref(as(f, 3), &person_entity, 5, "owner_id", &err), -1);
	assert_int_equal(err.kind, CN_ERR_INPUT);
	assert_string_equal(err.field, "owner_id");
	assert_string_equal(err.msg, "there is no person with id 5 that you may see");
	assert_int_equal(policy_check_ref(as(f, 3), &person_entity, 99, "owner_id", &err), -1);
	assert_string_equal(err.msg, "there is no person with id 99 that you may see");
	struct actor system = actor_system("cli:test");
	assert_int_equal(policy_check_ref(policy_new(f->a, f->t->db, &system), &person_entity, 5,
					  "owner_id", &err),
			 0);
}

static void test_people_by_district_and_network(void **state)
{
	struct fx *f = *state;
	struct rec_entity const *p = &person_entity;
	assert_true(check(f, 3, POLICY_READ, "person", p, 4));   /* lead A sees member A */
	assert_false(check(f, 3, POLICY_READ, "person", p, 5));  /* not member B */
	assert_true(check(f, 2, POLICY_READ, "person", p, 5));   /* the facilitator does */
	assert_true(check(f, 5, POLICY_UPDATE, "person", p, 5)); /* oneself */
	assert_false(check(f, 5, POLICY_UPDATE, "person", p, 4));
	assert_true(check(f, 3, POLICY_UPDATE, "person", p, 6)); /* staff of a school in A */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_districts_see_their_own_team_only, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_network_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nobody_signed_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lead_gives_only_the_member_role, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_reflections_are_private_unless_shared, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_people_by_district_and_network, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tryouts_are_their_districts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_references_name_readable_records, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_lead_pulls_nobody_of_another_organization_in,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_lead_takes_over_no_former_admin_nor_spare_account,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_lead_reactivates_no_membership_of_another_district,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_seat_without_membership_gives_no_district,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_attendees_are_the_networks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_seat_on_her_team_makes_no_one_hers, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_lead_changes_only_people_of_her_district_alone,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_access_follows_active_memberships, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_team_members_belong_to_its_district, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
