/* lessons.h: the report's eleven lessons (section 4) as indicators computed from a process's own records */
#ifndef RCPHUB_LESSONS_H
#define RCPHUB_LESSONS_H

#include "account.h"
#include "model.h"
#include "stats.h"

#include <stddef.h>

#define LESSON_COUNT 11

/* What a lesson's records say, against the process's stage. */
enum lesson_state {
	LESSON_NO_RECORDS,   /* nothing to compute it from: never a zero */
	LESSON_HIDDEN,       /* records exist that the reader may not see */
	LESSON_NOT_YET,      /* none yet, and none expected at the process's age */
	LESSON_WEAK,
	LESSON_PARTIAL,
	LESSON_STRONG,
};
/* "no records", "not visible to you", "not expected yet", "weak", "partial", "strong" */
const char *lesson_state_name(enum lesson_state s);

/* A process's age in years and the stage it gives: founding (under 3
 * years), developing (3 to 9), established (10 and more); age -1 and
 * stage "unknown" when its founding year is not known. */
struct lesson_stage {
	int age;
	const char *stage;
};

/* One lesson as computed: its name, section and gist in the report, the rule
 * (how value and state follow from the records), the value (has_value 0:
 * null, the records cannot give it), its unit ("share", "members",
 * "months", "count"), the reading in words, the records it used as
 * "KIND:ID" (meeting:4, plan:2, focal-point:7, indicator:3, document:9)
 * or "registry:FACT", and what the records cannot show. */
struct lesson {
	int number;
	const char *key, *name, *section, *summary, *rule, *cannot_show;
	enum lesson_state state;
	int has_value;
	double value;
	const char *unit;
	char *reading;
	struct strlist records;
};

/* What the lessons are computed from: one process's records as one
 * reader may read them, all as of day (YYYY-MM-DD; its year is the
 * registry's year, or 0 for now). A NULL list: the reader may read none
 * of that kind, though some may exist (hidden_*: whether some do). */
struct lesson_inputs {
	const struct process *p;
	const char *day;
	int year;
	const struct meeting_list *meetings;         /* read whole (delegates, agenda), by start */
	const struct focal_point_list *focal_points;
	int hidden_focal_points;
	const struct indicator_list *indicators;
	const struct submission_list *submissions;
	const struct plan_list *plans;
	const struct document_list *documents;
};

struct lessons {
	struct lesson_stage stage;
	struct lesson items[LESSON_COUNT];
};

/* Computes the eleven lessons from in into *out (lessons_free). */
void lessons_compute(const struct lesson_inputs *in, struct lessons *out);
void lessons_free(struct lessons *l);
/* The stage of process p on day (YYYY-MM-DD). */
struct lesson_stage lesson_stage_of(const struct process *p, const char *day);

#endif
