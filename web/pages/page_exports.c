/* page_exports.c: the tables of the pages as CSV and Excel downloads, each with its citation */
#include "pages.h"
#include "../../core/period.h"
#include "../../core/xalloc.h"
#include "../../io/csv_out.h"
#include "../../io/xlsx_out.h"
#include "../../services/exports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether the path asks for Excel (it ends ".xlsx") rather than CSV. */
static int wants_xlsx(const struct req *r)
{
	size_t n = strlen(r->path);
	return n > 5 && strcmp(r->path + n - 5, ".xlsx") == 0;
}

char *page_citation(struct req *r, const char *title)
{
	char day[11];
	period_day_of(r->actor.now, day);
	const char *host = http_header(r, "Host");
	const char *uri = evhttp_request_get_uri(r->ev);
	return xasprintf("rcphub, %s, retrieved %s, %s://%s%s", title, day, r->tls ? "https" : "http",
			 host ? host : "localhost", uri ? uri : r->path);
}

/* Sends sh (freed here) as CSV or Excel, named base.csv or base.xlsx. */
static void send_sheet(struct req *r, struct sheet *sh, const char *base)
{
	int xlsx = wants_xlsx(r);
	char *data = NULL, *why = NULL;
	size_t len = 0;
	int rc;
	if (xlsx) {
		char *citation = page_citation(r, sh->title);
		void *bytes = NULL;
		rc = xlsx_sheet(sh, citation, &bytes, &len, &why);
		data = bytes;
		free(citation);
	} else {
		FILE *mem = open_memstream(&data, &len);
		rc = !mem || csv_write_sheet(mem, sh) || fclose(mem) ? -1 : 0;
	}
	sheet_free(sh);
	if (rc) {
		struct svc_error err = { 0 };
		free(data);
		page_status(r, svc_fail_with(&err, SVC_ERROR, NULL, why ? why : xstrdup("writing the table failed")), &err);
		return;
	}
	char *disposition = xasprintf("attachment; filename=\"%s.%s\"", base, xlsx ? "xlsx" : "csv");
	http_send_bytes(r, 200, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				     : "text/csv; charset=utf-8", disposition, data, len);
	free(disposition);
	free(data);
}

void page_export_participants(struct req *r)
{
	int year;
	if (page_year_or_respond(r, &year))
		return;
	struct sheet sh;
	struct svc_error err = { 0 };
	enum svc_status st = exports_participants(r->reg, r->params[0], year, &sh, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	char *base = year ? xasprintf("%s-participants-%d", registry_id(r->reg, REGISTRY_PROCESS, r->params[0]), year)
			  : xasprintf("%s-participants", registry_id(r->reg, REGISTRY_PROCESS, r->params[0]));
	send_sheet(r, &sh, base);
	free(base);
}

void page_export_state(struct req *r)
{
	int year;
	if (page_year_or_respond(r, &year))
		return;
	struct sheet sh;
	struct svc_error err = { 0 };
	enum svc_status st = exports_state(r->reg, r->params[0], year, &sh, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	send_sheet(r, &sh, "processes");
}

void page_export_overlap(struct req *r)
{
	int year;
	if (page_year_or_respond(r, &year))
		return;
	struct sheet sh;
	exports_overlap(r->reg, year, &sh);
	send_sheet(r, &sh, "overlap");
}

void page_export_compare(struct req *r)
{
	int year;
	if (page_year_or_respond(r, &year))
		return;
	struct sheet sh;
	struct svc_error err = { 0 };
	const char *a = http_query(r, "a"), *b = http_query(r, "b");
	enum svc_status st = exports_compare(r->reg, a ? a : "", b ? b : "", year, &sh, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	send_sheet(r, &sh, "comparison");
}

void page_export_documents(struct req *r)
{
	struct sheet sh;
	struct svc_error err = { 0 };
	enum svc_status st = exports_documents(r->reg, &r->actor, &sh, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	send_sheet(r, &sh, "documents");
}
