/* library: searching the library and recommendations for a passage of text (policy
 * rule "library_item": anyone signed in reads the library). The items themselves and
 * their try-outs are declared entities served by entity.c; the ranking, the filters
 * and the reasons are app/library/library.h's. */
#include <string.h>

#include <jansson.h>

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

/* Items: everything beside an item's fields (the CLI's `library show` and the options
 * --tag, --area, --band, --citation and --align of `library add|update`). */

static int lib_view_answer(struct http_req *rq, struct http_resp *rs, int64_t id,
			   struct cn_err *err)
{
	struct library_view v;
	if (library_get(rq->db, rq->a, id, 0, &v, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	api_etag(rq, rs, v.item);
	library_view_json(&w, &v);
	return 0;
}

/* GET /api/v1/library-items/{id}/view */
static int lib_view(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *item = NULL;
	if (api_load(rq, &library_item_entity, "id", POLICY_READ, &item, err))
		return -1;
	return lib_view_answer(rq, rs, item->id, err);
}

/* The strings of body member name into *list (arena a); absent: 0, else the part is set. */
static int lib_strings(struct arena *a, json_t *body, const char *name, const char ***list,
		       size_t *n, struct cn_err *err)
{
	json_t *arr = json_object_get(body, name);
	if (arr == NULL)
		return 0;
	if (!json_is_array(arr))
		return cn_err_field(err, CN_ERR_INPUT, name, "must be an array of strings");
	*n = json_array_size(arr);
	*list = arena_alloc(a, sizeof(char *) * (*n + 1));
	for (size_t i = 0; i < *n; i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_string(v))
			return cn_err_field(err, CN_ERR_INPUT, name, "item %zu is not a string",
					    i + 1);
		(*list)[i] = arena_strdup(a, json_string_value(v));
	}
	return 1;
}

/* The parts of links the body gives (every member optional; a part given replaces). */
static int lib_links_from_json(struct arena *a, json_t *body, struct library_links *l,
			       struct cn_err *err)
{
	static const char *const known[] = {"tags",	 "content_areas", "grade_bands",
					    "citations", "alignments",	  NULL};
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v)
	{
		size_t k = 0;
		while (known[k] != NULL && strcmp(known[k], key) != 0)
			k++;
		if (known[k] == NULL)
			return cn_err_field(err, CN_ERR_INPUT, key,
					    "is not a part of an item's links (tags, content_areas, "
					    "grade_bands, citations, alignments)");
	}
	memset(l, 0, sizeof(*l));
	int r;
	if ((r = lib_strings(a, body, "tags", &l->tags, &l->ntags, err)) < 0)
		return -1;
	l->set |= r ? LIBRARY_SET_TAGS : 0;
	if ((r = lib_strings(a, body, "content_areas", &l->areas, &l->nareas, err)) < 0)
		return -1;
	l->set |= r ? LIBRARY_SET_AREAS : 0;
	if ((r = lib_strings(a, body, "grade_bands", &l->bands, &l->nbands, err)) < 0)
		return -1;
	l->set |= r ? LIBRARY_SET_BANDS : 0;
	json_t *arr = json_object_get(body, "citations");
	if (arr != NULL) {
		if (!json_is_array(arr))
			return cn_err_field(err, CN_ERR_INPUT, "citations",
					    "must be an array of {\"text\", \"url\"}");
		l->set |= LIBRARY_SET_CITATIONS;
		l->ncitations = json_array_size(arr);
		l->citations = arena_alloc(a, sizeof(*l->citations) * (l->ncitations + 1));
		for (size_t i = 0; i < l->ncitations; i++) {
			json_t *c = json_array_get(arr, i);
			json_t *text = json_object_get(c, "text"), *url = json_object_get(c, "url");
			if (!json_is_string(text) || (url != NULL && !json_is_null(url) &&
						      !json_is_string(url)))
				return cn_err_field(err, CN_ERR_INPUT, "citations",
						    "citation %zu needs a text (and may have a url)",
						    i + 1);
			l->citations[i].text = arena_strdup(a, json_string_value(text));
			l->citations[i].url =
			    json_is_string(url) ? arena_strdup(a, json_string_value(url)) : NULL;
		}
	}
	arr = json_object_get(body, "alignments");
	if (arr != NULL) {
		if (!json_is_array(arr))
			return cn_err_field(err, CN_ERR_INPUT, "alignments",
					    "must be an array of standards' ids");
		l->set |= LIBRARY_SET_ALIGNMENTS;
		l->nalignments = json_array_size(arr);
		l->alignments = arena_alloc(a, sizeof(int64_t) * (l->nalignments + 1));
		for (size_t i = 0; i < l->nalignments; i++) {
			json_t *id = json_array_get(arr, i);
			if (!json_is_integer(id) || json_integer_value(id) < 1)
				return cn_err_field(err, CN_ERR_INPUT, "alignments",
						    "item %zu is not a standard's id", i + 1);
			l->alignments[i] = json_integer_value(id);
		}
	}
	return 0;
}

/* PUT /api/v1/library-items/{id}/links [If-Match]: the parts given replace the old. */
static int lib_links_put(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct rec *item = NULL;
	int64_t expected = 0;
	json_t *body = NULL;
	struct library_links l;
	if (api_load(rq, &library_item_entity, "id", POLICY_UPDATE, &item, err) ||
	    (http_header(rq, "If-Match") != NULL && api_if_match(rq, item, &expected, err)) ||
	    api_body(rq, &body, err))
		return -1;
	int rc = lib_links_from_json(rq->a, body, &l, err);
	json_decref(body);
	if (rc || library_update(rq->db, &rq->who, rq->a, item->id, expected, NULL, &l, NULL, err))
		return -1;
	return lib_view_answer(rq, rs, item->id, err);
}

static const struct route_field links_body[] = {
    {"tags", "array", 0, NULL, "tags, e.g. [\"number sense\"] (stored as slugs)"},
    {"content_areas", "array", 0, NULL, "content areas, e.g. [\"mathematics\"]"},
    {"grade_bands", "array", 0, NULL, "grade bands: K-2, 3-5, 6-8, 9-12, adult"},
    {"citations", "array", 0, NULL, "citations in order: [{\"text\": ..., \"url\": ...}]"},
    {"alignments", "array", 0, NULL, "the ids of the standards the item is aligned to"},
    {NULL, NULL, 0, NULL, NULL},
};

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
    {"GET", "/api/v1/library-items/{id}/view", lib_view, "library_item", POLICY_READ, NULL, 0,
     "The item with its tags, content areas, grade bands, citations, standards alignments "
     "and try-out summary",
     NULL, NULL},
    {"PUT", "/api/v1/library-items/{id}/links", lib_links_put, "library_item", POLICY_UPDATE,
     NULL, 0,
     "Replace the item's tags, content areas, grade bands, citations or standards "
     "alignments: each part given replaces the old one, the others stay (If-Match "
     "optional); 200 with the item as GET .../view gives it",
     links_body, NULL},
};

size_t api_library_routes(const struct route **out)
{
	*out = library_routes;
	return sizeof(library_routes) / sizeof(library_routes[0]);
}
