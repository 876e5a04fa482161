/* plan_kar: the 704 KAR 3:035 view of a plan. Each expectation gathers records from
 * the plan (goals, needs, actions, checks, versions, reviews) and from what the plan's
 * actions link to and produced (deliverables, library items, PD sessions, schedules).
 * The titles paraphrase the regulation; the "limits" texts say what the records
 * cannot show. */
#include "app/plan/plan_kar.h"

#include <stdarg.h>
#include <string.h>

#include "app/deliverable/deliverable.h"
#include "app/delivery/delivery.h"
#include "app/org/person.h"
#include "app/plan/plan_view.h"
#include "app/access/policy.h"

static const char SQL_KAR_ALIGNED_DELIVERABLES[] =
	"SELECT a.id, d.id, d.title, COUNT(*) FROM action_link l"
	" JOIN plan_action a ON a.id = l.action_id JOIN deliverable d ON d.id = l.deliverable_id"
	" JOIN deliverable_standard ds ON ds.deliverable_id = d.id WHERE a.plan_id = ?1"
	" GROUP BY a.id, d.id, d.title ORDER BY a.id, d.id";
static const char SQL_KAR_ALIGNED_ITEMS[] =
	"SELECT a.id, li.id, li.title, COUNT(*) FROM action_link l"
	" JOIN plan_action a ON a.id = l.action_id"
	" JOIN library_item li ON li.id = l.library_item_id"
	" JOIN library_alignment la ON la.item_id = li.id WHERE a.plan_id = ?1"
	" GROUP BY a.id, li.id, li.title ORDER BY a.id, li.id";
static const char SQL_KAR_CONTENT[] =
	"SELECT a.id, COALESCE(li.id, d.id), COALESCE(li.title, d.title),"
	" COALESCE(li.kind, d.kind),"
	" CASE WHEN li.id IS NULL THEN 'deliverable' ELSE 'library_item' END,"
	" COALESCE(d.id, 0) FROM action_link l JOIN plan_action a ON a.id = l.action_id"
	" LEFT JOIN library_item li ON li.id = l.library_item_id"
	" LEFT JOIN deliverable d ON d.id = l.deliverable_id WHERE a.plan_id = ?1"
	" AND (li.kind IN ('strategy', 'research') OR d.kind IN ('learning_target_set',"
	" 'instructional_resource', 'unit', 'assessment')) ORDER BY a.id";
static const char SQL_KAR_MULTI_DISTRICT[] =
	"SELECT d.id, d.title, COUNT(DISTINCT dc.district_id) FROM action_link l"
	" JOIN plan_action a ON a.id = l.action_id JOIN deliverable d ON d.id = l.deliverable_id"
	" JOIN deliverable_contributor dc ON dc.deliverable_id = d.id WHERE a.plan_id = ?1"
	" GROUP BY d.id, d.title HAVING COUNT(DISTINCT dc.district_id) > 1 ORDER BY d.id";
static const char SQL_KAR_SESSIONS[] =
	"SELECT s.id, s.title, s.held_on, s.pd_format, s.minutes FROM pd_session s"
	" JOIN plan_action a ON a.id = s.action_id WHERE a.plan_id = ?1"
	" AND s.status = 'delivered' AND s.pd_format IN ('plc', 'coaching')"
	" ORDER BY s.held_on, s.id";
static const char SQL_KAR_FACILITATED[] =
	"SELECT s.id, s.title, s.held_on, p.given_name || ' ' || p.family_name, p.id"
	" FROM pd_session s"
	" JOIN plan_action a ON a.id = s.action_id JOIN person p ON p.id = s.facilitator_id"
	" WHERE a.plan_id = ?1 AND s.status = 'delivered'"
	" AND (EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = ?2 AND tm.person_id = p.id)"
	"  OR EXISTS (SELECT 1 FROM membership m JOIN organization o ON o.id = m.org_id"
	"  WHERE m.person_id = p.id AND m.active = 1"
	"  AND (o.id = ?3 OR (o.kind = 'school' AND o.parent_id = ?3))))"
	" ORDER BY s.held_on, s.id";
static const char SQL_KAR_OWNERS[] =
	"SELECT a.id, a.title, p.given_name || ' ' || p.family_name, p.id FROM plan_action a"
	" JOIN person p ON p.id = a.owner_id WHERE a.plan_id = ?1"
	" AND EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = ?2 AND tm.person_id = p.id)"
	" ORDER BY a.position, a.id";
static const char SQL_KAR_SCHEDULES[] =
	"SELECT id, recurrence, starts_on, ends_on, minutes FROM plc_schedule WHERE plan_id = ?1"
	" ORDER BY id";
static const char SQL_KAR_VERSIONS[] =
	"SELECT id, number, note, created_at FROM plan_version WHERE plan_id = ?1 ORDER BY number";
static const char SQL_KAR_REVIEWS[] =
	"SELECT id, created_at FROM review WHERE plan_id = ?1 ORDER BY id";

struct kar_ctx {
	struct arena *a;
	struct plan_kar *k;
	size_t cap[KAR_COUNT];
	size_t months;		/* distinct months with PLC or coaching sessions */
	char month[64][8];	/* the months seen (at most 64 counted) */
};

static void kar_add(struct kar_ctx *c, enum plan_kar_key key, const char *kind, int64_t id,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void kar_add(struct kar_ctx *c, enum plan_kar_key key, const char *kind, int64_t id,
		    const char *fmt, ...)
{
	struct plan_kar_item *it = &c->k->items[key];
	it->records = arena_grow(c->a, it->records, sizeof(*it->records), it->count, &c->cap[key]);
	struct plan_kar_record *r = &it->records[it->count++];
	va_list ap;
	va_start(ap, fmt);
	r->kind = kind;
	r->id = id;
	r->text = arena_vprintf(c->a, fmt, ap);
	va_end(ap);
}

static void kar_row_aligned(struct kar_ctx *c, struct store_stmt *q, const char *kind)
{
	kar_add(c, KAR_ALIGNED, kind, store_col_int(q, 1),
		"action %lld links %s %lld \"%s\", aligned to %lld standard%s",
		(long long)store_col_int(q, 0),
		strcmp(kind, "deliverable") ? "library item" : kind,
		(long long)store_col_int(q, 1), store_col_text(q, 2),
		(long long)store_col_int(q, 3), store_col_int(q, 3) == 1 ? "" : "s");
}

static void kar_row_aligned_deliverable(struct kar_ctx *c, struct store_stmt *q)
{
	kar_row_aligned(c, q, "deliverable");
}

static void kar_row_aligned_item(struct kar_ctx *c, struct store_stmt *q)
{
	kar_row_aligned(c, q, "library_item");
}

static void kar_row_content(struct kar_ctx *c, struct store_stmt *q)
{
	/* The record's kind outlives the row: a constant, not the column's text. */
	const char *kind = strcmp(store_col_text(q, 4), "deliverable") == 0 ? "deliverable"
									 : "library_item";
	kar_add(c, KAR_CONTENT_PEDAGOGY, kind, store_col_int(q, 1),
		"action %lld links %s \"%s\"", (long long)store_col_int(q, 0), store_col_text(q, 3),
		store_col_text(q, 2));
}

static void kar_row_multi(struct kar_ctx *c, struct store_stmt *q)
{
	kar_add(c, KAR_COLLABORATIVE, "deliverable", store_col_int(q, 0),
		"deliverable \"%s\" was made with contributors from %lld districts",
		store_col_text(q, 1), (long long)store_col_int(q, 2));
}

static void kar_row_session(struct kar_ctx *c, struct store_stmt *q)
{
	const char *format = store_col_text(q, 3), *held = store_col_text(q, 2);
	int64_t id = store_col_int(q, 0);
	if (strcmp(format, "plc") == 0)
		kar_add(c, KAR_COLLABORATIVE, "pd_session", id, "PLC session \"%s\" on %s",
			store_col_text(q, 1), held);
	kar_add(c, KAR_ONGOING, "pd_session", id, "%s session \"%s\" on %s, %lld minutes",
		strcmp(format, "plc") == 0 ? "PLC" : "coaching", store_col_text(q, 1), held,
		(long long)store_col_int(q, 4));
	size_t i = 0;
	for (; i < c->months && i < 64; i++)
		if (strncmp(c->month[i], held, 7) == 0)
			break;
	if (i == c->months && i < 64) {
		memcpy(c->month[i], held, 7);
		c->month[i][7] = '\0';
		c->months++;
	}
}

static void kar_row_facilitated(struct kar_ctx *c, struct store_stmt *q)
{
	kar_add(c, KAR_EDUCATOR_FACILITATED, "pd_session", store_col_int(q, 0),
		"session \"%s\" on %s was led by %s, an educator of the district",
		store_col_text(q, 1), store_col_text(q, 2), store_col_text(q, 3));
}

static void kar_row_owner(struct kar_ctx *c, struct store_stmt *q)
{
	kar_add(c, KAR_EDUCATOR_FACILITATED, "action", store_col_int(q, 0),
		"action \"%s\" is owned by %s of the district team", store_col_text(q, 1),
		store_col_text(q, 2));
}

static void kar_row_schedule(struct kar_ctx *c, struct store_stmt *q)
{
	kar_add(c, KAR_ONGOING, "plc_schedule", store_col_int(q, 0),
		"%s PLC schedule of %lld minutes from %s to %s", store_col_text(q, 1),
		(long long)store_col_int(q, 4), store_col_text(q, 2), store_col_text(q, 3));
}

static void kar_row_version(struct kar_ctx *c, struct store_stmt *q)
{
	const char *note = store_col_text(q, 2);
	kar_add(c, KAR_CONTINUOUS_IMPROVEMENT, "plan_version", store_col_int(q, 0),
		"version %lld saved %.10s%s%s", (long long)store_col_int(q, 1),
		store_col_text(q, 3), note ? ": " : "", note ? note : "");
}

static void kar_row_review(struct kar_ctx *c, struct store_stmt *q)
{
	kar_add(c, KAR_CONTINUOUS_IMPROVEMENT, "review", store_col_int(q, 0),
		"facilitator review on %.10s", store_col_text(q, 1));
}

/* A title cut to about 60 characters for a record's text, in a. */
static const char *kar_short(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	if (n <= 60)
		return s;
	size_t cut = 57;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	return arena_printf(a, "%.*s...", (int)cut, s);
}

/* Evidence read from the plan itself. */
static void kar_from_plan(struct kar_ctx *c, const struct plan_full *p)
{
	for (size_t i = 0; i < p->ngoals; i++) {
		const struct plan_goal_full *g = &p->goals[i];
		const char *title = kar_short(c->a, rec_text(g->goal, "title"));
		for (size_t k = 0; k < g->nneeds; k++)
			kar_add(c, KAR_ALIGNED, "goal", g->goal->id,
				"goal \"%s\" answers need %s of the district's %s assessment",
				title, g->needs[k].code, g->needs[k].school_year);
		for (size_t k = 0; k < g->nprogress; k++)
			kar_add(c, KAR_CONTINUOUS_IMPROVEMENT, "progress_check", g->progress[k].id,
				"goal \"%s\" checked on %s: %s", title, g->progress[k].checked_on,
				g->progress[k].status);
	}
	for (size_t i = 0; i < p->nactions; i++) {
		const struct rec *r = p->actions[i].action;
		const char *kind = rec_text(r, "kind");
		if (strcmp(kind, "create_deliverable") == 0)
			kar_add(c, KAR_COLLABORATIVE, "action", r->id,
				"action \"%s\" creates a deliverable", rec_text(r, "title"));
		const char *s = rec_text(r, "starts_on"), *d = rec_text(r, "due_on");
		if (strcmp(kind, "deliver_pd") == 0 && s && d && strncmp(s, d, 7) != 0)
			kar_add(c, KAR_ONGOING, "action", r->id,
				"action \"%s\" delivers PD from %s to %s", rec_text(r, "title"),
				s, d);
	}
}

static size_t kar_count_kind(const struct plan_kar_item *it, const char *kind)
{
	size_t n = 0;
	for (size_t i = 0; i < it->count; i++)
		n += strcmp(it->records[i].kind, kind) == 0;
	return n;
}

static const char *kar_status(int full, int some)
{
	return full ? "evidenced" : some ? "partly evidenced" : "no records";
}

static void kar_judge(struct kar_ctx *c)
{
	struct plan_kar_item *it = c->k->items;
	size_t goals = kar_count_kind(&it[KAR_ALIGNED], "goal");
	size_t aligned = it[KAR_ALIGNED].count - goals;
	it[KAR_ALIGNED].status = kar_status(goals > 0 && aligned > 0, it[KAR_ALIGNED].count > 0);
	it[KAR_CONTENT_PEDAGOGY].status = kar_status(it[KAR_CONTENT_PEDAGOGY].count > 0, 0);
	size_t made = kar_count_kind(&it[KAR_COLLABORATIVE], "action");
	it[KAR_COLLABORATIVE].status =
		kar_status(it[KAR_COLLABORATIVE].count > made, made > 0);
	size_t led = kar_count_kind(&it[KAR_EDUCATOR_FACILITATED], "pd_session");
	it[KAR_EDUCATOR_FACILITATED].status =
		kar_status(led > 0, it[KAR_EDUCATOR_FACILITATED].count > 0);
	size_t checks = kar_count_kind(&it[KAR_CONTINUOUS_IMPROVEMENT], "progress_check");
	size_t versions = kar_count_kind(&it[KAR_CONTINUOUS_IMPROVEMENT], "plan_version");
	size_t reviews = kar_count_kind(&it[KAR_CONTINUOUS_IMPROVEMENT], "review");
	it[KAR_CONTINUOUS_IMPROVEMENT].status =
		kar_status(checks > 0 && (versions > 1 || reviews > 0),
			   it[KAR_CONTINUOUS_IMPROVEMENT].count > 0);
	size_t sessions = kar_count_kind(&it[KAR_ONGOING], "pd_session");
	size_t schedules = kar_count_kind(&it[KAR_ONGOING], "plc_schedule");
	it[KAR_ONGOING].status = kar_status(c->months >= 3 || (schedules > 0 && sessions > 0),
					    it[KAR_ONGOING].count > 0);
}

static void kar_describe(struct plan_kar *k)
{
	struct plan_kar_item *it = k->items;
	it[KAR_ALIGNED] = (struct plan_kar_item){
		"aligned", "Aligned with academic standards and the district's improvement plan",
		"goals linked to needs from the district's own assessment; actions linking "
		"deliverables or library items aligned to standards",
		"capnet does not hold the district's improvement plan (CDIP); it shows goals "
		"grounded in the district's needs assessment, so check them against the CDIP",
		NULL, NULL, 0};
	it[KAR_CONTENT_PEDAGOGY] = (struct plan_kar_item){
		"content_pedagogy", "Focused on content and on how to teach it",
		"actions linking strategies or research from the library, or learning targets, "
		"units, assessments and instructional resources",
		"capnet sees what actions link to, not what a session spent its time on", NULL,
		NULL, 0};
	it[KAR_COLLABORATIVE] = (struct plan_kar_item){
		"collaborative", "Collaborative",
		"actions that create deliverables; linked deliverables made with other districts; "
		"delivered PLC sessions",
		"how people worked together inside a session is not recorded", NULL, NULL, 0};
	it[KAR_EDUCATOR_FACILITATED] = (struct plan_kar_item){
		"educator_facilitated", "Facilitated by the district's own educators",
		"delivered sessions led by a member of the district team or of the district; "
		"actions owned by team members",
		"capnet knows a person's team and district, not their job; a session without a "
		"facilitator recorded cannot count",
		NULL, NULL, 0};
	it[KAR_CONTINUOUS_IMPROVEMENT] = (struct plan_kar_item){
		"continuous_improvement", "Focused on continuous improvement",
		"progress checks on goals, saved versions of the plan, facilitator reviews",
		"the records show the cycle was kept; whether each revision followed the evidence "
		"is for people to judge",
		NULL, NULL, 0};
	it[KAR_ONGOING] = (struct plan_kar_item){
		"ongoing", "Ongoing and job-embedded, not one-time events",
		"delivered PLC and coaching sessions for the plan's actions (in three or more "
		"months, or with a PLC schedule); PD actions spanning months",
		"a schedule shows intent and delivered sessions show practice; whole-group days "
		"are not counted here",
		NULL, NULL, 0};
}

/* A record a query's row names, for the reader to be asked about: the record of e
 * whose id is in column col (e NULL: none; an id of 0: none). */
struct kar_names {
	const struct rec_entity *e;
	int col;
};

/* 1 if reader (NULL: anyone) may read every record row names, 0 if not, -1 on error. */
static int kar_may_read(struct policy *reader, struct store_stmt *q, const struct kar_names *n,
			size_t count, struct cn_err *err)
{
	int may = 1;
	for (size_t i = 0; reader != NULL && may == 1 && i < count; i++) {
		int64_t id = n[i].e != NULL ? store_col_int(q, n[i].col) : 0;
		if (id != 0)
			may = policy_may_read(reader, n[i].e, id, err);
	}
	return may;
}

int plan_kar_evidence(struct store *db, struct arena *a, struct policy *reader, int64_t plan_id,
		      struct plan_kar *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	out->plan_id = plan_id;
	kar_describe(out);
	struct plan_full p;
	if (plan_view_load(db, a, plan_id, &p, err))
		return -1;
	struct kar_ctx *c = arena_alloc(a, sizeof(*c));
	c->a = a;
	c->k = out;
	const int64_t ids[3] = {plan_id, rec_int(p.plan, "team_id"), p.district_id};
	kar_from_plan(c, &p);
	const struct rec_entity *dlv = &deliverable_entity, *person = &person_entity,
				*session = &pd_session_entity;
	struct {
		const char *sql;
		void (*fn)(struct kar_ctx *, struct store_stmt *);
		int binds; /* how many of plan, team, district */
		struct kar_names names[2]; /* the records a row shows, that the reader reads */
	} queries[] = {
		{SQL_KAR_ALIGNED_DELIVERABLES, kar_row_aligned_deliverable, 1, {{dlv, 1}}},
		{SQL_KAR_ALIGNED_ITEMS, kar_row_aligned_item, 1, {{0}}},
		{SQL_KAR_CONTENT, kar_row_content, 1, {{dlv, 5}}},
		{SQL_KAR_MULTI_DISTRICT, kar_row_multi, 1, {{dlv, 0}}},
		{SQL_KAR_SESSIONS, kar_row_session, 1, {{session, 0}}},
		{SQL_KAR_FACILITATED, kar_row_facilitated, 3, {{session, 0}, {person, 4}}},
		{SQL_KAR_OWNERS, kar_row_owner, 2, {{person, 3}}},
		{SQL_KAR_SCHEDULES, kar_row_schedule, 1, {{0}}},
		{SQL_KAR_VERSIONS, kar_row_version, 1, {{0}}},
		{SQL_KAR_REVIEWS, kar_row_review, 1, {{0}}},
	};
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		struct store_stmt *q = store_prepare(db, queries[i].sql, err);
		if (q == NULL)
			return -1;
		for (int b = 0; b < queries[i].binds; b++)
			store_bind_int(q, b + 1, ids[b]);
		int rc, may = 1;
		while (may >= 0 && (rc = store_step(q, err)) == 1) {
			may = kar_may_read(reader, q, queries[i].names, 2, err);
			if (may == 1)
				queries[i].fn(c, q);
		}
		store_done(q);
		if (may < 0 || rc < 0)
			return -1;
	}
	kar_judge(c);
	return 0;
}

void plan_kar_json(struct jw *w, const struct plan_kar *k)
{
	jw_obj_begin(w);
	jw_kv_int(w, "plan_id", k->plan_id);
	jw_kv_str(w, "regulation", "704 KAR 3:035");
	jw_key(w, "expectations");
	jw_arr_begin(w);
	for (size_t i = 0; i < KAR_COUNT; i++) {
		const struct plan_kar_item *it = &k->items[i];
		jw_obj_begin(w);
		jw_kv_str(w, "key", it->key);
		jw_kv_str(w, "title", it->title);
		jw_kv_str(w, "status", it->status);
		jw_kv_str(w, "counts", it->how);
		jw_kv_str(w, "cannot_show", it->limits);
		jw_key(w, "records");
		jw_arr_begin(w);
		for (size_t r = 0; r < it->count; r++) {
			jw_obj_begin(w);
			jw_kv_str(w, "kind", it->records[r].kind);
			jw_kv_int(w, "id", it->records[r].id);
			jw_kv_str(w, "text", it->records[r].text);
			jw_obj_end(w);
		}
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

void plan_kar_rows_json(struct jw *w, const struct plan_kar *k)
{
	struct arena *a = arena_new();
	jw_arr_begin(w);
	for (size_t i = 0; i < KAR_COUNT; i++) {
		const struct plan_kar_item *it = &k->items[i];
		char *texts = NULL;
		for (size_t r = 0; r < it->count; r++)
			texts = texts ? arena_printf(a, "%s; %s", texts, it->records[r].text)
				      : arena_strdup(a, it->records[r].text);
		jw_obj_begin(w);
		jw_kv_str(w, "key", it->key);
		jw_kv_str(w, "title", it->title);
		jw_kv_str(w, "status", it->status);
		jw_kv_int(w, "records", (int64_t)it->count);
		jw_kv_str(w, "evidence", texts);
		jw_kv_str(w, "cannot_show", it->limits);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	arena_free(a);
}
