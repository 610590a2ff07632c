/* glossary.c: glossary entries: one concept with its term and definition in each language, and its related and contested terms */
#include "glossary.h"

#include <stdlib.h>
#include <string.h>

const char *const glossary_languages[] = { "en", "fr", "es", "ru", "ar", NULL };

int glossary_language(const char *lang)
{
	for (size_t i = 0; glossary_languages[i]; i++)
		if (strcmp(glossary_languages[i], lang) == 0)
			return 1;
	return 0;
}

const struct term *entry_term(const struct glossary_entry *e, const char *lang)
{
	for (size_t i = 0; i < e->nterms; i++)
		if (strcmp(e->terms[i].lang, lang) == 0)
			return &e->terms[i];
	return NULL;
}

void glossary_entry_free(struct glossary_entry *e)
{
	free(e->process);
	free(e->subject);
	free(e->note);
	for (size_t i = 0; i < e->nterms; i++) {
		free(e->terms[i].text);
		free(e->terms[i].definition);
		free(e->terms[i].source);
	}
	free(e->terms);
	strlist_free(&e->related);
	strlist_free(&e->contested);
	memset(e, 0, sizeof *e);
}

void glossary_free(struct glossary *g)
{
	for (size_t i = 0; i < g->n; i++)
		glossary_entry_free(&g->items[i]);
	free(g->items);
	memset(g, 0, sizeof *g);
}
