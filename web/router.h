/* router.h: from an HTTP request to its handler, with the caller's identity checked */
#ifndef RCPHUB_ROUTER_H
#define RCPHUB_ROUTER_H

#include "cache.h"
#include "../services/registry.h"

#include <event2/http.h>

/* Answers one request: matches its route, decodes the path and query,
 * resolves the session cookie or API token, checks the CSRF token of a
 * state-changing request, and calls the handler. reg and cache are the
 * calling worker's own. tls says whether the request came over HTTPS. */
void router_handle(struct evhttp_request *ev, struct registry *reg, struct cache *cache, int tls);

#endif
