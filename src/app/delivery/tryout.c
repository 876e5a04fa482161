/* tryout: try-outs of library items, a declared entity, and their summary. */
#include "app/delivery/tryout.h"

#include <string.h>

#include "app/library/library.h"
#include "app/org/person.h"
#include "app/network/meeting.h"

static const char *const would_work_choices[] = {"yes", "maybe", "no", NULL};

static const struct rec_field tryout_fields[] = {
	{.name = "item_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &library_item_entity, .help = "the library item tried"},
	{.name = "person_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &person_entity, .help = "who tried it"},
	{.name = "meeting_id", .type = REC_REF, .ref = &meeting_entity,
	 .help = "the network meeting where it was tried"},
	{.name = "rating", .type = REC_INT, .flags = REC_REQUIRED, .min = 1, .max = 5,
	 .help = "how it went, 1 (poorly) to 5 (very well)"},
	{.name = "would_work", .type = REC_ENUM, .flags = REC_REQUIRED,
	 .choices = would_work_choices, .help = "would it work in our district? yes, maybe, no"},
	{.name = "note", .type = REC_LONGTEXT, .max = 2000, .help = "what we noticed"},
};

static const struct rec_filter tryout_filters[] = {
	{.name = "item_id", .type = REC_REF, .help = "try-outs of this item"},
	{.name = "person_id", .type = REC_REF, .help = "try-outs by this person"},
	{.name = "meeting_id", .type = REC_REF, .help = "try-outs at this meeting"},
};

static const char SQL_TRYOUT_OF_ITEM[] = /* after the entity's columns (rec_list_where) */
	"WHERE item_id = ?1 ORDER BY created_at, id";

static const char SQL_TRYOUT_STATS[] =
	"SELECT COUNT(*), COALESCE(AVG(rating), 0),"
	" COALESCE(SUM(CASE WHEN rating = 1 THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN rating = 2 THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN rating = 3 THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN rating = 4 THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN rating = 5 THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN would_work = 'yes' THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN would_work = 'maybe' THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN would_work = 'no' THEN 1 ELSE 0 END), 0)"
	" FROM tryout WHERE item_id = ?1";
/* The teams of the people who tried the item: in the meeting's network when the
 * try-out names a meeting, else every team of the person. */
static const char SQL_TRYOUT_DISTRICTS[] =
	"SELECT t.district_id, o.name, COUNT(DISTINCT t.id), COUNT(DISTINCT tr.person_id)"
	" FROM tryout tr"
	" JOIN team_member m ON m.person_id = tr.person_id"
	" JOIN team t ON t.id = m.team_id"
	" JOIN organization o ON o.id = t.district_id"
	" LEFT JOIN meeting mt ON mt.id = tr.meeting_id"
	" WHERE tr.item_id = ?1 AND (tr.meeting_id IS NULL OR t.network_id = mt.network_id)"
	" GROUP BY t.district_id, o.name ORDER BY o.name, t.district_id";

const struct rec_entity tryout_entity = {
	.name = "tryout",
	.plural = "tryouts",
	.title = "try-out",
	.fields = tryout_fields,
	.nfields = sizeof(tryout_fields) / sizeof(tryout_fields[0]),
	.filters = tryout_filters,
	.nfilters = sizeof(tryout_filters) / sizeof(tryout_filters[0]),
	.table = "tryout",
	.deletable = 1,
	.check = NULL,
};

int tryout_summary_brief(struct store *db, int64_t item_id, struct tryout_summary *out,
			 struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	struct store_stmt *q = store_prepare(db, SQL_TRYOUT_STATS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, item_id);
	int rc = store_step(q, err);
	if (rc == 1) {
		out->count = store_col_int(q, 0);
		out->rating_avg = store_col_double(q, 1);
		for (int i = 0; i < 5; i++)
			out->ratings[i] = store_col_int(q, 2 + i);
		out->yes = store_col_int(q, 7);
		out->maybe = store_col_int(q, 8);
		out->no = store_col_int(q, 9);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int tryout_summary(struct store *db, struct arena *a, int64_t item_id,
		   struct tryout_summary *out, struct cn_err *err)
{
	if (tryout_summary_brief(db, item_id, out, err))
		return -1;
	if (out->count == 0)
		return 0;
	struct store_stmt *q = store_prepare(db, SQL_TRYOUT_DISTRICTS, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, item_id);
	size_t cap = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		out->districts = arena_grow(a, out->districts, sizeof(*out->districts),
					    out->ndistricts, &cap);
		struct tryout_district *d = &out->districts[out->ndistricts++];
		d->district_id = store_col_int(q, 0);
		d->name = store_col_dup(q, 1, a);
		d->teams = store_col_int(q, 2);
		d->people = store_col_int(q, 3);
		out->teams += d->teams;
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int tryout_list(struct store *db, struct arena *a, int64_t item_id, struct rec_list *out,
		struct cn_err *err)
{
	struct rec *item = NULL;
	if (rec_get(db, a, &library_item_entity, item_id, &item, err))
		return -1;
	return rec_list_where(db, a, &tryout_entity, SQL_TRYOUT_OF_ITEM, item_id, out, err);
}

void tryout_summary_json(struct jw *w, const struct tryout_summary *s)
{
	jw_obj_begin(w);
	jw_kv_int(w, "count", s->count);
	jw_key(w, "rating_avg");
	if (s->count > 0)
		jw_double(w, (double)(int64_t)(s->rating_avg * 100.0 + 0.5) / 100.0);
	else
		jw_null(w);
	jw_key(w, "ratings");
	jw_arr_begin(w);
	for (int i = 0; i < 5; i++)
		jw_int(w, s->ratings[i]);
	jw_arr_end(w);
	jw_key(w, "would_work");
	jw_obj_begin(w);
	jw_kv_int(w, "yes", s->yes);
	jw_kv_int(w, "maybe", s->maybe);
	jw_kv_int(w, "no", s->no);
	jw_obj_end(w);
	jw_kv_int(w, "teams", s->teams);
	jw_key(w, "districts");
	jw_arr_begin(w);
	for (size_t i = 0; i < s->ndistricts; i++) {
		const struct tryout_district *d = &s->districts[i];
		jw_obj_begin(w);
		jw_kv_int(w, "district_id", d->district_id);
		jw_kv_str(w, "name", d->name);
		jw_kv_int(w, "teams", d->teams);
		jw_kv_int(w, "people", d->people);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}
