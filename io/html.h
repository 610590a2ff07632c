/* html.h: HTML and SVG written only through escaping writers into a growable buffer */
#ifndef RCPHUB_HTML_H
#define RCPHUB_HTML_H

#include "../core/buf.h"

/* Markup written by the program itself: a string literal, never data. */
void html_raw(struct buf *b, const char *literal);
/* Text content: & < > " ' escaped. NULL writes nothing. */
void html_txt(struct buf *b, const char *text);
/* The same for the first n bytes of text. */
void html_txt_n(struct buf *b, const char *text, size_t n);
/* An attribute value, to stand between double quotes. */
void html_attr(struct buf *b, const char *value);
/* A value inside a URL's path or query: percent-encoded (then safe in an
 * attribute as it is). */
void html_url_arg(struct buf *b, const char *value);
/* Numbers, for text and SVG coordinates. */
void html_int(struct buf *b, long long v);
void html_num(struct buf *b, double v, int decimals);

#endif
