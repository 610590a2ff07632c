/* store_matrices.c: policy matrices, their questions and the dated answers of states */
#include "store_int.h"
#include "../core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct query q_matrix_put = { {
	"INSERT INTO matrices (id, process, name, description, level, created_by, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_matrix_get = { {
	"SELECT id, process, name, description, level, created_by, created_at FROM matrices WHERE id = ?",
} };
static const struct query q_matrix_named = { {
	"SELECT id FROM matrices WHERE process = ? AND name = ?",
} };
static const struct query q_matrices_of = { {
	"SELECT id FROM matrices WHERE process = ? ORDER BY name, id",
} };
static const struct query q_question_put = { {
	"INSERT INTO matrix_questions (id, matrix, position, code, text, answers, ordered, scores) "
	"VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM matrix_questions WHERE matrix = ?), ?, ?, ?, ?, ?)",
} };
static const struct query q_questions_of = { {
	"SELECT id, position, code, text, answers, ordered, scores FROM matrix_questions WHERE matrix = ? "
	"ORDER BY position",
} };
static const struct query q_answer_put = { {
	"INSERT INTO matrix_answers (id, question, state, answer, answered, source, created_by, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_answer_same_day = { {
	"SELECT id FROM matrix_answers WHERE question = ? AND state = ? AND answered = ?",
} };
static const struct query q_answers_of = { {
	"SELECT a.id, a.question, a.state, coalesce(c.name, a.state), a.answer, a.answered, a.source, a.created_by "
	"FROM matrix_answers a JOIN matrix_questions q ON q.id = a.question LEFT JOIN countries c ON c.alpha3 = a.state "
	"WHERE q.matrix = ? ORDER BY a.question, a.state, a.answered",
} };

int store_matrix_put(struct store *s, struct matrix *m, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "matrices", &m->id, err) || !(st = store_stmt(s, &q_matrix_put, err)))
		return -1;
	bind_int64(st, 1, m->id);
	bind_text(st, 2, m->process);
	bind_text(st, 3, m->name);
	bind_text(st, 4, m->description ? m->description : "");
	bind_text(st, 5, level_name(m->level));
	bind_text(st, 6, m->created_by);
	bind_int64(st, 7, m->created_at);
	return run(st, "adding a matrix", err);
}

int store_matrix_named(struct store *s, const char *process, const char *name, long long *id, char **err)
{
	struct stmt *st = store_stmt(s, &q_matrix_named, err);
	if (!st)
		return -1;
	bind_text(st, 1, process);
	bind_text(st, 2, name);
	int rc = next_row(st, "finding a matrix", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	*id = col_int64(st, 0);
	reset(st);
	return 0;
}

int store_question_put(struct store *s, long long matrix, struct question *q, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "matrix_questions", &q->id, err) || !(st = store_stmt(s, &q_question_put, err)))
		return -1;
	char *answers = store_join(&q->answers, "\n");
	struct strlist scores = { 0 };
	for (size_t i = 0; q->scores && i < q->answers.n; i++) {
		char v[32];
		snprintf(v, sizeof v, "%.17g", q->scores[i]);
		strlist_push(&scores, v);
	}
	char *score_text = store_join(&scores, "\n");
	bind_int64(st, 1, q->id);
	bind_int64(st, 2, matrix);
	bind_int64(st, 3, matrix);
	bind_text(st, 4, q->code);
	bind_text(st, 5, q->text);
	bind_text(st, 6, answers);
	bind_int64(st, 7, q->ordered);
	bind_text(st, 8, score_text);
	int rc = run(st, "adding a question", err);
	free(answers);
	free(score_text);
	strlist_free(&scores);
	return rc;
}

int store_matrix_answer_put(struct store *s, struct matrix_answer *a, long long now, char **err)
{
	struct stmt *st = store_stmt(s, &q_answer_same_day, err);
	if (!st)
		return -1;
	bind_int64(st, 1, a->question);
	bind_text(st, 2, a->state);
	bind_text(st, 3, a->answered);
	int rc = next_row(st, "checking an answer", err);
	if (rc != 0) {
		if (rc == 1) {
			reset(st);
			*err = xasprintf("%s answered this question on %s already", a->state, a->answered);
			return 1;
		}
		return -1;
	}
	if (store_next_id(s, "matrix_answers", &a->id, err) || !(st = store_stmt(s, &q_answer_put, err)))
		return -1;
	bind_int64(st, 1, a->id);
	bind_int64(st, 2, a->question);
	bind_text(st, 3, a->state);
	bind_text(st, 4, a->answer);
	bind_text(st, 5, a->answered);
	bind_text(st, 6, a->source);
	bind_text(st, 7, a->created_by);
	bind_int64(st, 8, now);
	return run(st, "recording an answer", err);
}

static struct question *question_of(struct matrix *m, long long id)
{
	for (size_t i = 0; i < m->nquestions; i++)
		if (m->questions[i].id == id)
			return &m->questions[i];
	return NULL;
}

/* Reads the questions of m and the answers given to them. */
static int read_questions(struct store *s, struct matrix *m, char **err)
{
	struct stmt *st = store_stmt(s, &q_questions_of, err);
	int rc;
	if (!st)
		return -1;
	bind_int64(st, 1, m->id);
	while ((rc = next_row(st, "reading a matrix's questions", err)) == 1) {
		struct question *q = STORE_PUSH(&m->questions, &m->nquestions);
		q->id = col_int64(st, 0);
		q->position = (int)col_int64(st, 1);
		q->code = col_text(st, 2);
		q->text = col_text(st, 3);
		store_split(&q->answers, col_str(st, 4), '\n');
		q->ordered = (int)col_int64(st, 5);
		struct strlist scores = { 0 };
		store_split(&scores, col_str(st, 6), '\n');
		if (scores.n && scores.n == q->answers.n) {
			q->scores = xcalloc(scores.n, sizeof *q->scores);
			for (size_t i = 0; i < scores.n; i++)
				q->scores[i] = strtod(scores.items[i], NULL);
		}
		strlist_free(&scores);
	}
	if (rc < 0 || !(st = store_stmt(s, &q_answers_of, err)))
		return -1;
	bind_int64(st, 1, m->id);
	while ((rc = next_row(st, "reading a matrix's answers", err)) == 1) {
		struct question *q = question_of(m, col_int64(st, 1));
		if (!q)
			continue;
		struct matrix_answer *a = STORE_PUSH(&q->given, &q->ngiven);
		a->id = col_int64(st, 0);
		a->question = q->id;
		snprintf(a->state, sizeof a->state, "%s", col_str(st, 2));
		a->state_name = col_text(st, 3);
		a->answer = col_text(st, 4);
		snprintf(a->answered, sizeof a->answered, "%s", col_str(st, 5));
		a->source = col_text(st, 6);
		a->created_by = col_text(st, 7);
	}
	return rc;
}

int store_matrix_get(struct store *s, long long id, struct matrix *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_matrix_get, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc = next_row(st, "reading a matrix", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	memset(out, 0, sizeof *out);
	out->id = col_int64(st, 0);
	out->process = col_text(st, 1);
	out->name = col_text(st, 2);
	out->description = col_text(st, 3);
	out->level = (enum level)level_parse(col_str(st, 4));
	out->created_by = col_text(st, 5);
	out->created_at = col_int64(st, 6);
	reset(st);
	if (read_questions(s, out, err) == 0)
		return 0;
	matrix_free(out);
	return -1;
}

int store_matrices_of(struct store *s, const char *process, struct matrix_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_matrices_of, err);
	if (!st)
		return -1;
	bind_text(st, 1, process);
	long long *ids = NULL;
	size_t n = 0;
	int rc;
	while ((rc = next_row(st, "listing matrices", err)) == 1)
		*STORE_PUSH(&ids, &n) = col_int64(st, 0);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct matrix *m = STORE_PUSH(&out->items, &out->n);
		rc = store_matrix_get(s, ids[i], m, err);
		if (rc)
			out->n--;
		rc = rc < 0 ? -1 : 0;
	}
	free(ids);
	return rc;
}
