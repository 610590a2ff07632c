/* test_plan_report.c: a plan's follow-up on a day: latest status, overdue, tallies per owner */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../core/plan_report.h"

/* Two items of the Colombo Process's kind: the first owed by Sri Lanka and
 * the Philippines (due 2011-12-31), the second by Sri Lanka alone (no due
 * day). Sri Lanka finished the first item on 2011-06-01 after starting it
 * on 2011-05-01; the Philippines dropped it on 2012-02-01. */
static struct progress lka_first[] = {
	{ .status = "in-progress", .reported = "2011-05-01" },
	{ .status = "done", .reported = "2011-06-01" },
};
static struct progress phl_first[] = {
	{ .status = "dropped", .reported = "2012-02-01" },
};
static struct commitment first[] = {
	{ .owner = "LKA", .owner_name = "Sri Lanka", .progress = lka_first, .nprogress = 2 },
	{ .owner = "PHL", .owner_name = "Philippines", .progress = phl_first, .nprogress = 1 },
};
static struct commitment second[] = {
	{ .owner = "LKA", .owner_name = "Sri Lanka" },
};
static struct plan_item items[] = {
	{ .position = 1, .text = "Pre-departure orientation", .due = "2011-12-31", .commitments = first,
	  .ncommitments = 2 },
	{ .position = 2, .text = "Recruitment costs survey", .commitments = second, .ncommitments = 1 },
};
static const struct plan plan = { .title = "Dhaka plan", .adopted = "2011-04-20", .items = items, .nitems = 2 };

static void a_day_reads_the_history_as_it_was(void **state)
{
	(void)state;
	struct plan_report r;
	plan_report(&plan, "2011-05-15", &r);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.rows[0].status, "in-progress");
	assert_string_equal(r.rows[0].latest->reported, "2011-05-01");
	assert_string_equal(r.rows[1].status, "not-started");
	assert_null(r.rows[1].latest);
	assert_int_equal(r.done, 0);
	assert_int_equal(r.total, 3);
	assert_false(r.rows[0].overdue || r.rows[1].overdue || r.rows[2].overdue);
	plan_report_free(&r);
}

static void overdue_after_the_due_day_unless_closed(void **state)
{
	(void)state;
	struct plan_report r;
	plan_report(&plan, "2012-01-15", &r);
	assert_string_equal(r.rows[0].status, "done");
	assert_false(r.rows[0].overdue);
	assert_true(r.rows[1].overdue);    /* the Philippines had not reported by then */
	assert_false(r.rows[2].overdue);   /* no due day, never overdue */
	plan_report_free(&r);
	plan_report(&plan, "2012-03-01", &r);
	assert_string_equal(r.rows[1].status, "dropped");
	assert_false(r.rows[1].overdue);
	plan_report_free(&r);
}

static void each_owner_is_tallied_once_in_the_order_met(void **state)
{
	(void)state;
	struct plan_report r;
	plan_report(&plan, "2012-01-15", &r);
	assert_int_equal(r.nowners, 2);
	assert_string_equal(r.owners[0].first->owner, "LKA");
	assert_int_equal(r.owners[0].done, 1);
	assert_int_equal(r.owners[0].total, 2);
	assert_int_equal(r.owners[0].overdue, 0);
	assert_string_equal(r.owners[1].first->owner_name, "Philippines");
	assert_int_equal(r.owners[1].done, 0);
	assert_int_equal(r.owners[1].total, 1);
	assert_int_equal(r.owners[1].overdue, 1);
	assert_int_equal(r.done, 1);
	plan_report_free(&r);
}

static void a_plan_without_items(void **state)
{
	(void)state;
	const struct plan empty = { .title = "Empty", .adopted = "2011-04-20" };
	struct plan_report r;
	plan_report(&empty, "2011-05-01", &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.nowners, 0);
	assert_int_equal(r.total, 0);
	plan_report_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_day_reads_the_history_as_it_was),
		cmocka_unit_test(overdue_after_the_due_day_unless_closed),
		cmocka_unit_test(each_owner_is_tallied_once_in_the_order_met),
		cmocka_unit_test(a_plan_without_items),
	};
	return cmocka_run_group_tests_name("plan_report", tests, NULL, NULL);
}
