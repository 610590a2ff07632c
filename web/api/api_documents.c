/* api_documents.c: /api/v1/processes/{slug}/documents and /api/v1/documents/{id} */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/json_out.h"
#include "../../services/documents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The document id in the path, or -1 after answering 404. */
static long long id_or_respond(struct req *r)
{
	char *end;
	long long id = strtoll(r->params[0], &end, 10);
	if (*end || id <= 0 || r->params[0][0] == '+' || r->params[0][0] == '0') {
		char *msg = xasprintf("no document %s", r->params[0]);
		http_send_error(r, 404, "not_found", msg);
		free(msg);
		return -1;
	}
	return id;
}

static const char *const doc_text_fields[] = { "title", "kind", "date", "level", "state", "body" };
#define NTEXT (sizeof doc_text_fields / sizeof doc_text_fields[0])

/* Points f's fields at the values of a JSON body; readers are copied
 * into *readers. 0, or -1 with *err naming the field. */
static int fields_from_json(json_t *body, struct doc_fields *f, struct strlist *readers, char **err)
{
	const char **slots[NTEXT] = { &f->title, &f->kind, &f->issued, &f->level, &f->state, &f->body };
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		size_t i;
		for (i = 0; i < NTEXT && strcmp(key, doc_text_fields[i]) != 0; i++)
			;
		if (i < NTEXT && json_is_string(v)) {
			*slots[i] = json_string_value(v);
		} else if (i < NTEXT && json_is_null(v) && (i == 2 || i == 4)) {
			*slots[i] = "";
		} else if (i < NTEXT) {
			*err = xasprintf("%s: must be a string", key);
			return -1;
		} else if (strcmp(key, "readers") == 0 && json_is_array(v)) {
			size_t j;
			json_t *login;
			json_array_foreach(v, j, login) {
				if (!json_is_string(login)) {
					*err = xasprintf("readers[%zu]: must be a login", j);
					return -1;
				}
				strlist_push(readers, json_string_value(login));
			}
			f->readers = readers;
		} else {
			*err = xasprintf("%s: %s", key, strcmp(key, "readers") == 0 ?
				"must be a list of logins" : "is not a field of a document");
			return -1;
		}
	}
	return 0;
}

/* The same from a multipart/form-data body; the file, if any, in *att. */
static int fields_from_form(const struct form *form, struct doc_fields *f, struct strlist *readers,
			    struct attachment *att, int *has_file, char **err)
{
	const char **slots[NTEXT] = { &f->title, &f->kind, &f->issued, &f->level, &f->state, &f->body };
	*has_file = 0;
	for (size_t k = 0; k < form->n; k++) {
		const struct form_field *ff = &form->items[k];
		size_t i;
		for (i = 0; i < NTEXT && strcmp(ff->name, doc_text_fields[i]) != 0; i++)
			;
		if (i < NTEXT) {
			*slots[i] = ff->value;
		} else if (strcmp(ff->name, "readers") == 0) {
			strlist_push(readers, ff->value);
			f->readers = readers;
		} else if (strcmp(ff->name, "file") == 0 && ff->filename) {
			if (!*ff->filename && ff->len == 0)
				continue;  /* a form's empty file input */
			*att = (struct attachment){ ff->filename, ff->type, ff->value, ff->len };
			*has_file = 1;
		} else if (strcmp(ff->name, "csrf_token") != 0) {
			*err = xasprintf("%s: is not a field of a document", ff->name);
			return -1;
		}
	}
	return 0;
}

void api_documents(struct req *r)
{
	long limit, offset, total = 0;
	if (http_page_or_respond(r, &limit, &offset))
		return;
	struct document_list docs = { 0 };
	char *err = NULL;
	enum svc_status st = documents_list(r->reg, &r->actor, r->params[0], limit, offset, &docs,
					    &total, &err);
	if (st) {
		http_send_status(r, st, err);
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
	char *err = NULL;
	enum svc_status st = documents_get(r->reg, &r->actor, id, &d, &err);
	if (st) {
		http_send_status(r, st, err);
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
	struct doc_fields f = { 0 };
	struct strlist readers = { 0 };
	struct attachment att;
	struct form form = { 0 };
	json_t *body = NULL;
	int has_file = 0, bad = 0;
	char *err = NULL;
	if (type && strncasecmp(type, "multipart/form-data", 19) == 0) {
		size_t len;
		const char *data = http_body(r, &len);
		bad = parse_multipart(type, data, len, &form, &err) ||
		      fields_from_form(&form, &f, &readers, &att, &has_file, &err);
	} else if (!(body = http_json_body_or_respond(r))) {
		return;
	} else {
		bad = fields_from_json(body, &f, &readers, &err);
	}
	long long id = 0;
	enum svc_status st;
	if (bad) {
		http_send_error(r, 400, "bad_body", err);
		free(err);
	} else if ((st = documents_add(r->reg, &r->actor, r->params[0], &f, has_file ? &att : NULL,
				       &id, &err))) {
		http_send_status(r, st, err);
	} else {
		send_document(r, 201, id);
	}
	strlist_free(&readers);
	form_free(&form);
	json_decref(body);
}

void api_document(struct req *r)
{
	long long id = id_or_respond(r);
	if (id > 0)
		send_document(r, 200, id);
}

void api_document_update(struct req *r)
{
	long long id = id_or_respond(r);
	if (id <= 0)
		return;
	json_t *body = http_json_body_or_respond(r);
	if (!body)
		return;
	struct doc_fields f = { 0 };
	struct strlist readers = { 0 };
	char *err = NULL;
	if (fields_from_json(body, &f, &readers, &err)) {
		http_send_error(r, 400, "bad_body", err);
		free(err);
	} else {
		enum svc_status st = documents_update(r->reg, &r->actor, id, &f, NULL, &err);
		if (st)
			http_send_status(r, st, err);
		else
			send_document(r, 200, id);
	}
	strlist_free(&readers);
	json_decref(body);
}

void api_document_delete(struct req *r)
{
	long long id = id_or_respond(r);
	if (id <= 0)
		return;
	char *err = NULL;
	enum svc_status st = documents_delete(r->reg, &r->actor, id, &err);
	if (st)
		http_send_status(r, st, err);
	else
		http_send_bytes(r, 204, "application/json", NULL, "", 0);
}

void api_document_file(struct req *r)
{
	long long id = id_or_respond(r);
	if (id > 0)
		http_send_attachment(r, id, http_send_status);
}

void api_document_file_put(struct req *r)
{
	long long id = id_or_respond(r);
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
	char *err = NULL;
	enum svc_status st = documents_attach(r->reg, &r->actor, id, &att, &err);
	if (st)
		http_send_status(r, st, err);
	else
		send_document(r, 200, id);
}
