/* teampage: what the pages of a district team's work share (assessments, plans,
 * delivery, profile): the team of the path with its network and district, the scope
 * the policy decides on, and the breadcrumbs from the network to the team. */
#ifndef CN_TEAMPAGE_H
#define CN_TEAMPAGE_H
#include <stddef.h>
#include <stdint.h>

#include "app/access/policy.h"
#include "app/record.h"
#include "web/page.h"

struct teampage {
	struct rec *team;
	struct rec *network;
	const char *district; /* the district's name (the team's when it has none) */
	struct policy_scope scope; /* the team's network and district */
};

/* The team whose id is team_id that the actor may read (else 404), with its network
 * and district, in the request's arena. */
int teampage_get(struct http_req *rq, int64_t team_id, struct teampage *t, struct cn_err *err);
/* The team of a page's route (rq->record, read and allowed by the route's
 * teampage_team) with its network and district. */
int teampage_of(struct http_req *rq, struct rec *team, struct teampage *t, struct cn_err *err);
/* What a route under /teams/{id} loads: the team, which the actor may read (rule
 * "team"); the route's own rule is asked by its handler, in the team's scope or with
 * the record it adds. */
extern const struct route_load teampage_team;
/* Breadcrumbs Networks > network > team > here (here NULL: the team is the page). */
void teampage_crumbs(struct page *p, const struct teampage *t, const char *here);
/* A link to the team's page of what ("/teams/3/plans" for "plans"), in the arena. */
const char *teampage_href(struct http_req *rq, const struct teampage *t, const char *what);
/* 1 if the actor may do verb on entity (a policy rule) in the team's scope, 0 if not,
 * -1 on error. */
int teampage_may(struct http_req *rq, const struct teampage *t, enum policy_verb verb,
		 const char *entity, struct cn_err *err);
/* Choices for a select: values (ids as text) and labels, both NULL-terminated, in
 * the request's arena. */
struct teampage_choices {
	const char **values;
	const char **labels;
	size_t count;
};
/* Makes room for n choices (none yet). */
void teampage_choices_init(struct http_req *rq, struct teampage_choices *out, size_t n);
/* Adds id with its label (room must have been made). */
void teampage_choices_add(struct http_req *rq, struct teampage_choices *out, int64_t id,
			  const char *label);
/* The schools of the team's district. */
int teampage_schools(struct http_req *rq, const struct teampage *t, struct teampage_choices *out,
		     struct cn_err *err);
/* The team's members (leads first as the team lists them). */
int teampage_people(struct http_req *rq, const struct teampage *t, struct teampage_choices *out,
		    struct cn_err *err);
/* The label of value in c, or NULL. */
const char *teampage_choice_label(const struct teampage_choices *c, int64_t value);

/* A level 1-4 as people read it, "2 emerging"; "-" for 0. In the arena. */
const char *teampage_level(struct http_req *rq, int64_t level);

#endif
