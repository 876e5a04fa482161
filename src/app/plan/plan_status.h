/* plan_status: a plan's status workflow: draft -> submitted -> approved -> archived.
 * A submitted plan may go back to draft (returned for changes), an approved one too
 * (reopened by the district's lead); any plan but an archived one may be archived, and
 * an archived plan stays as it is. An approved plan's content is read-only until it is
 * reopened (plan.h). Every change of status saves a version and is audited.
 *
 * Who moves a plan (DESIGN §5): the district's lead (or an admin) submits it, reopens
 * it once approved and archives it; a facilitator of the plan's network (or an admin)
 * approves a submitted plan, and returns it to draft, as its lead may too. The
 * district's members read the status but do not move it. A network template is moved
 * by those who keep it (its network's facilitators). The operator at the command line
 * makes any move the workflow allows. */
#ifndef CN_PLAN_STATUS_H
#define CN_PLAN_STATUS_H
#include <stdint.h>

#include "app/record.h"

/* Changes the plan's status along the allowed transitions (field "status" names a
 * refused one and lists those allowed) if the actor may make the move
 * (plan_status_may), and saves a version whose note says so, with note appended when
 * given: never refused for the versions saved on demand (plan_version.h).
 * expected_version 0 = any. */
int plan_status_set(struct store *db, const struct actor *who, int64_t plan_id,
		    const char *status, const char *note, int64_t expected_version,
		    struct cn_err *err);
/* 0 if the actor may move plan (a plan record) from its status to `to`; else -1 with
 * CN_ERR_FORBIDDEN (field "status") saying who may. Whether the workflow allows the
 * move at all is plan_status_set's to say. a is scratch. */
int plan_status_may(struct store *db, struct arena *a, const struct actor *who,
		    const struct rec *plan, const char *to, struct cn_err *err);
/* The statuses the actor may move plan to now (those of plan_status_next that
 * plan_status_may allows), NULL-terminated, in a. */
int plan_status_choices(struct store *db, struct arena *a, const struct actor *who,
			const struct rec *plan, const char ***out, struct cn_err *err);
/* The statuses plan status `from` may move to, NULL-terminated (static storage). */
const char *const *plan_status_next(const char *from);

#endif
