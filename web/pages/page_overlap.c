/* page_overlap.c: the overlap heatmap: the Jaccard index of every pair of processes, as SVG */
#include "pages.h"
#include "../../core/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define CELL 40
#define LABEL 150
#define TOP_PAIRS 10

/* An order of the n processes that puts similar ones side by side: start
 * with the one most like all others, then always take the one most like
 * the last taken. Fills order[n]. */
static void order_by_similarity(const struct overlap_matrix *m, size_t *order)
{
	size_t n = m->n;
	int *used = xcalloc(n + 1, sizeof *used);
	size_t first = 0;
	double best = -1;
	for (size_t i = 0; i < n; i++) {
		double sum = 0;
		for (size_t j = 0; j < n; j++)
			sum += i == j ? 0 : m->jaccard[i * n + j];
		if (sum > best) {
			best = sum;
			first = i;
		}
	}
	for (size_t k = 0; k < n; k++) {
		size_t pick = first;
		if (k) {
			double most = -1;
			for (size_t j = 0; j < n; j++)
				if (!used[j] && m->jaccard[order[k - 1] * n + j] > most) {
					most = m->jaccard[order[k - 1] * n + j];
					pick = j;
				}
		}
		order[k] = pick;
		used[pick] = 1;
	}
	free(used);
}

/* A blue whose depth follows v in [0, 1], as #rrggbb. */
static void shade(struct buf *b, double v)
{
	static const char hex[] = "0123456789abcdef";
	const int from[3] = { 0xf4, 0xf8, 0xfb }, to[3] = { 0x08, 0x30, 0x6b };
	char c[8] = "#";
	for (int k = 0; k < 3; k++) {
		int x = (int)(from[k] + (to[k] - from[k]) * v + 0.5);
		c[1 + 2 * k] = hex[x >> 4];
		c[2 + 2 * k] = hex[x & 15];
	}
	c[7] = '\0';
	html_raw(b, c);
}

/* One square: a process with itself is left grey and unlinked; any other
 * pair links to its comparison (by pointer only: the table below and the
 * downloads carry every pair for the keyboard), its index written in it
 * when they share anyone. */
static void cell(struct buf *b, const struct process *a, const struct process *c, double v, size_t shared,
		 size_t row, size_t col)
{
	if (a == c) {
		html_raw(b, "<rect class=\"self\" x=\"");
		html_int(b, (long long)(LABEL + col * CELL));
		html_raw(b, "\" y=\"");
		html_int(b, (long long)(LABEL + row * CELL));
		html_raw(b, "\" width=\"39\" height=\"39\" fill=\"#d9d9d9\"><title>");
		html_txt(b, a->acronym);
		html_raw(b, " with itself</title></rect>");
		return;
	}
	html_raw(b, "<a tabindex=\"-1\" href=\"/compare?a=");
	html_url_arg(b, a->slug);
	html_raw(b, "&amp;b=");
	html_url_arg(b, c->slug);
	html_raw(b, "\"><rect x=\"");
	html_int(b, (long long)(LABEL + col * CELL));
	html_raw(b, "\" y=\"");
	html_int(b, (long long)(LABEL + row * CELL));
	html_raw(b, "\" width=\"39\" height=\"39\" fill=\"");
	shade(b, v);
	html_raw(b, "\"><title>");
	html_txt(b, a->acronym);
	html_raw(b, " and ");
	html_txt(b, c->acronym);
	html_raw(b, ": Jaccard ");
	html_num(b, v, 2);
	html_raw(b, ", ");
	html_int(b, (long long)shared);
	html_raw(b, shared == 1 ? " member government in common</title></rect>" : " member governments in common</title></rect>");
	if (shared) {
		html_raw(b, "<text x=\"");
		html_int(b, (long long)(LABEL + col * CELL + CELL / 2));
		html_raw(b, "\" y=\"");
		html_int(b, (long long)(LABEL + row * CELL + CELL / 2 + 4));
		html_raw(b, v > 0.5 ? "\" class=\"on-dark\">" : "\">");
		html_num(b, v, 2);
		html_raw(b, "</text>");
	}
	html_raw(b, "</a>");
}

/* The scale of the squares' blues, and what the index means. */
static void legend(struct buf *b)
{
	html_raw(b, "<figcaption><ul class=\"legend\">");
	static const double stops[] = { 0, 0.25, 0.5, 0.75, 1 };
	for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
		html_raw(b, "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect width=\"14\" height=\"14\" "
			    "fill=\"");
		shade(b, stops[i]);
		html_raw(b, "\"/></svg> ");
		html_num(b, stops[i], 2);
		html_raw(b, i == 0 ? " (no member in common, left blank)" : i == 4 ? " (the same members)" : "");
		html_raw(b, "</li>");
	}
	html_raw(b, "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect width=\"14\" height=\"14\" "
		    "fill=\"#d9d9d9\"/></svg> a process with itself</li></ul>"
		    "<p id=\"jaccard\">The <strong>Jaccard index</strong> of two processes is the number of member "
		    "governments they share divided by the number that belong to either: 0 when they share none, "
		    "1 when their members are the same. Two processes of 20 members each that share 10 score "
		    "10 / 30 = 0.33. Pointing at a square gives the pair and how many they share; choosing it "
		    "compares them. Every pair is in the downloads below; the closest are in the table.</p>"
		    "</figcaption>");
}

static void heatmap(struct buf *b, const struct process_list *all, const struct overlap_matrix *m,
		    const size_t *order)
{
	size_t n = m->n, size = LABEL + n * CELL + 2;
	html_raw(b, "<svg class=\"heatmap\" role=\"group\" aria-labelledby=\"heatmap-title heatmap-desc\" "
		    "viewBox=\"0 0 ");
	html_int(b, (long long)(size + LABEL / 2));  /* room for the last column's slanted label */
	html_raw(b, " ");
	html_int(b, (long long)size);
	html_raw(b, "\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"heatmap-title\">Overlap of "
		    "the processes' current member governments</title><desc id=\"heatmap-desc\">Each "
		    "square is the Jaccard index of two processes: shared members divided by members of "
		    "either, from 0 (none shared) to 1 (the same members).</desc>");
	for (size_t k = 0; k < n; k++) {
		const struct process *p = &all->items[order[k]];
		html_raw(b, "<text class=\"row-label\" x=\"");
		html_int(b, LABEL - 6);
		html_raw(b, "\" y=\"");
		html_int(b, (long long)(LABEL + k * CELL + CELL / 2 + 4));
		html_raw(b, "\">");
		html_txt(b, p->acronym);
		html_raw(b, "</text><text class=\"col-label\" transform=\"translate(");
		html_int(b, (long long)(LABEL + k * CELL + CELL / 2 + 4));
		html_raw(b, " ");
		html_int(b, LABEL - 6);
		html_raw(b, ") rotate(-60)\">");
		html_txt(b, p->acronym);
		html_raw(b, "</text>");
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			cell(b, &all->items[order[i]], &all->items[order[j]],
			     m->jaccard[order[i] * n + order[j]], m->shared[order[i] * n + order[j]], i, j);
	html_raw(b, "</svg>");
}

struct pair {
	size_t i, j;
	double v;
};

static int by_value(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;
	return a->v < b->v ? 1 : a->v > b->v ? -1 : 0;
}

/* The most alike pairs as a table: the heatmap's findings in words. */
static void top_pairs(struct buf *b, const struct process_list *all, const struct overlap_matrix *m)
{
	size_t n = m->n, np = 0;
	struct pair *pairs = xcalloc(n * n + 1, sizeof *pairs);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			pairs[np++] = (struct pair){ i, j, m->jaccard[i * n + j] };
	qsort(pairs, np, sizeof *pairs, by_value);
	html_raw(b, "<section><h2>The most alike</h2><table><thead><tr><th scope=\"col\">Processes</th>"
		    "<th scope=\"col\">Shared members</th><th scope=\"col\">Jaccard</th></tr></thead><tbody>");
	for (size_t k = 0; k < np && k < TOP_PAIRS && pairs[k].v > 0; k++) {
		const struct process *a = &all->items[pairs[k].i], *c = &all->items[pairs[k].j];
		html_raw(b, "<tr><td><a href=\"/compare?a=");
		html_url_arg(b, a->slug);
		html_raw(b, "&amp;b=");
		html_url_arg(b, c->slug);
		html_raw(b, "\">");
		html_txt(b, a->acronym);
		html_raw(b, " and ");
		html_txt(b, c->acronym);
		html_raw(b, "</a></td><td class=\"num\">");
		html_int(b, (long long)m->shared[pairs[k].i * n + pairs[k].j]);
		html_raw(b, "</td><td class=\"num\">");
		html_num(b, pairs[k].v, 3);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></section>");
	free(pairs);
}

/* The heatmap in the given order and the closest pairs, as an HTML
 * fragment (the caller frees it). */
static char *render(const struct process_list *all, int by_similarity, int year)
{
	struct overlap_matrix m;
	registry_overlap_matrix(all, year, &m);
	size_t *order = xcalloc(m.n + 1, sizeof *order);
	for (size_t i = 0; i < m.n; i++)
		order[i] = i;
	if (by_similarity)
		order_by_similarity(&m, order);
	struct buf b = { 0 };
	html_raw(&b, "<figure class=\"heatmap\">");
	heatmap(&b, all, &m, order);
	legend(&b);
	html_raw(&b, "</figure>");
	top_pairs(&b, all, &m);
	free(order);
	registry_overlap_matrix_free(&m);
	return b.data;
}

/* The overlap page; what it draws is rendered once per registry version
 * and order, and kept in the worker's cache. */
void page_overlap(struct req *r)
{
	const char *order_by = http_query(r, "order");
	int by_similarity = order_by && strcmp(order_by, "similarity") == 0;
	if (order_by && !by_similarity && strcmp(order_by, "region") != 0) {
		page_error(r, 400, "Unknown order", "order: use region or similarity");
		return;
	}
	int year;
	if (page_year_or_respond(r, &year))
		return;
	char *key = xasprintf("overlap/%s@%d", by_similarity ? "similarity" : "region", year);
	long long version = registry_version(r->reg);
	const struct cache_entry *e = cache_get(r->cache, key, version);
	if (!e) {
		char *fragment = render(registry_all(r->reg), by_similarity, year);
		e = cache_put(r->cache, key, version, fragment, strlen(fragment));
	}
	free(key);
	struct buf b = { 0 };
	char *title = year ? xasprintf("Overlap of processes as of %d", year) : xstrdup("Overlap of processes");
	page_begin(&b, r, title);
	html_raw(&b, "<h1>How the processes overlap");
	if (year) {
		html_raw(&b, " <span class=\"as-of\">as of ");
		html_int(&b, year);
		html_raw(&b, "</span>");
	}
	html_raw(&b, "</h1><p class=\"lead\">Many governments take part in several processes. Each square "
		     "compares the member governments of two processes, ");
	if (year) {
		html_raw(&b, "those a source attests in ");
		html_int(&b, year);
	} else {
		html_raw(&b, "now");
	}
	html_raw(&b, "; choose one to see who is shared.</p><form class=\"inline-form\" method=\"get\">");
	page_year_input(&b, "As of the year", year);
	html_raw(&b, "<input type=\"hidden\" name=\"order\" value=\"");
	html_attr(&b, by_similarity ? "similarity" : "region");
	html_raw(&b, "\"><button type=\"submit\">Show</button></form><p class=\"actions\">Order: ");
	char *at = year ? xasprintf("&at=%d", year) : xstrdup("");
	if (by_similarity) {
		html_raw(&b, "<a href=\"/overlap?order=region");
		html_attr(&b, at);
		html_raw(&b, "\">by region</a> \xc2\xb7 <strong>by similarity</strong>");
	} else {
		html_raw(&b, "<strong>by region</strong> \xc2\xb7 <a href=\"/overlap?order=similarity");
		html_attr(&b, at);
		html_raw(&b, "\">by similarity</a>");
	}
	free(at);
	html_raw(&b, "</p>");
	buf_append(&b, e->body, e->len);
	page_downloads(&b, r, "Every pair, with its shared members and index", "/overlap", title);
	free(title);
	page_end(&b, r);
	page_send(r, 200, &b);
}
