/* matrix.h: policy matrices: questions with allowed answers and member states' dated answers */
#ifndef RCPHUB_MATRIX_H
#define RCPHUB_MATRIX_H

#include "account.h"

#include <stddef.h>

/* One dated answer of a state to a question. */
struct matrix_answer {
	long long id;
	long long question;
	char state[4];
	char *state_name;
	char *answer;
	char answered[11];  /* YYYY-MM-DD */
	char *source;       /* or NULL */
	char *created_by;
};

/* A question (a dimension of policy): its allowed answers in order,
 * whether that order means something, their scores (NULL: by place), and
 * every answer given, by state and day. */
struct question {
	long long id;
	int position;
	char *code;
	char *text;
	struct strlist answers;
	int ordered;
	double *scores;
	struct matrix_answer *given;
	size_t ngiven;
};

struct matrix {
	long long id;
	char *process;
	char *name;
	char *description;
	enum level level;
	char *created_by;
	long long created_at;
	struct question *questions;
	size_t nquestions;
};

struct matrix_list {
	struct matrix *items;
	size_t n;
};

/* The place of answer among q's allowed answers, or -1. */
int question_choice(const struct question *q, const char *answer);
/* The answer of state to q holding on day (YYYY-MM-DD), or NULL. */
const struct matrix_answer *question_answer_on(const struct question *q, const char *state, const char *day);
void matrix_free(struct matrix *m);
void matrix_list_free(struct matrix_list *l);

#endif
