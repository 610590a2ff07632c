/* text.c: folding names for matching, edit distance, locating text in files */
#include "text.h"
#include "buf.h"
#include "xalloc.h"

#include <ctype.h>
#include <iconv.h>
#include <locale.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int text_init(void)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "C.utf8"))
		return 0;
	return -1;
}

int text_is_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t extra;
		uint32_t cp;
		if (*p < 0x80) {
			p++;
			continue;
		} else if ((*p & 0xE0) == 0xC0) {
			extra = 1, cp = *p & 0x1F;
		} else if ((*p & 0xF0) == 0xE0) {
			extra = 2, cp = *p & 0x0F;
		} else if ((*p & 0xF8) == 0xF0) {
			extra = 3, cp = *p & 0x07;
		} else {
			return 0;
		}
		for (size_t i = 1; i <= extra; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
		    (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		p += extra + 1;
	}
	return 1;
}

/* Transliterates UTF-8 to ASCII; characters without an ASCII form become
 * '?', which folding then treats as a separator. Returns a new string. */
static char *to_ascii(const char *s)
{
	size_t inlen = strlen(s);
	size_t cap = inlen * 4 + 16;
	char *out = xmalloc(cap);
	iconv_t cd = iconv_open("ASCII//TRANSLIT", "UTF-8");
	if (cd == (iconv_t)-1 || !text_is_utf8(s)) {
		size_t j = 0;
		for (size_t i = 0; i < inlen; i++)
			if ((unsigned char)s[i] < 0x80)
				out[j++] = s[i];
		out[j] = '\0';
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		return out;
	}
	char *in = (char *)s, *op = out;
	size_t left = inlen, room = cap - 1;
	while (left > 0) {
		if (iconv(cd, &in, &left, &op, &room) != (size_t)-1)
			break;
		if (room < 4)
			break;
		/* an unconvertible sequence: skip one byte and go on */
		in++, left--;
		*op++ = '?', room--;
	}
	*op = '\0';
	iconv_close(cd);
	return out;
}

char *text_fold(const char *s)
{
	char *ascii = to_ascii(s);
	size_t j = 0;
	int pending_space = 0;
	for (size_t i = 0; ascii[i]; i++) {
		unsigned char c = (unsigned char)ascii[i];
		if (isalnum(c)) {
			if (pending_space && j > 0)
				ascii[j++] = ' ';
			pending_space = 0;
			ascii[j++] = (char)tolower(c);
		} else {
			pending_space = 1;
		}
	}
	ascii[j] = '\0';
	return ascii;
}

size_t text_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = xmalloc((lb + 1) * sizeof *row);
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t d = row[lb];
	free(row);
	return d;
}

int text_line_of(const char *text, const char *needle)
{
	const char *hit = strstr(text, needle);
	if (!hit)
		return 0;
	int line = 1;
	for (const char *p = text; p < hit; p++)
		if (*p == '\n')
			line++;
	return line;
}

/* Reads the code point at *s (valid UTF-8), moving *s past it. */
static unsigned next_code_point(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned cp;
	int extra;
	if (p[0] < 0x80)
		cp = p[0], extra = 0;
	else if (p[0] < 0xe0)
		cp = p[0] & 0x1f, extra = 1;
	else if (p[0] < 0xf0)
		cp = p[0] & 0x0f, extra = 2;
	else
		cp = p[0] & 0x07, extra = 3;
	for (int i = 1; i <= extra && p[i]; i++)
		cp = (cp << 6) | (p[i] & 0x3f);
	*s = p + 1;
	for (int i = 1; i <= extra && **s; i++)
		(*s)++;
	return cp;
}

static void put_code_point(struct buf *b, unsigned cp)
{
	char out[4];
	size_t n;
	if (cp < 0x80) {
		out[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		out[0] = (char)(0xf0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_append(b, out, n);
}

/* What a code point becomes in folded text: 0 to drop it, '\n' for a
 * word separator, else the code point to keep (latin set for Latin
 * letters, which go through the ASCII transliteration). */
static unsigned fold_code_point(unsigned cp, int *latin)
{
	*latin = 0;
	if (cp < 0x80)
		return isalnum((int)cp) ? (unsigned)tolower((int)cp) : '\n';
	if (cp >= 0x300 && cp < 0x370)
		return 0;  /* combining accents */
	if (cp < 0x370) {
		*latin = 1;
		return cp;
	}
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp == 0x401 ? 0x435 : cp + 0x50;
	if (cp == 0x451)
		return 0x435;
	if ((cp >= 0x64b && cp <= 0x65f) || cp == 0x670 || cp == 0x640)
		return 0;  /* Arabic vowel marks and tatweel */
	if (cp == 0x622 || cp == 0x623 || cp == 0x625 || cp == 0x671)
		return 0x627;
	if (cp == 0x60c || cp == 0x61b || cp == 0x61f || cp == 0x66a || cp == 0x66b || cp == 0x66c ||
	    (cp >= 0x2000 && cp <= 0x206f) || cp == 0xa0 || cp == 0x3000)
		return '\n';
	return cp;
}

char *text_fold_words(const char *s)
{
	struct buf b = { 0 };
	int pending_space = 0;
	if (!text_is_utf8(s))
		return xstrdup("");
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int latin;
		unsigned cp = fold_code_point(next_code_point(&p), &latin);
		if (!cp)
			continue;
		if (cp == '\n') {
			pending_space = 1;
			continue;
		}
		struct buf one = { 0 };
		put_code_point(&one, cp);
		buf_append(&one, "", 1);
		char *ascii = latin ? to_ascii(one.data) : NULL;
		const char *keep = ascii ? ascii : one.data;
		for (const char *k = keep; *k; k++) {
			if (latin && !isalnum((unsigned char)*k)) {
				pending_space = 1;
				continue;
			}
			if (pending_space && b.len)
				buf_append(&b, " ", 1);
			pending_space = 0;
			char c = latin ? (char)tolower((unsigned char)*k) : *k;
			buf_append(&b, &c, 1);
		}
		free(ascii);
		buf_free(&one);
	}
	return b.data ? buf_release(&b, NULL) : xstrdup("");
}

int text_same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

long long text_number(const char *text)
{
	if (!text || *text < '0' || *text > '9')
		return -1;
	char *end;
	errno = 0;
	long long n = strtoll(text, &end, 10);
	return n > 0 && !*end && errno == 0 ? n : -1;
}
