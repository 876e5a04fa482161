/* pages_meeting_edit: what a network's facilitators change about a meeting: its
 * details (title, local times in its time zone, place, link, notes), deleting it
 * after a confirmation page (which works without JavaScript), and its agenda's order
 * and items. The meeting's own page (pages_meeting.c) links here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/network/agenda.h"
#include "app/network/network.h"
#include "app/access/policy.h"
#include "app/tz.h"
#include "core/timeutil.h"
#include "http/allow.h"
#include "web/page.h"
#include "web/web.h"
#include "app/network/attendance.h"
#include "app/network/meeting.h"

/* The meeting's form, as its route declares it. */
static const struct route_field me_fields[] = {
	{.name = "title"}, {.name = "starts_at"}, {.name = "ends_at"}, {.name = "tz"},
	{.name = "place"}, {.name = "link"}, {.name = "notes"}, {.name = NULL},
};

/* utc as the local "YYYY-MM-DDTHH:MM" a datetime-local input shows, in tz. */
static const char *me_local(struct http_req *rq, const char *utc, const char *tz)
{
	time_t t;
	if (utc == NULL || tz == NULL || time_parse_utc(utc, &t) != 0)
		return utc;
	char iso[TIME_ISO_LEN];
	time_format_local(t, tz, iso);
	return arena_printf(rq->a, "%.16s", iso);
}

static void me_crumbs(struct page *p, const struct rec *m, const struct rec *net,
		      const char *here)
{
	struct http_req *rq = p->rq;
	page_crumbs(p, "Networks", "/networks", rec_text(net, "name"),
		    page_href(rq, "/networks/%lld", net->id), rec_text(m, "title"),
		    page_href(rq, "/meetings/%lld", m->id), here, NULL, NULL);
}

/* Writes the edit form; error (may be NULL) shown beside its field, input kept. */
static int me_page(struct http_req *rq, struct http_resp *rs, const struct rec *m,
		   const struct cn_err *error, struct cn_err *err)
{
	struct rec *net = NULL;
	if (rec_get(rq->db, rq->a, &network_entity, rec_int(m, "network_id"), &net, err))
		return -1;
	const char *tz = rec_text(m, "tz");
	const char *const *zones, *const *labels;
	tz_choices_with(rq->a, tz, &zones, &labels);
	struct page p;
	const char *title = arena_printf(rq->a, "Edit %s", rec_text(m, "title"));
	page_begin(&p, rq, rs, title, PAGE_NAV_NETWORKS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	me_crumbs(&p, m, net, "Edit");
	html_elem(h, "h1", title, NULL);
	page_errors(&p);
	html_open(h, "section", "class", "card", "aria-label", "The meeting's details", NULL);
	page_form_begin(&p, page_href(rq, "/meetings/%lld/edit", m->id), NULL);
	page_version(&p, m);
	page_input(&p, "title", "Title", "text", rec_text(m, "title"), NULL, 1);
	page_input(&p, "starts_at", "Starts", "datetime-local",
		   me_local(rq, rec_text(m, "starts_at"), tz), "Local time in the meeting's time zone",
		   1);
	page_input(&p, "ends_at", "Ends", "datetime-local", me_local(rq, rec_text(m, "ends_at"), tz),
		   NULL, 1);
	page_select(&p, "tz", "Time zone", zones, labels, tz, 1);
	page_input(&p, "place", "Place", "text", rec_text(m, "place"), NULL, 0);
	page_input(&p, "link", "Link for joining online", "url", rec_text(m, "link"), "https://...",
		   0);
	page_textarea(&p, "notes", "Notes for participants", rec_text(m, "notes"), NULL, 0, NULL);
	html_open(h, "div", NULL); /* the button under the text area, not beside it */
	page_submit(&p, "Save the meeting");
	html_close(h);
	html_close(h);
	html_close(h);
	page_end(&p);
	return 0;
}

/* GET /meetings/{id}/edit */
static int me_edit(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *m = rq->record;
	return me_page(rq, rs, m, NULL, err);
}

/* POST /meetings/{id}/edit: an empty place, link or notes is cleared; refused as
 * stale when someone else saved since the form was read. */
static int me_save(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *m = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct cn_err why = {0};
	if (page_update(rq, &f, "", m->id, rec_new(rq->a, &meeting_entity), &why)) {
		if (!page_refused(&why)) {
			*err = why;
			return -1;
		}
		return me_page(rq, rs, m, &why, err);
	}
	page_redirect(rs, page_href(rq, "/meetings/%lld?done=saved", m->id));
	return 0;
}

/* The "Delete this meeting?" page; error (may be NULL) why it could not be. */
static int me_confirm(struct http_req *rq, struct http_resp *rs, const struct rec *m,
		      const struct cn_err *error, struct cn_err *err)
{
	struct rec *net = NULL;
	struct rec_list agenda;
	struct network_people attendance;
	if (rec_get(rq->db, rq->a, &network_entity, rec_int(m, "network_id"), &net, err) ||
	    agenda_items(rq->db, rq->a, m->id, &agenda, err) ||
	    attendance_list(rq->db, rq->a, m->id, &attendance, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Delete this meeting?", PAGE_NAV_NETWORKS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	me_crumbs(&p, m, net, "Delete");
	html_elem(h, "h1", "Delete this meeting?", NULL);
	page_errors(&p);
	html_open(h, "section", "class", "card", "aria-label", "The meeting to delete", NULL);
	html_open(h, "p", NULL);
	html_elem(h, "strong", rec_text(m, "title"), NULL);
	html_text(h, ", ");
	page_time(&p, rec_text(m, "starts_at"), rec_text(m, "ends_at"), rec_text(m, "tz"), 1);
	html_text(h, ".");
	html_close(h);
	html_open(h, "p", NULL);
	html_textf(h,
		   "Its %zu agenda %s and the attendance recorded for %zu %s are deleted with it. "
		   "This cannot be undone.",
		   agenda.count, agenda.count == 1 ? "item" : "items", attendance.count,
		   attendance.count == 1 ? "person" : "people");
	html_close(h);
	html_open(h, "div", "class", "actions", NULL);
	page_button_form(&p, page_href(rq, "/meetings/%lld/delete", m->id), "Delete the meeting",
			 NULL);
	html_elem(h, "a", "Keep it", "href", page_href(rq, "/meetings/%lld", m->id), "class",
		  "button secondary", NULL);
	html_close(h);
	html_close(h);
	page_end(&p);
	return 0;
}

/* GET /meetings/{id}/delete */
static int me_delete_ask(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *m = rq->record;
	return me_confirm(rq, rs, m, NULL, err);
}

/* POST /meetings/{id}/delete: refused (on the confirmation page) while records such
 * as reflections or try-outs point at it. */
static int me_delete(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *m = rq->record;
	struct cn_err why = {0};
	if (rec_delete(rq->db, &rq->who, rq->a, &meeting_entity, m->id, 0, &why)) {
		if (why.kind != CN_ERR_CONFLICT) {
			*err = why;
			return -1;
		}
		return me_confirm(rq, rs, m, &why, err);
	}
	page_redirect(rs, page_href(rq, "/networks/%lld?done=meeting_deleted#meetings",
				    rec_int(m, "network_id")));
	return 0;
}

/* POST /agenda-items/{id}/remove */
static int me_item_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *item = rq->record;
	if (rec_delete(rq->db, &rq->who, rq->a, &agenda_item_entity, item->id, 0, err))
		return -1;
	page_redirect(rs, page_href(rq, "/meetings/%lld?done=agenda_removed#agenda",
				    rec_int(item, "meeting_id")));
	return 0;
}

/* POST /agenda-items/{id}/up and /down */
static int me_item_move(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	const struct rec *item = rq->record;
	int up = strstr(rq->path, "/up") != NULL;
	if (agenda_item_move(rq->db, &rq->who, item->id, up, err))
		return -1;
	page_redirect(rs, page_href(rq, "/meetings/%lld?done=agenda_moved#agenda",
				    rec_int(item, "meeting_id")));
	return 0;
}

/* The record of the path that the actor may do the route's verb on: 404 when they may
 * not read it, 403 when they may read it but not do that. */
static const struct route_load me_meeting = {&meeting_entity, "id", NULL, NULL, 0};
static const struct route_load me_agenda_item = {&agenda_item_entity, "id", NULL, NULL, 0};

static const struct route meeting_edit_routes[] = {
	{"GET", "/meetings/{id}/edit", me_edit, "meeting", POLICY_UPDATE, NULL, 0,
	 "the form that edits a meeting's details", NULL, NULL, &me_meeting},
	{"POST", "/meetings/{id}/edit", me_save, "meeting", POLICY_UPDATE, NULL, 0,
	 "save a meeting's details", me_fields, NULL, &me_meeting},
	{"GET", "/meetings/{id}/delete", me_delete_ask, "meeting", POLICY_DELETE, NULL, 0,
	 "asks whether to delete a meeting", NULL, NULL, &me_meeting},
	{"POST", "/meetings/{id}/delete", me_delete, "meeting", POLICY_DELETE, NULL, 0,
	 "delete a meeting with its agenda and attendance", NULL, NULL, &me_meeting},
	{"POST", "/agenda-items/{id}/remove", me_item_remove, "agenda_item", POLICY_DELETE, NULL, 0,
	 "remove an item from a meeting's agenda", NULL, NULL, &me_agenda_item},
	{"POST", "/agenda-items/{id}/up", me_item_move, "agenda_item", POLICY_UPDATE, NULL, 0,
	 "move an agenda item one place up", NULL, NULL, &me_agenda_item},
	{"POST", "/agenda-items/{id}/down", me_item_move, "agenda_item", POLICY_UPDATE, NULL, 0,
	 "move an agenda item one place down", NULL, NULL, &me_agenda_item},
};

const struct web_routes web_routes_meeting_edit = {
	meeting_edit_routes, sizeof(meeting_edit_routes) / sizeof(meeting_edit_routes[0])};
