/* Folder demo: the demo data, loaded through the app layer like a person's input.
 *   demo.c/h       the fixed tables and the first steps: organizations, people,
 *                  networks and teams, meetings, agendas, attendance
 *   demo_work.c    standards, library, deliverables, after the people exist
 *   demo_library.c the library with its try-outs
 *   demo_plans.c   assessments, plans, delivery, reflections of the teams
 *   demo_priv.h    what the steps share (keys, ids, helpers)
 */
/* demo: a believable demo for an empty database: a state agency, two cooperatives,
 * eight districts with their schools, a university partner, two leadership networks
 * for 2026-27 with their district teams, meetings, agendas and attendance, and one
 * sign-in account for each role of DESIGN §5, all with the password DEMO_PASSWORD;
 * then the year's work so far (demo_work.c): a standards framework, the library with
 * try-outs, co-authored and adapted deliverables, every team's needs assessment, plan,
 * PLC schedule, PD delivered, walkthroughs, progress checks and reflections.
 * Everything is written through the app layer (declared entities and the typed link
 * functions), audited, in one transaction. The places and people are invented. */
#ifndef CN_DEMO_H
#define CN_DEMO_H
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/store.h"

/* The password of every demo account: it is printed, so it protects nothing. */
#define DEMO_PASSWORD "capnet-demo-2026"
#define DEMO_SCHOOL_YEAR "2026-27"

enum { DEMO_ACCOUNT_COUNT = 5 };

/* One sign-in account. Every string is static: valid for the life of the program. */
struct demo_account {
	const char *role; /* admin, facilitator, district_lead, member, partner */
	const char *given_name;
	const char *family_name;
	const char *email;
	const char *title;	  /* job title */
	const char *organization; /* name of the organization the role is held in */
};

/* What demo_load created. */
struct demo_summary {
	int organizations; /* all kinds, schools included */
	int cooperatives;
	int districts;
	int schools;
	int universities; /* higher_ed */
	int relationships;
	int people;
	int networks;
	int teams;
	int team_members;
	int meetings;
	int agenda_items;
	int materials;     /* library items and deliverables linked from agenda items */
	int attendance;	   /* attendance records */
	int meetings_held; /* meetings with attendance taken */
	int frameworks, standards; /* standards frameworks imported, and their items */
	int library_items, tryouts;
	int deliverables, deliverable_versions, reviews;
	int assessments, challenges;
	int plans, plan_goals, plan_actions, progress_checks; /* plans count templates */
	int pd_sessions, pd_delivered; /* sessions planned or delivered; those delivered */
	int walkthroughs, reflections;
	struct demo_account accounts[DEMO_ACCOUNT_COUNT];
	size_t naccounts;
};

/* What a database already holds, to decide whether the demo may load. */
struct demo_existing {
	int64_t organizations;
	int64_t people;
	int64_t networks;
};

/* Counts the records that make a database non-empty for the demo. */
int demo_count_existing(struct store *db, struct demo_existing *out, struct cn_err *err);
/* 1 when ex holds no organization, person or network. */
int demo_is_empty(const struct demo_existing *ex);

/* What demo_load loads: everything, or without the year's work (framework, library,
 * deliverables, assessments, plans, PD): the people, networks and meetings only, for a
 * year to start from nothing. */
enum demo_scope { DEMO_FULL, DEMO_NO_WORK };

/* Loads the demo (as scope says) into db, which must hold no organization, person or
 * network (else CN_ERR_CONFLICT, nothing changed). All or nothing: on failure nothing is stored.
 * out (filled on success) holds only static strings; nothing to free. Takes a few
 * hundred milliseconds, mostly hashing the DEMO_ACCOUNT_COUNT passwords. */
int demo_load(struct store *db, const struct actor *who, enum demo_scope scope,
	      struct demo_summary *out, struct cn_err *err);

/* What demo_state added, and how long it took. */
struct demo_state_summary {
	int networks, districts, schools, teams;
	long staff, rows;
	double ms;
};

/* Adds a state's size of records to a database holding the full demo (capnet demo
 * --scale state): 171 districts with about 1,500 schools and 45,000 staff, and three
 * school years up to the demo's, each with twelve networks that together hold every
 * one of those districts and each team's work of the year (needs assessment, plan
 * with goals, actions and progress checks, PD sessions, walkthroughs, deliverables
 * with versions, reflections). In one transaction; all or nothing. */
int demo_state(struct store *db, struct demo_state_summary *out, struct cn_err *err);

/* The demo accounts whose email is in db (e.g. loaded by an earlier demo_load), in
 * role order, into out->accounts / out->naccounts; the counts are left 0. */
int demo_accounts_present(struct store *db, struct demo_summary *out, struct cn_err *err);

#endif
