/* deliverable_contributor: adding and removing a deliverable's contributors (table
 * deliverable_contributor), and who may be added. */
#include "app/deliverable/deliverable_contributor.h"

#include <string.h>

#include "app/access/policy.h"
#include "app/audit.h"

static const char SQL_CONTRIBUTOR_ADD[] =
	"INSERT INTO deliverable_contributor (deliverable_id, person_id, district_id)"
	" VALUES (?1, ?2, ?3) ON CONFLICT (deliverable_id, person_id) DO NOTHING";
static const char SQL_CONTRIBUTOR_REMOVE[] =
	"DELETE FROM deliverable_contributor WHERE deliverable_id = ?1 AND person_id = ?2";
/* People on a team of network ?1 who belong to its district (or one of its schools),
 * not yet contributors to deliverable ?2. */
static const char SQL_CONTRIBUTOR_CANDIDATES[] =
	"SELECT DISTINCT p.id, p.given_name || ' ' || p.family_name, p.email, t.district_id,"
	" o.name, p.family_name, p.given_name FROM team t"
	" JOIN team_member tm ON tm.team_id = t.id JOIN person p ON p.id = tm.person_id"
	" JOIN organization o ON o.id = t.district_id"
	" JOIN membership m ON m.person_id = p.id AND m.active = 1"
	" JOIN organization mo ON mo.id = m.org_id"
	" WHERE t.network_id = ?1"
	" AND t.district_id = CASE WHEN mo.kind = 'school' THEN mo.parent_id ELSE mo.id END"
	" AND NOT EXISTS (SELECT 1 FROM deliverable_contributor c WHERE c.deliverable_id = ?2"
	" AND c.person_id = p.id)"
	" ORDER BY o.name, p.family_name, p.given_name, p.id";

static int contributor_run(struct store *db, const char *sql, int64_t id, int64_t person,
			   int64_t district, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	store_bind_int(q, 2, person);
	if (district != 0)
		store_bind_int(q, 3, district);
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* Adds (add) or removes person on deliverable id, in one transaction. */
static int contributor_change(struct store *db, const struct actor *who, int64_t id,
			      int64_t person, int add, struct cn_err *err)
{
	struct arena *a = arena_new();
	struct rec *d = NULL;
	int64_t district = 0;
	if (store_begin(db, err)) {
		arena_free(a);
		return -1;
	}
	if (rec_get(db, a, &deliverable_entity, id, &d, err))
		goto fail;
	if (add) {
		struct actor system = actor_system("contributor");
		if (policy_team_district(policy_new(a, db, &system), person,
					 rec_int(d, "network_id"), &district, err))
			goto fail;
		if (district == 0) {
			cn_err_field(err, CN_ERR_INPUT, "person_id",
				     "there is no person with id %lld on a team of this "
				     "deliverable's network; only the network's people can contribute",
				     (long long)person);
			goto fail;
		}
	}
	if (contributor_run(db, add ? SQL_CONTRIBUTOR_ADD : SQL_CONTRIBUTOR_REMOVE, id, person,
			    district, err))
		goto fail;
	if (store_changes(db) == 0) {
		if (add) {
			arena_free(a);
			return store_commit(db, err); /* already one */
		}
		cn_err_set(err, CN_ERR_NOT_FOUND,
			   "person %lld is not a contributor to deliverable %lld", (long long)person,
			   (long long)id);
		goto fail;
	}
	char *what = arena_printf(a, "{\"change\":\"%s\",\"person_id\":%lld}",
				  add ? "add_contributor" : "remove_contributor", (long long)person);
	if (audit_record(db, who, "update", "deliverable", id, NULL, what, err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
	arena_free(a);
	return -1;
}

int deliverable_contributor_add(struct store *db, const struct actor *who, int64_t id,
				int64_t person_id, struct cn_err *err)
{
	return contributor_change(db, who, id, person_id, 1, err);
}

int deliverable_contributor_remove(struct store *db, const struct actor *who, int64_t id,
				   int64_t person_id, struct cn_err *err)
{
	return contributor_change(db, who, id, person_id, 0, err);
}

int deliverable_contributor_candidates(struct store *db, struct arena *a, int64_t id,
				       struct deliverable_contributors *out, struct cn_err *err)
{
	struct rec *d = NULL;
	if (rec_get(db, a, &deliverable_entity, id, &d, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_CONTRIBUTOR_CANDIDATES, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, rec_int(d, "network_id"));
	store_bind_int(q, 2, id);
	size_t cap = 8;
	out->items = arena_alloc(a, sizeof(*out->items) * cap);
	out->count = 0;
	out->districts = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		out->items = arena_grow(a, out->items, sizeof(*out->items), out->count, &cap);
		struct deliverable_contributor *c = &out->items[out->count++];
		c->person_id = store_col_int(q, 0);
		c->name = store_col_dup(q, 1, a);
		c->email = store_col_dup(q, 2, a);
		c->district_id = store_col_int(q, 3);
		c->district_name = store_col_dup(q, 4, a);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}
