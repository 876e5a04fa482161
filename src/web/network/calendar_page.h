/* calendar_page: iCalendar subscriptions from the pages (issue 18): a card offering a
 * subscription address to a network's meetings or a team's PD sessions, and the routes
 * that make one (app/network/calendar_token.h) and show it, once. */
#ifndef CN_CALENDAR_PAGE_H
#define CN_CALENDAR_PAGE_H
#include "web/page.h"

/* A card whose button POSTs to action (/networks/ID/calendar, /teams/ID/calendar) to
 * make a calendar subscription address of what ("this network's meetings"). */
void calendar_page_card(struct page *p, const char *action, const char *what);

#endif
