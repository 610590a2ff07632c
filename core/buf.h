/* buf.h: a growable byte buffer, for text built a piece at a time */
#ifndef RCPHUB_BUF_H
#define RCPHUB_BUF_H

#include <stddef.h>

/* A growable byte buffer. Zero-initialised is empty; memory runs out
 * only by aborting (xalloc). */
struct buf {
	char *data;
	size_t len, cap;
};

void buf_append(struct buf *b, const char *s, size_t n);
/* Appends printf-style text; fmt is the program's own, never data. */
void buf_appendf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The bytes, NUL-terminated, handed to the caller (who frees them); the
 * buffer is empty afterwards. *len (if not NULL) is their length. */
char *buf_release(struct buf *b, size_t *len);
void buf_free(struct buf *b);

#endif
