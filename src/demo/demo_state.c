/* demo_state: a state's size of records on top of the demo (capnet demo --scale
 * state), for measuring capnet at the size of Kentucky: 171 districts, about 1,500
 * schools, 45,000 staff, and three school years, each with twelve networks that
 * together hold every district, and each team's work of the year. Rows go in with prepared statements in one
 * transaction; no record rules run (the rows are made valid by construction), so that
 * it takes seconds. Names are invented. */
#include "demo/demo.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <time.h>

enum {
	STATE_DISTRICTS = 171,
	STATE_SCHOOLS = 1500,
	STATE_STAFF = 45000,
	STATE_NETWORKS = 12,
	STATE_YEARS = 3,
	STATE_TEAM_MEMBERS = 5,
	STATE_GOALS = 4,
	STATE_ACTIONS = 6,
	STATE_SESSIONS = 16,
	STATE_WALKS = 16,
	STATE_DELIVERABLES = 3,
	STATE_RATINGS = 8,
	STATE_MEETINGS = 3, /* per network and year */
	STATE_LIBRARY = 40, /* library items drawn on */
};

static const char *const state_years[STATE_YEARS] = {"2024-25", "2025-26", DEMO_SCHOOL_YEAR};
static const char STATE_NOW[] = "2026-12-01T00:00:00Z";

static const char SQL_ORG[] =
	"INSERT INTO organization (kind, name, parent_id, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?4) RETURNING id";
static const char SQL_PERSON[] =
	"INSERT INTO person (given_name, family_name, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?3) RETURNING id";
static const char SQL_MEMBERSHIP[] =
	"INSERT INTO membership (person_id, org_id, role, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?4)";
static const char SQL_NETWORK[] =
	"INSERT INTO network (name, content_area, school_year, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?4) RETURNING id";
static const char SQL_TEAM[] =
	"INSERT INTO team (network_id, district_id, name, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?4) RETURNING id";
static const char SQL_TEAM_MEMBER[] =
	"INSERT INTO team_member (team_id, person_id, role) VALUES (?1, ?2, ?3)";
static const char SQL_MEETING[] =
	"INSERT INTO meeting (network_id, title, starts_at, ends_at, tz, uid, created_at,"
	" updated_at) VALUES (?1, ?2, ?3, ?4, 'America/New_York', ?5, ?6, ?6) RETURNING id";
static const char SQL_ASSESSMENT[] =
	"INSERT INTO assessment (team_id, instrument_id, school_year, status, assessed_on,"
	" created_at, updated_at) VALUES (?1, ?2, ?3, 'submitted', ?4, ?5, ?5) RETURNING id";
static const char SQL_RATING[] =
	"INSERT INTO assessment_rating (assessment_id, indicator_id, current_level, target_level,"
	" priority) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_PLAN[] =
	"INSERT INTO plan (network_id, team_id, school_year, title, assessment_id, status,"
	" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id";
static const char SQL_GOAL[] =
	"INSERT INTO plan_goal (plan_id, title, deadline, position, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?5) RETURNING id";
static const char SQL_GOAL_NEED[] =
	"INSERT INTO goal_need (goal_id, assessment_id, indicator_id) VALUES (?1, ?2, ?3)";
static const char SQL_ACTION[] =
	"INSERT INTO plan_action (plan_id, goal_id, kind, title, owner_id, status, position,"
	" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id";
static const char SQL_ACTION_LINK[] =
	"INSERT INTO action_link (action_id, library_item_id) VALUES (?1, ?2)";
static const char SQL_CHECK[] =
	"INSERT INTO progress_check (goal_id, checked_on, status, author_id, created_at,"
	" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
static const char SQL_SESSION[] =
	"INSERT INTO pd_session (team_id, school_id, title, held_on, start_time, minutes,"
	" pd_format, status, facilitator_id, guskey_level, uid, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, '15:30', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)";
static const char SQL_WALK[] =
	"INSERT INTO walkthrough (team_id, school_id, observed_on, item_id, observed, observer_id,"
	" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
static const char SQL_DELIVERABLE[] =
	"INSERT INTO deliverable (network_id, team_id, kind, title, status,"
	" derived_from_version_id, created_by, identifier, created_at, updated_at)"
	" VALUES (?1, ?2, 'instructional_resource', ?3, 'published', ?4, ?5, ?6, ?7, ?7)"
	" RETURNING id";
static const char SQL_VERSION[] =
	"INSERT INTO deliverable_version (deliverable_id, number, body, author_id,"
	" source_similarity, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
static const char SQL_CONTRIBUTOR[] =
	"INSERT INTO deliverable_contributor (deliverable_id, person_id, district_id)"
	" VALUES (?1, ?2, ?3)";
static const char SQL_REFLECTION[] =
	"INSERT INTO reflection (meeting_id, person_id, team_id, distill, shared, created_at,"
	" updated_at) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)";
static const char SQL_STATE_ORG[] = "SELECT MIN(id) FROM organization WHERE kind = 'state'";
static const char SQL_INSTRUMENT[] = "SELECT MIN(id) FROM instrument";
static const char SQL_INDICATORS[] =
	"SELECT id FROM indicator WHERE instrument_id = ?1 ORDER BY position, id";
static const char SQL_LIBRARY[] = "SELECT id FROM library_item ORDER BY id";

struct state_ctx {
	struct store *db;
	struct cn_err *err;
	struct demo_state_summary *sum;
	int64_t indicators[STATE_RATINGS], library[STATE_LIBRARY];
	size_t nindicators, nlibrary;
	int64_t instrument;
	long serial; /* for unique identifiers */
};

/* Runs sql with the parameters described by types ('i' int64_t, 't' text, 'd' double,
 * 'n' NULL, each taking the next argument but 'n'); *id (may be NULL) gets the
 * RETURNING id. 0 or -1. */
static int state_row(struct state_ctx *c, const char *sql, int64_t *id, const char *types, ...)
{
	struct store_stmt *q = store_prepare(c->db, sql, c->err);
	if (q == NULL)
		return -1;
	va_list ap;
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		switch (types[i]) {
		case 'i': store_bind_int(q, i + 1, va_arg(ap, int64_t)); break;
		case 't': store_bind_text(q, i + 1, va_arg(ap, const char *)); break;
		case 'd': store_bind_double(q, i + 1, va_arg(ap, double)); break;
		default: store_bind_null(q, i + 1); break;
		}
	}
	va_end(ap);
	int rc = store_step(q, c->err);
	if (rc == 1 && id != NULL)
		*id = store_col_int(q, 0);
	store_done(q);
	c->sum->rows++;
	return rc < 0 ? -1 : 0;
}

/* Ids of a query's first column (one integer parameter, or none when p1 is 0). */
static int state_ids(struct state_ctx *c, const char *sql, int64_t p1, int64_t *out, size_t max,
		     size_t *n)
{
	struct store_stmt *q = store_prepare(c->db, sql, c->err);
	if (q == NULL)
		return -1;
	if (p1)
		store_bind_int(q, 1, p1);
	int rc;
	*n = 0;
	while ((rc = store_step(q, c->err)) == 1)
		if (*n < max)
			out[(*n)++] = store_col_int(q, 0);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

static const char *const given[] = {"Avery", "Blake", "Casey", "Dana",  "Emery", "Finley",
				    "Gray",  "Harper", "Indy", "Jordan", "Kendall", "Logan"};
static const char *const family[] = {"Adair", "Boone", "Clay", "Daviess", "Estill", "Fleming",
				     "Grant", "Hart", "Jessamine", "Knox", "Lewis", "Mason",
				     "Nelson", "Owen", "Perry", "Rowan", "Scott", "Todd"};
static const char *const areas[] = {"mathematics", "english_language_arts", "science",
				    "social_studies"};
static const char *const formats[] = {"plc", "coaching", "whole_group", "plc", "other"};
static const char *const checks[] = {"met", "on_track", "at_risk", "off_track"};
static const char *const kinds[] = {"study", "try_out", "create_deliverable", "deliver_pd",
				    "structure", "policy"};

/* One team's year: assessment, plan, goals, actions, checks, PD, walkthroughs,
 * deliverables and reflections. people[0] is the lead. */
static int state_team_year(struct state_ctx *c, int64_t network, int64_t team, int64_t district,
			   const int64_t *schools, int nschools, const int64_t *people, int y,
			   const int64_t *meetings)
{
	const char *year = state_years[y];
	int start = 2024 + y; /* the year's fall */
	char day[16], title[160], uid[64];
	int64_t assessment = 0, plan = 0, goals[STATE_GOALS];
	snprintf(day, sizeof(day), "%d-09-15", start);
	if (state_row(c, SQL_ASSESSMENT, &assessment, "iittt", team, c->instrument, year, day,
		      STATE_NOW))
		return -1;
	for (size_t k = 0; k < c->nindicators; k++)
		if (state_row(c, SQL_RATING, NULL, "iiiit", assessment, c->indicators[k],
			      (int64_t)(1 + (k + (size_t)y) % 3), (int64_t)4,
			      k % 3 == 0 ? "high" : "medium"))
			return -1;
	snprintf(title, sizeof(title), "Professional learning plan %s, team %lld", year,
		 (long long)team);
	if (state_row(c, SQL_PLAN, &plan, "iitti" "tt", network, team, year, title, assessment,
		      y + 1 < STATE_YEARS ? "archived" : "approved", STATE_NOW))
		return -1;
	for (int g = 0; g < STATE_GOALS; g++) {
		snprintf(title, sizeof(title), "Goal %d: teachers use %s routines weekly", g + 1,
			 areas[g % 4]);
		snprintf(day, sizeof(day), "%d-06-30", start + 1);
		if (state_row(c, SQL_GOAL, &goals[g], "ittit", plan, title, day, (int64_t)g,
			      STATE_NOW))
			return -1;
		if (g < 3 && (size_t)g < c->nindicators &&
		    state_row(c, SQL_GOAL_NEED, NULL, "iii", goals[g], assessment,
			      c->indicators[(size_t)(g + y) % c->nindicators]))
			return -1;
		for (int k = 0; k < 2; k++) {
			snprintf(day, sizeof(day), "%d-%02d-10", k ? start + 1 : start, k ? 2 : 11);
			if (state_row(c, SQL_CHECK, NULL, "ittit", goals[g], day,
				      checks[(g + k + y) % 4], people[0], STATE_NOW))
				return -1;
		}
	}
	for (int k = 0; k < STATE_ACTIONS; k++) {
		int64_t action = 0;
		snprintf(title, sizeof(title), "Action %d of the %s plan", k + 1, year);
		if (state_row(c, SQL_ACTION, &action, "iittitit", plan, goals[k % STATE_GOALS],
			      kinds[k % 6], title, people[k % STATE_TEAM_MEMBERS],
			      y + 1 < STATE_YEARS ? "done" : "in_progress", (int64_t)k, STATE_NOW))
			return -1;
		if (k < 2 && c->nlibrary > 0 &&
		    state_row(c, SQL_ACTION_LINK, NULL, "ii", action,
			      c->library[(size_t)(team + k) % c->nlibrary]))
			return -1;
	}
	for (int k = 0; k < STATE_SESSIONS; k++) {
		snprintf(day, sizeof(day), "%d-%02d-%02d", k < 8 ? start : start + 1,
			 k < 8 ? 8 + k % 5 : 1 + k % 5, 3 + k);
		snprintf(title, sizeof(title), "%s PLC, session %d", year, k + 1);
		snprintf(uid, sizeof(uid), "state-pd-%ld@capnet.example", ++c->serial);
		if (state_row(c, SQL_SESSION, NULL, "iittittiitt", team,
			      schools[(size_t)k % (size_t)nschools], title, day,
			      (int64_t)(k % 5 == 2 ? 360 : 60), formats[k % 5],
			      k % 7 == 6 ? "planned" : "delivered", people[k % STATE_TEAM_MEMBERS],
			      (int64_t)(1 + k % 4), uid, STATE_NOW))
			return -1;
	}
	for (int k = 0; k < STATE_WALKS; k++) {
		snprintf(day, sizeof(day), "%d-%02d-%02d", k < 8 ? start : start + 1,
			 k < 8 ? 10 + k % 3 : 2 + k % 3, 5 + k);
		if (c->nlibrary > 0 &&
		    state_row(c, SQL_WALK, NULL, "iitiiit", team,
			      schools[(size_t)k % (size_t)nschools], day,
			      c->library[(size_t)(team + k % 3) % c->nlibrary], (int64_t)(k % 3 != 0),
			      people[0], STATE_NOW))
			return -1;
	}
	int64_t first_version = 0;
	for (int k = 0; k < STATE_DELIVERABLES; k++) {
		int64_t d = 0, v = 0;
		snprintf(title, sizeof(title), "Learning targets %s, unit %d", year, k + 1);
		snprintf(uid, sizeof(uid), "00000000-0000-4000-8000-%012ld", ++c->serial);
		if (k == 0) {
			if (state_row(c, SQL_DELIVERABLE, &d, "iitnitt", network, team, title,
				      people[0], uid, STATE_NOW))
				return -1;
		} else if (state_row(c, SQL_DELIVERABLE, &d, "iitiitt", network, team, title,
				     first_version, people[0], uid, STATE_NOW)) {
			return -1;
		}
		for (int n = 1; n <= 2; n++) {
			double similarity = k == 0 ? -1 : k == 1 ? 0.95 : 0.5;
			snprintf(title, sizeof(title), "Version %d: targets, tasks and checks", n);
			int rc = similarity < 0
					 ? state_row(c, SQL_VERSION, &v, "iitint", d, (int64_t)n, title,
						     people[0], STATE_NOW)
					 : state_row(c, SQL_VERSION, &v, "iitidt", d, (int64_t)n, title,
						     people[0], similarity, STATE_NOW);
			if (rc)
				return -1;
			if (k == 0 && n == 1)
				first_version = v;
		}
		if (state_row(c, SQL_CONTRIBUTOR, NULL, "iii", d, people[0], district))
			return -1;
	}
	for (int k = 0; k < STATE_TEAM_MEMBERS; k++)
		if (state_row(c, SQL_REFLECTION, NULL, "iiitt", meetings[k % STATE_MEETINGS],
			      people[k], team, "What we take back to our schools", STATE_NOW))
			return -1;
	return 0;
}

static double state_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int demo_state(struct store *db, struct demo_state_summary *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	double t0 = state_ms();
	struct state_ctx c = {.db = db, .err = err, .sum = out};
	if (store_begin(db, err))
		return -1;
	int64_t state = 0;
	if (store_query_int(db, SQL_STATE_ORG, NULL, 0, &state, err) < 0 ||
	    store_query_int(db, SQL_INSTRUMENT, NULL, 0, &c.instrument, err) < 0 ||
	    state_ids(&c, SQL_INDICATORS, c.instrument, c.indicators, STATE_RATINGS,
		      &c.nindicators) ||
	    state_ids(&c, SQL_LIBRARY, 0, c.library, STATE_LIBRARY, &c.nlibrary))
		goto fail;
	if (state == 0 || c.instrument == 0 || c.nindicators == 0 || c.nlibrary == 0) {
		cn_err_set(err, CN_ERR_CONFLICT, "the state's size is added to the full demo only");
		goto fail;
	}
	/* Twelve networks each school year; each district has a team in one of them. */
	int64_t networks[STATE_YEARS][STATE_NETWORKS];
	int64_t meetings[STATE_YEARS][STATE_NETWORKS][STATE_MEETINGS];
	for (int y = 0; y < STATE_YEARS; y++)
		for (int n = 0; n < STATE_NETWORKS; n++) {
			char name[120], uid[64], start[32], end[32];
			snprintf(name, sizeof(name), "Statewide %s Network %d, %s",
				 n % 2 ? "English/Language Arts" : "Mathematics", n + 1, state_years[y]);
			if (state_row(&c, SQL_NETWORK, &networks[y][n], "tttt", name, areas[n % 2],
				      state_years[y], STATE_NOW))
				goto fail;
			out->networks++;
			for (int m = 0; m < STATE_MEETINGS; m++) {
				snprintf(start, sizeof(start), "%d-%02d-12T13:00:00Z", 2024 + y + (m > 1),
					 m > 1 ? 2 : 9 + m);
				snprintf(end, sizeof(end), "%d-%02d-12T20:00:00Z", 2024 + y + (m > 1),
					 m > 1 ? 2 : 9 + m);
				snprintf(uid, sizeof(uid), "state-meeting-%ld@capnet.example", ++c.serial);
				if (state_row(&c, SQL_MEETING, &meetings[y][n][m], "ittttt",
					      networks[y][n], "Network meeting", start, end, uid, STATE_NOW))
					goto fail;
			}
		}
	long staff = 0;
	for (int d = 0; d < STATE_DISTRICTS; d++) {
		char name[120], dname[120];
		int64_t district = 0, schools[16], people[STATE_TEAM_MEMBERS];
		snprintf(dname, sizeof(dname), "%s County Schools %d", family[d % 18], d + 1);
		if (state_row(&c, SQL_ORG, &district, "ttit", "district", dname, state, STATE_NOW))
			goto fail;
		out->districts++;
		/* The schools and staff spread evenly over the districts. */
		int nschools = (int)((long)STATE_SCHOOLS * (d + 1) / STATE_DISTRICTS -
				     (long)STATE_SCHOOLS * d / STATE_DISTRICTS);
		for (int s = 0; s < nschools; s++) {
			snprintf(name, sizeof(name), "%s Elementary %d-%d", family[(d + s) % 18], d + 1,
				 s + 1);
			if (state_row(&c, SQL_ORG, &schools[s], "ttit", "school", name, district,
				      STATE_NOW))
				goto fail;
			out->schools++;
		}
		long nstaff = (long)STATE_STAFF * (d + 1) / STATE_DISTRICTS -
			      (long)STATE_STAFF * d / STATE_DISTRICTS;
		for (long p = 0; p < nstaff; p++) {
			int64_t person = 0;
			staff++;
			if (state_row(&c, SQL_PERSON, &person, "ttt", given[staff % 12],
				      family[(staff / 12) % 18], STATE_NOW) ||
			    state_row(&c, SQL_MEMBERSHIP, NULL, "iitt", person,
				      p == 0 ? district : schools[p % nschools],
				      p == 0 ? "district_lead" : "member", STATE_NOW))
				goto fail;
			if (p < STATE_TEAM_MEMBERS)
				people[p] = person;
			out->staff++;
		}
		int n = d % STATE_NETWORKS;
		for (int y = 0; y < STATE_YEARS; y++) {
			int64_t team = 0;
			if (state_row(&c, SQL_TEAM, &team, "iitt", networks[y][n], district, dname,
				      STATE_NOW))
				goto fail;
			out->teams++;
			for (int k = 0; k < STATE_TEAM_MEMBERS; k++)
				if (state_row(&c, SQL_TEAM_MEMBER, NULL, "iit", team, people[k],
					      k == 0 ? "lead" : "member"))
					goto fail;
			if (state_team_year(&c, networks[y][n], team, district, schools, nschools,
					    people, y, meetings[y][n]))
				goto fail;
		}
	}
	if (store_commit(db, err))
		return -1;
	out->ms = state_ms() - t0;
	return 0;
fail:
	store_rollback(db);
	return -1;
}
