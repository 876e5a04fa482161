/* reflection: a participant's reflection on a network meeting. Private to its author
 * unless shared with the author's team (DESIGN §5); policy.c reads its audience. */
#ifndef CN_REFLECTION_H
#define CN_REFLECTION_H
#include <stdint.h>

#include "app/record.h"

/* reflection: meeting_id, person_id (the author), team_id (derived: the author's team
 * in the meeting's network, or null for a facilitator), distill, synthesize,
 * internalize, contextualize, shared (with the author's team). One per person and
 * meeting. */
extern const struct rec_entity reflection_entity;

/* What the policy module needs to decide who may read a reflection: it is private to
 * its author unless shared, and then visible to the author's team. */
struct reflection_audience {
	int64_t reflection_id;
	int64_t author_id;
	int shared;
	int64_t team_id;    /* the author's team in the meeting's network; 0 if none */
	int64_t network_id; /* the meeting's network */
	int64_t meeting_id;
};
int reflection_audience_get(struct store *db, int64_t reflection_id,
			    struct reflection_audience *out, struct cn_err *err);
/* Shares a reflection with the author's team (shared 1) or makes it private again
 * (0). Refused for an author without a team. */
int reflection_share(struct store *db, const struct actor *who, struct arena *a,
		     int64_t reflection_id, int shared, struct rec **out, struct cn_err *err);

#endif
