/* oneroster: reads a OneRoster 1.1 CSV bundle (1EdTech OneRoster v1.1 CSV binding,
 * §2 manifest.csv, §3 orgs.csv, users.csv, academicSessions.csv) from a folder or a
 * .zip into typed rows that remember their file and line. Only the format is checked
 * here (columns, enumerations, dates, unique sourcedIds); what the rows mean for
 * capnet is app/roster's business. No SQL.
 *
 * Accepted beyond the letter of 1.1, because real exports do it: capitalised
 * enumerations ("Teacher"), header names in any case, vendor `ext_*` and `metadata.*`
 * columns (ignored), 1.0 column names (`userId` for username; `agents`, `grade`
 * ignored), status `inactive` (1.0: the record exists but is not active; its own
 * case, not `tobedeleted`), a date-time where a date is
 * expected (the date part is used), a missing schoolYear column (derived from
 * startDate: the school year ends in the year after a start in July or later). */
#ifndef CN_ONEROSTER_H
#define CN_ONEROSTER_H
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "io/csvread.h"

enum oneroster_file { OR_FILE_ORGS, OR_FILE_USERS, OR_FILE_SESSIONS, OR_FILE_COUNT };

enum oneroster_mode { OR_MODE_ABSENT, OR_MODE_BULK, OR_MODE_DELTA };

enum oneroster_org_type {
	OR_ORG_DEPARTMENT,
	OR_ORG_SCHOOL,
	OR_ORG_DISTRICT,
	OR_ORG_LOCAL,
	OR_ORG_STATE,
	OR_ORG_NATIONAL,
	OR_ORG_TYPE_COUNT
};

enum oneroster_role {
	OR_ROLE_ADMINISTRATOR,
	OR_ROLE_AIDE,
	OR_ROLE_GUARDIAN,
	OR_ROLE_PARENT,
	OR_ROLE_PROCTOR,
	OR_ROLE_RELATIVE,
	OR_ROLE_STUDENT,
	OR_ROLE_TEACHER,
	OR_ROLE_COUNT
};

enum oneroster_session_type {
	OR_SESSION_SCHOOL_YEAR,
	OR_SESSION_TERM,
	OR_SESSION_SEMESTER,
	OR_SESSION_GRADING_PERIOD,
	OR_SESSION_TYPE_COUNT
};

/* Rows. Text is trimmed UTF-8; optional text is NULL when empty. A row with status
 * tobedeleted (`deleted`) carries its sourcedId; its other fields may be empty. A row
 * with status inactive (`inactive`) is read in full, like an active one. */
struct oneroster_org {
	long line;
	const char *sourced_id;
	int deleted;
	int inactive;
	const char *name;
	enum oneroster_org_type type;
	const char *identifier;
	const char *parent; /* parentSourcedId */
};

struct oneroster_user {
	long line;
	const char *sourced_id;
	int deleted;
	int inactive;
	int enabled; /* enabledUser (true when empty) */
	enum oneroster_role role;
	const char *username; /* username, or 1.0's userId */
	const char *given_name, *family_name, *email, *identifier;
	const char *const *orgs; /* orgSourcedIds, without duplicates */
	size_t norgs;
};

struct oneroster_session {
	long line;
	const char *sourced_id;
	int deleted;
	int inactive;
	const char *title;
	enum oneroster_session_type type;
	const char *starts_on, *ends_on; /* YYYY-MM-DD */
	const char *parent;              /* parentSourcedId */
	int school_year;                 /* the year it ends, e.g. 2027 */
};

/* A users.csv row of a role the caller did not keep: only what identifies it. Rows
 * with status tobedeleted are always kept as users, whatever their role. */
struct oneroster_skipped {
	long line;
	const char *sourced_id;
	enum oneroster_role role;
};

struct oneroster {
	enum oneroster_mode mode[OR_FILE_COUNT]; /* ABSENT: not read */
	struct oneroster_org *orgs;
	size_t norgs;
	struct oneroster_user *users;
	size_t nusers;
	struct oneroster_session *sessions;
	size_t nsessions;
	struct oneroster_skipped *skipped;
	size_t nskipped;
	size_t role_rows[OR_ROLE_COUNT]; /* users.csv rows of each role, kept or not */
	const char **notes;              /* things a person should know, e.g. ignored files */
	size_t nnotes;
};

struct oneroster_opts {
	enum oneroster_mode mode; /* ABSENT = as manifest.csv says; else for every file */
	unsigned keep_roles;      /* bit (1u << role) set: keep users of that role */
	struct csvread_limits limits;
};

/* Reads the bundle at path (a folder or a .zip). Everything *out points to lives in a.
 * Errors name the file, line and column. */
int oneroster_read(const char *path, struct arena *a, const struct oneroster_opts *o,
		   struct oneroster *out, struct cn_err *err);
/* Reads one data file's n bytes as if it were file f of a bundle in mode o->mode
 * (BULK when ABSENT), adding its rows to *out (zero it first). For tests and fuzzing. */
int oneroster_read_csv(enum oneroster_file f, const char *data, size_t n, struct arena *a,
		       const struct oneroster_opts *o, struct oneroster *out, struct cn_err *err);

/* "orgs.csv", "users.csv", "academicSessions.csv". */
const char *oneroster_file_name(enum oneroster_file f);
/* Names as the specification spells them: "teacher", "district", "schoolYear",
 * "bulk". */
const char *oneroster_role_name(enum oneroster_role r);
const char *oneroster_org_type_name(enum oneroster_org_type t);
const char *oneroster_session_type_name(enum oneroster_session_type t);
const char *oneroster_mode_name(enum oneroster_mode m);

#endif
