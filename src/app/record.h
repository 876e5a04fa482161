/* record: declared entities. Each entity of the domain that people create, read, update
 * and list (organizations, networks, meetings, ...) is declared once as a table of typed,
 * bounded fields plus its fixed, parameterized SQL. This module validates input against
 * the declaration, runs the SQL, writes the audit event in the same transaction, and
 * renders the record as JSON. The CLI, the JSON API and the OpenAPI document are all
 * driven from the same declarations, so a rule is written once.
 *
 * SQL of an entity: built by the engine from the declaration, once per entity at its
 * first use (rec_sql), so that the column lists are written once, in the field table.
 * Every statement is parameterized and never changes afterwards:
 *   get    SELECT id, version, created_at, updated_at, <fields in order>
 *          FROM <table> WHERE id = ?1
 *   list   the same columns; WHERE (?i IS NULL OR <filter i's condition>) for each
 *          filter, AND id > ?N+1 (the cursor) ORDER BY id LIMIT ?N+2
 *   insert binds ?1..?F = fields in order, ?F+1 = created_at = updated_at; RETURNING id
 *   update binds ?1..?F = fields, ?F+1 = updated_at, ?F+2 = id, ?F+3 = version;
 *          increments version
 *   delete binds ?1 = id (entities declared deletable only)
 * tests/unit/app/record_test.c runs them on both backends and checks each table has a
 * column per field and no other.
 */
#ifndef CN_RECORD_H
#define CN_RECORD_H
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "store/store.h"

enum rec_type {
	REC_TEXT,     /* one line of text, min..max characters */
	REC_LONGTEXT, /* text that may hold new lines (notes, Markdown) */
	REC_INT,      /* integer in min..max */
	REC_BOOL,     /* true/false; stored 0/1 */
	REC_REF,      /* id of a record of entity `ref` */
	REC_ENUM,     /* one of `choices` */
	REC_DATE,     /* YYYY-MM-DD */
	REC_DATETIME, /* an instant; input as local time in the zone of field `tz_field`
		       * or with its own offset; stored UTC; shown with the local offset */
	REC_TZ,       /* an IANA zone name */
	REC_EMAIL,
	REC_URL,      /* http or https only */
	REC_SCHOOL_YEAR, /* "2026-27" */
	REC_TYPE_COUNT
};

enum rec_flag {
	REC_REQUIRED = 1 << 0, /* must be given on create; never null */
	REC_READONLY = 1 << 1, /* set by capnet (hooks, imports), never by input */
	REC_FIXED = 1 << 2,    /* given on create, never changed afterwards */
	/* REC_REF: may name a record the actor cannot read, because the entity's own
	 * policy rule judges whom it names (a membership names the person it lets the
	 * district see). Every other reference is checked, see rec_create. */
	REC_REF_UNREAD = 1 << 3,
};

struct rec_entity;

struct rec_field {
	const char *name; /* JSON key and column; the CLI flag is it with '-' for '_' */
	enum rec_type type;
	unsigned flags;
	int64_t min, max; /* text: characters (max 0 = 200); int: range */
	const char *const *choices;   /* REC_ENUM: NULL-terminated */
	const struct rec_entity *ref; /* REC_REF */
	const char *tz_field;         /* REC_DATETIME */
	const char *def;              /* default on create, as input text; NULL = null */
	const char *help;             /* one line for --help and OpenAPI */
};

struct rec_filter {
	const char *name; /* query parameter and CLI flag */
	/* The condition in the list's WHERE, each `?` standing for this filter's value
	 * ("starts_at >= ?", "name LIKE '%' || ? || '%'"); NULL: "<name> = ?". SQL, a
	 * constant; an outer reference to the row names the table ("network.id"). */
	const char *where;
	enum rec_type type;
	const char *const *choices;
	const char *help;
};

struct rec_value {
	int is_null;
	int64_t i;     /* INT, BOOL, REF */
	const char *s; /* every other type, in stored form */
};

struct rec {
	const struct rec_entity *entity;
	int64_t id;
	int64_t version;
	const char *created_at;
	const char *updated_at;
	struct rec_value *v; /* one per field, in declaration order */
	unsigned char *given; /* which fields the input set (for updates and errors) */
};

struct rec_entity {
	const char *name;   /* singular, as in the audit log: "organization" */
	const char *plural; /* API collection: "organizations" */
	const char *title;  /* for people: "organization" */
	const struct rec_field *fields;
	size_t nfields;
	const struct rec_filter *filters;
	size_t nfilters;
	const char *table; /* its table; the columns are the fields' names */
	int deletable;	   /* 1: rec_delete removes records; 0: they are never deleted */
	/* Cross-field and cross-record rules, and derived fields, after each field is
	 * valid. old is NULL on create. May change r. */
	int (*check)(struct store *db, struct arena *a, struct rec *r, const struct rec *old,
		     struct cn_err *err);
	/* Optional: rules that refuse a delete, given the record as stored; runs in the
	 * delete's transaction before anything is removed. */
	int (*check_delete)(struct store *db, struct arena *a, const struct rec *old,
			    struct cn_err *err);
	/* Optional: runs after a create or update is stored, in its transaction, with
	 * the saved record: for data derived from it, such as its search index entry. */
	int (*after_write)(struct store *db, struct arena *a, const struct rec *saved,
			   struct cn_err *err);
	/* Optional: a REF field to person naming who recorded the record ("author_id").
	 * When the actor is a person, create sets it to them, and input naming anyone else
	 * (on create or update) is refused with the field named; the system actor (the
	 * CLI's operator, imports, the demo) may name the person. */
	const char *actor_field;
};

/* A new record of entity e with every field null (defaults are applied by create).
 * Lives in a. */
struct rec *rec_new(struct arena *a, const struct rec_entity *e);
/* The field's index, or -1. */
int rec_field_index(const struct rec_entity *e, const char *name);
/* The choice input names, ignoring case and taking '-' and ' ' for '_' ("K-2" names
 * "k_2"), or NULL. choices is NULL-terminated. */
const char *rec_choice_find(const char *const *choices, const char *input);

/* Field names. Every rec_set_*, rec_put_*, rec_text, rec_int, rec_is_null and
 * rec_changes_only call must name a field the record's entity declares: an unknown name
 * is a bug in capnet, and the call aborts with a message naming the entity and the
 * field, so that a misspelt name fails the first test that runs it. Input from people
 * (JSON keys, CLI flags, form names) is checked with rec_field_index first; code that
 * serves several entities asks rec_has. */
/* 1 when r's entity declares field. */
int rec_has(const struct rec *r, const char *field);

/* Setting input. These check the value's form only (type, length, choice) and name
 * the field in err; rules across fields and records run in rec_create/rec_update.
 * Setting a READONLY field is refused unless `trusted` (imports, hooks, demo). */
int rec_set_text(struct rec *r, struct arena *a, const char *field, const char *value,
		 struct cn_err *err);
int rec_set_int(struct rec *r, const char *field, int64_t value, struct cn_err *err);
int rec_set_null(struct rec *r, const char *field, struct cn_err *err);
/* The same without the READONLY check, for capnet's own code. */
int rec_put_text(struct rec *r, struct arena *a, const char *field, const char *value,
		 struct cn_err *err);
int rec_put_int(struct rec *r, const char *field, int64_t value, struct cn_err *err);

/* Reading a field by name (it must exist, see above): text NULL / int 0 when null. */
const char *rec_text(const struct rec *r, const char *field);
int64_t rec_int(const struct rec *r, const char *field);
int rec_is_null(const struct rec *r, const char *field);
/* 1 when r (an update of old, same entity) differs from old in no field but field. */
int rec_changes_only(const struct rec *r, const struct rec *old, const char *field);

/* References: every non-null REC_REF field must name an existing record, and one
 * that the acting person may read (policy_check_ref in policy.h: the same refusal,
 * naming the field, whether the record is missing or unreadable). The read check
 * covers the references the input sets or changes and those the entity's check hook
 * derives from them; not REC_READONLY ones, which capnet itself sets, nor
 * REC_REF_UNREAD ones. The system actor (who NULL or is_system) may name any record.
 *
 * Creates r (id, version, times filled in). One transaction with its audit event. */
int rec_create(struct store *db, const struct actor *who, struct arena *a, struct rec *r,
	       struct cn_err *err);
/* Reads record id of entity e into a new record in a. CN_ERR_NOT_FOUND if absent. */
int rec_get(struct store *db, struct arena *a, const struct rec_entity *e, int64_t id,
	    struct rec **out, struct cn_err *err);
/* Applies the fields `changes` gave onto the stored record id and saves it. When
 * expected_version is not 0 and the stored version differs: CN_ERR_STALE. *out (may be
 * NULL) gets the saved record. */
int rec_update(struct store *db, const struct actor *who, struct arena *a, int64_t id,
	       int64_t expected_version, const struct rec *changes, struct rec **out,
	       struct cn_err *err);
/* Deletes (deletable entities only); CN_ERR_CONFLICT if other records use it. */
int rec_delete(struct store *db, const struct actor *who, struct arena *a,
	       const struct rec_entity *e, int64_t id, int64_t expected_version,
	       struct cn_err *err);

struct rec_query {
	const char *filter[8]; /* input text per declared filter, NULL = none */
	int64_t cursor;        /* list ids after this one */
	int limit;             /* 1..REC_LIST_MAX; 0 = REC_LIST_DEFAULT */
};
enum { REC_LIST_DEFAULT = 50, REC_LIST_MAX = 1000 };

struct rec_list {
	struct rec **items;
	size_t count;
	int64_t next_cursor; /* 0 when this was the last page */
};

/* Lists records matching q, validating each filter (named in err). */
int rec_list(struct store *db, struct arena *a, const struct rec_entity *e,
	     const struct rec_query *q, struct rec_list *out, struct cn_err *err);
/* Runs "SELECT <the get columns> FROM <table> " followed by tail (a constant such as
 * "WHERE meeting_id = ?1 ORDER BY position, id") with ?1 bound to param, and collects
 * every row (for fixed orderings such as an agenda). The statement is built once per
 * entity and tail. */
int rec_list_where(struct store *db, struct arena *a, const struct rec_entity *e, const char *tail,
		   int64_t param, struct rec_list *out, struct cn_err *err);

/* The statements the engine runs for e (see the top of this file), built on first use
 * and kept for the life of the process; thread-safe. del is NULL unless deletable. */
struct rec_sql {
	const char *get, *list, *insert, *update, *del;
};
const struct rec_sql *rec_sql(const struct rec_entity *e);
/* The statement rec_list_where runs for e and tail, built once. */
const char *rec_sql_where(const struct rec_entity *e, const char *tail);
/* Index of filter name in e, or -1. */
int rec_filter_index(const struct rec_entity *e, const char *name);

/* {"id":..,"version":..,<fields>,"created_at":..,"updated_at":..} */
void rec_to_json(struct jw *w, const struct rec *r);
/* rec_to_json as text allocated in a (for audit events and snapshots). */
char *rec_json_text(struct arena *a, const struct rec *r);
/* The same members without the braces, for a caller that adds its own to the object. */
void rec_fields_json(struct jw *w, const struct rec *r);
/* The ETag of a record version: "\"<id>-<version>\"" into out. */
void rec_etag(const struct rec *r, char *out, size_t size);

#endif
