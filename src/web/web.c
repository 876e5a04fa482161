/* web: gathers the page families' routes into one table. */
#include "web/web.h"

#include <pthread.h>
#include <string.h>

#include "core/mem.h"
#include "web/page.h"

static const struct web_routes *const web_families[] = {
	&web_routes_core,
	&web_routes_network_edit, /* before network: /networks/new is no network's id */
	&web_routes_network,
	&web_routes_meeting_edit,
	&web_routes_meeting,
	&web_routes_admin,
	&web_routes_mail,
	&web_routes_account,
	&web_routes_imports,
	&web_routes_materials,
	&web_routes_standards,
	&web_routes_deliverables,
	&web_routes_deliverable_edit,
	&web_routes_targets,
	&web_routes_notices,
	&web_routes_library_edit, /* before the library: "/library/new" */
	&web_routes_library,
	&web_routes_assessment,
	&web_routes_plan,
	&web_routes_plan_edit,
	&web_routes_delivery,
	&web_routes_profile,
	&web_routes_instrument,
	&web_routes_sso,
	&web_routes_calendar,
	&web_routes_audit,
	&web_routes_orgs,
	&web_routes_kar,
	NULL,
};

static struct route_table web_routes_table;
static pthread_once_t web_once = PTHREAD_ONCE_INIT;

static void web_build(void)
{
	size_t n = 0;
	for (size_t f = 0; web_families[f] != NULL; f++)
		n += web_families[f]->n;
	struct route *all = xcalloc(n ? n : 1, sizeof(*all));
	size_t k = 0;
	for (size_t f = 0; web_families[f] != NULL; f++) {
		memcpy(all + k, web_families[f]->routes, sizeof(*all) * web_families[f]->n);
		k += web_families[f]->n;
	}
	web_routes_table = (struct route_table){"", all, n, page_error};
}

const struct route_table *web_table(void)
{
	pthread_once(&web_once, web_build);
	return &web_routes_table;
}
