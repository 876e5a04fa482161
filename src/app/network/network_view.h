/* network_view: one network as a person sees it (DESIGN §2, "a network view"): its facts
 * and facilitators, its meetings, its district teams with their members and
 * capacity-building profiles side by side, and what the actor may do there. Only what
 * the policy lets the actor read is in it: other districts' teams are counted, never
 * shown. The network page, the API's `?include=teams` and `capnet network view` read
 * it here, so that they agree. */
#ifndef CN_NETWORK_VIEW_H
#define CN_NETWORK_VIEW_H
#include <stddef.h>

#include "app/access/policy.h"
#include "app/network/network.h"
#include "app/profile/profile.h"
#include "core/json.h"

/* What network_view_load reads: the teams alone (with which the actor may read), or
 * everything. */
enum network_view_parts { NETWORK_VIEW_TEAMS = 1, NETWORK_VIEW_ALL = 3 };

/* What the actor may do on the network's page (1 may, 0 may not). */
struct network_view_may {
	int edit;               /* change the network's details */
	int add_meeting;
	int add_facilitator;
	int remove_facilitator;
	int add_team;
	int copy_instrument; /* keep the network's own needs-assessment instruments */
};

struct network_view {
	struct rec *network;
	const char *region;      /* the region's name; NULL when statewide */
	int facilitators_seen;   /* the actor may read who facilitates */
	struct network_people facilitators;
	struct rec **upcoming;   /* meetings not yet ended, soonest first */
	struct rec **past;       /* the others, latest first */
	size_t nupcoming, npast;
	const char *zone;        /* the latest meeting's zone: the default for a new one */
	struct rec_list teams;   /* every team of the network, by id */
	int *team_seen;          /* per team: the actor may read it */
	size_t teams_seen;
	struct network_people *members; /* per team seen: its members */
	const char **districts_of;      /* per team seen: its district's name (or NULL) */
	struct profile_network profiles; /* every team's profile (when a team is seen) */
	const struct profile **profile_seen; /* the profiles of the teams seen, by name */
	size_t nprofiles;
	struct network_view_may may;
	/* When may.add_team: the districts with no team here yet (ids as text, names),
	 * NULL-terminated. */
	const char **districts, **district_names;
};

/* Reads network id as the actor of p sees it, all in a. CN_ERR_NOT_FOUND when there
 * is no such network or the actor may not read it. With NETWORK_VIEW_TEAMS only
 * network, teams, team_seen and teams_seen are filled in. */
int network_view_load(struct store *db, struct policy *p, struct arena *a, int64_t id,
		      unsigned parts, struct network_view *out, struct cn_err *err);

/* The teams the actor may read, as an array of team records (the API's include). */
void network_view_teams_json(struct jw *w, const struct network_view *v);
/* The whole view as one JSON object: network, region, facilitators (when seen),
 * meetings (upcoming, past), teams with their members, profiles, may. */
void network_view_json(struct jw *w, const struct network_view *v);

#endif
