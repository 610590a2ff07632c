/* html.c: HTML and SVG written only through escaping writers into a growable buffer */
#include "html.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_raw(struct buf *b, const char *literal)
{
	buf_append(b, literal, strlen(literal));
}

/* Writes the n bytes at s with the characters HTML gives meaning to replaced. */
static void escaped(struct buf *b, const char *s, size_t n)
{
	const char *run = s, *end = s + n;
	for (; s < end; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(b, run, (size_t)(s - run));
		html_raw(b, rep);
		run = s + 1;
	}
	buf_append(b, run, (size_t)(s - run));
}

void html_txt(struct buf *b, const char *text)
{
	if (text)
		escaped(b, text, strlen(text));
}

void html_txt_n(struct buf *b, const char *text, size_t n)
{
	escaped(b, text, n);
}

void html_attr(struct buf *b, const char *value)
{
	if (value)
		escaped(b, value, strlen(value));
}

void html_url_arg(struct buf *b, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)(value ? value : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_append(b, (const char *)p, 1);
		} else {
			char enc[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			buf_append(b, enc, 3);
		}
	}
}

void html_int(struct buf *b, long long v)
{
	char s[24];
	int n = snprintf(s, sizeof s, "%lld", v);
	buf_append(b, s, (size_t)n);
}

void html_num(struct buf *b, double v, int decimals)
{
	char s[48];
	int n = snprintf(s, sizeof s, "%.*f", decimals < 0 ? 0 : decimals > 6 ? 6 : decimals, v);
	buf_append(b, s, (size_t)n);
}
