/* world_map.c: country shapes from Natural Earth TopoJSON (world-atlas), projected for SVG */
#include "world_map.h"
#include "file.h"
#include "html.h"
#include "../core/xalloc.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAT_TOP 84.0
#define LAT_BOTTOM -58.0
#define MIN_STEP 1.0
/* The largest map file read (world-atlas's 50m countries file is 740 KiB). */
#define MAP_FILE_MAX (64 * 1024 * 1024)
/* The largest move from one point of an arc to the next, in quantised
 * units (world-atlas quantises to 10^5 at most); more is refused, so
 * that sums cannot overflow. */
#define MAX_STEP 1000000000

/* The arcs decoded into map pixels. */
struct arcs {
	double **xy;  /* xy[i]: 2 * len[i] numbers */
	size_t *len;
	size_t n;
};

struct projection {
	double scale[2], translate[2];
	double width, height;
};

static void project(const struct projection *p, long long qx, long long qy, double *x, double *y)
{
	double lon = qx * p->scale[0] + p->translate[0], lat = qy * p->scale[1] + p->translate[1];
	if (lat > LAT_TOP)
		lat = LAT_TOP;
	if (lat < LAT_BOTTOM)
		lat = LAT_BOTTOM;
	*x = (lon + 180.0) / 360.0 * p->width;
	*y = (LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM) * p->height;
}

/* Whether v is a whole number within MAX_STEP either way. */
static int is_step(json_t *v)
{
	return json_is_integer(v) && json_integer_value(v) >= -MAX_STEP && json_integer_value(v) <= MAX_STEP;
}

/* Decodes the quantised, delta-encoded arcs. */
static int decode_arcs(json_t *arcs, const struct projection *p, struct arcs *out, char **err)
{
	size_t n = json_array_size(arcs);
	out->xy = xcalloc(n + 1, sizeof *out->xy);
	out->len = xcalloc(n + 1, sizeof *out->len);
	out->n = n;
	for (size_t i = 0; i < n; i++) {
		json_t *arc = json_array_get(arcs, i);
		size_t m = json_array_size(arc);
		out->xy[i] = xmalloc((2 * m + 1) * sizeof **out->xy);
		out->len[i] = m;
		if (m < 2) {
			*err = xasprintf("arcs[%zu]: needs two points at least", i);
			return -1;
		}
		long long qx = 0, qy = 0;
		for (size_t j = 0; j < m; j++) {
			json_t *pt = json_array_get(arc, j);
			json_t *dx = json_array_get(pt, 0), *dy = json_array_get(pt, 1);
			if (!is_step(dx) || !is_step(dy)) {
				*err = xasprintf("arcs[%zu][%zu]: must be two whole numbers within %d of the last",
						 i, j, MAX_STEP);
				return -1;
			}
			qx += json_integer_value(dx);
			qy += json_integer_value(dy);
			project(p, qx, qy, &out->xy[i][2 * j], &out->xy[i][2 * j + 1]);
		}
	}
	return 0;
}

static void free_arcs(struct arcs *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->xy[i]);
	free(a->xy);
	free(a->len);
}

/* Box of the points written so far for one shape. */
struct box {
	double x0, y0, x1, y1;
	int empty;
};

static void grow(struct box *b, double x, double y)
{
	if (b->empty || x < b->x0)
		b->x0 = x;
	if (b->empty || x > b->x1)
		b->x1 = x;
	if (b->empty || y < b->y0)
		b->y0 = y;
	if (b->empty || y > b->y1)
		b->y1 = y;
	b->empty = 0;
}

/* Points of one ring, with x unwrapped across the antimeridian. */
struct ring_points {
	double *xy;
	size_t n, cap;
};

static void push_point(struct ring_points *r, double x, double y)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->xy = xrealloc(r->xy, 2 * r->cap * sizeof *r->xy);
	}
	r->xy[2 * r->n] = x;
	r->xy[2 * r->n + 1] = y;
	r->n++;
}

/* Collects a ring (a list of one or more arc indices; ~i is arc i reversed), dropping
 * points within MIN_STEP of the last. Where the ring crosses the
 * antimeridian its x would jump by the map's width; it is shifted back,
 * so the ring stays whole and may stand out past either edge. */
static int collect(const struct arcs *a, json_t *indices, double width, struct ring_points *out)
{
	double shift = 0, lx = 0, ly = 0;
	size_t n = json_array_size(indices);
	if (!json_is_array(indices) || n == 0)
		return -1;
	for (size_t k = 0; k < n; k++) {
		json_t *v = json_array_get(indices, k);
		if (!json_is_integer(v))
			return -1;
		long idx = (long)json_integer_value(v);
		int reversed = idx < 0;
		size_t arc = (size_t)(reversed ? ~idx : idx);
		if (arc >= a->n)
			return -1;
		size_t m = a->len[arc];
		for (size_t j = k ? 1 : 0; j < m; j++) {
			size_t at = reversed ? m - 1 - j : j;
			double x = a->xy[arc][2 * at] + shift, y = a->xy[arc][2 * at + 1];
			if (out->n && x - lx > width / 2)
				shift -= width, x -= width;
			else if (out->n && lx - x > width / 2)
				shift += width, x += width;
			int last = k == n - 1 && j == m - 1;
			if (out->n && !last && fabs(x - lx) < MIN_STEP && fabs(y - ly) < MIN_STEP)
				continue;
			push_point(out, x, y);
			lx = x;
			ly = y;
		}
	}
	return out->n ? 0 : -1;
}

static void write_ring(struct buf *path, const struct ring_points *r, double dx)
{
	for (size_t i = 0; i < r->n; i++) {
		html_raw(path, i ? "L" : "M");
		html_num(path, r->xy[2 * i] + dx, 0);
		html_raw(path, " ");
		html_num(path, r->xy[2 * i + 1], 0);
	}
	html_raw(path, "Z");
}

/* Writes one ring as "M..Z"; a ring standing out past an edge is written
 * again a map's width over, so that its other part shows at the other
 * edge (the SVG's viewport clips both). */
static int ring(struct buf *path, const struct arcs *a, json_t *indices, double width,
		struct box *box, struct box *ring_box)
{
	struct ring_points r = { 0 };
	if (collect(a, indices, width, &r)) {
		free(r.xy);
		return -1;
	}
	double x0 = 0, x1 = 0;
	for (size_t i = 0; i < r.n; i++) {
		double x = r.xy[2 * i], y = r.xy[2 * i + 1];
		x0 = i && x0 < x ? x0 : x;
		x1 = i && x1 > x ? x1 : x;
		grow(box, x < 0 ? x + width : x > width ? x - width : x, y);
		grow(ring_box, x, y);
	}
	write_ring(path, &r, 0);
	if (r.n && x1 > width)
		write_ring(path, &r, -width);
	if (r.n && x0 < 0)
		write_ring(path, &r, width);
	free(r.xy);
	return 0;
}

/* The polygons of a geometry: one (Polygon) or many (MultiPolygon). */
static int shape(const struct arcs *a, json_t *geometry, double width, struct map_shape *out)
{
	const char *type = json_string_value(json_object_get(geometry, "type"));
	json_t *arcs = json_object_get(geometry, "arcs");
	int multi = type && strcmp(type, "MultiPolygon") == 0;
	if (!type || (!multi && strcmp(type, "Polygon") != 0) || !json_is_array(arcs))
		return -1;
	struct buf path = { 0 };
	struct box all = { .empty = 1 }, biggest = { .empty = 1 };
	for (size_t i = 0; i < (multi ? json_array_size(arcs) : 1); i++) {
		json_t *polygon = multi ? json_array_get(arcs, i) : arcs;
		for (size_t j = 0; j < json_array_size(polygon); j++) {
			struct box rb = { .empty = 1 };
			if (ring(&path, a, json_array_get(polygon, j), width, &all, &rb)) {
				buf_free(&path);
				return -1;
			}
			if (j == 0 && (biggest.empty || (rb.x1 - rb.x0) * (rb.y1 - rb.y0) >
						       (biggest.x1 - biggest.x0) * (biggest.y1 - biggest.y0)))
				biggest = rb;
		}
	}
	out->path = buf_release(&path, NULL);
	out->cx = (biggest.x0 + biggest.x1) / 2;
	out->cy = (biggest.y0 + biggest.y1) / 2;
	out->extent = (all.x1 - all.x0) + (all.y1 - all.y0);
	return 0;
}

static int read_projection(json_t *root, double width, struct projection *p, char **err)
{
	json_t *t = json_object_get(root, "transform");
	json_t *s = json_object_get(t, "scale"), *tr = json_object_get(t, "translate");
	if (!json_is_number(json_array_get(s, 0)) || !json_is_number(json_array_get(s, 1)) ||
	    !json_is_number(json_array_get(tr, 0)) || !json_is_number(json_array_get(tr, 1))) {
		*err = xstrdup("transform: needs scale and translate (a quantised TopoJSON file)");
		return -1;
	}
	p->scale[0] = json_number_value(json_array_get(s, 0));
	p->scale[1] = json_number_value(json_array_get(s, 1));
	p->translate[0] = json_number_value(json_array_get(tr, 0));
	p->translate[1] = json_number_value(json_array_get(tr, 1));
	/* degrees: a step of at most a turn, a start within a turn of 0 */
	for (int i = 0; i < 2; i++) {
		if (!(p->scale[i] > 0 && p->scale[i] <= 360 && fabs(p->translate[i]) <= 360)) {
			*err = xstrdup("transform: scale must be over 0 and at most 360, translate within 360 of 0");
			return -1;
		}
	}
	p->width = width;
	p->height = width * (LAT_TOP - LAT_BOTTOM) / 360.0;
	return 0;
}

static int load_shapes(json_t *root, const struct arcs *a, double width, struct world_map *out,
		       char **err)
{
	json_t *geometries = json_object_get(json_object_get(json_object_get(root, "objects"), "countries"),
					     "geometries");
	if (!json_is_array(geometries)) {
		*err = xstrdup("objects.countries.geometries: missing");
		return -1;
	}
	out->shapes = xcalloc(json_array_size(geometries) + 1, sizeof *out->shapes);
	for (size_t i = 0; i < json_array_size(geometries); i++) {
		json_t *g = json_array_get(geometries, i);
		const char *id = json_string_value(json_object_get(g, "id"));
		if (!id || strlen(id) != 3 || strcmp(id, "010") == 0)
			continue;  /* no ISO code, or Antarctica */
		struct map_shape *s = &out->shapes[out->n];
		if (shape(a, g, width, s)) {
			*err = xasprintf("objects.countries.geometries[%zu]: not a polygon of known arcs", i);
			return -1;
		}
		memcpy(s->numeric, id, 4);
		out->n++;
	}
	return 0;
}

/* Projects the parsed TopoJSON root into *out; name is for messages.
 * Takes the reference to root. */
static int map_from_json(json_t *root, const char *name, double width, struct world_map *out, char **err)
{
	struct projection p;
	struct arcs a = { 0 };
	char *why = NULL;
	int rc = read_projection(root, width, &p, &why) || decode_arcs(json_object_get(root, "arcs"), &p, &a, &why) ||
		 load_shapes(root, &a, p.width, out, &why) ? -1 : 0;
	if (rc) {
		*err = xasprintf("%s: %s", name, why);
		free(why);
		world_map_free(out);
	} else {
		out->width = p.width;
		out->height = p.height;
	}
	free_arcs(&a);
	json_decref(root);
	return rc;
}

int world_map_read(const char *name, const char *data, size_t len, double width, struct world_map *out, char **err)
{
	memset(out, 0, sizeof *out);
	json_error_t je;
	json_t *root = json_loadb(data, len, 0, &je);
	if (!root) {
		*err = xasprintf("%s:%d: %s", name, je.line, je.text);
		return -1;
	}
	return map_from_json(root, name, width, out, err);
}

int world_map_load(const char *file, double width, struct world_map *out, char **err)
{
	memset(out, 0, sizeof *out);
	size_t len;
	char *data = file_read(file, MAP_FILE_MAX, &len, err);
	if (!data)
		return -1;
	int rc = world_map_read(file, data, len, width, out, err);
	free(data);
	return rc;
}

void world_map_free(struct world_map *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->shapes[i].path);
	free(m->shapes);
	memset(m, 0, sizeof *m);
}
