/* page_compare.c: two processes side by side: shared and exclusive members, Jaccard index */
#include "pages.h"
#include "../../core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The display name of code in p or q. */
static const char *name_in(const struct process *p, const struct process *q, const char *code)
{
	for (int k = 0; k < 2; k++) {
		const struct process *x = k ? q : p;
		for (size_t i = 0; i < x->parts.n; i++)
			if (strcmp(x->parts.items[i].code, code) == 0)
				return x->parts.items[i].name;
	}
	return code;
}

static void select_process(struct buf *b, const char *field, const char *label,
			   const struct process_list *all, const char *chosen, const char *error)
{
	page_field_begin(b, field, label, error);
	html_raw(b, "<select");
	page_field_attrs(b, field, field, error);
	html_raw(b, "><option value=\"\">Choose a process</option>");
	for (size_t i = 0; i < all->n; i++) {
		html_raw(b, "<option value=\"");
		html_attr(b, all->items[i].slug);
		html_raw(b, chosen && strcmp(chosen, all->items[i].slug) == 0 ? "\" selected>" : "\">");
		html_txt(b, all->items[i].acronym);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div>");
}

/* A state as listed: its code and the name it is shown by. */
struct listed_state {
	const char *code, *name;
};

static int by_shown_name(const void *x, const void *y)
{
	return strcmp(((const struct listed_state *)x)->name, ((const struct listed_state *)y)->name);
}

/* The states of codes, by the names they are shown by. */
static void code_list(struct buf *b, const char *title, const char **codes, size_t n,
		      const struct process *p, const struct process *q)
{
	struct listed_state *states = xcalloc(n + 1, sizeof *states);
	for (size_t i = 0; i < n; i++)
		states[i] = (struct listed_state){ codes[i], name_in(p, q, codes[i]) };
	qsort(states, n, sizeof *states, by_shown_name);
	html_raw(b, "<section class=\"column\"><h3>");
	html_txt(b, title);
	html_raw(b, " <span class=\"count\">(");
	html_int(b, (long long)n);
	html_raw(b, ")</span></h3><ul class=\"codes\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		page_link_state(b, states[i].code, states[i].name);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
	free(states);
}

/* a and c compared by their member governments now, or attested in year. */
static void comparison(struct buf *b, const struct process *a, const struct process *c, int year)
{
	struct overlap o;
	registry_overlap(a, c, year, &o);
	html_raw(b, "<section class=\"comparison\"><h2>");
	html_txt(b, a->acronym);
	html_raw(b, " and ");
	html_txt(b, c->acronym);
	html_raw(b, "</h2><p class=\"jaccard\">Jaccard index of their ");
	if (year) {
		html_raw(b, "member governments attested in ");
		html_int(b, year);
	} else {
		html_raw(b, "current member governments");
	}
	html_raw(b, ": <strong>");
	html_num(b, o.jaccard, 3);
	html_raw(b, "</strong> (");
	html_int(b, (long long)o.nshared);
	html_raw(b, " shared of ");
	html_int(b, (long long)(o.nshared + o.nonly_a + o.nonly_b));
	html_raw(b, ")</p><div class=\"columns\">");
	char *only_a = xasprintf("Only in %s", a->acronym), *only_c = xasprintf("Only in %s", c->acronym);
	code_list(b, "In both", o.shared, o.nshared, a, c);
	code_list(b, only_a, o.only_a, o.nonly_a, a, c);
	code_list(b, only_c, o.only_b, o.nonly_b, a, c);
	free(only_a);
	free(only_c);
	html_raw(b, "</div></section>");
	overlap_free(&o);
}

/* The process the query parameter field names: 1, 0 when none is named,
 * -1 with err when the name matches none. */
static int chosen(struct req *r, const char *field, const struct process **p, struct svc_error *err)
{
	const char *q = http_query(r, field);
	if (!q || !*q)
		return 0;
	return registry_process(r->reg, field, q, p, err) ? -1 : 1;
}

void page_compare(struct req *r)
{
	const struct process_list *all = registry_all(r->reg);
	const struct process *a = NULL, *c = NULL;
	struct svc_error err_a = { 0 }, err_b = { 0 };
	int year;
	if (page_year_or_respond(r, &year))
		return;
	int has_a = chosen(r, "a", &a, &err_a), has_b = chosen(r, "b", &c, &err_b);
	struct buf b = { 0 };
	char *title = year ? xasprintf("Compare processes as of %d", year) : xstrdup("Compare processes");
	page_begin(&b, r, title);
	html_raw(&b, "<h1>Compare two processes</h1><form class=\"compare\" method=\"get\" action=\"/compare\">");
	select_process(&b, "a", "First process", all, has_a == 1 ? a->slug : NULL, err_a.message);
	select_process(&b, "b", "Second process", all, has_b == 1 ? c->slug : NULL, err_b.message);
	page_year_input(&b, "As of the year (empty: now)", year);
	html_raw(&b, "<button type=\"submit\">Compare</button></form>");
	if (has_a == 1 && has_b == 1) {
		comparison(&b, a, c, year);
		page_downloads(&b, r, "The members side by side", "/compare", title);
	}
	free(title);
	page_end(&b, r);
	page_send(r, has_a < 0 || has_b < 0 ? 422 : 200, &b);
	svc_error_free(&err_a);
	svc_error_free(&err_b);
}
