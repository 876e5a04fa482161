/* Folder app/access: who the actor is and what they may do.
 *   policy.c/h   the rule table: who may read, create, update, delete each entity
 *   auth.c/h     signing in and out, database sessions, sign-in throttling
 */
/* policy: who may do what (DESIGN §5). Every route asks this one module before it
 * acts; nothing else decides. A decision is made from the actor's roles and the scope
 * of the record: the network and the district it belongs to, and the person it is
 * about. Roles:
 *   admin        a membership with role admin, or the system actor (the CLI operator)
 *   facilitator  facilitates the record's network (table network_facilitator)
 *   district lead membership role district_lead in the record's district
 *   district     an active membership in the record's district or one of its schools
 *   network      belongs to a district with a team in the record's network
 * Roles come from active memberships only: a seat on a team gives none (policy.c says
 * what each rule promises). Toward a person, "district lead" is narrower: see
 * relate_person in policy.c.
 *   partner      membership role partner: reads what networks publish
 *   self         the record is about or by the actor (within its network, if any)
 * A district's records are seen by that district, its network's facilitators and the
 * admins, never by other districts.
 *
 * Adding a resource: add a row to the rule table in policy.c (entity name, who may
 * read/create/update/delete, how to find a record's scope, an optional guard for rules
 * that depend on field values, and who else may read it once published). */
#ifndef CN_POLICY_H
#define CN_POLICY_H
#include <stdint.h>

#include "app/actor.h"
#include "app/record.h"
#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

enum policy_verb { POLICY_READ, POLICY_CREATE, POLICY_UPDATE, POLICY_DELETE, POLICY_VERB_COUNT };

struct policy_scope {
	int64_t network_id;  /* the network the record belongs to; 0 = none */
	int64_t district_id; /* the district whose record it is; 0 = none */
	int64_t owner_id;    /* the person it is about or by; 0 = none */
	int is_private;      /* private to its owner unless shared (reflections) */
	int shared;          /* a private record shared with the owner's team */
	int published;       /* published by its network: more may read it (deliverables) */
	int network_wide;    /* the network's own, no district's: its members may read it
			      * (deliverables made at a meeting) */
};

struct policy;

/* A decision maker for one actor, valid until arena_free(a). The actor's roles are
 * read from db once, when first needed. */
struct policy *policy_new(struct arena *a, struct store *db, const struct actor *who);

/* May the actor do verb on record r of entity (a rule name such as "team")? For
 * POLICY_CREATE, r is the record about to be created. 0 = allowed; -1 = denied with
 * err CN_ERR_FORBIDDEN and the reason (CN_ERR_UNAUTHENTICATED when nobody is signed in),
 * or another kind when the roles could not be read. */
int policy_check(struct policy *p, enum policy_verb verb, const char *entity, const struct rec *r,
		 struct cn_err *err);
/* The same for a scope given by the caller (links such as team members, attendance). */
int policy_check_scope(struct policy *p, enum policy_verb verb, const char *entity,
		       const struct policy_scope *s, struct cn_err *err);
/* May the actor do verb on some record of entity at all (before a list is filtered
 * row by row, or a collection is offered)? */
int policy_check_any(struct policy *p, enum policy_verb verb, const char *entity,
		     struct cn_err *err);

/* For offering a form or a button only to those who may: 1 if the actor may read
 * record r and do verb on it, both under the rule entity; 0 if not (refused, or not
 * theirs to see); -1 when it could not be decided. */
int policy_may(struct policy *p, enum policy_verb verb, const char *entity, const struct rec *r,
	       struct cn_err *err);
/* The same for verb in scope s: 1, 0 or -1. */
int policy_may_scope(struct policy *p, enum policy_verb verb, const char *entity,
		     const struct policy_scope *s, struct cn_err *err);

/* References. A record names another (an action its owner, a PD session its source
 * deliverable, a plan action its linked materials) only if the actor may read the one
 * named: naming must never widen what the actor sees. The record engine asks this for
 * every REC_REF field (record.h); modules that keep links of their own ask it too.
 *
 * 1 if the actor may read record id of entity e (the system actor reads every record),
 * 0 if not or if there is no such record, -1 when it could not be decided. */
int policy_may_read(struct policy *p, const struct rec_entity *e, int64_t id, struct cn_err *err);
/* 0 if the actor may name record id of entity e in field; else -1 with err
 * CN_ERR_INPUT on field, "there is no <title> with id <id> that you may see", the same
 * whether the record is missing or only unreadable, so that naming ids tells nothing
 * (or another kind when it could not be decided). */
int policy_check_ref(struct policy *p, const struct rec_entity *e, int64_t id, const char *field,
		     struct cn_err *err);

/* The scope of record r of entity, as the rules see it. */
int policy_scope_of(struct policy *p, const char *entity, const struct rec *r,
		    struct policy_scope *out, struct cn_err *err);
/* The district of person_id's team in network_id (0 if none). */
int policy_team_district(struct policy *p, int64_t person_id, int64_t network_id,
			 int64_t *district_id, struct cn_err *err);
/* 1 if the actor is an admin, 0 if not, -1 on error. */
int policy_is_admin(struct policy *p, struct cn_err *err);

/* "read", "create", "update", "delete". */
const char *policy_verb_name(enum policy_verb verb);
/* 1 if entity has a rule. */
int policy_knows(const char *entity);

#endif
