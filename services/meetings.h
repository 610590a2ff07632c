/* meetings.h: meetings at two levels, the delegates sent to them, and what they show (continuity, level mix, hosting) */
#ifndef RCPHUB_MEETINGS_H
#define RCPHUB_MEETINGS_H

#include "fields.h"
#include "registry.h"
#include "service.h"
#include "../core/meeting_figures.h"


/* A meeting's fields (title, type, series, working_group, host,
 * hosted_in_kind, start, end, venue, chair, level) and a delegate's
 * (party, name, rank, department), declared once for every front end. */
extern const struct field meetings_fields[];
extern const size_t meetings_nfields;
extern const struct field delegates_fields[];
extern const size_t delegates_nfields;

/* Each returns SVC_OK or a status with err filled. A meeting and its
 * delegates follow the meeting's level through the access policy; one
 * the actor may not read is SVC_NOT_FOUND, worded as for one that does
 * not exist, and lists, counts and calendars leave it out. The
 * secretariat adds and changes meetings; it and a focal point (for their
 * own state's delegation) record delegates. Changes are one transaction
 * with their audit entry. */

/* Adds a meeting to the process named (title, type and start required;
 * the end is the start and the level "members" when not given); sets *id. */
enum svc_status meetings_add(struct registry *r, const struct actor *a, const char *process,
			     const struct field_values *v, long long *id, struct svc_error *err);
/* The meetings of the process the actor may read, by start date, with
 * their delegates; of one year when year is not 0. */
enum svc_status meetings_list(struct registry *r, const struct actor *a, const char *process, int year,
			      struct meeting_list *out, struct svc_error *err);
/* One meeting read whole: delegates, agenda, the attached papers the
 * actor may read, and its minutes (drafts only for those who may change
 * the meeting). */
enum svc_status meetings_get(struct registry *r, const struct actor *a, long long id, struct meeting *out,
			     struct svc_error *err);
/* meetings_list with each meeting read whole (agenda, the papers and
 * minutes the actor may read), audited as one list read. */
enum svc_status meetings_list_whole(struct registry *r, const struct actor *a, const char *process, int year,
				    struct meeting_list *out, struct svc_error *err);
/* The meetings of every process the actor may read, process by process
 * in registry order, by start date within each (for a personal calendar). */
enum svc_status meetings_list_all(struct registry *r, const struct actor *a, struct meeting_list *out,
				  struct svc_error *err);
enum svc_status meetings_update(struct registry *r, const struct actor *a, long long id,
				const struct field_values *v, struct svc_error *err);
enum svc_status meetings_delete(struct registry *r, const struct actor *a, long long id, struct svc_error *err);
/* Records a delegate at meeting id; the same person (name folded) twice
 * at one meeting is SVC_CONFLICT. Sets *delegate. */
enum svc_status meetings_add_delegate(struct registry *r, const struct actor *a, long long id,
				      const struct field_values *v, long long *delegate, struct svc_error *err);

/* An agenda item's fields (title, proposer, party) and minutes' (body). */
extern const struct field agenda_fields[];
extern const size_t agenda_nfields;

/* Adds an item at the end of meeting id's agenda: proposed by a state
 * (party required), the secretariat, or a partner (party an
 * organisation). The secretariat's to do. */
enum svc_status meetings_add_agenda_item(struct registry *r, const struct actor *a, long long id,
					 const struct field_values *v, struct svc_error *err);
/* Attaches a paper of the document library (of the same process, one the
 * actor may read) to meeting id. The secretariat's to do. */
enum svc_status meetings_attach_document(struct registry *r, const struct actor *a, long long id,
					 long long document, struct svc_error *err);
/* Writes the open minutes of meeting id (a draft, or circulated for
 * comment): new minutes begin as a draft. Final minutes are locked:
 * SVC_CONFLICT, and only a corrigendum changes them. */
enum svc_status meetings_write_minutes(struct registry *r, const struct actor *a, long long id,
				       const char *body, struct svc_error *err);
/* Starts a corrigendum (a draft pointing to the final minutes) with body. */
enum svc_status meetings_add_corrigendum(struct registry *r, const struct actor *a, long long id,
					 const char *body, struct svc_error *err);
/* Moves the open minutes of meeting id on: to "circulated" (from a
 * draft) or "final" (from either); never back. */
enum svc_status meetings_advance_minutes(struct registry *r, const struct actor *a, long long id,
					 const char *state, struct svc_error *err);

/* The secretariat's checklist of the process's meeting cycle today: *l
 * holds its meetings read whole (meeting_list_free) and *out what stands
 * (meeting_checklist_free). Refused to anyone who may not add meetings. */
enum svc_status meetings_checklist(struct registry *r, const struct actor *a, const char *process,
				   struct meeting_list *l, struct meeting_checklist *out, struct svc_error *err);

/* m's fields as values, as a form to change it shows them (fields_free). */
void meetings_values(const struct meeting *m, struct field_values *v);
/* Whether the actor may add meetings to the process (slug). */
int meetings_may_add(const struct actor *a, const char *process);
/* Whether the actor may change m, and record delegates at it. */
int meetings_may_change(const struct actor *a, const struct meeting *m);
int meetings_may_add_delegates(const struct actor *a, const struct meeting *m);

#endif
