/* convergence.h: how far a process's member governments agree on a policy question, year by year */
#ifndef RCPHUB_CONVERGENCE_H
#define RCPHUB_CONVERGENCE_H

#include <stddef.h>

/* One state's answer to a question, given on day (YYYY-MM-DD): choice is
 * its place among the question's allowed answers. An answer holds until
 * the state's next answer to the same question. */
struct dated_answer {
	const char *state;
	const char *day;
	int choice;
};

/* One year: answers as they stood on 31 December. */
struct convergence_year {
	int year;
	size_t members;      /* member governments that year */
	size_t answered;     /* of them, those with an answer holding */
	int modal;           /* the most common answer among them (ties: the first allowed), -1 for none */
	size_t on_modal;
	double modal_share;  /* on_modal / members, 0 to 1; 0 without members */
	int has_spread;      /* ordered answers with two or more answering */
	double spread;       /* standard deviation of the answers' scores */
};

/* A state whose answer changed: toward the year's most common answer,
 * away from the previous year's, or neither. */
enum move { MOVE_TOWARD, MOVE_AWAY, MOVE_OTHER };

struct mover {
	const char *state;
	int year;
	const char *day;   /* the day of its new answer */
	int from, to;
	enum move move;
};

struct convergence {
	struct convergence_year *years;
	size_t nyears;
	struct mover *movers;
	size_t nmovers;
};

/* Whether state was a member government of the process in year. */
typedef int (*member_fn)(void *ctx, const char *state, int year);

/* Computes the years first..last of one question from its answers (n,
 * any order), over states (nstates: every state that was ever a member),
 * for a question with nchoices allowed answers; ordered questions get a
 * spread over the scores (scores[choice], or the choice's place when
 * scores is NULL). Strings in out point into answers and states. */
void convergence_compute(const struct dated_answer *answers, size_t n, size_t nchoices, int ordered,
			 const double *scores, const char *const *states, size_t nstates, member_fn member, void *ctx,
			 int first, int last, struct convergence *out);
void convergence_free(struct convergence *c);
const char *move_name(enum move m);

#endif
