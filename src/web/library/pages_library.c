/* Folder web/library: library pages.
 *   pages_library.c       search, one item, try-outs
 *   pages_library_edit.c  adding and editing items
 */
/* pages_library: the library of strategies, resources, tools and research summaries:
 * ranked search with filters (a GET form, so results have an address), one item with
 * its Markdown body, its ESSA evidence tier explained, citations, labels, aligned
 * standards and what try-outs said, and recording one's own try-out. Items are read
 * by anyone signed in (policy rule "library_item"); try-outs by rule "tryout". Those
 * who keep items get links to add and edit them (pages_library_edit.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/library/library.h"
#include "app/network/network.h"
#include "app/delivery/tryout.h"
#include "http/allow.h"
#include "web/chart.h"
#include "web/network/materials.h"
#include "web/page.h"
#include "web/render.h"
#include "web/web.h"
#include "app/network/meeting.h"

enum { LIB_PAGE = 20, LIB_RECENT_TRYOUTS = 10, LIB_MEETINGS_MAX = 200 };

static const char *const lib_tier_labels[] = {"Tier 1: strong",	   "Tier 2: moderate",
					      "Tier 3: promising", "Tier 4: rationale",
					      "Not rated",	   NULL};
/* ESSA §8101(21)(A) and the Department of Education's 2016 guidance, in brief. */
static const char *const lib_tier_explained[] = {
    "Tier 1, strong evidence: at least one well-designed and well-carried-out experimental "
    "study (a randomized controlled trial) found a significant positive effect.",
    "Tier 2, moderate evidence: at least one well-designed and well-carried-out "
    "quasi-experimental study found a significant positive effect.",
    "Tier 3, promising evidence: at least one well-designed and well-carried-out "
    "correlational study, with statistical controls for selection bias, found a significant "
    "positive effect.",
    "Tier 4, demonstrates a rationale: a well-specified logic model, informed by research, "
    "says why it should work, and efforts to study its effects are under way.",
};
static const char *const lib_would_work[] = {"yes", "maybe", "no", NULL};
static const char *const lib_would_work_labels[] = {"Yes", "Maybe", "No", NULL};
static const char *const lib_ratings[] = {"1", "2", "3", "4", "5", NULL};
static const char *const lib_rating_labels[] = {"1: poorly", "2", "3", "4", "5: very well", NULL};

static const char *lib_kind_label(const char *kind)
{
	for (size_t i = 0; kind != NULL && library_kinds[i] != NULL; i++)
		if (strcmp(library_kinds[i], kind) == 0)
			return library_kind_labels[i];
	return kind;
}

/* "english_language_arts" -> "English language arts"; in a. */
static const char *lib_area_label(struct arena *a, const char *code)
{
	char *s = arena_strdup(a, code);
	for (char *c = s; *c; c++)
		if (*c == '_')
			*c = ' ';
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

static const char *lib_href(struct arena *a, int64_t id, const char *suffix)
{
	return arena_printf(a, "/library/%lld%s", (long long)id, suffix);
}

/* "Tier 2: moderate evidence" or "No evidence tier". */
static void lib_tier_tag(struct html *h, int tier)
{
	html_open(h, "span", "class", tier ? "tag tier" : "tag", NULL);
	if (tier >= 1 && tier <= 4)
		html_textf(h, "ESSA %s evidence", lib_tier_labels[tier - 1]);
	else
		html_text(h, "No evidence tier");
	html_close(h);
}

static void lib_tryout_line(struct html *h, const struct tryout_summary *s)
{
	if (s->count == 0) {
		html_text(h, "Not tried yet.");
		return;
	}
	html_textf(h,
		   "Tried %lld time%s, rated %.1f of 5 on average; would it work here? %lld yes, "
		   "%lld maybe, %lld no.",
		   (long long)s->count, s->count == 1 ? "" : "s", s->rating_avg, (long long)s->yes,
		   (long long)s->maybe, (long long)s->no);
}

static void lib_labels(struct html *h, struct arena *a, const struct library_links *l)
{
	for (size_t i = 0; i < l->nareas; i++)
		html_elem(h, "span", lib_area_label(a, l->areas[i]), "class", "tag", NULL);
	for (size_t i = 0; i < l->nbands; i++)
		html_elem(h, "span", library_band_label(l->bands[i]), "class", "tag", NULL);
	for (size_t i = 0; i < l->ntags; i++)
		html_elem(h, "span", arena_printf(a, "#%s", l->tags[i]), "class", "tag", NULL);
}

/* The search. */

struct lib_query {
	const char *q, *kind, *area, *band, *tier;
	int page;
};

static void lib_search_form(struct page *p, const struct lib_query *lq)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	const char **areas = arena_alloc(rq->a, sizeof(char *) * 32);
	size_t n = 0;
	for (; network_content_areas[n] != NULL && n < 31; n++)
		areas[n] = lib_area_label(rq->a, network_content_areas[n]);
	const char **bands = arena_alloc(rq->a, sizeof(char *) * 8);
	size_t b = 0;
	for (; library_grade_bands[b] != NULL && b < 7; b++)
		bands[b] = library_band_label(library_grade_bands[b]);
	html_open(h, "form", "method", "get", "action", "/library", "class", "stack", "role",
		  "search", NULL);
	page_input(p, "q", "Search the library", "search", lq->q,
		   "Words in titles, summaries, descriptions and citations", 0);
	html_open(h, "div", "class", "grid two", NULL);
	html_open(h, "div", NULL);
	page_select(p, "kind", "Kind", library_kinds, library_kind_labels, lq->kind, 0);
	page_select(p, "area", "Content area", network_content_areas, areas, lq->area, 0);
	html_close(h);
	html_open(h, "div", NULL);
	page_select(p, "band", "Grade band", library_grade_bands, bands, lq->band, 0);
	page_select(p, "tier", "ESSA evidence tier", library_tier_choices, lib_tier_labels,
		    lq->tier, 0);
	html_close(h);
	html_close(h);
	page_submit(p, "Search");
	html_close(h);
}

/* Reads the query into lq and f; a bad filter is set in why (its field named as in
 * the form). Returns 1 when there is something to search for. */
static int lib_read_query(struct http_req *rq, struct lib_query *lq, struct library_filter *f,
			  struct cn_err *why)
{
	memset(lq, 0, sizeof(*lq));
	memset(f, 0, sizeof(*f));
	lq->q = http_query(rq, "q");
	static const char *const names[] = {"kind", "area", "band", "tier"};
	const char **values[] = {&lq->kind, &lq->area, &lq->band, &lq->tier};
	int any = lq->q != NULL && lq->q[0] != '\0';
	for (size_t i = 0; i < 4; i++) {
		*values[i] = http_query(rq, names[i]);
		if (*values[i] == NULL || (*values[i])[0] == '\0')
			continue;
		any = 1;
		if (why->kind == CN_OK &&
		    library_filter_set(f, rq->a, names[i], *values[i], why) != 0)
			snprintf(why->field, sizeof(why->field), "%s", names[i]);
	}
	if (lq->q != NULL && strlen(lq->q) > LIBRARY_QUERY_MAX && why->kind == CN_OK)
		cn_err_field(why, CN_ERR_INPUT, "q", "Search for at most %d characters.",
			     LIBRARY_QUERY_MAX);
	int64_t page = 0;
	if (page_query_id(rq, "page", &page, why) < 0 || page > 1000)
		page = 1;
	lq->page = page ? (int)page : 1;
	return any;
}

static void lib_hit(struct page *p, const struct library_hit *hit, const struct library_view *v)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	html_open(h, "li", "class", "card", NULL);
	html_open(h, "h3", NULL);
	html_elem(h, "a", hit->title, "href", lib_href(rq->a, hit->id, ""), NULL);
	html_close(h);
	html_open(h, "p", NULL);
	html_elem(h, "span", lib_kind_label(hit->kind), "class", "tag", NULL);
	lib_tier_tag(h, hit->tier);
	if (v != NULL)
		lib_labels(h, rq->a, &v->links);
	html_close(h);
	if (hit->summary != NULL)
		html_elem(h, "p", hit->summary, NULL);
	if (hit->nmatched > 0) {
		html_open(h, "p", "class", "muted", NULL);
		html_text(h, "Matches: ");
		for (size_t i = 0; i < hit->nmatched; i++) {
			if (i)
				html_text(h, ", ");
			html_text(h, hit->matched[i]);
		}
		html_close(h);
	}
	html_open(h, "p", "class", "muted", NULL);
	lib_tryout_line(h, &hit->tryouts);
	html_close(h);
	html_close(h);
}

/* The address of results page n of this search. */
static const char *lib_page_href(struct http_req *rq, const struct lib_query *lq, int n)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "/library?page=%d", n);
	const char *names[] = {"q", "kind", "area", "band", "tier"};
	const char *values[] = {lq->q, lq->kind, lq->area, lq->band, lq->tier};
	for (size_t i = 0; i < 5; i++) {
		if (values[i] == NULL || values[i][0] == '\0')
			continue;
		buf_printf(&b, "&%s=", names[i]);
		for (const unsigned char *c = (const unsigned char *)values[i]; *c; c++) {
			if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			    (*c >= '0' && *c <= '9') || strchr("-_.", *c))
				buf_putc(&b, (char)*c);
			else
				buf_printf(&b, "%%%02X", *c);
		}
	}
	char *out = arena_strdup(rq->a, buf_str(&b));
	buf_free(&b);
	return out;
}

static int lib_results(struct page *p, const struct lib_query *lq, const struct library_filter *f,
		       struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	struct library_results r;
	struct cn_err why = {0};
	if (library_search(rq->db, rq->a, lq->q ? lq->q : "", f, LIB_PAGE + 1,
			   (lq->page - 1) * LIB_PAGE, &r, &why)) {
		if (why.kind != CN_ERR_INPUT) {
			*err = why;
			return -1;
		}
		html_elem(h, "p", why.msg, "class", "field-error", NULL);
		return 0;
	}
	html_open(h, "section", "aria-labelledby", "results", NULL);
	html_open(h, "h2", "id", "results", NULL);
	size_t shown = r.count > LIB_PAGE ? LIB_PAGE : r.count;
	if (r.count == 0)
		html_text(h, "Nothing found");
	else
		html_textf(h, "Results %zu-%zu", (size_t)(lq->page - 1) * LIB_PAGE + 1,
			   (size_t)(lq->page - 1) * LIB_PAGE + shown);
	html_close(h);
	html_open(h, "ol", "class", "results", NULL);
	for (size_t i = 0; i < shown; i++) {
		struct library_view v;
		if (library_get(rq->db, rq->a, r.hits[i].id, 0, &v, err))
			return -1;
		int can = http_can_read(rq, "library_item", v.item, err);
		if (can < 0)
			return -1;
		if (can)
			lib_hit(p, &r.hits[i], &v);
	}
	html_close(h);
	if (lq->page > 1 || r.count > LIB_PAGE)
		html_open(h, "p", NULL);
	if (lq->page > 1)
		html_elem(h, "a", "Previous results", "href", lib_page_href(rq, lq, lq->page - 1),
			  "rel", "prev", NULL);
	if (r.count > LIB_PAGE) {
		if (lq->page > 1)
			html_text(h, " - ");
		html_elem(h, "a", "More results", "href", lib_page_href(rq, lq, lq->page + 1),
			  "rel", "next", NULL);
	}
	if (lq->page > 1 || r.count > LIB_PAGE)
		html_close(h);
	html_close(h);
	return 0;
}

/* GET /library?q=&kind=&area=&band=&tier=&page= */
static int lib_index(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_READ, "library_item", err))
		return -1;
	struct lib_query lq;
	struct library_filter f;
	struct cn_err why = {0};
	int asked = lib_read_query(rq, &lq, &f, &why);
	struct page p;
	page_begin(&p, rq, rs, "Library", PAGE_NAV_LIBRARY);
	struct html *h = &p.h;
	page_show_error(&p, &why);
	html_elem(h, "h1", "Library", NULL);
	html_elem(h, "p",
		  "Strategies, resources, tools and research summaries, with the evidence "
		  "behind them and what teams found when they tried them.",
		  "class", "muted", NULL);
	struct policy_scope anywhere = {0};
	int may_add = http_may_scope(rq, POLICY_CREATE, "library_item", &anywhere, err);
	struct rec_list mine;
	if (may_add < 0 || page_my_networks(rq, &mine, err))
		return -1;
	for (size_t i = 0; !may_add && i < mine.count; i++) {
		struct policy_scope s = {.network_id = mine.items[i]->id};
		if ((may_add = http_may_scope(rq, POLICY_CREATE, "library_item", &s, err)) < 0)
			return -1;
	}
	if (may_add) {
		html_open(h, "p", NULL);
		html_elem(h, "a", "Add a library item", "href", "/library/new", "class", "button",
			  NULL);
		html_close(h);
	}
	page_errors(&p);
	lib_search_form(&p, &lq);
	if (why.kind == CN_OK && asked && lib_results(&p, &lq, &f, err))
		return -1;
	if (!asked) {
		struct rec_query q = {.limit = LIB_PAGE};
		struct rec_list items;
		if (rec_list(rq->db, rq->a, &library_item_entity, &q, &items, err))
			return -1;
		html_elem(h, "h2", "In the library", "id", "browse", NULL);
		if (items.count == 0)
			html_elem(h, "p", "The library is empty so far.", "class", "muted", NULL);
		html_open(h, "ul", NULL);
		for (size_t i = 0; i < items.count; i++) {
			int can = http_can_read(rq, "library_item", items.items[i], err);
			if (can < 0)
				return -1;
			if (!can)
				continue;
			html_open(h, "li", NULL);
			html_elem(h, "a", rec_text(items.items[i], "title"), "href",
				  lib_href(rq->a, items.items[i]->id, ""), NULL);
			html_text(h, " ");
			html_elem(h, "span", lib_kind_label(rec_text(items.items[i], "kind")),
				  "class", "tag", NULL);
			html_close(h);
		}
		html_close(h);
	}
	page_end(&p);
	return 0;
}

/* One item. */

/* Meetings of the person's networks, for the try-out form: choices and labels,
 * NULL-terminated, in rq->a. */
static int lib_meetings(struct http_req *rq, const char ***ids, const char ***labels,
			struct cn_err *err)
{
	char me[24];
	snprintf(me, sizeof(me), "%lld", (long long)rq->who.person_id);
	struct rec_query nq = {.filter = {NULL, NULL, NULL, me}, .limit = 50};
	struct rec_list networks;
	if (rec_list(rq->db, rq->a, &network_entity, &nq, &networks, err))
		return -1;
	*ids = arena_alloc(rq->a, sizeof(char *) * (LIB_MEETINGS_MAX + 1));
	*labels = arena_alloc(rq->a, sizeof(char *) * (LIB_MEETINGS_MAX + 1));
	size_t n = 0;
	for (size_t i = 0; i < networks.count && n < LIB_MEETINGS_MAX; i++) {
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)networks.items[i]->id);
		struct rec_query q = {.filter = {id}, .limit = 50};
		struct rec_list meetings;
		if (rec_list(rq->db, rq->a, &meeting_entity, &q, &meetings, err))
			return -1;
		for (size_t k = 0; k < meetings.count && n < LIB_MEETINGS_MAX; k++, n++) {
			(*ids)[n] = arena_printf(rq->a, "%lld", (long long)meetings.items[k]->id);
			(*labels)[n] =
			    arena_printf(rq->a, "%s (%.10s)", rec_text(meetings.items[k], "title"),
					 rec_text(meetings.items[k], "starts_at"));
		}
	}
	return 0;
}

static void lib_facts(struct page *p, const struct library_view *v)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	const struct rec *it = v->item;
	html_open(h, "dl", "class", "facts", NULL);
	html_elem(h, "dt", "Kind", NULL);
	html_elem(h, "dd", lib_kind_label(rec_text(it, "kind")), NULL);
	html_elem(h, "dt", "Library", NULL);
	const char *net = NULL;
	struct rec *n = NULL;
	struct cn_err ignored = {0};
	if (rec_int(it, "network_id") &&
	    rec_get(rq->db, rq->a, &network_entity, rec_int(it, "network_id"), &n, &ignored) == 0)
		net = rec_text(n, "name");
	html_elem(h, "dd", net ? net : "Statewide", NULL);
	if (v->links.nareas + v->links.nbands + v->links.ntags > 0) {
		html_elem(h, "dt", "Areas, grades and tags", NULL);
		html_open(h, "dd", NULL);
		lib_labels(h, rq->a, &v->links);
		html_close(h);
	}
	if (rec_text(it, "license") != NULL) {
		html_elem(h, "dt", "License", NULL);
		html_elem(h, "dd", rec_text(it, "license"), NULL);
	}
	const char *url = rec_text(it, "url");
	if (url != NULL) {
		html_elem(h, "dt", "Original", NULL);
		html_open(h, "dd", NULL);
		html_elem(h, "a", url, "href", url, "rel", "noopener", NULL);
		html_close(h);
	}
	html_close(h);
}

static void lib_evidence(struct page *p, const struct library_view *v)
{
	struct html *h = &p->h;
	int tier =
	    rec_is_null(v->item, "evidence_tier") ? 0 : (int)rec_int(v->item, "evidence_tier");
	html_open(h, "section", "class", "card", "aria-labelledby", "evidence", NULL);
	html_elem(h, "h2", "Evidence", "id", "evidence", NULL);
	html_open(h, "p", NULL);
	lib_tier_tag(h, tier);
	html_close(h);
	if (tier >= 1 && tier <= 4)
		html_elem(h, "p", lib_tier_explained[tier - 1], NULL);
	else
		html_elem(h, "p",
			  "No ESSA evidence tier has been given. Look at the citations, and treat "
			  "it as an idea to try and study.",
			  NULL);
	html_elem(h, "p",
		  "ESSA's four tiers run from 1, strong evidence from a randomized controlled "
		  "trial, to 4, a research-based rationale still being studied.",
		  "class", "muted", NULL);
	html_close(h);
	const struct library_links *l = &v->links;
	html_elem(h, "h2", "Citations", "id", "citations", NULL);
	if (l->ncitations == 0)
		html_elem(h, "p", "None.", "class", "muted", NULL);
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < l->ncitations; i++) {
		html_open(h, "li", NULL);
		html_text(h, l->citations[i].text);
		if (l->citations[i].url != NULL) {
			html_text(h, " ");
			html_elem(h, "a", l->citations[i].url, "href", l->citations[i].url, "rel",
				  "noopener", NULL);
		}
		html_close(h);
	}
	html_close(h);
}

static void lib_standards(struct page *p, const struct library_view *v)
{
	struct html *h = &p->h;
	html_elem(h, "h2", "Aligned standards", "id", "standards", NULL);
	if (v->links.nalignments == 0) {
		html_elem(h, "p", "None.", "class", "muted", NULL);
		return;
	}
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < v->links.nalignments; i++) {
		const struct library_alignment *al = &v->alignments[i];
		html_open(h, "li", NULL);
		html_elem(
		    h, "a", al->code ? al->code : al->statement, "href",
		    arena_printf(p->rq->a, "/standards/items/%lld", (long long)al->cf_item_id),
		    NULL);
		if (al->code != NULL) {
			html_text(h, " ");
			html_text(h, al->statement);
		}
		html_elem(h, "span", arena_printf(p->rq->a, " (%s)", al->framework), "class",
			  "muted", NULL);
		html_close(h);
	}
	html_close(h);
}

static int lib_tryouts(struct page *p, const struct library_view *v, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	const struct tryout_summary *s = &v->tryouts;
	html_elem(h, "h2", "Try-outs", "id", "tryouts", NULL);
	html_open(h, "p", NULL);
	lib_tryout_line(h, s);
	html_close(h);
	if (s->count > 0) {
		struct chart_bar bars[5];
		for (int i = 0; i < 5; i++)
			bars[i] = (struct chart_bar){
			    arena_printf(rq->a, "Rated %d", i + 1), (double)s->ratings[i],
			    arena_printf(rq->a, "%lld", (long long)s->ratings[i])};
		chart_bars(h, "ratings", "How try-outs rated it", bars, 5, (double)s->count);
		chart_table(h, "Ratings of the try-outs", "Rating", "Try-outs", bars, 5);
	}
	if (s->ndistricts > 0) {
		html_elem(h, "h3", "Districts that tried it", NULL);
		html_open(h, "ul", NULL);
		for (size_t i = 0; i < s->ndistricts; i++) {
			html_open(h, "li", NULL);
			html_textf(h, "%s: %lld %s", s->districts[i].name,
				   (long long)s->districts[i].people,
				   s->districts[i].people == 1 ? "person" : "people");
			html_close(h);
		}
		html_close(h);
	}
	/* The counts above are the network's to see; each try-out itself (its note) only
	 * for those the policy lets read it (rule "tryout"). */
	struct rec_list list;
	if (tryout_list(rq->db, rq->a, v->item->id, &list, err))
		return -1;
	size_t nshown = 0;
	const struct rec **shown = arena_alloc(rq->a, sizeof(*shown) * LIB_RECENT_TRYOUTS);
	for (size_t i = list.count; i-- > 0 && nshown < LIB_RECENT_TRYOUTS;) {
		int may = http_may_record(rq, POLICY_READ, "tryout", list.items[i], err);
		if (may < 0)
			return -1;
		if (may)
			shown[nshown++] = list.items[i];
	}
	if (nshown > 0) {
		html_elem(h, "h3", "Recent try-outs", NULL);
		html_open(h, "ul", "class", "tryouts", NULL);
		for (size_t i = 0; i < nshown; i++) {
			const struct rec *t = shown[i];
			html_open(h, "li", NULL);
			html_textf(h, "%.10s: rated %lld of 5; would it work here? %s",
				   t->created_at, (long long)rec_int(t, "rating"),
				   rec_text(t, "would_work"));
			if (rec_text(t, "note") != NULL) {
				html_text(h, ". ");
				html_text(h, rec_text(t, "note"));
			}
			html_close(h);
		}
		html_close(h);
	}
	return 0;
}

static int lib_tryout_form(struct page *p, const struct library_view *v, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	struct rec *probe = rec_new(rq->a, &tryout_entity);
	if (rec_put_int(probe, "item_id", v->item->id, err) ||
	    rec_put_int(probe, "person_id", rq->who.person_id, err))
		return -1;
	struct cn_err denied = {0};
	if (policy_check(rq->policy, POLICY_CREATE, "tryout", probe, &denied) != 0)
		return 0;
	const char **meetings, **labels;
	if (lib_meetings(rq, &meetings, &labels, err))
		return -1;
	html_open(h, "section", "class", "card", "aria-labelledby", "tryout-form", NULL);
	html_elem(h, "h2", "You tried it? Say how it went", "id", "tryout-form", NULL);
	page_errors(p);
	page_form_begin(p, lib_href(rq->a, v->item->id, "/tryouts"), NULL);
	page_radios(p, "rating", "How did it go?", lib_ratings, lib_rating_labels, NULL, 1);
	page_radios(p, "would_work", "Would it work in your district?", lib_would_work,
		    lib_would_work_labels, NULL, 1);
	if (meetings[0] != NULL)
		page_select(p, "meeting_id", "At which meeting (optional)", meetings, labels, NULL,
			    0);
	page_textarea(p, "note", "What you noticed", NULL, NULL, 0, NULL);
	page_submit(p, "Save try-out");
	html_close(h);
	html_close(h);
	return 0;
}

static int lib_item_page(struct page *p, const struct library_view *v, struct cn_err *err)
{
	struct http_req *rq = p->rq;
	struct html *h = &p->h;
	const char *title = rec_text(v->item, "title");
	page_crumbs(p, "Library", "/library", title, NULL, NULL);
	html_elem(h, "h1", title, NULL);
	const char *done = http_query(rq, "done");
	if (done != NULL && strcmp(done, "tried") == 0)
		page_notice(p, "Your try-out was saved. Thank you.");
	else if (done != NULL && strcmp(done, "added") == 0)
		page_notice(p, "The item was added to the library.");
	else if (done != NULL && strcmp(done, "saved") == 0)
		page_notice(p, "Your changes were saved.");
	struct policy_scope scope = {.network_id = rec_int(v->item, "network_id")};
	int may_edit = http_may_scope(rq, POLICY_UPDATE, "library_item", &scope, err);
	if (may_edit < 0)
		return -1;
	if (may_edit) {
		html_open(h, "p", NULL);
		html_elem(h, "a", "Edit this item", "href", lib_href(rq->a, v->item->id, "/edit"),
			  "class", "button secondary", NULL);
		html_close(h);
	}
	if (rec_text(v->item, "summary") != NULL)
		html_elem(h, "p", rec_text(v->item, "summary"), "class", "lead", NULL);
	lib_facts(p, v);
	html_elem(h, "h2", "Description", "id", "description", NULL);
	const char *body = rec_text(v->item, "body");
	if (body == NULL || body[0] == '\0') {
		html_elem(h, "p", "No description yet.", "class", "muted", NULL);
	} else {
		render_markdown(h, rq->a, body, strlen(body));
	}
	lib_evidence(p, v);
	lib_standards(p, v);
	if (lib_tryouts(p, v, err) || lib_tryout_form(p, v, err) ||
	    materials_card(p, "library_item", v->item->id, err))
		return -1;
	return 0;
}

static int lib_load(struct http_req *rq, struct library_view *v, struct cn_err *err)
{
	int64_t id;
	if (page_id(rq, "id", &id, err) || library_get(rq->db, rq->a, id, 0, v, err))
		return -1;
	return http_allow_record(rq, POLICY_READ, "library_item", v->item, err);
}

/* GET /library/{id} */
static int lib_item(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct library_view v;
	if (lib_load(rq, &v, err))
		return -1;
	struct page p;
	page_begin(&p, rq, rs, rec_text(v.item, "title"), PAGE_NAV_LIBRARY);
	if (lib_item_page(&p, &v, err))
		return -1;
	page_end(&p);
	return 0;
}

static const struct route_field lib_tryout_fields[] = {
	{.name = "rating"}, {.name = "would_work"}, {.name = "note"}, {.name = "meeting_id"},
	{.name = NULL},
};

/* POST /library/{id}/tryouts */
static int lib_tryout_add(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct library_view v;
	struct form f;
	struct rec *t = rec_new(rq->a, &tryout_entity);
	if (lib_load(rq, &v, err) || rec_put_int(t, "item_id", v.item->id, err) ||
	    rec_put_int(t, "person_id", rq->who.person_id, err) ||
	    http_allow_record(rq, POLICY_CREATE, "tryout", t, err) || page_form(rq, &f, err))
		return -1;
	struct cn_err why = {0};
	const char *meeting = form_get(&f, "meeting_id");
	const char **meetings, **labels;
	if (lib_meetings(rq, &meetings, &labels, err))
		return -1;
	int meeting_ok = meeting == NULL || meeting[0] == '\0';
	for (size_t i = 0; !meeting_ok && meetings[i] != NULL; i++)
		meeting_ok = strcmp(meetings[i], meeting) == 0;
	const char *rating = form_get(&f, "rating"), *would = form_get(&f, "would_work");
	if (rating == NULL || rating[0] == '\0')
		cn_err_field(&why, CN_ERR_INPUT, "rating", "Choose how it went, 1 to 5.");
	else if (would == NULL || would[0] == '\0')
		cn_err_field(&why, CN_ERR_INPUT, "would_work", "Choose yes, maybe or no.");
	else if (!meeting_ok)
		cn_err_field(&why, CN_ERR_INPUT, "meeting_id", "Choose one of your meetings.");
	else if (page_fields(t, rq->a, &f, "", rq->route->body, PAGE_NEW, &why) == 0 &&
		 rec_create(rq->db, &rq->who, rq->a, t, &why) == 0) {
		page_redirect(rs, lib_href(rq->a, v.item->id, "?done=tried#tryouts"));
		return 0;
	}
	if (why.kind != CN_ERR_INPUT && why.kind != CN_ERR_CONFLICT) {
		*err = why;
		return -1;
	}
	struct page p;
	page_begin(&p, rq, rs, rec_text(v.item, "title"), PAGE_NAV_LIBRARY);
	page_show_error(&p, &why);
	if (lib_item_page(&p, &v, err))
		return -1;
	page_end(&p);
	return 0;
}

static const struct route lib_routes[] = {
    {"GET", "/library", lib_index, "library_item", POLICY_READ, NULL, 0, "search the library", NULL,
     NULL},
    {"GET", "/library/{id}", lib_item, "library_item", POLICY_READ, NULL, 0,
     "one library item with its evidence and try-outs", NULL, NULL},
    {"POST", "/library/{id}/tryouts", lib_tryout_add, "tryout", POLICY_CREATE, NULL, 0,
     "record a try-out", lib_tryout_fields, NULL},
};

const struct web_routes web_routes_library = {lib_routes,
					      sizeof(lib_routes) / sizeof(lib_routes[0])};
