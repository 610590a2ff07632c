/* api_focal_points.c: /api/v1/processes/{slug}/focal-points (JSON, CSV, vCard) and /api/v1/focal-points/{id} */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/csv_out.h"
#include "../../io/json_out.h"
#include "../../io/vcard.h"
#include "../../services/focal_points.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void send_csv(struct req *r, const char *slug, const struct focal_point_list *l)
{
	char *data = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&data, &len);
	if (!mem || csv_write_focal_points(mem, l) || fclose(mem)) {
		free(data);
		struct svc_error err = { 0 };
		http_send_status(r, svc_fail(&err, SVC_ERROR, NULL, "writing focal points as CSV failed"), &err);
		return;
	}
	char *disposition = xasprintf("attachment; filename=\"focal-points-%s.csv\"", slug);
	http_send_bytes(r, 200, "text/csv; charset=utf-8", disposition, data, len);
	free(disposition);
	free(data);
}

static void send_vcards(struct req *r, const struct process *p, const struct focal_point_list *l)
{
	struct buf b = { 0 };
	for (size_t i = 0; i < l->n; i++)
		vcard_write_focal_point(&b, &l->items[i], p->name);
	size_t len;
	char *data = buf_release(&b, &len);
	char *disposition = xasprintf("attachment; filename=\"focal-points-%s.vcf\"", p->slug);
	http_send_bytes(r, 200, "text/vcard; charset=utf-8", disposition, data, len);
	free(disposition);
	free(data);
}

void api_focal_points(struct req *r)
{
	const char *format = http_query(r, "format");
	long stale = 0;
	char *why = NULL;
	if (format && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "vcard") != 0) {
		http_send_error(r, 400, "bad_parameter", "format: use json, csv or vcard");
		return;
	}
	if (http_query_number(r, "stale", 1, 1200, &stale, &why)) {
		http_send_error(r, 400, "bad_parameter", why);
		free(why);
		return;
	}
	struct focal_filter filter = { http_query(r, "state"), (int)stale };
	struct focal_point_list l = { 0 };
	struct svc_error err = { 0 };
	const struct process *p = NULL;
	enum svc_status st = focal_points_list(r->reg, &r->actor, r->params[0], &filter, &l, &err);
	if (st == SVC_OK)
		st = registry_process(r->reg, NULL, r->params[0], &p, &err);
	if (st) {
		http_send_status(r, st, &err);
	} else if (format && strcmp(format, "csv") == 0) {
		send_csv(r, p->slug, &l);
	} else if (format && strcmp(format, "vcard") == 0) {
		send_vcards(r, p, &l);
	} else {
		json_t *items = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(items, json_focal_point(&l.items[i]));
		http_send_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)l.n));
	}
	focal_point_list_free(&l);
}

static void send_focal_point(struct req *r, int status, long long id)
{
	struct focal_point f;
	struct svc_error err = { 0 };
	enum svc_status st = focal_points_get(r->reg, &r->actor, id, &f, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	if (status == 201) {
		char *location = xasprintf("/api/v1/focal-points/%lld", id);
		http_set_header(r, "Location", location);
		free(location);
	}
	http_send_json(r, status, json_focal_point(&f));
	focal_point_free(&f);
}

void api_focal_point_add(struct req *r)
{
	json_t *body = http_json_body_or_respond(r);
	if (!body)
		return;
	struct field_values v;
	struct svc_error err = { 0 };
	enum svc_status st;
	long long id = 0;
	fields_init(&v, focal_points_fields, focal_points_nfields);
	if (http_fields_from_json(body, &v, "a focal point", &err))
		http_send_bad_body(r, &err);
	else if ((st = focal_points_add(r->reg, &r->actor, r->params[0], &v, &id, &err)))
		http_send_status(r, st, &err);
	else
		send_focal_point(r, 201, id);
	fields_free(&v);
	json_decref(body);
}

void api_focal_point(struct req *r)
{
	long long id = http_id_or_respond(r, "focal point");
	if (id > 0)
		send_focal_point(r, 200, id);
}

void api_focal_point_update(struct req *r)
{
	long long id = http_id_or_respond(r, "focal point");
	json_t *body = id > 0 ? http_json_body_or_respond(r) : NULL;
	if (!body)
		return;
	struct field_values v;
	struct svc_error err = { 0 };
	enum svc_status st;
	fields_init(&v, focal_points_fields, focal_points_nfields);
	if (http_fields_from_json(body, &v, "a focal point", &err))
		http_send_bad_body(r, &err);
	else if ((st = focal_points_update(r->reg, &r->actor, id, &v, &err)))
		http_send_status(r, st, &err);
	else
		send_focal_point(r, 200, id);
	fields_free(&v);
	json_decref(body);
}

void api_focal_point_delete(struct req *r)
{
	long long id = http_id_or_respond(r, "focal point");
	if (id <= 0)
		return;
	struct svc_error err = { 0 };
	enum svc_status st = focal_points_delete(r->reg, &r->actor, id, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_bytes(r, 204, "application/json", NULL, "", 0);
}
