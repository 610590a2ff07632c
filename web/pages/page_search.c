/* page_search.c: the search page: processes, states and organisations by name, then every text the visitor may read */
#include "pages.h"
#include "../../services/site_search.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>

#define HITS 20

/* Opens a section of n hits (none is not shown: the caller returns). */
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
	if (!n)
		return;
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
	if (!n)
		return;
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
	if (!n)
		return;
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

/* The excerpt, each span holding a word of the search marked. */
static void excerpt(struct buf *b, const struct snippet *sn)
{
	html_raw(b, "<p class=\"excerpt\">");
	html_raw(b, sn->cut_before ? "\xe2\x80\xa6 " : "");
	size_t at = 0;
	for (size_t i = 0; i < sn->nmarks; i++) {
		html_txt_n(b, sn->text + at, sn->marks[i].at - at);
		html_raw(b, "<mark>");
		html_txt_n(b, sn->text + sn->marks[i].at, sn->marks[i].len);
		html_raw(b, "</mark>");
		at = sn->marks[i].at + sn->marks[i].len;
	}
	html_txt(b, sn->text + at);
	html_raw(b, sn->cut_after ? " \xe2\x80\xa6</p>" : "</p>");
}

/* Where a hit is read: its record's page, or its section of the process page. */
static void hit_link(struct buf *b, const struct found *f)
{
	html_raw(b, "<a href=\"");
	switch (f->kind) {
	case FOUND_REGISTRY_TEXT:
		html_raw(b, "/processes/");
		html_url_arg(b, f->process);
		html_raw(b, strcmp(f->key, "working_groups") == 0 ? "#leadership" : "#");
		if (strcmp(f->key, "working_groups") != 0)
			html_attr(b, f->key);
		break;
	case FOUND_DOCUMENT: html_raw(b, "/documents/"); html_int(b, f->id); break;
	case FOUND_MEETING: html_raw(b, "/meetings/"); html_int(b, f->id); break;
	case FOUND_PLAN: html_raw(b, "/plans/"); html_int(b, f->id); break;
	case FOUND_INDICATOR:
		html_raw(b, "/processes/");
		html_url_arg(b, f->process);
		html_raw(b, "/statistics/");
		html_url_arg(b, f->key);
		break;
	case FOUND_GLOSSARY: html_raw(b, "/glossary/"); html_url_arg(b, f->key); break;
	case FOUND_EVIDENCE:
		html_raw(b, "/processes/");
		html_url_arg(b, f->process);
		html_raw(b, "/assessment#evidence-");
		html_int(b, f->id);
		break;
	case FOUND_KIND_COUNT: break;
	}
	html_raw(b, "\">");
	html_txt(b, f->title);
	html_raw(b, "</a>");
}

static const char *const section_titles[FOUND_KIND_COUNT] = {
	[FOUND_REGISTRY_TEXT] = "In the processes' themes, goals, priorities and working groups",
	[FOUND_DOCUMENT] = "Documents", [FOUND_MEETING] = "Meetings", [FOUND_PLAN] = "Plans of action",
	[FOUND_INDICATOR] = "Indicators", [FOUND_GLOSSARY] = "Glossary",
	[FOUND_EVIDENCE] = "Evidence of effects",
};

/* The hits of one kind, best first, each with what it is, its process and its excerpt. */
static void found_section(struct buf *b, struct req *r, const struct found_list *l, enum found_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += l->items[i].kind == kind;
	if (!n)
		return;
	heading(b, section_titles[kind], n);
	for (size_t i = 0; i < l->n; i++) {
		const struct found *f = &l->items[i];
		if (f->kind != kind)
			continue;
		html_raw(b, "<li>");
		hit_link(b, f);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, f->what);
		if (f->process && kind != FOUND_REGISTRY_TEXT) {
			html_raw(b, ", ");
			html_txt(b, page_process_acronym(r, f->process));
		}
		html_raw(b, "</span>");
		excerpt(b, &f->snippet);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
}

/* Everything else the visitor may read that holds the words: the
 * registry's texts and the records, kind by kind. */
static void full_text(struct buf *b, struct req *r, const char *q)
{
	struct found_list found = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = site_search(r->reg, &r->actor, q, &found, &err);
	if (st == SVC_ERROR) {
		char *text = svc_error_text(&err);
		fprintf(stderr, "rcphub: search %s: %s\n", r->address, text);
		free(text);
		html_raw(b, "<p class=\"error\">The search of texts failed; the error is logged.</p>");
	}
	svc_error_free(&err);
	if (st == SVC_OK && !found.n)
		html_raw(b, "<p class=\"meta\">No theme, goal, document, meeting, plan, indicator or glossary "
			    "entry you may read holds these words.</p>");
	for (enum found_kind k = 0; k < FOUND_KIND_COUNT; k++)
		found_section(b, r, &found, k);
	found_list_free(&found);
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
static void suggestions(struct buf *b, struct req *r, const char *q)
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
			page_link_process(b, procs[i], page_process_acronym(r, procs[i]));
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
			     "state (\"Viet Nam\", \"Laos PDR\"), an organisation (\"ICMPD\"), or any words of a "
			     "process's themes and goals, a document, a meeting, a plan of action, an indicator or "
			     "the glossary (\"smuggling\", \"labour migration\").</p>");
	} else {
		html_raw(&b, "<p>Results for \u201c");
		html_txt(&b, q);
		html_raw(&b, "\u201d</p>");
		if (nothing_named(r, q))
			suggestions(&b, r, q);
		processes(&b, r, q, registry_all(r->reg));
		states(&b, r, q);
		organisations(&b, r, q);
		full_text(&b, r, q);
	}
	page_end(&b, r);
	page_send(r, 200, &b);
}
