/* csv_out.c: registry tables written as CSV (RFC 4180 quoting by libcsv) */
#include "csv_out.h"

#include <csv.h>
#include <string.h>

static int field(FILE *out, const char *s, int first)
{
	if (!first && fputc(',', out) == EOF)
		return -1;
	return csv_fwrite(out, s, strlen(s));
}

int csv_write_matrix(FILE *out, const struct process_list *processes, const double *m)
{
	size_t n = processes->n;
	int rc = field(out, "process", 1);
	for (size_t j = 0; j < n && !rc; j++)
		rc = field(out, processes->items[j].slug, 0);
	if (!rc && fputs("\r\n", out) == EOF)
		rc = -1;
	for (size_t i = 0; i < n && !rc; i++) {
		rc = field(out, processes->items[i].slug, 1);
		for (size_t j = 0; j < n && !rc; j++)
			rc = fprintf(out, ",%.4f", m[i * n + j]) < 0 ? -1 : 0;
		if (!rc && fputs("\r\n", out) == EOF)
			rc = -1;
	}
	return rc || ferror(out) ? -1 : 0;
}
