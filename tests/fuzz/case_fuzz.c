/* case_fuzz: libFuzzer target for the CASE package reader and, for what it accepts,
 * the import's hierarchy resolution and writing (as a dry run into an in-memory
 * database, so that every input meets the same empty database). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "app/standards/standards.h"
#include "io/case.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *fuzz_db(void)
{
	static struct store *db;
	if (db == NULL) {
		struct cn_err err = {0};
		if (store_open("sqlite::memory:", &db, &err) || store_migrate(db, NULL, &err))
			abort();
	}
	return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct case_package pkg;
	struct cn_err err = {0};
	if (case_read(a, (const char *)data, size, "fuzz.json", &pkg, &err) == 0) {
		struct actor who = actor_system("fuzz");
		struct standards_import_opts opts = {.dry_run = 1};
		struct standards_import_result r;
		standards_import(fuzz_db(), &who, a, &pkg, &opts, &r, &err);
	} else if (err.msg[0] == '\0') {
		abort(); /* every refusal says why */
	}
	arena_free(a);
	return 0;
}
