/* deadline: the watch over request heads (see deadline.h). Connections are in a list
 * under one mutex, taken only when a connection opens or closes and by the watch
 * thread once a second; the per-request marks are atomics, so serving a request never
 * waits on the lock. The watch shuts an overdue socket down while holding the lock,
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

struct deadline_conn {
	struct deadline_conn *prev, *next;
	int fd;
	atomic_llong waiting_since; /* monotonic seconds; 0 while a request is being served */
	int cut;
};

struct deadline {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	unsigned seconds;
	int stopping;
	struct deadline_conn *head;
	unsigned live; /* connections in the list not cut */
};

static long long deadline_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec + 1; /* never 0, which means "serving" */
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
		long long now = deadline_now();
		for (struct deadline_conn *c = d->head; c != NULL; c = c->next) {
			long long since = atomic_load(&c->waiting_since);
			if (!c->cut && since != 0 && now - since >= (long long)d->seconds)
				deadline_cut(d, c);
		}
	}
	pthread_mutex_unlock(&d->lock);
	return NULL;
}

struct deadline *deadline_start(unsigned seconds)
{
	struct deadline *d = xcalloc(1, sizeof(*d));
	pthread_mutex_init(&d->lock, NULL);
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_cond_init(&d->wake, &attr);
	pthread_condattr_destroy(&attr);
	d->seconds = seconds > 0 ? seconds : 1;
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
		struct deadline_conn *oldest = NULL;
		long long oldest_since = 0;
		for (struct deadline_conn *c = d->head; c != NULL; c = c->next) {
			long long since = atomic_load(&c->waiting_since);
			if (!c->cut && since != 0 && (oldest == NULL || since <= oldest_since)) {
				oldest = c;
				oldest_since = since;
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
	atomic_init(&c->waiting_since, deadline_now());
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
		atomic_store(&c->waiting_since, 0);
}

void deadline_request_done(struct deadline_conn *c)
{
	if (c != NULL)
		atomic_store(&c->waiting_since, deadline_now());
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
