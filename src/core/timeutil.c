/* timeutil: calendar arithmetic is done on day numbers (proleptic Gregorian), so no
 * function here depends on the process's TZ or locale. */
#include "core/timeutil.h"

#include <ctype.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void time_format_utc(time_t t, char out[TIME_ISO_LEN])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, TIME_ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void time_now_utc(char out[TIME_ISO_LEN])
{
	time_format_utc(time(NULL), out);
}

/* Days from civil date, after H. Hinnant's "chrono-compatible low-level date
 * algorithms" (public domain description of the arithmetic). */
static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(long y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

/* Reads exactly n digits. */
static int read_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int parse_date_parts(const char *s, int *y, int *m, int *d)
{
	if (read_digits(s, 4, y) || s[4] != '-' || read_digits(s + 5, 2, m) || s[7] != '-' ||
	    read_digits(s + 8, 2, d))
		return -1;
	if (*y < 1900 || *y > 2200 || *m < 1 || *m > 12 || *d < 1 ||
	    *d > days_in_month(*y, *m))
		return -1;
	return 0;
}

int time_check_date(const char *s, const char *field, struct cn_err *err)
{
	int y, m, d;
	if (s == NULL || strlen(s) != 10 || parse_date_parts(s, &y, &m, &d))
		return cn_err_field(err, CN_ERR_INPUT, field,
				    "'%s' is not a date; write it as YYYY-MM-DD, e.g. 2026-09-15",
				    s ? s : "");
	return 0;
}

long time_date_days(const char *s)
{
	int y, m, d;
	if (s == NULL || strlen(s) != 10 || parse_date_parts(s, &y, &m, &d))
		return TIME_BAD_DATE;
	return days_from_civil(y, m, d);
}

void time_days_date(long days, char out[11])
{
	long y;
	int m, d;
	civil_from_days(days, &y, &m, &d);
	char tmp[48];
	snprintf(tmp, sizeof(tmp), "%04ld-%02d-%02d", y % 10000, m % 100, d % 100);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

int time_date_weekday(const char *s)
{
	long days = time_date_days(s);
	if (days == TIME_BAD_DATE)
		return -1;
	/* 1970-01-01 was a Thursday. */
	long w = (days + 4) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

int time_check_not_future(const char *day, const char *field, const char *what,
			  struct cn_err *err)
{
	char latest[TIME_ISO_LEN];
	const char *today = getenv("CAPNET_TODAY"); /* a school year replayed (tests, demos) */
	if (today != NULL && strlen(today) == 10 && time_date_days(today) != TIME_BAD_DATE)
		snprintf(latest, sizeof(latest), "%s", today);
	else
		time_format_utc(time(NULL) + 14 * 3600, latest);
	if (day == NULL || strlen(day) < 10 || strncmp(day, latest, 10) <= 0)
		return 0;
	return cn_err_field(err, CN_ERR_INPUT, field,
			    "%.10s is in the future: %s records what happened, so its date "
			    "cannot be after today",
			    day, what);
}

int time_check_clock(const char *s, const char *field, struct cn_err *err)
{
	int h, m;
	if (s == NULL || strlen(s) != 5 || read_digits(s, 2, &h) || s[2] != ':' ||
	    read_digits(s + 3, 2, &m) || h > 23 || m > 59)
		return cn_err_field(err, CN_ERR_INPUT, field,
				    "'%s' is not a time of day; write it as HH:MM, e.g. 15:30",
				    s ? s : "");
	return 0;
}

void time_month_first(const char *date, int n, char out[11])
{
	int y, m, d;
	if (parse_date_parts(date, &y, &m, &d)) {
		out[0] = '\0';
		return;
	}
	long months = (long)y * 12 + (m - 1) + n;
	time_days_date(days_from_civil(months / 12, (int)(months % 12) + 1, 1), out);
}

int time_parse_utc(const char *s, time_t *out)
{
	int y, mo, d, h, mi, se;
	if (s == NULL || strlen(s) != 20 || parse_date_parts(s, &y, &mo, &d) || s[10] != 'T' ||
	    read_digits(s + 11, 2, &h) || s[13] != ':' || read_digits(s + 14, 2, &mi) ||
	    s[16] != ':' || read_digits(s + 17, 2, &se) || s[19] != 'Z')
		return -1;
	*out = (time_t)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	return 0;
}

/* libical's zone of that name, or NULL. libical finds a zone by comparing the name
 * with each of its several hundred, so each thread remembers the few it has used;
 * the zones themselves live until the process ends. */
static icaltimezone *time_zone(const char *tz)
{
	enum { ZONES = 8, NAME = 65 };
	static _Thread_local struct {
		char name[NAME];
		icaltimezone *zone;
	} seen[ZONES];
	static _Thread_local unsigned next;
	if (tz == NULL || tz[0] == '\0' || strlen(tz) >= NAME)
		return NULL;
	for (unsigned i = 0; i < ZONES && seen[i].zone != NULL; i++)
		if (strcmp(seen[i].name, tz) == 0)
			return seen[i].zone;
	icaltimezone *zone = icaltimezone_get_builtin_timezone(tz);
	if (zone != NULL) {
		unsigned i = next++ % ZONES;
		memcpy(seen[i].name, tz, strlen(tz) + 1);
		seen[i].zone = zone;
	}
	return zone;
}

int time_tz_valid(const char *tz)
{
	if (tz == NULL || tz[0] == '\0' || strlen(tz) > 64)
		return 0;
	return time_zone(tz) != NULL;
}

int time_parse_local(const char *s, const char *tz, const char *field, time_t *out,
		     struct cn_err *err)
{
	int y, mo, d, h, mi, se = 0;
	size_t n = s ? strlen(s) : 0;
	if (n < 16 || parse_date_parts(s, &y, &mo, &d) || (s[10] != 'T' && s[10] != ' ') ||
	    read_digits(s + 11, 2, &h) || s[13] != ':' || read_digits(s + 14, 2, &mi) || h > 23 ||
	    mi > 59)
		goto bad;
	const char *rest = s + 16;
	if (*rest == ':') {
		if (read_digits(rest + 1, 2, &se) || se > 59)
			goto bad;
		rest += 3;
	}
	long long wall = (long long)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	if (*rest == 'Z' && rest[1] == '\0') {
		*out = (time_t)wall;
		return 0;
	}
	if ((*rest == '+' || *rest == '-') && strlen(rest) == 6 && rest[3] == ':') {
		int oh, om;
		if (read_digits(rest + 1, 2, &oh) || read_digits(rest + 4, 2, &om) || oh > 14 ||
		    om > 59)
			goto bad;
		long off = oh * 3600 + om * 60;
		*out = (time_t)(wall - (*rest == '+' ? off : -off));
		return 0;
	}
	if (*rest != '\0')
		goto bad;
	icaltimezone *zone = time_zone(tz);
	if (zone == NULL)
		return cn_err_field(err, CN_ERR_INPUT, "tz",
				    "'%s' is not a known time zone; use a name such as "
				    "America/New_York or America/Chicago",
				    tz ? tz : "");
	struct icaltimetype t = icaltime_null_time();
	t.year = y;
	t.month = mo;
	t.day = d;
	t.hour = h;
	t.minute = mi;
	t.second = se;
	*out = icaltime_as_timet_with_zone(t, zone);
	return 0;
bad:
	return cn_err_field(err, CN_ERR_INPUT, field,
			    "'%s' is not a date and time; write it as YYYY-MM-DDTHH:MM, "
			    "e.g. 2026-09-15T09:00",
			    s ? s : "");
}

void time_format_local(time_t t, const char *tz, char out[TIME_ISO_LEN])
{
	icaltimezone *zone = time_zone(tz);
	if (zone == NULL) {
		time_format_utc(t, out);
		return;
	}
	struct icaltimetype utc = icaltime_from_timet_with_zone(t, 0, icaltimezone_get_utc_timezone());
	int is_dst = 0;
	int offset = icaltimezone_get_utc_offset_of_utc_time(zone, &utc, &is_dst);
	time_t local = t + offset;
	struct tm tm;
	gmtime_r(&local, &tm);
	int a = abs(offset);
	char date[TIME_ISO_LEN];
	size_t n = strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(date + n, sizeof(date) - n, "%c%02d:%02d", offset < 0 ? '-' : '+',
		 (a / 3600) % 100, (a % 3600) / 60);
	memcpy(out, date, TIME_ISO_LEN);
}
