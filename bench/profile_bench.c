/* profile_bench: builds a statewide dataset in a fresh database and times the
 * capacity-building profile. Not part of `make check`; run by bench/run.
 *
 * The dataset at scale 1: 12 regional networks in each of 5 school years (60
 * networks), 173 districts with 3 schools and 40 teachers each, one team per district
 * and year (865 teams), each with a needs assessment (21 ratings), a plan (4 goals, 8
 * actions, needs, links, 3 progress checks per goal; half from the network template),
 * 3 derived deliverables with 2 versions and contributors, 58 delivered PD sessions
 * with 20 attendees each (about 1,000,000 attendance rows) and 12 walkthroughs. A
 * scale s multiplies the per-team volume (sessions, attendance, walkthroughs,
 * deliverables, progress checks); the organization stays the same, so a network view
 * still has about 15 teams. One team in six follows the train-the-trainer pattern.
 *
 * Rows are written straight through the store in one transaction per school year,
 * without the record engine's checks and audit events (this is generated data).
 *
 * usage: profile_bench [DB_PATH [SCALE ...]]
 * Without arguments (as bench/run calls it) it runs the scales in PROFILE_BENCH_SCALES
 * (default "0.1 1 2") in ${TMPDIR:-/tmp}/capnet-profile-bench.db, removed afterwards. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app/profile/profile.h"
#include "core/arena.h"
#include "store/store.h"

enum { REGIONS = 12, DISTRICTS = 173, YEARS = 5, SCHOOLS = 3, TEACHERS = 40, INDICATORS = 21,
       GOALS = 4, ACTIONS = 8, ITEMS = 200, ATTENDEES = 20 };

static const char SQL_ORG[] = "INSERT INTO organization (id, kind, name, parent_id, created_at,"
			      " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
static const char SQL_PERSON[] = "INSERT INTO person (id, given_name, family_name, email,"
				 " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
static const char SQL_NETWORK[] = "INSERT INTO network (id, name, content_area, region_id,"
				  " school_year, created_at, updated_at)"
				  " VALUES (?1, ?2, 'mathematics', ?3, ?4, ?5, ?5)";
static const char SQL_TEAM[] = "INSERT INTO team (id, network_id, district_id, name, created_at,"
			       " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
static const char SQL_INSTRUMENT[] =
	"INSERT INTO instrument (id, name, created_at, updated_at) VALUES (1, 'Default', ?1, ?1)";
static const char SQL_INDICATOR[] =
	"INSERT INTO indicator (id, instrument_id, code, capacity_level, standard, text, position)"
	" VALUES (?1, 1, ?2, ?3, 'Learning Communities', 'indicator', ?1)";
static const char SQL_ITEM[] = "INSERT INTO library_item (id, kind, title, created_at,"
			       " updated_at) VALUES (?1, 'strategy', ?2, ?3, ?3)";
static const char SQL_ASSESSMENT[] =
	"INSERT INTO assessment (id, team_id, instrument_id, school_year, status, created_at,"
	" updated_at) VALUES (?1, ?2, 1, ?3, 'submitted', ?4, ?4)";
static const char SQL_RATING[] =
	"INSERT INTO assessment_rating (assessment_id, indicator_id, current_level, target_level,"
	" priority) VALUES (?1, ?2, ?3, 4, ?4)";
static const char SQL_PLAN[] =
	"INSERT INTO plan (id, network_id, team_id, school_year, title, is_template, template_id,"
	" assessment_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
static const char SQL_GOAL[] = "INSERT INTO plan_goal (id, plan_id, title, template_goal_id,"
			       " position) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_NEED[] =
	"INSERT INTO goal_need (goal_id, assessment_id, indicator_id) VALUES (?1, ?2, ?3)";
static const char SQL_ACTION[] =
	"INSERT INTO plan_action (id, plan_id, goal_id, kind, title, template_action_id, position)"
	" VALUES (?1, ?2, ?3, 'deliver_pd', ?4, ?5, ?6)";
static const char SQL_LINK[] =
	"INSERT INTO action_link (action_id, library_item_id) VALUES (?1, ?2)";
static const char SQL_CHECK[] =
	"INSERT INTO progress_check (goal_id, checked_on, status, guskey_level, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_DELIVERABLE[] =
	"INSERT INTO deliverable (id, network_id, team_id, kind, title, derived_from_version_id,"
	" identifier, created_at, updated_at) VALUES (?1, ?2, ?3, 'unit', ?4, ?5, 'd-' || ?1, ?6,"
	" ?6)";
static const char SQL_VERSION[] =
	"INSERT INTO deliverable_version (id, deliverable_id, number, body, source_similarity,"
	" created_at) VALUES (?1, ?2, ?3, 'body', ?4, ?5)";
static const char SQL_CONTRIB[] = "INSERT INTO deliverable_contributor (deliverable_id,"
				  " person_id, district_id) VALUES (?1, ?2, ?3)";
static const char SQL_MEETING[] =
	"INSERT INTO meeting (id, network_id, title, starts_at, ends_at, tz, uid, created_at,"
	" updated_at) VALUES (?1, ?2, 'Meeting', ?3, ?4, 'America/New_York', ?5, ?6, ?6)";
static const char SQL_SESSION[] =
	"INSERT INTO pd_session (id, team_id, school_id, title, held_on, start_time, tz, minutes,"
	" pd_format, status, source_meeting_id, changes_note, unchanged_redelivery, uid,"
	" created_at, updated_at) VALUES (?1, ?2, ?3, 'PLC', ?4, '15:30', 'America/New_York',"
	" ?5, ?6, 'delivered', ?7, ?8, ?9, ?10, ?11, ?11)";
static const char SQL_ATTEND[] =
	"INSERT INTO pd_attendance (session_id, person_id) VALUES (?1, ?2)";
static const char SQL_WALK[] =
	"INSERT INTO walkthrough (team_id, school_id, observed_on, item_id, observed, created_at,"
	" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)";
static const char SQL_LAST_YEAR_NETWORKS[] =
	"SELECT id FROM network WHERE school_year = ?1 ORDER BY id";
static const char SQL_COUNT_ATTENDANCE[] = "SELECT COUNT(*) FROM pd_attendance";

static const char NOW[] = "2027-06-30T00:00:00Z";
static uint64_t rng_state = 88172645463325252ULL;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int pick(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void die(const struct cn_err *err, const char *what)
{
	fprintf(stderr, "profile_bench: %s: %s\n", what, err->msg);
	exit(1);
}

/* Runs one insert: ints (i) or texts (s) per parameter, as the format says. */
static void ins(struct store *db, const char *sql, const char *fmt, ...)
{
	struct cn_err err = {0};
	struct store_stmt *q = store_prepare(db, sql, &err);
	if (q == NULL)
		die(&err, sql);
	va_list ap;
	va_start(ap, fmt);
	for (int i = 0; fmt[i]; i++) {
		if (fmt[i] == 'i')
			store_bind_int(q, i + 1, va_arg(ap, int64_t));
		else if (fmt[i] == 'd')
			store_bind_double(q, i + 1, va_arg(ap, double));
		else if (fmt[i] == 'n') {
			(void)va_arg(ap, int64_t);
			store_bind_null(q, i + 1);
		} else
			store_bind_text(q, i + 1, va_arg(ap, const char *));
	}
	va_end(ap);
	if (store_step(q, &err) < 0)
		die(&err, sql);
	store_done(q);
}

#define I(x) ((int64_t)(x))

static void school_year(int year, char sy[8])
{
	snprintf(sy, 8, "%04d-%02d", year, (year + 1) % 100);
}

/* A day of the school year starting in `year`: month index 0 = August. */
static void day_of(int year, int month_index, int day, char out[11])
{
	int m = 8 + month_index, y = year;
	if (m > 12) {
		m -= 12;
		y++;
	}
	snprintf(out, 11, "%04d-%02d-%02d", y, m, day);
}

static void generate(struct store *db, double scale)
{
	struct cn_err err = {0};
	char text[128];
	int sessions_per_team = (int)lround(58 * scale);
	int walks = (int)lround(12 * scale), derived = (int)lround(3 * scale);
	int checks = (int)lround(3 * scale);
	if (checks < 1)
		checks = 1;
	if (store_begin(db, &err))
		die(&err, "begin");
	ins(db, SQL_ORG, "issns", I(1), "state", "Kentucky Department of Education", I(0), NOW);
	for (int r = 0; r < REGIONS; r++) {
		snprintf(text, sizeof(text), "Region %d Cooperative", r + 1);
		ins(db, SQL_ORG, "issis", I(2 + r), "cooperative", text, I(1), NOW);
	}
	/* Districts 100.., schools 1000.., teachers 10000.. */
	for (int d = 0; d < DISTRICTS; d++) {
		snprintf(text, sizeof(text), "District %03d", d + 1);
		ins(db, SQL_ORG, "issis", I(100 + d), "district", text, I(2 + d % REGIONS), NOW);
		for (int s = 0; s < SCHOOLS; s++) {
			snprintf(text, sizeof(text), "School %03d-%d", d + 1, s + 1);
			ins(db, SQL_ORG, "issis", I(1000 + d * SCHOOLS + s), "school", text,
			    I(100 + d), NOW);
		}
		for (int p = 0; p < TEACHERS; p++) {
			char email[64];
			snprintf(email, sizeof(email), "t%d.%d@district%d.org", d, p, d);
			ins(db, SQL_PERSON, "issss", I(10000 + d * TEACHERS + p), "Teacher", "Person",
			    email, NOW);
		}
	}
	ins(db, SQL_INSTRUMENT, "s", NOW);
	static const char *const levels[] = {"people", "organizational", "institutional"};
	for (int i = 1; i <= INDICATORS; i++) {
		snprintf(text, sizeof(text), "I%d", i);
		ins(db, SQL_INDICATOR, "iss", I(i), text, levels[i % 3]);
	}
	for (int i = 1; i <= ITEMS; i++) {
		snprintf(text, sizeof(text), "Strategy %d", i);
		ins(db, SQL_ITEM, "iss", I(i), text, NOW);
	}
	if (store_commit(db, &err))
		die(&err, "commit");
	int64_t team_id = 0, plan_id = 0, goal_id = 0, action_id = 0, deliv_id = 0, version_id = 0;
	int64_t session_id = 0, meeting_id = 0;
	for (int y = 0; y < YEARS; y++) {
		int year = 2022 + y;
		char sy[8];
		school_year(year, sy);
		if (store_begin(db, &err))
			die(&err, "begin");
		for (int r = 0; r < REGIONS; r++) {
			int64_t net = I(1 + y * REGIONS + r);
			snprintf(text, sizeof(text), "Region %d Mathematics Network %s", r + 1, sy);
			ins(db, SQL_NETWORK, "isiss", net, text, I(2 + r), sy, NOW);
			/* The network's template plan and source deliverable. */
			int64_t tmpl = ++plan_id, tgoal = goal_id + 1, taction = action_id + 1;
			ins(db, SQL_PLAN, "iinssinns", tmpl, net, I(0), sy, "Template", I(1), I(0),
			    I(0), NOW);
			for (int g = 0; g < GOALS; g++) {
				snprintf(text, sizeof(text), "Template goal %d", g + 1);
				ins(db, SQL_GOAL, "iisni", ++goal_id, tmpl, text, I(0), I(g));
			}
			for (int k = 0; k < ACTIONS; k++) {
				snprintf(text, sizeof(text), "Template action %d", k + 1);
				ins(db, SQL_ACTION, "iiisni", ++action_id, tmpl, tgoal + k % GOALS, text,
				    I(0), I(k));
			}
			int64_t source = ++deliv_id, source_version = ++version_id;
			ins(db, SQL_DELIVERABLE, "iinsns", source, net, I(0), "Network unit", I(0),
			    NOW);
			ins(db, SQL_VERSION, "iiins", source_version, source, I(1), I(0), NOW);
			int64_t meeting = ++meeting_id;
			char starts[32], ends[32], uid[32];
			snprintf(starts, sizeof(starts), "%04d-09-15T13:00:00Z", year);
			snprintf(ends, sizeof(ends), "%04d-09-15T19:00:00Z", year);
			snprintf(uid, sizeof(uid), "m-%lld@bench", (long long)meeting);
			ins(db, SQL_MEETING, "iissss", meeting, net, starts, ends, uid, NOW);
			for (int d = r; d < DISTRICTS; d += REGIONS) {
				int64_t team = ++team_id, district = 100 + d;
				int copier = team % 6 == 0;
				snprintf(text, sizeof(text), "District %03d", d + 1);
				ins(db, SQL_TEAM, "iiiss", team, net, district, text, NOW);
				int64_t assess = team;
				ins(db, SQL_ASSESSMENT, "iiss", assess, team, sy, NOW);
				for (int i = 1; i <= INDICATORS; i++)
					ins(db, SQL_RATING, "iiis", assess, I(i), I(1 + pick(3)),
					    i % 5 == 0 ? "high" : "medium");
				int64_t plan = ++plan_id, first_goal = goal_id + 1;
				int from_template = copier || team % 2 == 0;
				ins(db, SQL_PLAN, from_template ? "iiissiiis" : "iiissinis", plan, net, team,
				    sy, "District plan", I(0), from_template ? tmpl : 0, assess, NOW);
				for (int g = 0; g < GOALS; g++) {
					snprintf(text, sizeof(text), copier ? "Template goal %d"
									    : "Our goal %d",
						 g + 1);
					ins(db, SQL_GOAL, from_template ? "iisii" : "iisni", ++goal_id, plan,
					    text, from_template ? tgoal + g : 0, I(g));
					if (!copier)
						ins(db, SQL_NEED, "iii", goal_id, assess,
						    I(1 + pick(INDICATORS)));
					for (int c = 0; c < checks; c++) {
						char day[11];
						day_of(year, 2 + c * 3 % 10, 15, day);
						static const char *const st[] = {"on_track", "at_risk",
										 "met", "off_track"};
						ins(db, SQL_CHECK, "issis", goal_id, day, st[pick(4)],
						    I(1 + pick(5)), NOW);
					}
				}
				for (int k = 0; k < ACTIONS; k++) {
					snprintf(text, sizeof(text), "Action %d", k + 1);
					int kept = from_template && k < 6;
					ins(db, SQL_ACTION, kept ? "iiisii" : "iiisni", ++action_id, plan,
					    first_goal + k % GOALS, text,
					    kept ? taction + k : 0, I(k));
					ins(db, SQL_LINK, "ii", action_id, I(1 + pick(ITEMS)));
				}
				for (int k = 0; k < derived; k++) {
					int64_t dv = ++deliv_id;
					ins(db, SQL_DELIVERABLE, "iiisis", dv, net, team, "Our unit",
					    source_version, NOW);
					ins(db, SQL_VERSION, "iiids", ++version_id, dv, I(1), 0.95, NOW);
					ins(db, SQL_VERSION, "iiids", ++version_id, dv, I(2),
					    copier ? 0.97 : 0.2 + 0.6 * (double)pick(100) / 100.0, NOW);
					ins(db, SQL_CONTRIB, "iii", dv, I(10000 + d * TEACHERS), district);
					if (!copier)
						ins(db, SQL_CONTRIB, "iii", dv,
						    I(10000 + ((d + 1) % DISTRICTS) * TEACHERS),
						    I(100 + (d + 1) % DISTRICTS));
				}
				for (int s = 0; s < sessions_per_team; s++) {
					int64_t sid = ++session_id;
					char day[11], suid[32];
					day_of(year, s % 10, 1 + (s / 10) % 28, day);
					snprintf(suid, sizeof(suid), "s-%lld@bench", (long long)sid);
					int whole = copier;
					ins(db, SQL_SESSION, s == 0 ? "iiisisisiss" : "iiisisnsiss", sid, team,
					    I(1000 + d * SCHOOLS + s % SCHOOLS), day,
					    I(whole ? 360 : 60), whole ? "whole_group" : "plc",
					    s == 0 ? meeting : 0, copier ? NULL : "adapted",
					    I(copier && s == 0), suid, NOW);
					int off = pick(TEACHERS);
					for (int p = 0; p < ATTENDEES; p++)
						ins(db, SQL_ATTEND, "ii", sid,
						    I(10000 + d * TEACHERS + (off + p) % TEACHERS));
				}
				for (int w = 0; w < walks; w++) {
					char day[11];
					day_of(year, 1 + w % 9, 10, day);
					ins(db, SQL_WALK, "iisiis", team, I(1000 + d * SCHOOLS),
					    day, I(1 + pick(ITEMS)), I(pick(3) > 0), NOW);
				}
			}
		}
		if (store_commit(db, &err))
			die(&err, "commit");
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, int n)
{
	qsort(t, (size_t)n, sizeof(double), cmp_double);
	printf("%-34s n=%-4d median %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", what, n, t[n / 2],
	       t[(int)(n * 0.95)], t[n - 1]);
}

static void remove_db(const char *path)
{
	char side[600];
	remove(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	remove(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	remove(side);
}

static void run_scale(const char *file, double scale)
{
	char url[600];
	snprintf(url, sizeof(url), "sqlite:%s", file);
	remove_db(file);
	struct store *db = NULL;
	struct cn_err err = {0};
	if (store_open(url, &db, &err) || store_migrate(db, NULL, &err))
		die(&err, "open");
	double t0 = now_ms();
	generate(db, scale);
	double gen = now_ms() - t0;
	struct store_stmt *q = store_prepare(db, SQL_COUNT_ATTENDANCE, &err);
	store_step(q, &err);
	long long attendance = (long long)store_col_int(q, 0);
	store_done(q);
	store_close(db);
	struct stat st;
	stat(file, &st);
	printf("scale %.2f: generated in %.1f s: %lld attendance rows, database %.0f MB\n", scale,
	       gen / 1000.0, attendance, (double)st.st_size / 1e6);
	if (store_open(url, &db, &err))
		die(&err, "reopen");
	/* Network views of the latest year, every network, 5 rounds (the first warms the
	 * cache). */
	int64_t nets[REGIONS];
	int nn = 0;
	q = store_prepare(db, SQL_LAST_YEAR_NETWORKS, &err);
	store_bind_text(q, 1, "2026-27");
	while (store_step(q, &err) == 1 && nn < REGIONS)
		nets[nn++] = store_col_int(q, 0);
	store_done(q);
	double tn[5 * REGIONS];
	int ntn = 0;
	for (int round = 0; round < 6; round++)
		for (int i = 0; i < nn; i++) {
			struct arena *a = arena_new();
			struct profile_network net;
			double s = now_ms();
			if (profile_network(db, a, nets[i], &net, &err))
				die(&err, "profile_network");
			double e = now_ms() - s;
			if (round > 0)
				tn[ntn++] = e;
			arena_free(a);
		}
	report("network view (~15 teams)", tn, ntn);
	double tt[600];
	int ntt = 0;
	for (int round = 0; round < 4; round++)
		for (int i = 0; i < 150; i++) {
			int64_t team = 1 + (i * 37 + round * 11) % (DISTRICTS * YEARS);
			struct arena *a = arena_new();
			struct profile p;
			double s = now_ms();
			if (profile_team(db, a, team, &p, &err))
				die(&err, "profile_team");
			double e = now_ms() - s;
			if (round > 0)
				tt[ntt++] = e;
			arena_free(a);
		}
	report("one team's profile", tt, ntt);
	store_close(db);
}

int main(int argc, char **argv)
{
	char path[512];
	const char *tmp = getenv("TMPDIR");
	snprintf(path, sizeof(path), "%s", argc > 1 ? argv[1] : "");
	if (argc < 2)
		snprintf(path, sizeof(path), "%s/capnet-profile-bench.db", tmp ? tmp : "/tmp");
	char scales[256];
	const char *env = getenv("PROFILE_BENCH_SCALES");
	scales[0] = '\0';
	for (int i = 2; i < argc; i++)
		snprintf(scales + strlen(scales), sizeof(scales) - strlen(scales), "%s ", argv[i]);
	if (scales[0] == '\0')
		snprintf(scales, sizeof(scales), "%s", env ? env : "0.1 1 2");
	for (char *tok = strtok(scales, " "); tok != NULL; tok = strtok(NULL, " ")) {
		run_scale(path, atof(tok));
		remove_db(path);
	}
	return 0;
}
