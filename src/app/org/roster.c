/* roster: the import in four steps, inside one transaction: load what capnet has
 * (through the entity engine, page by page), then organizations in parent-first
 * order, academic sessions likewise, users with their memberships, and last the
 * deactivations a bulk file implies. Every write goes through rec_create/rec_update,
 * so each changed record is validated and audited like any other change; unchanged
 * records are not written at all. One "import" audit event records the summary. */
#include "app/org/roster.h"
#include "app/org/roster_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "core/buf.h"
#include "core/strmap.h"
#include "app/org/academic_session.h"
#include "app/org/membership.h"

enum { ROSTER_TICK = 256 };

/* capnet field -> OneRoster column, to name the column when the engine refuses. */
static const struct roster_colmap roster_org_cols[] = {
	{"kind", "type"},	     {"name", "name"},	       {"identifier", "identifier"},
	{"parent_id", "parentSourcedId"}, {"sourced_id", "sourcedId"}, {NULL, NULL}};
const struct roster_colmap roster_person_cols[] = {
	{"given_name", "givenName"}, {"family_name", "familyName"}, {"email", "email"},
	{"username", "username"},    {"sourced_id", "sourcedId"},     {NULL, NULL}};
const struct roster_colmap roster_member_cols[] = {
	{"person_id", "sourcedId"}, {"org_id", "orgSourcedIds"}, {"role", "role"},
	{"title", "role"},	    {NULL, NULL}};
static const struct roster_colmap roster_session_cols[] = {
	{"title", "title"},	      {"kind", "type"},		 {"school_year", "schoolYear"},
	{"starts_on", "startDate"},   {"ends_on", "endDate"},	 {"parent_id", "parentSourcedId"},
	{"sourced_id", "sourcedId"}, {NULL, NULL}};


static const char *const roster_kind_names[ROSTER_KIND_COUNT] = {
	"organizations", "people", "memberships", "academic_sessions"};

const enum oneroster_role roster_not_stored[ROSTER_NOT_STORED] = {
	OR_ROLE_STUDENT, OR_ROLE_PARENT, OR_ROLE_GUARDIAN, OR_ROLE_RELATIVE};

unsigned roster_keep_roles(void)
{
	return (1u << OR_ROLE_ADMINISTRATOR) | (1u << OR_ROLE_AIDE) | (1u << OR_ROLE_PROCTOR) |
	       (1u << OR_ROLE_TEACHER);
}


static void roster_tick(struct roster *x)
{
	x->done++;
	if (x->done % ROSTER_TICK == 0) {
		arena_free(x->tmp);
		x->tmp = arena_new();
		if (x->o->progress != NULL)
			x->o->progress(x->o->progress_ctx, x->done, x->total);
	}
}

/* An error about column of line in file. */
int roster_fail(struct cn_err *err, const char *file, long line, const char *column,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

int roster_fail(struct cn_err *err, const char *file, long line, const char *column,
		       const char *fmt, ...)
{
	char msg[480], field[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(field, sizeof(field), "column \"%s\"", column);
	cn_err_field(err, CN_ERR_INPUT, field, "%s", msg);
	cn_err_at(err, file, line, 0);
	return -1;
}

/* Places an error from the engine at a row, naming the OneRoster column. */
int roster_wrap(struct cn_err *err, const char *file, long line,
		       const struct roster_colmap *map)
{
	for (size_t i = 0; map[i].field != NULL; i++)
		if (strcmp(err->field, map[i].field) == 0) {
			snprintf(err->field, sizeof(err->field), "column \"%s\"", map[i].column);
			break;
		}
	cn_err_at(err, file, line, 0);
	return -1;
}

/* The error just set about a row becomes a warning saying what was done instead
 * (done), and the import goes on: 0. With opts.strict it stays an error: -1. */
int roster_soften(struct roster *x, struct cn_err *err, const char *done)
{
	if (x->o->strict)
		return -1;
	struct roster_warning w = {.file = arena_strdup(x->a, err->file), .line = err->line};
	const char *col = err->field;
	size_t n = strlen(col);
	if (strncmp(col, "column \"", 8) == 0 && n > 9)
		w.column = arena_strndup(x->a, col + 8, n - 9);
	else
		w.column = arena_strdup(x->a, col);
	w.message = arena_printf(x->a, "%s; %s", err->msg, done);
	x->s->warnings = arena_grow(x->a, x->s->warnings, sizeof(w), x->s->nwarnings,
				    &x->warnings_cap);
	x->s->warnings[x->s->nwarnings++] = w;
	cn_err_clear(err);
	return 0;
}

static int roster_load(struct roster *x, const struct rec_entity *e, struct rec_list *out,
		       struct cn_err *err)
{
	struct rec_query q = {.limit = REC_LIST_MAX};
	size_t cap = 0;
	out->items = NULL;
	out->count = 0;
	for (;;) {
		struct rec_list page;
		if (rec_list(x->db, x->a, e, &q, &page, err))
			return -1;
		if (out->count + page.count > cap) {
			cap = 2 * (out->count + page.count) + 64;
			struct rec **bigger = arena_alloc(x->a, cap * sizeof(struct rec *));
			if (out->count)
				memcpy(bigger, out->items, out->count * sizeof(struct rec *));
			out->items = bigger;
		}
		if (page.count > 0)
			memcpy(out->items + out->count, page.items,
			       page.count * sizeof(struct rec *));
		out->count += page.count;
		if (page.next_cursor == 0)
			return 0;
		q.cursor = page.next_cursor;
	}
}

/* Indexes the records of list by the text of field into a new map. */
static struct strmap *roster_index(const struct rec_list *list, const char *field)
{
	struct strmap *m = strmap_new();
	for (size_t i = 0; i < list->count; i++) {
		const char *key = rec_text(list->items[i], field);
		if (key != NULL)
			strmap_put(m, key, list->items[i]);
	}
	return m;
}

/* The record with id in a list loaded in id order, or NULL. */
static struct rec *roster_by_id(const struct rec_list *list, int64_t id)
{
	size_t lo = 0, hi = list->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (list->items[mid]->id == id)
			return list->items[mid];
		if (list->items[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void roster_id_key(char out[24], int64_t id)
{
	snprintf(out, 24, "#%lld", (long long)id);
}

static int roster_same(const struct rec_field *f, const struct rec_value *a,
		       const struct rec_value *b)
{
	if (a->is_null || b->is_null)
		return a->is_null == b->is_null;
	if (f->type == REC_INT || f->type == REC_BOOL || f->type == REC_REF)
		return a->i == b->i;
	return strcmp(a->s, b->s) == 0;
}

/* Saves the fields want gives onto old when any differ: 1 saved, 0 already so, -1. */
int roster_save(struct roster *x, const struct rec *old, const struct rec *want,
		       struct cn_err *err)
{
	const struct rec_entity *e = old->entity;
	struct rec *changes = rec_new(x->tmp, e);
	int any = 0;
	for (size_t i = 0; i < e->nfields; i++) {
		if (!want->given[i] || roster_same(&e->fields[i], &old->v[i], &want->v[i]))
			continue;
		changes->v[i] = want->v[i];
		changes->given[i] = 1;
		any = 1;
	}
	if (!any)
		return 0;
	if (rec_update(x->db, x->who, x->tmp, old->id, 0, changes, NULL, err))
		return -1;
	return 1;
}

/* Counts a save of a record of kind k that was or was not active before. */
void roster_count(struct roster *x, enum roster_kind k, int rc, int was_active,
			 int now_active)
{
	struct roster_counts *n = &x->s->n[k];
	if (rc == 0)
		n->unchanged++;
	else if (was_active && !now_active)
		n->deactivated++;
	else
		n->updated++;
}

/* Sets active = false on old (an org, person, membership or session). */
int roster_deactivate(struct roster *x, struct rec *old, enum roster_kind k,
			     enum roster_why why, struct cn_err *err)
{
	if (!rec_int(old, "active")) {
		if (why == ROSTER_WHY_ROW)
			x->s->n[k].unchanged++;
		return 0;
	}
	struct rec *want = rec_new(x->tmp, old->entity);
	if (rec_put_int(want, "active", 0, err) || roster_save(x, old, want, err) < 0)
		return -1;
	x->s->n[k].deactivated++;
	x->s->n[k].absent += why == ROSTER_WHY_ABSENT;
	return 0;
}

void roster_scope_add(struct roster *x, int64_t id)
{
	char key[24];
	roster_id_key(key, id);
	if (id != 0)
		strmap_put(x->scope, key, x);
}

static int roster_in_scope(const struct roster *x, int64_t id)
{
	char key[24];
	roster_id_key(key, id);
	return id != 0 && strmap_get(x->scope, key) != NULL;
}

int64_t roster_ref_id(const struct roster_ref *r)
{
	return r->plan ? r->plan->id : r->rec ? r->rec->id : 0;
}

const char *roster_ref_kind(const struct roster_ref *r)
{
	return r->plan ? r->plan->kind : r->rec ? rec_text(r->rec, "kind") : NULL;
}

/* Describes an organization for a message: "school \"Apollo\" (sourcedId s1)". */
static const char *roster_ref_label(struct roster *x, const struct roster_ref *r)
{
	if (r->plan != NULL)
		return arena_printf(x->tmp, "%s \"%s\" (%s)",
				    r->plan->kind ? r->plan->kind : "department",
				    r->plan->org->name ? r->plan->org->name : "",
				    r->plan->org->sourced_id);
	return arena_printf(x->tmp, "%s \"%s\" (capnet organization %lld)",
			    rec_text(r->rec, "kind"), rec_text(r->rec, "name"),
			    (long long)r->rec->id);
}

static const char *roster_org_kind(enum oneroster_org_type t)
{
	switch (t) {
	case OR_ORG_STATE:
	case OR_ORG_NATIONAL:
		return "state";
	case OR_ORG_DISTRICT:
	case OR_ORG_LOCAL:
		return "district";
	case OR_ORG_SCHOOL:
		return "school";
	case OR_ORG_DEPARTMENT:
	case OR_ORG_TYPE_COUNT:
		break;
	}
	return NULL;
}

static const char *roster_kind_rule(const char *kind)
{
	if (strcmp(kind, "school") == 0)
		return "a school belongs to a district";
	if (strcmp(kind, "district") == 0)
		return "a district sits under a cooperative or the state agency, or at the top";
	return "it can sit only under the state agency or a cooperative";
}

/* Resolves an organization sourcedId named in file/line/column. */
int roster_org_ref(struct roster *x, const char *sid, const char *file, long line,
			  const char *column, struct roster_ref *out, struct cn_err *err)
{
	out->plan = strmap_get(x->org_plan, sid);
	out->rec = strmap_get(x->org_sid, sid);
	if (out->plan != NULL && out->plan->org->deleted) {
		out->plan = NULL; /* deactivated by this file: still its stored self */
		if (out->rec == NULL)
			return roster_fail(err, file, line, column,
					   "'%s' is deleted by orgs.csv and capnet does not have it",
					   sid);
	}
	if (out->plan != NULL && out->plan->skip) {
		long at = out->plan->org->line;
		out->plan = NULL; /* not imported: at most its stored self */
		if (out->rec == NULL)
			return roster_fail(err, file, line, column,
					   "'%s' is not imported (see the warning about orgs.csv "
					   "line %ld)",
					   sid, at);
	}
	if (out->plan != NULL) {
		out->rec = NULL;
		return 0;
	}
	if (out->rec == NULL)
		return roster_fail(err, file, line, column,
				   "no organization has sourcedId '%s', neither in orgs.csv nor "
				   "in capnet; add it to orgs.csv or correct the reference",
				   sid);
	return 0;
}

/* Puts plan p after its parent in x->order. */
static int roster_order(struct roster *x, struct roster_plan *p, const char *file,
			struct cn_err *err)
{
	if (p->state == 2)
		return 0;
	if (p->state == 1) {
		const char *sid = p->org ? p->org->sourced_id : p->session->sourced_id;
		return roster_fail(err, file, p->org ? p->org->line : p->session->line,
				   "parentSourcedId",
				   "'%s' is its own ancestor through parentSourcedId; break the loop",
				   sid);
	}
	p->state = 1;
	if (p->parent.plan != NULL && roster_order(x, p->parent.plan, file, err))
		return -1;
	p->state = 2;
	x->order[x->norder++] = p;
	return 0;
}

/* The kind of the parent an organization will have: the file's, else the stored
 * one's, else --parent-id's. */
static const char *roster_org_parent_kind(struct roster *x, struct roster_plan *p,
					  struct roster_ref *eff)
{
	*eff = p->parent;
	if (eff->plan == NULL && eff->rec == NULL && p->rec != NULL &&
	    rec_int(p->rec, "parent_id") != 0)
		eff->rec = roster_by_id(&x->orgs, rec_int(p->rec, "parent_id"));
	if (eff->plan == NULL && eff->rec == NULL && x->parent_opt != NULL)
		eff->rec = x->parent_opt;
	return roster_ref_kind(eff);
}

/* The parent of an organization named by r, in the file or else in capnet. */
static struct roster_ref roster_ref_parent(struct roster *x, const struct roster_ref *r)
{
	struct roster_ref up = {0};
	if (r->plan != NULL) {
		up = r->plan->parent;
		if (up.plan == NULL && up.rec == NULL && r->plan->rec != NULL)
			up.rec = roster_by_id(&x->orgs, rec_int(r->plan->rec, "parent_id"));
	} else if (r->rec != NULL && rec_int(r->rec, "parent_id") != 0) {
		up.rec = roster_by_id(&x->orgs, rec_int(r->rec, "parent_id"));
	}
	return up;
}

/* The nearest ancestor of from (from included) an organization of kind may sit
 * under, into *out: 1 found, 0 none. */
static int roster_trace(struct roster *x, const char *kind, const struct roster_ref *from,
			struct roster_ref *out)
{
	struct roster_ref r = *from;
	for (int depth = 0; depth < 64 && (r.plan != NULL || r.rec != NULL); depth++) {
		const char *k = roster_ref_kind(&r);
		if (k != NULL && org_parent_allowed(kind, k) && !(r.plan && r.plan->skip)) {
			*out = r;
			return 1;
		}
		r = roster_ref_parent(x, &r);
	}
	return 0;
}

/* orgs.csv: resolves every parent, checks the kind rules, orders parents first. */
static int roster_plan_orgs(struct roster *x, struct cn_err *err)
{
	const struct oneroster *in = x->in;
	const char *file = oneroster_file_name(OR_FILE_ORGS);
	x->orgp = arena_alloc(x->a, (in->norgs + 1) * sizeof(struct roster_plan));
	for (size_t i = 0; i < in->norgs; i++) {
		struct roster_plan *p = &x->orgp[i];
		p->org = &in->orgs[i];
		p->kind = roster_org_kind(p->org->type);
		p->rec = strmap_get(x->org_sid, p->org->sourced_id);
		strmap_put(x->org_plan, p->org->sourced_id, p);
	}
	size_t roots = 0;
	struct roster_plan *root = NULL;
	for (size_t i = 0; i < in->norgs; i++) {
		struct roster_plan *p = &x->orgp[i];
		const struct oneroster_org *g = p->org;
		if (g->deleted)
			continue;
		int dangling = 0;
		if (g->parent != NULL &&
		    roster_org_ref(x, g->parent, file, g->line, "parentSourcedId", &p->parent, err)) {
			if (x->o->strict)
				return -1;
			dangling = 1; /* softened below, once its fate is known */
			p->parent = (struct roster_ref){0};
		}
		if (p->parent.plan != NULL && p->parent.plan->kind == NULL)
			return roster_fail(err, file, g->line, "parentSourcedId",
					   "'%s' is a department; organizations cannot sit under a "
					   "department",
					   g->parent);
		if (p->kind == NULL) {
			if (dangling && roster_soften(x, err, "imported without it"))
				return -1;
			if (g->parent == NULL)
				return roster_fail(err, file, g->line, "parentSourcedId",
						   "the department \"%s\" (%s) has no parent; name "
						   "its school in parentSourcedId",
						   g->name, g->sourced_id);
			continue;
		}
		if (dangling && !(strcmp(p->kind, "school") == 0 &&
				  roster_org_parent_kind(x, p, &(struct roster_ref){0}) == NULL) &&
		    roster_soften(x, err, "imported without it"))
			return -1;
		struct roster_ref eff;
		const char *pkind = roster_org_parent_kind(x, p, &eff);
		struct roster_ref self = {p, NULL};
		if (pkind != NULL && !org_parent_allowed(p->kind, pkind)) {
			int opt = eff.rec == x->parent_opt && eff.rec != NULL;
			roster_fail(err, file, g->line, opt ? "--parent-id" : "parentSourcedId",
				    "the %s cannot be under the %s; %s", roster_ref_label(x, &self),
				    roster_ref_label(x, &eff), roster_kind_rule(p->kind));
			if (opt) /* the operator's choice, not the file's: never softened */
				return -1;
			struct roster_ref anc;
			int found = roster_trace(x, p->kind, &eff, &anc);
			if (!found && strcmp(p->kind, "school") == 0) {
				if (roster_soften(x, err,
						  "no district can be traced from it, so the school "
						  "is not imported"))
					return -1;
				p->skip = 1;
				continue;
			}
			if (roster_soften(x, err,
					  found ? arena_printf(x->tmp, "attached to the %s it can be "
								       "traced to",
							       roster_ref_label(x, &anc))
						: "imported without a parent"))
				return -1;
			p->parent = found ? anc : (struct roster_ref){0};
			pkind = found ? roster_ref_kind(&anc) : NULL;
		}
		if (pkind == NULL && strcmp(p->kind, "school") == 0) {
			if (dangling) {
				if (roster_soften(x, err,
						  "a school belongs to a district, so it is not "
						  "imported"))
					return -1;
				p->skip = 1;
				continue;
			}
			roster_fail(err, file, g->line, "parentSourcedId",
				    "the %s has no parent; a school belongs to a district: "
				    "add its district to orgs.csv and name it in "
				    "parentSourcedId (or give --parent-id)",
				    roster_ref_label(x, &self));
			if (roster_soften(x, err, "not imported"))
				return -1;
			p->skip = 1;
			continue;
		}
		if (p->parent.plan == NULL) {
			roots++;
			root = p;
		}
	}
	x->norder = 0;
	for (size_t i = 0; i < in->norgs; i++)
		if (roster_order(x, &x->orgp[i], file, err))
			return -1;
	x->root = roots == 1 ? root : NULL;
	return 0;
}

/* A tobedeleted row of orgs.csv or academicSessions.csv: deactivates the record. */
static int roster_apply_deletion(struct roster *x, struct roster_plan *p, enum roster_kind k,
				 struct cn_err *err)
{
	if (p->rec == NULL) {
		x->s->unknown_deletions++;
		return 0;
	}
	p->id = p->rec->id;
	if (k == ROSTER_ORG)
		roster_scope_add(x, p->id);
	return roster_deactivate(x, p->rec, k, ROSTER_WHY_ROW, err);
}

/* Creates want, or saves it onto the plan's stored record; counts either. */
static int roster_apply_want(struct roster *x, struct roster_plan *p, struct rec *want,
			     enum roster_kind k, int active, struct cn_err *err)
{
	if (p->rec == NULL) {
		if (rec_create(x->db, x->who, x->tmp, want, err))
			return -1;
		p->id = want->id;
		x->s->n[k].created++;
		return 0;
	}
	p->id = p->rec->id;
	int rc = roster_save(x, p->rec, want, err);
	if (rc < 0)
		return -1;
	roster_count(x, k, rc, rec_int(p->rec, "active") != 0, active);
	return 0;
}

static int roster_apply_org(struct roster *x, struct roster_plan *p, struct cn_err *err)
{
	const struct oneroster_org *g = p->org;
	const char *file = oneroster_file_name(OR_FILE_ORGS);
	if (g->deleted)
		return roster_apply_deletion(x, p, ROSTER_ORG, err);
	if (p->skip)
		return 0;
	if (p->kind == NULL) {
		x->s->departments++;
		p->id = roster_ref_id(&p->parent);
		return 0;
	}
	int64_t parent = roster_ref_id(&p->parent);
	if (parent == 0 && (p->rec == NULL || rec_int(p->rec, "parent_id") == 0) &&
	    x->parent_opt != NULL)
		parent = x->parent_opt->id;
	struct rec *want = rec_new(x->tmp, &org_entity);
	if (rec_put_text(want, x->tmp, "kind", p->kind, err) ||
	    rec_put_text(want, x->tmp, "name", g->name, err) ||
	    (g->identifier && rec_put_text(want, x->tmp, "identifier", g->identifier, err)) ||
	    rec_put_text(want, x->tmp, "sourced_id", g->sourced_id, err) ||
	    (parent && rec_put_int(want, "parent_id", parent, err)) ||
	    rec_put_int(want, "active", !g->inactive, err))
		return roster_wrap(err, file, g->line, roster_org_cols);
	x->s->inactive += g->inactive != 0;
	if (roster_apply_want(x, p, want, ROSTER_ORG, !g->inactive, err))
		return roster_wrap(err, file, g->line, roster_org_cols);
	roster_scope_add(x, p->id);
	return 0;
}

/* academicSessions.csv: parents resolved and ordered first. */
static int roster_plan_sessions(struct roster *x, struct cn_err *err)
{
	const struct oneroster *in = x->in;
	const char *file = oneroster_file_name(OR_FILE_SESSIONS);
	x->sessp = arena_alloc(x->a, (in->nsessions + 1) * sizeof(struct roster_plan));
	for (size_t i = 0; i < in->nsessions; i++) {
		struct roster_plan *p = &x->sessp[i];
		p->session = &in->sessions[i];
		p->rec = strmap_get(x->session_sid, p->session->sourced_id);
		strmap_put(x->session_plan, p->session->sourced_id, p);
	}
	for (size_t i = 0; i < in->nsessions; i++) {
		struct roster_plan *p = &x->sessp[i];
		const struct oneroster_session *s = p->session;
		if (s->deleted || s->parent == NULL)
			continue;
		p->parent.plan = strmap_get(x->session_plan, s->parent);
		if (p->parent.plan != NULL && p->parent.plan->session->deleted)
			p->parent.plan = NULL;
		if (p->parent.plan == NULL)
			p->parent.rec = strmap_get(x->session_sid, s->parent);
		if (p->parent.plan == NULL && p->parent.rec == NULL) {
			roster_fail(err, file, s->line, "parentSourcedId",
				    "no academic session has sourcedId '%s', neither in %s nor in "
				    "capnet; add it or correct the reference",
				    s->parent, file);
			if (roster_soften(x, err, "imported without it"))
				return -1;
		}
	}
	x->norder = 0;
	for (size_t i = 0; i < in->nsessions; i++)
		if (roster_order(x, &x->sessp[i], file, err))
			return -1;
	return 0;
}

static int roster_apply_session(struct roster *x, struct roster_plan *p, struct cn_err *err)
{
	const struct oneroster_session *s = p->session;
	const char *file = oneroster_file_name(OR_FILE_SESSIONS);
	if (s->deleted)
		return roster_apply_deletion(x, p, ROSTER_SESSION, err);
	char year[16];
	snprintf(year, sizeof(year), "%d-%02d", s->school_year - 1, s->school_year % 100);
	int64_t parent = roster_ref_id(&p->parent);
	struct rec *want = rec_new(x->tmp, &academic_session_entity);
	if (rec_put_text(want, x->tmp, "title", s->title, err) ||
	    rec_put_text(want, x->tmp, "kind", oneroster_session_type_name(s->type), err) ||
	    rec_put_text(want, x->tmp, "school_year", year, err) ||
	    rec_put_text(want, x->tmp, "starts_on", s->starts_on, err) ||
	    rec_put_text(want, x->tmp, "ends_on", s->ends_on, err) ||
	    (parent && rec_put_int(want, "parent_id", parent, err)) ||
	    (p->rec == NULL && x->session_org > 0 &&
	     rec_put_int(want, "org_id", x->session_org, err)) ||
	    rec_put_text(want, x->tmp, "sourced_id", s->sourced_id, err) ||
	    rec_put_int(want, "active", !s->inactive, err))
		return roster_wrap(err, file, s->line, roster_session_cols);
	x->s->inactive += s->inactive != 0;
	if (roster_apply_want(x, p, want, ROSTER_SESSION, !s->inactive, err))
		return roster_wrap(err, file, s->line, roster_session_cols);
	return 0;
}

/* Extends the scope to everything stored under an organization in it. */
static void roster_scope_close(struct roster *x, const struct rec_list *orgs)
{
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t i = 0; i < orgs->count; i++) {
			const struct rec *g = orgs->items[i];
			if (!roster_in_scope(x, g->id) && roster_in_scope(x, rec_int(g, "parent_id"))) {
				roster_scope_add(x, g->id);
				changed = 1;
			}
		}
	}
}

/* 1 when every active OneRoster membership of the person is in scope, and there is
 * at least one. */
static int roster_person_in_scope(struct roster *x, int64_t pid)
{
	char key[24];
	roster_id_key(key, pid);
	int any = 0;
	for (struct roster_membership *m = strmap_get(x->member_of, key); m; m = m->next) {
		if (strcmp(rec_text(m->rec, "source"), "oneroster") != 0 ||
		    !rec_int(m->rec, "active"))
			continue;
		if (!roster_in_scope(x, rec_int(m->rec, "org_id")))
			return 0;
		any = 1;
	}
	return any;
}

/* Deactivations that rows imply by what they no longer say. */
static int roster_deactivate_missing(struct roster *x, struct cn_err *err)
{
	const struct oneroster *in = x->in;
	for (size_t i = 0; i < in->nskipped; i++) {
		struct rec *p = strmap_get(x->person_sid, in->skipped[i].sourced_id);
		if (p != NULL && roster_deactivate(x, p, ROSTER_PERSON, ROSTER_WHY_ROLE, err))
			return roster_wrap(err, oneroster_file_name(OR_FILE_USERS),
					   in->skipped[i].line, roster_person_cols);
	}
	int bulk = 0;
	for (int f = 0; f < OR_FILE_COUNT; f++)
		bulk |= in->mode[f] == OR_MODE_BULK;
	if (!bulk)
		return 0;
	struct rec_list orgs;
	if (roster_load(x, &org_entity, &orgs, err))
		return -1;
	roster_scope_close(x, &orgs);
	if (in->mode[OR_FILE_ORGS] == OR_MODE_BULK)
		for (size_t i = 0; i < orgs.count; i++) {
			struct rec *g = orgs.items[i];
			const char *sid = rec_text(g, "sourced_id");
			if (sid != NULL && strmap_get(x->org_plan, sid) == NULL &&
			    roster_in_scope(x, g->id) &&
			    roster_deactivate(x, g, ROSTER_ORG, ROSTER_WHY_ABSENT, err))
				return -1;
		}
	if (in->mode[OR_FILE_SESSIONS] == OR_MODE_BULK)
		for (size_t i = 0; i < x->sessions.count; i++) {
			struct rec *s = x->sessions.items[i];
			const char *sid = rec_text(s, "sourced_id");
			if (sid != NULL && strmap_get(x->session_plan, sid) == NULL &&
			    roster_in_scope(x, rec_int(s, "org_id")) &&
			    roster_deactivate(x, s, ROSTER_SESSION, ROSTER_WHY_ABSENT, err))
				return -1;
		}
	if (in->mode[OR_FILE_USERS] == OR_MODE_BULK)
		for (size_t i = 0; i < x->people.count; i++) {
			struct rec *p = x->people.items[i];
			const char *sid = rec_text(p, "sourced_id");
			if (sid != NULL && strmap_get(x->user_row, sid) == NULL &&
			    strmap_get(x->skipped_sid, sid) == NULL &&
			    roster_person_in_scope(x, p->id) &&
			    roster_deactivate(x, p, ROSTER_PERSON, ROSTER_WHY_ABSENT, err))
				return -1;
		}
	return 0;
}

/* Loads what capnet has and indexes it. */
static int roster_load_all(struct roster *x, struct cn_err *err)
{
	if (roster_load(x, &org_entity, &x->orgs, err) ||
	    roster_load(x, &person_entity, &x->people, err) ||
	    roster_load(x, &membership_entity, &x->members, err) ||
	    roster_load(x, &academic_session_entity, &x->sessions, err))
		return -1;
	x->org_sid = roster_index(&x->orgs, "sourced_id");
	x->person_sid = roster_index(&x->people, "sourced_id");
	x->person_email = roster_index(&x->people, "email");
	x->session_sid = roster_index(&x->sessions, "sourced_id");
	x->member_of = strmap_new();
	for (size_t i = 0; i < x->members.count; i++) {
		struct roster_membership *m = arena_alloc(x->a, sizeof(*m));
		char key[24];
		roster_id_key(key, rec_int(x->members.items[i], "person_id"));
		m->rec = x->members.items[i];
		m->next = strmap_get(x->member_of, key);
		strmap_put(x->member_of, key, m);
	}
	x->user_row = strmap_new();
	for (size_t i = 0; i < x->in->nusers; i++)
		strmap_put(x->user_row, x->in->users[i].sourced_id, &x->in->users[i]);
	x->skipped_sid = strmap_new();
	for (size_t i = 0; i < x->in->nskipped; i++)
		strmap_put(x->skipped_sid, x->in->skipped[i].sourced_id, &x->in->skipped[i]);
	if (x->o->parent_id != 0) {
		x->parent_opt = roster_by_id(&x->orgs, x->o->parent_id);
		if (x->parent_opt == NULL)
			return cn_err_field(err, CN_ERR_INPUT, "--parent-id",
					    "there is no organization with id %lld",
					    (long long)x->o->parent_id);
	}
	return 0;
}

/* Two rows with one email (ignoring case) cannot both have it: found before any
 * write, so the message names both lines rather than the order of the writes. */
static int roster_check_emails(struct roster *x, struct cn_err *err)
{
	struct strmap *seen = strmap_new();
	int rc = 0;
	for (size_t i = 0; i < x->in->nusers && rc == 0; i++) {
		const struct oneroster_user *u = &x->in->users[i];
		if (u->deleted || u->email == NULL)
			continue;
		char *key = arena_strdup(x->tmp, u->email);
		for (char *p = key; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		void *before = strmap_put(seen, key, (void *)(intptr_t)u->line);
		if (before != NULL)
			rc = roster_fail(err, oneroster_file_name(OR_FILE_USERS), u->line, "email",
					 "%s is also the address on line %ld; each person needs "
					 "their own",
					 key, (long)(intptr_t)before);
	}
	strmap_free(seen);
	return rc;
}

static int roster_run(struct roster *x, struct cn_err *err)
{
	const struct oneroster *in = x->in;
	if (roster_check_emails(x, err) || roster_load_all(x, err) || roster_plan_orgs(x, err))
		return -1;
	for (size_t i = 0; i < x->norder; i++, roster_tick(x))
		if (roster_apply_org(x, x->order[i], err))
			return -1;
	x->session_org = x->root ? x->root->id : 0;
	if (roster_plan_sessions(x, err))
		return -1;
	for (size_t i = 0; i < x->norder; i++, roster_tick(x))
		if (roster_apply_session(x, x->order[i], err))
			return -1;
	int rc = 0;
	for (size_t i = 0; i < in->nusers && rc == 0; i++, roster_tick(x))
		rc = roster_apply_user(x, &in->users[i], err);
	if (rc != 0 || roster_deactivate_missing(x, err))
		return -1;
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	roster_summary_json(&w, in, x->s);
	rc = audit_record(x->db, x->who, "import", "oneroster", 0, NULL, buf_str(&b), err);
	buf_free(&b);
	return rc;
}

int roster_import(struct store *db, const struct actor *who, struct arena *a,
		  const struct oneroster *in, const struct roster_opts *o,
		  struct roster_summary *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	out->dry_run = o->dry_run;
	for (size_t i = 0; i < in->nskipped; i++)
		out->skipped[in->skipped[i].role]++;
	struct roster x = {.db = db, .who = who, .a = a, .in = in, .o = o, .s = out};
	x.tmp = arena_new();
	x.total = in->norgs + in->nsessions + in->nusers;
	x.org_plan = strmap_new();
	x.session_plan = strmap_new();
	x.scope = strmap_new();
	x.order = arena_alloc(a, (in->norgs + in->nsessions + 1) * sizeof(struct roster_plan *));
	int rc = -1;
	if (store_begin(db, err))
		goto out;
	if (roster_run(&x, err)) {
		store_rollback(db);
		goto out;
	}
	if (o->dry_run) {
		store_rollback(db);
		rc = 0;
		goto out;
	}
	rc = store_commit(db, err);
out:
	if (o->progress != NULL)
		o->progress(o->progress_ctx, x.done, x.total);
	struct strmap *maps[] = {x.org_sid, x.person_sid, x.person_email, x.session_sid,
				 x.member_of, x.org_plan, x.session_plan, x.user_row,
				 x.skipped_sid, x.scope};
	for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
		strmap_free(maps[i]);
	arena_free(x.tmp);
	return rc;
}

void roster_summary_json(struct jw *w, const struct oneroster *in, const struct roster_summary *s)
{
	jw_obj_begin(w);
	jw_kv_bool(w, "dry_run", s->dry_run);
	jw_key(w, "files");
	jw_obj_begin(w);
	for (int f = 0; f < OR_FILE_COUNT; f++)
		jw_kv_str(w, oneroster_file_name((enum oneroster_file)f),
			  oneroster_mode_name(in->mode[f]));
	jw_obj_end(w);
	for (int k = 0; k < ROSTER_KIND_COUNT; k++) {
		const struct roster_counts *n = &s->n[k];
		jw_key(w, roster_kind_names[k]);
		jw_obj_begin(w);
		jw_kv_int(w, "created", (int64_t)n->created);
		jw_kv_int(w, "updated", (int64_t)n->updated);
		jw_kv_int(w, "deactivated", (int64_t)n->deactivated);
		jw_kv_int(w, "unchanged", (int64_t)n->unchanged);
		jw_kv_int(w, "absent_from_bulk", (int64_t)n->absent);
		jw_obj_end(w);
	}
	jw_kv_int(w, "departments_folded", (int64_t)s->departments);
	jw_key(w, "users_not_stored");
	jw_obj_begin(w);
	for (size_t i = 0; i < ROSTER_NOT_STORED; i++)
		jw_kv_int(w, oneroster_role_name(roster_not_stored[i]),
			  (int64_t)s->skipped[roster_not_stored[i]]);
	jw_obj_end(w);
	jw_kv_int(w, "unknown_deletions", (int64_t)s->unknown_deletions);
	jw_kv_int(w, "inactive", (int64_t)s->inactive);
	jw_key(w, "warnings");
	jw_arr_begin(w);
	for (size_t i = 0; i < s->nwarnings; i++) {
		const struct roster_warning *x = &s->warnings[i];
		jw_obj_begin(w);
		jw_kv_str(w, "file", x->file);
		jw_kv_int(w, "line", x->line);
		jw_kv_str(w, "column", x->column);
		jw_kv_str(w, "message", x->message);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "notes");
	jw_arr_begin(w);
	for (size_t i = 0; i < in->nnotes; i++)
		jw_str(w, in->notes[i]);
	jw_arr_end(w);
	jw_obj_end(w);
}
