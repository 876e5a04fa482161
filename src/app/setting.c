/* setting: the declared settings and their rules. */
#include "app/setting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/audit.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/utf8.h"

static const char SQL_SETTING_GET[] = "SELECT value FROM setting WHERE key = ?1";
static const char SQL_SETTING_PUT[] =
	"INSERT INTO setting (key, value) VALUES (?1, ?2)"
	" ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char SQL_SETTING_DELETE[] = "DELETE FROM setting WHERE key = ?1";

typedef int (*setting_rule)(struct store *db, struct arena *a, const char *key,
			    const char *value, struct cn_err *err);

struct setting_def {
	const char *key;
	const char *def;
	const char *help;
	setting_rule rule;
};

static int setting_fraction(const char *key, const char *value, double *out, struct cn_err *err)
{
	char *end = NULL;
	double v = strtod(value, &end);
	if (value[0] == '\0' || *end != '\0' || !(v >= 0.0 && v <= 1.0))
		return cn_err_field(err, CN_ERR_INPUT, key,
				    "'%s' is not a number from 0 to 1 (e.g. 0.9)", value);
	*out = v;
	return 0;
}

/* The duplicate threshold must stay above the new threshold. */
static int setting_rule_similarity(struct store *db, struct arena *a, const char *key,
				   const char *value, struct cn_err *err)
{
	double v, other;
	if (setting_fraction(key, value, &v, err))
		return -1;
	int is_dup = strcmp(key, SETTING_SIMILARITY_DUPLICATE) == 0;
	const char *other_key = is_dup ? SETTING_SIMILARITY_NEW : SETTING_SIMILARITY_DUPLICATE;
	const char *other_text;
	if (setting_get(db, a, other_key, &other_text, err) ||
	    setting_fraction(other_key, other_text, &other, err))
		return -1;
	double dup = is_dup ? v : other, low = is_dup ? other : v;
	if (!(low < dup))
		return cn_err_field(err, CN_ERR_INPUT, key,
				    "%s (%g) must be below %s (%g): a text cannot be both new "
				    "and a duplicate",
				    SETTING_SIMILARITY_NEW, low, SETTING_SIMILARITY_DUPLICATE, dup);
	return 0;
}

static int setting_rule_base_uri(struct store *db, struct arena *a, const char *key,
				 const char *value, struct cn_err *err)
{
	(void)db, (void)a;
	size_t n = strlen(value);
	int ok = (strncasecmp(value, "https://", 8) == 0 && n > 8) ||
		 (strncasecmp(value, "http://", 7) == 0 && n > 7);
	for (size_t i = 0; ok && i < n; i++)
		if ((unsigned char)value[i] <= ' ' || strchr("\"<>\\^`{|}", value[i]) != NULL)
			ok = 0;
	if (!ok || n > 500 || value[n - 1] != '/')
		return cn_err_field(err, CN_ERR_INPUT, key,
				    "'%.80s' is not a base web address: write it like "
				    "https://standards.example.org/uri/ (ending in /)",
				    value);
	return 0;
}

static const struct setting_def setting_defs[] = {
	{SETTING_SIMILARITY_DUPLICATE, "0.9",
	 "a derived version this similar to its source (0..1) or more is a duplicate",
	 setting_rule_similarity},
	{SETTING_SIMILARITY_NEW, "0.3",
	 "a derived version less similar to its source than this (0..1) is new work",
	 setting_rule_similarity},
	{SETTING_CASE_BASE_URI, "https://capnet.example/uri/",
	 "where CASE identifiers of exported learning targets resolve (ends in /)",
	 setting_rule_base_uri},
	{SETTING_SITE_BASE_URL, "http://localhost:8080/",
	 "the address people reach capnet at, for links in calendar feeds (ends in /)",
	 setting_rule_base_uri},
};
enum { SETTING_COUNT = sizeof(setting_defs) / sizeof(setting_defs[0]) };

static const struct setting_def *setting_find(const char *key, struct cn_err *err)
{
	for (size_t i = 0; i < SETTING_COUNT; i++)
		if (strcmp(setting_defs[i].key, key) == 0)
			return &setting_defs[i];
	char known[300] = "";
	size_t n = 0;
	for (size_t i = 0; i < SETTING_COUNT && n < sizeof(known); i++)
		n += (size_t)snprintf(known + n, sizeof(known) - n, "%s%s", i ? ", " : "",
				      setting_defs[i].key);
	cn_err_field(err, CN_ERR_NOT_FOUND, "key", "'%.100s' is not a setting; the settings are: %s",
		     key, known);
	return NULL;
}

/* The stored value or NULL; -1 on error. */
static int setting_stored(struct store *db, struct arena *a, const char *key, const char **out,
			  struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_SETTING_GET, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, key);
	int rc = store_step(q, err);
	*out = rc == 1 ? store_col_dup(q, 0, a) : NULL;
	store_done(q);
	return rc < 0 ? -1 : 0;
}

int setting_get(struct store *db, struct arena *a, const char *key, const char **value,
		struct cn_err *err)
{
	const struct setting_def *d = setting_find(key, err);
	if (d == NULL || setting_stored(db, a, key, value, err))
		return -1;
	if (*value == NULL)
		*value = d->def;
	return 0;
}

static char *setting_json(struct arena *a, const char *key, const char *value)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_str(&w, "key", key);
	jw_kv_str(&w, "value", value);
	jw_obj_end(&w);
	char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* Stores value (NULL = forget it) with its audit event, in one transaction. */
static int setting_write(struct store *db, const struct actor *who, const char *key,
			 const char *value, struct cn_err *err)
{
	struct arena *a = arena_new();
	const char *old = NULL;
	const struct setting_def *d = setting_find(key, err);
	if (d == NULL) {
		arena_free(a);
		return -1;
	}
	if (value != NULL) {
		size_t n = strlen(value);
		if (n > 1000 || !utf8_valid(value, n, NULL)) {
			arena_free(a);
			return cn_err_field(err, CN_ERR_INPUT, key,
					    "must be valid UTF-8 text of at most 1000 bytes");
		}
	}
	if (store_begin(db, err)) {
		arena_free(a);
		return -1;
	}
	if (value != NULL && d->rule(db, a, key, value, err))
		goto fail;
	if (setting_stored(db, a, key, &old, err))
		goto fail;
	struct store_stmt *q = store_prepare(db, value ? SQL_SETTING_PUT : SQL_SETTING_DELETE, err);
	if (q == NULL)
		goto fail;
	store_bind_text(q, 1, key);
	if (value != NULL)
		store_bind_text(q, 2, value);
	int rc = store_step(q, err);
	store_done(q);
	if (rc < 0)
		goto fail;
	if (audit_record(db, who, "update", "setting", 0,
			 setting_json(a, key, old ? old : d->def),
			 setting_json(a, key, value ? value : d->def), err))
		goto fail;
	arena_free(a);
	return store_commit(db, err);
fail:
	store_rollback(db);
	arena_free(a);
	return -1;
}

int setting_set(struct store *db, const struct actor *who, const char *key, const char *value,
		struct cn_err *err)
{
	return setting_write(db, who, key, value, err);
}

int setting_reset(struct store *db, const struct actor *who, const char *key,
		  struct cn_err *err)
{
	return setting_write(db, who, key, NULL, err);
}

int setting_list(struct store *db, struct arena *a, struct setting_value **out, size_t *count,
		 struct cn_err *err)
{
	struct setting_value *v = arena_alloc(a, sizeof(*v) * SETTING_COUNT);
	for (size_t i = 0; i < SETTING_COUNT; i++) {
		const char *stored;
		if (setting_stored(db, a, setting_defs[i].key, &stored, err))
			return -1;
		v[i] = (struct setting_value){setting_defs[i].key,
					      stored ? stored : setting_defs[i].def,
					      setting_defs[i].def, setting_defs[i].help,
					      stored == NULL};
	}
	*out = v;
	*count = SETTING_COUNT;
	return 0;
}

int setting_thresholds(struct store *db, struct similarity_thresholds *out, struct cn_err *err)
{
	struct arena *a = arena_new();
	const char *dup, *low;
	int rc = setting_get(db, a, SETTING_SIMILARITY_DUPLICATE, &dup, err) ||
		 setting_get(db, a, SETTING_SIMILARITY_NEW, &low, err) ||
		 setting_fraction(SETTING_SIMILARITY_DUPLICATE, dup, &out->duplicate_min, err) ||
		 setting_fraction(SETTING_SIMILARITY_NEW, low, &out->new_below, err);
	arena_free(a);
	return rc ? -1 : 0;
}
