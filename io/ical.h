/* ical.h: meetings as an iCalendar feed (RFC 5545), written with libical */
#ifndef RCPHUB_ICAL_H
#define RCPHUB_ICAL_H

#include "../core/account.h"

#include <stddef.h>

/* The meetings of l as one VCALENDAR named name: a VEVENT per meeting
 * with its days (all-day dates, the end exclusive as RFC 5545 wants),
 * title, venue, type and level, and a UID that stays the same for the
 * meeting. Returns the text (caller frees) and its length in *len. */
char *ical_meetings(const struct meeting_list *l, const char *name, size_t *len);

#endif
