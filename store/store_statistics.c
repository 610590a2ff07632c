/* store_statistics.c: indicators, imports, each cell's latest value and the history of what imports replaced */
#include "store_int.h"
#include "../core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct query q_indicator_put = { {
	"INSERT INTO indicators (id, process, code, name, definition, unit, unit_mult, periodicity, notes, level, "
	"created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_dimension_put = { {
	"INSERT INTO indicator_dimensions (indicator, position, name, codes) VALUES (?, ?, ?, ?)",
} };
#define INDICATOR_COLUMNS \
	"i.id, i.process, i.code, i.name, i.definition, i.unit, i.unit_mult, i.periodicity, i.notes, i.level, " \
	"i.created_by, i.created_at "
static const struct query q_indicator_get = { {
	"SELECT " INDICATOR_COLUMNS ", (SELECT count(*) FROM observations o WHERE o.indicator = i.id) "
	"FROM indicators i WHERE i.process = ? AND i.code = ?",
} };
static const struct query q_indicators_of = { {
	"SELECT " INDICATOR_COLUMNS ", (SELECT count(*) FROM observations o WHERE o.indicator = i.id) "
	"FROM indicators i WHERE i.process = ? ORDER BY i.code",
} };
static const struct query q_dimensions_of = { {
	"SELECT name, codes FROM indicator_dimensions WHERE indicator = ? ORDER BY position",
} };
static const struct query q_import_begin = { {
	"INSERT INTO stat_imports (id, process, file_name, format, created_by, created_at) VALUES (?, ?, ?, '', ?, ?)",
} };
static const struct query q_import_finish = { {
	"UPDATE stat_imports SET format = ?, added = ?, revised = ?, deleted = ?, unchanged = ? WHERE id = ?",
} };
#define CELL "indicator = ? AND ref_area = ? AND period = ? AND dims = ?"
static const struct query q_observation_find = { {
	"SELECT ref_area, period, dims, value, status, comment, unit, import FROM observations WHERE " CELL,
} };
static const struct query q_observation_add = { {
	"INSERT INTO observations (indicator, ref_area, period, dims, value, status, comment, unit, import) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
} };
#define ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define ROWS4 ROW ", " ROW ", " ROW ", " ROW
#define ROWS16 ROWS4 ", " ROWS4 ", " ROWS4 ", " ROWS4
static const struct query q_observations_add = { {
	"INSERT INTO observations (indicator, ref_area, period, dims, value, status, comment, unit, import) "
	"VALUES " ROWS16 ", " ROWS16 ", " ROWS16 ", " ROWS16 " ON CONFLICT DO NOTHING",
} };
static const struct query q_history_put = { {
	"INSERT INTO observation_history (indicator, ref_area, period, dims, value, status, comment, unit, import, "
	"replaced_by, deleted) SELECT indicator, ref_area, period, dims, value, status, comment, unit, import, ?, ? "
	"FROM observations WHERE " CELL,
} };
static const struct query q_observation_update = { {
	"UPDATE observations SET value = ?, status = ?, comment = ?, unit = ?, import = ? WHERE " CELL,
} };
static const struct query q_observation_delete = { {
	"DELETE FROM observations WHERE " CELL,
} };
static const struct query q_cell_mark = { {
	"INSERT INTO import_cells (import, indicator, ref_area, period, dims) VALUES (?, ?, ?, ?, ?) "
	"ON CONFLICT DO NOTHING",
} };
static const struct query q_cells_clear = { {
	"DELETE FROM import_cells WHERE import = ?",
} };
static const struct query q_imports_of = { {
	"SELECT id, file_name, format, created_by, created_at, added, revised, deleted, unchanged FROM stat_imports "
	"WHERE process = ? ORDER BY id DESC LIMIT ?",
} };
static const struct query q_submissions_of = { {
	"SELECT ref_area, count(*), max(period) FROM observations WHERE indicator = ? GROUP BY ref_area "
	"ORDER BY ref_area",
} };
static const struct query q_revisions_of = { {
	"SELECT h.ref_area, h.period, h.dims, h.value, h.status, h.comment, h.unit, h.import, w.created_by, "
	"w.file_name, w.created_at, r.created_at, h.deleted FROM observation_history h "
	"JOIN stat_imports w ON w.id = h.import JOIN stat_imports r ON r.id = h.replaced_by "
	"WHERE h.indicator = ? AND h.ref_area = ? AND h.period = ? AND h.dims = ? "
	"UNION ALL SELECT o.ref_area, o.period, o.dims, o.value, o.status, o.comment, o.unit, o.import, w.created_by, "
	"w.file_name, w.created_at, 0, 0 FROM observations o JOIN stat_imports w ON w.id = o.import "
	"WHERE o.indicator = ? AND o.ref_area = ? AND o.period = ? AND o.dims = ? "
	"ORDER BY 8",
} };
static const struct query q_observations_of = { {
	"SELECT ref_area, period, dims, value, status, comment, unit, import FROM observations "
	"WHERE indicator = ? ORDER BY ref_area, dims, period",
} };
static const struct query q_observations_of_area = { {
	"SELECT ref_area, period, dims, value, status, comment, unit, import FROM observations "
	"WHERE indicator = ? AND ref_area = ? ORDER BY ref_area, dims, period",
} };

int store_indicator_put(struct store *s, struct indicator *ind, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "indicators", &ind->id, err) || !(st = store_stmt(s, &q_indicator_put, err)))
		return -1;
	char periodicity[2] = { ind->periodicity, '\0' };
	bind_int64(st, 1, ind->id);
	bind_text(st, 2, ind->process);
	bind_text(st, 3, ind->code);
	bind_text(st, 4, ind->name);
	bind_text(st, 5, ind->definition ? ind->definition : "");
	bind_text(st, 6, ind->unit);
	bind_int64(st, 7, ind->unit_mult);
	bind_text(st, 8, periodicity);
	bind_text(st, 9, ind->notes ? ind->notes : "");
	bind_text(st, 10, level_name(ind->level));
	bind_text(st, 11, ind->created_by);
	bind_int64(st, 12, ind->created_at);
	if (run(st, "adding an indicator", err))
		return -1;
	for (size_t k = 0; k < ind->ndims; k++) {
		if (!(st = store_stmt(s, &q_dimension_put, err)))
			return -1;
		char *codes = store_join(&ind->dims[k].codes, ",");
		bind_int64(st, 1, ind->id);
		bind_int64(st, 2, (long long)k + 1);
		bind_text(st, 3, ind->dims[k].name);
		bind_text(st, 4, codes);
		free(codes);
		if (run(st, "adding an indicator's dimension", err))
			return -1;
	}
	return store_search_refresh(s, SEARCH_INDICATOR, ind->id, err);
}

static void read_indicator(struct stmt *st, struct indicator *out)
{
	memset(out, 0, sizeof *out);
	out->id = col_int64(st, 0);
	out->process = col_text(st, 1);
	out->code = col_text(st, 2);
	out->name = col_text(st, 3);
	out->definition = col_text(st, 4);
	out->unit = col_text(st, 5);
	out->unit_mult = (int)col_int64(st, 6);
	out->periodicity = col_str(st, 7)[0];
	out->notes = col_text(st, 8);
	out->level = (enum level)level_parse(col_str(st, 9));
	out->created_by = col_text(st, 10);
	out->created_at = col_int64(st, 11);
	out->nobs = col_int64(st, 12);
}

static int read_dimensions(struct store *s, struct indicator *ind, char **err)
{
	struct stmt *st = store_stmt(s, &q_dimensions_of, err);
	int rc;
	if (!st)
		return -1;
	bind_int64(st, 1, ind->id);
	while ((rc = next_row(st, "reading an indicator's dimensions", err)) == 1) {
		struct dimension *d = STORE_PUSH(&ind->dims, &ind->ndims);
		d->name = col_text(st, 0);
		store_split(&d->codes, col_str(st, 1), ',');
	}
	return rc;
}

int store_indicator_get(struct store *s, const char *process, const char *code, struct indicator *out,
			char **err)
{
	struct stmt *st = store_stmt(s, &q_indicator_get, err);
	if (!st)
		return -1;
	bind_text(st, 1, process);
	bind_text(st, 2, code);
	int rc = next_row(st, "reading an indicator", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_indicator(st, out);
	reset(st);
	if (read_dimensions(s, out, err) == 0)
		return 0;
	indicator_free(out);
	return -1;
}

int store_indicators_of(struct store *s, const char *process, struct indicator_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_indicators_of, err);
	int rc;
	if (!st)
		return -1;
	bind_text(st, 1, process);
	while ((rc = next_row(st, "listing indicators", err)) == 1)
		read_indicator(st, STORE_PUSH(&out->items, &out->n));
	for (size_t i = 0; rc == 0 && i < out->n; i++)
		rc = read_dimensions(s, &out->items[i], err);
	return rc;
}

int store_stat_import_begin(struct store *s, const char *process, const char *file_name, const char *by,
			    long long at, long long *id, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "stat_imports", id, err) || !(st = store_stmt(s, &q_import_begin, err)))
		return -1;
	bind_int64(st, 1, *id);
	bind_text(st, 2, process);
	bind_text(st, 3, file_name);
	bind_text(st, 4, by);
	bind_int64(st, 5, at);
	return run(st, "recording an import", err);
}

int store_stat_import_finish(struct store *s, long long id, const char *format, const struct stats_counts *c,
			     char **err)
{
	struct stmt *st = store_stmt(s, &q_cells_clear, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	if (run(st, "ending an import", err) || !(st = store_stmt(s, &q_import_finish, err)))
		return -1;
	bind_text(st, 1, format);
	bind_int64(st, 2, c->added);
	bind_int64(st, 3, c->revised);
	bind_int64(st, 4, c->deleted);
	bind_int64(st, 5, c->unchanged);
	bind_int64(st, 6, id);
	return run(st, "recording an import", err);
}

static void bind_cell(struct stmt *st, int first, long long indicator, const struct observation *o)
{
	bind_int64(st, first, indicator);
	bind_text(st, first + 1, o->ref_area);
	bind_text(st, first + 2, o->period);
	bind_text(st, first + 3, o->dims);
}

/* Binds value, status, comment and unit from first on. */
static void bind_values(struct stmt *st, int first, const struct observation *o)
{
	char value[32], status[2] = { o->status, '\0' };
	if (!o->missing)
		stats_format_value(o->value, value);
	bind_text(st, first, o->missing ? NULL : value);
	bind_text(st, first + 1, status);
	bind_text(st, first + 2, o->comment);
	bind_text(st, first + 3, o->unit);
}

int store_import_cell_mark(struct store *s, long long import, long long indicator, const struct observation *o,
			   int *first, char **err)
{
	struct stmt *st = store_stmt(s, &q_cell_mark, err);
	if (!st)
		return -1;
	bind_int64(st, 1, import);
	bind_cell(st, 2, indicator, o);
	return run_changes(st, "checking an import's cells", first, err);
}

static void read_observation(struct stmt *st, struct observation *out)
{
	memset(out, 0, sizeof *out);
	snprintf(out->ref_area, sizeof out->ref_area, "%s", col_str(st, 0));
	snprintf(out->period, sizeof out->period, "%s", col_str(st, 1));
	out->dims = col_text(st, 2);
	const char *value = col_str(st, 3);
	out->missing = !value;
	out->value = value ? strtod(value, NULL) : 0;
	out->status = col_str(st, 4)[0];
	out->comment = col_text(st, 5);
	out->unit = col_text(st, 6);
	out->import = col_int64(st, 7);
}

int store_observation_find(struct store *s, long long indicator, const struct observation *key,
			   struct observation *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_observation_find, err);
	if (!st)
		return -1;
	bind_cell(st, 1, indicator, key);
	int rc = next_row(st, "reading an observation", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_observation(st, out);
	reset(st);
	return 0;
}

int store_observations_add(struct store *s, const long long *indicators, const struct observation *o, size_t n,
			   int *added, char **err)
{
	if (n != STORE_BATCH) {
		int one = 0;
		*added = 0;
		for (size_t i = 0; i < n; i++) {
			if (store_observation_add(s, indicators[i], &o[i], &one, err))
				return -1;
			*added += one;
		}
		return 0;
	}
	struct stmt *st = store_stmt(s, &q_observations_add, err);
	if (!st)
		return -1;
	/* the texts stay put until the statement has run: bound in place */
	static const char codes[] = "APEBM", statuses[] = "A\0P\0E\0B\0M";
	char values[STORE_BATCH][32];
	for (size_t i = 0; i < n; i++) {
		int at = (int)i * 9;
		const char *status = o[i].status ? strchr(codes, o[i].status) : NULL;
		if (!o[i].missing)
			stats_format_value(o[i].value, values[i]);
		bind_int64(st, at + 1, indicators[i]);
		bind_text_kept(st, at + 2, o[i].ref_area);
		bind_text_kept(st, at + 3, o[i].period);
		bind_text_kept(st, at + 4, o[i].dims);
		bind_text_kept(st, at + 5, o[i].missing ? NULL : values[i]);
		bind_text_kept(st, at + 6, status ? statuses + 2 * (status - codes) : "A");
		bind_text_kept(st, at + 7, o[i].comment);
		bind_text_kept(st, at + 8, o[i].unit);
		bind_int64(st, at + 9, o[i].import);
	}
	return run_changes(st, "adding observations", added, err);
}

int store_observation_add(struct store *s, long long indicator, const struct observation *o, int *added,
			  char **err)
{
	struct stmt *st = store_stmt(s, &q_observation_add, err);
	if (!st)
		return -1;
	bind_cell(st, 1, indicator, o);
	bind_values(st, 5, o);
	bind_int64(st, 9, o->import);
	return run_changes(st, "adding an observation", added, err);
}

static int keep_history(struct store *s, long long indicator, const struct observation *o, long long import,
			int deleted, char **err)
{
	struct stmt *st = store_stmt(s, &q_history_put, err);
	if (!st)
		return -1;
	bind_int64(st, 1, import);
	bind_int64(st, 2, deleted);
	bind_cell(st, 3, indicator, o);
	return run(st, "keeping an observation's history", err);
}

int store_observation_replace(struct store *s, long long indicator, const struct observation *o, char **err)
{
	if (keep_history(s, indicator, o, o->import, 0, err))
		return -1;
	struct stmt *st = store_stmt(s, &q_observation_update, err);
	if (!st)
		return -1;
	bind_values(st, 1, o);
	bind_int64(st, 5, o->import);
	bind_cell(st, 6, indicator, o);
	return run(st, "revising an observation", err);
}

int store_observation_delete(struct store *s, long long indicator, const struct observation *key,
			     long long import, char **err)
{
	if (keep_history(s, indicator, key, import, 1, err))
		return -1;
	struct stmt *st = store_stmt(s, &q_observation_delete, err);
	if (!st)
		return -1;
	bind_cell(st, 1, indicator, key);
	return run(st, "deleting an observation", err);
}

int store_observations_each(struct store *s, long long indicator, const char *area,
			    int (*fn)(void *ctx, const struct observation *o), void *ctx, char **err)
{
	struct stmt *st = store_stmt(s, area ? &q_observations_of_area : &q_observations_of, err);
	int rc = 0, stop = 0;
	if (!st)
		return -1;
	bind_int64(st, 1, indicator);
	if (area)
		bind_text(st, 2, area);
	while (!stop && (rc = next_row(st, "reading observations", err)) == 1) {
		struct observation o;
		read_observation(st, &o);
		stop = fn(ctx, &o);
		free(o.dims);
		free(o.comment);
		free(o.unit);
	}
	if (stop)
		reset(st);
	return stop ? stop : rc;
}

static int push_observation(void *ctx, const struct observation *o)
{
	struct observation_list *l = ctx;
	struct observation *copy = STORE_PUSH(&l->items, &l->n);
	*copy = *o;
	copy->dims = xstrdup(o->dims);
	copy->comment = xstrdup_or_null(o->comment);
	copy->unit = xstrdup_or_null(o->unit);
	return 0;
}

int store_observations_of(struct store *s, long long indicator, const char *area,
			  struct observation_list *out, char **err)
{
	return store_observations_each(s, indicator, area, push_observation, out, err);
}

int store_stat_imports_of(struct store *s, const char *process, long limit, struct stat_import_list *out,
			  char **err)
{
	struct stmt *st = store_stmt(s, &q_imports_of, err);
	int rc;
	if (!st)
		return -1;
	bind_text(st, 1, process);
	bind_int64(st, 2, limit);
	while ((rc = next_row(st, "listing imports", err)) == 1) {
		struct stat_import *i = STORE_PUSH(&out->items, &out->n);
		i->id = col_int64(st, 0);
		i->file_name = col_text(st, 1);
		i->format = col_text(st, 2);
		i->created_by = col_text(st, 3);
		i->created_at = col_int64(st, 4);
		i->counts = (struct stats_counts){ col_int64(st, 5), col_int64(st, 6), col_int64(st, 7), col_int64(st, 8) };
	}
	return rc;
}

int store_submissions_of(struct store *s, long long indicator, struct submission_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_submissions_of, err);
	int rc;
	if (!st)
		return -1;
	bind_int64(st, 1, indicator);
	while ((rc = next_row(st, "reading submissions", err)) == 1) {
		struct submission *sub = STORE_PUSH(&out->items, &out->n);
		sub->indicator = indicator;
		snprintf(sub->ref_area, sizeof sub->ref_area, "%s", col_str(st, 0));
		sub->values = col_int64(st, 1);
		snprintf(sub->latest, sizeof sub->latest, "%s", col_str(st, 2));
	}
	return rc;
}

int store_observation_revisions(struct store *s, long long indicator, const struct observation *key,
				struct revision_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_revisions_of, err);
	int rc;
	if (!st)
		return -1;
	bind_cell(st, 1, indicator, key);
	bind_cell(st, 5, indicator, key);
	while ((rc = next_row(st, "reading a cell's history", err)) == 1) {
		struct revision *v = STORE_PUSH(&out->items, &out->n);
		read_observation(st, &v->o);
		v->by = col_text(st, 8);
		v->file_name = col_text(st, 9);
		v->at = col_int64(st, 10);
		v->until = col_int64(st, 11);
		v->deleted = (int)col_int64(st, 12);
	}
	return rc;
}

/* ---- bulk loading, where the engine has it (PostgreSQL's COPY) ----
 * New cells are streamed into a temporary table that lives as long as the
 * transaction, checked there for repeated cells, then added at once. */

/* A cell met again in the load (after its first line), or held already
 * (by an earlier load of the same import). */
static const struct query q_stage_repeats = { {
	"SELECT s.line, i.code, s.ref_area, s.period, s.dims FROM (SELECT line, indicator, ref_area, period, dims, "
	"row_number() OVER (PARTITION BY indicator, ref_area, dims, period ORDER BY line) AS nth FROM stat_stage) s "
	"JOIN indicators i ON i.id = s.indicator WHERE s.nth > 1 OR EXISTS (SELECT 1 FROM observations o "
	"WHERE o.indicator = s.indicator AND o.ref_area = s.ref_area AND o.dims = s.dims AND o.period = s.period) "
	"ORDER BY s.line",
} };
static const struct query q_stage_keep = { {
	"INSERT INTO observations (indicator, ref_area, period, dims, value, status, comment, unit, import) "
	"SELECT indicator, ref_area, period, dims, value, status, comment, unit, import FROM stat_stage",
} };

int store_can_stage(struct store *s)
{
	return s->drv->copy_begin != NULL;
}

int store_stage_begin(struct store *s, char **err)
{
	return store_exec(s, "CREATE TEMP TABLE IF NOT EXISTS stat_stage (line BIGINT, indicator BIGINT, "
			  "ref_area TEXT, period TEXT, dims TEXT, value TEXT, status TEXT, comment TEXT, unit TEXT, "
			  "import BIGINT) ON COMMIT DROP; DELETE FROM stat_stage", "preparing a bulk load", err) ||
	       s->drv->copy_begin(s->conn, "COPY stat_stage FROM STDIN", err);
}

int store_stage_add(struct store *s, long line, long long indicator, const struct observation *o, char **err)
{
	char at[24], id[24], import[24], value[32], status[2] = { o->status, '\0' };
	snprintf(at, sizeof at, "%ld", line);
	snprintf(id, sizeof id, "%lld", indicator);
	snprintf(import, sizeof import, "%lld", o->import);
	if (!o->missing)
		stats_format_value(o->value, value);
	const char *row[] = { at, id, o->ref_area, o->period, o->dims, o->missing ? NULL : value, status, o->comment,
			      o->unit, import };
	return s->drv->copy_row(s->conn, row, sizeof row / sizeof row[0], err);
}

int store_stage_finish(struct store *s, int (*repeated)(void *ctx, long line, const char *code,
							 const struct observation *key), void *ctx, int *kept, char **err)
{
	*kept = 0;
	struct stmt *st;
	if (s->drv->copy_end(s->conn, err) || !(st = store_stmt(s, &q_stage_repeats, err)))
		return -1;
	int rc, found = 0;
	while ((rc = next_row(st, "checking a bulk load", err)) == 1) {
		struct observation key = { .dims = (char *)col_str(st, 4) };
		snprintf(key.ref_area, sizeof key.ref_area, "%s", col_str(st, 2));
		snprintf(key.period, sizeof key.period, "%s", col_str(st, 3));
		found = 1;
		repeated(ctx, (long)col_int64(st, 0), col_str(st, 1), &key);
	}
	if (rc < 0 || found)
		return rc;
	if (!(st = store_stmt(s, &q_stage_keep, err)))
		return -1;
	*kept = 1;
	return run(st, "adding a bulk load", err);
}
