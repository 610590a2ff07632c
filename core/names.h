/* names.h: an index from names (folded) to identifiers, with suggestions */
#ifndef RCPHUB_NAMES_H
#define RCPHUB_NAMES_H

#include <stddef.h>

struct name_key {
	char *key;   /* folded name */
	char *id;    /* identifier the name stands for */
};

struct name_index {
	struct name_key *keys;
	size_t n, cap;
	int sorted;
};

/* Adds name for id; both are copied. "X, Y" is added as "Y X" too. A
 * name that folds to nothing is ignored. Returns 0, or -1 if the folded name already stands for another
 * id (*other is then set to that id; it stays owned by the index). */
int names_add(struct name_index *idx, const char *name, const char *id,
	      const char **other);

/* The id that name stands for, or NULL. Tries the name as given, then
 * without a leading "the ". The returned
 * pointer is owned by the index and valid until names_free. */
const char *names_lookup(struct name_index *idx, const char *name);

/* Up to max distinct ids whose names are closest to name (edit distance
 * of folded forms within a third of the name's length, or nearly the
 * start of one of a name's words), best first. Fills ids[] with pointers owned by the
 * index and returns their number. */
size_t names_suggest(struct name_index *idx, const char *name,
		     const char **ids, size_t max);

/* Up to max distinct ids with a name containing query (folded): whole
 * names first, then matches at the start of a word, then inside one.
 * The ids are owned by the index. */
size_t names_search(struct name_index *idx, const char *query, const char **ids, size_t max);

void names_free(struct name_index *idx);

#endif
