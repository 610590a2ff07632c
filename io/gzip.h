/* gzip.h: gzip compression of answers (zlib) */
#ifndef RCPHUB_GZIP_H
#define RCPHUB_GZIP_H

#include <stddef.h>

/* The gzip form of len bytes at data in *out (caller frees) and its
 * length in *out_len. Returns 0, or -1 if zlib fails (nothing to free). */
int gzip_compress(const void *data, size_t len, char **out, size_t *out_len);

#endif
