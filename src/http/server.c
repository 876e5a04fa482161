/* server: the libmicrohttpd glue. One epoll thread per worker (MHD's thread pool);
 * each worker opens its own database connection on first use and keeps it. A
 * request's arena lives from the handler's first call to the request-completed
 * callback, which also writes the access log line.
 *
 * libmicrohttpd 0.9.75 answers `Connection: close` when a response is queued on the
 * first call for a request, which costs keep-alive and most of the throughput, so the
 * first call only sets up the request and the response is queued on a later call. The
 * one exception is a body announced larger than the limit: it is refused (413) at once,
 * before it is read, and that connection closes. */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "app/access/policy.h"
#include "core/json.h"
#include "core/mem.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "http/deadline.h"
#include "http/respcache.h"
#include "http/session.h"

/* Seconds a client is asked to wait before trying again when the database is down
 * (the Retry-After of every 503). */
#define SERVER_RETRY_AFTER 5

/* Sent with every response capnet makes. */
static const char *const server_security_headers[][2] = {
	{"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "same-origin"},
	{"X-Frame-Options", "DENY"},
};

struct server {
	const struct http_config *cfg;
	struct MHD_Daemon *d;
	pthread_key_t db_key;
	struct deadline *deadline;
	atomic_int inflight;
	atomic_int stopping;
};

struct server_req {
	struct http_req rq;
	struct http_resp rs;
	struct buf body;
	size_t limit;
	int too_large;
	int begun;    /* server_begin has set it up */
	int answered; /* a response is queued */
	int bad_path; /* not UTF-8, or holds %00 (then nul is set too) */
	int nul;
	const struct route_table *table;
	struct router_match match;
	struct timespec start;
	size_t bytes;
	struct deadline_conn *watch; /* its connection's, in the deadline watch */
	uint64_t statements; /* sent to the database for it (store_statements) */
};

void http_config_default(struct http_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->listen = "127.0.0.1:8080";
	cfg->threads = 2;
	cfg->max_body = 1u << 20;
	cfg->max_upload = 20u << 20;
	cfg->max_header = 32u << 10;
	cfg->max_connections = 512;
	cfg->timeout = 15;
	cfg->head_timeout = 10;
	cfg->body_timeout = 60;
	cfg->grace = 10;
	auth_config_default(&cfg->auth);
}

/* Accessors of http.h, over the MHD connection. */

const char *http_query(const struct http_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_header(const struct http_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(const struct http_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

struct server_each {
	int (*fn)(void *ctx, const char *name, const char *value);
	void *ctx;
	int rc;
};

static enum MHD_Result server_each_kv(void *cls, enum MHD_ValueKind kind, const char *key,
				      const char *value)
{
	(void)kind;
	struct server_each *e = cls;
	e->rc = e->fn(e->ctx, key, value);
	return e->rc == 0 ? MHD_YES : MHD_NO;
}

int http_query_each(const struct http_req *rq,
		    int (*fn)(void *ctx, const char *name, const char *value), void *ctx)
{
	struct server_each e = {fn, ctx, 0};
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, server_each_kv, &e);
	return e.rc;
}

const char *http_param(const struct http_req *rq, const char *name)
{
	for (size_t i = 0; i < rq->nparams; i++)
		if (strcmp(rq->param_name[i], name) == 0)
			return rq->param_value[i];
	return NULL;
}

int http_param_id(const struct http_req *rq, const char *name, int64_t *out, struct cn_err *err)
{
	const char *s = http_param(rq, name);
	char *end = NULL;
	long long v = s != NULL ? strtoll(s, &end, 10) : 0;
	if (s == NULL || s[0] < '1' || s[0] > '9' || *end != '\0' || v <= 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "'%s' is not an id; ids are whole numbers",
				  s != NULL ? s : "");
	*out = v;
	return 0;
}

void http_resp_header(struct http_resp *rs, const char *name, const char *value)
{
	if (rs->nheaders == HTTP_MAX_HEADERS)
		return;
	rs->hname[rs->nheaders] = name;
	rs->hvalue[rs->nheaders] = value;
	rs->nheaders++;
}

void http_retry_after(struct http_req *rq, struct http_resp *rs, const struct cn_err *err)
{
	if (err->retry_after > 0)
		http_resp_header(rs, "Retry-After", arena_printf(rq->a, "%ld", err->retry_after));
}

/* The worker thread's database connection, opened on first use. */
static struct store *server_db(struct server *s, struct cn_err *err)
{
	struct store *db = pthread_getspecific(s->db_key);
	if (db != NULL)
		return db;
	if (store_open(s->cfg->db_url, &db, err))
		return NULL;
	pthread_setspecific(s->db_key, db);
	return db;
}

static void server_db_close(void *db)
{
	store_close(db);
}

/* The table whose prefix is the longest that the path starts with: it renders the
 * errors of a request that no table has a route for. */
static const struct route_table *server_table(const struct http_config *cfg, const char *path)
{
	const struct route_table *best = cfg->tables[0];
	size_t best_len = 0;
	for (size_t i = 0; cfg->tables[i] != NULL; i++) {
		size_t n = strlen(cfg->tables[i]->prefix);
		if (strncmp(path, cfg->tables[i]->prefix, n) == 0 && n >= best_len) {
			best = cfg->tables[i];
			best_len = n;
		}
	}
	return best;
}

/* Every X-Forwarded-For header's value, joined by commas in the order received. */
static enum MHD_Result server_forwarded_kv(void *cls, enum MHD_ValueKind kind, const char *key,
					   const char *value)
{
	(void)kind;
	struct buf *b = cls;
	if (strcasecmp(key, "X-Forwarded-For") == 0 && value != NULL) {
		if (b->len > 0)
			buf_putc(b, ',');
		buf_puts(b, value);
	}
	return MHD_YES;
}

/* The client's address: the peer's, or behind a trusted proxy the one it forwards. */
static const char *server_client(const struct http_config *cfg, struct MHD_Connection *conn,
				 struct arena *a)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char text[INET6_ADDRSTRLEN] = "unknown";
	if (ci != NULL && ci->client_addr != NULL) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
				  text, sizeof(text));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
				  &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, text,
				  sizeof(text));
	}
	if (forwarded_trust_none(&cfg->trusted_proxies))
		return arena_strdup(a, text);
	struct buf xff = BUF_INIT;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, server_forwarded_kv, &xff);
	char client[FORWARDED_ADDR_LEN];
	forwarded_client(&cfg->trusted_proxies, text, xff.len > 0 ? buf_str(&xff) : NULL, client);
	buf_free(&xff);
	return arena_strdup(a, client);
}

/* Queues the response in r->rs with the security headers. */
static enum MHD_Result server_queue(struct server *s, struct MHD_Connection *conn,
				    struct server_req *r)
{
	struct http_resp *rs = &r->rs;
	size_t len = rs->body.len;
	char *data = buf_detach(&rs->body);
	struct MHD_Response *resp =
		data != NULL ? MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE)
			     : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (resp == NULL) {
		free(data);
		return MHD_NO;
	}
	r->bytes = len;
	if (rs->content_type != NULL)
		MHD_add_response_header(resp, "Content-Type", rs->content_type);
	for (size_t i = 0; i < sizeof(server_security_headers) / sizeof(server_security_headers[0]);
	     i++)
		MHD_add_response_header(resp, server_security_headers[i][0],
					server_security_headers[i][1]);
	for (size_t i = 0; i < rs->nheaders; i++)
		MHD_add_response_header(resp, rs->hname[i], rs->hvalue[i]);
	if (atomic_load(&s->stopping))
		MHD_add_response_header(resp, "Connection", "close");
	enum MHD_Result rc =
		MHD_queue_response(conn, (unsigned)(rs->status ? rs->status : 500), resp);
	MHD_destroy_response(resp);
	return rc;
}

static void server_error(struct server_req *r, const struct cn_err *err)
{
	struct http_resp *rs = &r->rs;
	buf_reset(&rs->body);
	r->table->render_error(&r->rq, rs, err);
}

/* Authenticates, checks the CSRF token, and runs the route's handler. */
static int server_run(struct http_req *rq, struct http_resp *rs, struct cn_err *err)
{
	unsigned flags = rq->route->flags;
	if (!(flags & ROUTE_NO_AUTH) && http_authenticate(rq, err))
		return -1;
	if (!(flags & ROUTE_NO_CSRF) && http_check_csrf(rq, err))
		return -1;
	struct respcache_ticket ticket;
	if (respcache_ticket(rq, &ticket, err))
		return -1;
	if (respcache_get(rq, &ticket, rs)) {
		rq->policy_asked = 1; /* the route that made the answer asked it */
		return 0;
	}
	rq->policy = policy_new(rq->a, rq->db, &rq->who);
	if (router_load(rq, err))
		return -1;
	int rc = rq->route->fn(rq, rs, err);
	if (rc == 0 && (rq->policy_asked || (flags & ROUTE_PUBLIC)))
		respcache_put(rq, &ticket, rs);
	return rc;
}

/* Runs the route for a fully received request; fills r->rs. */
static void server_dispatch_run(struct server *s, struct server_req *r)
{
	struct http_req *rq = &r->rq;
	struct cn_err err = {0};
	int no_db = rq->route != NULL && (rq->route->flags & ROUTE_NO_DB) && !r->too_large;
	rq->db = no_db ? NULL : server_db(s, &err);
	r->statements = rq->db != NULL ? store_statements(rq->db) : 0;
	if (rq->db == NULL && !no_db)
		goto fail;
	if (r->bad_path) {
		cn_err_set(&err, CN_ERR_INPUT,
			   r->nul ? "the address holds %%00, an encoded NUL byte, which no path "
				    "or query may hold"
				  : "the path is not valid UTF-8 text");
		goto fail;
	}
	if (r->too_large) {
		cn_err_set(&err, CN_ERR_TOO_LARGE,
			   "the request body is larger than %zu bytes, the limit here", r->limit);
		goto fail;
	}
	if (rq->route == NULL) {
		if (r->match.allow[0] != '\0') {
			http_resp_header(&r->rs, "Allow", arena_strdup(rq->a, r->match.allow));
			cn_err_set(&err, CN_ERR_METHOD, "%s is not allowed here; use %s", rq->method,
				   r->match.allow);
		} else {
			cn_err_set(&err, CN_ERR_NOT_FOUND, "there is nothing at %s", rq->path);
		}
		goto fail;
	}
	rq->body = r->body.data != NULL ? r->body.data : "";
	rq->body_len = r->body.len;
	unsigned flags = rq->route->flags;
	/* A read's queries (credentials, roles, records) share one snapshot and one round
	 * of locking. */
	int reading = !no_db && !(flags & ROUTE_WRITES) &&
		      (strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0);
	if (reading && store_begin_read(rq->db, &err))
		goto fail;
	int rc = server_run(rq, &r->rs, &err);
	if (reading && rc == 0 && store_commit(rq->db, &err))
		rc = -1;
	while (!no_db && store_in_transaction(rq->db)) /* a handler bug must not hold the lock */
		store_rollback(rq->db);
	if (rc == 0 && rq->by_cookie && rq->session.stale &&
	    auth_session_touch(rq->db, &rq->session, &err))
		rc = -1;
	if (rc != 0)
		goto fail;
	if (!rq->policy_asked && !(flags & ROUTE_PUBLIC)) {
		cn_err_set(&err, CN_ERR_INTERNAL, "the route %s %s did not ask the policy",
			   rq->route->method, rq->route->pattern);
		goto fail;
	}
	return;
fail:
	if (err.kind == CN_OK)
		cn_err_set(&err, CN_ERR_INTERNAL, "the request failed without a reason");
	/* However a failure was reported on its way up, a lost database explains it. */
	if (err.kind == CN_ERR_INTERNAL && rq->db != NULL && store_lost(rq->db))
		err.kind = CN_ERR_UNAVAILABLE;
	/* The database's own words (its host, its socket's path) go to the log only. */
	if (err.kind == CN_ERR_UNAVAILABLE) {
		char line[1024];
		cn_err_format(&err, line, sizeof(line));
		fprintf(stderr, "capnet: %s %s: %s\n", rq->method, rq->path, line);
		cn_err_set(&err, CN_ERR_UNAVAILABLE,
			   "the database is not available right now; try again in a moment");
		err.retry_after = SERVER_RETRY_AFTER;
	}
	server_error(r, &err);
}

/* server_dispatch_run, counting the statements it sent to the database. */
static void server_dispatch(struct server *s, struct server_req *r)
{
	server_dispatch_run(s, r);
	r->statements = r->rq.db != NULL ? store_statements(r->rq.db) - r->statements : 0;
}

static size_t server_content_length(struct MHD_Connection *conn)
{
	const char *v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
	if (v == NULL)
		return 0;
	char *end = NULL;
	errno = 0;
	unsigned long long n = strtoull(v, &end, 10);
	if (errno != 0 || end == v)
		return (size_t)-1;
	return (size_t)n;
}

/* The request target as sent, before libmicrohttpd decodes it: there a %00 would
 * become a NUL that silently ends the path (or a query value) early, so such a request
 * is refused instead. The result is the request's context until server_begin. */
static void *server_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls;
	(void)conn;
	struct server_req *r = xcalloc(1, sizeof(*r));
	r->nul = strstr(uri, "%00") != NULL;
	return r;
}

/* The first call for a request: set up its context r (from server_uri, or NULL). */
static struct server_req *server_begin(struct server *s, struct MHD_Connection *conn,
				       const char *url, const char *method, struct server_req *r)
{
	if (r == NULL)
		r = xcalloc(1, sizeof(*r));
	r->begun = 1;
	atomic_fetch_add(&s->inflight, 1);
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	struct arena *a = arena_new();
	struct http_req *rq = &r->rq;
	rq->a = a;
	rq->cfg = s->cfg;
	rq->conn = conn;
	rq->method = arena_strdup(a, method);
	rq->path = arena_strdup(a, url);
	rq->client = server_client(s->cfg, conn, a);
	rq->who.label = "anonymous";
	r->rs.status = 200;
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	r->watch = ci != NULL ? ci->socket_context : NULL;
	deadline_head_done(r->watch);
	r->bad_path = r->nul || !utf8_valid(url, strlen(url), NULL);
	r->table = server_table(s->cfg, rq->path);
	if (!r->bad_path) {
		/* Every table is tried in order; the first with a route for the path wins. */
		for (size_t t = 0; s->cfg->tables[t] != NULL && rq->route == NULL; t++) {
			const struct route_table *tb = s->cfg->tables[t];
			struct router_match m;
			memset(&m, 0, sizeof(m));
			const struct route *found =
				router_match(tb->routes, tb->n, rq->method, rq->path, a, &m);
			if (found != NULL || (m.allow[0] != '\0' && r->match.allow[0] == '\0')) {
				r->match = m;
				if (found != NULL) {
					rq->route = found;
					r->table = tb;
				}
			}
		}
		for (size_t i = 0; i < r->match.n; i++) {
			rq->param_name[i] = r->match.name[i];
			rq->param_value[i] = r->match.value[i];
		}
		rq->nparams = r->match.n;
	}
	r->limit = rq->route != NULL && (rq->route->flags & ROUTE_UPLOAD) ? s->cfg->max_upload
									  : s->cfg->max_body;
	return r;
}

static enum MHD_Result server_access(void *cls, struct MHD_Connection *conn, const char *url,
				     const char *method, const char *version,
				     const char *upload_data, size_t *upload_data_size,
				     void **con_cls)
{
	(void)version;
	struct server *s = cls;
	struct server_req *r = *con_cls;
	if (r == NULL || !r->begun) {
		r = server_begin(s, conn, url, method, r);
		*con_cls = r;
		size_t announced = server_content_length(conn);
		if (announced > r->limit) {
			r->too_large = 1;
			r->answered = 1;
			deadline_body_done(r->watch);
			server_dispatch(s, r);
			return server_queue(s, conn, r);
		}
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (!r->too_large && r->body.len + *upload_data_size <= r->limit)
			buf_append(&r->body, upload_data, *upload_data_size);
		else
			r->too_large = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (r->answered)
		return MHD_YES; /* already answered on the first call */
	r->answered = 1;
	deadline_body_done(r->watch); /* received in full: handled, never cut */
	server_dispatch(s, r);
	return server_queue(s, conn, r);
}

/* One JSON line per request on stderr, written at once so lines never interleave. */
static void server_log(const struct server_req *r, long us)
{
	char now[TIME_ISO_LEN];
	time_now_utc(now);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	jw_obj_begin(&w);
	jw_kv_str(&w, "time", now);
	jw_kv_str(&w, "method", r->rq.method);
	jw_kv_str(&w, "path", r->nul ? "(holds %00)" : r->bad_path ? "(not UTF-8)" : r->rq.path);
	jw_kv_int(&w, "status", r->rs.status);
	jw_kv_int(&w, "bytes", (int64_t)r->bytes);
	jw_kv_int(&w, "us", us);
	jw_kv_int(&w, "statements", (int64_t)r->statements);
	jw_kv_id(&w, "user", r->rq.who.person_id);
	jw_kv_str(&w, "client", r->rq.client);
	jw_obj_end(&w);
	buf_putc(&b, '\n');
	ssize_t ignored = write(STDERR_FILENO, b.data, b.len);
	(void)ignored;
	buf_free(&b);
}

static void server_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			     enum MHD_RequestTerminationCode toe)
{
	(void)conn;
	struct server *s = cls;
	struct server_req *r = *con_cls;
	*con_cls = NULL;
	if (r == NULL)
		return;
	if (!r->begun) { /* refused by libmicrohttpd before the handler saw it */
		free(r);
		return;
	}
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	long us = (long)((end.tv_sec - r->start.tv_sec) * 1000000L +
			 (end.tv_nsec - r->start.tv_nsec) / 1000L);
	if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK && r->bytes == 0 && r->rs.body.len == 0)
		r->rs.status = 0; /* the client went away before an answer */
	server_log(r, us);
	deadline_request_done(r->watch);
	buf_free(&r->body);
	buf_free(&r->rs.body);
	arena_free(r->rq.a);
	free(r);
	atomic_fetch_sub(&s->inflight, 1);
}

/* Each connection is watched from its opening to its closing for an overdue head or
 * body. */
static void server_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			      enum MHD_ConnectionNotificationCode code)
{
	struct server *s = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		*socket_context = ci != NULL ? deadline_opened(s->deadline, ci->connect_fd) : NULL;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		deadline_closed(s->deadline, *socket_context);
		*socket_context = NULL;
	}
}

/* The connection limit (cfg->max_connections) is kept by the deadline watch, which
 * sheds an idle or still uploading connection for a new one (see deadline.h):
 * libmicrohttpd at its own limit would stop accepting and leave every newcomer waiting
 * in the backlog. */
static enum MHD_Result server_admit(void *cls, const struct sockaddr *addr, socklen_t len)
{
	(void)addr;
	(void)len;
	struct server *s = cls;
	return deadline_admit(s->deadline, s->cfg->max_connections) ? MHD_YES : MHD_NO;
}

/* libmicrohttpd's own limit, never reached before ours: it splits it evenly among the
 * worker threads, while one thread may hold most connections, and sockets shed but not
 * yet closed still count for it. */
static unsigned server_mhd_limit(const struct http_config *cfg)
{
	unsigned threads = (unsigned)(cfg->threads > 0 ? cfg->threads : 1);
	unsigned long long n = 2ull * cfg->max_connections * threads;
	return n > (1u << 30) ? (1u << 30) : (unsigned)n;
}

/* Room for the connections and for what else the process opens (database connections,
 * the listening socket, files being imported): a server out of file descriptors stops
 * accepting just as one at libmicrohttpd's limit does. Raises the soft limit up to the
 * hard one when needed. */
static int server_files(const struct http_config *cfg, struct cn_err *err)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 0;
	rlim_t need = (rlim_t)cfg->max_connections * 2 + (rlim_t)cfg->threads * 2 + 64;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
		rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need ? need : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need)
		return cn_err_field(err, CN_ERR_INPUT, "max-connections",
				    "%u connections need %llu open files, but this process may "
				    "open only %llu (ulimit -n); lower --max-connections or raise "
				    "the limit",
				    cfg->max_connections, (unsigned long long)need,
				    (unsigned long long)rl.rlim_cur);
	return 0;
}

/* "HOST:PORT" (IPv4) into sa. */
static int server_address(const char *listen, struct sockaddr_in *sa, struct cn_err *err)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	const char *colon = strrchr(listen, ':');
	char host[64];
	if (colon == NULL || (size_t)(colon - listen) >= sizeof(host))
		return cn_err_field(err, CN_ERR_INPUT, "listen",
				    "'%s' is not an address like 127.0.0.1:8080", listen);
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	char *end = NULL;
	long port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || colon[1] == '\0' || port < 0 || port > 65535 ||
	    inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sa->sin_addr) != 1)
		return cn_err_field(err, CN_ERR_INPUT, "listen",
				    "'%s' is not an address like 127.0.0.1:8080", listen);
	sa->sin_port = htons((uint16_t)port);
	return 0;
}

static void server_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char line[512];
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	fprintf(stderr, "capnet: http: %s\n", line);
}

int http_serve(const struct http_config *cfg, void (*ready)(const char *addr),
	       struct cn_err *err)
{
	struct sockaddr_in sa;
	if (server_address(cfg->listen, &sa, err))
		return -1;
	struct store *db = NULL;
	if (store_open(cfg->db_url, &db, err))
		return -1;
	int rc = store_require_current(db, err);
	store_close(db);
	if (rc || server_files(cfg, err))
		return -1;

	/* The workers inherit this mask, so only sigwait below sees the signals. */
	sigset_t stop, old;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	signal(SIGPIPE, SIG_IGN);

	struct server *s = xcalloc(1, sizeof(*s));
	s->cfg = cfg;
	pthread_key_create(&s->db_key, server_db_close);
	s->deadline = deadline_start(cfg->head_timeout, cfg->body_timeout);
	s->d = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, server_admit, s,
		server_access, s, MHD_OPTION_EXTERNAL_LOGGER, server_mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads > 0 ? cfg->threads : 1),
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg->max_header,
		MHD_OPTION_CONNECTION_LIMIT, server_mhd_limit(cfg),
		MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, 512u,
		MHD_OPTION_NOTIFY_COMPLETED, server_completed, s,
		MHD_OPTION_NOTIFY_CONNECTION, server_connection, s,
		MHD_OPTION_URI_LOG_CALLBACK, server_uri, s,
		/* Last, and only when asked: given as false it would also drop the
		 * SO_REUSEADDR that lets a restarted server bind at once. */
		cfg->reuse_port ? MHD_OPTION_LISTENING_ADDRESS_REUSE : MHD_OPTION_END, 1u,
		MHD_OPTION_END);
	if (s->d == NULL) {
		deadline_stop(s->deadline);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		pthread_key_delete(s->db_key);
		free(s);
		return cn_err_field(err, CN_ERR_UNAVAILABLE, "listen",
				    "cannot listen on %s (in use, or not an address of this "
				    "machine); choose another with --listen",
				    cfg->listen);
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	char addr[80];
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sa.sin_addr, host, sizeof(host));
	snprintf(addr, sizeof(addr), "%s:%u", host, di != NULL ? di->port : ntohs(sa.sin_port));
	if (ready != NULL)
		ready(addr);

	int sig = 0;
	while (sigwait(&stop, &sig) != 0)
		;
	fprintf(stderr, "capnet: stopping (signal %d): finishing requests in flight\n", sig);
	atomic_store(&s->stopping, 1);
	MHD_socket lfd = MHD_quiesce_daemon(s->d);
	if (lfd != MHD_INVALID_SOCKET)
		close(lfd);
	for (unsigned waited = 0; atomic_load(&s->inflight) > 0 && waited < cfg->grace * 100;
	     waited++) {
		struct timespec ten_ms = {0, 10 * 1000 * 1000};
		nanosleep(&ten_ms, NULL);
	}
	MHD_stop_daemon(s->d);
	deadline_stop(s->deadline);
	pthread_key_delete(s->db_key);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	free(s);
	fprintf(stderr, "capnet: stopped\n");
	return 0;
}
