/* routes: the API's route table. The families' fixed routes come first, then five
 * routes for every declared entity (list, get, create, update and, where the entity
 * is deletable, delete; the last three load the record of {id}), so a new entity in app/entities.c is served, checked by
 * the policy under its name, and documented without more code here. An entity is
 * served only once the policy has a rule for it (app/access/policy.c): nothing reaches the
 * API without a decision about who may see it. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/resource.h"
#include "app/entities.h"
#include "core/mem.h"

static struct route *routes_all;
static size_t routes_n;
static struct route_table routes_table;
static pthread_once_t routes_once = PTHREAD_ONCE_INIT;

static void routes_add(size_t (*family)(const struct route **), size_t cap)
{
	const struct route *r;
	size_t n = family(&r);
	for (size_t i = 0; i < n && routes_n < cap; i++)
		routes_all[routes_n++] = r[i];
}

static char *routes_text(const char *fmt, const char *a)
{
	char tmp[256];
	snprintf(tmp, sizeof(tmp), fmt, a);
	return xstrdup(tmp);
}

static void routes_entity(const struct rec_entity *e)
{
	const char *collection = routes_text("/api/v1/%s", e->plural);
	const char *one = routes_text("/api/v1/%s/{id}", e->plural);
	struct route_load *load = xcalloc(1, sizeof(*load)); /* the record of {id} */
	*load = (struct route_load){e, "id", NULL, NULL, 0};
	static const struct {
		const char *method;
		int one;
		route_fn fn;
		enum policy_verb verb;
		const char *summary;
		int plural;
	} kinds[] = {
		{"GET", 0, api_entity_list, POLICY_READ, "List %s the caller may see", 1},
		{"POST", 0, api_entity_create, POLICY_CREATE, "Create a %s", 0},
		{"GET", 1, api_entity_get, POLICY_READ, "Get one %s", 0},
		{"PATCH", 1, api_entity_update, POLICY_UPDATE,
		 "Change fields of a %s (If-Match required)", 0},
		{"DELETE", 1, api_entity_delete, POLICY_DELETE, "Delete a %s (If-Match required)", 0},
	};
	for (size_t i = 0; i < (e->deletable ? 5u : 4u); i++)
		routes_all[routes_n++] = (struct route){
			kinds[i].method,
			kinds[i].one ? one : collection,
			kinds[i].fn,
			e->name,
			kinds[i].verb,
			e,
			0,
			routes_text(kinds[i].summary, kinds[i].plural ? e->plural : e->title),
			NULL,
			NULL,
			kinds[i].one ? load : NULL};
}

static void routes_build(void)
{
	size_t nent = 0;
	while (entities_all[nent] != NULL)
		nent++;
	size_t cap = 128 + nent * 5;
	routes_all = xcalloc(cap, sizeof(struct route));
	routes_add(api_meta_routes, cap);
	routes_add(api_session_routes, cap);
	routes_add(api_audit_routes, cap);
	routes_add(api_sso_routes, cap);
	routes_add(api_imports_routes, cap);
	routes_add(api_network_routes, cap);
	routes_add(api_standards_routes, cap);
	routes_add(api_deliverable_routes, cap);
	routes_add(api_library_routes, cap);
	/* Assessments, plans, profiles and calendar subscriptions (issue 5). */
	routes_add(api_plans_routes, cap);
	routes_add(api_profile_routes, cap);
	routes_add(api_calendar_routes, cap);
	/* What the command line and the pages did alone (issue 18). */
	routes_add(api_delivery_routes, cap);
	for (size_t i = 0; i < nent; i++)
		if (policy_knows(entities_all[i]->name))
			routes_entity(entities_all[i]);
	routes_table = (struct route_table){"/api/", routes_all, routes_n, api_problem};
}

const struct route_table *api_table(void)
{
	pthread_once(&routes_once, routes_build);
	return &routes_table;
}
