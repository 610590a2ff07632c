/* period.c: SDMX time periods (2019, 2019-S1, 2019-Q3, 2019-07): reading, writing, ordering and the steps between them */
#include "period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int per_year(char freq)
{
	switch (freq) {
	case 'S': return 2;
	case 'Q': return 4;
	case 'M': return 12;
	default: return 1;
	}
}

int period_freq_valid(char c)
{
	return c == 'A' || c == 'S' || c == 'Q' || c == 'M';
}

/* Reads n digits of s into *out; 0 or -1. */
static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int period_parse(const char *s, struct period *out)
{
	size_t len = strlen(s);
	struct period p = { .freq = 'A', .sub = 1 };
	if (len < 4 || digits(s, 4, &p.year) || p.year < 1900 || p.year > 2199)
		return -1;
	if (len == 4) {
		*out = p;
		return 0;
	}
	const char *rest = s + 5;
	size_t n = len - 5;
	if (s[4] != '-' || n < 2 || n > 3)
		return -1;
	if (n == 2 && digits(rest, 2, &p.sub) == 0) {
		p.freq = 'M';
	} else if (n == 2 && (rest[0] == 'A' || rest[0] == 'S' || rest[0] == 'Q')) {
		p.freq = rest[0];
		if (digits(rest + 1, 1, &p.sub))
			return -1;
	} else if (n == 3 && rest[0] == 'M') {
		p.freq = 'M';
		if (digits(rest + 1, 2, &p.sub))
			return -1;
	} else {
		return -1;
	}
	if (p.sub < 1 || p.sub > per_year(p.freq))
		return -1;
	*out = p;
	return 0;
}

void period_format(const struct period *p, char out[9])
{
	/* years are 1900-2199: four digits */
	out[0] = (char)('0' + p->year / 1000);
	out[1] = (char)('0' + p->year / 100 % 10);
	out[2] = (char)('0' + p->year / 10 % 10);
	out[3] = (char)('0' + p->year % 10);
	out[4] = '\0';
	if (p->freq == 'A')
		return;
	out[4] = '-';
	if (p->freq == 'M') {
		out[5] = (char)('0' + p->sub / 10);
		out[6] = (char)('0' + p->sub % 10);
		out[7] = '\0';
	} else {
		out[5] = p->freq;
		out[6] = (char)('0' + p->sub);
		out[7] = '\0';
	}
}

long period_ordinal(const struct period *p)
{
	return (long)p->year * per_year(p->freq) + (p->sub - 1);
}

struct period period_at(char freq, long ordinal)
{
	int n = per_year(freq);
	return (struct period){ .year = (int)(ordinal / n), .freq = freq, .sub = (int)(ordinal % n) + 1 };
}

long period_first_month(const struct period *p)
{
	int months = 12 / per_year(p->freq);
	return (long)p->year * 12 + (long)(p->sub - 1) * months;
}

long period_last_month(const struct period *p)
{
	return period_first_month(p) + 12 / per_year(p->freq) - 1;
}

int period_within(const struct period *p, const struct period *from, const struct period *to)
{
	if (from && period_last_month(p) < period_first_month(from))
		return 0;
	if (to && period_first_month(p) > period_last_month(to))
		return 0;
	return 1;
}

void period_day_of(long long t, char out[11])
{
	time_t when = (time_t)t;
	struct tm tm;
	strftime(out, 11, "%Y-%m-%d", gmtime_r(&when, &tm));
}

int period_date_valid(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = atoi(s), m = n > 4 ? atoi(s + 5) : 1, d = n > 7 ? atoi(s + 8) : 1;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= (m == 2 && !leap ? 28 : days[m - 1]);
}
