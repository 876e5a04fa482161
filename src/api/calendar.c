/* calendar: calendar subscriptions (issue 5). A signed-in person makes a token for the
 * feed of a network (its meetings) or a team (its PD sessions) they may read, lists
 * their tokens and revokes them; GET /calendar/TOKEN.ics is public, the token being the
 * credential, and answers the iCalendar feed (app/network/calendar_token.h). An unknown or
 * revoked token is "not found". */
#include <stdio.h>
#include <string.h>

#include "api/resource.h"
#include "app/network/calendar_token.h"

/* The caller's own tokens: a scope the policy sees as theirs. */
static struct policy_scope calendar_owner(int64_t person_id)
{
	struct policy_scope s = {0};
	s.owner_id = person_id;
	return s;
}

static int token_create(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const char *v[2];
	struct policy_scope s = calendar_owner(rq->who.person_id);
	if (http_allow_scope(rq, POLICY_CREATE, "calendar_token", &s, err) ||
	    api_body_fields(rq, v, err))
		return -1;
	int64_t network = api_value_int(v[0]), team = api_value_int(v[1]);
	/* The app refuses a network or team the caller may not read. */
	char *secret = NULL;
	struct calendar_token t;
	if (calendar_token_create(rq->db, &rq->who, rq->a, rq->who.person_id, network, team,
				  &secret, &t, err))
		return -1;
	const char *path = calendar_token_path(rq->a, secret);
	http_resp_header(rs, "Location",
			 arena_printf(rq->a, "/api/v1/calendar-tokens/%lld", (long long)t.id));
	struct jw w;
	api_json(rs, &w, 201);
	jw_obj_begin(&w);
	calendar_token_fields_json(&w, &t);
	jw_kv_str(&w, "token", secret);
	jw_kv_str(&w, "url", path);
	jw_obj_end(&w);
	return 0;
}

static int token_list(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct calendar_token *t = NULL;
	size_t n = 0;
	if (http_allow_any(rq, POLICY_READ, "calendar_token", err) ||
	    calendar_token_list(rq->db, rq->a, rq->who.person_id, &t, &n, err))
		return -1;
	struct jw w;
	api_items_begin(rs, &w);
	for (size_t i = 0; i < n; i++)
		calendar_token_json(&w, &t[i]);
	api_items_end(&w, 0, 0);
	return 0;
}

static int token_revoke(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int64_t id = 0;
	struct calendar_token t;
	if (http_param_id(rq, "id", &id, err) || calendar_token_get(rq->db, rq->a, id, &t, err))
		return -1;
	struct policy_scope s = calendar_owner(t.person_id);
	int may = http_may_scope(rq, POLICY_DELETE, "calendar_token", &s, err);
	if (may < 0)
		return -1;
	if (!may) /* another person's token: not even its existence is told */
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no calendar token with id %lld",
				  (long long)id);
	if (calendar_token_revoke(rq->db, &rq->who, id, err))
		return -1;
	api_no_content(rs);
	return 0;
}

static int feed_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	buf_reset(&rs->body);
	if (calendar_token_feed(rq->db, rq->a, http_param(rq, "token"), &rs->body, err))
		return -1;
	rs->status = 200;
	rs->content_type = "text/calendar; charset=utf-8";
	http_resp_header(rs, "Cache-Control", "private, max-age=300");
	return 0;
}

static const struct route_field token_body[] = {
	{"network_id", "integer", 0, NULL, "the network whose meetings the calendar shows"},
	{"team_id", "integer", 0, NULL, "or the team whose PD sessions it shows"},
	{NULL, NULL, 0, NULL, NULL},
};

static const struct route calendar_routes[] = {
	{"POST", "/api/v1/calendar-tokens", token_create, "calendar_token", POLICY_CREATE, NULL, 0,
	 "Make a calendar subscription address for a network or a team you may read; its token "
	 "is shown once",
	 token_body, NULL},
	{"GET", "/api/v1/calendar-tokens", token_list, "calendar_token", POLICY_READ, NULL, 0,
	 "Your calendar subscription tokens, live and revoked", NULL, NULL},
	{"DELETE", "/api/v1/calendar-tokens/{id}", token_revoke, "calendar_token", POLICY_DELETE,
	 NULL, 0, "Revoke one of your calendar subscription tokens", NULL, NULL},
	{"GET", "/calendar/{token}", feed_get, NULL, POLICY_READ, NULL, ROUTE_PUBLIC | ROUTE_NO_AUTH,
	 "The iCalendar feed (RFC 5545) a token opens, at /calendar/TOKEN.ics; no sign-in, the "
	 "token is the credential",
	 NULL, NULL},
};

size_t api_calendar_routes(const struct route **out)
{
	*out = calendar_routes;
	return sizeof(calendar_routes) / sizeof(calendar_routes[0]);
}
