/* case_gen: writes a synthetic CASE 1.0 package of N items (default 10000) to standard
 * output, shaped like a state's standards: domains, clusters, standards and
 * components in an isChildOf hierarchy, statements of a realistic length, education
 * levels, and some associations of other kinds. For bench/case_import.sh. */
#include <stdio.h>
#include <stdlib.h>

static const char *const words[] = {
	"understand", "ratio",	   "concepts",	"reasoning", "solve",	   "problems",
	"represent",  "quantities", "equations", "graphs",    "fractions", "decimals",
	"explain",    "model",	   "number",	"operations", "measure",   "data",
	"compare",    "describe",  "relationships", "patterns", "geometry", "area",
	"volume",     "statistics", "probability", "functions", "expressions", "strategies",
};

static unsigned long seed = 12345;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((seed >> 33) % n);
}

static void statement(void)
{
	int n = 14 + (int)rnd(14);
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? " " : "", words[rnd(sizeof(words) / sizeof(words[0]))]);
	printf(".");
}

static void id(const char *kind, long n)
{
	printf("%s-%08lx-4000-8000-%012lx", kind, n, n * 7919);
}

int main(int argc, char **argv)
{
	long total = argc > 1 ? atol(argv[1]) : 10000;
	if (total < 111)
		total = 111;
	/* 10 domains, 10 clusters each, the rest standards (3 in 4) and components. */
	long ndomains = 10, nclusters = 100, rest = total - ndomains - nclusters;
	long nstandards = rest * 3 / 4, ncomponents = rest - nstandards;
	long *parent = calloc((size_t)total, sizeof(long));
	char (*code)[48] = calloc((size_t)total, 48);
	long k = 0;
	for (long d = 0; d < ndomains; d++, k++) {
		parent[k] = -1;
		snprintf(code[k], 48, "BM.%ld", d + 1);
	}
	for (long c = 0; c < nclusters; c++, k++) {
		parent[k] = c % ndomains;
		snprintf(code[k], 48, "%s.%c%ld", code[parent[k]], 'A' + (int)(c / ndomains),
			 c + 1);
	}
	for (long s = 0; s < nstandards; s++, k++) {
		parent[k] = ndomains + s % nclusters;
		snprintf(code[k], 48, "%s.%ld", code[parent[k]], s / nclusters + 1);
	}
	long first_standard = ndomains + nclusters;
	for (long p = 0; p < ncomponents; p++, k++) {
		parent[k] = first_standard + p % nstandards;
		snprintf(code[k], 48, "%s.%c", code[parent[k]], 'a' + (int)(p / nstandards % 26));
	}
	printf("{\"CFPackage\": {\"CFDocument\": {\"identifier\": \"");
	id("d0c", 1);
	printf("\", \"uri\": \"https://case.example.org/bench\", \"creator\": \"Benchmark\","
	       " \"title\": \"Benchmark Standards (%ld items)\", \"lastChangeDateTime\":"
	       " \"2026-01-01T00:00:00+00:00\"},\n\"CFItems\": [\n",
	       total);
	static const char *const types[] = {"Domain", "Cluster", "Standard", "Component"};
	for (long i = 0; i < total; i++) {
		int t = i < ndomains ? 0 : i < first_standard ? 1 : i < first_standard + nstandards ? 2 : 3;
		printf("%s{\"identifier\": \"", i ? ",\n" : "");
		id("17e", i);
		printf("\", \"uri\": \"https://case.example.org/uri/");
		id("17e", i);
		printf("\", \"humanCodingScheme\": \"%s\", \"fullStatement\": \"", code[i]);
		statement();
		printf("\", \"CFItemType\": \"%s\", \"educationLevel\": [\"%02d\"],"
		       " \"lastChangeDateTime\": \"2026-01-01T00:00:00+00:00\"}",
		       types[t], (int)(i % 12) + 1);
	}
	printf("],\n\"CFAssociations\": [\n");
	long a = 0;
	for (long i = 0; i < total; i++, a++) {
		printf("%s{\"identifier\": \"", i ? ",\n" : "");
		id("a55", a);
		printf("\", \"associationType\": \"isChildOf\", \"sequenceNumber\": %ld,"
		       " \"originNodeURI\": {\"title\": \"%s\", \"identifier\": \"",
		       i, code[i]);
		id("17e", i);
		printf("\", \"uri\": \"x\"}, \"destinationNodeURI\": {\"title\": \"p\","
		       " \"identifier\": \"");
		if (parent[i] < 0)
			id("d0c", 1);
		else
			id("17e", parent[i]);
		printf("\", \"uri\": \"x\"}, \"lastChangeDateTime\": \"2026-01-01T00:00:00+00:00\"}");
	}
	for (long i = first_standard; i < total; i += 10, a++) {
		printf(",\n{\"identifier\": \"");
		id("a55", a);
		printf("\", \"associationType\": \"%s\", \"originNodeURI\": {\"title\": \"o\","
		       " \"identifier\": \"",
		       i % 20 == 0 ? "isRelatedTo" : "exactMatchOf");
		id("17e", i);
		printf("\", \"uri\": \"x\"}, \"destinationNodeURI\": {\"title\": \"elsewhere\","
		       " \"identifier\": \"");
		id("e15", i);
		printf("\", \"uri\": \"https://other.example.net/%ld\"}}", i);
	}
	printf("]}}\n");
	free(parent);
	free(code);
	return 0;
}
