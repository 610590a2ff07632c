/* plans.h: plans of action, commitments per owner, progress reported between meetings, and the follow-up report */
#ifndef RCPHUB_PLANS_H
#define RCPHUB_PLANS_H

#include "fields.h"
#include "registry.h"
#include "service.h"
#include "../core/plan_report.h"

/* A plan's fields (title, meeting, adopted, level, body), an item's (text,
 * owners, due, output) and a progress report's (status, date, note,
 * evidence), declared once for every front end. */
extern const struct field plans_fields[];
extern const size_t plans_nfields;
extern const struct field plan_items_fields[];
extern const size_t plan_items_nfields;
extern const struct field progress_fields[];
extern const size_t progress_nfields;

/* Each returns SVC_OK or a status with err filled. A plan follows its
 * level through the access policy (hidden looks like missing); progress
 * notes are shown only to the process's members-level readers, whatever
 * the plan's level. The secretariat adopts plans and adds items; the
 * secretariat records any owner's progress, a focal point their own
 * state's. Changes are one transaction with their audit entry. */

/* Adopts a plan in the process named: at a meeting of it (the adoption
 * day is then the meeting's first day unless given), else on the day
 * given or today. Sets *id. */
enum svc_status plans_add(struct registry *r, const struct actor *a, const char *process,
			  const struct field_values *v, long long *id, struct svc_error *err);
/* Adds an item to plan id with its owners: states (named as the user
 * likes; each must take part in the process), "all-members" (the member
 * governments on the day of adoption, so that later joiners are not
 * counted), or "secretariat". Each owner gets a commitment. Sets *item. */
enum svc_status plans_add_item(struct registry *r, const struct actor *a, long long id,
			       const struct field_values *v, long long *item, struct svc_error *err);
/* Records progress on item's commitment of owner (a state, or
 * "secretariat"). A date before the plan's adoption, or an owner without
 * a commitment on the item, is SVC_INVALID naming the field. */
enum svc_status plans_record_progress(struct registry *r, const struct actor *a, long long item,
				      const char *owner, const struct field_values *v, struct svc_error *err);
enum svc_status plans_get(struct registry *r, const struct actor *a, long long id, struct plan *out,
			  struct svc_error *err);
/* The plans of the process the actor may read, by adoption date. */
enum svc_status plans_list(struct registry *r, const struct actor *a, const char *process,
			   struct plan_list *out, struct svc_error *err);

/* Whether the actor may adopt plans in the process (slug). */
int plans_may_add(const struct actor *a, const char *process);

#endif
