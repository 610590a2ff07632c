/* search.c: a search's words, whether a text holds them, and the excerpt that shows them */
#include "search.h"
#include "text.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const search_kind_names[SEARCH_KIND_COUNT] = {
	[SEARCH_DOCUMENT] = "document", [SEARCH_MEETING] = "meeting", [SEARCH_PLAN] = "plan",
	[SEARCH_INDICATOR] = "indicator", [SEARCH_EVIDENCE] = "evidence",
};

enum search_kind search_kind_of(const char *name)
{
	int k = 0;
	while (k < SEARCH_KIND_COUNT && (!name || strcmp(search_kind_names[k], name) != 0))
		k++;
	return (enum search_kind)k;
}

void search_hit_list_free(struct search_hit_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].process);
	free(l->items);
	memset(l, 0, sizeof *l);
}

int search_words_parse(const char *query, struct search_words *out)
{
	memset(out, 0, sizeof *out);
	char *folded = text_fold_words(query ? query : "");
	for (char *word = strtok(folded, " "); word && out->n < SEARCH_WORDS_MAX; word = strtok(NULL, " ")) {
		size_t i = 0;
		while (i < out->n && strcmp(out->words[i], word) != 0)
			i++;
		if (i == out->n)
			out->words[out->n++] = xstrdup(word);
	}
	free(folded);
	return out->n ? 0 : -1;
}

void search_words_free(struct search_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->words[i]);
	memset(w, 0, sizeof *w);
}

/* Whether folded (words separated by single spaces) has a word starting with word. */
static int holds_word(const char *folded, const char *word)
{
	for (const char *p = strstr(folded, word); p; p = strstr(p + 1, word))
		if (p == folded || p[-1] == ' ')
			return 1;
	return 0;
}

int search_text_holds(const char *text, const struct search_words *w)
{
	char *folded = text_fold_words(text ? text : "");
	size_t i = 0;
	while (i < w->n && holds_word(folded, w->words[i]))
		i++;
	free(folded);
	return w->n && i == w->n;
}

/* Whether a byte ends a run of text (a word as written, with its accents
 * and any punctuation outside ASCII). */
static int separates(unsigned char c)
{
	return c < 0x80 && !isalnum(c);
}

/* Whether the run of len bytes at p, folded, has a word starting with one of w. */
static int run_matches(const char *p, size_t len, const struct search_words *w)
{
	int ascii = 1;
	for (size_t i = 0; i < len && ascii; i++)
		ascii = (unsigned char)p[i] < 0x80;
	if (ascii) {
		for (size_t k = 0; k < w->n; k++) {
			size_t n = strlen(w->words[k]);
			if (n <= len && strncasecmp(p, w->words[k], n) == 0)
				return 1;
		}
		return 0;
	}
	char *run = xasprintf("%.*s", (int)len, p), *folded = text_fold_words(run);
	int found = 0;
	for (size_t k = 0; k < w->n && !found; k++)
		found = holds_word(folded, w->words[k]);
	free(folded);
	free(run);
	return found;
}

/* The next run at or after *at in text: its start and length; 0 at the end. */
static int next_run(const char *text, size_t *at, size_t *len)
{
	size_t i = *at;
	while (text[i] && separates((unsigned char)text[i]))
		i++;
	if (!text[i])
		return 0;
	size_t j = i;
	while (text[j] && !separates((unsigned char)text[j]))
		j++;
	*at = i;
	*len = j - i;
	return 1;
}

/* Where the excerpt of width bytes around match begins and ends, at spaces. */
static void window(const char *text, size_t total, size_t match, size_t width, size_t *from, size_t *to)
{
	size_t start = match > width / 3 ? match - width / 3 : 0;
	if (start) {
		size_t s = start;
		while (s < match && text[s] != ' ' && text[s] != '\n')
			s++;
		start = s < match ? s + 1 : match;
	}
	size_t end = start + width < total ? start + width : total;
	if (end < total) {
		size_t e = end;
		while (e > match && text[e] != ' ' && text[e] != '\n')
			e--;
		end = e > match ? e : end;
		while (end < total && ((unsigned char)text[end] & 0xc0) == 0x80)
			end++;  /* never inside a character */
	}
	*from = start;
	*to = end;
}

void search_snippet(const char *text, const struct search_words *w, size_t width, struct snippet *out)
{
	memset(out, 0, sizeof *out);
	text = text ? text : "";
	size_t total = strlen(text), at = 0, len = 0, first = total;
	while (next_run(text, &at, &len)) {
		if (run_matches(text + at, len, w)) {
			first = at;
			break;
		}
		at += len;
	}
	size_t from, to;
	window(text, total, first == total ? 0 : first, width, &from, &to);
	out->text = xasprintf("%.*s", (int)(to - from), text + from);
	for (char *p = out->text; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	out->cut_before = from > 0;
	out->cut_after = to < total;
	for (at = first; at < to && out->nmarks < SNIPPET_MARKS_MAX && next_run(text, &at, &len) && at < to;
	     at += len) {
		if (at + len <= to && run_matches(text + at, len, w)) {
			out->marks[out->nmarks].at = at - from;
			out->marks[out->nmarks++].len = len;
		}
	}
}

void snippet_free(struct snippet *s)
{
	free(s->text);
	memset(s, 0, sizeof *s);
}

const char *const found_kind_keys[FOUND_KIND_COUNT] = {
	[FOUND_REGISTRY_TEXT] = "registry_text", [FOUND_DOCUMENT] = "document", [FOUND_MEETING] = "meeting",
	[FOUND_PLAN] = "plan", [FOUND_INDICATOR] = "indicator", [FOUND_GLOSSARY] = "glossary",
	[FOUND_EVIDENCE] = "evidence",
};

void found_list_free(struct found_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct found *f = &l->items[i];
		free(f->process);
		free(f->title);
		free(f->what);
		free(f->key);
		snippet_free(&f->snippet);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}
