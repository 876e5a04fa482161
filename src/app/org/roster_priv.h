/* roster_priv: the import's state and the steps its files share (roster.c runs the
 * import, organizations and sessions; roster_users.c the users and their
 * memberships). Not an interface: app/org/roster.h is. */
#ifndef CN_ROSTER_PRIV_H
#define CN_ROSTER_PRIV_H
#include <stdint.h>

#include "app/org/roster.h"
#include "app/record.h"
#include "core/strmap.h"

/* capnet field -> OneRoster column, to name the column when the engine refuses. */
struct roster_colmap {
	const char *field, *column;
};

extern const struct roster_colmap roster_person_cols[];
extern const struct roster_colmap roster_member_cols[];

/* An organization named by a sourcedId: a row of this bundle or a stored record. */
struct roster_plan;
struct roster_ref {
	struct roster_plan *plan;
	struct rec *rec;
};

/* One orgs.csv or academicSessions.csv row on its way in. */
struct roster_plan {
	const struct oneroster_org *org;
	const struct oneroster_session *session;
	const char *kind;      /* capnet kind; NULL for a department */
	struct rec *rec;       /* the stored record with this sourcedId, or NULL */
	struct roster_ref parent;
	int64_t id; /* once applied; a department: the organization it folds into */
	int state;  /* 0 new, 1 being ordered, 2 ordered */
	int skip;   /* not imported (a school without a district), warned about */
};

struct roster_membership {
	struct rec *rec;
	struct roster_membership *next;
};

struct roster {
	struct store *db;
	const struct actor *who;
	struct arena *a;
	struct arena *tmp; /* per few rows; renewed by roster_tick */
	const struct oneroster *in;
	const struct roster_opts *o;
	struct roster_summary *s;
	struct rec_list orgs, people, members, sessions; /* as loaded, by id */
	struct strmap *org_sid, *person_sid, *person_email, *session_sid, *member_of;
	struct strmap *org_plan, *session_plan, *user_row, *skipped_sid;
	struct roster_plan *orgp, *sessp;
	struct roster_plan **order;
	size_t norder;
	struct rec *parent_opt; /* the organization of opts.parent_id */
	struct roster_plan *root; /* the bundle's one top organization, if one */
	struct strmap *scope;     /* "#id" of organizations the bundle covers */
	size_t done, total;
	int64_t session_org;
	size_t warnings_cap;
};

/* Why a record is deactivated, for the counts. */
enum roster_why { ROSTER_WHY_ROW, ROSTER_WHY_ABSENT, ROSTER_WHY_ROLE };
int roster_fail(struct cn_err *err, const char *file, long line, const char *column,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int roster_wrap(struct cn_err *err, const char *file, long line,
		       const struct roster_colmap *map);
int roster_soften(struct roster *x, struct cn_err *err, const char *done);
int roster_save(struct roster *x, const struct rec *old, const struct rec *want,
		       struct cn_err *err);
void roster_count(struct roster *x, enum roster_kind k, int rc, int was_active,
			 int now_active);
int roster_deactivate(struct roster *x, struct rec *old, enum roster_kind k,
			     enum roster_why why, struct cn_err *err);
void roster_id_key(char out[24], int64_t id);
int roster_org_ref(struct roster *x, const char *sid, const char *file, long line,
			  const char *column, struct roster_ref *out, struct cn_err *err);
int64_t roster_ref_id(const struct roster_ref *r);
const char *roster_ref_kind(const struct roster_ref *r);
void roster_scope_add(struct roster *x, int64_t id);

/* users.csv row u with its memberships: created, updated or left as it is. */
int roster_apply_user(struct roster *x, const struct oneroster_user *u, struct cn_err *err);

#endif
