/* period.h: SDMX time periods (2019, 2019-S1, 2019-Q3, 2019-07): reading, writing, ordering and the steps between them */
#ifndef RCPHUB_PERIOD_H
#define RCPHUB_PERIOD_H

/* A period of one periodicity: freq 'A' (sub 1), 'S' (1-2), 'Q' (1-4) or
 * 'M' (1-12). */
struct period {
	int year;
	char freq;
	int sub;
};

/* Whether c is a periodicity rcphub keeps: A, S, Q or M. */
int period_freq_valid(char c);
/* Reads an SDMX period: 2019 (or 2019-A1), 2019-S1, 2019-Q3, 2019-07 (or
 * 2019-M07); years 1900 to 2199. 0, or -1 if s is none of these. */
int period_parse(const char *s, struct period *out);
/* The canonical text (2019, 2019-S1, 2019-Q3, 2019-07) into out. */
void period_format(const struct period *p, char out[9]);
/* The period's place in its own sequence: consecutive periods of one
 * periodicity differ by one. */
long period_ordinal(const struct period *p);
/* The period of freq at ordinal (the inverse of period_ordinal). */
struct period period_at(char freq, long ordinal);
/* The first and last month the period covers, counted as year * 12 +
 * month - 1, so that periods of different periodicities compare. */
long period_first_month(const struct period *p);
long period_last_month(const struct period *p);
/* Whether p overlaps the range from..to (either NULL for open): a
 * request for 2019 takes 2019-Q3, and one for 2019-Q3 takes 2019-08. */
int period_within(const struct period *p, const struct period *from, const struct period *to);
/* Whether s is a date given as precisely as it is known: YYYY, YYYY-MM
 * or YYYY-MM-DD, naming a real month or day of the years 1900 to 2999. */
int period_date_valid(const char *s);
/* The day (UTC) of t, in seconds since the epoch, as YYYY-MM-DD. */
void period_day_of(long long t, char out[11]);

#endif
