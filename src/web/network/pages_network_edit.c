/* pages_network_edit: setting a network up: the form that creates one (admins) and the
 * form that edits its details (admins and the network's facilitators): name, content
 * area, region, school year, description and, once it exists, whether it is active.
 * Its teams, facilitators and meetings are added on the network's own page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/network/network.h"
#include "app/org/org.h"
#include "app/access/policy.h"
#include "http/allow.h"
#include "web/page.h"
#include "web/web.h"

/* The network's form, as its routes declare it. */
static const struct route_field ne_fields[] = {
	{.name = "name"}, {.name = "content_area"}, {.name = "region_id"},
	{.name = "school_year"}, {.name = "description"}, {.name = NULL},
};

/* Choices of a select, NULL-terminated, in the request's arena. */
struct ne_choices {
	const char **values, **labels;
};

/* The content areas as people read them. */
static void ne_areas(struct http_req *rq, struct ne_choices *c)
{
	size_t n = 0;
	while (network_content_areas[n] != NULL)
		n++;
	c->values = (const char **)network_content_areas;
	c->labels = arena_alloc(rq->a, sizeof(*c->labels) * (n + 1));
	for (size_t i = 0; i < n; i++)
		c->labels[i] = page_humanize(rq, network_content_areas[i]);
	c->labels[n] = NULL;
}

/* The organizations that may run a network: the cooperatives, then the state agency. */
static int ne_regions(struct http_req *rq, struct ne_choices *c, struct cn_err *err)
{
	static const char *const kinds[] = {"cooperative", "state"};
	struct rec_list l[2];
	for (int k = 0; k < 2; k++) {
		struct rec_query q = {.filter = {kinds[k]}, .limit = REC_LIST_MAX};
		if (rec_list(rq->db, rq->a, &org_entity, &q, &l[k], err))
			return -1;
	}
	size_t n = l[0].count + l[1].count, i = 0;
	c->values = arena_alloc(rq->a, sizeof(*c->values) * (n + 1));
	c->labels = arena_alloc(rq->a, sizeof(*c->labels) * (n + 1));
	for (int k = 0; k < 2; k++)
		for (size_t j = 0; j < l[k].count; j++, i++) {
			c->values[i] = arena_printf(rq->a, "%lld", (long long)l[k].items[j]->id);
			c->labels[i] = rec_text(l[k].items[j], "name");
		}
	c->values[n] = c->labels[n] = NULL;
	return 0;
}

/* Writes the create (net NULL) or edit form; error (may be NULL) is the refusal to
 * show beside its field with the posted input kept. */
static int ne_page(struct http_req *rq, struct http_resp *rs, const struct rec *net,
		   const struct cn_err *error, struct cn_err *err)
{
	struct ne_choices areas, regions;
	ne_areas(rq, &areas);
	if (ne_regions(rq, &regions, err))
		return -1;
	const char *title = net ? arena_printf(rq->a, "Edit %s", rec_text(net, "name"))
				: "New network";
	struct page p;
	page_begin(&p, rq, rs, title, PAGE_NAV_NETWORKS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	if (net != NULL)
		page_crumbs(&p, "Networks", "/networks", rec_text(net, "name"),
			    page_href(rq, "/networks/%lld", net->id), "Edit", NULL, NULL);
	else
		page_crumbs(&p, "Networks", "/networks", "New network", NULL, NULL);
	html_elem(h, "h1", title, NULL);
	if (net == NULL)
		html_elem(h, "p",
			  "After creating it, add its facilitators, district teams and meetings "
			  "on its page.",
			  "class", "muted", NULL);
	page_errors(&p);
	html_open(h, "section", "class", "card", "aria-label", "The network's details", NULL);
	page_form_begin(&p, net ? page_href(rq, "/networks/%lld/edit", net->id) : "/networks",
			NULL);
	if (net != NULL)
		page_version(&p, net);
	const char *region = net && !rec_is_null(net, "region_id")
				     ? arena_printf(rq->a, "%lld", (long long)rec_int(net, "region_id"))
				     : NULL;
	page_input(&p, "name", "Name", "text", net ? rec_text(net, "name") : NULL,
		   "e.g. Green River Mathematics Leadership Network", 1);
	page_select(&p, "content_area", "Content area", areas.values, areas.labels,
		    net ? rec_text(net, "content_area") : NULL, 1);
	page_select(&p, "region_id", "Region: the cooperative or agency that runs it",
		    regions.values, regions.labels, region, 0);
	page_input(&p, "school_year", "School year", "text",
		   net ? rec_text(net, "school_year") : NULL, "e.g. 2026-27", 1);
	page_textarea(&p, "description", "Description",
		      net ? rec_text(net, "description") : NULL, "Its purpose and focus", 0, NULL);
	if (net != NULL)
		page_checkbox(&p, "active", "The network is active", rec_int(net, "active") != 0,
			      "Untick once the network has ended.");
	html_open(h, "div", NULL); /* the button under the text area, not beside it */
	page_submit(&p, net ? "Save the details" : "Create the network");
	html_close(h);
	html_close(h);
	html_close(h);
	page_end(&p);
	return 0;
}

/* The form again with why beside its field; any other failure is the request's. */
static int ne_refused(struct http_req *rq, struct http_resp *rs, const struct rec *net,
		      const struct cn_err *why, struct cn_err *err)
{
	if (!page_refused(why)) {
		*err = *why;
		return -1;
	}
	return ne_page(rq, rs, net, why, err);
}

/* GET /networks/new */
static int ne_new(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_CREATE, "network", err))
		return -1;
	return ne_page(rq, rs, NULL, NULL, err);
}

/* POST /networks: creates the network and lands on its page. */
static int ne_create(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	if (http_allow_any(rq, POLICY_CREATE, "network", err) || page_form(rq, &f, err))
		return -1;
	struct rec *net = rec_new(rq->a, &network_entity);
	struct cn_err why = {0};
	if (page_fields(net, rq->a, &f, "", rq->route->body, PAGE_NEW, &why))
		return ne_refused(rq, rs, NULL, &why, err);
	if (http_allow_record(rq, POLICY_CREATE, "network", net, err))
		return -1;
	if (rec_create(rq->db, &rq->who, rq->a, net, &why))
		return ne_refused(rq, rs, NULL, &why, err);
	page_redirect(rs, page_href(rq, "/networks/%lld?done=created", net->id));
	return 0;
}

/* GET /networks/{id}/edit */
static int ne_edit(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return ne_page(rq, rs, rq->record, NULL, err);
}

/* POST /networks/{id}/edit: saves the details (refused as stale when someone else
 * saved since the form was read). */
static int ne_save(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *net = rq->record;
	struct form f;
	if (page_form(rq, &f, err))
		return -1;
	struct rec *changes = rec_new(rq->a, &network_entity);
	struct cn_err why = {0};
	if (rec_set_int(changes, "active", form_get(&f, "active") != NULL, &why) ||
	    page_update(rq, &f, "", net->id, changes, &why))
		return ne_refused(rq, rs, net, &why, err);
	page_redirect(rs, page_href(rq, "/networks/%lld?done=saved", net->id));
	return 0;
}

/* The network of the path, which the actor may change (404 when they may not read it,
 * 403 when they may read but not change it). */
static const struct route_load ne_network = {&network_entity, "id", NULL, NULL, 0};

/* Before the network family: "/networks/new" is not a network's id. */
static const struct route network_edit_routes[] = {
	{"GET", "/networks/new", ne_new, "network", POLICY_CREATE, NULL, 0,
	 "the form that creates a network", NULL, NULL},
	{"POST", "/networks", ne_create, "network", POLICY_CREATE, NULL, 0, "create a network",
	 ne_fields, NULL},
	{"GET", "/networks/{id}/edit", ne_edit, "network", POLICY_UPDATE, NULL, 0,
	 "the form that edits a network's details", NULL, NULL, &ne_network},
	{"POST", "/networks/{id}/edit", ne_save, "network", POLICY_UPDATE, NULL, 0,
	 "save a network's details", ne_fields, NULL, &ne_network},
};

const struct web_routes web_routes_network_edit = {
	network_edit_routes, sizeof(network_edit_routes) / sizeof(network_edit_routes[0])};
