/* markdown: rendering with cmark. cmark's safe mode (the default since 0.29) drops raw
 * HTML and a list of dangerous schemes; on top of it every link and image address is
 * checked against a short list of allowed schemes, so a scheme cmark does not know
 * is refused rather than trusted. */
#include "io/markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"

int markdown_url_safe(const char *url, int image)
{
	static const char *const link_schemes[] = {"http", "https", "mailto", NULL};
	static const char *const image_schemes[] = {"http", "https", NULL};
	if (url == NULL)
		return 1;
	size_t n = strcspn(url, ":/?#");
	if (url[n] != ':')
		return 1; /* no scheme: relative */
	for (const char *const *s = image ? image_schemes : link_schemes; *s != NULL; s++)
		if (strlen(*s) == n && strncasecmp(url, *s, n) == 0)
			return 1;
	return 0;
}

int markdown_html(struct arena *a, const char *md, size_t len, const char *field, char **html,
		  struct cn_err *err)
{
	*html = NULL;
	if (len > MARKDOWN_INPUT_MAX)
		return cn_err_field(err, CN_ERR_TOO_LARGE, field,
				    "is %zu bytes of Markdown; at most %d are rendered", len,
				    MARKDOWN_INPUT_MAX);
	size_t bad = 0;
	if (!utf8_valid(md, len, &bad))
		return cn_err_field(err, CN_ERR_INPUT, field,
				    "is not valid UTF-8 text (byte %zu); save it as UTF-8", bad + 1);
	int opts = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE;
	cmark_node *doc = cmark_parse_document(md, len, opts);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		int is_link = type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE;
		if (ev != CMARK_EVENT_ENTER || !is_link)
			continue;
		if (!markdown_url_safe(cmark_node_get_url(node), type == CMARK_NODE_IMAGE))
			cmark_node_set_url(node, "");
	}
	cmark_iter_free(it);
	char *out = cmark_render_html(doc, opts);
	cmark_node_free(doc);
	*html = arena_strdup(a, out);
	free(out);
	return 0;
}
