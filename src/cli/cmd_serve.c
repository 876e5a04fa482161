/* cmd_serve: `capnet serve`: the HTTP server with the JSON API, until SIGTERM or
 * SIGINT. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "app/import_job.h"
#include "app/mail/sender.h"
#include "cli/cli.h"
#include "http/server.h"
#include "web/web.h"

static const struct args_opt serve_opts[] = {
	{"listen", 1, "address and port (default 127.0.0.1:8080)"},
	{"threads", 1, "worker threads, each with its own database connection (default 2)"},
	{"max-body", 1, "largest JSON request body in bytes (default 1048576)"},
	{"max-upload", 1, "largest upload body in bytes (default 20971520)"},
	{"max-header", 1, "memory for one request's head in bytes (default 32768)"},
	{"max-connections", 1,
	 "open connections at once; past it a new one cuts the longest idle, else the "
	 "longest uploading (default 512)"},
	{"timeout", 1, "seconds a connection may stay idle before it is cut (default 15)"},
	{"head-timeout", 1,
	 "seconds a client gets to send a request's head, even trickling it byte by byte; "
	 "also the longest wait between requests (default 10)"},
	{"body-timeout", 1,
	 "seconds a client gets to send a request's body once its head is in (default 60)"},
	{"grace", 1, "seconds requests in flight get to finish on stop (default 10)"},
	{"session-idle", 1, "seconds of disuse that end a session (default 7200)"},
	{"session-max", 1, "seconds after sign-in that end a session (default 43200)"},
	{"login-failures", 1, "failed sign-ins allowed per account (default 5)"},
	{"login-address-failures", 1,
	 "failed sign-ins allowed from one client address (default 100)"},
	{"login-window", 1, "seconds over which failures count; also the lock (default 900)"},
	{"trusted-proxy", 1,
	 "a proxy whose X-Forwarded-For names the client: address or CIDR, repeatable"},
	{"secure-cookies", 0, "send the session cookie over HTTPS only (behind TLS)"},
	{"reuse-port", 0, "share the port with other capnet serve processes (SO_REUSEPORT)"},
	{"smtp-url", 1,
	 "deliver the outbox to this mail server: smtp://host:port (STARTTLS when offered) "
	 "or smtps://host:port; default $CAPNET_SMTP_URL; without it mail waits in the outbox"},
	{"smtp-user", 1, "the mail server's user name; its password is $CAPNET_SMTP_PASSWORD"},
	{"mail-from", 1, "the address mail is sent from (default capnet@localhost)"},
	{"mail-interval", 1, "seconds between looks at the outbox (default 5)"},
	{"mail-retry", 1,
	 "seconds before a failed message is tried again, doubled each time (default 60)"},
	{"mail-attempts", 1, "attempts before a message fails for good (default 8)"},
	{"mail-digest", 1,
	 "seconds a digest gathers notifications before it goes out (default 604800, a week)"},
	{"mail-lease", 1,
	 "seconds after which a message another process began to send and never reported "
	 "on is taken over (default 600)"},
	{NULL, 0, NULL},
};

static void serve_help(void)
{
	printf("usage: capnet [--db URL] serve [options]\n"
	       "Serves the JSON API (/api/v1, described at /api/v1/openapi.json), /healthz and\n"
	       "/readyz until SIGTERM or SIGINT; requests in flight are finished first.\n"
	       "One JSON access-log line per request goes to standard error.\n"
	       "With an SMTP URL, a sender delivers the outbox (invitations, password resets,\n"
	       "notifications) and logs each outcome to standard error.\n\nOptions:\n");
	for (const struct args_opt *o = serve_opts; o->name != NULL; o++) {
		char left[40];
		snprintf(left, sizeof(left), "--%s%s", o->name, o->takes_value ? " N" : "");
		if (strcmp(o->name, "listen") == 0)
			snprintf(left, sizeof(left), "--listen HOST:PORT");
		if (strcmp(o->name, "trusted-proxy") == 0)
			snprintf(left, sizeof(left), "--trusted-proxy ADDR");
		if (strcmp(o->name, "smtp-url") == 0)
			snprintf(left, sizeof(left), "--smtp-url URL");
		if (strcmp(o->name, "smtp-user") == 0)
			snprintf(left, sizeof(left), "--smtp-user NAME");
		if (strcmp(o->name, "mail-from") == 0)
			snprintf(left, sizeof(left), "--mail-from ADDRESS");
		printf("  %-28s %s\n", left, o->help);
	}
}

/* A whole number option in [min, max] into *out; -1 after printing. */
static int serve_number(const struct args *a, const char *name, long long min, long long max,
			long long *out)
{
	const char *v = args_get(a, name);
	if (v == NULL)
		return 0;
	char *end = NULL;
	long long n = strtoll(v, &end, 10);
	if (v[0] == '\0' || *end != '\0' || n < min || n > max) {
		cli_usage("--%s must be a whole number from %lld to %lld", name, min, max);
		return -1;
	}
	*out = n;
	return 0;
}

static void serve_ready(const char *addr)
{
	fprintf(stderr, "capnet: serving on http://%s\n", addr);
}

/* The mail sender's options, with the environment's defaults; -1 after printing. */
static int serve_mail(const struct cli *c, const struct args *a, struct mail_config *mail)
{
	mail_config_default(mail);
	mail->db_url = c->db_url;
	mail->smtp_url = args_has(a, "smtp-url") ? args_get(a, "smtp-url") : getenv("CAPNET_SMTP_URL");
	if (mail->smtp_url != NULL && mail->smtp_url[0] == '\0')
		mail->smtp_url = NULL;
	if (mail->smtp_url != NULL && strncmp(mail->smtp_url, "smtp://", 7) != 0 &&
	    strncmp(mail->smtp_url, "smtps://", 8) != 0)
		return cli_usage("--smtp-url must start with smtp:// or smtps://");
	mail->smtp_user = args_get(a, "smtp-user");
	mail->smtp_password = getenv("CAPNET_SMTP_PASSWORD");
	if (args_has(a, "mail-from")) {
		const char *from = args_get(a, "mail-from");
		if (strchr(from, '@') == NULL || strpbrk(from, " <>\r\n") != NULL)
			return cli_usage("--mail-from must be an address such as capnet@example.org");
		mail->from = from;
	}
	long long interval = mail->interval, retry = mail->retry_seconds,
		  attempts = mail->max_attempts, lease = mail->lease_seconds,
		  digest = mail->digest_seconds;
	if (serve_number(a, "mail-interval", 1, 3600, &interval) ||
	    serve_number(a, "mail-retry", 1, 86400, &retry) ||
	    serve_number(a, "mail-attempts", 1, 100, &attempts) ||
	    serve_number(a, "mail-lease", 1, 86400, &lease) ||
	    serve_number(a, "mail-digest", 1, 90 * 86400, &digest))
		return -1;
	mail->digest_seconds = (int)digest;
	mail->interval = (int)interval;
	mail->retry_seconds = (int)retry;
	mail->max_attempts = (int)attempts;
	mail->lease_seconds = (int)lease;
	return 0;
}

int cmd_serve(struct cli *c, int argc, char **argv)
{
	struct args a;
	if (args_parse(argc - 1, argv + 1, serve_opts, 0, &a))
		return CLI_USAGE;
	if (a.help) {
		serve_help();
		return CLI_OK;
	}
	if (a.npos > 0)
		return cli_usage("serve takes no argument '%s' (see capnet serve --help)", a.pos[0]);
	struct http_config cfg;
	http_config_default(&cfg);
	cfg.db_url = c->db_url;
	if (args_has(&a, "listen"))
		cfg.listen = args_get(&a, "listen");
	long long threads = cfg.threads, body = (long long)cfg.max_body,
		  upload = (long long)cfg.max_upload, header = (long long)cfg.max_header,
		  conns = cfg.max_connections, timeout = cfg.timeout, grace = cfg.grace,
		  head_timeout = cfg.head_timeout, body_timeout = cfg.body_timeout,
		  idle = cfg.auth.idle_seconds, absolute = cfg.auth.absolute_seconds,
		  failures = cfg.auth.max_failures, window = cfg.auth.window_seconds,
		  address_failures = cfg.auth.max_address_failures;
	if (serve_number(&a, "threads", 1, 256, &threads) ||
	    serve_number(&a, "max-body", 1024, 1LL << 30, &body) ||
	    serve_number(&a, "max-upload", 1024, 1LL << 32, &upload) ||
	    serve_number(&a, "max-header", 4096, 1 << 24, &header) ||
	    serve_number(&a, "max-connections", 1, 100000, &conns) ||
	    serve_number(&a, "timeout", 1, 3600, &timeout) ||
	    serve_number(&a, "head-timeout", 1, 3600, &head_timeout) ||
	    serve_number(&a, "body-timeout", 1, 86400, &body_timeout) ||
	    serve_number(&a, "grace", 0, 3600, &grace) ||
	    serve_number(&a, "session-idle", 60, 30 * 86400, &idle) ||
	    serve_number(&a, "session-max", 60, 90 * 86400, &absolute) ||
	    serve_number(&a, "login-failures", 1, 1000, &failures) ||
	    serve_number(&a, "login-address-failures", 1, 1000000, &address_failures) ||
	    serve_number(&a, "login-window", 1, 86400, &window))
		return CLI_USAGE;
	cfg.threads = (int)threads;
	cfg.max_body = (size_t)body;
	cfg.max_upload = (size_t)upload;
	cfg.max_header = (size_t)header;
	cfg.max_connections = (unsigned)conns;
	cfg.timeout = (unsigned)timeout;
	cfg.head_timeout = (unsigned)head_timeout;
	cfg.body_timeout = (unsigned)body_timeout;
	cfg.grace = (unsigned)grace;
	cfg.auth.idle_seconds = (int)idle;
	cfg.auth.absolute_seconds = (int)absolute;
	cfg.auth.max_failures = (int)failures;
	cfg.auth.max_address_failures = (int)address_failures;
	cfg.auth.window_seconds = (int)window;
	cfg.auth.lock_seconds = (int)window;
	cfg.secure_cookies = args_has(&a, "secure-cookies");
	cfg.reuse_port = args_has(&a, "reuse-port");
	for (size_t i = 0; i < a.nopt; i++) {
		struct cn_err perr = {0};
		if (strcmp(a.name[i], "trusted-proxy") == 0 &&
		    forwarded_trust_add(&cfg.trusted_proxies, a.value[i], &perr))
			return cli_usage("--trusted-proxy: %s", perr.msg);
	}
	struct mail_config mail;
	if (serve_mail(c, &a, &mail))
		return CLI_USAGE;
	const struct route_table *tables[] = {api_table(), web_table(), NULL};
	cfg.tables = tables;
	struct cn_err err = {0};
	if (mail_sender_start(&mail, &err))
		return cli_fail(&err);
	int rc = http_serve(&cfg, serve_ready, &err);
	mail_sender_stop();
	/* An import started from a page ends before the process does: cut short, it would
	 * be rolled back with nothing said. */
	import_job_drain();
	return rc ? cli_fail(&err) : CLI_OK;
}
