/* teampage: the team of a page, its scope and breadcrumbs (see teampage.h). */
#include "web/teampage.h"

#include <string.h>

#include "app/instrument.h"
#include "app/network.h"
#include "app/org.h"
#include "http/allow.h"

int teampage_get(struct http_req *rq, int64_t team_id, struct teampage *t, struct cn_err *err)
{
	memset(t, 0, sizeof(*t));
	if (rec_get(rq->db, rq->a, &team_entity, team_id, &t->team, err) ||
	    http_allow_record(rq, POLICY_READ, "team", t->team, err) ||
	    rec_get(rq->db, rq->a, &network_entity, rec_int(t->team, "network_id"), &t->network,
		    err))
		return -1;
	struct rec *org = NULL;
	struct cn_err ignored = {0};
	t->district = rec_text(t->team, "name");
	if (rec_get(rq->db, rq->a, &org_entity, rec_int(t->team, "district_id"), &org,
		    &ignored) == 0)
		t->district = rec_text(org, "name");
	t->scope.network_id = t->network->id;
	t->scope.district_id = rec_int(t->team, "district_id");
	return 0;
}

int teampage_load(struct http_req *rq, const char *name, struct teampage *t,
		  struct cn_err *err)
{
	int64_t id;
	if (page_id(rq, name, &id, err))
		return -1;
	return teampage_get(rq, id, t, err);
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
