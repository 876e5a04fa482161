/* agenda: a meeting's materials and try-outs (see agenda.h). */
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
static const char SQL_AGENDA_TRYOUTS[] =
	"SELECT t.id, t.person_id, p.given_name || ' ' || p.family_name, t.item_id, li.title,"
	" t.rating, t.would_work, t.note"
	" FROM tryout t JOIN person p ON p.id = t.person_id"
	" JOIN library_item li ON li.id = t.item_id"
	" WHERE t.meeting_id = ?1 ORDER BY li.title, t.item_id, t.created_at, t.id";

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

int agenda_tryouts(struct store *db, struct arena *a, int64_t meeting_id,
		   struct agenda_tryout **out, size_t *count, struct cn_err *err)
{
	*out = NULL;
	*count = 0;
	size_t cap = 0;
	struct store_stmt *q = store_prepare(db, SQL_AGENDA_TRYOUTS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, meeting_id);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		*out = arena_grow(a, *out, sizeof(**out), *count, &cap);
		struct agenda_tryout *t = &(*out)[(*count)++];
		t->id = store_col_int(q, 0);
		t->person_id = store_col_int(q, 1);
		t->person_name = store_col_dup(q, 2, a);
		t->item_id = store_col_int(q, 3);
		t->item_title = store_col_dup(q, 4, a);
		t->rating = (int)store_col_int(q, 5);
		t->would_work = store_col_dup(q, 6, a);
		t->note = store_col_dup(q, 7, a);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}
