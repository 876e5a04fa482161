/* case_write: the CFPackage writer (field names and required fields from the CASE 1.0
 * CFPackage JSON schema). */
#include "io/case_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/mem.h"
#include "core/uuid.h"

/* base_uri + identifier, percent-encoding what may not stand in a URI path. */
static char *case_uri(const char *base, const char *identifier)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, base);
	for (const unsigned char *p = (const unsigned char *)identifier; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p) != NULL)
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	return buf_detach(&b);
}

/* The uri of a node of another framework when none is stored: the identifier itself if
 * it is already an absolute URI (ASN-style identifiers), urn:uuid: for a UUID, else a
 * URI under our base. */
static char *case_node_uri(const char *base, const struct case_node *n)
{
	if (n->uri != NULL && n->uri[0] != '\0')
		return xstrdup(n->uri);
	if (strncmp(n->identifier, "http://", 7) == 0 || strncmp(n->identifier, "https://", 8) == 0)
		return xstrdup(n->identifier);
	if (uuid_valid(n->identifier)) {
		char *s = xmalloc(9 + UUID_TEXT_LEN);
		snprintf(s, 9 + UUID_TEXT_LEN, "urn:uuid:%s", n->identifier);
		return s;
	}
	return case_uri(base, n->identifier);
}

static void case_link(struct jw *w, const char *key, const char *title, const char *identifier,
		      const char *uri)
{
	jw_key(w, key);
	jw_obj_begin(w);
	jw_kv_str(w, "title", title);
	jw_kv_str(w, "identifier", identifier);
	jw_kv_str(w, "uri", uri);
	jw_obj_end(w);
}

/* One CFAssociation from target t to node to, named from both so that exporting twice
 * gives the same identifier. */
static void case_write_association(struct jw *w, const struct case_target_set *s,
				   const char *doc_uri, const struct case_target *t,
				   const char *type, int64_t sequence, const struct case_node *to)
{
	char id[UUID_TEXT_LEN];
	char *name = xmalloc(strlen(type) + strlen(to->identifier) + 2);
	sprintf(name, "%s %s", type, to->identifier);
	uuid_named(t->identifier, name, id);
	free(name);
	char *uri = case_uri(s->base_uri, id);
	char *origin = case_uri(s->base_uri, t->identifier);
	char *dest = case_node_uri(s->base_uri, to);
	jw_obj_begin(w);
	jw_kv_str(w, "identifier", id);
	jw_kv_str(w, "associationType", type);
	jw_kv_int(w, "sequenceNumber", sequence);
	jw_kv_str(w, "uri", uri);
	case_link(w, "originNodeURI", t->statement, t->identifier, origin);
	case_link(w, "destinationNodeURI", to->title, to->identifier, dest);
	jw_kv_str(w, "lastChangeDateTime", t->last_change);
	case_link(w, "CFDocumentURI", s->title, s->identifier, doc_uri);
	jw_obj_end(w);
	free(uri);
	free(origin);
	free(dest);
}

void case_write_targets(const struct case_target_set *s, struct buf *out)
{
	struct jw w;
	jw_init(&w, out);
	char type_id[UUID_TEXT_LEN];
	uuid_named(s->base_uri, "CFItemType " CASE_ITEM_TYPE_LEARNING_TARGET, type_id);
	char *doc_uri = case_uri(s->base_uri, s->identifier);
	char *type_uri = case_uri(s->base_uri, type_id);
	jw_obj_begin(&w);

	jw_key(&w, "CFDocument");
	jw_obj_begin(&w);
	jw_kv_str(&w, "identifier", s->identifier);
	jw_kv_str(&w, "uri", doc_uri);
	jw_kv_str(&w, "creator", s->creator);
	jw_kv_str(&w, "title", s->title);
	jw_kv_str(&w, "lastChangeDateTime", s->last_change);
	if (s->description != NULL)
		jw_kv_str(&w, "description", s->description);
	if (s->subject != NULL) {
		jw_key(&w, "subject");
		jw_arr_begin(&w);
		jw_str(&w, s->subject);
		jw_arr_end(&w);
	}
	jw_kv_str(&w, "language", "en");
	if (s->adoption_status != NULL)
		jw_kv_str(&w, "adoptionStatus", s->adoption_status);
	case_link(&w, "CFPackageURI", s->title, s->identifier, doc_uri);
	jw_obj_end(&w);

	jw_key(&w, "CFItems");
	jw_arr_begin(&w);
	for (size_t i = 0; i < s->count; i++) {
		const struct case_target *t = &s->targets[i];
		char *uri = case_uri(s->base_uri, t->identifier);
		jw_obj_begin(&w);
		jw_kv_str(&w, "identifier", t->identifier);
		jw_kv_str(&w, "uri", uri);
		jw_kv_str(&w, "fullStatement", t->statement);
		if (t->code != NULL)
			jw_kv_str(&w, "humanCodingScheme", t->code);
		char seq[24];
		snprintf(seq, sizeof(seq), "%lld", (long long)t->sequence);
		jw_kv_str(&w, "listEnumeration", seq);
		jw_kv_str(&w, "CFItemType", CASE_ITEM_TYPE_LEARNING_TARGET);
		if (t->nlevels > 0) {
			jw_key(&w, "educationLevel");
			jw_arr_begin(&w);
			for (size_t k = 0; k < t->nlevels; k++)
				jw_str(&w, t->levels[k]);
			jw_arr_end(&w);
		}
		case_link(&w, "CFItemTypeURI", CASE_ITEM_TYPE_LEARNING_TARGET, type_id, type_uri);
		jw_key(&w, "conceptKeywords");
		jw_arr_begin(&w);
		jw_str(&w, t->kind);
		jw_arr_end(&w);
		jw_kv_str(&w, "language", "en");
		jw_kv_str(&w, "lastChangeDateTime", t->last_change);
		case_link(&w, "CFDocumentURI", s->title, s->identifier, doc_uri);
		jw_obj_end(&w);
		free(uri);
	}
	jw_arr_end(&w);

	jw_key(&w, "CFAssociations");
	jw_arr_begin(&w);
	for (size_t i = 0; i < s->count; i++) {
		const struct case_target *t = &s->targets[i];
		struct case_node doc = {s->identifier, doc_uri, s->title};
		case_write_association(&w, s, doc_uri, t, "isChildOf", (int64_t)i + 1, &doc);
	}
	for (size_t i = 0; i < s->count; i++) {
		const struct case_target *t = &s->targets[i];
		case_write_association(&w, s, doc_uri, t, "isPartOf", t->sequence, &t->standard);
	}
	jw_arr_end(&w);

	jw_key(&w, "CFDefinitions");
	jw_obj_begin(&w);
	jw_key(&w, "CFItemTypes");
	jw_arr_begin(&w);
	jw_obj_begin(&w);
	jw_kv_str(&w, "identifier", type_id);
	jw_kv_str(&w, "uri", type_uri);
	jw_kv_str(&w, "title", CASE_ITEM_TYPE_LEARNING_TARGET);
	jw_kv_str(&w, "description",
		  "A learning target deconstructed from a standard, written as an \"I can\" "
		  "statement; its concept keyword says whether it is a knowledge, reasoning, "
		  "skill or product target.");
	jw_kv_str(&w, "hierarchyCode", "LT");
	jw_kv_str(&w, "typeCode", CASE_ITEM_TYPE_LEARNING_TARGET);
	jw_kv_str(&w, "lastChangeDateTime", s->last_change);
	jw_obj_end(&w);
	jw_arr_end(&w);
	jw_obj_end(&w);

	jw_obj_end(&w);
	free(doc_uri);
	free(type_uri);
}
