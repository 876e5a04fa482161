/* pages_instrument: needs-assessment instruments (DESIGN §1, §2). A network's
 * instruments: the one its teams assess with (its newest copy, else capnet's default),
 * the default and the network's copies, with a form for the network's facilitators to
 * copy one. An instrument's page: its indicators grouped by the seven Kentucky
 * Professional Learning Standards with code, capacity level and text; on a network's
 * copy its facilitators rename it, add, edit, move and remove indicators (the app
 * keeps an indicator a team rated or a goal names, and the page says why beside it).
 * capnet's default is read-only: copy it to change it. Anyone signed in reads
 * instruments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/assessment/instrument.h"
#include "app/network/network.h"
#include "app/access/policy.h"
#include "http/allow.h"
#include "web/page.h"
#include "web/web.h"
#include "app/assessment/indicator.h"

/* The forms, as their routes declare them. */
static const struct route_field in_indicator_fields[] = {
	{.name = "standard"}, {.name = "capacity_level"}, {.name = "code"}, {.name = "text"},
	{.name = NULL},
};
static const struct route_field in_rename_fields[] = {
	{.name = "name"}, {.name = NULL},
};
static const char *const in_level_labels[] = {"People", "Organizational",
					      "Institutional (policy)", NULL};

/* The standards' titles for a select, in the request's arena (NULL-terminated). */
static const char *const *in_standard_labels(struct http_req *rq)
{
	const char **labels = arena_alloc(rq->a, sizeof(char *) * (STD_COUNT + 1));
	for (size_t i = 0; i < STD_COUNT; i++)
		labels[i] = instrument_standard_title(instrument_standards[i]);
	labels[STD_COUNT] = NULL;
	return labels;
}

/* --- A network's instruments ------------------------------------------------------- */

/* The network of the path that the actor may read (else 404). */
static const char *in_kind(const struct rec *inst)
{
	return rec_is_null(inst, "network_id") ? "capnet's default (read-only)"
					       : "This network's copy";
}

/* The network's instruments page; error (may be NULL) is the copy form's refusal. */
static int in_net_page(struct http_req *rq, struct http_resp *rs, struct rec *net,
		       const struct cn_err *error, struct cn_err *err)
{
	int64_t current = 0;
	struct rec_list all;
	struct policy_scope s = {.network_id = net->id};
	int own = instrument_of_network(rq->db, net->id, &current, err);
	if (own < 0 || page_list_all(rq, &instrument_entity, "network_id", net->id, &all, err))
		return -1;
	/* Without a copy: capnet's default (the first shipped one, as the app takes it). */
	for (size_t i = 0; !own && current == 0 && i < all.count; i++)
		if (rec_is_null(all.items[i], "network_id"))
			current = all.items[i]->id;
	int may_copy = http_may_scope(rq, POLICY_CREATE, "instrument", &s, err);
	if (may_copy < 0)
		return -1;
	const char *current_name = NULL;
	const char **ids = arena_alloc(rq->a, sizeof(char *) * (all.count + 1));
	const char **names = arena_alloc(rq->a, sizeof(char *) * (all.count + 1));
	for (size_t i = 0; i < all.count; i++) {
		ids[i] = arena_printf(rq->a, "%lld", (long long)all.items[i]->id);
		names[i] = rec_text(all.items[i], "name");
		if (all.items[i]->id == current)
			current_name = names[i];
	}
	ids[all.count] = names[all.count] = NULL;

	struct page p;
	const char *title = arena_printf(rq->a, "Needs-assessment instruments: %s",
					 rec_text(net, "name"));
	page_begin(&p, rq, rs, title, PAGE_NAV_NETWORKS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	page_crumbs(&p, "Networks", "/networks", rec_text(net, "name"),
		    page_href(rq, "/networks/%lld", net->id), "Instruments", NULL, NULL);
	html_elem(h, "h1", title, NULL);
	page_errors(&p);
	html_open(h, "p", NULL);
	html_text(h, "New needs assessments of this network's teams use ");
	if (current_name != NULL)
		html_elem(h, "a", current_name, "href", page_href(rq, "/instruments/%lld", current),
			  NULL);
	else
		html_text(h, "capnet's default instrument");
	html_text(h, own ? ", the network's newest copy."
			 : ", capnet's default: the network has no copy of its own yet.");
	html_close(h);
	html_elem(h, "p",
		  "An assessment keeps the instrument it was started on. When the network makes "
		  "a copy, the teams' next assessments use the newest copy.",
		  "class", "muted", NULL);
	static const char *const heads[] = {"Instrument", "Kind", "Copied from", NULL};
	page_table_begin(&p, "The instruments this network may use", 1, heads, 0);
	for (size_t i = 0; i < all.count; i++) {
		const struct rec *r = all.items[i];
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", rec_text(r, "name"), "href",
			  page_href(rq, "/instruments/%lld", r->id), NULL);
		if (r->id == current) {
			html_text(h, " ");
			html_elem(h, "span", "in use", "class", "tag", NULL);
		}
		html_close(h);
		html_elem(h, "td", in_kind(r), NULL);
		const char *from = "-";
		for (size_t k = 0; k < all.count; k++)
			if (all.items[k]->id == rec_int(r, "based_on_id"))
				from = names[k];
		html_elem(h, "td", from, NULL);
		html_close(h);
	}
	page_table_end(&p);
	if (may_copy) {
		int64_t from = 0;
		struct cn_err ignored = {0};
		if (page_query_id(rq, "from", &from, &ignored) != 1)
			from = current;
		const char *chosen = arena_printf(rq->a, "%lld", (long long)from);
		html_open(h, "section", "class", "card", "aria-labelledby", "copy", NULL);
		html_elem(h, "h2", "Copy an instrument for this network", "id", "copy", NULL);
		html_elem(h, "p",
			  "The copy is the network's own: you can rename it and add, change, "
			  "reorder or remove its indicators.",
			  "class", "muted", NULL);
		page_form_begin(&p, page_href(rq, "/networks/%lld/instruments", net->id), NULL);
		page_radios(&p, "from", "Copy from", ids, names, chosen, 1);
		page_input(&p, "name", "Name of the copy", "text", NULL,
			   "e.g. Green River math needs assessment; left empty, capnet names it",
			   0);
		page_submit(&p, "Copy the instrument");
		html_close(h);
		html_close(h);
	}
	page_end(&p);
	return 0;
}

/* GET /networks/{id}/instruments */
static int in_net_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return in_net_page(rq, rs, rq->record, NULL, err);
}

/* POST /networks/{id}/instruments: copy one for the network. */
static int in_copy(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *net = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct rec *copy = rec_new(rq->a, &instrument_entity);
	if (rec_put_int(copy, "network_id", net->id, err) ||
	    http_allow_record(rq, POLICY_CREATE, "instrument", copy, err))
		return -1;
	struct cn_err why = {0};
	const char *from = form_get(&f, "from");
	const char *name = form_get(&f, "name");
	char *end = NULL;
	long long src = from ? strtoll(from, &end, 10) : 0;
	struct rec *source = NULL;
	if (from == NULL || *end != '\0' || src <= 0 ||
	    rec_get(rq->db, rq->a, &instrument_entity, src, &source, &why) ||
	    (!rec_is_null(source, "network_id") && rec_int(source, "network_id") != net->id)) {
		cn_err_field(&why, CN_ERR_INPUT, "from",
			     "Choose the instrument to copy: capnet's default or one of this "
			     "network's copies.");
		return in_net_page(rq, rs, net, &why, err);
	}
	int64_t id = 0;
	if (instrument_copy(rq->db, &rq->who, source->id, net->id,
			    name != NULL && name[0] != '\0' ? name : NULL, &id, &why)) {
		if (!page_refused(&why)) {
			*err = why;
			return -1;
		}
		return in_net_page(rq, rs, net, &why, err);
	}
	page_redirect(rs, page_href(rq, "/instruments/%lld?done=copied", id));
	return 0;
}

/* --- One instrument ------------------------------------------------------------------ */

/* What the instrument page shows, read before the page is written. */
struct in_view {
	struct instrument_full full;
	struct rec *net; /* the copy's network if the actor may read it, else NULL */
	int may_edit;
	int in_use;          /* new assessments of its network use it */
	const char *based_on; /* the name of the instrument it was copied from */
	struct rec_list copy_to; /* networks the actor may copy it for */
};

static int in_read(struct http_req *rq, struct rec *inst, struct in_view *v, struct cn_err *err)
{
	memset(v, 0, sizeof(*v));
	if (instrument_load(rq->db, rq->a, inst->id, &v->full, err))
		return -1;
	struct cn_err ignored = {0};
	struct rec *from = NULL;
	if (!rec_is_null(inst, "based_on_id") &&
	    rec_get(rq->db, rq->a, &instrument_entity, rec_int(inst, "based_on_id"), &from,
		    &ignored) == 0)
		v->based_on = rec_text(from, "name");
	if (!v->full.shipped) {
		int64_t net_id = rec_int(inst, "network_id"), current = 0;
		struct rec *net = NULL;
		if (rec_get(rq->db, rq->a, &network_entity, net_id, &net, err))
			return -1;
		int can = http_can_read(rq, "network", net, err);
		int rc = instrument_of_network(rq->db, net_id, &current, err);
		v->may_edit = http_may_scope(rq, POLICY_UPDATE, "instrument",
					     &(struct policy_scope){.network_id = net_id}, err);
		if (can < 0 || rc < 0 || v->may_edit < 0)
			return -1;
		v->net = can ? net : NULL;
		v->in_use = rc == 1 && current == inst->id;
	}
	/* The networks the actor may copy it for: any for the default, its own for a copy. */
	struct rec_list mine;
	if (page_my_networks(rq, &mine, err))
		return -1;
	v->copy_to.items = arena_alloc(rq->a, sizeof(struct rec *) * (mine.count + 1));
	for (size_t i = 0; i < mine.count; i++) {
		if (!v->full.shipped && mine.items[i]->id != rec_int(inst, "network_id"))
			continue;
		struct policy_scope s = {.network_id = mine.items[i]->id};
		int may = http_may_scope(rq, POLICY_CREATE, "instrument", &s, err);
		if (may < 0)
			return -1;
		if (may)
			v->copy_to.items[v->copy_to.count++] = mine.items[i];
	}
	return 0;
}

/* A small POST form of one button; the indicator's code completes its name for
 * screen readers ("Up LC.2"). hidden (may be NULL) is a name=value pair sent along. */
static void in_button(struct page *p, const char *action, const char *label, const char *code,
		      const char *hidden_name, const char *hidden_value)
{
	struct html *h = &p->h;
	page_form_begin(p, action, "inline");
	if (hidden_name != NULL)
		html_void(h, "input", "type", "hidden", "name", hidden_name, "value", hidden_value,
			  NULL);
	html_open(h, "button", "type", "submit", "class", "secondary", NULL);
	html_text(h, label);
	html_elem(h, "span", arena_printf(p->rq->a, " %s", code), "class", "visually-hidden",
		  NULL);
	html_close(h);
	html_close(h);
}

/* The indicators of standard s, each with its actions when the copy may be edited.
 * prev/next: the neighbours within the standard, for moving up and down. */
static void in_standard(struct page *p, const struct in_view *v, size_t s)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	const struct instrument_full *in = &v->full;
	const char *std = instrument_standards[s];
	const char *hid = arena_printf(rq->a, "std-%s", std);
	size_t n = 0;
	for (size_t i = 0; i < in->count; i++)
		n += strcmp(in->indicators[i].standard, std) == 0;
	html_open(h, "section", "aria-labelledby", hid, NULL);
	html_elem(h, "h2", instrument_standard_title(std), "id", hid, NULL);
	if (n == 0)
		html_elem(h, "p", "No indicators for this standard.", "class", "muted", NULL);
	size_t prev = 0;
	int has_prev = 0;
	for (size_t i = 0; i < in->count; i++) {
		const struct instrument_indicator *d = &in->indicators[i];
		if (strcmp(d->standard, std) != 0)
			continue;
		size_t next = i + 1;
		while (next < in->count && strcmp(in->indicators[next].standard, std) != 0)
			next++;
		const char *id = arena_printf(rq->a, "ind-%lld", (long long)d->id);
		html_open(h, "div", "class", "card", "id", id, NULL);
		html_open(h, "p", NULL);
		html_elem(h, "strong", d->code, NULL);
		html_text(h, " ");
		html_elem(h, "span", instrument_level_title(d->capacity_level), "class", "tag", NULL);
		html_close(h);
		html_elem(h, "p", d->text, "class", "prose", NULL);
		if (p->error != NULL && strcmp(p->error->field, id) == 0)
			html_elem(h, "p", p->error->msg, "class", "field-error", NULL);
		if (v->may_edit) {
			html_open(h, "div", "class", "actions", NULL);
			html_open(h, "a", "class", "button secondary", "href",
				  page_href(rq, "/indicators/%lld/edit", d->id), NULL);
			html_text(h, "Edit");
			html_elem(h, "span", arena_printf(rq->a, " %s", d->code), "class",
				  "visually-hidden", NULL);
			html_close(h);
			const char *move = page_href(rq, "/indicators/%lld/move", d->id);
			if (has_prev)
				in_button(p, move, "Up", d->code, "to",
					  arena_printf(rq->a, "%zu", prev + 1));
			if (next < in->count)
				in_button(p, move, "Down", d->code, "to",
					  arena_printf(rq->a, "%zu", next + 1));
			in_button(p, page_href(rq, "/indicators/%lld/remove", d->id), "Remove",
				  d->code, NULL, NULL);
			html_close(h);
		}
		html_close(h);
		prev = i;
		has_prev = 1;
	}
	html_close(h);
}

static void in_about(struct page *p, const struct in_view *v)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	const struct rec *inst = v->full.instrument;
	html_open(h, "section", "class", "card", "aria-labelledby", "about", NULL);
	html_elem(h, "h2", "About this instrument", "id", "about", NULL);
	if (v->full.shipped) {
		html_elem(h, "p",
			  "This is capnet's default instrument, shared by every network. It is "
			  "read-only, so that every assessment made on it keeps its meaning. To "
			  "change it, copy it for your network and edit the copy.",
			  NULL);
	} else {
		html_open(h, "p", NULL);
		html_text(h, "This is the copy of ");
		if (v->net != NULL)
			html_elem(h, "a", rec_text(v->net, "name"), "href",
				  page_href(rq, "/networks/%lld/instruments", v->net->id), NULL);
		else
			html_text(h, "its network");
		html_text(h, v->in_use ? ". New assessments of the network's teams use it."
				       : ". The network has a newer copy, which new assessments "
					 "use.");
		html_close(h);
	}
	html_open(h, "dl", "class", "facts", NULL);
	html_elem(h, "dt", "Indicators", NULL);
	html_elem(h, "dd", arena_printf(rq->a, "%zu", v->full.count), NULL);
	if (v->based_on != NULL) {
		html_elem(h, "dt", "Copied from", NULL);
		html_open(h, "dd", NULL);
		html_elem(h, "a", v->based_on, "href",
			  page_href(rq, "/instruments/%lld", rec_int(inst, "based_on_id")), NULL);
		html_close(h);
	}
	html_elem(h, "dt", "Rating scale", NULL);
	html_elem(h, "dd", "1 not yet, 2 emerging, 3 established, 4 sustained", NULL);
	html_close(h);
	if (v->copy_to.count > 0) {
		html_open(h, "ul", NULL);
		for (size_t i = 0; i < v->copy_to.count; i++) {
			const struct rec *n = v->copy_to.items[i];
			html_open(h, "li", NULL);
			html_elem(h, "a", arena_printf(rq->a, "Copy it for %s", rec_text(n, "name")),
				  "href",
				  arena_printf(rq->a, "/networks/%lld/instruments?from=%lld#copy",
					       (long long)n->id, (long long)inst->id),
				  NULL);
			html_close(h);
		}
		html_close(h);
	}
	html_close(h);
}

static void in_forms(struct page *p, const struct in_view *v)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	const struct rec *inst = v->full.instrument;
	if (!v->may_edit)
		return;
	html_open(h, "section", "class", "card", "aria-labelledby", "add", NULL);
	html_elem(h, "h2", "Add an indicator", "id", "add", NULL);
	page_form_begin(p, page_href(rq, "/instruments/%lld/indicators", inst->id), NULL);
	page_select(p, "standard", "Standard", instrument_standards, in_standard_labels(rq), NULL,
		    1);
	page_radios(p, "capacity_level", "Capacity level", instrument_capacity_levels,
		    in_level_labels, NULL, 1);
	page_input(p, "code", "Code", "text", NULL,
		   "Letters, digits, '.' and '-', unique in the instrument, e.g. LC.5", 1);
	page_textarea(p, "text", "Indicator text",
		      NULL, "What the district looks like when this is fully in place", 1, NULL);
	page_submit(p, "Add the indicator");
	html_close(h);
	html_close(h);
	html_open(h, "section", "class", "card", "aria-labelledby", "rename", NULL);
	html_elem(h, "h2", "Rename the instrument", "id", "rename", NULL);
	page_form_begin(p, page_href(rq, "/instruments/%lld/rename", inst->id), NULL);
	page_version(p, inst);
	page_input(p, "name", "Name", "text", rec_text(inst, "name"), NULL, 1);
	page_submit(p, "Rename");
	html_close(h);
	html_close(h);
}

/* The instrument page; error (may be NULL) is a form's refusal, shown beside its field
 * (a refused removal beside its indicator). */
static int in_page(struct http_req *rq, struct http_resp *rs, struct rec *inst,
		   const struct cn_err *error, struct cn_err *err)
{
	struct in_view v;
	if (in_read(rq, inst, &v, err))
		return -1;
	struct page p;
	const char *name = rec_text(v.full.instrument, "name");
	page_begin(&p, rq, rs, name, PAGE_NAV_NETWORKS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	if (v.net != NULL)
		page_crumbs(&p, "Networks", "/networks", rec_text(v.net, "name"),
			    page_href(rq, "/networks/%lld", v.net->id), "Instruments",
			    page_href(rq, "/networks/%lld/instruments", v.net->id), name, NULL,
			    NULL);
	else
		page_crumbs(&p, "Networks", "/networks", name, NULL, NULL);
	html_elem(h, "h1", name, NULL);
	static const char *const dones[][2] = {
		{"copied", "The instrument was copied for the network: it is yours to change."},
		{"renamed", "The instrument was renamed."},
		{"added", "The indicator was added."},
		{"saved", "The indicator was saved."},
		{"moved", "The indicator was moved."},
		{"removed", "The indicator was removed."},
	};
	const char *done = http_query(rq, "done");
	for (size_t i = 0; done != NULL && i < sizeof(dones) / sizeof(dones[0]); i++)
		if (strcmp(done, dones[i][0]) == 0)
			page_notice(&p, dones[i][1]);
	page_errors(&p);
	in_about(&p, &v);
	for (size_t s = 0; instrument_standards[s] != NULL; s++)
		in_standard(&p, &v, s);
	in_forms(&p, &v);
	page_end(&p);
	return 0;
}

/* The instrument of the path (anyone signed in reads it). */
/* GET /instruments/{id} */
static int in_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return in_page(rq, rs, rq->record, NULL, err);
}

/* The instrument page again with why beside its field, or the request's error. */
static int in_refused(struct http_req *rq, struct http_resp *rs, struct rec *inst,
		      const struct cn_err *why, struct cn_err *err)
{
	if (!page_refused(why)) {
		*err = *why;
		return -1;
	}
	return in_page(rq, rs, inst, why, err);
}

/* Refuses an empty required field of f, naming it. */
static int in_required(const struct form *f, const char *field, const char *what,
		       struct cn_err *why)
{
	const char *v = form_get(f, field);
	if (v != NULL && v[0] != '\0')
		return 0;
	return cn_err_field(why, CN_ERR_INPUT, field, "%s", what);
}

/* Checks the indicator form's required fields. */
static int in_indicator_input(const struct form *f, struct cn_err *why)
{
	return in_required(f, "standard", "Choose the standard the indicator is written for.",
			   why) ||
	       in_required(f, "capacity_level",
			   "Choose the capacity level: people, organizational or institutional "
			   "(policy).",
			   why) ||
	       in_required(f, "code", "Give the indicator a short code, e.g. LC.5.", why) ||
	       in_required(f, "text",
			   "Write what the district looks like when this is fully in place.", why);
}

/* POST /instruments/{id}/rename */
static int in_rename(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *inst = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct cn_err why = {0};
	if (in_required(&f, "name", "Give the instrument a name.", &why) ||
	    page_update(rq, &f, "", inst->id, rec_new(rq->a, &instrument_entity), &why))
		return in_refused(rq, rs, inst, &why, err);
	page_redirect(rs, page_href(rq, "/instruments/%lld?done=renamed", inst->id));
	return 0;
}

/* POST /instruments/{id}/indicators */
static int in_indicator_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *inst = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct rec *r = rec_new(rq->a, &indicator_entity);
	if (rec_put_int(r, "instrument_id", inst->id, err) ||
	    http_allow_record(rq, POLICY_CREATE, "indicator", r, err))
		return -1;
	struct cn_err why = {0};
	if (in_indicator_input(&f, &why) ||
	    page_fields(r, rq->a, &f, "", rq->route->body, PAGE_NEW, &why) ||
	    rec_create(rq->db, &rq->who, rq->a, r, &why))
		return in_refused(rq, rs, inst, &why, err);
	page_redirect(rs, arena_printf(rq->a, "/instruments/%lld?done=added#ind-%lld",
				       (long long)inst->id, (long long)r->id));
	return 0;
}

/* --- One indicator ------------------------------------------------------------------- */

/* The route's indicator (which the actor may change: route_load), its instrument, and
 * the POSTed form (f may be NULL). */
static int in_indicator_load(struct http_req *rq, struct rec **ind, struct rec **inst,
			     struct form *f, struct cn_err *err)
{
	*ind = rq->record;
	if (rec_get(rq->db, rq->a, &instrument_entity, rec_int(*ind, "instrument_id"), inst, err) ||
	    (f != NULL && page_form(rq, f, err)))
		return -1;
	if (rec_is_null(*inst, "network_id"))
		return cn_err_set(err, CN_ERR_CONFLICT,
				  "capnet's default instrument is read-only; copy it for your "
				  "network and change the copy");
	return 0;
}

/* The edit page of an indicator; error (may be NULL) beside its field. */
static int in_edit_page(struct http_req *rq, struct http_resp *rs, const struct rec *ind,
			const struct rec *inst, const struct cn_err *error, struct cn_err *err)
{
	struct instrument_full full;
	if (instrument_load(rq->db, rq->a, inst->id, &full, err))
		return -1;
	size_t at = 0;
	for (size_t i = 0; i < full.count; i++)
		if (full.indicators[i].id == ind->id)
			at = i + 1;
	struct page p;
	const char *title = arena_printf(rq->a, "Indicator %s", rec_text(ind, "code"));
	page_begin(&p, rq, rs, title, PAGE_NAV_NETWORKS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	const char *back = arena_printf(rq->a, "/instruments/%lld#ind-%lld", (long long)inst->id,
					(long long)ind->id);
	struct rec *net = NULL;
	struct cn_err ignored = {0};
	if (rec_get(rq->db, rq->a, &network_entity, rec_int(inst, "network_id"), &net,
		    &ignored) == 0)
		page_crumbs(&p, "Networks", "/networks", rec_text(net, "name"),
			    page_href(rq, "/networks/%lld", net->id), "Instruments",
			    page_href(rq, "/networks/%lld/instruments", net->id),
			    rec_text(inst, "name"), back, title, NULL, NULL);
	else
		page_crumbs(&p, "Networks", "/networks", rec_text(inst, "name"), back, title,
			    NULL, NULL);
	html_elem(h, "h1", title, NULL);
	page_errors(&p);
	html_open(h, "section", "class", "card", "aria-labelledby", "change", NULL);
	html_elem(h, "h2", "Change the indicator", "id", "change", NULL);
	page_form_begin(&p, page_href(rq, "/indicators/%lld", ind->id), NULL);
	page_version(&p, ind);
	page_select(&p, "standard", "Standard", instrument_standards, in_standard_labels(rq),
		    rec_text(ind, "standard"), 1);
	page_radios(&p, "capacity_level", "Capacity level", instrument_capacity_levels,
		    in_level_labels, rec_text(ind, "capacity_level"), 1);
	page_input(&p, "code", "Code", "text", rec_text(ind, "code"),
		   "Letters, digits, '.' and '-', unique in the instrument", 1);
	page_textarea(&p, "text", "Indicator text", rec_text(ind, "text"),
		      "What the district looks like when this is fully in place", 1, NULL);
	page_submit(&p, "Save the indicator");
	html_close(h);
	html_close(h);
	html_open(h, "section", "class", "card", "aria-labelledby", "move", NULL);
	html_elem(h, "h2", "Move it", "id", "move", NULL);
	page_form_begin(&p, page_href(rq, "/indicators/%lld/move", ind->id), NULL);
	page_input(&p, "to", "Position in the instrument", "number",
		   arena_printf(rq->a, "%zu", at),
		   arena_printf(rq->a, "1 is the first of all %zu indicators, %zu the last",
				full.count, full.count),
		   1);
	page_submit(&p, "Move");
	html_close(h);
	html_close(h);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to the instrument", "href", back, NULL);
	html_close(h);
	page_end(&p);
	return 0;
}

/* GET /indicators/{id}/edit */
static int in_edit(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *ind = NULL, *inst = NULL;
	if (in_indicator_load(rq, &ind, &inst, NULL, err))
		return -1;
	return in_edit_page(rq, rs, ind, inst, NULL, err);
}

/* The edit page again with why beside its field, or the request's error. */
static int in_edit_refused(struct http_req *rq, struct http_resp *rs, const struct rec *ind,
			   const struct rec *inst, const struct cn_err *why, struct cn_err *err)
{
	if (!page_refused(why)) {
		*err = *why;
		return -1;
	}
	return in_edit_page(rq, rs, ind, inst, why, err);
}

/* POST /indicators/{id} */
static int in_save(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *ind = NULL, *inst = NULL;
	struct form f;
	if (in_indicator_load(rq, &ind, &inst, &f, err))
		return -1;
	struct cn_err why = {0};
	if (in_indicator_input(&f, &why) ||
	    page_update(rq, &f, "", ind->id, rec_new(rq->a, &indicator_entity), &why))
		return in_edit_refused(rq, rs, ind, inst, &why, err);
	page_redirect(rs, arena_printf(rq->a, "/instruments/%lld?done=saved#ind-%lld",
				       (long long)inst->id, (long long)ind->id));
	return 0;
}

/* POST /indicators/{id}/move: to a position (1 = first). */
static int in_move(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *ind = NULL, *inst = NULL;
	struct form f;
	if (in_indicator_load(rq, &ind, &inst, &f, err))
		return -1;
	struct cn_err why = {0};
	const char *to = form_get(&f, "to");
	char *end = NULL;
	long long pos = to != NULL ? strtoll(to, &end, 10) : 0;
	if (to == NULL || to[0] == '\0' || *end != '\0' || pos < 1 || pos > 10000) {
		cn_err_field(&why, CN_ERR_INPUT, "to",
			     "Give the position as a whole number: 1 is the first indicator.");
		return in_edit_refused(rq, rs, ind, inst, &why, err);
	}
	if (instrument_indicator_move(rq->db, &rq->who, ind->id, pos, &why))
		return in_edit_refused(rq, rs, ind, inst, &why, err);
	page_redirect(rs, arena_printf(rq->a, "/instruments/%lld?done=moved#ind-%lld",
				       (long long)inst->id, (long long)ind->id));
	return 0;
}

/* POST /indicators/{id}/remove: refused beside the indicator when a team rated it or a
 * goal names it. */
static int in_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *ind = NULL, *inst = NULL;
	struct form f;
	if (in_indicator_load(rq, &ind, &inst, &f, err))
		return -1;
	struct cn_err *why = arena_alloc(rq->a, sizeof(*why));
	memset(why, 0, sizeof(*why));
	if (instrument_indicator_remove(rq->db, &rq->who, ind->id, why)) {
		if (page_refused(why))
			snprintf(why->field, sizeof(why->field), "ind-%lld", (long long)ind->id);
		return in_refused(rq, rs, inst, why, err);
	}
	page_redirect(rs, page_href(rq, "/instruments/%lld?done=removed", inst->id));
	return 0;
}

/* What the routes load: the network whose instruments are listed or copied (which
 * the actor may read), the instrument or indicator of the path, which the actor may do
 * the route's verb on, or the instrument an indicator is added to. */
static const struct route_load in_network = {&network_entity, "id", NULL, NULL, 1};
static const struct route_load in_instrument = {&instrument_entity, "id", NULL, NULL, 0};
static const struct route_load in_instrument_parent = {&instrument_entity, "id", NULL, NULL, 1};
static const struct route_load in_indicator = {&indicator_entity, "id", NULL, NULL, 0};

static const struct route instrument_routes[] = {
    {"GET", "/networks/{id}/instruments", in_net_show, "network", POLICY_READ, NULL, 0,
     "a network's needs-assessment instruments", NULL, NULL, &in_network},
    {"POST", "/networks/{id}/instruments", in_copy, "instrument", POLICY_CREATE, NULL, 0,
     "copy an instrument for a network", NULL, NULL, &in_network},
    {"GET", "/instruments/{id}", in_show, "instrument", POLICY_READ, NULL, 0,
     "an instrument: its indicators by standard", NULL, NULL, &in_instrument},
    {"POST", "/instruments/{id}/rename", in_rename, "instrument", POLICY_UPDATE, NULL, 0,
     "rename a network's instrument", in_rename_fields, NULL, &in_instrument},
    {"POST", "/instruments/{id}/indicators", in_indicator_add, "indicator", POLICY_CREATE, NULL, 0,
     "add an indicator", in_indicator_fields, NULL, &in_instrument_parent},
    {"GET", "/indicators/{id}/edit", in_edit, "indicator", POLICY_UPDATE, NULL, 0,
     "the form to change an indicator", NULL, NULL, &in_indicator},
    {"POST", "/indicators/{id}", in_save, "indicator", POLICY_UPDATE, NULL, 0,
     "change an indicator", in_indicator_fields, NULL, &in_indicator},
    {"POST", "/indicators/{id}/move", in_move, "indicator", POLICY_UPDATE, NULL, 0,
     "move an indicator", NULL, NULL, &in_indicator},
    {"POST", "/indicators/{id}/remove", in_remove, "indicator", POLICY_DELETE, NULL, 0,
     "remove an indicator", NULL, NULL, &in_indicator},
};

const struct web_routes web_routes_instrument = {
	instrument_routes, sizeof(instrument_routes) / sizeof(instrument_routes[0])};
