/* test_model.c: roles and statuses by name, spans of years */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../core/model.h"

static void membership_over_time(void **state)
{
	(void)state;
	/* New Zealand in APC: from the start until it left in 2003 */
	struct participation nz = { .role = ROLE_MEMBER, .status = STATUS_FORMER, .until = 2003 };
	assert_true(participation_at(&nz, 2002));
	assert_false(participation_at(&nz, 2003));
	assert_false(participation_current(&nz));
	/* Afghanistan in the Colombo Process: observer 2004, member from 2005 */
	struct participation obs = { .role = ROLE_OBSERVER, .since = 2004, .until = 2005 };
	struct participation mem = { .role = ROLE_MEMBER, .since = 2005 };
	assert_true(participation_at(&obs, 2004));
	assert_false(participation_at(&mem, 2004));
	assert_false(participation_at(&obs, 2005));
	assert_true(participation_at(&mem, 2005));
	assert_true(participation_current(&mem));
	struct participation suspended = { .status = STATUS_SUSPENDED };
	assert_true(participation_current(&suspended));
}

static void time_is_never_invented(void **state)
{
	(void)state;
	/* Armenia in the Budapest Process: listed in the 2009 annex, undated */
	struct participation arm = { .role = ROLE_MEMBER, .prov = { .as_of = "2009" } };
	assert_int_equal(participation_attested_from(&arm), 2009);
	assert_false(participation_at(&arm, 1992));
	assert_true(participation_unattested(&arm, 1992));
	assert_true(participation_at(&arm, 2009));
	assert_false(participation_unattested(&arm, 2009));
	assert_true(participation_holds(&arm, 0));
	/* New Zealand in APC: "(until 2003)" in the 2009 annex */
	struct participation nz = { .role = ROLE_MEMBER, .status = STATUS_FORMER, .until = 2003,
				    .prov = { .as_of = "2009" } };
	assert_true(participation_at(&nz, 2002));
	assert_true(participation_unattested(&nz, 2000));
	assert_false(participation_unattested(&nz, 2005));
	assert_false(participation_holds(&nz, 0));
	/* a stated start is attested from that year, whatever the source's date */
	struct participation afg = { .role = ROLE_MEMBER, .since = 2005, .prov = { .as_of = "2009-06" } };
	assert_true(participation_at(&afg, 2005));
	assert_false(participation_unattested(&afg, 2004));
	struct provenance odd = { .as_of = "about 2010" };
	assert_int_equal(provenance_year(&odd), 0);
}

/* One chair at a time: a chair no source ends stops where a later chair
 * begins; co-chairs and chairs with a stated end are left as they are. */
static void a_later_chair_ends_an_open_one(void **state)
{
	(void)state;
	struct leader posts[] = {
		{ .position = "chair", .since = 2013, .prov = { .as_of = "2013" } },             /* Sri Lanka */
		{ .position = "chair", .since = 2024, .prov = { .as_of = "2024-05-29" } },       /* India */
		{ .position = "co-chair", .since = 2002, .prov = { .as_of = "2009" } },
		{ .position = "co-chair", .since = 2010, .prov = { .as_of = "2010" } },
		{ .position = "chair", .until = 2019, .prov = { .as_of = "2018" } },             /* undated, ended */
	};
	struct process p = { .leaders = posts, .nleaders = 4 };
	assert_int_equal(leader_end(&p, 0), 2024);
	assert_int_equal(leader_end(&p, 1), 0);
	assert_true(process_leader_at(&p, 0, 2020));
	assert_false(process_leader_at(&p, 0, 2024));
	assert_true(process_leader_at(&p, 1, 2024));
	assert_false(process_leader_at(&p, 0, 0));
	assert_true(process_leader_at(&p, 1, 0));
	assert_int_equal(leader_end(&p, 2), 0);
	assert_true(process_leader_at(&p, 2, 2015) && process_leader_at(&p, 3, 2015));
	p.nleaders = 5;
	assert_int_equal(leader_end(&p, 4), 2019);
	assert_true(process_leader_at(&p, 4, 2018));
	assert_false(process_leader_at(&p, 4, 2017));
}

static void names_round_trip(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++)
		assert_int_equal(role_parse(role_name((enum role)r)), r);
	for (int s = 0; s < STATUS_COUNT; s++)
		assert_int_equal(status_parse(status_name((enum status)s)), s);
	assert_int_equal(role_parse("chairman"), -1);
	assert_int_equal(role_parse(NULL), -1);
	assert_int_equal(role_parse("activity-partner"), ROLE_ACTIVITY_PARTNER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(membership_over_time),
		cmocka_unit_test(time_is_never_invented),
		cmocka_unit_test(a_later_chair_ends_an_open_one),
		cmocka_unit_test(names_round_trip),
	};
	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
