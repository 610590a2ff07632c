/* test_names.c: the name index: lookup by any folded name, suggestions */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../core/names.h"
#include "../../core/text.h"

static struct name_index idx;

static int setup(void **state)
{
	(void)state;
	memset(&idx, 0, sizeof idx);
	assert_int_equal(names_add(&idx, "Korea, Republic of", "KOR", NULL), 0);
	assert_int_equal(names_add(&idx, "United Kingdom", "GBR", NULL), 0);
	assert_int_equal(names_add(&idx, "Cross-Border Cooperation Process", "cbcp", NULL), 0);
	assert_int_equal(names_add(&idx, "Söderköping Process", "cbcp", NULL), 0);
	assert_int_equal(names_add(&idx, "Regional Conference on Migration", "rcm", NULL), 0);
	assert_int_equal(names_add(&idx, "Puebla Process", "rcm", NULL), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	names_free(&idx);
	return 0;
}

static void lookup_ignores_case_accents_and_articles(void **state)
{
	(void)state;
	assert_string_equal(names_lookup(&idx, "puebla process"), "rcm");
	assert_string_equal(names_lookup(&idx, "SODERKOPING PROCESS"), "cbcp");
	assert_string_equal(names_lookup(&idx, "the United Kingdom"), "GBR");
	assert_string_equal(names_lookup(&idx, "Republic of Korea"), "KOR");
	assert_null(names_lookup(&idx, "Narnia"));
}

static void duplicate_name_for_other_id_is_refused(void **state)
{
	(void)state;
	const char *other = NULL;
	assert_int_equal(names_add(&idx, "puebla  PROCESS", "sacm", &other), -1);
	assert_string_equal(other, "rcm");
	assert_int_equal(names_add(&idx, "Puebla Process", "rcm", NULL), 0);
}

static void suggestions_find_near_misses(void **state)
{
	(void)state;
	const char *ids[3];
	assert_int_equal(names_suggest(&idx, "pueblo", ids, 3), 1);
	assert_string_equal(ids[0], "rcm");
	assert_true(names_suggest(&idx, "United Kingdon", ids, 3) >= 1);
	assert_string_equal(ids[0], "GBR");
	assert_int_equal(names_suggest(&idx, "zzzzzzzz", ids, 3), 0);
}

int main(void)
{
	text_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(lookup_ignores_case_accents_and_articles, setup, teardown),
		cmocka_unit_test_setup_teardown(duplicate_name_for_other_id_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(suggestions_find_near_misses, setup, teardown),
	};
	return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
