/* page_state.c: a state or territory: every process it takes part in, and its neighbours in membership */
#include "pages.h"
#include "../../core/xalloc.h"

#include <stdlib.h>

#define NEIGHBOURS 10

static void processes_table(struct buf *b, const struct participation_list *parts)
{
	if (!parts->n) {
		html_raw(b, "<p>It takes part in none of the processes in the registry.</p>");
		return;
	}
	html_raw(b, "<table><thead><tr><th scope=\"col\">Process</th><th scope=\"col\">Role</th>"
		    "<th scope=\"col\">Status</th><th scope=\"col\">When</th><th scope=\"col\">Note</th>"
		    "</tr></thead><tbody>");
	for (size_t i = 0; i < parts->n; i++) {
		const struct participation *pa = &parts->items[i];
		html_raw(b, "<tr><td>");
		page_link_process(b, pa->process_slug, pa->process_acronym);
		html_raw(b, "</td><td>");
		html_txt(b, role_name(pa->role));
		html_raw(b, "</td><td>");
		html_txt(b, status_name(pa->status));
		html_raw(b, "</td><td>");
		page_span(b, pa->since, pa->until);
		html_raw(b, "</td><td>");
		html_txt(b, pa->label ? pa->label : pa->note);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
}

/* The processes no source attests it in, in year, though a later one lists it. */
static void unattested(struct buf *b, const struct participation_list *l, int year)
{
	if (!l->n)
		return;
	html_raw(b, "<h3 id=\"not-attested\">Not attested in ");
	html_int(b, year);
	html_raw(b, "</h3><p>Listed by a later source without a date: the sources say nothing of these in ");
	html_int(b, year);
	html_raw(b, ".</p><ul class=\"inline-list\">");
	for (size_t i = 0; i < l->n; i++) {
		html_raw(b, "<li>");
		page_link_process(b, l->items[i].process_slug, l->items[i].process_acronym);
		html_raw(b, " (");
		html_txt(b, role_name(l->items[i].role));
		html_raw(b, ", first attested ");
		html_int(b, participation_attested_from(&l->items[i]));
		html_raw(b, ")</li>");
	}
	html_raw(b, "</ul>");
}

static void neighbours(struct buf *b, const struct process_list *all, const char *code, int year)
{
	struct state_count near[NEIGHBOURS];
	size_t n = registry_neighbours(all, code, year, near, NEIGHBOURS);
	if (!n)
		return;
	html_raw(b, "<section><h2>Neighbours in membership</h2><p>The states that are members "
		    "of the most processes together with it, ");
	if (year) {
		html_raw(b, "in ");
		html_int(b, year);
	} else {
		html_raw(b, "now");
	}
	html_raw(b, ".</p><ol class=\"neighbours\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		page_link_state(b, near[i].code, near[i].name);
		html_raw(b, " <span class=\"meta\">");
		html_int(b, (long long)near[i].processes);
		html_raw(b, near[i].processes == 1 ? " process</span></li>" : " processes</span></li>");
	}
	html_raw(b, "</ol></section>");
}

void page_state(struct req *r)
{
	const struct country *c;
	struct svc_error err = { 0 };
	if (registry_country(r->reg, NULL, r->params[0], &c, &err)) {
		svc_error_free(&err);
		page_not_found(r, "state or territory", r->params[0], REGISTRY_COUNTRY, "/states/");
		return;
	}
	int year;
	if (page_year_or_respond(r, &year))
		return;
	struct participation_list parts = { 0 }, later = { 0 };
	registry_state(r->reg, c->alpha3, year, &parts, &later);
	struct buf b = { 0 };
	char *title = year ? xasprintf("%s as of %d", c->name, year) : xstrdup(c->name);
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, c->name);
	if (year) {
		html_raw(&b, " <span class=\"as-of\">as of ");
		html_int(&b, year);
		html_raw(&b, "</span>");
	}
	html_raw(&b, "</h1><form class=\"inline-form\" method=\"get\">");
	page_year_input(&b, "As of the year", year);
	html_raw(&b, "<button type=\"submit\">Show</button></form><dl class=\"facts\"><dt>ISO 3166-1</dt><dd>");
	html_txt(&b, c->alpha3);
	html_raw(&b, ", ");
	html_txt(&b, c->alpha2);
	html_raw(&b, "</dd>");
	if (c->official_name) {
		html_raw(&b, "<dt>Official name</dt><dd>");
		html_txt(&b, c->official_name);
		html_raw(&b, "</dd>");
	}
	if (c->territory_of) {
		html_raw(&b, "<dt>Territory of</dt><dd>");
		page_link_state(&b, c->territory_of, c->territory_of);
		html_raw(&b, "</dd>");
	}
	html_raw(&b, "</dl><section><h2>Processes</h2>");
	processes_table(&b, &parts);
	unattested(&b, &later, year);
	char *path = xasprintf("/states/%s/processes", c->alpha3);
	page_downloads(&b, r, "This table", path, title);
	free(path);
	free(title);
	html_raw(&b, "</section>");
	neighbours(&b, registry_all(r->reg), c->alpha3, year);
	page_end(&b, r);
	page_send(r, 200, &b);
	participation_list_free(&parts);
	participation_list_free(&later);
}
