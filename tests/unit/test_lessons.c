/* test_lessons.c: the eleven lessons at their edges, and what two processes share */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../core/duplication.h"
#include "../../core/lessons.h"
#include "../../core/text.h"

/* A process of two member governments founded in 2009, and nothing else. */
static struct participation parts[] = {
	{ .kind = PARTY_GOVERNMENT, .code = "GTM", .role = ROLE_MEMBER, .since = 2009 },
	{ .kind = PARTY_GOVERNMENT, .code = "MEX", .role = ROLE_MEMBER, .since = 2009 },
};

static struct process young(void)
{
	return (struct process){ .slug = "young", .acronym = "YP", .name = "Young Process", .established = 2009,
				 .parts = { parts, 2, 2 } };
}

static const struct lesson *lesson(const struct lessons *l, const char *key)
{
	for (size_t i = 0; i < LESSON_COUNT; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return &l->items[i];
	fail_msg("no lesson %s", key);
	return NULL;
}

static void a_founding_process_is_not_expected_to_gather_data_yet(void **state)
{
	(void)state;
	struct process p = young();
	struct meeting_list none = { 0 };
	struct plan_list plans = { 0 };
	struct lesson_inputs in = { .p = &p, .day = "2010-06-30", .year = 2010, .meetings = &none, .plans = &plans };
	struct lessons l;
	lessons_compute(&in, &l);
	assert_string_equal(l.stage.stage, "founding");
	assert_int_equal(l.stage.age, 1);
	assert_int_equal(lesson(&l, "data")->state, LESSON_NOT_YET);
	assert_int_equal(lesson(&l, "formality")->state, LESSON_NOT_YET);
	assert_false(lesson(&l, "data")->has_value);
	/* three years on, the same absence is only "no records" */
	in.day = "2012-06-30";
	in.year = 2012;
	lessons_free(&l);
	lessons_compute(&in, &l);
	assert_string_equal(l.stage.stage, "developing");
	assert_int_equal(lesson(&l, "data")->state, LESSON_NO_RECORDS);
	assert_int_equal(lesson(&l, "vitality")->state, LESSON_NO_RECORDS);
	assert_int_equal(lesson(&l, "networks")->state, LESSON_NO_RECORDS);
	assert_int_equal(lesson(&l, "numbers")->state, LESSON_STRONG);
	assert_true(lesson(&l, "numbers")->has_value);
	assert_true(lesson(&l, "numbers")->value == 2.0);
	lessons_free(&l);
}

static void hidden_focal_points_are_not_missing_ones(void **state)
{
	(void)state;
	struct process p = young();
	struct meeting_list none = { 0 };
	struct plan_list plans = { 0 };
	struct lesson_inputs in = { .p = &p, .day = "2012-06-30", .year = 2012, .meetings = &none, .plans = &plans,
				    .hidden_focal_points = 1 };
	struct lessons l;
	lessons_compute(&in, &l);
	assert_int_equal(lesson(&l, "networks")->state, LESSON_HIDDEN);
	assert_string_equal(lesson_state_name(LESSON_HIDDEN), "not visible to you");
	lessons_free(&l);
}

static void vitality_counts_whole_months(void **state)
{
	(void)state;
	struct process p = young();
	struct meeting held = { .id = 7, .process = "young", .type = "ministerial", .start = "2010-11-30",
				.end = "2010-11-30", .host = "MEX" };
	struct meeting_list one = { &held, 1 };
	struct plan_list plans = { 0 };
	struct lesson_inputs in = { .p = &p, .day = "2010-12-29", .year = 2010, .meetings = &one, .plans = &plans };
	struct lessons l;
	lessons_compute(&in, &l);
	assert_true(lesson(&l, "vitality")->value == 0.0);
	assert_true(lesson(&l, "ownership")->value == 1.0);
	assert_int_equal(lesson(&l, "structure")->state, LESSON_WEAK);  /* one type only */
	lessons_free(&l);
	in.day = "2010-12-30";
	lessons_compute(&in, &l);
	assert_true(lesson(&l, "vitality")->value == 1.0);
	lessons_free(&l);
	/* a meeting still to come is not one held */
	in.day = "2010-11-29";
	lessons_compute(&in, &l);
	assert_int_equal(lesson(&l, "vitality")->state, LESSON_NO_RECORDS);
	assert_false(lesson(&l, "vitality")->has_value);
	lessons_free(&l);
}

static void topics_are_found_at_the_start_of_words(void **state)
{
	(void)state;
	char *themes_a[] = { "Combating people smuggling", "Labour mobility" };
	char *themes_b[] = { "Smugglers and their networks", "Reintegration of returnees" };
	char *misleading[] = { "Metadata standards", "Hydrography" };
	struct provenance provs[2] = { { 0 } };
	struct process a = young(), b = young(), c = young();
	a.themes = (struct text_list){ { themes_a, 2 }, provs };
	b.themes = (struct text_list){ { themes_b, 2 }, provs };
	c.themes = (struct text_list){ { misleading, 2 }, provs };
	struct strlist regional = { 0 };
	struct duplication d;
	duplication_compare(&a, &b, 0, &regional, NULL, NULL, &d);
	assert_int_equal(d.ntopics, 1);
	assert_string_equal(d.topics[0].topic->key, "smuggling");
	assert_string_equal(d.topics[0].text_b, "Smugglers and their networks");
	assert_int_equal(d.shared_members, 2);
	assert_string_equal(d.verdict, "cooperation");  /* all members, but one topic only */
	duplication_free(&d);
	duplication_compare(&a, &c, 0, &regional, NULL, NULL, &d);
	assert_int_equal(d.ntopics, 0);  /* "data" inside "metadata" is not the word */
	assert_string_equal(d.verdict, "distinct");
	duplication_free(&d);
}

int main(void)
{
	text_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_founding_process_is_not_expected_to_gather_data_yet),
		cmocka_unit_test(hidden_focal_points_are_not_missing_ones),
		cmocka_unit_test(vitality_counts_whole_months),
		cmocka_unit_test(topics_are_found_at_the_start_of_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
