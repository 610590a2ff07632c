/* matrices.c: policy matrices of a process, its members' dated answers, snapshots and convergence over time */
#include "matrices.h"
#include "audit.h"
#include "policy.h"
#include "service_int.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const levels[] = { "public", "participants", "members", "restricted", NULL };
static const char *const yes_no[] = { "no", "yes", NULL };

const struct field matrices_fields[] = {
	{ .name = "name", .label = "Name", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 300 },
	{ .name = "description", .label = "What it compares (Markdown)", .type = FIELD_TEXT, .flags = FIELD_CLEARABLE,
	  .max = 20000 },
	{ .name = "level", .label = "Who may see it", .type = FIELD_CHOICE, .choices = levels, .def = "members" },
};
const size_t matrices_nfields = sizeof matrices_fields / sizeof matrices_fields[0];

const struct field questions_fields[] = {
	{ .name = "code", .label = "Code", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 50,
	  .hint = "a short code such as CARRIER_FINES" },
	{ .name = "text", .label = "Question", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 1000 },
	{ .name = "answers", .label = "Allowed answers, in order, separated by commas", .type = FIELD_LIST,
	  .flags = FIELD_REQUIRED, .max = 200, .cli_item = "answers", .hint = "two or more answers" },
	{ .name = "ordered", .label = "Are the answers ordered (from least to most)?", .type = FIELD_CHOICE,
	  .choices = yes_no, .def = "no" },
	{ .name = "scores", .label = "Scores of the answers, in the same order (ordered answers; empty: 0, 1, 2...)",
	  .type = FIELD_LIST, .flags = FIELD_CLEARABLE, .max = 30, .cli_item = "scores" },
};
const size_t questions_nfields = sizeof questions_fields / sizeof questions_fields[0];

const struct field matrix_answers_fields[] = {
	{ .name = "answer", .label = "Answer", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 200 },
	{ .name = "date", .label = "As of (YYYY-MM-DD)", .type = FIELD_DATE, .flags = FIELD_REQUIRED },
	{ .name = "source", .label = "Source (a law, a decree, a document, an address)", .type = FIELD_LINE,
	  .flags = FIELD_CLEARABLE, .max = 2000 },
};
const size_t matrix_answers_nfields = sizeof matrix_answers_fields / sizeof matrix_answers_fields[0];

int matrices_may_add(const struct actor *a, const char *process)
{
	return policy_may_write(a->user, process, NULL);
}

int matrices_may_answer(const struct actor *a, const char *process, const char *state)
{
	if (state)
		return policy_may_write(a->user, process, state);
	return policy_may_write(a->user, process, NULL) ||
	       (a->user && a->user->government && policy_may_write(a->user, process, a->user->government));
}

static enum svc_status not_allowed(const struct actor *a, const char *what, struct svc_error *err)
{
	return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL, "you may not %s%s", what,
			a->user ? "" : " without signing in");
}

static int audit_matrix(struct store *s, const struct actor *a, const char *action, const struct matrix *m,
			const char *detail, struct svc_error *err)
{
	char object[32];
	snprintf(object, sizeof object, "matrix:%lld", m->id);
	return audit_record(s, a, action, m->process, object, detail, err);
}

enum svc_status matrices_add(struct registry *r, const struct actor *a, const char *process,
			     const struct field_values *v, long long *id, struct svc_error *err)
{
	const struct process *proc;
	if (registry_process(r, "process", process, &proc, err))
		return SVC_NOT_FOUND;
	if (!matrices_may_add(a, proc->slug))
		return not_allowed(a, "make matrices in this process", err);
	enum svc_status st = fields_check(v, 1, err);
	if (st)
		return st;
	struct matrix m = { .process = xstrdup(proc->slug), .name = xstrdup(fields_text(v, "name")),
			    .description = xstrdup_or_null(fields_text(v, "description")),
			    .level = (enum level)level_parse(fields_text_or_default(v, "level", 1)),
			    .created_by = xstrdup(a->user->login), .created_at = a->now };
	struct store *s = registry_store(r);
	long long existing;
	if ((st = svc_begin(s, err)) == SVC_OK) {
		int rc = store_matrix_named(s, m.process, m.name, &existing, &err->message);
		if (rc == 0)
			st = svc_fail(err, SVC_CONFLICT, "name", "%s has a matrix \"%s\" already (number %lld)",
				      proc->acronym, m.name, existing);
		else if (rc < 0 || store_matrix_put(s, &m, &err->message) ||
			 audit_matrix(s, a, "matrix.add", &m, m.name, err))
			st = SVC_ERROR;
		st = svc_commit(s, st, err);
	}
	if (st == SVC_OK)
		*id = m.id;
	matrix_free(&m);
	return st;
}

/* Reads matrix id into *m if the actor may read it. */
static enum svc_status readable(struct registry *r, const struct actor *a, long long id, struct matrix *m,
				struct svc_error *err)
{
	int rc = store_matrix_get(registry_store(r), id, m, &err->message);
	if (rc < 0)
		return SVC_ERROR;
	if (rc == 0) {
		struct record_ref ref = { .process = m->process, .level = m->level };
		if (policy_may_read(a->user, &ref))
			return SVC_OK;
		matrix_free(m);
	}
	return svc_fail(err, SVC_NOT_FOUND, NULL, "no matrix %lld", id);
}

enum svc_status matrices_get(struct registry *r, const struct actor *a, long long id, struct matrix *out,
			     struct svc_error *err)
{
	return readable(r, a, id, out, err);
}

enum svc_status matrices_list(struct registry *r, const struct actor *a, const char *process,
			      struct matrix_list *out, struct svc_error *err)
{
	const struct process *proc;
	if (registry_process(r, "process", process, &proc, err))
		return SVC_NOT_FOUND;
	struct matrix_list all = { 0 };
	if (store_matrices_of(registry_store(r), proc->slug, &all, &err->message)) {
		matrix_list_free(&all);
		return SVC_ERROR;
	}
	for (size_t i = 0; i < all.n; i++) {
		struct record_ref ref = { .process = all.items[i].process, .level = all.items[i].level };
		if (!policy_may_read(a->user, &ref))
			continue;
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		out->items[out->n++] = all.items[i];
		memset(&all.items[i], 0, sizeof all.items[i]);
	}
	matrix_list_free(&all);
	return SVC_OK;
}

/* Fills q from the values given. */
static enum svc_status question_from(const struct matrix *m, const struct field_values *v, struct question *q,
				     struct svc_error *err)
{
	const struct strlist *answers = fields_list(v, "answers"), *scores = fields_list(v, "scores");
	q->code = xstrdup(fields_text(v, "code"));
	q->text = xstrdup(fields_text(v, "text"));
	q->ordered = strcmp(fields_text_or_default(v, "ordered", 1), "yes") == 0;
	for (size_t i = 0; i < m->nquestions; i++)
		if (strcmp(m->questions[i].code, q->code) == 0)
			return svc_fail(err, SVC_CONFLICT, "code", "the matrix asks %s already", q->code);
	for (size_t i = 0; answers && i < answers->n; i++) {
		if (strlist_contains(&q->answers, answers->items[i]))
			return svc_fail(err, SVC_INVALID, "answers", "\"%s\" is given twice", answers->items[i]);
		strlist_push(&q->answers, answers->items[i]);
	}
	if (q->answers.n < 2)
		return svc_fail(err, SVC_INVALID, "answers", "give two or more allowed answers");
	if (scores && scores->n) {
		if (scores->n != q->answers.n)
			return svc_fail(err, SVC_INVALID, "scores", "give one score per answer (%zu)", q->answers.n);
		q->scores = xcalloc(scores->n, sizeof *q->scores);
		for (size_t i = 0; i < scores->n; i++) {
			char *end;
			q->scores[i] = strtod(scores->items[i], &end);
			if (end == scores->items[i] || *end)
				return svc_fail(err, SVC_INVALID, "scores", "\"%s\" is not a number", scores->items[i]);
		}
		q->ordered = 1;
	}
	return SVC_OK;
}

enum svc_status matrices_add_question(struct registry *r, const struct actor *a, long long matrix,
				      const struct field_values *v, struct svc_error *err)
{
	struct matrix m;
	enum svc_status st = readable(r, a, matrix, &m, err);
	if (st)
		return st;
	if (!matrices_may_add(a, m.process)) {
		matrix_free(&m);
		return not_allowed(a, "ask questions in this matrix", err);
	}
	struct question q = { 0 };
	if ((st = fields_check(v, 1, err)) == SVC_OK)
		st = question_from(&m, v, &q, err);
	struct store *s = registry_store(r);
	if (st == SVC_OK && (st = svc_begin(s, err)) == SVC_OK) {
		if (store_question_put(s, m.id, &q, &err->message) || audit_matrix(s, a, "matrix.question", &m, q.code, err))
			st = SVC_ERROR;
		st = svc_commit(s, st, err);
	}
	free(q.code);
	free(q.text);
	strlist_free(&q.answers);
	free(q.scores);
	matrix_free(&m);
	return st;
}

/* Whether code (alpha-3) may have been a member government of proc in
 * year: attested then, or listed undated by a later source that no other
 * contradicts. A state's answer about its own policy is not refused for
 * want of a dated membership, nor left out of the year's members. */
static int member_in(const struct process *proc, const char *code, int year)
{
	for (size_t i = 0; i < proc->parts.n; i++) {
		const struct participation *pa = &proc->parts.items[i];
		if (pa->role == ROLE_MEMBER && pa->kind != PARTY_ORGANISATION && strcmp(pa->code, code) == 0 &&
		    (participation_at(pa, year) || participation_unattested(pa, year)))
			return 1;
	}
	return 0;
}

enum svc_status matrices_answer(struct registry *r, const struct actor *a, long long matrix, const char *code,
				const char *state, const struct field_values *v, struct svc_error *err)
{
	struct matrix m;
	enum svc_status st = readable(r, a, matrix, &m, err);
	if (st)
		return st;
	const struct process *proc = NULL;
	const struct country *c = NULL;
	const struct question *q = NULL;
	for (size_t i = 0; i < m.nquestions && !q; i++)
		q = strcmp(m.questions[i].code, code) == 0 ? &m.questions[i] : NULL;
	const char *answer = fields_text(v, "answer"), *day = fields_text(v, "date");
	if (!q)
		st = svc_fail(err, SVC_INVALID, "question", "the matrix asks no question %s", code);
	else if (registry_country(r, "state", state ? state : "", &c, err) ||
		 registry_process(r, "process", m.process, &proc, err))
		st = SVC_INVALID;
	else if (!matrices_may_answer(a, m.process, c->alpha3))
		st = not_allowed(a, "answer for this state", err);
	else if ((st = fields_check(v, 1, err)) != SVC_OK)
		;
	else if (question_choice(q, answer) < 0)
		st = svc_fail(err, SVC_INVALID, "answer", "\"%s\" is not an allowed answer to %s", answer, q->code);
	else if (!member_in(proc, c->alpha3, atoi(day)))
		st = svc_fail(err, SVC_INVALID, "state", "%s was not a member government of %s in %.4s", c->name,
			      proc->acronym, day);
	struct store *s = registry_store(r);
	if (st == SVC_OK && (st = svc_begin(s, err)) == SVC_OK) {
		struct matrix_answer given = { .question = q->id, .answer = (char *)answer,
					       .source = (char *)fields_text(v, "source"),
					       .created_by = a->user->login };
		snprintf(given.state, sizeof given.state, "%s", c->alpha3);
		snprintf(given.answered, sizeof given.answered, "%s", day);
		if (given.source && !*given.source)
			given.source = NULL;
		char *detail = xasprintf("%s %s: %s (%s)", q->code, c->alpha3, answer, day);
		int rc = store_matrix_answer_put(s, &given, a->now, &err->message);
		if (rc == 1) {
			char *why = err->message;
			err->message = NULL;
			st = svc_fail_with(err, SVC_CONFLICT, "date", why);
		}
		else if (rc < 0 || audit_matrix(s, a, "matrix.answer", &m, detail, err))
			st = SVC_ERROR;
		free(detail);
		st = svc_commit(s, st, err);
	}
	matrix_free(&m);
	return st;
}

static int is_member(void *ctx, const char *state, int year)
{
	return member_in(ctx, state, year);
}

size_t matrices_member_states(struct registry *r, const struct matrix *m, const char **states, size_t max)
{
	const struct process *proc;
	struct svc_error err = { 0 };
	size_t n = 0;
	if (registry_process(r, NULL, m->process, &proc, &err)) {
		svc_error_free(&err);
		return 0;
	}
	for (size_t i = 0; i < proc->parts.n && n < max; i++) {
		const struct participation *pa = &proc->parts.items[i];
		int seen = 0;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(states[k], pa->code) == 0;
		if (pa->role == ROLE_MEMBER && pa->kind != PARTY_ORGANISATION && !seen)
			states[n++] = pa->code;
	}
	return n;
}

void matrices_convergence(struct registry *r, const struct matrix *m, struct convergence **out)
{
	const struct process *proc = NULL;
	struct svc_error err = { 0 };
	registry_process(r, NULL, m->process, &proc, &err);
	svc_error_free(&err);
	*out = xcalloc(m->nquestions + 1, sizeof **out);
	size_t max = proc ? proc->parts.n + 1 : 1;
	const char **states = xcalloc(max, sizeof *states);
	size_t nstates = matrices_member_states(r, m, states, max);
	for (size_t i = 0; proc && i < m->nquestions; i++) {
		const struct question *q = &m->questions[i];
		struct dated_answer *answers = xcalloc(q->ngiven + 1, sizeof *answers);
		int first = 0, last = 0;
		for (size_t k = 0; k < q->ngiven; k++) {
			int year = atoi(q->given[k].answered);
			answers[k] = (struct dated_answer){ q->given[k].state, q->given[k].answered,
							    question_choice(q, q->given[k].answer) };
			first = !first || year < first ? year : first;
			last = year > last ? year : last;
		}
		if (q->ngiven)
			convergence_compute(answers, q->ngiven, q->answers.n, q->ordered, q->scores, states, nstates,
					    is_member, (void *)proc, first, last, &(*out)[i]);
		free(answers);
	}
	free(states);
}
