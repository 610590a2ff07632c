/* test_policy.c: the access policy as a table: roles x confidentiality levels x actions */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../services/policy.h"

#include <stdio.h>

/* The users of the table: each holds at most one role in "bali". */
enum who { ANON, DISABLED_SEC, CIVIL, OBSERVER, OFFICIAL, FOCAL, SECRETARIAT, OTHER_SEC, READER, ADMIN, NWHO };

static const char *const who_name[NWHO] = {
	"anonymous", "disabled secretariat", "civil society", "observer", "official", "focal point (PHL)",
	"secretariat", "secretariat of another process", "named reader", "admin",
};

static struct grant grants[NWHO] = {
	[DISABLED_SEC] = { "bali", GRANT_SECRETARIAT }, [CIVIL] = { "bali", GRANT_CIVIL_SOCIETY },
	[OBSERVER] = { "bali", GRANT_OBSERVER },        [OFFICIAL] = { "bali", GRANT_OFFICIAL },
	[FOCAL] = { "bali", GRANT_FOCAL_POINT },        [SECRETARIAT] = { "bali", GRANT_SECRETARIAT },
	[OTHER_SEC] = { "apc", GRANT_SECRETARIAT },
};

static struct user user_of(enum who w)
{
	struct user u = { .login = (char *)who_name[w], .government = "PHL" };
	u.disabled = w == DISABLED_SEC;
	u.admin = w == ADMIN;
	if (grants[w].process) {
		u.grants = &grants[w];
		u.ngrants = 1;
	}
	return u;
}

/* Who may read a "bali" record at each level: 1 yes, 0 no. */
static const int may_read[NWHO][LEVEL_COUNT] = {
	/*                public participants members restricted */
	[ANON] =         { 1, 0, 0, 0 },
	[DISABLED_SEC] = { 1, 0, 0, 0 },
	[CIVIL] =        { 1, 0, 0, 0 },
	[OBSERVER] =     { 1, 1, 0, 0 },
	[OFFICIAL] =     { 1, 1, 1, 0 },
	[FOCAL] =        { 1, 1, 1, 0 },
	[SECRETARIAT] =  { 1, 1, 1, 1 },
	[OTHER_SEC] =    { 1, 0, 0, 0 },
	[READER] =       { 1, 0, 0, 1 },
	[ADMIN] =        { 1, 1, 1, 1 },
};

/* Who may write a "bali" record: the process's own, the focal point's
 * state's (PHL), another state's (THA). */
static const int may_write[NWHO][3] = {
	/*                process PHL THA */
	[ANON] =         { 0, 0, 0 },
	[DISABLED_SEC] = { 0, 0, 0 },
	[CIVIL] =        { 0, 0, 0 },
	[OBSERVER] =     { 0, 0, 0 },
	[OFFICIAL] =     { 0, 0, 0 },
	[FOCAL] =        { 0, 1, 0 },
	[SECRETARIAT] =  { 1, 1, 1 },
	[OTHER_SEC] =    { 0, 0, 0 },
	[READER] =       { 0, 0, 0 },
	[ADMIN] =        { 1, 1, 1 },
};

static void reads_by_role_and_level(void **state)
{
	(void)state;
	char *reader_login = (char *)who_name[READER];
	struct strlist readers = { &reader_login, 1 };
	for (int w = 0; w < NWHO; w++) {
		struct user u = user_of((enum who)w);
		for (int l = 0; l < LEVEL_COUNT; l++) {
			struct record_ref r = { "bali", (enum level)l, NULL, &readers };
			int got = policy_may_read(w == ANON ? NULL : &u, &r);
			if (got != may_read[w][l])
				fail_msg("%s reading a %s record: got %d, want %d", who_name[w],
					 level_name((enum level)l), got, may_read[w][l]);
		}
	}
}

static void writes_by_role_and_state(void **state)
{
	(void)state;
	const char *states[3] = { NULL, "PHL", "THA" };
	for (int w = 0; w < NWHO; w++) {
		struct user u = user_of((enum who)w);
		for (int s = 0; s < 3; s++) {
			int got = policy_may_write(w == ANON ? NULL : &u, "bali", states[s]);
			if (got != may_write[w][s])
				fail_msg("%s writing for %s: got %d, want %d", who_name[w],
					 states[s] ? states[s] : "the process", got, may_write[w][s]);
		}
	}
}

static void audit_log_and_user_admin(void **state)
{
	(void)state;
	struct user sec = user_of(SECRETARIAT), admin = user_of(ADMIN), official = user_of(OFFICIAL);
	assert_true(policy_may_read_audit(&sec, "bali"));
	assert_false(policy_may_read_audit(&sec, "apc"));
	assert_false(policy_may_read_audit(&sec, NULL));
	assert_false(policy_may_read_audit(&official, "bali"));
	assert_false(policy_may_read_audit(NULL, "bali"));
	assert_true(policy_may_read_audit(&admin, NULL));
	assert_true(policy_may_manage_users(&admin));
	assert_true(policy_may_manage_users(&sec));  /* the accounts of its own process */
	assert_false(policy_may_manage_users(&official));
	assert_false(policy_may_manage_users(NULL));
	/* a secretariat gives the roles below its own, in its own process */
	assert_true(policy_may_grant(&sec, "bali", GRANT_FOCAL_POINT));
	assert_true(policy_may_grant(&sec, "bali", GRANT_CIVIL_SOCIETY));
	assert_false(policy_may_grant(&sec, "bali", GRANT_SECRETARIAT));
	assert_false(policy_may_grant(&sec, "apc", GRANT_OFFICIAL));
	assert_false(policy_may_grant(&official, "bali", GRANT_OBSERVER));
	assert_true(policy_may_grant(&admin, "apc", GRANT_SECRETARIAT));
	struct user disabled = user_of(DISABLED_SEC);
	assert_false(policy_may_grant(&disabled, "bali", GRANT_OBSERVER));
	/* and manages an account only when every role of it is one it may give */
	assert_true(policy_may_manage_account(&sec, &official));
	assert_true(policy_may_see_account(&sec, &official));
	assert_false(policy_may_manage_account(&sec, &sec));
	assert_false(policy_may_manage_account(&sec, &admin));
	struct grant both[] = { { .process = "bali", .role = GRANT_OFFICIAL }, { .process = "apc", .role = GRANT_OFFICIAL } };
	struct user elsewhere = { .login = "two", .government = "PHL", .grants = both, .ngrants = 2 };
	assert_false(policy_may_manage_account(&sec, &elsewhere));
	assert_true(policy_may_see_account(&sec, &elsewhere));
	assert_true(policy_may_manage_account(&admin, &elsewhere));
	struct user nobody = { .login = "none", .government = "PHL" };
	assert_false(policy_may_see_account(&sec, &nobody));
	assert_false(policy_may_manage_account(&sec, &nobody));
	assert_true(policy_read_is_audited(LEVEL_MEMBERS));
	assert_true(policy_read_is_audited(LEVEL_RESTRICTED));
	assert_false(policy_read_is_audited(LEVEL_PARTICIPANTS));
}

/* Interviews name people: the restricted level and nothing below it, not
 * even for a named reader of restricted papers; the counts of focal points
 * name no one and are anyone's. */
static void interviews_and_counts(void **state)
{
	(void)state;
	for (enum who w = 0; w < NWHO; w++) {
		struct user u = user_of(w);
		const struct user *who = w == ANON ? NULL : &u;
		int want = w == SECRETARIAT || w == ADMIN;
		if (policy_may_read_interviews(who, "bali") != want)
			fail_msg("%s: interviews of bali: %d, want %d", who_name[w], !want, want);
		assert_true(policy_may_count_contacts(who, "bali"));
		if (policy_may_write_methods(who) != (w == SECRETARIAT || w == OTHER_SEC || w == ADMIN))
			fail_msg("%s: interview protocols", who_name[w]);
	}
}

static void unknown_level_is_denied(void **state)
{
	(void)state;
	struct user sec = user_of(SECRETARIAT);
	struct record_ref r = { "bali", LEVEL_COUNT, NULL, NULL };
	assert_false(policy_may_read(&sec, &r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_by_role_and_level),
		cmocka_unit_test(writes_by_role_and_state),
		cmocka_unit_test(audit_log_and_user_admin),
		cmocka_unit_test(interviews_and_counts),
		cmocka_unit_test(unknown_level_is_denied),
	};
	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
