/* policy.c: the access policy: deny by default, grant by role in the record's process */
#include "policy.h"

#include <string.h>

/* The user, or NULL for anyone who counts as anonymous. */
static const struct user *signed_in(const struct user *user)
{
	return user && user->login && !user->disabled ? user : NULL;
}

static int named_reader(const struct user *user, const struct strlist *readers)
{
	for (size_t i = 0; readers && i < readers->n; i++)
		if (strcmp(readers->items[i], user->login) == 0)
			return 1;
	return 0;
}

int policy_may_read(const struct user *user, const struct record_ref *r)
{
	if (r->level == LEVEL_PUBLIC)
		return 1;
	if (!(user = signed_in(user)))
		return 0;
	if (user->admin)
		return 1;
	int role = user_role_in(user, r->process);
	switch (r->level) {
	case LEVEL_PARTICIPANTS:
		return role >= GRANT_OBSERVER;
	case LEVEL_MEMBERS:
		return role >= GRANT_OFFICIAL;
	case LEVEL_RESTRICTED:
		return role == GRANT_SECRETARIAT || named_reader(user, r->readers);
	default:
		return 0;
	}
}

int policy_may_read_contacts(const struct user *user, const char *process)
{
	struct record_ref contacts = { .process = process, .level = LEVEL_MEMBERS };
	return policy_may_read(user, &contacts);
}

int policy_may_count_contacts(const struct user *user, const char *process)
{
	(void)user;
	(void)process;
	return 1;
}

int policy_may_read_interviews(const struct user *user, const char *process)
{
	struct record_ref interviews = { .process = process, .level = LEVEL_RESTRICTED };
	return policy_may_read(user, &interviews);
}

int policy_may_write_methods(const struct user *user)
{
	return policy_may_manage_users(user);
}

int policy_may_read_submissions(const struct user *user, const char *process)
{
	struct record_ref submissions = { .process = process, .level = LEVEL_MEMBERS };
	return policy_may_read(user, &submissions);
}

int policy_may_write(const struct user *user, const char *process, const char *state)
{
	if (!(user = signed_in(user)))
		return 0;
	if (user->admin)
		return 1;
	int role = user_role_in(user, process);
	if (role == GRANT_SECRETARIAT)
		return 1;
	return role == GRANT_FOCAL_POINT && state && user->government &&
	       strcmp(state, user->government) == 0;
}

int policy_must_use_second_factor(const struct user *user)
{
	if (!user)
		return 0;
	for (size_t i = 0; i < user->ngrants; i++)
		if (user->grants[i].role == GRANT_SECRETARIAT)
			return 1;
	return user->admin;
}

/* Whether user runs the secretariat of process. */
static int runs(const struct user *user, const char *process)
{
	return process && user_role_in(user, process) == GRANT_SECRETARIAT;
}

int policy_may_manage_users(const struct user *user)
{
	if (!(user = signed_in(user)))
		return 0;
	for (size_t i = 0; i < user->ngrants; i++)
		if (user->grants[i].role == GRANT_SECRETARIAT)
			return 1;
	return user->admin;
}

int policy_may_grant(const struct user *user, const char *process, enum grant_role role)
{
	if (!(user = signed_in(user)))
		return 0;
	return user->admin || (role < GRANT_SECRETARIAT && runs(user, process));
}

int policy_may_manage_account(const struct user *user, const struct user *target)
{
	if (!(user = signed_in(user)))
		return 0;
	if (user->admin)
		return 1;
	if (target->admin || !target->ngrants)
		return 0;
	for (size_t i = 0; i < target->ngrants; i++)
		if (!policy_may_grant(user, target->grants[i].process, target->grants[i].role))
			return 0;
	return 1;
}

int policy_may_see_account(const struct user *user, const struct user *target)
{
	if (!(user = signed_in(user)))
		return 0;
	if (user->admin)
		return 1;
	for (size_t i = 0; i < target->ngrants; i++)
		if (runs(user, target->grants[i].process))
			return 1;
	return 0;
}

int policy_may_write_shared(const struct user *user)
{
	return (user = signed_in(user)) && user->admin;
}

int policy_may_edit_registry(const struct user *user, const char *process)
{
	return policy_may_write(user, process, NULL);
}

int policy_may_read_audit(const struct user *user, const char *process)
{
	if (!(user = signed_in(user)))
		return 0;
	if (user->admin)
		return 1;
	return process && user_role_in(user, process) == GRANT_SECRETARIAT;
}

int policy_read_is_audited(enum level level)
{
	return level >= LEVEL_MEMBERS;
}
