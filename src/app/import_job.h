/* import_job: a roster (OneRoster) or standards (CASE) import started from a page and
 * run in the background, so that a large file does not hold a request open and its
 * progress can be shown. Each job is recorded when it starts and when it ends
 * (table import_job), so any server process can show how it ended; its progress while
 * it runs is known to the process that runs it. A process runs one import at a time:
 * imports are each one transaction, and a second would only wait for the first. */
#ifndef CN_IMPORT_JOB_H
#define CN_IMPORT_JOB_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

struct store;

enum import_job_kind { IMPORT_JOB_ONEROSTER, IMPORT_JOB_CASE, IMPORT_JOB_KIND_COUNT };

/* "oneroster", "case". */
extern const char *const import_job_kind_names[IMPORT_JOB_KIND_COUNT];

struct import_job_request {
	enum import_job_kind kind;
	const char *db_url;   /* the job opens its own connection to it */
	int64_t person_id;    /* who starts it: the import acts as this person */
	const char *filename; /* as uploaded; names the file in errors */
	const char *data;     /* the file's bytes (copied) */
	size_t len;
	int dry_run;	   /* check and count, write nothing */
	int64_t parent_id; /* OneRoster: parent of the bundle's top organizations, or 0 */
	int strict;	   /* OneRoster: refuse references that do not resolve */
};

/* Records the job as running and starts it on a thread of its own. *id gets the job's
 * id. CN_ERR_CONFLICT when this process runs an import already (the message says
 * which and since when). The request's memory may be freed on return. */
int import_job_start(struct store *db, const struct import_job_request *rq, int64_t *id,
		     struct cn_err *err);

/* Waits until job id, if this process runs it, ends or ms milliseconds pass: 1 when it
 * has ended (or runs elsewhere), 0 when it still runs. */
int import_job_wait(int64_t id, int ms);

/* Waits for this process's running import, if any, to end. Called when a server
 * stops, so that no import is cut short by the process exiting. */
void import_job_drain(void);

struct import_job {
	int64_t id;
	enum import_job_kind kind;
	const char *filename;
	int dry_run;
	int64_t person_id;
	const char *person;	/* "Given Family" */
	const char *status;	/* "running", "done", "failed" */
	const char *result;	/* when done: the summary as JSON (roster_summary_json or
				 * standards_import_result_json) */
	const char *error;	/* when failed: what was wrong, with file, line, column */
	const char *started_at; /* UTC */
	const char *finished_at;
	/* While it runs in this process: */
	int tracked;
	const char *phase; /* "reading the file", "writing records" */
	size_t done, total;
};

/* Job id, in a. CN_ERR_NOT_FOUND if there is none. */
int import_job_get(struct store *db, struct arena *a, int64_t id, struct import_job *out,
		   struct cn_err *err);
/* The newest limit jobs, newest first, in a. */
int import_job_recent(struct store *db, struct arena *a, size_t limit, struct import_job **out,
		      size_t *count, struct cn_err *err);

#endif
