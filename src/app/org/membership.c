/* membership: a person's role in an organization (DESIGN §5). Roles come from active
 * memberships only; whom a membership may name is the policy's to decide (policy.c). */
#include "app/org/membership.h"

#include "app/org/org.h"
#include "app/org/person.h"

static const char *const membership_roles[] = {"admin", "facilitator", "district_lead", "member",
					       "partner", NULL};

static const struct rec_field membership_fields[] = {
	/* A membership is what lets a district read a person, so whom it may name is the
	 * membership rule's to decide (policy.c), not whether the actor reads them now. */
	{.name = "person_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED | REC_REF_UNREAD,
	 .ref = &person_entity,
	 .help = "the person; a district lead names only people whose memberships, active or "
		 "ended, are all in her district and never admin, or one of none she created "
		 "(403 otherwise: an admin adds them)"},
	{.name = "org_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED, .ref = &org_entity,
	 .help = "the organization"},
	{.name = "role", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = membership_roles,
	 .help = "admin, facilitator, district_lead, member or partner"},
	{.name = "title", .type = REC_TEXT, .max = 100, .help = "job title, e.g. Math coach"},
	{.name = "source", .type = REC_TEXT, .flags = REC_READONLY, .max = 32, .def = "manual",
	 .help = "manual or oneroster"},
	{.name = "active", .type = REC_BOOL, .def = "true",
	 .help = "false ends the role; a lead makes it true again only as she would give it"},
};

static const struct rec_filter membership_filters[] = {
	{.name = "person_id", .type = REC_REF, .help = "memberships of this person"},
	{.name = "org_id", .type = REC_REF, .help = "memberships in this organization"},
	{.name = "role", .type = REC_ENUM, .choices = membership_roles, .help = "only this role"},
};

const struct rec_entity membership_entity = {
	.name = "membership",
	.plural = "memberships",
	.title = "membership",
	.fields = membership_fields,
	.nfields = sizeof(membership_fields) / sizeof(membership_fields[0]),
	.filters = membership_filters,
	.nfilters = sizeof(membership_filters) / sizeof(membership_filters[0]),
	.table = "membership",
	.deletable = 1,
	.check = NULL,
};
