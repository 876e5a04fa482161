/* academic_session: a school year or a part of one (OneRoster academicSessions), on an
 * organization's calendar. */
#include "app/org/academic_session.h"

#include <string.h>

#include "app/org/org.h"

static const char *const session_kinds[] = {"schoolYear", "term", "semester", "gradingPeriod",
					    NULL};

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
	.table = "academic_session",
	.check = session_check,
};
