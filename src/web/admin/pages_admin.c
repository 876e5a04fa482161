/* pages_admin: the admins' pages: the admin home, people (search, pages of 50, add a
 * person with a first role; one person's page: edit the name and email, deactivate and
 * reactivate, add and remove roles) and organizations (by kind, with their parent; add one).
 * Imports are pages_imports.c. Every page asks the policy first; only admins pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/org/org.h"
#include "app/org/person.h"
#include "app/access/policy.h"
#include "app/access/account.h"
#include "http/allow.h"
#include "web/admin/admin.h"
#include "web/page.h"
#include "web/web.h"
#include "app/org/membership.h"

enum { ADMIN_PAGE = 50 };

/* The forms, as their routes declare them. */
static const struct route_field admin_person_fields[] = {
	{.name = "given_name"}, {.name = "family_name"}, {.name = "email"}, {.name = NULL},
};
static const struct route_field admin_role_fields[] = {
	{.name = "org_id"}, {.name = "role"}, {.name = "title"}, {.name = NULL},
};
static const struct route_field admin_org_fields[] = {
	{.name = "kind"}, {.name = "name"}, {.name = "parent_id"}, {.name = "identifier"},
	{.name = NULL},
};
static const char *const admin_parent_kinds[] = {"state", "cooperative", "district", NULL};

/* The choices of an enumerated field of entity e. */
static const char *const *admin_choices(const struct rec_entity *e, const char *field)
{
	return e->fields[rec_field_index(e, field)].choices;
}

const char *admin_qs(struct http_req *rq, const char *s)
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
		{"Sign-in providers", "/admin/sso",
		 "Sign in with the district's own accounts (Google, Microsoft, any OpenID "
		 "Connect provider)."},
		{"Audit log", "/admin/audit",
		 "Every change: who made it, when, and the record before and after."},
		{"Mail", "/admin/mail", "The outbox: messages queued, sent and failed."},
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
		page_notice(&p, "The person was added. To let them sign in, invite them below: "
				"they choose their own password.");
	if (done != NULL && strcmp(done, "invitation") == 0)
		page_notice(&p, "The invitation is on its way (see Mail).");
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
		html_elem(h, "a",
			  arena_printf(rq->a, "%s %s", rec_text(r, "given_name"),
				       rec_text(r, "family_name")),
			  "href", page_href(rq, "/admin/people/%lld", r->id), NULL);
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

	html_open(h, "section", "class", "card", "aria-labelledby", "invite-person", NULL);
	html_elem(h, "h2", "Invite a person", "id", "invite-person", NULL);
	html_elem(h, "p",
		  "They get an email with a link, good once for 7 days, to choose a password "
		  "and sign in. Inviting again someone who has not chosen one sends a new link.",
		  "class", "muted", NULL);
	page_form_begin(&p, "/admin/invitations", NULL);
	/* Labels unlike those of the form above, so that each names one field. */
	page_input(&p, "i_email", "Email", "email", NULL, "The invitation goes there", 1);
	page_input(&p, "i_given_name", "First name", "text", NULL, NULL, 1);
	page_input(&p, "i_family_name", "Last name", "text", NULL, NULL, 1);
	page_select(&p, "i_org_id", "Organization to join", org_ids, org_labels, NULL, 1);
	page_select(&p, "i_role", "Their role there", admin_choices(&membership_entity, "role"),
		    NULL, NULL, 1);
	page_submit(&p, "Send invitation");
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

/* POST /admin/invitations: who may invite whom is decided in app/access/account.c. */
static int admin_invite(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	if (admin_gate(rq, err) || page_form(rq, &f, err) ||
	    http_allow_any(rq, POLICY_CREATE, "person", err))
		return -1;
	const char *org = form_get(&f, "i_org_id");
	struct account_invitation in = {.email = form_get(&f, "i_email"),
					.given_name = form_get(&f, "i_given_name"),
					.family_name = form_get(&f, "i_family_name"),
					.org_id = org ? strtoll(org, NULL, 10) : 0,
					.role = form_get(&f, "i_role")};
	struct cn_err why = {0};
	int64_t id = 0;
	int resent = 0;
	if (account_invite(rq->db, &rq->who, rq->a, &in, &id, &resent, &why)) {
		page_field_prefix(&why, "i_");
		return admin_refused(rq, rs, &why, admin_people_page, err);
	}
	page_redirect(rs, "/admin/people?done=invitation");
	return 0;
}

/* POST /admin/people: the person and, when an organization is chosen, their role in
 * it, all or none (person_create). */
static int admin_person_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	if (admin_gate(rq, err) || page_form(rq, &f, err))
		return -1;
	struct rec *person = rec_new(rq->a, &person_entity);
	if (http_allow_record(rq, POLICY_CREATE, "person", person, err))
		return -1;
	struct cn_err why = {0};
	if (page_fields(person, rq->a, &f, "", rq->route->body, PAGE_NEW, &why))
		return admin_people_page(rq, rs, &why, err);
	const char *org = form_get(&f, "org_id"), *role = form_get(&f, "role");
	int has_org = org != NULL && org[0] != '\0', has_role = role != NULL && role[0] != '\0';
	if (has_org != has_role) {
		cn_err_field(&why, CN_ERR_INPUT, has_org ? "role" : "org_id",
			     has_org ? "Choose the person's role in the organization."
				     : "Choose the organization the role is in.");
		return admin_people_page(rq, rs, &why, err);
	}
	struct rec *m = NULL;
	if (has_org) {
		m = rec_new(rq->a, &membership_entity);
		if (rec_set_text(m, rq->a, "org_id", org, &why) ||
		    rec_set_text(m, rq->a, "role", role, &why))
			return admin_refused(rq, rs, &why, admin_people_page, err);
		/* Asked before the person exists: a new person belongs nowhere yet. */
		if (http_allow_record(rq, POLICY_CREATE, "membership", m, err))
			return -1;
	}
	if (person_create(rq->db, &rq->who, rq->a, person, m, NULL, &why))
		return admin_refused(rq, rs, &why, admin_people_page, err);
	page_redirect(rs, arena_printf(rq->a, "/admin/people?done=person&q=%s",
				       admin_qs(rq, rec_text(person, "email") ? rec_text(person, "email")
									      : rec_text(person, "family_name"))));
	return 0;
}

/* One person: details, status and roles. */

/* The person of path parameter "id" (any admin may see anyone). */
static int admin_person_load(struct http_req *rq, struct rec **out, struct cn_err *err)
{
	int64_t id;
	if (admin_gate(rq, err) || page_id(rq, "id", &id, err) ||
	    rec_get(rq->db, rq->a, &person_entity, id, out, err))
		return -1;
	return http_allow_record(rq, POLICY_READ, "person", *out, err);
}

static const char *admin_person_name(struct http_req *rq, const struct rec *r)
{
	return arena_printf(rq->a, "%s %s", rec_text(r, "given_name"), rec_text(r, "family_name"));
}

static void admin_person_notice(struct page *p)
{
	static const char *const done[][2] = {
		{"saved", "The changes were saved."},
		{"deactivated", "The person was deactivated: they can no longer sign in."},
		{"reactivated", "The person was reactivated: they can sign in again."},
		{"role-added", "The role was added."},
		{"role-removed", "The role was removed."},
	};
	const char *d = http_query(p->rq, "done");
	for (size_t i = 0; d != NULL && i < sizeof(done) / sizeof(done[0]); i++)
		if (strcmp(d, done[i][0]) == 0)
			page_notice(p, done[i][1]);
}

/* The roles, as a list that fits a phone: current ones with a button to remove each,
 * ended ones marked. */
static void admin_person_roles(struct page *p, const struct rec *r, const struct rec_list *roles)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	struct admin_names names = {0};
	html_elem(h, "h2", "Roles", "id", "roles", NULL);
	if (roles->count == 0) {
		html_elem(h, "p", "No roles in any organization.", "class", "muted", NULL);
		return;
	}
	html_open(h, "ul", "class", "roles", NULL);
	for (size_t i = 0; i < roles->count; i++) {
		const struct rec *m = roles->items[i];
		const char *role = page_humanize(rq, rec_text(m, "role"));
		int active = rec_int(m, "active") != 0;
		html_open(h, "li", NULL);
		html_elem(h, "strong", role, NULL);
		html_textf(h, ", %s", admin_org_name(rq, &names, rec_int(m, "org_id")));
		if (rec_text(m, "title") != NULL)
			html_textf(h, " (%s)", rec_text(m, "title"));
		html_text(h, " ");
		html_elem(h, "span", active ? "Current" : "Ended", "class", "tag", NULL);
		if (active) {
			page_form_begin(p,
					arena_printf(rq->a, "/admin/people/%lld/memberships/%lld/remove",
						     (long long)r->id, (long long)m->id),
					"inline");
			html_open(h, "button", "type", "submit", "class", "secondary", NULL);
			html_text(h, "Remove");
			html_elem(h, "span", arena_printf(rq->a, " the %s role", role), "class",
				  "visually-hidden", NULL);
			html_close(h);
			html_close(h);
		}
		html_close(h);
	}
	html_close(h);
}

/* Renders the person's page; error (may be NULL) is shown beside its field, with the
 * posted input kept (the two forms have no field in common). */
static int admin_person_page(struct http_req *rq, struct http_resp *rs, const struct rec *r,
			     const struct cn_err *error, struct cn_err *err)
{
	struct rec_list roles;
	if (page_list_all(rq, &membership_entity, "person_id", r->id, &roles, err))
		return -1;
	const char **org_ids, **org_labels;
	static const char *const role_orgs[] = {"state", "cooperative", "district", "school",
						"higher_ed", "partner", NULL};
	if (admin_org_choices(rq, role_orgs, &org_ids, &org_labels, err))
		return -1;
	const char *name = admin_person_name(rq, r);
	int active = rec_int(r, "active") != 0;
	struct page p;
	page_begin(&p, rq, rs, name, PAGE_NAV_ADMIN);
	page_show_error(&p, error);
	struct html *h = &p.h;
	page_crumbs(&p, "Admin", "/admin", "People", "/admin/people", name, NULL, NULL);
	html_elem(h, "h1", name, NULL);
	admin_person_notice(&p);
	page_errors(&p);
	if (!active)
		html_elem(h, "p",
			  "Inactive: this person cannot sign in. Their history and records stay.",
			  "class", "flag", "id", "inactive", NULL);
	html_open(h, "dl", "class", "facts", NULL);
	html_elem(h, "dt", "Email", NULL);
	html_elem(h, "dd", rec_text(r, "email") ? rec_text(r, "email") : "None", NULL);
	if (rec_text(r, "username") != NULL) {
		html_elem(h, "dt", "User name", NULL);
		html_elem(h, "dd", rec_text(r, "username"), NULL);
	}
	html_elem(h, "dt", "Status", NULL);
	html_elem(h, "dd", active ? "Active" : "Inactive", NULL);
	if (rec_text(r, "sourced_id") != NULL) {
		html_elem(h, "dt", "Imported from", NULL);
		html_elem(h, "dd", arena_printf(rq->a, "OneRoster (%s)", rec_text(r, "sourced_id")),
			  NULL);
	}
	html_elem(h, "dt", "Added", NULL);
	html_elem(h, "dd", arena_printf(rq->a, "%.10s", r->created_at), NULL);
	html_close(h);

	admin_person_roles(&p, r, &roles);

	html_open(h, "section", "class", "card", "aria-labelledby", "add-role", NULL);
	html_elem(h, "h2", "Add a role", "id", "add-role", NULL);
	page_form_begin(&p, page_href(rq, "/admin/people/%lld/memberships", r->id), NULL);
	page_select(&p, "org_id", "Organization", org_ids, org_labels, NULL, 1);
	const char *const *roles_c = admin_choices(&membership_entity, "role");
	const char *role_labels[8] = {0};
	for (size_t i = 0; roles_c[i] != NULL && i < 7; i++)
		role_labels[i] = page_humanize(rq, roles_c[i]);
	page_select(&p, "role", "Role in that organization", roles_c, role_labels, NULL, 1);
	page_input(&p, "title", "Job title", "text", NULL, "e.g. Math coach", 0);
	page_submit(&p, "Add role");
	html_close(h);
	html_close(h);

	html_open(h, "section", "class", "card", "aria-labelledby", "edit-person", NULL);
	html_elem(h, "h2", "Name and email", "id", "edit-person", NULL);
	page_form_begin(&p, page_href(rq, "/admin/people/%lld", r->id), NULL);
	page_version(&p, r);
	page_input(&p, "given_name", "Given name", "text", rec_text(r, "given_name"), NULL, 1);
	page_input(&p, "family_name", "Family name", "text", rec_text(r, "family_name"), NULL, 1);
	page_input(&p, "email", "Email address", "email", rec_text(r, "email"),
		   "Their sign-in address; empty if they do not sign in", 0);
	page_submit(&p, "Save changes");
	html_close(h);
	html_close(h);

	html_open(h, "section", "class", "card", "aria-labelledby", "status", NULL);
	html_elem(h, "h2", "Status", "id", "status", NULL);
	if (active) {
		html_elem(h, "p",
			  "Deactivating stops sign-in at once: their sessions and API tokens stop "
			  "working. Nothing they did is removed, and they can be reactivated.",
			  NULL);
		page_button_form(&p, page_href(rq, "/admin/people/%lld/deactivate", r->id),
				 "Deactivate", "secondary");
	} else {
		html_elem(h, "p", "Reactivating lets them sign in again with their password.",
			  NULL);
		page_button_form(&p, page_href(rq, "/admin/people/%lld/reactivate", r->id),
				 "Reactivate", NULL);
	}
	html_close(h);
	page_end(&p);
	return 0;
}

/* Shows a refused change on the person's page (read again: it may have changed); a
 * stale version says so plainly; any other failure is the request's error. */
static int admin_person_refused(struct http_req *rq, struct http_resp *rs, struct rec *r,
				struct cn_err *why, struct cn_err *err)
{
	if (why->kind == CN_ERR_STALE)
		cn_err_set(why, CN_ERR_STALE,
			   "Someone else changed this person after you opened the page. The page "
			   "now shows their details as saved; your input is kept in the form: "
			   "save again to replace them.");
	else if (!page_refused(why)) {
		*err = *why;
		return -1;
	}
	struct rec *now = r;
	if (rec_get(rq->db, rq->a, &person_entity, r->id, &now, err))
		return -1;
	return admin_person_page(rq, rs, now, why, err);
}

/* GET /admin/people/{id} */
static int admin_person(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *r;
	if (admin_person_load(rq, &r, err))
		return -1;
	return admin_person_page(rq, rs, r, NULL, err);
}

/* POST /admin/people/{id}: name and email, at the version the form was read at. */
static int admin_person_save(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *r;
	struct form f;
	if (admin_person_load(rq, &r, err) || page_form(rq, &f, err) ||
	    http_allow_record(rq, POLICY_UPDATE, "person", r, err))
		return -1;
	struct cn_err why = {0};
	if (page_update(rq, &f, "", r->id, rec_new(rq->a, &person_entity), &why))
		return admin_person_refused(rq, rs, r, &why, err);
	page_redirect(rs, page_href(rq, "/admin/people/%lld?done=saved", r->id));
	return 0;
}

/* POST /admin/people/{id}/deactivate and /reactivate: active set to to. An admin does
 * not deactivate herself (she would be locked out). */
static int admin_person_activate(struct http_req *rq, struct http_resp *rs, int to,
				 struct cn_err *err)
{
	struct rec *r;
	struct form f;
	if (admin_person_load(rq, &r, err) || page_form(rq, &f, err) ||
	    http_allow_record(rq, POLICY_UPDATE, "person", r, err))
		return -1;
	struct cn_err why = {0};
	if (!to && r->id == rq->who.person_id) {
		cn_err_set(&why, CN_ERR_CONFLICT,
			   "You cannot deactivate yourself: ask another admin to do it.");
		return admin_person_page(rq, rs, r, &why, err);
	}
	struct rec *changes = rec_new(rq->a, &person_entity);
	if (rec_set_int(changes, "active", to, err))
		return -1;
	if ((rec_int(r, "active") != 0) != to &&
	    rec_update(rq->db, &rq->who, rq->a, r->id, 0, changes, NULL, &why))
		return admin_person_refused(rq, rs, r, &why, err);
	page_redirect(rs, page_href(rq, to ? "/admin/people/%lld?done=reactivated"
					   : "/admin/people/%lld?done=deactivated",
				    r->id));
	return 0;
}

static int admin_person_deactivate(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return admin_person_activate(rq, rs, 0, err);
}

static int admin_person_reactivate(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return admin_person_activate(rq, rs, 1, err);
}

/* POST /admin/people/{id}/memberships: a role in an organization. A role that was
 * removed before is restored (one row per person, organization and role). */
static int admin_role_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *r;
	struct form f;
	if (admin_person_load(rq, &r, err) || page_form(rq, &f, err))
		return -1;
	struct cn_err why = {0};
	const char *org = form_get(&f, "org_id"), *role = form_get(&f, "role");
	const char *title = form_get(&f, "title");
	struct rec *m = rec_new(rq->a, &membership_entity);
	if (rec_put_int(m, "person_id", r->id, err))
		return -1;
	if (org == NULL || org[0] == '\0')
		cn_err_field(&why, CN_ERR_INPUT, "org_id", "Choose the organization.");
	else if (role == NULL || role[0] == '\0')
		cn_err_field(&why, CN_ERR_INPUT, "role", "Choose the role in the organization.");
	if (why.kind != CN_OK || page_fields(m, rq->a, &f, "", rq->route->body, PAGE_NEW, &why))
		return admin_person_page(rq, rs, r, &why, err);
	struct rec *o = NULL;
	if (rec_get(rq->db, rq->a, &org_entity, rec_int(m, "org_id"), &o, &why)) {
		if (why.kind != CN_ERR_NOT_FOUND) {
			*err = why;
			return -1;
		}
		cn_err_field(&why, CN_ERR_INPUT, "org_id", "Choose one of the organizations listed.");
		return admin_person_page(rq, rs, r, &why, err);
	}
	if (http_allow_record(rq, POLICY_CREATE, "membership", m, err))
		return -1;
	struct rec_list roles;
	if (page_list_all(rq, &membership_entity, "person_id", r->id, &roles, err))
		return -1;
	const struct rec *old = NULL;
	for (size_t i = 0; i < roles.count; i++)
		if (rec_int(roles.items[i], "org_id") == rec_int(m, "org_id") &&
		    strcmp(rec_text(roles.items[i], "role"), rec_text(m, "role")) == 0)
			old = roles.items[i];
	if (old != NULL && rec_int(old, "active")) {
		cn_err_field(&why, CN_ERR_CONFLICT, "role", "%s already has this role in %s.",
			     admin_person_name(rq, r), rec_text(o, "name"));
		return admin_person_page(rq, rs, r, &why, err);
	}
	int rc;
	if (old != NULL) {
		struct rec *changes = rec_new(rq->a, &membership_entity);
		if (rec_set_int(changes, "active", 1, err) ||
		    (title != NULL && title[0] != '\0' &&
		     rec_set_text(changes, rq->a, "title", title, err)))
			return -1;
		rc = http_allow_record(rq, POLICY_UPDATE, "membership", old, err);
		if (rc)
			return -1;
		rc = rec_update(rq->db, &rq->who, rq->a, old->id, old->version, changes, NULL, &why);
	} else {
		rc = rec_create(rq->db, &rq->who, rq->a, m, &why);
	}
	if (rc)
		return admin_person_refused(rq, rs, r, &why, err);
	page_redirect(rs, page_href(rq, "/admin/people/%lld?done=role-added#roles", r->id));
	return 0;
}

/* POST /admin/people/{id}/memberships/{membership_id}/remove: the role ends (kept, as
 * history, marked ended). */
static int admin_role_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *r, *m;
	struct form f;
	int64_t mid;
	if (admin_person_load(rq, &r, err) || page_form(rq, &f, err) ||
	    page_id(rq, "membership_id", &mid, err) ||
	    rec_get(rq->db, rq->a, &membership_entity, mid, &m, err))
		return -1;
	if (rec_int(m, "person_id") != r->id)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "%s has no role %lld.",
				  admin_person_name(rq, r), (long long)mid);
	if (http_allow_record(rq, POLICY_UPDATE, "membership", m, err))
		return -1;
	struct rec *changes = rec_new(rq->a, &membership_entity);
	struct cn_err why = {0};
	if (rec_set_int(changes, "active", 0, err))
		return -1;
	if (rec_int(m, "active") &&
	    rec_update(rq->db, &rq->who, rq->a, m->id, 0, changes, NULL, &why))
		return admin_person_refused(rq, rs, r, &why, err);
	page_redirect(rs, page_href(rq, "/admin/people/%lld?done=role-removed#roles", r->id));
	return 0;
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
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", rec_text(o, "name"), "href",
			  page_href(rq, "/admin/organizations/%lld", o->id), NULL);
		html_close(h);
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
	if (page_fields(org, rq->a, &f, "", rq->route->body, PAGE_NEW, &why))
		return admin_orgs_page(rq, rs, &why, err);
	if (http_allow_record(rq, POLICY_CREATE, "organization", org, err))
		return -1;
	if (rec_create(rq->db, &rq->who, rq->a, org, &why))
		return admin_refused(rq, rs, &why, admin_orgs_page, err);
	page_redirect(rs, arena_printf(rq->a, "/admin/organizations?done=organization&kind=%s",
				       admin_qs(rq, rec_text(org, "kind"))));
	return 0;
}

static const struct route admin_routes[] = {
	{"GET", "/admin", admin_home, "organization", POLICY_CREATE, NULL, 0, "the admin pages",
	 NULL, NULL},
	{"GET", "/admin/people", admin_people, "person", POLICY_CREATE, NULL, 0,
	 "people: search and add", NULL, NULL},
	{"POST", "/admin/invitations", admin_invite, "person", POLICY_CREATE, NULL, 0,
	 "invite a person by email", NULL, NULL},
	{"POST", "/admin/people", admin_person_add, "person", POLICY_CREATE, NULL, 0,
	 "add a person with a first role", admin_person_fields, NULL},
	{"GET", "/admin/people/{id}", admin_person, "person", POLICY_UPDATE, NULL, 0,
	 "one person: details, status and roles", NULL, NULL},
	{"POST", "/admin/people/{id}", admin_person_save, "person", POLICY_UPDATE, NULL, 0,
	 "change a person's name and email", admin_person_fields, NULL},
	{"POST", "/admin/people/{id}/deactivate", admin_person_deactivate, "person", POLICY_UPDATE,
	 NULL, 0, "deactivate a person: sign-in stops", NULL, NULL},
	{"POST", "/admin/people/{id}/reactivate", admin_person_reactivate, "person", POLICY_UPDATE,
	 NULL, 0, "reactivate a person", NULL, NULL},
	{"POST", "/admin/people/{id}/memberships", admin_role_add, "membership", POLICY_CREATE,
	 NULL, 0, "give a person a role in an organization", admin_role_fields, NULL},
	{"POST", "/admin/people/{id}/memberships/{membership_id}/remove", admin_role_remove,
	 "membership", POLICY_UPDATE, NULL, 0, "end a person's role", NULL, NULL},
	{"GET", "/admin/organizations", admin_orgs, "organization", POLICY_CREATE, NULL, 0,
	 "organizations by kind", NULL, NULL},
	{"POST", "/admin/organizations", admin_org_add, "organization", POLICY_CREATE, NULL, 0,
	 "add an organization", admin_org_fields, NULL},
};

const struct web_routes web_routes_admin = {admin_routes,
					    sizeof(admin_routes) / sizeof(admin_routes[0])};
