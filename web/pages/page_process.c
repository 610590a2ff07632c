/* page_process.c: a process's fact sheet: leadership, participants over time, themes, documents, sources */
#include "pages.h"
#include "../../core/text.h"
#include "../../core/xalloc.h"
#include "../../services/documents.h"
#include "../../services/facts.h"
#include "../../services/focal_points.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SOURCES 16

/* The distinct provenances cited on a page, numbered from 1 in order of
 * first use. The strings belong to the process. */
struct sources {
	const struct provenance *items[MAX_SOURCES];
	size_t n;
};

static int same_provenance(const struct provenance *a, const struct provenance *b)
{
	return strcmp(a->source ? a->source : "", b->source ? b->source : "") == 0 &&
	       strcmp(a->section ? a->section : "", b->section ? b->section : "") == 0 &&
	       strcmp(a->as_of ? a->as_of : "", b->as_of ? b->as_of : "") == 0 && a->inferred == b->inferred;
}

/* A footnote marker for p: its number, with the source on hover. */
static void cite(struct buf *b, struct sources *s, const struct provenance *p)
{
	if (!p->source)
		return;
	size_t i;
	for (i = 0; i < s->n && !same_provenance(s->items[i], p); i++)
		;
	if (i == s->n && s->n < MAX_SOURCES)
		s->items[s->n++] = p;
	if (i == MAX_SOURCES)
		return;
	html_raw(b, "<sup class=\"cite\"><a href=\"#source-");
	html_int(b, (long long)i + 1);
	html_raw(b, "\" title=\"");
	html_attr(b, p->source);
	html_raw(b, ", ");
	html_attr(b, p->section);
	html_raw(b, ", as of ");
	html_attr(b, p->as_of);
	html_raw(b, "\">");
	html_int(b, (long long)i + 1);
	html_raw(b, "</a></sup>");
}

static void sources_section(struct buf *b, const struct sources *s)
{
	if (!s->n)
		return;
	html_raw(b, "<section class=\"sources\" id=\"sources\"><h2>Sources</h2><ol>");
	for (size_t i = 0; i < s->n; i++) {
		html_raw(b, "<li id=\"source-");
		html_int(b, (long long)i + 1);
		html_raw(b, "\">");
		html_txt(b, strcmp(s->items[i]->source, "iom-mrs-38") == 0
				    ? "IOM, An Assessment of Principal Regional Consultative Processes on "
				      "Migration, Migration Research Series No. 38 (2010)"
				    : s->items[i]->source);
		html_raw(b, ": ");
		html_txt(b, s->items[i]->section);
		if (s->items[i]->url) {
			html_raw(b, ", <a rel=\"noopener\" href=\"");
			html_attr(b, s->items[i]->url);
			html_raw(b, "\">");
			html_txt(b, s->items[i]->url);
			html_raw(b, "</a>");
		}
		html_raw(b, "; as of ");
		html_txt(b, s->items[i]->as_of);
		html_raw(b, s->items[i]->inferred ? " (inferred: the source states no date)" : "");
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol></section>\n");
}

/* A name for an alpha-3 code from the process's own participations. */
static const char *party_name(const struct process *p, const char *code)
{
	for (size_t i = 0; i < p->parts.n; i++)
		if (strcmp(p->parts.items[i].code, code) == 0)
			return p->parts.items[i].name;
	return code;
}

static void party_link(struct buf *b, enum party_kind kind, const char *code, const char *name)
{
	if (kind == PARTY_ORGANISATION)
		page_link_org(b, code, name);
	else
		page_link_state(b, code, name);
}

/* Whether every text of l has the same provenance. */
static int one_provenance(const struct process *p, const struct text_list *l)
{
	for (size_t i = 1; i < l->texts.n; i++)
		if (!same_provenance(fact_provenance(p, &l->provs[0]), fact_provenance(p, &l->provs[i])))
			return 0;
	return 1;
}

/* A list of texts attested by year (0: today): one source note on the
 * heading when one source gives them all, else one per text; those
 * attested only later are counted apart. */
static void text_list(struct buf *b, const char *title, const struct process *p, const struct text_list *l,
		      struct sources *s, int year)
{
	if (!l->texts.n)
		return;
	int one = one_provenance(p, l);
	html_raw(b, "<section id=\"");
	for (const char *c = title; *c; c++) {  /* the anchor: "themes", "goals", ... */
		char lower = (char)tolower((unsigned char)*c);
		buf_append(b, &lower, 1);
	}
	html_raw(b, "\"><h2>");
	html_txt(b, title);
	if (one)
		cite(b, s, fact_provenance(p, &l->provs[0]));
	html_raw(b, "</h2><ul>");
	int first;
	size_t later = text_list_later(p, l, year, &first);
	for (size_t i = 0; i < l->texts.n; i++) {
		const struct provenance *prov = fact_provenance(p, &l->provs[i]);
		if (!provenance_attested_at(prov, year))
			continue;
		html_raw(b, "<li>");
		html_txt(b, l->texts.items[i]);
		if (!one)
			cite(b, s, prov);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
	if (later) {
		html_raw(b, "<p class=\"meta\">Not attested in ");
		html_int(b, year);
		html_raw(b, ": ");
		html_int(b, (long long)later);
		html_raw(b, " more, first attested in ");
		html_int(b, first);
		html_raw(b, ".</p>");
	}
	html_raw(b, "</section>\n");
}

static void facts(struct buf *b, struct req *r, const struct process *p, struct sources *s)
{
	html_raw(b, "<dl class=\"facts\"><dt>Established</dt><dd>");
	html_int(b, p->established);
	cite(b, s, &p->prov);
	html_raw(b, "</dd><dt>Region</dt><dd>");
	html_txt(b, p->region);
	html_raw(b, "</dd><dt>Scope</dt><dd>");
	html_txt(b, p->scope);
	html_raw(b, "</dd><dt>Secretariat</dt><dd>");
	html_txt(b, p->secretariat_text);
	for (size_t i = 0; i < p->secretariat_orgs.n; i++) {
		html_raw(b, i ? ", " : " (");
		page_link_org_named(b, r, p->secretariat_orgs.items[i]);
	}
	html_raw(b, p->secretariat_orgs.n ? ")</dd>" : "</dd>");
	if (p->aliases.n) {
		html_raw(b, "<dt>Also called</dt><dd>");
		for (size_t i = 0; i < p->aliases.n; i++) {
			html_raw(b, i ? "; " : "");
			html_txt(b, p->aliases.items[i]);
		}
		html_raw(b, "</dd>");
	}
	html_raw(b, "</dl>\n");
}

/* A post's code in words: "steering-group" as "Steering group",
 * "co-chair" as "Co-chair" (a prefix keeps its hyphen). */
static void post_words(struct buf *b, const char *code)
{
	char *words = xstrdup(code);
	for (char *c = words; *c; c++) {
		int prefix = (c - words == 2 && strncmp(words, "co", 2) == 0) ||
			     (c - words == 4 && strncmp(words, "vice", 4) == 0);
		*c = *c == '-' && !prefix ? ' ' : *c;
	}
	words[0] = (char)toupper((unsigned char)words[0]);
	html_txt(b, words);
	free(words);
}

/* The leadership: every post, or with a year those attested then. */
static void leadership(struct buf *b, const struct process *p, struct sources *s, int year)
{
	if (!p->nleaders && !p->ngroups)
		return;
	html_raw(b, "<section id=\"leadership\"><h2>Leadership</h2>");
	if (p->nleaders) {
		html_raw(b, "<table class=\"leaders\"><thead><tr><th scope=\"col\">Post</th><th scope=\"col\">Held by</th>"
			    "<th scope=\"col\">Portfolio</th><th scope=\"col\">When</th></tr></thead><tbody>");
		for (size_t i = 0; i < p->nleaders; i++) {
			const struct leader *l = &p->leaders[i];
			if (year && !process_leader_at(p, i, year))
				continue;
			html_raw(b, "<tr><td>");
			post_words(b, l->position);
			html_raw(b, "</td><td>");
			party_link(b, l->kind, l->code, l->name);
			html_raw(b, "</td><td>");
			html_txt(b, l->portfolio);
			html_raw(b, "</td><td>");
			page_span(b, l->since, l->until);
			if (!l->until && leader_end(p, i)) {
				html_raw(b, "; succeeded in ");
				html_int(b, leader_end(p, i));
			}
			cite(b, s, fact_provenance(p, &l->prov));
			html_raw(b, "</td></tr>");
		}
		html_raw(b, "</tbody></table>");
	}
	for (size_t i = 0; i < p->ngroups; i++) {
		const struct working_group *g = &p->groups[i];
		if (!provenance_attested_at(fact_provenance(p, &g->prov), year))
			continue;
		html_raw(b, "<h3>");
		html_txt(b, g->name);
		cite(b, s, fact_provenance(p, &g->prov));
		html_raw(b, "</h3><p>");
		for (size_t j = 0; j < g->chairs.n; j++) {
			html_raw(b, j ? ", " : "Chair: ");
			page_link_state(b, g->chairs.items[j], party_name(p, g->chairs.items[j]));
		}
		for (size_t j = 0; j < g->co_chairs.n; j++) {
			html_raw(b, j ? ", " : g->chairs.n ? "; co-chair: " : "Co-chair: ");
			page_link_state(b, g->co_chairs.items[j], party_name(p, g->co_chairs.items[j]));
		}
		html_raw(b, "</p>");
	}
	html_raw(b, "</section>\n");
}

/* The participations that may have held in year but that no source dates
 * so early: listed apart, never as members. */
static void unattested(struct buf *b, const struct process *p, int year)
{
	size_t n = 0;
	for (size_t i = 0; year && i < p->parts.n; i++)
		n += participation_unattested(&p->parts.items[i], year);
	if (!n)
		return;
	html_raw(b, "<h3 id=\"not-attested\">Not attested in ");
	html_int(b, year);
	html_raw(b, " <span class=\"count\">(");
	html_int(b, (long long)n);
	html_raw(b, ")</span></h3><p>Listed by a later source without a date: the sources say nothing of them in ");
	html_int(b, year);
	html_raw(b, ".</p><ul class=\"inline-list\">");
	for (size_t i = 0; i < p->parts.n; i++) {
		const struct participation *pa = &p->parts.items[i];
		if (!participation_unattested(pa, year))
			continue;
		html_raw(b, "<li>");
		party_link(b, pa->kind, pa->code, pa->name);
		html_raw(b, " (");
		html_txt(b, role_name(pa->role));
		html_raw(b, ", first attested ");
		html_int(b, participation_attested_from(pa));
		html_raw(b, ")</li>");
	}
	html_raw(b, "</ul>");
}

/* Who takes part, by role: every participation, or with a year those a
 * source attests then, and then those it does not; one source note on a
 * role's heading when one source gives every row, else one per row. */
static void participants(struct buf *b, const struct process *p, struct sources *s, int year)
{
	static const char *const headings[ROLE_COUNT] = {
		"Members", "Observers", "Partners", "Participant status", "Partners for specific activities",
	};
	html_raw(b, "<section id=\"participants\"><h2>Participants</h2>");
	for (int role = 0; role < ROLE_COUNT; role++) {
		size_t n = 0, now = 0, suspended = 0;
		for (size_t i = 0; i < p->parts.n; i++) {
			const struct participation *pa = &p->parts.items[i];
			if (pa->role != (enum role)role || (year && !participation_at(pa, year)))
				continue;
			n++;
			now += participation_holds(pa, year) && pa->status != STATUS_SUSPENDED;
			suspended += pa->status == STATUS_SUSPENDED;
		}
		if (!n)
			continue;
		const struct provenance *one = NULL;  /* the source of every row, when one gives them all */
		const struct participation *first = NULL;
		int mixed = 0, notes_differ = 0;  /* the same group and note on every row are said once */
		for (size_t i = 0; i < p->parts.n; i++) {
			const struct participation *pa = &p->parts.items[i];
			if (pa->role != (enum role)role || (year && !participation_at(pa, year)))
				continue;
			mixed |= one && !same_provenance(one, &pa->prov);
			one = one ? one : &pa->prov;
			notes_differ |= first && (!text_same(first->label, pa->label) || !text_same(first->note, pa->note));
			first = first ? first : pa;
		}
		one = mixed ? NULL : one;
		int shared_note = n > 1 && !notes_differ && (first->label || first->note);
		html_raw(b, "<h3>");
		html_txt(b, headings[role]);
		html_raw(b, " <span class=\"count\">(");
		html_int(b, (long long)now);
		html_raw(b, year ? " then" : " now");
		if (suspended) {
			html_raw(b, ", ");
			html_int(b, (long long)suspended);
			html_raw(b, " suspended");
		}
		if (n - now - suspended) {
			html_raw(b, ", ");
			html_int(b, (long long)(n - now - suspended));
			html_raw(b, " former");
		}
		html_raw(b, ")</span>");
		if (one)
			cite(b, s, one);
		html_raw(b, "</h3>");
		if (shared_note) {
			html_raw(b, "<p class=\"meta\">All of them: ");
			html_txt(b, first->label);
			html_raw(b, first->label && first->note ? "; " : "");
			html_txt(b, first->note);
			html_raw(b, "</p>");
		}
		html_raw(b, "<table class=\"participants\"><thead><tr><th scope=\"col\">Name</th>"
			    "<th scope=\"col\">Kind</th><th scope=\"col\">Status</th><th scope=\"col\">When</th>"
			    "<th scope=\"col\">Note</th></tr></thead><tbody>");
		for (size_t i = 0; i < p->parts.n; i++) {
			const struct participation *pa = &p->parts.items[i];
			if (pa->role != (enum role)role || (year && !participation_at(pa, year)))
				continue;
			html_raw(b, "<tr><td>");
			party_link(b, pa->kind, pa->code, pa->name);
			if (participation_name_in_source(pa)) {
				html_raw(b, " <span class=\"source-name\">(");
				html_txt(b, participation_name_in_source(pa));
				html_raw(b, " in the source)</span>");
			}
			if (!one)
				cite(b, s, &pa->prov);
			html_raw(b, "</td><td>");
			html_txt(b, party_kind_name(pa->kind));
			html_raw(b, "</td><td class=\"status-");
			html_attr(b, status_name(pa->status));
			html_raw(b, "\">");
			html_txt(b, status_name(pa->status));
			html_raw(b, "</td><td>");
			page_span(b, pa->since, pa->until);
			html_raw(b, "</td><td>");
			if (!shared_note) {
				html_txt(b, pa->label);
				html_raw(b, pa->label && pa->note ? "; " : "");
				html_txt(b, pa->note);
			}
			html_raw(b, "</td></tr>");
		}
		html_raw(b, "</tbody></table>");
	}
	unattested(b, p, year);
	html_raw(b, "</section>\n");
}

static void documents(struct buf *b, struct req *r, const char *slug)
{
	struct document_list docs = { 0 };
	long total = 0;
	struct svc_error err = { 0 };
	html_raw(b, "<section id=\"documents\"><h2>Documents</h2>");
	if (documents_list(r->reg, &r->actor, slug, PAGE_MAX, 0, &docs, &total, &err)) {
		html_raw(b, "<p class=\"error\">The documents cannot be listed just now.</p>");
		svc_error_free(&err);
	} else if (!docs.n) {
		html_raw(b, r->signed_in ? "<p>No documents you may read.</p>"
					 : "<p>No public documents. Participants see more after signing in.</p>");
	} else {
		html_raw(b, "<ul class=\"documents\">");
		for (size_t i = 0; i < docs.n; i++) {
			const struct document *d = &docs.items[i];
			html_raw(b, "<li><a href=\"/documents/");
			html_int(b, d->id);
			html_raw(b, "\">");
			html_txt(b, d->title);
			html_raw(b, "</a> <span class=\"meta\">");
			html_txt(b, doc_kind_name(d->kind));
			html_raw(b, d->issued ? ", " : "");
			html_txt(b, d->issued);
			html_raw(b, "</span> <span class=\"level level-");
			html_attr(b, level_name(d->level));
			html_raw(b, "\">");
			html_txt(b, level_name(d->level));
			html_raw(b, "</span></li>");
		}
		html_raw(b, "</ul>");
	}
	document_list_free(&docs);
	if (documents_may_add(&r->actor, slug)) {
		html_raw(b, "<p><a class=\"button\" href=\"/processes/");
		html_url_arg(b, slug);
		html_raw(b, "/documents/new\">Add a document</a></p>");
	}
	html_raw(b, "</section>\n");
}

/* Everything on the page that comes from the registry, which is the same
 * for every visitor (caller frees). */
/* The page's table of contents: its sections that p has something in. */
static void contents(struct buf *b, const struct process *p)
{
	const struct {
		const char *anchor, *title;
		int shown;
	} parts[] = {
		{ "leadership", "Leadership", p->nleaders || p->ngroups },
		{ "participants", "Participants", 1 },
		{ "themes", "Themes", p->themes.texts.n > 0 },
		{ "goals", "Goals", p->goals.texts.n > 0 },
		{ "priorities", "Priorities", p->priorities.texts.n > 0 },
		{ "notes", "Notes", p->notes.texts.n > 0 },
		{ "sources", "Sources", 1 },
		{ "documents", "Documents", 1 },
		{ "meetings", "Meetings", 1 },
		{ "statistics", "Statistics", 1 },
		{ "assessment", "Assessment", 1 },
	};
	html_raw(b, "<nav class=\"contents\" aria-label=\"On this page\"><h2>On this page</h2><ul>");
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (!parts[i].shown)
			continue;
		html_raw(b, "<li><a href=\"#");
		html_raw(b, parts[i].anchor);
		html_raw(b, "\">");
		html_raw(b, parts[i].title);
		html_raw(b, "</a></li>");
	}
	html_raw(b, "</ul></nav>\n");
}

static char *registry_part(struct req *r, const struct process *p, int year)
{
	struct sources s = { 0 };
	struct buf b = { 0 };
	html_raw(&b, "<h1>");
	html_txt(&b, p->acronym);
	html_raw(&b, " <span class=\"as-of\">as of ");
	html_int(&b, year ? year : process_as_of(p));
	html_raw(&b, year ? "" : " (the latest source)");
	html_raw(&b, "</span></h1><p class=\"lead\">");
	html_txt(&b, p->name);
	html_raw(&b, p->kind && strcmp(p->kind, "irf") == 0 ? " \xc2\xb7 an inter-regional forum"
		     : p->kind && strcmp(p->kind, "global") == 0 ? " \xc2\xb7 a global process"
		     : " \xc2\xb7 a regional consultative process");
	html_raw(&b, "</p><form class=\"inline-form\" method=\"get\">");
	page_year_input(&b, "As of the year", year);
	html_raw(&b, "<button type=\"submit\">Show</button></form><p class=\"actions\"><a href=\"/map?process=");
	html_url_arg(&b, p->slug);
	html_raw(&b, "\">Map of its members</a> \xc2\xb7 <a href=\"/compare?a=");
	html_url_arg(&b, p->slug);
	html_raw(&b, "\">Compare with another process</a></p>\n");
	contents(&b, p);
	facts(&b, r, p, &s);
	leadership(&b, p, &s, year);
	participants(&b, p, &s, year);
	text_list(&b, "Themes", p, &p->themes, &s, year);
	text_list(&b, "Goals", p, &p->goals, &s, year);
	text_list(&b, "Priorities", p, &p->priorities, &s, year);
	text_list(&b, "Notes", p, &p->notes, &s, year);
	sources_section(&b, &s);
	return buf_release(&b, NULL);
}

/* The page's title and registry part for p from the worker's cache,
 * rendered anew when the registry's version has moved: one entry holding
 * the title, a NUL, then the part. */
static const struct cache_entry *cached_part(struct req *r, const struct process *p, int year)
{
	long long version = registry_version(r->reg);
	char *key = xasprintf("page/process/%s@%d", p->slug, year);
	const struct cache_entry *e = cache_get(r->cache, key, version);
	if (!e) {
		struct buf b = { 0 };
		char *part = registry_part(r, p, year);
		char *title = year ? xasprintf("%s as of %d", p->acronym, year) : xstrdup(p->acronym);
		buf_append(&b, title, strlen(title) + 1);
		free(title);
		buf_append(&b, part, strlen(part));
		size_t len;
		char *body = buf_release(&b, &len);
		e = cache_put(r->cache, key, version, body, len);
		free(part);
	}
	free(key);
	return e;
}

void page_process(struct req *r)
{
	const struct process *p;
	struct svc_error err = { 0 };
	if (registry_process(r->reg, NULL, r->params[0], &p, &err)) {
		svc_error_free(&err);
		page_not_found(r, "process", r->params[0], REGISTRY_PROCESS, "/processes/");
		return;
	}
	int year;
	if (page_year_or_respond(r, &year))
		return;
	const struct cache_entry *e = cached_part(r, p, year);
	const char *title = e->body;
	size_t title_len = strlen(title) + 1;
	struct buf b = { 0 };
	page_begin(&b, r, title);
	html_raw(&b, "<article class=\"process\">");
	buf_append(&b, e->body + title_len, e->len - title_len);
	documents(&b, r, p->slug);
	html_raw(&b, "<section id=\"meetings\"><h2>Meetings</h2><p><a href=\"/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/meetings\">Meetings by year, with their delegations</a> \xc2\xb7 <a href=\"/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/plans\">Plans of action and their follow-up</a></p></section>");
	html_raw(&b, "<section id=\"statistics\"><h2>Statistics</h2><p><a href=\"/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/statistics\">Indicators, the data states share, and how comparable it is</a> \xc2\xb7 "
		     "<a href=\"/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/matrices\">Policy matrices and their convergence</a> \xc2\xb7 <a href=\"/glossary?process=");
	html_url_arg(&b, p->slug);
	html_raw(&b, "\">Its glossary</a></p></section>");
	html_raw(&b, "<section id=\"assessment\"><h2>Assessment</h2><p><a href=\"/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/assessment\">What it changed, phase by phase, and the report's eleven lessons from its "
		     "records</a> \xc2\xb7 <a href=\"/assessment\">All processes compared</a></p></section>");
	html_raw(&b, "<section><h2>Registry</h2><p><a href=\"/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/history\">History of edits</a>");
	if (facts_may_edit(&r->actor, p->slug)) {
		html_raw(&b, " \xc2\xb7 <a href=\"/processes/");
		html_url_arg(&b, p->slug);
		html_raw(&b, "/registry/edit\">Edit the registry</a>");
	}
	html_raw(&b, "</p></section>");
	if (focal_points_may_list(&r->actor, p->slug)) {
		html_raw(&b, "<section><h2>Focal points</h2><p><a href=\"/processes/");
		html_url_arg(&b, p->slug);
		html_raw(&b, "/focal-points\">The directory of national focal points</a></p></section>");
	}
	char *path = xasprintf("/processes/%s/participants", p->slug);
	page_downloads(&b, r, "Every participant with its source", path, title);
	free(path);
	html_raw(&b, "</article>");
	page_end(&b, r);
	page_send(r, 200, &b);
}
