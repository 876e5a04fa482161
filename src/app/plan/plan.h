/* Folder app/plan: district plans and network templates.
 *   plan.c/h            plans, goals, actions, progress checks; starting from an
 *                       assessment; need and material links
 *   plan_view.c/h       a whole plan read at once, and what the actor may do with it
 *   plan_status.c/h     the draft -> submitted -> approved -> archived workflow
 *   plan_version.c/h    saved versions (JSON snapshots)
 *   plan_review.c/h     facilitators' review comments
 *   plan_template.c/h   copying a template; how far a plan departs from it
 *   plan_recommend.c/h  library items for a plan's goals
 *   plan_kar.c/h        how a plan meets 704 KAR 3:035
 *   plan_export.c/h     CSV, XLSX and PDF of a plan
 *   schedule.c/h        PLC schedules and the sessions they generate
 */
/* plan: a district team's customized professional-learning plan for a school year, and
 * a network's plan templates (DESIGN §1, §2). A plan has goals (where the district
 * wants to be and by when, each linked to the needs its assessment found) and actions
 * (what the team will do: study, try out, create a deliverable, deliver PD, build a
 * structure, change a policy), with owners, dates, status and links to library items
 * and deliverables. Progress is checked per goal. Versions keep JSON snapshots;
 * facilitators review plans and approve them.
 *
 * An archived plan is read-only, and so is an approved one until the district's lead
 * reopens it (back to draft; see plan_status.h for the workflow): its content, that is
 * the plan's fields, its goals, actions, their links and needs, and its PLC schedules,
 * stays as it was approved. Progress checks and facilitators' reviews go on, since
 * they are about carrying the plan out, not about what it says.
 *
 * Related modules: plan_view.h (the whole plan, read), plan_status.h (workflow), plan_version.h
 * (versions),
 * plan_review.h (facilitator reviews), plan_template.h (start from a template, measure
 * departure), plan_recommend.h (library items per goal), plan_kar.h (704 KAR 3:035
 * view), plan_export.h (CSV, XLSX, PDF). */
#ifndef CN_PLAN_H
#define CN_PLAN_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

extern const struct rec_entity plan_entity;
extern const struct rec_entity plan_goal_entity;
extern const struct rec_entity plan_action_entity;
extern const struct rec_entity progress_check_entity;

/* NULL-terminated lists of the stored choices. */
extern const char *const plan_statuses[];	  /* draft submitted approved archived */
extern const char *const plan_action_kinds[];	  /* study try_out create_deliverable ... */
extern const char *const plan_action_statuses[];  /* planned in_progress done dropped */
extern const char *const plan_progress_statuses[]; /* met on_track at_risk off_track */
/* Guskey's five levels of PD evaluation, 1..5; NULL outside. */
const char *plan_guskey_label(int level);

/* Starts a plan for the assessment's team and school year: each high-priority gap
 * (target above current) proposes a goal titled from its indicator, baseline = the
 * current level, target = the target level, deadline = the end of the school year,
 * linked to the need. title may be NULL (a default is made). *plan_id gets the plan,
 * *goals (may be NULL) how many goals were proposed. One transaction. */
int plan_create_from_assessment(struct store *db, const struct actor *who, int64_t assessment_id,
				const char *title, int64_t *plan_id, size_t *goals,
				struct cn_err *err);

/* 0 if the content of plan (a plan record) may change; else -1 with CN_ERR_CONFLICT
 * saying why and what to do: an archived plan is kept as it was; an approved plan is
 * reopened by the district's lead first. */
int plan_content_open(const struct rec *plan, struct cn_err *err);
/* The same for the plan plan_id (CN_ERR_NOT_FOUND if there is none); a is scratch. */
int plan_content_check(struct store *db, struct arena *a, int64_t plan_id, struct cn_err *err);

/* Removing goals and actions (the record engine never deletes them, so that these
 * rules hold): refused on an archived or approved plan; a template goal or action that plans were
 * copied from stays (CN_ERR_CONFLICT); an action with PD sessions is dropped, not
 * removed. Audited. */
int plan_goal_remove(struct store *db, const struct actor *who, int64_t goal_id,
		     struct cn_err *err);
int plan_action_remove(struct store *db, const struct actor *who, int64_t action_id,
		       struct cn_err *err);

/* Links a goal to an assessed need: an indicator rated in an assessment of the plan's
 * district. Linking twice is harmless. unlink fails with CN_ERR_NOT_FOUND if absent. */
int plan_goal_link_need(struct store *db, const struct actor *who, int64_t goal_id,
			int64_t assessment_id, int64_t indicator_id, struct cn_err *err);
int plan_goal_unlink_need(struct store *db, const struct actor *who, int64_t goal_id,
			  int64_t assessment_id, int64_t indicator_id, struct cn_err *err);

/* Links an action to a library item or (exactly one) a deliverable. Linking twice is
 * harmless; unlink fails with CN_ERR_NOT_FOUND if absent. */
int plan_action_link(struct store *db, const struct actor *who, int64_t action_id,
		     int64_t library_item_id, int64_t deliverable_id, struct cn_err *err);
int plan_action_unlink(struct store *db, const struct actor *who, int64_t action_id,
		       int64_t library_item_id, int64_t deliverable_id, struct cn_err *err);

/* Checks free text given for field: valid UTF-8, no control characters but new lines
 * and tabs, at most max characters; required when `required`. */
int plan_text_check(const char *field, const char *s, size_t max, int required,
		    struct cn_err *err);

/* Who a plan belongs to, for authorization: its network, team (0 for a template) and
 * district (0 for a template). */
int plan_owner(struct store *db, int64_t plan_id, int64_t *network_id, int64_t *team_id,
	       int64_t *district_id, struct cn_err *err);
/* 1 if person_id facilitates network_id or is an admin, 0 if not, -1 on error. */
int plan_person_facilitates(struct store *db, int64_t person_id, int64_t network_id,
			    struct cn_err *err);

#endif
