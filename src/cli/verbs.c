/* verbs: helpers for commands made of verbs (`capnet plan goal add ...`): dispatching
 * a verb, handing a parent id to the generic entity verbs, printing JSON built by the
 * app layer, writing files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int cli_dispatch(struct cli *c, const char *cmd, const char *what, const struct cli_verb *verbs,
		 int argc, char **argv)
{
	const char *verb = argc > 0 ? argv[0] : NULL;
	for (const struct cli_verb *v = verbs; verb != NULL && v->name != NULL; v++)
		if (strcmp(v->name, verb) == 0)
			return v->run(c, argc - 1, argv + 1);
	int help = verb != NULL && (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0);
	FILE *f = help ? stdout : stderr;
	if (verb != NULL && !help)
		fprintf(stderr, "capnet: '%s' is not a verb of `capnet %s`\n", verb, cmd);
	fprintf(f, "usage: capnet %s VERB ...   (%s)\n", cmd, what);
	for (const struct cli_verb *v = verbs; v->name != NULL; v++)
		fprintf(f, "  capnet %s %s\n", cmd, v->usage);
	fprintf(f, "Run `capnet %s VERB --help` for one verb.\n", cmd);
	return help ? CLI_OK : CLI_USAGE;
}

int cli_print(const struct buf *json, enum output_format fmt, const char *const *columns)
{
	if (output_print(stdout, fmt, buf_str(json), columns) != 0) {
		fprintf(stderr, "capnet: internal error: bad output\n");
		return CLI_FAIL;
	}
	return CLI_OK;
}

int cli_write_file(const char *path, const struct buf *data)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
	if (f == NULL) {
		perror(path);
		return CLI_FAIL;
	}
	size_t n = fwrite(data->data ? data->data : "", 1, data->len, f);
	int bad = n != data->len || ferror(f);
	if (f != stdout)
		bad |= fclose(f) != 0;
	else
		bad |= fflush(f) != 0;
	if (bad) {
		fprintf(stderr, "capnet: could not write %s\n", path);
		return CLI_FAIL;
	}
	return CLI_OK;
}

char **cli_pos_as_flag(struct cli *c, int argc, char **argv, const char *flag, int *out_argc)
{
	char **out = arena_alloc(c->a, sizeof(char *) * ((size_t)argc + 2));
	int n = 0, done = 0;
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
			out[n++] = argv[i];
		} else if (strncmp(s, "--", 2) == 0) {
			out[n++] = argv[i];
			if (strchr(s, '=') == NULL && i + 1 < argc)
				out[n++] = argv[++i];
		} else if (!done) {
			out[n++] = arena_printf(c->a, "--%s", flag);
			out[n++] = argv[i];
			done = 1;
		} else {
			out[n++] = argv[i];
		}
	}
	*out_argc = n;
	return out;
}
