/* server.h: the HTTP(S) server: worker threads, each with its own event loop and database connection */
#ifndef RCPHUB_SERVER_H
#define RCPHUB_SERVER_H

#include <stddef.h>

struct server_config {
	const char *db;          /* database location */
	const char *listen;      /* "host:port"; port 0 picks a free one */
	int threads;             /* worker threads, each with an event loop */
	const char *tls_cert;    /* PEM files; both or neither */
	const char *tls_key;
	size_t max_body;         /* bytes */
	size_t max_headers;      /* bytes */
	int timeout;             /* seconds to send a whole request, or to write an answer */
	int max_connections;     /* open connections per worker (lowered to fit the descriptor limit) */
	int max_per_address;     /* of those, from one address; -1: a quarter of them; 0: no limit
				  * (none either behind a trusted proxy) */
	const char *trusted_proxy; /* address of a reverse proxy to believe, or NULL */
	int second_factor_optional; /* 1: administrators and secretariats may sign in without one */
};

/* Fills c with the defaults. */
void server_config_defaults(struct server_config *c);

/* Serves until SIGINT or SIGTERM, then finishes and returns 0; -1 with
 * *err (caller frees) if it cannot start. It raises the descriptor limit
 * to its hard limit and, when that is still too low for the connection
 * caps, lowers them and says so. A connection must send a whole request
 * within the timeout of being accepted or of its last request, else it is
 * closed; when the caps are reached, a new connection takes the place of
 * the oldest one that has sent no whole request, or is refused. Warnings
 * come at most once every ten seconds each. When listening, prints
 * "rcphub: serving URL" on stdout. */
int server_run(const struct server_config *c, char **err);

#endif
