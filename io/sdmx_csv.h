/* sdmx_csv.h: reading statistics files row by row: SDMX-CSV 1.0 and 2.0 (labels id or both) and plain CSV with a column mapping */
#ifndef RCPHUB_SDMX_CSV_H
#define RCPHUB_SDMX_CSV_H

#include <stddef.h>
#include <stdio.h>

/* The columns the reader knows by their SDMX names (matched without
 * regard to case); every other column is passed on as an "other" column
 * for the caller to take as a dimension or refuse. */
enum sdmx_role {
	SDMX_STRUCTURE,     /* 2.0: "dataflow" */
	SDMX_STRUCTURE_ID,  /* 2.0: AGENCY:ID(VERSION) */
	SDMX_ACTION,        /* 2.0: I, A, M, R or D */
	SDMX_DATAFLOW,      /* 1.0: AGENCY:ID(VERSION) */
	SDMX_INDICATOR,
	SDMX_REF_AREA,
	SDMX_FREQ,
	SDMX_TIME_PERIOD,
	SDMX_OBS_VALUE,
	SDMX_OBS_STATUS,
	SDMX_UNIT_MEASURE,
	SDMX_UNIT_MULT,
	SDMX_COMMENT,
	SDMX_ROLE_COUNT
};

enum sdmx_format { SDMX_CSV_1, SDMX_CSV_2, SDMX_PLAIN };

/* The file's header as read: each known role's column (1-based; 0 when
 * the file has none) and the other columns' names and places. */
struct sdmx_header {
	enum sdmx_format format;
	int labels;  /* headers and coded values carry labels ("FR: France") */
	int column[SDMX_ROLE_COUNT];
	size_t nother;
	char **other_names;
	int *other_columns;
	size_t ncolumns;
};

/* One data row. field[role] is the value (labels removed; "" for an empty
 * cell) or NULL when the file has no such column; other[i] is the value
 * of header->other_names[i]. Valid only during the callback. */
struct sdmx_row {
	long line;  /* the line the row begins on, from 1 */
	const struct sdmx_header *header;
	const char *field[SDMX_ROLE_COUNT];
	const char **other;
};

/* What the caller does with a row: 0 to go on, -1 to stop reading. */
typedef int (*sdmx_row_fn)(void *ctx, const struct sdmx_row *row);
/* Told of each problem in the file itself (quoting, field count, UTF-8):
 * line and column (1-based; 0 when the whole row is at fault), the
 * column's name or NULL, and the message. 0 to go on, -1 to stop. */
typedef int (*sdmx_problem_fn)(void *ctx, long line, int column, const char *column_name, const char *message);

/* Renames a column before roles are assigned: the file's name "from"
 * (any case) read as "to"; "to" empty drops the column. */
struct sdmx_mapping {
	const char *from;
	const char *to;
};

/* Reads "FROM=TO,FROM=TO" into *out (n of them; the caller frees *out
 * and *storage, which the strings point into). -1 with *err naming the
 * item without '='. */
int sdmx_mappings_parse(const char *text, struct sdmx_mapping **out, size_t *n, char **storage, char **err);

/* Reads in to its end: the header (a UTF-8 byte order mark and CRLF line
 * ends are fine), then each row, handed to row or, if malformed, to
 * problem. Memory stays bounded by the longest row. Progress (bytes read
 * so far) goes to progress_fn every so often when it is not NULL.
 * Returns 0 when the whole file was read (problems or not), 1 when a
 * callback stopped it, -1 when the header is unusable or reading failed
 * (*err, the caller frees). */
int sdmx_csv_read(FILE *in, const struct sdmx_mapping *map, size_t nmap, sdmx_row_fn row,
		  sdmx_problem_fn problem, void (*progress_fn)(void *ctx, long long bytes), void *ctx,
		  char **err);

/* The ID of an SDMX reference "AGENCY:ID(VERSION)" (or a bare "ID") into
 * out (size n): "" when it is malformed. */
void sdmx_flow_id(const char *ref, char *out, size_t n);

#endif
