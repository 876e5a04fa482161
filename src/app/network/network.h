/* Folder app/network: leadership networks and what happens in them.
 *   network.c/h         networks, facilitators, people linked to networks/teams/meetings
 *   network_view.c/h    a network as a person sees it (page, API include, CLI)
 *   team.c/h            district teams and their members
 *   meeting.c/h         network meetings
 *   agenda.c/h          agenda items, their materials and order
 *   attendance.c/h      who attended a meeting
 *   calendar.c/h        iCalendar feeds of meetings and PD sessions
 *   calendar_token.c/h  calendar subscription tokens
 */
/* network: leadership networks (one per region, content area and school year) and who
 * facilitates them; the listing of people linked to a network, a team or a meeting
 * (struct network_people), and the one audited way of linking them, which team.c
 * (members) and attendance.c (attendance) use too. */
#ifndef CN_NETWORK_H
#define CN_NETWORK_H
#include <stdint.h>

#include "app/record.h"

extern const struct rec_entity network_entity;

/* The content areas of networks (and of library items), NULL-terminated. */
extern const char *const network_content_areas[];

/* One person linked to a network, team or meeting, for listings. */
struct network_person {
	int64_t person_id;
	const char *name;  /* "Given Family" */
	const char *email; /* may be NULL */
	const char *role;  /* facilitator | lead | member | present | absent | excused */
	int64_t team_id;   /* attendance: the person's team in the meeting's network, or 0 */
	int former;        /* team members: seated, but no longer of the team's district (their
			    * membership ended); name says so, email is NULL */
};

struct network_people {
	struct network_person *items;
	size_t count;
};

int network_facilitator_add(struct store *db, const struct actor *who, int64_t network_id,
			    int64_t person_id, struct cn_err *err);
int network_facilitator_remove(struct store *db, const struct actor *who, int64_t network_id,
			       int64_t person_id, struct cn_err *err);
int network_facilitators(struct store *db, struct arena *a, int64_t network_id,
			 struct network_people *out, struct cn_err *err);




/* One kind of link between a person and an owning record (a network's facilitators,
 * a team's members, a meeting's attendance), declared once by the module that owns it. */
struct network_link {
	const char *sql; /* binds ?1 owner id, ?2 person id, ?3 text (when given), ?4 now */
	const struct rec_entity *owner;
	const char *what; /* "member of": the audit event's change, and messages */
	const char *const *choices; /* when not NULL, text must be one of these ... */
	const char *choice_field;   /* ... or CN_ERR_INPUT names this field */
	int with_time;              /* binds ?4 */
	int must_change;            /* CN_ERR_NOT_FOUND when no row changed (removals) */
	/* When not NULL, asked within the transaction whether person_id may be linked to
	 * owner; a person who does not exist is then refused the same way. */
	int (*may_link)(struct store *db, struct arena *a, const struct rec *owner,
			int64_t person_id, struct cn_err *err);
};
/* Runs link l for (owner_id, person_id, text) in one transaction, audited as an update
 * of the owner. CN_ERR_INPUT naming person_id when there is no such person. */
int network_link_person(struct store *db, const struct actor *who, const struct network_link *l,
			int64_t owner_id, int64_t person_id, const char *text, struct cn_err *err);

/* Runs sql (columns: person id, name, email, role, team id; ?1 = id) and collects the
 * people into out (in a). */
int network_people_query(struct store *db, struct arena *a, const char *sql, int64_t id,
			 struct network_people *out, struct cn_err *err);
/* Writes a list of network_person as a JSON array. */
void network_people_json(struct jw *w, const struct network_people *people);

#endif
