/* demo_plans: the district side of the demo's year (DESIGN §1's loop): every team's
 * needs assessment on capnet's default instrument (and last year's for four teams, so
 * that "compare" shows movement), its plan (from its own assessment, or for Harrods
 * Creek from the network's template, barely touched), actions linked to library items
 * and deliverables, PLC schedules and the sessions they generate, PD delivered through
 * the fall, walkthroughs, progress checks and reflections on the meetings held.
 * Dates run from the September meetings to the week before Thanksgiving 2026. */
#include <string.h>

#include "app/assessment/assessment.h"
#include "app/delivery/delivery.h"
#include "demo/demo_priv.h"
#include "app/assessment/instrument.h"
#include "app/plan/plan.h"
#include "app/plan/plan_review.h"
#include "app/plan/plan_status.h"
#include "app/plan/plan_template.h"
#include "app/plan/schedule.h"
#include "app/delivery/reflection.h"
#include "app/assessment/challenge.h"

enum {
	DEMO_INDICATORS = 24, /* of the default instrument, in its order */
	DEMO_COPIER = 6,      /* Harrods Creek: the mathematics team that duplicates */
	DEMO_GOALS_MAX = 12,
	DEMO_ACTION_POOL = 6,
};

/* Per team. Levels by indicator in the instrument's order
 * (LC.1-4 LE.1-4 RE.1-3 DA.1-3 LD.1-3 IM.1-3 OU.1-4); priority h/m/l: a high priority
 * aims two levels up, a medium one one level, a low one stays. */
struct demo_team_work {
	const char *current, *priority;
	int challenge[2]; /* indices into the network's challenges */
	const char *assessed_on;
	const char *checks; /* last progress check of each goal: m met, o on track, r at risk,
			     * x off track */
	int school;	    /* where the PLC meets */
	const char *recurrence, *weekday, *start_time, *minutes, *plc_title;
	int last_year;	    /* also has a 2025-26 assessment */
	const char *walks;  /* walkthroughs: y observed, n not */
};

static const struct demo_team_work demo_work[DEMO_NETWORKS][DEMO_DISTRICTS] = {
	{
		{"221132212132122212223121", "mhmlmhllmmllhmmmlmhlmmml", {0, 1}, "2026-09-24",
		 "oor", 2, "weekly", "tuesday", "15:15", "45", "Grade 3-5 mathematics PLC", 1,
		 "nyy"},
		{"112121211121112211112111", "hmlmhmlmmmlmhmlmhmmllmlm", {2, 3}, "2026-09-25",
		 "ooo", 2, "biweekly", "wednesday", "14:45", "60", "K-5 mathematics PLC", 0,
		 "yny"},
		{"222232122222223222223222", "mhmlmmlhmmmmhmmlmmmlmmlm", {4, 1}, "2026-09-24",
		 "omo", 1, "weekly", "thursday", "08:00", "45", "Grade 6-8 mathematics PLC", 1,
		 "yyy"},
		{"111121111111112111111111", "hmlmmhlmmmlmmmlmmhlmmmlm", {0, 5}, "2026-09-29",
		 "ro", 1, "biweekly", "monday", "15:30", "60", "Elementary mathematics PLC", 0,
		 "ny"},
		{"222132212232223222222232", "mmmlhmlmmmlmmhmlmmmlhmmm", {2, 5}, "2026-09-23",
		 "ooo", 2, "weekly", "wednesday", "15:00", "45", "Grade 2-5 mathematics PLC", 1,
		 "yyn"},
		{"212122212122122212222121", "mhmlmmllmmlmmmmhmmmlhmmm", {4, 3}, "2026-09-28",
		 "oo", 2, "weekly", "thursday", "15:10", "50", "Grade 4-6 mathematics PLC", 0,
		 "yyy"},
		{"111111111111111111111111", "mmmlmmlmmmlmmmlmmmlmmmlm", {4, 3}, "2026-10-08",
		 "rxr", 1, NULL, NULL, NULL, NULL, NULL, 0, "n"},
		{"121132211221122212212121", "mmhlmmlmmmlmhmlhmmmlmmmm", {0, 1}, "2026-09-30",
		 "oor", 2, "biweekly", "tuesday", "15:20", "60", "Grade 3-8 mathematics PLC", 0,
		 "yny"},
	},
	{
		{"212121211122212212212121", "mhmlmmlmmmlmhmlmmhmlmmlm", {0, 1}, "2026-09-30",
		 "oo", 1, "biweekly", "thursday", "15:00", "60", "Grade 3-5 literacy PLC", 0,
		 "yy"},
		{"121221211121121211112121", "mmmhmmlmhmlmmmlmmmlmmhlm", {2, 3}, "2026-10-01",
		 "omo", 1, "weekly", "monday", "15:15", "45", "Grade 6-8 ELA PLC", 0, "yny"},
		{"222132212232223222222232", "hmmlmmlmmmlmmhmlmmmlmmlm", {0, 3}, "2026-10-02",
		 "ro", 0, "biweekly", "wednesday", "07:45", "50", "High school English PLC", 0,
		 "ny"},
		{"111111111111111111111111", "mhmlhmlmmmlmmmlhmmmlmmlm", {2, 1}, "2026-10-05",
		 "oo", 1, "biweekly", "tuesday", "15:30", "60", "K-5 reading PLC", 0, "yy"},
		{"222132212232223222223232", "mmmlmmlmmmlmhmlmmhmlhmlm", {0, 1}, "2026-09-29",
		 "moo", 1, "weekly", "thursday", "14:50", "45", "Grade 6-8 ELA PLC", 1, "yyy"},
		{"212122212122122212222121", "mhmlmmlmhmlmmmlmmmmlmhlm", {2, 3}, "2026-10-01",
		 "oor", 2, "biweekly", "wednesday", "15:00", "60", "Grade 3-5 literacy PLC", 0,
		 "yyn"},
		{"121121111121112111112111", "hmmlmhlmmmlmmmlmmmmlmmlm", {0, 3}, "2026-10-06",
		 "or", 1, "monthly", "tuesday", "15:00", "90", "K-5 literacy PLC", 0, "ny"},
		{"212132212122122212212121", "mmmlmmlhmmlmmhmlmmmlhmlm", {2, 1}, "2026-09-30",
		 "ooo", 2, "biweekly", "monday", "15:10", "60", "Grade 3-5 literacy PLC", 0,
		 "yyy"},
	},
};

struct demo_challenge {
	const char *kind, *description, *reason;
};

static const struct demo_challenge demo_challenges[DEMO_NETWORKS][6] = {
	{
		{"technical",
		 "Two elementary schools have no common planning time for grade-level teams.",
		 "A known fix exists: the master schedule can give each grade team a shared "
		 "45-minute block, as the middle school already has."},
		{"adaptive",
		 "Many teachers see number talks as something extra for when there is time, not "
		 "as part of how students learn mathematics.",
		 "No schedule fixes a belief: teachers have to try the routine, see their "
		 "students' reasoning and decide together what it is worth."},
		{"technical",
		 "Walkthrough notes are kept on paper by each principal and never reach the PLCs.",
		 "A shared form and a monthly routine for bringing the notes to PLCs solve it."},
		{"adaptive",
		 "Teachers are used to receiving a finished program and are wary of building "
		 "their own materials.",
		 "It asks people to change how they see their own expertise; the team has to "
		 "learn its way there with them, not announce it."},
		{"technical",
		 "A shortage of substitutes makes it hard to release teachers for network "
		 "meetings.",
		 "Rotating who attends and booking release days a semester ahead is a known "
		 "fix."},
		{"adaptive",
		 "Fraction results differ widely between schools, and each school explains its "
		 "results by its students rather than by its teaching.",
		 "Changing where people look for causes takes shared study of student work "
		 "across schools, not a directive."},
	},
	{
		{"technical",
		 "Classroom libraries have few complex informational texts at grade level.",
		 "Purchasing and sharing text sets across schools is a known fix."},
		{"adaptive",
		 "Teachers disagree about whether struggling readers should read grade-level "
		 "texts at all.",
		 "It is a question of beliefs about students; it has to be worked through with "
		 "evidence from our own classrooms."},
		{"technical",
		 "Writing is scored differently in every school, so PLCs cannot compare student "
		 "work.",
		 "A common rubric and one calibration session a semester fix it."},
		{"adaptive",
		 "PLC meetings drift into logistics and rarely look at student writing.",
		 "Changing what a PLC spends its time on is a change of habits and of who leads "
		 "the conversation."},
		{"technical", "Substitutes are scarce on network meeting days.",
		 "Rotating attendance and booking release days early is a known fix."},
		{"adaptive",
		 "Teachers in tested grades feel they have no time for close reading before the "
		 "spring assessment.",
		 "It takes trust and evidence that the practice helps; no rule settles it."},
	},
};

/* Actions a team picks from (three of the six, by district), plus the two every plan
 * has: the PLC cycle its schedule carries out, and walkthroughs for its strategy. */
struct demo_action {
	const char *kind, *title;
	int item;	/* enum demo_lib_key, or -1 */
	int deliverable; /* 1: the network's learning-target set (or the team's adaptation) */
	const char *starts_on, *due_on, *status;
};

static const struct demo_action demo_actions[DEMO_NETWORKS][DEMO_ACTION_POOL + 2] = {
	{
		{"study", "Study number talks in grade-level PLCs", LIB_NUMBER_TALKS, 0,
		 "2026-09-28", "2026-10-30", "done"},
		{"try_out", "Every K-5 teacher tries a weekly number talk and brings back student "
		 "thinking", LIB_NUMBER_TALKS, 0, "2026-10-05", "2026-12-18", "in_progress"},
		{"try_out", "Try fraction number lines in grades 3-5", LIB_NUMBER_LINE, 0,
		 "2026-10-19", "2026-12-18", "in_progress"},
		{"create_deliverable", "Build and use the grade 4 fractions learning targets", -1, 1,
		 "2026-11-10", "2027-01-29", "in_progress"},
		{"deliver_pd", "PLC cycles on exit tickets written from our learning targets",
		 LIB_HINGE, 0, "2027-01-11", "2027-03-26", "planned"},
		{"structure", "Protect a weekly common planning time for PLCs in every school", -1,
		 0, "2026-10-01", "2027-01-08", "in_progress"},
		{"deliver_pd", "PLC cycles: study, try, bring back student evidence",
		 LIB_PLC_CYCLE, 0, "2026-09-28", "2027-05-14", "in_progress"},
		{"study", "Walkthroughs for number talks, results shared with the PLCs",
		 LIB_WALKTHROUGH, 0, "2026-10-19", "2027-04-30", "in_progress"},
	},
	{
		{"study", "Study close reading in grade 3-8 PLCs", LIB_CLOSE_READING, 0,
		 "2026-10-05", "2026-11-20", "done"},
		{"try_out", "Every ELA teacher teaches one close-reading lesson per unit",
		 LIB_TDQ, 0, "2026-11-30", "2027-03-12", "planned"},
		{"create_deliverable", "Build and use the grade 6 argument-writing targets", -1, 1,
		 "2026-09-22", "2027-01-29", "in_progress"},
		{"try_out", "Try co-constructed success criteria in writing", LIB_SUCCESS_CRITERIA,
		 0, "2027-01-11", "2027-03-12", "planned"},
		{"policy", "Count PLC time toward required professional learning hours", -1, 0,
		 "2026-10-15", "2027-02-15", "in_progress"},
		{"deliver_pd", "PLC cycles on argument writing with student work", LIB_ARGUMENT, 0,
		 "2027-01-11", "2027-04-16", "planned"},
		{"deliver_pd", "PLC cycles: study, try, bring back student evidence",
		 LIB_PLC_CYCLE, 0, "2026-10-05", "2027-05-14", "in_progress"},
		{"study", "Walkthroughs for close reading, results shared with the PLCs",
		 LIB_WALKTHROUGH, 0, "2026-10-26", "2027-04-30", "in_progress"},
	},
};

/* What the teams wrote as evidence for their high priorities, by indicator. */
static const char *const demo_evidence[DEMO_INDICATORS] = {
	"Grade-level teams meet, but mostly to plan field trips and schedules.",
	"PLC time is in the schedule at some schools only; elsewhere teams meet after school "
	"when they can.",
	"We work with the cooperative but rarely with other districts or the university.",
	"Board policy counts only whole-group days toward required PD hours.",
	"Few principals have led a PLC; most attend as observers.",
	"The district team was formed this fall and has not yet met with every school.",
	"Calendars are set before the PD plan is written.",
	"Leaders tend to answer hard problems with a new program.",
	"Teachers find strategies online but cannot tell which have evidence behind them.",
	"PD money follows last year's budget lines.",
	"Title II and state PD funds are planned separately.",
	"Teachers see state results once a year and little in between.",
	"There is no routine for looking at student work together.",
	"We count PD hours, not what changed in classrooms.",
	"Teachers hear about strategies but seldom try them before the next session.",
	"Most PD is delivered on the August and January days.",
	"Materials from regional trainings are passed on as they came.",
	"New practices fade once the training is over; there is no follow-up.",
	"The plan has goals but no owners, dates or checks.",
	"Coaching depends on one grant-funded position.",
	"Only a few teachers have written learning targets from the standards.",
	"Teachers build materials alone or buy them.",
	"PD goals are not tied to the improvement plan's student goals.",
	"Teachers cannot yet show how a new practice changed student work.",
};

struct demo_plan_ids {
	int64_t plan, actions[DEMO_ACTION_POOL + 2];
	int64_t assessment;
	int has[DEMO_ACTION_POOL + 2];
};

/* One assessment of team (n, d) for school_year, rated from w, minus `lower` levels on
 * every third indicator (last year's, before the work). *id gets it. */
static int demo_assessment(struct demo_ctx *c, int n, int d, const char *school_year,
			   const char *assessed_on, int lower, const int64_t *indicators,
			   int64_t *id)
{
	const struct demo_team_work *w = &demo_work[n][d];
	const char *label = arena_printf(c->a, "team %d.%d %s", n, d, school_year);
	if (demo_create(c, &assessment_entity, label, id, "team_id",
			demo_id_text(c, c->team[n][d]), "school_year", school_year, "status",
			"draft", "assessed_on", assessed_on, NULL))
		return -1;
	c->sum->assessments++;
	for (int i = 0; i < DEMO_INDICATORS; i++) {
		int cur = w->current[i] - '0', p = w->priority[i];
		if (lower && i % 3 == 0 && cur > 1)
			cur -= lower;
		int target = cur + (p == 'h' ? 2 : p == 'm' ? 1 : 0);
		struct assessment_rating_in in = {
			.current_level = cur,
			.target_level = target > 4 ? 4 : target,
			.evidence = p == 'h' ? demo_evidence[i] : NULL,
			.priority = p == 'h' ? "high" : p == 'm' ? "medium" : "low"};
		if (assessment_rate(c->db, c->who, *id, indicators[i], &in, c->err))
			return demo_fail(c, "rating of", label);
	}
	/* Last year's had one more challenge, resolved since: PLC time. */
	for (int k = lower ? -1 : 0; k < 2; k++) {
		const struct demo_challenge *ch = &demo_challenges[n][k < 0 ? 0 : w->challenge[k]];
		if (k < 0 && w->challenge[0] == 0)
			ch = &demo_challenges[n][2];
		if (demo_create(c, &challenge_entity, ch->description, NULL, "assessment_id",
				demo_id_text(c, *id), "description", ch->description, "kind",
				ch->kind, "reason", ch->reason, NULL))
			return -1;
		c->sum->challenges++;
	}
	struct rec *ch = demo_rec(c, &assessment_entity, label, "status", "submitted", NULL);
	if (ch == NULL || rec_update(c->db, c->who, c->a, *id, 0, ch, NULL, c->err))
		return demo_fail(c, "assessment", label);
	return 0;
}

static int demo_link(struct demo_ctx *c, int64_t action, int64_t item, int64_t deliverable)
{
	if (plan_action_link(c->db, c->who, action, item, deliverable, c->err))
		return demo_fail(c, "plan action link", "");
	return 0;
}

/* Action k of the network's list in plan p, serving goal. */
static int demo_action(struct demo_ctx *c, int n, int k, int64_t plan, int64_t goal,
		       int64_t owner, const int64_t *items, int64_t deliverable, int64_t *id)
{
	const struct demo_action *x = &demo_actions[n][k];
	if (demo_create(c, &plan_action_entity, x->title, id, "plan_id", demo_id_text(c, plan),
			"goal_id", goal ? demo_id_text(c, goal) : NULL, "kind", x->kind, "title",
			x->title, "owner_id", owner ? demo_id_text(c, owner) : NULL, "starts_on",
			x->starts_on, "due_on", x->due_on, "status", x->status, NULL))
		return -1;
	c->sum->plan_actions++;
	if (x->item >= 0 && demo_link(c, *id, items[x->item], 0))
		return -1;
	if (x->deliverable && demo_link(c, *id, 0, deliverable))
		return -1;
	/* Walkthroughs look for the network's first strategy. */
	if (k == DEMO_ACTION_POOL + 1 &&
	    demo_link(c, *id, items[n == 0 ? LIB_NUMBER_TALKS : LIB_CLOSE_READING], 0))
		return -1;
	return 0;
}

/* The goals of a plan, in order, into ids[]; *n gets how many. */
static int demo_goals(struct demo_ctx *c, int64_t plan, int64_t *ids, size_t *n)
{
	struct rec_query q = {.limit = DEMO_GOALS_MAX};
	q.filter[0] = demo_id_text(c, plan);
	struct rec_list l;
	if (rec_list(c->db, c->a, &plan_goal_entity, &q, &l, c->err))
		return demo_fail(c, "goals of plan", demo_id_text(c, plan));
	*n = l.count;
	for (size_t i = 0; i < l.count; i++)
		ids[i] = l.items[i]->id;
	return 0;
}

static const char *const demo_check_evidence[] = {
	"m", "Reached: every grade-level team has met this fall, and minutes show student "
	     "work at most meetings.",
	"o", "On track: PLC minutes and walkthrough notes show the practice in most "
	     "classrooms we visited.",
	"r", "At risk: two schools have not started; their PLC time keeps being used for "
	     "testing logistics.",
	"x", "Off track: nothing has happened since the PD day; no follow-up is scheduled.",
};

static int demo_checks(struct demo_ctx *c, int n, int d, const int64_t *goals, size_t ngoals)
{
	const struct demo_team_work *w = &demo_work[n][d];
	size_t len = strlen(w->checks);
	for (size_t g = 0; g < ngoals; g++) {
		char s = w->checks[g % len];
		const char *status = s == 'm' ? "met" : s == 'o' ? "on_track"
					: s == 'r' ? "at_risk" : "off_track";
		const char *evidence = "";
		for (size_t i = 0; i < DEMO_LEN(demo_check_evidence); i += 2)
			if (demo_check_evidence[i][0] == s)
				evidence = demo_check_evidence[i + 1];
		if (demo_create(c, &progress_check_entity, status, NULL, "goal_id",
				demo_id_text(c, goals[g]), "checked_on",
				n == 0 ? "2026-11-13" : "2026-11-19", "status", status, "evidence",
				evidence, "next_steps",
				s == 'o' || s == 'm' ? "Keep the cycle going; bring student work to the "
						       "next network meeting."
						     : "The team lead meets the principals before "
						       "winter break to agree on a restart date.",
				"guskey_level", s == 'o' || s == 'm' ? "4" : "3", "author_id",
				demo_id_text(c, c->seat[n][d][0]), NULL))
			return -1;
		c->sum->progress_checks++;
	}
	return 0;
}

/* The team's plan from its own assessment, with three actions from the list (by
 * district), the PLC cycle and walkthroughs. */
static int demo_plan_own(struct demo_ctx *c, int n, int d, const int64_t *items,
			 int64_t deliverable, struct demo_plan_ids *p)
{
	int64_t goals[DEMO_GOALS_MAX];
	size_t ngoals = 0, made = 0;
	if (plan_create_from_assessment(c->db, c->who, p->assessment, NULL, &p->plan, &made,
					c->err))
		return demo_fail(c, "plan of team", demo_id_text(c, c->team[n][d]));
	c->sum->plans++;
	if (demo_goals(c, p->plan, goals, &ngoals) || ngoals == 0)
		return ngoals == 0 ? cn_err_set(c->err, CN_ERR_INTERNAL,
						"the demo's team %d.%d has no high-priority gap", n,
						d)
				   : -1;
	c->sum->plan_goals += (int)ngoals;
	int picks[5] = {d % DEMO_ACTION_POOL, (d + 2) % DEMO_ACTION_POOL,
			(d + 4) % DEMO_ACTION_POOL, DEMO_ACTION_POOL, DEMO_ACTION_POOL + 1};
	for (int i = 0; i < 5; i++) {
		int k = picks[i];
		int64_t owner = demo_seat(c, n, d, i % 3);
		if (demo_action(c, n, k, p->plan, goals[i % ngoals], owner, items, deliverable,
				&p->actions[k]))
			return -1;
		p->has[k] = 1;
	}
	return demo_checks(c, n, d, goals, ngoals);
}

/* The mathematics network's template, and Harrods Creek's plan from it: owners set,
 * one date moved, nothing else changed. */
static int demo_plan_template(struct demo_ctx *c, const int64_t *items, int64_t deliverable,
			      struct demo_plan_ids *p)
{
	static const struct {
		const char *title, *baseline, *target, *measure;
	} goals[] = {
		{"Number talks in every K-5 classroom", "few classrooms use number talks",
		 "number talks three times a week in most K-5 classrooms",
		 "Walkthroughs see a number talk in at least three of four K-5 classrooms."},
		{"Grade 3-5 teachers teach fractions from learning targets",
		 "targets are copied from the pacing guide",
		 "every fractions lesson names its learning target",
		 "Lesson plans and walkthroughs name the learning target."},
		{"PLCs study student work every month", "PLCs rarely look at student work",
		 "one student-work protocol a month in every PLC",
		 "PLC minutes record the protocol and what changed."},
	};
	int64_t tmpl = 0, ids[3];
	if (demo_create(c, &plan_entity, "template", &tmpl, "network_id",
			demo_id_text(c, c->network[0]), "title",
			"Mathematics network starter plan 2026-27", "is_template", "true", NULL))
		return -1;
	for (int g = 0; g < 3; g++)
		if (demo_create(c, &plan_goal_entity, goals[g].title, &ids[g], "plan_id",
				demo_id_text(c, tmpl), "title", goals[g].title, "baseline",
				goals[g].baseline, "target", goals[g].target, "deadline",
				"2027-05-28", "measure", goals[g].measure, NULL))
			return -1;
	static const int acts[] = {0, 2, 3, 6};
	int64_t aid = 0;
	for (size_t i = 0; i < DEMO_LEN(acts); i++)
		if (demo_action(c, 0, acts[i], tmpl, ids[i % 3], 0, items, deliverable, &aid))
			return -1;
	c->sum->plans++;
	if (plan_template_start(c->db, c->who, tmpl, c->team[0][DEMO_COPIER], NULL, &p->plan,
				c->err))
		return demo_fail(c, "plan from template", "Harrods Creek");
	c->sum->plans++;
	int64_t mine[DEMO_GOALS_MAX];
	size_t n = 0;
	if (demo_goals(c, p->plan, mine, &n))
		return -1;
	c->sum->plan_goals += (int)n;
	struct rec_query q = {.limit = 20};
	q.filter[0] = demo_id_text(c, p->plan);
	struct rec_list l;
	if (rec_list(c->db, c->a, &plan_action_entity, &q, &l, c->err))
		return -1;
	for (size_t i = 0; i < l.count; i++) {
		struct rec *ch = demo_rec(c, &plan_action_entity, "owner", "owner_id",
					  demo_id_text(c, c->seat[0][DEMO_COPIER][0]), "due_on",
					  i == 0 ? "2026-11-20" : NULL, NULL);
		if (ch == NULL || rec_update(c->db, c->who, c->a, l.items[i]->id, 0, ch, NULL, c->err))
			return demo_fail(c, "plan action", "Harrods Creek");
		c->sum->plan_actions++;
	}
	return demo_checks(c, 0, DEMO_COPIER, mine, n);
}

static const char *demo_tz(int n, int d)
{
	(void)n;
	return d < 4 ? "America/Chicago" : "America/New_York";
}

/* The team's people, attending its sessions. */
static size_t demo_attendees(struct demo_ctx *c, int n, int d, int64_t *out)
{
	size_t k = 0;
	for (int s = 0; s < DEMO_SEATS; s++)
		if (c->seat[n][d][s] != 0)
			out[k++] = c->seat[n][d][s];
	return k;
}

static int demo_delivered(struct demo_ctx *c, int n, int d, int64_t session)
{
	int64_t people[DEMO_SEATS];
	size_t k = demo_attendees(c, n, d, people);
	if (delivery_attendees_add(c->db, c->who, session, people, k, c->err))
		return demo_fail(c, "attendees of session", demo_id_text(c, session));
	c->sum->pd_delivered++;
	return 0;
}

/* The PLC schedule of team (n, d) and its generated sessions; those before the
 * Thanksgiving week were delivered. */
static int demo_schedule(struct demo_ctx *c, int n, int d, const struct demo_plan_ids *p)
{
	const struct demo_team_work *w = &demo_work[n][d];
	int64_t sid = 0;
	if (demo_create(c, &plc_schedule_entity, w->plc_title, &sid, "plan_id",
			demo_id_text(c, p->plan), "school_id",
			demo_id_text(c, c->school[d][w->school]), "action_id",
			demo_id_text(c, p->actions[DEMO_ACTION_POOL]), "recurrence", w->recurrence,
			"weekday", w->weekday, "week_of_month",
			strcmp(w->recurrence, "monthly") == 0 ? "2" : NULL, "start_time",
			w->start_time, "minutes", w->minutes, "starts_on",
			n == 0 ? "2026-09-28" : "2026-10-05", "ends_on", "2027-05-14", "tz",
			demo_tz(n, d), "pd_format", "plc", "title", w->plc_title, NULL))
		return -1;
	struct schedule_result res;
	if (schedule_generate(c->db, c->who, c->a, sid, &res, c->err))
		return demo_fail(c, "PLC schedule", w->plc_title);
	c->sum->pd_sessions += (int)res.added;
	struct rec_query q = {.limit = 100};
	q.filter[5] = "2026-11-20";
	q.filter[6] = demo_id_text(c, sid);
	struct rec_list l;
	if (rec_list(c->db, c->a, &pd_session_entity, &q, &l, c->err))
		return demo_fail(c, "sessions of", w->plc_title);
	for (size_t i = 0; i < l.count; i++) {
		struct rec *ch = demo_rec(c, &pd_session_entity, "session", "guskey_level",
					  i < 2 ? "2" : "3", "facilitator_id",
					  demo_id_text(c, c->seat[n][d][0]), NULL);
		if (ch == NULL ||
		    delivery_session_deliver(c->db, c->who, c->a, l.items[i]->id, ch, NULL, c->err))
			return demo_fail(c, "delivered session", w->plc_title);
		if (demo_delivered(c, n, d, l.items[i]->id))
			return -1;
	}
	return 0;
}

/* A PD session delivered outside the schedule. */
static int demo_session(struct demo_ctx *c, int n, int d, int64_t action, const char *title,
			const char *held_on, const char *minutes, const char *format,
			int64_t meeting, int64_t deliverable, const char *changes)
{
	int64_t id = 0;
	if (demo_create(c, &pd_session_entity, title, &id, "team_id",
			demo_id_text(c, c->team[n][d]), "school_id",
			demo_id_text(c, c->school[d][0]), "action_id",
			action ? demo_id_text(c, action) : NULL, "title", title, "held_on",
			held_on, "start_time", strcmp(format, "whole_group") == 0 ? "08:00" : "15:15",
			"tz", demo_tz(n, d), "minutes", minutes, "pd_format", format, "status",
			"delivered", "facilitator_id", demo_id_text(c, c->seat[n][d][0]),
			"source_meeting_id", meeting ? demo_id_text(c, meeting) : NULL,
			"source_deliverable_id", deliverable ? demo_id_text(c, deliverable) : NULL,
			"changes_note", changes, "guskey_level",
			strcmp(format, "whole_group") == 0 ? "1" : "3", NULL))
		return -1;
	c->sum->pd_sessions++;
	return demo_delivered(c, n, d, id);
}

static const char *const demo_walk_notes[DEMO_NETWORKS][2] = {
	{"Students explained two strategies for 48 + 27 and the teacher recorded both on an "
	 "open number line; most of the class joined in.",
	 "The planned number talk was skipped for test preparation; the PLC will talk about "
	 "keeping it short on busy days."},
	{"Students annotated the text on the second read and answered the third question with "
	 "a quoted sentence; the teacher asked for the paragraph number.",
	 "The lesson used a summary of the text instead of the text itself, so the questions "
	 "could be answered without reading it."},
};

static int demo_walkthroughs(struct demo_ctx *c, int n, int d, int64_t item)
{
	static const char *const days[] = {"2026-10-21", "2026-11-04", "2026-11-18"};
	const char *walks = demo_work[n][d].walks;
	for (int i = 0; walks[i] != '\0' && i < 3; i++) {
		int yes = walks[i] == 'y';
		int school = i % 2 ? 0 : demo_work[n][d].school;
		if (demo_create(c, &walkthrough_entity, "walkthrough", NULL, "team_id",
				demo_id_text(c, c->team[n][d]), "school_id",
				demo_id_text(c, c->school[d][school]), "observed_on", days[i],
				"item_id", demo_id_text(c, item), "observed", yes ? "true" : "false",
				"note", demo_walk_notes[n][!yes], "observer_id",
				demo_id_text(c, c->seat[n][d][0]), NULL))
			return -1;
		c->sum->walkthroughs++;
	}
	return 0;
}

/* Reflections on the meetings held: who wrote them, shared with their team or not. */
struct demo_reflection {
	int meeting, district, seat, shared;
	const char *distill, *synthesize, *internalize, *contextualize;
};

static const struct demo_reflection demo_reflections[] = {
	{DEMO_MATH_1, 0, 0, 1,
	 "A number talk is short and daily; the point is students' strategies, not speed.",
	 "It fits the fluency work in our grade 3-5 standards and the discourse goal in our "
	 "improvement plan.",
	 "I have been the one explaining too often in my own coaching demonstrations.",
	 "Cedar Bluff can start next week; Dalton Road needs its PLC time fixed first."},
	{DEMO_MATH_1, 0, 1, 1,
	 "Collect every answer before judging any of them.",
	 NULL, "My fourth graders will wait for me to say who is right; I need to stop doing "
	       "that.",
	 "I will try dot images with my class on Mondays and Thursdays and bring notes to "
	 "our PLC."},
	{DEMO_MATH_1, 4, 0, 0,
	 "Strategies first, answers second.",
	 "Connects to the five practices we read last spring.", NULL,
	 "Our grade 2 teachers are ready; grade 5 will need to see it modeled."},
	{DEMO_MATH_1, 5, 0, 1,
	 "Try it in classrooms before deciding anything about it.",
	 NULL, NULL,
	 "Pope Lick's English learners will need sentence frames to share strategies."},
	{DEMO_MATH_2, 0, 0, 1,
	 "A learning target names what students will be able to do, in their words.",
	 "Deconstructing 4.NF.2 showed us reasoning targets our pacing guide never named.",
	 "I want our PLCs to write targets together rather than receive them.",
	 "Grade 4 at Cedar Bluff pilots the set in December; we revise it from their exit "
	 "tickets."},
	{DEMO_MATH_2, 2, 0, 1,
	 "Knowledge, reasoning, skill, product: each asks for different evidence.",
	 NULL, NULL,
	 "Rough River Middle will write ratio targets in the same way in January."},
	{DEMO_MATH_2, 4, 1, 0,
	 "The benchmark target is the one our second graders' teachers will build toward.",
	 NULL, "I had not thought about how my grade 2 work sets up grade 4.", NULL},
	{DEMO_MATH_2, 6, 0, 0,
	 "The set is ready to use.", NULL, NULL,
	 "We will present it to all staff on the November PD day."},
	{DEMO_ELA_1, 4, 0, 1,
	 "Learning targets from the reading standards make the purpose of a lesson visible.",
	 "They fit the argument-writing work our grade 6 team already started.",
	 NULL, "Salt River Middle drafts the grade 6 writing targets with two other districts."},
	{DEMO_ELA_1, 1, 1, 1,
	 "Evidence has to support the reason, not just the topic.", NULL,
	 "My students' essays list facts without saying why they matter.",
	 "I will bring two of my students' essays to the next PLC."},
	{DEMO_ELA_1, 0, 0, 0,
	 "Targets first, then texts.", NULL, NULL,
	 "Our grade 3-5 PLCs need a protected time before we can start."},
	{DEMO_ELA_1, 5, 0, 1,
	 "Policy can make room for PLCs: our PD hours policy counts only whole days.",
	 NULL, NULL, "I will take a draft policy change to the board in February."},
	{DEMO_ELA_2, 1, 0, 1,
	 "Close reading is rereading with a purpose, with questions only the text answers.",
	 "It connects to the evidence target in our grade 6 writing set.", NULL,
	 "Pond River Middle tries it with the bypass article in December."},
	{DEMO_ELA_2, 7, 1, 0,
	 "Three reads, three purposes.", NULL,
	 "I usually ask what a text means before students know what it says.", NULL},
	{DEMO_ELA_2, 2, 0, 1,
	 "Text-dependent questions move from what it says to how it works to what it means.",
	 NULL, NULL, "Our high school English PLC will build a question bank for its units."},
	{DEMO_ELA_2, 5, 2, 1,
	 "Complex text is for every student, with support, not only for strong readers.",
	 "Fits what we do with English learners: frames and partner talk.", NULL,
	 "Pope Lick's newcomers can read the text with a partner in their language first."},
};

static int demo_step_reflections(struct demo_ctx *c)
{
	for (size_t i = 0; i < DEMO_LEN(demo_reflections); i++) {
		const struct demo_reflection *r = &demo_reflections[i];
		int n = r->meeting >= DEMO_ELA_1;
		if (demo_create(c, &reflection_entity, r->distill, NULL, "meeting_id",
				demo_id_text(c, c->meeting[r->meeting]), "person_id",
				demo_id_text(c, demo_seat(c, n, r->district, r->seat)), "distill",
				r->distill, "synthesize", r->synthesize, "internalize", r->internalize,
				"contextualize", r->contextualize, "shared",
				r->shared ? "true" : "false", NULL))
			return -1;
		c->sum->reflections++;
	}
	return 0;
}

/* How each plan ends the fall: approved, but Tradewater's mathematics plan waits for
 * the facilitator (who has commented) and Mud River's literacy plan is a draft. */
static int demo_plan_status(struct demo_ctx *c, int n, int d, int64_t plan)
{
	int waits = n == 0 && d == 0, draft = n == 1 && d == 3;
	if (draft)
		return 0;
	if (plan_status_set(c->db, c->who, plan, "submitted", "Ready for the facilitator", 0,
			    c->err))
		return demo_fail(c, "plan status", "submitted");
	if (waits) {
		if (plan_review_add(c->db, c->who, plan, c->org_person[DEMO_STAFF_MATH_FACILITATOR],
				    "A strong plan, grounded in your assessment. Before I approve "
				    "it: who owns the walkthroughs, and when is the first progress "
				    "check of the PLC-time goal?",
				    NULL, c->err))
			return demo_fail(c, "plan review", "Tradewater");
		return 0;
	}
	if (plan_status_set(c->db, c->who, plan, "approved", NULL, 0, c->err))
		return demo_fail(c, "plan status", "approved");
	return 0;
}

int demo_plans_load(struct demo_ctx *c, const int64_t *items, const int64_t *deliverables)
{
	int64_t instrument = 0;
	struct instrument_full inst;
	if (instrument_default(c->db, c->who, &instrument, c->err) ||
	    instrument_load(c->db, c->a, instrument, &inst, c->err))
		return demo_fail(c, "needs-assessment instrument", "default");
	if (inst.count != DEMO_INDICATORS)
		return cn_err_set(c->err, CN_ERR_INTERNAL,
				  "the default instrument has %zu indicators; the demo rates %d",
				  inst.count, DEMO_INDICATORS);
	int64_t indicators[DEMO_INDICATORS];
	for (int i = 0; i < DEMO_INDICATORS; i++)
		indicators[i] = inst.indicators[i].id;
	for (int n = 0; n < DEMO_NETWORKS; n++)
		for (int d = 0; d < DEMO_DISTRICTS; d++) {
			const struct demo_team_work *w = &demo_work[n][d];
			struct demo_plan_ids p = {0};
			int64_t last = 0;
			int64_t dlv = deliverables[n == 0 && d == 5 ? DEMO_DLV_ADAPTED
						   : n == 0		? DEMO_DLV_SOURCE
									: DEMO_DLV_ELA];
			if ((w->last_year && demo_assessment(c, n, d, "2025-26", "2026-04-21", 1,
							     indicators, &last)) ||
			    demo_assessment(c, n, d, DEMO_SCHOOL_YEAR, w->assessed_on, 0, indicators,
					    &p.assessment))
				return -1;
			int copier = n == 0 && d == DEMO_COPIER;
			if (copier ? demo_plan_template(c, items, dlv, &p)
				   : demo_plan_own(c, n, d, items, dlv, &p))
				return -1;
			if (!copier && demo_schedule(c, n, d, &p))
				return -1;
			int64_t strategy = items[n == 0 ? LIB_NUMBER_TALKS : LIB_CLOSE_READING];
			if (demo_walkthroughs(c, n, d, strategy) || demo_plan_status(c, n, d, p.plan))
				return -1;
			if (copier) {
				/* Turnkey: the network's meetings passed on as they came. */
				if (demo_session(c, n, d, 0, "Number talks: the network's September "
							     "session for all staff",
						 "2026-10-12", "180", "whole_group",
						 c->meeting[DEMO_MATH_1], 0, NULL) ||
				    demo_session(c, n, d, 0, "PD day: the network's fractions learning "
							     "targets",
						 "2026-11-03", "360", "whole_group", 0,
						 deliverables[DEMO_DLV_COPIED], NULL))
					return -1;
				continue;
			}
			if (demo_session(c, n, d, p.actions[DEMO_ACTION_POOL],
					 n == 0 ? "Coaching cycle: number talks in grade 4"
						: "Coaching cycle: close reading in grade 6",
					 n == 0 ? "2026-11-05" : "2026-11-12", "60", "coaching", 0, 0,
					 NULL))
				return -1;
			if (d % 2 == 0 &&
			    demo_session(c, n, d, p.actions[DEMO_ACTION_POOL],
					 n == 0 ? "Number talks, from the September network meeting"
						: "Reading targets, from the September network meeting",
					 "2026-10-07", "60", "plc", c->meeting[n == 0 ? DEMO_MATH_1
											   : DEMO_ELA_1],
					 0,
					 n == 0 ? "We used our own students' dot images and cut the "
						  "research talk to ten minutes; teachers practised "
						  "with a colleague's class instead of role play."
						: "Grade 3-5 teachers deconstructed a standard from the "
						  "unit they teach next, not the meeting's example."))
				return -1;
		}
	return demo_step_reflections(c);
}
