/* Folder app/delivery: what happens in districts and at meetings between plans.
 *   delivery.c/h    PD sessions with attendees and lineage, classroom walkthroughs
 *   reflection.c/h  participants' reflections on network meetings
 *   tryout.c/h      try-outs of library items and their summary
 */
/* delivery: what a district team does between network meetings. PD sessions it
 * delivers (or plans) for its staff, with attendees and the lineage back to the
 * network meeting or deliverable version they came from; classroom walkthroughs
 * (evidence that a strategy is in use). Reflections on network meetings are in
 * reflection.h.
 *
 * Guskey's levels of PD evaluation label evidence: 1 reactions, 2 learning,
 * 3 organizational support, 4 use of new knowledge and skills, 5 student outcomes.
 * A PD session carries the level of evidence its team collected (guskey_level); a
 * walkthrough is always level 4 (DELIVERY_WALKTHROUGH_GUSKEY). */
#ifndef CN_DELIVERY_H
#define CN_DELIVERY_H
#include <stdint.h>

#include "app/network/network.h"
#include "app/record.h"

/* pd_session: team_id, school_id, action_id, schedule_id and scheduled_on (set by
 * schedule generation), title, held_on, start_time (HH:MM), tz, minutes, pd_format (plc, coaching,
 * whole_group, other), status (planned, delivered, cancelled), facilitator_id,
 * source_meeting_id, source_deliverable_id, source_version_id (pinned to the latest
 * version when only the deliverable is given), changes_note, unchanged_redelivery
 * (derived: a source and no changes_note), guskey_level, uid (stable calendar id). */
extern const struct rec_entity pd_session_entity;
/* walkthrough: team_id, school_id, observed_on, item_id (the library item: the
 * strategy looked for), observed, note, observer_id. */
extern const struct rec_entity walkthrough_entity;

enum { DELIVERY_WALKTHROUGH_GUSKEY = 4, DELIVERY_MINUTES_MAX = 720 };

/* The formats of a PD session (and of a PD schedule's sessions): "plc", "coaching",
 * "whole_group", "other", NULL, and their labels for forms, in the same order. */
extern const char *const delivery_formats[];
extern const char *const delivery_format_labels[];

/* The first and last day ("YYYY-MM-DD") of school year "2026-27": July 1 to June 30.
 * -1 if sy is not a school year. */
int delivery_school_year_bounds(const char *sy, char from[11], char to[11]);

/* Marks a planned (or cancelled) session delivered, applying the fields changes gave
 * (e.g. minutes, held_on, changes_note; changes may be NULL). CN_ERR_CONFLICT when it
 * is already delivered. *out (may be NULL) gets the saved record, in a. */
int delivery_session_deliver(struct store *db, const struct actor *who, struct arena *a,
			     int64_t session_id, const struct rec *changes, struct rec **out,
			     struct cn_err *err);

/* Creates the PD session r (as rec_create: r->id set) with person_ids[0..n) as its
 * attendees (as delivery_attendees_add), all or none, in one transaction: the page's
 * "log a session" form. n = 0 creates the session alone. */
int delivery_session_create(struct store *db, const struct actor *who, struct arena *a,
			    struct rec *r, const int64_t *person_ids, size_t n, struct cn_err *err);
/* Adds people to a session's attendees, all or none, in one transaction audited as an
 * update of the session. A person already listed is not an error; one the actor may
 * not read is refused as one that does not exist (policy_check_ref, field person_id). */
int delivery_attendees_add(struct store *db, const struct actor *who, int64_t session_id,
			   const int64_t *person_ids, size_t n, struct cn_err *err);
/* Removes one attendee; CN_ERR_NOT_FOUND when the person is not listed. */
int delivery_attendee_remove(struct store *db, const struct actor *who, int64_t session_id,
			     int64_t person_id, struct cn_err *err);
/* The attendees of a session by name (role "attendee"; team_id 0), in out (in a). */
int delivery_attendees(struct store *db, struct arena *a, int64_t session_id,
		       struct network_people *out, struct cn_err *err);

#endif
