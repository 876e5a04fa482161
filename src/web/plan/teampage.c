/* teampage: the team of a page, its scope and breadcrumbs (see teampage.h). */
#include "web/plan/teampage.h"

#include <stdio.h>
#include <string.h>

#include "app/assessment/instrument.h"
#include "app/network/network.h"
#include "app/org/org.h"
#include "http/allow.h"
#include "app/network/team.h"

const struct route_load teampage_team = {&team_entity, "id", NULL, NULL, 1};

int teampage_of(struct http_req *rq, struct rec *team, struct teampage *t, struct cn_err *err)
{
	memset(t, 0, sizeof(*t));
	t->team = team;
	if (rec_get(rq->db, rq->a, &network_entity, rec_int(team, "network_id"), &t->network, err))
		return -1;
	struct rec *org = NULL;
	struct cn_err ignored = {0};
	t->district = rec_text(team, "name");
	if (rec_get(rq->db, rq->a, &org_entity, rec_int(team, "district_id"), &org, &ignored) == 0)
		t->district = rec_text(org, "name");
	t->scope.network_id = t->network->id;
	t->scope.district_id = rec_int(team, "district_id");
	return 0;
}

int teampage_get(struct http_req *rq, int64_t team_id, struct teampage *t, struct cn_err *err)
{
	struct rec *team = NULL;
	if (rec_get(rq->db, rq->a, &team_entity, team_id, &team, err) ||
	    http_allow_record(rq, POLICY_READ, "team", team, err))
		return -1;
	return teampage_of(rq, team, t, err);
}

void teampage_crumbs(struct page *p, const struct teampage *t, const char *here)
{
	struct http_req *rq = p->rq;
	page_crumbs(p, "Networks", "/networks", rec_text(t->network, "name"),
		    page_href(rq, "/networks/%lld", t->network->id), t->district,
		    here ? page_href(rq, "/teams/%lld", t->team->id) : NULL,
		    here ? here : NULL, NULL, NULL);
}

const char *teampage_href(struct http_req *rq, const struct teampage *t, const char *what)
{
	return arena_printf(rq->a, "/teams/%lld/%s", (long long)t->team->id, what);
}

int teampage_may(struct http_req *rq, const struct teampage *t, enum policy_verb verb,
		 const char *entity, struct cn_err *err)
{
	return http_may_scope(rq, verb, entity, &t->scope, err);
}

const char *teampage_level(struct http_req *rq, int64_t level)
{
	const char *label = instrument_scale_label((int)level);
	if (label == NULL)
		return "-";
	return arena_printf(rq->a, "%lld %s", (long long)level, label);
}

void teampage_choices_init(struct http_req *rq, struct teampage_choices *out, size_t n)
{
	out->values = arena_alloc(rq->a, sizeof(*out->values) * (n + 1));
	out->labels = arena_alloc(rq->a, sizeof(*out->labels) * (n + 1));
	out->count = 0;
	out->values[0] = out->labels[0] = NULL;
}

void teampage_choices_add(struct http_req *rq, struct teampage_choices *out, int64_t id,
				 const char *label)
{
	out->values[out->count] = arena_printf(rq->a, "%lld", (long long)id);
	out->labels[out->count++] = label;
	out->values[out->count] = out->labels[out->count] = NULL;
}

int teampage_schools(struct http_req *rq, const struct teampage *t, struct teampage_choices *out,
		     struct cn_err *err)
{
	struct rec_list l;
	if (page_list_all(rq, &org_entity, "parent_id", rec_int(t->team, "district_id"), &l, err))
		return -1;
	teampage_choices_init(rq, out, l.count);
	for (size_t i = 0; i < l.count; i++)
		if (strcmp(rec_text(l.items[i], "kind"), "school") == 0)
			teampage_choices_add(rq, out, l.items[i]->id, rec_text(l.items[i], "name"));
	return 0;
}

int teampage_people(struct http_req *rq, const struct teampage *t, struct teampage_choices *out,
		    struct cn_err *err)
{
	struct network_people m;
	if (team_members(rq->db, rq->a, t->team->id, &m, err))
		return -1;
	teampage_choices_init(rq, out, m.count);
	for (size_t i = 0; i < m.count; i++)
		teampage_choices_add(rq, out, m.items[i].person_id, m.items[i].name);
	return 0;
}

const char *teampage_choice_label(const struct teampage_choices *c, int64_t value)
{
	char v[24];
	snprintf(v, sizeof(v), "%lld", (long long)value);
	for (size_t i = 0; i < c->count; i++)
		if (strcmp(c->values[i], v) == 0)
			return c->labels[i];
	return NULL;
}
