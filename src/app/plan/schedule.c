/* schedule: PLC schedules and the planned PD sessions they generate (schedule.h). */
#include "app/plan/schedule.h"

#include <stdio.h>
#include <string.h>

#include "app/delivery/delivery.h"
#include "app/org/org.h"
#include "app/plan/plan.h"
#include "core/timeutil.h"

static const char *const recurrences[] = {"weekly", "biweekly", "monthly", NULL};
static const char *const weekdays[] = {"sunday",   "monday", "tuesday", "wednesday",
				       "thursday", "friday", "saturday", NULL};

static const struct rec_field schedule_fields[] = {
	{.name = "plan_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .help = "the team's plan"},
	{.name = "school_id", .type = REC_REF, .flags = REC_REQUIRED, .ref = &org_entity,
	 .help = "the school whose PLC meets (of the team's district)"},
	{.name = "action_id", .type = REC_REF, .help = "the plan action the sessions carry out"},
	{.name = "recurrence", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = recurrences,
	 .help = "weekly, biweekly (every two weeks) or monthly"},
	{.name = "weekday", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = weekdays,
	 .help = "sunday .. saturday"},
	{.name = "week_of_month", .type = REC_INT, .min = 1, .max = 5,
	 .help = "monthly: 1 first .. 4 fourth, 5 last (e.g. 2 with tuesday: second Tuesday)"},
	{.name = "start_time", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 5,
	 .help = "local start, HH:MM"},
	{.name = "minutes", .type = REC_INT, .flags = REC_REQUIRED, .min = 1,
	 .max = DELIVERY_MINUTES_MAX, .help = "length of each session"},
	{.name = "starts_on", .type = REC_DATE,
	 .help = "first day (default: the school year's first day, else August 1)"},
	{.name = "ends_on", .type = REC_DATE,
	 .help = "last day (default: the school year's last day, else May 31)"},
	{.name = "tz", .type = REC_TZ, .flags = REC_REQUIRED, .def = "America/New_York",
	 .help = "IANA time zone (default America/New_York)"},
	{.name = "pd_format", .type = REC_ENUM, .flags = REC_REQUIRED, .choices = delivery_formats,
	 .def = "plc",
	 .help = "format of the sessions: plc (default), coaching, whole_group, other"},
	{.name = "title", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 200, .def = "PLC",
	 .help = "title of each session (default PLC)"},
};

static const struct rec_filter schedule_filters[] = {
	{.name = "plan_id", .type = REC_REF, .help = "schedules of this plan"},
	{.name = "school_id", .type = REC_REF, .help = "schedules of this school"},
};

/* The plan's team, its district and the plan's school year. */
static const char SQL_PLAN_TEAM[] =
	"SELECT COALESCE(p.team_id, 0), p.is_template, p.school_year, COALESCE(t.district_id, 0)"
	" FROM plan p LEFT JOIN team t ON t.id = p.team_id WHERE p.id = ?1";
static const char SQL_SCHOOL_DISTRICT[] =
	"SELECT COALESCE(parent_id, 0), kind FROM organization WHERE id = ?1";
static const char SQL_ACTION_PLAN[] = "SELECT plan_id FROM plan_action WHERE id = ?1";
/* The most specific school-year calendar: the school's, its district's, statewide. */
static const char SQL_YEAR_SESSION[] =
	"SELECT starts_on, ends_on FROM academic_session"
	" WHERE kind = 'schoolYear' AND school_year = ?1 AND active = 1"
	" AND (org_id IS NULL OR org_id = ?2 OR org_id = ?3)"
	" ORDER BY CASE WHEN org_id = ?2 THEN 0 WHEN org_id = ?3 THEN 1 ELSE 2 END, id LIMIT 1";
static const char SQL_BREAKS[] =
	"SELECT name, starts_on, ends_on FROM school_break"
	" WHERE school_year = ?1 AND (org_id IS NULL OR org_id = ?2 OR org_id = ?3)"
	" ORDER BY starts_on, id";
static const char SQL_SCHED_SESSIONS[] =
	"SELECT id, COALESCE(scheduled_on, held_on), status, version FROM pd_session"
	" WHERE schedule_id = ?1";

struct schedule_ctx {
	int64_t team_id, district_id, school_id;
	const char *school_year;
};

/* Reads the plan's team and school year, and checks the school is the district's. */
static int schedule_context(struct store *db, struct arena *a, const struct rec *r,
			    struct schedule_ctx *ctx, struct cn_err *err)
{
	int64_t plan = rec_int(r, "plan_id");
	struct store_stmt *q = store_prepare(db, SQL_PLAN_TEAM, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, plan);
	int rc = store_step(q, err);
	int is_template = 0;
	if (rc == 1) {
		ctx->team_id = store_col_int(q, 0);
		is_template = (int)store_col_int(q, 1);
		ctx->school_year = store_col_dup(q, 2, a);
		ctx->district_id = store_col_int(q, 3);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return cn_err_field(err, CN_ERR_INPUT, "plan_id", "there is no plan with id %lld",
				    (long long)plan);
	if (is_template || ctx->team_id == 0)
		return cn_err_field(err, CN_ERR_INPUT, "plan_id",
				    "plan %lld is a network template; a PLC schedule belongs to a "
				    "team's own plan",
				    (long long)plan);
	ctx->school_id = rec_int(r, "school_id");
	q = store_prepare(db, SQL_SCHOOL_DISTRICT, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, ctx->school_id);
	rc = store_step(q, err);
	int64_t parent = rc == 1 ? store_col_int(q, 0) : 0;
	int is_school = rc == 1 && strcmp(store_col_text(q, 1), "school") == 0;
	store_done(q);
	if (rc < 0)
		return -1;
	if (!is_school || parent != ctx->district_id)
		return cn_err_field(err, CN_ERR_INPUT, "school_id",
				    "organization %lld is not a school of the plan's district (%lld)",
				    (long long)ctx->school_id, (long long)ctx->district_id);
	return 0;
}

/* Fills starts_on/ends_on left empty from the school year's calendar. */
static int schedule_default_dates(struct store *db, struct arena *a, struct rec *r,
				  const struct schedule_ctx *ctx, struct cn_err *err)
{
	if (!rec_is_null(r, "starts_on") && !rec_is_null(r, "ends_on"))
		return 0;
	char from[11], to[11];
	if (delivery_school_year_bounds(ctx->school_year, from, to))
		return cn_err_field(err, CN_ERR_INPUT, "plan_id", "the plan has no school year");
	const char *first = arena_printf(a, "%.4s-08-01", from);
	const char *last = arena_printf(a, "%.4s-05-31", to);
	struct store_stmt *q = store_prepare(db, SQL_YEAR_SESSION, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, ctx->school_year);
	store_bind_int(q, 2, ctx->school_id);
	store_bind_int(q, 3, ctx->district_id);
	int rc = store_step(q, err);
	if (rc == 1) {
		first = store_col_dup(q, 0, a);
		last = store_col_dup(q, 1, a);
	}
	store_done(q);
	if (rc < 0)
		return -1;
	if (rec_is_null(r, "starts_on") && rec_put_text(r, a, "starts_on", first, err))
		return -1;
	if (rec_is_null(r, "ends_on") && rec_put_text(r, a, "ends_on", last, err))
		return -1;
	return 0;
}

static int schedule_check(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
			  struct cn_err *err)
{
	(void)old;
	struct schedule_ctx ctx;
	if (schedule_context(db, a, r, &ctx, err) ||
	    plan_content_check(db, a, rec_int(r, "plan_id"), err) ||
	    schedule_default_dates(db, a, r, &ctx, err))
		return -1;
	if (time_check_clock(rec_text(r, "start_time"), "start_time", err))
		return -1;
	int monthly = strcmp(rec_text(r, "recurrence"), "monthly") == 0;
	if (monthly && rec_is_null(r, "week_of_month"))
		return cn_err_field(err, CN_ERR_INPUT, "week_of_month",
				    "a monthly schedule needs the week of the month: 1 to 4, or 5 "
				    "for the last (e.g. 2 for the second Tuesday)");
	if (!monthly && !rec_is_null(r, "week_of_month"))
		return cn_err_field(err, CN_ERR_INPUT, "week_of_month",
				    "is only for a monthly schedule");
	char from[11], to[11];
	delivery_school_year_bounds(ctx.school_year, from, to);
	const char *s = rec_text(r, "starts_on"), *e = rec_text(r, "ends_on");
	if (strcmp(s, from) < 0 || strcmp(s, to) > 0)
		return cn_err_field(err, CN_ERR_INPUT, "starts_on",
				    "%s is outside the plan's school year %s (%s to %s)", s,
				    ctx.school_year, from, to);
	if (strcmp(e, from) < 0 || strcmp(e, to) > 0)
		return cn_err_field(err, CN_ERR_INPUT, "ends_on",
				    "%s is outside the plan's school year %s (%s to %s)", e,
				    ctx.school_year, from, to);
	if (strcmp(e, s) < 0)
		return cn_err_field(err, CN_ERR_INPUT, "ends_on", "%s is before the first day %s", e,
				    s);
	int64_t action = rec_int(r, "action_id");
	if (action != 0) {
		struct store_stmt *q = store_prepare(db, SQL_ACTION_PLAN, err);
		if (q == NULL)
			return -1;
		store_bind_int(q, 1, action);
		int rc = store_step(q, err);
		int64_t plan = rc == 1 ? store_col_int(q, 0) : 0;
		store_done(q);
		if (rc < 0)
			return -1;
		if (plan != rec_int(r, "plan_id"))
			return cn_err_field(err, CN_ERR_INPUT, "action_id",
					    rc == 0 ? "there is no plan action with id %lld"
						    : "plan action %lld is not in this plan",
					    (long long)action);
	}
	return 0;
}

/* A schedule is part of its plan: removed only while the plan's content may change. */
static int schedule_check_delete(struct store *db, struct arena *a, const struct rec *old,
				 struct cn_err *err)
{
	return plan_content_check(db, a, rec_int(old, "plan_id"), err);
}

const struct rec_entity plc_schedule_entity = {
	.name = "plc_schedule",
	.plural = "plc-schedules",
	.title = "PLC schedule",
	.fields = schedule_fields,
	.nfields = sizeof(schedule_fields) / sizeof(schedule_fields[0]),
	.filters = schedule_filters,
	.nfilters = sizeof(schedule_filters) / sizeof(schedule_filters[0]),
	.table = "plc_schedule",
	.deletable = 1,
	.check = schedule_check,
	.check_delete = schedule_check_delete,
};

/* Recurrence. */

/* The day number of the n-th (1..4; 5 = last) weekday wd of the month starting at
 * first (a day number of a 1st). */
static long schedule_nth_weekday(long first, int wd, int n)
{
	char date[11];
	time_days_date(first, date);
	int first_wd = time_date_weekday(date);
	long day = first + (wd - first_wd + 7) % 7 + 7L * (n - 1);
	if (n == 5) {
		char next[11];
		time_month_first(date, 1, next);
		long limit = time_date_days(next);
		day = first + (wd - first_wd + 7) % 7 + 28;
		if (day >= limit)
			day -= 7;
	}
	return day;
}

static const char *schedule_break_of(long day, const struct schedule_break *breaks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (day >= time_date_days(breaks[i].starts_on) &&
		    day <= time_date_days(breaks[i].ends_on))
			return breaks[i].name;
	return NULL;
}

static void schedule_push(struct schedule_days *out, size_t *cap, struct arena *a, long day,
			  const struct schedule_break *breaks, size_t nbreaks)
{
	if (out->count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		struct schedule_day *bigger = arena_alloc(a, sizeof(*bigger) * ncap);
		if (out->count)
			memcpy(bigger, out->items, sizeof(*bigger) * out->count);
		out->items = bigger;
		*cap = ncap;
	}
	struct schedule_day *d = &out->items[out->count++];
	time_days_date(day, d->date);
	d->skipped_for = schedule_break_of(day, breaks, nbreaks);
	if (d->skipped_for == NULL)
		out->kept++;
}

void schedule_days(const struct schedule_rule *rule, const struct schedule_break *breaks,
		   size_t nbreaks, struct arena *a, struct schedule_days *out)
{
	memset(out, 0, sizeof(*out));
	size_t cap = 0;
	long start = time_date_days(rule->starts_on), end = time_date_days(rule->ends_on);
	if (start == TIME_BAD_DATE || end == TIME_BAD_DATE || end < start || rule->weekday < 0 ||
	    rule->weekday > 6)
		return;
	if (rule->recurrence == SCHEDULE_MONTHLY) {
		char month[11];
		time_month_first(rule->starts_on, 0, month);
		for (int k = 0; k < 1200; k++) {
			char m[11];
			time_month_first(month, k, m);
			long first = time_date_days(m);
			if (first > end)
				break;
			long day = schedule_nth_weekday(first, rule->weekday, rule->week_of_month);
			if (day >= start && day <= end)
				schedule_push(out, &cap, a, day, breaks, nbreaks);
		}
		return;
	}
	int step = rule->recurrence == SCHEDULE_BIWEEKLY ? 14 : 7;
	long day = start + (rule->weekday - time_date_weekday(rule->starts_on) + 7) % 7;
	for (; day <= end; day += step)
		schedule_push(out, &cap, a, day, breaks, nbreaks);
}

size_t schedule_default_breaks(const char *sy, struct arena *a, struct schedule_break out[3])
{
	char from[11], to[11];
	if (delivery_school_year_bounds(sy, from, to))
		return 0;
	/* Thanksgiving is the fourth Thursday of November. */
	char nov[11];
	memcpy(nov, from, 5);
	memcpy(nov + 5, "11-01", 6);
	long thanks = schedule_nth_weekday(time_date_days(nov), 4, 4);
	char d1[11], d2[11];
	time_days_date(thanks - 1, d1);
	time_days_date(thanks + 1, d2);
	out[0] = (struct schedule_break){"Thanksgiving break", arena_strdup(a, d1),
					 arena_strdup(a, d2)};
	out[1] = (struct schedule_break){"Winter break", arena_printf(a, "%.4s-12-21", from),
					 arena_printf(a, "%.4s-01-01", to)};
	char apr[11];
	memcpy(apr, to, 5);
	memcpy(apr + 5, "04-01", 6);
	long monday = schedule_nth_weekday(time_date_days(apr), 1, 1);
	time_days_date(monday, d1);
	time_days_date(monday + 4, d2);
	out[2] = (struct schedule_break){"Spring break", arena_strdup(a, d1), arena_strdup(a, d2)};
	return 3;
}

static int schedule_weekday_index(const char *name)
{
	for (int i = 0; weekdays[i] != NULL; i++)
		if (strcmp(weekdays[i], name) == 0)
			return i;
	return -1;
}

/* The breaks that apply to the schedule: stored ones, else the default calendar. */
static int schedule_breaks(struct store *db, struct arena *a, const struct schedule_ctx *ctx,
			   struct schedule_break **out, size_t *n, const char **source,
			   struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_BREAKS, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, ctx->school_year);
	store_bind_int(q, 2, ctx->school_id);
	store_bind_int(q, 3, ctx->district_id);
	size_t cap = 8;
	*out = arena_alloc(a, sizeof(**out) * cap);
	*n = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		if (*n == cap) {
			struct schedule_break *bigger = arena_alloc(a, sizeof(**out) * cap * 2);
			memcpy(bigger, *out, sizeof(**out) * cap);
			*out = bigger;
			cap *= 2;
		}
		(*out)[*n].name = store_col_dup(q, 0, a);
		(*out)[*n].starts_on = store_col_dup(q, 1, a);
		(*out)[*n].ends_on = store_col_dup(q, 2, a);
		(*n)++;
	}
	store_done(q);
	if (rc < 0)
		return -1;
	*source = "school_break";
	if (*n == 0) {
		*n = schedule_default_breaks(ctx->school_year, a, *out);
		*source = "default calendar";
	}
	return 0;
}

static int schedule_load(struct store *db, struct arena *a, int64_t schedule_id, struct rec **s,
			 struct schedule_ctx *ctx, struct schedule_days *days,
			 const char **source, struct cn_err *err)
{
	if (rec_get(db, a, &plc_schedule_entity, schedule_id, s, err) ||
	    schedule_context(db, a, *s, ctx, err))
		return -1;
	struct schedule_break *breaks = NULL;
	size_t nbreaks = 0;
	const char *src = NULL;
	if (schedule_breaks(db, a, ctx, &breaks, &nbreaks, &src, err))
		return -1;
	const char *rec = rec_text(*s, "recurrence");
	struct schedule_rule rule = {
		.recurrence = strcmp(rec, "weekly") == 0     ? SCHEDULE_WEEKLY
			      : strcmp(rec, "biweekly") == 0 ? SCHEDULE_BIWEEKLY
							     : SCHEDULE_MONTHLY,
		.weekday = schedule_weekday_index(rec_text(*s, "weekday")),
		.week_of_month = (int)rec_int(*s, "week_of_month"),
		.starts_on = rec_text(*s, "starts_on"),
		.ends_on = rec_text(*s, "ends_on"),
	};
	schedule_days(&rule, breaks, nbreaks, a, days);
	if (source != NULL)
		*source = src;
	return 0;
}

int schedule_plan_days(struct store *db, struct arena *a, int64_t schedule_id,
		       struct schedule_days *out, const char **source, struct cn_err *err)
{
	struct rec *s = NULL;
	struct schedule_ctx ctx;
	return schedule_load(db, a, schedule_id, &s, &ctx, out, source, err);
}

/* Creates the planned session of one day. */
static int schedule_add_session(struct store *db, const struct actor *who, struct arena *a,
				const struct rec *s, const struct schedule_ctx *ctx,
				const char *date, struct cn_err *err)
{
	struct rec *r = rec_new(a, &pd_session_entity);
	if (rec_put_int(r, "team_id", ctx->team_id, err) ||
	    rec_put_int(r, "school_id", ctx->school_id, err) ||
	    (!rec_is_null(s, "action_id") &&
	     rec_put_int(r, "action_id", rec_int(s, "action_id"), err)) ||
	    rec_put_int(r, "schedule_id", s->id, err) ||
	    rec_put_text(r, a, "scheduled_on", date, err) ||
	    rec_put_text(r, a, "title", rec_text(s, "title"), err) ||
	    rec_put_text(r, a, "held_on", date, err) ||
	    rec_put_text(r, a, "start_time", rec_text(s, "start_time"), err) ||
	    rec_put_text(r, a, "tz", rec_text(s, "tz"), err) ||
	    rec_put_int(r, "minutes", rec_int(s, "minutes"), err) ||
	    rec_put_text(r, a, "pd_format", rec_text(s, "pd_format"), err) ||
	    rec_put_text(r, a, "status", "planned", err))
		return -1;
	return rec_create(db, who, a, r, err);
}

int schedule_generate(struct store *db, const struct actor *who, struct arena *a,
		      int64_t schedule_id, struct schedule_result *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	out->schedule_id = schedule_id;
	if (store_begin(db, err))
		return -1;
	struct rec *s = NULL;
	struct schedule_ctx ctx;
	if (schedule_load(db, a, schedule_id, &s, &ctx, &out->days, &out->breaks_source, err))
		goto fail;
	/* Sessions already generated: kept if still on a schedule day, removed if planned,
	 * never edited (version 1) and no longer on one; anything else is left alone. */
	unsigned char *have = arena_alloc(a, out->days.count + 1);
	struct store_stmt *q = store_prepare(db, SQL_SCHED_SESSIONS, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, schedule_id);
	size_t ncap = 16, nremove = 0;
	int64_t *remove = arena_alloc(a, sizeof(int64_t) * ncap);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		const char *held = store_col_text(q, 1);
		int on_day = 0;
		for (size_t i = 0; i < out->days.count; i++)
			if (out->days.items[i].skipped_for == NULL &&
			    strcmp(out->days.items[i].date, held) == 0) {
				have[i] = 1;
				on_day = 1;
			}
		int pristine = strcmp(store_col_text(q, 2), "planned") == 0 &&
			       store_col_int(q, 3) == 1;
		if (on_day && pristine) {
			out->kept++;
		} else if (pristine) {
			if (nremove == ncap) {
				int64_t *bigger = arena_alloc(a, sizeof(int64_t) * ncap * 2);
				memcpy(bigger, remove, sizeof(int64_t) * ncap);
				remove = bigger;
				ncap *= 2;
			}
			remove[nremove++] = store_col_int(q, 0);
		} else {
			out->untouched++;
		}
	}
	store_done(q);
	if (rc < 0)
		goto fail;
	for (size_t i = 0; i < nremove; i++)
		if (rec_delete(db, who, a, &pd_session_entity, remove[i], 0, err))
			goto fail;
	out->removed = nremove;
	for (size_t i = 0; i < out->days.count; i++) {
		if (out->days.items[i].skipped_for != NULL || have[i])
			continue;
		if (schedule_add_session(db, who, a, s, &ctx, out->days.items[i].date, err))
			goto fail;
		out->added++;
	}
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

void schedule_result_json(struct jw *w, const struct schedule_result *r)
{
	jw_obj_begin(w);
	jw_kv_int(w, "schedule_id", r->schedule_id);
	jw_kv_int(w, "added", (int64_t)r->added);
	jw_kv_int(w, "kept", (int64_t)r->kept);
	jw_kv_int(w, "removed", (int64_t)r->removed);
	jw_kv_int(w, "untouched", (int64_t)r->untouched);
	jw_kv_str(w, "breaks_from", r->breaks_source);
	jw_key(w, "days");
	jw_arr_begin(w);
	for (size_t i = 0; i < r->days.count; i++) {
		jw_obj_begin(w);
		jw_kv_str(w, "date", r->days.items[i].date);
		jw_kv_str(w, "skipped_for", r->days.items[i].skipped_for);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}
