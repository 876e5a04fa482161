/* session: signing in and out over the API, and who is signed in. Sign-in sets the
 * session cookie and returns the CSRF token that cookie-signed writes must send back
 * in X-CSRF-Token; the rules live in app/access/auth.c, the cookie in http/session.c. These
 * routes are public: they decide for themselves who may use them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "app/org/person.h"
#include "app/access/account.h"
#include "http/allow.h"
#include "http/server.h"
#include "http/session.h"
#include "app/org/membership.h"

/* {"person": {...}, "roles": [{org_id, role, title}], "csrf_token"?, "via"} */
static int session_answer(struct http_req *rq, struct http_resp *rs, int64_t person_id,
			  const char *csrf, int status, struct cn_err *err)
{
	struct rec *p = NULL;
	if (rec_get(rq->db, rq->a, &person_entity, person_id, &p, err))
		return -1;
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)person_id);
	struct rec_query q = {.filter = {id}, .limit = REC_LIST_MAX};
	struct rec_list roles;
	if (rec_list(rq->db, rq->a, &membership_entity, &q, &roles, err))
		return -1;
	struct jw w;
	api_json(rs, &w, status);
	jw_obj_begin(&w);
	jw_key(&w, "person");
	rec_to_json(&w, p);
	jw_key(&w, "roles");
	jw_arr_begin(&w);
	for (size_t i = 0; i < roles.count; i++) {
		const struct rec *m = roles.items[i];
		if (!rec_int(m, "active"))
			continue;
		jw_obj_begin(&w);
		jw_kv_int(&w, "org_id", rec_int(m, "org_id"));
		jw_kv_str(&w, "role", rec_text(m, "role"));
		jw_kv_str(&w, "title", rec_text(m, "title"));
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	if (csrf != NULL)
		jw_kv_str(&w, "csrf_token", csrf);
	jw_kv_str(&w, "via", rq->by_token ? "token" : "cookie");
	jw_obj_end(&w);
	return 0;
}

static int session_create(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const char *values[2];
	if (http_check_origin(rq, err) || api_body_fields(rq, values, err))
		return -1;
	char secret[AUTH_SECRET_LEN];
	struct auth_session s;
	if (auth_sign_in(rq->db, &rq->cfg->auth, values[0], values[1], rq->client, secret, &s,
			 err))
		return -1;
	http_session_cookie(rq, rs, secret);
	rq->who.person_id = s.person_id;
	rq->by_token = 0;
	return session_answer(rq, rs, s.person_id, s.csrf_token, 201, err);
}

static int session_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (rq->who.person_id == 0)
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "nobody is signed in; POST /api/v1/session to sign in");
	return session_answer(rq, rs, rq->who.person_id,
			      rq->by_cookie ? rq->session.csrf_token : NULL, 200, err);
}

static int session_delete(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (!rq->by_cookie)
		return cn_err_set(err, CN_ERR_UNAUTHENTICATED,
				  "there is no session to end: this request carries no live "
				  "session cookie");
	if (auth_sign_out(rq->db, &rq->session, err))
		return -1;
	http_session_cookie(rq, rs, NULL);
	api_no_content(rs);
	return 0;
}

/* POST /api/v1/invitations: who may invite whom is decided in app/access/account.c. */
static int session_invite(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const char *values[5];
	if (http_allow_any(rq, POLICY_CREATE, "person", err) || api_body_fields(rq, values, err))
		return -1;
	struct account_invitation in = {.email = values[0],
					.given_name = values[1],
					.family_name = values[2],
					.org_id = values[3] ? strtoll(values[3], NULL, 10) : 0,
					.role = values[4]};
	int64_t id = 0;
	int resent = 0;
	if (account_invite(rq->db, &rq->who, rq->a, &in, &id, &resent, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 201);
	jw_obj_begin(&w);
	jw_kv_int(&w, "person_id", id);
	jw_kv_str(&w, "email", in.email);
	jw_kv_bool(&w, "resent", resent);
	jw_obj_end(&w);
	return 0;
}

static const char *const invite_roles[] = {"admin",  "facilitator", "district_lead",
					   "member", "partner",	    NULL};

static const struct route_field invite_body[] = {
	{"email", "string", 1, NULL, "the address the invitation goes to; they sign in with it"},
	{"given_name", "string", 1, NULL, "their given name"},
	{"family_name", "string", 1, NULL, "their family name"},
	{"org_id", "integer", 1, NULL,
	 "the organization of their first role (a district lead: her district or its schools)"},
	{"role", "string", 1, invite_roles,
	 "their first role (a district lead invites members and district leads)"},
	{NULL, NULL, 0, NULL, NULL},
};

static const struct route_field sign_in_body[] = {
	{"email", "string", 1, NULL, "the address the person signs in with"},
	{"password", "string", 1, NULL, "their password"},
	{NULL, NULL, 0, NULL, NULL},
};

static const struct route session_routes[] = {
	{"POST", "/api/v1/session", session_create, NULL, POLICY_CREATE, NULL,
	 ROUTE_PUBLIC | ROUTE_NO_CSRF,
	 "Sign in: sets the session cookie and returns the CSRF token", sign_in_body, NULL},
	{"GET", "/api/v1/session", session_get, NULL, POLICY_READ, NULL, ROUTE_PUBLIC,
	 "Who is signed in, with their roles", NULL, NULL},
	{"POST", "/api/v1/invitations", session_invite, "person", POLICY_CREATE, NULL, 0,
	 "Invite a person: makes them with a first role and mails a one-time link (7 days) "
	 "to set a password; inviting again someone who has not set one replaces the link",
	 invite_body, NULL},
	{"DELETE", "/api/v1/session", session_delete, NULL, POLICY_DELETE, NULL, ROUTE_PUBLIC,
	 "Sign out", NULL, NULL},
};

size_t api_session_routes(const struct route **out)
{
	*out = session_routes;
	return sizeof(session_routes) / sizeof(session_routes[0]);
}
