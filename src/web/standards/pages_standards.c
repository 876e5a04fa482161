/* Folder web/standards: browsing academic standards (pages_standards.c). */
/* pages_standards: academic standards as people browse them: the frameworks, one
 * framework's tree (whole when small, else one level at a time), one item with its
 * place, children, associations, the learning targets written for it and the library
 * resources aligned to it, and finding items by code prefix or by words. Standards
 * are read by anyone signed in (policy rule "standard"); learning targets only where
 * their deliverable may be read. */
#include <stdio.h>
#include <string.h>

#include "app/deliverable/deliverable.h"
#include "app/library/library.h"
#include "app/standards/standards.h"
#include "app/deliverable/target.h"
#include "http/allow.h"
#include "web/page.h"
#include "web/web.h"

/* A framework with at most this many items is shown whole, as nested lists. */
enum { STD_WHOLE_MAX = 150, STD_QUERY_MAX = 200, STD_TARGETS_MAX = 200 };

static const char *std_item_href(struct arena *a, int64_t id)
{
	return arena_printf(a, "/standards/items/%lld", (long long)id);
}

static const char *std_framework_href(struct arena *a, int64_t id, int64_t under)
{
	if (under)
		return arena_printf(a, "/standards/frameworks/%lld?under=%lld#tree", (long long)id,
				    (long long)under);
	return arena_printf(a, "/standards/frameworks/%lld", (long long)id);
}

/* How an item is named in a list or a breadcrumb: its code, else its statement. */
static const char *std_item_label(const struct standards_item *it)
{
	if (it->human_coding_scheme != NULL && it->human_coding_scheme[0] != '\0')
		return it->human_coding_scheme;
	if (it->abbreviated_statement != NULL && it->abbreviated_statement[0] != '\0')
		return it->abbreviated_statement;
	return it->full_statement;
}

/* "KY.6.RP.1 Understand ..." with the code linking to the item. */
static void std_item_line(struct html *h, struct arena *a, const struct standards_item *it)
{
	const char *code = it->human_coding_scheme;
	if (code != NULL && code[0] != '\0') {
		html_open(h, "a", "href", std_item_href(a, it->id), "class", "code", NULL);
		html_elem(h, "strong", code, NULL);
		html_close(h);
		html_text(h, " ");
		html_text(h, it->full_statement);
	} else {
		html_elem(h, "a", it->full_statement, "href", std_item_href(a, it->id), NULL);
	}
	if (it->item_type != NULL) {
		html_text(h, " ");
		html_elem(h, "span", it->item_type, "class", "tag", NULL);
	}
	if (it->withdrawn_at != NULL)
		html_elem(h, "span", " (withdrawn)", "class", "status-warn", NULL);
}

/* The find form; GET, so that results have an address. */
static void std_find_form(struct page *p, const char *code, const char *words, int64_t framework_id)
{
	struct html *h = &p->h;
	html_open(h, "section", "class", "card", "aria-labelledby", "find-heading", NULL);
	html_elem(h, "h2", "Find standards", "id", "find-heading", NULL);
	html_open(h, "form", "method", "get", "action", "/standards/find", "class", "stack", "role",
		  "search", NULL);
	if (framework_id) {
		char fw[24];
		snprintf(fw, sizeof(fw), "%lld", (long long)framework_id);
		html_void(h, "input", "type", "hidden", "name", "framework", "value", fw, NULL);
	}
	page_input(p, "code", "Code starts with", "search", code, "For example KY.6.RP", 0);
	page_input(p, "words", "Or words in the statement", "search", words,
		   "For example: ratio reasoning", 0);
	page_submit(p, "Find");
	html_close(h);
	html_close(h);
}

static void std_field(struct html *h, const char *name, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	html_elem(h, "dt", name, NULL);
	html_elem(h, "dd", value, NULL);
}

/* GET /standards */
static int std_index(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_READ, "standard", err))
		return -1;
	struct standards_framework *fws;
	size_t n;
	if (standards_frameworks(rq->db, rq->a, &fws, &n, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Standards", PAGE_NAV_STANDARDS);
	struct html *h = &p.h;
	html_elem(h, "h1", "Academic standards", NULL);
	std_find_form(&p, NULL, NULL, 0);
	html_elem(h, "h2", "Frameworks", "id", "frameworks", NULL);
	if (n == 0) {
		html_elem(h, "p",
			  "No framework has been imported yet. An administrator imports one with "
			  "capnet import case FILE.",
			  "class", "muted", NULL);
	} else {
		html_open(h, "div", "class", "table-wrap", NULL);
		html_open(h, "table", NULL);
		html_elem(h, "caption", "Standards frameworks", "class", "visually-hidden", NULL);
		html_open(h, "thead", NULL);
		html_open(h, "tr", NULL);
		html_elem(h, "th", "Framework", "scope", "col", NULL);
		html_elem(h, "th", "Publisher", "scope", "col", NULL);
		html_elem(h, "th", "Version", "scope", "col", NULL);
		html_elem(h, "th", "Status", "scope", "col", NULL);
		html_elem(h, "th", "Items", "scope", "col", "class", "num", NULL);
		html_close(h);
		html_close(h);
		html_open(h, "tbody", NULL);
		for (size_t i = 0; i < n; i++) {
			html_open(h, "tr", NULL);
			html_open(h, "td", NULL);
			html_elem(h, "a", fws[i].title, "href",
				  std_framework_href(rq->a, fws[i].id, 0), NULL);
			html_close(h);
			html_elem(h, "td", fws[i].publisher, NULL);
			html_elem(h, "td", fws[i].version_label, NULL);
			html_elem(h, "td", fws[i].adoption_status, NULL);
			html_open(h, "td", "class", "num", NULL);
			html_textf(h, "%lld", (long long)fws[i].item_count);
			html_close(h);
			html_close(h);
		}
		html_close(h);
		html_close(h);
		html_close(h);
	}
	page_end(&p);
	return 0;
}

/* Items in reading order with depths, as nested lists. */
static void std_tree_lists(struct html *h, struct arena *a, const struct standards_items *t)
{
	int base = html_depth(h);
	html_open(h, "ul", "class", "tree", NULL);
	int prev = 0;
	for (size_t i = 0; i < t->count; i++) {
		int d = t->items[i].depth;
		if (i > 0 && d > prev) {
			html_open(h, "ul", NULL);
			d = prev + 1;
		} else if (i > 0) {
			html_close(h); /* li */
			for (int k = prev; k > d; k--) {
				html_close(h); /* ul */
				html_close(h); /* li */
			}
		}
		html_open(h, "li", NULL);
		std_item_line(h, a, &t->items[i]);
		prev = d;
	}
	html_close_to(h, base);
}

/* One level: the children of under (or the top), each with a link to open it. */
static void std_level(struct html *h, struct arena *a, int64_t framework_id,
		      const struct standards_items *level)
{
	html_open(h, "ul", "class", "tree", NULL);
	for (size_t i = 0; i < level->count; i++) {
		const struct standards_item *it = &level->items[i];
		html_open(h, "li", NULL);
		std_item_line(h, a, it);
		if (it->child_count > 0) {
			html_text(h, " ");
			html_open(h, "a", "href", std_framework_href(a, framework_id, it->id),
				  "class", "expand", NULL);
			html_textf(h, "Show the %lld item%s under it", (long long)it->child_count,
				   it->child_count == 1 ? "" : "s");
			html_elem(h, "span", std_item_label(it), "class", "visually-hidden", NULL);
			html_close(h);
		}
		html_close(h);
	}
	html_close(h);
}

/* GET /standards/frameworks/{id}[?under=ITEM] */
static int std_framework(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int64_t id, under = 0;
	if (http_allow_any(rq, POLICY_READ, "standard", err) || page_id(rq, "id", &id, err) ||
	    page_query_id(rq, "under", &under, err) < 0)
		return -1;
	struct standards_framework fw;
	if (standards_framework_get(rq->db, rq->a, id, &fw, err))
		return -1;
	struct standards_item parent = {0};
	struct standards_items path = {0}, items = {0};
	int whole = under == 0 && fw.item_count <= STD_WHOLE_MAX;
	if (under != 0) {
		if (standards_item_get(rq->db, rq->a, under, &parent, err))
			return -1;
		if (parent.framework_id != id)
			return cn_err_set(err, CN_ERR_NOT_FOUND,
					  "item %lld is not in this framework", (long long)under);
		if (standards_path(rq->db, rq->a, under, &path, err))
			return -1;
	}
	if (whole ? standards_tree(rq->db, rq->a, id, 0, 0, &items, err)
		  : standards_children(rq->db, rq->a, id, under, &items, err))
		return -1;

	struct page p;
	page_begin(&p, rq, rs, fw.title, PAGE_NAV_STANDARDS);
	struct html *h = &p.h;
	if (under == 0) {
		page_crumbs(&p, "Standards", "/standards", fw.title, NULL, NULL);
	} else {
		html_open(h, "nav", "class", "crumbs", "aria-label", "Breadcrumb", NULL);
		html_open(h, "ol", NULL);
		html_open(h, "li", NULL);
		html_elem(h, "a", "Standards", "href", "/standards", NULL);
		html_close(h);
		html_open(h, "li", NULL);
		html_elem(h, "a", fw.title, "href", std_framework_href(rq->a, id, 0), NULL);
		html_close(h);
		for (size_t i = 0; i < path.count; i++) {
			html_open(h, "li", NULL);
			html_elem(h, "a", std_item_label(&path.items[i]), "href",
				  std_framework_href(rq->a, id, path.items[i].id), NULL);
			html_close(h);
		}
		html_open(h, "li", NULL);
		html_elem(h, "span", std_item_label(&parent), "aria-current", "page", NULL);
		html_close(h);
		html_close(h);
		html_close(h);
	}
	html_elem(h, "h1", fw.title, NULL);
	html_open(h, "dl", "class", "facts", NULL);
	std_field(h, "Publisher", fw.publisher);
	std_field(h, "Subject", fw.subject);
	std_field(h, "Version", fw.version_label);
	std_field(h, "Adoption status", fw.adoption_status);
	std_field(h, "Last changed", fw.last_change);
	html_elem(h, "dt", "Items", NULL);
	html_open(h, "dd", NULL);
	html_textf(h, "%lld", (long long)fw.item_count);
	html_close(h);
	html_close(h);

	html_open(h, "section", "aria-labelledby", "tree", NULL);
	if (under == 0) {
		html_elem(h, "h2", whole ? "All items" : "Top level", "id", "tree", NULL);
	} else {
		html_open(h, "h2", "id", "tree", NULL);
		html_text(h, "Under ");
		html_text(h, std_item_label(&parent));
		html_close(h);
		html_open(h, "p", NULL);
		std_item_line(h, rq->a, &parent);
		html_close(h);
	}
	if (items.count == 0)
		html_elem(h, "p", "Nothing here.", "class", "muted", NULL);
	else if (whole)
		std_tree_lists(h, rq->a, &items);
	else
		std_level(h, rq->a, id, &items);
	html_close(h);
	std_find_form(&p, NULL, NULL, id);
	page_end(&p);
	return 0;
}

/* How an association reads from the item's side. */
static const char *std_link_phrase(const struct standards_link *l)
{
	static const struct {
		const char *type, *out, *in;
	} phrases[] = {
	    {"isChildOf", "is part of", "has part"},
	    {"isPartOf", "is part of", "has part"},
	    {"isPeerOf", "is a peer of", "is a peer of"},
	    {"exactMatchOf", "is an exact match of", "is an exact match of"},
	    {"isRelatedTo", "is related to", "is related to"},
	    {"precedes", "comes before", "comes after"},
	    {"replacedBy", "is replaced by", "replaces"},
	    {"exemplar", "has as exemplar", "is an exemplar of"},
	    {"hasSkillLevel", "has skill level", "is the skill level of"},
	};
	for (size_t i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++)
		if (strcmp(l->type, phrases[i].type) == 0)
			return l->outgoing ? phrases[i].out : phrases[i].in;
	return l->type;
}

static void std_links(struct html *h, struct arena *a, const struct standards_detail *d)
{
	html_elem(h, "h2", "Associations", "id", "associations", NULL);
	if (d->nlinks == 0) {
		html_elem(h, "p", "None.", "class", "muted", NULL);
		return;
	}
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct standards_link *l = &d->links[i];
		html_open(h, "li", NULL);
		html_text(h, "This ");
		html_text(h, std_link_phrase(l));
		html_text(h, " ");
		if (l->other_item_id != 0) {
			html_open(h, "a", "href", std_item_href(a, l->other_item_id), NULL);
			html_text(h, l->other_code ? l->other_code : l->other_statement);
			html_close(h);
			if (l->other_code != NULL) {
				html_text(h, " ");
				html_text(h, l->other_statement);
			}
		} else {
			const char *title = l->other_title ? l->other_title : l->other_identifier;
			if (l->other_uri != NULL && html_url_safe(l->other_uri) &&
			    strncmp(l->other_uri, "http", 4) == 0)
				html_elem(h, "a", title, "href", l->other_uri, "rel", "noopener",
					  NULL);
			else
				html_text(h, title);
			html_elem(h, "span", " (not in capnet)", "class", "muted", NULL);
		}
		html_close(h);
	}
	html_close(h);
}

/* Learning targets written for item_id, in deliverables the person may read. */
static int std_targets(struct page *p, int64_t item_id, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)item_id);
	struct rec_query q = {.filter = {NULL, id}, .limit = STD_TARGETS_MAX};
	struct rec_list targets;
	if (rec_list(rq->db, rq->a, &learning_target_entity, &q, &targets, err))
		return -1;
	html_elem(h, "h2", "Learning targets", "id", "targets", NULL);
	int shown = 0;
	struct rec *set = NULL;
	for (size_t i = 0; i < targets.count; i++) {
		const struct rec *t = targets.items[i];
		int can = http_can_read(rq, "learning_target", t, err);
		if (can < 0)
			return -1;
		if (!can)
			continue;
		int64_t did = rec_int(t, "deliverable_id");
		if ((set == NULL || set->id != did) &&
		    rec_get(rq->db, rq->a, &deliverable_entity, did, &set, err))
			return -1;
		if (shown == 0)
			html_open(h, "ul", NULL);
		html_open(h, "li", NULL);
		html_text(h, rec_text(t, "statement"));
		html_text(h, " ");
		html_elem(h, "span", rec_text(t, "kind"), "class", "tag", NULL);
		html_text(h, " in ");
		html_elem(h, "a", rec_text(set, "title"), "href",
			  arena_printf(rq->a, "/deliverables/%lld", (long long)did), NULL);
		html_close(h);
		shown++;
	}
	if (shown)
		html_close(h);
	else
		html_elem(h, "p", "No learning targets you can see are written for it yet.",
			  "class", "muted", NULL);
	return 0;
}

/* Library items aligned to item_id that the person may read. */
static int std_library(struct page *p, int64_t item_id, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	struct rec_list items;
	if (library_aligned_to(rq->db, rq->a, item_id, &items, err))
		return -1;
	html_elem(h, "h2", "Library resources aligned to it", "id", "library", NULL);
	int shown = 0;
	for (size_t i = 0; i < items.count; i++) {
		int can = http_can_read(rq, "library_item", items.items[i], err);
		if (can < 0)
			return -1;
		if (!can)
			continue;
		if (shown++ == 0)
			html_open(h, "ul", NULL);
		html_open(h, "li", NULL);
		html_elem(h, "a", rec_text(items.items[i], "title"), "href",
			  arena_printf(rq->a, "/library/%lld", (long long)items.items[i]->id), NULL);
		html_text(h, " ");
		html_elem(h, "span", rec_text(items.items[i], "kind"), "class", "tag", NULL);
		html_close(h);
	}
	if (shown)
		html_close(h);
	else
		html_elem(h, "p", "None yet.", "class", "muted", NULL);
	return 0;
}

/* GET /standards/items/{id} */
static int std_item(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int64_t id;
	if (http_allow_any(rq, POLICY_READ, "standard", err) || page_id(rq, "id", &id, err))
		return -1;
	struct standards_detail d;
	if (standards_detail(rq->db, rq->a, id, &d, err))
		return -1;
	const struct standards_item *it = &d.item;
	struct page p;
	page_begin(&p, rq, rs, std_item_label(it), PAGE_NAV_STANDARDS);
	struct html *h = &p.h;
	html_open(h, "nav", "class", "crumbs", "aria-label", "Breadcrumb", NULL);
	html_open(h, "ol", NULL);
	html_open(h, "li", NULL);
	html_elem(h, "a", "Standards", "href", "/standards", NULL);
	html_close(h);
	html_open(h, "li", NULL);
	html_elem(h, "a", d.framework.title, "href", std_framework_href(rq->a, d.framework.id, 0),
		  NULL);
	html_close(h);
	for (size_t i = 0; i < d.path.count; i++) {
		html_open(h, "li", NULL);
		html_elem(h, "a", std_item_label(&d.path.items[i]), "href",
			  std_item_href(rq->a, d.path.items[i].id), NULL);
		html_close(h);
	}
	html_open(h, "li", NULL);
	html_elem(h, "span", std_item_label(it), "aria-current", "page", NULL);
	html_close(h);
	html_close(h);
	html_close(h);

	html_elem(h, "h1", std_item_label(it), NULL);
	if (it->withdrawn_at != NULL)
		html_elem(h, "p",
			  "This item was withdrawn: the last import of its framework no longer had "
			  "it.",
			  "class", "flag", NULL);
	html_elem(h, "p", it->full_statement, "class", "statement", NULL);
	html_open(h, "dl", "class", "facts", NULL);
	std_field(h, "Type", it->item_type);
	if (it->neducation_levels > 0) {
		html_elem(h, "dt", "Education levels", NULL);
		html_open(h, "dd", NULL);
		for (size_t i = 0; i < it->neducation_levels; i++)
			html_elem(h, "span", it->education_levels[i], "class", "tag", NULL);
		html_close(h);
	}
	html_elem(h, "dt", "Framework", NULL);
	html_open(h, "dd", NULL);
	html_elem(h, "a", d.framework.title, "href", std_framework_href(rq->a, d.framework.id, 0),
		  NULL);
	html_close(h);
	std_field(h, "Notes", it->notes);
	std_field(h, "CASE identifier", it->identifier);
	if (it->uri != NULL && strncmp(it->uri, "http", 4) == 0 && html_url_safe(it->uri)) {
		html_elem(h, "dt", "CASE address", NULL);
		html_open(h, "dd", NULL);
		html_elem(h, "a", it->uri, "href", it->uri, "rel", "noopener", NULL);
		html_close(h);
	}
	html_close(h);
	if (it->child_count > 0 || d.children.count > 0) {
		html_elem(h, "h2", "Items under it", "id", "children", NULL);
		html_open(h, "ul", "class", "tree", NULL);
		for (size_t i = 0; i < d.children.count; i++) {
			html_open(h, "li", NULL);
			std_item_line(h, rq->a, &d.children.items[i]);
			html_close(h);
		}
		html_close(h);
	}
	std_links(h, rq->a, &d);
	if (std_targets(&p, id, err) || std_library(&p, id, err))
		return -1; /* the error page replaces this one */
	std_find_form(&p, NULL, NULL, d.framework.id);
	page_end(&p);
	return 0;
}

/* GET /standards/find?code=..|words=..[&framework=ID] */
static int std_find(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_READ, "standard", err))
		return -1;
	const char *code = http_query(rq, "code"), *words = http_query(rq, "words");
	struct standards_query q = {0};
	struct cn_err why = {0};
	int64_t fw_id = 0;
	if (page_query_id(rq, "framework", &fw_id, &why) < 0) {
		fw_id = 0;
	} else if (code && strlen(code) > STD_QUERY_MAX) {
		cn_err_field(&why, CN_ERR_INPUT, "code", "A code is at most %d characters.",
			     STD_QUERY_MAX);
	} else if (words && strlen(words) > STD_QUERY_MAX) {
		cn_err_field(&why, CN_ERR_INPUT, "words", "Search for at most %d characters.",
			     STD_QUERY_MAX);
	} else if (code && code[0] && words && words[0]) {
		cn_err_field(&why, CN_ERR_INPUT, "words",
			     "Give either the start of a code or words, not both.");
	}
	struct standards_framework fw = {0};
	if (why.kind == CN_OK && fw_id != 0 &&
	    standards_framework_get(rq->db, rq->a, fw_id, &fw, err))
		return -1;
	struct standards_hit *hits = NULL;
	size_t n = 0;
	int asked = (code && code[0]) || (words && words[0]);
	if (why.kind == CN_OK && asked) {
		q.code_prefix = code && code[0] ? code : NULL;
		q.words = q.code_prefix ? NULL : words;
		q.framework_id = fw_id;
		if (standards_find(rq->db, rq->a, &q, &hits, &n, &why) &&
		    why.kind != CN_ERR_INPUT) {
			*err = why;
			return -1;
		}
	}
	struct page p;
	page_begin(&p, rq, rs, "Find standards", PAGE_NAV_STANDARDS);
	struct html *h = &p.h;
	page_show_error(&p, &why);
	page_crumbs(&p, "Standards", "/standards", "Find", NULL, NULL);
	html_elem(h, "h1", "Find standards", NULL);
	if (fw.title != NULL) {
		html_open(h, "p", NULL);
		html_text(h, "In ");
		html_elem(h, "a", fw.title, "href", std_framework_href(rq->a, fw.id, 0), NULL);
		html_close(h);
	}
	page_errors(&p);
	std_find_form(&p, code, words, fw_id);
	if (asked && why.kind == CN_OK) {
		html_open(h, "section", "aria-labelledby", "results", NULL);
		html_open(h, "h2", "id", "results", NULL);
		html_textf(h, "%zu item%s found", n, n == 1 ? "" : "s");
		html_close(h);
		html_open(h, "ol", "class", "results", NULL);
		for (size_t i = 0; i < n; i++) {
			html_open(h, "li", NULL);
			std_item_line(h, rq->a, &hits[i].item);
			if (hits[i].path.count > 0) {
				html_open(h, "p", "class", "muted path", NULL);
				for (size_t k = 0; k < hits[i].path.count; k++) {
					if (k)
						html_text(h, " / ");
					html_text(h, std_item_label(&hits[i].path.items[k]));
				}
				html_close(h);
			}
			html_close(h);
		}
		html_close(h);
		html_close(h);
	}
	page_end(&p);
	return 0;
}

static const struct route std_routes[] = {
    {"GET", "/standards", std_index, "standard", POLICY_READ, NULL, 0, "standards frameworks", NULL,
     NULL},
    {"GET", "/standards/find", std_find, "standard", POLICY_READ, NULL, 0,
     "find standards by code prefix or words", NULL, NULL},
    {"GET", "/standards/frameworks/{id}", std_framework, "standard", POLICY_READ, NULL, 0,
     "a framework's items, one level at a time", NULL, NULL},
    {"GET", "/standards/items/{id}", std_item, "standard", POLICY_READ, NULL, 0,
     "one standard with its place, associations and learning targets", NULL, NULL},
};

const struct web_routes web_routes_standards = {std_routes,
						sizeof(std_routes) / sizeof(std_routes[0])};
