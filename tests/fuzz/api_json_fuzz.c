/* Fuzz target: JSON request bodies as the API decodes them (UTF-8 check, jansson
 * parse, then the fields of a declared entity and of a route's declared body). Any
 * input must give either values or a bad-input error with a message, never a crash or
 * a leak. */
#include <stdint.h>
#include <string.h>

#include "api/decode.h"
#include "app/network/network.h"
#include "app/network/agenda.h"
#include "app/network/meeting.h"
#include "app/network/team.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const roles[] = {"lead", "member", NULL};
static const struct route_field fields[] = {
	{"role", "string", 1, roles, "lead or member"},
	{"count", "integer", 0, NULL, "a number"},
	{"flag", "boolean", 0, NULL, "a flag"},
	{NULL, NULL, 0, NULL, NULL},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cn_err err = {0};
	json_t *root = NULL;
	if (api_json_parse((const char *)data, size, &root, &err) != 0) {
		if (err.kind != CN_ERR_INPUT || err.msg[0] == '\0')
			__builtin_trap();
		return 0;
	}
	struct arena *a = arena_new();
	const struct rec_entity *entities[] = {&network_entity, &team_entity, &meeting_entity,
					       &agenda_item_entity};
	for (size_t i = 0; i < 4; i++) {
		struct rec *r = rec_new(a, entities[i]);
		if (api_rec_from_json(a, root, r, &err) != 0 && err.kind != CN_ERR_INPUT)
			__builtin_trap();
	}
	const char *values[3];
	if (api_fields_from_json(a, root, fields, values, &err) == 0 &&
	    strcmp(values[0], "lead") != 0 && strcmp(values[0], "member") != 0)
		__builtin_trap();
	arena_free(a);
	json_decref(root);
	return 0;
}
