/* api_documents.c: /api/v1/processes/{slug}/documents and /api/v1/documents/{id} */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/json_out.h"
#include "../../services/documents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const form_extras[] = { "file", "csrf_token", NULL };

/* The values and file of a multipart/form-data body: the file, if one
 * was chosen, in *att. */
static enum svc_status values_from_multipart(struct req *r, struct form *form, struct field_values *v,
					     struct attachment *att, int *has_file, struct svc_error *err)
{
	const char *type = http_header(r, "Content-Type");
	size_t len;
	const char *data = http_body(r, &len);
	char *why = NULL;
	if (parse_multipart(type, data, len, form, &why))
		return svc_fail_with(err, SVC_INVALID, NULL, why);
	const struct form_field *file = form_get(form, "file");
	*has_file = file && file->filename && (*file->filename || file->len);
	if (*has_file)
		*att = (struct attachment){ file->filename, file->type, file->value, file->len };
	return http_fields_from_form(form, v, "a document", form_extras, err);
}

void api_documents(struct req *r)
{
	long limit, offset, total = 0;
	if (http_page_or_respond(r, &limit, &offset))
		return;
	struct document_list docs = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = documents_list(r->reg, &r->actor, r->params[0], limit, offset, &docs,
					    &total, &err);
	if (st) {
		http_send_status(r, st, &err);
		document_list_free(&docs);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < docs.n; i++)
		json_array_append_new(items, json_document(&docs.items[i], 0));
	http_send_json(r, 200, json_page(items, total, limit, offset));
	document_list_free(&docs);
}

static void send_document(struct req *r, int status, long long id)
{
	struct document d;
	struct svc_error err = { 0 };
	enum svc_status st = documents_get(r->reg, &r->actor, id, &d, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	if (status == 201) {
		char *location = xasprintf("/api/v1/documents/%lld", id);
		http_set_header(r, "Location", location);
		free(location);
	}
	http_send_json(r, status, json_document(&d, 1));
	document_free(&d);
}

void api_document_add(struct req *r)
{
	const char *type = http_header(r, "Content-Type");
	struct field_values v;
	struct attachment att;
	struct form form = { 0 };
	json_t *body = NULL;
	int has_file = 0;
	struct svc_error err = { 0 };
	enum svc_status st;
	fields_init(&v, documents_fields, documents_nfields);
	if (type && strncasecmp(type, "multipart/form-data", 19) == 0)
		st = values_from_multipart(r, &form, &v, &att, &has_file, &err);
	else if (!(body = http_json_body_or_respond(r)))
		goto out;
	else
		st = http_fields_from_json(body, &v, "a document", &err);
	long long id = 0;
	if (st)
		http_send_bad_body(r, &err);
	else if ((st = documents_add(r->reg, &r->actor, r->params[0], &v, has_file ? &att : NULL, &id, &err)))
		http_send_status(r, st, &err);
	else
		send_document(r, 201, id);
out:
	fields_free(&v);
	form_free(&form);
	json_decref(body);
}

void api_document(struct req *r)
{
	long long id = http_id_or_respond(r, "document");
	if (id > 0)
		send_document(r, 200, id);
}

void api_document_update(struct req *r)
{
	long long id = http_id_or_respond(r, "document");
	if (id <= 0)
		return;
	json_t *body = http_json_body_or_respond(r);
	if (!body)
		return;
	struct field_values v;
	struct svc_error err = { 0 };
	enum svc_status st;
	fields_init(&v, documents_fields, documents_nfields);
	if (http_fields_from_json(body, &v, "a document", &err))
		http_send_bad_body(r, &err);
	else if ((st = documents_update(r->reg, &r->actor, id, &v, NULL, &err)))
		http_send_status(r, st, &err);
	else
		send_document(r, 200, id);
	fields_free(&v);
	json_decref(body);
}

void api_document_delete(struct req *r)
{
	long long id = http_id_or_respond(r, "document");
	if (id <= 0)
		return;
	struct svc_error err = { 0 };
	enum svc_status st = documents_delete(r->reg, &r->actor, id, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_bytes(r, 204, "application/json", NULL, "", 0);
}

void api_document_file(struct req *r)
{
	long long id = http_id_or_respond(r, "document");
	if (id > 0)
		http_send_attachment(r, id, http_send_status);
}

void api_document_file_put(struct req *r)
{
	long long id = http_id_or_respond(r, "document");
	if (id <= 0)
		return;
	const char *name = http_query(r, "name");
	if (!name) {
		http_send_error(r, 400, "bad_parameter", "name: give the file's name as ?name=");
		return;
	}
	size_t len;
	const char *data = http_body(r, &len);
	const char *type = http_header(r, "Content-Type");
	struct attachment att = { name, type ? type : "application/octet-stream", data, len };
	struct svc_error err = { 0 };
	enum svc_status st = documents_attach(r->reg, &r->actor, id, &att, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		send_document(r, 200, id);
}

void api_document_file_delete(struct req *r)
{
	long long id = http_id_or_respond(r, "document");
	if (id <= 0)
		return;
	struct svc_error err = { 0 };
	enum svc_status st = documents_attach(r->reg, &r->actor, id, &DOCUMENT_FILE_REMOVED, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		send_document(r, 200, id);
}

void api_document_versions(struct req *r)
{
	long long id = http_id_or_respond(r, "document");
	if (id <= 0)
		return;
	struct document_list l = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = documents_versions(r->reg, &r->actor, id, &l, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, json_document_version(&l.items[i], 0));
	http_send_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)l.n));
	document_list_free(&l);
}

void api_document_version(struct req *r)
{
	long long id = http_id_or_respond(r, "document");
	if (id <= 0)
		return;
	long long n = http_record_id(r->params[1]);
	struct document d;
	struct svc_error err = { 0 };
	enum svc_status st = n > 0 && n < 1000000 ? documents_version(r->reg, &r->actor, id, (int)n, &d, &err)
						 : svc_fail(&err, SVC_NOT_FOUND, NULL, "no version %s", r->params[1]);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	http_send_json(r, 200, json_document_version(&d, 1));
	document_free(&d);
}
