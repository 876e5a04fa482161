/* plan_version: saved versions of a plan. A version is a JSON snapshot of the whole
 * plan (plan_view_json) at the time, numbered 1, 2, ... per plan, with its author and a
 * note. Versions are saved on demand and at every change of status; they are never
 * changed afterwards.
 *
 * A snapshot holds the whole plan (a demo plan's is about 7 KB, a large plan's 100 KB)
 * and versions are never removed, so a plan takes at most PLAN_VERSION_PER_MINUTE new
 * versions in any minute (whoever saves them) and keeps at most PLAN_VERSION_MAX saved
 * on demand (1.4 MB for a demo plan) and PLAN_VERSION_BYTES_MAX of snapshots (for a
 * plan made huge), where one member once saved 1,956 versions (204 MB) in four
 * seconds. */
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

/* Saves a version with the actor as author and an optional note (at most 2000
 * characters). *number (may be NULL) gets its number. Joins the caller's
 * transaction if there is one. Refused, with nothing saved: when the plan already has
 * PLAN_VERSION_MAX versions or this one would take its snapshots past
 * PLAN_VERSION_BYTES_MAX (CN_ERR_CONFLICT, saying what may be done instead), or
 * when PLAN_VERSION_PER_MINUTE were saved in the last minute (CN_ERR_THROTTLED;
 * *retry_after, may be NULL, gets the seconds until one may be saved). */
int plan_version_save(struct store *db, const struct actor *who, int64_t plan_id,
		      const char *note, int64_t *number, int *retry_after, struct cn_err *err);
/* The version a change of status saves (plan_status_set): the same, but not refused
 * for the caps on versions and bytes, so that a plan that reached them still moves
 * along its workflow. */
int plan_version_save_change(struct store *db, const struct actor *who, int64_t plan_id,
			     const char *note, int *retry_after, struct cn_err *err);

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
/* One version and its snapshot (JSON text), in a. */
int plan_version_get(struct store *db, struct arena *a, int64_t plan_id, int64_t number,
		     struct plan_version_info *info, const char **snapshot, struct cn_err *err);
/* The list as a JSON array. */
void plan_version_list_json(struct jw *w, const struct plan_version_info *v, size_t n);

#endif
