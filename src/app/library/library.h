/* Folder app/library: the networks' library of strategies, resources and research.
 *   library.c       library items, labels, citations, alignments, their search entry
 *   library_search.c ranked search with filters, and recommendations
 *   library.h       the interface of both
 */
/* library: the strategies, resources, tools and research summaries that networks
 * learn from (DESIGN §2 "library item"). An item is a declared entity (kind, title,
 * summary, a Markdown body, its ESSA evidence tier, license, source address; a
 * network, or none for the statewide library) with, kept beside it: tags, content
 * areas, grade bands, ordered citations and alignments to standards (CASE items).
 *
 * Every write keeps the item's search entry current (kind "library"), so that
 * library_search and library_recommend find it at once. Write items through
 * library_create / library_update, which save the item and its labels in one
 * audited transaction; rec_create / rec_update on library_item_entity also keep
 * the search entry current, for the fields alone.
 *
 * Evidence tiers are ESSA's (ESSA §8101(21)(A); US ED non-regulatory guidance, 2016):
 * 1 strong, 2 moderate, 3 promising, 4 demonstrates a rationale; null when not
 * rated. A smaller tier is stronger evidence, so "at least tier 2" means tier 1 or 2. */
#ifndef CN_LIBRARY_H
#define CN_LIBRARY_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"
#include "app/delivery/tryout.h"

/* Fields: network_id, kind, title, summary, body, evidence_tier, license, url,
 * created_by (set from the actor). Filters of rec_list: kind, network_id,
 * content_area, grade_band, tag, evidence_tier. */
extern const struct rec_entity library_item_entity;

/* NULL-terminated choices. Kinds: strategy, resource, tool, research. Grade bands
 * (stored codes): k_2, 3_5, 6_8, 9_12, adult (adult learners and professional
 * learning). Content areas are network_content_areas (app/network/network.h). */
extern const char *const library_kinds[];
/* The kinds' labels for forms and pages ("Strategy" ... "Research summary"), in order. */
extern const char *const library_kind_labels[];
/* The evidence tiers a form or query names: "1".."4", "none" (not rated), NULL. */
extern const char *const library_tier_choices[];
extern const char *const library_grade_bands[];

enum {
	LIBRARY_TAGS_MAX = 20,
	LIBRARY_TAG_LEN = 40,
	LIBRARY_CITATIONS_MAX = 50,
	LIBRARY_ALIGNMENTS_MAX = 100,
	LIBRARY_QUERY_MAX = 500,     /* bytes of a search */
	LIBRARY_TEXT_MAX = 20000,    /* bytes of a text to recommend for */
	LIBRARY_RESULTS_MAX = 100,   /* hits per search */
};

struct library_citation {
	const char *text; /* one line, e.g. an APA reference */
	const char *url;  /* http(s) address, or NULL */
};

/* Which parts of library_links a write sets; the others stay as they are. */
enum {
	LIBRARY_SET_TAGS = 1 << 0,
	LIBRARY_SET_AREAS = 1 << 1,
	LIBRARY_SET_BANDS = 1 << 2,
	LIBRARY_SET_CITATIONS = 1 << 3,
	LIBRARY_SET_ALIGNMENTS = 1 << 4,
	LIBRARY_SET_ALL = (1 << 5) - 1,
};

/* An item's labels, citations and alignments, as input (any spelling the
 * normalizers accept) or as stored (tags as slugs, areas and bands as codes). */
struct library_links {
	unsigned set; /* LIBRARY_SET_*: parts given */
	const char **tags;
	size_t ntags;
	const char **areas;
	size_t nareas;
	const char **bands;
	size_t nbands;
	struct library_citation *citations; /* in order */
	size_t ncitations;
	int64_t *alignments; /* cf_item ids */
	size_t nalignments;
};

/* A tag as stored: lower-case ASCII letters and digits, words joined by '-' ("Number
 * Talks" -> "number-talks"). *out lives in a. Fails naming field "tags". */
int library_tag_slug(struct arena *a, const char *input, const char **out, struct cn_err *err);
/* A content area or grade band code from input ("K-2" -> "k_2", "adult/PD" ->
 * "adult"); NULL when it is none of them. */
const char *library_area_code(const char *input);
const char *library_band_code(const char *input);
/* How people write a grade band: "k_2" -> "K-2", "adult" -> "adult/PD". */
const char *library_band_label(const char *code);

/* Creates item r (fields set on a rec of library_item_entity) with links (may be
 * NULL; parts not set are empty), audited, in one transaction. created_by is the
 * actor's person. On success r holds the stored record (id, version, ...). */
int library_create(struct store *db, const struct actor *who, struct arena *a, struct rec *r,
		   const struct library_links *links, struct cn_err *err);
/* Applies the fields changes gives (may have none) and the parts links sets (links
 * may be NULL) to item id, audited, in one transaction; a part set replaces the old
 * one. expected_version as rec_update. *out (may be NULL) gets the stored record. */
int library_update(struct store *db, const struct actor *who, struct arena *a, int64_t id,
		   int64_t expected_version, const struct rec *changes,
		   const struct library_links *links, struct rec **out, struct cn_err *err);

/* One standard an item is aligned to. */
struct library_alignment {
	int64_t cf_item_id;
	const char *code;      /* human coding scheme, may be NULL */
	const char *statement; /* full statement */
	const char *framework; /* the framework's title */
};

/* Everything about one item, for a page or the API. */
struct library_view {
	struct rec *item;
	struct library_links links; /* as stored; alignments as ids */
	struct library_alignment *alignments; /* links.nalignments of them */
	struct tryout_summary tryouts;
	const char *body_html; /* the body as safe HTML (io/markdown.h); NULL unless asked */
};

/* Reads item id and everything beside it into *out (in a). with_html: render the
 * body. CN_ERR_NOT_FOUND when there is no such item. */
int library_get(struct store *db, struct arena *a, int64_t id, int with_html,
		struct library_view *out, struct cn_err *err);
/* The record's fields, then "tags", "content_areas", "grade_bands", "citations"
 * [{"text","url"}], "alignments" [{"cf_item_id","code","statement","framework"}],
 * "tryouts" (tryout_summary_json) and, when rendered, "body_html". */
void library_view_json(struct jw *w, const struct library_view *v);
/* {"tags":[..],"content_areas":[..],"grade_bands":[..],"citations":[..],
 *  "alignments":[ids]}: the links as the audit log records them. */
void library_links_json(struct jw *w, const struct library_links *l);

/* The items aligned to standard cf_item_id, by title; records live in a. */
int library_aligned_to(struct store *db, struct arena *a, int64_t cf_item_id,
		       struct rec_list *out, struct cn_err *err);

/* Search filters; zero means "any". */
enum { LIBRARY_TIER_NONE = -1 };
struct library_filter {
	const char *kind;         /* a library kind */
	const char *content_area; /* a content area code */
	const char *grade_band;   /* a grade band code */
	const char *tag;          /* a tag slug */
	int tier;                 /* 1..4: exactly this tier; LIBRARY_TIER_NONE: not rated */
	int tier_at_least;        /* 1..4: this tier or stronger (tier 1 .. this) */
	int64_t network_id;       /* items of this network only */
	int statewide;            /* items of no network (the statewide library) only */
};
/* Sets one filter from text, as the CLI and API receive them: name is one of kind,
 * content_area (or area), grade_band (or band), tag, tier ("1".."4" or "none"),
 * min_tier ("1".."4"), network_id (an id, or "statewide"). Validates the value and
 * names the field in err. Text kept in f lives in a. */
int library_filter_set(struct library_filter *f, struct arena *a, const char *name,
		       const char *value, struct cn_err *err);

struct library_hit {
	int64_t id;
	double score; /* higher is better; comparable within one search only */
	const char *kind, *title, *summary;
	int tier;           /* 0: not rated */
	int64_t network_id; /* 0: statewide */
	const char **matched; /* the words of the search found in the item */
	size_t nmatched;
	struct tryout_summary tryouts; /* search: count, average, would-work only */
	const char *reason; /* library_recommend only: why, in a sentence */
};

struct library_results {
	struct library_hit *hits;
	size_t count;
	const char **words; /* the words searched for, in order */
	size_t nwords;
};

/* Ranked full-text search over titles, summaries, bodies and citations: items with
 * every word, passing every filter (f may be NULL), best first. Common English words
 * (the, of, and, ...) are left out; a search of only such words lists what the
 * filters pass, or without filters searches for them after all. store.h
 * (store_search) says how ranking works, where it stops, and when the last word is
 * also a prefix. words may be empty when a filter is given. limit
 * 1..LIBRARY_RESULTS_MAX, offset >= 0. Everything in *out lives in a. */
int library_search(struct store *db, struct arena *a, const char *words,
		   const struct library_filter *f, int limit, int offset,
		   struct library_results *out, struct cn_err *err);

/* Recommendations for a passage of text (a plan goal, a need, a challenge): items
 * with any of its significant words (common English words are left out; at most
 * STORE_SEARCH_WORDS of them, in order), passing f (may be NULL), best first: more of
 * the words, rarer words and title words rank higher. Each hit has the words it
 * matched, its evidence tier, its try-out summary (with districts) and a reason
 * such as "matches fractions, number line; ESSA tier 2 (moderate evidence); tried 5
 * times by 3 teams in 2 districts, average rating 4.2 of 5; 4 of 5 said it would
 * work here". text: up to LIBRARY_TEXT_MAX bytes of UTF-8; CN_ERR_INPUT (field
 * "text") when it has no significant word. Everything in *out lives in a. */
int library_recommend(struct store *db, struct arena *a, const char *text,
		      const struct library_filter *f, int limit, struct library_results *out,
		      struct cn_err *err);

/* {"words":[..],"hits":[{"id","kind","title","summary","evidence_tier","network_id",
 *  "score","matched":[..],"tryouts":{..},"reason"?}]} */
void library_results_json(struct jw *w, const struct library_results *r);

#endif
