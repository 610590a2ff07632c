/* plan_report.h: where a plan's commitments stand on a day: the follow-up report */
#ifndef RCPHUB_PLAN_REPORT_H
#define RCPHUB_PLAN_REPORT_H

#include "account.h"

#include <stddef.h>

/* Where a commitment stood on a day: its latest status then
 * ("not-started" without a report) and whether it is overdue (its item's
 * due day has passed and it is neither done nor dropped). */
struct standing {
	const struct plan_item *item;
	const struct commitment *commitment;
	const char *status;
	const struct progress *latest;  /* or NULL */
	int overdue;
};

/* How one owner stands across a plan's items: first is its first
 * commitment met (for owner and owner_name). */
struct owner_standing {
	const struct commitment *first;
	size_t done, total, overdue;
};

/* The follow-up report of a plan on a day (YYYY-MM-DD): every commitment
 * with its standing, in item order; each owner's tally, in the order first
 * met; and how many of all are done. */
struct plan_report {
	struct standing *rows;
	size_t n;
	struct owner_standing *owners;
	size_t nowners;
	size_t done, total;
};

/* Fills *out for p on day at (plan_report_free); pointers into p. */
void plan_report(const struct plan *p, const char *at, struct plan_report *out);
void plan_report_free(struct plan_report *r);

#endif
