/* conns.h: a worker's open connections, counted from accept: a cap on all of them and on each address's share, and the one to shed when a new one needs room */
#ifndef RCPHUB_CONNS_H
#define RCPHUB_CONNS_H

#include <stddef.h>
#include <sys/socket.h>

/* One open connection. `key` is the server's handle for it (an
 * evhttp_connection); `peer` its address bytes (4 or 16). */
struct conn {
	void *key;
	unsigned char peer[16];
	size_t peer_len;
	double since;  /* when it was accepted, or its last request was read (seconds) */
	int served;    /* a whole request has been read on it */
};

/* An open-addressing set of connections by key, sized at twice the cap
 * (a power of two), with the caps it keeps. */
struct conn_table {
	struct conn **slots;
	size_t cap, count;
	size_t max;          /* open connections in all */
	size_t per_address;  /* open connections from one address; 0: no limit */
};

void conn_table_init(struct conn_table *t, size_t max, size_t per_address);
/* Frees the table and the connections it still holds. */
void conn_table_free(struct conn_table *t);
struct conn *conn_lookup(const struct conn_table *t, const void *key);
/* Adds a connection from peer (NULL: unknown) accepted at now; it
 * belongs to the table. The caller has made room (conn_room). */
struct conn *conn_insert(struct conn_table *t, void *key, const struct sockaddr *peer, double now);
/* Removes and frees the connection of key, if there is one. */
void conn_delete(struct conn_table *t, const void *key);

enum conn_room {
	CONN_ROOM,     /* it fits */
	CONN_SHED,     /* it fits once *victim is closed */
	CONN_REFUSE,   /* no room: every connection in the way is being answered */
};

/* Whether a new connection from peer fits under both caps, and if not,
 * which connection to close for it (from peer itself when it is peer's
 * share that is full): the oldest that never sent a whole request, else
 * the oldest idle one (sent a request, busy(key) says no answer is being
 * written: a kept-alive connection, which its client opens again). */
enum conn_room conn_room(const struct conn_table *t, const struct sockaddr *peer, int (*busy)(void *key),
			 struct conn **victim);

/* Up to max connections that have waited longer than deadline seconds
 * since accept or their last request, into out; returns how many. */
size_t conn_overdue(const struct conn_table *t, double now, double deadline, struct conn **out, size_t max);

#endif
