/* network_view: a network as the actor sees it (see network_view.h). */
#include "app/network/network_view.h"

#include <stdlib.h>
#include <string.h>

#include "app/network/meeting.h"
#include "app/network/team.h"
#include "app/org/org.h"
#include "core/timeutil.h"

/* Every record of e whose filter `filter` is id, in id order, into out (in a). */
static int network_view_all(struct store *db, struct arena *a, const struct rec_entity *e,
			    const char *filter, int64_t id, struct rec_list *out,
			    struct cn_err *err)
{
	struct rec_query q = {.limit = REC_LIST_MAX};
	q.filter[rec_filter_index(e, filter)] = arena_printf(a, "%lld", (long long)id);
	memset(out, 0, sizeof(*out));
	for (;;) {
		struct rec_list page;
		if (rec_list(db, a, e, &q, &page, err))
			return -1;
		struct rec **all = arena_alloc(a, sizeof(*all) * (out->count + page.count + 1));
		if (out->count > 0)
			memcpy(all, out->items, sizeof(*all) * out->count);
		memcpy(all + out->count, page.items, sizeof(*all) * page.count);
		out->items = all;
		out->count += page.count;
		if (page.next_cursor == 0)
			return 0;
		q.cursor = page.next_cursor;
	}
}

/* The name of organization id, or NULL when there is none or it cannot be read. */
static const char *network_view_org_name(struct store *db, struct arena *a, int64_t id)
{
	struct rec *org = NULL;
	struct cn_err ignored = {0};
	if (id == 0 || rec_get(db, a, &org_entity, id, &org, &ignored) != 0)
		return NULL;
	return rec_text(org, "name");
}

static int network_view_by_start(const void *a, const void *b)
{
	const struct rec *x = *(const struct rec *const *)a, *y = *(const struct rec *const *)b;
	return strcmp(rec_text(x, "starts_at"), rec_text(y, "starts_at"));
}

/* The network's teams, and which of them the actor may read. */
static int network_view_teams(struct store *db, struct policy *p, struct arena *a,
			      struct network_view *v, struct cn_err *err)
{
	if (network_view_all(db, a, &team_entity, "network_id", v->network->id, &v->teams, err))
		return -1;
	v->team_seen = arena_alloc(a, sizeof(int) * (v->teams.count + 1));
	for (size_t i = 0; i < v->teams.count; i++) {
		int can = policy_may(p, POLICY_READ, "team", v->teams.items[i], err);
		if (can < 0)
			return -1;
		v->team_seen[i] = can;
		v->teams_seen += (size_t)can;
	}
	return 0;
}

/* Meetings split into upcoming (soonest first) and past (latest first). */
static int network_view_meetings(struct store *db, struct arena *a, struct network_view *v,
				 struct cn_err *err)
{
	struct rec_list meetings;
	if (network_view_all(db, a, &meeting_entity, "network_id", v->network->id, &meetings,
			     err))
		return -1;
	qsort(meetings.items, meetings.count, sizeof(*meetings.items), network_view_by_start);
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	v->upcoming = arena_alloc(a, sizeof(struct rec *) * (meetings.count + 1));
	v->past = arena_alloc(a, sizeof(struct rec *) * (meetings.count + 1));
	for (size_t i = 0; i < meetings.count; i++) {
		struct rec *m = meetings.items[i];
		if (strcmp(rec_text(m, "ends_at"), now) >= 0)
			v->upcoming[v->nupcoming++] = m;
		else
			v->past[meetings.count - 1 - v->npast++] = m;
		v->zone = rec_text(m, "tz");
	}
	v->past += meetings.count - v->npast;
	return 0;
}

/* Members of the teams seen, and their profiles: a team's profile is its district's
 * records, shown where the team is. */
static int network_view_team_details(struct store *db, struct arena *a, struct network_view *v,
				     struct cn_err *err)
{
	v->members = arena_alloc(a, sizeof(*v->members) * (v->teams.count + 1));
	v->districts_of = arena_alloc(a, sizeof(*v->districts_of) * (v->teams.count + 1));
	if (v->teams_seen == 0)
		return 0;
	/* Every team's members and their standing in its district in a few statements,
	 * however many teams there are (read before the profiles, which end those sets). */
	if (v->teams.count > 1 && team_members_read_all(db, v->network->id, err))
		return -1;
	for (size_t i = 0; i < v->teams.count; i++)
		if (v->team_seen[i] &&
		    team_members(db, a, v->teams.items[i]->id, &v->members[i], err))
			return -1;
	if (profile_network(db, a, v->network->id, &v->profiles, err))
		return -1;
	v->profile_seen = arena_alloc(a, sizeof(*v->profile_seen) * (v->profiles.count + 1));
	for (size_t i = 0; i < v->profiles.count; i++)
		for (size_t k = 0; k < v->teams.count; k++)
			if (v->team_seen[k] && v->teams.items[k]->id == v->profiles.teams[i].team_id)
				v->profile_seen[v->nprofiles++] = &v->profiles.teams[i];
	for (size_t i = 0; i < v->teams.count; i++) {
		if (!v->team_seen[i])
			continue;
		const struct rec *t = v->teams.items[i];
		/* The district's name as the profiles read it, for all teams at once. */
		for (size_t k = 0; k < v->profiles.count && v->districts_of[i] == NULL; k++)
			if (v->profiles.teams[k].team_id == t->id)
				v->districts_of[i] = v->profiles.teams[k].district_name;
		if (v->districts_of[i] == NULL)
			v->districts_of[i] = network_view_org_name(db, a, rec_int(t, "district_id"));
	}
	return 0;
}

/* What the actor may do here, and the districts a new team may come from. */
static int network_view_may(struct store *db, struct policy *p, struct arena *a,
			    struct network_view *v, struct cn_err *err)
{
	struct policy_scope s = {.network_id = v->network->id};
	const struct {
		int *may;
		enum policy_verb verb;
		const char *entity;
	} asks[] = {
		{&v->may.add_meeting, POLICY_CREATE, "meeting"},
		{&v->may.add_facilitator, POLICY_CREATE, "network_facilitator"},
		{&v->may.copy_instrument, POLICY_CREATE, "instrument"},
		{&v->may.edit, POLICY_UPDATE, "network"},
		{&v->may.add_team, POLICY_CREATE, "team"},
		{&v->may.remove_facilitator, POLICY_DELETE, "network_facilitator"},
	};
	for (size_t i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
		*asks[i].may = policy_may_scope(p, asks[i].verb, asks[i].entity, &s, err);
		if (*asks[i].may < 0)
			return -1;
	}
	if (!v->may.add_team)
		return 0;
	struct rec_query q = {.filter = {"district"}, .limit = REC_LIST_MAX};
	struct rec_list d;
	if (rec_list(db, a, &org_entity, &q, &d, err))
		return -1;
	v->districts = arena_alloc(a, sizeof(*v->districts) * (d.count + 1));
	v->district_names = arena_alloc(a, sizeof(*v->district_names) * (d.count + 1));
	size_t n = 0;
	for (size_t i = 0; i < d.count; i++) {
		size_t k = 0;
		while (k < v->teams.count && rec_int(v->teams.items[k], "district_id") != d.items[i]->id)
			k++;
		if (k < v->teams.count)
			continue;
		v->districts[n] = arena_printf(a, "%lld", (long long)d.items[i]->id);
		v->district_names[n++] = rec_text(d.items[i], "name");
	}
	v->districts[n] = v->district_names[n] = NULL;
	return 0;
}

int network_view_load(struct store *db, struct policy *p, struct arena *a, int64_t id,
		      unsigned parts, struct network_view *v, struct cn_err *err)
{
	memset(v, 0, sizeof(*v));
	if (rec_get(db, a, &network_entity, id, &v->network, err))
		return -1;
	int can = policy_may(p, POLICY_READ, "network", v->network, err);
	if (can <= 0)
		return can < 0 ? -1
			       : cn_err_set(err, CN_ERR_NOT_FOUND, "there is no network with id %lld",
					    (long long)id);
	if (network_view_teams(db, p, a, v, err))
		return -1;
	if (parts == NETWORK_VIEW_TEAMS)
		return 0;
	v->region = network_view_org_name(db, a, rec_int(v->network, "region_id"));
	struct policy_scope s = {.network_id = id};
	v->facilitators_seen = policy_may_scope(p, POLICY_READ, "network_facilitator", &s, err);
	if (v->facilitators_seen < 0 ||
	    (v->facilitators_seen && network_facilitators(db, a, id, &v->facilitators, err)))
		return -1;
	if (network_view_meetings(db, a, v, err) || network_view_team_details(db, a, v, err))
		return -1;
	return network_view_may(db, p, a, v, err);
}

void network_view_teams_json(struct jw *w, const struct network_view *v)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < v->teams.count; i++)
		if (v->team_seen[i])
			rec_to_json(w, v->teams.items[i]);
	jw_arr_end(w);
}

static void network_view_meetings_json(struct jw *w, const char *key, struct rec **ms, size_t n)
{
	jw_key(w, key);
	jw_arr_begin(w);
	for (size_t i = 0; i < n; i++)
		rec_to_json(w, ms[i]);
	jw_arr_end(w);
}

void network_view_json(struct jw *w, const struct network_view *v)
{
	jw_obj_begin(w);
	jw_key(w, "network");
	rec_to_json(w, v->network);
	jw_kv_str(w, "region", v->region);
	if (v->facilitators_seen) {
		jw_key(w, "facilitators");
		network_people_json(w, &v->facilitators);
	}
	network_view_meetings_json(w, "upcoming_meetings", v->upcoming, v->nupcoming);
	network_view_meetings_json(w, "past_meetings", v->past, v->npast);
	jw_kv_int(w, "team_count", (int64_t)v->teams.count);
	jw_key(w, "teams");
	jw_arr_begin(w);
	for (size_t i = 0; i < v->teams.count; i++) {
		if (!v->team_seen[i])
			continue;
		jw_obj_begin(w);
		rec_fields_json(w, v->teams.items[i]);
		jw_key(w, "members");
		network_people_json(w, &v->members[i]);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "profiles");
	jw_arr_begin(w);
	for (size_t i = 0; i < v->nprofiles; i++)
		profile_json(w, v->profile_seen[i]);
	jw_arr_end(w);
	jw_key(w, "may");
	jw_obj_begin(w);
	jw_kv_bool(w, "edit", v->may.edit);
	jw_kv_bool(w, "add_meeting", v->may.add_meeting);
	jw_kv_bool(w, "add_facilitator", v->may.add_facilitator);
	jw_kv_bool(w, "remove_facilitator", v->may.remove_facilitator);
	jw_kv_bool(w, "add_team", v->may.add_team);
	jw_kv_bool(w, "copy_instrument", v->may.copy_instrument);
	jw_obj_end(w);
	jw_obj_end(w);
}
