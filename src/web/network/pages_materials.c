/* pages_materials: a meeting's materials (materials.h). A network's facilitators link a
 * library item or a deliverable to an agenda item of an upcoming meeting from the
 * item's page, and remove it from the meeting's page. Linking is a change of the agenda
 * item, so the policy is asked as for updating it. */
#include "web/network/materials.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/deliverable/deliverable.h"
#include "app/library/library.h"
#include "core/timeutil.h"
#include "http/allow.h"
#include "http/form.h"
#include "web/web.h"
#include "app/network/agenda.h"
#include "app/network/meeting.h"

enum {
	MATERIALS_MEETINGS = 8, /* the soonest upcoming meetings offered */
};

static const char MATERIALS_FIELD[] = "agenda_item_id";

static int materials_by_start(const void *x, const void *y)
{
	const struct rec *a = *(const struct rec *const *)x, *b = *(const struct rec *const *)y;
	return strcmp(rec_text(a, "starts_at"), rec_text(b, "starts_at"));
}

/* The meeting's local day, "YYYY-MM-DD", in a. */
static const char *materials_day(struct arena *a, const struct rec *m)
{
	time_t t;
	char iso[TIME_ISO_LEN];
	if (time_parse_utc(rec_text(m, "starts_at"), &t) != 0)
		return arena_strndup(a, rec_text(m, "starts_at"), 10);
	time_format_local(t, rec_text(m, "tz"), iso);
	return arena_strndup(a, iso, 10);
}

/* The agenda items of the soonest upcoming meetings whose agenda the actor may change:
 * ids as text and labels "day, meeting: position. item", NULL-terminated, in the
 * request's arena. */
static int materials_choices(struct http_req *rq, const char ***ids, const char ***labels,
			     size_t *count, struct cn_err *err)
{
	struct rec_list networks;
	if (page_my_networks(rq, &networks, err))
		return -1;
	char today[TIME_ISO_LEN];
	time_now_utc(today);
	today[10] = '\0';
	const struct rec **meetings = NULL;
	size_t nm = 0, mcap = 0;
	for (size_t i = 0; i < networks.count; i++) {
		struct policy_scope s = {.network_id = networks.items[i]->id};
		int may = http_may_scope(rq, POLICY_UPDATE, "agenda_item", &s, err);
		if (may < 0)
			return -1;
		if (!may)
			continue;
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)networks.items[i]->id);
		struct rec_query q = {.filter = {id, today}, .limit = REC_LIST_MAX};
		struct rec_list l;
		if (rec_list(rq->db, rq->a, &meeting_entity, &q, &l, err))
			return -1;
		for (size_t k = 0; k < l.count; k++) {
			meetings = arena_grow(rq->a, meetings, sizeof(*meetings), nm, &mcap);
			meetings[nm++] = l.items[k];
		}
	}
	if (nm > 1)
		qsort(meetings, nm, sizeof(*meetings), materials_by_start);
	size_t n = 0, icap = 0, lcap = 0;
	*ids = NULL;
	*labels = NULL;
	for (size_t i = 0; i < nm && i < MATERIALS_MEETINGS; i++) {
		struct rec_list items;
		if (agenda_items(rq->db, rq->a, meetings[i]->id, &items, err))
			return -1;
		const char *day = materials_day(rq->a, meetings[i]);
		for (size_t k = 0; k < items.count; k++) {
			*ids = arena_grow(rq->a, *ids, sizeof(**ids), n, &icap);
			*labels = arena_grow(rq->a, *labels, sizeof(**labels), n, &lcap);
			(*ids)[n] = arena_printf(rq->a, "%lld", (long long)items.items[k]->id);
			(*labels)[n++] = arena_printf(
				rq->a, "%s, %s: %lld. %s", day, rec_text(meetings[i], "title"),
				(long long)rec_int(items.items[k], "position"),
				rec_text(items.items[k], "title"));
		}
	}
	*ids = arena_grow(rq->a, *ids, sizeof(**ids), n, &icap);
	*labels = arena_grow(rq->a, *labels, sizeof(**labels), n, &lcap);
	(*ids)[n] = NULL;
	(*labels)[n] = NULL;
	*count = n;
	return 0;
}

static void materials_hidden(struct html *h, const char *name, const char *value)
{
	html_void(h, "input", "type", "hidden", "name", name, "value", value, NULL);
}

int materials_card(struct page *p, const char *entity, int64_t id, struct cn_err *err)
{
	const char **ids, **labels;
	size_t n = 0;
	if (materials_choices(p->rq, &ids, &labels, &n, err))
		return -1;
	if (n == 0)
		return 0;
	struct html *h = &p->h;
	int lib = strcmp(entity, "library_item") == 0;
	html_open(h, "section", "class", "card", "aria-labelledby", "use-at-meeting", NULL);
	html_elem(h, "h2", "Use at a meeting", "id", "use-at-meeting", NULL);
	html_elem(h, "p",
		  lib ? "Link this item to an agenda item of an upcoming meeting of your network: "
			"it is listed among the meeting's materials."
		      : "Link this deliverable to an agenda item of an upcoming meeting of your "
			"network: it is listed among the meeting's materials for those who may "
			"read it.",
		  "class", "muted", NULL);
	page_form_begin(p, "/materials", NULL);
	materials_hidden(h, "entity", entity);
	materials_hidden(h, "material_id", page_href(p->rq, "%lld", id));
	page_select(p, MATERIALS_FIELD, "Agenda item", ids, labels,
		    page_value(p, MATERIALS_FIELD, NULL), 1);
	page_submit(p, "Add to the agenda");
	html_close(h); /* form */
	html_close(h); /* section */
	return 0;
}

int materials_remove_button(struct page *p, const struct agenda_material *m, struct cn_err *err)
{
	struct rec *item = NULL;
	struct http_req *rq = p->rq;
	if (rec_get(rq->db, rq->a, &agenda_item_entity, m->agenda_item_id, &item, err))
		return -1;
	int may = http_may_record(rq, POLICY_UPDATE, "agenda_item", item, err);
	if (may <= 0)
		return may;
	struct html *h = &p->h;
	page_form_begin(p, "/materials/remove", "inline");
	materials_hidden(h, MATERIALS_FIELD, page_href(rq, "%lld", m->agenda_item_id));
	materials_hidden(h, "entity", m->entity);
	materials_hidden(h, "material_id", page_href(rq, "%lld", m->id));
	html_open(h, "button", "type", "submit", "class", "secondary", NULL);
	html_text(h, "Remove");
	html_elem(h, "span", arena_printf(rq->a, " %s from %s", m->title, m->agenda_title),
		  "class", "visually-hidden", NULL);
	html_close(h);
	html_close(h);
	return 0;
}

/* What a materials form names: the agenda item (which the actor may change), the
 * material's entity and its id, and its title (the actor may read it). */
struct materials_req {
	struct rec *item;
	const char *entity;
	int64_t id;
	const char *title;
};

static int materials_read(struct http_req *rq, const struct form *f, struct materials_req *out,
			  struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	out->entity = form_get(f, "entity");
	int lib = out->entity != NULL && strcmp(out->entity, "library_item") == 0;
	if (!lib && (out->entity == NULL || strcmp(out->entity, "deliverable") != 0))
		return cn_err_field(err, CN_ERR_INPUT, "entity",
				    "a material is a library item or a deliverable");
	const char *v = form_get(f, "material_id");
	char *end = NULL;
	out->id = v ? strtoll(v, &end, 10) : 0;
	if (v == NULL || *end != '\0' || out->id <= 0)
		return cn_err_field(err, CN_ERR_INPUT, "material_id", "'%s' is not an id",
				    v ? v : "");
	struct rec *m = NULL;
	if (rec_get(rq->db, rq->a, lib ? &library_item_entity : &deliverable_entity, out->id, &m,
		    err) ||
	    http_allow_record(rq, POLICY_READ, out->entity, m, err))
		return -1;
	out->title = rec_text(m, "title");
	return 0;
}

/* The agenda item the form names, which the actor may change; errors beside the field. */
static int materials_item(struct http_req *rq, const struct form *f, struct materials_req *r,
			  struct cn_err *err)
{
	const char *v = form_get(f, MATERIALS_FIELD);
	char *end = NULL;
	long long id = v ? strtoll(v, &end, 10) : 0;
	if (v == NULL || v[0] == '\0')
		return cn_err_field(err, CN_ERR_INPUT, MATERIALS_FIELD, "Choose an agenda item.");
	if (*end != '\0' || id <= 0)
		return cn_err_field(err, CN_ERR_INPUT, MATERIALS_FIELD, "'%s' is not an agenda item",
				    v);
	if (rec_get(rq->db, rq->a, &agenda_item_entity, id, &r->item, err) ||
	    http_allow_record(rq, POLICY_UPDATE, "agenda_item", r->item, err)) {
		if (err->kind == CN_ERR_NOT_FOUND)
			cn_err_field(err, CN_ERR_NOT_FOUND, MATERIALS_FIELD,
				     "There is no agenda item %lld you may change.", id);
		return -1;
	}
	return 0;
}

/* The meeting's page, at its materials. */
static void materials_done(struct http_req *rq, struct http_resp *rs, const struct rec *item)
{
	page_redirect(rs, arena_printf(rq->a, "/meetings/%lld#materials",
				       (long long)rec_int(item, "meeting_id")));
}

/* POST /materials: links the material; a refusal is shown beside the agenda item's
 * field, on a page of its own, with the choice kept. */
static int materials_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	struct materials_req r;
	if (page_form(rq, &f, err) || materials_read(rq, &f, &r, err))
		return -1;
	struct cn_err why = {0};
	if (materials_item(rq, &f, &r, &why) == 0 &&
	    agenda_material_add(rq->db, &rq->who, r.item->id, r.entity, r.id, &why) == 0) {
		materials_done(rq, rs, r.item);
		return 0;
	}
	if (!page_refused(&why) && why.field[0] == '\0') {
		*err = why;
		return -1;
	}
	if (strcmp(why.field, "library_item_id") == 0 || strcmp(why.field, "deliverable_id") == 0)
		snprintf(why.field, sizeof(why.field), "%s", MATERIALS_FIELD);
	struct page p;
	const char *title = arena_printf(rq->a, "Use %s at a meeting", r.title);
	page_begin(&p, rq, rs, title, PAGE_NAV_NONE);
	page_show_error(&p, &why);
	html_elem(&p.h, "h1", title, NULL);
	page_errors(&p);
	if (materials_card(&p, r.entity, r.id, err))
		return -1;
	html_open(&p.h, "p", NULL);
	html_elem(&p.h, "a", arena_printf(rq->a, "Back to %s", r.title), "href",
		  page_href(rq, strcmp(r.entity, "library_item") == 0 ? "/library/%lld"
								      : "/deliverables/%lld",
			    r.id),
		  NULL);
	html_close(&p.h);
	page_end(&p);
	return 0;
}

/* POST /materials/remove */
static int materials_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	struct materials_req r;
	if (page_form(rq, &f, err) || materials_read(rq, &f, &r, err) ||
	    materials_item(rq, &f, &r, err) ||
	    agenda_material_remove(rq->db, &rq->who, r.item->id, r.entity, r.id, err))
		return -1;
	materials_done(rq, rs, r.item);
	return 0;
}

static const struct route materials_routes[] = {
	{"POST", "/materials", materials_add, "agenda_item", POLICY_UPDATE, NULL, 0,
	 "link a library item or deliverable to an agenda item", NULL, NULL},
	{"POST", "/materials/remove", materials_remove, "agenda_item", POLICY_UPDATE, NULL, 0,
	 "remove a material from an agenda item", NULL, NULL},
};

const struct web_routes web_routes_materials = {
	materials_routes, sizeof(materials_routes) / sizeof(materials_routes[0])};
