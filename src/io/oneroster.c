/* oneroster: the bundle (manifest.csv, §2 of the CSV binding), then each data file the
 * manifest lists, each row checked and copied into the arena as a typed row. */
#include "io/oneroster.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/strmap.h"
#include "core/timeutil.h"
#include "io/bundle.h"

enum { OR_ID_MAX = 255, OR_MAX_COLS = 24 };

static const char *const or_file_names[OR_FILE_COUNT] = {"orgs.csv", "users.csv",
							 "academicSessions.csv"};
static const char *const or_manifest_keys[OR_FILE_COUNT] = {"file.orgs", "file.users",
							    "file.academicSessions"};
static const char *const or_role_names[OR_ROLE_COUNT] = {
	"administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"};
static const char *const or_org_type_names[OR_ORG_TYPE_COUNT] = {
	"department", "school", "district", "local", "state", "national"};
static const char *const or_session_type_names[OR_SESSION_TYPE_COUNT] = {
	"schoolYear", "term", "semester", "gradingPeriod"};
static const char *const or_mode_names[] = {"absent", "bulk", "delta"};

/* The other files of the 1.1 binding: capnet does not use them. */
static const char *const or_unused_files[] = {
	"categories", "classes", "classResources", "courses", "courseResources", "demographics",
	"enrollments", "lineItems", "resources", "results", NULL};

const char *oneroster_file_name(enum oneroster_file f)
{
	return or_file_names[f];
}

const char *oneroster_role_name(enum oneroster_role r)
{
	return or_role_names[r];
}

const char *oneroster_org_type_name(enum oneroster_org_type t)
{
	return or_org_type_names[t];
}

const char *oneroster_session_type_name(enum oneroster_session_type t)
{
	return or_session_type_names[t];
}

const char *oneroster_mode_name(enum oneroster_mode m)
{
	return or_mode_names[m];
}

/* Columns of each data file: the 1.1 names, which are required, and the 1.0 name
 * accepted in place of a 1.1 one. */
struct or_column {
	const char *name;
	int required;
	const char *alt;
};

enum { ORG_SOURCED, ORG_STATUS, ORG_NAME, ORG_TYPE, ORG_IDENTIFIER, ORG_PARENT, ORG_NCOLS };
static const struct or_column or_org_columns[ORG_NCOLS] = {
	[ORG_SOURCED] = {"sourcedId", 1, NULL},	  [ORG_STATUS] = {"status", 0, NULL},
	[ORG_NAME] = {"name", 1, NULL},		  [ORG_TYPE] = {"type", 1, NULL},
	[ORG_IDENTIFIER] = {"identifier", 0, NULL}, [ORG_PARENT] = {"parentSourcedId", 0, NULL},
};

enum {
	USER_SOURCED,
	USER_STATUS,
	USER_ENABLED,
	USER_ORGS,
	USER_ROLE,
	USER_USERNAME,
	USER_GIVEN,
	USER_FAMILY,
	USER_IDENTIFIER,
	USER_EMAIL,
	USER_NCOLS
};
static const struct or_column or_user_columns[USER_NCOLS] = {
	[USER_SOURCED] = {"sourcedId", 1, NULL},    [USER_STATUS] = {"status", 0, NULL},
	[USER_ENABLED] = {"enabledUser", 0, NULL},  [USER_ORGS] = {"orgSourcedIds", 1, NULL},
	[USER_ROLE] = {"role", 1, NULL},	    [USER_USERNAME] = {"username", 0, "userId"},
	[USER_GIVEN] = {"givenName", 1, NULL},	    [USER_FAMILY] = {"familyName", 1, NULL},
	[USER_IDENTIFIER] = {"identifier", 0, NULL}, [USER_EMAIL] = {"email", 0, NULL},
};

enum {
	SESSION_SOURCED,
	SESSION_STATUS,
	SESSION_TITLE,
	SESSION_TYPE,
	SESSION_START,
	SESSION_END,
	SESSION_PARENT,
	SESSION_YEAR,
	SESSION_NCOLS
};
static const struct or_column or_session_columns[SESSION_NCOLS] = {
	[SESSION_SOURCED] = {"sourcedId", 1, NULL}, [SESSION_STATUS] = {"status", 0, NULL},
	[SESSION_TITLE] = {"title", 1, NULL},	    [SESSION_TYPE] = {"type", 1, NULL},
	[SESSION_START] = {"startDate", 1, NULL},   [SESSION_END] = {"endDate", 1, NULL},
	[SESSION_PARENT] = {"parentSourcedId", 0, NULL}, [SESSION_YEAR] = {"schoolYear", 0, NULL},
};

/* Columns of 1.1 (and 1.0) that capnet reads past without using. */
static const char *const or_unused_columns[] = {
	"dateLastModified", "userIds", "middleName", "sms", "phone", "agentSourcedIds", "agents",
	"grades", "grade", "password", "userId", NULL};

static const struct or_column *const or_columns[OR_FILE_COUNT] = {
	or_org_columns, or_user_columns, or_session_columns};
static const size_t or_ncolumns[OR_FILE_COUNT] = {ORG_NCOLS, USER_NCOLS, SESSION_NCOLS};

/* One data file being read. */
struct or_ctx {
	struct arena *a;
	const struct oneroster_opts *o;
	struct oneroster *out;
	struct csvread *r;
	enum oneroster_file f;
	const char *file;
	int col[OR_MAX_COLS]; /* column index of each or_column, -1 absent */
	struct csvread_record rec;
	struct strmap *seen; /* sourcedId -> line, for duplicates */
	size_t cap;          /* of the row array being filled */
	size_t skipped_cap;
	size_t notes_cap;
};

/* Appends a note for a person reading the summary. */
static void or_note(struct oneroster *out, struct arena *a, size_t *cap, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void or_note(struct oneroster *out, struct arena *a, size_t *cap, const char *fmt, ...)
{
	out->notes = arena_grow(a, out->notes, sizeof(char *), out->nnotes, cap);
	va_list ap;
	va_start(ap, fmt);
	out->notes[out->nnotes++] = arena_vprintf(a, fmt, ap);
	va_end(ap);
}

/* An error about column c (an or_column index) of the current row. */
static int or_fail(struct or_ctx *x, int c, struct cn_err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int or_fail(struct or_ctx *x, int c, struct cn_err *err, const char *fmt, ...)
{
	char msg[400], field[140];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	const char *name = x->col[c] >= 0 ? csvread_column_name(x->r, (size_t)x->col[c])
					  : or_columns[x->f][c].name;
	snprintf(field, sizeof(field), "column \"%.100s\"", name);
	cn_err_field(err, CN_ERR_INPUT, field, "%s", msg);
	cn_err_at(err, x->file, x->rec.line, 0);
	return -1;
}

/* The trimmed value of column c in the current row ("" when the column is absent);
 * *n gets its length. Points into the reader's record. */
static const char *or_raw(const struct or_ctx *x, int c, size_t *n)
{
	if (x->col[c] < 0) {
		*n = 0;
		return "";
	}
	const char *s = x->rec.field[x->col[c]];
	size_t len = x->rec.len[x->col[c]];
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*n = len;
	return s;
}

/* The value of column c copied into the arena; NULL when empty. */
static const char *or_text(struct or_ctx *x, int c)
{
	size_t n;
	const char *s = or_raw(x, c, &n);
	return n ? arena_strndup(x->a, s, n) : NULL;
}

/* Like or_text, failing when the value is empty. */
static int or_required(struct or_ctx *x, int c, const char *what, const char **out,
		       struct cn_err *err)
{
	*out = or_text(x, c);
	if (*out == NULL)
		return or_fail(x, c, err, "is empty; every %s needs one", what);
	return 0;
}

/* Matches the value of column c against names (ignoring case); what names the set in
 * the error. */
static int or_enum(struct or_ctx *x, int c, const char *const *names, size_t count,
		   const char *what, int *out, struct cn_err *err)
{
	size_t n;
	const char *s = or_raw(x, c, &n);
	for (size_t i = 0; i < count; i++)
		if (strlen(names[i]) == n && strncasecmp(names[i], s, n) == 0) {
			*out = (int)i;
			return 0;
		}
	char list[300];
	size_t used = 0;
	list[0] = '\0';
	for (size_t i = 0; i < count && used < sizeof(list); i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "",
					 names[i]);
	if (n == 0)
		return or_fail(x, c, err, "is empty; write one of: %s", list);
	return or_fail(x, c, err, "'%.*s' is not %s (%s)", (int)(n > 80 ? 80 : n), s, what, list);
}

/* status: empty or active, tobedeleted, or 1.0's inactive (a record that exists but
 * is not active: read in full, unlike a deletion). */
static int or_status(struct or_ctx *x, int c, int *deleted, int *inactive, struct cn_err *err)
{
	size_t n;
	const char *s = or_raw(x, c, &n);
	*deleted = 0;
	*inactive = 0;
	if (n == 0 || (n == 6 && strncasecmp(s, "active", 6) == 0))
		return 0;
	if (n == 11 && strncasecmp(s, "tobedeleted", 11) == 0) {
		*deleted = 1;
		return 0;
	}
	if (n == 8 && strncasecmp(s, "inactive", 8) == 0) {
		*inactive = 1;
		return 0;
	}
	return or_fail(x, c, err,
		       "'%.*s' is not a OneRoster status (active, tobedeleted or inactive)",
		       (int)(n > 80 ? 80 : n), s);
}

/* The sourcedId, checked for length and for a second row with the same one. */
static int or_sourced_id(struct or_ctx *x, const char *what, const char **out,
			 struct cn_err *err)
{
	if (or_required(x, 0, what, out, err))
		return -1;
	if (strlen(*out) > OR_ID_MAX)
		return or_fail(x, 0, err, "is longer than %d characters", OR_ID_MAX);
	void *before = strmap_put(x->seen, *out, (void *)(intptr_t)x->rec.line);
	if (before != NULL)
		return or_fail(x, 0, err,
			       "'%s' is already the sourcedId of line %ld; each row needs its own",
			       *out, (long)(intptr_t)before);
	return 0;
}

/* A date, or the date part of a date-time. */
static int or_date(struct or_ctx *x, int c, const char **out, struct cn_err *err)
{
	size_t n;
	const char *s = or_raw(x, c, &n);
	if (n == 0)
		return or_fail(x, c, err, "is empty; write the date as YYYY-MM-DD");
	if (n > 10 && (s[10] == 'T' || s[10] == ' '))
		n = 10;
	char *d = arena_strndup(x->a, s, n);
	struct cn_err ignored = {0};
	if (n != 10 || time_check_date(d, "date", &ignored) != 0)
		return or_fail(x, c, err, "'%.*s' is not a date; write it as YYYY-MM-DD",
			       (int)(n > 40 ? 40 : n), s);
	*out = d;
	return 0;
}

static int or_read_org(struct or_ctx *x, struct cn_err *err)
{
	struct oneroster *out = x->out;
	struct oneroster_org g = {.line = x->rec.line};
	int type = 0;
	if (or_sourced_id(x, "organization", &g.sourced_id, err) ||
	    or_status(x, ORG_STATUS, &g.deleted, &g.inactive, err))
		return -1;
	if (!g.deleted) {
		if (or_required(x, ORG_NAME, "organization", &g.name, err) ||
		    or_enum(x, ORG_TYPE, or_org_type_names, OR_ORG_TYPE_COUNT,
			    "a OneRoster org type", &type, err))
			return -1;
		g.type = (enum oneroster_org_type)type;
		g.identifier = or_text(x, ORG_IDENTIFIER);
		g.parent = or_text(x, ORG_PARENT);
		if (g.parent != NULL && strcmp(g.parent, g.sourced_id) == 0)
			return or_fail(x, ORG_PARENT, err, "an organization cannot be its own parent");
	}
	out->orgs = arena_grow(x->a, out->orgs, sizeof(g), out->norgs, &x->cap);
	out->orgs[out->norgs++] = g;
	return 0;
}

/* Splits orgSourcedIds ("a,b" or "a, b") into distinct ids. */
static int or_org_list(struct or_ctx *x, struct oneroster_user *u, struct cn_err *err)
{
	size_t n;
	const char *s = or_raw(x, USER_ORGS, &n);
	size_t max = 1;
	for (size_t i = 0; i < n; i++)
		max += s[i] == ',';
	const char **ids = arena_alloc(x->a, max * sizeof(char *));
	size_t count = 0;
	for (size_t i = 0; i < n;) {
		size_t k = i;
		while (k < n && s[k] != ',')
			k++;
		size_t b = i, e = k;
		while (b < e && (s[b] == ' ' || s[b] == '\t'))
			b++;
		while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		if (e > b) {
			const char *id = arena_strndup(x->a, s + b, e - b);
			int dup = 0;
			for (size_t j = 0; j < count; j++)
				dup |= strcmp(ids[j], id) == 0;
			if (!dup)
				ids[count++] = id;
		}
		i = k + 1;
	}
	if (count == 0)
		return or_fail(x, USER_ORGS, err,
			       "is empty; list the sourcedIds of the user's organizations");
	u->orgs = ids;
	u->norgs = count;
	return 0;
}

static int or_read_user(struct or_ctx *x, struct cn_err *err)
{
	struct oneroster *out = x->out;
	struct oneroster_user u = {.line = x->rec.line, .enabled = 1};
	int role = 0;
	if (or_sourced_id(x, "user", &u.sourced_id, err) ||
	    or_status(x, USER_STATUS, &u.deleted, &u.inactive, err))
		return -1;
	size_t rn;
	or_raw(x, USER_ROLE, &rn);
	if ((!u.deleted || rn > 0) &&
	    or_enum(x, USER_ROLE, or_role_names, OR_ROLE_COUNT, "a OneRoster role", &role, err))
		return -1;
	u.role = (enum oneroster_role)role;
	if (!u.deleted || rn > 0)
		out->role_rows[u.role]++;
	/* A deletion is kept whatever the role: it only ever deactivates. */
	if (!u.deleted && !(x->o->keep_roles & (1u << u.role))) {
		struct oneroster_skipped s = {x->rec.line, u.sourced_id, u.role};
		out->skipped =
			arena_grow(x->a, out->skipped, sizeof(s), out->nskipped, &x->skipped_cap);
		out->skipped[out->nskipped++] = s;
		return 0;
	}
	if (!u.deleted) {
		size_t n;
		const char *s = or_raw(x, USER_ENABLED, &n);
		if (n == 5 && strncasecmp(s, "false", 5) == 0)
			u.enabled = 0;
		else if (n != 0 && !(n == 4 && strncasecmp(s, "true", 4) == 0))
			return or_fail(x, USER_ENABLED, err, "'%.*s' is not true or false",
				       (int)(n > 40 ? 40 : n), s);
		if (or_org_list(x, &u, err) ||
		    or_required(x, USER_GIVEN, "user", &u.given_name, err) ||
		    or_required(x, USER_FAMILY, "user", &u.family_name, err))
			return -1;
		u.username = or_text(x, USER_USERNAME);
		u.email = or_text(x, USER_EMAIL);
		u.identifier = or_text(x, USER_IDENTIFIER);
	}
	out->users = arena_grow(x->a, out->users, sizeof(u), out->nusers, &x->cap);
	out->users[out->nusers++] = u;
	return 0;
}

/* schoolYear: the year the school year ends ("2027"); "2026-2027" is taken as 2027. */
static int or_school_year(struct or_ctx *x, struct oneroster_session *s, struct cn_err *err)
{
	size_t n;
	const char *v = or_raw(x, SESSION_YEAR, &n);
	if (x->col[SESSION_YEAR] < 0) {
		int y = atoi(s->starts_on), m = atoi(s->starts_on + 5);
		s->school_year = m >= 7 ? y + 1 : y;
		return 0;
	}
	char buf[16] = "";
	if (n > 0 && n < sizeof(buf))
		memcpy(buf, v, n);
	int y1 = 0, y2 = 0, used = 0;
	if (n == 4 && sscanf(buf, "%4d%n", &y1, &used) == 1 && used == 4)
		s->school_year = y1;
	else if (n == 9 && sscanf(buf, "%4d-%4d%n", &y1, &y2, &used) == 2 && used == 9 &&
		 y2 == y1 + 1)
		s->school_year = y2;
	else
		return or_fail(x, SESSION_YEAR, err,
			       "'%.*s' is not a school year; OneRoster writes the year it ends, "
			       "e.g. 2027 for 2026-27",
			       (int)(n > 40 ? 40 : n), v);
	if (s->school_year < 1901 || s->school_year > 2200)
		return or_fail(x, SESSION_YEAR, err, "%d is out of range", s->school_year);
	return 0;
}

static int or_read_session(struct or_ctx *x, struct cn_err *err)
{
	struct oneroster *out = x->out;
	struct oneroster_session s = {.line = x->rec.line};
	int type = 0;
	if (or_sourced_id(x, "academic session", &s.sourced_id, err) ||
	    or_status(x, SESSION_STATUS, &s.deleted, &s.inactive, err))
		return -1;
	if (!s.deleted) {
		if (or_required(x, SESSION_TITLE, "academic session", &s.title, err) ||
		    or_enum(x, SESSION_TYPE, or_session_type_names, OR_SESSION_TYPE_COUNT,
			    "a OneRoster session type", &type, err) ||
		    or_date(x, SESSION_START, &s.starts_on, err) ||
		    or_date(x, SESSION_END, &s.ends_on, err) || or_school_year(x, &s, err))
			return -1;
		s.type = (enum oneroster_session_type)type;
		if (strcmp(s.ends_on, s.starts_on) < 0)
			return or_fail(x, SESSION_END, err, "%s is before the startDate %s",
				       s.ends_on, s.starts_on);
		s.parent = or_text(x, SESSION_PARENT);
		if (s.parent != NULL && strcmp(s.parent, s.sourced_id) == 0)
			return or_fail(x, SESSION_PARENT, err,
				       "an academic session cannot be its own parent");
	}
	out->sessions = arena_grow(x->a, out->sessions, sizeof(s), out->nsessions, &x->cap);
	out->sessions[out->nsessions++] = s;
	return 0;
}

static int or_is_unused_column(const char *name)
{
	if (strncasecmp(name, "ext_", 4) == 0 || strncasecmp(name, "metadata.", 9) == 0)
		return 1;
	for (size_t i = 0; or_unused_columns[i] != NULL; i++)
		if (strcasecmp(or_unused_columns[i], name) == 0)
			return 1;
	return 0;
}

/* Maps the header's columns; names every required column that is missing. */
static int or_map_columns(struct or_ctx *x, enum oneroster_file f, struct cn_err *err)
{
	const struct or_column *cols = or_columns[f];
	char missing[300] = "";
	size_t used = 0, nmissing = 0;
	for (size_t i = 0; i < or_ncolumns[f]; i++) {
		x->col[i] = csvread_column(x->r, cols[i].name);
		if (x->col[i] < 0 && cols[i].alt != NULL)
			x->col[i] = csvread_column(x->r, cols[i].alt);
		if (x->col[i] < 0 && cols[i].required && used < sizeof(missing)) {
			used += (size_t)snprintf(missing + used, sizeof(missing) - used, "%s\"%s\"",
						 nmissing ? ", " : "", cols[i].name);
			nmissing++;
		}
	}
	if (nmissing > 0) {
		cn_err_set(err, CN_ERR_INPUT,
			   "the header lacks the required column%s %s; OneRoster 1.1 names them "
			   "in its first line",
			   nmissing > 1 ? "s" : "", missing);
		cn_err_at(err, x->file, 1, 0);
		return -1;
	}
	for (size_t i = 0; i < csvread_columns(x->r); i++) {
		const char *name = csvread_column_name(x->r, i);
		int known = or_is_unused_column(name);
		for (size_t k = 0; !known && k < or_ncolumns[f]; k++)
			known = x->col[k] == (int)i;
		if (!known)
			or_note(x->out, x->a, &x->notes_cap,
				"%s: column \"%s\" is not a OneRoster 1.1 column; it was ignored",
				x->file, name);
	}
	return 0;
}

static int or_read_file(struct csvread *r, enum oneroster_file f, struct arena *a,
			const struct oneroster_opts *o, struct oneroster *out, size_t *notes_cap,
			struct cn_err *err)
{
	struct or_ctx x = {.a = a, .o = o, .out = out, .r = r, .f = f, .file = or_file_names[f]};
	x.notes_cap = *notes_cap;
	x.seen = strmap_new();
	int rc = -1;
	if (csvread_header(r, err) || or_map_columns(&x, f, err))
		goto out;
	for (;;) {
		int got = csvread_next(r, &x.rec, err);
		if (got < 0)
			goto out;
		if (got == 0)
			break;
		if ((f == OR_FILE_ORGS && or_read_org(&x, err)) ||
		    (f == OR_FILE_USERS && or_read_user(&x, err)) ||
		    (f == OR_FILE_SESSIONS && or_read_session(&x, err)))
			goto out;
	}
	if (f == OR_FILE_SESSIONS && x.col[SESSION_YEAR] < 0 && out->nsessions > 0)
		or_note(out, a, &x.notes_cap,
			"%s has no schoolYear column (OneRoster 1.0); each session's school "
			"year was taken from its startDate",
			x.file);
	rc = 0;
out:
	*notes_cap = x.notes_cap;
	strmap_free(x.seen);
	return rc;
}

int oneroster_read_csv(enum oneroster_file f, const char *data, size_t n, struct arena *a,
		       const struct oneroster_opts *o, struct oneroster *out, struct cn_err *err)
{
	struct csvread *r = csvread_new_mem(or_file_names[f], data, n, &o->limits);
	size_t notes_cap = out->nnotes; /* a fresh array is made on the next note */
	out->mode[f] = o->mode == OR_MODE_ABSENT ? OR_MODE_BULK : o->mode;
	int rc = or_read_file(r, f, a, o, out, &notes_cap, err);
	csvread_close(r);
	return rc;
}

/* manifest.csv: propertyName,value rows. Sets the mode of each file we read and
 * checks the versions; files listed but missing are errors. */
static int or_read_manifest(struct bundle *b, struct arena *a, const struct oneroster_opts *o,
			    struct oneroster *out, size_t *notes_cap, int listed[],
			    struct cn_err *err)
{
	int idx = bundle_find(b, "manifest.csv");
	if (idx < 0) {
		if (o->mode == OR_MODE_ABSENT)
			return cn_err_set(err, CN_ERR_INPUT,
					  "the bundle has no manifest.csv, so it does not say "
					  "whether its files are bulk or delta; add the manifest, "
					  "or give --mode bulk or --mode delta");
		or_note(out, a, notes_cap,
			"the bundle has no manifest.csv; its files were read as %s (--mode)",
			or_mode_names[o->mode]);
		for (int f = 0; f < OR_FILE_COUNT; f++)
			if (bundle_find(b, or_file_names[f]) >= 0) {
				out->mode[f] = o->mode;
				listed[f] = 1;
			}
		return 0;
	}
	struct csvread *r = NULL;
	if (bundle_csv(b, (size_t)idx, &o->limits, &r, err))
		return -1;
	int rc = -1, pcol, vcol, seen_version = 0;
	struct csvread_record rec;
	if (csvread_header(r, err))
		goto out;
	pcol = csvread_column(r, "propertyName");
	vcol = csvread_column(r, "value");
	if (pcol < 0 || vcol < 0) {
		cn_err_set(err, CN_ERR_INPUT,
			   "the header must name the columns \"propertyName\" and \"value\"");
		cn_err_at(err, "manifest.csv", 1, 0);
		goto out;
	}
	for (;;) {
		int got = csvread_next(r, &rec, err);
		if (got < 0)
			goto out;
		if (got == 0)
			break;
		const char *prop = rec.field[pcol], *val = rec.field[vcol];
		while (*val == ' ')
			val++;
		if (strcasecmp(prop, "oneroster.version") == 0) {
			seen_version = 1;
			if (strcmp(val, "1.1") != 0 && strcmp(val, "1.0") != 0) {
				cn_err_field(err, CN_ERR_INPUT, "column \"value\"",
					     "the bundle is OneRoster %.20s; capnet reads OneRoster "
					     "1.1 CSV (export 1.1 from the student information "
					     "system)",
					     val);
				cn_err_at(err, "manifest.csv", rec.line, 0);
				goto out;
			}
			continue;
		}
		if (strncasecmp(prop, "file.", 5) != 0)
			continue;
		int mode = -1;
		for (int m = 0; m < 3; m++)
			if (strcasecmp(val, or_mode_names[m]) == 0)
				mode = m;
		if (mode < 0) {
			cn_err_field(err, CN_ERR_INPUT, "column \"value\"",
				     "'%.40s' is not absent, bulk or delta (for %.60s)", val, prop);
			cn_err_at(err, "manifest.csv", rec.line, 0);
			goto out;
		}
		char fname[80];
		snprintf(fname, sizeof(fname), "%.70s.csv", prop + 5);
		int present = bundle_find(b, fname) >= 0;
		if (mode != OR_MODE_ABSENT && !present) {
			cn_err_set(err, CN_ERR_INPUT,
				   "%s is %s but the bundle has no %s; add the file or mark it "
				   "absent",
				   prop, or_mode_names[mode], fname);
			cn_err_at(err, "manifest.csv", rec.line, 0);
			goto out;
		}
		for (int f = 0; f < OR_FILE_COUNT; f++) {
			if (strcasecmp(prop, or_manifest_keys[f]) != 0)
				continue;
			listed[f] = 1;
			out->mode[f] = (enum oneroster_mode)mode;
			if (mode != OR_MODE_ABSENT && o->mode != OR_MODE_ABSENT)
				out->mode[f] = o->mode;
			if (mode == OR_MODE_ABSENT && present)
				or_note(out, a, notes_cap,
					"%s is in the bundle but manifest.csv marks it absent; "
					"it was not read",
					or_file_names[f]);
		}
	}
	if (!seen_version)
		or_note(out, a, notes_cap,
			"manifest.csv does not give oneroster.version; read as OneRoster 1.1");
	rc = 0;
out:
	csvread_close(r);
	return rc;
}

/* Notes the files capnet leaves alone. */
static void or_note_other_files(struct bundle *b, struct arena *a, struct oneroster *out,
				size_t *notes_cap, const int listed[])
{
	char unused[400] = "";
	size_t used = 0;
	for (size_t i = 0; i < bundle_count(b); i++) {
		const char *name = bundle_name(b, i);
		int ours = strcasecmp(name, "manifest.csv") == 0;
		for (int f = 0; f < OR_FILE_COUNT; f++)
			if (strcasecmp(name, or_file_names[f]) == 0) {
				ours = 1;
				if (!listed[f])
					or_note(out, a, notes_cap,
						"%s is in the bundle but manifest.csv does not "
						"list %s; it was not read (add \"%s,bulk\" to the "
						"manifest to import it)",
						name, or_manifest_keys[f], or_manifest_keys[f]);
			}
		if (ours)
			continue;
		int known = 0;
		for (size_t k = 0; or_unused_files[k] != NULL; k++) {
			size_t n = strlen(or_unused_files[k]);
			known |= strncasecmp(name, or_unused_files[k], n) == 0 &&
				 strcasecmp(name + n, ".csv") == 0;
		}
		if (known && used < sizeof(unused))
			used += (size_t)snprintf(unused + used, sizeof(unused) - used, "%s%s",
						 used ? ", " : "", name);
		else if (!known)
			or_note(out, a, notes_cap, "%s is not a OneRoster file; it was ignored",
				name);
	}
	if (used > 0)
		or_note(out, a, notes_cap, "not used by capnet (classes and grades stay in the "
					   "student information system): %s",
			unused);
}

int oneroster_read(const char *path, struct arena *a, const struct oneroster_opts *o,
		   struct oneroster *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	struct bundle *b = NULL;
	if (bundle_open(path, &b, err))
		return -1;
	size_t notes_cap = 0;
	int listed[OR_FILE_COUNT] = {0};
	int rc = -1;
	if (or_read_manifest(b, a, o, out, &notes_cap, listed, err))
		goto out;
	or_note_other_files(b, a, out, &notes_cap, listed);
	/* Sizes first: refuse an oversized bundle before reading any of it. */
	for (int f = 0; f < OR_FILE_COUNT; f++) {
		int i = out->mode[f] == OR_MODE_ABSENT ? -1 : bundle_find(b, or_file_names[f]);
		if (i >= 0 && bundle_check_size(b, (size_t)i, o->limits.max_bytes, err))
			goto out;
	}
	for (int f = 0; f < OR_FILE_COUNT; f++) {
		int i = out->mode[f] == OR_MODE_ABSENT ? -1 : bundle_find(b, or_file_names[f]);
		if (i < 0)
			continue;
		struct csvread *r = NULL;
		if (bundle_csv(b, (size_t)i, &o->limits, &r, err))
			goto out;
		int frc = or_read_file(r, (enum oneroster_file)f, a, o, out, &notes_cap, err);
		csvread_close(r);
		if (frc)
			goto out;
	}
	rc = 0;
out:
	bundle_close(b);
	return rc;
}
