/* sdmx_csv.c: reading statistics files row by row: SDMX-CSV 1.0 and 2.0 (labels id or both) and plain CSV with a column mapping */
#include "sdmx_csv.h"
#include "../core/buf.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A row may not grow past this (so that a stray quote cannot make the
 * reader hold the whole file). */
#define MAX_ROW_BYTES (1024 * 1024)
#define PROGRESS_EVERY (1024 * 1024)

static const char *const role_names[SDMX_ROLE_COUNT] = {
	[SDMX_STRUCTURE] = "STRUCTURE", [SDMX_STRUCTURE_ID] = "STRUCTURE_ID", [SDMX_ACTION] = "ACTION",
	[SDMX_DATAFLOW] = "DATAFLOW", [SDMX_INDICATOR] = "INDICATOR", [SDMX_REF_AREA] = "REF_AREA",
	[SDMX_FREQ] = "FREQ", [SDMX_TIME_PERIOD] = "TIME_PERIOD", [SDMX_OBS_VALUE] = "OBS_VALUE",
	[SDMX_OBS_STATUS] = "OBS_STATUS", [SDMX_UNIT_MEASURE] = "UNIT_MEASURE", [SDMX_UNIT_MULT] = "UNIT_MULT",
	[SDMX_COMMENT] = "COMMENT",
};

/* Roles whose values are codes, which a labels=both file writes as
 * "CODE: Label". */
static int coded(int role)
{
	return role != SDMX_STRUCTURE && role != SDMX_ACTION && role != SDMX_TIME_PERIOD &&
	       role != SDMX_OBS_VALUE && role != SDMX_COMMENT;
}

struct reader {
	const struct sdmx_mapping *map;
	size_t nmap;
	sdmx_row_fn row_fn;
	sdmx_problem_fn problem_fn;
	void *ctx;
	long line;       /* the line being read */
	long row_line;   /* the line the current row began on */
	int stopped;
	int header_done;
	char *header_err;
	struct sdmx_header header;
	int *role_of;          /* per column: its role, SDMX_ROLE_COUNT + i for other i, -1 dropped */
	struct buf fields;     /* this row's fields, each NUL-terminated */
	size_t *offsets;
	size_t nfields, cap;
	size_t row_bytes;
	int too_long;
	const char **other_values;
};

static void add_field(struct reader *r, const char *s, size_t len)
{
	if (r->nfields == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->offsets = xrealloc(r->offsets, r->cap * sizeof *r->offsets);
	}
	r->offsets[r->nfields++] = r->fields.len;
	buf_append(&r->fields, s ? s : "", len);
	buf_append(&r->fields, "", 1);
}

static const char *field_at(const struct reader *r, size_t i)
{
	return r->fields.data + r->offsets[i];
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	r->row_bytes += len;
	if (r->row_bytes > MAX_ROW_BYTES) {
		r->too_long = 1;
		return;
	}
	add_field(r, s, len);
}

static int problem(struct reader *r, int column, const char *message)
{
	const char *name = NULL;
	if (column > 0 && r->header_done && (size_t)column <= r->header.ncolumns) {
		int role = r->role_of[column - 1];
		name = role < 0 ? NULL
		       : role < SDMX_ROLE_COUNT ? role_names[role]
		       : r->header.other_names[role - SDMX_ROLE_COUNT];
	}
	if (r->problem_fn(r->ctx, r->row_line, column, name, message) < 0)
		r->stopped = 1;
	return -1;
}

/* The name without a label ("REF_AREA: Reference area" -> "REF_AREA"),
 * trimmed, into a new string; *labelled set when there was one. */
static char *header_name(const char *s, int *labelled)
{
	const char *colon = strchr(s, ':');
	size_t len = colon ? (size_t)(colon - s) : strlen(s);
	while (len && s[len - 1] == ' ')
		len--;
	while (len && *s == ' ')
		s++, len--;
	if (colon)
		*labelled = 1;
	return xasprintf("%.*s", (int)len, s);
}

static const char *mapped(const struct reader *r, const char *name)
{
	for (size_t i = 0; i < r->nmap; i++)
		if (strcasecmp(r->map[i].from, name) == 0)
			return r->map[i].to;
	return name;
}

static int role_named(const char *name)
{
	for (int k = 0; k < SDMX_ROLE_COUNT; k++)
		if (strcasecmp(role_names[k], name) == 0)
			return k;
	return -1;
}

static int header_fail(struct reader *r, char *message)
{
	r->header_err = message;
	r->stopped = 1;
	return -1;
}

/* Takes the first row as the header. */
static int read_header(struct reader *r)
{
	struct sdmx_header *h = &r->header;
	h->ncolumns = r->nfields;
	r->role_of = xcalloc(r->nfields ? r->nfields : 1, sizeof *r->role_of);
	for (size_t i = 0; i < r->nfields; i++) {
		const char *raw = field_at(r, i);
		if (i == 0 && strncmp(raw, "\xef\xbb\xbf", 3) == 0)
			raw += 3;
		if (!text_is_utf8(raw))
			return header_fail(r, xasprintf("header, column %zu: not valid UTF-8", i + 1));
		char *name = header_name(raw, &h->labels);
		const char *as = mapped(r, name);
		int role = *as ? role_named(as) : -1;
		char *problem = NULL;
		if (!*as)
			r->role_of[i] = -1;
		else if (role >= 0 && h->column[role])
			problem = xasprintf("header, column %zu: %s appears twice", i + 1, as);
		else if (role >= 0)
			h->column[role] = (int)i + 1, r->role_of[i] = role;
		else if (!*name)
			problem = xasprintf("header, column %zu: has no name", i + 1);
		else {
			h->other_names = xrealloc(h->other_names, (h->nother + 1) * sizeof *h->other_names);
			h->other_columns = xrealloc(h->other_columns, (h->nother + 1) * sizeof *h->other_columns);
			h->other_names[h->nother] = xstrdup(as);
			h->other_columns[h->nother] = (int)i + 1;
			r->role_of[i] = SDMX_ROLE_COUNT + (int)h->nother++;
		}
		free(name);
		if (problem)
			return header_fail(r, problem);
	}
	h->format = h->column[SDMX_DATAFLOW] == 1 ? SDMX_CSV_1
		    : h->column[SDMX_STRUCTURE] == 1 ? SDMX_CSV_2 : SDMX_PLAIN;
	if (h->format == SDMX_CSV_2 && !h->column[SDMX_STRUCTURE_ID])
		return header_fail(r, xstrdup("header: an SDMX-CSV 2.0 file needs a STRUCTURE_ID column"));
	static const int needed[] = { SDMX_REF_AREA, SDMX_TIME_PERIOD, SDMX_OBS_VALUE };
	for (size_t k = 0; k < sizeof needed / sizeof needed[0]; k++)
		if (!h->column[needed[k]])
			return header_fail(r, xasprintf("header: no %s column", role_names[needed[k]]));
	r->other_values = xcalloc(h->nother ? h->nother : 1, sizeof *r->other_values);
	r->header_done = 1;
	return 0;
}

/* value without its label, cut in place: "FR: France" -> "FR". */
static void cut_label(char *value)
{
	char *sep = strstr(value, ": ");
	if (sep)
		*sep = '\0';
}

/* Hands a complete data row to the caller, or its problem. */
static void deliver(struct reader *r)
{
	const struct sdmx_header *h = &r->header;
	if (r->nfields != h->ncolumns) {
		char *m = xasprintf("%zu fields where the header has %zu", r->nfields, h->ncolumns);
		problem(r, 0, m);
		free(m);
		return;
	}
	struct sdmx_row row = { .line = r->row_line, .header = h, .other = r->other_values };
	for (size_t i = 0; i < r->nfields; i++) {
		char *value = r->fields.data + r->offsets[i];
		size_t len = (i + 1 < r->nfields ? r->offsets[i + 1] : r->fields.len) - r->offsets[i] - 1;
		if (strlen(value) != len || !text_is_utf8(value)) {
			problem(r, (int)i + 1, "not valid UTF-8 text");
			return;
		}
		int role = r->role_of[i];
		if (role >= 0 && h->labels && (role >= SDMX_ROLE_COUNT || coded(role)))
			cut_label(value);
		if (role >= SDMX_ROLE_COUNT)
			r->other_values[role - SDMX_ROLE_COUNT] = value;
		else if (role >= 0)
			row.field[role] = value;
	}
	if (r->row_fn(r->ctx, &row) < 0)
		r->stopped = 1;
}

static void on_row(int c, void *data)
{
	(void)c;
	struct reader *r = data;
	if (r->stopped)
		goto next;
	if (r->too_long)
		problem(r, 0, "the row is longer than 1 MiB (is a quote left open?)"), r->stopped = 1;
	else if (!r->header_done)
		read_header(r);
	else
		deliver(r);
next:
	r->row_line = r->line + 1;
	r->nfields = 0;
	r->fields.len = 0;
	r->row_bytes = 0;
	r->too_long = 0;
}

int sdmx_mappings_parse(const char *text, struct sdmx_mapping **out, size_t *n, char **storage, char **err)
{
	char *rest = *storage = xstrdup(text ? text : ""), *item;
	*out = NULL;
	*n = 0;
	while ((item = strsep(&rest, ","))) {
		if (!*item)
			continue;
		char *eq = strchr(item, '=');
		if (!eq) {
			*err = xasprintf("\"%s\": give COLUMN=ROLE (ROLE empty to leave the column out)", item);
			free(*out);
			*out = NULL;
			*n = 0;
			return -1;
		}
		*eq = '\0';
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		(*out)[(*n)++] = (struct sdmx_mapping){ .from = item, .to = eq + 1 };
	}
	return 0;
}

void sdmx_flow_id(const char *ref, char *out, size_t n)
{
	const char *start = strchr(ref, ':');
	start = start ? start + 1 : ref;
	const char *end = strchr(start, '(');
	size_t len = end ? (size_t)(end - start) : strlen(start);
	if (end && !strchr(end, ')'))
		len = 0;
	if (len >= n)
		len = 0;
	memcpy(out, start, len);
	out[len] = '\0';
}

static void reader_free(struct reader *r)
{
	struct sdmx_header *h = &r->header;
	for (size_t i = 0; i < h->nother; i++)
		free(h->other_names[i]);
	free(h->other_names);
	free(h->other_columns);
	free(r->role_of);
	free(r->other_values);
	free(r->offsets);
	buf_free(&r->fields);
}

int sdmx_csv_read(FILE *in, const struct sdmx_mapping *map, size_t nmap, sdmx_row_fn row,
		  sdmx_problem_fn problem_fn, void (*progress_fn)(void *ctx, long long bytes), void *ctx,
		  char **err)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		*err = xstrdup("cannot start the CSV reader");
		return -1;
	}
	struct reader r = { .map = map, .nmap = nmap, .row_fn = row, .problem_fn = problem_fn, .ctx = ctx,
			    .row_line = 1 };
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long long bytes = 0, reported = 0;
	while (!r.stopped && (len = getline(&line, &cap, in)) > 0) {
		r.line++;
		bytes += len;
		if (csv_parse(&p, line, (size_t)len, on_field, on_row, &r) != (size_t)len && !r.stopped) {
			problem(&r, (int)r.nfields + 1, "a quote inside a field that is not quoted, or text after a closing quote");
			r.stopped = 1;
		}
		if (progress_fn && bytes - reported >= PROGRESS_EVERY)
			progress_fn(ctx, reported = bytes);
	}
	if (!r.stopped && csv_fini(&p, on_field, on_row, &r) != 0 && !r.stopped) {
		problem(&r, (int)r.nfields + 1, "a quoted field is not closed");
		r.stopped = 1;
	}
	int rc = ferror(in) ? -1 : r.header_err ? -1 : r.stopped ? 1 : 0;
	if (ferror(in))
		*err = xstrdup("reading the file failed");
	else if (r.header_err)
		*err = r.header_err, r.header_err = NULL;
	else if (!r.header_done)
		*err = xstrdup("the file is empty: no header"), rc = -1;
	if (progress_fn)
		progress_fn(ctx, bytes);
	free(line);
	csv_free(&p);
	reader_free(&r);
	return rc;
}
