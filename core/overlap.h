/* overlap.h: how two processes' memberships overlap: shared, exclusive, Jaccard */
#ifndef RCPHUB_OVERLAP_H
#define RCPHUB_OVERLAP_H

#include <stddef.h>

struct overlap {
	const char **shared;  /* codes in both, sorted */
	size_t nshared;
	const char **only_a;
	size_t nonly_a;
	const char **only_b;
	size_t nonly_b;
	double jaccard;       /* |A and B| / |A or B|; 0 when both are empty */
};

/* Overlap of every pair of n processes: n x n, row-major. */
struct overlap_matrix {
	size_t n;
	double *jaccard;
	size_t *shared;
};

/* |A and B| / |A or B| for set sizes na, nb and nshared in common. */
double overlap_jaccard(size_t na, size_t nb, size_t nshared);

/* Compares two sets of codes (any order, duplicates ignored). The arrays
 * in out point at the callers' strings, which must outlive out; free the
 * arrays with overlap_free. */
void overlap_compute(const char *const *a, size_t na, const char *const *b,
		     size_t nb, struct overlap *out);
void overlap_free(struct overlap *o);

#endif
