/* Folder app/deliverable: what teams create together, and how it was adapted.
 *   deliverable.c/h         the entity, its versions, status, standards, contributors
 *   deliverable_lineage.c/h where a deliverable came from and what was adapted from it
 *   deliverable_review.c/h  rubric reviews of versions
 *   similarity.c/h          how much of its source a derived text still is
 *   target.c/h              learning targets of a learning-target set; CASE export
 */
/* deliverable: what district teams create together in a network (learning-target sets,
 * instructional resources, assessments, units): its versions, status, standards
 * alignments, contributors, and its lineage when one team adapts another's published
 * version. Reviews are in app/deliverable/deliverable_review.h, notices in app/notice.h, learning
 * targets in app/deliverable/target.h.
 *
 * Rules:
 *  - status goes draft -> in_review (submit) -> published (publish); in_review -> draft
 *    (return); published -> draft (withdraw). Each needs a saved version. A deliverable
 *    in review cannot be saved: return it to draft first.
 *  - every save is a new version (number 1, 2, ...) with author, body (Markdown, at most
 *    DELIVERABLE_BODY_MAX bytes) and change note; its author becomes a contributor, with
 *    the district of their team in the network at that time.
 *  - a version is published when it is the latest version at publishing. A version
 *    saved while the deliverable is published is a revision: it is not published
 *    until submitted (published -> in_review), reviewed and published; meanwhile the
 *    deliverable's readers outside its district and contributors see the published
 *    version, and returning the revision leaves it published.
 *  - the author of a version is the person saving it; only the command line's
 *    operator names another, who must be one who may save versions (its district's
 *    team or a contributor, app/deliverable/deliverable_contributor.h). Only published versions can be
 *    derived from; each newly published version tells the owners of every derivative
 *    (app/notice.h).
 *  - a derived deliverable's versions carry their similarity to the source version
 *    (app/deliverable/similarity.h), computed when saved.
 *
 * For the policy (app/access/policy.c): a deliverable's network_id, team_id, status and its
 * contributors (deliverable_contributors) are what visibility depends on. */
#ifndef CN_DELIVERABLE_H
#define CN_DELIVERABLE_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"
#include "core/diff.h"

extern const struct rec_entity deliverable_entity;

enum {
	DELIVERABLE_BODY_MAX = 200 * 1024, /* bytes */
	DELIVERABLE_NOTE_MAX = 2000,       /* characters of a change note */
	DELIVERABLE_CONTEXT_MAX = 4000,    /* characters of a contextualization note */
};

/* One version. Strings live in the arena the function was given. */
struct deliverable_version {
	int64_t id;
	int64_t deliverable_id;
	int64_t number;
	int64_t author_id; /* 0 if unknown */
	const char *author_name;
	const char *body; /* NULL in listings */
	size_t body_len;
	const char *change_note;
	int has_similarity; /* derived deliverables only */
	double similarity;  /* to the source version, 0..1 */
	const char *similarity_class; /* "duplicate", "adapted", "new"; NULL if none */
	const char *published_at;     /* NULL if this version was never published */
	const char *created_at;
};

struct deliverable_versions {
	struct deliverable_version *items;
	size_t count;
};

/* Creates deliverable r (fields as declared). created_by is author_id, or the actor's
 * person when author_id is 0. When body is not NULL, version 1 is saved with it in the
 * same transaction. r is filled in as rec_create does. */
int deliverable_create(struct store *db, const struct actor *who, struct arena *a, struct rec *r,
		       int64_t author_id, const char *body, const char *change_note,
		       struct cn_err *err);

/* Checks a body given as n bytes: size, UTF-8, no NUL or control characters other than
 * tab and line breaks. Errors name the field "body" and the byte. */
int deliverable_check_body(const char *body, size_t n, struct cn_err *err);

struct deliverable_save {
	int64_t author_id;       /* 0 = the actor's person; one of them is required */
	const char *body;        /* required: Markdown, UTF-8, no NUL */
	const char *change_note; /* optional */
	int64_t based_on;        /* when not 0: the latest version number the author started
				  * from; a newer one makes the save CN_ERR_STALE */
};

/* Saves a new version of deliverable id. *out (may be NULL) gets it, with strings in a. */
int deliverable_save(struct store *db, const struct actor *who, struct arena *a, int64_t id,
		     const struct deliverable_save *in, struct deliverable_version *out,
		     struct cn_err *err);

/* Versions of deliverable id, oldest first, without bodies; in a. */
int deliverable_versions(struct store *db, struct arena *a, int64_t id,
			 struct deliverable_versions *out, struct cn_err *err);
/* Keeps only the published versions of v: what readers see who may not read drafts
 * (policy rule "deliverable_version"), so that a revision under review does not replace
 * the published version for them. */
void deliverable_versions_keep_published(struct deliverable_versions *v);
/* One version with its body, by version id; in a. */
int deliverable_version_get(struct store *db, struct arena *a, int64_t version_id,
			    struct deliverable_version *out, struct cn_err *err);
/* One version with its body by number (0 = the latest); in a. */
int deliverable_version_find(struct store *db, struct arena *a, int64_t id, int64_t number,
			     struct deliverable_version *out, struct cn_err *err);

/* Status changes: "submit", "publish", "return", "withdraw". expected_version as in
 * rec_update. *out (may be NULL) gets the saved record. */
int deliverable_transition(struct store *db, const struct actor *who, struct arena *a,
			   int64_t id, const char *action, int64_t expected_version,
			   struct rec **out, struct cn_err *err);

/* Standards alignments. */
struct deliverable_standard {
	int64_t cf_item_id;
	const char *identifier; /* CASE identifier */
	const char *code;       /* human coding scheme; may be NULL */
	const char *statement;
	const char *uri; /* may be NULL */
};

struct deliverable_standards {
	struct deliverable_standard *items;
	size_t count;
};

/* Finds a standard by id, CASE identifier or human coding scheme (one match needed). */
int deliverable_standard_resolve(struct store *db, const char *key, int64_t *cf_item_id,
				 struct cn_err *err);
int deliverable_standard_add(struct store *db, const struct actor *who, int64_t id,
			     int64_t cf_item_id, struct cn_err *err);
int deliverable_standard_remove(struct store *db, const struct actor *who, int64_t id,
				int64_t cf_item_id, struct cn_err *err);
int deliverable_standards(struct store *db, struct arena *a, int64_t id,
			  struct deliverable_standards *out, struct cn_err *err);

struct deliverable_contributor {
	int64_t person_id;
	const char *name;
	const char *email;
	int64_t district_id; /* 0 if the person was on no team of the network */
	const char *district_name;
};

struct deliverable_contributors {
	struct deliverable_contributor *items;
	size_t count;
	size_t districts; /* distinct districts among them */
};

int deliverable_contributors(struct store *db, struct arena *a, int64_t id,
			     struct deliverable_contributors *out, struct cn_err *err);

struct deliverable_derive {
	int64_t team_id;          /* required: the team that adapts */
	int64_t author_id;        /* 0 = the actor's person */
	const char *title;        /* NULL = the source's title */
	const char *context_note; /* required: what we changed for our schools and why */
};

/* Creates the team's own deliverable from published version source_version_id: same
 * kind and standards (and learning targets, with new identifiers), in the team's
 * network, its version 1 a copy of the source body. *out gets the new record. */
int deliverable_derive(struct store *db, const struct actor *who, struct arena *a,
		       int64_t source_version_id, const struct deliverable_derive *in,
		       struct rec **out, struct cn_err *err);

/* Differences from version from_id to version to_id (any two versions, of any
 * deliverables). *from / *to (may be NULL) get the versions. All in a. */
int deliverable_diff(struct store *db, struct arena *a, int64_t from_id, int64_t to_id,
		     struct diff *out, struct deliverable_version *from,
		     struct deliverable_version *to, struct cn_err *err);

/* JSON renderers. */
void deliverable_version_json(struct jw *w, const struct deliverable_version *v);
void deliverable_versions_json(struct jw *w, const struct deliverable_versions *v);
void deliverable_standards_json(struct jw *w, const struct deliverable_standards *s);
void deliverable_contributors_json(struct jw *w, const struct deliverable_contributors *c);
/* The whole deliverable for a detail page: the record's fields plus "standards",
 * "contributors", "districts", "versions" and "lineage". */
int deliverable_detail_json(struct store *db, struct arena *a, struct jw *w, int64_t id,
			    struct cn_err *err);

#endif
