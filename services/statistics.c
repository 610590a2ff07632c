/* statistics.c: indicators a process collects, data imported from SDMX-CSV and plain CSV, exports and comparability checks */
#include "statistics.h"
#include "audit.h"
#include "policy.h"
#include "service_int.h"
#include "../core/buf.h"
#include "../core/period.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const levels[] = { "public", "participants", "members", "restricted", NULL };
static const char *const periodicities[] = { "A", "S", "Q", "M", NULL };

const struct field indicators_fields[] = {
	{ .name = "code", .label = "Code (letters, digits, _ @ $ -)", .type = FIELD_LINE, .flags = FIELD_REQUIRED,
	  .max = 50, .hint = "an SDMX id such as MIG_STOCK" },
	{ .name = "name", .label = "Name", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 300 },
	{ .name = "definition", .label = "Definition", .type = FIELD_TEXT, .flags = FIELD_CLEARABLE, .max = 20000 },
	{ .name = "unit", .label = "Unit (UNIT_MEASURE, e.g. PS for persons)", .type = FIELD_LINE,
	  .flags = FIELD_REQUIRED, .max = 50 },
	{ .name = "unit_mult", .label = "Unit multiplier (values in units of 10^n)", .type = FIELD_LINE,
	  .flags = FIELD_CLEARABLE, .max = 3, .def = "0", .hint = "a whole number from 0 to 12" },
	{ .name = "periodicity", .label = "Periodicity", .type = FIELD_CHOICE, .choices = periodicities, .def = "A" },
	{ .name = "dimensions", .label = "Other dimensions (NAME, or NAME=CODE+CODE+... to fix its codes)",
	  .type = FIELD_LIST, .flags = FIELD_CLEARABLE, .max = 2000, .cli_item = "dimension",
	  .hint = "SEX or SEX=F+M+_T" },
	{ .name = "notes", .label = "Methodological notes (Markdown)", .type = FIELD_TEXT, .flags = FIELD_CLEARABLE,
	  .max = 100000 },
	{ .name = "level", .label = "Who may see it", .type = FIELD_CHOICE, .choices = levels, .def = "members" },
};
const size_t indicators_nfields = sizeof indicators_fields / sizeof indicators_fields[0];

int stats_may_define(const struct actor *a, const char *process)
{
	return policy_may_write(a->user, process, NULL);
}

int stats_may_import(const struct actor *a, const char *process)
{
	return policy_may_write(a->user, process, NULL) ||
	       (a->user && a->user->government && policy_may_write(a->user, process, a->user->government));
}

static enum svc_status not_allowed(const struct actor *a, const char *what, struct svc_error *err)
{
	return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL, "you may not %s%s", what,
			a->user ? "" : " without signing in");
}

/* Whether s is an SDMX id: letters, digits, _ @ $ - ("_T" is SDMX's
 * code for a total). */
static int sdmx_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_@$-", *s))
			return 0;
	return 1;
}

/* The names a dimension may not take: the columns the reader knows. */
static int reserved(const char *name)
{
	static const char *const names[] = { "STRUCTURE", "STRUCTURE_ID", "ACTION", "DATAFLOW", "INDICATOR",
					     "REF_AREA", "FREQ", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS",
					     "UNIT_MEASURE", "UNIT_MULT", "COMMENT" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(names[i], name) == 0)
			return 1;
	return 0;
}

/* Reads "NAME" or "NAME=CODE+CODE" (codes separated as in SDMX keys) into d. */
static enum svc_status read_dimension(const char *text, const char *field, struct dimension *d,
				      struct svc_error *err)
{
	const char *eq = strchr(text, '=');
	d->name = eq ? xasprintf("%.*s", (int)(eq - text), text) : xstrdup(text);
	for (char *c = d->name; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	if (!sdmx_id(d->name))
		return svc_fail(err, SVC_INVALID, field, "\"%s\": a dimension's name is letters, digits and _ @ $ -",
				d->name);
	if (reserved(d->name))
		return svc_fail(err, SVC_INVALID, field, "%s is a column rcphub reads itself, not a dimension", d->name);
	for (const char *s = eq ? eq + 1 : NULL; s && *s;) {
		const char *comma = strchr(s, '+');
		char *code = xasprintf("%.*s", (int)(comma ? (size_t)(comma - s) : strlen(s)), s);
		int ok = sdmx_id(code) && !strlist_contains(&d->codes, code);
		if (ok)
			strlist_push(&d->codes, code);
		enum svc_status st = ok ? SVC_OK
			: svc_fail(err, SVC_INVALID, field, "\"%s\": a code is letters, digits and _ @ $ -, each once", code);
		free(code);
		if (st)
			return st;
		s = comma ? comma + 1 : s + strlen(s);
	}
	return SVC_OK;
}

/* Fills ind from the values given. */
static enum svc_status indicator_from(const struct field_values *v, struct indicator *ind, struct svc_error *err)
{
	const char *code = fields_text(v, "code"), *mult = fields_text_or_default(v, "unit_mult", 1);
	if (!sdmx_id(code))
		return svc_fail(err, SVC_INVALID, "code", "\"%s\": a code is letters, digits and _ @ $ -", code);
	char *end;
	long m = strtol(mult && *mult ? mult : "0", &end, 10);
	if (*end || m < 0 || m > 12)
		return svc_fail(err, SVC_INVALID, "unit_mult", "\"%s\": give a whole number from 0 to 12", mult);
	ind->code = xstrdup(code);
	ind->name = xstrdup(fields_text(v, "name"));
	ind->definition = xstrdup_or_null(fields_text(v, "definition"));
	ind->unit = xstrdup(fields_text(v, "unit"));
	ind->unit_mult = (int)m;
	ind->periodicity = fields_text_or_default(v, "periodicity", 1)[0];
	ind->notes = xstrdup_or_null(fields_text(v, "notes"));
	ind->level = (enum level)level_parse(fields_text_or_default(v, "level", 1));
	const struct strlist *dims = fields_list(v, "dimensions");
	for (size_t i = 0; dims && i < dims->n; i++) {
		char field[48];
		snprintf(field, sizeof field, "dimensions[%zu]", i);
		ind->dims = xrealloc(ind->dims, (ind->ndims + 1) * sizeof *ind->dims);
		struct dimension *d = &ind->dims[ind->ndims++];
		memset(d, 0, sizeof *d);
		enum svc_status st = read_dimension(dims->items[i], field, d, err);
		if (st)
			return st;
		if (indicator_dimension(ind, d->name) != d)
			return svc_fail(err, SVC_INVALID, field, "%s is named twice", d->name);
	}
	return SVC_OK;
}

/* Reads indicator code of process slug into *out if the actor may read it. */
static enum svc_status readable(struct registry *r, const struct actor *a, const char *slug, const char *code,
				struct indicator *out, struct svc_error *err)
{
	int rc = store_indicator_get(registry_store(r), slug, code, out, &err->message);
	if (rc < 0)
		return SVC_ERROR;
	if (rc == 0) {
		struct record_ref ref = { .process = out->process, .level = out->level };
		if (policy_may_read(a->user, &ref))
			return SVC_OK;
		indicator_free(out);
	}
	return svc_fail(err, SVC_NOT_FOUND, "indicator", "%s has no indicator %s", slug, code);
}

enum svc_status stats_indicator_add(struct registry *r, const struct actor *a, const char *process,
				    const struct field_values *v, struct indicator *out, struct svc_error *err)
{
	const struct process *proc;
	if (registry_process(r, "process", process, &proc, err))
		return SVC_NOT_FOUND;
	if (!stats_may_define(a, proc->slug))
		return not_allowed(a, "define indicators in this process", err);
	enum svc_status st = fields_check(v, 1, err);
	struct indicator ind = { .process = xstrdup(proc->slug), .created_at = a->now,
				 .created_by = xstrdup(a->user->login) };
	if (st == SVC_OK)
		st = indicator_from(v, &ind, err);
	struct store *s = registry_store(r);
	struct indicator existing;
	if (st == SVC_OK && (st = svc_begin(s, err)) == SVC_OK) {
		int rc = store_indicator_get(s, proc->slug, ind.code, &existing, &err->message);
		if (rc == 0) {
			indicator_free(&existing);
			st = svc_fail(err, SVC_CONFLICT, "code", "%s has an indicator %s already", proc->acronym, ind.code);
		} else if (rc < 0 || store_indicator_put(s, &ind, &err->message) ||
			   audit_record(s, a, "indicator.add", proc->slug, ind.code, ind.name, err)) {
			st = SVC_ERROR;
		}
		st = svc_commit(s, st, err);
	}
	if (st == SVC_OK) {  /* the indicator as written: reading it back could fail after the commit */
		*out = ind;
		return SVC_OK;
	}
	indicator_free(&ind);
	return st;
}

enum svc_status stats_indicators(struct registry *r, const struct actor *a, const char *process,
				 struct indicator_list *out, struct svc_error *err)
{
	const struct process *proc;
	if (registry_process(r, "process", process, &proc, err))
		return SVC_NOT_FOUND;
	struct indicator_list all = { 0 };
	if (store_indicators_of(registry_store(r), proc->slug, &all, &err->message)) {
		indicator_list_free(&all);
		return SVC_ERROR;
	}
	for (size_t i = 0; i < all.n; i++) {
		struct record_ref ref = { .process = all.items[i].process, .level = all.items[i].level };
		if (!policy_may_read(a->user, &ref))
			continue;
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		out->items[out->n++] = all.items[i];
		memset(&all.items[i], 0, sizeof all.items[i]);
	}
	indicator_list_free(&all);
	return SVC_OK;
}

enum svc_status stats_indicator(struct registry *r, const struct actor *a, const char *process, const char *code,
				struct indicator *out, struct svc_error *err)
{
	const struct process *proc;
	if (registry_process(r, "process", process, &proc, err))
		return SVC_NOT_FOUND;
	return readable(r, a, proc->slug, code, out, err);
}

/* ---- import ---- */

/* An indicator met in the file: whether it held no observations before
 * (so that new cells need no lookup), and where each of its dimensions
 * is among the file's other columns (-1: none). */
struct known_indicator {
	struct indicator ind;
	int found;
	int fresh;
	int *dim_column;
};

/* New cells of indicators that held nothing before the import, waiting
 * to be added STORE_BATCH at a time: each with its line, its indicator,
 * and its texts (code, dims, comment, unit) copied into a buffer of its
 * own that is reused from batch to batch. */
struct pending {
	struct observation o[STORE_BATCH];
	long long indicator[STORE_BATCH];
	long line[STORE_BATCH];
	const char *code[STORE_BATCH];
	struct buf text[STORE_BATCH];
	size_t n;
};

struct import {
	struct registry *r;
	const struct actor *a;
	const struct process *proc;
	struct store *s;
	const struct stats_import_options *o;
	struct stats_import_report *rep;
	struct known_indicator *known;
	size_t nknown;
	struct known_indicator *last;
	char area_text[16], area[4];
	int area_ok;
	const struct country *countries;
	size_t ncountries;
	int failed;  /* the store failed: stop */
	struct svc_error *err;
	struct buf dims;
	struct pending pending;
	int staging;   /* new cells are going to the store's bulk load */
	long staged;
};

static void add_problem(struct import *im, long line, int column, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void add_problem(struct import *im, long line, int column, const char *name, const char *fmt, ...)
{
	struct stats_import_report *rep = im->rep;
	if (rep->nproblems >= STATS_MAX_PROBLEMS) {
		rep->more++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	char *message = NULL;
	if (vasprintf(&message, fmt, ap) < 0)
		message = NULL;
	va_end(ap);
	rep->problems = xrealloc(rep->problems, (rep->nproblems + 1) * sizeof *rep->problems);
	rep->problems[rep->nproblems++] = (struct stats_problem){ .line = line, .column = column,
		.column_name = xstrdup_or_null(name), .message = message ? message : xstrdup("(out of memory)") };
}

static const char *role_label[SDMX_ROLE_COUNT] = {
	[SDMX_STRUCTURE] = "STRUCTURE", [SDMX_STRUCTURE_ID] = "STRUCTURE_ID", [SDMX_ACTION] = "ACTION",
	[SDMX_DATAFLOW] = "DATAFLOW", [SDMX_INDICATOR] = "INDICATOR", [SDMX_REF_AREA] = "REF_AREA",
	[SDMX_FREQ] = "FREQ", [SDMX_TIME_PERIOD] = "TIME_PERIOD", [SDMX_OBS_VALUE] = "OBS_VALUE",
	[SDMX_OBS_STATUS] = "OBS_STATUS", [SDMX_UNIT_MEASURE] = "UNIT_MEASURE", [SDMX_UNIT_MULT] = "UNIT_MULT",
	[SDMX_COMMENT] = "COMMENT",
};

/* A problem with the value of role in row. */
#define ROW_PROBLEM(im, row, role, ...) \
	add_problem(im, (row)->line, (row)->header->column[role], role_label[role], __VA_ARGS__)

static int on_problem(void *ctx, long line, int column, const char *name, const char *message)
{
	add_problem(ctx, line, column, name, "%s", message);
	return 0;
}

static void flush(struct import *im);

static void known_free(struct import *im)
{
	for (size_t i = 0; i < im->nknown; i++) {
		indicator_free(&im->known[i].ind);
		free(im->known[i].dim_column);
	}
	free(im->known);
}

/* Loads indicator code for the file: NULL (known, found 0) when the
 * process has none the actor may read. */
static struct known_indicator *load_indicator(struct import *im, const struct sdmx_row *row, const char *code)
{
	im->known = xrealloc(im->known, (im->nknown + 1) * sizeof *im->known);
	struct known_indicator *k = &im->known[im->nknown++];
	memset(k, 0, sizeof *k);
	int rc = store_indicator_get(im->s, im->proc->slug, code, &k->ind, &im->err->message);
	if (rc < 0) {
		im->failed = 1;
		return k;
	}
	struct record_ref ref = { .process = im->proc->slug, .level = k->ind.level };
	if (rc == 1 || !policy_may_read(im->a->user, &ref)) {
		if (rc == 0)
			indicator_free(&k->ind);
		k->ind.code = xstrdup(code);
		return k;
	}
	k->found = 1;
	k->fresh = k->ind.nobs == 0;
	k->dim_column = xcalloc(k->ind.ndims ? k->ind.ndims : 1, sizeof *k->dim_column);
	const struct sdmx_header *h = row->header;
	for (size_t d = 0; d < k->ind.ndims; d++) {
		k->dim_column[d] = -1;
		for (size_t i = 0; i < h->nother; i++)
			if (strcasecmp(h->other_names[i], k->ind.dims[d].name) == 0)
				k->dim_column[d] = (int)i;
	}
	return k;
}

/* The indicator the row is about. */
static struct known_indicator *row_indicator(struct import *im, const struct sdmx_row *row)
{
	char flow[64] = "";
	const char *code = row->field[SDMX_INDICATOR];
	int role = SDMX_INDICATOR;
	if (!code || !*code) {
		role = row->field[SDMX_STRUCTURE_ID] ? SDMX_STRUCTURE_ID : SDMX_DATAFLOW;
		const char *ref = row->field[role];
		if (ref && *ref)
			sdmx_flow_id(ref, flow, sizeof flow);
		code = *flow ? flow : im->o->indicator;
	}
	if (!code || !*code) {
		add_problem(im, row->line, 0, NULL, "no indicator: the file has no INDICATOR column or dataflow, "
			    "and none was named for it");
		return NULL;
	}
	if (!im->last || strcmp(im->last->ind.code, code) != 0) {
		im->last = NULL;
		for (size_t i = 0; i < im->nknown && !im->last; i++)
			if (strcmp(im->known[i].ind.code, code) == 0)
				im->last = &im->known[i];
		if (!im->last) {
			flush(im);  /* the store answers nothing else during a bulk load */
			im->last = load_indicator(im, row, code);
		}
	}
	if (im->failed)
		return NULL;
	if (!im->last->found) {
		ROW_PROBLEM(im, row, role, "%s has no indicator %s", im->proc->acronym, code);
		return NULL;
	}
	const char *freq = row->field[SDMX_FREQ];
	if (freq && *freq && (freq[1] || freq[0] != im->last->ind.periodicity)) {
		ROW_PROBLEM(im, row, SDMX_FREQ, "%s is collected with periodicity %c, not %s", code,
			    im->last->ind.periodicity, freq);
		return NULL;
	}
	return im->last;
}

static int by_alpha3(const void *key, const void *item)
{
	return strcmp(key, ((const struct country *)item)->alpha3);
}

/* The state the row reports for, checked against what the actor may
 * submit: into o->ref_area. */
static int row_area(struct import *im, const struct sdmx_row *row, struct observation *o)
{
	const char *text = row->field[SDMX_REF_AREA];
	if (strcmp(text, im->area_text) != 0 || !*im->area_text) {
		snprintf(im->area_text, sizeof im->area_text, "%s", text);
		char code[4] = "";
		size_t len = strlen(text);
		for (size_t i = 0; i < len && len <= 3; i++)
			code[i] = (char)toupper((unsigned char)text[i]);
		const struct country *c = len == 3 ? bsearch(code, im->countries, im->ncountries, sizeof *c, by_alpha3)
						   : NULL;
		for (size_t i = 0; len == 2 && !c && i < im->ncountries; i++)
			if (strcmp(im->countries[i].alpha2, code) == 0)
				c = &im->countries[i];
		im->area[0] = '\0';
		im->area_ok = c ? 1 : -1;
		if (c) {
			snprintf(im->area, sizeof im->area, "%s", c->alpha3);
			if (!policy_may_write(im->a->user, im->proc->slug, c->alpha3))
				im->area_ok = 0;
		}
	}
	if (im->area_ok < 0)
		ROW_PROBLEM(im, row, SDMX_REF_AREA, "\"%s\" is not an ISO 3166-1 alpha-2 or alpha-3 code", text);
	else if (im->area_ok == 0)
		ROW_PROBLEM(im, row, SDMX_REF_AREA, "you may not submit data for %s", im->area);
	else
		memcpy(o->ref_area, im->area, sizeof o->ref_area);
	return im->area_ok == 1 ? 0 : -1;
}

static int row_period(struct import *im, const struct sdmx_row *row, const struct indicator *ind,
		      struct observation *o)
{
	struct period p;
	const char *text = row->field[SDMX_TIME_PERIOD];
	if (period_parse(text, &p)) {
		ROW_PROBLEM(im, row, SDMX_TIME_PERIOD, "\"%s\" is not a period (2019, 2019-S1, 2019-Q3, 2019-07)", text);
		return -1;
	}
	if (p.freq != ind->periodicity) {
		ROW_PROBLEM(im, row, SDMX_TIME_PERIOD, "\"%s\" does not fit %s's periodicity %c", text, ind->code,
			    ind->periodicity);
		return -1;
	}
	period_format(&p, o->period);
	return 0;
}

/* The row's codes for the indicator's dimensions, joined by '.', into
 * im->dims; a value in a column that is no dimension of it is refused. */
static int row_dims(struct import *im, const struct sdmx_row *row, const struct known_indicator *k)
{
	const struct sdmx_header *h = row->header;
	im->dims.len = 0;
	for (size_t d = 0; d < k->ind.ndims; d++) {
		const struct dimension *dim = &k->ind.dims[d];
		int at = k->dim_column[d];
		const char *code = at >= 0 ? row->other[at] : NULL;
		if (!code || !*code) {
			add_problem(im, row->line, at >= 0 ? h->other_columns[at] : 0, dim->name,
				    at >= 0 ? "%s needs a %s code" : "%s needs a %s column", k->ind.code, dim->name);
			return -1;
		}
		if ((dim->codes.n && !strlist_contains(&dim->codes, code)) || !sdmx_id(code)) {
			add_problem(im, row->line, h->other_columns[at], dim->name, "\"%s\" is not a code of %s", code,
				    dim->name);
			return -1;
		}
		if (d)
			buf_append(&im->dims, ".", 1);
		buf_append(&im->dims, code, strlen(code));
	}
	buf_append(&im->dims, "", 1);
	for (size_t i = 0; i < h->nother; i++) {
		if (!*row->other[i])
			continue;
		int used = 0;
		for (size_t d = 0; d < k->ind.ndims && !used; d++)
			used = k->dim_column[d] == (int)i;
		if (!used) {
			add_problem(im, row->line, h->other_columns[i], h->other_names[i], "%s has no dimension %s",
				    k->ind.code, h->other_names[i]);
			return -1;
		}
	}
	return 0;
}

static int row_value(struct import *im, const struct sdmx_row *row, const struct indicator *ind,
		     struct observation *o)
{
	const char *text = row->field[SDMX_OBS_VALUE], *status = row->field[SDMX_OBS_STATUS];
	o->missing = !*text || strcmp(text, "NaN") == 0;
	if (!o->missing) {
		char *end;
		o->value = strtod(text, &end);
		if (end == text || *end || !isfinite(o->value) || isspace((unsigned char)*text)) {
			ROW_PROBLEM(im, row, SDMX_OBS_VALUE, "\"%s\" is not a number", text);
			return -1;
		}
	}
	if (status && *status && (status[1] || !obs_status_valid(status[0]))) {
		ROW_PROBLEM(im, row, SDMX_OBS_STATUS, "\"%s\": use A (normal), P (provisional), E (estimated), "
			    "B (break) or M (missing)", status);
		return -1;
	}
	o->status = status && *status ? status[0] : 0;
	if (o->missing && o->status && o->status != 'M') {
		ROW_PROBLEM(im, row, SDMX_OBS_STATUS, "a row without a value has OBS_STATUS M, not %s", status);
		return -1;
	}
	const char *comment = row->field[SDMX_COMMENT], *unit = row->field[SDMX_UNIT_MEASURE];
	const char *mult = row->field[SDMX_UNIT_MULT];
	o->comment = comment && *comment ? (char *)comment : NULL;
	int other_mult = mult && *mult && atoi(mult) != ind->unit_mult;
	if (mult && *mult && (strspn(mult, "0123456789") != strlen(mult) || strlen(mult) > 2)) {
		ROW_PROBLEM(im, row, SDMX_UNIT_MULT, "\"%s\" is not a unit multiplier (0 to 99)", mult);
		return -1;
	}
	const char *u = unit && *unit ? unit : ind->unit;
	if (strcmp(u, ind->unit) != 0 || other_mult)
		o->unit = other_mult ? xasprintf("%s (10^%s)", u, mult) : xstrdup(u);
	return 0;
}

static int row_action(struct import *im, const struct sdmx_row *row, char *action)
{
	const char *text = row->field[SDMX_ACTION];
	*action = text && *text ? text[0] : 'I';
	if (text && *text && (text[1] || !strchr("IAMRD", text[0]))) {
		ROW_PROBLEM(im, row, SDMX_ACTION, "\"%s\": use I (information), A (append), M (merge), R (replace) "
			    "or D (delete)", text);
		return -1;
	}
	return 0;
}

static int same_observation(const struct observation *a, const struct observation *b)
{
	return a->missing == b->missing && (a->missing || a->value == b->value) && a->status == b->status &&
	       text_same(a->comment, b->comment) && text_same(a->unit, b->unit);
}

static void duplicate(struct import *im, long line, const char *code, const struct observation *o)
{
	add_problem(im, line, 0, NULL, "the same cell (%s, %s, %s%s%s) as an earlier row", code, o->ref_area, o->period,
		    *o->dims ? ", " : "", o->dims);
}

/* Adds the pending cells one by one, naming each that was there already. */
static void add_one_by_one(struct import *im)
{
	struct pending *p = &im->pending;
	for (size_t i = 0; i < p->n && !im->failed; i++) {
		int added = 0;
		if (store_observation_add(im->s, p->indicator[i], &p->o[i], &added, &im->err->message))
			im->failed = 1;
		else if (!added)
			duplicate(im, p->line[i], p->code[i], &p->o[i]);
		else
			im->rep->counts.added++;
	}
}

static int repeated(void *ctx, long line, const char *code, const struct observation *key)
{
	duplicate(ctx, line, code, key);
	return 0;
}

/* Ends the bulk load: its cells are checked and added at once. */
static void finish_stage(struct import *im)
{
	int kept = 0;
	if (store_stage_finish(im->s, repeated, im, &kept, &im->err->message))
		im->failed = 1;
	else if (kept)
		im->rep->counts.added += im->staged;
	im->staging = 0;
	im->staged = 0;
}

/* Adds the pending cells: the bulk load ended, or a whole batch in one
 * statement, and when some cell of it was there already, the batch again
 * one by one to find it. */
static void flush(struct import *im)
{
	if (im->staging) {
		finish_stage(im);
		return;
	}
	struct pending *p = &im->pending;
	char **why = &im->err->message;
	int added = 0;
	if (p->n == STORE_BATCH && !im->failed) {
		if (store_savepoint(im->s, why) || store_observations_add(im->s, p->indicator, p->o, p->n, &added, why))
			im->failed = 1;
		else if ((size_t)added == p->n && store_savepoint_release(im->s, why) == 0)
			im->rep->counts.added += added;
		else if (store_savepoint_rollback(im->s, why) == 0)
			add_one_by_one(im);
		else
			im->failed = 1;
	} else if (!im->failed) {
		add_one_by_one(im);
	}
	p->n = 0;
}

/* Copies text into b, returning its offset (or -1 for NULL). */
static long keep(struct buf *b, const char *text)
{
	if (!text)
		return -1;
	long at = (long)b->len;
	buf_append(b, text, strlen(text) + 1);
	return at;
}

/* Queues o, a new cell of an indicator that held nothing before. */
static void enqueue(struct import *im, const struct known_indicator *k, const struct observation *o, long line)
{
	struct pending *p = &im->pending;
	size_t i = p->n++;
	struct buf *b = &p->text[i];
	b->len = 0;
	long code = keep(b, k->ind.code), dims = keep(b, o->dims), comment = keep(b, o->comment),
	     unit = keep(b, o->unit);
	p->o[i] = *o;
	p->o[i].dims = b->data + dims;
	p->o[i].comment = comment < 0 ? NULL : b->data + comment;
	p->o[i].unit = unit < 0 ? NULL : b->data + unit;
	p->code[i] = b->data + code;
	p->indicator[i] = k->ind.id;
	p->line[i] = line;
	if (p->n == STORE_BATCH)
		flush(im);
}

/* Writes one checked row: adds, revises or deletes its cell. */
static void write_row(struct import *im, struct known_indicator *k, struct observation *o, char action,
		      const struct sdmx_row *row)
{
	char **why = &im->err->message;
	long long id = k->ind.id;
	if (k->fresh && action != 'D') {
		if (!o->status)
			o->status = o->missing ? 'M' : 'A';
		if (!store_can_stage(im->s)) {
			enqueue(im, k, o, row->line);
			return;
		}
		if (!im->staging && store_stage_begin(im->s, why) == 0)
			im->staging = 1;
		if (!im->staging || store_stage_add(im->s, row->line, id, o, why))
			im->failed = 1;
		else
			im->staged++;
		return;
	}
	flush(im);
	int first = 0;
	if (store_import_cell_mark(im->s, im->rep->import, id, o, &first, why)) {
		im->failed = 1;
		return;
	}
	if (!first) {
		duplicate(im, row->line, k->ind.code, o);
		return;
	}
	struct observation had;
	int rc = store_observation_find(im->s, id, o, &had, why);
	if (rc < 0) {
		im->failed = 1;
		return;
	}
	if (action == 'D') {
		if (rc == 1)
			add_problem(im, row->line, 0, NULL, "nothing to delete: %s has no value for %s, %s%s%s", k->ind.code,
				    o->ref_area, o->period, *o->dims ? ", " : "", o->dims);
		else if (store_observation_delete(im->s, id, o, im->rep->import, why))
			im->failed = 1;
		else
			im->rep->counts.deleted++;
	} else if (rc == 1) {
		if (!o->status)
			o->status = o->missing ? 'M' : 'A';
		if (store_observation_add(im->s, id, o, &first, why))
			im->failed = 1;
		else
			im->rep->counts.added++;
	} else {
		/* a merge keeps what the row leaves empty; a replacement does not */
		if (!o->status)
			o->status = action == 'R' || o->missing != had.missing ? (o->missing ? 'M' : 'A') : had.status;
		if (action != 'R' && !o->comment)
			o->comment = had.comment;
		if (same_observation(o, &had))
			im->rep->counts.unchanged++;
		else if (store_observation_replace(im->s, id, o, why))
			im->failed = 1;
		else
			im->rep->counts.revised++;
	}
	if (rc == 0) {
		if (o->comment == had.comment)
			o->comment = NULL;
		free(had.dims);
		free(had.comment);
		free(had.unit);
	}
}

static int on_row(void *ctx, const struct sdmx_row *row)
{
	struct import *im = ctx;
	struct observation o = { .import = im->rep->import };
	char action;
	struct known_indicator *k;
	im->rep->rows++;
	if (row_action(im, row, &action) == 0 && (k = row_indicator(im, row)) && row_area(im, row, &o) == 0 &&
	    row_period(im, row, &k->ind, &o) == 0 && row_dims(im, row, k) == 0 &&
	    (action == 'D' || row_value(im, row, &k->ind, &o) == 0)) {
		o.dims = im->dims.data;
		write_row(im, k, &o, action, row);
	}
	free(o.unit);
	return im->failed ? -1 : 0;
}

static const char *format_name(enum sdmx_format f)
{
	return f == SDMX_CSV_1 ? "sdmx-csv-1.0" : f == SDMX_CSV_2 ? "sdmx-csv-2.0" : "csv";
}

/* Remembers the file's format for the report (called with each row). */
static int on_row_first(void *ctx, const struct sdmx_row *row)
{
	struct import *im = ctx;
	im->rep->format = format_name(row->header->format);
	return on_row(ctx, row);
}

enum svc_status stats_import(struct registry *r, const struct actor *a, const char *process, FILE *in,
			     const char *file_name, const struct stats_import_options *o,
			     struct stats_import_report *rep, struct svc_error *err)
{
	const struct process *proc;
	memset(rep, 0, sizeof *rep);
	rep->format = "unknown";
	if (registry_process(r, "process", process, &proc, err))
		return SVC_NOT_FOUND;
	if (!stats_may_import(a, proc->slug))
		return not_allowed(a, "submit data to this process", err);
	struct import im = { .r = r, .a = a, .proc = proc, .s = registry_store(r), .o = o, .rep = rep, .err = err };
	im.countries = registry_countries(r, &im.ncountries);
	enum svc_status st = svc_begin(im.s, err);
	if (st)
		return st;
	if (store_stat_import_begin(im.s, proc->slug, file_name, a->user->login, a->now, &rep->import,
				    &err->message)) {
		return svc_commit(im.s, SVC_ERROR, err);
	}
	char *why = NULL;
	int rc = sdmx_csv_read(in, o->map, o->nmap, on_row_first, on_problem, o->progress, &im, &why);
	flush(&im);
	if (rc < 0 && !im.failed)
		add_problem(&im, why && strncmp(why, "header", 6) == 0 ? 1 : 0, 0, NULL, "%s", why ? why : "unreadable");
	free(why);
	if (im.failed)
		st = SVC_ERROR;
	else if (rep->nproblems) {
		memset(&rep->counts, 0, sizeof rep->counts);  /* nothing was kept */
		st = svc_fail(err, SVC_INVALID, NULL, "%zu problem%s in %s; nothing was imported",
			      rep->nproblems + (size_t)rep->more, rep->nproblems + (size_t)rep->more == 1 ? "" : "s",
			      file_name);
	} else if (!o->dry_run) {
		char *detail = xasprintf("%s: %lld added, %lld revised, %lld deleted, %lld unchanged", file_name,
					 rep->counts.added, rep->counts.revised, rep->counts.deleted, rep->counts.unchanged);
		char object[32];
		snprintf(object, sizeof object, "import:%lld", rep->import);
		if (store_stat_import_finish(im.s, rep->import, rep->format, &rep->counts, &err->message) ||
		    audit_record(im.s, a, "stats.import", proc->slug, object, detail, err))
			st = SVC_ERROR;
		free(detail);
	}
	if (o->dry_run || st != SVC_OK) {
		struct svc_error ignored = { 0 };
		svc_commit(im.s, SVC_INVALID, &ignored);
		svc_error_free(&ignored);
		rep->import = 0;
	} else {
		st = svc_commit(im.s, st, err);
	}
	known_free(&im);
	buf_free(&im.dims);
	for (size_t i = 0; i < STORE_BATCH; i++)
		buf_free(&im.pending.text[i]);
	return st;
}

enum svc_status stats_import_bytes(struct registry *r, const struct actor *a, const char *process, const char *data,
				   size_t len, const char *file_name, const struct stats_import_options *o,
				   struct stats_import_report *rep, struct svc_error *err)
{
	FILE *in = len ? fmemopen((void *)data, len, "r") : fopen("/dev/null", "r");
	if (!in) {
		memset(rep, 0, sizeof *rep);
		return svc_fail(err, SVC_ERROR, NULL, "cannot read the uploaded file");
	}
	enum svc_status st = stats_import(r, a, process, in, file_name, o, rep, err);
	fclose(in);
	return st;
}

/* ---- export ---- */

struct export {
	const struct indicator *ind;
	const struct period *from, *to;
	const struct stats_filter *f;
	const struct strlist *areas;
	const struct stats_sink *sink;
};

/* Whether code is one of the '+'-separated alternatives of want. */
static int one_of(const char *want, const char *code, size_t len)
{
	for (const char *s = want; s;) {
		const char *plus = strchr(s, '+');
		size_t n = plus ? (size_t)(plus - s) : strlen(s);
		if (n == len && strncmp(s, code, len) == 0)
			return 1;
		s = plus ? plus + 1 : NULL;
	}
	return 0;
}

static int dims_match(const struct stats_filter *f, const char *dims)
{
	for (size_t d = 0; d < f->ndims; d++) {
		const char *dot = strchr(dims, '.');
		size_t len = dot ? (size_t)(dot - dims) : strlen(dims);
		if (f->dims[d] && *f->dims[d] && !one_of(f->dims[d], dims, len))
			return 0;
		dims = dot ? dot + 1 : dims + len;
	}
	return 1;
}

static int export_one(void *ctx, const struct observation *o)
{
	struct export *e = ctx;
	struct period p;
	if (period_parse(o->period, &p) || !period_within(&p, e->from, e->to) || !dims_match(e->f, o->dims))
		return 0;
	if (e->areas->n && !strlist_contains(e->areas, o->ref_area))
		return 0;
	return e->sink->row(e->sink->ctx, e->ind, o);
}

/* Reads a period bound of the filter into *p; NULL or "" is open. */
static enum svc_status bound(const char *text, const char *field, struct period *p, const struct period **out,
			     struct svc_error *err)
{
	*out = NULL;
	if (!text || !*text)
		return SVC_OK;
	if (period_parse(text, p))
		return svc_fail(err, SVC_INVALID, field, "\"%s\" is not a period (2019, 2019-S1, 2019-Q3, 2019-07)",
				text);
	*out = p;
	return SVC_OK;
}

/* The states the filter names ('+' between several) as alpha-3 codes. */
static enum svc_status states_of(struct registry *r, const char *text, struct strlist *out, struct svc_error *err)
{
	for (const char *s = text; s && *s;) {
		const char *plus = strchr(s, '+');
		char *name = xasprintf("%.*s", (int)(plus ? (size_t)(plus - s) : strlen(s)), s);
		const struct country *c;
		enum svc_status st = registry_country(r, "state", name, &c, err);
		if (st == SVC_OK)
			strlist_push(out, c->alpha3);
		free(name);
		if (st)
			return SVC_INVALID;
		s = plus ? plus + 1 : s + strlen(s);
	}
	return SVC_OK;
}

enum svc_status stats_export(struct registry *r, const struct actor *a, const char *process,
			     const struct stats_filter *f, const struct stats_sink *sink, struct svc_error *err)
{
	struct indicator_list l = { 0 };
	struct strlist areas = { 0 };
	struct period from, to;
	struct export e = { .f = f, .sink = sink, .areas = &areas };
	enum svc_status st = bound(f->from, "from", &from, &e.from, err);
	if (st == SVC_OK)
		st = bound(f->to, "to", &to, &e.to, err);
	if (st == SVC_OK)
		st = states_of(r, f->state, &areas, err);
	if (st == SVC_OK && f->indicator) {
		l.items = xcalloc(1, sizeof *l.items);
		st = stats_indicator(r, a, process, f->indicator, &l.items[0], err);
		l.n = st == SVC_OK;
	} else if (st == SVC_OK) {
		st = stats_indicators(r, a, process, &l, err);
	}
	const char *one_area = areas.n == 1 ? areas.items[0] : NULL;
	if (st == SVC_OK && sink->begin(sink->ctx, l.items, l.n))
		st = svc_fail(err, SVC_ERROR, NULL, "writing the export failed");
	for (size_t i = 0; st == SVC_OK && i < l.n; i++) {
		e.ind = &l.items[i];
		int rc = store_observations_each(registry_store(r), l.items[i].id, one_area, export_one, &e,
						 &err->message);
		if (rc < 0)
			st = SVC_ERROR;
		else if (rc > 0)
			st = svc_fail(err, SVC_ERROR, NULL, "writing the export failed");
	}
	indicator_list_free(&l);
	strlist_free(&areas);
	return st;
}

static int no_header(void *ctx, const struct indicator *inds, size_t n)
{
	(void)ctx, (void)inds, (void)n;
	return 0;
}

static int keep_row(void *ctx, const struct indicator *ind, const struct observation *o)
{
	(void)ind;
	struct observation_list *l = ctx;
	l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
	struct observation *copy = &l->items[l->n++];
	*copy = *o;
	copy->dims = xstrdup(o->dims);
	copy->comment = xstrdup_or_null(o->comment);
	copy->unit = xstrdup_or_null(o->unit);
	return 0;
}

enum svc_status stats_observations(struct registry *r, const struct actor *a, const char *process,
				   const struct stats_filter *f, struct observation_list *out, struct svc_error *err)
{
	struct stats_sink sink = { .begin = no_header, .row = keep_row, .ctx = out };
	return stats_export(r, a, process, f, &sink, err);
}

int stats_may_read_imports(const struct actor *a, const char *process)
{
	return policy_may_read_submissions(a->user, process);
}

enum svc_status stats_imports(struct registry *r, const struct actor *a, const char *process, long limit,
			      struct stat_import_list *out, struct svc_error *err)
{
	const struct process *proc;
	if (registry_process(r, "process", process, &proc, err))
		return SVC_NOT_FOUND;
	if (!stats_may_read_imports(a, proc->slug))
		return svc_fail(err, SVC_NOT_FOUND, NULL, "no submissions of %s you may see", proc->acronym);
	return store_stat_imports_of(registry_store(r), proc->slug, limit, out, &err->message) ? SVC_ERROR : SVC_OK;
}

enum svc_status stats_submissions(struct registry *r, const struct actor *a, const char *process,
				  struct indicator_list *indicators, struct submission_list *subs,
				  struct svc_error *err)
{
	enum svc_status st = stats_indicators(r, a, process, indicators, err);
	for (size_t i = 0; st == SVC_OK && i < indicators->n; i++)
		if (store_submissions_of(registry_store(r), indicators->items[i].id, subs, &err->message))
			st = SVC_ERROR;
	return st;
}

enum svc_status stats_revisions(struct registry *r, const struct actor *a, const char *process, const char *code,
				const char *state, const char *period, const char *dims, struct revision_list *out,
				struct svc_error *err)
{
	struct indicator ind;
	const struct country *c;
	struct period p;
	enum svc_status st = stats_indicator(r, a, process, code, &ind, err);
	if (st)
		return st;
	struct observation key = { .dims = (char *)(dims ? dims : "") };
	size_t parts = *key.dims ? 1 : 0;
	for (const char *d = key.dims; *d; d++)
		parts += *d == '.';
	if (registry_country(r, "state", state ? state : "", &c, err))
		st = SVC_INVALID;
	else if (!period || period_parse(period, &p) || p.freq != ind.periodicity)
		st = svc_fail(err, SVC_INVALID, "period", "\"%s\" is not a period of %s (periodicity %c)",
			      period ? period : "", ind.code, ind.periodicity);
	else if (parts != ind.ndims)
		st = svc_fail(err, SVC_INVALID, "dims", "%s has %zu dimension%s: give their codes joined by '.'",
			      ind.code, ind.ndims, ind.ndims == 1 ? "" : "s");
	if (st == SVC_OK) {
		snprintf(key.ref_area, sizeof key.ref_area, "%s", c->alpha3);
		period_format(&p, key.period);
		if (store_observation_revisions(registry_store(r), ind.id, &key, out, &err->message))
			st = SVC_ERROR;
	}
	for (size_t i = 0; st == SVC_OK && !stats_may_read_imports(a, ind.process) && i < out->n; i++) {
		free(out->items[i].by);
		free(out->items[i].file_name);
		out->items[i].by = out->items[i].file_name = NULL;
	}
	indicator_free(&ind);
	return st;
}

/* ---- comparability ---- */

enum svc_status stats_check_process(struct registry *r, const struct actor *a, const char *process,
				    const char *code, struct stats_check_report *out, struct svc_error *err)
{
	const struct process *proc;
	if (registry_process(r, "process", process, &proc, err))
		return SVC_NOT_FOUND;
	struct indicator_list l = { 0 };
	enum svc_status st;
	if (code) {
		l.items = xcalloc(1, sizeof *l.items);
		st = readable(r, a, proc->slug, code, &l.items[0], err);
		l.n = st == SVC_OK;
	} else {
		st = stats_indicators(r, a, proc->slug, &l, err);
	}
	const char **members = xcalloc(proc->parts.n + 1, sizeof *members);
	size_t nmembers = 0;
	for (size_t i = 0; i < proc->parts.n; i++) {
		const struct participation *pa = &proc->parts.items[i];
		if (pa->role == ROLE_MEMBER && pa->kind != PARTY_ORGANISATION && participation_current(pa))
			members[nmembers++] = pa->code;
	}
	for (size_t i = 0; st == SVC_OK && i < l.n; i++) {
		struct observation_list obs = { 0 };
		if (store_observations_of(registry_store(r), l.items[i].id, NULL, &obs, &err->message)) {
			observation_list_free(&obs);
			st = SVC_ERROR;
			break;
		}
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		struct stats_check_result *res = &out->items[out->n++];
		memset(res, 0, sizeof *res);
		stats_check(&l.items[i], &obs, members, nmembers, &res->findings);
		for (size_t k = 0; k < obs.n; k++)
			res->states += k == 0 || strcmp(obs.items[k].ref_area, obs.items[k - 1].ref_area) != 0;
		res->indicator = l.items[i];
		memset(&l.items[i], 0, sizeof l.items[i]);
		observation_list_free(&obs);
	}
	free(members);
	indicator_list_free(&l);
	return st;
}

void stats_check_report_free(struct stats_check_report *rep)
{
	for (size_t i = 0; i < rep->n; i++) {
		indicator_free(&rep->items[i].indicator);
		finding_list_free(&rep->items[i].findings);
	}
	free(rep->items);
	memset(rep, 0, sizeof *rep);
}
