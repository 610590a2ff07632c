/* exports.h: the tables people paste into reports, built under the same rules as the pages that show them */
#ifndef RCPHUB_EXPORTS_H
#define RCPHUB_EXPORTS_H

#include "registry.h"
#include "service.h"
#include "../core/sheet.h"

/* Each fills *out (sheet_free) as of year (0: now, each process as of
 * its latest source), every fact with its source, section, address and
 * as-of date; SVC_NOT_FOUND naming what the query did not match. */

/* Every participant of a process attested in year (or now): party, code,
 * kind, role, status, since, until, the group the source lists it in, its
 * note, the name the source uses, and its source. */
enum svc_status exports_participants(struct registry *r, const char *process, int year, struct sheet *out,
				     struct svc_error *err);
/* The processes a state (or organisation) takes part in. */
enum svc_status exports_state(struct registry *r, const char *party, int year, struct sheet *out,
			      struct svc_error *err);
/* Every pair of processes: their member governments, how many they share
 * and the Jaccard index. */
void exports_overlap(struct registry *r, int year, struct sheet *out);
/* Two processes' member governments side by side: in both, or in one. */
enum svc_status exports_compare(struct registry *r, const char *a, const char *b, int year, struct sheet *out,
				struct svc_error *err);
/* The documents the actor may read, newest first (with no date: the
 * registry's documents, never the papers' texts). */
enum svc_status exports_documents(struct registry *r, const struct actor *a, struct sheet *out,
				  struct svc_error *err);

#endif
