/* cmd_stats.c: rcphub indicator and rcphub stats: indicators, SDMX-CSV imports and exports, comparability checks */
#include "cli.h"
#include "../core/xalloc.h"
#include "../io/csv_out.h"
#include "../io/json_out.h"
#include "../services/statistics.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int indicator_add(struct registry *r, const struct operator *op, struct cli_args *a)
{
	struct svc_error err = { 0 };
	if (a->npos != 2)
		return usage_error("indicator", "%s", "indicator add PROCESS CODE --name NAME --unit UNIT");
	struct indicator ind;
	int rc = outcome(fields_set(&a->v, "code", a->pos[1], "an indicator", &err), &err);
	if (rc == 0)
		rc = outcome(stats_indicator_add(r, &op->actor, a->pos[0], &a->v, &ind, &err), &err);
	if (rc)
		return rc;
	if (a->json)
		json_print(json_indicator(&ind));
	else
		printf("added indicator %s to %s\n", ind.code, ind.process);
	indicator_free(&ind);
	return 0;
}

static void print_indicator(const struct indicator *i)
{
	printf("%-16s %c  %-8s %-12s %8lld obs  %s", i->code, i->periodicity, i->unit, level_name(i->level), i->nobs,
	       i->name);
	for (size_t k = 0; k < i->ndims; k++)
		printf("%s%s", k ? ", " : "  [by ", i->dims[k].name);
	printf(i->ndims ? "]\n" : "\n");
}

static int indicator_list(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("indicator", "%s", "indicator list takes one process");
	struct indicator_list l = { 0 };
	struct svc_error err = { 0 };
	int rc = outcome(stats_indicators(r, &op->actor, a->pos[0], &l, &err), &err);
	if (rc)
		return rc;
	json_t *items = a->json ? json_array() : NULL;
	for (size_t i = 0; i < l.n; i++)
		if (items)
			json_array_append_new(items, json_indicator(&l.items[i]));
		else
			print_indicator(&l.items[i]);
	if (items)
		json_print(items);
	indicator_list_free(&l);
	return 0;
}

static int indicator_show(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 2)
		return usage_error("indicator", "%s", "indicator show PROCESS CODE");
	struct indicator ind;
	struct svc_error err = { 0 };
	int rc = outcome(stats_indicator(r, &op->actor, a->pos[0], a->pos[1], &ind, &err), &err);
	if (rc == 0) {
		json_print(json_indicator(&ind));
		indicator_free(&ind);
	}
	return rc;
}

static const struct cli_subcommand indicator_subcommands[] = {
	{ "add", indicators_fields, &indicators_nfields, "json", 2, indicator_add },
	{ "list", NULL, NULL, "json", 1, indicator_list },
	{ "show", NULL, NULL, "", 2, indicator_show },
};

int cmd_indicator(const struct options *o, int argc, char **argv)
{
	return cli_run("indicator", o, argc, argv, indicator_subcommands,
		       sizeof indicator_subcommands / sizeof indicator_subcommands[0]);
}

/* A progress bar on a terminal: how much of the file is read. */
struct progress_bar {
	const char *name;
	long long size;
};

static void show_progress(void *ctx, long long bytes)
{
	const struct progress_bar *p = ctx;
	int percent = p->size > 0 ? (int)(bytes * 100 / p->size) : 100;
	int filled = percent / 4;
	fprintf(stderr, "\r%s [%.*s%*s] %3d%%", p->name, filled, "#########################", 25 - filled, "",
		percent);
	if (bytes >= p->size)
		fputc('\n', stderr);
}

/* The --map FROM=TO options as mappings; NULL after reporting one
 * without '='. The strings point into a->map. */
static struct sdmx_mapping *mappings_of(struct cli_args *a)
{
	struct sdmx_mapping *m = xcalloc(a->map.n + 1, sizeof *m);
	for (size_t i = 0; i < a->map.n; i++) {
		char *eq = strchr(a->map.items[i], '=');
		if (!eq) {
			usage_error("stats", "--map %s: give COLUMN=ROLE (ROLE empty to leave the column out)",
				    a->map.items[i]);
			free(m);
			return NULL;
		}
		*eq = '\0';
		m[i] = (struct sdmx_mapping){ .from = a->map.items[i], .to = eq + 1 };
	}
	return m;
}

static void print_problems(const char *file, const struct stats_import_report *rep)
{
	for (size_t i = 0; i < rep->nproblems; i++) {
		const struct stats_problem *p = &rep->problems[i];
		fprintf(stderr, "%s:%ld: ", file, p->line);
		if (p->column)
			fprintf(stderr, "column %d%s%s%s: ", p->column, p->column_name ? " (" : "",
				p->column_name ? p->column_name : "", p->column_name ? ")" : "");
		fprintf(stderr, "%s\n", p->message);
	}
	if (rep->more)
		fprintf(stderr, "%s: and %ld more problems\n", file, rep->more);
}

static int stats_import_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 2)
		return usage_error("stats", "%s", "stats import PROCESS FILE [--dry-run] [--json]");
	const char *file = a->pos[1];
	struct sdmx_mapping *map = mappings_of(a);
	if (!map)
		return EXIT_USAGE;
	FILE *in = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	if (!in) {
		free(map);
		return fail(xasprintf("cannot open %s", file));
	}
	struct stat sb;
	struct progress_bar bar = { .name = file, .size = fstat(fileno(in), &sb) == 0 ? (long long)sb.st_size : 0 };
	struct stats_import_options o = { .map = map, .nmap = a->map.n, .indicator = a->indicator,
					  .dry_run = a->dry_run, .progress_ctx = &bar };
	if (isatty(STDERR_FILENO) && !a->json && S_ISREG(sb.st_mode))
		o.progress = show_progress;
	struct stats_import_report rep;
	struct svc_error err = { 0 };
	enum svc_status st = stats_import(r, &op->actor, a->pos[0], in, file, &o, &rep, &err);
	if (in != stdin)
		fclose(in);
	print_problems(file, &rep);
	if (a->json && (st == SVC_OK || st == SVC_INVALID))
		json_print(json_stats_import(&rep, a->dry_run));
	else if (st == SVC_OK)
		printf("%s%s (%s, %ld rows): %lld added, %lld revised, %lld deleted, %lld unchanged\n",
		       a->dry_run ? "dry run, nothing kept: " : "imported ", file, rep.format, rep.rows,
		       rep.counts.added, rep.counts.revised, rep.counts.deleted, rep.counts.unchanged);
	stats_import_report_free(&rep);
	free(map);
	return outcome(st, &err);
}

static int stats_export_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("stats", "%s", "stats export PROCESS [--indicator CODE] [--format sdmx-csv|csv|json]");
	const char *format = a->format ? a->format : "sdmx-csv";
	int json = strcmp(format, "json") == 0;
	if (!json && strcmp(format, "csv") != 0 && strcmp(format, "sdmx-csv") != 0)
		return usage_error("stats", "--format %s: use sdmx-csv, csv or json", format);
	struct stats_csv csv = { .out = stdout, .sdmx = strcmp(format, "sdmx-csv") == 0, .labels = a->labels };
	struct stats_json j = { json_array(), json_array() };
	csv.countries = registry_countries(r, &csv.ncountries);
	struct stats_filter f = { .indicator = a->indicator, .state = a->state, .from = a->from, .to = a->to };
	struct stats_sink sink = { .begin = json ? json_stats_begin : csv_stats_begin,
				   .row = json ? json_stats_row : csv_stats_row, .ctx = json ? (void *)&j : &csv };
	struct svc_error err = { 0 };
	int rc = outcome(stats_export(r, &op->actor, a->pos[0], &f, &sink, &err), &err);
	if (rc == 0 && json)
		json_print(json_pack("{s:O, s:O}", "indicators", j.indicators, "observations", j.observations));
	json_decref(j.indicators);
	json_decref(j.observations);
	csv_stats_free(&csv);
	return rc == 0 && fflush(stdout) ? fail(xstrdup("writing the export failed")) : rc;
}

static void print_check(const struct stats_check_result *res)
{
	printf("%s: %s (%zu state%s reporting)\n", res->indicator.code, res->indicator.name, res->states,
	       res->states == 1 ? "" : "s");
	if (!res->findings.n)
		printf("   nothing found\n");
	for (size_t i = 0; i < res->findings.n; i++) {
		const struct finding *f = &res->findings.items[i];
		printf("   %-8s %s%s%s  %s\n", finding_kind_name(f->kind), f->ref_area, *f->series ? " " : "", f->series,
		       f->detail);
	}
}

static int stats_check_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("stats", "%s", "stats check PROCESS [--indicator CODE] [--json]");
	struct stats_check_report rep = { 0 };
	struct svc_error err = { 0 };
	int rc = outcome(stats_check_process(r, &op->actor, a->pos[0], a->indicator, &rep, &err), &err);
	if (rc)
		return rc;
	json_t *items = a->json ? json_array() : NULL;
	for (size_t i = 0; i < rep.n; i++)
		if (items)
			json_array_append_new(items, json_stats_check(&rep.items[i].indicator, &rep.items[i].findings,
								      rep.items[i].states));
		else
			print_check(&rep.items[i]);
	if (items)
		json_print(items);
	stats_check_report_free(&rep);
	return 0;
}

static int stats_history_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 4)
		return usage_error("stats", "%s", "stats history PROCESS INDICATOR STATE PERIOD [--dims D.D] [--json]");
	struct indicator ind;
	struct revision_list l = { 0 };
	struct svc_error err = { 0 };
	int rc = outcome(stats_indicator(r, &op->actor, a->pos[0], a->pos[1], &ind, &err), &err);
	if (rc)
		return rc;
	rc = outcome(stats_revisions(r, &op->actor, a->pos[0], a->pos[1], a->pos[2], a->pos[3], a->dims, &l, &err),
		     &err);
	if (rc == 0 && a->json)
		json_print(json_revisions(&ind, &l));
	for (size_t i = 0; rc == 0 && !a->json && i < l.n; i++) {
		const struct revision *v = &l.items[i];
		char value[32] = "..", when[32];
		time_t t = (time_t)v->at;
		struct tm tm;
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", gmtime_r(&t, &tm));
		if (!v->o.missing)
			stats_format_value(v->o.value, value);
		printf("%-12s %c  %s  by %s from %s%s\n", value, v->o.status, when, v->by ? v->by : "-",
		       v->file_name ? v->file_name : "-", !v->until ? "  (now)" : v->deleted ? "  (deleted)" : "");
	}
	revision_list_free(&l);
	indicator_free(&ind);
	return rc;
}

static const struct cli_subcommand stats_subcommands[] = {
	{ "import", NULL, NULL, "json dry-run indicator map", 2, stats_import_command },
	{ "export", NULL, NULL, "indicator state from to format labels", 1, stats_export_command },
	{ "check", NULL, NULL, "json indicator", 1, stats_check_command },
	{ "history", NULL, NULL, "json dims", 4, stats_history_command },
};

int cmd_stats(const struct options *o, int argc, char **argv)
{
	return cli_run("stats", o, argc, argv, stats_subcommands, sizeof stats_subcommands / sizeof stats_subcommands[0]);
}
