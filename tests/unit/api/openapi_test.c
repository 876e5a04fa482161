/* openapi: the document and the router list the same routes; every route that asks
 * the policy names a rule the policy has; every declared entity is served. */
#include "testlib.h"

#include <jansson.h>

#include "api/api.h"
#include "app/entities.h"

static void test_document_lists_exactly_the_routes(void **state)
{
	(void)state;
	const struct route_table *t = api_table();
	struct buf b = BUF_INIT;
	api_openapi(t, &b);
	json_error_t jerr;
	json_t *doc = json_loads(buf_str(&b), JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL)
		fail_msg("the document is not JSON: %s at %d:%d", jerr.text, jerr.line, jerr.column);
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
	json_t *paths = json_object_get(doc, "paths");
	size_t documented = 0;
	const char *path;
	json_t *ops;
	json_object_foreach(paths, path, ops)
	{
		const char *method;
		json_t *op;
		json_object_foreach(ops, method, op)
		{
			documented++;
			int found = 0;
			for (size_t i = 0; i < t->n; i++)
				if (strcmp(t->routes[i].pattern, path) == 0 &&
				    strcasecmp(t->routes[i].method, method) == 0)
					found = 1;
			if (!found)
				fail_msg("documented but not routed: %s %s", method, path);
			assert_non_null(json_object_get(op, "responses"));
		}
	}
	assert_int_equal(documented, t->n);
	/* Schemas refer to components that exist. */
	json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
	for (size_t i = 0; entities_all[i] != NULL; i++)
		assert_non_null(json_object_get(schemas, entities_all[i]->name));
	json_decref(doc);
	buf_free(&b);
}

static void test_every_route_asks_a_known_rule(void **state)
{
	(void)state;
	const struct route_table *t = api_table();
	for (size_t i = 0; i < t->n; i++) {
		const struct route *r = &t->routes[i];
		if (r->flags & ROUTE_PUBLIC)
			continue;
		if (r->entity == NULL || !policy_knows(r->entity))
			fail_msg("%s %s has no policy rule", r->method, r->pattern);
		for (size_t k = 0; k < i; k++)
			if (strcmp(t->routes[k].pattern, r->pattern) == 0 &&
			    strcmp(t->routes[k].method, r->method) == 0)
				fail_msg("%s %s is routed twice", r->method, r->pattern);
	}
	/* Entities the policy has no rule for yet are not served at all; each is named
	 * here, so that a new entity cannot slip out of the API (or into it) unnoticed. */
	static const char *const unserved[] = {NULL};
	for (size_t i = 0; entities_all[i] != NULL; i++) {
		int listed = 0;
		for (size_t k = 0; unserved[k] != NULL; k++)
			listed |= strcmp(unserved[k], entities_all[i]->name) == 0;
		if (listed && policy_knows(entities_all[i]->name))
			fail_msg("entity %s has a policy rule now: take it off the unserved list",
				 entities_all[i]->name);
		if (listed)
			continue;
		if (!policy_knows(entities_all[i]->name))
			fail_msg("entity %s has no policy rule", entities_all[i]->name);
		char path[128];
		snprintf(path, sizeof(path), "/api/v1/%s/{id}", entities_all[i]->plural);
		int served = 0;
		for (size_t k = 0; k < t->n; k++)
			served |= strcmp(t->routes[k].pattern, path) == 0;
		if (!served)
			fail_msg("entity %s is not served", entities_all[i]->name);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_lists_exactly_the_routes),
		cmocka_unit_test(test_every_route_asks_a_known_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
