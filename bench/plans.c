/* bench/plans: the plan operations a page or an API call runs, on a realistic plan: a
 * district plan started from a network template (12 goals, 36 actions, needs, links,
 * progress checks), a library of 2,000 indexed items with try-outs, and 30 teams in the
 * network. Times the whole-plan read and snapshot, the departure measure, the
 * recommendations for every goal, the 704 KAR view, the assessment comparison and the
 * three exports, and prints the median and the 99th percentile of each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/assessment/assessment.h"
#include "app/assessment/instrument.h"
#include "app/network/network.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "app/plan/plan.h"
#include "app/plan/plan_export.h"
#include "app/plan/plan_kar.h"
#include "app/plan/plan_recommend.h"
#include "app/plan/plan_template.h"
#include "app/plan/plan_view.h"
#include "bench.h"
#include "core/buf.h"
#include "core/json.h"

enum { TEAMS = 30, GOALS = 12, ACTIONS_PER_GOAL = 3, ITEMS = 2000 };

static struct store *db;
static struct actor who;
static struct arena *arena;
static int64_t first_goal;

static void die(const char *what, const struct cn_err *err)
{
	fprintf(stderr, "bench/plans: %s: %s %s\n", what, err->field, err->msg);
	exit(1);
}

static int64_t make(const struct rec_entity *e, const char *const *kv)
{
	struct cn_err err = {0};
	struct rec *r = rec_new(arena, e);
	for (size_t i = 0; kv[i] != NULL; i += 2)
		if (rec_set_text(r, arena, kv[i], kv[i + 1], &err))
			die(kv[i], &err);
	if (rec_create(db, &who, arena, r, &err))
		die(e->name, &err);
	return r->id;
}

static const char *num(int64_t v)
{
	return arena_printf(arena, "%lld", (long long)v);
}

static const char *const words[] = {
	"fractions", "number", "talks", "protocol", "coaching", "feedback", "walkthrough",
	"student", "work", "formative", "assessment", "learning", "targets", "schedule",
	"collaboration", "discourse", "reasoning", "modeling", "vocabulary", "writing",
	"reading", "literacy", "data", "cycle", "inquiry", "lesson", "study", "observation"};

/* n words: domain words with the given odds in 100, the rest ordinary words of a
 * 2,000-word vocabulary, so that a domain word is in about a tenth of the library. */
static const char *text(int n, unsigned seed, unsigned domain)
{
	struct buf b = BUF_INIT;
	for (int i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = seed >> 16;
		if (r % 100 < domain)
			buf_printf(&b, "%s%s", i ? " " : "", words[(r / 100) % 28]);
		else
			buf_printf(&b, "%sword%u", i ? " " : "", (r / 100) % 2000);
	}
	const char *s = arena_strdup(arena, buf_str(&b));
	buf_free(&b);
	return s;
}

static void library(void)
{
	struct cn_err err = {0};
	static const char sql_item[] =
		"INSERT INTO library_item (id, kind, title, summary, evidence_tier, created_at,"
		" updated_at) VALUES (?1, 'strategy', ?2, ?3, ?4, 'x', 'x')";
	static const char sql_tryout[] =
		"INSERT INTO tryout (person_id, item_id, rating, would_work, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, 'yes', 'x', 'x')";
	if (store_begin(db, &err))
		die("begin", &err);
	for (int i = 1; i <= ITEMS; i++) {
		const char *title = text(3, (unsigned)i, 50), *body = text(60, (unsigned)i * 7u, 3);
		struct store_stmt *q = store_prepare(db, sql_item, &err);
		store_bind_int(q, 1, i);
		store_bind_text(q, 2, title);
		store_bind_text(q, 3, body);
		store_bind_id(q, 4, i % 5);
		if (store_step(q, &err) < 0)
			die("item", &err);
		store_done(q);
		if (store_search_put(db, "library", i, title, body, "", &err))
			die("index", &err);
		for (int k = 0; k < i % 4; k++) {
			q = store_prepare(db, sql_tryout, &err);
			store_bind_int(q, 1, 1 + (i + k) % TEAMS);
			store_bind_int(q, 2, i);
			store_bind_int(q, 3, 1 + (i + k) % 5);
			if (store_step(q, &err) < 0)
				die("tryout", &err);
			store_done(q);
		}
	}
	if (store_commit(db, &err))
		die("commit", &err);
}

/* The network, teams with leads, assessments, a template and a plan from it. */
static int64_t world(int64_t *assessment)
{
	struct cn_err err = {0};
	make(&org_entity, (const char *[]){"kind", "state", "name", "KDE", NULL});
	make(&network_entity, (const char *[]){"name", "Math", "content_area", "mathematics",
					       "school_year", "2026-27", NULL});
	make(&network_entity, (const char *[]){"name", "Math 25", "content_area", "mathematics",
					       "school_year", "2025-26", NULL});
	for (int i = 0; i < TEAMS; i++) {
		int64_t d = make(&org_entity,
				 (const char *[]){"kind", "district", "name",
						  arena_printf(arena, "District %d", i), "parent_id",
						  "1", NULL});
		int64_t t = make(&team_entity, (const char *[]){"network_id", "1", "district_id",
							       num(d), NULL});
		int64_t p = make(&person_entity,
				 (const char *[]){"given_name", "P", "family_name", num(i), "email",
						  arena_printf(arena, "p%d@d.org", i), NULL});
		team_member_set(db, &who, t, p, "lead", &err);
	}
	library(); /* try-outs by the teams' leads */
	int64_t old_team = make(&team_entity, (const char *[]){"network_id", "2", "district_id",
							      "2", NULL});
	int64_t before = make(&assessment_entity, (const char *[]){"team_id", num(old_team), NULL});
	*assessment = make(&assessment_entity, (const char *[]){"team_id", "1", NULL});
	struct instrument_full in;
	struct rec *as = NULL;
	rec_get(db, arena, &assessment_entity, *assessment, &as, &err);
	instrument_load(db, arena, rec_int(as, "instrument_id"), &in, &err);
	for (size_t i = 0; i < in.count; i++) {
		struct assessment_rating_in r = {1 + (int64_t)(i % 3), 4, "evidence", "high"};
		if (assessment_rate(db, &who, *assessment, in.indicators[i].id, &r, &err) ||
		    assessment_rate(db, &who, before, in.indicators[i].id, &r, &err))
			die("rate", &err);
	}
	int64_t tpl = make(&plan_entity, (const char *[]){"network_id", "1", "is_template", "true",
							  "title", "Template", NULL});
	for (int g = 0; g < GOALS; g++) {
		int64_t goal = make(&plan_goal_entity,
				    (const char *[]){"plan_id", num(tpl), "title", text(6, (unsigned)g, 100),
						     "baseline", "level 2", "target", "level 4",
						     "deadline", "2027-05-31", "measure",
						     text(10, (unsigned)g + 99u, 100), NULL});
		for (int k = 0; k < ACTIONS_PER_GOAL; k++) {
			int64_t act = make(&plan_action_entity,
					   (const char *[]){"plan_id", num(tpl), "goal_id", num(goal),
							    "kind", k ? "deliver_pd" : "study", "title",
							    text(5, (unsigned)(g * 10 + k), 100), "starts_on",
							    "2026-09-01", "due_on", "2027-04-30", NULL});
			if (plan_action_link(db, &who, act, 1 + (g * 10 + k) % ITEMS, 0, &err))
				die("link", &err);
		}
	}
	int64_t plan = 0;
	if (plan_template_start(db, &who, tpl, 1, NULL, &plan, &err))
		die("start", &err);
	struct plan_full p;
	plan_view_load(db, arena, plan, &p, &err);
	first_goal = p.goals[0].goal->id;
	for (size_t g = 0; g < p.ngoals; g++) {
		if (plan_goal_link_need(db, &who, p.goals[g].goal->id, *assessment,
					in.indicators[g].id, &err))
			die("need", &err);
		make(&progress_check_entity,
		     (const char *[]){"goal_id", num(p.goals[g].goal->id), "status", "on_track",
				      "evidence", text(12, (unsigned)g, 100), NULL});
	}
	return plan;
}

enum op { OP_VIEW, OP_DEPARTURE, OP_RECOMMEND, OP_RECOMMEND_ONE, OP_KAR, OP_COMPARE, OP_CSV, OP_XLSX, OP_PDF };

static void run(enum op op, int64_t plan, int64_t assessment, size_t *bytes)
{
	struct cn_err err = {0};
	struct arena *a = arena_new();
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	int rc = 0;
	switch (op) {
	case OP_VIEW: {
		struct plan_full p;
		rc = plan_view_load(db, a, plan, &p, &err);
		if (rc == 0)
			plan_view_json(&w, &p);
		break;
	}
	case OP_DEPARTURE: {
		struct plan_departure d;
		rc = plan_template_departure(db, a, plan, &d, &err);
		break;
	}
	case OP_RECOMMEND:
	case OP_RECOMMEND_ONE: {
		struct plan_recommendations r;
		rc = plan_recommend(db, a, plan, op == OP_RECOMMEND ? 0 : first_goal, 5, &r, &err);
		break;
	}
	case OP_KAR: {
		struct plan_kar k;
		rc = plan_kar_evidence(db, a, plan, &k, &err);
		break;
	}
	case OP_COMPARE: {
		struct assessment_comparison c;
		rc = assessment_compare(db, a, assessment, 0, &c, &err);
		break;
	}
	case OP_CSV:
	case OP_XLSX:
	case OP_PDF:
		rc = plan_export(db, plan,
				 op == OP_CSV	 ? PLAN_EXPORT_CSV
				 : op == OP_XLSX ? PLAN_EXPORT_XLSX
						 : PLAN_EXPORT_PDF,
				 &b, NULL, &err);
		break;
	}
	if (rc)
		die("run", &err);
	*bytes = b.len;
	buf_free(&b);
	arena_free(a);
}

int main(void)
{
	char dir[] = "/tmp/capnet-bench.XXXXXX", url[128];
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(url, sizeof(url), "sqlite:%s/bench.db", dir);
	struct cn_err err = {0};
	if (store_open(url, &db, &err) || store_migrate(db, NULL, &err))
		die("open", &err);
	who = actor_system("bench");
	arena = arena_new();
	int64_t def = 0, assessment = 0;
	if (instrument_default(db, &who, &def, &err))
		die("default", &err);
	int64_t plan = world(&assessment);
	static const struct {
		enum op op;
		const char *what;
		int runs;
	} ops[] = {
		{OP_VIEW, "plan view + JSON snapshot", 200},
		{OP_DEPARTURE, "departure from the template", 200},
		{OP_RECOMMEND, "recommendations, all 12 goals", 30},
		{OP_RECOMMEND_ONE, "recommendations, one goal", 100},
		{OP_KAR, "704 KAR 3:035 view", 200},
		{OP_COMPARE, "assessment comparison", 200},
		{OP_CSV, "export CSV", 100},
		{OP_XLSX, "export XLSX", 30},
		{OP_PDF, "export PDF", 30},
	};
	printf("plan: %d goals, %d actions; library: %d indexed items; %d teams\n", GOALS,
	       GOALS * ACTIONS_PER_GOAL, ITEMS, TEAMS);
	static double ms[200];
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t bytes = 0;
		run(ops[i].op, plan, assessment, &bytes); /* warm the caches */
		for (int r = 0; r < ops[i].runs; r++) {
			double t0 = bench_now_ms();
			run(ops[i].op, plan, assessment, &bytes);
			ms[r] = bench_now_ms() - t0;
		}
		double p99, median = bench_median(ms, (size_t)ops[i].runs, &p99);
		printf("%-32s median %8.3f ms   p99 %8.3f ms", ops[i].what, median, p99);
		if (bytes)
			printf("   (%zu bytes)", bytes);
		printf("\n");
	}
	arena_free(arena);
	store_close(db);
	char path[200];
	const char *suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/bench.db%s", dir, suffix[i]);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}
