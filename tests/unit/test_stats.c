/* test_stats.c: SDMX periods and the comparability checks, on hand-checked series */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../core/period.h"
#include "../../core/stats.h"

#include <string.h>

static void periods_read_in_every_sdmx_form(void **state)
{
	(void)state;
	struct period p;
	char text[9];
	const char *forms[][2] = { { "2019", "2019" }, { "2019-A1", "2019" }, { "2019-S2", "2019-S2" },
				   { "2019-Q3", "2019-Q3" }, { "2019-07", "2019-07" }, { "2019-M07", "2019-07" } };
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		assert_int_equal(period_parse(forms[i][0], &p), 0);
		period_format(&p, text);
		assert_string_equal(text, forms[i][1]);
	}
	const char *bad[] = { "", "19", "2019-", "2019-Q5", "2019-S3", "2019-13", "2019-00", "2019-W01", "1899",
			      "2019-Q1x", "2019/07" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(period_parse(bad[i], &p), -1);
}

static void periods_follow_each_other_and_nest(void **state)
{
	(void)state;
	struct period q4, q1, y, m, from, to;
	period_parse("2019-Q4", &q4);
	period_parse("2020-Q1", &q1);
	assert_int_equal(period_ordinal(&q1) - period_ordinal(&q4), 1);
	struct period back = period_at('Q', period_ordinal(&q1));
	assert_int_equal(back.year, 2020);
	assert_int_equal(back.sub, 1);
	/* a year asked for takes its quarters and months; a quarter its months */
	period_parse("2019", &y);
	period_parse("2019-08", &m);
	period_parse("2019", &from);
	period_parse("2019", &to);
	assert_true(period_within(&q4, &from, &to));
	assert_false(period_within(&q1, &from, &to));
	period_parse("2019-Q3", &from);
	period_parse("2019-Q3", &to);
	assert_true(period_within(&m, &from, &to));
	assert_false(period_within(&y, NULL, NULL) == 0);
	assert_int_equal(period_first_month(&q4), 2019 * 12 + 9);
	assert_int_equal(period_last_month(&y), 2019 * 12 + 11);
}

static void values_are_written_short_and_exact(void **state)
{
	(void)state;
	char out[32];
	stats_format_value(12.5, out);
	assert_string_equal(out, "12.5");
	stats_format_value(1e6, out);
	assert_string_equal(out, "1000000");
	stats_format_value(0.1 + 0.2, out);
	assert_string_equal(out, "0.30000000000000004");
}

/* Hungary reports 100, 102, 101, 103, 900, 104 (2015-2020) with 2017
 * flagged as a break and no 2018-2019 in its female series; Austria
 * reports in thousands (a unit of its own); Greece, a member, nothing. */
static struct observation obs[] = {
	{ .ref_area = "AUT", .period = "2019", .dims = "F", .value = 5, .status = 'A', .unit = "PS (10^3)" },
	{ .ref_area = "AUT", .period = "2020", .dims = "F", .value = 6, .status = 'A', .unit = "PS (10^3)" },
	{ .ref_area = "HUN", .period = "2015", .dims = "F", .value = 50, .status = 'A' },
	{ .ref_area = "HUN", .period = "2016", .dims = "F", .value = 51, .status = 'A' },
	{ .ref_area = "HUN", .period = "2017", .dims = "F", .value = 52, .status = 'B' },
	{ .ref_area = "HUN", .period = "2018", .dims = "F", .missing = 1, .status = 'M' },
	{ .ref_area = "HUN", .period = "2020", .dims = "F", .value = 53, .status = 'A' },
	{ .ref_area = "HUN", .period = "2015", .dims = "M", .value = 100, .status = 'A' },
	{ .ref_area = "HUN", .period = "2016", .dims = "M", .value = 102, .status = 'A' },
	{ .ref_area = "HUN", .period = "2017", .dims = "M", .value = 101, .status = 'A' },
	{ .ref_area = "HUN", .period = "2018", .dims = "M", .value = 103, .status = 'A' },
	{ .ref_area = "HUN", .period = "2019", .dims = "M", .value = 900, .status = 'A' },
	{ .ref_area = "HUN", .period = "2020", .dims = "M", .value = 104, .status = 'A' },
};

static const struct finding *find(const struct finding_list *l, enum finding_kind kind, const char *area,
				  const char *series)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].kind == kind && strcmp(l->items[i].ref_area, area) == 0 &&
		    strcmp(l->items[i].series, series) == 0)
			return &l->items[i];
	return NULL;
}

static void the_checks_find_what_a_statistician_would(void **state)
{
	(void)state;
	struct indicator ind = { .code = "MIG_STOCK", .unit = "PS", .periodicity = 'A' };
	struct observation_list l = { obs, sizeof obs / sizeof obs[0] };
	const char *members[] = { "AUT", "HUN", "GRC" };
	struct finding_list out = { 0 };
	stats_check(&ind, &l, members, 3, &out);
	const struct finding *f = find(&out, FINDING_UNIT, "AUT", "F");
	assert_non_null(f);
	assert_string_equal(f->detail, "reports in PS (10^3) where the indicator's unit is PS");
	f = find(&out, FINDING_BREAK, "HUN", "F");
	assert_non_null(f);
	assert_string_equal(f->period, "2017");
	/* 2018 is reported missing and 2019 not at all: two periods without a value */
	f = find(&out, FINDING_GAP, "HUN", "F");
	assert_non_null(f);
	assert_string_equal(f->period, "2018");
	assert_string_equal(f->detail, "2 periods without a value from 2018, before 2020");
	/* median 102.5, deviations 2.5 1.5 0.5 1.5 797.5 0.5 -> MAD 1.5, scaled 2.22: 900 is 359 away */
	f = find(&out, FINDING_OUTLIER, "HUN", "M");
	assert_non_null(f);
	assert_string_equal(f->period, "2019");
	assert_string_equal(f->detail, "900 is far from the series' median of 102.5");
	assert_null(find(&out, FINDING_OUTLIER, "HUN", "F"));  /* four values: too few to judge */
	f = find(&out, FINDING_SILENT, "GRC", "");
	assert_non_null(f);
	assert_null(find(&out, FINDING_SILENT, "HUN", ""));
	assert_int_equal(out.n, 5);
	finding_list_free(&out);
}

static void a_flat_series_still_shows_its_outlier(void **state)
{
	(void)state;
	/* four equal values and one far off: the median deviation is 0, the mean deviation is not */
	struct observation flat[] = {
		{ .ref_area = "TUR", .period = "2016", .dims = "", .value = 100, .status = 'A' },
		{ .ref_area = "TUR", .period = "2017", .dims = "", .value = 100, .status = 'A' },
		{ .ref_area = "TUR", .period = "2018", .dims = "", .value = 100, .status = 'A' },
		{ .ref_area = "TUR", .period = "2019", .dims = "", .value = 100, .status = 'A' },
		{ .ref_area = "TUR", .period = "2020", .dims = "", .value = 5000, .status = 'A' },
	};
	struct indicator ind = { .code = "X", .unit = "PS", .periodicity = 'A' };
	struct observation_list l = { flat, 5 };
	struct finding_list out = { 0 };
	stats_check(&ind, &l, NULL, 0, &out);
	assert_int_equal(out.n, 1);
	assert_int_equal(out.items[0].kind, FINDING_OUTLIER);
	assert_string_equal(out.items[0].period, "2020");
	finding_list_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(periods_read_in_every_sdmx_form),
		cmocka_unit_test(periods_follow_each_other_and_nest),
		cmocka_unit_test(values_are_written_short_and_exact),
		cmocka_unit_test(the_checks_find_what_a_statistician_would),
		cmocka_unit_test(a_flat_series_still_shows_its_outlier),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
