/* cache.h: rendered registry answers, kept per worker while the registry's version stays */
#ifndef RCPHUB_CACHE_H
#define RCPHUB_CACHE_H

#include <stddef.h>

#define CACHE_SLOTS 1024

struct cache_entry {
	char *key;
	long long version;  /* the registry version it was rendered from */
	char *body;
	size_t len;
	char etag[35];
};

/* Owned by one worker thread; never shared. Zero-initialised is empty. */
struct cache {
	struct cache_entry slots[CACHE_SLOTS];
	size_t count;
};

/* The entry for key rendered at version, or NULL. It stays valid until
 * the next cache_put or cache_free. */
const struct cache_entry *cache_get(const struct cache *c, const char *key, long long version);
/* Keeps body (taken over: the cache frees it) for key at version and
 * returns the entry. When half the slots are used, all are dropped first. */
const struct cache_entry *cache_put(struct cache *c, const char *key, long long version,
				    char *body, size_t len);
void cache_free(struct cache *c);

#endif
