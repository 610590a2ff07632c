/* xlsx_out.c: a sheet written as an Excel workbook (libxlsxwriter) */
#include "xlsx_out.h"
#include "file.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* Column widths: the longest text of each column, within reason. */
static void fit_columns(lxw_worksheet *ws, const struct sheet *sh)
{
	for (size_t c = 0; c < sh->ncols; c++) {
		size_t w = strlen(sh->columns[c]);
		for (size_t r = 0; r < sheet_rows(sh); r++) {
			const struct cell *cell = sheet_cell(sh, r, c);
			size_t n = cell->text ? strlen(cell->text) : 6;
			w = n > w ? n : w;
		}
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w > 60 ? 60 : (double)w + 2, NULL);
	}
}

/* Writes sh into the workbook at path; 0 or the library's error. */
static lxw_error write_workbook(const char *path, const struct sheet *sh, const char *citation)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return LXW_ERROR_CREATING_TMPFILE;
	lxw_worksheet *ws = workbook_add_worksheet(wb, sh->name);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *small = workbook_add_format(wb);
	format_set_italic(small);
	worksheet_write_string(ws, 0, 0, sh->title, bold);
	worksheet_write_string(ws, 1, 0, citation, small);
	const lxw_row_t head = 3;
	for (size_t c = 0; c < sh->ncols; c++)
		worksheet_write_string(ws, head, (lxw_col_t)c, sh->columns[c], bold);
	for (size_t r = 0; r < sheet_rows(sh); r++) {
		for (size_t c = 0; c < sh->ncols; c++) {
			const struct cell *cell = sheet_cell(sh, r, c);
			lxw_row_t row = head + 1 + (lxw_row_t)r;
			if (cell->is_number)
				worksheet_write_number(ws, row, (lxw_col_t)c, cell->number, NULL);
			else if (cell->text)
				worksheet_write_string(ws, row, (lxw_col_t)c, cell->text, NULL);
		}
	}
	if (sh->ncols) {
		worksheet_freeze_panes(ws, head + 1, 0);
		worksheet_autofilter(ws, head, 0, head + (lxw_row_t)sheet_rows(sh), (lxw_col_t)(sh->ncols - 1));
	}
	fit_columns(ws, sh);
	return workbook_close(wb);
}

int xlsx_sheet(const struct sheet *sh, const char *citation, void **data, size_t *len, char **err)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/rcphub-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		*err = xasprintf("making a workbook in %s: no temporary file", path);
		free(path);
		return -1;
	}
	close(fd);
	lxw_error e = write_workbook(path, sh, citation);
	int rc = 0;
	if (e) {
		*err = xasprintf("making a workbook: %s", lxw_strerror(e));
		rc = -1;
	} else if (!(*data = file_read(path, 64 * 1024 * 1024, len, err))) {
		rc = -1;
	}
	unlink(path);
	free(path);
	return rc;
}
