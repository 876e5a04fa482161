/* agenda: the materials a meeting's agenda items link to (agenda_item_link: library
 * items and deliverables), for the meeting's page. Read-only; the callers decide with
 * the policy what a person sees. */
#ifndef CN_AGENDA_H
#define CN_AGENDA_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

/* One material linked from an agenda item. */
struct agenda_material {
	int64_t agenda_item_id;
	const char *agenda_title;
	const char *entity; /* "library_item" or "deliverable" */
	int64_t id;
	const char *title;
	const char *detail; /* a library item's kind (strategy ...), a deliverable's status */
};

/* The materials of meeting_id's agenda, in agenda order, then library items before
 * deliverables, by id. *out (NULL when none) and its text live in a. */
int agenda_materials(struct store *db, struct arena *a, int64_t meeting_id,
		     struct agenda_material **out, size_t *count, struct cn_err *err);

#endif
