/* bench/similarity: the adaptation measure on two 20 KB documents (issue 4: under 5 ms
 * for one comparison). Builds a 20 KB Markdown text and an adaptation of it with about
 * a third of its sentences rewritten, then times similarity_texts() and diff_texts() over
 * many runs and prints the median and the 99th percentile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/deliverable/similarity.h"
#include "bench.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/diff.h"

enum { RUNS = 2000, DOC_BYTES = 20 * 1024 };

static const char *const words[] = {
	"students", "fractions", "model", "explain", "denominator", "number", "line", "strip",
	"area", "teacher", "pairs", "compare", "justify", "task", "card", "equation", "sum",
	"pieces", "same", "size", "partner", "reflect", "journal", "strategy", "record",
	"chart", "unit", "whole", "part", "equal", "add", "subtract", "estimate", "check"};

static unsigned rng = 2026;
static unsigned next(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 16;
}

static void sentence(struct buf *b)
{
	int n = 8 + (int)(next() % 10);
	for (int i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? " " : "", words[next() % (sizeof(words) / sizeof(words[0]))]);
	buf_puts(b, ".\n");
}

static void report(const char *what, double *ms)
{
	double p99, median = bench_median(ms, RUNS, &p99);
	printf("%-36s median %.3f ms   p99 %.3f ms   max %.3f ms\n", what, median, p99,
	       ms[RUNS - 1]);
}

int main(void)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	buf_puts(&a, "# A unit on fractions\n\n");
	buf_puts(&b, "# A unit on fractions\n\n");
	while (a.len < DOC_BYTES) {
		size_t before = a.len;
		sentence(&a);
		if (next() % 3 == 0)
			sentence(&b); /* rewritten */
		else
			buf_append(&b, a.data + before, a.len - before);
	}
	static double ms[RUNS];
	double s = 0;
	for (int i = 0; i < RUNS; i++) {
		double t0 = bench_now_ms();
		s = similarity_texts(a.data, a.len, b.data, b.len);
		ms[i] = bench_now_ms() - t0;
	}
	printf("documents: %zu and %zu bytes; similarity %.3f\n", a.len, b.len, s);
	report("similarity (shingles + Jaccard)", ms);
	for (int i = 0; i < RUNS; i++) {
		struct arena *ar = arena_new();
		struct diff d;
		double t0 = bench_now_ms();
		diff_texts(ar, a.data, a.len, b.data, b.len, &d, NULL);
		ms[i] = bench_now_ms() - t0;
		arena_free(ar);
	}
	report("line diff (Myers)", ms);
	buf_free(&a);
	buf_free(&b);
	return 0;
}
