/* facts.h: the registry edited where it lives: participations and leadership posts added, ended and corrected, each with its source, and the history of every edit */
#ifndef RCPHUB_FACTS_H
#define RCPHUB_FACTS_H

#include "fields.h"
#include "registry.h"
#include "service.h"

/* The fields of a participation (party, role, status, since, until,
 * label, note), of a leadership post (post, party, portfolio, since,
 * until), and of ending a fact (until); each table ends with the source
 * every edit must give: source (an existing source's id, or a document's
 * title), section, url, as_of (YYYY, YYYY-MM or YYYY-MM-DD), as_of_stated. */
extern const struct field facts_participation_fields[];
extern const size_t facts_participation_nfields;
extern const struct field facts_post_fields[];
extern const size_t facts_post_nfields;
extern const struct field facts_end_fields[];
extern const size_t facts_end_nfields;

/* The kinds of fact an edit names. */
enum fact_kind { FACT_PARTICIPATION, FACT_POST };

/* Each returns SVC_OK or a status with err filled. Only the process's
 * secretariat and administrators edit its facts (policy_may_edit_registry);
 * to anyone else an edit is SVC_FORBIDDEN. Every edit is one transaction
 * with its history entry and audit record, and raises the registry's
 * version.
 *
 * Adds a participation (a post) to process from v; *id is its number. A
 * change of the world (a new member, a new chair) is an add, with the
 * old fact ended: the old fact keeps answering for the years it held. */
enum svc_status facts_add(struct registry *r, const struct actor *a, const char *process, enum fact_kind kind,
			  const struct field_values *v, int *id, struct svc_error *err);
/* Ends fact id of process in the year v's until gives (the fact stops
 * holding then; a participation becomes former). version is the fact's
 * version the editor saw (0: do not check): another edit since then is
 * SVC_CONFLICT, "the fact changed ...". */
enum svc_status facts_end(struct registry *r, const struct actor *a, const char *process, enum fact_kind kind,
			  int id, int version, const struct field_values *v, struct svc_error *err);
/* Corrects fact id (the fact was wrong): the values v gives replace the
 * fact's for every year, and the source given becomes its source; the
 * history keeps what it read before. version as for facts_end. */
enum svc_status facts_correct(struct registry *r, const struct actor *a, const char *process,
			      enum fact_kind kind, int id, int version, const struct field_values *v,
			      struct svc_error *err);
/* The edits of process, newest first, into *out (registry_edit_list_free).
 * Anyone may read them; the editors' logins only those who may read the
 * process's audit log (others see NULL logins). */
enum svc_status facts_history(struct registry *r, const struct actor *a, const char *process,
			      struct registry_edit_list *out, struct svc_error *err);
/* What a fact says, in one line for the history: "Kazakhstan (KAZ):
 * member, active, 2015-; src-1, Declaration, as of 2015"; the caller
 * frees it. */
char *facts_describe_participation(const struct participation *pa);
char *facts_describe_post(const struct leader *l);
/* Whether the actor may edit the facts of process (a slug). */
int facts_may_edit(const struct actor *a, const char *process);

#endif
