/* glossary.h: the common language: terms in five languages per process and shared, compared, searched, imported and exported */
#ifndef RCPHUB_GLOSSARY_SERVICE_H
#define RCPHUB_GLOSSARY_SERVICE_H

#include "fields.h"
#include "registry.h"
#include "service.h"
#include "../core/glossary.h"

/* A term's fields: term, lang, definition, process (empty: the shared
 * glossary), source, same_as (a term of the entry this one translates),
 * related, contested, subject, level. */
extern const struct field terms_fields[];
extern const size_t terms_nfields;

/* An entry of a process follows its level through the access policy; the
 * shared glossary is public. A process's secretariat changes its
 * glossary; administrators the shared one. */

/* Adds a term: a language of an existing entry (same_as), or a new entry.
 * A term already in the glossary of the same process, in the same
 * language (accents and case aside), is SVC_CONFLICT. Sets *entry. */
enum svc_status glossary_add_term(struct registry *r, const struct actor *a, const struct field_values *v,
				  long long *entry, struct svc_error *err);
/* The entries the actor may read: of process (named as the user likes;
 * "shared" for the shared glossary; NULL for all), with a term in lang
 * (NULL: any). */
enum svc_status glossary_list(struct registry *r, const struct actor *a, const char *process, const char *lang,
			      struct glossary *out, struct svc_error *err);
/* The entries, in every process the actor may read and the shared
 * glossary, that have term in any language (accents and case aside);
 * SVC_NOT_FOUND (out empty, nothing to free) when none. */
enum svc_status glossary_show(struct registry *r, const struct actor *a, const char *term, struct glossary *out,
			      struct svc_error *err);
/* The entries whose terms or definitions hold a word starting with each
 * word of query (accents and case aside), best first. */
enum svc_status glossary_search(struct registry *r, const struct actor *a, const char *query, struct glossary *out,
				struct svc_error *err);
/* Imports a TBX or CSV file into the glossary of process (NULL: the
 * shared one) at level: every entry or none. Sets *format and *entries. */
enum svc_status glossary_import(struct registry *r, const struct actor *a, const char *process, const char *level,
				const char *data, size_t len, const char **format, size_t *entries,
				struct svc_error *err);
/* Whether the actor may change the glossary of process (slug; NULL: the shared one). */
int glossary_may_change(const struct actor *a, const char *process);

#endif
