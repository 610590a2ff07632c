/* cache.h: rendered answers and their compressed forms, kept per worker while the data's version stays */
#ifndef RCPHUB_CACHE_H
#define RCPHUB_CACHE_H

#include <stddef.h>

#define CACHE_SLOTS 1024
/* Bytes a worker keeps at most; past them everything is dropped. */
#define CACHE_BYTES_MAX (64u * 1024 * 1024)

/* A kept body, shared by the cache and the sockets still sending it
 * (libevent's evbuffer_add_reference): freed when the last lets go. Used
 * by one worker thread only. */
struct held {
	int refs;
	char *data;
	size_t len;
};

struct cache_entry {
	char *key;
	long long version;  /* the data version it was rendered from */
	char *body;         /* = held->data: valid while the entry is */
	size_t len;
	char etag[35];
	struct held *held;
};

/* Owned by one worker thread; never shared. Zero-initialised is empty. */
struct cache {
	struct cache_entry slots[CACHE_SLOTS];
	size_t count, bytes;
};

/* The entry for key rendered at version, or NULL. It stays valid until
 * the next cache_put or cache_free. */
const struct cache_entry *cache_get(const struct cache *c, const char *key, long long version);
/* Keeps body (taken over) for key at version and returns the entry. When
 * half the slots, or CACHE_BYTES_MAX, would be used, all are dropped first
 * (bodies still being sent live on until sent). */
const struct cache_entry *cache_put(struct cache *c, const char *key, long long version,
				    char *body, size_t len);
/* A reference to e's body for a socket to send without copying: the
 * cleanup for evbuffer_add_reference is cache_let_go. */
struct held *cache_hold(const struct cache_entry *e);
void cache_let_go(const void *data, size_t len, void *held);
void cache_free(struct cache *c);

#endif
