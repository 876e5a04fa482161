/* roster_users: users.csv rows and their memberships, one step of the import
 * (roster.c runs it; the state is roster_priv.h's). */
#include "app/org/roster_priv.h"

#include <stdio.h>
#include <string.h>

#include "app/org/org.h"
#include "app/org/membership.h"
#include "app/org/person.h"
#include "core/buf.h"

/* The capnet role and membership title of a OneRoster role at an organization of
 * kind. Only a district's administrator leads; nobody becomes admin from a file. */
static const char *roster_role(enum oneroster_role r, const char *kind, const char **title)
{
	static const char *const titles[OR_ROLE_COUNT] = {
		[OR_ROLE_ADMINISTRATOR] = "Administrator", [OR_ROLE_AIDE] = "Aide",
		[OR_ROLE_PROCTOR] = "Proctor", [OR_ROLE_TEACHER] = "Teacher"};
	*title = titles[r];
	if (r == OR_ROLE_ADMINISTRATOR && kind != NULL && strcmp(kind, "district") == 0)
		return "district_lead";
	return "member";
}

struct roster_want {
	int64_t org_id;
	const char *role, *title;
};

/* Brings the person's OneRoster memberships to exactly want[0..n): creates what is
 * missing, reactivates, deactivates the rest. Memberships made by hand are left as
 * they are. */
static int roster_sync_members(struct roster *x, int64_t pid, const struct roster_want *want,
			       size_t n, struct cn_err *err)
{
	char key[24];
	roster_id_key(key, pid);
	struct roster_membership *have = strmap_get(x->member_of, key);
	struct roster_counts *c = &x->s->n[ROSTER_MEMBERSHIP];
	for (size_t i = 0; i < n; i++) {
		struct rec *found = NULL;
		for (struct roster_membership *m = have; m != NULL && found == NULL; m = m->next)
			if (rec_int(m->rec, "org_id") == want[i].org_id &&
			    strcmp(rec_text(m->rec, "role"), want[i].role) == 0)
				found = m->rec;
		struct rec *r = rec_new(x->tmp, &membership_entity);
		if (rec_put_text(r, x->tmp, "title", want[i].title, err) ||
		    rec_put_int(r, "active", 1, err))
			return -1;
		if (found != NULL) {
			if (strcmp(rec_text(found, "source"), "oneroster") != 0)
				continue;
			int rc = roster_save(x, found, r, err);
			if (rc < 0)
				return -1;
			roster_count(x, ROSTER_MEMBERSHIP, rc, rec_int(found, "active") != 0, 1);
			continue;
		}
		if (rec_put_int(r, "person_id", pid, err) ||
		    rec_put_int(r, "org_id", want[i].org_id, err) ||
		    rec_put_text(r, x->tmp, "role", want[i].role, err) ||
		    rec_put_text(r, x->tmp, "source", "oneroster", err) ||
		    rec_create(x->db, x->who, x->tmp, r, err))
			return -1;
		c->created++;
	}
	for (struct roster_membership *m = have; m != NULL; m = m->next) {
		if (strcmp(rec_text(m->rec, "source"), "oneroster") != 0)
			continue;
		int wanted = 0;
		for (size_t i = 0; i < n && !wanted; i++)
			wanted = rec_int(m->rec, "org_id") == want[i].org_id &&
				 strcmp(rec_text(m->rec, "role"), want[i].role) == 0;
		if (!wanted && roster_deactivate(x, m->rec, ROSTER_MEMBERSHIP, ROSTER_WHY_ABSENT, err))
			return -1;
	}
	return 0;
}

/* The memberships a users.csv row asks for, one per organization and role. */
static int roster_user_orgs(struct roster *x, const struct oneroster_user *u,
			    struct roster_want **out, size_t *n, struct cn_err *err)
{
	const char *file = oneroster_file_name(OR_FILE_USERS);
	struct roster_want *w = arena_alloc(x->tmp, u->norgs * sizeof(*w));
	size_t count = 0;
	for (size_t i = 0; i < u->norgs; i++) {
		struct roster_ref ref;
		if (roster_org_ref(x, u->orgs[i], file, u->line, "orgSourcedIds", &ref, err)) {
			if (roster_soften(x, err, "no membership there"))
				return -1;
			continue;
		}
		int64_t id = roster_ref_id(&ref);
		if (id == 0) { /* a department of a school that is not imported */
			roster_fail(err, file, u->line, "orgSourcedIds",
				    "'%s' is a department of a school that is not imported",
				    u->orgs[i]);
			if (roster_soften(x, err, "no membership there"))
				return -1;
			continue;
		}
		const char *kind = roster_ref_kind(&ref);
		if (ref.plan != NULL && ref.plan->kind == NULL) /* a department */
			kind = roster_ref_kind(&ref.plan->parent);
		struct roster_want one = {.org_id = id};
		one.role = roster_role(u->role, kind, &one.title);
		int dup = 0;
		for (size_t k = 0; k < count; k++)
			dup |= w[k].org_id == one.org_id && strcmp(w[k].role, one.role) == 0;
		if (!dup)
			w[count++] = one;
		roster_scope_add(x, id);
	}
	*out = w;
	*n = count;
	return 0;
}

/* Checks the row's email against the file and capnet; may pick the person to adopt. */
static int roster_user_email(struct roster *x, const struct oneroster_user *u, const char *email,
			     struct rec **old, struct cn_err *err)
{
	const char *file = oneroster_file_name(OR_FILE_USERS);
	struct rec *owner = strmap_get(x->person_email, email);
	if (owner == NULL || owner == *old)
		return 0;
	const char *osid = rec_text(owner, "sourced_id");
	if (osid != NULL && strmap_get(x->user_row, osid) != NULL)
		return 0; /* that row gives its person another address */
	if (osid == NULL && *old == NULL && x->o->link_by_email) {
		*old = owner;
		return 0;
	}
	if (osid != NULL)
		return roster_fail(err, file, u->line, "email",
				   "%s is already the address of %s %s (capnet person %lld, "
				   "sourcedId '%s'), who is not in this file; correct the address",
				   email, rec_text(owner, "given_name"),
				   rec_text(owner, "family_name"), (long long)owner->id, osid);
	return roster_fail(err, file, u->line, "email",
			   "%s is already the address of %s %s (capnet person %lld), who was "
			   "not imported; %s",
			   email, rec_text(owner, "given_name"), rec_text(owner, "family_name"),
			   (long long)owner->id,
			   *old ? "correct the address"
				: "give --link-by-email to make that person this user, or correct "
				  "the address");
}

int roster_apply_user(struct roster *x, const struct oneroster_user *u,
			     struct cn_err *err)
{
	const char *file = oneroster_file_name(OR_FILE_USERS);
	struct rec *old = strmap_get(x->person_sid, u->sourced_id);
	x->s->inactive += u->inactive != 0;
	if (u->deleted) {
		if (old == NULL) {
			x->s->unknown_deletions++;
			return 0;
		}
		return roster_deactivate(x, old, ROSTER_PERSON, ROSTER_WHY_ROW, err);
	}
	struct roster_want *want = NULL;
	size_t nwant = 0;
	if (roster_user_orgs(x, u, &want, &nwant, err))
		return -1;
	struct rec *r = rec_new(x->tmp, &person_entity);
	if (rec_put_text(r, x->tmp, "given_name", u->given_name, err) ||
	    rec_put_text(r, x->tmp, "family_name", u->family_name, err) ||
	    (u->email && rec_put_text(r, x->tmp, "email", u->email, err)) ||
	    (u->username && rec_put_text(r, x->tmp, "username", u->username, err)) ||
	    rec_put_int(r, "active", u->enabled && !u->inactive, err) ||
	    rec_put_text(r, x->tmp, "sourced_id", u->sourced_id, err))
		return roster_wrap(err, file, u->line, roster_person_cols);
	const char *email = rec_text(r, "email");
	if (email != NULL && roster_user_email(x, u, email, &old, err))
		return -1;
	int64_t pid;
	if (old == NULL) {
		if (rec_create(x->db, x->who, x->tmp, r, err))
			return roster_wrap(err, file, u->line, roster_person_cols);
		pid = r->id;
		x->s->n[ROSTER_PERSON].created++;
	} else {
		int rc = roster_save(x, old, r, err);
		if (rc < 0)
			return roster_wrap(err, file, u->line, roster_person_cols);
		pid = old->id;
		roster_count(x, ROSTER_PERSON, rc, rec_int(old, "active") != 0,
			     u->enabled && !u->inactive);
	}
	if (roster_sync_members(x, pid, want, nwant, err))
		return roster_wrap(err, file, u->line, roster_member_cols);
	return 0;
}
