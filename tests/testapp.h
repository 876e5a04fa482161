/* testapp: helpers shared by tests of the app layer and of the format writers: records
 * made from key/value lists, pages counted in a PDF, entries read from a ZIP (XLSX) in
 * memory. Header-only, like testlib.h. */
#ifndef CN_TESTAPP_H
#define CN_TESTAPP_H
#include <zip.h>

#include "app/org/person.h"
#include "app/record.h"
#include "core/buf.h"
#include "testlib.h"

/* Creates a record of e from {"field", "value", ..., NULL}; fails the test on error. */
static inline int64_t testapp_make(struct testdb *t, struct arena *a, const struct rec_entity *e,
				   const char *const *kv)
{
	struct cn_err err = {0};
	struct rec *r = rec_new(a, e);
	for (size_t i = 0; kv[i] != NULL; i += 2)
		if (rec_set_text(r, a, kv[i], kv[i + 1], &err))
			fail_msg("%s.%s: %s", e->name, kv[i], err.msg);
	if (rec_create(t->db, &t->who, a, r, &err))
		fail_msg("create %s: %s: %s", e->name, err.field, err.msg);
	return r->id;
}

/* Creates a person (Ada Byron, of email) who signs in with password; returns their id
 * or fails the test. */
static inline int64_t testapp_person(struct testdb *t, struct arena *a, const char *email,
				     const char *password)
{
	struct cn_err err = {0};
	struct rec *r = rec_new(a, &person_entity);
	if (rec_set_text(r, a, "given_name", "Ada", &err) ||
	    rec_set_text(r, a, "family_name", "Byron", &err) ||
	    rec_set_text(r, a, "email", email, &err) || rec_create(t->db, &t->who, a, r, &err) ||
	    person_set_password(t->db, &t->who, r->id, password, &err))
		fail_msg("%s", err.msg);
	return r->id;
}

/* Page objects in a PDF ("/Type /Page", not the "/Type /Pages" tree). */
static inline int testapp_pdf_pages(const struct buf *b)
{
	int n = 0;
	const char *p = b->data, *end = b->data + b->len;
	while ((p = memmem(p, (size_t)(end - p), "/Type /Page", 11)) != NULL) {
		p += 11;
		if (p < end && *p != 's')
			n++;
	}
	return n;
}

/* The named entry of a ZIP archive in memory as text (the caller frees it); NULL if
 * the archive has no such entry. */
static inline char *testapp_zip_entry(const struct buf *b, const char *name)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(b->data, b->len, 0, &ze);
	assert_non_null(src);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(z);
	zip_stat_t st;
	char *out = NULL;
	if (zip_stat(z, name, 0, &st) == 0) {
		zip_file_t *f = zip_fopen(z, name, 0);
		out = calloc(1, st.size + 1);
		assert_int_equal(zip_fread(f, out, st.size), (zip_int64_t)st.size);
		zip_fclose(f);
	}
	zip_close(z);
	zip_error_fini(&ze);
	return out;
}

#endif
