/* deliverable_lineage: following derived_from_version_id up and down. */
#include "app/deliverable/deliverable_lineage.h"

#include <string.h>

#include "app/deliverable/deliverable.h"
#include "app/setting.h"
#include "app/deliverable/similarity.h"

static const char SQL_LINK_SOURCE[] =
	"SELECT s.id, s.title, s.team_id, t.name, s.status, v.id, v.number"
	" FROM deliverable d JOIN deliverable_version v ON v.id = d.derived_from_version_id"
	" JOIN deliverable s ON s.id = v.deliverable_id LEFT JOIN team t ON t.id = s.team_id"
	" WHERE d.id = ?1";
static const char SQL_LINK_DERIVED[] =
	"SELECT d.id, d.title, d.team_id, t.name, d.status, v.id, v.number"
	" FROM deliverable d JOIN deliverable_version v ON v.id = d.derived_from_version_id"
	" LEFT JOIN team t ON t.id = d.team_id WHERE v.deliverable_id = ?1 ORDER BY d.id";
static const char SQL_LATEST_SIMILARITY[] =
	"SELECT source_similarity FROM deliverable_version WHERE deliverable_id = ?1"
	" ORDER BY number DESC LIMIT 1";

static void deliverable_read_link(struct store_stmt *q, struct arena *a,
				  struct deliverable_link *l, int depth)
{
	memset(l, 0, sizeof(*l));
	l->deliverable_id = store_col_int(q, 0);
	l->title = store_col_dup(q, 1, a);
	l->team_id = store_col_int(q, 2);
	l->team_name = store_col_dup(q, 3, a);
	l->status = store_col_dup(q, 4, a);
	l->version_id = store_col_int(q, 5);
	l->version_number = store_col_int(q, 6);
	l->depth = depth;
}

int deliverable_lineage(struct store *db, struct arena *a, int64_t id,
			struct deliverable_lineage *out, struct cn_err *err)
{
	struct similarity_thresholds t;
	struct rec *d = NULL;
	memset(out, 0, sizeof(*out));
	if (rec_get(db, a, &deliverable_entity, id, &d, err) || setting_thresholds(db, &t, err))
		return -1;
	size_t cap = 8;
	out->sources = arena_alloc(a, sizeof(*out->sources) * DELIVERABLE_LINEAGE_MAX);
	int64_t at = id;
	/* Up the chain. A deliverable cannot derive from itself or its own descendants
	 * (its source existed before it), so the chain ends; the limit is a guard. */
	while (out->nsources < DELIVERABLE_LINEAGE_MAX) {
		struct store_stmt *q = store_prepare(db, SQL_LINK_SOURCE, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, at);
		int rc = store_step(q, err);
		if (rc == 1) {
			deliverable_read_link(q, a, &out->sources[out->nsources],
					      (int)out->nsources + 1);
			at = out->sources[out->nsources++].deliverable_id;
		}
		store_done(q);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
	}
	/* Down, breadth first: the queue is the list itself. */
	out->derivatives = arena_alloc(a, sizeof(*out->derivatives) * cap);
	size_t next = 0;
	int64_t parent = id;
	int depth = 1;
	for (;;) {
		struct store_stmt *q = store_prepare(db, SQL_LINK_DERIVED, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, parent);
		int rc;
		while ((rc = store_step(q, err)) == 1 &&
		       out->nderivatives < DELIVERABLE_LINEAGE_MAX) {
			out->derivatives = arena_grow(a, out->derivatives, sizeof(*out->derivatives),
						      out->nderivatives, &cap);
			deliverable_read_link(q, a, &out->derivatives[out->nderivatives++], depth);
		}
		store_done(q);
		if (rc < 0)
			return -1;
		if (next == out->nderivatives)
			break;
		parent = out->derivatives[next].deliverable_id;
		depth = out->derivatives[next].depth + 1;
		next++;
	}
	for (size_t i = 0; i < out->nderivatives; i++) {
		struct deliverable_link *l = &out->derivatives[i];
		struct store_stmt *q = store_prepare(db, SQL_LATEST_SIMILARITY, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, l->deliverable_id);
		int rc = store_step(q, err);
		if (rc == 1 && !store_col_is_null(q, 0)) {
			l->has_similarity = 1;
			l->similarity = store_col_double(q, 0);
			l->similarity_class =
				similarity_class_name(similarity_classify(l->similarity, &t));
		}
		store_done(q);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static void deliverable_links_json(struct jw *w, const struct deliverable_link *l, size_t n)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < n; i++) {
		jw_obj_begin(w);
		jw_kv_int(w, "deliverable_id", l[i].deliverable_id);
		jw_kv_str(w, "title", l[i].title);
		jw_kv_id(w, "team_id", l[i].team_id);
		jw_kv_str(w, "team", l[i].team_name);
		jw_kv_str(w, "status", l[i].status);
		jw_kv_int(w, "version_id", l[i].version_id);
		jw_kv_int(w, "version_number", l[i].version_number);
		jw_kv_int(w, "depth", l[i].depth);
		if (l[i].has_similarity) {
			jw_kv_double(w, "similarity", l[i].similarity);
			jw_kv_str(w, "similarity_class", l[i].similarity_class);
		}
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

void deliverable_lineage_json(struct jw *w, const struct deliverable_lineage *l)
{
	jw_obj_begin(w);
	jw_key(w, "sources");
	deliverable_links_json(w, l->sources, l->nsources);
	jw_key(w, "derivatives");
	deliverable_links_json(w, l->derivatives, l->nderivatives);
	jw_obj_end(w);
}

