/* pages_targets: the standards a deliverable is aligned to (add, remove) and the
 * learning targets of a learning-target set: the ordered list with each target's kind
 * and "I can" statement, adding one (the statement checked, the error shown beside it
 * with the input kept), moving one up or down, deleting one, and the set exported as a
 * CASE 1.0 package for download. */
#include <stdio.h>
#include <string.h>

#include "app/deliverable/deliverable.h"
#include "app/standards/standards.h"
#include "app/deliverable/target.h"
#include "http/allow.h"
#include "web/deliverable/dlv.h"
#include "web/page.h"
#include "web/web.h"

static const char *const target_kinds[] = {"knowledge", "reasoning", "skill", "product", NULL};
static const char *const target_kind_labels[] = {"Knowledge", "Reasoning", "Performance skill",
						 "Product", NULL};

/* A small form with one button whose spoken name says what it acts on. */
static void targets_button(struct page *p, const char *action, const char *label, const char *about,
			   const char *css_class)
{
	struct html *h = &p->h;
	page_form_begin(p, action, "inline");
	html_open(h, "button", "type", "submit", "class", css_class, NULL);
	html_text(h, label);
	html_elem(h, "span", about, "class", "visually-hidden", NULL);
	html_close(h);
	html_close(h);
}

/* The deliverable of path parameter id, which must be a learning-target set. */
static int targets_load(struct http_req *rq, struct rec **d, struct cn_err *err)
{
	if (dlv_load(rq, POLICY_READ, d, err))
		return -1;
	if (strcmp(rec_text(*d, "kind"), "learning_target_set") != 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND,
				  "only learning-target sets have learning targets");
	return 0;
}

/* A standard's code (or statement) for a list. */
static const char *targets_standard_label(struct http_req *rq, int64_t cf_item_id)
{
	struct standards_item it;
	struct cn_err err = {0};
	if (standards_item_get(rq->db, rq->a, cf_item_id, &it, &err))
		return NULL;
	return it.human_coding_scheme ? it.human_coding_scheme : it.full_statement;
}

static int targets_page(struct page *p, const struct rec *d, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	struct rec_list t;
	if (target_list(rq->db, rq->a, d->id, &t, err))
		return -1;
	dlv_top(p, d, "Learning targets", "Learning targets: ");
	const char *done = http_query(rq, "done");
	if (done != NULL && strcmp(done, "added") == 0)
		page_notice(p, "The learning target was added.");
	html_elem(h, "h2", "Targets in order", "id", "targets", NULL);
	if (t.count == 0)
		html_elem(h, "p", "None yet.", "class", "muted", NULL);
	html_open(h, "ol", "class", "targets", NULL);
	for (size_t i = 0; i < t.count; i++) {
		const struct rec *x = t.items[i];
		const char *statement = rec_text(x, "statement");
		html_open(h, "li", NULL);
		html_open(h, "p", NULL);
		html_text(h, statement);
		html_text(h, " ");
		for (size_t k = 0; target_kinds[k] != NULL; k++)
			if (strcmp(target_kinds[k], rec_text(x, "kind")) == 0)
				html_elem(h, "span", target_kind_labels[k], "class", "tag", NULL);
		const char *code = targets_standard_label(rq, rec_int(x, "cf_item_id"));
		if (code != NULL) {
			html_text(h, " for ");
			html_elem(h, "a", code, "href",
				  arena_printf(rq->a, "/standards/items/%lld",
					       (long long)rec_int(x, "cf_item_id")),
				  NULL);
		}
		html_close(h);
		const char *base = arena_printf(rq->a, "/deliverables/%lld/targets/%lld/",
						(long long)d->id, (long long)x->id);
		const char *about = arena_printf(rq->a, ": %s", statement);
		if (dlv_can(rq, POLICY_UPDATE, "learning_target", x)) {
			if (i > 0)
				targets_button(p, arena_printf(rq->a, "%sup", base), "Move up",
					       about, "secondary");
			if (i + 1 < t.count)
				targets_button(p, arena_printf(rq->a, "%sdown", base), "Move down",
					       about, "secondary");
		}
		if (dlv_can(rq, POLICY_DELETE, "learning_target", x))
			targets_button(p, arena_printf(rq->a, "%sdelete", base), "Delete", about,
				       "secondary");
		html_close(h);
	}
	html_close(h);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Download the set as CASE JSON", "href",
		  dlv_href(rq->a, d->id, "/case.json"), "download", "", NULL);
	html_close(h);

	struct rec *probe = rec_new(rq->a, &learning_target_entity);
	if (rec_put_int(probe, "deliverable_id", d->id, err))
		return -1;
	if (!dlv_can(rq, POLICY_CREATE, "learning_target", probe))
		return 0;
	html_open(h, "section", "class", "card", "aria-labelledby", "add-target", NULL);
	html_elem(h, "h2", "Add a learning target", "id", "add-target", NULL);
	page_errors(p);
	page_form_begin(p, dlv_href(rq->a, d->id, "/targets"), NULL);
	page_input(p, "standard", "Standard", "text", NULL,
		   "Its code, for example KY.6.RP.1 (find codes under Standards)", 1);
	page_select(p, "kind", "Kind of target", target_kinds, target_kind_labels, NULL, 1);
	page_input(p, "statement", "Statement", "text", NULL,
		   "Start with \"I can\", in words a student understands", 1);
	page_submit(p, "Add target");
	html_close(h);
	html_close(h);
	return 0;
}

/* GET /deliverables/{id}/targets */
static int targets_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	if (targets_load(rq, &d, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Learning targets", PAGE_NAV_DELIVERABLES);
	if (targets_page(&p, d, err))
		return -1;
	page_end(&p);
	return 0;
}

static const struct route_field targets_fields[] = {
	{.name = "kind"}, {.name = "statement"}, {.name = NULL},
};

/* POST /deliverables/{id}/targets */
static int targets_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	struct form f;
	struct rec *t = rec_new(rq->a, &learning_target_entity);
	if (targets_load(rq, &d, err) || rec_put_int(t, "deliverable_id", d->id, err) ||
	    http_allow_record(rq, POLICY_CREATE, "learning_target", t, err) ||
	    page_form(rq, &f, err))
		return -1;
	struct cn_err why = {0};
	int64_t item = 0;
	const char *statement = form_get(&f, "statement");
	if (deliverable_standard_resolve(rq->db, form_get(&f, "standard"), &item, &why) == 0 &&
	    target_check_statement(statement, &why) == 0 &&
	    page_fields(t, rq->a, &f, "", rq->route->body, PAGE_NEW, &why) == 0) {
		if (rec_put_int(t, "cf_item_id", item, err))
			return -1;
		if (rec_create(rq->db, &rq->who, rq->a, t, &why) == 0) {
			page_redirect(rs, dlv_href(rq->a, d->id, "/targets?done=added#targets"));
			return 0;
		}
	}
	if (why.kind != CN_ERR_INPUT && why.kind != CN_ERR_CONFLICT) {
		*err = why;
		return -1;
	}
	if (strcmp(why.field, "cf_item_id") == 0)
		snprintf(why.field, sizeof(why.field), "standard");
	struct page p;
	page_begin(&p, rq, rs, "Learning targets", PAGE_NAV_DELIVERABLES);
	page_show_error(&p, &why);
	if (targets_page(&p, d, err))
		return -1;
	page_end(&p);
	return 0;
}

/* POST /deliverables/{id}/targets/{tid}/up|down|delete */
static int targets_change(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d, *t;
	int64_t tid;
	if (targets_load(rq, &d, err) || page_id(rq, "tid", &tid, err) ||
	    rec_get(rq->db, rq->a, &learning_target_entity, tid, &t, err))
		return -1;
	if (rec_int(t, "deliverable_id") != d->id)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no such target in this set");
	const char *action = strrchr(rq->path, '/') + 1;
	if (strcmp(action, "delete") == 0) {
		if (http_allow_record(rq, POLICY_DELETE, "learning_target", t, err) ||
		    target_delete(rq->db, &rq->who, rq->a, tid, 0, err))
			return -1;
	} else {
		struct rec_list list;
		if (http_allow_record(rq, POLICY_UPDATE, "learning_target", t, err) ||
		    target_list(rq->db, rq->a, d->id, &list, err))
			return -1;
		size_t at = 0;
		while (at < list.count && list.items[at]->id != tid)
			at++;
		int64_t to = strcmp(action, "up") == 0 ? (int64_t)at : (int64_t)at + 2;
		if (to >= 1 && to <= (int64_t)list.count &&
		    target_move(rq->db, &rq->who, rq->a, tid, to, err))
			return -1;
	}
	page_redirect(rs, dlv_href(rq->a, d->id, "/targets#targets"));
	return 0;
}

/* GET /deliverables/{id}/case.json */
static int targets_case(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	if (targets_load(rq, &d, err))
		return -1;
	buf_reset(&rs->body);
	if (target_export_case(rq->db, rq->a, d->id, &rs->body, err))
		return -1;
	rs->content_type = "application/json";
	http_resp_header(rs, "Content-Disposition",
			 arena_printf(rq->a, "attachment; filename=\"learning-targets-%lld.json\"",
				      (long long)d->id));
	http_resp_header(rs, "Cache-Control", "no-store");
	return 0;
}

/* Standards alignments of any deliverable. */

static int standards_page(struct page *p, const struct rec *d, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	struct deliverable_standards s;
	if (deliverable_standards(rq->db, rq->a, d->id, &s, err))
		return -1;
	dlv_top(p, d, "Standards", "Standards: ");
	if (s.count == 0)
		html_elem(h, "p", "Not aligned to a standard yet.", "class", "muted", NULL);
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < s.count; i++) {
		const struct deliverable_standard *x = &s.items[i];
		const char *code = x->code ? x->code : x->identifier;
		html_open(h, "li", NULL);
		html_elem(h, "a", code, "href",
			  arena_printf(rq->a, "/standards/items/%lld", (long long)x->cf_item_id),
			  NULL);
		html_text(h, " ");
		html_text(h, x->statement);
		targets_button(p,
			       arena_printf(rq->a, "/deliverables/%lld/standards/%lld/remove",
					    (long long)d->id, (long long)x->cf_item_id),
			       "Remove", arena_printf(rq->a, " %s", code), "secondary");
		html_close(h);
	}
	html_close(h);
	html_open(h, "section", "class", "card", "aria-labelledby", "align", NULL);
	html_elem(h, "h2", "Align to a standard", "id", "align", NULL);
	page_errors(p);
	page_form_begin(p, dlv_href(rq->a, d->id, "/standards"), NULL);
	page_input(p, "standard", "Standard", "text", NULL, "Its code, for example KY.6.RP.1", 1);
	page_submit(p, "Align");
	html_close(h);
	html_close(h);
	return 0;
}

/* GET and POST /deliverables/{id}/standards */
static int standards_edit(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	if (dlv_load(rq, POLICY_UPDATE, &d, err))
		return -1;
	struct cn_err why = {0};
	if (strcmp(rq->method, "POST") == 0) {
		struct form f;
		int64_t item = 0;
		if (page_form(rq, &f, err))
			return -1;
		if (deliverable_standard_resolve(rq->db, form_get(&f, "standard"), &item, &why) ==
			0 &&
		    deliverable_standard_add(rq->db, &rq->who, d->id, item, &why) == 0) {
			page_redirect(rs, dlv_href(rq->a, d->id, "/standards"));
			return 0;
		}
		if (why.kind != CN_ERR_INPUT) {
			*err = why;
			return -1;
		}
		snprintf(why.field, sizeof(why.field), "standard");
	}
	struct page p;
	page_begin(&p, rq, rs, "Standards", PAGE_NAV_DELIVERABLES);
	page_show_error(&p, &why);
	if (standards_page(&p, d, err))
		return -1;
	page_end(&p);
	return 0;
}

/* POST /deliverables/{id}/standards/{sid}/remove */
static int standards_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	int64_t sid;
	if (dlv_load(rq, POLICY_UPDATE, &d, err) || page_id(rq, "sid", &sid, err) ||
	    deliverable_standard_remove(rq->db, &rq->who, d->id, sid, err))
		return -1;
	page_redirect(rs, dlv_href(rq->a, d->id, "/standards"));
	return 0;
}

static const struct route targets_routes[] = {
    {"GET", "/deliverables/{id}/targets", targets_show, "learning_target", POLICY_READ, NULL, 0,
     "a set's learning targets", NULL, NULL},
    {"POST", "/deliverables/{id}/targets", targets_add, "learning_target", POLICY_CREATE, NULL, 0,
     "add a learning target", targets_fields, NULL},
    {"POST", "/deliverables/{id}/targets/{tid}/up", targets_change, "learning_target",
     POLICY_UPDATE, NULL, 0, "move a target up", NULL, NULL},
    {"POST", "/deliverables/{id}/targets/{tid}/down", targets_change, "learning_target",
     POLICY_UPDATE, NULL, 0, "move a target down", NULL, NULL},
    {"POST", "/deliverables/{id}/targets/{tid}/delete", targets_change, "learning_target",
     POLICY_DELETE, NULL, 0, "delete a target", NULL, NULL},
    {"GET", "/deliverables/{id}/case.json", targets_case, "learning_target", POLICY_READ, NULL, 0,
     "the set as a CASE 1.0 package", NULL, NULL},
    {"GET", "/deliverables/{id}/standards", standards_edit, "deliverable", POLICY_UPDATE, NULL, 0,
     "the standards a deliverable is aligned to", NULL, NULL},
    {"POST", "/deliverables/{id}/standards", standards_edit, "deliverable", POLICY_UPDATE, NULL, 0,
     "align a deliverable to a standard", NULL, NULL},
    {"POST", "/deliverables/{id}/standards/{sid}/remove", standards_remove, "deliverable",
     POLICY_UPDATE, NULL, 0, "remove an alignment", NULL, NULL},
};

const struct web_routes web_routes_targets = {targets_routes,
					      sizeof(targets_routes) / sizeof(targets_routes[0])};
