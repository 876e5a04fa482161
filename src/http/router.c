/* router: matching a path against patterns segment by segment. Linear over the
 * table: a few dozen routes cost about a microsecond, below anything else a request
 * does. */
#include "http/router.h"

#include <stdio.h>
#include <string.h>

#include "http/allow.h"

/* Matches one pattern against path; fills m on success. */
static int router_try(const char *pattern, const char *path, struct arena *a,
		      struct router_match *m)
{
	const char *p = pattern, *s = path;
	size_t n = 0;
	while (*p != '\0' && *s != '\0') {
		if (*p != '/' || *s != '/')
			return 0;
		p++, s++;
		if (*p != '{') { /* a literal segment: compared in place, most fail at once */
			while (*p != '\0' && *p != '/' && *p == *s)
				p++, s++;
			if ((*p != '\0' && *p != '/') || (*s != '\0' && *s != '/'))
				return 0;
			continue;
		}
		const char *pe = strchr(p, '/'), *se = strchr(s, '/');
		size_t pl = pe ? (size_t)(pe - p) : strlen(p);
		size_t sl = se ? (size_t)(se - s) : strlen(s);
		if (pl >= 2 && p[pl - 1] == '}') {
			if (sl == 0 || n == HTTP_MAX_PARAMS)
				return 0;
			if (a != NULL) {
				m->name[n] = arena_strndup(a, p + 1, pl - 2);
				m->value[n] = arena_strndup(a, s, sl);
			}
			n++;
		} else if (pl != sl || memcmp(p, s, pl) != 0) {
			return 0;
		}
		p += pl, s += sl;
	}
	if (*p != '\0' || *s != '\0')
		return 0;
	m->n = n;
	return 1;
}

static int router_method_is(const char *route_method, const char *method)
{
	return strcmp(route_method, method) == 0 ||
	       (strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0);
}

const struct route *router_match(const struct route *routes, size_t n, const char *method,
				 const char *path, struct arena *a, struct router_match *m)
{
	memset(m, 0, sizeof(*m));
	size_t used = 0;
	struct router_match tmp; /* router_try without an arena sets only tmp.n */
	for (size_t i = 0; i < n; i++) {
		if (!router_try(routes[i].pattern, path, NULL, &tmp))
			continue;
		if (router_method_is(routes[i].method, method)) {
			router_try(routes[i].pattern, path, a, m);
			return &routes[i];
		}
		if (strstr(m->allow, routes[i].method) == NULL && used < sizeof(m->allow))
			used += (size_t)snprintf(m->allow + used, sizeof(m->allow) - used, "%s%s",
						 used ? ", " : "", routes[i].method);
	}
	return NULL;
}

int router_load(struct http_req *rq, struct cn_err *err)
{
	const struct route_load *l = rq->route->load;
	if (l == NULL)
		return 0;
	int64_t id, owner = 0;
	struct rec *r = NULL;
	if (http_param_id(rq, l->param, &id, err) ||
	    (l->owner_param != NULL && http_param_id(rq, l->owner_param, &owner, err)) ||
	    rec_get(rq->db, rq->a, l->rec, id, &r, err))
		return -1;
	if (l->owner_field != NULL && rec_int(r, l->owner_field) != owner)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no %s %lld at %s", l->rec->title,
				  (long long)id, rq->path);
	const char *rule = rq->route->entity;
	if ((l->parent || strcmp(rule, l->rec->name) != 0) &&
	    http_allow_record(rq, POLICY_READ, l->rec->name, r, err))
		return -1;
	if (!l->parent && http_allow_record(rq, rq->route->verb, rule, r, err))
		return -1;
	rq->record = r;
	return 0;
}
