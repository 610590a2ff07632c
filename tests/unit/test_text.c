/* test_text.c: folding, edit distance and UTF-8 checks */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/search.h"
#include "../../core/text.h"

static void assert_folds(const char *in, const char *want)
{
	char *got = text_fold(in);
	assert_string_equal(got, want);
	free(got);
}

static void fold_removes_accents_case_and_punctuation(void **state)
{
	(void)state;
	assert_folds("Söderköping Process", "soderkoping process");
	assert_folds("Côte d'Ivoire", "cote d ivoire");
	assert_folds("  Macedonia (FYR) ", "macedonia fyr");
	assert_folds("5 + 5 Dialogue", "5 5 dialogue");
	assert_folds("Türkiye", "turkiye");
	assert_folds("", "");
}

static void fold_drops_invalid_utf8(void **state)
{
	(void)state;
	assert_folds("ab\xff\xfe" "cd", "abcd");
}

static void distance_counts_edits(void **state)
{
	(void)state;
	assert_int_equal(text_distance("kitten", "sitting"), 3);
	assert_int_equal(text_distance("", "abc"), 3);
	assert_int_equal(text_distance("same", "same"), 0);
}

static void utf8_validation(void **state)
{
	(void)state;
	assert_true(text_is_utf8("Söderköping"));
	assert_false(text_is_utf8("\xc0\xaf"));      /* overlong '/' */
	assert_false(text_is_utf8("\xed\xa0\x80"));  /* surrogate */
	assert_false(text_is_utf8("\xe2\x82"));      /* truncated */
}

static void line_of_finds_first_occurrence(void **state)
{
	(void)state;
	assert_int_equal(text_line_of("a\nb\n\"x\"\n", "\"x\""), 3);
	assert_int_equal(text_line_of("abc", "z"), 0);
}

static void word_fold_keeps_every_script(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{ "Migration IRRÉGULIÈRE", "migration irreguliere" },
		{ "«asile», Straße", "asile strasse" },
		{ "Нерегулярная МИГРАЦИЯ, ёлка", "нерегулярная миграция елка" },
		{ "الْهِجْرَة  غير النظامية", "الهجرة غير النظامية" },
		{ "أمن", "امن" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *f = text_fold_words(cases[i][0]);
		assert_string_equal(f, cases[i][1]);
		free(f);
	}
	char *bad = text_fold_words("caf\xc3");
	assert_string_equal(bad, "");
	free(bad);
}

static void search_words_are_folded_prefixes(void **state)
{
	(void)state;
	struct search_words w;
	assert_int_equal(search_words_parse("  \"*:&|  ", &w), -1);
	assert_int_equal(search_words_parse("Söderköping söderköping INTELLIG", &w), 0);
	assert_int_equal(w.n, 2);
	assert_string_equal(w.words[0], "soderkoping");
	assert_true(search_text_holds("The SÖDERKÖPING Process: intelligence sharing", &w));
	assert_false(search_text_holds("The Söderköping Process", &w));  /* every word is needed */
	search_words_free(&w);
	assert_int_equal(search_words_parse("telligence", &w), 0);
	assert_false(search_text_holds("intelligence", &w));  /* a word's start, not its middle */
	search_words_free(&w);
}

static void snippet_marks_words_as_written(void **state)
{
	(void)state;
	struct search_words w;
	search_words_parse("soderkoping turk", &w);
	struct snippet s;
	search_snippet("Lessons of the\nSöderköping Process for Türkiye.", &w, 240, &s);
	assert_string_equal(s.text, "Lessons of the Söderköping Process for Türkiye.");
	assert_int_equal(s.nmarks, 2);
	assert_memory_equal(s.text + s.marks[0].at, "Söderköping", s.marks[0].len);
	assert_memory_equal(s.text + s.marks[1].at, "Türkiye", s.marks[1].len);
	assert_false(s.cut_before || s.cut_after);
	snippet_free(&s);

	char long_text[2000] = "";
	for (int i = 0; i < 60; i++)
		strcat(long_text, "filler words ");
	strcat(long_text, "then Söderköping at last");
	for (int i = 0; i < 60; i++)
		strcat(long_text, " more words");
	search_snippet(long_text, &w, 100, &s);
	assert_true(s.cut_before && s.cut_after && strlen(s.text) <= 110);
	assert_int_equal(s.nmarks, 1);
	assert_memory_equal(s.text + s.marks[0].at, "Söderköping", s.marks[0].len);
	assert_true(s.text[0] != ' ' && s.text[strlen(s.text) - 1] != ' ');  /* cut at spaces */
	snippet_free(&s);

	search_snippet("nothing to see", &w, 240, &s);  /* a title hit: the text's start, unmarked */
	assert_string_equal(s.text, "nothing to see");
	assert_int_equal(s.nmarks, 0);
	snippet_free(&s);
	search_words_free(&w);
}

static void record_numbers_are_positive_digits_only(void **state)
{
	(void)state;
	assert_int_equal(text_number("12"), 12);
	assert_int_equal(text_number("0"), -1);
	assert_int_equal(text_number("-3"), -1);
	assert_int_equal(text_number("+3"), -1);
	assert_int_equal(text_number(" 3"), -1);
	assert_int_equal(text_number("3x"), -1);
	assert_int_equal(text_number(""), -1);
	assert_int_equal(text_number(NULL), -1);
	assert_int_equal(text_number("99999999999999999999"), -1);
}

int main(void)
{
	text_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fold_removes_accents_case_and_punctuation),
		cmocka_unit_test(fold_drops_invalid_utf8),
		cmocka_unit_test(word_fold_keeps_every_script),
		cmocka_unit_test(distance_counts_edits),
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(line_of_finds_first_occurrence),
		cmocka_unit_test(search_words_are_folded_prefixes),
		cmocka_unit_test(snippet_marks_words_as_written),
		cmocka_unit_test(record_numbers_are_positive_digits_only),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
