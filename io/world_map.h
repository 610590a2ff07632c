/* world_map.h: country shapes from Natural Earth TopoJSON (world-atlas), projected for SVG */
#ifndef RCPHUB_WORLD_MAP_H
#define RCPHUB_WORLD_MAP_H

#include <stddef.h>

/* One country or territory: its ISO 3166-1 numeric code, its outline as
 * SVG path data in map pixels, and a point inside it for a marker. */
struct map_shape {
	char numeric[4];
	char *path;
	double cx, cy;
	double extent;  /* width + height of its bounding box, in pixels */
};

struct world_map {
	struct map_shape *shapes;
	size_t n;
	double width, height;
};

/* Reads a world-atlas countries file (TopoJSON) and projects it
 * (equirectangular, latitudes 58 S to 84 N; Antarctica left out) onto a
 * map width pixels wide, in whole pixels, dropping points within a pixel
 * of the last.
 * Returns 0, or -1 with *err (caller frees) naming the file and field. */
int world_map_load(const char *file, double width, struct world_map *out, char **err);
/* The same from len bytes of TopoJSON in memory; name is for messages. */
int world_map_read(const char *name, const char *data, size_t len, double width, struct world_map *out, char **err);
void world_map_free(struct world_map *m);

#endif
