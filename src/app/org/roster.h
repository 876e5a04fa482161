/* roster: applies a OneRoster 1.1 bundle (read by io/oneroster) to capnet's
 * organizations, people, memberships and school years, in one transaction: all or
 * nothing. Records are matched by sourcedId, so importing the same bundle again
 * changes nothing and writes no audit event but the import's own.
 *
 * What becomes what:
 *   org type      state, national -> state; district, local -> district;
 *                 school -> school; department -> not stored: its users become
 *                 members of the department's parent organization
 *   user role     teacher, aide, proctor -> member of each of their organizations;
 *                 administrator -> district_lead of a district, member of a school or
 *                 state organization; student, parent, guardian, relative -> not
 *                 stored, only counted. A file never makes anyone admin or facilitator.
 *   session       schoolYear, term, semester, gradingPeriod as they are; schoolYear
 *                 2027 -> school year "2026-27"
 * Rules:
 *   - status tobedeleted deactivates (active = false); nothing is ever erased.
 *   - a bulk file is complete for the organizations it covers: records imported
 *     before, absent from it and belonging under one of its organizations (the
 *     bundle's organizations and everything capnet has under them) are deactivated.
 *     Records of other districts' bundles are left alone.
 *   - empty optional values (email, username, identifier, parentSourcedId) do not
 *     erase what capnet already has; enabledUser false deactivates the person.
 *   - status inactive (OneRoster 1.0) stores the row as it is, inactive; it is
 *     counted on its own, not as a deletion.
 *   - real districts' exports name references capnet cannot follow. Unless strict,
 *     what is sound is imported and each such row is a warning naming the file, line
 *     and column: a parentSourcedId or orgSourcedIds entry that is neither in the
 *     bundle nor in capnet is left empty (dropped from the list); an organization
 *     under a kind it cannot sit under (a school under a school) is attached to the
 *     nearest ancestor it may sit under (the school's district), or to none; a
 *     school left without a district is not imported. With strict, each of these
 *     refuses the bundle, naming the file, line and column.
 *   - an email already used by a person who is not in the file is an error, unless
 *     link_by_email: then that person becomes the user of the row.
 *   - academic sessions belong to the bundle's top organization when it has exactly
 *     one; otherwise to none. */
#ifndef CN_ROSTER_H
#define CN_ROSTER_H
#include <stddef.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "io/oneroster.h"
#include "store/store.h"

enum roster_kind { ROSTER_ORG, ROSTER_PERSON, ROSTER_MEMBERSHIP, ROSTER_SESSION, ROSTER_KIND_COUNT };

struct roster_opts {
	int dry_run;       /* check and count everything, then roll back */
	int link_by_email; /* adopt a person not yet imported who has the row's email */
	int64_t parent_id; /* when not 0: the parent of the bundle's top organizations */
	int strict;        /* refuse the bundle for a reference that does not resolve */
	/* Called now and then while writing, with rows done and rows in all; may be NULL. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
};

struct roster_counts {
	size_t created, updated, deactivated, unchanged;
	size_t absent; /* of deactivated: because a bulk file no longer had them */
};

/* A row imported with less than it asked for (see the rules above). */
struct roster_warning {
	const char *file;    /* "orgs.csv" */
	long line;
	const char *column;  /* "parentSourcedId" */
	const char *message; /* what was wrong and what capnet did */
};

struct roster_summary {
	struct roster_counts n[ROSTER_KIND_COUNT];
	size_t departments;            /* department rows folded into their parent */
	size_t skipped[OR_ROLE_COUNT]; /* users not stored, by role */
	size_t unknown_deletions;      /* tobedeleted rows naming nothing capnet has */
	size_t inactive;               /* rows with status inactive, stored inactive */
	struct roster_warning *warnings; /* in the arena given to roster_import */
	size_t nwarnings;
	int dry_run;
};

/* The users.csv roles worth reading in full (bits 1u << role) for oneroster_read. */
unsigned roster_keep_roles(void);
/* The roles never stored, in the order summaries list them: student, parent,
 * guardian, relative. */
enum { ROSTER_NOT_STORED = 4 };
extern const enum oneroster_role roster_not_stored[ROSTER_NOT_STORED];

/* Applies the bundle in. On failure nothing is written and err names the file, line
 * and column at fault. *out is filled either way (partial on failure). Scratch memory
 * comes from a and lasts until arena_free(a). */
int roster_import(struct store *db, const struct actor *who, struct arena *a,
		  const struct oneroster *in, const struct roster_opts *o,
		  struct roster_summary *out, struct cn_err *err);

/* The summary as one JSON object: modes, counts per kind, skipped users by role,
 * the inactive rows, the warnings ({file, line, column, message}) and the bundle's
 * notes. */
void roster_summary_json(struct jw *w, const struct oneroster *in, const struct roster_summary *s);

#endif
