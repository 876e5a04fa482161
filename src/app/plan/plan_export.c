/* plan_export: builds the export from the plan view (app/plan/plan_view.h): tables for CSV
 * and XLSX (io/table.h), a laid-out document for PDF (io/pdf_doc.h). */
#include "app/plan/plan_export.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app/assessment/instrument.h"
#include "app/plan/plan.h"
#include "app/plan/plan_kar.h"
#include "app/plan/plan_view.h"
#include "core/timeutil.h"
#include "io/pdf_doc.h"
#include "io/table_write.h"

static const char *const plan_cols[] = {"plan_id",	"title",    "district", "network",
					"school_year", "status",   "version",  "template",
					"assessment_id", NULL};
static const char *const goal_cols[] = {"goal_id",  "position", "title",   "baseline",
					"target",   "deadline", "measure", "needs",
					"progress", "checked_on", NULL};
static const char *const need_cols[] = {"goal_id",	  "assessment_id", "school_year", "code",
					"standard",	  "capacity_level", "current_level",
					"target_level", "priority",	    "indicator", NULL};
static const char *const action_cols[] = {"action_id", "goal_id", "kind",   "title", "owner",
					  "starts_on", "due_on",  "status", "links", NULL};
static const char *const progress_cols[] = {"check_id", "goal_id",    "checked_on",
					    "status",   "guskey_level", "evidence",
					    "next_steps", NULL};

int plan_export_format_parse(const char *s, enum plan_export_format *out, struct cn_err *err)
{
	static const char *const names[] = {"csv", "xlsx", "pdf"};
	for (int i = 0; i < 3; i++)
		if (s != NULL && strcasecmp(s, names[i]) == 0) {
			*out = (enum plan_export_format)i;
			return 0;
		}
	return cn_err_field(err, CN_ERR_INPUT, "format", "'%s' is not one of: csv, xlsx, pdf",
			    s ? s : "");
}

const char *plan_export_media_type(enum plan_export_format f)
{
	switch (f) {
	case PLAN_EXPORT_CSV:
		return "text/csv; charset=utf-8";
	case PLAN_EXPORT_XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	case PLAN_EXPORT_PDF:
		return "application/pdf";
	}
	return "application/octet-stream";
}

const char *plan_export_extension(enum plan_export_format f)
{
	return f == PLAN_EXPORT_CSV ? "csv" : f == PLAN_EXPORT_XLSX ? "xlsx" : "pdf";
}

static void plan_export_id(struct table *t, const char *col, int64_t id)
{
	if (id != 0)
		table_set_number(t, col, (double)id);
}

/* The five tables of a plan, in a. */
static void plan_export_tables(struct arena *a, const struct plan_full *p,
			       struct table *out[5])
{
	const struct rec *r = p->plan;
	struct table *t = out[0] = table_new(a, "plan", plan_cols);
	table_row(t);
	table_set_number(t, "plan_id", (double)r->id);
	table_set_text(t, "title", rec_text(r, "title"));
	table_set_text(t, "district", p->district_name);
	table_set_text(t, "network", p->network_name);
	table_set_text(t, "school_year", rec_text(r, "school_year"));
	table_set_text(t, "status", rec_text(r, "status"));
	plan_export_id(t, "version", p->latest_version);
	table_set_text(t, "template", p->template_title);
	plan_export_id(t, "assessment_id", rec_int(r, "assessment_id"));
	struct table *goals = out[1] = table_new(a, "goals", goal_cols);
	struct table *needs = out[2] = table_new(a, "needs", need_cols);
	struct table *checks = out[4] = table_new(a, "progress", progress_cols);
	for (size_t i = 0; i < p->ngoals; i++) {
		const struct plan_goal_full *g = &p->goals[i];
		const struct plan_progress *last = plan_view_latest(g);
		table_row(goals);
		table_set_number(goals, "goal_id", (double)g->goal->id);
		table_set_number(goals, "position", (double)rec_int(g->goal, "position"));
		table_set_text(goals, "title", rec_text(g->goal, "title"));
		table_set_text(goals, "baseline", rec_text(g->goal, "baseline"));
		table_set_text(goals, "target", rec_text(g->goal, "target"));
		table_set_text(goals, "deadline", rec_text(g->goal, "deadline"));
		table_set_text(goals, "measure", rec_text(g->goal, "measure"));
		table_set_text(goals, "needs", plan_view_needs_text(a, g));
		table_set_text(goals, "progress", last ? last->status : NULL);
		table_set_text(goals, "checked_on", last ? last->checked_on : NULL);
		for (size_t k = 0; k < g->nneeds; k++) {
			const struct plan_need *n = &g->needs[k];
			table_row(needs);
			table_set_number(needs, "goal_id", (double)g->goal->id);
			table_set_number(needs, "assessment_id", (double)n->assessment_id);
			table_set_text(needs, "school_year", n->school_year);
			table_set_text(needs, "code", n->code);
			table_set_text(needs, "standard", instrument_standard_title(n->standard));
			table_set_text(needs, "capacity_level", n->capacity_level);
			plan_export_id(needs, "current_level", n->current_level);
			plan_export_id(needs, "target_level", n->target_level);
			table_set_text(needs, "priority", n->priority);
			table_set_text(needs, "indicator", n->text);
		}
		for (size_t k = 0; k < g->nprogress; k++) {
			const struct plan_progress *c = &g->progress[k];
			table_row(checks);
			table_set_number(checks, "check_id", (double)c->id);
			table_set_number(checks, "goal_id", (double)g->goal->id);
			table_set_text(checks, "checked_on", c->checked_on);
			table_set_text(checks, "status", c->status);
			plan_export_id(checks, "guskey_level", c->guskey_level);
			table_set_text(checks, "evidence", c->evidence);
			table_set_text(checks, "next_steps", c->next_steps);
		}
	}
	struct table *acts = out[3] = table_new(a, "actions", action_cols);
	for (size_t i = 0; i < p->nactions; i++) {
		const struct plan_action_full *act = &p->actions[i];
		const struct rec *ar = act->action;
		table_row(acts);
		table_set_number(acts, "action_id", (double)ar->id);
		plan_export_id(acts, "goal_id", rec_int(ar, "goal_id"));
		table_set_text(acts, "kind", rec_text(ar, "kind"));
		table_set_text(acts, "title", rec_text(ar, "title"));
		table_set_text(acts, "owner", act->owner);
		table_set_text(acts, "starts_on", rec_text(ar, "starts_on"));
		table_set_text(acts, "due_on", rec_text(ar, "due_on"));
		table_set_text(acts, "status", rec_text(ar, "status"));
		table_set_text(acts, "links", plan_view_links_text(a, act));
	}
}

/* PDF. */

static const char *plan_export_dates(struct arena *a, const struct rec *act)
{
	const char *s = rec_text(act, "starts_on"), *d = rec_text(act, "due_on");
	if (s && d)
		return arena_printf(a, "%s to %s", s, d);
	if (d)
		return arena_printf(a, "due %s", d);
	return s ? arena_printf(a, "from %s", s) : "";
}

static void plan_export_title_block(struct arena *a, struct pdf_doc *d, const struct plan_full *p)
{
	const struct rec *r = p->plan;
	char today[TIME_ISO_LEN];
	time_now_utc(today);
	today[10] = '\0';
	pdf_doc_title(d, rec_text(r, "title"));
	if (rec_int(r, "is_template"))
		pdf_doc_field(d, "Network template of", p->network_name);
	else
		pdf_doc_field(d, "District", p->district_name);
	pdf_doc_field(d, "Network",
		      arena_printf(a, "%s (%s)", p->network_name, p->content_area));
	pdf_doc_field(d, "School year", rec_text(r, "school_year"));
	pdf_doc_field(d, "Status", rec_text(r, "status"));
	pdf_doc_field(d, "Version",
		      p->latest_version ? arena_printf(a, "%lld", (long long)p->latest_version)
					: "no version saved yet");
	if (p->template_title)
		pdf_doc_field(d, "Started from template", p->template_title);
	pdf_doc_field(d, "Printed", today);
}

static void plan_export_goal(struct arena *a, struct pdf_doc *d, const struct plan_goal_full *g,
			     size_t n)
{
	const struct rec *r = g->goal;
	pdf_doc_subheading(d, arena_printf(a, "Goal %zu. %s", n, rec_text(r, "title")));
	pdf_doc_field(d, "Baseline", rec_text(r, "baseline"));
	pdf_doc_field(d, "Target", rec_text(r, "target"));
	pdf_doc_field(d, "Deadline", rec_text(r, "deadline"));
	pdf_doc_field(d, "Measure", rec_text(r, "measure"));
	char *needs = NULL;
	for (size_t k = 0; k < g->nneeds; k++) {
		const struct plan_need *need = &g->needs[k];
		/* A goal started from the need already carries its text in the title. */
		int in_title = strstr(rec_text(r, "title"), need->code) != NULL;
		char *one = arena_printf(a, "%s - %s%s%s", plan_view_need_text(a, need),
					 instrument_standard_title(need->standard),
					 in_title ? "" : ": ", in_title ? "" : need->text);
		needs = needs ? arena_printf(a, "%s\n%s", needs, one) : one;
	}
	pdf_doc_field(d, "Linked needs", needs ? needs : "none linked yet");
	const struct plan_progress *last = plan_view_latest(g);
	if (last == NULL) {
		pdf_doc_field(d, "Latest progress", "not checked yet");
		return;
	}
	pdf_doc_field(d, "Latest progress",
		      arena_printf(a, "%s on %s%s%s", last->status, last->checked_on,
				   last->evidence ? ". Evidence: " : "",
				   last->evidence ? last->evidence : ""));
	if (last->next_steps)
		pdf_doc_field(d, "Next steps", last->next_steps);
}

static void plan_export_actions(struct arena *a, struct pdf_doc *d, const struct plan_full *p)
{
	pdf_doc_heading(d, "Actions");
	if (p->nactions == 0) {
		pdf_doc_text(d, "No actions yet.");
		return;
	}
	static const double widths[] = {0.06, 0.40, 0.14, 0.14, 0.16, 0.10};
	static const char *const head[] = {"#", "Action", "Kind", "Owner", "Dates", "Status"};
	pdf_doc_table(d, 6, widths, head);
	for (size_t i = 0; i < p->nactions; i++) {
		const struct plan_action_full *act = &p->actions[i];
		const struct rec *r = act->action;
		char *what = arena_strdup(a, rec_text(r, "title"));
		int64_t goal = rec_int(r, "goal_id");
		for (size_t k = 0; k < p->ngoals && goal; k++)
			if (p->goals[k].goal->id == goal)
				what = arena_printf(a, "%s\n(goal %zu)", what, k + 1);
		for (size_t k = 0; k < act->nlinks; k++)
			what = arena_printf(a, "%s\n- %s", what,
					    plan_view_link_text(a, &act->links[k]));
		const char *cells[] = {arena_printf(a, "%zu", i + 1), what, rec_text(r, "kind"),
				       act->owner ? act->owner : "",
				       plan_export_dates(a, r), rec_text(r, "status")};
		pdf_doc_row(d, cells);
	}
}

static int plan_export_kar(struct store *db, struct arena *a, struct policy *reader,
			   struct pdf_doc *d, const struct plan_full *p, struct cn_err *err)
{
	if (rec_int(p->plan, "is_template"))
		return 0;
	struct plan_kar k;
	if (plan_kar_evidence(db, a, reader, p->plan->id, &k, err))
		return -1;
	pdf_doc_heading(d, "How the plan meets 704 KAR 3:035");
	pdf_doc_text(d, "Each expectation with the records that show it; a reader judges.");
	static const double widths[] = {0.26, 0.14, 0.60};
	static const char *const head[] = {"Expectation", "Status", "Records"};
	pdf_doc_table(d, 3, widths, head);
	for (size_t i = 0; i < KAR_COUNT; i++) {
		const struct plan_kar_item *it = &k.items[i];
		char *recs = arena_strdup(a, it->count ? "" : "none");
		size_t shown = it->count < 4 ? it->count : 4;
		for (size_t r = 0; r < shown; r++)
			recs = arena_printf(a, "%s%s- %s", recs, r ? "\n" : "",
					    it->records[r].text);
		if (it->count > shown)
			recs = arena_printf(a, "%s\nand %zu more", recs, it->count - shown);
		recs = arena_printf(a, "%s\nCannot show: %s", recs, it->limits);
		const char *cells[] = {it->title, it->status, recs};
		pdf_doc_row(d, cells);
	}
	return 0;
}

static int plan_export_pdf(struct store *db, struct arena *a, struct policy *reader,
			   const struct plan_full *p, struct buf *out, int *pages,
			   struct cn_err *err)
{
	const char *who = p->district_name ? p->district_name : p->network_name;
	struct pdf_doc *d = pdf_doc_new(
		rec_text(p->plan, "title"),
		arena_printf(a, "%s, %s, %s", who, rec_text(p->plan, "school_year"),
			     p->latest_version ? arena_printf(a, "version %lld",
							      (long long)p->latest_version)
					       : "unsaved draft"));
	plan_export_title_block(a, d, p);
	pdf_doc_heading(d, "Goals");
	if (p->ngoals == 0)
		pdf_doc_text(d, "No goals yet.");
	for (size_t i = 0; i < p->ngoals; i++)
		plan_export_goal(a, d, &p->goals[i], i + 1);
	plan_export_actions(a, d, p);
	int rc = plan_export_kar(db, a, reader, d, p, err);
	if (rc == 0)
		rc = pdf_doc_render(d, out, pages, err);
	pdf_doc_free(d);
	return rc;
}

int plan_export(struct store *db, int64_t plan_id, struct policy *reader,
		enum plan_export_format f, struct buf *out, int *pages, struct cn_err *err)
{
	if (pages != NULL)
		*pages = 0;
	struct arena *a = arena_new();
	struct plan_full p;
	int rc = plan_view_load(db, a, plan_id, &p, err);
	if (rc == 0 && reader != NULL)
		rc = plan_view_hide(&p, reader, err);
	if (rc == 0 && f == PLAN_EXPORT_PDF) {
		rc = plan_export_pdf(db, a, reader, &p, out, pages, err);
	} else if (rc == 0) {
		struct table *tables[5];
		plan_export_tables(a, &p, tables);
		const struct table *const *list = (const struct table *const *)tables;
		if (f == PLAN_EXPORT_CSV)
			table_csv(list, 5, out);
		else
			rc = table_xlsx(list, 5, out, err);
	}
	arena_free(a);
	return rc;
}
