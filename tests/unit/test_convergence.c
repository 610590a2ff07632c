/* test_convergence.c: modal share, spread and movers of a policy question, on a hand-checked process */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../core/convergence.h"

#include <string.h>

/* Carrier sanctions in a process of four: A, B and C members throughout,
 * D from 2012. Answers, ordered: 0 none, 1 fines, 2 fines and detention. */
static const struct dated_answer answers[] = {
	{ "A", "2010-03-01", 1 },
	{ "B", "2010-06-01", 0 },
	{ "B", "2012-02-01", 1 },
	{ "C", "2011-01-01", 2 },
	{ "D", "2012-05-01", 1 },
};
static const char *const states[] = { "A", "B", "C", "D" };

static int member(void *ctx, const char *state, int year)
{
	(void)ctx;
	return strcmp(state, "D") != 0 || year >= 2012;
}

static void modal_share_and_spread_by_year(void **state)
{
	(void)state;
	struct convergence c;
	convergence_compute(answers, 5, 3, 1, NULL, states, 4, member, NULL, 2010, 2012, &c);
	assert_int_equal(c.nyears, 3);
	/* 2010: A fines, B none, C not yet: a tie goes to the first allowed answer; 1 of 3 members on it */
	assert_int_equal(c.years[0].members, 3);
	assert_int_equal(c.years[0].answered, 2);
	assert_int_equal(c.years[0].modal, 0);
	assert_float_equal(c.years[0].modal_share, 1.0 / 3, 1e-9);
	assert_float_equal(c.years[0].spread, 0.5, 1e-9);
	/* 2011: 1, 0, 2: sd of (1, 0, 2) = sqrt(2/3) */
	assert_float_equal(c.years[1].spread, 0.816496580927726, 1e-9);
	/* 2012: B moved to fines and D joined with fines: 3 of 4; sd of (1, 1, 2, 1) = sqrt(3/16) */
	assert_int_equal(c.years[2].members, 4);
	assert_int_equal(c.years[2].modal, 1);
	assert_float_equal(c.years[2].modal_share, 0.75, 1e-9);
	assert_float_equal(c.years[2].spread, 0.433012701892219, 1e-9);
	assert_int_equal(c.nmovers, 1);
	assert_string_equal(c.movers[0].state, "B");
	assert_int_equal(c.movers[0].year, 2012);
	assert_string_equal(c.movers[0].day, "2012-02-01");
	assert_int_equal(c.movers[0].move, MOVE_TOWARD);
	convergence_free(&c);
}

static void unordered_answers_have_no_spread_and_moving_away_is_told(void **state)
{
	(void)state;
	/* A leaves the 2010 majority (fines) for a third answer in 2011 */
	const struct dated_answer a[] = {
		{ "A", "2010-01-01", 1 }, { "B", "2010-01-01", 1 }, { "C", "2010-01-01", 0 }, { "A", "2011-07-01", 2 },
	};
	struct convergence c;
	convergence_compute(a, 4, 3, 0, NULL, states, 3, member, NULL, 2010, 2011, &c);
	assert_false(c.years[0].has_spread);
	assert_float_equal(c.years[0].modal_share, 2.0 / 3, 1e-9);
	assert_int_equal(c.nmovers, 1);
	assert_int_equal(c.movers[0].move, MOVE_AWAY);
	assert_string_equal(move_name(c.movers[0].move), "away");
	convergence_free(&c);
}

static void scores_replace_places(void **state)
{
	(void)state;
	const double scores[] = { 0, 10, 100 };
	struct convergence c;
	convergence_compute(answers, 5, 3, 1, scores, states, 4, member, NULL, 2010, 2010, &c);
	assert_float_equal(c.years[0].spread, 5.0, 1e-9);  /* scores 10 and 0 */
	convergence_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(modal_share_and_spread_by_year),
		cmocka_unit_test(unordered_answers_have_no_spread_and_moving_away_is_told),
		cmocka_unit_test(scores_replace_places),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
