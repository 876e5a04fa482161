/* dlv: shared by the deliverable pages (see dlv.h). */
#include "web/deliverable/dlv.h"

#include <stdio.h>
#include <string.h>

#include "app/deliverable/deliverable.h"
#include "http/allow.h"
#include "app/network/team.h"

enum { DLV_TEAMS_MAX = 500 };

const char *const dlv_kinds[] = {
    "learning_target_set", "instructional_resource", "assessment", "unit", "other", NULL};
const char *const dlv_kind_labels[] = {
    "Learning-target set", "Instructional resource", "Assessment", "Unit", "Other", NULL};
const char *const dlv_statuses[] = {"draft", "in_review", "published", NULL};
const char *const dlv_status_labels[] = {"Draft", "In review", "Published", NULL};
const char *const dlv_dimension_labels[REVIEW_DIMENSION_COUNT + 1] = {
    [REVIEW_ALIGNMENT] = "Alignment to the standards",
    [REVIEW_KEY_SHIFTS] = "Key shifts in the standards",
    [REVIEW_INSTRUCTIONAL_SUPPORTS] = "Instructional supports",
    [REVIEW_ASSESSMENT] = "Monitoring student progress (assessment)",
};

static const char *dlv_label(const char *const *codes, const char *const *labels, const char *code)
{
	for (size_t i = 0; code != NULL && codes[i] != NULL; i++)
		if (strcmp(codes[i], code) == 0)
			return labels[i];
	return code;
}

const char *dlv_kind_label(const char *kind) { return dlv_label(dlv_kinds, dlv_kind_labels, kind); }

const char *dlv_status_label(const char *status)
{
	return dlv_label(dlv_statuses, dlv_status_labels, status);
}

int dlv_load(struct http_req *rq, enum policy_verb verb, struct rec **out, struct cn_err *err)
{
	int64_t id;
	if (page_id(rq, "id", &id, err))
		return -1;
	if (rec_get(rq->db, rq->a, &deliverable_entity, id, out, err))
		return -1;
	return http_allow_record(rq, verb, "deliverable", *out, err);
}

int dlv_can(struct http_req *rq, enum policy_verb verb, const char *entity, const struct rec *r)
{
	struct cn_err err = {0};
	return policy_check(rq->policy, verb, entity, r, &err) == 0;
}

int dlv_versions(struct http_req *rq, const struct rec *d, struct deliverable_versions *out,
		 int *drafts, struct cn_err *err)
{
	int all = dlv_can(rq, POLICY_READ, "deliverable_version", d);
	if (deliverable_versions(rq->db, rq->a, d->id, out, err))
		return -1;
	if (!all)
		deliverable_versions_keep_published(out);
	if (drafts != NULL)
		*drafts = all;
	return 0;
}

const char *dlv_href(struct arena *a, int64_t id, const char *suffix)
{
	return arena_printf(a, "/deliverables/%lld%s", (long long)id, suffix);
}

void dlv_top(struct page *p, const struct rec *d, const char *here, const char *prefix)
{
	const char *title = rec_text(d, "title");
	if (here == NULL)
		page_crumbs(p, "Deliverables", "/deliverables", title, NULL, NULL);
	else
		page_crumbs(p, "Deliverables", "/deliverables", title,
			    dlv_href(p->rq->a, d->id, ""), here, NULL, NULL);
	html_open(&p->h, "h1", NULL);
	html_text(&p->h, prefix);
	html_text(&p->h, title);
	html_close(&p->h);
}

const char *dlv_name(struct http_req *rq, const struct rec_entity *e, int64_t id)
{
	struct rec *r = NULL;
	struct cn_err err = {0};
	if (id == 0 || rec_get(rq->db, rq->a, e, id, &r, &err))
		return NULL;
	return rec_text(r, "name");
}

struct dlv_teams {
	const char **choices, **labels;
	size_t count, cap_choices, cap_labels;
};

static void dlv_teams_add(struct arena *a, struct dlv_teams *t, const char *choice,
			  const char *label)
{
	t->choices = arena_grow(a, t->choices, sizeof(*t->choices), t->count, &t->cap_choices);
	t->labels = arena_grow(a, t->labels, sizeof(*t->labels), t->count, &t->cap_labels);
	t->choices[t->count] = choice;
	t->labels[t->count] = label;
	t->count++;
}

/* Adds the teams of network n the person may create deliverables for. */
static int dlv_network_teams(struct http_req *rq, const struct rec *n, struct dlv_teams *t,
			     struct cn_err *err)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)n->id);
	struct rec_query q = {.filter = {id}, .limit = REC_LIST_MAX};
	struct rec_list teams;
	if (rec_list(rq->db, rq->a, &team_entity, &q, &teams, err))
		return -1;
	for (size_t i = 0; i < teams.count && t->count < DLV_TEAMS_MAX; i++) {
		struct rec *d = rec_new(rq->a, &deliverable_entity);
		if (rec_put_int(d, "network_id", n->id, err) ||
		    rec_put_int(d, "team_id", teams.items[i]->id, err))
			return -1;
		if (!dlv_can(rq, POLICY_CREATE, "deliverable", d))
			continue;
		dlv_teams_add(rq->a, t, arena_printf(rq->a, "%lld", (long long)teams.items[i]->id),
			      arena_printf(rq->a, "%s - %s", rec_text(teams.items[i], "name"),
					   rec_text(n, "name")));
	}
	return 0;
}

int dlv_team_choices(struct http_req *rq, const char ***choices, const char ***labels,
		     size_t *count, struct cn_err *err)
{
	struct dlv_teams t = {0};
	struct rec_list networks;
	if (page_my_networks(rq, &networks, err))
		return -1;
	for (size_t i = 0; i < networks.count; i++)
		if (dlv_network_teams(rq, networks.items[i], &t, err))
			return -1;
	*count = t.count;
	dlv_teams_add(rq->a, &t, NULL, NULL);
	*choices = t.choices;
	*labels = t.labels;
	return 0;
}

char *dlv_text(struct arena *a, const char *text)
{
	if (text == NULL)
		return NULL;
	char *out = arena_strdup(a, text), *w = out;
	for (const char *s = text; *s; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*w++ = *s;
	*w = '\0';
	return out;
}

void dlv_notice_link(struct http_req *rq, struct html *h, const struct notice *n)
{
	if (n->plan_id != 0)
		html_elem(h, "a", n->plan_title, "href",
			  arena_printf(rq->a, "/plans/%lld#reviews", (long long)n->plan_id), NULL);
	else
		html_elem(h, "a", n->deliverable_title, "href",
			  dlv_href(rq->a, n->deliverable_id, ""), NULL);
}
