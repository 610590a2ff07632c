/* audit.c: the audit log: recording what actors do and showing it to whom the policy allows */
#include "audit.h"
#include "policy.h"
#include "../core/xalloc.h"

int audit_record(struct store *s, const struct actor *a, const char *action,
		 const char *process, const char *object, const char *detail, char **err)
{
	struct audit_entry e = {
		.at = a->now,
		.login = a->user ? a->user->login : NULL,
		.address = (char *)a->address,
		.action = (char *)action,
		.process = (char *)process,
		.object = (char *)object,
		.detail = (char *)detail,
	};
	return store_audit_put(s, &e, err);
}

enum svc_status audit_list(struct store *s, const struct actor *a, const char *process,
			   long limit, long offset, struct audit_list *out, char **err)
{
	if (!policy_may_read_audit(a->user, process)) {
		*err = xstrdup(process ? "the audit log of this process is shown to its secretariat "
					 "and to administrators only"
				       : "the whole audit log is shown to administrators only");
		return a->user ? SVC_FORBIDDEN : SVC_DENIED;
	}
	return store_audit_list(s, process, limit, offset, out, err) ? SVC_ERROR : SVC_OK;
}
