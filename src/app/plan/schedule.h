/* schedule: PLC schedules. A schedule belongs to a team's plan (and optionally one of
 * its actions) and to one school; it recurs weekly, every two weeks, or monthly on the
 * Nth weekday ("second Tuesday"; N = 5 means the last), at a local start time, within
 * its dates in the school year, skipping breaks. Generating it creates one planned PD
 * session per day; generating again adds what is missing, removes planned sessions
 * nobody edited that no longer fit the schedule, and never touches a delivered,
 * cancelled or edited session.
 *
 * Breaks are the school_break rows of the school year for the school, its district or
 * statewide (org_id null); when there are none, a default Kentucky calendar is used:
 * Thanksgiving (Wednesday to Friday), winter break (December 21 to January 1) and
 * spring break (the first Monday to Friday of April). Dates default to the school
 * year's academic_session (school, district or statewide), else August 1 to May 31. */
#ifndef CN_SCHEDULE_H
#define CN_SCHEDULE_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

/* plc_schedule: plan_id, school_id, action_id, recurrence (weekly, biweekly, monthly),
 * weekday (sunday .. saturday), week_of_month (1-5, monthly only; 5 = last),
 * start_time (HH:MM), minutes, starts_on, ends_on, tz, pd_format, title. */
extern const struct rec_entity plc_schedule_entity;

enum schedule_recurrence { SCHEDULE_WEEKLY, SCHEDULE_BIWEEKLY, SCHEDULE_MONTHLY };

struct schedule_rule {
	enum schedule_recurrence recurrence;
	int weekday;       /* 0 = Sunday .. 6 = Saturday */
	int week_of_month; /* monthly: 1..4, or 5 for the last */
	const char *starts_on, *ends_on; /* YYYY-MM-DD, inclusive */
};

struct schedule_break {
	const char *name;
	const char *starts_on, *ends_on; /* inclusive */
};

struct schedule_day {
	char date[11];
	const char *skipped_for; /* NULL when kept; else the break's name */
};

struct schedule_days {
	struct schedule_day *items; /* in date order */
	size_t count;
	size_t kept; /* days not in a break */
};

/* Every day the rule falls on, each marked kept or skipped for a break. Pure
 * computation: no database. out lives in a. */
void schedule_days(const struct schedule_rule *rule, const struct schedule_break *breaks,
		   size_t nbreaks, struct arena *a, struct schedule_days *out);
/* The default calendar's breaks of school year sy ("2026-27") into out[3] (names are
 * constants, dates in a). Returns how many (3), or 0 if sy is not a school year. */
size_t schedule_default_breaks(const char *sy, struct arena *a, struct schedule_break out[3]);

/* The days of a stored schedule with the breaks that apply to it; *source (may be
 * NULL) gets "school_break" or "default calendar". */
int schedule_plan_days(struct store *db, struct arena *a, int64_t schedule_id,
		       struct schedule_days *out, const char **source, struct cn_err *err);

struct schedule_result {
	int64_t schedule_id;
	size_t added, kept, removed, untouched; /* untouched: delivered, cancelled or edited */
	struct schedule_days days;
	const char *breaks_source;
};

/* Generates (or regenerates) the planned sessions of a schedule in one transaction,
 * each created session audited. out lives in a. */
int schedule_generate(struct store *db, const struct actor *who, struct arena *a,
		      int64_t schedule_id, struct schedule_result *out, struct cn_err *err);
/* {"schedule_id":..,"added":..,..,"days":[{"date":..,"skipped_for":..}]} */
void schedule_result_json(struct jw *w, const struct schedule_result *r);

#endif
