/* statistics.h: indicators a process collects, data imported from SDMX-CSV and plain CSV, exports and comparability checks */
#ifndef RCPHUB_STATISTICS_H
#define RCPHUB_STATISTICS_H

#include "fields.h"
#include "registry.h"
#include "service.h"
#include "../core/stats.h"
#include "../io/sdmx_csv.h"

#include <stdio.h>

/* An indicator's fields: code, name, definition, unit, unit_mult,
 * periodicity, dimensions ("SEX" or "SEX=F+M+_T"), notes, level. */
extern const struct field indicators_fields[];
extern const size_t indicators_nfields;

/* An indicator and its observations follow the indicator's level through
 * the access policy (hidden looks like missing). The secretariat defines
 * indicators; the secretariat imports data for any state, a focal point
 * for their own state only. */

/* Defines an indicator of process; *out (caller frees) is the stored one. */
enum svc_status stats_indicator_add(struct registry *r, const struct actor *a, const char *process,
				    const struct field_values *v, struct indicator *out, struct svc_error *err);
/* The indicators of process the actor may read, by code. */
enum svc_status stats_indicators(struct registry *r, const struct actor *a, const char *process,
				 struct indicator_list *out, struct svc_error *err);
enum svc_status stats_indicator(struct registry *r, const struct actor *a, const char *process, const char *code,
				struct indicator *out, struct svc_error *err);

/* How to read a file: column renamings (for plain CSV), the indicator of
 * a file that names none, and whether to keep nothing (a dry run). */
struct stats_import_options {
	const struct sdmx_mapping *map;
	size_t nmap;
	const char *indicator;
	int dry_run;
	void (*progress)(void *ctx, long long bytes);
	void *progress_ctx;
};

/* Imports the file in (called file_name) into process: every row or
 * none, in one transaction. A file with problems is SVC_INVALID, the
 * problems in rep and nothing kept; a dry run keeps nothing either but
 * is SVC_OK with what it would have done. */
enum svc_status stats_import(struct registry *r, const struct actor *a, const char *process, FILE *in,
			     const char *file_name, const struct stats_import_options *o,
			     struct stats_import_report *rep, struct svc_error *err);

/* The same from len bytes at data. */
enum svc_status stats_import_bytes(struct registry *r, const struct actor *a, const char *process, const char *data,
				   size_t len, const char *file_name, const struct stats_import_options *o,
				   struct stats_import_report *rep, struct svc_error *err);

/* Which observations to export: one indicator's code (NULL: every one
 * the actor may read), one state (named as the user likes; NULL: all), a
 * period range (SDMX periods; NULL: open) and dimension codes (for each
 * of the indicator's dimensions, in order, a code or NULL; only with an
 * indicator). */
struct stats_filter {
	const char *indicator;
	const char *state;
	const char *from, *to;
	const char *const *dims;
	size_t ndims;
};

/* Where an export goes: begin is told once, before any row, of the
 * indicators the export covers (n of them, each with its dimensions); row
 * gets each observation the filter keeps, by indicator, state,
 * dimensions and period, and returns non-zero to stop. */
struct stats_sink {
	int (*begin)(void *ctx, const struct indicator *inds, size_t n);
	int (*row)(void *ctx, const struct indicator *ind, const struct observation *o);
	void *ctx;
};

/* Sends to sink what the filter keeps of what the actor may read. */
enum svc_status stats_export(struct registry *r, const struct actor *a, const char *process,
			     const struct stats_filter *f, const struct stats_sink *sink, struct svc_error *err);

/* What the filter keeps, copied into out (by indicator, state,
 * dimensions and period). */
enum svc_status stats_observations(struct registry *r, const struct actor *a, const char *process,
				   const struct stats_filter *f, struct observation_list *out, struct svc_error *err);

/* The comparability checks of one indicator, against the process's
 * member governments of today. */
struct stats_check_result {
	struct indicator indicator;
	struct finding_list findings;
	size_t states;  /* states reporting */
};

struct stats_check_report {
	struct stats_check_result *items;
	size_t n;
};

/* Checks every indicator of process the actor may read (or the one
 * named by code, when not NULL). */
enum svc_status stats_check_process(struct registry *r, const struct actor *a, const char *process,
				    const char *code, struct stats_check_report *out, struct svc_error *err);
void stats_check_report_free(struct stats_check_report *rep);

/* The imports into process, newest first (at most limit), for those the
 * policy lets read submissions; SVC_NOT_FOUND for others. */
enum svc_status stats_imports(struct registry *r, const struct actor *a, const char *process, long limit,
			      struct stat_import_list *out, struct svc_error *err);
/* The indicators of process the actor may read, and for each, per state,
 * how many values it gave and its latest period (subs, by indicator id). */
enum svc_status stats_submissions(struct registry *r, const struct actor *a, const char *process,
				  struct indicator_list *indicators, struct submission_list *subs,
				  struct svc_error *err);
int stats_may_read_imports(const struct actor *a, const char *process);

/* Every value the cell held (indicator code of process; state named as
 * the user likes; period in any SDMX form; dims the codes joined by '.',
 * "" or NULL without dimensions), oldest first. Who wrote each and from
 * which file are left out (NULL) for those who may not read submissions. */
enum svc_status stats_revisions(struct registry *r, const struct actor *a, const char *process, const char *code,
				const char *state, const char *period, const char *dims, struct revision_list *out,
				struct svc_error *err);

/* Whether the actor may define indicators in process (slug), and may
 * import data at all (for some state) into it. */
int stats_may_define(const struct actor *a, const char *process);
int stats_may_import(const struct actor *a, const char *process);

#endif
