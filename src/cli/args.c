/* args: a small parser; getopt_long would need every field flag declared up front,
 * and field flags come from the entity declarations. */
#include "cli/args.h"

#include <stdio.h>
#include <string.h>

static const struct args_opt *args_find(const struct args_opt *opts, const char *name, size_t n)
{
	for (size_t i = 0; opts != NULL && opts[i].name != NULL; i++)
		if (strlen(opts[i].name) == n && strncmp(opts[i].name, name, n) == 0)
			return &opts[i];
	return NULL;
}

int args_parse(int argc, char **argv, const struct args_opt *opts, int extra_ok,
	       struct args *out)
{
	memset(out, 0, sizeof(*out));
	int only_pos = 0;
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		if (only_pos || s[0] != '-' || s[1] == '\0' ||
		    (s[1] != '-' && strcmp(s, "-h") != 0)) {
			if (out->npos == ARGS_MAX)
				goto too_many;
			out->pos[out->npos++] = s;
			continue;
		}
		if (strcmp(s, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
			out->help = 1;
			continue;
		}
		const char *name = s + 2;
		const char *eq = strchr(name, '=');
		size_t n = eq ? (size_t)(eq - name) : strlen(name);
		const struct args_opt *o = args_find(opts, name, n);
		int takes_value = o ? o->takes_value : 1;
		if (o == NULL && !extra_ok) {
			fprintf(stderr, "capnet: unknown option --%.*s (see --help)\n", (int)n, name);
			return -1;
		}
		if (out->nopt == ARGS_MAX)
			goto too_many;
		const char *value = "";
		if (eq != NULL) {
			if (!takes_value) {
				fprintf(stderr, "capnet: --%.*s takes no value\n", (int)n, name);
				return -1;
			}
			value = eq + 1;
		} else if (takes_value) {
			if (i + 1 >= argc) {
				fprintf(stderr, "capnet: --%.*s needs a value\n", (int)n, name);
				return -1;
			}
			value = argv[++i];
		}
		/* Names are kept as given; '-' and '_' are the same to args_get. */
		out->name[out->nopt] = name;
		out->value[out->nopt] = value;
		/* Terminate the name at '=' without touching argv: keep the length. */
		if (eq != NULL) {
			static char names[ARGS_MAX][128];
			snprintf(names[out->nopt], sizeof(names[0]), "%.*s", (int)n, name);
			out->name[out->nopt] = names[out->nopt];
		}
		out->nopt++;
	}
	return 0;
too_many:
	fprintf(stderr, "capnet: too many arguments (at most %d)\n", ARGS_MAX);
	return -1;
}

/* Compares option names treating '-' and '_' alike. */
static int args_same(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;
		if (x != y)
			return 0;
	}
	return *a == *b;
}

const char *args_get(const struct args *a, const char *name)
{
	const char *v = NULL;
	for (size_t i = 0; i < a->nopt; i++)
		if (args_same(a->name[i], name))
			v = a->value[i];
	return v;
}

int args_has(const struct args *a, const char *name)
{
	return args_get(a, name) != NULL;
}
