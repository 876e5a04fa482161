/* case: reads a 1EdTech CASE 1.0 package (Competencies and Academic Standards
 * Exchange, the CFPackage JSON of CASE 1.0 §4: one CFDocument, its CFItems and its
 * CFAssociations) into plain structs. No SQL: importing is app/standards_import's job.
 *
 * The reader accepts what real packages contain besides the letter of the spec:
 * the package bare or wrapped as {"CFPackage": ...}; pre-1.0 field names
 * (`educationalLevel` as a string, `originNodeIdentifier` beside or instead of the link
 * object, link objects given as a bare URI string); `sequenceNumber` as a string;
 * identifiers that are not UUIDs (ASN URIs); items without `humanCodingScheme`;
 * `CFItemTypeURI` pointing to another host; null for any optional field. It refuses,
 * naming the item and the field: input that is not UTF-8 or not JSON (with line and
 * column), a missing CFDocument, an item without identifier or fullStatement, an
 * association without type or ends, a field of the wrong type, and an identifier used
 * twice. Whether an association's ends exist is not checked here: associations may
 * point outside the package (CASE 1.0 §4.3: destinations in other frameworks). */
#ifndef CN_CASE_H
#define CN_CASE_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

/* Inputs larger than this are refused before parsing. */
#define CASE_MAX_BYTES ((size_t)100 * 1024 * 1024)

/* Every string below is NUL-terminated UTF-8 in the arena given to case_read; optional
 * ones are NULL when the package lacks them (an empty string counts as absent). */

struct case_document {
	const char *identifier; /* never NULL */
	const char *title;      /* never NULL */
	const char *uri, *creator, *publisher, *description, *language, *version;
	const char *adoption_status, *official_source_url, *notes, *last_change;
	const char *subject; /* CASE allows several: joined with ", " */
};

struct case_item {
	size_t index;               /* its place in CFItems, for messages */
	const char *identifier;     /* never NULL */
	const char *full_statement; /* never NULL */
	const char *uri, *human_coding_scheme, *abbreviated_statement, *list_enumeration;
	const char *language, *notes, *last_change;
	const char *item_type; /* CFItemType, else the title of CFItemTypeURI */
	const char **education_levels; /* educationLevel (or pre-1.0 educationalLevel) */
	size_t neducation_levels;
};

/* One end of an association. identifier is never NULL: the link object's identifier,
 * else the pre-1.0 node identifier, else the identifier of the package node whose uri
 * the link gives, else the link's uri itself. */
struct case_node {
	const char *identifier;
	const char *uri, *title;
};

struct case_association {
	size_t index;           /* its place in CFAssociations */
	const char *identifier; /* never NULL */
	const char *type;       /* canonical spelling, e.g. "isChildOf" */
	struct case_node origin, destination;
	int has_sequence;
	int64_t sequence; /* sequenceNumber, when has_sequence */
	const char *last_change;
};

struct case_package {
	struct case_document doc;
	struct case_item *items;
	size_t nitems;
	struct case_association *associations;
	size_t nassociations;
};

/* Reads the package in data[0..len). source names the input in errors (a file name;
 * may be NULL). On success fills *out with memory from a (valid until arena_free(a))
 * and returns 0; else returns -1 with err set: CN_ERR_TOO_LARGE over CASE_MAX_BYTES,
 * CN_ERR_INPUT otherwise, with err->field the JSON path (e.g.
 * "CFItems[3].fullStatement") and err->line/column for syntax errors. */
int case_read(struct arena *a, const char *data, size_t len, const char *source,
	      struct case_package *out, struct cn_err *err);

/* The canonical spelling of an association type, matched without regard to case
 * ("ischildof" -> "isChildOf"): the nine of CASE 1.0, CASE 1.1's isTranslationOf, and
 * extension types "ext:..." as given. NULL when it is none of them. */
const char *case_association_type(const char *name);

#endif
