/* focal_points.h: national focal points and alternates: the switchboard of a process, under the access policy */
#ifndef RCPHUB_FOCAL_POINTS_H
#define RCPHUB_FOCAL_POINTS_H

#include "fields.h"
#include "registry.h"
#include "service.h"

#define FOCAL_NAME_MAX 200
#define FOCAL_EMAIL_MAX 254

/* A focal point's fields (party, position, name, title, ministry, email,
 * phone, languages, verified), declared once for every front end. */
extern const struct field focal_points_fields[];
extern const size_t focal_points_nfields;

/* Which focal points to list: of one state or organisation (named as the
 * user likes; NULL for all) and, with stale_months, only those not
 * verified within that many months of now (never verified included). */
struct focal_filter {
	const char *party;
	int stale_months;
};

/* Each returns SVC_OK or a status with err filled. Contact details are
 * read by the process's secretariat, focal points and member officials
 * (policy_may_read_contacts); to anyone else a focal point is
 * SVC_NOT_FOUND, worded as for one that does not exist, and a list of
 * them is refused. The secretariat changes any entry, a focal point
 * their own state's. Reads and changes are written to the audit log. */
enum svc_status focal_points_list(struct registry *r, const struct actor *a, const char *process,
				  const struct focal_filter *filter, struct focal_point_list *out,
				  struct svc_error *err);
/* The process's focal points as counts may show them: party, alternate
 * and the day last verified, every name and contact detail left out
 * (NULL); for whoever policy_may_count_contacts lets, not audited. */
enum svc_status focal_points_coverage(struct registry *r, const struct actor *a, const char *process,
				      struct focal_point_list *out, struct svc_error *err);
/* Adds a focal point to the process named from the values v gives (party,
 * name and email required); sets *id. */
enum svc_status focal_points_add(struct registry *r, const struct actor *a, const char *process,
				 const struct field_values *v, long long *id, struct svc_error *err);
enum svc_status focal_points_get(struct registry *r, const struct actor *a, long long id,
				 struct focal_point *out, struct svc_error *err);
/* Changes the fields v gives. */
enum svc_status focal_points_update(struct registry *r, const struct actor *a, long long id,
				    const struct field_values *v, struct svc_error *err);
enum svc_status focal_points_delete(struct registry *r, const struct actor *a, long long id,
				    struct svc_error *err);

/* f's fields as values, as a form to change it shows them: v is
 * initialised here (fields_free). */
void focal_points_values(const struct focal_point *f, struct field_values *v);
/* Whether the actor may read the process's focal points. */
int focal_points_may_list(const struct actor *a, const char *process);
/* Whether the actor may add focal points to the process (slug) at all:
 * its secretariat, or a focal point for their own state. */
int focal_points_may_add(const struct actor *a, const char *process);
/* Whether the actor may change or delete f. */
int focal_points_may_change(const struct actor *a, const struct focal_point *f);
/* The day months before now, as YYYY-MM-DD, into out. */
void focal_points_stale_since(long long now, int months, char out[11]);

#endif
