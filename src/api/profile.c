/* profile: the capacity-building profile (issue 5, DESIGN §2) of a team, and of a
 * network with its teams side by side: each component with the records behind it and
 * their Guskey level, and the train-the-trainer flag with its reason (app/profile/profile.h).
 * A profile shows a district's records, so it is read under the policy's "profile"
 * rule with the team's scope; a network's view lists only the teams the caller may. */
#include <string.h>

#include "api/resource.h"
#include "app/network/network.h"
#include "app/profile/profile.h"
#include "app/network/team.h"

/* A team or network has one school year (its network's): `?year=` must name it. */
static int profile_year(struct http_req *rq, const struct rec *net, const char *what,
			int64_t id, struct cn_err *err)
{
	const char *year = http_query(rq, "year");
	const char *has = rec_text(net, "school_year");
	if (api_query_check(rq, err))
		return -1;
	if (year == NULL || strcmp(year, has) == 0)
		return 0;
	return cn_err_field(err, CN_ERR_INPUT, "year",
			    "%s %lld is of the school year %s, not '%.20s'; each school year's "
			    "network has its own teams",
			    what, (long long)id, has, year);
}

static int team_profile_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *team = NULL, *net = NULL;
	struct profile p;
	if (api_load(rq, &team_entity, "id", POLICY_READ, &team, err) ||
	    http_allow_record(rq, POLICY_READ, "profile", team, err) ||
	    rec_get(rq->db, rq->a, &network_entity, rec_int(team, "network_id"), &net, err) ||
	    profile_year(rq, net, "team", team->id, err) ||
	    profile_team(rq->db, rq->a, team->id, &p, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	profile_json(&w, &p);
	return 0;
}

static int network_profile_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *net = NULL;
	struct profile_network n;
	if (api_load(rq, &network_entity, "id", POLICY_READ, &net, err) ||
	    http_allow_any(rq, POLICY_READ, "profile", err) ||
	    profile_year(rq, net, "network", net->id, err) ||
	    profile_network(rq->db, rq->a, net->id, &n, err))
		return -1;
	size_t kept = 0;
	n.flagged = 0;
	for (size_t i = 0; i < n.count; i++) {
		struct policy_scope s = {.network_id = n.teams[i].network_id,
					 .district_id = n.teams[i].district_id};
		int may = http_may_scope(rq, POLICY_READ, "profile", &s, err);
		if (may < 0)
			return -1;
		if (!may)
			continue;
		n.flagged += (size_t)n.teams[i].train_the_trainer.flagged;
		n.teams[kept++] = n.teams[i];
	}
	n.count = kept;
	struct jw w;
	api_json(rs, &w, 200);
	profile_network_json(&w, &n);
	return 0;
}

static const struct route_field year_query[] = {
	{"year", "string", 0, NULL, "the school year, e.g. 2026-27 (the network's)"},
	{NULL, NULL, 0, NULL, NULL},
};

static const struct route profile_routes[] = {
	{"GET", "/api/v1/teams/{id}/profile", team_profile_get, "profile", POLICY_READ, NULL, 0,
	 "The team's capacity-building profile: each component with its records and Guskey "
	 "level, and the train-the-trainer flag with its reason",
	 NULL, year_query},
	{"GET", "/api/v1/networks/{id}/profile", network_profile_get, "profile", POLICY_READ, NULL,
	 0, "The network's teams' profiles side by side (those the caller may read), with flags",
	 NULL, year_query},
};

size_t api_profile_routes(const struct route **out)
{
	*out = profile_routes;
	return sizeof(profile_routes) / sizeof(profile_routes[0]);
}
