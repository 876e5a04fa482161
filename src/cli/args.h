/* args: command-line options of one command: `--name value`, `--name=value`, bare
 * `--flag`, and positionals. Every option a command accepts is declared, so an unknown
 * one is a usage error naming it. */
#ifndef CN_ARGS_H
#define CN_ARGS_H
#include <stddef.h>

enum { ARGS_MAX = 64 };

struct args_opt {
	const char *name;  /* without the dashes */
	int takes_value;
	const char *help;
};

struct args {
	const char *pos[ARGS_MAX];
	size_t npos;
	const char *name[ARGS_MAX];
	const char *value[ARGS_MAX]; /* "" for bare flags */
	size_t nopt;
	int help; /* --help or -h was given */
};

/* Parses argv against opts (NULL-name terminated; may be NULL when extra_ok). When
 * extra_ok, options not in opts are accepted with a value (for field flags checked
 * later). Returns 0, or -1 after printing the problem to stderr (exit code 2). */
int args_parse(int argc, char **argv, const struct args_opt *opts, int extra_ok,
	       struct args *out);
/* The value of option name, or NULL. */
const char *args_get(const struct args *a, const char *name);
int args_has(const struct args *a, const char *name);

#endif
