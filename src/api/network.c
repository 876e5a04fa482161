/* network: the links of networks, teams and meetings: who facilitates a network, who
 * is on a team and in which role, who attended a meeting, a meeting's agenda in order
 * and its materials (library items and deliverables linked to agenda items); and a
 * network's teams embedded in it (`GET /networks/{id}?include=teams`).
 * The networks, teams, meetings and agenda items themselves are declared entities
 * served by entity.c. */
#include <string.h>

#include "api/resource.h"
#include "app/network/agenda.h"
#include "app/deliverable/deliverable.h"
#include "app/library/library.h"
#include "app/network/network.h"
#include "app/network/network_view.h"
#include "app/org/person.h"
#include "app/network/attendance.h"
#include "app/network/meeting.h"
#include "app/network/team.h"

static void people_answer(struct http_resp *rs, const struct network_people *people)
{
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_key(&w, "items");
	network_people_json(&w, people);
	jw_obj_end(&w);
}

static int facilitators_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *net = rq->record;
	struct network_people people;
	struct policy_scope s = {0};
	s.network_id = net->id;
	if (http_allow_scope(rq, POLICY_READ, "network_facilitator", &s, err) ||
	    network_facilitators(rq->db, rq->a, net->id, &people, err))
		return -1;
	people_answer(rs, &people);
	return 0;
}

static int facilitator_change(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *net = rq->record;
	int64_t person = 0;
	if (http_param_id(rq, "person_id", &person, err))
		return -1;
	int put = strcmp(rq->method, "PUT") == 0;
	struct policy_scope s = {.network_id = net->id, .owner_id = person};
	if (http_allow_scope(rq, put ? POLICY_CREATE : POLICY_DELETE, "network_facilitator", &s,
			    err))
		return -1;
	if (put ? network_facilitator_add(rq->db, &rq->who, net->id, person, err)
		: network_facilitator_remove(rq->db, &rq->who, net->id, person, err))
		return -1;
	api_no_content(rs);
	return 0;
}

static int members_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *team = rq->record;
	struct network_people people;
	struct policy_scope s = {.network_id = rec_int(team, "network_id"),
				 .district_id = rec_int(team, "district_id")};
	if (http_allow_scope(rq, POLICY_READ, "team_member", &s, err) ||
	    team_members(rq->db, rq->a, team->id, &people, err))
		return -1;
	people_answer(rs, &people);
	return 0;
}

static int member_change(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *team = rq->record;
	int64_t person = 0;
	if (http_param_id(rq, "person_id", &person, err))
		return -1;
	int put = strcmp(rq->method, "PUT") == 0;
	struct policy_scope s = {.network_id = rec_int(team, "network_id"),
				 .district_id = rec_int(team, "district_id"),
				 .owner_id = person};
	if (http_allow_scope(rq, put ? POLICY_CREATE : POLICY_DELETE, "team_member", &s, err))
		return -1;
	if (put) {
		const char *values[1];
		if (api_body_fields(rq, values, err) ||
		    team_member_set(rq->db, &rq->who, team->id, person, values[0], err))
			return -1;
	} else if (team_member_remove(rq->db, &rq->who, team->id, person, err)) {
		return -1;
	}
	api_no_content(rs);
	return 0;
}

/* The scope of one person's attendance at a meeting of network_id. */
static int attendance_scope(struct http_req *rq, int64_t network_id, int64_t person,
			    struct policy_scope *s, struct cn_err *err)
{
	memset(s, 0, sizeof(*s));
	s->network_id = network_id;
	s->owner_id = person;
	return policy_team_district(rq->policy, person, network_id, &s->district_id, err);
}

static int attendance_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *meeting = rq->record;
	struct network_people all;
	if (attendance_list(rq->db, rq->a, meeting->id, &all, err))
		return -1;
	int64_t network_id = rec_int(meeting, "network_id");
	/* Each row is its person's district's record: the actor sees those it may, of
	 * people it may read (a name and address are the person's). */
	struct network_people seen = {arena_alloc(rq->a, sizeof(*all.items) * (all.count + 1)), 0};
	for (size_t i = 0; i < all.count; i++) {
		struct policy_scope s;
		int64_t person = all.items[i].person_id;
		int may = policy_may_read(rq->policy, &person_entity, person, err);
		if (may < 0 || attendance_scope(rq, network_id, person, &s, err))
			return -1;
		if (may && http_allow_scope(rq, POLICY_READ, "attendance", &s, err) == 0)
			seen.items[seen.count++] = all.items[i];
		else if (may && err->kind != CN_ERR_FORBIDDEN)
			return -1;
	}
	cn_err_clear(err);
	people_answer(rs, &seen);
	return 0;
}

static int attendance_put(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *meeting = rq->record;
	int64_t person = 0;
	struct policy_scope s;
	const char *values[1];
	if (http_param_id(rq, "person_id", &person, err) ||
	    attendance_scope(rq, rec_int(meeting, "network_id"), person, &s, err) ||
	    http_allow_scope(rq, POLICY_CREATE, "attendance", &s, err) ||
	    api_body_fields(rq, values, err) ||
	    attendance_set(rq->db, &rq->who, meeting->id, person, values[0], err))
		return -1;
	api_no_content(rs);
	return 0;
}

static int agenda_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *meeting = rq->record;
	struct rec_list items;
	if (agenda_items(rq->db, rq->a, meeting->id, &items, err) ||
	    http_keep_readable(rq, "agenda_item", &items, err))
		return -1;
	struct jw w;
	api_items_begin(rs, &w);
	for (size_t i = 0; i < items.count; i++)
		rec_to_json(&w, items.items[i]);
	api_items_end(&w, 0, 0);
	return 0;
}

/* GET /meetings/{id}/materials: the materials the actor may read, in agenda order. */
static int materials_get(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *meeting = rq->record;
	struct agenda_material *m = NULL;
	size_t n = 0;
	if (agenda_materials(rq->db, rq->a, meeting->id, &m, &n, err))
		return -1;
	struct jw w;
	api_items_begin(rs, &w);
	for (size_t i = 0; i < n; i++) {
		int lib = strcmp(m[i].entity, "library_item") == 0;
		struct rec *r = NULL;
		if (rec_get(rq->db, rq->a, lib ? &library_item_entity : &deliverable_entity, m[i].id,
			    &r, err))
			return -1;
		int can = http_can_read(rq, m[i].entity, r, err);
		if (can < 0)
			return -1;
		if (!can)
			continue;
		agenda_material_json(&w, &m[i]);
	}
	api_items_end(&w, 0, 0);
	return 0;
}

/* PUT and DELETE /agenda-items/{id}/library-items/{item_id} and
 * /agenda-items/{id}/deliverables/{deliverable_id}: link or unlink a material. A change
 * of the agenda item, for those who may change it; the material must be one they may
 * read. */
static int material_change(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *item = rq->record;
	struct rec *r = NULL;
	int64_t id = 0;
	int lib = strstr(rq->path, "/library-items/") != NULL;
	const struct rec_entity *e = lib ? &library_item_entity : &deliverable_entity;
	if (http_param_id(rq, lib ? "item_id" : "deliverable_id", &id, err) ||
	    rec_get(rq->db, rq->a, e, id, &r, err) ||
	    http_allow_record(rq, POLICY_READ, e->name, r, err))
		return -1;
	if (strcmp(rq->method, "PUT") == 0 ? agenda_material_add(rq->db, &rq->who, item->id,
								 e->name, id, err)
					   : agenda_material_remove(rq->db, &rq->who, item->id,
								    e->name, id, err))
		return -1;
	api_no_content(rs);
	return 0;
}

/* `?include=teams` on a network: the teams the actor may read. */
static int network_teams(struct http_req *rq, const struct rec *net, struct jw *w,
			 struct cn_err *err)
{
	struct network_view v;
	if (network_view_load(rq->db, http_policy(rq), rq->a, net->id, NETWORK_VIEW_TEAMS, &v, err))
		return -1;
	network_view_teams_json(w, &v);
	return 0;
}

const struct api_include api_includes[] = {
	{&network_entity, "teams", network_teams},
	{NULL, NULL, NULL},
};

static const struct route_field role_body[] = {
	{"role", "string", 1, team_roles, "lead or member"},
	{NULL, NULL, 0, NULL, NULL},
};
static const struct route_field status_body[] = {
	{"status", "string", 1, attendance_statuses, "present, absent or excused"},
	{NULL, NULL, 0, NULL, NULL},
};

/* The record each route acts on (route_load): a network, team or meeting the actor
 * may read, whose facilitators, members, attendance or agenda the route's rule then
 * decides on in its scope; or the agenda item the actor may change. */
static const struct route_load owner_network = {&network_entity, "id", NULL, NULL, 1};
static const struct route_load owner_team = {&team_entity, "id", NULL, NULL, 1};
static const struct route_load owner_meeting = {&meeting_entity, "id", NULL, NULL, 1};
static const struct route_load agenda_item_of_path = {&agenda_item_entity, "id", NULL, NULL, 0};

static const struct route network_routes[] = {
	{"GET", "/api/v1/networks/{id}/facilitators", facilitators_get, "network_facilitator",
	 POLICY_READ, NULL, 0, "The network's facilitators", NULL, NULL, &owner_network},
	{"PUT", "/api/v1/networks/{id}/facilitators/{person_id}", facilitator_change,
	 "network_facilitator", POLICY_CREATE, NULL, 0, "Make a person a facilitator", NULL, NULL, &owner_network},
	{"DELETE", "/api/v1/networks/{id}/facilitators/{person_id}", facilitator_change,
	 "network_facilitator", POLICY_DELETE, NULL, 0, "Remove a facilitator", NULL, NULL, &owner_network},
	{"GET", "/api/v1/teams/{id}/members", members_get, "team_member", POLICY_READ, NULL, 0,
	 "The team's members and their roles; one whose membership ended is marked "
	 "membership_ended, without email",
	 NULL, NULL, &owner_team},
	{"PUT", "/api/v1/teams/{id}/members/{person_id}", member_change, "team_member",
	 POLICY_CREATE, NULL, 0,
	 "Add a person of the team's district (or a facilitator of the network's "
	 "cooperative; 400 naming person_id otherwise) to the team, or change their role",
	 role_body, NULL, &owner_team},
	{"DELETE", "/api/v1/teams/{id}/members/{person_id}", member_change, "team_member",
	 POLICY_DELETE, NULL, 0, "Remove a person from the team", NULL, NULL, &owner_team},
	{"GET", "/api/v1/meetings/{id}/attendance", attendance_get, "attendance", POLICY_READ, NULL,
	 0, "Who attended the meeting (the rows the caller may see)", NULL, NULL, &owner_meeting},
	{"PUT", "/api/v1/meetings/{id}/attendance/{person_id}", attendance_put, "attendance",
	 POLICY_CREATE, NULL, 0,
	 "Record the attendance of a person on a team of the meeting's network (with a "
	 "membership in its district) or of its facilitator; 400 naming person_id otherwise",
	 status_body, NULL, &owner_meeting},
	{"GET", "/api/v1/meetings/{id}/agenda", agenda_get, "agenda_item", POLICY_READ, NULL, 0,
	 "The meeting's agenda items in order", NULL, NULL, &owner_meeting},
	{"GET", "/api/v1/meetings/{id}/materials", materials_get, "agenda_item", POLICY_READ, NULL,
	 0, "The library items and deliverables linked from the meeting's agenda", NULL, NULL, &owner_meeting},
	{"PUT", "/api/v1/agenda-items/{id}/library-items/{item_id}", material_change,
	 "agenda_item", POLICY_UPDATE, NULL, 0, "Link a library item to the agenda item", NULL,
	 NULL, &agenda_item_of_path},
	{"DELETE", "/api/v1/agenda-items/{id}/library-items/{item_id}", material_change,
	 "agenda_item", POLICY_UPDATE, NULL, 0, "Unlink a library item from the agenda item",
	 NULL, NULL, &agenda_item_of_path},
	{"PUT", "/api/v1/agenda-items/{id}/deliverables/{deliverable_id}", material_change,
	 "agenda_item", POLICY_UPDATE, NULL, 0, "Link a deliverable to the agenda item", NULL,
	 NULL, &agenda_item_of_path},
	{"DELETE", "/api/v1/agenda-items/{id}/deliverables/{deliverable_id}", material_change,
	 "agenda_item", POLICY_UPDATE, NULL, 0, "Unlink a deliverable from the agenda item", NULL,
	 NULL, &agenda_item_of_path},
};

size_t api_network_routes(const struct route **out)
{
	*out = network_routes;
	return sizeof(network_routes) / sizeof(network_routes[0]);
}
