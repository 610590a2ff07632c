/* csv_out.h: registry tables written as CSV (RFC 4180 quoting by libcsv) */
#ifndef RCPHUB_CSV_OUT_H
#define RCPHUB_CSV_OUT_H

#include "../core/account.h"
#include "../core/model.h"
#include "../core/plan_report.h"

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

#endif
