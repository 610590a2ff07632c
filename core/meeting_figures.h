/* meeting_figures.h: what a process's meetings show: continuity of delegates, level mix, hosting, attendance */
#ifndef RCPHUB_MEETING_FIGURES_H
#define RCPHUB_MEETING_FIGURES_H

#include "account.h"
#include "model.h"

#include <stddef.h>

#define MEETING_RANKS 4

/* The ranks of delegates, lowest first: technical, mid-level, senior,
 * political (NULL-terminated). */
extern const char *const meeting_ranks[MEETING_RANKS + 1];

/* What one meeting shows. continuity is the share of its delegates who
 * attended the previous meeting of the same series (has_continuity 0 for
 * a series' first meeting, a meeting without a series or without
 * delegates). */
struct meeting_figures {
	long long id;
	int number;                 /* its place in its series, from 1; 0 without a series */
	int has_continuity;
	double continuity;
	size_t ranks[MEETING_RANKS];
	size_t delegations;         /* states and organisations that sent someone */
	size_t mixed_delegations;   /* of them, with people of more than one department */
};

/* What one year's meetings show. members_attending is how many of the
 * process's member governments of that year sent anyone, out of members. */
struct year_figures {
	int year;
	size_t meetings;
	size_t ranks[MEETING_RANKS];
	size_t members, members_attending;
};

/* How often a state hosted. */
struct host_figures {
	const char *code, *name;  /* point into the meetings they were made from */
	size_t meetings;
};

struct meeting_indicators {
	struct meeting_figures *meetings;  /* in the order of the list */
	size_t n;
	struct year_figures *years;        /* oldest first */
	size_t nyears;
	struct host_figures *hosts;        /* most first */
	size_t nhosts;
	size_t state_hosted;               /* meetings with a host state */
};

/* The indicators of the meetings in l (one process's, p, by start date,
 * with their delegates). Fills *out (meeting_figures_free); strings point
 * into l. */
void meeting_figures(const struct process *p, const struct meeting_list *l, struct meeting_indicators *out);
void meeting_figures_free(struct meeting_indicators *i);


/* Where a process's meeting cycle stands on a day, for its secretariat:
 * the next meeting (or none) and what it has so far, and the meetings
 * held whose minutes are not final yet. */
struct meeting_checklist {
	const struct meeting *next;   /* points into the list it was made from, or NULL */
	size_t agenda_items, papers, delegations;
	size_t members;               /* the process's member governments on the day */
	const struct meeting **pending;  /* held, minutes not final: none, draft or circulated */
	size_t npending;
};

/* Fills *out from l (one process's meetings, p, by start date, read whole)
 * as of today (YYYY-MM-DD); free with meeting_checklist_free. */
void meeting_checklist(const struct process *p, const struct meeting_list *l, const char *today,
		       struct meeting_checklist *out);
void meeting_checklist_free(struct meeting_checklist *c);
/* The state of m's own minutes: "none", "draft", "circulated" or "final". */
const char *meeting_minutes_state(const struct meeting *m);

#endif
