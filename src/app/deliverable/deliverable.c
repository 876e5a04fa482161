/* deliverable: the entity, its versions, status, alignments, contributors, derivation
 * and lineage (rules in deliverable.h). */
#include "app/deliverable/deliverable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/deliverable/deliverable_lineage.h"
#include "app/network/network.h"
#include "app/notice.h"
#include "app/org/person.h"
#include "app/access/policy.h"
#include "app/setting.h"
#include "app/deliverable/similarity.h"
#include "app/deliverable/target.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/uuid.h"
#include "app/network/team.h"

static const char *const deliverable_kinds[] = {"learning_target_set", "instructional_resource",
						"assessment", "unit", "other", NULL};
static const char *const deliverable_statuses[] = {"draft", "in_review", "published", NULL};

static const struct rec_field deliverable_fields[] = {
	{.name = "network_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &network_entity, .help = "the network it is made in"},
	{.name = "team_id", .type = REC_REF, .ref = &team_entity,
	 .help = "the district team that owns it (a team of the same network)"},
	{.name = "kind", .type = REC_ENUM, .flags = REC_REQUIRED | REC_FIXED,
	 .choices = deliverable_kinds,
	 .help = "learning_target_set, instructional_resource, assessment, unit or other"},
	{.name = "title", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 200,
	 .help = "e.g. Grade 5 fractions: learning targets"},
	{.name = "status", .type = REC_ENUM, .flags = REC_READONLY, .choices = deliverable_statuses,
	 .def = "draft", .help = "draft, in_review or published (changed by submit/publish/...)"},
	{.name = "derived_from_version_id", .type = REC_REF, .flags = REC_READONLY | REC_FIXED,
	 .help = "the published version it was adapted from (set by derive)"},
	{.name = "context_note", .type = REC_LONGTEXT, .max = DELIVERABLE_CONTEXT_MAX,
	 .help = "for an adaptation: what we changed for our schools and why"},
	{.name = "created_by", .type = REC_REF, .flags = REC_READONLY | REC_FIXED,
	 .ref = &person_entity, .help = "who created it"},
	{.name = "identifier", .type = REC_TEXT, .flags = REC_READONLY | REC_FIXED, .max = 36,
	 .help = "a UUID, its CASE identifier when exported"},
};

static const struct rec_filter deliverable_filters[] = {
	{.name = "network_id", .type = REC_REF, .help = "deliverables of this network"},
	{.name = "team_id", .type = REC_REF, .help = "deliverables of this team"},
	{.name = "kind", .type = REC_ENUM, .choices = deliverable_kinds, .help = "only this kind"},
	{.name = "status", .type = REC_ENUM, .choices = deliverable_statuses,
	 .help = "only this status"},
};

static const char SQL_DLV_TOUCH[] =
	"UPDATE deliverable SET updated_at = ?1, version = version + 1 WHERE id = ?2";
static const char SQL_DLV_STATUS[] =
	"UPDATE deliverable SET status = ?1, updated_at = ?2, version = version + 1"
	" WHERE id = ?3 AND version = ?4";
static const char SQL_TEAM_NETWORK[] = "SELECT network_id, name FROM team WHERE id = ?1";

#define VERSION_COLS                                                                          \
	"v.id, v.deliverable_id, v.number, v.author_id, p.given_name || ' ' || p.family_name," \
	" v.change_note, v.source_similarity, v.published_at, v.created_at"
static const char SQL_VERSION_LIST[] =
	"SELECT " VERSION_COLS ", NULL FROM deliverable_version v"
	" LEFT JOIN person p ON p.id = v.author_id WHERE v.deliverable_id = ?1 ORDER BY v.number";
static const char SQL_VERSION_GET[] =
	"SELECT " VERSION_COLS ", v.body FROM deliverable_version v"
	" LEFT JOIN person p ON p.id = v.author_id WHERE v.id = ?1";
static const char SQL_VERSION_NUMBER[] =
	"SELECT " VERSION_COLS ", v.body FROM deliverable_version v"
	" LEFT JOIN person p ON p.id = v.author_id WHERE v.deliverable_id = ?1 AND v.number = ?2";
static const char SQL_VERSION_LATEST[] =
	"SELECT " VERSION_COLS ", v.body FROM deliverable_version v"
	" LEFT JOIN person p ON p.id = v.author_id WHERE v.deliverable_id = ?1"
	" ORDER BY v.number DESC LIMIT 1";
static const char SQL_VERSION_MAX[] =
	"SELECT COALESCE(MAX(number), 0) FROM deliverable_version WHERE deliverable_id = ?1";
static const char SQL_VERSION_INSERT[] =
	"INSERT INTO deliverable_version (deliverable_id, number, body, author_id, change_note,"
	" source_similarity, published_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	" RETURNING id";
static const char SQL_VERSION_ANY_PUBLISHED[] =
	"SELECT COUNT(*) FROM deliverable_version WHERE deliverable_id = ?1"
	" AND published_at IS NOT NULL";
static const char SQL_VERSION_PUBLISH[] =
	"UPDATE deliverable_version SET published_at = ?1 WHERE id = ?2 AND published_at IS NULL";

static const char SQL_CONTRIB_DISTRICT[] =
	"SELECT t.district_id FROM team t JOIN team_member m ON m.team_id = t.id"
	" WHERE t.network_id = ?1 AND m.person_id = ?2"
	" ORDER BY CASE WHEN t.id = ?3 THEN 0 ELSE 1 END, t.id LIMIT 1";
static const char SQL_CONTRIB_ADD[] =
	"INSERT INTO deliverable_contributor (deliverable_id, person_id, district_id)"
	" VALUES (?1, ?2, ?3) ON CONFLICT (deliverable_id, person_id) DO UPDATE"
	" SET district_id = COALESCE(deliverable_contributor.district_id, excluded.district_id)";
static const char SQL_CONTRIB_LIST[] =
	"SELECT c.person_id, p.given_name || ' ' || p.family_name, p.email, c.district_id, o.name"
	" FROM deliverable_contributor c JOIN person p ON p.id = c.person_id"
	" LEFT JOIN organization o ON o.id = c.district_id WHERE c.deliverable_id = ?1"
	" ORDER BY p.family_name, p.given_name, p.id";

static const char SQL_STD_ADD[] =
	"INSERT INTO deliverable_standard (deliverable_id, cf_item_id) VALUES (?1, ?2)"
	" ON CONFLICT (deliverable_id, cf_item_id) DO NOTHING";
static const char SQL_STD_REMOVE[] =
	"DELETE FROM deliverable_standard WHERE deliverable_id = ?1 AND cf_item_id = ?2";
static const char SQL_STD_LIST[] =
	"SELECT i.id, i.identifier, i.human_coding_scheme, i.full_statement, i.uri"
	" FROM deliverable_standard s JOIN cf_item i ON i.id = s.cf_item_id"
	" WHERE s.deliverable_id = ?1 ORDER BY i.human_coding_scheme, i.id";
static const char SQL_STD_COPY[] =
	"INSERT INTO deliverable_standard (deliverable_id, cf_item_id)"
	" SELECT ?1, cf_item_id FROM deliverable_standard WHERE deliverable_id = ?2";
static const char SQL_ITEM_BY_ID[] = "SELECT id FROM cf_item WHERE id = ?1";
static const char SQL_ITEM_BY_KEY[] =
	"SELECT id FROM cf_item WHERE identifier = ?1 OR human_coding_scheme = ?1"
	" ORDER BY id LIMIT 2";

/* The entity. */

static int deliverable_check(struct store *db, struct arena *a, struct rec *r,
			     const struct rec *old, struct cn_err *err)
{
	int64_t team = rec_int(r, "team_id");
	if (team != 0) {
		struct store_stmt *q = store_prepare(db, SQL_TEAM_NETWORK, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, team);
		int rc = store_step(q, err);
		int64_t net = rc == 1 ? store_col_int(q, 0) : 0;
		store_done(q);
		if (rc < 0)
			return -1;
		if (net != rec_int(r, "network_id"))
			return cn_err_field(err, CN_ERR_INPUT, "team_id",
					    "team %lld belongs to network %lld, not to network %lld;"
					    " pick a team of the deliverable's network",
					    (long long)team, (long long)net,
					    (long long)rec_int(r, "network_id"));
	}
	if (!rec_is_null(r, "derived_from_version_id") && rec_is_null(r, "context_note"))
		return cn_err_field(err, CN_ERR_INPUT, "context_note",
				    "an adaptation needs its note: what you changed for your "
				    "schools and why");
	if (old == NULL && rec_is_null(r, "identifier")) {
		char id[UUID_TEXT_LEN];
		uuid_random(id);
		if (rec_put_text(r, a, "identifier", id, err))
			return -1;
	}
	return 0;
}

const struct rec_entity deliverable_entity = {
	.name = "deliverable",
	.plural = "deliverables",
	.title = "deliverable",
	.fields = deliverable_fields,
	.nfields = sizeof(deliverable_fields) / sizeof(deliverable_fields[0]),
	.filters = deliverable_filters,
	.nfilters = sizeof(deliverable_filters) / sizeof(deliverable_filters[0]),
	.table = "deliverable",
	.check = deliverable_check,
};

/* Versions. */

int deliverable_check_body(const char *body, size_t n, struct cn_err *err)
{
	if (n > DELIVERABLE_BODY_MAX)
		return cn_err_field(err, CN_ERR_TOO_LARGE, "body",
				    "is %zu bytes; at most %d bytes (200 KB) are allowed: split it "
				    "into several deliverables or link to the larger files",
				    n, DELIVERABLE_BODY_MAX);
	size_t bad = 0;
	if (!utf8_valid(body, n, &bad))
		return cn_err_field(err, CN_ERR_INPUT, "body",
				    body[bad] == '\0' ? "has a NUL byte at byte %zu; it must be text"
						      : "is not valid UTF-8 (byte %zu); save the "
							"file as UTF-8",
				    bad + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)body[i];
		if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)
			return cn_err_field(err, CN_ERR_INPUT, "body",
					    "has a control character (0x%02x) at byte %zu", c, i + 1);
	}
	return 0;
}

/* Reads a version row (VERSION_COLS then the body or NULL). */
static void deliverable_read_version(struct store_stmt *q, struct arena *a,
				     const struct similarity_thresholds *t,
				     struct deliverable_version *v)
{
	memset(v, 0, sizeof(*v));
	v->id = store_col_int(q, 0);
	v->deliverable_id = store_col_int(q, 1);
	v->number = store_col_int(q, 2);
	v->author_id = store_col_int(q, 3);
	v->author_name = store_col_dup(q, 4, a);
	v->change_note = store_col_dup(q, 5, a);
	v->has_similarity = !store_col_is_null(q, 6);
	if (v->has_similarity) {
		v->similarity = store_col_double(q, 6);
		v->similarity_class = similarity_class_name(similarity_classify(v->similarity, t));
	}
	v->published_at = store_col_dup(q, 7, a);
	v->created_at = store_col_dup(q, 8, a);
	v->body = store_col_dup(q, 9, a);
	v->body_len = v->body ? strlen(v->body) : 0;
}

/* Runs a version query with one or two int parameters; 0 found, -1 error/absent. */
static int deliverable_version_query(struct store *db, struct arena *a, const char *sql,
				     int64_t p1, int64_t p2, struct deliverable_version *out,
				     const char *what, struct cn_err *err)
{
	struct similarity_thresholds t;
	if (setting_thresholds(db, &t, err))
		return -1;
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p1);
	if (p2 != 0)
		store_bind_int(q, 2, p2);
	int rc = store_step(q, err);
	if (rc == 1)
		deliverable_read_version(q, a, &t, out);
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "%s", what);
	return rc < 0 ? -1 : 0;
}

int deliverable_version_get(struct store *db, struct arena *a, int64_t version_id,
			    struct deliverable_version *out, struct cn_err *err)
{
	char what[96];
	snprintf(what, sizeof(what), "there is no deliverable version with id %lld",
		 (long long)version_id);
	return deliverable_version_query(db, a, SQL_VERSION_GET, version_id, 0, out, what, err);
}

int deliverable_version_find(struct store *db, struct arena *a, int64_t id, int64_t number,
			     struct deliverable_version *out, struct cn_err *err)
{
	struct rec *d = NULL;
	if (rec_get(db, a, &deliverable_entity, id, &d, err))
		return -1;
	char what[128];
	if (number == 0)
		snprintf(what, sizeof(what), "deliverable %lld has no version yet; save one first",
			 (long long)id);
	else
		snprintf(what, sizeof(what), "deliverable %lld has no version %lld", (long long)id,
			 (long long)number);
	return deliverable_version_query(db, a, number ? SQL_VERSION_NUMBER : SQL_VERSION_LATEST,
					 id, number, out, what, err);
}

int deliverable_versions(struct store *db, struct arena *a, int64_t id,
			 struct deliverable_versions *out, struct cn_err *err)
{
	struct similarity_thresholds t;
	struct rec *d = NULL;
	if (rec_get(db, a, &deliverable_entity, id, &d, err) || setting_thresholds(db, &t, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_VERSION_LIST, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	size_t cap = 8;
	out->items = arena_alloc(a, sizeof(*out->items) * cap);
	out->count = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		out->items = arena_grow(a, out->items, sizeof(*out->items), out->count, &cap);
		deliverable_read_version(q, a, &t, &out->items[out->count++]);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

void deliverable_versions_keep_published(struct deliverable_versions *v)
{
	size_t kept = 0;
	for (size_t i = 0; i < v->count; i++)
		if (v->items[i].published_at != NULL)
			v->items[kept++] = v->items[i];
	v->count = kept;
}

/* Runs a statement with int parameters p[0..n) and no result rows. */
static int deliverable_run(struct store *db, const char *sql, const int64_t *p, size_t n,
			   struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		store_bind_id(q, (int)i + 1, p[i]);
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

static int64_t deliverable_scalar(struct store *db, const char *sql, int64_t p1, int64_t p2,
				  int64_t p3, struct cn_err *err, int *found)
{
	struct store_stmt *q = store_prepare(db, sql, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, p1);
	if (p2)
		store_bind_int(q, 2, p2);
	if (p3)
		store_bind_int(q, 3, p3);
	int rc = store_step(q, err);
	int64_t v = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (found != NULL)
		*found = rc;
	return rc < 0 ? -1 : v;
}

/* The author's district through their team in the network, at this moment. */
static int deliverable_add_contributor(struct store *db, const struct rec *d, int64_t person,
				       struct cn_err *err)
{
	int found = 0;
	int64_t district = deliverable_scalar(db, SQL_CONTRIB_DISTRICT, rec_int(d, "network_id"),
					      person, rec_int(d, "team_id") ? rec_int(d, "team_id") : -1,
					      err, &found);
	if (found < 0)
		return -1;
	int64_t p[3] = {d->id, person, found == 1 ? district : 0};
	return deliverable_run(db, SQL_CONTRIB_ADD, p, 3, err);
}

static char *deliverable_version_audit(struct arena *a, const struct deliverable_version *v)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_int(&w, "deliverable_id", v->deliverable_id);
	jw_kv_int(&w, "number", v->number);
	jw_kv_id(&w, "author_id", v->author_id);
	jw_kv_str(&w, "change_note", v->change_note);
	jw_kv_int(&w, "bytes", (int64_t)v->body_len);
	if (v->has_similarity)
		jw_kv_double(&w, "source_similarity", v->similarity);
	jw_kv_str(&w, "published_at", v->published_at);
	jw_obj_end(&w);
	char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* Resolves the author: in's, else the actor's person; it must exist. */
static int deliverable_author(struct store *db, const struct actor *who, struct arena *a,
			      int64_t given, int64_t *out, struct cn_err *err)
{
	int64_t id = given ? given : who->person_id;
	if (id == 0)
		return cn_err_field(err, CN_ERR_INPUT, "author_id",
				    "a version needs its author: name the person who wrote it");
	struct rec *p = NULL;
	if (rec_get(db, a, &person_entity, id, &p, err))
		return cn_err_field(err, err->kind == CN_ERR_NOT_FOUND ? CN_ERR_INPUT : err->kind,
				    "author_id", "there is no person with id %lld", (long long)id);
	*out = id;
	return 0;
}

/* The author of a version of d: the person saving it. Only the command line's operator
 * (the system actor) records a version for someone else, and then that person must be
 * one who may save versions of d themself (its district's team, its contributors). */
static int deliverable_version_author(struct store *db, const struct actor *who,
				      struct arena *a, const struct rec *d, int64_t given,
				      int64_t *out, struct cn_err *err)
{
	if (!who->is_system) {
		if (given != 0 && given != who->person_id)
			return cn_err_field(err, CN_ERR_INPUT, "author_id",
					    "a version's author is the person who saves it; "
					    "leave the author out");
		given = who->person_id;
	}
	if (deliverable_author(db, who, a, given, out, err))
		return -1;
	if (!who->is_system || d->id == 0)
		return 0;
	struct actor as = {.person_id = *out, .label = "author"};
	struct cn_err why = {0};
	if (policy_check(policy_new(a, db, &as), POLICY_CREATE, "deliverable_version", d, &why) == 0)
		return 0;
	if (why.kind != CN_ERR_FORBIDDEN && why.kind != CN_ERR_UNAUTHENTICATED) {
		*err = why;
		return -1;
	}
	return cn_err_field(err, CN_ERR_INPUT, "author_id",
			    "person %lld may not save versions of deliverable %lld: only its "
			    "district's team and its contributors may; add them as a "
			    "contributor first",
			    (long long)*out, (long long)d->id);
}

/* Saves a version of d inside the caller's transaction. */
static int deliverable_save_tx(struct store *db, const struct actor *who, struct arena *a,
			       const struct rec *d, const struct deliverable_save *in,
			       struct deliverable_version *out, struct cn_err *err)
{
	const char *status = rec_text(d, "status");
	if (strcmp(status, "in_review") == 0)
		return cn_err_set(err, CN_ERR_CONFLICT,
				  "deliverable %lld is in review, so its versions are frozen; "
				  "return it to draft to save a new version",
				  (long long)d->id);
	int64_t author;
	if (deliverable_version_author(db, who, a, d, in->author_id, &author, err))
		return -1;
	if (in->change_note != NULL) {
		size_t n = strlen(in->change_note);
		if (!utf8_valid(in->change_note, n, NULL) ||
		    utf8_length(in->change_note, n) > DELIVERABLE_NOTE_MAX)
			return cn_err_field(err, CN_ERR_INPUT, "change_note",
					    "must be UTF-8 text of at most %d characters",
					    DELIVERABLE_NOTE_MAX);
	}
	int64_t last = deliverable_scalar(db, SQL_VERSION_MAX, d->id, 0, 0, err, NULL);
	if (last < 0)
		return -1;
	if (in->based_on != 0 && in->based_on != last)
		return cn_err_set(err, CN_ERR_STALE,
				  "deliverable %lld is at version %lld, not %lld: someone saved "
				  "since you started; compare with version %lld and save again",
				  (long long)d->id, (long long)last, (long long)in->based_on,
				  (long long)last);
	struct deliverable_version v = {0};
	v.deliverable_id = d->id;
	v.number = last + 1;
	v.author_id = author;
	v.body = in->body;
	v.body_len = strlen(in->body);
	v.change_note = in->change_note && in->change_note[0] ? in->change_note : NULL;
	int64_t source = rec_int(d, "derived_from_version_id");
	if (source != 0) {
		struct deliverable_version src;
		if (deliverable_version_get(db, a, source, &src, err))
			return -1;
		v.has_similarity = 1;
		v.similarity = similarity_texts(src.body, src.body_len, v.body, v.body_len);
	}
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	/* A new version of a published deliverable is a revision: the published version
	 * stays what others see until this one is reviewed and published. */
	v.published_at = NULL;
	v.created_at = arena_strdup(a, now);
	struct store_stmt *q = store_prepare(db, SQL_VERSION_INSERT, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, d->id);
	store_bind_int(q, 2, v.number);
	store_bind_text(q, 3, v.body);
	store_bind_int(q, 4, author);
	store_bind_text(q, 5, v.change_note);
	if (v.has_similarity)
		store_bind_double(q, 6, v.similarity);
	else
		store_bind_null(q, 6);
	store_bind_text(q, 7, v.published_at);
	store_bind_text(q, 8, now);
	int rc = store_step(q, err);
	v.id = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc != 1)
		return rc == 0 ? cn_err_set(err, CN_ERR_INTERNAL, "the version was not stored") : -1;
	if (deliverable_add_contributor(db, d, author, err))
		return -1;
	q = store_prepare(db, SQL_DLV_TOUCH, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, now);
	store_bind_int(q, 2, d->id);
	rc = store_step(q, err);
	store_done(q);
	if (rc < 0 || audit_record(db, who, "create", "deliverable_version", v.id, NULL,
				   deliverable_version_audit(a, &v), err))
		return -1;
	if (notice_deliverable_event(db, who, a, NOTICE_VERSION_SAVED, d->id, v.id, author, err))
		return -1;
	if (notice_tell_owners(db, who, a, d->id,
			       arena_printf(a, "New version %lld of %s", (long long)v.number, rec_text(d, "title")),
			       arena_printf(a, "Version %lld of \"%s\" was saved%s%s.",
					    (long long)v.number, rec_text(d, "title"),
					    v.change_note && v.change_note[0] ? ": " : "",
					    v.change_note && v.change_note[0] ? v.change_note : ""),
			       err))
		return -1;
	if (out != NULL) {
		struct deliverable_version saved;
		if (deliverable_version_get(db, a, v.id, &saved, err))
			return -1;
		*out = saved;
	}
	return 0;
}

int deliverable_save(struct store *db, const struct actor *who, struct arena *a, int64_t id,
		     const struct deliverable_save *in, struct deliverable_version *out,
		     struct cn_err *err)
{
	if (in->body == NULL)
		return cn_err_field(err, CN_ERR_INPUT, "body", "is required: the text to save");
	if (deliverable_check_body(in->body, strlen(in->body), err) || store_begin(db, err))
		return -1;
	struct rec *d = NULL;
	if (rec_get(db, a, &deliverable_entity, id, &d, err) ||
	    deliverable_save_tx(db, who, a, d, in, out, err)) {
		store_rollback(db);
		return -1;
	}
	return store_commit(db, err);
}

int deliverable_create(struct store *db, const struct actor *who, struct arena *a, struct rec *r,
		       int64_t author_id, const char *body, const char *change_note,
		       struct cn_err *err)
{
	int64_t author = author_id ? author_id : who->person_id;
	if (body != NULL && deliverable_check_body(body, strlen(body), err))
		return -1;
	if (store_begin(db, err))
		return -1;
	if (author != 0 && (deliverable_author(db, who, a, author, &author, err) ||
			    rec_put_int(r, "created_by", author, err)))
		goto fail;
	if (rec_create(db, who, a, r, err))
		goto fail;
	if (body != NULL) {
		struct deliverable_save in = {author, body, change_note, 0};
		if (deliverable_save_tx(db, who, a, r, &in, NULL, err))
			goto fail;
	}
	if (store_commit(db, err))
		return -1;
	struct rec *now = NULL;
	if (rec_get(db, a, &deliverable_entity, r->id, &now, err))
		return -1;
	*r = *now;
	return 0;
fail:
	store_rollback(db);
	return -1;
}

/* Status. */

struct deliverable_action {
	const char *name, *from, *to, *hint;
};

static const struct deliverable_action deliverable_actions[] = {
	{"submit", "draft", "in_review",
	 "submit takes a draft, or a published one with a new version (a revision)"},
	{"publish", "in_review", "published", "publish takes a deliverable in review (submit it first)"},
	{"return", "in_review", "draft", "return takes a deliverable in review"},
	{"withdraw", "published", "draft", "withdraw takes a published deliverable"},
};

int deliverable_transition(struct store *db, const struct actor *who, struct arena *a,
			   int64_t id, const char *action, int64_t expected_version,
			   struct rec **out, struct cn_err *err)
{
	const struct deliverable_action *act = NULL;
	for (size_t i = 0; i < sizeof(deliverable_actions) / sizeof(deliverable_actions[0]); i++)
		if (action != NULL && strcmp(deliverable_actions[i].name, action) == 0)
			act = &deliverable_actions[i];
	if (act == NULL)
		return cn_err_field(err, CN_ERR_INPUT, "action",
				    "'%s' is not a status change; use submit, publish, return or "
				    "withdraw",
				    action ? action : "");
	if (store_begin(db, err))
		return -1;
	struct rec *old = NULL, *saved = NULL;
	if (rec_get(db, a, &deliverable_entity, id, &old, err))
		goto fail;
	if (expected_version != 0 && old->version != expected_version) {
		cn_err_set(err, CN_ERR_STALE,
			   "the deliverable %lld was changed by someone else since you read it (it "
			   "is now version %lld); reload it and try again",
			   (long long)id, (long long)old->version);
		goto fail;
	}
	const char *status = rec_text(old, "status");
	struct deliverable_version latest;
	int has_version = deliverable_version_find(db, a, id, 0, &latest, err) == 0;
	if (!has_version && err->kind != CN_ERR_NOT_FOUND)
		goto fail;
	int64_t was_published = 0;
	if (has_version && (was_published = deliverable_scalar(db, SQL_VERSION_ANY_PUBLISHED, id, 0,
							       0, err, NULL)) < 0)
		goto fail;
	/* A revision (a version saved after publishing) is submitted from published. */
	int revision = strcmp(act->name, "submit") == 0 && strcmp(status, "published") == 0 &&
		       has_version && latest.published_at == NULL;
	if (strcmp(status, act->from) != 0 && !revision) {
		cn_err_field(err, CN_ERR_CONFLICT, "status",
			     "cannot %s deliverable %lld: it is %s; %s", act->name, (long long)id,
			     status, act->hint);
		goto fail;
	}
	if (!has_version && strcmp(act->to, "draft") != 0) {
		cn_err_set(err, CN_ERR_CONFLICT,
			   "deliverable %lld has no version yet; save one before you %s it",
			   (long long)id, act->name);
		goto fail;
	}
	/* A returned revision leaves the published version where it was. */
	const char *to = strcmp(act->name, "return") == 0 && was_published ? "published" : act->to;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct store_stmt *q = store_prepare(db, SQL_DLV_STATUS, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, to);
	store_bind_text(q, 2, now);
	store_bind_int(q, 3, id);
	store_bind_int(q, 4, old->version);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (strcmp(act->name, "publish") == 0) {
		q = store_prepare(db, SQL_VERSION_PUBLISH, err);
		if (q == NULL)
			goto fail;
		store_bind_text(q, 1, now);
		store_bind_int(q, 2, latest.id);
		rc = store_step(q, err);
		store_done(q);
		if (rc < 0)
			goto fail;
		/* A version published for the first time tells the derivatives' owners. */
		if (store_changes(db) == 1 && notice_source_published(db, who, a, latest.id, err))
			goto fail;
	}
	if (rec_get(db, a, &deliverable_entity, id, &saved, err))
		goto fail;
	struct buf before = BUF_INIT, after = BUF_INIT;
	struct jw w;
	jw_init(&w, &before);
	rec_to_json(&w, old);
	jw_init(&w, &after);
	rec_to_json(&w, saved);
	rc = audit_record(db, who, "update", "deliverable", id, buf_str(&before), buf_str(&after),
			  err);
	buf_free(&before);
	buf_free(&after);
	if (rc)
		goto fail;
	if (store_commit(db, err))
		return -1;
	if (out != NULL)
		*out = saved;
	return 0;
fail:
	store_rollback(db);
	return -1;
}

/* Standards. */

int deliverable_standard_resolve(struct store *db, const char *key, int64_t *cf_item_id,
				 struct cn_err *err)
{
	if (key == NULL || key[0] == '\0')
		return cn_err_field(err, CN_ERR_INPUT, "cf_item_id", "name a standard");
	int digits = strspn(key, "0123456789") == strlen(key);
	struct store_stmt *q = store_prepare(db, digits ? SQL_ITEM_BY_ID : SQL_ITEM_BY_KEY, err);
	if (q == NULL)
		return -1;
	if (digits)
		store_bind_int(q, 1, strtoll(key, NULL, 10));
	else
		store_bind_text(q, 1, key);
	int rc = store_step(q, err);
	int64_t id = rc == 1 ? store_col_int(q, 0) : 0;
	int more = rc == 1 ? store_step(q, err) : 0;
	store_done(q);
	if (rc < 0 || more < 0)
		return -1;
	if (rc == 0)
		return cn_err_field(err, CN_ERR_INPUT, "cf_item_id",
				    "no standard has the id, CASE identifier or code '%.100s'; "
				    "import the framework first or check the code",
				    key);
	if (more == 1)
		return cn_err_field(err, CN_ERR_INPUT, "cf_item_id",
				    "several standards have the code '%.100s'; give its id or CASE "
				    "identifier",
				    key);
	*cf_item_id = id;
	return 0;
}

static int deliverable_standard_change(struct store *db, const struct actor *who, int64_t id,
				       int64_t cf_item_id, int add, struct cn_err *err)
{
	struct arena *a = arena_new();
	char key[32];
	snprintf(key, sizeof(key), "%lld", (long long)cf_item_id);
	int64_t item = 0;
	struct rec *d = NULL;
	if (store_begin(db, err)) {
		arena_free(a);
		return -1;
	}
	if (rec_get(db, a, &deliverable_entity, id, &d, err) ||
	    deliverable_standard_resolve(db, key, &item, err))
		goto fail;
	int64_t p[2] = {id, item};
	if (deliverable_run(db, add ? SQL_STD_ADD : SQL_STD_REMOVE, p, 2, err))
		goto fail;
	if (!add && store_changes(db) == 0) {
		cn_err_set(err, CN_ERR_NOT_FOUND, "deliverable %lld is not aligned to standard %lld",
			   (long long)id, (long long)item);
		goto fail;
	}
	char *after = arena_printf(a, "{\"change\":\"%s\",\"cf_item_id\":%lld}",
				   add ? "align" : "unalign", (long long)item);
	if (audit_record(db, who, "update", "deliverable", id, NULL, after, err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
	arena_free(a);
	return -1;
}

int deliverable_standard_add(struct store *db, const struct actor *who, int64_t id,
			     int64_t cf_item_id, struct cn_err *err)
{
	return deliverable_standard_change(db, who, id, cf_item_id, 1, err);
}

int deliverable_standard_remove(struct store *db, const struct actor *who, int64_t id,
				int64_t cf_item_id, struct cn_err *err)
{
	return deliverable_standard_change(db, who, id, cf_item_id, 0, err);
}

int deliverable_standards(struct store *db, struct arena *a, int64_t id,
			  struct deliverable_standards *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_STD_LIST, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	size_t cap = 8;
	out->items = arena_alloc(a, sizeof(*out->items) * cap);
	out->count = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		out->items = arena_grow(a, out->items, sizeof(*out->items), out->count, &cap);
		struct deliverable_standard *s = &out->items[out->count++];
		s->cf_item_id = store_col_int(q, 0);
		s->identifier = store_col_dup(q, 1, a);
		s->code = store_col_dup(q, 2, a);
		s->statement = store_col_dup(q, 3, a);
		s->uri = store_col_dup(q, 4, a);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int deliverable_contributors(struct store *db, struct arena *a, int64_t id,
			     struct deliverable_contributors *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_CONTRIB_LIST, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	size_t cap = 8;
	out->items = arena_alloc(a, sizeof(*out->items) * cap);
	out->count = 0;
	out->districts = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		out->items = arena_grow(a, out->items, sizeof(*out->items), out->count, &cap);
		struct deliverable_contributor *c = &out->items[out->count++];
		c->person_id = store_col_int(q, 0);
		c->name = store_col_dup(q, 1, a);
		c->email = store_col_dup(q, 2, a);
		c->district_id = store_col_int(q, 3);
		c->district_name = store_col_dup(q, 4, a);
		int seen = c->district_id == 0;
		for (size_t k = 0; k + 1 < out->count && !seen; k++)
			seen = out->items[k].district_id == c->district_id;
		out->districts += !seen;
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

/* Derive. */

int deliverable_derive(struct store *db, const struct actor *who, struct arena *a,
		       int64_t source_version_id, const struct deliverable_derive *in,
		       struct rec **out, struct cn_err *err)
{
	struct deliverable_version src;
	struct rec *source = NULL, *team = NULL;
	if (deliverable_version_get(db, a, source_version_id, &src, err))
		return -1;
	/* A source the actor may not read is refused as if it did not exist. */
	int may = policy_may_read(policy_new(a, db, who), &deliverable_entity, src.deliverable_id,
				  err);
	if (may <= 0)
		return may < 0 ? -1
			       : cn_err_set(err, CN_ERR_NOT_FOUND,
					    "there is no deliverable version with id %lld",
					    (long long)source_version_id);
	if (src.published_at == NULL)
		return cn_err_field(err, CN_ERR_CONFLICT, "source_version_id",
				    "version %lld of deliverable %lld was never published; only "
				    "published versions can be adapted",
				    (long long)src.number, (long long)src.deliverable_id);
	if (in->team_id == 0)
		return cn_err_field(err, CN_ERR_INPUT, "team_id",
				    "name the team that adapts it (its own deliverable)");
	if (rec_get(db, a, &team_entity, in->team_id, &team, err))
		return cn_err_field(err, err->kind == CN_ERR_NOT_FOUND ? CN_ERR_INPUT : err->kind,
				    "team_id", "there is no team with id %lld",
				    (long long)in->team_id);
	if (in->context_note == NULL || in->context_note[strspn(in->context_note, " \t\r\n")] == '\0')
		return cn_err_field(err, CN_ERR_INPUT, "context_note",
				    "an adaptation needs its note: what you changed for your "
				    "schools and why");
	if (rec_get(db, a, &deliverable_entity, src.deliverable_id, &source, err))
		return -1;
	struct rec *r = rec_new(a, &deliverable_entity);
	if (rec_put_int(r, "network_id", rec_int(team, "network_id"), err) ||
	    rec_put_int(r, "team_id", in->team_id, err) ||
	    rec_put_text(r, a, "kind", rec_text(source, "kind"), err) ||
	    rec_put_text(r, a, "title", in->title ? in->title : rec_text(source, "title"), err) ||
	    rec_put_int(r, "derived_from_version_id", source_version_id, err) ||
	    rec_put_text(r, a, "context_note", in->context_note, err))
		return -1;
	if (store_begin(db, err))
		return -1;
	char *note = arena_printf(a, "Adapted from \"%s\" version %lld", rec_text(source, "title"),
				  (long long)src.number);
	if (deliverable_create(db, who, a, r, in->author_id, src.body, note, err))
		goto fail;
	int64_t p[2] = {r->id, source->id};
	if (deliverable_run(db, SQL_STD_COPY, p, 2, err) ||
	    target_copy_set(db, a, source->id, r->id, err))
		goto fail;
	if (store_commit(db, err))
		return -1;
	*out = r;
	return 0;
fail:
	store_rollback(db);
	return -1;
}

int deliverable_diff(struct store *db, struct arena *a, int64_t from_id, int64_t to_id,
		     struct diff *out, struct deliverable_version *from,
		     struct deliverable_version *to, struct cn_err *err)
{
	struct deliverable_version va, vb;
	if (deliverable_version_get(db, a, from_id, &va, err) ||
	    deliverable_version_get(db, a, to_id, &vb, err) ||
	    diff_texts(a, va.body, va.body_len, vb.body, vb.body_len, out, err))
		return -1;
	if (from != NULL)
		*from = va;
	if (to != NULL)
		*to = vb;
	return 0;
}

/* JSON. */

void deliverable_version_json(struct jw *w, const struct deliverable_version *v)
{
	jw_obj_begin(w);
	jw_kv_int(w, "id", v->id);
	jw_kv_int(w, "deliverable_id", v->deliverable_id);
	jw_kv_int(w, "number", v->number);
	jw_kv_id(w, "author_id", v->author_id);
	jw_kv_str(w, "author", v->author_name);
	jw_kv_str(w, "change_note", v->change_note);
	jw_key(w, "source_similarity");
	if (v->has_similarity)
		jw_double(w, v->similarity);
	else
		jw_null(w);
	jw_kv_str(w, "similarity_class", v->similarity_class);
	jw_kv_str(w, "published_at", v->published_at);
	jw_kv_str(w, "created_at", v->created_at);
	if (v->body != NULL)
		jw_kv_str(w, "body", v->body);
	jw_obj_end(w);
}

void deliverable_versions_json(struct jw *w, const struct deliverable_versions *v)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < v->count; i++)
		deliverable_version_json(w, &v->items[i]);
	jw_arr_end(w);
}

void deliverable_standards_json(struct jw *w, const struct deliverable_standards *s)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < s->count; i++) {
		jw_obj_begin(w);
		jw_kv_int(w, "cf_item_id", s->items[i].cf_item_id);
		jw_kv_str(w, "identifier", s->items[i].identifier);
		jw_kv_str(w, "code", s->items[i].code);
		jw_kv_str(w, "statement", s->items[i].statement);
		jw_kv_str(w, "uri", s->items[i].uri);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

void deliverable_contributors_json(struct jw *w, const struct deliverable_contributors *c)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < c->count; i++) {
		jw_obj_begin(w);
		jw_kv_int(w, "person_id", c->items[i].person_id);
		jw_kv_str(w, "name", c->items[i].name);
		jw_kv_str(w, "email", c->items[i].email);
		jw_kv_id(w, "district_id", c->items[i].district_id);
		jw_kv_str(w, "district", c->items[i].district_name);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

int deliverable_detail_json(struct store *db, struct arena *a, struct jw *w, int64_t id,
			    struct cn_err *err)
{
	struct rec *d = NULL;
	struct deliverable_standards s;
	struct deliverable_contributors c;
	struct deliverable_versions v;
	struct deliverable_lineage l;
	if (rec_get(db, a, &deliverable_entity, id, &d, err) ||
	    deliverable_standards(db, a, id, &s, err) ||
	    deliverable_contributors(db, a, id, &c, err) ||
	    deliverable_versions(db, a, id, &v, err) || deliverable_lineage(db, a, id, &l, err))
		return -1;
	jw_obj_begin(w);
	jw_key(w, "deliverable");
	rec_to_json(w, d);
	jw_key(w, "standards");
	deliverable_standards_json(w, &s);
	jw_key(w, "contributors");
	deliverable_contributors_json(w, &c);
	jw_kv_int(w, "districts", (int64_t)c.districts);
	jw_key(w, "versions");
	deliverable_versions_json(w, &v);
	jw_key(w, "lineage");
	deliverable_lineage_json(w, &l);
	jw_obj_end(w);
	return 0;
}
