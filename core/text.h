/* text.h: folding names for matching, edit distance, locating text in files */
#ifndef RCPHUB_TEXT_H
#define RCPHUB_TEXT_H

#include <stddef.h>

/* Folds a UTF-8 name into a matching key: accents removed (transliterated
 * to ASCII), lower case, every run of other characters one space, no
 * leading or trailing space. "Söderköping Process" -> "soderkoping process".
 * Needs LC_CTYPE set to a UTF-8 locale for transliteration (text_init).
 * Returns a new string the caller frees; invalid UTF-8 bytes are dropped. */
char *text_fold(const char *s);

/* Selects a UTF-8 LC_CTYPE so that text_fold can transliterate; call once
 * at start-up. Returns 0, or -1 when no UTF-8 locale is available. */
int text_init(void);

/* Levenshtein distance between two strings, counted in bytes. */
size_t text_distance(const char *a, const char *b);

/* The 1-based line of the first occurrence of needle in text, or 0. */
int text_line_of(const char *text, const char *needle);

/* The same for text in any of the processes' languages: Latin letters
 * lose their accents as in text_fold, Cyrillic letters are lowercased (ё
 * read as е), Arabic loses its vowel marks and tatweel (and alef's forms
 * read as one); other scripts are kept. Words are separated by one
 * space. The caller frees the result. */
char *text_fold_words(const char *s);

/* Whether a and b are both NULL, or the same text. */
int text_same(const char *a, const char *b);

/* Whether s is valid UTF-8. */
int text_is_utf8(const char *s);
/* The record number text gives (digits only, above 0), or -1. */
long long text_number(const char *text);

#endif
