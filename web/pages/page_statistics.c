/* page_statistics.c: a process's indicators, uploads with their row-level report, and an indicator's table, charts and checks */
#include "pages.h"
#include "../../core/period.h"
#include "../../core/xalloc.h"
#include "../../io/markdown.h"
#include "../../services/statistics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const form_extras[] = { "csrf_token", NULL };
/* Beyond these, series are left to the exports (table, small charts) and to
 * the small charts alone (one chart with a line each). */
#define MAX_SERIES 60
#define MAX_LINES 12

/* Colours for series, told apart also by their legend's order. */
static const char *const palette[] = { "#1f5f8b", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085",
				       "#7f8c8d", "#b7950b" };
#define NPALETTE (sizeof palette / sizeof palette[0])

static void link_indicator(struct buf *b, const char *process, const char *code, const char *text)
{
	html_raw(b, "<a href=\"/processes/");
	html_url_arg(b, process);
	html_raw(b, "/statistics/");
	html_url_arg(b, code);
	html_raw(b, "\">");
	html_txt(b, text);
	html_raw(b, "</a>");
}

static void value_cell(struct buf *b, const struct observation *o)
{
	char value[32];
	if (o->missing) {
		html_raw(b, "<td class=\"num missing\" title=\"missing\">..</td>");
		return;
	}
	stats_format_value(o->value, value);
	html_raw(b, o->status == 'A' ? "<td class=\"num\">" : "<td class=\"num flagged\" title=\"");
	if (o->status != 'A') {
		html_txt(b, obs_status_name(o->status));
		html_raw(b, "\">");
	}
	html_txt(b, value);
	if (o->status != 'A') {
		char flag[2] = { o->status, '\0' };
		html_raw(b, " <sup>");
		html_txt(b, flag);
		html_raw(b, "</sup>");
	}
	html_raw(b, "</td>");
}

/* How many states gave values for indicator id, in subs. */
static size_t states_reporting(const struct submission_list *subs, long long id)
{
	size_t n = 0;
	for (size_t i = 0; i < subs->n; i++)
		n += subs->items[i].indicator == id;
	return n;
}

static void indicators_table(struct buf *b, const struct indicator_list *l, const struct submission_list *subs)
{
	html_raw(b, "<table><thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Unit</th>"
		    "<th scope=\"col\">Every</th><th scope=\"col\">By</th><th scope=\"col\">Who may see</th>"
		    "<th scope=\"col\" class=\"num\">Values</th><th scope=\"col\" class=\"num\">States</th>"
		    "</tr></thead><tbody>");
	for (size_t i = 0; i < l->n; i++) {
		const struct indicator *ind = &l->items[i];
		char freq = ind->periodicity;
		html_raw(b, "<tr><td>");
		link_indicator(b, ind->process, ind->code, ind->name);
		html_raw(b, " <code>");
		html_txt(b, ind->code);
		html_raw(b, "</code></td><td>");
		html_txt(b, ind->unit);
		html_raw(b, "</td><td>");
		html_txt(b, freq == 'A' ? "year" : freq == 'S' ? "half-year" : freq == 'Q' ? "quarter" : "month");
		html_raw(b, "</td><td>");
		for (size_t k = 0; k < ind->ndims; k++) {
			html_raw(b, k ? ", " : "");
			html_txt(b, ind->dims[k].name);
		}
		html_raw(b, "</td><td>");
		html_txt(b, level_name(ind->level));
		html_raw(b, "</td><td class=\"num\">");
		html_int(b, ind->nobs);
		html_raw(b, "</td><td class=\"num\">");
		html_int(b, (long long)states_reporting(subs, ind->id));
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
}

static const struct submission *submission_of(const struct submission_list *subs, long long id, const char *state)
{
	for (size_t i = 0; i < subs->n; i++)
		if (subs->items[i].indicator == id && strcmp(subs->items[i].ref_area, state) == 0)
			return &subs->items[i];
	return NULL;
}

/* Each member state against each indicator: its latest period, or
 * nothing yet. */
static void status_grid(struct buf *b, const struct process *p, const struct indicator_list *l,
			const struct submission_list *subs)
{
	html_raw(b, "<section><h2>Where each member stands</h2><div class=\"scroll\"><table class=\"grid status\">"
		    "<caption>The latest period each member government has given, per indicator</caption><thead><tr>"
		    "<th scope=\"col\">State</th>");
	for (size_t i = 0; i < l->n; i++) {
		html_raw(b, "<th scope=\"col\" title=\"");
		html_attr(b, l->items[i].name);
		html_raw(b, "\">");
		html_txt(b, l->items[i].code);
		html_raw(b, "</th>");
	}
	html_raw(b, "</tr></thead><tbody>");
	for (size_t k = 0; k < p->parts.n; k++) {
		const struct participation *pa = &p->parts.items[k];
		if (pa->role != ROLE_MEMBER || pa->kind == PARTY_ORGANISATION || !participation_current(pa))
			continue;
		html_raw(b, "<tr><th scope=\"row\">");
		page_link_state(b, pa->code, pa->name);
		html_raw(b, "</th>");
		for (size_t i = 0; i < l->n; i++) {
			const struct submission *sub = submission_of(subs, l->items[i].id, pa->code);
			html_raw(b, sub ? "<td>" : "<td class=\"none\">");
			html_txt(b, sub ? sub->latest : "nothing yet");
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div></section>");
}

static void imports_table(struct buf *b, struct req *r, const struct stat_import_list *l)
{
	html_raw(b, "<section><h2>Latest submissions</h2>");
	if (!l->n) {
		html_raw(b, "<p>None yet.</p></section>");
		return;
	}
	html_raw(b, "<table><thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">Who</th>"
		    "<th scope=\"col\">File</th><th scope=\"col\" class=\"num\">Added</th>"
		    "<th scope=\"col\" class=\"num\">Revised</th><th scope=\"col\" class=\"num\">Deleted</th>"
		    "<th scope=\"col\" class=\"num\">Unchanged</th></tr></thead><tbody>");
	for (size_t i = 0; i < l->n; i++) {
		const struct stat_import *im = &l->items[i];
		char when[32];
		time_t t = (time_t)im->created_at;
		struct tm tm;
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", gmtime_r(&t, &tm));
		html_raw(b, "<tr><td>");
		html_txt(b, when);
		html_raw(b, "</td><td>");
		page_person(b, r, im->created_by);
		html_raw(b, "</td><td>");
		html_txt(b, im->file_name);
		html_raw(b, " <span class=\"meta\">");
		html_txt(b, im->format);
		html_raw(b, "</span></td>");
		const long long counts[] = { im->counts.added, im->counts.revised, im->counts.deleted, im->counts.unchanged };
		for (size_t k = 0; k < 4; k++) {
			html_raw(b, "<td class=\"num\">");
			html_int(b, counts[k]);
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></section>");
}

static void upload_form(struct buf *b, struct req *r, const char *slug)
{
	html_raw(b, "<section><h2>Submit data</h2><p>An SDMX-CSV file (1.0 or 2.0, labels as ids or both) or a CSV "
		    "file with the columns REF_AREA, TIME_PERIOD and OBS_VALUE, and INDICATOR or a dataflow. "
		    "Every row is checked; a file with any problem is kept whole or not at all.</p>"
		    "<form class=\"stacked\" method=\"post\" enctype=\"multipart/form-data\" action=\"/processes/");
	html_url_arg(b, slug);
	html_raw(b, "/statistics\">");
	page_csrf_field(b, r);
	html_raw(b, "<div class=\"field\"><label for=\"upload-file\">File</label>"
		    "<input type=\"file\" id=\"upload-file\" name=\"file\" accept=\".csv,text/csv\" required></div>"
		    "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"dry_run\" value=\"1\"> "
		    "Check only: keep nothing</label></div><button type=\"submit\">Upload</button></form></section>");
}

static void indicator_form(struct buf *b, struct req *r, const char *slug, const struct field_values *v,
			   const struct svc_error *err)
{
	char *action = xasprintf("/processes/%s/indicators", slug);
	html_raw(b, "<section><h2 id=\"define\">Define an indicator</h2>");
	page_fields_form(b, r, action, "Define", v, err, "indicator-", form_extras);
	html_raw(b, "</section>");
	free(action);
}

static void statistics_page(struct req *r, int status, const struct process *p, const struct field_values *v,
			    const struct svc_error *err)
{
	struct indicator_list l = { 0 };
	struct submission_list subs = { 0 };
	struct stat_import_list imports = { 0 };
	struct svc_error lerr = { 0 };
	enum svc_status st = stats_submissions(r->reg, &r->actor, p->slug, &l, &subs, &lerr);
	int show_imports = st == SVC_OK && stats_may_read_imports(&r->actor, p->slug);
	if (show_imports)
		st = stats_imports(r->reg, &r->actor, p->slug, 10, &imports, &lerr);
	if (st) {
		indicator_list_free(&l);
		free(subs.items);
		page_status(r, st, &lerr);
		return;
	}
	struct buf b = { 0 };
	char *title = xasprintf("Statistics of %s", p->acronym);
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1>");
	if (!l.n) {
		html_raw(&b, "<p>No indicators you may see.</p>");
	} else {
		indicators_table(&b, &l, &subs);
		status_grid(&b, p, &l, &subs);
	}
	html_raw(&b, "<p class=\"actions\">Everything you may see, as <a href=\"/api/v1/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/statistics?format=sdmx-csv\">SDMX-CSV</a>, <a href=\"/api/v1/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/statistics?format=csv\">CSV</a> or <a href=\"/api/v1/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/statistics\">JSON</a></p>");
	if (show_imports)
		imports_table(&b, r, &imports);
	if (stats_may_import(&r->actor, p->slug))
		upload_form(&b, r, p->slug);
	if (stats_may_define(&r->actor, p->slug))
		indicator_form(&b, r, p->slug, v, err);
	page_end(&b, r);
	page_send(r, status, &b);
	free(title);
	indicator_list_free(&l);
	free(subs.items);
	stat_import_list_free(&imports);
}

void page_statistics(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct field_values v;
	fields_init(&v, indicators_fields, indicators_nfields);
	fields_defaults(&v);
	statistics_page(r, 200, p, &v, NULL);
	fields_free(&v);
}

void page_indicator_create(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct field_values v;
	struct svc_error err = { 0 };
	struct indicator ind;
	fields_init(&v, indicators_fields, indicators_nfields);
	enum svc_status st = http_fields_from_form(&r->form, &v, "an indicator", form_extras, &err);
	if (st == SVC_OK)
		st = stats_indicator_add(r->reg, &r->actor, p->slug, &v, &ind, &err);
	if (st == SVC_OK) {
		char *to = xasprintf("/processes/%s/statistics/%s", ind.process, ind.code);
		http_redirect(r, to);
		free(to);
		indicator_free(&ind);
	} else if (st == SVC_INVALID || st == SVC_CONFLICT) {
		statistics_page(r, 422, p, &v, &err);
	} else {
		page_status(r, st, &err);
	}
	svc_error_free(&err);
	fields_free(&v);
}

static void problems_table(struct buf *b, const struct stats_import_report *rep)
{
	html_raw(b, "<table class=\"problems\"><caption>What is wrong, row by row</caption><thead><tr>"
		    "<th scope=\"col\" class=\"num\">Line</th><th scope=\"col\">Column</th>"
		    "<th scope=\"col\">Problem</th></tr></thead><tbody>");
	for (size_t i = 0; i < rep->nproblems; i++) {
		const struct stats_problem *p = &rep->problems[i];
		html_raw(b, "<tr><td class=\"num\">");
		html_int(b, p->line);
		html_raw(b, "</td><td>");
		if (p->column) {
			html_int(b, p->column);
			if (p->column_name) {
				html_raw(b, " (");
				html_txt(b, p->column_name);
				html_raw(b, ")");
			}
		}
		html_raw(b, "</td><td>");
		html_txt(b, p->message);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
	if (rep->more) {
		html_raw(b, "<p>And ");
		html_int(b, rep->more);
		html_raw(b, " more.</p>");
	}
}

/* What a file held and, when it was kept (or checked), what it did. */
static void counts_list(struct buf *b, const struct stats_import_report *rep, int kept)
{
	const char *labels[] = { "added", "revised", "deleted", "unchanged" };
	long long values[] = { rep->counts.added, rep->counts.revised, rep->counts.deleted, rep->counts.unchanged };
	html_raw(b, "<dl class=\"facts counts\"><dt>Rows read</dt><dd>");
	html_int(b, rep->rows);
	html_raw(b, "</dd><dt>Format</dt><dd>");
	html_txt(b, rep->format);
	html_raw(b, "</dd>");
	for (size_t i = 0; kept && i < 4; i++) {
		html_raw(b, "<dt>");
		html_txt(b, labels[i]);
		html_raw(b, "</dt><dd>");
		html_int(b, values[i]);
		html_raw(b, "</dd>");
	}
	html_raw(b, "</dl>");
}

void page_statistics_upload(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	const struct form_field *file = form_get(&r->form, "file");
	const char *dry = http_form(r, "dry_run");
	struct stats_import_options o = { .dry_run = dry && *dry };
	struct stats_import_report rep;
	struct svc_error err = { 0 };
	enum svc_status st;
	if (!file || !file->filename)
		st = svc_fail(&err, SVC_INVALID, "file", "choose a file to upload");
	else
		st = stats_import_bytes(r->reg, &r->actor, p->slug, file->value, file->len,
					*file->filename ? file->filename : "upload", &o, &rep, &err);
	if (st != SVC_OK && st != SVC_INVALID) {
		page_status(r, st, &err);
		return;
	}
	struct buf b = { 0 };
	const char *name = file && file->filename && *file->filename ? file->filename : "upload";
	char *title = xasprintf("%s: %s", name, st == SVC_INVALID ? "not imported" : o.dry_run ? "checked, nothing kept"
										  : "imported");
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1>");
	if (st == SVC_INVALID) {
		html_raw(&b, "<p class=\"error\" role=\"alert\">");
		html_txt(&b, err.message);
		html_raw(&b, "</p>");
	}
	if (file && file->filename) {
		counts_list(&b, &rep, st == SVC_OK);
		if (rep.nproblems)
			problems_table(&b, &rep);
		stats_import_report_free(&rep);
	}
	html_raw(&b, "<p class=\"actions\"><a href=\"/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/statistics\">Back to the statistics of ");
	html_txt(&b, p->acronym);
	html_raw(&b, "</a></p>");
	page_end(&b, r);
	page_send(r, st == SVC_INVALID ? 422 : 200, &b);
	free(title);
	svc_error_free(&err);
}

/* ---- one indicator ---- */

/* The periods of obs in order, without repeats. */
static void periods_of(const struct observation_list *obs, struct strlist *out)
{
	for (size_t i = 0; i < obs->n; i++)
		if (!strlist_contains(out, obs->items[i].period))
			strlist_push(out, obs->items[i].period);
	for (size_t i = 1; i < out->n; i++)
		for (size_t k = i; k > 0 && strcmp(out->items[k - 1], out->items[k]) > 0; k--) {
			char *t = out->items[k];
			out->items[k] = out->items[k - 1];
			out->items[k - 1] = t;
		}
}

/* A series: one state's observations with the same dimensions, [start, end) of obs. */
struct series {
	size_t start, end;
};

static size_t series_of(const struct observation_list *obs, struct series **out)
{
	size_t n = 0;
	*out = NULL;
	for (size_t i = 0; i < obs->n; i++)
		if (i == 0 || strcmp(obs->items[i].ref_area, obs->items[i - 1].ref_area) != 0 ||
		    strcmp(obs->items[i].dims, obs->items[i - 1].dims) != 0) {
			*out = xrealloc(*out, (n + 1) * sizeof **out);
			(*out)[n++] = (struct series){ i, i };
		}
	for (size_t k = 0; k < n; k++)
		(*out)[k].end = k + 1 < n ? (*out)[k + 1].start : obs->n;
	return n;
}

static void series_label(struct buf *b, struct req *r, const struct observation *o)
{
	html_txt(b, page_country_name(r, o->ref_area));
	if (*o->dims) {
		html_raw(b, " \xc2\xb7 ");
		html_txt(b, o->dims);
	}
}

/* States by periods: a row per series, a column per period. */
static void values_table(struct buf *b, struct req *r, const struct indicator *ind, const struct observation_list *obs,
			 const struct series *s, size_t ns, const struct strlist *periods)
{
	html_raw(b, "<div class=\"scroll\"><table class=\"values\"><caption>");
	html_txt(b, ind->name);
	html_raw(b, " (");
	html_txt(b, ind->unit);
	if (ind->unit_mult) {
		html_raw(b, " \xc3\x97 10<sup>");
		html_int(b, ind->unit_mult);
		html_raw(b, "</sup>");
	}
	html_raw(b, ")</caption><thead><tr><th scope=\"col\">State</th>");
	for (size_t k = 0; k < periods->n; k++) {
		html_raw(b, "<th scope=\"col\" class=\"num\">");
		html_txt(b, periods->items[k]);
		html_raw(b, "</th>");
	}
	html_raw(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < ns; i++) {
		html_raw(b, "<tr><th scope=\"row\">");
		series_label(b, r, &obs->items[s[i].start]);
		html_raw(b, "</th>");
		size_t j = s[i].start;
		for (size_t k = 0; k < periods->n; k++) {
			if (j < s[i].end && strcmp(obs->items[j].period, periods->items[k]) == 0)
				value_cell(b, &obs->items[j++]);
			else
				html_raw(b, "<td></td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div>");
}

/* The chart's scale: periods by ordinal along x, values from 0 (or the
 * least, when below 0) to the most along y. */
struct scale {
	long first, last;
	double low, high, step;  /* high - low is a whole number of steps */
	double x0, y0, width, height;
};

static double x_of(const struct scale *s, const char *period)
{
	struct period p;
	if (period_parse(period, &p))
		return s->x0;
	long span = s->last > s->first ? s->last - s->first : 1;
	return s->x0 + s->width * (double)(period_ordinal(&p) - s->first) / (double)span;
}

static double y_of(const struct scale *s, double v)
{
	double span = s->high > s->low ? s->high - s->low : 1;
	return s->y0 + s->height - s->height * (v - s->low) / span;
}

/* A step of 1, 2 or 5 times a power of ten that cuts span into about four. */
static double nice_step(double span)
{
	if (span <= 0)
		return 1;
	double raw = span / 4, power = pow(10, floor(log10(raw))), f = raw / power;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

static void scale_of(const struct observation_list *obs, const struct strlist *periods, struct scale *s)
{
	struct period p;
	s->first = periods->n && !period_parse(periods->items[0], &p) ? period_ordinal(&p) : 0;
	s->last = periods->n && !period_parse(periods->items[periods->n - 1], &p) ? period_ordinal(&p) : 0;
	s->low = 0;
	s->high = 0;
	for (size_t i = 0; i < obs->n; i++)
		if (!obs->items[i].missing) {
			s->low = fmin(s->low, obs->items[i].value);
			s->high = fmax(s->high, obs->items[i].value);
		}
	s->step = nice_step(s->high - s->low);
	s->low = floor(s->low / s->step) * s->step;
	s->high = fmax(ceil(s->high / s->step) * s->step, s->low + s->step);
}

/* One series as a line with a dot per value, each dot titled. */
static void series_path(struct buf *b, struct req *r, const struct observation_list *obs, const struct series *s,
			const struct scale *sc, const char *colour, int dashed, double dot)
{
	html_raw(b, "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"");
	html_raw(b, colour);
	html_raw(b, dashed ? "\" stroke-dasharray=\"6 3\" points=\"" : "\" points=\"");
	for (size_t j = s->start; j < s->end; j++)
		if (!obs->items[j].missing) {
			html_num(b, x_of(sc, obs->items[j].period), 1);
			html_raw(b, ",");
			html_num(b, y_of(sc, obs->items[j].value), 1);
			html_raw(b, " ");
		}
	html_raw(b, "\"/>");
	for (size_t j = s->start; j < s->end; j++) {
		if (obs->items[j].missing)
			continue;
		char value[32];
		stats_format_value(obs->items[j].value, value);
		html_raw(b, "<circle r=\"");
		html_num(b, dot, 1);
		html_raw(b, "\" cx=\"");
		html_num(b, x_of(sc, obs->items[j].period), 1);
		html_raw(b, "\" cy=\"");
		html_num(b, y_of(sc, obs->items[j].value), 1);
		html_raw(b, "\" fill=\"");
		html_raw(b, colour);
		html_raw(b, "\"><title>");
		series_label(b, r, &obs->items[j]);
		html_raw(b, ", ");
		html_txt(b, obs->items[j].period);
		html_raw(b, ": ");
		html_txt(b, value);
		html_raw(b, "</title></circle>");
	}
}

static void axes(struct buf *b, const struct scale *sc, const struct strlist *periods)
{
	char value[32];
	html_raw(b, "<g class=\"axis\">");
	for (double v = sc->low; v <= sc->high + sc->step / 2; v += sc->step) {
		html_raw(b, "<line x1=\"");
		html_num(b, sc->x0, 1);
		html_raw(b, "\" x2=\"");
		html_num(b, sc->x0 + sc->width, 1);
		html_raw(b, "\" y1=\"");
		html_num(b, y_of(sc, v), 1);
		html_raw(b, "\" y2=\"");
		html_num(b, y_of(sc, v), 1);
		html_raw(b, "\"/><text x=\"");
		html_num(b, sc->x0 - 6, 1);
		html_raw(b, "\" y=\"");
		html_num(b, y_of(sc, v) + 4, 1);
		html_raw(b, "\" class=\"y\">");
		stats_format_value(v, value);
		html_txt(b, value);
		html_raw(b, "</text>");
	}
	size_t step = periods->n > 8 ? (periods->n + 7) / 8 : 1;
	for (size_t k = 0; k < periods->n; k += step) {
		html_raw(b, "<text class=\"x\" x=\"");
		html_num(b, x_of(sc, periods->items[k]), 1);
		html_raw(b, "\" y=\"");
		html_num(b, sc->y0 + sc->height + 18, 1);
		html_raw(b, "\">");
		html_txt(b, periods->items[k]);
		html_raw(b, "</text>");
	}
	html_raw(b, "</g>");
}

/* Every series on one chart, with its legend. */
static void line_chart(struct buf *b, struct req *r, const struct indicator *ind, const struct observation_list *obs,
		       const struct series *s, size_t ns, const struct strlist *periods)
{
	struct scale sc = { .x0 = 70, .y0 = 10, .width = 600, .height = 240 };
	scale_of(obs, periods, &sc);
	html_raw(b, "<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 700 285\" "
		    "xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart-title\">");
	html_txt(b, ind->name);
	html_raw(b, " over time, one line per state (the table above holds the values)</title>");
	axes(b, &sc, periods);
	for (size_t i = 0; i < ns; i++)
		series_path(b, r, obs, &s[i], &sc, palette[i % NPALETTE], i / NPALETTE % 2, 3);
	html_raw(b, "</svg><figcaption><ul class=\"legend\">");
	for (size_t i = 0; i < ns; i++) {
		html_raw(b, "<li><svg width=\"22\" height=\"14\" aria-hidden=\"true\"><line x1=\"0\" y1=\"7\" x2=\"22\" "
			    "y2=\"7\" stroke-width=\"3\" stroke=\"");
		html_raw(b, palette[i % NPALETTE]);
		html_raw(b, i / NPALETTE % 2 ? "\" stroke-dasharray=\"6 3\"/></svg> " : "\"/></svg> ");
		series_label(b, r, &obs->items[s[i].start]);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></figcaption></figure>");
}

/* A small chart per series on one scale, so that fifty states stay legible. */
static void small_multiples(struct buf *b, struct req *r, const struct observation_list *obs, const struct series *s,
			    size_t ns, const struct strlist *periods)
{
	struct scale sc = { .x0 = 4, .y0 = 4, .width = 152, .height = 52 };
	scale_of(obs, periods, &sc);
	html_raw(b, "<h2>State by state</h2><ul class=\"multiples\">");
	for (size_t i = 0; i < ns; i++) {
		const struct observation *last = &obs->items[s[i].end - 1];
		char value[32] = "..";
		if (!last->missing)
			stats_format_value(last->value, value);
		html_raw(b, "<li><svg viewBox=\"0 0 160 60\" width=\"160\" height=\"60\" aria-hidden=\"true\">");
		series_path(b, r, obs, &s[i], &sc, palette[0], 0, 2);
		html_raw(b, "</svg><span>");
		series_label(b, r, &obs->items[s[i].start]);
		html_raw(b, ": ");
		html_txt(b, value);
		html_raw(b, " in ");
		html_txt(b, last->period);
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul>");
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The world map coloured by each state's latest value in the series of
 * the first dimension codes met (light to dark blue, seven classes of as
 * many states each), with each state's value and period in its title. */
static void latest_map(struct buf *b, struct req *r, const struct indicator *ind, const struct observation_list *obs,
		       const struct series *s, size_t ns)
{
	const char *dims = NULL;
	for (size_t i = 0; i < ns; i++)
		if (!dims || strcmp(obs->items[s[i].start].dims, dims) < 0)
			dims = obs->items[s[i].start].dims;
	size_t n = 0;
	const struct country *c = registry_countries(r->reg, &n);
	const char **colours = xcalloc(n + 1, sizeof *colours), **words = xcalloc(n + 1, sizeof *words);
	char **texts = xcalloc(n + 1, sizeof *texts);
	double *latest = xcalloc(n + 1, sizeof *latest), *sorted = xcalloc(ns + 1, sizeof *sorted);
	size_t k = 0;
	for (size_t i = 0; i < ns; i++) {
		const struct observation *last = NULL;
		for (size_t j = s[i].start; j < s[i].end; j++)
			if (!obs->items[j].missing && strcmp(obs->items[j].dims, dims) == 0)
				last = &obs->items[j];
		const struct country *at = NULL;
		for (size_t m = 0; last && m < n && !at; m++)
			at = strcmp(c[m].alpha3, last->ref_area) == 0 ? &c[m] : NULL;
		if (!at)
			continue;
		char value[32];
		stats_format_value(last->value, value);
		texts[at - c] = xasprintf("%s in %s", value, last->period);
		latest[at - c] = last->value;
		sorted[k++] = last->value;
	}
	qsort(sorted, k, sizeof *sorted, by_value);
	for (size_t m = 0; m < n; m++) {
		if (!texts[m])
			continue;
		size_t rank = 0;
		while (rank < k && sorted[rank] < latest[m])
			rank++;
		colours[m] = page_map_ramp[k > 1 ? rank * 7 / k : 6];
		words[m] = texts[m];
	}
	struct buf legend = { 0 };
	html_raw(&legend, "<ul class=\"legend\">");
	for (int cls = 0; cls < 7 && k; cls++) {
		size_t first = (k * (size_t)cls + 6) / 7, last = (k * (size_t)(cls + 1) + 6) / 7;
		if (first >= last)
			continue;
		char low[32], high[32];
		stats_format_value(sorted[first], low);
		stats_format_value(sorted[last - 1], high);
		html_raw(&legend, "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect width=\"14\" "
			      "height=\"14\" fill=\"");
		html_raw(&legend, page_map_ramp[k > 1 ? first * 7 / k : 6]);
		html_raw(&legend, "\"/></svg> ");
		html_txt(&legend, low);
		if (strcmp(low, high) != 0) {
			html_raw(&legend, " to ");
			html_txt(&legend, high);
		}
		html_raw(&legend, "</li>");
	}
	html_raw(&legend, "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect width=\"14\" "
		      "height=\"14\" fill=\"#e4e4e4\"/></svg> no value</li></ul>");
	char *title = *dims ? xasprintf("%s: each state's latest value (%s)", ind->name, dims)
			    : xasprintf("%s: each state's latest value", ind->name);
	html_raw(b, "<h2>On the map</h2>");
	page_map_figure(b, r, title, colours, words, &legend);
	buf_free(&legend);
	free(title);
	for (size_t m = 0; m < n; m++)
		free(texts[m]);
	free(texts);
	free(colours);
	free(words);
	free(latest);
	free(sorted);
}

static void findings_list(struct buf *b, struct req *r, const struct finding_list *l)
{
	html_raw(b, "<h2>Comparability</h2>");
	if (!l->n) {
		html_raw(b, "<p>Nothing found: one unit, no gaps, breaks or outliers, and every member reports.</p>");
		return;
	}
	html_raw(b, "<ul class=\"findings\">");
	size_t silent = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *f = &l->items[i];
		if (f->kind == FINDING_SILENT) {
			silent++;
			continue;
		}
		html_raw(b, "<li><strong>");
		html_txt(b, finding_kind_name(f->kind));
		html_raw(b, "</strong> ");
		page_link_state(b, f->ref_area, page_country_name(r, f->ref_area));
		if (*f->series) {
			html_raw(b, " (");
			html_txt(b, f->series);
			html_raw(b, ")");
		}
		html_raw(b, ": ");
		html_txt(b, f->detail);
		html_raw(b, "</li>");
	}
	if (silent) {
		html_raw(b, "<li><strong>silent</strong> ");
		html_int(b, (long long)silent);
		html_raw(b, " member state");
		html_raw(b, silent == 1 ? " reports" : "s report");
		html_raw(b, " nothing: ");
		for (size_t i = 0, k = 0; i < l->n; i++)
			if (l->items[i].kind == FINDING_SILENT) {
				html_raw(b, k++ ? ", " : "");
				page_link_state(b, l->items[i].ref_area, page_country_name(r, l->items[i].ref_area));
			}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

void page_indicator(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct stats_check_report checks = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = stats_check_process(r->reg, &r->actor, p->slug, r->params[1], &checks, &err);
	struct observation_list obs = { 0 };
	const struct indicator *ind = checks.n ? &checks.items[0].indicator : NULL;
	if (st == SVC_OK) {
		struct stats_filter f = { .indicator = ind->code };
		st = stats_observations(r->reg, &r->actor, p->slug, &f, &obs, &err);
	}
	if (st) {
		stats_check_report_free(&checks);
		page_status(r, st, &err);
		return;
	}
	struct buf b = { 0 };
	page_begin(&b, r, ind->name);
	html_raw(&b, "<h1>");
	html_txt(&b, ind->name);
	html_raw(&b, "</h1><dl class=\"facts\"><dt>Process</dt><dd>");
	page_link_process(&b, p->slug, p->name);
	html_raw(&b, "</dd><dt>Code</dt><dd><code>");
	html_txt(&b, ind->code);
	html_raw(&b, "</code></dd><dt>Who may see it</dt><dd>");
	html_txt(&b, level_name(ind->level));
	html_raw(&b, "</dd></dl>");
	if (ind->definition && *ind->definition) {
		html_raw(&b, "<p class=\"definition\">");
		html_txt(&b, ind->definition);
		html_raw(&b, "</p>");
	}
	if (ind->notes && *ind->notes) {
		char *notes = markdown_to_html(ind->notes);
		html_raw(&b, "<section class=\"notes\"><h2>Methodological notes</h2>");
		buf_append(&b, notes, strlen(notes));
		html_raw(&b, "</section>");
		free(notes);
	}
	struct series *s;
	size_t ns = series_of(&obs, &s);
	struct strlist periods = { 0 };
	periods_of(&obs, &periods);
	if (!obs.n) {
		html_raw(&b, "<p>No values yet.</p>");
	} else {
		size_t shown = ns < MAX_SERIES ? ns : MAX_SERIES;
		values_table(&b, r, ind, &obs, s, shown, &periods);
		if (shown < ns) {
			html_raw(&b, "<p class=\"meta\">The first ");
			html_int(&b, (long long)shown);
			html_raw(&b, " of ");
			html_int(&b, (long long)ns);
			html_raw(&b, " series; the exports below hold them all.</p>");
		}
		if (ns <= MAX_LINES)
			line_chart(&b, r, ind, &obs, s, ns, &periods);
		small_multiples(&b, r, &obs, s, shown, &periods);
		if (page_map_loaded())
			latest_map(&b, r, ind, &obs, s, ns);
	}
	findings_list(&b, r, &checks.items[0].findings);
	html_raw(&b, "<p class=\"actions\">This indicator as <a href=\"/sdmx/data/");
	html_url_arg(&b, p->slug);
	html_raw(&b, ",");
	html_url_arg(&b, ind->code);
	html_raw(&b, "\">SDMX-CSV</a> \xc2\xb7 <a href=\"/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/statistics\">All indicators of ");
	html_txt(&b, p->acronym);
	html_raw(&b, "</a></p>");
	page_end(&b, r);
	page_send(r, 200, &b);
	free(s);
	strlist_free(&periods);
	observation_list_free(&obs);
	stats_check_report_free(&checks);
}
