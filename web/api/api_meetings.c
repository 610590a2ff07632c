/* api_meetings.c: /api/v1/processes/{slug}/meetings (and its indicators and calendar.ics), /api/v1/meetings/{id} and its delegates */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/ical.h"
#include "../../io/json_out.h"
#include "../../services/meetings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The meetings of the process in the path the caller may see, of ?year=
 * when given: 0 with *l and *p, or -1 after answering. */
static int listed_or_respond(struct req *r, struct meeting_list *l, const struct process **p)
{
	long year = 0;
	char *why = NULL;
	if (http_query_number(r, "year", 1900, 2100, &year, &why)) {
		http_send_error(r, 400, "bad_parameter", why);
		free(why);
		return -1;
	}
	struct svc_error err = { 0 };
	enum svc_status st = meetings_list(r->reg, &r->actor, r->params[0], (int)year, l, &err);
	if (st == SVC_OK)
		st = registry_process(r->reg, NULL, r->params[0], p, &err);
	if (st) {
		http_send_status(r, st, &err);
		meeting_list_free(l);
		return -1;
	}
	return 0;
}

void api_meetings(struct req *r)
{
	struct meeting_list l = { 0 };
	const struct process *p;
	if (listed_or_respond(r, &l, &p))
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, json_meeting(&l.items[i], 0));
	http_send_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)l.n));
	meeting_list_free(&l);
}

void api_meeting_indicators(struct req *r)
{
	struct meeting_list l = { 0 };
	const struct process *p;
	if (listed_or_respond(r, &l, &p))
		return;
	struct meeting_indicators f;
	meeting_figures(p, &l, &f);
	http_send_json(r, 200, json_meeting_figures(&f));
	meeting_figures_free(&f);
	meeting_list_free(&l);
}

void api_meeting_calendar(struct req *r)
{
	struct meeting_list l = { 0 };
	const struct process *p;
	if (listed_or_respond(r, &l, &p))
		return;
	size_t len;
	char *text = ical_meetings(&l, p->name, &len);
	char *disposition = xasprintf("inline; filename=\"%s.ics\"", p->slug);
	http_send_bytes(r, 200, "text/calendar; charset=utf-8", disposition, text, len);
	free(disposition);
	free(text);
	meeting_list_free(&l);
}

static void send_meeting(struct req *r, int status, long long id)
{
	struct meeting m;
	struct svc_error err = { 0 };
	enum svc_status st = meetings_get(r->reg, &r->actor, id, &m, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	if (status == 201) {
		char *location = xasprintf("/api/v1/meetings/%lld", id);
		http_set_header(r, "Location", location);
		free(location);
	}
	http_send_json(r, status, json_meeting(&m, 1));
	meeting_free(&m);
}

void api_meeting_add(struct req *r)
{
	struct field_values v;
	json_t *body = NULL;
	struct svc_error err = { 0 };
	long long id = 0;
	enum svc_status st;
	if (http_fields_or_respond(r, meetings_fields, meetings_nfields, "a meeting", &v, &body) == 0) {
		if ((st = meetings_add(r->reg, &r->actor, r->params[0], &v, &id, &err)))
			http_send_status(r, st, &err);
		else
			send_meeting(r, 201, id);
	}
	fields_free(&v);
	json_decref(body);
}

void api_meeting(struct req *r)
{
	long long id = http_id_or_respond(r, "meeting");
	if (id > 0)
		send_meeting(r, 200, id);
}

void api_meeting_update(struct req *r)
{
	long long id = http_id_or_respond(r, "meeting");
	if (id < 0)
		return;
	struct field_values v;
	json_t *body = NULL;
	struct svc_error err = { 0 };
	enum svc_status st;
	if (http_fields_or_respond(r, meetings_fields, meetings_nfields, "a meeting", &v, &body) == 0) {
		if ((st = meetings_update(r->reg, &r->actor, id, &v, &err)))
			http_send_status(r, st, &err);
		else
			send_meeting(r, 200, id);
	}
	fields_free(&v);
	json_decref(body);
}

void api_meeting_delete(struct req *r)
{
	long long id = http_id_or_respond(r, "meeting");
	if (id < 0)
		return;
	struct svc_error err = { 0 };
	enum svc_status st = meetings_delete(r->reg, &r->actor, id, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_bytes(r, 204, "application/json", NULL, "", 0);
}

void api_meeting_delegates(struct req *r)
{
	long long id = http_id_or_respond(r, "meeting");
	if (id < 0)
		return;
	if (r->method != EVHTTP_REQ_POST) {
		send_meeting(r, 200, id);
		return;
	}
	struct field_values v;
	json_t *body = NULL;
	struct svc_error err = { 0 };
	long long delegate = 0;
	enum svc_status st;
	if (http_fields_or_respond(r, delegates_fields, delegates_nfields, "a delegate", &v, &body) == 0) {
		if ((st = meetings_add_delegate(r->reg, &r->actor, id, &v, &delegate, &err)))
			http_send_status(r, st, &err);
		else
			send_meeting(r, 201, id);
	}
	fields_free(&v);
	json_decref(body);
}

void api_meeting_agenda(struct req *r)
{
	long long id = http_id_or_respond(r, "meeting");
	if (id < 0)
		return;
	struct field_values v;
	json_t *body = NULL;
	struct svc_error err = { 0 };
	enum svc_status st;
	if (http_fields_or_respond(r, agenda_fields, agenda_nfields, "an agenda item", &v, &body) == 0) {
		if ((st = meetings_add_agenda_item(r->reg, &r->actor, id, &v, &err)))
			http_send_status(r, st, &err);
		else
			send_meeting(r, 201, id);
	}
	fields_free(&v);
	json_decref(body);
}

/* The member name of a JSON body as a string, or NULL after answering 400. */
static const char *string_member(struct req *r, json_t *body, const char *name)
{
	json_t *v = json_object_get(body, name);
	if (json_is_string(v))
		return json_string_value(v);
	char *msg = xasprintf("%s: is required and must be a string", name);
	http_send_error(r, 400, "bad_body", msg);
	free(msg);
	return NULL;
}

void api_meeting_documents(struct req *r)
{
	long long id = http_id_or_respond(r, "meeting");
	json_t *body = id > 0 ? http_json_body_or_respond(r) : NULL;
	if (!body)
		return;
	json_t *doc = json_object_get(body, "document");
	struct svc_error err = { 0 };
	enum svc_status st;
	if (!json_is_integer(doc) || json_integer_value(doc) <= 0)
		http_send_error(r, 400, "bad_body", "document: give the number of a document of the library");
	else if ((st = meetings_attach_document(r->reg, &r->actor, id, (long long)json_integer_value(doc), &err)))
		http_send_status(r, st, &err);
	else
		send_meeting(r, 200, id);
	json_decref(body);
}

/* The minutes of meeting id: write (PUT {"body"}), move on (POST
 * .../state {"state"}) or correct (POST .../corrigenda {"body"}). */
static void minutes_request(struct req *r, const char *member,
			    enum svc_status (*fn)(struct registry *, const struct actor *, long long, const char *,
						  struct svc_error *))
{
	long long id = http_id_or_respond(r, "meeting");
	json_t *body = id > 0 ? http_json_body_or_respond(r) : NULL;
	if (!body)
		return;
	const char *text = string_member(r, body, member);
	struct svc_error err = { 0 };
	enum svc_status st;
	if (text && (st = fn(r->reg, &r->actor, id, text, &err)))
		http_send_status(r, st, &err);
	else if (text)
		send_meeting(r, 200, id);
	json_decref(body);
}

void api_meeting_minutes(struct req *r)
{
	minutes_request(r, "body", meetings_write_minutes);
}

void api_meeting_minutes_state(struct req *r)
{
	minutes_request(r, "state", meetings_advance_minutes);
}

void api_meeting_corrigenda(struct req *r)
{
	minutes_request(r, "body", meetings_add_corrigendum);
}
