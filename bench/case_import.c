/* bench/case_import: `capnet import case` of a synthetic CASE 1.0 package of 10,000
 * items on a fresh SQLite database (issue 4: under 1 s), then a re-import of the same
 * package (nothing changes) and of a version in which a quarter of the statements
 * changed. Five runs each; prints the best and the median of the wall clock and of the
 * CPU time (user + system) of the capnet process: on a shared machine the wall clock
 * also measures the neighbours. The package is shaped like a state's standards:
 * domains, clusters, standards and components in an isChildOf hierarchy, statements of
 * a realistic length, education levels, and some associations of other kinds.
 *
 * With CAPNET_BENCH_PG set to the URL of a PostgreSQL database (as tests/pg_cluster.sh
 * prints), each run imports into a new database capnet_bench of that cluster instead.
 *
 * usage: case_import [ITEMS]     (capnet is $CAPNET_BIN, else $CAPNET_BUILD/capnet) */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "store/store.h"

enum { RUNS = 5, DOMAINS = 10, CLUSTERS = 100 };

static const char *const words[] = {
	"understand", "ratio",	    "concepts",	     "reasoning", "solve",	 "problems",
	"represent",  "quantities", "equations",     "graphs",	  "fractions",	 "decimals",
	"explain",    "model",	    "number",	     "operations", "measure",	 "data",
	"compare",    "describe",   "relationships", "patterns",  "geometry",	 "area",
	"volume",     "statistics", "probability",   "functions", "expressions", "strategies",
};

static unsigned long seed;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((seed >> 33) % n);
}

static void id(struct buf *b, const char *kind, long n)
{
	buf_printf(b, "%s-%08lx-4000-8000-%012lx", kind, n, n * 7919);
}

/* The package of total items; revised changes the statements of the components. */
static void generate(struct buf *b, long total, int revised)
{
	seed = 12345;
	long rest = total - DOMAINS - CLUSTERS;
	long nstandards = rest * 3 / 4, first_standard = DOMAINS + CLUSTERS;
	long *parent = calloc((size_t)total, sizeof(long));
	char(*code)[64] = calloc((size_t)total, 64);
	for (long k = 0; k < total; k++) {
		if (k < DOMAINS) {
			parent[k] = -1;
			snprintf(code[k], 64, "BM.%ld", k + 1);
		} else if (k < first_standard) {
			long c = k - DOMAINS;
			parent[k] = c % DOMAINS;
			snprintf(code[k], 64, "%.20s.%c", code[parent[k]], (char)('A' + c / DOMAINS));
		} else if (k < first_standard + nstandards) {
			long s = k - first_standard;
			parent[k] = DOMAINS + s % CLUSTERS;
			snprintf(code[k], 64, "%.24s.%ld", code[parent[k]], s / CLUSTERS + 1);
		} else {
			long p = k - first_standard - nstandards;
			parent[k] = first_standard + p % nstandards;
			snprintf(code[k], 64, "%.40s.%c", code[parent[k]],
				 (char)('a' + p / nstandards % 26));
		}
	}
	static const char *const types[] = {"Domain", "Cluster", "Standard", "Component"};
	buf_puts(b, "{\"CFPackage\": {\"CFDocument\": {\"identifier\": \"");
	id(b, "d0c", 1);
	buf_printf(b, "\", \"uri\": \"https://case.example.org/bench\", \"creator\": \"Bench\","
		      " \"title\": \"Benchmark Standards (%ld items)\", \"lastChangeDateTime\":"
		      " \"2026-01-01T00:00:00+00:00\"},\n\"CFItems\": [\n",
		   total);
	for (long i = 0; i < total; i++) {
		int t = i < DOMAINS ? 0 : i < first_standard ? 1 : i < first_standard + nstandards ? 2 : 3;
		buf_puts(b, i ? ",\n{\"identifier\": \"" : "{\"identifier\": \"");
		id(b, "17e", i);
		buf_printf(b, "\", \"humanCodingScheme\": \"%s\", \"fullStatement\": \"%s", code[i],
			   revised && t == 3 ? "revised: " : "");
		for (int w = 0, n = 14 + (int)rnd(14); w < n; w++)
			buf_printf(b, "%s%s", w ? " " : "", words[rnd(sizeof(words) / sizeof(words[0]))]);
		buf_printf(b, ".\", \"CFItemType\": \"%s\", \"educationLevel\": [\"%02d\"],"
			      " \"lastChangeDateTime\": \"2026-01-01T00:00:00+00:00\"}",
			   types[t], (int)(i % 12) + 1);
	}
	buf_puts(b, "],\n\"CFAssociations\": [\n");
	long a = 0;
	for (long i = 0; i < total; i++, a++) {
		buf_puts(b, i ? ",\n{\"identifier\": \"" : "{\"identifier\": \"");
		id(b, "a55", a);
		buf_printf(b, "\", \"associationType\": \"isChildOf\", \"sequenceNumber\": %ld,"
			      " \"originNodeURI\": {\"title\": \"%s\", \"identifier\": \"",
			   i, code[i]);
		id(b, "17e", i);
		buf_puts(b, "\", \"uri\": \"x\"}, \"destinationNodeURI\": {\"title\": \"p\","
			    " \"identifier\": \"");
		if (parent[i] < 0)
			id(b, "d0c", 1);
		else
			id(b, "17e", parent[i]);
		buf_puts(b, "\", \"uri\": \"x\"}}");
	}
	for (long i = first_standard; i < total; i += 10, a++) {
		buf_puts(b, ",\n{\"identifier\": \"");
		id(b, "a55", a);
		buf_printf(b, "\", \"associationType\": \"%s\", \"originNodeURI\": {\"title\": \"o\","
			      " \"identifier\": \"",
			   i % 20 == 0 ? "isRelatedTo" : "exactMatchOf");
		id(b, "17e", i);
		buf_puts(b, "\", \"uri\": \"x\"}, \"destinationNodeURI\": {\"title\": \"elsewhere\","
			    " \"identifier\": \"");
		id(b, "e15", i);
		buf_printf(b, "\", \"uri\": \"https://other.example.net/%ld\"}}", i);
	}
	buf_puts(b, "]}}\n");
	free(parent);
	free(code);
}

static void write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* Runs capnet with args, output discarded; *wall and *cpu get milliseconds. */
static void run(const char *capnet, char *const args[], double *wall, double *cpu)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		execv(capnet, args);
		_exit(127);
	}
	int status = 0;
	struct rusage ru;
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "case_import: %s %s %s failed\n", capnet, args[1], args[2]);
		exit(1);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*wall = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	*cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *what, double *wall, double *cpu)
{
	qsort(wall, RUNS, sizeof(double), cmp_double);
	qsort(cpu, RUNS, sizeof(double), cmp_double);
	printf("%-30s wall best %5.0f ms  median %5.0f ms\n", what, wall[0], wall[RUNS / 2]);
	printf("%-30s cpu  best %5.0f ms  median %5.0f ms\n", "", cpu[0], cpu[RUNS / 2]);
}

/* The URL of database capnet_bench in the cluster of url, into out. */
static void pg_bench_url(const char *url, char *out, size_t size)
{
	size_t query = strcspn(url, "?"), path = query;
	while (path > 0 && url[path - 1] != '/')
		path--;
	snprintf(out, size, "%.*scapnet_bench%s", (int)path, url, url + query);
}

/* Drops capnet_bench in the cluster of url (the database it names); with create, makes
 * it again, empty. */
static void pg_bench_reset(const char *url, int create)
{
	struct store *admin = NULL;
	struct cn_err err = {0};
	if (store_open(url, &admin, &err) ||
	    store_exec(admin, "DROP DATABASE IF EXISTS capnet_bench WITH (FORCE)", &err) ||
	    (create && store_exec(admin, "CREATE DATABASE capnet_bench", &err))) {
		fprintf(stderr, "case_import: CAPNET_BENCH_PG: %s\n", err.msg);
		exit(1);
	}
	store_close(admin);
}

int main(int argc, char **argv)
{
	long total = argc > 1 ? atol(argv[1]) : 10000;
	if (total < DOMAINS + CLUSTERS + 4)
		total = DOMAINS + CLUSTERS + 4;
	char capnet[1024];
	const char *bin = getenv("CAPNET_BIN"), *build = getenv("CAPNET_BUILD");
	snprintf(capnet, sizeof(capnet), "%s%s", bin ? bin : build ? build : ".",
		 bin ? "" : "/capnet");
	char dir[] = "/tmp/capnet-bench.XXXXXX";
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	char pkg[256], pkg2[256], db[256], url[300];
	snprintf(pkg, sizeof(pkg), "%s/pkg.json", dir);
	snprintf(pkg2, sizeof(pkg2), "%s/pkg2.json", dir);
	snprintf(db, sizeof(db), "%s/bench.db", dir);
	snprintf(url, sizeof(url), "sqlite:%s", db);
	const char *pg = getenv("CAPNET_BENCH_PG");
	if (pg != NULL && pg[0] != '\0')
		pg_bench_url(pg, url, sizeof(url));
	struct buf b = BUF_INIT;
	generate(&b, total, 0);
	write_file(pkg, &b);
	printf("package: %ld items, %zu bytes; %s on %s\n", total, b.len, capnet,
	       pg != NULL && pg[0] != '\0' ? "postgresql" : "sqlite");
	buf_reset(&b);
	generate(&b, total, 1);
	write_file(pkg2, &b);
	buf_free(&b);

	char *init[] = {capnet, "--db", url, "init", NULL};
	char *first[] = {capnet, "--db", url, "import", "case", pkg, NULL};
	char *second[] = {capnet, "--db", url, "import", "case", pkg2, NULL};
	double wall[3][RUNS], cpu[3][RUNS], ignored;
	for (int r = 0; r < RUNS; r++) {
		const char *suffix[] = {"", "-wal", "-shm"};
		for (int k = 0; k < 3; k++) {
			char path[300];
			snprintf(path, sizeof(path), "%s%s", db, suffix[k]);
			unlink(path);
		}
		if (pg != NULL && pg[0] != '\0')
			pg_bench_reset(pg, 1);
		run(capnet, init, &ignored, &ignored);
		run(capnet, first, &wall[0][r], &cpu[0][r]);
		run(capnet, first, &wall[1][r], &cpu[1][r]);
		run(capnet, second, &wall[2][r], &cpu[2][r]);
	}
	report("import on a fresh database", wall[0], cpu[0]);
	report("re-import, nothing changed", wall[1], cpu[1]);
	report("re-import, 1/4 changed", wall[2], cpu[2]);
	const char *files[] = {pkg, pkg2, db};
	for (int k = 0; k < 3; k++)
		unlink(files[k]);
	char path[300];
	snprintf(path, sizeof(path), "%s-wal", db);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", db);
	unlink(path);
	rmdir(dir);
	if (pg != NULL && pg[0] != '\0')
		pg_bench_reset(pg, 0);
	return 0;
}
