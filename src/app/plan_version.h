/* plan_version: saved versions of a plan. A version is a JSON snapshot of the whole
 * plan (plan_view_json) at the time, numbered 1, 2, ... per plan, with its author and a
 * note. Versions are saved on demand and at every change of status; they are never
 * changed afterwards. */
#ifndef CN_PLAN_VERSION_H
#define CN_PLAN_VERSION_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

/* Saves a version with the actor as author and an optional note (at most 2000
 * characters). *number (may be NULL) gets its number. Joins the caller's
 * transaction if there is one. */
int plan_version_save(struct store *db, const struct actor *who, int64_t plan_id,
		      const char *note, int64_t *number, struct cn_err *err);

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
