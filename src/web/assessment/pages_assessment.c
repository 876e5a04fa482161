/* Folder web/assessment: needs-assessment pages.
 *   pages_assessment.c  a team's assessments, the rating form, comparison
 *   pages_instrument.c  a network's instruments and their indicators
 */
/* pages_assessment: a district team's needs assessments (DESIGN §1, §2). The team's
 * list with a form to start one on its network's instrument; the rating form, grouped
 * by capacity level (people, organizational, institutional/policy), with the current
 * and target level of each indicator, its evidence and priority; the challenges, each
 * technical or adaptive with the reason; and the comparison with the team's previous
 * assessment (what moved). The team keeps its assessment; the network's facilitators
 * read it; other districts never see it (404). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/assessment/assessment.h"
#include "app/assessment/instrument.h"
#include "app/access/policy.h"
#include "http/allow.h"
#include "web/page.h"
#include "web/plan/teampage.h"
#include "web/web.h"
#include "app/assessment/challenge.h"

#define AS_RULE "assessment"

static const char *const as_levels[] = {"1", "2", "3", "4", NULL};
static const char *const as_level_labels[] = {"1 not yet", "2 emerging", "3 established",
					      "4 sustained", NULL};
static const char *const as_priority_labels[] = {"High", "Medium", "Low", NULL};
static const char *const as_kinds[] = {"technical", "adaptive", NULL};
static const char *const as_kind_labels[] = {
	"Technical: a known fix exists",
	"Adaptive: no prescribed fix; the people involved must learn and change", NULL};
static const struct route_field as_challenge_fields[] = {
	{.name = "description"}, {.name = "kind"}, {.name = "reason"}, {.name = NULL},
};

/* GET /teams/{id}/assessments */
static int as_list(struct http_req *rq, struct http_resp *rs, struct cn_err *err);

/* The page of a team's assessments, with error (may be NULL) beside the start form. */
static int as_list_page(struct http_req *rq, struct http_resp *rs, const struct teampage *t,
			const struct cn_err *error, struct cn_err *err)
{
	struct rec_list all;
	if (page_list_all(rq, &assessment_entity, "team_id", t->team->id, &all, err))
		return -1;
	int may_start = teampage_may(rq, t, POLICY_CREATE, AS_RULE, err);
	if (may_start < 0)
		return -1;
	struct page p;
	page_begin(&p, rq, rs, arena_printf(rq->a, "Needs assessments: %s", t->district),
		   PAGE_NAV_PLANS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	teampage_crumbs(&p, t, "Needs assessments");
	html_elem(h, "h1", arena_printf(rq->a, "Needs assessments: %s", t->district), NULL);
	page_errors(&p);
	if (all.count == 0)
		html_elem(h, "p", "The team has not assessed its needs yet.", "class", "muted",
			  NULL);
	static const char *const heads[] = {"School year", "Assessed on", "Status", NULL};
	if (all.count > 0)
		page_table_begin(&p, "The team's assessments", 0, heads, 0);
	for (size_t i = 0; i < all.count; i++) {
		const struct rec *a = all.items[i];
		int can = http_can_read(rq, AS_RULE, a, err);
		if (can < 0)
			return -1;
		if (!can)
			continue;
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", rec_text(a, "school_year"), "href",
			  page_href(rq, "/assessments/%lld", a->id), NULL);
		html_close(h);
		html_elem(h, "td", rec_text(a, "assessed_on") ? rec_text(a, "assessed_on") : "-",
			  NULL);
		html_elem(h, "td", page_humanize(rq, rec_text(a, "status")), NULL);
		html_close(h);
	}
	if (all.count > 0)
		page_table_end(&p);
	if (may_start) {
		html_open(h, "section", "class", "card", "aria-labelledby", "start", NULL);
		html_elem(h, "h2", "Start an assessment", "id", "start", NULL);
		html_elem(h, "p",
			  "The team rates each indicator of the network's instrument (capnet's "
			  "default when the network has none of its own).",
			  "class", "muted", NULL);
		page_form_begin(&p, teampage_href(rq, t, "assessments"), NULL);
		page_input(&p, "school_year", "School year", "text",
			   rec_text(t->network, "school_year"), "e.g. 2026-27", 1);
		page_input(&p, "assessed_on", "The day the team met to rate", "date", NULL, NULL,
			   0);
		page_submit(&p, "Start the assessment");
		html_close(h);
		html_close(h);
	}
	page_end(&p);
	return 0;
}

static int as_list(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct teampage t;
	if (teampage_of(rq, rq->record, &t, err))
		return -1;
	return as_list_page(rq, rs, &t, NULL, err);
}

static const struct route_field as_start_fields[] = {
	{.name = "school_year"}, {.name = "assessed_on"}, {.name = NULL},
};

/* POST /teams/{id}/assessments */
static int as_start(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct teampage t;
	struct form f;
	if (teampage_of(rq, rq->record, &t, err) || page_form(rq, &f, err))
		return -1;
	struct rec *r = rec_new(rq->a, &assessment_entity);
	if (rec_put_int(r, "team_id", t.team->id, err) ||
	    http_allow_record(rq, POLICY_CREATE, AS_RULE, r, err))
		return -1;
	struct cn_err why = {0};
	if (page_fields(r, rq->a, &f, "", rq->route->body, PAGE_NEW, &why) ||
	    rec_create(rq->db, &rq->who, rq->a, r, &why)) {
		if (!page_refused(&why)) {
			*err = why;
			return -1;
		}
		return as_list_page(rq, rs, &t, &why, err);
	}
	page_redirect(rs, page_href(rq, "/assessments/%lld?done=started", r->id));
	return 0;
}

/* The route's assessment (route_load: one the actor may read, or change on a route
 * that changes it), loaded whole; its team too. */
static int as_load(struct http_req *rq, struct assessment_full *as, struct teampage *t,
		   struct cn_err *err)
{
	struct rec *r = rq->record;
	if (assessment_load(rq->db, rq->a, r->id, as, err))
		return -1;
	return teampage_get(rq, rec_int(r, "team_id"), t, err);
}

/* The same and the POSTed form (f may be NULL), for a route that changes it. */
static int as_load_to_change(struct http_req *rq, struct assessment_full *as,
			     struct teampage *t, struct form *f, struct cn_err *err)
{
	return as_load(rq, as, t, err) || (f != NULL && page_form(rq, f, err)) ? -1 : 0;
}

/* Form field names of an indicator's rating: "c12", "t12", "e12", "p12". */
static const char *as_field(struct http_req *rq, char what, int64_t indicator)
{
	return arena_printf(rq->a, "%c%lld", what, (long long)indicator);
}

static const char *as_num(struct http_req *rq, int64_t v)
{
	return v ? arena_printf(rq->a, "%lld", (long long)v) : NULL;
}

/* One indicator's rating inputs, in its own fieldset. */
static void as_item_form(struct page *p, const struct assessment_item *it, int open)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	html_open(h, "fieldset", "class", "card rating", NULL);
	html_open(h, "legend", NULL);
	html_elem(h, "strong", it->code, NULL);
	html_text(h, " ");
	html_text(h, it->text);
	html_close(h);
	html_elem(h, "p", instrument_standard_title(it->standard), "class", "muted", NULL);
	if (!open) {
		html_open(h, "p", NULL);
		html_textf(h, "Now %s; target %s; priority %s.",
			   teampage_level(rq, it->current_level),
			   teampage_level(rq, it->target_level),
			   it->priority ? it->priority : "-");
		html_close(h);
		if (it->evidence != NULL)
			html_elem(h, "p", it->evidence, "class", "prose", NULL);
		html_close(h);
		return;
	}
	html_open(h, "div", "class", "grid two", NULL);
	page_radios(p, as_field(rq, 'c', it->indicator_id), "Current level", as_levels,
		    as_level_labels, as_num(rq, it->current_level), 0);
	page_radios(p, as_field(rq, 't', it->indicator_id), "Target level", as_levels,
		    as_level_labels, as_num(rq, it->target_level), 0);
	html_close(h);
	page_textarea(p, as_field(rq, 'e', it->indicator_id), "Evidence", it->evidence,
		      NULL, 0, NULL);
	page_select(p, as_field(rq, 'p', it->indicator_id), "Priority", assessment_priorities,
		    as_priority_labels, it->priority ? it->priority : "medium", 1);
	html_close(h);
}

static void as_challenges(struct page *p, const struct assessment_full *as, int open)
{
	struct html *h = &p->h;
	struct http_req *rq = p->rq;
	int64_t id = as->assessment->id;
	html_open(h, "section", "class", "card", "aria-labelledby", "challenges", NULL);
	html_elem(h, "h2", "Challenges", "id", "challenges", NULL);
	if (as->nchallenges == 0)
		html_elem(h, "p", "No challenges recorded yet.", "class", "muted", NULL);
	static const char *const heads[] = {"Challenge", "Kind", "Why", "", NULL};
	if (as->nchallenges > 0)
		page_table_begin(p, "The team's challenges", 0, heads, 0);
	for (size_t i = 0; i < as->nchallenges; i++) {
		const struct assessment_challenge *c = &as->challenges[i];
		html_open(h, "tr", NULL);
		html_elem(h, "th", c->description, "scope", "row", NULL);
		html_open(h, "td", NULL);
		html_elem(h, "span", page_humanize(rq, c->kind), "class", "tag", NULL);
		html_close(h);
		html_elem(h, "td", c->reason, NULL);
		html_open(h, "td", NULL);
		if (open)
			page_button_form(p,
					 arena_printf(rq->a, "/assessments/%lld/challenges/%lld/remove",
						      (long long)id, (long long)c->id),
					 "Remove", "secondary");
		html_close(h);
		html_close(h);
	}
	if (as->nchallenges > 0)
		page_table_end(p);
	if (open) {
		html_elem(h, "h3", "Add a challenge", NULL);
		page_form_begin(p, page_href(rq, "/assessments/%lld/challenges#challenges", id),
				NULL);
		page_textarea(p, "description", "The challenge, in the team's words", NULL, NULL,
			      1, NULL);
		page_radios(p, "kind", "Kind", as_kinds, as_kind_labels, NULL, 1);
		page_textarea(p, "reason", "Why the team classes it so", NULL, NULL, 1, NULL);
		page_submit(p, "Add the challenge");
		html_close(h);
	}
	html_close(h);
}

/* The assessment page; error (may be NULL) is a form's refusal to show beside its
 * field. */
static int as_page(struct http_req *rq, struct http_resp *rs, const struct assessment_full *as,
		   const struct teampage *t, const struct cn_err *error, struct cn_err *err)
{
	const struct rec *r = as->assessment;
	int submitted = strcmp(rec_text(r, "status"), "submitted") == 0;
	int may = http_may_scope(rq, POLICY_UPDATE, AS_RULE, &t->scope, err);
	if (may < 0)
		return -1;
	int open = may && !submitted;
	struct page p;
	const char *title = arena_printf(rq->a, "Needs assessment %s: %s",
					 rec_text(r, "school_year"), t->district);
	page_begin(&p, rq, rs, title, PAGE_NAV_PLANS);
	page_show_error(&p, error);
	struct html *h = &p.h;
	teampage_crumbs(&p, t, "Needs assessment");
	html_elem(h, "h1", title, NULL);
	const char *done = http_query(rq, "done");
	if (done != NULL && strcmp(done, "started") == 0)
		page_notice(&p, "The assessment was started: rate each indicator below.");
	else if (done != NULL && strcmp(done, "rated") == 0)
		page_notice(&p, "The ratings were saved.");
	else if (done != NULL && strcmp(done, "challenge") == 0)
		page_notice(&p, "The challenges were saved.");
	else if (done != NULL && strcmp(done, "status") == 0)
		page_notice(&p, submitted ? "The assessment was submitted." : "The assessment is open again.");
	page_errors(&p);
	html_open(h, "p", NULL);
	html_text(h, "Instrument: ");
	html_elem(h, "a", as->instrument_name, "href",
		  page_href(rq, "/instruments/%lld", rec_int(r, "instrument_id")), NULL);
	html_textf(h, ". %zu of %zu indicators rated. Status: %s.", as->rated, as->count,
		   submitted ? "submitted" : "draft");
	html_text(h, " ");
	html_elem(h, "a", "Compare with the previous assessment", "href",
		  page_href(rq, "/assessments/%lld/compare", r->id), NULL);
	html_close(h);
	if (may) {
		if (submitted)
			page_version_button(&p, page_href(rq, "/assessments/%lld/reopen", r->id),
					    "Open it again for changes", "secondary", r);
		else if (as->rated > 0)
			page_version_button(&p, page_href(rq, "/assessments/%lld/submit", r->id),
					    "Submit the assessment", NULL, r);
	}
	if (open)
		page_form_begin(&p, page_href(rq, "/assessments/%lld/ratings", r->id), NULL);
	for (size_t lv = 0; instrument_capacity_levels[lv] != NULL; lv++) {
		const char *level = instrument_capacity_levels[lv];
		html_open(h, "section", "aria-labelledby", arena_printf(rq->a, "level-%s", level),
			  NULL);
		html_elem(h, "h2",
			  arena_printf(rq->a, "Capacity of the %s",
				       strcmp(level, "people") == 0
					       ? "people"
					       : arena_printf(rq->a, "%s level",
							      instrument_level_title(level))),
			  "id", arena_printf(rq->a, "level-%s", level), NULL);
		for (size_t i = 0; i < as->count; i++)
			if (strcmp(as->items[i].capacity_level, level) == 0)
				as_item_form(&p, &as->items[i], open);
		html_close(h);
	}
	if (open) {
		page_submit(&p, "Save the ratings");
		html_close(h);
	}
	as_challenges(&p, as, open);
	page_end(&p);
	return 0;
}

/* GET /assessments/{id} */
static int as_show(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct assessment_full as;
	struct teampage t;
	if (as_load(rq, &as, &t, err))
		return -1;
	return as_page(rq, rs, &as, &t, NULL, err);
}

/* The assessment page again with why beside its field, or the request's error. */
static int as_refused(struct http_req *rq, struct http_resp *rs, const struct assessment_full *as,
		      const struct teampage *t, struct cn_err *why, struct cn_err *err)
{
	if (!page_refused(why)) {
		*err = *why;
		return -1;
	}
	return as_page(rq, rs, as, t, why, err);
}

/* Reads one level field: 0 when empty, else 1..4, or -1 with why naming the field. */
static int as_level_in(const struct form *f, const char *field, int64_t *out,
		       struct cn_err *why)
{
	const char *v = form_get(f, field);
	*out = 0;
	if (v == NULL || v[0] == '\0')
		return 0;
	if (v[1] != '\0' || v[0] < '1' || v[0] > '4')
		return cn_err_field(why, CN_ERR_INPUT, field, "choose a level from 1 to 4");
	*out = v[0] - '0';
	return 0;
}

/* Checks one indicator's posted rating: *given 0 when nothing was entered for it. */
static int as_rating_in(struct http_req *rq, const struct form *f,
			const struct assessment_item *it, struct assessment_rating_in *in,
			int *given, struct cn_err *why)
{
	const char *cf = as_field(rq, 'c', it->indicator_id);
	const char *tf = as_field(rq, 't', it->indicator_id);
	const char *ev = form_get(f, as_field(rq, 'e', it->indicator_id));
	memset(in, 0, sizeof(*in));
	in->priority = form_get(f, as_field(rq, 'p', it->indicator_id));
	in->evidence = ev != NULL && ev[0] != '\0' ? ev : NULL;
	if (as_level_in(f, cf, &in->current_level, why) ||
	    as_level_in(f, tf, &in->target_level, why))
		return -1;
	*given = in->current_level != 0 || in->target_level != 0 || in->evidence != NULL;
	if (*given && in->current_level == 0)
		return cn_err_field(why, CN_ERR_INPUT, cf,
				    "choose where the district is now for %s", it->code);
	if (*given && in->target_level == 0)
		return cn_err_field(why, CN_ERR_INPUT, tf,
				    "choose where the district wants to be for %s", it->code);
	return 0;
}

/* POST /assessments/{id}/ratings: every indicator given a level is rated, all or none
 * (assessment_rate_all). */
static int as_rate(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct assessment_full as;
	struct teampage t;
	struct form f;
	if (as_load_to_change(rq, &as, &t, &f, err))
		return -1;
	struct cn_err why = {0};
	struct assessment_rating_of *ratings =
	    arena_alloc(rq->a, sizeof(*ratings) * (as.count + 1));
	const struct assessment_item **of = arena_alloc(rq->a, sizeof(*of) * (as.count + 1));
	size_t n = 0;
	for (size_t i = 0; i < as.count; i++) {
		int given = 0;
		if (as_rating_in(rq, &f, &as.items[i], &ratings[n].in, &given, &why))
			return as_refused(rq, rs, &as, &t, &why, err);
		if (!given)
			continue;
		ratings[n].indicator_id = as.items[i].indicator_id;
		of[n++] = &as.items[i];
	}
	size_t failed = n;
	if (assessment_rate_all(rq->db, &rq->who, as.assessment->id, ratings, n, &failed, &why)) {
		/* The app names its fields; the form names them per indicator. */
		if (failed < n && why.field[0] != '\0') {
			char what = strcmp(why.field, "target_level") == 0 ? 't'
				    : strcmp(why.field, "evidence") == 0   ? 'e'
				    : strcmp(why.field, "priority") == 0   ? 'p'
									   : 'c';
			snprintf(why.field, sizeof(why.field), "%s",
				 as_field(rq, what, of[failed]->indicator_id));
		}
		return as_refused(rq, rs, &as, &t, &why, err);
	}
	page_redirect(rs, page_href(rq, "/assessments/%lld?done=rated", as.assessment->id));
	return 0;
}

/* POST /assessments/{id}/challenges (policy rule "challenge", asked with the new one) */
static int as_challenge_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct assessment_full as;
	struct teampage t;
	struct form f;
	if (as_load(rq, &as, &t, err) || page_form(rq, &f, err))
		return -1;
	struct rec *c = rec_new(rq->a, &challenge_entity);
	struct cn_err why = {0};
	if (rec_put_int(c, "assessment_id", as.assessment->id, err) ||
	    http_allow_record(rq, POLICY_CREATE, "challenge", c, err))
		return -1;
	if (page_fields(c, rq->a, &f, "", rq->route->body, PAGE_NEW, &why) ||
	    rec_create(rq->db, &rq->who, rq->a, c, &why))
		return as_refused(rq, rs, &as, &t, &why, err);
	page_redirect(rs,
		      page_href(rq, "/assessments/%lld?done=challenge#challenges", as.assessment->id));
	return 0;
}

/* POST /assessments/{id}/challenges/{cid}/remove (policy rule "challenge") */
static int as_challenge_remove(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct assessment_full as;
	struct teampage t;
	struct rec *c = NULL;
	int64_t cid;
	if (as_load(rq, &as, &t, err) || page_id(rq, "cid", &cid, err) ||
	    rec_get(rq->db, rq->a, &challenge_entity, cid, &c, err))
		return -1;
	if (rec_int(c, "assessment_id") != as.assessment->id)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "the assessment has no challenge %lld",
				  (long long)cid);
	if (http_allow_record(rq, POLICY_DELETE, "challenge", c, err))
		return -1;
	struct cn_err why = {0};
	if (assessment_challenge_remove(rq->db, &rq->who, cid, &why))
		return as_refused(rq, rs, &as, &t, &why, err);
	page_redirect(rs,
		      page_href(rq, "/assessments/%lld?done=challenge#challenges", as.assessment->id));
	return 0;
}

/* Sets the assessment's status (submit, open again). */
static int as_status(struct http_req *rq, struct http_resp *rs, const char *status,
		     struct cn_err *err)
{
	struct assessment_full as;
	struct teampage t;
	struct form f;
	if (as_load_to_change(rq, &as, &t, &f, err))
		return -1;
	struct rec *changes = rec_new(rq->a, &assessment_entity);
	struct cn_err why = {0};
	if (rec_set_text(changes, rq->a, "status", status, err))
		return -1;
	if (rec_update(rq->db, &rq->who, rq->a, as.assessment->id, page_form_version(&f), changes,
		       NULL, &why))
		return as_refused(rq, rs, &as, &t, &why, err);
	page_redirect(rs, page_href(rq, "/assessments/%lld?done=status", as.assessment->id));
	return 0;
}

static int as_submit(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return as_status(rq, rs, "submitted", err);
}

static int as_reopen(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	return as_status(rq, rs, "draft", err);
}

static const char *as_move_text(struct http_req *rq, int64_t current, int64_t target)
{
	if (current == 0)
		return "not rated";
	return arena_printf(rq->a, "%lld, aiming at %lld", (long long)current, (long long)target);
}

static void as_challenge_list(struct page *p, const char *heading,
			      const struct assessment_challenge *c, size_t n)
{
	struct html *h = &p->h;
	html_elem(h, "h3", heading, NULL);
	if (n == 0) {
		html_elem(h, "p", "None.", "class", "muted", NULL);
		return;
	}
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "li", NULL);
		html_text(h, c[i].description);
		html_textf(h, " (%s)", c[i].kind);
		html_close(h);
	}
	html_close(h);
}

/* GET /assessments/{id}/compare: what moved since the team's previous assessment. */
static int as_compare(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct assessment_full as;
	struct teampage t;
	if (as_load(rq, &as, &t, err))
		return -1;
	struct assessment_comparison c;
	memset(&c, 0, sizeof(c));
	struct cn_err why = {0};
	int found = assessment_compare(rq->db, rq->a, as.assessment->id, 0, &c, &why) == 0;
	if (!found && why.kind != CN_ERR_NOT_FOUND) {
		*err = why;
		return -1;
	}
	struct rec *before = NULL;
	if (found) {
		if (rec_get(rq->db, rq->a, &assessment_entity, c.before_id, &before, err))
			return -1;
		int can = http_can_read(rq, AS_RULE, before, err);
		if (can < 0)
			return -1;
		found = can;
	}
	struct page p;
	const char *title = arena_printf(rq->a, "What moved: %s, %s", t.district,
					 rec_text(as.assessment, "school_year"));
	page_begin(&p, rq, rs, title, PAGE_NAV_PLANS);
	struct html *h = &p.h;
	teampage_crumbs(&p, &t, "What moved");
	html_elem(h, "h1", title, NULL);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to the assessment", "href",
		  page_href(rq, "/assessments/%lld", as.assessment->id), NULL);
	html_close(h);
	if (!found) {
		html_elem(h, "p",
			  "The district has no earlier assessment to compare with (or none you "
			  "may read).",
			  "class", "muted", NULL);
		page_end(&p);
		return 0;
	}
	html_open(h, "p", NULL);
	html_textf(h, "Compared with %s: %zu indicators moved up, %zu down, %zu stayed; %zu "
		      "gaps closed.",
		   c.before_year, c.up, c.down, c.same, c.gaps_closed);
	html_close(h);
	static const char *const heads[] = {"Indicator", "Level",    "Before", "Now",
					    "Movement",	 "Gap then", "Gap now", NULL};
	page_table_begin(&p, arena_printf(rq->a, "Ratings in %s and %s", c.before_year, c.now_year),
			 1, heads, (1u << 5) | (1u << 6));
	for (size_t i = 0; i < c.nmoves; i++) {
		const struct assessment_move *m = &c.moves[i];
		html_open(h, "tr", NULL);
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "strong", m->code, NULL);
		html_text(h, " ");
		html_text(h, m->text);
		html_close(h);
		html_elem(h, "td", instrument_level_title(m->capacity_level), NULL);
		html_elem(h, "td", as_move_text(rq, m->before_current, m->before_target), NULL);
		html_elem(h, "td", as_move_text(rq, m->now_current, m->now_target), NULL);
		html_open(h, "td", NULL);
		html_elem(h, "span", page_humanize(rq, m->movement), "class",
			  strcmp(m->movement, "up") == 0	 ? "status-good"
			  : strcmp(m->movement, "down") == 0 ? "status-bad"
							     : "tag",
			  NULL);
		if (m->gap_closed)
			html_text(h, " (gap closed)");
		html_close(h);
		html_elem(h, "td", arena_printf(rq->a, "%lld", (long long)m->gap_before), "class",
			  "num", NULL);
		html_elem(h, "td", arena_printf(rq->a, "%lld", (long long)m->gap_now), "class",
			  "num", NULL);
		html_close(h);
	}
	page_table_end(&p);
	html_open(h, "section", "class", "card", "aria-labelledby", "moved-challenges", NULL);
	html_elem(h, "h2", "Challenges", "id", "moved-challenges", NULL);
	as_challenge_list(&p, "New this year", c.new_challenges, c.nnew);
	as_challenge_list(&p, "Continuing", c.continuing, c.ncontinuing);
	as_challenge_list(&p, "Resolved", c.resolved, c.nresolved);
	html_close(h);
	page_end(&p);
	return 0;
}

/* The assessment of the path, which the actor may do the route's verb on; one whose
 * challenges change, which the actor may read (the challenge's rule is asked with the
 * challenge). */
static const struct route_load as_assessment = {&assessment_entity, "id", NULL, NULL, 0};
static const struct route_load as_parent = {&assessment_entity, "id", NULL, NULL, 1};

static const struct route assessment_routes[] = {
    {"GET", "/teams/{id}/assessments", as_list, "team", POLICY_READ, NULL, 0,
     "a team's needs assessments", NULL, NULL, &teampage_team},
    {"POST", "/teams/{id}/assessments", as_start, AS_RULE, POLICY_CREATE, NULL, 0,
     "start a needs assessment", as_start_fields, NULL, &teampage_team},
    {"GET", "/assessments/{id}", as_show, AS_RULE, POLICY_READ, NULL, 0,
     "a needs assessment: ratings by capacity level, challenges", NULL, NULL, &as_assessment},
    {"POST", "/assessments/{id}/ratings", as_rate, AS_RULE, POLICY_UPDATE, NULL, 0,
     "rate the indicators", NULL, NULL, &as_assessment},
    {"POST", "/assessments/{id}/challenges", as_challenge_add, "challenge", POLICY_CREATE, NULL, 0,
     "add a challenge", as_challenge_fields, NULL, &as_parent},
    {"POST", "/assessments/{id}/challenges/{cid}/remove", as_challenge_remove, "challenge",
     POLICY_DELETE, NULL, 0, "remove a challenge", NULL, NULL, &as_parent},
    {"POST", "/assessments/{id}/submit", as_submit, AS_RULE, POLICY_UPDATE, NULL, 0,
     "submit the assessment", NULL, NULL, &as_assessment},
    {"POST", "/assessments/{id}/reopen", as_reopen, AS_RULE, POLICY_UPDATE, NULL, 0,
     "open a submitted assessment again", NULL, NULL, &as_assessment},
    {"GET", "/assessments/{id}/compare", as_compare, AS_RULE, POLICY_READ, NULL, 0,
     "what moved since the team's previous assessment", NULL, NULL, &as_assessment},
};

const struct web_routes web_routes_assessment = {
	assessment_routes, sizeof(assessment_routes) / sizeof(assessment_routes[0])};
