/* server.c: the HTTP(S) server: worker threads, each with its own event loop and database connection */
#include "server.h"
#include "conns.h"
#include "http.h"
#include "router.h"
#include "../core/xalloc.h"
#include "../services/registry.h"

#include <arpa/inet.h>
#include <errno.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>
#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/listener.h>
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
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_THREADS 64
/* Descriptors each worker needs besides its connections (database files,
 * event loop), and those the process needs besides its workers. */
#define FDS_PER_WORKER 8
#define FDS_SPARE 32

/* A warning said at most once per WARN_EVERY seconds, saying how many
 * times it happened meanwhile: no log flood under attack. */
#define WARN_EVERY 10.0
struct warning {
	double last;
	unsigned long more;
};

/* The most one write to a client's socket may carry. */
#define MAX_SINGLE_WRITE (256 * 1024)

struct worker {
	pthread_t thread;
	struct event_base *base;
	struct evhttp *http;
	struct site site;  /* its registry and cache, TLS, trusted proxy */
	SSL_CTX *tls;  /* shared, read-only after start */
	struct conn_table conns;
	int deadline;          /* seconds to send a whole request */
	struct event *sweep;   /* each second: closes connections past their deadline */
	struct warning shed, refused, late;
	int routing;       /* inside router_handle: what is written is the router's answer */
	int patching;      /* adding headers to an answer libevent writes itself */
	char *own_answer_headers;  /* those headers (http_security_header_lines) */
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
	c->max_per_address = -1;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void warn_limited(struct warning *w, const char *what)
{
	double now = now_seconds();
	if (w->last && now - w->last < WARN_EVERY) {
		w->more++;
		return;
	}
	if (w->more)
		fprintf(stderr, "rcphub: %s (and %lu more times in the last %.0f s)\n", what, w->more, now - w->last);
	else
		fprintf(stderr, "rcphub: %s\n", what);
	w->last = now;
	w->more = 0;
}

static void conn_closed(struct evhttp_connection *c, void *arg)
{
	conn_delete(&((struct worker *)arg)->conns, c);
}

/* Closes a tracked connection now. */
static void conn_close(struct worker *w, struct evhttp_connection *evcon)
{
	conn_delete(&w->conns, evcon);
	evhttp_connection_free(evcon);
}

/* Whether an answer is still being written on the connection key. */
static int answering(void *key)
{
	struct bufferevent *bev = evhttp_connection_get_bufferevent(key);
	return evbuffer_get_length(bufferevent_get_output(bev)) > 0;
}

/* Closes a connection there is no room for; over plain HTTP it is told
 * so first (a 503 written straight to the socket, as nothing was read). */
static void refuse(struct worker *w, struct evhttp_connection *evcon, evutil_socket_t fd)
{
	static const char busy[] = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n"
				   "Content-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n"
				   "Cache-Control: no-store\r\nContent-Length: 32\r\n\r\ntoo many connections; try again\n";
	if (!w->tls && fd >= 0)
		(void)send(fd, busy, sizeof busy - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
	evhttp_connection_free(evcon);
}

/* Counts a connection evhttp has just accepted on bev: it gets room
 * (perhaps by shedding one that has sent nothing whole), or is closed. */
static void track(struct worker *w, struct evhttp_connection *evcon, struct bufferevent *bev)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	evutil_socket_t fd = bufferevent_getfd(bev);
	const struct sockaddr *peer = fd >= 0 && getpeername(fd, (struct sockaddr *)&ss, &len) == 0
					      ? (const struct sockaddr *)&ss : NULL;
	struct conn *victim;
	switch (conn_room(&w->conns, peer, answering, &victim)) {
	case CONN_SHED:
		warn_limited(&w->shed, "connections full: closed the oldest one that was not being answered");
		conn_close(w, victim->key);
		break;
	case CONN_REFUSE:
		warn_limited(&w->refused, "connections full, each of them serving: refused a new one");
		refuse(w, evcon, fd);
		return;
	case CONN_ROOM:
		break;
	}
	if (!conn_insert(&w->conns, evcon, peer, now_seconds())) {
		evhttp_connection_free(evcon);
		return;
	}
	evhttp_connection_set_closecb(evcon, conn_closed, w);
	/* Answers leave in one go: without this, the tail of a body larger
	 * than a segment waits for the client's delayed ACK (Nagle). */
	int one = 1;
	if (fd >= 0)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* A connection's bufferevent, made by us when evhttp accepts it, held
 * until the loop's next turn, when evhttp has made its connection. */
struct adoption {
	struct worker *w;
	struct bufferevent *bev;
};

static void adopt(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	struct adoption *a = arg;
	bufferevent_data_cb read_cb;
	void *evcon;
	bufferevent_getcb(a->bev, &read_cb, NULL, NULL, &evcon);
	/* No callbacks: evhttp has already closed it. */
	if (read_cb && evcon)
		track(a->w, evcon, a->bev);
	bufferevent_decref(a->bev);
	free(a);
}

/* Whether the len bytes at line are one status line and no more. */
static int is_status_line(const char *line, size_t len)
{
	return len > 12 && strncmp(line, "HTTP/1.", 7) == 0 && memcmp(line + len - 2, "\r\n", 2) == 0 &&
	       memchr(line, '\n', len - 1) == NULL;
}

/* libevent answers some requests itself, outside the router (400 for one
 * it cannot parse, 413 for a body over --max-body), with none of the
 * security headers and, in 2.1, no hook to add them. It writes such an
 * answer's status line in one piece of its own, so the headers are
 * added right after that line, before libevent's own headers. */
static void on_output(struct evbuffer *out, const struct evbuffer_cb_info *info, void *arg)
{
	struct worker *w = arg;
	char line[128];
	struct evbuffer_ptr at;
	if (w->routing || w->patching || info->n_added == 0 || info->n_added >= sizeof line ||
	    evbuffer_ptr_set(out, &at, info->orig_size, EVBUFFER_PTR_SET) ||
	    evbuffer_copyout_from(out, &at, line, info->n_added) != (ev_ssize_t)info->n_added ||
	    !is_status_line(line, info->n_added))
		return;
	w->patching = 1;
	evbuffer_add(out, w->own_answer_headers, strlen(w->own_answer_headers));
	w->patching = 0;
}

static struct bufferevent *new_bufferevent(struct event_base *base, void *arg)
{
	struct worker *w = arg;
	struct bufferevent *bev;
	if (w->tls) {
		SSL *ssl = SSL_new(w->tls);
		if (!ssl)
			return NULL;
		bev = bufferevent_openssl_socket_new(base, -1, ssl, BUFFEREVENT_SSL_ACCEPTING,
						     BEV_OPT_CLOSE_ON_FREE);
	} else {
		bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	}
	if (!bev)
		return NULL;
	/* An answer leaves in as few writes as the socket takes: libevent's
	 * default is 16 KiB a system call. */
	bufferevent_set_max_single_write(bev, MAX_SINGLE_WRITE);
	evbuffer_add_cb(bufferevent_get_output(bev), on_output, w);
	struct adoption *a = xcalloc(1, sizeof *a);
	*a = (struct adoption){ .w = w, .bev = bev };
	bufferevent_incref(bev);
	if (event_base_once(base, -1, EV_TIMEOUT, adopt, a, &(struct timeval){ 0, 0 })) {
		bufferevent_decref(bev);
		free(a);
	}
	return bev;
}

/* Closes the connections that have taken longer than the deadline to
 * send a whole request (those still being answered are left alone). */
static void sweep(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	struct worker *w = arg;
	struct conn **late = xcalloc(w->conns.count + 1, sizeof *late);
	size_t n = conn_overdue(&w->conns, now_seconds(), w->deadline, late, w->conns.count);
	for (size_t i = 0; i < n; i++) {
		struct evhttp_connection *evcon = late[i]->key;
		if (answering(evcon))
			continue;
		warn_limited(&w->late, "closed a connection that sent no whole request in time");
		conn_close(w, evcon);
	}
	free(late);
}

static void on_request(struct evhttp_request *req, void *arg)
{
	struct worker *w = arg;
	struct conn *c = conn_lookup(&w->conns, evhttp_request_get_connection(req));
	if (c) {
		c->since = now_seconds();
		c->served = 1;
	}
	w->routing = 1;
	router_handle(req, &w->site);
	w->routing = 0;
}

/* When accept() fails (descriptors ran out), the listener pauses for a
 * tenth of a second instead of spinning, and says so once in a while. */
static void resume_accepting(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	evconnlistener_enable(arg);
}

static void accept_failed(struct evconnlistener *listener, void *arg)
{
	(void)arg;
	static _Thread_local struct warning said;
	char what[160];
	snprintf(what, sizeof what, "cannot accept a connection (%s): pausing 100 ms",
		 evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
	warn_limited(&said, what);
	evconnlistener_disable(listener);
	event_base_once(evconnlistener_get_base(listener), -1, EV_TIMEOUT, resume_accepting, listener,
			&(struct timeval){ 0, 100000 });
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
	if (w->sweep)
		event_free(w->sweep);
	if (w->http)
		evhttp_free(w->http);
	if (w->base)
		event_base_free(w->base);
	registry_close(w->site.reg);
	if (w->site.cache)
		cache_free(w->site.cache);
	free(w->site.cache);
	if (w->conns.slots)
		conn_table_free(&w->conns);
	free(w->own_answer_headers);
}

static int worker_start(struct worker *w, const struct server_config *c, int fd, SSL_CTX *tls,
			char **err)
{
	w->tls = tls;
	w->deadline = c->timeout;
	w->own_answer_headers = http_security_header_lines(tls != NULL);
	conn_table_init(&w->conns, (size_t)c->max_connections, c->trusted_proxy ? 0 : (size_t)c->max_per_address);
	w->site.cache = xcalloc(1, sizeof *w->site.cache);
	w->site.tls = tls != NULL;
	w->site.trusted_proxy = c->trusted_proxy;
	w->site.second_factor = !c->second_factor_optional;
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
	struct evhttp_bound_socket *bound = NULL;
	if (!w->base || !(w->http = evhttp_new(w->base)) || own_fd < 0 ||
	    !(bound = evhttp_accept_socket_with_handle(w->http, own_fd)) ||
	    !(w->sweep = event_new(w->base, -1, EV_PERSIST, sweep, w)) ||
	    event_add(w->sweep, &(struct timeval){ 1, 0 })) {
		*err = xstrdup("cannot start an event loop");
		if (own_fd >= 0 && !bound)
			close(own_fd);
		return -1;
	}
	evconnlistener_set_error_cb(evhttp_bound_socket_get_listener(bound), accept_failed);
	evhttp_set_max_body_size(w->http, (ev_ssize_t)c->max_body);
	evhttp_set_max_headers_size(w->http, (ev_ssize_t)c->max_headers);
	evhttp_set_timeout(w->http, c->timeout);
	/* Every method libevent knows reaches the router, which answers 405 with
	 * the site's headers where libevent would answer 501 without them. */
	evhttp_set_allowed_methods(w->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST | EVHTTP_REQ_PUT |
					    EVHTTP_REQ_PATCH | EVHTTP_REQ_DELETE | EVHTTP_REQ_OPTIONS |
					    EVHTTP_REQ_TRACE | EVHTTP_REQ_CONNECT);
	evhttp_set_gencb(w->http, on_request, w);
	evhttp_set_bevcb(w->http, new_bufferevent, w);
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

/* Raises the soft descriptor limit to the hard one, and lowers c's
 * connection caps when even that cannot hold them; -1 when it cannot
 * hold a handful. */
static int fit_descriptor_limit(struct server_config *c, char **err)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl))
		return 0;
	if (rl.rlim_cur < rl.rlim_max) {
		rlim_t want = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > (1 << 20) ? (1 << 20) : rl.rlim_max;
		if (want > rl.rlim_cur) {
			rl.rlim_cur = want;
			setrlimit(RLIMIT_NOFILE, &rl);
			getrlimit(RLIMIT_NOFILE, &rl);
		}
	}
	long long limit = rl.rlim_cur == RLIM_INFINITY ? (1 << 20) : (long long)rl.rlim_cur;
	long long fits = (limit - FDS_SPARE) / c->threads - FDS_PER_WORKER;
	if (fits < 8) {
		*err = xasprintf("the descriptor limit (%lld) is too low for %d threads: raise it (ulimit -n, "
				 "LimitNOFILE=) or use fewer threads", limit, c->threads);
		return -1;
	}
	if (fits < c->max_connections) {
		fprintf(stderr, "rcphub: the descriptor limit (%lld) holds %lld connections per thread: "
			"--max-connections lowered from %d\n", limit, fits, c->max_connections);
		c->max_connections = (int)fits;
	}
	if (c->max_per_address < 0)
		c->max_per_address = c->max_connections / 4 > 16 ? c->max_connections / 4 : 16;
	return 0;
}

int server_run(const struct server_config *config, char **err)
{
	struct server_config fitted = *config, *c = &fitted;
	if (c->threads < 1 || c->threads > MAX_THREADS) {
		*err = xasprintf("--threads %d: use 1 to %d", c->threads, MAX_THREADS);
		return -1;
	}
	if (!c->tls_cert != !c->tls_key) {
		*err = xstrdup("--tls-cert and --tls-key go together");
		return -1;
	}
	if (fit_descriptor_limit(c, err))
		return -1;
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
