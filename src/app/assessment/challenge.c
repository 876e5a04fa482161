/* challenge: a challenge a team names in its needs assessment, classified technical (a
 * known fix exists) or adaptive (no prescribed fix; people must learn and change), with
 * the reason (DESIGN §1). A submitted assessment's challenges do not change. */
#include "app/assessment/challenge.h"

#include "app/assessment/assessment.h"

static const char *const challenge_kinds[] = {"technical", "adaptive", NULL};

static const struct rec_field challenge_fields[] = {
	{.name = "assessment_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &assessment_entity, .help = "the assessment"},
	{.name = "description", .type = REC_LONGTEXT, .flags = REC_REQUIRED, .max = 2000,
	 .help = "the challenge, in the team's words"},
	{.name = "kind", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = challenge_kinds,
	 .help = "technical (a known fix exists) or adaptive (no prescribed fix; people must "
		 "learn and change)"},
	{.name = "reason", .type = REC_LONGTEXT, .flags = REC_REQUIRED, .max = 2000,
	 .help = "why the team classed it so"},
};

static const struct rec_filter challenge_filters[] = {
	{.name = "assessment_id", .type = REC_REF, .help = "challenges of this assessment"},
	{.name = "kind", .type = REC_ENUM, .choices = challenge_kinds, .help = "only this kind"},
};

static int challenge_check(struct store *db, struct arena *a, struct rec *r,
			   const struct rec *old, struct cn_err *err)
{
	(void)old;
	struct rec *as = NULL;
	return assessment_open(db, a, rec_int(r, "assessment_id"), &as, err);
}

const struct rec_entity challenge_entity = {
	.name = "challenge",
	.plural = "challenges",
	.title = "challenge",
	.fields = challenge_fields,
	.nfields = sizeof(challenge_fields) / sizeof(challenge_fields[0]),
	.filters = challenge_filters,
	.nfilters = sizeof(challenge_filters) / sizeof(challenge_filters[0]),
	.table = "challenge",
	.check = challenge_check,
};
