/* org: organizations. Rules: a school belongs to a district; a
 * district may sit under a cooperative or the state agency; an organization never
 * becomes its own ancestor. Organizations are deactivated, never deleted. */
#include "app/org/org.h"

#include <string.h>

static const char *const org_kinds[] = {"state",  "cooperative", "district", "school",
					"higher_ed", "partner", NULL};

static const struct rec_field org_fields[] = {
	{.name = "kind", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = org_kinds,
	 .help = "state, cooperative, district, school, higher_ed or partner"},
	{.name = "name", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 200,
	 .help = "the organization's name"},
	{.name = "parent_id", .type = REC_REF, .ref = &org_entity,
	 .help = "the district of a school; the cooperative or state agency of a district"},
	{.name = "identifier", .type = REC_TEXT, .max = 64,
	 .help = "an outside identifier, e.g. the state or NCES number"},
	{.name = "sourced_id", .type = REC_TEXT, .flags = REC_READONLY, .max = 255,
	 .help = "the OneRoster sourcedId it was imported from"},
	{.name = "active", .type = REC_BOOL, .def = "true",
	 .help = "false hides it from lists; its history stays"},
};

static const struct rec_filter org_filters[] = {
	{.name = "kind", .type = REC_ENUM, .choices = org_kinds, .help = "only this kind"},
	{.name = "parent_id", .type = REC_REF, .help = "only children of this organization"},
	{.name = "q", .type = REC_TEXT, .where = "name LIKE '%' || ? || '%'",
	 .help = "name contains this text"},
	{.name = "active", .type = REC_BOOL, .help = "only active (true) or inactive (false)"},
};

static const char SQL_ORG_KIND[] = "SELECT kind, parent_id FROM organization WHERE id = ?1";
static const char SQL_ORG_BY_SOURCED[] = "SELECT id FROM organization WHERE sourced_id = ?1";

const char *org_kind(struct store *db, struct arena *a, int64_t id, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_ORG_KIND, err);
	if (q == NULL)
		return NULL;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	const char *kind = rc == 1 ? store_col_dup(q, 0, a) : NULL;
	store_done(q);
	if (rc == 0)
		cn_err_set(err, CN_ERR_NOT_FOUND, "there is no organization with id %lld",
			   (long long)id);
	return kind;
}

int org_find_sourced(struct store *db, const char *sourced_id, int64_t *id, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_ORG_BY_SOURCED, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, sourced_id);
	int rc = store_step(q, err);
	if (rc == 1)
		*id = store_col_int(q, 0);
	store_done(q);
	return rc;
}

int org_parent_allowed(const char *kind, const char *parent)
{
	if (strcmp(kind, "school") == 0)
		return strcmp(parent, "district") == 0;
	if (strcmp(kind, "district") == 0)
		return strcmp(parent, "cooperative") == 0 || strcmp(parent, "state") == 0;
	if (strcmp(kind, "cooperative") == 0)
		return strcmp(parent, "state") == 0;
	return strcmp(parent, "state") == 0 || strcmp(parent, "cooperative") == 0;
}

static int org_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
		     struct cn_err *err)
{
	(void)old;
	const char *kind = rec_text(r, "kind");
	int64_t parent = rec_int(r, "parent_id");
	if (parent == 0) {
		if (strcmp(kind, "school") == 0)
			return cn_err_field(err, CN_ERR_INPUT, "parent_id",
					    "a school needs its district as parent");
		return 0;
	}
	const char *pkind = org_kind(db, a, parent, err);
	if (pkind == NULL)
		return -1;
	if (!org_parent_allowed(kind, pkind))
		return cn_err_field(err, CN_ERR_INPUT, "parent_id",
				    "a %s cannot be under a %s (organization %lld)", kind, pkind,
				    (long long)parent);
	/* The kinds form a strict hierarchy, so a cycle is impossible except to itself. */
	if (r->id != 0 && parent == r->id)
		return cn_err_field(err, CN_ERR_INPUT, "parent_id",
				    "an organization cannot be its own parent");
	return 0;
}

const struct rec_entity org_entity = {
	.name = "organization",
	.plural = "organizations",
	.title = "organization",
	.fields = org_fields,
	.nfields = sizeof(org_fields) / sizeof(org_fields[0]),
	.filters = org_filters,
	.nfilters = sizeof(org_filters) / sizeof(org_filters[0]),
	.table = "organization",
	.check = org_check,
};

