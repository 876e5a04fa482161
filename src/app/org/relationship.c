/* relationship: a formal link between two organizations (organizational development,
 * DESIGN §1): a partnership, an MOU or a service agreement. */
#include "app/org/relationship.h"

#include "app/org/org.h"

static const char *const relationship_kinds[] = {"partnership", "mou", "service", NULL};

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
	{.name = "org_id", .type = REC_REF, .where = "from_org_id = ? OR to_org_id = ?",
	 .help = "relationships of this organization"},
	{.name = "kind", .type = REC_ENUM, .choices = relationship_kinds, .help = "only this kind"},
};

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
	.table = "relationship",
	.deletable = 1,
	.check = relationship_check,
};
