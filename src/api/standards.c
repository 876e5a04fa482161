/* standards: the standards frameworks of the API (policy rule "standard"): importing a
 * 1EdTech CASE 1.0 package (`POST /frameworks`, all or nothing, re-import updates by
 * identifier), listing frameworks, browsing one as a tree or one level at a time, and
 * finding items by code prefix or by words; one item with its place, associations, the
 * learning targets written for it and the library items aligned to it (each only
 * where the caller may read them). The work is app/standards/standards.h's; this file reads the
 * request and writes the answer. */
#include <stdio.h>
#include <string.h>

#include "api/resource.h"
#include "app/library/library.h"
#include "app/standards/standards.h"
#include "app/deliverable/target.h"

enum { STD_TREE_DEPTH_MAX = 100 };

/* POST /api/v1/frameworks: the body is the package, bare or {"CFPackage": ...}. */
static int std_import(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct standards_import_result res;
	struct standards_framework fw;
	if (http_allow_any(rq, POLICY_CREATE, "standard", err) || api_json_type(rq, err) ||
	    standards_import_bytes(rq->db, &rq->who, rq->a, rq->body, rq->body_len, NULL, NULL,
				   &res, err) ||
	    standards_framework_get(rq->db, rq->a, res.framework_id, &fw, err))
		return -1;
	http_resp_header(rs, "Location",
			 arena_printf(rq->a, "/api/v1/frameworks/%lld", (long long)fw.id));
	struct jw w;
	api_json(rs, &w, res.created ? 201 : 200);
	jw_obj_begin(&w);
	jw_key(&w, "framework");
	standards_framework_json(&w, &fw);
	jw_key(&w, "import");
	standards_import_result_json(&w, &res);
	jw_obj_end(&w);
	return 0;
}

/* GET /api/v1/frameworks */
static int std_frameworks(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct standards_framework *all;
	size_t n;
	if (http_allow_any(rq, POLICY_READ, "standard", err) ||
	    standards_frameworks(rq->db, rq->a, &all, &n, err))
		return -1;
	struct jw w;
	api_items_begin(rs, &w);
	for (size_t i = 0; i < n; i++)
		standards_framework_json(&w, &all[i]);
	api_items_end(&w, 0, 0);
	return 0;
}

/* The framework of path parameter id, once the caller may read standards. */
static int std_framework_load(struct http_req *rq, struct standards_framework *fw,
			      struct cn_err *err)
{
	int64_t id;
	if (http_allow_any(rq, POLICY_READ, "standard", err) || http_param_id(rq, "id", &id, err))
		return -1;
	return standards_framework_get(rq->db, rq->a, id, fw, err);
}

/* GET /api/v1/frameworks/{id} */
static int std_framework(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct standards_framework fw;
	if (std_framework_load(rq, &fw, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	standards_framework_json(&w, &fw);
	return 0;
}

/* GET /api/v1/frameworks/{id}/tree[?under=ITEM_ID][&depth=N]: the whole hierarchy
 * nested (depth levels when given), or the children of one item, one level, each with
 * its child_count so that a client can expand lazily. */
static int std_tree(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct standards_framework fw;
	int64_t under = 0, depth = 0;
	if (std_framework_load(rq, &fw, err) ||
	    api_query_int(rq, "under", 1, INT64_MAX, &under, err) < 0 ||
	    api_query_int(rq, "depth", 1, STD_TREE_DEPTH_MAX, &depth, err) < 0)
		return -1;
	struct standards_items items;
	struct jw w;
	if (under != 0) {
		struct standards_item parent;
		if (standards_item_get(rq->db, rq->a, under, &parent, err))
			return -1;
		if (parent.framework_id != fw.id)
			return cn_err_field(err, CN_ERR_NOT_FOUND, "under",
					    "item %lld is not in framework %lld", (long long)under,
					    (long long)fw.id);
		if (standards_children(rq->db, rq->a, fw.id, under, &items, err))
			return -1;
		api_json(rs, &w, 200);
		jw_obj_begin(&w);
		jw_kv_int(&w, "framework_id", fw.id);
		jw_kv_int(&w, "under", under);
		jw_key(&w, "items");
		standards_items_json(&w, &items);
		jw_obj_end(&w);
		return 0;
	}
	if (standards_tree(rq->db, rq->a, fw.id, 0, (int)depth, &items, err))
		return -1;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_kv_int(&w, "framework_id", fw.id);
	jw_key(&w, "items");
	standards_tree_json(&w, &items);
	jw_obj_end(&w);
	return 0;
}

/* GET /api/v1/standards?code=PREFIX | q=WORDS [&framework_id=&level=&limit=&offset=] */
static int std_find(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	struct standards_query q = {.code_prefix = http_query(rq, "code"),
				    .words = http_query(rq, "q"),
				    .level = http_query(rq, "level")};
	int64_t limit = 0, offset = 0;
	if (http_allow_any(rq, POLICY_READ, "standard", err) ||
	    api_query_int(rq, "framework_id", 1, INT64_MAX, &q.framework_id, err) < 0 ||
	    api_query_int(rq, "limit", 1, STANDARDS_FIND_MAX, &limit, err) < 0 ||
	    api_query_int(rq, "offset", 0, 1000000, &offset, err) < 0)
		return -1;
	if (q.code_prefix != NULL && q.code_prefix[0] == '\0')
		q.code_prefix = NULL;
	if (q.words != NULL && q.words[0] == '\0')
		q.words = NULL;
	if ((q.code_prefix == NULL) == (q.words == NULL))
		return cn_err_field(err, CN_ERR_INPUT, q.code_prefix ? "q" : "code",
				    "give either code (the start of a code, e.g. code=5.NF) or q "
				    "(words, e.g. q=add+fractions), not %s",
				    q.code_prefix ? "both" : "neither");
	q.limit = (int)limit;
	q.offset = (int)offset;
	struct standards_hit *hits;
	size_t n;
	if (standards_find(rq->db, rq->a, &q, &hits, &n, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_key(&w, "items");
	standards_hits_json(&w, hits, n);
	jw_obj_end(&w);
	return 0;
}

/* The learning targets written for item_id that the caller may read. */
static int std_targets(struct http_req *rq, int64_t item_id, struct jw *w, struct cn_err *err)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)item_id);
	struct rec_query q = {.filter = {NULL, id}, .limit = REC_LIST_MAX};
	return api_readable_json(rq, &learning_target_entity, q, "learning_target", w, err);
}

/* The library items aligned to item_id that the caller may read. */
static int std_library(struct http_req *rq, int64_t item_id, struct jw *w, struct cn_err *err)
{
	struct rec_list items;
	if (library_aligned_to(rq->db, rq->a, item_id, &items, err))
		return -1;
	jw_arr_begin(w);
	for (size_t i = 0; i < items.count; i++) {
		int can = http_can_read(rq, "library_item", items.items[i], err);
		if (can < 0)
			return -1;
		if (can)
			rec_to_json(w, items.items[i]);
	}
	jw_arr_end(w);
	return 0;
}

/* GET /api/v1/standards/{id} */
static int std_item(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	int64_t id;
	struct standards_detail d;
	if (http_allow_any(rq, POLICY_READ, "standard", err) || http_param_id(rq, "id", &id, err) ||
	    standards_detail(rq->db, rq->a, id, &d, err))
		return -1;
	struct jw w;
	api_json(rs, &w, 200);
	jw_obj_begin(&w);
	jw_key(&w, "standard");
	standards_detail_json(&w, &d);
	jw_key(&w, "learning_targets");
	if (std_targets(rq, id, &w, err))
		return -1;
	jw_key(&w, "library_items");
	if (std_library(rq, id, &w, err))
		return -1;
	jw_obj_end(&w);
	return 0;
}

static const struct route_field tree_query[] = {
    {"under", "integer", 0, NULL, "an item's id: its children only, one level"},
    {"depth", "integer", 0, NULL, "the whole tree to this many levels (1-100)"},
    {NULL, NULL, 0, NULL, NULL},
};
static const struct route_field find_query[] = {
    {"code", "string", 0, NULL,
     "items whose code starts with this (any case); code or q is required, 400 naming "
     "code without either"},
    {"q", "string", 0, NULL,
     "or: words of the statement (full text; the last may be the start of a word)"},
    {"framework_id", "integer", 0, NULL, "in this framework only"},
    {"level", "string", 0, NULL, "with q: an education level, e.g. 06 or KG"},
    {"limit", "integer", 0, NULL, "at most this many (default 50, at most 1000)"},
    {"offset", "integer", 0, NULL, "skip this many"},
    {NULL, NULL, 0, NULL, NULL},
};

static const struct route standards_routes[] = {
    {"POST", "/api/v1/frameworks", std_import, "standard", POLICY_CREATE, NULL, ROUTE_UPLOAD,
     "Import a CASE 1.0 CFPackage (bare or {\"CFPackage\": ...}, up to 20 MiB): all or "
     "nothing; 201 for a new framework, 200 when a re-import updated it",
     NULL, NULL},
    {"GET", "/api/v1/frameworks", std_frameworks, "standard", POLICY_READ, NULL, 0,
     "The standards frameworks, by title", NULL, NULL},
    {"GET", "/api/v1/frameworks/{id}", std_framework, "standard", POLICY_READ, NULL, 0,
     "One framework's facts", NULL, NULL},
    {"GET", "/api/v1/frameworks/{id}/tree", std_tree, "standard", POLICY_READ, NULL, 0,
     "The framework's hierarchy, or one level of it under an item", NULL, tree_query},
    {"GET", "/api/v1/standards", std_find, "standard", POLICY_READ, NULL, 0,
     "Find standards by code prefix or by words, each with its path", NULL, find_query},
    {"GET", "/api/v1/standards/{id}", std_item, "standard", POLICY_READ, NULL, 0,
     "One standard with its place, associations, learning targets and aligned library "
     "items",
     NULL, NULL},
};

size_t api_standards_routes(const struct route **out)
{
	*out = standards_routes;
	return sizeof(standards_routes) / sizeof(standards_routes[0]);
}
