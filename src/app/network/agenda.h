/* agenda: a meeting's agenda items (agenda_item_entity) in their order; the materials
 * they link to (agenda_item_link: library items and deliverables), for the meeting's
 * page, and linking them; and moving an item in the agenda. The callers decide with the policy what a person sees and who links or
 * reorders (as for changing the agenda item). */
#ifndef CN_AGENDA_H
#define CN_AGENDA_H
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "app/record.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "store/store.h"

/* The kinds of agenda item (DESIGN §2) "present", "try_out", "collaborate", "plan",
 * "reflect", NULL, and their labels for forms and pages, in the same order. */
extern const char *const agenda_kinds[];
extern const char *const agenda_kind_labels[];

/* agenda_item: meeting_id, position (default: last), kind, title, minutes, notes. */
extern const struct rec_entity agenda_item_entity;

/* Agenda items of a meeting in agenda order. */
int agenda_items(struct store *db, struct arena *a, int64_t meeting_id, struct rec_list *out,
		 struct cn_err *err);

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

/* {"agenda_item_id","agenda_title","entity","id","title", and "kind" (a library item's)
 * or "status" (a deliverable's)}: one material, as the API and the command line list it. */
void agenda_material_json(struct jw *w, const struct agenda_material *m);

/* Links material (entity "library_item" or "deliverable", id) to agenda item
 * agenda_item_id, audited. CN_ERR_INPUT on field "entity" for another entity,
 * CN_ERR_NOT_FOUND naming the field (agenda_item_id, library_item_id, deliverable_id)
 * when a record is missing or is a material the actor may not read (policy_may_read),
 * CN_ERR_CONFLICT when the link is there already. */
int agenda_material_add(struct store *db, const struct actor *who, int64_t agenda_item_id,
			const char *entity, int64_t id, struct cn_err *err);
/* Removes that link, audited; CN_ERR_NOT_FOUND when there is none. */
int agenda_material_remove(struct store *db, const struct actor *who, int64_t agenda_item_id,
			   const char *entity, int64_t id, struct cn_err *err);
/* Moves agenda item item_id one place up (up = 1) or down (up = 0) in its meeting's
 * agenda, swapping it with its neighbour; the agenda is numbered 1, 2, ... afresh in
 * the same transaction, each changed item an audited update. An item already first
 * (up) or last (down) stays where it is. CN_ERR_NOT_FOUND if there is no such item. */
int agenda_item_move(struct store *db, const struct actor *who, int64_t item_id, int up,
		     struct cn_err *err);

#endif
