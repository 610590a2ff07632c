/* audit.c: the audit log: recording what actors do and showing it to whom the policy allows */
#include "audit.h"
#include "policy.h"
#include "service_int.h"
#include "../core/xalloc.h"

#include <stdlib.h>
#include <string.h>

int audit_record(struct store *s, const struct actor *a, const char *action,
		 const char *process, const char *object, const char *detail, struct svc_error *err)
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
	return store_audit_put(s, &e, &err->message);
}

enum svc_status audit_refusal(struct registry *r, const struct actor *a, int status, const char *method,
			      const char *path, struct svc_error *err)
{
	struct store *s = registry_store(r);
	char *key = xasprintf("refused:%d:%s", status, a->user ? a->user->login : a->address);
	long count = 0;
	long long oldest;
	enum svc_status st = SVC_OK;
	if (store_failure_count(s, key, a->now - 60, &count, &oldest, &err->message))
		st = SVC_ERROR;
	else if (!count && !(st = svc_begin(s, err))) {
		char *detail = xasprintf("%s %.300s answered %d; others within a minute from the same %s are "
					 "not logged one by one", method, path, status, a->user ? "user" : "address");
		int rc = store_failure_put(s, key, a->now, &err->message) ||
			 audit_record(s, a, status == 429 ? "access.throttled" : "access.refused", NULL, NULL, detail,
				      err);
		st = svc_commit(s, rc ? SVC_ERROR : SVC_OK, err);
		free(detail);
	}
	free(key);
	return st;
}

enum svc_status audit_list(struct registry *r, const struct actor *a, const struct audit_filter *filter,
			   long limit, long offset, struct audit_list *out, struct svc_error *err)
{
	const struct process *p = NULL;
	struct audit_filter f = *filter;
	if (f.process && registry_process(r, "process", f.process, &p, err))
		return SVC_INVALID;
	f.process = p ? p->slug : NULL;
	if (f.action && (!*f.action || strspn(f.action, "abcdefghijklmnopqrstuvwxyz.") != strlen(f.action)))
		return svc_fail(err, SVC_INVALID, "action", "an action such as document.read, or a family such as "
			       "document");
	if (!policy_may_read_audit(a->user, f.process))
		return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL,
				f.process ? "the audit log of this process is shown to its secretariat "
					    "and to administrators only"
					  : "the whole audit log is shown to administrators only");
	return store_audit_list(registry_store(r), &f, limit, offset, out, &err->message) ? SVC_ERROR : SVC_OK;
}

int audit_record_list_read(struct store *s, const struct actor *a, const char *action, const char *process,
			   struct svc_error *err)
{
	char *key = xasprintf("listed:%s:%s:%s", action, process ? process : "", a->user ? a->user->login : a->address);
	long count = 0;
	long long oldest;
	int rc = store_failure_count(s, key, a->now - 3600, &count, &oldest, &err->message);
	if (!rc && !count)
		rc = store_failure_put(s, key, a->now, &err->message) ||
		     audit_record(s, a, action, process, NULL, "the list; others within the hour not logged one by one",
				  err);
	free(key);
	return rc ? -1 : 0;
}
