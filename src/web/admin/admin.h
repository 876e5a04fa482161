/* Folder web/admin: the admins' pages.
 *   pages_admin.c    people, roles and organizations
 *   pages_imports.c  OneRoster and CASE imports in the background
 *   admin.c/h        what both share
 */
/* admin: what the admins' page families share (pages_admin.c, pages_imports.c). */
#ifndef CN_WEB_ADMIN_H
#define CN_WEB_ADMIN_H

#include "http/http.h"
#include "web/page.h"

/* 0 when the actor is an admin; otherwise -1 with a refusal in err. The policy is
 * asked as for creating organizations, which only admins may. */
int admin_gate(struct http_req *rq, struct cn_err *err);

/* Select choices for the active organizations of kinds (NULL-terminated): ids as
 * text, labels "Name (kind)"; both NULL-terminated, in the request's arena. */
int admin_org_choices(struct http_req *rq, const char *const *kinds, const char ***ids,
		      const char ***labels, struct cn_err *err);

/* s (may be NULL: "") percent-encoded for a query string, in the request's arena. */
const char *admin_qs(struct http_req *rq, const char *s);

/* The breadcrumbs Admin > here. */
void admin_crumbs(struct page *p, const char *here);

#endif
