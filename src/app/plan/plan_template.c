/* plan_template: copying a network template into a district's plan, and measuring
 * the plan's departure from it. Both read the plans through plan_view, so that what is
 * copied and what is compared are the same fields people see. */
#include "app/plan/plan_template.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "app/plan/plan.h"
#include "app/plan/plan_view.h"
#include "app/network/team.h"

/* Copies the named text fields from src onto r (null stays null). */
static int plan_template_copy_fields(struct rec *r, struct arena *a, const struct rec *src,
				     const char *const *fields, struct cn_err *err)
{
	for (size_t i = 0; fields[i] != NULL; i++) {
		const char *v = rec_text(src, fields[i]);
		if (v != NULL && rec_put_text(r, a, fields[i], v, err))
			return -1;
	}
	return 0;
}

static const char *const goal_fields[] = {"title", "baseline", "target", "deadline", "measure",
					  NULL};
static const char *const action_fields[] = {"kind", "title", "starts_on", "due_on", NULL};
/* What a goal or an action sets out to do: departure compares these, never dates,
 * owners or status (the plan being carried out), and the title only when its words
 * change (plan_template_reworded). */
static const char *const goal_substance[] = {"target", "measure", NULL};
static const char *const action_substance[] = {"kind", NULL};

int plan_template_start(struct store *db, const struct actor *who, int64_t template_id,
			int64_t team_id, const char *title, int64_t *plan_id, struct cn_err *err)
{
	struct arena *a = arena_new();
	if (store_begin(db, err))
		goto fail_arena;
	struct plan_full t;
	struct rec *team = NULL;
	if (plan_view_load(db, a, template_id, &t, err)) {
		if (err->kind == CN_ERR_NOT_FOUND)
			cn_err_field(err, CN_ERR_INPUT, "template_id",
				     "there is no plan with id %lld", (long long)template_id);
		goto fail;
	}
	if (!rec_int(t.plan, "is_template")) {
		cn_err_field(err, CN_ERR_INPUT, "template_id",
			     "plan %lld is a district's plan, not a network template",
			     (long long)template_id);
		goto fail;
	}
	if (rec_get(db, a, &team_entity, team_id, &team, err)) {
		if (err->kind == CN_ERR_NOT_FOUND)
			cn_err_field(err, CN_ERR_INPUT, "team_id", "there is no team with id %lld",
				     (long long)team_id);
		goto fail;
	}
	if (rec_int(team, "network_id") != rec_int(t.plan, "network_id")) {
		cn_err_field(err, CN_ERR_INPUT, "template_id",
			     "template %lld belongs to network %lld; team %lld is in network %lld",
			     (long long)template_id, (long long)rec_int(t.plan, "network_id"),
			     (long long)team_id, (long long)rec_int(team, "network_id"));
		goto fail;
	}
	struct rec *plan = rec_new(a, &plan_entity);
	if (rec_put_int(plan, "team_id", team_id, err) ||
	    rec_put_int(plan, "template_id", template_id, err) ||
	    (title != NULL && rec_set_text(plan, a, "title", title, err)) ||
	    rec_create(db, who, a, plan, err))
		goto fail;
	int64_t *goal_map = arena_alloc(a, sizeof(int64_t) * (t.ngoals + 1));
	for (size_t i = 0; i < t.ngoals; i++) {
		const struct rec *src = t.goals[i].goal;
		struct rec *g = rec_new(a, &plan_goal_entity);
		if (rec_put_int(g, "plan_id", plan->id, err) ||
		    plan_template_copy_fields(g, a, src, goal_fields, err) ||
		    rec_put_int(g, "template_goal_id", src->id, err) ||
		    rec_create(db, who, a, g, err))
			goto fail;
		goal_map[i] = g->id;
	}
	for (size_t i = 0; i < t.nactions; i++) {
		const struct plan_action_full *src = &t.actions[i];
		struct rec *act = rec_new(a, &plan_action_entity);
		int64_t goal = rec_int(src->action, "goal_id");
		for (size_t k = 0; k < t.ngoals && goal != 0; k++)
			if (t.goals[k].goal->id == goal &&
			    rec_put_int(act, "goal_id", goal_map[k], err))
				goto fail;
		if (rec_put_int(act, "plan_id", plan->id, err) ||
		    plan_template_copy_fields(act, a, src->action, action_fields, err) ||
		    rec_put_int(act, "template_action_id", src->action->id, err) ||
		    rec_create(db, who, a, act, err))
			goto fail;
		for (size_t k = 0; k < src->nlinks; k++) {
			const struct plan_link *l = &src->links[k];
			int lib = strcmp(l->kind, "library_item") == 0;
			if (plan_action_link(db, who, act->id, lib ? l->id : 0, lib ? 0 : l->id,
					     err))
				goto fail;
		}
	}
	if (store_commit(db, err))
		goto fail_arena;
	*plan_id = plan->id;
	arena_free(a);
	return 0;
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}

/* Departure. */

static int plan_template_same(const char *x, const char *y)
{
	if (x == NULL || y == NULL)
		return x == y;
	return strcmp(x, y) == 0;
}

/* Appends to *out (in a) the names of fields that differ, comma-separated. */
static void plan_template_diff(struct arena *a, const struct rec *plan_rec,
			       const struct rec *tmpl_rec, const char *const *fields,
			       const char **out)
{
	for (size_t i = 0; fields[i] != NULL; i++) {
		if (plan_template_same(rec_text(plan_rec, fields[i]),
				       rec_text(tmpl_rec, fields[i])))
			continue;
		*out = *out ? arena_printf(a, "%s, %s", *out, fields[i]) : fields[i];
	}
}

/* Counts the words of s (letters and digits, any case) that appear in other too. */
static void plan_template_words(const char *s, const char *other, size_t *words,
				size_t *shared)
{
	*words = *shared = 0;
	for (const char *w = s; w != NULL && *w != '\0';) {
		while (*w != '\0' && !isalnum((unsigned char)*w))
			w++;
		size_t n = 0;
		while (isalnum((unsigned char)w[n]))
			n++;
		if (n == 0)
			break;
		(*words)++;
		for (const char *o = other; o != NULL && *o != '\0';) {
			while (*o != '\0' && !isalnum((unsigned char)*o))
				o++;
			size_t m = 0;
			while (isalnum((unsigned char)o[m]))
				m++;
			if (m == n && strncasecmp(o, w, n) == 0) {
				(*shared)++;
				break;
			}
			o += m;
		}
		w += n;
	}
}

/* 1 when title says something else than the template's: fewer than half of the words
 * of either are in the other. Rewording (a word or two, case, punctuation) is not a
 * departure. */
static int plan_template_reworded(const char *title, const char *tmpl)
{
	size_t n1, s1, n2, s2;
	plan_template_words(title, tmpl, &n1, &s1);
	plan_template_words(tmpl, title, &n2, &s2);
	return 2 * s1 < n1 || 2 * s2 < n2;
}

/* The substantive differences of a plan item from its template item, in a. */
static const char *plan_template_substance(struct arena *a, const struct rec *mine,
					   const struct rec *tmpl,
					   const char *const *fields)
{
	const char *out = NULL;
	if (plan_template_reworded(rec_text(mine, "title"), rec_text(tmpl, "title")))
		out = "title";
	plan_template_diff(a, mine, tmpl, fields, &out);
	return out;
}

static struct plan_departure_item *plan_template_item(struct arena *a, struct plan_departure *d,
						      size_t *cap, const char *what,
						      const char *change, int64_t plan_item,
						      int64_t tmpl_item, const char *title)
{
	d->items = arena_grow(a, d->items, sizeof(*d->items), d->count, cap);
	struct plan_departure_item *it = &d->items[d->count++];
	it->what = what;
	it->change = change;
	it->plan_item_id = plan_item;
	it->template_item_id = tmpl_item;
	it->title = title;
	it->fields = NULL;
	it->template_title = NULL;
	return it;
}

/* 1 if the two actions link the same library items and deliverables. */
static int plan_template_same_links(const struct plan_action_full *x,
				    const struct plan_action_full *y)
{
	if (x->nlinks != y->nlinks)
		return 0;
	for (size_t i = 0; i < x->nlinks; i++) {
		int found = 0;
		for (size_t k = 0; k < y->nlinks && !found; k++)
			found = x->links[i].id == y->links[k].id &&
				strcmp(x->links[i].kind, y->links[k].kind) == 0;
		if (!found)
			return 0;
	}
	return 1;
}

/* The template goal id the plan goal with id goal_id was copied from; 0 if none. */
static int64_t plan_template_goal_origin(const struct plan_full *p, int64_t goal_id)
{
	const struct plan_goal_full *g = plan_view_goal(p, goal_id);
	return g ? rec_int(g->goal, "template_goal_id") : 0;
}

static void plan_template_goals(struct arena *a, const struct plan_full *p,
				const struct plan_full *t, struct plan_departure *d, size_t *cap)
{
	unsigned char *matched = arena_alloc(a, p->ngoals + 1);
	for (size_t i = 0; i < t->ngoals; i++) {
		const struct rec *tg = t->goals[i].goal;
		const struct rec *pg = NULL;
		for (size_t k = 0; k < p->ngoals && pg == NULL; k++)
			if (!matched[k] &&
			    rec_int(p->goals[k].goal, "template_goal_id") == tg->id) {
				matched[k] = 1;
				pg = p->goals[k].goal;
			}
		if (pg == NULL) {
			plan_template_item(a, d, cap, "goal", "removed", 0, tg->id,
					   rec_text(tg, "title"));
			d->goals_removed++;
			continue;
		}
		const char *fields = plan_template_substance(a, pg, tg, goal_substance);
		/* A goal tied to the team's own assessed need is the team's. */
		const struct plan_goal_full *full = plan_view_goal(p, pg->id);
		if (full != NULL && full->nneeds > 0)
			fields = fields ? arena_printf(a, "%s, the team's assessed need", fields)
					: "the team's assessed need";
		struct plan_departure_item *it =
			plan_template_item(a, d, cap, "goal", fields ? "changed" : "kept", pg->id,
					   tg->id, rec_text(pg, "title"));
		it->fields = fields;
		it->template_title = rec_text(tg, "title");
		if (fields)
			d->goals_changed++;
		else
			d->goals_kept++;
	}
	for (size_t k = 0; k < p->ngoals; k++)
		if (!matched[k]) {
			plan_template_item(a, d, cap, "goal", "added", p->goals[k].goal->id, 0,
					   rec_text(p->goals[k].goal, "title"));
			d->goals_added++;
		}
}

static void plan_template_actions(struct arena *a, const struct plan_full *p,
				  const struct plan_full *t, struct plan_departure *d,
				  size_t *cap)
{
	unsigned char *matched = arena_alloc(a, p->nactions + 1);
	for (size_t i = 0; i < t->nactions; i++) {
		const struct plan_action_full *ta = &t->actions[i];
		const struct plan_action_full *pa = NULL;
		for (size_t k = 0; k < p->nactions && pa == NULL; k++)
			if (!matched[k] &&
			    rec_int(p->actions[k].action, "template_action_id") == ta->action->id) {
				matched[k] = 1;
				pa = &p->actions[k];
			}
		if (pa == NULL) {
			plan_template_item(a, d, cap, "action", "removed", 0, ta->action->id,
					   rec_text(ta->action, "title"));
			d->actions_removed++;
			continue;
		}
		const char *fields =
			plan_template_substance(a, pa->action, ta->action, action_substance);
		if (plan_template_goal_origin(p, rec_int(pa->action, "goal_id")) !=
		    rec_int(ta->action, "goal_id"))
			fields = fields ? arena_printf(a, "%s, goal", fields) : "goal";
		if (!plan_template_same_links(pa, ta))
			fields = fields ? arena_printf(a, "%s, links", fields) : "links";
		struct plan_departure_item *it =
			plan_template_item(a, d, cap, "action", fields ? "changed" : "kept",
					   pa->action->id, ta->action->id,
					   rec_text(pa->action, "title"));
		it->fields = fields;
		it->template_title = rec_text(ta->action, "title");
		if (fields)
			d->actions_changed++;
		else
			d->actions_kept++;
	}
	for (size_t k = 0; k < p->nactions; k++)
		if (!matched[k]) {
			const struct rec *r = p->actions[k].action;
			plan_template_item(a, d, cap, "action", "added", r->id, 0,
					   rec_text(r, "title"));
			d->actions_added++;
		}
}

int plan_template_departure(struct store *db, struct arena *a, int64_t plan_id,
			    struct plan_departure *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	out->plan_id = plan_id;
	struct plan_full p, t;
	if (plan_view_load(db, a, plan_id, &p, err))
		return -1;
	out->template_id = rec_int(p.plan, "template_id");
	if (out->template_id == 0)
		return 0;
	if (plan_view_load(db, a, out->template_id, &t, err))
		return -1;
	out->has_template = 1;
	out->template_title = rec_text(t.plan, "title");
	out->template_goals = t.ngoals;
	out->template_actions = t.nactions;
	out->plan_goals = p.ngoals;
	out->plan_actions = p.nactions;
	size_t cap = 0;
	plan_template_goals(a, &p, &t, out, &cap);
	plan_template_actions(a, &p, &t, out, &cap);
	size_t added = out->goals_added + out->actions_added;
	size_t moved = added + out->goals_removed + out->actions_removed + out->goals_changed +
		       out->actions_changed;
	size_t base = t.ngoals + t.nactions + added;
	out->departure = base ? (double)moved / (double)base : 0.0;
	return 0;
}

void plan_template_items_json(struct jw *w, const struct plan_departure *d)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < d->count; i++) {
		const struct plan_departure_item *it = &d->items[i];
		jw_obj_begin(w);
		jw_kv_str(w, "what", it->what);
		jw_kv_str(w, "change", it->change);
		jw_kv_id(w, "plan_item_id", it->plan_item_id);
		jw_kv_id(w, "template_item_id", it->template_item_id);
		jw_kv_str(w, "title", it->title);
		jw_kv_str(w, "fields", it->fields);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void plan_template_counts_json(struct jw *w, const char *key, size_t in_template,
				      size_t in_plan, size_t added, size_t removed,
				      size_t changed, size_t kept)
{
	jw_key(w, key);
	jw_obj_begin(w);
	jw_kv_int(w, "in_template", (int64_t)in_template);
	jw_kv_int(w, "in_plan", (int64_t)in_plan);
	jw_kv_int(w, "added", (int64_t)added);
	jw_kv_int(w, "removed", (int64_t)removed);
	jw_kv_int(w, "changed", (int64_t)changed);
	jw_kv_int(w, "kept", (int64_t)kept);
	jw_obj_end(w);
}

void plan_template_departure_json(struct jw *w, const struct plan_departure *d)
{
	jw_obj_begin(w);
	jw_kv_int(w, "plan_id", d->plan_id);
	jw_kv_bool(w, "has_template", d->has_template);
	jw_kv_id(w, "template_id", d->template_id);
	jw_kv_str(w, "template", d->template_title);
	if (d->has_template) {
		jw_kv_double(w, "departure", d->departure);
		plan_template_counts_json(w, "goals", d->template_goals, d->plan_goals,
					  d->goals_added, d->goals_removed, d->goals_changed,
					  d->goals_kept);
		plan_template_counts_json(w, "actions", d->template_actions, d->plan_actions,
					  d->actions_added, d->actions_removed,
					  d->actions_changed, d->actions_kept);
		jw_key(w, "items");
		plan_template_items_json(w, d);
	}
	jw_obj_end(w);
}
