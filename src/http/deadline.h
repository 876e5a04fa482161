/* deadline: cuts off a client that does not finish sending a request head, or then
 * its body, in time, and makes room for new connections at the connection limit.
 * libmicrohttpd's own timeout only counts idle seconds, so a client trickling one byte
 * at a time (slowloris, or its slow-body variant) would hold its connection for as long
 * as it likes; a watch thread shuts such a connection's socket down once its head or
 * its body is overdue. And libmicrohttpd, once at its connection limit, stops accepting
 * altogether: every new client then waits in the kernel's backlog until an idle
 * connection times out. So the limit is kept here instead: a new connection past it
 * sheds the connection that has waited longest for a request head, or else the one
 * that has been sending its body longest; only when every connection has a whole
 * request being handled is the new one refused. A request received in full is never
 * cut. */
#ifndef CN_DEADLINE_H
#define CN_DEADLINE_H

struct deadline;
struct deadline_conn;

/* Starts the watch thread: a connection whose request head is not complete
 * head_seconds after it opened (or after its previous request ended), or whose body is
 * not complete body_seconds after its head, is cut. Free with deadline_stop. */
struct deadline *deadline_start(unsigned head_seconds, unsigned body_seconds);
/* Stops the watch thread and frees d; every connection must be closed by then. */
void deadline_stop(struct deadline *d);

/* Whether a connection about to open may: 1 if fewer than limit are open (those cut
 * but not yet closed do not count), or once an open one is cut to make room: the one
 * that has waited longest for a request head, else the one that has been sending a
 * body longest; 0 when all limit connections have a whole request being handled.
 * Connections admitted at once by several threads may pass limit by one per thread
 * until deadline_opened. */
int deadline_admit(struct deadline *d, unsigned limit);

/* A new connection on socket fd: watched from now. The returned handle belongs to d;
 * it stays valid until deadline_closed. */
struct deadline_conn *deadline_opened(struct deadline *d, int fd);
/* The connection's request head has arrived: its body is awaited from now. */
void deadline_head_done(struct deadline_conn *c);
/* The whole request has arrived and is being handled: never cut until it ends. */
void deadline_body_done(struct deadline_conn *c);
/* The connection's request ended; the next head is awaited from now. */
void deadline_request_done(struct deadline_conn *c);
/* The connection is closing (its socket still open): forget it and free c. */
void deadline_closed(struct deadline *d, struct deadline_conn *c);

#endif
