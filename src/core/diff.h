/* diff: a line-based difference of two texts (Myers' O(ND) algorithm in linear space,
 * E. W. Myers, "An O(ND) Difference Algorithm and Its Variations", 1986, §4b), shown as
 * unified-diff text (as GNU diff -u writes it) or as a structured list of hunks in JSON.
 *
 * Lines are split at '\n'; a final line without '\n' counts as a line, and a text that
 * ends in '\n' has no empty last line, so "a\n" and "a" compare equal. '\r' stays part
 * of its line. When the two texts differ so much that the minimal script would cost more
 * than DIFF_COST_MAX steps, the remaining middle is reported as removed and added in
 * full: still a correct script, no longer the shortest. */
#ifndef CN_DIFF_H
#define CN_DIFF_H
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"

enum { DIFF_MAX_LINES = 200000, DIFF_CONTEXT = 3 };
#define DIFF_COST_MAX 40000000L

enum diff_op { DIFF_EQUAL, DIFF_DELETE, DIFF_INSERT };

struct diff_line {
	enum diff_op op;
	const char *text; /* points into the caller's text; not NUL-terminated */
	size_t len;       /* without the '\n' */
	size_t a_line;    /* 1-based line in the old text; 0 for an insertion */
	size_t b_line;    /* 1-based line in the new text; 0 for a deletion */
};

struct diff {
	struct diff_line *lines; /* every line of both texts in script order */
	size_t count;
	size_t added, removed;
};

/* One hunk: a run of changes with up to `context` equal lines around it. */
struct diff_hunk {
	size_t first, count;     /* lines[first .. first+count) of the diff */
	size_t a_start, a_count; /* as in "@@ -a_start,a_count +b_start,b_count @@" */
	size_t b_start, b_count;
};

/* Compares old text a (na bytes) with new text b (nb bytes). out's lines live in ar and
 * point into a and b, so they are valid while ar, a and b are. Fails (CN_ERR_TOO_LARGE)
 * when a text has more than DIFF_MAX_LINES lines. */
int diff_texts(struct arena *ar, const char *a, size_t na, const char *b, size_t nb,
	       struct diff *out, struct cn_err *err);

/* The hunks of d with `context` equal lines around changes; *out lives in ar. An
 * identical pair of texts has no hunks. */
size_t diff_hunks(struct arena *ar, const struct diff *d, size_t context,
		  struct diff_hunk **out);

/* Appends the unified diff ("--- label_a", "+++ label_b", "@@ ... @@" hunks) to out.
 * Nothing is appended when the texts are equal. */
void diff_unified(const struct diff *d, const char *label_a, const char *label_b,
		  size_t context, struct buf *out);

/* Writes {"added":N,"removed":N,"hunks":[{"a_start":..,"a_count":..,"b_start":..,
 * "b_count":..,"lines":[{"op":"equal|delete|insert","a":N|null,"b":N|null,
 * "text":".."}]}]}. */
void diff_json(struct jw *w, const struct diff *d, size_t context);

/* "equal", "delete" or "insert". */
const char *diff_op_name(enum diff_op op);

#endif
