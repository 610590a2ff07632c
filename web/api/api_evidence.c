/* api_evidence.c: /api/v1/processes/{slug}/evidence, /evidence/{id}, /lessons, /assessment and the comparison */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/json_out.h"
#include "../../services/assessment.h"
#include "../../services/evidence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void send_evidence(struct req *r, int status, long long id)
{
	struct evidence e;
	struct svc_error err = { 0 };
	enum svc_status st = evidence_get(r->reg, &r->actor, id, &e, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	if (status == 201) {
		char *location = xasprintf("/api/v1/evidence/%lld", id);
		http_set_header(r, "Location", location);
		free(location);
	}
	http_send_json(r, status, json_evidence(&e));
	evidence_free(&e);
}

/* The list of one process (process not NULL) or of all, in ?phase. */
static void send_list(struct req *r, const char *process)
{
	const char *text = http_query(r, "phase");
	long phase = 0;
	char *why = NULL;
	if (text && *text && http_query_number(r, "phase", 1, PHASE_COUNT, &phase, &why)) {
		struct svc_error err = { 0 };
		http_send_status(r, svc_fail_with(&err, SVC_INVALID, "phase", why), &err);
		return;
	}
	struct evidence_list l = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = evidence_list(r->reg, &r->actor, process, (int)phase, &l, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	http_send_json(r, 200, json_pack("{s:o, s:I}", "items", json_evidence_list(&l), "total", (json_int_t)l.n));
	evidence_list_free(&l);
}

void api_process_evidence(struct req *r)
{
	if (r->method != EVHTTP_REQ_POST) {
		send_list(r, r->params[0]);
		return;
	}
	struct field_values v;
	json_t *body = NULL;
	long long id = 0;
	struct svc_error err = { 0 };
	enum svc_status st;
	if (http_fields_or_respond(r, evidence_fields, evidence_nfields, "evidence", &v, &body) == 0) {
		if ((st = evidence_add(r->reg, &r->actor, r->params[0], &v, &id, &err)))
			http_send_status(r, st, &err);
		else
			send_evidence(r, 201, id);
	}
	fields_free(&v);
	json_decref(body);
}

void api_evidence_all(struct req *r)
{
	send_list(r, NULL);
}

void api_evidence(struct req *r)
{
	long long id = http_id_or_respond(r, "evidence");
	if (id > 0)
		send_evidence(r, 200, id);
}

void api_evidence_delete(struct req *r)
{
	long long id = http_id_or_respond(r, "evidence");
	if (id < 0)
		return;
	struct svc_error err = { 0 };
	enum svc_status st = evidence_delete(r->reg, &r->actor, id, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_bytes(r, 204, "application/json", NULL, "", 0);
}

void api_lessons(struct req *r)
{
	struct assessment as;
	struct svc_error err = { 0 };
	enum svc_status st = assessment_lessons(r->reg, &r->actor, r->params[0], http_query(r, "at"), &as, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	http_send_json(r, 200, json_lessons(as.p->slug, as.day, &as.lessons));
	assessment_free(&as);
}

void api_assessment(struct req *r)
{
	struct assessment as;
	struct svc_error err = { 0 };
	enum svc_status st = assessment_of(r->reg, &r->actor, r->params[0], http_query(r, "at"), &as, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	http_send_json(r, 200, json_assessment(as.p->slug, as.day, &as.lessons, &as.evidence,
					       as.interviews_shown ? &as.interviews : NULL));
	assessment_free(&as);
}

void api_assessments(struct req *r)
{
	struct assessment *all;
	size_t n;
	struct svc_error err = { 0 };
	enum svc_status st = assessment_compare(r->reg, &r->actor, http_query(r, "at"), &all, &n, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_lessons(all[i].p->slug, all[i].day, &all[i].lessons));
	http_send_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
	assessment_list_free(all, n);
}

void api_duplication(struct req *r)
{
	const char *a = http_query(r, "a"), *b = http_query(r, "b"), *at = http_query(r, "at");
	struct svc_error err = { 0 };
	enum svc_status st;
	if (a || b) {
		struct duplication_view v;
		if ((st = assessment_duplication(r->reg, &r->actor, a ? a : "", b ? b : "", at, &v, &err))) {
			http_send_status(r, st, &err);
			return;
		}
		http_send_json(r, 200, json_duplication(v.a->slug, v.b->slug, &v.d));
		duplication_view_free(&v);
		return;
	}
	struct duplication_candidates all;
	if ((st = assessment_candidates(r->reg, &r->actor, at, &all, &err))) {
		http_send_status(r, st, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < all.n; i++)
		json_array_append_new(items, json_duplication(all.items[i].a->slug, all.items[i].b->slug, &all.items[i].d));
	http_send_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)all.n));
	duplication_candidates_free(&all);
}
