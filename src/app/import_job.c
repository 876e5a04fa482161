/* import_job: background imports with progress (import_job.h). */
#include "app/import_job.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/actor.h"
#include "app/org/roster.h"
#include "app/standards/standards.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/mem.h"
#include "core/timeutil.h"
#include "io/oneroster.h"
#include "store/store.h"

const char *const import_job_kind_names[IMPORT_JOB_KIND_COUNT] = {"oneroster", "case"};

#define IMPORT_JOB_COLS                                                                            \
	"SELECT j.id, j.kind, j.filename, j.dry_run, j.person_id,"                                 \
	" p.given_name || ' ' || p.family_name, j.status, j.result, j.error, j.started_at,"        \
	" j.finished_at FROM import_job j JOIN person p ON p.id = j.person_id"

static const char SQL_ADD[] =
	"INSERT INTO import_job (kind, filename, dry_run, person_id, status, started_at)"
	" VALUES (?1, ?2, ?3, ?4, 'running', ?5) RETURNING id";
static const char SQL_END[] = "UPDATE import_job SET status = ?1, result = ?2, error = ?3,"
			      " finished_at = ?4 WHERE id = ?5";
static const char SQL_GET[] = IMPORT_JOB_COLS " WHERE j.id = ?1";
static const char SQL_RECENT[] = IMPORT_JOB_COLS " ORDER BY j.id DESC LIMIT ?1";

/* What the running job's thread owns: freed by the thread when it ends. */
struct import_job_work {
	int64_t id;
	enum import_job_kind kind;
	char *db_url, *filename, *data, *label;
	size_t len;
	int dry_run;
	int64_t person_id, parent_id;
	int strict;
};

/* This process's running import. Guarded by mu; ended is signalled when it ends. */
static struct {
	pthread_mutex_t mu;
	pthread_cond_t ended;
	int busy;     /* a job runs */
	int joinable; /* thread has been started and not joined */
	pthread_t thread;
	int64_t id;
	const char *filename; /* the work's copy: valid while busy */
	char started_at[TIME_ISO_LEN];
	const char *phase;
	size_t done, total;
} import_job_now = {.mu = PTHREAD_MUTEX_INITIALIZER, .ended = PTHREAD_COND_INITIALIZER};

static void import_job_phase(const char *phase, size_t done, size_t total)
{
	pthread_mutex_lock(&import_job_now.mu);
	import_job_now.phase = phase;
	import_job_now.done = done;
	import_job_now.total = total;
	pthread_mutex_unlock(&import_job_now.mu);
}

static void import_job_progress(void *ctx, size_t done, size_t total)
{
	import_job_phase(ctx, done, total);
}

/* Writes the bundle to a private temporary file, which oneroster_read takes; its path
 * into path. */
static int import_job_temp_file(const char *data, size_t len, char *path, size_t size,
				struct cn_err *err)
{
	const char *dir = getenv("TMPDIR");
	dir = dir && dir[0] ? dir : "/tmp";
	snprintf(path, size, "%s/capnet-upload-XXXXXX.zip", dir);
	int fd = mkstemps(path, 4); /* mode 0600 */
	if (fd < 0)
		return cn_err_set(err, CN_ERR_INTERNAL, "cannot make a temporary file in %s: %s",
				  dir, strerror(errno));
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = errno;
			close(fd);
			unlink(path);
			return cn_err_set(err, CN_ERR_INTERNAL, "cannot write the upload to %s: %s",
					  path, strerror(e));
		}
		done += (size_t)n;
	}
	if (close(fd) != 0) {
		unlink(path);
		return cn_err_set(err, CN_ERR_INTERNAL, "cannot write the upload to %s", path);
	}
	return 0;
}

static int import_job_roster(struct store *db, const struct actor *who, struct arena *a,
			     const struct import_job_work *w, struct buf *result,
			     struct cn_err *err)
{
	char path[4096];
	import_job_phase("reading the file", 0, 0);
	if (import_job_temp_file(w->data, w->len, path, sizeof(path), err))
		return -1;
	struct oneroster_opts ro = {.mode = OR_MODE_ABSENT, .keep_roles = roster_keep_roles()};
	struct oneroster in;
	int rc = oneroster_read(path, a, &ro, &in, err);
	unlink(path);
	if (rc)
		return -1;
	struct roster_opts o = {.dry_run = w->dry_run,
				.parent_id = w->parent_id,
				.strict = w->strict,
				.progress = import_job_progress,
				.progress_ctx = (void *)"writing records"};
	struct roster_summary s;
	import_job_phase("writing records", 0, 0);
	if (roster_import(db, who, a, &in, &o, &s, err))
		return -1;
	struct jw jw;
	jw_init(&jw, result);
	roster_summary_json(&jw, &in, &s);
	return 0;
}

static int import_job_case(struct store *db, const struct actor *who, struct arena *a,
			   const struct import_job_work *w, struct buf *result, struct cn_err *err)
{
	struct standards_import_opts o = {.dry_run = w->dry_run,
					  .progress = import_job_progress,
					  .progress_ctx = (void *)"writing standards"};
	struct standards_import_result r;
	import_job_phase("reading the file", 0, 0);
	if (standards_import_bytes(db, who, a, w->data, w->len, w->filename, &o, &r, err))
		return -1;
	struct jw jw;
	jw_init(&jw, result);
	standards_import_result_json(&jw, &r);
	return 0;
}

/* Records how job id ended: its summary, or why it failed. */
static int import_job_end(struct store *db, int64_t id, const char *result, const char *error,
			  struct cn_err *err)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct store_stmt *q = store_prepare(db, SQL_END, err);
	if (q == NULL)
		return -1;
	store_bind_text(q, 1, error ? "failed" : "done");
	store_bind_text(q, 2, result);
	store_bind_text(q, 3, error);
	store_bind_text(q, 4, now);
	store_bind_int(q, 5, id);
	int rc = store_step(q, err);
	store_done(q);
	return rc < 0 ? -1 : 0;
}

static void *import_job_run(void *arg)
{
	struct import_job_work *w = arg;
	struct arena *a = arena_new();
	struct buf result = BUF_INIT;
	struct cn_err err = {0};
	struct store *db = NULL;
	struct actor who = {.person_id = w->person_id, .label = w->label};
	int rc = store_open(w->db_url, &db, &err);
	if (rc == 0)
		rc = w->kind == IMPORT_JOB_ONEROSTER
			 ? import_job_roster(db, &who, a, w, &result, &err)
			 : import_job_case(db, &who, a, w, &result, &err);
	char why[800];
	if (rc) {
		cn_err_format(&err, why, sizeof(why));
		if (err.kind == CN_ERR_INTERNAL || err.kind == CN_ERR_UNAVAILABLE)
			fprintf(stderr, "capnet: import %lld of %s failed: %s\n", (long long)w->id,
				w->filename, why);
	}
	/* The end is recorded even when the import failed for the database's sake: a
	 * connection lost for a moment is made again by the store. */
	struct cn_err end_err = {0};
	if (db == NULL ||
	    import_job_end(db, w->id, rc ? NULL : buf_str(&result), rc ? why : NULL, &end_err))
		fprintf(stderr, "capnet: import %lld of %s: cannot record how it ended: %s\n",
			(long long)w->id, w->filename, db ? end_err.msg : err.msg);
	if (db != NULL)
		store_close(db);
	buf_free(&result);
	arena_free(a);
	pthread_mutex_lock(&import_job_now.mu);
	import_job_now.busy = 0;
	import_job_now.filename = NULL;
	pthread_cond_broadcast(&import_job_now.ended);
	pthread_mutex_unlock(&import_job_now.mu);
	free(w->db_url);
	free(w->filename);
	free(w->data);
	free(w->label);
	free(w);
	return NULL;
}

/* Joins the thread of an import that has ended. Called with mu held. */
static void import_job_reap(void)
{
	if (import_job_now.joinable && !import_job_now.busy) {
		pthread_join(import_job_now.thread, NULL);
		import_job_now.joinable = 0;
	}
}

int import_job_start(struct store *db, const struct import_job_request *rq, int64_t *id,
		     struct cn_err *err)
{
	pthread_mutex_lock(&import_job_now.mu);
	import_job_reap();
	if (import_job_now.busy) {
		cn_err_set(err, CN_ERR_CONFLICT,
			   "another import is running (%s, started %s); wait for it to end, "
			   "then upload again",
			   import_job_now.filename, import_job_now.started_at);
		pthread_mutex_unlock(&import_job_now.mu);
		return -1;
	}
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct store_stmt *q = store_prepare(db, SQL_ADD, err);
	int rc = q == NULL ? -1 : 0;
	if (q != NULL) {
		store_bind_text(q, 1, import_job_kind_names[rq->kind]);
		store_bind_text(q, 2, rq->filename);
		store_bind_int(q, 3, rq->dry_run != 0);
		store_bind_int(q, 4, rq->person_id);
		store_bind_text(q, 5, now);
		rc = store_step(q, err) == 1 ? 0 : -1;
		if (rc == 0)
			*id = store_col_int(q, 0);
		store_done(q);
	}
	if (rc) {
		pthread_mutex_unlock(&import_job_now.mu);
		return -1;
	}
	struct import_job_work *w = xcalloc(1, sizeof(*w));
	w->id = *id;
	w->kind = rq->kind;
	w->db_url = xstrdup(rq->db_url);
	w->filename = xstrdup(rq->filename);
	w->data = xmalloc(rq->len + 1);
	memcpy(w->data, rq->data, rq->len);
	w->data[rq->len] = '\0';
	w->len = rq->len;
	w->dry_run = rq->dry_run;
	w->person_id = rq->person_id;
	w->parent_id = rq->parent_id;
	w->strict = rq->strict;
	char label[40];
	snprintf(label, sizeof(label), "person:%lld", (long long)rq->person_id);
	w->label = xstrdup(label);

	import_job_now.busy = 1;
	import_job_now.id = *id;
	import_job_now.filename = w->filename;
	snprintf(import_job_now.started_at, sizeof(import_job_now.started_at), "%s", now);
	import_job_now.phase = "waiting to start";
	import_job_now.done = import_job_now.total = 0;
	int e = pthread_create(&import_job_now.thread, NULL, import_job_run, w);
	if (e != 0) {
		import_job_now.busy = 0;
		pthread_mutex_unlock(&import_job_now.mu);
		struct cn_err ignored = {0};
		import_job_end(db, *id, NULL, "the server could not start the import", &ignored);
		free(w->db_url);
		free(w->filename);
		free(w->data);
		free(w->label);
		free(w);
		return cn_err_set(err, CN_ERR_UNAVAILABLE,
				  "the server cannot start the import now (%s); try again",
				  strerror(e));
	}
	import_job_now.joinable = 1;
	pthread_mutex_unlock(&import_job_now.mu);
	return 0;
}

int import_job_wait(int64_t id, int ms)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&import_job_now.mu);
	int rc = 0;
	while (import_job_now.busy && import_job_now.id == id && rc == 0)
		rc = pthread_cond_timedwait(&import_job_now.ended, &import_job_now.mu, &until);
	int ended = !(import_job_now.busy && import_job_now.id == id);
	pthread_mutex_unlock(&import_job_now.mu);
	return ended;
}

void import_job_drain(void)
{
	pthread_mutex_lock(&import_job_now.mu);
	while (import_job_now.busy)
		pthread_cond_wait(&import_job_now.ended, &import_job_now.mu);
	import_job_reap();
	pthread_mutex_unlock(&import_job_now.mu);
}

static void import_job_row(struct store_stmt *q, struct arena *a, struct import_job *j)
{
	memset(j, 0, sizeof(*j));
	j->id = store_col_int(q, 0);
	const char *kind = store_col_dup(q, 1, a);
	j->kind = kind && strcmp(kind, "case") == 0 ? IMPORT_JOB_CASE : IMPORT_JOB_ONEROSTER;
	j->filename = store_col_dup(q, 2, a);
	j->dry_run = store_col_int(q, 3) != 0;
	j->person_id = store_col_int(q, 4);
	j->person = store_col_dup(q, 5, a);
	j->status = store_col_dup(q, 6, a);
	j->result = store_col_dup(q, 7, a);
	j->error = store_col_dup(q, 8, a);
	j->started_at = store_col_dup(q, 9, a);
	j->finished_at = store_col_dup(q, 10, a);
	if (strcmp(j->status, "running") != 0)
		return;
	pthread_mutex_lock(&import_job_now.mu);
	if (import_job_now.busy && import_job_now.id == j->id) {
		j->tracked = 1;
		j->phase = import_job_now.phase;
		j->done = import_job_now.done;
		j->total = import_job_now.total;
	}
	pthread_mutex_unlock(&import_job_now.mu);
}

int import_job_get(struct store *db, struct arena *a, int64_t id, struct import_job *out,
		   struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_GET, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, id);
	int rc = store_step(q, err);
	if (rc == 1)
		import_job_row(q, a, out);
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no import with id %lld",
				  (long long)id);
	return rc < 0 ? -1 : 0;
}

int import_job_recent(struct store *db, struct arena *a, size_t limit, struct import_job **out,
		      size_t *count, struct cn_err *err)
{
	size_t cap = 0;
	*out = NULL;
	*count = 0;
	struct store_stmt *q = store_prepare(db, SQL_RECENT, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, (int64_t)limit);
	int rc;
	while ((rc = store_step(q, err)) == 1) {
		*out = arena_grow(a, *out, sizeof(**out), *count, &cap);
		import_job_row(q, a, &(*out)[(*count)++]);
	}
	store_done(q);
	return rc < 0 ? -1 : 0;
}
