/* bundle: a folder read with opendir/stdio, or an archive read with libzip. */
#include "io/bundle.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>

#include "core/mem.h"

enum { BUNDLE_MAX_FILES = 1000 };

struct bundle_file {
	char *name;
	char *path; /* folder: the full path; archive: the entry's name */
	uint64_t size;
	zip_uint64_t index;
};

struct bundle {
	char *path;
	zip_t *zip;
	struct bundle_file *files;
	size_t count;
	FILE *open_file; /* the file being read, folder case */
	zip_file_t *open_entry; /* archive case */
	const char *open_name;
};

static void bundle_add(struct bundle *b, const char *name, const char *path, uint64_t size,
		       zip_uint64_t index)
{
	b->files = xrealloc(b->files, (b->count + 1) * sizeof(*b->files));
	b->files[b->count++] = (struct bundle_file){xstrdup(name), xstrdup(path), size, index};
}

static int bundle_read_dir(struct bundle *b, struct cn_err *err)
{
	DIR *d = opendir(b->path);
	if (d == NULL)
		return cn_err_set(err, CN_ERR_INPUT, "cannot read the folder %s: %s", b->path,
				  strerror(errno));
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", b->path, e->d_name);
		struct stat st;
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (b->count == BUNDLE_MAX_FILES) {
			closedir(d);
			return cn_err_set(err, CN_ERR_TOO_LARGE,
					  "the folder %s holds more than %d files; is it the "
					  "right folder?",
					  b->path, BUNDLE_MAX_FILES);
		}
		bundle_add(b, e->d_name, path, (uint64_t)st.st_size, 0);
	}
	closedir(d);
	return 0;
}

static int bundle_zip_fail(struct cn_err *err, const char *path, zip_error_t *ze)
{
	cn_err_set(err, CN_ERR_INPUT, "%s is not a readable zip archive: %s", path,
		   zip_error_strerror(ze));
	zip_error_fini(ze);
	return -1;
}

static int bundle_read_zip(struct bundle *b, struct cn_err *err)
{
	int code = 0;
	b->zip = zip_open(b->path, ZIP_RDONLY, &code);
	if (b->zip == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, code);
		return bundle_zip_fail(err, b->path, &ze);
	}
	zip_int64_t n = zip_get_num_entries(b->zip, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		if (zip_stat_index(b->zip, (zip_uint64_t)i, 0, &st) != 0 ||
		    !(st.valid & ZIP_STAT_NAME))
			continue;
		const char *full = st.name;
		size_t len = strlen(full);
		if (len == 0 || full[len - 1] == '/' || strncmp(full, "__MACOSX/", 9) == 0)
			continue;
		const char *base = strrchr(full, '/');
		base = base ? base + 1 : full;
		if (base[0] == '.')
			continue;
		if (b->count == BUNDLE_MAX_FILES)
			return cn_err_set(err, CN_ERR_TOO_LARGE,
					  "the archive %s holds more than %d files", b->path,
					  BUNDLE_MAX_FILES);
		for (size_t k = 0; k < b->count; k++)
			if (strcasecmp(b->files[k].name, base) == 0)
				return cn_err_set(err, CN_ERR_INPUT,
						  "the archive %s holds %s twice (%s and %s); "
						  "keep one",
						  b->path, base, b->files[k].path, full);
		bundle_add(b, base, full, (st.valid & ZIP_STAT_SIZE) ? st.size : 0,
			   (zip_uint64_t)i);
	}
	return 0;
}

int bundle_open(const char *path, struct bundle **out, struct cn_err *err)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return cn_err_set(err, CN_ERR_INPUT, "%s: %s", path, strerror(errno));
	struct bundle *b = xcalloc(1, sizeof(*b));
	b->path = xstrdup(path);
	int rc;
	if (S_ISDIR(st.st_mode))
		rc = bundle_read_dir(b, err);
	else if (S_ISREG(st.st_mode))
		rc = bundle_read_zip(b, err);
	else
		rc = cn_err_set(err, CN_ERR_INPUT, "%s is neither a folder nor a zip archive",
				path);
	if (rc != 0) {
		bundle_close(b);
		return -1;
	}
	*out = b;
	return 0;
}

static void bundle_end_read(struct bundle *b)
{
	if (b->open_file != NULL)
		fclose(b->open_file);
	if (b->open_entry != NULL)
		zip_fclose(b->open_entry);
	b->open_file = NULL;
	b->open_entry = NULL;
}

void bundle_close(struct bundle *b)
{
	if (b == NULL)
		return;
	bundle_end_read(b);
	if (b->zip != NULL)
		zip_discard(b->zip);
	for (size_t i = 0; i < b->count; i++) {
		free(b->files[i].name);
		free(b->files[i].path);
	}
	free(b->files);
	free(b->path);
	free(b);
}

const char *bundle_kind(const struct bundle *b)
{
	return b->zip ? "zip archive" : "folder";
}

size_t bundle_count(const struct bundle *b)
{
	return b->count;
}

const char *bundle_name(const struct bundle *b, size_t i)
{
	return b->files[i].name;
}

uint64_t bundle_size(const struct bundle *b, size_t i)
{
	return b->files[i].size;
}

int bundle_find(const struct bundle *b, const char *name)
{
	for (size_t i = 0; i < b->count; i++)
		if (strcasecmp(b->files[i].name, name) == 0)
			return (int)i;
	return -1;
}

static long bundle_source(void *ctx, char *buf, size_t n, struct cn_err *err)
{
	struct bundle *b = ctx;
	if (b->open_file != NULL) {
		size_t got = fread(buf, 1, n, b->open_file);
		if (got < n && ferror(b->open_file))
			return cn_err_set(err, CN_ERR_INPUT, "cannot read %s: %s", b->open_name,
					  strerror(errno));
		return (long)got;
	}
	if (b->open_entry == NULL)
		return 0;
	zip_int64_t got = zip_fread(b->open_entry, buf, n);
	if (got < 0)
		return cn_err_set(err, CN_ERR_INPUT, "cannot unpack %s from the archive: %s",
				  b->open_name, zip_file_strerror(b->open_entry));
	return (long)got;
}

int bundle_check_size(const struct bundle *b, size_t i, size_t max, struct cn_err *err)
{
	const struct bundle_file *f = &b->files[i];
	if (max == 0)
		max = CSVREAD_MAX_BYTES;
	if (f->size <= max)
		return 0;
	if (max >= 1024 * 1024)
		return cn_err_set(err, CN_ERR_TOO_LARGE,
				  "%s is %llu MB; at most %zu MB are read from one file", f->name,
				  (unsigned long long)(f->size >> 20), max >> 20);
	return cn_err_set(err, CN_ERR_TOO_LARGE,
			  "%s is %llu bytes; at most %zu bytes are read from one file", f->name,
			  (unsigned long long)f->size, max);
}

int bundle_csv(struct bundle *b, size_t i, const struct csvread_limits *lim,
	       struct csvread **out, struct cn_err *err)
{
	const struct bundle_file *f = &b->files[i];
	if (bundle_check_size(b, i, lim ? lim->max_bytes : 0, err))
		return -1;
	bundle_end_read(b);
	if (b->zip != NULL) {
		b->open_entry = zip_fopen_index(b->zip, f->index, 0);
		if (b->open_entry == NULL)
			return cn_err_set(err, CN_ERR_INPUT, "cannot unpack %s from %s: %s",
					  f->name, b->path, zip_strerror(b->zip));
	} else {
		b->open_file = fopen(f->path, "rb");
		if (b->open_file == NULL)
			return cn_err_set(err, CN_ERR_INPUT, "cannot open %s: %s", f->path,
					  strerror(errno));
	}
	b->open_name = f->name;
	*out = csvread_new(f->name, bundle_source, b, lim);
	return 0;
}
