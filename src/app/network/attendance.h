/* attendance: who attended a network meeting, and how it is recorded. */
#ifndef CN_ATTENDANCE_H
#define CN_ATTENDANCE_H
#include <stddef.h>
#include <stdint.h>

#include "app/network/network.h"

/* The attendance statuses "present", "absent", "excused", NULL, and their labels for
 * forms, in the same order. */
extern const char *const attendance_statuses[];
extern const char *const attendance_status_labels[];

/* status: "present", "absent" or "excused"; recording again replaces it. The person
 * attends the meeting's network: a facilitator of it, or on one of its teams with an
 * active membership in that team's district or one of its schools; otherwise (or if
 * there is no such person) CN_ERR_INPUT naming person_id, for every actor. */
int attendance_set(struct store *db, const struct actor *who, int64_t meeting_id,
		   int64_t person_id, const char *status, struct cn_err *err);
/* One person's attendance in a batch. */
struct attendance_mark {
	int64_t person_id;
	const char *status;
};
/* Records marks[0..n) at meeting_id (the meeting page's attendance form), all or none,
 * in one transaction: each is checked and audited as by attendance_set. When one is
 * refused nothing is written, *failed (may be NULL) is its index and err names its
 * field (status, person_id). n = 0 writes nothing and succeeds. */
int attendance_set_all(struct store *db, const struct actor *who, int64_t meeting_id,
		       const struct attendance_mark *marks, size_t n, size_t *failed,
		       struct cn_err *err);
int attendance_list(struct store *db, struct arena *a, int64_t meeting_id,
		    struct network_people *out, struct cn_err *err);

#endif
