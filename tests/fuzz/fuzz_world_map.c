/* fuzz_world_map.c: libFuzzer target for the map's country shapes (world-atlas TopoJSON) */
#include "../../io/world_map.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct world_map m;
	char *err = NULL;
	if (world_map_read("fuzz.json", (const char *)data, size, 960, &m, &err) == 0) {
		/* every shape has a three-digit code, an outline of moves and
		 * lines, and a marker point that is a finite number */
		for (size_t i = 0; i < m.n; i++) {
			const struct map_shape *s = &m.shapes[i];
			if (strlen(s->numeric) != 3 || !s->path || (s->path[0] && s->path[0] != 'M') ||
			    !isfinite(s->cx) || !isfinite(s->cy))
				abort();
		}
		world_map_free(&m);
	} else if (!err || strncmp(err, "fuzz.json", 9) != 0) {
		abort();
	}
	free(err);
	return 0;
}
