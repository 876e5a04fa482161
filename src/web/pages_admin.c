/* pages_admin: the admins' pages: people (search, pages of 50, add a person with a
 * first role), organizations (by kind, with their parent; add one) and imports: a
 * OneRoster 1.1 bundle (.zip) and a CASE 1.0 package (.json) uploaded from the browser
 * and applied all or nothing, showing the counts or the error with its file, line and
 * column. Every page asks the policy first; only admins pass. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/org.h"
#include "app/person.h"
#include "app/policy.h"
#include "app/roster.h"
#include "app/standards.h"
#include "http/allow.h"
#include "http/multipart.h"
#include "io/oneroster.h"
#include "web/page.h"
#include "web/web.h"

enum { ADMIN_PAGE = 50 };

static const char *const admin_person_fields[] = {"given_name", "family_name", "email", NULL};
static const char *const admin_org_fields[] = {"kind", "name", "parent_id", "identifier", NULL};
static const char *const admin_parent_kinds[] = {"state", "cooperative", "district", NULL};

/* The admin pages are for admins: the policy is asked as for creating organizations,
 * which only admins may. */
static int admin_gate(struct http_req *rq, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_CREATE, "organization", err) == 0)
		return 0;
	if (err->kind == CN_ERR_FORBIDDEN)
		cn_err_set(err, CN_ERR_FORBIDDEN, "The admin pages are for admins only.");
	return -1;
}

/* The choices of an enumerated field of entity e. */
static const char *const *admin_choices(const struct rec_entity *e, const char *field)
{
	return e->fields[rec_field_index(e, field)].choices;
}

/* s percent-encoded for a query string, in the request's arena. */
static const char *admin_qs(struct http_req *rq, const char *s)
{
	struct buf b = BUF_INIT;
	for (const unsigned char *c = (const unsigned char *)(s ? s : ""); *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("-_.~", *c))
			buf_putc(&b, (char)*c);
		else
			buf_printf(&b, "%%%02X", *c);
	}
	const char *out = arena_strdup(rq->a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* Organization names by id, remembered for the request. */
struct admin_names {
	struct {
		int64_t id;
		const char *name;
	} *items;
	size_t n, cap;
};

static const char *admin_org_name(struct http_req *rq, struct admin_names *c, int64_t id)
{
	if (id == 0)
		return NULL;
	for (size_t i = 0; i < c->n; i++)
		if (c->items[i].id == id)
			return c->items[i].name;
	struct rec *org = NULL;
	struct cn_err ignored = {0};
	const char *name = rec_get(rq->db, rq->a, &org_entity, id, &org, &ignored) == 0
				   ? rec_text(org, "name")
				   : NULL;
	c->items = arena_grow(rq->a, c->items, sizeof(*c->items), c->n, &c->cap);
	c->items[c->n].id = id;
	c->items[c->n++].name = name;
	return name;
}

/* Select choices for the active organizations of kinds (NULL-terminated): ids as
 * text, labels "Name (kind)"; both NULL-terminated, in the request's arena. */
static int admin_org_choices(struct http_req *rq, const char *const *kinds, const char ***ids,
			     const char ***labels, struct cn_err *err)
{
	size_t n = 0, icap = 0, lcap = 0;
	*ids = NULL;
	*labels = NULL;
	for (size_t k = 0; kinds[k] != NULL; k++) {
		struct rec_query q = {.filter = {kinds[k], NULL, NULL, "true"}, .limit = REC_LIST_MAX};
		struct rec_list l;
		if (rec_list(rq->db, rq->a, &org_entity, &q, &l, err))
			return -1;
		for (size_t i = 0; i < l.count; i++) {
			*ids = arena_grow(rq->a, *ids, sizeof(**ids), n, &icap);
			*labels = arena_grow(rq->a, *labels, sizeof(**labels), n, &lcap);
			(*ids)[n] = arena_printf(rq->a, "%lld", (long long)l.items[i]->id);
			(*labels)[n++] = arena_printf(rq->a, "%s (%s)", rec_text(l.items[i], "name"),
						      kinds[k]);
		}
	}
	*ids = arena_grow(rq->a, *ids, sizeof(**ids), n, &icap);
	*labels = arena_grow(rq->a, *labels, sizeof(**labels), n, &lcap);
	(*ids)[n] = NULL;
	(*labels)[n] = NULL;
	return 0;
}

static void admin_crumbs(struct page *p, const char *here)
{
	page_crumbs(p, "Admin", "/admin", here, NULL, NULL);
}

/* GET /admin */
static int admin_home(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (admin_gate(rq, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Admin", PAGE_NAV_ADMIN);
	struct html *h = &p.h;
	html_elem(h, "h1", "Admin", NULL);
	static const char *const links[][3] = {
		{"People", "/admin/people", "Find people, add a person with a first role."},
		{"Organizations", "/admin/organizations",
		 "The state agency, cooperatives, districts, schools and partners."},
		{"Imports", "/admin/imports",
		 "Rosters from OneRoster 1.1 bundles and standards from CASE 1.0 packages."},
	};
	html_open(h, "ul", "class", "grid three", NULL);
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		html_open(h, "li", "class", "card", NULL);
		html_open(h, "h2", NULL);
		html_elem(h, "a", links[i][0], "href", links[i][1], NULL);
		html_close(h);
		html_elem(h, "p", links[i][2], NULL);
		html_close(h);
	}
	html_close(h);
	page_end(&p);
	return 0;
}

/* People. */

static int admin_people_page(struct http_req *rq, struct http_resp *rs,
			     const struct cn_err *error, struct cn_err *err)
{
	const char *q = http_query(rq, "q");
	if (q != NULL && q[0] == '\0')
		q = NULL;
	struct rec_query query = {.filter = {q}, .cursor = page_cursor(rq), .limit = ADMIN_PAGE};
	struct rec_list people;
	struct cn_err bad = {0};
	if (rec_list(rq->db, rq->a, &person_entity, &query, &people, &bad)) {
		if (bad.kind != CN_ERR_INPUT) {
			*err = bad;
			return -1;
		}
		memset(&people, 0, sizeof(people));
	}
	const char **org_ids, **org_labels;
	static const char *const role_orgs[] = {"state", "cooperative", "district", "school",
						"higher_ed", "partner", NULL};
	if (admin_org_choices(rq, role_orgs, &org_ids, &org_labels, err))
		return -1;
	struct admin_names names = {0};

	struct page p;
	page_begin(&p, rq, rs, "People", PAGE_NAV_ADMIN);
	page_show_error(&p, error);
	struct html *h = &p.h;
	admin_crumbs(&p, "People");
	html_elem(h, "h1", "People", NULL);
	const char *done = http_query(rq, "done");
	if (done != NULL && strcmp(done, "person") == 0)
		page_notice(&p, "The person was added. They can sign in once a password is set "
				"(capnet user passwd EMAIL).");
	page_errors(&p);

	html_open(h, "form", "method", "get", "action", "/admin/people", "role", "search", "class",
		  "stack", NULL);
	page_input(&p, "q", "Find people", "search", q, "Part of a name or an email address", 0);
	page_submit(&p, "Search");
	html_close(h);
	if (bad.kind != CN_OK)
		html_elem(h, "p", bad.msg, "class", "field-error", NULL);

	static const char *const heads[] = {"Name", "Email", "Roles", "Status", NULL};
	page_table_begin(&p, q ? "People matching your search" : "People", 1, heads, 0);
	for (size_t i = 0; i < people.count; i++) {
		const struct rec *r = people.items[i];
		struct rec_list roles;
		if (page_list_all(rq, &membership_entity, "person_id", r->id, &roles, err))
			return -1;
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_textf(h, "%s %s", rec_text(r, "given_name"), rec_text(r, "family_name"));
		html_close(h);
		html_elem(h, "td", rec_text(r, "email"), NULL);
		html_open(h, "td", NULL);
		for (size_t k = 0; k < roles.count; k++) {
			const struct rec *m = roles.items[k];
			if (!rec_int(m, "active"))
				continue;
			html_open(h, "span", "class", "tag", NULL);
			html_textf(h, "%s, %s", page_humanize(rq, rec_text(m, "role")),
				   admin_org_name(rq, &names, rec_int(m, "org_id")));
			html_close(h);
		}
		html_close(h);
		html_elem(h, "td", rec_int(r, "active") ? "Active" : "Inactive", NULL);
		html_close(h);
	}
	page_table_end(&p);
	if (people.count == 0)
		html_elem(h, "p", "Nobody matches.", "class", "muted", NULL);
	html_open(h, "p", NULL);
	if (query.cursor != 0) {
		html_elem(h, "a", "First page", "href",
			  arena_printf(rq->a, "/admin/people?q=%s", admin_qs(rq, q)), NULL);
		html_text(h, " ");
	}
	if (people.next_cursor != 0)
		html_elem(h, "a", "Next page", "rel", "next", "href",
			  arena_printf(rq->a, "/admin/people?q=%s&cursor=%lld", admin_qs(rq, q),
				       (long long)people.next_cursor),
			  NULL);
	html_close(h);

	html_open(h, "section", "class", "card", "aria-labelledby", "add-person", NULL);
	html_elem(h, "h2", "Add a person", "id", "add-person", NULL);
	page_form_begin(&p, "/admin/people", NULL);
	page_input(&p, "given_name", "Given name", "text", NULL, NULL, 1);
	page_input(&p, "family_name", "Family name", "text", NULL, NULL, 1);
	page_input(&p, "email", "Email address", "email", NULL, "Their sign-in address", 0);
	page_select(&p, "org_id", "Organization", org_ids, org_labels, NULL, 0);
	page_select(&p, "role", "Role in that organization",
		    admin_choices(&membership_entity, "role"), NULL, NULL, 0);
	page_submit(&p, "Add person");
	html_close(h);
	html_close(h);
	page_end(&p);
	return 0;
}

/* GET /admin/people */
static int admin_people(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (admin_gate(rq, err))
		return -1;
	return admin_people_page(rq, rs, NULL, err);
}

/* Shows a form's refusal on its page; any other failure is the request's error. */
static int admin_refused(struct http_req *rq, struct http_resp *rs, const struct cn_err *why,
			 int (*page)(struct http_req *, struct http_resp *, const struct cn_err *,
				     struct cn_err *),
			 struct cn_err *err)
{
	if (!page_refused(why)) {
		*err = *why;
		return -1;
	}
	return page(rq, rs, why, err);
}

/* POST /admin/people: the person and, when an organization is chosen, their role in
 * it, in one transaction. */
static int admin_person_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	if (admin_gate(rq, err) || page_form(rq, &f, err))
		return -1;
	struct rec *person = rec_new(rq->a, &person_entity);
	if (http_allow_record(rq, POLICY_CREATE, "person", person, err))
		return -1;
	struct cn_err why = {0};
	if (page_set_fields(person, rq->a, &f, admin_person_fields, &why))
		return admin_people_page(rq, rs, &why, err);
	const char *org = form_get(&f, "org_id"), *role = form_get(&f, "role");
	int has_org = org != NULL && org[0] != '\0', has_role = role != NULL && role[0] != '\0';
	if (has_org != has_role) {
		cn_err_field(&why, CN_ERR_INPUT, has_org ? "role" : "org_id",
			     has_org ? "Choose the person's role in the organization."
				     : "Choose the organization the role is in.");
		return admin_people_page(rq, rs, &why, err);
	}
	if (store_begin(rq->db, err))
		return -1;
	if (rec_create(rq->db, &rq->who, rq->a, person, &why))
		goto refused;
	if (has_org) {
		struct rec *m = rec_new(rq->a, &membership_entity);
		if (rec_put_int(m, "person_id", person->id, &why) ||
		    rec_set_text(m, rq->a, "org_id", org, &why) ||
		    rec_set_text(m, rq->a, "role", role, &why))
			goto refused;
		if (http_allow_record(rq, POLICY_CREATE, "membership", m, err)) {
			store_rollback(rq->db);
			return -1;
		}
		if (rec_create(rq->db, &rq->who, rq->a, m, &why))
			goto refused;
	}
	if (store_commit(rq->db, err))
		return -1;
	page_redirect(rs, arena_printf(rq->a, "/admin/people?done=person&q=%s",
				       admin_qs(rq, rec_text(person, "email") ? rec_text(person, "email")
									      : rec_text(person, "family_name"))));
	return 0;
refused:
	store_rollback(rq->db);
	return admin_refused(rq, rs, &why, admin_people_page, err);
}

/* Organizations. */

static int admin_orgs_page(struct http_req *rq, struct http_resp *rs, const struct cn_err *error,
			   struct cn_err *err)
{
	const char *const *kinds = admin_choices(&org_entity, "kind");
	const char *kind = http_query(rq, "kind");
	int known = 0;
	for (size_t i = 0; kind != NULL && kinds[i] != NULL; i++)
		known |= strcmp(kinds[i], kind) == 0;
	if (!known)
		kind = NULL;
	struct rec_query query = {.filter = {kind}, .cursor = page_cursor(rq), .limit = ADMIN_PAGE};
	struct rec_list orgs;
	if (rec_list(rq->db, rq->a, &org_entity, &query, &orgs, err))
		return -1;
	const char **parent_ids, **parent_labels;
	if (admin_org_choices(rq, admin_parent_kinds, &parent_ids, &parent_labels, err))
		return -1;
	struct admin_names names = {0};

	struct page p;
	page_begin(&p, rq, rs, "Organizations", PAGE_NAV_ADMIN);
	page_show_error(&p, error);
	struct html *h = &p.h;
	admin_crumbs(&p, "Organizations");
	html_elem(h, "h1", "Organizations", NULL);
	const char *done = http_query(rq, "done");
	if (done != NULL && strcmp(done, "organization") == 0)
		page_notice(&p, "The organization was added.");
	page_errors(&p);

	html_open(h, "form", "method", "get", "action", "/admin/organizations", "class", "stack",
		  NULL);
	html_open(h, "label", "for", "filter-kind", NULL);
	html_text(h, "Show");
	html_close(h);
	html_open(h, "select", "id", "filter-kind", "name", "kind", NULL);
	html_elem(h, "option", "Every kind", "value", "", NULL);
	for (size_t i = 0; kinds[i] != NULL; i++)
		html_elem(h, "option", page_humanize(rq, kinds[i]), "value", kinds[i], "selected",
			  kind != NULL && strcmp(kind, kinds[i]) == 0 ? "" : NULL, NULL);
	html_close(h);
	page_submit(&p, "Show");
	html_close(h);

	static const char *const heads[] = {"Name", "Kind", "Part of", "Identifier", "Status",
					    NULL};
	page_table_begin(&p, kind ? page_humanize(rq, kind) : "Every organization", 1, heads, 0);
	for (size_t i = 0; i < orgs.count; i++) {
		const struct rec *o = orgs.items[i];
		html_open(h, "tr", NULL);
		html_elem(h, "th", rec_text(o, "name"), "scope", "row", NULL);
		html_elem(h, "td", page_humanize(rq, rec_text(o, "kind")), NULL);
		html_elem(h, "td", admin_org_name(rq, &names, rec_int(o, "parent_id")), NULL);
		html_elem(h, "td", rec_text(o, "identifier"), NULL);
		html_elem(h, "td", rec_int(o, "active") ? "Active" : "Inactive", NULL);
		html_close(h);
	}
	page_table_end(&p);
	if (orgs.count == 0)
		html_elem(h, "p", "No organizations of this kind.", "class", "muted", NULL);
	if (orgs.next_cursor != 0) {
		html_open(h, "p", NULL);
		html_elem(h, "a", "Next page", "rel", "next", "href",
			  arena_printf(rq->a, "/admin/organizations?kind=%s&cursor=%lld",
				       admin_qs(rq, kind), (long long)orgs.next_cursor),
			  NULL);
		html_close(h);
	}

	html_open(h, "section", "class", "card", "aria-labelledby", "add-organization", NULL);
	html_elem(h, "h2", "Add an organization", "id", "add-organization", NULL);
	page_form_begin(&p, "/admin/organizations", NULL);
	page_select(&p, "kind", "Kind", kinds, NULL, NULL, 1);
	page_input(&p, "name", "Name", "text", NULL, NULL, 1);
	page_select(&p, "parent_id", "Part of", parent_ids, parent_labels, NULL, 0);
	page_input(&p, "identifier", "Identifier", "text", NULL,
		   "e.g. the state's district number", 0);
	page_submit(&p, "Add organization");
	html_close(h);
	html_close(h);
	page_end(&p);
	return 0;
}

/* GET /admin/organizations */
static int admin_orgs(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (admin_gate(rq, err))
		return -1;
	return admin_orgs_page(rq, rs, NULL, err);
}

/* POST /admin/organizations */
static int admin_org_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	if (admin_gate(rq, err) || page_form(rq, &f, err))
		return -1;
	struct rec *org = rec_new(rq->a, &org_entity);
	struct cn_err why = {0};
	if (page_set_fields(org, rq->a, &f, admin_org_fields, &why))
		return admin_orgs_page(rq, rs, &why, err);
	if (http_allow_record(rq, POLICY_CREATE, "organization", org, err))
		return -1;
	if (rec_create(rq->db, &rq->who, rq->a, org, &why))
		return admin_refused(rq, rs, &why, admin_orgs_page, err);
	page_redirect(rs, arena_printf(rq->a, "/admin/organizations?done=organization&kind=%s",
				       admin_qs(rq, rec_text(org, "kind"))));
	return 0;
}

/* Imports. */

/* What an upload came to: counts to show, or the refusal. */
struct admin_import {
	int which; /* 0 none, 1 OneRoster, 2 CASE */
	int dry_run;
	const char *filename;
	struct cn_err error; /* kind CN_OK when it went through */
	struct oneroster roster;
	struct roster_summary summary;
	struct standards_import_result standards;
};

static void admin_count_row(struct html *h, const char *label, size_t a, size_t b, size_t c,
			    size_t d)
{
	size_t v[4] = {a, b, c, d};
	html_open(h, "tr", NULL);
	html_elem(h, "th", label, "scope", "row", NULL);
	for (int i = 0; i < 4; i++) {
		html_open(h, "td", "class", "num", NULL);
		html_textf(h, "%zu", v[i]);
		html_close(h);
	}
	html_close(h);
}

static void admin_roster_result(struct page *p, const struct admin_import *r)
{
	struct html *h = &p->h;
	static const char *const labels[ROSTER_KIND_COUNT] = {"Organizations", "People",
							      "Memberships", "School years and terms"};
	static const char *const cols[] = {"Records", "Created", "Updated", "Deactivated",
					   "Unchanged", NULL};
	page_table_begin(p, "What the roster changed", 1, cols, 0x1eu);
	for (int k = 0; k < ROSTER_KIND_COUNT; k++) {
		const struct roster_counts *n = &r->summary.n[k];
		admin_count_row(h, labels[k], n->created, n->updated, n->deactivated, n->unchanged);
	}
	page_table_end(p);
	html_open(h, "ul", NULL);
	size_t absent = 0;
	for (int k = 0; k < ROSTER_KIND_COUNT; k++)
		absent += r->summary.n[k].absent;
	if (absent > 0) {
		html_open(h, "li", NULL);
		html_textf(h, "Deactivated because a bulk file no longer has them: %zu.", absent);
		html_close(h);
	}
	if (r->summary.departments > 0) {
		html_open(h, "li", NULL);
		html_textf(h, "Departments folded into their school: %zu.", r->summary.departments);
		html_close(h);
	}
	html_open(h, "li", NULL);
	html_text(h, "Users not stored:");
	for (size_t i = 0; i < ROSTER_NOT_STORED; i++)
		html_textf(h, "%s %zu %s", i ? "," : "", r->summary.skipped[roster_not_stored[i]],
			   oneroster_role_name(roster_not_stored[i]));
	html_text(h, ".");
	html_close(h);
	for (size_t i = 0; i < r->roster.nnotes; i++)
		html_elem(h, "li", r->roster.notes[i], NULL);
	html_close(h);
}

static void admin_case_result(struct page *p, const struct admin_import *r)
{
	struct html *h = &p->h;
	const struct standards_import_result *s = &r->standards;
	html_open(h, "p", NULL);
	html_textf(h, "Framework %s%s (%s).", s->title,
		   s->created ? " was new" : "", s->identifier);
	html_close(h);
	static const char *const cols[] = {"Records", "Added", "Updated", "Unchanged",
					   "Withdrawn or removed", NULL};
	page_table_begin(p, "What the package changed", 1, cols, 0x1eu);
	admin_count_row(h, "Items", s->items_added, s->items_updated + s->items_moved,
			s->items_unchanged, s->items_withdrawn);
	admin_count_row(h, "Associations", s->associations_added, s->associations_updated,
			s->associations_unchanged, s->associations_removed);
	page_table_end(p);
	if (s->warning_count > 0) {
		html_open(h, "h3", NULL);
		html_textf(h, "Warnings (%zu)", s->warning_count);
		html_close(h);
		html_open(h, "ul", NULL);
		for (size_t i = 0; i < s->nwarnings; i++)
			html_elem(h, "li", s->warnings[i], NULL);
		html_close(h);
	}
}

static const char ROSTER_FILE[] = "roster_file", CASE_FILE[] = "case_file";

static int admin_imports_page(struct http_req *rq, struct http_resp *rs,
			      const struct admin_import *r, struct cn_err *err)
{
	const char **parent_ids, **parent_labels;
	static const char *const tops[] = {"state", "cooperative", NULL};
	if (admin_org_choices(rq, tops, &parent_ids, &parent_labels, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Imports", PAGE_NAV_ADMIN);
	struct html *h = &p.h;
	admin_crumbs(&p, "Imports");
	html_elem(h, "h1", "Imports", NULL);
	int failed = r != NULL && r->error.kind != CN_OK;
	if (failed) {
		page_show_error(&p, &r->error);
		page_errors(&p);
	} else if (r != NULL && r->which != 0) {
		html_open(h, "section", "class", "card", "aria-labelledby", "result", NULL);
		html_open(h, "h2", "id", "result", NULL);
		html_textf(h, "%s %s", r->dry_run ? "Checked, nothing was written:" : "Imported",
			   r->filename);
		html_close(h);
		page_notice(&p, r->dry_run ? "The file is valid. Nothing was written (a check only)."
					   : "The import is done: everything was written in one "
					     "transaction.");
		if (r->which == 1)
			admin_roster_result(&p, r);
		else
			admin_case_result(&p, r);
		html_close(h);
	}

	html_open(h, "section", "class", "card", "aria-labelledby", "oneroster", NULL);
	html_elem(h, "h2", "Rosters: OneRoster 1.1", "id", "oneroster", NULL);
	html_elem(h, "p",
		  "A .zip of a OneRoster 1.1 CSV bundle: manifest.csv, orgs.csv, users.csv and "
		  "academicSessions.csv. Organizations, staff and school years are matched by "
		  "sourcedId; if anything is wrong, nothing is written and the error names the "
		  "file, line and column.",
		  "class", "muted", NULL);
	page_upload_form_begin(&p, "/admin/imports/oneroster");
	page_input(&p, ROSTER_FILE, "OneRoster bundle (.zip)", "file", NULL, NULL, 1);
	page_select(&p, "parent_id", "Put the bundle's top organizations under", parent_ids,
		    parent_labels, NULL, 0);
	page_checkbox(&p, "roster_dry_run", "Check only: show what would change, write nothing",
		      r != NULL && r->which == 1 && r->dry_run, NULL);
	page_submit(&p, "Import roster");
	html_close(h);
	html_close(h);

	html_open(h, "section", "class", "card", "aria-labelledby", "case", NULL);
	html_elem(h, "h2", "Standards: CASE 1.0", "id", "case", NULL);
	html_elem(h, "p",
		  "A CASE 1.0 CFPackage as a .json file. Importing the same framework again "
		  "updates it by identifier; items the package no longer has are kept, marked "
		  "withdrawn.",
		  "class", "muted", NULL);
	page_upload_form_begin(&p, "/admin/imports/case");
	page_input(&p, CASE_FILE, "CASE package (.json)", "file", NULL, NULL, 1);
	page_checkbox(&p, "case_dry_run", "Check only: show what would change, write nothing",
		      r != NULL && r->which == 2 && r->dry_run, NULL);
	page_submit(&p, "Import standards");
	html_close(h);
	html_close(h);
	page_end(&p);
	return 0;
}

/* GET /admin/imports */
static int admin_imports(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (admin_gate(rq, err))
		return -1;
	return admin_imports_page(rq, rs, NULL, err);
}

/* The uploaded file of field name, or a refusal in r->error beside the field. */
static const struct multipart_part *admin_upload(struct http_req *rq, const char *field,
						 struct multipart *m, struct admin_import *r)
{
	if (multipart_parse(rq->a, http_header(rq, "Content-Type"), rq->body, rq->body_len, m,
			    &r->error)) {
		char msg[sizeof(r->error.msg)];
		snprintf(msg, sizeof(msg), "%s", r->error.msg);
		cn_err_field(&r->error, r->error.kind, field, "The upload could not be read: %s",
			     msg);
		return NULL;
	}
	const struct multipart_part *f = multipart_get(m, field);
	if (f == NULL || f->filename == NULL || f->len == 0) {
		cn_err_field(&r->error, CN_ERR_INPUT, field, "Choose a file to upload.");
		return NULL;
	}
	r->filename = f->filename[0] ? f->filename : "the upload";
	return f;
}

/* Puts why beside field, with its file, line and column, saying nothing was written. */
static void admin_import_failed(struct admin_import *r, const char *field, const struct cn_err *why)
{
	char where[700];
	cn_err_format(why, where, sizeof(where));
	enum cn_err_kind kind = why->kind == CN_ERR_CONFLICT || why->kind == CN_ERR_TOO_LARGE
					? why->kind
					: CN_ERR_INPUT;
	cn_err_field(&r->error, kind, field, "%s was not imported, nothing was changed: %s",
		     r->filename, where);
}

/* Writes data to a new private file; its path into path (PATH_MAX). */
static int admin_temp_file(const char *data, size_t len, char *path, size_t size,
			   struct cn_err *err)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, size, "%s/capnet-upload-XXXXXX.zip", dir && dir[0] ? dir : "/tmp");
	int fd = mkstemps(path, 4); /* mode 0600 */
	if (fd < 0)
		return cn_err_set(err, CN_ERR_INTERNAL, "cannot make a temporary file in %s: %s",
				  dir && dir[0] ? dir : "/tmp", strerror(errno));
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = errno;
			close(fd);
			unlink(path);
			return cn_err_set(err, CN_ERR_INTERNAL, "cannot write the upload to %s: %s",
					  path, strerror(e));
		}
		done += (size_t)n;
	}
	if (close(fd) != 0) {
		unlink(path);
		return cn_err_set(err, CN_ERR_INTERNAL, "cannot write the upload to %s", path);
	}
	return 0;
}

/* POST /admin/imports/oneroster */
static int admin_import_roster(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (admin_gate(rq, err))
		return -1;
	struct admin_import *r = arena_alloc(rq->a, sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->which = 1;
	struct multipart m;
	const struct multipart_part *f = admin_upload(rq, ROSTER_FILE, &m, r);
	if (f == NULL)
		return admin_imports_page(rq, rs, r, err);
	r->dry_run = multipart_value(&m, "roster_dry_run") != NULL;
	struct roster_opts o = {.dry_run = r->dry_run};
	const char *parent = multipart_value(&m, "parent_id");
	if (parent != NULL && parent[0] != '\0') {
		char *end = NULL;
		long long id = strtoll(parent, &end, 10);
		if (*end != '\0' || id <= 0) {
			cn_err_field(&r->error, CN_ERR_INPUT, "parent_id", "'%s' is not an id", parent);
			return admin_imports_page(rq, rs, r, err);
		}
		o.parent_id = id;
	}
	char path[4096];
	if (admin_temp_file(f->data, f->len, path, sizeof(path), err))
		return -1;
	struct oneroster_opts ro = {.mode = OR_MODE_ABSENT, .keep_roles = roster_keep_roles()};
	struct cn_err why = {0};
	int rc = oneroster_read(path, rq->a, &ro, &r->roster, &why);
	unlink(path);
	if (rc == 0)
		rc = roster_import(rq->db, &rq->who, rq->a, &r->roster, &o, &r->summary, &why);
	if (rc != 0) {
		if (why.kind == CN_ERR_INTERNAL || why.kind == CN_ERR_UNAVAILABLE) {
			*err = why;
			return -1;
		}
		admin_import_failed(r, ROSTER_FILE, &why);
	}
	return admin_imports_page(rq, rs, r, err);
}

/* POST /admin/imports/case */
static int admin_import_case(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (admin_gate(rq, err))
		return -1;
	struct admin_import *r = arena_alloc(rq->a, sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->which = 2;
	struct multipart m;
	const struct multipart_part *f = admin_upload(rq, CASE_FILE, &m, r);
	if (f == NULL)
		return admin_imports_page(rq, rs, r, err);
	r->dry_run = multipart_value(&m, "case_dry_run") != NULL;
	struct standards_import_opts o = {.dry_run = r->dry_run};
	struct cn_err why = {0};
	if (standards_import_bytes(rq->db, &rq->who, rq->a, f->data, f->len, r->filename, &o,
				   &r->standards, &why)) {
		if (why.kind == CN_ERR_INTERNAL || why.kind == CN_ERR_UNAVAILABLE) {
			*err = why;
			return -1;
		}
		admin_import_failed(r, CASE_FILE, &why);
	}
	return admin_imports_page(rq, rs, r, err);
}

static const struct route admin_routes[] = {
	{"GET", "/admin", admin_home, "organization", POLICY_CREATE, NULL, 0, "the admin pages",
	 NULL, NULL},
	{"GET", "/admin/people", admin_people, "person", POLICY_CREATE, NULL, 0,
	 "people: search and add", NULL, NULL},
	{"POST", "/admin/people", admin_person_add, "person", POLICY_CREATE, NULL, 0,
	 "add a person with a first role", NULL, NULL},
	{"GET", "/admin/organizations", admin_orgs, "organization", POLICY_CREATE, NULL, 0,
	 "organizations by kind", NULL, NULL},
	{"POST", "/admin/organizations", admin_org_add, "organization", POLICY_CREATE, NULL, 0,
	 "add an organization", NULL, NULL},
	{"GET", "/admin/imports", admin_imports, "organization", POLICY_CREATE, NULL, 0,
	 "the import forms", NULL, NULL},
	{"POST", "/admin/imports/oneroster", admin_import_roster, "organization", POLICY_CREATE,
	 NULL, ROUTE_UPLOAD, "import a OneRoster 1.1 bundle (.zip)", NULL, NULL},
	{"POST", "/admin/imports/case", admin_import_case, "organization", POLICY_CREATE, NULL,
	 ROUTE_UPLOAD, "import a CASE 1.0 package (.json)", NULL, NULL},
};

const struct web_routes web_routes_admin = {admin_routes,
					    sizeof(admin_routes) / sizeof(admin_routes[0])};
