/* admin: helpers of the admins' pages (admin.h). */
#include "web/admin/admin.h"

#include "app/org/org.h"
#include "app/access/policy.h"
#include "http/allow.h"

int admin_gate(struct http_req *rq, struct cn_err *err)
{
	if (http_allow_any(rq, POLICY_CREATE, "organization", err) == 0)
		return 0;
	if (err->kind == CN_ERR_FORBIDDEN)
		cn_err_set(err, CN_ERR_FORBIDDEN, "The admin pages are for admins only.");
	return -1;
}

int admin_org_choices(struct http_req *rq, const char *const *kinds, const char ***ids,
		      const char ***labels, struct cn_err *err)
{
	size_t n = 0, icap = 0, lcap = 0;
	*ids = NULL;
	*labels = NULL;
	for (size_t k = 0; kinds[k] != NULL; k++) {
		struct rec_query q = {.filter = {kinds[k], NULL, NULL, "true"},
				      .limit = REC_LIST_MAX};
		struct rec_list l;
		if (rec_list(rq->db, rq->a, &org_entity, &q, &l, err))
			return -1;
		for (size_t i = 0; i < l.count; i++) {
			*ids = arena_grow(rq->a, *ids, sizeof(**ids), n, &icap);
			*labels = arena_grow(rq->a, *labels, sizeof(**labels), n, &lcap);
			(*ids)[n] = arena_printf(rq->a, "%lld", (long long)l.items[i]->id);
			(*labels)[n++] =
			    arena_printf(rq->a, "%s (%s)", rec_text(l.items[i], "name"), kinds[k]);
		}
	}
	*ids = arena_grow(rq->a, *ids, sizeof(**ids), n, &icap);
	*labels = arena_grow(rq->a, *labels, sizeof(**labels), n, &lcap);
	(*ids)[n] = NULL;
	(*labels)[n] = NULL;
	return 0;
}

void admin_crumbs(struct page *p, const char *here)
{
	page_crumbs(p, "Admin", "/admin", here, NULL, NULL);
}
