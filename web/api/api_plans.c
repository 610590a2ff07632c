/* api_plans.c: /api/v1/processes/{slug}/plans, /api/v1/plans/{id} (items, report), /api/v1/plan-items/{id}/progress */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/csv_out.h"
#include "../../io/json_out.h"
#include "../../services/plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void send_plan(struct req *r, int status, long long id)
{
	struct plan p;
	struct svc_error err = { 0 };
	enum svc_status st = plans_get(r->reg, &r->actor, id, &p, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	if (status == 201) {
		char *location = xasprintf("/api/v1/plans/%lld", id);
		http_set_header(r, "Location", location);
		free(location);
	}
	http_send_json(r, status, json_plan(&p));
	plan_free(&p);
}

void api_plans(struct req *r)
{
	struct svc_error err = { 0 };
	enum svc_status st;
	if (r->method == EVHTTP_REQ_POST) {
		struct field_values v;
		json_t *body = NULL;
		long long id = 0;
		if (http_fields_or_respond(r, plans_fields, plans_nfields, "a plan", &v, &body) == 0) {
			if ((st = plans_add(r->reg, &r->actor, r->params[0], &v, &id, &err)))
				http_send_status(r, st, &err);
			else
				send_plan(r, 201, id);
		}
		fields_free(&v);
		json_decref(body);
		return;
	}
	struct plan_list l = { 0 };
	if ((st = plans_list(r->reg, &r->actor, r->params[0], &l, &err))) {
		http_send_status(r, st, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, json_plan(&l.items[i]));
	http_send_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)l.n));
	plan_list_free(&l);
}

void api_plans_overdue(struct req *r)
{
	char at[11];
	struct plan_list l = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st;
	if (http_day_or_respond(r, at))
		return;
	if ((st = plans_list(r->reg, &r->actor, r->params[0], &l, &err))) {
		http_send_status(r, st, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		struct plan_report rep;
		plan_report(&l.items[i], at, &rep);
		for (size_t k = 0; k < rep.n; k++)
			if (rep.rows[k].overdue)
				json_array_append_new(items, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "plan",
					(json_int_t)l.items[i].id, "item", (json_int_t)rep.rows[k].item->id, "text",
					rep.rows[k].item->text, "due", rep.rows[k].item->due, "owner",
					rep.rows[k].commitment->owner, "status", rep.rows[k].status));
		plan_report_free(&rep);
	}
	http_send_json(r, 200, json_pack("{s:s, s:o}", "at", at, "items", items));
	plan_list_free(&l);
}

void api_plan(struct req *r)
{
	long long id = http_id_or_respond(r, "plan");
	if (id > 0)
		send_plan(r, 200, id);
}

void api_plan_items(struct req *r)
{
	long long id = http_id_or_respond(r, "plan"), item = 0;
	struct field_values v;
	json_t *body = NULL;
	struct svc_error err = { 0 };
	enum svc_status st;
	if (id < 0)
		return;
	if (http_fields_or_respond(r, plan_items_fields, plan_items_nfields, "a plan's item", &v, &body) == 0) {
		if ((st = plans_add_item(r->reg, &r->actor, id, &v, &item, &err)))
			http_send_status(r, st, &err);
		else
			send_plan(r, 201, id);
	}
	fields_free(&v);
	json_decref(body);
}

void api_plan_report(struct req *r)
{
	long long id = http_id_or_respond(r, "plan");
	char at[11];
	const char *format = http_query(r, "format");
	if (id < 0 || http_day_or_respond(r, at))
		return;
	if (format && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0) {
		http_send_error(r, 400, "bad_parameter", "format: use json or csv");
		return;
	}
	struct plan p;
	struct svc_error err = { 0 };
	enum svc_status st = plans_get(r->reg, &r->actor, id, &p, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	struct plan_report rep;
	plan_report(&p, at, &rep);
	if (format && strcmp(format, "csv") == 0) {
		char *data = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&data, &len);
		if (!mem || csv_write_plan_report(mem, &rep) || fclose(mem)) {
			http_send_status(r, svc_fail(&err, SVC_ERROR, NULL, "writing the report as CSV failed"), &err);
		} else {
			char *disposition = xasprintf("attachment; filename=\"plan-%lld-%s.csv\"", id, at);
			http_send_bytes(r, 200, "text/csv; charset=utf-8", disposition, data, len);
			free(disposition);
		}
		free(data);
	} else {
		http_send_json(r, 200, json_plan_report(&p, at, &rep));
	}
	plan_report_free(&rep);
	plan_free(&p);
}

void api_plan_progress(struct req *r)
{
	long long item = http_id_or_respond(r, "item");
	struct field_values v;
	json_t *body = NULL;
	struct svc_error err = { 0 };
	enum svc_status st;
	if (item < 0)
		return;
	fields_init(&v, progress_fields, progress_nfields);
	if (!(body = http_json_body_or_respond(r))) {
		fields_free(&v);
		return;
	}
	/* the owner travels beside the report's fields: "state" */
	json_t *state = json_object_get(body, "state");
	char *owner = json_is_string(state) ? xstrdup(json_string_value(state)) : NULL;
	json_object_del(body, "state");
	if (!owner)
		http_send_error(r, 400, "bad_body", "state: name the state (or secretariat) whose progress this is");
	else if (http_fields_from_json(body, &v, "a progress report", &err))
		http_send_bad_body(r, &err);
	else if ((st = plans_record_progress(r->reg, &r->actor, item, owner, &v, &err)))
		http_send_status(r, st, &err);
	else
		http_send_bytes(r, 204, "application/json", NULL, "", 0);
	free(owner);
	fields_free(&v);
	json_decref(body);
}
