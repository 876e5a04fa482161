/* decode: JSON request bodies to validated values. */
#include "api/decode.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

/* 1-based line and column (in characters) of byte offset off. */
static void decode_position(const char *s, size_t off, long *line, long *column)
{
	*line = 1;
	*column = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*column = 1;
		} else if (((unsigned char)s[i] & 0xc0) != 0x80) {
			(*column)++;
		}
	}
}

int api_json_parse(const char *body, size_t len, json_t **root, struct cn_err *err)
{
	*root = NULL;
	size_t bad = 0;
	if (len == 0)
		return cn_err_set(err, CN_ERR_INPUT, "the request has no body; send a JSON object");
	if (!utf8_valid(body, len, &bad)) {
		long line, column;
		decode_position(body, bad, &line, &column);
		cn_err_set(err, CN_ERR_INPUT,
			   "the body is not valid UTF-8 text (byte %zu is %s); send JSON in UTF-8",
			   bad + 1, body[bad] == '\0' ? "a NUL" : "not part of a character");
		cn_err_at(err, NULL, line, column);
		return -1;
	}
	json_error_t jerr;
	json_t *v = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (v == NULL) {
		cn_err_set(err, CN_ERR_INPUT, "the body is not valid JSON: %s", jerr.text);
		cn_err_at(err, NULL, jerr.line > 0 ? jerr.line : 1, jerr.column > 0 ? jerr.column : 1);
		return -1;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		cn_err_set(err, CN_ERR_INPUT, "the body must be a JSON object {...}");
		cn_err_at(err, NULL, 1, 1);
		return -1;
	}
	*root = v;
	return 0;
}

static const char *decode_json_type(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "a whole number";
	case JSON_REAL:
		return "a number with a fraction";
	case JSON_TRUE:
	case JSON_FALSE:
		return "true or false";
	case JSON_NULL:
		return "null";
	}
	return "a value";
}

static int decode_unknown(const char *key, const char *what, const char *names,
			  struct cn_err *err)
{
	return cn_err_field(err, CN_ERR_INPUT, key, "is not a field of %s; the fields are: %s", what,
			    names);
}

int api_rec_from_json(struct arena *a, json_t *obj, struct rec *r, struct cn_err *err)
{
	const struct rec_entity *e = r->entity;
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		int idx = rec_field_index(e, key);
		if (idx < 0) {
			char names[600];
			size_t n = 0;
			names[0] = '\0';
			for (size_t i = 0; i < e->nfields && n < sizeof(names); i++)
				if (!(e->fields[i].flags & REC_READONLY))
					n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
							      n ? ", " : "", e->fields[i].name);
			return decode_unknown(key, e->title, names, err);
		}
		const struct rec_field *f = &e->fields[idx];
		int rc;
		if (json_is_null(v)) {
			rc = (f->flags & REC_READONLY)
				     ? cn_err_field(err, CN_ERR_INPUT, key,
						    "is set by capnet and cannot be given")
				     : rec_set_null(r, key, err);
		} else if (f->type == REC_INT || f->type == REC_REF) {
			if (!json_is_integer(v))
				return cn_err_field(err, CN_ERR_INPUT, key,
						    "must be %s, not %s",
						    f->type == REC_REF ? "an id (a whole number)"
								       : "a whole number",
						    decode_json_type(v));
			rc = rec_set_int(r, key, json_integer_value(v), err);
		} else if (f->type == REC_BOOL) {
			if (!json_is_boolean(v))
				return cn_err_field(err, CN_ERR_INPUT, key,
						    "must be true or false, not %s",
						    decode_json_type(v));
			rc = rec_set_int(r, key, json_is_true(v) ? 1 : 0, err);
		} else {
			if (!json_is_string(v))
				return cn_err_field(err, CN_ERR_INPUT, key, "must be a string, not %s",
						    decode_json_type(v));
			rc = rec_set_text(r, a, key, json_string_value(v), err);
		}
		if (rc)
			return -1;
	}
	return 0;
}

int api_fields_from_json(struct arena *a, json_t *obj, const struct route_field *fields,
			 const char **values, struct cn_err *err)
{
	size_t nf = 0;
	while (fields[nf].name != NULL)
		nf++;
	for (size_t i = 0; i < nf; i++)
		values[i] = NULL;
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		size_t i = 0;
		while (i < nf && strcmp(fields[i].name, key) != 0)
			i++;
		if (i == nf) {
			char names[300];
			size_t n = 0;
			names[0] = '\0';
			for (size_t k = 0; k < nf && n < sizeof(names); k++)
				n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
						      n ? ", " : "", fields[k].name);
			return decode_unknown(key, "this request", names, err);
		}
		const char *type = fields[i].type;
		if (strcmp(type, "integer") == 0) {
			if (!json_is_integer(v))
				return cn_err_field(err, CN_ERR_INPUT, key,
						    "must be a whole number, not %s",
						    decode_json_type(v));
			values[i] = arena_printf(a, "%lld", (long long)json_integer_value(v));
		} else if (strcmp(type, "boolean") == 0) {
			if (!json_is_boolean(v))
				return cn_err_field(err, CN_ERR_INPUT, key,
						    "must be true or false, not %s",
						    decode_json_type(v));
			values[i] = json_is_true(v) ? "true" : "false";
		} else {
			if (!json_is_string(v))
				return cn_err_field(err, CN_ERR_INPUT, key, "must be a string, not %s",
						    decode_json_type(v));
			values[i] = arena_strdup(a, json_string_value(v));
		}
		if (fields[i].choices != NULL) {
			size_t k = 0;
			while (fields[i].choices[k] != NULL && strcmp(fields[i].choices[k], values[i]))
				k++;
			if (fields[i].choices[k] == NULL) {
				char names[300];
				size_t n = 0;
				names[0] = '\0';
				for (size_t c = 0; fields[i].choices[c] != NULL && n < sizeof(names); c++)
					n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
							      n ? ", " : "", fields[i].choices[c]);
				return cn_err_field(err, CN_ERR_INPUT, key, "'%.60s' is not one of: %s",
						    values[i], names);
			}
		}
	}
	for (size_t i = 0; i < nf; i++)
		if (fields[i].required && values[i] == NULL)
			return cn_err_field(err, CN_ERR_INPUT, fields[i].name, "is required");
	return 0;
}
