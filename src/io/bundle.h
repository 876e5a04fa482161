/* bundle: a set of named data files given as a folder or a .zip archive (OneRoster
 * CSV bundles, later other exports). Files are found by name ignoring case; in an
 * archive, by the last part of their path, so a zip holding a top folder works. */
#ifndef CN_BUNDLE_H
#define CN_BUNDLE_H
#include <stdint.h>

#include "core/err.h"
#include "io/csvread.h"

struct bundle;

/* Opens the folder or .zip archive at path. The caller frees it with bundle_close(). */
int bundle_open(const char *path, struct bundle **out, struct cn_err *err);
void bundle_close(struct bundle *b);
/* "folder" or "zip archive". */
const char *bundle_kind(const struct bundle *b);

/* The number of files and the name (last path part) of file i, valid until close. */
size_t bundle_count(const struct bundle *b);
const char *bundle_name(const struct bundle *b, size_t i);
/* The size in bytes of file i (as the archive declares it, for an archive). */
uint64_t bundle_size(const struct bundle *b, size_t i);
/* The index of the file called name ignoring ASCII case, or -1. */
int bundle_find(const struct bundle *b, const char *name);

/* Fails (CN_ERR_TOO_LARGE, naming the file) when file i is over max bytes
 * (0 = CSVREAD_MAX_BYTES). */
int bundle_check_size(const struct bundle *b, size_t i, size_t max, struct cn_err *err);
/* Opens file i as CSV. Refuses a file over the limit's max_bytes before reading it.
 * One file at a time: opening another, or bundle_close(), ends the previous reader's
 * input; the caller still frees the reader with csvread_close(). */
int bundle_csv(struct bundle *b, size_t i, const struct csvread_limits *lim,
	       struct csvread **out, struct cn_err *err);

#endif
