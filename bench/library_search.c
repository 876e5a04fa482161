/* library_search: how fast the library's ranked search is over 100,000 items.
 *
 * Builds (or reuses) a database of ITEMS library items written through
 * library_create, with text drawn from a vocabulary of 4,000 words whose frequencies
 * follow Zipf's law (word of rank r has weight 1/r; the 40 most common are English
 * function words, the rest made-up words of 2 to 4 syllables): titles of 3 to 9
 * words, summaries of 20 to 50, Markdown bodies of 120 to 400, 0 to 3 citations; kinds,
 * content areas, grade bands, tiers, tags and networks spread as a state library's
 * would be. Then it runs SEARCHES searches through library_search in this process
 * and prints the latency distribution, overall and per kind of query, and the same
 * for 200 recommendations through library_recommend.
 *
 * Queries: 1 to 3 words (40 %, 40 %, 20 %); each word drawn half the time by
 * frequency (so mostly common words) and half the time uniformly from the vocabulary
 * (so mostly rare ones); no filter (50 %), one (30 %), two (15 %) or three (5 %)
 * filters among kind, content area, grade band, minimum tier and tag.
 *
 * Each figure is given as wall time and as the thread's CPU time: on a machine that
 * other work shares, wall time includes waiting for a core, CPU time does not.
 *
 * usage: library_search [DB_PATH [ITEMS [SEARCHES]]]
 * (default /tmp/capnet-bench/library.db, 100000, 2000; an existing database with
 * ITEMS items is reused, so a second run skips the build). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app/library/library.h"
#include "app/network/network.h"
#include "core/buf.h"
#include "core/mem.h"
#include "store/store.h"

enum { VOCAB = 4000, TAGS = 300, NETWORKS = 20, WARMUP = 200, RECOMMENDS = 200 };

static const char *const common[] = {
	"the", "of", "and", "to", "a", "in", "students", "for", "is", "that", "with", "on",
	"as", "learning", "teachers", "are", "by", "this", "be", "their", "or", "from", "an",
	"it", "at", "school", "they", "can", "math", "reading", "class", "each", "how",
	"will", "more", "what", "when", "about", "which", "instruction"};

static char *vocab[VOCAB];
static double cumul[VOCAB];
static char *tagv[TAGS];
static double tag_cumul[TAGS];
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double uniform(void)
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

static int below(int n)
{
	return (int)(next() % (uint64_t)n);
}

/* Index drawn from cumulative weights c[0..n). */
static int draw(const double *c, int n)
{
	double x = uniform() * c[n - 1];
	int lo = 0, hi = n - 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (c[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void vocab_build(void)
{
	static const char *const on[] = {"b", "c", "d", "f", "g", "l", "m", "n", "p", "r",
					 "s", "t", "v", "br", "st", "tr", "pl", "gr", "sh", "ch"};
	static const char *const nu[] = {"a", "e", "i", "o", "u", "ai", "ea", "io", "ou"};
	static const char *const co[] = {"", "n", "r", "s", "t", "l", "m", "nd", "st", "ng"};
	double sum = 0;
	for (int i = 0; i < VOCAB; i++) {
		if (i < (int)(sizeof(common) / sizeof(common[0]))) {
			vocab[i] = xstrdup(common[i]);
		} else {
			char w[64] = "";
			int syl = 2 + below(3);
			for (int k = 0; k < syl; k++) {
				strcat(w, on[below(20)]);
				strcat(w, nu[below(9)]);
				if (k + 1 == syl || below(3) == 0)
					strcat(w, co[below(10)]);
			}
			vocab[i] = xstrdup(w);
		}
		sum += 1.0 / (i + 1);
		cumul[i] = sum;
	}
	sum = 0;
	for (int i = 0; i < TAGS; i++) {
		char t[80];
		snprintf(t, sizeof(t), "%s-%s", vocab[40 + below(400)], vocab[40 + below(2000)]);
		tagv[i] = xstrdup(t);
		sum += 1.0 / (i + 1);
		tag_cumul[i] = sum;
	}
}

static void words(struct buf *b, int n, int capital)
{
	for (int i = 0; i < n; i++) {
		const char *w = vocab[draw(cumul, VOCAB)];
		buf_printf(b, "%s%c%s", i ? " " : "", capital && i == 0 ? w[0] - 32 : w[0], w + 1);
	}
}

static double clock_ms(clockid_t id)
{
	struct timespec t;
	clock_gettime(id, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double now_ms(void)
{
	return clock_ms(CLOCK_MONOTONIC);
}

/* CPU time of this thread: unlike wall time, not inflated when other processes
 * share the cores. */
static double cpu_ms(void)
{
	return clock_ms(CLOCK_THREAD_CPUTIME_ID);
}

static void die(const char *what, const struct cn_err *err)
{
	fprintf(stderr, "library_search: %s: %s: %s\n", what, err->field, err->msg);
	exit(1);
}

static const char *const kinds[] = {"strategy", "resource", "tool", "research"};
static const char *const areas[] = {"mathematics", "english_language_arts", "science",
				    "social_studies", "leadership", "special_education",
				    "english_learners", "arts_humanities"};
static const double area_w[] = {30, 55, 70, 80, 88, 93, 97, 100};
static const char *const bands[] = {"k_2", "3_5", "6_8", "9_12", "adult"};

static int64_t item_add(struct store *db, const struct actor *who, int64_t *networks)
{
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *r = rec_new(a, &library_item_entity);
	struct buf t = BUF_INIT, s = BUF_INIT, body = BUF_INIT;
	words(&t, 3 + below(7), 1);
	words(&s, 20 + below(31), 1);
	buf_puts(&s, ".");
	buf_puts(&body, "## ");
	words(&body, 2 + below(3), 1);
	buf_puts(&body, "\n\n");
	int paras = 2 + below(4), left = 120 + below(281);
	for (int p = 0; p < paras && left > 0; p++) {
		int n = p + 1 == paras ? left : left / (paras - p);
		if (below(4) == 0) {
			for (int k = 0; k < 3; k++) {
				buf_printf(&body, "%d. ", k + 1);
				words(&body, n / 3 + 1, 1);
				buf_puts(&body, "\n");
			}
		} else {
			words(&body, n, 1);
			buf_puts(&body, ".");
		}
		buf_puts(&body, "\n\n");
		left -= n;
	}
	rec_set_text(r, a, "kind", kinds[below(4)], &err);
	rec_set_text(r, a, "title", buf_str(&t), &err);
	rec_set_text(r, a, "summary", buf_str(&s), &err);
	if (rec_set_text(r, a, "body", buf_str(&body), &err))
		die("body", &err);
	double tier = uniform();
	if (tier > 0.4)
		rec_set_int(r, "evidence_tier",
			    tier > 0.85 ? 4 : tier > 0.65 ? 3 : tier > 0.5 ? 2 : 1, &err);
	if (below(5) == 0)
		rec_set_int(r, "network_id", networks[below(NETWORKS)], &err);
	const char *ar[2], *bd[3], *tg[4];
	struct library_citation cites[3];
	struct library_links l = {.set = LIBRARY_SET_ALL, .areas = ar, .bands = bd, .tags = tg,
				  .citations = cites};
	double x = uniform() * 100;
	int ai = 0;
	while (area_w[ai] < x)
		ai++;
	ar[l.nareas++] = areas[ai];
	if (below(5) == 0)
		ar[l.nareas++] = areas[below(8)];
	int b0 = below(5), nb = 1 + below(3);
	for (int k = 0; k < nb && b0 + k < 5; k++)
		bd[l.nbands++] = bands[b0 + k];
	int ntags = below(5);
	for (int k = 0; k < ntags; k++)
		tg[l.ntags++] = tagv[draw(tag_cumul, TAGS)];
	int ncites = below(4);
	struct buf cb[3] = {BUF_INIT, BUF_INIT, BUF_INIT};
	for (int k = 0; k < ncites; k++) {
		words(&cb[k], 10 + below(8), 1);
		buf_printf(&cb[k], " (%d).", 1995 + below(30));
		cites[k].text = buf_str(&cb[k]);
		cites[k].url = below(2) ? "https://ies.ed.gov/ncee/wwc/" : NULL;
		l.ncitations++;
	}
	if (library_create(db, who, a, r, &l, &err))
		die("create", &err);
	int64_t id = r->id;
	buf_free(&t);
	buf_free(&s);
	buf_free(&body);
	for (int k = 0; k < 3; k++)
		buf_free(&cb[k]);
	arena_free(a);
	return id;
}

static int64_t count_items(struct store *db)
{
	struct cn_err err = {0};
	static const char sql[] = "SELECT COUNT(*) FROM library_item";
	struct store_stmt *q = store_prepare(db, sql, &err);
	if (q == NULL)
		return -1;
	int64_t n = store_step(q, &err) == 1 ? store_col_int(q, 0) : -1;
	store_done(q);
	return n;
}

static void build(struct store *db, int items)
{
	struct cn_err err = {0};
	struct actor who = actor_system("bench");
	struct arena *a = arena_new();
	int64_t networks[NETWORKS];
	for (int i = 0; i < NETWORKS; i++) {
		struct rec *n = rec_new(a, &network_entity);
		rec_set_text(n, a, "name", arena_printf(a, "Network %d", i + 1), &err);
		rec_set_text(n, a, "content_area", areas[i % 8], &err);
		rec_set_text(n, a, "school_year", "2026-27", &err);
		if (rec_create(db, &who, a, n, &err))
			die("network", &err);
		networks[i] = n->id;
	}
	arena_free(a);
	double t0 = now_ms();
	for (int i = 0; i < items; i += 1000) {
		if (store_begin(db, &err))
			die("begin", &err);
		for (int k = i; k < items && k < i + 1000; k++)
			item_add(db, &who, networks);
		if (store_commit(db, &err))
			die("commit", &err);
		if (i % 10000 == 0)
			fprintf(stderr, "\r  %d items", i);
	}
	double ms = now_ms() - t0;
	fprintf(stderr, "\r");
	printf("built %d items in %.1f s (%.0f items/s, each through library_create)\n", items,
	       ms / 1000, items / (ms / 1000));
}

struct sample {
	double ms, cpu;
	int words, filters, common, hits;
	char text[160]; /* the query, for the list of the slowest */
};

static int by_ms(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

static void percentiles(double *v, int k, double *out)
{
	qsort(v, (size_t)k, sizeof(double), by_ms);
	out[0] = v[k / 2];
	out[1] = v[(int)(k * 0.9)];
	out[2] = v[(int)(k * 0.99)];
	out[3] = v[k - 1];
}

static void report(const char *what, const struct sample *s, int n,
		   int (*pick)(const struct sample *))
{
	double *v = xmalloc(sizeof(double) * (size_t)(n ? n : 1));
	double *c = xmalloc(sizeof(double) * (size_t)(n ? n : 1));
	int k = 0, empty = 0;
	for (int i = 0; i < n; i++)
		if (pick == NULL || pick(&s[i])) {
			v[k] = s[i].ms;
			c[k++] = s[i].cpu;
			empty += s[i].hits == 0;
		}
	if (k > 0) {
		double w[4], p[4];
		percentiles(v, k, w);
		percentiles(c, k, p);
		printf("  %-28s n=%5d  wall p50 %6.3f p90 %6.3f p99 %6.3f max %7.3f | cpu p50 %6.3f "
		       "p99 %6.3f max %7.3f ms  (%d no hit)\n",
		       what, k, w[0], w[1], w[2], w[3], p[0], p[2], p[3], empty);
	}
	free(v);
	free(c);
}

static int by_cpu(const void *x, const void *y)
{
	double a = ((const struct sample *)x)->cpu, b = ((const struct sample *)y)->cpu;
	return a > b ? -1 : a < b;
}

static int pick_common(const struct sample *s)
{
	return s->common == s->words;
}
static int pick_rare(const struct sample *s)
{
	return s->common == 0;
}
static int pick_one(const struct sample *s)
{
	return s->words == 1;
}
static int pick_three(const struct sample *s)
{
	return s->words == 3;
}
static int pick_nofilter(const struct sample *s)
{
	return s->filters == 0;
}
static int pick_filters(const struct sample *s)
{
	return s->filters >= 2;
}

/* One query: words into b, filters into f; counts into s. */
static void query(struct arena *a, struct buf *b, struct library_filter *f, struct sample *s)
{
	double r = uniform();
	s->words = r < 0.4 ? 1 : r < 0.8 ? 2 : 3;
	s->common = 0;
	buf_reset(b);
	for (int i = 0; i < s->words; i++) {
		int w = below(2) ? draw(cumul, VOCAB) : below(VOCAB);
		s->common += w < 100;
		buf_printf(b, "%s%s", i ? " " : "", vocab[w]);
	}
	memset(f, 0, sizeof(*f));
	r = uniform();
	s->filters = r < 0.5 ? 0 : r < 0.8 ? 1 : r < 0.95 ? 2 : 3;
	struct cn_err err = {0};
	for (int i = 0; i < s->filters; i++) {
		switch (below(5)) {
		case 0:
			library_filter_set(f, a, "kind", kinds[below(4)], &err);
			break;
		case 1:
			library_filter_set(f, a, "area", areas[below(4)], &err);
			break;
		case 2:
			library_filter_set(f, a, "band", bands[below(5)], &err);
			break;
		case 3:
			library_filter_set(f, a, "min_tier", below(2) ? "2" : "3", &err);
			break;
		default:
			library_filter_set(f, a, "tag", tagv[draw(tag_cumul, TAGS)], &err);
			break;
		}
	}
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/capnet-bench/library.db";
	int items = argc > 2 ? atoi(argv[2]) : 100000;
	int searches = argc > 3 ? atoi(argv[3]) : 2000;
	mkdir("/tmp/capnet-bench", 0755);
	vocab_build();
	char url[600];
	snprintf(url, sizeof(url), "sqlite:%s", path);
	struct store *db = NULL;
	struct cn_err err = {0};
	if (store_open(url, &db, &err) || store_migrate(db, NULL, &err))
		die("open", &err);
	int64_t have = count_items(db);
	if (have != items) {
		if (have > 0) {
			fprintf(stderr, "library_search: %s has %lld items, not %d; remove it first\n",
				path, (long long)have, items);
			return 1;
		}
		build(db, items);
	} else {
		printf("reusing %s with %d items\n", path, items);
	}
	struct stat st;
	if (stat(path, &st) == 0)
		printf("database: %.0f MB\n", (double)st.st_size / 1e6);

	struct sample *s = xcalloc((size_t)searches, sizeof(*s));
	struct buf b = BUF_INIT;
	for (int i = 0; i < WARMUP + searches; i++) {
		struct arena *a = arena_new();
		struct library_filter f;
		struct sample x;
		query(a, &b, &f, &x);
		struct library_results r;
		double t0 = now_ms(), c0 = cpu_ms();
		if (library_search(db, a, buf_str(&b), &f, 10, 0, &r, &err))
			die("search", &err);
		x.ms = now_ms() - t0;
		x.cpu = cpu_ms() - c0;
		x.hits = (int)r.count;
		snprintf(x.text, sizeof(x.text), "\"%s\"%s%s%s%s%s%s%s%s%s%s%s", buf_str(&b),
			 f.kind ? " kind=" : "", f.kind ? f.kind : "", f.content_area ? " area=" : "",
			 f.content_area ? f.content_area : "", f.grade_band ? " band=" : "",
			 f.grade_band ? f.grade_band : "", f.tag ? " tag=" : "", f.tag ? f.tag : "",
			 f.tier_at_least ? " min_tier=" : "", f.tier_at_least == 2 ? "2" : "",
			 f.tier_at_least == 3 ? "3" : "");
		if (i >= WARMUP)
			s[i - WARMUP] = x;
		arena_free(a);
	}
	printf("library_search, %d searches after %d to warm up, 10 hits each:\n", searches,
	       WARMUP);
	report("all", s, searches, NULL);
	report("common words only (top 100)", s, searches, pick_common);
	report("rare words only", s, searches, pick_rare);
	report("one word", s, searches, pick_one);
	report("three words", s, searches, pick_three);
	report("no filter", s, searches, pick_nofilter);
	report("two or three filters", s, searches, pick_filters);
	qsort(s, (size_t)searches, sizeof(*s), by_cpu);
	printf("  slowest (cpu ms, hits, query):\n");
	for (int i = 0; i < 5 && i < searches; i++)
		printf("    %7.3f %3d  %s\n", s[i].cpu, s[i].hits, s[i].text);

	struct sample *rs = xcalloc(RECOMMENDS, sizeof(*rs));
	for (int i = 0; i < RECOMMENDS; i++) {
		struct arena *a = arena_new();
		buf_reset(&b);
		words(&b, 15 + below(16), 1);
		struct library_results r;
		double t0 = now_ms(), c0 = cpu_ms();
		if (library_recommend(db, a, buf_str(&b), NULL, 10, &r, &err) &&
		    err.kind != CN_ERR_INPUT)
			die("recommend", &err);
		rs[i].ms = now_ms() - t0;
		rs[i].cpu = cpu_ms() - c0;
		rs[i].hits = (int)r.count;
		arena_free(a);
	}
	printf("library_recommend, texts of 15 to 30 words, 10 hits each:\n");
	report("all", rs, RECOMMENDS, NULL);
	buf_free(&b);
	free(s);
	free(rs);
	store_close(db);
	return 0;
}
