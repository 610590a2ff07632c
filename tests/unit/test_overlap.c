/* test_overlap.c: shared and exclusive members, Jaccard index */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../core/overlap.h"

static void overlap_of_two_sets(void **state)
{
	(void)state;
	const char *a[] = { "NZL", "AUS", "IDN", "AUS" };
	const char *b[] = { "IDN", "THA", "AUS" };
	struct overlap o;
	overlap_compute(a, 4, b, 3, &o);
	assert_int_equal(o.nshared, 2);
	assert_string_equal(o.shared[0], "AUS");
	assert_string_equal(o.shared[1], "IDN");
	assert_int_equal(o.nonly_a, 1);
	assert_string_equal(o.only_a[0], "NZL");
	assert_int_equal(o.nonly_b, 1);
	assert_string_equal(o.only_b[0], "THA");
	assert_float_equal(o.jaccard, 0.5, 1e-9);
	overlap_free(&o);
}

static void empty_and_identical_sets(void **state)
{
	(void)state;
	struct overlap o;
	overlap_compute(NULL, 0, NULL, 0, &o);
	assert_float_equal(o.jaccard, 0.0, 1e-9);
	overlap_free(&o);
	const char *a[] = { "FRA", "ITA" };
	overlap_compute(a, 2, a, 2, &o);
	assert_float_equal(o.jaccard, 1.0, 1e-9);
	overlap_free(&o);
	assert_float_equal(overlap_jaccard(10, 10, 0), 0.0, 1e-9);
	assert_float_equal(overlap_jaccard(3, 4, 3), 0.75, 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(overlap_of_two_sets),
		cmocka_unit_test(empty_and_identical_sets),
	};
	return cmocka_run_group_tests_name("overlap", tests, NULL, NULL);
}
