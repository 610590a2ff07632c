/* interviews.h: the report's method: interviews following a protocol, and statements coded against its effects */
#ifndef RCPHUB_INTERVIEWS_H
#define RCPHUB_INTERVIEWS_H

#include "fields.h"
#include "registry.h"
#include "service.h"
#include "../core/assessment.h"

/* A protocol's fields (name, questions), an interview's (protocol, held,
 * affiliation, language, interviewee, organisation, notes) and a
 * statement's (effect, text, evidence), declared once. */
extern const struct field protocols_fields[];
extern const size_t protocols_nfields;
extern const struct field interviews_fields[];
extern const size_t interviews_nfields;
extern const struct field statements_fields[];
extern const size_t statements_nfields;

/* Each returns SVC_OK or a status with err filled. Protocols are read by
 * anyone (the method is public) and added by administrators and
 * secretariats. Interviews are restricted, always: only the process's
 * secretariat and administrators read or record them; to anyone else an
 * interview is SVC_NOT_FOUND, as a missing one, and a list is refused.
 * Writes are one transaction with their audit entry, which names no one. */
enum svc_status interviews_add_protocol(struct registry *r, const struct actor *a, const struct field_values *v,
					long long *id, struct svc_error *err);
enum svc_status interviews_protocols(struct registry *r, const struct actor *a, struct interview_protocol_list *out,
				     struct svc_error *err);
/* Records an interview about the process named; sets *id. */
enum svc_status interviews_add(struct registry *r, const struct actor *a, const char *process,
			       const struct field_values *v, long long *id, struct svc_error *err);
/* Codes a statement of interview id; the evidence it grounds, when named,
 * must be evidence of the same process drawn from an interview. */
enum svc_status interviews_add_statement(struct registry *r, const struct actor *a, long long id,
					 const struct field_values *v, long long *statement, struct svc_error *err);
enum svc_status interviews_get(struct registry *r, const struct actor *a, long long id, struct interview *out,
			       struct svc_error *err);
enum svc_status interviews_list(struct registry *r, const struct actor *a, const char *process,
				struct interview_list *out, struct svc_error *err);
/* Whether the actor may read the process's interviews. */
int interviews_may_read(const struct actor *a, const char *process);

#endif
