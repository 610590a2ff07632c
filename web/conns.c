/* conns.c: a worker's open connections, counted from accept: a cap on all of them and on each address's share, and the one to shed when a new one needs room */
#include "conns.h"
#include "../core/xalloc.h"

#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void conn_table_init(struct conn_table *t, size_t max, size_t per_address)
{
	memset(t, 0, sizeof *t);
	t->max = max ? max : 1;
	t->per_address = per_address;
	for (t->cap = 16; t->cap < 2 * t->max; t->cap *= 2)
		;
	t->slots = xcalloc(t->cap, sizeof *t->slots);
}

void conn_table_free(struct conn_table *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->slots[i]);
	free(t->slots);
	memset(t, 0, sizeof *t);
}

static size_t home_of(const struct conn_table *t, const void *key)
{
	return ((uintptr_t)key >> 4) * 2654435761u & (t->cap - 1);
}

/* Whether key is in the table; *at is its slot or the free slot for it. */
static int find(const struct conn_table *t, const void *key, size_t *at)
{
	size_t i = home_of(t, key);
	while (t->slots[i] && t->slots[i]->key != key)
		i = (i + 1) & (t->cap - 1);
	*at = i;
	return t->slots[i] != NULL;
}

struct conn *conn_lookup(const struct conn_table *t, const void *key)
{
	size_t at;
	return find(t, key, &at) ? t->slots[at] : NULL;
}

/* The address bytes of peer into c (none for other families). */
static void set_peer(struct conn *c, const struct sockaddr *peer)
{
	if (peer && peer->sa_family == AF_INET) {
		memcpy(c->peer, &((const struct sockaddr_in *)peer)->sin_addr, 4);
		c->peer_len = 4;
	} else if (peer && peer->sa_family == AF_INET6) {
		memcpy(c->peer, &((const struct sockaddr_in6 *)peer)->sin6_addr, 16);
		c->peer_len = 16;
	}
}

struct conn *conn_insert(struct conn_table *t, void *key, const struct sockaddr *peer, double now)
{
	size_t at;
	if (find(t, key, &at))
		return t->slots[at];
	if (t->count + 1 >= t->cap)
		return NULL;
	struct conn *c = xcalloc(1, sizeof *c);
	c->key = key;
	c->since = now;
	set_peer(c, peer);
	t->slots[at] = c;
	t->count++;
	return c;
}

void conn_delete(struct conn_table *t, const void *key)
{
	size_t i;
	if (!find(t, key, &i))
		return;
	free(t->slots[i]);
	t->slots[i] = NULL;
	t->count--;
	/* Shift back later entries of the run whose home is not within (i, j]. */
	for (size_t j = (i + 1) & (t->cap - 1); t->slots[j]; j = (j + 1) & (t->cap - 1)) {
		size_t home = home_of(t, t->slots[j]->key);
		if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
			t->slots[i] = t->slots[j];
			t->slots[j] = NULL;
			i = j;
		}
	}
}

static int same_peer(const struct conn *c, const struct conn *probe)
{
	return probe->peer_len && c->peer_len == probe->peer_len && memcmp(c->peer, probe->peer, c->peer_len) == 0;
}

/* The oldest connection to close for a new one, among all (probe NULL) or
 * those from probe's address: one that never sent a whole request, else
 * an idle one; NULL when each is being answered. */
static struct conn *victim_for(const struct conn_table *t, const struct conn *probe, int (*busy)(void *key))
{
	struct conn *unserved = NULL, *idle = NULL;
	for (size_t i = 0; i < t->cap; i++) {
		struct conn *c = t->slots[i];
		if (!c || (probe && !same_peer(c, probe)))
			continue;
		if (!c->served && (!unserved || c->since < unserved->since))
			unserved = c;
		else if (c->served && !unserved && (!idle || c->since < idle->since) && !busy(c->key))
			idle = c;
	}
	return unserved ? unserved : idle;
}

enum conn_room conn_room(const struct conn_table *t, const struct sockaddr *peer, int (*busy)(void *key),
			 struct conn **victim)
{
	struct conn probe = { 0 };
	set_peer(&probe, peer);
	*victim = NULL;
	if (t->per_address && probe.peer_len) {
		size_t mine = 0;
		for (size_t i = 0; i < t->cap; i++)
			mine += t->slots[i] && same_peer(t->slots[i], &probe);
		if (mine >= t->per_address)
			return (*victim = victim_for(t, &probe, busy)) ? CONN_SHED : CONN_REFUSE;
	}
	if (t->count < t->max)
		return CONN_ROOM;
	return (*victim = victim_for(t, NULL, busy)) ? CONN_SHED : CONN_REFUSE;
}

size_t conn_overdue(const struct conn_table *t, double now, double deadline, struct conn **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < t->cap && n < max; i++)
		if (t->slots[i] && now - t->slots[i]->since > deadline)
			out[n++] = t->slots[i];
	return n;
}
