/* instrument: needs-assessment instruments and their indicators (DESIGN §1, §2). An
 * instrument is a set of indicators, each written for one of the seven Kentucky
 * Professional Learning Standards and tagged with its capacity level: people,
 * organizational, or institutional (policy). capnet ships one default instrument,
 * shared by every network and never edited; a facilitator copies it (or any
 * instrument) for a network and edits the copy. Teams rate indicators in assessments
 * (app/assessment/assessment.h). */
#ifndef CN_INSTRUMENT_H
#define CN_INSTRUMENT_H
#include <stddef.h>
#include <stdint.h>

#include "app/record.h"

extern const struct rec_entity instrument_entity;

/* The seven standards, in the order instruments list them. */
enum instrument_standard {
	STD_LEARNING_COMMUNITIES,
	STD_LEADERSHIP,
	STD_RESOURCES,
	STD_DATA,
	STD_LEARNING_DESIGNS,
	STD_IMPLEMENTATION,
	STD_OUTCOMES,
	STD_COUNT
};
/* Stored names ("learning_communities", ...), NULL-terminated. */
extern const char *const instrument_standards[];
/* "people", "organizational", "institutional", NULL. */
extern const char *const instrument_capacity_levels[];
/* "Learning Communities" for "learning_communities"; the input itself if unknown. */
const char *instrument_standard_title(const char *standard);
/* "people", "organizational" or "institutional (policy)". */
const char *instrument_level_title(const char *capacity_level);
/* What a rating level means: 1 "not yet" .. 4 "sustained"; NULL outside 1..4. */
const char *instrument_scale_label(int level);

/* The default instrument's id, creating it (audited, one transaction) if the database
 * has none yet. Safe to call any number of times: it is created once. */
int instrument_default(struct store *db, const struct actor *who, int64_t *id,
		       struct cn_err *err);
/* 1 if instrument id is a shipped one (no network; never edited), 0 if not, -1 on
 * error (CN_ERR_NOT_FOUND if absent). */
int instrument_is_shipped(struct store *db, int64_t id, struct cn_err *err);

/* The instrument a new assessment of network_id's teams uses: the network's newest
 * copy: 1 with *id set; 0 when the network has none (its teams use capnet's default,
 * see instrument_default); -1 on error. */
int instrument_of_network(struct store *db, int64_t network_id, int64_t *id,
			  struct cn_err *err);

/* Sets err to CN_ERR_CONFLICT: the default instrument id is never edited, and how to
 * copy it instead. Returns -1. */
int instrument_refuse_shipped(struct cn_err *err, int64_t id);
/* Copies instrument src with all its indicators for network_id. name may be NULL
 * ("<source name> (copy for <network name>)"). *new_id gets the copy. */
int instrument_copy(struct store *db, const struct actor *who, int64_t src, int64_t network_id,
		    const char *name, int64_t *new_id, struct cn_err *err);
/* Moves an indicator to position (1 = first) and renumbers the others 1..n. */
int instrument_indicator_move(struct store *db, const struct actor *who, int64_t indicator_id,
			      int64_t position, struct cn_err *err);
/* Removes an indicator from a copy; refused on a shipped instrument and when a team has
 * rated it or a goal is linked to it (CN_ERR_CONFLICT on field "indicator", saying
 * which). */
int instrument_indicator_remove(struct store *db, const struct actor *who,
				int64_t indicator_id, struct cn_err *err);
/* Finds an indicator of instrument by code ("LC.2", any case) or by id given as text:
 * 1 found (*id set), 0 not found, -1 error. */
int instrument_indicator_find(struct store *db, int64_t instrument_id, const char *key,
			      int64_t *id, struct cn_err *err);

struct instrument_indicator {
	int64_t id;
	const char *code;
	const char *capacity_level;
	const char *standard;
	const char *text;
	int64_t position;
};

struct instrument_full {
	struct rec *instrument;
	int shipped;
	struct instrument_indicator *indicators; /* in position order */
	size_t count;
};

/* An instrument with its indicators, allocated in a. */
int instrument_load(struct store *db, struct arena *a, int64_t id, struct instrument_full *out,
		    struct cn_err *err);
/* {"id",..,"name",..,"shipped":bool,"scale":[..],"indicators":[{..}],
 *  "by_standard":{"learning_communities":n,..},"by_level":{"people":n,..}} */
void instrument_json(struct jw *w, const struct instrument_full *in);
/* The indicators alone as an array of objects (for tables). */
void instrument_indicators_json(struct jw *w, const struct instrument_full *in);

#endif
