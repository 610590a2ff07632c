/* stats.c: indicators, their observations, and the comparability checks run over them */
#include "stats.h"
#include "buf.h"
#include "period.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void indicator_free(struct indicator *i)
{
	free(i->process);
	free(i->code);
	free(i->name);
	free(i->definition);
	free(i->unit);
	free(i->notes);
	free(i->created_by);
	for (size_t k = 0; k < i->ndims; k++) {
		free(i->dims[k].name);
		strlist_free(&i->dims[k].codes);
	}
	free(i->dims);
	memset(i, 0, sizeof *i);
}

void indicator_list_free(struct indicator_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		indicator_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void observation_list_free(struct observation_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].dims);
		free(l->items[i].comment);
		free(l->items[i].unit);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

void stats_import_report_free(struct stats_import_report *rep)
{
	for (size_t i = 0; i < rep->nproblems; i++) {
		free(rep->problems[i].column_name);
		free(rep->problems[i].message);
	}
	free(rep->problems);
	memset(rep, 0, sizeof *rep);
}

void stat_import_list_free(struct stat_import_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].file_name);
		free(l->items[i].format);
		free(l->items[i].created_by);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

void revision_list_free(struct revision_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].o.dims);
		free(l->items[i].o.comment);
		free(l->items[i].o.unit);
		free(l->items[i].by);
		free(l->items[i].file_name);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

const struct dimension *indicator_dimension(const struct indicator *i, const char *name)
{
	for (size_t k = 0; k < i->ndims; k++)
		if (strcasecmp(i->dims[k].name, name) == 0)
			return &i->dims[k];
	return NULL;
}

static const char status_codes[] = "APEBM";
static const char *const status_names[] = { "normal", "provisional", "estimated", "break", "missing" };

int obs_status_valid(char c)
{
	return c && strchr(status_codes, c) != NULL;
}

const char *obs_status_name(char c)
{
	const char *at = c ? strchr(status_codes, c) : NULL;
	return at ? status_names[at - status_codes] : "unknown";
}

void stats_format_value(double v, char out[32])
{
	if (v == floor(v) && fabs(v) < 1e15) {
		/* whole numbers, most statistics, written without printf */
		long long n = (long long)v;
		char digits[20];
		int k = 0, i = 0;
		unsigned long long u = n < 0 ? (unsigned long long)-n : (unsigned long long)n;
		do
			digits[k++] = (char)('0' + u % 10);
		while ((u /= 10));
		if (n < 0)
			out[i++] = '-';
		while (k)
			out[i++] = digits[--k];
		out[i] = '\0';
		return;
	}
	for (int digits = 6; digits <= 17; digits++) {
		snprintf(out, 32, "%.*g", digits, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

static const char *const finding_names[FINDING_KIND_COUNT] = {
	[FINDING_UNIT] = "unit", [FINDING_GAP] = "gap", [FINDING_BREAK] = "break",
	[FINDING_OUTLIER] = "outlier", [FINDING_SILENT] = "silent",
};

const char *finding_kind_name(enum finding_kind k)
{
	return k < FINDING_KIND_COUNT ? finding_names[k] : "unknown";
}

void finding_list_free(struct finding_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].series);
		free(l->items[i].period);
		free(l->items[i].detail);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

static void add_finding(struct finding_list *out, enum finding_kind kind, const struct observation *o,
			const char *period, char *detail)
{
	out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
	struct finding *f = &out->items[out->n++];
	*f = (struct finding){ .kind = kind, .series = xstrdup(o ? o->dims : ""),
			       .period = xstrdup_or_null(period), .detail = detail };
	snprintf(f->ref_area, sizeof f->ref_area, "%s", o ? o->ref_area : "");
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The median of v (n > 0 values; sorts v). */
static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, compare_doubles);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Flags the values of one series (obs[0..n)) far from its median. */
static void check_outliers(const struct observation *obs, size_t n, struct finding_list *out)
{
	double *v = xmalloc((n ? n : 1) * sizeof *v), *dev = xmalloc((n ? n : 1) * sizeof *dev);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!obs[i].missing)
			v[k++] = obs[i].value;
	if (k >= 5) {
		double m = median(v, k), mean_dev = 0;
		for (size_t i = 0; i < k; i++) {
			dev[i] = fabs(v[i] - m);
			mean_dev += dev[i] / (double)k;
		}
		/* scaled so that both estimate the standard deviation of normal data */
		double scale = 1.4826 * median(dev, k);
		if (scale == 0)
			scale = 1.253314 * mean_dev;
		for (size_t i = 0; scale > 0 && i < n; i++) {
			if (obs[i].missing || fabs(obs[i].value - m) / scale <= 3.5)
				continue;
			char value[32], mid[32];
			stats_format_value(obs[i].value, value);
			stats_format_value(m, mid);
			add_finding(out, FINDING_OUTLIER, &obs[i], obs[i].period,
				    xasprintf("%s is far from the series' median of %s", value, mid));
		}
	}
	free(v);
	free(dev);
}

/* Flags the periods with no value between a series' first and last. */
static void check_gaps(const struct observation *obs, size_t n, struct finding_list *out)
{
	long previous = 0;
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		struct period p;
		if (obs[i].missing || period_parse(obs[i].period, &p))
			continue;
		long at = period_ordinal(&p);
		if (seen && at - previous > 1) {
			struct period first = period_at(p.freq, previous + 1);
			char text[9];
			period_format(&first, text);
			add_finding(out, FINDING_GAP, &obs[i], text,
				    xasprintf("%ld period%s without a value from %s, before %s", at - previous - 1,
					      at - previous - 1 == 1 ? "" : "s", text, obs[i].period));
		}
		previous = at;
		seen = 1;
	}
}

/* Checks one series: one state's observations with the same dimensions. */
static void check_series(const struct indicator *ind, const struct observation *obs, size_t n,
			 struct finding_list *out)
{
	int unit_told = 0;
	for (size_t i = 0; i < n; i++) {
		if (obs[i].status == 'B')
			add_finding(out, FINDING_BREAK, &obs[i], obs[i].period,
				    xasprintf("a break in series at %s", obs[i].period));
		if (obs[i].unit && strcmp(obs[i].unit, ind->unit) != 0 && !unit_told++)
			add_finding(out, FINDING_UNIT, &obs[i], obs[i].period,
				    xasprintf("reports in %s where the indicator's unit is %s", obs[i].unit, ind->unit));
	}
	check_gaps(obs, n, out);
	check_outliers(obs, n, out);
}

static int same_series(const struct observation *a, const struct observation *b)
{
	return strcmp(a->ref_area, b->ref_area) == 0 && strcmp(a->dims, b->dims) == 0;
}

static int reports(const struct observation_list *obs, const char *state)
{
	for (size_t i = 0; i < obs->n; i++)
		if (strcmp(obs->items[i].ref_area, state) == 0)
			return 1;
	return 0;
}

void stats_check(const struct indicator *ind, const struct observation_list *obs, const char *const *members,
		 size_t nmembers, struct finding_list *out)
{
	for (size_t start = 0, i = 1; start < obs->n; i++)
		if (i == obs->n || !same_series(&obs->items[start], &obs->items[i])) {
			check_series(ind, &obs->items[start], i - start, out);
			start = i;
		}
	for (size_t m = 0; m < nmembers; m++)
		if (!reports(obs, members[m])) {
			add_finding(out, FINDING_SILENT, NULL, NULL, xasprintf("reports nothing for %s", ind->code));
			snprintf(out->items[out->n - 1].ref_area, 4, "%s", members[m]);
		}
}
