/* agenda: a meeting's agenda items, their materials and their order (see agenda.h). */
#include "app/network/agenda.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/deliverable/deliverable.h"
#include "app/library/library.h"
#include "app/network/meeting.h"
#include "app/access/policy.h"
#include "app/record.h"

const char *const agenda_kinds[] = {"present", "try_out", "collaborate", "plan", "reflect",
				    NULL};
const char *const agenda_kind_labels[] = {"Present", "Try out", "Collaborate", "Plan", "Reflect",
					  NULL};

static const struct rec_field agenda_fields[] = {
	{.name = "meeting_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &meeting_entity, .help = "the meeting"},
	{.name = "position", .type = REC_INT, .min = 1, .max = 1000,
	 .help = "order in the agenda (default: last)"},
	{.name = "kind", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = agenda_kinds,
	 .help = "present, try_out, collaborate, plan or reflect"},
	{.name = "title", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 200,
	 .help = "what happens"},
	{.name = "minutes", .type = REC_INT, .min = 1, .max = 600, .help = "planned length"},
	{.name = "notes", .type = REC_LONGTEXT, .max = 10000, .help = "details"},
};

static const struct rec_filter agenda_filters[] = {
	{.name = "meeting_id", .type = REC_REF, .help = "items of this meeting"},
};

static const char SQL_AGENDA_ORDERED[] = /* after the entity's columns (rec_list_where) */
	"WHERE meeting_id = ?1 ORDER BY position, id";
static const char SQL_AGENDA_NEXT[] =
	"SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?1";

static int agenda_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
			struct cn_err *err)
{
	(void)a, (void)old;
	if (!rec_is_null(r, "position"))
		return 0;
	const int64_t meeting = rec_int(r, "meeting_id");
	int64_t next = 1;
	if (store_query_int(db, SQL_AGENDA_NEXT, &meeting, 1, &next, err) < 0)
		return -1;
	return rec_put_int(r, "position", next > 1000 ? 1000 : next, err);
}

const struct rec_entity agenda_item_entity = {
	.name = "agenda_item",
	.plural = "agenda-items",
	.title = "agenda item",
	.fields = agenda_fields,
	.nfields = sizeof(agenda_fields) / sizeof(agenda_fields[0]),
	.filters = agenda_filters,
	.nfilters = sizeof(agenda_filters) / sizeof(agenda_filters[0]),
	.table = "agenda_item",
	.deletable = 1,
	.check = agenda_check,
};

int agenda_items(struct store *db, struct arena *a, int64_t meeting_id, struct rec_list *out,
		 struct cn_err *err)
{
	return rec_list_where(db, a, &agenda_item_entity, SQL_AGENDA_ORDERED, meeting_id, out, err);
}

static const char SQL_AGENDA_MATERIALS[] =
	"SELECT ai.position, ai.id, ai.title, 'library_item', li.id, li.title, li.kind"
	" FROM agenda_item_link l JOIN agenda_item ai ON ai.id = l.agenda_item_id"
	" JOIN library_item li ON li.id = l.library_item_id WHERE ai.meeting_id = ?1"
	" UNION ALL"
	" SELECT ai.position, ai.id, ai.title, 'deliverable', d.id, d.title, d.status"
	" FROM agenda_item_link l JOIN agenda_item ai ON ai.id = l.agenda_item_id"
	" JOIN deliverable d ON d.id = l.deliverable_id WHERE ai.meeting_id = ?1"
	" ORDER BY 1, 2, 4 DESC, 5";
static const char SQL_AGENDA_ITEM[] = "SELECT id FROM agenda_item WHERE id = ?1";
static const char SQL_LIBRARY_ITEM[] = "SELECT id FROM library_item WHERE id = ?1";
static const char SQL_DELIVERABLE[] = "SELECT id FROM deliverable WHERE id = ?1";
static const char SQL_LINKED_LIBRARY[] =
	"SELECT COUNT(*) FROM agenda_item_link WHERE agenda_item_id = ?1 AND library_item_id = ?2";
static const char SQL_LINKED_DELIVERABLE[] =
	"SELECT COUNT(*) FROM agenda_item_link WHERE agenda_item_id = ?1 AND deliverable_id = ?2";
static const char SQL_LINK_LIBRARY[] =
	"INSERT INTO agenda_item_link (agenda_item_id, library_item_id) VALUES (?1, ?2)";
static const char SQL_LINK_DELIVERABLE[] =
	"INSERT INTO agenda_item_link (agenda_item_id, deliverable_id) VALUES (?1, ?2)";
static const char SQL_UNLINK_LIBRARY[] =
	"DELETE FROM agenda_item_link WHERE agenda_item_id = ?1 AND library_item_id = ?2";
static const char SQL_UNLINK_DELIVERABLE[] =
	"DELETE FROM agenda_item_link WHERE agenda_item_id = ?1 AND deliverable_id = ?2";

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

/* The one integer sql gives for (x, y) (y 0: not bound), or -1 on error. */
static int64_t agenda_int(struct store *db, const char *sql, int64_t x, int64_t y,
			  struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, x);
	if (y != 0)
		store_bind_int(q, 2, y);
	int rc = store_step(q, err);
	int64_t v = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	return rc < 0 ? -1 : v;
}

/* 1 if the actor may read the material (policy_may_read), 0 if not or if there is
 * none, -1 on error. */
static int agenda_material_readable(struct store *db, const struct actor *who, int lib,
				    int64_t id, struct cn_err *err)
{
	struct arena *a = arena_new();
	int may = policy_may_read(policy_new(a, db, who),
				  lib ? &library_item_entity : &deliverable_entity, id, err);
	arena_free(a);
	return may;
}

/* Checks entity and that both records exist; a material linked anew (add) must be one
 * the actor may read, and one they may not is refused as if it did not exist. *lib is
 * 1 for a library item. */
static int agenda_material_check(struct store *db, const struct actor *who, int add,
				 int64_t agenda_item_id, const char *entity, int64_t id, int *lib,
				 struct cn_err *err)
{
	*lib = entity != NULL && strcmp(entity, "library_item") == 0;
	if (!*lib && (entity == NULL || strcmp(entity, "deliverable") != 0))
		return cn_err_field(err, CN_ERR_INPUT, "entity",
				    "a material is a library_item or a deliverable, not '%s'",
				    entity ? entity : "");
	int64_t found = agenda_int(db, SQL_AGENDA_ITEM, agenda_item_id, 0, err);
	if (found < 0)
		return -1;
	if (found == 0)
		return cn_err_field(err, CN_ERR_NOT_FOUND, "agenda_item_id",
				    "there is no agenda item with id %lld",
				    (long long)agenda_item_id);
	found = add ? agenda_material_readable(db, who, *lib, id, err)
		    : agenda_int(db, *lib ? SQL_LIBRARY_ITEM : SQL_DELIVERABLE, id, 0, err);
	if (found < 0)
		return -1;
	if (found == 0)
		return cn_err_field(err, CN_ERR_NOT_FOUND,
				    *lib ? "library_item_id" : "deliverable_id",
				    add ? "there is no %s with id %lld that you may see"
					: "there is no %s with id %lld",
				    *lib ? "library item" : "deliverable", (long long)id);
	return 0;
}

/* Adds (add 1) or removes the link in one audited transaction. */
static int agenda_material_change(struct store *db, const struct actor *who, int64_t agenda_item_id,
				  const char *entity, int64_t id, int add, struct cn_err *err)
{
	int lib = 0;
	if (store_begin(db, err))
		return -1;
	if (agenda_material_check(db, who, add, agenda_item_id, entity, id, &lib, err))
		goto fail;
	int64_t linked = agenda_int(db, lib ? SQL_LINKED_LIBRARY : SQL_LINKED_DELIVERABLE,
				    agenda_item_id, id, err);
	if (linked < 0)
		goto fail;
	if (add && linked > 0) {
		cn_err_field(err, CN_ERR_CONFLICT, lib ? "library_item_id" : "deliverable_id",
			     "that %s is linked to this agenda item already",
			     lib ? "library item" : "deliverable");
		goto fail;
	}
	if (!add && linked == 0) {
		cn_err_field(err, CN_ERR_NOT_FOUND, lib ? "library_item_id" : "deliverable_id",
			     "that %s is not linked to this agenda item",
			     lib ? "library item" : "deliverable");
		goto fail;
	}
	const char *sql = add ? (lib ? SQL_LINK_LIBRARY : SQL_LINK_DELIVERABLE)
			      : (lib ? SQL_UNLINK_LIBRARY : SQL_UNLINK_DELIVERABLE);
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, agenda_item_id);
	store_bind_int(q, 2, id);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	char json[128];
	snprintf(json, sizeof(json), "{\"agenda_item_id\":%lld,\"%s\":%lld}",
		 (long long)agenda_item_id, lib ? "library_item_id" : "deliverable_id",
		 (long long)id);
	if (audit_record(db, who, add ? "create" : "delete", "agenda_item_link", agenda_item_id,
			 add ? NULL : json, add ? json : NULL, err))
		goto fail;
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

int agenda_material_add(struct store *db, const struct actor *who, int64_t agenda_item_id,
			const char *entity, int64_t id, struct cn_err *err)
{
	return agenda_material_change(db, who, agenda_item_id, entity, id, 1, err);
}

int agenda_material_remove(struct store *db, const struct actor *who, int64_t agenda_item_id,
			   const char *entity, int64_t id, struct cn_err *err)
{
	return agenda_material_change(db, who, agenda_item_id, entity, id, 0, err);
}
int agenda_item_move(struct store *db, const struct actor *who, int64_t item_id, int up,
		     struct cn_err *err)
{
	struct arena *a = arena_new();
	struct rec *item = NULL;
	struct rec_list l;
	if (store_begin(db, err))
		goto out;
	if (rec_get(db, a, &agenda_item_entity, item_id, &item, err) ||
	    agenda_items(db, a, rec_int(item, "meeting_id"), &l, err))
		goto fail;
	size_t at = 0;
	while (at < l.count && l.items[at]->id != item_id)
		at++;
	if (up ? at > 0 : at + 1 < l.count) {
		size_t other = up ? at - 1 : at + 1;
		struct rec *swap = l.items[at];
		l.items[at] = l.items[other];
		l.items[other] = swap;
	}
	for (size_t i = 0; i < l.count; i++) {
		if (rec_int(l.items[i], "position") == (int64_t)i + 1)
			continue;
		struct rec *change = rec_new(a, &agenda_item_entity);
		if (rec_set_int(change, "position", (int64_t)i + 1, err) ||
		    rec_update(db, who, a, l.items[i]->id, 0, change, NULL, err))
			goto fail;
	}
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
out:
	arena_free(a);
	return -1;
}

void agenda_material_json(struct jw *w, const struct agenda_material *m)
{
	jw_obj_begin(w);
	jw_kv_int(w, "agenda_item_id", m->agenda_item_id);
	jw_kv_str(w, "agenda_title", m->agenda_title);
	jw_kv_str(w, "entity", m->entity);
	jw_kv_int(w, "id", m->id);
	jw_kv_str(w, "title", m->title);
	jw_kv_str(w, strcmp(m->entity, "library_item") == 0 ? "kind" : "status", m->detail);
	jw_obj_end(w);
}
