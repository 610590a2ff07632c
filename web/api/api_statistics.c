/* api_statistics.c: /api/v1/processes/{slug}/indicators and /statistics (import, export, check), and SDMX's /sdmx/data */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/csv_out.h"
#include "../../io/json_out.h"
#include "../../services/statistics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void api_indicators(struct req *r)
{
	struct svc_error err = { 0 };
	enum svc_status st;
	if (r->method == EVHTTP_REQ_POST) {
		struct field_values v;
		json_t *body = NULL;
		struct indicator ind;
		if (http_fields_or_respond(r, indicators_fields, indicators_nfields, "an indicator", &v, &body) == 0) {
			if ((st = stats_indicator_add(r->reg, &r->actor, r->params[0], &v, &ind, &err))) {
				http_send_status(r, st, &err);
			} else {
				char *location = xasprintf("/api/v1/processes/%s/indicators/%s", ind.process, ind.code);
				http_set_header(r, "Location", location);
				free(location);
				http_send_json(r, 201, json_indicator(&ind));
				indicator_free(&ind);
			}
		}
		fields_free(&v);
		json_decref(body);
		return;
	}
	struct indicator_list l = { 0 };
	if ((st = stats_indicators(r->reg, &r->actor, r->params[0], &l, &err))) {
		http_send_status(r, st, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, json_indicator(&l.items[i]));
	http_send_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)l.n));
	indicator_list_free(&l);
}

void api_indicator(struct req *r)
{
	struct indicator ind;
	struct svc_error err = { 0 };
	enum svc_status st = stats_indicator(r->reg, &r->actor, r->params[0], r->params[1], &ind, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	http_send_json(r, 200, json_indicator(&ind));
	indicator_free(&ind);
}

void api_indicator_history(struct req *r)
{
	struct indicator ind;
	struct revision_list l = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = stats_indicator(r->reg, &r->actor, r->params[0], r->params[1], &ind, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	st = stats_revisions(r->reg, &r->actor, r->params[0], r->params[1], http_query(r, "state"),
			     http_query(r, "period"), http_query(r, "dims"), &l, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_json(r, 200, json_revisions(&ind, &l));
	revision_list_free(&l);
	indicator_free(&ind);
}

/* Sends what the filter keeps as format ("sdmx-csv", "csv" or "json"). */
static void send_export(struct req *r, const char *process, const struct stats_filter *f, const char *format,
			int labels, const char *csv_type)
{
	int json = strcmp(format, "json") == 0;
	char *data = NULL;
	size_t len = 0;
	FILE *mem = json ? NULL : open_memstream(&data, &len);
	struct stats_csv csv = { .out = mem, .sdmx = strcmp(format, "sdmx-csv") == 0, .labels = labels };
	struct stats_json j = { json_array(), json_array() };
	csv.countries = registry_countries(r->reg, &csv.ncountries);
	struct stats_sink sink = { .begin = json ? json_stats_begin : csv_stats_begin,
				   .row = json ? json_stats_row : csv_stats_row, .ctx = json ? (void *)&j : &csv };
	struct svc_error err = { 0 };
	enum svc_status st = json || mem ? stats_export(r->reg, &r->actor, process, f, &sink, &err)
				    : svc_fail(&err, SVC_ERROR, NULL, "out of memory");
	if (mem && fclose(mem) && st == SVC_OK)
		st = svc_fail(&err, SVC_ERROR, NULL, "writing the export failed");
	if (st)
		http_send_status(r, st, &err);
	else if (json)
		http_send_json(r, 200, json_pack("{s:O, s:O}", "indicators", j.indicators, "observations", j.observations));
	else
		http_send_bytes(r, 200, csv_type, "inline", data, len);
	free(data);
	json_decref(j.indicators);
	json_decref(j.observations);
	csv_stats_free(&csv);
}

static int labels_both(struct req *r)
{
	const char *labels = http_query(r, "labels");
	return labels && strcmp(labels, "both") == 0;
}

void api_statistics(struct req *r)
{
	const char *format = http_query(r, "format");
	format = format ? format : "json";
	if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "sdmx-csv") != 0) {
		http_send_error(r, 400, "bad_parameter", "format: use json, csv or sdmx-csv");
		return;
	}
	struct stats_filter f = { .indicator = http_query(r, "indicator"), .state = http_query(r, "state"),
				  .from = http_query(r, "from"), .to = http_query(r, "to") };
	send_export(r, r->params[0], &f, format, labels_both(r), "text/csv; charset=utf-8");
}

void api_statistics_import(struct req *r)
{
	struct sdmx_mapping *map = NULL;
	size_t nmap = 0, len;
	char *storage = NULL, *why = NULL;
	const char *dry = http_query(r, "dry_run"), *name = http_query(r, "file_name");
	if (sdmx_mappings_parse(http_query(r, "map"), &map, &nmap, &storage, &why)) {
		char *message = xasprintf("map: %s", why);
		http_send_error(r, 400, "bad_parameter", message);
		free(message);
		free(why);
		free(storage);
		return;
	}
	struct stats_import_options o = { .map = map, .nmap = nmap, .indicator = http_query(r, "indicator"),
					  .dry_run = dry && (strcmp(dry, "1") == 0 || strcmp(dry, "true") == 0) };
	const char *data = http_body(r, &len);
	struct stats_import_report rep;
	struct svc_error err = { 0 };
	enum svc_status st = stats_import_bytes(r->reg, &r->actor, r->params[0], data, len, name ? name : "upload",
						&o, &rep, &err);
	if (st == SVC_INVALID && rep.nproblems) {
		json_t *answer = json_stats_import(&rep, o.dry_run);
		json_object_set_new(answer, "error", json_pack("{s:s, s:s}", "code", "invalid", "message", err.message));
		http_send_json(r, 422, answer);
		svc_error_free(&err);
	} else if (st) {
		http_send_status(r, st, &err);
	} else {
		http_send_json(r, o.dry_run ? 200 : 201, json_stats_import(&rep, o.dry_run));
	}
	stats_import_report_free(&rep);
	free(map);
	free(storage);
}

void api_statistics_check(struct req *r)
{
	struct stats_check_report rep = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = stats_check_process(r->reg, &r->actor, r->params[0], http_query(r, "indicator"), &rep,
						 &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < rep.n; i++)
		json_array_append_new(items, json_stats_check(&rep.items[i].indicator, &rep.items[i].findings,
							      rep.items[i].states));
	http_send_json(r, 200, json_pack("{s:o}", "items", items));
	stats_check_report_free(&rep);
}

void api_statistics_imports(struct req *r)
{
	long limit, offset;
	if (http_page_or_respond(r, &limit, &offset))
		return;
	struct stat_import_list l = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = stats_imports(r->reg, &r->actor, r->params[0], limit, &l, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, json_stat_import(&l.items[i]));
	http_send_json(r, 200, json_pack("{s:o}", "items", items));
	stat_import_list_free(&l);
}

/* The process and indicator of an SDMX flow reference: "PROCESS,CODE",
 * "PROCESS,CODE,VERSION" or "PROCESS:CODE(VERSION)", into process and code
 * (each of size n). 0, or -1 when it is none of these. */
static int flow_ref(const char *ref, char *process, char *code, size_t n)
{
	const char *sep = strpbrk(ref, ",:");
	if (!sep || (size_t)(sep - ref) >= n)
		return -1;
	snprintf(process, n, "%.*s", (int)(sep - ref), ref);
	const char *rest = sep + 1;
	size_t len = strcspn(rest, *sep == ',' ? "," : "(");
	if (!len || len >= n)
		return -1;
	snprintf(code, n, "%.*s", (int)len, rest);
	return 0;
}

/* GET /sdmx/data/{flow}[/{key}]?startPeriod=&endPeriod=: SDMX REST's data
 * query, answered as SDMX-CSV 2.0. The key gives REF_AREA, then the
 * indicator's dimensions in order, separated by '.'; an empty part (or
 * the key "all") takes every code, and '+' joins several. */
void api_sdmx_data(struct req *r)
{
	char process[128], code[128];
	if (flow_ref(r->params[0], process, code, sizeof process)) {
		http_send_error(r, 400, "bad_parameter",
				"flow: give PROCESS,INDICATOR (or PROCESS,INDICATOR,VERSION, or PROCESS:INDICATOR(VERSION))");
		return;
	}
	const char *key = r->nparams > 1 ? r->params[1] : "all";
	char *copy = xstrdup(strcmp(key, "all") == 0 ? "" : key), *rest = copy, *part;
	const char *parts[32];
	size_t nparts = 0;
	while ((part = strsep(&rest, ".")) && nparts < 32)
		parts[nparts++] = part;
	if (part) {
		http_send_error(r, 400, "bad_parameter", "key: too many dimensions");
		free(copy);
		return;
	}
	struct stats_filter f = { .indicator = code, .state = nparts && *parts[0] ? parts[0] : NULL,
				  .from = http_query(r, "startPeriod"), .to = http_query(r, "endPeriod"),
				  .dims = nparts > 1 ? parts + 1 : NULL, .ndims = nparts > 1 ? nparts - 1 : 0 };
	send_export(r, process, &f, "sdmx-csv", labels_both(r), "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8");
	free(copy);
}
