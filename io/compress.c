/* compress.c: answers compressed with gzip (zlib) and Brotli (libbrotlienc) */
#include "compress.h"
#include "../core/xalloc.h"

#include <brotli/encode.h>
#include <stdlib.h>
#include <zlib.h>

int gzip_compress(const void *data, size_t len, enum effort effort, char **out, size_t *out_len)
{
	z_stream z = { 0 };
	/* 15 + 16: the largest window, with a gzip header and trailer. */
	if (deflateInit2(&z, effort == COMPRESS_BEST ? 9 : 3, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
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

int brotli_compress(const void *data, size_t len, enum effort effort, char **out, size_t *out_len)
{
	size_t cap = BrotliEncoderMaxCompressedSize(len);
	if (!cap)
		return -1;
	*out = xmalloc(cap);
	*out_len = cap;
	/* Quality 11 is the smallest and slowest; 5 is about gzip's speed. */
	if (!BrotliEncoderCompress(effort == COMPRESS_BEST ? 11 : 5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, len,
				   data, out_len, (uint8_t *)*out)) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}
