/* site_search.c: full-text search over everything a visitor may read, ranked, with excerpts */
#include "site_search.h"
#include "documents.h"
#include "evidence.h"
#include "glossary.h"
#include "meetings.h"
#include "plans.h"
#include "statistics.h"
#include "service_int.h"
#include "../core/buf.h"
#include "../core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* How many records the index is asked for before the access policy
 * leaves out what the actor may not read. */
#define CANDIDATES 400
#define SNIPPET_WIDTH 240

/* Appends a hit whose strings are copied; the excerpt is cut from text. */
static void add(struct found_list *out, enum found_kind kind, long long id, const char *process, const char *title,
		const char *what, const char *key, const char *text, const struct search_words *w)
{
	out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
	struct found *f = &out->items[out->n++];
	*f = (struct found){ .kind = kind, .id = id, .process = xstrdup_or_null(process),
			     .title = xstrdup(title), .what = xstrdup_or_null(what), .key = xstrdup_or_null(key) };
	search_snippet(text, w, SNIPPET_WIDTH, &f->snippet);
}

/* How many hits of kind out holds. */
static size_t count_of(const struct found_list *out, enum found_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < out->n; i++)
		n += out->items[i].kind == kind;
	return n;
}

/* The registry's own texts (public, held in memory): themes, goals,
 * priorities, notes and working groups, process by process. */
static void registry_texts(struct registry *r, const struct search_words *w, struct found_list *out)
{
	const struct process_list *all = registry_all(r);
	for (size_t i = 0; i < all->n; i++) {
		const struct process *p = &all->items[i];
		for (enum text_kind k = 0; k < TEXT_KIND_COUNT; k++) {
			const struct strlist *texts = &process_text_list(p, k)->texts;
			for (size_t t = 0; t < texts->n && count_of(out, FOUND_REGISTRY_TEXT) < SITE_SEARCH_PER_KIND; t++)
				if (search_text_holds(texts->items[t], w))
					add(out, FOUND_REGISTRY_TEXT, 0, p->slug, p->acronym, text_kind_key(k),
					    text_kind_key(k), texts->items[t], w);
		}
		for (size_t g = 0; g < p->ngroups && count_of(out, FOUND_REGISTRY_TEXT) < SITE_SEARCH_PER_KIND; g++)
			if (search_text_holds(p->groups[g].name, w))
				add(out, FOUND_REGISTRY_TEXT, 0, p->slug, p->acronym, "working group", "working_groups",
				    p->groups[g].name, w);
	}
}

/* A document hit, when the actor may read it: the excerpt from its text,
 * or its title when the words are there only. */
static enum svc_status document_hit(struct registry *r, const struct actor *a, long long id,
				    const struct search_words *w, struct found_list *out, struct svc_error *err)
{
	struct document d;
	enum svc_status st = documents_get(r, a, id, &d, err);
	if (st)
		return st;
	add(out, FOUND_DOCUMENT, d.id, d.process, d.title, doc_kind_name(d.kind), NULL,
	    search_text_holds(d.body, w) || !search_text_holds(d.title, w) ? d.body : d.title, w);
	document_free(&d);
	return SVC_OK;
}

static enum svc_status meeting_hit(struct registry *r, const struct actor *a, long long id,
				   const struct search_words *w, struct found_list *out, struct svc_error *err)
{
	struct meeting m;
	enum svc_status st = meetings_get(r, a, id, &m, err);
	if (st)
		return st;
	struct buf text = { 0 };
	buf_appendf(&text, "%s, %s to %s", m.title, m.start, m.end);
	if (m.venue)
		buf_appendf(&text, ", %s", m.venue);
	for (size_t i = 0; i < m.nagenda; i++)
		buf_appendf(&text, "%s %s", i ? ";" : ". Agenda:", m.agenda[i].title);
	char *body = buf_release(&text, NULL);
	add(out, FOUND_MEETING, m.id, m.process, m.title, m.type, NULL, body, w);
	free(body);
	meeting_free(&m);
	return SVC_OK;
}

static enum svc_status plan_hit(struct registry *r, const struct actor *a, long long id,
				const struct search_words *w, struct found_list *out, struct svc_error *err)
{
	struct plan p;
	enum svc_status st = plans_get(r, a, id, &p, err);
	if (st)
		return st;
	struct buf text = { 0 };
	buf_appendf(&text, "%s", p.body ? p.body : "");
	for (size_t i = 0; i < p.nitems; i++)
		buf_appendf(&text, "\n%d. %s%s%s", p.items[i].position, p.items[i].text,
			   p.items[i].output ? " Output: " : "", p.items[i].output ? p.items[i].output : "");
	char *body = buf_release(&text, NULL);
	add(out, FOUND_PLAN, p.id, p.process, p.title, "plan of action", NULL,
	    search_text_holds(body, w) ? body : p.title, w);
	free(body);
	plan_free(&p);
	return SVC_OK;
}

static enum svc_status evidence_hit(struct registry *r, const struct actor *a, long long id,
				    const struct search_words *w, struct found_list *out, struct svc_error *err)
{
	struct evidence e;
	enum svc_status st = evidence_get(r, a, id, &e, err);
	if (st)
		return st;
	const struct effect_info *eff = effect_of(e.effect);
	add(out, FOUND_EVIDENCE, e.id, e.process, eff ? eff->label : e.effect, phase_names[e.phase], NULL, e.description,
	    w);
	evidence_free(&e);
	return SVC_OK;
}

/* An indicator hit: the process's indicators the actor may read are
 * listed (the policy decides there) and the one with id taken. */
static enum svc_status indicator_hit(struct registry *r, const struct actor *a, long long id, const char *process,
				     const struct search_words *w, struct found_list *out, struct svc_error *err)
{
	struct indicator_list list = { 0 };
	enum svc_status st = stats_indicators(r, a, process, &list, err);
	for (size_t i = 0; st == SVC_OK && i < list.n; i++) {
		const struct indicator *ind = &list.items[i];
		if (ind->id != id)
			continue;
		char *text = xasprintf("%s %s", ind->definition ? ind->definition : "", ind->notes ? ind->notes : "");
		add(out, FOUND_INDICATOR, ind->id, ind->process, ind->name, "indicator", ind->code, text, w);
		free(text);
	}
	indicator_list_free(&list);
	return st;
}

/* The records the index finds, each read through its own service (which
 * asks the access policy first); those the actor may not read are left
 * out as if absent. */
static enum svc_status indexed(struct registry *r, const struct actor *a, const struct search_words *w,
			       struct found_list *out, struct svc_error *err)
{
	struct buf words = { 0 };
	for (size_t i = 0; i < w->n; i++)
		buf_appendf(&words, "%s%s", i ? " " : "", w->words[i]);
	char *joined = buf_release(&words, NULL);
	struct search_hit_list hits = { 0 };
	int rc = store_search_matching(registry_store(r), joined, CANDIDATES, &hits, &err->message);
	free(joined);
	enum svc_status st = rc ? SVC_ERROR : SVC_OK;
	static const enum found_kind as_found[SEARCH_KIND_COUNT] = {
		[SEARCH_DOCUMENT] = FOUND_DOCUMENT, [SEARCH_MEETING] = FOUND_MEETING,
		[SEARCH_PLAN] = FOUND_PLAN, [SEARCH_INDICATOR] = FOUND_INDICATOR, [SEARCH_EVIDENCE] = FOUND_EVIDENCE,
	};
	for (size_t i = 0; i < hits.n && st == SVC_OK; i++) {
		const struct search_hit *h = &hits.items[i];
		if (count_of(out, as_found[h->kind]) >= SITE_SEARCH_PER_KIND)
			continue;
		switch (h->kind) {
		case SEARCH_DOCUMENT: st = document_hit(r, a, h->ref, w, out, err); break;
		case SEARCH_MEETING: st = meeting_hit(r, a, h->ref, w, out, err); break;
		case SEARCH_PLAN: st = plan_hit(r, a, h->ref, w, out, err); break;
		case SEARCH_INDICATOR: st = indicator_hit(r, a, h->ref, h->process, w, out, err); break;
		case SEARCH_EVIDENCE: st = evidence_hit(r, a, h->ref, w, out, err); break;
		case SEARCH_KIND_COUNT: break;
		}
		if (st == SVC_NOT_FOUND || st == SVC_FORBIDDEN) {
			svc_error_free(err);
			st = SVC_OK;
		}
	}
	search_hit_list_free(&hits);
	return st;
}

/* The glossary's entries the actor may read, by its own full-text search. */
static enum svc_status glossary_hits(struct registry *r, const struct actor *a, const char *query,
				     const struct search_words *w, struct found_list *out, struct svc_error *err)
{
	struct glossary g = { 0 };
	enum svc_status st = glossary_search(r, a, query, &g, err);
	for (size_t i = 0; st == SVC_OK && i < g.n && i < SITE_SEARCH_PER_KIND; i++) {
		const struct glossary_entry *e = &g.items[i];
		const struct term *t = entry_term(e, "en");
		t = t ? t : &e->terms[0];
		add(out, FOUND_GLOSSARY, e->id, e->process, t->text, "glossary term", t->text,
		    search_text_holds(t->definition, w) ? t->definition : t->text, w);
	}
	glossary_free(&g);
	return st;
}

enum svc_status site_search(struct registry *r, const struct actor *a, const char *query, struct found_list *out,
			    struct svc_error *err)
{
	struct search_words w;
	if (search_words_parse(query, &w))
		return svc_fail(err, SVC_INVALID, "q", "the search holds no word to look for");
	registry_texts(r, &w, out);
	enum svc_status st = indexed(r, a, &w, out, err);
	if (st == SVC_OK)
		st = glossary_hits(r, a, query, &w, out, err);
	search_words_free(&w);
	return st;
}
