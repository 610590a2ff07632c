/* documents.c: process documents (declarations, plans, reports, notes) under the access policy */
#include "documents.h"
#include "audit.h"
#include "policy.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum svc_status invalid(char **err, char *msg)
{
	*err = msg;
	return SVC_INVALID;
}

/* SVC_INVALID with "field: why"; why is freed. */
static enum svc_status prefixed(char **err, const char *field, char *why)
{
	*err = xasprintf("%s: %s", field, why);
	free(why);
	return SVC_INVALID;
}

static int has_control_chars(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* YYYY-MM-DD naming a real day. */
static int valid_date(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, n = 0;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    s[4] != '-' || s[7] != '-' || y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= (m == 2 && !leap ? 28 : days[m - 1]);
}

static void set_string(char **field, const char *value)
{
	free(*field);
	*field = value && *value ? xstrdup(value) : NULL;
}

/* The state a document is for: a government or territory taking part in
 * process p. *alpha3 (caller frees) is NULL for "". */
static enum svc_status resolve_state(struct registry *r, const struct process *p,
				     const char *query, char **alpha3, char **err)
{
	*alpha3 = NULL;
	if (!*query)
		return SVC_OK;
	struct country c;
	char *why = NULL;
	if (registry_country(r, query, &c, &why))
		return prefixed(err, "state", why);
	int part = 0;
	for (size_t i = 0; i < p->parts.n && !part; i++)
		part = strcmp(p->parts.items[i].code, c.alpha3) == 0;
	if (!part) {
		char *msg = xasprintf("state: %s does not take part in %s", c.name, p->acronym);
		country_free(&c);
		return invalid(err, msg);
	}
	*alpha3 = xstrdup(c.alpha3);
	country_free(&c);
	return SVC_OK;
}

/* Checks that every reader is a user. */
static enum svc_status check_readers(struct store *s, const struct strlist *readers, char **err)
{
	for (size_t i = 0; readers && i < readers->n; i++) {
		struct user u;
		int rc = store_user_get(s, readers->items[i], &u, err);
		if (rc < 0)
			return SVC_ERROR;
		if (rc == 1)
			return invalid(err, xasprintf("readers[%zu]: no user %s", i, readers->items[i]));
		user_free(&u);
	}
	return SVC_OK;
}

/* Applies the fields f to d, checking each; p is d's process. */
static enum svc_status apply_fields(struct registry *r, const struct process *p,
				    const struct doc_fields *f, struct document *d, char **err)
{
	if (f->title) {
		size_t len = strlen(f->title);
		if (len == 0 || len > DOC_TITLE_MAX || !text_is_utf8(f->title) || has_control_chars(f->title))
			return invalid(err, xasprintf("title: give 1 to %d characters of text on one line",
						      DOC_TITLE_MAX));
		set_string(&d->title, f->title);
	}
	if (f->kind) {
		int k = doc_kind_parse(f->kind);
		if (k < 0)
			return invalid(err, xstrdup("kind: use declaration, plan, report, note or other"));
		d->kind = (enum doc_kind)k;
	}
	if (f->level) {
		int l = level_parse(f->level);
		if (l < 0)
			return invalid(err, xstrdup("level: use public, participants, members or restricted"));
		d->level = (enum level)l;
	}
	if (f->issued) {
		if (*f->issued && !valid_date(f->issued))
			return invalid(err, xstrdup("date: use a real day as YYYY-MM-DD"));
		set_string(&d->issued, f->issued);
	}
	if (f->body) {
		if (strlen(f->body) > DOC_BODY_MAX || !text_is_utf8(f->body))
			return invalid(err, xasprintf("body: must be UTF-8 text of at most %d bytes", DOC_BODY_MAX));
		set_string(&d->body, f->body);
	}
	if (f->state) {
		char *alpha3;
		enum svc_status st = resolve_state(r, p, f->state, &alpha3, err);
		if (st)
			return st;
		free(d->state);
		d->state = alpha3;
	}
	if (f->readers) {
		enum svc_status st = check_readers(r->store, f->readers, err);
		if (st)
			return st;
		strlist_free(&d->readers);
		for (size_t i = 0; i < f->readers->n; i++)
			strlist_push(&d->readers, f->readers->items[i]);
	}
	if (d->readers.n && d->level != LEVEL_RESTRICTED)
		return invalid(err, xstrdup("readers: only restricted documents have named readers"));
	return SVC_OK;
}

static enum svc_status check_attachment(const struct attachment *att, char **err)
{
	if (!att)
		return SVC_OK;
	const char *n = att->name;
	if (!n || !*n || strlen(n) > 255 || strchr(n, '/') || strchr(n, '\\') ||
	    strcmp(n, ".") == 0 || strcmp(n, "..") == 0 || !text_is_utf8(n) || has_control_chars(n))
		return invalid(err, xstrdup("file: give a file name without directories, at most 255 bytes"));
	const char *t = att->type;
	size_t tl = t ? strlen(t) : 0;
	const char *slash = t ? strchr(t, '/') : NULL;
	if (!tl || tl > 127 || !slash || slash == t || !slash[1] ||
	    strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&^_.+-/") != tl)
		return invalid(err, xstrdup("file: the media type must look like type/subtype"));
	if (att->len > DOC_ATTACHMENT_MAX)
		return invalid(err, xasprintf("file: at most %d bytes", DOC_ATTACHMENT_MAX));
	return SVC_OK;
}

static enum svc_status not_allowed(const struct actor *a, const char *what, char **err)
{
	*err = xasprintf("you may not %s documents of this process%s", what,
			 a->user ? "" : " without signing in");
	return a->user ? SVC_FORBIDDEN : SVC_DENIED;
}

static enum svc_status commit_or_rollback(struct store *s, enum svc_status st, char **err)
{
	if (st == SVC_OK && store_commit(s, err) == 0)
		return SVC_OK;
	store_rollback(s);
	return st == SVC_OK ? SVC_ERROR : st;
}

static int attach(struct store *s, const struct actor *a, long long id,
		  const struct attachment *att, char **err)
{
	return att ? store_document_attach(s, id, att->name, att->type, att->data, att->len,
					   a->now, err)
		   : 0;
}

enum svc_status documents_add(struct registry *r, const struct actor *a, const char *process,
			      const struct doc_fields *f, const struct attachment *att,
			      long long *id, char **err)
{
	struct process p;
	char *why = NULL;
	if (registry_process(r, process, &p, &why))
		return prefixed(err, "process", why);
	struct document d = { .process = xstrdup(p.slug), .kind = DOC_OTHER, .level = LEVEL_RESTRICTED,
			      .created_at = a->now, .updated_at = a->now };
	enum svc_status st = SVC_OK;
	int focal = user_role_in(a->user, p.slug) == GRANT_FOCAL_POINT;
	if (!f->title)
		st = invalid(err, xstrdup("title: is required"));
	else if (!f->level)
		st = invalid(err, xstrdup("level: is required (public, participants, members or restricted)"));
	else if (!(st = apply_fields(r, &p, f, &d, err)) && !(st = check_attachment(att, err))) {
		if (!d.state && focal && !f->state && a->user->government)
			d.state = xstrdup(a->user->government);
		if (!policy_may_write(a->user, p.slug, d.state))
			st = not_allowed(a, "add", err);
	}
	if (st == SVC_OK) {
		d.created_by = xstrdup(a->user->login);
		if (store_begin(r->store, err))
			st = SVC_ERROR;
		else {
			char object[32];
			if (store_document_put(r->store, &d, err) || attach(r->store, a, d.id, att, err))
				st = SVC_ERROR;
			snprintf(object, sizeof object, "document:%lld", d.id);
			if (st == SVC_OK && audit_record(r->store, a, "document.add", p.slug, object,
							 d.title, err))
				st = SVC_ERROR;
			st = commit_or_rollback(r->store, st, err);
		}
	}
	if (st == SVC_OK)
		*id = d.id;
	document_free(&d);
	process_free(&p);
	return st;
}

static struct record_ref ref_of(const struct document *d)
{
	return (struct record_ref){ .process = d->process, .level = d->level,
				    .state = d->state, .readers = &d->readers };
}

enum svc_status documents_list(struct registry *r, const struct actor *a, const char *process,
			       long limit, long offset, struct document_list *out, long *total,
			       char **err)
{
	const char *slug = names_lookup(&r->processes, process);
	if (!slug) {
		*err = xasprintf("no process %s", process);
		return SVC_NOT_FOUND;
	}
	struct document_list all = { 0 };
	if (store_documents_of(r->store, slug, &all, err)) {
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
	if (audited && audit_record(r->store, a, "document.list", slug, NULL, NULL, err))
		return SVC_ERROR;
	return SVC_OK;
}

/* Reads document id into *d if the actor may read it. */
static enum svc_status readable(struct registry *r, const struct actor *a, long long id,
				struct document *d, char **err)
{
	int rc = store_document_get(r->store, id, d, err);
	if (rc < 0)
		return SVC_ERROR;
	if (rc == 0) {
		struct record_ref ref = ref_of(d);
		if (policy_may_read(a->user, &ref))
			return SVC_OK;
		document_free(d);
	}
	*err = xasprintf("no document %lld", id);
	return SVC_NOT_FOUND;
}

static enum svc_status audit_read(struct registry *r, const struct actor *a,
				  const struct document *d, const char *action, char **err)
{
	if (!policy_read_is_audited(d->level))
		return SVC_OK;
	char object[32];
	snprintf(object, sizeof object, "document:%lld", d->id);
	return audit_record(r->store, a, action, d->process, object, NULL, err) ? SVC_ERROR : SVC_OK;
}

enum svc_status documents_get(struct registry *r, const struct actor *a, long long id,
			      struct document *out, char **err)
{
	enum svc_status st = readable(r, a, id, out, err);
	if (st == SVC_OK && (st = audit_read(r, a, out, "document.read", err)))
		document_free(out);
	return st;
}

/* Opens a change of document id: it is read into *d, a transaction is
 * begun, and the actor's right to change it is checked. */
static enum svc_status begin_change(struct registry *r, const struct actor *a, long long id,
				    const char *what, struct document *d, char **err)
{
	enum svc_status st = readable(r, a, id, d, err);
	if (st)
		return st;
	if (!policy_may_write(a->user, d->process, d->state)) {
		document_free(d);
		return not_allowed(a, what, err);
	}
	if (store_begin(r->store, err)) {
		document_free(d);
		return SVC_ERROR;
	}
	return SVC_OK;
}

static enum svc_status end_change(struct registry *r, const struct actor *a, struct document *d,
				  const char *action, enum svc_status st, char **err)
{
	char object[32];
	snprintf(object, sizeof object, "document:%lld", d->id);
	if (st == SVC_OK && audit_record(r->store, a, action, d->process, object, d->title, err))
		st = SVC_ERROR;
	st = commit_or_rollback(r->store, st, err);
	document_free(d);
	return st;
}

enum svc_status documents_update(struct registry *r, const struct actor *a, long long id,
				 const struct doc_fields *f, const struct attachment *att, char **err)
{
	struct document d;
	enum svc_status st = check_attachment(att, err);
	if (st)
		return st;
	st = begin_change(r, a, id, "change", &d, err);
	if (st)
		return st;
	struct process p;
	if (store_process_get(r->store, d.process, &p, err)) {
		st = SVC_ERROR;
	} else {
		if ((st = apply_fields(r, &p, f, &d, err)) == SVC_OK &&
		    !policy_may_write(a->user, d.process, d.state))
			st = not_allowed(a, "move to another state", err);
		process_free(&p);
	}
	d.updated_at = a->now;
	if (st == SVC_OK && (store_document_update(r->store, &d, err) || attach(r->store, a, id, att, err)))
		st = SVC_ERROR;
	return end_change(r, a, &d, "document.update", st, err);
}

enum svc_status documents_attach(struct registry *r, const struct actor *a, long long id,
				 const struct attachment *att, char **err)
{
	enum svc_status st = check_attachment(att, err);
	if (st)
		return st;
	struct document d;
	if ((st = begin_change(r, a, id, "change", &d, err)))
		return st;
	if (attach(r->store, a, id, att, err))
		st = SVC_ERROR;
	return end_change(r, a, &d, "document.attach", st, err);
}

enum svc_status documents_delete(struct registry *r, const struct actor *a, long long id, char **err)
{
	struct document d;
	enum svc_status st = begin_change(r, a, id, "delete", &d, err);
	if (st)
		return st;
	if (store_document_delete(r->store, id, err))
		st = SVC_ERROR;
	return end_change(r, a, &d, "document.delete", st, err);
}

enum svc_status documents_attachment(struct registry *r, const struct actor *a, long long id,
				     struct document *doc, void **data, size_t *len, char **err)
{
	enum svc_status st = readable(r, a, id, doc, err);
	if (st)
		return st;
	int rc = store_document_blob(r->store, id, data, len, err);
	if (rc == 1) {
		*err = xasprintf("document %lld has no attached file", id);
		st = SVC_NOT_FOUND;
	} else if (rc < 0 || (st = audit_read(r, a, doc, "document.download", err))) {
		if (rc == 0)
			free(*data);
		st = SVC_ERROR;
	}
	if (st)
		document_free(doc);
	return st;
}
