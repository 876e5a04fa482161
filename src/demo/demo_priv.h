/* demo_priv: what the demo's loader (demo.c) shares with its later steps (demo_work.c):
 * the keys of its fixed tables, the ids the first steps created, and the helpers that
 * write a record the way a person's input would. Private to src/app/demo*.c. */
#ifndef CN_DEMO_PRIV_H
#define CN_DEMO_PRIV_H
#include <stdint.h>

#include "demo/demo.h"
#include "app/record.h"
#include "core/arena.h"

#define DEMO_LEN(array) (sizeof(array) / sizeof((array)[0]))

enum {
	DEMO_DISTRICTS = 8,
	DEMO_NETWORKS = 2,
	DEMO_SEATS = 4, /* a team: the lead (seat 0) and up to three members */
	DEMO_SCHOOLS_MAX = 4,
	DEMO_ORG_PEOPLE = 6, /* staff of the agency, cooperatives and university */
	DEMO_AGENDA_MAX = 8, /* agenda items of one meeting */
};

/* Organizations other than schools, by key; districts follow the four fixed ones. */
enum demo_org_key {
	DEMO_ORG_STATE,
	DEMO_ORG_WEST, /* the cooperative in the Central time zone */
	DEMO_ORG_EAST, /* the cooperative in the Eastern time zone */
	DEMO_ORG_UNIVERSITY,
	DEMO_ORG_DISTRICT, /* + 0 .. DEMO_DISTRICTS - 1 */
	DEMO_ORG_KEYS = DEMO_ORG_DISTRICT + DEMO_DISTRICTS,
	DEMO_ORG_NONE = -1,
};

/* The staff of demo_org_people, in its order. */
enum demo_staff_key {
	DEMO_STAFF_ADMIN,
	DEMO_STAFF_MATH_FACILITATOR, /* the facilitator account */
	DEMO_STAFF_MATH_FACILITATOR_2,
	DEMO_STAFF_ELA_FACILITATOR,
	DEMO_STAFF_ELA_FACILITATOR_2,
	DEMO_STAFF_PARTNER,
};

enum demo_meeting_key {
	DEMO_MATH_1, DEMO_MATH_2, DEMO_MATH_3, DEMO_MATH_4,
	DEMO_ELA_1, DEMO_ELA_2, DEMO_ELA_3, DEMO_ELA_4,
	DEMO_MEETING_COUNT
};

/* The library items, by key (demo_library.c). */
enum demo_lib_key {
	LIB_NUMBER_TALKS,
	LIB_NUMBER_LINE,
	LIB_FRACTIONS_GUIDE,
	LIB_FIVE_PRACTICES,
	LIB_TARGETS,
	LIB_HINGE,
	LIB_FORMATIVE,
	LIB_PLC_CYCLE,
	LIB_WALKTHROUGH,
	LIB_TUNING,
	LIB_COACHING,
	LIB_PD_RESEARCH,
	LIB_CLOSE_READING,
	LIB_TDQ,
	LIB_ARGUMENT,
	LIB_WRITING_NEXT,
	LIB_SUCCESS_CRITERIA,
	LIB_ADAPTIVE,
	LIB_COUNT
};

/* The deliverables, by key: the network's grade 4 learning-target set, Floyds Fork's
 * adaptation, Harrods Creek's unchanged copy, a task set in review, the ELA network's
 * argument-writing targets. */
enum { DEMO_DLV_SOURCE, DEMO_DLV_ADAPTED, DEMO_DLV_COPIED, DEMO_DLV_TASKS, DEMO_DLV_ELA,
       DEMO_DLV_COUNT };

/* The loader's state: ids of what the steps created, for the steps after them. */
struct demo_ctx {
	struct store *db;
	const struct actor *who;
	struct arena *a;
	struct cn_err *err;
	struct demo_summary *sum;
	int64_t org[DEMO_ORG_KEYS];
	int64_t school[DEMO_DISTRICTS][DEMO_SCHOOLS_MAX]; /* 0: no such school */
	int64_t org_person[DEMO_ORG_PEOPLE];
	int64_t seat[DEMO_NETWORKS][DEMO_DISTRICTS][DEMO_SEATS]; /* 0: empty seat */
	int64_t network[DEMO_NETWORKS];
	int64_t team[DEMO_NETWORKS][DEMO_DISTRICTS];
	int64_t meeting[DEMO_MEETING_COUNT];
	int64_t agenda[DEMO_MEETING_COUNT][DEMO_AGENDA_MAX]; /* by position - 1 */
};

/* Puts "loading the demo's <what> '<label>': " in front of c->err's message and
 * returns -1, so that a broken table row is easy to find. */
int demo_fail(struct demo_ctx *c, const char *what, const char *label);
/* id as decimal text in c->a. */
const char *demo_id_text(struct demo_ctx *c, int64_t id);
/* Sets "field", "value" pairs ending with NULL on a new record of e, as a person would
 * type them (a NULL value leaves the field unset). The record lives in c->a. */
struct rec *demo_rec(struct demo_ctx *c, const struct rec_entity *e, const char *label, ...);
/* demo_rec then rec_create; *id (may be NULL) gets the new id. */
int demo_create(struct demo_ctx *c, const struct rec_entity *e, const char *label,
		int64_t *id, ...);

/* The person in team seat (network n, district d, seat s); the team's lead when the
 * seat is empty. */
int64_t demo_seat(struct demo_ctx *c, int n, int d, int s);
/* The id of the standard with this code in the demo framework; -1 with c->err set. */
int demo_std_id(struct demo_ctx *c, int64_t framework, const char *code, int64_t *id);
/* Library items and their try-outs into items[LIB_COUNT] (demo_library.c). */
int demo_library_load(struct demo_ctx *c, int64_t framework, int64_t items[LIB_COUNT]);
/* Assessments, plans, schedules, PD, walkthroughs, progress checks and reflections,
 * linked to items[LIB_COUNT] and deliverables[DEMO_DLV_COUNT] (demo_plans.c). */
int demo_plans_load(struct demo_ctx *c, const int64_t *items, const int64_t *deliverables);

/* The later steps (demo_work.c): standards, library and try-outs, deliverables, needs
 * assessments, plans, PLC schedules and PD delivery, walkthroughs, reflections. */
int demo_work_load(struct demo_ctx *c);

#endif
