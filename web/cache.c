/* cache.c: rendered answers and their compressed forms, kept per worker while the data's version stays */
#include "cache.h"
#include "http.h"
#include "../core/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a of key, as a slot number. */
static size_t slot_of(const char *key)
{
	uint64_t h = 1469598103934665603ULL;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (size_t)(h & (CACHE_SLOTS - 1));
}

/* The slot holding key, or the empty slot where it would go. */
static size_t find(const struct cache *c, const char *key)
{
	size_t i = slot_of(key);
	while (c->slots[i].key && strcmp(c->slots[i].key, key) != 0)
		i = (i + 1) & (CACHE_SLOTS - 1);
	return i;
}

const struct cache_entry *cache_get(const struct cache *c, const char *key, long long version)
{
	const struct cache_entry *e = &c->slots[find(c, key)];
	return e->key && e->version == version ? e : NULL;
}

static void let_go(struct held *h)
{
	if (h && --h->refs == 0) {
		free(h->data);
		free(h);
	}
}

struct held *cache_hold(const struct cache_entry *e)
{
	e->held->refs++;
	return e->held;
}

void cache_let_go(const void *data, size_t len, void *held)
{
	(void)data;
	(void)len;
	let_go(held);
}

const struct cache_entry *cache_put(struct cache *c, const char *key, long long version,
				    char *body, size_t len)
{
	if (c->count >= CACHE_SLOTS / 2 || c->bytes + len > CACHE_BYTES_MAX)
		cache_free(c);
	struct cache_entry *e = &c->slots[find(c, key)];
	if (e->key) {
		c->bytes -= e->len;
		let_go(e->held);
	} else {
		e->key = xstrdup(key);
		c->count++;
	}
	e->held = xmalloc(sizeof *e->held);
	*e->held = (struct held){ .refs = 1, .data = body, .len = len };
	e->version = version;
	e->body = body;
	e->len = len;
	c->bytes += len;
	http_etag(body, len, e->etag);
	return e;
}

void cache_free(struct cache *c)
{
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		free(c->slots[i].key);
		let_go(c->slots[i].held);
	}
	memset(c, 0, sizeof *c);
}
