/* decode: request bodies. Bodies are parsed with jansson after their size (by the
 * server) and their UTF-8 (here) are checked; every error names the JSON line and
 * column or the field, so that a client can find its mistake. */
#ifndef CN_API_DECODE_H
#define CN_API_DECODE_H
#include <jansson.h>
#include <stddef.h>

#include "app/record.h"
#include "core/arena.h"
#include "core/err.h"
#include "http/router.h"

/* Parses body[0..len) as one JSON object. On success *root is the caller's to
 * json_decref(). Invalid UTF-8, a NUL byte, bad syntax, duplicate keys or a value
 * that is not an object: CN_ERR_INPUT with the line and column. */
int api_json_parse(const char *body, size_t len, json_t **root, struct cn_err *err);

/* Sets r's fields from the members of obj. Unknown fields, fields set by capnet, and
 * values of the wrong JSON type (a string for a number, ...) are refused, naming the
 * field; then each value is checked as the declaration says. */
int api_rec_from_json(struct arena *a, json_t *obj, struct rec *r, struct cn_err *err);

/* Checks obj against fields (name NULL ends): no unknown member, every required one
 * present, each a string (or, for "integer"/"boolean" fields, that JSON type).
 * values[i] gets field i's text (integers and booleans as text) in a, or NULL. */
int api_fields_from_json(struct arena *a, json_t *obj, const struct route_field *fields,
			 const char **values, struct cn_err *err);

#endif
