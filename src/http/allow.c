/* allow: policy questions that count as asked. */
#include "http/allow.h"

int http_allow_any(struct http_req *rq, enum policy_verb verb, const char *entity,
		  struct cn_err *err)
{
	rq->policy_asked = 1;
	return policy_check_any(rq->policy, verb, entity, err);
}

int http_allow_scope(struct http_req *rq, enum policy_verb verb, const char *entity,
		    const struct policy_scope *s, struct cn_err *err)
{
	rq->policy_asked = 1;
	return policy_check_scope(rq->policy, verb, entity, s, err);
}

int http_may_scope(struct http_req *rq, enum policy_verb verb, const char *entity,
		   const struct policy_scope *s, struct cn_err *err)
{
	if (http_allow_scope(rq, verb, entity, s, err) == 0)
		return 1;
	if (err->kind != CN_ERR_FORBIDDEN)
		return -1;
	cn_err_clear(err);
	return 0;
}

int http_may_record(struct http_req *rq, enum policy_verb verb, const char *entity,
		    const struct rec *r, struct cn_err *err)
{
	if (http_allow_record(rq, verb, entity, r, err) == 0)
		return 1;
	if (err->kind != CN_ERR_FORBIDDEN && err->kind != CN_ERR_NOT_FOUND)
		return -1;
	cn_err_clear(err);
	return 0;
}

int http_can_read(struct http_req *rq, const char *entity, const struct rec *r,
		 struct cn_err *err)
{
	rq->policy_asked = 1;
	if (policy_check(rq->policy, POLICY_READ, entity, r, err) == 0)
		return 1;
	return err->kind == CN_ERR_FORBIDDEN ? 0 : -1;
}

int http_keep_readable(struct http_req *rq, const char *entity, struct rec_list *l,
		       struct cn_err *err)
{
	size_t kept = 0;
	for (size_t i = 0; i < l->count; i++) {
		int can = http_can_read(rq, entity, l->items[i], err);
		if (can < 0)
			return -1;
		if (can)
			l->items[kept++] = l->items[i];
	}
	l->count = kept;
	return 0;
}

int http_allow_record(struct http_req *rq, enum policy_verb verb, const char *entity,
		     const struct rec *r, struct cn_err *err)
{
	int rc = http_can_read(rq, entity, r, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no %s with id %lld",
				  r->entity->title, (long long)r->id);
	if (verb == POLICY_READ)
		return 0;
	return policy_check(rq->policy, verb, entity, r, err);
}

struct policy *http_policy(struct http_req *rq)
{
	rq->policy_asked = 1;
	return rq->policy;
}
