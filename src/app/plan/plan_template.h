/* plan_template: network plan templates and how far a district's plan departs from
 * the template it started from (DESIGN §2, "customized"). A plan started from a
 * template keeps plan.template_id, and each copied goal and action keeps the id of the
 * template goal or action it came from, so that the departure can be measured at any
 * time: goals and actions added, removed and changed, each listed. */
#ifndef CN_PLAN_TEMPLATE_H
#define CN_PLAN_TEMPLATE_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

/* Starts a plan for team_id from template_id (a template of the team's network):
 * copies every goal and action (with its links), keeping where each came from. Copied
 * actions start as planned, without owner. title may be NULL. One transaction. */
int plan_template_start(struct store *db, const struct actor *who, int64_t template_id,
			int64_t team_id, const char *title, int64_t *plan_id, struct cn_err *err);

struct plan_departure_item {
	const char *what;	  /* "goal" or "action" */
	const char *change;	  /* "added", "removed", "changed" or "kept" */
	int64_t plan_item_id;	  /* 0 when removed */
	int64_t template_item_id; /* 0 when added */
	const char *title;
	const char *fields; /* changed: what differs in substance, "title, target"; else NULL */
	const char *template_title; /* changed or kept: the template item's title */
};

struct plan_departure {
	int has_template; /* 0: the plan did not start from a template; nothing else is set */
	int64_t plan_id, template_id;
	const char *template_title;
	size_t template_goals, template_actions, plan_goals, plan_actions;
	size_t goals_added, goals_removed, goals_changed, goals_kept;
	size_t actions_added, actions_removed, actions_changed, actions_kept;
	/* (added + removed + changed) / (template goals and actions + added), 0..1:
	 * 0 = the template unchanged, 1 = nothing of it left as it was. */
	double departure;
	struct plan_departure_item *items; /* template order, then what was added */
	size_t count;
};

/* Measures how far plan_id departs from its template in what it sets out to do, the
 * one measure for `capnet plan departure`, the plan page, the API and the profile's
 * "customized": goals compare target and measure, actions kind, goal and links; a title
 * counts when its words change (fewer than half shared), not when it is reworded.
 * Dates, deadlines, baselines, owners and status never count. A goal tied to the
 * team's own assessed need, and an added goal or action, count fully. In a. */
int plan_template_departure(struct store *db, struct arena *a, int64_t plan_id,
			    struct plan_departure *out, struct cn_err *err);
void plan_template_departure_json(struct jw *w, const struct plan_departure *d);
/* The items alone as an array (for tables). */
void plan_template_items_json(struct jw *w, const struct plan_departure *d);

#endif
