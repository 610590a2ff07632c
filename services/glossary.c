/* glossary.c: the common language: terms in five languages per process and shared, compared, searched, imported and exported */
#include "glossary.h"
#include "audit.h"
#include "policy.h"
#include "service_int.h"
#include "../core/text.h"
#include "../core/xalloc.h"
#include "../io/glossary_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const levels[] = { "public", "participants", "members", "restricted", NULL };

const struct field terms_fields[] = {
	{ .name = "term", .label = "Term", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 300 },
	{ .name = "lang", .label = "Language", .type = FIELD_CHOICE, .flags = FIELD_REQUIRED,
	  .choices = glossary_languages, .def = "en" },
	{ .name = "definition", .label = "Definition", .type = FIELD_TEXT, .flags = FIELD_REQUIRED, .max = 20000 },
	{ .name = "process", .label = "Process (empty: the glossary all processes share)", .type = FIELD_LINE,
	  .flags = FIELD_CLEARABLE, .max = 200 },
	{ .name = "source", .label = "Source", .type = FIELD_LINE, .flags = FIELD_CLEARABLE, .max = 2000 },
	{ .name = "same_as", .label = "The same concept as the term (this adds a language to its entry)",
	  .type = FIELD_LINE, .flags = FIELD_CLEARABLE, .max = 300 },
	{ .name = "related", .label = "Related terms, separated by commas", .type = FIELD_LIST,
	  .flags = FIELD_CLEARABLE, .max = 300, .cli_item = "related" },
	{ .name = "contested", .label = "Contested by (terms others use for it), separated by commas",
	  .type = FIELD_LIST, .flags = FIELD_CLEARABLE, .max = 300, .cli_item = "contested" },
	{ .name = "subject", .label = "Subject", .type = FIELD_LINE, .flags = FIELD_CLEARABLE, .max = 300 },
	{ .name = "level", .label = "Who may see it (a process's entries)", .type = FIELD_CHOICE, .choices = levels,
	  .def = "public" },
};
const size_t terms_nfields = sizeof terms_fields / sizeof terms_fields[0];

int glossary_may_change(const struct actor *a, const char *process)
{
	return process ? policy_may_write(a->user, process, NULL) : policy_may_write_shared(a->user);
}

static int may_read(const struct actor *a, const struct glossary_entry *e)
{
	struct record_ref ref = { .process = e->process, .level = e->process ? e->level : LEVEL_PUBLIC };
	return policy_may_read(a->user, &ref);
}

/* Keeps in g only the entries the actor may read (and, with lang, those
 * with a term in it). */
static void keep_readable(const struct actor *a, struct glossary *g, const char *lang)
{
	size_t k = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (may_read(a, &g->items[i]) && (!lang || entry_term(&g->items[i], lang)))
			g->items[k++] = g->items[i];
		else
			glossary_entry_free(&g->items[i]);
	}
	g->n = k;
}

/* The scope a process name gives: its slug, or NULL for the shared
 * glossary (name NULL, empty or "shared"). */
static enum svc_status scope_of(struct registry *r, const char *name, const char **slug, struct svc_error *err)
{
	const struct process *p;
	*slug = NULL;
	if (!name || !*name || strcmp(name, "shared") == 0)
		return SVC_OK;
	if (registry_process(r, "process", name, &p, err))
		return SVC_INVALID;
	*slug = p->slug;
	return SVC_OK;
}

/* The entries of scope with a term folding as text does (in lang, when
 * not NULL), from the store into *found (the caller frees). */
static int in_scope(struct registry *r, const char *scope, const char *text, const char *lang,
		    struct glossary *found, char **err)
{
	char *folded = text_fold_words(text);
	memset(found, 0, sizeof *found);
	int rc = store_glossary_named(registry_store(r), folded, found, err);
	size_t k = 0;
	for (size_t i = 0; i < found->n; i++) {
		const struct glossary_entry *e = &found->items[i];
		int match = 0;
		for (size_t t = 0; t < e->nterms && !match; t++) {
			char *f = text_fold_words(e->terms[t].text);
			match = strcmp(f, folded) == 0 && (!lang || strcmp(e->terms[t].lang, lang) == 0);
			free(f);
		}
		if (match && text_same(e->process, scope))
			found->items[k++] = found->items[i];
		else
			glossary_entry_free(&found->items[i]);
	}
	found->n = k;
	free(folded);
	return rc;
}

static void copy_list(struct strlist *to, const struct strlist *from)
{
	for (size_t i = 0; from && i < from->n; i++)
		if (!strlist_contains(to, from->items[i]))
			strlist_push(to, from->items[i]);
}

enum svc_status glossary_add_term(struct registry *r, const struct actor *a, const struct field_values *v,
				  long long *entry, struct svc_error *err)
{
	const char *scope;
	enum svc_status st = scope_of(r, fields_text(v, "process"), &scope, err);
	if (st)
		return st;
	if (!glossary_may_change(a, scope))
		return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL, "you may not change %s",
				scope ? "this process's glossary" : "the shared glossary");
	if ((st = fields_check(v, 1, err)))
		return st;
	struct term t = { .text = (char *)fields_text(v, "term"), .definition = (char *)fields_text(v, "definition"),
			  .source = (char *)fields_text(v, "source") };
	snprintf(t.lang, sizeof t.lang, "%s", fields_text(v, "lang"));
	if (t.source && !*t.source)
		t.source = NULL;
	const char *same_as = fields_text(v, "same_as");
	struct glossary there, target = { 0 };
	struct store *s = registry_store(r);
	char **why = &err->message;
	if ((st = svc_begin(s, err)))
		return st;
	if (in_scope(r, scope, t.text, t.lang, &there, why))
		st = SVC_ERROR;
	else if (there.n)
		st = svc_fail(err, SVC_CONFLICT, "term", "\"%s\" (%s) is in the %s glossary already (entry %lld)", t.text,
			      t.lang, scope ? scope : "shared", there.items[0].id);
	else if (same_as && *same_as && in_scope(r, scope, same_as, NULL, &target, why))
		st = SVC_ERROR;
	else if (same_as && *same_as && target.n != 1)
		st = svc_fail(err, SVC_INVALID, "same_as", target.n ? "\"%s\" names several entries" :
			      "no term \"%s\" in that glossary", same_as);
	else if (same_as && *same_as && entry_term(&target.items[0], t.lang))
		st = svc_fail(err, SVC_CONFLICT, "lang", "entry %lld has a %s term already", target.items[0].id, t.lang);
	if (st == SVC_OK && target.n) {
		*entry = target.items[0].id;
		if (store_glossary_term_put(s, *entry, &t, fields_list(v, "related"), fields_list(v, "contested"), why))
			st = SVC_ERROR;
	} else if (st == SVC_OK) {
		struct glossary_entry e = { .process = (char *)scope, .terms = &t, .nterms = 1,
					    .level = scope ? (enum level)level_parse(fields_text_or_default(v, "level", 1))
							   : LEVEL_PUBLIC,
					    .subject = (char *)fields_text(v, "subject") };
		copy_list(&e.related, fields_list(v, "related"));
		copy_list(&e.contested, fields_list(v, "contested"));
		if (e.subject && !*e.subject)
			e.subject = NULL;
		if (store_glossary_entry_put(s, &e, a->user->login, a->now, why))
			st = SVC_ERROR;
		*entry = e.id;
		strlist_free(&e.related);
		strlist_free(&e.contested);
	}
	if (st == SVC_OK) {
		char object[32], *detail = xasprintf("%s (%s)", t.text, t.lang);
		snprintf(object, sizeof object, "glossary:%lld", *entry);
		if (audit_record(s, a, "glossary.add", scope, object, detail, err))
			st = SVC_ERROR;
		free(detail);
	}
	glossary_free(&there);
	glossary_free(&target);
	return svc_commit(s, st, err);
}

enum svc_status glossary_list(struct registry *r, const struct actor *a, const char *process, const char *lang,
			      struct glossary *out, struct svc_error *err)
{
	const char *scope = NULL;
	int shared = process && (!*process || strcmp(process, "shared") == 0);
	if (process && !shared && scope_of(r, process, &scope, err))
		return SVC_NOT_FOUND;
	if (lang && !glossary_language(lang))
		return svc_fail(err, SVC_INVALID, "lang", "\"%s\" is none of en, fr, es, ru, ar", lang);
	if (store_glossary_of(registry_store(r), scope, shared, out, &err->message))
		return SVC_ERROR;
	keep_readable(a, out, lang);
	return SVC_OK;
}

enum svc_status glossary_show(struct registry *r, const struct actor *a, const char *term, struct glossary *out,
			      struct svc_error *err)
{
	char *folded = text_fold_words(term ? term : "");
	int rc = store_glossary_named(registry_store(r), folded, out, &err->message);
	free(folded);
	if (rc)
		return SVC_ERROR;
	keep_readable(a, out, NULL);
	if (out->n)
		return SVC_OK;
	glossary_free(out);
	return svc_fail(err, SVC_NOT_FOUND, "term", "no term \"%s\" in any glossary you may read", term ? term : "");
}

enum svc_status glossary_search(struct registry *r, const struct actor *a, const char *query, struct glossary *out,
				struct svc_error *err)
{
	char *words = text_fold_words(query ? query : "");
	int rc = *words ? store_glossary_matching(registry_store(r), words, out, &err->message) : 0;
	free(words);
	if (rc)
		return SVC_ERROR;
	keep_readable(a, out, NULL);
	return SVC_OK;
}

enum svc_status glossary_import(struct registry *r, const struct actor *a, const char *process, const char *level,
				const char *data, size_t len, const char **format, size_t *entries,
				struct svc_error *err)
{
	const char *scope;
	*entries = 0;
	*format = "unknown";
	enum svc_status st = scope_of(r, process, &scope, err);
	if (st)
		return st;
	if (!glossary_may_change(a, scope))
		return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL, "you may not change %s",
				scope ? "this process's glossary" : "the shared glossary");
	int lvl = level_parse(level ? level : "public");
	if (lvl < 0)
		return svc_fail(err, SVC_INVALID, "level", "\"%s\": use public, participants, members or restricted", level);
	struct glossary g;
	char *why = NULL;
	if (glossary_read(data, len, &g, format, &why))
		return svc_fail_with(err, SVC_INVALID, "file", why);
	struct store *s = registry_store(r);
	if ((st = svc_begin(s, err))) {
		glossary_free(&g);
		return st;
	}
	for (size_t i = 0; st == SVC_OK && i < g.n; i++) {
		struct glossary_entry *e = &g.items[i];
		for (size_t k = 0; st == SVC_OK && k < e->nterms; k++) {
			struct glossary there;
			if (in_scope(r, scope, e->terms[k].text, e->terms[k].lang, &there, &err->message))
				st = SVC_ERROR;
			else if (there.n)
				st = svc_fail(err, SVC_CONFLICT, "file", "line %ld: \"%s\" (%s) is in the glossary already "
					      "(entry %lld)", e->line, e->terms[k].text, e->terms[k].lang, there.items[0].id);
			glossary_free(&there);
		}
		e->process = xstrdup_or_null(scope);
		e->level = scope ? (enum level)lvl : LEVEL_PUBLIC;
		if (st == SVC_OK && store_glossary_entry_put(s, e, a->user->login, a->now, &err->message))
			st = SVC_ERROR;
	}
	if (st == SVC_OK) {
		char *detail = xasprintf("%zu entries from %s", g.n, *format);
		if (audit_record(s, a, "glossary.import", scope, NULL, detail, err))
			st = SVC_ERROR;
		free(detail);
	}
	if (st == SVC_OK)
		*entries = g.n;
	glossary_free(&g);
	return svc_commit(s, st, err);
}
