/* Folder web/plan: plan pages.
 *   pages_plan.c       the plans, a team's plans, a plan's page, versions, exports
 *   pages_plan_edit.c  goals, actions, links, progress checks, schedules
 *   planpage.c/h       a plan as the pages read it (app/plan/plan_view.h), the editor
 *   teampage.c/h       what pages of a team's work share
 */
/* planpage: a plan as the plan pages read and show it (DESIGN §2): the plan with its
 * goals, actions, checks and links (app/plan/plan_view.h), who may do what with it, and the
 * plan editor page itself, which the plan routes (pages_plan.c, pages_plan_edit.c)
 * render after a GET and again, with the refusal beside its field, after a form. */
#ifndef CN_PLANPAGE_H
#define CN_PLANPAGE_H
#include <stdint.h>

#include "app/plan/plan_version.h"
#include "app/plan/plan_view.h"
#include "web/page.h"
#include "web/plan/teampage.h"

struct planpage {
	struct plan_full full;
	struct rec *plan;	 /* full.plan */
	int is_template;
	struct teampage team;	 /* the team (team.team NULL for a template) */
	struct rec *network;
	struct policy_scope scope;
	int may_edit;		 /* change the plan, its goals and actions, save versions */
	int may_mark;		 /* move an approved plan's actions along (their status) */
	int may_check;		 /* record progress checks (the district, its facilitators) */
	int may_status;		 /* move it along its workflow */
	const char **moves;	 /* the statuses the actor may move it to (NULL-terminated) */
	int may_review;		 /* write reviews (the network's facilitators) */
	int may_schedule;	 /* keep the PLC schedules */
	/* A saved version (planpage_version): its number, and the snapshot's goals and
	 * actions in full.goals and full.actions; nothing may be changed. */
	int64_t version;
	const char *version_title, *version_status, *version_year;
	struct plan_full now; /* a version's plan as it is now, to compare with */
};

/* The plan plan_id loaded whole for a page about it, with what the actor may do with
 * it (the forms the editor offers). The route has read and authorized the plan, or a
 * part of it (route_load): nothing here refuses the request, but what the actor may
 * not read of it is hidden. */
int planpage_get(struct http_req *rq, int64_t plan_id, struct planpage *pp, struct cn_err *err);
/* The same without what the actor may do (every may_ is 0): for the pages of one goal
 * or action, which need the plan's parts, its team and network. */
int planpage_read(struct http_req *rq, int64_t plan_id, struct planpage *pp, struct cn_err *err);
/* Breadcrumbs to the plan, then here (NULL: the plan is the page). */
void planpage_crumbs(struct page *p, const struct planpage *pp, const char *here);

/* Writes the plan editor; error (may be NULL) is a form's refusal shown beside its
 * field with the posted input kept (answered with its status). */
int planpage_show(struct http_req *rq, struct http_resp *rs, struct planpage *pp,
		  const struct cn_err *error, struct cn_err *err);
/* The editor of plan plan_id again (loaded only now, for the answer) with why beside
 * its field when it refuses the form's input (or asks to wait: CN_ERR_THROTTLED); any
 * other failure is the request's error. */
int planpage_refused(struct http_req *rq, struct http_resp *rs, int64_t plan_id,
		     const struct cn_err *why, struct cn_err *err);

/* Turns pp (as planpage_get made it) into version `number` of its plan: info gets the
 * version's number, author, date, note and status, and pp's goals (with their needs and
 * progress checks) and actions (with owners and links) become those of the version's
 * JSON snapshot, as they were. CN_ERR_NOT_FOUND for no such version. In the request's
 * arena. */
int planpage_version(struct http_req *rq, struct planpage *pp, int64_t number,
		     struct plan_version_info *info, struct cn_err *err);
/* Writes a saved version onto p (after planpage_version): breadcrumbs, heading, the
 * version's facts, its goals and its actions. A link leads to the section "compare",
 * which the caller writes after. */
void planpage_version_write(struct page *p, const struct planpage *pp,
			    const struct plan_version_info *info);

/* Labels of the stored choices, for selects (NULL-terminated, in step with plan.h). */
extern const char *const planpage_kind_labels[];
extern const char *const planpage_action_status_labels[];
extern const char *const planpage_progress_labels[];
/* "1".."5" and "1 participants' reactions" .. for Guskey's levels. */
extern const char *const planpage_guskey_values[];
extern const char *const planpage_guskey_labels[];

#endif
