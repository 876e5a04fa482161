/* Fuzz target: bytes as one OneRoster data file through the CSV reader and the row
 * checks. The first byte picks the file (orgs.csv, users.csv, academicSessions.csv);
 * the rest is the file. Small limits so that the limit paths are reached too. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "io/csvread.h"
#include "io/oneroster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	enum oneroster_file f = (enum oneroster_file)(data[0] % OR_FILE_COUNT);
	const char *text = (const char *)data + 1;
	size_t n = size - 1;
	struct oneroster_opts o = {
		.mode = (data[0] & 0x10) ? OR_MODE_DELTA : OR_MODE_BULK,
		.keep_roles = (data[0] & 0x20) ? ~0u : (1u << OR_ROLE_TEACHER),
		.limits = {.max_field = 512, .max_fields = 64, .max_bytes = 1 << 20},
	};
	struct arena *a = arena_new();
	struct oneroster out;
	memset(&out, 0, sizeof(out));
	struct cn_err err = {0};
	oneroster_read_csv(f, text, n, a, &o, &out, &err);
	arena_free(a);

	/* The reader alone, record by record, without a header. */
	struct csvread *r = csvread_new_mem("fuzz.csv", text, n, &o.limits);
	struct csvread_record rec;
	while (csvread_next(r, &rec, &err) == 1)
		for (size_t i = 0; i < rec.count; i++)
			if (strlen(rec.field[i]) != rec.len[i])
				__builtin_trap();
	csvread_close(r);
	return 0;
}
