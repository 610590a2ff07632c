/* names.c: an index from names (folded) to identifiers, with suggestions */
#include "names.h"
#include "text.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int key_cmp(const void *a, const void *b)
{
	const struct name_key *x = a, *y = b;
	return strcmp(x->key, y->key);
}

static void ensure_sorted(struct name_index *idx)
{
	if (!idx->sorted && idx->n > 0) {
		qsort(idx->keys, idx->n, sizeof *idx->keys, key_cmp);
		idx->sorted = 1;
	}
}

static struct name_key *find_key(struct name_index *idx, const char *folded)
{
	if (idx->n == 0)
		return NULL;
	ensure_sorted(idx);
	struct name_key probe = { .key = (char *)folded };
	return bsearch(&probe, idx->keys, idx->n, sizeof *idx->keys, key_cmp);
}

static int add_folded(struct name_index *idx, char *folded, const char *id,
		      const char **other);

int names_add(struct name_index *idx, const char *name, const char *id,
	      const char **other)
{
	const char *comma = strrchr(name, ',');
	if (comma) {
		/* "Korea, Republic of" is also "Republic of Korea" */
		char *inverted = xasprintf("%s %.*s", comma + 1, (int)(comma - name), name);
		char *folded = text_fold(inverted);
		free(inverted);
		if (add_folded(idx, folded, id, other))
			return -1;
	}
	return add_folded(idx, text_fold(name), id, other);
}

/* Adds a folded key (taken over) for id. */
static int add_folded(struct name_index *idx, char *folded, const char *id,
		      const char **other)
{
	if (!*folded) {
		free(folded);
		return 0;
	}
	struct name_key *existing = find_key(idx, folded);
	if (existing) {
		free(folded);
		if (strcmp(existing->id, id) == 0)
			return 0;
		if (other)
			*other = existing->id;
		return -1;
	}
	if (idx->n == idx->cap) {
		idx->cap = idx->cap ? idx->cap * 2 : 64;
		idx->keys = xrealloc(idx->keys, idx->cap * sizeof *idx->keys);
	}
	idx->keys[idx->n++] = (struct name_key){ folded, xstrdup(id) };
	idx->sorted = 0;
	return 0;
}

static const char *lookup_folded(struct name_index *idx, const char *folded)
{
	struct name_key *k = find_key(idx, folded);
	return k ? k->id : NULL;
}

const char *names_lookup(struct name_index *idx, const char *name)
{
	char *folded = text_fold(name);
	const char *id = lookup_folded(idx, folded);
	if (!id && strncmp(folded, "the ", 4) == 0)
		id = lookup_folded(idx, folded + 4);
	free(folded);
	return id;
}

struct candidate {
	const char *id;
	size_t score;
};

static int candidate_cmp(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* The smallest edit distance between q and a run of the key that starts
 * at a word and is as long as q: "pueblo" is 1 from "puebla process". */
static size_t word_distance(const char *key, const char *q)
{
	size_t n = strlen(q), best = (size_t)-1;
	char *run = xmalloc(n + 1);
	for (const char *p = key; p; p = strchr(p + 1, ' ')) {
		if (*p == ' ')
			p++;
		snprintf(run, n + 1, "%s", p);
		size_t d = text_distance(q, run);
		if (d < best)
			best = d;
	}
	free(run);
	return best;
}

/* Distinct ids of candidates in order; fills ids and returns the count. */
static size_t distinct_ids(struct candidate *c, size_t nc, const char **ids, size_t max)
{
	qsort(c, nc, sizeof *c, candidate_cmp);
	size_t n = 0;
	for (size_t i = 0; i < nc && n < max; i++) {
		int seen = 0;
		for (size_t j = 0; j < n; j++)
			seen |= strcmp(ids[j], c[i].id) == 0;
		if (!seen)
			ids[n++] = c[i].id;
	}
	return n;
}

size_t names_suggest(struct name_index *idx, const char *name,
		     const char **ids, size_t max)
{
	char *q = text_fold(name);
	size_t qlen = strlen(q);
	size_t limit = qlen / 3 > 2 ? qlen / 3 : 2;
	struct candidate *c = xmalloc((idx->n + 1) * sizeof *c);
	size_t nc = 0;
	for (size_t i = 0; i < idx->n; i++) {
		size_t d = text_distance(q, idx->keys[i].key);
		if (d <= limit) {
			c[nc++] = (struct candidate){ idx->keys[i].id, d };
			continue;
		}
		size_t w = qlen >= 3 ? word_distance(idx->keys[i].key, q) : (size_t)-1;
		if (w <= qlen / 4)
			c[nc++] = (struct candidate){ idx->keys[i].id, limit + 1 + w };
	}
	size_t n = distinct_ids(c, nc, ids, max);
	free(c);
	free(q);
	return n;
}

/* Where the folded query q stands in key: 0 for the whole key, 1 at the
 * start of a word, 2 inside a word; -1 if it does not. */
static int match_rank(const char *key, const char *q)
{
	if (strcmp(key, q) == 0)
		return 0;
	int rank = -1;
	for (const char *p = strstr(key, q); p; p = strstr(p + 1, q)) {
		int at_word = p == key || p[-1] == ' ';
		if (at_word)
			return 1;
		rank = 2;
	}
	return rank;
}


size_t names_search(struct name_index *idx, const char *query, const char **ids, size_t max)
{
	char *q = text_fold(query);
	size_t n = 0;
	if (*q) {
		struct candidate *c = xmalloc((idx->n + 1) * sizeof *c);
		size_t nc = 0;
		for (size_t i = 0; i < idx->n; i++) {
			int rank = match_rank(idx->keys[i].key, q);
			if (rank >= 0)
				c[nc++] = (struct candidate){ idx->keys[i].id, (size_t)rank };
		}
		n = distinct_ids(c, nc, ids, max);
		free(c);
	}
	free(q);
	return n;
}

void names_free(struct name_index *idx)
{
	for (size_t i = 0; i < idx->n; i++) {
		free(idx->keys[i].key);
		free(idx->keys[i].id);
	}
	free(idx->keys);
	memset(idx, 0, sizeof *idx);
}
