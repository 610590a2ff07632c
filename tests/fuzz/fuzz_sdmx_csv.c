/* fuzz_sdmx_csv.c: libFuzzer target for statistics files (SDMX-CSV 1.0 and 2.0, mapped CSV), their periods and flows */
#include "../../core/period.h"
#include "../../io/sdmx_csv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads every value the reader hands over, as the importer does. */
static int on_row(void *ctx, const struct sdmx_row *row)
{
	size_t *total = ctx;
	for (int k = 0; k < SDMX_ROLE_COUNT; k++)
		if (row->field[k])
			*total += strlen(row->field[k]);
	for (size_t i = 0; i < row->header->nother; i++)
		*total += strlen(row->other[i]);
	struct period p;
	char text[9], flow[64];
	if (row->field[SDMX_TIME_PERIOD] && period_parse(row->field[SDMX_TIME_PERIOD], &p) == 0) {
		period_format(&p, text);
		struct period back;
		if (period_parse(text, &back) || period_ordinal(&back) != period_ordinal(&p))
			abort();
	}
	if (row->field[SDMX_STRUCTURE_ID])
		sdmx_flow_id(row->field[SDMX_STRUCTURE_ID], flow, sizeof flow);
	return 0;
}

static int on_problem(void *ctx, long line, int column, const char *name, const char *message)
{
	(void)line, (void)column, (void)name;
	*(size_t *)ctx += strlen(message);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an input starting with "map:" carries a mapping on its first line */
	struct sdmx_mapping *map = NULL;
	size_t nmap = 0, total = 0;
	char *storage = NULL, *err = NULL;
	if (size > 4 && memcmp(data, "map:", 4) == 0) {
		const uint8_t *nl = memchr(data, '\n', size);
		size_t len = nl ? (size_t)(nl - data) : size;
		char *line = strndup((const char *)data + 4, len - 4);
		if (sdmx_mappings_parse(line, &map, &nmap, &storage, &err))
			free(err), err = NULL;
		free(line);
		data += len;
		size -= len;
	}
	FILE *in = size ? fmemopen((void *)data, size, "r") : NULL;
	if (in) {
		if (sdmx_csv_read(in, map, nmap, on_row, on_problem, NULL, &total, &err) < 0)
			free(err);
		fclose(in);
	}
	free(map);
	free(storage);
	return 0;
}
