/* deliverable_fixture: a network with two district teams, people, and a framework of
 * standards inserted directly (the CASE importer is not needed to test deliverables).
 * Header-only, for the deliverable and target tests. */
#ifndef CN_DELIVERABLE_FIXTURE_H
#define CN_DELIVERABLE_FIXTURE_H
#include "testlib.h"

#include "app/deliverable/deliverable.h"
#include "app/network/network.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "app/network/team.h"
#include "app/org/membership.h"

struct fixture {
	struct testdb *t;
	struct arena *a;
	int64_t network, team_a, team_b, district_a, district_b;
	int64_t ana, dee, eli, ray; /* facilitator, lead A, member A, lead B */
	int64_t std1, std2;         /* cf_item ids */
};

static inline int64_t fx_rec(struct fixture *f, const struct rec_entity *e, const char *const *kv)
{
	struct cn_err err = {0};
	struct rec *r = rec_new(f->a, e);
	for (size_t i = 0; kv[i] != NULL; i += 2)
		if (rec_set_text(r, f->a, kv[i], kv[i + 1], &err))
			fail_msg("%s.%s: %s", e->name, kv[i], err.msg);
	if (rec_create(f->t->db, &f->t->who, f->a, r, &err))
		fail_msg("create %s: %s: %s", e->name, err.field, err.msg);
	return r->id;
}

static inline void fx_sql(struct fixture *f, const char *sql)
{
	struct cn_err err = {0};
	if (store_exec(f->t->db, sql, &err))
		fail_msg("%s: %s", sql, err.msg);
}

/* A membership of person in org (a team's members belong to its district). */
static inline void fx_member(struct fixture *f, int64_t person, int64_t org, const char *role)
{
	char p[32], o[32];
	snprintf(p, sizeof(p), "%lld", (long long)person);
	snprintf(o, sizeof(o), "%lld", (long long)org);
	fx_rec(f, &membership_entity, (const char *const[]){"person_id", p, "org_id", o, "role", role, NULL});
}

static inline struct fixture *fx_open(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->t = testdb_open();
	f->a = arena_new();
	struct cn_err err = {0};
	int64_t st = fx_rec(f, &org_entity, (const char *const[]){"kind", "state", "name", "KDE", NULL});
	char id[32];
	snprintf(id, sizeof(id), "%lld", (long long)st);
	int64_t coop = fx_rec(f, &org_entity, (const char *const[]){"kind", "cooperative", "name", "GRREC", "parent_id", id, NULL});
	snprintf(id, sizeof(id), "%lld", (long long)coop);
	f->district_a = fx_rec(f, &org_entity, (const char *const[]){"kind", "district", "name", "Daviess County", "parent_id", id, NULL});
	f->district_b = fx_rec(f, &org_entity, (const char *const[]){"kind", "district", "name", "Owensboro", "parent_id", id, NULL});
	f->network = fx_rec(f, &network_entity, (const char *const[]){"name", "Math Network", "content_area", "mathematics", "school_year", "2026-27", NULL});
	char net[32], da[32], db[32];
	snprintf(net, sizeof(net), "%lld", (long long)f->network);
	snprintf(da, sizeof(da), "%lld", (long long)f->district_a);
	snprintf(db, sizeof(db), "%lld", (long long)f->district_b);
	f->team_a = fx_rec(f, &team_entity, (const char *const[]){"network_id", net, "district_id", da, NULL});
	f->team_b = fx_rec(f, &team_entity, (const char *const[]){"network_id", net, "district_id", db, NULL});
	f->ana = fx_rec(f, &person_entity, (const char *const[]){"given_name", "Ana", "family_name", "Reyes", "email", "ana@grrec.org", NULL});
	f->dee = fx_rec(f, &person_entity, (const char *const[]){"given_name", "Dee", "family_name", "Lead", "email", "dee@daviess.org", NULL});
	f->eli = fx_rec(f, &person_entity, (const char *const[]){"given_name", "Eli", "family_name", "Member", "email", "eli@daviess.org", NULL});
	f->ray = fx_rec(f, &person_entity, (const char *const[]){"given_name", "Ray", "family_name", "Lead", "email", "ray@owensboro.org", NULL});
	fx_member(f, f->dee, f->district_a, "district_lead");
	fx_member(f, f->eli, f->district_a, "member");
	fx_member(f, f->ray, f->district_b, "district_lead");
	assert_int_equal(network_facilitator_add(f->t->db, &f->t->who, f->network, f->ana, &err), 0);
	assert_int_equal(team_member_set(f->t->db, &f->t->who, f->team_a, f->dee, "lead", &err), 0);
	assert_int_equal(team_member_set(f->t->db, &f->t->who, f->team_a, f->eli, "member", &err), 0);
	assert_int_equal(team_member_set(f->t->db, &f->t->who, f->team_b, f->ray, "lead", &err), 0);
	fx_sql(f, "INSERT INTO framework (id, identifier, uri, title, created_at, updated_at) VALUES"
		  " (1, 'a7c1e2d0-0000-4000-8000-000000000001', 'https://case.example/uri/a7c1e2d0-0000-4000-8000-000000000001',"
		  " 'Kentucky Academic Standards for Mathematics', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
		  "INSERT INTO cf_item (id, framework_id, identifier, uri, human_coding_scheme, full_statement,"
		  " created_at, updated_at) VALUES"
		  " (1, 1, 'b8d2f3e1-0000-4000-8000-000000000001', 'https://case.example/uri/b8d2f3e1-0000-4000-8000-000000000001',"
		  " 'KY.5.NF.1', 'Add and subtract fractions with unlike denominators.', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
		  " (2, 1, 'http://asn.example/S2', NULL, NULL, 'Solve word problems involving fractions.',"
		  " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');");
	f->std1 = 1;
	f->std2 = 2;
	return f;
}

static inline void fx_close(struct fixture *f)
{
	arena_free(f->a);
	testdb_close(f->t);
	free(f);
}

/* A new deliverable of team (0 = none) and kind, with version 1 = body when not NULL. */
static inline int64_t fx_deliverable(struct fixture *f, int64_t team, const char *kind,
				     const char *title, int64_t author, const char *body)
{
	struct cn_err err = {0};
	struct rec *r = rec_new(f->a, &deliverable_entity);
	assert_int_equal(rec_set_int(r, "network_id", f->network, &err), 0);
	if (team)
		assert_int_equal(rec_set_int(r, "team_id", team, &err), 0);
	assert_int_equal(rec_set_text(r, f->a, "kind", kind, &err), 0);
	assert_int_equal(rec_set_text(r, f->a, "title", title, &err), 0);
	if (deliverable_create(f->t->db, &f->t->who, f->a, r, author, body, "first draft", &err))
		fail_msg("deliverable_create: %s: %s", err.field, err.msg);
	return r->id;
}

static inline int64_t fx_save(struct fixture *f, int64_t id, int64_t author, const char *body)
{
	struct cn_err err = {0};
	struct deliverable_save in = {author, body, "edit", 0};
	struct deliverable_version v;
	if (deliverable_save(f->t->db, &f->t->who, f->a, id, &in, &v, &err))
		fail_msg("deliverable_save: %s: %s", err.field, err.msg);
	return v.id;
}

static inline void fx_status(struct fixture *f, int64_t id, const char *action)
{
	struct cn_err err = {0};
	if (deliverable_transition(f->t->db, &f->t->who, f->a, id, action, 0, NULL, &err))
		fail_msg("%s: %s", action, err.msg);
}

#endif
