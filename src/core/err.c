/* err: filling, naming and mapping errors. */
#include "core/err.h"

#include <stdio.h>
#include <string.h>

static void err_vset(struct cn_err *err, enum cn_err_kind kind, const char *field,
		     const char *fmt, va_list ap)
{
	err->kind = kind;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	err->file[0] = '\0';
	err->line = 0;
	err->column = 0;
	err->retry_after = 0;
}

int cn_err_set(struct cn_err *err, enum cn_err_kind kind, const char *fmt, ...)
{
	if (err == NULL)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	err_vset(err, kind, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int cn_err_field(struct cn_err *err, enum cn_err_kind kind, const char *field, const char *fmt,
		 ...)
{
	if (err == NULL)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	err_vset(err, kind, field, fmt, ap);
	va_end(ap);
	return -1;
}

void cn_err_at(struct cn_err *err, const char *file, long line, long column)
{
	if (err == NULL)
		return;
	if (file != NULL)
		snprintf(err->file, sizeof(err->file), "%s", file);
	err->line = line;
	err->column = column;
}

void cn_err_clear(struct cn_err *err)
{
	if (err != NULL)
		memset(err, 0, sizeof(*err));
}

static const struct {
	const char *name;
	int http;
	int exit;
} err_kinds[CN_ERR_KIND_COUNT] = {
	[CN_OK] = {"ok", 200, 0},
	[CN_ERR_INPUT] = {"bad input", 400, 1},
	[CN_ERR_NOT_FOUND] = {"not found", 404, 1},
	[CN_ERR_UNAUTHENTICATED] = {"not signed in", 401, 1},
	[CN_ERR_FORBIDDEN] = {"forbidden", 403, 1},
	[CN_ERR_CONFLICT] = {"conflict", 409, 1},
	[CN_ERR_STALE] = {"changed since read", 412, 1},
	[CN_ERR_PRECONDITION] = {"precondition required", 428, 1},
	[CN_ERR_METHOD] = {"method not allowed", 405, 1},
	[CN_ERR_MEDIA_TYPE] = {"unsupported media type", 415, 1},
	[CN_ERR_TOO_LARGE] = {"too large", 413, 1},
	[CN_ERR_THROTTLED] = {"too many attempts", 429, 1},
	[CN_ERR_UNAVAILABLE] = {"unavailable", 503, 1},
	[CN_ERR_INTERNAL] = {"internal error", 500, 1},
};

const char *cn_err_kind_name(enum cn_err_kind kind)
{
	return (unsigned)kind < CN_ERR_KIND_COUNT ? err_kinds[kind].name : "internal error";
}

int cn_err_http_status(enum cn_err_kind kind)
{
	return (unsigned)kind < CN_ERR_KIND_COUNT ? err_kinds[kind].http : 500;
}

int cn_err_exit_code(enum cn_err_kind kind)
{
	return (unsigned)kind < CN_ERR_KIND_COUNT ? err_kinds[kind].exit : 1;
}

void cn_err_format(const struct cn_err *err, char *out, unsigned long size)
{
	size_t n = 0;
	out[0] = '\0';
	if (err->file[0] != '\0')
		n += (size_t)snprintf(out + n, size - n, "%s:", err->file);
	if (err->line > 0 && n < size)
		n += (size_t)snprintf(out + n, size - n, "%s%ld:", n ? "" : "line ", err->line);
	if (err->column > 0 && n < size)
		n += (size_t)snprintf(out + n, size - n, "%s%ld:", err->line ? "" : "column ",
				      err->column);
	if (n > 0 && n < size)
		n += (size_t)snprintf(out + n, size - n, " ");
	if (err->field[0] != '\0' && n < size)
		n += (size_t)snprintf(out + n, size - n, "%s: ", err->field);
	if (n < size)
		snprintf(out + n, size - n, "%s", err->msg);
}
