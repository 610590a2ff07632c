/* page_state.c: a state or territory: every process it takes part in, and its neighbours in membership */
#include "pages.h"
#include "../../core/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define NEIGHBOURS 10

struct neighbour {
	const char *code, *name;  /* point into the process list */
	int shared;
};

static int is_member_now(const struct participation *pa)
{
	return pa->role == ROLE_MEMBER && pa->status == STATUS_ACTIVE && participation_current(pa) &&
	       pa->kind != PARTY_ORGANISATION;
}

static int by_shared(const void *a, const void *b)
{
	const struct neighbour *x = a, *y = b;
	if (x->shared != y->shared)
		return y->shared - x->shared;
	return strcmp(x->name, y->name);
}

/* The states that are current members of the most processes together
 * with code; fills out (at most max) and returns how many. */
static size_t neighbours(const struct process_list *all, const char *code, struct neighbour *out, size_t max)
{
	struct neighbour *tally = NULL;
	size_t n = 0;
	for (size_t i = 0; i < all->n; i++) {
		const struct process *p = &all->items[i];
		int in = 0;
		for (size_t j = 0; j < p->parts.n && !in; j++)
			in = is_member_now(&p->parts.items[j]) && strcmp(p->parts.items[j].code, code) == 0;
		for (size_t j = 0; in && j < p->parts.n; j++) {
			const struct participation *pa = &p->parts.items[j];
			if (!is_member_now(pa) || strcmp(pa->code, code) == 0)
				continue;
			size_t k;
			for (k = 0; k < n && strcmp(tally[k].code, pa->code) != 0; k++)
				;
			if (k == n) {
				tally = xrealloc(tally, (n + 1) * sizeof *tally);
				tally[n++] = (struct neighbour){ pa->code, pa->name, 0 };
			}
			tally[k].shared++;
		}
	}
	if (n)
		qsort(tally, n, sizeof *tally, by_shared);
	size_t keep = n < max ? n : max;
	if (keep)
		memcpy(out, tally, keep * sizeof *out);
	free(tally);
	return keep;
}

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

void page_state(struct req *r)
{
	struct country c;
	char *err = NULL;
	if (registry_country(r->reg, r->params[0], &c, &err)) {
		free(err);
		page_not_found(r, "state or territory", r->params[0], &r->reg->countries, "/states/");
		return;
	}
	struct participation_list parts = { 0 };
	struct process_list all = { 0 };
	if (registry_state(r->reg, c.alpha3, &parts, &err) || registry_all(r->reg, &all, &err)) {
		page_status(r, SVC_ERROR, err);
		goto out;
	}
	struct buf b = { 0 };
	page_begin(&b, r, c.name);
	html_raw(&b, "<h1>");
	html_txt(&b, c.name);
	html_raw(&b, "</h1><dl class=\"facts\"><dt>ISO 3166-1</dt><dd>");
	html_txt(&b, c.alpha3);
	html_raw(&b, ", ");
	html_txt(&b, c.alpha2);
	html_raw(&b, "</dd>");
	if (c.official_name) {
		html_raw(&b, "<dt>Official name</dt><dd>");
		html_txt(&b, c.official_name);
		html_raw(&b, "</dd>");
	}
	if (c.territory_of) {
		html_raw(&b, "<dt>Territory of</dt><dd>");
		page_link_state(&b, c.territory_of, c.territory_of);
		html_raw(&b, "</dd>");
	}
	html_raw(&b, "</dl><section><h2>Processes</h2>");
	processes_table(&b, &parts);
	html_raw(&b, "</section>");
	struct neighbour near[NEIGHBOURS];
	size_t nn = neighbours(&all, c.alpha3, near, NEIGHBOURS);
	if (nn) {
		html_raw(&b, "<section><h2>Neighbours in membership</h2><p>The states that are members "
			     "of the most processes together with it, now.</p><ol class=\"neighbours\">");
		for (size_t i = 0; i < nn; i++) {
			html_raw(&b, "<li>");
			page_link_state(&b, near[i].code, near[i].name);
			html_raw(&b, " <span class=\"meta\">");
			html_int(&b, near[i].shared);
			html_raw(&b, near[i].shared == 1 ? " process</span></li>" : " processes</span></li>");
		}
		html_raw(&b, "</ol></section>");
	}
	page_end(&b, r);
	page_send(r, 200, &b);
out:
	process_list_free(&all);
	participation_list_free(&parts);
	country_free(&c);
}
