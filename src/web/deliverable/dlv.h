/* Folder web/deliverable: deliverable pages.
 *   pages_deliverables.c     the list, creating one, one deliverable's page
 *   pages_deliverable_edit.c the editor, versions, status, contributors
 *   pages_targets.c          standards alignments and learning targets
 *   dlv.c/h                  what they share
 */
/* dlv: what the deliverable pages (pages_deliverables.c, pages_deliverable_edit.c,
 * pages_targets.c, pages_notices.c) share: reading a deliverable the person may see,
 * the policy questions behind its buttons, how kinds and statuses read, the teams a
 * person may create deliverables for, and text posted from a browser's textarea. */
#ifndef CN_DLV_H
#define CN_DLV_H
#include <stdint.h>

#include "app/deliverable/deliverable_review.h"
#include "app/notice.h"
#include "app/access/policy.h"
#include "app/record.h"
#include "http/http.h"
#include "web/page.h"

/* Reads the deliverable whose id is the path parameter "id" and asks the policy for
 * verb on it (a deliverable the person may not read is "not found"). *out lives in
 * rq->a. */
int dlv_load(struct http_req *rq, enum policy_verb verb, struct rec **out, struct cn_err *err);
/* 1 if the policy allows verb on r under rule entity ("deliverable",
 * "deliverable_publish", "deliverable_review", "learning_target"), else 0: for
 * offering a button; the route itself still asks before it acts. */
int dlv_can(struct http_req *rq, enum policy_verb verb, const char *entity, const struct rec *r);

/* The versions of d the person may see (oldest first, in rq->a): all of them for its
 * district, its contributors and its network's facilitators (rule
 * "deliverable_version"), the published ones for everyone else. *drafts (may be NULL)
 * gets 1 for the former. */
int dlv_versions(struct http_req *rq, const struct rec *d, struct deliverable_versions *out,
		 int *drafts, struct cn_err *err);

/* "Learning-target set", "In review", ...; the code itself when unknown. */
const char *dlv_kind_label(const char *kind);
const char *dlv_status_label(const char *status);
/* Choices for a kind select (codes and labels, NULL-terminated, static). */
extern const char *const dlv_kinds[];
extern const char *const dlv_kind_labels[];
extern const char *const dlv_statuses[];
extern const char *const dlv_status_labels[];
/* How the review dimensions (app/deliverable/deliverable_review.h) read, in their order. */
extern const char *const dlv_dimension_labels[];

/* "/deliverables/ID" followed by suffix (may be ""); in a. */
const char *dlv_href(struct arena *a, int64_t id, const char *suffix);
/* The top of a deliverable's page: breadcrumbs Deliverables / title (linked) / here
 * (here NULL on the deliverable's own page), then the heading, prefix and title. */
void dlv_top(struct page *p, const struct rec *d, const char *here, const char *prefix);
/* The name of record id of entity e (a team's or network's "name"), or NULL when it
 * cannot be read. In rq->a. */
const char *dlv_name(struct http_req *rq, const struct rec_entity *e, int64_t id);

/* The teams the person may create deliverables for, as choices (team ids) and labels
 * ("Team - Network"), NULL-terminated, in rq->a; *count of them. */
int dlv_team_choices(struct http_req *rq, const char ***choices, const char ***labels,
		     size_t *count, struct cn_err *err);
/* A link to what notice n is about: the adapted deliverable, or the reviewed plan. */
void dlv_notice_link(struct http_req *rq, struct html *h, const struct notice *n);
/* A copy of text with the CR LF line breaks browsers send turned into LF; in a. NULL
 * stays NULL. */
char *dlv_text(struct arena *a, const char *text);

#endif
