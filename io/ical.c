/* ical.c: meetings as an iCalendar feed (RFC 5545), written with libical */
#include "ical.h"
#include "../core/xalloc.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A YYYY-MM-DD day as an all-day date, days later. */
static struct icaltimetype day(const char *ymd, int days)
{
	struct icaltimetype t = icaltime_null_date();
	if (sscanf(ymd, "%4d-%2d-%2d", &t.year, &t.month, &t.day) != 3)
		return icaltime_null_date();
	t.is_date = 1;
	icaltime_adjust(&t, days, 0, 0, 0);
	return t;
}

static icalcomponent *event(const struct meeting *m, struct icaltimetype stamp)
{
	char uid[64], *description;
	snprintf(uid, sizeof uid, "meeting-%lld@rcphub", m->id);
	description = xasprintf("%s meeting of %s%s%s; who may see it: %s", m->type, m->process,
				m->series ? ", series " : "", m->series ? m->series : "", level_name(m->level));
	icalcomponent *e = icalcomponent_vanew(ICAL_VEVENT_COMPONENT,
		icalproperty_new_uid(uid),
		icalproperty_new_dtstamp(stamp),
		icalproperty_new_dtstart(day(m->start, 0)),
		icalproperty_new_dtend(day(m->end, 1)),
		icalproperty_new_summary(m->title),
		icalproperty_new_description(description),
		icalproperty_new_categories(m->type),
		icalproperty_new_class(m->level == LEVEL_PUBLIC ? ICAL_CLASS_PUBLIC : ICAL_CLASS_CONFIDENTIAL),
		(void *)0);
	if (m->venue || m->host_name) {
		char *where = xasprintf("%s%s%s", m->venue ? m->venue : "", m->venue && m->host_name ? ", " : "",
					m->host_name ? m->host_name : "");
		icalcomponent_add_property(e, icalproperty_new_location(where));
		free(where);
	}
	free(description);
	return e;
}

char *ical_meetings(const struct meeting_list *l, const char *name, size_t *len)
{
	struct icaltimetype stamp = icaltime_current_time_with_zone(icaltimezone_get_utc_timezone());
	icalcomponent *cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
		icalproperty_new_version("2.0"),
		icalproperty_new_prodid("-//rcphub//meetings//EN"),
		icalproperty_new_calscale("GREGORIAN"),
		(void *)0);
	icalproperty *x = icalproperty_new_x(name);
	icalproperty_set_x_name(x, "X-WR-CALNAME");
	icalcomponent_add_property(cal, x);
	for (size_t i = 0; i < l->n; i++)
		icalcomponent_add_component(cal, event(&l->items[i], stamp));
	char *text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (!text)
		abort();
	*len = strlen(text);
	return text;
}
