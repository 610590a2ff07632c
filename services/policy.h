/* policy.h: the access policy: the one place that decides who may read and change what */
#ifndef RCPHUB_POLICY_H
#define RCPHUB_POLICY_H

#include "../core/account.h"

/* What the policy needs to know of a record: its process, level, the
 * government whose record it is (or NULL) and its named readers. */
struct record_ref {
	const char *process;
	enum level level;
	const char *state;
	const struct strlist *readers;
};

/* Registry facts (processes, participants, overlap) carry no level: they
 * are public, and the registry's services answer everyone alike.
 *
 * Each answers 1 for yes, 0 for no. user NULL is an anonymous visitor;
 * a disabled user is treated as one. Anything not granted is denied. */

int policy_may_read(const struct user *user, const struct record_ref *r);
/* Focal points' contact details in process: its secretariat, focal
 * points and member officials, never the public. */
int policy_may_read_contacts(const struct user *user, const char *process);
/* How many of a process's governments name a focal point and how lately
 * each was verified, with no name or contact detail: anyone (the
 * assessment's networks lesson). */
int policy_may_count_contacts(const struct user *user, const char *process);
/* Interviews about process, which name who was asked and for which
 * organisation: the restricted level, always (its secretariat and
 * administrators). */
int policy_may_read_interviews(const struct user *user, const char *process);
/* Adding interview protocols, which every process may use: administrators
 * and secretariats. */
int policy_may_write_methods(const struct user *user);
/* Who submitted which statistics file, and when, in process: its
 * secretariat, focal points and member officials. */
int policy_may_read_submissions(const struct user *user, const char *process);
/* Creating, changing or deleting a record of the process for state
 * (NULL for the process's own papers). */
int policy_may_write(const struct user *user, const char *process, const char *state);
/* Whether user manages accounts at all: administrators, and the
 * secretariat of a process (for the accounts of its own process). */
int policy_may_manage_users(const struct user *user);
/* Giving or taking away role in process: administrators any; the
 * secretariat of process, the roles below its own (never secretariat or
 * administrator). */
int policy_may_grant(const struct user *user, const char *process, enum grant_role role);
/* Disabling, enabling or resetting the password of target: administrators
 * any; a secretariat only an account whose every role is one it may grant
 * (no administrator, no one with roles elsewhere). */
int policy_may_manage_account(const struct user *user, const struct user *target);
/* Seeing target among the accounts: administrators all; a secretariat
 * those with a role in a process it runs. */
int policy_may_see_account(const struct user *user, const struct user *target);
/* Whether user holds a role that must sign in with a second factor where
 * the platform requires one: administrators and secretariats. */
int policy_must_use_second_factor(const struct user *user);
/* Changing what all processes share (the shared glossary): administrators. */
int policy_may_write_shared(const struct user *user);
/* Whether user may add, end and correct the registry's facts of process
 * (a slug): its secretariat and administrators. */
int policy_may_edit_registry(const struct user *user, const char *process);
/* The audit log of one process (process not NULL) or all of it. */
int policy_may_read_audit(const struct user *user, const char *process);
/* Reads of records at this level are written to the audit log. */
int policy_read_is_audited(enum level level);

#endif
