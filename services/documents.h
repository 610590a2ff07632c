/* documents.h: process documents (declarations, plans, reports, notes) under the access policy */
#ifndef RCPHUB_DOCUMENTS_H
#define RCPHUB_DOCUMENTS_H

#include "registry.h"
#include "service.h"

#define DOC_TITLE_MAX 300
#define DOC_BODY_MAX (1024 * 1024)
#define DOC_ATTACHMENT_MAX (10 * 1024 * 1024)

/* The fields of a new or changed document, as the user gave them. NULL
 * leaves a field unchanged (or unset, for a new document); "" clears
 * issued or state. kind, level and state are names ("report",
 * "members", "PHL" or "Philippines"); issued is YYYY-MM-DD. */
struct doc_fields {
	const char *title, *kind, *issued, *level, *state, *body;
	const struct strlist *readers;  /* logins; NULL leaves them */
};

/* An attachment: a file name (no directories), a media type and bytes.
 * Nothing is kept. */
struct attachment {
	const char *name, *type;
	const void *data;
	size_t len;
};

/* Each returns SVC_OK or a status with *err (caller frees). A document
 * the actor may not read is SVC_NOT_FOUND, worded as for one that does
 * not exist. Changes are one transaction with their audit entry. */

/* Adds a document to the process named; sets *id. */
enum svc_status documents_add(struct registry *r, const struct actor *a, const char *process,
			      const struct doc_fields *f, const struct attachment *att,
			      long long *id, char **err);
/* The documents of the process the actor may read, newest first: the
 * page [offset, offset + limit) in *out and how many there are in *total. */
enum svc_status documents_list(struct registry *r, const struct actor *a, const char *process,
			       long limit, long offset, struct document_list *out, long *total,
			       char **err);
enum svc_status documents_get(struct registry *r, const struct actor *a, long long id,
			      struct document *out, char **err);
/* Changes the fields f gives and, with att, replaces the attachment. */
enum svc_status documents_update(struct registry *r, const struct actor *a, long long id,
				 const struct doc_fields *f, const struct attachment *att, char **err);
enum svc_status documents_attach(struct registry *r, const struct actor *a, long long id,
				 const struct attachment *att, char **err);
enum svc_status documents_delete(struct registry *r, const struct actor *a, long long id, char **err);
/* The attachment's bytes (*data, caller frees) with the document in *doc. */
enum svc_status documents_attachment(struct registry *r, const struct actor *a, long long id,
				     struct document *doc, void **data, size_t *len, char **err);

#endif
