/* network: leadership networks, district teams, meetings with their agendas, and who
 * facilitates, belongs and attends. */
#ifndef CN_NETWORK_H
#define CN_NETWORK_H
#include <stdint.h>

#include "app/record.h"

extern const struct rec_entity network_entity;
extern const struct rec_entity team_entity;
extern const struct rec_entity meeting_entity;
extern const struct rec_entity agenda_item_entity;

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

/* The attendance statuses "present", "absent", "excused", NULL, and their labels for
 * forms, in the same order. */
extern const char *const attendance_statuses[];
extern const char *const attendance_status_labels[];

/* status: "present", "absent" or "excused"; recording again replaces it. The person
 * attends the meeting's network: a facilitator of it, or on one of its teams with an
 * active membership in that team's district or one of its schools; otherwise (or if
 * there is no such person) CN_ERR_INPUT naming person_id, for every actor. */
int attendance_set(struct store *db, const struct actor *who, int64_t meeting_id,
		   int64_t person_id, const char *status, struct cn_err *err);
/* One person's attendance in a batch. */
struct attendance_mark {
	int64_t person_id;
	const char *status;
};
/* Records marks[0..n) at meeting_id (the meeting page's attendance form), all or none,
 * in one transaction: each is checked and audited as by attendance_set. When one is
 * refused nothing is written, *failed (may be NULL) is its index and err names its
 * field (status, person_id). n = 0 writes nothing and succeeds. */
int attendance_set_all(struct store *db, const struct actor *who, int64_t meeting_id,
		       const struct attendance_mark *marks, size_t n, size_t *failed,
		       struct cn_err *err);
int attendance_list(struct store *db, struct arena *a, int64_t meeting_id,
		    struct network_people *out, struct cn_err *err);

/* Agenda items of a meeting in agenda order. */
int agenda_items(struct store *db, struct arena *a, int64_t meeting_id, struct rec_list *out,
		 struct cn_err *err);

/* Runs sql (columns: person id, name, email, role, team id; ?1 = id) and collects the
 * people into out (in a). */
int network_people_query(struct store *db, struct arena *a, const char *sql, int64_t id,
			 struct network_people *out, struct cn_err *err);
/* Writes a list of network_person as a JSON array. */
void network_people_json(struct jw *w, const struct network_people *people);

#endif
