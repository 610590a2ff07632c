/* page_search.c: search processes, states, organisations and documents by name or alias, accents ignored */
#include "pages.h"
#include "../../services/documents.h"

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
	size_t n = registry_search(r->reg, REGISTRY_PROCESS, q, ids, HITS);
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
	size_t n = registry_search(r->reg, REGISTRY_COUNTRY, q, ids, HITS);
	heading(b, "States and territories", n);
	for (size_t i = 0; i < n; i++) {
		const struct country *c;
		struct svc_error err = { 0 };
		if (registry_country(r->reg, NULL, ids[i], &c, &err) == SVC_OK) {
			html_raw(b, "<li>");
			page_link_state(b, c->alpha3, c->name);
			html_raw(b, "</li>");
		}
		svc_error_free(&err);
	}
	html_raw(b, "</ul></section>");
}

static void organisations(struct buf *b, struct req *r, const char *q)
{
	const char *ids[HITS];
	size_t n = registry_search(r->reg, REGISTRY_ORGANISATION, q, ids, HITS);
	heading(b, "Organisations", n);
	for (size_t i = 0; i < n; i++) {
		const struct organisation *o;
		struct svc_error err = { 0 };
		if (registry_organisation(r->reg, NULL, ids[i], &o, &err) == SVC_OK) {
			html_raw(b, "<li>");
			page_link_org(b, o->slug, o->name);
			html_raw(b, "</li>");
		}
		svc_error_free(&err);
	}
	html_raw(b, "</ul></section>");
}

/* The documents the visitor may read whose title holds the query. */
static void documents(struct buf *b, struct req *r, const char *q)
{
	struct document_list docs = { 0 };
	struct svc_error err = { 0 };
	if (documents_search(r->reg, &r->actor, q, HITS, &docs, &err))
		svc_error_free(&err);
	heading(b, "Documents", docs.n);
	for (size_t i = 0; i < docs.n; i++) {
		const struct process *p;
		html_raw(b, "<li><a href=\"/documents/");
		html_int(b, docs.items[i].id);
		html_raw(b, "\">");
		html_txt(b, docs.items[i].title);
		html_raw(b, "</a> <span class=\"meta\">");
		if (registry_process(r->reg, NULL, docs.items[i].process, &p, &err) == SVC_OK)
			html_txt(b, p->acronym);
		svc_error_free(&err);
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul></section>");
	document_list_free(&docs);
}

void page_search(struct req *r)
{
	const char *q = http_query(r, "q");
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
		processes(&b, r, q, registry_all(r->reg));
		states(&b, r, q);
		organisations(&b, r, q);
		documents(&b, r, q);
	}
	page_end(&b, r);
	page_send(r, 200, &b);
}
