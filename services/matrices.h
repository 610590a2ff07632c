/* matrices.h: policy matrices of a process, its members' dated answers, snapshots and convergence over time */
#ifndef RCPHUB_MATRICES_H
#define RCPHUB_MATRICES_H

#include "fields.h"
#include "registry.h"
#include "service.h"
#include "../core/convergence.h"
#include "../core/matrix.h"

/* A matrix's fields (name, description, level), a question's (code,
 * text, answers, ordered, scores) and an answer's (answer, date, source). */
extern const struct field matrices_fields[];
extern const size_t matrices_nfields;
extern const struct field questions_fields[];
extern const size_t questions_nfields;
extern const struct field matrix_answers_fields[];
extern const size_t matrix_answers_nfields;

/* A matrix follows its level through the access policy (hidden looks
 * like missing). The secretariat makes matrices and asks questions; the
 * secretariat records any member's answers, a focal point their own
 * state's. Each change is one transaction with its audit entry. */
enum svc_status matrices_add(struct registry *r, const struct actor *a, const char *process,
			     const struct field_values *v, long long *id, struct svc_error *err);
enum svc_status matrices_add_question(struct registry *r, const struct actor *a, long long matrix,
				      const struct field_values *v, struct svc_error *err);
/* Records state's (named as the user likes) answer to question code of
 * matrix: one of the allowed answers, dated, by a member government of
 * the process in that year; one answer per state, question and day. */
enum svc_status matrices_answer(struct registry *r, const struct actor *a, long long matrix, const char *code,
				const char *state, const struct field_values *v, struct svc_error *err);
enum svc_status matrices_get(struct registry *r, const struct actor *a, long long id, struct matrix *out,
			     struct svc_error *err);
enum svc_status matrices_list(struct registry *r, const struct actor *a, const char *process,
			      struct matrix_list *out, struct svc_error *err);

/* The convergence of each question of m (out: m->nquestions of them, the
 * caller frees each and the array), from the year of its first answer to
 * the year of its last, over the process's member governments of each
 * year. */
void matrices_convergence(struct registry *r, const struct matrix *m, struct convergence **out);

/* Every state that was ever a member government of m's process
 * (alpha-3, owned by the registry's snapshot), into states (room for
 * max); how many. */
size_t matrices_member_states(struct registry *r, const struct matrix *m, const char **states, size_t max);

int matrices_may_add(const struct actor *a, const char *process);
/* Whether the actor may answer for state (NULL: for some state). */
int matrices_may_answer(const struct actor *a, const char *process, const char *state);

#endif
