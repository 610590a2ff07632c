/* router.h: from an HTTP request to its handler, with the caller's identity checked */
#ifndef RCPHUB_ROUTER_H
#define RCPHUB_ROUTER_H

#include "cache.h"
#include "../services/registry.h"

#include <event2/http.h>

/* What a worker thread serves with: its own registry (database
 * connection and name indexes) and cache, whether it speaks HTTPS, the
 * address of a reverse proxy whose X-Forwarded-For and X-Forwarded-Proto
 * it believes (NULL for none), and whether administrators and
 * secretariats must sign in with a second factor. */
struct site {
	struct registry *reg;
	struct cache *cache;
	int tls;
	const char *trusted_proxy;
	int second_factor;
};

/* Answers one request: matches its route, decodes the path and query,
 * resolves the session cookie or API token, checks the CSRF token of a
 * state-changing request, and calls the handler. */
void router_handle(struct evhttp_request *ev, const struct site *site);

#endif
