/* server: capnet's HTTP server on libmicrohttpd: listening, worker threads, limits,
 * the per-request arena, security headers, the access log, and a graceful stop. */
#ifndef CN_SERVER_H
#define CN_SERVER_H
#include <stddef.h>

#include "app/access/auth.h"
#include "core/err.h"
#include "http/forwarded.h"
#include "http/router.h"

struct http_config {
	const char *listen;       /* "127.0.0.1:8080" */
	const char *db_url;
	int threads;              /* worker threads, each with its own database connection */
	size_t max_body;          /* JSON request bodies (default 1 MiB) */
	size_t max_upload;        /* bodies of upload routes (default 20 MiB) */
	size_t max_header;        /* memory per connection for the request head (default 32 KiB) */
	unsigned max_connections; /* open connections at once (default 512) */
	unsigned timeout;         /* seconds a connection may stay idle (default 15) */
	unsigned head_timeout;    /* seconds to send a whole request head, trickling or not
				   * (default 10) */
	unsigned body_timeout;    /* seconds to send a whole request body once its head is in
				   * (default 60) */
	unsigned grace;           /* seconds in-flight requests get to finish on stop (default 10) */
	int secure_cookies;       /* session cookie only over HTTPS (behind a TLS proxy) */
	int reuse_port;           /* SO_REUSEPORT: several processes listen on one port and
				   * the kernel spreads new connections among them */
	struct forwarded_trust trusted_proxies; /* whose X-Forwarded-For names the client
						 * (none by default) */
	struct auth_config auth;
	const struct route_table *const *tables; /* tried in order; NULL-terminated */
};

/* The defaults above; listen, db_url and tables are left for the caller. */
void http_config_default(struct http_config *cfg);

/* Serves until SIGTERM or SIGINT, then stops accepting, lets requests in flight finish
 * (for up to cfg->grace seconds) and returns 0. -1 with err set if it cannot start
 * (address in use, database not reachable or not migrated). ready (may be NULL) is
 * called once the server is listening, with the address it listens on. */
int http_serve(const struct http_config *cfg, void (*ready)(const char *addr),
	       struct cn_err *err);

#endif
