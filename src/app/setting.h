/* setting: site-wide settings people may change (table `setting`), each declared here
 * with its default and its rule. A setting never stored has its default. */
#ifndef CN_SETTING_H
#define CN_SETTING_H
#include <stddef.h>

#include "app/actor.h"
#include "app/deliverable/similarity.h"
#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

#define SETTING_SIMILARITY_DUPLICATE "similarity.duplicate_min"
#define SETTING_SIMILARITY_NEW "similarity.new_below"
#define SETTING_CASE_BASE_URI "case.base_uri"
#define SETTING_SITE_BASE_URL "site.base_url"

struct setting_value {
	const char *key;
	const char *value;   /* the stored value, or the default */
	const char *def;     /* the default */
	const char *help;
	int is_default;      /* 1 when nothing is stored */
};

/* The value of key (its default when not stored) into *value, valid until arena_free(a).
 * CN_ERR_NOT_FOUND for a key that is not declared. */
int setting_get(struct store *db, struct arena *a, const char *key, const char **value,
		struct cn_err *err);
/* Checks value against the key's rule (and the rules between keys) and stores it,
 * audited. */
int setting_set(struct store *db, const struct actor *who, const char *key, const char *value,
		struct cn_err *err);
/* Forgets the stored value, so the default applies again; audited. */
int setting_reset(struct store *db, const struct actor *who, const char *key,
		  struct cn_err *err);
/* Every declared setting with its current value; *out lives in a. */
int setting_list(struct store *db, struct arena *a, struct setting_value **out, size_t *count,
		 struct cn_err *err);
/* The thresholds that classify adaptation (similarity.h). */
int setting_thresholds(struct store *db, struct similarity_thresholds *out, struct cn_err *err);

#endif
