/* search.h: a search's words, whether a text holds them, and the excerpt that shows them */
#ifndef RCPHUB_SEARCH_H
#define RCPHUB_SEARCH_H

#include <stddef.h>

#define SEARCH_WORDS_MAX 8

/* The records the full-text index holds, besides the registry's own
 * texts (searched in memory). */
enum search_kind { SEARCH_DOCUMENT, SEARCH_MEETING, SEARCH_PLAN, SEARCH_INDICATOR, SEARCH_EVIDENCE, SEARCH_KIND_COUNT };
/* "document", "meeting", "plan", "indicator", "evidence" */
extern const char *const search_kind_names[SEARCH_KIND_COUNT];
/* The kind named, or SEARCH_KIND_COUNT. */
enum search_kind search_kind_of(const char *name);

/* One record the index found: what it is and its process. */
struct search_hit {
	enum search_kind kind;
	long long ref;
	char *process;
};

struct search_hit_list {
	struct search_hit *items;
	size_t n;
};

void search_hit_list_free(struct search_hit_list *l);
#define SNIPPET_MARKS_MAX 16

/* A query as folded words (text_fold_words), each a prefix to find at
 * the start of a word; duplicates and words past SEARCH_WORDS_MAX left
 * out. Owns its words. */
struct search_words {
	char *words[SEARCH_WORDS_MAX];
	size_t n;
};

/* Splits query into words; 0, or -1 when it holds no word. */
int search_words_parse(const char *query, struct search_words *out);
void search_words_free(struct search_words *w);

/* Whether text holds every word at the start of one of its words (accents
 * and case ignored). */
int search_text_holds(const char *text, const struct search_words *w);

/* An excerpt of some text around the first word found, with the spans
 * (byte offsets into text) that hold a word of the query. */
struct snippet {
	char *text;
	int cut_before, cut_after;  /* whether the excerpt begins or ends inside the text */
	struct {
		size_t at, len;
	} marks[SNIPPET_MARKS_MAX];
	size_t nmarks;
};

/* The excerpt of about width bytes of text around its first word of w,
 * cut at spaces, newlines made spaces; from the start of text when no word
 * is found. The caller frees with snippet_free. */
void search_snippet(const char *text, const struct search_words *w, size_t width, struct snippet *out);
void snippet_free(struct snippet *s);

/* What a hit is: a text of the registry (a process's theme, goal,
 * priority, note or working group), or a record. */
enum found_kind {
	FOUND_REGISTRY_TEXT,
	FOUND_DOCUMENT,
	FOUND_MEETING,
	FOUND_PLAN,
	FOUND_INDICATOR,
	FOUND_GLOSSARY,
	FOUND_EVIDENCE,
	FOUND_KIND_COUNT
};
/* "registry_text", "document", "meeting", "plan", "indicator", "glossary", "evidence": keys in JSON */
extern const char *const found_kind_keys[FOUND_KIND_COUNT];

/* One hit, owning its strings: the record's id (a glossary entry's, 0
 * for a registry text), its process (NULL for the shared glossary), what
 * it is called, what kind of text or record it is ("goals", "report",
 * "ministerial", ...), a key naming it in links (a glossary term, an
 * indicator's code, a registry text's list), and the excerpt that holds
 * the words. */
struct found {
	enum found_kind kind;
	long long id;
	char *process, *title, *what, *key;
	struct snippet snippet;
};

struct found_list {
	struct found *items;
	size_t n;
};

void found_list_free(struct found_list *l);

#endif
