/* evidence.h: evidence of what a process changed, phase by phase, with its source and the strength of its claim */
#ifndef RCPHUB_EVIDENCE_H
#define RCPHUB_EVIDENCE_H

#include "fields.h"
#include "registry.h"
#include "service.h"
#include "../core/assessment.h"

/* Evidence's fields (phase, effect, description, kind, source, section,
 * states, date, strength, confidence, document, meeting, level),
 * declared once for every front end. */
extern const struct field evidence_fields[];
extern const size_t evidence_nfields;

/* Each returns SVC_OK or a status with err filled. Evidence follows its
 * level through the access policy (hidden looks like missing); the
 * process's secretariat and administrators record and remove it, in one
 * transaction with its audit entry. */

/* Records evidence for the process named. The states (named as the user
 * likes) must be states; a document or meeting named must be one of the
 * process's that the actor may read; the date is YYYY, YYYY-MM or
 * YYYY-MM-DD. Sets *id. */
enum svc_status evidence_add(struct registry *r, const struct actor *a, const char *process,
			     const struct field_values *v, long long *id, struct svc_error *err);
enum svc_status evidence_get(struct registry *r, const struct actor *a, long long id, struct evidence *out,
			     struct svc_error *err);
/* The evidence the actor may read, of the process named (every process's
 * for NULL), in phase (0: all), by phase and date. */
enum svc_status evidence_list(struct registry *r, const struct actor *a, const char *process, int phase,
			      struct evidence_list *out, struct svc_error *err);
enum svc_status evidence_delete(struct registry *r, const struct actor *a, long long id, struct svc_error *err);

/* Loads evidence written as data/assessment/evidence.json (file, its
 * text len bytes) into a live platform, all or nothing, in one
 * transaction: public, each piece from its source and section; pieces
 * already there (the same process, source and description) are left
 * alone. Administrators only. *added is how many were new. A file that
 * does not read is SVC_INVALID naming its line and field. */
enum svc_status evidence_load(struct registry *r, const struct actor *a, const char *file, const char *text,
			      size_t len, size_t *added, struct svc_error *err);

/* Whether the actor may record evidence in the process (slug). */
int evidence_may_add(const struct actor *a, const char *process);

#endif
