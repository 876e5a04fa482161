/* target: learning targets. A standard (a cf_item) is deconstructed into ordered
 * targets, each a knowledge, reasoning, skill (performance skill) or product target,
 * written as an "I can ..." statement. Targets belong to a deliverable of kind
 * learning_target_set; adding one aligns the set to the target's standard. Each target
 * has a UUID that never changes: its CASE identifier when the set is exported. */
#ifndef CN_TARGET_H
#define CN_TARGET_H
#include <stdint.h>

#include "app/record.h"
#include "core/buf.h"

extern const struct rec_entity learning_target_entity;

enum { TARGET_STATEMENT_MAX = 500 };

/* Checks that s (trimmed) starts with "I can" (any case) followed by what the learner
 * can do. The error names the field "statement" and shows how to write it. */
int target_check_statement(const char *s, struct cn_err *err);
/* The targets of a set in their order (position, then id); in a. */
int target_list(struct store *db, struct arena *a, int64_t deliverable_id, struct rec_list *out,
		struct cn_err *err);
/* Moves target id to position (1 = first; at most the number of targets), renumbering
 * the set 1..n. Audited. */
int target_move(struct store *db, const struct actor *who, struct arena *a, int64_t id,
		int64_t position, struct cn_err *err);
/* Deletes target id and renumbers the rest. expected_version as in rec_delete. */
int target_delete(struct store *db, const struct actor *who, struct arena *a, int64_t id,
		  int64_t expected_version, struct cn_err *err);
/* Inside the caller's transaction: copies the targets of set from_id to set to_id with
 * new identifiers (used when a set is adapted). */
int target_copy_set(struct store *db, struct arena *a, int64_t from_id, int64_t to_id,
		    struct cn_err *err);
/* Appends the set as a CASE 1.0 CFPackage (io/case_write.h) to out. URIs use the
 * case.base_uri setting. */
int target_export_case(struct store *db, struct arena *a, int64_t deliverable_id,
		       struct buf *out, struct cn_err *err);

#endif
