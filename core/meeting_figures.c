/* meeting_figures.c: what a process's meetings show: continuity of delegates, level mix, hosting, attendance */
#include "meeting_figures.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

const char *const meeting_ranks[MEETING_RANKS + 1] = { "technical", "mid-level", "senior", "political", NULL };

static int rank_index(const char *rank)
{
	for (int i = 0; i < MEETING_RANKS; i++)
		if (strcmp(meeting_ranks[i], rank) == 0)
			return i;
	return 0;
}

static int has_person(const struct meeting *m, const char *name_key)
{
	for (size_t i = 0; i < m->delegates.n; i++)
		if (strcmp(m->delegates.items[i].name_key, name_key) == 0)
			return 1;
	return 0;
}

/* The meeting of the same series before l->items[k], or NULL. */
static const struct meeting *previous_in_series(const struct meeting_list *l, size_t k, int *number)
{
	const struct meeting *m = &l->items[k], *prev = NULL;
	*number = 1;
	for (size_t i = 0; i < k; i++) {
		if (l->items[i].series && strcmp(l->items[i].series, m->series) == 0) {
			prev = &l->items[i];
			++*number;
		}
	}
	return prev;
}

/* The delegations of m (distinct parties) and how many of them brought
 * more than one department. */
static void delegations(const struct meeting *m, size_t *all, size_t *mixed)
{
	*all = *mixed = 0;
	for (size_t i = 0; i < m->delegates.n; i++) {
		const struct delegate *d = &m->delegates.items[i];
		size_t j = 0;
		while (j < i && strcmp(m->delegates.items[j].party, d->party) != 0)
			j++;
		if (j < i)
			continue;  /* counted with its first delegate */
		++*all;
		for (size_t k = i + 1; k < m->delegates.n; k++) {
			const struct delegate *e = &m->delegates.items[k];
			if (strcmp(e->party, d->party) == 0 && d->department && e->department &&
			    strcmp(e->department, d->department) != 0) {
				++*mixed;
				break;
			}
		}
	}
}

static void figures_of(const struct meeting_list *l, size_t k, struct meeting_figures *f)
{
	const struct meeting *m = &l->items[k];
	f->id = m->id;
	const struct meeting *prev = m->series ? previous_in_series(l, k, &f->number) : NULL;
	size_t again = 0;
	for (size_t i = 0; i < m->delegates.n; i++) {
		f->ranks[rank_index(m->delegates.items[i].rank)]++;
		again += prev && has_person(prev, m->delegates.items[i].name_key);
	}
	f->has_continuity = prev && m->delegates.n;
	f->continuity = f->has_continuity ? (double)again / (double)m->delegates.n : 0;
	delegations(m, &f->delegations, &f->mixed_delegations);
}

/* The entry of year in out, added when missing (years kept in order). */
static struct year_figures *year_entry(struct meeting_indicators *out, int year)
{
	for (size_t i = 0; i < out->nyears; i++)
		if (out->years[i].year == year)
			return &out->years[i];
	out->years = xrealloc(out->years, (out->nyears + 1) * sizeof *out->years);
	out->years[out->nyears] = (struct year_figures){ .year = year };
	return &out->years[out->nyears++];
}

/* Whether party sent anyone to a meeting of l in year. */
static int attended_in(const struct meeting_list *l, int year, const char *party)
{
	for (size_t i = 0; i < l->n; i++)
		if (atoi(l->items[i].start) == year)
			for (size_t j = 0; j < l->items[i].delegates.n; j++)
				if (strcmp(l->items[i].delegates.items[j].party, party) == 0)
					return 1;
	return 0;
}

/* Counts p's member governments in the year and how many of them came. */
static void member_attendance(const struct process *p, const struct meeting_list *l, struct year_figures *y)
{
	for (size_t i = 0; i < p->parts.n; i++) {
		const struct participation *pa = &p->parts.items[i];
		if (pa->role != ROLE_MEMBER || pa->kind == PARTY_ORGANISATION || !participation_at(pa, y->year))
			continue;
		y->members++;
		y->members_attending += attended_in(l, y->year, pa->code);
	}
}

static void count_host(struct meeting_indicators *out, const struct meeting *m)
{
	out->state_hosted++;
	for (size_t i = 0; i < out->nhosts; i++) {
		if (strcmp(out->hosts[i].code, m->host) == 0) {
			out->hosts[i].meetings++;
			return;
		}
	}
	out->hosts = xrealloc(out->hosts, (out->nhosts + 1) * sizeof *out->hosts);
	out->hosts[out->nhosts++] = (struct host_figures){ m->host, m->host_name, 1 };
}

static int most_hosted(const void *a, const void *b)
{
	const struct host_figures *x = a, *y = b;
	if (x->meetings != y->meetings)
		return x->meetings > y->meetings ? -1 : 1;
	return strcmp(x->name, y->name);
}

void meeting_figures(const struct process *p, const struct meeting_list *l, struct meeting_indicators *out)
{
	memset(out, 0, sizeof *out);
	out->n = l->n;
	out->meetings = xcalloc(l->n + 1, sizeof *out->meetings);
	for (size_t k = 0; k < l->n; k++) {
		const struct meeting *m = &l->items[k];
		figures_of(l, k, &out->meetings[k]);
		struct year_figures *y = year_entry(out, atoi(m->start));
		y->meetings++;
		for (int i = 0; i < MEETING_RANKS; i++)
			y->ranks[i] += out->meetings[k].ranks[i];
		if (m->host)
			count_host(out, m);
	}
	for (size_t i = 0; i < out->nyears; i++)
		member_attendance(p, l, &out->years[i]);
	if (out->nhosts)
		qsort(out->hosts, out->nhosts, sizeof *out->hosts, most_hosted);
}

void meeting_figures_free(struct meeting_indicators *i)
{
	free(i->meetings);
	free(i->years);
	free(i->hosts);
	memset(i, 0, sizeof *i);
}

const char *meeting_minutes_state(const struct meeting *m)
{
	for (size_t i = 0; i < m->nminutes; i++)
		if (!m->minutes[i].corrects)
			return m->minutes[i].state;
	return "none";
}

void meeting_checklist(const struct process *p, const struct meeting_list *l, const char *today,
		       struct meeting_checklist *out)
{
	memset(out, 0, sizeof *out);
	out->pending = xcalloc(l->n + 1, sizeof *out->pending);
	for (size_t i = 0; i < l->n; i++) {
		const struct meeting *m = &l->items[i];
		if (strcmp(m->start, today) >= 0 && !out->next)
			out->next = m;
		else if (strcmp(m->end, today) < 0 && strcmp(meeting_minutes_state(m), "final") != 0)
			out->pending[out->npending++] = m;
	}
	int year = atoi(today);
	for (size_t i = 0; i < p->parts.n; i++) {
		const struct participation *pa = &p->parts.items[i];
		out->members += pa->role == ROLE_MEMBER && pa->kind != PARTY_ORGANISATION && participation_at(pa, year);
	}
	if (!out->next)
		return;
	size_t mixed;
	out->agenda_items = out->next->nagenda;
	out->papers = out->next->ndocuments;
	delegations(out->next, &out->delegations, &mixed);
}

void meeting_checklist_free(struct meeting_checklist *c)
{
	free(c->pending);
	memset(c, 0, sizeof *c);
}
