/* Folder app/standards: academic standards as CASE 1.0 models them.
 *   standards.c         browsing, finding, JSON of every standards type
 *   standards_import.c  a CASE package into frameworks, items, associations
 *   standards.h         the interface of both
 */
/* standards: academic standards frameworks as 1EdTech CASE 1.0 models them: a
 * framework (CFDocument) holds items (CFItems) in a hierarchy built from isChildOf
 * associations, and other associations (isPeerOf, exactMatchOf, precedes, exemplar,
 * ...) between items, inside or outside the framework.
 *
 * This module imports a CASE package (all or nothing, re-import updates by
 * identifier), lists frameworks, browses one as a tree or one level at a time, looks
 * items up, and finds them by code prefix or by words, each hit with its path. Every
 * function returns 0 or -1 with err set; what it returns lives in the arena given and
 * is freed with it. The JSON renderers at the end are the one JSON form of these
 * types, for the CLI, the JSON API and the web pages alike.
 *
 * Implemented in standards.c (browsing, finding, JSON) and standards_import.c. */
#ifndef CN_STANDARDS_H
#define CN_STANDARDS_H
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"
#include "io/case.h"
#include "store/store.h"

struct standards_framework {
	int64_t id;
	const char *identifier; /* the CFDocument identifier */
	const char *uri, *title, *creator, *publisher, *version_label, *adoption_status;
	const char *subject, *language, *last_change;
	int64_t version; /* counts imports that changed something (the API's ETag) */
	const char *created_at, *updated_at;
	int64_t item_count; /* items in the last import (withdrawn ones not counted) */
};

struct standards_item {
	int64_t id, framework_id;
	int64_t parent_id; /* 0 at the top of the framework */
	int64_t position;  /* 1-based among its siblings */
	const char *identifier; /* the CFItem identifier */
	const char *uri, *human_coding_scheme, *full_statement, *abbreviated_statement;
	const char *item_type, *language, *notes, *last_change;
	const char **education_levels;
	size_t neducation_levels;
	const char *withdrawn_at; /* NULL unless the last import no longer had it */
	const char *created_at, *updated_at;
	int depth;	     /* in a tree: 0 for the first level shown */
	int64_t child_count; /* children (not withdrawn) */
};

struct standards_items {
	struct standards_item *items;
	size_t count;
};

/* An association seen from one item. */
struct standards_link {
	int64_t id;
	const char *identifier;
	const char *type; /* "isPeerOf", "exactMatchOf", ... */
	int outgoing;	  /* 1: the item is the origin; 0: the destination */
	/* The other end as the package named it, and the item capnet has for it (0/NULL
	 * when it is outside capnet, e.g. a web page or an unimported framework). */
	const char *other_identifier, *other_title, *other_uri;
	int64_t other_item_id;
	const char *other_code, *other_statement;
	int has_sequence;
	int64_t sequence;
};

/* One item with what a person needs to place it: framework, path, children and
 * associations. */
struct standards_detail {
	struct standards_item item;
	struct standards_framework framework;
	struct standards_items path; /* ancestors, the top first */
	struct standards_items children;
	struct standards_link *links;
	size_t nlinks;
};

struct standards_query {
	const char *code_prefix; /* items whose human coding scheme starts with it (any case) */
	const char *words;	 /* or: full-text words (the last one also as a prefix) */
	int64_t framework_id;	 /* 0: every framework */
	const char *level;	 /* words only: an education level, e.g. "06" or "KG" */
	int limit;		 /* 1..STANDARDS_FIND_MAX; 0 = STANDARDS_FIND_DEFAULT */
	int offset;
};
enum { STANDARDS_FIND_DEFAULT = 50, STANDARDS_FIND_MAX = 1000 };

struct standards_hit {
	struct standards_item item;
	struct standards_items path; /* ancestors, the top first */
	double score;		     /* words: higher is better; code: 0 */
};

/* Importing. */

struct standards_import_opts {
	int dry_run; /* check and count everything, then roll back */
	/* Called now and then while items are written (done of total); may be NULL. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
};

enum { STANDARDS_WARNINGS_MAX = 20 };

struct standards_import_result {
	int64_t framework_id; /* 0 after a dry run of a new framework */
	const char *identifier, *title;
	int created; /* the framework was new */
	int changed; /* anything was written (always when created) */
	size_t items, associations; /* in the package */
	size_t items_added, items_updated, items_moved, items_unchanged, items_withdrawn;
	size_t associations_added, associations_updated, associations_unchanged;
	size_t associations_removed;
	/* Problems that did not stop the import (an isChildOf to a parent outside the
	 * package, an item with two parents, ...): the first STANDARDS_WARNINGS_MAX. */
	size_t warning_count;
	size_t nwarnings;
	const char *warnings[STANDARDS_WARNINGS_MAX];
};

/* Imports pkg in one transaction with one audit event ('import' of the framework,
 * with the counts). The framework and its items are matched by identifier: a
 * re-import updates them and never duplicates. Items the package no longer has are
 * kept, marked withdrawn (learning targets and alignments may point to them);
 * associations it no longer has are removed. Items are placed under their isChildOf
 * parent, ordered by sequenceNumber, then code (2 before 10), then statement. Fails,
 * changing nothing, when an identifier belongs to another framework or isChildOf
 * associations form a loop. opts may be NULL. *out lives in a. */
int standards_import(struct store *db, const struct actor *who, struct arena *a,
		     const struct case_package *pkg, const struct standards_import_opts *opts,
		     struct standards_import_result *out, struct cn_err *err);
/* case_read() then standards_import(), for a package in memory (a file, a request
 * body); source names it in errors and may be NULL. */
int standards_import_bytes(struct store *db, const struct actor *who, struct arena *a,
			   const char *data, size_t len, const char *source,
			   const struct standards_import_opts *opts,
			   struct standards_import_result *out, struct cn_err *err);

/* Browsing. */

/* Every framework, by title. */
int standards_frameworks(struct store *db, struct arena *a, struct standards_framework **out,
			 size_t *count, struct cn_err *err);
/* One framework by id; CN_ERR_NOT_FOUND if none. */
int standards_framework_get(struct store *db, struct arena *a, int64_t id,
			    struct standards_framework *out, struct cn_err *err);
/* One framework by id ("12") or CFDocument identifier. */
int standards_framework_find(struct store *db, struct arena *a, const char *key,
			     struct standards_framework *out, struct cn_err *err);

/* One item by id; CN_ERR_NOT_FOUND if none. */
int standards_item_get(struct store *db, struct arena *a, int64_t id,
		       struct standards_item *out, struct cn_err *err);
/* One item by id ("12"), CFItem identifier, or human coding scheme (any case; within
 * framework_id when not 0). A code several items share is CN_ERR_CONFLICT, naming
 * them. */
int standards_item_find(struct store *db, struct arena *a, const char *key,
			int64_t framework_id, struct standards_item *out, struct cn_err *err);

/* The children of parent_id in order, or the top level of the framework when
 * parent_id is 0; each with its child_count, so that a page can expand lazily. */
int standards_children(struct store *db, struct arena *a, int64_t framework_id,
		       int64_t parent_id, struct standards_items *out, struct cn_err *err);
/* The framework as a tree, in reading order (each item followed by its descendants),
 * each with depth: the whole framework, or the descendants of under_id when not 0;
 * max_depth levels when not 0. */
int standards_tree(struct store *db, struct arena *a, int64_t framework_id, int64_t under_id,
		   int max_depth, struct standards_items *out, struct cn_err *err);
/* The ancestors of item_id, the top first (empty for a top-level item). */
int standards_path(struct store *db, struct arena *a, int64_t item_id,
		   struct standards_items *out, struct cn_err *err);
/* The item with its framework, path, children and associations. */
int standards_detail(struct store *db, struct arena *a, int64_t item_id,
		     struct standards_detail *out, struct cn_err *err);

/* Items matching q (code prefix or words; exactly one of them), each with its path.
 * Withdrawn items are not found. */
int standards_find(struct store *db, struct arena *a, const struct standards_query *q,
		   struct standards_hit **out, size_t *count, struct cn_err *err);

/* Appends to b (space-separated) the search facet token prefix + value reduced to
 * [a-z0-9_] ("level_", "KG" -> "level_kg"); nothing when value has no ASCII letter
 * or digit. How item types and education levels are indexed and filtered. */
void standards_facet(struct buf *b, const char *prefix, const char *value);

/* JSON: the one representation of each type. */
void standards_framework_json(struct jw *w, const struct standards_framework *f);
void standards_item_json(struct jw *w, const struct standards_item *it);
/* A flat array of items. */
void standards_items_json(struct jw *w, const struct standards_items *items);
/* A tree list (from standards_tree) as nested objects with "children" arrays. */
void standards_tree_json(struct jw *w, const struct standards_items *tree);
void standards_detail_json(struct jw *w, const struct standards_detail *d);
void standards_hits_json(struct jw *w, const struct standards_hit *hits, size_t count);
void standards_import_result_json(struct jw *w, const struct standards_import_result *r);

#endif
