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

/* Whether q names nothing the registry knows by any name. */
static int nothing_named(struct req *r, const char *q)
{
	const char *ids[1];
	return !registry_search(r->reg, REGISTRY_PROCESS, q, ids, 1) &&
	       !registry_search(r->reg, REGISTRY_COUNTRY, q, ids, 1) &&
	       !registry_search(r->reg, REGISTRY_ORGANISATION, q, ids, 1);
}

/* "Did you mean": the processes, states and organisations whose names
 * come closest to q. */
static void suggestions(struct buf *b, struct req *r, const char *q, const struct process_list *all)
{
	const char *procs[3], *states[3];
	size_t np = registry_suggest(r->reg, REGISTRY_PROCESS, q, procs, 3);
	size_t ns = registry_suggest(r->reg, REGISTRY_COUNTRY, q, states, 3);
	if (!np && !ns)
		return;
	html_raw(b, "<p class=\"suggest\">Did you mean ");
	for (size_t i = 0; i < np + ns; i++) {
		html_raw(b, i ? (i + 1 == np + ns ? " or " : ", ") : "");
		if (i < np) {
			const char *acronym = procs[i];
			for (size_t j = 0; j < all->n; j++)
				if (strcmp(all->items[j].slug, procs[i]) == 0)
					acronym = all->items[j].acronym;
			page_link_process(b, procs[i], acronym);
			continue;
		}
		const struct country *c;
		struct svc_error err = { 0 };
		if (registry_country(r->reg, NULL, states[i - np], &c, &err) == SVC_OK)
			page_link_state(b, c->alpha3, c->name);
		svc_error_free(&err);
	}
	html_raw(b, "?</p>");
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
		if (nothing_named(r, q))
			suggestions(&b, r, q, registry_all(r->reg));
		processes(&b, r, q, registry_all(r->reg));
		states(&b, r, q);
		organisations(&b, r, q);
		documents(&b, r, q);
	}
	page_end(&b, r);
	page_send(r, 200, &b);
}
