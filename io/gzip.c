/* gzip.c: gzip compression of answers (zlib) */
#include "gzip.h"
#include "../core/xalloc.h"

#include <stdlib.h>
#include <zlib.h>

/* Fast rather than small: answers are compressed as they are sent. */
#define LEVEL 3

int gzip_compress(const void *data, size_t len, char **out, size_t *out_len)
{
	z_stream z = { 0 };
	/* 15 + 16: the largest window, with a gzip header and trailer. */
	if (deflateInit2(&z, LEVEL, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	size_t cap = deflateBound(&z, (uLong)len);
	*out = xmalloc(cap);
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)*out;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	*out_len = cap - z.avail_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}
