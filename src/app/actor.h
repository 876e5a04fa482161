/* actor: who is acting. Every change records its actor in the audit log; the policy
 * module decides what an actor may do. */
#ifndef CN_ACTOR_H
#define CN_ACTOR_H
#include <stdint.h>

struct actor {
	int64_t person_id; /* 0 for the system (CLI run by the machine's operator) */
	const char *label; /* e.g. "cli:root", "person:12", "token:3" */
	int is_system;     /* the local operator: acts as an admin */
};

/* The operator at the command line, acting as admin. label is copied by reference:
 * it must outlive the actor. */
struct actor actor_system(const char *label);

#endif
