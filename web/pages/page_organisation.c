/* page_organisation.c: an organisation (IOM, UNHCR, ICMPD, ...): every process it supports or observes */
#include "pages.h"

#include <string.h>

/* The processes whose secretariat the organisation is part of. */
static void secretariats(struct buf *b, const struct process_list *all, const char *slug)
{
	int any = 0;
	for (size_t i = 0; i < all->n; i++) {
		const struct process *p = &all->items[i];
		for (size_t j = 0; j < p->secretariat_orgs.n; j++) {
			if (strcmp(p->secretariat_orgs.items[j], slug) != 0)
				continue;
			html_raw(b, any ? ", " : "<section><h2>Secretariat of</h2><p>");
			page_link_process(b, p->slug, p->acronym);
			any = 1;
		}
	}
	if (any)
		html_raw(b, "</p></section>");
}

void page_organisation(struct req *r)
{
	const struct organisation *o;
	struct svc_error err = { 0 };
	if (registry_organisation(r->reg, NULL, r->params[0], &o, &err)) {
		svc_error_free(&err);
		page_not_found(r, "organisation", r->params[0], REGISTRY_ORGANISATION, "/organisations/");
		return;
	}
	struct participation_list parts = { 0 };
	registry_state(r->reg, o->slug, 0, &parts, NULL);
	struct buf b = { 0 };
	page_begin(&b, r, o->name);
	html_raw(&b, "<h1>");
	html_txt(&b, o->name);
	html_raw(&b, "</h1><dl class=\"facts\">");
	if (o->acronym && *o->acronym) {
		html_raw(&b, "<dt>Acronym</dt><dd>");
		html_txt(&b, o->acronym);
		html_raw(&b, "</dd>");
	}
	html_raw(&b, "<dt>Kind</dt><dd>");
	html_txt(&b, o->kind);
	html_raw(&b, "</dd>");
	for (size_t i = 0; i < o->aliases.n; i++) {
		html_raw(&b, i ? "; " : "<dt>Also called</dt><dd>");
		html_txt(&b, o->aliases.items[i]);
	}
	html_raw(&b, o->aliases.n ? "</dd></dl>" : "</dl>");
	secretariats(&b, registry_all(r->reg), o->slug);
	html_raw(&b, "<section><h2>Processes it takes part in</h2>");
	if (!parts.n)
		html_raw(&b, "<p>None, as far as the registry knows.</p>");
	else
		html_raw(&b, "<table><thead><tr><th scope=\"col\">Process</th><th scope=\"col\">Role</th>"
			     "<th scope=\"col\">When</th><th scope=\"col\">Note</th></tr></thead><tbody>");
	for (size_t i = 0; i < parts.n; i++) {
		const struct participation *pa = &parts.items[i];
		html_raw(&b, "<tr><td>");
		page_link_process(&b, pa->process_slug, pa->process_acronym);
		html_raw(&b, "</td><td>");
		html_txt(&b, role_name(pa->role));
		html_raw(&b, "</td><td>");
		page_span(&b, pa->since, pa->until);
		html_raw(&b, "</td><td>");
		html_txt(&b, pa->label ? pa->label : pa->note);
		html_raw(&b, "</td></tr>");
	}
	html_raw(&b, parts.n ? "</tbody></table></section>" : "</section>");
	page_end(&b, r);
	page_send(r, 200, &b);
	participation_list_free(&parts);
}
