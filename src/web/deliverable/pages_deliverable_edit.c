/* pages_deliverable_edit: working on a deliverable: the editor (Markdown in a
 * textarea, a preview rendered by the server so no JavaScript is needed, saving a new
 * version, with a stale base version refused and the text kept), the differences
 * between two versions, the review form (EQuIP-style dimensions scored 0-3) and
 * adapting a published version for one's own team. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/deliverable/deliverable.h"
#include "app/deliverable/deliverable_review.h"
#include "core/diff.h"
#include "http/allow.h"
#include "web/deliverable/dlv.h"
#include "web/page.h"
#include "web/render.h"
#include "web/web.h"
#include "app/network/team.h"

/* The editor. */

struct editor {
	const struct rec *d;
	int64_t base;	      /* the version number the text started from (0: none yet) */
	const char *body;     /* the text to show */
	int preview;	      /* show the rendered text below the form */
	int64_t stale_latest; /* when saving was refused: the newer version's number */
};

static void editor_page(struct page *p, const struct editor *e)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	const struct rec *d = e->d;
	dlv_top(p, d, "Edit", "Edit: ");
	page_errors(p);
	if (e->stale_latest != 0) {
		html_open(h, "p", "class", "flag", NULL);
		html_textf(
		    h, "Version %lld was saved while you were writing. Your text is kept below. ",
		    (long long)e->stale_latest);
		html_open(h, "a", "href",
			  arena_printf(rq->a, "/deliverables/%lld/diff?from=%lld&to=%lld",
				       (long long)d->id, (long long)e->base,
				       (long long)e->stale_latest),
			  NULL);
		html_textf(h, "See what changed from version %lld to %lld", (long long)e->base,
			   (long long)e->stale_latest);
		html_close(h);
		html_text(
		    h, ", bring those changes into your text if you want them, then save again.");
		html_close(h);
	}
	if (strcmp(rec_text(d, "status"), "published") == 0)
		html_elem(h, "p",
			  "This deliverable is published: the version you save is a new version that "
			  "others see only once it is submitted, until it is reviewed and published; "
			  "then the teams that adapted it are told.",
			  "class", "notice", NULL);
	if (strcmp(rec_text(d, "status"), "in_review") == 0)
		html_elem(h, "p",
			  "This deliverable is in review, so its versions are frozen: it must be "
			  "returned to draft before a new version can be saved.",
			  "class", "flag", NULL);
	page_form_begin(p, dlv_href(rq->a, d->id, "/versions"), NULL);
	char base[24];
	snprintf(base, sizeof(base), "%lld",
		 (long long)(e->stale_latest ? e->stale_latest : e->base));
	html_void(h, "input", "type", "hidden", "name", "based_on", "value", base, NULL);
	page_textarea(p, "body", "Text (Markdown)", e->body,
		      "Headings start with #, lists with - or 1., links are [text](https://...).",
		      1, "editor");
	page_input(p, "change_note", "Change note", "text", NULL,
		   "What changed in this version, and why", 0);
	html_elem(h, "button", "Preview", "type", "submit", "class", "secondary", "formaction",
		  dlv_href(rq->a, d->id, "/preview"), NULL);
	page_submit(p, "Save version");
	html_close(h);
	if (e->preview) {
		html_open(h, "section", "class", "card", "aria-labelledby", "preview", NULL);
		html_elem(h, "h2", "Preview", "id", "preview", NULL);
		const char *body = page_value(p, "body", "");
		render_markdown(h, rq->a, body, strlen(body));
		html_close(h);
	}
}

/* The latest version's number and body (0 and "" when none). */
static int editor_latest(struct http_req *rq, const struct rec *d, int64_t *number,
			 const char **body, struct cn_err *err)
{
	struct deliverable_version v;
	if (deliverable_version_find(rq->db, rq->a, d->id, 0, &v, err) == 0) {
		*number = v.number;
		*body = v.body;
		return 0;
	}
	if (err->kind != CN_ERR_NOT_FOUND)
		return -1;
	*number = 0;
	*body = "";
	return 0;
}

/* The deliverable of the path, when the person may save versions of it (its district's
 * team, its contributors, its network's facilitators). */
static int edit_load(struct http_req *rq, struct rec **d, struct cn_err *err)
{
	return dlv_load(rq, POLICY_READ, d, err) ||
			       http_allow_record(rq, POLICY_CREATE, "deliverable_version", *d, err)
		   ? -1
		   : 0;
}

/* GET /deliverables/{id}/edit */
static int edit_form(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	struct editor e = {0};
	if (edit_load(rq, &d, err) || editor_latest(rq, d, &e.base, &e.body, err))
		return -1;
	e.d = d;
	struct page p;
	page_begin(&p, rq, rs, "Edit", PAGE_NAV_DELIVERABLES);
	editor_page(&p, &e);
	page_end(&p);
	return 0;
}

/* POST /deliverables/{id}/preview: the same form with the text rendered below. */
static int edit_preview(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	if (edit_load(rq, &d, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Preview", PAGE_NAV_DELIVERABLES);
	struct editor e = {.d = d, .preview = 1};
	const char *base = form_get(&p.form, "based_on");
	e.base = base ? strtoll(base, NULL, 10) : 0;
	const char *body = form_get(&p.form, "body");
	struct cn_err why = {0};
	if (body != NULL && deliverable_check_body(body, strlen(body), &why)) {
		page_show_error(&p, &why);
		e.preview = 0;
	}
	editor_page(&p, &e);
	page_end(&p);
	return 0;
}

/* POST /deliverables/{id}/versions */
static int edit_save(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	struct form f;
	if (edit_load(rq, &d, err) || page_form(rq, &f, err))
		return -1;
	const char *based_on = form_get(&f, "based_on");
	struct deliverable_save in = {
	    .body = dlv_text(rq->a, form_get(&f, "body")),
	    .change_note = form_get(&f, "change_note"),
	    .based_on = based_on ? strtoll(based_on, NULL, 10) : 0,
	};
	struct cn_err why = {0};
	struct editor e = {.d = d, .base = in.based_on};
	if (in.body == NULL || in.body[0] == '\0') {
		cn_err_field(&why, CN_ERR_INPUT, "body", "Write the text to save.");
	} else if (deliverable_check_body(in.body, strlen(in.body), &why) == 0) {
		struct deliverable_version v;
		if (deliverable_save(rq->db, &rq->who, rq->a, d->id, &in, &v, &why) == 0) {
			page_redirect(rs, dlv_href(rq->a, d->id, "?done=saved"));
			return 0;
		}
		if (why.kind == CN_ERR_STALE) {
			const char *ignored;
			if (editor_latest(rq, d, &e.stale_latest, &ignored, err))
				return -1;
		} else if (why.kind != CN_ERR_INPUT && why.kind != CN_ERR_CONFLICT &&
			   why.kind != CN_ERR_TOO_LARGE) {
			*err = why;
			return -1;
		}
	}
	struct page p;
	page_begin(&p, rq, rs, "Edit", PAGE_NAV_DELIVERABLES);
	page_show_error(&p, &why);
	editor_page(&p, &e);
	page_end(&p);
	return 0;
}

/* Differences. */

/* A version number from the query, else fallback. */
static int diff_number(struct http_req *rq, const char *name, int64_t fallback, int64_t *out,
		       struct cn_err *err)
{
	int rc = page_query_id(rq, name, out, err);
	if (rc == 0)
		*out = fallback;
	return rc < 0 ? -1 : 0;
}

static void diff_select(struct page *p, const char *name, const char *label,
			const struct deliverable_versions *v, int64_t selected)
{
	const char **ids = arena_alloc(p->rq->a, sizeof(char *) * (v->count + 1));
	const char **labels = arena_alloc(p->rq->a, sizeof(char *) * (v->count + 1));
	for (size_t i = 0; i < v->count; i++) {
		ids[i] = arena_printf(p->rq->a, "%lld", (long long)v->items[i].number);
		labels[i] = arena_printf(p->rq->a, "Version %lld (%s)",
					 (long long)v->items[i].number, v->items[i].created_at);
	}
	char sel[24];
	snprintf(sel, sizeof(sel), "%lld", (long long)selected);
	page_select(p, name, label, ids, labels, sel, 1);
}

/* GET /deliverables/{id}/diff?from=N&to=M */
static int diff_page(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	struct deliverable_versions v;
	if (dlv_load(rq, POLICY_READ, &d, err) || dlv_versions(rq, d, &v, NULL, err))
		return -1;
	int64_t last = v.count ? v.items[v.count - 1].number : 0, from, to;
	if (diff_number(rq, "to", last, &to, err) ||
	    diff_number(rq, "from", to > 1 ? to - 1 : to, &from, err))
		return -1;
	/* Only versions the person may see (a revision is its authors' until published). */
	int seen_from = 0, seen_to = 0;
	for (size_t i = 0; i < v.count; i++) {
		seen_from |= v.items[i].number == from;
		seen_to |= v.items[i].number == to;
	}
	if (v.count > 0 && (!seen_from || !seen_to))
		return cn_err_set(err, CN_ERR_NOT_FOUND, "deliverable %lld has no version %lld",
				  (long long)d->id, (long long)(seen_from ? to : from));
	struct deliverable_version a = {0}, b = {0};
	struct diff df = {0};
	if (v.count > 0 && (deliverable_version_find(rq->db, rq->a, d->id, from, &a, err) ||
			    deliverable_version_find(rq->db, rq->a, d->id, to, &b, err) ||
			    deliverable_diff(rq->db, rq->a, a.id, b.id, &df, NULL, NULL, err)))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Compare versions", PAGE_NAV_DELIVERABLES);
	struct html *h = &p.h;
	dlv_top(&p, d, "Compare versions", "Compare versions of ");
	if (v.count == 0) {
		html_elem(h, "p", "No version has been saved yet.", "class", "muted", NULL);
		page_end(&p);
		return 0;
	}
	html_open(h, "form", "method", "get", "action", dlv_href(rq->a, d->id, "/diff"), "class",
		  "stack", NULL);
	html_open(h, "div", "class", "grid two", NULL);
	html_open(h, "div", NULL);
	diff_select(&p, "from", "From", &v, from);
	html_close(h);
	html_open(h, "div", NULL);
	diff_select(&p, "to", "To", &v, to);
	html_close(h);
	html_close(h);
	page_submit(&p, "Compare");
	html_close(h);
	char *caption = arena_printf(rq->a, "Changes from version %lld to version %lld",
				     (long long)from, (long long)to);
	render_diff(h, rq->a, &df, DIFF_CONTEXT, caption);
	page_end(&p);
	return 0;
}

/* Reviews. */

static const char *const review_scores[] = {"0", "1", "2", "3", NULL};
static const char *const review_score_labels[] = {
    "0: not met (no evidence)", "1: partly met (some evidence)",
    "2: mostly met (adequate evidence)", "3: fully met (extensive evidence)", NULL};

static void review_page(struct page *p, const struct rec *d, const struct deliverable_version *v)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	dlv_top(p, d, "Review", "Review: ");
	html_open(h, "p", NULL);
	html_textf(h, "You are reviewing version %lld. ", (long long)v->number);
	html_elem(h, "a", "Read it", "href",
		  arena_printf(rq->a, "/deliverables/%lld?version=%lld#text", (long long)d->id,
			       (long long)v->number),
		  NULL);
	html_text(h, ". Score each dimension of the rubric you have evidence for.");
	html_close(h);
	page_errors(p);
	page_form_begin(p, dlv_href(rq->a, d->id, "/reviews"), NULL);
	char vid[24];
	snprintf(vid, sizeof(vid), "%lld", (long long)v->id);
	html_void(h, "input", "type", "hidden", "name", "version_id", "value", vid, NULL);
	for (int k = 0; k < REVIEW_DIMENSION_COUNT; k++) {
		const char *name = review_dimension_names[k];
		html_open(h, "div", "class", "card", NULL);
		page_radios(p, name, dlv_dimension_labels[k], review_scores, review_score_labels,
			    NULL, 0);
		char *comment = arena_printf(rq->a, "%s_comment", name);
		page_input(p, comment,
			   arena_printf(rq->a, "Comment on %s", dlv_dimension_labels[k]), "text",
			   NULL, NULL, 0);
		html_close(h);
	}
	page_textarea(p, "comments", "Overall comments", NULL,
		      "What is strong, and what would make it better", 0, NULL);
	page_submit(p, "Save review");
	html_close(h);
}

/* The version to review: the latest. */
static int review_load(struct http_req *rq, struct rec **d, struct deliverable_version *v,
		       struct cn_err *err)
{
	if (dlv_load(rq, POLICY_READ, d, err) ||
	    http_allow_record(rq, POLICY_CREATE, "deliverable_review", *d, err))
		return -1;
	if (deliverable_version_find(rq->db, rq->a, (*d)->id, 0, v, err))
		return err->kind == CN_ERR_NOT_FOUND
			   ? cn_err_set(
				 err, CN_ERR_CONFLICT,
				 "nothing has been written yet, so there is nothing to review")
			   : -1;
	return 0;
}

/* GET /deliverables/{id}/review */
static int review_form(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	struct deliverable_version v;
	if (review_load(rq, &d, &v, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, "Review", PAGE_NAV_DELIVERABLES);
	review_page(&p, d, &v);
	page_end(&p);
	return 0;
}

/* POST /deliverables/{id}/reviews */
static int review_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	struct deliverable_version v;
	struct form f;
	if (review_load(rq, &d, &v, err) || page_form(rq, &f, err))
		return -1;
	/* The version the form was for, when it is one of this deliverable's. */
	const char *vid = form_get(&f, "version_id");
	struct deliverable_version posted;
	if (vid != NULL && strtoll(vid, NULL, 10) != v.id &&
	    deliverable_version_get(rq->db, rq->a, strtoll(vid, NULL, 10), &posted, err) == 0 &&
	    posted.deliverable_id == d->id)
		v = posted;
	struct deliverable_review in = {0};
	struct cn_err why = {0};
	for (int k = 0; k < REVIEW_DIMENSION_COUNT; k++) {
		const char *s = form_get(&f, review_dimension_names[k]);
		in.score[k] = REVIEW_NOT_SCORED;
		if (s != NULL && s[0] != '\0') {
			if (strlen(s) != 1 || s[0] < '0' || s[0] > '3') {
				cn_err_field(&why, CN_ERR_INPUT, review_dimension_names[k],
					     "Choose a score from 0 to 3.");
				break;
			}
			in.score[k] = s[0] - '0';
		}
		char *name = arena_printf(rq->a, "%s_comment", review_dimension_names[k]);
		const char *c = form_get(&f, name);
		in.comment[k] = c && c[0] ? c : NULL;
	}
	const char *comments = dlv_text(rq->a, form_get(&f, "comments"));
	in.comments = comments && comments[0] ? comments : NULL;
	if (why.kind == CN_OK &&
	    deliverable_review_add(rq->db, &rq->who, v.id, &in, NULL, &why) == 0) {
		page_redirect(rs, dlv_href(rq->a, d->id, "?done=reviewed#reviews"));
		return 0;
	}
	if (why.kind != CN_ERR_INPUT && why.kind != CN_ERR_CONFLICT) {
		*err = why;
		return -1;
	}
	if (strcmp(why.field, "score") == 0) /* no dimension scored: point at the first */
		snprintf(why.field, sizeof(why.field), "%s", review_dimension_names[0]);
	struct page p;
	page_begin(&p, rq, rs, "Review", PAGE_NAV_DELIVERABLES);
	page_show_error(&p, &why);
	review_page(&p, d, &v);
	page_end(&p);
	return 0;
}

/* Adapting. */

/* The latest published version of d, or -1 with err (409) when none. */
static int derive_source(struct http_req *rq, const struct rec *d, struct deliverable_version *out,
			 struct cn_err *err)
{
	struct deliverable_versions v;
	if (deliverable_versions(rq->db, rq->a, d->id, &v, err))
		return -1;
	for (size_t i = v.count; i-- > 0;)
		if (v.items[i].published_at != NULL) {
			*out = v.items[i];
			return 0;
		}
	return cn_err_set(
	    err, CN_ERR_CONFLICT,
	    "only published versions can be adapted, and this deliverable has none yet");
}

static void derive_page(struct page *p, const struct rec *d, const struct deliverable_version *src,
			const char *const *teams, const char *const *labels, size_t nteams)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	dlv_top(p, d, "Adapt", "Adapt for your team: ");
	html_open(h, "p", NULL);
	html_textf(h,
		   "Your team gets its own copy of published version %lld to change for its "
		   "schools. The original stays as it is; capnet shows how far your version moves "
		   "from it, and tells your team when a newer version is published.",
		   (long long)src->number);
	html_close(h);
	page_errors(p);
	if (nteams == 0) {
		html_elem(h, "p", "You are not on a team that may create deliverables.", "class",
			  "muted", NULL);
		return;
	}
	page_form_begin(p, dlv_href(rq->a, d->id, "/derive"), NULL);
	page_select(p, "team_id", "Your team", teams, labels, nteams == 1 ? teams[0] : NULL, 1);
	page_input(p, "title", "Title", "text", rec_text(d, "title"), "Keep it or make it yours",
		   0);
	page_textarea(p, "context_note", "What you will change for your schools, and why", NULL,
		      "For example: our students use number lines from grade 3, so the tasks "
		      "start there.",
		      1, NULL);
	page_submit(p, "Create our adaptation");
	html_close(h);
}

/* GET and POST /deliverables/{id}/derive */
static int derive(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *d;
	struct deliverable_version src = {0};
	const char **teams, **labels;
	size_t nteams;
	if (dlv_load(rq, POLICY_READ, &d, err) ||
	    http_allow_any(rq, POLICY_CREATE, "deliverable", err) ||
	    derive_source(rq, d, &src, err) || dlv_team_choices(rq, &teams, &labels, &nteams, err))
		return -1;
	struct cn_err why = {0};
	if (strcmp(rq->method, "POST") == 0) {
		struct form f;
		if (page_form(rq, &f, err))
			return -1;
		struct deliverable_derive in = {.context_note =
						    dlv_text(rq->a, form_get(&f, "context_note"))};
		const char *team = form_get(&f, "team_id"), *title = form_get(&f, "title");
		for (size_t i = 0; team != NULL && i < nteams; i++)
			if (strcmp(team, teams[i]) == 0)
				in.team_id = strtoll(team, NULL, 10);
		in.title = title && title[0] ? title : NULL;
		struct rec *team_rec = NULL, *made = NULL,
			   *probe = rec_new(rq->a, &deliverable_entity);
		if (in.team_id == 0) {
			cn_err_field(&why, CN_ERR_INPUT, "team_id", "Choose your team.");
		} else if (in.context_note == NULL || in.context_note[0] == '\0') {
			cn_err_field(&why, CN_ERR_INPUT, "context_note",
				     "Say what you will change for your schools, and why.");
		} else {
			if (rec_get(rq->db, rq->a, &team_entity, in.team_id, &team_rec, err) ||
			    rec_put_int(probe, "network_id", rec_int(team_rec, "network_id"),
					err) ||
			    rec_put_int(probe, "team_id", in.team_id, err) ||
			    http_allow_record(rq, POLICY_CREATE, "deliverable", probe, err))
				return -1;
			if (deliverable_derive(rq->db, &rq->who, rq->a, src.id, &in, &made, &why) ==
			    0) {
				page_redirect(rs, dlv_href(rq->a, made->id, "?done=derived"));
				return 0;
			}
			if (why.kind != CN_ERR_INPUT && why.kind != CN_ERR_CONFLICT) {
				*err = why;
				return -1;
			}
		}
	}
	struct page p;
	page_begin(&p, rq, rs, "Adapt", PAGE_NAV_DELIVERABLES);
	page_show_error(&p, &why);
	derive_page(&p, d, &src, teams, labels, nteams);
	page_end(&p);
	return 0;
}

static const struct route edit_routes[] = {
    {"GET", "/deliverables/{id}/edit", edit_form, "deliverable_version", POLICY_CREATE, NULL, 0,
     "the editor", NULL, NULL},
    {"POST", "/deliverables/{id}/preview", edit_preview, "deliverable_version", POLICY_CREATE,
     NULL, 0,
     "the editor with a preview", NULL, NULL},
    {"POST", "/deliverables/{id}/versions", edit_save, "deliverable_version", POLICY_CREATE,
     NULL, 0,
     "save a new version", NULL, NULL},
    {"GET", "/deliverables/{id}/diff", diff_page, "deliverable", POLICY_READ, NULL, 0,
     "differences between two versions", NULL, NULL},
    {"GET", "/deliverables/{id}/review", review_form, "deliverable_review", POLICY_CREATE, NULL, 0,
     "the review form", NULL, NULL},
    {"POST", "/deliverables/{id}/reviews", review_add, "deliverable_review", POLICY_CREATE, NULL, 0,
     "review the latest version", NULL, NULL},
    {"GET", "/deliverables/{id}/derive", derive, "deliverable", POLICY_CREATE, NULL, 0,
     "the form to adapt a published deliverable", NULL, NULL},
    {"POST", "/deliverables/{id}/derive", derive, "deliverable", POLICY_CREATE, NULL, 0,
     "adapt a published deliverable for a team", NULL, NULL},
};

const struct web_routes web_routes_deliverable_edit = {edit_routes, sizeof(edit_routes) /
									sizeof(edit_routes[0])};
