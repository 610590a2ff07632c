/* assessment.h: a process assessed from its own records: evidence phase by phase, the eleven lessons, the comparison */
#ifndef RCPHUB_ASSESSMENT_SERVICE_H
#define RCPHUB_ASSESSMENT_SERVICE_H

#include "registry.h"
#include "service.h"
#include "../core/assessment.h"
#include "../core/duplication.h"
#include "../core/lessons.h"

/* A process's assessment as one reader may see it, on one day. */
struct assessment {
	const struct process *p;   /* borrowed from the registry's snapshot */
	char day[11];              /* YYYY-MM-DD */
	int year;                  /* the registry's year; 0 for now */
	struct lessons lessons;
	struct evidence_list evidence;  /* by phase, then date */
	size_t by_phase[PHASE_COUNT + 1];
	int interviews_shown;             /* whether the reader may read the interviews */
	struct interview_list interviews;
};

/* Reads at (NULL: today; YYYY: the end of that year; YYYY-MM-DD) into day
 * and the registry's year; SVC_INVALID naming field for anything else or
 * a day to come. */
enum svc_status assessment_day(const char *at, long long now, const char *field, char day[11], int *year,
			       struct svc_error *err);

/* The lessons of the process named, on the day at gives, computed from
 * the records the actor may read (the networks lesson from the counts
 * of focal points, which name no one). */
enum svc_status assessment_lessons(struct registry *r, const struct actor *a, const char *process, const char *at,
				   struct assessment *out, struct svc_error *err);
/* The lessons and the evidence the actor may read, and the interviews
 * for those who may read them. */
enum svc_status assessment_of(struct registry *r, const struct actor *a, const char *process, const char *at,
			      struct assessment *out, struct svc_error *err);
void assessment_free(struct assessment *as);

/* The lessons of every process, in registry order (*n of them, freed
 * with assessment_list_free). */
enum svc_status assessment_compare(struct registry *r, const struct actor *a, const char *at,
				   struct assessment **out, size_t *n, struct svc_error *err);
void assessment_list_free(struct assessment *l, size_t n);

/* Whether two processes duplicate each other, with what it rests on:
 * their meetings as the actor may read them (kept here, for the meeting
 * pairs point into them) and the registry's regional bodies. */
struct duplication_view {
	const struct process *a, *b;  /* borrowed from the registry's snapshot */
	int year;
	struct meeting_list meetings_a, meetings_b;
	struct strlist regional;
	struct duplication d;
};

/* The two processes named compared in the year at gives (NULL: now). */
enum svc_status assessment_duplication(struct registry *r, const struct actor *a, const char *first,
				       const char *second, const char *at, struct duplication_view *out,
				       struct svc_error *err);
void duplication_view_free(struct duplication_view *v);
/* Every pair of processes that is a candidate for merger or cooperation,
 * mergers first, then by the Jaccard index: the pairs (their meeting
 * lists empty) and every process's meetings, read once, which the pairs'
 * meetings in the same weeks point into. */
struct duplication_candidates {
	struct duplication_view *items;
	size_t n;
	struct meeting_list *meetings;  /* one per process, in registry order */
	size_t nmeetings;
};
enum svc_status assessment_candidates(struct registry *r, const struct actor *a, const char *at,
				      struct duplication_candidates *out, struct svc_error *err);
void duplication_candidates_free(struct duplication_candidates *c);

#endif
