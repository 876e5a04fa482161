/* Folder app/profile: the capacity-building profile.
 *   profile.c         computing a team's profile and a network's side by side
 *   profile_render.c  the profile as JSON and as tables
 *   profile.h         the interface of both
 */
/* profile: the capacity-building profile of a district team for its school year
 * (DESIGN §2), computed from the team's records, each component with the records
 * behind it; and the network view, every team side by side with a flag for the
 * "train the trainer" pattern: duplicated materials delivered in one-off whole-group
 * days.
 *
 * Components and what they measure:
 *   grounded        plan goals linked to an assessed need (goal_need) / plan goals
 *   customized      goals and actions added, removed or changed in substance against
 *                   the template (plan_template_departure) / template items + added
 *                   items; a plan not from a template is the team's own: its goals /
 *                   its goals
 *   created         the deliverables the team made or co-created (a contributor from
 *                   its district), created or adapted: originals count as
 *                   new; derived ones by their latest version's similarity to the
 *                   source (duplicate at similarity.duplicate_min, default 0.9, or
 *                   more; new below similarity.new_below, default 0.3) / those
 *                   with a version (derived ones: measured)
 *   collaborative   the team's deliverables with contributors from more than one
 *                   district / the team's deliverables
 *   job_embedded    delivered PD minutes in PLC or coaching formats / delivered PD
 *                   minutes; also the number of distinct months with delivered PD
 *   in_classrooms   walkthroughs that observed a strategy linked to the plan's actions
 *                   / walkthroughs looking for one
 *   on_track        goals met or on track at their last progress check / plan goals
 *
 * Flag (train the trainer, the pattern of duplication): most of the team's deliverables
 * duplicate their source, OR most of its sessions that re-deliver network materials do
 * so unchanged, OR its plan keeps the template in substance (departs under
 * PROFILE_KEPT_BELOW); one-off whole-group days (over half the minutes whole-group, or
 * all PD in at most PROFILE_FEW_MONTHS months) make it worse, said in the reason. */
#ifndef CN_PROFILE_H
#define CN_PROFILE_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"
#include "app/deliverable/similarity.h"
#include "core/table.h"
#include "store/store.h"

enum profile_kind {
	PROFILE_GROUNDED,
	PROFILE_CUSTOMIZED,
	PROFILE_CREATED,
	PROFILE_COLLABORATIVE,
	PROFILE_JOB_EMBEDDED,
	PROFILE_IN_CLASSROOMS,
	PROFILE_ON_TRACK,
	PROFILE_KIND_COUNT
};

enum { PROFILE_FEW_MONTHS = 2, PROFILE_METRICS_MAX = 10 };
/* A plan from a template departing less than this keeps it in substance. */
#define PROFILE_KEPT_BELOW 0.25

/* One record behind a component. */
struct profile_evidence {
	const char *entity; /* plan_goal, plan_action, deliverable, pd_session, walkthrough */
	int64_t id;
	const char *title;
	const char *date;  /* the record's day, or NULL */
	const char *value; /* what the record shows here: "linked", "duplicate", "plc" */
	double number;     /* its measure (similarity, minutes, districts) if has_number */
	int has_number;
	int counts;       /* 1 when it counts toward the component's share */
	int guskey_level; /* 1-5, or 0 when the record is not PD-evaluation evidence */
	const char *note; /* detail: needs linked, districts, lineage, template title */
};

struct profile_metric {
	const char *name;
	double value;
};

struct profile_component {
	enum profile_kind kind;
	const char *key;   /* "grounded", ... as listed above */
	const char *title; /* for people: "Grounded in assessed needs" */
	int measured;      /* 0 when there is nothing to measure; summary says why */
	int64_t numerator, denominator;
	double share; /* numerator / denominator when measured */
	const char *summary;
	int guskey_level; /* the level of evidence the component rests on; 0 = none */
	struct profile_metric metrics[PROFILE_METRICS_MAX];
	size_t nmetrics;
	struct profile_evidence *evidence;
	size_t nevidence;
};

struct profile_flag {
	int flagged;
	const char *reason; /* always spelled out, flagged or not */
};

struct profile {
	int64_t team_id, network_id, district_id;
	const char *team_name, *district_name, *network_name, *school_year;
	int64_t plan_id, template_id; /* 0 when none */
	const char *plan_title;
	struct profile_component c[PROFILE_KIND_COUNT];
	struct profile_flag train_the_trainer;
};

struct profile_network {
	int64_t network_id;
	const char *name, *school_year;
	struct similarity_thresholds thresholds;
	struct profile *teams; /* ordered by team name */
	size_t count;
	size_t flagged;
};

/* The profile of one team; everything lives in a. CN_ERR_NOT_FOUND for no such team. */
int profile_team(struct store *db, struct arena *a, int64_t team_id, struct profile *out,
		 struct cn_err *err);
/* The profile of every team of a network; everything lives in a. The records of all
 * its teams are read at once, a statement per kind of record whatever the number of
 * teams; each profile is the same as profile_team's. */
int profile_network(struct store *db, struct arena *a, int64_t network_id,
		    struct profile_network *out, struct cn_err *err);

/* "reactions", "learning", "organizational support", "use of new knowledge and
 * skills", "student outcomes"; NULL for 0 or out of range. */
const char *profile_guskey_label(int level);

/* JSON renderers for the API and the CLI. */
void profile_json(struct jw *w, const struct profile *p);
void profile_network_json(struct jw *w, const struct profile_network *n);

enum profile_view { PROFILE_VIEW_TEAMS, PROFILE_VIEW_COMPONENTS, PROFILE_VIEW_EVIDENCE,
		    PROFILE_VIEW_COUNT };
/* "teams", "components", "evidence". */
extern const char *const profile_view_names[PROFILE_VIEW_COUNT];
/* The profiles as a flat table for CSV and spreadsheets: teams (one row per team),
 * components (one per team and component) or evidence (one per record). Lives in a. */
struct table *profile_table(struct arena *a, const struct profile *teams, size_t n,
			    enum profile_view view);
/* The report of teams[0..n) as a file, appended to out: format "csv" is the table of
 * view (RFC 4180), "xlsx" a workbook with a sheet per view. The command line's
 * `report profile --format csv|xlsx` and the API's profile export both write it here.
 * CN_ERR_INPUT naming "format" for another format. */
int profile_report(struct arena *a, const struct profile *teams, size_t n, const char *format,
		   enum profile_view view, struct buf *out, struct cn_err *err);

#endif
