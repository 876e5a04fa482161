/* team: one district's team in one network, and its members with their team roles. */
#ifndef CN_TEAM_H
#define CN_TEAM_H
#include <stdint.h>

#include "app/network/network.h"
#include "app/record.h"

/* team: network_id, district_id, name (defaults to the district's); one per district
 * and network. */
extern const struct rec_entity team_entity;

/* A team member's roles: "lead", "member", NULL. */
extern const char *const team_roles[];

/* role: "lead" or "member". Adding a person already on the team changes the role.
 * The person must be of the team's district for its network (person_of_district: an
 * active membership in it or one of its schools, or facilitating the network);
 * otherwise, or if there is no such person, CN_ERR_INPUT naming person_id. This holds
 * for every actor, the command line's operator too. A seat on a team grants no access by itself (app/access/policy.c). */
int team_member_set(struct store *db, const struct actor *who, int64_t team_id,
		    int64_t person_id, const char *role, struct cn_err *err);
int team_member_remove(struct store *db, const struct actor *who, int64_t team_id,
		       int64_t person_id, struct cn_err *err);
/* The team's members; one whose membership in the team's district has ended is listed
 * by name with " (membership ended)", former set and no email, so that the team sees
 * whom to remove without reading a person it no longer may. */
int team_members(struct store *db, struct arena *a, int64_t team_id, struct network_people *out,
		 struct cn_err *err);
/* Reads the members of every team of network_id at once: team_members then answers
 * for those teams without statements of its own until the transaction ends. Outside
 * a transaction it reads nothing (team_members reads team by team). */
int team_members_read_all(struct store *db, int64_t network_id, struct cn_err *err);
/* The active people with an active membership in team_id's district or one of its
 * schools (those who may join the team), by family name; role is NULL. In a. */
int team_district_people(struct store *db, struct arena *a, int64_t team_id,
			 struct network_people *out, struct cn_err *err);

#endif
