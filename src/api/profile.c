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
	const struct rec *team = rq->record;
	struct rec *net = NULL;
	struct profile p;
	if (rec_get(rq->db, rq->a, &network_entity, rec_int(team, "network_id"), &net, err) ||
	    profile_year(rq, net, "team", team->id, err) ||
	    profile_team(rq->db, rq->a, team->id, &p, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	profile_json(&w, &p);
	return 0;
}

/* The network's profiles of the teams the caller may read, in *n. */
static int network_profiles(struct http_req *rq, const struct rec **net, struct profile_network *n,
			    struct cn_err *err)
{
	*net = rq->record;
	if (http_allow_any(rq, POLICY_READ, "profile", err) ||
	    profile_year(rq, *net, "network", (*net)->id, err) ||
	    profile_network(rq->db, rq->a, (*net)->id, n, err))
		return -1;
	size_t kept = 0;
	n->flagged = 0;
	for (size_t i = 0; i < n->count; i++) {
		struct policy_scope s = {.network_id = n->teams[i].network_id,
					 .district_id = n->teams[i].district_id};
		int may = http_may_scope(rq, POLICY_READ, "profile", &s, err);
		if (may < 0)
			return -1;
		if (!may)
			continue;
		n->flagged += (size_t)n->teams[i].train_the_trainer.flagged;
		n->teams[kept++] = n->teams[i];
	}
	n->count = kept;
	return 0;
}

static int network_profile_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *net = NULL;
	struct profile_network n;
	if (network_profiles(rq, &net, &n, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	profile_network_json(&w, &n);
	return 0;
}

/* GET /api/v1/networks/{id}/profile/export?format=csv|xlsx[&view=..][&team_id=..]: the
 * report as `capnet report profile --format csv|xlsx` writes it (profile_report). */
static int network_profile_export(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *net = NULL;
	struct profile_network n;
	int64_t team = 0;
	const char *format = http_query(rq, "format"), *view_name = http_query(rq, "view");
	if (network_profiles(rq, &net, &n, err) || api_query_id(rq, "team_id", &team, err) < 0)
		return -1;
	if (format == NULL || format[0] == '\0')
		return cn_err_field(err, CN_ERR_INPUT, "format", "is required: csv or xlsx");
	int view = -1;
	for (int v = 0; view_name != NULL && v < PROFILE_VIEW_COUNT; v++)
		if (strcmp(view_name, profile_view_names[v]) == 0)
			view = v;
	if (view_name != NULL && view < 0)
		return cn_err_field(err, CN_ERR_INPUT, "view",
				    "'%.20s' is not one of teams, components, evidence", view_name);
	const struct profile *teams = n.teams;
	size_t count = n.count;
	if (team != 0) {
		for (count = 0; count < n.count && n.teams[count].team_id != team; count++)
			;
		if (count == n.count)
			return cn_err_field(err, CN_ERR_INPUT, "team_id",
					    "network %lld has no team %lld you may read",
					    (long long)net->id, (long long)team);
		teams = &n.teams[count];
		count = 1;
	}
	if (view < 0)
		view = team != 0 ? PROFILE_VIEW_COMPONENTS : PROFILE_VIEW_TEAMS;
	struct buf out = BUF_INIT;
	if (profile_report(rq->a, teams, count, format, (enum profile_view)view, &out, err)) {
		buf_free(&out);
		return -1;
	}
	int xlsx = strcmp(format, "xlsx") == 0;
	rs->status = 200;
	rs->content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				: "text/csv; charset=utf-8";
	http_resp_header(rs, "Cache-Control", "no-store");
	http_resp_header(rs, "Content-Disposition",
			 arena_printf(rq->a, "attachment; filename=\"profile-network-%lld.%s\"",
				      (long long)net->id, xlsx ? "xlsx" : "csv"));
	buf_reset(&rs->body);
	buf_append(&rs->body, out.data, out.len);
	buf_free(&out);
	return 0;
}

static const struct route_field year_query[] = {
	{"year", "string", 0, NULL, "the school year, e.g. 2026-27 (the network's)"},
	{NULL, NULL, 0, NULL, NULL},
};

/* The team whose profile the actor may read (the profile rule asked with the team), or
 * the network they may read, whose teams' profiles are each asked about. */
static const struct route_load profile_team_load = {&team_entity, "id", NULL, NULL, 0};
static const struct route_load profile_network_load = {&network_entity, "id", NULL, NULL, 1};
static const char *const profile_view_names_query[] = {"teams", "components", "evidence", NULL};
static const char *const export_formats[] = {"csv", "xlsx", NULL};
static const struct route_field export_query[] = {
	{"format", "string", 1, export_formats,
	 "csv (one view) or xlsx (a workbook with a sheet per view)"},
	{"view", "string", 0, profile_view_names_query,
	 "with csv: teams (default), components (default with team_id) or evidence"},
	{"team_id", "integer", 0, NULL, "one team of the network only"},
	{"year", "string", 0, NULL, "the school year, e.g. 2026-27 (the network's)"},
	{NULL, NULL, 0, NULL, NULL},
};

static const struct route profile_routes[] = {
	{"GET", "/api/v1/teams/{id}/profile", team_profile_get, "profile", POLICY_READ, NULL, 0,
	 "The team's capacity-building profile: each component with its records and Guskey "
	 "level, and the train-the-trainer flag with its reason",
	 NULL, year_query, &profile_team_load},
	{"GET", "/api/v1/networks/{id}/profile", network_profile_get, "profile", POLICY_READ, NULL,
	 0, "The network's teams' profiles side by side (those the caller may read), with flags",
	 NULL, year_query, &profile_network_load},
	{"GET", "/api/v1/networks/{id}/profile/export", network_profile_export, "profile",
	 POLICY_READ, NULL, 0,
	 "The profile report as a file, as `capnet report profile` writes it: CSV (one view) "
	 "or XLSX (a sheet per view), of the teams the caller may read",
	 NULL, export_query, &profile_network_load},
};

size_t api_profile_routes(const struct route **out)
{
	*out = profile_routes;
	return sizeof(profile_routes) / sizeof(profile_routes[0]);
}
