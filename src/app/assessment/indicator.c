/* indicator: one indicator of a needs-assessment instrument: its code (unique in the
 * instrument, upper case), capacity level, standard, text and place. The default
 * instrument's indicators are never edited (instrument_refuse_shipped). */
#include "app/assessment/indicator.h"

#include <ctype.h>

#include "app/assessment/instrument.h"

static const char SQL_INDICATOR_NEXT[] =
	"SELECT COALESCE(MAX(position), 0) + 1 FROM indicator WHERE instrument_id = ?1";
static const char SQL_INDICATOR_CODE_TAKEN[] =
	"SELECT id FROM indicator WHERE instrument_id = ?1 AND upper(code) = upper(?2)"
	" AND id <> ?3";

static const struct rec_field indicator_fields[] = {
	{.name = "instrument_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &instrument_entity, .help = "the instrument (a network's copy)"},
	{.name = "code", .type = REC_TEXT, .flags = REC_REQUIRED, .max = 16,
	 .help = "short code, letters, digits, '.' and '-', e.g. LC.5"},
	{.name = "capacity_level", .type = REC_ENUM, .flags = REC_REQUIRED,
	 .choices = instrument_capacity_levels,
	 .help = "people, organizational or institutional (policy)"},
	{.name = "standard", .type = REC_ENUM, .flags = REC_REQUIRED,
	 .choices = instrument_standards,
	 .help = "learning_communities, leadership, resources, data, learning_designs, "
		 "implementation or outcomes"},
	{.name = "text", .type = REC_LONGTEXT, .flags = REC_REQUIRED, .max = 1000,
	 .help = "what the district looks like when this is fully in place"},
	{.name = "position", .type = REC_INT, .flags = REC_READONLY, .min = 1, .max = 10000,
	 .help = "order in the instrument (change it with `indicator move`)"},
};

static const struct rec_filter indicator_filters[] = {
	{.name = "instrument_id", .type = REC_REF, .help = "indicators of this instrument"},
	{.name = "capacity_level", .type = REC_ENUM, .choices = instrument_capacity_levels,
	 .help = "only this capacity level"},
	{.name = "standard", .type = REC_ENUM, .choices = instrument_standards,
	 .help = "only this standard"},
};

static int indicator_check(struct store *db, struct arena *a, struct rec *r,
			   const struct rec *old, struct cn_err *err)
{
	int64_t instrument = rec_int(r, "instrument_id");
	int shipped = instrument_is_shipped(db, instrument, err);
	if (shipped < 0)
		return -1;
	if (shipped)
		return instrument_refuse_shipped(err, instrument);
	char *code = arena_strdup(a, rec_text(r, "code"));
	for (char *p = code; *p; p++) {
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-')
			return cn_err_field(err, CN_ERR_INPUT, "code",
					    "'%s' may hold only letters, digits, '.' and '-'",
					    rec_text(r, "code"));
		*p = (char)toupper((unsigned char)*p);
	}
	if (rec_put_text(r, a, "code", code, err))
		return -1;
	struct store_stmt *q = store_prepare(db, SQL_INDICATOR_CODE_TAKEN, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, instrument);
	store_bind_text(q, 2, code);
	store_bind_int(q, 3, r->id);
	int rc = store_step(q, err);
	int64_t other = rc == 1 ? store_col_int(q, 0) : 0;
	store_done(q);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return cn_err_field(err, CN_ERR_CONFLICT, "code",
				    "indicator %lld of instrument %lld already has the code %s",
				    (long long)other, (long long)instrument, code);
	if (old == NULL) {
		int64_t next = 1;
		if (store_query_int(db, SQL_INDICATOR_NEXT, &instrument, 1, &next, err) < 0)
			return -1;
		return rec_put_int(r, "position", next > 10000 ? 10000 : next, err);
	}
	return 0;
}

const struct rec_entity indicator_entity = {
	.name = "indicator",
	.plural = "indicators",
	.title = "indicator",
	.fields = indicator_fields,
	.nfields = sizeof(indicator_fields) / sizeof(indicator_fields[0]),
	.filters = indicator_filters,
	.nfilters = sizeof(indicator_filters) / sizeof(indicator_filters[0]),
	.table = "indicator",
	.check = indicator_check,
};
