/* answers: the documented shape of every API answer that is not one declared entity
 * (those get their schema from app/entities.c). A shape is written in a short notation
 * that api_answer_schema turns into JSON Schema for the OpenAPI document:
 *
 *   shape   := fields | type            (fields: the properties of an object)
 *   fields  := field (' ' field)*
 *   field   := ['~'] name ':' type      ('~': the key may be absent)
 *   type    := base | '[' type ']' | '{' fields '}' | '@' name, then '?' if it may be null
 *   base    := int | num | str | bool | date | time | obj (any object) | any
 *
 * "@name" refers to a schema of components/schemas: a declared entity's, or one of
 * api_answer_shapes. tests/e2e/openapi.sh checks every documented GET's answer against
 * its schema, so a shape that drifts from the handler fails there. */
#ifndef CN_API_ANSWERS_H
#define CN_API_ANSWERS_H
#include "core/json.h"

/* One documented answer of a route: several entries of one route are several answers
 * (a re-import's 200 beside an import's 201). */
struct api_answer {
	const char *method;
	const char *pattern;
	int status;
	const char *description;
	const char *shape; /* the body's shape; NULL: the body is not JSON (see the route) */
};

/* A named shape, written to components/schemas. */
struct api_shape {
	const char *name;
	const char *shape;
};

/* Both tables end with an entry whose first member is NULL. */
extern const struct api_answer api_answers[];
extern const struct api_shape api_answer_shapes[];

/* Writes the JSON Schema of shape into w (one value). */
void api_answer_schema(struct jw *w, const char *shape);

#endif
