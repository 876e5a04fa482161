/* plan_kar: how a district's plan meets Kentucky's expectations for professional
 * learning in 704 KAR 3:035 (DESIGN §2): aligned with standards and the improvement
 * plan, focused on content and pedagogy, collaborative, facilitated by educators,
 * focused on continuous improvement, and ongoing. For each expectation it lists the
 * records that evidence it, says what it counts, and says what capnet cannot show, so
 * that a reader judges with the records in front of them. It is not a compliance
 * verdict. */
#ifndef CN_PLAN_KAR_H
#define CN_PLAN_KAR_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

enum plan_kar_key {
	KAR_ALIGNED,
	KAR_CONTENT_PEDAGOGY,
	KAR_COLLABORATIVE,
	KAR_EDUCATOR_FACILITATED,
	KAR_CONTINUOUS_IMPROVEMENT,
	KAR_ONGOING,
	KAR_COUNT
};

struct plan_kar_record {
	const char *kind; /* goal, action, deliverable, library_item, pd_session, plc_schedule,
			   * progress_check, plan_version, review */
	int64_t id;
	const char *text;
};

struct plan_kar_item {
	const char *key;    /* "aligned", "content_pedagogy", ... */
	const char *title;  /* the expectation in plain words */
	const char *how;    /* which records count */
	const char *limits; /* what capnet cannot show */
	const char *status; /* "evidenced", "partly evidenced" or "no records" */
	struct plan_kar_record *records;
	size_t count;
};

struct plan_kar {
	int64_t plan_id;
	struct plan_kar_item items[KAR_COUNT];
};

struct policy;
/* The evidence for each expectation, read from the plan and the records linked to it
 * (deliverables, library items, PD sessions, schedules, checks, versions, reviews), as
 * reader may read it: a record that names a deliverable, a person or a PD session the
 * reader may not read (another district's draft linked to an action, even one
 * published when it was linked) is left out, so that each reader judges with records
 * they may open. reader NULL: every record (the operator's). In a. */
int plan_kar_evidence(struct store *db, struct arena *a, struct policy *reader, int64_t plan_id,
		      struct plan_kar *out, struct cn_err *err);
void plan_kar_json(struct jw *w, const struct plan_kar *k);
/* One row per expectation: key, title, status, records (count), evidence (texts). */
void plan_kar_rows_json(struct jw *w, const struct plan_kar *k);

#endif
