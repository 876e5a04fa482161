/* library: searching the library and recommendations for a passage of text (policy
 * rule "library_item": anyone signed in reads the library). The items themselves and
 * their try-outs are declared entities served by entity.c; the ranking, the filters
 * and the reasons are app/library/library.h's. */
#include <string.h>

#include "api/resource.h"
#include "app/library/library.h"

enum { LIBRARY_API_DEFAULT = 20 };

/* The filters of the query into f: each names its parameter when its value is wrong. */
static int lib_filters(struct http_req *rq, struct library_filter *f, struct cn_err *err)
{
	static const char *const names[] = {"kind", "content_area", "grade_band", "tag",
					    "tier", "min_tier",	    "network_id", NULL};
	memset(f, 0, sizeof(*f));
	for (size_t i = 0; names[i] != NULL; i++) {
		const char *v = http_query(rq, names[i]);
		if (v != NULL && v[0] != '\0' && library_filter_set(f, rq->a, names[i], v, err))
			return -1;
	}
	return 0;
}

/* The filters given, as the answer echoes them (null when not given). */
static void lib_filters_json(struct http_req *rq, struct jw *w)
{
	static const char *const names[] = {"kind", "content_area", "grade_band", "tag",
					    "tier", "min_tier",	    "network_id", NULL};
	jw_key(w, "filters");
	jw_obj_begin(w);
	for (size_t i = 0; names[i] != NULL; i++) {
		const char *v = http_query(rq, names[i]);
		jw_kv_str(w, names[i], v != NULL && v[0] != '\0' ? v : NULL);
	}
	jw_obj_end(w);
}

/* How the hits of this answer spread over kinds and evidence tiers. */
static void lib_facets_json(struct jw *w, const struct library_results *r)
{
	jw_key(w, "facets");
	jw_obj_begin(w);
	jw_key(w, "kind");
	jw_obj_begin(w);
	for (size_t k = 0; library_kinds[k] != NULL; k++) {
		int64_t n = 0;
		for (size_t i = 0; i < r->count; i++)
			n += r->hits[i].kind != NULL &&
			     strcmp(r->hits[i].kind, library_kinds[k]) == 0;
		jw_kv_int(w, library_kinds[k], n);
	}
	jw_obj_end(w);
	jw_key(w, "evidence_tier");
	jw_obj_begin(w);
	static const char *const tiers[] = {"none", "1", "2", "3", "4"};
	for (int t = 0; t <= 4; t++) {
		int64_t n = 0;
		for (size_t i = 0; i < r->count; i++)
			n += r->hits[i].tier == t;
		jw_kv_int(w, tiers[t], n);
	}
	jw_obj_end(w);
	jw_obj_end(w);
}

/* The answer: the results as library_results_json writes them, with the filters and
 * facets beside them. */
static void lib_answer(struct http_req *rq, struct http_resp *rs, const struct library_results *r)
{
	struct buf inner = BUF_INIT;
	struct jw iw;
	jw_init(&iw, &inner);
	library_results_json(&iw, r);
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_key(&w, "results");
	jw_raw_trusted(&w, inner.data, inner.len);
	lib_filters_json(rq, &w);
	lib_facets_json(&w, r);
	jw_obj_end(&w);
	buf_free(&inner);
}

/* GET /api/v1/library/search?q=WORDS&kind=&content_area=&grade_band=&tier=... */
static int lib_search(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct library_filter f;
	int64_t limit = LIBRARY_API_DEFAULT, offset = 0;
	const char *words = http_query(rq, "q");
	struct library_results r;
	if (http_allow_any(rq, POLICY_READ, "library_item", err) || lib_filters(rq, &f, err) ||
	    api_query_int(rq, "limit", 1, LIBRARY_RESULTS_MAX, &limit, err) < 0 ||
	    api_query_int(rq, "offset", 0, 100000, &offset, err) < 0 ||
	    library_search(rq->db, rq->a, words != NULL ? words : "", &f, (int)limit, (int)offset,
			   &r, err))
		return -1;
	lib_answer(rq, rs, &r);
	return 0;
}

/* GET /api/v1/library/recommend?text=PASSAGE[&filters] */
static int lib_recommend(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct library_filter f;
	int64_t limit = LIBRARY_API_DEFAULT;
	const char *text = http_query(rq, "text");
	struct library_results r;
	if (http_allow_any(rq, POLICY_READ, "library_item", err) || lib_filters(rq, &f, err) ||
	    api_query_int(rq, "limit", 1, LIBRARY_RESULTS_MAX, &limit, err) < 0)
		return -1;
	if (text == NULL || text[0] == '\0')
		return cn_err_field(err, CN_ERR_INPUT, "text",
				    "is required: the goal, need or challenge to find items for");
	if (library_recommend(rq->db, rq->a, text, &f, (int)limit, &r, err))
		return -1;
	lib_answer(rq, rs, &r);
	return 0;
}

/* The filters of both routes, as lib_filters reads them, and limit. */
#define LIB_FIELD(name, type, choices, help)                                                       \
	{                                                                                          \
		name, type, 0, choices, help                                                       \
	}
#define LIB_FILTER_FIELDS                                                                          \
	LIB_FIELD("kind", "string", library_kinds, "items of this kind"),                          \
	    LIB_FIELD("content_area", "string", NULL,                                              \
		      "items for this content area, e.g. mathematics"),                            \
	    LIB_FIELD("grade_band", "string", NULL,                                                \
		      "items for this grade band: K-2, 3-5, 6-8, 9-12, adult"),                    \
	    LIB_FIELD("tag", "string", NULL, "items with this tag"),                               \
	    LIB_FIELD("tier", "string", library_tier_choices,                                      \
		      "items of exactly this ESSA evidence tier"),                                 \
	    LIB_FIELD("min_tier", "integer", NULL, "items of this tier or stronger (1-4)"),        \
	    LIB_FIELD("network_id", "string", NULL,                                                \
		      "items of this network (an id), or statewide"),                              \
	    LIB_FIELD("limit", "integer", NULL, "at most this many (default 20, at most 100)")

static const struct route_field search_query[] = {
    {"q", "string", 0, NULL, "words (the last may be the start of a word)"},
    LIB_FILTER_FIELDS,
    {"offset", "integer", 0, NULL, "skip this many"},
    {NULL, NULL, 0, NULL, NULL},
};
static const struct route_field recommend_query[] = {
    {"text", "string", 1, NULL, "a goal, need or challenge, up to 20,000 bytes"},
    LIB_FILTER_FIELDS,
    {NULL, NULL, 0, NULL, NULL},
};

static const struct route library_routes[] = {
    {"GET", "/api/v1/library/search", lib_search, "library_item", POLICY_READ, NULL, 0,
     "Ranked full-text search of the library with filters; the words each hit matched, "
     "and how the hits spread over kinds and evidence tiers",
     NULL, search_query},
    {"GET", "/api/v1/library/recommend", lib_recommend, "library_item", POLICY_READ, NULL, 0,
     "Library items for a passage of text, best first, each with the reason", NULL,
     recommend_query},
};

size_t api_library_routes(const struct route **out)
{
	*out = library_routes;
	return sizeof(library_routes) / sizeof(library_routes[0]);
}
