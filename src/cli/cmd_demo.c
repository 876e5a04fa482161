/* cmd_demo: `capnet demo`: creates the database if it is new, loads the demo into it
 * when it is empty, and prints what was loaded and how to sign in. */
#include <stdio.h>
#include <string.h>

#include "demo/demo.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"
#include "app/network/agenda.h"
#include "app/network/team.h"

static const char *const account_columns[] = {"role", "name", "email", "organization", NULL};

static void demo_usage(void)
{
	printf("usage: capnet [--db URL] demo [--if-empty] [--no-work] [--format table|json|csv]\n"
	       "Loads a demo into an empty database, creating the database first if it is\n"
	       "new: the state agency, two cooperatives, eight districts with their schools,\n"
	       "a university partner, the %s Mathematics and English/Language Arts\n"
	       "leadership networks with their district teams, meetings, agendas and\n"
	       "attendance; the fall's work: a standards framework, a library with try-outs,\n"
	       "learning-target sets co-authored, adapted and copied, every team's needs\n"
	       "assessment, plan, PLC sessions, PD, walkthroughs and reflections (one team\n"
	       "shows the train-the-trainer pattern); and one sign-in account for each role\n"
	       "(admin, facilitator, district_lead, member, partner). Every account has\n"
	       "the password %s. Places and people are invented.\n\n"
	       "A database that already holds data is refused (exit 1) and left unchanged.\n\n"
	       "Options:\n"
	       "  --if-empty     when the database already holds data, leave it as it is,\n"
	       "                 print the demo accounts it has, and exit 0 (for `make demo`)\n"
	       "  --no-work      only the organizations, people, networks, teams, meetings\n"
	       "                 and accounts: the year's work starts from nothing\n"
	       "  --scale S      demo (default), or state: the demo and, on top, a state's\n"
	       "                 size (171 districts, 1,500 schools, 45,000 staff, twelve\n"
	       "                 networks holding every district, three school years of\n"
	       "                 work) for measuring speed; takes seconds\n"
	       "  --format F     table (default), json, or csv (the accounts only)\n",
	       DEMO_SCHOOL_YEAR, DEMO_PASSWORD);
}

/* How the database is named in messages: a PostgreSQL URL may carry a password, so
 * only an SQLite one is shown. */
static const char *demo_db_name(const struct cli *c)
{
	if (strcmp(store_backend_name(c->db), "sqlite") == 0)
		return c->db_url;
	return "the PostgreSQL database";
}

/* Opens the database: a new one gets the schema (as `capnet init` does); an existing
 * one must be current, so that the demo never migrates someone's data behind them. */
static int demo_open(struct cli *c, struct cn_err *err)
{
	if (store_open(c->db_url, &c->db, err))
		return -1;
	int version = 0;
	if (store_schema_version(c->db, &version, err))
		return -1;
	if (version != 0)
		return store_require_current(c->db, err);
	int applied = 0;
	if (store_migrate(c->db, &applied, err))
		return -1;
	fprintf(stderr, "capnet: created the schema of %s (version %d)\n", demo_db_name(c),
		store_schema_latest());
	return 0;
}

static void demo_accounts_json(struct jw *w, const struct demo_summary *s)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < s->naccounts; i++) {
		const struct demo_account *ac = &s->accounts[i];
		char name[256];
		snprintf(name, sizeof(name), "%s %s", ac->given_name, ac->family_name);
		jw_obj_begin(w);
		jw_kv_str(w, "role", ac->role);
		jw_kv_str(w, "name", name);
		jw_kv_str(w, "email", ac->email);
		jw_kv_str(w, "title", ac->title);
		jw_kv_str(w, "organization", ac->organization);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

/* Prints the accounts (table or CSV) and, in a table, the password under them. */
static void demo_print_accounts(const struct demo_summary *s, enum output_format fmt,
				const char *password_note)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	demo_accounts_json(&w, s);
	if (fmt == OUTPUT_TABLE)
		printf("\nSign in with one of these accounts:\n\n");
	output_print(stdout, fmt, buf_str(&b), account_columns);
	if (fmt == OUTPUT_TABLE)
		printf("\nPassword for each: %s%s\n", DEMO_PASSWORD, password_note);
	buf_free(&b);
}

static void demo_print_json(const char *database, const struct demo_summary *s, int loaded)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_str(&w, "database", database);
	jw_kv_bool(&w, "loaded", loaded);
	if (loaded) {
		jw_key(&w, "counts");
		jw_obj_begin(&w);
		jw_kv_int(&w, "organizations", s->organizations);
		jw_kv_int(&w, "cooperatives", s->cooperatives);
		jw_kv_int(&w, "districts", s->districts);
		jw_kv_int(&w, "schools", s->schools);
		jw_kv_int(&w, "universities", s->universities);
		jw_kv_int(&w, "relationships", s->relationships);
		jw_kv_int(&w, "people", s->people);
		jw_kv_int(&w, "networks", s->networks);
		jw_kv_int(&w, "teams", s->teams);
		jw_kv_int(&w, "team_members", s->team_members);
		jw_kv_int(&w, "meetings", s->meetings);
		jw_kv_int(&w, "agenda_items", s->agenda_items);
		jw_kv_int(&w, "materials", s->materials);
		jw_kv_int(&w, "attendance", s->attendance);
		jw_kv_int(&w, "frameworks", s->frameworks);
		jw_kv_int(&w, "standards", s->standards);
		jw_kv_int(&w, "library_items", s->library_items);
		jw_kv_int(&w, "tryouts", s->tryouts);
		jw_kv_int(&w, "deliverables", s->deliverables);
		jw_kv_int(&w, "deliverable_versions", s->deliverable_versions);
		jw_kv_int(&w, "reviews", s->reviews);
		jw_kv_int(&w, "assessments", s->assessments);
		jw_kv_int(&w, "challenges", s->challenges);
		jw_kv_int(&w, "plans", s->plans);
		jw_kv_int(&w, "plan_goals", s->plan_goals);
		jw_kv_int(&w, "plan_actions", s->plan_actions);
		jw_kv_int(&w, "progress_checks", s->progress_checks);
		jw_kv_int(&w, "pd_sessions", s->pd_sessions);
		jw_kv_int(&w, "pd_delivered", s->pd_delivered);
		jw_kv_int(&w, "walkthroughs", s->walkthroughs);
		jw_kv_int(&w, "reflections", s->reflections);
		jw_obj_end(&w);
	}
	jw_kv_str(&w, "school_year", DEMO_SCHOOL_YEAR);
	jw_kv_str(&w, "password", DEMO_PASSWORD);
	jw_key(&w, "accounts");
	demo_accounts_json(&w, s);
	jw_obj_end(&w);
	output_print(stdout, OUTPUT_JSON, buf_str(&b), NULL);
	buf_free(&b);
}

/* The database holds data already: refuse, or with --if-empty show what is there. */
static int demo_not_empty(struct cli *c, const struct demo_existing *ex, int if_empty,
			  enum output_format fmt)
{
	char held[160];
	snprintf(held, sizeof(held), "%lld organizations, %lld people, %lld networks",
		 (long long)ex->organizations, (long long)ex->people, (long long)ex->networks);
	if (!if_empty) {
		fprintf(stderr,
			"capnet: %s already holds data (%s).\n"
			"The demo loads only into an empty database; nothing was changed.\n",
			demo_db_name(c), held);
		if (strcmp(store_backend_name(c->db), "sqlite") == 0) {
			const char *url = c->db_url;
			const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
			fprintf(stderr,
				"To start fresh, remove the file and load the demo again:\n"
				"    rm %s && capnet demo --db %s\n",
				path, url);
		} else {
			fprintf(stderr, "To start fresh, drop and create the database again, then\n"
					"run `capnet demo` on it.\n");
		}
		fprintf(stderr, "Or load the demo into another database:\n"
				"    capnet demo --db sqlite:demo.db\n");
		return CLI_FAIL;
	}
	fprintf(stderr, "capnet: %s already holds data (%s); leaving it as it is\n",
		demo_db_name(c), held);
	struct demo_summary s;
	struct cn_err err = {0};
	if (demo_accounts_present(c->db, &s, &err))
		return cli_fail(&err);
	if (fmt == OUTPUT_JSON)
		demo_print_json(demo_db_name(c), &s, 0);
	else if (s.naccounts > 0)
		demo_print_accounts(&s, fmt, " (unless changed since the demo was loaded)");
	return CLI_OK;
}

int cmd_demo(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {
	    {"if-empty", 0, NULL}, {"no-work", 0, NULL}, {"format", 1, NULL}, {"scale", 1, NULL},
	    {NULL, 0, NULL}};
	struct args a;
	if (args_parse(argc - 1, argv + 1, opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		demo_usage();
		return CLI_OK;
	}
	if (a.npos > 0)
		return cli_usage("demo takes no argument '%s' (see capnet demo --help)", a.pos[0]);
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	const char *scale = args_get(&a, "scale");
	if (scale != NULL && strcmp(scale, "demo") != 0 && strcmp(scale, "state") != 0)
		return cli_usage("--scale takes demo or state, not '%s'", scale);
	int state = scale != NULL && strcmp(scale, "state") == 0;
	if (state && args_has(&a, "no-work"))
		return cli_usage("--scale state adds work: it does not go with --no-work");
	struct cn_err err = {0};
	if (demo_open(c, &err))
		return cli_fail(&err);
	struct demo_existing ex;
	if (demo_count_existing(c->db, &ex, &err))
		return cli_fail(&err);
	if (!demo_is_empty(&ex))
		return demo_not_empty(c, &ex, args_has(&a, "if-empty"), fmt);
	struct demo_summary s;
	if (demo_load(c->db, &c->who, args_has(&a, "no-work") ? DEMO_NO_WORK : DEMO_FULL, &s,
		      &err))
		return cli_fail(&err);
	struct demo_state_summary big;
	if (state && demo_state(c->db, &big, &err))
		return cli_fail(&err);
	if (state && fmt == OUTPUT_TABLE)
		printf("Added a state's size: %d districts, %d schools, %ld staff, %d networks"
		       " with %d teams, three school years of work; %ld rows in %.1f s\n",
		       big.districts, big.schools, big.staff, big.networks, big.teams, big.rows,
		       big.ms / 1000);
	if (fmt == OUTPUT_JSON) {
		demo_print_json(demo_db_name(c), &s, 1);
		return CLI_OK;
	}
	if (fmt == OUTPUT_TABLE) {
		printf("Loaded the demo into %s:\n", demo_db_name(c));
		printf("  organizations  %d: the state agency, %d cooperatives, %d districts,\n"
		       "                 %d schools, %d university\n",
		       s.organizations, s.cooperatives, s.districts, s.schools, s.universities);
		printf("  relationships  %d\n  people         %d\n", s.relationships, s.people);
		printf("  networks       %d for %s, with %d district teams and %d team members\n",
		       s.networks, DEMO_SCHOOL_YEAR, s.teams, s.team_members);
		printf("  meetings       %d, with %d agenda items and %d materials linked from them;"
		       " attendance taken at %d\n",
		       s.meetings, s.agenda_items, s.materials, s.meetings_held);
		printf("  standards      %d framework (CASE) with %d items\n", s.frameworks,
		       s.standards);
		printf("  library        %d items, tried out %d times\n", s.library_items, s.tryouts);
		printf("  deliverables   %d with %d versions and %d reviews\n", s.deliverables,
		       s.deliverable_versions, s.reviews);
		printf("  assessments    %d, with %d challenges\n", s.assessments, s.challenges);
		printf("  plans          %d (a template among them), %d goals, %d actions, %d "
		       "progress checks\n",
		       s.plans, s.plan_goals, s.plan_actions, s.progress_checks);
		printf("  PD sessions    %d, %d of them delivered; %d walkthroughs, %d "
		       "reflections\n",
		       s.pd_sessions, s.pd_delivered, s.walkthroughs, s.reflections);
	}
	demo_print_accounts(&s, fmt, "");
	return CLI_OK;
}
