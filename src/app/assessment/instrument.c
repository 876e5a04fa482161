/* instrument: instruments (their indicators are in indicator.c), the operations on a
 * network's copy, and the default instrument capnet ships. The
 * default's indicators are written for this project from the seeds' account of
 * capacity building (people, organizational, institutional and policy development;
 * job-embedded PLCs; adapting rather than duplicating), organized by the seven Kentucky
 * Professional Learning Standards. Shipped instruments (no network) are never edited:
 * every change goes to a network's copy, so assessments made on the default keep
 * meaning what they meant. */
#include "app/assessment/instrument.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/network/network.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "app/assessment/indicator.h"

const char *const instrument_standards[] = {
	"learning_communities", "leadership",	  "resources", "data",
	"learning_designs",	"implementation", "outcomes",  NULL};
static const char *const standard_titles[] = {
	"Learning Communities", "Leadership",	  "Resources", "Data",
	"Learning Designs",	"Implementation", "Outcomes",  NULL};
const char *const instrument_capacity_levels[] = {"people", "organizational", "institutional",
						  NULL};
static const char *const scale_labels[] = {"not yet", "emerging", "established", "sustained"};

static const char DEFAULT_NAME[] = "capnet default: Kentucky Professional Learning Standards";

struct default_indicator {
	const char *code;
	const char *level;
	const char *standard;
	const char *text;
};

/* The default instrument. Codes: two letters for the standard, then a number. */
static const struct default_indicator default_indicators[] = {
	{"LC.1", "people", "learning_communities",
	 "Teachers meet in professional learning communities during the school day, share goals "
	 "for their students' learning and hold themselves jointly responsible for reaching "
	 "them."},
	{"LC.2", "organizational", "learning_communities",
	 "PLC time is protected in every school's schedule, and PLCs follow an agreed cycle: "
	 "study a practice, try it out in classrooms, bring back evidence, reflect and adjust."},
	{"LC.3", "organizational", "learning_communities",
	 "The district keeps working relationships with other districts, higher education, the "
	 "regional cooperative and the state agency, through which its educators learn together "
	 "and share what they make."},
	{"LC.4", "institutional", "learning_communities",
	 "District policy counts PLC and coaching time as professional learning, so required "
	 "hours can be met in job-embedded work instead of whole-group days."},
	{"LE.1", "people", "leadership",
	 "District and school leaders can lead adult learning: they facilitate PLCs, model the "
	 "practices they ask of teachers and give useful feedback on classroom practice."},
	{"LE.2", "organizational", "leadership",
	 "A district leadership team, with teacher leaders from every school, plans the "
	 "district's professional learning, decides what to adapt from the network and carries "
	 "it back to the schools."},
	{"LE.3", "institutional", "leadership",
	 "Board and district policies name professional learning as a lever for improvement and "
	 "let leaders change calendars, roles and duties to make room for it."},
	{"LE.4", "people", "leadership",
	 "Leaders treat hard problems of teaching and learning as adaptive challenges: they "
	 "involve the people affected and learn their way forward instead of imposing a fixed "
	 "procedure."},
	{"RE.1", "people", "resources",
	 "Educators know where to find research-based strategies, tools and materials, and can "
	 "judge the strength of their evidence and their fit for their own students."},
	{"RE.2", "organizational", "resources",
	 "Time, money, staff and technology for professional learning are budgeted from the "
	 "needs assessment and checked for their effect, not spent out of habit."},
	{"RE.3", "institutional", "resources",
	 "Funding streams for professional learning (federal, state, grants) are coordinated in "
	 "one plan so that each serves the district's priorities rather than a separate "
	 "program."},
	{"DA.1", "people", "data",
	 "Teachers and leaders can read student, educator and school data and use it to decide "
	 "what they need to learn next."},
	{"DA.2", "organizational", "data",
	 "The district has routines for gathering classroom evidence (walkthroughs, student "
	 "work, common assessments) and for studying it together in PLCs."},
	{"DA.3", "institutional", "data",
	 "The district evaluates its professional learning at several levels, from "
	 "participants' reactions to student results, and revises its plan with what it finds."},
	{"LD.1", "people", "learning_designs",
	 "Educators try strategies out in their own classrooms between sessions and return "
	 "with evidence of how they went, rather than only hearing about them."},
	{"LD.2", "organizational", "learning_designs",
	 "Professional learning is designed for adults: active, collaborative, tied to each "
	 "teacher's content and students, and spread over the year rather than packed into "
	 "single days."},
	{"LD.3", "organizational", "learning_designs",
	 "The district adapts network materials to its own schools and students instead of "
	 "passing prepackaged sessions on unchanged."},
	{"IM.1", "people", "implementation",
	 "Teachers get sustained support while they put a new practice in place: coaching, "
	 "peer observation and follow-up in their PLCs."},
	{"IM.2", "organizational", "implementation",
	 "The professional-learning plan names owners, dates and progress checks, and the team "
	 "revises it when a check shows a goal at risk."},
	{"IM.3", "institutional", "implementation",
	 "Lasting structures (teacher-leader and coaching roles, growth and evaluation "
	 "processes) keep new practices going after the network year ends and when staff "
	 "change."},
	{"OU.1", "people", "outcomes",
	 "Educators can take the state's academic standards apart into learning targets and "
	 "build instructional resources aligned to them."},
	{"OU.2", "organizational", "outcomes",
	 "Teams create deliverables together (learning targets, units, assessments, "
	 "instructional resources), within the district and with other districts, and share "
	 "them."},
	{"OU.3", "institutional", "outcomes",
	 "Professional-learning goals are tied to the district's improvement plan and the "
	 "student outcomes it sets, and progress is reported against them."},
	{"OU.4", "people", "outcomes",
	 "Teachers can show, with student work and assessment results, how a practice they "
	 "learned changed learning in their classrooms."},
};

static const char SQL_INSTRUMENT_SHIPPED[] =
	"SELECT id FROM instrument WHERE network_id IS NULL ORDER BY id LIMIT 1";
static const char SQL_INSTRUMENT_OF_NETWORK[] =
	"SELECT id FROM instrument WHERE network_id = ?1 ORDER BY id DESC LIMIT 1";
static const char SQL_INSTRUMENT_NETWORK[] =
	"SELECT network_id IS NULL FROM instrument WHERE id = ?1";

static const char SQL_INDICATOR_ORDERED[] =
	"SELECT id, code, capacity_level, standard, text, position FROM indicator"
	" WHERE instrument_id = ?1 ORDER BY position, id";
static const char SQL_INDICATOR_BY_CODE[] =
	"SELECT id FROM indicator WHERE instrument_id = ?1 AND upper(code) = upper(?2)";
static const char SQL_INDICATOR_BY_ID[] =
	"SELECT id FROM indicator WHERE instrument_id = ?1 AND id = ?2";
static const char SQL_INDICATOR_SET_POSITION[] =
	"UPDATE indicator SET position = ?1, updated_at = ?2, version = version + 1"
	" WHERE id = ?3 AND position <> ?1";
static const char SQL_INDICATOR_RATED[] =
	"SELECT COUNT(*) FROM assessment_rating WHERE indicator_id = ?1";
static const char SQL_INDICATOR_LINKED[] =
	"SELECT COUNT(*) FROM goal_need WHERE indicator_id = ?1";
static const char SQL_INDICATOR_DELETE[] = "DELETE FROM indicator WHERE id = ?1";
static const char SQL_INDICATOR_COPY[] =
	"INSERT INTO indicator (instrument_id, code, capacity_level, standard, text, position,"
	" created_at, updated_at) SELECT ?1, code, capacity_level, standard, text, position,"
	" ?2, ?2 FROM indicator WHERE instrument_id = ?3";

const char *instrument_standard_title(const char *standard)
{
	for (size_t i = 0; instrument_standards[i] != NULL; i++)
		if (standard != NULL && strcmp(instrument_standards[i], standard) == 0)
			return standard_titles[i];
	return standard;
}

const char *instrument_level_title(const char *capacity_level)
{
	if (capacity_level != NULL && strcmp(capacity_level, "institutional") == 0)
		return "institutional (policy)";
	return capacity_level;
}

const char *instrument_scale_label(int level)
{
	return level >= 1 && level <= 4 ? scale_labels[level - 1] : NULL;
}

int instrument_is_shipped(struct store *db, int64_t id, struct cn_err *err)
{
	int64_t shipped = 0;
	int rc = store_query_int(db, SQL_INSTRUMENT_NETWORK, &id, 1, &shipped, err);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no instrument with id %lld",
				  (long long)id);
	return rc < 0 ? -1 : (int)shipped;
}

int instrument_of_network(struct store *db, int64_t network_id, int64_t *id,
			  struct cn_err *err)
{
	return store_query_int(db, SQL_INSTRUMENT_OF_NETWORK, &network_id, 1, id, err);
}

int instrument_refuse_shipped(struct cn_err *err, int64_t id)
{
	return cn_err_set(err, CN_ERR_CONFLICT,
			  "instrument %lld is capnet's default, shared by every network, and is "
			  "never edited; copy it for your network with `capnet assessment "
			  "instrument copy %lld --network-id N` and edit the copy",
			  (long long)id, (long long)id);
}

/* Instruments. */

static const struct rec_field instrument_fields[] = {
	{.name = "name", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 200,
	 .help = "e.g. Green River math network needs assessment"},
	{.name = "network_id", .type = REC_REF, .flags = REC_FIXED, .ref = &network_entity,
	 .help = "the network whose instrument it is"},
	{.name = "based_on_id", .type = REC_REF, .flags = REC_READONLY | REC_FIXED,
	 .ref = &instrument_entity, .help = "the instrument it was copied from"},
};

static const struct rec_filter instrument_filters[] = {
	{.name = "network_id", .type = REC_REF, .where = "network_id = ? OR network_id IS NULL",
	 .help = "instruments this network may use (its own and the default)"},
};

static int instrument_check(struct store *db, struct arena *a, struct rec *r,
			    const struct rec *old, struct cn_err *err)
{
	(void)db, (void)a;
	if (old != NULL && rec_is_null(old, "network_id"))
		return instrument_refuse_shipped(err, old->id);
	if (rec_is_null(r, "network_id"))
		return cn_err_field(err, CN_ERR_INPUT, "network_id",
				    "an instrument belongs to a network; give --network-id, or "
				    "copy the default with `capnet assessment instrument copy`");
	return 0;
}

const struct rec_entity instrument_entity = {
	.name = "instrument",
	.plural = "instruments",
	.title = "instrument",
	.fields = instrument_fields,
	.nfields = sizeof(instrument_fields) / sizeof(instrument_fields[0]),
	.filters = instrument_filters,
	.nfilters = sizeof(instrument_filters) / sizeof(instrument_filters[0]),
	.table = "instrument",
	.check = instrument_check,
};

/* Loading and rendering. */

int instrument_load(struct store *db, struct arena *a, int64_t id, struct instrument_full *out,
		    struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	if (rec_get(db, a, &instrument_entity, id, &out->instrument, err))
		return -1;
	out->shipped = rec_is_null(out->instrument, "network_id");
	struct store_stmt *q = store_prepare(db, SQL_INDICATOR_ORDERED, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	size_t cap = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		out->indicators = arena_grow(a, out->indicators, sizeof(*out->indicators), out->count, &cap);
		struct instrument_indicator *in = &out->indicators[out->count++];
		in->id = store_col_int(q, 0);
		in->code = store_col_dup(q, 1, a);
		in->capacity_level = store_col_dup(q, 2, a);
		in->standard = store_col_dup(q, 3, a);
		in->text = store_col_dup(q, 4, a);
		in->position = store_col_int(q, 5);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

void instrument_indicators_json(struct jw *w, const struct instrument_full *in)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < in->count; i++) {
		const struct instrument_indicator *d = &in->indicators[i];
		jw_obj_begin(w);
		jw_kv_int(w, "id", d->id);
		jw_kv_str(w, "code", d->code);
		jw_kv_str(w, "standard", d->standard);
		jw_kv_str(w, "standard_title", instrument_standard_title(d->standard));
		jw_kv_str(w, "capacity_level", d->capacity_level);
		jw_kv_str(w, "text", d->text);
		jw_kv_int(w, "position", d->position);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

void instrument_json(struct jw *w, const struct instrument_full *in)
{
	const struct rec *r = in->instrument;
	jw_obj_begin(w);
	jw_kv_int(w, "id", r->id);
	jw_kv_int(w, "version", r->version);
	jw_kv_str(w, "name", rec_text(r, "name"));
	jw_kv_id(w, "network_id", rec_int(r, "network_id"));
	jw_kv_id(w, "based_on_id", rec_int(r, "based_on_id"));
	jw_kv_bool(w, "shipped", in->shipped);
	jw_key(w, "scale");
	jw_arr_begin(w);
	for (int level = 1; level <= 4; level++) {
		jw_obj_begin(w);
		jw_kv_int(w, "level", level);
		jw_kv_str(w, "label", instrument_scale_label(level));
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "by_standard");
	jw_obj_begin(w);
	for (size_t s = 0; instrument_standards[s] != NULL; s++) {
		int64_t n = 0;
		for (size_t i = 0; i < in->count; i++)
			n += strcmp(in->indicators[i].standard, instrument_standards[s]) == 0;
		jw_kv_int(w, instrument_standards[s], n);
	}
	jw_obj_end(w);
	jw_key(w, "by_level");
	jw_obj_begin(w);
	for (size_t l = 0; instrument_capacity_levels[l] != NULL; l++) {
		int64_t n = 0;
		for (size_t i = 0; i < in->count; i++)
			n += strcmp(in->indicators[i].capacity_level,
				    instrument_capacity_levels[l]) == 0;
		jw_kv_int(w, instrument_capacity_levels[l], n);
	}
	jw_obj_end(w);
	jw_key(w, "indicators");
	instrument_indicators_json(w, in);
	jw_kv_str(w, "created_at", r->created_at);
	jw_kv_str(w, "updated_at", r->updated_at);
	jw_obj_end(w);
}

/* Writes an audit event whose after-image is the instrument as JSON. */
static int instrument_audit(struct store *db, const struct actor *who, struct arena *a,
			    const char *action, int64_t id, const char *change, struct cn_err *err)
{
	struct instrument_full in;
	if (instrument_load(db, a, id, &in, err))
		return -1;
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (change != NULL) {
		jw_obj_begin(&w);
		jw_kv_str(&w, "change", change);
		jw_kv_int(&w, "indicators", (int64_t)in.count);
		jw_obj_end(&w);
	} else {
		instrument_json(&w, &in);
	}
	int rc = audit_record(db, who, action, "instrument", id, NULL, buf_str(&b), err);
	buf_free(&b);
	return rc;
}

int instrument_default(struct store *db, const struct actor *who, int64_t *id,
		       struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct arena *a = arena_new();
	if (store_begin(db, err))
		goto fail_arena;
	int rc = store_query_int(db, SQL_INSTRUMENT_SHIPPED, NULL, 0, id, err);
	if (rc < 0)
		goto fail;
	if (rc == 1) {
		arena_free(a);
		return store_commit(db, err);
	}
	struct store_stmt *q = store_prepare(db, rec_sql(&instrument_entity)->insert, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, DEFAULT_NAME);
	store_bind_null(q, 2);
	store_bind_null(q, 3);
	store_bind_text(q, 4, now);
	rc = store_step(q, err);
	*id = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc != 1)
		goto fail;
	size_t n = sizeof(default_indicators) / sizeof(default_indicators[0]);
	for (size_t i = 0; i < n; i++) {
		const struct default_indicator *d = &default_indicators[i];
		q = store_prepare(db, rec_sql(&indicator_entity)->insert, err);
		if (q == NULL)
			goto fail;
		store_bind_int(q, 1, *id);
		store_bind_text(q, 2, d->code);
		store_bind_text(q, 3, d->level);
		store_bind_text(q, 4, d->standard);
		store_bind_text(q, 5, d->text);
		store_bind_int(q, 6, (int64_t)i + 1);
		store_bind_text(q, 7, now);
		rc = store_step(q, err);
		store_done(q);
		if (rc != 1)
			goto fail;
	}
	if (instrument_audit(db, who, a, "create", *id, NULL, err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

int instrument_copy(struct store *db, const struct actor *who, int64_t src, int64_t network_id,
		    const char *name, int64_t *new_id, struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct arena *a = arena_new();
	if (store_begin(db, err))
		goto fail_arena;
	struct rec *from = NULL, *net = NULL;
	if (rec_get(db, a, &instrument_entity, src, &from, err))
		goto fail;
	if (rec_get(db, a, &network_entity, network_id, &net, err)) {
		if (err->kind == CN_ERR_NOT_FOUND)
			cn_err_field(err, CN_ERR_INPUT, "network_id",
				     "there is no network with id %lld", (long long)network_id);
		goto fail;
	}
	struct rec *r = rec_new(a, &instrument_entity);
	if (name == NULL) {
		/* A long generated name is cut at a character boundary, never refused. */
		char *gen = arena_printf(a, "%s (copy for %s)", rec_text(from, "name"),
					 rec_text(net, "name"));
		size_t cut = strlen(gen) > 190 ? 190 : strlen(gen);
		while (cut > 0 && ((unsigned char)gen[cut] & 0xC0) == 0x80)
			cut--;
		gen[cut] = '\0';
		name = gen;
	}
	if (rec_set_text(r, a, "name", name, err) ||
	    rec_put_int(r, "network_id", network_id, err) ||
	    rec_put_int(r, "based_on_id", src, err))
		goto fail;
	if (rec_create(db, who, a, r, err))
		goto fail;
	struct store_stmt *q = store_prepare(db, SQL_INDICATOR_COPY, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, r->id);
	store_bind_text(q, 2, now);
	store_bind_int(q, 3, src);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	char *change = arena_printf(a, "copied the indicators of instrument %lld", (long long)src);
	if (instrument_audit(db, who, a, "update", r->id, change, err))
		goto fail;
	*new_id = r->id;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

/* Reads an indicator of an editable instrument inside the caller's transaction. */
static int indicator_editable(struct store *db, struct arena *a, int64_t indicator_id,
			      struct rec **out, struct cn_err *err)
{
	if (rec_get(db, a, &indicator_entity, indicator_id, out, err))
		return -1;
	int64_t instrument = rec_int(*out, "instrument_id");
	int shipped = instrument_is_shipped(db, instrument, err);
	if (shipped < 0)
		return -1;
	return shipped ? instrument_refuse_shipped(err, instrument) : 0;
}

int instrument_indicator_move(struct store *db, const struct actor *who, int64_t indicator_id,
			      int64_t position, struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	if (position < 1)
		return cn_err_field(err, CN_ERR_INPUT, "position",
				    "%lld is not a position; the first is 1", (long long)position);
	struct arena *a = arena_new();
	if (store_begin(db, err))
		goto fail_arena;
	struct rec *ind = NULL;
	if (indicator_editable(db, a, indicator_id, &ind, err))
		goto fail;
	struct instrument_full in;
	if (instrument_load(db, a, rec_int(ind, "instrument_id"), &in, err))
		goto fail;
	if ((size_t)position > in.count)
		position = (int64_t)in.count;
	/* The new order: every other indicator in order, the moved one at position. */
	size_t k = 0;
	int64_t *order = arena_alloc(a, sizeof(int64_t) * (in.count + 1));
	for (size_t i = 0; i < in.count; i++) {
		if (in.indicators[i].id == indicator_id)
			continue;
		if ((int64_t)k + 1 == position)
			order[k++] = indicator_id;
		order[k++] = in.indicators[i].id;
	}
	if (k < in.count)
		order[k++] = indicator_id;
	for (size_t i = 0; i < k; i++) {
		struct store_stmt *q = store_prepare(db, SQL_INDICATOR_SET_POSITION, err);
		if (q == NULL)
			goto fail;
		store_bind_int(q, 1, (int64_t)i + 1);
		store_bind_text(q, 2, now);
		store_bind_int(q, 3, order[i]);
		int rc = store_step(q, err);
		store_done(q);
		if (rc < 0)
			goto fail;
	}
	char *after = arena_printf(a, "{\"change\":\"moved\",\"position\":%lld}",
				   (long long)position);
	char *before = arena_printf(a, "{\"position\":%lld}", (long long)rec_int(ind, "position"));
	if (audit_record(db, who, "update", "indicator", indicator_id, before, after, err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

int instrument_indicator_remove(struct store *db, const struct actor *who,
				int64_t indicator_id, struct cn_err *err)
{
	struct arena *a = arena_new();
	if (store_begin(db, err))
		goto fail_arena;
	struct rec *ind = NULL;
	if (indicator_editable(db, a, indicator_id, &ind, err))
		goto fail;
	int64_t rated = 0, linked = 0;
	if (store_query_int(db, SQL_INDICATOR_RATED, &indicator_id, 1, &rated, err) < 0 ||
	    store_query_int(db, SQL_INDICATOR_LINKED, &indicator_id, 1, &linked, err) < 0)
		goto fail;
	if (rated > 0 || linked > 0) {
		const char *rated_in = arena_printf(a, "it is rated in %lld assessment%s",
						    (long long)rated, rated == 1 ? "" : "s");
		const char *named_by = arena_printf(a, "%lld plan goal%s name%s it as a need",
						    (long long)linked, linked == 1 ? "" : "s",
						    linked == 1 ? "s" : "");
		const char *why = rated > 0 && linked > 0
					  ? arena_printf(a, "%s and %s", rated_in, named_by)
				  : rated > 0 ? rated_in
					      : named_by;
		cn_err_field(err, CN_ERR_CONFLICT, "indicator",
			     "%s cannot be removed: %s. It stays so that those records keep "
			     "their meaning; edit its text instead.",
			     rec_text(ind, "code"), why);
		goto fail;
	}
	struct store_stmt *q = store_prepare(db, SQL_INDICATOR_DELETE, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, indicator_id);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (audit_record(db, who, "delete", "indicator", indicator_id, rec_json_text(a, ind),
			 NULL, err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

int instrument_indicator_find(struct store *db, int64_t instrument_id, const char *key,
			      int64_t *id, struct cn_err *err)
{
	int all_digits = key != NULL && key[0] != '\0';
	for (const char *p = key; p != NULL && *p; p++)
		if (!isdigit((unsigned char)*p))
			all_digits = 0;
	struct store_stmt *q =
		store_prepare(db, all_digits ? SQL_INDICATOR_BY_ID : SQL_INDICATOR_BY_CODE, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, instrument_id);
	if (all_digits)
		store_bind_int(q, 2, strtoll(key, NULL, 10));
	else
		store_bind_text(q, 2, key ? key : "");
	int rc = store_step(q, err);
	if (rc == 1)
		*id = store_col_int(q, 0);
	store_done(q);
	return rc;
}
