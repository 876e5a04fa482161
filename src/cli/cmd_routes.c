/* cmd_routes: `capnet routes`: the server's routes, API then pages, one "METHOD PATTERN
 * POLICY" line each, from the same tables `capnet serve` answers with, for people and
 * for tests/e2e/parity.sh, which checks that each capability is in every interface. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "cli/cli.h"
#include "web/web.h"

int cmd_routes(struct cli *c, int argc, char **argv)
{
	(void)c;
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("usage: capnet routes\n"
		       "Lists what `capnet serve` answers: the JSON API's routes, then the web\n"
		       "pages', one per line: METHOD PATTERN POLICY-RULE (- for public).\n");
		return CLI_OK;
	}
	if (argc > 1)
		return cli_usage("routes takes no arguments (see capnet routes --help)");
	const struct route_table *tables[] = {api_table(), web_table()};
	for (size_t t = 0; t < 2; t++)
		for (size_t i = 0; i < tables[t]->n; i++) {
			const struct route *r = &tables[t]->routes[i];
			printf("%s %s %s\n", r->method, r->pattern, r->entity ? r->entity : "-");
		}
	return CLI_OK;
}
