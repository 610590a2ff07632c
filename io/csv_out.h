/* csv_out.h: registry tables written as CSV (RFC 4180 quoting by libcsv) */
#ifndef RCPHUB_CSV_OUT_H
#define RCPHUB_CSV_OUT_H

#include "../core/model.h"

#include <stdio.h>

/* Writes the n x n matrix m (row-major, n = processes->n) with a header
 * row and a first column of process slugs. Returns 0, or -1 on a write
 * error. */
int csv_write_matrix(FILE *out, const struct process_list *processes, const double *m);

#endif
