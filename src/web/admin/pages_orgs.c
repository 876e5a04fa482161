/* pages_orgs: an organization's page for admins (issue 18): its facts and its
 * relationships with other organizations (partnerships, MOUs, services: DESIGN §2,
 * organizational development), with a form to add one and a button to remove each,
 * as `capnet relationship` and /api/v1/relationships do. */
#include <stdio.h>
#include <string.h>

#include "app/org/org.h"
#include "app/org/relationship.h"
#include "http/allow.h"
#include "web/admin/admin.h"
#include "web/page.h"
#include "web/web.h"

static const struct route_field orgpage_rel_form[] = {
	{"kind", "string", 1, NULL, "partnership, MOU or service"},
	{"to_org_id", "integer", 1, NULL, "the other organization"},
	{"since", "string", 0, NULL, "a date, YYYY-MM-DD"},
	{"note", "string", 0, NULL, NULL},
	{NULL, NULL, 0, NULL, NULL},
};

/* The choices of relationship_entity's kind, as the app declares them. */
static const char *const *orgpage_rel_kinds(void)
{
	for (size_t i = 0; i < relationship_entity.nfields; i++)
		if (strcmp(relationship_entity.fields[i].name, "kind") == 0)
			return relationship_entity.fields[i].choices;
	return NULL;
}

static const char *orgpage_name(struct http_req *rq, int64_t id)
{
	struct rec *o = NULL;
	struct cn_err ignored = {0};
	return rec_get(rq->db, rq->a, &org_entity, id, &o, &ignored) == 0 ? rec_text(o, "name")
									   : "(unknown)";
}

static int orgpage(struct http_req *rq, struct http_resp *rs, const struct rec *org,
		   const struct cn_err *error, struct cn_err *err)
{
	struct rec_list rels;
	if (page_list_all(rq, &relationship_entity, "org_id", org->id, &rels, err))
		return -1;
	static const char *const all_kinds[] = {"state",  "cooperative", "district", "school",
						"higher_ed", "partner",	     NULL};
	const char **ids, **labels;
	if (admin_org_choices(rq, all_kinds, &ids, &labels, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, rec_text(org, "name"), PAGE_NAV_ADMIN);
	page_show_error(&p, error);
	struct html *h = &p.h;
	page_crumbs(&p, "Admin", "/admin", "Organizations", "/admin/organizations",
		    rec_text(org, "name"), NULL, (char *)NULL);
	html_elem(h, "h1", rec_text(org, "name"), NULL);
	const char *done = http_query(rq, "done");
	if (done != NULL && strcmp(done, "relationship") == 0)
		page_notice(&p, "The relationship was added.");
	else if (done != NULL && strcmp(done, "removed") == 0)
		page_notice(&p, "The relationship was removed.");
	page_errors(&p);
	html_open(h, "p", NULL);
	html_text(h, page_humanize(rq, rec_text(org, "kind")));
	if (rec_int(org, "parent_id") != 0)
		html_textf(h, ", part of %s", orgpage_name(rq, rec_int(org, "parent_id")));
	html_textf(h, ". %s.", rec_int(org, "active") ? "Active" : "Inactive");
	html_close(h);

	html_open(h, "section", "class", "card", "aria-labelledby", "relationships", NULL);
	html_elem(h, "h2", "Relationships", "id", "relationships", NULL);
	static const char *const heads[] = {"Kind", "With", "Since", "Note", "", NULL};
	page_table_begin(&p, "Relationships", 0, heads, 0);
	for (size_t i = 0; i < rels.count; i++) {
		const struct rec *r = rels.items[i];
		int64_t other = rec_int(r, "from_org_id") == org->id ? rec_int(r, "to_org_id")
								      : rec_int(r, "from_org_id");
		html_open(h, "tr", NULL);
		html_elem(h, "td", page_humanize(rq, rec_text(r, "kind")), NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", orgpage_name(rq, other), "href",
			  page_href(rq, "/admin/organizations/%lld", other), NULL);
		html_close(h);
		html_elem(h, "td", rec_text(r, "since"), NULL);
		html_elem(h, "td", rec_text(r, "note"), NULL);
		html_open(h, "td", NULL);
		page_button_form(&p,
				 arena_printf(rq->a, "/admin/organizations/%lld/relationships/%lld/remove",
					      (long long)org->id, (long long)r->id),
				 "Remove", "secondary");
		html_close(h);
		html_close(h);
	}
	page_table_end(&p);
	if (rels.count == 0)
		html_elem(h, "p", "No relationships recorded.", "class", "muted", NULL);
	html_elem(h, "h3", "Add a relationship", NULL);
	page_form_begin(&p, page_href(rq, "/admin/organizations/%lld/relationships", org->id), NULL);
	page_select(&p, "kind", "Kind", orgpage_rel_kinds(), NULL, NULL, 1);
	page_select(&p, "to_org_id", "With", ids, labels, NULL, 1);
	page_input(&p, "since", "Since", "date", NULL, NULL, 0);
	page_textarea(&p, "note", "What it covers", NULL, NULL, 0, NULL);
	page_submit(&p, "Add relationship");
	html_close(h);
	html_close(h);
	page_end(&p);
	return 0;
}

static int orgpage_load(struct http_req *rq, struct rec **org, struct cn_err *err)
{
	int64_t id = 0;
	return admin_gate(rq, err) || page_id(rq, "id", &id, err) ||
		       rec_get(rq->db, rq->a, &org_entity, id, org, err)
		   ? -1
		   : 0;
}

/* GET /admin/organizations/{id} */
static int orgpage_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *org = NULL;
	if (orgpage_load(rq, &org, err))
		return -1;
	return orgpage(rq, rs, org, NULL, err);
}

/* POST /admin/organizations/{id}/relationships: this organization is the one that
 * offers or signs (from_org_id). */
static int orgpage_rel_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *org = NULL;
	struct form f;
	if (orgpage_load(rq, &org, err) || page_form(rq, &f, err))
		return -1;
	struct rec *r = rec_new(rq->a, &relationship_entity);
	struct cn_err why = {0};
	if (rec_put_int(r, "from_org_id", org->id, err))
		return -1;
	if (page_fields(r, rq->a, &f, "", rq->route->body, PAGE_NEW, &why) == 0 &&
	    http_allow_record(rq, POLICY_CREATE, "relationship", r, err) == 0 &&
	    rec_create(rq->db, &rq->who, rq->a, r, &why) == 0) {
		page_redirect(rs, page_href(rq, "/admin/organizations/%lld?done=relationship#relationships",
					    org->id));
		return 0;
	}
	if (why.kind == CN_OK || !page_refused(&why)) {
		if (why.kind != CN_OK)
			*err = why;
		return -1;
	}
	return orgpage(rq, rs, org, &why, err);
}

/* POST /admin/organizations/{id}/relationships/{rid}/remove */
static int orgpage_rel_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *org = NULL, *r = NULL;
	int64_t rid = 0;
	if (orgpage_load(rq, &org, err) || page_id(rq, "rid", &rid, err) ||
	    rec_get(rq->db, rq->a, &relationship_entity, rid, &r, err))
		return -1;
	if (rec_int(r, "from_org_id") != org->id && rec_int(r, "to_org_id") != org->id)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "organization %lld has no relationship %lld",
				  (long long)org->id, (long long)rid);
	if (http_allow_record(rq, POLICY_DELETE, "relationship", r, err) ||
	    rec_delete(rq->db, &rq->who, rq->a, &relationship_entity, rid, 0, err))
		return -1;
	page_redirect(rs, page_href(rq, "/admin/organizations/%lld?done=removed#relationships", org->id));
	return 0;
}

static const struct route orgpage_routes[] = {
	{"GET", "/admin/organizations/{id}", orgpage_show, "organization", POLICY_CREATE, NULL, 0,
	 "an organization and its relationships (admins)", NULL, NULL},
	{"POST", "/admin/organizations/{id}/relationships", orgpage_rel_add, "relationship",
	 POLICY_CREATE, NULL, 0, "add a relationship of an organization", orgpage_rel_form, NULL},
	{"POST", "/admin/organizations/{id}/relationships/{rid}/remove", orgpage_rel_remove,
	 "relationship", POLICY_DELETE, NULL, 0, "remove a relationship", NULL, NULL},
};

const struct web_routes web_routes_orgs = {orgpage_routes,
					   sizeof(orgpage_routes) / sizeof(orgpage_routes[0])};
