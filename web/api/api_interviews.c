/* api_interviews.c: /api/v1/interview-protocols, /api/v1/processes/{slug}/interviews, /api/v1/interviews/{id} */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/json_out.h"
#include "../../services/interviews.h"

#include <stdio.h>
#include <stdlib.h>

static void send_interview(struct req *r, int status, long long id)
{
	struct interview i;
	struct svc_error err = { 0 };
	enum svc_status st = interviews_get(r->reg, &r->actor, id, &i, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	if (status == 201) {
		char *location = xasprintf("/api/v1/interviews/%lld", id);
		http_set_header(r, "Location", location);
		free(location);
	}
	http_send_json(r, status, json_interview(&i));
	interview_free(&i);
}

void api_interview_protocols(struct req *r)
{
	struct svc_error err = { 0 };
	enum svc_status st;
	if (r->method == EVHTTP_REQ_POST) {
		struct field_values v;
		json_t *body = NULL;
		long long id = 0;
		if (http_fields_or_respond(r, protocols_fields, protocols_nfields, "an interview protocol", &v, &body) == 0) {
			if ((st = interviews_add_protocol(r->reg, &r->actor, &v, &id, &err)))
				http_send_status(r, st, &err);
			else
				http_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
		}
		fields_free(&v);
		json_decref(body);
		return;
	}
	struct interview_protocol_list l = { 0 };
	if ((st = interviews_protocols(r->reg, &r->actor, &l, &err))) {
		http_send_status(r, st, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, json_protocol(&l.items[i]));
	http_send_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)l.n));
	interview_protocol_list_free(&l);
}

void api_process_interviews(struct req *r)
{
	struct svc_error err = { 0 };
	enum svc_status st;
	if (r->method == EVHTTP_REQ_POST) {
		struct field_values v;
		json_t *body = NULL;
		long long id = 0;
		if (http_fields_or_respond(r, interviews_fields, interviews_nfields, "an interview", &v, &body) == 0) {
			if ((st = interviews_add(r->reg, &r->actor, r->params[0], &v, &id, &err)))
				http_send_status(r, st, &err);
			else
				send_interview(r, 201, id);
		}
		fields_free(&v);
		json_decref(body);
		return;
	}
	struct interview_list l = { 0 };
	if ((st = interviews_list(r->reg, &r->actor, r->params[0], &l, &err))) {
		http_send_status(r, st, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, json_interview(&l.items[i]));
	http_send_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)l.n));
	interview_list_free(&l);
}

void api_interview(struct req *r)
{
	long long id = http_id_or_respond(r, "interview");
	if (id > 0)
		send_interview(r, 200, id);
}

void api_interview_statements(struct req *r)
{
	long long id = http_id_or_respond(r, "interview"), statement = 0;
	if (id < 0)
		return;
	struct field_values v;
	json_t *body = NULL;
	struct svc_error err = { 0 };
	enum svc_status st;
	if (http_fields_or_respond(r, statements_fields, statements_nfields, "a statement", &v, &body) == 0) {
		if ((st = interviews_add_statement(r->reg, &r->actor, id, &v, &statement, &err)))
			http_send_status(r, st, &err);
		else
			send_interview(r, 201, id);
	}
	fields_free(&v);
	json_decref(body);
}
