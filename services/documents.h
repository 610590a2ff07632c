/* documents.h: process documents (declarations, plans, reports, notes) under the access policy */
#ifndef RCPHUB_DOCUMENTS_H
#define RCPHUB_DOCUMENTS_H

#include "registry.h"
#include "fields.h"
#include "service.h"

#define DOC_TITLE_MAX 300
#define DOC_BODY_MAX (1024 * 1024)
#define DOC_ATTACHMENT_MAX (10 * 1024 * 1024)

/* A document's fields (title, kind, date, level, state, readers, body),
 * declared once for every front end; see fields.h. */
extern const struct field documents_fields[];
extern const size_t documents_nfields;

/* An attachment: a file name (no directories), a media type and bytes.
 * Nothing is kept. One with no name (DOCUMENT_FILE_REMOVED) removes the
 * document's file. */
struct attachment {
	const char *name, *type;
	const void *data;
	size_t len;
};
#define DOCUMENT_FILE_REMOVED ((struct attachment){ NULL, NULL, NULL, 0 })

/* Each returns SVC_OK or a status with err filled. A document the actor
 * may not read is SVC_NOT_FOUND, worded as for one that does not exist.
 * Changes are one transaction with their audit entry. */

/* Adds a document to the process named, from the values v gives (title
 * and level required); sets *id. */
enum svc_status documents_add(struct registry *r, const struct actor *a, const char *process,
			      const struct field_values *v, const struct attachment *att,
			      long long *id, struct svc_error *err);
/* The documents of the process the actor may read, newest first: the
 * page [offset, offset + limit) in *out and how many there are in *total. */
enum svc_status documents_list(struct registry *r, const struct actor *a, const char *process,
			       long limit, long offset, struct document_list *out, long *total,
			       struct svc_error *err);
/* Every document of every process the actor may read, newest first (by
 * date, then by number). */
enum svc_status documents_list_all(struct registry *r, const struct actor *a, struct document_list *out,
				   struct svc_error *err);
enum svc_status documents_get(struct registry *r, const struct actor *a, long long id,
			      struct document *out, struct svc_error *err);
/* Changes the fields v gives and, with att, replaces the attachment. */
enum svc_status documents_update(struct registry *r, const struct actor *a, long long id,
				 const struct field_values *v, const struct attachment *att,
				 struct svc_error *err);
enum svc_status documents_attach(struct registry *r, const struct actor *a, long long id,
				 const struct attachment *att, struct svc_error *err);
enum svc_status documents_delete(struct registry *r, const struct actor *a, long long id,
				 struct svc_error *err);
/* The attachment's bytes (*data, caller frees) with the document in *doc. */
enum svc_status documents_attachment(struct registry *r, const struct actor *a, long long id,
				     struct document *doc, void **data, size_t *len, struct svc_error *err);

/* The versions of document id the actor may read, newest first: each as
 * it was written (without its text; updated_at is when, changed_by who).
 * Only those of a document the actor may read, and each version only
 * when its own level lets the actor read it. */
enum svc_status documents_versions(struct registry *r, const struct actor *a, long long id,
				   struct document_list *out, struct svc_error *err);
/* One of them with its text, read (and audited) as the document is. */
enum svc_status documents_version(struct registry *r, const struct actor *a, long long id, int version,
				  struct document *out, struct svc_error *err);

/* Whether the actor may read document id: 1, 0 (also for no such
 * document), or -1 with err when the store fails. Nothing is audited. */
int documents_visible(struct registry *r, const struct actor *a, long long id, struct svc_error *err);

/* d's fields as values, as a form to change it shows them: v is
 * initialised here (fields_free). */
void documents_values(const struct document *d, struct field_values *v);
/* Whether the actor may add documents to the process (slug) at all: its
 * secretariat, or a focal point for their own state. */
int documents_may_add(const struct actor *a, const char *process);
/* Whether the actor may change or delete d. */
int documents_may_change(const struct actor *a, const struct document *d);

#endif
