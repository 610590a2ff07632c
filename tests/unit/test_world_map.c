/* test_world_map.c: the map's country shapes read from TopoJSON, and the files refused with where */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../io/world_map.h"

#define TRANSFORM "\"transform\":{\"scale\":[0.036,0.017],\"translate\":[-180,-90]},"

/* A topology of one geometry (its JSON) over the given arcs. */
static int read_map(const char *geometry, const char *arcs, const char *transform, struct world_map *m,
		    char **err)
{
	char file[2048];
	snprintf(file, sizeof file,
		 "{\"type\":\"Topology\",%s\"objects\":{\"countries\":{\"type\":\"GeometryCollection\","
		 "\"geometries\":[%s]}},\"arcs\":%s}",
		 transform, geometry, arcs);
	return world_map_read("test.json", file, strlen(file), 960, m, err);
}

static void a_country_is_read_and_antarctica_left_out(void **state)
{
	(void)state;
	struct world_map m;
	char *err = NULL;
	assert_int_equal(read_map("{\"type\":\"Polygon\",\"arcs\":[[0]],\"id\":\"554\"},"
				  "{\"type\":\"Polygon\",\"arcs\":[[-1]],\"id\":\"010\"}",
				  "[[[9000,3000],[100,0],[0,100],[-100,-100]]]", TRANSFORM, &m, &err), 0);
	assert_int_equal(m.n, 1);
	assert_string_equal(m.shapes[0].numeric, "554");
	assert_true(m.shapes[0].path[0] == 'M' && strchr(m.shapes[0].path, 'Z'));
	assert_true(m.shapes[0].cx > 0 && m.shapes[0].cx < 960);
	world_map_free(&m);
}

/* Each refusal names the file and the part at fault. */
static void malformed_files_are_refused_with_where(void **state)
{
	(void)state;
	const struct {
		const char *geometry, *arcs, *transform, *says;
	} cases[] = {
		{ "{\"type\":\"Polygon\",\"arcs\":[2],\"id\":\"554\"}", "[[[0,0],[1,1]]]", TRANSFORM,
		  "test.json: objects.countries.geometries[0]: not a polygon of known arcs" },
		{ "{\"type\":\"Polygon\",\"arcs\":[[]],\"id\":\"554\"}", "[[[0,0],[1,1]]]", TRANSFORM,
		  "geometries[0]: not a polygon" },
		{ "{\"type\":\"Polygon\",\"arcs\":[[0]],\"id\":\"554\"}", "[[]]", TRANSFORM,
		  "test.json: arcs[0]: needs two points at least" },
		{ "{\"type\":\"Polygon\",\"arcs\":[[0]],\"id\":\"554\"}", "[[[0,0],[9223372036854775807,1]]]", TRANSFORM,
		  "test.json: arcs[0][1]: must be two whole numbers within" },
		{ "{\"type\":\"Polygon\",\"arcs\":[[0]],\"id\":\"554\"}", "[[[0,0],[1,1]]]",
		  "\"transform\":{\"scale\":[1e300,0.017],\"translate\":[-180,-90]},", "test.json: transform: scale must be" },
		{ "{\"type\":\"Polygon\",\"arcs\":[[7]],\"id\":\"554\"}", "[[[0,0],[1,1]]]", TRANSFORM,
		  "geometries[0]: not a polygon of known arcs" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct world_map m;
		char *err = NULL;
		assert_int_equal(read_map(cases[i].geometry, cases[i].arcs, cases[i].transform, &m, &err), -1);
		if (!strstr(err, cases[i].says))
			fail_msg("case %zu: '%s' does not say '%s'", i, err, cases[i].says);
		assert_int_equal(m.n, 0);
		free(err);
	}
}

static void not_json_is_refused_with_its_line(void **state)
{
	(void)state;
	struct world_map m;
	char *err = NULL;
	assert_int_equal(world_map_read("shapes.json", "{\n\"arcs\": [", 11, 960, &m, &err), -1);
	assert_non_null(strstr(err, "shapes.json:2:"));
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_country_is_read_and_antarctica_left_out),
		cmocka_unit_test(malformed_files_are_refused_with_where),
		cmocka_unit_test(not_json_is_refused_with_its_line),
	};
	return cmocka_run_group_tests_name("world map", tests, NULL, NULL);
}
