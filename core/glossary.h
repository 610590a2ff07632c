/* glossary.h: glossary entries: one concept with its term and definition in each language, and its related and contested terms */
#ifndef RCPHUB_GLOSSARY_H
#define RCPHUB_GLOSSARY_H

#include "account.h"

#include <stddef.h>

/* The languages the processes work in, as ISO 639-1 codes. */
extern const char *const glossary_languages[];  /* NULL-terminated */

/* One language of an entry. */
struct term {
	long long id;
	char lang[3];
	char *text;
	char *definition;  /* "" when none */
	char *source;      /* or NULL */
};

/* One concept as one process uses it (process NULL: shared by all). */
struct glossary_entry {
	long long id;
	char *process;
	enum level level;
	char *subject;
	char *note;
	struct term *terms;
	size_t nterms;
	struct strlist related, contested;
	long line;  /* where it began in an imported file */
};

struct glossary {
	struct glossary_entry *items;
	size_t n;
};

/* Whether lang is one of glossary_languages. */
int glossary_language(const char *lang);
/* The term of e in lang, or NULL. */
const struct term *entry_term(const struct glossary_entry *e, const char *lang);
void glossary_entry_free(struct glossary_entry *e);
void glossary_free(struct glossary *g);

#endif
