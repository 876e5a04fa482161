/* allow: a route asks the policy (app/access/policy.h) through these, which also record
 * that it asked: the server refuses to answer for a route that never did. Shared by
 * the JSON API and the web pages. */
#ifndef CN_ALLOW_H
#define CN_ALLOW_H
#include "app/access/policy.h"
#include "http/http.h"

/* Ask the policy; each marks the request as having asked. 0 allowed, -1 with err. */
int http_allow_any(struct http_req *rq, enum policy_verb verb, const char *entity,
		  struct cn_err *err);
int http_allow_scope(struct http_req *rq, enum policy_verb verb, const char *entity,
		    const struct policy_scope *s, struct cn_err *err);
/* For one stored record: one the actor may not read is "not found" (404), so records
 * of other districts stay unseen; one the actor may read but not change: 403. */
int http_allow_record(struct http_req *rq, enum policy_verb verb, const char *entity,
		     const struct rec *r, struct cn_err *err);
/* 1 if the actor may do verb in scope s, 0 if not, -1 on error (for offering a form
 * or a part of a page only to those who may). */
int http_may_scope(struct http_req *rq, enum policy_verb verb, const char *entity,
		   const struct policy_scope *s, struct cn_err *err);
/* 1 if the actor may do verb on stored record r, asked with the record itself (a
 * rule's guard may decide on it), 0 if not (refused, or not theirs to see), -1 on
 * error: for offering a form or a button only to those who may. */
int http_may_record(struct http_req *rq, enum policy_verb verb, const char *entity,
		    const struct rec *r, struct cn_err *err);
/* 1 if the actor may read r, 0 if not, -1 on error (for filtering lists). */
int http_can_read(struct http_req *rq, const char *entity, const struct rec *r,
		 struct cn_err *err);
/* Keeps in l, in order, only the records of entity the actor may read: 0, or -1 when
 * the policy could not decide. */
int http_keep_readable(struct http_req *rq, const char *entity, struct rec_list *l,
		       struct cn_err *err);
/* The request's policy, for a check the app layer makes with it (notice_allow); the
 * request counts as having asked. */
struct policy *http_policy(struct http_req *rq);

#endif
