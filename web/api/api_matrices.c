/* api_matrices.c: /api/v1/processes/{slug}/matrices and /api/v1/matrices/{id} (questions, answers, snapshot, convergence) */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/json_out.h"
#include "../../services/matrices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void send_matrix(struct req *r, int status, long long id)
{
	struct matrix m;
	struct svc_error err = { 0 };
	enum svc_status st = matrices_get(r->reg, &r->actor, id, &m, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	if (status == 201) {
		char *location = xasprintf("/api/v1/matrices/%lld", id);
		http_set_header(r, "Location", location);
		free(location);
	}
	http_send_json(r, status, json_matrix(&m));
	matrix_free(&m);
}

void api_matrices(struct req *r)
{
	struct svc_error err = { 0 };
	enum svc_status st;
	if (r->method == EVHTTP_REQ_POST) {
		struct field_values v;
		json_t *body = NULL;
		long long id = 0;
		if (http_fields_or_respond(r, matrices_fields, matrices_nfields, "a matrix", &v, &body) == 0) {
			if ((st = matrices_add(r->reg, &r->actor, r->params[0], &v, &id, &err)))
				http_send_status(r, st, &err);
			else
				send_matrix(r, 201, id);
		}
		fields_free(&v);
		json_decref(body);
		return;
	}
	struct matrix_list l = { 0 };
	if ((st = matrices_list(r->reg, &r->actor, r->params[0], &l, &err))) {
		http_send_status(r, st, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, json_matrix(&l.items[i]));
	http_send_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)l.n));
	matrix_list_free(&l);
}

void api_matrix(struct req *r)
{
	long long id = http_id_or_respond(r, "matrix");
	if (id > 0)
		send_matrix(r, 200, id);
}

void api_matrix_questions(struct req *r)
{
	long long id = http_id_or_respond(r, "matrix");
	struct field_values v;
	json_t *body = NULL;
	struct svc_error err = { 0 };
	enum svc_status st;
	if (id < 0)
		return;
	if (http_fields_or_respond(r, questions_fields, questions_nfields, "a question", &v, &body) == 0) {
		if ((st = matrices_add_question(r->reg, &r->actor, id, &v, &err)))
			http_send_status(r, st, &err);
		else
			send_matrix(r, 201, id);
	}
	fields_free(&v);
	json_decref(body);
}

/* A string member of body taken out of it (caller frees), or NULL. */
static char *take_string(json_t *body, const char *name)
{
	json_t *v = json_object_get(body, name);
	char *s = json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
	json_object_del(body, name);
	return s;
}

void api_matrix_answers(struct req *r)
{
	long long id = http_id_or_respond(r, "matrix");
	struct field_values v;
	json_t *body;
	struct svc_error err = { 0 };
	enum svc_status st;
	if (id < 0)
		return;
	fields_init(&v, matrix_answers_fields, matrix_answers_nfields);
	if (!(body = http_json_body_or_respond(r))) {
		fields_free(&v);
		return;
	}
	/* the question and the state travel beside the answer's fields */
	char *question = take_string(body, "question"), *state = take_string(body, "state");
	if (!question || !state)
		http_send_error(r, 400, "bad_body", question ? "state: name the state whose answer this is"
							     : "question: name the question's code");
	else if (http_fields_from_json(body, &v, "an answer", &err))
		http_send_bad_body(r, &err);
	else if ((st = matrices_answer(r->reg, &r->actor, id, question, state, &v, &err)))
		http_send_status(r, st, &err);
	else
		http_send_bytes(r, 204, "application/json", NULL, "", 0);
	free(question);
	free(state);
	fields_free(&v);
	json_decref(body);
}

void api_matrix_snapshot(struct req *r)
{
	long long id = http_id_or_respond(r, "matrix");
	char day[11];
	if (id < 0 || http_day_or_respond(r, day))
		return;
	struct matrix m;
	struct svc_error err = { 0 };
	enum svc_status st = matrices_get(r->reg, &r->actor, id, &m, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	const char *states[512];
	size_t n = matrices_member_states(r->reg, &m, states, 512);
	http_send_json(r, 200, json_matrix_snapshot(&m, day, states, n));
	matrix_free(&m);
}

void api_matrix_convergence(struct req *r)
{
	long long id = http_id_or_respond(r, "matrix");
	if (id < 0)
		return;
	struct matrix m;
	struct svc_error err = { 0 };
	enum svc_status st = matrices_get(r->reg, &r->actor, id, &m, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	struct convergence *conv;
	matrices_convergence(r->reg, &m, &conv);
	http_send_json(r, 200, json_convergence(&m, conv));
	for (size_t i = 0; i < m.nquestions; i++)
		convergence_free(&conv[i]);
	free(conv);
	matrix_free(&m);
}
