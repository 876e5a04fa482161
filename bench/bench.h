/* bench: what every benchmark program shares: a monotonic clock in milliseconds and
 * the median and 99th percentile of a set of timings. Header-only. */
#ifndef CN_BENCH_H
#define CN_BENCH_H
#include <stdlib.h>
#include <time.h>

static inline double bench_now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Sorts ms[0..n) and returns its median; *p99 gets the 99th percentile. */
static inline double bench_median(double *ms, size_t n, double *p99)
{
	qsort(ms, n, sizeof(double), bench_cmp_double);
	*p99 = ms[n * 99 / 100];
	return ms[n / 2];
}

#endif
