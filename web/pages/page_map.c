/* page_map.c: the world map (SVG): who takes part in one process, or in how many processes each state does */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../io/world_map.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RCPHUB_MAP_FILE
#define RCPHUB_MAP_FILE "build/world-atlas/countries-50m.json"
#endif
#define MAP_WIDTH 960
#define SMALL_EXTENT 9.0  /* shapes smaller than this (w + h, pixels) also get a marker */

static struct world_map world;
static char *world_error;
/* Every outline as one SVG document of paths by id ("s" and the ISO
 * numeric code), which maps reference (<use>) and browsers keep; its
 * address carries its hash, so that it can be kept for good. */
static char *shapes_svg;
static size_t shapes_len;
static char shapes_url[64];

static void draw_shapes(void)
{
	struct buf b = { 0 };
	html_raw(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\"><defs>");
	for (size_t i = 0; i < world.n; i++) {
		html_raw(&b, "<path id=\"s");
		html_attr(&b, world.shapes[i].numeric);
		html_raw(&b, "\" d=\"");
		html_raw(&b, world.shapes[i].path);
		html_raw(&b, "\"/>");
	}
	html_raw(&b, "</defs></svg>\n");
	shapes_svg = buf_release(&b, &shapes_len);
	char tag[35];
	http_etag(shapes_svg, shapes_len, tag);
	snprintf(shapes_url, sizeof shapes_url, "/map/shapes.svg?v=%.12s", tag + 1);
}

static void load_world(void)
{
	const char *file = getenv("RCPHUB_MAP");
	if (world_map_load(file && *file ? file : RCPHUB_MAP_FILE, MAP_WIDTH, &world, &world_error))
		fprintf(stderr, "rcphub: the world map is unavailable: %s\n", world_error);
	else
		draw_shapes();
}

/* What a state is on the map: a category and the words for it. */
struct mark {
	int category;  /* 0: nothing; by process: 1 + role; by count: the number of processes */
	const char *words;
};

static const char *const role_colours[ROLE_COUNT] = {
	"#1b5e9a", "#e08a00", "#3b8f3b", "#8a5cb8", "#6bb0a8",
};
static const char *const role_words[ROLE_COUNT] = {
	"member", "observer", "partner", "participant status", "partner for specific activities",
};

/* The colour of a count of processes out of max: light to dark blue. */
static const char *ramp_colour(int count, int max)
{
	int k = max > 1 ? (count - 1) * 6 / (max - 1) : 6;
	return page_map_ramp[k < 0 ? 0 : k > 6 ? 6 : k];
}

static void count_colour(struct buf *b, int count, int max)
{
	html_raw(b, ramp_colour(count, max));
}

static void fill(struct buf *b, const struct mark *m, int by_count, int max)
{
	if (!m->category)
		html_raw(b, "#e4e4e4");
	else if (by_count)
		count_colour(b, m->category, max);
	else
		html_raw(b, role_colours[m->category - 1]);
}

static const struct country *by_numeric(const struct country *c, size_t n, const char *numeric)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].numeric, numeric) == 0)
			return &c[i];
	return NULL;
}

/* Each state's mark, in the order of countries. */
static void marks_for(const struct process_list *all, const char *slug, int year, const struct country *c,
		      size_t n, struct mark *marks, int *max)
{
	int *tally = xcalloc(n + 1, sizeof *tally);
	*max = registry_tally_countries(all, slug, year, c, n, tally);
	for (size_t i = 0; i < n; i++) {
		marks[i].category = tally[i];
		marks[i].words = slug && tally[i] ? role_words[tally[i] - 1] : NULL;
	}
	free(tally);
}

static void shape(struct buf *b, const struct map_shape *s, const struct country *c, const char *colour,
		  const char *words)
{
	html_raw(b, "<a tabindex=\"-1\" href=\"/states/");  /* the table below serves the keyboard */
	html_url_arg(b, c->alpha3);
	html_raw(b, "\"><use href=\"");
	html_raw(b, shapes_url);
	html_raw(b, "#s");
	html_attr(b, s->numeric);
	html_raw(b, "\" fill=\"");
	html_raw(b, colour ? colour : "#e4e4e4");
	html_raw(b, "\"><title>");
	html_txt(b, c->name);
	if (words) {
		html_raw(b, ": ");
		html_txt(b, words);
	}
	html_raw(b, "</title></use>");
	if (colour && s->extent < SMALL_EXTENT) {
		html_raw(b, "<circle class=\"marker\" r=\"4\" cx=\"");
		html_num(b, s->cx, 1);
		html_raw(b, "\" cy=\"");
		html_num(b, s->cy, 1);
		html_raw(b, "\" fill=\"");
		html_raw(b, colour);
		html_raw(b, "\"><title>");
		html_txt(b, c->name);
		html_raw(b, "</title></circle>");
	}
	html_raw(b, "</a>");
}

int page_map_loaded(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, load_world);
	return !world_error;
}

int page_map_ready(struct req *r)
{
	if (page_map_loaded())
		return 1;
	page_error(r, 503, "Map unavailable", "The map's country outlines are not installed on this "
		   "server (build with make to fetch them).");
	return 0;
}

/* A row of the table alternative: a state's name and its place in the countries. */
struct named {
	const char *name;
	size_t at;
};

static int by_name(const void *x, const void *y)
{
	return strcmp(((const struct named *)x)->name, ((const struct named *)y)->name);
}

/* What the map shows, as a table for the keyboard and screen readers:
 * every coloured state by name, with what its colour says. */
static void table_alternative(struct buf *b, const struct country *c, size_t n, const char *const *colours,
			      const char *const *words)
{
	struct named *rows = xcalloc(n + 1, sizeof *rows);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (colours[i])
			rows[k++] = (struct named){ c[i].name, i };
	qsort(rows, k, sizeof *rows, by_name);
	html_raw(b, "<details class=\"map-table\"><summary>The map as a table (");
	html_int(b, (long long)k);
	html_raw(b, " states and territories)</summary><table><thead><tr><th scope=\"col\">State or territory</th>"
		    "<th scope=\"col\">On the map</th></tr></thead><tbody>");
	for (size_t i = 0; i < k; i++) {
		html_raw(b, "<tr><th scope=\"row\">");
		page_link_state(b, c[rows[i].at].alpha3, rows[i].name);
		html_raw(b, "</th><td>");
		html_txt(b, words[rows[i].at]);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></details>");
	free(rows);
}

void page_map_figure(struct buf *b, struct req *r, const char *title, const char *const *colours,
		     const char *const *words, const struct buf *legend)
{
	size_t n = 0;
	const struct country *c = registry_countries(r->reg, &n);
	html_raw(b, "<figure class=\"map\"><svg role=\"group\" aria-labelledby=\"map-title\" viewBox=\"0 0 ");
	html_num(b, world.width, 0);
	html_raw(b, " ");
	html_num(b, world.height, 0);
	html_raw(b, "\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"map-title\">");
	html_txt(b, title);
	html_raw(b, "</title>");
	int *drawn = xcalloc(n + 1, sizeof *drawn);
	for (size_t i = 0; i < world.n; i++) {
		const struct country *k = by_numeric(c, n, world.shapes[i].numeric);
		if (k) {
			drawn[k - c] = 1;
			shape(b, &world.shapes[i], k, colours[k - c], words[k - c]);
		}
	}
	html_raw(b, "</svg><figcaption>");
	buf_append(b, legend->data, legend->len);
	html_raw(b, "</figcaption></figure>");
	int missing = 0;
	for (size_t i = 0; i < n; i++) {
		if (drawn[i] || !colours[i])
			continue;
		html_raw(b, missing++ ? ", " : "<p class=\"meta\">Too small for the map's outlines: ");
		page_link_state(b, c[i].alpha3, c[i].name);
	}
	if (missing)
		html_raw(b, ".</p>");
	free(drawn);
	table_alternative(b, c, n, colours, words);
}

static void legend(struct buf *b, int by_count, int max)
{
	html_raw(b, "<ul class=\"legend\">");
	for (int k = by_count ? 1 : 0; by_count ? k <= max : k < ROLE_COUNT; k++) {
		struct mark m = { by_count ? k : k + 1, NULL };
		html_raw(b, "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect width=\"14\" "
			    "height=\"14\" fill=\"");
		fill(b, &m, by_count, max);
		html_raw(b, "\"/></svg> ");
		if (by_count) {
			html_int(b, k);
			html_raw(b, k == 1 ? " process" : " processes");
		} else {
			html_txt(b, role_words[k]);
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect width=\"14\" height=\"14\" "
		    "fill=\"#e4e4e4\"/></svg> none</li></ul>");
}

/* The map and its legend for one process (slug) or for the counts, now
 * or as attested in year. */
static char *render(struct req *r, const char *slug, const char *title, int year)
{
	size_t n = 0;
	registry_countries(r->reg, &n);
	struct mark *marks = xcalloc(n + 1, sizeof *marks);
	const char **colours = xcalloc(n + 1, sizeof *colours), **words = xcalloc(n + 1, sizeof *words);
	char **counted = xcalloc(n + 1, sizeof *counted);
	int max;
	marks_for(registry_all(r->reg), slug, year, registry_countries(r->reg, &n), n, marks, &max);
	for (size_t i = 0; i < n; i++) {
		if (!marks[i].category)
			continue;
		colours[i] = slug ? role_colours[marks[i].category - 1] : ramp_colour(marks[i].category, max);
		if (slug)
			words[i] = marks[i].words;
		else
			words[i] = counted[i] = xasprintf("member of %d process%s", marks[i].category,
							 marks[i].category == 1 ? "" : "es");
	}
	struct buf b = { 0 }, key = { 0 };
	legend(&key, slug == NULL, max);
	page_map_figure(&b, r, title, colours, words, &key);
	buf_free(&key);
	for (size_t i = 0; i < n; i++)
		free(counted[i]);
	free(counted);
	free(colours);
	free(words);
	free(marks);
	return buf_release(&b, NULL);
}

static void chooser(struct buf *b, const struct process_list *all, const char *slug, int year)
{
	html_raw(b, "<form class=\"inline-form\" method=\"get\" action=\"/map\"><label for=\"map-process\">"
		    "Show</label><select id=\"map-process\" name=\"process\"><option value=\"\">how many "
		    "processes each state is a member of</option>");
	for (size_t i = 0; i < all->n; i++) {
		html_raw(b, "<option value=\"");
		html_attr(b, all->items[i].slug);
		html_raw(b, slug && strcmp(slug, all->items[i].slug) == 0 ? "\" selected>" : "\">");
		html_raw(b, "who takes part in ");
		html_txt(b, all->items[i].acronym);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
	page_year_input(b, "as of the year", year);
	html_raw(b, "<button type=\"submit\">Show</button></form>");
}

/* Where the map's facts come from: the process's sources, or a pointer to
 * each process's own. */
static void sources_line(struct buf *b, const struct process_list *all, const char *slug, int year)
{
	const struct process *p = NULL;
	for (size_t i = 0; slug && i < all->n && !p; i++)
		p = strcmp(all->items[i].slug, slug) == 0 ? &all->items[i] : NULL;
	html_raw(b, "<p class=\"meta\">");
	if (!p) {
		html_raw(b, year ? "Memberships a source attests in the year asked; " : "Current memberships, each process "
			     "as of its latest source; ");
		html_raw(b, "each process's page lists its sources.</p>");
		return;
	}
	html_raw(b, "Source: ");
	const char *seen[16];
	size_t nseen = 0;
	for (size_t i = 0; i < p->parts.n && nseen < 16; i++) {
		const struct provenance *pr = &p->parts.items[i].prov;
		size_t k = 0;
		while (k < nseen && strcmp(seen[k], pr->source) != 0)
			k++;
		if (k < nseen)
			continue;
		seen[nseen++] = pr->source;
		html_raw(b, nseen > 1 ? "; " : "");
		if (pr->url) {
			html_raw(b, "<a rel=\"noopener\" href=\"");
			html_attr(b, pr->url);
			html_raw(b, "\">");
		}
		html_txt(b, pr->source);
		html_raw(b, pr->url ? "</a>" : "");
		html_raw(b, ", as of ");
		html_txt(b, pr->as_of);
	}
	html_raw(b, " (<a href=\"/processes/");
	html_url_arg(b, p->slug);
	html_raw(b, "#participants\">every participant and its source</a>).</p>");
}

void page_map_shapes(struct req *r)
{
	if (!page_map_ready(r))
		return;
	const char *v = http_query(r, "v");
	r->immutable = v && strncmp(shapes_url + strlen("/map/shapes.svg?v="), v, 13) == 0;
	http_send_bytes(r, 200, "image/svg+xml", NULL, shapes_svg, shapes_len);
}

const char *const page_map_ramp[7] = { "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b" };

void page_map(struct req *r)
{
	if (!page_map_ready(r))
		return;
	const char *query = http_query(r, "process");
	const char *slug = query && *query ? registry_id(r->reg, REGISTRY_PROCESS, query) : NULL;
	if (query && *query && !slug) {
		page_not_found(r, "process", query, REGISTRY_PROCESS, "/map?process=");
		return;
	}
	int year;
	if (page_year_or_respond(r, &year))
		return;
	const struct process_list *all = registry_all(r->reg);
	long long version = registry_version(r->reg);
	char *key = xasprintf("map/%s@%d", slug ? slug : "", year);
	char *title = slug ? xasprintf("Who takes part in %s", page_process_acronym(r, slug))
			   : xstrdup("How many processes each state is a member of");
	if (year) {
		char *dated = xasprintf("%s, as of %d", title, year);
		free(title);
		title = dated;
	}
	const struct cache_entry *e = cache_get(r->cache, key, version);
	if (!e) {
		struct buf part = { 0 };
		char *map = render(r, slug, title, year);
		buf_append(&part, map, strlen(map));
		sources_line(&part, all, slug, year);
		free(map);
		size_t len;
		char *fragment = buf_release(&part, &len);
		e = cache_put(r->cache, key, version, fragment, len);
	}
	struct buf b = { 0 };
	page_begin(&b, r, "Map");
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1>");
	chooser(&b, all, slug, year);
	buf_append(&b, e->body, e->len);
	page_end(&b, r);
	page_send(r, 200, &b);
	free(key);
	free(title);
}
