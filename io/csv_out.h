/* csv_out.h: registry tables written as CSV (RFC 4180 quoting by libcsv) */
#ifndef RCPHUB_CSV_OUT_H
#define RCPHUB_CSV_OUT_H

#include "../core/account.h"
#include "../core/model.h"
#include "../core/plan_report.h"
#include "../core/sheet.h"
#include "../core/stats.h"

#include <stdio.h>

/* Writes the n x n matrix m (row-major, n = processes->n) with a header
 * row and a first column of process slugs. Returns 0, or -1 on a write
 * error. */
int csv_write_matrix(FILE *out, const struct process_list *processes, const double *m);

/* Writes audit entries with a header row; times as ISO 8601 UTC. Cells
 * that a spreadsheet would read as a formula are prefixed with "'".
 * Returns 0, or -1 on a write error. */
int csv_write_audit(FILE *out, const struct audit_list *l);

/* Writes focal points with a header row (process, party, name, position, title,
 * ministry, email, phone, languages, verified); cells that a spreadsheet
 * would read as a formula are prefixed with "'". Returns 0, or -1 on a
 * write error. */
int csv_write_focal_points(FILE *out, const struct focal_point_list *l);

/* Writes a plan's follow-up report, a row per commitment: item, due,
 * owner, status, date of the latest report, overdue. Returns 0, or -1 on a
 * write error. */
int csv_write_plan_report(FILE *out, const struct plan_report *r);

/* Writes a sheet: a header row of its columns, then its rows; numbers
 * as the shortest text that reads back the same, and cells that a
 * spreadsheet would read as a formula prefixed with "'". Returns 0, or -1
 * on a write error. */
int csv_write_sheet(FILE *out, const struct sheet *sh);

/* Observations written as SDMX-CSV 2.0 (sdmx set; labels: "ID: Label"
 * where rcphub has a label) or as plain CSV with the same column names
 * (no STRUCTURE columns; an INDICATOR column instead). The columns are
 * fixed by the header: the union of the indicators' dimensions. Each
 * returns 0 or -1. */
struct stats_csv {
	FILE *out;
	int sdmx;
	int labels;
	const struct country *countries;  /* by alpha-3, for labels */
	size_t ncountries;
	struct strlist dims;              /* filled by the header */
};
int csv_write_stats_header(struct stats_csv *w, const struct indicator *inds, size_t n);
int csv_write_stats_row(struct stats_csv *w, const struct indicator *ind, const struct observation *o);
void csv_stats_free(struct stats_csv *w);
/* The same as a statistics export's sink (ctx is the struct stats_csv). */
int csv_stats_begin(void *ctx, const struct indicator *inds, size_t n);
int csv_stats_row(void *ctx, const struct indicator *ind, const struct observation *o);

#endif
