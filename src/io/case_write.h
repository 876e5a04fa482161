/* case_write: writes a set of learning targets as a 1EdTech CASE 1.0 CFPackage (JSON).
 * The set is the CFDocument; each target is a CFItem of CFItemType "Learning Target"
 * that hangs under the document (an isChildOf CFAssociation to the CFDocument, so the
 * package is a tree of its own and re-imports clean) and points at the standard it
 * deconstructs with an isPartOf CFAssociation; the standard lives in another framework
 * and so is referenced by its node (identifier, uri, title) only (CASE 1.0 §4.5,
 * LinkGenURI). Each target carries its standard's educationLevel. A
 * CFDefinitions.CFItemTypes entry declares the item type.
 *
 * Identifiers: the document's and the targets' come from the caller (stable UUIDs);
 * associations and the item type get name-based UUIDs (core/uuid.h) so that exporting
 * twice gives the same identifiers. URIs are base_uri + identifier. No SQL: the caller
 * gathers the data. */
#ifndef CN_CASE_WRITE_H
#define CN_CASE_WRITE_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define CASE_ITEM_TYPE_LEARNING_TARGET "Learning Target"

/* A node in another framework: CASE LinkGenURI. */
struct case_node {
	const char *identifier; /* required */
	const char *uri;        /* NULL: derived from the identifier (see case_write.c) */
	const char *title;      /* required */
};

struct case_target {
	const char *identifier;  /* a UUID */
	const char *statement;   /* fullStatement: "I can ..." */
	const char *kind;        /* knowledge, reasoning, skill or product */
	const char *code;        /* humanCodingScheme; NULL for none */
	int64_t sequence;        /* order under its standard (sequenceNumber), 1-based */
	const char *last_change; /* "YYYY-MM-DDTHH:MM:SSZ" */
	struct case_node standard;
	const char *const *levels; /* educationLevel, e.g. "05"; may be empty */
	size_t nlevels;
};

struct case_target_set {
	const char *identifier;      /* a UUID */
	const char *title;
	const char *creator;         /* required by CASE: who made it */
	const char *description;     /* may be NULL */
	const char *subject;         /* may be NULL */
	const char *adoption_status; /* e.g. "Draft", "Adopted"; may be NULL */
	const char *last_change;
	const char *base_uri;        /* ends in '/' */
	const struct case_target *targets;
	size_t count;
};

/* Appends the CFPackage as JSON to out. */
void case_write_targets(const struct case_target_set *s, struct buf *out);

#endif
