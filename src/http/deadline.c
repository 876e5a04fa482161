/* deadline: the watch over request heads and bodies (see deadline.h). Connections are
 * in a list under one mutex, taken only when a connection opens or closes and by the
 * watch thread once a second; the per-request mark is one atomic, so serving a request
 * never waits on the lock. The watch shuts an overdue socket down while holding the lock,
 * and a closing connection is only forgotten under it, so the socket is still the
 * connection's own (not yet closed and reused) when it is shut. Shedding for a new
 * connection shuts a socket down the same way, under the lock. */
#include "http/deadline.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "core/mem.h"

/* What a connection waits for, kept with the time it began in one atomic mark:
 * (monotonic seconds << 2) | phase, or 0 while a whole request is being handled. */
enum { DEADLINE_HEAD = 1, DEADLINE_BODY = 2 };

struct deadline_conn {
	struct deadline_conn *prev, *next;
	int fd;
	atomic_llong mark;
	int cut;
};

struct deadline {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	unsigned head_seconds, body_seconds;
	int stopping;
	struct deadline_conn *head;
	unsigned live; /* connections in the list not cut */
};

static long long deadline_mark(int phase)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return ((long long)t.tv_sec << 2) | phase;
}

/* Shuts c's socket down; its server notices and closes it. Under d->lock. */
static void deadline_cut(struct deadline *d, struct deadline_conn *c)
{
	shutdown(c->fd, SHUT_RDWR);
	c->cut = 1;
	d->live--;
}

static void *deadline_watch(void *arg)
{
	struct deadline *d = arg;
	pthread_mutex_lock(&d->lock);
	while (!d->stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&d->wake, &d->lock, &until);
		long long now = deadline_mark(0) >> 2;
		for (struct deadline_conn *c = d->head; c != NULL; c = c->next) {
			long long mark = atomic_load(&c->mark);
			unsigned allowed = (mark & 3) == DEADLINE_HEAD ? d->head_seconds
								       : d->body_seconds;
			if (!c->cut && mark != 0 && now - (mark >> 2) >= (long long)allowed)
				deadline_cut(d, c);
		}
	}
	pthread_mutex_unlock(&d->lock);
	return NULL;
}

struct deadline *deadline_start(unsigned head_seconds, unsigned body_seconds)
{
	struct deadline *d = xcalloc(1, sizeof(*d));
	pthread_mutex_init(&d->lock, NULL);
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_cond_init(&d->wake, &attr);
	pthread_condattr_destroy(&attr);
	d->head_seconds = head_seconds > 0 ? head_seconds : 1;
	d->body_seconds = body_seconds > 0 ? body_seconds : 1;
	if (pthread_create(&d->thread, NULL, deadline_watch, d) != 0)
		abort(); /* no thread at start-up: nothing sensible to serve with */
	return d;
}

void deadline_stop(struct deadline *d)
{
	if (d == NULL)
		return;
	pthread_mutex_lock(&d->lock);
	d->stopping = 1;
	pthread_cond_signal(&d->wake);
	pthread_mutex_unlock(&d->lock);
	pthread_join(d->thread, NULL);
	while (d->head != NULL) {
		struct deadline_conn *c = d->head;
		d->head = c->next;
		free(c);
	}
	pthread_cond_destroy(&d->wake);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

int deadline_admit(struct deadline *d, unsigned limit)
{
	pthread_mutex_lock(&d->lock);
	int room = d->live < limit;
	if (!room) {
		/* Waiting for a head before sending a body, then the longest wait first:
		 * the marks order so with the phase in the low bits flipped. */
		struct deadline_conn *oldest = NULL;
		long long oldest_key = 0;
		for (struct deadline_conn *c = d->head; c != NULL; c = c->next) {
			long long mark = atomic_load(&c->mark);
			long long key = ((mark & 3) == DEADLINE_HEAD ? 0 : 1ll << 62) | (mark >> 2);
			if (!c->cut && mark != 0 && (oldest == NULL || key <= oldest_key)) {
				oldest = c;
				oldest_key = key;
			}
		}
		if (oldest != NULL) {
			deadline_cut(d, oldest);
			room = 1;
		}
	}
	pthread_mutex_unlock(&d->lock);
	return room;
}

struct deadline_conn *deadline_opened(struct deadline *d, int fd)
{
	struct deadline_conn *c = xcalloc(1, sizeof(*c));
	c->fd = fd;
	atomic_init(&c->mark, deadline_mark(DEADLINE_HEAD));
	pthread_mutex_lock(&d->lock);
	c->next = d->head;
	if (d->head != NULL)
		d->head->prev = c;
	d->head = c;
	d->live++;
	pthread_mutex_unlock(&d->lock);
	return c;
}

void deadline_head_done(struct deadline_conn *c)
{
	if (c != NULL)
		atomic_store(&c->mark, deadline_mark(DEADLINE_BODY));
}

void deadline_body_done(struct deadline_conn *c)
{
	if (c != NULL)
		atomic_store(&c->mark, 0);
}

void deadline_request_done(struct deadline_conn *c)
{
	if (c != NULL)
		atomic_store(&c->mark, deadline_mark(DEADLINE_HEAD));
}

void deadline_closed(struct deadline *d, struct deadline_conn *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&d->lock);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		d->head = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	if (!c->cut)
		d->live--;
	pthread_mutex_unlock(&d->lock);
	free(c);
}
