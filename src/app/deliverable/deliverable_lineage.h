/* deliverable_lineage: where a deliverable was adapted from, up to the original, and
 * every adaptation of it, each adaptation with its latest similarity to its source
 * (app/deliverable/similarity.h) and the class the current thresholds give it. */
#ifndef CN_DELIVERABLE_LINEAGE_H
#define CN_DELIVERABLE_LINEAGE_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

enum { DELIVERABLE_LINEAGE_MAX = 1000 }; /* links followed in either direction */

/* One step of lineage. */
struct deliverable_link {
	int64_t deliverable_id;
	const char *title;
	int64_t team_id; /* 0 if none */
	const char *team_name;
	const char *status;
	int64_t version_id;     /* sources: the version derived from; derivatives: their
				 * source version */
	int64_t version_number;
	int depth;              /* 1 = direct */
	int has_similarity;     /* derivatives: their latest version against the source */
	double similarity;
	const char *similarity_class;
};

struct deliverable_lineage {
	struct deliverable_link *sources; /* nearest first, up to the original */
	size_t nsources;
	struct deliverable_link *derivatives; /* every descendant, breadth first */
	size_t nderivatives;
};

/* Both directions for deliverable id; in a. */
int deliverable_lineage(struct store *db, struct arena *a, int64_t id,
			struct deliverable_lineage *out, struct cn_err *err);

void deliverable_lineage_json(struct jw *w, const struct deliverable_lineage *l);

#endif
