/* csv_out.c: registry tables written as CSV (RFC 4180 quoting by libcsv) */
#include "csv_out.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int field(FILE *out, const char *s, int first)
{
	if (!first && fputc(',', out) == EOF)
		return -1;
	return csv_fwrite(out, s, strlen(s));
}

int csv_write_matrix(FILE *out, const struct process_list *processes, const double *m)
{
	size_t n = processes->n;
	int rc = field(out, "process", 1);
	for (size_t j = 0; j < n && !rc; j++)
		rc = field(out, processes->items[j].slug, 0);
	if (!rc && fputs("\r\n", out) == EOF)
		rc = -1;
	for (size_t i = 0; i < n && !rc; i++) {
		rc = field(out, processes->items[i].slug, 1);
		for (size_t j = 0; j < n && !rc; j++)
			rc = fprintf(out, ",%.4f", m[i * n + j]) < 0 ? -1 : 0;
		if (!rc && fputs("\r\n", out) == EOF)
			rc = -1;
	}
	return rc || ferror(out) ? -1 : 0;
}

/* A cell that cannot start a spreadsheet formula. */
static int safe_field(FILE *out, const char *s, int first)
{
	if (s && strchr("=+-@\t\r", s[0]) && s[0]) {
		char *quoted = NULL;
		size_t len = strlen(s);
		quoted = malloc(len + 2);
		if (!quoted)
			return -1;
		quoted[0] = '\'';
		memcpy(quoted + 1, s, len + 1);
		int rc = field(out, quoted, first);
		free(quoted);
		return rc;
	}
	return field(out, s ? s : "", first);
}

int csv_write_audit(FILE *out, const struct audit_list *l)
{
	static const char *const head[] = { "id", "at", "user", "address", "action",
					    "process", "object", "detail" };
	int rc = 0;
	for (size_t i = 0; i < 8 && !rc; i++)
		rc = field(out, head[i], i == 0);
	if (!rc && fputs("\r\n", out) == EOF)
		rc = -1;
	for (size_t i = 0; i < l->n && !rc; i++) {
		const struct audit_entry *e = &l->items[i];
		char at[32];
		time_t t = (time_t)e->at;
		struct tm tm;
		strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
		rc = fprintf(out, "%lld", e->id) < 0 || field(out, at, 0) ||
		     safe_field(out, e->login, 0) || safe_field(out, e->address, 0) ||
		     safe_field(out, e->action, 0) || safe_field(out, e->process, 0) ||
		     safe_field(out, e->object, 0) || safe_field(out, e->detail, 0) ||
		     fputs("\r\n", out) == EOF ? -1 : 0;
	}
	return rc || ferror(out) ? -1 : 0;
}

int csv_write_focal_points(FILE *out, const struct focal_point_list *l)
{
	static const char *const head[] = { "process", "party", "party_name", "position", "name", "title", "ministry",
					    "email", "phone", "languages", "verified" };
	int rc = 0;
	for (size_t i = 0; i < sizeof head / sizeof head[0] && !rc; i++)
		rc = field(out, head[i], i == 0);
	if (!rc && fputs("\r\n", out) == EOF)
		rc = -1;
	for (size_t k = 0; k < l->n && !rc; k++) {
		const struct focal_point *f = &l->items[k];
		char languages[256] = "";
		for (size_t i = 0; i < f->languages.n; i++) {
			size_t used = strlen(languages);
			snprintf(languages + used, sizeof languages - used, "%s%s", i ? " " : "", f->languages.items[i]);
		}
		const char *cells[] = { f->process, f->party, f->party_name, f->alternate ? "alternate" : "focal-point", f->name,
					f->title, f->ministry, f->email, f->phone, languages, f->verified };
		for (size_t i = 0; i < sizeof cells / sizeof cells[0] && !rc; i++)
			rc = safe_field(out, cells[i], i == 0);
		if (!rc && fputs("\r\n", out) == EOF)
			rc = -1;
	}
	return rc || ferror(out) ? -1 : 0;
}

int csv_write_plan_report(FILE *out, const struct plan_report *r)
{
	static const char *const head[] = { "item", "text", "due", "owner", "name", "status", "reported", "overdue" };
	int rc = 0;
	for (size_t i = 0; i < sizeof head / sizeof head[0] && !rc; i++)
		rc = field(out, head[i], i == 0);
	if (!rc && fputs("\r\n", out) == EOF)
		rc = -1;
	for (size_t k = 0; k < r->n && !rc; k++) {
		const struct standing *s = &r->rows[k];
		char position[16];
		snprintf(position, sizeof position, "%d", s->item->position);
		const char *cells[] = { position, s->item->text, s->item->due, s->commitment->owner,
					s->commitment->owner_name, s->status, s->latest ? s->latest->reported : NULL,
					s->overdue ? "yes" : "no" };
		for (size_t i = 0; i < sizeof cells / sizeof cells[0] && !rc; i++)
			rc = safe_field(out, cells[i], i == 0);
		if (!rc && fputs("\r\n", out) == EOF)
			rc = -1;
	}
	return rc || ferror(out) ? -1 : 0;
}

static const char *const stats_labels[] = {
	"STRUCTURE: Structure type", "STRUCTURE_ID: Structure identifier", "ACTION: Action",
	"REF_AREA: Reference area", "TIME_PERIOD: Time period", "OBS_VALUE: Observation value",
	"OBS_STATUS: Observation status", "UNIT_MEASURE: Unit of measure", "UNIT_MULT: Unit multiplier",
	"COMMENT: Comment",
};

/* A header cell: the id, or "ID: Label" with labels. */
static int head_cell(struct stats_csv *w, int label, int first)
{
	const char *s = stats_labels[label];
	if (w->labels)
		return field(w->out, s, first);
	char id[32];
	snprintf(id, sizeof id, "%.*s", (int)strcspn(s, ":"), s);
	return field(w->out, id, first);
}

int csv_write_stats_header(struct stats_csv *w, const struct indicator *inds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < inds[i].ndims; k++)
			if (!strlist_contains(&w->dims, inds[i].dims[k].name))
				strlist_push(&w->dims, inds[i].dims[k].name);
	int rc = w->sdmx ? head_cell(w, 0, 1) || head_cell(w, 1, 0) || head_cell(w, 2, 0)
			 : field(w->out, "INDICATOR", 1);
	rc = rc || head_cell(w, 3, 0);
	for (size_t k = 0; k < w->dims.n && !rc; k++)
		rc = field(w->out, w->dims.items[k], 0);
	for (int c = 4; c < 10 && !rc; c++)
		rc = head_cell(w, c, 0);
	return rc || fputs("\r\n", w->out) == EOF ? -1 : 0;
}

static int by_alpha3(const void *key, const void *item)
{
	return strcmp(key, ((const struct country *)item)->alpha3);
}

/* A coded cell: "CODE", or "CODE: Label" with labels and a label. */
static int code_cell(struct stats_csv *w, const char *code, const char *label)
{
	if (!w->labels || !label)
		return field(w->out, code, 0);
	char *both = NULL;
	if (asprintf(&both, "%s: %s", code, label) < 0)
		return -1;
	int rc = field(w->out, both, 0);
	free(both);
	return rc;
}

/* The code of dimension name in o (of ind), or "" when ind has no such
 * dimension, into out. */
static void dim_code(const struct indicator *ind, const struct observation *o, const char *name, char *out,
		     size_t n)
{
	const char *code = o->dims;
	out[0] = '\0';
	for (size_t k = 0; k < ind->ndims && code; k++) {
		const char *dot = strchr(code, '.');
		size_t len = dot ? (size_t)(dot - code) : strlen(code);
		if (strcmp(ind->dims[k].name, name) == 0) {
			snprintf(out, n, "%.*s", (int)len, code);
			return;
		}
		code = dot ? dot + 1 : NULL;
	}
}

int csv_write_stats_row(struct stats_csv *w, const struct indicator *ind, const struct observation *o)
{
	int rc;
	if (w->sdmx) {
		char *ref = NULL;
		if (asprintf(&ref, "%s:%s(1.0)", ind->process, ind->code) < 0)
			return -1;
		rc = field(w->out, "dataflow", 1) || code_cell(w, ref, ind->name) || field(w->out, "I", 0);
		free(ref);
	} else {
		rc = field(w->out, ind->code, 1);
	}
	const struct country *c = w->countries ? bsearch(o->ref_area, w->countries, w->ncountries, sizeof *c, by_alpha3)
					       : NULL;
	rc = rc || code_cell(w, o->ref_area, c ? c->name : NULL);
	for (size_t k = 0; k < w->dims.n && !rc; k++) {
		char code[128];
		dim_code(ind, o, w->dims.items[k], code, sizeof code);
		rc = field(w->out, code, 0);
	}
	char value[32] = "", status[2] = { o->status, '\0' }, mult[8];
	if (!o->missing)
		stats_format_value(o->value, value);
	snprintf(mult, sizeof mult, "%d", ind->unit_mult);
	rc = rc || field(w->out, o->period, 0) || field(w->out, o->missing ? "NaN" : value, 0) ||
	     code_cell(w, status, obs_status_name(o->status)) || field(w->out, o->unit ? o->unit : ind->unit, 0) ||
	     field(w->out, o->unit ? "" : mult, 0) || field(w->out, o->comment ? o->comment : "", 0);
	return rc || fputs("\r\n", w->out) == EOF ? -1 : 0;
}

void csv_stats_free(struct stats_csv *w)
{
	strlist_free(&w->dims);
}

int csv_stats_begin(void *ctx, const struct indicator *inds, size_t n)
{
	return csv_write_stats_header(ctx, inds, n);
}

int csv_stats_row(void *ctx, const struct indicator *ind, const struct observation *o)
{
	return csv_write_stats_row(ctx, ind, o);
}

int csv_write_sheet(FILE *out, const struct sheet *sh)
{
	int rc = 0;
	for (size_t c = 0; c < sh->ncols && !rc; c++)
		rc = field(out, sh->columns[c], c == 0);
	if (!rc && fputs("\r\n", out) == EOF)
		rc = -1;
	for (size_t r = 0; r < sheet_rows(sh) && !rc; r++) {
		for (size_t c = 0; c < sh->ncols && !rc; c++) {
			const struct cell *cell = sheet_cell(sh, r, c);
			if (cell->is_number)
				rc = fprintf(out, c ? ",%.15g" : "%.15g", cell->number) < 0 ? -1 : 0;
			else
				rc = safe_field(out, cell->text, c == 0);
		}
		if (!rc && fputs("\r\n", out) == EOF)
			rc = -1;
	}
	return rc || ferror(out) ? -1 : 0;
}
