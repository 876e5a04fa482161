/* multipart: multipart/form-data bodies (RFC 7578 §4; body syntax RFC 2046 §5.1.1):
 *   [preamble CRLF] "--" boundary *LWSP CRLF part *(CRLF "--" boundary *LWSP CRLF part)
 *   CRLF "--" boundary "--" [epilogue]
 * where a part is header lines, an empty line, and its content. */
#include "http/multipart.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "http/form.h"

static const char MULTIPART_TYPE[] = "multipart/form-data";

static int mp_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The first occurrence of needle[0..nn) in hay[0..hn), or NULL. */
static const char *mp_find(const char *hay, size_t hn, const char *needle, size_t nn)
{
	if (nn == 0 || hn < nn)
		return NULL;
	return memmem(hay, hn, needle, nn);
}

int multipart_is(const char *content_type)
{
	size_t n = sizeof(MULTIPART_TYPE) - 1;
	if (content_type == NULL)
		return 0;
	while (mp_space(*content_type))
		content_type++;
	return strncasecmp(content_type, MULTIPART_TYPE, n) == 0 &&
	       (content_type[n] == '\0' || content_type[n] == ';' || mp_space(content_type[n]));
}

/* Reads one parameter value at *s (a token, or a quoted string with backslash escapes)
 * into out (size bytes); advances *s past it. -1 when it is unterminated, -2 when it is
 * too long. */
static int mp_param_value(const char **s, char *out, size_t size)
{
	const char *p = *s;
	size_t k = 0;
	if (*p == '"') {
		for (p++; *p != '"'; p++) {
			if (*p == '\0')
				return -1;
			if (*p == '\\' && p[1] != '\0')
				p++;
			if (k + 1 >= size)
				return -2;
			out[k++] = *p;
		}
		p++;
	} else {
		for (; *p != '\0' && *p != ';' && !mp_space(*p); p++) {
			if (k + 1 >= size)
				return -2;
			out[k++] = *p;
		}
	}
	out[k] = '\0';
	*s = p;
	return 0;
}

/* The parameter that made mp_param fail, and how long it may be in bytes. */
struct mp_fault {
	char key[40];
	size_t limit;
};

/* Finds parameter name in a header value "type; a=1; b="2"" into out: 1 found, 0 not,
 * -1 a quote left unclosed, -2 too long; on -1 and -2, *fault names the parameter,
 * which may be another than name. */
static int mp_param(const char *value, const char *name, char *out, size_t size,
		    struct mp_fault *fault)
{
	const char *p = strchr(value, ';');
	size_t n = strlen(name);
	while (p != NULL && *p == ';') {
		p++;
		while (mp_space(*p))
			p++;
		const char *key = p;
		while (*p != '\0' && *p != '=' && *p != ';')
			p++;
		size_t klen = (size_t)(p - key);
		while (klen > 0 && mp_space(key[klen - 1]))
			klen--;
		if (*p != '=')
			continue;
		p++;
		while (mp_space(*p))
			p++;
		char tmp[MULTIPART_MAX_FILENAME * 4 + 1];
		int rc = mp_param_value(&p, tmp, sizeof(tmp));
		int found = klen == n && strncasecmp(key, name, n) == 0;
		if (rc == 0 && found && strlen(tmp) + 1 > size)
			rc = -2;
		if (rc != 0) {
			snprintf(fault->key, sizeof(fault->key), "%.*s",
				 (int)(klen < sizeof(fault->key) ? klen : sizeof(fault->key) - 1),
				 key);
			fault->limit = (found ? size : sizeof(tmp)) - 1;
			return rc;
		}
		if (found) {
			memcpy(out, tmp, strlen(tmp) + 1);
			return 1;
		}
		while (*p != '\0' && *p != ';')
			p++;
	}
	return 0;
}

/* Refuses a header whose parameter made mp_param fail (rc): whose is the part's field
 * name, or else what names the header ("part 2 of the upload"). */
static int mp_param_refused(struct cn_err *err, const char *field, const char *whose,
			    const char *header, const struct mp_fault *fault, int rc)
{
	char how[64];
	if (rc == -1)
		snprintf(how, sizeof(how), "has an unclosed quote");
	else
		snprintf(how, sizeof(how), "is longer than %zu bytes", fault->limit);
	return cn_err_field(err, CN_ERR_INPUT, field, "%s: the %s parameter %s %s",
			    field != NULL ? field : whose, header, fault->key, how);
}

/* Copies the header block's lines into the part: Content-Disposition gives the name
 * and filename, Content-Type the type. Other headers are ignored. */
static int mp_headers(struct arena *a, const char *h, size_t n, struct multipart_part *part,
		      size_t index, struct cn_err *err)
{
	int disposition = 0;
	size_t i = 0;
	while (i < n) {
		const char *eol = mp_find(h + i, n - i, "\r\n", 2);
		size_t llen = eol ? (size_t)(eol - (h + i)) : n - i;
		char *line = arena_strndup(a, h + i, llen);
		i += llen + 2;
		if (strlen(line) != llen || !utf8_valid(line, llen, NULL))
			return cn_err_set(err, CN_ERR_INPUT,
					  "part %zu of the upload has a header that is not UTF-8 text",
					  index + 1);
		char *colon = strchr(line, ':');
		if (colon == NULL)
			return cn_err_set(err, CN_ERR_INPUT,
					  "part %zu of the upload has a header line without a colon",
					  index + 1);
		*colon = '\0';
		const char *value = colon + 1;
		while (mp_space(*value))
			value++;
		if (strcasecmp(line, "Content-Type") == 0) {
			part->content_type = value;
			continue;
		}
		if (strcasecmp(line, "Content-Disposition") != 0)
			continue;
		if (strncasecmp(value, "form-data", 9) != 0 ||
		    (value[9] != '\0' && value[9] != ';' && !mp_space(value[9])))
			return cn_err_set(err, CN_ERR_INPUT,
					  "part %zu of the upload is not form-data (RFC 7578)",
					  index + 1);
		disposition = 1;
		char name[FORM_MAX_NAME + 1], file[MULTIPART_MAX_FILENAME * 4 + 1];
		char whose[40];
		snprintf(whose, sizeof(whose), "part %zu of the upload", index + 1);
		struct mp_fault fault;
		int rc = mp_param(value, "name", name, sizeof(name), &fault);
		if (rc < 0)
			return mp_param_refused(err, NULL, whose, "Content-Disposition", &fault, rc);
		if (rc == 0 || name[0] == '\0')
			return cn_err_set(err, CN_ERR_INPUT, "%s has no name", whose);
		part->name = arena_strdup(a, name);
		rc = mp_param(value, "filename", file, sizeof(file), &fault);
		if (rc == -1 || (rc == -2 && strcmp(fault.key, "filename") != 0))
			return mp_param_refused(err, part->name, whose, "Content-Disposition",
						&fault, rc);
		if (rc == 1) {
			/* Some browsers send the whole path: keep its last part. */
			const char *base = file;
			for (const char *c = file; *c; c++)
				if (*c == '/' || *c == '\\')
					base = c + 1;
			part->filename = arena_strdup(a, base);
		}
		if (rc == -2 || (rc == 1 && utf8_length(part->filename, strlen(part->filename)) >
						    MULTIPART_MAX_FILENAME))
			return cn_err_field(err, CN_ERR_INPUT, part->name,
					    "%s: the file's name is longer than %d characters; "
					    "rename the file and send it again",
					    part->name, MULTIPART_MAX_FILENAME);
	}
	if (!disposition)
		return cn_err_set(err, CN_ERR_INPUT,
				  "part %zu of the upload has no Content-Disposition header",
				  index + 1);
	return 0;
}

int multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len,
		    struct multipart *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	if (!multipart_is(content_type))
		return cn_err_set(err, CN_ERR_INPUT, "the upload is not multipart/form-data");
	char boundary[MULTIPART_MAX_BOUNDARY + 1];
	struct mp_fault fault;
	int rc = mp_param(content_type, "boundary", boundary, sizeof(boundary), &fault);
	if (rc < 0 && strcmp(fault.key, "boundary") != 0)
		return mp_param_refused(err, NULL, "the upload", "Content-Type", &fault, rc);
	if (rc <= 0 || boundary[0] == '\0')
		return cn_err_set(err, CN_ERR_INPUT,
				  "the upload's Content-Type has %s boundary (1 to %d characters)",
				  rc < 0 ? "an overlong or malformed" : "no", MULTIPART_MAX_BOUNDARY);
	/* delim is CRLF "--" boundary; dash is delim without the CRLF. */
	char delim[MULTIPART_MAX_BOUNDARY + 5];
	size_t blen = strlen(boundary), dlen = blen + 4;
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, blen);
	const char *dash = delim + 2;
	size_t dashlen = dlen - 2;

	size_t pos;
	if (len >= dashlen && memcmp(body, dash, dashlen) == 0) {
		pos = 0;
	} else {
		const char *first = mp_find(body, len, delim, dlen);
		if (first == NULL)
			return cn_err_set(err, CN_ERR_INPUT,
					  "the upload does not contain its boundary; send the form "
					  "again");
		pos = (size_t)(first - body) + 2;
	}
	size_t cap = 0;
	for (;;) {
		size_t p = pos + dashlen;
		if (len - p >= 2 && body[p] == '-' && body[p + 1] == '-')
			return 0; /* the closing boundary; the epilogue is ignored */
		while (p < len && mp_space(body[p]))
			p++;
		if (len - p < 2 || body[p] != '\r' || body[p + 1] != '\n')
			return cn_err_set(err, CN_ERR_INPUT,
					  "the upload is cut short or malformed after a boundary");
		p += 2;
		if (out->n == MULTIPART_MAX_PARTS)
			return cn_err_set(err, CN_ERR_TOO_LARGE, "the upload has more than %d parts",
					  MULTIPART_MAX_PARTS);
		out->parts = arena_grow(a, out->parts, sizeof(*out->parts), out->n, &cap);
		struct multipart_part *part = &out->parts[out->n];
		memset(part, 0, sizeof(*part));
		/* The header block ends at an empty line (it may itself be empty). */
		size_t hlen;
		if (len - p >= 2 && body[p] == '\r' && body[p + 1] == '\n') {
			hlen = 0;
		} else {
			size_t window = len - p < MULTIPART_MAX_HEADER + 4 ? len - p
									   : MULTIPART_MAX_HEADER + 4;
			const char *end = mp_find(body + p, window, "\r\n\r\n", 4);
			if (end == NULL)
				return cn_err_set(err, window > MULTIPART_MAX_HEADER ? CN_ERR_TOO_LARGE
										     : CN_ERR_INPUT,
						  "part %zu of the upload has %s", out->n + 1,
						  window > MULTIPART_MAX_HEADER
							  ? "headers over 8 KiB"
							  : "no end to its headers");
			hlen = (size_t)(end - (body + p)) + 2;
		}
		if (mp_headers(a, body + p, hlen, part, out->n, err))
			return -1;
		p += hlen + 2;
		const char *next = mp_find(body + p, len - p, delim, dlen);
		if (next == NULL)
			return cn_err_set(err, CN_ERR_INPUT,
					  "the upload ends inside part %zu (\"%s\") without its closing "
					  "boundary; it may have been cut short",
					  out->n + 1, part->name);
		part->data = body + p;
		part->len = (size_t)(next - (body + p));
		if (part->filename == NULL) {
			if (part->len > FORM_MAX_VALUE)
				return cn_err_field(err, CN_ERR_TOO_LARGE, part->name,
						    "%s is longer than %d bytes", part->name,
						    FORM_MAX_VALUE);
			size_t bad = 0;
			if (!utf8_valid(part->data, part->len, &bad))
				return cn_err_field(err, CN_ERR_INPUT, part->name,
						    "%s %s (byte %zu)", part->name,
						    part->data[bad] == '\0' ? "holds a NUL byte"
									    : "is not UTF-8 text",
						    bad + 1);
			part->data = arena_strndup(a, part->data, part->len);
		}
		out->n++;
		pos = (size_t)(next - body) + 2;
	}
}

const struct multipart_part *multipart_get(const struct multipart *m, const char *name)
{
	for (size_t i = m->n; i > 0; i--)
		if (strcmp(m->parts[i - 1].name, name) == 0)
			return &m->parts[i - 1];
	return NULL;
}

const char *multipart_value(const struct multipart *m, const char *name)
{
	const struct multipart_part *p = multipart_get(m, name);
	return p != NULL && p->filename == NULL ? p->data : NULL;
}
