/* cmd_setting: `capnet setting list|get|set|reset`. */
#include <stdio.h>
#include <string.h>

#include "app/setting.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"

int cmd_setting(struct cli *c, int argc, char **argv)
{
	static const struct args_opt opts[] = {{"format", 1, NULL}, {NULL, 0, NULL}};
	const char *verb = argc > 1 ? argv[1] : "";
	size_t want = strcmp(verb, "list") == 0 ? 0
		      : strcmp(verb, "set") == 0 ? 2
		      : (strcmp(verb, "get") == 0 || strcmp(verb, "reset") == 0) ? 1
										 : 99;
	struct args a;
	if (want == 99 || args_parse(argc - 2, argv + 2, opts, 0, &a) || a.help ||
	    a.npos != want) {
		int help = want != 99 ? a.help : (argc > 1 && (strcmp(verb, "--help") == 0 ||
							       strcmp(verb, "-h") == 0));
		printf("usage: capnet setting list [--format table|json|csv]\n"
		       "       capnet setting get KEY\n"
		       "       capnet setting set KEY VALUE\n"
		       "       capnet setting reset KEY        (back to the default)\n"
		       "Keys: similarity.duplicate_min (default 0.9), similarity.new_below\n"
		       "(default 0.3), case.base_uri (default https://capnet.example/uri/).\n");
		return help ? CLI_OK : CLI_USAGE;
	}
	enum output_format fmt;
	if (cli_format(&a, &fmt))
		return CLI_USAGE;
	struct cn_err err = {0};
	if (cli_db(c, &err))
		return cli_fail(&err);
	if (strcmp(verb, "list") == 0) {
		struct setting_value *v;
		size_t n;
		if (setting_list(c->db, c->a, &v, &n, &err))
			return cli_fail(&err);
		struct buf b = BUF_INIT;
		struct jw w;
		jw_init(&w, &b);
		jw_arr_begin(&w);
		for (size_t i = 0; i < n; i++) {
			jw_obj_begin(&w);
			jw_kv_str(&w, "key", v[i].key);
			jw_kv_str(&w, "value", v[i].value);
			jw_kv_bool(&w, "default", v[i].is_default);
			jw_kv_str(&w, "help", v[i].help);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		output_print(stdout, fmt, buf_str(&b), NULL);
		buf_free(&b);
		return CLI_OK;
	}
	if (strcmp(verb, "get") == 0) {
		const char *value;
		if (setting_get(c->db, c->a, a.pos[0], &value, &err))
			return cli_fail(&err);
		printf("%s\n", value);
		return CLI_OK;
	}
	if (strcmp(verb, "set") == 0 ? setting_set(c->db, &c->who, a.pos[0], a.pos[1], &err)
				     : setting_reset(c->db, &c->who, a.pos[0], &err))
		return cli_fail(&err);
	fprintf(stderr, "capnet: %s %s\n", a.pos[0], strcmp(verb, "set") == 0 ? "set" : "reset");
	return CLI_OK;
}
