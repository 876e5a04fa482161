/* web: the HTML pages people use (DESIGN §3): server-rendered, working without
 * JavaScript, through the escaping writer. The route table is gathered from one file
 * per family of pages (src/web/pages_*.c), each exporting its routes; adding a family
 * is one line in web.c. */
#ifndef CN_WEB_H
#define CN_WEB_H
#include <stddef.h>

#include "http/router.h"

/* The pages' route table (prefix ""): built on first call, then shared read-only. */
const struct route_table *web_table(void);

/* Routes of each family of pages. */
struct web_routes {
	const struct route *routes;
	size_t n;
};
extern const struct web_routes web_routes_core;
extern const struct web_routes web_routes_network;
extern const struct web_routes web_routes_network_edit;
extern const struct web_routes web_routes_meeting_edit;
extern const struct web_routes web_routes_meeting;
extern const struct web_routes web_routes_admin;
extern const struct web_routes web_routes_mail;
extern const struct web_routes web_routes_account;
extern const struct web_routes web_routes_imports;
extern const struct web_routes web_routes_materials;
extern const struct web_routes web_routes_standards;
extern const struct web_routes web_routes_deliverables;
extern const struct web_routes web_routes_deliverable_edit;
extern const struct web_routes web_routes_targets;
extern const struct web_routes web_routes_notices;
extern const struct web_routes web_routes_library;
extern const struct web_routes web_routes_library_edit;
extern const struct web_routes web_routes_assessment;
extern const struct web_routes web_routes_plan;
extern const struct web_routes web_routes_plan_edit;
extern const struct web_routes web_routes_delivery;
extern const struct web_routes web_routes_profile;
extern const struct web_routes web_routes_instrument;
extern const struct web_routes web_routes_sso;
extern const struct web_routes web_routes_calendar;
extern const struct web_routes web_routes_audit;
extern const struct web_routes web_routes_orgs;
extern const struct web_routes web_routes_kar;

#endif
