/* server.c: the HTTP(S) server: worker threads, each with its own event loop and database connection */
#include "server.h"
#include "router.h"
#include "../core/xalloc.h"
#include "../services/registry.h"

#include <arpa/inet.h>
#include <errno.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/thread.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_THREADS 64

/* The open connections of one worker, by address, in an open-addressing
 * set sized at twice the limit (a power of two). */
struct conn_set {
	struct evhttp_connection **slots;
	size_t cap, count;
};

struct worker {
	pthread_t thread;
	struct event_base *base;
	struct evhttp *http;
	struct site site;  /* its registry and cache, TLS, trusted proxy */
	SSL_CTX *tls;  /* shared, read-only after start */
	struct conn_set conns;
	int max_connections;
};

void server_config_defaults(struct server_config *c)
{
	memset(c, 0, sizeof *c);
	c->listen = "127.0.0.1:8080";
	c->threads = 2;
	c->max_body = 12 * 1024 * 1024;
	c->max_headers = 16 * 1024;
	c->timeout = 30;
	c->max_connections = 1024;
}

static size_t conn_slot(const struct conn_set *s, const struct evhttp_connection *c)
{
	return ((uintptr_t)c >> 4) * 2654435761u & (s->cap - 1);
}

/* Whether c is in the set; *at is its slot or the free slot for it. */
static int conn_find(const struct conn_set *s, const struct evhttp_connection *c, size_t *at)
{
	size_t i = conn_slot(s, c);
	while (s->slots[i] && s->slots[i] != c)
		i = (i + 1) & (s->cap - 1);
	*at = i;
	return s->slots[i] != NULL;
}

/* Removes c, shifting back later entries of its run (no tombstones). */
static void conn_remove(struct conn_set *s, struct evhttp_connection *c)
{
	size_t i;
	if (!conn_find(s, c, &i))
		return;
	s->slots[i] = NULL;
	s->count--;
	for (size_t j = (i + 1) & (s->cap - 1); s->slots[j]; j = (j + 1) & (s->cap - 1)) {
		size_t home = conn_slot(s, s->slots[j]);
		/* Move j back to i if its home is not within (i, j]. */
		if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
			s->slots[i] = s->slots[j];
			s->slots[j] = NULL;
			i = j;
		}
	}
}

static void conn_closed(struct evhttp_connection *c, void *arg)
{
	conn_remove(&((struct worker *)arg)->conns, c);
}

/* Counts the request's connection; 0, or -1 after refusing it because
 * the worker has max_connections open. */
static int conn_admit(struct worker *w, struct evhttp_request *req)
{
	struct evhttp_connection *c = evhttp_request_get_connection(req);
	size_t at;
	if (!c || conn_find(&w->conns, c, &at))
		return 0;
	if (w->conns.count >= (size_t)w->max_connections) {
		evhttp_add_header(evhttp_request_get_output_headers(req), "Connection", "close");
		evhttp_add_header(evhttp_request_get_output_headers(req), "Retry-After", "1");
		evhttp_send_error(req, 503, "too many connections; try again");
		return -1;
	}
	w->conns.slots[at] = c;
	w->conns.count++;
	evhttp_connection_set_closecb(c, conn_closed, w);
	/* Answers leave in one go: without this, the tail of a body larger
	 * than a segment waits for the client's delayed ACK (Nagle). */
	int one = 1;
	evutil_socket_t fd = bufferevent_getfd(evhttp_connection_get_bufferevent(c));
	if (fd >= 0)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return 0;
}

static void on_request(struct evhttp_request *req, void *arg)
{
	struct worker *w = arg;
	if (conn_admit(w, req) == 0)
		router_handle(req, &w->site);
}

static struct bufferevent *tls_bufferevent(struct event_base *base, void *arg)
{
	struct worker *w = arg;
	SSL *ssl = SSL_new(w->tls);
	if (!ssl)
		return NULL;
	return bufferevent_openssl_socket_new(base, -1, ssl, BUFFEREVENT_SSL_ACCEPTING,
					      BEV_OPT_CLOSE_ON_FREE);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	event_base_dispatch(w->base);
	return NULL;
}

/* Opens, binds and listens on host:port; the chosen port in *port. */
static int listen_on(const char *listen_at, int *port, char **err)
{
	char host[256];
	const char *colon = strrchr(listen_at, ':');
	if (!colon || colon == listen_at || (size_t)(colon - listen_at) >= sizeof host) {
		*err = xasprintf("--listen %s: use HOST:PORT, such as 127.0.0.1:8080", listen_at);
		return -1;
	}
	memcpy(host, listen_at, (size_t)(colon - listen_at));
	host[colon - listen_at] = '\0';
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_PASSIVE | AI_NUMERICSERV }, *ai = NULL;
	int gai = getaddrinfo(host, colon + 1, &hints, &ai);
	if (gai) {
		*err = xasprintf("--listen %s: %s", listen_at, gai_strerror(gai));
		return -1;
	}
	int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 1024)) {
		*err = xasprintf("--listen %s: %s", listen_at, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	getsockname(fd, (struct sockaddr *)&ss, &sl);
	*port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
					       : ((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

static SSL_CTX *tls_context(const struct server_config *c, char **err)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
	if (ctx && SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) &&
	    SSL_CTX_use_certificate_chain_file(ctx, c->tls_cert) == 1 &&
	    SSL_CTX_use_PrivateKey_file(ctx, c->tls_key, SSL_FILETYPE_PEM) == 1 &&
	    SSL_CTX_check_private_key(ctx) == 1)
		return ctx;
	char buf[256];
	ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
	*err = xasprintf("--tls-cert %s / --tls-key %s: %s", c->tls_cert, c->tls_key, buf);
	SSL_CTX_free(ctx);
	return NULL;
}

static void worker_free(struct worker *w)
{
	if (w->http)
		evhttp_free(w->http);
	if (w->base)
		event_base_free(w->base);
	registry_close(w->site.reg);
	if (w->site.cache)
		cache_free(w->site.cache);
	free(w->site.cache);
	free(w->conns.slots);
}

static int worker_start(struct worker *w, const struct server_config *c, int fd, SSL_CTX *tls,
			char **err)
{
	w->tls = tls;
	w->max_connections = c->max_connections;
	for (w->conns.cap = 16; w->conns.cap < 2 * (size_t)c->max_connections; w->conns.cap *= 2)
		;
	w->conns.slots = xcalloc(w->conns.cap, sizeof *w->conns.slots);
	w->site.cache = xcalloc(1, sizeof *w->site.cache);
	w->site.tls = tls != NULL;
	w->site.trusted_proxy = c->trusted_proxy;
	struct svc_error why = { 0 };
	if (!(w->site.reg = registry_open(c->db, &why))) {
		*err = svc_error_text(&why);
		svc_error_free(&why);
		return -1;
	}
	int own_fd = dup(fd);
	/* Changes to a socket's epoll interest within one loop turn are
	 * merged into one epoll_ctl call. */
	struct event_config *cfg = event_config_new();
	event_config_set_flag(cfg, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST);
	w->base = event_base_new_with_config(cfg);
	event_config_free(cfg);
	if (!w->base || !(w->http = evhttp_new(w->base)) || own_fd < 0 ||
	    !evhttp_accept_socket_with_handle(w->http, own_fd)) {
		*err = xstrdup("cannot start an event loop");
		if (own_fd >= 0)
			close(own_fd);
		return -1;
	}
	evhttp_set_max_body_size(w->http, (ev_ssize_t)c->max_body);
	evhttp_set_max_headers_size(w->http, (ev_ssize_t)c->max_headers);
	evhttp_set_timeout(w->http, c->timeout);
	evhttp_set_allowed_methods(w->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST |
					    EVHTTP_REQ_PUT | EVHTTP_REQ_PATCH | EVHTTP_REQ_DELETE);
	evhttp_set_gencb(w->http, on_request, w);
	if (tls)
		evhttp_set_bevcb(w->http, tls_bufferevent, w);
	if (pthread_create(&w->thread, NULL, worker_main, w)) {
		*err = xstrdup("cannot start a worker thread");
		return -1;
	}
	return 0;
}

/* Waits for SIGINT or SIGTERM, which every thread blocks. */
static void wait_for_stop(const sigset_t *stop)
{
	int sig;
	while (sigwait(stop, &sig) != 0)
		;
	fprintf(stderr, "rcphub: stopping (%s)\n", strsignal(sig));
}

int server_run(const struct server_config *c, char **err)
{
	if (c->threads < 1 || c->threads > MAX_THREADS) {
		*err = xasprintf("--threads %d: use 1 to %d", c->threads, MAX_THREADS);
		return -1;
	}
	if (!c->tls_cert != !c->tls_key) {
		*err = xstrdup("--tls-cert and --tls-key go together");
		return -1;
	}
	if (evthread_use_pthreads()) {
		*err = xstrdup("libevent has no thread support");
		return -1;
	}
	signal(SIGPIPE, SIG_IGN);
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	SSL_CTX *tls = c->tls_cert ? tls_context(c, err) : NULL;
	if (c->tls_cert && !tls)
		return -1;
	int port, fd = listen_on(c->listen, &port, err);
	if (fd < 0) {
		SSL_CTX_free(tls);
		return -1;
	}
	struct worker *workers = xcalloc((size_t)c->threads, sizeof *workers);
	int started = 0, rc = 0;
	for (; started < c->threads; started++)
		if (worker_start(&workers[started], c, fd, tls, err)) {
			rc = -1;
			break;
		}
	close(fd);
	if (rc == 0) {
		char host[256];
		snprintf(host, sizeof host, "%.*s", (int)(strrchr(c->listen, ':') - c->listen), c->listen);
		printf("rcphub: serving %s://%s:%d/ with %d threads\n", tls ? "https" : "http", host,
		       port, c->threads);
		fflush(stdout);
		wait_for_stop(&stop);
	}
	for (int i = 0; i < started; i++)
		event_base_loopexit(workers[i].base, NULL);
	for (int i = 0; i < started; i++)
		pthread_join(workers[i].thread, NULL);
	for (int i = 0; i < c->threads; i++)
		worker_free(&workers[i]);
	free(workers);
	SSL_CTX_free(tls);
	return rc;
}
