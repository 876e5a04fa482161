/* deadline: cuts off a client that does not finish sending a request head in time,
 * and makes room for new connections at the connection limit. libmicrohttpd's own
 * timeout only counts idle seconds, so a client trickling one byte at a time
 * (slowloris) would hold its connection for as long as it likes; a watch thread shuts
 * such a connection's socket down once its head is overdue. And libmicrohttpd, once at
 * its connection limit, stops accepting altogether: every new client then waits in the
 * kernel's backlog until an idle connection times out. So the limit is kept here
 * instead: a new connection past it sheds the connection that has waited longest for
 * a request head, and only when every connection has a request in flight is the new
 * one refused. */
#ifndef CN_DEADLINE_H
#define CN_DEADLINE_H

struct deadline;
struct deadline_conn;

/* Starts the watch thread: a connection whose request head is not complete `seconds`
 * after it opened (or after its previous request ended) is cut. Free with
 * deadline_stop. */
struct deadline *deadline_start(unsigned seconds);
/* Stops the watch thread and frees d; every connection must be closed by then. */
void deadline_stop(struct deadline *d);

/* Whether a connection about to open may: 1 if fewer than limit are open (those cut
 * but not yet closed do not count), or once the open connection that has waited
 * longest for a request head (none in flight) is cut to make room; 0 when all limit
 * connections have a request in flight. Connections admitted at once by several
 * threads may pass limit by one per thread until deadline_opened. */
int deadline_admit(struct deadline *d, unsigned limit);

/* A new connection on socket fd: watched from now. The returned handle belongs to d;
 * it stays valid until deadline_closed. */
struct deadline_conn *deadline_opened(struct deadline *d, int fd);
/* The connection's request head has arrived: no longer overdue. */
void deadline_head_done(struct deadline_conn *c);
/* The connection's request ended; the next head is awaited from now. */
void deadline_request_done(struct deadline_conn *c);
/* The connection is closing (its socket still open): forget it and free c. */
void deadline_closed(struct deadline *d, struct deadline_conn *c);

#endif
