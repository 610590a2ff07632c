/* documents.c: process documents (declarations, plans, reports, notes) under the access policy */
#include "documents.h"
#include "audit.h"
#include "policy.h"
#include "service_int.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = { "declaration", "plan", "report", "note", "other", NULL };
static const char *const levels[] = { "public", "participants", "members", "restricted", NULL };

const struct field documents_fields[] = {
	{ .name = "title", .label = "Title", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = DOC_TITLE_MAX,
	  .hint = "a title on one line" },
	{ .name = "kind", .label = "Kind", .type = FIELD_CHOICE, .choices = kinds, .def = "other" },
	{ .name = "date", .label = "Date (YYYY-MM-DD)", .type = FIELD_DATE, .flags = FIELD_CLEARABLE,
	  .hint = "the day it was issued" },
	{ .name = "level", .label = "Who may read it", .type = FIELD_CHOICE, .flags = FIELD_REQUIRED,
	  .choices = levels, .def = "members" },
	{ .name = "state", .label = "For the state (ISO code or name; empty for the process's own papers)",
	  .type = FIELD_NAME, .flags = FIELD_CLEARABLE, .max = 200, .hint = "a state taking part in the process" },
	{ .name = "readers", .label = "Named readers of a restricted paper (logins, separated by commas)",
	  .type = FIELD_LIST, .max = 64, .cli_item = "reader", .hint = "logins of users" },
	{ .name = "body", .label = "Text (Markdown)", .type = FIELD_TEXT, .flags = FIELD_CLEARABLE,
	  .max = DOC_BODY_MAX, .hint = "Markdown" },
};
const size_t documents_nfields = sizeof documents_fields / sizeof documents_fields[0];

static void set_string(char **field, const char *value)
{
	free(*field);
	*field = value && *value ? xstrdup(value) : NULL;
}

/* The state a document is for: a government or territory taking part in
 * process p. *alpha3 (caller frees) is NULL for "". */
static enum svc_status resolve_state(struct registry *r, const struct process *p,
				     const char *query, char **alpha3, struct svc_error *err)
{
	*alpha3 = NULL;
	if (!*query)
		return SVC_OK;
	const struct country *c;
	if (registry_country(r, "state", query, &c, err))
		return SVC_INVALID;
	int part = 0;
	for (size_t i = 0; i < p->parts.n && !part; i++)
		part = strcmp(p->parts.items[i].code, c->alpha3) == 0;
	if (!part)
		return svc_fail(err, SVC_INVALID, "state", "%s does not take part in %s", c->name, p->acronym);
	*alpha3 = xstrdup(c->alpha3);
	return SVC_OK;
}

/* Checks that every reader is a user, named once. */
static enum svc_status check_readers(struct store *s, const struct strlist *readers, struct svc_error *err)
{
	for (size_t i = 0; i < readers->n; i++) {
		char field[32];
		snprintf(field, sizeof field, "readers[%zu]", i);
		for (size_t k = 0; k < i; k++)
			if (strcmp(readers->items[k], readers->items[i]) == 0)
				return svc_fail(err, SVC_INVALID, field, "%s is named twice", readers->items[i]);
		struct user u;
		int rc = store_user_get(s, readers->items[i], &u, &err->message);
		if (rc < 0)
			return SVC_ERROR;
		if (rc == 1)
			return svc_fail(err, SVC_INVALID, field, "no user %s", readers->items[i]);
		user_free(&u);
	}
	return SVC_OK;
}

/* Applies the values v gives to d after checking them; p is d's process. */
static enum svc_status apply_values(struct registry *r, const struct process *p, const struct field_values *v,
				    int creating, struct document *d, struct svc_error *err)
{
	enum svc_status st = fields_check(v, creating, err);
	if (st)
		return st;
	const char *text;
	if ((text = fields_text(v, "title")))
		set_string(&d->title, text);
	if ((text = fields_text(v, "kind")))
		d->kind = (enum doc_kind)doc_kind_parse(text);
	if ((text = fields_text(v, "level")))
		d->level = (enum level)level_parse(text);
	if ((text = fields_text(v, "date")))
		set_string(&d->issued, text);
	if ((text = fields_text(v, "body")))
		set_string(&d->body, text);
	if ((text = fields_text(v, "state"))) {
		char *alpha3;
		if ((st = resolve_state(r, p, text, &alpha3, err)))
			return st;
		free(d->state);
		d->state = alpha3;
	}
	const struct strlist *readers = fields_list(v, "readers");
	if (readers) {
		if ((st = check_readers(registry_store(r), readers, err)))
			return st;
		strlist_free(&d->readers);
		for (size_t i = 0; i < readers->n; i++)
			strlist_push(&d->readers, readers->items[i]);
	}
	if (d->readers.n && d->level != LEVEL_RESTRICTED)
		return svc_fail(err, SVC_INVALID, "readers", "only restricted documents have named readers");
	return SVC_OK;
}

static int has_control_chars(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static enum svc_status check_attachment(const struct attachment *att, struct svc_error *err)
{
	if (!att || (!att->name && !att->data))  /* none given, or the file removed */
		return SVC_OK;
	const char *n = att->name;
	if (!n || !*n || strlen(n) > 255 || strchr(n, '/') || strchr(n, '\\') ||
	    strcmp(n, ".") == 0 || strcmp(n, "..") == 0 || !text_is_utf8(n) || has_control_chars(n))
		return svc_fail(err, SVC_INVALID, "file", "give a file name without directories, at most 255 bytes");
	const char *t = att->type;
	size_t tl = t ? strlen(t) : 0;
	const char *slash = t ? strchr(t, '/') : NULL;
	if (!tl || tl > 127 || !slash || slash == t || !slash[1] ||
	    strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&^_.+-/") != tl)
		return svc_fail(err, SVC_INVALID, "file", "the media type must look like type/subtype");
	if (att->len > DOC_ATTACHMENT_MAX)
		return svc_fail(err, SVC_INVALID, "file", "at most %d bytes", DOC_ATTACHMENT_MAX);
	return SVC_OK;
}

static enum svc_status not_allowed(const struct actor *a, const char *what, struct svc_error *err)
{
	return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL,
			"you may not %s documents of this process%s", what,
			a->user ? "" : " without signing in");
}

static int attach(struct store *s, const struct actor *a, long long id,
		  const struct attachment *att, struct svc_error *err)
{
	return att ? store_document_attach(s, id, att->name, att->type, att->data, att->len,
					   a->now, &err->message)
		   : 0;
}

/* Records what the actor did to d in the audit log, as "document:ID". */
static int audit_document(struct store *s, const struct actor *a, const char *action,
			  const struct document *d, const char *detail, struct svc_error *err)
{
	char object[32];
	snprintf(object, sizeof object, "document:%lld", d->id);
	return audit_record(s, a, action, d->process, object, detail, err);
}

int documents_may_add(const struct actor *a, const char *process)
{
	const char *own = a->user ? a->user->government : NULL;
	return policy_may_write(a->user, process, NULL) || (own && policy_may_write(a->user, process, own));
}

int documents_may_change(const struct actor *a, const struct document *d)
{
	return policy_may_write(a->user, d->process, d->state);
}

/* Stores d (a new document) and its attachment with the audit entry. */
static enum svc_status save_new(struct store *s, const struct actor *a, struct document *d,
				const struct attachment *att, struct svc_error *err)
{
	enum svc_status st = svc_begin(s, err);
	if (st)
		return st;
	if (store_document_put(s, d, &err->message) || attach(s, a, d->id, att, err) ||
	    store_document_version_keep(s, d->id, a->user->login, 0, &err->message) ||
	    audit_document(s, a, "document.add", d, d->title, err))
		st = SVC_ERROR;
	return svc_commit(s, st, err);
}

enum svc_status documents_add(struct registry *r, const struct actor *a, const char *process,
			      const struct field_values *v, const struct attachment *att,
			      long long *id, struct svc_error *err)
{
	const struct process *p;
	if (registry_process(r, "process", process, &p, err))
		return SVC_NOT_FOUND;
	struct document d = { .process = xstrdup(p->slug), .kind = DOC_OTHER, .level = LEVEL_RESTRICTED,
			      .created_at = a->now, .updated_at = a->now };
	int focal = user_role_in(a->user, p->slug) == GRANT_FOCAL_POINT;
	enum svc_status st = apply_values(r, p, v, 1, &d, err);
	if (st == SVC_OK)
		st = check_attachment(att, err);
	if (st == SVC_OK) {
		const char *state = fields_text(v, "state");
		if (!d.state && focal && (!state || !*state) && a->user->government)
			d.state = xstrdup(a->user->government);
		if (!policy_may_write(a->user, p->slug, d.state))
			st = not_allowed(a, "add", err);
	}
	if (st == SVC_OK) {
		d.created_by = xstrdup(a->user->login);
		st = save_new(registry_store(r), a, &d, att, err);
	}
	if (st == SVC_OK)
		*id = d.id;
	document_free(&d);
	return st;
}

static struct record_ref ref_of(const struct document *d)
{
	return (struct record_ref){ .process = d->process, .level = d->level,
				    .state = d->state, .readers = &d->readers };
}

enum svc_status documents_list(struct registry *r, const struct actor *a, const char *process,
			       long limit, long offset, struct document_list *out, long *total,
			       struct svc_error *err)
{
	const struct process *p;
	if (registry_process(r, "process", process, &p, err))
		return SVC_NOT_FOUND;
	struct document_list all = { 0 };
	struct store *s = registry_store(r);
	if (store_documents_of(s, p->slug, &all, &err->message)) {
		document_list_free(&all);
		return SVC_ERROR;
	}
	*total = 0;
	int audited = 0;
	for (size_t i = 0; i < all.n; i++) {
		struct record_ref ref = ref_of(&all.items[i]);
		if (!policy_may_read(a->user, &ref))
			continue;
		if ((*total)++ < offset || (long)out->n >= limit)
			continue;
		audited |= policy_read_is_audited(all.items[i].level);
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		out->items[out->n++] = all.items[i];
		memset(&all.items[i], 0, sizeof all.items[i]);
	}
	document_list_free(&all);
	if (audited && audit_record_list_read(s, a, "document.list", p->slug, err))
		return SVC_ERROR;
	return SVC_OK;
}

static int newest_first(const void *a, const void *b)
{
	const struct document *x = a, *y = b;
	int c = strcmp(y->issued ? y->issued : "", x->issued ? x->issued : "");
	return c ? c : (y->id > x->id) - (y->id < x->id);
}

enum svc_status documents_list_all(struct registry *r, const struct actor *a, struct document_list *out,
				   struct svc_error *err)
{
	const struct process_list *all = registry_all(r);
	for (size_t i = 0; i < all->n; i++) {
		struct document_list l = { 0 };
		long total = 0;
		enum svc_status st = documents_list(r, a, all->items[i].slug, LONG_MAX, 0, &l, &total, err);
		if (st) {
			document_list_free(&l);
			return st;
		}
		if (l.n) {
			out->items = xrealloc(out->items, (out->n + l.n) * sizeof *out->items);
			memcpy(out->items + out->n, l.items, l.n * sizeof *l.items);
			out->n += l.n;
		}
		free(l.items);
	}
	if (out->n)
		qsort(out->items, out->n, sizeof *out->items, newest_first);
	return SVC_OK;
}

/* Reads document id into *d if the actor may read it. */
static enum svc_status readable(struct registry *r, const struct actor *a, long long id,
				struct document *d, struct svc_error *err)
{
	int rc = store_document_get(registry_store(r), id, d, &err->message);
	if (rc < 0)
		return SVC_ERROR;
	if (rc == 0) {
		struct record_ref ref = ref_of(d);
		if (policy_may_read(a->user, &ref)) {
			if (store_document_body(registry_store(r), id, &d->body, &err->message) == 0)
				return SVC_OK;
			document_free(d);
			return SVC_ERROR;
		}
		document_free(d);
	}
	return svc_fail(err, SVC_NOT_FOUND, NULL, "no document %lld", id);
}

int documents_visible(struct registry *r, const struct actor *a, long long id, struct svc_error *err)
{
	struct document d;
	enum svc_status st = readable(r, a, id, &d, err);
	if (st == SVC_OK)
		document_free(&d);
	else if (st == SVC_NOT_FOUND)
		svc_error_free(err);
	return st == SVC_OK ? 1 : st == SVC_NOT_FOUND ? 0 : -1;
}

static enum svc_status audit_read(struct registry *r, const struct actor *a,
				  const struct document *d, const char *action, struct svc_error *err)
{
	if (!policy_read_is_audited(d->level))
		return SVC_OK;
	return audit_document(registry_store(r), a, action, d, NULL, err) ? SVC_ERROR : SVC_OK;
}

enum svc_status documents_get(struct registry *r, const struct actor *a, long long id,
			      struct document *out, struct svc_error *err)
{
	enum svc_status st = readable(r, a, id, out, err);
	if (st == SVC_OK && (st = audit_read(r, a, out, "document.read", err)))
		document_free(out);
	return st;
}

/* Opens a change of document id: it is read into *d, a transaction is
 * begun, and the actor's right to change it is checked. */
static enum svc_status begin_change(struct registry *r, const struct actor *a, long long id,
				    const char *what, struct document *d, struct svc_error *err)
{
	enum svc_status st = readable(r, a, id, d, err);
	if (st)
		return st;
	st = documents_may_change(a, d) ? svc_begin(registry_store(r), err) : not_allowed(a, what, err);
	if (st)
		document_free(d);
	return st;
}

/* Ends a change of d (begun by begin_change): a new version kept when
 * changed (not for a delete), the audit entry, the commit. */
static enum svc_status end_change(struct registry *r, const struct actor *a, struct document *d,
				  const char *action, int changed, enum svc_status st, struct svc_error *err)
{
	struct store *s = registry_store(r);
	if (st == SVC_OK && changed && store_document_version_keep(s, d->id, a->user->login, 1, &err->message))
		st = SVC_ERROR;
	if (st == SVC_OK && audit_document(s, a, action, d, d->title, err))
		st = SVC_ERROR;
	st = svc_commit(s, st, err);
	document_free(d);
	return st;
}

enum svc_status documents_update(struct registry *r, const struct actor *a, long long id,
				 const struct field_values *v, const struct attachment *att,
				 struct svc_error *err)
{
	struct document d;
	enum svc_status st = check_attachment(att, err);
	if (st || (st = begin_change(r, a, id, "change", &d, err)))
		return st;
	const struct process *p;
	struct store *s = registry_store(r);
	if ((st = registry_process(r, NULL, d.process, &p, err)))
		st = SVC_ERROR;
	else if ((st = apply_values(r, p, v, 0, &d, err)) == SVC_OK && !documents_may_change(a, &d))
		st = not_allowed(a, "move to another state", err);
	d.updated_at = a->now;
	if (st == SVC_OK && (store_document_update(s, &d, &err->message) || attach(s, a, id, att, err)))
		st = SVC_ERROR;
	return end_change(r, a, &d, "document.update", 1, st, err);
}

enum svc_status documents_attach(struct registry *r, const struct actor *a, long long id,
				 const struct attachment *att, struct svc_error *err)
{
	enum svc_status st = check_attachment(att, err);
	struct document d;
	if (st || (st = begin_change(r, a, id, "change", &d, err)))
		return st;
	if (!att->name && !d.attachment_name)
		st = svc_fail(err, SVC_NOT_FOUND, NULL, "document %lld has no attached file", id);
	else if (attach(registry_store(r), a, id, att, err))
		st = SVC_ERROR;
	return end_change(r, a, &d, att->name ? "document.attach" : "document.detach", 1, st, err);
}

enum svc_status documents_delete(struct registry *r, const struct actor *a, long long id,
				 struct svc_error *err)
{
	struct document d;
	enum svc_status st = begin_change(r, a, id, "delete", &d, err);
	if (st)
		return st;
	if (store_document_delete(registry_store(r), id, &err->message))
		st = SVC_ERROR;
	return end_change(r, a, &d, "document.delete", 0, st, err);
}

enum svc_status documents_attachment(struct registry *r, const struct actor *a, long long id,
				     struct document *doc, void **data, size_t *len, struct svc_error *err)
{
	enum svc_status st = readable(r, a, id, doc, err);
	if (st)
		return st;
	int rc = store_document_blob(registry_store(r), id, data, len, &err->message);
	if (rc == 1)
		st = svc_fail(err, SVC_NOT_FOUND, NULL, "document %lld has no attached file", id);
	else if (rc < 0)
		st = SVC_ERROR;
	else if ((st = audit_read(r, a, doc, "document.download", err)))
		free(*data);
	if (st)
		document_free(doc);
	return st;
}

enum svc_status documents_versions(struct registry *r, const struct actor *a, long long id,
				   struct document_list *out, struct svc_error *err)
{
	struct document d;
	enum svc_status st = readable(r, a, id, &d, err);
	if (st)
		return st;
	struct document_list all = { 0 };
	if (store_document_versions(registry_store(r), id, &all, &err->message))
		st = SVC_ERROR;
	for (size_t i = 0; st == SVC_OK && i < all.n; i++) {
		struct document *v = &all.items[i];
		struct record_ref ref = { .process = d.process, .level = v->level, .state = v->state,
					  .readers = &d.readers };
		if (!policy_may_read(a->user, &ref))
			continue;  /* a version written at a level the actor may not read is not shown */
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		out->items[out->n] = *v;
		out->items[out->n].process = xstrdup(d.process);
		out->n++;
		memset(v, 0, sizeof *v);
	}
	document_list_free(&all);
	document_free(&d);
	return st;
}

enum svc_status documents_version(struct registry *r, const struct actor *a, long long id, int version,
				  struct document *out, struct svc_error *err)
{
	memset(out, 0, sizeof *out);
	struct document_list versions = { 0 };
	enum svc_status st = documents_versions(r, a, id, &versions, err);
	for (size_t i = 0; st == SVC_OK && i < versions.n && !out->title; i++) {
		if (versions.items[i].version != version)
			continue;
		*out = versions.items[i];
		memset(&versions.items[i], 0, sizeof versions.items[i]);
	}
	document_list_free(&versions);
	if (st)
		return st;
	if (!out->title)
		return svc_fail(err, SVC_NOT_FOUND, NULL, "document %lld has no version %d", id, version);
	int rc = store_document_version_body(registry_store(r), id, version, &out->body, &err->message);
	if (rc == 0 && (st = audit_read(r, a, out, "document.read", err)) == SVC_OK)
		return SVC_OK;
	st = rc ? SVC_ERROR : st;
	document_free(out);
	return st;
}

void documents_values(const struct document *d, struct field_values *v)
{
	struct svc_error ignored = { 0 };
	fields_init(v, documents_fields, documents_nfields);
	const char *text[][2] = {
		{ "title", d->title }, { "kind", doc_kind_name(d->kind) }, { "date", d->issued },
		{ "level", level_name(d->level) }, { "state", d->state }, { "body", d->body },
	};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (text[i][1])
			fields_set(v, text[i][0], text[i][1], "a document", &ignored);
	fields_give_list(v, "readers");
	for (size_t i = 0; i < d->readers.n; i++)
		fields_set(v, "readers", d->readers.items[i], "a document", &ignored);
}

