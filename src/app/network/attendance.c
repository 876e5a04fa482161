/* attendance: who attended a network meeting (present, absent, excused), one person at
 * a time or the meeting page's whole form in one transaction. */
#include "app/network/attendance.h"

#include "app/batch.h"
#include "app/network/meeting.h"

const char *const attendance_statuses[] = {"present", "absent", "excused", NULL};
const char *const attendance_status_labels[] = {"Present", "Absent", "Excused", NULL};

static const char SQL_ATTEND_SET[] =
	"INSERT INTO attendance (meeting_id, person_id, status, recorded_at)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (meeting_id, person_id)"
	" DO UPDATE SET status = excluded.status, recorded_at = excluded.recorded_at";
/* Whether ?2 may attend meeting ?1: a facilitator of its network, or on a team of it
 * with an active membership in the team's district or one of its schools. */
static const char SQL_MAY_ATTEND[] =
	"SELECT COUNT(*) FROM meeting mt WHERE mt.id = ?1"
	" AND (EXISTS (SELECT 1 FROM network_facilitator f"
	"  WHERE f.network_id = mt.network_id AND f.person_id = ?2)"
	"  OR EXISTS (SELECT 1 FROM team t JOIN team_member tm ON tm.team_id = t.id"
	"  JOIN membership m ON m.person_id = tm.person_id AND m.active = 1"
	"  JOIN organization o ON o.id = m.org_id"
	"  WHERE t.network_id = mt.network_id AND tm.person_id = ?2"
	"  AND t.district_id = CASE WHEN o.kind = 'school' THEN o.parent_id ELSE o.id END))";
static const char SQL_ATTEND_LIST[] =
	"SELECT p.id, p.given_name || ' ' || p.family_name, p.email, a.status,"
	" COALESCE((SELECT t.id FROM team t JOIN team_member tm ON tm.team_id = t.id"
	"  WHERE t.network_id = mt.network_id AND tm.person_id = p.id), 0)"
	" FROM attendance a JOIN person p ON p.id = a.person_id"
	" JOIN meeting mt ON mt.id = a.meeting_id"
	" WHERE a.meeting_id = ?1 ORDER BY p.family_name, p.given_name, p.id";

/* A meeting's attendees are its network's (issue 12): its facilitators, and the people
 * on its teams who belong to their team's district. Refused for anyone else, with the
 * same message whether or not the person exists. */
static int attendance_may_attend(struct store *db, struct arena *a, const struct rec *meeting,
				 int64_t person_id, struct cn_err *err)
{
	(void)a;
	const int64_t ids[2] = {meeting->id, person_id};
	int64_t n = 0;
	if (store_query_int(db, SQL_MAY_ATTEND, ids, 2, &n, err) < 0)
		return -1;
	if (n > 0)
		return 0;
	return cn_err_field(err, CN_ERR_INPUT, "person_id",
			    "person %lld is on no team of this meeting's network (with a "
			    "membership in the team's district) and does not facilitate it; "
			    "a meeting's attendance is its network's people's",
			    (long long)person_id);
}

int attendance_set(struct store *db, const struct actor *who, int64_t meeting_id,
		   int64_t person_id, const char *status, struct cn_err *err)
{
	static const struct network_link set = {.sql = SQL_ATTEND_SET, .owner = &meeting_entity,
						.what = "attendance at",
						.choices = attendance_statuses,
						.choice_field = "status", .with_time = 1,
						.may_link = attendance_may_attend};
	return network_link_person(db, who, &set, meeting_id, person_id, status, err);
}

struct attendance_batch {
	struct store *db;
	const struct actor *who;
	int64_t meeting_id;
	const struct attendance_mark *marks;
};

static int attendance_set_one(void *ctx, size_t i, struct cn_err *err)
{
	const struct attendance_batch *b = ctx;
	return attendance_set(b->db, b->who, b->meeting_id, b->marks[i].person_id,
			      b->marks[i].status, err);
}

int attendance_set_all(struct store *db, const struct actor *who, int64_t meeting_id,
		       const struct attendance_mark *marks, size_t n, size_t *failed,
		       struct cn_err *err)
{
	struct attendance_batch b = {db, who, meeting_id, marks};
	return batch_all(db, n, attendance_set_one, &b, failed, err);
}

int attendance_list(struct store *db, struct arena *a, int64_t meeting_id,
		    struct network_people *out, struct cn_err *err)
{
	return network_people_query(db, a, SQL_ATTEND_LIST, meeting_id, out, err);
}
