/* router: matching paths against route patterns, parameters, and 404 versus 405. */
#include "testlib.h"

#include "http/router.h"

static int fn(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	(void)rq, (void)rs, (void)err;
	return 0;
}

static const struct route routes[] = {
	{"GET", "/api/v1/teams", fn, "team", POLICY_READ, NULL, 0, "list", NULL, NULL},
	{"POST", "/api/v1/teams", fn, "team", POLICY_CREATE, NULL, 0, "create", NULL, NULL},
	{"GET", "/api/v1/teams/{id}", fn, "team", POLICY_READ, NULL, 0, "get", NULL, NULL},
	{"PATCH", "/api/v1/teams/{id}", fn, "team", POLICY_UPDATE, NULL, 0, "update", NULL, NULL},
	{"PUT", "/api/v1/teams/{id}/members/{person_id}", fn, "team_member", POLICY_CREATE, NULL,
	 0, "member", NULL, NULL},
	{"GET", "/healthz", fn, NULL, POLICY_READ, NULL, ROUTE_PUBLIC, "health", NULL, NULL},
};
static const size_t nroutes = sizeof(routes) / sizeof(routes[0]);

static void test_literal_and_parameters(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct router_match m;
	const struct route *r = router_match(routes, nroutes, "GET", "/api/v1/teams", a, &m);
	assert_ptr_equal(r, &routes[0]);
	assert_int_equal(m.n, 0);
	r = router_match(routes, nroutes, "POST", "/api/v1/teams", a, &m);
	assert_ptr_equal(r, &routes[1]);
	r = router_match(routes, nroutes, "GET", "/api/v1/teams/42", a, &m);
	assert_ptr_equal(r, &routes[2]);
	assert_int_equal(m.n, 1);
	assert_string_equal(m.name[0], "id");
	assert_string_equal(m.value[0], "42");
	r = router_match(routes, nroutes, "PUT", "/api/v1/teams/7/members/9", a, &m);
	assert_ptr_equal(r, &routes[4]);
	assert_int_equal(m.n, 2);
	assert_string_equal(m.name[1], "person_id");
	assert_string_equal(m.value[0], "7");
	assert_string_equal(m.value[1], "9");
	arena_free(a);
}

static void test_head_is_get(void **state)
{
	(void)state;
	struct router_match m;
	assert_ptr_equal(router_match(routes, nroutes, "HEAD", "/healthz", NULL, &m), &routes[5]);
}

static void test_not_found_versus_method(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct router_match m;
	assert_null(router_match(routes, nroutes, "DELETE", "/api/v1/teams/42", a, &m));
	assert_string_equal(m.allow, "GET, PATCH");
	const char *missing[] = {"/api/v1/teams/", "/api/v1/teams//members/9", "/api/v1/team",
				 "/api/v1/teams/42/members", "", "/", "//", "/api/v1/teams/42/",
				 "/healthzz", "healthz"};
	for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
		assert_null(router_match(routes, nroutes, "GET", missing[i], a, &m));
		if (m.allow[0] != '\0')
			fail_msg("%s: allow %s", missing[i], m.allow);
	}
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_and_parameters),
		cmocka_unit_test(test_head_is_get),
		cmocka_unit_test(test_not_found_versus_method),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
