/* pages_calendar: POST /networks/{id}/calendar and /teams/{id}/calendar make the signed-in
 * person a calendar subscription address (a network's meetings, a team's PD sessions),
 * as `capnet calendar-token create` and POST /api/v1/calendar-tokens do, and show it on
 * the answer page, the only time it is shown: the token is stored hashed. The feed
 * shows only what the person may read. */
#include <string.h>

#include "app/network/calendar_token.h"
#include "app/network/network.h"
#include "app/network/team.h"
#include "app/setting.h"
#include "http/allow.h"
#include "web/network/calendar_page.h"
#include "web/web.h"

void calendar_page_card(struct page *p, const char *action, const char *what)
{
	struct html *h = &p->h;
	html_open(h, "section", "class", "card", "aria-labelledby", "calendar", NULL);
	html_elem(h, "h2", "Calendar subscription", "id", "calendar", NULL);
	html_open(h, "p", NULL);
	html_textf(h, "Follow %s in your calendar app (iCalendar): the address stays current "
		      "as meetings and sessions change.",
		   what);
	html_close(h);
	page_button_form(p, action, "Get a subscription address", "secondary");
	html_close(h);
}

/* Makes the token for the network or team of the path and shows its address. */
static int cal_subscribe(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int team = strncmp(rq->path, "/teams/", 7) == 0;
	struct rec *r = NULL;
	struct policy_scope s = {.owner_id = rq->who.person_id};
	if (page_load(rq, team ? &team_entity : &network_entity, team ? "team" : "network", &r,
		      err) ||
	    http_allow_scope(rq, POLICY_CREATE, "calendar_token", &s, err))
		return -1;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	char *secret = NULL;
	struct calendar_token t;
	const char *base = NULL;
	if (calendar_token_create(rq->db, &rq->who, rq->a, rq->who.person_id, team ? 0 : r->id,
				  team ? r->id : 0, &secret, &t, err) ||
	    setting_get(rq->db, rq->a, SETTING_SITE_BASE_URL, &base, err))
		return -1;
	size_t n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	const char *url = arena_printf(rq->a, "%.*s%s", (int)n, base,
				       calendar_token_path(rq->a, secret));
	struct page p;
	page_begin(&p, rq, rs, "Calendar subscription", PAGE_NAV_NETWORKS);
	struct html *h = &p.h;
	const char *back = page_href(rq, team ? "/teams/%lld" : "/networks/%lld", r->id);
	html_elem(h, "h1", "Calendar subscription", NULL);
	html_open(h, "p", NULL);
	html_textf(h, "The address of %s's %s. Add it to your calendar app as a subscription "
		      "(\"From URL\" or \"Subscribe to calendar\"). Copy it now: it is shown once. "
		      "Anyone with the address sees what you may see of it.",
		   t.name, team ? "PD sessions" : "meetings");
	html_close(h);
	html_open(h, "p", NULL);
	html_elem(h, "code", url, "id", "calendar-address", NULL);
	html_close(h);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back", "href", back, NULL);
	html_close(h);
	page_end(&p);
	return 0;
}

static const struct route calendar_page_routes[] = {
	{"POST", "/networks/{id}/calendar", cal_subscribe, "network", POLICY_READ, NULL, 0,
	 "make a calendar subscription address of a network's meetings", NULL, NULL},
	{"POST", "/teams/{id}/calendar", cal_subscribe, "team", POLICY_READ, NULL, 0,
	 "make a calendar subscription address of a team's PD sessions", NULL, NULL},
};

const struct web_routes web_routes_calendar = {
	calendar_page_routes, sizeof(calendar_page_routes) / sizeof(calendar_page_routes[0])};
