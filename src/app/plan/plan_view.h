/* plan_view: a whole plan as read for pages, the API, exports and version snapshots:
 * the plan with its network, team and template, its goals with their linked needs and
 * progress checks, and its actions with owners and links. */
#ifndef CN_PLAN_VIEW_H
#define CN_PLAN_VIEW_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

struct plan_need {
	int64_t assessment_id;
	int64_t indicator_id;
	const char *code;
	const char *text;
	const char *standard;
	const char *capacity_level;
	const char *school_year;
	int64_t current_level, target_level; /* 0 when the indicator is not rated */
	const char *priority;
};

struct plan_progress {
	int64_t id;
	const char *checked_on;
	const char *status;
	const char *evidence;
	const char *next_steps;
	int64_t guskey_level; /* 0 = none */
	int64_t author_id;
};

struct plan_goal_full {
	struct rec *goal;
	struct plan_need *needs;
	size_t nneeds;
	struct plan_progress *progress; /* oldest first */
	size_t nprogress;
};

struct plan_link {
	const char *kind; /* "library_item" or "deliverable" */
	int64_t id;
	const char *title;
	int64_t evidence_tier; /* library items; 0 = none */
	const char *status;    /* deliverables */
};

struct plan_action_full {
	struct rec *action;
	const char *owner; /* name, or NULL */
	struct plan_link *links;
	size_t nlinks;
};

struct plan_full {
	struct rec *plan;
	const char *network_name;
	const char *content_area;
	const char *team_name;	   /* NULL for a template */
	int64_t district_id;	   /* 0 for a template */
	const char *district_name; /* NULL for a template */
	const char *template_title;
	int64_t latest_version; /* 0 = none saved */
	struct plan_goal_full *goals;
	size_t ngoals;
	struct plan_action_full *actions;
	size_t nactions;
};

/* Loads a plan with goals, needs, progress, actions and links, all in a. */
int plan_view_load(struct store *db, struct arena *a, int64_t plan_id, struct plan_full *out,
		   struct cn_err *err);
/* What plan_view_hide shows instead of a record the reader may not read. */
extern const char plan_view_hidden_deliverable[]; /* "a deliverable you may not see" */
extern const char plan_view_hidden_person[];      /* "a person you may not see" */
struct policy;
/* Takes out of p (from plan_view_load) what reader may not read, before p is shown:
 * links and owners named before references were checked, or records that have changed
 * since (a deliverable returned to draft). A linked deliverable the reader may not read
 * keeps its kind and id (so that the district can unlink it) but its title becomes
 * plan_view_hidden_deliverable and its status NULL; an owner the reader may not read
 * becomes plan_view_hidden_person. Library items are read by anyone signed in. */
int plan_view_hide(struct plan_full *p, struct policy *reader, struct cn_err *err);
/* What the actor may do with a plan, so that pages and the API offer a form or a
 * button only to those who may (1 may, 0 may not). An approved plan's content is
 * read-only (only its actions move along: mark), an archived plan takes no progress
 * checks, and a template has no district work (check, review, schedule). */
struct plan_may {
	int edit;     /* change the plan, its goals and actions, save versions */
	int mark;     /* move an approved plan's actions along (their status) */
	int check;    /* record progress checks (the district, its facilitators) */
	int status;   /* move it along its workflow: moves is not empty */
	const char **moves; /* the statuses the actor may move it to (NULL-terminated) */
	int review;   /* write reviews (the network's facilitators) */
	int schedule; /* keep the PLC schedules */
};
/* Fills out for p (from plan_view_load) and the actor who of policy. In a. */
int plan_view_may(struct store *db, struct policy *policy, const struct actor *who,
		  struct arena *a, const struct plan_full *p, struct plan_may *out,
		  struct cn_err *err);
/* The plan as one JSON object: the snapshot format of versions and the API's view. */
void plan_view_json(struct jw *w, const struct plan_full *p);
/* Flat arrays for tables: goals (needs as text, latest progress), actions (links as
 * text), progress checks (with their goal). */
void plan_view_goals_json(struct jw *w, const struct plan_full *p);
void plan_view_actions_json(struct jw *w, const struct plan_full *p);
void plan_view_progress_json(struct jw *w, const struct plan_full *p);
/* The goal's latest progress check, or NULL. */
const struct plan_progress *plan_view_latest(const struct plan_goal_full *g);
/* "LC.2 (2 -> 4, high)" for a need; allocated in a. */
const char *plan_view_need_text(struct arena *a, const struct plan_need *n);
/* "library item 3: Number talks" for a link; allocated in a. */
const char *plan_view_link_text(struct arena *a, const struct plan_link *l);
/* All of a goal's needs, or an action's links, as text joined by "; " (NULL when
 * none); allocated in a. */
const char *plan_view_needs_text(struct arena *a, const struct plan_goal_full *g);
const char *plan_view_links_text(struct arena *a, const struct plan_action_full *act);
/* The goal with id goal_id, or NULL. */
const struct plan_goal_full *plan_view_goal(const struct plan_full *p, int64_t goal_id);

#endif
