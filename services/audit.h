/* audit.h: the audit log: every change, login and read of members-only data */
#ifndef RCPHUB_AUDIT_H
#define RCPHUB_AUDIT_H

#include "registry.h"
#include "service.h"

struct store;

/* Appends one entry for what actor did; process, object and detail may be
 * NULL. Returns 0, or -1 with err filled. Inside the caller's transaction
 * when there is one, so that a change and its entry are kept together. */
int audit_record(struct store *s, const struct actor *a, const char *action,
		 const char *process, const char *object, const char *detail, struct svc_error *err);

/* Records that a request was refused (status 403, or 429: too many):
 * once a minute per user (or address, signed out) and status, the
 * refusals in between not one by one, so that a flood cannot fill the
 * log. method and path say what was asked. */
enum svc_status audit_refusal(struct registry *r, const struct actor *a, int status, const char *method,
			      const char *path, struct svc_error *err);

/* The entries actor may read, newest first, those filter lets through:
 * of one process (f->process named as the user likes), or all (NULL,
 * admin only); an action or family of actions of letters and dots. */
enum svc_status audit_list(struct registry *r, const struct actor *a, const struct audit_filter *filter,
			   long limit, long offset, struct audit_list *out, struct svc_error *err);

/* Records a read of a list of members-level records (documents, meetings,
 * focal points): once an hour per user, process and action, so that
 * browsing does not bury the log. */
int audit_record_list_read(struct store *s, const struct actor *a, const char *action, const char *process,
			   struct svc_error *err);

#endif
