/* xlsx_out.h: a sheet written as an Excel workbook (libxlsxwriter) */
#ifndef RCPHUB_XLSX_OUT_H
#define RCPHUB_XLSX_OUT_H

#include "../core/sheet.h"

#include <stddef.h>

/* The workbook holding sh: its title and citation in the first rows,
 * then the header (bold, frozen, filtered) and the rows, numbers as
 * numbers; text kept as text, never read as a formula. *data (caller
 * frees) and *len; 0, or -1 with *err (caller frees). The workbook is
 * made in a private temporary file, removed before returning. */
int xlsx_sheet(const struct sheet *sh, const char *citation, void **data, size_t *len, char **err);

#endif
