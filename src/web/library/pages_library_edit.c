/* pages_library_edit: adding and editing library items in the browser: kind, title,
 * summary, a Markdown body with a preview rendered by the server (no JavaScript), the
 * ESSA evidence tier with citations, tags, content areas, grade bands, aligned
 * standards, license, the original's address and the network whose library holds it.
 * Admins keep the statewide library, a network's facilitators its own (policy rule
 * "library_item"); an edit made from a stale page is refused and the input kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/library/library.h"
#include "app/network/network.h"
#include "app/standards/standards.h"
#include "core/buf.h"
#include "http/allow.h"
#include "web/page.h"
#include "web/render.h"
#include "web/web.h"

static const char *const led_tier_labels[] = {
    "Tier 1: strong evidence (an experimental study)",
    "Tier 2: moderate evidence (a quasi-experimental study)",
    "Tier 3: promising evidence (a correlational study with controls)",
    "Tier 4: demonstrates a rationale (a logic model, being studied)", "No tier", NULL};
/* The plain fields of the form, as the entity names them. */
static const struct route_field led_fields[] = {
	{.name = "kind"}, {.name = "title"}, {.name = "summary"}, {.name = "body"},
	{.name = "license"}, {.name = "url"}, {.name = NULL},
};

/* The networks whose library the actor may add to: ids and names, NULL-terminated, in
 * the request's arena; *statewide says whether they may add to the statewide one. */
static int led_networks(struct http_req *rq, const char ***ids, const char ***names,
			int *statewide, struct cn_err *err)
{
	struct policy_scope none = {0};
	*statewide = http_may_scope(rq, POLICY_CREATE, "library_item", &none, err);
	struct rec_list nets;
	if (*statewide < 0 || page_my_networks(rq, &nets, err))
		return -1;
	*ids = arena_alloc(rq->a, sizeof(char *) * (nets.count + 1));
	*names = arena_alloc(rq->a, sizeof(char *) * (nets.count + 1));
	size_t n = 0;
	for (size_t i = 0; i < nets.count; i++) {
		struct policy_scope s = {.network_id = nets.items[i]->id};
		int may = http_may_scope(rq, POLICY_CREATE, "library_item", &s, err);
		if (may < 0)
			return -1;
		if (!may)
			continue;
		(*ids)[n] = arena_printf(rq->a, "%lld", (long long)nets.items[i]->id);
		(*names)[n++] = rec_text(nets.items[i], "name");
	}
	(*ids)[n] = (*names)[n] = NULL;
	return 0;
}

/* A group of checkboxes (name repeated, one value each) in a fieldset, the error of
 * field name under its legend; checked: those of current (NULL-terminated). */
static void led_checks(struct page *p, const char *name, const char *legend,
		       const char *const *codes, const char *const *labels,
		       const char *const *current)
{
	struct html *h = &p->h;
	int bad = p->error != NULL && strcmp(p->error->field, name) == 0;
	char error_id[64];
	snprintf(error_id, sizeof(error_id), "%s-error", name);
	html_open(h, "fieldset", "id", name, "class", "checks", "aria-describedby",
		  bad ? error_id : NULL, NULL);
	html_elem(h, "legend", legend, NULL);
	if (bad)
		html_elem(h, "p", p->error->msg, "class", "field-error", "id", error_id, NULL);
	for (size_t i = 0; codes[i] != NULL; i++) {
		int on = 0;
		for (size_t k = 0; current != NULL && current[k] != NULL; k++)
			on |= strcmp(current[k], codes[i]) == 0;
		char id[96];
		snprintf(id, sizeof(id), "%s-%s", name, codes[i]);
		html_open(h, "div", "class", "check", NULL);
		html_void(h, "input", "type", "checkbox", "id", id, "name", name, "value", codes[i],
			  "checked", on ? "" : NULL, NULL);
		html_elem(h, "label", labels[i], "for", id, NULL);
		html_close(h);
	}
	html_close(h);
}

/* list (n items) as a NULL-terminated array. */
static const char **led_list(struct arena *a, const char **list, size_t n)
{
	const char **out = arena_alloc(a, sizeof(char *) * (n + 1));
	for (size_t i = 0; i < n; i++)
		out[i] = list[i];
	out[n] = NULL;
	return out;
}

/* The stored links as the form's text: tags "a, b", citations one a line with their
 * address last, standards by code (or id). */
static void led_links_text(struct arena *a, const struct library_view *v, const char **tags,
			   const char **citations, const char **standards)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; v != NULL && i < v->links.ntags; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", v->links.tags[i]);
	*tags = arena_strdup(a, buf_str(&b));
	buf_reset(&b);
	for (size_t i = 0; v != NULL && i < v->links.ncitations; i++) {
		const struct library_citation *c = &v->links.citations[i];
		buf_printf(&b, "%s%s%s\n", c->text, c->url ? " " : "", c->url ? c->url : "");
	}
	*citations = arena_strdup(a, buf_str(&b));
	buf_reset(&b);
	for (size_t i = 0; v != NULL && i < v->links.nalignments; i++) {
		const struct library_alignment *al = &v->alignments[i];
		if (al->code != NULL)
			buf_printf(&b, "%s%s", i ? ", " : "", al->code);
		else
			buf_printf(&b, "%s%lld", i ? ", " : "", (long long)al->cf_item_id);
	}
	*standards = arena_strdup(a, buf_str(&b));
	buf_free(&b);
}

struct led_form {
	const struct library_view *v; /* the item edited, or NULL for a new one */
	int preview;		      /* show the body rendered below the form */
};

static void led_form(struct page *p, const struct led_form *e, const char *const *net_ids,
		     const char *const *net_names, int statewide)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	const struct rec *it = e->v ? e->v->item : NULL;
	const char *tags, *citations, *standards;
	led_links_text(rq->a, e->v, &tags, &citations, &standards);
	const char *action = it ? page_href(rq, "/library/%lld/edit", it->id) : "/library/new";
	page_form_begin(p, action, NULL);
	if (it != NULL)
		page_version(p, it);
	const char *net = it && rec_int(it, "network_id")
			      ? page_href(rq, "%lld", rec_int(it, "network_id"))
			      : NULL;
	if (net_ids[0] != NULL || !statewide)
		page_select(p, "network_id", "Network", net_ids, net_names, net, !statewide);
	if (statewide)
		html_elem(h, "p",
			  net_ids[0] != NULL
			      ? "With no network chosen, the item is in the statewide library."
			      : "The item goes into the statewide library.",
			  "class", "hint", NULL);
	page_radios(p, "kind", "Kind", library_kinds, library_kind_labels,
		    it ? rec_text(it, "kind") : NULL, 1);
	page_input(p, "title", "Title", "text", it ? rec_text(it, "title") : NULL, NULL, 1);
	page_textarea(p, "summary", "Summary", it ? rec_text(it, "summary") : NULL,
		      "A few sentences: what it is and when to use it", 0, NULL);
	page_textarea(p, "body", "Description (Markdown)", it ? rec_text(it, "body") : NULL,
		      "Headings start with #, lists with - or 1., links are [text](https://...).",
		      0, "editor");
	html_elem(h, "button", "Preview", "type", "submit", "name", "preview", "value", "1",
		  "class", "secondary", NULL);
	const char *tier = it ? (rec_is_null(it, "evidence_tier")
				     ? "none"
				     : page_href(rq, "%lld", rec_int(it, "evidence_tier")))
			      : "none";
	page_radios(p, "evidence_tier", "ESSA evidence tier", library_tier_choices, led_tier_labels,
		    tier, 0);
	page_textarea(p, "citations", "Citations", citations,
		      "One a line, e.g. an APA reference; a web address at the end of a line "
		      "links it.",
		      0, NULL);
	page_input(p, "tags", "Tags", "text", tags, "Separated by commas, e.g. number talks, math",
		   0);
	const char **areas = arena_alloc(rq->a, sizeof(char *) * 32);
	size_t n = 0;
	for (; network_content_areas[n] != NULL && n < 31; n++)
		areas[n] = page_humanize(rq, network_content_areas[n]);
	areas[n] = NULL;
	const char **bands = arena_alloc(rq->a, sizeof(char *) * 8);
	size_t b = 0;
	for (; library_grade_bands[b] != NULL && b < 7; b++)
		bands[b] = library_band_label(library_grade_bands[b]);
	bands[b] = NULL;
	int posted = p->form.n > 0;
	led_checks(p, "content_areas", "Content areas", network_content_areas, areas,
		   posted ? form_all(&p->form, rq->a, "content_areas")
			  : e->v ? led_list(rq->a, e->v->links.areas, e->v->links.nareas) : NULL);
	led_checks(p, "grade_bands", "Grade bands", library_grade_bands, bands,
		   posted ? form_all(&p->form, rq->a, "grade_bands")
			  : e->v ? led_list(rq->a, e->v->links.bands, e->v->links.nbands) : NULL);
	page_input(p, "alignments", "Aligned standards", "text", standards,
		   "Codes or ids of standards, separated by commas, e.g. 3.NF.A.1", 0);
	page_input(p, "license", "License", "text", it ? rec_text(it, "license") : NULL,
		   "e.g. CC BY 4.0", 0);
	page_input(p, "url", "Where the original lives", "url", it ? rec_text(it, "url") : NULL,
		   "A web address (https://...)", 0);
	page_submit(p, it ? "Save changes" : "Add to the library");
	html_close(h);
	if (e->preview) {
		html_open(h, "section", "class", "card", "aria-labelledby", "preview", NULL);
		html_elem(h, "h2", "Preview of the description", "id", "preview", NULL);
		const char *body = page_value(p, "body", "");
		render_markdown(h, rq->a, body, strlen(body));
		html_close(h);
	}
}

/* The editor page: why (may be NULL) beside its field, the posted input kept. */
static int led_page(struct http_req *rq, struct http_resp *rs, const struct library_view *v,
		    const struct cn_err *why, int preview, struct cn_err *err)
{
	const char **net_ids, **net_names;
	int statewide;
	if (led_networks(rq, &net_ids, &net_names, &statewide, err))
		return -1;
	if (!statewide && net_ids[0] == NULL)
		return cn_err_set(err, CN_ERR_FORBIDDEN,
				  "You keep no library: a network's facilitators add to its library, "
				  "admins to the statewide one.");
	const char *title = v ? rec_text(v->item, "title") : "Add a library item";
	struct page p;
	page_begin(&p, rq, rs, v ? arena_printf(rq->a, "Edit %s", title) : title, PAGE_NAV_LIBRARY);
	page_show_error(&p, why);
	if (v != NULL) {
		page_crumbs(&p, "Library", "/library", title,
			    page_href(rq, "/library/%lld", v->item->id), "Edit", NULL, NULL);
		html_open(&p.h, "h1", NULL);
		html_text(&p.h, "Edit ");
		html_text(&p.h, title);
		html_close(&p.h);
	} else {
		page_crumbs(&p, "Library", "/library", title, NULL, NULL);
		html_elem(&p.h, "h1", title, NULL);
	}
	page_errors(&p);
	struct led_form e = {v, preview && (why == NULL || why->kind == CN_OK)};
	led_form(&p, &e, net_ids, net_names, statewide);
	page_end(&p);
	return 0;
}

/* s split at any of seps, each part trimmed of spaces, empty parts left out;
 * NULL-terminated in a, *n of them. */
static const char **led_split(struct arena *a, const char *s, const char *seps, size_t *n)
{
	size_t cap = 0;
	const char **out = NULL;
	*n = 0;
	while (s != NULL && *s != '\0') {
		size_t len = strcspn(s, seps);
		const char *b = s, *e = s + len;
		while (b < e && (*b == ' ' || *b == '\t' || *b == '\r'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (e > b) {
			out = arena_grow(a, out, sizeof(char *), *n, &cap);
			out[(*n)++] = arena_strndup(a, b, (size_t)(e - b));
		}
		s += len;
		if (*s != '\0')
			s++;
	}
	out = arena_grow(a, out, sizeof(char *), *n, &cap);
	out[*n] = NULL;
	return out;
}

/* The form's labels, citations and standards into l (every part set). */
static int led_read_links(struct http_req *rq, const struct form *f, struct library_links *l,
			  struct cn_err *why)
{
	memset(l, 0, sizeof(*l));
	l->set = LIBRARY_SET_ALL;
	l->tags = led_split(rq->a, form_get(f, "tags"), ",", &l->ntags);
	l->areas = form_all(f, rq->a, "content_areas");
	while (l->areas[l->nareas] != NULL)
		l->nareas++;
	l->bands = form_all(f, rq->a, "grade_bands");
	while (l->bands[l->nbands] != NULL)
		l->nbands++;
	const char **lines = led_split(rq->a, form_get(f, "citations"), "\n", &l->ncitations);
	l->citations = arena_alloc(rq->a, sizeof(*l->citations) * (l->ncitations + 1));
	for (size_t i = 0; i < l->ncitations; i++) {
		const char *line = lines[i], *last = strrchr(line, ' ');
		last = last ? last + 1 : line;
		l->citations[i].text = line;
		if (strncmp(last, "https://", 8) == 0 || strncmp(last, "http://", 7) == 0) {
			l->citations[i].url = last;
			if (last > line)
				l->citations[i].text =
				    arena_strndup(rq->a, line, (size_t)(last - line - 1));
		}
	}
	size_t n;
	const char **keys = led_split(rq->a, form_get(f, "alignments"), ",\n", &n);
	if (n > LIBRARY_ALIGNMENTS_MAX)
		return cn_err_field(why, CN_ERR_INPUT, "alignments",
				    "%zu standards given; an item aligns to at most %d.", n,
				    LIBRARY_ALIGNMENTS_MAX);
	l->alignments = arena_alloc(rq->a, sizeof(int64_t) * (n + 1));
	for (size_t i = 0; i < n; i++) {
		struct standards_item item;
		if (standards_item_find(rq->db, rq->a, keys[i], 0, &item, why) == 0) {
			l->alignments[l->nalignments++] = item.id;
			continue;
		}
		if (why->kind == CN_ERR_NOT_FOUND)
			cn_err_set(why, CN_ERR_INPUT,
				   "No standard has the code or id '%.60s': look it up under "
				   "Standards.",
				   keys[i]);
		if (why->kind == CN_ERR_INPUT || why->kind == CN_ERR_CONFLICT)
			snprintf(why->field, sizeof(why->field), "alignments");
		return -1;
	}
	return 0;
}

/* The form's fields into r. On an edit (update), an empty field clears it. The
 * network must be one of net_ids, or none when statewide. */
static int led_read(struct http_req *rq, const struct form *f, struct rec *r, int update,
		    const char *const *net_ids, int statewide, struct cn_err *why)
{
	if (page_fields(r, rq->a, f, "", rq->route->body, update ? PAGE_CHANGES : PAGE_NEW, why))
		return -1;
	const char *tier = form_get(f, "evidence_tier");
	if (tier == NULL || tier[0] == '\0' || strcmp(tier, "none") == 0) {
		if (update && rec_set_null(r, "evidence_tier", why))
			return -1;
	} else if (rec_set_text(r, rq->a, "evidence_tier", tier, why)) {
		snprintf(why->msg, sizeof(why->msg), "Choose a tier from 1 to 4, or no tier.");
		return -1;
	}
	const char *net = form_get(f, "network_id");
	if (net == NULL || net[0] == '\0') {
		if (!statewide)
			return cn_err_field(why, CN_ERR_INPUT, "network_id",
					    "Choose the network whose library holds the item.");
		return update ? rec_set_null(r, "network_id", why) : 0;
	}
	for (size_t i = 0; net_ids[i] != NULL; i++)
		if (strcmp(net_ids[i], net) == 0)
			return rec_set_text(r, rq->a, "network_id", net, why);
	return cn_err_field(why, CN_ERR_INPUT, "network_id",
			    "Choose one of the networks listed: you keep their libraries.");
}

/* The field of the form an error of the library names ("citations[2].url" ->
 * "citations"). */
static void led_field(struct cn_err *why)
{
	char *bracket = strchr(why->field, '[');
	if (bracket == NULL)
		return;
	*bracket = '\0';
	char msg[sizeof(why->msg)];
	snprintf(msg, sizeof(msg), "%s", why->msg);
	snprintf(why->msg, sizeof(why->msg), "Citation %lld: %.400s",
		 strtoll(bracket + 1, NULL, 10) + 1, msg);
}

/* Reads and checks the posted item; returns 0 to save, 1 when the page was shown
 * again (a preview or refused input), -1 on the request's error. */
static int led_take(struct http_req *rq, struct http_resp *rs, const struct library_view *v,
		    const struct form *f, struct rec *r, struct library_links *l,
		    struct cn_err *err)
{
	const char **net_ids, **net_names;
	int statewide;
	if (led_networks(rq, &net_ids, &net_names, &statewide, err))
		return -1;
	struct cn_err why = {0};
	const char *body = form_get(f, "body");
	if (form_get(f, "preview") != NULL) {
		if (body != NULL && strlen(body) > 30000)
			cn_err_field(&why, CN_ERR_INPUT, "body",
				     "The description is %zu bytes; at most 30000 fit.",
				     strlen(body));
		return led_page(rq, rs, v, &why, 1, err) ? -1 : 1;
	}
	if (led_read(rq, f, r, v != NULL, net_ids, statewide, &why) ||
	    led_read_links(rq, f, l, &why)) {
		if (!page_refused(&why)) {
			*err = why;
			return -1;
		}
		return led_page(rq, rs, v, &why, 0, err) ? -1 : 1;
	}
	return 0;
}

/* A failed save: refused input or a stale version shown on the form, else the
 * request's error. */
static int led_refused(struct http_req *rq, struct http_resp *rs, const struct library_view *v,
		       struct cn_err *why, struct cn_err *err)
{
	led_field(why);
	if (why->kind == CN_ERR_STALE) {
		cn_err_set(why, CN_ERR_STALE,
			   "Someone else saved this item after you opened it. Your changes are "
			   "kept below; check them against the item as it is now (open it in "
			   "another tab), then save again to replace it.");
		struct library_view now;
		if (library_get(rq->db, rq->a, v->item->id, 0, &now, err))
			return -1;
		return led_page(rq, rs, &now, why, 0, err);
	}
	if (!page_refused(why)) {
		*err = *why;
		return -1;
	}
	return led_page(rq, rs, v, why, 0, err);
}

/* GET /library/new */
static int led_new(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_CREATE, "library_item", err))
		return -1;
	return led_page(rq, rs, NULL, NULL, 0, err);
}

/* POST /library/new: adds the item (or previews it). */
static int led_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct form f;
	if (http_allow_any(rq, POLICY_CREATE, "library_item", err) || page_form(rq, &f, err))
		return -1;
	struct rec *r = rec_new(rq->a, &library_item_entity);
	struct library_links l;
	int rc = led_take(rq, rs, NULL, &f, r, &l, err);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (http_allow_record(rq, POLICY_CREATE, "library_item", r, err))
		return -1;
	struct cn_err why = {0};
	if (library_create(rq->db, &rq->who, rq->a, r, &l, &why))
		return led_refused(rq, rs, NULL, &why, err);
	page_redirect(rs, page_href(rq, "/library/%lld?done=added", r->id));
	return 0;
}

static int led_load(struct http_req *rq, struct library_view *v, struct cn_err *err)
{
	int64_t id;
	if (page_id(rq, "id", &id, err) || library_get(rq->db, rq->a, id, 0, v, err) ||
	    http_allow_record(rq, POLICY_READ, "library_item", v->item, err))
		return -1;
	return http_allow_record(rq, POLICY_UPDATE, "library_item", v->item, err);
}

/* GET /library/{id}/edit */
static int led_edit(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct library_view v;
	if (led_load(rq, &v, err))
		return -1;
	return led_page(rq, rs, &v, NULL, 0, err);
}

/* POST /library/{id}/edit: saves the changes (or previews them) at the version the
 * form was read at. */
static int led_save(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct library_view v;
	struct form f;
	if (led_load(rq, &v, err) || page_form(rq, &f, err))
		return -1;
	struct rec *changes = rec_new(rq->a, &library_item_entity);
	struct library_links l;
	int rc = led_take(rq, rs, &v, &f, changes, &l, err);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	/* The item after the change must be the actor's to keep too (its network). */
	struct rec *after = rec_new(rq->a, &library_item_entity);
	if (rec_put_int(after, "network_id", rec_int(changes, "network_id"), err) ||
	    http_allow_record(rq, POLICY_UPDATE, "library_item", after, err))
		return -1;
	struct cn_err why = {0};
	if (library_update(rq->db, &rq->who, rq->a, v.item->id, page_form_version(&f), changes, &l,
			   NULL, &why))
		return led_refused(rq, rs, &v, &why, err);
	page_redirect(rs, page_href(rq, "/library/%lld?done=saved", v.item->id));
	return 0;
}

static const struct route led_routes[] = {
    {"GET", "/library/new", led_new, "library_item", POLICY_CREATE, NULL, 0,
     "the form to add a library item", NULL, NULL},
    {"POST", "/library/new", led_add, "library_item", POLICY_CREATE, NULL, 0,
     "add a library item (or preview it)", led_fields, NULL},
    {"GET", "/library/{id}/edit", led_edit, "library_item", POLICY_UPDATE, NULL, 0,
     "the form to edit a library item", NULL, NULL},
    {"POST", "/library/{id}/edit", led_save, "library_item", POLICY_UPDATE, NULL, 0,
     "save a library item's changes (or preview them)", led_fields, NULL},
};

const struct web_routes web_routes_library_edit = {led_routes,
						   sizeof(led_routes) / sizeof(led_routes[0])};
