/* plan_version: saved versions of a plan. A version is a JSON snapshot of the whole
 * plan (plan_view_json) at the time, numbered 1, 2, ... per plan, with its author and a
 * note. Versions are saved on demand and at every change of status; they are never
 * changed afterwards.
 *
 * A snapshot holds the plan as it was, whoever saved it, and is read as its reader may
 * read it now: a linked deliverable or an owner the reader may not read (another
 * district's draft, even one that was published when the version was saved) is hidden
 * as in the plan's views (plan_view_hide). Versions saved before this rule held what
 * their saver could read; they are hidden the same way when read.
 *
 * A snapshot holds the whole plan (a demo plan's is about 7 KB, a large plan's 100 KB)
 * and versions are never removed, where one member once saved 1,956 versions (204 MB)
 * in four seconds. So versions saved on demand are bounded: a person saves at most
 * PLAN_VERSION_PER_MINUTE of a plan in any minute (per person, so that one member's
 * burst does not stop the lead's saves), and a plan keeps at most PLAN_VERSION_MAX of
 * them (1.4 MB for a demo plan) holding at most PLAN_VERSION_BYTES_MAX of snapshots
 * (for a plan made huge); past the cap the plan is exported instead. The version a
 * change of status saves is neither refused nor counted: changes of status are made
 * only by the district's lead, the network's facilitators and admins, each audited
 * (plan_status.h), and no member's saves may hold the plan's workflow up. */
#ifndef CN_PLAN_VERSION_H
#define CN_PLAN_VERSION_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

enum {
	PLAN_VERSION_MAX = 200,
	PLAN_VERSION_PER_MINUTE = 10,
	PLAN_VERSION_BYTES_MAX = 50000000 /* of snapshots, whatever their number */
};

/* Saves a version on demand with the actor as author and an optional note (at most
 * 2000 characters). *number (may be NULL) gets its number. Joins the caller's
 * transaction if there is one. Refused, with nothing saved: when the plan already has
 * PLAN_VERSION_MAX versions saved on demand or this one would take their snapshots
 * past PLAN_VERSION_BYTES_MAX (CN_ERR_CONFLICT, saying what may be done instead), or
 * when the actor saved PLAN_VERSION_PER_MINUTE of the plan in the last minute
 * (CN_ERR_THROTTLED; err->retry_after gets the seconds until one may be saved). */
int plan_version_save(struct store *db, const struct actor *who, int64_t plan_id,
		      const char *note, int64_t *number, struct cn_err *err);
/* The version a change of status saves (plan_status_set): the same, but never refused
 * for the limit per minute or the caps, nor counted toward them, so that the plan
 * moves along its workflow whatever versions were saved on demand. */
int plan_version_save_change(struct store *db, const struct actor *who, int64_t plan_id,
			     const char *note, struct cn_err *err);

struct plan_version_info {
	int64_t id;
	int64_t number;
	int64_t author_id; /* 0 = the operator */
	const char *author;
	const char *note;
	const char *created_at;
	const char *status; /* the plan's status in the snapshot */
};

/* Every version of a plan, oldest first, in a (CN_ERR_NOT_FOUND for no plan). */
int plan_version_list(struct store *db, struct arena *a, int64_t plan_id,
		      struct plan_version_info **out, size_t *count, struct cn_err *err);
struct policy;
/* One version and its snapshot (plan_view_json text) as reader may read it now, in a:
 * what reader may not read is hidden as plan_view_hide hides it; reader NULL: as
 * saved, everything (the operator's). snapshot may be NULL. CN_ERR_NOT_FOUND for no
 * such plan or version. */
int plan_version_get(struct store *db, struct arena *a, struct policy *reader, int64_t plan_id,
		     int64_t number, struct plan_version_info *info, const char **snapshot,
		     struct cn_err *err);
/* The list as a JSON array. */
void plan_version_list_json(struct jw *w, const struct plan_version_info *v, size_t n);

#endif
