/* case: the CASE 1.0 package reader. jansson parses; this file checks each field's
 * type and presence and copies what capnet keeps into the caller's arena. Field names
 * follow the CASE 1.0 Information Model (CFDocument, CFItem, CFAssociation, LinkGenURI)
 * and the JSON binding of CASE 1.0 §4 (CFPackage). */
#include "io/case.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/strmap.h"
#include "core/utf8.h"

enum {
	CASE_ID_MAX = 1024,     /* identifiers and URIs, in bytes */
	CASE_TEXT_MAX = 65536,  /* statements, notes, titles */
	CASE_LEVELS_MAX = 64,   /* education levels of one item */
	CASE_SEQ_MAX = 2147483647,
};

static const char *const case_types[] = {
	"isChildOf", "isPeerOf",    "isPartOf", "exactMatchOf",  "precedes",	"isRelatedTo",
	"replacedBy", "exemplar",   "hasSkillLevel", "isTranslationOf", NULL,
};

const char *case_association_type(const char *name)
{
	if (name == NULL)
		return NULL;
	for (size_t i = 0; case_types[i] != NULL; i++)
		if (strcasecmp(case_types[i], name) == 0)
			return case_types[i];
	if (strncmp(name, "ext:", 4) == 0 && name[4] != '\0')
		return name;
	return NULL;
}

/* What is being read, for messages: the JSON path of the object and who it is. */
struct case_ctx {
	struct arena *a;
	struct cn_err *err;
	const char *source;
	char path[64];  /* "CFItems[3]" */
	char who[160];  /* " (item 3d8c...)" or "" */
};

static const char *case_json_type(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "true/false";
	default:
		return "null";
	}
}

/* Sets an error about field key of the current object; returns -1. */
static int case_fail(struct case_ctx *c, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int case_fail(struct case_ctx *c, const char *key, const char *fmt, ...)
{
	char field[128], msg[400];
	if (key != NULL)
		snprintf(field, sizeof(field), "%s%s%s", c->path, c->path[0] ? "." : "", key);
	else
		snprintf(field, sizeof(field), "%s", c->path);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cn_err_field(c->err, CN_ERR_INPUT, field, "%s%s", msg, c->who);
	cn_err_at(c->err, c->source, 0, 0);
	return -1;
}

/* A text field: *out gets a copy, or NULL when absent, null or "". */
static int case_text(struct case_ctx *c, const json_t *obj, const char *key, size_t max,
		     const char **out)
{
	*out = NULL;
	const json_t *v = json_object_get(obj, key);
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return case_fail(c, key, "must be a string, not %s", case_json_type(v));
	size_t n = json_string_length(v);
	if (n > max)
		return case_fail(c, key, "is %zu bytes long; at most %zu are accepted", n, max);
	if (n > 0)
		*out = arena_strndup(c->a, json_string_value(v), n);
	return 0;
}

/* An identifier: a string of at most CASE_ID_MAX bytes without control characters
 * or spaces at its ends. Not necessarily a UUID: ASN identifiers are URIs. */
static int case_identifier(struct case_ctx *c, const json_t *obj, const char *key,
			   const char **out)
{
	if (case_text(c, obj, key, CASE_ID_MAX, out))
		return -1;
	if (*out == NULL)
		return 0;
	const unsigned char *s = (const unsigned char *)*out;
	size_t n = strlen(*out);
	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] == 0x7f)
			return case_fail(c, key, "contains a control character");
	if (isspace(s[0]) || isspace(s[n - 1]))
		return case_fail(c, key, "'%.80s' has spaces at its start or end", *out);
	return 0;
}

/* Several strings given as an array of strings or as one string ("06" or "06, 07");
 * *n gets their number. */
static int case_strings(struct case_ctx *c, const json_t *obj, const char *key,
			const char ***out, size_t *n)
{
	const json_t *v = json_object_get(obj, key);
	*n = 0;
	if (v == NULL || json_is_null(v))
		return 0;
	size_t room = 1;
	if (json_is_array(v))
		room = json_array_size(v);
	else if (json_is_string(v))
		for (const char *p = json_string_value(v); *p; p++)
			room += *p == ',';
	if (room > CASE_LEVELS_MAX)
		room = CASE_LEVELS_MAX;
	const char **list = arena_alloc(c->a, sizeof(char *) * (room ? room : 1));
	*out = list;
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		while (*s != '\0') {
			while (*s == ',' || isspace((unsigned char)*s))
				s++;
			const char *start = s;
			while (*s != '\0' && *s != ',')
				s++;
			const char *end = s;
			while (end > start && isspace((unsigned char)end[-1]))
				end--;
			if (end == start)
				continue;
			if (*n == CASE_LEVELS_MAX)
				return case_fail(c, key, "has more than %d values", CASE_LEVELS_MAX);
			list[(*n)++] = arena_strndup(c->a, start, (size_t)(end - start));
		}
		return 0;
	}
	if (!json_is_array(v))
		return case_fail(c, key, "must be an array of strings, not %s", case_json_type(v));
	size_t i;
	const json_t *e;
	json_array_foreach(v, i, e)
	{
		if (!json_is_string(e))
			return case_fail(c, key, "value %zu must be a string, not %s", i + 1,
					 case_json_type(e));
		if (json_string_length(e) == 0)
			continue;
		if (json_string_length(e) > CASE_ID_MAX)
			return case_fail(c, key, "value %zu is too long", i + 1);
		if (*n == CASE_LEVELS_MAX)
			return case_fail(c, key, "has more than %d values", CASE_LEVELS_MAX);
		list[(*n)++] = arena_strndup(c->a, json_string_value(e), json_string_length(e));
	}
	return 0;
}

/* A link object {title, identifier, uri} (CASE 1.0 LinkURI), or a bare URI string as
 * pre-1.0 packages write it. Any part may be missing. */
static int case_link(struct case_ctx *c, const json_t *obj, const char *key,
		     struct case_node *out)
{
	memset(out, 0, sizeof(*out));
	const json_t *v = json_object_get(obj, key);
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_string(v))
		return case_text(c, obj, key, CASE_ID_MAX, &out->uri);
	if (!json_is_object(v))
		return case_fail(c, key, "must be a link object {title, identifier, uri}, not %s",
				 case_json_type(v));
	char saved[sizeof(c->path)];
	memcpy(saved, c->path, sizeof(saved));
	size_t n = strlen(c->path);
	snprintf(c->path + n, sizeof(c->path) - n, "%s%s", n ? "." : "", key);
	int rc = case_identifier(c, v, "identifier", &out->identifier) ||
		 case_text(c, v, "uri", CASE_ID_MAX, &out->uri) ||
		 case_text(c, v, "title", CASE_TEXT_MAX, &out->title);
	memcpy(c->path, saved, sizeof(saved));
	return rc ? -1 : 0;
}

static void case_where(struct case_ctx *c, const char *list, size_t i, const char *what,
		       const char *identifier)
{
	snprintf(c->path, sizeof(c->path), "%s[%zu]", list, i);
	if (identifier != NULL)
		snprintf(c->who, sizeof(c->who), " (%s %.100s)", what, identifier);
	else
		c->who[0] = '\0';
}

static int case_document(struct case_ctx *c, const json_t *v, struct case_document *d)
{
	snprintf(c->path, sizeof(c->path), "CFDocument");
	c->who[0] = '\0';
	if (!json_is_object(v))
		return case_fail(c, NULL, "must be an object, not %s", case_json_type(v));
	memset(d, 0, sizeof(*d));
	if (case_identifier(c, v, "identifier", &d->identifier))
		return -1;
	if (d->identifier == NULL)
		return case_fail(c, "identifier",
				 "is missing; the framework is known by its identifier");
	snprintf(c->who, sizeof(c->who), " (document %.100s)", d->identifier);
	if (case_text(c, v, "title", CASE_TEXT_MAX, &d->title))
		return -1;
	if (d->title == NULL)
		return case_fail(c, "title", "is missing; every CFDocument needs a title");
	struct {
		const char *key;
		const char **out;
	} texts[] = {
		{"uri", &d->uri},
		{"creator", &d->creator},
		{"publisher", &d->publisher},
		{"description", &d->description},
		{"language", &d->language},
		{"version", &d->version},
		{"adoptionStatus", &d->adoption_status},
		{"officialSourceURL", &d->official_source_url},
		{"notes", &d->notes},
		{"lastChangeDateTime", &d->last_change},
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (case_text(c, v, texts[i].key, CASE_TEXT_MAX, texts[i].out))
			return -1;
	const char **subjects = NULL;
	size_t nsubjects = 0;
	if (case_strings(c, v, "subject", &subjects, &nsubjects))
		return -1;
	if (nsubjects > 0) {
		struct buf b = BUF_INIT;
		for (size_t i = 0; i < nsubjects; i++) {
			if (i)
				buf_puts(&b, ", ");
			buf_puts(&b, subjects[i]);
		}
		d->subject = arena_strdup(c->a, buf_str(&b));
		buf_free(&b);
	}
	return 0;
}

/* CFDefinitions.CFItemTypes: identifier and uri -> title, for items that give only a
 * CFItemTypeURI. */
static void case_item_types(const json_t *defs, struct strmap *types)
{
	const json_t *list = json_object_get(defs, "CFItemTypes");
	size_t i;
	const json_t *t;
	json_array_foreach(list, i, t)
	{
		const json_t *title = json_object_get(t, "title");
		if (!json_is_string(title) || json_string_length(title) == 0)
			continue;
		const char *keys[] = {"identifier", "uri"};
		for (size_t k = 0; k < 2; k++) {
			const json_t *id = json_object_get(t, keys[k]);
			if (json_is_string(id))
				strmap_put(types, json_string_value(id),
					   (void *)json_string_value(title));
		}
	}
}

static int case_item(struct case_ctx *c, const json_t *v, size_t i, struct strmap *types,
		     struct case_item *it)
{
	case_where(c, "CFItems", i, "item", NULL);
	if (!json_is_object(v))
		return case_fail(c, NULL, "must be an object, not %s", case_json_type(v));
	memset(it, 0, sizeof(*it));
	it->index = i;
	if (case_identifier(c, v, "identifier", &it->identifier))
		return -1;
	if (it->identifier == NULL) {
		const json_t *code = json_object_get(v, "humanCodingScheme");
		if (json_is_string(code))
			snprintf(c->who, sizeof(c->who), " (item coded %.100s)",
				 json_string_value(code));
		return case_fail(c, "identifier",
				 "is missing; every CFItem needs the identifier it is known by");
	}
	case_where(c, "CFItems", i, "item", it->identifier);
	if (case_text(c, v, "fullStatement", CASE_TEXT_MAX, &it->full_statement))
		return -1;
	if (it->full_statement == NULL)
		return case_fail(c, "fullStatement",
				 "is missing or empty; every CFItem needs the text of its standard");
	struct {
		const char *key;
		const char **out;
	} texts[] = {
		{"uri", &it->uri},
		{"humanCodingScheme", &it->human_coding_scheme},
		{"abbreviatedStatement", &it->abbreviated_statement},
		{"listEnumeration", &it->list_enumeration},
		{"language", &it->language},
		{"notes", &it->notes},
		{"lastChangeDateTime", &it->last_change},
		{"CFItemType", &it->item_type},
	};
	for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
		if (case_text(c, v, texts[k].key, CASE_TEXT_MAX, texts[k].out))
			return -1;
	/* CASE 1.0 educationLevel; the 2017 drafts called it educationalLevel. */
	const char *level_key =
		json_object_get(v, "educationLevel") != NULL ? "educationLevel" : "educationalLevel";
	if (case_strings(c, v, level_key, &it->education_levels, &it->neducation_levels))
		return -1;
	if (it->item_type == NULL) {
		struct case_node type;
		if (case_link(c, v, "CFItemTypeURI", &type))
			return -1;
		it->item_type = type.title;
		const char *keys[] = {type.identifier, type.uri};
		for (size_t k = 0; k < 2 && it->item_type == NULL; k++)
			if (keys[k] != NULL && strmap_get(types, keys[k]) != NULL)
				it->item_type = arena_strdup(c->a, strmap_get(types, keys[k]));
	}
	return 0;
}

/* A sequenceNumber: an integer, or (pre-1.0) a string holding one. */
static int case_sequence(struct case_ctx *c, const json_t *v, struct case_association *as)
{
	const json_t *s = json_object_get(v, "sequenceNumber");
	if (s == NULL || json_is_null(s))
		return 0;
	long long n = 0;
	if (json_is_integer(s)) {
		n = json_integer_value(s);
	} else if (json_is_real(s) && json_real_value(s) == (double)(long long)json_real_value(s) &&
		   json_real_value(s) > -1e15 && json_real_value(s) < 1e15) {
		n = (long long)json_real_value(s);
	} else if (json_is_string(s)) {
		const char *text = json_string_value(s);
		while (isspace((unsigned char)*text))
			text++;
		if (*text == '\0')
			return 0;
		char *end = NULL;
		errno = 0;
		n = strtoll(text, &end, 10);
		while (end != NULL && isspace((unsigned char)*end))
			end++;
		if (end == text || *end != '\0' || errno != 0)
			return case_fail(c, "sequenceNumber", "'%.40s' is not a whole number",
					 json_string_value(s));
	} else {
		return case_fail(c, "sequenceNumber", "must be a whole number, not %s",
				 case_json_type(s));
	}
	if (n > CASE_SEQ_MAX || n < -CASE_SEQ_MAX)
		return case_fail(c, "sequenceNumber", "%lld is out of range", n);
	as->has_sequence = 1;
	as->sequence = n;
	return 0;
}

/* One end of an association: the link object, the pre-1.0 identifier beside it, and
 * failing both an identifier found through the uri. */
static int case_end(struct case_ctx *c, const json_t *v, const char *link_key,
		    const char *id_key, struct strmap *by_uri, struct case_node *out)
{
	if (case_link(c, v, link_key, out))
		return -1;
	if (out->identifier == NULL && case_identifier(c, v, id_key, &out->identifier))
		return -1;
	if (out->identifier == NULL && out->uri != NULL) {
		const char *known = strmap_get(by_uri, out->uri);
		out->identifier = known != NULL ? known : out->uri;
	}
	if (out->identifier == NULL)
		return case_fail(c, link_key,
				 "is missing; an association needs both of its ends (a link "
				 "object {title, identifier, uri})");
	return 0;
}

static int case_association(struct case_ctx *c, const json_t *v, size_t i,
			    struct strmap *by_uri, struct case_association *as)
{
	case_where(c, "CFAssociations", i, "association", NULL);
	if (!json_is_object(v))
		return case_fail(c, NULL, "must be an object, not %s", case_json_type(v));
	memset(as, 0, sizeof(*as));
	as->index = i;
	if (case_identifier(c, v, "identifier", &as->identifier))
		return -1;
	if (as->identifier == NULL)
		return case_fail(c, "identifier",
				 "is missing; every CFAssociation needs the identifier it is "
				 "known by");
	case_where(c, "CFAssociations", i, "association", as->identifier);
	const char *type = NULL;
	if (case_text(c, v, "associationType", CASE_ID_MAX, &type))
		return -1;
	if (type == NULL)
		return case_fail(c, "associationType", "is missing");
	as->type = case_association_type(type);
	if (as->type == NULL)
		return case_fail(c, "associationType",
				 "'%.60s' is not a CASE association type; use isChildOf, isPeerOf, "
				 "isPartOf, exactMatchOf, precedes, isRelatedTo, replacedBy, "
				 "exemplar or hasSkillLevel",
				 type);
	if (case_end(c, v, "originNodeURI", "originNodeIdentifier", by_uri, &as->origin) ||
	    case_end(c, v, "destinationNodeURI", "destinationNodeIdentifier", by_uri,
		     &as->destination) ||
	    case_sequence(c, v, as) ||
	    case_text(c, v, "lastChangeDateTime", CASE_TEXT_MAX, &as->last_change))
		return -1;
	return 0;
}

/* A list member of the package: an array, or absent/null for none. */
static int case_list(struct case_ctx *c, const json_t *pkg, const char *key, const json_t **out)
{
	*out = json_object_get(pkg, key);
	if (*out == NULL || json_is_null(*out)) {
		*out = NULL;
		return 0;
	}
	if (!json_is_array(*out)) {
		snprintf(c->path, sizeof(c->path), "%s", key);
		c->who[0] = '\0';
		return case_fail(c, NULL, "must be an array, not %s", case_json_type(*out));
	}
	return 0;
}

/* Line and column (1-based, in characters) of byte offset off. */
static void case_position(const char *data, size_t off, long *line, long *column)
{
	*line = 1;
	size_t start = 0;
	for (size_t i = 0; i < off; i++)
		if (data[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	*column = (long)utf8_length(data + start, off - start) + 1;
}

static int case_parse(const char *data, size_t len, const char *source, json_t **root,
		      struct cn_err *err)
{
	if (len > CASE_MAX_BYTES) {
		cn_err_set(err, CN_ERR_TOO_LARGE,
			   "the package is %zu bytes; at most %zu (100 MB) are accepted", len,
			   CASE_MAX_BYTES);
		cn_err_at(err, source, 0, 0);
		return -1;
	}
	size_t skip = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		skip = 3; /* a byte order mark, as some editors write */
	size_t bad = 0;
	if (!utf8_valid(data + skip, len - skip, &bad)) {
		long line, column;
		case_position(data, skip + bad, &line, &column);
		if (data[skip + bad] == '\0')
			cn_err_set(err, CN_ERR_INPUT,
				   "the file contains a NUL byte; a CASE package is UTF-8 text");
		else
			cn_err_set(err, CN_ERR_INPUT,
				   "the file is not valid UTF-8 (byte 0x%02X); save it as UTF-8",
				   (unsigned char)data[skip + bad]);
		cn_err_at(err, source, line, column);
		return -1;
	}
	json_error_t jerr;
	*root = json_loadb(data + skip, len - skip, JSON_REJECT_DUPLICATES, &jerr);
	if (*root == NULL) {
		if (len - skip == 0 || jerr.position == 0)
			cn_err_set(err, CN_ERR_INPUT, "the file is empty or does not start as JSON: %s",
				   jerr.text);
		else
			cn_err_set(err, CN_ERR_INPUT, "not valid JSON: %s", jerr.text);
		cn_err_at(err, source, jerr.line > 0 ? jerr.line : 1,
			  jerr.column > 0 ? jerr.column : 1);
		return -1;
	}
	return 0;
}

/* The package object: the root, or the object under "CFPackage". */
static int case_package_root(struct case_ctx *c, const json_t *root, const json_t **pkg)
{
	c->path[0] = '\0';
	c->who[0] = '\0';
	if (!json_is_object(root))
		return case_fail(c, NULL,
				 "not a CASE package: the top level is %s; a CFPackage is an object "
				 "with CFDocument, CFItems and CFAssociations",
				 case_json_type(root));
	*pkg = root;
	const json_t *wrapped = json_object_get(root, "CFPackage");
	if (wrapped != NULL) {
		snprintf(c->path, sizeof(c->path), "CFPackage");
		if (!json_is_object(wrapped))
			return case_fail(c, NULL, "must be an object, not %s",
					 case_json_type(wrapped));
		*pkg = wrapped;
	}
	if (json_object_get(*pkg, "CFDocument") == NULL)
		return case_fail(c, NULL,
				 "not a CASE package: it has no CFDocument; a CFPackage is an "
				 "object with CFDocument, CFItems and CFAssociations");
	return 0;
}

int case_read(struct arena *a, const char *data, size_t len, const char *source,
	      struct case_package *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	json_t *root = NULL;
	if (case_parse(data, len, source, &root, err))
		return -1;
	struct case_ctx c = {.a = a, .err = err, .source = source};
	struct strmap *types = strmap_new(), *ids = strmap_new(), *by_uri = strmap_new();
	int rc = -1;
	const json_t *pkg = NULL, *items = NULL, *assocs = NULL;
	if (case_package_root(&c, root, &pkg) ||
	    case_document(&c, json_object_get(pkg, "CFDocument"), &out->doc) ||
	    case_list(&c, pkg, "CFItems", &items) || case_list(&c, pkg, "CFAssociations", &assocs))
		goto out;
	const json_t *defs = json_object_get(pkg, "CFDefinitions");
	if (json_is_object(defs))
		case_item_types(defs, types);
	strmap_put(ids, out->doc.identifier, (void *)"CFDocument");
	if (out->doc.uri != NULL)
		strmap_put(by_uri, out->doc.uri, (void *)out->doc.identifier);

	out->nitems = json_array_size(items);
	out->items = arena_alloc(a, sizeof(struct case_item) * (out->nitems ? out->nitems : 1));
	for (size_t i = 0; i < out->nitems; i++) {
		struct case_item *it = &out->items[i];
		if (case_item(&c, json_array_get(items, i), i, types, it))
			goto out;
		char *where = arena_printf(a, "CFItems[%zu]", i);
		const char *other = strmap_put(ids, it->identifier, where);
		if (other != NULL) {
			case_fail(&c, "identifier", "is used twice: %s has it too", other);
			goto out;
		}
		if (it->uri != NULL)
			strmap_put(by_uri, it->uri, (void *)it->identifier);
	}

	struct strmap *assoc_ids = strmap_new();
	out->nassociations = json_array_size(assocs);
	out->associations = arena_alloc(a, sizeof(struct case_association) *
						   (out->nassociations ? out->nassociations : 1));
	for (size_t i = 0; i < out->nassociations; i++) {
		struct case_association *as = &out->associations[i];
		if (case_association(&c, json_array_get(assocs, i), i, by_uri, as)) {
			strmap_free(assoc_ids);
			goto out;
		}
		const char *other =
			strmap_put(assoc_ids, as->identifier, arena_printf(a, "CFAssociations[%zu]", i));
		if (other != NULL) {
			case_fail(&c, "identifier", "is used twice: %s has it too", other);
			strmap_free(assoc_ids);
			goto out;
		}
	}
	strmap_free(assoc_ids);
	rc = 0;
out:
	strmap_free(types);
	strmap_free(ids);
	strmap_free(by_uri);
	json_decref(root);
	if (rc != 0)
		memset(out, 0, sizeof(*out));
	return rc;
}
