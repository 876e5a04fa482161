/* network: leadership networks, their facilitators, and the listing of people linked
 * to a network, team or meeting (network_person), shared by team.c and attendance.c. */
#include "app/network/network.h"

#include <string.h>

#include "app/audit.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "core/buf.h"
#include "core/timeutil.h"

const char *const network_content_areas[] = {
	"mathematics",	"english_language_arts", "science",	    "social_studies",
	"arts_humanities", "world_languages",	   "career_technical", "health_physical_education",
	"early_childhood", "special_education",   "english_learners", "leadership",
	"other",	   NULL};

static const struct rec_field network_fields[] = {
	{.name = "name", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 200,
	 .help = "e.g. Green River Mathematics Leadership Network"},
	{.name = "content_area", .type = REC_ENUM, .flags = REC_REQUIRED,
	 .choices = network_content_areas,
	 .help = "mathematics, english_language_arts, science, ... or other"},
	{.name = "region_id", .type = REC_REF, .ref = &org_entity,
	 .help = "the cooperative (or state agency) that runs it"},
	{.name = "school_year", .type = REC_SCHOOL_YEAR, .flags = REC_REQUIRED,
	 .help = "e.g. 2026-27"},
	{.name = "description", .type = REC_LONGTEXT, .max = 5000, .help = "purpose and focus"},
	{.name = "active", .type = REC_BOOL, .def = "true", .help = "false once it has ended"},
};

static const struct rec_filter network_filters[] = {
	{.name = "school_year", .type = REC_SCHOOL_YEAR, .help = "only this school year"},
	{.name = "region_id", .type = REC_REF, .help = "only networks of this region"},
	{.name = "content_area", .type = REC_ENUM, .choices = network_content_areas,
	 .help = "only this content area"},
	{.name = "person_id", .type = REC_REF,
	 .where = "EXISTS (SELECT 1 FROM network_facilitator f"
		  " WHERE f.network_id = network.id AND f.person_id = ?)"
		  " OR EXISTS (SELECT 1 FROM team t JOIN team_member m ON m.team_id = t.id"
		  " WHERE t.network_id = network.id AND m.person_id = ?)",
	 .help = "networks this person facilitates or belongs to"},
};

static int network_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
			 struct cn_err *err)
{
	(void)old;
	int64_t region = rec_int(r, "region_id");
	if (region == 0)
		return 0;
	const char *kind = org_kind(db, a, region, err);
	if (kind == NULL)
		return -1;
	if (strcmp(kind, "cooperative") != 0 && strcmp(kind, "state") != 0)
		return cn_err_field(err, CN_ERR_INPUT, "region_id",
				    "organization %lld is a %s; a network's region is a "
				    "cooperative or the state agency",
				    (long long)region, kind);
	return 0;
}

const struct rec_entity network_entity = {
	.name = "network",
	.plural = "networks",
	.title = "network",
	.fields = network_fields,
	.nfields = sizeof(network_fields) / sizeof(network_fields[0]),
	.filters = network_filters,
	.nfilters = sizeof(network_filters) / sizeof(network_filters[0]),
	.table = "network",
	.check = network_check,
};

/* Facilitators and the people linked to networks, teams and meetings. */

static const char SQL_FAC_ADD[] =
	"INSERT INTO network_facilitator (network_id, person_id) VALUES (?1, ?2)"
	" ON CONFLICT (network_id, person_id) DO NOTHING";
static const char SQL_FAC_REMOVE[] =
	"DELETE FROM network_facilitator WHERE network_id = ?1 AND person_id = ?2";
static const char SQL_FAC_LIST[] =
	"SELECT p.id, p.given_name || ' ' || p.family_name, p.email, 'facilitator', 0"
	" FROM network_facilitator f JOIN person p ON p.id = f.person_id"
	" WHERE f.network_id = ?1 ORDER BY p.family_name, p.given_name, p.id";

static int network_check_choice(const char *const *choices, const char *field, const char *v,
				struct cn_err *err)
{
	for (size_t i = 0; choices[i] != NULL; i++)
		if (v != NULL && strcmp(choices[i], v) == 0)
			return 0;
	return cn_err_field(err, CN_ERR_INPUT, field, "'%s' is not one of: %s, %s%s%s",
			    v ? v : "", choices[0], choices[1], choices[2] ? ", " : "",
			    choices[2] ? choices[2] : "");
}

int network_link_person(struct store *db, const struct actor *who, const struct network_link *l,
			int64_t owner_id, int64_t person_id, const char *text, struct cn_err *err)
{
	if (l->choices != NULL && network_check_choice(l->choices, l->choice_field, text, err))
		return -1;
	const struct rec_entity *owner = l->owner;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct arena *a = arena_new();
	if (store_begin(db, err)) {
		arena_free(a);
		return -1;
	}
	struct rec *o = NULL, *p = NULL;
	if (rec_get(db, a, owner, owner_id, &o, err))
		goto fail;
	/* With may_link, a person who does not exist is refused as one who may not be
	 * linked: the answer tells nothing about who exists. */
	if (rec_get(db, a, &person_entity, person_id, &p, err) &&
	    (err->kind != CN_ERR_NOT_FOUND || l->may_link == NULL)) {
		cn_err_field(err, err->kind == CN_ERR_NOT_FOUND ? CN_ERR_INPUT : err->kind,
			     "person_id", "there is no person with id %lld", (long long)person_id);
		goto fail;
	}
	if (l->may_link != NULL && l->may_link(db, a, o, person_id, err))
		goto fail;
	if (p == NULL) {
		cn_err_field(err, CN_ERR_INPUT, "person_id", "there is no person with id %lld",
			     (long long)person_id);
		goto fail;
	}
	struct store_stmt *q = store_prepare(db, l->sql, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, owner_id);
	store_bind_int(q, 2, person_id);
	if (text != NULL)
		store_bind_text(q, 3, text);
	if (l->with_time)
		store_bind_text(q, 4, now);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (l->must_change && store_changes(db) == 0) {
		cn_err_set(err, CN_ERR_NOT_FOUND, "person %lld is not %s %s %lld",
			   (long long)person_id, l->what, owner->title, (long long)owner_id);
		goto fail;
	}
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_str(&w, "change", l->what);
	jw_kv_int(&w, "person_id", person_id);
	if (text != NULL)
		jw_kv_str(&w, "value", text);
	jw_obj_end(&w);
	rc = audit_record(db, who, "update", owner->name, owner_id, NULL, buf_str(&b), err);
	buf_free(&b);
	if (rc)
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
	arena_free(a);
	return -1;
}

int network_people_query(struct store *db, struct arena *a, const char *sql, int64_t id,
			 struct network_people *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	size_t cap = 16;
	out->items = arena_alloc(a, sizeof(struct network_person) * cap);
	out->count = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		if (out->count == cap) {
			struct network_person *bigger =
				arena_alloc(a, sizeof(struct network_person) * cap * 2);
			memcpy(bigger, out->items, sizeof(struct network_person) * cap);
			out->items = bigger;
			cap *= 2;
		}
		struct network_person *p = &out->items[out->count++];
		p->person_id = store_col_int(q, 0);
		p->name = store_col_dup(q, 1, a);
		p->email = store_col_dup(q, 2, a);
		p->role = store_col_dup(q, 3, a);
		p->team_id = store_col_int(q, 4);
		p->former = 0;
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int network_facilitator_add(struct store *db, const struct actor *who, int64_t network_id,
			    int64_t person_id, struct cn_err *err)
{
	static const struct network_link add = {.sql = SQL_FAC_ADD, .owner = &network_entity,
						.what = "facilitator of"};
	return network_link_person(db, who, &add, network_id, person_id, NULL, err);
}

int network_facilitator_remove(struct store *db, const struct actor *who, int64_t network_id,
			       int64_t person_id, struct cn_err *err)
{
	static const struct network_link remove = {.sql = SQL_FAC_REMOVE, .owner = &network_entity,
						   .what = "a facilitator of", .must_change = 1};
	return network_link_person(db, who, &remove, network_id, person_id, NULL, err);
}

int network_facilitators(struct store *db, struct arena *a, int64_t network_id,
			 struct network_people *out, struct cn_err *err)
{
	return network_people_query(db, a, SQL_FAC_LIST, network_id, out, err);
}

void network_people_json(struct jw *w, const struct network_people *people)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < people->count; i++) {
		const struct network_person *p = &people->items[i];
		jw_obj_begin(w);
		jw_kv_int(w, "person_id", p->person_id);
		jw_kv_str(w, "name", p->name);
		jw_kv_str(w, "email", p->email);
		jw_kv_str(w, "role", p->role);
		if (p->team_id != 0)
			jw_kv_int(w, "team_id", p->team_id);
		if (p->former)
			jw_kv_bool(w, "membership_ended", 1);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}
