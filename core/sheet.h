/* sheet.h: a table as people paste it into a report: a title, named columns, rows of text and numbers */
#ifndef RCPHUB_SHEET_H
#define RCPHUB_SHEET_H

#include <stddef.h>

/* One cell: text (owned), a number, or nothing. */
struct cell {
	char *text;  /* NULL for a number or an empty cell */
	double number;
	int is_number;
};

/* A table: its name (a worksheet's, at most 31 characters), what it
 * shows ("Bali Process: participants as of 2009"), its columns, and its
 * rows, each as many cells as there are columns, filled left to right. */
struct sheet {
	char *name, *title;
	char **columns;
	size_t ncols;
	struct cell *cells;  /* row-major */
	size_t ncells;
};

/* Starts a sheet with the columns given (a NULL-ended list of literals,
 * copied). The caller frees it with sheet_free. */
void sheet_init(struct sheet *s, const char *name, const char *title, const char *const *columns);
/* Adds the next cell: text (copied; NULL or "" leaves it empty), a number,
 * or a whole number that is left empty when 0 (a year not given). */
void sheet_text(struct sheet *s, const char *text);
void sheet_number(struct sheet *s, double v);
void sheet_year(struct sheet *s, int year);
/* How many whole rows the sheet holds, and the cell at (row, col). */
size_t sheet_rows(const struct sheet *s);
const struct cell *sheet_cell(const struct sheet *s, size_t row, size_t col);
void sheet_free(struct sheet *s);

#endif
