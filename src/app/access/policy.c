/* policy: the rule table and the roles of an actor. The roles are read once per
 * policy (per request) in at most three queries; after that most decisions are made
 * in memory. Records whose scope needs a lookup (an agenda item's network) are cached
 * for the life of the policy.
 *
 * What the rules promise (issue 12: no sequence of requests by any role widens what
 * that role may see or change):
 *   - Access follows active memberships only. The district roles (lead, member) come
 *     from active memberships in a district or one of its schools; the network role
 *     from the networks where those districts have a team. A seat on a team grants
 *     nothing by itself: when a membership ends, so does everything it gave, even
 *     while the person is still listed on one of the district's teams.
 *   - A team's members belong to its district (an active membership in it or one of
 *     its schools), or facilitate the network (person_of_district, app/org/person.h, the
 *     one rule also for the people a district's records name). app/network/network.c holds
 *     that for every interface (team_member_set); since seats grant nothing, a seat
 *     given against it would still widen nobody's reach.
 *   - A person's details (name, email, user name, active) are changed by admins and
 *     by the person. A district lead changes only people with an active membership
 *     in a district she leads (or its schools) whose every membership, active or
 *     ended, lies in districts she leads, who have never been admins and who
 *     facilitate no network; belonging to her district besides another organization
 *     (or having once belonged to one) is not enough, and neither is a seat on her
 *     team (relate_person). A person is read by admins, themself, their districts
 *     (by active membership), the facilitators of their networks and, when they
 *     facilitate a network, its teams (who name them as a session's facilitator or
 *     an action's owner); by no one else.
 *   - A district lead gives only the member role, in her districts, and only to
 *     people she may take (policy_lead_may_take): those whose every membership,
 *     active or ended, lies in her districts, who were never admins and facilitate
 *     no network; or, for someone with no membership at all (a spare account, a
 *     former admin whose rows were removed), only a person she created herself (the
 *     audit log's record of the creation names her). Making an ended membership
 *     active again is giving it anew and is held to the same rule. Pulling someone
 *     of another district, a cooperative or the state agency into her district is
 *     refused, so that no lead comes to control another's account
 *     (guard_membership); the refusal is one message, the same whether the person
 *     exists or not. An admin gives such people a membership when they work in two
 *     places; the lead then reads them, as her district's, but still does not
 *     change them.
 *   - A team's seat and a meeting's attendance follow memberships too: a person's
 *     district in a network (policy_team_district) is that of a team they sit on
 *     while they belong to its district; a meeting's attendees are people on a team
 *     of its network who belong to that team's district, or its facilitators
 *     (app/network/network.c, for every interface). A team's member whose membership ended
 *     is listed by name only, marked so; a meeting's attendance lists only people
 *     the reader may read.
 *   - A record names only records the actor may read (policy_check_ref): the record
 *     engine asks it for every reference the input sets (record.h), and so do the
 *     links kept outside it (plan action and agenda materials, PD attendees, a
 *     derivation's source). A record the actor may not read is refused exactly as
 *     one that does not exist, so naming ids tells nothing. A district record's owner,
 *     facilitator or observer is, besides, someone of its district or a facilitator
 *     of its network (person_check_of_district).
 *   - Try-outs, with their notes, are their person's district's (relate_tryout);
 *     shared reflections are read by the admins too, as the reflection form says.
 *   - The command line's operator is an admin here; the app layer's invariants (a
 *     team's members) bind it too. */
#include "app/access/policy.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "app/network/team.h"

enum {
	R_ADMIN = 1 << 0,
	R_FACILITATOR = 1 << 1,
	R_LEAD = 1 << 2,
	R_DISTRICT = 1 << 3,
	R_NETWORK = 1 << 4,
	R_PARTNER = 1 << 5,
	R_SELF = 1 << 6,
	R_ANYONE = 1 << 7,
	R_CONTRIBUTOR = 1 << 8,
	R_COUNT = 9
};

static const char *const policy_role_names[R_COUNT] = {
	"admins", "the network's facilitators", "the district's lead", "the district's members",
	"the network's teams", "partners", "the person it is about", "anyone signed in",
	"the deliverable's contributors"};

static const char SQL_ROLES[] =
	"SELECT m.role, CASE WHEN o.kind = 'school' THEN o.parent_id ELSE o.id END, o.kind"
	" FROM membership m JOIN organization o ON o.id = m.org_id"
	" WHERE m.person_id = ?1 AND m.active = 1";
static const char SQL_FACILITATES[] =
	"SELECT network_id FROM network_facilitator WHERE person_id = ?1";
/* The teams of the actor's districts, by active membership (not by seat). */
static const char SQL_TEAMS[] =
	"SELECT DISTINCT t.network_id, t.district_id FROM team t"
	" JOIN membership m ON m.person_id = ?1 AND m.active = 1"
	" JOIN organization o ON o.id = m.org_id"
	" WHERE t.district_id = CASE WHEN o.kind = 'school' THEN o.parent_id ELSE o.id END";
static const char SQL_MEETING_NETWORK[] = "SELECT network_id FROM meeting WHERE id = ?1";
static const char SQL_TEAM_OF[] = "SELECT district_id FROM team WHERE id = ?1";
static const char SQL_TEAM_NETWORK[] = "SELECT network_id FROM team WHERE id = ?1";
static const char SQL_PLAN_NETWORK[] = "SELECT network_id FROM plan WHERE id = ?1";
static const char SQL_PLAN_DISTRICT[] =
	"SELECT t.district_id FROM plan p JOIN team t ON t.id = p.team_id WHERE p.id = ?1";
static const char SQL_DELIVERABLE_NETWORK[] = "SELECT network_id FROM deliverable WHERE id = ?1";
static const char SQL_DELIVERABLE_DISTRICT[] =
	"SELECT t.district_id FROM deliverable d JOIN team t ON t.id = d.team_id WHERE d.id = ?1";
static const char SQL_DELIVERABLE_PUBLISHED[] =
	"SELECT CASE WHEN status = 'published' OR (status = 'in_review' AND EXISTS (SELECT 1"
	" FROM deliverable_version v WHERE v.deliverable_id = deliverable.id"
	" AND v.published_at IS NOT NULL)) THEN 1 ELSE 0 END FROM deliverable WHERE id = ?1";
/* 1 when person ?2 contributes to deliverable ?1 (added by its owners, or saved a
 * version). */
static const char SQL_DELIVERABLE_CONTRIBUTES[] =
	"SELECT COUNT(*) FROM deliverable_contributor WHERE deliverable_id = ?1 AND person_id = ?2";
/* Needs assessments and plans (issue 5). */
static const char SQL_INSTRUMENT_NETWORK[] = "SELECT network_id FROM instrument WHERE id = ?1";
static const char SQL_ASSESSMENT_NETWORK[] =
	"SELECT t.network_id FROM assessment a JOIN team t ON t.id = a.team_id WHERE a.id = ?1";
static const char SQL_ASSESSMENT_DISTRICT[] =
	"SELECT t.district_id FROM assessment a JOIN team t ON t.id = a.team_id WHERE a.id = ?1";
static const char SQL_PLAN_TEMPLATE[] = "SELECT is_template FROM plan WHERE id = ?1";
static const char SQL_GOAL_PLAN[] = "SELECT plan_id FROM plan_goal WHERE id = ?1";
static const char SQL_ORG_DISTRICT[] =
	"SELECT CASE WHEN kind = 'district' THEN id WHEN kind = 'school' THEN parent_id"
	" ELSE 0 END FROM organization WHERE id = ?1";
/* The district of a person's team in a network, while they belong to it (an active
 * membership in the district or one of its schools): a seat alone is no district. */
static const char SQL_TEAM_DISTRICT[] =
	"SELECT t.district_id FROM team t JOIN team_member tm ON tm.team_id = t.id"
	" JOIN membership m ON m.person_id = tm.person_id AND m.active = 1"
	" JOIN organization o ON o.id = m.org_id"
	" WHERE tm.person_id = ?1 AND t.network_id = ?2"
	" AND t.district_id = CASE WHEN o.kind = 'school' THEN o.parent_id ELSE o.id END";
/* A person's memberships, active or ended: the role, the district (0 for an
 * organization that is neither a district nor a school) and whether it is active. */
static const char SQL_PERSON_ORGS[] =
	"SELECT m.role, CASE WHEN o.kind = 'school' THEN o.parent_id"
	" WHEN o.kind = 'district' THEN o.id ELSE 0 END, m.active FROM membership m"
	" JOIN organization o ON o.id = m.org_id WHERE m.person_id = ?1";
/* Who made a person (the actor of its creation; 0 for the system or none recorded). */
static const char SQL_PERSON_CREATOR[] =
	"SELECT COALESCE(actor_id, 0) FROM audit_event"
	" WHERE entity = 'person' AND entity_id = ?1 AND action = 'create' ORDER BY id LIMIT 1";
static const char SQL_MEMBERSHIP_ACTIVE[] = "SELECT active FROM membership WHERE id = ?1";
static const char SQL_PERSON_FACILITATES[] =
	"SELECT COUNT(*) FROM network_facilitator WHERE person_id = ?1";
/* The networks a person takes part in: a seat on a team while they belong to its
 * district (0 in the second column), or facilitating (1). */
static const char SQL_PERSON_NETWORKS[] =
	"SELECT t.network_id, 0 FROM team t JOIN team_member tm ON tm.team_id = t.id"
	" JOIN membership m ON m.person_id = tm.person_id AND m.active = 1"
	" JOIN organization o ON o.id = m.org_id"
	" WHERE tm.person_id = ?1"
	" AND t.district_id = CASE WHEN o.kind = 'school' THEN o.parent_id ELSE o.id END"
	" UNION SELECT network_id, 1 FROM network_facilitator WHERE person_id = ?1";

struct idset {
	int64_t *v;
	size_t n, cap;
};

struct policy_cache {
	const char *sql;
	int64_t key, value;
};

enum { POLICY_CACHE = 64 };

struct policy {
	struct arena *a;
	struct store *db;
	struct actor who;
	int roles_loaded, links_loaded;
	int admin, partner;
	struct idset lead, district, facilitates, networks;
	struct policy_cache cache[POLICY_CACHE];
	size_t ncache;
};

static void idset_add(struct arena *a, struct idset *s, int64_t id)
{
	if (id == 0)
		return;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		int64_t *v = arena_alloc(a, sizeof(int64_t) * cap);
		if (s->n)
			memcpy(v, s->v, sizeof(int64_t) * s->n);
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = id;
}

static int idset_has(const struct idset *s, int64_t id)
{
	for (size_t i = 0; id != 0 && i < s->n; i++)
		if (s->v[i] == id)
			return 1;
	return 0;
}

struct policy *policy_new(struct arena *a, struct store *db, const struct actor *who)
{
	struct policy *p = arena_alloc(a, sizeof(*p));
	p->a = a;
	p->db = db;
	p->who = *who;
	return p;
}

static int policy_signed_in(const struct policy *p)
{
	return p->who.is_system || p->who.person_id != 0;
}

/* Memberships: admin, partner, lead and member districts. */
static int policy_load_roles(struct policy *p, struct cn_err *err)
{
	if (p->roles_loaded)
		return 0;
	p->roles_loaded = 1;
	p->admin = p->who.is_system;
	if (p->who.person_id == 0)
		return 0;
	struct store_stmt *q = store_prepare(p->db, SQL_ROLES, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p->who.person_id);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		const char *role = store_col_text(q, 0);
		const char *kind = store_col_text(q, 2);
		int64_t district = store_col_int(q, 1);
		int is_district = strcmp(kind, "district") == 0 || strcmp(kind, "school") == 0;
		if (strcmp(role, "admin") == 0)
			p->admin = 1;
		else if (strcmp(role, "partner") == 0)
			p->partner = 1;
		if (is_district)
			idset_add(p->a, &p->district, district);
		if (is_district && strcmp(role, "district_lead") == 0)
			idset_add(p->a, &p->lead, district);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* Facilitated networks and the teams of the actor and of the actor's districts. */
static int policy_load_links(struct policy *p, struct cn_err *err)
{
	if (p->links_loaded)
		return 0;
	p->links_loaded = 1;
	if (p->who.person_id == 0)
		return 0;
	struct store_stmt *q = store_prepare(p->db, SQL_FACILITATES, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p->who.person_id);
	int rc;
	while ((rc = store_step(q, err)) == 1)
		idset_add(p->a, &p->facilitates, store_col_int(q, 0));
	store_done(q);
	if (rc < 0)
		return -1;
	q = store_prepare(p->db, SQL_TEAMS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p->who.person_id);
	while ((rc = store_step(q, err)) == 1) {
		idset_add(p->a, &p->networks, store_col_int(q, 0));
		idset_add(p->a, &p->district, store_col_int(q, 1));
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* One integer looked up by key through sql (?1), cached; 0 when there is no row. */
static int policy_lookup(struct policy *p, const char *sql, int64_t key, int64_t key2,
			 int64_t *out, struct cn_err *err)
{
	for (size_t i = 0; key2 == 0 && i < p->ncache; i++)
		if (p->cache[i].sql == sql && p->cache[i].key == key) {
			*out = p->cache[i].value;
			return 0;
		}
	struct store_stmt *q = store_prepare(p->db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, key);
	if (key2 != 0)
		store_bind_int(q, 2, key2);
	int rc = store_step(q, err);
	*out = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc < 0)
		return -1;
	if (key2 == 0 && p->ncache < POLICY_CACHE)
		p->cache[p->ncache++] = (struct policy_cache){sql, key, *out};
	return 0;
}

int policy_team_district(struct policy *p, int64_t person_id, int64_t network_id,
			 int64_t *district_id, struct cn_err *err)
{
	return policy_lookup(p, SQL_TEAM_DISTRICT, person_id, network_id, district_id, err);
}

/* Scope resolvers, one per kind of record. */

static int scope_global(struct policy *p, const struct rec *r, struct policy_scope *s,
			struct cn_err *err)
{
	(void)p, (void)r, (void)s, (void)err;
	return 0;
}

static int scope_network(struct policy *p, const struct rec *r, struct policy_scope *s,
			 struct cn_err *err)
{
	(void)p, (void)err;
	s->network_id = r->id;
	return 0;
}

/* Records with network_id and perhaps district_id fields (teams, meetings, ...). */
static int scope_fields(struct policy *p, const struct rec *r, struct policy_scope *s,
			struct cn_err *err)
{
	(void)p, (void)err;
	s->network_id = rec_has(r, "network_id") ? rec_int(r, "network_id") : 0;
	s->district_id = rec_has(r, "district_id") ? rec_int(r, "district_id") : 0;
	return 0;
}

static int scope_agenda_item(struct policy *p, const struct rec *r, struct policy_scope *s,
			     struct cn_err *err)
{
	return policy_lookup(p, SQL_MEETING_NETWORK, rec_int(r, "meeting_id"), 0, &s->network_id,
			     err);
}

static int scope_membership(struct policy *p, const struct rec *r, struct policy_scope *s,
			    struct cn_err *err)
{
	s->owner_id = rec_int(r, "person_id");
	return policy_lookup(p, SQL_ORG_DISTRICT, rec_int(r, "org_id"), 0, &s->district_id, err);
}

/* A deliverable belongs to its network and, when a team owns it, to that team's
 * district; one without a team (made at a meeting) is the network's, and its members
 * read it. Others of the network and partners read it while it shows a published
 * version: published, or in review of a revision of a published one. */
static int scope_deliverable(struct policy *p, const struct rec *r, struct policy_scope *s,
			     struct cn_err *err)
{
	const char *status = rec_text(r, "status");
	int64_t published = 0;
	s->network_id = rec_int(r, "network_id");
	s->network_wide = rec_int(r, "team_id") == 0;
	if (status != NULL && strcmp(status, "in_review") == 0 && r->id != 0 &&
	    policy_lookup(p, SQL_DELIVERABLE_PUBLISHED, r->id, 0, &published, err))
		return -1;
	s->published = (status != NULL && strcmp(status, "published") == 0) || published != 0;
	return policy_lookup(p, SQL_TEAM_OF, rec_int(r, "team_id"), 0, &s->district_id, err);
}

/* A learning target is its deliverable's. */
static int scope_learning_target(struct policy *p, const struct rec *r, struct policy_scope *s,
				 struct cn_err *err)
{
	int64_t d = rec_int(r, "deliverable_id"), published = 0;
	if (policy_lookup(p, SQL_DELIVERABLE_NETWORK, d, 0, &s->network_id, err) ||
	    policy_lookup(p, SQL_DELIVERABLE_DISTRICT, d, 0, &s->district_id, err) ||
	    policy_lookup(p, SQL_DELIVERABLE_PUBLISHED, d, 0, &published, err))
		return -1;
	s->published = published != 0;
	s->network_wide = s->district_id == 0;
	return 0;
}

/* A try-out is its person's. */
static int scope_tryout(struct policy *p, const struct rec *r, struct policy_scope *s,
			struct cn_err *err)
{
	(void)p, (void)err;
	s->owner_id = rec_int(r, "person_id");
	return 0;
}

static int scope_reflection(struct policy *p, const struct rec *r, struct policy_scope *s,
			    struct cn_err *err)
{
	s->owner_id = rec_int(r, "person_id");
	s->is_private = 1;
	s->shared = rec_int(r, "shared") != 0;
	if (policy_lookup(p, SQL_MEETING_NETWORK, rec_int(r, "meeting_id"), 0, &s->network_id, err))
		return -1;
	return policy_team_district(p, s->owner_id, s->network_id, &s->district_id, err);
}

/* The network and district that the two lookups give for key. */
static int scope_lookups(struct policy *p, const char *sql_network, const char *sql_district,
			 int64_t key, struct policy_scope *s, struct cn_err *err)
{
	if (policy_lookup(p, sql_network, key, 0, &s->network_id, err))
		return -1;
	return policy_lookup(p, sql_district, key, 0, &s->district_id, err);
}

/* A team's delivery record (PD session, walkthrough): its team's network and district. */
static int scope_team_record(struct policy *p, const struct rec *r, struct policy_scope *s,
			     struct cn_err *err)
{
	return scope_lookups(p, SQL_TEAM_NETWORK, SQL_TEAM_OF, rec_int(r, "team_id"), s, err);
}

/* A PLC schedule: its plan's network and district. */
static int scope_plc_schedule(struct policy *p, const struct rec *r, struct policy_scope *s,
			      struct cn_err *err)
{
	return scope_lookups(p, SQL_PLAN_NETWORK, SQL_PLAN_DISTRICT, rec_int(r, "plan_id"), s, err);
}

/* Needs assessments and plans (issue 5). */

/* An instrument is its network's (none for the shipped default). */
static int scope_instrument(struct policy *p, const struct rec *r, struct policy_scope *s,
			    struct cn_err *err)
{
	(void)p, (void)err;
	s->network_id = rec_int(r, "network_id");
	return 0;
}

static int scope_indicator(struct policy *p, const struct rec *r, struct policy_scope *s,
			   struct cn_err *err)
{
	return policy_lookup(p, SQL_INSTRUMENT_NETWORK, rec_int(r, "instrument_id"), 0,
			     &s->network_id, err);
}

/* A challenge is its assessment's: the assessing team's network and district. */
static int scope_challenge(struct policy *p, const struct rec *r, struct policy_scope *s,
			   struct cn_err *err)
{
	return scope_lookups(p, SQL_ASSESSMENT_NETWORK, SQL_ASSESSMENT_DISTRICT,
			     rec_int(r, "assessment_id"), s, err);
}

/* A plan is its team's (network and district); a template is its network's and counts
 * as published to that network. A plan about to be created may not name its network
 * yet: the team's is taken. */
static int scope_plan_record(struct policy *p, const struct rec *r, struct policy_scope *s,
			     struct cn_err *err)
{
	int64_t team = rec_int(r, "team_id");
	s->network_id = rec_int(r, "network_id");
	s->published = rec_int(r, "is_template") != 0;
	if (s->network_id == 0 &&
	    policy_lookup(p, SQL_TEAM_NETWORK, team, 0, &s->network_id, err))
		return -1;
	return policy_lookup(p, SQL_TEAM_OF, team, 0, &s->district_id, err);
}

/* A plan's scope from its id. */
static int scope_plan_id(struct policy *p, int64_t plan_id, struct policy_scope *s,
			 struct cn_err *err)
{
	int64_t tmpl = 0;
	if (scope_lookups(p, SQL_PLAN_NETWORK, SQL_PLAN_DISTRICT, plan_id, s, err) ||
	    policy_lookup(p, SQL_PLAN_TEMPLATE, plan_id, 0, &tmpl, err))
		return -1;
	s->published = tmpl != 0;
	return 0;
}

/* Goals and actions are their plan's. */
static int scope_plan_part(struct policy *p, const struct rec *r, struct policy_scope *s,
			   struct cn_err *err)
{
	return scope_plan_id(p, rec_int(r, "plan_id"), s, err);
}

/* A progress check is its goal's plan's. */
static int scope_progress_check(struct policy *p, const struct rec *r, struct policy_scope *s,
				struct cn_err *err)
{
	int64_t plan = 0;
	if (policy_lookup(p, SQL_GOAL_PLAN, rec_int(r, "goal_id"), 0, &plan, err))
		return -1;
	return scope_plan_id(p, plan, s, err);
}

/* A district keeps its own plan: the network's facilitators read it, review it and
 * check its progress, and keep their network's templates, but do not change a
 * district's plan, its goals or its actions. */
static int guard_district_plan(struct policy *p, enum policy_verb verb, const struct rec *r,
			       unsigned held, struct cn_err *err)
{
	if (verb == POLICY_READ || r == NULL || (held & (R_ADMIN | R_LEAD | R_DISTRICT)))
		return 0;
	struct policy_scope s;
	if (policy_scope_of(p, r->entity->name, r, &s, err))
		return -1;
	if (s.district_id == 0)
		return 0;
	return cn_err_set(err, CN_ERR_FORBIDDEN,
			  "a district keeps its own plan; the network's facilitators review it "
			  "(POST /api/v1/plans/{id}/reviews) and check its progress "
			  "(progress checks) but do not change it");
}

/* A person's organizations as the actor sees them. */
struct policy_person {
	int admin;       /* has held an admin membership, active or ended */
	int facilitates; /* facilitates some network */
	size_t rows;     /* memberships, active or ended */
	size_t active;   /* of them, active */
	size_t outside;  /* of them, active or ended, outside the districts the actor leads */
	size_t shared;   /* active ones in a district the actor belongs to */
};

static int policy_person_read(struct policy *p, int64_t person, struct policy_person *out,
			      struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	int64_t facilitates = 0;
	if (policy_lookup(p, SQL_PERSON_FACILITATES, person, 0, &facilitates, err))
		return -1;
	out->facilitates = facilitates != 0;
	struct store_stmt *q = store_prepare(p->db, SQL_PERSON_ORGS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, person);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		int64_t d = store_col_int(q, 1);
		int active = store_col_int(q, 2) != 0;
		out->admin |= strcmp(store_col_text(q, 0), "admin") == 0;
		out->rows++;
		out->active += active;
		out->outside += !idset_has(&p->lead, d);
		out->shared += active && idset_has(&p->district, d);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* Whether a district lead may bring person into her districts (a membership given or
 * made active again): 1 if so, 0 if not, -1 on error. See the promises at the top. */
static int policy_lead_may_take(struct policy *p, int64_t person, struct cn_err *err)
{
	struct policy_person pp;
	if (policy_person_read(p, person, &pp, err))
		return -1;
	if (pp.admin || pp.facilitates || pp.outside > 0)
		return 0;
	if (pp.rows > 0)
		return 1;
	int64_t creator = 0;
	if (policy_lookup(p, SQL_PERSON_CREATOR, person, 0, &creator, err))
		return -1;
	return creator != 0 && creator == p->who.person_id;
}

/* Roles the actor holds toward person_id: self; a member of a district they belong to
 * (reads them); their lead (changes them) only when every organization they belong to
 * is a district the actor leads, and they are neither an admin nor a facilitator; the
 * facilitator of a network they take part in; or one of the network's teams when they
 * facilitate it (its teams read their facilitators, whom they name as a PD session's
 * facilitator or an action's owner). */
static int relate_person_id(struct policy *p, int64_t person_id, unsigned *held,
			    struct cn_err *err)
{
	if (person_id == p->who.person_id)
		*held |= R_SELF;
	struct policy_person pp;
	if (policy_person_read(p, person_id, &pp, err))
		return -1;
	*held |= pp.shared ? R_DISTRICT : 0;
	if (pp.active > 0 && pp.outside == 0 && !pp.admin && !pp.facilitates)
		*held |= R_LEAD;
	struct store_stmt *q = store_prepare(p->db, SQL_PERSON_NETWORKS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, person_id);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		int64_t n = store_col_int(q, 0);
		*held |= idset_has(&p->facilitates, n) ? R_FACILITATOR : 0;
		*held |= store_col_int(q, 1) && idset_has(&p->networks, n) ? R_NETWORK : 0;
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

static int relate_person(struct policy *p, const struct rec *r, unsigned *held, struct cn_err *err)
{
	if (r == NULL || r->id == 0) { /* a new person: who may add people at all */
		*held |= p->lead.n ? R_LEAD : 0;
		return 0;
	}
	return relate_person_id(p, r->id, held, err);
}

/* A try-out is related as its person is: it is read by them, their district (its lead
 * and members), the facilitators of the networks they take part in and the admins. */
/* A deliverable's contributors (its owners added them, or they saved a version) hold
 * the contributor role on it while they take part in its network (R_NETWORK): they
 * read its drafts, save versions and review them; they do not change its fields,
 * status or contributors, which stay its owners'. */
static int relate_deliverable(struct policy *p, const struct rec *r, unsigned *held,
			      struct cn_err *err)
{
	if (r == NULL || r->id == 0 || p->who.person_id == 0 || (*held & R_NETWORK) == 0)
		return 0;
	int64_t n = 0;
	if (policy_lookup(p, SQL_DELIVERABLE_CONTRIBUTES, r->id, p->who.person_id, &n, err))
		return -1;
	if (n > 0)
		*held |= R_CONTRIBUTOR;
	return 0;
}

static int relate_tryout(struct policy *p, const struct rec *r, unsigned *held, struct cn_err *err)
{
	return r == NULL ? 0 : relate_person_id(p, rec_int(r, "person_id"), held, err);
}

/* A district lead (who is not an admin) may give and change only the member role, and
 * gives a membership, or makes an ended one active again, only to someone she may take
 * (policy_lead_may_take). The refusal is the same whoever the person is, and whether
 * they exist at all, so that it tells nothing about people she may not read. */
static int guard_membership(struct policy *p, enum policy_verb verb, const struct rec *r,
			    unsigned held, struct cn_err *err)
{
	if (verb == POLICY_READ || verb == POLICY_DELETE || (held & R_ADMIN) || r == NULL)
		return 0;
	const char *role = rec_text(r, "role");
	if (role != NULL && strcmp(role, "member") != 0)
		return cn_err_field(err, CN_ERR_FORBIDDEN, "role",
				    "a district lead may give only the member role; ask an admin "
				    "for the %s role",
				    role);
	int64_t person = rec_int(r, "person_id");
	if (person == 0)
		return 0; /* refused as missing (REC_REQUIRED) */
	if (verb == POLICY_UPDATE) {
		int64_t was_active = 1;
		if (!rec_int(r, "active"))
			return 0;
		if (policy_lookup(p, SQL_MEMBERSHIP_ACTIVE, r->id, 0, &was_active, err))
			return -1;
		if (was_active)
			return 0;
	}
	int may = policy_lead_may_take(p, person, err);
	if (may < 0)
		return -1;
	if (may)
		return 0;
	return cn_err_field(err, CN_ERR_FORBIDDEN, "person_id",
			    "person %lld: you may add only people of your district who belong to "
			    "no other organization; ask an admin",
			    (long long)person);
}

#define A R_ADMIN
#define F R_FACILITATOR
#define L R_LEAD
#define D R_DISTRICT
#define N R_NETWORK
#define P R_PARTNER
#define S R_SELF
#define Y R_ANYONE
#define C R_CONTRIBUTOR

struct policy_rule {
	const char *entity;
	unsigned allow[POLICY_VERB_COUNT]; /* read, create, update, delete */
	int (*scope)(struct policy *p, const struct rec *r, struct policy_scope *s,
		     struct cn_err *err);
	int (*relate)(struct policy *p, const struct rec *r, unsigned *held, struct cn_err *err);
	int (*guard)(struct policy *p, enum policy_verb verb, const struct rec *r, unsigned held,
		     struct cn_err *err);
	unsigned published_read; /* who else may read a published record */
	unsigned network_read;   /* who else may read a record of its network as a whole
				  * (scope network_wide) */
};

static const struct policy_rule policy_rules[] = {
	{"organization", {Y, A, A, A}, scope_global, NULL, NULL, 0, 0},
	{"relationship", {Y, A, A, A}, scope_global, NULL, NULL, 0, 0},
	{"academic_session", {Y, A, A, A}, scope_global, NULL, NULL, 0, 0},
	{"person", {A | S | L | D | F | N, A | L, A | S | L, A}, scope_global, relate_person, NULL, 0, 0},
	{"membership", {A | S | L | D, A | L, A | L, A | L}, scope_membership, NULL,
	 guard_membership, 0, 0},
	{"network", {A | F | N | P, A, A | F, A}, scope_network, NULL, NULL, 0, 0},
	{"network_facilitator", {A | F | N | P, A, A, A}, scope_fields, NULL, NULL, 0, 0},
	{"team", {A | F | L | D, A | F, A | F | L, A | F}, scope_fields, NULL, NULL, 0, 0},
	{"team_member", {A | F | L | D, A | F | L, A | F | L, A | F | L}, scope_fields, NULL, NULL, 0, 0},
	{"meeting", {A | F | N | P, A | F, A | F, A | F}, scope_fields, NULL, NULL, 0, 0},
	{"agenda_item", {A | F | N | P, A | F, A | F, A | F}, scope_agenda_item, NULL, NULL, 0, 0},
	{"attendance", {A | F | L | D | S, A | F | L | S, A | F | L | S, A | F | L}, scope_fields,
	 NULL, NULL, 0, 0},
	{"audit_event", {A, 0, 0, 0}, scope_global, NULL, NULL, 0, 0},
	{"sso_provider", {A, A, A, A}, scope_global, NULL, NULL, 0, 0},
	/* A team's deliverables are its district's until published (DESIGN §5); its
	 * contributors from other districts of the network read it too, and a network's
	 * own (no team) is read by its members. Its fields, status and contributors are
	 * its owners'. Its versions: "deliverable_version" is asked to read unpublished
	 * versions and to save one; others see only the published ones. */
	{"deliverable", {A | F | L | D | C, A | F | L | D, A | F | L | D, A | F}, scope_deliverable,
	 relate_deliverable, NULL, N | P, N},
	{"deliverable_version", {A | F | L | D | C, A | F | L | D | C, 0, 0}, scope_deliverable,
	 relate_deliverable, NULL, 0, N},
	{"deliverable_contributor", {A | F | L | D | C, A | F | L | D, 0, A | F | L | D},
	 scope_deliverable, relate_deliverable, NULL, N | P, N},
	{"learning_target", {A | F | L | D, A | F | L | D, A | F | L | D, A | F | L | D},
	 scope_learning_target, NULL, NULL, N | P, N},
	/* Reviews are written by the network's facilitators and the deliverable's
	 * contributors (their review comments); publishing and returning a deliverable in
	 * review is the facilitators' (update of "deliverable_publish"). */
	{"deliverable_review", {A | F | L | D | C, A | F | C, A | F, A | F}, scope_deliverable,
	 relate_deliverable, NULL, N | P, N},
	{"deliverable_publish", {A | F | L | D, 0, A | F, 0}, scope_deliverable, NULL, NULL, N | P, 0},
	/* Standards frameworks are public knowledge: anyone signed in reads them. Admins
	 * and the networks' facilitators import them (DESIGN §5: facilitators run their
	 * networks' content); a framework is statewide, so facilitating any network will do. */
	{"standard", {Y, A | F, A | F, A}, scope_global, NULL, NULL, 0, 0},
	/* The library is read by anyone signed in; a network's facilitators keep its own
	 * items, admins the statewide ones. Each person records and keeps their own
	 * try-outs; a try-out (its note, its person) is read by its person, their district,
	 * the facilitators of their networks and the admins (relate_tryout), never by
	 * partners or other districts, who see only a library item's try-out counts. */
	{"library_item", {Y, A | F, A | F, A | F}, scope_fields, NULL, NULL, 0, 0},
	{"tryout", {A | S | L | D | F, A | S, A | S, A | S}, scope_tryout, relate_tryout, NULL, 0, 0},
	/* A notice is its person's (scope owner_id). */
	{"notice", {A | S, 0, S, 0}, scope_global, NULL, NULL, 0, 0},
	/* Reflections are private to their author unless shared; a shared reflection is
	 * read by the author's district team, the meeting's network's facilitators and the
	 * admins, as the reflection form promises. */
	{"reflection", {A | S | F | L | D, S, S, S}, scope_reflection, NULL, NULL, 0, 0},
	/* A district's delivery records: the district reads them, its lead keeps them. */
	{"plc_schedule", {A | F | L | D, A | L, A | L, A | L}, scope_plc_schedule, NULL, NULL, 0, 0},
	{"pd_session", {A | F | L | D, A | L, A | L, A | L}, scope_team_record, NULL, NULL, 0, 0},
	{"walkthrough", {A | F | L | D, A | L, A | L, A | L}, scope_team_record, NULL, NULL, 0, 0},
	/* Needs assessments and plans (issue 5). Instruments and their indicators hold no
	 * district's data: anyone signed in reads them; a network's facilitators keep their
	 * network's copies (the shipped default has no network: admins only, and the app
	 * refuses to change it). */
	{"instrument", {Y, A | F, A | F, A | F}, scope_instrument, NULL, NULL, 0, 0},
	{"indicator", {Y, A | F, A | F, A | F}, scope_indicator, NULL, NULL, 0, 0},
	/* A team's assessment is its district's: the district's lead and members rate it
	 * and record challenges (the whole team assesses together); the network's
	 * facilitators read it; other districts and partners never see it. */
	{"assessment", {A | F | L | D, A | L | D, A | L | D, A | L | D}, scope_team_record, NULL,
	 NULL, 0, 0},
	{"challenge", {A | F | L | D, A | L | D, A | L | D, A | L | D}, scope_challenge, NULL, NULL,
	 0, 0},
	/* A district's plan, its goals and actions: the district's lead and members write
	 * them; the network's facilitators read them and keep the network's templates, which
	 * the network's teams and partners read (guard_district_plan). Once approved, a
	 * plan's content is read-only to every role until its lead reopens it: a rule on
	 * the plan's state, kept by the app (plan_content_open) for every way in. */
	{"plan", {A | F | L | D, A | F | L | D, A | F | L | D, A | F | L | D}, scope_plan_record, NULL,
	 guard_district_plan, N | P, 0},
	{"plan_goal", {A | F | L | D, A | F | L | D, A | F | L | D, A | F | L | D}, scope_plan_part,
	 NULL, guard_district_plan, N | P, 0},
	{"plan_action", {A | F | L | D, A | F | L | D, A | F | L | D, A | F | L | D},
	 scope_plan_part, NULL, guard_district_plan, N | P, 0},
	/* Progress checks: the district and the network's facilitators both record them
	 * (a facilitator's check is their comment on progress). */
	{"progress_check", {A | F | L | D, A | F | L | D, A | F | L | D, A | F | L | D},
	 scope_progress_check, NULL, NULL, 0, 0},
	/* A plan's review comments are its network's facilitators'; the district reads
	 * them. Moving a plan along its workflow is an update of "plan_status": its
	 * district's lead and its network's facilitators may move it, its members only
	 * read where it stands. Which move each may make is plan_status_set's to check:
	 * the district's own moves (submit, reopen an approved plan, archive) are an update
	 * of "plan_workflow", its lead's and admins' alone, so that no member changes an
	 * approved plan or takes it off the table; approving takes a facilitator. All are
	 * asked with the plan's record. */
	{"plan_review", {A | F | L | D, A | F, 0, 0}, scope_plan_record, NULL, NULL, 0, 0},
	{"plan_status", {A | F | L | D, 0, A | F | L, 0}, scope_plan_record, NULL, NULL, 0, 0},
	{"plan_workflow", {A | F | L | D, 0, A | L, 0}, scope_plan_record, NULL, NULL, 0, 0},
	/* A team's capacity-building profile shows its district's records: the district,
	 * the network's facilitators and admins read it (asked with the team's record). */
	{"profile", {A | F | L | D, 0, 0, 0}, scope_fields, NULL, NULL, 0, 0},
	/* A calendar subscription token is its creator's (asked with owner_id). */
	{"calendar_token", {A | S, A | S, 0, A | S}, scope_global, NULL, NULL, 0, 0},
};

#undef A
#undef F
#undef L
#undef D
#undef N
#undef P
#undef S
#undef Y
#undef C

static const struct policy_rule *policy_rule(const char *entity)
{
	for (size_t i = 0; i < sizeof(policy_rules) / sizeof(policy_rules[0]); i++)
		if (strcmp(policy_rules[i].entity, entity) == 0)
			return &policy_rules[i];
	return NULL;
}

int policy_knows(const char *entity)
{
	return policy_rule(entity) != NULL;
}

const char *policy_verb_name(enum policy_verb verb)
{
	static const char *const names[POLICY_VERB_COUNT] = {"read", "create", "update", "delete"};
	return (unsigned)verb < POLICY_VERB_COUNT ? names[verb] : "do";
}

int policy_is_admin(struct policy *p, struct cn_err *err)
{
	if (policy_load_roles(p, err))
		return -1;
	return p->admin;
}

int policy_scope_of(struct policy *p, const char *entity, const struct rec *r,
		    struct policy_scope *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	const struct policy_rule *rule = policy_rule(entity);
	if (rule == NULL)
		return cn_err_set(err, CN_ERR_INTERNAL, "no policy rule for %s", entity);
	return r == NULL ? 0 : rule->scope(p, r, out, err);
}

/* The roles the actor holds toward scope s. */
static unsigned policy_held(const struct policy *p, const struct policy_scope *s)
{
	unsigned held = R_ANYONE;
	if (p->admin)
		held |= R_ADMIN;
	if (p->partner)
		held |= R_PARTNER;
	if (idset_has(&p->facilitates, s->network_id))
		held |= R_FACILITATOR;
	if (idset_has(&p->networks, s->network_id))
		held |= R_NETWORK;
	if (idset_has(&p->lead, s->district_id))
		held |= R_LEAD;
	if (idset_has(&p->district, s->district_id))
		held |= R_DISTRICT;
	if (s->owner_id != 0 && s->owner_id == p->who.person_id &&
	    (s->network_id == 0 || (held & (R_NETWORK | R_FACILITATOR))))
		held |= R_SELF;
	return held;
}

static int policy_deny(const struct policy *p, enum policy_verb verb, const char *entity,
		       unsigned allow, struct cn_err *err)
{
	if (!policy_signed_in(p))
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "sign in first (POST /api/v1/session) or send a bearer token");
	char who[400] = "";
	size_t n = 0;
	for (int i = 0; i < R_COUNT && n < sizeof(who); i++)
		if (allow & (1u << i))
			n += (size_t)snprintf(who + n, sizeof(who) - n, "%s%s", n ? ", " : "",
					      policy_role_names[i]);
	if (allow == 0)
		return cn_err_set(err, CN_ERR_FORBIDDEN, "nobody may %s a %s",
				  policy_verb_name(verb), entity);
	return cn_err_set(err, CN_ERR_FORBIDDEN, "you may not %s this %s; only %s may",
			  policy_verb_name(verb), entity, who);
}

/* Decides with the rule, the scope and (for custom relations) the record. */
static int policy_decide(struct policy *p, enum policy_verb verb, const struct policy_rule *rule,
			 const struct policy_scope *s, const struct rec *r, struct cn_err *err)
{
	unsigned allow = rule->allow[verb];
	if (verb == POLICY_READ && s->published)
		allow |= rule->published_read;
	if (verb == POLICY_READ && s->network_wide && s->network_id != 0)
		allow |= rule->network_read;
	if (!policy_signed_in(p))
		return policy_deny(p, verb, rule->entity, allow, err);
	if (policy_load_roles(p, err))
		return -1;
	unsigned held = (p->admin ? R_ADMIN : 0) | R_ANYONE | (p->partner ? R_PARTNER : 0);
	if ((held & allow & (R_ADMIN | R_ANYONE)) == 0 || rule->guard != NULL ||
	    (s->is_private && !s->shared)) {
		if (policy_load_links(p, err))
			return -1;
		held = policy_held(p, s);
		if (rule->relate != NULL && rule->relate(p, r, &held, err))
			return -1;
	}
	if (s->is_private && !s->shared)
		held &= R_SELF; /* private: its author alone */
	if ((held & allow) == 0)
		return policy_deny(p, verb, rule->entity, allow, err);
	if (rule->guard != NULL && rule->guard(p, verb, r, held, err))
		return -1;
	return 0;
}

int policy_check(struct policy *p, enum policy_verb verb, const char *entity, const struct rec *r,
		 struct cn_err *err)
{
	const struct policy_rule *rule = policy_rule(entity);
	if (rule == NULL)
		return cn_err_set(err, CN_ERR_INTERNAL, "no policy rule for %s", entity);
	struct policy_scope s;
	memset(&s, 0, sizeof(s));
	if (r != NULL && rule->scope(p, r, &s, err))
		return -1;
	return policy_decide(p, verb, rule, &s, r, err);
}

int policy_check_scope(struct policy *p, enum policy_verb verb, const char *entity,
		       const struct policy_scope *s, struct cn_err *err)
{
	const struct policy_rule *rule = policy_rule(entity);
	if (rule == NULL)
		return cn_err_set(err, CN_ERR_INTERNAL, "no policy rule for %s", entity);
	return policy_decide(p, verb, rule, s, NULL, err);
}

int policy_check_any(struct policy *p, enum policy_verb verb, const char *entity,
		     struct cn_err *err)
{
	const struct policy_rule *rule = policy_rule(entity);
	if (rule == NULL)
		return cn_err_set(err, CN_ERR_INTERNAL, "no policy rule for %s", entity);
	unsigned allow = rule->allow[verb] | (verb == POLICY_READ ? rule->published_read : 0);
	if (!policy_signed_in(p))
		return policy_deny(p, verb, entity, allow, err);
	if (policy_load_roles(p, err))
		return -1;
	unsigned held = R_ANYONE | R_SELF | (p->admin ? R_ADMIN : 0) | (p->partner ? R_PARTNER : 0);
	if ((held & allow) == 0) {
		if (policy_load_links(p, err))
			return -1;
		held |= p->facilitates.n ? R_FACILITATOR : 0;
		held |= p->lead.n ? R_LEAD : 0;
		held |= p->district.n ? R_DISTRICT : 0;
		held |= p->networks.n ? R_NETWORK : 0;
	}
	if ((held & allow) == 0)
		return policy_deny(p, verb, entity, allow, err);
	return 0;
}

/* 1 when rc (a check's answer) allowed, 0 when it refused (err cleared), -1 else. */
static int policy_answer(int rc, struct cn_err *err)
{
	if (rc == 0)
		return 1;
	if (err->kind != CN_ERR_FORBIDDEN && err->kind != CN_ERR_UNAUTHENTICATED)
		return -1;
	cn_err_clear(err);
	return 0;
}

int policy_may(struct policy *p, enum policy_verb verb, const char *entity, const struct rec *r,
	       struct cn_err *err)
{
	int may = policy_answer(policy_check(p, POLICY_READ, entity, r, err), err);
	if (may != 1 || verb == POLICY_READ)
		return may;
	return policy_answer(policy_check(p, verb, entity, r, err), err);
}

int policy_may_scope(struct policy *p, enum policy_verb verb, const char *entity,
		     const struct policy_scope *s, struct cn_err *err)
{
	return policy_answer(policy_check_scope(p, verb, entity, s, err), err);
}

int policy_may_read(struct policy *p, const struct rec_entity *e, int64_t id, struct cn_err *err)
{
	struct rec *r = NULL;
	struct cn_err why = {0};
	if (rec_get(p->db, p->a, e, id, &r, &why) == 0 &&
	    (p->who.is_system || policy_check(p, POLICY_READ, e->name, r, &why) == 0))
		return 1;
	if (why.kind == CN_ERR_NOT_FOUND || why.kind == CN_ERR_FORBIDDEN ||
	    why.kind == CN_ERR_UNAUTHENTICATED)
		return 0;
	*err = why;
	return -1;
}

int policy_check_ref(struct policy *p, const struct rec_entity *e, int64_t id, const char *field,
		     struct cn_err *err)
{
	int may = policy_may_read(p, e, id, err);
	if (may < 0)
		return -1;
	if (may == 0)
		return cn_err_field(err, CN_ERR_INPUT, field,
				    "there is no %s with id %lld that you may see", e->title,
				    (long long)id);
	return 0;
}
