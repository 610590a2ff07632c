/* page_document.c: a document's page, its download, and the forms to add, change and delete it */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../io/markdown.h"
#include "../../services/documents.h"
#include "../../services/policy.h"

#include <stdlib.h>
#include <string.h>

static void redirect_to_document(struct req *r, long long id)
{
	char *to = xasprintf("/documents/%lld", id);
	http_redirect(r, to);
	free(to);
}

/* The values a form shows: what the user typed, or the document's. */
struct doc_form {
	const char *title, *kind, *date, *level, *state, *body, *readers;
};

/* The id in the path, or -1 after a 404 page. */
static long long id_or_404(struct req *r)
{
	char *end;
	long long id = strtoll(r->params[0], &end, 10);
	if (*end || id <= 0 || !(r->params[0][0] >= '1' && r->params[0][0] <= '9')) {
		page_error(r, 404, "Not found", "There is no such document.");
		return -1;
	}
	return id;
}

static void text_input(struct buf *b, const char *name, const char *label, const char *type,
		       const char *value, const char *error, int required)
{
	page_field_begin(b, name, label, error);
	html_raw(b, "<input type=\"");
	html_raw(b, type);
	html_raw(b, "\"");
	page_field_attrs(b, name, name, error);
	html_raw(b, required ? " required value=\"" : " value=\"");
	html_attr(b, value);
	html_raw(b, "\"></div>");
}

static void choice(struct buf *b, const char *name, const char *label, const char *const *options,
		   int n, const char *value, const char *error)
{
	page_field_begin(b, name, label, error);
	html_raw(b, "<select");
	page_field_attrs(b, name, name, error);
	html_raw(b, ">");
	for (int i = 0; i < n; i++) {
		html_raw(b, "<option");
		html_raw(b, value && strcmp(value, options[i]) == 0 ? " selected>" : ">");
		html_txt(b, options[i]);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div>");
}

static void form_fields(struct buf *b, struct req *r, const struct doc_form *v, const char *error)
{
	static const char *const kinds[] = { "declaration", "plan", "report", "note", "other" };
	static const char *const levels[] = { "public", "participants", "members", "restricted" };
	page_csrf_field(b, r);
	text_input(b, "title", "Title", "text", v->title, page_field_error(error, "title"), 1);
	choice(b, "kind", "Kind", kinds, 5, v->kind ? v->kind : "other", page_field_error(error, "kind"));
	text_input(b, "date", "Date (YYYY-MM-DD)", "date", v->date, page_field_error(error, "date"), 0);
	choice(b, "level", "Who may read it", levels, 4, v->level ? v->level : "members",
	       page_field_error(error, "level"));
	text_input(b, "state", "For the state (ISO code or name; empty for the process's own papers)",
		   "text", v->state, page_field_error(error, "state"), 0);
	text_input(b, "readers", "Named readers of a restricted paper (logins, separated by commas)",
		   "text", v->readers, page_field_error(error, "readers"), 0);
	page_field_begin(b, "body", "Text (Markdown)", page_field_error(error, "body"));
	html_raw(b, "<textarea rows=\"12\"");
	page_field_attrs(b, "body", "body", page_field_error(error, "body"));
	html_raw(b, ">");
	html_txt(b, v->body);
	html_raw(b, "</textarea></div>");
	page_field_begin(b, "file", "Attach a file (at most 10 MB)", page_field_error(error, "file"));
	html_raw(b, "<input type=\"file\"");
	page_field_attrs(b, "file", "file", page_field_error(error, "file"));
	html_raw(b, "></div>");
}

/* A whole form page: new (process given) or edit (id given). */
static void form_page(struct req *r, int status, const char *title, const char *action,
		      const struct doc_form *v, const char *error)
{
	struct buf b = { 0 };
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1>");
	if (error && !strchr(error, ':')) {
		html_raw(&b, "<p class=\"error\" role=\"alert\">");
		html_txt(&b, error);
		html_raw(&b, "</p>");
	} else if (error) {
		html_raw(&b, "<p class=\"error\" role=\"alert\">Please correct the field marked below.</p>");
	}
	html_raw(&b, "<form class=\"stacked\" method=\"post\" enctype=\"multipart/form-data\" action=\"");
	html_attr(&b, action);
	html_raw(&b, "\">");
	form_fields(&b, r, v, error);
	html_raw(&b, "<button type=\"submit\">Save</button></form>");
	page_end(&b, r);
	page_send(r, status, &b);
}

/* The form's values as the user sent them. */
static struct doc_form posted(struct req *r)
{
	return (struct doc_form){ http_form(r, "title"), http_form(r, "kind"), http_form(r, "date"),
				  http_form(r, "level"), http_form(r, "state"), http_form(r, "body"),
				  http_form(r, "readers") };
}

/* Splits "a, b,c" into logins. */
static void split_readers(const char *text, struct strlist *out)
{
	char *copy = xstrdup(text ? text : ""), *rest = copy, *item;
	while ((item = strsep(&rest, ",")) != NULL) {
		while (*item == ' ')
			item++;
		size_t n = strlen(item);
		while (n && item[n - 1] == ' ')
			item[--n] = '\0';
		if (*item)
			strlist_push(out, item);
	}
	free(copy);
}

/* The fields and attachment of a posted form; readers are kept in *readers. */
static struct doc_fields fields_of(struct req *r, const struct doc_form *v, struct strlist *readers,
				   struct attachment *att, int *has_file)
{
	split_readers(v->readers, readers);
	const struct form_field *file = form_get(&r->form, "file");
	*has_file = file && file->filename && (*file->filename || file->len);
	if (*has_file)
		*att = (struct attachment){ file->filename, file->type, file->value, file->len };
	return (struct doc_fields){ v->title, v->kind, v->date ? v->date : "", v->level,
				    v->state ? v->state : "", v->body ? v->body : "", readers };
}

void page_document_new(struct req *r)
{
	const char *slug = names_lookup(&r->reg->processes, r->params[0]);
	if (!slug) {
		page_not_found(r, "process", r->params[0], &r->reg->processes, "/processes/");
		return;
	}
	if (!r->signed_in) {
		char *next = xasprintf("/login?next=/processes/%s/documents/new", slug);
		http_redirect(r, next);
		free(next);
		return;
	}
	if (!policy_may_write(r->actor.user, slug, NULL) &&
	    !policy_may_write(r->actor.user, slug, r->user.government)) {
		page_error(r, 403, "Not allowed", "Only the secretariat of this process, and focal points "
			   "for their own state, add documents.");
		return;
	}
	char *action = xasprintf("/processes/%s/documents", slug);
	struct doc_form v = { .kind = "report", .level = "members" };
	form_page(r, 200, "Add a document", action, &v, NULL);
	free(action);
}

void page_document_create(struct req *r)
{
	const char *slug = names_lookup(&r->reg->processes, r->params[0]);
	if (!slug) {
		page_not_found(r, "process", r->params[0], &r->reg->processes, "/processes/");
		return;
	}
	struct doc_form v = posted(r);
	struct strlist readers = { 0 };
	struct attachment att;
	int has_file;
	struct doc_fields f = fields_of(r, &v, &readers, &att, &has_file);
	if (!v.readers || !*v.readers)
		f.readers = NULL;
	long long id = 0;
	char *err = NULL;
	enum svc_status st = documents_add(r->reg, &r->actor, slug, &f, has_file ? &att : NULL, &id, &err);
	if (st == SVC_OK) {
		redirect_to_document(r, id);
	} else if (st == SVC_INVALID || st == SVC_FORBIDDEN) {
		char *action = xasprintf("/processes/%s/documents", slug);
		form_page(r, st == SVC_INVALID ? 422 : 403, "Add a document", action, &v, err);
		free(action);
		free(err);
	} else {
		page_status(r, st, err);
	}
	strlist_free(&readers);
}

static void document_meta(struct buf *b, const struct document *d)
{
	html_raw(b, "<dl class=\"facts\"><dt>Process</dt><dd>");
	page_link_process(b, d->process, d->process);
	html_raw(b, "</dd><dt>Kind</dt><dd>");
	html_txt(b, doc_kind_name(d->kind));
	html_raw(b, "</dd>");
	if (d->issued) {
		html_raw(b, "<dt>Date</dt><dd>");
		html_txt(b, d->issued);
		html_raw(b, "</dd>");
	}
	html_raw(b, "<dt>Who may read it</dt><dd><span class=\"level level-");
	html_attr(b, level_name(d->level));
	html_raw(b, "\">");
	html_txt(b, level_name(d->level));
	html_raw(b, "</span>");
	for (size_t i = 0; i < d->readers.n; i++) {
		html_raw(b, i ? ", " : ": ");
		html_txt(b, d->readers.items[i]);
	}
	html_raw(b, "</dd>");
	if (d->state) {
		html_raw(b, "<dt>For</dt><dd>");
		page_link_state(b, d->state, d->state);
		html_raw(b, "</dd>");
	}
	html_raw(b, "<dt>Added by</dt><dd>");
	html_txt(b, d->created_by);
	html_raw(b, "</dd>");
	if (d->attachment_name) {
		html_raw(b, "<dt>File</dt><dd><a href=\"/documents/");
		html_int(b, d->id);
		html_raw(b, "/file\">");
		html_txt(b, d->attachment_name);
		html_raw(b, "</a> (");
		html_int(b, d->attachment_size);
		html_raw(b, " bytes)</dd>");
	}
	html_raw(b, "</dl>");
}

void page_document(struct req *r)
{
	long long id = id_or_404(r);
	if (id < 0)
		return;
	struct document d;
	char *err = NULL;
	enum svc_status st = documents_get(r->reg, &r->actor, id, &d, &err);
	if (st) {
		page_status(r, st, err);
		return;
	}
	struct buf b = { 0 };
	page_begin(&b, r, d.title);
	html_raw(&b, "<article class=\"document\"><h1>");
	html_txt(&b, d.title);
	html_raw(&b, "</h1>");
	document_meta(&b, &d);
	/* cmark writes the HTML, escaping the text and dropping raw HTML. */
	char *body = markdown_to_html(d.body ? d.body : "");
	html_raw(&b, "<div class=\"body\">");
	buf_append(&b, body, strlen(body));
	html_raw(&b, "</div>");
	free(body);
	if (policy_may_write(r->actor.user, d.process, d.state)) {
		html_raw(&b, "<p class=\"actions\"><a class=\"button\" href=\"/documents/");
		html_int(&b, d.id);
		html_raw(&b, "/edit\">Change</a></p><form method=\"post\" action=\"/documents/");
		html_int(&b, d.id);
		html_raw(&b, "/delete\">");
		page_csrf_field(&b, r);
		html_raw(&b, "<button type=\"submit\" class=\"danger\">Delete this document</button></form>");
	}
	html_raw(&b, "</article>");
	page_end(&b, r);
	page_send(r, 200, &b);
	document_free(&d);
}

void page_document_file(struct req *r)
{
	long long id = id_or_404(r);
	if (id > 0)
		http_send_attachment(r, id, page_status);
}

/* Reads document id for changing; 0, or -1 after answering. */
static int editable(struct req *r, long long id, struct document *d)
{
	char *err = NULL;
	enum svc_status st = documents_get(r->reg, &r->actor, id, d, &err);
	if (st) {
		page_status(r, st, err);
		return -1;
	}
	if (!policy_may_write(r->actor.user, d->process, d->state)) {
		document_free(d);
		page_error(r, r->signed_in ? 403 : 401, "Not allowed",
			   "Only the secretariat of the process, or the focal point of the state the paper "
			   "belongs to, change it.");
		return -1;
	}
	return 0;
}

void page_document_edit(struct req *r)
{
	long long id = id_or_404(r);
	struct document d;
	if (id < 0 || editable(r, id, &d))
		return;
	struct buf readers = { 0 };
	for (size_t i = 0; i < d.readers.n; i++) {
		if (i)
			html_raw(&readers, ", ");
		buf_append(&readers, d.readers.items[i], strlen(d.readers.items[i]));
	}
	struct doc_form v = { d.title, doc_kind_name(d.kind), d.issued, level_name(d.level), d.state,
			      d.body, readers.data };
	char *action = xasprintf("/documents/%lld/edit", id);
	form_page(r, 200, "Change a document", action, &v, NULL);
	free(action);
	buf_free(&readers);
	document_free(&d);
}

void page_document_save(struct req *r)
{
	long long id = id_or_404(r);
	if (id < 0)
		return;
	struct doc_form v = posted(r);
	struct strlist readers = { 0 };
	struct attachment att;
	int has_file;
	struct doc_fields f = fields_of(r, &v, &readers, &att, &has_file);
	char *err = NULL;
	enum svc_status st = documents_update(r->reg, &r->actor, id, &f, has_file ? &att : NULL, &err);
	if (st == SVC_OK) {
		redirect_to_document(r, id);
	} else if (st == SVC_INVALID) {
		char *action = xasprintf("/documents/%lld/edit", id);
		form_page(r, 422, "Change a document", action, &v, err);
		free(action);
		free(err);
	} else {
		page_status(r, st, err);
	}
	strlist_free(&readers);
}

void page_document_delete(struct req *r)
{
	long long id = id_or_404(r);
	if (id < 0)
		return;
	struct document d;
	char *err = NULL;
	if (editable(r, id, &d))
		return;
	enum svc_status st = documents_delete(r->reg, &r->actor, id, &err);
	if (st) {
		page_status(r, st, err);
	} else {
		char *to = xasprintf("/processes/%s", d.process);
		http_redirect(r, to);
		free(to);
	}
	document_free(&d);
}
