/* audit.h: the audit log: every change, login and read of members-only data */
#ifndef RCPHUB_AUDIT_H
#define RCPHUB_AUDIT_H

#include "service.h"
#include "../store/store.h"

/* Appends one entry for what actor did; process, object and detail may be
 * NULL. Returns 0 or -1 with *err. Inside the caller's transaction when
 * there is one, so that a change and its entry are kept together. */
int audit_record(struct store *s, const struct actor *a, const char *action,
		 const char *process, const char *object, const char *detail, char **err);

/* The entries actor may read, newest first: of one process, or all
 * (process NULL, admin only). */
enum svc_status audit_list(struct store *s, const struct actor *a, const char *process,
			   long limit, long offset, struct audit_list *out, char **err);

#endif
