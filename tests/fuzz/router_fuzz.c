/* Fuzz target: the router on the API's real route table. The input is
 * "METHOD PATH"; any route found must have the method and a pattern that the path
 * fits, with every parameter non-empty and free of '/'. */
#include <stdint.h>
#include <string.h>

#include "api/api.h"
#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char input[4097];
	memcpy(input, data, size);
	input[size] = '\0';
	char *space = strchr(input, ' ');
	if (space == NULL)
		return 0;
	*space = '\0';
	const char *method = input, *path = space + 1;
	const struct route_table *t = api_table();
	struct arena *a = arena_new();
	struct router_match m;
	const struct route *r = router_match(t->routes, t->n, method, path, a, &m);
	if (r != NULL) {
		if (strcmp(r->method, method) != 0 &&
		    !(strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0))
			__builtin_trap();
		for (size_t i = 0; i < m.n; i++)
			if (m.value[i][0] == '\0' || strchr(m.value[i], '/') != NULL)
				__builtin_trap();
	} else if (strlen(m.allow) >= sizeof(m.allow)) {
		__builtin_trap();
	}
	arena_free(a);
	return 0;
}
