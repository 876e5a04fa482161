/* schema_check: a small JSON Schema (draft-04/07) validator for tests, covering the
 * keywords the CASE 1.0 CFPackage schema uses: type, properties, required,
 * additionalProperties, items, minItems, maxItems, $ref to "#/definitions/...", oneOf,
 * enum, pattern (POSIX extended, unanchored as in JSON Schema) and format (date-time,
 * date, uri). Other keywords are ignored, as the specification says of unknown ones.
 * Header-only, like testlib.h. */
#ifndef CN_SCHEMA_CHECK_H
#define CN_SCHEMA_CHECK_H
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"

struct schema_check {
	json_t *root;     /* the whole schema, for $ref */
	struct buf *errs; /* one line per problem */
	int count;
};

static inline int schema_regex(const char *pattern, const char *s)
{
	regex_t re;
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
		return 0;
	int ok = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

static inline int schema_format_ok(const char *format, const char *s)
{
	if (strcmp(format, "date-time") == 0)
		return schema_regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
				    "(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$",
				    s);
	if (strcmp(format, "date") == 0)
		return schema_regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", s);
	if (strcmp(format, "uri") == 0)
		return schema_regex("^[A-Za-z][A-Za-z0-9+.-]*:[^ \t\r\n]+$", s);
	return 1; /* int32, float and others: no check on strings */
}

static inline int schema_type_ok(const char *type, const json_t *v)
{
	if (strcmp(type, "object") == 0)
		return json_is_object(v);
	if (strcmp(type, "array") == 0)
		return json_is_array(v);
	if (strcmp(type, "string") == 0)
		return json_is_string(v);
	if (strcmp(type, "integer") == 0)
		return json_is_integer(v);
	if (strcmp(type, "number") == 0)
		return json_is_number(v);
	if (strcmp(type, "boolean") == 0)
		return json_is_boolean(v);
	if (strcmp(type, "null") == 0)
		return json_is_null(v);
	return 0;
}

static inline void schema_fail(struct schema_check *c, const char *path, const char *what)
{
	c->count++;
	buf_printf(c->errs, "%s: %s\n", path[0] ? path : "/", what);
}

static inline void schema_validate_at(struct schema_check *c, const json_t *schema,
				      const json_t *v, const char *path);

static inline int schema_valid_quiet(struct schema_check *c, const json_t *schema,
				     const json_t *v, const char *path)
{
	struct buf scratch = BUF_INIT;
	struct schema_check sub = {c->root, &scratch, 0};
	schema_validate_at(&sub, schema, v, path);
	buf_free(&scratch);
	return sub.count == 0;
}

static inline void schema_validate_at(struct schema_check *c, const json_t *schema,
				      const json_t *v, const char *path)
{
	char sub[512], msg[300];
	const json_t *ref = json_object_get(schema, "$ref");
	if (json_is_string(ref)) {
		const char *r = json_string_value(ref);
		const char *prefix = "#/definitions/";
		const json_t *target = strncmp(r, prefix, strlen(prefix)) == 0
					       ? json_object_get(json_object_get(c->root, "definitions"),
								 r + strlen(prefix))
					       : NULL;
		if (target == NULL) {
			snprintf(msg, sizeof(msg), "unresolvable $ref %s", r);
			schema_fail(c, path, msg);
			return;
		}
		schema_validate_at(c, target, v, path);
		return;
	}
	const json_t *type = json_object_get(schema, "type");
	if (type != NULL) {
		int ok = 0;
		if (json_is_string(type)) {
			ok = schema_type_ok(json_string_value(type), v);
		} else {
			size_t i;
			const json_t *t;
			json_array_foreach(type, i, t) ok |= schema_type_ok(json_string_value(t), v);
		}
		if (!ok) {
			schema_fail(c, path, "has the wrong type");
			return;
		}
	}
	const json_t *one = json_object_get(schema, "oneOf");
	if (json_is_array(one)) {
		size_t i, matches = 0;
		const json_t *alt;
		json_array_foreach(one, i, alt) matches += schema_valid_quiet(c, alt, v, path);
		if (matches != 1) {
			snprintf(msg, sizeof(msg), "matches %zu of the oneOf choices, not exactly one",
				 matches);
			schema_fail(c, path, msg);
		}
	}
	const json_t *en = json_object_get(schema, "enum");
	if (json_is_array(en)) {
		size_t i;
		const json_t *choice;
		int found = 0;
		json_array_foreach(en, i, choice) found |= json_equal(choice, v);
		if (!found)
			schema_fail(c, path, "is not one of the enum values");
	}
	if (json_is_string(v)) {
		const json_t *pattern = json_object_get(schema, "pattern");
		if (json_is_string(pattern) &&
		    !schema_regex(json_string_value(pattern), json_string_value(v))) {
			snprintf(msg, sizeof(msg), "'%.100s' does not match %s", json_string_value(v),
				 json_string_value(pattern));
			schema_fail(c, path, msg);
		}
		const json_t *format = json_object_get(schema, "format");
		if (json_is_string(format) &&
		    !schema_format_ok(json_string_value(format), json_string_value(v))) {
			snprintf(msg, sizeof(msg), "'%.100s' is not a %s", json_string_value(v),
				 json_string_value(format));
			schema_fail(c, path, msg);
		}
	}
	if (json_is_array(v)) {
		const json_t *min = json_object_get(schema, "minItems");
		const json_t *max = json_object_get(schema, "maxItems");
		if (json_is_integer(min) && (json_int_t)json_array_size(v) < json_integer_value(min))
			schema_fail(c, path, "has too few items");
		if (json_is_integer(max) && (json_int_t)json_array_size(v) > json_integer_value(max))
			schema_fail(c, path, "has too many items");
		const json_t *items = json_object_get(schema, "items");
		if (json_is_object(items)) {
			size_t i;
			const json_t *item;
			json_array_foreach(v, i, item) {
				snprintf(sub, sizeof(sub), "%s/%zu", path, i);
				schema_validate_at(c, items, item, sub);
			}
		}
	}
	if (json_is_object(v)) {
		const json_t *props = json_object_get(schema, "properties");
		const json_t *req = json_object_get(schema, "required");
		const json_t *extra = json_object_get(schema, "additionalProperties");
		size_t i;
		const json_t *name;
		json_array_foreach(req, i, name) {
			if (json_object_get(v, json_string_value(name)) == NULL) {
				snprintf(msg, sizeof(msg), "lacks required property %s",
					 json_string_value(name));
				schema_fail(c, path, msg);
			}
		}
		const char *key;
		json_t *val;
		json_object_foreach((json_t *)v, key, val) {
			snprintf(sub, sizeof(sub), "%s/%s", path, key);
			const json_t *ps = json_object_get(props, key);
			if (ps != NULL)
				schema_validate_at(c, ps, val, sub);
			else if (json_is_false(extra))
				schema_fail(c, sub, "is not allowed here");
			else if (json_is_object(extra))
				schema_validate_at(c, extra, val, sub);
		}
	}
}

/* Validates the JSON text doc against the schema in file schema_path. Returns the
 * number of problems (-1 if a file cannot be read or parsed); their lines go to errs. */
static inline int schema_check_text(const char *schema_path, const char *doc, struct buf *errs)
{
	json_error_t je;
	json_t *schema = json_load_file(schema_path, 0, &je);
	json_t *v = json_loads(doc, 0, &je);
	int n = -1;
	if (schema == NULL || v == NULL) {
		buf_printf(errs, "cannot parse: %s (line %d)\n", je.text, je.line);
	} else {
		struct schema_check c = {schema, errs, 0};
		schema_validate_at(&c, schema, v, "");
		n = c.count;
	}
	json_decref(schema);
	json_decref(v);
	return n;
}

#endif
