/* plan_status: a plan's status workflow: draft -> submitted -> approved -> archived.
 * A submitted plan may go back to draft (returned for changes), an approved one too
 * (revised); any plan but an archived one may be archived, and an archived plan stays
 * as it is. Approving takes a facilitator of the plan's network (or an admin, or the
 * operator at the command line). Every change of status saves a version. */
#ifndef CN_PLAN_STATUS_H
#define CN_PLAN_STATUS_H
#include <stdint.h>

#include "app/record.h"

/* Changes the plan's status along the allowed transitions (field "status" names a
 * refused one and lists those allowed) and saves a version whose note says so, with
 * note appended when given. expected_version 0 = any. */
int plan_status_set(struct store *db, const struct actor *who, int64_t plan_id,
		    const char *status, const char *note, int64_t expected_version,
		    struct cn_err *err);
/* The statuses plan status `from` may move to, NULL-terminated (static storage). */
const char *const *plan_status_next(const char *from);

#endif
