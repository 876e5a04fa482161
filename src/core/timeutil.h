/* timeutil: dates, instants and IANA time zones. Instants are stored as UTC text
 * "YYYY-MM-DDTHH:MM:SSZ" (sortable, portable across SQL dialects); wall times are
 * converted with the system's zoneinfo through libical. */
#ifndef CN_TIMEUTIL_H
#define CN_TIMEUTIL_H
#include <time.h>

#include "core/err.h"

enum { TIME_ISO_LEN = 32 };
#define TIME_BAD_DATE (-2147483647L)

/* Now as "YYYY-MM-DDTHH:MM:SSZ". */
void time_now_utc(char out[TIME_ISO_LEN]);
void time_format_utc(time_t t, char out[TIME_ISO_LEN]);
/* Parses "YYYY-MM-DDTHH:MM:SSZ" as written by time_format_utc. */
int time_parse_utc(const char *s, time_t *out);

/* Checks a calendar date "YYYY-MM-DD" (real day, year 1900-2200). field names the
 * input in the error. */
int time_check_date(const char *s, const char *field, struct cn_err *err);
/* Days since 1970-01-01 of a valid date; TIME_BAD_DATE if not valid. */
long time_date_days(const char *s);
/* Writes the date `days` after 1970-01-01 as "YYYY-MM-DD". */
void time_days_date(long days, char out[11]);
/* 0 = Sunday .. 6 = Saturday for a valid date; -1 if not valid. */
int time_date_weekday(const char *s);

/* Checks a wall-clock time "HH:MM" (00:00 to 23:59). field names the input. */
int time_check_clock(const char *s, const char *field, struct cn_err *err);
/* Refuses a record of what happened (what: "a delivered PD session") dated day
 * (YYYY-MM-DD, or longer) after today anywhere on Earth (UTC+14), naming field: 0 or -1
 * with err CN_ERR_INPUT. The environment variable CAPNET_TODAY=YYYY-MM-DD sets today
 * (to replay a school year in tests and demos). */
int time_check_not_future(const char *day, const char *field, const char *what,
			  struct cn_err *err);
/* The date n months after a valid date's month, on day 1: ("2026-12-15", 1) ->
 * "2027-01-01". */
void time_month_first(const char *date, int n, char out[11]);

/* 1 if tz names a zone in the system's zoneinfo (e.g. "America/Chicago"). */
int time_tz_valid(const char *tz);
/* Converts a wall time "YYYY-MM-DDTHH:MM[:SS]" in zone tz to an instant. A value that
 * carries its own "Z" or "+HH:MM" offset is taken as is. */
int time_parse_local(const char *s, const char *tz, const char *field, time_t *out,
		     struct cn_err *err);
/* "YYYY-MM-DDTHH:MM:SS+HH:MM" for instant t as seen in zone tz. */
void time_format_local(time_t t, const char *tz, char out[TIME_ISO_LEN]);

#endif
