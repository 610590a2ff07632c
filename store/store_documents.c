/* store_documents.c: process documents, their named readers and attachments */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* The columns of a document, in order, all but its contents: the text
 * and the file live in document_contents and are read only once the
 * reader may have them (store_document_body, store_document_blob), so
 * that refusing a hidden paper, or listing around it, costs nothing. */
#define DOC_COLUMNS \
	"id, process, title, kind, issued, level, state, NULL, attachment_name, attachment_type, " \
	"attachment_size, created_by, created_at, updated_at, version, changed_by "

static const struct query q_readers_delete = { {
	"DELETE FROM document_readers WHERE document = ?",
} };
static const struct query q_reader_put = { {
	"INSERT INTO document_readers (document, login) VALUES (?, ?)",
} };
static const struct query q_doc_put = { {
	"INSERT INTO documents (id, process, title, kind, issued, level, state, "
	"created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_body_put = { {
	"INSERT INTO document_contents (document, body) VALUES (?, ?)",
} };
static const struct query q_doc_update = { {
	"UPDATE documents SET title = ?, kind = ?, issued = ?, level = ?, state = ?, updated_at = ? WHERE id = ?",
} };
static const struct query q_body_update = { {
	"UPDATE document_contents SET body = ? WHERE document = ?",
} };
static const struct query q_doc_attach = { {
	"UPDATE documents SET attachment_name = ?, attachment_type = ?, attachment_size = ?, "
	"updated_at = ? WHERE id = ?",
} };
static const struct query q_file_put = { {
	"UPDATE document_contents SET attachment = ? WHERE document = ?",
} };
static const struct query q_doc_get = { {
	"SELECT " DOC_COLUMNS "FROM documents WHERE id = ?",
} };
static const struct query q_readers_of_doc = { {
	"SELECT document, login FROM document_readers WHERE document = ? ORDER BY login",
} };
static const struct query q_docs_of = { {
	"SELECT " DOC_COLUMNS "FROM documents WHERE process = ? "
	"ORDER BY coalesce(issued, '') DESC, id DESC",
} };
static const struct query q_readers_of_process = { {
	"SELECT r.document, r.login FROM document_readers r "
	"JOIN documents d ON d.id = r.document WHERE d.process = ? "
	"ORDER BY r.document, r.login",
} };
static const struct query q_doc_delete = { {
	"DELETE FROM documents WHERE id = ?",
} };
static const struct query q_doc_body = { {
	"SELECT body FROM document_contents WHERE document = ?",
} };
static const struct query q_version_bump = { {
	"UPDATE documents SET version = version + ?, changed_by = ? WHERE id = ?",
} };
static const struct query q_version_keep = { {
	"INSERT INTO document_versions (document, version, title, kind, issued, level, state, body, attachment_name, "
	"changed_by, changed_at) SELECT d.id, d.version, d.title, d.kind, d.issued, d.level, d.state, c.body, "
	"d.attachment_name, d.changed_by, d.updated_at FROM documents d JOIN document_contents c ON c.document = d.id "
	"WHERE d.id = ?",
} };
/* A document's versions as documents (no text, no readers; updated_at is when it was written). */
static const struct query q_versions_of = { {
	"SELECT document, NULL, title, kind, issued, level, state, NULL, attachment_name, NULL, 0, NULL, 0, "
	"changed_at, version, changed_by FROM document_versions WHERE document = ? ORDER BY version DESC",
} };
static const struct query q_version_body = { {
	"SELECT body FROM document_versions WHERE document = ? AND version = ?",
} };
static const struct query q_doc_blob = { {
	"SELECT attachment FROM document_contents WHERE document = ? AND attachment IS NOT NULL",
} };


static void read_document_row(struct stmt *st, struct document *d)
{
	memset(d, 0, sizeof *d);
	d->id = col_int64(st, 0);
	d->process = col_text(st, 1);
	d->title = col_text(st, 2);
	d->kind = (enum doc_kind)doc_kind_parse(col_str(st, 3));
	d->issued = col_text(st, 4);
	d->level = (enum level)level_parse(col_str(st, 5));
	d->state = col_text(st, 6);
	d->body = col_text(st, 7);
	d->attachment_name = col_text(st, 8);
	d->attachment_type = col_text(st, 9);
	d->attachment_size = col_int64(st, 10);
	d->created_by = col_text(st, 11);
	d->created_at = col_int64(st, 12);
	d->updated_at = col_int64(st, 13);
	d->version = (int)col_int64(st, 14);
	d->changed_by = col_text(st, 15);
}

static int put_readers(struct store *s, const struct document *d, char **err)
{
	struct stmt *st = store_stmt(s, &q_readers_delete, err);
	if (!st)
		return -1;
	bind_int64(st, 1, d->id);
	if (run(st, "replacing a document's readers", err))
		return -1;
	for (size_t i = 0; i < d->readers.n; i++) {
		if (!(st = store_stmt(s, &q_reader_put, err)))
			return -1;
		bind_int64(st, 1, d->id);
		bind_text(st, 2, d->readers.items[i]);
		if (run(st, "naming a document's reader", err))
			return -1;
	}
	return 0;
}

/* Binds title, kind, issued, level and state from position first. */
static void bind_document_fields(struct stmt *st, int first, const struct document *d)
{
	bind_text(st, first, d->title);
	bind_text(st, first + 1, doc_kind_name(d->kind));
	bind_text(st, first + 2, d->issued);
	bind_text(st, first + 3, level_name(d->level));
	bind_text(st, first + 4, d->state);
}

/* Writes d's text into document_contents (q: the insert or the update). */
static int put_body(struct store *s, const struct query *q, const struct document *d, char **err)
{
	struct stmt *st = store_stmt(s, q, err);
	if (!st)
		return -1;
	int insert = q == &q_body_put;
	bind_int64(st, insert ? 1 : 2, d->id);
	bind_text(st, insert ? 2 : 1, d->body ? d->body : "");
	return run(st, "keeping a document's text", err);
}

int store_document_put(struct store *s, struct document *d, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "documents", &d->id, err) || !(st = store_stmt(s, &q_doc_put, err)))
		return -1;
	bind_int64(st, 1, d->id);
	bind_text(st, 2, d->process);
	bind_document_fields(st, 3, d);
	bind_text(st, 8, d->created_by);
	bind_int64(st, 9, d->created_at);
	bind_int64(st, 10, d->updated_at);
	if (run(st, "adding a document", err) || put_body(s, &q_body_put, d, err) || put_readers(s, d, err))
		return -1;
	return store_search_refresh(s, SEARCH_DOCUMENT, d->id, err) || store_bump_documents(s, err) ? -1 : 0;
}

int store_document_update(struct store *s, const struct document *d, char **err)
{
	struct stmt *st = store_stmt(s, &q_doc_update, err);
	if (!st)
		return -1;
	bind_document_fields(st, 1, d);
	bind_int64(st, 6, d->updated_at);
	bind_int64(st, 7, d->id);
	if (run(st, "changing a document", err) || (d->body && put_body(s, &q_body_update, d, err)) ||
	    put_readers(s, d, err))
		return -1;
	return store_search_refresh(s, SEARCH_DOCUMENT, d->id, err) || store_bump_documents(s, err) ? -1 : 0;
}

int store_document_attach(struct store *s, long long id, const char *name, const char *type,
			  const void *data, size_t len, long long now, char **err)
{
	struct stmt *st = store_stmt(s, &q_doc_attach, err);
	if (!st)
		return -1;
	bind_text(st, 1, name);
	bind_text(st, 2, type);
	bind_int64(st, 3, (long long)len);
	bind_int64(st, 4, now);
	bind_int64(st, 5, id);
	if (run(st, "attaching a file", err) || !(st = store_stmt(s, &q_file_put, err)))
		return -1;
	if (name)
		bind_blob(st, 1, data, len);
	else
		bind_text(st, 1, NULL);  /* the file removed */
	bind_int64(st, 2, id);
	return run(st, "attaching a file", err) || store_bump_documents(s, err) ? -1 : 0;
}

/* Adds the readers st selects (document id, login) to the documents of l. */
static int read_readers(struct stmt *st, struct document *docs, size_t n, char **err)
{
	int rc;
	while ((rc = next_row(st, "reading a document's readers", err)) == 1) {
		long long id = col_int64(st, 0);
		for (size_t i = 0; i < n; i++)
			if (docs[i].id == id)
				strlist_push(&docs[i].readers, col_str(st, 1));
	}
	return rc;
}

int store_document_get(struct store *s, long long id, struct document *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_doc_get, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc = next_row(st, "reading a document", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_document_row(st, out);
	reset(st);
	if (!(st = store_stmt(s, &q_readers_of_doc, err)))
		goto fail;
	bind_int64(st, 1, id);
	if (read_readers(st, out, 1, err) == 0)
		return 0;
fail:
	document_free(out);
	return -1;
}

int store_documents_of(struct store *s, const char *process, struct document_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_docs_of, err);
	if (!st)
		return -1;
	bind_text(st, 1, process);
	int rc;
	while ((rc = next_row(st, "listing documents", err)) == 1) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		read_document_row(st, &out->items[out->n++]);
	}
	if (rc < 0 || !(st = store_stmt(s, &q_readers_of_process, err)))
		return -1;
	bind_text(st, 1, process);
	return read_readers(st, out->items, out->n, err);
}

int store_document_delete(struct store *s, long long id, char **err)
{
	struct stmt *st = store_stmt(s, &q_doc_delete, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	return run(st, "deleting a document", err) || store_search_refresh(s, SEARCH_DOCUMENT, id, err) ||
	       store_bump_documents(s, err) ? -1 : 0;
}

int store_document_blob(struct store *s, long long id, void **data, size_t *len, char **err)
{
	struct stmt *st = store_stmt(s, &q_doc_blob, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc = next_row(st, "reading an attachment", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	const void *bytes = drv_of(st)->col_blob(st, 0, len);
	*data = xmalloc(*len ? *len : 1);
	if (*len)
		memcpy(*data, bytes, *len);
	reset(st);
	return 0;
}


int store_document_body(struct store *s, long long id, char **body, char **err)
{
	struct stmt *st = store_stmt(s, &q_doc_body, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc = next_row(st, "reading a document's text", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	free(*body);
	*body = col_text(st, 0);
	reset(st);
	return 0;
}

int store_document_version_keep(struct store *s, long long id, const char *by, int changed, char **err)
{
	struct stmt *st = store_stmt(s, &q_version_bump, err);
	if (!st)
		return -1;
	bind_int64(st, 1, changed ? 1 : 0);
	bind_text(st, 2, by);
	bind_int64(st, 3, id);
	if (run(st, "numbering a document's version", err) || !(st = store_stmt(s, &q_version_keep, err)))
		return -1;
	bind_int64(st, 1, id);
	return run(st, "keeping a document's version", err);
}

int store_document_versions(struct store *s, long long id, struct document_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_versions_of, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc;
	while ((rc = next_row(st, "listing a document's versions", err)) == 1) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		read_document_row(st, &out->items[out->n++]);
	}
	return rc;
}

int store_document_version_body(struct store *s, long long id, int version, char **body, char **err)
{
	struct stmt *st = store_stmt(s, &q_version_body, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	bind_int64(st, 2, version);
	int rc = next_row(st, "reading a document's version", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	*body = col_text(st, 0);
	reset(st);
	return 0;
}
