/* err: the one error type. The function that fails fills it; callers pass it up.
 * Messages are for a person: what was wrong, where, and what to do. */
#ifndef CN_ERR_H
#define CN_ERR_H
#include <stdarg.h>

enum cn_err_kind {
	CN_OK = 0,
	CN_ERR_INPUT,       /* the caller sent something invalid */
	CN_ERR_NOT_FOUND,   /* the record does not exist (or is not visible) */
	CN_ERR_UNAUTHENTICATED, /* no or bad credentials */
	CN_ERR_FORBIDDEN,   /* the actor may not do this */
	CN_ERR_CONFLICT,    /* clashes with existing data (duplicate, in use) */
	CN_ERR_STALE,       /* the record changed since the caller read it */
	CN_ERR_PRECONDITION, /* a required precondition (If-Match) is missing */
	CN_ERR_METHOD,      /* the resource exists but not with this method */
	CN_ERR_MEDIA_TYPE,  /* the body is sent in a type the route does not take */
	CN_ERR_TOO_LARGE,   /* over a size limit */
	CN_ERR_THROTTLED,   /* too many attempts; try later */
	CN_ERR_UNAVAILABLE, /* a dependency (the database) is down; retry */
	CN_ERR_INTERNAL,    /* a bug or an I/O failure */
	CN_ERR_KIND_COUNT
};

struct cn_err {
	enum cn_err_kind kind;
	char msg[512];
	char field[128]; /* the input field, column or JSON path; "" if none */
	char file[128];  /* the input file, for imports; "" if none */
	long line;       /* 1-based line in the input; 0 if none */
	long column;     /* 1-based column; 0 if none */
	long retry_after; /* seconds until trying again may succeed (throttled, unavailable),
			   * set by whoever refuses; 0 if none. Cleared by cn_err_set. */
};

/* Sets kind and message and clears the location; returns -1 so that a failing
 * function can `return cn_err_set(...)`. err may be NULL. */
int cn_err_set(struct cn_err *err, enum cn_err_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same, naming the field the error is about. */
int cn_err_field(struct cn_err *err, enum cn_err_kind kind, const char *field, const char *fmt,
		 ...) __attribute__((format(printf, 4, 5)));
/* Adds a location to an error already set. file may be NULL. */
void cn_err_at(struct cn_err *err, const char *file, long line, long column);
void cn_err_clear(struct cn_err *err);

/* "bad input", "not found", ...: a short name of the kind for logs and JSON. */
const char *cn_err_kind_name(enum cn_err_kind kind);
/* The one mapping from kind to HTTP status and to process exit code. */
int cn_err_http_status(enum cn_err_kind kind);
int cn_err_exit_code(enum cn_err_kind kind);
/* Writes "file:line:column: field: message" (parts present only) into out. */
void cn_err_format(const struct cn_err *err, char *out, unsigned long size);

#endif
