/* record: the engine behind declared entities (see record.h for the SQL contract). */
#include "app/record.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/access/policy.h"
#include "app/audit.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/utf8.h"

enum { REC_TEXT_MAX = 200, REC_LONGTEXT_MAX = 100000, REC_URL_MAX = 2000, REC_EMAIL_MAX = 254 };

static const char *const rec_type_names[REC_TYPE_COUNT] = {
	[REC_TEXT] = "text",
	[REC_LONGTEXT] = "text",
	[REC_INT] = "a whole number",
	[REC_BOOL] = "true or false",
	[REC_REF] = "an id",
	[REC_ENUM] = "a choice",
	[REC_DATE] = "a date",
	[REC_DATETIME] = "a date and time",
	[REC_TZ] = "a time zone",
	[REC_EMAIL] = "an email address",
	[REC_URL] = "a web address",
	[REC_SCHOOL_YEAR] = "a school year",
};

struct rec *rec_new(struct arena *a, const struct rec_entity *e)
{
	struct rec *r = arena_alloc(a, sizeof(*r));
	r->entity = e;
	r->v = arena_alloc(a, sizeof(struct rec_value) * (e->nfields ? e->nfields : 1));
	r->given = arena_alloc(a, e->nfields ? e->nfields : 1);
	for (size_t i = 0; i < e->nfields; i++)
		r->v[i].is_null = 1;
	return r;
}

int rec_field_index(const struct rec_entity *e, const char *name)
{
	for (size_t i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

int rec_filter_index(const struct rec_entity *e, const char *name)
{
	for (size_t i = 0; i < e->nfilters; i++)
		if (strcmp(e->filters[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int rec_is_int_type(enum rec_type t)
{
	return t == REC_INT || t == REC_BOOL || t == REC_REF;
}

/* Copies s without leading and trailing ASCII white space into a. */
static char *rec_trim(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return arena_strndup(a, s, n);
}

static void rec_choices_list(const char *const *choices, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; choices[i] != NULL && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s", i ? ", " : "", choices[i]);
}

const char *rec_choice_find(const char *const *choices, const char *in)
{
	for (size_t i = 0; choices[i] != NULL; i++) {
		const char *c = choices[i];
		size_t k = 0;
		for (; c[k] != '\0' && in[k] != '\0'; k++) {
			char x = (char)tolower((unsigned char)in[k]);
			if (x == '-' || x == ' ')
				x = '_';
			if (x != (char)tolower((unsigned char)c[k]))
				break;
		}
		if (c[k] == '\0' && in[k] == '\0')
			return c;
	}
	return NULL;
}

static int rec_check_text(const char *name, enum rec_type type, int64_t min, int64_t max,
			  const char *s, struct cn_err *err)
{
	size_t n = strlen(s);
	size_t bad = 0;
	if (!utf8_valid(s, n, &bad))
		return cn_err_field(err, CN_ERR_INPUT, name,
				    "is not valid UTF-8 text (byte %zu); save the file as UTF-8",
				    bad + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int allowed_space = type == REC_LONGTEXT && (c == '\n' || c == '\t' || c == '\r');
		if ((c < 0x20 && !allowed_space) || c == 0x7f)
			return cn_err_field(err, CN_ERR_INPUT, name,
					    type == REC_LONGTEXT
						    ? "has a control character at byte %zu"
						    : "must be one line (control character at byte %zu)",
					    i + 1);
	}
	size_t chars = utf8_length(s, n);
	if (max == 0)
		max = type == REC_LONGTEXT ? REC_LONGTEXT_MAX : REC_TEXT_MAX;
	if ((int64_t)chars > max)
		return cn_err_field(err, CN_ERR_INPUT, name,
				    "is %zu characters long; at most %lld are allowed", chars,
				    (long long)max);
	if ((int64_t)chars < min)
		return cn_err_field(err, CN_ERR_INPUT, name, "needs at least %lld characters",
				    (long long)min);
	return 0;
}

static int rec_parse_int(const char *name, const char *s, int64_t *out, struct cn_err *err)
{
	char *end = NULL;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0)
		return cn_err_field(err, CN_ERR_INPUT, name, "'%s' is not a whole number", s);
	*out = v;
	return 0;
}

static int rec_check_email(const char *name, const char *s, struct cn_err *err)
{
	const char *at = strchr(s, '@');
	size_t n = strlen(s);
	int ok = at != NULL && at != s && strchr(at + 1, '@') == NULL &&
		 strchr(at + 1, '.') != NULL && at[1] != '.' && s[n - 1] != '.' &&
		 n <= REC_EMAIL_MAX;
	for (size_t i = 0; ok && i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '<' || s[i] == '>' || s[i] == '"' ||
		    s[i] == ',' || s[i] == ';')
			ok = 0;
	if (!ok)
		return cn_err_field(err, CN_ERR_INPUT, name,
				    "'%s' is not an email address like name@district.org", s);
	return 0;
}

static int rec_check_url(const char *name, const char *s, struct cn_err *err)
{
	size_t n = strlen(s);
	int ok = (strncasecmp(s, "https://", 8) == 0 && n > 8) ||
		 (strncasecmp(s, "http://", 7) == 0 && n > 7);
	for (size_t i = 0; ok && i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '"' || s[i] == '<' || s[i] == '>' ||
		    s[i] == 0x7f)
			ok = 0;
	if (!ok || n > REC_URL_MAX)
		return cn_err_field(err, CN_ERR_INPUT, name,
				    "'%.80s' is not a web address starting with https://", s);
	return 0;
}

static int rec_check_school_year(const char *name, const char *s, struct cn_err *err)
{
	int y = 0, yy = 0;
	if (strlen(s) != 7 || s[4] != '-' || sscanf(s, "%4d-%2d", &y, &yy) != 2 || y < 2000 ||
	    y > 2199 || yy != (y + 1) % 100)
		return cn_err_field(err, CN_ERR_INPUT, name,
				    "'%s' is not a school year; write it like 2026-27", s);
	return 0;
}

/* Parses input text for a field or filter of the given type into stored form. */
static int rec_parse(const char *name, enum rec_type type, unsigned flags, int64_t min,
		     int64_t max, const char *const *choices, struct arena *a, const char *input,
		     struct rec_value *out, struct cn_err *err)
{
	char *s = rec_trim(a, input);
	if (s[0] == '\0') {
		if (flags & REC_REQUIRED)
			return cn_err_field(err, CN_ERR_INPUT, name, "is required");
		out->is_null = 1;
		out->s = NULL;
		out->i = 0;
		return 0;
	}
	out->is_null = 0;
	out->s = s;
	out->i = 0;
	if (type != REC_TEXT && type != REC_LONGTEXT && rec_check_text(name, REC_TEXT, 0, 4000, s, err))
		return -1;
	switch (type) {
	case REC_TEXT:
	case REC_LONGTEXT:
		return rec_check_text(name, type, min ? min : 1, max, s, err);
	case REC_INT:
		if (rec_parse_int(name, s, &out->i, err))
			return -1;
		if ((min || max) && (out->i < min || out->i > max))
			return cn_err_field(err, CN_ERR_INPUT, name,
					    "%lld is out of range; use %lld to %lld",
					    (long long)out->i, (long long)min, (long long)max);
		return 0;
	case REC_REF:
		if (rec_parse_int(name, s, &out->i, err) || out->i <= 0)
			return cn_err_field(err, CN_ERR_INPUT, name, "'%s' is not an id", s);
		return 0;
	case REC_BOOL:
		if (!strcasecmp(s, "true") || !strcasecmp(s, "yes") || !strcmp(s, "1"))
			out->i = 1;
		else if (!strcasecmp(s, "false") || !strcasecmp(s, "no") || !strcmp(s, "0"))
			out->i = 0;
		else
			return cn_err_field(err, CN_ERR_INPUT, name,
					    "'%s' is not true or false", s);
		return 0;
	case REC_ENUM: {
		const char *c = rec_choice_find(choices, s);
		if (c == NULL) {
			char list[400];
			rec_choices_list(choices, list, sizeof(list));
			return cn_err_field(err, CN_ERR_INPUT, name, "'%s' is not one of: %s", s,
					    list);
		}
		out->s = c;
		return 0;
	}
	case REC_DATE:
		return time_check_date(s, name, err);
	case REC_DATETIME:
		return 0; /* converted once the zone is known: rec_normalize_times */
	case REC_TZ:
		if (!time_tz_valid(s))
			return cn_err_field(err, CN_ERR_INPUT, name,
					    "'%s' is not a known time zone; use a name such as "
					    "America/New_York or America/Chicago",
					    s);
		return 0;
	case REC_EMAIL:
		for (char *p = s; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		return rec_check_email(name, s, err);
	case REC_URL:
		return rec_check_url(name, s, err);
	case REC_SCHOOL_YEAR:
		return rec_check_school_year(name, s, err);
	case REC_TYPE_COUNT:
		break;
	}
	return cn_err_field(err, CN_ERR_INTERNAL, name, "has an unknown type");
}

/* The index of field in r's entity. A name the entity does not declare is a mistake in
 * capnet's own code (input names are checked against the declaration before they get
 * here), so it stops the program, naming both, at the first test that runs it. */
static int rec_index(const struct rec *r, const char *field)
{
	int i = rec_field_index(r->entity, field);
	if (i < 0) {
		fprintf(stderr, "capnet: bug: %s has no field \"%s\"\n", r->entity->name, field);
		abort();
	}
	return i;
}

int rec_has(const struct rec *r, const char *field)
{
	return rec_field_index(r->entity, field) >= 0;
}

static const struct rec_field *rec_find(const struct rec *r, const char *field, int *idx)
{
	*idx = rec_index(r, field);
	return &r->entity->fields[*idx];
}

int rec_put_text(struct rec *r, struct arena *a, const char *field, const char *value,
		 struct cn_err *err)
{
	int i;
	const struct rec_field *f = rec_find(r, field, &i);
	if (value == NULL)
		return rec_set_null(r, field, err);
	struct rec_value v;
	if (rec_parse(f->name, f->type, f->flags, f->min, f->max, f->choices, a, value, &v, err))
		return -1;
	r->v[i] = v;
	r->given[i] = 1;
	return 0;
}

int rec_set_text(struct rec *r, struct arena *a, const char *field, const char *value,
		 struct cn_err *err)
{
	int i;
	const struct rec_field *f = rec_find(r, field, &i);
	if (f->flags & REC_READONLY)
		return cn_err_field(err, CN_ERR_INPUT, field, "is set by capnet and cannot be given");
	return rec_put_text(r, a, field, value, err);
}

int rec_put_int(struct rec *r, const char *field, int64_t value, struct cn_err *err)
{
	int i;
	const struct rec_field *f = rec_find(r, field, &i);
	if (!rec_is_int_type(f->type))
		return cn_err_field(err, CN_ERR_INPUT, field, "must be %s, not a number",
				    rec_type_names[f->type]);
	if (f->type == REC_BOOL && value != 0 && value != 1)
		return cn_err_field(err, CN_ERR_INPUT, field, "must be true or false");
	if (f->type == REC_REF && value <= 0)
		return cn_err_field(err, CN_ERR_INPUT, field, "%lld is not an id", (long long)value);
	if (f->type == REC_INT && (f->min || f->max) && (value < f->min || value > f->max))
		return cn_err_field(err, CN_ERR_INPUT, field, "%lld is out of range; use %lld to %lld",
				    (long long)value, (long long)f->min, (long long)f->max);
	r->v[i].is_null = 0;
	r->v[i].i = value;
	r->v[i].s = NULL;
	r->given[i] = 1;
	return 0;
}

int rec_set_int(struct rec *r, const char *field, int64_t value, struct cn_err *err)
{
	int i;
	const struct rec_field *f = rec_find(r, field, &i);
	if (f->flags & REC_READONLY)
		return cn_err_field(err, CN_ERR_INPUT, field, "is set by capnet and cannot be given");
	return rec_put_int(r, field, value, err);
}

int rec_set_null(struct rec *r, const char *field, struct cn_err *err)
{
	int i;
	const struct rec_field *f = rec_find(r, field, &i);
	if (f->flags & REC_REQUIRED)
		return cn_err_field(err, CN_ERR_INPUT, field, "is required and cannot be empty");
	r->v[i].is_null = 1;
	r->v[i].i = 0;
	r->v[i].s = NULL;
	r->given[i] = 1;
	return 0;
}

const char *rec_text(const struct rec *r, const char *field)
{
	int i = rec_index(r, field);
	return r->v[i].is_null ? NULL : r->v[i].s;
}

int64_t rec_int(const struct rec *r, const char *field)
{
	int i = rec_index(r, field);
	return r->v[i].is_null ? 0 : r->v[i].i;
}

int rec_is_null(const struct rec *r, const char *field)
{
	return r->v[rec_index(r, field)].is_null;
}

/* 1 when field f holds the same value in x and y. */
static int rec_value_same(const struct rec_field *f, const struct rec_value *x,
			  const struct rec_value *y)
{
	return x->is_null == y->is_null &&
	       (x->is_null || (rec_is_int_type(f->type) ? x->i == y->i : strcmp(x->s, y->s) == 0));
}

int rec_changes_only(const struct rec *r, const struct rec *old, const char *field)
{
	const struct rec_entity *e = r->entity;
	(void)rec_index(r, field);
	for (size_t i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, field) != 0 &&
		    !rec_value_same(&e->fields[i], &r->v[i], &old->v[i]))
			return 0;
	return 1;
}

/* Reads one row laid out as the SQL contract says. */
static struct rec *rec_read_row(struct store_stmt *q, struct arena *a, const struct rec_entity *e)
{
	struct rec *r = rec_new(a, e);
	r->id = store_col_int(q, 0);
	r->version = store_col_int(q, 1);
	r->created_at = store_col_dup(q, 2, a);
	r->updated_at = store_col_dup(q, 3, a);
	for (size_t i = 0; i < e->nfields; i++) {
		int col = (int)i + 4;
		r->v[i].is_null = store_col_is_null(q, col);
		if (r->v[i].is_null)
			continue;
		if (rec_is_int_type(e->fields[i].type))
			r->v[i].i = store_col_int(q, col);
		else
			r->v[i].s = store_col_dup(q, col, a);
	}
	return r;
}

int rec_get(struct store *db, struct arena *a, const struct rec_entity *e, int64_t id,
	    struct rec **out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, rec_sql(e)->get, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	if (rc == 1)
		*out = rec_read_row(q, a, e);
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no %s with id %lld", e->title,
				  (long long)id);
	return rc < 0 ? -1 : 0;
}

/* Binds field i of r at parameter idx. */
static void rec_bind(struct store_stmt *q, int idx, const struct rec_field *f,
		     const struct rec_value *v)
{
	if (v->is_null)
		store_bind_null(q, idx);
	else if (rec_is_int_type(f->type))
		store_bind_int(q, idx, v->i);
	else
		store_bind_text(q, idx, v->s);
}

/* Converts DATETIME fields given as input into UTC now that the zone is known. */
static int rec_normalize_times(struct rec *r, struct arena *a, struct cn_err *err)
{
	const struct rec_entity *e = r->entity;
	for (size_t i = 0; i < e->nfields; i++) {
		const struct rec_field *f = &e->fields[i];
		if (f->type != REC_DATETIME || !r->given[i] || r->v[i].is_null)
			continue;
		const char *tz = f->tz_field ? rec_text(r, f->tz_field) : NULL;
		time_t t;
		if (time_parse_local(r->v[i].s, tz, f->name, &t, err))
			return -1;
		char utc[TIME_ISO_LEN];
		time_format_utc(t, utc);
		r->v[i].s = arena_strdup(a, utc);
	}
	return 0;
}

static int rec_check_required(const struct rec *r, struct cn_err *err)
{
	const struct rec_entity *e = r->entity;
	for (size_t i = 0; i < e->nfields; i++)
		if ((e->fields[i].flags & REC_REQUIRED) && r->v[i].is_null)
			return cn_err_field(err, CN_ERR_INPUT, e->fields[i].name, "is required");
	return 0;
}

/* The reference values of r, to tell afterwards which ones the check hook set. */
static int64_t *rec_ref_values(struct arena *a, const struct rec *r)
{
	const struct rec_entity *e = r->entity;
	int64_t *v = arena_alloc(a, sizeof(int64_t) * (e->nfields ? e->nfields : 1));
	for (size_t i = 0; i < e->nfields; i++)
		v[i] = r->v[i].is_null ? 0 : r->v[i].i;
	return v;
}

/* Every non-null reference must name an existing record, and the acting person must
 * be allowed to read each one r names anew: those that differ from old (all of them
 * on create, old NULL). With checked NULL every reference is looked at (before the
 * check hook); else only those that differ from checked too (after it, so that what
 * the hook derived is checked as well). *p is the actor's policy, made on first use. */
static int rec_check_refs(struct store *db, struct arena *a, const struct actor *who,
			  const struct rec *r, const struct rec *old, const int64_t *checked,
			  struct policy **p, struct cn_err *err)
{
	const struct rec_entity *e = r->entity;
	int person = who != NULL && !who->is_system;
	for (size_t i = 0; i < e->nfields; i++) {
		const struct rec_field *f = &e->fields[i];
		int64_t id = r->v[i].is_null ? 0 : r->v[i].i;
		if (f->type != REC_REF || f->ref == NULL || id == 0 ||
		    (checked != NULL && checked[i] == id))
			continue;
		int anew = old == NULL || old->v[i].is_null || old->v[i].i != id;
		if (person && anew && !(f->flags & (REC_READONLY | REC_REF_UNREAD))) {
			if (*p == NULL)
				*p = policy_new(a, db, who);
			if (policy_check_ref(*p, f->ref, id, f->name, err))
				return -1;
			continue;
		}
		struct rec *target = NULL;
		if (checked == NULL && rec_get(db, a, f->ref, id, &target, err) != 0) {
			if (err->kind == CN_ERR_NOT_FOUND)
				return cn_err_field(err, CN_ERR_INPUT, f->name,
						    "there is no %s with id %lld", f->ref->title,
						    (long long)id);
			return -1;
		}
	}
	return 0;
}

char *rec_json_text(struct arena *a, const struct rec *r)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	rec_to_json(&w, r);
	char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

static void rec_apply_defaults(struct rec *r, struct arena *a)
{
	const struct rec_entity *e = r->entity;
	for (size_t i = 0; i < e->nfields; i++) {
		const struct rec_field *f = &e->fields[i];
		if (r->given[i] || f->def == NULL)
			continue;
		struct rec_value v;
		if (rec_parse(f->name, f->type, 0, f->min, f->max, f->choices, a, f->def, &v, NULL) == 0)
			r->v[i] = v;
	}
}

/* 1 if the entity names who recorded it and the actor is a person. */
static int rec_by_person(const struct rec_entity *e, const struct actor *who)
{
	return e->actor_field != NULL && who != NULL && who->person_id != 0;
}

/* Refuses input (r) whose actor_field names anyone but the actor, when a person. */
static int rec_actor_check(const struct actor *who, const struct rec *r, struct cn_err *err)
{
	const struct rec_entity *e = r->entity;
	if (!rec_by_person(e, who))
		return 0;
	int i = rec_field_index(e, e->actor_field);
	if (r->given[i] && (r->v[i].is_null || r->v[i].i != who->person_id))
		return cn_err_field(err, CN_ERR_INPUT, e->actor_field,
				    "is set by capnet to the person who records the %s and cannot "
				    "be given; leave it out",
				    e->title);
	return 0;
}

int rec_create(struct store *db, const struct actor *who, struct arena *a, struct rec *r,
	       struct cn_err *err)
{
	const struct rec_entity *e = r->entity;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	if (rec_actor_check(who, r, err) ||
	    (rec_by_person(e, who) && rec_put_int(r, e->actor_field, who->person_id, err)))
		return -1;
	rec_apply_defaults(r, a);
	if (rec_normalize_times(r, a, err) || rec_check_required(r, err))
		return -1;
	if (store_begin(db, err))
		return -1;
	struct policy *p = NULL;
	if (rec_check_refs(db, a, who, r, NULL, NULL, &p, err))
		goto fail;
	int64_t *checked = rec_ref_values(a, r);
	if (e->check != NULL && e->check(db, a, r, NULL, err))
		goto fail;
	if (rec_check_required(r, err) || rec_check_refs(db, a, who, r, NULL, checked, &p, err))
		goto fail;
	struct store_stmt *q = store_prepare(db, rec_sql(e)->insert, err);
	if (q == NULL)
		goto fail;
	for (size_t i = 0; i < e->nfields; i++)
		rec_bind(q, (int)i + 1, &e->fields[i], &r->v[i]);
	store_bind_text(q, (int)e->nfields + 1, now);
	int rc = store_step(q, err);
	int64_t id = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc != 1) {
		if (rc == 0)
			cn_err_set(err, CN_ERR_INTERNAL, "the %s was not stored", e->title);
		goto fail;
	}
	struct rec *saved = NULL;
	if (rec_get(db, a, e, id, &saved, err))
		goto fail;
	if (e->after_write != NULL && e->after_write(db, a, saved, err))
		goto fail;
	if (audit_record(db, who, "create", e->name, id, NULL, rec_json_text(a, saved), err))
		goto fail;
	if (store_commit(db, err))
		return -1;
	r->id = saved->id;
	r->version = saved->version;
	r->created_at = saved->created_at;
	r->updated_at = saved->updated_at;
	memcpy(r->v, saved->v, sizeof(struct rec_value) * e->nfields);
	return 0;
fail:
	store_rollback(db);
	return -1;
}

static int rec_stale(struct cn_err *err, const struct rec *old)
{
	return cn_err_set(err, CN_ERR_STALE,
			  "the %s %lld was changed by someone else since you read it (it is now "
			  "version %lld); reload it and make your change again",
			  old->entity->title, (long long)old->id, (long long)old->version);
}

int rec_update(struct store *db, const struct actor *who, struct arena *a, int64_t id,
	       int64_t expected_version, const struct rec *changes, struct rec **out,
	       struct cn_err *err)
{
	const struct rec_entity *e = changes->entity;
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	if (store_begin(db, err))
		return -1;
	struct rec *old = NULL;
	if (rec_actor_check(who, changes, err) || rec_get(db, a, e, id, &old, err))
		goto fail;
	if (expected_version != 0 && old->version != expected_version) {
		rec_stale(err, old);
		goto fail;
	}
	struct rec *r = rec_new(a, e);
	r->id = old->id;
	r->version = old->version;
	r->created_at = old->created_at;
	memcpy(r->v, old->v, sizeof(struct rec_value) * e->nfields);
	for (size_t i = 0; i < e->nfields; i++) {
		if (!changes->given[i])
			continue;
		const struct rec_field *f = &e->fields[i];
		const struct rec_value *nv = &changes->v[i], *ov = &old->v[i];
		if ((f->flags & REC_FIXED) && !rec_value_same(f, nv, ov)) {
			cn_err_field(err, CN_ERR_INPUT, f->name, "cannot be changed after creation");
			goto fail;
		}
		r->v[i] = *nv;
		r->given[i] = 1;
	}
	struct policy *p = NULL;
	if (rec_normalize_times(r, a, err) || rec_check_required(r, err) ||
	    rec_check_refs(db, a, who, r, old, NULL, &p, err))
		goto fail;
	int64_t *checked = rec_ref_values(a, r);
	if (e->check != NULL && e->check(db, a, r, old, err))
		goto fail;
	if (rec_check_refs(db, a, who, r, old, checked, &p, err))
		goto fail;
	struct store_stmt *q = store_prepare(db, rec_sql(e)->update, err);
	if (q == NULL)
		goto fail;
	int n = (int)e->nfields;
	for (int i = 0; i < n; i++)
		rec_bind(q, i + 1, &e->fields[i], &r->v[i]);
	store_bind_text(q, n + 1, now);
	store_bind_int(q, n + 2, id);
	store_bind_int(q, n + 3, old->version);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (store_changes(db) != 1) {
		rec_stale(err, old);
		goto fail;
	}
	struct rec *saved = NULL;
	if (rec_get(db, a, e, id, &saved, err))
		goto fail;
	if (e->after_write != NULL && e->after_write(db, a, saved, err))
		goto fail;
	if (audit_record(db, who, "update", e->name, id, rec_json_text(a, old),
			 rec_json_text(a, saved), err))
		goto fail;
	if (store_commit(db, err))
		return -1;
	if (out != NULL)
		*out = saved;
	return 0;
fail:
	store_rollback(db);
	return -1;
}

int rec_delete(struct store *db, const struct actor *who, struct arena *a,
	       const struct rec_entity *e, int64_t id, int64_t expected_version,
	       struct cn_err *err)
{
	if (!e->deletable)
		return cn_err_set(err, CN_ERR_CONFLICT,
				  "a %s is never deleted, so that its history stays whole; set "
				  "it inactive instead",
				  e->title);
	if (store_begin(db, err))
		return -1;
	struct rec *old = NULL;
	if (rec_get(db, a, e, id, &old, err))
		goto fail;
	if (expected_version != 0 && old->version != expected_version) {
		rec_stale(err, old);
		goto fail;
	}
	if (e->check_delete != NULL && e->check_delete(db, a, old, err))
		goto fail;
	struct store_stmt *q = store_prepare(db, rec_sql(e)->del, err);
	if (q == NULL)
		goto fail;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0) {
		if (err->kind == CN_ERR_CONFLICT)
			cn_err_set(err, CN_ERR_CONFLICT,
				   "the %s %lld is still used by other records; remove those first",
				   e->title, (long long)id);
		goto fail;
	}
	if (audit_record(db, who, "delete", e->name, id, rec_json_text(a, old), NULL, err))
		goto fail;
	return store_commit(db, err);
fail:
	store_rollback(db);
	return -1;
}

int rec_list(struct store *db, struct arena *a, const struct rec_entity *e,
	     const struct rec_query *in, struct rec_list *out, struct cn_err *err)
{
	int limit = in->limit ? in->limit : REC_LIST_DEFAULT;
	if (limit < 1 || limit > REC_LIST_MAX)
		return cn_err_field(err, CN_ERR_INPUT, "limit", "%d is out of range; use 1 to %d",
				    limit, REC_LIST_MAX);
	if (in->cursor < 0)
		return cn_err_field(err, CN_ERR_INPUT, "cursor", "is not a valid cursor");
	struct rec_value fv[8];
	size_t nf = e->nfilters < 8 ? e->nfilters : 8;
	for (size_t i = 0; i < nf; i++) {
		const struct rec_filter *f = &e->filters[i];
		fv[i].is_null = 1;
		if (in->filter[i] == NULL)
			continue;
		if (rec_parse(f->name, f->type, 0, 0, 0, f->choices, a, in->filter[i], &fv[i], err))
			return -1;
	}
	struct store_stmt *q = store_prepare(db, rec_sql(e)->list, err);
	if (q == NULL)
		return -1;
	for (size_t i = 0; i < nf; i++) {
		if (fv[i].is_null)
			store_bind_null(q, (int)i + 1);
		else if (rec_is_int_type(e->filters[i].type))
			store_bind_int(q, (int)i + 1, fv[i].i);
		else
			store_bind_text(q, (int)i + 1, fv[i].s);
	}
	store_bind_int(q, (int)nf + 1, in->cursor);
	store_bind_int(q, (int)nf + 2, limit + 1);
	out->items = arena_alloc(a, sizeof(struct rec *) * ((size_t)limit + 1));
	out->count = 0;
	out->next_cursor = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		if (out->count == (size_t)limit) {
			out->next_cursor = out->items[out->count - 1]->id;
			break;
		}
		out->items[out->count++] = rec_read_row(q, a, e);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int rec_list_where(struct store *db, struct arena *a, const struct rec_entity *e, const char *tail,
		   int64_t param, struct rec_list *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, rec_sql_where(e, tail), err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, param);
	size_t cap = 16;
	out->items = arena_alloc(a, sizeof(struct rec *) * cap);
	out->count = 0;
	out->next_cursor = 0;
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		if (out->count == cap) {
			struct rec **bigger = arena_alloc(a, sizeof(struct rec *) * cap * 2);
			memcpy(bigger, out->items, sizeof(struct rec *) * cap);
			out->items = bigger;
			cap *= 2;
		}
		out->items[out->count++] = rec_read_row(q, a, e);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}

void rec_to_json(struct jw *w, const struct rec *r)
{
	jw_obj_begin(w);
	rec_fields_json(w, r);
	jw_obj_end(w);
}

void rec_fields_json(struct jw *w, const struct rec *r)
{
	const struct rec_entity *e = r->entity;
	jw_kv_int(w, "id", r->id);
	jw_kv_int(w, "version", r->version);
	for (size_t i = 0; i < e->nfields; i++) {
		const struct rec_field *f = &e->fields[i];
		const struct rec_value *v = &r->v[i];
		jw_key(w, f->name);
		if (v->is_null) {
			jw_null(w);
		} else if (f->type == REC_BOOL) {
			jw_bool(w, v->i != 0);
		} else if (rec_is_int_type(f->type)) {
			jw_int(w, v->i);
		} else if (f->type == REC_DATETIME) {
			time_t t;
			char local[TIME_ISO_LEN];
			if (time_parse_utc(v->s, &t) == 0) {
				time_format_local(t, f->tz_field ? rec_text(r, f->tz_field) : NULL,
						  local);
				jw_str(w, local);
			} else {
				jw_str(w, v->s);
			}
		} else {
			jw_str(w, v->s);
		}
	}
	jw_kv_str(w, "created_at", r->created_at);
	jw_kv_str(w, "updated_at", r->updated_at);
}

void rec_etag(const struct rec *r, char *out, size_t size)
{
	snprintf(out, size, "\"%lld-%lld\"", (long long)r->id, (long long)r->version);
}
