/* agenda: a meeting's materials (see agenda.h). */
#include "app/agenda.h"

static const char SQL_AGENDA_MATERIALS[] =
	"SELECT ai.position, ai.id, ai.title, 'library_item', li.id, li.title, li.kind"
	" FROM agenda_item_link l JOIN agenda_item ai ON ai.id = l.agenda_item_id"
	" JOIN library_item li ON li.id = l.library_item_id WHERE ai.meeting_id = ?1"
	" UNION ALL"
	" SELECT ai.position, ai.id, ai.title, 'deliverable', d.id, d.title, d.status"
	" FROM agenda_item_link l JOIN agenda_item ai ON ai.id = l.agenda_item_id"
	" JOIN deliverable d ON d.id = l.deliverable_id WHERE ai.meeting_id = ?1"
	" ORDER BY 1, 2, 4 DESC, 5";
int agenda_materials(struct store *db, struct arena *a, int64_t meeting_id,
		     struct agenda_material **out, size_t *count, struct cn_err *err)
{
	*out = NULL;
	*count = 0;
	size_t cap = 0;
	struct store_stmt *q = store_prepare(db, SQL_AGENDA_MATERIALS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, meeting_id);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		*out = arena_grow(a, *out, sizeof(**out), *count, &cap);
		struct agenda_material *m = &(*out)[(*count)++];
		m->agenda_item_id = store_col_int(q, 1);
		m->agenda_title = store_col_dup(q, 2, a);
		m->entity = store_col_dup(q, 3, a);
		m->id = store_col_int(q, 4);
		m->title = store_col_dup(q, 5, a);
		m->detail = store_col_dup(q, 6, a);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}
