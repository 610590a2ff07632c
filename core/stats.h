/* stats.h: indicators, their observations, and the comparability checks run over them */
#ifndef RCPHUB_STATS_H
#define RCPHUB_STATS_H

#include "account.h"

#include <stddef.h>

/* A dimension of an indicator beyond state and period (SEX, AGE) and its
 * code list; no codes: any code is taken. */
struct dimension {
	char *name;
	struct strlist codes;
};

/* An indicator a process collects from its member states. */
struct indicator {
	long long id;
	char *process;
	char *code;        /* SDMX id: letters, digits, _ @ $ - */
	char *name;
	char *definition;
	char *unit;        /* UNIT_MEASURE, e.g. PS (persons) */
	int unit_mult;     /* UNIT_MULT: values are in units of 10^unit_mult */
	char periodicity;  /* A, S, Q or M */
	char *notes;       /* methodological notes (Markdown) */
	enum level level;
	struct dimension *dims;
	size_t ndims;
	char *created_by;
	long long created_at;
	long long nobs;    /* current observations */
};

struct indicator_list {
	struct indicator *items;
	size_t n;
};

/* The latest value of one cell: a state, a period and the indicator's
 * other dimensions. */
struct observation {
	char ref_area[4];  /* alpha-3 */
	char period[9];    /* canonical SDMX form */
	char *dims;        /* the dimensions' codes joined by '.', "" without any */
	int missing;       /* no value (OBS_VALUE empty or NaN) */
	double value;
	char status;       /* OBS_STATUS: A normal, P provisional, E estimated, B break, M missing */
	char *comment;     /* or NULL */
	char *unit;        /* a unit other than the indicator's, or NULL */
	long long import;  /* the import that wrote it */
};

struct observation_list {
	struct observation *items;
	size_t n;
};

/* What one import did. */
struct stats_counts {
	long long added, revised, deleted, unchanged;
};

/* One problem in a file: line (0 for the file as a whole), column
 * (1-based; 0 for the whole row) and its name, and what is wrong. */
struct stats_problem {
	long line;
	int column;
	char *column_name;
	char *message;
};

/* What an import did, or would have done: its counts and format, and the
 * problems found (the first STATS_MAX_PROBLEMS; more counts the rest). */
#define STATS_MAX_PROBLEMS 100
struct stats_import_report {
	long long import;  /* the import's id (0 for a dry run or a refused file) */
	const char *format;
	long rows;
	struct stats_counts counts;
	struct stats_problem *problems;
	size_t nproblems;
	long more;
};

void stats_import_report_free(struct stats_import_report *rep);

/* One import as recorded: who, when, which file, what it did. */
struct stat_import {
	long long id;
	char *file_name;
	char *format;
	char *created_by;
	long long created_at;
	struct stats_counts counts;
};

struct stat_import_list {
	struct stat_import *items;
	size_t n;
};

/* Where one state stands on one indicator: how many values it has given
 * and its latest period. */
struct submission {
	long long indicator;
	char ref_area[4];
	long long values;
	char latest[9];
};

struct submission_list {
	struct submission *items;
	size_t n;
};

/* One value a cell held: what, written by whom, when, from which file,
 * and until when (0 for the value it holds now); deleted when an import
 * deleted it rather than replaced it. */
struct revision {
	struct observation o;
	char *by;
	char *file_name;
	long long at;
	long long until;
	int deleted;
};

struct revision_list {
	struct revision *items;
	size_t n;
};

void stat_import_list_free(struct stat_import_list *l);
void revision_list_free(struct revision_list *l);

void indicator_free(struct indicator *i);
void indicator_list_free(struct indicator_list *l);
void observation_list_free(struct observation_list *l);
/* The dimension of i called name (any case), or NULL. */
const struct dimension *indicator_dimension(const struct indicator *i, const char *name);
/* Whether c is an OBS_STATUS rcphub keeps, and its name ("provisional"). */
int obs_status_valid(char c);
const char *obs_status_name(char c);
/* The shortest text that reads back as v ("12.5", not "12.5000000001"). */
void stats_format_value(double v, char out[32]);

/* What a comparability check found. */
enum finding_kind {
	FINDING_UNIT,     /* a state reports in another unit than the indicator's */
	FINDING_GAP,      /* periods missing inside a state's series */
	FINDING_BREAK,    /* a break in series (OBS_STATUS B) */
	FINDING_OUTLIER,  /* a value far outside the state's own series */
	FINDING_SILENT,   /* a member state reports nothing */
	FINDING_KIND_COUNT
};

struct finding {
	enum finding_kind kind;
	char ref_area[4];
	char *series;   /* the dimensions' codes, "" for none */
	char *period;   /* the period at fault (the first missing one for a gap), or NULL */
	char *detail;   /* in words */
};

struct finding_list {
	struct finding *items;
	size_t n;
};

const char *finding_kind_name(enum finding_kind k);
/* Checks one indicator's observations (sorted by state, dimensions and
 * period, as the store reads them) against its definition and against
 * members (alpha-3 codes, n of them: the states expected to report), and
 * appends what it finds to out. A value is an outlier when its distance
 * from the median of its series is more than 3.5 times the series'
 * scaled median absolute deviation (series of five values or more). */
void stats_check(const struct indicator *ind, const struct observation_list *obs, const char *const *members,
		 size_t nmembers, struct finding_list *out);
void finding_list_free(struct finding_list *l);

#endif
