/* page_index.c: the index pages: every process (by region, sortable), every state taking part, every organisation, every paper one may read */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/documents.h"

#include <stdlib.h>
#include <string.h>

/* A process with what the table sorts it by. */
struct process_row {
	const struct process *p;
	size_t members, observers;
};

/* Orders rows by sort_key ("since", "members" or the name). */
static int compare_rows(const void *a, const void *b, void *sort)
{
	const struct process_row *x = a, *y = b;
	const char *sort_key = sort;
	if (strcmp(sort_key, "since") == 0 && x->p->established != y->p->established)
		return x->p->established - y->p->established;
	if (strcmp(sort_key, "members") == 0 && x->members != y->members)
		return x->members > y->members ? -1 : 1;
	return strcmp(x->p->acronym, y->p->acronym);
}

static const char *const kinds[][2] = {
	{ "rcp", "regional consultative process" }, { "irf", "inter-regional forum" }, { "global", "global process" },
};

/* The words for a process's kind ("rcp"). */
static const char *kind_words(const char *kind)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (kind && strcmp(kinds[i][0], kind) == 0)
			return kinds[i][1];
	return kind;
}

/* Appends "&amp;region=...&amp;kind=...&amp;at=..." for the filters in
 * force. */
static void filter_args(struct buf *b, const char *region, const char *kind, int year)
{
	if (year) {
		html_raw(b, "&amp;at=");
		html_int(b, year);
	}
	if (region) {
		html_raw(b, "&amp;region=");
		html_url_arg(b, region);
	}
	if (kind) {
		html_raw(b, "&amp;kind=");
		html_url_arg(b, kind);
	}
}

static void sort_link(struct buf *b, const char *region, const char *kind, int year, const char *key,
		      const char *label, const char *current)
{
	html_raw(b, "<th scope=\"col\"");
	html_raw(b, strcmp(key, current) == 0 ? " aria-sort=\"" : "");
	if (strcmp(key, current) == 0)
		html_raw(b, strcmp(key, "members") == 0 ? "descending\"" : "ascending\"");
	html_raw(b, "><a href=\"/processes?sort=");
	html_url_arg(b, key);
	filter_args(b, region, kind, year);
	html_raw(b, "\">");
	html_txt(b, label);
	html_raw(b, "</a></th>");
}

static void hidden_input(struct buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	html_raw(b, "<input type=\"hidden\" name=\"");
	html_attr(b, name);
	html_raw(b, "\" value=\"");
	html_attr(b, value);
	html_raw(b, "\">");
}

/* The page's heading, "as of YEAR" with a year, and the form that asks
 * for one, keeping the region and kind filters (NULL: none). */
static void index_heading(struct buf *b, const char *heading, int year, const char *region, const char *kind)
{
	html_raw(b, "<h1>");
	html_txt(b, heading);
	if (year) {
		html_raw(b, " <span class=\"as-of\">as of ");
		html_int(b, year);
		html_raw(b, "</span>");
	}
	html_raw(b, "</h1><form class=\"inline-form\" method=\"get\">");
	hidden_input(b, "region", region);
	hidden_input(b, "kind", kind);
	page_year_input(b, "As of the year", year);
	html_raw(b, "<button type=\"submit\">Show</button></form>");
}

void page_processes(struct req *r)
{
	const struct process_list *all = registry_all(r->reg);
	const char *region = http_query(r, "region"), *sort = http_query(r, "sort"), *kind = http_query(r, "kind");
	if (region && !*region)
		region = NULL;
	if (kind && (!*kind || kind_words(kind) == kind))
		kind = NULL;
	int year;
	if (page_year_or_respond(r, &year))
		return;
	if (!sort || (strcmp(sort, "since") != 0 && strcmp(sort, "members") != 0))
		sort = "name";
	struct process_row *rows = xcalloc(all->n + 1, sizeof *rows);
	size_t n = 0;
	for (size_t i = 0; i < all->n; i++) {
		const struct process *p = &all->items[i];
		if ((region && strcmp(p->region, region) != 0) || (kind && strcmp(p->kind ? p->kind : "rcp", kind) != 0) ||
		    (year && p->established > year))
			continue;
		rows[n++] = (struct process_row){ p, registry_count(p, &(struct participant_filter){ ROLE_MEMBER, year, 1 }),
						 registry_count(p, &(struct participant_filter){ ROLE_OBSERVER, year, 0 }) };
	}
	qsort_r(rows, n, sizeof *rows, compare_rows, (void *)sort);
	struct buf b = { 0 };
	char *title = year ? xasprintf("Processes as of %d", year) : xstrdup("Processes");
	page_begin(&b, r, title);
	free(title);
	index_heading(&b, "Every process", year, region, kind);
	if (year) {
		html_raw(&b, "<p>Those established by ");
		html_int(&b, year);
		html_raw(&b, ", with the members and observers a source attests then.</p>");
	}
	html_raw(&b, "<p class=\"filters\">Region: ");
	if (region) {
		html_raw(&b, "<a href=\"/processes?sort=name");
		filter_args(&b, NULL, kind, year);
		html_raw(&b, "\">all</a>");
	} else {
		html_raw(&b, "<strong>all</strong>");
	}
	for (size_t i = 0; i < all->n; i++) {
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(all->items[j].region, all->items[i].region) == 0;
		if (seen)
			continue;
		html_raw(&b, " \xc2\xb7 ");
		if (region && strcmp(region, all->items[i].region) == 0) {
			html_raw(&b, "<strong>");
			html_txt(&b, region);
			html_raw(&b, "</strong>");
			continue;
		}
		html_raw(&b, "<a href=\"/processes?sort=name");
		filter_args(&b, all->items[i].region, kind, year);
		html_raw(&b, "\">");
		html_txt(&b, all->items[i].region);
		html_raw(&b, "</a>");
	}
	html_raw(&b, "</p><p class=\"filters\">Kind: ");
	html_raw(&b, kind ? "<a href=\"/processes?sort=name" : "<strong>all</strong>");
	if (kind) {
		filter_args(&b, region, NULL, year);
		html_raw(&b, "\">all</a>");
	}
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		html_raw(&b, " \xc2\xb7 ");
		if (kind && strcmp(kind, kinds[i][0]) == 0) {
			html_raw(&b, "<strong>");
			html_txt(&b, kinds[i][1]);
			html_raw(&b, "</strong>");
			continue;
		}
		html_raw(&b, "<a href=\"/processes?sort=name");
		filter_args(&b, region, kinds[i][0], year);
		html_raw(&b, "\">");
		html_txt(&b, kinds[i][1]);
		html_raw(&b, "</a>");
	}
	html_raw(&b, "</p><table class=\"processes\"><thead><tr>");
	sort_link(&b, region, kind, year, "name", "Process", sort);
	html_raw(&b, "<th scope=\"col\">Region</th><th scope=\"col\">Kind</th>");
	sort_link(&b, region, kind, year, "since", "Since", sort);
	sort_link(&b, region, kind, year, "members", "Members", sort);
	html_raw(&b, "<th scope=\"col\">Observers</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		const struct process *p = rows[i].p;
		html_raw(&b, "<tr><th scope=\"row\">");
		page_link_process(&b, p->slug, p->acronym);
		html_raw(&b, "<div class=\"sub\">");
		html_txt(&b, p->name);
		html_raw(&b, "</div></th><td>");
		html_txt(&b, p->region);
		html_raw(&b, "</td><td>");
		html_txt(&b, kind_words(p->kind ? p->kind : "rcp"));
		html_raw(&b, "</td><td class=\"num\">");
		html_int(&b, p->established);
		html_raw(&b, "</td><td class=\"num\">");
		html_int(&b, (long long)rows[i].members);
		html_raw(&b, "</td><td class=\"num\">");
		html_int(&b, (long long)rows[i].observers);
		html_raw(&b, "</td></tr>");
	}
	html_raw(&b, "</tbody></table>");
	page_end(&b, r);
	page_send(r, 200, &b);
	free(rows);
}

/* "in YEAR as a source attests it", or "today". */
static void when_attested(struct buf *b, int year)
{
	if (!year) {
		html_raw(b, "today");
		return;
	}
	html_raw(b, "in ");
	html_int(b, year);
	html_raw(b, " as a source attests it");
}

void page_states(struct req *r)
{
	int year;
	if (page_year_or_respond(r, &year))
		return;
	size_t n = 0;
	const struct country *c = registry_countries(r->reg, &n);
	int *tally = xcalloc(n + 1, sizeof *tally);
	registry_tally_countries(registry_all(r->reg), NULL, year, c, n, tally);
	struct buf b = { 0 };
	char *title = year ? xasprintf("States as of %d", year) : xstrdup("States");
	page_begin(&b, r, title);
	free(title);
	index_heading(&b, "States and territories", year, NULL, NULL);
	html_raw(&b, "<p>Every state and territory that is a member of a process ");
	when_attested(&b, year);
	html_raw(&b, ", with how many processes it is a member of.</p><ul class=\"states\">");
	for (size_t i = 0; i < n; i++) {
		if (!tally[i])
			continue;
		html_raw(&b, "<li>");
		page_link_state(&b, c[i].alpha3, c[i].name);
		html_raw(&b, " <span class=\"meta\">");
		html_int(&b, tally[i]);
		html_raw(&b, "</span></li>");
	}
	html_raw(&b, "</ul>");
	page_end(&b, r);
	page_send(r, 200, &b);
	free(tally);
}

/* Whether organisation slug takes part in p in year (0: now). */
static int organisation_takes_part(const struct process *p, const char *slug, int year)
{
	for (size_t j = 0; j < p->parts.n; j++) {
		const struct participation *pa = &p->parts.items[j];
		if (pa->kind == PARTY_ORGANISATION && strcmp(pa->code, slug) == 0 && participation_holds(pa, year))
			return 1;
	}
	return 0;
}

void page_organisations(struct req *r)
{
	int year;
	if (page_year_or_respond(r, &year))
		return;
	size_t n = 0;
	const struct organisation *o = registry_organisations(r->reg, &n);
	const struct process_list *all = registry_all(r->reg);
	struct buf b = { 0 };
	char *title = year ? xasprintf("Organisations as of %d", year) : xstrdup("Organisations");
	page_begin(&b, r, title);
	free(title);
	index_heading(&b, "Organisations", year, NULL, NULL);
	html_raw(&b, "<p>The organisations that take part in a process, as observer, partner or participant, ");
	when_attested(&b, year);
	html_raw(&b, ", or serve one as its secretariat.</p><table class=\"organisations\"><thead><tr>"
		     "<th scope=\"col\">Organisation</th><th scope=\"col\">Kind</th><th scope=\"col\" class=\"num\">"
		     "Processes</th><th scope=\"col\" class=\"num\">Secretariat of</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		size_t parts = 0, serves = 0;
		for (size_t k = 0; k < all->n; k++) {
			const struct process *p = &all->items[k];
			if (year && p->established > year)
				continue;
			parts += organisation_takes_part(p, o[i].slug, year);
			serves += strlist_contains(&p->secretariat_orgs, o[i].slug);
		}
		if (year && !parts && !serves)
			continue;
		html_raw(&b, "<tr><th scope=\"row\">");
		page_link_org(&b, o[i].slug, *o[i].acronym ? o[i].acronym : o[i].name);
		if (*o[i].acronym) {
			html_raw(&b, "<div class=\"sub\">");
			html_txt(&b, o[i].name);
			html_raw(&b, "</div>");
		}
		html_raw(&b, "</th><td>");
		html_txt(&b, o[i].kind ? o[i].kind : "");
		html_raw(&b, "</td><td class=\"num\">");
		html_int(&b, (long long)parts);
		html_raw(&b, "</td><td class=\"num\">");
		html_int(&b, (long long)serves);
		html_raw(&b, "</td></tr>");
	}
	html_raw(&b, "</tbody></table>");
	page_end(&b, r);
	page_send(r, 200, &b);
}

void page_documents(struct req *r)
{
	struct document_list docs = { 0 };
	struct svc_error err = { 0 };
	if (documents_list_all(r->reg, &r->actor, &docs, &err)) {
		document_list_free(&docs);
		page_status(r, SVC_ERROR, &err);
		return;
	}
	size_t n = docs.n;
	struct buf b = { 0 };
	page_begin(&b, r, "Documents");
	html_raw(&b, "<h1>Documents</h1>");
	const char *gone = http_query(r, "deleted");
	long long deleted = gone ? http_record_id(gone) : -1;
	if (deleted > 0) {
		html_raw(&b, "<p class=\"notice\" role=\"status\">Paper ");
		html_int(&b, deleted);
		html_raw(&b, " is deleted.</p>");
	}
	html_raw(&b, "<p>Every paper you may read, newest first.</p>");
	if (!n)
		html_raw(&b, "<p>None you may read.</p>");
	else
		html_raw(&b, "<table class=\"documents\"><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">"
			     "Title</th><th scope=\"col\">Process</th><th scope=\"col\">Who may see it</th></tr></thead>"
			     "<tbody>");
	for (size_t i = 0; i < n; i++) {
		html_raw(&b, "<tr><td class=\"num\">");
		html_txt(&b, docs.items[i].issued ? docs.items[i].issued : "");
		html_raw(&b, "</td><td><a href=\"/documents/");
		html_int(&b, docs.items[i].id);
		html_raw(&b, "\">");
		html_txt(&b, docs.items[i].title);
		html_raw(&b, "</a></td><td>");
		page_link_process(&b, docs.items[i].process, page_process_acronym(r, docs.items[i].process));
		html_raw(&b, "</td><td>");
		html_txt(&b, level_name(docs.items[i].level));
		html_raw(&b, "</td></tr>");
	}
	html_raw(&b, n ? "</tbody></table>" : "");
	if (n)
		page_downloads(&b, r, "This list", "/documents", "Documents");
	page_end(&b, r);
	page_send(r, 200, &b);
	document_list_free(&docs);
}
