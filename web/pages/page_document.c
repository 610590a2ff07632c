/* page_document.c: a document's page, its download, and the forms to add, change and delete it */
#include "pages.h"
#include "../../core/period.h"
#include "../../core/xalloc.h"
#include "../../io/markdown.h"
#include "../../services/documents.h"

#include <stdlib.h>
#include <string.h>

static const char *const form_extras[] = { "file", "remove_file", "csrf_token", NULL };

static void redirect_to_document(struct req *r, long long id)
{
	char *to = xasprintf("/documents/%lld", id);
	http_redirect(r, to);
	free(to);
}

/* A whole form page, new or edit, showing the values v and what err says. */
/* The form to add or change a paper; with the paper changed (d), its
 * file named with a box to remove it. */
static void form_page(struct req *r, int status, const char *title, const char *action,
		      const struct field_values *v, const struct svc_error *err, const struct document *d)
{
	struct buf b = { 0 };
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1>");
	page_form_problem(&b, err, documents_fields, documents_nfields, form_extras);
	html_raw(&b, "<form class=\"stacked\" method=\"post\" enctype=\"multipart/form-data\" action=\"");
	html_attr(&b, action);
	html_raw(&b, "\">");
	page_csrf_field(&b, r);
	page_form_fields(&b, v, err, NULL);
	const char *file_error = page_field_error(err, "file");
	if (d && d->attachment_name) {
		html_raw(&b, "<p class=\"attached\">Attached now: <a href=\"/documents/");
		html_int(&b, d->id);
		html_raw(&b, "/file\">");
		html_txt(&b, d->attachment_name);
		html_raw(&b, "</a> (");
		html_int(&b, d->attachment_size);
		html_raw(&b, " bytes)</p><div class=\"field\"><label class=\"check\"><input type=\"checkbox\" "
			     "name=\"remove_file\" value=\"yes\">Remove the attached file</label></div>");
	}
	page_field_begin(&b, "file", d && d->attachment_name ? "Or replace it with another file (at most 10 MB)"
								: "Attach a file (at most 10 MB)", file_error);
	html_raw(&b, "<input type=\"file\"");
	page_field_attrs(&b, "file", "file", file_error);
	html_raw(&b, "></div><button type=\"submit\">Save</button></form>");
	page_end(&b, r);
	page_send(r, status, &b);
}

/* The values and attachment of the posted form, into v (initialised
 * here) and *att. */
static enum svc_status posted(struct req *r, struct field_values *v, struct attachment *att, int *has_file,
			      struct svc_error *err)
{
	fields_init(v, documents_fields, documents_nfields);
	const struct form_field *file = form_get(&r->form, "file");
	*has_file = file && file->filename && (*file->filename || file->len);
	if (*has_file)
		*att = (struct attachment){ file->filename, file->type, file->value, file->len };
	return http_fields_from_form(&r->form, v, "a document", form_extras, err);
}

void page_document_new(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	if (!r->signed_in) {
		char *next = xasprintf("/login?next=/processes/%s/documents/new", p->slug);
		http_redirect(r, next);
		free(next);
		return;
	}
	if (!documents_may_add(&r->actor, p->slug)) {
		page_error(r, 403, "Not allowed", "Only the secretariat of this process, and focal points "
			   "for their own state, add documents.");
		return;
	}
	struct field_values v;
	fields_init(&v, documents_fields, documents_nfields);
	fields_defaults(&v);
	char *action = xasprintf("/processes/%s/documents", p->slug);
	form_page(r, 200, "Add a document", action, &v, NULL, NULL);
	free(action);
	fields_free(&v);
}

void page_document_create(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct field_values v;
	struct attachment att;
	int has_file;
	struct svc_error err = { 0 };
	long long id = 0;
	enum svc_status st = posted(r, &v, &att, &has_file, &err);
	if (st == SVC_OK)
		st = documents_add(r->reg, &r->actor, p->slug, &v, has_file ? &att : NULL, &id, &err);
	if (st == SVC_OK) {
		redirect_to_document(r, id);
	} else if (st == SVC_INVALID || st == SVC_FORBIDDEN) {
		char *action = xasprintf("/processes/%s/documents", p->slug);
		form_page(r, st == SVC_INVALID ? 422 : 403, "Add a document", action, &v, &err, NULL);
		free(action);
		svc_error_free(&err);
	} else {
		page_status(r, st, &err);
	}
	fields_free(&v);
}

/* "Version N, changed DAY by LOGIN", with a link to the earlier ones. */
static void version_line(struct buf *b, struct req *r, const struct document *d)
{
	char day[11];
	period_day_of(d->updated_at, day);
	html_raw(b, "<dt>Version</dt><dd>");
	html_int(b, d->version);
	html_raw(b, d->version > 1 ? ", changed " : ", written ");
	html_txt(b, day);
	html_raw(b, " by ");
	page_person(b, r, d->changed_by ? d->changed_by : d->created_by);
	if (d->version > 1) {
		html_raw(b, " (<a href=\"/documents/");
		html_int(b, d->id);
		html_raw(b, "/versions\">every version</a>)");
	}
	html_raw(b, "</dd>");
}

static void document_meta(struct buf *b, struct req *r, const struct document *d)
{
	html_raw(b, "<dl class=\"facts\"><dt>Process</dt><dd>");
	page_link_process(b, d->process, page_process_acronym(r, d->process));
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
		page_link_state(b, d->state, page_country_name(r, d->state));
		html_raw(b, "</dd>");
	}
	html_raw(b, "<dt>Added by</dt><dd>");
	page_person(b, r, d->created_by);
	html_raw(b, "</dd>");
	version_line(b, r, d);
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
	long long id = page_id_or_404(r, "document");
	if (id < 0)
		return;
	struct document d;
	struct svc_error err = { 0 };
	enum svc_status st = documents_get(r->reg, &r->actor, id, &d, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	struct buf b = { 0 };
	page_begin(&b, r, d.title);
	html_raw(&b, "<article class=\"document\"><h1>");
	html_txt(&b, d.title);
	html_raw(&b, "</h1>");
	document_meta(&b, r, &d);
	/* cmark writes the HTML, escaping the text and dropping raw HTML. */
	char *body = markdown_to_html(d.body ? d.body : "");
	html_raw(&b, "<div class=\"body\">");
	buf_append(&b, body, strlen(body));
	html_raw(&b, "</div>");
	free(body);
	if (documents_may_change(&r->actor, &d)) {
		html_raw(&b, "<p class=\"actions\"><a class=\"button\" href=\"/documents/");
		html_int(&b, d.id);
		html_raw(&b, "/edit\">Change</a> <a class=\"button danger\" href=\"/documents/");
		html_int(&b, d.id);
		html_raw(&b, "/delete\">Delete…</a></p>");
	}
	html_raw(&b, "</article>");
	page_end(&b, r);
	page_send(r, 200, &b);
	document_free(&d);
}

void page_document_file(struct req *r)
{
	long long id = page_id_or_404(r, "document");
	if (id > 0)
		http_send_attachment(r, id, page_status);
}

/* Reads document id for changing; 0, or -1 after answering. */
static int editable(struct req *r, long long id, struct document *d)
{
	struct svc_error err = { 0 };
	enum svc_status st = documents_get(r->reg, &r->actor, id, d, &err);
	if (st) {
		page_status(r, st, &err);
		return -1;
	}
	if (!documents_may_change(&r->actor, d)) {
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
	long long id = page_id_or_404(r, "document");
	struct document d;
	if (id < 0 || editable(r, id, &d))
		return;
	struct field_values v;
	documents_values(&d, &v);
	char *action = xasprintf("/documents/%lld/edit", id);
	form_page(r, 200, "Change a document", action, &v, NULL, &d);
	free(action);
	fields_free(&v);
	document_free(&d);
}

void page_document_save(struct req *r)
{
	long long id = page_id_or_404(r, "document");
	if (id < 0)
		return;
	struct field_values v;
	struct attachment att;
	int has_file;
	struct svc_error err = { 0 };
	enum svc_status st = posted(r, &v, &att, &has_file, &err);
	const char *remove = http_form(r, "remove_file");
	if (!has_file && remove && strcmp(remove, "yes") == 0) {
		att = DOCUMENT_FILE_REMOVED;
		has_file = 1;
	}
	if (st == SVC_OK)
		st = documents_update(r->reg, &r->actor, id, &v, has_file ? &att : NULL, &err);
	if (st == SVC_OK) {
		redirect_to_document(r, id);
	} else if (st == SVC_INVALID) {
		struct document d;
		struct svc_error ignored = { 0 };
		int known = documents_get(r->reg, &r->actor, id, &d, &ignored) == SVC_OK;
		svc_error_free(&ignored);
		char *action = xasprintf("/documents/%lld/edit", id);
		form_page(r, 422, "Change a document", action, &v, &err, known ? &d : NULL);
		free(action);
		if (known)
			document_free(&d);
		svc_error_free(&err);
	} else {
		page_status(r, st, &err);
	}
	fields_free(&v);
}

/* Asks before a paper is deleted: its title, what deleting means, and
 * the button that does it. */
void page_document_delete_confirm(struct req *r)
{
	long long id = page_id_or_404(r, "document");
	struct document d;
	if (id < 0 || editable(r, id, &d))
		return;
	struct buf b = { 0 };
	page_begin(&b, r, "Delete a paper");
	html_raw(&b, "<h1>Delete “");
	html_txt(&b, d.title);
	html_raw(&b, "”?</h1><p>The paper and its file go for good; the audit log keeps that you deleted it. Its "
		     "number is not given to another paper.</p><form method=\"post\" class=\"inline\" "
		     "action=\"/documents/");
	html_int(&b, d.id);
	html_raw(&b, "/delete\">");
	page_csrf_field(&b, r);
	html_raw(&b, "<button type=\"submit\" class=\"danger\">Delete it</button></form> <a class=\"button\" "
		     "href=\"/documents/");
	html_int(&b, d.id);
	html_raw(&b, "\">Keep it</a>");
	page_end(&b, r);
	page_send(r, 200, &b);
	document_free(&d);
}

void page_document_delete(struct req *r)
{
	long long id = page_id_or_404(r, "document");
	if (id < 0)
		return;
	struct document d;
	struct svc_error err = { 0 };
	if (editable(r, id, &d))
		return;
	enum svc_status st = documents_delete(r->reg, &r->actor, id, &err);
	if (st) {
		page_status(r, st, &err);
	} else {
		char *to = xasprintf("/documents?deleted=%lld", id);
		http_redirect(r, to);
		free(to);
	}
	document_free(&d);
}

void page_document_versions(struct req *r)
{
	long long id = page_id_or_404(r, "document");
	if (id < 0)
		return;
	struct document d;
	struct document_list l = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = documents_get(r->reg, &r->actor, id, &d, &err);
	if (st || (st = documents_versions(r->reg, &r->actor, id, &l, &err))) {
		if (!st)
			document_free(&d);
		page_status(r, st, &err);
		return;
	}
	struct buf b = { 0 };
	char *title = xasprintf("Versions of %s", d.title);
	page_begin(&b, r, title);
	free(title);
	html_raw(&b, "<h1>Versions of <a href=\"/documents/");
	html_int(&b, d.id);
	html_raw(&b, "\">");
	html_txt(&b, d.title);
	html_raw(&b, "</a></h1><table class=\"versions\"><thead><tr><th scope=\"col\">Version</th>"
		     "<th scope=\"col\">Written</th><th scope=\"col\">By</th><th scope=\"col\">Title</th>"
		     "<th scope=\"col\">Who may read it</th><th scope=\"col\">File</th></tr></thead><tbody>");
	for (size_t i = 0; i < l.n; i++) {
		const struct document *v = &l.items[i];
		char day[11];
		period_day_of(v->updated_at, day);
		html_raw(&b, "<tr><td class=\"num\"><a href=\"/documents/");
		html_int(&b, d.id);
		html_raw(&b, "/versions/");
		html_int(&b, v->version);
		html_raw(&b, "\">");
		html_int(&b, v->version);
		html_raw(&b, "</a></td><td>");
		html_txt(&b, day);
		html_raw(&b, "</td><td>");
		page_person(&b, r, v->changed_by);
		html_raw(&b, "</td><td>");
		html_txt(&b, v->title);
		html_raw(&b, "</td><td>");
		html_txt(&b, level_name(v->level));
		html_raw(&b, "</td><td>");
		html_txt(&b, v->attachment_name);
		html_raw(&b, "</td></tr>");
	}
	html_raw(&b, "</tbody></table>");
	if (l.n < (size_t)d.version)
		html_raw(&b, "<p class=\"meta\">Versions written at a level you may not read are not shown.</p>");
	page_end(&b, r);
	page_send(r, 200, &b);
	document_list_free(&l);
	document_free(&d);
}

void page_document_version(struct req *r)
{
	long long id = page_id_or_404(r, "document");
	if (id < 0)
		return;
	long long n = http_record_id(r->params[1]);
	struct document v;
	struct svc_error err = { 0 };
	enum svc_status st = n > 0 && n < 1000000 ? documents_version(r->reg, &r->actor, id, (int)n, &v, &err)
						 : svc_fail(&err, SVC_NOT_FOUND, NULL, "no version %s", r->params[1]);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	struct buf b = { 0 };
	char *title = xasprintf("%s, version %d", v.title, v.version);
	page_begin(&b, r, title);
	free(title);
	char day[11];
	period_day_of(v.updated_at, day);
	html_raw(&b, "<article class=\"document\"><h1>");
	html_txt(&b, v.title);
	html_raw(&b, "</h1><p class=\"notice\">Version ");
	html_int(&b, v.version);
	html_raw(&b, ", written ");
	html_txt(&b, day);
	html_raw(&b, " by ");
	page_person(&b, r, v.changed_by);
	html_raw(&b, " (<a href=\"/documents/");
	html_int(&b, id);
	html_raw(&b, "\">the paper as it reads now</a>, <a href=\"/documents/");
	html_int(&b, id);
	html_raw(&b, "/versions\">every version</a>).</p>");
	char *body = markdown_to_html(v.body ? v.body : "");
	html_raw(&b, "<div class=\"body\">");
	buf_append(&b, body, strlen(body));
	html_raw(&b, "</div></article>");
	free(body);
	page_end(&b, r);
	page_send(r, 200, &b);
	document_free(&v);
}
