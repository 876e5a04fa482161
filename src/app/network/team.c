/* team: one district's team in one network (DESIGN §2), and its members, each lead or
 * member. A seat on a team grants no access by itself (app/access/policy.c). */
#include "app/network/team.h"

#include <string.h>

#include "app/org/org.h"
#include "app/org/person.h"

const char *const team_roles[] = {"lead", "member", NULL};

static const struct rec_field team_fields[] = {
	{.name = "network_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &network_entity, .help = "the network"},
	{.name = "district_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &org_entity, .help = "the district the team comes from"},
	{.name = "name", .type = REC_TEXT, .max = 200,
	 .help = "defaults to the district's name"},
};

static const struct rec_filter team_filters[] = {
	{.name = "network_id", .type = REC_REF, .help = "teams of this network"},
	{.name = "district_id", .type = REC_REF, .help = "teams of this district"},
};

static const char SQL_TEAM_EXISTS[] =
	"SELECT id FROM team WHERE network_id = ?1 AND district_id = ?2";

static int team_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
		      struct cn_err *err)
{
	int64_t district = rec_int(r, "district_id");
	struct rec *org = NULL;
	if (rec_get(db, a, &org_entity, district, &org, err))
		return -1;
	if (strcmp(rec_text(org, "kind"), "district") != 0)
		return cn_err_field(err, CN_ERR_INPUT, "district_id",
				    "organization %lld is a %s; a team comes from a district",
				    (long long)district, rec_text(org, "kind"));
	if (rec_is_null(r, "name") && rec_put_text(r, a, "name", rec_text(org, "name"), err))
		return -1;
	if (old != NULL)
		return 0;
	const int64_t key[2] = {rec_int(r, "network_id"), district};
	int64_t other = 0;
	int rc = store_query_int(db, SQL_TEAM_EXISTS, key, 2, &other, err);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return cn_err_field(err, CN_ERR_CONFLICT, "district_id",
				    "%s already has a team in this network (team %lld)",
				    rec_text(org, "name"), (long long)other);
	return 0;
}

const struct rec_entity team_entity = {
	.name = "team",
	.plural = "teams",
	.title = "team",
	.fields = team_fields,
	.nfields = sizeof(team_fields) / sizeof(team_fields[0]),
	.filters = team_filters,
	.nfilters = sizeof(team_filters) / sizeof(team_filters[0]),
	.table = "team",
	.deletable = 1,
	.check = team_check,
};

static const char SQL_MEMBER_SET[] =
	"INSERT INTO team_member (team_id, person_id, role) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (team_id, person_id) DO UPDATE SET role = excluded.role";
static const char SQL_MEMBER_REMOVE[] =
	"DELETE FROM team_member WHERE team_id = ?1 AND person_id = ?2";
static const char SQL_MEMBER_LIST[] =
	"SELECT p.id, p.given_name || ' ' || p.family_name, p.email, m.role, m.team_id"
	" FROM team_member m JOIN person p ON p.id = m.person_id"
	" WHERE m.team_id = ?1 ORDER BY m.role, p.family_name, p.given_name, p.id";
static const char SQL_DISTRICT_PEOPLE[] =
	"SELECT p.id, p.given_name || ' ' || p.family_name, p.email, NULL, 0 FROM person p"
	" WHERE p.active = 1 AND EXISTS (SELECT 1 FROM team t JOIN organization o"
	"  ON o.id = t.district_id OR (o.kind = 'school' AND o.parent_id = t.district_id)"
	"  JOIN membership m ON m.org_id = o.id"
	"  WHERE t.id = ?1 AND m.person_id = p.id AND m.active = 1)"
	" ORDER BY p.family_name, p.given_name, p.id";

/* A team's members belong to its district (DESIGN §5, issue 12): refuses person_id for
 * team unless they are of its district for its network's work (person_of_district),
 * with the same message whether or not the person exists. Runs inside the change's
 * transaction. */
static int team_member_may_join(struct store *db, struct arena *a, const struct rec *team,
				int64_t person_id, struct cn_err *err)
{
	int of = person_of_district(db, person_id, rec_int(team, "district_id"),
				    rec_int(team, "network_id"), err);
	if (of < 0)
		return -1;
	if (of)
		return 0;
	const char *district = NULL;
	struct rec *org = NULL;
	struct cn_err ignored = {0};
	if (rec_get(db, a, &org_entity, rec_int(team, "district_id"), &org, &ignored) == 0)
		district = rec_text(org, "name");
	return cn_err_field(err, CN_ERR_INPUT, "person_id",
			    "person %lld has no active membership in %s or one of its schools; "
			    "a team's members belong to its district (or facilitate the "
			    "network): give them a membership there first",
			    (long long)person_id, district ? district : "the team's district");
}

int team_member_set(struct store *db, const struct actor *who, int64_t team_id,
		    int64_t person_id, const char *role, struct cn_err *err)
{
	static const struct network_link set = {.sql = SQL_MEMBER_SET, .owner = &team_entity,
						.what = "member of", .choices = team_roles,
						.choice_field = "role", .may_link = team_member_may_join};
	return network_link_person(db, who, &set, team_id, person_id, role, err);
}

int team_member_remove(struct store *db, const struct actor *who, int64_t team_id,
		       int64_t person_id, struct cn_err *err)
{
	static const struct network_link remove = {.sql = SQL_MEMBER_REMOVE, .owner = &team_entity,
						   .what = "a member of", .must_change = 1};
	return network_link_person(db, who, &remove, team_id, person_id, NULL, err);
}

/* Where a team is: its district and network. */
static const char SQL_TEAM_PLACE[] = "SELECT district_id, network_id FROM team WHERE id = ?1";
/* SQL_TEAM_PLACE and SQL_MEMBER_LIST for every team of network ?1 (answer sets). */
static const char SET_TEAM_PLACE[] =
	"SELECT t.id, 1, t.district_id, t.network_id FROM team t WHERE t.network_id = ?1";
static const char SET_MEMBER_LIST[] =
	"SELECT t.id, CASE WHEN p.id IS NULL THEN 0 ELSE 1 END,"
	" p.id, p.given_name || ' ' || p.family_name, p.email, m.role, m.team_id"
	" FROM team t LEFT JOIN team_member m ON m.team_id = t.id"
	" LEFT JOIN person p ON p.id = m.person_id"
	" WHERE t.network_id = ?1 ORDER BY t.id, m.role, p.family_name, p.given_name, p.id";

int team_members_read_all(struct store *db, int64_t network_id, struct cn_err *err)
{
	if (!store_in_transaction(db))
		return 0; /* what is read at once must not outlive its snapshot */
	if (store_answer_load(db, SQL_TEAM_PLACE, 1, SET_TEAM_PLACE, &network_id, 1, err) ||
	    store_answer_load(db, SQL_MEMBER_LIST, 1, SET_MEMBER_LIST, &network_id, 1, err))
		return -1;
	return person_of_district_read_all(db, network_id, err);
}

int team_members(struct store *db, struct arena *a, int64_t team_id, struct network_people *out,
		 struct cn_err *err)
{
	int64_t place[2] = {0, 0};
	struct store_stmt *q = store_prepare(db, SQL_TEAM_PLACE, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, team_id);
	int rc = store_step(q, err);
	if (rc == 1) {
		place[0] = store_col_int(q, 0);
		place[1] = store_col_int(q, 1);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no %s with id %lld",
				  team_entity.title, (long long)team_id);
	if (network_people_query(db, a, SQL_MEMBER_LIST, team_id, out, err))
		return -1;
	for (size_t i = 0; i < out->count; i++) {
		struct network_person *p = &out->items[i];
		int of = person_of_district(db, p->person_id, place[0], place[1], err);
		if (of < 0)
			return -1;
		if (of)
			continue;
		p->former = 1;
		p->email = NULL;
		p->name = arena_printf(a, "%s (membership ended)", p->name);
	}
	return 0;
}

int team_district_people(struct store *db, struct arena *a, int64_t team_id,
			 struct network_people *out, struct cn_err *err)
{
	return network_people_query(db, a, SQL_DISTRICT_PEOPLE, team_id, out, err);
}
