/* org: organizations and relationships. Rules: a school belongs to a district; a
 * district may sit under a cooperative or the state agency; an organization never
 * becomes its own ancestor. Organizations are deactivated, never deleted. */
#include "app/org/org.h"

#include <string.h>

static const char *const org_kinds[] = {"state",  "cooperative", "district", "school",
					"higher_ed", "partner", NULL};
static const char *const relationship_kinds[] = {"partnership", "mou", "service", NULL};
static const char *const session_kinds[] = {"schoolYear", "term", "semester", "gradingPeriod",
					    NULL};

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
	{.name = "q", .type = REC_TEXT, .help = "name contains this text"},
	{.name = "active", .type = REC_BOOL, .help = "only active (true) or inactive (false)"},
};

static const char SQL_ORG_GET[] =
	"SELECT id, version, created_at, updated_at, kind, name, parent_id, identifier,"
	" sourced_id, active FROM organization WHERE id = ?1";
static const char SQL_ORG_LIST[] =
	"SELECT id, version, created_at, updated_at, kind, name, parent_id, identifier,"
	" sourced_id, active FROM organization"
	" WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR parent_id = ?2)"
	" AND (?3 IS NULL OR name LIKE '%' || ?3 || '%') AND (?4 IS NULL OR active = ?4)"
	" AND id > ?5 ORDER BY id LIMIT ?6";
static const char SQL_ORG_INSERT[] =
	"INSERT INTO organization (kind, name, parent_id, identifier, sourced_id, active,"
	" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id";
static const char SQL_ORG_UPDATE[] =
	"UPDATE organization SET kind = ?1, name = ?2, parent_id = ?3, identifier = ?4,"
	" sourced_id = ?5, active = ?6, updated_at = ?7, version = version + 1"
	" WHERE id = ?8 AND version = ?9";
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
	.sql_get = SQL_ORG_GET,
	.sql_list = SQL_ORG_LIST,
	.sql_insert = SQL_ORG_INSERT,
	.sql_update = SQL_ORG_UPDATE,
	.sql_delete = NULL,
	.check = org_check,
};

static const struct rec_field relationship_fields[] = {
	{.name = "kind", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = relationship_kinds,
	 .help = "partnership, mou or service"},
	{.name = "from_org_id", .type = REC_REF, .flags = REC_REQUIRED, .ref = &org_entity,
	 .help = "the organization that offers or signs"},
	{.name = "to_org_id", .type = REC_REF, .flags = REC_REQUIRED, .ref = &org_entity,
	 .help = "the organization on the other side"},
	{.name = "since", .type = REC_DATE, .help = "when it began (YYYY-MM-DD)"},
	{.name = "note", .type = REC_LONGTEXT, .max = 2000, .help = "what it covers"},
};

static const struct rec_filter relationship_filters[] = {
	{.name = "org_id", .type = REC_REF, .help = "relationships of this organization"},
	{.name = "kind", .type = REC_ENUM, .choices = relationship_kinds, .help = "only this kind"},
};

static const char SQL_REL_GET[] =
	"SELECT id, version, created_at, updated_at, kind, from_org_id, to_org_id, since, note"
	" FROM relationship WHERE id = ?1";
static const char SQL_REL_LIST[] =
	"SELECT id, version, created_at, updated_at, kind, from_org_id, to_org_id, since, note"
	" FROM relationship WHERE (?1 IS NULL OR from_org_id = ?1 OR to_org_id = ?1)"
	" AND (?2 IS NULL OR kind = ?2) AND id > ?3 ORDER BY id LIMIT ?4";
static const char SQL_REL_INSERT[] =
	"INSERT INTO relationship (kind, from_org_id, to_org_id, since, note, created_at,"
	" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING id";
static const char SQL_REL_UPDATE[] =
	"UPDATE relationship SET kind = ?1, from_org_id = ?2, to_org_id = ?3, since = ?4,"
	" note = ?5, updated_at = ?6, version = version + 1 WHERE id = ?7 AND version = ?8";
static const char SQL_REL_DELETE[] = "DELETE FROM relationship WHERE id = ?1";

static int relationship_check(struct store *db, struct arena *a, struct rec *r,
			      const struct rec *old, struct cn_err *err)
{
	(void)db, (void)a, (void)old;
	if (rec_int(r, "from_org_id") == rec_int(r, "to_org_id"))
		return cn_err_field(err, CN_ERR_INPUT, "to_org_id",
				    "a relationship links two different organizations");
	return 0;
}

const struct rec_entity relationship_entity = {
	.name = "relationship",
	.plural = "relationships",
	.title = "relationship",
	.fields = relationship_fields,
	.nfields = sizeof(relationship_fields) / sizeof(relationship_fields[0]),
	.filters = relationship_filters,
	.nfilters = sizeof(relationship_filters) / sizeof(relationship_filters[0]),
	.sql_get = SQL_REL_GET,
	.sql_list = SQL_REL_LIST,
	.sql_insert = SQL_REL_INSERT,
	.sql_update = SQL_REL_UPDATE,
	.sql_delete = SQL_REL_DELETE,
	.check = relationship_check,
};

static const struct rec_field session_fields[] = {
	{.name = "title", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 200,
	 .help = "e.g. 2026-27 or Fall 2026"},
	{.name = "kind", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = session_kinds,
	 .help = "schoolYear, term, semester or gradingPeriod"},
	{.name = "school_year", .type = REC_SCHOOL_YEAR, .flags = REC_REQUIRED,
	 .help = "the school year it falls in, e.g. 2026-27"},
	{.name = "starts_on", .type = REC_DATE, .flags = REC_REQUIRED, .help = "first day"},
	{.name = "ends_on", .type = REC_DATE, .flags = REC_REQUIRED, .help = "last day"},
	{.name = "parent_id", .type = REC_REF, .ref = &academic_session_entity,
	 .help = "the session it is part of"},
	{.name = "org_id", .type = REC_REF, .ref = &org_entity,
	 .help = "the organization whose calendar it is"},
	{.name = "sourced_id", .type = REC_TEXT, .flags = REC_READONLY, .max = 255,
	 .help = "the OneRoster sourcedId it was imported from"},
	{.name = "active", .type = REC_BOOL, .def = "true", .help = "false once withdrawn"},
};

static const struct rec_filter session_filters[] = {
	{.name = "school_year", .type = REC_SCHOOL_YEAR, .help = "only this school year"},
	{.name = "kind", .type = REC_ENUM, .choices = session_kinds, .help = "only this kind"},
};

static const char SQL_SESSION_GET[] =
	"SELECT id, version, created_at, updated_at, title, kind, school_year, starts_on, ends_on,"
	" parent_id, org_id, sourced_id, active FROM academic_session WHERE id = ?1";
static const char SQL_SESSION_LIST[] =
	"SELECT id, version, created_at, updated_at, title, kind, school_year, starts_on, ends_on,"
	" parent_id, org_id, sourced_id, active FROM academic_session"
	" WHERE (?1 IS NULL OR school_year = ?1) AND (?2 IS NULL OR kind = ?2)"
	" AND id > ?3 ORDER BY id LIMIT ?4";
static const char SQL_SESSION_INSERT[] =
	"INSERT INTO academic_session (title, kind, school_year, starts_on, ends_on, parent_id,"
	" org_id, sourced_id, active, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id";
static const char SQL_SESSION_UPDATE[] =
	"UPDATE academic_session SET title = ?1, kind = ?2, school_year = ?3, starts_on = ?4,"
	" ends_on = ?5, parent_id = ?6, org_id = ?7, sourced_id = ?8, active = ?9,"
	" updated_at = ?10, version = version + 1 WHERE id = ?11 AND version = ?12";

static int session_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
			 struct cn_err *err)
{
	(void)db, (void)a, (void)old;
	if (strcmp(rec_text(r, "ends_on"), rec_text(r, "starts_on")) < 0)
		return cn_err_field(err, CN_ERR_INPUT, "ends_on", "%s is before the first day %s",
				    rec_text(r, "ends_on"), rec_text(r, "starts_on"));
	return 0;
}

const struct rec_entity academic_session_entity = {
	.name = "academic_session",
	.plural = "academic-sessions",
	.title = "school year or term",
	.fields = session_fields,
	.nfields = sizeof(session_fields) / sizeof(session_fields[0]),
	.filters = session_filters,
	.nfilters = sizeof(session_filters) / sizeof(session_filters[0]),
	.sql_get = SQL_SESSION_GET,
	.sql_list = SQL_SESSION_LIST,
	.sql_insert = SQL_SESSION_INSERT,
	.sql_update = SQL_SESSION_UPDATE,
	.sql_delete = NULL,
	.check = session_check,
};
