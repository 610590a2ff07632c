/* api_glossary.c: /api/v1/glossary: terms listed, searched, compared, added, imported and exported (TBX, CSV) */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/glossary_file.h"
#include "../../io/json_out.h"
#include "../../services/glossary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void api_glossary(struct req *r)
{
	struct svc_error err = { 0 };
	enum svc_status st;
	if (r->method == EVHTTP_REQ_POST) {
		struct field_values v;
		json_t *body = NULL;
		long long entry = 0;
		if (http_fields_or_respond(r, terms_fields, terms_nfields, "a term", &v, &body) == 0) {
			if ((st = glossary_add_term(r->reg, &r->actor, &v, &entry, &err)))
				http_send_status(r, st, &err);
			else
				http_send_json(r, 201, json_pack("{s:I}", "entry", (json_int_t)entry));
		}
		fields_free(&v);
		json_decref(body);
		return;
	}
	struct glossary g = { 0 };
	const char *q = http_query(r, "q");
	st = q ? glossary_search(r->reg, &r->actor, q, &g, &err)
	       : glossary_list(r->reg, &r->actor, http_query(r, "process"), http_query(r, "lang"), &g, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_json(r, 200, json_pack("{s:o, s:I}", "items", json_glossary(&g), "total", (json_int_t)g.n));
	glossary_free(&g);
}

void api_glossary_term(struct req *r)
{
	struct glossary g = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = glossary_show(r->reg, &r->actor, r->params[0], &g, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_json(r, 200, json_pack("{s:o}", "items", json_glossary(&g)));
	glossary_free(&g);
}

void api_glossary_import(struct req *r)
{
	size_t len, entries;
	const char *data = http_body(r, &len), *format;
	struct svc_error err = { 0 };
	enum svc_status st = glossary_import(r->reg, &r->actor, http_query(r, "process"), http_query(r, "level"), data,
					     len, &format, &entries, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_json(r, 201, json_pack("{s:I, s:s}", "entries", (json_int_t)entries, "format", format));
}

void api_glossary_export(struct req *r)
{
	const char *format = http_query(r, "format");
	format = format ? format : "csv";
	if (strcmp(format, "csv") != 0 && strcmp(format, "tbx") != 0) {
		http_send_error(r, 400, "bad_parameter", "format: use csv or tbx");
		return;
	}
	struct glossary g = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = glossary_list(r->reg, &r->actor, http_query(r, "process"), NULL, &g, &err);
	char *data = NULL;
	size_t len = 0;
	FILE *mem = st ? NULL : open_memstream(&data, &len);
	int tbx = strcmp(format, "tbx") == 0;
	if (!st && (!mem || (tbx ? glossary_write_tbx(mem, &g) : glossary_write_csv(mem, &g)) || fclose(mem)))
		st = svc_fail(&err, SVC_ERROR, NULL, "writing the glossary failed");
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_bytes(r, 200, tbx ? "application/x-tbx+xml; charset=utf-8" : "text/csv; charset=utf-8",
				tbx ? "attachment; filename=\"glossary.tbx\"" : "attachment; filename=\"glossary.csv\"", data, len);
	free(data);
	glossary_free(&g);
}
