/* overlap.c: how two processes' memberships overlap: shared, exclusive, Jaccard */
#include "overlap.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

double overlap_jaccard(size_t na, size_t nb, size_t nshared)
{
	size_t uni = na + nb - nshared;
	return uni ? (double)nshared / (double)uni : 0.0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A sorted copy of the array without duplicates; *n is updated. */
static const char **sorted_set(const char *const *v, size_t *n)
{
	const char **s = xmalloc((*n + 1) * sizeof *s);
	if (*n)
		memcpy(s, v, *n * sizeof *s);
	qsort(s, *n, sizeof *s, str_cmp);
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (k == 0 || strcmp(s[k - 1], s[i]) != 0)
			s[k++] = s[i];
	*n = k;
	return s;
}

void overlap_compute(const char *const *a, size_t na, const char *const *b,
		     size_t nb, struct overlap *out)
{
	const char **sa = sorted_set(a, &na), **sb = sorted_set(b, &nb);
	memset(out, 0, sizeof *out);
	out->shared = xmalloc((na < nb ? na : nb) * sizeof(char *) + 1);
	out->only_a = xmalloc(na * sizeof(char *) + 1);
	out->only_b = xmalloc(nb * sizeof(char *) + 1);
	size_t i = 0, j = 0;
	while (i < na || j < nb) {
		int c = i == na ? 1 : j == nb ? -1 : strcmp(sa[i], sb[j]);
		if (c == 0) {
			out->shared[out->nshared++] = sa[i++];
			j++;
		} else if (c < 0) {
			out->only_a[out->nonly_a++] = sa[i++];
		} else {
			out->only_b[out->nonly_b++] = sb[j++];
		}
	}
	out->jaccard = overlap_jaccard(na, nb, out->nshared);
	free(sa);
	free(sb);
}

void overlap_free(struct overlap *o)
{
	free(o->shared);
	free(o->only_a);
	free(o->only_b);
	memset(o, 0, sizeof *o);
}
