/* plan_export: a plan as a file: CSV or XLSX (its goals with their needs, actions with
 * links, and progress checks, as tables) or a printable PDF of the district's plan (a
 * title block, goals with baseline, target, deadline, measure and linked needs, the
 * actions table, the latest progress, and the 704 KAR 3:035 view). The bytes go into
 * a buffer, so the CLI writes them to a file and the API sends them. */
#ifndef CN_PLAN_EXPORT_H
#define CN_PLAN_EXPORT_H
#include <stdint.h>

#include "app/record.h"
#include "core/buf.h"

enum plan_export_format { PLAN_EXPORT_CSV, PLAN_EXPORT_XLSX, PLAN_EXPORT_PDF };

/* "csv", "xlsx" or "pdf" (any case); field "format" names anything else. */
int plan_export_format_parse(const char *s, enum plan_export_format *out, struct cn_err *err);
/* The media type to send, e.g. "application/pdf". */
const char *plan_export_media_type(enum plan_export_format f);
/* "csv", "xlsx" or "pdf". */
const char *plan_export_extension(enum plan_export_format f);

struct policy;
/* Appends the plan exported as f to out, without what reader may not read
 * (plan_view_hide; reader NULL: everything, for the CLI's operator). *pages (may be
 * NULL) gets the PDF's page count (0 for the other formats). */
int plan_export(struct store *db, int64_t plan_id, struct policy *reader,
		enum plan_export_format f, struct buf *out, int *pages, struct cn_err *err);

#endif
