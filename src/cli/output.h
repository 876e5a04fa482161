/* output: prints records for people (an aligned table), for programs (JSON) and for
 * spreadsheets (CSV, RFC 4180). Commands build JSON once; this renders it. */
#ifndef CN_OUTPUT_H
#define CN_OUTPUT_H
#include <stdio.h>

enum output_format { OUTPUT_TABLE, OUTPUT_JSON, OUTPUT_CSV };

/* Parses "table", "json" or "csv" (NULL = table). -1 after printing the problem. */
int output_format_parse(const char *s, enum output_format *out);
/* Prints json (an array of objects, or one object) in fmt. columns (NULL-terminated,
 * may be NULL for every key) limits and orders the table and CSV columns. A single
 * object prints as "key  value" lines in table format. Returns 0, or -1 on bad JSON. */
int output_print(FILE *f, enum output_format fmt, const char *json, const char *const *columns);

#endif
