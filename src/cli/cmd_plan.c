/* cmd_plan: `capnet plan ...`: a district's professional-learning plan and network
 * templates: goals linked to assessed needs, actions with links, recommendations,
 * versions, facilitator reviews, status, progress checks, departure from the template,
 * exports and the 704 KAR 3:035 view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/assessment/assessment.h"
#include "app/plan/plan.h"
#include "app/plan/plan_export.h"
#include "app/plan/plan_kar.h"
#include "app/plan/plan_recommend.h"
#include "app/plan/plan_review.h"
#include "app/plan/plan_status.h"
#include "app/plan/plan_template.h"
#include "app/plan/plan_version.h"
#include "app/plan/plan_view.h"
#include "cli/cli.h"
#include "core/json.h"

static const char *const plan_columns[] = {"id",     "team_id",     "school_year", "title",
					   "status", "is_template", "template_id", NULL};
static const char *const goal_columns[] = {"id", "title", "baseline", "target", "deadline",
					   "needs", "progress", NULL};
static const char *const action_columns[] = {"id",	 "goal_id", "kind", "title",
					     "owner",	 "due_on",  "status", "links",
					     NULL};
static const char *const progress_columns[] = {"id",	     "goal_id",  "checked_on", "status",
					       "guskey_level", "evidence", NULL};
static const char *const version_columns[] = {"number", "status", "created_at", "author", "note",
					      NULL};
static const char *const review_columns[] = {"id", "created_at", "reviewer", "comments", NULL};
static const char *const departure_columns[] = {"what", "change", "plan_item_id",
						"template_item_id", "title", "fields", NULL};

static int open_db(struct cli *c)
{
	struct cn_err err = {0};
	return cli_db(c, &err) ? cli_fail(&err) : CLI_OK;
}

/* Parses a verb with one id positional (what names it) and --format. */
static int one_id(struct cli *c, int argc, char **argv, const struct args_opt *opts,
		  const char *usage, const char *what, struct args *a, int64_t *id,
		  enum output_format *fmt)
{
	int rc = cli_verb_args(c, argc, argv, opts, 1, usage, a);
	if (rc != CLI_OK)
		return rc;
	if (cli_id(a->pos[0], what, id) || cli_format(a, fmt))
		return CLI_USAGE;
	return CLI_OK;
}

/* Prints "title:" and a table of the JSON array in b, then empties b. */
static void section(const char *title, struct buf *b, const char *const *columns)
{
	printf("\n%s:\n", title);
	output_print(stdout, OUTPUT_TABLE, buf_str(b), columns);
	buf_reset(b);
}

/* Rewrites --owner/--author PERSON (id or email) as --owner-id/--author-id ID. */
static int person_flags(struct cli *c, int argc, char **argv)
{
	for (int i = 0; i + 1 < argc; i++) {
		const char *flag = strcmp(argv[i], "--owner") == 0    ? "--owner-id"
				   : strcmp(argv[i], "--author") == 0 ? "--author-id"
								      : NULL;
		if (flag == NULL)
			continue;
		int64_t id;
		int rc = cli_person(c, argv[i + 1], argv[i], &id);
		if (rc != CLI_OK)
			return rc;
		argv[i] = (char *)flag;
		argv[i + 1] = arena_printf(c->a, "%lld", (long long)id);
		i++;
	}
	return CLI_OK;
}

/* Runs a generic entity verb with the first positional as --parent flag and people
 * named by email resolved. */
static int entity_verb(struct cli *c, const struct rec_entity *e, const char *cmd,
		       const char *verb, const char *parent, int argc, char **argv,
		       const char *const *columns)
{
	int n = argc;
	char **args = argv;
	if (parent != NULL)
		args = cli_pos_as_flag(c, argc, argv, parent, &n);
	int rc = person_flags(c, n, args);
	return rc != CLI_OK ? rc : entity_cmd(c, e, cmd, verb, n, args, columns);
}

/* Plans. */

static int print_plan_rec(struct cli *c, int64_t id, enum output_format fmt)
{
	struct cn_err err = {0};
	struct rec *r = NULL;
	if (rec_get(c->db, c->a, &plan_entity, id, &r, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	rec_to_json(&w, r);
	int rc = cli_print(&b, fmt, NULL);
	buf_free(&b);
	return rc;
}

static int plan_create(struct cli *c, int argc, char **argv)
{
	struct args a;
	if (args_parse(argc, argv, NULL, 1, &a))
		return CLI_USAGE;
	const char *from_a = args_get(&a, "from-assessment");
	const char *from_t = args_get(&a, "from-template");
	if (a.help || (from_a == NULL && from_t == NULL)) {
		if (a.help)
			printf("usage: capnet plan create --from-assessment ASSESSMENT "
			       "[--title T]\n"
			       "       capnet plan create --from-template TEMPLATE --team-id T "
			       "[--title T]\n"
			       "       capnet plan create --team-id T [--title T] "
			       "[--assessment-id A]\n"
			       "       capnet plan create --is-template true --network-id N "
			       "--title T\n"
			       "From an assessment, each high-priority gap (target above current) "
			       "becomes a goal linked to that need. From a network template, every "
			       "goal and action is copied and keeps its link to the template, so "
			       "capnet can measure how far the plan departs from it.\n");
		return a.help ? CLI_OK : entity_cmd(c, &plan_entity, "plan", "add", argc, argv,
						    plan_columns);
	}
	if (from_a != NULL && from_t != NULL)
		return cli_usage("use --from-assessment or --from-template, not both");
	for (size_t i = 0; i < a.nopt; i++) {
		const char *n = a.name[i];
		if (strcmp(n, "from-assessment") && strcmp(n, "from-template") &&
		    strcmp(n, "title") && strcmp(n, "team-id") && strcmp(n, "format"))
			return cli_usage("--%s cannot be given with --from-%s", n,
					 from_a ? "assessment" : "template");
	}
	int64_t src, team = 0, id = 0;
	enum output_format fmt;
	if (cli_id(from_a ? from_a : from_t, from_a ? "--from-assessment" : "--from-template",
		   &src) ||
	    cli_format(&a, &fmt))
		return CLI_USAGE;
	if (from_t != NULL && cli_id(args_get(&a, "team-id"), "--team-id", &team))
		return CLI_USAGE;
	if (from_a != NULL && args_has(&a, "team-id"))
		return cli_usage("--from-assessment takes the team from the assessment; leave out "
				 "--team-id");
	int rc = open_db(c);
	if (rc != CLI_OK)
		return rc;
	struct cn_err err = {0};
	size_t goals = 0;
	if (from_a != NULL) {
		if (plan_create_from_assessment(c->db, &c->who, src, args_get(&a, "title"), &id,
						&goals, &err))
			return cli_fail(&err);
		fprintf(stderr,
			"capnet: plan %lld started with %zu goal%s, one per high-priority gap of "
			"assessment %lld\n",
			(long long)id, goals, goals == 1 ? "" : "s", (long long)src);
	} else {
		if (plan_template_start(c->db, &c->who, src, team, args_get(&a, "title"), &id,
					&err))
			return cli_fail(&err);
		fprintf(stderr, "capnet: plan %lld started from template %lld\n", (long long)id,
			(long long)src);
	}
	return print_plan_rec(c, id, fmt);
}

static int plan_list(struct cli *c, int argc, char **argv)
{
	return entity_cmd(c, &plan_entity, "plan", "list", argc, argv, plan_columns);
}

static int plan_update(struct cli *c, int argc, char **argv)
{
	return entity_cmd(c, &plan_entity, "plan", "update", argc, argv, NULL);
}

static int plan_show(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"format", 1, "table, json, or csv (the export's tables)"}, {NULL, 0, NULL}};
	struct args a;
	int64_t id;
	enum output_format fmt;
	int rc = one_id(c, argc, argv, opts, "capnet plan show PLAN [--format table|json|csv]", "plan", &a,
			&id, &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct cn_err err = {0};
	struct buf b = BUF_INIT;
	if (fmt == OUTPUT_CSV) {
		if (plan_export(c->db, id, NULL, PLAN_EXPORT_CSV, &b, NULL, &err))
			rc = cli_fail(&err);
		else
			rc = cli_write_file("-", &b);
		buf_free(&b);
		return rc;
	}
	struct plan_full p;
	if (plan_view_load(c->db, c->a, id, &p, &err))
		return cli_fail(&err);
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_JSON) {
		plan_view_json(&w, &p);
		rc = cli_print(&b, fmt, NULL);
	} else {
		const struct rec *r = p.plan;
		printf("plan %lld: %s\n", (long long)id, rec_text(r, "title"));
		printf("%s, %s, %s; status %s; %lld saved version%s\n",
		       p.district_name ? p.district_name : "network template", p.network_name,
		       rec_text(r, "school_year"), rec_text(r, "status"),
		       (long long)p.latest_version, p.latest_version == 1 ? "" : "s");
		if (p.template_title)
			printf("started from template %lld: %s\n",
			       (long long)rec_int(r, "template_id"), p.template_title);
		plan_view_goals_json(&w, &p);
		section("Goals", &b, goal_columns);
		plan_view_actions_json(&w, &p);
		section("Actions", &b, action_columns);
		plan_view_progress_json(&w, &p);
		section("Progress checks", &b, progress_columns);
		rc = CLI_OK;
	}
	buf_free(&b);
	return rc;
}

/* Goals. */

static int goal_add(struct cli *c, int argc, char **argv)
{
	return entity_verb(c, &plan_goal_entity, "plan goal", "add", "plan-id", argc, argv, NULL);
}

static int goal_update(struct cli *c, int argc, char **argv)
{
	return entity_verb(c, &plan_goal_entity, "plan goal", "update", NULL, argc, argv, NULL);
}

static int remove_verb(struct cli *c, int argc, char **argv, const char *usage,
		       const char *what,
		       int (*fn)(struct store *, const struct actor *, int64_t, struct cn_err *))
{
	struct args a;
	int rc = cli_verb_args(c, argc, argv, NULL, 1, usage, &a);
	int64_t id;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], what, &id))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (fn(c->db, &c->who, id, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: %s %lld removed\n", what, (long long)id);
	return CLI_OK;
}

static int goal_remove(struct cli *c, int argc, char **argv)
{
	return remove_verb(c, argc, argv, "capnet plan goal remove GOAL", "goal", plan_goal_remove);
}

/* What `... list PLAN` prints: a part of the plan view, its versions or reviews. */
enum plan_listing { LIST_GOALS, LIST_ACTIONS, LIST_PROGRESS, LIST_VERSIONS, LIST_REVIEWS };

/* Loads the listing of plan id and writes it as a JSON array. */
static int listing_json(struct cli *c, enum plan_listing what, int64_t id, struct jw *w,
			struct cn_err *err)
{
	if (what == LIST_VERSIONS) {
		struct plan_version_info *v;
		size_t n;
		if (plan_version_list(c->db, c->a, id, &v, &n, err))
			return -1;
		plan_version_list_json(w, v, n);
		return 0;
	}
	if (what == LIST_REVIEWS) {
		struct plan_review *r;
		size_t n;
		if (plan_review_list(c->db, c->a, id, &r, &n, err))
			return -1;
		plan_review_list_json(w, r, n);
		return 0;
	}
	struct plan_full p;
	if (plan_view_load(c->db, c->a, id, &p, err))
		return -1;
	if (what == LIST_GOALS)
		plan_view_goals_json(w, &p);
	else if (what == LIST_ACTIONS)
		plan_view_actions_json(w, &p);
	else
		plan_view_progress_json(w, &p);
	return 0;
}

static int plan_listing(struct cli *c, int argc, char **argv, enum plan_listing what)
{
	static const struct {
		const char *usage;
		const char *const *columns;
	} lists[] = {
		[LIST_GOALS] = {"capnet plan goal list PLAN [--format F]", goal_columns},
		[LIST_ACTIONS] = {"capnet plan action list PLAN [--format F]", action_columns},
		[LIST_PROGRESS] = {"capnet plan progress list PLAN [--format F]", progress_columns},
		[LIST_VERSIONS] = {"capnet plan version list PLAN [--format F]", version_columns},
		[LIST_REVIEWS] = {"capnet plan review list PLAN [--format F]", review_columns},
	};
	static const struct args_opt opts[] = {{"format", 1, "table, json or csv"},
					       {NULL, 0, NULL}};
	struct args a;
	int64_t id;
	enum output_format fmt;
	int rc = one_id(c, argc, argv, opts, lists[what].usage, "plan", &a, &id, &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct cn_err err = {0};
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (listing_json(c, what, id, &w, &err))
		rc = cli_fail(&err);
	else
		rc = cli_print(&b, fmt, fmt == OUTPUT_TABLE ? lists[what].columns : NULL);
	buf_free(&b);
	return rc;
}

static int goal_list(struct cli *c, int argc, char **argv)
{
	return plan_listing(c, argc, argv, LIST_GOALS);
}

static int goal_link_need(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"assessment-id", 1, "the district's assessment (required)"},
		{"indicator", 1, "the indicator's code (LC.2) or id (required)"},
		{"remove", 0, "unlink instead"},
		{NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 1,
			  "capnet plan goal link-need GOAL --assessment-id A --indicator CODE [--remove]",
			  &a);
	int64_t goal, as, indicator;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "goal", &goal) ||
	    cli_id(args_get(&a, "assessment-id"), "--assessment-id", &as))
		return CLI_USAGE;
	if (!args_has(&a, "indicator"))
		return cli_usage("link-need needs --indicator CODE");
	struct cn_err err = {0};
	int remove = args_has(&a, "remove");
	if (assessment_indicator(c->db, as, args_get(&a, "indicator"), &indicator, &err) ||
	    (remove ? plan_goal_unlink_need(c->db, &c->who, goal, as, indicator, &err)
		    : plan_goal_link_need(c->db, &c->who, goal, as, indicator, &err)))
		return cli_fail(&err);
	fprintf(stderr, "capnet: goal %lld %s %s of assessment %lld\n", (long long)goal,
		remove ? "no longer linked to" : "linked to", args_get(&a, "indicator"),
		(long long)as);
	return CLI_OK;
}

static const struct cli_verb goal_verbs[] = {
	{"add", goal_add,
	 "add PLAN --title T [--baseline B] [--target T] [--deadline YYYY-MM-DD] [--measure M]"},
	{"update", goal_update, "update GOAL --FIELD VALUE ..."},
	{"remove", goal_remove, "remove GOAL"},
	{"list", goal_list, "list PLAN [--format table|json|csv]"},
	{"link-need", goal_link_need,
	 "link-need GOAL --assessment-id A --indicator CODE [--remove]"},
	{NULL, NULL, NULL},
};

static int plan_goal(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, "plan goal", "where the district wants to be, by when", goal_verbs,
			    argc, argv);
}

/* Actions. */

static int action_add(struct cli *c, int argc, char **argv)
{
	return entity_verb(c, &plan_action_entity, "plan action", "add", "plan-id", argc, argv,
			   NULL);
}

static int action_update(struct cli *c, int argc, char **argv)
{
	return entity_verb(c, &plan_action_entity, "plan action", "update", NULL, argc, argv, NULL);
}

static int action_remove(struct cli *c, int argc, char **argv)
{
	return remove_verb(c, argc, argv, "capnet plan action remove ACTION", "action",
			   plan_action_remove);
}

static int action_list(struct cli *c, int argc, char **argv)
{
	return plan_listing(c, argc, argv, LIST_ACTIONS);
}

static int action_link(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"library-item-id", 1, "a library item (strategy, resource, tool, research)"},
		{"deliverable-id", 1, "a deliverable"},
		{"remove", 0, "unlink instead"},
		{NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 1,
			  "capnet plan action link ACTION (--library-item-id ID | --deliverable-id ID) "
			  "[--remove]",
			  &a);
	int64_t action, lib = 0, del = 0;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "action", &action) ||
	    (args_has(&a, "library-item-id") &&
	     cli_id(args_get(&a, "library-item-id"), "--library-item-id", &lib)) ||
	    (args_has(&a, "deliverable-id") &&
	     cli_id(args_get(&a, "deliverable-id"), "--deliverable-id", &del)))
		return CLI_USAGE;
	struct cn_err err = {0};
	int remove = args_has(&a, "remove");
	if (remove ? plan_action_unlink(c->db, &c->who, action, lib, del, &err)
		   : plan_action_link(c->db, &c->who, action, lib, del, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: action %lld %s %s %lld\n", (long long)action,
		remove ? "no longer links" : "links", lib ? "library item" : "deliverable",
		(long long)(lib ? lib : del));
	return CLI_OK;
}

static const struct cli_verb action_verbs[] = {
	{"add", action_add,
	 "add PLAN --kind K --title T [--goal-id G] [--owner PERSON] [--starts-on D] "
	 "[--due-on D]\n"
	 "      K: study, try_out, create_deliverable, deliver_pd, structure, policy"},
	{"update", action_update,
	 "update ACTION [--status planned|in_progress|done|dropped] [--owner PERSON] ..."},
	{"remove", action_remove, "remove ACTION"},
	{"list", action_list, "list PLAN [--format table|json|csv]"},
	{"link", action_link,
	 "link ACTION (--library-item-id ID | --deliverable-id ID) [--remove]"},
	{NULL, NULL, NULL},
};

static int plan_action(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, "plan action", "what the team will do", action_verbs, argc, argv);
}

/* Recommendations. */

static void print_recommendations(const struct plan_recommendations *r)
{
	for (size_t i = 0; i < r->ngoals; i++) {
		const struct plan_recommend_goal *g = &r->goals[i];
		printf("%sgoal %lld: %s\n", i ? "\n" : "", (long long)g->goal_id, g->title);
		printf("  searched for:");
		for (size_t k = 0; k < g->nwords; k++)
			printf("%s %s", k ? "," : "", g->words[k]);
		printf("\n");
		if (g->count == 0)
			printf("  no library item matches these words yet\n");
		for (size_t k = 0; k < g->count; k++) {
			const struct plan_recommendation *it = &g->items[k];
			printf("  %zu. %s (%s, library item %lld), score %.1f\n", k + 1, it->title,
			       it->kind, (long long)it->item_id, it->score);
			for (size_t n = 0; n < it->nreasons; n++)
				printf("     - %s\n", it->reasons[n]);
		}
	}
}

static int plan_recommend_verb(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"goal", 1, "only this goal"},
		{"limit", 1, "at most N items per goal (default 5, at most 50)"},
		{"format", 1, "table, json or csv"},
		{NULL, 0, NULL}};
	struct args a;
	int64_t id, goal = 0;
	enum output_format fmt;
	int rc = one_id(c, argc, argv, opts,
			"capnet plan recommend PLAN [--goal G] [--limit N] [--format F]\n"
			"Library items for each goal, best first, each with its reasons: the\n"
			"goal's words it matches, its evidence tier, and other teams' try-out\n"
			"ratings.",
			"plan", &a, &id, &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (args_has(&a, "goal") && cli_id(args_get(&a, "goal"), "--goal", &goal))
		return CLI_USAGE;
	int limit = args_has(&a, "limit") ? atoi(args_get(&a, "limit")) : 0;
	if (args_has(&a, "limit") && limit <= 0)
		return cli_usage("--limit must be a number from 1 to %d", PLAN_RECOMMEND_MAX);
	struct cn_err err = {0};
	struct plan_recommendations r;
	if (plan_recommend(c->db, c->a, id, goal, limit, &r, &err))
		return cli_fail(&err);
	if (fmt == OUTPUT_TABLE) {
		print_recommendations(&r);
		return CLI_OK;
	}
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_JSON)
		plan_recommend_json(&w, &r);
	else
		plan_recommend_rows_json(&w, &r);
	rc = cli_print(&b, fmt, NULL);
	buf_free(&b);
	return rc;
}

/* Versions. */

static int version_save(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"note", 1, "what changed, for the record"},
					       {NULL, 0, NULL}};
	struct args a;
	int64_t id, number = 0;
	enum output_format fmt;
	int rc = one_id(c, argc, argv, opts, "capnet plan version save PLAN [--note TEXT]", "plan", &a,
			&id, &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct cn_err err = {0};
	if (plan_version_save(c->db, &c->who, id, args_get(&a, "note"), &number, &err))
		return cli_fail(&err);
	printf("%lld\n", (long long)number);
	fprintf(stderr, "capnet: saved version %lld of plan %lld\n", (long long)number,
		(long long)id);
	return CLI_OK;
}

static int version_list(struct cli *c, int argc, char **argv)
{
	return plan_listing(c, argc, argv, LIST_VERSIONS);
}

static int version_show(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, "json (the snapshot) or table"},
					       {NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 2,
			  "capnet plan version show PLAN NUMBER [--format json|table]", &a);
	int64_t id, number;
	enum output_format fmt;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "plan", &id) || cli_id(a.pos[1], "version number", &number) ||
	    cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	struct plan_version_info v;
	const char *snapshot = NULL;
	if (plan_version_get(c->db, c->a, NULL, id, number, &v, &snapshot, &err))
		return cli_fail(&err);
	if (fmt != OUTPUT_TABLE) {
		puts(snapshot);
		return CLI_OK;
	}
	printf("version %lld of plan %lld, saved %s by %s%s%s\n", (long long)v.number,
	       (long long)id, v.created_at, v.author ? v.author : "the operator",
	       v.note ? ": " : "", v.note ? v.note : "");
	return output_print(stdout, OUTPUT_TABLE, snapshot, NULL) ? CLI_FAIL : CLI_OK;
}

static const struct cli_verb version_verbs[] = {
	{"save", version_save, "save PLAN [--note TEXT]"},
	{"list", version_list, "list PLAN [--format table|json|csv]"},
	{"show", version_show, "show PLAN NUMBER [--format json|table]"},
	{NULL, NULL, NULL},
};

static int plan_version(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, "plan version", "saved snapshots of the plan", version_verbs, argc,
			    argv);
}

/* Reviews. */

static int review_add(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"reviewer", 1, "the facilitator reviewing (id or email; required)"},
		{"comments", 1, "the review (required)"},
		{NULL, 0, NULL}};
	struct args a;
	int64_t id, reviewer = 0, review = 0;
	enum output_format fmt;
	int rc = one_id(c, argc, argv, opts,
			"capnet plan review add PLAN --reviewer PERSON --comments TEXT", "plan", &a, &id,
			&fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (args_has(&a, "reviewer") &&
	    (rc = cli_person(c, args_get(&a, "reviewer"), "--reviewer", &reviewer)) != CLI_OK)
		return rc;
	struct cn_err err = {0};
	if (plan_review_add(c->db, &c->who, id, reviewer, args_get(&a, "comments"), &review, &err))
		return cli_fail(&err);
	printf("%lld\n", (long long)review);
	fprintf(stderr, "capnet: review %lld added to plan %lld\n", (long long)review,
		(long long)id);
	return CLI_OK;
}

static int review_list(struct cli *c, int argc, char **argv)
{
	return plan_listing(c, argc, argv, LIST_REVIEWS);
}

static const struct cli_verb review_verbs[] = {
	{"add", review_add, "add PLAN --reviewer PERSON --comments TEXT"},
	{"list", review_list, "list PLAN [--format table|json|csv]"},
	{NULL, NULL, NULL},
};

static int plan_review(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, "plan review", "facilitators' review comments", review_verbs, argc,
			    argv);
}

/* Status, progress, departure, export, KAR. */

static int plan_status(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"note", 1, "a note for the version saved with the change"},
		{"if-version", 1, "refuse if the plan changed since version N"},
		{NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 2,
			  "capnet plan status PLAN draft|submitted|approved|archived [--note TEXT]\n"
			  "draft -> submitted -> approved (by a facilitator) -> archived; a "
			  "submitted or approved plan may go back to draft (an approved plan is "
			  "read-only until then). Each change saves a version.",
			  &a);
	int64_t id, expected = 0;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "plan", &id) ||
	    (args_has(&a, "if-version") &&
	     cli_id(args_get(&a, "if-version"), "--if-version", &expected)))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (plan_status_set(c->db, &c->who, id, a.pos[1], args_get(&a, "note"), expected, &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: plan %lld is %s\n", (long long)id, a.pos[1]);
	return CLI_OK;
}

static int progress_add(struct cli *c, int argc, char **argv)
{
	return entity_verb(c, &progress_check_entity, "plan progress", "add", "goal-id", argc, argv,
			   NULL);
}

static int progress_list(struct cli *c, int argc, char **argv)
{
	return plan_listing(c, argc, argv, LIST_PROGRESS);
}

static const struct cli_verb progress_verbs[] = {
	{"add", progress_add,
	 "add GOAL --status met|on_track|at_risk|off_track [--checked-on D] [--evidence T]\n"
	 "      [--next-steps T] [--guskey-level 1-5] [--author PERSON]"},
	{"list", progress_list, "list PLAN [--format table|json|csv]"},
	{NULL, NULL, NULL},
};

static int plan_progress(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, "plan progress", "progress checks on goals", progress_verbs, argc,
			    argv);
}

static int plan_departure(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, "table, json or csv"},
					       {NULL, 0, NULL}};
	struct args a;
	int64_t id;
	enum output_format fmt;
	int rc = one_id(c, argc, argv, opts,
			"capnet plan departure PLAN [--format F]\n"
			"How far the plan departs from the template it started from: goals and "
			"actions added, removed and changed.",
			"plan", &a, &id, &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct cn_err err = {0};
	struct plan_departure d;
	if (plan_template_departure(c->db, c->a, id, &d, &err))
		return cli_fail(&err);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_TABLE) {
		if (!d.has_template) {
			printf("plan %lld did not start from a template\n", (long long)id);
		} else {
			printf("plan %lld departs %.0f%% from template %lld (%s)\n", (long long)id,
			       d.departure * 100, (long long)d.template_id, d.template_title);
			printf("goals: %zu added, %zu removed, %zu changed, %zu kept\n",
			       d.goals_added, d.goals_removed, d.goals_changed, d.goals_kept);
			printf("actions: %zu added, %zu removed, %zu changed, %zu kept\n",
			       d.actions_added, d.actions_removed, d.actions_changed,
			       d.actions_kept);
			plan_template_items_json(&w, &d);
			section("Items", &b, departure_columns);
		}
		rc = CLI_OK;
	} else {
		if (fmt == OUTPUT_JSON)
			plan_template_departure_json(&w, &d);
		else
			plan_template_items_json(&w, &d);
		rc = cli_print(&b, fmt, NULL);
	}
	buf_free(&b);
	return rc;
}

static int plan_export_verb(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
		{"format", 1, "csv, xlsx or pdf (required)"},
		{"output", 1, "the file to write (csv may go to standard output: -)"},
		{NULL, 0, NULL}};
	struct args a;
	int rc = cli_verb_args(c, argc, argv, opts, 1,
			  "capnet plan export PLAN --format csv|xlsx|pdf --output FILE", &a);
	int64_t id;
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	if (cli_id(a.pos[0], "plan", &id))
		return CLI_USAGE;
	struct cn_err err = {0};
	enum plan_export_format f;
	if (plan_export_format_parse(args_get(&a, "format"), &f, &err))
		return cli_fail(&err);
	const char *path = args_get(&a, "output");
	if (path == NULL && f != PLAN_EXPORT_CSV)
		return cli_usage("--output FILE is needed for %s", plan_export_extension(f));
	struct buf b = BUF_INIT;
	int pages = 0;
	if (plan_export(c->db, id, NULL, f, &b, &pages, &err)) {
		buf_free(&b);
		return cli_fail(&err);
	}
	rc = cli_write_file(path ? path : "-", &b);
	if (rc == CLI_OK && path != NULL && strcmp(path, "-") != 0) {
		if (pages > 0)
			fprintf(stderr, "capnet: wrote %s (%zu bytes, %d page%s)\n", path, b.len,
				pages, pages == 1 ? "" : "s");
		else
			fprintf(stderr, "capnet: wrote %s (%zu bytes)\n", path, b.len);
	}
	buf_free(&b);
	return rc;
}

static void print_kar(const struct plan_kar *k)
{
	printf("plan %lld and 704 KAR 3:035 (records that show each expectation)\n",
	       (long long)k->plan_id);
	for (size_t i = 0; i < KAR_COUNT; i++) {
		const struct plan_kar_item *it = &k->items[i];
		printf("\n%s: %s\n", it->title, it->status);
		for (size_t r = 0; r < it->count; r++)
			printf("  - %s (%s %lld)\n", it->records[r].text, it->records[r].kind,
			       (long long)it->records[r].id);
		printf("  counts: %s\n  cannot show: %s\n", it->how, it->limits);
	}
}

static int plan_kar_verb(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, "table, json or csv"},
					       {NULL, 0, NULL}};
	struct args a;
	int64_t id;
	enum output_format fmt;
	int rc = one_id(c, argc, argv, opts,
			"capnet plan kar PLAN [--format F]\n"
			"How the plan meets each expectation of 704 KAR 3:035, with the records "
			"that show it and what capnet cannot show.",
			"plan", &a, &id, &fmt);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct cn_err err = {0};
	struct plan_kar k;
	if (plan_kar_evidence(c->db, c->a, NULL, id, &k, &err))
		return cli_fail(&err);
	if (fmt == OUTPUT_TABLE) {
		print_kar(&k);
		return CLI_OK;
	}
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	if (fmt == OUTPUT_JSON)
		plan_kar_json(&w, &k);
	else
		plan_kar_rows_json(&w, &k);
	rc = cli_print(&b, fmt, NULL);
	buf_free(&b);
	return rc;
}

static const struct cli_verb plan_verbs[] = {
	{"create", plan_create,
	 "create (--from-assessment A | --from-template T --team-id TEAM) [--title T]"},
	{"list", plan_list,
	 "list [--team-id T] [--network-id N] [--is-template true|false] [--format F]"},
	{"show", plan_show, "show PLAN [--format table|json|csv]"},
	{"update", plan_update, "update PLAN [--title T] [--assessment-id A]"},
	{"goal", plan_goal, "goal add|update|remove|list|link-need ..."},
	{"action", plan_action, "action add|update|remove|list|link ..."},
	{"recommend", plan_recommend_verb, "recommend PLAN [--goal G] [--limit N] [--format F]"},
	{"version", plan_version, "version save|list|show ..."},
	{"review", plan_review, "review add|list ..."},
	{"status", plan_status, "status PLAN draft|submitted|approved|archived [--note T]"},
	{"progress", plan_progress, "progress add|list ..."},
	{"departure", plan_departure, "departure PLAN [--format F]"},
	{"export", plan_export_verb, "export PLAN --format csv|xlsx|pdf --output FILE"},
	{"kar", plan_kar_verb, "kar PLAN [--format F]"},
	{NULL, NULL, NULL},
};

int cmd_plan(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, "plan",
			    "a district team's customized professional-learning plan, or a "
			    "network template",
			    plan_verbs, argc - 1, argv + 1);
}
