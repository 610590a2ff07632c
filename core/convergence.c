/* convergence.c: how far a process's member governments agree on a policy question, year by year */
#include "convergence.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *move_name(enum move m)
{
	return m == MOVE_TOWARD ? "toward" : m == MOVE_AWAY ? "away" : "other";
}

/* The answer of state holding at the end of year, or NULL. */
static const struct dated_answer *holding(const struct dated_answer *answers, size_t n, const char *state, int year)
{
	const struct dated_answer *best = NULL;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(answers[i].state, state) != 0 || atoi(answers[i].day) > year)
			continue;
		if (!best || strcmp(answers[i].day, best->day) >= 0)
			best = &answers[i];
	}
	return best;
}

static double score_of(const double *scores, int choice)
{
	return scores ? scores[choice] : (double)choice;
}

/* Fills y from the answers holding at the end of its year. */
static void one_year(const struct dated_answer *answers, size_t n, size_t nchoices, int ordered,
		     const double *scores, const char *const *states, size_t nstates, member_fn member, void *ctx,
		     struct convergence_year *y)
{
	size_t *counts = xcalloc(nchoices + 1, sizeof *counts);
	double sum = 0, sumsq = 0;
	for (size_t s = 0; s < nstates; s++) {
		if (!member(ctx, states[s], y->year))
			continue;
		y->members++;
		const struct dated_answer *a = holding(answers, n, states[s], y->year);
		if (!a || a->choice < 0 || (size_t)a->choice >= nchoices)
			continue;
		y->answered++;
		counts[a->choice]++;
		double v = score_of(scores, a->choice);
		sum += v;
		sumsq += v * v;
	}
	y->modal = -1;
	for (size_t c = 0; c < nchoices; c++)
		if (counts[c] && (y->modal < 0 || counts[c] > counts[y->modal]))
			y->modal = (int)c;
	y->on_modal = y->modal >= 0 ? counts[y->modal] : 0;
	y->modal_share = y->members ? (double)y->on_modal / (double)y->members : 0;
	if (ordered && y->answered >= 2) {
		double mean = sum / (double)y->answered, var = sumsq / (double)y->answered - mean * mean;
		y->has_spread = 1;
		y->spread = sqrt(var > 0 ? var : 0);
	}
	free(counts);
}

/* The moves of member states between the years before and of y. */
static void moves(const struct dated_answer *answers, size_t n, const char *const *states, size_t nstates,
		  member_fn member, void *ctx, const struct convergence_year *before, const struct convergence_year *y,
		  struct convergence *out)
{
	for (size_t s = 0; s < nstates; s++) {
		if (!member(ctx, states[s], y->year))
			continue;
		const struct dated_answer *was = holding(answers, n, states[s], before->year);
		const struct dated_answer *is = holding(answers, n, states[s], y->year);
		if (!was || !is || was->choice == is->choice)
			continue;
		out->movers = xrealloc(out->movers, (out->nmovers + 1) * sizeof *out->movers);
		enum move m = is->choice == y->modal ? MOVE_TOWARD
			      : was->choice == before->modal ? MOVE_AWAY : MOVE_OTHER;
		out->movers[out->nmovers++] = (struct mover){ .state = states[s], .year = y->year, .day = is->day,
							       .from = was->choice, .to = is->choice, .move = m };
	}
}

void convergence_compute(const struct dated_answer *answers, size_t n, size_t nchoices, int ordered,
			 const double *scores, const char *const *states, size_t nstates, member_fn member, void *ctx,
			 int first, int last, struct convergence *out)
{
	memset(out, 0, sizeof *out);
	if (last < first)
		return;
	out->nyears = (size_t)(last - first + 1);
	out->years = xcalloc(out->nyears, sizeof *out->years);
	for (size_t i = 0; i < out->nyears; i++) {
		out->years[i].year = first + (int)i;
		one_year(answers, n, nchoices, ordered, scores, states, nstates, member, ctx, &out->years[i]);
		if (i)
			moves(answers, n, states, nstates, member, ctx, &out->years[i - 1], &out->years[i], out);
	}
}

void convergence_free(struct convergence *c)
{
	free(c->years);
	free(c->movers);
	memset(c, 0, sizeof *c);
}
