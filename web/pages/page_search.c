/* page_search.c: search processes, states, organisations and documents by name or alias, accents ignored */
#include "pages.h"
#include "../../core/text.h"
#include "../../core/xalloc.h"
#include "../../services/documents.h"

#include <stdlib.h>
#include <string.h>

#define HITS 20

static void heading(struct buf *b, const char *title, size_t n)
{
	html_raw(b, "<section><h2>");
	html_txt(b, title);
	html_raw(b, " <span class=\"count\">(");
	html_int(b, (long long)n);
	html_raw(b, ")</span></h2><ul class=\"hits\">");
}

static void processes(struct buf *b, struct req *r, const char *q, const struct process_list *all)
{
	const char *ids[HITS];
	size_t n = names_search(&r->reg->processes, q, ids, HITS);
	heading(b, "Processes", n);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < all->n; j++)
			if (strcmp(all->items[j].slug, ids[i]) == 0) {
				html_raw(b, "<li>");
				page_link_process(b, ids[i], all->items[j].acronym);
				html_raw(b, " <span class=\"meta\">");
				html_txt(b, all->items[j].name);
				html_raw(b, "</span></li>");
			}
	html_raw(b, "</ul></section>");
}

static void states(struct buf *b, struct req *r, const char *q)
{
	const char *ids[HITS];
	size_t n = names_search(&r->reg->countries, q, ids, HITS);
	heading(b, "States and territories", n);
	for (size_t i = 0; i < n; i++) {
		struct country c;
		char *err = NULL;
		if (registry_country(r->reg, ids[i], &c, &err) == 0) {
			html_raw(b, "<li>");
			page_link_state(b, c.alpha3, c.name);
			html_raw(b, "</li>");
			country_free(&c);
		}
		free(err);
	}
	html_raw(b, "</ul></section>");
}

static void organisations(struct buf *b, struct req *r, const char *q)
{
	const char *ids[HITS];
	size_t n = names_search(&r->reg->organisations, q, ids, HITS);
	heading(b, "Organisations", n);
	for (size_t i = 0; i < n; i++) {
		struct organisation o;
		char *err = NULL;
		if (registry_organisation(r->reg, ids[i], &o, &err) == 0) {
			html_raw(b, "<li>");
			page_link_org(b, o.slug, o.name);
			html_raw(b, "</li>");
			organisation_free(&o);
		}
		free(err);
	}
	html_raw(b, "</ul></section>");
}

/* Documents the visitor may read whose title holds the query, folded. */
static void documents(struct buf *b, struct req *r, const char *q, const struct process_list *all)
{
	char *fq = text_fold(q);
	struct buf hits = { 0 };
	size_t n = 0;
	for (size_t i = 0; i < all->n && n < HITS; i++) {
		struct document_list docs = { 0 };
		long total = 0;
		char *err = NULL;
		if (documents_list(r->reg, &r->actor, all->items[i].slug, PAGE_MAX, 0, &docs, &total, &err))
			free(err);
		for (size_t j = 0; j < docs.n && n < HITS; j++) {
			char *ft = text_fold(docs.items[j].title);
			if (*fq && strstr(ft, fq)) {
				html_raw(&hits, "<li><a href=\"/documents/");
				html_int(&hits, docs.items[j].id);
				html_raw(&hits, "\">");
				html_txt(&hits, docs.items[j].title);
				html_raw(&hits, "</a> <span class=\"meta\">");
				html_txt(&hits, all->items[i].acronym);
				html_raw(&hits, "</span></li>");
				n++;
			}
			free(ft);
		}
		document_list_free(&docs);
	}
	heading(b, "Documents", n);
	if (hits.len)
		buf_append(b, hits.data, hits.len);
	html_raw(b, "</ul></section>");
	buf_free(&hits);
	free(fq);
}

void page_search(struct req *r)
{
	const char *q = http_query(r, "q");
	struct process_list all = { 0 };
	char *err = NULL;
	if (registry_processes(r->reg, &all, &err)) {
		page_status(r, SVC_ERROR, err);
		return;
	}
	struct buf b = { 0 };
	page_begin(&b, r, q && *q ? q : "Search");
	html_raw(&b, "<h1>Search</h1>");
	if (!q || !*q) {
		html_raw(&b, "<p>Type a name in the search box: a process (\"Puebla\", \"Soderkoping\"), a "
			     "state (\"Viet Nam\", \"Laos PDR\"), an organisation (\"ICMPD\") or a word of a "
			     "document's title.</p>");
	} else {
		html_raw(&b, "<p>Results for \u201c");
		html_txt(&b, q);
		html_raw(&b, "\u201d</p>");
		processes(&b, r, q, &all);
		states(&b, r, q);
		organisations(&b, r, q);
		documents(&b, r, q, &all);
	}
	page_end(&b, r);
	page_send(r, 200, &b);
	process_list_free(&all);
}
