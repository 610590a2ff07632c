/* compress.h: answers compressed with gzip (zlib) and Brotli (libbrotlienc) */
#ifndef RCPHUB_COMPRESS_H
#define RCPHUB_COMPRESS_H

#include <stddef.h>

/* How hard to try: FAST for an answer compressed as it is sent, BEST for
 * one compressed once and kept. */
enum effort { COMPRESS_FAST, COMPRESS_BEST };

/* The gzip, or Brotli, form of len bytes at data in *out (caller frees)
 * and its length in *out_len. Returns 0, or -1 if the library fails
 * (nothing to free). */
int gzip_compress(const void *data, size_t len, enum effort effort, char **out, size_t *out_len);
int brotli_compress(const void *data, size_t len, enum effort effort, char **out, size_t *out_len);

#endif
