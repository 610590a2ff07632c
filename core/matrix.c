/* matrix.c: policy matrices: questions with allowed answers and member states' dated answers */
#include "matrix.h"

#include <stdlib.h>
#include <string.h>

int question_choice(const struct question *q, const char *answer)
{
	for (size_t i = 0; i < q->answers.n; i++)
		if (strcmp(q->answers.items[i], answer) == 0)
			return (int)i;
	return -1;
}

const struct matrix_answer *question_answer_on(const struct question *q, const char *state, const char *day)
{
	const struct matrix_answer *best = NULL;
	for (size_t i = 0; i < q->ngiven; i++) {
		const struct matrix_answer *a = &q->given[i];
		if (strcmp(a->state, state) == 0 && strcmp(a->answered, day) <= 0 &&
		    (!best || strcmp(a->answered, best->answered) >= 0))
			best = a;
	}
	return best;
}

static void question_free(struct question *q)
{
	free(q->code);
	free(q->text);
	strlist_free(&q->answers);
	free(q->scores);
	for (size_t i = 0; i < q->ngiven; i++) {
		free(q->given[i].state_name);
		free(q->given[i].answer);
		free(q->given[i].source);
		free(q->given[i].created_by);
	}
	free(q->given);
}

void matrix_free(struct matrix *m)
{
	free(m->process);
	free(m->name);
	free(m->description);
	free(m->created_by);
	for (size_t i = 0; i < m->nquestions; i++)
		question_free(&m->questions[i]);
	free(m->questions);
	memset(m, 0, sizeof *m);
}

void matrix_list_free(struct matrix_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		matrix_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}
