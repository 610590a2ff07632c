/* html.h: HTML and SVG written only through escaping writers into a growable buffer */
#ifndef RCPHUB_HTML_H
#define RCPHUB_HTML_H

#include <stddef.h>

/* A growable byte buffer. Zero-initialised is empty; memory runs out
 * only by aborting (xalloc). */
struct buf {
	char *data;
	size_t len, cap;
};

void buf_append(struct buf *b, const char *s, size_t n);
/* The bytes, NUL-terminated, handed to the caller (who frees them); the
 * buffer is empty afterwards. *len (if not NULL) is their length. */
char *buf_release(struct buf *b, size_t *len);
void buf_free(struct buf *b);

/* Markup written by the program itself: a string literal, never data. */
void html_raw(struct buf *b, const char *literal);
/* Text content: & < > " ' escaped. NULL writes nothing. */
void html_txt(struct buf *b, const char *text);
/* An attribute value, to stand between double quotes. */
void html_attr(struct buf *b, const char *value);
/* A value inside a URL's path or query: percent-encoded (then safe in an
 * attribute as it is). */
void html_url_arg(struct buf *b, const char *value);
/* Numbers, for text and SVG coordinates. */
void html_int(struct buf *b, long long v);
void html_num(struct buf *b, double v, int decimals);

#endif
