/* audit: writing events. The table refuses UPDATE and DELETE (see the schema). */
#include "app/audit.h"

#include "core/timeutil.h"

static const char SQL_AUDIT_ADD[] =
	"INSERT INTO audit_event (at, actor_id, actor_label, action, entity, entity_id,"
	" before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

int audit_record(struct store *db, const struct actor *who, const char *action,
		 const char *entity, int64_t entity_id, const char *before, const char *after,
		 struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct store_stmt *q = store_prepare(db, SQL_AUDIT_ADD, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, now);
	store_bind_id(q, 2, who->person_id);
	store_bind_text(q, 3, who->label ? who->label : "unknown");
	store_bind_text(q, 4, action);
	store_bind_text(q, 5, entity);
	store_bind_id(q, 6, entity_id);
	store_bind_text(q, 7, before);
	store_bind_text(q, 8, after);
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}
