/* sheet.c: a table as people paste it into a report: a title, named columns, rows of text and numbers */
#include "sheet.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

void sheet_init(struct sheet *s, const char *name, const char *title, const char *const *columns)
{
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	s->title = xstrdup(title);
	while (columns[s->ncols])
		s->ncols++;
	s->columns = xcalloc(s->ncols, sizeof *s->columns);
	for (size_t i = 0; i < s->ncols; i++)
		s->columns[i] = xstrdup(columns[i]);
}

static struct cell *next_cell(struct sheet *s)
{
	s->cells = xrealloc(s->cells, (s->ncells + 1) * sizeof *s->cells);
	struct cell *c = &s->cells[s->ncells++];
	memset(c, 0, sizeof *c);
	return c;
}

void sheet_text(struct sheet *s, const char *text)
{
	struct cell *c = next_cell(s);
	if (text && *text)
		c->text = xstrdup(text);
}

void sheet_number(struct sheet *s, double v)
{
	struct cell *c = next_cell(s);
	c->number = v;
	c->is_number = 1;
}

void sheet_year(struct sheet *s, int year)
{
	if (year)
		sheet_number(s, year);
	else
		next_cell(s);
}

size_t sheet_rows(const struct sheet *s)
{
	return s->ncols ? s->ncells / s->ncols : 0;
}

const struct cell *sheet_cell(const struct sheet *s, size_t row, size_t col)
{
	return &s->cells[row * s->ncols + col];
}

void sheet_free(struct sheet *s)
{
	for (size_t i = 0; i < s->ncols; i++)
		free(s->columns[i]);
	for (size_t i = 0; i < s->ncells; i++)
		free(s->cells[i].text);
	free(s->columns);
	free(s->cells);
	free(s->name);
	free(s->title);
	memset(s, 0, sizeof *s);
}
