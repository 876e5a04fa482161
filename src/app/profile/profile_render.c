/* profile_render: the capacity-building profile as JSON (API, CLI) and as flat tables
 * (CSV, spreadsheets). Declared in profile.h. */
#include <math.h>
#include <string.h>

#include "app/profile/profile.h"
#include "io/table_write.h"

static void evidence_json(struct jw *w, const struct profile_evidence *e)
{
	jw_obj_begin(w);
	jw_kv_str(w, "entity", e->entity);
	jw_kv_int(w, "id", e->id);
	jw_kv_str(w, "title", e->title);
	jw_kv_str(w, "date", e->date);
	jw_kv_str(w, "value", e->value);
	jw_key(w, "number");
	if (e->has_number)
		jw_double(w, e->number);
	else
		jw_null(w);
	jw_kv_bool(w, "counts", e->counts);
	jw_key(w, "guskey_level");
	if (e->guskey_level)
		jw_int(w, e->guskey_level);
	else
		jw_null(w);
	jw_kv_str(w, "note", e->note);
	jw_obj_end(w);
}

static void component_json(struct jw *w, const struct profile_component *c)
{
	jw_obj_begin(w);
	jw_kv_str(w, "key", c->key);
	jw_kv_str(w, "title", c->title);
	jw_kv_bool(w, "measured", c->measured);
	jw_kv_int(w, "numerator", c->numerator);
	jw_kv_int(w, "denominator", c->denominator);
	jw_key(w, "share");
	if (c->measured)
		jw_double(w, round(c->share * 1000.0) / 1000.0);
	else
		jw_null(w);
	jw_kv_str(w, "summary", c->summary);
	jw_key(w, "guskey_level");
	if (c->guskey_level)
		jw_int(w, c->guskey_level);
	else
		jw_null(w);
	jw_kv_str(w, "guskey_label", profile_guskey_label(c->guskey_level));
	jw_key(w, "metrics");
	jw_obj_begin(w);
	for (size_t i = 0; i < c->nmetrics; i++)
		jw_kv_double(w, c->metrics[i].name, c->metrics[i].value);
	jw_obj_end(w);
	jw_key(w, "evidence");
	jw_arr_begin(w);
	for (size_t i = 0; i < c->nevidence; i++)
		evidence_json(w, &c->evidence[i]);
	jw_arr_end(w);
	jw_obj_end(w);
}

void profile_json(struct jw *w, const struct profile *p)
{
	jw_obj_begin(w);
	jw_kv_int(w, "team_id", p->team_id);
	jw_kv_str(w, "team", p->team_name);
	jw_kv_int(w, "district_id", p->district_id);
	jw_kv_str(w, "district", p->district_name);
	jw_kv_int(w, "network_id", p->network_id);
	jw_kv_str(w, "network", p->network_name);
	jw_kv_str(w, "school_year", p->school_year);
	jw_key(w, "plan");
	if (p->plan_id == 0) {
		jw_null(w);
	} else {
		jw_obj_begin(w);
		jw_kv_int(w, "id", p->plan_id);
		jw_kv_str(w, "title", p->plan_title);
		jw_kv_id(w, "template_id", p->template_id);
		jw_obj_end(w);
	}
	jw_key(w, "components");
	jw_arr_begin(w);
	for (int k = 0; k < PROFILE_KIND_COUNT; k++)
		component_json(w, &p->c[k]);
	jw_arr_end(w);
	jw_key(w, "train_the_trainer");
	jw_obj_begin(w);
	jw_kv_bool(w, "flagged", p->train_the_trainer.flagged);
	jw_kv_str(w, "reason", p->train_the_trainer.reason);
	jw_obj_end(w);
	jw_obj_end(w);
}

void profile_network_json(struct jw *w, const struct profile_network *n)
{
	jw_obj_begin(w);
	jw_kv_int(w, "network_id", n->network_id);
	jw_kv_str(w, "network", n->name);
	jw_kv_str(w, "school_year", n->school_year);
	jw_key(w, "thresholds");
	jw_obj_begin(w);
	jw_kv_double(w, "similarity_duplicate_min", n->thresholds.duplicate_min);
	jw_kv_double(w, "similarity_new_below", n->thresholds.new_below);
	jw_kv_int(w, "few_months", PROFILE_FEW_MONTHS);
	jw_obj_end(w);
	jw_kv_int(w, "flagged_teams", (int64_t)n->flagged);
	jw_key(w, "teams");
	jw_arr_begin(w);
	for (size_t i = 0; i < n->count; i++)
		profile_json(w, &n->teams[i]);
	jw_arr_end(w);
	jw_obj_end(w);
}

static const char *const team_columns[] = {
	"team_id",     "team",	       "district_id",  "district",	    "plan_id",
	"grounded",    "customized",   "created",      "collaborative", "job_embedded",
	"months",      "in_classrooms", "on_track",     "train_the_trainer", "reason", NULL};
static const char *const component_columns[] = {
	"team_id",     "team",	      "component", "measured", "numerator", "denominator",
	"share",       "guskey_level", "summary",   NULL};
static const char *const evidence_columns[] = {
	"team_id", "team",   "component", "entity", "id",	   "title", "date",
	"value",   "number", "counts",    "guskey_level", "note", NULL};

static void share_cell(struct table *t, const struct profile_component *c)
{
	if (c->measured)
		table_number(t, round(c->share * 1000.0) / 1000.0);
	else
		table_empty(t);
}

static void level_cell(struct table *t, int level)
{
	if (level)
		table_int(t, level);
	else
		table_empty(t);
}

struct table *profile_table(struct arena *a, const struct profile *teams, size_t n,
			    enum profile_view view)
{
	static const char *const names[PROFILE_VIEW_COUNT] = {"Teams", "Components", "Evidence"};
	const char *const *cols = view == PROFILE_VIEW_TEAMS	    ? team_columns
				  : view == PROFILE_VIEW_COMPONENTS ? component_columns
								    : evidence_columns;
	struct table *t = table_new(a, names[view], cols);
	for (size_t i = 0; i < n; i++) {
		const struct profile *p = &teams[i];
		if (view == PROFILE_VIEW_TEAMS) {
			table_row(t);
			table_int(t, p->team_id);
			table_text(t, p->team_name);
			table_int(t, p->district_id);
			table_text(t, p->district_name);
			if (p->plan_id)
				table_int(t, p->plan_id);
			else
				table_empty(t);
			for (int k = 0; k <= PROFILE_JOB_EMBEDDED; k++)
				share_cell(t, &p->c[k]);
			const struct profile_component *je = &p->c[PROFILE_JOB_EMBEDDED];
			int64_t months = 0;
			for (size_t m = 0; m < je->nmetrics; m++)
				if (strcmp(je->metrics[m].name, "months") == 0)
					months = (int64_t)je->metrics[m].value;
			table_int(t, months);
			share_cell(t, &p->c[PROFILE_IN_CLASSROOMS]);
			share_cell(t, &p->c[PROFILE_ON_TRACK]);
			table_text(t, p->train_the_trainer.flagged ? "yes" : "no");
			table_text(t, p->train_the_trainer.reason);
			continue;
		}
		for (int k = 0; k < PROFILE_KIND_COUNT; k++) {
			const struct profile_component *c = &p->c[k];
			if (view == PROFILE_VIEW_COMPONENTS) {
				table_row(t);
				table_int(t, p->team_id);
				table_text(t, p->team_name);
				table_text(t, c->key);
				table_text(t, c->measured ? "yes" : "no");
				table_int(t, c->numerator);
				table_int(t, c->denominator);
				share_cell(t, c);
				level_cell(t, c->guskey_level);
				table_text(t, c->summary);
				continue;
			}
			for (size_t e = 0; e < c->nevidence; e++) {
				const struct profile_evidence *ev = &c->evidence[e];
				table_row(t);
				table_int(t, p->team_id);
				table_text(t, p->team_name);
				table_text(t, c->key);
				table_text(t, ev->entity);
				table_int(t, ev->id);
				table_text(t, ev->title);
				table_text(t, ev->date);
				table_text(t, ev->value);
				if (ev->has_number)
					table_number(t, ev->number);
				else
					table_empty(t);
				table_text(t, ev->counts ? "yes" : "no");
				level_cell(t, ev->guskey_level);
				table_text(t, ev->note);
			}
		}
	}
	return t;
}

int profile_report(struct arena *a, const struct profile *teams, size_t n, const char *format,
		   enum profile_view view, struct buf *out, struct cn_err *err)
{
	if (strcmp(format, "csv") == 0) {
		const struct table *t = profile_table(a, teams, n, view);
		table_csv(&t, 1, out);
		return 0;
	}
	if (strcmp(format, "xlsx") != 0)
		return cn_err_field(err, CN_ERR_INPUT, "format", "'%.20s' is not one of: csv, xlsx",
				    format);
	const struct table *tables[PROFILE_VIEW_COUNT];
	for (int v = 0; v < PROFILE_VIEW_COUNT; v++)
		tables[v] = profile_table(a, teams, n, (enum profile_view)v);
	return table_xlsx(tables, PROFILE_VIEW_COUNT, out, err);
}
