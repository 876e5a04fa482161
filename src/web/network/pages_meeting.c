/* pages_meeting: one network meeting's page: when and where, the agenda in order, the
 * materials its items link to, the try-outs recorded at it and who attended; with
 * forms for facilitators to add agenda items (and to reorder and remove them, with
 * links to edit or delete the meeting) and for facilitators and district leads
 * to record attendance; and the signed-in person's own reflection on the meeting, with
 * the reflections their team shared. Each part shows what the policy lets the person
 * read: one district's attendance and try-outs stay within that district, its
 * network's facilitators and the admins; a reflection is its author's alone until
 * shared with their team. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/network/agenda.h"
#include "app/deliverable/deliverable.h"
#include "app/delivery/delivery.h"
#include "app/network/network.h"
#include "app/org/org.h"
#include "app/library/library.h"
#include "app/org/person.h"
#include "app/delivery/tryout.h"
#include "app/access/policy.h"
#include "http/allow.h"
#include "web/network/materials.h"
#include "web/network/calendar_page.h"
#include "web/page.h"
#include "web/web.h"
#include "app/delivery/reflection.h"
#include "app/network/attendance.h"
#include "app/network/meeting.h"
#include "app/network/team.h"

static const struct route_field mtg_agenda_fields[] = {
	{.name = "kind"}, {.name = "title"}, {.name = "minutes"}, {.name = "notes"},
	{.name = NULL},
};
/* The four parts of a reflection (the seeds: distill, synthesize and internalize what
 * was learned; contextualize it to one's own schools), with their prompts. */
static const char *const mtg_reflection_parts[][2] = {
	{"distill", "Distill: the few ideas that matter most"},
	{"synthesize", "Synthesize: how they connect with what we already do"},
	{"internalize", "Internalize: what I now understand or believe differently"},
	{"contextualize", "Contextualize: what it means for our own schools"},
};
enum { MTG_PARTS = sizeof(mtg_reflection_parts) / sizeof(mtg_reflection_parts[0]) };

/* A try-out recorded at the meeting, with who and what. */
struct mtg_tryout {
	int64_t id, person_id, item_id;
	const char *person_name, *item_title;
	int rating;
	const char *would_work, *note;
};

/* A network's team with its members and what the actor may do with it. */
struct mtg_team {
	const struct rec *team;
	const char *district;
	struct network_people members;
	int may_read, may_record;
};

/* What the meeting page shows, read before the page is written. */
struct mtg_view {
	struct rec *meeting, *network;
	struct rec_list agenda;
	struct agenda_material *materials;
	size_t nmaterials;
	int *material_seen;
	struct mtg_tryout *tryouts;
	size_t ntryouts;
	int *tryout_seen;
	struct network_people attendance;
	int *attendance_seen;
	struct mtg_team *teams;
	size_t nteams;
	int may_record_any, may_add_agenda;
	int may_edit, may_delete, may_reorder, may_remove_agenda; /* the facilitators' */
	int may_reflect;
	struct rec *mine;      /* the actor's own reflection, or NULL */
	struct rec **shared;   /* others' shared reflections the actor may read */
	const char **shared_by;
	size_t nshared;
};

static const char *mtg_choice_label(const char *const *choices, const char *const *labels,
				    const char *v)
{
	for (size_t i = 0; v != NULL && choices[i] != NULL; i++)
		if (strcmp(choices[i], v) == 0)
			return labels[i];
	return v;
}

/* The team team_id of this network, or NULL. */
static const struct mtg_team *mtg_team_of(const struct mtg_view *v, int64_t team_id)
{
	for (size_t i = 0; i < v->nteams; i++)
		if (v->teams[i].team->id == team_id)
			return &v->teams[i];
	return NULL;
}

/* A person's records at this meeting (attendance, try-outs) are their team's: seen by
 * their district, the network's facilitators and admins. */
static int mtg_person_scope(struct http_req *rq, const struct mtg_view *v, int64_t person,
			    struct policy_scope *s, struct cn_err *err)
{
	memset(s, 0, sizeof(*s));
	s->network_id = v->network->id;
	s->owner_id = person;
	return policy_team_district(rq->policy, person, v->network->id, &s->district_id, err);
}

static int mtg_read_teams(struct http_req *rq, struct mtg_view *v, struct cn_err *err)
{
	struct rec_list teams;
	if (page_list_all(rq, &team_entity, "network_id", v->network->id, &teams, err))
		return -1;
	v->teams = arena_alloc(rq->a, sizeof(*v->teams) * (teams.count + 1));
	v->nteams = teams.count;
	for (size_t i = 0; i < teams.count; i++) {
		struct mtg_team *t = &v->teams[i];
		memset(t, 0, sizeof(*t));
		t->team = teams.items[i];
		struct rec *org = NULL;
		if (rec_get(rq->db, rq->a, &org_entity, rec_int(t->team, "district_id"), &org, err))
			return -1;
		t->district = rec_text(org, "name");
		struct policy_scope s = {.network_id = v->network->id,
					 .district_id = rec_int(t->team, "district_id")};
		t->may_read = http_can_read(rq, "team", t->team, err);
		t->may_record = http_may_scope(rq, POLICY_CREATE, "attendance", &s, err);
		if (t->may_read < 0 || t->may_record < 0)
			return -1;
		if ((t->may_read || t->may_record) &&
		    team_members(rq->db, rq->a, t->team->id, &t->members, err))
			return -1;
		v->may_record_any |= t->may_record;
	}
	return 0;
}

/* A new reflection of the actor on the meeting, not yet saved. */
static struct rec *mtg_new_reflection(struct http_req *rq, const struct rec *meeting,
				      struct cn_err *err)
{
	struct rec *r = rec_new(rq->a, &reflection_entity);
	if (rec_put_int(r, "meeting_id", meeting->id, err) ||
	    rec_put_int(r, "person_id", rq->who.person_id, err))
		return NULL;
	return r;
}

/* The actor's own reflection (*out NULL when none). */
static int mtg_my_reflection(struct http_req *rq, const struct rec *meeting, struct rec **out,
			     struct cn_err *err)
{
	char m[24], me[24];
	snprintf(m, sizeof(m), "%lld", (long long)meeting->id);
	snprintf(me, sizeof(me), "%lld", (long long)rq->who.person_id);
	struct rec_query q = {.filter = {m, me}, .limit = 1};
	struct rec_list l;
	if (rec_list(rq->db, rq->a, &reflection_entity, &q, &l, err))
		return -1;
	*out = l.count ? l.items[0] : NULL;
	return 0;
}

/* May the actor write a reflection of their own here? Asked as for a private one. */
static int mtg_may_reflect(struct http_req *rq, const struct rec *meeting, struct cn_err *err)
{
	struct rec *r = mtg_new_reflection(rq, meeting, err);
	struct policy_scope s;
	if (r == NULL || policy_scope_of(rq->policy, "reflection", r, &s, err))
		return -1;
	return http_may_scope(rq, POLICY_CREATE, "reflection", &s, err);
}

static int mtg_read_reflections(struct http_req *rq, struct mtg_view *v, struct cn_err *err)
{
	v->may_reflect = mtg_may_reflect(rq, v->meeting, err);
	if (v->may_reflect < 0 || mtg_my_reflection(rq, v->meeting, &v->mine, err))
		return -1;
	char m[24];
	snprintf(m, sizeof(m), "%lld", (long long)v->meeting->id);
	struct rec_query q = {.filter = {m, NULL, NULL, "true"}, .limit = REC_LIST_MAX};
	struct rec_list l;
	if (rec_list(rq->db, rq->a, &reflection_entity, &q, &l, err))
		return -1;
	v->shared = arena_alloc(rq->a, sizeof(*v->shared) * (l.count + 1));
	v->shared_by = arena_alloc(rq->a, sizeof(*v->shared_by) * (l.count + 1));
	for (size_t i = 0; i < l.count; i++) {
		struct rec *r = l.items[i], *author = NULL;
		if (rec_int(r, "person_id") == rq->who.person_id)
			continue;
		int can = http_can_read(rq, "reflection", r, err);
		if (can < 0)
			return -1;
		if (!can)
			continue;
		if (rec_get(rq->db, rq->a, &person_entity, rec_int(r, "person_id"), &author, err))
			return -1;
		v->shared_by[v->nshared] = arena_printf(rq->a, "%s %s", rec_text(author, "given_name"),
							rec_text(author, "family_name"));
		v->shared[v->nshared++] = r;
	}
	return 0;
}

/* By item title, then in the order they were recorded. */
static int mtg_by_item(const void *a, const void *b)
{
	const struct mtg_tryout *x = a, *y = b;
	int c = strcmp(x->item_title, y->item_title);
	if (c == 0 && x->item_id != y->item_id)
		c = x->item_id < y->item_id ? -1 : 1;
	if (c == 0 && x->id != y->id)
		c = x->id < y->id ? -1 : 1;
	return c;
}

/* The name of person id, or of library item id, remembered across the try-outs. */
static const char *mtg_name(struct http_req *rq, const struct rec_entity *e, int64_t id,
			    struct cn_err *err)
{
	struct rec *r = NULL;
	if (rec_get(rq->db, rq->a, e, id, &r, err))
		return NULL;
	if (e == &library_item_entity)
		return rec_text(r, "title");
	return arena_printf(rq->a, "%s %s", rec_text(r, "given_name"), rec_text(r, "family_name"));
}

/* The try-outs recorded at the meeting (the library's records), by item. */
static int mtg_read_tryouts(struct http_req *rq, struct mtg_view *v, struct cn_err *err)
{
	struct rec_list l;
	if (page_list_all(rq, &tryout_entity, "meeting_id", v->meeting->id, &l, err))
		return -1;
	v->tryouts = arena_alloc(rq->a, sizeof(*v->tryouts) * (l.count + 1));
	for (size_t i = 0; i < l.count; i++) {
		const struct rec *r = l.items[i];
		struct mtg_tryout *t = &v->tryouts[v->ntryouts++];
		t->id = r->id;
		t->person_id = rec_int(r, "person_id");
		t->item_id = rec_int(r, "item_id");
		t->rating = (int)rec_int(r, "rating");
		t->would_work = rec_text(r, "would_work");
		t->note = rec_text(r, "note");
		t->person_name = NULL;
		t->item_title = NULL;
		for (size_t k = 0; k + 1 < v->ntryouts; k++) {
			if (v->tryouts[k].person_id == t->person_id)
				t->person_name = v->tryouts[k].person_name;
			if (v->tryouts[k].item_id == t->item_id)
				t->item_title = v->tryouts[k].item_title;
		}
		if (t->person_name == NULL &&
		    (t->person_name = mtg_name(rq, &person_entity, t->person_id, err)) == NULL)
			return -1;
		if (t->item_title == NULL &&
		    (t->item_title = mtg_name(rq, &library_item_entity, t->item_id, err)) == NULL)
			return -1;
	}
	qsort(v->tryouts, v->ntryouts, sizeof(*v->tryouts), mtg_by_item);
	return 0;
}

static int mtg_read(struct http_req *rq, struct rec *meeting, struct mtg_view *v,
		    struct cn_err *err)
{
	memset(v, 0, sizeof(*v));
	v->meeting = meeting;
	if (rec_get(rq->db, rq->a, &network_entity, rec_int(meeting, "network_id"), &v->network,
		    err) ||
	    agenda_items(rq->db, rq->a, meeting->id, &v->agenda, err) ||
	    mtg_read_teams(rq, v, err))
		return -1;

	if (agenda_materials(rq->db, rq->a, meeting->id, &v->materials, &v->nmaterials, err))
		return -1;
	v->material_seen = arena_alloc(rq->a, sizeof(int) * (v->nmaterials + 1));
	for (size_t i = 0; i < v->nmaterials; i++) {
		v->material_seen[i] = 1; /* the library is shared by every network */
		if (strcmp(v->materials[i].entity, "deliverable") != 0)
			continue;
		struct rec *d = NULL;
		if (rec_get(rq->db, rq->a, &deliverable_entity, v->materials[i].id, &d, err))
			return -1;
		v->material_seen[i] = http_can_read(rq, "deliverable", d, err);
		if (v->material_seen[i] < 0)
			return -1;
	}

	if (mtg_read_tryouts(rq, v, err))
		return -1;
	v->tryout_seen = arena_alloc(rq->a, sizeof(int) * (v->ntryouts + 1));
	for (size_t i = 0; i < v->ntryouts; i++) {
		struct policy_scope s;
		if (mtg_person_scope(rq, v, v->tryouts[i].person_id, &s, err))
			return -1;
		s.owner_id = 0;
		v->tryout_seen[i] = http_may_scope(rq, POLICY_READ, "team", &s, err);
		if (v->tryout_seen[i] < 0)
			return -1;
	}

	if (attendance_list(rq->db, rq->a, meeting->id, &v->attendance, err))
		return -1;
	v->attendance_seen = arena_alloc(rq->a, sizeof(int) * (v->attendance.count + 1));
	for (size_t i = 0; i < v->attendance.count; i++) {
		struct policy_scope s;
		if (mtg_person_scope(rq, v, v->attendance.items[i].person_id, &s, err))
			return -1;
		v->attendance_seen[i] = http_may_scope(rq, POLICY_READ, "attendance", &s, err);
		if (v->attendance_seen[i] > 0)
			v->attendance_seen[i] = policy_may_read(rq->policy, &person_entity,
								v->attendance.items[i].person_id, err);
		if (v->attendance_seen[i] < 0)
			return -1;
	}

	if (mtg_read_reflections(rq, v, err))
		return -1;

	struct rec *item = rec_new(rq->a, &agenda_item_entity);
	if (rec_put_int(item, "meeting_id", meeting->id, err))
		return -1;
	struct cn_err no = {0};
	v->may_add_agenda = policy_check(rq->policy, POLICY_CREATE, "agenda_item", item, &no) == 0;
	if (!v->may_add_agenda && no.kind != CN_ERR_FORBIDDEN) {
		*err = no;
		return -1;
	}
	struct policy_scope s = {.network_id = v->network->id};
	if ((v->may_edit = http_may_scope(rq, POLICY_UPDATE, "meeting", &s, err)) < 0 ||
	    (v->may_delete = http_may_scope(rq, POLICY_DELETE, "meeting", &s, err)) < 0 ||
	    (v->may_reorder = http_may_scope(rq, POLICY_UPDATE, "agenda_item", &s, err)) < 0 ||
	    (v->may_remove_agenda = http_may_scope(rq, POLICY_DELETE, "agenda_item", &s, err)) < 0)
		return -1;
	return 0;
}

static void mtg_head(struct page *p, const struct mtg_view *v)
{
	struct html *h = &p->h;
	const struct rec *m = v->meeting;
	page_crumbs(p, "Networks", "/networks", rec_text(v->network, "name"),
		    page_href(p->rq, "/networks/%lld", v->network->id), rec_text(m, "title"), NULL,
		    NULL);
	html_elem(h, "h1", rec_text(m, "title"), NULL);
	html_open(h, "dl", "class", "card", NULL);
	html_elem(h, "dt", "When", NULL);
	html_open(h, "dd", NULL);
	page_time(p, rec_text(m, "starts_at"), rec_text(m, "ends_at"), rec_text(m, "tz"), 1);
	html_close(h);
	if (rec_text(m, "place") != NULL) {
		html_elem(h, "dt", "Where", NULL);
		html_elem(h, "dd", rec_text(m, "place"), NULL);
	}
	if (rec_text(m, "link") != NULL) {
		html_elem(h, "dt", "Online", NULL);
		html_open(h, "dd", NULL);
		html_elem(h, "a", rec_text(m, "link"), "href", rec_text(m, "link"), NULL);
		html_close(h);
	}
	if (rec_text(m, "notes") != NULL) {
		html_elem(h, "dt", "Notes", NULL);
		html_elem(h, "dd", rec_text(m, "notes"), "class", "prose", NULL);
	}
	html_close(h);
	if (v->may_edit || v->may_delete) {
		html_open(h, "p", "class", "actions", NULL);
		if (v->may_edit)
			html_elem(h, "a", "Edit the meeting", "href",
				  page_href(p->rq, "/meetings/%lld/edit", m->id), "class", "button", NULL);
		if (v->may_delete)
			html_elem(h, "a", "Delete the meeting", "href",
				  page_href(p->rq, "/meetings/%lld/delete", m->id), "class",
				  "button secondary", NULL);
		html_close(h);
	}
}

/* A one-button form acting on agenda item it ("up", "down", "remove"), its name
 * saying which item for those who hear it (an aria-label: a hidden span would stick
 * out of the table's scrolling wrapper). */
static void mtg_item_button(struct page *p, const struct rec *it, const char *what,
			    const char *label)
{
	struct html *h = &p->h;
	page_form_begin(p, arena_printf(p->rq->a, "/agenda-items/%lld/%s", (long long)it->id, what),
			"inline");
	html_elem(h, "button", label, "type", "submit", "class", "secondary", "aria-label",
		  arena_printf(p->rq->a, "%s: %s", label, rec_text(it, "title")), NULL);
	html_close(h);
}

/* The facilitators' buttons of agenda row i: move up, move down, remove. */
static void mtg_item_actions(struct page *p, const struct mtg_view *v, size_t i)
{
	const struct rec *it = v->agenda.items[i];
	html_open(&p->h, "td", NULL);
	if (v->may_reorder && i > 0)
		mtg_item_button(p, it, "up", "Up");
	if (v->may_reorder && i + 1 < v->agenda.count)
		mtg_item_button(p, it, "down", "Down");
	if (v->may_remove_agenda)
		mtg_item_button(p, it, "remove", "Remove");
	html_close(&p->h);
}

static void mtg_agenda(struct page *p, const struct mtg_view *v)
{
	struct html *h = &p->h;
	html_open(h, "section", "class", "card", "aria-labelledby", "agenda", NULL);
	html_elem(h, "h2", "Agenda", "id", "agenda", NULL);
	if (v->agenda.count == 0) {
		html_elem(h, "p", "The agenda is empty so far.", "class", "muted", NULL);
		html_close(h);
		return;
	}
	static const char *const heads[] = {"Order", "Kind", "Item", "Minutes", "Notes", NULL};
	static const char *const change_heads[] = {"Order", "Kind",  "Item",  "Minutes",
						   "Notes", "Change", NULL};
	int change = v->may_reorder || v->may_remove_agenda;
	page_table_begin(p, "Agenda items in order", 0, change ? change_heads : heads,
			 1u << 0 | 1u << 3);
	int64_t total = 0;
	for (size_t i = 0; i < v->agenda.count; i++) {
		const struct rec *it = v->agenda.items[i];
		html_open(h, "tr", NULL);
		html_open(h, "td", "class", "num", NULL);
		html_textf(h, "%zu", i + 1);
		html_close(h);
		html_open(h, "td", NULL);
		html_elem(h, "span",
			  mtg_choice_label(agenda_kinds, agenda_kind_labels, rec_text(it, "kind")),
			  "class", "tag", NULL);
		html_close(h);
		html_elem(h, "th", rec_text(it, "title"), "scope", "row", NULL);
		html_open(h, "td", "class", "num", NULL);
		if (!rec_is_null(it, "minutes")) {
			html_textf(h, "%lld", (long long)rec_int(it, "minutes"));
			total += rec_int(it, "minutes");
		}
		html_close(h);
		html_elem(h, "td", rec_text(it, "notes"), "class", "prose", NULL);
		if (change)
			mtg_item_actions(p, v, i);
		html_close(h);
	}
	html_close(h);
	html_open(h, "tfoot", NULL);
	html_open(h, "tr", NULL);
	html_elem(h, "td", "", NULL);
	html_elem(h, "td", "", NULL);
	html_elem(h, "th", "Total", "scope", "row", NULL);
	html_open(h, "td", "class", "num", NULL);
	html_textf(h, "%lld", (long long)total);
	html_close(h);
	html_elem(h, "td", "", NULL);
	if (change)
		html_elem(h, "td", "", NULL);
	html_close(h); /* tr */
	html_close(h); /* tfoot */
	html_close(h); /* table */
	html_close(h); /* wrapper */
	html_close(h); /* section */
}

static int mtg_materials(struct page *p, const struct mtg_view *v, struct cn_err *err)
{
	struct html *h = &p->h;
	html_open(h, "section", "class", "card", "aria-labelledby", "materials", NULL);
	html_elem(h, "h2", "Materials", "id", "materials", NULL);
	size_t shown = 0;
	for (size_t i = 0; i < v->nmaterials; i++)
		shown += (size_t)v->material_seen[i];
	if (shown == 0)
		html_elem(h, "p", "No library items or deliverables are linked from this agenda.",
			  "class", "muted", NULL);
	else
		html_open(h, "ul", NULL);
	for (size_t i = 0; i < v->nmaterials; i++) {
		const struct agenda_material *m = &v->materials[i];
		if (!v->material_seen[i])
			continue;
		int lib = strcmp(m->entity, "library_item") == 0;
		html_open(h, "li", NULL);
		html_elem(h, "a", m->title, "href",
			  page_href(p->rq, lib ? "/library/%lld" : "/deliverables/%lld", m->id), NULL);
		html_textf(h, " (%s %s) for ", lib ? "library" : "deliverable,",
			   page_humanize(p->rq, m->detail));
		html_text(h, m->agenda_title);
		html_text(h, " ");
		if (materials_remove_button(p, m, err))
			return -1;
		html_close(h);
	}
	if (shown > 0)
		html_close(h);
	if (v->may_add_agenda)
		html_elem(h, "p",
			  "To add one, open the library item or the deliverable and choose \"Use at "
			  "a meeting\".",
			  "class", "muted", NULL);
	html_close(h);
	return 0;
}

static void mtg_tryouts(struct page *p, const struct mtg_view *v)
{
	struct html *h = &p->h;
	html_open(h, "section", "class", "card", "aria-labelledby", "tryouts", NULL);
	html_elem(h, "h2", "Try-outs at this meeting", "id", "tryouts", NULL);
	if (v->ntryouts == 0) {
		html_elem(h, "p", "No try-outs were recorded at this meeting.", "class", "muted",
			  NULL);
		html_close(h);
		return;
	}
	/* Per item, for everyone: how many tried it and how they rated it. */
	static const char *const item_heads[] = {"Strategy or resource", "Try-outs",
						 "Average rating (1-5)",
						 "Would work here: yes / maybe / no", NULL};
	page_table_begin(p, "What was tried, over all districts", 1, item_heads, 1u << 1 | 1u << 2);
	for (size_t i = 0; i < v->ntryouts;) {
		size_t k = i;
		int sum = 0, yes = 0, maybe = 0, no = 0;
		for (; k < v->ntryouts && v->tryouts[k].item_id == v->tryouts[i].item_id; k++) {
			const char *w = v->tryouts[k].would_work;
			sum += v->tryouts[k].rating;
			yes += w != NULL && strcmp(w, "yes") == 0;
			maybe += w != NULL && strcmp(w, "maybe") == 0;
			no += w != NULL && strcmp(w, "no") == 0;
		}
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", v->tryouts[i].item_title, "href",
			  page_href(p->rq, "/library/%lld", v->tryouts[i].item_id), NULL);
		html_close(h);
		html_open(h, "td", "class", "num", NULL);
		html_textf(h, "%zu", k - i);
		html_close(h);
		html_open(h, "td", "class", "num", NULL);
		html_textf(h, "%.1f", (double)sum / (double)(k - i));
		html_close(h);
		html_open(h, "td", NULL);
		html_textf(h, "%d / %d / %d", yes, maybe, no);
		html_close(h);
		html_close(h);
		i = k;
	}
	page_table_end(p);
	/* Each person's try-out, for those who may read their team's records. */
	size_t seen = 0;
	for (size_t i = 0; i < v->ntryouts; i++)
		seen += (size_t)v->tryout_seen[i];
	if (seen > 0) {
		static const char *const heads[] = {"Person", "Strategy or resource", "Rating",
						    "Would it work here?", "Note", NULL};
		page_table_begin(p, "Try-outs you may see", 1, heads, 1u << 2);
		for (size_t i = 0; i < v->ntryouts; i++) {
			const struct mtg_tryout *t = &v->tryouts[i];
			if (!v->tryout_seen[i])
				continue;
			html_open(h, "tr", NULL);
			html_elem(h, "th", t->person_name, "scope", "row", NULL);
			html_elem(h, "td", t->item_title, NULL);
			html_open(h, "td", "class", "num", NULL);
			html_textf(h, "%d of 5", t->rating);
			html_close(h);
			html_elem(h, "td", page_humanize(p->rq, t->would_work), NULL);
			html_elem(h, "td", t->note, "class", "prose", NULL);
			html_close(h);
		}
		page_table_end(p);
	}
	html_close(h);
}

static void mtg_attendance_form(struct page *p, const struct mtg_view *v)
{
	struct html *h = &p->h;
	html_elem(h, "h3", "Record attendance", "id", "record-attendance", NULL);
	page_form_begin(p, page_href(p->rq, "/meetings/%lld/attendance", v->meeting->id), NULL);
	for (size_t i = 0; i < v->nteams; i++) {
		const struct mtg_team *t = &v->teams[i];
		if (!t->may_record || t->members.count == 0)
			continue;
		html_open(h, "fieldset", NULL);
		html_elem(h, "legend", t->district, NULL);
		for (size_t k = 0; k < t->members.count; k++) {
			const struct network_person *m = &t->members.items[k];
			const char *current = NULL;
			for (size_t a = 0; a < v->attendance.count; a++)
				if (v->attendance.items[a].person_id == m->person_id)
					current = v->attendance.items[a].role;
			char name[32];
			snprintf(name, sizeof(name), "p%lld", (long long)m->person_id);
			page_select(p, arena_strdup(p->rq->a, name), m->name, attendance_statuses,
				    attendance_status_labels, current, 0);
		}
		html_close(h);
	}
	page_submit(p, "Save attendance");
	html_close(h);
}

static void mtg_attendance(struct page *p, const struct mtg_view *v)
{
	struct html *h = &p->h;
	html_open(h, "section", "class", "card", "aria-labelledby", "attendance", NULL);
	html_elem(h, "h2", "Attendance", "id", "attendance", NULL);
	size_t seen = 0;
	for (size_t i = 0; i < v->attendance.count; i++)
		seen += (size_t)v->attendance_seen[i];
	if (seen == 0) {
		html_elem(h, "p",
			  v->attendance.count ? "You may not see this meeting's attendance."
					      : "No attendance has been recorded.",
			  "class", "muted", NULL);
	} else {
		static const char *const heads[] = {"Person", "Team", "Status", NULL};
		page_table_begin(p, "Who attended", 0, heads, 0);
		for (size_t i = 0; i < v->attendance.count; i++) {
			const struct network_person *a = &v->attendance.items[i];
			if (!v->attendance_seen[i])
				continue;
			const struct mtg_team *t = mtg_team_of(v, a->team_id);
			html_open(h, "tr", NULL);
			html_elem(h, "th", a->name, "scope", "row", NULL);
			html_elem(h, "td", t ? t->district : "", NULL);
			html_elem(h, "td",
				  mtg_choice_label(attendance_statuses, attendance_status_labels,
						   a->role),
				  NULL);
			html_close(h);
		}
		page_table_end(p);
	}
	if (v->may_record_any)
		mtg_attendance_form(p, v);
	html_close(h);
}

static void mtg_agenda_form(struct page *p, const struct mtg_view *v)
{
	struct html *h = &p->h;
	html_open(h, "section", "class", "card", "aria-labelledby", "add-agenda", NULL);
	html_elem(h, "h2", "Add an agenda item", "id", "add-agenda", NULL);
	page_form_begin(p, page_href(p->rq, "/meetings/%lld/agenda", v->meeting->id), NULL);
	page_select(p, "kind", "Kind", agenda_kinds, agenda_kind_labels, "present", 1);
	page_input(p, "title", "Title", "text", NULL, "What happens", 1);
	page_input(p, "minutes", "Minutes", "number", NULL, "Planned length, 1 to 600", 0);
	page_textarea(p, "notes", "Notes", NULL, NULL, 0, NULL);
	page_submit(p, "Add to the agenda");
	html_close(h);
	html_close(h);
}

static void mtg_reflection_text(struct html *h, const struct rec *r)
{
	html_open(h, "dl", NULL);
	for (size_t i = 0; i < MTG_PARTS; i++) {
		if (rec_text(r, mtg_reflection_parts[i][0]) == NULL)
			continue;
		html_elem(h, "dt", mtg_reflection_parts[i][1], NULL);
		html_elem(h, "dd", rec_text(r, mtg_reflection_parts[i][0]), "class", "prose", NULL);
	}
	html_close(h);
}

static void mtg_reflections(struct page *p, const struct mtg_view *v)
{
	struct html *h = &p->h;
	if (!v->may_reflect && v->mine == NULL && v->nshared == 0)
		return;
	html_open(h, "section", "class", "card", "aria-labelledby", "reflection", NULL);
	html_elem(h, "h2", "Reflection", "id", "reflection", NULL);
	if (v->may_reflect || v->mine != NULL) {
		const struct rec *mine = v->mine;
		html_elem(h, "h3", "Your reflection", NULL);
		html_elem(h, "p",
			  mine == NULL ? "Nobody else sees it unless you share it with your team."
			  : rec_int(mine, "shared") ? "Your team can read it; you shared it."
						    : "Only you can read it; it is not shared.",
			  "class", "muted", NULL);
		page_form_begin(p, page_href(p->rq, "/meetings/%lld/reflection", v->meeting->id),
				NULL);
		for (size_t i = 0; i < MTG_PARTS; i++)
			page_textarea(p, mtg_reflection_parts[i][0], mtg_reflection_parts[i][1],
				      mine ? rec_text(mine, mtg_reflection_parts[i][0]) : NULL, NULL, 0,
				      NULL);
		page_checkbox(p, "shared", "Share with my team", mine && rec_int(mine, "shared"),
			      "Your district's team, the network's facilitators and admins will "
			      "read it.");
		page_submit(p, "Save reflection");
		html_close(h);
	}
	html_elem(h, "h3", "Shared with you", NULL);
	if (v->nshared == 0)
		html_elem(h, "p", "No one has shared a reflection on this meeting with you yet.",
			  "class", "muted", NULL);
	for (size_t i = 0; i < v->nshared; i++) {
		html_open(h, "article", "class", "card", NULL);
		html_elem(h, "h4", v->shared_by[i], NULL);
		mtg_reflection_text(h, v->shared[i]);
		html_close(h);
	}
	html_close(h);
}

static const struct {
	const char *done, *text;
} mtg_notices[] = {
	{"reflection", "Your reflection was saved."},
	{"agenda", "The agenda item was added."},
	{"attendance", "The attendance was saved."},
	{"saved", "The meeting's details were saved."},
	{"agenda_removed", "The agenda item was removed."},
	{"agenda_moved", "The agenda item was moved."},
};

/* Writes the meeting page; error (may be NULL) is a form's validation error. */
static int mtg_page(struct http_req *rq, struct http_resp *rs, struct rec *meeting,
		    const struct cn_err *error, struct cn_err *err)
{
	struct mtg_view v;
	if (mtg_read(rq, meeting, &v, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, rec_text(meeting, "title"), PAGE_NAV_NETWORKS);
	page_show_error(&p, error);
	mtg_head(&p, &v);
	const char *done = http_query(rq, "done");
	for (size_t i = 0; done != NULL && i < sizeof(mtg_notices) / sizeof(mtg_notices[0]); i++)
		if (strcmp(done, mtg_notices[i].done) == 0)
			page_notice(&p, mtg_notices[i].text);
	page_errors(&p);
	mtg_agenda(&p, &v);
	if (mtg_materials(&p, &v, err))
		return -1;
	mtg_tryouts(&p, &v);
	mtg_attendance(&p, &v);
	mtg_reflections(&p, &v);
	if (v.may_add_agenda)
		mtg_agenda_form(&p, &v);
	calendar_page_card(&p,
			   page_href(rq, "/networks/%lld/calendar", rec_int(meeting, "network_id")),
			   "this network's meetings");
	page_end(&p);
	return 0;
}

/* GET /meetings/{id} */
static int mtg_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *meeting = rq->record;
	return mtg_page(rq, rs, meeting, NULL, err);
}

/* The meeting page again with the form's refusal beside its field; any other failure
 * is the request's error. */
static int mtg_refused(struct http_req *rq, struct http_resp *rs, struct rec *meeting,
		       const struct cn_err *why, struct cn_err *err)
{
	if (!page_refused(why) && why->kind != CN_ERR_STALE) {
		*err = *why;
		return -1;
	}
	return mtg_page(rq, rs, meeting, why, err);
}

/* POST /meetings/{id}/agenda */
static int mtg_agenda_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *meeting = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct rec *item = rec_new(rq->a, &agenda_item_entity);
	if (rec_put_int(item, "meeting_id", meeting->id, err) ||
	    http_allow_record(rq, POLICY_CREATE, "agenda_item", item, err))
		return -1;
	struct cn_err why = {0};
	if (page_fields(item, rq->a, &f, "", rq->route->body, PAGE_NEW, &why) ||
	    rec_create(rq->db, &rq->who, rq->a, item, &why))
		return mtg_refused(rq, rs, meeting, &why, err);
	page_redirect(rs, page_href(rq, "/meetings/%lld?done=agenda#agenda", meeting->id));
	return 0;
}

/* POST /meetings/{id}/attendance: every person given a status (fields "p<person id>"),
 * all or none (attendance_set_all). */
static int mtg_attendance_save(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *meeting = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	int64_t network = rec_int(meeting, "network_id");
	struct attendance_mark *marks = arena_alloc(rq->a, sizeof(*marks) * (f.n + 1));
	size_t n = 0;
	struct cn_err why = {0};
	for (size_t i = 0; i < f.n; i++) {
		const char *name = f.name[i], *value = f.value[i];
		char *end = NULL;
		if (name[0] != 'p' || name[1] < '1' || name[1] > '9')
			continue;
		long long person = strtoll(name + 1, &end, 10);
		if (*end != '\0' || person <= 0 || value[0] == '\0')
			continue;
		int known = 0;
		for (size_t k = 0; attendance_statuses[k] != NULL; k++)
			known |= strcmp(attendance_statuses[k], value) == 0;
		if (!known) {
			cn_err_field(&why, CN_ERR_INPUT, name,
				     "'%s' is not a status; choose present, absent or excused", value);
			return mtg_page(rq, rs, meeting, &why, err);
		}
		struct policy_scope s = {.network_id = network, .owner_id = person};
		if (policy_team_district(rq->policy, person, network, &s.district_id, err))
			return -1;
		if (s.district_id == 0) {
			cn_err_field(&why, CN_ERR_INPUT, name,
				     "person %lld is not on a team of this network", person);
			return mtg_page(rq, rs, meeting, &why, err);
		}
		s.owner_id = 0; /* recording for a team, not for oneself */
		if (http_allow_scope(rq, POLICY_CREATE, "attendance", &s, err))
			return -1;
		marks[n++] = (struct attendance_mark){person, value};
	}
	if (n == 0) {
		cn_err_set(&why, CN_ERR_INPUT, "Choose a status for at least one person.");
		return mtg_page(rq, rs, meeting, &why, err);
	}
	if (attendance_set_all(rq->db, &rq->who, meeting->id, marks, n, NULL, err))
		return -1;
	page_redirect(rs, page_href(rq, "/meetings/%lld?done=attendance#attendance", meeting->id));
	return 0;
}

static const struct route_field mtg_reflection_fields[] = {
	{.name = "distill"}, {.name = "synthesize"}, {.name = "internalize"},
	{.name = "contextualize"}, {.name = NULL},
};

/* POST /meetings/{id}/reflection: writes or rewrites the actor's own reflection; an
 * empty part is cleared. */
static int mtg_reflection_save(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *meeting = rq->record, *mine = NULL;
	struct form f;
	if (page_form(rq, &f, err) || mtg_my_reflection(rq, meeting, &mine, err))
		return -1;
	struct rec *r = mine != NULL ? rec_new(rq->a, &reflection_entity)
				     : mtg_new_reflection(rq, meeting, err);
	if (r == NULL)
		return -1;
	if (mine != NULL) {
		if (http_allow_record(rq, POLICY_UPDATE, "reflection", mine, err))
			return -1;
	} else {
		int may = mtg_may_reflect(rq, meeting, err);
		if (may < 0)
			return -1;
		if (may == 0)
			return cn_err_set(err, CN_ERR_FORBIDDEN,
					  "only the network's teams and facilitators reflect on its "
					  "meetings");
	}
	struct cn_err why = {0};
	if (page_fields(r, rq->a, &f, "", rq->route->body, mine ? PAGE_CHANGES : PAGE_NEW, &why))
		return mtg_page(rq, rs, meeting, &why, err);
	if (rec_set_int(r, "shared", form_get(&f, "shared") != NULL, &why))
		return mtg_page(rq, rs, meeting, &why, err);
	int rc = mine != NULL ? rec_update(rq->db, &rq->who, rq->a, mine->id, mine->version, r, NULL,
					   &why)
			      : rec_create(rq->db, &rq->who, rq->a, r, &why);
	if (rc != 0)
		return mtg_refused(rq, rs, meeting, &why, err);
	page_redirect(rs, page_href(rq, "/meetings/%lld?done=reflection#reflection", meeting->id));
	return 0;
}

/* The meeting of the path, which the actor may read (else 404); the route's rule is
 * asked by its handler, with what it adds. */
static const struct route_load mtg_meeting = {&meeting_entity, "id", NULL, NULL, 1};

static const struct route meeting_routes[] = {
    {"GET", "/meetings/{id}", mtg_show, "meeting", POLICY_READ, NULL, 0,
     "a meeting: agenda, materials, try-outs, attendance, reflections", NULL, NULL, &mtg_meeting},
    {"POST", "/meetings/{id}/agenda", mtg_agenda_add, "agenda_item", POLICY_CREATE, NULL, 0,
     "add an agenda item", mtg_agenda_fields, NULL, &mtg_meeting},
    {"POST", "/meetings/{id}/attendance", mtg_attendance_save, "attendance", POLICY_CREATE, NULL, 0,
     "record attendance", NULL, NULL, &mtg_meeting},
    {"POST", "/meetings/{id}/reflection", mtg_reflection_save, "reflection", POLICY_CREATE, NULL, 0,
     "write or rewrite one's own reflection on a meeting", mtg_reflection_fields, NULL,
     &mtg_meeting},
};

const struct web_routes web_routes_meeting = {meeting_routes,
					      sizeof(meeting_routes) / sizeof(meeting_routes[0])};
