/* plan_status: the plan's status workflow. Every change of status is audited and
 * saves a version of the plan whose note records the change. */
#include "app/plan/plan_status.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/plan/plan.h"
#include "app/plan/plan_version.h"
#include "app/access/policy.h"
#include "app/mail/notify.h"
#include "core/timeutil.h"

static const char *const next_draft[] = {"submitted", "archived", NULL};
static const char *const next_submitted[] = {"draft", "approved", "archived", NULL};
static const char *const next_approved[] = {"draft", "archived", NULL};
static const char *const next_none[] = {NULL};

static const char SQL_PLAN_SET_STATUS[] =
	"UPDATE plan SET status = ?1, updated_at = ?2, version = version + 1"
	" WHERE id = ?3 AND version = ?4";

const char *const *plan_status_next(const char *from)
{
	if (from == NULL)
		return next_none;
	if (strcmp(from, "draft") == 0)
		return next_draft;
	if (strcmp(from, "submitted") == 0)
		return next_submitted;
	if (strcmp(from, "approved") == 0)
		return next_approved;
	return next_none;
}

static int plan_status_refuse(struct cn_err *err, const char *from, const char *to)
{
	const char *const *next = plan_status_next(from);
	char list[120] = "";
	size_t n = 0;
	for (size_t i = 0; next[i] != NULL && n < sizeof(list); i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", i ? ", " : "", next[i]);
	if (next[0] == NULL)
		return cn_err_field(err, CN_ERR_INPUT, "status",
				    "an archived plan keeps its status; start a new plan instead");
	return cn_err_field(err, CN_ERR_INPUT, "status",
			    "a %s plan cannot become %s%s; from %s it can become: %s", from, to,
			    strcmp(to, "approved") == 0 ? " (it is submitted for review first)"
							: "",
			    from, list);
}

/* The district's lead moves its plan; the network's facilitators approve and return it
 * (policy rules "plan_workflow" and "plan_status"); an admin makes every move (DESIGN
 * §5), approving too. p is the actor's policy. */
static int plan_status_allow(struct policy *p, struct store *db, const struct actor *who,
			     const struct rec *plan, const char *to, struct cn_err *err)
{
	const char *from = rec_text(plan, "status");
	if (who->is_system)
		return 0;
	if (strcmp(to, "approved") == 0) {
		int64_t network = rec_int(plan, "network_id");
		int ok = policy_is_admin(p, err);
		if (ok == 0)
			ok = plan_person_facilitates(db, who->person_id, network, err);
		if (ok <= 0)
			return ok < 0 ? -1
				      : cn_err_field(err, CN_ERR_FORBIDDEN, "status",
						     "a plan is approved only by a facilitator of "
						     "its network (network %lld) or an admin; plan "
						     "%lld stays %s",
						     (long long)network, (long long)plan->id, from);
		return 0;
	}
	if (rec_int(plan, "is_template"))
		return policy_check(p, POLICY_UPDATE, "plan", plan, err);
	int returned = strcmp(from, "submitted") == 0 && strcmp(to, "draft") == 0;
	if (policy_check(p, POLICY_UPDATE, returned ? "plan_status" : "plan_workflow", plan,
			 err) == 0)
		return 0;
	if (err->kind != CN_ERR_FORBIDDEN)
		return -1;
	const char *what = strcmp(from, "approved") == 0 && strcmp(to, "draft") == 0
				   ? "an approved plan is reopened (moved back to draft)"
			   : strcmp(to, "archived") == 0 ? "a plan is archived"
			   : strcmp(to, "submitted") == 0 ? "a plan is submitted for approval"
							 : "a submitted plan is returned to draft";
	return cn_err_field(err, CN_ERR_FORBIDDEN, "status",
			    "%s only by its district's lead%s or an admin; plan %lld stays %s",
			    what, returned ? ", a facilitator of its network" : "",
			    (long long)plan->id, from);
}

int plan_status_may(struct store *db, struct arena *a, const struct actor *who,
		    const struct rec *plan, const char *to, struct cn_err *err)
{
	return plan_status_allow(policy_new(a, db, who), db, who, plan, to, err);
}

int plan_status_choices(struct store *db, struct arena *a, const struct actor *who,
			const struct rec *plan, const char ***out, struct cn_err *err)
{
	const char *const *next = plan_status_next(rec_text(plan, "status"));
	size_t n = 0, k = 0;
	while (next[n] != NULL)
		n++;
	const char **v = arena_alloc(a, sizeof(*v) * (n + 1));
	struct policy *p = policy_new(a, db, who);
	for (size_t i = 0; i < n; i++) {
		struct cn_err no = {0};
		if (plan_status_allow(p, db, who, plan, next[i], &no) == 0)
			v[k++] = next[i];
		else if (no.kind != CN_ERR_FORBIDDEN) {
			*err = no;
			return -1;
		}
	}
	v[k] = NULL;
	*out = v;
	return 0;
}

/* Who hears of a change of status by email (app/mail/notify.h): a plan submitted, the
 * network's facilitators; a submitted plan approved or returned, the team's leads. */
static const char SQL_PLAN_NOTIFY_FACILITATORS[] =
	"SELECT person_id FROM network_facilitator WHERE network_id = ?1 ORDER BY person_id";
static const char SQL_PLAN_NOTIFY_LEADS[] =
	"SELECT person_id FROM team_member WHERE team_id = ?1 AND role = 'lead'"
	" ORDER BY person_id";

static int plan_status_notify(struct store *db, struct arena *a, const struct rec *plan,
			      const char *from, const char *status, struct cn_err *err)
{
	int submitted = strcmp(status, "submitted") == 0;
	int decided = strcmp(from, "submitted") == 0 &&
		      (strcmp(status, "approved") == 0 || strcmp(status, "draft") == 0);
	if ((!submitted && !decided) || rec_int(plan, "team_id") == 0)
		return 0;
	const char *title = rec_text(plan, "title");
	const char *subject =
		submitted ? arena_printf(a, "Plan submitted for review: %s", title)
		: strcmp(status, "approved") == 0 ? arena_printf(a, "Plan approved: %s", title)
						  : arena_printf(a, "Plan returned for changes: %s", title);
	const char *what =
		submitted ? arena_printf(a, "The plan \"%s\" was submitted for your review.", title)
		: strcmp(status, "approved") == 0
			? arena_printf(a, "The plan \"%s\" of your team was approved.", title)
			: arena_printf(a,
				       "The plan \"%s\" of your team was returned for changes; "
				       "see the review notes.",
				       title);
	return notify_people(db, a, submitted ? SQL_PLAN_NOTIFY_FACILITATORS : SQL_PLAN_NOTIFY_LEADS,
			     submitted ? rec_int(plan, "network_id") : rec_int(plan, "team_id"), 0,
			     submitted ? NOTIFY_PLAN_SUBMITTED : NOTIFY_PLAN_DECIDED, subject, what,
			     arena_printf(a, "/plans/%lld", (long long)plan->id), NULL, NULL, err);
}

int plan_status_set(struct store *db, const struct actor *who, int64_t plan_id,
		    const char *status, const char *note, int64_t expected_version,
		    struct cn_err *err)
{
	int known = 0;
	for (size_t i = 0; plan_statuses[i] != NULL; i++)
		known |= status != NULL && strcmp(status, plan_statuses[i]) == 0;
	if (!known)
		return cn_err_field(err, CN_ERR_INPUT, "status",
				    "'%s' is not one of: draft, submitted, approved, archived",
				    status ? status : "");
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct arena *a = arena_new();
	if (store_begin(db, err))
		goto fail_arena;
	struct rec *old = NULL, *saved = NULL;
	if (rec_get(db, a, &plan_entity, plan_id, &old, err))
		goto fail;
	const char *from = rec_text(old, "status");
	if (expected_version != 0 && expected_version != old->version) {
		cn_err_set(err, CN_ERR_STALE,
			   "plan %lld was changed by someone else since you read it (it is now "
			   "version %lld); reload it and try again",
			   (long long)plan_id, (long long)old->version);
		goto fail;
	}
	int allowed = 0;
	for (const char *const *n = plan_status_next(from); *n != NULL; n++)
		allowed |= strcmp(*n, status) == 0;
	if (!allowed) {
		if (strcmp(from, status) == 0)
			cn_err_field(err, CN_ERR_INPUT, "status", "plan %lld is already %s",
				     (long long)plan_id, status);
		else
			plan_status_refuse(err, from, status);
		goto fail;
	}
	if (plan_status_may(db, a, who, old, status, err))
		goto fail;
	struct store_stmt *q = store_prepare(db, SQL_PLAN_SET_STATUS, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, status);
	store_bind_text(q, 2, now);
	store_bind_int(q, 3, plan_id);
	store_bind_int(q, 4, old->version);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0 || rec_get(db, a, &plan_entity, plan_id, &saved, err))
		goto fail;
	if (audit_record(db, who, "update", "plan", plan_id, rec_json_text(a, old),
			 rec_json_text(a, saved), err))
		goto fail;
	int reopened = strcmp(from, "approved") == 0 && strcmp(status, "draft") == 0;
	char *vnote = arena_printf(a, "status: %s -> %s%s%s%s", from, status,
				   reopened ? " (reopened for changes)" : "",
				   note && note[0] ? "; " : "", note && note[0] ? note : "");
	if (plan_version_save_change(db, who, plan_id, vnote, err) ||
	    plan_status_notify(db, a, saved, from, status, err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
fail_arena:
	arena_free(a);
	return -1;
}
