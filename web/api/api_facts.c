/* api_facts.c: /api/v1/processes/{slug}/participants, /leaders and /history: the registry edited by its secretariat, with a version check, and the history of edits */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/json_out.h"
#include "../../services/facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fact's number in the route's second parameter, or -1 after 404. */
static int fact_id_or_respond(struct req *r)
{
	char *end;
	long id = strtol(r->params[1], &end, 10);
	if (*r->params[1] && !*end && id >= 0 && id < 1000000)
		return (int)id;
	http_send_error(r, 404, "not_found", "no such fact");
	return -1;
}

/* The version If-Match names ("3" or "\"3\""; 0 for none, when the
 * editor did not say which version it read), or -1 after 400. */
static int version_or_respond(struct req *r)
{
	const char *m = http_header(r, "If-Match");
	if (!m)
		return 0;
	char digits[16];
	size_t n = 0;
	for (const char *c = m; *c && n + 1 < sizeof digits; c++)
		if (*c != '"' && *c != ' ')
			digits[n++] = *c;
	digits[n] = '\0';
	char *end;
	long v = strtol(digits, &end, 10);
	if (!n || *end || v < 1) {
		http_send_error(r, 400, "bad_header", "If-Match: give the fact's version, as its \"version\" says");
		return -1;
	}
	return (int)v;
}

/* Answers 201 (add) or 200 with the process's fact id as the registry
 * now holds it. */
static void send_fact(struct req *r, int status, enum fact_kind kind, int id)
{
	const struct process *p;
	struct svc_error err = { 0 };
	if (registry_refresh(r->reg, &err) || registry_process(r->reg, NULL, r->params[0], &p, &err)) {
		http_send_status(r, SVC_ERROR, &err);
		return;
	}
	json_t *out = NULL;
	json_t *all = json_process_full(p, 0);
	json_t *list = json_object_get(all, kind == FACT_POST ? "leadership" : "participants");
	for (size_t i = 0; i < json_array_size(list) && !out; i++) {
		json_t *item = json_array_get(list, i);
		if (json_integer_value(json_object_get(item, "id")) == id)
			out = json_incref(item);
	}
	json_decref(all);
	char *location = xasprintf("/api/v1/processes/%s/%s/%d", p->slug,
				   kind == FACT_POST ? "leaders" : "participants", id);
	http_set_header(r, "Location", location);
	free(location);
	http_send_json(r, status, out ? out : json_object());
}

static void add(struct req *r, enum fact_kind kind)
{
	const struct field *fields = kind == FACT_POST ? facts_post_fields : facts_participation_fields;
	size_t n = kind == FACT_POST ? facts_post_nfields : facts_participation_nfields;
	struct field_values v;
	json_t *body = NULL;
	struct svc_error err = { 0 };
	int id = 0;
	enum svc_status st;
	if (http_fields_or_respond(r, fields, n, kind == FACT_POST ? "a post" : "a participation", &v, &body) == 0) {
		if ((st = facts_add(r->reg, &r->actor, r->params[0], kind, &v, &id, &err)))
			http_send_status(r, st, &err);
		else
			send_fact(r, 201, kind, id);
	}
	fields_free(&v);
	json_decref(body);
}

/* Ends (ending 1) or corrects fact params[1] from the JSON body. */
static void edit(struct req *r, enum fact_kind kind, int ending)
{
	int id = fact_id_or_respond(r);
	int version = id < 0 ? -1 : version_or_respond(r);
	if (version < 0)
		return;
	const struct field *fields = ending ? facts_end_fields
				    : kind == FACT_POST ? facts_post_fields : facts_participation_fields;
	size_t n = ending ? facts_end_nfields : kind == FACT_POST ? facts_post_nfields : facts_participation_nfields;
	struct field_values v;
	json_t *body = NULL;
	struct svc_error err = { 0 };
	enum svc_status st;
	if (http_fields_or_respond(r, fields, n, "an edit", &v, &body) == 0) {
		st = ending ? facts_end(r->reg, &r->actor, r->params[0], kind, id, version, &v, &err)
			    : facts_correct(r->reg, &r->actor, r->params[0], kind, id, version, &v, &err);
		if (st)
			http_send_status(r, st, &err);
		else
			send_fact(r, 200, kind, id);
	}
	fields_free(&v);
	json_decref(body);
}

void api_participant_add(struct req *r) { add(r, FACT_PARTICIPATION); }
void api_participant_end(struct req *r) { edit(r, FACT_PARTICIPATION, 1); }
void api_participant_correct(struct req *r) { edit(r, FACT_PARTICIPATION, 0); }
void api_leader_add(struct req *r) { add(r, FACT_POST); }
void api_leader_end(struct req *r) { edit(r, FACT_POST, 1); }
void api_leader_correct(struct req *r) { edit(r, FACT_POST, 0); }

void api_registry_history(struct req *r)
{
	struct registry_edit_list l;
	struct svc_error err = { 0 };
	enum svc_status st = facts_history(r->reg, &r->actor, r->params[0], &l, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	http_send_json(r, 200, json_pack("{s:o, s:I}", "items", json_registry_edits(&l), "total", (json_int_t)l.n));
	registry_edit_list_free(&l);
}
